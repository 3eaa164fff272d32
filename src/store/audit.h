/* Storage of audit log (store/audit.c) — every administrative action.
 * Part of the storage interface; store/store.h says what every function
 * returns. */
#ifndef SAMSKAP_STORE_AUDIT_H
#define SAMSKAP_STORE_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "util/mem.h"

struct audit_entry {
    int64_t at;
    const char *actor_name;
    const char *action;
    const char *subject;
    const char *detail;
};
enum db_rc store_audit(db *d, int64_t now, int64_t actor_id, const char *action,
                       const char *subject, const char *detail);
enum db_rc store_audit_list(db *d, arena *a, int64_t offset, int64_t limit,
                            struct audit_entry **list, size_t *n);

#endif
