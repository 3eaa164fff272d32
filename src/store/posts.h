/* Storage of posts (store/posts.c).
 * Part of the storage interface; store/store.h says what every function
 * returns. */
#ifndef SAMSKAP_STORE_POSTS_H
#define SAMSKAP_STORE_POSTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/post.h"
#include "store/db.h"
#include "util/mem.h"

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

#endif
