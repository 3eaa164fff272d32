/* Offerings' rules (domain/offering.c): age range, opening hours, contact
 * without a person's e-mail address, "öppet nu". */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/offering.h"
#include "testutil.h"

static void age_ranges(void **state)
{
    (void)state;
    assert_null(offering_age_problem(-1, -1));
    assert_null(offering_age_problem(13, 25));
    assert_null(offering_age_problem(18, -1));
    assert_null(offering_age_problem(7, 7));
    assert_str(offering_age_problem(25, 13), "err.offering.age_order");
    assert_str(offering_age_problem(-5, 10), "err.offering.age_range");
    assert_str(offering_age_problem(10, 200), "err.offering.age_range");
}

static void opening_hours(void **state)
{
    (void)state;
    size_t bad = 99;
    struct opening ok[] = {{2, "14:00", "16:00"}, {2, "16:00", "18:00"}, {4, "09:00", "12:00"}};
    assert_null(offering_hours_problem(ok, 3, &bad));
    struct opening backwards[] = {{1, "10:00", "12:00"}, {3, "18:00", "17:00"}};
    assert_str(offering_hours_problem(backwards, 2, &bad), "err.offering.hours_order");
    assert_int_equal(bad, 1);
    struct opening overlap[] = {{5, "10:00", "13:00"}, {5, "12:00", "14:00"}};
    assert_str(offering_hours_problem(overlap, 2, &bad), "err.offering.hours_overlap");
    assert_int_equal(bad, 1);
    struct opening junk[] = {{5, "25:00", "26:00"}};
    assert_str(offering_hours_problem(junk, 1, &bad), "err.offering.time");
    struct opening day[] = {{8, "10:00", "11:00"}};
    assert_str(offering_hours_problem(day, 1, &bad), "err.offering.weekday");
    struct opening same[] = {{1, "10:00", "10:00"}};
    assert_str(offering_hours_problem(same, 1, &bad), "err.offering.hours_order");
}

static void open_now(void **state)
{
    (void)state;
    struct opening h[] = {{2, "14:00", "16:00"}, {4, "09:00", "12:00"}};
    assert_true(offering_open_now(h, 2, 2, "14:00"));
    assert_true(offering_open_now(h, 2, 2, "15:59"));
    assert_false(offering_open_now(h, 2, 2, "16:00"));
    assert_false(offering_open_now(h, 2, 3, "15:00"));
    assert_true(offering_open_now(h, 2, 4, "11:30"));
    assert_false(offering_open_now(h, 2, 4, "garbage"));
}

static void contact_without_personal_email(void **state)
{
    (void)state;
    assert_null(offering_contact_problem("Ring 042-10 50 00 eller skriv till info@omtanke.se"));
    assert_null(offering_contact_problem("https://vortadrom.se/kontakt"));
    assert_null(offering_contact_problem("Kontakt@Maskrosbarn.org"));
    assert_null(offering_contact_problem("Träffas @ biblioteket"));
    assert_str(offering_contact_problem("anna.svensson@gmail.com"), "err.offering.personal_email");
    assert_str(offering_contact_problem("info@x.se eller kalle@x.se"), "err.offering.personal_email");
}

static void names_round_trip(void **state)
{
    (void)state;
    for (int i = 0; i < OFFERING_STATUS_COUNT; i++)
        assert_int_equal(offering_status_from_name(offering_status_name((enum offering_status)i)), i);
    for (int i = 0; i < COST_COUNT; i++)
        assert_int_equal(offering_cost_from_name(offering_cost_name((enum offering_cost)i)), i);
    assert_int_equal(offering_cost_from_name("dyrt"), -1);
    assert_int_equal(offering_status_from_name(NULL), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(age_ranges),
        cmocka_unit_test(opening_hours),
        cmocka_unit_test(open_now),
        cmocka_unit_test(contact_without_personal_email),
        cmocka_unit_test(names_round_trip),
    };
    return cmocka_run_group_tests_name("offering rules", tests, NULL, NULL);
}
