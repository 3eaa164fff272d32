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
#include "pnr_ref.h"

#ifdef FUZZ_IGNORE_KNOWN
#define LOOSE_CENTURY true /* bug 1 of tests/fuzz/README.md: pnr.c also takes 10 and 29 */
#else
#define LOOSE_CENTURY false
#endif

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
        /* a run of separators (at most one line break) is one, as pnr.h reads it */
        char *c = ref_collapse(s, n, "-+ \t\v\f\r\n");
        bool want = ref_has_number(c, strlen(c), LOOSE_CENTURY);
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
        for (int i = 0; i < 10; i++) all = all && ref_dig(d[i]);
        if (all) FUZZ_CHECK(pnr_luhn_ok(d) == ref_luhn(d), "pnr_luhn_ok(%.10s)", d);
    }
    free(s);
    return 0;
}
