/* The e-mail outbox: messages are written in the same request that causes
 * them and delivered later by the sender (src/mail/sender.c), with retries.
 * A message is locked while one sender works on it, so several server
 * processes can run senders without sending twice. */
#include <string.h>

#include "store/fault.h"
#include "store/store.h"

enum db_rc store_outbox_add(db *d, int64_t user_id, const char *to_email, const char *to_name,
                            const char *subject, const char *body, int64_t now)
{
    return store_outbox_add_kind(d, "avisering", user_id, to_email, to_name, subject, body, now);
}

enum db_rc store_outbox_add_kind(db *d, const char *kind, int64_t user_id, const char *to_email,
                                 const char *to_name, const char *subject, const char *body,
                                 int64_t now)
{
    if (store_fault("outbox")) return DB_ERR;
    static const char Q[] =
        "INSERT INTO outbox(user_id, to_email, to_name, subject, body, created_at, "
        "next_attempt_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    db_stmt *st = db_prepare(d, Q);
    if (user_id) db_bind_int(st, 1, user_id);
    else db_bind_null(st, 1);
    db_bind_text(st, 2, to_email);
    db_bind_text(st, 3, to_name);
    db_bind_text(st, 4, subject);
    db_bind_text(st, 5, body);
    db_bind_int(st, 6, now);
    db_bind_int(st, 7, now);
    db_bind_text(st, 8, kind);
    return db_run(st);
}

enum db_rc store_outbox_take(db *d, arena *a, int64_t now, int64_t lock, int limit,
                             struct mail **list, size_t *n)
{
    static const char Q_DUE[] =
        "SELECT id FROM outbox WHERE sent_at IS NULL AND failed = 0 AND next_attempt_at <= ? "
        "AND locked_until <= ? ORDER BY next_attempt_at, id LIMIT ?";
    static const char Q_LOCK[] =
        "UPDATE outbox SET locked_until = ? WHERE id = ? AND sent_at IS NULL AND locked_until <= ? "
        "RETURNING to_email, to_name, subject, body, attempts";
    int64_t ids[64];
    size_t nid = 0;
    if (limit > 64) limit = 64;
    db_stmt *st = db_prepare(d, Q_DUE);
    db_bind_int(st, 1, now);
    db_bind_int(st, 2, now);
    db_bind_int(st, 3, limit);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && nid < 64) ids[nid++] = db_col_int(st, 0);
    db_done(st);
    if (rc != DB_DONE && rc != DB_ROW) return rc;
    struct mail *items = NULL;
    size_t count = 0, cap = 0;
    for (size_t k = 0; k < nid; k++) {
        st = db_prepare(d, Q_LOCK);
        db_bind_int(st, 1, now + lock);
        db_bind_int(st, 2, ids[k]);
        db_bind_int(st, 3, now);
        rc = db_step(st);
        if (rc == DB_ROW) {
            struct mail *m = ARENA_PUSH(a, items, count, cap);
            m->id = ids[k];
            m->to_email = arena_strdup(a, db_col_text(st, 0));
            m->to_name = arena_strdup(a, db_col_text(st, 1));
            m->subject = arena_strdup(a, db_col_text(st, 2));
            m->body = arena_strdup(a, db_col_text(st, 3));
            m->attempts = db_col_int(st, 4);
        }
        db_done(st);
        if (rc != DB_ROW && rc != DB_DONE) return rc;
    }
    *list = items;
    *n = count;
    return DB_OK;
}

enum db_rc store_outbox_sent(db *d, int64_t id, int64_t now)
{
    static const char Q[] =
        "UPDATE outbox SET sent_at = ?, attempts = attempts + 1, locked_until = 0 WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, now);
    db_bind_int(st, 2, id);
    return db_run(st);
}

enum db_rc store_outbox_retry(db *d, int64_t id, int64_t next_at, bool give_up,
                              const char *error)
{
    static const char Q[] =
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, failed = ?, "
        "last_error = ?, locked_until = 0 WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, next_at);
    db_bind_int(st, 2, give_up ? 1 : 0);
    db_bind_text(st, 3, error ? error : "");
    db_bind_int(st, 4, id);
    return db_run(st);
}

enum db_rc store_outbox_pending(db *d, int64_t *n)
{
    static const char Q[] = "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed = 0";
    return db_one_int(db_prepare(d, Q), n);
}

/* state: 0 waiting, 1 sent, 2 failed, 3 any (the enum's order) */
#define OUTBOX_STATE_SQL \
    "(CASE WHEN sent_at IS NOT NULL THEN 1 WHEN failed <> 0 THEN 2 ELSE 0 END)"

enum db_rc store_outbox_list(db *d, arena *a, enum outbox_state state, int64_t offset,
                             int64_t limit, struct outbox_row **list, size_t *n, int64_t *total)
{
    static const char Q_COUNT[] =
        "SELECT COUNT(*) FROM outbox WHERE (? = 3 OR " OUTBOX_STATE_SQL " = ?)";
    static const char Q[] =
        "SELECT id, COALESCE(user_id, 0), to_name, to_email, subject, kind, last_error, attempts, "
        "created_at, next_attempt_at, COALESCE(sent_at, 0), " OUTBOX_STATE_SQL " "
        "FROM outbox WHERE (? = 3 OR " OUTBOX_STATE_SQL " = ?) "
        "ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";
    db_stmt *st = db_prepare(d, Q_COUNT);
    db_bind_int(st, 1, state);
    db_bind_int(st, 2, state);
    enum db_rc rc = db_one_int(st, total);
    if (rc != DB_OK) return rc;
    st = db_prepare(d, Q);
    db_bind_int(st, 1, state);
    db_bind_int(st, 2, state);
    db_bind_int(st, 3, limit);
    db_bind_int(st, 4, offset);
    struct outbox_row *items = NULL;
    size_t count = 0, cap = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        struct outbox_row *m = ARENA_PUSH(a, items, count, cap);
        m->id = db_col_int(st, 0);
        m->user_id = db_col_int(st, 1);
        m->to_name = arena_strdup(a, db_col_text(st, 2));
        const char *at = strrchr(db_col_text(st, 3), '@');
        m->to_domain = arena_strdup(a, at ? at + 1 : "");
        m->subject = arena_strdup(a, db_col_text(st, 4));
        m->kind = arena_strdup(a, db_col_text(st, 5));
        m->last_error = arena_strdup(a, db_col_text(st, 6));
        m->attempts = db_col_int(st, 7);
        m->created_at = db_col_int(st, 8);
        m->next_attempt_at = db_col_int(st, 9);
        m->sent_at = db_col_int(st, 10);
        m->state = (enum outbox_state)db_col_int(st, 11);
    }
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_outbox_counts(db *d, int64_t counts[3])
{
    static const char Q[] =
        "SELECT " OUTBOX_STATE_SQL ", COUNT(*) FROM outbox GROUP BY " OUTBOX_STATE_SQL;
    db_stmt *st = db_prepare(d, Q);
    counts[0] = counts[1] = counts[2] = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t s = db_col_int(st, 0);
        if (s >= 0 && s < 3) counts[s] = db_col_int(st, 1);
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_outbox_requeue(db *d, int64_t id, int64_t now, int64_t *attempts)
{
    static const char Q_HAVE[] =
        "SELECT attempts FROM outbox WHERE id = ? AND failed <> 0 AND sent_at IS NULL";
    static const char Q_ANY[] = "SELECT COUNT(*) FROM outbox WHERE id = ?";
    static const char Q[] =
        "UPDATE outbox SET failed = 0, attempts = 0, next_attempt_at = ?, locked_until = 0 "
        "WHERE id = ? AND failed <> 0 AND sent_at IS NULL";
    db_stmt *st = db_prepare(d, Q_HAVE);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_one_int(st, attempts);
    if (rc == DB_NOTFOUND) {
        int64_t have = 0;
        st = db_prepare(d, Q_ANY);
        db_bind_int(st, 1, id);
        rc = db_one_int(st, &have);
        if (rc != DB_OK) return rc;
        return have ? DB_CONFLICT : DB_NOTFOUND;
    }
    if (rc != DB_OK) return rc;
    st = db_prepare(d, Q);
    db_bind_int(st, 1, now);
    db_bind_int(st, 2, id);
    int64_t changed = 0;
    rc = db_run_changes(st, &changed);
    if (rc != DB_OK) return rc;
    return changed ? DB_OK : DB_CONFLICT;
}
