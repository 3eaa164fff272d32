/* Statistics rules (domain/stats.h). */
#include "domain/stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool real_day(const char *s, int *year)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return false;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1) return false;
    int max = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    if (d > max) return false;
    *year = y;
    return true;
}

static bool read_year(const char *s, int *out)
{
    if (strlen(s) != 4) return false;
    for (int i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    *out = atoi(s);
    return *out >= 2000 && *out <= 2099;
}

const char *period_parse(const char *ar, const char *halvar, const char *fran, const char *till,
                         struct period *out)
{
    memset(out, 0, sizeof *out);
    out->kind = PERIOD_ALL;
    strcpy(out->from, "2000-01-01");
    strcpy(out->to, "2099-12-31");
    bool has_from = fran && *fran, has_to = till && *till;
    if (has_from || has_to) {
        int y;
        if (has_from && (!real_day(fran, &y) || y < 2000 || y > 2099)) return "stats.err.date";
        if (has_to && (!real_day(till, &y) || y < 2000 || y > 2099)) return "stats.err.date";
        if (has_from) memcpy(out->from, fran, 11);
        if (has_to) memcpy(out->to, till, 11);
        if (strcmp(out->to, out->from) < 0) return "stats.err.order";
        out->kind = PERIOD_CUSTOM;
        return NULL;
    }
    bool has_year = ar && *ar, has_half = halvar && *halvar;
    if (has_half && !has_year) return "stats.err.half";
    if (!has_year) return NULL;
    if (!read_year(ar, &out->year)) return "stats.err.year";
    out->kind = PERIOD_YEAR;
    snprintf(out->from, sizeof out->from, "%04d-01-01", out->year);
    snprintf(out->to, sizeof out->to, "%04d-12-31", out->year);
    if (has_half) {
        if (strcmp(halvar, "1") == 0) out->half = 1;
        else if (strcmp(halvar, "2") == 0) out->half = 2;
        else return "stats.err.half";
        out->kind = PERIOD_HALF;
        if (out->half == 1) snprintf(out->to, sizeof out->to, "%04d-06-30", out->year);
        else snprintf(out->from, sizeof out->from, "%04d-07-01", out->year);
    }
    return NULL;
}

bool stats_suppressed(int64_t n)
{
    return n > 0 && n < STATS_SUPPRESS_BELOW;
}

int64_t stats_percent(int64_t n, int64_t target)
{
    if (target <= 0 || n <= 0) return 0;
    return n * 100 / target;
}

const char *stats_count_text(arena *a, int64_t n, bool people, const char *few_text)
{
    if (people && stats_suppressed(n)) return few_text;
    return arena_printf(a, "%lld", (long long)n);
}

char *stats_summary(arena *a, const char *tmpl, const char *tmpl_few, int64_t n, int64_t target,
                    const char *few_text)
{
    buf b = {0};
    if (stats_suppressed(n) && tmpl_few) tmpl = tmpl_few;
    const char *nt = stats_count_text(a, n, true, few_text);
    for (const char *p = tmpl; *p;) {
        if (strncmp(p, "{n}", 3) == 0) {
            buf_puts(&b, nt);
            p += 3;
        } else if (strncmp(p, "{target}", 8) == 0) {
            buf_printf(&b, "%lld", (long long)target);
            p += 8;
        } else if (strncmp(p, "{pct}", 5) == 0) {
            buf_printf(&b, "%lld", (long long)stats_percent(n, target));
            p += 5;
        } else buf_putc(&b, *p++);
    }
    char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

void stats_month(const char *ymd, char out[8])
{
    int y;
    out[0] = 0;
    if (!real_day(ymd, &y)) return;
    memcpy(out, ymd, 7);
    out[7] = 0;
}
