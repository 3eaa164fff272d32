#include "http/parse.h"

#include <string.h>
#include <strings.h>

#include "util/text.h"

void kv_add(arena *a, struct kvlist *l, const char *name, const char *value, size_t len)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        struct kv *items = arena_alloc(a, cap * sizeof *items);
        if (l->n) memcpy(items, l->items, l->n * sizeof *items);
        l->items = items;
        l->cap = cap;
    }
    struct kv *kv = &l->items[l->n++];
    kv->name = name;
    kv->value = value;
    kv->len = len;
    kv->ok = utf8_valid(value, len);
}

const struct kv *kv_get(const struct kvlist *l, const char *name)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i].name, name) == 0) return &l->items[i];
    return NULL;
}

bool parse_urlencoded(arena *a, const char *s, size_t n, struct kvlist *out)
{
    bool ok = true;
    size_t i = 0;
    while (i < n) {
        size_t start = i;
        while (i < n && s[i] != '&' && s[i] != ';') i++;
        size_t end = i;
        if (i < n) i++;
        if (end == start) continue;
        if (out->n >= PARSE_MAX_FIELDS) return false;
        const char *eq = memchr(s + start, '=', end - start);
        size_t name_end = eq ? (size_t)(eq - s) : end;
        size_t nlen, vlen;
        char *name = url_decode(a, s + start, name_end - start, true, &nlen);
        char *value = eq ? url_decode(a, eq + 1, end - name_end - 1, true, &vlen)
                         : arena_strdup(a, "");
        if (!eq) vlen = 0;
        if (!name || !value) {
            ok = false;
            continue;
        }
        if (nlen != strlen(name) || !utf8_valid(name, nlen)) {
            ok = false;
            continue;
        }
        kv_add(a, out, name, value, vlen);
    }
    return ok;
}

/* Finds a parameter (boundary=, name=, filename=) in a header value such
 * as `form-data; name="x"; filename="a; b.pdf"`.  Parameters are split at
 * semicolons outside quotes; quoted values may hold \" escapes.  Returns
 * an arena copy of the value or NULL. */
static char *header_param(arena *a, const char *h, size_t hn, const char *param)
{
    size_t plen = strlen(param), i = 0;
    while (i < hn) {
        while (i < hn && (h[i] == ' ' || h[i] == '\t' || h[i] == ';')) i++;
        size_t name = i;
        while (i < hn && h[i] != '=' && h[i] != ';') i++;
        size_t name_end = i;
        while (name_end > name && (h[name_end - 1] == ' ' || h[name_end - 1] == '\t')) name_end--;
        if (i >= hn || h[i] == ';') continue; /* a bare token such as form-data */
        i++;
        while (i < hn && (h[i] == ' ' || h[i] == '\t')) i++;
        buf v = {0};
        bool ok = true;
        if (i < hn && h[i] == '"') {
            i++;
            while (i < hn && h[i] != '"') {
                if (h[i] == '\\' && i + 1 < hn) i++;
                buf_putc(&v, h[i++]);
            }
            if (i >= hn) ok = false;
            else i++;
        } else {
            while (i < hn && h[i] != ';' && h[i] != ' ' && h[i] != '\t' && h[i] != '\r')
                buf_putc(&v, h[i++]);
        }
        if (ok && name_end - name == plen && strncasecmp(h + name, param, plen) == 0) {
            char *out = arena_strdup(a, buf_cstr(&v));
            buf_free(&v);
            return out;
        }
        buf_free(&v);
        if (!ok) return NULL;
    }
    return NULL;
}

static const char *memmem_s(const char *h, size_t hn, const char *needle, size_t nn)
{
    if (nn == 0 || hn < nn) return NULL;
    return memmem(h, hn, needle, nn);
}

/* Parses one part's headers in [p, end).  Sets name, filename, type. */
static bool part_headers(arena *a, const char *p, size_t n, char **name, char **filename,
                         char **type)
{
    *name = *filename = *type = NULL;
    size_t i = 0;
    while (i < n) {
        const char *eol = memmem_s(p + i, n - i, "\r\n", 2);
        size_t len = eol ? (size_t)(eol - (p + i)) : n - i;
        const char *line = p + i;
        if (len > 20 && strncasecmp(line, "Content-Disposition:", 20) == 0) {
            *name = header_param(a, line + 20, len - 20, "name");
            *filename = header_param(a, line + 20, len - 20, "filename");
        } else if (len > 13 && strncasecmp(line, "Content-Type:", 13) == 0) {
            size_t s = 13;
            while (s < len && (line[s] == ' ' || line[s] == '\t')) s++;
            *type = arena_strndup(a, line + s, len - s);
        }
        i += len + 2;
    }
    return *name != NULL;
}

bool parse_multipart(arena *a, const char *content_type, const char *body, size_t n,
                     struct kvlist *fields, struct uploadlist *files)
{
    char *boundary = header_param(a, content_type, strlen(content_type), "boundary");
    if (!boundary || !*boundary || strlen(boundary) > 200) return false;
    char *delim = arena_printf(a, "--%s", boundary);
    size_t dlen = strlen(delim);

    const char *p = memmem_s(body, n, delim, dlen);
    if (!p) return false;
    const char *end = body + n;
    p += dlen;
    size_t nparts = 0;
    for (;;) {
        if (end - p >= 2 && p[0] == '-' && p[1] == '-') return true; /* final delimiter */
        if (end - p < 2 || p[0] != '\r' || p[1] != '\n') return false;
        p += 2;
        const char *hdr_end = memmem_s(p, (size_t)(end - p), "\r\n\r\n", 4);
        if (!hdr_end) return false;
        char *name, *filename, *type;
        if (!part_headers(a, p, (size_t)(hdr_end - p), &name, &filename, &type)) return false;
        const char *data = hdr_end + 4;
        char *close = arena_printf(a, "\r\n%s", delim);
        const char *next = memmem_s(data, (size_t)(end - data), close, dlen + 2);
        if (!next) return false;
        size_t len = (size_t)(next - data);
        if (++nparts > PARSE_MAX_FIELDS) return false;
        if (filename) {
            if (files->n == files->cap) {
                size_t cap = files->cap ? files->cap * 2 : 4;
                struct upload *items = arena_alloc(a, cap * sizeof *items);
                if (files->n) memcpy(items, files->items, files->n * sizeof *items);
                files->items = items;
                files->cap = cap;
            }
            struct upload *u = &files->items[files->n++];
            u->field = name;
            u->filename = filename;
            u->content_type = type ? type : "application/octet-stream";
            u->data = (const unsigned char *)data;
            u->len = len;
        } else {
            kv_add(a, fields, name, arena_strndup(a, data, len), len);
        }
        p = next + 2 + dlen;
    }
}

void parse_cookies(arena *a, const char *h, struct kvlist *out)
{
    if (!h) return;
    while (*h) {
        while (*h == ' ' || *h == ';' || *h == '\t') h++;
        const char *start = h;
        while (*h && *h != ';') h++;
        const char *eq = memchr(start, '=', (size_t)(h - start));
        if (!eq || eq == start || out->n >= 64) continue;
        const char *ne = eq;
        while (ne > start && ne[-1] == ' ') ne--;
        const char *v = eq + 1, *ve = h;
        while (ve > v && ve[-1] == ' ') ve--;
        if (ve - v >= 2 && *v == '"' && ve[-1] == '"') {
            v++;
            ve--;
        }
        char *name = arena_strndup(a, start, (size_t)(ne - start));
        kv_add(a, out, name, arena_strndup(a, v, (size_t)(ve - v)), (size_t)(ve - v));
    }
}
