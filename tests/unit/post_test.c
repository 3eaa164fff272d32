/* domain/post.c: status names, safe Markdown, summaries. */
#include "testutil.h"
#include "domain/pnr.h"
#include "domain/post.h"
#include "util/text.h"
#include "view/markdown.h"

static void status_names(void **state)
{
    (void)state;
    assert_str(post_status_name(POST_DRAFT), "utkast");
    assert_str(post_status_name(POST_PUBLISHED), "publicerad");
    assert_int_equal(post_status_from_name("utkast"), POST_DRAFT);
    assert_int_equal(post_status_from_name("publicerad"), POST_PUBLISHED);
    assert_int_equal(post_status_from_name("Publicerad"), -1);
    assert_int_equal(post_status_from_name(NULL), -1);
    for (int s = COMMENT_PENDING; s <= COMMENT_REJECTED; s++)
        assert_int_equal(comment_status_from_name(comment_status_name((enum comment_status)s)), s);
    assert_str(comment_status_name(COMMENT_APPROVED), "godkand");
    assert_int_equal(comment_status_from_name("godkänd"), -1);
    assert_int_equal(comment_status_from_name(""), -1);
    assert_int_equal(comment_status_from_name(NULL), -1);
}

static void markdown_basics(void **state)
{
    arena *a = *state;
    assert_str(markdown_to_html(a, "Möte på Söder – åäö ÅÄÖ"), "<p>Möte på Söder – åäö ÅÄÖ</p>\n");
    char *h = markdown_to_html(a, "# Rubrik\n\n*kursiv* och **fet**\n\n- ett\n- två\n");
    assert_contains(h, "<h1>Rubrik</h1>");
    assert_contains(h, "<em>kursiv</em>");
    assert_contains(h, "<strong>fet</strong>");
    assert_contains(h, "<li>två</li>");
    assert_str(markdown_to_html(a, "a < b & c > d \"e\""),
               "<p>a &lt; b &amp; c &gt; d &quot;e&quot;</p>\n");
    h = markdown_to_html(a, "[Helsam](https://helsam.se/?a=1&b=2)");
    assert_contains(h, "<a href=\"https://helsam.se/?a=1&amp;b=2\">Helsam</a>");
    assert_str(markdown_to_html(a, ""), "");
}

static void markdown_drops_raw_html(void **state)
{
    arena *a = *state;
    const char *attacks[] = {
        "<script>alert(1)</script>",
        "Hej <script>alert(1)</script> då",
        "<img src=x onerror=alert(1)>",
        "Bild: <img src=x onerror=alert(1)> här",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<div onclick=\"alert(1)\">klick</div>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<svg onload=alert(1)>",
        "<style>body{display:none}</style>",
        "<!-- --><script>alert(1)</script>",
    };
    for (size_t i = 0; i < sizeof attacks / sizeof attacks[0]; i++) {
        char *h = markdown_to_html(a, attacks[i]);
        assert_non_null(h);
        const char *forbidden[] = {"<script", "<img", "onerror", "<iframe", "onclick", "<svg",
                                   "onload", "<style", "javascript:", "<div"};
        for (size_t j = 0; j < sizeof forbidden / sizeof forbidden[0]; j++)
            if (strstr(h, forbidden[j]))
                fail_msg("markdown_to_html(\"%s\") kept %s: %s", attacks[i], forbidden[j], h);
    }
    /* the text around it stays */
    assert_contains(markdown_to_html(a, "Hej <script>alert(1)</script> då"), "Hej");
    assert_contains(markdown_to_html(a, "Hej <script>alert(1)</script> då"), "då");
}

static void markdown_blanks_dangerous_links(void **state)
{
    arena *a = *state;
    const char *links[] = {
        "[klicka](javascript:alert(1))",
        "[klicka](JAVASCRIPT:alert(1))",
        "[klicka](JavaScript:alert(document.cookie))",
        "[klicka](&#106;avascript:alert(1))",
        "[klicka](javascript&#58;alert(1))",
        "[klicka](vbscript:msgbox(1))",
        "[klicka](file:///etc/passwd)",
        "[klicka](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[klicka](data:text/html,<script>alert(1)</script>)",
        "<javascript:alert(1)>",
        "![bild](javascript:alert(1))",
        "[klicka][ref]\n\n[ref]: javascript:alert(1)",
    };
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        char *h = markdown_to_html(a, links[i]);
        assert_non_null(h);
        /* every href and src value must be empty (the link text may stay) */
        int urls = 0;
        for (const char *p = h; (p = strpbrk(p, "hs")); p++) {
            if (strncmp(p, "href=\"", 6) != 0 && strncmp(p, "src=\"", 5) != 0) continue;
            urls++;
            const char *v = strchr(p, '"') + 1;
            if (*v != '"') fail_msg("markdown_to_html(\"%s\") kept a URL: %s", links[i], h);
        }
        if (urls == 0) fail_msg("markdown_to_html(\"%s\"): no link at all: %s", links[i], h);
    }
}

static void summaries(void **state)
{
    arena *a = *state;
    assert_str(markdown_summary(a, "Kort text.", 100), "Kort text.");
    assert_str(markdown_summary(a, "", 100), "");
    assert_str(markdown_summary(a, "Första stycket.\n\nAndra stycket.", 100), "Första stycket.");
    assert_str(markdown_summary(a, "# Rubrik\n\nStycket efter.", 100), "Stycket efter.");
    assert_str(markdown_summary(a, "Det här är *viktigt* och `kod`.", 100),
               "Det här är viktigt och kod.");
    assert_str(markdown_summary(a, "Rad ett\nrad två", 100), "Rad ett rad två");
    assert_str(markdown_summary(a, "Se [Helsam](https://helsam.se) nu", 100), "Se Helsam nu");
    /* cut at a word boundary, with an ellipsis */
    assert_str(markdown_summary(a, "Gemensam utvecklingsgrupp träffades i Helsingborg", 20),
               "Gemensam…");
    assert_str(markdown_summary(a, "Hej på dig igen", 10), "Hej på dig…");
    assert_str(markdown_summary(a, "Hej på dig", 10), "Hej på dig"); /* fits exactly */
    /* counted in characters: å, ä, ö are one each, and never split */
    assert_str(markdown_summary(a, "Åäö åäö åäö åäö", 5), "Åäö…");
    assert_str(markdown_summary(a, "Åäö åäö", 7), "Åäö åäö");
    /* no space to cut at: cut between characters */
    assert_str(markdown_summary(a, "Välfärdsutvecklingsprojektet", 10), "Välfärdsut…");
    assert_str(markdown_summary(a, "ööööööööööööööööööööö", 3), "ööö…");
    /* whatever the length, the result is valid UTF-8 of at most max + 1 characters */
    const char *text = "Mötet på Drottninghög: 16–17 barn och unga kom, och ÅÄÖ-frågor diskuterades.";
    for (size_t max = 1; max < 90; max++) {
        char *s = markdown_summary(a, text, max);
        assert_true(utf8_valid(s, strlen(s)));
        assert_true(utf8_len(s) <= max + 1);
        if (utf8_len(text) > max) assert_contains(s, "…");
    }
}

/* markdown_plain without the newlines that end the blocks */
static char *plain(arena *a, const char *md)
{
    char *s = markdown_plain(a, md);
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == '\n') s[--n] = '\0';
    return s;
}

/* markdown_plain is what the personal identity number check reads: the
 * text as the page shows it. */
static void plain_reads_as_the_page_shows(void **state)
{
    arena *a = *state;
    assert_str(plain(a, "Hej *du*"), "Hej du");
    assert_str(plain(a, "Ett\n\nTvå"), "Ett\nTvå");
    /* escapes, entities and emphasis join digits */
    assert_str(plain(a, "811218\\-9876"), "811218-9876");
    assert_str(plain(a, "8112**18**-9876"), "811218-9876");
    assert_str(plain(a, "&#56;11218-9876"), "811218-9876");
    /* raw HTML is left out of the page, so it joins what is around it */
    assert_str(plain(a, "8112</script>18-9876"), "811218-9876");
    assert_str(plain(a, "8112<!-- x -->18-9876"), "811218-9876");
    /* a run of spaces or tabs shows as one space */
    assert_str(plain(a, "811218  \t 9876"), "811218 9876");
    assert_str(markdown_summary(a, "811218 \t 9876", 100), "811218 9876");
    const char *joined[] = {"Ring 8112</script>18-9876", "Ring 811218    9876", "8112<b>18</b>-9876"};
    for (size_t i = 0; i < sizeof joined / sizeof *joined; i++)
        if (!text_has_pnr(plain(a, joined[i]))) fail_msg("missed in \"%s\"", joined[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(status_names),
        arena_test(markdown_basics),
        arena_test(markdown_drops_raw_html),
        arena_test(markdown_blanks_dangerous_links),
        arena_test(summaries),
        arena_test(plain_reads_as_the_page_shows),
    };
    return cmocka_run_group_tests_name("post", tests, NULL, NULL);
}
