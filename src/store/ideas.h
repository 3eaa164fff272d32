/* Storage of ideas (store/ideas.c).
 * Part of the storage interface; store/store.h says what every function
 * returns. */
#ifndef SAMSKAP_STORE_IDEAS_H
#define SAMSKAP_STORE_IDEAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/idea.h"
#include "domain/project.h"
#include "store/db.h"
#include "util/mem.h"

/* Inserts an idea (status as given, normally draft) with its lines and
 * partners, and records who created it. */
enum db_rc store_idea_create(db *d, const struct idea *i, int64_t actor_id, int64_t now,
                             int64_t *id);
/* Replaces the texts, lines and partners of an idea that is still
 * editable (draft / needs changes): DB_CONFLICT when it is not (any more). */
enum db_rc store_idea_update(db *d, const struct idea *i, int64_t now);
/* The idea with project, organisation, lines (with category names) and
 * partners. */
enum db_rc store_idea_get(db *d, arena *a, int64_t id, struct idea **out);
/* One page of a project's public ideas, newest first; status < 0: all but
 * drafts.  *total from the kept counts, not by counting rows. */
enum db_rc store_ideas_list(db *d, arena *a, int64_t project_id, int status, int64_t offset,
                            int64_t limit, struct idea **list, size_t *n, int64_t *total);
/* A person's own ideas and those of the organisations they represent now
 * (as is_submitter in web/roles.c). */
enum db_rc store_ideas_of_user(db *d, arena *a, int64_t user_id, struct idea **list, size_t *n);
/* Ideas waiting for coordinators: submitted or under review. */
enum db_rc store_ideas_to_assess(db *d, arena *a, struct idea **list, size_t *n);
/* Counts per status of a project's ideas (indexed by enum idea_status). */
enum db_rc store_idea_counts(db *d, int64_t project_id, int64_t counts[IDEA_STATUS_COUNT]);
/* Moves an idea from `from` to `to` and records it.  DB_CONFLICT when the
 * idea is not in `from` any more (someone else acted first). */
enum db_rc store_idea_transition(db *d, int64_t id, enum idea_status from, enum idea_status to,
                                 int64_t actor_id, const char *actor_name, const char *note,
                                 int64_t now);
/* A decision on an idea under review: approved (with granted amounts per
 * line, in the same order as i->lines), needs changes or declined, with a
 * message to the submitter.  Grants are checked against the project
 * budget atomically: DB_CONSTRAINT when they would exceed it;
 * DB_CONFLICT when the idea is no longer under review. */
enum db_rc store_idea_decide(db *d, const struct idea *i, enum idea_status to,
                             const char *message, int64_t actor_id, const char *actor_name,
                             int64_t now);
enum db_rc store_idea_set_notes(db *d, int64_t id, const char *notes, int64_t now);

struct idea_event {
    int64_t at;
    const char *actor_name;
    enum idea_status from, to;
    const char *note;
};
enum db_rc store_idea_events(db *d, arena *a, int64_t idea_id, struct idea_event **list,
                             size_t *n);

struct assessment {
    int64_t criterion_id;
    int64_t assessor_id;
    const char *assessor_name;
    bool met;
    const char *note;
    int64_t at;
};
/* Records (or replaces) one coordinator's judgement of one criterion. */
enum db_rc store_assessment_put(db *d, int64_t idea_id, const struct assessment *as);
enum db_rc store_assessments(db *d, arena *a, int64_t idea_id, struct assessment **list,
                             size_t *n);

#endif
