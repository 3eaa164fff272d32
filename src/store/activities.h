/* Storage of activities (store/activities.c).
 * Part of the storage interface; store/store.h says what every function
 * returns. */
#ifndef SAMSKAP_STORE_ACTIVITIES_H
#define SAMSKAP_STORE_ACTIVITIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/meeting.h"
#include "domain/user.h"
#include "store/db.h"
#include "util/mem.h"

/* The activities store_activities_list gives (newest first, at most 500)
 * with only id, title and their organisations' names filled (the other
 * members "" or 0), in one query: the agenda editor's select list. */
enum db_rc store_activity_choices(db *d, arena *a, struct activity **list, size_t *n);
enum db_rc store_activity_create(db *d, const struct activity *act, int64_t now, int64_t *id);
/* Replaces texts, counts, organisations and links. */
enum db_rc store_activity_update(db *d, const struct activity *act, int64_t now);
enum db_rc store_activity_get(db *d, arena *a, int64_t id, struct activity **act);
/* Activities by status (< 0: all), newest first, with organisations. */
enum db_rc store_activities_list(db *d, arena *a, int status, struct activity **list, size_t *n);
/* The activity made from an idea, if any. */
enum db_rc store_activity_of_idea(db *d, int64_t idea_id, int64_t *id);
/* One report, one truth (issue 8): the activity made from an idea follows
 * the idea.  `made` is activity_from_idea(): when the idea has an activity,
 * its status becomes made->status and, when `report` is not NULL, its
 * report becomes `report`; when it has none and `create` is true, `made`
 * is created (with `report`, if any); else nothing.  *id is the activity
 * (0 when there is none). */
enum db_rc store_activity_follow_idea(db *d, const struct activity *made, const char *report, bool create,
                                      int64_t now, int64_t *id);
enum db_rc store_activity_add_participant(db *d, int64_t activity_id, int64_t user_id);
enum db_rc store_activity_participants(db *d, arena *a, int64_t activity_id, struct user **list,
                                       size_t *n);

/* The participants of an activity not yet told about its result and
 * feedback, marked told now (one statement: two saves at once tell each
 * person once).  Their user ids in *users. */
enum db_rc store_activity_tell_participants(db *d, arena *a, int64_t activity_id, int64_t now, int64_t **users,
                                            size_t *n);

#endif
