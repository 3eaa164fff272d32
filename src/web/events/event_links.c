/* The pages the e-mails link to: confirm a registration, cancel (and
 * erase) it, accept an offered place.  Each link carries a random token
 * of which only a hash is stored; the page shows what the link is for and
 * acts only on a button (a POST), so that a mail program that opens links
 * to look at them confirms or cancels nothing. */
#include <string.h>

#include "util/crypto.h"
#include "view/format.h"
#include "view/html.h"
#include "web/action.h"
#include "web/events/events.h"
#include "web/pages.h"

/* The registration and its occurrence and event, or NULL after the page
 * that says the link is not (or no longer) valid. */
static bool load_link(req *r, bool offer, struct registration *g, struct occurrence *o, struct event **e)
{
    const char *token = r->params[0];
    enum db_rc rc = DB_NOTFOUND;
    if (token && strlen(token) >= 20 && strlen(token) <= 100) {
        const char *h = token_hash(r->a, token);
        rc = offer ? store_registration_by_offer(r->db, r->a, h, g) : store_registration_by_token(r->db, r->a, h, g);
    }
    if (rc == DB_OK) rc = store_occurrence_get(r->db, r->a, g->occurrence_id, o);
    if (rc == DB_OK) rc = store_event_get(r->db, r->a, o->event_id, e);
    if (rc == DB_NOTFOUND) {
        page_message(r, 404, "event.link_title", "event.link_invalid");
        return false;
    }
    if (rc != DB_OK) {
        page_fail(r, "event link");
        return false;
    }
    return true;
}

static void link_page(req *r, const char *title_key, const struct registration *g, const struct occurrence *o,
                      const struct event *e)
{
    page_begin(r, T(r, title_key));
    html(r, "<h1>%s</h1>\n<dl class=\"facts\">\n<dt>%s</dt><dd><a href=\"/evenemang/%lld\">%s</a></dd>\n"
            "<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>",
         T(r, title_key), T(r, "event.event"), (long long)e->id, e->title, T(r, "event.when"), occ_when(r, o),
         T(r, "event.f.name"), g->name, T(r, "event.reg_status"));
    status_tag(r, arena_printf(r->a, "event.reg.%s", reg_status_name(g->status)));
    if (g->status == REG_WAITING)
        html(r, " %s", Tf(r, "event.position", fmt_int(r->a, g->position)));
    html_raw(r, "</dd>\n</dl>\n");
}

/* ---- confirm ---- */

static void h_confirm_page_(req *r)
{
    struct registration g;
    struct occurrence o;
    struct event *e;
    if (!load_link(r, false, &g, &o, &e)) return;
    link_page(r, "event.confirm_title", &g, &o, e);
    if (g.status == REG_UNCONFIRMED) {
        html(r, "<p>%s</p>\n", T(r, "event.confirm_text"));
        form_open(r, arena_printf(r->a, "/evenemang/bekrafta/%s", r->params[0]), false);
        form_submit(r, "event.confirm");
        form_close(r);
    }
    if (e->online_url[0] && g.status == REG_CONFIRMED)
        html(r, "<p>%s <a href=\"%s\">%s</a></p>\n", T(r, "event.online_link"), e->online_url, e->online_url);
    html(r, "<p><a href=\"/evenemang/avboka/%s\">%s</a></p>\n", r->params[0], T(r, "event.cancel_link"));
    page_end(r);
}

struct confirm_ctx {
    int64_t id;
    enum reg_status status;
};

static enum db_rc confirm_action(req *r, void *vctx)
{
    struct confirm_ctx *c = vctx;
    return store_registration_confirm(r->db, c->id, r->now, &c->status);
}

static void h_confirm_(req *r)
{
    struct registration g;
    struct occurrence o;
    struct event *e;
    if (!load_link(r, false, &g, &o, &e)) return;
    const char *why = registration_refusal(e->status, e->published, o.cancelled, r->now, o.starts_at);
    if (why && g.status == REG_UNCONFIRMED) return page_message(r, 400, "event.confirm_title", why);
    struct confirm_ctx c = {g.id, g.status};
    enum db_rc rc = action_run(r, confirm_action, &c);
    if (rc == DB_NOTFOUND) return page_message(r, 404, "event.link_title", "event.link_invalid");
    if (rc != DB_OK) return page_not_saved(r, "event confirm");
    resp_flash(r, c.status == REG_CONFIRMED ? "event.flash.confirmed" : "event.flash.waiting");
    resp_redirect(r, arena_printf(r->a, "/evenemang/bekrafta/%s", r->params[0]));
}

/* ---- cancel and erase ---- */

static void h_cancel_page_(req *r)
{
    struct registration g;
    struct occurrence o;
    struct event *e;
    if (!load_link(r, false, &g, &o, &e)) return;
    link_page(r, "event.cancel_title", &g, &o, e);
    html(r, "<p>%s</p>\n", T(r, "event.cancel_text"));
    form_open(r, arena_printf(r->a, "/evenemang/avboka/%s", r->params[0]), false);
    form_submit(r, "event.cancel");
    form_close(r);
    page_end(r);
}

struct cancel_ctx {
    int64_t id, occ;
};

static enum db_rc cancel_action(req *r, void *vctx)
{
    struct cancel_ctx *c = vctx;
    enum db_rc rc = store_registration_cancel(r->db, c->id);
    if (rc != DB_OK) return rc;
    /* the freed place goes to the next in line at once */
    return events_fill(r->db, r->a, c->occ, r->now);
}

static void h_cancel_(req *r)
{
    struct registration g;
    struct occurrence o;
    struct event *e;
    if (!load_link(r, false, &g, &o, &e)) return;
    struct cancel_ctx c = {g.id, o.id};
    enum db_rc rc = action_run(r, cancel_action, &c);
    if (rc == DB_NOTFOUND || rc == DB_CONFLICT) return page_message(r, 404, "event.link_title", "event.link_invalid");
    if (rc != DB_OK) return page_not_saved(r, "event cancel");
    page_message(r, 200, "event.cancel_title", "event.cancelled");
}

/* ---- an offered place ---- */

static void h_offer_page_(req *r)
{
    struct registration g;
    struct occurrence o;
    struct event *e;
    if (!load_link(r, true, &g, &o, &e)) return;
    link_page(r, "event.offer_title", &g, &o, e);
    if (g.status == REG_OFFERED && g.offer_until > r->now) {
        html(r, "<p>%s</p>\n", Tf(r, "event.offer_text", fmt_datetime(r->a, r->lang, g.offer_until)));
        form_open(r, arena_printf(r->a, "/evenemang/erbjudande/%s", r->params[0]), false);
        form_submit(r, "event.accept");
        form_close(r);
        html(r, "<p>%s</p>\n", T(r, "event.decline_text"));
        button_form(r, arena_printf(r->a, "/evenemang/erbjudande/%s/nej", r->params[0]), "event.decline", NULL, NULL,
                    "secondary");
    } else if (g.status != REG_CONFIRMED) {
        html(r, "<p>%s</p>\n", T(r, "event.offer_expired"));
    }
    page_end(r);
}

struct accept_ctx {
    int64_t id;
};

static enum db_rc accept_action(req *r, void *vctx)
{
    struct accept_ctx *c = vctx;
    return store_offer_accept(r->db, c->id, r->now);
}

static void h_offer_(req *r)
{
    struct registration g;
    struct occurrence o;
    struct event *e;
    if (!load_link(r, true, &g, &o, &e)) return;
    struct accept_ctx c = {g.id};
    enum db_rc rc = action_run(r, accept_action, &c);
    if (rc == DB_CONFLICT) {
        r->status = 409;
        return page_message(r, 409, "event.offer_title", "event.offer_expired");
    }
    if (rc != DB_OK) return page_not_saved(r, "event offer");
    resp_flash(r, "event.flash.confirmed");
    resp_redirect(r, arena_printf(r->a, "/evenemang/erbjudande/%s", r->params[0]));
}

/* No thanks: the place goes to the next in line at once, and the
 * registration is erased. */
static void h_decline_(req *r)
{
    struct registration g;
    struct occurrence o;
    struct event *e;
    if (!load_link(r, true, &g, &o, &e)) return;
    if (g.status != REG_OFFERED) return page_message(r, 409, "event.offer_title", "event.offer_expired");
    struct cancel_ctx c = {g.id, o.id};
    enum db_rc rc = action_run(r, cancel_action, &c);
    if (rc == DB_NOTFOUND || rc == DB_CONFLICT) return page_message(r, 404, "event.link_title", "event.link_invalid");
    if (rc != DB_OK) return page_not_saved(r, "event decline");
    page_message(r, 200, "event.offer_title", "event.declined");
}

/* The token is a key to someone's registration: the access log gets the
 * path without it (the handler has used it and written the page). */
static void unlogged_token(req *r, void (*handler)(req *r))
{
    handler(r);
    const char *last = strrchr(r->path, '/');
    const char *second = r->params[0] ? strstr(r->path, r->params[0]) : NULL;
    if (second) r->path = arena_printf(r->a, "%.*s[länk]%s", (int)(second - r->path), r->path,
                                       last && last > second ? last : "");
}

#define UNLOGGED(name) \
    static void name(req *r) { unlogged_token(r, name##_); }
UNLOGGED(h_confirm_page)
UNLOGGED(h_confirm)
UNLOGGED(h_cancel_page)
UNLOGGED(h_cancel)
UNLOGGED(h_offer_page)
UNLOGGED(h_offer)
UNLOGGED(h_decline)

const struct route event_links_routes[] = {
    {M_POST, "/evenemang/erbjudande/*/nej", h_decline, 0},
    {M_GET, "/evenemang/bekrafta/*", h_confirm_page, 0},
    {M_POST, "/evenemang/bekrafta/*", h_confirm, 0},
    {M_GET, "/evenemang/avboka/*", h_cancel_page, 0},
    {M_POST, "/evenemang/avboka/*", h_cancel, 0},
    {M_GET, "/evenemang/erbjudande/*", h_offer_page, 0},
    {M_POST, "/evenemang/erbjudande/*", h_offer, 0},
    {0, NULL, NULL, 0},
};
