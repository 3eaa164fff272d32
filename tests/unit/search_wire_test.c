/* Events and hackathon challenges in the search index (issue 10 item 3,
 * wired after issues 9 and 11): applying migration 0014 to a database that
 * has events and challenges runs search_rebuild, which puts the rows that
 * were there before the index knew them:
 * published events (a cancelled one saying so), every challenge; never a
 * draft.  On SQLite and PostgreSQL. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "store/store.h"
#include "testutil.h"
#include "util/log.h"

#define NOW ((int64_t)1700000000)

struct engine {
    struct test_engine t;
    db *d;
};

static int engine_up(bool pg, void **state)
{
    static struct engine e;
    memset(&e, 0, sizeof e);
    *state = &e;
    if (test_engine_create(&e.t, pg, "search_wire") != 0) return -1;
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

static struct search_result find(struct engine *e, arena *a, const char *q, const char *kind)
{
    struct search_filter f = {.kind = kind};
    struct search_result r;
    assert_rc(store_search(e->d, a, q, &f, 0, 10, NOW, &r), DB_OK);
    return r;
}

static void rebuild_puts_events_and_challenges(void **state)
{
    struct engine *e = *state;
    arena *a = arena_new();
    /* rows written before the index knew events and challenges */
    assert_rc(db_exec(e->d,
        "INSERT INTO events(title, description, start_day, start_time, end_time, capacity, status, published, "
        "created_at, updated_at) VALUES "
        "('Simskola för vuxna', 'Vi lär oss crawla i Simhallen.', '2023-05-02', '18:00', '19:00', 10, 'oppet', 1, 0, 0), "
        "('Hemlig snickarverkstad', 'Utkast.', '2023-05-03', '18:00', '19:00', 10, 'oppet', 0, 0, 0), "
        "('Fågelskådning vid Pålsjö', 'Ta med kikare.', '2023-05-04', '08:00', '10:00', 10, 'installt', 1, 0, 0)"),
        DB_OK);
    assert_rc(db_exec(e->d,
        "INSERT INTO hackathons(slug, name, starts_on, ends_on, phase, capacity, team_max, deadline, created_at, "
        "updated_at) VALUES ('hack-w', 'Inhabithon Väla', '2023-06-16', '2023-06-18', 'planerad', 20, 4, 0, 0, 0)"),
        DB_OK);
    assert_rc(db_exec(e->d,
        "INSERT INTO hack_challenges(hackathon_id, position, title, brief_md) SELECT id, 1, 'Trygga skolvägar', "
        "'Hur blir **cykelbanorna** tryggare?' FROM hackathons WHERE slug = 'hack-w'"), DB_OK);
    struct search_result r = find(e, a, "simhallen", NULL);
    assert_int_equal(r.total, 0);

    /* a database at 0013 takes 0014: its columns come back and the index
     * is filled (store_migrate runs search_rebuild after 0014) */
    static const char *const undo[] = {
        "ALTER TABLE event_occurrences DROP COLUMN youth_present",
        "ALTER TABLE hackathons DROP COLUMN retention_days",
        "ALTER TABLE hackathons DROP COLUMN guests_erased_at",
        "ALTER TABLE hackathons DROP COLUMN guests_erased",
        "ALTER TABLE hackathons DROP COLUMN youth_kept",
        "DELETE FROM schema_migrations WHERE version = 14",
    };
    for (size_t i = 0; i < sizeof undo / sizeof undo[0]; i++) assert_rc(db_exec(e->d, undo[i]), DB_OK);
    int applied = 0;
    assert_rc(store_migrate(e->d, &applied), DB_OK);
    assert_int_equal(applied, 1);
    r = find(e, a, "simskolan", "evenemang");
    assert_int_equal(r.total, 1);
    assert_string_equal(r.hits[0].title, "Simskola för vuxna");
    assert_string_equal(r.hits[0].kind, "evenemang");
    assert_true(strncmp(r.hits[0].url, "/evenemang/", 11) == 0);
    r = find(e, a, "crawlar", NULL);
    assert_int_equal(r.total, 1);
    r = find(e, a, "snickarverkstaden", NULL);
    assert_int_equal(r.total, 0);
    assert_null(r.suggestion);
    r = find(e, a, "kikaren", NULL);
    assert_int_equal(r.total, 1);
    assert_string_equal(r.hits[0].title, "Inställt: Fågelskådning vid Pålsjö");
    r = find(e, a, "cykelbana", NULL);
    assert_int_equal(r.total, 1);
    assert_string_equal(r.hits[0].kind, "utmaning");
    assert_string_equal(r.hits[0].title, "Trygga skolvägar");
    assert_true(strncmp(r.hits[0].url, "/inhabithon/hack-w#utmaning-", 28) == 0);
    r = find(e, a, "väla", "utmaning");
    assert_int_equal(r.total, 1);
    /* a second rebuild changes nothing */
    assert_rc(search_rebuild(e->d), DB_OK);
    r = find(e, a, "simskolan", NULL);
    assert_int_equal(r.total, 1);
    arena_free(a);
}

int main(void)
{
    log_set_quiet(1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rebuild_puts_events_and_challenges),
    };
    int failed = cmocka_run_group_tests_name("search_wire/sqlite", tests, setup_sqlite, engine_down);
    if (getenv("SAMSKAP_TEST_PG_URL") && *getenv("SAMSKAP_TEST_PG_URL"))
        failed += cmocka_run_group_tests_name("search_wire/postgresql", tests, setup_pg, engine_down);
    else
        printf("search_wire/postgresql: skipped (SAMSKAP_TEST_PG_URL is not set)\n");
    return failed;
}
