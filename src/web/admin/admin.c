/* Administration: people and their roles, organisation representatives.
 * The audit log is admin/audit_log.c, the outbox admin/outbox.c. */
#include <string.h>

#include "store/store.h"
#include "util/text.h"
#include "view/format.h"
#include "web/action.h"
#include "web/pages.h"

enum { USERS_PER_PAGE = 50 };

static const char *role_label(req *r, enum role role)
{
    return T(r, arena_printf(r->a, "role.%s", role_name(role)));
}

static bool admin_only(req *r)
{
    if (can_manage_users(r->user)) return true;
    page_error(r, 403);
    return false;
}

static void h_users(req *r)
{
    if (!admin_only(r)) return;
    const char *q = NULL;
    if (!query_text(r, "q", 100, &q)) return page_message(r, 400, "error.400.title", "err.search");
    int64_t page, total = 0;
    if (!req_page(r, &page)) return page_message(r, 400, "error.400.title", "err.page_number");
    struct user *list = NULL;
    size_t n = 0;
    if (store_users_list(r->db, r->a, q, (page - 1) * USERS_PER_PAGE, USERS_PER_PAGE, &list, &n,
                         &total) != DB_OK)
        return page_fail(r, "admin users");
    int64_t waiting = 0;
    if (store_outbox_pending(r->db, &waiting) != DB_OK) return page_fail(r, "admin outbox");
    page_begin(r, T(r, "admin.users"));
    html(r, "<h1>%s</h1>\n<p><a href=\"/admin/logg\">%s</a> · <a href=\"/admin/epost\">%s</a></p>\n"
            "<form method=\"get\" action=\"/admin\" class=\"filters\" role=\"search\">\n"
            "<div class=\"field\"><label for=\"f-q\">%s</label>\n"
            "<input type=\"search\" id=\"f-q\" name=\"q\" maxlength=\"100\" value=\"%s\"></div>\n"
            "<button type=\"submit\">%s</button>\n</form>\n",
         T(r, "admin.users"), T(r, "admin.log"), T(r, "admin.outbox"), T(r, "admin.search"), q ? q : "",
         T(r, "orgs.filter"));
    html(r, "<p class=\"meta\">%s %lld</p>\n", T(r, "admin.mail_waiting"), (long long)waiting);
    table_open(r, T(r, "admin.users"), NULL);
    html(r, "<caption>%s %lld</caption>\n<thead><tr><th scope=\"col\">%s</th>"
            "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
         T(r, "admin.user_count"), (long long)total, T(r, "account.name"), T(r, "account.roles"),
         T(r, "account.since"));
    for (size_t i = 0; i < n; i++) {
        html(r, "<tr><td><a href=\"/admin/anvandare/%lld\">%s</a></td><td>", (long long)list[i].id,
             list[i].name);
        bool any = false;
        for (int k = 0; k < ROLE_COUNT; k++) {
            if (!user_has(&list[i], (enum role)k)) continue;
            html(r, "%s%s", any ? ", " : "", role_label(r, (enum role)k));
            any = true;
        }
        html(r, "</td><td>%s</td></tr>\n", fmt_date(r->a, r->lang, list[i].created_at));
    }
    html_raw(r, "</tbody>\n");
    table_close(r);
    page_pager(r, "/admin", page, total, USERS_PER_PAGE);
    page_end(r);
}

static struct user *load_user(req *r)
{
    int64_t id;
    struct user *u = NULL;
    if (!parse_i64(r->params[0], &id)) {
        page_error(r, 404);
        return NULL;
    }
    enum db_rc rc = store_user_by_id(r->db, r->a, id, &u, NULL);
    if (rc == DB_NOTFOUND) page_error(r, 404);
    else if (rc != DB_OK) page_fail(r, "admin user");
    return rc == DB_OK ? u : NULL;
}

static void h_user(req *r)
{
    if (!admin_only(r)) return;
    struct user *u = load_user(r);
    if (!u) return;
    struct org *mine = NULL, *all = NULL;
    size_t nmine = 0, nall = 0;
    if (store_user_orgs(r->db, r->a, u->id, &mine, &nmine) != DB_OK ||
        store_orgs_list(r->db, r->a, -1, NULL, &all, &nall) != DB_OK)
        return page_fail(r, "admin user");
    page_begin(r, u->name);
    const char *crumbs[] = {"/admin", T(r, "admin.users"), NULL, u->name};
    page_crumbs(r, crumbs, 4);
    html(r, "<h1>%s</h1>\n<h2>%s</h2>\n<ul class=\"roles\">\n", u->name, T(r, "account.roles"));
    const char *action = arena_printf(r->a, "/admin/anvandare/%lld/roller", (long long)u->id);
    for (int k = 0; k < ROLE_COUNT; k++) {
        bool has = user_has(u, (enum role)k);
        html(r, "<li><span>%s: <strong>%s</strong></span> ", role_label(r, (enum role)k),
             T(r, has ? "admin.has_role" : "admin.no_role"));
        form_open_class(r, action, "inline");
        html(r, "<input type=\"hidden\" name=\"roll\" value=\"%s\">"
                "<input type=\"hidden\" name=\"atgard\" value=\"%s\">"
                "<button type=\"submit\" class=\"secondary\" aria-label=\"%s %s\">%s</button>\n",
             role_name((enum role)k), has ? "ta" : "ge", T(r, has ? "admin.revoke" : "admin.grant"),
             role_label(r, (enum role)k), T(r, has ? "admin.revoke" : "admin.grant"));
        form_close(r);
        html_raw(r, "</li>\n");
    }
    html(r, "</ul>\n<h2>%s</h2>\n", T(r, "admin.represents"));
    const char *org_action = arena_printf(r->a, "/admin/anvandare/%lld/organisationer", (long long)u->id);
    if (nmine) html_raw(r, "<ul>\n");
    for (size_t i = 0; i < nmine; i++) {
        html(r, "<li><a href=\"/organisationer/%s\">%s</a> ", mine[i].slug, mine[i].name);
        form_open_class(r, org_action, "inline");
        html(r, "<input type=\"hidden\" name=\"org\" value=\"%lld\">"
                "<input type=\"hidden\" name=\"atgard\" value=\"ta\">"
                "<button type=\"submit\" class=\"secondary\">%s<span class=\"visually-hidden\"> %s %s</span></button>\n",
             (long long)mine[i].id, T(r, "admin.remove"), T(r, "admin.remove_rep"), mine[i].name);
        form_close(r);
        html_raw(r, "</li>\n");
    }
    if (nmine) html_raw(r, "</ul>\n");
    else html(r, "<p>%s</p>\n", T(r, "admin.represents_none"));
    form_open(r, org_action, false);
    html_raw(r, "<input type=\"hidden\" name=\"atgard\" value=\"ge\">\n");
    struct option *opts = arena_alloc(r->a, (nall ? nall : 1) * sizeof *opts);
    for (size_t i = 0; i < nall; i++)
        opts[i] = (struct option){arena_printf(r->a, "%lld", (long long)all[i].id), all[i].name};
    field_select(r, NULL, &(struct field){.name = "org", .label = "admin.add_rep_org"}, opts, nall);
    form_submit(r, "admin.add_rep");
    form_close(r);
    page_end(r);
}

/* A role granted or revoked and its audit row: one transaction. */
struct role_change {
    const struct user *u;
    enum role role;
    bool grant;
};

static enum db_rc role_tx(req *r, void *ctx)
{
    const struct role_change *c = ctx;
    enum db_rc rc = c->grant ? store_role_grant(r->db, c->u->id, c->role, r->user->id, r->now)
                             : store_role_revoke(r->db, c->u->id, c->role);
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, r->user->id, c->grant ? "roll.ge" : "roll.ta",
                         arena_printf(r->a, "user:%lld", (long long)c->u->id), role_name(c->role));
    return rc;
}

/* A membership added (with the role) or ended and its audit row. */
struct rep_change {
    const struct user *u;
    const struct org *o;
    bool add;
};

static enum db_rc rep_tx(req *r, void *ctx)
{
    const struct rep_change *c = ctx;
    enum db_rc rc = c->add ? store_org_add_rep(r->db, c->o->id, c->u->id)
                           : store_org_remove_rep(r->db, c->o->id, c->u->id);
    if (rc == DB_OK && c->add) rc = store_role_grant(r->db, c->u->id, ROLE_REPRESENTANT, r->user->id, r->now);
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, r->user->id, c->add ? "representant.ge" : "representant.ta",
                         arena_printf(r->a, "user:%lld", (long long)c->u->id), c->o->slug);
    return rc;
}

static void h_user_role(req *r)
{
    if (!admin_only(r)) return;
    struct user *u = load_user(r);
    if (!u) return;
    int role = role_from_name(req_form(r, "roll"));
    const char *act = req_form(r, "atgard");
    bool grant = act && strcmp(act, "ge") == 0, revoke = act && strcmp(act, "ta") == 0;
    if (role < 0 || (!grant && !revoke)) return page_error(r, 400);
    if (revoke && role == ROLE_ADMIN && u->id == r->user->id) {
        resp_flash(r, "flash.cannot_revoke_self");
        return resp_redirect(r, arena_printf(r->a, "/admin/anvandare/%lld", (long long)u->id));
    }
    struct role_change rc_ = {u, (enum role)role, grant};
    enum db_rc rc = action_run(r, role_tx, &rc_);
    if (rc == DB_CONSTRAINT) { /* the last administrator */
        resp_flash(r, "flash.last_admin");
        return resp_redirect(r, arena_printf(r->a, "/admin/anvandare/%lld", (long long)u->id));
    }
    if (rc != DB_OK) return page_not_saved(r, "admin role");
    resp_flash(r, "flash.saved");
    resp_redirect(r, arena_printf(r->a, "/admin/anvandare/%lld", (long long)u->id));
}

static void h_user_org(req *r)
{
    if (!admin_only(r)) return;
    struct user *u = load_user(r);
    if (!u) return;
    int64_t org_id;
    const char *act = req_form(r, "atgard");
    const char *org_s = req_form(r, "org");
    struct org *o = NULL;
    if (!act || !org_s || !parse_i64(org_s, &org_id) ||
        (strcmp(act, "ge") != 0 && strcmp(act, "ta") != 0))
        return page_error(r, 400);
    enum db_rc rc = store_org_by_id(r->db, r->a, org_id, &o);
    if (rc == DB_NOTFOUND) return page_error(r, 400);
    if (rc != DB_OK) return page_fail(r, "admin org");
    bool add = strcmp(act, "ge") == 0;
    rc = action_run(r, rep_tx, &(struct rep_change){u, o, add});
    if (rc != DB_OK) return page_not_saved(r, "admin org");
    resp_flash(r, "flash.saved");
    resp_redirect(r, arena_printf(r->a, "/admin/anvandare/%lld", (long long)u->id));
}

const struct route admin_routes[] = {
    {M_GET, "/admin", h_users, R_AUTH},
    {M_GET, "/admin/anvandare/*", h_user, R_AUTH},
    {M_POST, "/admin/anvandare/*/roller", h_user_role, R_AUTH},
    {M_POST, "/admin/anvandare/*/organisationer", h_user_org, R_AUTH},
    {0, NULL, NULL, 0},
};
