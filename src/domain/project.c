#include "domain/project.h"

#include <string.h>

static const char *const names[PROJECT_STATUS_COUNT] = {
    [PROJECT_PLANNED] = "planerat", [PROJECT_OPEN] = "oppet",
    [PROJECT_RUNNING] = "pagar", [PROJECT_CLOSED] = "avslutat",
};

const char *project_status_name(enum project_status s)
{
    return (unsigned)s < PROJECT_STATUS_COUNT ? names[s] : names[PROJECT_PLANNED];
}

int project_status_from_name(const char *s)
{
    for (int i = 0; s && i < PROJECT_STATUS_COUNT; i++)
        if (strcmp(s, names[i]) == 0) return i;
    return -1;
}

bool project_call_open(const struct project *p, const char *today)
{
    return p->status == PROJECT_OPEN && strcmp(today, p->call_opens) >= 0 &&
           strcmp(today, p->call_closes) <= 0;
}

const char *const DEFAULT_CATEGORIES[] = {
    "Arvode till ungdomar", "Bidrag till föreningar", "Digitala lösningar",
    "Fika och material", "Kommunikation",
};
const size_t DEFAULT_CATEGORY_COUNT = sizeof DEFAULT_CATEGORIES / sizeof DEFAULT_CATEGORIES[0];
