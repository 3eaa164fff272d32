/* Statistics rules: the period a page counts, small-count suppression and
 * the one-sentence summaries of the charts.  No HTTP, no SQL, no clock. */
#ifndef SAMSKAP_DOMAIN_STATS_H
#define SAMSKAP_DOMAIN_STATS_H

#include <stdbool.h>
#include <stdint.h>

#include "util/mem.h"

/* Counts about people below this are shown as "färre än 5" in every output
 * (pages, CSV, JSON); 0 is shown as 0, since it identifies nobody. */
enum { STATS_SUPPRESS_BELOW = 5 };

enum period_kind { PERIOD_ALL, PERIOD_YEAR, PERIOD_HALF, PERIOD_CUSTOM };

struct period {
    enum period_kind kind;
    int year;         /* PERIOD_YEAR, PERIOD_HALF */
    int half;         /* 1 or 2 for PERIOD_HALF */
    char from[11];    /* YYYY-MM-DD, inclusive */
    char to[11];      /* YYYY-MM-DD, inclusive */
};

/* Reads a period from the filter form's values (any may be NULL or ""):
 * ar (year), halvar ("1" or "2", needs ar), fran and till (custom dates,
 * either may be left out).  Custom dates win over a year.  Returns NULL
 * when fine, else a locale key: stats.err.year, stats.err.half,
 * stats.err.date (not a real day in 2000–2099), stats.err.order (ends
 * before it starts). */
const char *period_parse(const char *ar, const char *halvar, const char *fran, const char *till,
                         struct period *out);

/* True when n counts people and must not be shown as a number. */
bool stats_suppressed(int64_t n);

/* Whole percent of target, rounded down; 0 when there is no target. */
int64_t stats_percent(int64_t n, int64_t target);

/* The number as shown: few_text ("färre än 5") when suppressed. */
const char *stats_count_text(arena *a, int64_t n, bool people, const char *few_text);

/* Fills a summary template: {n} (the count, or few_text when suppressed),
 * {target}, {pct}.  A suppressed count uses tmpl_few (when not NULL), which
 * must not say {pct}: a share would give the count away.  E.g. "Hittills {n} av {target} engagerade unga, {pct}
 * procent av målet." → "Hittills 37 av 50 engagerade unga, 74 procent av
 * målet." */
char *stats_summary(arena *a, const char *tmpl, const char *tmpl_few, int64_t n, int64_t target,
                    const char *few_text);

/* The month of a YYYY-MM-DD date as YYYY-MM, or "" when it is no date. */
void stats_month(const char *ymd, char out[8]);

#endif
