/* Fixed-window counters in the database, so that the limit holds across
 * every server process. */
#include "store/store.h"

enum db_rc store_rate_hit(db *d, const char *bucket, int64_t now, int64_t window, int64_t *hits)
{
    static const char Q[] =
        "INSERT INTO rate_limits(bucket, window_start, hits) VALUES (?, ?, 1) "
        "ON CONFLICT (bucket) DO UPDATE SET "
        "hits = CASE WHEN rate_limits.window_start <= ? THEN 1 ELSE rate_limits.hits + 1 END, "
        "window_start = CASE WHEN rate_limits.window_start <= ? THEN excluded.window_start "
        "ELSE rate_limits.window_start END "
        "RETURNING hits";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, bucket);
    db_bind_int(st, 2, now);
    db_bind_int(st, 3, now - window);
    db_bind_int(st, 4, now - window);
    return db_one_int(st, hits);
}

enum db_rc store_rate_peek(db *d, const char *bucket, int64_t now, int64_t window, int64_t *hits)
{
    static const char Q[] =
        "SELECT hits FROM rate_limits WHERE bucket = ? AND window_start > ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, bucket);
    db_bind_int(st, 2, now - window);
    enum db_rc rc = db_one_int(st, hits);
    if (rc == DB_NOTFOUND) {
        *hits = 0;
        rc = DB_OK;
    }
    return rc;
}

enum db_rc store_rate_clear(db *d, const char *bucket)
{
    static const char Q[] = "DELETE FROM rate_limits WHERE bucket = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, bucket);
    return db_run(st);
}
