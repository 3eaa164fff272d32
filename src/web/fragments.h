/* A small in-process cache of rendered HTML fragments, keyed by a string
 * that includes the version of what they show (for example a post's id and
 * its approved-comment count), so a stale fragment is never found: a
 * change makes a new key.  Each server process has its own; nothing here
 * has to agree across processes. */
#ifndef SAMSKAP_FRAGMENTS_H
#define SAMSKAP_FRAGMENTS_H

#include "util/mem.h"

/* A copy (in a) of the fragment stored under key, or NULL. */
const char *fragment_get(arena *a, const char *key);
void fragment_put(const char *key, const char *html, size_t len);
/* Frees everything (at shutdown). */
void fragment_cache_free(void);

#endif
