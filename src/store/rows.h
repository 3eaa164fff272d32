/* Row readers shared by the store's files (not part of store.h). */
#ifndef SAMSKAP_ROWS_H
#define SAMSKAP_ROWS_H

#include "store/store.h"

/* An organisation as (org_id, name, slug) in columns col..col+2. */
void read_named_org(db_stmt *st, arena *a, int col, struct named_org *o);

/* People as (id, name) rows: every row of st, then db_done. */
enum db_rc many_user_names(db_stmt *st, arena *a, struct user **list, size_t *n);

#endif
