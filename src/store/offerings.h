/* Storage of offerings and their target groups (store/offerings.c).
 * Part of the storage interface; store/store.h says what every function
 * returns.  Every write puts the offering into the search index (published
 * only) in the same transaction. */
#ifndef SAMSKAP_STORE_OFFERINGS_H
#define SAMSKAP_STORE_OFFERINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/offering.h"
#include "store/db.h"
#include "util/mem.h"

enum db_rc store_target_groups(db *d, arena *a, struct target_group **list, size_t *n);
/* o->groups need only their ids; places and hours are written as given. */
enum db_rc store_offering_create(db *d, const struct offering *o, int64_t now, int64_t *id);
enum db_rc store_offering_update(db *d, const struct offering *o, int64_t now);
enum db_rc store_offering_delete(db *d, int64_t id);
/* The offering with its organisation, groups, places and hours. */
enum db_rc store_offering_get(db *d, arena *a, int64_t id, struct offering **o);
/* Offerings with their parts, by title: published only unless all;
 * group_slug ("" or NULL: any) and org_id (0: any) filter. */
enum db_rc store_offerings_list(db *d, arena *a, bool all, const char *group_slug, int64_t org_id,
                                struct offering **list, size_t *n);

#endif
