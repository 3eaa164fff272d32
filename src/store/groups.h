/* Storage of groups (store/groups.c).
 * Part of the storage interface; store/store.h says what every function
 * returns. */
#ifndef SAMSKAP_STORE_GROUPS_H
#define SAMSKAP_STORE_GROUPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/meeting.h"
#include "store/db.h"
#include "util/mem.h"

enum db_rc store_group_create(db *d, const struct group *g, int64_t now, int64_t *id);
/* The group with its member organisations and people. */
enum db_rc store_group_by_slug(db *d, arena *a, const char *slug, struct group **g);
enum db_rc store_groups_list(db *d, arena *a, struct group **list, size_t *n);
enum db_rc store_group_add_org(db *d, int64_t group_id, int64_t org_id, const char *name);
enum db_rc store_group_add_person(db *d, int64_t group_id, const char *name, const char *title,
                                  const char *phone, bool contact);

struct suggestion {
    int64_t id;
    const char *name, *text;
    int64_t created_at;
};
/* user_id: the signed-in author's account, 0 when anonymous. */
enum db_rc store_suggestion_add(db *d, int64_t group_id, const char *name, const char *text,
                                const char *client_hash, int64_t user_id, int64_t now);
/* Suggestions in a status ("vantar", "godkand"), oldest first. */
enum db_rc store_suggestions(db *d, arena *a, int64_t group_id, const char *status,
                             struct suggestion **list, size_t *n);
/* DB_CONFLICT when not waiting (already moderated); DB_NOTFOUND when not the group's. */
enum db_rc store_suggestion_moderate(db *d, int64_t group_id, int64_t id, bool approve,
                                     int64_t by);

#endif
