/* Organisations: associations, city departments, umbrella organisations
 * with member associations (Helsam and its members). */
#ifndef SAMSKAP_ORG_H
#define SAMSKAP_ORG_H

#include <stdbool.h>
#include <stdint.h>

enum org_kind { ORG_FORENING, ORG_PARAPLY, ORG_FORVALTNING, ORG_FORETAG, ORG_ANNAN, ORG_KIND_COUNT };
enum org_sector { SECTOR_IDEELL, SECTOR_OFFENTLIG, SECTOR_PRIVAT, SECTOR_COUNT };

struct org {
    int64_t id;
    const char *slug;
    const char *name;
    enum org_kind kind;
    enum org_sector sector;
    const char *summary;
    const char *description;
    const char *website;
    int64_t parent_id;          /* 0 when none */
    const char *parent_name;    /* filled by queries that join it */
    const char *parent_slug;
    int64_t updated_at;
};

const char *org_kind_name(enum org_kind k);     /* stored name, e.g. "forening" */
int org_kind_from_name(const char *s);          /* -1 when unknown */
const char *org_sector_name(enum org_sector s);
int org_sector_from_name(const char *s);

enum { ORG_NAME_MAX = 120, ORG_SUMMARY_MAX = 300, ORG_DESCRIPTION_MAX = 8000, ORG_WEBSITE_MAX = 300 };

/* NULL when fine, else a locale key.  A website must be http(s)://. */
const char *validate_website(const char *url);

/* An organisation may not be its own parent, nor have an umbrella that is
 * itself a member of another: umbrellas are one level deep. */
bool org_parent_allowed(int64_t org_id, int64_t parent_id, int64_t parent_parent_id);

#endif
