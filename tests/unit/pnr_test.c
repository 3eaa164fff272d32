/* domain/pnr.c: personal identity and coordination numbers in free text. */
#include <stdio.h>

#include "testutil.h"
#include "domain/pnr.h"

/* The Luhn check digit for nine digits, computed here independently. */
static char check_digit(const char *nine)
{
    int sum = 0;
    for (int i = 0; i < 9; i++) {
        int v = (nine[i] - '0') * (i % 2 == 0 ? 2 : 1);
        sum += v / 10 + v % 10;
    }
    return (char)('0' + (10 - sum % 10) % 10);
}

/* "YYMMDD" + "NNN" → "YYMMDD-NNNC" with a correct check digit C, written
 * into out with the separator sep (0: none) and optional century. */
static const char *make(char *out, const char *century, const char *yymmdd, char sep,
                        const char *nnn)
{
    char nine[10];
    snprintf(nine, sizeof nine, "%s%s", yymmdd, nnn);
    char c = check_digit(nine);
    if (sep) sprintf(out, "%s%s%c%s%c", century, yymmdd, sep, nnn, c);
    else sprintf(out, "%s%s%s%c", century, yymmdd, nnn, c);
    return out;
}

static void luhn(void **state)
{
    (void)state;
    assert_true(pnr_luhn_ok("8112289874"));
    assert_true(pnr_luhn_ok("1212121212"));
    assert_true(pnr_luhn_ok("7010632391"));
    assert_false(pnr_luhn_ok("8112289875"));
    assert_false(pnr_luhn_ok("8112289873"));
    assert_false(pnr_luhn_ok("1212121213"));
    char d[10];
    memcpy(d, "811228987", 9);
    for (char c = '0'; c <= '9'; c++) {
        d[9] = c;
        assert_int_equal(pnr_luhn_ok(d), c == '4');
    }
}

static void valid_numbers_are_found(void **state)
{
    (void)state;
    const char *yes[] = {
        "811228-9874",
        "8112289874",
        "19811228-9874",
        "198112289874",
        "121212-1212",
        "19121212-1212",
        "121212+1212",           /* over a hundred years old */
        "701063-2391",           /* samordningsnummer: day + 60 */
        "197010632391",
        "Mitt personnummer är 811228-9874, ring mig.",
        "pnr:811228-9874",
        "(19811228-9874)",
        "Åsa Öberg 811228-9874\nHelsingborg",
    };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (!text_has_pnr(yes[i])) fail_msg("not found in \"%s\"", yes[i]);
    char nr[64];
    assert_true(text_has_pnr(make(nr, "20", "240229", '-', "123"))); /* leap day */
    assert_true(text_has_pnr(make(nr, "", "000229", '-', "123")));   /* 2000 was a leap year */
    assert_true(text_has_pnr(make(nr, "", "991231", 0, "998")));
    assert_true(text_has_pnr(make(nr, "", "850101", '-', "000")));
    assert_true(text_has_pnr(make(nr, "", "850191", '-', "000"))); /* 31 + 60 */
}

static void wrong_check_digit(void **state)
{
    (void)state;
    assert_false(text_has_pnr("811228-9875"));
    assert_false(text_has_pnr("19811228-9870"));
    assert_false(text_has_pnr("8112289871"));
    assert_false(text_has_pnr("701063-2392"));
}

static void impossible_dates(void **state)
{
    (void)state;
    char nr[64], wrong[1024] = "";
    const char *dates[] = {"811328", "810028", "811200", "811232", "810230", "810231",
                           "810431", "810631", "810931", "811131", "810292" /* 32 + 60 */,
                           "810290" /* 30 + 60: 30 February */, "810460" /* day 0 + 60 */};
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        make(nr, "", dates[i], '-', "123");
        if (text_has_pnr(nr)) snprintf(wrong + strlen(wrong), sizeof wrong - strlen(wrong), " %s", nr);
        make(nr, "19", dates[i], 0, "123");
        if (text_has_pnr(nr)) snprintf(wrong + strlen(wrong), sizeof wrong - strlen(wrong), " %s", nr);
    }
    /* 29 February in a year that had none */
    make(nr, "20", "230229", '-', "123");
    if (text_has_pnr(nr)) snprintf(wrong + strlen(wrong), sizeof wrong - strlen(wrong), " %s", nr);
    make(nr, "19", "000229", '-', "123");  /* 1900 was not a leap year */
    if (text_has_pnr(nr)) snprintf(wrong + strlen(wrong), sizeof wrong - strlen(wrong), " %s", nr);
    if (*wrong) fail_msg("impossible dates matched:%s", wrong);
}

static void other_numbers_do_not_match(void **state)
{
    (void)state;
    char org[32], longer[40];
    const char *no[] = {
        "073-231 13 23",
        "Ring 073-231 13 23 eller 042-10 50 00.",
        "+46 73 231 13 23",
        "0046732311323",
        "212000-1082",             /* Helsingborgs stad, organisationsnummer */
        "2120001082",
        "16212000-1082",
        "802002-9757",
        "2022-02-21",
        "20220221",
        "Mötet 2022-02-21 kl. 13.30–15.30",
        "2022-02-21 13:30",
        "811228",
        "811228-98",
        "811228-98745",            /* too many digits */
        "8112289874123",
        "123811228-9874",
        "99811228-9874",
        "Bankgiro 5050-1055",
        "SE45 5000 0000 0583 9825 7466",
        "1 250 000 kr",
        "",
        "inga siffror alls",
    };
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (text_has_pnr(no[i])) fail_msg("matched but should not: \"%s\"", no[i]);
    /* organisation numbers have 20 or more in the month position */
    make(org, "", "556036", '-', "079");
    assert_false(text_has_pnr(org));
    make(org, "", "802479", '-', "123");
    assert_false(text_has_pnr(org));
    /* a valid number inside a longer digit run is not a number on its own */
    snprintf(longer, sizeof longer, "1%s", "8112289874");
    assert_false(text_has_pnr(longer));
    snprintf(longer, sizeof longer, "%s0", "8112289874");
    assert_false(text_has_pnr(longer));
    snprintf(longer, sizeof longer, "%s7", "19811228-9874");
    assert_false(text_has_pnr(longer));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(luhn),
        cmocka_unit_test(valid_numbers_are_found),
        cmocka_unit_test(wrong_check_digit),
        cmocka_unit_test(impossible_dates),
        cmocka_unit_test(other_numbers_do_not_match),
    };
    return cmocka_run_group_tests_name("pnr", tests, NULL, NULL);
}
