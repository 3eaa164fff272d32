/* /utbud.json and /utbud.csv: the published offerings as open data in the
 * Open Referral Human Services Data Specification (HSDS 3.0) — organization,
 * service, location, address, service_at_location, schedule, language,
 * taxonomy_term and attribute.  The mapping is in docs/HSDS.md. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "view/format.h"
#include "view/markdown.h"
#include "web/catalogue/catalogue.h"
#include "web/pages.h"
#include "web/site.h"

static const char *const byday[] = {"", "MO", "TU", "WE", "TH", "FR", "SA", "SU"};

static const char *oid(arena *a, const char *kind, int64_t id)
{
    return arena_printf(a, "samskap:%s:%lld", kind, (long long)id);
}

static json_t *str(const char *s)
{
    return json_string(s ? s : "");
}

static json_t *export_json(req *r, const struct offering *list, size_t n)
{
    json_t *orgs = json_array(), *services = json_array(), *locations = json_array(),
           *addresses = json_array(), *sal = json_array(), *schedules = json_array(),
           *languages = json_array(), *terms = json_array(), *attributes = json_array();
    struct target_group *groups = NULL;
    size_t ngroups = 0;
    if (store_target_groups(r->db, r->a, &groups, &ngroups) != DB_OK) ngroups = 0;
    for (size_t i = 0; i < ngroups; i++)
        json_array_append_new(terms, json_pack("{s:s, s:s, s:s, s:s}", "id", oid(r->a, "malgrupp", groups[i].id),
                                               "code", groups[i].slug, "name", groups[i].name, "taxonomy",
                                               "samskap-malgrupper"));
    int64_t seen_org[1024];
    size_t nseen = 0;
    for (size_t i = 0; i < n; i++) {
        const struct offering *f = &list[i];
        bool seen = false;
        for (size_t k = 0; k < nseen; k++) seen |= seen_org[k] == f->org_id;
        if (!seen) {
            if (nseen < 1024) seen_org[nseen++] = f->org_id;
            json_array_append_new(orgs, json_pack("{s:s, s:o, s:o}", "id", oid(r->a, "organisation", f->org_id),
                                                  "name", str(f->org_name), "url",
                                                  str(arena_printf(r->a, "%s/organisationer/%s", site_base_url(), f->org_slug))));
        }
        const char *sid = oid(r->a, "utbud", f->id);
        json_t *s = json_pack("{s:s, s:s, s:o, s:o, s:o, s:s, s:o, s:s}", "id", sid, "organization_id",
                              oid(r->a, "organisation", f->org_id), "name", str(f->title), "description",
                              str(markdown_plain(r->a, f->description)), "url",
                              str(arena_printf(r->a, "%s/utbud/%lld", site_base_url(), (long long)f->id)), "status",
                              "active", "application_process", str(f->contact), "last_modified",
                              fmt_rfc3339(r->a, f->updated_at));
        json_object_set_new(s, "fees_description",
                            str(*f->cost_note ? arena_printf(r->a, "%s. %s", f->cost == COST_FREE ? "Gratis" : "Avgift",
                                                             f->cost_note)
                                              : (f->cost == COST_FREE ? "Gratis" : "Avgift")));
        if (f->age_min >= 0) json_object_set_new(s, "minimum_age", json_integer(f->age_min));
        if (f->age_max >= 0) json_object_set_new(s, "maximum_age", json_integer(f->age_max));
        json_array_append_new(services, s);
        for (size_t k = 0; k < f->nplaces; k++) {
            const char *lid = arena_printf(r->a, "samskap:plats:%lld:%zu", (long long)f->id, k);
            json_array_append_new(locations, json_pack("{s:s, s:s, s:o, s:o}", "id", lid, "location_type", "physical",
                                                       "name", str(f->places[k].name), "description", str(f->accessibility)));
            if (*f->places[k].address)
                json_array_append_new(addresses, json_pack("{s:s, s:s, s:o, s:s, s:s, s:s, s:s, s:s}", "id",
                                                           arena_printf(r->a, "%s:adress", lid), "location_id", lid,
                                                           "address_1", str(f->places[k].address), "city", "Helsingborg",
                                                           "region", "Skåne", "state_province", "Skåne län",
                                                           "postal_code", "", "country", "SE"));
            json_array_append_new(sal, json_pack("{s:s, s:s, s:s}", "id", arena_printf(r->a, "%s:%s", sid, lid),
                                                 "service_id", sid, "location_id", lid));
        }
        if (f->online) {
            const char *lid = arena_printf(r->a, "samskap:plats:%lld:online", (long long)f->id);
            json_array_append_new(locations, json_pack("{s:s, s:s, s:s}", "id", lid, "location_type", "virtual", "name",
                                                       "Online"));
            json_array_append_new(sal, json_pack("{s:s, s:s, s:s}", "id", arena_printf(r->a, "%s:%s", sid, lid),
                                                 "service_id", sid, "location_id", lid));
        }
        for (size_t k = 0; k < f->nhours; k++)
            json_array_append_new(schedules, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "id",
                                                       arena_printf(r->a, "%s:tid:%zu", sid, k), "service_id", sid,
                                                       "freq", "WEEKLY", "byday", byday[f->hours[k].weekday],
                                                       "opens_at", f->hours[k].opens, "closes_at", f->hours[k].closes));
        /* languages: "svenska, arabiska" → one row each */
        char *copy = arena_strdup(r->a, f->languages), *save = NULL;
        size_t li = 0;
        for (char *t = strtok_r(copy, ",;", &save); t; t = strtok_r(NULL, ",;", &save)) {
            while (*t == ' ') t++;
            size_t len = strlen(t);
            while (len && t[len - 1] == ' ') t[--len] = 0;
            if (!len) continue;
            json_array_append_new(languages, json_pack("{s:s, s:s, s:s}", "id",
                                                       arena_printf(r->a, "%s:sprak:%zu", sid, li++), "service_id", sid,
                                                       "name", t));
        }
        for (size_t k = 0; k < f->ngroups; k++)
            json_array_append_new(attributes, json_pack("{s:s, s:s, s:s, s:s, s:s}", "id",
                                                        arena_printf(r->a, "%s:malgrupp:%lld", sid, (long long)f->groups[k].id),
                                                        "link_id", sid, "link_type", "service", "link_entity", "service",
                                                        "taxonomy_term_id", oid(r->a, "malgrupp", f->groups[k].id)));
    }
    return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "hsds_version", "3.0", "organization", orgs,
                     "service", services, "location", locations, "address", addresses, "service_at_location", sal,
                     "schedule", schedules, "language", languages, "taxonomy_term", terms, "attribute", attributes);
}

static void h_json(req *r)
{
    struct offering *list = NULL;
    size_t n = 0;
    if (store_offerings_list(r->db, r->a, false, NULL, 0, &list, &n) != DB_OK) return page_fail(r, "hsds");
    json_t *doc = export_json(r, list, n);
    char *s = doc ? json_dumps(doc, JSON_INDENT(1)) : NULL;
    json_decref(doc);
    if (!s) return page_fail(r, "hsds json");
    r->mime = "application/json; charset=utf-8";
    buf_puts(&r->body, s);
    buf_putc(&r->body, '\n');
    free(s);
}

/* A CSV field: quoted, quotes doubled; a leading = + - @ gets a ' so that
 * spreadsheets do not run it as a formula. */
static void csv_field(buf *b, const char *s, bool last)
{
    buf_putc(b, '"');
    if (s && (*s == '=' || *s == '+' || *s == '-' || *s == '@')) buf_putc(b, '\'');
    for (const char *p = s ? s : ""; *p; p++) {
        if (*p == '"') buf_putc(b, '"');
        buf_putc(b, *p);
    }
    buf_putc(b, '"');
    buf_puts(b, last ? "\r\n" : ",");
}

static void h_csv(req *r)
{
    struct offering *list = NULL;
    size_t n = 0;
    if (store_offerings_list(r->db, r->a, false, NULL, 0, &list, &n) != DB_OK) return page_fail(r, "hsds");
    buf *b = &r->body;
    buf_puts(b, "id,organization_id,organization_name,name,description,url,status,fees_description,"
                "minimum_age,maximum_age,languages,target_groups,locations,schedule,application_process,"
                "accessibility,last_modified\r\n");
    for (size_t i = 0; i < n; i++) {
        const struct offering *f = &list[i];
        buf g = {0}, l = {0}, s = {0};
        for (size_t k = 0; k < f->ngroups; k++) buf_printf(&g, "%s%s", k ? "; " : "", f->groups[k].name);
        for (size_t k = 0; k < f->nplaces; k++)
            buf_printf(&l, "%s%s%s%s", k ? "; " : "", f->places[k].name, *f->places[k].address ? ", " : "",
                       f->places[k].address);
        if (f->online) buf_printf(&l, "%sOnline", f->nplaces ? "; " : "");
        for (size_t k = 0; k < f->nhours; k++)
            buf_printf(&s, "%s%s %s-%s", k ? "; " : "", byday[f->hours[k].weekday], f->hours[k].opens,
                       f->hours[k].closes);
        csv_field(b, oid(r->a, "utbud", f->id), false);
        csv_field(b, oid(r->a, "organisation", f->org_id), false);
        csv_field(b, f->org_name, false);
        csv_field(b, f->title, false);
        csv_field(b, markdown_plain(r->a, f->description), false);
        csv_field(b, arena_printf(r->a, "%s/utbud/%lld", site_base_url(), (long long)f->id), false);
        csv_field(b, "active", false);
        csv_field(b, f->cost == COST_FREE ? "Gratis" : "Avgift", false);
        csv_field(b, f->age_min >= 0 ? arena_printf(r->a, "%lld", (long long)f->age_min) : "", false);
        csv_field(b, f->age_max >= 0 ? arena_printf(r->a, "%lld", (long long)f->age_max) : "", false);
        csv_field(b, f->languages, false);
        csv_field(b, buf_cstr(&g), false);
        csv_field(b, buf_cstr(&l), false);
        csv_field(b, buf_cstr(&s), false);
        csv_field(b, f->contact, false);
        csv_field(b, f->accessibility, false);
        csv_field(b, fmt_rfc3339(r->a, f->updated_at), true);
        buf_free(&g);
        buf_free(&l);
        buf_free(&s);
    }
    r->mime = "text/csv; charset=utf-8";
}

const struct route catalogue_export_routes[] = {
    {M_GET, "/utbud.json", h_json, 0},
    {M_GET, "/utbud.csv", h_csv, 0},
    {0, NULL, NULL, 0},
};
