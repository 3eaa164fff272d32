/* The klarspråk group's own page (/klarsprak), in plain Swedish: who they
 * are (by first name), what they do, what they have reviewed lately and
 * how to send them a text.  Public. */
#include <string.h>

#include "util/embedded.h"
#include "view/format.h"
#include "view/markdown.h"
#include "web/klarsprak/klarsprak.h"

/* The first word of a name: the group is shown by first names. */
static const char *first_name(req *r, const char *name)
{
    size_t n = strcspn(name, " ");
    return arena_strndup(r->a, name, n);
}

static void h_group(req *r)
{
    struct user *people = NULL;
    size_t np = 0;
    struct review *done = NULL;
    size_t nd = 0;
    if (store_users_with_role(r->db, r->a, ROLE_KLARSPRAK, &people, &np) != DB_OK ||
        store_reviews_approved(r->db, r->a, 10, &done, &nd) != DB_OK)
        return page_fail(r, "klarsprak group");
    r->sheet = "klarsprak";
    page_begin(r, T(r, "klarsprak.title"));
    html(r, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", T(r, "klarsprak.title"), T(r, "klarsprak.lead"));
    const struct embedded_file *f =
        embedded_find(arena_printf(r->a, "content/%s/klarsprak.md", lang_code(r->lang)));
    if (!f) f = embedded_find("content/sv/klarsprak.md");
    if (f) {
        const char *h = markdown_to_html(r->a, (const char *)f->data);
        html_raw(r, "<div class=\"prose\">\n");
        if (h) html_raw(r, h); /* our own Markdown, rendered by cmark's safe mode */
        html_raw(r, "</div>\n");
    }
    html(r, "<h2 id=\"vi\">%s</h2>\n", T(r, "klarsprak.who"));
    if (!np) html(r, "<p>%s</p>\n", T(r, "klarsprak.who_none"));
    else {
        html_raw(r, "<ul class=\"ks-people\">\n");
        for (size_t i = 0; i < np; i++) html(r, "<li>%s</li>\n", first_name(r, people[i].name));
        html_raw(r, "</ul>\n");
    }
    html(r, "<h2 id=\"granskat\">%s</h2>\n", T(r, "klarsprak.reviewed"));
    if (!nd) html(r, "<p>%s</p>\n", T(r, "klarsprak.reviewed_none"));
    else {
        html_raw(r, "<ul>\n");
        for (size_t i = 0; i < nd; i++)
            html(r, "<li>%s – %s, %s %s</li>\n", done[i].title, ks_kind_label(r, done[i].kind),
                 T(r, "klarsprak.approved_on"), fmt_date(r->a, r->lang, done[i].approved_at));
        html_raw(r, "</ul>\n");
    }
    /* the latest news with their figures: the seed texts in the demo */
    struct post *posts = NULL;
    size_t npo = 0;
    int64_t total = 0;
    if (store_posts_published(r->db, r->a, 0, 5, true, &posts, &npo, &total) != DB_OK)
        return page_fail(r, "klarsprak group posts");
    if (npo) {
        html(r, "<h2 id=\"nyheter\">%s</h2>\n<p>%s</p>\n<ul>\n", T(r, "klarsprak.news_figures"),
             T(r, "klarsprak.news_figures_intro"));
        for (size_t i = 0; i < npo; i++) {
            const char *plain = markdown_plain(r->a, posts[i].body_md);
            struct readability m;
            readability_measure(r->a, plain, strlen(plain), &m);
            html(r, "<li><a href=\"/nyheter/%s\">%s</a>: LIX %s – %s</li>\n", posts[i].slug, posts[i].title,
                 ks_num(r, m.lix), T(r, lix_band(m.lix)));
        }
        html_raw(r, "</ul>\n");
    }
    html(r, "<h2 id=\"skicka\">%s</h2>\n<p>%s</p>\n", T(r, "klarsprak.how_send"), T(r, "klarsprak.how_send_text"));
    html_raw(r, "<p class=\"buttons\">");
    if (r->user && ks_may_send(r))
        html(r, "<a class=\"button\" href=\"/klarsprak/skicka\">%s</a> ", T(r, "klarsprak.send_title"));
    if (r->user && (ks_is_reviewer(r) || ks_may_send(r)))
        html(r, "<a href=\"/klarsprak/granska\">%s</a> ", T(r, "klarsprak.queue_title"));
    html(r, "<a href=\"/klarsprak/las\">%s</a></p>\n", T(r, "klarsprak.tool_title"));
    page_end(r);
}

const struct route ks_group_routes[] = {
    {M_GET, "/klarsprak", h_group, 0},
    {0, NULL, NULL, 0},
};
