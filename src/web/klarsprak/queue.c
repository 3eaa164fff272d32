/* What waits for review (/klarsprak/granska): for reviewers every text
 * sent to the group, the open ones first, with their deadlines; for an
 * author the texts they sent.  The reviewers' landing page (also from
 * /redaktion). */
#include <stdlib.h>
#include <string.h>

#include "view/format.h"
#include "web/dates.h"
#include "web/klarsprak/klarsprak.h"

/* Open texts by deadline, the most urgent first. */
static int by_deadline(const void *a, const void *b)
{
    const struct review *x = a, *y = b;
    int c = strcmp(x->deadline, y->deadline);
    return c ? c : (x->id < y->id ? -1 : x->id > y->id);
}

static void list(req *r, const struct review *l, size_t n, bool open)
{
    const char *today = today_ymd(r);
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        if ((l[i].approved_at == 0) != open) continue;
        if (!shown++) html_raw(r, "<ul class=\"cards\">\n");
        html(r, "<li class=\"card\">\n<h3><a href=\"%s\">%s</a></h3>\n<p class=\"meta\">%s · %s · %s %s</p>\n",
             ks_link(r, l[i].id), l[i].title, ks_kind_label(r, l[i].kind), l[i].author_name,
             T(r, "klarsprak.by_date"), fmt_ymd(r->a, r->lang, l[i].deadline));
        html(r, "<p>%s %lld · %s: %lld · %s: %lld</p>\n", T(r, "klarsprak.version"),
             (long long)l[i].latest_version, T(r, "klarsprak.comments"), (long long)l[i].comments,
             T(r, "klarsprak.verdicts_latest"), (long long)l[i].verdicts_latest);
        if (open && strcmp(l[i].deadline, today) < 0)
            html(r, "<p><strong class=\"tag tag-warn\">%s</strong></p>\n", T(r, "klarsprak.late"));
        if (l[i].approved_at)
            html(r, "<p><strong class=\"tag tag-ok\">%s %s</strong></p>\n", T(r, "klarsprak.state_approved"),
                 fmt_date(r->a, r->lang, l[i].approved_at));
        html_raw(r, "</li>\n");
    }
    if (shown) html_raw(r, "</ul>\n");
    else html(r, "<p>%s</p>\n", T(r, open ? "klarsprak.none_open" : "klarsprak.none_done"));
}

static void h_queue(req *r)
{
    bool reviewer = ks_is_reviewer(r) || user_has(r->user, ROLE_KOMMUNIKATOR) || user_has(r->user, ROLE_ADMIN);
    if (!reviewer && !ks_may_send(r)) return page_error(r, 403);
    struct review *l = NULL;
    size_t n = 0;
    if (store_reviews_list(r->db, r->a, reviewer ? 0 : r->user->id, &l, &n) != DB_OK)
        return page_fail(r, "review queue");
    r->sheet = "klarsprak";
    page_begin(r, T(r, "klarsprak.queue_title"));
    const char *crumbs[] = {"/klarsprak", T(r, "klarsprak.title"), NULL, T(r, "klarsprak.queue_title")};
    page_crumbs(r, crumbs, 4);
    html(r, "<h1>%s</h1>\n<p>%s</p>\n", T(r, "klarsprak.queue_title"),
         T(r, ks_is_reviewer(r) ? "klarsprak.queue_intro_reviewer" : "klarsprak.queue_intro_author"));
    html_raw(r, "<p class=\"buttons\">");
    if (ks_may_send(r)) html(r, "<a class=\"button\" href=\"/klarsprak/skicka\">%s</a> ", T(r, "klarsprak.send_title"));
    html(r, "<a href=\"/klarsprak/las\">%s</a></p>\n", T(r, "klarsprak.tool_title"));
    struct review *sorted = arena_alloc(r->a, (n ? n : 1) * sizeof *sorted);
    if (n) memcpy(sorted, l, n * sizeof *l);
    qsort(sorted, n, sizeof *sorted, by_deadline);
    html(r, "<h2>%s</h2>\n", T(r, "klarsprak.open"));
    list(r, sorted, n, true);
    html(r, "<h2>%s</h2>\n", T(r, "klarsprak.done"));
    list(r, l, n, false);
    page_end(r);
}

const struct route ks_queue_routes[] = {
    {M_GET, "/klarsprak/granska", h_queue, R_AUTH},
    {0, NULL, NULL, 0},
};
