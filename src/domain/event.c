/* Public events: recurrence, Stockholm local time, offers (event.h). */
#include <stdio.h>
#include <string.h>

#include "domain/event.h"
#include "view/format.h"

static const char *const status_names[EV_STATUS_COUNT] = {"planerat", "oppet", "fullt", "installt",
                                                          "genomfort"};

const char *event_status_name(enum event_status s)
{
    return (unsigned)s < EV_STATUS_COUNT ? status_names[s] : "";
}

bool event_status_parse(const char *name, enum event_status *out)
{
    for (int i = 0; i < EV_STATUS_COUNT; i++)
        if (name && strcmp(name, status_names[i]) == 0) {
            *out = (enum event_status)i;
            return true;
        }
    return false;
}

static const char *const freq_names[] = {"ingen", "veckovis", "manadsvis"};

const char *rec_freq_name(enum rec_freq f)
{
    return (unsigned)f <= REC_MONTHLY ? freq_names[f] : "";
}

bool rec_freq_parse(const char *name, enum rec_freq *out)
{
    for (int i = 0; i <= REC_MONTHLY; i++)
        if (name && strcmp(name, freq_names[i]) == 0) {
            *out = (enum rec_freq)i;
            return true;
        }
    return false;
}

/* Howard Hinnant's days_from_civil and civil_from_days. */
int64_t ymd_to_days(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void days_to_ymd(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int weekday_of_days(int64_t days)
{
    return (int)(((days % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday */
}

int ymd_weekday(int y, int m, int d)
{
    return weekday_of_days(ymd_to_days(y, m, d));
}

static int days_in_month(int y, int m)
{
    int64_t next = m == 12 ? ymd_to_days(y + 1, 1, 1) : ymd_to_days(y, m + 1, 1);
    return (int)(next - ymd_to_days(y, m, 1));
}

/* The last Sunday of a month, as days since the epoch. */
static int64_t last_sunday(int y, int m)
{
    int64_t last = ymd_to_days(y, m, days_in_month(y, m));
    return last - (weekday_of_days(last) - 6 + 7) % 7;
}

int64_t stockholm_to_unix(int y, int mo, int d, int h, int mi)
{
    int64_t local = ymd_to_days(y, mo, d) * 86400 + h * 3600 + mi * 60;
    int64_t summer_from = last_sunday(y, 3) * 86400 + 3600;
    int64_t summer_to = last_sunday(y, 10) * 86400 + 3600;
    int64_t as_summer = local - 7200;
    if (as_summer >= summer_from && as_summer < summer_to) return as_summer;
    return local - 3600;
}

void unix_to_stockholm(int64_t t, int *y, int *mo, int *d, int *h, int *mi)
{
    int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    int yy, mm, dd;
    days_to_ymd(days, &yy, &mm, &dd);
    int64_t summer_from = last_sunday(yy, 3) * 86400 + 3600;
    int64_t summer_to = last_sunday(yy, 10) * 86400 + 3600;
    int64_t local = t + (t >= summer_from && t < summer_to ? 7200 : 3600);
    int64_t ld = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    days_to_ymd(ld, y, mo, d);
    int64_t sec = local - ld * 86400;
    *h = (int)(sec / 3600);
    *mi = (int)(sec % 3600 / 60);
}

static const char *day_text(arena *a, int64_t days)
{
    int y, m, d;
    days_to_ymd(days, &y, &m, &d);
    return arena_printf(a, "%04d-%02d-%02d", y, m, d);
}

static int bit_count(unsigned v)
{
    int n = 0;
    for (; v; v &= v - 1) n++;
    return n;
}

/* The nth (or last, -1) weekday wd of a month, as days; -1 when none. */
static int64_t nth_weekday(int y, int m, int nth, int wd)
{
    if (nth > 0) {
        int64_t first = ymd_to_days(y, m, 1);
        int64_t day = first + (wd - weekday_of_days(first) + 7) % 7 + 7 * (nth - 1);
        return day - first < days_in_month(y, m) ? day : -1;
    }
    int64_t last = ymd_to_days(y, m, days_in_month(y, m));
    return last - (weekday_of_days(last) - wd + 7) % 7;
}

const char *recurrence_expand(arena *a, const struct recurrence *rc, const char *start_ymd,
                              const char ***days, size_t *n)
{
    int y, m, d;
    *days = NULL;
    *n = 0;
    if (!start_ymd || !parse_ymd(start_ymd, &y, &m, &d)) return "event.err.date";
    int64_t start = ymd_to_days(y, m, d);
    if (rc->freq == REC_NONE) {
        *days = arena_alloc(a, sizeof **days);
        (*days)[0] = day_text(a, start);
        *n = 1;
        return NULL;
    }
    if (rc->interval < 1 || rc->interval > 52) return "event.err.rule_interval";
    if (rc->count < 0) return "event.err.rule_count";
    int64_t until = -1;
    if (rc->until && *rc->until) {
        int uy, um, ud;
        if (!parse_ymd(rc->until, &uy, &um, &ud)) return "event.err.rule_until";
        until = ymd_to_days(uy, um, ud);
        if (until < start) return "event.err.rule_ends_before_start";
    }
    if (until < 0 && rc->count == 0) return "event.err.rule_no_end";
    if (rc->count > EVENT_MAX_OCCURRENCES) return "event.err.rule_too_many";
    if ((rc->weekdays & 0x7f) == 0 || (rc->weekdays & ~0x7fu)) return "event.err.rule_weekdays";
    if (rc->freq == REC_MONTHLY && (bit_count(rc->weekdays) != 1 || rc->nth == 0 ||
                                    rc->nth < -1 || rc->nth > 4))
        return "event.err.rule_nth";
    const char **out = arena_alloc(a, sizeof *out * (EVENT_MAX_OCCURRENCES + 1));
    size_t k = 0;
    bool more = true;
    if (rc->freq == REC_WEEKLY) {
        int64_t monday0 = start - weekday_of_days(start);
        for (int64_t day = start; more; day++) {
            if (until >= 0 && day > until) break;
            int64_t week = (day - monday0) / 7;
            if (week % rc->interval == 0 && (rc->weekdays >> weekday_of_days(day)) & 1u) {
                if (k == EVENT_MAX_OCCURRENCES) return "event.err.rule_too_many";
                out[k++] = day_text(a, day);
                if (rc->count && (int)k == rc->count) more = false;
            }
        }
    } else {
        int wd = __builtin_ctz(rc->weekdays);
        int yy = y, mm = m;
        while (more) {
            int64_t day = nth_weekday(yy, mm, rc->nth, wd);
            if (until >= 0 && ymd_to_days(yy, mm, 1) > until) break;
            if (day >= start && (until < 0 || day <= until)) {
                if (k == EVENT_MAX_OCCURRENCES) return "event.err.rule_too_many";
                out[k++] = day_text(a, day);
                if (rc->count && (int)k == rc->count) more = false;
            }
            mm += rc->interval;
            while (mm > 12) {
                mm -= 12;
                yy++;
            }
            if (yy > 2200) return "event.err.rule_too_many";
        }
    }
    if (k == 0) return "event.err.rule_empty";
    *days = out;
    *n = k;
    return NULL;
}

const char *recurrence_rrule(arena *a, const struct recurrence *rc)
{
    static const char *const wd[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
    if (rc->freq == REC_NONE) return "";
    buf b = {0};
    char part[64];
    snprintf(part, sizeof part, "FREQ=%s;INTERVAL=%d;BYDAY=", rc->freq == REC_WEEKLY ? "WEEKLY" : "MONTHLY",
             rc->interval);
    buf_puts(&b, part);
    bool first = true;
    for (int i = 0; i < 7; i++) {
        if (!((rc->weekdays >> i) & 1u)) continue;
        if (!first) buf_puts(&b, ",");
        first = false;
        if (rc->freq == REC_MONTHLY) {
            snprintf(part, sizeof part, "%d", rc->nth);
            buf_puts(&b, part);
        }
        buf_puts(&b, wd[i]);
    }
    int y, m, d;
    if (rc->until && *rc->until && parse_ymd(rc->until, &y, &m, &d)) {
        /* UNTIL is UTC when DTSTART has a TZID (RFC 5545 3.3.10): the end of
         * that local day */
        int64_t t = stockholm_to_unix(y, m, d, 23, 59) + 59;
        int64_t days = t / 86400, sec = t % 86400;
        days_to_ymd(days, &y, &m, &d);
        snprintf(part, sizeof part, ";UNTIL=%04d%02d%02dT%02d%02d%02dZ", y, m, d, (int)(sec / 3600),
                 (int)(sec % 3600 / 60), (int)(sec % 60));
        buf_puts(&b, part);
    } else if (rc->count > 0) {
        snprintf(part, sizeof part, ";COUNT=%d", rc->count);
        buf_puts(&b, part);
    }
    const char *s = arena_strdup(a, b.data ? b.data : "");
    buf_free(&b);
    return s;
}

int64_t offer_window(int64_t hours, int64_t now, int64_t starts_at)
{
    int64_t left = starts_at - now;
    if (left < 3600) return 0;
    int64_t w = hours * 3600;
    return w > left / 2 ? left / 2 : w;
}

const char *registration_refusal(enum event_status ev, bool published, bool occ_cancelled,
                                 int64_t now, int64_t starts_at)
{
    if (ev == EV_CANCELLED || occ_cancelled) return "event.err.cancelled";
    if (ev == EV_DONE || now >= starts_at) return "event.err.past";
    if (!published || ev == EV_PLANNED) return "event.err.not_open";
    return NULL;
}

const char *capacity_change_refusal(int64_t capacity, int64_t held, int64_t taken)
{
    if (capacity < 0 || capacity > EVENT_MAX_CAPACITY || held < 0 || held > capacity)
        return "event.err.capacity";
    if (capacity - held < taken) return "event.err.capacity_below";
    return NULL;
}
