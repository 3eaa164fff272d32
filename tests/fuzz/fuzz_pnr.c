/* text_has_pnr (src/domain/pnr.c): every text that would be published is
 * scanned for Swedish personal identity numbers.
 *
 * Checks, beyond ASan/UBSan (the scan runs on an exact-size copy):
 *   - agreement with an independent reference written from pnr.h's
 *     contract, for ASCII text without '&': a run of separators (- + space
 *     tab, one line break) read as one, then at the start of a digit run,
 *     [CC]YYMMDD[-+ ]?NNNN with
 *     CC 19 or 20, not followed by a digit, a real calendar date (day + 60
 *     for a samordningsnummer; without a century either 19YY or 20YY, with
 *     '+' either 18YY or 19YY), Luhn over the ten digits;
 *   - a number found stays found when the text is wrapped in other words
 *     (a filter that a prefix or suffix defeats is a bypass);
 *   - pnr_luhn_ok agrees with a reference Luhn over the first ten bytes. */
#include "fuzz_common.h"
#include "domain/pnr.h"

static bool dig(char c)
{
    return c >= '0' && c <= '9';
}

static bool ref_luhn(const char d[10])
{
    int sum = 0;
    for (int i = 0; i < 10; i++) {
        int v = (d[i] - '0') * (i % 2 == 0 ? 2 : 1);
        sum += v / 10 + v % 10;
    }
    return sum % 10 == 0;
}

static bool ref_date(int year, int mm, int dd)
{
    if (dd > 60) dd -= 60;
    int dim;
    switch (mm) {
    case 1: case 3: case 5: case 7: case 8: case 10: case 12: dim = 31; break;
    case 4: case 6: case 9: case 11: dim = 30; break;
    case 2: dim = (year % 400 == 0 || (year % 4 == 0 && year % 100 != 0)) ? 29 : 28; break;
    default: return false;
    }
    return dd >= 1 && dd <= dim;
}

/* skip is 2 when s starts with a century, else 0. */
static bool ref_at(const char *s, size_t avail, size_t skip)
{
    char d[10];
    size_t i = skip, k = 0;
    if (avail < skip + 10) return false;
    for (; k < 6; k++, i++) {
        if (i >= avail || !dig(s[i])) return false;
        d[k] = s[i];
    }
    char sep = 0;
    if (i < avail && (s[i] == '-' || s[i] == '+' || s[i] == ' ')) sep = s[i++];
    for (; k < 10; k++, i++) {
        if (i >= avail || !dig(s[i])) return false;
        d[k] = s[i];
    }
    if (i < avail && dig(s[i])) return false;
    int yy = (d[0] - '0') * 10 + (d[1] - '0');
    int mm = (d[2] - '0') * 10 + (d[3] - '0');
    int dd = (d[4] - '0') * 10 + (d[5] - '0');
    bool date;
    if (skip) date = ref_date(((s[0] - '0') * 10 + (s[1] - '0')) * 100 + yy, mm, dd);
    else if (sep == '+') date = ref_date(1800 + yy, mm, dd) || ref_date(1900 + yy, mm, dd);
    else date = ref_date(1900 + yy, mm, dd) || ref_date(2000 + yy, mm, dd);
    return date && ref_luhn(d);
}

static bool ref_has(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!dig(s[i]) || (i > 0 && dig(s[i - 1]))) continue;
        if (ref_at(s + i, n - i, 0)) return true;
#ifdef FUZZ_IGNORE_KNOWN
        /* Bug 1 of tests/fuzz/README.md: pnr.c also takes 10 and 29 for a century. */
        bool century = (s[i] == '1' || s[i] == '2') && (s[i + 1] == '9' || s[i + 1] == '0');
#else
        bool century = (s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0');
#endif
        if (n - i >= 12 && century &&
            dig(s[i + 2]) && dig(s[i + 3]) && ref_at(s + i, n - i, 2))
            return true;
    }
    return false;
}

/* ASCII text as pnr.h reads it: a run of separators (dashes, plus signs,
 * spaces, tabs, at most one line break) is one; the strongest of them. */
static char *collapse(const char *s)
{
    size_t n = strlen(s), w = 0;
    char *out = malloc(n + 1);
    for (size_t r = 0; r < n;) {
        if (!strchr("-+ \t\v\f\r\n", s[r])) { out[w++] = s[r++]; continue; }
        int nl = 0;
        bool plus = false, dash = false;
        for (; r < n && strchr("-+ \t\v\f\r\n", s[r]); r++) {
            nl += s[r] == '\n' || s[r] == '\r';
            plus |= s[r] == '+';
            dash |= s[r] == '-';
        }
        out[w++] = nl >= 2 ? '\n' : plus ? '+' : dash ? '-' : ' ';
    }
    out[w] = '\0';
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    size_t n = strlen(s);
    bool got = text_has_pnr(s);
    /* the exact reference covers ASCII without character references;
     * fuzz_pnr_reader.c covers the rest (Unicode, references, Markdown) */
    bool ascii = !strchr(s, '&');
    for (size_t i = 0; i < n; i++) ascii = ascii && (unsigned char)s[i] < 0x80;
    if (ascii) {
        char *c = collapse(s);
        bool want = ref_has(c, strlen(c));
        FUZZ_CHECK(got == want, "text_has_pnr(\"%s\") = %d, reference %d", s, got, want);
        free(c);
    }

    if (got) {
        char *w = malloc(n + 32);
        snprintf(w, n + 32, "Hej! %s. Mvh", s);
        FUZZ_CHECK(text_has_pnr(w), "found in \"%s\" but not in \"%s\"", s, w);
        free(w);
    }
    if (size >= 10) {
        char d[10];
        memcpy(d, data, 10);
        bool all = true;
        for (int i = 0; i < 10; i++) all = all && dig(d[i]);
        if (all) FUZZ_CHECK(pnr_luhn_ok(d) == ref_luhn(d), "pnr_luhn_ok(%.10s)", d);
    }
    free(s);
    return 0;
}
