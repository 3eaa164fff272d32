/* An event's page: what, when, where (with accessibility), who organises
 * it, its coming occurrences with places left; and registration for one
 * occurrence without an account (double opt-in by e-mail). */
#include <string.h>

#include "domain/pnr.h"
#include "http/session.h"
#include "util/crypto.h"
#include "util/log.h"
#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "view/markdown.h"
#include "web/action.h"
#include "web/dates.h"
#include "web/events/events.h"
#include "web/fragments.h"
#include "web/pages.h"
#include "web/site.h"

static void event_facts(req *r, const struct event *e)
{
    html_raw(r, "<dl class=\"facts\">\n");
    if (e->norgs) {
        html(r, "<dt>%s</dt><dd>", T(r, "event.organisers"));
        for (size_t i = 0; i < e->norgs; i++)
            html(r, "%s<a href=\"/organisationer/%s\">%s</a>", i ? ", " : "", e->orgs[i].slug, e->orgs[i].name);
        html_raw(r, "</dd>\n");
    }
    if (*e->place_name || *e->place_address) {
        html(r, "<dt>%s</dt><dd>%s", T(r, "event.place"), e->place_name);
        if (*e->place_address) html(r, "%s%s", *e->place_name ? ", " : "", e->place_address);
        if (*e->room) html(r, " (%s)", e->room);
        html_raw(r, "</dd>\n");
    }
    if (e->step_free || e->hearing_loop || e->quiet_room) {
        html(r, "<dt>%s</dt><dd><ul class=\"plain\">", T(r, "event.access"));
        if (e->step_free) html(r, "<li>%s</li>", T(r, "event.step_free"));
        if (e->hearing_loop) html(r, "<li>%s</li>", T(r, "event.hearing_loop"));
        if (e->quiet_room) html(r, "<li>%s</li>", T(r, "event.quiet_room"));
        html_raw(r, "</ul></dd>\n");
    }
    if (*e->online_url)
        html(r, "<dt>%s</dt><dd>%s</dd>\n", T(r, "event.online"),
             e->online_registered_only ? T(r, "event.online_registered") : e->online_url);
    if (*e->theme)
        html(r, "<dt>%s</dt><dd><a href=\"/evenemang?tema=%s\">%s</a></dd>\n", T(r, "event.theme"),
             url_encode(r->a, e->theme), e->theme);
    if (e->series_id)
        html(r, "<dt>%s</dt><dd><a href=\"/evenemang/serie/%s\">%s</a></dd>\n", T(r, "event.series"), e->series_slug,
             e->series_title);
    html(r, "<dt>%s</dt><dd>", T(r, "event.status_label"));
    status_tag(r, arena_printf(r->a, "event.status.%s", event_status_name(e->status)));
    html_raw(r, "</dd>\n</dl>\n");
}

static void occ_places(req *r, const struct event *e, const struct occurrence *o)
{
    if (o->cancelled) return status_tag(r, "event.occ.installd");
    if (e->drop_in) return (void)html(r, "%s", T(r, "event.drop_in"));
    int64_t f = occ_free(o);
    if (f > 0) html(r, "%s", Tf(r, "event.places_left", fmt_int(r->a, f)));
    else html(r, "%s", T(r, "event.full_waiting"));
}

static void h_event_page(req *r)
{
    struct event *e = load_event(r, r->params[0]);
    if (!e) return;
    page_begin(r, e->title);
    const char *crumbs[] = {"/evenemang", T(r, "event.calendar"), NULL, e->title};
    page_crumbs(r, crumbs, 4);
    html(r, "<h1>%s</h1>\n", e->title);
    if (!e->published) html(r, "<p class=\"notice\">%s</p>\n", T(r, "event.draft_notice"));
    event_facts(r, e);
    if (*e->description) {
        html(r, "<div class=\"prose\"%s>", sv_attr(r));
        /* rendered once per version of the event (its updated_at) and process */
        const char *key = arena_printf(r->a, "evd:%lld:%lld", (long long)e->id, (long long)e->updated_at);
        const char *done = fragment_get(r->a, key);
        if (!done) {
            done = markdown_to_html(r->a, e->description);
            fragment_put(key, done, strlen(done));
        }
        html_raw(r, done);
        html_raw(r, "</div>\n");
    }
    bool organiser = can_organise(r, e); /* once: it asks the store per organisation */
    html(r, "<h2 id=\"tillfallen\">%s</h2>\n", T(r, "event.occurrences"));
    size_t shown = 0;
    html_raw(r, "<ul class=\"cards\">\n");
    for (size_t i = 0; i < e->nocc && shown < 60; i++) {
        const struct occurrence *o = &e->occ[i];
        if (o->ends_at < r->now) continue;
        shown++;
        html(r, "<li class=\"card\"><h3>%s</h3>\n<p>", occ_when(r, o));
        occ_places(r, e, o);
        html_raw(r, "</p>\n");
        if (!o->cancelled && !e->drop_in && !registration_refusal(e->status, e->published, o->cancelled, r->now, o->starts_at))
            html(r, "<p><a class=\"button\" href=\"/evenemang/%lld/tillfalle/%lld\">%s<span class=\"visually-hidden\"> %s</span></a></p>\n",
                 (long long)e->id, (long long)o->id, T(r, "event.register"), occ_when(r, o));
        if (organiser)
            html(r, "<p><a href=\"/evenemang/%lld/tillfalle/%lld/anmalningar\">%s<span class=\"visually-hidden\"> %s</span></a></p>\n",
                 (long long)e->id, (long long)o->id, T(r, "event.registrations"), occ_when(r, o));
        html_raw(r, "</li>\n");
    }
    html_raw(r, "</ul>\n");
    if (!shown) html(r, "<p>%s</p>\n", T(r, "event.no_coming"));
    html(r, "<p><a href=\"/evenemang/%lld/kalender.ics\">%s</a> · <a href=\"/evenemang/%lld/utskrift\">%s</a></p>\n",
         (long long)e->id, T(r, "event.ics"), (long long)e->id, T(r, "event.print"));
    if (organiser)
        html(r, "<p class=\"buttons\"><a class=\"button secondary\" href=\"/evenemang/%lld/redigera\">%s</a></p>\n",
             (long long)e->id, T(r, "event.edit"));
    page_end(r);
}

static void h_event(req *r)
{
    page_in_snapshot(r, h_event_page);
}

/* ---- a poster to print: the cover text, when, where, how to register ---- */

static void h_print_page(req *r)
{
    struct event *e = load_event(r, r->params[0]);
    if (!e) return;
    r->mime = "text/html; charset=utf-8";
    html(r, "<!doctype html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>%s – %s</title>\n<link rel=\"stylesheet\" href=\"%s\">\n</head>\n"
            "<body class=\"print-view\">\n<main>\n<p class=\"screen-only\"><a href=\"/evenemang/%lld\">%s</a></p>\n"
            "<h1>%s</h1>\n",
         lang_code(r->lang), e->title, T(r, "event.print"), static_css_url(), (long long)e->id, T(r, "event.back"), e->title);
    if (*e->print_text) user_paragraphs(r, &r->body, e->print_text);
    html_raw(r, "<ul>\n");
    size_t shown = 0;
    for (size_t i = 0; i < e->nocc && shown < 12; i++) {
        if (e->occ[i].ends_at < r->now || e->occ[i].cancelled) continue;
        shown++;
        html(r, "<li>%s</li>\n", occ_when(r, &e->occ[i]));
    }
    html_raw(r, "</ul>\n");
    event_facts(r, e);
    html(r, "<p>%s %s/evenemang/%lld</p>\n</main>\n</body>\n</html>\n", T(r, e->drop_in ? "event.print_more" : "event.print_register"),
         site_base_url(), (long long)e->id);
}

static void h_print(req *r)
{
    page_in_snapshot(r, h_print_page);
}

/* ---- registration ---- */

/* Registrations (and links sent again) per client address in ten minutes:
 * each sends an e-mail to an address typed in, so a script must not turn
 * the form into a way of mailing strangers. */
enum { REG_RATE_WINDOW = 600, REG_RATE_MAX = 20 };

static bool rate_ok(req *r, struct form *f, const char *field)
{
    if (r->user) return true;
    int64_t hits = 0;
    const char *bucket = arena_printf(r->a, "event-reg:%s", client_hash(r));
    if (store_rate_hit(r->db, bucket, r->now, REG_RATE_WINDOW, &hits) != DB_OK) {
        log_warn("event registration: the rate limit could not be read");
        return true;
    }
    if (hits <= REG_RATE_MAX) return true;
    form_error(f, field, "event.err.rate");
    return false;
}

struct reg_input {
    const char *name, *email, *needs, *year;
    int64_t birth_year;
};

static void reg_form(req *r, const struct form *f, const struct event *e, const struct occurrence *o,
                     const struct reg_input *in)
{
    page_begin(r, T(r, "event.register_title"));
    const char *crumbs[] = {"/evenemang", T(r, "event.calendar"), arena_printf(r->a, "/evenemang/%lld", (long long)e->id),
                            e->title, NULL, T(r, "event.register_title")};
    page_crumbs(r, crumbs, 6);
    html(r, "<h1>%s</h1>\n<p class=\"lead\">%s<br>%s</p>\n", T(r, "event.register_title"), e->title, occ_when(r, o));
    if (occ_free(o) == 0) html(r, "<p class=\"notice\">%s</p>\n", T(r, "event.full_notice"));
    form_summary(r, f);
    html(r, "<p>%s</p>\n", T(r, "event.register_intro"));
    form_open(r, arena_printf(r->a, "/evenemang/%lld/tillfalle/%lld", (long long)e->id, (long long)o->id), false);
    field_input(r, f, &(struct field){.name = "namn", .label = "event.f.name", .value = in->name, .autocomplete = "name",
                                      .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "epost", .label = "event.f.email", .hint = "event.f.email_hint", .type = "email",
                                      .value = in->email, .autocomplete = "email", .flags = F_REQUIRED});
    field_textarea(r, f, &(struct field){.name = "behov", .label = "event.f.needs", .hint = "event.f.needs_hint",
                                         .value = in->needs, .rows = 3});
    if (e->youth)
        field_input(r, f, &(struct field){.name = "fodelsear", .label = "event.f.birth_year", .hint = "event.f.birth_year_hint",
                                          .type = "number", .value = in->year, .extra = "inputmode=\"numeric\"", .flags = F_REQUIRED});
    form_submit(r, "event.register");
    form_close(r);
    page_end(r);
}

static struct event *reg_target(req *r, struct occurrence **o)
{
    struct event *e = load_event(r, r->params[0]);
    if (!e) return NULL;
    *o = event_occurrence(r, e, r->params[1]);
    if (!*o) return NULL;
    const char *why = e->drop_in ? "event.err.drop_in"
                                 : registration_refusal(e->status, e->published, (*o)->cancelled, r->now, (*o)->starts_at);
    if (why) {
        page_message(r, 400, "event.register_title", why);
        return NULL;
    }
    return e;
}

static void h_reg_form(req *r)
{
    struct occurrence *o;
    struct event *e = reg_target(r, &o);
    if (!e) return;
    struct form f;
    form_init(&f, r);
    struct reg_input in = {r->user ? r->user->name : "", r->user ? r->user->email : "", "", ""};
    reg_form(r, &f, e, o, &in);
}

struct reg_ctx {
    const struct event *e;
    const struct occurrence *o;
    struct registration g;
    const char *token;
    enum reg_status status;
};

static enum db_rc reg_action(req *r, void *vctx)
{
    struct reg_ctx *c = vctx;
    int64_t id;
    enum db_rc rc = store_registration_add(r->db, &c->g, token_hash(r->a, c->token), r->now, &id);
    if (rc != DB_OK) return rc;
    if (c->g.user_id) {
        /* signed in: the address is the account's, known already */
        return store_registration_confirm(r->db, id, r->now, &c->status);
    }
    c->status = REG_UNCONFIRMED;
    return events_mail_confirm(r->db, r->a, c->e, c->o, c->g.name, c->g.email, c->token, r->now);
}

static void read_reg(struct form *f, const struct event *e, struct reg_input *in)
{
    in->name = form_text(f, "namn", 200, F_REQUIRED);
    in->email = form_text(f, "epost", 254, F_REQUIRED);
    in->needs = form_text(f, "behov", 1000, F_MULTILINE);
    if (*in->email && !form_err(f, "epost")) {
        const char *why = validate_email(in->email);
        if (why) form_error(f, "epost", why);
    }
    /* not published, but a personal identity number is not ours to keep */
    form_no_pnr(f, "namn", in->name);
    form_no_pnr(f, "behov", in->needs);
    in->year = "";
    if (e->youth) {
        in->year = req_form(f->r, "fodelsear") ? req_form(f->r, "fodelsear") : "";
        form_int(f, "fodelsear", current_year(f->r) - 120, current_year(f->r), true, 0, &in->birth_year);
    }
}

static void h_register(req *r)
{
    struct occurrence *o;
    struct event *e = reg_target(r, &o);
    if (!e) return;
    struct form f;
    form_init(&f, r);
    struct reg_input in = {0};
    read_reg(&f, e, &in);
    if (form_ok(&f) && !rate_ok(r, &f, "epost")) {
        r->status = 429;
        return reg_form(r, &f, e, o, &in);
    }
    if (!form_ok(&f)) {
        r->status = 400;
        return reg_form(r, &f, e, o, &in);
    }
    struct reg_ctx c = {.e = e, .o = o, .token = random_token(r->a, 32)};
    c.g = (struct registration){.occurrence_id = o->id, .user_id = r->user ? r->user->id : 0, .name = in.name,
                                .email = in.email, .needs = in.needs, .birth_year = in.birth_year};
    enum db_rc rc = action_run(r, reg_action, &c);
    if (rc == DB_CONSTRAINT) {
        /* registered already: say so and offer the link again */
        r->status = 409;
        page_begin(r, T(r, "event.already_title"));
        html(r, "<h1>%s</h1>\n<p>%s</p>\n", T(r, "event.already_title"), T(r, "event.already_text"));
        form_open(r, arena_printf(r->a, "/evenemang/%lld/tillfalle/%lld/skicka-igen", (long long)e->id, (long long)o->id), false);
        html(r, "<input type=\"hidden\" name=\"epost\" value=\"%s\">\n", in.email);
        form_submit(r, "event.resend");
        form_close(r);
        page_end(r);
        return;
    }
    if (rc != DB_OK) return page_not_saved(r, "event registration");
    resp_redirect(r, c.status == REG_CONFIRMED ? "/evenemang/anmald?s=bekraftad"
                     : c.status == REG_WAITING ? "/evenemang/anmald?s=vantar"
                                               : "/evenemang/anmald");
}

struct resend_ctx {
    const struct event *e;
    const struct occurrence *o;
    const char *email, *token;
    bool found;
};

static enum db_rc resend_action(req *r, void *vctx)
{
    struct resend_ctx *c = vctx;
    struct registration g;
    enum db_rc rc = store_registration_retoken(r->db, r->a, c->o->id, c->email, token_hash(r->a, c->token), r->now, &g);
    c->found = rc == DB_OK;
    if (rc == DB_NOTFOUND) return DB_OK;
    if (rc != DB_OK) return rc;
    return events_mail_confirm(r->db, r->a, c->e, c->o, g.name, g.email, c->token, r->now);
}

static void h_resend(req *r)
{
    struct event *e = load_event(r, r->params[0]);
    if (!e) return;
    struct occurrence *o = event_occurrence(r, e, r->params[1]);
    if (!o) return;
    struct form f;
    form_init(&f, r);
    const char *email = form_text(&f, "epost", 254, F_REQUIRED);
    if (!form_ok(&f) || validate_email(email)) return page_message(r, 400, "event.already_title", "event.err.email");
    if (!rate_ok(r, &f, "epost")) return page_message(r, 429, "event.already_title", "event.err.rate");
    struct resend_ctx c = {e, o, email, random_token(r->a, 32), false};
    if (action_run(r, resend_action, &c) != DB_OK) return page_not_saved(r, "event resend");
    /* the same answer whether or not the address was registered */
    resp_redirect(r, "/evenemang/anmald");
}

static void h_done(req *r)
{
    const char *s = req_query(r, "s");
    const char *key = s && strcmp(s, "bekraftad") == 0 ? "event.done_confirmed"
                      : s && strcmp(s, "vantar") == 0  ? "event.done_waiting"
                                                       : "event.done_mail";
    page_message(r, 200, "event.done_title", key);
}

const struct route event_page_routes[] = {
    {M_GET, "/evenemang/anmald", h_done, 0},
    {M_GET, "/evenemang/*", h_event, 0},
    {M_GET, "/evenemang/*/utskrift", h_print, 0},
    {M_GET, "/evenemang/*/tillfalle/*", h_reg_form, 0},
    {M_POST, "/evenemang/*/tillfalle/*", h_register, 0},
    {M_POST, "/evenemang/*/tillfalle/*/skicka-igen", h_resend, 0},
    {0, NULL, NULL, 0},
};
