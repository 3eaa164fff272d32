/* What the pages of the events family share (src/web/events/): loading
 * an event (writing the 404), who organises it, how an occurrence's time
 * reads, the e-mails with their links, filling freed places with offers,
 * and the sweep the server runs in every process. */
#ifndef SAMSKAP_WEB_EVENTS_H
#define SAMSKAP_WEB_EVENTS_H

#include <stdbool.h>
#include <stdint.h>

#include "http/req.h"
#include "store/store.h"

/* The event named by id_text, or NULL after writing the 404 (also for a
 * draft, to everyone but its organisers) or the 500. */
struct event *load_event(req *r, const char *id_text);
/* The occurrence of e named by id_text, or NULL after the 404. */
struct occurrence *event_occurrence(req *r, struct event *e, const char *id_text);
/* A coordinator, or a representative of one of the event's organisers. */
bool can_organise(req *r, const struct event *e);
/* The organisations r's user may organise events for (all for a
 * coordinator). */
enum db_rc organiser_orgs(req *r, struct event_org **list, size_t *n);
/* "torsdag 19 mars 2026, 12.00–19.00" */
const char *occ_when(req *r, const struct occurrence *o);
/* Places left for registration (never negative). */
int64_t occ_free(const struct occurrence *o);

/* The front page's card of coming events (three, soonest first). */
void events_home_block(req *r);

/* Queues the confirmation e-mail (confirm and cancel links) of a
 * registration whose link token is token. */
enum db_rc events_mail_confirm(db *d, arena *a, const struct event *e, const struct occurrence *o,
                               const char *name, const char *email, const char *token, int64_t now);
/* Tells everyone with a place, an offer or a place in the queue for o that
 * it is cancelled (cancel) or moved to day start–end (in the caller's
 * transaction). */
enum db_rc events_mail_change(db *d, arena *a, const struct event *e, const struct occurrence *o, bool cancel,
                              const char *day, const char *start, const char *end, int64_t now);
/* Offers every free place of the occurrence to the next people waiting,
 * each with an e-mail (in the caller's transaction). */
enum db_rc events_fill(db *d, arena *a, int64_t occurrence_id, int64_t now);
/* The sweep (run by the sender thread of every process): expired offers
 * pass on, freed places are offered, registrations past their retention
 * date are erased.  Conditional updates make each step happen once. */
void events_sweep_run(void *db_conn, int64_t now);

#endif
