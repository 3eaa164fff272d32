/* Assessment against the project's published criteria (each coordinator
 * marks each criterion met / not met with a note), the decision with a
 * message to the submitter and the amount granted per line, and the
 * coordinators' queue of ideas and claims waiting for them. */
#include <string.h>

#include "domain/money.h"
#include "store/store.h"
#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/action.h"
#include "web/calls/calls.h"
#include "web/notify.h"
#include "web/pages.h"

struct decision_form {
    const char *outcome;      /* "beviljad", "behover_andras", "avslagen" */
    const char *message;
    const char **granted;     /* per line, as typed */
};

static const char *crit_field(req *r, const char *what, int64_t id)
{
    return arena_printf(r->a, "%s-%lld", what, (long long)id);
}

static void assessments_table(req *r, const struct project *p, const struct assessment *as, size_t n)
{
    if (!n) {
        html(r, "<p>%s</p>\n", T(r, "assess.none_yet"));
        return;
    }
    table_open(r, T(r, "assess.all"), NULL);
    html(r, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
            "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
         T(r, "assess.criterion"), T(r, "assess.by"), T(r, "assess.judgement"), T(r, "assess.note"));
    for (size_t c = 0; c < p->ncriteria; c++)
        for (size_t k = 0; k < n; k++) {
            if (as[k].criterion_id != p->criteria[c].id) continue;
            html(r, "<tr><td>%lld</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
                 (long long)p->criteria[c].number, as[k].assessor_name,
                 T(r, as[k].met ? "assess.met" : "assess.not_met"), as[k].note);
        }
    html_raw(r, "</tbody>\n");
    table_close(r);
}

static void my_assessment_form(req *r, const struct idea *i, const struct project *p,
                               const struct assessment *as, size_t n, const struct form *f)
{
    (void)i;
    html(r, "<h2>%s</h2>\n", T(r, "assess.yours"));
    form_summary(r, f);
    for (size_t c = 0; c < p->ncriteria; c++) {
        const struct criterion *cr = &p->criteria[c];
        const struct assessment *mine = NULL;
        for (size_t k = 0; k < n; k++)
            if (as[k].criterion_id == cr->id && as[k].assessor_id == r->user->id) mine = &as[k];
        const char *fv = req_form(r, crit_field(r, "k", cr->id));
        const char *value = fv ? fv : mine ? (mine->met ? "ja" : "nej") : "";
        html(r, "<div class=\"criterion\">\n<p><strong>%s %lld.</strong> %s</p>\n",
             T(r, "assess.criterion"), (long long)cr->number, cr->text);
        struct option yn[] = {{"ja", T(r, "assess.met")}, {"nej", T(r, "assess.not_met")}};
        field_radios(r, f, &(struct field){.name = crit_field(r, "k", cr->id), .label = "assess.judgement",
                                           .value = value, .flags = F_REQUIRED}, yn, 2);
        const char *nv = req_form(r, crit_field(r, "n", cr->id));
        field_textarea(r, f, &(struct field){.name = crit_field(r, "n", cr->id), .label = "assess.note",
                                             .value = nv ? nv : mine ? mine->note : "", .rows = 2});
        html_raw(r, "</div>\n");
    }
    /* both buttons are checked here, each for its own part of the form */
    html(r, "<button type=\"submit\" formnovalidate>%s</button>\n", T(r, "assess.save"));
}

static void decision_form(req *r, const struct idea *i, const struct project *p,
                          const struct form *f, const struct decision_form *v)
{
    html(r, "<h2 id=\"beslut\">%s</h2>\n<p>%s %s.</p>\n", T(r, "decision.title"),
         T(r, "decision.remaining"), fmt_money(r->a, p->budget - p->granted_total));
    html(r, "<p class=\"hint\">%s</p>\n", T(r, "decision.with_assessment"));
    form_summary(r, f);
    struct option outcomes[] = {{"beviljad", T(r, "idea.status.beviljad")},
                                {"behover_andras", T(r, "idea.status.behover_andras")},
                                {"avslagen", T(r, "idea.status.avslagen")}};
    field_radios(r, f, &(struct field){.name = "utfall", .label = "decision.outcome", .value = v->outcome,
                                       .flags = F_REQUIRED}, outcomes, 3);
    field_textarea(r, f, &(struct field){.name = "meddelande", .label = "decision.message",
                                         .hint = "decision.message_hint", .value = v->message, .rows = 6,
                                         .flags = F_REQUIRED});
    html(r, "<fieldset class=\"field group\">\n<legend>%s</legend>\n<p class=\"hint\">%s</p>\n",
         T(r, "decision.grants"), T(r, "decision.grants_hint"));
    for (size_t k = 0; k < i->nlines; k++) {
        const struct budget_line *l = &i->lines[k];
        const char *name = arena_printf(r->a, "bevilja-%lld", (long long)l->id);
        const char *label = arena_printf(r->a, "%s: %s (%s %s)", l->category, l->description,
                                         T(r, "ledger.asked"), fmt_money(r->a, l->asked));
        const char *err = form_err(f, name);
        form_label(f, name, label); /* the summary names the line */
        html(r, "<div class=\"field%s\">\n<label for=\"f-%s\">%s</label>\n", err ? " field-error" : "",
             name, label);
        if (err) html(r, "<p class=\"error\" id=\"e-%s\">%s</p>\n", name, T(r, err));
        html(r, "<input type=\"text\" inputmode=\"decimal\" id=\"f-%s\" name=\"%s\" value=\"%s\"", name,
             name, v->granted[k]);
        if (err) html(r, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", name);
        html_raw(r, ">\n</div>\n");
    }
    html_raw(r, "</fieldset>\n");
    html(r, "<button type=\"submit\" formaction=\"/ideer/%lld/beslut#fel\" formnovalidate>%s</button>\n",
         (long long)i->id, T(r, "decision.submit"));
}

static void assess_page(req *r, struct idea *i, const struct form *af, const struct form *df,
                        const struct decision_form *dv)
{
    struct project *p = NULL;
    struct assessment *as = NULL;
    size_t n = 0;
    if (store_project_by_id(r->db, r->a, i->project_id, &p) != DB_OK ||
        store_assessments(r->db, r->a, i->id, &as, &n) != DB_OK)
        return page_fail(r, "assess");
    bool coord = is_coordinator(r);
    struct duty_subject what = duty_of_idea(i);
    int conflict = coord && i->status == IDEA_REVIEW ? duty_conflict_of(r, &what) : DUTY_NONE;
    if (conflict < 0) return page_fail(r, "assess duty");
    page_begin(r, arena_printf(r->a, "%s – %s", T(r, "assess.title"), i->title));
    const char *crumbs[] = {"/projekt", T(r, "projects.title"),
                            arena_printf(r->a, "/projekt/%s", i->project_slug), i->project_title,
                            arena_printf(r->a, "/ideer/%lld", (long long)i->id), i->title, NULL,
                            T(r, "assess.title")};
    page_crumbs(r, crumbs, 8);
    html(r, "<h1>%s</h1>\n<p class=\"lead\"><a href=\"/ideer/%lld\">%s</a></p>\n"
            "<p class=\"meta\"><strong class=\"tag tag-%s\">%s</strong> · %s · %s %s</p>\n",
         T(r, "assess.title"), (long long)i->id, i->title, status_tone(idea_status_name(i->status)), idea_status_label(r, i->status),
         idea_by_line(r, i), T(r, "ledger.asked"), fmt_money(r->a, i->asked_total));
    /* the assessment form names each criterion with its text: listed
     * above it too, every criterion was printed twice */
    bool with_form = coord && i->status == IDEA_REVIEW && conflict == DUTY_NONE;
    if (!with_form) {
        html(r, "<h2>%s</h2>\n<ol>\n", T(r, "project.criteria"));
        for (size_t c = 0; c < p->ncriteria; c++) html(r, "<li>%s</li>\n", p->criteria[c].text);
        html_raw(r, "</ol>\n");
    }
    html(r, "<h2>%s</h2>\n", T(r, "assess.all"));
    assessments_table(r, p, as, n);
    if (coord && i->status == IDEA_SUBMITTED) {
        html(r, "<p>%s</p>\n", T(r, "assess.start_hint"));
        button_form(r, arena_printf(r->a, "/ideer/%lld/status", (long long)i->id),
                    "idea.to.under_bedomning", "till", "under_bedomning", NULL);
    }
    if (coord && i->status == IDEA_REVIEW && conflict != DUTY_NONE) {
        html(r, "<p>%s</p>\n", T(r, "assess.own"));
    } else if (coord && i->status == IDEA_REVIEW) {
        /* one form: "Fatta beslut" also saves what was ticked above it, so
         * an assessment is never lost by pressing the button further down */
        form_open(r, arena_printf(r->a, "/ideer/%lld/bedomning", (long long)i->id), false);
        my_assessment_form(r, i, p, as, n, af);
        decision_form(r, i, p, df, dv);
        form_close(r);
    }
    page_end(r);
}

static struct idea *load_for_assessment(req *r)
{
    struct idea *i = load_idea(r, r->params[0]);
    if (!i) return NULL;
    if (!is_coordinator(r) && !(is_submitter(r, i) && i->status >= IDEA_APPROVED)) {
        page_error(r, 403);
        return NULL;
    }
    return i;
}

static struct decision_form default_decision(req *r, const struct idea *i)
{
    struct decision_form v = {"", "", NULL};
    v.granted = arena_alloc(r->a, (i->nlines + 1) * sizeof *v.granted);
    for (size_t k = 0; k < i->nlines; k++) v.granted[k] = fmt_money(r->a, i->lines[k].asked);
    return v;
}

/* The decision as typed (for showing the page again), or as it starts. */
static struct decision_form typed_decision(req *r, const struct idea *i)
{
    struct decision_form v = default_decision(r, i);
    const char *o = req_form(r, "utfall"), *m = req_form(r, "meddelande");
    v.outcome = o ? o : "";
    v.message = m ? m : "";
    for (size_t k = 0; k < i->nlines; k++) {
        const char *g = req_form(r, arena_printf(r->a, "bevilja-%lld", (long long)i->lines[k].id));
        if (g) v.granted[k] = g;
    }
    return v;
}

/* Reads this coordinator's judgement of each criterion into rows (one per
 * criterion).  Returns whether anything was ticked or written; if so,
 * every criterion must be judged. */
static bool read_my_assessment(req *r, const struct project *p, struct form *f, struct assessment *rows)
{
    bool given = false;
    for (size_t c = 0; c < p->ncriteria; c++) {
        const char *k = req_form(r, crit_field(r, "k", p->criteria[c].id));
        const char *n = req_form(r, crit_field(r, "n", p->criteria[c].id));
        given |= (k && *k) || (n && *n);
    }
    for (size_t c = 0; given && c < p->ncriteria; c++) {
        const char *kf = crit_field(r, "k", p->criteria[c].id), *nf = crit_field(r, "n", p->criteria[c].id);
        const char *v = form_text(f, kf, 3, F_REQUIRED);
        if (*v && strcmp(v, "ja") != 0 && strcmp(v, "nej") != 0) form_error(f, kf, "err.choice");
        rows[c] = (struct assessment){p->criteria[c].id, r->user->id, r->user->name,
                                      strcmp(v, "ja") == 0, form_text(f, nf, 1000, F_MULTILINE), r->now};
    }
    return given;
}

static enum db_rc save_my_assessment(req *r, const struct idea *i, const struct project *p,
                                     const struct assessment *rows)
{
    for (size_t c = 0; c < p->ncriteria; c++) {
        enum db_rc rc = store_assessment_put(r->db, i->id, &rows[c]);
        if (rc != DB_OK) return rc;
    }
    return DB_OK;
}

/* A coordinator does not judge an idea they submitted or that an
 * organisation they represent did (domain/duty.c). */
static bool own_idea(req *r, const struct idea *i)
{
    struct duty_subject what = duty_of_idea(i);
    int conflict = duty_conflict_of(r, &what);
    if (conflict == DUTY_NONE) return false;
    if (conflict < 0) page_fail(r, "assess duty");
    else page_message(r, 403, "assess.own_title", "assess.own");
    return true;
}

static void h_assess(req *r)
{
    struct idea *i = load_for_assessment(r);
    if (!i) return;
    struct form af, df;
    form_init(&af, r);
    form_init(&df, r);
    struct decision_form v = default_decision(r, i);
    assess_page(r, i, &af, &df, &v);
}

static void h_assess_save(req *r)
{
    if (!is_coordinator(r)) return page_error(r, 403);
    struct idea *i = load_idea(r, r->params[0]);
    if (!i || own_idea(r, i)) return;
    if (i->status != IDEA_REVIEW)
        return page_message(r, 400, "assess.closed_title", "assess.closed");
    struct project *p = NULL;
    if (store_project_by_id(r->db, r->a, i->project_id, &p) != DB_OK) return page_fail(r, "assess");
    struct form f, df;
    form_init(&f, r);
    form_init(&df, r);
    struct assessment *rows = arena_alloc(r->a, (p->ncriteria + 1) * sizeof *rows);
    if (!read_my_assessment(r, p, &f, rows) && p->ncriteria)
        form_error(&f, crit_field(r, "k", p->criteria[0].id), "err.required_choice");
    struct decision_form dv = typed_decision(r, i);
    if (!form_ok(&f)) {
        r->status = 400;
        return assess_page(r, i, &f, &df, &dv);
    }
    if (save_my_assessment(r, i, p, rows) != DB_OK) return page_fail(r, "assess save");
    if (*dv.message || *dv.outcome) { /* a decision half written stays on the page */
        r->status = 200;
        page_flash_now(r, "flash.assessment_saved");
        return assess_page(r, i, &f, &df, &dv);
    }
    resp_flash(r, "flash.assessment_saved");
    resp_redirect(r, arena_printf(r->a, "/ideer/%lld/bedomning", (long long)i->id));
}

/* The assessment ticked with it, the decision (with its grants and
 * history), its audit row and the submitter's notice and e-mail: one
 * transaction. */
struct idea_decision {
    const struct idea *i;
    enum idea_status to;
    const char *message, *text, *link;
    int64_t total;
    const struct project *p;          /* with the assessment ticked above it, else NULL */
    struct assessment *rows;
};

static enum db_rc decide_tx(req *r, void *ctx)
{
    const struct idea_decision *dc = ctx;
    const struct idea *i = dc->i;
    enum db_rc rc = dc->p ? save_my_assessment(r, i, dc->p, dc->rows) : DB_OK;
    if (rc == DB_OK)
        rc = store_idea_decide(r->db, i, dc->to, dc->message, r->user->id, r->user->name, r->now);
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, r->user->id, arena_printf(r->a, "ide.%s", idea_status_name(dc->to)),
                         arena_printf(r->a, "idea:%lld", (long long)i->id),
                         dc->to == IDEA_APPROVED ? fmt_money(r->a, dc->total) : "");
    if (rc == DB_OK)
        rc = notify_user(r, i->submitter_id, arena_printf(r->a, "%s: %s", T(r, "mail.decision_subject"), i->title),
                         dc->text, dc->link);
    return rc;
}

static void h_decide(req *r)
{
    if (!is_coordinator(r)) return page_error(r, 403);
    struct idea *i = load_idea(r, r->params[0]);
    if (!i || own_idea(r, i)) return;
    if (i->status != IDEA_REVIEW)
        return page_message(r, 400, "decision.closed_title", "decision.closed");
    struct project *p = NULL;
    if (store_project_by_id(r->db, r->a, i->project_id, &p) != DB_OK) return page_fail(r, "decide");
    struct form f, af;
    form_init(&f, r);
    form_init(&af, r);
    /* what was ticked in the assessment above is saved with the decision;
     * a decision needs the criteria judged, now or before */
    struct assessment *rows = arena_alloc(r->a, (p->ncriteria + 1) * sizeof *rows);
    bool assessed_now = read_my_assessment(r, p, &af, rows);
    struct assessment *before = NULL;
    size_t nbefore = 0;
    if (store_assessments(r->db, r->a, i->id, &before, &nbefore) != DB_OK) return page_fail(r, "decide");
    if (!assessed_now && nbefore == 0 && p->ncriteria)
        form_error(&af, crit_field(r, "k", p->criteria[0].id), "err.assess_first");
    struct decision_form v = default_decision(r, i);
    v.outcome = form_text(&f, "utfall", 20, F_REQUIRED);
    int to = idea_status_from_name(v.outcome);
    if (*v.outcome && to != IDEA_APPROVED && to != IDEA_CHANGES && to != IDEA_DECLINED)
        form_error(&f, "utfall", "err.choice");
    v.message = form_text(&f, "meddelande", DECISION_MAX, F_REQUIRED | F_MULTILINE);
    form_no_pnr(&f, "meddelande", v.message);
    int64_t total = 0;
    for (size_t k = 0; k < i->nlines; k++) {
        struct budget_line *l = &i->lines[k];
        const char *name = arena_printf(r->a, "bevilja-%lld", (long long)l->id);
        v.granted[k] = form_text(&f, name, 40, 0);
        l->granted = 0;
        if (to == IDEA_APPROVED) {
            form_money(&f, name, 0, MONEY_MAX_ORE, true, &l->granted);
            if (!form_err(&f, name) && l->granted > l->asked) form_error(&f, name, "err.grant_over_asked");
            total += l->granted;
        }
    }
    if (form_ok(&f) && to == IDEA_APPROVED) {
        const char *e = total == 0 ? "err.grant_zero"
                                   : grant_problem(i->lines, i->nlines, p->budget, p->granted_total,
                                                   i->granted_total);
        if (e) form_error_arg(&f, "utfall", e, fmt_money(r->a, p->budget - p->granted_total + i->granted_total));
    }
    const char *link = arena_printf(r->a, "/ideer/%lld", (long long)i->id);
    if (form_ok(&f) && form_ok(&af)) {
        const char *text = arena_printf(r->a, "%s \"%s\": %s.\n\n%s", T(r, "mail.decision_on"), i->title,
                                        idea_status_label(r, (enum idea_status)to), v.message);
        if (to == IDEA_APPROVED)
            text = arena_printf(r->a, "%s\n\n%s %s (%s %s).", text, T(r, "idea.granted_sum"),
                                fmt_money(r->a, total), T(r, "ledger.asked"), fmt_money(r->a, i->asked_total));
        struct idea_decision dc = {i, (enum idea_status)to, v.message, text, link, total,
                                   assessed_now ? p : NULL, rows};
        enum db_rc rc = action_run(r, decide_tx, &dc);
        if (rc == DB_CONFLICT) {
            struct idea *now = NULL;
            if (store_idea_get(r->db, r->a, i->id, &now) != DB_OK) return page_fail(r, "decide conflict");
            /* 400 like a decision form loaded before someone decided
             * (calls_decisions, calls_concurrency pin it) */
            return page_conflict(r, 400, "decision.closed_title",
                                 arena_printf(r->a, "%s %s.", T(r, "conflict.idea_now"),
                                              idea_status_label(r, now->status)),
                                 link);
        }
        if (rc == DB_CONSTRAINT) /* a colleague granted first: what is left now */
            form_error_arg(&f, "utfall", "err.grant_over_budget",
                           store_project_by_id(r->db, r->a, i->project_id, &p) == DB_OK
                               ? fmt_money(r->a, p->budget - p->granted_total + i->granted_total) : "?");
        else if (rc != DB_OK) return page_not_saved(r, "decide");
    }
    if (!form_ok(&f) || !form_ok(&af)) {
        r->status = 400;
        return assess_page(r, i, &af, &f, &v);
    }
    resp_flash(r, "flash.decision_saved");
    resp_redirect(r, link);
}

/* ---- the coordinators' queue ---- */

/* A claim's decision form: a comment (a rejection needs one) and the two
 * buttons.  refused: the form posted for this claim came back with f's
 * error at the comment, what was typed in it kept. */
static void claim_decision_form(req *r, const struct claim *c, const char *action, const struct form *f,
                                const char *typed)
{
    const char *field = arena_printf(r->a, "kommentar-%lld", (long long)c->id);
    const char *err = f ? form_err(f, field) : NULL;
    form_open_class(r, action, "claim-decision");
    html(r, "<div class=\"field%s\">\n<label for=\"f-%s\">%s</label>\n"
            "<p class=\"hint\" id=\"kh-%lld\">%s</p>\n",
         err ? " field-error" : "", field, T(r, "claim.comment"), (long long)c->id, T(r, "claim.comment_hint"));
    if (err) {
        form_label(f, field, arena_printf(r->a, "%s – %s, %s", c->description, fmt_money(r->a, c->amount),
                                          T(r, "claim.comment")));
        for (int k = 0; k < f->nerr; k++)
            if (strcmp(f->errs[k].field, field) == 0)
                html(r, "<p class=\"error\" id=\"e-%s\"><span class=\"visually-hidden\">%s</span>%s</p>\n",
                     field, T(r, "form.error_prefix"), form_message(r, f, k));
    }
    html(r, "<textarea id=\"f-%s\" name=\"kommentar\" rows=\"2\" aria-describedby=\"kh-%lld%s%s\"", field,
         (long long)c->id, err ? " e-" : "", err ? field : "");
    if (err) html_raw(r, " aria-invalid=\"true\"");
    html(r, ">%s</textarea>\n</div>\n<div class=\"buttons\">\n"
            "<button type=\"submit\" name=\"beslut\" value=\"godkand\">%s</button>\n"
            "<button type=\"submit\" name=\"beslut\" value=\"avslagen\" class=\"secondary\">%s</button>\n</div>\n",
         err && typed ? typed : "", T(r, "claim.approve"), T(r, "claim.reject"));
    form_close(r);
}

struct claim_refusal {
    int64_t claim_id;
    const struct form *f;
    const char *typed;
};

static void queue_page(req *r, const struct claim_refusal *refused)
{
    if (!is_coordinator(r)) return page_error(r, 403);
    struct idea *ideas = NULL;
    size_t ni = 0;
    struct claim *claims = NULL;
    size_t nc = 0;
    if (store_ideas_to_assess(r->db, r->a, &ideas, &ni) != DB_OK ||
        store_claims_open(r->db, r->a, &claims, &nc) != DB_OK)
        return page_fail(r, "queue");
    struct duty_actor me;
    if (!duty_actor_of(r, &me)) return page_fail(r, "queue duty");
    page_begin(r, T(r, "queue.title"));
    if (refused) form_summary(r, refused->f);
    html(r, "<h1>%s</h1>\n<h2>%s (%zu)</h2>\n", T(r, "queue.title"), T(r, "queue.ideas"), ni);
    if (!ni) html(r, "<p>%s</p>\n", T(r, "queue.no_ideas"));
    else html_raw(r, "<ul class=\"cards\">\n");
    for (size_t k = 0; k < ni; k++)
        html(r, "<li class=\"card\"><h3><a href=\"/ideer/%lld/bedomning\">%s</a></h3>\n"
                "<p class=\"meta\"><strong class=\"tag tag-%s\">%s</strong> · %s · %s · %s %s</p></li>\n",
             (long long)ideas[k].id, ideas[k].title, status_tone(idea_status_name(ideas[k].status)), idea_status_label(r, ideas[k].status),
             ideas[k].project_title, idea_by_line(r, &ideas[k]), T(r, "ledger.asked"),
             fmt_money(r->a, ideas[k].asked_total));
    if (ni) html_raw(r, "</ul>\n");
    html(r, "<h2>%s (%zu)</h2>\n", T(r, "queue.claims"), nc);
    if (!nc) html(r, "<p>%s</p>\n", T(r, "queue.no_claims"));
    for (size_t k = 0; k < nc; k++) {
        const struct claim *c = &claims[k];
        html(r, "<article class=\"card claim\" aria-labelledby=\"c%lld\">\n<h3 id=\"c%lld\">%s – %s</h3>\n"
                "<p class=\"meta\"><strong class=\"tag tag-%s\">%s</strong> · <a href=\"/ideer/%lld\">%s</a> · "
                "%s (%s) · %s</p>\n<p><a href=\"/utlagg/%lld/kvitto\">%s: %s</a></p>\n",
             (long long)c->id, (long long)c->id, c->description, fmt_money(r->a, c->amount),
             status_tone(claim_status_name(c->status)), claim_status_label(r, c->status), (long long)c->idea_id, c->idea_title,
             c->line_description, c->category, c->claimant_name, (long long)c->id,
             T(r, "claim.receipt"), c->receipt_name);
        const char *action = arena_printf(r->a, "/utlagg/%lld/beslut", (long long)c->id);
        /* separation of duties: no buttons the server would refuse (403),
         * but a note saying why and that another coordinator decides */
        struct duty_subject what = duty_of_listed_claim(c);
        enum duty_conflict conflict = duty_check(&me, &what);
        if (conflict != DUTY_NONE) {
            html(r, "<p class=\"note duty-note\">%s</p>\n",
                 T(r, conflict == DUTY_OWN_CLAIM ? "queue.claim_own" : "queue.claim_own_org"));
        } else if (c->status == CLAIM_SUBMITTED) { /* a comment goes with either; a rejection needs one */
            bool this_one = refused && refused->claim_id == c->id;
            claim_decision_form(r, c, action, this_one ? refused->f : NULL, this_one ? refused->typed : NULL);
        } else {
            html_raw(r, "<div class=\"buttons\">\n");
            button_form(r, action, "claim.mark_paid", "beslut", "utbetald", NULL);
            html_raw(r, "</div>\n");
        }
        html_raw(r, "</article>\n");
    }
    page_end(r);
}

static void h_queue_page(req *r)
{
    queue_page(r, NULL);
}

static void h_queue(req *r)
{
    page_in_snapshot(r, h_queue_page); /* one snapshot of all it reads */
}

void claim_queue_refused(req *r, int64_t claim_id, const struct form *f, const char *typed)
{
    r->status = 400;
    db_read_begin(r->db); /* one snapshot, as h_queue */
    queue_page(r, &(struct claim_refusal){claim_id, f, typed});
    db_read_end(r->db);
}

const struct route assessment_routes[] = {
    {M_GET, "/bedomning", h_queue, R_AUTH},
    {M_GET, "/ideer/*/bedomning", h_assess, R_AUTH},
    {M_POST, "/ideer/*/bedomning", h_assess_save, R_AUTH},
    {M_POST, "/ideer/*/beslut", h_decide, R_AUTH},
    {0, NULL, NULL, 0},
};
