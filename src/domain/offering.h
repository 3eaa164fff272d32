/* Offerings (aktiviteter och insatser, issue 10): what an organisation or a
 * city department offers, and the rules for its age range, opening hours,
 * languages and contact (domain/offering.c).  No HTTP, no SQL; the time
 * "now" comes in as a weekday and a time of day. */
#ifndef SAMSKAP_DOMAIN_OFFERING_H
#define SAMSKAP_DOMAIN_OFFERING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum offering_status { OFFERING_DRAFT, OFFERING_PUBLISHED, OFFERING_STATUS_COUNT };
enum offering_cost { COST_FREE, COST_FEE, COST_COUNT };

#define OFFERING_TITLE_MAX 150
#define OFFERING_DESCRIPTION_MAX 6000
#define OFFERING_SHORT_MAX 500
#define OFFERING_MAX_HOURS 7
#define OFFERING_MAX_PLACES 3
#define OFFERING_AGE_MAX 120

struct opening {
    int weekday;            /* 1 = måndag … 7 = söndag */
    const char *opens;      /* "HH:MM" */
    const char *closes;     /* "HH:MM", after opens */
};

struct place {
    const char *name;
    const char *address;
};

struct target_group {
    int64_t id;
    const char *slug;
    const char *name;
};

struct offering {
    int64_t id;
    int64_t org_id;
    const char *org_name, *org_slug;
    const char *title;
    const char *description;   /* Markdown */
    int64_t age_min, age_max;  /* -1: not given */
    enum offering_cost cost;
    const char *cost_note;
    const char *languages;     /* "svenska, arabiska" */
    const char *contact;       /* how to get in touch or join */
    const char *accessibility;
    const char *area;          /* part of town, e.g. "Drottninghög" */
    bool online;
    enum offering_status status;
    int64_t updated_at;
    struct target_group *groups;
    size_t ngroups;
    struct place *places;
    size_t nplaces;
    struct opening *hours;
    size_t nhours;
};

const char *offering_status_name(enum offering_status s);
int offering_status_from_name(const char *s);
const char *offering_cost_name(enum offering_cost c);
int offering_cost_from_name(const char *s);

/* NULL when fine, else a locale key: the age range ends before it starts
 * or lies outside 0..OFFERING_AGE_MAX. */
const char *offering_age_problem(int64_t min, int64_t max);
/* NULL when fine, else a locale key naming the first problem of the
 * opening hours: a time that is not HH:MM, closing not after opening, or
 * two times on the same day that overlap.  *bad is the index of the
 * offending row. */
const char *offering_hours_problem(const struct opening *h, size_t n, size_t *bad);
/* Contact text may name a phone number, a web address or an organisation's
 * function address (info@, kontakt@, …), never a person's e-mail address:
 * NULL when fine, else a locale key. */
const char *offering_contact_problem(const char *contact);
/* True when one of the hours holds weekday (1–7) at time hm ("HH:MM"). */
bool offering_open_now(const struct opening *h, size_t n, int weekday, const char *hm);
/* "gratis" or "avgift" as a search facet value. */
const char *offering_cost_facet(enum offering_cost c);

#endif
