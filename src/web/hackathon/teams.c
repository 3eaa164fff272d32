/* Teams (issue 11, item 4): formed on day one under a challenge.  A
 * registered participant (with an account) creates a team or joins one;
 * a person with the coach role coaches a team without one; organisers
 * place people, choose coaches, and see who has no team and which team has
 * no coach.  The size limit and "one team per person" are held by the
 * store (a conditional UPDATE and a primary key), so two people joining
 * the last place at once cannot both get it.  Members' names are shown to
 * participants with a place, coaches, jury members and organisers only. */
#include <string.h>

#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/hackathon/hackathon.h"
#include "web/notify.h"

struct teams_view {
    struct hackathon *h;
    struct hack_team *teams;
    size_t n;
    struct hack_registration *me;   /* r's user's registration, or NULL */
    int64_t my_team;
};

static bool load_view(req *r, struct teams_view *v)
{
    memset(v, 0, sizeof *v);
    v->h = load_hack(r, r->params[0]);
    if (!v->h) return false;
    if (store_hack_teams(r->db, r->a, v->h->id, &v->teams, &v->n) != DB_OK) {
        page_fail(r, "teams");
        return false;
    }
    if (r->user) {
        enum db_rc rc = store_hack_registration_of(r->db, r->a, v->h->id, r->user->id, &v->me);
        if (rc == DB_OK) rc = store_hack_team_of(r->db, v->h->id, r->user->id, &v->my_team);
        if (rc != DB_OK && rc != DB_NOTFOUND) {
            page_fail(r, "team of");
            return false;
        }
    }
    return true;
}

static bool participant(const struct teams_view *v)
{
    return v->me && strcmp(v->me->status, "anmald") == 0;
}

static void organiser_tools(req *r, const struct teams_view *v, const struct form *f)
{
    struct hack_registration *regs = NULL;
    size_t nr = 0;
    struct user *coaches = NULL;
    size_t nc = 0;
    if (store_hack_registrations(r->db, r->a, v->h->id, &regs, &nr) != DB_OK ||
        store_users_with_role(r->db, r->a, ROLE_COACH, &coaches, &nc) != DB_OK)
        return page_fail(r, "organiser tools");
    html(r, "<section aria-labelledby=\"arrangor\"><h2 id=\"arrangor\">%s</h2>\n<h3>%s</h3>\n",
         T(r, "hack.organisers"), T(r, "hack.without_team"));
    struct option *people = arena_alloc(r->a, (nr + 1) * sizeof *people);
    size_t np = 0;
    size_t shown = 0;
    for (size_t i = 0; i < nr; i++) {
        const struct hack_registration *g = &regs[i];
        if (strcmp(g->status, "anmald") != 0 || g->team_id) continue;
        if (!shown++) html_raw(r, "<ul>\n");
        html(r, "<li>%s%s%s</li>\n", g->name, g->user_id ? "" : " ", g->user_id ? "" : T(r, "hack.no_account"));
        if (g->user_id)
            people[np++] = (struct option){arena_printf(r->a, "%lld", (long long)g->user_id), g->name};
    }
    if (shown) html_raw(r, "</ul>\n");
    else html(r, "<p>%s</p>\n", T(r, "hack.everyone_has_team"));
    html(r, "<h3>%s</h3>\n", T(r, "hack.without_coach"));
    shown = 0;
    for (size_t i = 0; i < v->n; i++)
        if (!v->teams[i].coach_id) {
            if (!shown++) html_raw(r, "<ul>\n");
            html(r, "<li>%s</li>\n", v->teams[i].name);
        }
    if (shown) html_raw(r, "</ul>\n");
    else html(r, "<p>%s</p>\n", T(r, "hack.every_team_has_coach"));
    /* a suggestion for those without a team (domain/hackathon.h says what it optimises) */
    struct hack_candidate *cand = arena_alloc(r->a, (nr + 1) * sizeof *cand);
    const char **cand_name = arena_alloc(r->a, (nr + 1) * sizeof *cand_name);
    size_t ncand = 0;
    for (size_t i = 0; i < nr; i++) {
        const struct hack_registration *g = &regs[i];
        if (strcmp(g->status, "anmald") != 0 || g->team_id) continue;
        memcpy(cand[ncand].prefs, g->prefs, sizeof g->prefs);
        cand[ncand].skills = g->skills;
        cand_name[ncand++] = g->name;
    }
    if (ncand && v->h->nchallenges) {
        int64_t *chs = arena_alloc(r->a, v->h->nchallenges * sizeof *chs);
        for (size_t c = 0; c < v->h->nchallenges; c++) chs[c] = v->h->challenges[c].id;
        int *team_of = arena_alloc(r->a, ncand * sizeof *team_of);
        int *team_ch = arena_alloc(r->a, ncand * sizeof *team_ch);
        size_t nt = hack_suggest_teams(cand, ncand, chs, v->h->nchallenges, v->h->team_max, team_of, team_ch);
        html(r, "<h3>%s</h3>\n<p>%s</p>\n<ol>\n", T(r, "hack.suggestion"), T(r, "hack.suggestion_intro"));
        for (size_t t = 0; t < nt; t++) {
            html(r, "<li><strong>%s</strong>: ", v->h->challenges[team_ch[t]].title);
            bool first = true;
            for (size_t i = 0; i < ncand; i++)
                if (team_of[i] == (int)t) {
                    html(r, "%s%s", first ? "" : ", ", cand_name[i]);
                    first = false;
                }
            html_raw(r, "</li>\n");
        }
        html_raw(r, "</ol>\n");
    }
    struct option *teams = arena_alloc(r->a, (v->n + 1) * sizeof *teams);
    for (size_t i = 0; i < v->n; i++)
        teams[i] = (struct option){arena_printf(r->a, "%lld", (long long)v->teams[i].id), v->teams[i].name};
    if (np && v->n && hack_teams_open(v->h->phase)) {
        html(r, "<h3>%s</h3>\n", T(r, "hack.place_person"));
        form_open(r, arena_printf(r->a, "/inhabithon/%s/placera", v->h->slug), false);
        field_select(r, f, &(struct field){.name = "person", .label = "hack.f_person", .value = ""}, people, np);
        field_select(r, f, &(struct field){.name = "lag", .label = "hack.f_team", .value = ""}, teams, v->n);
        form_submit(r, "hack.place_button");
        form_close(r);
    }
    if (nc && v->n && v->h->phase < HACK_JUDGING) {
        struct option *co = arena_alloc(r->a, (nc + 1) * sizeof *co);
        for (size_t i = 0; i < nc; i++)
            co[i] = (struct option){arena_printf(r->a, "%lld", (long long)coaches[i].id), coaches[i].name};
        html(r, "<h3>%s</h3>\n", T(r, "hack.choose_coach"));
        form_open(r, arena_printf(r->a, "/inhabithon/%s/coach", v->h->slug), false);
        field_select(r, f, &(struct field){.name = "coach", .label = "hack.f_coach", .value = ""}, co, nc);
        field_select(r, f, &(struct field){.name = "lag", .label = "hack.f_team", .value = "", .section = NULL}, teams,
                     v->n);
        form_submit(r, "hack.set_coach");
        form_close(r);
    }
    html_raw(r, "</section>\n");
}

static void teams_page(req *r, struct teams_view *v, const struct form *f, const char *name, const char *challenge)
{
    const struct hackathon *h = v->h;
    r->sheet = "hackathon";
    page_begin(r, Tf(r, "hack.teams_title", h->name));
    hack_crumbs(r, h, T(r, "hack.teams"));
    html(r, "<h1>%s</h1>\n<p>%s</p>\n", Tf(r, "hack.teams_title", h->name),
         Tf(r, "hack.team_size", arena_printf(r->a, "%lld", (long long)h->team_max)));
    if (f) form_summary(r, f);
    bool coach = req_has_role(r, ROLE_COACH);
    bool open = hack_teams_open(h->phase);
    /* names of participants (young people among them) only to those taking part or organising */
    bool names = hack_organiser(r) || coach || participant(v) || hack_jury_member(r, h);
    if (!v->n) html(r, "<p>%s</p>\n", T(r, "hack.no_teams"));
    else html_raw(r, "<ul class=\"cards\">\n");
    for (size_t i = 0; i < v->n; i++) {
        const struct hack_team *t = &v->teams[i];
        html(r, "<li class=\"card\" id=\"lag-%lld\"><h2>%s</h2>\n<p class=\"meta\">%s · %s</p>\n", (long long)t->id,
             t->name, t->challenge_title,
             Tf(r, "hack.members_n", arena_printf(r->a, "%lld/%lld", (long long)t->members, (long long)h->team_max)));
        html(r, "<p>%s: %s</p>\n", T(r, "hack.coach"), *t->coach_name ? t->coach_name : T(r, "hack.no_coach"));
        if (names && t->npeople) {
            html_raw(r, "<ul>\n");
            for (size_t k = 0; k < t->npeople; k++) html(r, "<li>%s</li>\n", t->people[k].name);
            html_raw(r, "</ul>\n");
        }
        html_raw(r, "<div class=\"buttons\">");
        if (open && participant(v) && !v->my_team && t->members < h->team_max)
            button_form(r, arena_printf(r->a, "/inhabithon/%s/lag/%lld/ga-med", h->slug, (long long)t->id),
                        "hack.join", NULL, NULL, NULL);
        if (coach && !t->coach_id && h->phase < HACK_JUDGING)
            button_form(r, arena_printf(r->a, "/inhabithon/%s/lag/%lld/coach", h->slug, (long long)t->id),
                        "hack.become_coach", NULL, NULL, NULL);
        if (r->user && (v->my_team == t->id || t->coach_id == r->user->id || hack_organiser(r)))
            html(r, "<a class=\"button secondary\" href=\"/inhabithon/%s/lag/%lld/bidrag\">%s</a>", h->slug,
                 (long long)t->id, T(r, "hack.submission"));
        html_raw(r, "</div></li>\n");
    }
    if (v->n) html_raw(r, "</ul>\n");

    if (open && h->nchallenges && ((participant(v) && !v->my_team) || hack_organiser(r))) {
        html(r, "<h2 id=\"nytt-lag\">%s</h2>\n", T(r, "hack.team_new"));
        form_open(r, arena_printf(r->a, "/inhabithon/%s/lag", h->slug), false);
        form_once_field(r);
        field_input(r, f, &(struct field){.name = "namn", .label = "hack.f_team_name", .value = name, .flags = F_REQUIRED});
        struct option *co = arena_alloc(r->a, h->nchallenges * sizeof *co);
        for (size_t i = 0; i < h->nchallenges; i++)
            co[i] = (struct option){arena_printf(r->a, "%lld", (long long)h->challenges[i].id), h->challenges[i].title};
        field_select(r, f, &(struct field){.name = "utmaning", .label = "hack.f_challenge", .value = challenge,
                                           .flags = F_REQUIRED},
                     co, h->nchallenges);
        form_submit(r, "hack.team_create");
        form_close(r);
    } else if (r->user && !v->me && !hack_organiser(r) && hack_registration_open(h->phase)) {
        html(r, "<p><a href=\"/inhabithon/%s/anmalan\">%s</a></p>\n", h->slug, T(r, "hack.register_first"));
    }
    if (hack_organiser(r)) organiser_tools(r, v, f);
    page_end(r);
}

static void h_teams(req *r)
{
    struct teams_view v;
    if (!load_view(r, &v)) return;
    struct form f;
    form_init(&f, r);
    teams_page(r, &v, &f, "", "");
}

static void team_refused(req *r, const struct hackathon *h, enum db_rc rc)
{
    const char *link = arena_printf(r->a, "/inhabithon/%s/lag", h->slug);
    if (rc == DB_CONFLICT)
        return page_conflict(r, 409, "hack.team_full_title", T(r, "hack.team_full"), link);
    if (rc == DB_CONSTRAINT) return page_message(r, 400, "hack.one_team_title", "hack.one_team");
    page_not_saved(r, "team");
}

struct team_ctx {
    struct form *f;
    const struct hackathon *h;
    const char *name;
    int64_t challenge, team, user, coach;
    bool again;
};

static enum db_rc create_action(req *r, void *ctx)
{
    struct team_ctx *c = ctx;
    enum db_rc rc = form_once_take(c->f, &c->again);
    if (rc != DB_OK || c->again) return rc;
    rc = store_hack_team_create(r->db, c->h->id, c->challenge, c->name, c->user, r->now, &c->team);
    if (rc == DB_NOTFOUND) return DB_CONSTRAINT;
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, r->user->id, "inhabithon.lag",
                         arena_printf(r->a, "hackathon:%lld", (long long)c->h->id), c->name);
    return rc;
}

static void h_create(req *r)
{
    struct teams_view v;
    if (!load_view(r, &v)) return;
    if (!hack_teams_open(v.h->phase)) return page_message(r, 400, "hack.teams_closed_title", "hack.teams_closed");
    bool org = hack_organiser(r);
    if (!org && !participant(&v)) return page_message(r, 403, "hack.not_registered_title", "hack.not_registered");
    struct form f;
    form_init(&f, r);
    struct team_ctx c = {.f = &f, .h = v.h, .user = org && !participant(&v) ? 0 : r->user->id};
    c.name = form_text(&f, "namn", 100, F_REQUIRED);
    form_no_pnr(&f, "namn", c.name);
    const char *ch = form_text(&f, "utmaning", 20, F_REQUIRED);
    bool found = false;
    if (*ch && parse_i64(ch, &c.challenge))
        for (size_t i = 0; i < v.h->nchallenges; i++) found |= v.h->challenges[i].id == c.challenge;
    if (*ch && !found) form_error(&f, "utmaning", "err.choice");
    for (size_t i = 0; i < v.n && form_ok(&f); i++)
        if (strcmp(v.teams[i].name, c.name) == 0) form_error(&f, "namn", "hack.err.team_name");
    if (c.user && v.my_team) return page_message(r, 400, "hack.one_team_title", "hack.one_team");
    if (!form_ok(&f)) {
        r->status = 400;
        return teams_page(r, &v, &f, c.name, ch);
    }
    enum db_rc rc = action_run(r, create_action, &c);
    if (rc == DB_CONSTRAINT) {
        form_error(&f, "namn", "hack.err.team_name");
        r->status = 400;
        return teams_page(r, &v, &f, c.name, ch);
    }
    if (rc != DB_OK) return team_refused(r, v.h, rc);
    resp_flash(r, "flash.saved");
    resp_redirect(r, arena_printf(r->a, "/inhabithon/%s/lag#lag-%lld", v.h->slug, (long long)c.team));
}

static enum db_rc join_action(req *r, void *ctx)
{
    struct team_ctx *c = ctx;
    enum db_rc rc = store_hack_team_join(r->db, c->h->id, c->team, c->user, r->now);
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, r->user->id, "inhabithon.ga_med",
                         arena_printf(r->a, "user:%lld", (long long)c->user),
                         arena_printf(r->a, "lag:%lld", (long long)c->team));
    if (rc == DB_OK && c->user != r->user->id) {
        const char *text = Tf(r, "hack.notice_placed", c->name);
        rc = notify_user(r, c->user, text, text, arena_printf(r->a, "/inhabithon/%s/lag", c->h->slug));
    }
    return rc;
}

static void h_join(req *r)
{
    struct teams_view v;
    if (!load_view(r, &v)) return;
    struct hack_team *t = hack_team_in(v.teams, v.n, r->params[1]);
    if (!t) return page_error(r, 404);
    if (!hack_teams_open(v.h->phase)) return page_message(r, 400, "hack.teams_closed_title", "hack.teams_closed");
    if (!participant(&v)) return page_message(r, 403, "hack.not_registered_title", "hack.not_registered");
    if (v.my_team) return page_message(r, 400, "hack.one_team_title", "hack.one_team");
    struct team_ctx c = {.h = v.h, .team = t->id, .user = r->user->id};
    enum db_rc rc = action_run(r, join_action, &c);
    if (rc != DB_OK) return team_refused(r, v.h, rc);
    resp_flash(r, "hack.flash_joined");
    resp_redirect(r, arena_printf(r->a, "/inhabithon/%s/lag#lag-%lld", v.h->slug, (long long)t->id));
}

static void h_place(req *r)
{
    struct teams_view v;
    if (!load_view(r, &v)) return;
    if (!hack_organiser(r)) return page_error(r, 403);
    if (!hack_teams_open(v.h->phase)) return page_message(r, 400, "hack.teams_closed_title", "hack.teams_closed");
    struct hack_team *t = hack_team_in(v.teams, v.n, req_form(r, "lag"));
    int64_t uid = 0;
    const char *p = req_form(r, "person");
    struct hack_registration *g = NULL;
    if (!t || !p || !parse_i64(p, &uid) || uid <= 0) return page_message(r, 400, "hack.bad_choice_title", "hack.bad_choice");
    enum db_rc rc = store_hack_registration_of(r->db, r->a, v.h->id, uid, &g);
    if (rc == DB_NOTFOUND || (rc == DB_OK && strcmp(g->status, "anmald") != 0))
        return page_message(r, 400, "hack.bad_choice_title", "hack.bad_choice");
    if (rc != DB_OK) return page_fail(r, "placing");
    struct team_ctx c = {.h = v.h, .team = t->id, .user = uid, .name = t->name};
    rc = action_run(r, join_action, &c);
    if (rc != DB_OK) return team_refused(r, v.h, rc);
    resp_flash(r, "hack.flash_placed");
    resp_redirect(r, arena_printf(r->a, "/inhabithon/%s/lag#lag-%lld", v.h->slug, (long long)t->id));
}

static enum db_rc coach_action(req *r, void *ctx)
{
    struct team_ctx *c = ctx;
    enum db_rc rc = store_hack_team_set_coach(r->db, c->team, c->coach);
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, r->user->id, "inhabithon.coach",
                         arena_printf(r->a, "user:%lld", (long long)c->coach),
                         arena_printf(r->a, "lag:%lld", (long long)c->team));
    return rc;
}

static void set_coach(req *r, struct teams_view *v, struct hack_team *t, int64_t coach)
{
    struct team_ctx c = {.h = v->h, .team = t->id, .coach = coach};
    enum db_rc rc = action_run(r, coach_action, &c);
    if (rc != DB_OK) return page_not_saved(r, "coach");
    resp_flash(r, "hack.flash_coach");
    resp_redirect(r, arena_printf(r->a, "/inhabithon/%s/lag#lag-%lld", v->h->slug, (long long)t->id));
}

/* A coach takes a team that has none. */
static void h_take(req *r)
{
    struct teams_view v;
    if (!load_view(r, &v)) return;
    struct hack_team *t = hack_team_in(v.teams, v.n, r->params[1]);
    if (!t) return page_error(r, 404);
    if (!req_has_role(r, ROLE_COACH)) return page_error(r, 403);
    if (v.h->phase >= HACK_JUDGING) return page_message(r, 400, "hack.teams_closed_title", "hack.coach_closed");
    if (t->coach_id && t->coach_id != r->user->id)
        return page_conflict(r, 409, "hack.has_coach_title", Tf(r, "hack.has_coach", t->coach_name),
                             arena_printf(r->a, "/inhabithon/%s/lag", v.h->slug));
    set_coach(r, &v, t, r->user->id);
}

/* Organisers choose a team's coach among those with the coach role. */
static void h_coach(req *r)
{
    struct teams_view v;
    if (!load_view(r, &v)) return;
    if (!hack_organiser(r)) return page_error(r, 403);
    if (v.h->phase >= HACK_JUDGING) return page_message(r, 400, "hack.teams_closed_title", "hack.coach_closed");
    struct hack_team *t = hack_team_in(v.teams, v.n, req_form(r, "lag"));
    int64_t uid = 0;
    const char *p = req_form(r, "coach");
    if (!t || !p || !parse_i64(p, &uid) || uid <= 0) return page_message(r, 400, "hack.bad_choice_title", "hack.bad_choice");
    struct user *coaches = NULL;
    size_t nc = 0;
    if (store_users_with_role(r->db, r->a, ROLE_COACH, &coaches, &nc) != DB_OK) return page_fail(r, "coaches");
    bool ok = false;
    for (size_t i = 0; i < nc; i++) ok |= coaches[i].id == uid;
    if (!ok) return page_message(r, 400, "hack.bad_choice_title", "hack.bad_choice");
    set_coach(r, &v, t, uid);
}

const struct route team_routes[] = {
    {M_GET, "/inhabithon/*/lag", h_teams, 0},
    {M_POST, "/inhabithon/*/lag", h_create, R_AUTH},
    {M_POST, "/inhabithon/*/lag/*/ga-med", h_join, R_AUTH},
    {M_POST, "/inhabithon/*/lag/*/coach", h_take, R_AUTH},
    {M_POST, "/inhabithon/*/placera", h_place, R_AUTH},
    {M_POST, "/inhabithon/*/coach", h_coach, R_AUTH},
    {0, NULL, NULL, 0},
};
