/* Statistics and open data (issue 13): the figures of /statistik and
 * /projekt/<slug>/statistik, and the public lists of /oppna-data.
 * Part of the storage interface.
 *
 * A statistics document is a list of tables, each a list of columns and
 * rows of cells (a whole number or a text); the page, its CSV and its JSON
 * are written from the same document, so they cannot disagree.  Counts are
 * stored raw; small-count suppression ("färre än 5", domain/stats.h) is
 * applied when a document is written out, to every column marked people.
 *
 * Only what is public is counted: ideas that are not drafts, activities,
 * meetings whose minutes are published; nothing names a person.
 * "Engaged young people" is defined once, in docs/DESIGN.md ("Statistics
 * and open data"), and computed by stats_youth_sources in store/stats.c —
 * the extension point where event attendance and hackathon registrations
 * join. */
#ifndef SAMSKAP_STORE_STATS_H
#define SAMSKAP_STORE_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "util/mem.h"

enum stat_col_kind { SC_TEXT, SC_COUNT, SC_PEOPLE, SC_MONEY, SC_PERCENT, SC_DAYS };

struct stat_col {
    const char *id;          /* field name in CSV/JSON, locale key stats.col.<id> */
    enum stat_col_kind kind; /* SC_PEOPLE: suppressed under 5 */
    const char *lprefix;     /* SC_TEXT: the text is a name, shown as T(lprefix + text); NULL: as is */
};

struct stat_cell {
    int64_t n;               /* SC_DAYS: tenths of a day; -1 when there is no value */
    const char *text;        /* SC_TEXT */
    const char *ref;         /* what the row is about, for links ("idea:12", "org:slug", "meeting:3"), or NULL */
};

struct stat_table {
    const char *id;          /* "unga", "ideer_status", …: file name and locale key stats.table.<id> */
    size_t ncols;
    const struct stat_col *cols;
    size_t nrows;
    struct stat_cell *cells; /* nrows × ncols */
    size_t total_rows;       /* rows before a page's cut (store_stats' max_rows); = nrows when whole */
};

struct stats {
    int64_t project_id;      /* 0: the whole platform */
    int64_t target;          /* the project's target of engaged young people (0: none) */
    int64_t target_year;
    char from[11], to[11];   /* the period, inclusive */
    int64_t generated_at;    /* when these figures were counted */
    size_t ntables;
    struct stat_table *tables;
};

/* The figures for one project (project_id > 0) or the platform (0) in the
 * period [from, to].  Served from the summary table stats_cache when it
 * is younger than max_age seconds (0: always count afresh); otherwise
 * counted and stored there for the next request (any server process may
 * refresh it; the latest write wins, which is fine: both are counts of
 * the same rows).  max_rows > 0 cuts the tables that grow with the data
 * (one row per activity, per pair of organisations, per meeting) to that
 * many rows — the latest activities and meetings, the most frequent pairs
 * — for a page, whose document then stays small however much is counted;
 * 0 keeps every row (the files).  The cut and the whole are kept apart.
 * With max_age > 0 at most two counts run at once per process: a request
 * beyond that serves a stale summary, or gets DB_CONFLICT when there is
 * none (the page answers 503 "try again"). */
enum db_rc store_stats(db *d, arena *a, int64_t project_id, const char *from, const char *to,
                       int64_t now, int64_t max_age, size_t max_rows, struct stats **out);

/* The columns of a statistics table (false when id is none). */
bool stats_layout(const char *id, const struct stat_col **cols, size_t *ncols);

/* A table of the document by id, or NULL. */
const struct stat_table *stats_table(const struct stats *s, const char *id);

/* The public lists of the open data, as tables of the same shape:
 * "projekt", "ideer" (published ideas; never a submitter's name: the
 * kind of submitter and the organisation), "bidrag" (granted money per
 * idea and category), "aktiviteter", "moten" (meetings whose minutes are
 * published; counts, no names), "organisationer". */
enum db_rc store_open_list(db *d, arena *a, const char *id, struct stat_table **out);
/* The columns of a list (false when id is none). */
bool open_list_layout(const char *id, const struct stat_col **cols, size_t *ncols);
/* The ids of store_open_list, NULL-terminated. */
extern const char *const open_list_ids[];

#endif
