/* domain/meeting.c, the minutes' rules: whether a meeting's day has come
 * (today is a parameter, so the tests choose it), and the attendance and
 * question lists as typed into the minutes editor. */
#include "testutil.h"
#include "domain/meeting.h"

static void the_day(void **state)
{
    (void)state;
    assert_true(meeting_day_has_come("2022-02-21", "2022-02-21"));
    assert_true(meeting_day_has_come("2022-02-20", "2022-02-21"));
    assert_true(meeting_day_has_come("2021-12-31", "2022-01-01"));
    assert_false(meeting_day_has_come("2022-02-22", "2022-02-21"));
    assert_false(meeting_day_has_come("2023-01-01", "2022-12-31"));
    assert_false(meeting_day_has_passed("2022-02-21", "2022-02-21"));
    assert_true(meeting_day_has_passed("2022-02-20", "2022-02-21"));
    assert_false(meeting_day_has_passed("2022-02-22", "2022-02-21"));
    /* no date, no day */
    assert_false(meeting_day_has_come("", "2022-02-21"));
    assert_false(meeting_day_has_come(NULL, "2022-02-21"));
    assert_false(meeting_day_has_come("2022-02-21", NULL));
    assert_false(meeting_day_has_passed(NULL, "2022-02-21"));
}

static void what_the_day_allows(void **state)
{
    (void)state;
    const char *before = "2022-04-24", *on = "2022-04-25", *after = "2022-04-26";
    struct meeting m = {.date = "2022-04-25", .status = MEETING_PLANNED};

    assert_true(meeting_upcoming_on(&m, before));
    assert_true(meeting_upcoming_on(&m, on));        /* today's meeting is still upcoming */
    assert_false(meeting_upcoming_on(&m, after));
    assert_false(meeting_awaits_minutes_on(&m, before));
    assert_false(meeting_awaits_minutes_on(&m, on));
    assert_true(meeting_awaits_minutes_on(&m, after));
    assert_false(minutes_publishable_on(&m, before));
    assert_true(minutes_publishable_on(&m, on));
    assert_true(minutes_publishable_on(&m, after));
    assert_false(minutes_save_holds_meeting(&m, before));  /* notes ahead of the day */
    assert_true(minutes_save_holds_meeting(&m, on));
    assert_true(minutes_save_holds_meeting(&m, after));

    m.status = MEETING_HELD;
    assert_false(meeting_upcoming_on(&m, before));
    assert_false(meeting_awaits_minutes_on(&m, after));
    assert_true(minutes_publishable_on(&m, on));
    assert_false(minutes_save_holds_meeting(&m, after));   /* already held */

    m.status = MEETING_PUBLISHED;
    assert_false(minutes_publishable_on(&m, after));          /* once */
    assert_false(minutes_save_holds_meeting(&m, after));
}

static void attendance(void **state)
{
    arena *a = *state;
    struct attendee *at;
    size_t n;
    const char *text = "Anna Andersson, Helsam\n"
                       "\n"
                       "  Bo Berg ,  Socialförvaltningen  (digitalt)\r\n"
                       "Cecilia Ceder (digitalt)\n"
                       "David Dahl, Föreningen Vi, Unga (ordförande)\n"
                       "   \n"
                       "Eva Ek";
    assert_null(parse_attendance(a, text, "digitalt", &at, &n));
    assert_int_equal(n, 5);
    assert_str(at[0].name, "Anna Andersson");
    assert_str(at[0].org_name, "Helsam");
    assert_false(at[0].remote);
    assert_str(at[1].name, "Bo Berg");
    assert_str(at[1].org_name, "Socialförvaltningen");
    assert_true(at[1].remote);
    assert_str(at[2].name, "Cecilia Ceder");
    assert_str(at[2].org_name, "");
    assert_true(at[2].remote);
    /* the first comma parts name from organisation; a parenthesis that
     * does not say remote stays in the text */
    assert_str(at[3].name, "David Dahl");
    assert_str(at[3].org_name, "Föreningen Vi, Unga (ordförande)");
    assert_false(at[3].remote);
    assert_str(at[4].name, "Eva Ek");
    assert_false(at[4].remote);

    /* the word is the caller's (the locale's) */
    assert_null(parse_attendance(a, "Frida Fors (online)", "online", &at, &n));
    assert_int_equal(n, 1);
    assert_true(at[0].remote);
    assert_str(at[0].name, "Frida Fors");

    assert_null(parse_attendance(a, "", "digitalt", &at, &n));
    assert_int_equal(n, 0);
    assert_null(parse_attendance(a, NULL, "digitalt", &at, &n));
    assert_int_equal(n, 0);
}

static void attendance_limits(void **state)
{
    arena *a = *state;
    struct attendee *at;
    size_t n;
    char name[ATTENDEE_TEXT_MAX + 2];
    memset(name, 'x', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    /* 121 characters: too long, but the rest is read */
    assert_str(parse_attendance(a, arena_printf(a, "%s\nBo", name), "digitalt", &at, &n), "err.too_long");
    assert_int_equal(n, 2);
    assert_str(parse_attendance(a, arena_printf(a, "Anna, %s", name), "digitalt", &at, &n), "err.too_long");
    name[ATTENDEE_TEXT_MAX] = '\0'; /* 120: fine */
    assert_null(parse_attendance(a, arena_printf(a, "%s, %s", name, name), "digitalt", &at, &n));
    /* characters, not bytes */
    buf b = {0};
    for (int k = 0; k < ATTENDEE_TEXT_MAX; k++) buf_puts(&b, "å");
    assert_null(parse_attendance(a, buf_cstr(&b), "digitalt", &at, &n));
    buf_free(&b);

    /* MAX_ATTENDEES lines, blank lines between them free */
    for (int k = 0; k < MAX_ATTENDEES; k++) buf_printf(&b, "Person %d\n\n", k);
    assert_null(parse_attendance(a, buf_cstr(&b), "digitalt", &at, &n));
    assert_int_equal(n, MAX_ATTENDEES);
    buf_puts(&b, "En till\n");
    assert_str(parse_attendance(a, buf_cstr(&b), "digitalt", &at, &n), "err.too_many_lines");
    assert_int_equal(n, MAX_ATTENDEES);
    /* the first problem is the one named */
    assert_str(parse_attendance(a, arena_printf(a, "%sx\n%s", name, buf_cstr(&b)), "digitalt", &at, &n),
               "err.too_long");
    buf_free(&b);
}

static void questions(void **state)
{
    arena *a = *state;
    const char **q;
    size_t n;
    assert_null(parse_questions(a, "Hur många kom?\n\n  Vem betalar?  \r\nNär?", &q, &n));
    assert_int_equal(n, 3);
    assert_str(q[0], "Hur många kom?");
    assert_str(q[1], "Vem betalar?");
    assert_str(q[2], "När?");
    assert_null(parse_questions(a, "", &q, &n));
    assert_int_equal(n, 0);
    assert_null(parse_questions(a, "\n \n\t\n", &q, &n));
    assert_int_equal(n, 0);

    buf b = {0};
    for (int k = 0; k < MAX_QUESTIONS; k++) buf_printf(&b, "Fråga %d\n", k);
    assert_null(parse_questions(a, buf_cstr(&b), &q, &n));
    assert_int_equal(n, MAX_QUESTIONS);
    assert_str(q[MAX_QUESTIONS - 1], arena_printf(a, "Fråga %d", MAX_QUESTIONS - 1));
    buf_puts(&b, "En för mycket");
    assert_str(parse_questions(a, buf_cstr(&b), &q, &n), "err.too_many_lines");
    assert_int_equal(n, MAX_QUESTIONS);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_day),
        cmocka_unit_test(what_the_day_allows),
        arena_test(attendance),
        arena_test(attendance_limits),
        arena_test(questions),
    };
    return cmocka_run_group_tests_name("minutes rules", tests, NULL, NULL);
}
