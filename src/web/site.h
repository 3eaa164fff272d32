/* Site-wide settings the pages need: the public base URL (for feeds and
 * e-mail links) and the URL words that slugs must not take. */
#ifndef SAMSKAP_SITE_H
#define SAMSKAP_SITE_H

#include "util/mem.h"

/* "http://127.0.0.1:8080" unless SAMSKAP_BASE_URL says otherwise. */
const char *site_base_url(void);
void site_set_base_url(const char *url);

/* The i-th candidate slug (i from 1): base, base-2, base-3 ... never a
 * word our routes use, such as "ny". */
const char *slug_try(arena *a, const char *base, int i);

#endif
