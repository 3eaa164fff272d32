#include "http/pcache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <sodium.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util/crypto.h"
#include "util/log.h"
#include "util/mem.h"

enum { NBUCKETS = 16384, MAX_HEADERS = 8 };

/* What a response from the cache is made of: immutable once stored and
 * counted, so a hit takes a reference under the lock and reads it after;
 * the last holder (the entry, a request, libmicrohttpd sending the bytes)
 * frees it.  tok/once: where the placeholders are in the body, found once
 * when the page is stored rather than searched for on every hit. */
struct blob {
    _Atomic unsigned refs;
    int status;
    char *mime;
    int nheaders;
    char *hname[MAX_HEADERS], *hvalue[MAX_HEADERS];
    char etag[36];
    int64_t since;                  /* when these bytes were first stored (Last-Modified) */
    size_t *tok, ntok;              /* offsets of the CSRF placeholder */
    size_t *once, nonce;            /* offsets of the one-time key placeholder */
    char *body;
    size_t len;
    bool mapped;                    /* body is a mapping of its own (body_alloc) */
};

/* One entry per URL (path, query, language): the newest page made for it,
 * with the content version and second it was made from. */
struct entry {
    struct entry *next;             /* hash chain */
    struct entry *newer, *older;    /* LRU list */
    uint64_t hash;
    char *key;
    size_t keylen;                  /* the key is bytes: compared by length */
    int64_t version;
    uint64_t epoch;
    int64_t made;                   /* r->now / bucket_seconds when it was made */
    int64_t refresh_until;          /* a request is making it anew until then (r->now) */
    struct blob *blob;
    size_t size;                    /* what it counts against the limit */
};

static bool enabled;
static bool show_state;             /* X-Cache: hit/miss (test mode only) */
static int64_t bucket_seconds = 1;
static size_t limit;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry *buckets[NBUCKETS];
static struct entry *newest, *oldest;
static struct pcache_stats stats;
static char placeholder[40];
static char once_placeholder[40];

const char *pcache_once_placeholder(void)
{
    return once_placeholder;
}

const char *pcache_csrf_placeholder(void)
{
    return placeholder;
}

void pcache_init(void)
{
    const char *on = getenv("SAMSKAP_PAGE_CACHE");
    enabled = !(on && strcmp(on, "0") == 0);
    long mb = 16;
    const char *e = getenv("SAMSKAP_PAGE_CACHE_MB");
    if (e && *e) {
        char *end;
        long v = strtol(e, &end, 10);
        if (!*end && v >= 0 && v <= 4096) mb = v;
    }
    if (mb == 0) enabled = false;
    limit = (size_t)mb * 1024 * 1024;
    const char *s = getenv("SAMSKAP_PAGE_CACHE_SECONDS");
    if (s && *s) {
        char *end;
        long v = strtol(s, &end, 10);
        if (!*end && v >= 1 && v <= 3600) bucket_seconds = v;
    }
    unsigned char rnd[16];
    randombytes_buf(rnd, sizeof rnd);
    memcpy(placeholder, "pcsrf", 5);
    sodium_bin2hex(placeholder + 5, 33, rnd, sizeof rnd);
    randombytes_buf(rnd, sizeof rnd);
    memcpy(once_placeholder, "ponce", 5);
    sodium_bin2hex(once_placeholder + 5, 33, rnd, sizeof rnd);
    const char *t = getenv("SAMSKAP_TEST_MODE");
    show_state = t && strcmp(t, "1") == 0;
    if (enabled)
        log_info("page cache: on, %ld MiB, %lld s buckets", mb, (long long)bucket_seconds);
}

static uint64_t fnv(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static void unlink_lru(struct entry *e)
{
    if (e->newer) e->newer->older = e->older; else newest = e->older;
    if (e->older) e->older->newer = e->newer; else oldest = e->newer;
    e->newer = e->older = NULL;
}

static void push_newest(struct entry *e)
{
    e->older = newest;
    e->newer = NULL;
    if (newest) newest->newer = e;
    newest = e;
    if (!oldest) oldest = e;
}

/* A stored page's bytes.  From 4 KiB on in a mapping of their own,
 * counted against the limit rounded up to whole pages: cached pages live
 * long and are freed in any order, and in the heap the holes between them
 * kept the server's RSS well above the cache's size (bench/run --scale:
 * 67 MiB with 16 MiB of pages; 45 MiB so).  A request's short-lived
 * buffers stay in the heap (glibc's mmap threshold at 16 KiB for all
 * allocations made every request's body buffer a mapping: half again the
 * CPU of a cached page). */
enum { OWN_MAPPING = 4 * 1024, PAGE = 4096 };

static char *body_alloc(size_t len, bool *mapped)
{
    *mapped = false;
    if (len < OWN_MAPPING) return xmalloc(len ? len : 1);
    void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return xmalloc(len);
    *mapped = true;
    return p;
}

static void body_free(char *p, size_t len, bool mapped)
{
    if (mapped) munmap(p, len);
    else free(p);
}

static void blob_unref(struct blob *b)
{
    if (!b || atomic_fetch_sub(&b->refs, 1) != 1) return;
    free(b->mime);
    for (int i = 0; i < b->nheaders; i++) {
        free(b->hname[i]);
        free(b->hvalue[i]);
    }
    free(b->tok);
    free(b->once);
    body_free(b->body, b->len, b->mapped);
    free(b);
}

static void entry_free(struct entry *e)
{
    blob_unref(e->blob);
    free(e->key);
    free(e);
}

/* Unlinks e from its chain and the LRU list and frees it (lock held). */
static void evict(struct entry *e)
{
    struct entry **pp = &buckets[e->hash % NBUCKETS];
    while (*pp && *pp != e) pp = &(*pp)->next;
    if (*pp) *pp = e->next;
    unlink_lru(e);
    stats.bytes -= e->size;
    stats.entries--;
    entry_free(e);
}

void pcache_free(void)
{
    pthread_mutex_lock(&lock);
    while (oldest) evict(oldest);
    pthread_mutex_unlock(&lock);
}

void pcache_stats(struct pcache_stats *out)
{
    pthread_mutex_lock(&lock);
    *out = stats;
    pthread_mutex_unlock(&lock);
}

/* Cookies that change nothing a cacheable page shows: the language (in the
 * key) and the anonymous CSRF cookie (a page that uses it is not stored). */
static bool harmless_cookies(req *r)
{
    for (size_t i = 0; i < r->cookies.n; i++) {
        const char *k = r->cookies.items[i].name;
        if (strcmp(k, "lang") != 0 && strcmp(k, "csrf") != 0) return false;
    }
    return true;
}

static void key_part(buf *b, const char *s, size_t n)
{
    buf_printf(b, "%zu:", n);
    buf_add(b, s, n);
}

static void state_header(req *r, const char *v)
{
    if (show_state) resp_header(r, "X-Cache", v);
}

static bool etag_matches(req *r, const char *etag)
{
    const char *inm = req_header(r, "If-None-Match");
    if (!inm) return false;
    if (strcmp(inm, "*") == 0) return true;
    size_t n = strlen(etag);
    for (const char *p = strstr(inm, etag); p; p = strstr(p + 1, etag)) {
        bool start = p == inm || p[-1] == ' ' || p[-1] == ',' || p[-1] == '/';
        bool end = p[n] == '\0' || p[n] == ',' || p[n] == ' ';
        if (start && end) return true;
    }
    return false;
}

static struct entry *find(uint64_t h, const char *key, size_t n)
{
    struct entry *e = buckets[h % NBUCKETS];
    while (e && !(e->hash == h && e->keylen == n && memcmp(e->key, key, n) == 0)) e = e->next;
    return e;
}

/* What a lookup does with the entry it found (lock held).  A page of the
 * current content version made in an earlier second is made anew by one
 * request; while it is, the others get the page of the second before (the
 * same data, a second older clock) rather than all making it at once. */
enum use { USE_MISS, USE_HIT, USE_STALE };

static enum use decide(struct entry *e, int64_t version, uint64_t epoch, int64_t bucket, int64_t now)
{
    if (!e || e->version != version || e->epoch != epoch) return USE_MISS;
    if (e->made == bucket) return USE_HIT;
    if (e->made == bucket - 1 && e->refresh_until > now) return USE_STALE;
    e->refresh_until = now + 2; /* this request makes it; a lost one is retaken */
    return USE_MISS;
}

/* Serves r from b (a reference taken for r): headers now, the body in
 * pcache_finish (with this visitor's tokens, or shared as it is). */
static void serve(req *r, struct blob *b)
{
    r->pc_blob = b;
    r->pc_hit = true;
    r->status = b->status;
    r->mime = b->mime;
    for (int i = 0; i < b->nheaders; i++) resp_header(r, b->hname[i], b->hvalue[i]);
    r->etag = b->etag;
    r->csrf_deferred = b->ntok > 0;
    r->once_deferred = b->nonce > 0;
    r->body.len = 0;
}

bool pcache_lookup(req *r)
{
    if (!enabled || !(r->method == M_GET || r->method == M_HEAD) || !harmless_cookies(r))
        return false;
    int64_t version = 0;
    if (db_content_version(r->db, &version) != DB_OK) return false;
    uint64_t epoch = db_external_epoch();
    int64_t bucket = r->now / bucket_seconds;
    buf k = {0};
    buf_printf(&k, "%d|", (int)r->lang);
    key_part(&k, r->path, strlen(r->path));
    for (size_t i = 0; i < r->query.n; i++) {
        key_part(&k, r->query.items[i].name, strlen(r->query.items[i].name));
        key_part(&k, r->query.items[i].value, r->query.items[i].len);
    }
    uint64_t h = fnv(k.data, k.len);
    struct blob *b = NULL;
    pthread_mutex_lock(&lock);
    struct entry *e = find(h, k.data, k.len);
    enum use use = decide(e, version, epoch, bucket, r->now);
    if (use != USE_MISS) {
        b = e->blob;
        atomic_fetch_add(&b->refs, 1);
        unlink_lru(e);
        push_newest(e);
        stats.hits++;
        if (use == USE_STALE) stats.stale++;
    } else {
        stats.misses++;
    }
    pthread_mutex_unlock(&lock);
    if (b) {
        serve(r, b);
        state_header(r, use == USE_STALE ? "stale" : "hit");
    } else {
        r->pc_key = arena_strndup(r->a, k.data, k.len);
        r->pc_keylen = k.len;
        r->pc_hash = h;
        r->pc_version = version;
        r->pc_epoch = epoch;
        r->pc_writes = db_write_count(r->db);
    }
    buf_free(&k);
    return b != NULL;
}

/* May this response be stored?  (See pcache.h.) */
static bool storable(req *r)
{
    if (r->method != M_GET || r->status != 200 || r->user || r->session || r->csrf ||
        r->uncacheable || r->cacheable || r->defer)
        return false;
    if (db_write_count(r->db) != r->pc_writes) return false;
    if (r->nheaders > MAX_HEADERS) return false;
    for (int i = 0; i < r->nheaders; i++)
        if (strcasecmp(r->headers[i].name, "Set-Cookie") == 0) return false;
    return true;
}

static void hex_etag(const unsigned char h[16], char out[36])
{
    out[0] = '"';
    sodium_bin2hex(out + 1, 33, h, 16);
    out[33] = '"';
    out[34] = '\0';
}

static void make_etag(const char *body, size_t len, char out[36])
{
    unsigned char h[16];
    crypto_generichash(h, sizeof h, (const unsigned char *)body, len, NULL, 0);
    hex_etag(h, out);
}

/* The offsets of every occurrence of mark in body (a malloc'd array). */
static size_t *find_marks(const char *body, size_t len, const char *mark, size_t *n)
{
    size_t mn = strlen(mark), cap = 0, *at = NULL;
    *n = 0;
    for (const char *s = body, *end = body + len, *p; (p = memmem(s, (size_t)(end - s), mark, mn)); s = p + mn) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 4;
            at = xrealloc(at, cap * sizeof *at);
        }
        at[(*n)++] = (size_t)(p - body);
    }
    return at;
}

/* A blob of r's response (one reference, the caller's). */
static struct blob *blob_of(req *r)
{
    struct blob *b = xcalloc(1, sizeof *b);
    atomic_init(&b->refs, 1);
    b->status = r->status;
    b->mime = xstrdup(r->mime ? r->mime : "text/html; charset=utf-8");
    b->nheaders = r->nheaders < MAX_HEADERS ? r->nheaders : MAX_HEADERS;
    for (int i = 0; i < b->nheaders; i++) {
        b->hname[i] = xstrdup(r->headers[i].name);
        b->hvalue[i] = xstrdup(r->headers[i].value);
    }
    b->len = r->body.len;
    b->body = body_alloc(b->len, &b->mapped);
    memcpy(b->body, r->body.data, b->len);
    make_etag(b->body, b->len, b->etag);
    if (r->csrf_deferred) b->tok = find_marks(b->body, b->len, placeholder, &b->ntok);
    if (r->once_deferred) b->once = find_marks(b->body, b->len, once_placeholder, &b->nonce);
    return b;
}

static size_t blob_size(const struct blob *b)
{
    size_t body = b->mapped ? (b->len + PAGE - 1) / PAGE * PAGE : b->len; /* what it takes */
    size_t n = sizeof *b + strlen(b->mime) + body + (b->ntok + b->nonce) * sizeof(size_t) + 64;
    for (int i = 0; i < b->nheaders; i++) n += strlen(b->hname[i]) + strlen(b->hvalue[i]) + 2;
    return n;
}

/* Stores b (taking a reference) as the page for r's key: the entry of the
 * URL is replaced, whatever it held. */
static void store(req *r, struct blob *b)
{
    struct entry *e = xcalloc(1, sizeof *e);
    e->hash = r->pc_hash;
    e->key = xmalloc(r->pc_keylen + 1);
    memcpy(e->key, r->pc_key, r->pc_keylen);
    e->key[r->pc_keylen] = '\0';
    e->keylen = r->pc_keylen;
    e->version = r->pc_version;
    e->epoch = r->pc_epoch;
    e->made = r->now / bucket_seconds;
    e->size = sizeof *e + e->keylen + blob_size(b);
    if (e->size > limit / 4) { /* one page never takes the cache */
        free(e->key);
        free(e);
        return;
    }
    atomic_fetch_add(&b->refs, 1);
    e->blob = b;
    pthread_mutex_lock(&lock);
    struct entry *old = find(e->hash, e->key, e->keylen);
    /* the same bytes as before: not modified since they were first made */
    b->since = old && strcmp(old->blob->etag, b->etag) == 0 ? old->blob->since : r->now;
    if (old) evict(old);
    struct entry **pp = &buckets[e->hash % NBUCKETS];
    e->next = *pp;
    *pp = e;
    push_newest(e);
    stats.bytes += e->size;
    stats.entries++;
    stats.stores++;
    while (stats.bytes > limit && oldest && oldest != e) {
        evict(oldest);
        stats.evictions++;
    }
    pthread_mutex_unlock(&lock);
}

/* r's body made from body with every placeholder at tok replaced by token
 * and every one at once by a fresh one-time key (the placeholders have the
 * same length, so the offsets merge in order). */
static void fill(req *r, const char *body, size_t len, const size_t *tok, size_t ntok, const char *token,
                 const size_t *once, size_t nonce)
{
    size_t tn = token ? strlen(token) : 0, pn = strlen(placeholder), i = 0, j = 0, from = 0;
    buf out = {0};
    buf_reserve(&out, len + ntok * tn + 64);
    while (i < ntok || j < nonce) {
        bool is_tok = j >= nonce || (i < ntok && tok[i] < once[j]);
        size_t at = is_tok ? tok[i++] : once[j++];
        buf_add(&out, body + from, at - from);
        if (is_tok) buf_add(&out, token, tn);
        else buf_puts(&out, random_token(r->a, 18));
        from = at + pn;
    }
    buf_add(&out, body + from, len - from);
    buf_free(&r->body);
    r->body = out;
}

/* The visitor's own token (a new csrf cookie when it has none); the ETag
 * then covers the token too. */
static const char *visitor_token(req *r)
{
    r->pc_key = NULL; /* req_csrf: the real token now */
    r->pc_hit = false;
    const char *token = req_csrf(r);
    if (r->etag) {
        unsigned char h[16];
        crypto_generichash_state st;
        crypto_generichash_init(&st, NULL, 0, sizeof h);
        crypto_generichash_update(&st, (const unsigned char *)r->etag, strlen(r->etag));
        crypto_generichash_update(&st, (const unsigned char *)token, strlen(token));
        crypto_generichash_final(&st, h, sizeof h);
        char *e = arena_alloc(r->a, 36);
        hex_etag(h, e);
        r->etag = e;
    }
    return token;
}

/* Last-Modified, and whether the visitor's copy is current: If-None-Match
 * when sent, else If-Modified-Since.  A page first made in this very second
 * gets no date (a second is the header's resolution; another page could
 * still be made in it). */
static bool not_modified(req *r, const struct blob *b)
{
    bool dated = b && b->since > 0 && b->since < r->now;
    if (dated) {
        char *date = arena_alloc(r->a, 40);
        time_t t = (time_t)b->since;
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(date, 40, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        resp_header(r, "Last-Modified", date);
    }
    if (req_header(r, "If-None-Match")) return etag_matches(r, r->etag);
    const char *ims = req_header(r, "If-Modified-Since");
    if (!dated || !ims) return false;
    struct tm tm = {0};
    const char *end = strptime(ims, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return end && !*end && b->since <= (int64_t)timegm(&tm);
}

void pcache_finish(req *r)
{
    struct blob *made = NULL;
    if (r->pc_key && !r->pc_hit) {
        if (storable(r)) {
            made = blob_of(r);
            store(r, made);
            r->pc_blob = made; /* answered from it, as a hit is */
            r->etag = made->etag;
            state_header(r, "miss");
        } else {
            state_header(r, "pass");
        }
    }
    struct blob *b = r->pc_blob;
    bool tok = r->csrf_deferred, once = r->once_deferred;
    r->csrf_deferred = r->once_deferred = false;
    if (tok || once) {
        const char *token = tok ? visitor_token(r) : NULL;
        if (b) {
            fill(r, b->body, b->len, b->tok, b->ntok, token, b->once, b->nonce);
        } else { /* not stored: find the placeholders in the page as made */
            size_t nt = 0, no = 0;
            size_t *ta = tok ? find_marks(r->body.data, r->body.len, placeholder, &nt) : NULL;
            size_t *oa = once ? find_marks(r->body.data, r->body.len, once_placeholder, &no) : NULL;
            buf made_body = r->body;
            r->body = (buf){0};
            fill(r, made_body.data, made_body.len, ta, nt, token, oa, no);
            buf_free(&made_body);
            free(ta);
            free(oa);
        }
        if (once) r->etag = NULL;
    } else if (b) {
        r->pc_shared = true; /* sent from the blob as it is (pcache_shared_body) */
    }
    if (!r->etag) return;
    resp_header(r, "ETag", r->etag);
    if (not_modified(r, b)) {
        r->status = 304;
        r->body.len = 0;
        r->pc_shared = false;
    }
}

const char *pcache_shared_body(req *r, size_t *len, void **ref)
{
    struct blob *b = r->pc_blob;
    if (!r->pc_shared || !b) return NULL;
    atomic_fetch_add(&b->refs, 1);
    *len = b->len;
    *ref = b;
    return b->body;
}

void pcache_unref(void *ref)
{
    blob_unref(ref);
}

void pcache_release(req *r)
{
    blob_unref(r->pc_blob);
    r->pc_blob = NULL;
}
