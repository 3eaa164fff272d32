/* Who r's user is for a page: coordinator, submitter of an idea. */
#ifndef SAMSKAP_WEB_ROLES_H
#define SAMSKAP_WEB_ROLES_H

#include <stdbool.h>

#include "http/req.h"
#include "store/store.h"

bool is_coordinator(req *r);
/* True when r's user wrote the idea or represents its organisation. */
bool is_submitter(req *r, const struct idea *i);
/* The ACTOR_* bits of r's user for the idea. */
unsigned idea_actors(req *r, const struct idea *i);

#endif
