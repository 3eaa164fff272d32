/* Shared by the statistics and open-data pages (web/stats/stats.h). */
#include "web/stats/stats.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "util/log.h"
#include "view/format.h"
#include "view/html.h"
#include "web/pages.h"

void stats_busy(req *r)
{
    log_warn("stats: enough counts are running; 503 for %s", r->path);
    resp_header(r, "Retry-After", "5");
    page_error(r, 503);
}

const char *stats_licence(void)
{
    const char *l = getenv("SAMSKAP_OPEN_DATA_LICENSE");
    return l && *l ? l : "http://creativecommons.org/publicdomain/zero/1.0/";
}

int64_t stats_max_age(void)
{
    const char *e = getenv("SAMSKAP_STATS_MAX_AGE");
    if (!e || !*e) return 300;
    char *end;
    long long v = strtoll(e, &end, 10);
    return *end || v < 0 || v > 86400 ? 300 : (int64_t)v;
}

const char *stats_period(req *r, struct period *p, const char **field)
{
    const char *v[4] = {NULL, NULL, NULL, NULL};
    static const char *const names[] = {"ar", "halvar", "fran", "till"};
    for (int i = 0; i < 4; i++)
        if (!query_text(r, names[i], 10, &v[i])) {
            *field = names[i];
            return "stats.err.date";
        }
    const char *err = period_parse(v[0], v[1], v[2], v[3], p);
    if (!err) return NULL;
    if (strcmp(err, "stats.err.year") == 0) *field = "ar";
    else if (strcmp(err, "stats.err.half") == 0) *field = "halvar";
    else if (strcmp(err, "stats.err.order") == 0) *field = "till";
    else { /* a date that is no date: the first such field */
        struct period tmp;
        *field = v[2] && *v[2] && period_parse(NULL, NULL, v[2], NULL, &tmp) ? "fran" : "till";
    }
    return err;
}

const char *stats_period_query(req *r, const struct period *p)
{
    switch (p->kind) {
    case PERIOD_YEAR: return arena_printf(r->a, "?ar=%d", p->year);
    case PERIOD_HALF: return arena_printf(r->a, "?ar=%d&halvar=%d", p->year, p->half);
    case PERIOD_CUSTOM: return arena_printf(r->a, "?fran=%s&till=%s", p->from, p->to);
    default: return "";
    }
}

const char *stats_cell_text(req *r, const struct stat_table *t, size_t row, size_t col, bool file)
{
    const struct stat_cell *c = &t->cells[row * t->ncols + col];
    const struct stat_col *k = &t->cols[col];
    switch (k->kind) {
    case SC_TEXT:
        if (!c->text) return "";
        /* files keep the stored name (documented on /oppna-data), pages say it */
        if (k->lprefix && !file) return T(r, arena_printf(r->a, "%s%s", k->lprefix, c->text));
        return c->text;
    case SC_PEOPLE:
        if (c->n < 0) return "";
        return stats_count_text(r->a, c->n, true, T(r, "stats.few"));
    case SC_MONEY: return file ? arena_printf(r->a, "%lld", (long long)c->n) : fmt_money(r->a, c->n);
    case SC_PERCENT: return arena_printf(r->a, file ? "%lld" : "%lld %%", (long long)c->n);
    case SC_DAYS:
        if (c->n < 0) return "";
        return arena_printf(r->a, file ? "%lld.%lld" : "%lld,%lld", (long long)(c->n / 10), (long long)(c->n % 10));
    case SC_COUNT:
    default:
        if (c->n < 0) return "";
        return file ? arena_printf(r->a, "%lld", (long long)c->n) : fmt_int(r->a, c->n);
    }
}

const char *stats_row_href(req *r, const struct stat_table *t, size_t row, const char *project_slug)
{
    const char *ref = t->cells[row * t->ncols].ref;
    /* money: the project's public ledger; the budget of each project: its ledger */
    if (strcmp(t->id, "pengar") == 0) return project_slug ? arena_printf(r->a, "/projekt/%s/ekonomi", project_slug) : NULL;
    if (strcmp(t->id, "budget") == 0 && ref && strncmp(ref, "project:", 8) == 0)
        return arena_printf(r->a, "/projekt/%s/ekonomi", ref + 8);
    if (strcmp(t->id, "samverkan_andel") == 0) return "/aktiviteter";
    if (strcmp(t->id, "unga") == 0 && row == 0 && project_slug) return arena_printf(r->a, "/projekt/%s/ideer", project_slug);
    if (!ref) return NULL;
    if (strncmp(ref, "status:", 7) == 0)
        return project_slug ? arena_printf(r->a, "/projekt/%s/ideer?status=%s", project_slug, ref + 7) : "/projekt";
    if (strncmp(ref, "activity:", 9) == 0) return arena_printf(r->a, "/aktiviteter/%s", ref + 9);
    if (strncmp(ref, "meeting:", 8) == 0) return arena_printf(r->a, "/moten/%s", ref + 8);
    if (strncmp(ref, "org:", 4) == 0) return arena_printf(r->a, "/organisationer/%s", ref + 4);
    if (strncmp(ref, "project:", 8) == 0) return arena_printf(r->a, "/projekt/%s", ref + 8);
    if (strcmp(ref, "list:aktiviteter") == 0) return "/aktiviteter";
    if (strcmp(ref, "list:evenemang") == 0) return "/evenemang";
    if (strcmp(ref, "list:hackathon") == 0) return "/inhabithon";
    return NULL;
}

/* A text cell's own link (pairs of organisations link each). */
static const char *cell_href(req *r, const struct stat_cell *c)
{
    if (c->ref && strncmp(c->ref, "org:", 4) == 0) return arena_printf(r->a, "/organisationer/%s", c->ref + 4);
    return NULL;
}

void stats_table_html(req *r, const struct stat_table *t, const char *project_slug)
{
    const char *title = T(r, arena_printf(r->a, "stats.table.%s", t->id));
    table_open(r, title, "stats scroll");
    html(r, "<caption>%s</caption>\n<thead><tr>", title);
    for (size_t k = 0; k < t->ncols; k++)
        html(r, "<th scope=\"col\">%s</th>", T(r, arena_printf(r->a, "stats.col.%s", t->cols[k].id)));
    html_raw(r, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < t->nrows; i++) {
        const char *href = stats_row_href(r, t, i, project_slug);
        html_raw(r, "<tr>");
        for (size_t k = 0; k < t->ncols; k++) {
            const char *text = stats_cell_text(r, t, i, k, false);
            const char *own = cell_href(r, &t->cells[i * t->ncols + k]);
            const char *h = own ? own : href;
            /* numbers align right by the stylesheet (table.stats td), text
             * cells say so: the page stays small */
            /* names people wrote (categories, activities, organisations) are Swedish */
            const char *lang = t->cols[k].kind == SC_TEXT && !t->cols[k].lprefix ? sv_attr(r) : "";
            if (k == 0) html_raw(r, "<th scope=\"row\"");
            else html_raw(r, t->cols[k].kind == SC_TEXT ? "<td class=\"text\"" : "<td");
            html_raw(r, lang);
            html_raw(r, ">");
            if (h && *text) html(r, "<a href=\"%s\">%s</a>", h, text);
            else html(r, "%s", text);
            html_raw(r, k == 0 ? "</th>" : "</td>");
        }
        html_raw(r, "</tr>\n");
    }
    if (!t->nrows) html(r, "<tr><td colspan=\"%zu\">%s</td></tr>\n", t->ncols, T(r, "stats.none"));
    html_raw(r, "</tbody>\n");
    table_close(r);
    if (t->total_rows > t->nrows) /* a page's cut: the files have every row */
        html(r, "<p class=\"meta\">%s</p>\n",
             Tf(r, "stats.cut", arena_printf(r->a, "%zu / %zu", t->nrows, t->total_rows)));
}

static void csv_cell(buf *b, const char *s, bool text)
{
    bool quote = strpbrk(s, ",\"\r\n;") != NULL;
    bool formula = text && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
    if (formula) quote = true;
    if (quote) buf_putc(b, '"');
    if (formula) buf_putc(b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"') buf_putc(b, '"');
        buf_putc(b, *p);
    }
    if (quote) buf_putc(b, '"');
}

static const char *download_name(req *r, const char *name, const char *ext)
{
    return arena_printf(r->a, "attachment; filename=\"%s.%s\"", name, ext);
}

void stats_table_csv(req *r, const struct stat_table *t, const char *name)
{
    buf *b = &r->body;
    buf_puts(b, "\xEF\xBB\xBF");
    for (size_t k = 0; k < t->ncols; k++) {
        if (k) buf_putc(b, ',');
        csv_cell(b, t->cols[k].id, false);
    }
    buf_puts(b, "\r\n");
    for (size_t i = 0; i < t->nrows; i++) {
        for (size_t k = 0; k < t->ncols; k++) {
            if (k) buf_putc(b, ',');
            const char *v = stats_cell_text(r, t, i, k, true);
            /* a suppressed count is text too */
            csv_cell(b, v, t->cols[k].kind == SC_TEXT || t->cols[k].kind == SC_PEOPLE);
        }
        buf_puts(b, "\r\n");
    }
    r->mime = "text/csv; charset=utf-8";
    resp_header(r, "Content-Disposition", download_name(r, name, "csv"));
}

static json_t *cell_json(req *r, const struct stat_table *t, size_t i, size_t k)
{
    const struct stat_cell *c = &t->cells[i * t->ncols + k];
    switch (t->cols[k].kind) {
    case SC_TEXT: return json_string(stats_cell_text(r, t, i, k, true));
    case SC_PEOPLE:
        if (c->n < 0) return json_null();
        if (stats_suppressed(c->n)) return json_string(T(r, "stats.few"));
        return json_integer(c->n);
    case SC_DAYS: return c->n < 0 ? json_null() : json_real((double)c->n / 10.0);
    default: return c->n < 0 ? json_null() : json_integer(c->n);
    }
}

void stats_table_json(req *r, const struct stat_table *t, const char *name, const struct stats *s)
{
    /* a statistics table (s given) or a list of the open data */
    const char *title_key = arena_printf(r->a, s ? "stats.table.%s" : "open.list.%s", t->id);
    json_t *root = json_object();
    json_object_set_new(root, "tabell", json_string(t->id));
    json_object_set_new(root, "titel", json_string(T(r, title_key)));
    if (s) {
        json_t *p = json_object();
        json_object_set_new(p, "fran", json_string(s->from));
        json_object_set_new(p, "till", json_string(s->to));
        json_object_set_new(root, "period", p);
        json_object_set_new(root, "raknad", json_string(fmt_rfc3339(r->a, s->generated_at)));
        if (s->project_id && s->target) json_object_set_new(root, "malvarde_unga", json_integer(s->target));
    }
    json_t *cols = json_array();
    for (size_t k = 0; k < t->ncols; k++) {
        json_t *c = json_object();
        json_object_set_new(c, "id", json_string(t->cols[k].id));
        json_object_set_new(c, "namn", json_string(T(r, arena_printf(r->a, "stats.col.%s", t->cols[k].id))));
        json_array_append_new(cols, c);
    }
    json_object_set_new(root, "kolumner", cols);
    json_t *rows = json_array();
    for (size_t i = 0; i < t->nrows; i++) {
        json_t *row = json_object();
        for (size_t k = 0; k < t->ncols; k++) json_object_set_new(row, t->cols[k].id, cell_json(r, t, i, k));
        json_array_append_new(rows, row);
    }
    json_object_set_new(root, "rader", rows);
    json_object_set_new(root, "licens", json_string(stats_licence()));
    char *text = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (!text) return page_fail(r, "stats json");
    buf_puts(&r->body, text);
    buf_putc(&r->body, '\n');
    free(text);
    r->mime = "application/json; charset=utf-8";
    resp_header(r, "Content-Disposition", download_name(r, name, "json"));
}

bool stats_file_name(req *r, const char *seg, const char **id, const char **fmt)
{
    const char *dot = strrchr(seg, '.');
    if (!dot || dot == seg) return false;
    *id = arena_strndup(r->a, seg, (size_t)(dot - seg));
    *fmt = dot + 1;
    return true;
}
