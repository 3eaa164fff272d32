/* Parsers for what arrives from outside: query strings and urlencoded
 * bodies, multipart/form-data bodies, Cookie headers.  Pure functions over
 * bytes, allocating from an arena; each has a fuzz harness in tests/fuzz. */
#ifndef SAMSKAP_PARSE_H
#define SAMSKAP_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/mem.h"

/* A name/value pair.  value is NUL-terminated; len is its byte length
 * (a value may hold NUL bytes, in which case ok is false). ok is false
 * when the value is not valid UTF-8 text. */
struct kv {
    const char *name;
    const char *value;
    size_t len;
    bool ok;
};

struct kvlist {
    struct kv *items;
    size_t n, cap;
};

/* An uploaded file from a multipart body. */
struct upload {
    const char *field;
    const char *filename;       /* as sent by the client, never trusted as a path */
    const char *content_type;   /* as sent; never trusted, see domain/receipt */
    const unsigned char *data;  /* points into the arena */
    size_t len;
};

struct uploadlist {
    struct upload *items;
    size_t n, cap;
};

enum { PARSE_MAX_FIELDS = 500 };

void kv_add(arena *a, struct kvlist *l, const char *name, const char *value, size_t len);
/* The first value named name, or NULL. */
const struct kv *kv_get(const struct kvlist *l, const char *name);

/* application/x-www-form-urlencoded (also query strings).  Returns false
 * on a malformed escape or too many fields; what was parsed is kept. */
bool parse_urlencoded(arena *a, const char *s, size_t n, struct kvlist *out);

/* multipart/form-data with the boundary from content_type.  Text parts go
 * to fields, parts with a filename to files.  False when malformed. */
bool parse_multipart(arena *a, const char *content_type, const char *body, size_t n,
                     struct kvlist *fields, struct uploadlist *files);

/* "a=1; b=2" into cookies.  Malformed pairs are skipped. */
void parse_cookies(arena *a, const char *header, struct kvlist *out);

#endif
