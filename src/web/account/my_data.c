/* "Ladda ner allt vi har sparat om dig": everything stored about the
 * signed-in person (GDPR art. 15 and 20), as a readable page that says
 * what each part is, why it is kept and for how long
 * (/konto/mina-uppgifter), and as one JSON file with the same parts
 * (/konto/mina-uppgifter.json).  The parts come from store_person_export
 * (store/export.h); docs/DESIGN.md, "What we store about a person", lists
 * every column behind them.  Receipt files are not embedded: each claim
 * carries the receipt's name, type and size and a link to download it. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/action.h"
#include "web/pages.h"
#include "web/site.h"

/* What the pages say about a part is the same for everyone: its title,
 * and its heading and explanations (the locale family export.<key>.title
 * / .what / .why / .keep) rendered as HTML and as the JSON members "vad",
 * "varfor" and "hur_lange".  Each language's are rendered once, kept by
 * the part's place in store_person_export's order: doing it on every
 * request (ninety locale texts looked up and escaped) was a fifth of both
 * pages' CPU.  Locale texts are loaded once at start (main.c) and never
 * change. */
struct part_texts {
    const char *title;
    const char *html; /* <section …><h2>…</h2><dl class="facts">…</dl> */
    const char *json; /* the members, each after its comma and indentation */
    bool json_any;    /* json holds a member */
};

static struct {
    struct part_texts *parts; /* store_export_part_count() of them */
    const char *none_html;    /* an empty part's text and the section's end */
} texts[LANG_COUNT];
static pthread_once_t texts_once = PTHREAD_ONCE_INIT;

/* The locale text export.<part>.<what>; the key itself when it is missing
 * (tests/lint/i18n.sh and the export test catch that). */
static const char *part_text(enum lang lang, const char *part, const char *what)
{
    char key[128];
    snprintf(key, sizeof key, "export.%s.%s", part, what);
    return i18n_get(lang, key);
}

static void j_member_str(buf *b, int depth, bool *any, const char *key, const char *v);

static void part_texts_make(enum lang lang, const char *part, struct part_texts *t)
{
    const char *what = part_text(lang, part, "what"), *why = part_text(lang, part, "why"),
               *keep = part_text(lang, part, "keep");
    t->title = part_text(lang, part, "title");
    buf html = {0}, json = {0};
    html_fmt(&html, "<section aria-labelledby=\"del-%s\">\n<h2 id=\"del-%s\">%s</h2>\n"
                    "<dl class=\"facts\">\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s</dd>\n"
                    "<dt>%s</dt><dd>%s</dd>\n</dl>\n",
             part, part, t->title, i18n_get(lang, "export.what"), what, i18n_get(lang, "export.why"), why,
             i18n_get(lang, "export.keep"), keep);
    t->json_any = false;
    j_member_str(&json, 3, &t->json_any, "vad", what);
    j_member_str(&json, 3, &t->json_any, "varfor", why);
    j_member_str(&json, 3, &t->json_any, "hur_lange", keep);
    t->html = buf_detach(&html);
    t->json = buf_detach(&json);
}

static void texts_make(void)
{
    size_t n = store_export_part_count();
    for (int l = 0; l < LANG_COUNT; l++) {
        texts[l].parts = xcalloc(n, sizeof *texts[l].parts);
        for (size_t i = 0; i < n; i++)
            part_texts_make((enum lang)l, store_export_part_key(i), &texts[l].parts[i]);
        buf none = {0};
        html_fmt(&none, "<p class=\"muted\">%s</p>\n</section>\n", i18n_get((enum lang)l, "export.none"));
        texts[l].none_html = buf_detach(&none);
    }
}

/* The texts of parts[i] of store_person_export. */
static const struct part_texts *texts_of(req *r, size_t i)
{
    pthread_once(&texts_once, texts_make);
    return &texts[r->lang].parts[i];
}

static const char *cell(req *r, const struct export_col *col, const char *v)
{
    if (!v || !col->time) return v;
    char *end;
    long long t = strtoll(v, &end, 10);
    if (*end || t <= 0) return v;
    return fmt_datetime(r->a, r->lang, t);
}

static const char *receipt_link(req *r, const struct export_part *p, size_t row)
{
    if (strcmp(p->key, "utlagg") != 0) return NULL;
    return arena_printf(r->a, "/utlagg/%s/kvitto", p->cells[row * p->ncols]);
}

static bool load(req *r, struct export_part **parts, size_t *n)
{
    if (store_person_export(r->db, r->a, r->user->id, r->user->email, parts, n) == DB_OK)
        return true;
    page_fail(r, "export");
    return false;
}

/* ---- JSON, written as jansson's json_dumps(JSON_INDENT(2)) wrote it ----
 * Straight into the body: building a jansson tree of every cell and
 * dumping it was two thirds of the export's time.  A string that is not
 * UTF-8 leaves its member (or array element) out, as json_string's NULL
 * did; keys are our own ASCII names. */

/* A newline and two spaces per level, as one copy (depth is at most 5). */
static void j_newline(buf *b, int depth)
{
    static const char nl[] = "\n                ";
    buf_add(b, nl, 1 + 2 * (size_t)depth);
}

/* Before each element of a container at depth - 1: the comma and the
 * indentation; *any tells whether the container has one yet. */
static void j_item(buf *b, int depth, bool *any)
{
    if (*any) buf_putc(b, ',');
    *any = true;
    j_newline(b, depth);
}

static void j_close(buf *b, int depth, bool any, char c)
{
    if (any) j_newline(b, depth);
    buf_putc(b, c);
}

/* Each byte's class in a JSON string: 0 copied as it is, 1 escaped
 * (controls, '"', '\\'), 2 the start of a UTF-8 sequence to check.
 * A table, not strcspn: glibc's strcspn with a set this long takes its
 * slow path, a tenth of this page's CPU. */
static const unsigned char j_class[256] = {
    [0 ... 0x1F] = 1, ['"'] = 1, ['\\'] = 1, [0x80 ... 0xFF] = 2,
};

/* True when all 8 bytes at p are of class 0: no high bit, none below
 * 0x20, no '"' or '\\'. */
static bool j_plain8(const char *p)
{
    uint64_t v = word8_load(p);
    return ((v & WORD8_HIGHS) | word8_below(v, 0x20) | word8_eq(v, '"') | word8_eq(v, '\\')) == 0;
}

static void j_escape(buf *b, unsigned char c)
{
    switch (c) {
    case '"': buf_add(b, "\\\"", 2); break;
    case '\\': buf_add(b, "\\\\", 2); break;
    case '\b': buf_add(b, "\\b", 2); break;
    case '\f': buf_add(b, "\\f", 2); break;
    case '\n': buf_add(b, "\\n", 2); break;
    case '\r': buf_add(b, "\\r", 2); break;
    case '\t': buf_add(b, "\\t", 2); break;
    default: buf_printf(b, "\\u%04X", c);
    }
}

/* s as a JSON string, checked for UTF-8 in the same pass (8 plain bytes
 * at a time); false, with part of it written for the caller to take
 * back, when it is not UTF-8. */
static bool j_str(buf *b, const char *s)
{
    size_t n = strlen(s), i = 0, from = 0;
    buf_reserve(b, n + 2);
    buf_putc(b, '"');
    for (;;) {
        while (n - i >= 8 && j_plain8(s + i)) i += 8;
        while (i < n && !j_class[(unsigned char)s[i]]) i++; /* to the byte that stopped it */
        if (i >= n) break;
        unsigned char c = (unsigned char)s[i];
        if (j_class[c] == 2) {
            size_t len = utf8_seq(s + i, n - i);
            if (!len) return false;
            i += len;
        } else {
            buf_add(b, s + from, i - from);
            j_escape(b, c);
            from = ++i;
        }
    }
    buf_add(b, s + from, n - from);
    buf_putc(b, '"');
    return true;
}

static void j_key(buf *b, int depth, bool *any, const char *key)
{
    j_item(b, depth, any);
    j_str(b, key); /* our own ASCII names */
    buf_add(b, ": ", 2);
}

/* Takes back what was written since len when a string was not UTF-8. */
static void j_undo(buf *b, size_t len, bool *any, bool was)
{
    b->len = len;
    if (b->data) b->data[len] = '\0';
    *any = was;
}

/* "key": "value", left out when value is NULL or not UTF-8 */
static void j_member_str(buf *b, int depth, bool *any, const char *key, const char *v)
{
    if (!v) return;
    size_t len = b->len;
    bool was = *any;
    j_key(b, depth, any, key);
    if (!j_str(b, v)) j_undo(b, len, any, was);
}

/* An array element "value", left out when it is not UTF-8 */
static void j_element_str(buf *b, int depth, bool *any, const char *v)
{
    size_t len = b->len;
    bool was = *any;
    j_item(b, depth, any);
    if (!j_str(b, v)) j_undo(b, len, any, was);
}

static void j_part(req *r, buf *b, const struct export_part *p, const struct part_texts *t)
{
    bool any = t->json_any;
    buf_putc(b, '{');
    buf_puts(b, t->json);
    j_member_str(b, 3, &any, "tabell", p->table);
    j_key(b, 3, &any, "rader");
    bool rows = false;
    buf_putc(b, '[');
    for (size_t j = 0; j < p->nrows; j++) {
        j_item(b, 4, &rows);
        bool cols = false;
        buf_putc(b, '{');
        for (size_t c = 0; c < p->ncols; c++) {
            const char *v = p->cells[j * p->ncols + c];
            const char *col = p->cols[c].name;
            if (!v) {
                j_key(b, 5, &cols, col);
                buf_add(b, "null", 4);
            } else if (p->cols[c].time) {
                j_member_str(b, 5, &cols, col, fmt_rfc3339(r->a, strtoll(v, NULL, 10)));
            } else {
                j_member_str(b, 5, &cols, col, v);
            }
        }
        const char *link = receipt_link(r, p, j);
        if (link) j_member_str(b, 5, &cols, "kvitto_lank", arena_printf(r->a, "%s%s", site_base_url(), link));
        j_close(b, 4, cols, '}');
    }
    j_close(b, 3, rows, ']');
    j_close(b, 2, any, '}');
}

static void h_json(req *r)
{
    struct export_part *parts;
    size_t n;
    struct org *orgs = NULL;
    size_t norgs = 0;
    if (store_user_orgs(r->db, r->a, r->user->id, &orgs, &norgs) != DB_OK)
        return page_fail(r, "export");
    if (!load(r, &parts, &n)) return;
    buf *b = &r->body;
    bool any = false;
    buf_putc(b, '{');
    j_member_str(b, 1, &any, "namn", r->user->name);
    j_member_str(b, 1, &any, "epost", r->user->email);
    j_member_str(b, 1, &any, "skapad", fmt_rfc3339(r->a, r->user->created_at));
    if (r->user->birth_year) {
        j_key(b, 1, &any, "fodelsear");
        buf_printf(b, "%lld", (long long)r->user->birth_year);
    }
    bool items = false;
    j_key(b, 1, &any, "roller");
    buf_putc(b, '[');
    for (int i = 0; i < ROLE_COUNT; i++) {
        if (user_has(r->user, (enum role)i)) j_element_str(b, 2, &items, role_name((enum role)i));
    }
    j_close(b, 1, items, ']');
    items = false;
    j_key(b, 1, &any, "organisationer");
    buf_putc(b, '[');
    for (size_t i = 0; i < norgs; i++)
        if (orgs[i].name) j_element_str(b, 2, &items, orgs[i].name);
    j_close(b, 1, items, ']');
    j_member_str(b, 1, &any, "uttaget", fmt_rfc3339(r->a, r->now));
    j_member_str(b, 1, &any, "om", T(r, "export.about_json"));
    items = false;
    j_key(b, 1, &any, "delar");
    buf_putc(b, '{');
    for (size_t i = 0; i < n; i++) {
        j_key(b, 2, &items, parts[i].key);
        j_part(r, b, &parts[i], texts_of(r, i));
    }
    j_close(b, 1, items, '}');
    j_close(b, 0, any, '}');
    buf_putc(b, '\n');
    r->mime = "application/json; charset=utf-8";
    resp_header(r, "Content-Disposition", "attachment; filename=\"mina-uppgifter.json\"");
}

static void part_html(req *r, const struct export_part *p, const struct part_texts *t)
{
    buf_puts(&r->body, t->html);
    if (!p->nrows) {
        buf_puts(&r->body, texts[r->lang].none_html);
        return;
    }
    bool receipts = strcmp(p->key, "utlagg") == 0;
    table_open(r, t->title, NULL);
    html_raw(r, "<thead><tr>");
    for (size_t c = 0; c < p->ncols; c++) html(r, "<th scope=\"col\">%s</th>", p->cols[c].name);
    if (receipts) html(r, "<th scope=\"col\">%s</th>", T(r, "export.receipt"));
    html_raw(r, "</tr></thead>\n<tbody>\n");
    for (size_t j = 0; j < p->nrows; j++) {
        html_raw(r, "<tr>");
        for (size_t c = 0; c < p->ncols; c++) {
            const char *v = cell(r, &p->cols[c], p->cells[j * p->ncols + c]);
            html_raw(r, "<td>"); /* the page's many cells: no format to parse */
            html_escape(&r->body, v ? v : "");
            html_raw(r, "</td>");
        }
        if (receipts)
            html(r, "<td><a href=\"%s\">%s</a></td>", receipt_link(r, p, j), T(r, "export.download"));
        html_raw(r, "</tr>\n");
    }
    html_raw(r, "</tbody>\n");
    table_close(r);
    html_raw(r, "</section>\n");
}

static void h_page(req *r)
{
    struct export_part *parts;
    size_t n;
    if (!load(r, &parts, &n)) return;
    page_begin(r, T(r, "export.title"));
    const char *crumbs[] = {"/konto", T(r, "account.title"), NULL, T(r, "export.title")};
    page_crumbs(r, crumbs, 4);
    html(r, "<h1>%s</h1>\n<p>%s</p>\n<p><a href=\"/konto/mina-uppgifter.json\" download>%s</a></p>\n",
         T(r, "export.title"), T(r, "export.intro"), T(r, "export.json"));
    html(r, "<nav aria-labelledby=\"export-toc\"><h2 id=\"export-toc\">%s</h2>\n<ul>\n",
         T(r, "export.toc"));
    for (size_t i = 0; i < n; i++)
        html(r, "<li><a href=\"#del-%s\">%s</a> (%lld)</li>\n", parts[i].key,
             texts_of(r, i)->title, (long long)parts[i].nrows);
    html_raw(r, "</ul>\n</nav>\n");
    for (size_t i = 0; i < n; i++) part_html(r, &parts[i], texts_of(r, i));
    html(r, "<h2>%s</h2>\n<p>%s</p>\n", T(r, "export.not_linked_title"), T(r, "export.not_linked"));
    page_end(r);
}

static void h_page_get(req *r)
{
    page_in_snapshot(r, h_page); /* one snapshot of all it reads */
}

static void h_json_get(req *r)
{
    page_in_snapshot(r, h_json); /* one snapshot of all it reads */
}

const struct route my_data_routes[] = {
    {M_GET, "/konto/mina-uppgifter", h_page_get, R_AUTH},
    {M_GET, "/konto/mina-uppgifter.json", h_json_get, R_AUTH},
    {0, NULL, NULL, 0},
};
