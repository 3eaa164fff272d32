/* Organisers create a hackathon — dates, place, programme, the result
 * presentation, places and team size, the submission deadline, the open
 * call winners continue in, and the published rubric (up to six criteria
 * with whole-number weights ≥ 0 whose sum is > 0) — and add challenges
 * with a Markdown brief and links to what has been tried before. */
#include <string.h>

#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "view/markdown.h"
#include "web/hackathon/hackathon.h"
#include "web/site.h"

enum { RUBRIC_ROWS = 6 };

struct hack_input {
    struct hackathon h;
    const char *capacity, *team_max, *winners, *deadline_date, *deadline_time, *project, *retention;
    const char *crit_name[RUBRIC_ROWS], *crit_weight[RUBRIC_ROWS], *crit_desc[RUBRIC_ROWS];
    int64_t weights[RUBRIC_ROWS];
    size_t ncrit;
};

static const char *const default_criteria[] = {
    "Behov och användarnas röst", "Genomförbarhet", "Effekt", "Samskapande över sektorer",
};

/* The form for a new hackathon (edit NULL) or for editing one. */
static void hack_form(req *r, const struct form *f, const struct hack_input *v, const struct hackathon *edit)
{
    const char *title = edit ? Tf(r, "hack.edit_title", edit->name) : T(r, "hack.new");
    r->sheet = "hackathon";
    page_begin(r, title);
    if (edit) hack_crumbs(r, edit, T(r, "hack.edit"));
    else {
        const char *crumbs[] = {"/inhabithon", T(r, "hack.list_title"), NULL, T(r, "hack.new")};
        page_crumbs(r, crumbs, 4);
    }
    html(r, "<h1>%s</h1>\n", title);
    form_summary(r, f);
    form_open(r, edit ? arena_printf(r->a, "/inhabithon/%s/redigera", edit->slug) : "/inhabithon/ny", false);
    if (!edit) form_once_field(r);
    field_input(r, f, &(struct field){.name = "namn", .label = "hack.f_name", .value = v->h.name, .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "start", .label = "hack.f_start", .type = "date", .hint = "form.date_hint",
                                      .value = v->h.starts_on, .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "slut", .label = "hack.f_end", .type = "date", .hint = "form.date_hint",
                                      .value = v->h.ends_on, .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "plats", .label = "hack.f_place", .value = v->h.place, .flags = F_REQUIRED});
    field_textarea(r, f, &(struct field){.name = "beskrivning", .label = "hack.f_description", .value = v->h.description, .rows = 4});
    field_textarea(r, f, &(struct field){.name = "program", .label = "hack.f_programme", .hint = "hack.f_programme_hint",
                                         .value = v->h.programme_md, .rows = 8});
    field_input(r, f, &(struct field){.name = "resultat_datum", .label = "hack.f_result_on", .type = "date",
                                      .hint = "form.date_hint", .value = v->h.result_on});
    field_input(r, f, &(struct field){.name = "resultat_plats", .label = "hack.f_result_place", .value = v->h.result_place});
    field_input(r, f, &(struct field){.name = "platser", .label = "hack.f_capacity", .type = "number",
                                      .value = v->capacity, .flags = F_REQUIRED, .extra = "min=\"1\" max=\"10000\""});
    field_input(r, f, &(struct field){.name = "lagstorlek", .label = "hack.f_team_max", .type = "number",
                                      .value = v->team_max, .flags = F_REQUIRED, .extra = "min=\"1\" max=\"50\""});
    field_input(r, f, &(struct field){.name = "vinnare", .label = "hack.f_winners", .type = "number",
                                      .value = v->winners, .flags = F_REQUIRED, .extra = "min=\"1\" max=\"20\""});
    field_checkbox(r, "malsman", "hack.f_guardian", v->h.guardian_under_15);
    field_input(r, f, &(struct field){.name = "gallring", .label = "hack.f_retention", .hint = "hack.f_retention_hint",
                                      .type = "number", .value = v->retention, .extra = "min=\"1\" max=\"3650\""});
    field_input(r, f, &(struct field){.name = "inlamning_datum", .label = "hack.f_deadline_date", .type = "date",
                                      .hint = "form.date_hint", .value = v->deadline_date, .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "inlamning_tid", .label = "hack.f_deadline_time", .type = "time",
                                      .hint = "form.time_hint", .value = v->deadline_time, .flags = F_REQUIRED});
    struct project *projects = NULL;
    size_t np = 0;
    if (store_projects_list(r->db, r->a, &projects, &np) != DB_OK) return page_fail(r, "projects");
    struct option *opts = arena_alloc(r->a, (np + 1) * sizeof *opts);
    opts[0] = (struct option){"0", T(r, "hack.f_project_none")};
    for (size_t i = 0; i < np; i++)
        opts[i + 1] = (struct option){arena_printf(r->a, "%lld", (long long)projects[i].id), projects[i].title};
    field_select(r, f, &(struct field){.name = "projekt", .label = "hack.f_project", .hint = "hack.f_project_hint",
                                       .value = v->project},
                 opts, np + 1);
    html(r, "<fieldset class=\"field group\"><legend>%s</legend>\n<p class=\"hint\">%s</p>\n",
         T(r, "hack.rubric"), T(r, "hack.f_rubric_hint"));
    for (int i = 0; i < RUBRIC_ROWS; i++) {
        const char *section = Tf(r, "hack.f_criterion_n", arena_printf(r->a, "%d", i + 1));
        field_input(r, f, &(struct field){.name = arena_printf(r->a, "kriterium-%d-namn", i + 1),
                                          .label = "hack.f_criterion", .value = v->crit_name[i], .section = section});
        field_input(r, f, &(struct field){.name = arena_printf(r->a, "kriterium-%d-vikt", i + 1),
                                          .label = "hack.weight", .type = "number", .value = v->crit_weight[i],
                                          .section = section, .extra = "min=\"0\" max=\"1000\""});
        field_input(r, f, &(struct field){.name = arena_printf(r->a, "kriterium-%d-beskrivning", i + 1),
                                          .label = "hack.f_criterion_desc", .value = v->crit_desc[i] ? v->crit_desc[i] : "",
                                          .section = section});
    }
    html_raw(r, "</fieldset>\n");
    if (edit && edit->phase >= HACK_JUDGING) html(r, "<p class=\"notice\">%s</p>\n", T(r, "hack.rubric_fixed"));
    form_submit(r, edit ? "form.save" : "hack.create");
    form_close(r);
    page_end(r);
}

static void h_new_form(req *r)
{
    if (!hack_organiser(r)) return page_error(r, 403);
    struct form f;
    form_init(&f, r);
    struct hack_input v = {0};
    v.h = (struct hackathon){.name = "", .starts_on = "", .ends_on = "", .place = "", .description = "",
                             .programme_md = "", .result_on = "", .result_place = "", .guardian_under_15 = true};
    v.capacity = "60";
    v.team_max = "6";
    v.winners = "1";
    v.retention = "30";
    v.deadline_date = "";
    v.deadline_time = "13:00";
    v.project = "0";
    for (int i = 0; i < RUBRIC_ROWS; i++) {
        v.crit_name[i] = i < 4 ? default_criteria[i] : "";
        v.crit_weight[i] = i < 4 ? (i == 0 ? "2" : "1") : "";
        v.crit_desc[i] = "";
    }
    hack_form(r, &f, &v, NULL);
}

static int64_t read_count(struct form *f, const char *name, int64_t max, const char **shown)
{
    *shown = form_text(f, name, 10, F_REQUIRED);
    int64_t v = 0;
    if (!**shown) return 0;
    if (!parse_i64(*shown, &v)) form_error(f, name, "err.not_number");
    else if (v < 1 || v > max) form_error(f, name, "err.out_of_range");
    return v;
}

static void read_create(req *r, struct form *f, struct hack_input *v)
{
    struct hackathon *h = &v->h;
    h->name = form_text(f, "namn", 200, F_REQUIRED);
    h->starts_on = form_date(f, "start", true);
    h->ends_on = form_date(f, "slut", true);
    form_date_order(f, "start", h->starts_on, "slut", h->ends_on);
    h->place = form_text(f, "plats", 200, F_REQUIRED);
    h->description = form_text(f, "beskrivning", 4000, F_MULTILINE);
    h->programme_md = form_text(f, "program", 8000, F_MULTILINE);
    h->result_on = form_date(f, "resultat_datum", false);
    h->result_place = form_text(f, "resultat_plats", 200, 0);
    h->capacity = read_count(f, "platser", 10000, &v->capacity);
    h->team_max = read_count(f, "lagstorlek", 50, &v->team_max);
    h->winners = read_count(f, "vinnare", 20, &v->winners);
    h->guardian_under_15 = form_check(f, "malsman");
    v->retention = req_form(r, "gallring") ? req_form(r, "gallring") : "";
    form_int(f, "gallring", 1, 3650, false, 30, &h->retention_days);
    v->deadline_date = form_date(f, "inlamning_datum", true);
    v->deadline_time = form_text(f, "inlamning_tid", 10, F_REQUIRED);
    int y, mo, d, hh, mi;
    if (*v->deadline_time && !parse_hm(v->deadline_time, &hh, &mi)) form_error(f, "inlamning_tid", "err.time");
    else if (*v->deadline_date && !form_err(f, "inlamning_datum") && parse_ymd(v->deadline_date, &y, &mo, &d) &&
             *v->deadline_time)
        h->deadline = local_time(y, mo, d, hh, mi);
    v->project = form_text(f, "projekt", 20, 0);
    int64_t pid = 0;
    if (*v->project && (!parse_i64(v->project, &pid) || pid < 0)) form_error(f, "projekt", "err.choice");
    h->project_id = pid;
    if (pid) {
        struct project *p = NULL;
        enum db_rc rc = store_project_by_id(r->db, r->a, pid, &p);
        if (rc == DB_NOTFOUND) form_error(f, "projekt", "err.choice");
    }
    v->ncrit = 0;
    for (int i = 0; i < RUBRIC_ROWS; i++) {
        const char *nn = arena_printf(r->a, "kriterium-%d-namn", i + 1);
        const char *wn = arena_printf(r->a, "kriterium-%d-vikt", i + 1);
        const char *dn = arena_printf(r->a, "kriterium-%d-beskrivning", i + 1);
        v->crit_name[i] = form_text(f, nn, 200, 0);
        v->crit_weight[i] = form_text(f, wn, 10, 0);
        v->crit_desc[i] = form_text(f, dn, 300, 0);
        form_no_pnr(f, nn, v->crit_name[i]);
        form_no_pnr(f, dn, v->crit_desc[i]);
        if (!*v->crit_name[i] && !*v->crit_weight[i]) continue;
        if (!*v->crit_name[i]) {
            form_error(f, nn, "err.required");
            continue;
        }
        int64_t w = 0;
        if (!*v->crit_weight[i]) form_error(f, wn, "err.required");
        else if (!parse_i64(v->crit_weight[i], &w)) form_error(f, wn, "err.not_number");
        else if (w < 0) form_error(f, wn, "hack.err.weight_negative");
        else if (w > 1000) form_error(f, wn, "err.out_of_range");
        v->crit_name[v->ncrit] = v->crit_name[i];
        v->crit_desc[v->ncrit] = v->crit_desc[i];
        v->weights[v->ncrit++] = w;
    }
    if (form_ok(f)) {
        const char *bad = judging_rubric_check(v->weights, v->ncrit);
        if (bad) form_error(f, "kriterium-1-vikt", bad);
    }
    form_no_pnr(f, "namn", h->name);
    form_no_pnr(f, "plats", h->place);
    form_no_pnr(f, "beskrivning", h->description);
    form_no_pnr(f, "program", h->programme_md);
    form_no_pnr(f, "resultat_plats", h->result_place);
    h->programme_html = markdown_to_html(r->a, h->programme_md);
    h->phase = HACK_PLANNED;
}

struct create_ctx {
    struct form *f;
    struct hack_input *v;
    int64_t id;
    bool again;
};

static enum db_rc create_action(req *r, void *ctx)
{
    struct create_ctx *c = ctx;
    enum db_rc rc = form_once_take(c->f, &c->again);
    if (rc != DB_OK || c->again) return rc;
    rc = store_hack_create(r->db, &c->v->h, r->now, &c->id);
    if (rc == DB_OK) {
        rc = store_hack_rubric_set(r->db, c->id, c->v->crit_name, c->v->crit_desc, c->v->weights, c->v->ncrit, r->now);
    }
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, r->user->id, "inhabithon.skapa",
                         arena_printf(r->a, "hackathon:%lld", (long long)c->id), c->v->h.slug);
    return rc;
}

static void h_new(req *r)
{
    if (!hack_organiser(r)) return page_error(r, 403);
    struct form f;
    form_init(&f, r);
    struct hack_input v = {0};
    read_create(r, &f, &v);
    if (!form_ok(&f)) {
        r->status = 400;
        return hack_form(r, &f, &v, NULL);
    }
    const char *base = text_slug(r->a, v.h.name, 60);
    if (!*base) base = "inhabithon";
    for (int i = 1; i <= 20; i++) {
        v.h.slug = slug_try(r->a, base, i);
        struct create_ctx c = {&f, &v, 0, false};
        enum db_rc rc = action_run(r, create_action, &c);
        if (rc == DB_CONSTRAINT) continue; /* the slug is taken: the next one */
        if (rc != DB_OK) return page_not_saved(r, "hackathon create");
        if (c.again) return resp_redirect(r, "/inhabithon");
        resp_flash(r, "flash.saved");
        return resp_redirect(r, arena_printf(r->a, "/inhabithon/%s", v.h.slug));
    }
    page_not_saved(r, "hackathon slug");
}

/* ---- editing ---- */

static void h_edit_form(req *r)
{
    struct hackathon *h = load_hack(r, r->params[0]);
    if (!h) return;
    if (!hack_organiser(r)) return page_error(r, 403);
    struct form f;
    form_init(&f, r);
    struct hack_input v = {0};
    v.h = *h;
    v.capacity = arena_printf(r->a, "%lld", (long long)h->capacity);
    v.team_max = arena_printf(r->a, "%lld", (long long)h->team_max);
    v.winners = arena_printf(r->a, "%lld", (long long)h->winners);
    v.retention = arena_printf(r->a, "%lld", (long long)h->retention_days);
    v.deadline_date = fmt_date_iso(r->a, h->deadline);
    v.deadline_time = arena_strndup(r->a, fmt_rfc3339(r->a, h->deadline) + 11, 5); /* local HH:MM */
    v.project = arena_printf(r->a, "%lld", (long long)h->project_id);
    for (int i = 0; i < RUBRIC_ROWS; i++) {
        v.crit_name[i] = (size_t)i < h->ncriteria ? h->criteria[i].name : "";
        v.crit_weight[i] = (size_t)i < h->ncriteria ? arena_printf(r->a, "%lld", (long long)h->criteria[i].weight) : "";
        v.crit_desc[i] = (size_t)i < h->ncriteria ? h->criteria[i].description : "";
    }
    hack_form(r, &f, &v, h);
}

struct edit_ctx {
    const struct hackathon *old;
    struct hack_input *v;
    bool rubric_changed;
};

static enum db_rc edit_action(req *r, void *ctx)
{
    struct edit_ctx *c = ctx;
    enum db_rc rc = store_hack_update(r->db, c->old->id, &c->v->h, r->now);
    if (rc == DB_OK && c->rubric_changed) {
        rc = store_hack_rubric_set(r->db, c->old->id, c->v->crit_name, c->v->crit_desc, c->v->weights, c->v->ncrit, r->now);
    }
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, r->user->id, "inhabithon.andra",
                         arena_printf(r->a, "hackathon:%lld", (long long)c->old->id), c->rubric_changed ? "kriterier" : "");
    return rc;
}

static void h_edit(req *r)
{
    struct hackathon *h = load_hack(r, r->params[0]);
    if (!h) return;
    if (!hack_organiser(r)) return page_error(r, 403);
    struct form f;
    form_init(&f, r);
    struct hack_input v = {0};
    read_create(r, &f, &v);
    v.h.slug = h->slug;
    v.h.phase = h->phase;
    bool changed = v.ncrit != h->ncriteria;
    for (size_t i = 0; !changed && i < v.ncrit; i++)
        changed = strcmp(v.crit_name[i], h->criteria[i].name) != 0 || v.weights[i] != h->criteria[i].weight ||
                  strcmp(v.crit_desc[i], h->criteria[i].description) != 0;
    if (form_ok(&f) && changed && h->phase >= HACK_JUDGING) form_error(&f, "kriterium-1-vikt", "hack.err.rubric_fixed");
    if (form_ok(&f) && v.h.capacity < h->registered) form_error(&f, "platser", "hack.err.capacity_below");
    if (!form_ok(&f)) {
        r->status = 400;
        return hack_form(r, &f, &v, h);
    }
    struct edit_ctx c = {h, &v, changed};
    enum db_rc rc = action_run(r, edit_action, &c);
    const char *back = arena_printf(r->a, "/inhabithon/%s", h->slug);
    if (rc == DB_CONFLICT || rc == DB_CONSTRAINT)
        return page_conflict(r, 409, "hack.edit_conflict_title", T(r, "hack.edit_conflict"), back);
    if (rc != DB_OK) return page_not_saved(r, "hackathon edit");
    resp_flash(r, "flash.saved");
    resp_redirect(r, back);
}

/* ---- a challenge ---- */

static void challenge_form(req *r, const struct form *f, const struct hackathon *h, const char *title,
                           const char *brief, const char *ideas)
{
    struct activity *acts = NULL;
    size_t na = 0;
    if (store_activities_list(r->db, r->a, -1, &acts, &na) != DB_OK) return page_fail(r, "activities");
    r->sheet = "hackathon";
    page_begin(r, T(r, "hack.challenge_add"));
    hack_crumbs(r, h, T(r, "hack.challenge_add"));
    html(r, "<h1>%s</h1>\n", T(r, "hack.challenge_add"));
    form_summary(r, f);
    form_open(r, arena_printf(r->a, "/inhabithon/%s/utmaning", h->slug), false);
    form_once_field(r);
    field_input(r, f, &(struct field){.name = "titel", .label = "hack.f_challenge", .value = title, .flags = F_REQUIRED});
    field_textarea(r, f, &(struct field){.name = "bakgrund", .label = "hack.f_brief", .hint = "hack.f_brief_hint",
                                         .value = brief, .rows = 10});
    struct option *opts = arena_alloc(r->a, (na + 1) * sizeof *opts);
    bool *checked = arena_alloc(r->a, (na + 1) * sizeof *checked);
    for (size_t i = 0; i < na; i++) {
        opts[i] = (struct option){arena_printf(r->a, "%lld", (long long)acts[i].id), acts[i].title};
        const char **sel = NULL;
        size_t ns = 0;
        sel = form_all((struct form *)f, "aktivitet", &ns);
        for (size_t k = 0; k < ns; k++) checked[i] |= strcmp(sel[k], opts[i].value) == 0;
    }
    if (na)
        field_checks(r, f, &(struct field){.name = "aktivitet", .label = "hack.f_activities", .hint = "hack.f_activities_hint"},
                     opts, checked, na);
    field_input(r, f, &(struct field){.name = "ideer", .label = "hack.f_ideas", .hint = "hack.f_ideas_hint", .value = ideas});
    form_submit(r, "form.save");
    form_close(r);
    page_end(r);
}

static void h_challenge_form(req *r)
{
    struct hackathon *h = load_hack(r, r->params[0]);
    if (!h) return;
    if (!hack_organiser(r)) return page_error(r, 403);
    struct form f;
    form_init(&f, r);
    challenge_form(r, &f, h, "", "", "");
}

struct challenge_ctx {
    struct form *f;
    const struct hackathon *h;
    const char *title, *brief_md, *brief_html;
    int64_t *acts, *ideas;
    size_t nacts, nideas;
    bool again;
};

static enum db_rc challenge_action(req *r, void *ctx)
{
    struct challenge_ctx *c = ctx;
    enum db_rc rc = form_once_take(c->f, &c->again);
    if (rc != DB_OK || c->again) return rc;
    int64_t id = 0;
    rc = store_hack_challenge_add(r->db, c->h->id, c->title, c->brief_md, c->brief_html, &id);
    for (size_t i = 0; i < c->nacts && rc == DB_OK; i++) rc = store_hack_challenge_link(r->db, id, c->acts[i], 0);
    for (size_t i = 0; i < c->nideas && rc == DB_OK; i++) rc = store_hack_challenge_link(r->db, id, 0, c->ideas[i]);
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, r->user->id, "inhabithon.utmaning",
                         arena_printf(r->a, "hackathon:%lld", (long long)c->h->id), c->title);
    return rc;
}

static void h_challenge(req *r)
{
    struct hackathon *h = load_hack(r, r->params[0]);
    if (!h) return;
    if (!hack_organiser(r)) return page_error(r, 403);
    struct form f;
    form_init(&f, r);
    struct challenge_ctx c = {.f = &f, .h = h};
    c.title = form_text(&f, "titel", 200, F_REQUIRED);
    c.brief_md = form_text(&f, "bakgrund", 20000, F_MULTILINE);
    const char *ideas = form_text(&f, "ideer", 400, 0);
    form_no_pnr(&f, "titel", c.title);
    form_no_pnr(&f, "bakgrund", c.brief_md);
    size_t ns = 0;
    const char **sel = form_all(&f, "aktivitet", &ns);
    c.acts = arena_alloc(r->a, (ns + 1) * sizeof *c.acts);
    for (size_t i = 0; i < ns; i++) {
        int64_t id = 0;
        struct activity *a = NULL;
        if (!parse_i64(sel[i], &id) || store_activity_get(r->db, r->a, id, &a) != DB_OK) {
            form_error(&f, "aktivitet", "err.choice");
            break;
        }
        c.acts[c.nacts++] = id;
    }
    /* idea numbers, separated by commas or spaces */
    c.ideas = arena_alloc(r->a, (strlen(ideas) / 2 + 2) * sizeof *c.ideas);
    for (const char *p = ideas; *p;) {
        while (*p == ' ' || *p == ',') p++;
        if (!*p) break;
        const char *e = p;
        while (*e && *e != ' ' && *e != ',') e++;
        int64_t id = 0;
        struct idea *i = NULL;
        if (!parse_i64(arena_strndup(r->a, p, (size_t)(e - p)), &id) || id <= 0 ||
            store_idea_get(r->db, r->a, id, &i) != DB_OK || !idea_public(i->status)) {
            form_error(&f, "ideer", "hack.err.idea_numbers");
            break;
        }
        c.ideas[c.nideas++] = id;
        p = e;
    }
    if (!form_ok(&f)) {
        r->status = 400;
        return challenge_form(r, &f, h, c.title, c.brief_md, ideas);
    }
    c.brief_html = markdown_to_html(r->a, c.brief_md);
    enum db_rc rc = action_run(r, challenge_action, &c);
    if (rc == DB_CONSTRAINT) {
        form_error(&f, "ideer", "hack.err.idea_numbers");
        r->status = 400;
        return challenge_form(r, &f, h, c.title, c.brief_md, ideas);
    }
    if (rc != DB_OK) return page_not_saved(r, "challenge");
    resp_flash(r, "flash.saved");
    resp_redirect(r, arena_printf(r->a, "/inhabithon/%s#utmaningar", h->slug));
}

const struct route hack_form_routes[] = {
    {M_GET, "/inhabithon/ny", h_new_form, R_AUTH},
    {M_POST, "/inhabithon/ny", h_new, R_AUTH},
    {M_GET, "/inhabithon/*/redigera", h_edit_form, R_AUTH},
    {M_POST, "/inhabithon/*/redigera", h_edit, R_AUTH},
    {M_GET, "/inhabithon/*/utmaning", h_challenge_form, R_AUTH},
    {M_POST, "/inhabithon/*/utmaning", h_challenge, R_AUTH},
    {0, NULL, NULL, 0},
};
