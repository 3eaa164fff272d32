/* Key/value settings shared by every server process (the CSRF secret). */
#include "store/store.h"

enum db_rc store_setting_get(db *d, arena *a, const char *key, char **value)
{
    static const char Q[] = "SELECT value FROM settings WHERE key = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, key);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *value = arena_strdup(a, db_col_text(st, 0));
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_NOTFOUND;
    }
    db_done(st);
    return rc;
}

enum db_rc store_setting_init(db *d, const char *key, const char *value)
{
    static const char Q[] =
        "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, key);
    db_bind_text(st, 2, value);
    return db_run(st);
}

/* One statement, not three: each autocommit read costs SQLite a lock
 * cycle and PostgreSQL a round trip, on every page.  CASE leaves out
 * the counts not asked for (an uncorrelated subquery runs when reached);
 * each count stops at PAGE_FRAME_CAP. */
enum db_rc store_page_frame(db *d, arena *a, int64_t user_id, bool comments, bool suggestions,
                            struct page_frame *out)
{
    static const char Q[] =
        "SELECT (SELECT value FROM settings WHERE key = 'org.name'), "
        "CASE WHEN ? <> 0 THEN (SELECT COUNT(*) FROM (SELECT 1 FROM notifications "
        "WHERE user_id = ? AND read_at IS NULL LIMIT 100) n) ELSE 0 END, "
        "CASE WHEN ? <> 0 THEN (SELECT COUNT(*) FROM (SELECT 1 FROM comments "
        "WHERE status = 'vantar' LIMIT 100) c) ELSE 0 END, "
        "CASE WHEN ? <> 0 THEN (SELECT COUNT(*) FROM (SELECT 1 FROM topic_suggestions "
        "WHERE status = 'vantar' LIMIT 100) t) ELSE 0 END"; /* PAGE_FRAME_CAP */
    *out = (struct page_frame){0};
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, user_id);
    db_bind_int(st, 2, user_id);
    db_bind_int(st, 3, user_id && comments);
    db_bind_int(st, 4, user_id && suggestions);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        if (!db_col_null(st, 0)) out->org_name = arena_strdup(a, db_col_text(st, 0));
        out->unread = db_col_int(st, 1);
        out->comments_waiting = db_col_int(st, 2);
        out->suggestions_waiting = db_col_int(st, 3);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_ERR; /* a SELECT without FROM always has its row */
    }
    db_done(st);
    return rc;
}
