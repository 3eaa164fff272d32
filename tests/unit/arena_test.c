/* util/arena_ops.c: arena_printf writes the common formats itself (not
 * through vsnprintf); whatever it writes must be what snprintf writes. */
#include <limits.h>

#include "testutil.h"

/* One format, checked against snprintf with the same arguments. */
#define SAME(a, ...)                                                       \
    do {                                                                   \
        char want[512];                                                    \
        snprintf(want, sizeof want, __VA_ARGS__);                          \
        assert_string_equal(arena_printf((a), __VA_ARGS__), want);         \
    } while (0)

static void printf_like_snprintf(void **state)
{
    (void)state;
    arena *a = arena_new();
    SAME(a, "plain text");
    SAME(a, "%s", "");
    SAME(a, "/moten/%lld/protokoll", 42LL);
    SAME(a, "%s-%lld", "punkt", -7LL);
    SAME(a, "%d %i %u", INT_MIN, INT_MAX, UINT_MAX);
    SAME(a, "%ld %lu", LONG_MIN, ULONG_MAX);
    SAME(a, "%lld %llu", LLONG_MIN, ULLONG_MAX);
    SAME(a, "%zu %zd", (size_t)SIZE_MAX, (ssize_t)-5);
    SAME(a, "100%% %c%c", 'o', 'k');
    SAME(a, "%s:%s", "ä", "ö");
    SAME(a, "%d", 0);
    SAME(a, "ends with %%");
    /* the others go through vsnprintf: flags, widths, precisions, hh, x, f */
    SAME(a, "%05d|%-4s|%.2s|%x|%.1f|%hhd|%+d", 42, "ab", "abcdef", 255, 2.25, 300, 3);
    SAME(a, "%s %lld %04lld", "mixed", 1LL, 9LL);
    /* a long result */
    char longer[400];
    memset(longer, 'x', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    SAME(a, "%s/%s", longer, "y");
    /* random values through every simple conversion */
    srand(7);
    for (int i = 0; i < 2000; i++) {
        long long v = (long long)(((unsigned long long)rand() << 33) ^ ((unsigned long long)rand() << 2) ^ (unsigned)rand());
        if (i % 3 == 0) v = -v;
        SAME(a, "a%lldb%dc%uz%zu%%", v, (int)v, (unsigned)v, (size_t)v);
    }
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(printf_like_snprintf)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
