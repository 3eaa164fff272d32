/* domain/claim.c: what is left to claim on a budget line, and whether a new
 * claim fits it. */
#include "testutil.h"
#include "domain/claim.h"

static const struct budget_line LINE = {.id = 7, .granted = 100000, .approved_total = 30000};

static void left_without_claims(void **state)
{
    (void)state;
    assert_int_equal(claim_line_left(&LINE, NULL, 0), 70000);
    const struct budget_line none = {.id = 1};
    assert_int_equal(claim_line_left(&none, NULL, 0), 0);
}

static void waiting_claims_count_others_not(void **state)
{
    (void)state;
    const struct claim cs[] = {
        {.line_id = 7, .status = CLAIM_SUBMITTED, .amount = 10000},  /* waiting: counts */
        {.line_id = 7, .status = CLAIM_SUBMITTED, .amount = 5000},   /* waiting: counts */
        {.line_id = 7, .status = CLAIM_APPROVED, .amount = 30000},   /* in approved_total already */
        {.line_id = 7, .status = CLAIM_PAID, .amount = 1000},        /* likewise */
        {.line_id = 7, .status = CLAIM_REJECTED, .amount = 90000},   /* gives nothing back or takes */
        {.line_id = 8, .status = CLAIM_SUBMITTED, .amount = 99999},  /* another line */
    };
    assert_int_equal(claim_line_left(&LINE, cs, 6), 55000);
}

static void taken_beyond_the_grant_is_negative(void **state)
{
    (void)state;
    const struct budget_line lowered = {.id = 7, .granted = 20000, .approved_total = 30000};
    assert_int_equal(claim_line_left(&lowered, NULL, 0), -10000);
    assert_false(claim_fits_line(&lowered, NULL, 0, 1));
}

static void fits(void **state)
{
    (void)state;
    const struct claim cs[] = {{.line_id = 7, .status = CLAIM_SUBMITTED, .amount = 20000}};
    assert_true(claim_fits_line(&LINE, cs, 1, 1));
    assert_true(claim_fits_line(&LINE, cs, 1, 50000));      /* exactly what is left */
    assert_false(claim_fits_line(&LINE, cs, 1, 50001));     /* one öre over */
    assert_false(claim_fits_line(&LINE, cs, 1, 0));
    assert_false(claim_fits_line(&LINE, cs, 1, -100));
    assert_true(claim_fits_line(&LINE, NULL, 0, 70000));    /* without the waiting claim */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(left_without_claims),
        cmocka_unit_test(waiting_claims_count_others_not),
        cmocka_unit_test(taken_beyond_the_grant_is_negative),
        cmocka_unit_test(fits),
    };
    return cmocka_run_group_tests_name("claim", tests, NULL, NULL);
}
