/* The page frame every HTML page shares: language, skip link, header,
 * navigation, flash message, main landmark and footer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/log.h"
#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/pages.h"

struct nav_item {
    const char *href;
    const char *key;
};

static const struct nav_item nav[] = {
    {"/", "nav.home"},
    {"/evenemang", "nav.events"},
    {"/utbud", "nav.catalogue"},
    {"/projekt", "nav.projects"},
    {"/grupper", "nav.groups"},
    {"/aktiviteter", "nav.activities"},
    {"/nyheter", "nav.posts"},
    {"/organisationer", "nav.orgs"},
    {"/statistik", "nav.stats"},
};

/* What does not fit on the main menu's one line at desktop: reached from
 * every page's footer (and from the pages that mention them). */
static const struct nav_item more[] = {
    {"/inhabithon", "nav.inhabithon"},
    {"/klarsprak", "nav.klarsprak"},
    {"/oppna-data", "nav.open_data"},
};

static bool is_current(const char *path, const char *href)
{
    if (strcmp(href, "/") == 0) return strcmp(path, "/") == 0;
    size_t n = strlen(href);
    return strncmp(path, href, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

static void nav_link(req *r, const char *href, const char *key)
{
    if (is_current(r->path, href))
        html(r, "<li><a href=\"%s\" aria-current=\"page\">%s</a></li>\n", href, T(r, key));
    else
        html(r, "<li><a href=\"%s\">%s</a></li>\n", href, T(r, key));
}

void page_flash_now(req *r, const char *key)
{
    for (size_t i = 0; i < r->cookies.n; i++) {
        if (strcmp(r->cookies.items[i].name, "flash") != 0) continue;
        r->cookies.items[i].value = key;
        r->cookies.items[i].len = strlen(key);
        r->cookies.items[i].ok = true;
        return;
    }
    kv_add(r->a, &r->cookies, "flash", key, strlen(key));
}

/* A flash message (locale key from a cookie we set) shown once. */
static void flash(req *r)
{
    const char *key = req_cookie(r, "flash");
    if (!key || !*key) return;
    for (const char *p = key; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || *p == '.' || *p == '_')) return;
    if (!i18n_has(LANG_SV, key)) return;
    html(r, "<div class=\"flash\" role=\"status\" id=\"meddelande\">%s</div>\n", T(r, key));
    resp_cookie(r, "flash", "", 0);
}

/* The organisation running samskap (LOOK.md: a setting, so another
 * municipality can run it): the setting "org.name", else the environment's
 * SAMSKAP_ORG_NAME, else the locale's "site.org". */
static const char *org_name_or_default(req *r, const char *setting)
{
    if (setting && *setting) return setting;
    const char *e = getenv("SAMSKAP_ORG_NAME");
    if (e && *e && utf8_valid(e, strlen(e))) return e;
    return T(r, "site.org");
}

const char *org_name(req *r)
{
    char *v = NULL;
    if (store_setting_get(r->db, r->a, "org.name", &v) != DB_OK) v = NULL;
    return org_name_or_default(r, v);
}

/* A link in the main navigation with a count beside it (unread
 * notifications; things waiting for moderation): the number shows as a
 * badge, and screen readers hear "3 olästa" (the badge itself is hidden from them).  count 0 writes a plain link;
 * over 99 shows "99+" (store_page_frame counts to PAGE_FRAME_CAP). */
void nav_link_count(req *r, const char *href, const char *key, int64_t count, const char *one_key,
                    const char *many_key)
{
    if (count <= 0) return nav_link(r, href, key);
    /* the counts stop at PAGE_FRAME_CAP: more than 99 is "99+" */
    const char *n = count >= PAGE_FRAME_CAP ? arena_printf(r->a, "%d+", PAGE_FRAME_CAP - 1)
                                            : arena_printf(r->a, "%lld", (long long)count);
    html(r, "<li><a href=\"%s\"%s>%s <span class=\"badge\" aria-hidden=\"true\">%s</span>"
            "<span class=\"visually-hidden\"> %s %s</span></a></li>\n",
         href, is_current(r->path, href) ? " aria-current=\"page\"" : "", T(r, key), n, n,
         T(r, count == 1 ? one_key : many_key));
}

/* The mark: a plain shape in the primary colour (no city mark is shipped;
 * SAMSKAP_ORG_LOGO serves the organisation's own file at /static/logo). */
static void brand(req *r, const char *org)
{
    html_raw(r, "<a class=\"brand\" href=\"/\">");
    if (static_logo_present())
        html_raw(r, "<img src=\"/static/logo\" alt=\"\" width=\"44\" height=\"44\">");
    else
        html_raw(r, "<span class=\"mark\" aria-hidden=\"true\"></span>");
    html(r, "<span><span class=\"name\">%s</span><small>%s</small></span></a>\n", T(r, "site.name"), org);
}

void page_begin(req *r, const char *title)
{
    r->error_summary = NULL; /* one left from a page begun and abandoned */
    r->mime = "text/html; charset=utf-8";
    html(r, "<!doctype html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>%s – %s</title>\n"
            "<link rel=\"stylesheet\" href=\"%s\">\n",
         lang_code(r->lang), title, T(r, "site.name"), static_css_url());
    const char *sheet = r->sheet ? static_sheet_url(r->sheet) : NULL;
    if (sheet) html(r, "<link rel=\"stylesheet\" href=\"%s\">\n", sheet);
    html(r, "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/nyheter.atom\" "
            "title=\"%s\">\n</head>\n<body>\n"
            "<a class=\"skip\" href=\"#innehall\">%s</a>\n"
            "<header class=\"site\">\n",
         T(r, "feed.title"), T(r, "nav.skip"));
    /* everything the frame reads, in one statement */
    bool mod_link = false, mod_comments = false, mod_topics = false;
    if (r->user) mod_link = nav_moderation_wants(r, &mod_comments, &mod_topics);
    struct page_frame fr = {0};
    if (store_page_frame(r->db, r->a, r->user ? r->user->id : 0, mod_comments, mod_topics, &fr) !=
        DB_OK) {
        log_error("page: cannot read the frame's counts (%s)", r->path);
        fr = (struct page_frame){0}; /* the page is still worth showing */
    }
    /* the utility row: the signed-in person's own links */
    html(r, "<nav class=\"utility\" aria-label=\"%s\"><ul class=\"wrap\">\n",
         T(r, r->user ? "nav.personal" : "nav.account_label"));
    if (r->user) {
        nav_link(r, "/mina-ideer", "nav.my_ideas");
        nav_link_count(r, "/aviseringar", "nav.notifications", fr.unread, "nav.unread_one", "nav.unread");
        nav_link(r, "/konto", "nav.account");
        html(r, "<li>");
        button_form(r, "/logga-ut", "nav.logout", NULL, NULL, "inline nav-button");
        html(r, "</li>\n");
    } else {
        nav_link(r, "/logga-in", "nav.login");
    }
    html_raw(r, "</ul></nav>\n<div class=\"wrap masthead\">\n");
    brand(r, org_name_or_default(r, fr.org_name));
    /* the main navigation: one line at desktop; on a phone a disclosure
     * (<details>) that needs no JavaScript */
    html(r, "<details class=\"menu\"><summary>%s</summary>\n<nav aria-label=\"%s\">\n<ul>\n",
         T(r, "nav.menu"), T(r, "nav.label"));
    for (size_t i = 0; i < sizeof nav / sizeof nav[0]; i++) nav_link(r, nav[i].href, nav[i].key);
    if (r->user) {
        /* Nav badges: role links with a count go through nav_link_count
         * (e.g. comments and topic suggestions waiting for moderation). */
        if (user_has(r->user, ROLE_KOORDINATOR)) nav_link(r, "/bedomning", "nav.queue");
        if (mod_link) nav_moderation(r, fr.comments_waiting + fr.suggestions_waiting);
        if (can_manage_users(r->user)) nav_link(r, "/admin", "nav.admin");
    }
    html(r, "</ul>\n</nav>\n</details>\n");
    /* the site-wide search (issue 10): a plain GET form, on every page */
    html(r, "<form class=\"site-search\" method=\"get\" action=\"/sok\" role=\"search\">"
            "<label for=\"sok-huvud\">%s</label>"
            "<input type=\"search\" id=\"sok-huvud\" name=\"q\" maxlength=\"1000\">"
            "<button type=\"submit\">%s</button></form>\n",
         T(r, "search.header_label"), T(r, "search.go"));
    html(r, "</div>\n</header>\n<main id=\"innehall\" tabindex=\"-1\">\n"
            "<div class=\"wrap\">\n");
    flash(r);
}

void page_end(req *r)
{
    form_summary_write(r);
    const char *other = r->lang == LANG_EN ? "sv" : "en";
    html(r, "</div>\n</main>\n<footer class=\"site\">\n<div class=\"wrap\">\n<ul>\n");
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
        html(r, "<li><a href=\"%s\">%s</a></li>\n", more[i].href, T(r, more[i].key));
    html(r, "<li><a href=\"/tillganglighet\">%s</a></li>\n"
            "<li><a href=\"/integritet\">%s</a></li>\n"
            "<li><a href=\"/nyheter.atom\">%s</a></li>\n"
            "<li><a href=\"/sprak/%s?tillbaka=%s\" lang=\"%s\" hreflang=\"%s\">%s</a></li>\n"
            "</ul>\n<p>%s</p>\n</div>\n</footer>\n</body>\n</html>\n",
         T(r, "footer.a11y"), T(r, "footer.privacy"), T(r, "footer.feed"), other,
         url_encode(r->a, r->path), other, other, T(r, "footer.other_language"),
         T(r, "footer.about"));
}

void page_error(req *r, int status)
{
    static const int known[] = {400, 403, 404, 405, 413, 414, 500, 503};
    bool ok = false;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) ok |= known[i] == status;
    if (!ok) status = 500;
    r->status = status;
    r->body.len = 0;
    char title[32], text[32];
    snprintf(title, sizeof title, "error.%d.title", status);
    snprintf(text, sizeof text, "error.%d.text", status);
    page_begin(r, T(r, title));
    html(r, "<h1>%s</h1>\n<p>%s</p>\n<p class=\"muted\">%s %d</p>\n"
            "<p><a href=\"/\">%s</a></p>\n",
         T(r, title), T(r, text), T(r, "error.code"), status, T(r, "error.home"));
    page_end(r);
}

void page_message(req *r, int status, const char *title_key, const char *text_key)
{
    r->status = status;
    r->body.len = 0;
    page_begin(r, T(r, title_key));
    html(r, "<h1>%s</h1>\n<p>%s</p>\n", T(r, title_key), T(r, text_key));
    if (status >= 400) html(r, "<p class=\"muted\">%s %d</p>\n", T(r, "error.code"), status);
    const char *back = req_header(r, "Referer");
    r->uncacheable = true; /* the Referer is not in the page cache's key */
    if (back && is_local_path(strstr(back, "://") ? strchr(strstr(back, "://") + 3, '/') : NULL))
        html(r, "<p><a href=\"%s\">%s</a></p>\n", strchr(strstr(back, "://") + 3, '/'), T(r, "error.back"));
    html(r, "<p><a href=\"/\">%s</a></p>\n", T(r, "error.home"));
    page_end(r);
}

void page_fail(req *r, const char *where)
{
    log_error("%s: store failure for %s", where, r->path);
    page_error(r, 500);
}

/* Where the open table starts in the body (tables do not nest), for
 * table_close to label its cells. */
static _Thread_local size_t table_at;

void table_open(req *r, const char *label, const char *cls)
{
    /* tables of money, activities, budget lines, claims and ideas become
     * stacked cards on a phone; others (wide lists for staff) scroll */
    static const char *const stacked[] = {"budget", "ledger", "claims", "activities", "ideas", "mapping"};
    bool scroll = true;
    for (size_t i = 0; cls && i < sizeof stacked / sizeof stacked[0]; i++)
        if (strstr(cls, stacked[i])) scroll = false;
    /* the stylesheet shows data-hint above a table that scrolls, on a phone */
    if (scroll)
        html(r, "<div class=\"table-wrap scroll\" data-hint=\"%s\" role=\"region\" tabindex=\"0\" aria-label=\"%s\">\n",
             T(r, "table.scrolls"), label);
    else
        html(r, "<div class=\"table-wrap stack\" role=\"region\" tabindex=\"0\" aria-label=\"%s\">\n", label);
    table_at = scroll ? (size_t)-1 : r->body.len;
    html(r, "<table class=\"%s\">\n", cls ? cls : "");
}

/* The text of the cell starting at p (after its start tag) up to its end
 * tag, tags left out: already escaped, so it may stand in an attribute. */
static const char *cell_text(arena *a, const char *p, const char *end)
{
    buf b = {0};
    bool in_tag = false;
    for (; p < end; p++) {
        if (*p == '<') in_tag = true;
        else if (*p == '>') in_tag = false;
        else if (!in_tag && *p != '\n' && *p != '"') buf_add(&b, p, 1);
    }
    const char *text = arena_printf(a, "%s", buf_cstr(&b));
    buf_free(&b);
    return text;
}

/* Each body and footer cell gets (at the end of its start tag) its column's heading as data-label, so
 * that under 600 px the stylesheet shows the table as labelled cards
 * (the table stays a table for screen readers and on wide screens). */
static void label_cells(req *r)
{
    enum { MAXCOL = 16 };
    size_t start = table_at;
    if (start >= r->body.len) return;
    const char *t = r->body.data + start;
    const char *th = strstr(t, "<thead"), *the = th ? strstr(th, "</thead>") : NULL;
    if (!th || !the) return;
    const char *labels[MAXCOL];
    int ncol = 0;
    for (const char *p = th; ncol < MAXCOL && (p = strstr(p, "<th")) && p < the; ) {
        const char *open_end = strchr(p, '>'), *close = open_end ? strstr(open_end, "</th>") : NULL;
        if (!close) break;
        labels[ncol++] = cell_text(r->a, open_end + 1, close);
        p = close;
    }
    if (!ncol) return;
    buf out = {0};
    buf_add(&out, t, (size_t)(the - t));
    int col = 0;
    for (const char *p = the; *p; ) {
        if (strncmp(p, "<tr", 3) == 0 && (p[3] == '>' || p[3] == ' ')) col = 0;
        bool td = strncmp(p, "<td", 3) == 0 && (p[3] == '>' || p[3] == ' ');
        bool rowth = strncmp(p, "<th", 3) == 0 && (p[3] == '>' || p[3] == ' ');
        if (td || rowth) {
            const char *open_end = strchr(p, '>');
            if (!open_end) break;
            int span = 1;
            const char *cs = strstr(p, "colspan=\"");
            if (cs && cs < open_end) span = atoi(cs + 9);
            if (span < 1) span = 1;
            buf_add(&out, p, (size_t)(open_end - p));
            if (col < ncol && span == 1 && *labels[col]) {
                buf_puts(&out, " data-label=\"");
                buf_puts(&out, labels[col]);
                buf_puts(&out, "\"");
            }
            col += span;
            p = open_end;
            continue;
        }
        buf_add(&out, p, 1);
        p++;
    }
    r->body.len = start;
    buf_add(&r->body, out.data, out.len);
    buf_free(&out);
}

void table_close(req *r)
{
    html_raw(r, "</table>\n</div>\n");
    label_cells(r);
}

/* One status as a tag: its word, a colour and an icon (never colour
 * alone).  key is the status's locale key ("idea.status.beviljad"); the
 * tone comes from the status name after its last dot. */
static const struct { const char *name, *tone; } tones[] = {
    {"beviljad", "ok"}, {"genomford", "ok"}, {"genomfort", "ok"}, {"godkand", "ok"},
    {"utbetald", "ok"}, {"rapporterad", "ok"}, {"protokoll_publicerat", "ok"}, {"publicerad", "ok"},
    {"oppet", "ok"}, {"done", "ok"},
    {"anmalan", "ok"}, {"bedomning", "run"}, {"resultat", "ok"}, {"klar", "ok"}, {"jav", "bad"}, {"anmald", "ok"}, {"vantelista", "wait"}, {"bekraftas", "wait"},
    {"avslagen", "bad"}, {"installd", "bad"}, {"avvisad", "bad"},
    {"behover_andras", "warn"}, {"awaiting_minutes", "warn"},
    {"pagar", "run"}, {"under_bedomning", "run"}, {"open", "run"},
    {"inskickad", "wait"}, {"planerat", "wait"}, {"planerad", "wait"}, {"vantar", "wait"},
    {"installt", "bad"}, {"fullt", "warn"}, {"bekraftad", "ok"}, {"erbjuden", "run"}, {"obekraftad", "wait"},
};

const char *status_tone(const char *key)
{
    const char *dot = strrchr(key, '.');
    const char *name = dot ? dot + 1 : key;
    for (size_t i = 0; i < sizeof tones / sizeof tones[0]; i++)
        if (strcmp(tones[i].name, name) == 0) return tones[i].tone;
    return "info";
}

void status_tag(req *r, const char *key)
{
    html(r, "<strong class=\"tag tag-%s\">%s</strong>", status_tone(key), T(r, key));
}

void page_toc(req *r, const char *const *items, size_t n)
{
    if (n < 4) return;
    html(r, "<nav class=\"toc\" aria-labelledby=\"pa-sidan\">\n<h2 id=\"pa-sidan\">%s</h2>\n<ol>\n",
         T(r, "toc.title"));
    for (size_t i = 0; i + 1 < n; i += 2)
        html(r, "<li><a href=\"#%s\">%s</a></li>\n", items[i], items[i + 1]);
    html_raw(r, "</ol>\n</nav>\n");
}

void page_crumbs(req *r, const char *const *items, size_t n)
{
    html(r, "<nav class=\"crumbs\" aria-label=\"%s\">\n<ol>\n", T(r, "nav.crumbs"));
    for (size_t i = 0; i + 1 < n; i += 2) {
        if (items[i]) html(r, "<li><a href=\"%s\">%s</a></li>\n", items[i], items[i + 1]);
        else html(r, "<li aria-current=\"page\">%s</li>\n", items[i + 1]);
    }
    html_raw(r, "</ol>\n</nav>\n");
}

void pager_write(req *r, buf *b, const struct pager *pg)
{
    if (pg->pages <= 1) return;
    html_fmt(b, "<nav class=\"pager\" aria-label=\"%s\">\n<ul>\n", T(r, pg->label_key));
    if (pg->page > 1)
        html_fmt(b, "<li><a href=\"%s?sida=%lld%s\" rel=\"prev\">%s</a></li>\n", pg->base,
                 (long long)(pg->page - 1), pg->anchor, T(r, pg->prev_key));
    html_fmt(b, "<li>%s %lld %s %lld</li>\n", T(r, "pager.page"), (long long)pg->page, T(r, "pager.of"),
             (long long)pg->pages);
    if (pg->page < pg->pages)
        html_fmt(b, "<li><a href=\"%s?sida=%lld%s\" rel=\"next\">%s</a></li>\n", pg->base,
                 (long long)(pg->page + 1), pg->anchor, T(r, pg->next_key));
    html_buf_raw(b, "</ul>\n</nav>\n");
}

void page_pager(req *r, const char *base, int64_t page, int64_t total, int64_t per_page)
{
    pager_write(r, &r->body, &(struct pager){.base = base, .anchor = "", .page = page,
                                             .pages = (total + per_page - 1) / per_page,
                                             .label_key = "pager.label", .prev_key = "pager.prev",
                                             .next_key = "pager.next"});
}
