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


/* ------------------------------------------------------------------ */
/* the store, on both engines: figures, the summary table, open lists   */

#include "store/store.h"

struct engine {
    struct test_engine t;
    db *d;
};

static struct engine sqlite_engine, pg_engine;

static int engine_up(struct engine *e, bool pg, void **state)
{
    *state = e;
    if (test_engine_create(&e->t, pg, "stats") != 0) return -1;
    e->d = test_engine_open(&e->t);
    return e->d ? 0 : -1;
}

static int engine_down(void **state)
{
    struct engine *e = *state;
    db_close(e->d);
    test_engine_destroy(&e->t);
    return 0;
}

static int setup_sqlite(void **state) { return engine_up(&sqlite_engine, false, state); }
static int setup_pg(void **state) { return engine_up(&pg_engine, true, state); }

static int64_t one_int(db *d, const char *q)
{
    int64_t v = -1;
    assert_rc(db_one_int(db_prepare(d, q), &v), DB_OK);
    return v;
}

static int64_t cell(const struct stats *s, const char *table, size_t row, size_t col)
{
    const struct stat_table *t = stats_table(s, table);
    assert_non_null(t);
    assert_true(row < t->nrows);
    return t->cells[row * t->ncols + col].n;
}

#define T0 ((int64_t)1654077600) /* 2022-06-01 12:00 in Stockholm */

static void figures_summary_and_lists(void **state)
{
    struct engine *e = *state;
    db *d = e->d;
    arena *a = arena_new();
    assert_rc(db_exec(d,
        "INSERT INTO organisations(slug, name, name_fold, kind, sector, created_at, updated_at) VALUES "
        "('byabetan', 'Byabetan', 'byabetan', 'forening', 'ideell', 0, 0), "
        "('soc', 'Socialförvaltningen', 'socialforvaltningen', 'forvaltning', 'offentlig', 0, 0);"
        "INSERT INTO projects(slug, title, short_target, short_year, call_opens, call_closes, budget, granted_total, "
        "status, created_at, updated_at) VALUES ('p', 'P', 50, 2022, '2022-01-01', '2022-12-31', 1000000, 300000, "
        "'oppet', 0, 0);"), DB_OK);
    int64_t p = one_int(d, "SELECT id FROM projects WHERE slug = 'p'");
    int64_t org = one_int(d, "SELECT id FROM organisations WHERE slug = 'byabetan'");
    int64_t soc = one_int(d, "SELECT id FROM organisations WHERE slug = 'soc'");
    db_stmt *st = db_prepare(d, "INSERT INTO project_categories(project_id, position, name) VALUES (?, 1, 'Fika')");
    db_bind_int(st, 1, p);
    assert_rc(db_run(st), DB_OK);
    int64_t cat = one_int(d, "SELECT id FROM project_categories WHERE name = 'Fika'");
    static const char Q_IDEA[] =
        "INSERT INTO ideas(project_id, title, submitter_name, org_id, birth_year, status, submitted_at, created_at, "
        "updated_at) VALUES (?, ?, 'X', ?, ?, ?, ?, 0, 0)";
    struct { const char *title; int64_t org, birth; const char *status; int64_t at; } ideas[] = {
        {"ung", 0, 2007, "beviljad", T0}, {"förening", 0, 0, "inskickad", T0}, {"utkast", 0, 2007, "utkast", 0},
    };
    ideas[1].org = org;
    for (size_t i = 0; i < 3; i++) {
        st = db_prepare(d, Q_IDEA);
        db_bind_int(st, 1, p);
        db_bind_text(st, 2, ideas[i].title);
        if (ideas[i].org) db_bind_int(st, 3, ideas[i].org); else db_bind_null(st, 3);
        if (ideas[i].birth) db_bind_int(st, 4, ideas[i].birth); else db_bind_null(st, 4);
        db_bind_text(st, 5, ideas[i].status);
        if (ideas[i].at) db_bind_int(st, 6, ideas[i].at); else db_bind_null(st, 6);
        assert_rc(db_run(st), DB_OK);
    }
    int64_t granted_idea = one_int(d, "SELECT id FROM ideas WHERE title = 'ung'");
    int64_t draft = one_int(d, "SELECT id FROM ideas WHERE title = 'utkast'");
    static const char Q_LINE[] = "INSERT INTO budget_lines(idea_id, position, category_id, description, asked, granted, "
                                 "approved_total) VALUES (?, 1, ?, 'Fika', ?, ?, ?)";
    int64_t lines[][4] = {{granted_idea, 400000, 300000, 120000}, {draft, 900000, 0, 0}};
    for (size_t i = 0; i < 2; i++) {
        st = db_prepare(d, Q_LINE);
        db_bind_int(st, 1, lines[i][0]);
        db_bind_int(st, 2, cat);
        db_bind_int(st, 3, lines[i][1]);
        db_bind_int(st, 4, lines[i][2]);
        db_bind_int(st, 5, lines[i][3]);
        assert_rc(db_run(st), DB_OK);
    }
    int64_t line = one_int(d, "SELECT MIN(id) FROM budget_lines");
    static const char Q_CLAIM[] =
        "INSERT INTO claims(idea_id, line_id, claimant_name, description, amount, status, receipt_name, receipt_type, "
        "receipt_size, receipt, created_at) VALUES (?, ?, 'X', 'Fika', ?, ?, 'k.png', 'image/png', 1, ?, 0)";
    struct { int64_t amount; const char *status; } claims[] = {{100000, "utbetald"}, {20000, "godkand"}, {7000, "inskickad"}, {3000, "avslagen"}};
    for (size_t i = 0; i < 4; i++) {
        st = db_prepare(d, Q_CLAIM);
        db_bind_int(st, 1, granted_idea);
        db_bind_int(st, 2, line);
        db_bind_int(st, 3, claims[i].amount);
        db_bind_text(st, 4, claims[i].status);
        db_bind_blob(st, 5, "\0", 1);
        assert_rc(db_run(st), DB_OK);
    }
    st = db_prepare(d, "INSERT INTO activities(title, idea_id, status, start_date, youth_min, youth_max, created_at, "
                       "updated_at) VALUES ('Fest', ?, 'genomford', '2022-06-10', 16, 17, 0, 0)");
    db_bind_int(st, 1, granted_idea);
    assert_rc(db_run(st), DB_OK);
    int64_t act = one_int(d, "SELECT id FROM activities WHERE title = 'Fest'");
    st = db_prepare(d, "INSERT INTO activity_orgs(activity_id, org_id, name) VALUES (?, ?, 'a'), (?, ?, 'b')");
    db_bind_int(st, 1, act);
    db_bind_int(st, 2, org);
    db_bind_int(st, 3, act);
    db_bind_int(st, 4, soc);
    assert_rc(db_run(st), DB_OK);

    struct stats *s = NULL;
    assert_rc(store_stats(d, a, p, "2000-01-01", "2099-12-31", T0, 0, 0, &s), DB_OK);
    assert_int_equal(s->target, 50);
    assert_int_equal(cell(s, "unga", 0, 1), 1);  /* the young submitter */
    assert_int_equal(cell(s, "unga", 1, 1), 16); /* "16–17": the lower bound */
    assert_int_equal(cell(s, "unga", 2, 1), 0); /* evenemang: none (and none on a project's figures) */
    assert_int_equal(cell(s, "unga", 3, 1), 0); /* hackathon: none */
    assert_int_equal(cell(s, "unga", 4, 1), 17); /* totalt */
    assert_int_equal(cell(s, "ideer_status", 0, 1), 1); /* inskickad; the draft is not counted */
    assert_int_equal(cell(s, "ideer_status", 3, 1), 1); /* beviljad */
    assert_int_equal(cell(s, "ideer_inlamnare", 0, 1), 1);
    assert_int_equal(cell(s, "ideer_inlamnare", 2, 1), 1);
    /* money: asked, granted, claimed, approved, paid, left (the draft's line left out) */
    static const int64_t money[] = {400000, 300000, 127000, 120000, 100000, 180000};
    for (size_t k = 0; k < 6; k++) assert_int_equal(cell(s, "pengar", 0, k + 1), money[k]);
    assert_int_equal(cell(s, "budget", 0, 3), 700000);
    assert_int_equal(cell(s, "samverkan", 0, 1), 2);
    assert_int_equal(cell(s, "samverkan", 0, 2), 2);
    assert_int_equal(cell(s, "samverkan_andel", 0, 2), 100);
    assert_int_equal(stats_table(s, "samverkan_par")->nrows, 1);
    assert_null(stats_table(s, "moten")); /* meetings are the platform's */
    /* a period without them */
    assert_rc(store_stats(d, a, p, "2021-01-01", "2021-12-31", T0, 0, 0, &s), DB_OK);
    assert_int_equal(cell(s, "unga", 2, 1), 0);
    /* the summary: kept, served while young, counted again when old */
    assert_rc(store_stats(d, a, 0, "2022-01-01", "2022-12-31", T0, 300, 0, &s), DB_OK);
    struct stats *fresh = s;
    assert_int_equal(one_int(d, "SELECT COUNT(*) FROM stats_cache"), 1);
    assert_rc(db_exec(d, "UPDATE ideas SET status = 'inskickad' WHERE title = 'utkast'"), DB_OK);
    struct stats *cached = NULL;
    assert_rc(store_stats(d, a, 0, "2022-01-01", "2022-12-31", T0 + 60, 300, 0, &cached), DB_OK);
    assert_int_equal(cached->generated_at, T0);
    assert_int_equal(cached->ntables, fresh->ntables);
    for (size_t i = 0; i < fresh->ntables; i++) { /* the round trip keeps every cell */
        const struct stat_table *x = &fresh->tables[i], *y = &cached->tables[i];
        assert_str(x->id, y->id);
        assert_int_equal(x->nrows, y->nrows);
        assert_ptr_equal(x->cols, y->cols);
        for (size_t k = 0; k < x->nrows * x->ncols; k++) {
            assert_int_equal(x->cells[k].n, y->cells[k].n);
            assert_str(x->cells[k].text ? x->cells[k].text : "", y->cells[k].text ? y->cells[k].text : "");
            assert_str(x->cells[k].ref ? x->cells[k].ref : "", y->cells[k].ref ? y->cells[k].ref : "");
        }
    }
    assert_rc(store_stats(d, a, 0, "2022-01-01", "2022-12-31", T0 + 301, 300, 0, &s), DB_OK);
    assert_int_equal(s->generated_at, T0 + 301);
    assert_int_equal(cell(s, "ideer_status", 0, 1), 1); /* the old draft: sent in, but with no date in 2022 */
    assert_rc(store_stats(d, a, 999999, "2022-01-01", "2022-12-31", T0, 0, 0, &s), DB_NOTFOUND);
    /* open lists */
    struct stat_table *t = NULL;
    assert_rc(store_open_list(d, a, "ideer", &t), DB_OK);
    assert_int_equal(t->nrows, 3);
    assert_rc(db_exec(d, "UPDATE ideas SET status = 'utkast' WHERE title = 'utkast'"), DB_OK);
    assert_rc(store_open_list(d, a, "ideer", &t), DB_OK);
    assert_int_equal(t->nrows, 2);
    assert_rc(store_open_list(d, a, "aktiviteter", &t), DB_OK);
    assert_int_equal(t->nrows, 1);
    assert_rc(store_open_list(d, a, "bidrag", &t), DB_OK);
    assert_int_equal(t->nrows, 1);
    assert_rc(store_open_list(d, a, "hemligt", &t), DB_NOTFOUND);
    /* a page's cut: the latest activities, and how many there are */
    assert_rc(db_exec(d, "INSERT INTO activities(title, status, start_date, created_at, updated_at) "
                         "VALUES ('Senare', 'planerad', '2022-07-01', 0, 0)"), DB_OK);
    assert_rc(store_stats(d, a, 0, "2022-01-01", "2022-12-31", T0, 0, 1, &s), DB_OK);
    const struct stat_table *sv = stats_table(s, "samverkan");
    assert_int_equal(sv->nrows, 1);
    assert_int_equal(sv->total_rows, 2);
    assert_str(sv->cells[0].text, "Senare");
    assert_int_equal(stats_table(s, "unga")->total_rows, 5); /* ideer, aktiviteter, evenemang, hackathon, totalt: never cut */
    assert_int_equal(stats_table(s, "unga")->nrows, 5);
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
    const struct CMUnitTest store[] = {cmocka_unit_test(figures_summary_and_lists)};
    int failed = cmocka_run_group_tests_name("stats rules and charts", tests, NULL, NULL);
    failed += cmocka_run_group_tests_name("stats/sqlite", store, setup_sqlite, engine_down);
    const char *pg = getenv("SAMSKAP_TEST_PG_URL");
    if (pg && *pg) failed += cmocka_run_group_tests_name("stats/postgresql", store, setup_pg, engine_down);
    else printf("stats/postgresql: skipped (SAMSKAP_TEST_PG_URL is not set)\n");
    return failed;
}
