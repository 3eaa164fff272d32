/* Storage of plain-language reviews (store/reviews.c, migration 0011):
 * review requests, their versions, comments on paragraphs with their
 * places in each version, the authors' answers and the reviewers'
 * verdicts; and the review setting of posts.  Part of the storage
 * interface; store/store.h says what every function returns. */
#ifndef SAMSKAP_STORE_REVIEWS_H
#define SAMSKAP_STORE_REVIEWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "util/mem.h"

struct review {
    int64_t id, author_id, post_id, latest_version, created_at, updated_at;
    const char *author_name, *kind, *title, *question, *deadline;
    int64_t approved_at;      /* latest 'godkand' verdict on the latest version, 0 if none */
    int64_t comments;         /* all comments */
    int64_t verdicts_latest;  /* verdicts on the latest version */
};

struct review_version {
    int64_t id, number, created_at;
    const char *body, *note;
};

struct review_comment {
    int64_t id, version, paragraph, user_id, created_at, answered_at;
    int64_t place;            /* its paragraph in the version asked for, 0 if gone there */
    const char *quote, *body, *user_name, *answer;
};

struct review_verdict_row {
    int64_t id, version, reviewer_id, created_at;
    const char *reviewer_name, *verdict, *note;
};

/* A request with its first version (number 1, body). */
enum db_rc store_review_create(db *d, const struct review *rv, const char *body, int64_t now,
                               int64_t *id);
enum db_rc store_review_get(db *d, arena *a, int64_t id, struct review **rv);
/* Requests, newest first: all (author_id 0) or one author's. */
enum db_rc store_reviews_list(db *d, arena *a, int64_t author_id, struct review **list, size_t *n);
/* Requests with at least one 'godkand' verdict, newest approval first
 * (what the group has reviewed, for its own page). */
enum db_rc store_reviews_approved(db *d, arena *a, int64_t limit, struct review **list, size_t *n);
enum db_rc store_review_version(db *d, arena *a, int64_t request_id, int64_t number,
                                struct review_version **v);
/* Every version, oldest first, with bodies. */
enum db_rc store_review_versions(db *d, arena *a, int64_t request_id,
                                 struct review_version **list, size_t *n);
/* A comment on paragraph `paragraph` of the latest version `version`:
 * DB_CONFLICT when a newer version exists. */
enum db_rc store_review_comment_add(db *d, int64_t request_id, int64_t version, int64_t paragraph,
                                    const char *quote, const char *body, int64_t user_id,
                                    const char *user_name, int64_t now, int64_t *id);
/* All comments of the request, oldest first, each with its place in
 * `version` (0 when it does not stand there). */
enum db_rc store_review_comments(db *d, arena *a, int64_t request_id, int64_t version,
                                 struct review_comment **list, size_t *n);
/* The author's answer to a comment of the request: DB_NOTFOUND when the
 * comment is not the request's. */
enum db_rc store_review_comment_answer(db *d, int64_t request_id, int64_t comment_id,
                                       const char *answer, int64_t now);
/* A new version after `from_version`: DB_CONFLICT when that is no longer
 * the latest.  Every comment placed in from_version is placed in the new
 * version where its passage still stands (domain/review.h, review_carry).
 * *number is the new version's number. */
enum db_rc store_review_revise(db *d, arena *a, int64_t request_id, int64_t from_version,
                               const char *body, const char *note, int64_t by, int64_t now,
                               int64_t *number);
/* A reviewer's verdict on `version` (replacing their earlier verdict on
 * it): DB_CONFLICT when version is not the latest. */
enum db_rc store_review_verdict(db *d, int64_t request_id, int64_t version, int64_t reviewer_id,
                                const char *reviewer_name, const char *verdict, const char *note,
                                int64_t now);
/* Every verdict, newest first. */
enum db_rc store_review_verdicts(db *d, arena *a, int64_t request_id,
                                 struct review_verdict_row **list, size_t *n);

/* Posts: whether a post requires review and when its published text was
 * approved (0: not). */
enum db_rc store_post_review_flags(db *d, int64_t post_id, bool *requires, int64_t *reviewed_at);
enum db_rc store_post_set_requires_review(db *d, int64_t post_id, bool requires);
enum db_rc store_post_set_reviewed(db *d, int64_t post_id, int64_t reviewed_at);
/* When a version of a review of the post with exactly this body got a
 * 'godkand' verdict: the latest such time in *approved_at, 0 if none. */
enum db_rc store_post_approval(db *d, int64_t post_id, const char *body, int64_t *approved_at);
/* The latest review request of a post, DB_NOTFOUND if none. */
enum db_rc store_post_review_id(db *d, int64_t post_id, int64_t *request_id);

/* A post's slug and whether it is a draft. */
enum db_rc store_post_slug(db *d, arena *a, int64_t post_id, const char **slug, bool *draft);
/* A new version of a reviewed draft becomes the post's text (a published
 * post is left as it is). */
enum db_rc store_post_set_draft_body(db *d, int64_t post_id, const char *body_md,
                                     const char *body_html, int64_t now);

#endif
