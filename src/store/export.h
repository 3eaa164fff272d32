/* Everything stored about one person, for their export (store/export.c):
 * GDPR art. 15 and 20.  Each part is one query over one table (or a table
 * and what names it), its rows as text; docs/DESIGN.md, "What we store
 * about a person", lists every column that can refer to a person and the
 * part that holds it.  Part of the storage interface. */
#ifndef SAMSKAP_STORE_EXPORT_H
#define SAMSKAP_STORE_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "util/mem.h"

/* A column: its name in the export, and whether it is a time (Unix
 * seconds, written as a date and time by the page). */
struct export_col {
    const char *name;
    bool time;
};

struct export_part {
    const char *key;             /* "ideer": the JSON member, and locale keys export.<key>.* */
    const char *table;           /* the table(s) it comes from */
    size_t ncols;
    const struct export_col *cols;
    size_t nrows;
    const char **cells;          /* nrows × ncols, NULL for SQL NULL */
};

/* The number of parts, and the key of part i: store_person_export gives
 * every part, part i at parts[i] (a page can keep per-part texts by place). */
size_t store_export_part_count(void);
const char *store_export_part_key(size_t i);

/* Every part, in a fixed order, read in one snapshot.  Only rows that
 * are the person's or name them; of another person nothing but a name
 * they were shown anyway (a coordinator who decided, a post's author). */
enum db_rc store_person_export(db *d, arena *a, int64_t user_id, const char *email,
                               struct export_part **parts, size_t *n);

#endif
