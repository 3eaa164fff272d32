/* Static assets compiled into the binary (only the stylesheet), served
 * under a name that carries their content hash so browsers may keep them
 * for a year; and the health check. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "util/embedded.h"
#include "web/pages.h"

static char css_url[64];
static char css_etag[32];

const char *static_css_url(void)
{
    if (!css_url[0]) {
        const struct embedded_file *f = embedded_find("static/samskap.css");
        unsigned char h[8];
        crypto_generichash(h, sizeof h, f ? f->data : (const unsigned char *)"", f ? f->len : 0,
                           NULL, 0);
        char hex[17];
        sodium_bin2hex(hex, sizeof hex, h, sizeof h);
        snprintf(css_etag, sizeof css_etag, "\"%s\"", hex);
        snprintf(css_url, sizeof css_url, "/static/samskap.%s.css", hex);
    }
    return css_url;
}

static void h_static(req *r)
{
    const char *url = static_css_url();
    const char *name = r->params[0];
    bool hashed = strcmp(name, url + strlen("/static/")) == 0;
    if (!hashed && strcmp(name, "samskap.css") != 0) {
        page_error(r, 404);
        return;
    }
    const struct embedded_file *f = embedded_find("static/samskap.css");
    if (!f) {
        page_error(r, 404);
        return;
    }
    r->cacheable = true;
    r->mime = "text/css; charset=utf-8";
    resp_header(r, "Cache-Control", hashed ? "public, max-age=31536000, immutable"
                                           : "public, max-age=3600");
    resp_header(r, "ETag", css_etag);
    const char *inm = req_header(r, "If-None-Match");
    if (inm && strcmp(inm, css_etag) == 0) {
        r->status = 304;
        return;
    }
    buf_add(&r->body, f->data, f->len);
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
