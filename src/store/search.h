/* Site-wide search (store/search.c): the index every module writes into
 * and the Swedish query over it.  See docs/DESIGN.md, "Search (issue 10)".
 *
 * Writing: a module calls search_put in the same transaction as the text
 * it indexes (its store function runs under the caller's db_tx/action_run;
 * search_put's own db_tx joins it), and search_drop — or search_put with
 * visible false — in the transaction that unpublishes, hides or erases the
 * text.  Only what anyone may read goes in: never drafts, unpublished
 * minutes, internal notes, hidden comments, e-mail addresses or
 * registrations. */
#ifndef SAMSKAP_STORE_SEARCH_H
#define SAMSKAP_STORE_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "util/mem.h"

/* Kinds: "utbud", "organisation", "inlagg", "ide", "aktivitet",
 * "protokoll", "evenemang", "utmaning" (locale key search.kind.<kind>). */
struct search_doc {
    const char *kind;
    int64_t ref;               /* the text's id in its own table */
    const char *url;           /* where a hit links, e.g. "/utbud/12" */
    const char *title;
    const char *body;          /* plain text as the reader sees it (no markup) */
    int64_t updated_at;        /* Unix seconds: fresh ranks over stale */
    /* Facets besides the kind: "org=Helsam", "grupp=anhöriga",
     * "kostnad=gratis", "omrade=Drottninghög"; NULL-terminated; may be NULL. */
    const char *const *facets;
    bool visible;              /* false: removed from the index */
};

/* Puts (or replaces) the document kind/ref; with visible false removes it. */
enum db_rc search_put(db *d, const struct search_doc *doc);
/* Removes kind/ref from the index (DB_OK also when it was not there). */
enum db_rc search_drop(db *d, const char *kind, int64_t ref);
/* Drops every document of a kind (before a module re-puts them all). */
enum db_rc search_drop_kind(db *d, const char *kind);

/* Facet filters ("" or NULL: any). */
struct search_filter {
    const char *kind, *org, *group, *cost, *area;
};

struct search_hit {
    const char *kind, *url, *title, *body;
    int64_t updated_at;
    bool title_hit;
};

struct search_facet_count {
    const char *name, *value;
    int64_t n;
};

enum search_status {
    SEARCH_OK,
    SEARCH_NO_WORDS,   /* nothing searchable in the query (empty, one letter, punctuation) */
};

struct search_result {
    enum search_status status;
    const char **words;        /* the words searched, as typed (lower case) */
    size_t nwords;
    bool words_cut;            /* the query had more words than are searched */
    const char **stems;        /* stems of every word matched: what a snippet marks */
    size_t nstems;
    const char *suggestion;    /* "Menade du": the corrected query, whose hits these are */
    bool folded;               /* found only with å/ä/ö folded */
    struct search_hit *hits;
    size_t n;
    int64_t total;             /* capped: the SEARCH_CAP ranked, of more matches */
    bool capped;               /* more than SEARCH_CAP matched (SQLite): the newest
                                * SEARCH_CAP are ranked and counted for the facets */
    struct search_facet_count *facets;
    size_t nfacets;
    int64_t version;           /* the index's version the result is of (0: unknown) */
};

#define SEARCH_MAX_WORDS 8
#define SEARCH_CAP 1000

/* Searches for q (any text; it is split into words here, never passed to
 * the engine's query syntax) with the filters, hits offset..offset+limit
 * (title hits first, then relevance weighed by freshness at now). */
enum db_rc store_search(db *d, arena *a, const char *q, const struct search_filter *f,
                        int64_t offset, int64_t limit, int64_t now, struct search_result *out);

/* Results are cached in the process, keyed by the index's version (any
 * change to the index is a new version), the query, the filters and the
 * page.  Off: every search runs (benchmarks); also empties the cache. */
void store_search_cache_enable(bool on);

/* Word count of the vocabulary and documents (tests, benchmarks). */
enum db_rc store_search_counts(db *d, int64_t *docs, int64_t *words);

#endif
