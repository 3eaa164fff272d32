/* Projects with open calls: the list, the project page (Vad/Varför/Hur,
 * goals, eligibility, call period, budget, categories, criteria, contacts),
 * editing by coordinators, and the money overview (the ledger). */
#include <stdio.h>
#include <string.h>

#include "domain/money.h"
#include "store/store.h"
#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/action.h"
#include "web/calls/calls.h"
#include "web/pages.h"
#include "web/site.h"

static void h_list(req *r)
{
    struct project *list = NULL;
    size_t n = 0;
    if (store_projects_list(r->db, r->a, &list, &n) != DB_OK) return page_fail(r, "projects");
    page_begin(r, T(r, "projects.title"));
    html(r, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", T(r, "projects.title"), T(r, "projects.intro"));
    if (is_coordinator(r))
        html(r, "<p><a class=\"button\" href=\"/projekt/ny\">%s</a></p>\n", T(r, "project.new"));
    html_raw(r, "<ul class=\"cards\">\n");
    for (size_t i = 0; i < n; i++) {
        const struct project *p = &list[i];
        html(r, "<li class=\"card\">\n<h2><a href=\"/projekt/%s\">%s</a></h2>\n"
                "<p class=\"meta\"><strong class=\"tag tag-%s\">%s</strong> · %s %s – %s</p>\n<p>%s</p>\n</li>\n",
             p->slug, p->title, status_tone(project_status_name(p->status)), project_status_label(r, p->status), T(r, "project.call"),
             fmt_ymd(r->a, r->lang, p->call_opens), fmt_ymd(r->a, r->lang, p->call_closes),
             p->summary);
    }
    html_raw(r, "</ul>\n");
    if (n == 0) html(r, "<p>%s</p>\n", T(r, "projects.none"));
    page_end(r);
}

static void section(req *r, const char *heading_key, const char *text)
{
    if (!text || !*text) return;
    html(r, "<h2>%s</h2>\n", T(r, heading_key));
    user_paragraphs(r, &r->body, text);
}

static void h_show_page(req *r)
{
    struct project *p = load_project(r, r->params[0]);
    if (!p) return;
    int64_t counts[IDEA_STATUS_COUNT];
    if (store_idea_counts(r->db, p->id, counts) != DB_OK) return page_fail(r, "project");
    int64_t public_ideas = 0;
    for (int s = 0; s < IDEA_STATUS_COUNT; s++)
        if (s != IDEA_DRAFT) public_ideas += counts[s];
    page_begin(r, p->title);
    const char *crumbs[] = {"/projekt", T(r, "projects.title"), NULL, p->title};
    page_crumbs(r, crumbs, 4);
    html(r, "<h1>%s</h1>\n<p class=\"meta\"><strong class=\"tag tag-%s\">%s</strong></p>\n", p->title,
         status_tone(project_status_name(p->status)), project_status_label(r, p->status));
    if (*p->summary) html(r, "<p class=\"lead\">%s</p>\n", p->summary);
    bool open = project_call_open(p, today_ymd(r));
    html(r, "<div class=\"callout\">\n<p><strong>%s</strong> %s – %s.</p>\n", T(r, "project.call"),
         fmt_ymd(r->a, r->lang, p->call_opens), fmt_ymd(r->a, r->lang, p->call_closes));
    if (open)
        html(r, "<p><a class=\"button\" href=\"/projekt/%s/ny-ide\">%s</a></p>\n", p->slug,
             T(r, "idea.new"));
    else
        html(r, "<p>%s</p>\n", T(r, "project.call_closed"));
    html_raw(r, "</div>\n");
    section(r, "project.what", p->what);
    if (*p->short_goal || *p->long_goal) {
        html(r, "<h2>%s</h2>\n<dl class=\"facts\">\n", T(r, "project.goals"));
        if (*p->short_goal) {
            html(r, "<dt>%s %lld</dt><dd>%s", T(r, "project.short_goal"), (long long)p->short_year,
                 p->short_goal);
            if (p->short_target)
                html(r, " <span class=\"muted\">(%s %s)</span>", T(r, "project.target"),
                     fmt_int(r->a, p->short_target));
            html_raw(r, "</dd>\n");
        }
        if (*p->long_goal) html(r, "<dt>%s</dt><dd>%s</dd>\n", T(r, "project.long_goal"), p->long_goal);
        html_raw(r, "</dl>\n");
    }
    section(r, "project.why", p->why);
    section(r, "project.how", p->how);
    html(r, "<h2>%s</h2>\n<ul>\n", T(r, "project.eligible"));
    if (p->eligible_orgs) html(r, "<li>%s</li>\n", T(r, "project.eligible_orgs"));
    if (p->eligible_youth) html(r, "<li>%s</li>\n", T(r, "project.eligible_youth"));
    html(r, "</ul>\n<h2>%s</h2>\n<ul>\n", T(r, "project.categories"));
    for (size_t i = 0; i < p->ncategories; i++) html(r, "<li>%s</li>\n", p->categories[i].name);
    html(r, "</ul>\n<h2>%s</h2>\n<p>%s</p>\n<ol>\n", T(r, "project.criteria"),
         T(r, "project.criteria_intro"));
    for (size_t i = 0; i < p->ncriteria; i++) html(r, "<li>%s</li>\n", p->criteria[i].text);
    html(r, "</ol>\n<h2>%s</h2>\n<dl class=\"facts\">\n<dt>%s</dt><dd>%s</dd>\n"
            "<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s</dd>\n</dl>\n"
            "<p><a href=\"/projekt/%s/ekonomi\">%s</a></p>\n",
         T(r, "project.money"), T(r, "project.budget"), fmt_money(r->a, p->budget),
         T(r, "ledger.granted"), fmt_money(r->a, p->granted_total), T(r, "ledger.unallocated"),
         fmt_money(r->a, p->budget - p->granted_total), p->slug, T(r, "ledger.title"));
    html(r, "<h2>%s</h2>\n<p>%s %lld. <a href=\"/projekt/%s/ideer\">%s</a></p>\n",
         T(r, "ideas.title"), T(r, "ideas.count"), (long long)public_ideas, p->slug,
         T(r, "ideas.see_all"));
    if (p->ncontacts) {
        html(r, "<h2>%s</h2>\n<ul class=\"contacts\">\n", T(r, "project.contacts"));
        for (size_t i = 0; i < p->ncontacts; i++) {
            html(r, "<li><strong>%s</strong>", p->contacts[i].name);
            if (*p->contacts[i].title) html(r, ", %s", p->contacts[i].title);
            if (*p->contacts[i].phone) html(r, "<br>%s %s", T(r, "project.phone"), p->contacts[i].phone);
            html_raw(r, "</li>\n");
        }
        html_raw(r, "</ul>\n");
    }
    if (is_coordinator(r)) {
        html(r, "<section class=\"internal\" aria-labelledby=\"intern\">\n<h2 id=\"intern\">%s</h2>\n",
             T(r, "project.internal_notes"));
        if (*p->internal_notes) user_paragraphs(r, &r->body, p->internal_notes);
        else html(r, "<p class=\"muted\">%s</p>\n", T(r, "project.no_notes"));
        html(r, "<p><a class=\"button\" href=\"/projekt/%s/redigera\">%s</a></p>\n</section>\n",
             p->slug, T(r, "project.edit"));
    }
    page_end(r);
}

static void h_show(req *r)
{
    page_in_snapshot(r, h_show_page); /* one snapshot of all it reads */
}

/* ---- create and edit ---- */

struct project_form {
    struct project p;
    const char *budget_text, *categories, *criteria, *contacts, *target_text, *year_text;
};

static char *lines_of_categories(req *r, const struct project *p)
{
    buf b = {0};
    for (size_t i = 0; i < p->ncategories; i++) buf_printf(&b, "%s\n", p->categories[i].name);
    char *s = arena_strdup(r->a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static char *lines_of_criteria(req *r, const struct project *p)
{
    buf b = {0};
    for (size_t i = 0; i < p->ncriteria; i++) buf_printf(&b, "%s\n", p->criteria[i].text);
    char *s = arena_strdup(r->a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static char *lines_of_contacts(req *r, const struct project *p)
{
    buf b = {0};
    for (size_t i = 0; i < p->ncontacts; i++)
        buf_printf(&b, "%s; %s; %s\n", p->contacts[i].name, p->contacts[i].title, p->contacts[i].phone);
    char *s = arena_strdup(r->a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static void project_form_page(req *r, const struct form *f, const struct project_form *v,
                              bool create)
{
    const struct project *p = &v->p;
    page_begin(r, T(r, create ? "project.new" : "project.edit"));
    html(r, "<h1>%s</h1>\n", T(r, create ? "project.new" : "project.edit"));
    form_summary(r, f);
    form_open(r, create ? "/projekt/ny" : arena_printf(r->a, "/projekt/%s/redigera", p->slug), false);
    if (create) form_once_field(r);
    field_input(r, f, &(struct field){.name = "titel", .label = "project.title_label", .value = p->title, .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "sammanfattning", .label = "project.summary_label", .value = p->summary});
    field_textarea(r, f, &(struct field){.name = "vad", .label = "project.what", .value = p->what, .rows = 5});
    field_textarea(r, f, &(struct field){.name = "varfor", .label = "project.why", .value = p->why, .rows = 5});
    field_textarea(r, f, &(struct field){.name = "hur", .label = "project.how", .value = p->how, .rows = 5});
    field_textarea(r, f, &(struct field){.name = "kortsiktigt", .label = "project.short_goal", .value = p->short_goal, .rows = 3});
    field_input(r, f, &(struct field){.name = "malvarde", .label = "project.target_label", .hint = "project.target_hint", .type = "text", .value = v->target_text, .extra = "inputmode=\"numeric\""});
    field_input(r, f, &(struct field){.name = "malar", .label = "project.year_label", .type = "text", .value = v->year_text, .extra = "inputmode=\"numeric\""});
    field_textarea(r, f, &(struct field){.name = "langsiktigt", .label = "project.long_goal", .value = p->long_goal, .rows = 3});
    struct option elig[] = {{"foreningar", T(r, "project.eligible_orgs")}, {"ungdomar", T(r, "project.eligible_youth")}};
    bool checked[] = {p->eligible_orgs, p->eligible_youth};
    field_checks(r, f, &(struct field){.name = "behorighet", .label = "project.eligible"}, elig, checked, 2);
    field_input(r, f, &(struct field){.name = "oppnar", .label = "project.opens", .type = "date", .value = p->call_opens, .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "stanger", .label = "project.closes", .type = "date", .value = p->call_closes, .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "budget", .label = "project.budget_label", .hint = "form.money_hint", .value = v->budget_text, .flags = F_REQUIRED, .extra = "inputmode=\"decimal\""});
    struct option st[PROJECT_STATUS_COUNT];
    for (int s = 0; s < PROJECT_STATUS_COUNT; s++)
        st[s] = (struct option){project_status_name((enum project_status)s), project_status_label(r, (enum project_status)s)};
    field_select(r, f, &(struct field){.name = "status", .label = "project.status_label", .value = project_status_name(p->status)}, st, PROJECT_STATUS_COUNT);
    field_textarea(r, f, &(struct field){.name = "kategorier", .label = "project.categories", .hint = "project.lines_hint", .value = v->categories, .rows = 6, .flags = F_REQUIRED});
    field_textarea(r, f, &(struct field){.name = "kriterier", .label = "project.criteria", .hint = "project.criteria_hint", .value = v->criteria, .rows = 8, .flags = F_REQUIRED});
    field_textarea(r, f, &(struct field){.name = "kontakter", .label = "project.contacts", .hint = "project.contacts_hint", .value = v->contacts, .rows = 3});
    field_textarea(r, f, &(struct field){.name = "anteckningar", .label = "project.internal_notes", .hint = "project.notes_hint", .value = p->internal_notes, .rows = 4});
    form_submit(r, "form.save");
    form_close(r);
    page_end(r);
}

/* Splits text into trimmed non-empty lines. */
static size_t split_lines(req *r, const char *text, const char **out, size_t max, bool *too_many)
{
    size_t n = 0;
    *too_many = false;
    const char *p = text;
    while (*p) {
        size_t len = strcspn(p, "\n");
        char *line = text_clean(r->a, arena_strndup(r->a, p, len));
        if (*line) {
            if (n == max) *too_many = true;
            else out[n++] = line;
        }
        p += len;
        if (*p) p++;
    }
    return n;
}

static void read_project_form(req *r, struct form *f, struct project_form *v)
{
    struct project *p = &v->p;
    p->title = form_text(f, "titel", PROJECT_TITLE_MAX, F_REQUIRED);
    p->summary = form_text(f, "sammanfattning", 400, 0);
    p->what = form_text(f, "vad", PROJECT_TEXT_MAX, F_MULTILINE);
    p->why = form_text(f, "varfor", PROJECT_TEXT_MAX, F_MULTILINE);
    p->how = form_text(f, "hur", PROJECT_TEXT_MAX, F_MULTILINE);
    p->short_goal = form_text(f, "kortsiktigt", PROJECT_GOAL_MAX, F_MULTILINE);
    p->long_goal = form_text(f, "langsiktigt", PROJECT_GOAL_MAX, F_MULTILINE);
    v->target_text = form_text(f, "malvarde", 12, 0);
    v->year_text = form_text(f, "malar", 6, 0);
    form_int(f, "malvarde", 0, 1000000, false, 0, &p->short_target);
    form_int(f, "malar", 2000, 2100, false, 0, &p->short_year);
    size_t ne = 0;
    const char **elig = form_all(f, "behorighet", &ne);
    p->eligible_orgs = p->eligible_youth = false;
    for (size_t i = 0; i < ne; i++) {
        if (strcmp(elig[i], "foreningar") == 0) p->eligible_orgs = true;
        else if (strcmp(elig[i], "ungdomar") == 0) p->eligible_youth = true;
        else form_error(f, "behorighet", "err.choice");
    }
    if (!p->eligible_orgs && !p->eligible_youth) form_error(f, "behorighet", "err.eligible_none");
    p->call_opens = form_date(f, "oppnar", true);
    p->call_closes = form_date(f, "stanger", true);
    form_date_order(f, "oppnar", p->call_opens, "stanger", p->call_closes);
    v->budget_text = form_text(f, "budget", 40, F_REQUIRED);
    form_money(f, "budget", 0, MONEY_MAX_ORE, true, &p->budget);
    int s = project_status_from_name(req_form(r, "status"));
    if (s < 0) form_error(f, "status", "err.choice");
    else p->status = (enum project_status)s;
    p->internal_notes = form_text(f, "anteckningar", PROJECT_TEXT_MAX, F_MULTILINE);

    v->categories = form_text(f, "kategorier", 2000, F_REQUIRED | F_MULTILINE);
    const char *names[PROJECT_MAX_CATEGORIES];
    bool too_many;
    p->ncategories = split_lines(r, v->categories, names, PROJECT_MAX_CATEGORIES, &too_many);
    if (too_many) form_error(f, "kategorier", "err.too_many_lines");
    p->categories = arena_alloc(r->a, (p->ncategories + 1) * sizeof *p->categories);
    for (size_t i = 0; i < p->ncategories; i++) {
        p->categories[i].name = names[i];
        if (utf8_len(names[i]) > CATEGORY_NAME_MAX) form_error(f, "kategorier", "err.too_long");
        for (size_t k = 0; k < i; k++)
            if (strcmp(names[k], names[i]) == 0) form_error(f, "kategorier", "err.duplicate_line");
    }
    if (!p->ncategories && !form_err(f, "kategorier")) form_error(f, "kategorier", "err.required");

    v->criteria = form_text(f, "kriterier", 8000, F_REQUIRED | F_MULTILINE);
    const char *crit[PROJECT_MAX_CRITERIA];
    p->ncriteria = split_lines(r, v->criteria, crit, PROJECT_MAX_CRITERIA, &too_many);
    if (too_many) form_error(f, "kriterier", "err.too_many_lines");
    p->criteria = arena_alloc(r->a, (p->ncriteria + 1) * sizeof *p->criteria);
    for (size_t i = 0; i < p->ncriteria; i++) {
        p->criteria[i].number = (int64_t)i + 1;
        p->criteria[i].text = crit[i];
        if (utf8_len(crit[i]) > CRITERION_TEXT_MAX) form_error(f, "kriterier", "err.too_long");
    }
    if (!p->ncriteria && !form_err(f, "kriterier")) form_error(f, "kriterier", "err.required");

    v->contacts = form_text(f, "kontakter", 2000, F_MULTILINE);
    const char *cl[PROJECT_MAX_CONTACTS];
    p->ncontacts = split_lines(r, v->contacts, cl, PROJECT_MAX_CONTACTS, &too_many);
    if (too_many) form_error(f, "kontakter", "err.too_many_lines");
    p->contacts = arena_alloc(r->a, (p->ncontacts + 1) * sizeof *p->contacts);
    for (size_t i = 0; i < p->ncontacts; i++) {
        char *parts[3] = {"", "", ""};
        char *line = arena_strdup(r->a, cl[i]);
        for (int k = 0; k < 3 && line; k++) {
            char *semi = strchr(line, ';');
            if (semi) *semi = '\0';
            parts[k] = text_clean(r->a, line);
            line = semi ? semi + 1 : NULL;
        }
        p->contacts[i] = (struct contact){parts[0], parts[1], parts[2]};
        if (strchr(cl[i], '@')) form_error(f, "kontakter", "err.no_email_public");
    }
    form_no_pnr(f, "titel", p->title);
    form_no_pnr(f, "vad", p->what);
    form_no_pnr(f, "varfor", p->why);
    form_no_pnr(f, "hur", p->how);
    form_no_pnr(f, "sammanfattning", p->summary);
    form_no_pnr(f, "kortsiktigt", p->short_goal);
    form_no_pnr(f, "langsiktigt", p->long_goal);
    form_no_pnr(f, "kategorier", v->categories);
    form_no_pnr(f, "kriterier", v->criteria);
    form_no_pnr(f, "kontakter", v->contacts);
}

static struct project_form form_of(req *r, const struct project *p)
{
    struct project_form v = {.p = *p};
    v.budget_text = fmt_money(r->a, p->budget);
    v.target_text = p->short_target ? arena_printf(r->a, "%lld", (long long)p->short_target) : "";
    v.year_text = p->short_year ? arena_printf(r->a, "%lld", (long long)p->short_year) : "";
    v.categories = lines_of_categories(r, p);
    v.criteria = lines_of_criteria(r, p);
    v.contacts = lines_of_contacts(r, p);
    return v;
}

static void h_new_form(req *r)
{
    if (!is_coordinator(r)) return page_error(r, 403);
    struct project p = {.title = "", .summary = "", .what = "", .why = "", .how = "",
                        .short_goal = "", .long_goal = "", .eligible_orgs = true,
                        .eligible_youth = true, .call_opens = today_ymd(r),
                        .call_closes = fmt_date_iso(r->a, r->now + 60 * 86400),
                        .status = PROJECT_PLANNED, .internal_notes = "",
                        .short_year = 0};
    p.categories = arena_alloc(r->a, DEFAULT_CATEGORY_COUNT * sizeof *p.categories);
    for (size_t i = 0; i < DEFAULT_CATEGORY_COUNT; i++) p.categories[i].name = DEFAULT_CATEGORIES[i];
    p.ncategories = DEFAULT_CATEGORY_COUNT;
    struct form f;
    form_init(&f, r);
    struct project_form v = form_of(r, &p);
    v.budget_text = "";
    project_form_page(r, &f, &v, true);
}

/* A new project, the form's one-time key and the audit row: one
 * transaction. */
struct project_create {
    struct form *f;
    struct project *p;
    bool again;
};

static enum db_rc create_tx(req *r, void *ctx)
{
    struct project_create *x = ctx;
    enum db_rc rc = form_once_take(x->f, &x->again);
    if (rc != DB_OK || x->again) return rc;
    int64_t id = 0;
    rc = store_project_create(r->db, x->p, r->now, &id);
    if (rc != DB_OK) return rc;
    return store_audit(r->db, r->now, r->user->id, "projekt.skapa", x->p->slug, x->p->title);
}

/* An edit and its audit row: one transaction. */
struct project_edit {
    const struct project *p;
};

static enum db_rc edit_tx(req *r, void *ctx)
{
    const struct project_edit *x = ctx;
    enum db_rc rc = store_project_update(r->db, x->p, r->now);
    if (rc != DB_OK) return rc;
    return store_audit(r->db, r->now, r->user->id, "projekt.redigera", x->p->slug, "");
}

static void h_new(req *r)
{
    if (!is_coordinator(r)) return page_error(r, 403);
    struct form f;
    form_init(&f, r);
    struct project_form v = {0};
    read_project_form(r, &f, &v);
    if (!form_ok(&f)) {
        r->status = 400;
        return project_form_page(r, &f, &v, true);
    }
    const char *base = text_slug(r->a, v.p.title, 80);
    struct project_create x = {.f = &f, .p = &v.p};
    enum db_rc rc = DB_CONSTRAINT;
    /* a taken slug rolls the whole action back; the next one is tried anew */
    for (int i = 1; i < 50 && rc == DB_CONSTRAINT; i++) {
        v.p.slug = slug_try(r->a, base, i);
        rc = action_run(r, create_tx, &x);
    }
    if (rc != DB_OK) return page_not_saved(r, "project create");
    if (x.again) return resp_redirect(r, "/projekt");
    resp_flash(r, "flash.saved");
    resp_redirect(r, arena_printf(r->a, "/projekt/%s", v.p.slug));
}

static void h_edit_form(req *r)
{
    if (!is_coordinator(r)) return page_error(r, 403);
    struct project *p = load_project(r, r->params[0]);
    if (!p) return;
    struct form f;
    form_init(&f, r);
    struct project_form v = form_of(r, p);
    project_form_page(r, &f, &v, false);
}

static void h_edit(req *r)
{
    if (!is_coordinator(r)) return page_error(r, 403);
    struct project *p = load_project(r, r->params[0]);
    if (!p) return;
    struct form f;
    form_init(&f, r);
    struct project_form v = {.p = *p};
    v.p.categories = NULL;
    read_project_form(r, &f, &v);
    v.p.id = p->id;
    v.p.slug = p->slug;
    /* a category that budget lines use cannot be taken away (rename it
     * instead); tell the coordinator which */
    for (size_t k = 0; k < p->ncategories; k++) {
        bool kept = false;
        for (size_t j = 0; j < v.p.ncategories; j++) kept |= strcmp(p->categories[k].name, v.p.categories[j].name) == 0;
        if (kept) continue;
        bool used = false;
        if (store_category_in_use(r->db, p->categories[k].id, &used) != DB_OK)
            return page_fail(r, "project categories");
        if (used) form_error_arg(&f, "kategorier", "err.category_in_use", p->categories[k].name);
    }
    if (form_ok(&f)) {
        enum db_rc rc = action_run(r, edit_tx, &(struct project_edit){&v.p});
        if (rc == DB_CONSTRAINT) form_error(&f, "budget", "err.budget_below_granted");
        else if (rc != DB_OK) return page_not_saved(r, "project update");
    }
    if (!form_ok(&f)) {
        r->status = 400;
        return project_form_page(r, &f, &v, false);
    }
    resp_flash(r, "flash.saved");
    resp_redirect(r, arena_printf(r->a, "/projekt/%s", p->slug));
}

/* ---- the money overview ---- */

static void money_cell(req *r, int64_t ore)
{
    html(r, "<td class=\"num\">%s</td>", fmt_money(r->a, ore));
}

static void h_ledger(req *r)
{
    struct project *p = load_project(r, r->params[0]);
    if (!p) return;
    struct ledger_row *rows = NULL;
    size_t n = 0;
    if (store_ledger(r->db, r->a, p->id, &rows, &n) != DB_OK) return page_fail(r, "ledger");
    struct ledger_row total = {0};
    for (size_t i = 0; i < n; i++) {
        total.asked += rows[i].asked;
        total.granted += rows[i].granted;
        total.claimed += rows[i].claimed;
        total.approved += rows[i].approved;
        total.paid += rows[i].paid;
    }
    page_begin(r, arena_printf(r->a, "%s – %s", T(r, "ledger.title"), p->title));
    const char *crumbs[] = {"/projekt", T(r, "projects.title"),
                            arena_printf(r->a, "/projekt/%s", p->slug), p->title, NULL,
                            T(r, "ledger.title")};
    page_crumbs(r, crumbs, 6);
    html(r, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", T(r, "ledger.title"), p->title);
    html(r, "<dl class=\"facts\">\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s</dd>\n"
            "<dt>%s</dt><dd>%s</dd>\n</dl>\n",
         T(r, "project.budget"), fmt_money(r->a, p->budget), T(r, "ledger.granted"),
         fmt_money(r->a, p->granted_total), T(r, "ledger.unallocated"),
         fmt_money(r->a, p->budget - p->granted_total));
    table_open(r, T(r, "ledger.by_category"), "ledger");
    html(r, "<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
            "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
            "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
            "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
            "</tr></thead>\n<tbody>\n",
         T(r, "ledger.by_category"), T(r, "ledger.category"), T(r, "ledger.asked"),
         T(r, "ledger.granted"), T(r, "ledger.claimed"), T(r, "ledger.approved"),
         T(r, "ledger.paid"), T(r, "ledger.remaining"));
    for (size_t i = 0; i <= n; i++) {
        const struct ledger_row *x = i < n ? &rows[i] : &total;
        if (i == n) html(r, "</tbody>\n<tfoot><tr><th scope=\"row\">%s</th>", T(r, "ledger.total"));
        else html(r, "<tr><th scope=\"row\">%s</th>", x->category);
        money_cell(r, x->asked);
        money_cell(r, x->granted);
        money_cell(r, x->claimed);
        money_cell(r, x->approved);
        money_cell(r, x->paid);
        money_cell(r, x->granted - x->approved);
        html_raw(r, "</tr>\n");
    }
    html_raw(r, "</tfoot>\n");
    table_close(r);
    html(r, "<p class=\"hint\">%s</p>\n", T(r, "ledger.explain"));
    page_end(r);
}

const struct route project_routes[] = {
    {M_GET, "/projekt", h_list, 0},
    {M_GET, "/projekt/ny", h_new_form, R_AUTH},
    {M_POST, "/projekt/ny", h_new, R_AUTH},
    {M_GET, "/projekt/*", h_show, 0},
    {M_GET, "/projekt/*/redigera", h_edit_form, R_AUTH},
    {M_POST, "/projekt/*/redigera", h_edit, R_AUTH},
    {M_GET, "/projekt/*/ekonomi", h_ledger, 0},
    {0, NULL, NULL, 0},
};
