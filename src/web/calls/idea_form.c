/* Writing a test idea: the form to write and submit an idea (no JavaScript
 * needed: more budget rows come from a button that re-renders the form),
 * and editing it. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "domain/money.h"
#include "store/store.h"
#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/action.h"
#include "web/calls/calls.h"
#include "web/notify.h"
#include "web/pages.h"

enum { FORM_ROWS_MIN = 3, FORM_ROWS_ADD = 3 };

/* ---- writing an idea ---- */

struct idea_form {
    struct idea i;
    const char *who;         /* "ung" or "org-<id>" */
    const char *birth_text;
    const char *others;      /* partners not in the directory, one per line */
    int rows;
    const char **row_cat, **row_text, **row_amount;
    int64_t *partner_ids;    /* directory organisations ticked */
    size_t npartner_ids;
};

struct form_context {
    struct project *p;
    struct org *mine;        /* organisations the user represents */
    size_t nmine;
    struct org *all;         /* the directory, for partners */
    size_t nall;
};

static bool load_context(req *r, struct project *p, struct form_context *c)
{
    c->p = p;
    if (store_user_orgs(r->db, r->a, r->user->id, &c->mine, &c->nmine) != DB_OK ||
        store_orgs_list(r->db, r->a, -1, NULL, &c->all, &c->nall) != DB_OK) {
        page_fail(r, "idea form");
        return false;
    }
    return true;
}

static const char *row_field(req *r, int k, const char *what)
{
    return arena_printf(r->a, "rad-%d-%s", k + 1, what);
}

static void idea_form_page(req *r, const struct form *f, const struct form_context *c,
                           const struct idea_form *v, const char *action)
{
    const struct idea *i = &v->i;
    page_begin(r, T(r, i->id ? "idea.edit_title" : "idea.new"));
    const char *crumbs[] = {"/projekt", T(r, "projects.title"),
                            arena_printf(r->a, "/projekt/%s", c->p->slug), c->p->title, NULL,
                            T(r, i->id ? "idea.edit_title" : "idea.new")};
    page_crumbs(r, crumbs, 6);
    html(r, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n<p>%s</p>\n",
         T(r, i->id ? "idea.edit_title" : "idea.new"), c->p->title, T(r, "idea.form_intro"));
    form_summary(r, f);
    form_open(r, action, false);
    if (!i->id) form_once_field(r);
    /* Enter in a text field presses the form's first submit button, which
     * would otherwise be "Fler budgetrader": this one saves the draft (any
     * action but "skicka" and "rader" does).  Empty and hidden from
     * everyone: only Enter reaches it. */
    html_raw(r, "<button type=\"submit\" name=\"atgard\" value=\"enter\" class=\"default-submit\" "
                "tabindex=\"-1\" aria-hidden=\"true\" formnovalidate></button>\n");
    html(r, "<input type=\"hidden\" name=\"rader\" value=\"%d\">\n", v->rows);
    field_input(r, f, &(struct field){.name = "titel", .label = "idea.title_label", .value = i->title,
                                      .flags = F_REQUIRED});
    /* who submits */
    struct option *who = arena_alloc(r->a, (c->nmine + 1) * sizeof *who);
    size_t nwho = 0;
    if (c->p->eligible_orgs)
        for (size_t k = 0; k < c->nmine; k++)
            who[nwho++] = (struct option){arena_printf(r->a, "org-%lld", (long long)c->mine[k].id),
                                          arena_printf(r->a, "%s %s", T(r, "idea.for_org"), c->mine[k].name)};
    if (c->p->eligible_youth) who[nwho++] = (struct option){"ung", T(r, "idea.as_youth")};
    field_radios(r, f, &(struct field){.name = "vem", .label = "idea.who", .value = v->who,
                                       .flags = F_REQUIRED}, who, nwho);
    if (c->p->eligible_youth)
        field_input(r, f, &(struct field){.name = "fodelsear", .label = "idea.birth_year",
                                          .hint = "idea.birth_year_hint", .value = v->birth_text,
                                          .extra = "inputmode=\"numeric\" maxlength=\"4\""});
    field_textarea(r, f, &(struct field){.name = "behov", .label = "idea.need", .hint = "idea.need_hint",
                                         .value = i->need, .rows = 5, .flags = F_REQUIRED});
    field_textarea(r, f, &(struct field){.name = "ungas_roll", .label = "idea.youth_role",
                                         .hint = "idea.youth_role_hint", .value = i->youth_role,
                                         .rows = 4, .flags = F_REQUIRED});
    field_textarea(r, f, &(struct field){.name = "atgard_text", .label = "idea.action",
                                         .hint = "idea.action_hint", .value = i->action, .rows = 5,
                                         .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "fran", .label = "idea.period_start", .type = "date",
                                      .hint = "form.date_hint", .value = i->period_start,
                                      .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "till", .label = "idea.period_end", .type = "date",
                                      .hint = "form.date_hint", .value = i->period_end,
                                      .flags = F_REQUIRED});
    struct option *orgs = arena_alloc(r->a, (c->nall + 1) * sizeof *orgs);
    bool *ticked = arena_alloc(r->a, (c->nall + 1) * sizeof *ticked);
    for (size_t k = 0; k < c->nall; k++) {
        orgs[k] = (struct option){arena_printf(r->a, "%lld", (long long)c->all[k].id), c->all[k].name};
        for (size_t m = 0; m < v->npartner_ids; m++) ticked[k] |= v->partner_ids[m] == c->all[k].id;
    }
    field_checks(r, f, &(struct field){.name = "partner", .label = "idea.partners",
                                       .hint = "idea.partners_hint"}, orgs, ticked, c->nall);
    field_textarea(r, f, &(struct field){.name = "andra_partner", .label = "idea.other_partners",
                                         .hint = "idea.other_partners_hint", .value = v->others, .rows = 3});
    field_textarea(r, f, &(struct field){.name = "aterkoppling", .label = "idea.feedback_plan",
                                         .hint = "idea.feedback_hint", .value = i->feedback_plan, .rows = 4,
                                         .flags = F_REQUIRED});
    field_textarea(r, f, &(struct field){.name = "delning", .label = "idea.sharing_plan",
                                         .hint = "idea.sharing_hint", .value = i->sharing_plan, .rows = 4,
                                         .flags = F_REQUIRED});
    /* budget rows */
    html(r, "<h2 id=\"f-budget\">%s</h2>\n<p class=\"hint\">%s</p>\n", T(r, "idea.budget"),
         T(r, "idea.budget_hint"));
    if (form_err(f, "budget")) {
        form_label(f, "budget", T(r, "idea.budget"));
        html(r, "<p class=\"error\" role=\"alert\">%s</p>\n", T(r, form_err(f, "budget")));
    }
    struct option *cats = arena_alloc(r->a, (c->p->ncategories + 1) * sizeof *cats);
    cats[0] = (struct option){"", T(r, "idea.choose_category")};
    for (size_t k = 0; k < c->p->ncategories; k++)
        cats[k + 1] = (struct option){arena_printf(r->a, "%lld", (long long)c->p->categories[k].id),
                                      c->p->categories[k].name};
    for (int k = 0; k < v->rows; k++) {
        html(r, "<fieldset class=\"budget-row\">\n<legend>%s %d</legend>\n", T(r, "idea.budget_row"), k + 1);
        const char *row = arena_printf(r->a, "%s %d", T(r, "idea.budget_row"), k + 1);
        field_select(r, f, &(struct field){.name = row_field(r, k, "kategori"), .label = "ledger.category",
                                           .value = v->row_cat[k], .section = row}, cats, c->p->ncategories + 1);
        field_input(r, f, &(struct field){.name = row_field(r, k, "text"), .label = "idea.line_text",
                                          .value = v->row_text[k], .section = row});
        field_input(r, f, &(struct field){.name = row_field(r, k, "belopp"), .label = "idea.line_amount",
                                          .hint = "form.money_hint", .value = v->row_amount[k],
                                          .extra = "inputmode=\"decimal\"", .section = row});
        html_raw(r, "</fieldset>\n");
    }
    html(r, "<p><button type=\"submit\" name=\"atgard\" value=\"rader\" class=\"secondary\" formnovalidate>%s</button></p>\n",
         T(r, "idea.more_rows"));
    html(r, "<div class=\"buttons\" id=\"f-atgard\">\n"
            "<button type=\"submit\" name=\"atgard\" value=\"spara\" class=\"secondary\" formnovalidate>%s</button>\n"
            "<button type=\"submit\" name=\"atgard\" value=\"skicka\">%s</button>\n</div>\n",
         T(r, "idea.save_draft"), T(r, "idea.submit"));
    if (form_err(f, "atgard"))
        html(r, "<p class=\"error\" id=\"e-atgard\">%s</p>\n", T(r, form_err(f, "atgard")));
    form_close(r);
    page_end(r);
}

/* Empty form values for an idea being written (or the stored one). */
static struct idea_form form_values(req *r, const struct idea *i, const struct form_context *c)
{
    struct idea_form v = {.i = *i};
    /* a single possible answer is already chosen */
    bool only_youth = c->p->eligible_youth && (!c->p->eligible_orgs || c->nmine == 0);
    bool only_org = c->p->eligible_orgs && c->nmine == 1; /* a representative writes for it */
    v.who = i->org_id ? arena_printf(r->a, "org-%lld", (long long)i->org_id)
          : i->birth_year || (!i->id && only_youth) ? "ung"
          : (!i->id && only_org) ? arena_printf(r->a, "org-%lld", (long long)c->mine[0].id) : "";
    int64_t by = i->birth_year ? i->birth_year : (!i->id && r->user) ? r->user->birth_year : 0;
    v.birth_text = by ? arena_printf(r->a, "%lld", (long long)by) : "";
    buf others = {0};
    v.partner_ids = arena_alloc(r->a, (i->npartners + 1) * sizeof *v.partner_ids);
    for (size_t k = 0; k < i->npartners; k++) {
        if (i->partners[k].org_id) v.partner_ids[v.npartner_ids++] = i->partners[k].org_id;
        else buf_printf(&others, "%s\n", i->partners[k].name);
    }
    v.others = arena_strdup(r->a, buf_cstr(&others));
    buf_free(&others);
    v.rows = (int)i->nlines + 2 < FORM_ROWS_MIN ? FORM_ROWS_MIN : (int)i->nlines + 2;
    if (v.rows > IDEA_MAX_LINES) v.rows = IDEA_MAX_LINES;
    v.row_cat = arena_alloc(r->a, (size_t)v.rows * sizeof *v.row_cat);
    v.row_text = arena_alloc(r->a, (size_t)v.rows * sizeof *v.row_text);
    v.row_amount = arena_alloc(r->a, (size_t)v.rows * sizeof *v.row_amount);
    for (int k = 0; k < v.rows; k++) {
        bool have = (size_t)k < i->nlines;
        v.row_cat[k] = have ? arena_printf(r->a, "%lld", (long long)i->lines[k].category_id) : "";
        v.row_text[k] = have ? i->lines[k].description : "";
        v.row_amount[k] = have ? fmt_money(r->a, i->lines[k].asked) : "";
    }
    return v;
}

static bool category_of_project(const struct project *p, int64_t id)
{
    for (size_t k = 0; k < p->ncategories; k++)
        if (p->categories[k].id == id) return true;
    return false;
}

/* Reads the form into v.  `strict` (submitting) requires every field;
 * a draft needs only a title, but what is there must be valid. */
static void read_idea_form(req *r, struct form *f, const struct form_context *c,
                           struct idea_form *v, bool strict)
{
    struct idea *i = &v->i;
    i->title = form_text(f, "titel", IDEA_TITLE_MAX, F_REQUIRED);
    i->need = form_text(f, "behov", IDEA_TEXT_MAX, (strict ? F_REQUIRED : 0) | F_MULTILINE);
    i->youth_role = form_text(f, "ungas_roll", IDEA_TEXT_MAX, (strict ? F_REQUIRED : 0) | F_MULTILINE);
    i->action = form_text(f, "atgard_text", IDEA_TEXT_MAX, (strict ? F_REQUIRED : 0) | F_MULTILINE);
    i->feedback_plan = form_text(f, "aterkoppling", IDEA_TEXT_MAX, (strict ? F_REQUIRED : 0) | F_MULTILINE);
    i->sharing_plan = form_text(f, "delning", IDEA_TEXT_MAX, (strict ? F_REQUIRED : 0) | F_MULTILINE);
    i->period_start = form_date(f, "fran", strict);
    i->period_end = form_date(f, "till", strict);
    form_date_order(f, "fran", i->period_start, "till", i->period_end);

    /* who submits: an organisation the user represents, or a young person */
    v->who = form_text(f, "vem", 40, strict ? F_REQUIRED : 0);
    v->birth_text = form_text(f, "fodelsear", 6, 0);
    i->org_id = 0;
    i->birth_year = 0;
    if (strcmp(v->who, "ung") == 0) {
        if (!c->p->eligible_youth) form_error(f, "vem", "err.not_eligible");
        else if (form_int(f, "fodelsear", 1900, 2100, true, 0, &i->birth_year) &&
                 !youth_age_ok(i->birth_year, current_year(r)))
            form_error(f, "fodelsear", "err.youth_age");
    } else if (starts_with(v->who, "org-")) {
        int64_t id = 0;
        bool mine = false;
        if (parse_i64(v->who + 4, &id))
            for (size_t k = 0; k < c->nmine; k++) mine |= c->mine[k].id == id;
        if (!mine || !c->p->eligible_orgs) form_error(f, "vem", "err.not_eligible");
        else i->org_id = id;
    } else if (*v->who) {
        form_error(f, "vem", "err.choice");
    }

    /* partners */
    size_t nsel = 0;
    const char **sel = form_all(f, "partner", &nsel);
    v->partner_ids = arena_alloc(r->a, (nsel + 1) * sizeof *v->partner_ids);
    v->npartner_ids = 0;
    struct partner *partners = arena_alloc(r->a, (IDEA_MAX_PARTNERS + 1) * sizeof *partners);
    size_t np = 0;
    for (size_t k = 0; k < nsel; k++) {
        int64_t id;
        const struct org *o = NULL;
        if (parse_i64(sel[k], &id))
            for (size_t q = 0; q < c->nall; q++)
                if (c->all[q].id == id) o = &c->all[q];
        if (!o) {
            form_error(f, "partner", "err.choice");
            continue;
        }
        v->partner_ids[v->npartner_ids++] = id;
        if (np < IDEA_MAX_PARTNERS) partners[np++] = (struct partner){id, o->name, o->slug};
    }
    v->others = form_text(f, "andra_partner", 4000, F_MULTILINE);
    for (const char *p = v->others; *p;) {
        size_t len = strcspn(p, "\n");
        char *name = text_clean(r->a, arena_strndup(r->a, p, len));
        if (*name) {
            if (utf8_len(name) > PARTNER_NAME_MAX) form_error(f, "andra_partner", "err.too_long");
            else if (np >= IDEA_MAX_PARTNERS) form_error(f, "andra_partner", "err.too_many_lines");
            else partners[np++] = (struct partner){0, name, ""};
        }
        p += len;
        if (*p) p++;
    }
    i->partners = partners;
    i->npartners = np;

    /* budget rows */
    int64_t rows = FORM_ROWS_MIN;
    form_int(f, "rader", 1, IDEA_MAX_LINES, false, FORM_ROWS_MIN, &rows);
    v->rows = (int)rows;
    v->row_cat = arena_alloc(r->a, (size_t)(IDEA_MAX_LINES + FORM_ROWS_ADD) * sizeof *v->row_cat);
    v->row_text = arena_alloc(r->a, (size_t)(IDEA_MAX_LINES + FORM_ROWS_ADD) * sizeof *v->row_text);
    v->row_amount = arena_alloc(r->a, (size_t)(IDEA_MAX_LINES + FORM_ROWS_ADD) * sizeof *v->row_amount);
    i->lines = arena_alloc(r->a, (size_t)IDEA_MAX_LINES * sizeof *i->lines);
    i->nlines = 0;
    for (int k = 0; k < v->rows; k++) {
        const char *fc = row_field(r, k, "kategori"), *ft = row_field(r, k, "text"),
                   *fa = row_field(r, k, "belopp");
        v->row_cat[k] = form_text(f, fc, 20, 0);
        v->row_text[k] = form_text(f, ft, LINE_TEXT_MAX, 0);
        v->row_amount[k] = form_text(f, fa, 40, 0);
        if (!*v->row_cat[k] && !*v->row_text[k] && !*v->row_amount[k]) continue;
        struct budget_line *l = &i->lines[i->nlines];
        memset(l, 0, sizeof *l);
        if (!parse_i64(v->row_cat[k], &l->category_id) || !category_of_project(c->p, l->category_id))
            form_error(f, fc, *v->row_cat[k] ? "err.choice" : "err.required");
        l->description = v->row_text[k];
        if (!*l->description) form_error(f, ft, "err.required");
        form_no_pnr(f, ft, l->description);
        /* more than the whole call is not "unreasonably large": say which budget */
        if (form_money(f, fa, 1, MONEY_MAX_ORE, true, &l->asked) && l->asked > c->p->budget)
            form_error_arg(f, fa, "err.line_over_budget", fmt_money(r->a, c->p->budget));
        i->nlines++;
    }
    if (strict && i->nlines == 0) form_error(f, "budget", "err.budget_empty");
    if (form_ok(f) && i->nlines) {
        const char *e = idea_budget_problem(i->lines, i->nlines, c->p->budget);
        if (e) form_error_arg(f, "budget", e, fmt_money(r->a, c->p->budget));
    }
    form_no_pnr(f, "titel", i->title);
    form_no_pnr(f, "behov", i->need);
    form_no_pnr(f, "ungas_roll", i->youth_role);
    form_no_pnr(f, "atgard_text", i->action);
    form_no_pnr(f, "aterkoppling", i->feedback_plan);
    form_no_pnr(f, "delning", i->sharing_plan);
    form_no_pnr(f, "andra_partner", v->others);
}

static bool can_start_idea(const struct form_context *c)
{
    return (c->p->eligible_orgs && c->nmine) || c->p->eligible_youth;
}

static void cannot_submit_page(req *r, const struct project *p, const char *key)
{
    page_begin(r, T(r, "idea.new"));
    html(r, "<h1>%s</h1>\n<p>%s</p>\n<p><a href=\"/projekt/%s\">%s</a></p>\n", T(r, "idea.new"),
         T(r, key), p->slug, p->title);
    page_end(r);
}

static void h_new_form(req *r)
{
    struct project *p = load_project(r, r->params[0]);
    if (!p) return;
    struct form_context c;
    if (!load_context(r, p, &c)) return;
    if (!project_call_open(p, today_ymd(r))) return cannot_submit_page(r, p, "project.call_closed");
    if (!can_start_idea(&c)) return cannot_submit_page(r, p, "idea.not_eligible");
    struct idea blank = {.project_id = p->id, .title = "", .need = "", .youth_role = "", .action = "",
                         .period_start = "", .period_end = "", .feedback_plan = "", .sharing_plan = ""};
    struct idea_form v = form_values(r, &blank, &c);
    struct form f;
    form_init(&f, r);
    idea_form_page(r, &f, &c, &v, arena_printf(r->a, "/projekt/%s/ny-ide", p->slug));
}

/* Tells the submitter and the coordinators that an idea was submitted. */
static enum db_rc announce_submission(req *r, const struct idea *i, int64_t id)
{
    const char *link = arena_printf(r->a, "/ideer/%lld", (long long)id);
    enum db_rc rc = notify_user(r, r->user->id, arena_printf(r->a, "%s: %s", T(r, "mail.idea_received_subject"), i->title),
                                arena_printf(r->a, "%s \"%s\".", T(r, "mail.idea_received"), i->title), link);
    if (rc != DB_OK) return rc;
    return notify_role(r, ROLE_KOORDINATOR, arena_printf(r->a, "%s: %s", T(r, "note.idea_submitted"), i->title), link);
}

/* An edit, its submission and the notices: one transaction. */
struct idea_edit {
    const struct idea *i, *edit;
    bool submit;
};

static enum db_rc edit_tx(req *r, void *ctx)
{
    const struct idea_edit *x = ctx;
    enum db_rc rc = store_idea_update(r->db, x->edit, r->now);
    if (rc == DB_OK && x->submit)
        rc = store_idea_transition(r->db, x->i->id, x->i->status, IDEA_SUBMITTED, r->user->id, r->user->name,
                                   "", r->now);
    if (rc == DB_OK && x->submit) rc = announce_submission(r, x->edit, x->i->id);
    return rc;
}

/* A new idea, the form's one-time key and, when submitted, the notices:
 * one transaction, so a failed create leaves the key free to try again. */
struct idea_create {
    struct form *f;
    const struct idea *i;
    bool submit, again;
    int64_t id;
};

static enum db_rc create_tx(req *r, void *ctx)
{
    struct idea_create *x = ctx;
    enum db_rc rc = form_once_take(x->f, &x->again);
    if (rc != DB_OK || x->again) return rc;
    rc = store_idea_create(r->db, x->i, r->user->id, r->now, &x->id);
    if (rc == DB_OK && x->submit) rc = announce_submission(r, x->i, x->id);
    return rc;
}

/* Common handling of new and edited ideas: validation, the call period,
 * "more rows". Returns false when it has answered already. */
static bool take_idea_form(req *r, struct form *f, const struct form_context *c,
                           struct idea_form *v, const char *action, bool *submit)
{
    const char *what = req_form(r, "atgard");
    *submit = what && strcmp(what, "skicka") == 0;
    bool more = what && strcmp(what, "rader") == 0;
    read_idea_form(r, f, c, v, *submit);
    if (more) {
        v->rows = v->rows + FORM_ROWS_ADD > IDEA_MAX_LINES ? IDEA_MAX_LINES : v->rows + FORM_ROWS_ADD;
        for (int k = 0; k < v->rows; k++) {
            if (!v->row_cat[k]) v->row_cat[k] = "";
            if (!v->row_text[k]) v->row_text[k] = "";
            if (!v->row_amount[k]) v->row_amount[k] = "";
        }
        struct form clean;
        form_init(&clean, r);
        idea_form_page(r, &clean, c, v, action);
        return false;
    }
    bool need_open = *submit && v->i.status == IDEA_DRAFT;
    if (need_open && !project_call_open(c->p, today_ymd(r))) form_error(f, "atgard", "err.call_closed");
    if (!form_ok(f)) {
        r->status = 400;
        idea_form_page(r, f, c, v, action);
        return false;
    }
    return true;
}

static void h_new(req *r)
{
    struct project *p = load_project(r, r->params[0]);
    if (!p) return;
    struct form_context c;
    if (!load_context(r, p, &c)) return;
    if (p->status != PROJECT_OPEN && p->status != PROJECT_PLANNED) {
        r->status = 400;
        return cannot_submit_page(r, p, "project.call_closed");
    }
    struct form f;
    form_init(&f, r);
    struct idea_form v = {0};
    v.i.project_id = p->id;
    v.i.status = IDEA_DRAFT;
    bool submit;
    const char *action = arena_printf(r->a, "/projekt/%s/ny-ide", p->slug);
    if (!take_idea_form(r, &f, &c, &v, action, &submit)) return;
    v.i.submitter_id = r->user->id;
    v.i.submitter_name = r->user->name;
    v.i.status = submit ? IDEA_SUBMITTED : IDEA_DRAFT;
    struct idea_create x = {.f = &f, .i = &v.i, .submit = submit};
    enum db_rc rc = action_run(r, create_tx, &x);
    if (rc != DB_OK) return page_not_saved(r, "idea create");
    if (x.again) return resp_redirect(r, "/mina-ideer");
    int64_t id = x.id;
    resp_flash(r, submit ? "flash.idea_submitted" : "flash.draft_saved");
    resp_redirect(r, arena_printf(r->a, "/ideer/%lld", (long long)id));
}

static struct idea *load_own_editable(req *r, struct project **p)
{
    struct idea *i = load_idea(r, r->params[0]);
    if (!i) return NULL;
    if (!is_submitter(r, i)) {
        page_error(r, 403);
        return NULL;
    }
    if (!idea_editable(i->status)) {
        page_message(r, 400, "idea.not_editable_title", "idea.not_editable");
        return NULL;
    }
    if (store_project_by_id(r->db, r->a, i->project_id, p) != DB_OK) {
        page_fail(r, "idea project");
        return NULL;
    }
    return i;
}

static void h_edit_form(req *r)
{
    struct project *p;
    struct idea *i = load_own_editable(r, &p);
    if (!i) return;
    struct form_context c;
    if (!load_context(r, p, &c)) return;
    struct idea_form v = form_values(r, i, &c);
    struct form f;
    form_init(&f, r);
    idea_form_page(r, &f, &c, &v, arena_printf(r->a, "/ideer/%lld/redigera", (long long)i->id));
}

static void h_edit(req *r)
{
    struct project *p;
    struct idea *i = load_own_editable(r, &p);
    if (!i) return;
    struct form_context c;
    if (!load_context(r, p, &c)) return;
    struct form f;
    form_init(&f, r);
    struct idea_form v = {0};
    v.i.id = i->id;
    v.i.project_id = i->project_id;
    v.i.status = i->status;
    bool submit;
    const char *action = arena_printf(r->a, "/ideer/%lld/redigera", (long long)i->id);
    if (!take_idea_form(r, &f, &c, &v, action, &submit)) return;
    if (!v.i.title) v.i.title = i->title;
    enum db_rc rc = action_run(r, edit_tx, &(struct idea_edit){i, &v.i, submit});
    if (rc == DB_CONFLICT) return idea_conflict(r, i->id);
    if (rc != DB_OK) return page_not_saved(r, "idea update");
    resp_flash(r, submit ? "flash.idea_submitted" : "flash.draft_saved");
    resp_redirect(r, arena_printf(r->a, "/ideer/%lld", (long long)i->id));
}

/* ---- lifecycle ---- */

const struct route idea_form_routes[] = {
    {M_GET, "/projekt/*/ny-ide", h_new_form, R_AUTH},
    {M_POST, "/projekt/*/ny-ide", h_new, R_AUTH},
    {M_GET, "/ideer/*/redigera", h_edit_form, R_AUTH},
    {M_POST, "/ideer/*/redigera", h_edit, R_AUTH},
    {0, NULL, NULL, 0},
};
