/* The feedback loop (PRODUCT.md, module 11): people hear about what
 * concerns them — in the site, and by e-mail through the outbox. */
#ifndef SAMSKAP_NOTIFY_H
#define SAMSKAP_NOTIFY_H

#include <stdint.h>

#include "http/req.h"
#include "store/db.h"

/* Notifies one person: an in-site notification with `text` and `link`
 * (a local path), and an e-mail with `subject` and `text` plus the full
 * link.  Part of the action that causes it: call it inside action_run
 * (web/action.h) so that the notice and the e-mail commit with the action,
 * and pass a failure on (the action then stores nothing).  A person who
 * is no longer there (erased) is skipped. */
enum db_rc notify_user(req *r, int64_t user_id, const char *subject, const char *text,
                       const char *link);
/* An in-site notification to everyone with `role` (except the person
 * acting).  The same rules. */
enum db_rc notify_role(req *r, enum role role, const char *text, const char *link);

#endif
