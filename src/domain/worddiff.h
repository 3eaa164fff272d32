/* A word-level diff of two versions of a text (issue 12): the longest
 * common subsequence of their words, so that a reader sees which words
 * were taken out and which put in.
 *
 * Words are runs of non-space bytes; a blank line is a word of its own
 * ("\n\n", a paragraph break), so a change of paragraphs shows too.
 * Memory is bounded: the common beginning and end are taken off first,
 * and the table for what is left is at most WD_MAX_CELLS cells (2 bytes
 * each); beyond that, the middle is split at its paragraph breaks that
 * both sides share in order, and a part still too large is shown as taken
 * out whole and put in whole (a correct diff, only not the shortest). */
#ifndef SAMSKAP_WORDDIFF_H
#define SAMSKAP_WORDDIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "util/mem.h"

enum { WD_MAX_CELLS = 4 * 1000 * 1000 };

enum wd_op { WD_SAME, WD_DEL, WD_INS };

/* A run of words with one operation; text points into the old text
 * (WD_SAME, WD_DEL) or the new one (WD_INS), from its first word's start
 * to its last word's end, spaces between included. */
struct wd_run {
    enum wd_op op;
    const char *text;
    size_t len;
    size_t words;
};

struct worddiff {
    struct wd_run *run;
    size_t n;
    size_t inserted, deleted;   /* words */
};

void worddiff(arena *a, const char *old_text, size_t old_n, const char *new_text, size_t new_n,
              struct worddiff *out);

#endif
