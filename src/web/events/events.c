/* Shared by the events pages (events.h). */
#include "web/events/events.h"

#include <string.h>

#include "util/clock.h"
#include "util/crypto.h"
#include "util/log.h"
#include "util/text.h"
#include "view/format.h"
#include "view/i18n.h"
#include "web/pages.h"
#include "web/roles.h"
#include "web/site.h"

bool can_organise(req *r, const struct event *e)
{
    if (!r->user) return false;
    if (is_coordinator(r)) return true;
    for (size_t i = 0; i < e->norgs; i++) {
        bool yes = false;
        if (store_org_is_rep(r->db, e->orgs[i].id, r->user->id, &yes) == DB_OK && yes) return true;
    }
    return false;
}

enum db_rc organiser_orgs(req *r, struct event_org **list, size_t *n)
{
    *list = NULL;
    *n = 0;
    if (!r->user) return DB_OK;
    struct org *orgs = NULL;
    size_t no = 0;
    enum db_rc rc;
    if (is_coordinator(r)) rc = store_org_names(r->db, r->a, &orgs, &no);
    else rc = store_user_orgs(r->db, r->a, r->user->id, &orgs, &no);
    if (rc != DB_OK) return rc;
    struct event_org *out = arena_alloc(r->a, sizeof *out * (no ? no : 1));
    for (size_t i = 0; i < no; i++) out[i] = (struct event_org){orgs[i].id, orgs[i].slug, orgs[i].name};
    *list = out;
    *n = no;
    return DB_OK;
}

struct event *load_event(req *r, const char *id_text)
{
    int64_t id;
    struct event *e = NULL;
    if (!parse_i64(id_text, &id) || id <= 0) {
        page_error(r, 404);
        return NULL;
    }
    enum db_rc rc = store_event_get(r->db, r->a, id, &e);
    if (rc == DB_NOTFOUND) {
        page_error(r, 404);
        return NULL;
    }
    if (rc != DB_OK) {
        page_fail(r, "event");
        return NULL;
    }
    if (!e->published && !can_organise(r, e)) {
        page_error(r, 404);
        return NULL;
    }
    return e;
}

struct occurrence *event_occurrence(req *r, struct event *e, const char *id_text)
{
    int64_t id;
    if (parse_i64(id_text, &id))
        for (size_t i = 0; i < e->nocc; i++)
            if (e->occ[i].id == id) return &e->occ[i];
    page_error(r, 404);
    return NULL;
}

const char *occ_when(req *r, const struct occurrence *o)
{
    return arena_printf(r->a, "%s, %s", fmt_ymd(r->a, r->lang, o->day),
                        fmt_hm_range(r->a, o->start_time, o->end_time));
}

int64_t occ_free(const struct occurrence *o)
{
    int64_t f = o->capacity - o->held - o->confirmed - o->offered;
    return f > 0 ? f : 0;
}

void events_home_block(req *r)
{
    struct occurrence *list;
    size_t n;
    struct occ_filter f = {0};
    if (store_occurrences_between(r->db, r->a, &f, r->now, r->now + 60LL * 86400, 3, &list, &n) != DB_OK || !n) return;
    html(r, "<section class=\"card\" aria-labelledby=\"evenemang\">\n<h2 id=\"evenemang\">%s</h2>\n<ul class=\"plain\">\n",
         T(r, "event.home.title"));
    for (size_t i = 0; i < n; i++)
        html(r, "<li><a href=\"/evenemang/%lld\">%s</a><br><span class=\"meta\">%s</span></li>\n",
             (long long)list[i].event_id, list[i].title, occ_when(r, &list[i]));
    html(r, "</ul>\n<p><a href=\"/evenemang\">%s</a></p>\n</section>\n", T(r, "event.home.all"));
}

static const char *S(const char *key)
{
    return i18n_get(LANG_SV, key);
}

enum db_rc events_mail_confirm(db *d, arena *a, const struct event *e, const struct occurrence *o,
                               const char *name, const char *email, const char *token, int64_t now)
{
    const char *base = site_base_url();
    const char *when = arena_printf(a, "%s, %s", fmt_ymd(a, LANG_SV, o->day),
                                    fmt_hm_range(a, o->start_time, o->end_time));
    const char *body = arena_printf(
        a, "%s %s,\n\n%s\n\n%s\n%s\n%s\n\n%s\n%s/evenemang/bekrafta/%s\n\n%s\n%s/evenemang/avboka/%s\n\n%s\n",
        S("mail.hello"), name, S("event.mail.confirm_intro"), e->title, when,
        *e->place_name ? arena_printf(a, "%s %s", e->place_name, e->place_address) : "",
        S("event.mail.confirm_link"), base, token, S("event.mail.cancel_link"), base, token,
        S("event.mail.not_you"));
    return store_outbox_add(d, 0, email, name, arena_printf(a, "%s: %s", S("event.mail.confirm_subject"), e->title),
                            body, now);
}

enum db_rc events_mail_change(db *d, arena *a, const struct event *e, const struct occurrence *o, bool cancel,
                              const char *day, const char *start, const char *end, int64_t now)
{
    struct registration *list;
    size_t n;
    enum db_rc rc = store_registrations_of(d, a, o->id, &list, &n);
    if (rc != DB_OK) return rc;
    const char *was = arena_printf(a, "%s, %s", fmt_ymd(a, LANG_SV, o->day), fmt_hm_range(a, o->start_time, o->end_time));
    const char *then = cancel ? "" : arena_printf(a, "%s, %s", fmt_ymd(a, LANG_SV, day), fmt_hm_range(a, start, end));
    for (size_t i = 0; i < n; i++) {
        const struct registration *g = &list[i];
        if (g->status == REG_EXPIRED || g->status == REG_UNCONFIRMED) continue;
        const char *body = arena_printf(a, "%s %s,\n\n%s\n\n%s\n%s\n%s%s\n", S("mail.hello"), g->name,
                                        S(cancel ? "event.mail.cancelled" : "event.mail.moved"), e->title, was,
                                        cancel ? "" : "\n", then);
        const char *subject = arena_printf(a, "%s: %s", S(cancel ? "event.mail.cancelled_subject" : "event.mail.moved_subject"),
                                           e->title);
        if ((rc = store_outbox_add(d, g->user_id, g->email, g->name, subject, body, now)) != DB_OK) return rc;
    }
    return DB_OK;
}

enum db_rc events_fill(db *d, arena *a, int64_t occurrence_id, int64_t now)
{
    struct occurrence o;
    enum db_rc rc = store_occurrence_get(d, a, occurrence_id, &o);
    if (rc != DB_OK) return rc;
    struct event *e = NULL;
    if ((rc = store_event_get(d, a, o.event_id, &e)) != DB_OK) return rc;
    int64_t window = offer_window(e->offer_hours, now, o.starts_at);
    if (window <= 0 || o.cancelled || e->status == EV_CANCELLED) return DB_OK;
    for (int guard = 0; guard < 1000; guard++) {
        const char *token = random_token(a, 32);
        struct registration g;
        bool made = false;
        rc = store_offer_next(d, a, occurrence_id, token_hash(a, token), now + window, now, &made, &g);
        if (rc != DB_OK || !made) return rc;
        const char *base = site_base_url();
        const char *when = arena_printf(a, "%s, %s", fmt_ymd(a, LANG_SV, o.day),
                                        fmt_hm_range(a, o.start_time, o.end_time));
        const char *body = arena_printf(a, "%s %s,\n\n%s\n\n%s\n%s\n\n%s %s.\n%s/evenemang/erbjudande/%s\n", S("mail.hello"),
                            g.name, S("event.mail.offer_intro"), e->title, when, S("event.mail.offer_until"),
                            fmt_datetime(a, LANG_SV, now + window), base, token);
        rc = store_outbox_add(d, g.user_id, g.email, g.name,
                              arena_printf(a, "%s: %s", S("event.mail.offer_subject"), e->title), body, now);
        if (rc != DB_OK) return rc;
    }
    return DB_OK;
}

struct fill_ctx {
    arena *a;
    int64_t occ, now;
};

static enum db_rc fill_tx(db *d, void *vctx)
{
    struct fill_ctx *c = vctx;
    return events_fill(d, c->a, c->occ, c->now);
}

void events_sweep_run(void *conn, int64_t ignored)
{
    (void)ignored;
    db *d = conn;
    int64_t now = clock_now();
    arena *a = arena_new();
    int64_t *occ = NULL;
    size_t n = 0;
    if (store_offers_expire(d, a, now, 200, &occ, &n) != DB_OK) log_warn("events: expiring offers failed");
    if (store_occurrences_to_offer(d, a, now, 200, &occ, &n) == DB_OK) {
        for (size_t i = 0; i < n; i++) {
            struct fill_ctx c = {a, occ[i], now};
            if (db_tx(d, true, fill_tx, &c) != DB_OK) log_warn("events: offering places failed");
        }
    }
    int64_t erased = 0;
    if (store_events_erase_due(d, now, &erased) != DB_OK) log_warn("events: erasing registrations failed");
    else if (erased) log_info("events: registrations of %lld occurrences erased after retention", (long long)erased);
    arena_free(a);
}
