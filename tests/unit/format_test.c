/* view/format.c: Swedish dates, times and money (Europe/Stockholm). */
#include <stdio.h>
#include <time.h>

#include "testutil.h"
#include "view/format.h"

#define NBSP "\xc2\xa0"
#define MINUS "\xe2\x88\x92"
#define NDASH "\xe2\x80\x93"

/* 2022-02-21 13:30 CET */
#define FEB21 ((int64_t)1645446600)
/* 2022-06-15 12:00 CEST */
#define JUN15 ((int64_t)1655287200)

static int group_setup(void **state)
{
    (void)state;
    setenv("TZ", "Europe/Stockholm", 1);
    tzset();
    return i18n_load() ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    i18n_free();
    return 0;
}

static void dates(void **state)
{
    arena *a = *state;
    assert_str(fmt_date(a, LANG_SV, FEB21), "21 februari 2022");
    assert_str(fmt_date(a, LANG_EN, FEB21), "21 February 2022");
    assert_str(fmt_date(a, LANG_SV, JUN15), "15 juni 2022");
    assert_str(fmt_datetime(a, LANG_SV, FEB21), "21 februari 2022 kl. 13.30");
    assert_str(fmt_datetime(a, LANG_SV, JUN15), "15 juni 2022 kl. 12.00");
    assert_str(fmt_date_iso(a, FEB21), "2022-02-21");
    /* local, not UTC: 00:30 on the 22nd is 23:30 UTC on the 21st */
    assert_str(fmt_date_iso(a, 1645486200), "2022-02-22");
    assert_str(fmt_date(a, LANG_SV, 1645486200), "22 februari 2022");
    assert_str(fmt_rfc3339(a, FEB21), "2022-02-21T13:30:00+01:00");
    assert_str(fmt_rfc3339(a, JUN15), "2022-06-15T12:00:00+02:00");
    assert_str(fmt_ymd(a, LANG_SV, "2022-02-21"), "21 februari 2022");
    assert_str(fmt_ymd(a, LANG_SV, "2024-12-01"), "1 december 2024");
    assert_str(fmt_ymd(a, LANG_EN, "2023-01-09"), "9 January 2023");
    assert_null(fmt_ymd(a, LANG_SV, "2022-02-30"));
    assert_null(fmt_ymd(a, LANG_SV, "21 februari"));
    assert_null(fmt_ymd(a, LANG_SV, NULL));
    const char *months[] = {"januari", "februari", "mars",      "april",   "maj",      "juni",
                            "juli",    "augusti",  "september", "oktober", "november", "december"};
    for (int m = 1; m <= 12; m++) {
        char ymd[32];
        snprintf(ymd, sizeof ymd, "2022-%02d-10", m);
        char want[40];
        snprintf(want, sizeof want, "10 %s 2022", months[m - 1]);
        assert_str(fmt_ymd(a, LANG_SV, ymd), want);
    }
}

static void times(void **state)
{
    arena *a = *state;
    assert_str(fmt_hm(a, "13:30"), "13.30");
    assert_str(fmt_hm(a, "09.05"), "09.05");
    assert_str(fmt_hm_range(a, "13:30", "15:30"), "13.30" NDASH "15.30");
    assert_str(fmt_hm_range(a, "12:00", "19:00"), "12.00" NDASH "19.00");
}

static void money(void **state)
{
    arena *a = *state;
    assert_str(fmt_money(a, 125000), "1" NBSP "250" NBSP "kr");
    assert_str(fmt_money(a, 125050), "1" NBSP "250,50" NBSP "kr");
    assert_str(fmt_money(a, 125005), "1" NBSP "250,05" NBSP "kr");
    assert_str(fmt_money(a, 0), "0" NBSP "kr");
    assert_str(fmt_money(a, 5), "0,05" NBSP "kr");
    assert_str(fmt_money(a, 99900), "999" NBSP "kr");
    assert_str(fmt_money(a, 100000), "1" NBSP "000" NBSP "kr");
    assert_str(fmt_money(a, -30000), MINUS "300" NBSP "kr");
    assert_str(fmt_money(a, -50), MINUS "0,50" NBSP "kr");
    assert_str(fmt_money(a, -125050), MINUS "1" NBSP "250,50" NBSP "kr");
    assert_str(fmt_money(a, 100000000000), "1" NBSP "000" NBSP "000" NBSP "000" NBSP "kr");
    assert_str(fmt_money(a, INT64_MIN),
               MINUS "92" NBSP "233" NBSP "720" NBSP "368" NBSP "547" NBSP "758,08" NBSP "kr");
    assert_str(fmt_money(a, INT64_MAX),
               "92" NBSP "233" NBSP "720" NBSP "368" NBSP "547" NBSP "758,07" NBSP "kr");
    assert_str(fmt_int(a, 1234567), "1" NBSP "234" NBSP "567");
    assert_str(fmt_int(a, 999), "999");
    assert_str(fmt_int(a, 0), "0");
    assert_str(fmt_int(a, -1000), MINUS "1" NBSP "000");
    assert_str(fmt_int(a, INT64_MIN),
               MINUS "9" NBSP "223" NBSP "372" NBSP "036" NBSP "854" NBSP "775" NBSP "808");
}

static void parsing_dates(void **state)
{
    (void)state;
    int y = 0, m = 0, d = 0;
    assert_true(parse_ymd("2022-02-21", &y, &m, &d));
    assert_int_equal(y, 2022);
    assert_int_equal(m, 2);
    assert_int_equal(d, 21);
    assert_true(parse_ymd("2024-02-29", &y, &m, &d));
    assert_true(parse_ymd("2000-02-29", &y, &m, &d));
    assert_false(parse_ymd("2023-02-29", &y, &m, &d));
    assert_false(parse_ymd("1900-02-29", &y, &m, &d));
    assert_false(parse_ymd("2100-02-29", &y, &m, &d));
    assert_true(parse_ymd("2022-12-31", &y, &m, &d));
    assert_false(parse_ymd("2022-04-31", &y, &m, &d));
    assert_false(parse_ymd("2022-13-01", &y, &m, &d));
    assert_false(parse_ymd("2022-00-10", &y, &m, &d));
    assert_false(parse_ymd("2022-01-00", &y, &m, &d));
    assert_false(parse_ymd("2022-01-32", &y, &m, &d));
    const char *junk[] = {"", "2022-2-21", "2022-02-1", "2022/02/21", "2022-02-21x", " 2022-02-21",
                          "abcd-ef-gh", "20220221", "2022-02-2a", "+022-02-21", "0000-01-01"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
        if (parse_ymd(junk[i], &y, &m, &d)) fail_msg("parse_ymd accepted \"%s\"", junk[i]);
    assert_false(parse_ymd(NULL, &y, &m, &d));
}

static void parsing_times(void **state)
{
    (void)state;
    int h = -1, m = -1;
    assert_true(parse_hm("13:30", &h, &m));
    assert_int_equal(h, 13);
    assert_int_equal(m, 30);
    assert_true(parse_hm("09.05", &h, &m));
    assert_int_equal(h, 9);
    assert_int_equal(m, 5);
    assert_true(parse_hm("00:00", &h, &m));
    assert_true(parse_hm("23:59", &h, &m));
    const char *junk[] = {"24:00", "12:60", "1:30", "12:3", "12:3a", "12-30", "1230", "", "ab:cd",
                          "12:300", " 12:30"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
        if (parse_hm(junk[i], &h, &m)) fail_msg("parse_hm accepted \"%s\"", junk[i]);
    assert_false(parse_hm(NULL, &h, &m));
}

static void local_times(void **state)
{
    arena *a = *state;
    assert_int_equal(local_time(2022, 2, 21, 13, 30), FEB21);
    assert_int_equal(local_time(2022, 6, 15, 12, 0), JUN15);
    assert_int_equal(local_time(2022, 2, 21, 0, 0), FEB21 - 13 * 3600 - 30 * 60);
    /* spring forward: 27 March 2022 has 23 hours, 30 October 2022 has 25 */
    assert_int_equal(local_time(2022, 3, 27, 12, 0) - local_time(2022, 3, 26, 12, 0), 23 * 3600);
    assert_int_equal(local_time(2022, 3, 28, 0, 0) - local_time(2022, 3, 27, 0, 0), 23 * 3600);
    assert_int_equal(local_time(2022, 10, 30, 12, 0) - local_time(2022, 10, 29, 12, 0), 25 * 3600);
    assert_int_equal(local_time(2022, 10, 31, 0, 0) - local_time(2022, 10, 30, 0, 0), 25 * 3600);
    assert_int_equal(local_time(2022, 3, 26, 12, 0), 1648292400);
    assert_int_equal(local_time(2022, 3, 27, 12, 0), 1648375200);
    assert_int_equal(local_time(2022, 10, 30, 12, 0), 1667127600);
    /* and back again through the formatters */
    assert_str(fmt_rfc3339(a, local_time(2022, 3, 27, 3, 0)), "2022-03-27T03:00:00+02:00");
    assert_str(fmt_rfc3339(a, local_time(2022, 3, 27, 1, 59)), "2022-03-27T01:59:00+01:00");
    assert_str(fmt_datetime(a, LANG_SV, local_time(2022, 10, 30, 23, 45)),
               "30 oktober 2022 kl. 23.45");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        arena_test(dates),          arena_test(times),         arena_test(money),
        cmocka_unit_test(parsing_dates), cmocka_unit_test(parsing_times),
        arena_test(local_times),
    };
    return cmocka_run_group_tests_name("format", tests, group_setup, group_teardown);
}
