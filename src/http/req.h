/* One HTTP request and the response being built for it.  A handler gets a
 * req, reads its validated inputs, calls the domain and the store, and
 * writes a page or a redirect.  Everything hangs off r->a (the request's
 * arena) and is freed when the request completes. */
#ifndef SAMSKAP_REQ_H
#define SAMSKAP_REQ_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/user.h"
#include "http/parse.h"
#include "store/db.h"
#include "util/mem.h"
#include "view/i18n.h"

enum method { M_GET = 1, M_HEAD = 2, M_POST = 4, M_OTHER = 8 };

typedef struct req {
    arena *a;
    db *db;
    struct MHD_Connection *conn;
    int64_t now;               /* Unix seconds at the start of the request */

    enum method method;
    const char *path;          /* decoded, without the query string */
    struct kvlist query;
    struct kvlist form;        /* urlencoded or multipart text fields */
    struct uploadlist files;
    struct kvlist cookies;
    const char *params[4];     /* path segments captured by the route */
    const char *client;        /* client address for rate limits */
    const char *content_type;
    enum lang lang;

    struct user *user;         /* NULL when not signed in */
    const char *session;       /* the raw session token when signed in */
    const char *csrf;          /* token for forms, made on first use */

    /* response */
    int status;
    const char *mime;
    buf body;
    struct { const char *name, *value; } headers[20];
    int nheaders;
    bool cacheable;            /* static content: no private no-store */
    const char *sheet;         /* a family's own stylesheet (static/<sheet>.css), or NULL */
    /* web/form.c: a form whose error summary page_end writes, once the
     * fields (and so their labels) have been written */
    const struct form *error_summary;
    size_t error_summary_at;
    /* http/hashq.h: a password check the request waits for (suspended) */
    struct hash_job *defer;
    /* http/pcache.h: the anonymous page cache */
    bool uncacheable;          /* the page read something not in the cache key */
    bool pc_hit;               /* served from the cache */
    const char *pc_key;        /* looked up and missed: store under this key */
    size_t pc_keylen;          /* the key holds bytes, NUL included */
    uint64_t pc_hash;
    uint64_t pc_writes;        /* db_write_count before the handler */
    int64_t pc_version;        /* the content version and epoch the key was looked up with */
    uint64_t pc_epoch;
    struct blob *pc_blob;      /* the cached page answered with (a reference) */
    bool pc_shared;            /* ... sent as it is, not copied into body */
    const char *etag;          /* the response's ETag when it has one */
    bool csrf_deferred;        /* the body holds pcache_csrf_placeholder() for the token */
    bool once_deferred;        /* ... and pcache_once_placeholder() for one-time keys */
} req;

/* Inputs.  Values that are not valid UTF-8 read as NULL. */
const char *req_query(req *r, const char *name);
const char *req_form(req *r, const char *name);
const struct upload *req_file(req *r, const char *name);
const char *req_cookie(req *r, const char *name);
const char *req_header(req *r, const char *name);
/* The page number from ?sida= (1 when absent).  False when it is not a
 * positive whole number: the caller answers 400. */
bool req_page(req *r, int64_t *page);

/* Response building. */
void resp_header(req *r, const char *name, const char *value);
void resp_cookie(req *r, const char *name, const char *value, long max_age);
void resp_redirect(req *r, const char *location);  /* 303 See Other */
/* A flash message (a locale key) shown once on the next page. */
void resp_flash(req *r, const char *key);

/* Writes HTML to the response body: %s arguments are escaped. */
void html(req *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Trusted markup (produced by our own code or by cmark). */
void html_raw(req *r, const char *s);

/* Translation of key in the request's language. */
const char *T(req *r, const char *key);

/* Translation with "{}" replaced by arg (plain text; escaped on output). */
const char *Tf(req *r, const char *key, const char *arg);

/* The CSRF token for forms (sets the anonymous cookie when needed). */
const char *req_csrf(req *r);

/* Checks a password on the hashing threads (http/hashq.h) while this
 * worker serves other requests; then(r, ok, st) runs afterwards on the
 * request and writes the response; the handler returns at once and writes
 * nothing.  False when the queue is full: the handler answers with
 * req_busy(r) instead. */
bool req_verify_password(req *r, const char *hash, const char *password,
                         void (*then)(req *r, bool ok, void *st), void *st);
/* 503 "försök igen om en stund" with Retry-After. */
void req_busy(req *r);

/* Permission helpers. */
bool req_has_role(req *r, enum role role);

#endif
