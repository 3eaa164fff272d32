/* The reference reading of a personal identity number, written from
 * pnr.h's contract and shared by fuzz_pnr.c (exact agreement on ASCII) and
 * fuzz_pnr_reader.c (the reader's view of Unicode, references, Markdown).
 * Independent of src/domain/pnr.c on purpose: a bug there must not be
 * copied here. */
#ifndef SAMSKAP_FUZZ_PNR_REF_H
#define SAMSKAP_FUZZ_PNR_REF_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static bool ref_dig(char c)
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

/* A real calendar date; day + 60 for a samordningsnummer. */
static bool ref_date(int year, int mm, int dd)
{
    static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (dd > 60) dd -= 60;
    if (mm < 1 || mm > 12 || dd < 1) return false;
    bool leap = year % 400 == 0 || (year % 4 == 0 && year % 100 != 0);
    return dd <= dim[mm - 1] + (mm == 2 && leap);
}

/* [CC]YYMMDD[-+ ]?NNNN at s, not followed by a digit; skip is 2 when s
 * starts with a century, else 0. */
static bool ref_number_at(const char *s, size_t avail, size_t skip)
{
    char d[10];
    size_t i = skip, k = 0;
    if (avail < skip + 10) return false;
    for (; k < 6; k++, i++) {
        if (i >= avail || !ref_dig(s[i])) return false;
        d[k] = s[i];
    }
    char sep = 0;
    if (i < avail && (s[i] == '-' || s[i] == '+' || s[i] == ' ')) sep = s[i++];
    for (; k < 10; k++, i++) {
        if (i >= avail || !ref_dig(s[i])) return false;
        d[k] = s[i];
    }
    if (i < avail && ref_dig(s[i])) return false;
    int yy = (d[0] - '0') * 10 + (d[1] - '0');
    int mm = (d[2] - '0') * 10 + (d[3] - '0');
    int dd = (d[4] - '0') * 10 + (d[5] - '0');
    bool date;
    if (skip) date = ref_date(((s[0] - '0') * 10 + (s[1] - '0')) * 100 + yy, mm, dd);
    else if (sep == '+') date = ref_date(1800 + yy, mm, dd) || ref_date(1900 + yy, mm, dd);
    else date = ref_date(1900 + yy, mm, dd) || ref_date(2000 + yy, mm, dd);
    return date && ref_luhn(d);
}

/* A number at the start of a digit run of s (already folded: ASCII digits,
 * one separator per run).  loose_century also takes 10 and 29 as a century
 * (bug 1 of tests/fuzz/README.md, for FUZZ_IGNORE_KNOWN builds). */
static bool ref_has_number(const char *s, size_t n, bool loose_century)
{
    for (size_t i = 0; i < n; i++) {
        if (!ref_dig(s[i]) || (i > 0 && ref_dig(s[i - 1]))) continue;
        if (ref_number_at(s + i, n - i, 0)) return true;
        bool century = n - i >= 12 &&
            (loose_century ? (s[i] == '1' || s[i] == '2') && (s[i + 1] == '9' || s[i + 1] == '0')
                           : (s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0'));
        if (century && ref_dig(s[i + 2]) && ref_dig(s[i + 3]) && ref_number_at(s + i, n - i, 2))
            return true;
    }
    return false;
}

/* Each run of the characters in seps becomes one: a blank line ('\n' when
 * the run holds two line breaks), else '+', '-' or ' ', the strongest.
 * Returns a malloc'd copy. */
static char *ref_collapse(const char *s, size_t n, const char *seps)
{
    char *out = malloc(n + 1);
    size_t w = 0;
    for (size_t r = 0; r < n;) {
        if (!strchr(seps, s[r])) { out[w++] = s[r++]; continue; }
        int nl = 0;
        bool plus = false, dash = false;
        for (; r < n && strchr(seps, s[r]); r++) {
            nl += s[r] == '\n' || s[r] == '\r';
            plus |= s[r] == '+';
            dash |= s[r] == '-';
        }
        out[w++] = nl >= 2 ? '\n' : plus ? '+' : dash ? '-' : ' ';
    }
    out[w] = '\0';
    return out;
}

#endif
