/* Kartläggning (store/mapping.c): a request from an umbrella organisation
 * or a coordinator to organisations to fill in their offerings; who has
 * answered, reminders, one-time links (only their hashes are stored). */
#ifndef SAMSKAP_STORE_MAPPING_H
#define SAMSKAP_STORE_MAPPING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "util/mem.h"

struct mapping_request {
    int64_t id;
    int64_t org_id;          /* the asking organisation, 0: coordinators */
    const char *org_name;
    const char *title, *message;
    int64_t created_by, created_at;
    int64_t recipients, answered;
};

struct mapping_recipient {
    int64_t id, request_id, org_id;
    const char *org_name, *org_slug;
    const char *request_title, *request_message, *asker;
    int64_t answered_at;     /* 0: not answered */
    int64_t reminded_at, reminders;
    int64_t offerings;       /* the organisation's offerings now */
};

/* Creates the request and a recipient per org (token_hashes[i] for
 * org_ids[i]); *id is the new request's. */
enum db_rc store_mapping_create(db *d, const struct mapping_request *m, const int64_t *org_ids,
                                const char *const *token_hashes, size_t n, int64_t *id);
/* Requests user may follow: all (coordinators) or those they made or their
 * organisations asked; newest first, with counts. */
enum db_rc store_mapping_list(db *d, arena *a, int64_t user_id, bool all, struct mapping_request **list,
                              size_t *n);
enum db_rc store_mapping_get(db *d, arena *a, int64_t id, struct mapping_request **m,
                             struct mapping_recipient **list, size_t *n);
/* Open (unanswered) requests to organisations user represents. */
enum db_rc store_mapping_to_answer(db *d, arena *a, int64_t user_id, struct mapping_recipient **list,
                                   size_t *n);
/* The recipient of an unused one-time link (DB_NOTFOUND: unknown, used or answered). */
enum db_rc store_mapping_by_token(db *d, arena *a, const char *token_hash, struct mapping_recipient **r);
enum db_rc store_mapping_recipient(db *d, arena *a, int64_t recipient_id, struct mapping_recipient **r);
/* Marks answered (once: DB_CONFLICT when it already was); the link stops working. */
enum db_rc store_mapping_answer(db *d, int64_t recipient_id, int64_t now);
/* A reminder: a new one-time link (the old one stops working). */
enum db_rc store_mapping_remind(db *d, int64_t recipient_id, const char *token_hash, int64_t now);

#endif
