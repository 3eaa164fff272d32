#include "view/format.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util/text.h"

#define NBSP "\xc2\xa0"

/* The same time is often formatted twice in a row (a <time> element's
 * datetime and its text), so each thread remembers its last conversion. */
static struct tm local(int64_t t)
{
    static __thread int64_t last_t = INT64_MIN;
    static __thread struct tm last_tm;
    if (t != last_t) {
        time_t tt = (time_t)t;
        localtime_r(&tt, &last_tm);
        last_t = t;
    }
    return last_tm;
}

static char *put2(char *p, int v)
{
    p[0] = (char)('0' + v / 10 % 10);
    p[1] = (char)('0' + v % 10);
    return p + 2;
}

static char *put_int(char *p, int v) /* v >= 0 */
{
    char tmp[12];
    int n = 0;
    do tmp[n++] = (char)('0' + v % 10); while ((v /= 10) > 0);
    while (n) *p++ = tmp[--n];
    return p;
}

static char *put_str(char *p, const char *s)
{
    size_t n = strlen(s);
    memcpy(p, s, n);
    return p + n;
}

static const char *month_name(enum lang lang, int month /* 1..12 */)
{
    static const char *const keys[12] = {
        "month.1", "month.2", "month.3", "month.4", "month.5", "month.6",
        "month.7", "month.8", "month.9", "month.10", "month.11", "month.12"};
    return i18n_get(lang, keys[(month - 1) % 12]);
}

static char *date_parts(arena *a, enum lang lang, int y, int m, int d)
{
    const char *mn = month_name(lang, m);
    char *out = arena_alloc(a, strlen(mn) + 32), *p = out;
    p = put_int(p, d);
    *p++ = ' ';
    p = put_str(p, mn);
    *p++ = ' ';
    p = put_int(p, y);
    *p = '\0';
    return out;
}

char *fmt_date(arena *a, enum lang lang, int64_t t)
{
    struct tm tm = local(t);
    return date_parts(a, lang, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

char *fmt_datetime(arena *a, enum lang lang, int64_t t)
{
    struct tm tm = local(t);
    const char *mn = month_name(lang, tm.tm_mon + 1), *at = i18n_get(lang, "time.at");
    char *out = arena_alloc(a, strlen(mn) + strlen(at) + 48), *p = out;
    p = put_int(p, tm.tm_mday);
    *p++ = ' ';
    p = put_str(p, mn);
    *p++ = ' ';
    p = put_int(p, tm.tm_year + 1900);
    *p++ = ' ';
    p = put_str(p, at);
    *p++ = ' ';
    p = put2(p, tm.tm_hour);
    *p++ = '.';
    p = put2(p, tm.tm_min);
    *p = '\0';
    return out;
}

char *fmt_date_iso(arena *a, int64_t t)
{
    struct tm tm = local(t);
    return arena_printf(a, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

char *fmt_rfc3339(arena *a, int64_t t)
{
    struct tm tm = local(t);
    long off = tm.tm_gmtoff / 60;
    char sign = off < 0 ? '-' : '+';
    if (off < 0) off = -off;
    if (tm.tm_year + 1900 < 0 || tm.tm_year + 1900 > 9999 || off / 60 > 99)
        return arena_printf(a, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", tm.tm_year + 1900,
                            tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, sign,
                            off / 60, off % 60);
    char *out = arena_alloc(a, 32), *p = out;
    p = put2(p, (tm.tm_year + 1900) / 100);
    p = put2(p, (tm.tm_year + 1900) % 100);
    *p++ = '-';
    p = put2(p, tm.tm_mon + 1);
    *p++ = '-';
    p = put2(p, tm.tm_mday);
    *p++ = 'T';
    p = put2(p, tm.tm_hour);
    *p++ = ':';
    p = put2(p, tm.tm_min);
    *p++ = ':';
    p = put2(p, tm.tm_sec);
    *p++ = sign;
    p = put2(p, (int)(off / 60));
    *p++ = ':';
    p = put2(p, (int)(off % 60));
    *p = '\0';
    return out;
}

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool parse_ymd(const char *s, int *y, int *m, int *d)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return false;
    int yy = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int mm = (s[5] - '0') * 10 + (s[6] - '0');
    int dd = (s[8] - '0') * 10 + (s[9] - '0');
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (yy < 1900 || yy > 2200 || mm < 1 || mm > 12 || dd < 1) return false;
    int max = days[mm - 1] + (mm == 2 && is_leap(yy));
    if (dd > max) return false;
    *y = yy;
    *m = mm;
    *d = dd;
    return true;
}

bool parse_hm(const char *s, int *h, int *m)
{
    if (!s || strlen(s) != 5 || (s[2] != ':' && s[2] != '.')) return false;
    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' || s[3] < '0' || s[3] > '9' ||
        s[4] < '0' || s[4] > '9')
        return false;
    int hh = (s[0] - '0') * 10 + (s[1] - '0');
    int mm = (s[3] - '0') * 10 + (s[4] - '0');
    if (hh > 23 || mm > 59) return false;
    *h = hh;
    *m = mm;
    return true;
}

int64_t local_time(int y, int m, int d, int hh, int mm)
{
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_hour = hh;
    tm.tm_min = mm;
    tm.tm_isdst = -1;
    return (int64_t)mktime(&tm);
}

char *fmt_ymd(arena *a, enum lang lang, const char *ymd)
{
    int y, m, d;
    if (!parse_ymd(ymd, &y, &m, &d)) return NULL;
    return date_parts(a, lang, y, m, d);
}

char *fmt_hm(arena *a, const char *hm)
{
    int h, m;
    if (!parse_hm(hm, &h, &m)) return arena_strdup(a, "");
    return arena_printf(a, "%02d.%02d", h, m);
}

char *fmt_hm_range(arena *a, const char *from, const char *to)
{
    return arena_printf(a, "%s\xe2\x80\x93%s", fmt_hm(a, from), fmt_hm(a, to));
}

char *fmt_int(arena *a, int64_t v)
{
    char digits[32];
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    int n = snprintf(digits, sizeof digits, "%llu", u);
    char out[64];
    size_t o = 0;
    if (v < 0) {
        memcpy(out, "\xe2\x88\x92", 3); /* U+2212 minus sign */
        o = 3;
    }
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0) {
            memcpy(out + o, NBSP, 2);
            o += 2;
        }
        out[o++] = digits[i];
    }
    return arena_strndup(a, out, o);
}

char *fmt_money(arena *a, int64_t ore)
{
    int64_t kr = ore / 100, rest = ore % 100;
    if (rest < 0) rest = -rest;
    char *whole = (ore < 0 && kr == 0) ? arena_strdup(a, "\xe2\x88\x92" "0") : fmt_int(a, kr);
    if (rest) return arena_printf(a, "%s,%02lld" NBSP "kr", whole, (long long)rest);
    return arena_printf(a, "%s" NBSP "kr", whole);
}
