/* Registration for a hackathon (issue 11, item 3).  Signed in, a person
 * registers in one step: a place is taken at once (or the waiting list).
 * Without an account, the registration waits for the e-mail's link (double
 * opt-in through the outbox); the link shows a button, and pressing it
 * (a POST, so that mail scanners that open links confirm nothing) takes a
 * place and links the account with the same address, if there is one.
 * Places are taken by one conditional UPDATE (store/hackathons.h), so the
 * capacity is never over-filled.  An address registers once.
 *
 * Young people (13–18 by birth year only) give their birth year; under 15
 * a guardian's contact when the organisers ask for it. */
#include <ctype.h>
#include <string.h>

#include "http/session.h"
#include "util/crypto.h"
#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/hackathon/hackathon.h"
#include "web/notify.h"
#include "web/site.h"

enum { REG_MAX_PER_CLIENT = 10 };

struct reg_input {
    const char *name, *email, *kind, *birth_year, *guardian, *skills, *needs;
    const char *pref[3];
    bool all_days;
};

static void reg_form(req *r, const struct form *f, const struct hackathon *h, const struct reg_input *v)
{
    r->sheet = "hackathon";
    page_begin(r, Tf(r, "hack.reg_title", h->name));
    hack_crumbs(r, h, T(r, "hack.register"));
    html(r, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", Tf(r, "hack.reg_title", h->name), T(r, "hack.reg_intro"));
    if (h->registered >= h->capacity) html(r, "<p class=\"notice\">%s</p>\n", T(r, "hack.reg_full"));
    form_summary(r, f);
    form_open(r, arena_printf(r->a, "/inhabithon/%s/anmalan", h->slug), false);
    form_once_field(r);
    if (r->user) {
        html(r, "<p>%s</p>\n", Tf(r, "hack.reg_as", r->user->name));
    } else {
        html(r, "<p>%s</p>\n", T(r, "hack.reg_no_account"));
        field_input(r, f, &(struct field){.name = "namn", .label = "hack.f_your_name", .value = v->name,
                                          .autocomplete = "name", .flags = F_REQUIRED});
        field_input(r, f, &(struct field){.name = "epost", .label = "hack.f_email", .type = "email",
                                          .value = v->email, .autocomplete = "email", .flags = F_REQUIRED});
    }
    struct option ko[HACK_KIND_COUNT];
    for (int i = 0; i < HACK_KIND_COUNT; i++)
        ko[i] = (struct option){hack_kind_name((enum hack_kind)i),
                                T(r, arena_printf(r->a, "hack.kind.%s", hack_kind_name((enum hack_kind)i)))};
    field_radios(r, f, &(struct field){.name = "typ", .label = "hack.f_kind", .value = v->kind, .flags = F_REQUIRED},
                 ko, HACK_KIND_COUNT);
    field_input(r, f, &(struct field){.name = "fodelsear", .label = "hack.f_birth_year", .hint = "hack.f_birth_year_hint",
                                      .type = "number", .value = v->birth_year, .extra = "min=\"1990\" max=\"2099\""});
    if (h->guardian_under_15)
        field_input(r, f, &(struct field){.name = "malsman", .label = "hack.f_guardian_contact",
                                          .hint = "hack.f_guardian_contact_hint", .value = v->guardian});
    struct option *co = arena_alloc(r->a, (h->nchallenges + 1) * sizeof *co);
    co[0] = (struct option){"0", T(r, "hack.f_pref_none")};
    for (size_t i = 0; i < h->nchallenges; i++)
        co[i + 1] = (struct option){arena_printf(r->a, "%lld", (long long)h->challenges[i].id), h->challenges[i].title};
    static const char *const pl[] = {"hack.f_pref_1", "hack.f_pref_2", "hack.f_pref_3"};
    for (int i = 0; i < 3; i++)
        field_select(r, f, &(struct field){.name = arena_printf(r->a, "val-%d", i + 1), .label = pl[i],
                                           .value = v->pref[i]},
                     co, h->nchallenges + 1);
    field_textarea(r, f, &(struct field){.name = "kompetens", .label = "hack.f_skills", .hint = "hack.f_skills_hint",
                                         .value = v->skills, .rows = 3});
    field_checkbox(r, "alla_dagar", "hack.f_all_days", v->all_days);
    field_textarea(r, f, &(struct field){.name = "behov", .label = "hack.f_needs", .hint = "hack.f_needs_hint",
                                         .value = v->needs, .rows = 3});
    form_submit(r, "hack.register");
    form_close(r);
    page_end(r);
}

static void h_form(req *r)
{
    struct hackathon *h = load_hack(r, r->params[0]);
    if (!h) return;
    if (!hack_registration_open(h->phase))
        return page_message(r, 400, "hack.reg_closed_title", "hack.reg_closed");
    struct form f;
    form_init(&f, r);
    struct reg_input v = {"", "", "", "", "", "", "", {"0", "0", "0"}, false};
    /* a young person's account already knows the birth year */
    if (r->user && req_has_role(r, ROLE_UNGDOM)) {
        v.kind = "ungdom";
        if (r->user->birth_year) v.birth_year = arena_printf(r->a, "%lld", (long long)r->user->birth_year);
    }
    reg_form(r, &f, h, &v);
}

static char *lower(arena *a, const char *s)
{
    char *o = arena_strdup(a, s);
    for (char *p = o; *p; p++) *p = (char)tolower((unsigned char)*p);
    return o;
}

struct reg_ctx {
    struct form *f;
    const struct hackathon *h;
    struct hack_registration reg;
    const char *token, *status;
    bool again;
    int64_t id;
};

static enum db_rc reg_action(req *r, void *ctx)
{
    struct reg_ctx *c = ctx;
    enum db_rc rc = form_once_take(c->f, &c->again);
    if (rc != DB_OK || c->again) return rc;
    bool signed_in = r->user != NULL;
    rc = store_hack_register(r->db, &c->reg, signed_in ? NULL : token_hash(r->a, c->token), signed_in, r->now,
                             &c->id, &c->status);
    if (rc != DB_OK) return rc;
    rc = store_audit(r->db, r->now, signed_in ? r->user->id : 0, "inhabithon.anmalan",
                     arena_printf(r->a, "hackathon:%lld", (long long)c->h->id), c->status);
    if (rc != DB_OK) return rc;
    if (!signed_in) {
        const char *link = arena_printf(r->a, "%s/inhabithon/%s/bekrafta?t=%s", site_base_url(), c->h->slug, c->token);
        const char *body = arena_printf(r->a, "%s %s,\n\n%s\n\n%s\n\n%s\n\n-- \n%s\n", i18n_get(LANG_SV, "mail.hello"),
                                        c->reg.name, Tf(r, "hack.mail_confirm_text", c->h->name), link,
                                        T(r, "hack.mail_confirm_ignore"), i18n_get(LANG_SV, "mail.footer"));
        rc = store_outbox_add(r->db, 0, c->reg.email, c->reg.name, Tf(r, "hack.mail_confirm_subject", c->h->name),
                              body, r->now);
    } else {
        rc = store_notify(r->db, r->user->id,
                          Tf(r, c->status[0] == 'a' ? "hack.notice_registered" : "hack.notice_waiting", c->h->name),
                          arena_printf(r->a, "/inhabithon/%s", c->h->slug), r->now);
    }
    return rc;
}

static void h_register(req *r)
{
    struct hackathon *h = load_hack(r, r->params[0]);
    if (!h) return;
    if (!hack_registration_open(h->phase))
        return page_message(r, 400, "hack.reg_closed_title", "hack.reg_closed");
    struct form f;
    form_init(&f, r);
    struct reg_input v = {0};
    struct reg_ctx c = {.f = &f, .h = h};
    struct hack_registration *g = &c.reg;
    g->hackathon_id = h->id;
    if (r->user) {
        v.name = r->user->name;
        v.email = r->user->email;
        g->user_id = r->user->id;
    } else {
        v.name = form_text(&f, "namn", NAME_MAX_CHARS, F_REQUIRED);
        v.email = lower(r->a, form_text(&f, "epost", EMAIL_MAX, F_REQUIRED));
        const char *e;
        if (!form_err(&f, "epost") && (e = validate_email(v.email))) form_error(&f, "epost", e);
    }
    v.kind = form_text(&f, "typ", 20, F_REQUIRED);
    int kind = hack_kind_from_name(v.kind);
    if (*v.kind && kind < 0) form_error(&f, "typ", "err.choice");
    v.birth_year = form_text(&f, "fodelsear", 10, 0);
    int64_t by = 0;
    if (*v.birth_year && (!parse_i64(v.birth_year, &by) || by < 1900 || by > current_year(r)))
        form_error(&f, "fodelsear", "hack.err.birth_year");
    v.guardian = h->guardian_under_15 ? form_text(&f, "malsman", 200, 0) : "";
    if (kind >= 0 && !form_err(&f, "fodelsear")) {
        const char *bad = hack_registration_check((enum hack_kind)kind, by, current_year(r), h->guardian_under_15,
                                                  v.guardian);
        if (bad) form_error(&f, strcmp(bad, "hack.err.guardian") == 0 ? "malsman" : "fodelsear", bad);
    }
    for (int i = 0; i < 3; i++) {
        const char *name = arena_printf(r->a, "val-%d", i + 1);
        v.pref[i] = form_text(&f, name, 20, 0);
        int64_t id = 0;
        if (!*v.pref[i] || strcmp(v.pref[i], "0") == 0) continue;
        bool known = parse_i64(v.pref[i], &id);
        bool found = false;
        for (size_t k = 0; known && k < h->nchallenges; k++) found |= h->challenges[k].id == id;
        for (int k = 0; k < i; k++) found &= g->prefs[k] != id;
        if (!found) form_error(&f, name, "hack.err.pref");
        else g->prefs[i] = id;
    }
    v.skills = form_text(&f, "kompetens", 2000, F_MULTILINE);
    v.needs = form_text(&f, "behov", 2000, F_MULTILINE);
    v.all_days = form_check(&f, "alla_dagar");
    form_no_pnr(&f, "kompetens", v.skills);
    /* without an account every registration sends an e-mail: at most
     * REG_MAX_PER_CLIENT an hour from one client, so that the form cannot
     * be used to flood someone's inbox */
    int64_t hits = 0;
    if (!r->user && form_ok(&f)) {
        if (store_rate_hit(r->db, arena_printf(r->a, "inhabithon:%s", client_hash(r)), r->now, 3600, &hits) != DB_OK)
            return page_fail(r, "registration rate");
        if (hits > REG_MAX_PER_CLIENT) form_error(&f, "epost", "err.rate_limited");
    }
    if (!form_ok(&f)) {
        r->status = hits > REG_MAX_PER_CLIENT ? 429 : 400;
        return reg_form(r, &f, h, &v);
    }
    g->email = v.email;
    g->name = v.name;
    g->birth_year = kind == HACK_YOUTH ? by : 0;
    g->guardian = kind == HACK_YOUTH ? v.guardian : "";
    g->kind = (enum hack_kind)kind;
    g->skills = v.skills;
    g->needs = v.needs;
    g->all_days = v.all_days;
    c.token = random_token(r->a, 24);
    enum db_rc rc = action_run(r, reg_action, &c);
    if (rc == DB_CONSTRAINT) {
        form_error(&f, r->user ? "typ" : "epost", "hack.err.registered");
        r->status = 400;
        return reg_form(r, &f, h, &v);
    }
    if (rc != DB_OK) return page_not_saved(r, "registration");
    if (c.again) return resp_redirect(r, arena_printf(r->a, "/inhabithon/%s", h->slug));
    if (!r->user) resp_flash(r, "hack.flash_check_mail");
    else resp_flash(r, strcmp(c.status, "anmald") == 0 ? "hack.flash_registered" : "hack.flash_waiting");
    resp_redirect(r, arena_printf(r->a, "/inhabithon/%s", h->slug));
}

/* ---- the e-mail's link ---- */

static const char *read_token(const char *t)
{
    if (!t || strlen(t) < 16 || strlen(t) > 128) return NULL;
    for (const char *p = t; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_') return NULL;
    return t;
}

static void h_confirm_form(req *r)
{
    struct hackathon *h = load_hack(r, r->params[0]);
    if (!h) return;
    const char *t = NULL;
    if (!query_text(r, "t", 128, &t)) return page_error(r, 400);
    if (!read_token(t)) return page_message(r, 400, "hack.confirm_bad_title", "hack.confirm_bad");
    r->sheet = "hackathon";
    page_begin(r, T(r, "hack.confirm_title"));
    hack_crumbs(r, h, T(r, "hack.confirm_title"));
    html(r, "<h1>%s</h1>\n<p>%s</p>\n", T(r, "hack.confirm_title"), Tf(r, "hack.confirm_text", h->name));
    form_open(r, arena_printf(r->a, "/inhabithon/%s/bekrafta", h->slug), false);
    html(r, "<input type=\"hidden\" name=\"t\" value=\"%s\">\n", t);
    form_submit(r, "hack.confirm_button");
    form_close(r);
    page_end(r);
}

struct confirm_ctx {
    const struct hackathon *h;
    const char *token;
    struct hack_registration reg;
};

static enum db_rc confirm_action(req *r, void *ctx)
{
    struct confirm_ctx *c = ctx;
    enum db_rc rc = store_hack_confirm(r->db, c->h->id, token_hash(r->a, c->token), r->now, &c->reg, r->a);
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, c->reg.user_id, "inhabithon.bekrafta",
                         arena_printf(r->a, "hackathon:%lld", (long long)c->h->id), c->reg.status);
    return rc;
}

static void h_confirm(req *r)
{
    struct hackathon *h = load_hack(r, r->params[0]);
    if (!h) return;
    const char *t = read_token(req_form(r, "t"));
    if (!t) return page_message(r, 400, "hack.confirm_bad_title", "hack.confirm_bad");
    if (!hack_registration_open(h->phase))
        return page_message(r, 400, "hack.reg_closed_title", "hack.reg_closed");
    struct confirm_ctx c = {h, t, {0}};
    enum db_rc rc = action_run(r, confirm_action, &c);
    if (rc == DB_NOTFOUND) return page_message(r, 400, "hack.confirm_bad_title", "hack.confirm_bad");
    if (rc != DB_OK) return page_not_saved(r, "registration confirm");
    resp_flash(r, strcmp(c.reg.status, "anmald") == 0 ? "hack.flash_registered" : "hack.flash_waiting");
    resp_redirect(r, arena_printf(r->a, "/inhabithon/%s", h->slug));
}

/* ---- withdrawing: the first on the waiting list moves up ---- */

struct withdraw_ctx {
    const struct hackathon *h;
    struct hack_registration up;
};

static enum db_rc withdraw_action(req *r, void *ctx)
{
    struct withdraw_ctx *c = ctx;
    enum db_rc rc = store_hack_withdraw(r->db, r->a, c->h->id, r->user->id, &c->up);
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, r->user->id, "inhabithon.avanmalan",
                         arena_printf(r->a, "hackathon:%lld", (long long)c->h->id), "");
    if (rc != DB_OK || !c->up.id) return rc;
    const char *text = Tf(r, "hack.notice_moved_up", c->h->name);
    const char *link = arena_printf(r->a, "/inhabithon/%s", c->h->slug);
    if (c->up.user_id) return notify_user(r, c->up.user_id, text, text, link);
    const char *body = arena_printf(r->a, "%s %s,\n\n%s\n\n%s%s\n\n-- \n%s\n", i18n_get(LANG_SV, "mail.hello"),
                                    c->up.name, text, site_base_url(), link, i18n_get(LANG_SV, "mail.footer"));
    return store_outbox_add(r->db, 0, c->up.email, c->up.name, text, body, r->now);
}

static void h_withdraw(req *r)
{
    struct hackathon *h = load_hack(r, r->params[0]);
    if (!h) return;
    if (!hack_teams_open(h->phase)) return page_message(r, 400, "hack.withdraw_closed_title", "hack.withdraw_closed");
    struct withdraw_ctx c = {h, {0}};
    enum db_rc rc = action_run(r, withdraw_action, &c);
    if (rc == DB_NOTFOUND) return page_message(r, 400, "hack.not_registered_title", "hack.not_registered");
    if (rc == DB_CONFLICT)
        return page_conflict(r, 409, "hack.withdraw_conflict_title", T(r, "hack.withdraw_conflict"),
                             arena_printf(r->a, "/inhabithon/%s", h->slug));
    if (rc != DB_OK) return page_not_saved(r, "withdraw");
    resp_flash(r, "hack.flash_withdrawn");
    resp_redirect(r, arena_printf(r->a, "/inhabithon/%s", h->slug));
}

/* ---- the organisers' list ---- */

static void h_list(req *r)
{
    struct hackathon *h = load_hack(r, r->params[0]);
    if (!h) return;
    if (!hack_organiser(r)) return page_error(r, 403);
    struct hack_registration *regs = NULL;
    size_t n = 0;
    if (store_hack_registrations(r->db, r->a, h->id, &regs, &n) != DB_OK) return page_fail(r, "registrations");
    r->sheet = "hackathon";
    page_begin(r, Tf(r, "hack.regs_title", h->name));
    hack_crumbs(r, h, T(r, "hack.regs"));
    html(r, "<h1>%s</h1>\n<p>%s</p>\n", Tf(r, "hack.regs_title", h->name),
         Tf(r, "hack.regs_count", arena_printf(r->a, "%zu", n)));
    if (h->guests_erased_at)
        html(r, "<p>%s</p>\n", Tf(r, "hack.regs_erased", fmt_int(r->a, h->guests_erased)));
    table_open(r, T(r, "hack.regs"), "scroll");
    html(r, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
            "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
            "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
         T(r, "hack.f_your_name"), T(r, "hack.f_kind"), T(r, "hack.col_status"), T(r, "hack.col_prefs"),
         T(r, "hack.f_skills"), T(r, "hack.f_all_days"), T(r, "hack.f_needs"), T(r, "hack.f_guardian_contact"));
    for (size_t i = 0; i < n; i++) {
        const struct hack_registration *g = &regs[i];
        html(r, "<tr><td>%s</td><td>%s", g->name,
             T(r, arena_printf(r->a, "hack.kind.%s", hack_kind_name(g->kind))));
        if (g->birth_year) html(r, " (%lld)", (long long)g->birth_year);
        const char *st = hack_reg_status_name(g->status);
        html(r, "</td><td>%s</td><td>", st ? T(r, arena_printf(r->a, "hack.reg.%s", hack_reg_status_name(g->status))) : g->status);
        for (int k = 0; k < 3; k++)
            for (size_t c = 0; g->prefs[k] && c < h->nchallenges; c++)
                if (h->challenges[c].id == g->prefs[k]) html(r, "%s%d. %s", k ? ", " : "", k + 1, h->challenges[c].title);
        html(r, "</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", g->skills,
             T(r, g->all_days ? "hack.yes" : "hack.no"), g->needs, g->guardian);
    }
    html_raw(r, "</tbody>\n");
    table_close(r);
    page_end(r);
}

const struct route registration_routes[] = {
    {M_GET, "/inhabithon/*/anmalan", h_form, 0},
    {M_POST, "/inhabithon/*/anmalan", h_register, 0},
    {M_GET, "/inhabithon/*/bekrafta", h_confirm_form, 0},
    {M_POST, "/inhabithon/*/bekrafta", h_confirm, 0},
    {M_GET, "/inhabithon/*/anmalningar", h_list, R_AUTH},
    {M_POST, "/inhabithon/*/avanmalan", h_withdraw, R_AUTH},
    {0, NULL, NULL, 0},
};
