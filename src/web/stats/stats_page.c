/* The statistics pages: /statistik (the whole platform) and
 * /projekt/<slug>/statistik, for everyone, with a period filter that needs
 * no JavaScript; each table also as CSV and JSON at
 * /statistik/<table>.csv|json and /projekt/<slug>/statistik/<table>.csv|json
 * (the same period in the query).  Charts are inline SVG (view/chart.h)
 * beside tables of the same cells. */
#include <string.h>

#include "store/store.h"
#include "view/chart.h"
#include "view/format.h"
#include "view/html.h"
#include "web/pages.h"
#include "web/stats/stats.h"

/* A locale template with {name} placeholders filled from pairs. */
static const char *fill(req *r, const char *key, const char *const *pairs, size_t n)
{
    const char *s = T(r, key);
    for (size_t i = 0; i + 1 < n; i += 2) {
        const char *at;
        while ((at = strstr(s, pairs[i])))
            s = arena_printf(r->a, "%.*s%s%s", (int)(at - s), s, pairs[i + 1], at + strlen(pairs[i]));
    }
    return s;
}

static int64_t cell_n(const struct stat_table *t, size_t row, size_t col)
{
    return t && row < t->nrows ? t->cells[row * t->ncols + col].n : 0;
}

/* The chart's values and labels of one count column: a suppressed count
 * is drawn as 0 with its text. */
static void column_values(req *r, const struct stat_table *t, size_t col, int64_t **vals, const char ***labels)
{
    *vals = arena_alloc(r->a, (t->nrows + 1) * sizeof **vals);
    *labels = arena_alloc(r->a, (t->nrows + 1) * sizeof **labels);
    for (size_t i = 0; i < t->nrows; i++) {
        int64_t n = cell_n(t, i, col);
        bool hide = t->cols[col].kind == SC_PEOPLE && stats_suppressed(n);
        (*vals)[i] = hide || n < 0 ? 0 : n;
        (*labels)[i] = hide ? T(r, "stats.few") : NULL;
    }
}

static const char **row_names(req *r, const struct stat_table *t)
{
    const char **names = arena_alloc(r->a, (t->nrows + 1) * sizeof *names);
    for (size_t i = 0; i < t->nrows; i++) names[i] = stats_cell_text(r, t, i, 0, false);
    return names;
}

/* Rows a page shows of the tables that grow with the data (the files
 * have them all). */
enum { STATS_PAGE_ROWS = 25 };

static void files_links(req *r, const char *base, const char *id, const char *q)
{
    html(r, "<p class=\"meta files\">%s <a href=\"%s/%s.csv%s\">CSV</a> · <a href=\"%s/%s.json%s\">JSON</a></p>\n",
         T(r, "stats.download"), base, id, q, base, id, q);
}

static void section_open(req *r, const char *id)
{
    html(r, "<section class=\"stats-section\" aria-labelledby=\"h-%s\">\n<h2 id=\"h-%s\">%s</h2>\n", id, id,
         T(r, arena_printf(r->a, "stats.h.%s", id)));
}

static void bar_for(req *r, const struct stat_table *t, size_t col, const char *desc)
{
    if (!t || !t->nrows) return;
    int64_t *vals;
    const char **labels;
    column_values(r, t, col, &vals, &labels);
    static const char *const one[] = {""};
    struct chart c = {.kind = CHART_BAR, .id = arena_printf(r->a, "c-%s", t->id),
                      .title = T(r, arena_printf(r->a, "stats.table.%s", t->id)), .desc = desc,
                      .ncat = t->nrows, .cats = row_names(r, t), .nser = 1, .series = one,
                      .values = vals, .labels = labels};
    html_raw(r, "<figure class=\"chart\">\n");
    chart_svg(&r->body, r->a, &c);
    html_raw(r, "</figure>\n");
}

static void youth_section(req *r, const struct stats *s, const char *base, const char *q, const char *slug)
{
    const struct stat_table *t = stats_table(s, "unga"), *m = stats_table(s, "manad");
    int64_t total = t && t->nrows ? cell_n(t, t->nrows - 1, 1) : 0; /* the last row: totalt */
    section_open(r, "unga");
    const char *n_text = stats_count_text(r->a, total, true, T(r, "stats.few"));
    const char *pairs[] = {"{n}", n_text, "{target}", fmt_int(r->a, s->target), "{pct}",
                           fmt_int(r->a, stats_percent(total, s->target))};
    const char *desc;
    if (s->target > 0)
        desc = stats_suppressed(total) ? fill(r, "stats.sum.youth_few", pairs, 6) : fill(r, "stats.sum.youth", pairs, 6);
    else desc = fill(r, "stats.sum.youth_plain", pairs, 6);
    if (s->target > 0)
        html(r, "<p class=\"figure\" id=\"unga-figur\">%s <small>%s %s %s</small></p>\n", n_text, T(r, "home.youth_of"),
             fmt_int(r->a, s->target), T(r, "stats.youth_label"));
    else html(r, "<p class=\"figure\" id=\"unga-figur\">%s <small>%s</small></p>\n", n_text, T(r, "stats.youth_label"));
    html(r, "<p>%s</p>\n<p class=\"meta\">%s</p>\n", desc, T(r, "stats.youth_def"));
    if (m && m->nrows) {
        int64_t *vals;
        const char **labels;
        column_values(r, m, 3, &vals, &labels);
        static const char *const one[] = {""};
        const char **months = row_names(r, m);
        struct chart c = {.kind = CHART_LINE, .id = "c-unga", .title = T(r, "stats.chart.youth"), .desc = desc,
                          .ncat = m->nrows, .cats = months, .nser = 1, .series = one, .values = vals,
                          .labels = labels, .target = s->target,
                          .target_label = s->target > 0 ? arena_printf(r->a, "%s %lld", T(r, "stats.target"), (long long)s->target) : NULL};
        html_raw(r, "<figure class=\"chart\">\n");
        chart_svg(&r->body, r->a, &c);
        html_raw(r, "</figure>\n");
    }
    stats_table_html(r, t, slug);
    files_links(r, base, "unga", q);
    html_raw(r, "</section>\n");
}

static void ideas_section(req *r, const struct stats *s, const char *base, const char *q, const char *slug)
{
    section_open(r, "ideer");
    const struct stat_table *t = stats_table(s, "ideer_status");
    int64_t sum = 0, best = -1;
    size_t bi = 0;
    for (size_t i = 0; t && i < t->nrows; i++) {
        sum += cell_n(t, i, 1);
        if (cell_n(t, i, 1) > best) best = cell_n(t, i, 1), bi = i;
    }
    const char *pairs[] = {"{n}", fmt_int(r->a, sum), "{status}", t && t->nrows ? stats_cell_text(r, t, bi, 0, false) : "",
                           "{m}", fmt_int(r->a, best < 0 ? 0 : best)};
    bar_for(r, t, 1, sum ? fill(r, "stats.sum.status", pairs, 6) : T(r, "stats.sum.none"));
    stats_table_html(r, t, slug);
    files_links(r, base, "ideer_status", q);
    t = stats_table(s, "ideer_inlamnare");
    const char *p2[] = {"{n}", fmt_int(r->a, sum)};
    bar_for(r, t, 1, fill(r, "stats.sum.kind", p2, 2));
    stats_table_html(r, t, slug);
    files_links(r, base, "ideer_inlamnare", q);
    html_raw(r, "</section>\n");
}

static void money_section(req *r, const struct stats *s, const char *base, const char *q, const char *slug)
{
    section_open(r, "pengar");
    const struct stat_table *t = stats_table(s, "pengar");
    if (t && t->nrows) {
        /* granted, split into paid, approved and not yet paid, and left */
        size_t n = t->nrows;
        int64_t *vals = arena_alloc(r->a, 3 * n * sizeof *vals);
        const char **labels = arena_alloc(r->a, 3 * n * sizeof *labels);
        int64_t granted = 0, left = 0;
        const char **totals = arena_alloc(r->a, n * sizeof *totals);
        for (size_t i = 0; i < n; i++) {
            totals[i] = fmt_money(r->a, cell_n(t, i, 2));
            vals[i] = cell_n(t, i, 5);
            vals[n + i] = cell_n(t, i, 4) - cell_n(t, i, 5);
            vals[2 * n + i] = cell_n(t, i, 6) > 0 ? cell_n(t, i, 6) : 0;
            for (size_t k = 0; k < 3; k++) labels[k * n + i] = fmt_money(r->a, vals[k * n + i]);
            granted += cell_n(t, i, 2);
            left += cell_n(t, i, 6);
        }
        static const char *ser_keys[] = {"stats.money.paid", "stats.money.approved", "stats.money.left"};
        const char **series = arena_alloc(r->a, 3 * sizeof *series);
        for (size_t k = 0; k < 3; k++) series[k] = T(r, ser_keys[k]);
        const char *pairs[] = {"{granted}", fmt_money(r->a, granted), "{left}", fmt_money(r->a, left)};
        struct chart c = {.kind = CHART_STACKED, .id = "c-pengar", .title = T(r, "stats.table.pengar"),
                          .desc = fill(r, "stats.sum.money", pairs, 4), .ncat = n, .cats = row_names(r, t),
                          .nser = 3, .series = series, .values = vals, .labels = labels, .totals = totals};
        html_raw(r, "<figure class=\"chart\">\n");
        chart_svg(&r->body, r->a, &c);
        html_raw(r, "</figure>\n");
    }
    stats_table_html(r, t, slug);
    files_links(r, base, "pengar", q);
    stats_table_html(r, stats_table(s, "budget"), slug);
    files_links(r, base, "budget", q);
    html_raw(r, "</section>\n");
}

static void collab_section(req *r, const struct stats *s, const char *base, const char *q, const char *slug)
{
    section_open(r, "samverkan");
    const struct stat_table *sh = stats_table(s, "samverkan_andel");
    const char *pairs[] = {"{n}", fmt_int(r->a, cell_n(sh, 0, 0)), "{many}", fmt_int(r->a, cell_n(sh, 0, 1)),
                           "{pct}", fmt_int(r->a, cell_n(sh, 0, 2))};
    html(r, "<p class=\"figure\" id=\"samverkan-figur\">%s %% <small>%s</small></p>\n<p>%s</p>\n",
         fmt_int(r->a, cell_n(sh, 0, 2)), T(r, "stats.collab_label"), fill(r, "stats.sum.collab", pairs, 6));
    if (cell_n(sh, 0, 0) > 0) { /* activities with one sector against more than one */
        int64_t *vals = arena_alloc(r->a, 2 * sizeof *vals);
        vals[0] = cell_n(sh, 0, 0) - cell_n(sh, 0, 1);
        vals[1] = cell_n(sh, 0, 1);
        const char **cats = arena_alloc(r->a, 2 * sizeof *cats);
        cats[0] = T(r, "stats.collab_one");
        cats[1] = T(r, "stats.collab_many");
        static const char *const one[] = {""};
        struct chart c = {.kind = CHART_BAR, .id = "c-samverkan", .title = T(r, "stats.table.samverkan_andel"),
                          .desc = fill(r, "stats.sum.collab", pairs, 6), .ncat = 2, .cats = cats, .nser = 1,
                          .series = one, .values = vals};
        html_raw(r, "<figure class=\"chart\">\n");
        chart_svg(&r->body, r->a, &c);
        html_raw(r, "</figure>\n");
    }
    stats_table_html(r, sh, slug);
    files_links(r, base, "samverkan_andel", q);
    stats_table_html(r, stats_table(s, "samverkan"), slug);
    files_links(r, base, "samverkan", q);
    stats_table_html(r, stats_table(s, "samverkan_par"), slug);
    files_links(r, base, "samverkan_par", q);
    html_raw(r, "</section>\n");
}

static void meetings_section(req *r, const struct stats *s, const char *base, const char *q)
{
    const struct stat_table *t = stats_table(s, "moten");
    if (!t) return;
    section_open(r, "moten");
    const char *pairs[] = {"{n}", fmt_int(r->a, (int64_t)t->nrows)};
    bar_for(r, t, 2, fill(r, "stats.sum.meetings", pairs, 2));
    stats_table_html(r, t, NULL);
    files_links(r, base, "moten", q);
    html_raw(r, "</section>\n");
}

static void period_form(req *r, const char *action, const struct form *f)
{
    const char *ar = req_query(r, "ar"), *halvar = req_query(r, "halvar");
    const char *fran = req_query(r, "fran"), *till = req_query(r, "till");
    html(r, "<form method=\"get\" action=\"%s#fel\" class=\"filters period\">\n<fieldset>\n<legend>%s</legend>\n",
         action, T(r, "stats.period"));
    field_input(r, f, &(struct field){.name = "ar", .label = "stats.year", .hint = "stats.year_hint", .type = "text",
                                      .value = ar ? ar : "", .extra = "inputmode=\"numeric\" maxlength=\"4\""});
    const struct option halves[] = {{"", T(r, "stats.half_all")}, {"1", T(r, "stats.half_1")}, {"2", T(r, "stats.half_2")}};
    field_select(r, f, &(struct field){.name = "halvar", .label = "stats.half", .value = halvar ? halvar : ""}, halves, 3);
    field_input(r, f, &(struct field){.name = "fran", .label = "stats.from", .hint = "stats.custom_hint", .type = "date",
                                      .value = fran ? fran : ""});
    field_input(r, f, &(struct field){.name = "till", .label = "stats.to", .type = "date", .value = till ? till : ""});
    html(r, "</fieldset>\n<button type=\"submit\">%s</button>\n</form>\n", T(r, "stats.show"));
}

static const char *period_text(req *r, const struct period *p)
{
    switch (p->kind) {
    case PERIOD_ALL: return T(r, "stats.period_all");
    case PERIOD_YEAR: return arena_printf(r->a, "%d", p->year);
    default:
        return arena_printf(r->a, "%s – %s", fmt_ymd(r->a, r->lang, p->from), fmt_ymd(r->a, r->lang, p->to));
    }
}

static void stats_page(req *r, const struct project *p)
{
    struct period per;
    const char *field = NULL;
    const char *err = stats_period(r, &per, &field);
    struct form f;
    form_init(&f, r);
    const char *action = p ? arena_printf(r->a, "/projekt/%s/statistik", p->slug) : "/statistik";
    if (err) {
        form_error(&f, field, err);
        r->status = 400;
        r->sheet = "stats";
        page_begin(r, T(r, "stats.title"));
        form_summary(r, &f);
        html(r, "<h1>%s</h1>\n", p ? p->title : T(r, "stats.title"));
        period_form(r, action, &f);
        return page_end(r);
    }
    struct stats *s = NULL;
    enum db_rc rc = store_stats(r->db, r->a, p ? p->id : 0, per.from, per.to, r->now, stats_max_age(),
                                STATS_PAGE_ROWS, &s);
    if (rc == DB_CONFLICT) return stats_busy(r);
    if (rc != DB_OK) return page_fail(r, "stats");
    const char *q = stats_period_query(r, &per);
    const char *title = p ? arena_printf(r->a, "%s – %s", T(r, "stats.title"), p->title) : T(r, "stats.title");
    r->sheet = "stats";
    page_begin(r, title);
    if (p) {
        const char *crumbs[] = {"/projekt", T(r, "nav.projects"), arena_printf(r->a, "/projekt/%s", p->slug), p->title,
                                NULL, T(r, "stats.title")};
        page_crumbs(r, crumbs, 6);
    }
    html(r, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", title, T(r, p ? "stats.intro_project" : "stats.intro"));
    html(r, "<p class=\"meta\">%s <strong id=\"period\">%s</strong>. %s %s. <a href=\"/oppna-data\">%s</a></p>\n",
         T(r, "stats.showing"), period_text(r, &per), T(r, "stats.counted"), fmt_datetime(r->a, r->lang, s->generated_at),
         T(r, "stats.open_data_link"));
    period_form(r, action, &f);
    static const char *const secs[] = {"unga", "ideer", "pengar", "samverkan", "moten", "manad"};
    const char *items[12];
    size_t ni = 0;
    for (size_t i = 0; i < 6; i++) {
        if (p && strcmp(secs[i], "moten") == 0) continue; /* meetings: the platform's page only */
        items[ni++] = arena_printf(r->a, "h-%s", secs[i]);
        items[ni++] = T(r, arena_printf(r->a, "stats.h.%s", secs[i]));
    }
    page_toc(r, items, ni);
    const char *base = p ? arena_printf(r->a, "/projekt/%s/statistik", p->slug) : "/statistik";
    const char *slug = p ? p->slug : NULL;
    youth_section(r, s, base, q, slug);
    ideas_section(r, s, base, q, slug);
    money_section(r, s, base, q, slug);
    collab_section(r, s, base, q, slug);
    if (!p) meetings_section(r, s, base, q);
    section_open(r, "manad");
    stats_table_html(r, stats_table(s, "manad"), slug);
    files_links(r, base, "manad", q);
    html_raw(r, "</section>\n");
    page_end(r);
}

static void stats_file(req *r, const struct project *p, const char *seg)
{
    const char *id, *fmt;
    if (!stats_file_name(r, seg, &id, &fmt)) return page_error(r, 404);
    struct period per;
    const char *field;
    const char *err = stats_period(r, &per, &field);
    if (err) return page_message(r, 400, "error.400.title", err);
    struct stats *s = NULL;
    enum db_rc rc = store_stats(r->db, r->a, p ? p->id : 0, per.from, per.to, r->now, stats_max_age(), 0, &s);
    if (rc == DB_CONFLICT) return stats_busy(r);
    if (rc != DB_OK) return page_fail(r, "stats");
    const struct stat_table *t = stats_table(s, id);
    if (!t) return page_error(r, 404);
    const char *name = p ? arena_printf(r->a, "%s-%s", p->slug, id) : id;
    if (strcmp(fmt, "csv") == 0) return stats_table_csv(r, t, name);
    if (strcmp(fmt, "json") == 0) return stats_table_json(r, t, name, s);
    return page_message(r, 400, "error.400.title", "stats.err.format");
}

static bool load_project(req *r, struct project **p)
{
    enum db_rc rc = store_project_by_slug(r->db, r->a, r->params[0], p);
    if (rc == DB_NOTFOUND) {
        page_error(r, 404);
        return false;
    }
    if (rc != DB_OK) {
        page_fail(r, "stats project");
        return false;
    }
    return true;
}

static void h_platform(req *r)
{
    stats_page(r, NULL);
}

static void h_platform_file(req *r)
{
    stats_file(r, NULL, r->params[0]);
}

static void h_project(req *r)
{
    struct project *p;
    if (load_project(r, &p)) stats_page(r, p);
}

static void h_project_file(req *r)
{
    struct project *p;
    if (load_project(r, &p)) stats_file(r, p, r->params[1]);
}

const struct route stats_page_routes[] = {
    {M_GET, "/statistik", h_platform, 0},
    {M_GET, "/statistik/*", h_platform_file, 0},
    {M_GET, "/projekt/*/statistik", h_project, 0},
    {M_GET, "/projekt/*/statistik/*", h_project_file, 0},
    {0, NULL, NULL, 0},
};
