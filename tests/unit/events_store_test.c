/* Storage of events on both engines (store/events.c): occurrences from a
 * rule, registrations with double opt-in, capacity under a rush of
 * threads, the waiting list with offers that expire, and retention. */
#include <pthread.h>

#include "testutil.h"

#include "domain/event.h"
#include "store/store.h"
#include "util/log.h"

/* 2026-03-01 10:00 UTC */
#define NOW ((int64_t)1772359200)

struct engine {
    struct test_engine t;
    db *d;
};

static int engine_up(bool pg, void **state)
{
    static struct engine e;
    memset(&e, 0, sizeof e);
    *state = &e;
    if (test_engine_create(&e.t, pg, "events") != 0) return -1;
    e.d = test_engine_open(&e.t);
    return e.d ? 0 : -1;
}
static int setup_sqlite(void **state) { return engine_up(false, state); }
static int setup_pg(void **state) { return engine_up(true, state); }
static int engine_down(void **state)
{
    struct engine *e = *state;
    db_close(e->d);
    test_engine_destroy(&e->t);
    return 0;
}

static int64_t make_event(db *d, int64_t capacity, const char *first_day, size_t weeks)
{
    arena *a = arena_new();
    struct recurrence rc = {REC_WEEKLY, 1, 1u << 3, 0, "", (int)weeks};
    const char **days;
    size_t n;
    assert_null(recurrence_expand(a, &rc, first_day, &days, &n));
    struct event e = {.title = "Pratcafé", .description = "", .theme = "Samtal", .place_name = "Söder",
                      .place_address = "Håkan Lundbergs gata 17", .room = "", .online_url = "",
                      .print_text = "", .status = EV_OPEN, .published = true, .start_time = "12:00",
                      .end_time = "19:00", .rule = rc, .capacity = capacity, .offer_hours = 48,
                      .retention_days = 30};
    int64_t id = 0;
    assert_rc(store_event_create(d, &e, NULL, 0, days, n, NOW, &id), DB_OK);
    arena_free(a);
    return id;
}

static int64_t add_reg(db *d, int64_t occ, const char *email, const char *hash)
{
    struct registration g = {.occurrence_id = occ, .name = "Test", .email = email, .needs = ""};
    int64_t id = 0;
    assert_rc(store_registration_add(d, &g, hash, NOW, &id), DB_OK);
    return id;
}

static void test_occurrences_and_counts(void **state)
{
    struct engine *e = *state;
    arena *a = arena_new();
    int64_t ev = make_event(e->d, 2, "2026-03-19", 3);
    struct event *got;
    assert_rc(store_event_get(e->d, a, ev, &got), DB_OK);
    assert_int_equal(got->nocc, 3);
    assert_str(got->occ[0].day, "2026-03-19");
    assert_str(got->occ[2].day, "2026-04-02");
    /* 12.00 local both sides of 29 March */
    assert_int_equal(got->occ[1].starts_at, stockholm_to_unix(2026, 3, 26, 12, 0));
    assert_int_equal(got->occ[2].starts_at - got->occ[1].starts_at, 7 * 86400 - 3600);
    int64_t occ = got->occ[0].id;
    /* the feeds' reader: every event with its own occurrences, in two queries */
    make_event(e->d, 4, "2026-03-20", 2);
    struct event *all;
    size_t nall;
    assert_rc(store_events_with_occurrences(e->d, a, NULL, 100, &all, &nall), DB_OK);
    assert_true(nall >= 2);
    for (size_t i = 0; i < nall; i++) {
        for (size_t j = 0; j < all[i].nocc; j++) assert_int_equal(all[i].occ[j].event_id, all[i].id);
        if (all[i].id == ev) assert_int_equal(all[i].nocc, 3);
    }
    struct occ_filter none = {.org_id = -1};
    assert_rc(store_events_with_occurrences(e->d, a, &none, 100, &all, &nall), DB_OK);
    assert_int_equal(nall, 0);

    int64_t r1 = add_reg(e->d, occ, "a@example.se", "h1");
    int64_t r2 = add_reg(e->d, occ, "b@example.se", "h2");
    int64_t r3 = add_reg(e->d, occ, "c@example.se", "h3");
    struct registration dup = {.occurrence_id = occ, .name = "Again", .email = "A@Example.se", .needs = ""};
    int64_t id;
    assert_rc(store_registration_add(e->d, &dup, "h4", NOW, &id), DB_CONSTRAINT);
    enum reg_status s;
    assert_rc(store_registration_confirm(e->d, r1, NOW, &s), DB_OK);
    assert_int_equal(s, REG_CONFIRMED);
    assert_rc(store_registration_confirm(e->d, r1, NOW, &s), DB_OK); /* twice: still one place */
    assert_int_equal(s, REG_CONFIRMED);
    assert_rc(store_registration_confirm(e->d, r2, NOW, &s), DB_OK);
    assert_int_equal(s, REG_CONFIRMED);
    assert_rc(store_registration_confirm(e->d, r3, NOW, &s), DB_OK);
    assert_int_equal(s, REG_WAITING);
    struct occurrence o;
    assert_rc(store_occurrence_get(e->d, a, occ, &o), DB_OK);
    assert_int_equal(o.confirmed, 2);
    assert_int_equal(o.waiting, 1);
    struct registration g;
    assert_rc(store_registration_by_token(e->d, a, "h3", &g), DB_OK);
    assert_int_equal(g.position, 1);

    /* lowering capacity below what is taken is refused */
    int64_t taken = 0;
    assert_rc(store_event_set_capacity(e->d, ev, 1, 0, NOW, &taken), DB_CONFLICT);
    assert_int_equal(taken, 2);

    /* a cancellation frees a place: an offer to the first waiting */
    assert_rc(store_registration_cancel(e->d, r1), DB_OK);
    assert_rc(store_registration_cancel(e->d, r1), DB_NOTFOUND);
    bool made = false;
    assert_rc(store_offer_next(e->d, a, occ, "o3", NOW + 3600, NOW, &made, &g), DB_OK);
    assert_true(made);
    assert_int_equal(g.id, r3);
    assert_rc(store_offer_next(e->d, a, occ, "o9", NOW + 3600, NOW, &made, &g), DB_OK);
    assert_false(made); /* nobody else waits */
    /* too late: refused; in time: confirmed */
    assert_rc(store_offer_accept(e->d, r3, NOW + 3600), DB_CONFLICT);
    assert_rc(store_registration_by_offer(e->d, a, "o3", &g), DB_OK);
    assert_rc(store_offer_accept(e->d, r3, NOW + 60), DB_OK);
    assert_rc(store_offer_accept(e->d, r3, NOW + 60), DB_CONFLICT);
    assert_rc(store_occurrence_get(e->d, a, occ, &o), DB_OK);
    assert_int_equal(o.confirmed, 2);
    assert_int_equal(o.offered, 0);
    assert_int_equal(o.waiting, 0);
    arena_free(a);
}

static void test_offer_expires_to_next(void **state)
{
    struct engine *e = *state;
    arena *a = arena_new();
    int64_t ev = make_event(e->d, 1, "2026-03-19", 1);
    struct event *got;
    assert_rc(store_event_get(e->d, a, ev, &got), DB_OK);
    int64_t occ = got->occ[0].id;
    int64_t r1 = add_reg(e->d, occ, "x1@example.se", "x1");
    int64_t r2 = add_reg(e->d, occ, "x2@example.se", "x2");
    int64_t r3 = add_reg(e->d, occ, "x3@example.se", "x3");
    enum reg_status s;
    assert_rc(store_registration_confirm(e->d, r1, NOW, &s), DB_OK);
    assert_rc(store_registration_confirm(e->d, r2, NOW, &s), DB_OK);
    assert_rc(store_registration_confirm(e->d, r3, NOW, &s), DB_OK);
    assert_int_equal(s, REG_WAITING);
    assert_rc(store_registration_cancel(e->d, r1), DB_OK);
    /* a newcomer does not jump the queue while someone waits */
    int64_t r4 = add_reg(e->d, occ, "x4@example.se", "x4");
    assert_rc(store_registration_confirm(e->d, r4, NOW, &s), DB_OK);
    assert_int_equal(s, REG_WAITING);
    bool made;
    struct registration g;
    assert_rc(store_offer_next(e->d, a, occ, "ox2", NOW + 100, NOW, &made, &g), DB_OK);
    assert_true(made);
    assert_int_equal(g.id, r2);
    int64_t *occs;
    size_t n;
    assert_rc(store_offers_expire(e->d, a, NOW + 99, 10, &occs, &n), DB_OK);
    assert_int_equal(n, 0);
    assert_rc(store_offers_expire(e->d, a, NOW + 100, 10, &occs, &n), DB_OK);
    assert_int_equal(n, 1);
    assert_rc(store_offers_expire(e->d, a, NOW + 100, 10, &occs, &n), DB_OK); /* once */
    assert_int_equal(n, 0);
    assert_rc(store_occurrences_to_offer(e->d, a, NOW + 100, 10, &occs, &n), DB_OK);
    assert_int_equal(n, 1);
    assert_rc(store_offer_next(e->d, a, occ, "ox3", NOW + 200, NOW + 100, &made, &g), DB_OK);
    assert_true(made);
    assert_int_equal(g.id, r3);
    assert_rc(store_registration_by_token(e->d, a, "x4", &g), DB_OK);
    assert_int_equal(g.position, 1);
    arena_free(a);
}

static void test_retention_keeps_counts(void **state)
{
    struct engine *e = *state;
    arena *a = arena_new();
    int64_t ev = make_event(e->d, 5, "2026-03-19", 1);
    struct event *got;
    assert_rc(store_event_get(e->d, a, ev, &got), DB_OK);
    int64_t occ = got->occ[0].id;
    int64_t r1 = add_reg(e->d, occ, "k@example.se", "k1");
    enum reg_status s;
    assert_rc(store_registration_confirm(e->d, r1, NOW, &s), DB_OK);
    assert_rc(store_attendance_save(e->d, occ, &r1, 1), DB_OK);
    int64_t end = got->occ[0].ends_at, erased = 0;
    assert_rc(store_events_erase_due(e->d, end + 30 * 86400 - 1, &erased), DB_OK);
    struct registration g;
    assert_rc(store_registration_by_token(e->d, a, "k1", &g), DB_OK);
    assert_rc(store_events_erase_due(e->d, end + 30 * 86400, &erased), DB_OK);
    assert_true(erased >= 1);
    assert_rc(store_registration_by_token(e->d, a, "k1", &g), DB_NOTFOUND);
    struct occurrence o;
    assert_rc(store_occurrence_get(e->d, a, occ, &o), DB_OK);
    assert_int_equal(o.confirmed, 1);
    assert_int_equal(o.attended, 1);
    assert_true(o.erased);
    arena_free(a);
}

static void test_account_erasure_gives_places_back(void **state)
{
    struct engine *e = *state;
    arena *a = arena_new();
    int64_t ev = make_event(e->d, 1, "2026-03-19", 1);
    struct event *got;
    assert_rc(store_event_get(e->d, a, ev, &got), DB_OK);
    int64_t occ = got->occ[0].id;
    struct user_new u = {"signed@example.se", "Signe In", "hash", 0, NOW};
    int64_t uid;
    assert_rc(store_user_create(e->d, &u, &uid), DB_OK);
    struct registration g = {.occurrence_id = occ, .user_id = uid, .name = "Signe In", .email = "signed@example.se", .needs = ""};
    int64_t rid, other;
    assert_rc(store_registration_add(e->d, &g, "u1", NOW, &rid), DB_OK);
    enum reg_status s;
    assert_rc(store_registration_confirm(e->d, rid, NOW, &s), DB_OK);
    assert_int_equal(s, REG_CONFIRMED);
    other = add_reg(e->d, occ, "next@example.se", "u2");
    assert_rc(store_registration_confirm(e->d, other, NOW, &s), DB_OK);
    assert_int_equal(s, REG_WAITING);
    assert_rc(store_user_erase(e->d, uid), DB_OK);
    struct registration gone;
    assert_rc(store_registration_by_token(e->d, a, "u1", &gone), DB_NOTFOUND);
    struct occurrence o;
    assert_rc(store_occurrence_get(e->d, a, occ, &o), DB_OK);
    assert_int_equal(o.confirmed, 0);
    assert_int_equal(o.waiting, 1);
    int64_t *occs;
    size_t n;
    assert_rc(store_occurrences_to_offer(e->d, a, NOW, 10, &occs, &n), DB_OK);
    bool found = false;
    for (size_t i = 0; i < n; i++) found |= occs[i] == occ;
    assert_true(found); /* the sweep offers the freed place */
    arena_free(a);
}

/* ---- a rush: threads with their own connections confirm at once ---- */

enum { RUSH_THREADS = 8, RUSH_EACH = 6, RUSH_CAPACITY = 10 };

struct rush {
    const char *url;
    int64_t *regs;
    int64_t confirmed, waiting, failed;
    pthread_mutex_t lock;
    pthread_barrier_t go;
    int next;
};

static void *rush_main(void *arg)
{
    struct rush *r = arg;
    const char *err;
    db *d = db_open(r->url, &err);
    pthread_barrier_wait(&r->go);
    for (;;) {
        pthread_mutex_lock(&r->lock);
        int i = r->next++;
        pthread_mutex_unlock(&r->lock);
        if (i >= RUSH_THREADS * RUSH_EACH) break;
        enum reg_status s = REG_UNCONFIRMED;
        enum db_rc rc = d ? store_registration_confirm(d, r->regs[i], NOW, &s) : DB_ERR;
        pthread_mutex_lock(&r->lock);
        if (rc != DB_OK) r->failed++;
        else if (s == REG_CONFIRMED) r->confirmed++;
        else if (s == REG_WAITING) r->waiting++;
        pthread_mutex_unlock(&r->lock);
    }
    if (d) db_close(d);
    return NULL;
}

static void test_rush_never_overfills(void **state)
{
    struct engine *e = *state;
    arena *a = arena_new();
    int64_t ev = make_event(e->d, RUSH_CAPACITY, "2026-03-19", 1);
    struct event *got;
    assert_rc(store_event_get(e->d, a, ev, &got), DB_OK);
    int64_t occ = got->occ[0].id;
    static int64_t regs[RUSH_THREADS * RUSH_EACH];
    for (int i = 0; i < RUSH_THREADS * RUSH_EACH; i++)
        regs[i] = add_reg(e->d, occ, arena_printf(a, "r%d@example.se", i), arena_printf(a, "rush%d", i));
    struct rush r = {.url = e->t.url, .regs = regs};
    pthread_mutex_init(&r.lock, NULL);
    pthread_barrier_init(&r.go, NULL, RUSH_THREADS);
    pthread_t th[RUSH_THREADS];
    for (int i = 0; i < RUSH_THREADS; i++) pthread_create(&th[i], NULL, rush_main, &r);
    for (int i = 0; i < RUSH_THREADS; i++) pthread_join(th[i], NULL);
    pthread_barrier_destroy(&r.go);
    pthread_mutex_destroy(&r.lock);
    assert_int_equal(r.failed, 0);
    assert_int_equal(r.confirmed, RUSH_CAPACITY);
    assert_int_equal(r.waiting, RUSH_THREADS * RUSH_EACH - RUSH_CAPACITY);
    struct occurrence o;
    assert_rc(store_occurrence_get(e->d, a, occ, &o), DB_OK);
    assert_int_equal(o.confirmed, RUSH_CAPACITY);
    assert_int_equal(o.waiting, RUSH_THREADS * RUSH_EACH - RUSH_CAPACITY);
    arena_free(a);
}

int main(void)
{
    log_set_quiet(1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_occurrences_and_counts),
        cmocka_unit_test(test_offer_expires_to_next),
        cmocka_unit_test(test_retention_keeps_counts),
        cmocka_unit_test(test_account_erasure_gives_places_back),
        cmocka_unit_test(test_rush_never_overfills),
    };
    int failed = cmocka_run_group_tests_name("events/sqlite", tests, setup_sqlite, engine_down);
    if (getenv("SAMSKAP_TEST_PG_URL") && *getenv("SAMSKAP_TEST_PG_URL"))
        failed += cmocka_run_group_tests_name("events/postgresql", tests, setup_pg, engine_down);
    else
        printf("events/postgresql: skipped (SAMSKAP_TEST_PG_URL is not set)\n");
    return failed;
}
