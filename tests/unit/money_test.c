/* domain/money.c: kronor as people type them, to integer öre. */
#include <stdio.h>

#include "testutil.h"
#include "domain/money.h"

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf" /* narrow no-break space */
#define MINUS "\xe2\x88\x92" /* U+2212 */

static void ok(const char *s, int64_t want)
{
    int64_t v = 12345;
    enum money_parse rc = money_parse(s, &v);
    if (rc != MONEY_OK) fail_msg("money_parse(\"%s\") = %d, want MONEY_OK", s, rc);
    if (v != want) fail_msg("money_parse(\"%s\") = %lld öre, want %lld", s, (long long)v,
                            (long long)want);
}

static void bad(const char *s, enum money_parse want)
{
    int64_t v = 12345;
    enum money_parse rc = money_parse(s, &v);
    if (rc != want) fail_msg("money_parse(\"%s\") = %d, want %d", s ? s : "(null)", rc, want);
    if (v != 12345) fail_msg("money_parse(\"%s\") wrote %lld on failure", s, (long long)v);
}

static void plain_amounts(void **state)
{
    (void)state;
    ok("1250", 125000);
    ok("0", 0);
    ok("-0", 0);
    ok("7", 700);
    ok("00012", 1200);
    ok(" 42 ", 4200);
    ok("+5", 500);
    ok("-300", -30000);
    ok("- 300", -30000);
    ok(MINUS "300", -30000);
}

static void grouping_and_decimals(void **state)
{
    (void)state;
    ok("1 250", 125000);
    ok("1 250,50", 125050);
    ok("1250,5", 125050);
    ok("1250.5", 125050);
    ok("1250.50", 125050);
    ok("0,05", 5);
    ok("1,500", 150);             /* trailing zeros are no fraction of an öre */
    ok("1 000 000", 100000000);
    ok("1" NBSP "250", 125000);
    ok("1" NNBSP "250" NBSP "kr", 125000);
    ok("12" NBSP "345,67" NBSP "kr", 1234567);
    ok("1 250 kr", 125000);
    ok("1250kr", 125000);
    ok("1 250,50 kr", 125050);
    ok("1 250:-", 125000);
    ok("-1 250,50 kr", -125050);
}

static void fractions_of_ore(void **state)
{
    (void)state;
    bad("1,505", MONEY_FRACTION);
    bad("0,001", MONEY_FRACTION);
    bad("1.999", MONEY_FRACTION);
    bad("1 250,555 kr", MONEY_FRACTION);
    ok("1,5000000000000000000000000000", 150); /* long but exact */
}

static void junk_and_empty(void **state)
{
    (void)state;
    bad(NULL, MONEY_EMPTY);
    bad("", MONEY_EMPTY);
    bad("   ", MONEY_EMPTY);
    bad(NBSP " \t", MONEY_EMPTY);
    const char *junk[] = {"abc", "12abc", "kr", "-", "1,2,3", "1.", "1,", ",50", "1e3",
                          "--5", "1..5", "12 kr kr", "1 250,50,", "0x10", "1/2", "ett",
                          "1 250 ,50", "12-", "1250 SEK", "∞", "1\n250", "1;DROP"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) bad(junk[i], MONEY_INVALID);
}

/* "Spaces may group thousands": a group after a space has three digits. */
static void grouping_is_by_thousands(void **state)
{
    (void)state;
    bad("1 25", MONEY_INVALID);      /* 125? 1 and 25? */
    bad("5 10", MONEY_INVALID);
    bad("1 2 5 0", MONEY_INVALID);
    bad("1 2500", MONEY_INVALID);
}

static void absurd_sizes(void **state)
{
    (void)state;
    ok("1000000000", (int64_t)100000000000);  /* MONEY_MAX_ORE exactly */
    ok("1 000 000 000,00 kr", MONEY_MAX_ORE);
    ok("-1000000000", -MONEY_MAX_ORE);
    bad("1000000000,01", MONEY_TOO_LARGE);
    bad("1000000001", MONEY_TOO_LARGE);
    bad("9223372036854775807", MONEY_TOO_LARGE);
    bad("92233720368547758070", MONEY_TOO_LARGE);
    bad("-99999999999999999999999", MONEY_TOO_LARGE);
    char huge[4100];
    huge[0] = '9';
    memset(huge + 1, '9', sizeof huge - 2);
    huge[sizeof huge - 1] = '\0';
    bad(huge, MONEY_TOO_LARGE);           /* no overflow on the way (UBSan watches) */
    char grouped[4000];
    size_t o = 0;
    grouped[o++] = '1';
    while (o + 4 < sizeof grouped) {
        memcpy(grouped + o, " 000", 4);
        o += 4;
    }
    grouped[o] = '\0';
    bad(grouped, MONEY_TOO_LARGE);
}

static void adding(void **state)
{
    (void)state;
    int64_t v = 0;
    assert_true(money_add(125000, 50, &v));
    assert_int_equal(v, 125050);
    assert_true(money_add(-30000, 30000, &v));
    assert_int_equal(v, 0);
    assert_true(money_add(INT64_MAX - 1, 1, &v));
    assert_true(v == INT64_MAX);
    assert_false(money_add(INT64_MAX, 1, &v));
    assert_false(money_add(INT64_MIN, -1, &v));
    assert_false(money_add(INT64_MAX / 2 + 1, INT64_MAX / 2 + 1, &v));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_amounts),    cmocka_unit_test(grouping_and_decimals),
        cmocka_unit_test(fractions_of_ore), cmocka_unit_test(junk_and_empty),
        cmocka_unit_test(grouping_is_by_thousands), cmocka_unit_test(absurd_sizes),
        cmocka_unit_test(adding),
    };
    return cmocka_run_group_tests_name("money", tests, NULL, NULL);
}
