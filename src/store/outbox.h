/* Storage of e-mail outbox (store/outbox.c).
 * Part of the storage interface; store/store.h says what every function
 * returns. */
#ifndef SAMSKAP_STORE_OUTBOX_H
#define SAMSKAP_STORE_OUTBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "util/mem.h"

struct mail {
    int64_t id;
    const char *to_email, *to_name, *subject, *body;
    int64_t attempts;
};
enum db_rc store_outbox_add(db *d, int64_t user_id, const char *to_email, const char *to_name,
                            const char *subject, const char *body, int64_t now);
/* Takes up to `limit` due messages and locks them for `lock` seconds, so
 * that another sender process does not send them too. */
enum db_rc store_outbox_take(db *d, arena *a, int64_t now, int64_t lock, int limit,
                             struct mail **list, size_t *n);
enum db_rc store_outbox_sent(db *d, int64_t id, int64_t now);
/* A failed attempt: retry at next_at, or give up when give_up. */
enum db_rc store_outbox_retry(db *d, int64_t id, int64_t next_at, bool give_up,
                              const char *error);
/* Messages not yet sent (for tests and the health of the sender). */
enum db_rc store_outbox_pending(db *d, int64_t *n);

#endif
