#include "util/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t n)
{
    fprintf(stderr, "samskap: out of memory (%zu bytes)\n", n);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) oom(n);
    return p;
}

void *xcalloc(size_t count, size_t n)
{
    void *p = calloc(count ? count : 1, n ? n : 1);
    if (!p) oom(count * n);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) oom(n);
    return q;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* ---- arena ---- */

struct chunk {
    struct chunk *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

struct arena {
    struct chunk *head;
};

enum { CHUNK_MIN = 8192 };

static struct chunk *chunk_new(size_t size)
{
    struct chunk *c = xmalloc(sizeof *c + size);
    c->next = NULL;
    c->used = 0;
    c->size = size;
    return c;
}

arena *arena_new(void)
{
    arena *a = xmalloc(sizeof *a);
    a->head = chunk_new(CHUNK_MIN - sizeof(struct chunk));
    return a;
}

void arena_free(arena *a)
{
    if (!a) return;
    struct chunk *c = a->head;
    while (c) {
        struct chunk *next = c->next;
        free(c);
        c = next;
    }
    free(a);
}

void *arena_alloc(arena *a, size_t n)
{
    size_t need = (n + 15) & ~(size_t)15;
    if (need < n) oom(n);
    struct chunk *c = a->head;
    if (c->size - c->used < need) {
        size_t size = need > CHUNK_MIN ? need : c->size * 2;
        if (size > (1u << 20) && need <= (1u << 20)) size = 1u << 20;
        struct chunk *fresh = chunk_new(size);
        fresh->next = c;
        a->head = c = fresh;
    }
    void *p = c->data + c->used;
    c->used += need;
    memset(p, 0, n);
    return p;
}

/* ---- buf ---- */

void buf_reserve(buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need < b->len) oom(extra);
    if (need <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need) cap *= 2;
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
}

void buf_insert(buf *b, size_t at, const void *p, size_t n)
{
    if (at > b->len) at = b->len;
    buf_reserve(b, n);
    memmove(b->data + at + n, b->data + at, b->len - at);
    memcpy(b->data + at, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void buf_puts(buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

void buf_vprintf(buf *b, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    buf_reserve(b, 64);
    int n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, copy);
    va_end(copy);
    if (n < 0) return;
    if ((size_t)n >= b->cap - b->len) {
        buf_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
    }
    b->len += (size_t)n;
}

void buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

const char *buf_cstr(buf *b)
{
    return b->data ? b->data : "";
}

char *buf_detach(buf *b)
{
    char *p = b->data ? b->data : xstrdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void buf_free(buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
