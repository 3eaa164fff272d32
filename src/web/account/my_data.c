/* "Ladda ner allt vi har sparat om dig": everything stored about the
 * signed-in person (GDPR art. 15 and 20), as a readable page that says
 * what each part is, why it is kept and for how long
 * (/konto/mina-uppgifter), and as one JSON file with the same parts
 * (/konto/mina-uppgifter.json).  The parts come from store_person_export
 * (store/export.h); docs/DESIGN.md, "What we store about a person", lists
 * every column behind them.  Receipt files are not embedded: each claim
 * carries the receipt's name, type and size and a link to download it. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "view/format.h"
#include "web/pages.h"
#include "web/site.h"

/* Every part's key (store/export.c), naming the locale family
 * export.<key>.title / .what / .why / .keep. */
static const char *const part_names[] = {
    "konto", "roller", "organisationer", "forfragningar", "sessioner", "inloggningsforsok",
    "ideer", "samarbetspartner", "budgetrader", "idehistorik", "bedomningar", "utlagg",
    "utlagg_beslut", "kommentarer", "amnesforslag", "moderering", "inlagg",
    "klarsprak_texter", "klarsprak_granskning", "aktiviteter",
    "aviseringar", "epost", "logg",
    "inhabithon_anmalningar", "inhabithon_lag", "inhabithon_bedomningar",
};

static const char *export_part_name(const struct export_part *p)
{
    for (size_t i = 0; i < sizeof part_names / sizeof *part_names; i++)
        if (strcmp(part_names[i], p->key) == 0) return part_names[i];
    return p->key; /* a part without texts: tests/lint/i18n.sh and the export test catch it */
}

static const char *cell(req *r, const struct export_col *col, const char *v)
{
    if (!v || !col->time) return v;
    char *end;
    long long t = strtoll(v, &end, 10);
    if (*end || t <= 0) return v;
    return fmt_datetime(r->a, r->lang, t);
}

static const char *receipt_link(req *r, const struct export_part *p, size_t row)
{
    if (strcmp(p->key, "utlagg") != 0) return NULL;
    return arena_printf(r->a, "/utlagg/%s/kvitto", p->cells[row * p->ncols]);
}

static bool load(req *r, struct export_part **parts, size_t *n)
{
    if (store_person_export(r->db, r->a, r->user->id, r->user->email, parts, n) == DB_OK)
        return true;
    page_fail(r, "export");
    return false;
}

static void h_json(req *r)
{
    struct export_part *parts;
    size_t n;
    struct org *orgs = NULL;
    size_t norgs = 0;
    if (store_user_orgs(r->db, r->a, r->user->id, &orgs, &norgs) != DB_OK)
        return page_fail(r, "export");
    if (!load(r, &parts, &n)) return;
    json_t *root = json_object();
    json_object_set_new(root, "namn", json_string(r->user->name));
    json_object_set_new(root, "epost", json_string(r->user->email));
    json_object_set_new(root, "skapad", json_string(fmt_rfc3339(r->a, r->user->created_at)));
    if (r->user->birth_year) json_object_set_new(root, "fodelsear", json_integer(r->user->birth_year));
    json_t *roles = json_array();
    for (int i = 0; i < ROLE_COUNT; i++)
        if (user_has(r->user, (enum role)i)) json_array_append_new(roles, json_string(role_name((enum role)i)));
    json_object_set_new(root, "roller", roles);
    json_t *jo = json_array();
    for (size_t i = 0; i < norgs; i++) json_array_append_new(jo, json_string(orgs[i].name));
    json_object_set_new(root, "organisationer", jo);
    json_object_set_new(root, "uttaget", json_string(fmt_rfc3339(r->a, r->now)));
    json_object_set_new(root, "om", json_string(T(r, "export.about_json")));
    json_t *all = json_object();
    for (size_t i = 0; i < n; i++) {
        const struct export_part *p = &parts[i];
        json_t *jp = json_object();
        json_object_set_new(jp, "vad", json_string(T(r, arena_printf(r->a, "export.%s.what", export_part_name(p)))));
        json_object_set_new(jp, "varfor", json_string(T(r, arena_printf(r->a, "export.%s.why", export_part_name(p)))));
        json_object_set_new(jp, "hur_lange", json_string(T(r, arena_printf(r->a, "export.%s.keep", export_part_name(p)))));
        json_object_set_new(jp, "tabell", json_string(p->table));
        json_t *rows = json_array();
        for (size_t j = 0; j < p->nrows; j++) {
            json_t *row = json_object();
            for (size_t c = 0; c < p->ncols; c++) {
                const char *v = p->cells[j * p->ncols + c];
                const char *name = p->cols[c].name;
                if (!v) json_object_set_new(row, name, json_null());
                else if (p->cols[c].time) {
                    long long t = strtoll(v, NULL, 10);
                    json_object_set_new(row, name, json_string(fmt_rfc3339(r->a, t)));
                } else json_object_set_new(row, name, json_string(v));
            }
            const char *link = receipt_link(r, p, j);
            if (link)
                json_object_set_new(row, "kvitto_lank",
                                    json_string(arena_printf(r->a, "%s%s", site_base_url(), link)));
            json_array_append_new(rows, row);
        }
        json_object_set_new(jp, "rader", rows);
        json_object_set_new(all, p->key, jp);
    }
    json_object_set_new(root, "delar", all);
    char *text = json_dumps(root, JSON_INDENT(2));
    json_decref(root);
    if (!text) return page_fail(r, "export");
    buf_puts(&r->body, text);
    buf_putc(&r->body, '\n');
    free(text);
    r->mime = "application/json; charset=utf-8";
    resp_header(r, "Content-Disposition", "attachment; filename=\"mina-uppgifter.json\"");
}

static void part_html(req *r, const struct export_part *p)
{
    const char *title = T(r, arena_printf(r->a, "export.%s.title", export_part_name(p)));
    html(r, "<section aria-labelledby=\"del-%s\">\n<h2 id=\"del-%s\">%s</h2>\n"
            "<dl class=\"facts\">\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s</dd>\n"
            "<dt>%s</dt><dd>%s</dd>\n</dl>\n",
         p->key, p->key, title, T(r, "export.what"),
         T(r, arena_printf(r->a, "export.%s.what", export_part_name(p))), T(r, "export.why"),
         T(r, arena_printf(r->a, "export.%s.why", export_part_name(p))), T(r, "export.keep"),
         T(r, arena_printf(r->a, "export.%s.keep", export_part_name(p))));
    if (!p->nrows) {
        html(r, "<p class=\"muted\">%s</p>\n</section>\n", T(r, "export.none"));
        return;
    }
    bool receipts = strcmp(p->key, "utlagg") == 0;
    table_open(r, title, NULL);
    html_raw(r, "<thead><tr>");
    for (size_t c = 0; c < p->ncols; c++) html(r, "<th scope=\"col\">%s</th>", p->cols[c].name);
    if (receipts) html(r, "<th scope=\"col\">%s</th>", T(r, "export.receipt"));
    html_raw(r, "</tr></thead>\n<tbody>\n");
    for (size_t j = 0; j < p->nrows; j++) {
        html_raw(r, "<tr>");
        for (size_t c = 0; c < p->ncols; c++) {
            const char *v = cell(r, &p->cols[c], p->cells[j * p->ncols + c]);
            html(r, "<td>%s</td>", v ? v : "");
        }
        if (receipts)
            html(r, "<td><a href=\"%s\">%s</a></td>", receipt_link(r, p, j), T(r, "export.download"));
        html_raw(r, "</tr>\n");
    }
    html_raw(r, "</tbody>\n");
    table_close(r);
    html_raw(r, "</section>\n");
}

static void h_page(req *r)
{
    struct export_part *parts;
    size_t n;
    if (!load(r, &parts, &n)) return;
    page_begin(r, T(r, "export.title"));
    const char *crumbs[] = {"/konto", T(r, "account.title"), NULL, T(r, "export.title")};
    page_crumbs(r, crumbs, 4);
    html(r, "<h1>%s</h1>\n<p>%s</p>\n<p><a href=\"/konto/mina-uppgifter.json\" download>%s</a></p>\n",
         T(r, "export.title"), T(r, "export.intro"), T(r, "export.json"));
    html(r, "<nav aria-labelledby=\"export-toc\"><h2 id=\"export-toc\">%s</h2>\n<ul>\n",
         T(r, "export.toc"));
    for (size_t i = 0; i < n; i++)
        html(r, "<li><a href=\"#del-%s\">%s</a> (%lld)</li>\n", parts[i].key,
             T(r, arena_printf(r->a, "export.%s.title", export_part_name(&parts[i]))), (long long)parts[i].nrows);
    html_raw(r, "</ul>\n</nav>\n");
    for (size_t i = 0; i < n; i++) part_html(r, &parts[i]);
    html(r, "<h2>%s</h2>\n<p>%s</p>\n", T(r, "export.not_linked_title"), T(r, "export.not_linked"));
    page_end(r);
}

const struct route my_data_routes[] = {
    {M_GET, "/konto/mina-uppgifter", h_page, R_AUTH},
    {M_GET, "/konto/mina-uppgifter.json", h_json, R_AUTH},
    {0, NULL, NULL, 0},
};
