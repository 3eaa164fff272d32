/* The front page: what samskap is, and the whole cycle at a glance —
 * open calls, the next meetings of the development group, the latest news. */
#include "store/store.h"
#include "view/format.h"
#include "web/calls/calls.h"
#include "web/group/group.h"
#include "web/pages.h"

static void h_home(req *r)
{
    struct post *posts = NULL;
    size_t n = 0;
    int64_t total = 0;
    struct project *projects = NULL;
    size_t np = 0;
    struct meeting *meetings = NULL;
    size_t nm = 0;
    if (store_posts_published(r->db, r->a, 0, 3, false, &posts, &n, &total) != DB_OK ||
        store_projects_list(r->db, r->a, &projects, &np) != DB_OK ||
        store_meetings_planned(r->db, r->a, today_ymd(r), 3, &meetings, &nm) != DB_OK)
        return page_fail(r, "home");
    page_begin(r, T(r, "home.title"));
    html(r, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", T(r, "home.heading"), T(r, "home.lead"));
    bool any = false;
    for (size_t k = 0; k < np; k++) {
        if (!project_call_open(&projects[k], today_ymd(r))) continue;
        if (!any) html(r, "<section aria-labelledby=\"oppna\">\n<h2 id=\"oppna\">%s</h2>\n<ul class=\"cards\">\n",
                       T(r, "home.open_calls"));
        any = true;
        html(r, "<li class=\"card\"><h3><a href=\"/projekt/%s\">%s</a></h3>\n<p class=\"meta\">%s %s</p>\n"
                "<p>%s</p>\n<p><a class=\"button\" href=\"/projekt/%s/ny-ide\">%s</a></p></li>\n",
             projects[k].slug, projects[k].title, T(r, "home.call_closes"),
             fmt_ymd(r->a, r->lang, projects[k].call_closes), projects[k].summary, projects[k].slug,
             T(r, "idea.new"));
    }
    if (any) html_raw(r, "</ul>\n</section>\n");
    if (nm) {
        html(r, "<section aria-labelledby=\"moten\">\n<h2 id=\"moten\">%s</h2>\n<ul class=\"cards\">\n",
             T(r, "home.meetings"));
        for (size_t k = 0; k < nm; k++)
            html(r, "<li class=\"card\"><h3><a href=\"/moten/%lld\">%s</a></h3>\n<p class=\"meta\">%s, <span class=\"nowrap\">%s</span></p>\n"
                    "<p>%s</p></li>\n",
                 (long long)meetings[k].id, meeting_title(r, &meetings[k]), meeting_day(r, meetings[k].date),
                 fmt_hm_range(r->a, meetings[k].start_time, meetings[k].end_time), meetings[k].theme);
        html(r, "</ul>\n<p><a href=\"/grupper/%s/foresla-tema\">%s</a></p>\n</section>\n",
             meetings[0].group_slug, T(r, "group.suggest"));
    }
    html(r, "<section aria-labelledby=\"nytt\">\n<h2 id=\"nytt\">%s</h2>\n<ul class=\"cards\">\n", T(r, "home.latest"));
    for (size_t i = 0; i < n; i++)
        html(r, "<li class=\"card\"><h3><a href=\"/nyheter/%s\">%s</a></h3>\n"
                "<p class=\"meta\"><time datetime=\"%s\">%s</time></p>\n<p>%s</p></li>\n",
             posts[i].slug, posts[i].title, fmt_date_iso(r->a, posts[i].published_at),
             fmt_date(r->a, r->lang, posts[i].published_at), posts[i].summary);
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
