/* http/parse.c: urlencoded bodies and query strings, multipart bodies,
 * Cookie headers. */
#include <stdio.h>

#include "testutil.h"
#include "http/parse.h"

static const char *val(const struct kvlist *l, const char *name)
{
    const struct kv *kv = kv_get(l, name);
    return kv ? kv->value : NULL;
}

static bool urlenc(arena *a, const char *s, struct kvlist *l)
{
    memset(l, 0, sizeof *l);
    return parse_urlencoded(a, s, strlen(s), l);
}

static void urlencoded_basics(void **state)
{
    arena *a = *state;
    struct kvlist l;
    assert_true(urlenc(a, "a=1&b=hej+d%C3%A5&c=%26%3D%2B", &l));
    assert_int_equal(l.n, 3);
    assert_str(val(&l, "a"), "1");
    assert_str(val(&l, "b"), "hej då");
    assert_str(val(&l, "c"), "&=+");
    assert_true(kv_get(&l, "b")->ok);
    assert_int_equal(kv_get(&l, "b")->len, strlen("hej då"));
    assert_null(kv_get(&l, "d"));

    assert_true(urlenc(a, "namn=%C3%85sa+%C3%96berg&ort=S%c3%b6der", &l));
    assert_str(val(&l, "namn"), "Åsa Öberg");
    assert_str(val(&l, "ort"), "Söder");

    assert_true(urlenc(a, "f%C3%B6r+namn=x", &l)); /* names are decoded too */
    assert_str(val(&l, "för namn"), "x");

    assert_true(urlenc(a, "", &l));
    assert_int_equal(l.n, 0);
    assert_true(urlenc(a, "&&", &l));
    assert_int_equal(l.n, 0);
    assert_true(urlenc(a, "q=a=b", &l)); /* only the first '=' separates */
    assert_str(val(&l, "q"), "a=b");
}

static void urlencoded_empty_and_duplicates(void **state)
{
    arena *a = *state;
    struct kvlist l;
    assert_true(urlenc(a, "a=&b&&c=3&", &l));
    assert_int_equal(l.n, 3);
    assert_str(val(&l, "a"), "");
    assert_int_equal(kv_get(&l, "a")->len, 0);
    assert_str(val(&l, "b"), "");
    assert_str(val(&l, "c"), "3");

    assert_true(urlenc(a, "roll=jury&roll=coach&roll=", &l));
    assert_int_equal(l.n, 3);
    assert_str(val(&l, "roll"), "jury"); /* the first one */
    assert_str(l.items[1].value, "coach");
    assert_str(l.items[2].value, "");
}

static void urlencoded_malformed(void **state)
{
    arena *a = *state;
    struct kvlist l;
    assert_false(urlenc(a, "a=%zz&b=2", &l));
    assert_null(kv_get(&l, "a"));
    assert_str(val(&l, "b"), "2"); /* what was fine is kept */
    assert_false(urlenc(a, "a=1&b=%4", &l));
    assert_str(val(&l, "a"), "1");
    assert_null(kv_get(&l, "b"));
    assert_false(urlenc(a, "%=1", &l));
    assert_false(urlenc(a, "a=%", &l));
    assert_false(urlenc(a, "a=%%41", &l));

    /* a NUL byte or invalid UTF-8 in a value: kept, marked not ok */
    assert_true(urlenc(a, "a=x%00y&b=%FF&c=%C3", &l));
    assert_int_equal(kv_get(&l, "a")->len, 3);
    assert_false(kv_get(&l, "a")->ok);
    assert_false(kv_get(&l, "b")->ok);
    assert_false(kv_get(&l, "c")->ok);
    /* ... but a name with NUL or invalid UTF-8 is refused */
    assert_false(urlenc(a, "x%00y=1&ok=1", &l));
    assert_int_equal(l.n, 1);
    assert_str(val(&l, "ok"), "1");
    assert_false(urlenc(a, "%FF=1", &l));
    assert_int_equal(l.n, 0);

    /* input that is not NUL-terminated at n: only n bytes are read */
    memset(&l, 0, sizeof l);
    assert_true(parse_urlencoded(a, "a=12345", 4, &l));
    assert_str(val(&l, "a"), "12");
}

static void urlencoded_too_many_fields(void **state)
{
    arena *a = *state;
    buf b = {0};
    for (int i = 0; i < PARSE_MAX_FIELDS; i++) buf_printf(&b, "%sf%d=%d", i ? "&" : "", i, i);
    struct kvlist l;
    bool ok = urlenc(a, buf_cstr(&b), &l);
    assert_true(ok);
    assert_int_equal(l.n, PARSE_MAX_FIELDS);
    buf_puts(&b, "&extra=1");
    ok = urlenc(a, buf_cstr(&b), &l);
    buf_free(&b);
    assert_false(ok);
    assert_int_equal(l.n, PARSE_MAX_FIELDS);
    assert_null(kv_get(&l, "extra"));
}

/* ---- multipart ---- */

#define CT "multipart/form-data; boundary=----samskapXyZ"
#define D "------samskapXyZ"

static bool mp(arena *a, const char *ct, const char *body, size_t n, struct kvlist *f,
               struct uploadlist *u)
{
    memset(f, 0, sizeof *f);
    memset(u, 0, sizeof *u);
    return parse_multipart(a, ct, body, n, f, u);
}

static void multipart_fields_and_files(void **state)
{
    arena *a = *state;
    static const unsigned char pdf[] = {'%', 'P', 'D', 'F', 0, 1, 2, '\r', '\n', '-', '-',
                                        0xff, 0xfe, '\r', '\n', 0, '\r'};
    buf b = {0};
    buf_puts(&b, "preamble to ignore\r\n");
    buf_puts(&b, D "\r\nContent-Disposition: form-data; name=\"titel\"\r\n\r\nMöte på Söder\r\n");
    buf_puts(&b, D "\r\ncontent-disposition: form-data; name=\"tom\"\r\n\r\n\r\n");
    buf_puts(&b, D "\r\nContent-Disposition: form-data; name=\"kvitto\"; filename=\"kvitto ÅÄÖ.pdf\"\r\n"
                   "Content-Type: application/pdf\r\n\r\n");
    buf_add(&b, pdf, sizeof pdf);
    buf_puts(&b, "\r\n" D "\r\nContent-Disposition: form-data; filename=\"b.bin\"; name=\"andra\"\r\n\r\n");
    buf_puts(&b, "x" D "y"); /* a boundary not at a line start is data */
    buf_puts(&b, "\r\n" D "--\r\n");
    struct kvlist f;
    struct uploadlist u;
    bool ok = mp(a, CT, b.data, b.len, &f, &u);
    buf_free(&b);
    assert_true(ok);
    assert_int_equal(f.n, 2);
    assert_str(val(&f, "titel"), "Möte på Söder");
    assert_true(kv_get(&f, "titel")->ok);
    assert_str(val(&f, "tom"), "");
    assert_int_equal(u.n, 2);
    assert_str(u.items[0].field, "kvitto");
    assert_str(u.items[0].filename, "kvitto ÅÄÖ.pdf");
    assert_str(u.items[0].content_type, "application/pdf");
    assert_int_equal(u.items[0].len, sizeof pdf);
    assert_memory_equal(u.items[0].data, pdf, sizeof pdf);
    assert_str(u.items[1].field, "andra");
    assert_str(u.items[1].filename, "b.bin");
    assert_str(u.items[1].content_type, "application/octet-stream");
    assert_int_equal(u.items[1].len, strlen("x" D "y"));
    assert_memory_equal(u.items[1].data, "x" D "y", u.items[1].len);
}

static void multipart_binary_text_field(void **state)
{
    arena *a = *state;
    static const char body[] = D "\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\n"
                                 "a\0b\r\n" D "\r\nContent-Disposition: form-data; name=\"u\"\r\n\r\n"
                                 "\xff\xfe\r\n" D "--";
    struct kvlist f;
    struct uploadlist u;
    assert_true(mp(a, CT, body, sizeof body - 1, &f, &u));
    assert_int_equal(f.n, 2);
    assert_int_equal(kv_get(&f, "t")->len, 3);
    assert_false(kv_get(&f, "t")->ok);
    assert_memory_equal(kv_get(&f, "t")->value, "a\0b", 3);
    assert_false(kv_get(&f, "u")->ok);
    assert_int_equal(u.n, 0);
}

static void multipart_quoted_boundary(void **state)
{
    arena *a = *state;
    static const char body[] = "--a b;c=d\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n"
                               "--a b;c=d--\r\n";
    struct kvlist f;
    struct uploadlist u;
    assert_true(mp(a, "multipart/form-data; boundary=\"a b;c=d\"", body, sizeof body - 1, &f, &u));
    assert_str(val(&f, "x"), "1");
    assert_true(mp(a, "Multipart/Form-Data;BOUNDARY=\"a b;c=d\"; charset=utf-8", body,
                   sizeof body - 1, &f, &u));
    assert_str(val(&f, "x"), "1");
}

/* Parameters are found outside quoted strings only: a file named
 * "a; name=x.pdf" (legal, and sent as is by browsers) keeps its field. */
static void multipart_filename_with_semicolon(void **state)
{
    arena *a = *state;
    static const char body[] =
        D "\r\nContent-Disposition: form-data; filename=\"kvitto; name=x.pdf\"; name=\"kvitto\"\r\n"
          "Content-Type: application/pdf\r\n\r\n%PDF\r\n" D "--\r\n";
    struct kvlist f;
    struct uploadlist u;
    assert_true(mp(a, CT, body, sizeof body - 1, &f, &u));
    assert_int_equal(u.n, 1);
    assert_str(u.items[0].filename, "kvitto; name=x.pdf");
    assert_str(u.items[0].field, "kvitto");
}

static void multipart_malformed(void **state)
{
    arena *a = *state;
    struct kvlist f;
    struct uploadlist u;
    const char *one = D "\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n" D "--\r\n";
    assert_true(mp(a, CT, one, strlen(one), &f, &u));

    const char *cases[] = {
        /* missing final boundary */
        D "\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1",
        D "\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n" D,
        D "\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n",
        /* headers never end */
        D "\r\nContent-Disposition: form-data; name=\"x\"\r\n1\r\n" D "--",
        /* a part without a name */
        D "\r\nContent-Disposition: form-data\r\n\r\n1\r\n" D "--",
        D "\r\nContent-Type: text/plain\r\n\r\n1\r\n" D "--",
        /* an unterminated quoted name */
        D "\r\nContent-Disposition: form-data; name=\"x\r\n\r\n1\r\n" D "--",
        /* no delimiter at all, or the wrong one */
        "just text",
        "--other\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--other--",
        "",
        /* junk right after the delimiter */
        D "junk\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n" D "--",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (mp(a, CT, cases[i], strlen(cases[i]), &f, &u))
            fail_msg("parse_multipart accepted case %zu: \"%s\"", i, cases[i]);

    /* content types without a usable boundary */
    const char *cts[] = {"multipart/form-data", "multipart/form-data; boundary=",
                         "multipart/form-data; boundary=\"\"", "multipart/form-data; boundary=\"abc",
                         "multipart/form-data; xboundary=----samskapXyZ"};
    for (size_t i = 0; i < sizeof cts / sizeof cts[0]; i++)
        if (mp(a, cts[i], one, strlen(one), &f, &u))
            fail_msg("parse_multipart accepted content type \"%s\"", cts[i]);
    char longct[400];
    snprintf(longct, sizeof longct, "multipart/form-data; boundary=%0300d", 1);
    assert_false(mp(a, longct, one, strlen(one), &f, &u));
}

static void multipart_too_many_parts(void **state)
{
    arena *a = *state;
    buf b = {0};
    for (int i = 0; i < PARSE_MAX_FIELDS + 1; i++)
        buf_printf(&b, D "\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\n%d\r\n", i, i);
    buf_puts(&b, D "--\r\n");
    struct kvlist f;
    struct uploadlist u;
    bool ok = mp(a, CT, b.data, b.len, &f, &u);
    buf_free(&b);
    assert_false(ok);
    assert_true(f.n <= PARSE_MAX_FIELDS);
}

/* ---- cookies ---- */

static void cookies(void **state)
{
    arena *a = *state;
    struct kvlist l = {0};
    parse_cookies(a, "sid=abc123; lang=sv", &l);
    assert_int_equal(l.n, 2);
    assert_str(val(&l, "sid"), "abc123");
    assert_str(val(&l, "lang"), "sv");

    memset(&l, 0, sizeof l);
    parse_cookies(a, "q=\"quoted value\";t=a=b;;  ; e=", &l);
    assert_int_equal(l.n, 3);
    assert_str(val(&l, "q"), "quoted value");
    assert_str(val(&l, "t"), "a=b");
    assert_str(val(&l, "e"), "");

    memset(&l, 0, sizeof l);
    parse_cookies(a, "junk; =novalue; ok=1; alsojunk; \"; x=\"", &l);
    assert_str(val(&l, "ok"), "1");
    assert_null(kv_get(&l, ""));
    assert_null(kv_get(&l, "junk"));
    assert_null(kv_get(&l, "alsojunk"));

    memset(&l, 0, sizeof l);
    parse_cookies(a, NULL, &l);
    parse_cookies(a, "", &l);
    parse_cookies(a, ";;;  ;", &l);
    parse_cookies(a, "=", &l);
    assert_int_equal(l.n, 0);

    memset(&l, 0, sizeof l);
    parse_cookies(a, "v=\xff\xfe", &l);
    assert_int_equal(l.n, 1);
    assert_false(l.items[0].ok);

    /* the same name twice: the first wins */
    memset(&l, 0, sizeof l);
    parse_cookies(a, "sid=first; sid=second", &l);
    assert_str(val(&l, "sid"), "first");

    /* a flood of cookies is capped, and does not hang */
    buf b = {0};
    for (int i = 0; i < 1000; i++) buf_printf(&b, "c%d=%d; ", i, i);
    memset(&l, 0, sizeof l);
    parse_cookies(a, buf_cstr(&b), &l);
    buf_free(&b);
    assert_true(l.n <= 64);
    assert_str(val(&l, "c0"), "0");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        arena_test(urlencoded_basics),         arena_test(urlencoded_empty_and_duplicates),
        arena_test(urlencoded_malformed),      arena_test(urlencoded_too_many_fields),
        arena_test(multipart_fields_and_files), arena_test(multipart_binary_text_field),
        arena_test(multipart_quoted_boundary), arena_test(multipart_filename_with_semicolon),
        arena_test(multipart_malformed),
        arena_test(multipart_too_many_parts),  arena_test(cookies),
    };
    return cmocka_run_group_tests_name("parse", tests, NULL, NULL);
}
