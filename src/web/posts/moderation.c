/* The editorial desk: drafts waiting to be published, comments waiting
 * for moderation, and (for coordinators) the groups whose topic
 * suggestions wait. */
#include <string.h>

#include "store/store.h"
#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/action.h"
#include "web/pages.h"

static void h_desk(req *r)
{
    bool writes = can_write_posts(r->user), topics = user_has(r->user, ROLE_KOORDINATOR);
    if (!writes && !can_moderate_comments(r->user) && !topics)
        return user_has(r->user, ROLE_KLARSPRAK) ? resp_redirect(r, "/klarsprak/granska") /* issue 12 */
                                                 : page_error(r, 403);
    struct post *drafts = NULL;
    size_t nd = 0;
    struct comment *cs = NULL;
    size_t nc = 0;
    struct waiting_group *groups = NULL;
    size_t ng = 0;
    if (writes && store_posts_drafts(r->db, r->a, &drafts, &nd) != DB_OK) return page_fail(r, "desk");
    if (can_moderate_comments(r->user) &&
        store_comments_pending(r->db, r->a, &cs, &nc) != DB_OK)
        return page_fail(r, "desk");
    if (topics && store_waiting_by_group(r->db, r->a, &groups, &ng) != DB_OK)
        return page_fail(r, "desk");
    page_begin(r, T(r, "desk.title"));
    html(r, "<h1>%s</h1>\n", T(r, "desk.title"));
    if (writes) html(r, "<p><a class=\"button\" href=\"/nyheter/ny\">%s</a></p>\n", T(r, "post.new"));
    if (topics) { /* coordinators decide topic suggestions on each group's page */
        int64_t waiting = 0;
        for (size_t i = 0; i < ng; i++) waiting += groups[i].count;
        html(r, "<h2 id=\"temaforslag\">%s (%lld)</h2>\n", T(r, "desk.topics"), (long long)waiting);
        if (!ng) html(r, "<p>%s</p>\n", T(r, "desk.no_topics"));
        else html_raw(r, "<ul>\n");
        for (size_t i = 0; i < ng; i++)
            html(r, "<li><a href=\"/grupper/%s/forslag\">%s: %lld %s %s</a></li>\n", groups[i].slug,
                 T(r, "desk.topics_review"), (long long)groups[i].count, T(r, "desk.topics_in"),
                 groups[i].name);
        if (ng) html_raw(r, "</ul>\n");
    }
    size_t mine = 0;
    for (size_t i = 0; i < nd; i++)
        if (can_publish_posts(r->user) || drafts[i].author_id == r->user->id) drafts[mine++] = drafts[i];
    nd = mine;
    if (writes) {
        html(r, "<h2>%s (%zu)</h2>\n", T(r, "desk.drafts"), nd);
        if (nd) html_raw(r, "<ul>\n");
        for (size_t i = 0; i < nd; i++) {
            html(r, "<li><a href=\"/nyheter/%s\">%s</a> – %s, %s</li>\n", drafts[i].slug,
                 drafts[i].title, drafts[i].author_name, fmt_date(r->a, r->lang, drafts[i].updated_at));
        }
        if (nd) html_raw(r, "</ul>\n");
        else html(r, "<p>%s</p>\n", T(r, "desk.no_drafts"));
    }
    if (can_moderate_comments(r->user)) {
        html(r, "<h2>%s (%zu)</h2>\n", T(r, "desk.pending"), nc);
        if (nc == 0) html(r, "<p>%s</p>\n", T(r, "desk.no_pending"));
        for (size_t i = 0; i < nc; i++) {
            const struct comment *c = &cs[i];
            html(r, "<article class=\"card moderation\" aria-labelledby=\"m%lld\">\n"
                    "<h3 id=\"m%lld\">%s %s <a href=\"/nyheter/%s\">%s</a></h3>\n"
                    "<p class=\"meta\">%s</p>\n",
                 (long long)c->id, (long long)c->id, c->name, T(r, "desk.on"), c->post_slug,
                 c->post_title, fmt_datetime(r->a, r->lang, c->created_at));
            user_paragraphs(r, &r->body, c->body);
            const char *action = arena_printf(r->a, "/redaktion/kommentarer/%lld", (long long)c->id);
            html_raw(r, "<div class=\"buttons\">\n");
            button_form(r, action, "desk.approve", "beslut", "godkand", NULL);
            button_form(r, action, "desk.reject", "beslut", "avvisad", "inline secondary");
            html_raw(r, "</div>\n</article>\n");
        }
    }
    page_end(r);
}

/* The moderation and its audit row: one transaction. */
struct comment_decision {
    int64_t id;
    enum comment_status to;
};

static enum db_rc moderate_tx(req *r, void *ctx)
{
    const struct comment_decision *cd = ctx;
    enum db_rc rc = store_comment_moderate(r->db, cd->id, cd->to, r->user->id, r->now);
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, r->user->id,
                         cd->to == COMMENT_APPROVED ? "kommentar.godkann" : "kommentar.avvisa",
                         arena_printf(r->a, "comment:%lld", (long long)cd->id), "");
    return rc;
}

static void h_moderate(req *r)
{
    if (!can_moderate_comments(r->user)) return page_error(r, 403);
    int64_t id;
    if (!parse_i64(r->params[0], &id) || id <= 0) return page_error(r, 404);
    int to = comment_status_from_name(req_form(r, "beslut"));
    if (to != COMMENT_APPROVED && to != COMMENT_REJECTED) return page_error(r, 400);
    struct comment_decision cd = {id, (enum comment_status)to};
    enum db_rc rc = action_run(r, moderate_tx, &cd);
    if (rc == DB_NOTFOUND) return page_error(r, 404);
    /* moderated by someone else first: the desk says so (the decision
     * they made is what the desk now shows) */
    if (rc != DB_OK && rc != DB_CONFLICT) return page_not_saved(r, "moderate");
    resp_flash(r, rc == DB_CONFLICT ? "flash.already_moderated"
                  : to == COMMENT_APPROVED ? "flash.comment_approved" : "flash.comment_rejected");
    resp_redirect(r, "/redaktion");
}

const struct route moderation_routes[] = {
    {M_GET, "/redaktion", h_desk, R_AUTH},
    {M_POST, "/redaktion/kommentarer/*", h_moderate, R_AUTH},
    {0, NULL, NULL, 0},
};
