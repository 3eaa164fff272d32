/* Storage of requests to represent an organisation (store/org_requests.c).
 * Part of the storage interface; store/store.h says what every function
 * returns. */
#ifndef SAMSKAP_STORE_ORG_REQUESTS_H
#define SAMSKAP_STORE_ORG_REQUESTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "util/mem.h"

struct org_request {
    int64_t id, org_id, user_id;
    const char *org_name, *org_slug;
    const char *user_name;
    const char *note;
    const char *status; /* "vantar", "godkand", "avslagen" */
    int64_t created_at, decided_at;
};

/* A waiting request.  DB_CONSTRAINT: the person already has one waiting
 * for this organisation. */
enum db_rc store_org_request_add(db *d, int64_t org_id, int64_t user_id, const char *note,
                                 int64_t now, int64_t *id);
enum db_rc store_org_request_get(db *d, arena *a, int64_t id, struct org_request **rq);
/* Waiting requests: for one organisation (org_id > 0), or for every
 * organisation (org_id 0), oldest first. */
enum db_rc store_org_requests_waiting(db *d, arena *a, int64_t org_id, struct org_request **list,
                                      size_t *n);
/* A person's requests, newest first. */
enum db_rc store_org_requests_of(db *d, arena *a, int64_t user_id, struct org_request **list,
                                 size_t *n);
/* Approves or declines a waiting request (UPDATE … WHERE status =
 * 'vantar'): DB_CONFLICT when it was decided already. */
enum db_rc store_org_request_decide(db *d, int64_t id, bool approve, int64_t by, int64_t now);

#endif
