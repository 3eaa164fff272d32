/* http/pcache.c, the anonymous page cache, driven the way dispatch drives
 * it (lookup, the handler writes the body, finish) on a real SQLite
 * database: a hit within the second; a page whose second has passed made
 * anew by one request while the others get the previous second's; never a
 * page of another content version; each visitor's own token in a cached
 * form; the bytes shared, not copied; the size limit kept. */
#include "testutil.h"
#include "http/pcache.h"
#include "http/session.h"
#include "store/store.h"

static struct test_engine eng;
static db *d;

static int setup(void **state)
{
    (void)state;
    setenv("SAMSKAP_PAGE_CACHE_MB", "1", 1);
    unsetenv("SAMSKAP_PAGE_CACHE");
    unsetenv("SAMSKAP_PAGE_CACHE_SECONDS");
    pcache_init();
    if (test_engine_create(&eng, false, "pcache") != 0) return -1;
    d = test_engine_open(&eng);
    return d && security_init(d) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    pcache_free();
    db_close(d);
    test_engine_destroy(&eng);
    return 0;
}

static req *get(const char *path, int64_t now)
{
    req *r = calloc(1, sizeof *r);
    r->a = arena_new();
    r->db = d;
    r->method = M_GET;
    r->path = path;
    r->now = now;
    r->status = 200;
    r->lang = LANG_SV;
    return r;
}

static void done(req *r)
{
    pcache_release(r);
    buf_free(&r->body);
    arena_free(r->a);
    free(r);
}

/* What r is answered with, after pcache_finish; *shared: not copied. */
static char *answer(req *r, bool *shared)
{
    size_t len = 0;
    void *ref = NULL;
    const char *s = pcache_shared_body(r, &len, &ref);
    *shared = s != NULL;
    if (!s) return arena_strndup(r->a, r->body.data ? r->body.data : "", r->body.len);
    char *copy = arena_strndup(r->a, s, len);
    pcache_unref(ref);
    return copy;
}

/* One request: from the cache when it can be, else made as `page`. */
static char *visit(const char *path, int64_t now, const char *page, bool *from_cache)
{
    req *r = get(path, now);
    *from_cache = pcache_lookup(r);
    if (!*from_cache) buf_puts(&r->body, page);
    pcache_finish(r);
    bool shared;
    char *out = strdup(answer(r, &shared));
    done(r);
    return out;
}

static void check(const char *path, int64_t now, const char *page, bool want_cached, const char *want)
{
    bool cached;
    char *got = visit(path, now, page, &cached);
    assert_int_equal(cached, want_cached);
    assert_string_equal(got, want);
    free(got);
}

static enum db_rc write_content(db *x, void *ctx)
{
    (void)ctx;
    return db_run(db_prepare(x, "UPDATE settings SET value = value WHERE key = 'secret'"));
}

static void seconds_and_versions(void **state)
{
    (void)state;
    check("/a", 1000, "A1", false, "A1");
    check("/a", 1000, "no", true, "A1");          /* the same second: from the cache */
    check("/b", 1000, "B1", false, "B1");          /* another URL, its own page */
    check("/a", 1001, "A2", false, "A2");          /* a new second: made anew */
    check("/a", 1001, "no", true, "A2");

    /* the second passes; one request makes the page ... */
    req *maker = get("/a", 1002);
    assert_false(pcache_lookup(maker));
    /* ... while it does, another gets the previous second's */
    check("/a", 1002, "no", true, "A2");
    buf_puts(&maker->body, "A3");
    pcache_finish(maker);
    done(maker);
    check("/a", 1002, "no", true, "A3");

    /* never from an older second than the one before */
    req *late = get("/a", 1010);
    assert_false(pcache_lookup(late));
    check("/a", 1010, "A4", false, "A4");          /* not A3, made 8 s before */
    done(late);

    /* a write: the next request is made anew, nothing older served meanwhile */
    assert_int_equal(db_tx(d, true, write_content, NULL), DB_OK);
    req *first = get("/a", 1010);
    assert_false(pcache_lookup(first));
    check("/a", 1010, "A5", false, "A5");
    done(first);
    check("/b", 1010, "B2", false, "B2");
}

static void shared_bytes_and_tokens(void **state)
{
    (void)state;
    bool shared;
    req *r = get("/c", 2000);
    assert_false(pcache_lookup(r));
    buf_puts(&r->body, "C");
    pcache_finish(r);
    answer(r, &shared);
    assert_true(shared); /* even the page just made is sent from the stored bytes */
    done(r);
    r = get("/c", 2000);
    assert_true(pcache_lookup(r));
    pcache_finish(r);
    assert_string_equal(answer(r, &shared), "C");
    assert_true(shared);
    done(r);

    /* a form: each visitor gets a token of its own, the stored page none */
    const char *ph = pcache_csrf_placeholder();
    char *tokens[3];
    for (int i = 0; i < 3; i++) {
        r = get("/form", 2000);
        bool hit = pcache_lookup(r);
        assert_int_equal(hit, i > 0);
        if (!hit) {
            buf_printf(&r->body, "<input value=\"%s\"><input value=\"%s\">", req_csrf(r), req_csrf(r));
            assert_true(r->csrf_deferred);
        }
        pcache_finish(r);
        char *page = answer(r, &shared);
        assert_false(shared);
        assert_null(strstr(page, ph));
        tokens[i] = strdup(page);
        const char *cookie = NULL;
        for (int h = 0; h < r->nheaders; h++)
            if (strcmp(r->headers[h].name, "Set-Cookie") == 0) cookie = r->headers[h].value;
        assert_non_null(cookie); /* a new visitor's csrf cookie */
        done(r);
    }
    assert_string_not_equal(tokens[0], tokens[1]);
    assert_string_not_equal(tokens[1], tokens[2]);
    for (int i = 0; i < 3; i++) free(tokens[i]);
}

static void bounded(void **state)
{
    (void)state;
    char page[20000];
    memset(page, 'x', sizeof page - 1);
    page[sizeof page - 1] = '\0';
    for (int i = 0; i < 200; i++) {
        char path[32];
        snprintf(path, sizeof path, "/big/%d", i);
        bool cached;
        free(visit(path, 3000, page, &cached));
    }
    struct pcache_stats st;
    pcache_stats(&st);
    assert_true(st.bytes <= 1024 * 1024);
    assert_true(st.evictions > 0);
    assert_true(st.entries < 200);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seconds_and_versions),
        cmocka_unit_test(shared_bytes_and_tokens),
        cmocka_unit_test(bounded),
    };
    return cmocka_run_group_tests_name("pcache", tests, setup, teardown);
}
