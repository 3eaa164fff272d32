/* The inhabithon's pages: the list of hackathons and the hackathon page —
 * facts, phase, the day-by-day programme, the challenges with their briefs
 * and what has been tried before (with results), the published rubric,
 * the winners once results are published, and the organisers' one button
 * that moves the phase forward.  Closing the judging (bedömning →
 * resultat) fixes the winners' places from the ranking and publishes a
 * news post (so the winners reach the Atom feed) in the same action. */
#include <string.h>

#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "view/markdown.h"
#include "web/hackathon/hackathon.h"
#include "web/notify.h"
#include "web/site.h"

static void h_list(req *r)
{
    struct hackathon *list = NULL;
    size_t n = 0;
    if (store_hack_list(r->db, r->a, &list, &n) != DB_OK) return page_fail(r, "hackathons");
    r->sheet = "hackathon";
    page_begin(r, T(r, "hack.list_title"));
    html(r, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", T(r, "hack.list_title"), T(r, "hack.list_intro"));
    if (hack_organiser(r))
        html(r, "<p class=\"buttons\"><a class=\"button\" href=\"/inhabithon/ny\">%s</a></p>\n",
             T(r, "hack.new"));
    if (!n) html(r, "<p>%s</p>\n", T(r, "hack.none"));
    else {
        html_raw(r, "<ul class=\"cards\">\n");
        for (size_t i = 0; i < n; i++) {
            const struct hackathon *h = &list[i];
            html(r, "<li class=\"card\"><h2><a href=\"/inhabithon/%s\">%s</a></h2>\n<p class=\"meta\">",
                 h->slug, h->name);
            hack_phase_tag(r, h->phase);
            html(r, " %s–%s · %s</p>\n</li>\n", fmt_ymd(r->a, r->lang, h->starts_on),
                 fmt_ymd(r->a, r->lang, h->ends_on), h->place);
        }
        html_raw(r, "</ul>\n");
    }
    page_end(r);
}

static void challenge_section(req *r, const struct hack_challenge *c)
{
    html(r, "<section class=\"card\" id=\"utmaning-%lld\" aria-labelledby=\"u-%lld\">\n"
            "<h3 id=\"u-%lld\">%s</h3>\n",
         (long long)c->id, (long long)c->id, (long long)c->id, c->title);
    if (*c->brief_html) {
        html_raw(r, "<div class=\"prose\"");
        html_raw(r, sv_attr(r));
        html_raw(r, ">");
        html_raw(r, c->brief_html);
        html_raw(r, "</div>\n");
    }
    html(r, "<h4>%s</h4>\n", T(r, "hack.tried_before"));
    if (!c->nlinks) html(r, "<p>%s</p>\n", T(r, "hack.tried_none"));
    else {
        html_raw(r, "<ul>\n");
        for (size_t i = 0; i < c->nlinks; i++) {
            const struct hack_link *l = &c->links[i];
            if (l->kind == 'a')
                html(r, "<li><a href=\"/aktiviteter/%lld\">%s</a> (%s)", (long long)l->id, l->title,
                     T(r, "hack.link_activity"));
            else
                html(r, "<li><a href=\"/ideer/%lld\">%s</a> (%s)", (long long)l->id, l->title,
                     T(r, "hack.link_idea"));
            if (*l->result) {
                html(r, "<br><strong>%s</strong> ", T(r, "hack.result"));
                html_raw(r, "<span");
                html_raw(r, sv_attr(r));
                html(r, ">%s</span>", l->result);
            }
            html_raw(r, "</li>\n");
        }
        html_raw(r, "</ul>\n");
    }
    html_raw(r, "</section>\n");
}

static void winners_section(req *r, const struct hackathon *h)
{
    struct hack_team *teams = NULL;
    size_t n = 0;
    if (store_hack_teams(r->db, r->a, h->id, &teams, &n) != DB_OK) return;
    html(r, "<section class=\"decision\" data-tone=\"ok\" aria-labelledby=\"vinnare\">\n"
            "<h2 id=\"vinnare\">%s</h2>\n<ol>\n", T(r, "hack.winners"));
    for (int64_t place = 1; place <= h->winners; place++)
        for (size_t i = 0; i < n; i++)
            if (teams[i].place == place) {
                html(r, "<li><strong>%s</strong> – %s", teams[i].name, teams[i].challenge_title);
                if (teams[i].idea_id)
                    html(r, " · <a href=\"/ideer/%lld\">%s</a>", (long long)teams[i].idea_id,
                         T(r, "hack.continues_as_idea"));
                html_raw(r, "</li>\n");
            }
    html(r, "</ol>\n<p><a href=\"/inhabithon/%s/resultat\">%s</a></p>\n</section>\n", h->slug,
         T(r, "hack.results_link"));
}

static void h_show(req *r)
{
    struct hackathon *h = load_hack(r, r->params[0]);
    if (!h) return;
    r->sheet = "hackathon";
    page_begin(r, h->name);
    hack_crumbs(r, h, NULL);
    html(r, "<h1>%s</h1>\n<p class=\"meta\">", h->name);
    hack_phase_tag(r, h->phase);
    html_raw(r, "</p>\n");
    if (hack_scores_visible(h->phase)) winners_section(r, h);
    html(r, "<dl class=\"facts\"><dt>%s</dt><dd>%s–%s</dd><dt>%s</dt><dd>%s</dd>",
         T(r, "hack.dates"), fmt_ymd(r->a, r->lang, h->starts_on), fmt_ymd(r->a, r->lang, h->ends_on),
         T(r, "hack.place"), h->place);
    if (*h->result_on)
        html(r, "<dt>%s</dt><dd>%s, %s</dd>", T(r, "hack.result_presentation"),
             fmt_ymd(r->a, r->lang, h->result_on), h->result_place);
    html(r, "<dt>%s</dt><dd>%lld / %lld</dd></dl>\n", T(r, "hack.places"), (long long)h->registered,
         (long long)h->capacity);
    if (*h->description) user_paragraphs(r, &r->body, h->description);

    struct hack_registration *mine = NULL;
    if (r->user) {
        enum db_rc rc = store_hack_registration_of(r->db, r->a, h->id, r->user->id, &mine);
        if (rc != DB_OK && rc != DB_NOTFOUND) return page_fail(r, "my registration");
    }
    const char *mine_status = mine ? hack_reg_status_name(mine->status) : NULL;
    if (mine_status) {
        html(r, "<section class=\"notice\" aria-labelledby=\"din-anmalan\"><h2 id=\"din-anmalan\">%s</h2>\n<p>",
             T(r, "hack.your_registration"));
        status_tag(r, arena_printf(r->a, "hack.reg.%s", hack_reg_status_name(mine->status)));
        html_raw(r, "</p>\n");
        if (hack_teams_open(h->phase))
            button_form(r, arena_printf(r->a, "/inhabithon/%s/avanmalan", h->slug), "hack.withdraw", NULL, NULL,
                        "inline secondary");
        html_raw(r, "</section>\n");
    }
    html_raw(r, "<p class=\"buttons\">");
    if (hack_registration_open(h->phase) && !mine)
        html(r, "<a class=\"button\" href=\"/inhabithon/%s/anmalan\">%s</a> ", h->slug, T(r, "hack.register"));
    html(r, "<a class=\"button secondary\" href=\"/inhabithon/%s/lag\">%s</a> ", h->slug, T(r, "hack.teams"));
    if (hack_jury_member(r, h) || hack_organiser(r))
        html(r, "<a class=\"button secondary\" href=\"/inhabithon/%s/jury\">%s</a> ", h->slug, T(r, "hack.jury"));
    if (hack_scores_visible(h->phase))
        html(r, "<a class=\"button secondary\" href=\"/inhabithon/%s/resultat\">%s</a>", h->slug,
             T(r, "hack.results"));
    html_raw(r, "</p>\n");

    if (hack_organiser(r) && h->phase + 1 < HACK_PHASE_COUNT) {
        enum hack_phase next = (enum hack_phase)(h->phase + 1);
        html(r, "<section class=\"notice\" aria-labelledby=\"fas\"><h2 id=\"fas\">%s</h2>\n<p>%s</p>\n",
             T(r, "hack.phase_heading"),
             Tf(r, "hack.phase_next", T(r, arena_printf(r->a, "hack.phase.%s", hack_phase_name(next)))));
        html(r, "<p class=\"buttons\"><a class=\"button secondary\" href=\"/inhabithon/%s/utmaning\">%s</a> "
                "<a class=\"button secondary\" href=\"/inhabithon/%s/anmalningar\">%s</a> "
                "<a class=\"button secondary\" href=\"/inhabithon/%s/redigera\">%s</a></p>\n",
             h->slug, T(r, "hack.challenge_add"), h->slug, T(r, "hack.regs"), h->slug, T(r, "hack.edit"));
        button_form(r, arena_printf(r->a, "/inhabithon/%s/fas", h->slug), "hack.phase_move", "till",
                    hack_phase_name(next), NULL);
        html_raw(r, "</section>\n");
    }

    if (*h->programme_html) {
        html(r, "<h2 id=\"program\">%s</h2>\n<div class=\"prose\"", T(r, "hack.programme"));
        html_raw(r, sv_attr(r));
        html_raw(r, ">");
        html_raw(r, h->programme_html);
        html_raw(r, "</div>\n");
    }
    html(r, "<h2 id=\"utmaningar\">%s</h2>\n", T(r, "hack.challenges"));
    if (!h->nchallenges) html(r, "<p>%s</p>\n", T(r, "hack.challenges_none"));
    for (size_t i = 0; i < h->nchallenges; i++) challenge_section(r, &h->challenges[i]);

    html(r, "<h2 id=\"bedomning\">%s</h2>\n<p>%s</p>\n", T(r, "hack.rubric"), T(r, "hack.rubric_intro"));
    int64_t wsum = 0;
    for (size_t i = 0; i < h->ncriteria; i++) wsum += h->criteria[i].weight;
    html_raw(r, "<ul>\n");
    for (size_t i = 0; i < h->ncriteria; i++) {
        const struct hack_criterion *c = &h->criteria[i];
        html(r, "<li><strong>%s</strong> – %s %lld (%lld %%)", c->name, T(r, "hack.weight"),
             (long long)c->weight, (long long)(wsum ? (c->weight * 100 + wsum / 2) / wsum : 0));
        if (*c->description) html(r, ": %s", c->description);
        html_raw(r, "</li>\n");
    }
    html_raw(r, "</ul>\n");
    html(r, "<p>%s</p>\n", T(r, "hack.ranking_rule"));
    page_end(r);
}

/* ---- the phase, one step forward ---- */

struct phase_move {
    const struct hackathon *h;
    enum hack_phase to;
    struct hack_ranking *rank;
};

/* Results published: the top places of the ranking become the winners,
 * and a news post names them (the Atom feed carries it). */
static enum db_rc publish_winners(req *r, struct phase_move *m)
{
    const struct hackathon *h = m->h;
    buf md = {0};
    buf_printf(&md, "%s\n\n", T(r, "hack.post_intro"));
    enum db_rc rc = DB_OK;
    for (size_t k = 0; k < m->rank->n && rc == DB_OK; k++) {
        int64_t place = (int64_t)k < h->winners && m->rank->res[k].members > 0 ? (int64_t)k + 1 : 0;
        rc = store_hack_submission_place(r->db, m->rank->res[k].submission, place);
        if (place && m->rank->team[k])
            buf_printf(&md, "%lld. **%s** – %s\n", (long long)place, m->rank->team[k]->name,
                       m->rank->team[k]->challenge_title);
    }
    buf_printf(&md, "\n%s %s/inhabithon/%s/resultat\n", T(r, "hack.post_more"), site_base_url(), h->slug);
    if (rc == DB_OK) {
        struct post p = {0};
        p.slug = arena_printf(r->a, "%s-vinnare", h->slug);
        p.title = Tf(r, "hack.post_title", h->name);
        p.summary = Tf(r, "hack.post_summary", h->name);
        p.body_md = arena_strdup(r->a, buf_cstr(&md));
        p.body_html = markdown_to_html(r->a, p.body_md);
        p.author_id = r->user->id;
        p.author_name = r->user->name;
        p.status = POST_PUBLISHED;
        p.published_at = r->now;
        bool free_slug = false;
        rc = store_post_slug_free(r->db, p.slug, &free_slug);
        int64_t id = 0;
        if (rc == DB_OK && free_slug) rc = store_post_create(r->db, &p, r->now, &id);
    }
    buf_free(&md);
    return rc;
}

static enum db_rc phase_action(req *r, void *ctx)
{
    struct phase_move *m = ctx;
    enum db_rc rc = store_hack_set_phase(r->db, m->h->id, m->h->phase, m->to, r->now);
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, r->user->id, "inhabithon.fas",
                         arena_printf(r->a, "hackathon:%lld", (long long)m->h->id), hack_phase_name(m->to));
    if (rc == DB_OK && m->to == HACK_RESULTS) rc = publish_winners(r, m);
    return rc;
}

static void h_phase(req *r)
{
    struct hackathon *h = load_hack(r, r->params[0]);
    if (!h) return;
    if (!hack_organiser(r)) return page_error(r, 403);
    int to = hack_phase_from_name(req_form(r, "till"));
    if (to < 0) return page_error(r, 400);
    if (!hack_phase_next_ok(h->phase, (enum hack_phase)to)) {
        const char *now = Tf(r, "hack.phase_now", T(r, arena_printf(r->a, "hack.phase.%s", hack_phase_name(h->phase))));
        return page_conflict(r, 409, "hack.phase_conflict", now, arena_printf(r->a, "/inhabithon/%s", h->slug));
    }
    struct hack_ranking rank = {0};
    struct phase_move m = {h, (enum hack_phase)to, &rank};
    if (to == HACK_RESULTS) {
        struct hack_team *teams = NULL;
        size_t n = 0;
        if (store_hack_teams(r->db, r->a, h->id, &teams, &n) != DB_OK) return page_fail(r, "teams");
        /* the ranking as it will be shown: computed as if published */
        struct hackathon shown = *h;
        shown.phase = HACK_RESULTS;
        if (!hack_rank(r, &shown, teams, n, &rank)) return;
    }
    enum db_rc rc = action_run(r, phase_action, &m);
    if (rc == DB_CONFLICT)
        return page_conflict(r, 409, "hack.phase_conflict", T(r, "hack.phase_changed"),
                             arena_printf(r->a, "/inhabithon/%s", h->slug));
    if (rc != DB_OK) return page_not_saved(r, "hackathon phase");
    resp_flash(r, "hack.flash_phase");
    resp_redirect(r, arena_printf(r->a, "/inhabithon/%s", h->slug));
}

const struct route hack_page_routes[] = {
    {M_GET, "/inhabithon", h_list, 0},
    {M_GET, "/inhabithon/*", h_show, 0},
    {M_POST, "/inhabithon/*/fas", h_phase, R_AUTH},
    {0, NULL, NULL, 0},
};
