/* An arena for the fuzz harnesses that gives every allocation its own
 * exact-size heap block, so that AddressSanitizer reports a write or read
 * even one byte past what a parser asked for.  The real arena (src/util/mem.c)
 * carves allocations out of 8 KiB chunks and rounds them up to 16 bytes, so
 * an overrun inside a chunk would go unnoticed.
 *
 * scripts/fuzz.sh compiles src/util/mem.c with -Darena_new=mem_arena_new (and
 * so on for each arena_* function), which keeps mem.c's buf_* and x*
 * functions and replaces only the arena by this file.  Same interface and
 * semantics as mem.h: zeroed memory, 16-byte aligned, freed all at once. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

struct block {
    struct block *next;
    void *p;
};

struct arena {
    struct block *head;
};

arena *arena_new(void)
{
    arena *a = calloc(1, sizeof *a);
    if (!a) abort();
    return a;
}

void arena_free(arena *a)
{
    if (!a) return;
    for (struct block *b = a->head; b;) {
        struct block *next = b->next;
        free(b->p);
        free(b);
        b = next;
    }
    free(a);
}

void *arena_alloc(arena *a, size_t n)
{
    void *p = NULL;
    /* posix_memalign, not aligned_alloc: the size need not be a multiple of
     * the alignment, so the block ends exactly at byte n. */
    if (posix_memalign(&p, 16, n ? n : 1) != 0) abort();
    memset(p, 0, n);
    struct block *b = malloc(sizeof *b);
    if (!b) abort();
    b->p = p;
    b->next = a->head;
    a->head = b;
    return p;
}

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
