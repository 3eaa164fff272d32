/* Markdown, rendered by cmark with its safe defaults, and read back as the
 * text a reader sees (for the personal identity number check and for
 * summaries).  The only file that calls cmark. */
#include "view/markdown.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

char *markdown_to_html(arena *a, const char *md)
{
    char *out = cmark_markdown_to_html(md, strlen(md), CMARK_OPT_DEFAULT);
    if (!out) return NULL;
    /* cmark decodes &#8; and &#xFFFE; into bytes no XML reader accepts */
    char *copy = text_xml_safe(a, out);
    free(out);
    return copy;
}

/* Collects the literal text under node into b, up to max bytes. */
static void collect_text(cmark_node *node, buf *b, size_t max)
{
    cmark_iter *it = cmark_iter_new(node);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE && b->len < max) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER) continue;
        cmark_node_type t = cmark_node_get_type(n);
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) buf_puts(b, cmark_node_get_literal(n));
        else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) buf_putc(b, ' ');
    }
    cmark_iter_free(it);
}

/* Turns tabs into spaces and each run of spaces into one, in place: a
 * browser shows them so, and the personal identity number check must read
 * "811218  9876" as the page shows it. */
static void squeeze_spaces(char *s)
{
    size_t w = 0;
    for (size_t r = 0; s[r]; r++) {
        char c = s[r] == '\t' ? ' ' : s[r];
        if (c != ' ' || w == 0 || s[w - 1] != ' ') s[w++] = c;
    }
    s[w] = '\0';
}

char *markdown_plain(arena *a, const char *md)
{
    cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
    buf b = {0};
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        if (ev == CMARK_EVENT_EXIT && t >= CMARK_NODE_FIRST_BLOCK && t <= CMARK_NODE_LAST_BLOCK)
            buf_putc(&b, '\n');
        if (ev != CMARK_EVENT_ENTER) continue;
        /* raw HTML is left out of the page, so it is left out here too:
         * "8112<b>18-9876" reads as one number */
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE || t == CMARK_NODE_CODE_BLOCK)
            buf_puts(&b, cmark_node_get_literal(n));
        else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
            buf_putc(&b, ' ');
        else if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE)
            buf_printf(&b, " %s ", cmark_node_get_url(n));
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
    char *out = arena_strdup(a, buf_cstr(&b));
    squeeze_spaces(out);
    buf_free(&b);
    return out;
}

char *markdown_summary(arena *a, const char *md, size_t max_chars)
{
    cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
    buf b = {0};
    for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
        if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH) {
            collect_text(n, &b, max_chars * 4 + 8);
            break;
        }
    }
    cmark_node_free(doc);
    /* tidy spaces so the cut point and the text are as a reader sees them */
    char *s = arena_strdup(a, buf_cstr(&b));
    squeeze_spaces(s);
    if (*s == ' ') s++;
    size_t w = strlen(s);
    while (w > 0 && s[w - 1] == ' ') s[--w] = '\0';
    /* cut at a character boundary, then at a word boundary */
    size_t chars = 0, i = 0, cut = 0;
    while (s[i] && chars < max_chars) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) chars++;
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80) i++;
        if (s[i] == ' ') cut = i;
    }
    char *out;
    if (!s[i]) out = arena_strdup(a, s);
    else out = arena_printf(a, "%.*s…", (int)(cut ? cut : i), s);
    buf_free(&b);
    return text_xml_safe(a, out);
}
