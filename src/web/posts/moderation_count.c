/* What waits for moderation, in the navigation: the link to the editorial
 * desk with a badge ("Redaktion 3", read as "Redaktion, 3 väntar på
 * granskning").  Comments count for those who moderate comments
 * (communicators, administrators), topic suggestions for coordinators;
 * the desk (posts/moderation.c) lists both. */
#include "store/store.h"
#include "web/pages.h"

bool nav_moderation_wants(req *r, bool *comments, bool *topics)
{
    *comments = *topics = false;
    if (!r->user) return false;
    *comments = can_moderate_comments(r->user);
    *topics = user_has(r->user, ROLE_KOORDINATOR);
    return *comments || *topics || can_write_posts(r->user);
}

void nav_moderation(req *r, int64_t waiting)
{
    nav_link_count(r, "/redaktion", "nav.editorial", waiting, "nav.waiting", "nav.waiting");
}
