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

enum db_rc store_activity_create(db *d, const struct activity *act, int64_t now, int64_t *id);
/* Replaces texts, counts, organisations and links. */
enum db_rc store_activity_update(db *d, const struct activity *act, int64_t now);
enum db_rc store_activity_get(db *d, arena *a, int64_t id, struct activity **act);
/* Activities by status (< 0: all), newest first, with organisations. */
enum db_rc store_activities_list(db *d, arena *a, int status, struct activity **list, size_t *n);
/* The activity made from an idea, if any. */
enum db_rc store_activity_of_idea(db *d, int64_t idea_id, int64_t *id);
enum db_rc store_activity_add_participant(db *d, int64_t activity_id, int64_t user_id);
enum db_rc store_activity_participants(db *d, arena *a, int64_t activity_id, struct user **list,
                                       size_t *n);

#endif
