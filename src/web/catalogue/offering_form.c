/* /utbud/ny and /utbud/<id>/redigera: writing an offering.  A
 * representative writes for the organisations they represent, a
 * coordinator for any; the server checks both on every POST. */
#include <stdio.h>
#include <string.h>

#include "store/store.h"
#include "util/text.h"
#include "view/html.h"
#include "web/action.h"
#include "web/catalogue/catalogue.h"
#include "web/pages.h"

#define HOUR_ROWS 4

/* The organisations r's user may write offerings for. */
static struct org *writable_orgs(req *r, size_t *n)
{
    struct org *list = NULL;
    *n = 0;
    enum db_rc rc = user_has(r->user, ROLE_KOORDINATOR) || user_has(r->user, ROLE_ADMIN)
                        ? store_org_names(r->db, r->a, &list, n)
                        : store_user_orgs(r->db, r->a, r->user->id, &list, n);
    if (rc != DB_OK) *n = 0;
    return list;
}

static const char *num(req *r, int64_t v)
{
    return v < 0 ? "" : arena_printf(r->a, "%lld", (long long)v);
}

static void offering_form(req *r, const struct form *f, const struct offering *o, bool create)
{
    size_t norgs = 0;
    struct org *orgs = writable_orgs(r, &norgs);
    struct target_group *groups = NULL;
    size_t ngroups = 0;
    if (store_target_groups(r->db, r->a, &groups, &ngroups) != DB_OK) ngroups = 0;
    const char *title = create ? T(r, "catalogue.new") : T(r, "catalogue.edit");
    page_begin(r, title);
    html(r, "<h1>%s</h1>\n", title);
    form_summary(r, f);
    form_open(r, create ? "/utbud/ny" : arena_printf(r->a, "/utbud/%lld/redigera", (long long)o->id), false);
    struct option *oo = arena_alloc(r->a, (norgs + 1) * sizeof *oo);
    for (size_t i = 0; i < norgs; i++)
        oo[i] = (struct option){arena_printf(r->a, "%lld", (long long)orgs[i].id), orgs[i].name};
    field_select(r, f, &(struct field){.name = "org", .label = "catalogue.f.org", .flags = F_REQUIRED,
                                       .value = num(r, o->org_id ? o->org_id : -1)}, oo, norgs);
    field_input(r, f, &(struct field){.name = "titel", .label = "catalogue.f.title", .value = o->title,
                                      .flags = F_REQUIRED});
    field_textarea(r, f, &(struct field){.name = "beskrivning", .label = "catalogue.f.description",
                                         .hint = "catalogue.f.description_hint", .value = o->description,
                                         .rows = 8});
    struct option *go = arena_alloc(r->a, (ngroups + 1) * sizeof *go);
    bool *gc = arena_alloc(r->a, (ngroups + 1) * sizeof *gc);
    for (size_t i = 0; i < ngroups; i++) {
        go[i] = (struct option){arena_printf(r->a, "%lld", (long long)groups[i].id), groups[i].name};
        for (size_t k = 0; k < o->ngroups; k++) gc[i] |= o->groups[k].id == groups[i].id;
    }
    field_checks(r, f, &(struct field){.name = "grupp", .label = "catalogue.f.groups"}, go, gc, ngroups);
    field_input(r, f, &(struct field){.name = "alder-fran", .label = "catalogue.f.age_min", .type = "number",
                                      .value = num(r, o->age_min), .extra = "min=\"0\" max=\"120\""});
    field_input(r, f, &(struct field){.name = "alder-till", .label = "catalogue.f.age_max", .type = "number",
                                      .value = num(r, o->age_max), .extra = "min=\"0\" max=\"120\""});
    struct option costs[] = {{"gratis", T(r, "catalogue.cost.gratis")}, {"avgift", T(r, "catalogue.cost.avgift")}};
    field_radios(r, f, &(struct field){.name = "kostnad", .label = "catalogue.cost",
                                       .value = offering_cost_name(o->cost)}, costs, 2);
    field_input(r, f, &(struct field){.name = "kostnad-info", .label = "catalogue.f.cost_note",
                                      .value = o->cost_note});
    field_input(r, f, &(struct field){.name = "sprak", .label = "catalogue.languages",
                                      .hint = "catalogue.f.languages_hint", .value = o->languages});
    field_input(r, f, &(struct field){.name = "kontakt", .label = "catalogue.contact",
                                      .hint = "catalogue.f.contact_hint", .value = o->contact});
    field_input(r, f, &(struct field){.name = "tillganglighet", .label = "catalogue.accessibility",
                                      .value = o->accessibility});
    field_input(r, f, &(struct field){.name = "omrade", .label = "catalogue.area",
                                      .hint = "catalogue.f.area_hint", .value = o->area});
    for (int i = 0; i < OFFERING_MAX_PLACES; i++) {
        const struct place *p = (size_t)i < o->nplaces ? &o->places[i] : NULL;
        const char *sec = arena_printf(r->a, "%s %d", T(r, "catalogue.f.place"), i + 1);
        field_input(r, f, &(struct field){.name = arena_printf(r->a, "plats-%d-namn", i + 1),
                                          .label = "catalogue.f.place_name", .section = sec,
                                          .value = p ? p->name : ""});
        field_input(r, f, &(struct field){.name = arena_printf(r->a, "plats-%d-adress", i + 1),
                                          .label = "catalogue.f.place_address", .section = sec,
                                          .value = p ? p->address : ""});
    }
    field_checkbox(r, "online", "catalogue.f.online", o->online);
    html(r, "<p class=\"hint\">%s</p>\n", T(r, "catalogue.f.hours_hint"));
    struct option days[8];
    days[0] = (struct option){"0", T(r, "catalogue.f.no_day")};
    for (int d = 1; d <= 7; d++) days[d] = (struct option){arena_printf(r->a, "%d", d), weekday_label(r, d)};
    for (int i = 0; i < HOUR_ROWS; i++) {
        const struct opening *h = (size_t)i < o->nhours ? &o->hours[i] : NULL;
        const char *sec = arena_printf(r->a, "%s %d", T(r, "catalogue.f.time"), i + 1);
        field_select(r, f, &(struct field){.name = arena_printf(r->a, "tid-%d-dag", i + 1),
                                           .label = "catalogue.f.day", .section = sec,
                                           .value = h ? arena_printf(r->a, "%d", h->weekday) : "0"},
                     days, 8);
        field_input(r, f, &(struct field){.name = arena_printf(r->a, "tid-%d-fran", i + 1), .type = "time",
                                          .label = "catalogue.f.opens", .section = sec,
                                          .value = h ? h->opens : ""});
        field_input(r, f, &(struct field){.name = arena_printf(r->a, "tid-%d-till", i + 1), .type = "time",
                                          .label = "catalogue.f.closes", .section = sec,
                                          .value = h ? h->closes : ""});
    }
    struct option statuses[] = {{"utkast", T(r, "catalogue.status.utkast")},
                                {"publicerad", T(r, "catalogue.status.publicerad")}};
    field_radios(r, f, &(struct field){.name = "status", .label = "catalogue.f.status",
                                       .value = offering_status_name(o->status)}, statuses, 2);
    form_submit(r, "form.save");
    form_close(r);
    if (!create) {
        html(r, "<h2>%s</h2>\n<p>%s</p>\n", T(r, "catalogue.delete_heading"), T(r, "catalogue.delete_text"));
        button_form(r, arena_printf(r->a, "/utbud/%lld/ta-bort", (long long)o->id), "catalogue.delete", NULL, NULL,
                    NULL);
    }
    page_end(r);
}

static void read_form(req *r, struct form *f, struct offering *o)
{
    int64_t org = 0;
    if (form_int(f, "org", 1, INT64_MAX, true, 0, &org) && !may_edit_offering(r, org))
        form_error(f, "org", "err.offering.org");
    o->org_id = org;
    o->title = form_text(f, "titel", OFFERING_TITLE_MAX, F_REQUIRED);
    o->description = form_text(f, "beskrivning", OFFERING_DESCRIPTION_MAX, F_MULTILINE);
    size_t ng = 0;
    const char **gs = form_all(f, "grupp", &ng);
    o->groups = arena_alloc(r->a, (ng + 1) * sizeof *o->groups);
    o->ngroups = 0;
    for (size_t i = 0; i < ng; i++) {
        int64_t id = 0;
        if (!parse_i64(gs[i], &id) || id < 1) {
            form_error(f, "grupp", "err.choice");
            break;
        }
        o->groups[o->ngroups++].id = id;
    }
    form_int(f, "alder-fran", 0, OFFERING_AGE_MAX, false, -1, &o->age_min);
    form_int(f, "alder-till", 0, OFFERING_AGE_MAX, false, -1, &o->age_max);
    const char *age = offering_age_problem(o->age_min, o->age_max);
    if (age && !form_err(f, "alder-till")) form_error(f, "alder-till", age);
    int c = offering_cost_from_name(form_text(f, "kostnad", 20, F_REQUIRED));
    if (c < 0 && !form_err(f, "kostnad")) form_error(f, "kostnad", "err.choice");
    o->cost = c < 0 ? COST_FREE : (enum offering_cost)c;
    o->cost_note = form_text(f, "kostnad-info", OFFERING_SHORT_MAX, 0);
    o->languages = form_text(f, "sprak", OFFERING_SHORT_MAX, 0);
    o->contact = form_text(f, "kontakt", OFFERING_SHORT_MAX, 0);
    const char *cp = offering_contact_problem(o->contact);
    if (cp && !form_err(f, "kontakt")) form_error(f, "kontakt", cp);
    o->accessibility = form_text(f, "tillganglighet", OFFERING_SHORT_MAX, 0);
    o->area = form_text(f, "omrade", 100, 0);
    o->online = form_check(f, "online");
    o->places = arena_alloc(r->a, OFFERING_MAX_PLACES * sizeof *o->places);
    o->nplaces = 0;
    for (int i = 1; i <= OFFERING_MAX_PLACES; i++) {
        const char *nf = arena_printf(r->a, "plats-%d-namn", i), *af = arena_printf(r->a, "plats-%d-adress", i);
        const char *name = form_text(f, nf, 150, 0), *addr = form_text(f, af, 200, 0);
        form_no_pnr(f, nf, name);
        form_no_pnr(f, af, addr);
        if (!*name && *addr) form_error(f, nf, "err.offering.place_name");
        if (*name) o->places[o->nplaces++] = (struct place){name, addr};
    }
    o->hours = arena_alloc(r->a, HOUR_ROWS * sizeof *o->hours);
    o->nhours = 0;
    const char *fields[HOUR_ROWS];
    for (int i = 1; i <= HOUR_ROWS; i++) {
        const char *df = arena_printf(r->a, "tid-%d-dag", i), *ff = arena_printf(r->a, "tid-%d-fran", i),
                   *tf = arena_printf(r->a, "tid-%d-till", i);
        int64_t day = 0;
        form_int(f, df, 0, 7, false, 0, &day);
        const char *from = form_text(f, ff, 5, 0), *to = form_text(f, tf, 5, 0);
        if (!day && !*from && !*to) continue;
        if (!day) {
            form_error(f, df, "err.offering.weekday");
            continue;
        }
        if (!*from || !*to) {
            form_error(f, *from ? tf : ff, "err.offering.time");
            continue;
        }
        fields[o->nhours] = tf;
        o->hours[o->nhours++] = (struct opening){(int)day, from, to};
    }
    size_t bad = 0;
    const char *hp = offering_hours_problem(o->hours, o->nhours, &bad);
    if (hp && !form_err(f, fields[bad])) form_error(f, fields[bad], hp);
    int s = offering_status_from_name(form_text(f, "status", 20, F_REQUIRED));
    if (s < 0 && !form_err(f, "status")) form_error(f, "status", "err.choice");
    o->status = s < 0 ? OFFERING_DRAFT : (enum offering_status)s;
    form_no_pnr(f, "titel", o->title);
    form_no_pnr(f, "beskrivning", o->description);
    form_no_pnr(f, "kostnad-info", o->cost_note);
    form_no_pnr(f, "sprak", o->languages);
    form_no_pnr(f, "kontakt", o->contact);
    form_no_pnr(f, "tillganglighet", o->accessibility);
    form_no_pnr(f, "omrade", o->area);
}

struct saved {
    struct offering *o;
    int64_t id;
};

static enum db_rc create_tx(req *r, void *ctx)
{
    struct saved *s = ctx;
    enum db_rc rc = store_offering_create(r->db, s->o, r->now, &s->id);
    if (rc != DB_OK) return rc;
    return store_audit(r->db, r->now, r->user->id, "utbud.skapa", arena_printf(r->a, "utbud:%lld", (long long)s->id),
                       s->o->title);
}

static enum db_rc edit_tx(req *r, void *ctx)
{
    struct saved *s = ctx;
    enum db_rc rc = store_offering_update(r->db, s->o, r->now);
    if (rc != DB_OK) return rc;
    return store_audit(r->db, r->now, r->user->id, "utbud.redigera",
                       arena_printf(r->a, "utbud:%lld", (long long)s->id), s->o->title);
}

static struct offering *blank(req *r)
{
    struct offering *o = arena_alloc(r->a, sizeof *o);
    *o = (struct offering){.title = "", .description = "", .age_min = -1, .age_max = -1, .cost_note = "",
                           .languages = "svenska", .contact = "", .accessibility = "", .area = "",
                           .status = OFFERING_PUBLISHED};
    return o;
}

static void h_new_form(req *r)
{
    size_t n = 0;
    writable_orgs(r, &n);
    if (!n) return page_message(r, 403, "error.403.title", "catalogue.err.no_org");
    struct offering *o = blank(r);
    const char *slug = req_query(r, "org");
    struct org *org = NULL;
    if (slug && store_org_by_slug(r->db, r->a, slug, &org) == DB_OK && may_edit_offering(r, org->id))
        o->org_id = org->id;
    struct form f;
    form_init(&f, r);
    offering_form(r, &f, o, true);
}

static void h_new(req *r)
{
    struct form f;
    form_init(&f, r);
    struct offering *o = blank(r);
    read_form(r, &f, o);
    if (!form_ok(&f)) {
        r->status = 400;
        return offering_form(r, &f, o, true);
    }
    struct saved s = {o, 0};
    enum db_rc rc = action_run(r, create_tx, &s);
    if (rc == DB_CONSTRAINT) {
        form_error(&f, "grupp", "err.choice");
        r->status = 400;
        return offering_form(r, &f, o, true);
    }
    if (rc != DB_OK) return page_not_saved(r, "offering create");
    resp_flash(r, "flash.saved");
    resp_redirect(r, arena_printf(r->a, "/utbud/%lld", (long long)s.id));
}

static struct offering *load_editable(req *r)
{
    struct offering *o = load_offering(r, r->params[0]);
    if (!o) return NULL;
    if (!may_edit_offering(r, o->org_id)) {
        page_error(r, 403);
        return NULL;
    }
    return o;
}

static void h_edit_form(req *r)
{
    struct offering *o = load_editable(r);
    if (!o) return;
    struct form f;
    form_init(&f, r);
    offering_form(r, &f, o, false);
}

static void h_edit(req *r)
{
    struct offering *o = load_editable(r);
    if (!o) return;
    struct form f;
    form_init(&f, r);
    struct offering *e = blank(r);
    e->id = o->id;
    read_form(r, &f, e);
    if (!form_ok(&f)) {
        r->status = 400;
        return offering_form(r, &f, e, false);
    }
    struct saved s = {e, o->id};
    enum db_rc rc = action_run(r, edit_tx, &s);
    if (rc == DB_CONSTRAINT) {
        form_error(&f, "grupp", "err.choice");
        r->status = 400;
        return offering_form(r, &f, e, false);
    }
    if (rc != DB_OK) return page_not_saved(r, "offering update");
    resp_flash(r, "flash.saved");
    resp_redirect(r, arena_printf(r->a, "/utbud/%lld", (long long)o->id));
}

static enum db_rc delete_tx(req *r, void *ctx)
{
    const struct offering *o = ctx;
    enum db_rc rc = store_offering_delete(r->db, o->id);
    if (rc != DB_OK) return rc;
    return store_audit(r->db, r->now, r->user->id, "utbud.ta_bort", arena_printf(r->a, "utbud:%lld", (long long)o->id),
                       o->title);
}

/* Removing an offering: gone from the catalogue and the search at once. */
static void h_delete(req *r)
{
    struct offering *o = load_editable(r);
    if (!o) return;
    enum db_rc rc = action_run(r, delete_tx, o);
    if (rc == DB_NOTFOUND) return page_error(r, 404);
    if (rc != DB_OK) return page_not_saved(r, "offering delete");
    resp_flash(r, "catalogue.flash.deleted");
    resp_redirect(r, arena_printf(r->a, "/organisationer/%s", o->org_slug));
}

static void h_new_form_get(req *r)
{
    page_in_snapshot(r, h_new_form); /* one snapshot of all it reads */
}

const struct route offering_form_routes[] = {
    {M_POST, "/utbud/*/ta-bort", h_delete, R_AUTH},
    {M_GET, "/utbud/ny", h_new_form_get, R_AUTH},
    {M_POST, "/utbud/ny", h_new, R_AUTH},
    {M_GET, "/utbud/*/redigera", h_edit_form, R_AUTH},
    {M_POST, "/utbud/*/redigera", h_edit, R_AUTH},
    {0, NULL, NULL, 0},
};
