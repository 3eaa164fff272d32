/* /utbud: the catalogue of offerings (aktiviteter och insatser), filtered
 * by target group, cost and "öppet nu" with a plain GET form. */
#include <string.h>

#include "store/store.h"
#include "view/html.h"
#include "web/catalogue/catalogue.h"
#include "web/pages.h"

static void h_list(req *r)
{
    const char *group = NULL, *cost = NULL, *open = NULL;
    if (!query_text(r, "grupp", 80, &group) || !query_text(r, "kostnad", 20, &cost) ||
        !query_text(r, "oppet", 5, &open))
        return page_message(r, 400, "error.400.title", "catalogue.err.filter");
    struct target_group *groups = NULL;
    size_t ngroups = 0;
    if (store_target_groups(r->db, r->a, &groups, &ngroups) != DB_OK) return page_fail(r, "catalogue");
    bool known = !group || !*group;
    for (size_t i = 0; !known && i < ngroups; i++) known = strcmp(groups[i].slug, group) == 0;
    int c = cost && *cost ? offering_cost_from_name(cost) : -1;
    if (!known || (cost && *cost && c < 0)) return page_message(r, 400, "error.400.title", "catalogue.err.filter");
    bool only_open = open && strcmp(open, "1") == 0;
    struct offering *list = NULL;
    size_t n = 0;
    if (store_offerings_list(r->db, r->a, false, group, 0, &list, &n) != DB_OK) return page_fail(r, "catalogue");
    int wd;
    char hm[6];
    catalogue_now(r, &wd, hm);

    page_begin(r, T(r, "catalogue.title"));
    html(r, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", T(r, "catalogue.title"), T(r, "catalogue.intro"));
    html(r, "<form method=\"get\" action=\"/utbud\" class=\"filters\">\n"
            "<div class=\"field\"><label for=\"f-grupp\">%s</label>\n<select id=\"f-grupp\" name=\"grupp\">\n"
            "<option value=\"\">%s</option>\n",
         T(r, "catalogue.group"), T(r, "catalogue.all_groups"));
    for (size_t i = 0; i < ngroups; i++)
        html(r, "<option value=\"%s\"%s>%s</option>\n", groups[i].slug,
             group && strcmp(group, groups[i].slug) == 0 ? " selected" : "", groups[i].name);
    html(r, "</select></div>\n<div class=\"field\"><label for=\"f-kostnad\">%s</label>\n"
            "<select id=\"f-kostnad\" name=\"kostnad\">\n<option value=\"\">%s</option>\n"
            "<option value=\"gratis\"%s>%s</option>\n<option value=\"avgift\"%s>%s</option>\n</select></div>\n",
         T(r, "catalogue.cost"), T(r, "catalogue.any_cost"), c == COST_FREE ? " selected" : "",
         T(r, "catalogue.cost.gratis"), c == COST_FEE ? " selected" : "", T(r, "catalogue.cost.avgift"));
    html(r, "<div class=\"field check\"><input type=\"checkbox\" id=\"f-oppet\" name=\"oppet\" value=\"1\"%s>"
            "<label for=\"f-oppet\">%s</label></div>\n<button type=\"submit\">%s</button>\n</form>\n",
         only_open ? " checked" : "", T(r, "catalogue.open_now_only"), T(r, "catalogue.filter"));
    html(r, "<p><a href=\"/utbud.json\">%s</a> · <a href=\"/utbud.csv\">%s</a>", T(r, "catalogue.export_json"),
         T(r, "catalogue.export_csv"));
    if (r->user) html(r, " · <a href=\"/utbud/ny\">%s</a>", T(r, "catalogue.new"));
    if (r->user && (user_has(r->user, ROLE_KOORDINATOR) || user_has(r->user, ROLE_REPRESENTANT)))
        html(r, " · <a href=\"/kartlaggning\">%s</a>", T(r, "catalogue.mapping_link"));
    html_raw(r, "</p>\n");
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        const struct offering *f = &list[i];
        if (c >= 0 && (int)f->cost != c) continue;
        if (only_open && !offering_open_now(f->hours, f->nhours, wd, hm)) continue;
        if (!shown++) html_raw(r, "<ul class=\"cards\">\n");
        offering_card(r, f, wd, hm);
    }
    if (shown) html_raw(r, "</ul>\n");
    html(r, "<p class=\"count\" role=\"status\">%s %zu</p>\n", T(r, "catalogue.count"), shown);
    if (!shown) html(r, "<p>%s</p>\n", T(r, "catalogue.none"));
    page_end(r);
}

const struct route offering_list_routes[] = {
    {M_GET, "/utbud", h_list, 0},
    {0, NULL, NULL, 0},
};
