/* Storage of rate limits (store/ratelimit.c) — fixed windows per bucket.
 * Part of the storage interface; store/store.h says what every function
 * returns. */
#ifndef SAMSKAP_STORE_RATELIMIT_H
#define SAMSKAP_STORE_RATELIMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "util/mem.h"

/* Counts one event; *hits is the count in the current window. */
enum db_rc store_rate_hit(db *d, const char *bucket, int64_t now, int64_t window, int64_t *hits);
/* Reads the count without counting. */
enum db_rc store_rate_peek(db *d, const char *bucket, int64_t now, int64_t window, int64_t *hits);
enum db_rc store_rate_clear(db *d, const char *bucket);
/* Atomic check-and-take: one attempt when fewer than max were taken in the
 * window (DB_OK, *hits the new count), else DB_NOTFOUND and nothing taken. */
enum db_rc store_rate_take(db *d, const char *bucket, int64_t now, int64_t window, int64_t max,
                           int64_t *hits);
enum db_rc store_rate_give_back(db *d, const char *bucket);

#endif
