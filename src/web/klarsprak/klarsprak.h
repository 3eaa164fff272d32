/* Plain-language review (issue 12), shared by the pages of
 * src/web/klarsprak/: who may do what, loading a review request, the
 * readability figures and the marked text, and the part the post pages
 * use (a post that requires review is published only in an approved
 * version). */
#ifndef SAMSKAP_WEB_KLARSPRAK_H
#define SAMSKAP_WEB_KLARSPRAK_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/readability.h"
#include "domain/post.h"
#include "http/req.h"
#include "store/store.h"
#include "web/pages.h"

/* A reviewer of the klarspråk group (the klarspråksgranskare role). */
bool ks_is_reviewer(req *r);
/* May send texts to review: communicators, citizen reporters,
 * coordinators, administrators. */
bool ks_may_send(req *r);
/* May read the review (its author, reviewers, communicators, admins). */
bool ks_may_see(req *r, const struct review *rv);
/* The review named by r->params[0], readable by r's user; NULL after
 * writing 404 (also when not allowed to see it: its existence is not
 * told) or 500. */
struct review *ks_load(req *r);
/* "/klarsprak/granskning/<id>" */
const char *ks_link(req *r, int64_t id);

/* The officialese list (data/klarsprak/ord.txt), parsed once per process. */
const struct officialese_list *ks_officialese(req *r);
/* A figure with two decimals and a decimal comma ("21,29"). */
const char *ks_num(req *r, double v);
/* The figures as a summary list; with `before`, each as "before → now". */
void ks_figures(req *r, const struct readability *m, const struct readability *before);
/* The text with numbered paragraphs (id "stycke-N"), long sentences,
 * long words and officialese marked (not by colour alone: underlines,
 * borders and words for screen readers), then the officialese found with
 * their alternatives.  with_numbers: paragraph numbers shown (review). */
void ks_marked_text(req *r, const char *text, const struct readability *m,
                    const struct officialese_hit *hits, size_t nh, bool with_numbers);
/* The officialese found, as a list of "word → alternative". */
void ks_officialese_list(req *r, const char *text, const struct readability *m,
                         const struct officialese_hit *hits, size_t nh);
/* What the figures mean and what they cannot say. */
void ks_explain(req *r);

/* Tells every reviewer but `except`, in the site and by e-mail (part of
 * the caller's action). */
enum db_rc ks_tell_reviewers(req *r, int64_t except, const char *subject, const char *text,
                             const char *link);
/* The kind of text and the verdict in words. */
const char *ks_kind_label(req *r, const char *kind);
const char *ks_verdict_label(req *r, const char *verdict);

/* ---- posts (called from web/posts/posts.c) ---- */
/* The review setting and approval of post_id: whether it requires review,
 * and when its text `body` was approved (0: not).  False after page_fail. */
bool ks_post_state(req *r, int64_t post_id, const char *body, bool *requires, int64_t *approved_at);
/* Refuses publishing a post that requires review unless `approved_at`. */
void ks_post_check(struct form *f, bool requires, bool publishing, int64_t approved_at);
/* Saves the setting and, when published with approval, the mark. */
enum db_rc ks_post_save(req *r, int64_t post_id, bool requires, bool published, int64_t approved_at);
/* On the post page: "Granskad av klarspråksgruppen <date>" for a
 * published reviewed post; for its writers, the review's state and a link
 * (or a link to send it). */
void ks_post_mark(req *r, const struct post *p, bool may_edit);

#endif
