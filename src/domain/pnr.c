#include "domain/pnr.h"

#include <string.h>

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

bool pnr_luhn_ok(const char d[10])
{
    int sum = 0;
    for (int i = 0; i < 10; i++) {
        int v = d[i] - '0';
        if (i % 2 == 0) {
            v *= 2;
            if (v > 9) v -= 9;
        }
        sum += v;
    }
    return sum % 10 == 0;
}

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* A real calendar date in year `year` (day + 60 for samordningsnummer). */
static bool date_ok(const char *d /* YYMMDD */, int year)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int mm = (d[2] - '0') * 10 + (d[3] - '0');
    int dd = (d[4] - '0') * 10 + (d[5] - '0');
    if (dd > 60) dd -= 60; /* samordningsnummer */
    if (mm < 1 || mm > 12 || dd < 1) return false;
    return dd <= days[mm - 1] + (mm == 2 && leap(year));
}

/* With a century the year is known; without, either of the two centuries
 * the number could mean ('+' marks people over 100). */
static bool any_date_ok(const char *d, int century, char sep)
{
    int yy = (d[0] - '0') * 10 + (d[1] - '0');
    if (century >= 0) return date_ok(d, century * 100 + yy);
    if (sep == '+') return date_ok(d, 1800 + yy) || date_ok(d, 1900 + yy);
    return date_ok(d, 1900 + yy) || date_ok(d, 2000 + yy);
}

/* Tries to read a number at s; returns its length or 0. */
static size_t match_at(const char *s, size_t avail)
{
    char digits[10];
    size_t i = 0;
    size_t lead = 0;
    /* optional century */
    if (avail >= 12 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]) &&
        is_digit(s[4]) && is_digit(s[5]) && is_digit(s[6]) && is_digit(s[7]) &&
        ((s[0] == '1' && s[1] == '9') || (s[0] == '2' && s[1] == '0')))
        lead = 2;
    for (int pass = 0; pass < 2; pass++) {
        size_t skip = pass == 0 ? lead : 0;
        if (pass == 1 && lead == 0) break;
        i = skip;
        size_t n = 0;
        while (n < 6 && i < avail && is_digit(s[i])) digits[n++] = s[i++];
        if (n != 6) continue;
        char sep = 0;
        if (i < avail && (s[i] == '-' || s[i] == '+' || s[i] == ' ')) sep = s[i++];
        while (n < 10 && i < avail && is_digit(s[i])) digits[n++] = s[i++];
        if (n != 10) continue;
        if (i < avail && is_digit(s[i])) continue; /* part of a longer number */
        int century = skip ? (s[0] - '0') * 10 + (s[1] - '0') : -1;
        if (any_date_ok(digits, century, sep) && pnr_luhn_ok(digits)) return i;
    }
    return 0;
}

bool text_has_pnr(const char *text)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(text[i])) continue;
        if (i > 0 && is_digit(text[i - 1])) continue; /* start of a digit run only */
        if (match_at(text + i, n - i)) return true;
    }
    return false;
}
