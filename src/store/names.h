/* Inside src/store: reading the stored names of statuses and kinds.  A
 * name this binary does not know (a corrupted row, a misspelt literal) is
 * our bug: it is logged and the reader answers DB_ERR, never a default. */
#ifndef SAMSKAP_STORE_NAMES_H
#define SAMSKAP_STORE_NAMES_H

#include <stdbool.h>

/* n from a *_from_name(): true when n >= 0, else logs "what" and value. */
bool store_name_known(int n, const char *what, const char *value);

/* After a conditional UPDATE changed nothing: DB_NOTFOUND when the row
 * (SELECT COUNT(*) ... WHERE id = ?, bound to id) is not there at all,
 * DB_CONFLICT when it is but no longer in the state the caller saw. */
#include "store/db.h"
enum db_rc store_gone_or_conflict(db *d, const char *count_sql, int64_t id);

#endif
