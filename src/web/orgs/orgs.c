/* Organisations: the public directory, profile pages, and editing by the
 * organisation's representatives (or an administrator / coordinator). */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "store/store.h"
#include "util/log.h"
#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/action.h"
#include "web/catalogue/catalogue.h"
#include "web/pages.h"
#include "web/site.h"

static const char *kind_label(req *r, enum org_kind k)
{
    return T(r, arena_printf(r->a, "org.kind.%s", org_kind_name(k)));
}

static const char *sector_label(req *r, enum org_sector s)
{
    return T(r, arena_printf(r->a, "org.sector.%s", org_sector_name(s)));
}

/* ---- directory ---- */

static void h_directory(req *r)
{
    const char *q = NULL, *kind_s = NULL;
    if (!query_text(r, "q", 100, &q) || !query_text(r, "typ", 20, &kind_s))
        return page_message(r, 400, "error.400.title", "err.search");
    int kind = kind_s && *kind_s ? org_kind_from_name(kind_s) : -1;
    if (kind_s && *kind_s && kind < 0) return page_message(r, 400, "error.400.title", "err.filter");
    struct org *list = NULL;
    size_t n = 0;
    if (store_orgs_list(r->db, r->a, kind, q, &list, &n) != DB_OK)
        return page_fail(r, "orgs");
    page_begin(r, T(r, "orgs.title"));
    html(r, "<h1>%s</h1>\n<p>%s</p>\n", T(r, "orgs.title"), T(r, "orgs.intro"));
    html(r, "<form method=\"get\" action=\"/organisationer\" class=\"filters\" role=\"search\">\n"
            "<div class=\"field\"><label for=\"f-q\">%s</label>\n"
            "<input type=\"search\" id=\"f-q\" name=\"q\" maxlength=\"100\" value=\"%s\"></div>\n"
            "<div class=\"field\"><label for=\"f-typ\">%s</label>\n<select id=\"f-typ\" name=\"typ\">\n"
            "<option value=\"\">%s</option>\n",
         T(r, "orgs.search"), q ? q : "", T(r, "orgs.kind"), T(r, "orgs.all_kinds"));
    for (int k = 0; k < ORG_KIND_COUNT; k++)
        html(r, "<option value=\"%s\"%s>%s</option>\n", org_kind_name((enum org_kind)k),
             k == kind ? " selected" : "", kind_label(r, (enum org_kind)k));
    html(r, "</select></div>\n<button type=\"submit\">%s</button>\n</form>\n", T(r, "orgs.filter"));
    if (can_create_orgs(r->user))
        html(r, "<p><a class=\"button\" href=\"/organisationer/ny\">%s</a></p>\n", T(r, "orgs.new"));
    html(r, "<p class=\"count\" role=\"status\">%s %zu</p>\n", T(r, "orgs.count"), n);
    html_raw(r, "<ul class=\"cards\">\n");
    for (size_t i = 0; i < n; i++) {
        const struct org *o = &list[i];
        html(r, "<li class=\"card\">\n<h2><a href=\"/organisationer/%s\">%s</a></h2>\n"
                "<p class=\"meta\">%s · %s",
             o->slug, o->name, kind_label(r, o->kind), sector_label(r, o->sector));
        if (o->parent_id)
            html(r, " · %s <a href=\"/organisationer/%s\">%s</a>", T(r, "org.member_of"),
                 o->parent_slug, o->parent_name);
        html(r, "</p>\n<p>%s</p>\n</li>\n", o->summary);
    }
    html_raw(r, "</ul>\n");
    if (n == 0) html(r, "<p>%s</p>\n", T(r, "orgs.none"));
    page_end(r);
}

/* ---- profile ---- */

static bool may_edit(req *r, const struct org *o)
{
    if (!r->user) return false;
    if (user_has(r->user, ROLE_ADMIN) || user_has(r->user, ROLE_KOORDINATOR)) return true;
    bool rep = false;
    return store_org_is_rep(r->db, o->id, r->user->id, &rep) == DB_OK && rep;
}

static void h_profile(req *r)
{
    struct org *o = NULL;
    enum db_rc rc = store_org_by_slug(r->db, r->a, r->params[0], &o);
    if (rc == DB_NOTFOUND) return page_error(r, 404);
    if (rc != DB_OK) return page_fail(r, "org");
    struct org *members = NULL;
    size_t nmembers = 0;
    if (store_org_members(r->db, r->a, o->id, &members, &nmembers) != DB_OK)
        return page_fail(r, "org");
    page_begin(r, o->name);
    const char *crumbs[] = {"/organisationer", T(r, "orgs.title"), NULL, o->name};
    page_crumbs(r, crumbs, 4);
    html(r, "<h1>%s</h1>\n<p class=\"meta\">%s · %s</p>\n", o->name, kind_label(r, o->kind),
         sector_label(r, o->sector));
    if (*o->summary) html(r, "<p class=\"lead\">%s</p>\n", o->summary);
    user_paragraphs(r, &r->body, o->description);
    if (*o->website)
        html(r, "<p><a href=\"%s\" rel=\"noopener\">%s</a></p>\n", o->website, T(r, "org.website"));
    if (o->parent_id)
        html(r, "<p>%s <a href=\"/organisationer/%s\">%s</a></p>\n", T(r, "org.member_of"),
             o->parent_slug, o->parent_name);
    if (nmembers) {
        html(r, "<h2>%s</h2>\n<ul>\n", T(r, "org.members"));
        for (size_t i = 0; i < nmembers; i++)
            html(r, "<li><a href=\"/organisationer/%s\">%s</a> – %s</li>\n", members[i].slug,
                 members[i].name, members[i].summary);
        html_raw(r, "</ul>\n");
    }
    catalogue_org_block(r, o->id, o->slug); /* its offerings (web/catalogue/) */
    html(r, "<p class=\"muted\">%s %s</p>\n", T(r, "org.updated"),
         fmt_date(r->a, r->lang, o->updated_at));
    if (may_edit(r, o))
        html(r, "<p><a class=\"button\" href=\"/organisationer/%s/redigera\">%s</a></p>\n",
             o->slug, T(r, "org.edit"));
    else /* asking to represent it (web/account/org_request.c) */
        html(r, "<p><a href=\"%s?org=%lld\">%s</a></p>\n",
             r->user ? "/konto/organisation" : "/registrera", (long long)o->id, T(r, "orgreq.ask_link"));
    page_end(r);
}

/* ---- create and edit ---- */

/* Options for the umbrella select: umbrella organisations except o. */
static void parent_select(req *r, const struct form *f, int64_t self, int64_t selected)
{
    struct org *list = NULL;
    size_t n = 0;
    if (store_orgs_list(r->db, r->a, ORG_PARAPLY, NULL, &list, &n) != DB_OK) n = 0;
    struct option *opts = arena_alloc(r->a, (n + 1) * sizeof *opts);
    size_t k = 0;
    opts[k++] = (struct option){"0", T(r, "org.no_parent")};
    for (size_t i = 0; i < n; i++)
        if (list[i].id != self)
            opts[k++] = (struct option){arena_printf(r->a, "%lld", (long long)list[i].id),
                                        list[i].name};
    field_select(r, f, &(struct field){.name = "paraply", .label = "org.parent",
                                       .value = arena_printf(r->a, "%lld", (long long)selected)},
                 opts, k);
}

static void org_form(req *r, const struct form *f, const struct org *o, bool create)
{
    const char *title = create ? T(r, "orgs.new") : o->name;
    page_begin(r, title);
    html(r, "<h1>%s</h1>\n", create ? T(r, "orgs.new") : T(r, "org.edit"));
    if (!create) html(r, "<p class=\"lead\">%s</p>\n", o->name);
    form_summary(r, f);
    form_open(r, create ? "/organisationer/ny"
                        : arena_printf(r->a, "/organisationer/%s/redigera", o->slug), false);
    field_input(r, f, &(struct field){.name = "namn", .label = "org.name", .value = o->name,
                                      .autocomplete = "organization", .flags = F_REQUIRED});
    if (can_create_orgs(r->user)) {
        struct option kinds[ORG_KIND_COUNT], sectors[SECTOR_COUNT];
        for (int k = 0; k < ORG_KIND_COUNT; k++)
            kinds[k] = (struct option){org_kind_name((enum org_kind)k), kind_label(r, (enum org_kind)k)};
        for (int s = 0; s < SECTOR_COUNT; s++)
            sectors[s] = (struct option){org_sector_name((enum org_sector)s),
                                         sector_label(r, (enum org_sector)s)};
        field_select(r, f, &(struct field){.name = "typ", .label = "orgs.kind",
                                           .value = org_kind_name(o->kind)}, kinds, ORG_KIND_COUNT);
        field_select(r, f, &(struct field){.name = "sektor", .label = "org.sector", .hint = "org.sector_hint",
                                           .value = org_sector_name(o->sector)}, sectors, SECTOR_COUNT);
        parent_select(r, f, o->id, o->parent_id);
    } else { /* a representative edits the profile, not where it stands */
        html(r, "<dl class=\"facts\">\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s</dd>\n</dl>\n"
                "<p class=\"hint\">%s</p>\n", T(r, "orgs.kind"), kind_label(r, o->kind), T(r, "org.sector"),
             sector_label(r, o->sector), T(r, "org.standing_hint"));
    }
    field_input(r, f, &(struct field){.name = "sammanfattning", .label = "org.summary",
                                      .hint = "org.summary_hint", .value = o->summary});
    field_textarea(r, f, &(struct field){.name = "beskrivning", .label = "org.description",
                                         .hint = "org.description_hint", .value = o->description,
                                         .rows = 10});
    field_input(r, f, &(struct field){.name = "webbplats", .label = "org.website", .type = "url",
                                      .hint = "org.website_hint", .value = o->website,
                                      .autocomplete = "url"});
    form_submit(r, "form.save");
    form_close(r);
    page_end(r);
}

/* Kind, sector and umbrella: what the organisation is and where it
 * belongs, set by administrators and coordinators (an umbrella's member
 * list is the umbrella's, not the member's, to write). */
static void read_org_standing(req *r, struct form *f, struct org *o)
{
    int k = org_kind_from_name(req_form(r, "typ"));
    if (k < 0) form_error(f, "typ", "err.choice");
    else o->kind = (enum org_kind)k;
    int s = org_sector_from_name(req_form(r, "sektor"));
    if (s < 0) form_error(f, "sektor", "err.choice");
    else o->sector = (enum org_sector)s;
    int64_t parent = 0;
    if (form_int(f, "paraply", 0, INT64_MAX, false, 0, &parent) && parent) {
        struct org *p = NULL, *members = NULL;
        size_t nmembers = 0;
        /* umbrellas are one level deep: an organisation with members of its
         * own cannot become a member */
        if (o->id && store_org_members(r->db, r->a, o->id, &members, &nmembers) != DB_OK) nmembers = 1;
        if (store_org_by_id(r->db, r->a, parent, &p) != DB_OK || p->kind != ORG_PARAPLY ||
            nmembers > 0 || !org_parent_allowed(o->id, parent, p->parent_id))
            form_error(f, "paraply", "err.parent");
    }
    o->parent_id = parent;
}

/* Reads the form into o; checks the umbrella rule with the store. */
static void read_org_form(req *r, struct form *f, struct org *o)
{
    o->name = form_text(f, "namn", ORG_NAME_MAX, F_REQUIRED);
    if (can_create_orgs(r->user)) read_org_standing(r, f, o);
    o->summary = form_text(f, "sammanfattning", ORG_SUMMARY_MAX, 0);
    o->description = form_text(f, "beskrivning", ORG_DESCRIPTION_MAX, F_MULTILINE);
    o->website = form_text(f, "webbplats", ORG_WEBSITE_MAX, 0);
    const char *e = validate_website(o->website);
    if (e && !form_err(f, "webbplats")) form_error(f, "webbplats", e);
    form_no_pnr(f, "namn", o->name);
    form_no_pnr(f, "beskrivning", o->description);
    form_no_pnr(f, "sammanfattning", o->summary);
    form_no_pnr(f, "webbplats", o->website);
}

static void h_new_form(req *r)
{
    if (!can_create_orgs(r->user)) return page_error(r, 403);
    struct form f;
    form_init(&f, r);
    org_form(r, &f, &(struct org){.name = "", .summary = "", .description = "", .website = ""},
             true);
}

/* A new organisation and its audit row: one transaction. */
static enum db_rc create_tx(req *r, void *ctx)
{
    const struct org *o = ctx;
    int64_t id = 0;
    enum db_rc rc = store_org_create(r->db, o, r->now, &id);
    if (rc != DB_OK) return rc;
    return store_audit(r->db, r->now, r->user->id, "organisation.skapa", o->slug, o->name);
}

/* An edit and its audit row: one transaction. */
static enum db_rc edit_tx(req *r, void *ctx)
{
    const struct org *o = ctx;
    enum db_rc rc = store_org_update(r->db, o, r->now);
    if (rc != DB_OK) return rc;
    return store_audit(r->db, r->now, r->user->id, "organisation.redigera", o->slug, "");
}

static void h_new(req *r)
{
    if (!can_create_orgs(r->user)) return page_error(r, 403);
    struct form f;
    form_init(&f, r);
    struct org o = {0};
    read_org_form(r, &f, &o);
    if (!form_ok(&f)) {
        r->status = 400;
        return org_form(r, &f, &o, true);
    }
    const char *base = text_slug(r->a, o.name, 60);
    enum db_rc rc = DB_CONSTRAINT;
    /* a taken slug rolls the whole action back; the next one is tried anew */
    for (int i = 1; i < 50 && rc == DB_CONSTRAINT; i++) {
        o.slug = slug_try(r->a, base, i);
        rc = action_run(r, create_tx, &o);
    }
    if (rc != DB_OK) return page_not_saved(r, "org create");
    resp_flash(r, "flash.saved");
    resp_redirect(r, arena_printf(r->a, "/organisationer/%s", o.slug));
}

static struct org *load_editable(req *r)
{
    struct org *o = NULL;
    enum db_rc rc = store_org_by_slug(r->db, r->a, r->params[0], &o);
    if (rc == DB_NOTFOUND) {
        page_error(r, 404);
        return NULL;
    }
    if (rc != DB_OK) {
        page_fail(r, "org");
        return NULL;
    }
    if (!may_edit(r, o)) {
        page_error(r, 403);
        return NULL;
    }
    return o;
}

static void h_edit_form(req *r)
{
    struct org *o = load_editable(r);
    if (!o) return;
    struct form f;
    form_init(&f, r);
    org_form(r, &f, o, false);
}

static void h_edit(req *r)
{
    struct org *o = load_editable(r);
    if (!o) return;
    struct form f;
    form_init(&f, r);
    struct org edited = *o;
    read_org_form(r, &f, &edited);
    if (!form_ok(&f)) {
        r->status = 400;
        return org_form(r, &f, &edited, false);
    }
    if (action_run(r, edit_tx, &edited) != DB_OK) return page_not_saved(r, "org update");
    resp_flash(r, "flash.saved");
    resp_redirect(r, arena_printf(r->a, "/organisationer/%s", o->slug));
}

const struct route org_routes[] = {
    {M_GET, "/organisationer", h_directory, 0},
    {M_GET, "/organisationer/ny", h_new_form, R_AUTH},
    {M_POST, "/organisationer/ny", h_new, R_AUTH},
    {M_GET, "/organisationer/*", h_profile, 0},
    {M_GET, "/organisationer/*/redigera", h_edit_form, R_AUTH},
    {M_POST, "/organisationer/*/redigera", h_edit, R_AUTH},
    {0, NULL, NULL, 0},
};
