#include "domain/idea.h"

#include <string.h>

#include "domain/money.h"

static const char *const names[IDEA_STATUS_COUNT] = {
    [IDEA_DRAFT] = "utkast",         [IDEA_SUBMITTED] = "inskickad",
    [IDEA_REVIEW] = "under_bedomning", [IDEA_APPROVED] = "beviljad",
    [IDEA_CHANGES] = "behover_andras", [IDEA_DECLINED] = "avslagen",
    [IDEA_RUNNING] = "pagar",        [IDEA_COMPLETED] = "genomford",
    [IDEA_REPORTED] = "rapporterad",
};

const char *idea_status_name(enum idea_status s)
{
    return (unsigned)s < IDEA_STATUS_COUNT ? names[s] : names[IDEA_DRAFT];
}

int idea_status_from_name(const char *s)
{
    for (int i = 0; s && i < IDEA_STATUS_COUNT; i++)
        if (strcmp(s, names[i]) == 0) return i;
    return -1;
}

static const struct {
    enum idea_status from, to;
    unsigned who;
} transitions[] = {
    {IDEA_DRAFT, IDEA_SUBMITTED, ACTOR_SUBMITTER},
    {IDEA_CHANGES, IDEA_SUBMITTED, ACTOR_SUBMITTER},
    {IDEA_SUBMITTED, IDEA_REVIEW, ACTOR_COORDINATOR},
    {IDEA_REVIEW, IDEA_APPROVED, ACTOR_COORDINATOR},
    {IDEA_REVIEW, IDEA_CHANGES, ACTOR_COORDINATOR},
    {IDEA_REVIEW, IDEA_DECLINED, ACTOR_COORDINATOR},
    {IDEA_APPROVED, IDEA_RUNNING, ACTOR_SUBMITTER | ACTOR_COORDINATOR},
    {IDEA_RUNNING, IDEA_COMPLETED, ACTOR_SUBMITTER | ACTOR_COORDINATOR},
    {IDEA_COMPLETED, IDEA_REPORTED, ACTOR_SUBMITTER | ACTOR_COORDINATOR},
};

bool idea_transition_allowed(enum idea_status from, enum idea_status to, unsigned actors)
{
    for (size_t i = 0; i < sizeof transitions / sizeof transitions[0]; i++)
        if (transitions[i].from == from && transitions[i].to == to)
            return (transitions[i].who & actors) != 0;
    return false;
}

size_t idea_next_statuses(enum idea_status from, unsigned actors,
                          enum idea_status out[IDEA_STATUS_COUNT])
{
    size_t n = 0;
    for (size_t i = 0; i < sizeof transitions / sizeof transitions[0]; i++)
        if (transitions[i].from == from && (transitions[i].who & actors)) out[n++] = transitions[i].to;
    return n;
}

bool idea_editable(enum idea_status s)
{
    return s == IDEA_DRAFT || s == IDEA_CHANGES;
}

bool idea_claimable(enum idea_status s)
{
    return s == IDEA_APPROVED || s == IDEA_RUNNING || s == IDEA_COMPLETED;
}

bool idea_public(enum idea_status s)
{
    return s != IDEA_DRAFT;
}

bool youth_age_ok(int64_t birth_year, int year_now)
{
    int64_t age = (int64_t)year_now - birth_year;
    return age >= YOUTH_MIN_AGE && age <= YOUTH_MAX_AGE;
}

const char *idea_budget_problem(const struct budget_line *lines, size_t n, int64_t limit)
{
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (lines[i].asked <= 0) return "err.money_positive";
        if (!money_add(sum, lines[i].asked, &sum)) return "err.money_too_large";
    }
    if (sum > limit) return "err.budget_over_project";
    return NULL;
}

const char *grant_problem(const struct budget_line *lines, size_t n, int64_t project_budget,
                          int64_t project_granted, int64_t idea_granted_now)
{
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (lines[i].granted < 0) return "err.money_negative";
        if (lines[i].granted > lines[i].asked) return "err.grant_over_asked";
        if (!money_add(sum, lines[i].granted, &sum)) return "err.money_too_large";
    }
    if (project_granted - idea_granted_now + sum > project_budget) return "err.grant_over_budget";
    return NULL;
}
