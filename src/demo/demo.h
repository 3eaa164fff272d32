/* Demo data from the seed documents (../shared/seeds): organisations,
 * people with each role, the seed texts as posts, a few comments. */
#ifndef SAMSKAP_DEMO_H
#define SAMSKAP_DEMO_H

#include <stdbool.h>

#include "store/db.h"
#include "util/mem.h"

/* The password of every demo account (documented in README.md). */
#define DEMO_PASSWORD "samskap-demo"

/* Indexes of the demo accounts, in the order demo.c creates them. */
enum { DEMO_ADMIN, DEMO_COORDINATOR, DEMO_COMMUNICATOR, DEMO_REPRESENTATIVE, DEMO_YOUTH,
       DEMO_REPORTER, DEMO_PLAIN_LANGUAGE, DEMO_USER_COUNT };

/* The open calls of seed 003 (calls.c). */
enum db_rc demo_calls(db *d, arena *a, const int64_t *user_ids, int64_t now);

/* The development group and its meetings (meetings.c). */
enum db_rc demo_meetings(db *d, arena *a, int64_t now);

/* Who was at the group's meetings, for the statistics (stats.c). */
enum db_rc demo_stats(db *d, arena *a, int64_t now);
/* Plain-language review: a call text and a letter template reviewed by the
 * demo reviewer (klarsprak.c). */
enum db_rc demo_klarsprak(db *d, arena *a, const int64_t *user_ids, int64_t now);
/* The inhabithon of 17–19 June 2022 (hackathon.c): challenges, teams,
 * submissions, the jury's scores, the winner continued as a test idea. */
enum db_rc demo_hackathon(db *d, arena *a, const int64_t *user_ids, const char *password_hash, int64_t now);
/* Public events, their series and registrations (events.c). */
enum db_rc demo_events(db *d, arena *a, int64_t now);
/* Offerings from the seeds, for the catalogue and search (catalogue.c). */
enum db_rc demo_catalogue(db *d, arena *a, int64_t now);

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
