/* Storage of what waits for moderation and the moderation digest
 * (store/moderation.c): comments and topic suggestions not yet decided,
 * counted for the navigation's badge and listed for the desk and the
 * digest; who asked for the daily digest.
 * Part of the storage interface; store/store.h says what every function
 * returns. */
#ifndef SAMSKAP_STORE_MODERATION_H
#define SAMSKAP_STORE_MODERATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "util/mem.h"

/* Comments waiting for moderation; topic suggestions waiting for a
 * coordinator (either pointer may be NULL: not counted). */
enum db_rc store_waiting_counts(db *d, int64_t *comments, int64_t *suggestions);

/* Waiting topic suggestions per group (groups with none left out). */
struct waiting_group {
    const char *slug, *name;
    int64_t count;
};
enum db_rc store_waiting_by_group(db *d, arena *a, struct waiting_group **list, size_t *n);

/* The daily digest: a person's choice (no row: off). */
enum db_rc store_digest_get(db *d, int64_t user_id, bool *on);
enum db_rc store_digest_set(db *d, int64_t user_id, bool on, int64_t now);
/* Who asked for it and has had none on `day` ('YYYY-MM-DD'). */
enum db_rc store_digest_due(db *d, arena *a, const char *day, int64_t **user_ids, size_t *n);
/* Marks the digest of `day` as queued for the person; *claimed false when
 * another process (or an earlier run) did so first. */
enum db_rc store_digest_claim(db *d, int64_t user_id, const char *day, bool *claimed);

#endif
