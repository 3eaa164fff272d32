/* The open calls family: projects, test ideas (list, page, form), assessment
 * and claims.  Implemented by calls.c; who is who and today's date come
 * from web/roles.h and web/dates.h. */
#ifndef SAMSKAP_CALLS_H
#define SAMSKAP_CALLS_H

#include "http/req.h"
#include "store/store.h"
#include "web/dates.h"
#include "web/roles.h"

const char *project_status_label(req *r, enum project_status s);
const char *idea_status_label(req *r, enum idea_status s);
const char *claim_status_label(req *r, enum claim_status s);
/* Answers DB_CONFLICT on an idea: 409, saying what the idea is now. */
void idea_conflict(req *r, int64_t id);
/* Loads a project by slug, or writes 404/500 and returns NULL. */
struct project *load_project(req *r, const char *slug);
/* Loads an idea by the id in the path, checking that r may see it (drafts
 * only by their submitter), or writes 404/500 and returns NULL. */
struct idea *load_idea(req *r, const char *id_text);
/* "Framtidsverkstaden", or "En ungdom (16 år)" — never a young person's name. */
const char *idea_by_line(req *r, const struct idea *i);
/* A claim decision refused for what was typed (a rejection without a
 * comment): the coordinators' queue again with status 400, the error
 * summary at the top and f's error (on field "kommentar-<claim_id>") at
 * that claim's comment, what was typed kept (assessment.c). */
struct form;
void claim_queue_refused(req *r, int64_t claim_id, const struct form *f, const char *typed);

#endif
