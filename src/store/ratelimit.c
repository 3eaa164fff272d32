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

/* Takes one attempt from the bucket when fewer than max were taken in the
 * window, in one statement: the check and the count cannot be separated by
 * a concurrent request (SQLite has one writer; PostgreSQL locks the row for
 * ON CONFLICT DO UPDATE and evaluates the WHERE on its newest version).
 * DB_NOTFOUND when the bucket is full (nothing changed). */
enum db_rc store_rate_take(db *d, const char *bucket, int64_t now, int64_t window, int64_t max,
                           int64_t *hits)
{
    static const char Q[] =
        "INSERT INTO rate_limits(bucket, window_start, hits) VALUES (?, ?, 1) "
        "ON CONFLICT (bucket) DO UPDATE SET "
        "hits = CASE WHEN rate_limits.window_start <= ? THEN 1 ELSE rate_limits.hits + 1 END, "
        "window_start = CASE WHEN rate_limits.window_start <= ? THEN excluded.window_start "
        "ELSE rate_limits.window_start END "
        "WHERE rate_limits.window_start <= ? OR rate_limits.hits < ? "
        "RETURNING hits";
    if (max < 1) return DB_NOTFOUND;
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, bucket);
    db_bind_int(st, 2, now);
    db_bind_int(st, 3, now - window);
    db_bind_int(st, 4, now - window);
    db_bind_int(st, 5, now - window);
    db_bind_int(st, 6, max);
    return db_one_int(st, hits);
}

/* Gives back one attempt taken by store_rate_take (it turned out not to
 * count: a right password, or the check never ran). */
enum db_rc store_rate_give_back(db *d, const char *bucket)
{
    static const char Q[] = "UPDATE rate_limits SET hits = hits - 1 WHERE bucket = ? AND hits > 0";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, bucket);
    return db_run(st);
}
