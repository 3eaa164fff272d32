/* Swedish words for search (domain/swedish.c): splitting text into
 * lower-case words (å, ä and ö kept), the Snowball Swedish stemmer
 * (libstemmer), the stop words PostgreSQL's `swedish` configuration drops,
 * folding (å, ä → a; ö → o; é → e, for the fallback when nothing exact is
 * found) and edit distance (for "Menade du …?").  No HTTP, no SQL. */
#ifndef SAMSKAP_DOMAIN_SWEDISH_H
#define SAMSKAP_DOMAIN_SWEDISH_H

#include <stdbool.h>
#include <stddef.h>

/* Longest word kept, in bytes; longer runs of letters are cut there. */
#define SV_WORD_MAX 64

/* Calls fn for every word of text (len bytes): the lower-cased word (NUL
 * terminated, at most SV_WORD_MAX bytes) and its byte range in text.
 * Letters are ASCII letters and digits and the Latin letters U+00C0–U+024F;
 * everything else separates words.  Invalid UTF-8 bytes separate words.
 * fn returns false to stop.  Returns the number of words seen. */
typedef bool (*sv_word_fn)(void *ctx, const char *word, size_t wlen, size_t start, size_t end);
size_t sv_words(const char *text, size_t len, sv_word_fn fn, void *ctx);

/* One of PostgreSQL's Swedish stop words (och, att, det, …). */
bool sv_stopword(const char *word);

/* The Snowball Swedish stem of a lower-case word into out (cap bytes).
 * Thread-safe (one stemmer per thread). Returns the stem's length. */
size_t sv_stem(const char *word, size_t wlen, char *out, size_t cap);

/* word with its accents folded: å ä à á â → a, ö ø ó ò ô → o, é è ê ë → e,
 * ü ú ù û → u, í ì î ï → i.  Returns the folded length. */
size_t sv_fold(const char *word, char *out, size_t cap);

/* True when word holds a letter that sv_fold changes. */
bool sv_has_accent(const char *word);

/* The Levenshtein distance between a and b counted in characters, or
 * max + 1 when it is larger than max. */
int sv_edit_distance(const char *a, const char *b, int max);

/* The edits a typo may have for a word of n characters: 0 under 4
 * characters, 1 from 4, 2 from 8. */
int sv_typo_budget(size_t nchars);

/* Characters (code points) of a UTF-8 word. */
size_t sv_chars(const char *word);

#endif
