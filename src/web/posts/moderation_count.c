/* What waits for moderation, in the navigation: the link to the editorial
 * desk with a badge ("Redaktion 3", read as "Redaktion, 3 väntar på
 * granskning").  Comments count for those who moderate comments
 * (communicators, administrators), topic suggestions for coordinators;
 * the desk (posts/moderation.c) lists both. */
#include <string.h>

#include "store/store.h"
#include "util/log.h"
#include "web/pages.h"

void nav_moderation(req *r)
{
    if (!r->user) return;
    bool comments = can_moderate_comments(r->user);
    bool topics = user_has(r->user, ROLE_KOORDINATOR);
    if (!comments && !topics && !can_write_posts(r->user)) return;
    int64_t nc = 0, ns = 0;
    if ((comments || topics) &&
        store_waiting_counts(r->db, comments ? &nc : NULL, topics ? &ns : NULL) != DB_OK) {
        log_error("nav: cannot count what waits for moderation (%s)", r->path);
        nc = ns = 0; /* the page is still worth showing */
    }
    int64_t n = nc + ns;
    static const char href[] = "/redaktion";
    size_t len = sizeof href - 1;
    bool current = strncmp(r->path, href, len) == 0 && (r->path[len] == '\0' || r->path[len] == '/');
    if (current) html(r, "<li><a href=\"%s\" aria-current=\"page\">%s", href, T(r, "nav.editorial"));
    else html(r, "<li><a href=\"%s\">%s", href, T(r, "nav.editorial"));
    if (n)
        html(r, " <span class=\"badge\" aria-hidden=\"true\">%lld</span>"
                "<span class=\"visually-hidden\"> %lld %s</span>",
             (long long)n, (long long)n, T(r, "nav.waiting"));
    html_raw(r, "</a></li>\n");
}
