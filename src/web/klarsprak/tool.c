/* The readability tool (/klarsprak/las): paste a text, get its figures,
 * the text with long sentences, long words and officialese marked, the
 * plainer words to try, and what the figures cannot say.  Open to
 * everyone; nothing is stored. */
#include <string.h>

#include "domain/review.h"
#include "web/klarsprak/klarsprak.h"

static void tool_page(req *r, const struct form *f, const char *text, bool measured)
{
    r->sheet = "klarsprak";
    page_begin(r, T(r, "klarsprak.tool_title"));
    const char *crumbs[] = {"/klarsprak", T(r, "klarsprak.title"), NULL, T(r, "klarsprak.tool_title")};
    page_crumbs(r, crumbs, 4);
    html(r, "<h1>%s</h1>\n<p>%s</p>\n", T(r, "klarsprak.tool_title"), T(r, "klarsprak.tool_intro"));
    form_summary(r, f);
    form_open(r, "/klarsprak/las", false);
    field_textarea(r, f, &(struct field){.name = "text", .label = "klarsprak.text_label",
                                         .hint = "klarsprak.tool_hint", .value = text, .rows = 10,
                                         .flags = F_REQUIRED | F_MULTILINE});
    form_submit(r, "klarsprak.measure");
    form_close(r);
    if (measured) {
        struct readability m;
        readability_measure(r->a, text, strlen(text), &m);
        struct officialese_hit *hits;
        size_t nh;
        officialese_find(r->a, text, &m, ks_officialese(r), &hits, &nh);
        html(r, "<h2 id=\"siffror\">%s</h2>\n", T(r, "klarsprak.figures"));
        ks_figures(r, &m, NULL);
        ks_explain(r);
        html(r, "<h2 id=\"texten\">%s</h2>\n<p class=\"hint\">%s</p>\n", T(r, "klarsprak.marked"),
             T(r, "klarsprak.marked_legend"));
        ks_marked_text(r, text, &m, hits, nh, true);
        ks_officialese_list(r, text, &m, hits, nh);
    }
    page_end(r);
}

static void h_form(req *r)
{
    struct form f;
    form_init(&f, r);
    tool_page(r, &f, "", false);
}

static void h_measure(req *r)
{
    struct form f;
    form_init(&f, r);
    const char *text = form_text(&f, "text", REVIEW_TOOL_MAX, F_REQUIRED | F_MULTILINE);
    if (!form_ok(&f)) {
        r->status = 400;
        return tool_page(r, &f, text, false);
    }
    tool_page(r, &f, text, true);
}

const struct route ks_tool_routes[] = {
    {M_GET, "/klarsprak/las", h_form, 0},
    {M_POST, "/klarsprak/las", h_measure, 0},
    {0, NULL, NULL, 0},
};
