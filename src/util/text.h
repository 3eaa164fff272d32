/* Text helpers: UTF-8 validation, trimming, slugs, strict number parsing,
 * percent-decoding.  Pure functions, no I/O; fuzzed in tests/fuzz. */
#ifndef SAMSKAP_TEXT_H
#define SAMSKAP_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/mem.h"

/* Byte tests on 8 bytes at a time (the scanning loops of UTF-8 checks and
 * escapes).  Each gives the high bit of every byte that matches; a borrow
 * can mark a byte above a real match too, so the result is exact as to
 * whether any byte matches, which is all the callers ask. */
#define WORD8_ONES 0x0101010101010101ull
#define WORD8_HIGHS 0x8080808080808080ull
static inline uint64_t word8_load(const char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}
static inline uint64_t word8_eq(uint64_t v, unsigned char c) /* bytes equal to c */
{
    uint64_t x = v ^ (WORD8_ONES * c);
    return (x - WORD8_ONES) & ~x & WORD8_HIGHS;
}
static inline uint64_t word8_below(uint64_t v, unsigned char n) /* bytes < n, for n <= 0x80 */
{
    return (v - WORD8_ONES * n) & ~v & WORD8_HIGHS;
}

/* True when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates). */
bool utf8_valid(const char *s, size_t n);
/* The length (2 to 4) of the valid UTF-8 sequence that begins with the
 * byte s[0] >= 0x80, or 0 when it is not one (overlong, a surrogate, over
 * U+10FFFF, cut off within avail bytes).  Stops at the first byte that
 * does not continue the sequence, so a NUL-terminated string may pass a
 * large avail. */
size_t utf8_seq(const char *s, size_t avail);

/* Number of code points in valid UTF-8 s. */
size_t utf8_len(const char *s);

/* True when s has a control character other than \t, \n, \r (multiline)
 * or any control character at all (!multiline).  DEL and C1 count too. */
bool text_has_control(const char *s, bool multiline);

/* Text safe for XML 1.0 and UTF-8: C0 controls other than tab, LF and CR,
 * U+FFFE, U+FFFF and invalid UTF-8 sequences become U+FFFD. */
char *text_xml_safe(arena *a, const char *s);

/* Copy of s without leading and trailing ASCII whitespace; \r\n becomes \n. */
char *text_clean(arena *a, const char *s);

/* URL slug: lower-case ASCII letters, digits and '-'; å/ä→a, ö→o, é→e.
 * At most max bytes, cut at a word boundary ("…-med", never "…-med-ungdoma";
 * a first word longer than max is cut at max); never empty ("x" as a last
 * resort). */
char *text_slug(arena *a, const char *s, size_t max);

/* Lower-case copy for search, folding ÅÄÖÉÜ to åäöéü as well as ASCII. */
char *text_fold(arena *a, const char *s);

/* A key that sorts and searches names the Swedish way: lower case, with
 * å, ä, ö after z (as "~1", "~2", "~3"; æ and ø with ä and ö), é as e and
 * ü as y.  Stored beside a name, and applied to the search text too. */
char *text_sort_key(arena *a, const char *s);

/* "%key%" for LIKE ... ESCAPE '\', with %, _ and \ in key escaped. */
char *like_pattern(arena *a, const char *key);

/* Strict decimal parse of the whole string (optional leading '-');
 * false on empty, junk, or overflow. */
bool parse_i64(const char *s, int64_t *out);

/* Decode %XX and (if plus) '+' into a new string of length *out_len.
 * Returns NULL on a malformed escape. */
char *url_decode(arena *a, const char *s, size_t n, bool plus, size_t *out_len);

/* Percent-encode for use in a URL query value. */
char *url_encode(arena *a, const char *s);

/* Lower-case hex of n bytes. */
char *hex_encode(arena *a, const unsigned char *p, size_t n);

/* True when s starts with prefix. */
bool starts_with(const char *s, const char *prefix);

/* A local path that is safe to redirect to: starts with one '/', no "//",
 * no backslash, no control characters. */
bool is_local_path(const char *s);

#endif
