/* util/text.c: UTF-8, slugs, folding, strict numbers, percent-decoding. */
#include "testutil.h"
#include "util/text.h"

/* utf8_seq: one sequence, and on a NUL-terminated string with a large avail
 * it stops at the end (the JSON export writes strings that way). */
static void utf8_sequences(void **state)
{
    (void)state;
    assert_int_equal(utf8_seq("\xc3\xa5", 2), 2);              /* å */
    assert_int_equal(utf8_seq("\xe2\x82\xac", 3), 3);          /* € */
    assert_int_equal(utf8_seq("\xf0\x9f\x98\x80", 4), 4);      /* emoji */
    assert_int_equal(utf8_seq("\xc3\xa5", 1), 0);              /* cut by avail */
    assert_int_equal(utf8_seq("\xc3", 4), 0);                  /* cut by the NUL */
    assert_int_equal(utf8_seq("\xe2\x82", 4), 0);
    assert_int_equal(utf8_seq("\xc3" "a", 4), 0);                 /* not a continuation */
    assert_int_equal(utf8_seq("\xa5", 4), 0);                  /* a continuation first */
    assert_int_equal(utf8_seq("\xc0\xaf", 4), 0);              /* overlong */
    assert_int_equal(utf8_seq("\xe0\x80\xaf", 4), 0);          /* overlong */
    assert_int_equal(utf8_seq("\xed\xa0\x80", 4), 0);          /* surrogate */
    assert_int_equal(utf8_seq("\xf4\x90\x80\x80", 4), 0);      /* > U+10FFFF */
    assert_int_equal(utf8_seq("\xff", 4), 0);
}

static void utf8_validation(void **state)
{
    (void)state;
    assert_true(utf8_valid("", 0));
    assert_true(utf8_valid("Hälsa på Söder", strlen("Hälsa på Söder")));
    assert_true(utf8_valid("\xf0\x9f\x98\x80", 4));       /* emoji */
    assert_false(utf8_valid("\xff", 1));
    assert_false(utf8_valid("\xc3", 1));                   /* truncated */
    assert_false(utf8_valid("\xc0\xaf", 2));               /* overlong '/' */
    assert_false(utf8_valid("\xed\xa0\x80", 3));           /* surrogate */
    assert_false(utf8_valid("\xf4\x90\x80\x80", 4));       /* > U+10FFFF */
    assert_false(utf8_valid("a\0b", 3));                   /* NUL inside */
    /* every position of a long ASCII run (checked 8 bytes at a time) */
    for (size_t k = 0; k < 24; k++) {
        char t[24];
        memset(t, 'a', sizeof t);
        assert_true(utf8_valid(t, sizeof t));
        t[k] = '\0';
        assert_false(utf8_valid(t, sizeof t));
        t[k] = (char)0xFF;
        assert_false(utf8_valid(t, sizeof t));
        t[k] = (char)0xC3; /* the first byte of 'å' alone */
        assert_false(utf8_valid(t, sizeof t));
        if (k + 1 < sizeof t) {
            t[k + 1] = (char)0xA5; /* 'å' whole */
            assert_true(utf8_valid(t, sizeof t));
        }
        assert_true(utf8_valid(t, k)); /* only what comes before */
    }
    assert_int_equal(utf8_len("åäö"), 3);
}

static void control_characters(void **state)
{
    (void)state;
    assert_false(text_has_control("rad ett\nrad två\ttab", true));
    assert_true(text_has_control("rad ett\nrad två", false));
    assert_true(text_has_control("bell\a", true));
    assert_true(text_has_control("del\x7f", true));
    assert_true(text_has_control("c1 \xc2\x85", true));
    assert_false(text_has_control("nbsp\xc2\xa0ok", false));
}

static void cleaning_and_slugs(void **state)
{
    (void)state;
    arena *a = arena_new();
    assert_str(text_clean(a, "  hej\r\nhopp \r\n"), "hej\nhopp");
    assert_str(text_clean(a, "\r"), "");
    assert_str(text_slug(a, "Gemensam utvecklingsgrupp 21 februari 2022", 80),
               "gemensam-utvecklingsgrupp-21-februari-2022");
    assert_str(text_slug(a, "Rädda Barnen", 60), "radda-barnen");
    assert_str(text_slug(a, "Föreningsfrukost på 107:an", 60), "foreningsfrukost-pa-107-an");
    assert_str(text_slug(a, "Invånarlab", 60), "invanarlab");
    assert_str(text_slug(a, "<script>", 60), "script");
    assert_str(text_slug(a, "!!!", 60), "x");
    assert_str(text_slug(a, "abcdefghij", 4), "abcd");
    /* cut at a word boundary, never mid-word (issue 8: "…-med-ungdoma") */
    const char *invite = "Gemensam utvecklingsgrupp 21 februari – om delaktighet och samskapande med ungdomar";
    assert_str(text_slug(a, invite, 80),
               "gemensam-utvecklingsgrupp-21-februari-om-delaktighet-och-samskapande-med");
    assert_str(text_slug(a, "ett tu tre", 6), "ett-tu");      /* full at the end of a word */
    assert_str(text_slug(a, "ett tu tre", 7), "ett-tu");      /* full after the dash */
    assert_str(text_slug(a, "ett tu tre", 8), "ett-tu");      /* full in "tre" */
    assert_str(text_slug(a, "ett tu tre", 10), "ett-tu-tre"); /* all of it */
    assert_str(text_slug(a, "ett tu tr\xc3\xa5" "d", 10), "ett-tu");  /* å continues the word */
    assert_str(text_slug(a, "ett tu! tre", 6), "ett-tu");     /* a separator follows */
    assert_str(text_slug(a, "Sommarlovsaktiviteter", 10), "sommarlovs"); /* one long word */
    assert_str(text_fold(a, "ÅÄÖ Helsam"), "åäö helsam");
    arena_free(a);
}

static void numbers(void **state)
{
    (void)state;
    int64_t v;
    assert_true(parse_i64("42", &v));
    assert_int_equal(v, 42);
    assert_true(parse_i64("-7", &v));
    assert_int_equal(v, -7);
    assert_false(parse_i64("", &v));
    assert_false(parse_i64("-", &v));
    assert_false(parse_i64("12a", &v));
    assert_false(parse_i64(" 12", &v));
    assert_false(parse_i64("1.5", &v));
    assert_false(parse_i64("99999999999999999999", &v));
}

static void percent_decoding(void **state)
{
    (void)state;
    arena *a = arena_new();
    size_t n;
    assert_str(url_decode(a, "a%20b+c", 7, true, &n), "a b c");
    assert_str(url_decode(a, "a+b", 3, false, &n), "a+b");
    assert_str(url_decode(a, "%C3%A5", 6, true, &n), "å");
    assert_null(url_decode(a, "%4", 2, true, &n));
    assert_null(url_decode(a, "%zz", 3, true, &n));
    char *z = url_decode(a, "a%00b", 5, true, &n);
    assert_int_equal(n, 3);
    assert_int_equal(z[1], 0);
    assert_str(url_encode(a, "å b/?"), "%C3%A5%20b%2F%3F");
    arena_free(a);
}

static void local_paths(void **state)
{
    (void)state;
    assert_true(is_local_path("/konto"));
    assert_true(is_local_path("/nyheter?sida=2"));
    assert_false(is_local_path("//evil.example"));
    assert_false(is_local_path("/\\evil.example"));
    assert_false(is_local_path("https://evil.example"));
    assert_false(is_local_path("/a\nb"));
    assert_false(is_local_path(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_validation), cmocka_unit_test(utf8_sequences), cmocka_unit_test(control_characters),
        cmocka_unit_test(cleaning_and_slugs), cmocka_unit_test(numbers),
        cmocka_unit_test(percent_decoding), cmocka_unit_test(local_paths),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
