/* Storage of public events, their occurrences, series and registrations
 * (store/events.c).  Part of the storage interface; store/store.h says
 * what every function returns.
 *
 * The places of an occurrence are counters on its row (confirmed, offered,
 * held, waiting), changed only by conditional updates in the same
 * transaction as the registration they count: a place is taken with
 * `UPDATE … SET confirmed = confirmed + 1 WHERE id = ? AND confirmed +
 * offered + held < capacity AND waiting = 0` and one changed row, so two
 * server processes on one database can never over-fill an occurrence
 * (SQLite: the write lock; PostgreSQL: the row lock and SERIALIZABLE with
 * retries), and a CHECK says it again. */
#ifndef SAMSKAP_STORE_EVENTS_H
#define SAMSKAP_STORE_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/event.h"
#include "store/db.h"
#include "util/mem.h"

struct event_org {
    int64_t id;
    const char *slug, *name;
};

struct occurrence {
    int64_t id, event_id;
    const char *rule_day, *day, *start_time, *end_time;
    int64_t starts_at, ends_at;
    bool cancelled;
    int64_t capacity, held, confirmed, offered, waiting;
    int64_t attended;     /* -1: not recorded */
    bool erased;          /* registrations erased after retention */
    /* of its event, for lists */
    const char *title, *theme, *place_name;
    enum event_status ev_status;
    bool published, drop_in;
};

struct event {
    int64_t id;
    const char *title, *description, *theme;
    const char *place_name, *place_address, *room;
    bool step_free, hearing_loop, quiet_room;
    const char *online_url;
    bool online_registered_only;
    const char *print_text;
    enum event_status status;
    bool published;
    int64_t series_id;           /* 0: none */
    const char *series_slug, *series_title;
    const char *start_day, *start_time, *end_time;
    struct recurrence rule;
    int64_t capacity, held, offer_hours, retention_days;
    bool youth, drop_in;
    int64_t created_by, created_at, updated_at;
    struct event_org *orgs;
    size_t norgs;
    struct occurrence *occ;      /* in time order */
    size_t nocc;
};

struct series {
    int64_t id;
    const char *slug, *title, *description, *first_day, *last_day;
};

/* Creates an event with its organisers and one occurrence per day (each
 * with the event's capacity, times and derived Unix times). */
enum db_rc store_event_create(db *d, const struct event *e, const int64_t *org_ids, size_t norgs,
                              const char *const *days, size_t ndays, int64_t now, int64_t *id);
/* The event with organisers, series and occurrences. */
enum db_rc store_event_get(db *d, arena *a, int64_t id, struct event **e);
/* Title, texts, place and status (not the rule or the times). */
enum db_rc store_event_update(db *d, const struct event *e, int64_t now);
/* A new capacity for every coming occurrence of an event: DB_CONFLICT when
 * one has more places taken than capacity - held allows (nothing
 * written); *max_taken then says how many. */
enum db_rc store_event_set_capacity(db *d, int64_t event_id, int64_t capacity, int64_t held,
                                    int64_t now, int64_t *max_taken);

struct occ_filter {
    int64_t org_id, series_id;  /* 0: any */
    const char *theme;          /* NULL: any */
    bool include_unpublished;
    int64_t ends_after;         /* store_events_with_occurrences: only events with an
                                   occurrence ending after this (0: any) */
};
/* Occurrences starting in [from, to) of published events (or all), in
 * time order, at most limit. */
enum db_rc store_occurrences_between(db *d, arena *a, const struct occ_filter *f, int64_t from,
                                     int64_t to, int64_t limit, struct occurrence **list, size_t *n);
/* Events that match (published only unless asked) with their occurrences
 * (no organisers), by id; at most limit, the newest (highest ids) when
 * more match: two queries in one snapshot. */
enum db_rc store_events_with_occurrences(db *d, arena *a, const struct occ_filter *f, int64_t limit,
                                         struct event **list, size_t *n);
/* Drafts (unpublished events) a person may organise: every draft for a
 * coordinator (all = true), else those of the organisations they represent;
 * id, title and first day only, newest first. */
enum db_rc store_event_drafts(db *d, arena *a, int64_t user_id, bool all, struct event **list, size_t *n);
enum db_rc store_occurrence_get(db *d, arena *a, int64_t id, struct occurrence *o);
/* Cancels one occurrence (its registrations stay, to be told). */
enum db_rc store_occurrence_cancel(db *d, int64_t id);
/* Moves one occurrence to another day and time (the rule's day stays, as
 * RECURRENCE-ID).  DB_CONFLICT when it is cancelled. */
enum db_rc store_occurrence_move(db *d, int64_t id, const char *day, const char *start, const char *end);
/* Records a count of attendance (drop-in events, or the ticked count). */
enum db_rc store_occurrence_attended(db *d, int64_t id, int64_t count);

enum db_rc store_series_create(db *d, const struct series *s, int64_t now, int64_t *id);
enum db_rc store_series_by_slug(db *d, arena *a, const char *slug, struct series *s);
enum db_rc store_series_all(db *d, arena *a, struct series **list, size_t *n);
/* Organisations that organise at least one published event. */
enum db_rc store_event_orgs(db *d, arena *a, struct event_org **list, size_t *n);

enum reg_status { REG_UNCONFIRMED, REG_CONFIRMED, REG_WAITING, REG_OFFERED, REG_EXPIRED,
                  REG_STATUS_COUNT };
const char *reg_status_name(enum reg_status s); /* obekraftad, bekraftad, vantar, erbjuden, utgangen */

struct registration {
    int64_t id, occurrence_id, user_id;
    const char *name, *email, *needs;
    int64_t birth_year;
    enum reg_status status;
    int64_t offer_until;
    int64_t position;        /* on the waiting list, from 1; 0 when not waiting */
    bool attended;
    int64_t created_at;
};

/* A new unconfirmed registration with the hash of its link token.
 * DB_CONSTRAINT: that e-mail address is registered for it already. */
enum db_rc store_registration_add(db *d, const struct registration *g, const char *token_hash,
                                  int64_t now, int64_t *id);
/* Gives the registration of email for an occurrence a new link token (the
 * "send the link again" of a second try).  DB_NOTFOUND: none. */
enum db_rc store_registration_retoken(db *d, arena *a, int64_t occurrence_id, const char *email,
                                      const char *token_hash, int64_t now, struct registration *g);
/* The registration whose link (token_hash) or offer link (offer hash)
 * this is, with its position on the waiting list.  DB_NOTFOUND: none. */
enum db_rc store_registration_by_token(db *d, arena *a, const char *token_hash,
                                       struct registration *g);
enum db_rc store_registration_by_offer(db *d, arena *a, const char *offer_hash,
                                       struct registration *g);
/* Confirms an unconfirmed registration: a place when one is free and
 * nobody waits, else the waiting list.  *status is the result (also when
 * it was confirmed before: nothing changes then). */
enum db_rc store_registration_confirm(db *d, int64_t reg_id, int64_t now, enum reg_status *status);
/* Cancels and erases a registration, giving back its place.  DB_NOTFOUND
 * when it is gone already. */
enum db_rc store_registration_cancel(db *d, int64_t reg_id);
/* Accepts an open offer before offer_until: DB_CONFLICT when it is no
 * longer offered or the window has passed. */
enum db_rc store_offer_accept(db *d, int64_t reg_id, int64_t now);
/* Offers the next free place of an occurrence to the first one waiting:
 * *made false when there is no free place or nobody waits. */
enum db_rc store_offer_next(db *d, arena *a, int64_t occurrence_id, const char *offer_hash,
                            int64_t until, int64_t now, bool *made, struct registration *g);
/* Offers whose window has passed: marked expired and their places given
 * back (at most limit); the occurrences they were for in *occ. */
enum db_rc store_offers_expire(db *d, arena *a, int64_t now, int64_t limit, int64_t **occ,
                               size_t *n);
/* Occurrences not yet begun with a free place and someone waiting. */
enum db_rc store_occurrences_to_offer(db *d, arena *a, int64_t now, int64_t limit, int64_t **occ,
                                      size_t *n);
/* Registrations of an occurrence in order (confirmed, offered, waiting,
 * unconfirmed), for the organiser. */
enum db_rc store_registrations_of(db *d, arena *a, int64_t occurrence_id,
                                  struct registration **list, size_t *n);
/* Ticks who came: attended set for the ids given (of that occurrence),
 * cleared for the others; the occurrence's count becomes their number. */
enum db_rc store_attendance_save(db *d, int64_t occurrence_id, const int64_t *ids, size_t n);
/* Erases the registrations of occurrences whose event's retention date
 * (end + retention_days) has passed; the counts stay.  *erased: how many
 * occurrences. */
enum db_rc store_events_erase_due(db *d, int64_t now, int64_t *erased);

/* The search index (store/search.h, kind "evenemang"): puts the event when
 * published (a cancelled one too, its title saying so), drops it when a
 * draft or gone.  Called inside the transactions that write events. */
enum db_rc search_index_event(db *d, int64_t id);

#endif
