/* The front page: entry points with figures — the open call and its
 * closing date, engaged young people this year against the project's
 * target, the next meeting, results from activities, the latest news —
 * as cards that stack on a phone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/text.h"
#include "view/format.h"
#include "web/calls/calls.h"
#include "web/dates.h"
#include "web/group/group.h"
#include "web/events/events.h"
#include "web/pages.h"

/* Young people engaged this year: the youth counted on activities that
 * start this year (the lower figure of "16–17"). */
static int64_t youth_this_year(req *r, const struct activity *acts, size_t n)
{
    char year[8];
    snprintf(year, sizeof year, "%04d", current_year(r));
    int64_t sum = 0;
    for (size_t k = 0; k < n; k++)
        if (acts[k].status != ACT_CANCELLED && acts[k].start_date && strncmp(acts[k].start_date, year, 4) == 0 &&
            acts[k].youth.min > 0)
            sum += acts[k].youth.min;
    return sum;
}

/* The first sentence or so of a text, for a card. */
static const char *excerpt(req *r, const char *text, size_t max)
{
    size_t n = strlen(text);
    if (n <= max) return text;
    size_t cut = max;
    while (cut > 0 && text[cut] != ' ') cut--;
    if (!cut) cut = max;
    while (cut > 0 && (text[cut] & 0xC0) == 0x80) cut--;
    return arena_printf(r->a, "%.*s…", (int)cut, text);
}

static void call_entry(req *r, const struct project *p, int64_t youth)
{
    html(r, "<section class=\"entry\" aria-labelledby=\"oppna\">\n<h2 id=\"oppna\">%s</h2>\n"
            "<p><strong><a href=\"/projekt/%s\">%s</a></strong></p>\n<p>%s</p>\n"
            "<p class=\"meta\">%s <strong>%s</strong></p>\n"
            "<p><a class=\"button\" href=\"/projekt/%s/ny-ide\">%s</a></p>\n",
         T(r, "home.open_calls"), p->slug, p->title, p->summary, T(r, "home.call_closes"),
         fmt_ymd(r->a, r->lang, p->call_closes), p->slug, T(r, "idea.new"));
    if (p->short_target > 0) {
        int64_t pct = youth * 100 / p->short_target;
        if (pct > 100) pct = 100;
        html(r, "<p class=\"figure\">%lld <small>%s %lld %s</small></p>\n"
                "<div class=\"meter\" aria-hidden=\"true\"><span class=\"w%lld\"></span></div>\n"
                "<p class=\"meta\">%s <a href=\"/projekt/%s/statistik\">%s</a></p>\n",
             (long long)youth, T(r, "home.youth_of"), (long long)p->short_target, T(r, "home.youth_label"),
             (long long)(pct / 10 * 10), T(r, "home.youth_how"), p->slug, T(r, "stats.home_link"));
    }
    html_raw(r, "</section>\n");
}

static void h_home(req *r)
{
    struct post *posts = NULL;
    size_t n = 0;
    int64_t total = 0;
    struct project *projects = NULL;
    size_t np = 0;
    struct meeting *meetings = NULL;
    size_t nm = 0;
    struct activity *acts = NULL;
    size_t na = 0;
    if (store_posts_published(r->db, r->a, 0, 3, false, &posts, &n, &total) != DB_OK ||
        store_projects_list(r->db, r->a, &projects, &np) != DB_OK ||
        store_meetings_planned(r->db, r->a, today_ymd(r), 2, &meetings, &nm) != DB_OK ||
        store_activities_list(r->db, r->a, -1, &acts, &na) != DB_OK)
        return page_fail(r, "home");
    page_begin(r, T(r, "home.title"));
    html(r, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", T(r, "home.heading"), T(r, "home.lead"));
    int64_t youth = youth_this_year(r, acts, na);
    for (size_t k = 0; k < np; k++)
        if (project_call_open(&projects[k], today_ymd(r))) call_entry(r, &projects[k], youth);

    html_raw(r, "<div class=\"cards\">\n");
    if (nm) {
        const struct meeting *m = &meetings[0];
        html(r, "<section class=\"card\" aria-labelledby=\"moten\">\n<h2 id=\"moten\">%s</h2>\n"
                "<p><a href=\"/moten/%lld\">%s</a></p>\n<p class=\"meta\">%s, <span class=\"nowrap\">%s</span></p>\n",
             T(r, "home.next_meeting"), (long long)m->id, meeting_title(r, m), meeting_day(r, m->date),
             fmt_hm_range(r->a, m->start_time, m->end_time));
        if (*m->theme) html(r, "<p>%s: %s</p>\n", T(r, "meeting.theme"), m->theme);
        html(r, "<p><a href=\"/grupper/%s/foresla-tema\">%s</a></p>\n</section>\n", m->group_slug,
             T(r, "group.suggest"));
    }
    size_t shown = 0;
    for (size_t k = 0; k < na && shown < 2; k++) {
        const struct activity *a = &acts[k];
        const char *text = a->results && *a->results ? a->results : a->report;
        if (a->status != ACT_DONE || !text || !*text) continue;
        if (!shown)
            html(r, "<section class=\"card\" aria-labelledby=\"resultat\">\n<h2 id=\"resultat\">%s</h2>\n",
                 T(r, "home.results"));
        shown++;
        html(r, "<h3><a href=\"/aktiviteter/%lld\">%s</a></h3>\n<p>%s</p>\n", (long long)a->id, a->title,
             excerpt(r, text, 160));
    }
    if (shown)
        html(r, "<p><a href=\"/aktiviteter\">%s</a></p>\n</section>\n", T(r, "home.way_activities"));
    events_home_block(r); /* "Kommande evenemang" (web/events/events.c) */
    html_raw(r, "</div>\n");

    html(r, "<section aria-labelledby=\"nytt\">\n<h2 id=\"nytt\">%s</h2>\n<ul class=\"cards\">\n", T(r, "home.latest"));
    for (size_t i = 0; i < n; i++)
        html(r, "<li class=\"card\"><h3><a href=\"/nyheter/%s\">%s</a></h3>\n"
                "<p class=\"meta\"><time datetime=\"%s\">%s</time></p>\n<p>%s</p></li>\n",
             posts[i].slug, posts[i].title, fmt_date_iso(r->a, posts[i].published_at),
             fmt_date(r->a, r->lang, posts[i].published_at), excerpt(r, posts[i].summary, 180));
    html(r, "</ul>\n<p><a href=\"/nyheter\">%s</a></p>\n</section>\n", T(r, "home.all_news"));
    html(r, "<h2>%s</h2>\n<ul class=\"ways\">\n"
            "<li><a href=\"/projekt\">%s</a></li>\n<li><a href=\"/aktiviteter\">%s</a></li>\n"
            "<li><a href=\"/organisationer\">%s</a></li>\n</ul>\n",
         T(r, "home.more"), T(r, "home.way_projects"), T(r, "home.way_activities"), T(r, "home.way_orgs"));
    if (!r->user)
        html(r, "<p>%s <a href=\"/registrera\">%s</a></p>\n", T(r, "home.join"), T(r, "signup.title"));
    page_end(r);
}

const struct route home_routes[] = {
    {M_GET, "/", h_home, 0},
    {0, NULL, NULL, 0},
};
