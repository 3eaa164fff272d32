/* What waits for moderation, in the navigation: the link to the editorial
 * desk with a badge ("Redaktion 3", read as "Redaktion, 3 väntar på
 * granskning").  Comments count for those who moderate comments
 * (communicators, administrators), topic suggestions for coordinators;
 * the desk (posts/moderation.c) lists both. */
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
    nav_link_count(r, "/redaktion", "nav.editorial", nc + ns, "nav.waiting", "nav.waiting");
}
