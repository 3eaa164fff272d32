/* The jury (issue 11, item 6).  Organisers name the jury (by the e-mail
 * of an account).  While judging, each member scores each submission once
 * on every criterion of the published rubric, 0–4, with a comment to the
 * team; sending the form again changes the scores (an update, audited as
 * inhabithon.poang_andra, without the scores).  A member who represents an organisation that a
 * team member or the team's coach represents is excluded from that
 * submission (the form is not offered and the server refuses it).  A
 * member sees only their own scores; nobody sees anyone else's until the
 * judging is closed (results.c).
 *
 * The scoring form is made for a thumb on a phone, without JavaScript:
 * each criterion is a fieldset of five radio buttons whose labels are
 * 56-pixel boxes in one row (0 1 2 3 4), the scale's words under the
 * legend, one button at the end. */
#include <string.h>

#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/hackathon/hackathon.h"

static void h_jury(req *r)
{
    struct hackathon *h = load_hack_row(r, r->params[0]); /* it lists no challenges */
    if (!h) return;
    bool member = hack_jury_member(r, h), org = hack_organiser(r);
    if (!member && !org) return page_error(r, 403);
    struct hack_team *teams = NULL;
    size_t n = 0;
    struct judge_score *mine = NULL;
    size_t nmine = 0;
    struct hack_person *jury = NULL;
    size_t nj = 0;
    if (store_hack_teams(r->db, r->a, h->id, &teams, &n) != DB_OK ||
        store_hack_jury(r->db, r->a, h->id, &jury, &nj) != DB_OK ||
        (member && store_hack_scores(r->db, r->a, h->id, r->user->id, &mine, &nmine) != DB_OK))
        return page_fail(r, "jury");
    r->sheet = "hackathon";
    page_begin(r, Tf(r, "hack.jury_title", h->name));
    hack_crumbs(r, h, T(r, "hack.jury"));
    html(r, "<h1>%s</h1>\n<p>%s</p>\n", Tf(r, "hack.jury_title", h->name), T(r, "hack.jury_intro"));
    if (!hack_scoring_open(h->phase))
        html(r, "<p class=\"notice\">%s</p>\n", T(r, h->phase < HACK_JUDGING ? "hack.jury_not_yet" : "hack.jury_closed"));
    if (member) {
        int64_t *conflicts = NULL;
        size_t nconf = 0;
        if (store_hack_conflicts(r->db, r->a, h->id, r->user->id, &conflicts, &nconf) != DB_OK)
            return page_fail(r, "conflicts");
        html(r, "<h2>%s</h2>\n<ul class=\"cards\">\n", T(r, "hack.to_score"));
        size_t shown = 0;
        for (size_t i = 0; i < n; i++) {
            const struct hack_team *t = &teams[i];
            if (!t->submission_id) continue;
            shown++;
            bool conflict = false, done = false;
            for (size_t k = 0; k < nconf; k++) conflict |= conflicts[k] == t->id;
            for (size_t k = 0; k < nmine; k++) done |= mine[k].submission == t->submission_id;
            html(r, "<li class=\"card\"><h3>%s</h3>\n<p class=\"meta\">%s</p>\n<p>", t->name, t->challenge_title);
            if (conflict) status_tag(r, "hack.score.jav");
            else status_tag(r, done ? "hack.score.klar" : "hack.score.vantar");
            html_raw(r, "</p>\n");
            if (!conflict && hack_scoring_open(h->phase))
                html(r, "<p><a class=\"button\" href=\"/inhabithon/%s/jury/%lld\">%s</a></p>\n", h->slug,
                     (long long)t->submission_id, T(r, done ? "hack.score_change" : "hack.score_do"));
            html_raw(r, "</li>\n");
        }
        html_raw(r, "</ul>\n");
        if (!shown) html(r, "<p>%s</p>\n", T(r, "hack.no_submissions"));
    }
    html(r, "<h2>%s</h2>\n", T(r, "hack.jury_members"));
    int64_t *progress = NULL;
    size_t nsub = 0;
    for (size_t i = 0; i < n; i++) nsub += teams[i].submission_id != 0;
    if (org && store_hack_jury_progress(r->db, r->a, h->id, jury, nj, &progress) != DB_OK)
        return page_fail(r, "jury progress");
    if (!nj) html(r, "<p>%s</p>\n", T(r, "hack.jury_none"));
    else {
        html_raw(r, "<ul>\n");
        for (size_t i = 0; i < nj; i++) {
            html(r, "<li>%s", jury[i].name);
            /* organisers see how far each member has come: counts, never scores */
            if (org)
                html(r, " – %s", Tf(r, "hack.jury_progress", arena_printf(r->a, "%lld / %zu", (long long)progress[i], nsub)));
            html_raw(r, "</li>\n");
        }
        html_raw(r, "</ul>\n");
    }
    if (org && h->phase < HACK_RESULTS) {
        struct form f;
        form_init(&f, r);
        form_open(r, arena_printf(r->a, "/inhabithon/%s/jury", h->slug), false);
        field_input(r, &f, &(struct field){.name = "epost", .label = "hack.f_jury_email", .hint = "hack.f_jury_email_hint",
                                           .type = "email", .value = "", .flags = F_REQUIRED});
        form_submit(r, "hack.jury_add");
        form_close(r);
    }
    page_end(r);
}

static void h_jury_add(req *r)
{
    struct hackathon *h = load_hack(r, r->params[0]);
    if (!h) return;
    if (!hack_organiser(r)) return page_error(r, 403);
    struct form f;
    form_init(&f, r);
    const char *email = form_text(&f, "epost", EMAIL_MAX, F_REQUIRED);
    struct user *u = NULL;
    if (form_ok(&f)) {
        char *low = arena_strdup(r->a, email);
        for (char *p = low; *p; p++)
            if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
        enum db_rc rc = store_user_by_email(r->db, r->a, low, &u, NULL);
        if (rc == DB_NOTFOUND) return page_message(r, 400, "hack.jury_unknown_title", "hack.jury_unknown");
        if (rc != DB_OK) return page_fail(r, "jury user");
    } else {
        return page_message(r, 400, "hack.jury_unknown_title", "hack.jury_unknown");
    }
    enum db_rc rc = store_hack_jury_add(r->db, h->id, u->id);
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, r->user->id, "inhabithon.jury",
                         arena_printf(r->a, "user:%lld", (long long)u->id), h->slug);
    if (rc != DB_OK && rc != DB_CONSTRAINT) return page_fail(r, "jury add");
    resp_flash(r, "flash.saved");
    resp_redirect(r, arena_printf(r->a, "/inhabithon/%s/jury", h->slug));
}

/* ---- scoring one submission ---- */

struct score_view {
    struct hackathon *h;
    struct hack_team *t;
    struct hack_submission *s;
};

/* The submission named in the path, for a jury member who may score it;
 * else the page that says why. */
static bool load_score(req *r, struct score_view *v)
{
    memset(v, 0, sizeof *v);
    v->h = load_hack(r, r->params[0]);
    if (!v->h) return false;
    if (!hack_jury_member(r, v->h)) {
        page_error(r, 403);
        return false;
    }
    int64_t id = 0;
    if (!parse_i64(r->params[1], &id) || id <= 0) {
        page_error(r, 404);
        return false;
    }
    struct hack_team *teams = NULL;
    size_t n = 0;
    if (store_hack_teams(r->db, r->a, v->h->id, &teams, &n) != DB_OK) {
        page_fail(r, "teams");
        return false;
    }
    for (size_t i = 0; i < n; i++)
        if (teams[i].submission_id == id) v->t = &teams[i];
    if (!v->t || store_hack_submission_get(r->db, r->a, id, &v->s) != DB_OK) {
        page_error(r, 404);
        return false;
    }
    bool conflict = false;
    if (store_hack_conflict(r->db, v->t->id, r->user->id, &conflict) != DB_OK) {
        page_fail(r, "conflict");
        return false;
    }
    if (conflict) {
        page_message(r, 403, "hack.conflict_title", "hack.conflict");
        return false;
    }
    if (!hack_scoring_open(v->h->phase)) {
        page_conflict(r, 409, "hack.scoring_closed_title", T(r, "hack.scoring_closed"),
                      arena_printf(r->a, "/inhabithon/%s/jury", v->h->slug));
        return false;
    }
    return true;
}

static void score_page(req *r, struct score_view *v, const struct form *f, const char **vals, const char *comment)
{
    const struct hackathon *h = v->h;
    r->sheet = "hackathon";
    page_begin(r, Tf(r, "hack.score_title", v->t->name));
    hack_crumbs(r, h, T(r, "hack.jury"));
    if (f) form_summary(r, f);
    html(r, "<h1>%s</h1>\n<p class=\"meta\">%s</p>\n", Tf(r, "hack.score_title", v->t->name), v->t->challenge_title);
    html(r, "<details><summary>%s</summary>\n", T(r, "hack.read_submission"));
    hack_submission_text(r, v->s);
    if (!hack_files_list(r, h, v->s->id)) return;
    html_raw(r, "</details>\n");
    form_open(r, arena_printf(r->a, "/inhabithon/%s/jury/%lld", h->slug, (long long)v->s->id), false);
    form_once_field(r);
    html(r, "<p class=\"hint\">%s</p>\n", T(r, "hack.scale"));
    for (size_t c = 0; c < h->ncriteria; c++) {
        const struct hack_criterion *cr = &h->criteria[c];
        const char *name = arena_printf(r->a, "poang-%lld", (long long)cr->id);
        const char *label = Tf(r, "hack.criterion_weight", cr->name);
        label = arena_printf(r->a, "%s %lld", label, (long long)cr->weight);
        const char *err = f ? form_err(f, name) : NULL;
        if (f) form_label(f, name, cr->name);
        html(r, "<fieldset class=\"field group score-scale%s\" id=\"f-%s\"", err ? " field-error" : "", name);
        if (err) html(r, " aria-describedby=\"e-%s\"", name);
        html(r, ">\n<legend>%s</legend>\n", label);
        if (*cr->description) html(r, "<p class=\"hint\">%s</p>\n", cr->description);
        if (err)
            html(r, "<p class=\"error\" id=\"e-%s\"><span class=\"visually-hidden\">%s</span>%s</p>\n", name,
                 T(r, "form.error_prefix"), T(r, err));
        html_raw(r, "<div class=\"scale\">\n");
        for (int s = 0; s <= 4; s++)
            html(r, "<label class=\"score\" for=\"f-%s-%d\"><input type=\"radio\" id=\"f-%s-%d\" name=\"%s\" "
                    "value=\"%d\"%s><span>%d</span></label>\n",
                 name, s, name, s, name, s, vals[c] && vals[c][0] == '0' + s && !vals[c][1] ? " checked" : "", s);
        html_raw(r, "</div>\n</fieldset>\n");
    }
    field_textarea(r, f, &(struct field){.name = "kommentar", .label = "hack.f_comment", .hint = "hack.f_comment_hint",
                                         .value = comment, .rows = 4});
    form_submit(r, "hack.score_save");
    form_close(r);
    page_end(r);
}

static void h_score_form(req *r)
{
    struct score_view v;
    if (!load_score(r, &v)) return;
    struct judge_score *mine = NULL;
    size_t n = 0;
    const char *comment = "";
    if (store_hack_scores(r->db, r->a, v.h->id, r->user->id, &mine, &n) != DB_OK ||
        store_hack_my_comment(r->db, r->a, v.s->id, r->user->id, &comment) != DB_OK)
        return page_fail(r, "my scores");
    const char **vals = arena_alloc(r->a, (v.h->ncriteria + 1) * sizeof *vals);
    for (size_t k = 0; k < n; k++)
        if (mine[k].submission == v.s->id && (size_t)mine[k].criterion < v.h->ncriteria)
            vals[mine[k].criterion] = arena_printf(r->a, "%d", mine[k].score);
    struct form f;
    form_init(&f, r);
    score_page(r, &v, &f, vals, comment);
}

struct score_ctx {
    struct form *f;
    struct score_view *v;
    int64_t *crit, *scores;
    size_t n;
    const char *comment;
    bool updated, again;
};

static enum db_rc score_action(req *r, void *ctx)
{
    struct score_ctx *c = ctx;
    enum db_rc rc = form_once_take(c->f, &c->again);
    if (rc != DB_OK || c->again) return rc;
    rc = store_hack_score_set(r->db, c->v->h->id, c->v->s->id, r->user->id, c->crit, c->scores, c->n, c->comment,
                              r->now, &c->updated);
    /* the audit row says that a member scored or changed scores, never the
     * scores: the audit log is read by administrators before judging closes */
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, r->user->id, c->updated ? "inhabithon.poang_andra" : "inhabithon.poang",
                         arena_printf(r->a, "bidrag:%lld", (long long)c->v->s->id), "");
    return rc;
}

static void h_score(req *r)
{
    struct score_view v;
    if (!load_score(r, &v)) return;
    struct form f;
    form_init(&f, r);
    size_t n = v.h->ncriteria;
    struct score_ctx c = {.f = &f, .v = &v, .n = n};
    c.crit = arena_alloc(r->a, (n + 1) * sizeof *c.crit);
    c.scores = arena_alloc(r->a, (n + 1) * sizeof *c.scores);
    const char **vals = arena_alloc(r->a, (n + 1) * sizeof *vals);
    for (size_t i = 0; i < n; i++) {
        const char *name = arena_printf(r->a, "poang-%lld", (long long)v.h->criteria[i].id);
        c.crit[i] = v.h->criteria[i].id;
        vals[i] = form_text(&f, name, 4, 0);
        int64_t s = -1;
        if (!*vals[i]) {
            if (!form_err(&f, name)) form_error(&f, name, "hack.err.score_missing");
        } else if (!parse_i64(vals[i], &s) || !judging_score_ok(s)) {
            form_error(&f, name, "hack.err.score_range");
        }
        c.scores[i] = s;
    }
    c.comment = form_text(&f, "kommentar", 2000, F_MULTILINE);
    form_no_pnr(&f, "kommentar", c.comment);
    if (!form_ok(&f)) {
        r->status = 400;
        return score_page(r, &v, &f, vals, c.comment);
    }
    enum db_rc rc = action_run(r, score_action, &c);
    const char *back = arena_printf(r->a, "/inhabithon/%s/jury", v.h->slug);
    if (rc == DB_CONFLICT)
        return page_conflict(r, 409, "hack.scoring_closed_title", T(r, "hack.scoring_closed"), back);
    if (rc != DB_OK) return page_not_saved(r, "score");
    resp_flash(r, c.updated ? "hack.flash_score_changed" : "hack.flash_scored");
    resp_redirect(r, back);
}

static void h_jury_get(req *r)
{
    page_in_snapshot(r, h_jury); /* one snapshot of all it reads */
}

const struct route jury_routes[] = {
    {M_GET, "/inhabithon/*/jury", h_jury_get, R_AUTH},
    {M_POST, "/inhabithon/*/jury", h_jury_add, R_AUTH},
    {M_GET, "/inhabithon/*/jury/*", h_score_form, R_AUTH},
    {M_POST, "/inhabithon/*/jury/*", h_score, R_AUTH},
    {0, NULL, NULL, 0},
};
