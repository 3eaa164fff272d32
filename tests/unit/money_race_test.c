/* The money invariants under concurrency (issue 3): grants never exceed
 * the project budget and approved claims never exceed a line's grant, also
 * when many coordinators act at the same moment.  Each thread has its own
 * connection, as each server thread does; a barrier releases them together.
 * Runs on SQLite and, when SAMSKAP_TEST_PG_URL is set, on PostgreSQL. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "store/store.h"
#include "util/log.h"

enum { THREADS = 8 };

static struct test_engine engines[2];
static int nengines;

static db *connect(const struct test_engine *e)
{
    const char *err = NULL;
    db *d = db_open(e->url, &err);
    if (!d) fail_msg("cannot open %s: %s", e->url, err ? err : "?");
    return d;
}

/* A project with one category and budget_kr; returns ids. */
static void make_project(db *d, int64_t budget_kr, int64_t *project_id, int64_t *category_id)
{
    static int seq;
    arena *a = arena_new();
    struct category cat = {0, "Fika och material"};
    struct criterion crit = {0, 1, "Ett kriterium"};
    struct project p = {.slug = arena_printf(a, "p%d-%ld", ++seq, (long)getpid()), .title = "Kapplöpning",
                        .summary = "", .what = "", .why = "", .how = "", .short_goal = "",
                        .long_goal = "", .eligible_orgs = true, .eligible_youth = true,
                        .call_opens = "2020-01-01", .call_closes = "2030-12-31",
                        .budget = budget_kr * 100, .status = PROJECT_OPEN, .internal_notes = "",
                        .categories = &cat, .ncategories = 1, .criteria = &crit, .ncriteria = 1};
    assert_int_equal(store_project_create(d, &p, 1000, project_id), DB_OK);
    struct project *got = NULL;
    assert_int_equal(store_project_by_id(d, a, *project_id, &got), DB_OK);
    *category_id = got->categories[0].id;
    arena_free(a);
}

static int64_t make_idea(db *d, int64_t project_id, int64_t category_id, int64_t asked_kr,
                         enum idea_status status)
{
    struct budget_line line = {.category_id = category_id, .description = "Material",
                               .asked = asked_kr * 100};
    struct idea i = {.project_id = project_id, .title = "Idé", .submitter_name = "Test",
                     .need = "", .youth_role = "", .action = "", .period_start = "",
                     .period_end = "", .feedback_plan = "", .sharing_plan = "",
                     .status = status, .lines = &line, .nlines = 1};
    int64_t id = 0;
    assert_int_equal(store_idea_create(d, &i, 0, 1000, &id), DB_OK);
    return id;
}

static pthread_barrier_t barrier;

struct grant_job {
    const struct test_engine *e;
    int64_t idea_id;
    int64_t grant_kr;
    enum db_rc rc;
};

static void *grant_thread(void *arg)
{
    struct grant_job *j = arg;
    db *d = connect(j->e);
    arena *a = arena_new();
    struct idea *i = NULL;
    enum db_rc rc = store_idea_get(d, a, j->idea_id, &i);
    if (rc == DB_OK) i->lines[0].granted = j->grant_kr * 100;
    pthread_barrier_wait(&barrier);
    j->rc = rc == DB_OK ? store_idea_decide(d, i, IDEA_APPROVED, "Beviljas.", 0, "Koordinator", 2000) : rc;
    arena_free(a);
    db_close(d);
    return NULL;
}

static void grants_never_exceed_the_budget(const struct test_engine *e)
{
    db *d = connect(e);
    int64_t project, category;
    make_project(d, 1000, &project, &category); /* room for two grants of 400 kr */
    struct grant_job jobs[THREADS];
    pthread_t t[THREADS];
    for (int k = 0; k < THREADS; k++)
        jobs[k] = (struct grant_job){e, make_idea(d, project, category, 400, IDEA_REVIEW), 400, DB_ERR};
    pthread_barrier_init(&barrier, NULL, THREADS);
    for (int k = 0; k < THREADS; k++) pthread_create(&t[k], NULL, grant_thread, &jobs[k]);
    for (int k = 0; k < THREADS; k++) pthread_join(t[k], NULL);
    pthread_barrier_destroy(&barrier);
    int ok = 0, refused = 0;
    for (int k = 0; k < THREADS; k++) {
        if (jobs[k].rc == DB_OK) ok++;
        else if (jobs[k].rc == DB_CONSTRAINT) refused++;
        else fail_msg("%s: decision %d returned %d", e->name, k, jobs[k].rc);
    }
    assert_int_equal(ok, 2);
    assert_int_equal(refused, THREADS - 2);
    arena *a = arena_new();
    struct project *p = NULL;
    assert_int_equal(store_project_by_id(d, a, project, &p), DB_OK);
    assert_int_equal(p->granted_total, 80000);
    int64_t counts[IDEA_STATUS_COUNT];
    assert_int_equal(store_idea_counts(d, project, counts), DB_OK);
    assert_int_equal(counts[IDEA_APPROVED], 2);
    assert_int_equal(counts[IDEA_REVIEW], THREADS - 2); /* the refused stay under review */
    struct ledger_row *rows = NULL;
    size_t n = 0;
    assert_int_equal(store_ledger(d, a, project, &rows, &n), DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].granted, p->granted_total); /* the lines agree with the counter */
    arena_free(a);
    db_close(d);
}

struct claim_job {
    const struct test_engine *e;
    int64_t claim_id;
    enum db_rc rc;
};

static void *claim_thread(void *arg)
{
    struct claim_job *j = arg;
    db *d = connect(j->e);
    pthread_barrier_wait(&barrier);
    j->rc = store_claim_decide(d, j->claim_id, CLAIM_APPROVED, "", 0, 3000);
    db_close(d);
    return NULL;
}

static void approved_claims_never_exceed_the_grant(const struct test_engine *e)
{
    db *d = connect(e);
    arena *a = arena_new();
    int64_t project, category;
    make_project(d, 100000, &project, &category);
    int64_t idea = make_idea(d, project, category, 1000, IDEA_REVIEW);
    struct idea *i = NULL;
    assert_int_equal(store_idea_get(d, a, idea, &i), DB_OK);
    i->lines[0].granted = 100000; /* 1 000 kr */
    assert_int_equal(store_idea_decide(d, i, IDEA_APPROVED, "Ja.", 0, "K", 2000), DB_OK);
    static const unsigned char receipt[] = "%PDF-1.4\n%%EOF\n";
    struct claim_job jobs[THREADS];
    pthread_t t[THREADS];
    for (int k = 0; k < THREADS; k++) {
        struct claim c = {.idea_id = idea, .line_id = i->lines[0].id, .claimant_name = "Test",
                          .description = "Fika", .amount = 30000, .spent_on = "2021-10-01",
                          .receipt_name = "kvitto.pdf", .receipt_type = "application/pdf"};
        jobs[k].e = e;
        jobs[k].rc = DB_ERR;
        assert_int_equal(store_claim_create(d, &c, receipt, sizeof receipt - 1, 2500, &jobs[k].claim_id), DB_OK);
    }
    pthread_barrier_init(&barrier, NULL, THREADS);
    for (int k = 0; k < THREADS; k++) pthread_create(&t[k], NULL, claim_thread, &jobs[k]);
    for (int k = 0; k < THREADS; k++) pthread_join(t[k], NULL);
    pthread_barrier_destroy(&barrier);
    int ok = 0;
    for (int k = 0; k < THREADS; k++) {
        if (jobs[k].rc == DB_OK) ok++;
        else if (getenv("RACE_DEBUG")) fprintf(stderr, "rc %d\n", jobs[k].rc);
        if (jobs[k].rc != DB_OK && jobs[k].rc != DB_CONSTRAINT) fail_msg("%s: approval %d returned %d", e->name, k, jobs[k].rc);
    }
    assert_int_equal(ok, 3); /* 3 × 300 kr fit in 1 000 kr, a fourth does not */
    assert_int_equal(store_idea_get(d, a, idea, &i), DB_OK);
    assert_int_equal(i->lines[0].approved_total, 90000);
    struct claim *cs = NULL;
    size_t n = 0;
    assert_int_equal(store_claims_of_idea(d, a, idea, &cs, &n), DB_OK);
    int approved = 0, waiting = 0;
    for (size_t k = 0; k < n; k++) {
        approved += cs[k].status == CLAIM_APPROVED;
        waiting += cs[k].status == CLAIM_SUBMITTED;
    }
    assert_int_equal(approved, 3);
    assert_int_equal(waiting, THREADS - 3); /* refused approvals leave the claim untouched */
    arena_free(a);
    db_close(d);
}

static void grants(void **state)
{
    (void)state;
    for (int k = 0; k < nengines; k++) grants_never_exceed_the_budget(&engines[k]);
}

static void claims(void **state)
{
    (void)state;
    for (int k = 0; k < nengines; k++) approved_claims_never_exceed_the_grant(&engines[k]);
}

/* ---- ledger_totals (migration 0017): the sums the ledger page shows are
 * kept by triggers; after every kind of write they equal a recount ---- */

static int64_t recount(db *d, int64_t category, const char *col)
{
    const char *q = NULL;
    if (strcmp(col, "asked") == 0)
        q = "SELECT COALESCE(SUM(b.asked), 0) FROM budget_lines b JOIN ideas i ON i.id = b.idea_id "
            "WHERE b.category_id = ? AND i.status <> 'utkast'";
    else if (strcmp(col, "granted") == 0)
        q = "SELECT COALESCE(SUM(b.granted), 0) FROM budget_lines b WHERE b.category_id = ?";
    else if (strcmp(col, "claimed") == 0)
        q = "SELECT COALESCE(SUM(c.amount), 0) FROM claims c JOIN budget_lines b ON b.id = c.line_id "
            "WHERE b.category_id = ? AND c.status <> 'avslagen'";
    else if (strcmp(col, "approved") == 0)
        q = "SELECT COALESCE(SUM(c.amount), 0) FROM claims c JOIN budget_lines b ON b.id = c.line_id "
            "WHERE b.category_id = ? AND c.status IN ('godkand', 'utbetald')";
    else
        q = "SELECT COALESCE(SUM(c.amount), 0) FROM claims c JOIN budget_lines b ON b.id = c.line_id "
            "WHERE b.category_id = ? AND c.status = 'utbetald'";
    db_stmt *st = db_prepare(d, q);
    db_bind_int(st, 1, category);
    int64_t v = -1;
    assert_int_equal(db_one_int(st, &v), DB_OK);
    return v;
}

/* the ledger row of the project's only category equals a recount; returns it */
static struct ledger_row ledger_checked(db *d, const struct test_engine *e, int64_t project, const char *step)
{
    arena *a = arena_new();
    struct ledger_row *rows = NULL;
    size_t n = 0;
    assert_int_equal(store_ledger(d, a, project, &rows, &n), DB_OK);
    assert_int_equal(n, 1);
    struct ledger_row r = rows[0];
    r.category = NULL;
    const struct { const char *col; int64_t got; } cols[] = {
        {"asked", r.asked}, {"granted", r.granted}, {"claimed", r.claimed},
        {"approved", r.approved}, {"paid", r.paid}};
    for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
        int64_t want = recount(d, r.category_id, cols[k].col);
        if (cols[k].got != want)
            fail_msg("%s, after %s: ledger %s is %lld, a recount says %lld", e->name, step, cols[k].col,
                     (long long)cols[k].got, (long long)want);
    }
    arena_free(a);
    return r;
}

static void ledger_totals_follow_every_write(const struct test_engine *e)
{
    db *d = connect(e);
    arena *a = arena_new();
    int64_t project, category;
    make_project(d, 100000, &project, &category);
    struct ledger_row r = ledger_checked(d, e, project, "a new project");
    assert_int_equal(r.asked, 0);

    int64_t draft = make_idea(d, project, category, 500, IDEA_DRAFT);
    r = ledger_checked(d, e, project, "a draft");
    assert_int_equal(r.asked, 0); /* a draft asks for nothing yet */
    assert_int_equal(store_idea_transition(d, draft, IDEA_DRAFT, IDEA_SUBMITTED, 0, "T", "", 1100), DB_OK);
    r = ledger_checked(d, e, project, "submitting it");
    assert_int_equal(r.asked, 50000);

    int64_t idea = make_idea(d, project, category, 1000, IDEA_REVIEW);
    struct idea *i = NULL;
    assert_int_equal(store_idea_get(d, a, idea, &i), DB_OK);
    i->lines[0].granted = 80000;
    assert_int_equal(store_idea_decide(d, i, IDEA_APPROVED, "Ja.", 0, "K", 2000), DB_OK);
    r = ledger_checked(d, e, project, "a grant");
    assert_int_equal(r.asked, 150000);
    assert_int_equal(r.granted, 80000);

    static const unsigned char receipt[] = "%PDF-1.4\n%%EOF\n";
    int64_t ids[4];
    for (int k = 0; k < 4; k++) {
        struct claim c = {.idea_id = idea, .line_id = i->lines[0].id, .claimant_name = "Test",
                          .description = "Fika", .amount = 10000 * (k + 1), .spent_on = "2021-10-01",
                          .receipt_name = "kvitto.pdf", .receipt_type = "application/pdf"};
        assert_int_equal(store_claim_create(d, &c, receipt, sizeof receipt - 1, 2500, &ids[k]), DB_OK);
    }
    r = ledger_checked(d, e, project, "four claims");
    assert_int_equal(r.claimed, 100000);
    assert_int_equal(r.approved, 0);
    assert_int_equal(store_claim_decide(d, ids[0], CLAIM_APPROVED, "", 0, 3000), DB_OK);
    assert_int_equal(store_claim_decide(d, ids[1], CLAIM_APPROVED, "", 0, 3000), DB_OK);
    assert_int_equal(store_claim_decide(d, ids[2], CLAIM_REJECTED, "Nej.", 0, 3000), DB_OK);
    assert_int_equal(store_claim_decide(d, ids[1], CLAIM_PAID, "", 0, 3100), DB_OK);
    r = ledger_checked(d, e, project, "approving, rejecting and paying");
    assert_int_equal(r.claimed, 70000);  /* 100 + 200 + 400 kr; the rejected 300 kr not */
    assert_int_equal(r.approved, 30000);
    assert_int_equal(r.paid, 20000);

    /* by hand: a line with its claims deleted (cascade), then a whole idea */
    assert_int_equal(db_exec(d, arena_printf(a, "DELETE FROM budget_lines WHERE id = %lld", (long long)i->lines[0].id)),
                     DB_OK);
    r = ledger_checked(d, e, project, "deleting a line with claims");
    assert_int_equal(r.asked, 50000);
    assert_int_equal(r.granted, 0);
    assert_int_equal(r.claimed, 0);
    assert_int_equal(r.paid, 0);
    assert_int_equal(store_idea_transition(d, draft, IDEA_SUBMITTED, IDEA_DRAFT, 0, "T", "", 3200), DB_OK);
    r = ledger_checked(d, e, project, "back to draft");
    assert_int_equal(r.asked, 0);
    assert_int_equal(store_idea_transition(d, draft, IDEA_DRAFT, IDEA_SUBMITTED, 0, "T", "", 3300), DB_OK);
    char *q = arena_printf(a, "DELETE FROM ideas WHERE id = %lld", (long long)draft);
    assert_int_equal(db_exec(d, q), DB_OK);
    r = ledger_checked(d, e, project, "deleting a submitted idea");
    assert_int_equal(r.asked, 0);
    assert_int_equal(r.granted, 0);
    assert_int_equal(r.claimed, 0);
    arena_free(a);
    db_close(d);
}

static void ledger(void **state)
{
    (void)state;
    for (int k = 0; k < nengines; k++) ledger_totals_follow_every_write(&engines[k]);
}

static int setup(void **state)
{
    (void)state;
    log_set_quiet(1);
    if (test_engine_create(&engines[nengines++], false, "race") != 0) return -1;
    const char *pg = getenv("SAMSKAP_TEST_PG_URL");
    if (pg && *pg && test_engine_create(&engines[nengines++], true, "race") != 0) return -1;
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
    const struct CMUnitTest tests[] = {cmocka_unit_test(grants), cmocka_unit_test(claims),
                                       cmocka_unit_test(ledger)};
    return cmocka_run_group_tests_name("money under concurrency", tests, setup, teardown);
}
