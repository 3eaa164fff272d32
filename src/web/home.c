/* The front page: what samskap is, the latest news, ways in. */
#include "store/store.h"
#include "view/format.h"
#include "web/pages.h"

static void h_home(req *r)
{
    struct post *posts = NULL;
    size_t n = 0;
    int64_t total = 0;
    if (store_posts_published(r->db, r->a, 0, 3, false, &posts, &n, &total) != DB_OK)
        return page_fail(r, "home");
    page_begin(r, T(r, "home.title"));
    html(r, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", T(r, "home.heading"), T(r, "home.lead"));
    html(r, "<ul class=\"ways\">\n"
            "<li><a href=\"/nyheter\">%s</a></li>\n"
            "<li><a href=\"/organisationer\">%s</a></li>\n"
            "</ul>\n",
         T(r, "home.way_news"), T(r, "home.way_orgs"));
    html(r, "<h2>%s</h2>\n<ul class=\"cards\">\n", T(r, "home.latest"));
    for (size_t i = 0; i < n; i++)
        html(r, "<li class=\"card\"><h3><a href=\"/nyheter/%s\">%s</a></h3>\n"
                "<p class=\"meta\"><time datetime=\"%s\">%s</time></p>\n<p>%s</p></li>\n",
             posts[i].slug, posts[i].title, fmt_date_iso(r->a, posts[i].published_at),
             fmt_date(r->a, r->lang, posts[i].published_at), posts[i].summary);
    html(r, "</ul>\n<p><a href=\"/nyheter\">%s</a></p>\n", T(r, "home.all_news"));
    if (!r->user)
        html(r, "<p>%s <a href=\"/registrera\">%s</a></p>\n", T(r, "home.join"),
             T(r, "signup.title"));
    page_end(r);
}

const struct route home_routes[] = {
    {M_GET, "/", h_home, 0},
    {0, NULL, NULL, 0},
};
