/* domain/org.c: kinds, sectors, websites, umbrella rules. */
#include "testutil.h"
#include "domain/org.h"

static void kinds_and_sectors(void **state)
{
    (void)state;
    for (int k = 0; k < ORG_KIND_COUNT; k++) {
        const char *n = org_kind_name((enum org_kind)k);
        assert_non_null(n);
        assert_int_equal(org_kind_from_name(n), k);
    }
    for (int s = 0; s < SECTOR_COUNT; s++) {
        const char *n = org_sector_name((enum org_sector)s);
        assert_non_null(n);
        assert_int_equal(org_sector_from_name(n), s);
    }
    assert_str(org_kind_name(ORG_FORENING), "forening");
    assert_str(org_kind_name(ORG_PARAPLY), "paraply");
    assert_str(org_kind_name(ORG_FORVALTNING), "forvaltning");
    assert_str(org_sector_name(SECTOR_OFFENTLIG), "offentlig");
    /* out of range falls back, never NULL */
    assert_str(org_kind_name(ORG_KIND_COUNT), "annan");
    assert_str(org_kind_name((enum org_kind)-1), "annan");
    assert_str(org_sector_name(SECTOR_COUNT), "ideell");
    assert_int_equal(org_kind_from_name("förening"), -1);
    assert_int_equal(org_kind_from_name("Forening"), -1);
    assert_int_equal(org_kind_from_name(""), -1);
    assert_int_equal(org_kind_from_name(NULL), -1);
    assert_int_equal(org_sector_from_name("publik"), -1);
    assert_int_equal(org_sector_from_name(NULL), -1);
}

static void websites(void **state)
{
    (void)state;
    assert_null(validate_website(NULL)); /* optional */
    assert_null(validate_website(""));
    assert_null(validate_website("https://www.raddabarnen.se/"));
    assert_null(validate_website("http://invasam.se"));
    assert_null(validate_website("https://helsingborg.se/forskola-och-skola/?a=1&b=2#x"));
    const char *bad[] = {
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "javascript://example.se/%0aalert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://example.se",
        "www.example.se",
        "example.se",
        "//example.se",
        "https://",
        "http://",
        "https:///path",
        "https://exa mple.se",
        " https://example.se",
        "https://example.se/\"onmouseover=\"alert(1)",
        "https://example.se/<script>",
        "mailto:info@example.se",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *e = validate_website(bad[i]);
        if (!e || strcmp(e, "err.website") != 0)
            fail_msg("validate_website(\"%s\") = %s, want err.website", bad[i], e ? e : "NULL");
    }
}

/* Control characters have no place in a URL we print into href. */
static void websites_without_control_characters(void **state)
{
    (void)state;
    const char *bad[] = {"https://example.se/\n", "https://exa\tmple.se", "https://example.se\r\nX: y",
                         "https://example.se/\x01"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *e = validate_website(bad[i]);
        if (!e) fail_msg("validate_website accepted a control character (case %zu)", i);
    }
}

static void umbrella_rules(void **state)
{
    (void)state;
    /* no parent */
    assert_true(org_parent_allowed(5, 0, 0));
    assert_true(org_parent_allowed(0, 0, 0));
    /* an umbrella at the top: fine, also for a new organisation (id 0) */
    assert_true(org_parent_allowed(5, 3, 0));
    assert_true(org_parent_allowed(0, 3, 0));
    /* not its own parent */
    assert_false(org_parent_allowed(5, 5, 0));
    /* umbrellas are one level deep */
    assert_false(org_parent_allowed(5, 3, 7));
    assert_false(org_parent_allowed(5, 3, 5)); /* a cycle through the parent */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kinds_and_sectors),
        cmocka_unit_test(websites),
        cmocka_unit_test(websites_without_control_characters),
        cmocka_unit_test(umbrella_rules),
    };
    return cmocka_run_group_tests_name("org", tests, NULL, NULL);
}
