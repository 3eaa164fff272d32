/* With JavaScript, a reviewer comments on a passage by selecting it:
 * selecting words in a paragraph of the text fills the comment form's
 * paragraph number and quote (/klarsprak/markera.js, loaded by the review
 * page for reviewers).  Without JavaScript the form is filled by hand; the
 * server checks the quote either way.  The quote is the selection without
 * the page's own annotations (the suggested words, the long-sentence
 * notes, the paragraph numbers and the words for screen readers), so it is
 * the text as written. */
#include <string.h>

#include "web/klarsprak/klarsprak.h"

static const char JS[] =
    "(function () {\n"
    "  var stycke = document.getElementById('f-stycke');\n"
    "  var citat = document.getElementById('f-citat');\n"
    "  if (!stycke || !citat) return;\n"
    "  function par(node) {\n"
    "    var el = node && (node.nodeType === 1 ? node : node.parentElement);\n"
    "    return el && el.closest('.ks-text > li');\n"
    "  }\n"
    "  document.addEventListener('selectionchange', function () {\n"
    "    var s = document.getSelection();\n"
    "    if (!s || s.isCollapsed || !s.rangeCount) return;\n"
    "    var li = par(s.anchorNode);\n"
    "    if (!li || li !== par(s.focusNode)) return;\n"
    "    var frag = s.getRangeAt(0).cloneContents();\n"
    "    frag.querySelectorAll('.ks-alt, .ks-ls-note, .ks-num, .visually-hidden').forEach(function (e) { e.remove(); });\n"
    "    var text = frag.textContent.replace(/\\s+/g, ' ').trim();\n"
    "    if (!text || text.length > 500) return;\n"
    "    stycke.value = li.id.replace('stycke-', '');\n"
    "    citat.value = text;\n"
    "  });\n"
    "})();\n";

static void h_js(req *r)
{
    r->cacheable = true;
    r->mime = "text/javascript; charset=utf-8";
    resp_header(r, "Cache-Control", "public, max-age=3600");
    buf_add(&r->body, JS, sizeof JS - 1);
}

const struct route ks_select_js_routes[] = {
    {M_GET, "/klarsprak/markera.js", h_js, 0},
    {0, NULL, NULL, 0},
};
