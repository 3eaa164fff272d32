/* Text people wrote — titles, descriptions, decisions, minutes, posts,
 * comments — is Swedish whatever language the interface is in; on a page
 * in another language its element says so (WCAG 3.1.2, language of parts). */
#include "view/html.h"
#include "web/pages.h"

const char *sv_attr(req *r)
{
    return r->lang == LANG_SV ? "" : " lang=\"sv\"";
}

void user_paragraphs(req *r, buf *b, const char *text)
{
    bool mark = r->lang != LANG_SV && text && *text;
    if (mark) html_buf_raw(b, "<div lang=\"sv\">\n");
    html_paragraphs(b, text);
    if (mark) html_buf_raw(b, "</div>\n");
}
