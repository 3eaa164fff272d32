/* Information pages (the accessibility statement, how personal data is
 * handled), written in Markdown under content/<lang>/, and the language
 * switch. */
#include <string.h>

#include "view/markdown.h"
#include "util/embedded.h"
#include "util/text.h"
#include "web/pages.h"

/* Renders content/<lang>/<name>.md; its first line "# Title" is the title. */
static void content_page(req *r, const char *name)
{
    const struct embedded_file *f =
        embedded_find(arena_printf(r->a, "content/%s/%s.md", lang_code(r->lang), name));
    if (!f) f = embedded_find(arena_printf(r->a, "content/sv/%s.md", name));
    if (!f) return page_error(r, 404);
    const char *md = (const char *)f->data;
    const char *title = name;
    if (starts_with(md, "# ")) {
        size_t n = strcspn(md + 2, "\n");
        title = arena_strndup(r->a, md + 2, n);
    }
    char *body = markdown_to_html(r->a, md);
    if (!body) return page_fail(r, "content");
    page_begin(r, title);
    html_raw(r, "<div class=\"prose\">\n");
    html_raw(r, body); /* our own Markdown, through cmark's safe mode */
    html_raw(r, "</div>\n");
    page_end(r);
}

static void h_a11y(req *r)
{
    content_page(r, "tillganglighet");
}

static void h_privacy(req *r)
{
    content_page(r, "integritet");
}

static void h_lang(req *r)
{
    const char *code = r->params[0];
    if (strcmp(code, "sv") != 0 && strcmp(code, "en") != 0) return page_error(r, 404);
    resp_cookie(r, "lang", code, 365L * 24 * 3600);
    const char *back = req_query(r, "tillbaka");
    resp_redirect(r, is_local_path(back) ? back : "/");
}

const struct route info_routes[] = {
    {M_GET, "/tillganglighet", h_a11y, 0},
    {M_GET, "/integritet", h_privacy, 0},
    {M_GET, "/sprak/*", h_lang, 0},
    {0, NULL, NULL, 0},
};
