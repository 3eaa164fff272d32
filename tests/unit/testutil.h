/* Shared by the cmocka test programs in tests/unit/. */
#ifndef SAMSKAP_TESTUTIL_H
#define SAMSKAP_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/mem.h"

#define assert_str(a, b) assert_string_equal((a), (b))

/* hay contains needle (both C strings); the message shows both. */
#define assert_contains(hay, needle)                                                    \
    do {                                                                                \
        const char *h_ = (hay), *n_ = (needle);                                         \
        if (!h_ || !strstr(h_, n_))                                                     \
            fail_msg("expected \"%s\" to contain \"%s\"", h_ ? h_ : "(null)", n_);      \
    } while (0)

#define assert_not_contains(hay, needle)                                                \
    do {                                                                                \
        const char *h_ = (hay), *n_ = (needle);                                         \
        if (h_ && strstr(h_, n_))                                                       \
            fail_msg("expected \"%s\" not to contain \"%s\"", h_, n_);                  \
    } while (0)

/* Equality of enum db_rc values, printing their names on failure. */
#define assert_rc(got, want)                                                            \
    do {                                                                                \
        int g_ = (int)(got), w_ = (int)(want);                                          \
        if (g_ != w_)                                                                   \
            fail_msg("%s: got %s, want %s", #got, testutil_rc_name(g_),                 \
                     testutil_rc_name(w_));                                             \
    } while (0)

static inline const char *testutil_rc_name(int rc)
{
    static const char *const names[] = {"DB_OK",      "DB_ROW",        "DB_DONE", "DB_NOTFOUND",
                                        "DB_CONSTRAINT", "DB_RETRY", "DB_CONFLICT", "DB_ERR"};
    return rc >= 0 && rc < (int)(sizeof names / sizeof names[0]) ? names[rc] : "?";
}

/* A test with a fresh arena in *state, freed even when the test fails
 * (so that ASan's leak check reports only real leaks). */
static inline int testutil_arena_setup(void **state)
{
    *state = arena_new();
    return 0;
}

static inline int testutil_arena_teardown(void **state)
{
    arena_free(*state);
    return 0;
}

#define arena_test(f) \
    cmocka_unit_test_setup_teardown(f, testutil_arena_setup, testutil_arena_teardown)

#endif
