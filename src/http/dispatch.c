#include "http/dispatch.h"

#include <string.h>
#include <strings.h>

#include "http/pcache.h"
#include "http/router.h"
#include "http/session.h"
#include "util/log.h"
#include "util/text.h"
#include "web/pages.h"

static void set_lang(req *r)
{
    const char *l = req_cookie(r, "lang");
    r->lang = (l && strcmp(l, "en") == 0) ? LANG_EN : LANG_SV;
}

/* A path longer than this is 414, as a query over its limit is (and as
 * libmicrohttpd answers a URL over its pool): one status for "too long". */
enum { PATH_MAX_BYTES = 2000 };

static bool path_ok(const char *path)
{
    size_t n = strlen(path);
    return n > 0 && path[0] == '/' && utf8_valid(path, n) && !text_has_control(path, false);
}

/* Parses the body by its content type.  False when malformed. */
static bool parse_body(req *r, const char *body, size_t n)
{
    if (n == 0) return true;
    if (strncasecmp(r->content_type, "application/x-www-form-urlencoded", 33) == 0)
        return parse_urlencoded(r->a, body, n, &r->form);
    if (strncasecmp(r->content_type, "multipart/form-data", 19) == 0)
        return parse_multipart(r->a, r->content_type, body, n, &r->form, &r->files);
    return false;
}

static const char *allow_header(req *r, int methods)
{
    buf b = {0};
    if (methods & M_GET) buf_puts(&b, "GET, HEAD");
    if (methods & M_POST) buf_puts(&b, b.len ? ", POST" : "POST");
    char *s = arena_strdup(r->a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

void dispatch(req *r, const char *body, size_t body_len)
{
    bool snapshot = false; /* a request snapshot to end (db_request_begin) */
    parse_cookies(r->a, req_header(r, "Cookie"), &r->cookies);
    set_lang(r);
    if (!r->db) {
        page_error(r, 500);
        goto out;
    }
    if (strlen(r->path) > PATH_MAX_BYTES) {
        page_error(r, 414);
        goto out;
    }
    if (!path_ok(r->path)) {
        page_error(r, 400);
        goto out;
    }
    if (pcache_lookup(r)) goto out;
    snapshot = r->method == M_GET || r->method == M_HEAD;
    if (snapshot) db_request_begin(r->db);
    session_load(r);

    const struct route *rt = NULL;
    int allowed = 0;
    switch (route_find(r->path, r->method, &rt, r->params, r->a, &allowed)) {
    case ROUTE_NOT_FOUND:
        page_error(r, 404);
        goto out;
    case ROUTE_BAD_METHOD:
        resp_header(r, "Allow", allow_header(r, allowed));
        page_error(r, 405);
        goto out;
    case ROUTE_FOUND:
        break;
    }
    if (r->method == M_POST) {
        if (!(rt->flags & R_UPLOAD) && strncasecmp(r->content_type, "multipart/", 10) == 0) {
            page_error(r, 400);
            goto out;
        }
        if (!parse_body(r, body, body_len)) {
            log_warn("http: malformed body for %s from %s", r->path, r->client);
            page_error(r, 400);
            goto out;
        }
        if (!(rt->flags & R_NOCSRF) && !csrf_check(r)) {
            log_warn("http: CSRF token missing or wrong for %s from %s", r->path, r->client);
            page_error(r, 403);
            goto out;
        }
    }
    if ((rt->flags & R_AUTH) && !r->user) {
        if (r->method == M_GET || r->method == M_HEAD)
            resp_redirect(r, arena_printf(r->a, "/logga-in?nasta=%s", url_encode(r->a, r->path)));
        else
            page_error(r, 403);
        goto out;
    }
    rt->handler(r);
    if (snapshot) db_request_end(r->db);
    return; /* server.c finishes it, after a password check if one is asked */
out:
    if (snapshot) db_request_end(r->db);
    r->defer = NULL;
}

void dispatch_refuse(req *r, int status)
{
    parse_cookies(r->a, req_header(r, "Cookie"), &r->cookies);
    set_lang(r);
    log_warn("http: %s for %.200s from %s", status == 413 ? "body over the limit" : "query too large",
             r->path, r->client);
    page_error(r, status);
    resp_header(r, "Connection", "close");
    dispatch_finish(r);
}

void dispatch_finish(req *r)
{
    pcache_finish(r);
    resp_header(r, "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                "script-src 'self'; object-src 'none'; base-uri 'none'; "
                "form-action 'self'; frame-ancestors 'none'");
    resp_header(r, "X-Content-Type-Options", "nosniff");
    resp_header(r, "X-Frame-Options", "DENY");
    resp_header(r, "Referrer-Policy", "same-origin");
    if (!r->cacheable) resp_header(r, "Cache-Control", r->user ? "private, no-store" : "no-cache");
    resp_header(r, "Content-Type", r->mime ? r->mime : "text/html; charset=utf-8");
}
