/* Readability figures for plain-language review (issue 12): words,
 * sentences and letters counted in Unicode the way a reader reads them,
 * LIX with its Swedish band, OVIX, sentence lengths, the long sentences
 * and long words (with their places in the text, for marking), and the
 * officialese words of a list a communicator keeps (data/klarsprak/ord.txt).
 *
 * Counting rules (docs/DESIGN.md, "Plain-language review"):
 *   - a word is a run of letters and digits; a hyphen, an apostrophe or a
 *     colon between two of them keeps the word whole ("e-post", "3:e",
 *     "EU:s"), as do '.', ',' and ':' between digits ("1,5", "08.30") and
 *     '.' before a lower-case letter ("t.ex", "www.helsingborg.se");
 *   - letters are Unicode letters (å, ä, ö, é, ü, ß, Greek, Cyrillic, …);
 *     digits count as no letters, so a number is a word but never long;
 *   - a long word has more than six letters;
 *   - a sentence ends at '.', '!', '?' or '…' (a run of them is one end),
 *     except the '.' of an abbreviation in the list below ("t.ex.", "bl.a.",
 *     "m.m.", "dvs.", "kl.", …); at the end of a paragraph (a blank line);
 *     and at the end of a heading line ("# …") or a list item ("- …",
 *     "* …", "• …", "1. …", "1) …"), whose marker is not a word;
 *   - LIX = words / sentences + 100 × long words / words;
 *   - OVIX = log(words) / log(2 − log(distinct words) / log(words)), with
 *     words folded to lower case; undefined (and reported as such) when
 *     there are fewer than two words or every word is distinct.
 * The classification of code points is a small table of ranges, not a
 * Unicode library: Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic and
 * the scripts after them are letters; punctuation, symbols and spaces are
 * not.  Invalid UTF-8 is the caller's to refuse; here a bad byte is a
 * separator. */
#ifndef SAMSKAP_READABILITY_H
#define SAMSKAP_READABILITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/mem.h"

enum { RD_LONG_WORD = 6, RD_LONG_SENTENCE = 25 };

struct rd_word {
    size_t off, len;     /* bytes in the text */
    const char *fold;    /* lower-case copy (ASCII, Latin-1, Greek, Cyrillic) */
    uint32_t letters;    /* Unicode letters (digits not counted) */
    uint32_t sentence;   /* index into sentences */
    bool is_long;        /* letters > RD_LONG_WORD */
};

struct rd_sentence {
    size_t off, len;     /* from its first word to its end mark (inclusive) */
    uint32_t words;
    uint32_t first_word;
    uint32_t paragraph;  /* 1-based, paragraphs separated by blank lines */
};

struct readability {
    size_t words, sentences, long_words, letters, distinct;
    size_t long_sentences;      /* more than RD_LONG_SENTENCE words */
    size_t longest_sentence;    /* words in the longest sentence */
    size_t paragraphs;
    double lix;                 /* 0 when there are no words */
    double ovix;                /* valid only when ovix_defined */
    bool ovix_defined;
    double mean_sentence;       /* words per sentence; 0 without sentences */
    struct rd_word *word;
    struct rd_sentence *sentence;
};

/* Measures text[0..n) (Markdown or plain).  Allocates from a. */
void readability_measure(arena *a, const char *text, size_t n, struct readability *out);

/* The Swedish band of a LIX value as a locale key:
 * "klarsprak.band.mycket_latt" (< 30), ".latt" (30–40), ".medel" (40–50),
 * ".svar" (50–60), ".mycket_svar" (≥ 60). */
const char *lix_band(double lix);

/* True when the word (without its final '.') followed by '.' is an
 * abbreviation a reader does not take for a sentence end. */
bool rd_is_abbreviation(const char *word, size_t len);

/* The list of officialese words and their plainer alternatives.  Each
 * line of the data file is
 *     form, form, … = alternative
 * where a form is one word or several ("i enlighet med"); '#' starts a
 * comment.  Matching is case-insensitive (ASCII and åäöéü) and by whole
 * words. */
struct officialese_entry {
    const char *forms;        /* the left side as written in the file */
    const char *alternative;
    char **words;             /* each form split into folded words */
    size_t *nwords;
    size_t nforms;
};
struct officialese_list {
    struct officialese_entry *e;
    size_t n;
};

/* Parses the file's text (malformed lines are skipped). */
void officialese_parse(arena *a, const char *text, size_t n, struct officialese_list *out);

struct officialese_hit {
    size_t first_word, nwords;   /* words of the measured text */
    const struct officialese_entry *entry;
};

/* Every place in the measured text (r from readability_measure over the
 * same text) where a form of the list stands; in text order, at most one
 * hit starting at any word. */
void officialese_find(arena *a, const char *text, const struct readability *r,
                      const struct officialese_list *list, struct officialese_hit **hits,
                      size_t *n);

#endif
