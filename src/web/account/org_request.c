/* Asking to represent an organisation of the directory, and deciding such
 * requests (issue 8, flow fault 7).  A person asks at sign-up or here, from
 * Mitt konto; a coordinator or one of the organisation's current
 * representatives approves — the person gets the representative role and
 * the membership — or declines; the person is told either way.  Each
 * decision is one action (web/action.h): the request's state, the role,
 * the membership, the audit row and the notifications commit together. */
#include <string.h>

#include "store/store.h"
#include "util/text.h"
#include "view/format.h"
#include "web/account/org_request.h"
#include "web/action.h"
#include "web/notify.h"
#include "web/roles.h"

bool org_request_field(req *r, const struct form *f, const char *selected)
{
    struct org *list = NULL;
    size_t n = 0;
    if (store_orgs_list(r->db, r->a, -1, NULL, &list, &n) != DB_OK) {
        page_fail(r, "org request field");
        return false;
    }
    struct option *opts = arena_alloc(r->a, (n + 1) * sizeof *opts);
    opts[0] = (struct option){"0", T(r, "orgreq.none")};
    for (size_t i = 0; i < n; i++)
        opts[i + 1] = (struct option){arena_printf(r->a, "%lld", (long long)list[i].id), list[i].name};
    field_select(r, f, &(struct field){.name = "org", .label = "orgreq.org", .hint = "orgreq.org_hint",
                                       .value = selected ? selected : "0"},
                 opts, n + 1);
    return true;
}

bool org_request_read(req *r, struct form *f, struct org **o)
{
    *o = NULL;
    const char *s = form_text(f, "org", 20, 0);
    int64_t id = 0;
    if (!s || !*s || strcmp(s, "0") == 0) return true;
    if (!parse_i64(s, &id) || id <= 0) {
        form_error(f, "org", "err.orgreq_unknown");
        return true;
    }
    enum db_rc rc = store_org_by_id(r->db, r->a, id, o);
    if (rc == DB_NOTFOUND) form_error(f, "org", "err.orgreq_unknown");
    else if (rc != DB_OK) {
        page_fail(r, "org request");
        return false;
    }
    return true;
}

/* Everyone who may decide on a request for org: its representatives and
 * the coordinators, each once, except the person acting. */
static enum db_rc tell_deciders(req *r, const struct org *o, int64_t except, const char *subject,
                                const char *text, const char *link)
{
    struct user *reps = NULL, *coords = NULL;
    size_t nr = 0, nc = 0;
    enum db_rc rc = store_org_reps(r->db, r->a, o->id, &reps, &nr);
    if (rc == DB_OK) rc = store_users_with_role(r->db, r->a, ROLE_KOORDINATOR, &coords, &nc);
    for (size_t i = 0; i < nr && rc == DB_OK; i++)
        if (reps[i].id != except) rc = notify_user(r, reps[i].id, subject, text, link);
    for (size_t i = 0; i < nc && rc == DB_OK; i++) {
        bool dup = coords[i].id == except;
        for (size_t j = 0; j < nr && !dup; j++) dup = reps[j].id == coords[i].id;
        if (!dup) rc = notify_user(r, coords[i].id, subject, text, link);
    }
    return rc;
}

enum db_rc org_request_file(req *r, int64_t user_id, const char *user_name, const struct org *o,
                            const char *note)
{
    int64_t id = 0;
    enum db_rc rc = store_org_request_add(r->db, o->id, user_id, note ? note : "", r->now, &id);
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, user_id, "representant.fraga",
                         arena_printf(r->a, "user:%lld", (long long)user_id), o->slug);
    if (rc == DB_OK) {
        const char *text = arena_printf(r->a, "%s: %s – %s", T(r, "orgreq.notice_new"), user_name, o->name);
        rc = tell_deciders(r, o, user_id, text, text, "/konto/forfragningar");
    }
    return rc;
}

static const char *const statuses[] = {"vantar", "godkand", "avslagen"};

static const char *orgreq_status_name(const struct org_request *q)
{
    for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
        if (strcmp(statuses[i], q->status) == 0) return statuses[i];
    return statuses[0];
}

/* ---- Mitt konto: ask, and see one's requests ---- */

static void ask_page(req *r, const struct form *f, const char *org, const char *note)
{
    struct org_request *mine = NULL;
    size_t n = 0;
    if (store_org_requests_of(r->db, r->a, r->user->id, &mine, &n) != DB_OK)
        return page_fail(r, "org requests");
    page_begin(r, T(r, "orgreq.title"));
    const char *crumbs[] = {"/konto", T(r, "account.title"), NULL, T(r, "orgreq.title")};
    page_crumbs(r, crumbs, 4);
    html(r, "<h1>%s</h1>\n<p>%s</p>\n", T(r, "orgreq.title"), T(r, "orgreq.intro"));
    form_summary(r, f);
    form_open(r, "/konto/organisation", false);
    if (!org_request_field(r, f, org)) return;
    field_textarea(r, f, &(struct field){.name = "meddelande", .label = "orgreq.note",
                                         .hint = "orgreq.note_hint", .value = note, .rows = 3});
    form_submit(r, "orgreq.submit");
    form_close(r);
    html(r, "<h2>%s</h2>\n", T(r, "orgreq.mine"));
    if (!n) html(r, "<p>%s</p>\n", T(r, "orgreq.mine_none"));
    else {
        html_raw(r, "<ul>\n");
        for (size_t i = 0; i < n; i++)
            html(r, "<li><a href=\"/organisationer/%s\">%s</a> · %s · <strong>%s</strong></li>\n",
                 mine[i].org_slug, mine[i].org_name, fmt_date(r->a, r->lang, mine[i].created_at),
                 T(r, arena_printf(r->a, "orgreq.status.%s", orgreq_status_name(&mine[i]))));
        html_raw(r, "</ul>\n");
    }
    page_end(r);
}

static void h_ask_form(req *r)
{
    struct form f;
    form_init(&f, r);
    ask_page(r, &f, req_query(r, "org"), "");
}

struct ask {
    const struct org *o;
    const char *note;
};

static enum db_rc ask_tx(req *r, void *ctx)
{
    const struct ask *a = ctx;
    return org_request_file(r, r->user->id, r->user->name, a->o, a->note);
}

static void h_ask(req *r)
{
    struct form f;
    form_init(&f, r);
    struct org *o = NULL;
    if (!org_request_read(r, &f, &o)) return;
    const char *note = form_text(&f, "meddelande", ORG_REQUEST_NOTE_MAX, F_MULTILINE);
    if (form_ok(&f) && !o) form_error(&f, "org", "err.orgreq_choose");
    bool rep = false;
    if (form_ok(&f) && store_org_is_rep(r->db, o->id, r->user->id, &rep) != DB_OK)
        return page_fail(r, "org request");
    if (rep) form_error(&f, "org", "err.orgreq_already");
    if (!form_ok(&f)) {
        r->status = 400;
        return ask_page(r, &f, req_form(r, "org"), note);
    }
    enum db_rc rc = action_run(r, ask_tx, &(struct ask){o, note});
    if (rc == DB_CONSTRAINT) {
        form_error(&f, "org", "err.orgreq_waiting");
        r->status = 409;
        return ask_page(r, &f, req_form(r, "org"), note);
    }
    if (rc != DB_OK) return page_not_saved(r, "org request");
    resp_flash(r, "flash.orgreq_sent");
    resp_redirect(r, "/konto/organisation");
}

/* ---- deciding ---- */

/* Waiting requests this person may decide: all for a coordinator, else
 * those for the organisations they represent. */
static void h_queue(req *r)
{
    struct org_request *list = NULL;
    size_t n = 0;
    bool coord = is_coordinator(r);
    if (store_org_requests_waiting(r->db, r->a, 0, &list, &n) != DB_OK)
        return page_fail(r, "org request queue");
    struct org *mine = NULL;
    size_t nm = 0;
    if (!coord && store_user_orgs(r->db, r->a, r->user->id, &mine, &nm) != DB_OK)
        return page_fail(r, "org request queue");
    page_begin(r, T(r, "orgreq.queue"));
    const char *crumbs[] = {"/konto", T(r, "account.title"), NULL, T(r, "orgreq.queue")};
    page_crumbs(r, crumbs, 4);
    html(r, "<h1>%s</h1>\n<p>%s</p>\n", T(r, "orgreq.queue"), T(r, "orgreq.queue_intro"));
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        bool mayd = coord;
        for (size_t j = 0; j < nm && !mayd; j++) mayd = mine[j].id == list[i].org_id;
        if (!mayd) continue;
        if (!shown++) html_raw(r, "<ul class=\"cards\">\n");
        const struct org_request *q = &list[i];
        html(r, "<li class=\"card\">\n<h2>%s – <a href=\"/organisationer/%s\">%s</a></h2>\n"
                "<p class=\"muted\">%s</p>\n",
             q->user_name, q->org_slug, q->org_name, fmt_date(r->a, r->lang, q->created_at));
        if (*q->note) html(r, "<p>%s</p>\n", q->note);
        const char *action = arena_printf(r->a, "/konto/forfragningar/%lld", (long long)q->id);
        button_form(r, action, "orgreq.approve", "beslut", "godkann", NULL);
        button_form(r, action, "orgreq.decline", "beslut", "avsla", NULL);
        html_raw(r, "</li>\n");
    }
    if (shown) html_raw(r, "</ul>\n");
    else html(r, "<p>%s</p>\n", T(r, "orgreq.queue_none"));
    page_end(r);
}

struct decision {
    const struct org_request *q;
    const struct org *o;
    bool approve;
};

static enum db_rc decide_tx(req *r, void *ctx)
{
    const struct decision *d = ctx;
    enum db_rc rc = store_org_request_decide(r->db, d->q->id, d->approve, r->user->id, r->now);
    if (rc == DB_OK && d->approve) rc = store_org_add_rep(r->db, d->o->id, d->q->user_id);
    if (rc == DB_CONSTRAINT && d->approve) rc = DB_OK; /* a representative already (added meanwhile) */
    if (rc == DB_OK && d->approve)
        rc = store_role_grant(r->db, d->q->user_id, ROLE_REPRESENTANT, r->user->id, r->now);
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, r->user->id,
                         d->approve ? "representant.godkann" : "representant.avsla",
                         arena_printf(r->a, "user:%lld", (long long)d->q->user_id), d->o->slug);
    if (rc == DB_OK) {
        const char *text = arena_printf(r->a, "%s %s: %s", T(r, "orgreq.notice_outcome"), d->o->name,
                                        T(r, d->approve ? "orgreq.status.godkand" : "orgreq.status.avslagen"));
        rc = notify_user(r, d->q->user_id, text, text,
                         d->approve ? arena_printf(r->a, "/organisationer/%s", d->o->slug)
                                    : "/konto/organisation");
    }
    return rc;
}

static void h_decide(req *r)
{
    int64_t id;
    if (!parse_i64(r->params[0], &id)) return page_error(r, 404);
    const char *b = req_form(r, "beslut");
    bool approve = b && strcmp(b, "godkann") == 0;
    if (!b || (!approve && strcmp(b, "avsla") != 0)) return page_error(r, 400);
    struct org_request *q = NULL;
    enum db_rc rc = store_org_request_get(r->db, r->a, id, &q);
    if (rc == DB_NOTFOUND) return page_error(r, 404);
    if (rc != DB_OK) return page_fail(r, "org request");
    bool rep = false;
    if (!is_coordinator(r) && store_org_is_rep(r->db, q->org_id, r->user->id, &rep) != DB_OK)
        return page_fail(r, "org request");
    if (!is_coordinator(r) && !rep) return page_error(r, 403);
    if (q->user_id == r->user->id) return page_error(r, 403); /* nobody approves themselves */
    struct org *o = NULL;
    if (store_org_by_id(r->db, r->a, q->org_id, &o) != DB_OK) return page_fail(r, "org request");
    rc = action_run(r, decide_tx, &(struct decision){q, o, approve});
    if (rc == DB_CONFLICT)
        return page_conflict(r, 409, "orgreq.queue", T(r, "orgreq.decided_already"),
                             "/konto/forfragningar");
    if (rc != DB_OK) return page_not_saved(r, "org request decision");
    resp_flash(r, approve ? "flash.orgreq_approved" : "flash.orgreq_declined");
    resp_redirect(r, "/konto/forfragningar");
}

const struct route org_request_routes[] = {
    {M_GET, "/konto/organisation", h_ask_form, R_AUTH},
    {M_POST, "/konto/organisation", h_ask, R_AUTH},
    {M_GET, "/konto/forfragningar", h_queue, R_AUTH},
    {M_POST, "/konto/forfragningar/*", h_decide, R_AUTH},
    {0, NULL, NULL, 0},
};
