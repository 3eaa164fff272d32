/* Demo data from the seed documents (../shared/seeds): organisations,
 * people with each role, the seed texts as posts, a few comments. */
#ifndef SAMSKAP_DEMO_H
#define SAMSKAP_DEMO_H

#include <stdbool.h>

#include "store/db.h"
#include "util/mem.h"

/* The password of every demo account (documented in README.md). */
#define DEMO_PASSWORD "samskap-demo"

/* Loads the demo data once; later calls see the marker and do nothing. */
bool demo_load(db *d);

/* Header-and-body blocks, the format of the files under demo/. */
struct block {
    const char *keys[12];
    const char *values[12];
    int n;
    const char *body;
};
/* Splits text into blocks separated by lines "---"; '#' lines before the
 * first header are comments. */
int demo_blocks(arena *a, const char *text, struct block *out, int max);
const char *block_get(const struct block *b, const char *key);

#endif
