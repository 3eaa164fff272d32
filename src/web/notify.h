/* The feedback loop (PRODUCT.md, module 11): people hear about what
 * concerns them — in the site, and by e-mail through the outbox. */
#ifndef SAMSKAP_NOTIFY_H
#define SAMSKAP_NOTIFY_H

#include <stdint.h>

#include "http/req.h"

/* Notifies one person: an in-site notification with `text` and `link`
 * (a local path), and an e-mail with `subject` and `text` plus the full
 * link.  Failures are logged, never shown to the person acting. */
void notify_user(req *r, int64_t user_id, const char *subject, const char *text,
                 const char *link);
/* An in-site notification to everyone with `role`. */
void notify_role(req *r, enum role role, const char *text, const char *link);

#endif
