/* The calendar: coming occurrences as a list or a month, filtered by
 * organiser, theme and series, "this week"; and a series' page.  All
 * without JavaScript: the filters are a GET form. */
#include <string.h>

#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "view/markdown.h"
#include "web/events/events.h"
#include "web/fragments.h"
#include "web/pages.h"
#include "web/roles.h"

struct filters {
    struct occ_filter f;
    const char *org, *theme, *series, *month; /* as in the query, "" when absent */
    bool week, month_view;
};

/* Reads the query; false after a 400 when a value cannot be read, or a
 * 404-free "no such" that shows an empty list. */
static bool read_filters(req *r, struct filters *q)
{
    memset(q, 0, sizeof *q);
    const char *org = NULL, *theme = NULL, *series = NULL, *month = NULL, *view = NULL, *week = NULL;
    if (!query_text(r, "arrangor", 100, &org) || !query_text(r, "tema", 300, &theme) ||
        !query_text(r, "serie", 100, &series) || !query_text(r, "manad", 7, &month) ||
        !query_text(r, "vy", 10, &view) || !query_text(r, "vecka", 1, &week)) {
        page_error(r, 400);
        return false;
    }
    q->org = org ? org : "";
    q->theme = theme ? theme : "";
    q->series = series ? series : "";
    q->month = month ? month : "";
    q->week = week && strcmp(week, "1") == 0;
    q->month_view = view && strcmp(view, "manad") == 0;
    q->f.theme = *q->theme ? q->theme : NULL;
    if (*q->org) {
        struct org *o = NULL;
        enum db_rc rc = store_org_by_slug(r->db, r->a, q->org, &o);
        if (rc == DB_OK) q->f.org_id = o->id;
        else if (rc == DB_NOTFOUND) q->f.org_id = -1;
        else {
            page_fail(r, "event filter");
            return false;
        }
    }
    if (*q->series) {
        struct series s;
        enum db_rc rc = store_series_by_slug(r->db, r->a, q->series, &s);
        if (rc == DB_OK) q->f.series_id = s.id;
        else if (rc == DB_NOTFOUND) q->f.series_id = -1;
        else {
            page_fail(r, "event filter");
            return false;
        }
    }
    return true;
}

static void filter_form(req *r, const struct filters *q)
{
    struct event_org *orgs;
    size_t no;
    struct series *ss;
    size_t ns;
    if (store_event_orgs(r->db, r->a, &orgs, &no) != DB_OK || store_series_all(r->db, r->a, &ss, &ns) != DB_OK) return;
    html(r, "<form method=\"get\" action=\"/evenemang\" class=\"filters\" role=\"search\" aria-label=\"%s\">\n",
         T(r, "event.filters"));
    html(r, "<div class=\"field\"><label for=\"f-arrangor\">%s</label><select id=\"f-arrangor\" name=\"arrangor\">"
            "<option value=\"\">%s</option>",
         T(r, "event.organiser"), T(r, "event.any"));
    for (size_t i = 0; i < no; i++)
        html(r, "<option value=\"%s\"%s>%s</option>", orgs[i].slug, strcmp(orgs[i].slug, q->org) == 0 ? " selected" : "",
             orgs[i].name);
    html(r, "</select></div>\n<div class=\"field\"><label for=\"f-serie\">%s</label><select id=\"f-serie\" name=\"serie\">"
            "<option value=\"\">%s</option>",
         T(r, "event.series"), T(r, "event.any"));
    for (size_t i = 0; i < ns; i++)
        html(r, "<option value=\"%s\"%s>%s</option>", ss[i].slug, strcmp(ss[i].slug, q->series) == 0 ? " selected" : "",
             ss[i].title);
    html(r, "</select></div>\n<div class=\"field\"><label for=\"f-tema\">%s</label>"
            "<input type=\"text\" id=\"f-tema\" name=\"tema\" value=\"%s\"></div>\n",
         T(r, "event.theme"), q->theme);
    if (q->month_view) html_raw(r, "<input type=\"hidden\" name=\"vy\" value=\"manad\">\n");
    html(r, "<button type=\"submit\">%s</button>\n</form>\n", T(r, "event.filter"));
}

static void occ_card(req *r, const struct occurrence *o)
{
    html(r, "<li class=\"card\"><h3><a href=\"/evenemang/%lld\">%s</a></h3>\n<p class=\"meta\">%s", (long long)o->event_id,
         o->title, occ_when(r, o));
    if (*o->place_name) html(r, " · %s", o->place_name);
    html_raw(r, "</p>\n<p>");
    if (o->ev_status == EV_CANCELLED) status_tag(r, "event.status.installt");
    else if (o->cancelled) status_tag(r, "event.occ.installd");
    else if (o->drop_in) html(r, "%s", T(r, "event.drop_in"));
    else if (occ_free(o) > 0) html(r, "%s", Tf(r, "event.places_left", fmt_int(r->a, occ_free(o))));
    else status_tag(r, "event.status.fullt");
    html_raw(r, "</p></li>\n");
}

static bool month_grid(req *r, const struct filters *q, int y, int m)
{
    int64_t first = ymd_to_days(y, m, 1);
    int ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;
    int py = m == 1 ? y - 1 : y, pm = m == 1 ? 12 : m - 1;
    int64_t next = ymd_to_days(ny, nm, 1);
    struct occurrence *list;
    size_t n;
    if (store_occurrences_between(r->db, r->a, &q->f, stockholm_to_unix(y, m, 1, 0, 0),
                                  stockholm_to_unix(ny, nm, 1, 0, 0), 1000, &list, &n) != DB_OK) {
        page_fail(r, "event month");
        return false;
    }
    const char *keep = arena_printf(r->a, "vy=manad&arrangor=%s&serie=%s&tema=%s", url_encode(r->a, q->org),
                                    url_encode(r->a, q->series), url_encode(r->a, q->theme));
    html(r, "<h2>%s</h2>\n<p class=\"buttons\"><a href=\"/evenemang?%s&manad=%04d-%02d\">← %s</a> "
            "<a href=\"/evenemang?%s&manad=%04d-%02d\">%s →</a></p>\n",
         arena_printf(r->a, "%s %d", T(r, arena_printf(r->a, "month.%d", m)), y), keep, py, pm, T(r, "event.prev_month"), keep, ny, nm,
         T(r, "event.next_month"));
    /* a list per day of the month (a table of seven columns would not fit a
     * phone): each day with events, in order */
    html_raw(r, "<ol class=\"month\">\n");
    size_t k = 0;
    for (int64_t day = first; day < next; day++) {
        int yy, mm, dd;
        days_to_ymd(day, &yy, &mm, &dd);
        const char *ymd = arena_printf(r->a, "%04d-%02d-%02d", yy, mm, dd);
        bool any = false;
        for (; k < n && strcmp(list[k].day, ymd) == 0; k++) {
            if (!any) html(r, "<li><h3>%s</h3><ul>\n", fmt_ymd(r->a, r->lang, ymd));
            any = true;
            html(r, "<li><a href=\"/evenemang/%lld\">%s</a> %s%s</li>\n", (long long)list[k].event_id, list[k].title,
                 fmt_hm_range(r->a, list[k].start_time, list[k].end_time),
                 list[k].cancelled ? arena_printf(r->a, " (%s)", T(r, "event.occ.installd")) : "");
        }
        if (any) html_raw(r, "</ul></li>\n");
    }
    html_raw(r, "</ol>\n");
    if (!n) html(r, "<p>%s</p>\n", T(r, "event.none"));
    return true;
}

/* The filter form and the list or month; false after a 500. */
static bool render_list(req *r, const struct filters *q, int y, int m, int d)
{
    filter_form(r, q);
    if (q->month_view) {
        if (!month_grid(r, q, y, m)) return false;
    } else {
        int64_t today = ymd_to_days(y, m, d);
        int64_t from = r->now - 3 * 3600, to = r->now + 400LL * 86400;
        if (q->week) {
            int64_t sunday = today + 6 - ymd_weekday(y, m, d);
            int sy, sm, sd;
            days_to_ymd(sunday + 1, &sy, &sm, &sd);
            to = stockholm_to_unix(sy, sm, sd, 0, 0);
            html(r, "<h2>%s</h2>\n", T(r, "event.this_week"));
        }
        struct occurrence *list;
        size_t n;
        if (store_occurrences_between(r->db, r->a, &q->f, from, to, 100, &list, &n) != DB_OK) {
            page_fail(r, "event list");
            return false;
        }
        if (n) {
            html_raw(r, "<ul class=\"cards\">\n");
            for (size_t i = 0; i < n; i++) occ_card(r, &list[i]);
            html_raw(r, "</ul>\n");
        } else {
            html(r, "<p>%s</p>\n", T(r, "event.none"));
        }
    }
    return true;
}

static void h_list(req *r)
{
    struct filters q;
    if (!read_filters(r, &q)) return;
    int y, m, d, h, mi;
    unix_to_stockholm(r->now, &y, &m, &d, &h, &mi);
    if (q.month_view && *q.month) {
        int yy, mm, dd;
        if (!parse_ymd(arena_printf(r->a, "%s-01", q.month), &yy, &mm, &dd) || yy < 2000 || yy > 2099)
            return page_error(r, 400);
        y = yy;
        m = mm;
    }
    page_begin(r, T(r, "event.calendar"));
    html(r, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", T(r, "event.calendar"), T(r, "event.calendar_intro"));
    html(r, "<nav class=\"buttons\" aria-label=\"%s\"><a href=\"/evenemang\"%s>%s</a> "
            "<a href=\"/evenemang?vecka=1\"%s>%s</a> <a href=\"/evenemang?vy=manad\"%s>%s</a></nav>\n",
         T(r, "event.views"), !q.week && !q.month_view ? " aria-current=\"page\"" : "", T(r, "event.view_list"),
         q.week ? " aria-current=\"page\"" : "", T(r, "event.this_week"), q.month_view ? " aria-current=\"page\"" : "",
         T(r, "event.view_month"));
    /* The filters and the list are the same for everyone for a second:
     * rendered once per second and process (web/fragments.c), so a rush on
     * the calendar costs one query a second; places left may be a second
     * old, which the registration itself never relies on. */
    const char *key = arena_printf(r->a, "evl:%d:%d:%d:%s:%s:%s:%s:%lld", (int)r->lang, q.week, q.month_view, q.org,
                                   q.series, q.theme, q.month, (long long)r->now);
    const char *cached = fragment_get(r->a, key);
    if (cached) {
        html_raw(r, cached);
    } else {
        size_t at = r->body.len;
        if (!render_list(r, &q, y, m, d)) return;
        fragment_put(key, r->body.data + at, r->body.len - at);
    }
    html(r, "<p><a href=\"/evenemang/kalender.ics\">%s</a></p>\n", T(r, "event.ics_all"));
    struct event_org *mine;
    size_t nmine = 0;
    struct event *drafts = NULL;
    size_t nd = 0;
    if (r->user && store_event_drafts(r->db, r->a, r->user->id, is_coordinator(r), &drafts, &nd) == DB_OK && nd) {
        html(r, "<h2>%s</h2>\n<ul>\n", T(r, "event.drafts"));
        for (size_t i = 0; i < nd; i++)
            html(r, "<li><a href=\"/evenemang/%lld\">%s</a> (%s)</li>\n", (long long)drafts[i].id, drafts[i].title,
                 fmt_ymd(r->a, r->lang, drafts[i].start_day));
        html_raw(r, "</ul>\n");
    }
    if (r->user && organiser_orgs(r, &mine, &nmine) == DB_OK && nmine) /* coordinators and representatives */
        html(r, "<p class=\"buttons\"><a class=\"button secondary\" href=\"/evenemang/nytt\">%s</a>%s%s%s</p>\n",
             T(r, "event.new"), is_coordinator(r) ? " <a class=\"button secondary\" href=\"/evenemang/serie/ny\">" : "",
             is_coordinator(r) ? T(r, "event.series_new") : "", is_coordinator(r) ? "</a>" : "");
    page_end(r);
}

static void h_series(req *r)
{
    struct series s;
    enum db_rc rc = store_series_by_slug(r->db, r->a, r->params[0], &s);
    if (rc == DB_NOTFOUND) return page_error(r, 404);
    if (rc != DB_OK) return page_fail(r, "series");
    struct occ_filter f = {.series_id = s.id};
    struct occurrence *list;
    size_t n;
    if (store_occurrences_between(r->db, r->a, &f, 0, INT64_MAX / 2, 500, &list, &n) != DB_OK)
        return page_fail(r, "series list");
    page_begin(r, s.title);
    const char *crumbs[] = {"/evenemang", T(r, "event.calendar"), NULL, s.title};
    page_crumbs(r, crumbs, 4);
    html(r, "<h1>%s</h1>\n<p class=\"lead\">%s – %s</p>\n", s.title, fmt_ymd(r->a, r->lang, s.first_day),
         fmt_ymd(r->a, r->lang, s.last_day));
    if (*s.description) {
        html(r, "<div class=\"prose\"%s>", sv_attr(r));
        html_raw(r, markdown_to_html(r->a, s.description));
        html_raw(r, "</div>\n");
    }
    html(r, "<h2>%s</h2>\n", T(r, "event.series_events"));
    if (n) {
        html_raw(r, "<ul class=\"cards\">\n");
        for (size_t i = 0; i < n; i++) occ_card(r, &list[i]);
        html_raw(r, "</ul>\n");
    } else {
        html(r, "<p>%s</p>\n", T(r, "event.none"));
    }
    html(r, "<p><a href=\"/evenemang/serie/%s/kalender.ics\">%s</a></p>\n", s.slug, T(r, "event.ics"));
    page_end(r);
}

const struct route event_list_routes[] = {
    {M_GET, "/evenemang", h_list, 0},
    {M_GET, "/evenemang/serie/*", h_series, 0},
    {0, NULL, NULL, 0},
};
