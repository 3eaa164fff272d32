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
    int64_t actor_id;       /* 0: the system, or a person since erased */
    const char *actor_name;
    const char *action;
    const char *subject;    /* as stored: "user:6", "idea:12", a project's slug ... */
    const char *detail;
    /* What the subject and the detail name today, for the log to be read
     * ("" when it is gone): the person's name, the idea's title, the
     * claim's idea's title, the commented post's title, the meeting's
     * date, the project's title, the organisation's name, the outbox
     * message's recipient; the organisation named by the detail. */
    const char *subject_name;
    const char *subject_ref; /* the claim's idea id, the comment's post slug */
    const char *detail_name;
};
enum db_rc store_audit(db *d, int64_t now, int64_t actor_id, const char *action,
                       const char *subject, const char *detail);
enum db_rc store_audit_list(db *d, arena *a, int64_t offset, int64_t limit,
                            struct audit_entry **list, size_t *n);

#endif
