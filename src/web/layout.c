/* The page frame every HTML page shares: language, skip link, header,
 * navigation, flash message, main landmark and footer. */
#include <stdio.h>
#include <string.h>

#include "store/store.h"
#include "util/log.h"
#include "util/text.h"
#include "view/format.h"
#include "web/pages.h"

struct nav_item {
    const char *href;
    const char *key;
};

static const struct nav_item nav[] = {
    {"/", "nav.home"},
    {"/projekt", "nav.projects"},
    {"/grupper", "nav.groups"},
    {"/aktiviteter", "nav.activities"},
    {"/nyheter", "nav.posts"},
    {"/organisationer", "nav.orgs"},
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

void page_begin(req *r, const char *title)
{
    r->error_summary = NULL; /* one left from a page begun and abandoned */
    r->mime = "text/html; charset=utf-8";
    html(r, "<!doctype html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>%s – %s</title>\n"
            "<link rel=\"stylesheet\" href=\"%s\">\n"
            "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/nyheter.atom\" "
            "title=\"%s\">\n</head>\n<body>\n"
            "<a class=\"skip\" href=\"#innehall\">%s</a>\n"
            "<header class=\"site\">\n<div class=\"wrap\">\n"
            "<a class=\"brand\" href=\"/\">samskap<span>%s</span></a>\n"
            "<nav aria-label=\"%s\">\n<ul>\n",
         lang_code(r->lang), title, T(r, "site.name"), static_css_url(), T(r, "feed.title"),
         T(r, "nav.skip"), T(r, "site.tagline"), T(r, "nav.label"));
    for (size_t i = 0; i < sizeof nav / sizeof nav[0]; i++) nav_link(r, nav[i].href, nav[i].key);
    if (r->user) {
        int64_t unread = 0;
        store_notifications_unread(r->db, r->user->id, &unread);
        if (user_has(r->user, ROLE_KOORDINATOR)) nav_link(r, "/bedomning", "nav.queue");
        nav_moderation(r);
        if (can_manage_users(r->user)) nav_link(r, "/admin", "nav.admin");
        nav_link(r, "/mina-ideer", "nav.my_ideas");
        if (unread)
            html(r, "<li><a href=\"/aviseringar\"%s>%s <span class=\"badge\">%lld</span>"
                    "<span class=\"visually-hidden\"> %s</span></a></li>\n",
                 "", T(r, "nav.notifications"), (long long)unread, T(r, unread == 1 ? "nav.unread_one" : "nav.unread"));
        else
            nav_link(r, "/aviseringar", "nav.notifications");
        nav_link(r, "/konto", "nav.account");
        html(r, "<li>");
        button_form(r, "/logga-ut", "nav.logout", NULL, NULL, "inline nav-button");
        html(r, "</li>\n");
    } else {
        nav_link(r, "/logga-in", "nav.login");
    }
    html(r, "</ul>\n</nav>\n</div>\n</header>\n<main id=\"innehall\" tabindex=\"-1\">\n"
            "<div class=\"wrap\">\n");
    flash(r);
}

void page_end(req *r)
{
    form_summary_write(r);
    const char *other = r->lang == LANG_EN ? "sv" : "en";
    html(r, "</div>\n</main>\n<footer class=\"site\">\n<div class=\"wrap\">\n<ul>\n"
            "<li><a href=\"/tillganglighet\">%s</a></li>\n"
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

void table_open(req *r, const char *label, const char *cls)
{
    html(r, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"%s\">\n"
            "<table class=\"%s\">\n", label, cls ? cls : "");
}

void table_close(req *r)
{
    html_raw(r, "</table>\n</div>\n");
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

void page_pager(req *r, const char *base, int64_t page, int64_t total, int64_t per_page)
{
    int64_t pages = (total + per_page - 1) / per_page;
    if (pages <= 1) return;
    html(r, "<nav class=\"pager\" aria-label=\"%s\">\n<ul>\n", T(r, "pager.label"));
    if (page > 1)
        html(r, "<li><a href=\"%s?sida=%lld\" rel=\"prev\">%s</a></li>\n", base,
             (long long)(page - 1), T(r, "pager.prev"));
    html(r, "<li>%s %lld %s %lld</li>\n", T(r, "pager.page"), (long long)page, T(r, "pager.of"),
         (long long)pages);
    if (page < pages)
        html(r, "<li><a href=\"%s?sida=%lld\" rel=\"next\">%s</a></li>\n", base,
             (long long)(page + 1), T(r, "pager.next"));
    html_raw(r, "</ul>\n</nav>\n");
}
