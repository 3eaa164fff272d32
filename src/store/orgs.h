/* Storage of organisations (store/orgs.c).
 * Part of the storage interface; store/store.h says what every function
 * returns. */
#ifndef SAMSKAP_STORE_ORGS_H
#define SAMSKAP_STORE_ORGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/org.h"
#include "domain/user.h"
#include "store/db.h"
#include "util/mem.h"

enum db_rc store_org_create(db *d, const struct org *o, int64_t now, int64_t *id);
enum db_rc store_org_update(db *d, const struct org *o, int64_t now);
enum db_rc store_org_by_slug(db *d, arena *a, const char *slug, struct org **o);
enum db_rc store_org_by_id(db *d, arena *a, int64_t id, struct org **o);
/* All organisations by name with only id, slug and name filled (the
 * other members are "" or 0): for a form's select list, which needs no
 * descriptions, parents or kinds and is on every such form's GET. */
enum db_rc store_org_names(db *d, arena *a, struct org **list, size_t *n);
/* All organisations by name (the directory), optionally only one kind
 * (kind < 0: all) and matching a folded name substring. */
enum db_rc store_orgs_list(db *d, arena *a, int kind, const char *q, struct org **list,
                           size_t *n);
/* Member organisations of an umbrella. */
enum db_rc store_org_members(db *d, arena *a, int64_t parent_id, struct org **list, size_t *n);
enum db_rc store_org_add_rep(db *d, int64_t org_id, int64_t user_id);
enum db_rc store_org_remove_rep(db *d, int64_t org_id, int64_t user_id);
/* *yes: the user represents the organisation. */
enum db_rc store_org_is_rep(db *d, int64_t org_id, int64_t user_id, bool *yes);
enum db_rc store_org_reps(db *d, arena *a, int64_t org_id, struct user **list, size_t *n);
/* Organisations a user represents. */
enum db_rc store_user_orgs(db *d, arena *a, int64_t user_id, struct org **list, size_t *n);

#endif
