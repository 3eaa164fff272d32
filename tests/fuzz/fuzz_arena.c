/* An arena for the fuzz harnesses that gives every allocation its own
 * exact-size heap block, so that AddressSanitizer reports a write or read
 * even one byte past what a parser asked for.  The real arena (src/util/mem.c)
 * carves allocations out of 8 KiB chunks and rounds them up to 16 bytes, so
 * an overrun inside a chunk would go unnoticed.
 *
 * Only the allocator is here (arena_new, arena_free, arena_alloc):
 * scripts/fuzz.sh compiles src/util/mem.c with -Darena_new=mem_arena_new
 * (and so for arena_free and arena_alloc), which keeps mem.c's buf_* and x*
 * functions, and links src/util/arena_ops.c (strdup, printf, push) as it is,
 * over this allocator.  Same semantics as mem.h: zeroed memory, 16-byte
 * aligned, freed all at once. */
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
