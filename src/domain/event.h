/* Public events (issue 9): recurrence rules expanded into occurrence days,
 * local Stockholm time to Unix seconds, the offer window of the waiting
 * list, and what registration needs.  Rules only: no clock, no HTTP, no SQL. */
#ifndef SAMSKAP_EVENT_H
#define SAMSKAP_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/mem.h"

enum event_status { EV_PLANNED, EV_OPEN, EV_FULL, EV_CANCELLED, EV_DONE, EV_STATUS_COUNT };
/* Stored names: planerat, oppet, fullt, installt, genomfort. */
const char *event_status_name(enum event_status s);
bool event_status_parse(const char *name, enum event_status *out);

enum rec_freq { REC_NONE, REC_WEEKLY, REC_MONTHLY };
const char *rec_freq_name(enum rec_freq f);   /* ingen, veckovis, manadsvis */
bool rec_freq_parse(const char *name, enum rec_freq *out);

/* Weekly: on the days in `weekdays` (bit 0 Monday .. bit 6 Sunday) every
 * `interval` weeks.  Monthly: on the nth (1..4, or -1: the last) weekday
 * `weekdays` names (exactly one bit) every `interval` months — "the first
 * Friday".  Ends on `until` (YYYY-MM-DD, inclusive) or after `count`
 * occurrences; one of them must be given. */
struct recurrence {
    enum rec_freq freq;
    int interval;
    unsigned weekdays;
    int nth;
    const char *until;  /* "" when count is used */
    int count;          /* 0 when until is used */
};

enum { EVENT_MAX_OCCURRENCES = 500 };

/* The days of the occurrences, from start_ymd (which counts when it fits
 * the rule; a one-off event has start_ymd only).  Returns NULL and the
 * days (YYYY-MM-DD, allocated from a), or a locale key: the rule ends before
 * it starts, has no end, would make more than EVENT_MAX_OCCURRENCES, or is
 * malformed. */
const char *recurrence_expand(arena *a, const struct recurrence *rc, const char *start_ymd,
                              const char ***days, size_t *n);
/* The RRULE value for an iCalendar feed ("FREQ=WEEKLY;INTERVAL=1;BYDAY=TH;
 * UNTIL=20270630T235959Z"), "" for a one-off event. */
const char *recurrence_rrule(arena *a, const struct recurrence *rc);

/* Day of the week of a date: 0 Monday .. 6 Sunday. */
int ymd_weekday(int y, int m, int d);
/* Days since 1970-01-01 and back. */
int64_t ymd_to_days(int y, int m, int d);
void days_to_ymd(int64_t days, int *y, int *m, int *d);

/* Local time in Europe/Stockholm (CET/CEST by the EU rule: summer time
 * from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
 * Sunday of October) as Unix seconds.  A local time that does not exist
 * (02:30 on the spring-forward night) is read as winter time (03:30 CEST). */
int64_t stockholm_to_unix(int y, int mo, int d, int h, int mi);
/* The reverse: the local day and time (for "today" in tests and pages). */
void unix_to_stockholm(int64_t t, int *y, int *mo, int *d, int *h, int *mi);

/* How long an offer of a freed place stays open: `hours` (set per event),
 * shrunk when the event is near so that the person after can still be
 * asked — at most half the time left before the start.  0 means no offer
 * can be made any more (less than an hour left). */
int64_t offer_window(int64_t hours, int64_t now, int64_t starts_at);

/* A place can be registered for: the event is open and published, the
 * occurrence not cancelled and not begun.  NULL or a locale key. */
const char *registration_refusal(enum event_status ev, bool published, bool occ_cancelled,
                                 int64_t now, int64_t starts_at);

/* Capacities people can type: 0..EVENT_MAX_CAPACITY. */
enum { EVENT_MAX_CAPACITY = 100000 };
/* A new capacity for an occurrence with `taken` places confirmed or
 * offered and `held` held back: NULL, or "event.err.capacity_below". */
const char *capacity_change_refusal(int64_t capacity, int64_t held, int64_t taken);

#endif
