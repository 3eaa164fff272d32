/* /utbud/<id>: one offering — what, for whom, where, when ("öppet nu"),
 * languages, cost, contact, accessibility, who runs it. */
#include <string.h>

#include "store/store.h"
#include "view/format.h"
#include "view/html.h"
#include "view/markdown.h"
#include "web/catalogue/catalogue.h"
#include "web/pages.h"

static void fact(req *r, const char *key, const char *value)
{
    if (value && *value) html(r, "<dt>%s</dt><dd>%s</dd>\n", T(r, key), value);
}

static void h_show(req *r)
{
    struct offering *f = load_offering(r, r->params[0]);
    if (!f) return;
    int wd;
    char hm[6];
    catalogue_now(r, &wd, hm);
    page_begin(r, f->title);
    const char *crumbs[] = {"/utbud", T(r, "catalogue.title"), NULL, f->title};
    page_crumbs(r, crumbs, 4);
    html(r, "<h1>%s</h1>\n<p class=\"meta\">%s <a href=\"/organisationer/%s\">%s</a></p>\n", f->title,
         T(r, "catalogue.run_by"), f->org_slug, f->org_name);
    if (f->status != OFFERING_PUBLISHED) html(r, "<p class=\"status\">%s</p>\n", T(r, "catalogue.draft"));
    if (offering_open_now(f->hours, f->nhours, wd, hm))
        html(r, "<p class=\"open-now\"><strong>%s</strong></p>\n", T(r, "catalogue.open_now"));
    html(r, "<div lang=\"sv\">");
    html_raw(r, markdown_to_html(r->a, f->description));
    html_raw(r, "</div>\n<dl class=\"facts\">\n");
    if (f->ngroups) {
        html(r, "<dt>%s</dt><dd>", T(r, "catalogue.for_whom"));
        for (size_t i = 0; i < f->ngroups; i++) html(r, "%s%s", i ? ", " : "", f->groups[i].name);
        html_raw(r, "</dd>\n");
    }
    if (f->age_min >= 0 && f->age_max >= 0)
        html(r, "<dt>%s</dt><dd>%lld–%lld %s</dd>\n", T(r, "catalogue.age"), (long long)f->age_min,
             (long long)f->age_max, T(r, "catalogue.years"));
    else if (f->age_min >= 0)
        html(r, "<dt>%s</dt><dd>%s %lld %s</dd>\n", T(r, "catalogue.age"), T(r, "catalogue.from_age"),
             (long long)f->age_min, T(r, "catalogue.years"));
    else if (f->age_max >= 0)
        html(r, "<dt>%s</dt><dd>%s %lld %s</dd>\n", T(r, "catalogue.age"), T(r, "catalogue.to_age"),
             (long long)f->age_max, T(r, "catalogue.years"));
    html(r, "<dt>%s</dt><dd>%s", T(r, "catalogue.cost"),
         T(r, f->cost == COST_FREE ? "catalogue.cost.gratis" : "catalogue.cost.avgift"));
    if (*f->cost_note) html(r, " – %s", f->cost_note);
    html_raw(r, "</dd>\n");
    fact(r, "catalogue.languages", f->languages);
    fact(r, "catalogue.area", f->area);
    fact(r, "catalogue.contact", f->contact);
    fact(r, "catalogue.accessibility", f->accessibility);
    html_raw(r, "</dl>\n");
    if (f->nplaces || f->online) {
        html(r, "<h2>%s</h2>\n<ul>\n", T(r, "catalogue.where"));
        for (size_t i = 0; i < f->nplaces; i++)
            html(r, "<li>%s%s%s</li>\n", f->places[i].name, *f->places[i].address ? ", " : "",
                 f->places[i].address);
        if (f->online) html(r, "<li>%s</li>\n", T(r, "catalogue.online"));
        html_raw(r, "</ul>\n");
    }
    if (f->nhours) {
        html(r, "<h2>%s</h2>\n<ul>\n", T(r, "catalogue.when"));
        for (size_t i = 0; i < f->nhours; i++)
            html(r, "<li>%s %s</li>\n", weekday_label(r, f->hours[i].weekday),
                 fmt_hm_range(r->a, f->hours[i].opens, f->hours[i].closes));
        html_raw(r, "</ul>\n");
    }
    html(r, "<p class=\"muted\">%s %s</p>\n", T(r, "catalogue.updated"), fmt_date(r->a, r->lang, f->updated_at));
    if (may_edit_offering(r, f->org_id))
        html(r, "<p><a class=\"button\" href=\"/utbud/%lld/redigera\">%s</a></p>\n", (long long)f->id,
             T(r, "catalogue.edit"));
    page_end(r);
}

const struct route offering_page_routes[] = {
    {M_GET, "/utbud/*", h_show, 0},
    {0, NULL, NULL, 0},
};
