/* Putting each module's texts into the search index (store/search_sources.c).
 * Each reads the text by id and puts it when anyone may read it, or drops
 * it; call inside the transaction that writes the text. */
#ifndef SAMSKAP_STORE_SEARCH_SOURCES_H
#define SAMSKAP_STORE_SEARCH_SOURCES_H

#include <stdint.h>

#include "store/db.h"

enum db_rc search_index_post(db *d, int64_t id);
enum db_rc search_index_org(db *d, int64_t id);
enum db_rc search_index_idea(db *d, int64_t id);
enum db_rc search_index_activity(db *d, int64_t id);
enum db_rc search_index_meeting(db *d, int64_t id);
enum db_rc search_index_offering(db *d, int64_t id);

/* Every text again, in one transaction (`samskap search-rebuild`, and
 * after the migration that adds the index to a database with texts). */
enum db_rc search_rebuild(db *d);

#endif
