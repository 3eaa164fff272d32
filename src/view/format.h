/* Dates, times and money the way Swedish readers expect them:
 * "21 februari 2022", "13.30–15.30", "1 250 kr".  Month names come from the
 * locale files.  Times are shown in Europe/Stockholm (set at start-up). */
#ifndef SAMSKAP_FORMAT_H
#define SAMSKAP_FORMAT_H

#include <stdbool.h>
#include <stdint.h>

#include "util/mem.h"
#include "view/i18n.h"

/* "21 februari 2022" from Unix seconds. */
char *fmt_date(arena *a, enum lang lang, int64_t t);
/* "21 februari 2022 kl. 13.30" */
char *fmt_datetime(arena *a, enum lang lang, int64_t t);
/* "2022-02-21" local, for <time datetime> and inputs. */
char *fmt_date_iso(arena *a, int64_t t);
/* "2022-02-21T13:30:00+01:00" (RFC 3339, local offset), for feeds. */
char *fmt_rfc3339(arena *a, int64_t t);
/* "21 februari 2022" from "2022-02-21"; NULL when not a date. */
char *fmt_ymd(arena *a, enum lang lang, const char *ymd);
/* "13.30" from "13:30"; "13.30–15.30" from two. */
char *fmt_hm(arena *a, const char *hm);
char *fmt_hm_range(arena *a, const char *from, const char *to);
/* "1 250 kr", "1 250,50 kr", "−300 kr"; thin spaces are no-break spaces. */
char *fmt_money(arena *a, int64_t ore);
/* "1 250" with a no-break space as thousands separator. */
char *fmt_int(arena *a, int64_t v);

/* Parses "YYYY-MM-DD" into its parts; false unless a real calendar date. */
bool parse_ymd(const char *s, int *y, int *m, int *d);
/* Parses "HH:MM" (also "HH.MM"); false unless a real time of day. */
bool parse_hm(const char *s, int *h, int *m);
/* Local midnight (Europe/Stockholm) of a date as Unix seconds. */
int64_t local_time(int y, int m, int d, int hh, int mm);

#endif
