/* Memory: allocation that never returns NULL, a per-request arena, and a
 * growable byte buffer.
 *
 * Ownership idiom (see docs/DESIGN.md): everything a request needs is
 * allocated from that request's arena and freed in one go when the request
 * ends.  Long-lived objects use xmalloc/free and have one named owner.
 * Out of memory is not recoverable in a web server: x* functions abort. */
#ifndef SAMSKAP_MEM_H
#define SAMSKAP_MEM_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* A bump allocator made of chunks. Freed as a whole by arena_free. */
typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);
void *arena_alloc(arena *a, size_t n);  /* zeroed, aligned to 16 */
char *arena_strdup(arena *a, const char *s);           /* NULL stays NULL */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap);
/* Appends a zeroed element to an arena-backed array (*items, *n, *cap),
 * growing it when full, and returns the new element. */
void *arena_push(arena *a, void *items_ptr, size_t *n, size_t *cap, size_t size);
#define ARENA_PUSH(a, items, n, cap) \
    ((__typeof__(items))arena_push((a), &(items), &(n), &(cap), sizeof *(items)))

/* A growable buffer; data is always NUL-terminated when len > 0 or after
 * buf_cstr.  The owner frees it with buf_free or takes data with buf_detach. */
typedef struct {
    char *data;
    size_t len;
    size_t cap;
} buf;

void buf_reserve(buf *b, size_t extra);

/* buf_add and buf_putc run for every few bytes of every page: inline,
 * with the growing out of line in buf_reserve. */
static inline void buf_add(buf *b, const void *p, size_t n)
{
    if (b->cap - b->len <= n) buf_reserve(b, n); /* room for n and the NUL */
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static inline void buf_putc(buf *b, char c)
{
    if (b->cap - b->len <= 1) buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

/* Inserts n bytes at offset at (at most b->len), moving the rest on. */
void buf_insert(buf *b, size_t at, const void *p, size_t n);
void buf_puts(buf *b, const char *s);
void buf_printf(buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
const char *buf_cstr(buf *b);  /* "" for an empty buffer */
char *buf_detach(buf *b);      /* caller frees; buffer is left empty */
void buf_free(buf *b);

#endif
