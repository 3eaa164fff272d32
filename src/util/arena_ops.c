/* What is built on arena_alloc alone: copies, printf, growing arrays.
 * Kept apart from the allocator (mem.c) so that the fuzz harnesses link
 * this file unchanged over their own exact-size arena (tests/fuzz/fuzz_arena.c). */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include "util/mem.h"

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

/* ---- the formats most calls use, without vsnprintf ----
 * Most arena_printf calls build a path or a name ("/moten/%lld",
 * "%s-%lld"): glibc's vsnprintf, called twice (to measure, then to
 * write), took ~1 600 instructions for one of those, a tenth of some
 * pages.  Formats of plain %s, %c, %d/%i/%u with l, ll or z, and %% are
 * written here; anything with a flag, width or precision goes to
 * vsnprintf. */

/* The length modifier and conversion at f (after '%'): the characters
 * they take, or 0 when the format is not one of the simple ones. */
static size_t simple_spec(const char *f, int *longs, char *conv)
{
    size_t i = 0;
    *longs = 0;
    if (f[0] == 'z') {
        *longs = 3;
        i = 1;
    } else {
        while (f[i] == 'l' && i < 2) i++;
        *longs = (int)i;
    }
    char c = f[i];
    if (c == 'd' || c == 'i' || c == 'u' || (*longs == 0 && (c == 's' || c == 'c' || c == '%'))) {
        *conv = c;
        return i + 1;
    }
    return 0;
}

static bool simple_format(const char *fmt)
{
    int longs;
    char conv;
    for (const char *p = strchr(fmt, '%'); p; p = strchr(p, '%')) {
        size_t n = simple_spec(p + 1, &longs, &conv);
        if (!n) return false;
        p += 1 + n;
    }
    return true;
}

/* Writes the digits of u (after '-' when neg) at out, when out is not
 * NULL; returns their count. */
static size_t put_number(char *out, unsigned long long u, bool neg)
{
    char tmp[24];
    size_t k = sizeof tmp;
    do tmp[--k] = (char)('0' + u % 10); while ((u /= 10) > 0);
    if (neg) tmp[--k] = '-';
    if (out) memcpy(out, tmp + k, sizeof tmp - k);
    return sizeof tmp - k;
}

static size_t put(char *out, const char *s, size_t n)
{
    if (out) memcpy(out, s, n);
    return n;
}

/* Writes fmt, which simple_format accepted, at out (room checked by the
 * caller: a first call with out NULL counts); returns the length. */
static size_t simple_vformat(char *out, const char *fmt, va_list ap)
{
    size_t n = 0;
    const char *p = fmt;
#define AT (out ? out + n : NULL)
    for (const char *pct = strchr(p, '%'); pct; pct = strchr(p, '%')) {
        n += put(AT, p, (size_t)(pct - p));
        int longs;
        char conv;
        p = pct + 1 + simple_spec(pct + 1, &longs, &conv);
        if (conv == 's') {
            const char *s = va_arg(ap, const char *);
            if (!s) s = "(null)";
            n += put(AT, s, strlen(s));
        } else if (conv == 'c' || conv == '%') {
            char c = conv == '%' ? '%' : (char)va_arg(ap, int);
            n += put(AT, &c, 1);
        } else if (conv == 'u') {
            unsigned long long u = longs == 3 ? va_arg(ap, size_t)
                                 : longs == 2 ? va_arg(ap, unsigned long long)
                                 : longs == 1 ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
            n += put_number(AT, u, false);
        } else {
            long long v = longs == 3 ? (long long)va_arg(ap, ssize_t)
                        : longs == 2 ? va_arg(ap, long long)
                        : longs == 1 ? va_arg(ap, long) : va_arg(ap, int);
            n += put_number(AT, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v, v < 0);
        }
    }
    n += put(AT, p, strlen(p));
#undef AT
    return n;
}

char *arena_vprintf(arena *a, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    if (simple_format(fmt)) {
        size_t n = simple_vformat(NULL, fmt, copy);
        va_end(copy);
        char *p = arena_alloc(a, n + 1);
        simple_vformat(p, fmt, ap);
        p[n] = '\0';
        return p;
    }
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0) return arena_strdup(a, "");
    char *p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

void *arena_push(arena *a, void *items_ptr, size_t *n, size_t *cap, size_t size)
{
    void **items = items_ptr;
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        void *fresh = arena_alloc(a, ncap * size);
        if (*n) memcpy(fresh, *items, *n * size);
        *items = fresh;
        *cap = ncap;
    }
    void *slot = (char *)*items + (*n)++ * size;
    memset(slot, 0, size);
    return slot;
}
