/* Shared by the development-group pages (groups.c, meetings.c,
 * activities.c). */
#ifndef SAMSKAP_GROUP_H
#define SAMSKAP_GROUP_H

#include "http/req.h"
#include "store/store.h"

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

#endif
