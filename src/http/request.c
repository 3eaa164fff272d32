/* Request accessors and response helpers (req.h). */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/hashq.h"
#include "http/req.h"
#include "util/log.h"
#include "util/text.h"
#include "view/html.h"
#include "web/pages.h"

static const char *kv_value(const struct kvlist *l, const char *name)
{
    const struct kv *kv = kv_get(l, name);
    return kv && kv->ok ? kv->value : NULL;
}

const char *req_query(req *r, const char *name)
{
    return kv_value(&r->query, name);
}

const char *req_form(req *r, const char *name)
{
    return kv_value(&r->form, name);
}

const struct upload *req_file(req *r, const char *name)
{
    for (size_t i = 0; i < r->files.n; i++)
        if (strcmp(r->files.items[i].field, name) == 0) return &r->files.items[i];
    return NULL;
}

const char *req_cookie(req *r, const char *name)
{
    return kv_value(&r->cookies, name);
}

const char *req_header(req *r, const char *name)
{
    if (!r->conn) return NULL;
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

bool req_page(req *r, int64_t *page)
{
    *page = 1;
    const struct kv *kv = kv_get(&r->query, "sida");
    if (!kv) return true;
    int64_t n;
    /* any positive page is a fair question (beyond the end: 404); only
     * what is not a page number at all is a bad request */
    if (!kv->ok || !parse_i64(kv->value, &n) || n < 1 || n > 1000000000000) return false;
    *page = n;
    return true;
}

void resp_header(req *r, const char *name, const char *value)
{
    if (r->nheaders >= (int)(sizeof r->headers / sizeof r->headers[0])) {
        log_error("http: too many response headers (%s)", name);
        return;
    }
    r->headers[r->nheaders].name = name;
    r->headers[r->nheaders].value = value;
    r->nheaders++;
}

void resp_cookie(req *r, const char *name, const char *value, long max_age)
{
    const char *secure = getenv("SAMSKAP_SECURE_COOKIES") ? "; Secure" : "";
    resp_header(r, "Set-Cookie",
                arena_printf(r->a, "%s=%s; Path=/; Max-Age=%ld; HttpOnly; SameSite=Lax%s", name,
                             value, max_age, secure));
}

void resp_redirect(req *r, const char *location)
{
    r->status = 303;
    resp_header(r, "Location", location);
    r->body.len = 0;
}

void resp_flash(req *r, const char *key)
{
    resp_cookie(r, "flash", key, 120);
}

void html(req *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    html_vfmt(&r->body, fmt, ap);
    va_end(ap);
}

void html_raw(req *r, const char *s)
{
    html_buf_raw(&r->body, s);
}

const char *T(req *r, const char *key)
{
    return i18n_get(r->lang, key);
}

const char *Tf(req *r, const char *key, const char *arg)
{
    const char *t = T(r, key);
    const char *at = strstr(t, "{}");
    if (!at) return t;
    return arena_printf(r->a, "%.*s%s%s", (int)(at - t), t, arg, at + 2);
}

bool req_has_role(req *r, enum role role)
{
    return user_has(r->user, role);
}

bool req_verify_password(req *r, const char *hash, const char *password,
                         void (*then)(req *r, bool ok, void *st), void *st)
{
    if (!hashq_reserve()) return false;
    struct hash_job *j = arena_alloc(r->a, sizeof *j);
    *j = (struct hash_job){.hash = hash, .password = password, .then = then, .st = st,
                           .conn = r->conn};
    r->defer = j; /* server.c suspends the connection, then submits j */
    return true;
}

void req_busy(req *r)
{
    log_warn("http: the password queue is full; 503 for %s from %s", r->path, r->client);
    resp_header(r, "Retry-After", "2");
    page_error(r, 503);
}
