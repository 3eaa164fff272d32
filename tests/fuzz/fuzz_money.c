/* money_parse (src/domain/money.c): amounts as a person types them in a
 * form ("1 250,50 kr", "−300", "99:-").
 *
 * Checks, beyond ASan/UBSan (signed overflow is UB and aborts here):
 *   - MONEY_OK means |result| <= MONEY_MAX_ORE, and *ore is untouched
 *     otherwise;
 *   - a result prints back and parses to the same value, both plainly
 *     ("-1250,50") and in Swedish style with no-break-space groups and "kr";
 *   - surrounding spaces do not change the answer, and "-" in front of an
 *     amount that starts with a digit negates it;
 *   - for a run of up to 9 plain digits the result is exactly digits × 100. */
#include <inttypes.h>

#include "fuzz_common.h"
#include "domain/money.h"

static enum money_parse parse(const char *s, int64_t *v)
{
    *v = INT64_MIN;
    enum money_parse r = money_parse(s, v);
    if (r == MONEY_OK) {
        FUZZ_CHECK(*v >= -MONEY_MAX_ORE && *v <= MONEY_MAX_ORE,
                   "money_parse(\"%s\") = %" PRId64 " beyond MONEY_MAX_ORE", s, *v);
    } else {
        FUZZ_CHECK(*v == INT64_MIN, "money_parse(\"%s\") failed (%d) but wrote %" PRId64, s, r, *v);
        FUZZ_CHECK(r >= MONEY_EMPTY && r <= MONEY_TOO_LARGE, "money_parse returned %d", r);
    }
    return r;
}

/* "1 250 000,50 kr" with U+00A0 between groups. */
static void swedish(char *out, size_t cap, int64_t v)
{
    char digits[32];
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    snprintf(digits, sizeof digits, "%" PRIu64, a / 100);
    size_t nd = strlen(digits), o = 0;
    if (v < 0) out[o++] = '-';
    for (size_t i = 0; i < nd; i++) {
        if (i > 0 && (nd - i) % 3 == 0) {
            out[o++] = (char)0xC2;
            out[o++] = (char)0xA0;
        }
        out[o++] = digits[i];
    }
    snprintf(out + o, cap - o, ",%02" PRIu64 " kr", a % 100);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    size_t n = strlen(s);
    int64_t v;
    enum money_parse r = parse(s, &v);

    /* money_parse(NULL) */
    int64_t z;
    FUZZ_CHECK(parse(NULL, &z) == MONEY_EMPTY, "NULL not MONEY_EMPTY");

    if (r == MONEY_OK) {
        char buf[96];
        int64_t w;
        uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        snprintf(buf, sizeof buf, "%s%" PRIu64 ",%02" PRIu64, v < 0 ? "-" : "", a / 100, a % 100);
        FUZZ_CHECK(parse(buf, &w) == MONEY_OK && (w == v || (v == 0 && w == 0)),
                   "\"%s\" -> %" PRId64 " but \"%s\" -> %" PRId64, s, v, buf, w);
        swedish(buf, sizeof buf, v);
        FUZZ_CHECK(parse(buf, &w) == MONEY_OK && w == v,
                   "\"%s\" -> %" PRId64 " but \"%s\" -> %" PRId64, s, v, buf, w);
    }

    char *padded = malloc(n + 4);
    snprintf(padded, n + 4, " %s ", s);
    int64_t pv;
    enum money_parse pr = parse(padded, &pv);
    FUZZ_CHECK(pr == r && (r != MONEY_OK || pv == v), "\"%s\" -> %d but \" %s \" -> %d", s, r, s, pr);
    free(padded);

    if (r == MONEY_OK && s[0] >= '0' && s[0] <= '9') {
        char *neg = malloc(n + 2);
        snprintf(neg, n + 2, "-%s", s);
        int64_t nv;
        FUZZ_CHECK(parse(neg, &nv) == MONEY_OK && nv == -v, "\"-%s\" is not -(\"%s\")", s, s);
        free(neg);
    }

    if (n > 0 && n <= 9 && strspn(s, "0123456789") == n) {
        FUZZ_CHECK(r == MONEY_OK && v == (int64_t)strtoll(s, NULL, 10) * 100,
                   "\"%s\" -> %d/%" PRId64, s, r, v);
    }
    free(s);
    return 0;
}
