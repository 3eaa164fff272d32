/* Plain-language review (issue 12): the rules of a review request — the
 * kinds of text, the verdicts, who may judge which version, the paragraphs
 * of a text (comments point at them by number) and whether a comment
 * still applies to a new version.  No SQL, no HTTP; today comes in. */
#ifndef SAMSKAP_REVIEW_H
#define SAMSKAP_REVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/mem.h"

enum review_kind { RK_INLAGG, RK_UTLYSNING, RK_BREVMALL, RK_PROTOKOLL, RK_FRITEXT, RK_COUNT };
enum review_verdict { RV_GODKAND, RV_GODKAND_MED_ANDRINGAR, RV_SKRIV_OM, RV_COUNT };

enum {
    REVIEW_TITLE_MAX = 200,
    REVIEW_QUESTION_MAX = 2000,
    REVIEW_TEXT_MAX = 60000,       /* characters; a post's body is as long */
    REVIEW_TOOL_MAX = 100000,      /* the readability tool takes more */
    REVIEW_COMMENT_MAX = 4000,
    REVIEW_QUOTE_MAX = 500,
    REVIEW_NOTE_MAX = 2000,
    REVIEW_MAX_DAYS = 366,         /* a deadline at most a year ahead */
};

const char *review_kind_name(enum review_kind k);      /* "inlagg", "utlysning", … */
int review_kind_from_name(const char *s);              /* -1 when unknown */
const char *review_verdict_name(enum review_verdict v); /* "godkand", … */
int review_verdict_from_name(const char *s);

/* May `reviewer` judge `version` of a text by `author` whose latest version
 * is `latest`?  NULL when yes, else a locale key:
 * "klarsprak.err.own_text" (nobody judges their own text),
 * "klarsprak.err.not_latest" (only the latest version can be judged). */
const char *review_may_judge(int64_t author_id, int64_t reviewer_id, int64_t version,
                             int64_t latest);

/* A deadline "YYYY-MM-DD" from today to REVIEW_MAX_DAYS ahead: NULL when
 * fine, else "klarsprak.err.deadline_format" / "klarsprak.err.deadline_past" /
 * "klarsprak.err.deadline_far". */
const char *review_check_deadline(const char *deadline, const char *today);

/* The paragraphs of a text: blocks separated by blank lines, numbered
 * from 1 in the order they stand; each without its surrounding spaces. */
struct review_par {
    size_t off, len;
};
struct review_par *review_paragraphs(arena *a, const char *text, size_t *n);

/* Where a comment on paragraph `paragraph` of old_text (quoting `quote`,
 * possibly "") stands in new_text: the paragraph number there, or 0 when
 * it no longer applies.  With a quote: the paragraph of new_text that
 * holds the quote (the one with the same number when several do); without
 * one: the paragraph of new_text identical to the old paragraph. */
int64_t review_carry(arena *a, const char *old_text, const char *new_text, int64_t paragraph,
                     const char *quote);

/* True when the quote stands in the paragraph (1-based) of text. */
bool review_quote_in(arena *a, const char *text, int64_t paragraph, const char *quote);

#endif
