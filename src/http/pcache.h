/* The anonymous page cache: what a visitor without a session gets for a
 * URL (and language) is rendered once and served from memory until the
 * content version changes (store/db.h, db_content_version: bumped by every
 * write any page can show, read once per request, so every server process
 * sees every other's writes on its next request).
 *
 * One entry per URL (path, query, language), holding the content version
 * and the second it was made in (r->now / SAMSKAP_PAGE_CACHE_SECONDS, 1 by
 * default): another version is always a miss; a page of this second is a
 * hit; when the second has passed, one request makes the page anew while
 * the others get the previous second's (same data, a second older clock),
 * so a busy page is not made by every worker at the turn of each second.
 *
 * Only requests that can hold nothing personal are looked up: GET or HEAD
 * whose cookies are none but "lang" and "csrf" (no session, no flash).
 * Only responses that hold nothing personal are stored: status 200, made
 * by GET, no user, no Set-Cookie, no CSRF token made (a form's token is
 * tied to the visitor's cookie), no write of any kind during the request
 * (a handler with a side effect must run every time), and not marked
 * r->uncacheable (a page that reads another request header).
 *
 * Bounded: LRU within SAMSKAP_PAGE_CACHE_MB (16 by default).  Off with
 * SAMSKAP_PAGE_CACHE=0.  Every anonymous response it could hold gets an
 * ETag (a hash of its bytes); If-None-Match with it answers 304. */
#ifndef SAMSKAP_PCACHE_H
#define SAMSKAP_PCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "http/req.h"

/* Reads the environment; call once before serving. */
void pcache_init(void);
void pcache_free(void);

/* Before the handler (cookies parsed, lang set, path checked): true when
 * the response was served from the cache into r; otherwise remembers the
 * key in r for pcache_finish. */
bool pcache_lookup(req *r);

/* At the start of dispatch_finish: stores the response when it may be
 * stored, adds the ETag, answers 304 to a matching If-None-Match. */
void pcache_finish(req *r);

/* What req_csrf writes into a page being made for the cache in place of
 * an anonymous visitor's CSRF token: letters and digits, random per
 * process; every response (stored or served) has it replaced by the
 * visitor's own token (and the visitor's new csrf cookie when it had none),
 * so a cached page with a form holds nobody's token. */
const char *pcache_csrf_placeholder(void);
/* The same for a form's one-time key (form_once_field): every occurrence
 * becomes a fresh random key in every response; such a page gets no ETag
 * (a 304 would bring back a key already used). */
const char *pcache_once_placeholder(void);

/* For send_response: the cached bytes r is answered with, shared rather
 * than copied (a reference in *ref for pcache_unref, libmicrohttpd's free
 * callback); NULL when r->body holds the response. */
const char *pcache_shared_body(req *r, size_t *len, void **ref);
void pcache_unref(void *ref);
/* When r is freed: drops its reference to a cached page. */
void pcache_release(req *r);

/* hits counts stale ones too */
struct pcache_stats { uint64_t hits, stale, misses, stores, evictions, bytes, entries; };
void pcache_stats(struct pcache_stats *out);

#endif
