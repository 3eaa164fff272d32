/* Users and roles (PRODUCT.md, "Who uses it").  Rules only: no SQL, no
 * HTML. */
#ifndef SAMSKAP_USER_H
#define SAMSKAP_USER_H

#include <stdbool.h>
#include <stdint.h>

enum role {
    ROLE_UNGDOM,          /* youth 13–18 */
    ROLE_REPRESENTANT,    /* association representative */
    ROLE_KOORDINATOR,     /* coordinator (staff) */
    ROLE_KOMMUNIKATOR,    /* communicator */
    ROLE_REPORTER,        /* citizen reporter: writes posts for review */
    ROLE_KLARSPRAK,       /* plain-language reviewer */
    ROLE_COACH,
    ROLE_JURY,
    ROLE_ADMIN,
    ROLE_COUNT
};

struct user {
    int64_t id;
    const char *name;
    const char *email;       /* never rendered for anyone but the user */
    int64_t birth_year;      /* 0 when not given */
    unsigned roles;          /* bit (1u << enum role) */
    int64_t created_at;
};

/* Stable names as stored in the database ("koordinator"). */
const char *role_name(enum role r);
/* The role for a stored name, or -1. */
int role_from_name(const char *name);

static inline bool user_has(const struct user *u, enum role r)
{
    return u && (u->roles & (1u << r));
}

/* Permissions for the foundation's actions. */
bool can_write_posts(const struct user *u);        /* communicator, reporter, admin */
bool can_publish_posts(const struct user *u);      /* communicator, admin */
bool can_moderate_comments(const struct user *u);  /* communicator, admin */
bool can_manage_users(const struct user *u);       /* admin */
bool can_create_orgs(const struct user *u);        /* admin, coordinator */

/* Validation of account input.  Each returns NULL when fine or a locale
 * key naming the problem. */
const char *validate_email(const char *email);
const char *validate_password(const char *password, const char *email);
const char *validate_person_name(const char *name);

enum { PASSWORD_MIN = 10, PASSWORD_MAX = 128, NAME_MAX_CHARS = 100, EMAIL_MAX = 254 };

#endif
