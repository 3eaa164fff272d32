/* What the statistics and open-data pages share (src/web/stats/): the
 * period read from the query, and one table written three ways — as an
 * HTML table, as CSV and as JSON — from the same cells, with small counts
 * about people suppressed in all three. */
#ifndef SAMSKAP_WEB_STATS_H
#define SAMSKAP_WEB_STATS_H

#include <stdbool.h>

#include "domain/stats.h"
#include "http/req.h"
#include "store/stats.h"

/* How old the summary may be before it is counted again
 * (SAMSKAP_STATS_MAX_AGE seconds, default 300; 0 counts every time). */
int64_t stats_max_age(void);

/* 503 with Retry-After when store_stats says enough counts are running
 * (DB_CONFLICT) and there is no summary to serve. */
void stats_busy(req *r);

/* The licence of the open data: SAMSKAP_OPEN_DATA_LICENSE (a URL), else CC0. */
const char *stats_licence(void);

/* Reads ar, halvar, fran and till from the query into *p.  NULL when fine;
 * else the locale key of the problem and *field the field it is about. */
const char *stats_period(req *r, struct period *p, const char **field);

/* The query string that repeats the period ("?ar=2022&halvar=1", or "" for
 * all time), for links to the files. */
const char *stats_period_query(req *r, const struct period *p);

/* A cell as text for a page or file: suppressed people, money in kronor
 * on pages (öre in files), tenths of days, "" for no value. */
const char *stats_cell_text(req *r, const struct stat_table *t, size_t row, size_t col, bool file);

/* Where a row's figures link on a page, or NULL.  project_slug: the page's
 * project (status rows link to its idea list), or NULL. */
const char *stats_row_href(req *r, const struct stat_table *t, size_t row, const char *project_slug);

/* The table as HTML (caption, headings from stats.col.*, links). */
void stats_table_html(req *r, const struct stat_table *t, const char *project_slug);

/* The table as a file: fmt "csv" (UTF-8 with BOM, CRLF, a cell starting
 * with = + - @ or a tab gets a leading apostrophe) or "json".  name is the
 * file name offered.  meta (may be NULL) adds members to the JSON. */
void stats_table_csv(req *r, const struct stat_table *t, const char *name);
void stats_table_json(req *r, const struct stat_table *t, const char *name, const struct stats *s);

/* Splits "unga.csv" into id and format; false when there is no dot. */
bool stats_file_name(req *r, const char *seg, const char **id, const char **fmt);

#endif
