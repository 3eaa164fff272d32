#include "http/pcache.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/crypto.h"
#include "util/log.h"
#include "util/mem.h"

enum { NBUCKETS = 16384, MAX_HEADERS = 8 };

struct entry {
    struct entry *next;             /* hash chain */
    struct entry *newer, *older;    /* LRU list */
    uint64_t hash;
    char *key;
    size_t keylen;                  /* the key is bytes: compared by length */
    int status;
    char *mime;
    int nheaders;
    char *hname[MAX_HEADERS], *hvalue[MAX_HEADERS];
    char etag[36];
    bool token;                     /* holds the CSRF placeholder */
    bool once;                      /* holds the one-time key placeholder */
    char *body;
    size_t len;
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

static void entry_free(struct entry *e)
{
    free(e->key);
    free(e->mime);
    for (int i = 0; i < e->nheaders; i++) {
        free(e->hname[i]);
        free(e->hvalue[i]);
    }
    free(e->body);
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

bool pcache_lookup(req *r)
{
    if (!enabled || !(r->method == M_GET || r->method == M_HEAD) || !harmless_cookies(r))
        return false;
    int64_t version = 0;
    if (db_content_version(r->db, &version) != DB_OK) return false;
    buf k = {0};
    buf_printf(&k, "%lld.%llu|%lld|%d|", (long long)version,
               (unsigned long long)db_external_epoch(), (long long)(r->now / bucket_seconds), (int)r->lang);
    key_part(&k, r->path, strlen(r->path));
    for (size_t i = 0; i < r->query.n; i++) {
        key_part(&k, r->query.items[i].name, strlen(r->query.items[i].name));
        key_part(&k, r->query.items[i].value, r->query.items[i].len);
    }
    uint64_t h = fnv(k.data, k.len);
    bool hit = false;
    pthread_mutex_lock(&lock);
    struct entry *e = buckets[h % NBUCKETS];
    while (e && !(e->hash == h && e->keylen == k.len && memcmp(e->key, k.data, k.len) == 0)) e = e->next;
    if (e) {
        hit = true;
        stats.hits++;
        unlink_lru(e);
        push_newest(e);
        r->status = e->status;
        r->mime = arena_strdup(r->a, e->mime);
        for (int i = 0; i < e->nheaders; i++)
            resp_header(r, arena_strdup(r->a, e->hname[i]), arena_strdup(r->a, e->hvalue[i]));
        r->etag = arena_strdup(r->a, e->etag);
        r->csrf_deferred = e->token;
        r->once_deferred = e->once;
        r->body.len = 0;
        buf_add(&r->body, e->body, e->len);
    } else {
        stats.misses++;
    }
    pthread_mutex_unlock(&lock);
    if (hit) {
        r->pc_hit = true;
        state_header(r, "hit");
    } else {
        r->pc_key = arena_strndup(r->a, k.data, k.len);
        r->pc_keylen = k.len;
        r->pc_hash = h;
        r->pc_writes = db_write_count(r->db);
    }
    buf_free(&k);
    return hit;
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

static void make_etag(req *r, char out[36])
{
    unsigned char h[16];
    crypto_generichash(h, sizeof h, (const unsigned char *)r->body.data, r->body.len, NULL, 0);
    out[0] = '"';
    sodium_bin2hex(out + 1, 33, h, sizeof h);
    out[33] = '"';
    out[34] = '\0';
}

static void store(req *r)
{
    struct entry *e = xcalloc(1, sizeof *e);
    e->hash = r->pc_hash;
    e->key = xmalloc(r->pc_keylen + 1);
    memcpy(e->key, r->pc_key, r->pc_keylen);
    e->key[r->pc_keylen] = '\0';
    e->keylen = r->pc_keylen;
    e->status = r->status;
    e->mime = xstrdup(r->mime ? r->mime : "text/html; charset=utf-8");
    e->nheaders = r->nheaders;
    size_t hbytes = 0;
    for (int i = 0; i < r->nheaders; i++) {
        e->hname[i] = xstrdup(r->headers[i].name);
        e->hvalue[i] = xstrdup(r->headers[i].value);
        hbytes += strlen(e->hname[i]) + strlen(e->hvalue[i]) + 2;
    }
    make_etag(r, e->etag);
    e->token = r->csrf_deferred;
    e->once = r->once_deferred;
    r->etag = arena_strdup(r->a, e->etag);
    e->len = r->body.len;
    e->body = xmalloc(e->len ? e->len : 1);
    memcpy(e->body, r->body.data, e->len);
    e->size = sizeof *e + e->keylen + strlen(e->mime) + hbytes + e->len + 64;
    if (e->size > limit / 4) { /* one page never takes the cache */
        entry_free(e);
        return;
    }
    pthread_mutex_lock(&lock);
    struct entry **pp = &buckets[e->hash % NBUCKETS];
    struct entry *old = *pp;
    while (old && !(old->hash == e->hash && old->keylen == e->keylen &&
                    memcmp(old->key, e->key, e->keylen) == 0))
        old = old->next;
    if (old) evict(old); /* two workers made the same page at once */
    pp = &buckets[e->hash % NBUCKETS];
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

/* Replaces the placeholder in the body with this visitor's own token (a new
 * csrf cookie when it has none); the ETag then covers the token too. */
static void put_token(req *r)
{
    r->pc_key = NULL; /* req_csrf: the real token now */
    r->pc_hit = false;
    const char *token = req_csrf(r);
    size_t pn = strlen(placeholder), tn = strlen(token);
    buf out = {0};
    buf_reserve(&out, r->body.len + 64);
    const char *s = r->body.data, *end = s + r->body.len;
    while (s < end) {
        const char *p = memmem(s, (size_t)(end - s), placeholder, pn);
        if (!p) {
            buf_add(&out, s, (size_t)(end - s));
            break;
        }
        buf_add(&out, s, (size_t)(p - s));
        buf_add(&out, token, tn);
        s = p + pn;
    }
    buf_free(&r->body);
    r->body = out;
    if (r->etag) {
        unsigned char h[16];
        crypto_generichash_state st;
        crypto_generichash_init(&st, NULL, 0, sizeof h);
        crypto_generichash_update(&st, (const unsigned char *)r->etag, strlen(r->etag));
        crypto_generichash_update(&st, (const unsigned char *)token, tn);
        crypto_generichash_final(&st, h, sizeof h);
        char *e = arena_alloc(r->a, 36);
        e[0] = '"';
        sodium_bin2hex(e + 1, 33, h, sizeof h);
        e[33] = '"';
        e[34] = '\0';
        r->etag = e;
    }
}

/* Every one-time key placeholder becomes a fresh random key (same length:
 * 18 random bytes make 24 characters, as form_once_field's own). */
static void put_once(req *r)
{
    size_t pn = strlen(once_placeholder);
    char *s = r->body.data, *end = s + r->body.len;
    buf out = {0};
    buf_reserve(&out, r->body.len + 64);
    while (s < end) {
        char *p = memmem(s, (size_t)(end - s), once_placeholder, pn);
        if (!p) {
            buf_add(&out, s, (size_t)(end - s));
            break;
        }
        buf_add(&out, s, (size_t)(p - s));
        buf_puts(&out, random_token(r->a, 18));
        s = p + pn;
    }
    buf_free(&r->body);
    r->body = out;
}

void pcache_finish(req *r)
{
    if (r->pc_key && !r->pc_hit) {
        if (storable(r)) {
            store(r);
            state_header(r, "miss");
        } else {
            state_header(r, "pass");
        }
    }
    if (r->csrf_deferred) {
        r->csrf_deferred = false;
        put_token(r);
    }
    if (r->once_deferred) {
        r->once_deferred = false;
        put_once(r);
        r->etag = NULL;
    }
    if (!r->etag) return;
    resp_header(r, "ETag", r->etag);
    if (etag_matches(r, r->etag)) {
        r->status = 304;
        r->body.len = 0;
    }
}
