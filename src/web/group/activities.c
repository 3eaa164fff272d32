/* Activities and their follow-up: what was done, by whom, how many took
 * part ("16–17 barn och unga kom" as numbers), the report, results, the
 * feedback given to the participants and when, next steps and media
 * links.  Made from an approved test idea or created directly. */
#include <string.h>

#include "domain/org.h"
#include "store/store.h"
#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/action.h"
#include "web/calls/calls.h"
#include "web/group/group.h"
#include "web/notify.h"
#include "web/pages.h"

static struct activity *load_activity(req *r, const char *id_text)
{
    int64_t id;
    struct activity *x = NULL;
    if (!parse_i64(id_text, &id) || id <= 0) {
        page_error(r, 404);
        return NULL;
    }
    enum db_rc rc = store_activity_get(r->db, r->a, id, &x);
    if (rc == DB_OK) return x;
    if (rc == DB_NOTFOUND) page_error(r, 404);
    else page_fail(r, "activity");
    return NULL;
}

static void h_list(req *r)
{
    const char *sf = NULL;
    if (!query_text(r, "status", 30, &sf)) return page_message(r, 400, "error.400.title", "err.filter");
    int status = sf && *sf ? activity_status_from_name(sf) : -1;
    if (sf && *sf && status < 0) return page_message(r, 400, "error.400.title", "err.filter");
    struct activity *list = NULL;
    size_t n = 0;
    if (store_activities_list(r->db, r->a, status, &list, &n) != DB_OK) return page_fail(r, "activities");
    page_begin(r, T(r, "activities.title"));
    html(r, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", T(r, "activities.title"), T(r, "activities.intro"));
    html(r, "<form method=\"get\" action=\"/aktiviteter\" class=\"filters\">\n<div class=\"field\">"
            "<label for=\"f-status\">%s</label>\n<select id=\"f-status\" name=\"status\">\n"
            "<option value=\"\">%s</option>\n", T(r, "ideas.filter_status"), T(r, "ideas.all_statuses"));
    for (int s = 0; s < ACT_STATUS_COUNT; s++)
        html(r, "<option value=\"%s\"%s>%s</option>\n", activity_status_name((enum activity_status)s),
             s == status ? " selected" : "", activity_status_label(r, (enum activity_status)s));
    html(r, "</select></div>\n<button type=\"submit\">%s</button>\n</form>\n", T(r, "orgs.filter"));
    if (is_coordinator(r))
        html(r, "<p><a class=\"button\" href=\"/aktiviteter/ny\">%s</a></p>\n", T(r, "activity.new"));
    html(r, "<p class=\"count\" role=\"status\">%s %zu</p>\n", T(r, "activities.count"), n);
    if (n) {
        table_open(r, T(r, "activities.title"), "activities");
        html(r, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead>\n<tbody>\n",
             T(r, "activity.title_label"), T(r, "activity.status_label"), T(r, "activity.total"),
             T(r, "activity.youth"));
        for (size_t k = 0; k < n; k++) {
            html(r, "<tr><td><a href=\"/aktiviteter/%lld\">%s</a>", (long long)list[k].id, list[k].title);
            orgs_in_parentheses(r, list[k].orgs, list[k].norgs);
            html(r, "</td><td><strong class=\"tag tag-%s\">%s</strong></td><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>\n",
                 status_tone(activity_status_name(list[k].status)), activity_status_label(r, list[k].status),
                 count_text(r, list[k].total),
                 count_text(r, list[k].youth));
        }
        html_raw(r, "</tbody>\n");
        table_close(r);
    }
    page_end(r);
}

static void block(req *r, const char *key, const char *text)
{
    if (!text || !*text) return;
    html(r, "<h2>%s</h2>\n", T(r, key));
    user_paragraphs(r, &r->body, text);
}

static void h_show(req *r)
{
    struct activity *x = load_activity(r, r->params[0]);
    if (!x) return;
    page_begin(r, x->title);
    const char *crumbs[] = {"/aktiviteter", T(r, "activities.title"), NULL, x->title};
    page_crumbs(r, crumbs, 4);
    html_raw(r, "<h1");
    html_raw(r, sv_attr(r)); /* what people wrote is Swedish (WCAG 3.1.2) */
    html(r, ">%s</h1>\n<p class=\"meta\"><strong class=\"tag tag-%s\">%s</strong>", x->title,
         status_tone(activity_status_name(x->status)), activity_status_label(r, x->status));
    orgs_in_parentheses(r, x->orgs, x->norgs);
    html_raw(r, "</p>\n<dl class=\"facts\">\n");
    if (*x->presenter) html(r, "<dt>%s</dt><dd>%s</dd>\n", T(r, "activity.presenter"), x->presenter);
    if (*x->start_date) {
        const char *a = fmt_ymd(r->a, r->lang, x->start_date), *b = fmt_ymd(r->a, r->lang, x->end_date);
        html(r, "<dt>%s</dt><dd>%s", T(r, "idea.period"), a ? a : x->start_date);
        if (b && strcmp(x->end_date, x->start_date) != 0) html(r, " – %s", b);
        html_raw(r, "</dd>\n");
    }
    if (x->total.min >= 0) html(r, "<dt>%s</dt><dd>%s</dd>\n", T(r, "activity.total"), count_text(r, x->total));
    if (x->youth.min >= 0) html(r, "<dt>%s</dt><dd>%s</dd>\n", T(r, "activity.youth"), count_text(r, x->youth));
    if (x->idea_id) html(r, "<dt>%s</dt><dd><a href=\"/ideer/%lld\">%s</a></dd>\n", T(r, "activity.idea"),
                         (long long)x->idea_id, T(r, "activity.idea_link"));
    html_raw(r, "</dl>\n");
    block(r, "activity.report", x->report);
    block(r, "activity.results", x->results);
    if (*x->feedback) {
        html(r, "<h2>%s</h2>\n", T(r, "activity.feedback"));
        if (*x->feedback_date)
            html(r, "<p class=\"meta\">%s %s</p>\n", T(r, "activity.feedback_given"),
                 fmt_ymd(r->a, r->lang, x->feedback_date) ? fmt_ymd(r->a, r->lang, x->feedback_date) : x->feedback_date);
        user_paragraphs(r, &r->body, x->feedback);
    }
    block(r, "activity.next_steps", x->next_steps);
    if (x->nlinks) {
        html(r, "<h2>%s</h2>\n<ul>\n", T(r, "activity.links"));
        for (size_t k = 0; k < x->nlinks; k++)
            html(r, "<li><a href=\"%s\" rel=\"noopener\">%s</a></li>\n", x->links[k].url,
                 *x->links[k].title ? x->links[k].title : x->links[k].url);
        html_raw(r, "</ul>\n");
    }
    if (is_coordinator(r))
        html(r, "<p><a class=\"button\" href=\"/aktiviteter/%lld/redigera\">%s</a></p>\n", (long long)x->id,
             T(r, "activity.edit"));
    page_end(r);
}

/* ---- create and edit ---- */

struct activity_form {
    struct activity x;
    const char *total, *youth, *other_orgs, *links, *participants;
    int64_t *org_ids;
    size_t norg_ids;
};

static void activity_form_page(req *r, const struct form *f, const struct activity_form *v,
                               const char *action, bool create)
{
    struct org *all = NULL;
    size_t nall = 0;
    struct user *told = NULL;
    size_t ntold = 0;
    if (store_orgs_list(r->db, r->a, -1, NULL, &all, &nall) != DB_OK ||
        (v->x.id && store_activity_participants(r->db, r->a, v->x.id, &told, &ntold) != DB_OK))
        return page_fail(r, "activity form");
    page_begin(r, T(r, create ? "activity.new" : "activity.edit"));
    html(r, "<h1>%s</h1>\n", T(r, create ? "activity.new" : "activity.edit"));
    form_summary(r, f);
    form_open(r, action, false);
    if (create) form_once_field(r);
    if (v->x.idea_id) html(r, "<input type=\"hidden\" name=\"ide\" value=\"%lld\">\n", (long long)v->x.idea_id);
    field_input(r, f, &(struct field){.name = "titel", .label = "activity.title_label", .value = v->x.title, .flags = F_REQUIRED});
    struct option st[ACT_STATUS_COUNT];
    for (int s = 0; s < ACT_STATUS_COUNT; s++)
        st[s] = (struct option){activity_status_name((enum activity_status)s), activity_status_label(r, (enum activity_status)s)};
    field_select(r, f, &(struct field){.name = "status", .label = "activity.status_label",
                                       .value = activity_status_name(v->x.status)}, st, ACT_STATUS_COUNT);
    field_input(r, f, &(struct field){.name = "presentator", .label = "activity.presenter", .value = v->x.presenter});
    field_input(r, f, &(struct field){.name = "fran", .label = "idea.period_start", .type = "date", .hint = "form.date_hint",
                                      .value = v->x.start_date});
    field_input(r, f, &(struct field){.name = "till", .label = "idea.period_end", .type = "date", .hint = "form.date_hint",
                                      .value = v->x.end_date});
    struct option *orgs = arena_alloc(r->a, (nall + 1) * sizeof *orgs);
    bool *ticked = arena_alloc(r->a, (nall + 1) * sizeof *ticked);
    for (size_t k = 0; k < nall; k++) {
        orgs[k] = (struct option){arena_printf(r->a, "%lld", (long long)all[k].id), all[k].name};
        for (size_t q = 0; q < v->norg_ids; q++) ticked[k] |= v->org_ids[q] == all[k].id;
    }
    field_checks(r, f, &(struct field){.name = "org", .label = "activity.orgs"}, orgs, ticked, nall);
    field_textarea(r, f, &(struct field){.name = "andra_org", .label = "idea.other_partners",
                                         .hint = "idea.other_partners_hint", .value = v->other_orgs, .rows = 2});
    field_input(r, f, &(struct field){.name = "deltagare", .label = "activity.total", .hint = "activity.count_hint",
                                      .value = v->total});
    field_input(r, f, &(struct field){.name = "unga", .label = "activity.youth", .hint = "activity.count_hint",
                                      .value = v->youth});
    field_textarea(r, f, &(struct field){.name = "rapport", .label = "activity.report", .value = v->x.report, .rows = 6});
    field_textarea(r, f, &(struct field){.name = "resultat", .label = "activity.results", .value = v->x.results, .rows = 4});
    field_textarea(r, f, &(struct field){.name = "aterkoppling", .label = "activity.feedback",
                                         .hint = "activity.feedback_hint", .value = v->x.feedback, .rows = 4});
    field_input(r, f, &(struct field){.name = "aterkoppling_datum", .label = "activity.feedback_date", .type = "date",
                                      .hint = "form.date_hint", .value = v->x.feedback_date});
    field_textarea(r, f, &(struct field){.name = "nasta_steg", .label = "activity.next_steps", .value = v->x.next_steps, .rows = 3});
    field_textarea(r, f, &(struct field){.name = "lankar", .label = "activity.links", .hint = "activity.links_hint",
                                         .value = v->links, .rows = 3});
    if (ntold) { /* who is told already (names only, never addresses) */
        html(r, "<p class=\"hint\">%s ", T(r, "activity.participants_now"));
        for (size_t k = 0; k < ntold; k++) html(r, "%s%s", k ? ", " : "", told[k].name);
        html_raw(r, "</p>\n");
    }
    field_textarea(r, f, &(struct field){.name = "deltagarkonton", .label = "activity.participants",
                                         .hint = "activity.participants_hint", .value = v->participants, .rows = 2});
    form_submit(r, "form.save");
    form_close(r);
    page_end(r);
}

static const char *lines_of_links(req *r, const struct activity *x)
{
    buf b = {0};
    for (size_t k = 0; k < x->nlinks; k++) buf_printf(&b, "%s %s\n", x->links[k].url, x->links[k].title);
    char *s = arena_strdup(r->a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static struct activity_form form_of(req *r, const struct activity *x)
{
    struct activity_form v = {.x = *x};
    v.total = count_text(r, x->total);
    v.youth = count_text(r, x->youth);
    v.links = lines_of_links(r, x);
    v.participants = "";
    v.org_ids = arena_alloc(r->a, (x->norgs + 1) * sizeof *v.org_ids);
    buf other = {0};
    for (size_t k = 0; k < x->norgs; k++) {
        if (x->orgs[k].org_id) v.org_ids[v.norg_ids++] = x->orgs[k].org_id;
        else buf_printf(&other, "%s\n", x->orgs[k].name);
    }
    v.other_orgs = arena_strdup(r->a, buf_cstr(&other));
    buf_free(&other);
    return v;
}

static void read_count(struct form *f, const char *name, const char **text, struct count_range *out)
{
    *text = form_text(f, name, 40, 0);
    if (!parse_count_range(*text, out)) {
        form_error(f, name, "err.count");
        out->min = out->max = -1;
    }
}

/* Reads the form; participant e-mails become user ids in *users. */
static void read_activity_form(req *r, struct form *f, struct activity_form *v, int64_t **users, size_t *nusers)
{
    struct activity *x = &v->x;
    x->title = form_text(f, "titel", ITEM_TITLE_MAX, F_REQUIRED);
    int s = activity_status_from_name(req_form(r, "status"));
    if (s < 0) form_error(f, "status", "err.choice");
    else x->status = (enum activity_status)s;
    x->presenter = form_text(f, "presentator", 200, 0);
    x->start_date = form_date(f, "fran", false);
    x->end_date = form_date(f, "till", false);
    x->feedback_date = form_date(f, "aterkoppling_datum", false);
    form_date_order(f, "fran", x->start_date, "till", x->end_date);
    read_count(f, "deltagare", &v->total, &x->total);
    read_count(f, "unga", &v->youth, &x->youth);
    if (!form_err(f, "unga") && !form_err(f, "deltagare") && x->total.min >= 0 && x->youth.min > x->total.max)
        form_error(f, "unga", "err.youth_over_total");
    x->report = form_text(f, "rapport", ACTIVITY_TEXT_MAX, F_MULTILINE);
    x->results = form_text(f, "resultat", ACTIVITY_TEXT_MAX, F_MULTILINE);
    x->feedback = form_text(f, "aterkoppling", ACTIVITY_TEXT_MAX, F_MULTILINE);
    x->next_steps = form_text(f, "nasta_steg", ACTIVITY_TEXT_MAX, F_MULTILINE);
    const char *checks[] = {"titel", "presentator", "rapport", "resultat", "aterkoppling", "nasta_steg"};
    const char *values[] = {x->title, x->presenter, x->report, x->results, x->feedback, x->next_steps};
    for (size_t k = 0; k < 6; k++) form_no_pnr(f, checks[k], values[k]);

    /* responsible organisations */
    size_t nsel = 0;
    const char **sel = form_all(f, "org", &nsel);
    x->orgs = arena_alloc(r->a, (nsel + 21) * sizeof *x->orgs);
    v->org_ids = arena_alloc(r->a, (nsel + 1) * sizeof *v->org_ids);
    for (size_t k = 0; k < nsel; k++) {
        int64_t id;
        struct org *o = NULL;
        if (!parse_i64(sel[k], &id) || store_org_by_id(r->db, r->a, id, &o) != DB_OK) {
            form_error(f, "org", "err.choice");
            continue;
        }
        v->org_ids[v->norg_ids++] = id;
        x->orgs[x->norgs++] = (struct named_org){id, o->name, o->slug};
    }
    v->other_orgs = form_text(f, "andra_org", 2000, F_MULTILINE);
    form_no_pnr(f, "andra_org", v->other_orgs);
    for (const char *p = v->other_orgs; *p;) {
        size_t len = strcspn(p, "\n");
        char *name = text_clean(r->a, arena_strndup(r->a, p, len));
        p += len;
        if (*p) p++;
        if (!*name) continue;
        if (x->norgs >= nsel + 20) { form_error(f, "andra_org", "err.too_many_lines"); break; }
        if (utf8_len(name) > PARTNER_NAME_MAX) form_error(f, "andra_org", "err.too_long");
        x->orgs[x->norgs++] = (struct named_org){0, name, ""};
    }
    /* media links: "URL title" per line */
    v->links = form_text(f, "lankar", 4000, F_MULTILINE);
    form_no_pnr(f, "lankar", v->links);
    x->links = arena_alloc(r->a, 21 * sizeof *x->links);
    x->nlinks = 0;
    for (const char *p = v->links; *p;) {
        size_t len = strcspn(p, "\n");
        char *line = text_clean(r->a, arena_strndup(r->a, p, len));
        p += len;
        if (*p) p++;
        if (!*line) continue;
        if (x->nlinks == 20) { form_error(f, "lankar", "err.too_many_lines"); break; }
        char *space = strchr(line, ' ');
        const char *title = "";
        if (space) {
            *space = '\0';
            title = text_clean(r->a, space + 1);
        }
        if (validate_website(line)) form_error(f, "lankar", "err.website");
        x->links[x->nlinks++] = (struct link){line, title};
    }
    /* participants to notify: e-mail addresses of existing accounts */
    v->participants = form_text(f, "deltagarkonton", 4000, F_MULTILINE);
    *users = arena_alloc(r->a, 51 * sizeof **users);
    *nusers = 0;
    for (const char *p = v->participants; *p;) {
        size_t len = strcspn(p, "\n, ");
        char *email = text_sort_key(r->a, text_clean(r->a, arena_strndup(r->a, p, len)));
        p += len;
        if (*p) p++;
        if (!*email) continue;
        struct user *u = NULL;
        enum db_rc rc = store_user_by_email(r->db, r->a, email, &u, NULL);
        if (rc == DB_NOTFOUND || *nusers == 50) form_error(f, "deltagarkonton", "err.participant_unknown");
        else if (rc == DB_OK) (*users)[(*nusers)++] = u->id;
    }
}

static struct activity blank_activity(void)
{
    return (struct activity){.title = "", .presenter = "", .start_date = "", .end_date = "",
                             .total = {-1, -1}, .youth = {-1, -1}, .report = "", .results = "",
                             .feedback = "", .feedback_date = "", .next_steps = ""};
}

static void h_new_form(req *r)
{
    if (!is_coordinator(r)) return page_error(r, 403);
    struct activity x = blank_activity();
    int64_t idea_id = 0;
    const char *ide = req_query(r, "ide");
    if (ide && parse_i64(ide, &idea_id)) {
        int64_t existing;
        if (store_activity_of_idea(r->db, idea_id, &existing) == DB_OK)
            return resp_redirect(r, arena_printf(r->a, "/aktiviteter/%lld", (long long)existing));
        struct idea *i = NULL;
        if (store_idea_get(r->db, r->a, idea_id, &i) == DB_OK && i->status >= IDEA_APPROVED &&
            i->status != IDEA_CHANGES && i->status != IDEA_DECLINED) {
            x = activity_from_idea(r->a, i);
        }
    }
    struct form f;
    form_init(&f, r);
    struct activity_form v = form_of(r, &x);
    activity_form_page(r, &f, &v, "/aktiviteter/ny", true);
}

/* Saving an activity, with the participants named on it, and telling them
 * about its result: one transaction (web/action.h). */
struct activity_save {
    struct activity *x;     /* x->id is 0 when it is made now */
    const int64_t *users;
    size_t nusers;
};

/* Criterion 3, "Deltagarna ska få återkoppling om resultatet": once an
 * activity's feedback to its participants is written, each participant
 * named on it is told (in the site and by e-mail), once — the store marks
 * them told in the same statement, so a later save tells only those
 * named since. */
static enum db_rc tell_participants(req *r, const struct activity *x)
{
    if (!*x->feedback) return DB_OK;
    int64_t *told = NULL;
    size_t n = 0;
    enum db_rc rc = store_activity_tell_participants(r->db, r->a, x->id, r->now, &told, &n);
    const char *link = arena_printf(r->a, "/aktiviteter/%lld", (long long)x->id);
    const char *subject = arena_printf(r->a, "%s: %s", T(r, "mail.activity_result_subject"), x->title);
    const char *text = arena_printf(r->a, "%s \"%s\".", T(r, "mail.activity_result_text"), x->title);
    for (size_t k = 0; rc == DB_OK && k < n; k++) rc = notify_user(r, told[k], subject, text, link);
    return rc;
}

/* One status: an activity saved as running or done moves the idea it was
 * made from forward too (with the idea's history), so the idea page says
 * what the activity page says. */
static enum db_rc move_idea(req *r, const struct activity *x)
{
    if (!x->idea_id) return DB_OK;
    struct idea *i = NULL;
    enum db_rc rc = store_idea_get(r->db, r->a, x->idea_id, &i);
    if (rc == DB_NOTFOUND) return DB_OK;
    enum idea_status path[2];
    size_t n = rc == DB_OK ? idea_path_for_activity(x->status, i->status, path) : 0;
    enum idea_status at = rc == DB_OK ? i->status : IDEA_DRAFT;
    for (size_t k = 0; rc == DB_OK && k < n; k++) {
        rc = store_idea_transition(r->db, i->id, at, path[k], r->user->id, r->user->name, "", r->now);
        at = path[k];
    }
    return rc;
}

static enum db_rc save_tx(req *r, void *ctx)
{
    struct activity_save *s = ctx;
    enum db_rc rc = s->x->id ? store_activity_update(r->db, s->x, r->now)
                             : store_activity_create(r->db, s->x, r->now, &s->x->id);
    if (rc == DB_OK) rc = move_idea(r, s->x);
    for (size_t k = 0; rc == DB_OK && k < s->nusers; k++)
        rc = store_activity_add_participant(r->db, s->x->id, s->users[k]);
    return rc == DB_OK ? tell_participants(r, s->x) : rc;
}

static void h_new(req *r)
{
    if (!is_coordinator(r)) return page_error(r, 403);
    struct form f;
    form_init(&f, r);
    struct activity_form v = {.x = blank_activity()};
    int64_t *users;
    size_t nusers;
    read_activity_form(r, &f, &v, &users, &nusers);
    int64_t idea_id = 0;
    const char *ide = req_form(r, "ide");
    if (ide && *ide) {
        struct idea *i = NULL;
        if (!parse_i64(ide, &idea_id) || store_idea_get(r->db, r->a, idea_id, &i) != DB_OK)
            form_error(&f, "titel", "err.idea_missing");
        v.x.idea_id = idea_id;
    }
    if (!form_ok(&f)) {
        r->status = 400;
        return activity_form_page(r, &f, &v, "/aktiviteter/ny", true);
    }
    if (!form_once(&f)) return resp_redirect(r, "/aktiviteter");
    v.x.id = 0;
    struct activity_save s = {&v.x, users, nusers};
    if (action_run(r, save_tx, &s) != DB_OK) return page_not_saved(r, "activity create");
    resp_flash(r, "flash.saved");
    resp_redirect(r, arena_printf(r->a, "/aktiviteter/%lld", (long long)v.x.id));
}

static void h_edit_form(req *r)
{
    if (!is_coordinator(r)) return page_error(r, 403);
    struct activity *x = load_activity(r, r->params[0]);
    if (!x) return;
    struct form f;
    form_init(&f, r);
    struct activity_form v = form_of(r, x);
    activity_form_page(r, &f, &v, arena_printf(r->a, "/aktiviteter/%lld/redigera", (long long)x->id), false);
}

static void h_edit(req *r)
{
    if (!is_coordinator(r)) return page_error(r, 403);
    struct activity *x = load_activity(r, r->params[0]);
    if (!x) return;
    struct form f;
    form_init(&f, r);
    struct activity_form v = {.x = *x};
    v.x.norgs = v.x.nlinks = 0;
    int64_t *users;
    size_t nusers;
    read_activity_form(r, &f, &v, &users, &nusers);
    const char *action = arena_printf(r->a, "/aktiviteter/%lld/redigera", (long long)x->id);
    if (!form_ok(&f)) {
        r->status = 400;
        return activity_form_page(r, &f, &v, action, false);
    }
    struct activity_save s = {&v.x, users, nusers};
    enum db_rc rc = action_run(r, save_tx, &s);
    if (rc == DB_NOTFOUND) return page_error(r, 404);
    if (rc != DB_OK) return page_not_saved(r, "activity update");
    resp_flash(r, "flash.saved");
    resp_redirect(r, arena_printf(r->a, "/aktiviteter/%lld", (long long)x->id));
}

const struct route activity_routes[] = {
    {M_GET, "/aktiviteter", h_list, 0},
    {M_GET, "/aktiviteter/ny", h_new_form, R_AUTH},
    {M_POST, "/aktiviteter/ny", h_new, R_AUTH},
    {M_GET, "/aktiviteter/*", h_show, 0},
    {M_GET, "/aktiviteter/*/redigera", h_edit_form, R_AUTH},
    {M_POST, "/aktiviteter/*/redigera", h_edit, R_AUTH},
    {0, NULL, NULL, 0},
};
