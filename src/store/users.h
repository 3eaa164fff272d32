/* Storage of users and roles (store/users.c).
 * Part of the storage interface; store/store.h says what every function
 * returns. */
#ifndef SAMSKAP_STORE_USERS_H
#define SAMSKAP_STORE_USERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/user.h"
#include "store/db.h"
#include "util/mem.h"

struct user_new {
    const char *email;          /* lower-cased by the caller */
    const char *name;
    const char *password_hash;
    int64_t birth_year;         /* 0 when not given */
    int64_t now;
};
enum db_rc store_user_create(db *d, const struct user_new *u, int64_t *id);
/* The user and their password hash, by e-mail.  DB_NOTFOUND when none. */
enum db_rc store_user_by_email(db *d, arena *a, const char *email, struct user **u,
                               char **password_hash);
enum db_rc store_user_by_id(db *d, arena *a, int64_t id, struct user **u, char **password_hash);
enum db_rc store_user_set_password(db *d, int64_t id, const char *hash);
enum db_rc store_user_roles(db *d, int64_t id, unsigned *roles);
enum db_rc store_role_grant(db *d, int64_t user_id, enum role role, int64_t by, int64_t now);
/* Revoking the representative role also ends the person's memberships
 * (a representative is someone in org_representatives, with the role);
 * revoking the last administrator's role is DB_CONSTRAINT. */
enum db_rc store_role_revoke(db *d, int64_t user_id, enum role role);
/* Users ordered by name, with roles; filter by a folded substring of name
 * or e-mail when q is not NULL. */
enum db_rc store_users_list(db *d, arena *a, const char *q, int64_t offset, int64_t limit,
                            struct user **list, size_t *n, int64_t *total);
/* Everyone who has a role (for notifying all coordinators). */
enum db_rc store_users_with_role(db *d, arena *a, enum role role, struct user **list, size_t *n);
/* Erases a person: their account, sessions and roles; their comments keep
 * no e-mail.  (The person's right to be forgotten.)  DB_CONSTRAINT for the
 * last administrator: someone must be left to run the site. */
enum db_rc store_user_erase(db *d, int64_t id);

#endif
