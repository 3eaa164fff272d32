#include "domain/org.h"

#include <string.h>

#include "util/text.h"

static const char *const kinds[ORG_KIND_COUNT] = {
    [ORG_FORENING] = "forening", [ORG_PARAPLY] = "paraply", [ORG_FORVALTNING] = "forvaltning",
    [ORG_FORETAG] = "foretag", [ORG_ANNAN] = "annan",
};
static const char *const sectors[SECTOR_COUNT] = {
    [SECTOR_IDEELL] = "ideell", [SECTOR_OFFENTLIG] = "offentlig", [SECTOR_PRIVAT] = "privat",
};

const char *org_kind_name(enum org_kind k)
{
    return (unsigned)k < ORG_KIND_COUNT ? kinds[k] : kinds[ORG_ANNAN];
}

int org_kind_from_name(const char *s)
{
    for (int i = 0; s && i < ORG_KIND_COUNT; i++)
        if (strcmp(s, kinds[i]) == 0) return i;
    return -1;
}

const char *org_sector_name(enum org_sector s)
{
    return (unsigned)s < SECTOR_COUNT ? sectors[s] : sectors[SECTOR_IDEELL];
}

int org_sector_from_name(const char *s)
{
    for (int i = 0; s && i < SECTOR_COUNT; i++)
        if (strcmp(s, sectors[i]) == 0) return i;
    return -1;
}

const char *validate_website(const char *url)
{
    if (!url || !*url) return NULL;
    if (!starts_with(url, "https://") && !starts_with(url, "http://")) return "err.website";
    const char *host = strstr(url, "//") + 2;
    if (!*host || *host == '/') return "err.website";
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p <= ' ' || *p == 0x7F || *p == '"' || *p == '<' || *p == '>' || *p == '\\' ||
            *p == '`')
            return "err.website";
    return NULL;
}

bool org_parent_allowed(int64_t org_id, int64_t parent_id, int64_t parent_parent_id)
{
    if (parent_id == 0) return true;
    if (parent_id == org_id) return false;
    return parent_parent_id == 0;
}
