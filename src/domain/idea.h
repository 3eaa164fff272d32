/* Test ideas (testidéer) and their lifecycle:
 *
 *   utkast → inskickad → under bedömning → beviljad / behöver ändras / avslagen
 *   behöver ändras → inskickad (after changes)
 *   beviljad → pågår → genomförd → rapporterad
 *
 * Each transition is allowed for certain actors only: the submitter (the
 * person who wrote the idea, or a representative of the organisation it
 * was written for) or a coordinator.  Amounts are öre. */
#ifndef SAMSKAP_IDEA_H
#define SAMSKAP_IDEA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum idea_status {
    IDEA_DRAFT,
    IDEA_SUBMITTED,
    IDEA_REVIEW,
    IDEA_APPROVED,
    IDEA_CHANGES,
    IDEA_DECLINED,
    IDEA_RUNNING,
    IDEA_COMPLETED,
    IDEA_REPORTED,
    IDEA_STATUS_COUNT
};

enum actor { ACTOR_SUBMITTER = 1, ACTOR_COORDINATOR = 2 };

struct budget_line {
    int64_t id;
    int64_t category_id;
    const char *category;      /* name, filled by queries */
    const char *description;
    int64_t asked, granted, approved_total;
};

struct partner {
    int64_t org_id;            /* 0 for a partner named but not in the directory */
    const char *name;
    const char *slug;          /* of the organisation, when in the directory */
};

struct idea {
    int64_t id;
    int64_t project_id;
    const char *project_slug, *project_title;
    const char *title;
    int64_t submitter_id;
    const char *submitter_name;
    int64_t org_id;            /* on behalf of an organisation, or 0 */
    const char *org_name, *org_slug;
    int64_t birth_year;        /* a young person for themselves, or 0 */
    const char *need, *youth_role, *action;
    const char *period_start, *period_end;   /* YYYY-MM-DD */
    const char *feedback_plan, *sharing_plan;
    const char *report;        /* the report of its activity (one report, one truth) */
    enum idea_status status;
    const char *decision_message;
    int64_t decided_at, submitted_at, updated_at;
    int64_t granted_total, asked_total;
    const char *internal_notes;

    struct budget_line *lines;
    size_t nlines;
    struct partner *partners;
    size_t npartners;
};

const char *idea_status_name(enum idea_status s);   /* stored: "utkast", "inskickad" ... */
int idea_status_from_name(const char *s);

/* True when an actor with the roles in `actors` (ACTOR_* bits) may move an
 * idea from `from` to `to`. */
bool idea_transition_allowed(enum idea_status from, enum idea_status to, unsigned actors);
/* The statuses reachable from `from` for `actors`, in lifecycle order. */
size_t idea_next_statuses(enum idea_status from, unsigned actors, enum idea_status out[IDEA_STATUS_COUNT]);

/* The submitter may edit the idea's texts and budget in these states. */
bool idea_editable(enum idea_status s);
/* Expense claims may be made in these states. */
bool idea_claimable(enum idea_status s);
/* Drafts are seen only by their submitter. */
bool idea_public(enum idea_status s);

/* A young person submitting for themselves must be 13–18 in the year of
 * submission (only the birth year is known, so the year difference counts). */
enum { YOUTH_MIN_AGE = 13, YOUTH_MAX_AGE = 18 };
bool youth_age_ok(int64_t birth_year, int year_now);

enum {
    IDEA_TITLE_MAX = 150, IDEA_TEXT_MAX = 4000, LINE_TEXT_MAX = 200, IDEA_MAX_LINES = 20,
    IDEA_MAX_PARTNERS = 30, PARTNER_NAME_MAX = 120, DECISION_MAX = 4000, IDEAS_PER_PAGE = 20,
};

/* Checks an idea's budget lines: each amount positive, the sum within
 * `limit` (the project budget).  NULL or a locale key. */
const char *idea_budget_problem(const struct budget_line *lines, size_t n, int64_t limit);

/* Checks granted amounts before a decision: 0 <= granted <= asked per
 * line, and the idea's new grant fits what the project has left
 * (budget - granted_total + the idea's current grant).  NULL or a key. */
const char *grant_problem(const struct budget_line *lines, size_t n, int64_t project_budget,
                          int64_t project_granted, int64_t idea_granted_now);

#endif
