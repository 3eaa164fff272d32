/* Coordinators plan a meeting of a group and edit its date, time, place
 * and theme. */
#include <string.h>

#include "store/store.h"
#include "util/log.h"
#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/calls/calls.h"
#include "web/group/group.h"
#include "web/notify.h"
#include "web/pages.h"
#include "web/site.h"

/* ---- plan and edit a meeting ---- */

static void meeting_form(req *r, const struct form *f, const struct meeting *m, const char *action,
                         bool create)
{
    page_begin(r, T(r, create ? "meeting.new" : "meeting.edit"));
    html(r, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", T(r, create ? "meeting.new" : "meeting.edit"), m->group_name);
    form_summary(r, f);
    form_open(r, action, false);
    if (create) form_once_field(r);
    field_input(r, f, &(struct field){.name = "datum", .label = "meeting.date", .type = "date", .hint = "form.date_hint",
                                      .value = m->date, .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "start", .label = "meeting.start", .type = "time", .hint = "form.time_hint",
                                      .value = m->start_time, .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "slut", .label = "meeting.end", .type = "time", .hint = "form.time_hint",
                                      .value = m->end_time, .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "plats", .label = "meeting.place_name", .value = m->place_name});
    field_input(r, f, &(struct field){.name = "adress", .label = "meeting.place_address", .value = m->place_address,
                                      .autocomplete = "street-address"});
    field_textarea(r, f, &(struct field){.name = "digitalt", .label = "meeting.online", .hint = "meeting.online_hint",
                                         .value = m->online, .rows = 3});
    field_input(r, f, &(struct field){.name = "tema", .label = "meeting.theme", .value = m->theme});
    field_textarea(r, f, &(struct field){.name = "beskrivning", .label = "meeting.description", .value = m->description,
                                         .rows = 5});
    form_submit(r, "form.save");
    form_close(r);
    page_end(r);
}

/* A time of day as HH:MM.  Accepts "13:30", "13.30" (as the seeds write
 * it) and "13:30:00" (some browsers); anything else is an error and comes
 * back exactly as typed. */
static const char *form_time(struct form *f, const char *name)
{
    const char *v = form_text(f, name, 20, F_REQUIRED);
    int h, mi;
    if (!*v) return v;
    char head[6] = {0};
    size_t n = strlen(v);
    if (n == 8 && v[5] == ':' && v[6] >= '0' && v[6] <= '5' && v[7] >= '0' && v[7] <= '9') {
        memcpy(head, v, 5);
        v = arena_strdup(f->r->a, head);
    }
    if (!parse_hm(v, &h, &mi)) {
        form_error(f, name, "err.time");
        return v;
    }
    return arena_printf(f->r->a, "%02d:%02d", h, mi);
}

static void read_meeting_form(struct form *f, struct meeting *m)
{
    m->date = form_date(f, "datum", true);
    m->start_time = form_time(f, "start");
    m->end_time = form_time(f, "slut");
    m->place_name = form_text(f, "plats", 200, 0);
    m->place_address = form_text(f, "adress", 200, 0);
    m->online = form_text(f, "digitalt", MEETING_TEXT_MAX, F_MULTILINE);
    m->theme = form_text(f, "tema", 300, 0);
    m->description = form_text(f, "beskrivning", MEETING_TEXT_MAX, F_MULTILINE);
    if (!form_err(f, "start") && !form_err(f, "slut") && *m->start_time && *m->end_time &&
        !meeting_times_ok(m->start_time, m->end_time))
        form_error(f, "slut", "err.end_before_start");
    form_no_pnr(f, "beskrivning", m->description);
    form_no_pnr(f, "tema", m->theme);
    form_no_pnr(f, "plats", m->place_name);
    form_no_pnr(f, "adress", m->place_address);
    form_no_pnr(f, "digitalt", m->online);
}

static void h_new_form(req *r)
{
    if (!is_coordinator(r)) return page_error(r, 403);
    struct group *g = load_group(r, r->params[0]);
    if (!g) return;
    struct form f;
    form_init(&f, r);
    struct meeting m = {.group_name = g->name, .date = "", .start_time = "13:30", .end_time = "15:30",
                        .place_name = "", .place_address = "", .online = "", .theme = "", .description = ""};
    meeting_form(r, &f, &m, arena_printf(r->a, "/grupper/%s/nytt-mote", g->slug), true);
}

static void h_new(req *r)
{
    if (!is_coordinator(r)) return page_error(r, 403);
    struct group *g = load_group(r, r->params[0]);
    if (!g) return;
    struct form f;
    form_init(&f, r);
    struct meeting m = {.group_id = g->id, .group_name = g->name, .status = MEETING_PLANNED};
    read_meeting_form(&f, &m);
    if (!form_ok(&f)) {
        r->status = 400;
        return meeting_form(r, &f, &m, arena_printf(r->a, "/grupper/%s/nytt-mote", g->slug), true);
    }
    if (!form_once(&f)) return resp_redirect(r, arena_printf(r->a, "/grupper/%s", g->slug));
    int64_t id;
    if (store_meeting_create(r->db, &m, r->now, &id) != DB_OK) return page_fail(r, "meeting create");
    resp_flash(r, "flash.saved");
    resp_redirect(r, arena_printf(r->a, "/moten/%lld", (long long)id));
}

static void h_edit_form(req *r)
{
    struct meeting *m = coordinator_meeting(r);
    if (!m) return;
    struct form f;
    form_init(&f, r);
    meeting_form(r, &f, m, arena_printf(r->a, "/moten/%lld/redigera", (long long)m->id), false);
}

static void h_edit(req *r)
{
    struct meeting *m = coordinator_meeting(r);
    if (!m) return;
    struct form f;
    form_init(&f, r);
    struct meeting e = *m;
    read_meeting_form(&f, &e);
    if (!form_ok(&f)) {
        r->status = 400;
        return meeting_form(r, &f, &e, arena_printf(r->a, "/moten/%lld/redigera", (long long)m->id), false);
    }
    if (store_meeting_update(r->db, &e, r->now) != DB_OK) return page_fail(r, "meeting update");
    resp_flash(r, "flash.saved");
    resp_redirect(r, arena_printf(r->a, "/moten/%lld", (long long)m->id));
}


const struct route meeting_form_routes[] = {
    {M_GET, "/grupper/*/nytt-mote", h_new_form, R_AUTH},
    {M_POST, "/grupper/*/nytt-mote", h_new, R_AUTH},
    {M_GET, "/moten/*/redigera", h_edit_form, R_AUTH},
    {M_POST, "/moten/*/redigera", h_edit, R_AUTH},
    {0, NULL, NULL, 0},
};
