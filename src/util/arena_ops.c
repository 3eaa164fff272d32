/* What is built on arena_alloc alone: copies, printf, growing arrays.
 * Kept apart from the allocator (mem.c) so that the fuzz harnesses link
 * this file unchanged over their own exact-size arena (tests/fuzz/fuzz_arena.c). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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

char *arena_vprintf(arena *a, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
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
