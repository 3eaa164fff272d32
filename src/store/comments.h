/* Storage of comments (store/comments.c).
 * Part of the storage interface; store/store.h says what every function
 * returns. */
#ifndef SAMSKAP_STORE_COMMENTS_H
#define SAMSKAP_STORE_COMMENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/post.h"
#include "store/db.h"
#include "util/mem.h"

enum db_rc store_comment_create(db *d, const struct comment *c, const char *client_hash,
                                int64_t user_id, int64_t now, int64_t *id);
/* At most limit approved comments of a post, oldest first, skipping the
 * first offset (a page of them: the post page shows COMMENTS_PER_PAGE). */
enum db_rc store_comments_approved(db *d, arena *a, int64_t post_id, int64_t offset,
                                   int64_t limit, struct comment **list, size_t *n);
/* Comments waiting for moderation, oldest first, with their post. */
enum db_rc store_comments_pending(db *d, arena *a, struct comment **list, size_t *n);
/* Approves or rejects a pending comment; keeps the post's comment count.
 * DB_CONFLICT when it is not pending (someone moderated it first),
 * DB_NOTFOUND when there is no such comment. */
enum db_rc store_comment_moderate(db *d, int64_t id, enum comment_status to, int64_t by,
                                  int64_t now);

#endif
