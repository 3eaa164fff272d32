/* The agenda editor: coordinators build a meeting's agenda from the
 * activities. */
#include <string.h>

#include "store/store.h"
#include "util/log.h"
#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/action.h"
#include "web/calls/calls.h"
#include "web/group/group.h"
#include "web/notify.h"
#include "web/pages.h"
#include "web/site.h"

/* ---- the agenda editor ---- */

static void agenda_editor(req *r, const struct meeting *m, const struct form *f)
{
    struct activity *acts = NULL;
    size_t na = 0;
    if (store_activity_choices(r->db, r->a, &acts, &na) != DB_OK) return page_fail(r, "agenda");
    const char *title = meeting_title(r, m);
    page_begin(r, T(r, "agenda.edit"));
    const char *crumbs[] = {arena_printf(r->a, "/grupper/%s", m->group_slug), m->group_name,
                            arena_printf(r->a, "/moten/%lld", (long long)m->id), title, NULL, T(r, "agenda.edit")};
    page_crumbs(r, crumbs, 6);
    html(r, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", T(r, "agenda.edit"), title);
    form_summary(r, f);
    const char *action = arena_printf(r->a, "/moten/%lld/dagordning", (long long)m->id);
    for (int s = 0; s < SECTION_COUNT; s++) {
        html(r, "<h2>%s</h2>\n", T(r, s == SECTION_MAIN ? "agenda.title" : "agenda.other"));
        bool any = false;
        for (size_t k = 0; k < m->nitems; k++) {
            const struct agenda_item *it = &m->items[k];
            if ((int)it->section != s) continue;
            if (!any) html_raw(r, "<ol class=\"agenda-edit\">\n");
            any = true;
            html_raw(r, "<li><span>");
            agenda_item_heading(r, it);
            agenda_carried_note(r, it);
            html_raw(r, "</span>\n<div class=\"buttons\">\n");
            const char *id = arena_printf(r->a, "%lld", (long long)it->id);
            static const struct { const char *what, *key; } ops[] = {
                {"upp", "agenda.up"}, {"ned", "agenda.down"}, {"ta-bort", "agenda.remove"}};
            for (size_t o = 0; o < 3; o++) {
                form_open_class(r, action, "inline");
                html(r, "<input type=\"hidden\" name=\"atgard\" value=\"%s\">"
                        "<input type=\"hidden\" name=\"punkt\" value=\"%s\">"
                        "<button type=\"submit\" class=\"secondary\" aria-label=\"%s: %s\">%s</button>\n",
                     ops[o].what, id, T(r, ops[o].key), it->title, T(r, ops[o].key));
                form_close(r);
            }
            html_raw(r, "</div></li>\n");
        }
        if (any) html_raw(r, "</ol>\n");
        else html(r, "<p>%s</p>\n", T(r, "agenda.empty"));
    }
    html(r, "<h2>%s</h2>\n<p class=\"hint\">%s</p>\n", T(r, "agenda.add_activity"), T(r, "agenda.activity_hint"));
    form_open(r, action, false);
    html_raw(r, "<input type=\"hidden\" name=\"atgard\" value=\"aktivitet\">\n");
    struct option *opts = arena_alloc(r->a, (na + 1) * sizeof *opts);
    opts[0] = (struct option){"", T(r, "agenda.choose_activity")};
    size_t nopts = 1;
    for (size_t k = 0; k < na; k++) {
        bool listed = false; /* already on this agenda: not offered twice */
        for (size_t i = 0; i < m->nitems; i++) listed |= m->items[i].activity_id == acts[k].id;
        if (listed) continue;
        buf b = {0};
        buf_puts(&b, acts[k].title);
        if (acts[k].norgs) {
            buf_puts(&b, " (");
            for (size_t o = 0; o < acts[k].norgs; o++) buf_printf(&b, "%s%s", o ? ", " : "", acts[k].orgs[o].name);
            buf_puts(&b, ")");
        }
        opts[nopts++] = (struct option){arena_printf(r->a, "%lld", (long long)acts[k].id), arena_strdup(r->a, buf_cstr(&b))};
        buf_free(&b);
    }
    field_select(r, f, &(struct field){.name = "aktivitet", .label = "agenda.activity", .value = req_form(r, "aktivitet"),
                                       .flags = F_REQUIRED}, opts, nopts);
    field_input(r, f, &(struct field){.name = "presentator", .label = "agenda.presenter", .value = req_form(r, "presentator")});
    form_submit(r, "agenda.add");
    form_close(r);
    html(r, "<h2>%s</h2>\n", T(r, "agenda.add_free"));
    form_open(r, action, false);
    struct option sections[] = {{"punkt", T(r, "agenda.title")}, {"ovrigt", T(r, "agenda.other")}};
    const char *del = req_form(r, "del");
    field_radios(r, f, &(struct field){.name = "del", .label = "agenda.section", .value = del ? del : "punkt"}, sections, 2);
    html_raw(r, "<input type=\"hidden\" name=\"atgard\" value=\"punkt\">\n");
    field_input(r, f, &(struct field){.name = "rubrik", .label = "agenda.item_title", .value = req_form(r, "rubrik"),
                                      .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "presentator2", .label = "agenda.presenter", .value = req_form(r, "presentator2")});
    form_submit(r, "agenda.add");
    form_close(r);
    page_end(r);
}

static void h_agenda_page(req *r)
{
    struct meeting *m = coordinator_meeting_agenda(r);
    if (!m) return;
    struct form f;
    form_init(&f, r);
    agenda_editor(r, m, &f);
}

static void h_agenda(req *r)
{
    page_in_snapshot(r, h_agenda_page); /* one snapshot of all it reads */
}

static void h_agenda_change(req *r)
{
    struct meeting *m = coordinator_meeting(r);
    if (!m) return;
    struct form f;
    form_init(&f, r);
    const char *what = req_form(r, "atgard");
    if (!what) return page_error(r, 400);
    enum db_rc rc = DB_OK;
    if (strcmp(what, "aktivitet") == 0) {
        int64_t aid = 0;
        struct activity *act = NULL;
        const char *presenter = form_text(&f, "presentator", 200, 0);
        form_no_pnr(&f, "presentator", presenter);
        if (form_int(&f, "aktivitet", 1, INT64_MAX, true, 0, &aid)) {
            enum db_rc got = store_activity_get(r->db, r->a, aid, &act);
            if (got == DB_NOTFOUND) form_error(&f, "aktivitet", "err.activity_missing");
            else if (got != DB_OK) return page_fail(r, "agenda activity");
        }
        if (form_ok(&f)) {
            struct agenda_item it = {.section = SECTION_MAIN, .activity_id = aid, .title = act->title,
                                     .presenter = *presenter ? presenter : act->presenter};
            int64_t id;
            rc = store_agenda_add(r->db, m->id, &it, &id);
        }
    } else if (strcmp(what, "punkt") == 0) {
        const char *title = form_text(&f, "rubrik", ITEM_TITLE_MAX, F_REQUIRED);
        const char *presenter = form_text(&f, "presentator2", 200, 0);
        int section = section_from_name(req_form(r, "del"));
        if (section < 0) form_error(&f, "del", "err.choice");
        form_no_pnr(&f, "rubrik", title);
        form_no_pnr(&f, "presentator2", presenter);
        if (form_ok(&f)) {
            struct agenda_item it = {.section = (enum item_section)section, .title = title, .presenter = presenter};
            int64_t id;
            rc = store_agenda_add(r->db, m->id, &it, &id);
        }
    } else {
        int64_t item = 0;
        if (!parse_i64(req_form(r, "punkt") ? req_form(r, "punkt") : "", &item)) return page_error(r, 400);
        if (strcmp(what, "upp") == 0) rc = store_agenda_move(r->db, m->id, item, -1);
        else if (strcmp(what, "ned") == 0) rc = store_agenda_move(r->db, m->id, item, +1);
        else if (strcmp(what, "ta-bort") == 0) rc = store_agenda_remove(r->db, m->id, item);
        else return page_error(r, 400);
        if (rc == DB_NOTFOUND) return page_message(r, 400, "agenda.item_gone_title", "agenda.item_gone");
    }
    if (!form_ok(&f)) {
        r->status = 400;
        return agenda_editor(r, m, &f);
    }
    if (rc != DB_OK) return page_fail(r, "agenda change");
    resp_flash(r, "flash.saved");
    resp_redirect(r, arena_printf(r->a, "/moten/%lld/dagordning", (long long)m->id));
}


const struct route agenda_routes[] = {
    {M_GET, "/moten/*/dagordning", h_agenda, R_AUTH},
    {M_POST, "/moten/*/dagordning", h_agenda_change, R_AUTH},
    {0, NULL, NULL, 0},
};
