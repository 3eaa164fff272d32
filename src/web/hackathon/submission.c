/* A team's submission (issue 11, item 5): the problem, who it is for, the
 * solution, the prototype (description and links), what they would test
 * first.  Team members edit it while the hackathon runs and the deadline
 * has not passed (a draft; saving again replaces it); then it is locked.
 * The store checks the phase and the deadline in the same transaction as
 * the write, so a save that arrives a second late is refused.  The team,
 * its coach, organisers and (while judging) the jury may read it. */
#include <string.h>

#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "domain/claim.h"
#include "web/hackathon/hackathon.h"

struct sub_view {
    struct hackathon *h;
    struct hack_team *teams, *t;
    size_t n;
    struct hack_submission *s;   /* NULL when none yet */
    bool member;
};

static bool load_sub(req *r, struct sub_view *v)
{
    memset(v, 0, sizeof *v);
    v->h = load_hack(r, r->params[0]);
    if (!v->h) return false;
    if (store_hack_teams(r->db, r->a, v->h->id, &v->teams, &v->n) != DB_OK) {
        page_fail(r, "teams");
        return false;
    }
    v->t = hack_team_in(v->teams, v->n, r->params[1]);
    if (!v->t) {
        page_error(r, 404);
        return false;
    }
    for (size_t k = 0; k < v->t->npeople; k++) v->member |= v->t->people[k].user_id == r->user->id;
    bool may_read = v->member || v->t->coach_id == r->user->id || hack_organiser(r) ||
                    (hack_jury_member(r, v->h) && v->h->phase >= HACK_JUDGING);
    if (!may_read) {
        page_error(r, 403);
        return false;
    }
    enum db_rc rc = store_hack_submission_of_team(r->db, r->a, v->t->id, &v->s);
    if (rc != DB_OK && rc != DB_NOTFOUND) {
        page_fail(r, "submission");
        return false;
    }
    return true;
}

static const char *const fields[] = {"problem", "malgrupp", "losning", "prototyp", "lankar", "testa_forst"};
static const char *const labels[] = {"hack.s_problem", "hack.s_audience", "hack.s_solution",
                                     "hack.s_prototype", "hack.s_links", "hack.s_test_first"};

static const char **values_of(const struct hack_submission *s, arena *a)
{
    const char **v = arena_alloc(a, 6 * sizeof *v);
    const struct hack_submission empty = {.problem = "", .audience = "", .solution = "", .prototype = "", .links = "",
                                          .test_first = ""};
    if (!s) s = &empty;
    v[0] = s->problem;
    v[1] = s->audience;
    v[2] = s->solution;
    v[3] = s->prototype;
    v[4] = s->links;
    v[5] = s->test_first;
    return v;
}

static void sub_page(req *r, struct sub_view *v, const struct form *f, const char **vals)
{
    const struct hackathon *h = v->h;
    r->sheet = "hackathon";
    page_begin(r, Tf(r, "hack.submission_of", v->t->name));
    hack_crumbs(r, h, T(r, "hack.submission"));
    html(r, "<h1>%s</h1>\n<p class=\"meta\">%s</p>\n", Tf(r, "hack.submission_of", v->t->name), v->t->challenge_title);
    bool open = hack_submission_open(h->phase, h->deadline, r->now);
    html(r, "<p>%s %s</p>\n", T(r, "hack.deadline"), fmt_datetime(r->a, r->lang, h->deadline));
    if (open && v->member) {
        if (f) form_summary(r, f);
        html(r, "<p>%s</p>\n", T(r, "hack.draft_note"));
        form_open(r, arena_printf(r->a, "/inhabithon/%s/lag/%lld/bidrag", h->slug, (long long)v->t->id), false);
        for (int i = 0; i < 6; i++)
            field_textarea(r, f, &(struct field){.name = fields[i], .label = labels[i],
                                                 .hint = i == 4 ? "hack.s_links_hint" : NULL, .value = vals[i],
                                                 .rows = i == 4 ? 3 : 5, .flags = i < 3 ? F_REQUIRED : 0});
        form_submit(r, "hack.s_save");
        form_close(r);
        if (v->s) {
            if (!hack_files_list(r, h, v->s->id)) return;
            html(r, "<h2 id=\"filer\">%s</h2>\n<p>%s</p>\n", T(r, "hack.file_add"), T(r, "hack.file_hint"));
            form_open(r, arena_printf(r->a, "/inhabithon/%s/lag/%lld/fil", h->slug, (long long)v->t->id), true);
            field_input(r, f, &(struct field){.name = "namn", .label = "hack.f_file_name", .value = ""});
            field_input(r, f, &(struct field){.name = "fil", .label = "hack.f_file", .type = "file",
                                                 .flags = F_REQUIRED, .extra = "accept=\"application/pdf,image/jpeg,image/png\""});
            form_submit(r, "hack.file_upload");
            form_close(r);
        }
    } else {
        html(r, "<p class=\"notice\">%s</p>\n",
             T(r, h->phase < HACK_RUNNING ? "hack.s_not_yet" : open ? "hack.s_read_only" : "hack.s_locked"));
        if (v->s) {
            hack_submission_text(r, v->s);
            if (!hack_files_list(r, h, v->s->id)) return;
        } else {
            html(r, "<p>%s</p>\n", T(r, "hack.s_none"));
        }
    }
    page_end(r);
}

static void h_show(req *r)
{
    struct sub_view v;
    if (!load_sub(r, &v)) return;
    struct form f;
    form_init(&f, r);
    sub_page(r, &v, &f, values_of(v.s, r->a));
}

struct save_ctx {
    const struct hackathon *h;
    struct hack_submission s;
    int64_t id;
};

static enum db_rc save_action(req *r, void *ctx)
{
    struct save_ctx *c = ctx;
    enum db_rc rc = store_hack_submission_save(r->db, c->h->id, &c->s, r->user->id, r->now, &c->id);
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, r->user->id, "inhabithon.bidrag",
                         arena_printf(r->a, "lag:%lld", (long long)c->s.team_id), "");
    return rc;
}

static void h_save(req *r)
{
    struct sub_view v;
    if (!load_sub(r, &v)) return;
    if (!v.member) return page_message(r, 403, "hack.not_member_title", "hack.not_member");
    const char *link = arena_printf(r->a, "/inhabithon/%s/lag/%lld/bidrag", v.h->slug, (long long)v.t->id);
    if (!hack_submission_open(v.h->phase, v.h->deadline, r->now))
        return page_conflict(r, 409, "hack.s_locked_title", T(r, "hack.s_locked"), link);
    struct form f;
    form_init(&f, r);
    const char **vals = arena_alloc(r->a, 6 * sizeof *vals);
    for (int i = 0; i < 6; i++) {
        vals[i] = form_text(&f, fields[i], 8000, (i < 3 ? F_REQUIRED : 0) | F_MULTILINE);
        form_no_pnr(&f, fields[i], vals[i]);
    }
    if (!form_ok(&f)) {
        r->status = 400;
        return sub_page(r, &v, &f, vals);
    }
    struct save_ctx c = {v.h, {.team_id = v.t->id, .problem = vals[0], .audience = vals[1], .solution = vals[2],
                               .prototype = vals[3], .links = vals[4], .test_first = vals[5]}, 0};
    enum db_rc rc = action_run(r, save_action, &c);
    if (rc == DB_CONFLICT) return page_conflict(r, 409, "hack.s_locked_title", T(r, "hack.s_locked"), link);
    if (rc != DB_OK) return page_not_saved(r, "submission");
    resp_flash(r, "hack.flash_submission");
    resp_redirect(r, link);
}

/* ---- the prototype's files ---- */

struct file_ctx {
    const struct hackathon *h;
    int64_t sub, id;
    const char *name, *type;
    const struct upload *u;
};

static enum db_rc file_action(req *r, void *ctx)
{
    struct file_ctx *c = ctx;
    enum db_rc rc = store_hack_file_add(r->db, c->h->id, c->sub, c->name, c->type, c->u->data, c->u->len, r->user->id,
                                        r->now, &c->id);
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, r->user->id, "inhabithon.fil",
                         arena_printf(r->a, "bidrag:%lld", (long long)c->sub), c->name);
    return rc;
}

static void h_file_add(req *r)
{
    struct sub_view v;
    if (!load_sub(r, &v)) return;
    if (!v.member) return page_message(r, 403, "hack.not_member_title", "hack.not_member");
    const char *link = arena_printf(r->a, "/inhabithon/%s/lag/%lld/bidrag", v.h->slug, (long long)v.t->id);
    if (!hack_submission_open(v.h->phase, v.h->deadline, r->now))
        return page_conflict(r, 409, "hack.s_locked_title", T(r, "hack.s_locked"), link);
    if (!v.s) return page_message(r, 400, "hack.file_first_title", "hack.file_first");
    struct form f;
    form_init(&f, r);
    const char *name = form_text(&f, "namn", 100, 0);
    form_no_pnr(&f, "namn", name);
    const struct upload *u = req_file(r, "fil");
    const char *type = NULL;
    if (!u || u->len == 0) form_error(&f, "fil", "hack.err.file_missing");
    else if (u->len > RECEIPT_MAX_BYTES) form_error(&f, "fil", "hack.err.file_size");
    else if (!(type = receipt_type(u->data, u->len))) form_error(&f, "fil", "hack.err.file_type");
    if (!form_ok(&f)) {
        r->status = 400;
        return sub_page(r, &v, &f, values_of(v.s, r->a));
    }
    struct file_ctx c = {v.h, v.s->id, 0, *name ? name : T(r, "hack.file_default"), type, u};
    enum db_rc rc = action_run(r, file_action, &c);
    if (rc == DB_CONFLICT) return page_conflict(r, 409, "hack.file_refused_title", T(r, "hack.file_refused"), link);
    if (rc != DB_OK) return page_not_saved(r, "prototype file");
    resp_flash(r, "hack.flash_file");
    resp_redirect(r, arena_printf(r->a, "%s#filer", link));
}

/* A file: for those who may read the submission, and for everyone once the
 * results are published (as the submission's text is). */
static void h_file(req *r)
{
    struct hackathon *h = load_hack(r, r->params[0]);
    if (!h) return;
    int64_t id = 0;
    if (!parse_i64(r->params[1], &id) || id <= 0) return page_error(r, 404);
    struct hack_file *file = NULL;
    const void *data = NULL;
    size_t len = 0;
    enum db_rc rc = store_hack_file_get(r->db, r->a, id, &file, &data, &len);
    if (rc == DB_NOTFOUND) return page_error(r, 404);
    if (rc != DB_OK) return page_fail(r, "file");
    struct hack_team *teams = NULL, *t = NULL;
    size_t n = 0;
    if (store_hack_teams(r->db, r->a, h->id, &teams, &n) != DB_OK) return page_fail(r, "teams");
    for (size_t i = 0; i < n; i++)
        if (teams[i].submission_id == file->submission_id) t = &teams[i];
    if (!t) return page_error(r, 404);
    bool may = hack_scores_visible(h->phase) || hack_organiser(r);
    if (!may && r->user) {
        may = t->coach_id == r->user->id || (hack_jury_member(r, h) && h->phase >= HACK_JUDGING);
        for (size_t k = 0; k < t->npeople; k++) may |= t->people[k].user_id == r->user->id;
    }
    if (!may) return page_error(r, r->user ? 403 : 404);
    r->mime = file->type;
    const char *ext = strcmp(file->type, "application/pdf") == 0 ? "pdf" : strcmp(file->type, "image/png") == 0 ? "png" : "jpg";
    resp_header(r, "Content-Disposition", arena_printf(r->a, "attachment; filename=\"prototyp-%lld.%s\"", (long long)id, ext));
    buf_add(&r->body, data, len);
}

const struct route submission_routes[] = {
    {M_GET, "/inhabithon/*/lag/*/bidrag", h_show, R_AUTH},
    {M_POST, "/inhabithon/*/lag/*/bidrag", h_save, R_AUTH},
    {M_POST, "/inhabithon/*/lag/*/fil", h_file_add, R_AUTH | R_UPLOAD},
    {M_GET, "/inhabithon/*/fil/*", h_file, 0},
    {0, NULL, NULL, 0},
};
