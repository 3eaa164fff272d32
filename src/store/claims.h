/* Storage of expense claims and the ledger (store/claims.c).
 * Part of the storage interface; store/store.h says what every function
 * returns. */
#ifndef SAMSKAP_STORE_CLAIMS_H
#define SAMSKAP_STORE_CLAIMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/claim.h"
#include "domain/idea.h"
#include "store/db.h"
#include "util/mem.h"

enum db_rc store_claim_create(db *d, const struct claim *c, const void *receipt, size_t len,
                              int64_t now, int64_t *id);
enum db_rc store_claims_of_idea(db *d, arena *a, int64_t idea_id, struct claim **list,
                                size_t *n);
/* Claims waiting for coordinators: submitted (to decide) and approved (to pay). */
enum db_rc store_claims_open(db *d, arena *a, struct claim **list, size_t *n);
enum db_rc store_claim_get(db *d, arena *a, int64_t id, struct claim **c);
enum db_rc store_claim_receipt(db *d, arena *a, int64_t id, const void **data, size_t *len);
/* Approve (the line's approved total may not exceed its grant:
 * DB_CONSTRAINT), reject, or mark paid.  DB_NOTFOUND when the claim is not
 * in a state that allows it (someone else acted first). */
enum db_rc store_claim_decide(db *d, int64_t id, enum claim_status to, const char *note,
                              int64_t actor_id, int64_t now);

struct ledger_row {
    int64_t category_id;
    const char *category;
    int64_t asked, granted, claimed, approved, paid;
};
/* Per category of the project: asked (ideas past draft), granted, claimed
 * (not rejected), approved (incl. paid), paid.  One row per category. */
enum db_rc store_ledger(db *d, arena *a, int64_t project_id, struct ledger_row **rows,
                        size_t *n);

#endif
