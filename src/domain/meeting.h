/* The joint development group (seeds 000–002): activities and their
 * follow-up, meetings with agendas and minutes, action items, and reports
 * that are carried over when missing.  Rules only. */
#ifndef SAMSKAP_MEETING_H
#define SAMSKAP_MEETING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/idea.h"
#include "util/mem.h"

enum activity_status { ACT_PLANNED, ACT_RUNNING, ACT_DONE, ACT_CANCELLED, ACT_STATUS_COUNT };
enum meeting_status { MEETING_PLANNED, MEETING_HELD, MEETING_PUBLISHED, MEETING_STATUS_COUNT };
enum item_section { SECTION_MAIN, SECTION_OTHER, SECTION_COUNT };   /* agenda / övriga frågor */
enum action_status { ACTION_OPEN, ACTION_DONE };

/* A count that may be a range: "16–17 barn och unga kom" is {16, 17};
 * "10 personer" is {10, 10}; unknown is {-1, -1}. */
struct count_range {
    int64_t min, max;
};

struct named_org {
    int64_t org_id;         /* 0 when not in the directory */
    const char *name;
    const char *slug;
};

struct link {
    const char *url, *title;
};

struct activity {
    int64_t id;
    const char *title;
    int64_t idea_id;
    enum activity_status status;
    const char *presenter;
    const char *start_date, *end_date;
    struct count_range total, youth;
    const char *report, *results, *feedback, *feedback_date, *next_steps;
    int64_t updated_at;
    struct named_org *orgs;
    size_t norgs;
    struct link *links;
    size_t nlinks;
};

struct question {
    int64_t item_id;
    const char *text;
};

struct action_item {
    int64_t id;
    int64_t meeting_id;
    const char *meeting_date;   /* where it was raised */
    int64_t item_id;
    int64_t owner_org_id;
    const char *owner_name, *owner_slug;
    const char *what, *due;
    enum action_status status;
    int64_t done_meeting_id;
    bool raised_public;         /* the minutes where it was raised are published */
};

struct agenda_item {
    int64_t id;
    int64_t position;
    enum item_section section;
    int64_t activity_id;
    const char *title, *presenter, *minutes;
    bool report_missing;
    int64_t carried_from;            /* the item this one was carried from */
    int64_t carried_meeting_id;      /* and its meeting */
    const char *carried_meeting_date;
    bool carried_public;             /* that meeting's minutes are published */
    int activity_status;             /* the activity's (enum activity_status), or -1 */
    const char *activity_report;     /* the activity's report (one report, one truth) */
    /* the activity's responsible organisations, shown in parentheses */
    struct named_org *orgs;
    size_t norgs;
    const char **questions;
    size_t nquestions;
};

struct attendee {
    const char *name, *org_name;
    bool remote;
};

struct meeting {
    int64_t id;
    int64_t group_id;
    const char *group_slug, *group_name;
    const char *date, *start_time, *end_time;
    const char *place_name, *place_address, *online;
    const char *theme, *description;
    enum meeting_status status;
    int64_t minutes_version;
    const char *minutes_by;
    int64_t published_at, updated_at;

    struct agenda_item *items;
    size_t nitems;
    struct action_item *actions;       /* raised at this meeting */
    size_t nactions;
    struct action_item *followups;     /* open from earlier meetings (or done here) */
    size_t nfollowups;
    struct attendee *attendees;
    size_t nattendees;
};

struct group {
    int64_t id;
    const char *slug, *name, *description;
    struct named_org *orgs;            /* member organisations */
    size_t norgs;
    struct group_person {
        const char *name, *title, *phone;
        bool contact;
    } *people;
    size_t npeople;
};

const char *activity_status_name(enum activity_status s);   /* "planerad", ... */
int activity_status_from_name(const char *s);
/* One report, one truth (issue 8): an idea that is running or done is
 * followed on its activity.  The activity's status for an idea in status
 * `s` (running: pågår; completed or reported: genomförd), or -1 when the
 * idea's status says nothing about its activity. */
int activity_status_for_idea(enum idea_status s);
/* An idea is marked done: it then has an activity (made from it if there
 * was none). */
bool idea_needs_activity(enum idea_status s);
/* The other way: an activity saved as running or done moves its idea
 * forward along the lifecycle (approved → running → completed), never
 * back.  Writes the steps into `path` (at most 2); returns how many. */
size_t idea_path_for_activity(enum activity_status act, enum idea_status idea, enum idea_status path[2]);
/* The activity made from an idea: its title, period, the organisation and
 * the partners as responsible organisations, the status for the idea's
 * status; texts empty.  Allocated from `a`. */
struct activity activity_from_idea(arena *a, const struct idea *i);
const char *meeting_status_name(enum meeting_status s);     /* "planerat", ... */
int meeting_status_from_name(const char *s);
const char *section_name(enum item_section s);               /* "punkt", "ovrigt" */
int section_from_name(const char *s);

/* Reads "16", "16-17", "16–17" or "16 – 17" (also with trailing words such
 * as "16–17 barn") into a range; false when it is not a count, negative,
 * reversed or absurd (above COUNT_MAX).  Empty text is {-1, -1} and true. */
enum { COUNT_MAX = 100000 };
bool parse_count_range(const char *s, struct count_range *out);

/* A meeting's times: both HH:MM and the end after the start. */
bool meeting_times_ok(const char *start, const char *end);

/* Minutes may be written while a meeting is planned or held; once
 * published they are final unless a coordinator reopens them. */
bool minutes_editable(enum meeting_status s);

/* The meeting's day, by date: `meeting_date` and `today` are YYYY-MM-DD
 * (today as the caller's clock and time zone have it; local time in
 * Stockholm for the site).  A missing date has not come. */
bool meeting_day_has_come(const char *meeting_date, const char *today);   /* date <= today */
bool meeting_day_has_passed(const char *meeting_date, const char *today); /* date < today */

/* Planned and its day today or later: "Kommande möten". */
bool meeting_upcoming_on(const struct meeting *m, const char *today);
/* Planned, but its day has passed: what is missing is the minutes
 * ("Väntar på protokoll"). */
bool meeting_awaits_minutes_on(const struct meeting *m, const char *today);
/* Minutes may be published from the meeting's day on, once. */
bool minutes_publishable_on(const struct meeting *m, const char *today);
/* Saving minutes on or after the day makes a planned meeting held (notes
 * written ahead of it do not). */
bool minutes_save_holds_meeting(const struct meeting *m, const char *today);

/* The attendance list of minutes, one person a line:
 * "Namn, organisation (digitalt)" — the organisation after the first comma,
 * remote when the last parenthesis holds `remote_word`.  Blank lines are
 * skipped; *out is allocated from a (at most MAX_ATTENDEES).  Returns NULL
 * or the first problem's locale key ("err.too_many_lines", "err.too_long"
 * for a name or organisation over ATTENDEE_TEXT_MAX characters); what was
 * read is in *out, *n either way. */
const char *parse_attendance(arena *a, const char *text, const char *remote_word, struct attendee **out,
                             size_t *n);

/* Questions to an agenda item, one a line; blank lines skipped, each
 * trimmed.  NULL or "err.too_many_lines" (more than MAX_QUESTIONS). */
const char *parse_questions(arena *a, const char *text, const char ***out, size_t *n);

enum {
    ATTENDEE_TEXT_MAX = 120,
    MEETING_TEXT_MAX = 2000, MINUTES_MAX = 20000, ITEM_TITLE_MAX = 200, ACTION_TEXT_MAX = 500,
    ACTIVITY_TEXT_MAX = 8000, SUGGESTION_MAX = 2000, MAX_ATTENDEES = 200, MAX_QUESTIONS = 30,
};

#endif
