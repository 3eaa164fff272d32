/* Issue 11: the inhabithon's phases and rules, and its storage on SQLite
 * and (when SAMSKAP_TEST_PG_URL is set) PostgreSQL: the capacity is never
 * over-filled (the rest go on the waiting list), an address registers
 * once, the e-mail's token confirms once, a team takes no more than its
 * size, a person is in one team, a submission is refused outside its phase
 * and after the deadline, scores only while judging and a changed score is
 * an update, conflicts of interest by organisation. */
#include "testutil.h"

#include "domain/hackathon.h"
#include "store/store.h"

#define NOW ((int64_t)1655470800) /* 2022-06-17 15:00 in Stockholm */

/* ---- the domain ---- */

static void phases_go_one_step_forward(void **state)
{
    (void)state;
    assert_true(hack_phase_next_ok(HACK_PLANNED, HACK_REGISTRATION));
    assert_true(hack_phase_next_ok(HACK_JUDGING, HACK_RESULTS));
    assert_false(hack_phase_next_ok(HACK_PLANNED, HACK_RUNNING));
    assert_false(hack_phase_next_ok(HACK_RESULTS, HACK_JUDGING));
    assert_false(hack_phase_next_ok(HACK_CLOSED, HACK_PHASE_COUNT));
    for (int p = 0; p < HACK_PHASE_COUNT; p++)
        assert_int_equal(hack_phase_from_name(hack_phase_name((enum hack_phase)p)), p);
    assert_int_equal(hack_phase_from_name("okand"), -1);
    assert_false(hack_scores_visible(HACK_JUDGING));
    assert_true(hack_scores_visible(HACK_RESULTS));
    assert_true(hack_submission_open(HACK_RUNNING, NOW + 1, NOW));
    assert_false(hack_submission_open(HACK_RUNNING, NOW, NOW));
    assert_false(hack_submission_open(HACK_JUDGING, NOW + 100, NOW));
}

static void youth_by_birth_year_and_guardian(void **state)
{
    (void)state;
    assert_null(hack_registration_check(HACK_YOUTH, 2005, 2022, true, ""));      /* 17 */
    assert_null(hack_registration_check(HACK_YOUTH, 2009, 2022, true, "Pappa 070-1"));  /* 13 */
    assert_str(hack_registration_check(HACK_YOUTH, 2010, 2022, true, ""), "hack.err.youth_age");
    assert_str(hack_registration_check(HACK_YOUTH, 2003, 2022, true, ""), "hack.err.youth_age");
    assert_str(hack_registration_check(HACK_YOUTH, 0, 2022, true, ""), "hack.err.birth_year");
    /* 2008: 14 → a guardian when required */
    assert_str(hack_registration_check(HACK_YOUTH, 2008, 2022, true, ""), "hack.err.guardian");
    assert_null(hack_registration_check(HACK_YOUTH, 2008, 2022, false, ""));
    assert_null(hack_registration_check(HACK_YOUTH, 2008, 2022, true, "Mamma 070-123"));
    assert_null(hack_registration_check(HACK_YOUTH, 2007, 2022, true, ""));      /* 15 */
    assert_null(hack_registration_check(HACK_RESIDENT, 0, 2022, true, ""));
}

/* Seven people, challenges 10 and 20, teams of at most 3:
 *   wants 10: P0 (film), P1 (film), P2 (kod), P3 (film); wants 20 first: P4;
 *   no wish: P5, P6.
 * 1. 10 gets P0–P3 (4), 20 gets P4 (1); P5 → 20 (fewest: 1 < 4), P6 → 20 (2 < 4).
 * 2. 10: ceil(4/3) = 2 teams of 2; 20: ceil(3/3) = 1 team of 3.
 * 3. 10 sorted by skills: film P0, film P1, film P3, kod P2 → dealt
 *    P0→A, P1→B, P3→A, P2→B: the two film people P0 and P1 are apart, and
 *    so are P1 and P3. */
static void team_suggestion_by_preference_size_and_skills(void **state)
{
    (void)state;
    const struct hack_candidate p[] = {
        {{10, 20, 0}, "film"}, {{10, 0, 0}, "Film"}, {{10, 0, 0}, "kod"}, {{10, 0, 0}, "film"},
        {{20, 10, 0}, "musik"}, {{0, 0, 0}, ""}, {{0, 0, 0}, "kod"},
    };
    const int64_t ch[] = {10, 20};
    int team[7], team_ch[7];
    size_t n = hack_suggest_teams(p, 7, ch, 2, 3, team, team_ch);
    assert_int_equal(n, 3);
    assert_int_equal(team_ch[0], 0);
    assert_int_equal(team_ch[1], 0);
    assert_int_equal(team_ch[2], 1);
    assert_int_equal(team[0], 0);
    assert_int_equal(team[1], 1);
    assert_int_equal(team[3], 0);
    assert_int_equal(team[2], 1);
    assert_int_equal(team[4], 2);
    assert_int_equal(team[5], 2);
    assert_int_equal(team[6], 2);
    assert_int_equal(hack_suggest_teams(p, 7, ch, 2, 0, team, team_ch), 0);
}

/* ---- the store ---- */

struct engine {
    struct test_engine t;
    db *d;
    arena *a;
};
static struct engine sqlite_engine, pg_engine;

static int engine_up(struct engine *e, bool pg, void **state)
{
    *state = e;
    if (test_engine_create(&e->t, pg, "hackathon") != 0) return -1;
    e->d = test_engine_open(&e->t);
    e->a = arena_new();
    return e->d ? 0 : -1;
}

static int engine_down(void **state)
{
    struct engine *e = *state;
    arena_free(e->a);
    db_close(e->d);
    test_engine_destroy(&e->t);
    return 0;
}

static int setup_sqlite(void **state) { return engine_up(&sqlite_engine, false, state); }
static int setup_pg(void **state) { return engine_up(&pg_engine, true, state); }

static int64_t new_user(struct engine *e, const char *name)
{
    static int seq;
    char email[64];
    snprintf(email, sizeof email, "u%d-%ld@example.se", ++seq, (long)getpid());
    struct user_new u = {arena_strdup(e->a, email), name, "x", 0, NOW};
    int64_t id = 0;
    assert_rc(store_user_create(e->d, &u, &id), DB_OK);
    return id;
}

/* A hackathon in `phase` with capacity 2, teams of at most 2, two
 * criteria weighted 3 and 1, one challenge (*challenge). */
static int64_t new_hack(struct engine *e, enum hack_phase phase, int64_t *challenge)
{
    static int seq;
    struct hackathon h = {0};
    h.slug = arena_printf(e->a, "hack-%d", ++seq);
    h.name = "Inhabithon";
    h.starts_on = "2022-06-17";
    h.ends_on = "2022-06-19";
    h.place = "Helsingborg";
    h.description = h.programme_md = h.programme_html = h.result_on = h.result_place = "";
    h.phase = HACK_PLANNED;
    h.capacity = 2;
    h.team_max = 2;
    h.deadline = NOW + 3600;
    h.winners = 1;
    int64_t id = 0;
    assert_rc(store_hack_create(e->d, &h, NOW, &id), DB_OK);
    assert_rc(store_hack_challenge_add(e->d, id, "Segregation", "", "", challenge), DB_OK);
    const char *names[] = {"Behov", "Genomförbarhet"};
    int64_t w[] = {3, 1};
    assert_rc(store_hack_rubric_set(e->d, id, names, NULL, w, 2, NOW), DB_OK);
    for (int p = HACK_PLANNED; p < (int)phase; p++)
        assert_rc(store_hack_set_phase(e->d, id, (enum hack_phase)p, (enum hack_phase)(p + 1), NOW),
                  DB_OK);
    return id;
}

static void capacity_is_never_overfilled(void **state)
{
    struct engine *e = *state;
    int64_t ch = 0, hack = new_hack(e, HACK_REGISTRATION, &ch);
    const char *status = NULL;
    int64_t id = 0;
    for (int i = 0; i < 3; i++) {
        struct hack_registration r = {0};
        r.hackathon_id = hack;
        r.user_id = new_user(e, "Deltagare");
        r.email = arena_printf(e->a, "cap%d-%lld@example.se", i, (long long)hack);
        r.name = "Deltagare";
        r.guardian = r.skills = r.needs = "";
        r.kind = HACK_RESIDENT;
        r.prefs[0] = ch;
        assert_rc(store_hack_register(e->d, &r, NULL, true, NOW, &id, &status), DB_OK);
        assert_str(status, i < 2 ? "anmald" : "vantelista");
    }
    /* the same address again */
    struct hack_registration again = {0};
    again.hackathon_id = hack;
    again.email = arena_printf(e->a, "cap0-%lld@example.se", (long long)hack);
    again.name = "Igen";
    again.guardian = again.skills = again.needs = "";
    assert_rc(store_hack_register(e->d, &again, "h", false, NOW, &id, &status), DB_CONSTRAINT);
    struct hack_registration *list;
    size_t n;
    assert_rc(store_hack_registrations(e->d, e->a, hack, &list, &n), DB_OK);
    assert_int_equal(n, 3);
    assert_int_equal(list[0].prefs[0], ch);
}

static void double_opt_in_confirms_once(void **state)
{
    struct engine *e = *state;
    int64_t ch = 0, hack = new_hack(e, HACK_REGISTRATION, &ch);
    struct hack_registration r = {0};
    r.hackathon_id = hack;
    r.email = arena_printf(e->a, "optin-%lld@example.se", (long long)hack);
    r.name = "Ung";
    r.birth_year = 2006;
    r.guardian = r.skills = r.needs = "";
    r.kind = HACK_YOUTH;
    const char *status;
    int64_t id;
    assert_rc(store_hack_register(e->d, &r, "tokenhash", false, NOW, &id, &status), DB_OK);
    assert_str(status, "bekraftas");
    struct hack_registration got = {0};
    assert_rc(store_hack_confirm(e->d, hack, "wrong", NOW, &got, e->a), DB_NOTFOUND);
    assert_rc(store_hack_confirm(e->d, hack, "tokenhash", NOW, &got, e->a), DB_OK);
    assert_str(got.status, "anmald");
    assert_int_equal(got.birth_year, 2006);
    assert_rc(store_hack_confirm(e->d, hack, "tokenhash", NOW, &got, e->a), DB_NOTFOUND);
}

static void teams_have_a_size_and_one_per_person(void **state)
{
    struct engine *e = *state;
    int64_t ch = 0, hack = new_hack(e, HACK_RUNNING, &ch);
    int64_t a = new_user(e, "A"), b = new_user(e, "B"), c = new_user(e, "C");
    int64_t t1 = 0, t2 = 0;
    assert_rc(store_hack_team_create(e->d, hack, ch, "Lag 1", a, NOW, &t1), DB_OK);
    assert_rc(store_hack_team_create(e->d, hack, ch, "Lag 1", 0, NOW, &t2), DB_CONSTRAINT);
    assert_rc(store_hack_team_create(e->d, hack, ch, "Lag 2", 0, NOW, &t2), DB_OK);
    assert_rc(store_hack_team_join(e->d, hack, t1, b, NOW), DB_OK);
    assert_rc(store_hack_team_join(e->d, hack, t1, c, NOW), DB_CONFLICT); /* full */
    assert_rc(store_hack_team_join(e->d, hack, t2, a, NOW), DB_CONSTRAINT); /* in Lag 1 */
    assert_rc(store_hack_team_join(e->d, hack, t2, c, NOW), DB_OK);
    struct hack_team *teams;
    size_t n;
    assert_rc(store_hack_teams(e->d, e->a, hack, &teams, &n), DB_OK);
    assert_int_equal(n, 2);
    assert_int_equal(teams[0].members, 2);
    assert_int_equal(teams[0].npeople, 2);
    int64_t mine = 0;
    assert_rc(store_hack_team_of(e->d, hack, c, &mine), DB_OK);
    assert_int_equal(mine, t2);
}

static void submissions_lock_at_the_deadline_and_scores_in_judging(void **state)
{
    struct engine *e = *state;
    int64_t ch = 0, hack = new_hack(e, HACK_RUNNING, &ch);
    int64_t a = new_user(e, "A"), jury = new_user(e, "Jury"), t = 0, sub = 0;
    assert_rc(store_hack_team_create(e->d, hack, ch, "Lag", a, NOW, &t), DB_OK);
    struct hack_submission s = {0};
    s.team_id = t;
    s.problem = "Ensamhet";
    s.audience = s.solution = s.prototype = s.links = s.test_first = "";
    assert_rc(store_hack_submission_save(e->d, hack, &s, a, NOW, &sub), DB_OK);
    s.problem = "Ensamhet bland unga";
    int64_t again = 0;
    assert_rc(store_hack_submission_save(e->d, hack, &s, a, NOW + 10, &again), DB_OK);
    assert_int_equal(again, sub);
    assert_rc(store_hack_submission_save(e->d, hack, &s, a, NOW + 3600, &again), DB_CONFLICT);

    struct hackathon *h;
    int64_t hid = hack;
    struct hackathon *list;
    size_t nl;
    assert_rc(store_hack_list(e->d, e->a, &list, &nl), DB_OK);
    h = NULL;
    for (size_t i = 0; i < nl; i++)
        if (list[i].id == hid) h = &list[i];
    assert_non_null(h);
    assert_rc(store_hack_by_slug(e->d, e->a, h->slug, &h), DB_OK);
    assert_int_equal(h->ncriteria, 2);
    int64_t crit[2] = {h->criteria[0].id, h->criteria[1].id}, sc[2] = {4, 2};
    bool upd = true;
    assert_rc(store_hack_jury_add(e->d, hack, jury), DB_OK);
    assert_rc(store_hack_score_set(e->d, hack, sub, jury, crit, sc, 2, "", NOW, &upd), DB_CONFLICT);
    assert_rc(store_hack_set_phase(e->d, hack, HACK_RUNNING, HACK_JUDGING, NOW), DB_OK);
    assert_rc(store_hack_set_phase(e->d, hack, HACK_RUNNING, HACK_JUDGING, NOW), DB_CONFLICT);
    assert_rc(store_hack_submission_save(e->d, hack, &s, a, NOW + 20, &again), DB_CONFLICT);
    assert_rc(store_hack_score_set(e->d, hack, sub, jury, crit, sc, 2, "Bra", NOW, &upd), DB_OK);
    assert_false(upd);
    sc[1] = 3;
    assert_rc(store_hack_score_set(e->d, hack, sub, jury, crit, sc, 2, "Bättre", NOW, &upd), DB_OK);
    assert_true(upd);
    struct judge_score *scores;
    size_t n;
    assert_rc(store_hack_scores(e->d, e->a, hack, 0, &scores, &n), DB_OK);
    assert_int_equal(n, 2);
    assert_int_equal(scores[1].criterion, 1);
    assert_int_equal(scores[1].score, 3);
    const char **comments;
    assert_rc(store_hack_comments(e->d, e->a, sub, &comments, &n), DB_OK);
    assert_int_equal(n, 1);
    assert_str(comments[0], "Bättre");
    /* the rubric is fixed once judging began */
    const char *names[] = {"X"};
    int64_t w[] = {1};
    assert_rc(store_hack_rubric_set(e->d, hack, names, NULL, w, 1, NOW), DB_CONFLICT);
    assert_rc(store_hack_set_phase(e->d, hack, HACK_JUDGING, HACK_RESULTS, NOW), DB_OK);
    assert_rc(store_hack_score_set(e->d, hack, sub, jury, crit, sc, 2, "", NOW, &upd), DB_CONFLICT);
}

static void conflict_of_interest_by_organisation(void **state)
{
    struct engine *e = *state;
    int64_t ch = 0, hack = new_hack(e, HACK_RUNNING, &ch);
    int64_t a = new_user(e, "A"), j1 = new_user(e, "J1"), j2 = new_user(e, "J2"), t = 0;
    static int seq;
    struct org o = {0};
    o.slug = arena_printf(e->a, "forening-%d-%lld", ++seq, (long long)hack);
    o.name = "Föreningen";
    o.summary = o.description = o.website = "";
    int64_t org = 0;
    assert_rc(store_org_create(e->d, &o, NOW, &org), DB_OK);
    assert_rc(store_org_add_rep(e->d, org, a), DB_OK);
    assert_rc(store_org_add_rep(e->d, org, j1), DB_OK);
    assert_rc(store_hack_team_create(e->d, hack, ch, "Lag", a, NOW, &t), DB_OK);
    bool yes = false;
    assert_rc(store_hack_conflict(e->d, t, j1, &yes), DB_OK);
    assert_true(yes);
    assert_rc(store_hack_conflict(e->d, t, j2, &yes), DB_OK);
    assert_false(yes);
    /* a jury member who is in the team, or coaches it, is excluded too */
    assert_rc(store_hack_conflict(e->d, t, a, &yes), DB_OK);
    assert_true(yes);
    assert_rc(store_hack_team_set_coach(e->d, t, j2), DB_OK);
    assert_rc(store_hack_conflict(e->d, t, j2, &yes), DB_OK);
    assert_true(yes);
    int64_t *conf;
    size_t nconf;
    assert_rc(store_hack_conflicts(e->d, e->a, hack, j2, &conf, &nconf), DB_OK);
    assert_int_equal(nconf, 1);
    assert_int_equal(conf[0], t);
    assert_rc(store_hack_conflicts(e->d, e->a, hack, j1, &conf, &nconf), DB_OK);
    assert_int_equal(nconf, 1);
    int64_t *ids;
    const char **names;
    size_t n;
    assert_rc(store_hack_team_orgs(e->d, e->a, t, &ids, &names, &n), DB_OK);
    assert_int_equal(n, 1);
    assert_str(names[0], "Föreningen");
}

static int64_t registered_of(struct engine *e, int64_t hack)
{
    struct hackathon *list;
    size_t n;
    assert_rc(store_hack_list(e->d, e->a, &list, &n), DB_OK);
    for (size_t i = 0; i < n; i++)
        if (list[i].id == hack) return list[i].registered;
    fail_msg("no hackathon %lld", (long long)hack);
    return -1;
}

static void withdrawing_moves_the_waiting_list_up(void **state)
{
    struct engine *e = *state;
    int64_t ch = 0, hack = new_hack(e, HACK_REGISTRATION, &ch), who[3], id = 0, t = 0;
    const char *status;
    for (int i = 0; i < 3; i++) {
        struct hack_registration r = {0};
        r.hackathon_id = hack;
        r.user_id = who[i] = new_user(e, "Deltagare");
        r.email = arena_printf(e->a, "w%d-%lld@example.se", i, (long long)hack);
        r.name = "Deltagare";
        r.guardian = r.skills = r.needs = "";
        assert_rc(store_hack_register(e->d, &r, NULL, true, NOW + i, &id, &status), DB_OK);
    }
    assert_str(status, "vantelista");
    assert_rc(store_hack_team_create(e->d, hack, ch, "Lag W", who[0], NOW, &t), DB_OK);
    struct hack_registration up;
    assert_rc(store_hack_withdraw(e->d, e->a, hack, who[0], &up), DB_OK);
    assert_int_equal(up.user_id, who[2]);
    assert_str(up.status, "anmald");
    assert_int_equal(registered_of(e, hack), 2);
    struct hack_team *teams;
    size_t n;
    assert_rc(store_hack_teams(e->d, e->a, hack, &teams, &n), DB_OK);
    assert_int_equal(teams[0].members, 0);
    assert_rc(store_hack_withdraw(e->d, e->a, hack, who[0], &up), DB_NOTFOUND);
    assert_rc(store_hack_withdraw(e->d, e->a, hack, who[1], &up), DB_OK);
    assert_int_equal(up.id, 0);
    assert_int_equal(registered_of(e, hack), 1);
}

static void erasing_a_person_gives_back_places(void **state)
{
    struct engine *e = *state;
    int64_t ch = 0, hack = new_hack(e, HACK_REGISTRATION, &ch);
    int64_t a = new_user(e, "Raderas"), t = 0, id = 0;
    struct hack_registration r = {0};
    r.hackathon_id = hack;
    r.user_id = a;
    r.email = arena_printf(e->a, "raderas-%lld@example.se", (long long)hack);
    r.name = "Raderas";
    r.guardian = r.skills = r.needs = "";
    const char *status;
    assert_rc(store_hack_register(e->d, &r, NULL, true, NOW, &id, &status), DB_OK);
    assert_rc(store_hack_team_create(e->d, hack, ch, "Lag R", a, NOW, &t), DB_OK);
    assert_rc(store_user_erase(e->d, a), DB_OK);
    struct hackathon *list;
    size_t n;
    assert_rc(store_hack_list(e->d, e->a, &list, &n), DB_OK);
    for (size_t i = 0; i < n; i++)
        if (list[i].id == hack) assert_int_equal(list[i].registered, 0);
    struct hack_registration *regs;
    assert_rc(store_hack_registrations(e->d, e->a, hack, &regs, &n), DB_OK);
    assert_int_equal(n, 0);
    struct hack_team *teams;
    assert_rc(store_hack_teams(e->d, e->a, hack, &teams, &n), DB_OK);
    assert_int_equal(teams[0].members, 0);
    assert_int_equal(teams[0].npeople, 0);
}

int main(void)
{
    const struct CMUnitTest domain[] = {
        cmocka_unit_test(phases_go_one_step_forward),
        cmocka_unit_test(youth_by_birth_year_and_guardian),
        cmocka_unit_test(team_suggestion_by_preference_size_and_skills),
    };
    const struct CMUnitTest store[] = {
        cmocka_unit_test(capacity_is_never_overfilled),
        cmocka_unit_test(double_opt_in_confirms_once),
        cmocka_unit_test(teams_have_a_size_and_one_per_person),
        cmocka_unit_test(submissions_lock_at_the_deadline_and_scores_in_judging),
        cmocka_unit_test(conflict_of_interest_by_organisation),
        cmocka_unit_test(erasing_a_person_gives_back_places),
        cmocka_unit_test(withdrawing_moves_the_waiting_list_up),
    };
    int failed = cmocka_run_group_tests_name("hackathon rules", domain, NULL, NULL);
    failed += cmocka_run_group_tests_name("hackathon/sqlite", store, setup_sqlite, engine_down);
    const char *pg = getenv("SAMSKAP_TEST_PG_URL");
    if (pg && *pg)
        failed += cmocka_run_group_tests_name("hackathon/postgresql", store, setup_pg, engine_down);
    else
        printf("hackathon/postgresql: skipped (SAMSKAP_TEST_PG_URL is not set)\n");
    return failed;
}
