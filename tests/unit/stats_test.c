/* Issue 13: statistics rules and the server-drawn charts.
 *
 * Domain: periods (year, half-year, custom; ending before starting and
 * absurd dates refused), small-count suppression, the summary sentence.
 * View: the SVG's accessible name and description, escaping of every text
 * it writes, scales (the longest bar is the largest value; a suppressed
 * value draws no bar), the target line and the stacked legend. */
#include <string.h>

#include "testutil.h"

#include "domain/stats.h"
#include "view/chart.h"

static void periods(void **state)
{
    (void)state;
    struct period p;
    assert_null(period_parse(NULL, NULL, NULL, NULL, &p));
    assert_int_equal(p.kind, PERIOD_ALL);
    assert_str(p.from, "2000-01-01");
    assert_str(p.to, "2099-12-31");
    assert_null(period_parse("2022", "", "", "", &p));
    assert_int_equal(p.kind, PERIOD_YEAR);
    assert_str(p.from, "2022-01-01");
    assert_str(p.to, "2022-12-31");
    assert_null(period_parse("2022", "1", NULL, NULL, &p));
    assert_str(p.from, "2022-01-01");
    assert_str(p.to, "2022-06-30");
    assert_null(period_parse("2022", "2", NULL, NULL, &p));
    assert_str(p.from, "2022-07-01");
    assert_str(p.to, "2022-12-31");
    assert_null(period_parse("2021", NULL, "2022-02-01", "2022-02-28", &p));
    assert_int_equal(p.kind, PERIOD_CUSTOM);
    assert_str(p.from, "2022-02-01");
    assert_str(p.to, "2022-02-28");
    assert_null(period_parse(NULL, NULL, "2024-02-29", NULL, &p));
    assert_str(p.to, "2099-12-31");
    assert_null(period_parse(NULL, NULL, "2022-03-01", "2022-03-01", &p));

    assert_str(period_parse(NULL, NULL, "2022-03-01", "2022-02-28", &p), "stats.err.order");
    assert_str(period_parse(NULL, NULL, "2023-02-29", NULL, &p), "stats.err.date");
    assert_str(period_parse(NULL, NULL, "1899-01-01", NULL, &p), "stats.err.date");
    assert_str(period_parse(NULL, NULL, NULL, "9999-12-31", &p), "stats.err.date");
    assert_str(period_parse(NULL, NULL, "2022-13-01", NULL, &p), "stats.err.date");
    assert_str(period_parse(NULL, NULL, "22-1-1", NULL, &p), "stats.err.date");
    assert_str(period_parse(NULL, NULL, "2022-01-01x", NULL, &p), "stats.err.date");
    assert_str(period_parse("20222", NULL, NULL, NULL, &p), "stats.err.year");
    assert_str(period_parse("1999", NULL, NULL, NULL, &p), "stats.err.year");
    assert_str(period_parse("abcd", NULL, NULL, NULL, &p), "stats.err.year");
    assert_str(period_parse("2022", "3", NULL, NULL, &p), "stats.err.half");
    assert_str(period_parse(NULL, "1", NULL, NULL, &p), "stats.err.half");
}

static void suppression_and_summary(void **state)
{
    (void)state;
    arena *a = arena_new();
    assert_false(stats_suppressed(0));
    for (int n = 1; n < 5; n++) assert_true(stats_suppressed(n));
    assert_false(stats_suppressed(5));
    assert_str(stats_count_text(a, 3, true, "färre än 5"), "färre än 5");
    assert_str(stats_count_text(a, 3, false, "färre än 5"), "3");
    assert_str(stats_count_text(a, 0, true, "färre än 5"), "0");
    assert_int_equal(stats_percent(37, 50), 74);
    assert_int_equal(stats_percent(37, 0), 0);
    assert_int_equal(stats_percent(75, 50), 150);
    const char *t = "Hittills {n} av {target} engagerade unga, {pct} procent av målet.";
    const char *few = "Hittills {n} engagerade unga av målet {target}.";
    assert_str(stats_summary(a, t, few, 37, 50, "färre än 5"),
               "Hittills 37 av 50 engagerade unga, 74 procent av målet.");
    assert_str(stats_summary(a, t, few, 2, 50, "färre än 5"),
               "Hittills färre än 5 engagerade unga av målet 50.");
    char m[8];
    stats_month("2022-12-20", m);
    assert_str(m, "2022-12");
    stats_month("", m);
    assert_str(m, "");
    arena_free(a);
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) n++;
    return n;
}

/* the width of the rect after the n-th occurrence of "<rect x=" in a row */
static long rect_width(const char *svg, const char *row_label)
{
    const char *p = strstr(svg, row_label);
    if (!p) return -1;
    p = strstr(p, "<rect x=");
    if (!p) return -1;
    p = strstr(p, "width=\"");
    return strtol(p + 7, NULL, 10);
}

static void bar_chart(void **state)
{
    (void)state;
    arena *a = arena_new();
    const char *cats[] = {"Föreningar <&>", "Unga", "Förvaltning"};
    const char *series[] = {"Idéer"};
    int64_t values[] = {10, 0, 5};
    const char *labels[] = {NULL, "färre än 5", NULL};
    struct chart c = {.kind = CHART_BAR, .id = "ideer", .title = "Idéer \"per\" inlämnare",
                      .desc = "Hittills 37 av 50 engagerade unga, 74 procent av målet.",
                      .ncat = 3, .cats = cats, .nser = 1, .series = series, .values = values,
                      .labels = labels, .target = 8, .target_label = "Mål 8"};
    buf b = {0};
    chart_svg(&b, a, &c);
    const char *s = buf_cstr(&b);
    assert_contains(s, "role=\"img\"");
    assert_contains(s, "aria-labelledby=\"ideer-t ideer-d\"");
    assert_contains(s, "<title id=\"ideer-t\">Idéer &quot;per&quot; inlämnare</title>");
    assert_contains(s, "<desc id=\"ideer-d\">Hittills 37 av 50 engagerade unga, 74 procent av målet.</desc>");
    assert_contains(s, "Föreningar &lt;&amp;&gt;");
    assert_not_contains(s, "<&>");
    assert_contains(s, ">färre än 5</text>");
    assert_contains(s, ">10</text>");
    assert_contains(s, "Mål 8");
    assert_contains(s, "stroke-dasharray");
    /* scale: 10 is the largest value, 5 is half its length; the suppressed
     * value draws no bar at all */
    long w10 = rect_width(s, "Föreningar"), w5 = rect_width(s, "Förvaltning");
    assert_true(w10 > 0);
    assert_int_equal(w5 * 2, w10);
    assert_int_equal(count(s, "<rect x="), 2);
    assert_int_equal(count(s, "<svg"), 1);
    assert_int_equal(count(s, "</svg>"), 1);
    buf_free(&b);
    arena_free(a);
}

static void stacked_and_line(void **state)
{
    (void)state;
    arena *a = arena_new();
    const char *cats[] = {"Arvode", "Lokal"};
    const char *series[] = {"Godkänt", "Utbetalt"};
    int64_t values[] = {100, 300, 50, 0};
    struct chart c = {.kind = CHART_STACKED, .id = "pengar", .title = "Pengar", .desc = "Summa.",
                      .ncat = 2, .cats = cats, .nser = 2, .series = series, .values = values};
    buf b = {0};
    chart_svg(&b, a, &c);
    const char *s = buf_cstr(&b);
    assert_contains(s, "<pattern id=\"pengar-p0\"");
    assert_contains(s, "<pattern id=\"pengar-p1\"");
    assert_contains(s, ">Godkänt</text>");
    assert_contains(s, ">Utbetalt</text>");
    assert_contains(s, ">150</text>"); /* the total beside the bar */
    assert_contains(s, ">300</text>");
    buf_free(&b);

    const char *months[] = {"2022-01", "2022-02", "2022-03"};
    int64_t cum[] = {5, 20, 37};
    struct chart l = {.kind = CHART_LINE, .id = "unga", .title = "Unga per månad", .desc = "d",
                      .ncat = 3, .cats = months, .nser = 1, .series = series, .values = cum,
                      .target = 50, .target_label = "Mål 50"};
    b = (buf){0};
    chart_svg(&b, a, &l);
    s = buf_cstr(&b);
    assert_contains(s, "<polyline");
    assert_contains(s, ">Mål 50</text>");
    assert_contains(s, ">37</text>");
    assert_contains(s, ">2022-01</text>");
    assert_int_equal(count(s, "<circle"), 3);
    buf_free(&b);
    /* no data: still a valid, labelled SVG */
    struct chart e = {.kind = CHART_LINE, .id = "tom", .title = "Tom", .desc = "Inga uppgifter."};
    b = (buf){0};
    chart_svg(&b, a, &e);
    assert_contains(buf_cstr(&b), "</svg>");
    buf_free(&b);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(periods),
        cmocka_unit_test(suppression_and_summary),
        cmocka_unit_test(bar_chart),
        cmocka_unit_test(stacked_and_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
