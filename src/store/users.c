/* People and their roles. */
#include <string.h>

#include "store/names.h"
#include "store/store.h"
#include "util/text.h"

enum db_rc store_user_create(db *d, const struct user_new *u, int64_t *id)
{
    static const char Q[] =
        "INSERT INTO users(email, name, name_fold, password_hash, birth_year, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
    arena *a = arena_new();
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, u->email);
    db_bind_text(st, 2, u->name);
    db_bind_text(st, 3, text_sort_key(a, u->name));
    db_bind_text(st, 4, u->password_hash);
    if (u->birth_year) db_bind_int(st, 5, u->birth_year);
    else db_bind_null(st, 5);
    db_bind_int(st, 6, u->now);
    enum db_rc rc = db_one_int(st, id);
    arena_free(a);
    return rc;
}

#define USER_COLS "u.id, u.name, u.email, COALESCE(u.birth_year, 0), u.created_at, u.password_hash"

static struct user *read_user(db_stmt *st, arena *a, char **hash)
{
    struct user *u = arena_alloc(a, sizeof *u);
    u->id = db_col_int(st, 0);
    u->name = arena_strdup(a, db_col_text(st, 1));
    u->email = arena_strdup(a, db_col_text(st, 2));
    u->birth_year = db_col_int(st, 3);
    u->created_at = db_col_int(st, 4);
    if (hash) *hash = arena_strdup(a, db_col_text(st, 5));
    return u;
}

static enum db_rc one_user(db *d, db_stmt *st, arena *a, struct user **u, char **hash)
{
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *u = read_user(st, a, hash);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_NOTFOUND;
    }
    db_done(st);
    if (rc == DB_OK) rc = store_user_roles(d, (*u)->id, &(*u)->roles);
    return rc;
}

enum db_rc store_user_by_email(db *d, arena *a, const char *email, struct user **u,
                               char **hash)
{
    static const char Q[] = "SELECT " USER_COLS " FROM users u WHERE u.email = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, email);
    return one_user(d, st, a, u, hash);
}

enum db_rc store_user_by_id(db *d, arena *a, int64_t id, struct user **u, char **hash)
{
    static const char Q[] = "SELECT " USER_COLS " FROM users u WHERE u.id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, id);
    return one_user(d, st, a, u, hash);
}

enum db_rc store_user_set_password(db *d, int64_t id, const char *hash)
{
    static const char Q[] = "UPDATE users SET password_hash = ? WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, hash);
    db_bind_int(st, 2, id);
    return db_run(st);
}

enum db_rc store_user_roles(db *d, int64_t id, unsigned *roles)
{
    static const char Q[] = "SELECT role FROM user_roles WHERE user_id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, id);
    *roles = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int r = role_from_name(db_col_text(st, 0));
        if (!store_name_known(r, "user_roles role", db_col_text(st, 0))) {
            rc = DB_ERR;
            break;
        }
        *roles |= 1u << r;
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_role_grant(db *d, int64_t user_id, enum role role, int64_t by, int64_t now)
{
    static const char Q[] =
        "INSERT INTO user_roles(user_id, role, granted_by, granted_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (user_id, role) DO NOTHING";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, user_id);
    db_bind_text(st, 2, role_name(role));
    if (by) db_bind_int(st, 3, by);
    else db_bind_null(st, 3);
    db_bind_int(st, 4, now);
    return db_run(st);
}

/* DB_CONSTRAINT when the user is an administrator and nobody else is. */
static enum db_rc check_not_last_admin(db *d, int64_t user_id)
{
    static const char Q[] =
        "SELECT (SELECT COUNT(*) FROM user_roles WHERE role = ? AND user_id = ?), "
        "(SELECT COUNT(*) FROM user_roles WHERE role = ? AND user_id <> ?)";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, role_name(ROLE_ADMIN));
    db_bind_int(st, 2, user_id);
    db_bind_text(st, 3, role_name(ROLE_ADMIN));
    db_bind_int(st, 4, user_id);
    enum db_rc rc = db_step(st);
    bool last = rc == DB_ROW && db_col_int(st, 0) > 0 && db_col_int(st, 1) == 0;
    db_done(st);
    if (rc != DB_ROW) return rc == DB_DONE ? DB_ERR : rc;
    return last ? DB_CONSTRAINT : DB_OK;
}

struct revoke { int64_t user_id; enum role role; };

static enum db_rc revoke_tx(db *d, void *ctx)
{
    const struct revoke *v = ctx;
    enum db_rc rc = DB_OK;
    if (v->role == ROLE_ADMIN && (rc = check_not_last_admin(d, v->user_id)) != DB_OK) return rc;
    if (v->role == ROLE_REPRESENTANT) { /* the role and the memberships go together */
        db_stmt *st = db_prepare(d, "DELETE FROM org_representatives WHERE user_id = ?");
        db_bind_int(st, 1, v->user_id);
        if ((rc = db_run(st)) != DB_OK) return rc;
    }
    db_stmt *st = db_prepare(d, "DELETE FROM user_roles WHERE user_id = ? AND role = ?");
    db_bind_int(st, 1, v->user_id);
    db_bind_text(st, 2, role_name(v->role));
    return db_run(st);
}

enum db_rc store_role_revoke(db *d, int64_t user_id, enum role role)
{
    struct revoke v = {user_id, role};
    return db_tx(d, true, revoke_tx, &v);
}

/* Roles for a page of users in one query, not one per user. */
static enum db_rc roles_for(db *d, struct user *list, size_t n)
{
    if (n == 0) return DB_OK;
    static const char Q[] =
        "SELECT user_id, role FROM user_roles WHERE user_id >= ? AND user_id <= ?";
    int64_t lo = list[0].id, hi = list[0].id;
    for (size_t i = 1; i < n; i++) {
        if (list[i].id < lo) lo = list[i].id;
        if (list[i].id > hi) hi = list[i].id;
    }
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, lo);
    db_bind_int(st, 2, hi);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t uid = db_col_int(st, 0);
        int r = role_from_name(db_col_text(st, 1));
        if (!store_name_known(r, "user_roles role", db_col_text(st, 1))) {
            rc = DB_ERR;
            break;
        }
        for (size_t i = 0; i < n; i++)
            if (list[i].id == uid) list[i].roles |= 1u << r;
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_users_list(db *d, arena *a, const char *q, int64_t offset, int64_t limit,
                            struct user **list, size_t *n, int64_t *total)
{
    static const char Q_COUNT[] =
        "SELECT COUNT(*) FROM users WHERE (? = '' OR name_fold LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\')";
    static const char Q[] =
        "SELECT " USER_COLS " FROM users u WHERE (? = '' OR u.name_fold LIKE ? ESCAPE '\\' OR u.email LIKE ? ESCAPE '\\') "
        "ORDER BY u.name_fold, u.id LIMIT ? OFFSET ?";
    const char *fold = q ? text_sort_key(a, q) : "";
    char *pattern = like_pattern(a, fold);
    db_stmt *st = db_prepare(d, Q_COUNT);
    db_bind_text(st, 1, fold);
    db_bind_text(st, 2, pattern);
    db_bind_text(st, 3, pattern);
    enum db_rc rc = db_one_int(st, total);
    if (rc != DB_OK) return rc;
    st = db_prepare(d, Q);
    db_bind_text(st, 1, fold);
    db_bind_text(st, 2, pattern);
    db_bind_text(st, 3, pattern);
    db_bind_int(st, 4, limit);
    db_bind_int(st, 5, offset);
    *list = arena_alloc(a, (size_t)(limit > 0 ? limit : 1) * sizeof **list);
    *n = 0;
    while ((rc = db_step(st)) == DB_ROW && *n < (size_t)limit)
        (*list)[(*n)++] = *read_user(st, a, NULL);
    db_done(st);
    if (rc != DB_DONE && rc != DB_ROW) return rc;
    return roles_for(d, *list, *n);
}

enum db_rc store_users_with_role(db *d, arena *a, enum role role, struct user **list, size_t *n)
{
    static const char Q[] =
        "SELECT " USER_COLS " FROM users u JOIN user_roles r ON r.user_id = u.id "
        "WHERE r.role = ? ORDER BY u.id LIMIT 500";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, role_name(role));
    struct user *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) *ARENA_PUSH(a, items, count, cap) = *read_user(st, a, NULL);
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

static enum db_rc erase_tx(db *d, void *ctx)
{
    int64_t id = *(int64_t *)ctx;
    enum db_rc rc = check_not_last_admin(d, id);
    if (rc != DB_OK) return rc;
    static const char Q_COMMENTS[] =
        "UPDATE comments SET email = '', user_id = NULL "
        "WHERE user_id = ? OR email = (SELECT email FROM users WHERE id = ?)";
    static const char Q_USER[] = "DELETE FROM users WHERE id = ?";
    db_stmt *st = db_prepare(d, Q_COMMENTS);
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, id);
    rc = db_run(st);
    if (rc == DB_OK) rc = store_hack_forget_person(d, id);
    if (rc != DB_OK) return rc;
    st = db_prepare(d, Q_USER);
    db_bind_int(st, 1, id);
    int64_t changed = 0;
    rc = db_run_changes(st, &changed);
    if (rc != DB_OK) return rc;
    return changed ? DB_OK : DB_NOTFOUND;
}

enum db_rc store_user_erase(db *d, int64_t id)
{
    return db_tx(d, true, erase_tx, &id);
}
