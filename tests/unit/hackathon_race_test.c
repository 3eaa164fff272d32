/* The inhabithon's invariants under concurrency (issue 11): eight people
 * released together by a barrier, each on their own connection as each
 * server thread is, never over-fill a hackathon's places (3: three get a
 * place, five the waiting list) nor a team (size 2: two join, six are
 * refused), and one person joining two teams at once ends in one.  Runs on
 * SQLite and, when SAMSKAP_TEST_PG_URL is set, on PostgreSQL. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "testutil.h"
#include "store/store.h"
#include "util/log.h"

enum { THREADS = 8 };
#define NOW ((int64_t)1655470800)

static struct test_engine engines[2];
static int nengines;
static pthread_barrier_t barrier;

static db *connect(const struct test_engine *e)
{
    const char *err = NULL;
    db *d = db_open(e->url, &err);
    if (!d) fail_msg("cannot open %s: %s", e->url, err ? err : "?");
    return d;
}

static int64_t user(db *d, arena *a)
{
    static int seq;
    struct user_new u = {arena_printf(a, "race%d-%ld@example.se", ++seq, (long)getpid()), "Deltagare", "x", 0, NOW};
    int64_t id = 0;
    assert_int_equal(store_user_create(d, &u, &id), DB_OK);
    return id;
}

/* A hackathon in `phase` with `capacity` places and teams of `team_max`;
 * *challenge its one challenge. */
static int64_t hackathon(db *d, arena *a, enum hack_phase phase, int64_t capacity, int64_t team_max,
                         int64_t *challenge)
{
    static int seq;
    struct hackathon h = {.slug = arena_printf(a, "race-%d-%ld", ++seq, (long)getpid()), .name = "Kapplöpning",
                          .starts_on = "2022-06-17", .ends_on = "2022-06-19", .place = "", .description = "",
                          .programme_md = "", .programme_html = "", .result_on = "", .result_place = "",
                          .phase = HACK_PLANNED, .capacity = capacity, .team_max = team_max,
                          .deadline = NOW + 3600, .winners = 1};
    int64_t id = 0;
    assert_int_equal(store_hack_create(d, &h, NOW, &id), DB_OK);
    assert_int_equal(store_hack_challenge_add(d, id, "Segregation", "", "", challenge), DB_OK);
    for (int p = HACK_PLANNED; p < (int)phase; p++)
        assert_int_equal(store_hack_set_phase(d, id, (enum hack_phase)p, (enum hack_phase)(p + 1), NOW), DB_OK);
    return id;
}

struct job {
    const struct test_engine *e;
    int64_t hack, user, team;
    const char *email, *status;
    enum db_rc rc;
};

static void *register_thread(void *arg)
{
    struct job *j = arg;
    db *d = connect(j->e);
    struct hack_registration r = {.hackathon_id = j->hack, .user_id = j->user, .email = j->email, .name = "Deltagare",
                                  .guardian = "", .skills = "", .needs = "", .kind = HACK_RESIDENT};
    int64_t id = 0;
    pthread_barrier_wait(&barrier);
    j->rc = store_hack_register(d, &r, NULL, true, NOW, &id, &j->status);
    db_close(d);
    return NULL;
}

static void *join_thread(void *arg)
{
    struct job *j = arg;
    db *d = connect(j->e);
    pthread_barrier_wait(&barrier);
    j->rc = store_hack_team_join(d, j->hack, j->team, j->user, NOW);
    db_close(d);
    return NULL;
}

static void run(struct job *jobs, void *(*fn)(void *))
{
    pthread_t t[THREADS];
    pthread_barrier_init(&barrier, NULL, THREADS);
    for (int k = 0; k < THREADS; k++) pthread_create(&t[k], NULL, fn, &jobs[k]);
    for (int k = 0; k < THREADS; k++) pthread_join(t[k], NULL);
    pthread_barrier_destroy(&barrier);
}

static void places_are_never_overfilled(const struct test_engine *e)
{
    db *d = connect(e);
    arena *a = arena_new();
    int64_t ch = 0, hack = hackathon(d, a, HACK_REGISTRATION, 3, 2, &ch);
    struct job jobs[THREADS];
    for (int k = 0; k < THREADS; k++)
        jobs[k] = (struct job){e, hack, user(d, a), 0, arena_printf(a, "plats%d-%lld@example.se", k, (long long)hack),
                               NULL, DB_ERR};
    run(jobs, register_thread);
    int placed = 0, waiting = 0;
    for (int k = 0; k < THREADS; k++) {
        if (jobs[k].rc != DB_OK) fail_msg("%s: registration %d returned %d", e->name, k, jobs[k].rc);
        placed += strcmp(jobs[k].status, "anmald") == 0;
        waiting += strcmp(jobs[k].status, "vantelista") == 0;
    }
    assert_int_equal(placed, 3);
    assert_int_equal(waiting, THREADS - 3);
    struct hackathon *list = NULL;
    size_t n = 0;
    assert_int_equal(store_hack_list(d, a, &list, &n), DB_OK);
    for (size_t i = 0; i < n; i++)
        if (list[i].id == hack) assert_int_equal(list[i].registered, 3);
    arena_free(a);
    db_close(d);
}

static void teams_are_never_overfilled(const struct test_engine *e)
{
    db *d = connect(e);
    arena *a = arena_new();
    int64_t ch = 0, hack = hackathon(d, a, HACK_RUNNING, 100, 2, &ch), team = 0, other = 0;
    assert_int_equal(store_hack_team_create(d, hack, ch, "Lag", 0, NOW, &team), DB_OK);
    assert_int_equal(store_hack_team_create(d, hack, ch, "Annat lag", 0, NOW, &other), DB_OK);
    struct job jobs[THREADS];
    for (int k = 0; k < THREADS; k++) jobs[k] = (struct job){e, hack, user(d, a), team, NULL, NULL, DB_ERR};
    run(jobs, join_thread);
    int joined = 0, full = 0;
    for (int k = 0; k < THREADS; k++) {
        if (jobs[k].rc == DB_OK) joined++;
        else if (jobs[k].rc == DB_CONFLICT) full++;
        else fail_msg("%s: join %d returned %d", e->name, k, jobs[k].rc);
    }
    assert_int_equal(joined, 2);
    assert_int_equal(full, THREADS - 2);

    /* one person, eight requests at once, alternating between two empty teams: only
     * "one team per person" can refuse */
    int64_t big = 0, big2 = 0, person = user(d, a);
    assert_int_equal(store_hack_team_create(d, hack, ch, "Stort lag", 0, NOW, &big), DB_OK);
    assert_int_equal(store_hack_team_create(d, hack, ch, "Stort lag 2", 0, NOW, &big2), DB_OK);
    (void)other;
    for (int k = 0; k < THREADS; k++) jobs[k] = (struct job){e, hack, person, k % 2 ? big : big2, NULL, NULL, DB_ERR};
    joined = 0;
    run(jobs, join_thread);
    int refused = 0;
    for (int k = 0; k < THREADS; k++) {
        if (jobs[k].rc == DB_OK) joined++;
        else if (jobs[k].rc == DB_CONSTRAINT) refused++;
        else fail_msg("%s: second-team join %d returned %d", e->name, k, jobs[k].rc);
    }
    assert_int_equal(joined, 1);
    assert_int_equal(refused, THREADS - 1);
    struct hack_team *teams = NULL;
    size_t n = 0;
    assert_int_equal(store_hack_teams(d, a, hack, &teams, &n), DB_OK);
    int64_t members = 0;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(teams[i].members, (int64_t)teams[i].npeople); /* the counter agrees with the rows */
        members += teams[i].members;
    }
    assert_int_equal(members, 3);
    arena_free(a);
    db_close(d);
}

static void places(void **state)
{
    (void)state;
    for (int k = 0; k < nengines; k++) places_are_never_overfilled(&engines[k]);
}

static void teams(void **state)
{
    (void)state;
    for (int k = 0; k < nengines; k++) teams_are_never_overfilled(&engines[k]);
}

static int setup(void **state)
{
    (void)state;
    log_set_quiet(1);
    if (test_engine_create(&engines[nengines++], false, "hackrace") != 0) return -1;
    const char *pg = getenv("SAMSKAP_TEST_PG_URL");
    if (pg && *pg && test_engine_create(&engines[nengines++], true, "hackrace") != 0) return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (int k = 0; k < nengines; k++) test_engine_destroy(&engines[k]);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(places), cmocka_unit_test(teams)};
    return cmocka_run_group_tests_name("inhabithon under concurrency", tests, setup, teardown);
}
