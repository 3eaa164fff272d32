/* Offerings: see domain/offering.h. */
#include "domain/offering.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *const status_names[] = {"utkast", "publicerad"};
static const char *const cost_names[] = {"gratis", "avgift"};

const char *offering_status_name(enum offering_status s)
{
    return s < OFFERING_STATUS_COUNT ? status_names[s] : "utkast";
}

int offering_status_from_name(const char *s)
{
    for (int i = 0; s && i < OFFERING_STATUS_COUNT; i++)
        if (strcmp(s, status_names[i]) == 0) return i;
    return -1;
}

const char *offering_cost_name(enum offering_cost c)
{
    return c < COST_COUNT ? cost_names[c] : "gratis";
}

int offering_cost_from_name(const char *s)
{
    for (int i = 0; s && i < COST_COUNT; i++)
        if (strcmp(s, cost_names[i]) == 0) return i;
    return -1;
}

const char *offering_cost_facet(enum offering_cost c)
{
    return offering_cost_name(c);
}

const char *offering_age_problem(int64_t min, int64_t max)
{
    if ((min != -1 && (min < 0 || min > OFFERING_AGE_MAX)) ||
        (max != -1 && (max < 0 || max > OFFERING_AGE_MAX)))
        return "err.offering.age_range";
    if (min != -1 && max != -1 && max < min) return "err.offering.age_order";
    return NULL;
}

/* Minutes since midnight of "HH:MM", or -1. */
static int minutes(const char *hm)
{
    if (!hm || strlen(hm) != 5 || hm[2] != ':') return -1;
    for (int i = 0; i < 5; i++)
        if (i != 2 && !isdigit((unsigned char)hm[i])) return -1;
    int h = (hm[0] - '0') * 10 + (hm[1] - '0'), m = (hm[3] - '0') * 10 + (hm[4] - '0');
    if (h > 24 || m > 59 || (h == 24 && m)) return -1;
    return h * 60 + m;
}

const char *offering_hours_problem(const struct opening *h, size_t n, size_t *bad)
{
    for (size_t i = 0; i < n; i++) {
        *bad = i;
        if (h[i].weekday < 1 || h[i].weekday > 7) return "err.offering.weekday";
        int o = minutes(h[i].opens), c = minutes(h[i].closes);
        if (o < 0 || c < 0) return "err.offering.time";
        if (c <= o) return "err.offering.hours_order";
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            if (h[i].weekday != h[j].weekday) continue;
            if (minutes(h[i].opens) < minutes(h[j].closes) && minutes(h[j].opens) < minutes(h[i].closes)) {
                *bad = j;
                return "err.offering.hours_overlap";
            }
        }
    return NULL;
}

static const char *const function_addresses[] = {
    "info", "kontakt", "kansli", "post", "hej", "expedition", "reception", "registrator",
    "kundtjanst", "medlem", "jour", "stod", "office", "mail", "frivillig", "volontar",
};

const char *offering_contact_problem(const char *contact)
{
    for (const char *at = contact ? strchr(contact, '@') : NULL; at; at = strchr(at + 1, '@')) {
        const char *s = at;
        while (s > contact && (isalnum((unsigned char)s[-1]) || s[-1] == '.' || s[-1] == '_' ||
                               s[-1] == '-' || s[-1] == '+'))
            s--;
        size_t n = (size_t)(at - s);
        if (!n || !isalnum((unsigned char)at[1])) continue; /* not an address */
        bool ok = false;
        for (size_t i = 0; i < sizeof function_addresses / sizeof *function_addresses; i++)
            if (strlen(function_addresses[i]) == n && strncasecmp(s, function_addresses[i], n) == 0)
                ok = true;
        if (!ok) return "err.offering.personal_email";
    }
    return NULL;
}

bool offering_open_now(const struct opening *h, size_t n, int weekday, const char *hm)
{
    int now = minutes(hm);
    if (now < 0) return false;
    for (size_t i = 0; i < n; i++)
        if (h[i].weekday == weekday && minutes(h[i].opens) <= now && now < minutes(h[i].closes))
            return true;
    return false;
}
