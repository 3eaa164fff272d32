/* Open data: /oppna-data (what there is, and the fields in Swedish and
 * English), the public lists as /oppna-data/<list>.csv|json, and the
 * catalogue as DCAT-AP-SE in JSON-LD at /oppna-data/katalog.jsonld, naming
 * every file (the lists and the platform's statistics tables) with its
 * licence (CC0 unless SAMSKAP_OPEN_DATA_LICENSE names another), publisher
 * (the organisation running samskap), contact (SAMSKAP_OPEN_DATA_CONTACT,
 * an e-mail address, else this page) and update frequency.
 *
 * Nothing personal is in a file: ideas are named by the kind of submitter
 * and the organisation, never a person; activities without their
 * presenter; meetings by counts.  Drafts, unpublished minutes and ideas'
 * drafts are left out by the queries (store/stats.c).  Each file is made
 * from the database at each request, so an erased person is gone at once. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "store/store.h"
#include "view/format.h"
#include "view/html.h"
#include "web/pages.h"
#include "web/site.h"
#include "web/stats/stats.h"

/* The platform's statistics tables, each also a dataset of the catalogue. */
static const char *const stat_ids[] = {"unga",   "ideer_status", "ideer_inlamnare", "pengar", "budget", "samverkan",
                                       "samverkan_andel", "samverkan_par", "moten", "manad", NULL};

static const char *licence(void)
{
    return stats_licence();
}

static const char *contact(void)
{
    const char *c = getenv("SAMSKAP_OPEN_DATA_CONTACT");
    return c && *c && strchr(c, '@') ? c : NULL;
}

static bool known_list(const char *id)
{
    for (size_t i = 0; open_list_ids[i]; i++)
        if (strcmp(open_list_ids[i], id) == 0) return true;
    return false;
}

static void h_catalogue(req *r);

static void h_file(req *r)
{
    if (strcmp(r->params[0], "katalog.jsonld") == 0) return h_catalogue(r);
    const char *id, *fmt;
    if (!stats_file_name(r, r->params[0], &id, &fmt) || !known_list(id)) return page_error(r, 404);
    if (strcmp(fmt, "csv") != 0 && strcmp(fmt, "json") != 0)
        return page_message(r, 400, "error.400.title", "stats.err.format");
    struct stat_table *t = NULL;
    enum db_rc rc = store_open_list(r->db, r->a, id, &t);
    if (rc != DB_OK) return page_fail(r, "open data");
    if (strcmp(fmt, "csv") == 0) stats_table_csv(r, t, id);
    else stats_table_json(r, t, id, NULL);
}

/* ---- the catalogue ---- */

static json_t *lang_text(req *r, const char *key)
{
    json_t *a = json_array();
    for (int l = 0; l < LANG_COUNT; l++) {
        json_t *o = json_object();
        json_object_set_new(o, "@value", json_string(i18n_get((enum lang)l, key)));
        json_object_set_new(o, "@language", json_string(lang_code((enum lang)l)));
        json_array_append_new(a, o);
    }
    (void)r;
    return a;
}

static json_t *ref(const char *iri)
{
    json_t *o = json_object();
    json_object_set_new(o, "@id", json_string(iri));
    return o;
}

static json_t *distribution(req *r, const char *url, const char *fmt)
{
    bool csv = strcmp(fmt, "csv") == 0;
    json_t *d = json_object();
    json_object_set_new(d, "@id", json_string(url));
    json_object_set_new(d, "@type", json_string("dcat:Distribution"));
    json_object_set_new(d, "dcterms:title", json_string(csv ? "CSV" : "JSON"));
    json_object_set_new(d, "dcat:accessURL", ref(url));
    json_object_set_new(d, "dcat:downloadURL", ref(url));
    json_object_set_new(d, "dcterms:format",
                        ref(csv ? "http://publications.europa.eu/resource/authority/file-type/CSV"
                                : "http://publications.europa.eu/resource/authority/file-type/JSON"));
    json_object_set_new(d, "dcat:mediaType", ref(csv ? "https://www.iana.org/assignments/media-types/text/csv"
                                                     : "https://www.iana.org/assignments/media-types/application/json"));
    json_object_set_new(d, "dcterms:license", ref(licence()));
    (void)r;
    return d;
}

static json_t *contact_point(req *r)
{
    json_t *c = json_object();
    json_object_set_new(c, "@type", json_string("vcard:Organization"));
    json_object_set_new(c, "vcard:fn", json_string(org_name(r)));
    const char *mail = contact();
    if (mail) json_object_set_new(c, "vcard:hasEmail", ref(arena_printf(r->a, "mailto:%s", mail)));
    else json_object_set_new(c, "vcard:hasURL", ref(arena_printf(r->a, "%s/oppna-data", site_base_url())));
    return c;
}

static json_t *dataset(req *r, const char *id, const char *key_prefix, const char *path)
{
    const char *base = site_base_url();
    json_t *ds = json_object();
    json_object_set_new(ds, "@id", json_string(arena_printf(r->a, "%s/oppna-data#%s", base, id)));
    json_object_set_new(ds, "@type", json_string("dcat:Dataset"));
    json_object_set_new(ds, "dcterms:identifier", json_string(id));
    json_object_set_new(ds, "dcterms:title", lang_text(r, arena_printf(r->a, "%s%s", key_prefix, id)));
    json_object_set_new(ds, "dcterms:description", lang_text(r, arena_printf(r->a, "%s%s.about", key_prefix, id)));
    json_object_set_new(ds, "dcterms:publisher", ref(arena_printf(r->a, "%s/#utgivare", base)));
    json_object_set_new(ds, "dcat:contactPoint", contact_point(r));
    json_object_set_new(ds, "dcterms:accrualPeriodicity",
                        ref("http://publications.europa.eu/resource/authority/frequency/UPDATE_CONT"));
    json_object_set_new(ds, "dcterms:license", ref(licence()));
    json_object_set_new(ds, "dcat:landingPage", ref(arena_printf(r->a, "%s/oppna-data#%s", base, id)));
    json_t *dists = json_array();
    json_array_append_new(dists, distribution(r, arena_printf(r->a, "%s%s/%s.csv", base, path, id), "csv"));
    json_array_append_new(dists, distribution(r, arena_printf(r->a, "%s%s/%s.json", base, path, id), "json"));
    json_object_set_new(ds, "dcat:distribution", dists);
    return ds;
}

static void h_catalogue(req *r)
{
    const char *base = site_base_url();
    json_t *ctx = json_object();
    json_object_set_new(ctx, "dcat", json_string("http://www.w3.org/ns/dcat#"));
    json_object_set_new(ctx, "dcterms", json_string("http://purl.org/dc/terms/"));
    json_object_set_new(ctx, "foaf", json_string("http://xmlns.com/foaf/0.1/"));
    json_object_set_new(ctx, "vcard", json_string("http://www.w3.org/2006/vcard/ns#"));
    json_t *root = json_object();
    json_object_set_new(root, "@context", ctx);
    json_object_set_new(root, "@id", json_string(arena_printf(r->a, "%s/oppna-data/katalog.jsonld", base)));
    json_object_set_new(root, "@type", json_string("dcat:Catalog"));
    json_object_set_new(root, "dcterms:title", lang_text(r, "open.catalogue"));
    json_object_set_new(root, "dcterms:description", lang_text(r, "open.catalogue.about"));
    json_t *pub = json_object();
    json_object_set_new(pub, "@id", json_string(arena_printf(r->a, "%s/#utgivare", base)));
    json_object_set_new(pub, "@type", json_string("foaf:Agent"));
    json_object_set_new(pub, "foaf:name", json_string(org_name(r)));
    json_object_set_new(root, "dcterms:publisher", pub);
    json_object_set_new(root, "dcterms:license", ref(licence()));
    json_object_set_new(root, "dcterms:language", ref("http://publications.europa.eu/resource/authority/language/SWE"));
    json_object_set_new(root, "foaf:homepage", ref(arena_printf(r->a, "%s/oppna-data", base)));
    json_object_set_new(root, "dcterms:modified", json_string(fmt_rfc3339(r->a, r->now)));
    json_t *sets = json_array();
    for (size_t i = 0; open_list_ids[i]; i++)
        json_array_append_new(sets, dataset(r, open_list_ids[i], "open.list.", "/oppna-data"));
    for (size_t i = 0; stat_ids[i]; i++)
        json_array_append_new(sets, dataset(r, stat_ids[i], "stats.table.", "/statistik"));
    json_object_set_new(root, "dcat:dataset", sets);
    char *text = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (!text) return page_fail(r, "catalogue");
    buf_puts(&r->body, text);
    buf_putc(&r->body, '\n');
    free(text);
    r->mime = "application/ld+json; charset=utf-8";
}

/* ---- the page: what there is, and every field in Swedish and English ---- */

static void fields_table(req *r, const struct stat_table *t, const char *title)
{
    table_open(r, title, "scroll");
    html(r, "<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
            "<th scope=\"col\" lang=\"en\">%s</th></tr></thead>\n<tbody>\n",
         title, T(r, "open.field"), T(r, "open.meaning_sv"), "Meaning (English)");
    for (size_t k = 0; k < t->ncols; k++) {
        const char *key = arena_printf(r->a, "stats.col.%s", t->cols[k].id);
        const char *help = arena_printf(r->a, "stats.col.%s.about", t->cols[k].id);
        html(r, "<tr><th scope=\"row\"><code>%s</code></th><td lang=\"sv\">%s. %s</td><td lang=\"en\">%s. %s</td></tr>\n",
             t->cols[k].id, i18n_get(LANG_SV, key), i18n_get(LANG_SV, help), i18n_get(LANG_EN, key),
             i18n_get(LANG_EN, help));
    }
    html_raw(r, "</tbody>\n");
    table_close(r);
}

static void h_page(req *r)
{
    r->sheet = "stats";
    page_begin(r, T(r, "open.title"));
    html(r, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n<p>%s</p>\n", T(r, "open.title"), T(r, "open.intro"),
         T(r, "open.privacy"));
    html(r, "<dl class=\"facts\">\n<dt>%s</dt><dd><a href=\"%s\">%s</a></dd>\n<dt>%s</dt><dd>%s</dd>\n"
            "<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd><a href=\"/oppna-data/katalog.jsonld\">katalog.jsonld</a> "
            "(DCAT-AP-SE, JSON-LD)</dd>\n<dt>%s</dt><dd>%s</dd>\n</dl>\n",
         T(r, "open.licence"), licence(), licence(), T(r, "open.publisher"), org_name(r), T(r, "open.frequency"),
         T(r, "open.frequency_text"), T(r, "open.catalogue"), T(r, "open.format"), T(r, "open.format_text"));
    html(r, "<h2 id=\"listor\">%s</h2>\n", T(r, "open.lists"));
    for (size_t i = 0; open_list_ids[i]; i++) {
        const char *id = open_list_ids[i];
        struct stat_table t = {.id = id};
        open_list_layout(id, &t.cols, &t.ncols);
        const char *title = T(r, arena_printf(r->a, "open.list.%s", id));
        html(r, "<section id=\"%s\" aria-labelledby=\"h-%s\">\n<h3 id=\"h-%s\">%s</h3>\n<p>%s</p>\n"
                "<p lang=\"en\">%s</p>\n<p class=\"files\"><a href=\"/oppna-data/%s.csv\">%s.csv</a> · "
                "<a href=\"/oppna-data/%s.json\">%s.json</a></p>\n",
             id, id, id, title, i18n_get(LANG_SV, arena_printf(r->a, "open.list.%s.about", id)),
             i18n_get(LANG_EN, arena_printf(r->a, "open.list.%s.about", id)), id, id, id, id);
        fields_table(r, &t, arena_printf(r->a, "%s: %s", T(r, "open.fields"), title));
        html_raw(r, "</section>\n");
    }
    html(r, "<h2 id=\"statistik\">%s</h2>\n<p>%s</p>\n", T(r, "open.stats"), T(r, "open.stats_intro"));
    for (size_t i = 0; stat_ids[i]; i++) {
        struct stat_table tt = {.id = stat_ids[i]};
        if (!stats_layout(tt.id, &tt.cols, &tt.ncols)) continue;
        const struct stat_table *t = &tt;
        const char *title = T(r, arena_printf(r->a, "stats.table.%s", t->id));
        html(r, "<section id=\"%s\" aria-labelledby=\"h-%s\">\n<h3 id=\"h-%s\">%s</h3>\n<p>%s</p>\n<p lang=\"en\">%s</p>\n"
                "<p class=\"files\"><a href=\"/statistik/%s.csv\">%s.csv</a> · <a href=\"/statistik/%s.json\">%s.json</a></p>\n",
             t->id, t->id, t->id, title, i18n_get(LANG_SV, arena_printf(r->a, "stats.table.%s.about", t->id)),
             i18n_get(LANG_EN, arena_printf(r->a, "stats.table.%s.about", t->id)), t->id, t->id, t->id, t->id);
        fields_table(r, t, arena_printf(r->a, "%s: %s", T(r, "open.fields"), title));
        html_raw(r, "</section>\n");
    }
    page_end(r);
}

const struct route open_data_routes[] = {
    {M_GET, "/oppna-data", h_page, 0},
    {M_GET, "/oppna-data/*", h_file, 0},
    {0, NULL, NULL, 0},
};
