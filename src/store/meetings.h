/* Storage of meetings, agendas, minutes (store/meetings.c).
 * Part of the storage interface; store/store.h says what every function
 * returns. */
#ifndef SAMSKAP_STORE_MEETINGS_H
#define SAMSKAP_STORE_MEETINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/meeting.h"
#include "store/db.h"
#include "util/mem.h"

/* Creates a meeting and carries over missing reports from the meeting
 * before it. */
enum db_rc store_meeting_create(db *d, const struct meeting *m, int64_t now, int64_t *id);
enum db_rc store_meeting_update(db *d, const struct meeting *m, int64_t now);
/* The meeting with its agenda (items, the activities' organisations,
 * questions, where carried items came from), action items raised there,
 * open action items from earlier meetings, and attendance. */
enum db_rc store_meeting_get(db *d, arena *a, int64_t id, struct meeting **m);
/* The meeting with its agenda alone: items, their organisations, where
 * carried items came from (no questions, action items or attendance):
 * the agenda editor, which shows nothing else. */
enum db_rc store_meeting_agenda(db *d, arena *a, int64_t id, struct meeting **m);
/* A group's meetings in date order, without their agendas. */
enum db_rc store_meetings_of_group(db *d, arena *a, int64_t group_id, struct meeting **list,
                                   size_t *n);
/* Planned meetings on from_ymd or later, soonest first. */
enum db_rc store_meetings_planned(db *d, arena *a, const char *from_ymd, int64_t limit,
                                  struct meeting **list, size_t *n);
enum db_rc store_agenda_add(db *d, int64_t meeting_id, const struct agenda_item *item,
                            int64_t *id);
/* Removes an item (DB_NOTFOUND when it is not on that meeting). */
enum db_rc store_agenda_remove(db *d, int64_t meeting_id, int64_t item_id);
/* Moves an item one step up (-1) or down (+1) within its section. */
enum db_rc store_agenda_move(db *d, int64_t meeting_id, int64_t item_id, int delta);

struct minutes {
    int64_t expected_version;     /* the version the editor started from */
    const char *by;               /* who saves */
    size_t nitems;
    struct minutes_item {
        int64_t item_id;
        const char *text;
        bool report_missing;
        const char **questions;
        size_t nquestions;
    } *items;
    struct attendee *attendees;
    size_t nattendees;
};
/* Saves the minutes if nobody saved since expected_version (else
 * DB_CONFLICT: nothing written), and carries items whose
 * report is missing onto the group's next meeting. */
enum db_rc store_minutes_save(db *d, int64_t meeting_id, const struct minutes *mi, int64_t now);
/* Sets the meeting's status (publishing stamps published_at; publishing
 * published minutes again is DB_CONFLICT: someone else was first). */
enum db_rc store_meeting_set_status(db *d, int64_t meeting_id, enum meeting_status to,
                                    int64_t now);
/* Ensures every report marked missing sits on the next meeting's agenda. */
enum db_rc store_carry_over(db *d, int64_t group_id);

enum db_rc store_action_add(db *d, int64_t meeting_id, const struct action_item *act,
                            int64_t now, int64_t *id);
/* Marks an open action item done at a meeting.  DB_CONFLICT when not open. */
enum db_rc store_action_done(db *d, int64_t action_id, int64_t meeting_id, int64_t now);

/* Users to tell when a meeting's minutes are published: submitters of the
 * ideas behind its activities, representatives of the activities'
 * organisations, and the activities' participants; with the item id. */
struct recipient {
    int64_t user_id;
    int64_t item_id;
};
enum db_rc store_minutes_recipients(db *d, arena *a, int64_t meeting_id,
                                    struct recipient **list, size_t *n);

#endif
