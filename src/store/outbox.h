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
/* The same with its kind named ("avisering": a personal notice, the
 * default; "sammanfattning": the moderation digest). */
enum db_rc store_outbox_add_kind(db *d, const char *kind, int64_t user_id, const char *to_email,
                                 const char *to_name, const char *subject, const char *body,
                                 int64_t now);
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

/* The administrators' view of the outbox (web/admin/outbox.c): what a
 * message is and how its delivery stands -- never its body, which is not
 * even read. */
enum outbox_state { OUTBOX_WAITING, OUTBOX_SENT, OUTBOX_FAILED, OUTBOX_ANY };
struct outbox_row {
    int64_t id, user_id;
    const char *to_name, *to_domain; /* the address's domain only */
    const char *subject, *kind, *last_error;
    int64_t attempts, created_at, next_attempt_at, sent_at; /* sent_at 0: not sent */
    enum outbox_state state;
};
/* Newest first, in one state or OUTBOX_ANY; *total counts them all. */
enum db_rc store_outbox_list(db *d, arena *a, enum outbox_state state, int64_t offset,
                             int64_t limit, struct outbox_row **list, size_t *n, int64_t *total);
/* Messages per state (waiting, sent, failed). */
enum db_rc store_outbox_counts(db *d, int64_t counts[3]);
/* A failed message back to waiting, due now, with its attempts counted
 * from zero again.  DB_NOTFOUND: no such message; DB_CONFLICT: it is not
 * (or no longer) failed. *attempts: how many it had. */
enum db_rc store_outbox_requeue(db *d, int64_t id, int64_t now, int64_t *attempts);

#endif
