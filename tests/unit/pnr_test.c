/* domain/pnr.c: personal identity and coordination numbers in free text. */
#include <stdio.h>

#include "testutil.h"
#include "domain/pnr.h"
#include "view/markdown.h"

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


/* ---- the number as a reader reads it (issue 7, part 5) ----
 * Each trick is a way to write 811218-9876 (or 19121212-1212, 121212+1212)
 * so that a person still reads the number: it must be found in plain text
 * and, embedded in a Markdown paragraph, in what the page shows. */
static const struct { const char *trick, *text; } disguised[] = {
    {"fullwidth digits and hyphen", "８１１２１８－９８７６"},
    {"fullwidth digits, ASCII hyphen", "８１１２１８-９８７６"},
    {"some digits fullwidth", "81１2１8-98７6"},
    {"fullwidth with century", "１９８１１２１８－９８７６"},
    {"Arabic-Indic digits", "٨١١٢١٨-٩٨٧٦"},
    {"extended Arabic-Indic digits", "۸۱۱۲۱۸-۹۸۷۶"},
    {"Devanagari digits", "८११२१८-९८७६"},
    {"mathematical bold digits", "𝟖𝟏𝟏𝟐𝟏𝟖-𝟗𝟖𝟕𝟔"},
    {"mathematical monospace digits", "𝟾𝟷𝟷𝟸𝟷𝟾-𝟿𝟾𝟽𝟼"},
    {"superscript digits", "⁸¹¹²¹⁸-⁹⁸⁷⁶"},
    {"subscript digits", "₈₁₁₂₁₈-₉₈₇₆"},
    {"circled digits", "⑧①①②①⑧-⑨⑧⑦⑥"},
    {"keycap digits", "8️⃣1️⃣1️⃣2️⃣1️⃣8️⃣-9️⃣8️⃣7️⃣6️⃣"},
    {"zero-width space in the date", "8112\u200b18-9876"},
    {"zero-width space everywhere", "\u200b8\u200b1\u200b1\u200b2\u200b1\u200b8\u200b-\u200b9\u200b8\u200b7\u200b6\u200b"},
    {"soft hyphen as separator", "811218\u00ad9876"},
    {"soft hyphen in the date", "81\u00ad12\u00ad18-9876"},
    {"word joiner", "811218\u2060-\u20609876"},
    {"zero-width non-joiner", "8112\u200c18-98\u200c76"},
    {"zero-width joiner", "8112\u200d18-9876"},
    {"byte order mark", "81\ufeff1218-9876"},
    {"left-to-right mark", "811218\u200e-9876"},
    {"right-to-left override", "\u202e811218-9876\u202c"},
    {"variation selector", "8\ufe0f112189876"},
    {"combining low line", "8\u03321\u03321\u03322\u03321\u03328\u0332-9876"},
    {"Hangul filler", "8112\u316418-9876"},
    {"tag characters", "811218\U000E0041-9876"},
    {"en dash", "811218\u20139876"},
    {"em dash", "811218\u20149876"},
    {"hyphen", "811218\u20109876"},
    {"non-breaking hyphen", "811218\u20119876"},
    {"figure dash", "811218\u20129876"},
    {"horizontal bar", "811218\u20159876"},
    {"minus sign", "811218\u22129876"},
    {"small hyphen-minus", "811218\ufe639876"},
    {"fullwidth hyphen-minus", "811218\uff0d9876"},
    {"no-break space", "811218\u00a09876"},
    {"narrow no-break space", "811218\u202f9876"},
    {"thin space", "811218\u20099876"},
    {"figure space", "811218\u20079876"},
    {"hair space", "811218\u200a9876"},
    {"ideographic space", "811218\u30009876"},
    {"several spaces", "811218    9876"},
    {"a tab", "811218\t9876"},
    {"spaces around a dash", "811218 - 9876"},
    {"no-break spaces around an en dash", "811218\u00a0\u2013\u00a09876"},
    {"a line break", "811218\n9876"},
    {"fullwidth plus", "121212\uff0b1212"},
    {"plus with spaces", "121212 + 1212"},
    {"&#8203;", "8112&#8203;18-9876"},
    {"&#x200B;", "8112&#x200B;18-9876"},
    {"&ZeroWidthSpace;", "8112&ZeroWidthSpace;18-9876"},
    {"&shy;", "811218&shy;9876"},
    {"&nbsp;", "811218&nbsp;9876"},
    {"&thinsp;", "811218&thinsp;9876"},
    {"&#xFF11; (fullwidth one)", "8&#xFF11;1218-9876"},
    {"&#56; (eight)", "&#56;11218-9876"},
    {"&minus;", "811218&minus;9876"},
    {"&ndash;", "811218&ndash;9876"},
    {"&#8209; (non-breaking hyphen)", "811218&#8209;9876"},
    {"&zwj; and &zwnj;", "81&zwj;1218&zwnj;-9876"},
    {"&NoBreak;", "811218&NoBreak;-9876"},
    {"&plus;", "121212&plus;1212"},
    {"mixed: fullwidth, ZWSP, en dash, NBSP", "８1\u200b1218\u00a0\u2013 ９876"},
};

static void disguised_numbers_are_found_in_plain_text(void **state)
{
    (void)state;
    char wrapped[256];
    for (size_t i = 0; i < sizeof disguised / sizeof *disguised; i++) {
        if (!text_has_pnr(disguised[i].text)) fail_msg("plain: missed %s: \"%s\"", disguised[i].trick, disguised[i].text);
        snprintf(wrapped, sizeof wrapped, "Ring Åsa på %s, tack.", disguised[i].text);
        if (!text_has_pnr(wrapped)) fail_msg("plain: missed %s in \"%s\"", disguised[i].trick, wrapped);
    }
}

static void disguised_numbers_are_found_in_markdown(void **state)
{
    arena *a = *state;
    for (size_t i = 0; i < sizeof disguised / sizeof *disguised; i++) {
        const char *md = arena_printf(a, "# Möte\n\nRing **Åsa** på %s, tack.\n\n* en punkt\n", disguised[i].text);
        /* what posts.c checks: the source and the text as the page shows it */
        if (!text_has_pnr(markdown_plain(a, md)))
            fail_msg("markdown: missed %s in \"%s\" (page text \"%s\")", disguised[i].trick, md,
                     markdown_plain(a, md));
    }
    /* Markdown that joins the parts, together with the tricks above */
    const char *joined[] = {
        "8112**１８**&ndash;9876", "8112<span>18</span>\u20119876", "８１１２*\u200b*18\\-9876",
        "811218 <!-- x --> &nbsp; 9876", "[８１１２１８](http://x)&#x2212;9876", "`8112\u200b18`\u20139876",
        /* a reference in a code span shows as written: decoding it would
         * join "2" and hide the number (found by fuzz_pnr_reader) */
        "Ring `z2&#8203;811218-9`876.",
    };
    for (size_t i = 0; i < sizeof joined / sizeof *joined; i++)
        if (!text_has_pnr(markdown_plain(a, joined[i]))) fail_msg("markdown: missed \"%s\"", joined[i]);
}

/* Folding must not make ordinary text look like a number. */
static void ordinary_text_still_passes(void **state)
{
    (void)state;
    const char *ok[] = {
        "Mötet 2022\u201102\u201121 kl. 13.30\u201315.30 i Helsingborg, Åsa och Örjan kommer.",
        "Ring 073\u2011231\u00a013\u00a023 eller ０４２－１０ ５０ ００.",
        "Budget: 1\u00a0250\u00a0000 kr, varav 81\u202f121 kr till lokaler.",
        "Bankgiro 5050\u20131055, plusgiro 12\u00a034\u00a056-7",
        "811218\u200b-9875",                  /* wrong check digit, however written */
        "８１１２１８－９８７５",
        "٨١١٢١٨-٩٨٧٥",
        "811218&#8203;-9875",
        "811228\n\n9874",                   /* a blank line between: two paragraphs */
        "811218 / 9876",                    /* not a separator */
        "8112189876\u200b5",                /* a longer digit run */
        "５５６０３６－０７９３",           /* organisation number: month 60 */
        "&#8203;&shy;&nbsp;&minus;&amp;&#xFF11;&bogus; &#; &#x; &",
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        if (text_has_pnr(ok[i])) fail_msg("refused ordinary text \"%s\"", ok[i]);
}

/* The refusal shows the writer where: the passage as written, invisible
 * characters made visible. */
static void the_passage_is_located(void **state)
{
    (void)state;
    struct {
        const char *text, *passage;
    } cases[] = {
        {"Hej! Ring 8112\u200b18-9876 i dag.", "8112[U+200B]18-9876"},
        {"Kim 19121212\u20131212.", "19121212\u20131212"},
        {"x ８１１２１８－９８７６ y", "８１１２１８－９８７６"},
        {"a 811218&shy;9876 b", "811218&shy;9876"},
        {"Rad ett\nRad två 811218  \t9876\n", "811218  [U+0009]9876"},
        {"\u200b811218-9876\u200b", "811218-9876"},
    };
    char out[200];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct pnr_span at;
        if (!pnr_find(cases[i].text, &at)) fail_msg("not found in \"%s\"", cases[i].text);
        assert_str(pnr_passage(cases[i].text, at, out, sizeof out), cases[i].passage);
    }
    /* a long passage is cut, at a character boundary */
    char text[400] = "81";
    for (int k = 0; k < 60; k++) strcat(text, "\u200b");
    strcat(text, "1218-9876");
    struct pnr_span at;
    assert_true(pnr_find(text, &at));
    pnr_passage(text, at, out, 40);
    assert_true(strlen(out) < 40);
    assert_contains(out, "…");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(luhn),
        cmocka_unit_test(valid_numbers_are_found),
        cmocka_unit_test(wrong_check_digit),
        cmocka_unit_test(impossible_dates),
        cmocka_unit_test(other_numbers_do_not_match),
        cmocka_unit_test(disguised_numbers_are_found_in_plain_text),
        arena_test(disguised_numbers_are_found_in_markdown),
        cmocka_unit_test(ordinary_text_still_passes),
        cmocka_unit_test(the_passage_is_located),
    };
    return cmocka_run_group_tests_name("pnr", tests, NULL, NULL);
}
