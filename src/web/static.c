/* Static assets compiled into the binary (the stylesheets), served under a
 * name that carries their content hash so browsers may keep them for a
 * year; and the health check.  static/samskap.css is on every page;
 * static/<family>.css holds what only one family's pages use (charts, the
 * jury's scale, review marks) and is linked by those pages alone, so a
 * typical page stays under 30 KB with its CSS. */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/embedded.h"
#include "web/pages.h"

struct sheet {
    char name[32];        /* "samskap", "stats", … */
    char url[80];         /* /static/<name>.<hash>.css */
    char etag[32];
    buf css;              /* as sent: minified, tokens in place */
};
enum { MAX_SHEETS = 12 };
static struct sheet sheets[MAX_SHEETS];  /* [0] is samskap.css */
static size_t nsheets;
static buf logo;          /* SAMSKAP_ORG_LOGO's bytes, or empty */
static const char *logo_mime;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* "#rrggbb" */
static bool colour_ok(const char *c)
{
    if (!c || strlen(c) != 7 || c[0] != '#') return false;
    for (int i = 1; i < 7; i++)
        if (!strchr("0123456789abcdefABCDEF", c[i])) return false;
    return true;
}

/* The stylesheet as sent: comments left out and white space collapsed
 * (the source stays readable; pages stay under 30 KB with their CSS).
 * Strings are copied as they are. */
static void minify(buf *out, const char *s, size_t n)
{
    char last = '{';
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '/' && i + 1 < n && s[i + 1] == '*') {
            const char *end = memmem(s + i + 2, n - i - 2, "*/", 2);
            i = end ? (size_t)(end - s) + 1 : n;
            continue;
        }
        if (c == '"' || c == '\'') {
            size_t j = i + 1;
            while (j < n && s[j] != c) j += s[j] == '\\' ? 2 : 1;
            if (j >= n) j = n - 1;
            buf_add(out, s + i, j - i + 1);
            i = j;
            last = c;
            continue;
        }
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            size_t j = i;
            while (j + 1 < n && strchr(" \n\t\r", s[j + 1])) j++;
            char next = j + 1 < n ? s[j + 1] : '}';
            i = j;
            if (strchr("{};,>:", last) || strchr("{};,>", next)) continue;
            if (next == '/' && j + 2 < n && s[j + 2] == '*') continue;
            buf_add(out, " ", 1);
            last = ' ';
            continue;
        }
        if (c == '}' && out->len && out->data[out->len - 1] == ';') out->len--; /* ";}" is "}" */
        buf_add(out, &c, 1);
        last = c;
    }
    buf_add(out, "\n", 1);
}

/* The tokens written out where they are used: the source keeps every
 * token's name (static/samskap.css's :root); what is sent declares only
 * those an organisation may set (--primary, --primary-dark) and has the
 * others' values in place: a couple of kilobytes less on every page. */
static void inline_tokens(buf *css_buf)
{
    enum { MAX_TOKENS = 64 };
    const char *src = buf_cstr(css_buf);
    if (strncmp(src, ":root{", 6) != 0) return;
    const char *end = strchr(src, '}');
    if (!end) return;
    struct { const char *name, *value; size_t nlen, vlen; } tok[MAX_TOKENS];
    size_t nt = 0;
    buf out = {0};
    buf_puts(&out, ":root{");
    for (const char *p = src + 6; p < end && nt < MAX_TOKENS; ) {
        const char *semi = memchr(p, ';', (size_t)(end - p));
        const char *stop = semi ? semi : end;
        const char *colon = memchr(p, ':', (size_t)(stop - p));
        if (colon && strncmp(p, "--", 2) == 0) {
            bool keep = (colon - p == 9 && strncmp(p, "--primary", 9) == 0) ||
                        (colon - p == 14 && strncmp(p, "--primary-dark", 14) == 0);
            if (keep) {
                buf_add(&out, p, (size_t)(stop - p));
                buf_puts(&out, ";");
            } else {
                tok[nt].name = p;
                tok[nt].nlen = (size_t)(colon - p);
                tok[nt].value = colon + 1;
                tok[nt].vlen = (size_t)(stop - colon - 1);
                nt++;
            }
        }
        p = stop + 1;
    }
    buf_puts(&out, "}");
    for (const char *p = end + 1; *p; ) {
        bool done = false;
        if (strncmp(p, "var(--", 6) == 0)
            for (size_t i = 0; i < nt && !done; i++)
                if (strncmp(p + 4, tok[i].name, tok[i].nlen) == 0 && p[4 + tok[i].nlen] == ')') {
                    buf_add(&out, tok[i].value, tok[i].vlen);
                    p += 4 + tok[i].nlen + 1;
                    done = true;
                }
        if (!done) buf_add(&out, p++, 1);
    }
    css_buf->len = 0;
    buf_add(css_buf, out.data, out.len);
    buf_free(&out);
}

static void sheet_name(struct sheet *sh)
{
    unsigned char h[8];
    crypto_generichash(h, sizeof h, (const unsigned char *)buf_cstr(&sh->css), sh->css.len, NULL, 0);
    char hex[17];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    snprintf(sh->etag, sizeof sh->etag, "\"%s\"", hex);
    snprintf(sh->url, sizeof sh->url, "/static/%s.%s.css", sh->name, hex);
}

/* A family's sheet: its var(--…) resolved with the base's tokens, then
 * the base's :root block taken off again (the base declares it). */
static void load_family(struct sheet *sh, const struct embedded_file *f, const char *root, size_t rootlen)
{
    buf all = {0};
    buf_add(&all, root, rootlen);
    minify(&all, (const char *)f->data, f->len);
    inline_tokens(&all);
    const char *src = buf_cstr(&all);
    const char *body = strncmp(src, ":root{", 6) == 0 ? strchr(src, '}') + 1 : src;
    buf_add(&sh->css, body, strlen(body));
    buf_free(&all);
}

static void load_sheets(void)
{
    struct sheet *base = &sheets[nsheets++];
    snprintf(base->name, sizeof base->name, "samskap");
    const struct embedded_file *f = embedded_find("static/samskap.css");
    buf source = {0};
    if (f) minify(&source, (const char *)f->data, f->len);
    const char *src = buf_cstr(&source);
    const char *root_end = strncmp(src, ":root{", 6) == 0 ? strchr(src, '}') : NULL;
    size_t rootlen = root_end ? (size_t)(root_end - src) + 1 : 0;
    for (size_t i = 0; i < embedded_count && nsheets < MAX_SHEETS; i++) {
        const char *n = embedded_files[i].name;
        size_t len = strlen(n);
        if (strncmp(n, "static/", 7) != 0 || len < 12 || strcmp(n + len - 4, ".css") != 0 ||
            strcmp(n, "static/samskap.css") == 0 || len - 11 >= sizeof sheets[0].name)
            continue;
        struct sheet *sh = &sheets[nsheets++];
        snprintf(sh->name, sizeof sh->name, "%.*s", (int)(len - 11), n + 7);
        load_family(sh, &embedded_files[i], src, rootlen);
        sheet_name(sh);
    }
    buf_add(&base->css, source.data, source.len);
    buf_free(&source);
    inline_tokens(&base->css);
}

static void load(void)
{
    load_sheets();
    buf *css = &sheets[0].css;
    /* another municipality's colours: SAMSKAP_ORG_COLOR (white text on it
     * must keep 4.5:1) and SAMSKAP_ORG_COLOR_DARK (links, hover) */
    const char *c = getenv("SAMSKAP_ORG_COLOR"), *d = getenv("SAMSKAP_ORG_COLOR_DARK");
    if (colour_ok(c) || colour_ok(d)) {
        buf_puts(css, ":root{");
        if (colour_ok(c)) buf_printf(css, "--primary:%s;", c);
        if (colour_ok(d)) buf_printf(css, "--primary-dark:%s;", d);
        buf_puts(css, "}\n");
    }
    const char *path = getenv("SAMSKAP_ORG_LOGO");
    size_t n = path ? strlen(path) : 0;
    if (n > 4) {
        logo_mime = strcmp(path + n - 4, ".svg") == 0 ? "image/svg+xml"
                  : strcmp(path + n - 4, ".png") == 0 ? "image/png"
                  : strcmp(path + n - 4, ".jpg") == 0 ? "image/jpeg" : NULL;
        FILE *fp = logo_mime ? fopen(path, "rb") : NULL;
        if (fp) {
            char chunk[4096];
            size_t got;
            while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0 && logo.len < 512 * 1024)
                buf_add(&logo, chunk, got);
            fclose(fp);
        }
    }
    sheet_name(&sheets[0]);
}

const char *static_css_url(void)
{
    pthread_once(&once, load);
    return sheets[0].url;
}

const char *static_sheet_url(const char *family)
{
    pthread_once(&once, load);
    for (size_t i = 1; i < nsheets; i++)
        if (strcmp(sheets[i].name, family) == 0) return sheets[i].url;
    return NULL;
}

bool static_logo_present(void)
{
    pthread_once(&once, load);
    return logo.len > 0;
}

static void h_static(req *r)
{
    pthread_once(&once, load);
    const char *name = r->params[0];
    if (strcmp(name, "logo") == 0 && logo.len) {
        r->cacheable = true;
        r->mime = logo_mime;
        resp_header(r, "Cache-Control", "public, max-age=3600");
        buf_add(&r->body, logo.data, logo.len);
        return;
    }
    const struct sheet *sh = NULL;
    bool hashed = false;
    for (size_t i = 0; i < nsheets && !sh; i++) {
        size_t n = strlen(sheets[i].name);
        if (strcmp(name, sheets[i].url + strlen("/static/")) == 0) sh = &sheets[i], hashed = true;
        else if (strncmp(name, sheets[i].name, n) == 0 && strcmp(name + n, ".css") == 0) sh = &sheets[i];
    }
    if (!sh || !sh->css.len) {
        page_error(r, 404);
        return;
    }
    r->cacheable = true;
    r->mime = "text/css; charset=utf-8";
    resp_header(r, "Cache-Control", hashed ? "public, max-age=31536000, immutable"
                                           : "public, max-age=3600");
    resp_header(r, "ETag", sh->etag);
    const char *inm = req_header(r, "If-None-Match");
    if (inm && strcmp(inm, sh->etag) == 0) {
        r->status = 304;
        return;
    }
    buf_add(&r->body, sh->css.data, sh->css.len);
}

static void h_healthz(req *r)
{
    int64_t one = 0;
    bool ok = db_one_int(db_prepare(r->db, "SELECT 1"), &one) == DB_OK && one == 1;
    r->mime = "text/plain; charset=utf-8";
    r->status = ok ? 200 : 503;
    buf_puts(&r->body, ok ? "ok\n" : "database unavailable\n");
}

const struct route static_routes[] = {
    {M_GET, "/static/*", h_static, 0},
    {M_GET, "/healthz", h_healthz, 0},
    {0, NULL, NULL, 0},
};
