/* domain/user.c: account validation, role names, permissions. */
#include <stdio.h>

#include "testutil.h"
#include "domain/user.h"

static void emails(void **state)
{
    (void)state;
    assert_null(validate_email("anna@example.se"));
    assert_null(validate_email("a.b+c@sub.example.co.uk"));
    assert_null(validate_email("x@y.se"));
    assert_str(validate_email(NULL), "err.required");
    assert_str(validate_email(""), "err.required");
    const char *bad[] = {"anna",
                         "@example.se",
                         "anna@",
                         "anna@example",
                         "anna@@example.se",
                         "anna@ex@ample.se",
                         "anna@.se",
                         "anna@example.",
                         "an na@example.se",
                         " anna@example.se",
                         "anna@example.se\n",
                         "anna@example.se\r\nBcc: x@y.se",
                         "anna\t@example.se",
                         "<anna@example.se>",
                         "\"anna\"@example.se",
                         "anna@example.se, bo@example.se",
                         "anna@example.se;bo@example.se",
                         "anna(x)@example.se",
                         "anna@[127.0.0.1]",
                         "anna\\@example.se",
                         "anna\x7f@example.se"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *e = validate_email(bad[i]);
        if (!e || strcmp(e, "err.email") != 0)
            fail_msg("validate_email(\"%s\") = %s, want err.email", bad[i], e ? e : "NULL");
    }
    /* 254 characters are allowed, 255 are not */
    char addr[300];
    memset(addr, 'a', sizeof addr);
    memcpy(addr + 254 - 11, "@example.se", 11);
    addr[254] = '\0';
    assert_int_equal(strlen(addr), 254);
    assert_null(validate_email(addr));
    memset(addr, 'a', sizeof addr);
    memcpy(addr + 255 - 11, "@example.se", 11);
    addr[255] = '\0';
    assert_str(validate_email(addr), "err.email");
}

static void passwords(void **state)
{
    (void)state;
    assert_str(validate_password(NULL, NULL), "err.required");
    assert_str(validate_password("", "a@b.se"), "err.required");
    assert_str(validate_password("123456789", NULL), "err.password_short");
    assert_null(validate_password("1234567890", NULL));
    /* length is counted in characters, not bytes */
    assert_str(validate_password("åäöåäöåäö", NULL), "err.password_short"); /* 9, 18 bytes */
    assert_null(validate_password("åäöåäöåäöå", NULL));                    /* 10 */
    char pw[200];
    memset(pw, 'x', 128);
    pw[128] = '\0';
    assert_null(validate_password(pw, NULL));
    memset(pw, 'x', 129);
    pw[129] = '\0';
    assert_str(validate_password(pw, NULL), "err.password_long");
    /* not the e-mail address, in any case */
    assert_str(validate_password("anna@example.se", "anna@example.se"), "err.password_email");
    assert_str(validate_password("ANNA@Example.SE", "anna@example.se"), "err.password_email");
    assert_null(validate_password("anna@example.se!", "anna@example.se"));
    assert_null(validate_password("korrekt häst batteri", "anna@example.se"));
}

static void names(void **state)
{
    (void)state;
    assert_str(validate_person_name(NULL), "err.required");
    assert_str(validate_person_name(""), "err.required");
    assert_null(validate_person_name("Åsa Öberg-Ängström"));
    assert_null(validate_person_name("X"));
    char n[400];
    memset(n, 'a', 100);
    n[100] = '\0';
    assert_null(validate_person_name(n));
    n[100] = 'a';
    n[101] = '\0';
    assert_str(validate_person_name(n), "err.too_long");
    /* 100 characters of two bytes each are 100 characters */
    n[0] = '\0';
    for (int i = 0; i < 100; i++) strcat(n, "ö");
    assert_null(validate_person_name(n));
    strcat(n, "ö");
    assert_str(validate_person_name(n), "err.too_long");
}

static void role_names(void **state)
{
    (void)state;
    for (int r = 0; r < ROLE_COUNT; r++) {
        const char *name = role_name((enum role)r);
        assert_non_null(name);
        assert_true(strlen(name) > 0);
        assert_int_equal(role_from_name(name), r);
        for (int o = 0; o < r; o++) assert_true(strcmp(name, role_name((enum role)o)) != 0);
    }
    assert_str(role_name(ROLE_KOORDINATOR), "koordinator");
    assert_str(role_name(ROLE_ADMIN), "administrator");
    assert_str(role_name(ROLE_UNGDOM), "ungdom");
    assert_str(role_name(ROLE_COUNT), "");
    assert_str(role_name((enum role)-1), "");
    assert_int_equal(role_from_name("Koordinator"), -1);
    assert_int_equal(role_from_name("koordinator "), -1);
    assert_int_equal(role_from_name(""), -1);
    assert_int_equal(role_from_name(NULL), -1);
    assert_int_equal(role_from_name("root"), -1);
}

static struct user with(unsigned roles)
{
    struct user u = {.id = 1, .name = "X", .email = "x@example.se", .roles = roles};
    return u;
}

static void permissions(void **state)
{
    (void)state;
    assert_false(can_write_posts(NULL));
    assert_false(can_publish_posts(NULL));
    assert_false(can_moderate_comments(NULL));
    assert_false(can_manage_users(NULL));
    assert_false(can_create_orgs(NULL));
    struct user none = with(0);
    assert_false(can_write_posts(&none));
    assert_false(can_publish_posts(&none));
    assert_false(can_moderate_comments(&none));
    assert_false(can_manage_users(&none));
    assert_false(can_create_orgs(&none));

    /* role by role: who may do what (user.h) */
    for (int r = 0; r < ROLE_COUNT; r++) {
        struct user u = with(1u << r);
        bool writer = r == ROLE_KOMMUNIKATOR || r == ROLE_REPORTER || r == ROLE_ADMIN;
        bool publisher = r == ROLE_KOMMUNIKATOR || r == ROLE_ADMIN;
        bool admin = r == ROLE_ADMIN;
        bool orgs = r == ROLE_ADMIN || r == ROLE_KOORDINATOR;
        if (can_write_posts(&u) != writer) fail_msg("can_write_posts for %s", role_name(r));
        if (can_publish_posts(&u) != publisher) fail_msg("can_publish_posts for %s", role_name(r));
        if (can_moderate_comments(&u) != publisher)
            fail_msg("can_moderate_comments for %s", role_name(r));
        if (can_manage_users(&u) != admin) fail_msg("can_manage_users for %s", role_name(r));
        if (can_create_orgs(&u) != orgs) fail_msg("can_create_orgs for %s", role_name(r));
    }
    struct user reporter_jury = with((1u << ROLE_REPORTER) | (1u << ROLE_JURY));
    assert_true(can_write_posts(&reporter_jury));
    assert_false(can_publish_posts(&reporter_jury));
    assert_true(user_has(&reporter_jury, ROLE_JURY));
    assert_false(user_has(&reporter_jury, ROLE_COACH));
    assert_false(user_has(NULL, ROLE_ADMIN));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(emails),     cmocka_unit_test(passwords),
        cmocka_unit_test(names),      cmocka_unit_test(role_names),
        cmocka_unit_test(permissions),
    };
    return cmocka_run_group_tests_name("user", tests, NULL, NULL);
}
