/* The development group family: the group page and its feed (groups.c),
 * meetings (meeting_page.c, meeting_form.c), the agenda editor (agenda.c),
 * minutes and action items (minutes.c), activities (activities.c).
 * Implemented by group.c. */
#ifndef SAMSKAP_GROUP_H
#define SAMSKAP_GROUP_H

#include "http/req.h"
#include "store/store.h"
#include "web/dates.h"
#include "web/roles.h"

/* "Planerat", "Genomfört", ... — or "Väntar på protokoll" for a planned
 * meeting whose day has passed. */
const char *meeting_status_label(req *r, const struct meeting *m);
/* Planned, today or later. */
bool meeting_upcoming(req *r, const struct meeting *m);
const char *activity_status_label(req *r, enum activity_status s);
/* "måndag 21 februari 2022" */
const char *meeting_day(req *r, const char *ymd);
/* "Gemensam utvecklingsgrupp 21 februari 2022" */
const char *meeting_title(req *r, const struct meeting *m);
/* " (Framtidsverkstaden, Erikshjälpen)", escaped into the page, linked when
 * in the directory; nothing when there are none. */
void orgs_in_parentheses(req *r, const struct named_org *orgs, size_t n);
/* "16–17", "10", or "" for unknown. */
const char *count_text(req *r, struct count_range c);
struct group *load_group(req *r, const char *slug);
struct meeting *load_meeting(req *r, const char *id_text);
/* The meeting in the path, for a coordinator; otherwise 403 (or 404). */
struct meeting *coordinator_meeting(req *r);
/* The same with the agenda alone (store_meeting_agenda): the agenda editor. */
struct meeting *coordinator_meeting_agenda(req *r);

/* Parts of the agenda and minutes, written by the meeting page, the agenda
 * editor and the minutes editor. */
/* An agenda item's title and its organisations. */
void agenda_item_heading(req *r, const struct agenda_item *it);
/* "flyttad hit från mötet …", when r may see it. */
void agenda_carried_note(req *r, const struct agenda_item *it);
/* One action item as a list item; the caller closes the <li> when
 * `close` is false (to put a button inside it). */
void action_item_line(req *r, const struct action_item *x, bool show_origin, bool close);
/* Minutes can be published from the meeting's day on. */
bool minutes_publishable(req *r, const struct meeting *m);
/* The publish button (meeting page, minutes editor), or why it is not there yet. */
void minutes_publish_tool(req *r, const struct meeting *m);

#endif
