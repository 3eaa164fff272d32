/* view/html.c: output that escapes by default. */
#include "testutil.h"
#include "view/html.h"

/* The buffer's text, copied into the test's arena; the buffer is freed. */
static const char *take(arena *a, buf *b)
{
    char *s = arena_strdup(a, buf_cstr(b));
    buf_free(b);
    return s;
}

static void strings_are_escaped(void **state)
{
    arena *a = *state;
    buf b = {0};
    html_fmt(&b, "<p title=\"%s\">%s</p>", "\"onmouseover='x'", "<script>&amp;</script>");
    assert_str(take(a, &b),
               "<p title=\"&quot;onmouseover=&#39;x&#39;\">&lt;script&gt;&amp;amp;&lt;/script&gt;</p>");
    html_fmt(&b, "%s", "Åsa & Örjan på Söder");
    assert_str(take(a, &b), "Åsa &amp; Örjan på Söder");
    const char *volatile nothing = NULL; /* hidden from the format checker */
    html_fmt(&b, "[%s]", nothing);
    assert_str(take(a, &b), "[]");
    html_fmt(&b, "%s%s%s", "<", "&", ">");
    assert_str(take(a, &b), "&lt;&amp;&gt;");
    html_fmt(&b, "100%% %s", "säkert");
    assert_str(take(a, &b), "100% säkert");
    html_fmt(&b, "no args <b>raw format</b>");
    assert_str(take(a, &b), "no args <b>raw format</b>");
    html_fmt(&b, "%c%c", '<', 'a');
    assert_str(take(a, &b), "&lt;a");
    /* html_escape and the raw escape hatch */
    html_escape(&b, "a'b\"c");
    html_buf_raw(&b, "<br>");
    html_escape(&b, NULL);
    html_escape_n(&b, "<<<", 2);
    assert_str(take(a, &b), "a&#39;b&quot;c<br>&lt;&lt;");
}

static void numbers_print(void **state)
{
    arena *a = *state;
    buf b = {0};
    html_fmt(&b, "%d|%i|%u|%x|%X", -42, 7, 3000000000u, 255, 255);
    assert_str(take(a, &b), "-42|7|3000000000|ff|FF");
    html_fmt(&b, "%ld|%lld|%zu|%llu", -1L, (long long)INT64_MIN, (size_t)12, 18446744073709551615ull);
    assert_str(take(a, &b), "-1|-9223372036854775808|12|18446744073709551615");
    html_fmt(&b, "%5d|%-5d|%05d|%+d", 42, 42, 42, 42);
    assert_str(take(a, &b), "   42|42   |00042|+42");
    html_fmt(&b, "%.2f|%g", 3.14159, 0.5);
    assert_str(take(a, &b), "3.14|0.5");
    /* numbers and strings interleaved keep their order; the format is markup */
    html_fmt(&b, "%d<%s>%lld", 1, "t<v>å", (long long)3);
    assert_str(take(a, &b), "1<t&lt;v&gt;å>3");
}

static void precision_strings(void **state)
{
    arena *a = *state;
    buf b = {0};
    html_fmt(&b, "[%.*s]", 3, "abcdef");
    assert_str(take(a, &b), "[abc]");
    html_fmt(&b, "[%.*s]", 4, "<b>x</b>");
    assert_str(take(a, &b), "[&lt;b&gt;x]");
    html_fmt(&b, "[%.*s]", 10, "kort");
    assert_str(take(a, &b), "[kort]");
    html_fmt(&b, "[%.*s]", 0, "abc");
    assert_str(take(a, &b), "[]");
    html_fmt(&b, "[%.*s|%d]", 2, "åäö", 5);
    assert_str(take(a, &b), "[å|5]");
}

/* "works like printf": a width on %s pads (the compiler accepts it). */
static void printf_string_widths(void **state)
{
    arena *a = *state;
    buf b = {0};
    html_fmt(&b, "[%5s]", "ab");
    assert_str(take(a, &b), "[   ab]");
    html_fmt(&b, "[%-4s]", "<");
    assert_str(take(a, &b), "[&lt;   ]");
}

/* A '*' width takes its int argument first, as in printf. */
static void printf_star_width(void **state)
{
    arena *a = *state;
    buf b = {0};
    html_fmt(&b, "[%*d]", 4, 7);
    assert_str(take(a, &b), "[   7]");
}

static void paragraphs(void **state)
{
    arena *a = *state;
    buf b = {0};
    html_paragraphs(&b, "Rad ett\nrad två\n\nNytt <stycke> & 'citat'");
    assert_str(take(a, &b),
               "<p>Rad ett<br>\nrad två</p>\n<p>Nytt &lt;stycke&gt; &amp; &#39;citat&#39;</p>\n");
    html_paragraphs(&b, "");
    assert_str(take(a, &b), "");
    html_paragraphs(&b, "\n\n\n");
    assert_str(take(a, &b), "");
    html_paragraphs(&b, "\n\nett\n\n\n\ntvå\n\n");
    assert_str(take(a, &b), "<p>ett</p>\n<p>två</p>\n");
    html_paragraphs(&b, "ensam");
    assert_str(take(a, &b), "<p>ensam</p>\n");
    html_paragraphs(&b, "slut\n");
    assert_str(take(a, &b), "<p>slut</p>\n");
    html_paragraphs(&b, "<script>alert(1)</script>");
    assert_str(take(a, &b), "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
}

/* The escaping looks at 8 bytes at a time: every special, and a byte
 * near one (a borrow must not hide or invent a match), at every position
 * of a 24-byte run, against a byte-at-a-time reference; n stops at a
 * special too. */
static void escape_at_every_position(void **state)
{
    arena *a = *state;
    const char specials[] = "&<>\"'";
    const char others[] = "%=?;\x80\xc3\xa5\x01\x7f";
    for (size_t k = 0; k < 24; k++) {
        for (int pass = 0; pass < 2; pass++) {
            const char *set = pass ? others : specials;
            for (size_t c = 0; set[c]; c++) {
                char t[25];
                memset(t, 'a' + (char)(k % 26), 24);
                t[24] = '\0';
                t[k] = set[c];
                buf b = {0}, want = {0};
                html_escape_n(&b, t, 24);
                for (size_t i = 0; i < 24; i++) {
                    switch (t[i]) {
                    case '&': buf_puts(&want, "&amp;"); break;
                    case '<': buf_puts(&want, "&lt;"); break;
                    case '>': buf_puts(&want, "&gt;"); break;
                    case '"': buf_puts(&want, "&quot;"); break;
                    case '\'': buf_puts(&want, "&#39;"); break;
                    default: buf_putc(&want, t[i]);
                    }
                }
                assert_str(take(a, &b), take(a, &want));
                html_escape_n(&b, t, k); /* stops before the byte at k */
                assert_int_equal(b.len, k);
                buf_free(&b);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        arena_test(strings_are_escaped), arena_test(numbers_print),
        arena_test(precision_strings),   arena_test(printf_string_widths), arena_test(printf_star_width),
        arena_test(paragraphs), arena_test(escape_at_every_position),
    };
    return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
