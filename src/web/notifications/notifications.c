/* In-site notifications: what concerns the signed-in person. */
#include <string.h>

#include "store/store.h"
#include "util/text.h"
#include "view/format.h"
#include "web/pages.h"

/* The notification's first line, shortened: the link text stays short. */
static const char *first_line(req *r, const char *text)
{
    size_t n = strcspn(text, "\n");
    if (n > 160) {
        n = 160;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) n--;
        return arena_printf(r->a, "%.*s…", (int)n, text);
    }
    return arena_strndup(r->a, text, n);
}

static void h_list(req *r)
{
    struct notification *list = NULL;
    size_t n = 0;
    if (store_notifications(r->db, r->a, r->user->id, 100, &list, &n) != DB_OK)
        return page_fail(r, "notifications");
    page_begin(r, T(r, "notes.title"));
    html(r, "<h1>%s</h1>\n", T(r, "notes.title"));
    if (!n) html(r, "<p>%s</p>\n", T(r, "notes.none"));
    else {
        bool unread = false;
        for (size_t k = 0; k < n; k++) unread |= !list[k].read;
        if (unread) button_form(r, "/aviseringar", "notes.mark_read", NULL, NULL, NULL);
        html_raw(r, "<ul class=\"notifications\">\n");
    }
    for (size_t k = 0; k < n; k++) {
        html_raw(r, list[k].read ? "<li>" : "<li class=\"unread\">");
        html(r, "<a href=\"/aviseringar/%lld\">%s</a> <span class=\"meta\">%s", (long long)list[k].id,
             first_line(r, list[k].text),
             fmt_datetime(r->a, r->lang, list[k].at));
        if (!list[k].read) html(r, " · <strong>%s</strong>", T(r, "notes.new"));
        html_raw(r, "</span></li>\n");
    }
    if (n) html_raw(r, "</ul>\n");
    page_end(r);
}

/* Following a notification marks it read, then goes where it points. */
static void h_open(req *r)
{
    int64_t id;
    const char *link = NULL;
    if (!parse_i64(r->params[0], &id)) return page_error(r, 404);
    enum db_rc rc = store_notification_open(r->db, r->a, r->user->id, id, r->now, &link);
    if (rc == DB_NOTFOUND) return page_error(r, 404);
    if (rc != DB_OK) return page_fail(r, "notification");
    resp_redirect(r, is_local_path(link) ? link : "/aviseringar");
}

static void h_read(req *r)
{
    if (store_notifications_read(r->db, r->user->id, r->now) != DB_OK)
        return page_fail(r, "notifications");
    resp_redirect(r, "/aviseringar");
}

const struct route notification_routes[] = {
    {M_GET, "/aviseringar", h_list, R_AUTH},
    {M_POST, "/aviseringar", h_read, R_AUTH},
    {M_GET, "/aviseringar/*", h_open, R_AUTH},
    {0, NULL, NULL, 0},
};
