/* Who r's user is for a page: coordinator, submitter of an idea, and
 * the conflicts of interest that keep a coordinator from deciding. */
#ifndef SAMSKAP_WEB_ROLES_H
#define SAMSKAP_WEB_ROLES_H

#include <stdbool.h>

#include "domain/duty.h"
#include "http/req.h"
#include "store/store.h"

bool is_coordinator(req *r);
/* True when r's user wrote the idea or represents its organisation. */
bool is_submitter(req *r, const struct idea *i);
/* The ACTOR_* bits of r's user for the idea. */
unsigned idea_actors(req *r, const struct idea *i);
/* The conflict of interest r's user has with `what` (domain/duty.h:
 * separation of duties), by the organisations they represent today; -1
 * when those could not be read (answer with page_fail). */
int duty_conflict_of(req *r, const struct duty_subject *what);
/* r's user as duty_check's actor (one query for a whole list); false when
 * their organisations could not be read (answer with page_fail). */
bool duty_actor_of(req *r, struct duty_actor *who);

#endif
