/* Projects with an open call (seed 003, "Delaktighet och samskapande med
 * ungdomar"): texts, goals, eligibility, call period, budget, expense
 * categories, numbered assessment criteria, contacts, status. */
#ifndef SAMSKAP_PROJECT_H
#define SAMSKAP_PROJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum project_status { PROJECT_PLANNED, PROJECT_OPEN, PROJECT_RUNNING, PROJECT_CLOSED, PROJECT_STATUS_COUNT };

struct category {
    int64_t id;
    const char *name;
};

struct criterion {
    int64_t id;
    int64_t number;
    const char *text;
};

struct contact {
    const char *name;
    const char *title;
    const char *phone;
};

struct project {
    int64_t id;
    const char *slug;
    const char *title;
    const char *summary;
    const char *what, *why, *how;       /* Vad? Varför? Hur? */
    const char *short_goal;
    int64_t short_target;               /* e.g. engaged young people this year */
    int64_t short_year;
    const char *long_goal;
    bool eligible_orgs, eligible_youth;
    const char *call_opens, *call_closes; /* YYYY-MM-DD, inclusive */
    int64_t budget, granted_total;        /* öre */
    enum project_status status;
    const char *internal_notes;           /* coordinators only */
    int64_t updated_at;

    struct category *categories;
    size_t ncategories;
    struct criterion *criteria;
    size_t ncriteria;
    struct contact *contacts;
    size_t ncontacts;
};

const char *project_status_name(enum project_status s);   /* "planerat", "oppet", ... */
int project_status_from_name(const char *s);

/* True while ideas may be submitted: the project is open and today
 * (YYYY-MM-DD, local) lies within the call period. */
bool project_call_open(const struct project *p, const char *today);

/* The expense categories of seed 003, in order. */
extern const char *const DEFAULT_CATEGORIES[];
extern const size_t DEFAULT_CATEGORY_COUNT;

enum {
    PROJECT_TITLE_MAX = 200, PROJECT_TEXT_MAX = 8000, PROJECT_GOAL_MAX = 1000,
    CATEGORY_NAME_MAX = 80, CRITERION_TEXT_MAX = 1000, PROJECT_MAX_CATEGORIES = 12,
    PROJECT_MAX_CRITERIA = 12, PROJECT_MAX_CONTACTS = 6,
};

#endif
