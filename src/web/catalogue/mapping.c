/* Kartläggning (issue 10, Helsam's action item of 21 March 2022): an
 * umbrella organisation's representative or a coordinator asks
 * organisations to fill in what they offer.  Each asked organisation's
 * representatives are told in the site and by e-mail; an organisation
 * without an account gets a one-time link (shown once to the asker, only
 * its hash kept).  The asker sees who has answered and reminds the rest
 * (a new link); the answers are the catalogue itself. */
#include <string.h>

#include "store/store.h"
#include "util/crypto.h"
#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/action.h"
#include "web/catalogue/catalogue.h"
#include "web/notify.h"
#include "web/pages.h"
#include "web/site.h"

static bool is_staff(req *r)
{
    return r->user && (user_has(r->user, ROLE_KOORDINATOR) || user_has(r->user, ROLE_ADMIN));
}

/* Umbrella organisations r's user may ask for (coordinators: every umbrella). */
static struct org *asking_orgs(req *r, size_t *n)
{
    struct org *list = NULL, *mine = NULL;
    size_t k = 0;
    *n = 0;
    if (is_staff(r)) {
        if (store_orgs_list(r->db, r->a, ORG_PARAPLY, NULL, &list, n) != DB_OK) *n = 0;
        return list;
    }
    if (store_user_orgs(r->db, r->a, r->user->id, &mine, &k) != DB_OK) return NULL;
    list = arena_alloc(r->a, (k + 1) * sizeof *list);
    for (size_t i = 0; i < k; i++)
        if (mine[i].kind == ORG_PARAPLY) list[(*n)++] = mine[i];
    return list;
}

static bool may_follow(req *r, const struct mapping_request *m)
{
    if (is_staff(r) || m->created_by == r->user->id) return true;
    bool rep = false;
    return m->org_id && store_org_is_rep(r->db, m->org_id, r->user->id, &rep) == DB_OK && rep;
}

static const char *answer_link(req *r, const char *token)
{
    return arena_printf(r->a, "%s/kartlaggning/svar/%s", site_base_url(), token);
}

/* ---- the overview ---- */

static void h_index(req *r)
{
    struct mapping_request *reqs = NULL;
    struct mapping_recipient *todo = NULL;
    size_t nreqs = 0, ntodo = 0, nasking = 0;
    if (store_mapping_list(r->db, r->a, r->user->id, is_staff(r), &reqs, &nreqs) != DB_OK ||
        store_mapping_to_answer(r->db, r->a, r->user->id, &todo, &ntodo) != DB_OK)
        return page_fail(r, "mapping");
    asking_orgs(r, &nasking);
    page_begin(r, T(r, "mapping.title"));
    html(r, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", T(r, "mapping.title"), T(r, "mapping.intro"));
    if (ntodo) {
        html(r, "<h2>%s</h2>\n<ul class=\"cards\">\n", T(r, "mapping.to_answer"));
        for (size_t i = 0; i < ntodo; i++) {
            const struct mapping_recipient *x = &todo[i];
            html(r, "<li class=\"card\">\n<h3>%s</h3>\n<p class=\"meta\">%s %s · %s</p>\n<p>%s</p>\n"
                    "<p>%s %lld</p>\n<p><a class=\"button\" href=\"/utbud/ny?org=%s\">%s</a></p>\n",
                 x->request_title, T(r, "mapping.from"), x->asker, x->org_name, x->request_message,
                 T(r, "mapping.offerings_now"), (long long)x->offerings, x->org_slug, T(r, "catalogue.new"));
            button_form(r, arena_printf(r->a, "/kartlaggning/besvara/%lld", (long long)x->id), "mapping.done",
                        NULL, NULL, NULL);
            html_raw(r, "</li>\n");
        }
        html_raw(r, "</ul>\n");
    }
    if (nasking) html(r, "<p><a class=\"button\" href=\"/kartlaggning/ny\">%s</a></p>\n", T(r, "mapping.new"));
    html(r, "<h2>%s</h2>\n", T(r, "mapping.requests"));
    if (!nreqs) html(r, "<p>%s</p>\n", T(r, "mapping.none"));
    else html_raw(r, "<ul>\n");
    for (size_t i = 0; i < nreqs; i++)
        html(r, "<li><a href=\"/kartlaggning/%lld\">%s</a> – %s %lld %s %lld</li>\n", (long long)reqs[i].id,
             reqs[i].title, T(r, "mapping.answered_count"), (long long)reqs[i].answered, T(r, "mapping.of"),
             (long long)reqs[i].recipients);
    if (nreqs) html_raw(r, "</ul>\n");
    page_end(r);
}

/* ---- a new request ---- */

static void new_form(req *r, const struct form *f, const char *title, const char *message, int64_t asking,
                     const int64_t *picked, size_t npicked)
{
    size_t nasking = 0, norgs = 0;
    struct org *umbrellas = asking_orgs(r, &nasking), *orgs = NULL;
    if (store_orgs_list(r->db, r->a, -1, NULL, &orgs, &norgs) != DB_OK) norgs = 0;
    page_begin(r, T(r, "mapping.new"));
    html(r, "<h1>%s</h1>\n", T(r, "mapping.new"));
    form_summary(r, f);
    form_open(r, "/kartlaggning/ny", false);
    form_once_field(r);
    struct option *uo = arena_alloc(r->a, (nasking + 2) * sizeof *uo);
    size_t k = 0;
    if (is_staff(r)) uo[k++] = (struct option){"0", T(r, "mapping.as_coordinators")};
    for (size_t i = 0; i < nasking; i++)
        uo[k++] = (struct option){arena_printf(r->a, "%lld", (long long)umbrellas[i].id), umbrellas[i].name};
    field_select(r, f, &(struct field){.name = "fran", .label = "mapping.f.from",
                                       .value = arena_printf(r->a, "%lld", (long long)asking)}, uo, k);
    field_input(r, f, &(struct field){.name = "titel", .label = "mapping.f.title", .value = title, .flags = F_REQUIRED});
    field_textarea(r, f, &(struct field){.name = "meddelande", .label = "mapping.f.message", .value = message,
                                         .rows = 5});
    /* members of the asker's umbrellas are ticked at first */
    struct option *oo = arena_alloc(r->a, (norgs + 1) * sizeof *oo);
    bool *checked = arena_alloc(r->a, (norgs + 1) * sizeof *checked);
    for (size_t i = 0; i < norgs; i++) {
        oo[i] = (struct option){arena_printf(r->a, "%lld", (long long)orgs[i].id), orgs[i].name};
        for (size_t j = 0; j < npicked; j++) checked[i] |= picked[j] == orgs[i].id;
        if (!f->nerr && !npicked)
            for (size_t j = 0; j < nasking; j++) checked[i] |= orgs[i].parent_id == umbrellas[j].id;
    }
    field_checks(r, f, &(struct field){.name = "org", .label = "mapping.f.orgs", .hint = "mapping.f.orgs_hint"},
                 oo, checked, norgs);
    form_submit(r, "mapping.send");
    form_close(r);
    page_end(r);
}

static void h_new_form(req *r)
{
    size_t n = 0;
    asking_orgs(r, &n);
    if (!n && !is_staff(r)) return page_message(r, 403, "error.403.title", "mapping.err.not_umbrella");
    struct form f;
    form_init(&f, r);
    new_form(r, &f, "", "", 0, NULL, 0);
}

struct create {
    struct form *f;
    struct mapping_request m;
    int64_t *orgs;
    const char **tokens;
    size_t n;
    int64_t id;
    bool again;
};

static enum db_rc create_tx(req *r, void *ctx)
{
    struct create *c = ctx;
    enum db_rc rc = form_once_take(c->f, &c->again);
    if (rc != DB_OK || c->again) return rc;
    const char **hashes = arena_alloc(r->a, (c->n + 1) * sizeof *hashes);
    for (size_t i = 0; i < c->n; i++) hashes[i] = token_hash(r->a, c->tokens[i]);
    if ((rc = store_mapping_create(r->db, &c->m, c->orgs, hashes, c->n, &c->id)) != DB_OK) return rc;
    const char *subject = arena_printf(r->a, "%s: %s", T(r, "mapping.mail_subject"), c->m.title);
    for (size_t i = 0; rc == DB_OK && i < c->n; i++) {
        struct user *reps = NULL;
        size_t nreps = 0;
        if ((rc = store_org_reps(r->db, r->a, c->orgs[i], &reps, &nreps)) != DB_OK) break;
        for (size_t k = 0; rc == DB_OK && k < nreps; k++)
            rc = notify_user(r, reps[k].id, subject, arena_printf(r->a, "%s\n\n%s", c->m.title, T(r, "mapping.mail_text")),
                             "/kartlaggning");
    }
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, r->user->id, "kartlaggning.skapa",
                         arena_printf(r->a, "kartlaggning:%lld", (long long)c->id), c->m.title);
    return rc;
}

/* The one-time links, shown once (only their hashes are kept). */
static void links_page(req *r, const char *title_key, int64_t id, const int64_t *orgs, const char **tokens, size_t n)
{
    page_begin(r, T(r, title_key));
    html(r, "<h1>%s</h1>\n<p>%s</p>\n<ul>\n", T(r, title_key), T(r, "mapping.links_once"));
    for (size_t i = 0; i < n; i++) {
        struct org *o = NULL;
        const char *name = store_org_by_id(r->db, r->a, orgs[i], &o) == DB_OK ? o->name : "";
        html(r, "<li>%s: <code>%s</code></li>\n", name, answer_link(r, tokens[i]));
    }
    html(r, "</ul>\n<p><a class=\"button\" href=\"/kartlaggning/%lld\">%s</a></p>\n", (long long)id,
         T(r, "mapping.to_status"));
    page_end(r);
}

static void h_new(req *r)
{
    struct form f;
    form_init(&f, r);
    size_t nasking = 0;
    struct org *umbrellas = asking_orgs(r, &nasking);
    if (!nasking && !is_staff(r)) return page_message(r, 403, "error.403.title", "mapping.err.not_umbrella");
    struct create c = {.f = &f};
    int64_t from = 0;
    form_int(&f, "fran", 0, INT64_MAX, true, 0, &from);
    bool ok = from == 0 ? is_staff(r) : false;
    for (size_t i = 0; i < nasking; i++) ok |= umbrellas[i].id == from;
    if (!ok && !form_err(&f, "fran")) form_error(&f, "fran", "err.choice");
    c.m = (struct mapping_request){.org_id = from, .created_by = r->user->id, .created_at = r->now};
    c.m.title = form_text(&f, "titel", 200, F_REQUIRED);
    c.m.message = form_text(&f, "meddelande", 4000, F_MULTILINE);
    form_no_pnr(&f, "titel", c.m.title);
    form_no_pnr(&f, "meddelande", c.m.message);
    size_t n = 0;
    const char **vals = form_all(&f, "org", &n);
    c.orgs = arena_alloc(r->a, (n + 1) * sizeof *c.orgs);
    c.tokens = arena_alloc(r->a, (n + 1) * sizeof *c.tokens);
    for (size_t i = 0; i < n; i++) {
        int64_t id = 0;
        struct org *o = NULL;
        if (!parse_i64(vals[i], &id) || store_org_by_id(r->db, r->a, id, &o) != DB_OK) {
            form_error(&f, "org", "err.choice");
            break;
        }
        bool dup = false;
        for (size_t k = 0; k < c.n; k++) dup |= c.orgs[k] == id;
        if (dup) continue;
        c.orgs[c.n] = id;
        c.tokens[c.n++] = random_token(r->a, 24);
    }
    if (!c.n && !form_err(&f, "org")) form_error(&f, "org", "mapping.err.no_orgs");
    if (!form_ok(&f)) {
        r->status = 400;
        return new_form(r, &f, c.m.title, c.m.message, from, c.orgs, c.n);
    }
    enum db_rc rc = action_run(r, create_tx, &c);
    if (rc != DB_OK) return page_not_saved(r, "mapping create");
    if (c.again) return resp_redirect(r, "/kartlaggning");
    links_page(r, "mapping.sent", c.id, c.orgs, c.tokens, c.n);
}

/* ---- following a request ---- */

static struct mapping_request *load_request(req *r, struct mapping_recipient **list, size_t *n)
{
    int64_t id = 0;
    struct mapping_request *m = NULL;
    if (!parse_i64(r->params[0], &id)) {
        page_error(r, 404);
        return NULL;
    }
    enum db_rc rc = store_mapping_get(r->db, r->a, id, &m, list, n);
    if (rc == DB_NOTFOUND) {
        page_error(r, 404);
        return NULL;
    }
    if (rc != DB_OK) {
        page_fail(r, "mapping");
        return NULL;
    }
    if (!may_follow(r, m)) {
        page_error(r, 403);
        return NULL;
    }
    return m;
}

static void h_show(req *r)
{
    struct mapping_recipient *list = NULL;
    size_t n = 0;
    struct mapping_request *m = load_request(r, &list, &n);
    if (!m) return;
    page_begin(r, m->title);
    const char *crumbs[] = {"/kartlaggning", T(r, "mapping.title"), NULL, m->title};
    page_crumbs(r, crumbs, 4);
    html(r, "<h1>%s</h1>\n<p class=\"meta\">%s %s · %s</p>\n", m->title, T(r, "mapping.from"),
         *m->org_name ? m->org_name : T(r, "mapping.as_coordinators"), fmt_date(r->a, r->lang, m->created_at));
    user_paragraphs(r, &r->body, m->message);
    html(r, "<p class=\"count\" role=\"status\">%s %lld %s %lld</p>\n", T(r, "mapping.answered_count"),
         (long long)m->answered, T(r, "mapping.of"), (long long)m->recipients);
    table_open(r, T(r, "mapping.recipients"), "mapping");
    html(r, "<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
            "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
         T(r, "mapping.recipients"), T(r, "catalogue.f.org"), T(r, "mapping.state"), T(r, "mapping.offerings_now"),
         T(r, "mapping.reminders"));
    for (size_t i = 0; i < n; i++) {
        const struct mapping_recipient *x = &list[i];
        html(r, "<tr><td><a href=\"/organisationer/%s\">%s</a></td><td>%s</td><td>%lld</td><td>%lld</td></tr>\n",
             x->org_slug, x->org_name,
             x->answered_at ? arena_printf(r->a, "%s %s", T(r, "mapping.answered"), fmt_date(r->a, r->lang, x->answered_at))
                            : T(r, "mapping.not_answered"),
             (long long)x->offerings, (long long)x->reminders);
    }
    html_raw(r, "</tbody>\n");
    table_close(r);
    if (m->answered < m->recipients)
        button_form(r, arena_printf(r->a, "/kartlaggning/%lld/paminn", (long long)m->id), "mapping.remind", NULL,
                    NULL, NULL);
    page_end(r);
}

struct remind {
    struct mapping_recipient *list;
    size_t n;
    int64_t *orgs;
    const char **tokens;
    size_t sent;
};

static enum db_rc remind_tx(req *r, void *ctx)
{
    struct remind *c = ctx;
    enum db_rc rc = DB_OK;
    c->sent = 0;
    for (size_t i = 0; rc == DB_OK && i < c->n; i++) {
        const struct mapping_recipient *x = &c->list[i];
        if (x->answered_at) continue;
        const char *token = random_token(r->a, 24);
        if ((rc = store_mapping_remind(r->db, x->id, token_hash(r->a, token), r->now)) != DB_OK) break;
        c->orgs[c->sent] = x->org_id;
        c->tokens[c->sent++] = token;
        struct user *reps = NULL;
        size_t nreps = 0;
        if ((rc = store_org_reps(r->db, r->a, x->org_id, &reps, &nreps)) != DB_OK) break;
        for (size_t k = 0; rc == DB_OK && k < nreps; k++)
            rc = notify_user(r, reps[k].id,
                             arena_printf(r->a, "%s: %s", T(r, "mapping.reminder_subject"), x->request_title),
                             arena_printf(r->a, "%s\n\n%s", x->request_title, T(r, "mapping.mail_text")), "/kartlaggning");
    }
    return rc;
}

static void h_remind(req *r)
{
    struct mapping_recipient *list = NULL;
    size_t n = 0;
    struct mapping_request *m = load_request(r, &list, &n);
    if (!m) return;
    struct remind c = {list, n, arena_alloc(r->a, (n + 1) * sizeof(int64_t)),
                       arena_alloc(r->a, (n + 1) * sizeof(char *)), 0};
    enum db_rc rc = action_run(r, remind_tx, &c);
    if (rc == DB_CONFLICT)
        return page_conflict(r, 409, "mapping.title", T(r, "mapping.err.changed"),
                             arena_printf(r->a, "/kartlaggning/%lld", (long long)m->id));
    if (rc != DB_OK) return page_not_saved(r, "mapping remind");
    links_page(r, "mapping.reminded", m->id, c.orgs, c.tokens, c.sent);
}

/* ---- answering ---- */

static enum db_rc answer_tx(req *r, void *ctx)
{
    const struct mapping_recipient *x = ctx;
    enum db_rc rc = store_mapping_answer(r->db, x->id, r->now);
    if (rc != DB_OK) return rc;
    return store_audit(r->db, r->now, r->user ? r->user->id : 0, "kartlaggning.besvara",
                       arena_printf(r->a, "kartlaggning:%lld", (long long)x->request_id), x->org_name);
}

/* A representative marks their organisation's answer done. */
static void h_answer_signed_in(req *r)
{
    int64_t id = 0;
    struct mapping_recipient *x = NULL;
    if (!parse_i64(r->params[0], &id)) return page_error(r, 404);
    enum db_rc rc = store_mapping_recipient(r->db, r->a, id, &x);
    if (rc == DB_NOTFOUND) return page_error(r, 404);
    if (rc != DB_OK) return page_fail(r, "mapping");
    if (!may_edit_offering(r, x->org_id)) return page_error(r, 403);
    rc = action_run(r, answer_tx, x);
    if (rc == DB_CONFLICT) return page_conflict(r, 409, "mapping.title", T(r, "mapping.err.answered"), "/kartlaggning");
    if (rc != DB_OK) return page_not_saved(r, "mapping answer");
    resp_flash(r, "mapping.flash.answered");
    resp_redirect(r, "/kartlaggning");
}

static struct mapping_recipient *by_token(req *r)
{
    struct mapping_recipient *x = NULL;
    enum db_rc rc = store_mapping_by_token(r->db, r->a, token_hash(r->a, r->params[0]), &x);
    if (rc == DB_NOTFOUND) {
        page_message(r, 404, "error.404.title", "mapping.err.link");
        return NULL;
    }
    if (rc != DB_OK) {
        page_fail(r, "mapping");
        return NULL;
    }
    return x;
}

static void answer_page(req *r, const struct form *f, const struct mapping_recipient *x, const char *title,
                        const char *description, const char *contact)
{
    struct offering *list = NULL;
    size_t n = 0;
    if (store_offerings_list(r->db, r->a, true, NULL, x->org_id, &list, &n) != DB_OK) n = 0;
    const char *action = arena_printf(r->a, "/kartlaggning/svar/%s", r->params[0]);
    page_begin(r, x->request_title);
    html(r, "<h1>%s</h1>\n<p class=\"lead\">%s %s · %s</p>\n", x->request_title, T(r, "mapping.from"), x->asker,
         x->org_name);
    user_paragraphs(r, &r->body, x->request_message);
    html(r, "<h2>%s</h2>\n", T(r, "mapping.your_offerings"));
    if (!n) html(r, "<p>%s</p>\n", T(r, "catalogue.org_none"));
    else html_raw(r, "<ul>\n");
    for (size_t i = 0; i < n; i++) html(r, "<li>%s</li>\n", list[i].title);
    if (n) html_raw(r, "</ul>\n");
    html(r, "<h2>%s</h2>\n", T(r, "catalogue.new"));
    form_summary(r, f);
    form_open(r, action, false);
    html_raw(r, "<input type=\"hidden\" name=\"steg\" value=\"lagg-till\">\n");
    field_input(r, f, &(struct field){.name = "titel", .label = "catalogue.f.title", .value = title, .flags = F_REQUIRED});
    field_textarea(r, f, &(struct field){.name = "beskrivning", .label = "catalogue.f.description", .value = description,
                                         .rows = 5});
    field_input(r, f, &(struct field){.name = "kontakt", .label = "catalogue.contact", .hint = "catalogue.f.contact_hint",
                                      .value = contact});
    form_submit(r, "mapping.add");
    form_close(r);
    html(r, "<h2>%s</h2>\n<p>%s</p>\n", T(r, "mapping.finish"), T(r, "mapping.finish_text"));
    button_form(r, action, "mapping.done", "steg", "klar", NULL);
    page_end(r);
}

static void h_answer_form(req *r)
{
    struct mapping_recipient *x = by_token(r);
    if (!x) return;
    struct form f;
    form_init(&f, r);
    answer_page(r, &f, x, "", "", "");
}

struct add {
    struct offering o;
};

static enum db_rc add_tx(req *r, void *ctx)
{
    struct add *c = ctx;
    int64_t id = 0;
    enum db_rc rc = store_offering_create(r->db, &c->o, r->now, &id);
    if (rc != DB_OK) return rc;
    return store_audit(r->db, r->now, r->user ? r->user->id : 0, "utbud.skapa",
                       arena_printf(r->a, "utbud:%lld", (long long)id), c->o.title);
}

static void h_answer(req *r)
{
    struct mapping_recipient *x = by_token(r);
    if (!x) return;
    const char *step = req_form(r, "steg");
    if (step && strcmp(step, "klar") == 0) {
        enum db_rc rc = action_run(r, answer_tx, x);
        if (rc == DB_CONFLICT) return page_conflict(r, 409, "mapping.title", T(r, "mapping.err.answered"), "/");
        if (rc != DB_OK) return page_not_saved(r, "mapping answer");
        return page_message(r, 200, "mapping.thanks_title", "mapping.thanks");
    }
    struct form f;
    form_init(&f, r);
    struct add c = {{.org_id = x->org_id, .age_min = -1, .age_max = -1, .cost = COST_FREE, .cost_note = "",
                     .languages = "svenska", .accessibility = "", .area = "", .status = OFFERING_PUBLISHED}};
    c.o.title = form_text(&f, "titel", OFFERING_TITLE_MAX, F_REQUIRED);
    c.o.description = form_text(&f, "beskrivning", OFFERING_DESCRIPTION_MAX, F_MULTILINE);
    c.o.contact = form_text(&f, "kontakt", OFFERING_SHORT_MAX, 0);
    const char *cp = offering_contact_problem(c.o.contact);
    if (cp && !form_err(&f, "kontakt")) form_error(&f, "kontakt", cp);
    form_no_pnr(&f, "titel", c.o.title);
    form_no_pnr(&f, "beskrivning", c.o.description);
    form_no_pnr(&f, "kontakt", c.o.contact);
    if (!form_ok(&f)) {
        r->status = 400;
        return answer_page(r, &f, x, c.o.title, c.o.description, c.o.contact);
    }
    if (action_run(r, add_tx, &c) != DB_OK) return page_not_saved(r, "mapping add");
    resp_flash(r, "flash.saved");
    resp_redirect(r, arena_printf(r->a, "/kartlaggning/svar/%s", r->params[0]));
}

const struct route mapping_routes[] = {
    {M_GET, "/kartlaggning", h_index, R_AUTH},
    {M_GET, "/kartlaggning/ny", h_new_form, R_AUTH},
    {M_POST, "/kartlaggning/ny", h_new, R_AUTH},
    {M_GET, "/kartlaggning/svar/*", h_answer_form, 0},
    {M_POST, "/kartlaggning/svar/*", h_answer, 0},
    {M_POST, "/kartlaggning/besvara/*", h_answer_signed_in, R_AUTH},
    {M_GET, "/kartlaggning/*", h_show, R_AUTH},
    {M_POST, "/kartlaggning/*/paminn", h_remind, R_AUTH},
    {0, NULL, NULL, 0},
};
