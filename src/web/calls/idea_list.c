/* A project's public list of test ideas (paginated, filtered by status)
 * and "my ideas". */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "domain/money.h"
#include "store/store.h"
#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/calls/calls.h"
#include "web/notify.h"
#include "web/pages.h"


static void h_list(req *r)
{
    struct project *p = load_project(r, r->params[0]);
    if (!p) return;
    const char *sf = NULL;
    if (!query_text(r, "status", 30, &sf)) return page_message(r, 400, "error.400.title", "err.filter");
    int status = sf && *sf ? idea_status_from_name(sf) : -1;
    if ((sf && *sf && status < 0) || status == IDEA_DRAFT)
        return page_message(r, 400, "error.400.title", "err.filter");
    int64_t page, total = 0;
    if (!req_page(r, &page)) return page_message(r, 400, "error.400.title", "err.page_number");
    struct idea *list = NULL;
    size_t n = 0;
    if (store_ideas_list(r->db, r->a, p->id, status, (page - 1) * IDEAS_PER_PAGE, IDEAS_PER_PAGE,
                         &list, &n, &total) != DB_OK)
        return page_fail(r, "ideas");
    if (n == 0 && page > 1) return page_error(r, 404);
    page_begin(r, arena_printf(r->a, "%s – %s", T(r, "ideas.title"), p->title));
    const char *crumbs[] = {"/projekt", T(r, "projects.title"),
                            arena_printf(r->a, "/projekt/%s", p->slug), p->title, NULL,
                            T(r, "ideas.title")};
    page_crumbs(r, crumbs, 6);
    html(r, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", T(r, "ideas.title"), p->title);
    html(r, "<form method=\"get\" action=\"/projekt/%s/ideer\" class=\"filters\">\n"
            "<div class=\"field\"><label for=\"f-status\">%s</label>\n<select id=\"f-status\" "
            "name=\"status\">\n<option value=\"\">%s</option>\n",
         p->slug, T(r, "ideas.filter_status"), T(r, "ideas.all_statuses"));
    for (int s = IDEA_SUBMITTED; s < IDEA_STATUS_COUNT; s++)
        html(r, "<option value=\"%s\"%s>%s</option>\n", idea_status_name((enum idea_status)s),
             s == status ? " selected" : "", idea_status_label(r, (enum idea_status)s));
    html(r, "</select></div>\n<button type=\"submit\">%s</button>\n</form>\n", T(r, "orgs.filter"));
    html(r, "<p class=\"count\" role=\"status\">%s %lld</p>\n", T(r, "ideas.count"), (long long)total);
    if (n) {
        table_open(r, T(r, "ideas.title"), "ideas");
        html(r, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                "<th scope=\"col\" class=\"num\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "idea.title_label"), T(r, "idea.by"), T(r, "idea.status_label"),
             T(r, "ledger.asked"), T(r, "ledger.granted"));
        for (size_t k = 0; k < n; k++) {
            const struct idea *i = &list[k];
            html(r, "<tr><td><a href=\"/ideer/%lld\">%s</a></td><td>%s</td><td><strong class=\"tag tag-%s\">%s</strong></td>"
                    "<td class=\"num\">%s</td><td class=\"num\">%s</td></tr>\n",
                 (long long)i->id, i->title, idea_by_line(r, i), status_tone(idea_status_name(i->status)),
                 idea_status_label(r, i->status),
                 fmt_money(r->a, i->asked_total), fmt_money(r->a, i->granted_total));
        }
        html_raw(r, "</tbody>\n");
        table_close(r);
    } else {
        html(r, "<p>%s</p>\n", T(r, "ideas.none"));
    }
    const char *base = status >= 0 ? arena_printf(r->a, "/projekt/%s/ideer?status=%s&amp;", p->slug,
                                                  idea_status_name((enum idea_status)status))
                                   : NULL;
    if (base) {
        /* page_pager writes base?sida=N; with a filter we need base&sida=N */
        int64_t pages = (total + IDEAS_PER_PAGE - 1) / IDEAS_PER_PAGE;
        if (pages > 1) {
            html(r, "<nav class=\"pager\" aria-label=\"%s\">\n<ul>\n", T(r, "pager.label"));
            if (page > 1)
                html(r, "<li><a href=\"/projekt/%s/ideer?status=%s&amp;sida=%lld\" rel=\"prev\">%s</a></li>\n",
                     p->slug, sf, (long long)(page - 1), T(r, "pager.prev"));
            html(r, "<li>%s %lld %s %lld</li>\n", T(r, "pager.page"), (long long)page,
                 T(r, "pager.of"), (long long)pages);
            if (page < pages)
                html(r, "<li><a href=\"/projekt/%s/ideer?status=%s&amp;sida=%lld\" rel=\"next\">%s</a></li>\n",
                     p->slug, sf, (long long)(page + 1), T(r, "pager.next"));
            html_raw(r, "</ul>\n</nav>\n");
        }
    } else {
        page_pager(r, arena_printf(r->a, "/projekt/%s/ideer", p->slug), page, total, IDEAS_PER_PAGE);
    }
    page_end(r);
}

static void h_mine(req *r)
{
    struct idea *list = NULL;
    size_t n = 0;
    if (store_ideas_of_user(r->db, r->a, r->user->id, &list, &n) != DB_OK) return page_fail(r, "my ideas");
    page_begin(r, T(r, "ideas.mine"));
    html(r, "<h1>%s</h1>\n", T(r, "ideas.mine"));
    if (!n) html(r, "<p>%s <a href=\"/projekt\">%s</a></p>\n", T(r, "ideas.mine_none"), T(r, "projects.title"));
    else html_raw(r, "<ul class=\"cards\">\n");
    for (size_t k = 0; k < n; k++)
        html(r, "<li class=\"card\"><h2><a href=\"/ideer/%lld\">%s</a></h2>\n"
                "<p class=\"meta\"><strong class=\"tag tag-%s\">%s</strong> · %s · %s</p></li>\n",
             (long long)list[k].id, list[k].title, status_tone(idea_status_name(list[k].status)), idea_status_label(r, list[k].status),
             list[k].project_title, fmt_date(r->a, r->lang, list[k].updated_at));
    if (n) html_raw(r, "</ul>\n");
    page_end(r);
}


const struct route idea_list_routes[] = {
    {M_GET, "/projekt/*/ideer", h_list, 0},
    {M_GET, "/mina-ideer", h_mine, R_AUTH},
    {0, NULL, NULL, 0},
};
