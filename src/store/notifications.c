/* In-site notifications for signed-in people. */
#include "store/fault.h"
#include "store/store.h"

enum db_rc store_notify(db *d, int64_t user_id, const char *text, const char *link, int64_t now)
{
    if (store_fault("notification")) return DB_ERR;
    static const char Q[] =
        "INSERT INTO notifications(user_id, at, text, link) VALUES (?, ?, ?, ?)";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, user_id);
    db_bind_int(st, 2, now);
    db_bind_text(st, 3, text);
    db_bind_text(st, 4, link);
    return db_run(st);
}

enum db_rc store_notifications(db *d, arena *a, int64_t user_id, int64_t limit,
                               struct notification **list, size_t *n)
{
    static const char Q[] =
        "SELECT id, at, text, link, COALESCE(read_at, 0) FROM notifications WHERE user_id = ? "
        "ORDER BY at DESC, id DESC LIMIT ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, user_id);
    db_bind_int(st, 2, limit);
    struct notification *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct notification *x = ARENA_PUSH(a, items, count, cap);
        x->id = db_col_int(st, 0);
        x->at = db_col_int(st, 1);
        x->text = arena_strdup(a, db_col_text(st, 2));
        x->link = arena_strdup(a, db_col_text(st, 3));
        x->read = db_col_int(st, 4) != 0;
    }
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_notifications_unread(db *d, int64_t user_id, int64_t *n)
{
    static const char Q[] =
        "SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, user_id);
    return db_one_int(st, n);
}

enum db_rc store_notification_open(db *d, arena *a, int64_t user_id, int64_t id, int64_t now,
                                   const char **link)
{
    static const char Q[] =
        "UPDATE notifications SET read_at = COALESCE(read_at, ?) WHERE id = ? AND user_id = ? "
        "RETURNING link";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, now);
    db_bind_int(st, 2, id);
    db_bind_int(st, 3, user_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) *link = arena_strdup(a, db_col_text(st, 0));
    db_done(st);
    return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_NOTFOUND : rc;
}

enum db_rc store_notifications_read(db *d, int64_t user_id, int64_t now)
{
    static const char Q[] =
        "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, now);
    db_bind_int(st, 2, user_id);
    return db_run(st);
}
