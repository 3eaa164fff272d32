/* Sessions live in the database so any server process can serve any
 * request and a restart signs nobody out.  Only a hash of the token is
 * stored: a copy of the database does not give away live sessions. */
#include "store/names.h"
#include "store/store.h"

enum db_rc store_session_create(db *d, const char *token_hash, int64_t user_id, int64_t now)
{
    static const char Q[] =
        "INSERT INTO sessions(token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, token_hash);
    db_bind_int(st, 2, user_id);
    db_bind_int(st, 3, now);
    db_bind_int(st, 4, now + SESSION_LIFETIME);
    return db_run(st);
}

/* Every signed-in request asks this: the person and their roles come in
 * one statement (a row per role), one read instead of two. */
enum db_rc store_session_user(db *d, arena *a, const char *token_hash, int64_t now,
                              struct user **u)
{
    static const char Q[] =
        "SELECT u.id, u.name, u.email, COALESCE(u.birth_year, 0), u.created_at, r.role "
        "FROM sessions s JOIN users u ON u.id = s.user_id "
        "LEFT JOIN user_roles r ON r.user_id = u.id "
        "WHERE s.token_hash = ? AND s.expires_at > ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, token_hash);
    db_bind_int(st, 2, now);
    struct user *x = NULL;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (!x) {
            x = arena_alloc(a, sizeof *x);
            x->id = db_col_int(st, 0);
            x->name = arena_strdup(a, db_col_text(st, 1));
            x->email = arena_strdup(a, db_col_text(st, 2));
            x->birth_year = db_col_int(st, 3);
            x->created_at = db_col_int(st, 4);
            x->roles = 0;
        }
        if (db_col_null(st, 5)) continue;
        int role = role_from_name(db_col_text(st, 5));
        if (!store_name_known(role, "user_roles role", db_col_text(st, 5))) {
            rc = DB_ERR;
            break;
        }
        x->roles |= 1u << role;
    }
    db_done(st);
    if (rc != DB_DONE) return rc;
    if (!x) return DB_NOTFOUND;
    *u = x;
    return DB_OK;
}

enum db_rc store_session_delete(db *d, const char *token_hash)
{
    static const char Q[] = "DELETE FROM sessions WHERE token_hash = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, token_hash);
    return db_run(st);
}

enum db_rc store_sessions_delete_user(db *d, int64_t user_id, const char *except_hash)
{
    static const char Q[] = "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, user_id);
    db_bind_text(st, 2, except_hash ? except_hash : "");
    return db_run(st);
}

enum db_rc store_sessions_purge(db *d, int64_t now)
{
    static const char Q[] = "DELETE FROM sessions WHERE expires_at <= ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, now);
    return db_run(st);
}
