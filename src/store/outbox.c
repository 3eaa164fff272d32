/* The e-mail outbox: messages are written in the same request that causes
 * them and delivered later by the sender (src/mail/sender.c), with retries.
 * A message is locked while one sender works on it, so several server
 * processes can run senders without sending twice. */
#include "store/fault.h"
#include "store/store.h"

enum db_rc store_outbox_add(db *d, int64_t user_id, const char *to_email, const char *to_name,
                            const char *subject, const char *body, int64_t now)
{
    if (store_fault("outbox")) return DB_ERR;
    static const char Q[] =
        "INSERT INTO outbox(user_id, to_email, to_name, subject, body, created_at, "
        "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
    db_stmt *st = db_prepare(d, Q);
    if (user_id) db_bind_int(st, 1, user_id);
    else db_bind_null(st, 1);
    db_bind_text(st, 2, to_email);
    db_bind_text(st, 3, to_name);
    db_bind_text(st, 4, subject);
    db_bind_text(st, 5, body);
    db_bind_int(st, 6, now);
    db_bind_int(st, 7, now);
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
