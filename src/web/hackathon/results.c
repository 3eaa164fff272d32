/* The results (issue 11, items 6 and 7): once the judging is closed
 * (phase resultat or avslutad) — never before, for anyone, organisers
 * included — the ranking with the normalised and the raw result side by
 * side, each team's rubric breakdown and the jury's comments (without
 * names), and the whole score table as CSV from which a spreadsheet
 * recomputes the ranking (domain/judging.h says how).  A coordinator
 * turns a winning submission into a test idea in the hackathon's open
 * call with one button: the idea keeps the team's organisations, the
 * challenge and the submission's text, links back here, and the team's
 * members and coach are told (in the site and by e-mail). */
#include <string.h>

#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/hackathon/hackathon.h"
#include "web/notify.h"
#include "web/site.h"

struct results_view {
    struct hackathon *h;
    struct hack_team *teams;
    size_t n;
    struct hack_ranking rank;
};

static bool load_results(req *r, struct results_view *v)
{
    memset(v, 0, sizeof *v);
    v->h = load_hack(r, r->params[0]);
    if (!v->h) return false;
    if (!hack_scores_visible(v->h->phase)) {
        page_message(r, 403, "hack.hidden_title", "hack.hidden_text");
        return false;
    }
    if (store_hack_teams(r->db, r->a, v->h->id, &v->teams, &v->n) != DB_OK) {
        page_fail(r, "teams");
        return false;
    }
    return hack_rank(r, v->h, v->teams, v->n, &v->rank);
}

static void h_results(req *r)
{
    struct results_view v;
    if (!load_results(r, &v)) return;
    const struct hackathon *h = v.h;
    r->sheet = "hackathon";
    page_begin(r, Tf(r, "hack.results_title", h->name));
    hack_crumbs(r, h, T(r, "hack.results"));
    html(r, "<h1>%s</h1>\n<p>%s</p>\n", Tf(r, "hack.results_title", h->name), T(r, "hack.ranking_rule"));
    html(r, "<p class=\"buttons\"><a class=\"button secondary\" href=\"/inhabithon/%s/resultat.csv\" download>%s</a></p>\n",
         h->slug, T(r, "hack.csv"));
    table_open(r, T(r, "hack.ranking"), "ideas");
    html(r, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
            "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
         T(r, "hack.col_rank"), T(r, "hack.col_team"), T(r, "hack.col_challenge"), T(r, "hack.col_normalised"),
         T(r, "hack.col_raw"), T(r, "hack.col_members"));
    for (size_t k = 0; k < v.rank.n; k++) {
        const struct judge_result *res = &v.rank.res[k];
        const struct hack_team *t = v.rank.team[k];
        html(r, "<tr><td>%d</td><td><a href=\"#lag-%lld\">%s</a>%s%s</td><td>%s</td><td>%s</td><td>%s</td><td>%d</td></tr>\n",
             res->rank, (long long)t->id, t->name, t->place ? " " : "", t->place ? T(r, "hack.winner_mark") : "", t->challenge_title,
             hack_decimal(r, res->normalised), hack_decimal(r, res->raw), res->members);
    }
    html_raw(r, "</tbody>\n");
    table_close(r);

    bool org = hack_organiser(r);
    struct hack_submission *subs = NULL;
    size_t nsubs = 0, ncom = 0;
    int64_t *com_sub = NULL;
    const char **com = NULL;
    struct hack_file *files = NULL;
    size_t nfiles = 0;
    if (store_hack_submissions(r->db, r->a, h->id, &subs, &nsubs) != DB_OK ||
        store_hack_all_files(r->db, r->a, h->id, &files, &nfiles) != DB_OK ||
        store_hack_all_comments(r->db, r->a, h->id, &com_sub, &com, &ncom) != DB_OK)
        return page_fail(r, "results");
    struct project *p = NULL;
    if (org && h->project_id && store_project_by_id(r->db, r->a, h->project_id, &p) != DB_OK) p = NULL;
    for (size_t k = 0; k < v.rank.n; k++) {
        const struct judge_result *res = &v.rank.res[k];
        const struct hack_team *t = v.rank.team[k];
        html(r, "<section class=\"card\" id=\"lag-%lld\" aria-labelledby=\"rubrik-%lld\">\n<h2 id=\"rubrik-%lld\">%d. %s</h2>\n"
                "<p class=\"meta\">%s</p>\n",
             (long long)t->id, (long long)t->id, (long long)t->id, res->rank, t->name, t->challenge_title);
        html(r, "<h3>%s</h3>\n<dl class=\"facts\">", T(r, "hack.breakdown"));
        for (size_t c = 0; c < h->ncriteria && c < JUDGING_MAX_CRITERIA; c++)
            html(r, "<dt>%s (%s %lld)</dt><dd>%s / 4</dd>", h->criteria[c].name, T(r, "hack.weight"),
                 (long long)h->criteria[c].weight, hack_decimal(r, res->crit_raw[c]));
        html_raw(r, "</dl>\n");
        html(r, "<h3>%s</h3>\n", T(r, "hack.comments"));
        size_t shown = 0;
        for (size_t i = 0; i < ncom; i++) {
            if (com_sub[i] != res->submission) continue;
            if (!shown++) html_raw(r, "<ul>\n");
            html_raw(r, "<li");
            html_raw(r, sv_attr(r));
            html(r, ">%s</li>\n", com[i]);
        }
        if (shown) html_raw(r, "</ul>\n");
        else html(r, "<p>%s</p>\n", T(r, "hack.comments_none"));
        for (size_t i = 0; i < nsubs; i++) {
            if (subs[i].id != res->submission) continue;
            html(r, "<details><summary>%s</summary>\n", T(r, "hack.read_submission"));
            hack_submission_text(r, &subs[i]);
            hack_files_write(r, h, files, nfiles, subs[i].id);
            html_raw(r, "</details>\n");
        }
        if (t->idea_id)
            html(r, "<p><a href=\"/ideer/%lld\">%s</a></p>\n", (long long)t->idea_id, T(r, "hack.continues_as_idea"));
        else if (org && t->place) {
            if (p && p->status == PROJECT_OPEN)
                button_form(r, arena_printf(r->a, "/inhabithon/%s/bidrag/%lld/testide", h->slug, (long long)res->submission),
                            "hack.make_idea", NULL, NULL, NULL);
            else
                html(r, "<p class=\"muted\">%s</p>\n", T(r, "hack.no_open_call"));
        }
        html_raw(r, "</section>\n");
    }
    page_end(r);
}

static void h_csv(req *r)
{
    struct results_view v;
    if (!load_results(r, &v)) return;
    const char **crit = arena_alloc(r->a, (v.rank.ncrit + 1) * sizeof *crit);
    for (size_t c = 0; c < v.rank.ncrit; c++) crit[c] = v.h->criteria[c].name;
    int64_t *subs = arena_alloc(r->a, (v.rank.n + 1) * sizeof *subs);
    const char **names = arena_alloc(r->a, (v.rank.n + 1) * sizeof *names);
    for (size_t k = 0; k < v.rank.n; k++) {
        subs[k] = v.rank.res[k].submission;
        names[k] = v.rank.team[k]->name;
    }
    r->body.len = 0;
    judging_csv(&r->body, crit, v.rank.weights, v.rank.ncrit, v.rank.scores, v.rank.nscores, subs, names, v.rank.n);
    r->mime = "text/csv; charset=utf-8";
    resp_header(r, "Content-Disposition", arena_printf(r->a, "attachment; filename=\"%s-poang.csv\"", v.h->slug));
}

/* ---- a winner continues as a test idea ---- */

struct idea_ctx {
    const struct hackathon *h;
    const struct hack_team *t;
    struct hack_submission *s;
    struct idea idea;
    int64_t idea_id;
};

static enum db_rc idea_action(req *r, void *ctx)
{
    struct idea_ctx *c = ctx;
    enum db_rc rc = store_idea_create(r->db, &c->idea, r->user->id, r->now, &c->idea_id);
    if (rc == DB_OK) rc = store_hack_submission_set_idea(r->db, c->s->id, c->idea_id);
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, r->user->id, "inhabithon.testide",
                         arena_printf(r->a, "idea:%lld", (long long)c->idea_id),
                         arena_printf(r->a, "bidrag:%lld", (long long)c->s->id));
    const char *text = Tf(r, "hack.notice_idea", c->t->name);
    const char *link = arena_printf(r->a, "/ideer/%lld", (long long)c->idea_id);
    for (size_t i = 0; rc == DB_OK && i < c->t->npeople; i++)
        rc = notify_user(r, c->t->people[i].user_id, T(r, "hack.mail_idea_subject"), text, link);
    if (rc == DB_OK && c->t->coach_id) rc = notify_user(r, c->t->coach_id, T(r, "hack.mail_idea_subject"), text, link);
    return rc;
}

static void h_make_idea(req *r)
{
    struct hackathon *h = load_hack(r, r->params[0]);
    if (!h) return;
    if (!hack_organiser(r)) return page_error(r, 403);
    if (!hack_scores_visible(h->phase)) return page_message(r, 403, "hack.hidden_title", "hack.hidden_text");
    int64_t sid = 0;
    if (!parse_i64(r->params[1], &sid) || sid <= 0) return page_error(r, 404);
    struct hack_team *teams = NULL, *t = NULL;
    size_t n = 0;
    if (store_hack_teams(r->db, r->a, h->id, &teams, &n) != DB_OK) return page_fail(r, "teams");
    for (size_t i = 0; i < n; i++)
        if (teams[i].submission_id == sid) t = &teams[i];
    struct hack_submission *s = NULL;
    if (!t || store_hack_submission_get(r->db, r->a, sid, &s) != DB_OK) return page_error(r, 404);
    const char *back = arena_printf(r->a, "/inhabithon/%s/resultat#lag-%lld", h->slug, (long long)t->id);
    if (s->idea_id)
        return page_conflict(r, 409, "hack.idea_exists_title", T(r, "hack.idea_exists"),
                             arena_printf(r->a, "/ideer/%lld", (long long)s->idea_id));
    if (!s->place) return page_message(r, 400, "hack.not_winner_title", "hack.not_winner");
    struct project *p = NULL;
    if (!h->project_id || store_project_by_id(r->db, r->a, h->project_id, &p) != DB_OK || p->status != PROJECT_OPEN)
        return page_message(r, 400, "hack.no_open_call_title", "hack.no_open_call");
    int64_t *org_ids = NULL;
    const char **org_names = NULL;
    size_t no = 0;
    if (store_hack_team_orgs(r->db, r->a, t->id, &org_ids, &org_names, &no) != DB_OK) return page_fail(r, "team orgs");

    struct idea_ctx c = {h, t, s, {0}, 0};
    struct idea *i = &c.idea;
    i->project_id = p->id;
    i->title = arena_printf(r->a, "%s – %s", t->name, t->challenge_title);
    i->submitter_id = r->user->id;
    i->submitter_name = r->user->name;
    i->org_id = no ? org_ids[0] : 0;
    i->need = arena_printf(r->a, "%s\n\n%s %s", s->problem, T(r, "hack.s_audience"), s->audience);
    i->youth_role = "";
    i->action = arena_printf(r->a, "%s\n\n%s: %s\n\n%s: %s\n\n%s: %s\n\n%s %s%s", s->solution, T(r, "hack.s_prototype"),
                             s->prototype, T(r, "hack.s_links"), s->links, T(r, "hack.s_test_first"), s->test_first,
                             Tf(r, "hack.idea_from", h->name), site_base_url(), back);
    i->period_start = i->period_end = i->feedback_plan = i->sharing_plan = "";
    i->status = IDEA_SUBMITTED;
    i->internal_notes = "";
    if (no > 1) {
        i->partners = arena_alloc(r->a, (no - 1) * sizeof *i->partners);
        for (size_t k = 1; k < no; k++) i->partners[i->npartners++] = (struct partner){org_ids[k], org_names[k], NULL};
    }
    enum db_rc rc = action_run(r, idea_action, &c);
    if (rc == DB_CONFLICT)
        return page_conflict(r, 409, "hack.idea_exists_title", T(r, "hack.idea_exists"), back);
    if (rc != DB_OK) return page_not_saved(r, "test idea");
    resp_flash(r, "hack.flash_idea");
    resp_redirect(r, arena_printf(r->a, "/ideer/%lld", (long long)c.idea_id));
}

const struct route results_routes[] = {
    {M_GET, "/inhabithon/*/resultat", h_results, 0},
    {M_GET, "/inhabithon/*/resultat.csv", h_csv, 0},
    {M_POST, "/inhabithon/*/bidrag/*/testide", h_make_idea, R_AUTH},
    {0, NULL, NULL, 0},
};
