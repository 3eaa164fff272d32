/* What the catalogue's pages share: loading an offering, who may edit,
 * "öppet nu", the card used by the list and by organisation pages. */
#include "web/catalogue/catalogue.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/store.h"
#include "util/text.h"
#include "view/html.h"
#include "web/pages.h"

bool may_edit_offering(req *r, int64_t org_id)
{
    if (!r->user) return false;
    if (user_has(r->user, ROLE_ADMIN) || user_has(r->user, ROLE_KOORDINATOR)) return true;
    bool rep = false;
    return org_id && store_org_is_rep(r->db, org_id, r->user->id, &rep) == DB_OK && rep;
}

struct offering *load_offering(req *r, const char *id_text)
{
    int64_t id = 0;
    if (!parse_i64(id_text, &id) || id < 1) {
        page_error(r, 404);
        return NULL;
    }
    struct offering *f = NULL;
    enum db_rc rc = store_offering_get(r->db, r->a, id, &f);
    if (rc == DB_NOTFOUND || (rc == DB_OK && f->status != OFFERING_PUBLISHED &&
                              !may_edit_offering(r, f->org_id))) {
        page_error(r, 404);
        return NULL;
    }
    if (rc != DB_OK) {
        page_fail(r, "offering");
        return NULL;
    }
    return f;
}

void catalogue_now(req *r, int *weekday, char hm[6])
{
    time_t t = (time_t)r->now;
    struct tm tm;
    localtime_r(&t, &tm);
    *weekday = tm.tm_wday == 0 ? 7 : tm.tm_wday;
    int h = tm.tm_hour % 24, m = tm.tm_min % 60;
    hm[0] = (char)('0' + h / 10);
    hm[1] = (char)('0' + h % 10);
    hm[2] = ':';
    hm[3] = (char)('0' + m / 10);
    hm[4] = (char)('0' + m % 10);
    hm[5] = 0;
}

static const char *const weekday_keys[] = {
    "catalogue.day.1", "catalogue.day.2", "catalogue.day.3", "catalogue.day.4",
    "catalogue.day.5", "catalogue.day.6", "catalogue.day.7",
};

const char *weekday_label(req *r, int weekday)
{
    return weekday >= 1 && weekday <= 7 ? T(r, weekday_keys[weekday - 1]) : "";
}

void offering_card(req *r, const struct offering *f, int weekday, const char *hm)
{
    html(r, "<li class=\"card\">\n<h3><a href=\"/utbud/%lld\">%s</a></h3>\n<p class=\"meta\">%s",
         (long long)f->id, f->title, f->org_name);
    if (*f->area) html(r, " · %s", f->area);
    html(r, " · %s", T(r, f->cost == COST_FREE ? "catalogue.cost.gratis" : "catalogue.cost.avgift"));
    html_raw(r, "</p>\n");
    if (f->ngroups) {
        html_raw(r, "<p class=\"tags\">");
        for (size_t i = 0; i < f->ngroups; i++)
            html(r, "%s<span class=\"tag\">%s</span>", i ? " " : "", f->groups[i].name);
        html_raw(r, "</p>\n");
    }
    if (offering_open_now(f->hours, f->nhours, weekday, hm))
        html(r, "<p class=\"open-now\"><strong>%s</strong></p>\n", T(r, "catalogue.open_now"));
    if (f->status != OFFERING_PUBLISHED) html(r, "<p class=\"status\">%s</p>\n", T(r, "catalogue.draft"));
    html_raw(r, "</li>\n");
}

void catalogue_org_block(req *r, int64_t org_id, const char *org_slug)
{
    struct offering *list = NULL;
    size_t n = 0;
    bool editor = may_edit_offering(r, org_id);
    if (store_offerings_list(r->db, r->a, editor, NULL, org_id, &list, &n) != DB_OK) return;
    if (!n && !editor) return;
    int wd;
    char hm[6];
    catalogue_now(r, &wd, hm);
    html(r, "<section aria-labelledby=\"utbud-rubrik\">\n<h2 id=\"utbud-rubrik\">%s</h2>\n",
         T(r, "catalogue.org_block"));
    if (n) {
        html_raw(r, "<ul class=\"cards\">\n");
        for (size_t i = 0; i < n; i++) offering_card(r, &list[i], wd, hm);
        html_raw(r, "</ul>\n");
    } else {
        html(r, "<p>%s</p>\n", T(r, "catalogue.org_none"));
    }
    if (editor)
        html(r, "<p><a class=\"button\" href=\"/utbud/ny?org=%s\">%s</a></p>\n", org_slug,
             T(r, "catalogue.new"));
    html_raw(r, "</section>\n");
}
