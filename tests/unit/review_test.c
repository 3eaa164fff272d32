/* Issue 12: the review rules (domain/review.c) and their storage
 * (store/reviews.c) on SQLite and, when SAMSKAP_TEST_PG_URL is set,
 * PostgreSQL: versions kept, comments carried to a new version only where
 * their passage still stands, one verdict per reviewer per version, the
 * latest version alone judged, and a post approved only in the text a
 * reviewer approved. */
#include "testutil.h"

#include "domain/review.h"
#include "store/store.h"
#include "util/log.h"

/* ------------------------------------------------------------------ */
/* the domain                                                          */

static void names(void **state)
{
    (void)state;
    for (int k = 0; k < RK_COUNT; k++)
        assert_int_equal(review_kind_from_name(review_kind_name((enum review_kind)k)), k);
    for (int v = 0; v < RV_COUNT; v++)
        assert_int_equal(review_verdict_from_name(review_verdict_name((enum review_verdict)v)), v);
    assert_int_equal(review_kind_from_name("Inlagg"), -1);
    assert_int_equal(review_kind_from_name(NULL), -1);
    assert_int_equal(review_verdict_from_name("godkänd"), -1);
    assert_str(review_verdict_name(RV_SKRIV_OM), "skriv_om");
}

static void who_judges(void **state)
{
    (void)state;
    assert_null(review_may_judge(1, 2, 3, 3));
    assert_str(review_may_judge(1, 1, 3, 3), "klarsprak.err.own_text");
    assert_str(review_may_judge(1, 2, 2, 3), "klarsprak.err.not_latest");
    /* own text is said first: it holds for every version */
    assert_str(review_may_judge(7, 7, 1, 3), "klarsprak.err.own_text");
}

static void deadlines(void **state)
{
    (void)state;
    assert_null(review_check_deadline("2026-12-07", "2026-12-07"));
    assert_null(review_check_deadline("2027-01-15", "2026-12-07"));
    assert_null(review_check_deadline("2028-02-29", "2027-12-01"));
    assert_str(review_check_deadline("2027-02-29", "2026-12-07"), "klarsprak.err.deadline_format");
    assert_str(review_check_deadline("7 december", "2026-12-07"), "klarsprak.err.deadline_format");
    assert_str(review_check_deadline("", "2026-12-07"), "klarsprak.err.deadline_format");
    assert_str(review_check_deadline("2026-12-06", "2026-12-07"), "klarsprak.err.deadline_past");
    assert_str(review_check_deadline("2028-12-07", "2026-12-07"), "klarsprak.err.deadline_far");
}

static void paragraphs(void **state)
{
    arena *a = *state;
    const char *t = "  Första stycket\nsom fortsätter.  \n\n\n \nAndra.\n\n- en\n- lista\n";
    size_t n;
    struct review_par *p = review_paragraphs(a, t, &n);
    assert_int_equal(n, 3);
    assert_str(arena_strndup(a, t + p[0].off, p[0].len), "Första stycket\nsom fortsätter.");
    assert_str(arena_strndup(a, t + p[1].off, p[1].len), "Andra.");
    assert_str(arena_strndup(a, t + p[2].off, p[2].len), "- en\n- lista");
    review_paragraphs(a, "", &n);
    assert_int_equal(n, 0);
    review_paragraphs(a, "\n\n  \n", &n);
    assert_int_equal(n, 0);
    assert_true(review_quote_in(a, t, 1, "stycket\nsom"));
    /* white space is white space: a line break or two spaces match one space */
    assert_true(review_quote_in(a, t, 1, "stycket som"));
    assert_true(review_quote_in(a, t, 1, "stycket   som fortsätter."));
    assert_false(review_quote_in(a, t, 1, "stycketsom"));
    assert_false(review_quote_in(a, t, 1, "   "));
    assert_false(review_quote_in(a, t, 2, "stycket"));
    assert_false(review_quote_in(a, t, 4, "x"));
}

static void carrying(void **state)
{
    arena *a = *state;
    const char *v1 = "Angående ansökan.\n\nDu ska erhålla svar.\n\nHälsningar";
    /* a paragraph put in before: the quote moves with its paragraph */
    const char *v2 = "Hej!\n\nAngående ansökan.\n\nDu ska få svar.\n\nHälsningar";
    assert_int_equal(review_carry(a, v1, v2, 1, "Angående"), 2);
    /* the quoted passage was rewritten: the comment stays behind */
    assert_int_equal(review_carry(a, v1, v2, 2, "erhålla"), 0);
    /* no quote: the whole paragraph must still stand, anywhere */
    assert_int_equal(review_carry(a, v1, v2, 3, ""), 4);
    assert_int_equal(review_carry(a, v1, v2, 2, ""), 0);
    /* a paragraph that never was */
    assert_int_equal(review_carry(a, v1, v2, 9, ""), 0);
    assert_int_equal(review_carry(a, v1, v2, 0, "x"), 0);
    /* the same number is preferred when several paragraphs hold the quote */
    assert_int_equal(review_carry(a, "a x\n\nb x", "c x\n\nd x", 2, "x"), 2);
}

/* ------------------------------------------------------------------ */
/* the store                                                           */

struct engine {
    struct test_engine t;
    db *d;
    arena *a;
    int64_t author, rev1, rev2;
};

static int64_t user(db *d, const char *email, const char *name)
{
    struct user_new u = {.email = email, .name = name, .password_hash = "x", .now = 1};
    int64_t id = 0;
    assert_rc(store_user_create(d, &u, &id), DB_OK);
    return id;
}

static int engine_up(struct engine *e, bool pg, void **state)
{
    *state = e;
    if (test_engine_create(&e->t, pg, "review") != 0) return -1;
    e->d = test_engine_open(&e->t);
    if (!e->d) return -1;
    e->author = user(e->d, "forfattare@example.org", "Kim Kommunikatör");
    e->rev1 = user(e->d, "r1@example.org", "Sara");
    e->rev2 = user(e->d, "r2@example.org", "Omar");
    return 0;
}

static struct engine sq, pq;
static int setup_sqlite(void **state) { return engine_up(&sq, false, state); }
static int setup_pg(void **state) { return engine_up(&pq, true, state); }
static int teardown(void **state)
{
    struct engine *e = *state;
    db_close(e->d);
    test_engine_destroy(&e->t);
    return 0;
}
static int arena_up(void **state)
{
    struct engine *e = *state;
    e->a = arena_new();
    return 0;
}
static int arena_down(void **state)
{
    struct engine *e = *state;
    arena_free(e->a);
    return 0;
}

static int64_t make_review(struct engine *e, const char *body, int64_t post_id)
{
    struct review rv = {.author_id = e->author, .author_name = "Kim", .kind = "brevmall",
                        .title = "Brev om beslut", .question = "Är det begripligt?",
                        .deadline = "2026-12-20", .post_id = post_id};
    int64_t id = 0;
    assert_rc(store_review_create(e->d, &rv, body, 100, &id), DB_OK);
    return id;
}

static void versions_comments_and_carrying(void **state)
{
    struct engine *e = *state;
    const char *v1 = "Angående ansökan.\n\nDu ska erhålla svar.\n\nHälsningar";
    int64_t id = make_review(e, v1, 0);
    struct review *rv;
    assert_rc(store_review_get(e->d, e->a, id, &rv), DB_OK);
    assert_int_equal(rv->latest_version, 1);
    assert_str(rv->kind, "brevmall");
    assert_str(rv->deadline, "2026-12-20");
    assert_int_equal(rv->approved_at, 0);

    int64_t c1, c2, c3;
    assert_rc(store_review_comment_add(e->d, id, 1, 1, "Angående", "Skriv om.", e->rev1, "Sara", 110, &c1), DB_OK);
    assert_rc(store_review_comment_add(e->d, id, 1, 2, "erhålla", "Skriv få.", e->rev2, "Omar", 111, &c2), DB_OK);
    assert_rc(store_review_comment_add(e->d, id, 1, 3, "", "Vem hälsar?", e->rev1, "Sara", 112, &c3), DB_OK);
    /* a comment on a version that is not the latest */
    int64_t cx;
    assert_rc(store_review_comment_add(e->d, id, 2, 1, "", "x", e->rev1, "Sara", 113, &cx), DB_CONFLICT);
    assert_rc(store_review_comment_answer(e->d, id, c2, "Ändrat.", 120), DB_OK);
    assert_rc(store_review_comment_answer(e->d, id + 999, c2, "Fel", 120), DB_NOTFOUND);

    /* the author revises from version 1; a second revision from 1 is stale */
    const char *v2 = "Hej!\n\nAngående ansökan.\n\nDu ska få svar.\n\nHälsningar";
    int64_t num = 0;
    assert_rc(store_review_revise(e->d, e->a, id, 1, v2, "Ny hälsning", e->author, 130, &num), DB_OK);
    assert_int_equal(num, 2);
    assert_rc(store_review_revise(e->d, e->a, id, 1, "x", "", e->author, 131, &num), DB_CONFLICT);
    struct review_version *vs;
    size_t nv;
    assert_rc(store_review_versions(e->d, e->a, id, &vs, &nv), DB_OK);
    assert_int_equal(nv, 2);
    assert_str(vs[0].body, v1);
    assert_str(vs[1].body, v2);
    assert_str(vs[1].note, "Ny hälsning");

    struct review_comment *cs;
    size_t nc;
    assert_rc(store_review_comments(e->d, e->a, id, 2, &cs, &nc), DB_OK);
    assert_int_equal(nc, 3);
    assert_int_equal(cs[0].place, 2);   /* "Angående" now in paragraph 2 */
    assert_int_equal(cs[1].place, 0);   /* "erhålla" is gone */
    assert_str(cs[1].answer, "Ändrat.");
    assert_int_equal(cs[2].place, 4);   /* "Hälsningar" unchanged, now 4th */
    assert_rc(store_review_comments(e->d, e->a, id, 1, &cs, &nc), DB_OK);
    assert_int_equal(cs[1].place, 2);   /* in version 1 it stays where written */
}

static void verdicts_and_posts(void **state)
{
    struct engine *e = *state;
    struct post p = {.slug = "granskad-nyhet", .title = "Nyhet", .summary = "", .body_md = "Text ett.",
                     .body_html = "<p>Text ett.</p>", .author_id = e->author, .author_name = "Kim",
                     .status = POST_DRAFT};
    int64_t post = 0;
    assert_rc(store_post_create(e->d, &p, 100, &post), DB_OK);
    assert_rc(store_post_set_requires_review(e->d, post, true), DB_OK);
    bool req = false;
    int64_t at = -1;
    assert_rc(store_post_review_flags(e->d, post, &req, &at), DB_OK);
    assert_true(req);
    assert_int_equal(at, 0);

    int64_t id = make_review(e, "Text ett.", post);
    int64_t found = 0;
    assert_rc(store_post_review_id(e->d, post, &found), DB_OK);
    assert_int_equal(found, id);
    /* two reviewers judge version 1 */
    assert_rc(store_review_verdict(e->d, id, 1, e->rev1, "Sara", "skriv_om", "För svårt", 200), DB_OK);
    assert_rc(store_review_verdict(e->d, id, 1, e->rev2, "Omar", "godkand_med_andringar", "", 201), DB_OK);
    assert_rc(store_post_approval(e->d, post, "Text ett.", &at), DB_OK);
    assert_int_equal(at, 0);  /* no 'godkand' yet */
    int64_t num;
    assert_rc(store_review_revise(e->d, e->a, id, 1, "Text två.", "", e->author, 210, &num), DB_OK);
    /* judging version 1 now is refused and writes nothing */
    assert_rc(store_review_verdict(e->d, id, 1, e->rev1, "Sara", "godkand", "", 220), DB_CONFLICT);
    assert_rc(store_post_approval(e->d, post, "Text ett.", &at), DB_OK);
    assert_int_equal(at, 0);
    /* a reviewer changes their mind on version 2: one row, the last verdict */
    assert_rc(store_review_verdict(e->d, id, 2, e->rev1, "Sara", "skriv_om", "", 230), DB_OK);
    assert_rc(store_review_verdict(e->d, id, 2, e->rev1, "Sara", "godkand", "Bra!", 231), DB_OK);
    struct review_verdict_row *vl;
    size_t n;
    assert_rc(store_review_verdicts(e->d, e->a, id, &vl, &n), DB_OK);
    assert_int_equal(n, 3);
    assert_str(vl[0].verdict, "godkand");
    assert_int_equal(vl[0].version, 2);
    assert_str(vl[0].note, "Bra!");
    /* the approved text is "Text två."; the old text and an edited one are not */
    assert_rc(store_post_approval(e->d, post, "Text två.", &at), DB_OK);
    assert_int_equal(at, 231);
    assert_rc(store_post_approval(e->d, post, "Text två. Och mer.", &at), DB_OK);
    assert_int_equal(at, 0);
    struct review *rv;
    assert_rc(store_review_get(e->d, e->a, id, &rv), DB_OK);
    assert_int_equal(rv->approved_at, 231);
    assert_int_equal(rv->verdicts_latest, 1);
    struct review *list;
    assert_rc(store_reviews_approved(e->d, e->a, 10, &list, &n), DB_OK);
    assert_true(n >= 1);
    assert_int_equal(list[0].id, id);
    assert_rc(store_post_set_reviewed(e->d, post, 231), DB_OK);
    assert_rc(store_post_review_flags(e->d, post, &req, &at), DB_OK);
    assert_int_equal(at, 231);
    /* an unknown verdict name is refused by the schema */
    assert_rc(store_review_verdict(e->d, id, 2, e->rev2, "Omar", "kanske", "", 240), DB_CONSTRAINT);
}

#define S(f) cmocka_unit_test_setup_teardown(f, arena_up, arena_down)

int main(void)
{
    log_set_quiet(1);
    const struct CMUnitTest domain[] = {
        cmocka_unit_test(names),
        cmocka_unit_test(who_judges),
        cmocka_unit_test(deadlines),
        arena_test(paragraphs),
        arena_test(carrying),
    };
    const struct CMUnitTest store[] = {
        S(versions_comments_and_carrying),
        S(verdicts_and_posts),
    };
    int failed = cmocka_run_group_tests_name("review rules", domain, NULL, NULL);
    failed += cmocka_run_group_tests_name("reviews/sqlite", store, setup_sqlite, teardown);
    const char *pg = getenv("SAMSKAP_TEST_PG_URL");
    if (pg && *pg)
        failed += cmocka_run_group_tests_name("reviews/postgresql", store, setup_pg, teardown);
    else
        printf("reviews/postgresql: skipped (SAMSKAP_TEST_PG_URL is not set)\n");
    return failed;
}
