/* Recurrence, Stockholm local time and offer windows (domain/event.c). */
#include "testutil.h"

#include "domain/event.h"

static void test_weekly_thursdays_across_dst(void **state)
{
    arena *a = *state;
    /* the pratcafé: every Thursday 12.00 from 5 March 2026 to 30 April */
    struct recurrence rc = {REC_WEEKLY, 1, 1u << 3, 0, "2026-04-30", 0};
    const char **days;
    size_t n;
    assert_null(recurrence_expand(a, &rc, "2026-03-05", &days, &n));
    assert_int_equal(n, 9);
    assert_str(days[0], "2026-03-05");
    assert_str(days[3], "2026-03-26");
    assert_str(days[4], "2026-04-02");
    assert_str(days[8], "2026-04-30");
    /* 12.00 local is 11.00 UTC in March (before the 29th) and 10.00 UTC in April */
    assert_int_equal(stockholm_to_unix(2026, 3, 26, 12, 0), 1774522800);
    assert_int_equal(stockholm_to_unix(2026, 4, 2, 12, 0), 1775124000);
    int y, m, d, h, mi;
    unix_to_stockholm(1775124000, &y, &m, &d, &h, &mi);
    assert_int_equal(h, 12);
    assert_int_equal(d, 2);
    unix_to_stockholm(1774522800, &y, &m, &d, &h, &mi);
    assert_int_equal(h, 12);
    /* the nights of the change: 29 March 2026 and 25 October 2026 */
    assert_int_equal(stockholm_to_unix(2026, 3, 29, 1, 59), 1774745940);     /* 00:59 UTC */
    assert_int_equal(stockholm_to_unix(2026, 3, 29, 3, 0), 1774746000);      /* 01:00 UTC */
    assert_int_equal(stockholm_to_unix(2026, 10, 25, 3, 0), 1792893600);     /* 02:00 UTC */
    assert_int_equal(ymd_weekday(2026, 3, 5), 3);
}

static void test_every_two_weeks_count(void **state)
{
    arena *a = *state;
    /* Mondays and Wednesdays every other week, six times */
    struct recurrence rc = {REC_WEEKLY, 2, 1u | 4u, 0, "", 6};
    const char **days;
    size_t n;
    assert_null(recurrence_expand(a, &rc, "2026-03-04", &days, &n));
    assert_int_equal(n, 6);
    const char *want[] = {"2026-03-04", "2026-03-16", "2026-03-18", "2026-03-30", "2026-04-01", "2026-04-13"};
    for (size_t i = 0; i < n; i++) assert_str(days[i], want[i]);
    assert_str(recurrence_rrule(a, &rc), "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=6");
}

static void test_first_friday_monthly(void **state)
{
    arena *a = *state;
    struct recurrence rc = {REC_MONTHLY, 1, 1u << 4, 1, "2026-12-31", 0};
    const char **days;
    size_t n;
    assert_null(recurrence_expand(a, &rc, "2026-01-10", &days, &n));
    assert_int_equal(n, 11); /* January's first Friday (2nd) is before the start */
    assert_str(days[0], "2026-02-06");
    assert_str(days[1], "2026-03-06");
    assert_str(days[10], "2026-12-04");
    assert_str(recurrence_rrule(a, &rc), "FREQ=MONTHLY;INTERVAL=1;BYDAY=1FR;UNTIL=20261231T225959Z");
    struct recurrence last = {REC_MONTHLY, 1, 1u << 4, -1, "", 3};
    assert_null(recurrence_expand(a, &last, "2026-01-01", &days, &n));
    assert_int_equal(n, 3);
    assert_str(days[0], "2026-01-30");
    assert_str(days[1], "2026-02-27");
    assert_str(days[2], "2026-03-27");
}

static void test_bad_rules(void **state)
{
    arena *a = *state;
    const char **days;
    size_t n;
    struct recurrence before = {REC_WEEKLY, 1, 1u << 3, 0, "2026-02-01", 0};
    assert_str(recurrence_expand(a, &before, "2026-03-05", &days, &n), "event.err.rule_ends_before_start");
    struct recurrence forever = {REC_WEEKLY, 1, 0x7f, 0, "2099-12-31", 0};
    assert_str(recurrence_expand(a, &forever, "2026-03-05", &days, &n), "event.err.rule_too_many");
    struct recurrence many = {REC_WEEKLY, 1, 1, 0, "", 501};
    assert_str(recurrence_expand(a, &many, "2026-03-05", &days, &n), "event.err.rule_too_many");
    struct recurrence noend = {REC_WEEKLY, 1, 1, 0, "", 0};
    assert_str(recurrence_expand(a, &noend, "2026-03-05", &days, &n), "event.err.rule_no_end");
    struct recurrence twodays = {REC_MONTHLY, 1, 3, 1, "", 3};
    assert_str(recurrence_expand(a, &twodays, "2026-03-05", &days, &n), "event.err.rule_nth");
    struct recurrence zero = {REC_WEEKLY, 0, 1, 0, "", 3};
    assert_str(recurrence_expand(a, &zero, "2026-03-05", &days, &n), "event.err.rule_interval");
    assert_str(recurrence_expand(a, &zero, "2026-02-30", &days, &n), "event.err.date");
    /* exactly 500 is allowed */
    struct recurrence max = {REC_WEEKLY, 1, 0x7f, 0, "", 500};
    assert_null(recurrence_expand(a, &max, "2026-03-05", &days, &n));
    assert_int_equal(n, 500);
}

static void test_offer_window(void **state)
{
    (void)state;
    int64_t now = 1000000;
    assert_int_equal(offer_window(48, now, now + 30 * 86400), 48 * 3600);
    assert_int_equal(offer_window(48, now, now + 24 * 3600), 12 * 3600); /* shrinks near the event */
    assert_int_equal(offer_window(48, now, now + 1800), 0);
    assert_null(registration_refusal(EV_OPEN, true, false, now, now + 10));
    assert_null(registration_refusal(EV_FULL, true, false, now, now + 10));
    assert_str(registration_refusal(EV_OPEN, true, false, now, now), "event.err.past");
    assert_str(registration_refusal(EV_CANCELLED, true, false, now, now + 10), "event.err.cancelled");
    assert_str(registration_refusal(EV_OPEN, true, true, now, now + 10), "event.err.cancelled");
    assert_str(registration_refusal(EV_OPEN, false, false, now, now + 10), "event.err.not_open");
    assert_str(capacity_change_refusal(10, 0, 12), "event.err.capacity_below");
    assert_str(capacity_change_refusal(-1, 0, 0), "event.err.capacity");
    assert_str(capacity_change_refusal(1000000, 0, 0), "event.err.capacity");
    assert_null(capacity_change_refusal(12, 2, 10));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        arena_test(test_weekly_thursdays_across_dst),
        arena_test(test_every_two_weeks_count),
        arena_test(test_first_friday_monthly),
        arena_test(test_bad_rules),
        cmocka_unit_test(test_offer_window),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
