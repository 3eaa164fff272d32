/* The storage interface: what the rest of samskap may ask of the database.
 * One file per concept implements it (users.c, sessions.c, posts.c ...),
 * over the engine-neutral connection in db.h, so the same code serves
 * SQLite and PostgreSQL.
 *
 * Every function returns enum db_rc (DB_OK, DB_NOTFOUND, DB_CONSTRAINT,
 * DB_RETRY, DB_ERR).  Objects returned through pointers are allocated
 * from the arena the caller passes and live as long as it. */
#ifndef SAMSKAP_STORE_H
#define SAMSKAP_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "domain/org.h"
#include "domain/post.h"
#include "domain/user.h"
#include "store/db.h"
#include "util/mem.h"

/* ---- migrations (migrate.c) ---- */
enum db_rc store_migrate(db *d, int *applied);
/* Latest migration version known to this binary and applied to d. */
int store_schema_version(db *d);

/* ---- settings (settings.c) ---- */
enum db_rc store_setting_get(db *d, arena *a, const char *key, char **value);
/* Inserts unless the key exists; never overwrites. */
enum db_rc store_setting_init(db *d, const char *key, const char *value);

/* ---- users and roles (users.c) ---- */
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
enum db_rc store_role_revoke(db *d, int64_t user_id, enum role role);
/* Users ordered by name, with roles; filter by a folded substring of name
 * or e-mail when q is not NULL. */
enum db_rc store_users_list(db *d, arena *a, const char *q, int64_t offset, int64_t limit,
                            struct user **list, size_t *n, int64_t *total);
/* Erases a person: their account, sessions and roles; their comments keep
 * no e-mail.  (The person's right to be forgotten.) */
enum db_rc store_user_erase(db *d, int64_t id);

/* ---- sessions (sessions.c) ---- */
enum { SESSION_LIFETIME = 30 * 24 * 3600 };
enum db_rc store_session_create(db *d, const char *token_hash, int64_t user_id, int64_t now);
/* The signed-in user of a live session, with roles. */
enum db_rc store_session_user(db *d, arena *a, const char *token_hash, int64_t now,
                              struct user **u);
enum db_rc store_session_delete(db *d, const char *token_hash);
/* Signs a user out everywhere except the session except_hash (may be NULL). */
enum db_rc store_sessions_delete_user(db *d, int64_t user_id, const char *except_hash);
enum db_rc store_sessions_purge(db *d, int64_t now);

/* ---- rate limits (ratelimit.c): fixed windows per bucket ---- */
/* Counts one event; *hits is the count in the current window. */
enum db_rc store_rate_hit(db *d, const char *bucket, int64_t now, int64_t window, int64_t *hits);
/* Reads the count without counting. */
enum db_rc store_rate_peek(db *d, const char *bucket, int64_t now, int64_t window, int64_t *hits);
enum db_rc store_rate_clear(db *d, const char *bucket);

/* ---- one-time form keys (nonces.c): a form submitted twice acts once ---- */
/* DB_OK the first time a key is used, DB_CONSTRAINT after that. */
enum db_rc store_nonce_use(db *d, const char *nonce, int64_t now);

/* ---- audit log (audit.c): every administrative action ---- */
struct audit_entry {
    int64_t at;
    const char *actor_name;
    const char *action;
    const char *subject;
    const char *detail;
};
enum db_rc store_audit(db *d, int64_t now, int64_t actor_id, const char *action,
                       const char *subject, const char *detail);
enum db_rc store_audit_list(db *d, arena *a, int64_t offset, int64_t limit,
                            struct audit_entry **list, size_t *n);

/* ---- organisations (orgs.c) ---- */
enum db_rc store_org_create(db *d, const struct org *o, int64_t now, int64_t *id);
enum db_rc store_org_update(db *d, const struct org *o, int64_t now);
enum db_rc store_org_by_slug(db *d, arena *a, const char *slug, struct org **o);
enum db_rc store_org_by_id(db *d, arena *a, int64_t id, struct org **o);
/* All organisations by name (the directory), optionally only one kind
 * (kind < 0: all) and matching a folded name substring. */
enum db_rc store_orgs_list(db *d, arena *a, int kind, const char *q, struct org **list,
                           size_t *n);
/* Member organisations of an umbrella. */
enum db_rc store_org_members(db *d, arena *a, int64_t parent_id, struct org **list, size_t *n);
enum db_rc store_org_add_rep(db *d, int64_t org_id, int64_t user_id);
enum db_rc store_org_remove_rep(db *d, int64_t org_id, int64_t user_id);
/* DB_OK when user represents the organisation, DB_NOTFOUND otherwise. */
enum db_rc store_org_is_rep(db *d, int64_t org_id, int64_t user_id);
enum db_rc store_org_reps(db *d, arena *a, int64_t org_id, struct user **list, size_t *n);
/* Organisations a user represents. */
enum db_rc store_user_orgs(db *d, arena *a, int64_t user_id, struct org **list, size_t *n);

/* ---- posts (posts.c) ---- */
enum db_rc store_post_create(db *d, const struct post *p, int64_t now, int64_t *id);
enum db_rc store_post_update(db *d, const struct post *p, int64_t now);
enum db_rc store_post_by_slug(db *d, arena *a, const char *slug, struct post **p);
/* Published posts, newest first; bodies only when with_body (feeds). */
enum db_rc store_posts_published(db *d, arena *a, int64_t offset, int64_t limit, bool with_body,
                                 struct post **list, size_t *n, int64_t *total);
/* Drafts, for writers. */
enum db_rc store_posts_drafts(db *d, arena *a, struct post **list, size_t *n);
/* True (DB_OK) when slug is free. */
enum db_rc store_post_slug_free(db *d, const char *slug);

/* ---- comments (comments.c) ---- */
enum db_rc store_comment_create(db *d, const struct comment *c, const char *client_hash,
                                int64_t user_id, int64_t now, int64_t *id);
/* Approved comments of a post, oldest first. */
enum db_rc store_comments_approved(db *d, arena *a, int64_t post_id, struct comment **list,
                                   size_t *n);
/* Comments waiting for moderation, oldest first, with their post. */
enum db_rc store_comments_pending(db *d, arena *a, struct comment **list, size_t *n);
/* Approves or rejects a pending comment; keeps the post's comment count.
 * DB_NOTFOUND when it is not pending (already moderated). */
enum db_rc store_comment_moderate(db *d, int64_t id, enum comment_status to, int64_t by,
                                  int64_t now);

#endif
