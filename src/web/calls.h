/* Shared by the page families of open calls (projects.c, ideas.c,
 * assessment.c, claims.c). */
#ifndef SAMSKAP_CALLS_H
#define SAMSKAP_CALLS_H

#include "http/req.h"
#include "domain/duty.h"
#include "store/store.h"

bool is_coordinator(req *r);
/* Today as YYYY-MM-DD in Europe/Stockholm. */
const char *today_ymd(req *r);
const char *project_status_label(req *r, enum project_status s);
const char *idea_status_label(req *r, enum idea_status s);
const char *claim_status_label(req *r, enum claim_status s);
/* Loads a project by slug, or writes 404/500 and returns NULL. */
struct project *load_project(req *r, const char *slug);
/* Loads an idea by the id in the path, checking that r may see it (drafts
 * only by their submitter), or writes 404/500 and returns NULL. */
struct idea *load_idea(req *r, const char *id_text);
/* True when r's user wrote the idea or represents its organisation. */
bool is_submitter(req *r, const struct idea *i);
/* The ACTOR_* bits of r's user for the idea. */
unsigned idea_actors(req *r, const struct idea *i);
/* The conflict of interest r's user has with `what` (domain/duty.h), by
 * the organisations they represent today; -1 when those could not be read
 * (answer with page_fail). */
int duty_conflict_of(req *r, const struct duty_subject *what);
/* "Framtidsverkstaden", or "En ungdom (16 år)" — never a young person's name. */
const char *idea_by_line(req *r, const struct idea *i);

#endif
