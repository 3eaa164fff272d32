/* Meetings of the development group: the meeting page (agenda, and the
 * minutes once published), a print view that fits A4 and reads without
 * colour, and the coordinators' tools: plan and edit a meeting, build the
 * agenda from activities, write minutes (with conflict detection when two
 * people edit at once), publish them (which notifies everyone whose
 * activity was on the agenda), and action items. */
#include <string.h>

#include "store/store.h"
#include "util/log.h"
#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/calls.h"
#include "web/group.h"
#include "web/notify.h"
#include "web/pages.h"
#include "web/site.h"

struct meeting *load_meeting(req *r, const char *id_text)
{
    int64_t id;
    struct meeting *m = NULL;
    if (!parse_i64(id_text, &id) || id <= 0) {
        page_error(r, 404);
        return NULL;
    }
    enum db_rc rc = store_meeting_get(r->db, r->a, id, &m);
    if (rc == DB_OK) return m;
    if (rc == DB_NOTFOUND) page_error(r, 404);
    else page_fail(r, "meeting");
    return NULL;
}

/* The meeting in the path, for a coordinator; otherwise 403 (or 404). */
static struct meeting *coordinator_meeting(req *r)
{
    if (!is_coordinator(r)) {
        page_error(r, 403);
        return NULL;
    }
    return load_meeting(r, r->params[0]);
}

/* ---- the agenda and minutes, shared by the page and the print view ---- */

static void facts(req *r, const struct meeting *m)
{
    html(r, "<dl class=\"facts\">\n<dt>%s</dt><dd>%s, <span class=\"nowrap\">%s</span></dd>\n", T(r, "meeting.when"),
         meeting_day(r, m->date), fmt_hm_range(r->a, m->start_time, m->end_time));
    if (*m->place_name || *m->place_address) {
        html(r, "<dt>%s</dt><dd>%s", T(r, "meeting.place"), m->place_name);
        if (*m->place_address) html(r, "%s%s", *m->place_name ? ", " : "", m->place_address);
        html_raw(r, "</dd>\n");
    }
    if (*m->online) html(r, "<dt>%s</dt><dd>%s</dd>\n", T(r, "meeting.online"), m->online);
    if (*m->theme) html(r, "<dt>%s</dt><dd>%s</dd>\n", T(r, "meeting.theme"), m->theme);
    html(r, "<dt>%s</dt><dd>%s</dd>\n</dl>\n", T(r, "meeting.status_label"), meeting_status_label(r, m));
}

static void item_heading_text(req *r, const struct agenda_item *it)
{
    html(r, "%s", it->title);
    orgs_in_parentheses(r, it->orgs, it->norgs);
}

/* What minutes say is public once they are published: that a report was
 * missing at a meeting, and the action items raised there, show on later
 * agendas to others than coordinators only then. */
static void carried_note(req *r, const struct agenda_item *it)
{
    if (!it->carried_from || (!it->carried_public && !is_coordinator(r))) return;
    const char *date = fmt_ymd(r->a, r->lang, it->carried_meeting_date);
    html(r, "<br><span class=\"note\">%s <a href=\"/moten/%lld\">%s</a></span>", T(r, "agenda.carried_from"),
         (long long)it->carried_meeting_id, date ? date : it->carried_meeting_date);
}

/* One action item as a list item; the caller closes the <li> when
 * `close` is false (to put a button inside it). */
static void action_line(req *r, const struct action_item *x, bool show_origin, bool close)
{
    /* "Helsam: Helsam ska …" says the owner twice */
    bool named = starts_with(x->what, x->owner_name);
    html_raw(r, "<li>");
    if (!named && *x->owner_slug)
        html(r, "<a href=\"/organisationer/%s\">%s</a>: ", x->owner_slug, x->owner_name);
    else if (!named)
        html(r, "%s: ", x->owner_name);
    html(r, "%s", x->what);
    if (*x->due) html(r, " (%s %s)", T(r, "action.due"), fmt_ymd(r->a, r->lang, x->due) ? fmt_ymd(r->a, r->lang, x->due) : x->due);
    if (show_origin) {
        const char *d = fmt_ymd(r->a, r->lang, x->meeting_date);
        html(r, " <span class=\"note\">(%s %s)</span>", T(r, "action.raised"), d ? d : x->meeting_date);
    }
    html(r, " <strong class=\"tag\">%s</strong>", T(r, x->status == ACTION_DONE ? "action.done" : "action.open"));
    if (close) html_raw(r, "</li>\n");
}

/* Minutes can be published from the meeting's day on. */
static bool publishable(req *r, const struct meeting *m)
{
    return m->status != MEETING_PUBLISHED && strcmp(m->date, today_ymd(r)) <= 0;
}

/* The publish button where coordinators look for it (the meeting page and
 * the minutes editor), or why it is not there yet. */
static void publish_tool(req *r, const struct meeting *m)
{
    if (m->status == MEETING_PUBLISHED) return;
    if (publishable(r, m))
        button_form(r, arena_printf(r->a, "/moten/%lld/publicera", (long long)m->id), "minutes.publish", NULL,
                    NULL, NULL);
    else
        html(r, "<p class=\"hint\">%s %s.</p>\n", T(r, "minutes.publish_from"), fmt_ymd(r->a, r->lang, m->date));
}

static void agenda(req *r, const struct meeting *m)
{
    html(r, "<h2 id=\"dagordning\">%s</h2>\n", T(r, "agenda.title"));
    bool any = false;
    for (size_t k = 0; k < m->nitems; k++) {
        const struct agenda_item *it = &m->items[k];
        if (it->section != SECTION_MAIN) continue;
        if (!any) html_raw(r, "<ol class=\"agenda\">\n");
        any = true;
        html_raw(r, "<li>");
        item_heading_text(r, it);
        if (*it->presenter) html(r, " – %s", it->presenter);
        carried_note(r, it);
        html_raw(r, "</li>\n");
    }
    if (any) html_raw(r, "</ol>\n");
    else html(r, "<p>%s</p>\n", T(r, "agenda.empty"));
    bool insider = is_coordinator(r);
    any = false;
    for (size_t k = 0; k < m->nfollowups; k++) {
        if (!m->followups[k].raised_public && !insider) continue;
        if (!any) html(r, "<h3>%s</h3>\n<ul class=\"actions\">\n", T(r, "agenda.followups"));
        any = true;
        action_line(r, &m->followups[k], true, true);
    }
    if (any) html_raw(r, "</ul>\n");
    html(r, "<h3>%s</h3>\n", T(r, "agenda.other"));
    any = false;
    for (size_t k = 0; k < m->nitems; k++) {
        const struct agenda_item *it = &m->items[k];
        if (it->section != SECTION_OTHER) continue;
        if (!any) html_raw(r, "<ul>\n");
        any = true;
        html_raw(r, "<li>");
        item_heading_text(r, it);
        if (*it->presenter) html(r, " – %s", it->presenter);
        html_raw(r, "</li>\n");
    }
    if (any) html_raw(r, "</ul>\n");
    else html(r, "<p>%s</p>\n", T(r, "agenda.other_none"));
}

static void minutes(req *r, const struct meeting *m, bool print)
{
    html(r, "<h2 id=\"protokoll\">%s</h2>\n", T(r, "minutes.title"));
    if (m->published_at)
        html(r, "<p class=\"meta\">%s %s</p>\n", T(r, "minutes.published"), fmt_date(r->a, r->lang, m->published_at));
    for (size_t k = 0; k < m->nitems; k++) {
        const struct agenda_item *it = &m->items[k];
        if (k == 0 || it->section != m->items[k - 1].section)
            if (it->section == SECTION_OTHER) html(r, "<h3 class=\"section\">%s</h3>\n", T(r, "agenda.other"));
        html(r, "<section class=\"minutes-item\" id=\"punkt-%lld\" aria-labelledby=\"rubrik-%lld\">\n"
                "<h3 id=\"rubrik-%lld\">", (long long)it->id, (long long)it->id, (long long)it->id);
        item_heading_text(r, it);
        html_raw(r, "</h3>\n");
        if (*it->presenter) html(r, "<p class=\"meta\">%s</p>\n", it->presenter);
        if (it->carried_from) {
            html_raw(r, "<p class=\"meta\">");
            carried_note(r, it);
            html_raw(r, "</p>\n");
        }
        if (it->report_missing) html(r, "<p class=\"missing\"><strong>%s</strong></p>\n", T(r, "minutes.report_missing_public"));
        html_paragraphs(&r->body, it->minutes);
        if (it->nquestions) {
            html(r, "<h4>%s</h4>\n<ul>\n", T(r, "minutes.questions"));
            for (size_t q = 0; q < it->nquestions; q++) html(r, "<li>%s</li>\n", it->questions[q]);
            html_raw(r, "</ul>\n");
        }
        bool any = false;
        for (size_t a = 0; a < m->nactions; a++) {
            if (m->actions[a].item_id != it->id) continue;
            if (!any) html(r, "<h4>%s</h4>\n<ul class=\"actions\">\n", T(r, "minutes.actions"));
            any = true;
            action_line(r, &m->actions[a], false, true);
        }
        if (any) html_raw(r, "</ul>\n");
        if (it->activity_id && !print)
            html(r, "<p><a href=\"/aktiviteter/%lld\">%s</a></p>\n", (long long)it->activity_id,
                 T(r, "minutes.activity_link"));
        html_raw(r, "</section>\n");
    }
    bool loose = false;
    for (size_t a = 0; a < m->nactions; a++) {
        if (m->actions[a].item_id) continue;
        if (!loose) html(r, "<h3>%s</h3>\n<ul class=\"actions\">\n", T(r, "minutes.actions"));
        loose = true;
        action_line(r, &m->actions[a], false, true);
    }
    if (loose) html_raw(r, "</ul>\n");
    if (m->nattendees) {
        html(r, "<h3>%s (%zu)</h3>\n<ul class=\"columns\">\n", T(r, "minutes.attendance"), m->nattendees);
        for (size_t k = 0; k < m->nattendees; k++) {
            html(r, "<li>%s", m->attendees[k].name);
            if (*m->attendees[k].org_name) html(r, ", %s", m->attendees[k].org_name);
            if (m->attendees[k].remote) html(r, " (%s)", T(r, "minutes.remote"));
            html_raw(r, "</li>\n");
        }
        html_raw(r, "</ul>\n");
    }
}

static void h_meeting(req *r)
{
    struct meeting *m = load_meeting(r, r->params[0]);
    if (!m) return;
    const char *title = meeting_title(r, m);
    page_begin(r, title);
    const char *crumbs[] = {arena_printf(r->a, "/grupper/%s", m->group_slug), m->group_name, NULL,
                            fmt_ymd(r->a, r->lang, m->date) ? fmt_ymd(r->a, r->lang, m->date) : m->date};
    page_crumbs(r, crumbs, 4);
    html(r, "<h1>%s</h1>\n", title);
    facts(r, m);
    html_paragraphs(&r->body, m->description);
    html(r, "<p class=\"print-links\"><a href=\"/moten/%lld/utskrift\">%s</a>", (long long)m->id,
         T(r, "meeting.print_agenda"));
    if (m->status == MEETING_PUBLISHED)
        html(r, " · <a href=\"/moten/%lld/utskrift?del=protokoll\">%s</a>", (long long)m->id,
             T(r, "meeting.print_minutes"));
    html_raw(r, "</p>\n");
    if (is_coordinator(r)) {
        html(r, "<div class=\"tools\">\n<h2>%s</h2>\n<ul class=\"actions\">\n"
                "<li><a href=\"/moten/%lld/redigera\">%s</a></li>\n"
                "<li><a href=\"/moten/%lld/dagordning\">%s</a></li>\n"
                "<li><a href=\"/moten/%lld/protokoll\">%s</a></li>\n</ul>\n",
             T(r, "meeting.tools"), (long long)m->id, T(r, "meeting.edit"), (long long)m->id,
             T(r, "agenda.edit"), (long long)m->id, T(r, "minutes.edit"));
        publish_tool(r, m);
        html_raw(r, "</div>\n");
    }
    agenda(r, m);
    if (m->status == MEETING_PUBLISHED) minutes(r, m, false);
    page_end(r);
}

/* A page of its own for paper: no navigation, black on white. */
static void h_print(req *r)
{
    struct meeting *m = load_meeting(r, r->params[0]);
    if (!m) return;
    const char *part = req_query(r, "del");
    bool with_minutes = part && strcmp(part, "protokoll") == 0 && m->status == MEETING_PUBLISHED;
    const char *title = meeting_title(r, m);
    r->mime = "text/html; charset=utf-8";
    html(r, "<!doctype html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>%s – %s</title>\n<link rel=\"stylesheet\" href=\"%s\">\n</head>\n"
            "<body class=\"print-view\">\n<main>\n<p class=\"screen-only\"><a href=\"/moten/%lld\">%s</a> · %s</p>\n"
            "<h1>%s</h1>\n<p class=\"meta\">%s</p>\n",
         lang_code(r->lang), title, T(r, with_minutes ? "minutes.title" : "agenda.title"),
         static_css_url(), (long long)m->id, T(r, "meeting.back"), T(r, "meeting.print_how"), title,
         T(r, with_minutes ? "minutes.title" : "agenda.title"));
    facts(r, m);
    if (with_minutes) minutes(r, m, true);
    else agenda(r, m);
    html(r, "<p class=\"meta\">%s %s/moten/%lld</p>\n</main>\n</body>\n</html>\n", T(r, "meeting.print_source"),
         site_base_url(), (long long)m->id);
}

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
    const char *v = form_text(f, name, 20, true, false);
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
    m->place_name = form_text(f, "plats", 200, false, false);
    m->place_address = form_text(f, "adress", 200, false, false);
    m->online = form_text(f, "digitalt", MEETING_TEXT_MAX, false, true);
    m->theme = form_text(f, "tema", 300, false, false);
    m->description = form_text(f, "beskrivning", MEETING_TEXT_MAX, false, true);
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

/* ---- the agenda editor ---- */

static void agenda_editor(req *r, const struct meeting *m, const struct form *f)
{
    struct activity *acts = NULL;
    size_t na = 0;
    if (store_activities_list(r->db, r->a, -1, &acts, &na) != DB_OK) return page_fail(r, "agenda");
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
            item_heading_text(r, it);
            carried_note(r, it);
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

static void h_agenda(req *r)
{
    struct meeting *m = coordinator_meeting(r);
    if (!m) return;
    struct form f;
    form_init(&f, r);
    agenda_editor(r, m, &f);
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
        const char *presenter = form_text(&f, "presentator", 200, false, false);
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
        const char *title = form_text(&f, "rubrik", ITEM_TITLE_MAX, true, false);
        const char *presenter = form_text(&f, "presentator2", 200, false, false);
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

/* ---- minutes ---- */

struct minutes_form {
    int64_t version;
    const char **text, **questions;   /* per agenda item, as typed */
    bool *missing;
    const char *attendance;
};

static const char *item_field(req *r, const char *what, int64_t id)
{
    return arena_printf(r->a, "%s-%lld", what, (long long)id);
}

static char *lines_join(req *r, const char *const *lines, size_t n)
{
    buf b = {0};
    for (size_t k = 0; k < n; k++) buf_printf(&b, "%s\n", lines[k]);
    char *s = arena_strdup(r->a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static struct minutes_form minutes_of(req *r, const struct meeting *m)
{
    struct minutes_form v = {.version = m->minutes_version};
    v.text = arena_alloc(r->a, (m->nitems + 1) * sizeof *v.text);
    v.questions = arena_alloc(r->a, (m->nitems + 1) * sizeof *v.questions);
    v.missing = arena_alloc(r->a, (m->nitems + 1) * sizeof *v.missing);
    for (size_t k = 0; k < m->nitems; k++) {
        v.text[k] = m->items[k].minutes;
        v.questions[k] = lines_join(r, m->items[k].questions, m->items[k].nquestions);
        v.missing[k] = m->items[k].report_missing;
    }
    buf b = {0};
    for (size_t k = 0; k < m->nattendees; k++) {
        buf_puts(&b, m->attendees[k].name);
        if (*m->attendees[k].org_name) buf_printf(&b, ", %s", m->attendees[k].org_name);
        if (m->attendees[k].remote) buf_printf(&b, " (%s)", i18n_get(LANG_SV, "minutes.remote"));
        buf_putc(&b, '\n');
    }
    v.attendance = arena_strdup(r->a, buf_cstr(&b));
    buf_free(&b);
    return v;
}

/* `saved` is the meeting as stored now, shown beside the person's own text
 * when someone else saved in between. */
static void minutes_editor(req *r, const struct meeting *m, const struct form *f,
                           const struct minutes_form *v, const struct meeting *saved)
{
    struct org *orgs = NULL;
    size_t norgs = 0;
    if (store_orgs_list(r->db, r->a, -1, NULL, &orgs, &norgs) != DB_OK) return page_fail(r, "minutes");
    const char *title = meeting_title(r, m);
    page_begin(r, T(r, "minutes.edit"));
    const char *crumbs[] = {arena_printf(r->a, "/grupper/%s", m->group_slug), m->group_name,
                            arena_printf(r->a, "/moten/%lld", (long long)m->id), title, NULL, T(r, "minutes.edit")};
    page_crumbs(r, crumbs, 6);
    html(r, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", T(r, "minutes.edit"), title);
    if (saved)
        html(r, "<div class=\"error-summary\" role=\"alert\" id=\"fel\" tabindex=\"-1\">\n<h2>%s</h2>\n<p>%s %s.</p>\n"
                "<p>%s</p>\n</div>\n",
             T(r, "minutes.conflict_title"), T(r, "minutes.conflict_by"), *saved->minutes_by ? saved->minutes_by : "?",
             T(r, "minutes.conflict_help"));
    if (saved && form_ok(f)) page_title_error(r);
    form_summary(r, f);
    if (!minutes_editable(m->status)) html(r, "<p class=\"note\">%s</p>\n", T(r, "minutes.published_note"));
    form_open(r, arena_printf(r->a, "/moten/%lld/protokoll", (long long)m->id), false);
    html(r, "<input type=\"hidden\" name=\"version\" value=\"%lld\">\n", (long long)v->version);
    for (size_t k = 0; k < m->nitems; k++) {
        const struct agenda_item *it = &m->items[k];
        html_raw(r, "<fieldset class=\"minutes-item\">\n<legend>");
        item_heading_text(r, it);
        html_raw(r, "</legend>\n");
        if (saved && k < saved->nitems && saved->items[k].id == it->id &&
            strcmp(saved->items[k].minutes, v->text[k]) != 0) {
            html(r, "<div class=\"conflict\"><p><strong>%s</strong></p>\n", T(r, "minutes.their_text"));
            html_paragraphs(&r->body, saved->items[k].minutes);
            html_raw(r, "</div>\n");
        }
        field_textarea(r, f, &(struct field){.name = item_field(r, "text", it->id), .label = "minutes.item_text",
                                             .value = v->text[k], .rows = 6});
        field_checkbox(r, item_field(r, "saknas", it->id), "minutes.report_missing", v->missing[k]);
        field_textarea(r, f, &(struct field){.name = item_field(r, "fragor", it->id), .label = "minutes.questions",
                                             .hint = "minutes.questions_hint", .value = v->questions[k], .rows = 3});
        html_raw(r, "</fieldset>\n");
    }
    field_textarea(r, f, &(struct field){.name = "narvaro", .label = "minutes.attendance",
                                         .hint = "minutes.attendance_hint", .value = v->attendance, .rows = 8});
    html(r, "<button type=\"submit\" formnovalidate>%s</button>\n", T(r, "minutes.save"));

    /* a new action item, in the same form: adding one saves the minutes
     * too, so nothing typed above is lost */
    html(r, "<h2>%s</h2>\n<p class=\"hint\">%s</p>\n", T(r, "action.new"), T(r, "action.saved_together"));
    struct option *owners = arena_alloc(r->a, (norgs + 1) * sizeof *owners);
    owners[0] = (struct option){"", T(r, "action.owner_person")};
    for (size_t k = 0; k < norgs; k++)
        owners[k + 1] = (struct option){arena_printf(r->a, "%lld", (long long)orgs[k].id), orgs[k].name};
    field_select(r, f, &(struct field){.name = "agare_org", .label = "action.owner_org", .value = req_form(r, "agare_org")},
                 owners, norgs + 1);
    field_input(r, f, &(struct field){.name = "agare", .label = "action.owner_name", .hint = "action.owner_hint",
                                      .value = req_form(r, "agare")});
    field_textarea(r, f, &(struct field){.name = "vad", .label = "action.what", .value = req_form(r, "vad"), .rows = 3});
    field_input(r, f, &(struct field){.name = "senast", .label = "action.due_label", .type = "date",
                                      .hint = "form.date_hint", .value = req_form(r, "senast")});
    struct option *items = arena_alloc(r->a, (m->nitems + 1) * sizeof *items);
    items[0] = (struct option){"", T(r, "action.no_item")};
    for (size_t k = 0; k < m->nitems; k++)
        items[k + 1] = (struct option){arena_printf(r->a, "%lld", (long long)m->items[k].id), m->items[k].title};
    field_select(r, f, &(struct field){.name = "punkt", .label = "action.item", .value = req_form(r, "punkt")},
                 items, m->nitems + 1);
    html(r, "<button type=\"submit\" formaction=\"/moten/%lld/atgarder\" formnovalidate>%s</button>\n",
         (long long)m->id, T(r, "action.add"));
    form_close(r);

    /* the action items so far, each with its own "done" button */
    html(r, "<h2>%s</h2>\n", T(r, "minutes.actions"));
    if (m->nfollowups || m->nactions) html_raw(r, "<ul class=\"actions\">\n");
    for (size_t pass = 0; pass < 2; pass++) {
        const struct action_item *list = pass ? m->actions : m->followups;
        size_t n = pass ? m->nactions : m->nfollowups;
        for (size_t k = 0; k < n; k++) {
            action_line(r, &list[k], pass == 0, false);
            if (list[k].status == ACTION_OPEN) {
                form_open_class(r, arena_printf(r->a, "/atgarder/%lld/klar", (long long)list[k].id), "inline");
                html(r, "<input type=\"hidden\" name=\"mote\" value=\"%lld\">"
                        "<button type=\"submit\" class=\"secondary\" aria-label=\"%s: %s\">%s</button>\n",
                     (long long)m->id, T(r, "action.mark_done"), list[k].what, T(r, "action.mark_done"));
                form_close(r);
            }
            html_raw(r, "</li>\n");
        }
    }
    if (m->nfollowups || m->nactions) html_raw(r, "</ul>\n");
    else html(r, "<p>%s</p>\n", T(r, "action.none"));
    publish_tool(r, m);
    page_end(r);
}

static void h_minutes(req *r)
{
    struct meeting *m = coordinator_meeting(r);
    if (!m) return;
    struct form f;
    form_init(&f, r);
    struct minutes_form v = minutes_of(r, m);
    minutes_editor(r, m, &f, &v, NULL);
}

/* "Namn, organisation (digitalt)" lines into attendees. */
static size_t read_attendance(req *r, struct form *f, const char *text, struct attendee *out)
{
    size_t n = 0;
    const char *remote_word = i18n_get(LANG_SV, "minutes.remote");
    for (const char *p = text; *p;) {
        size_t len = strcspn(p, "\n");
        char *line = text_clean(r->a, arena_strndup(r->a, p, len));
        p += len;
        if (*p) p++;
        if (!*line) continue;
        if (n == MAX_ATTENDEES) {
            form_error(f, "narvaro", "err.too_many_lines");
            break;
        }
        bool remote = false;
        char *paren = strrchr(line, '(');
        if (paren && strstr(paren, remote_word)) {
            remote = true;
            *paren = '\0';
            line = text_clean(r->a, line);
        }
        char *comma = strchr(line, ',');
        const char *org = "";
        if (comma) {
            *comma = '\0';
            org = text_clean(r->a, comma + 1);
            line = text_clean(r->a, line);
        }
        if (utf8_len(line) > 120 || utf8_len(org) > 120) form_error(f, "narvaro", "err.too_long");
        out[n++] = (struct attendee){line, org, remote};
    }
    return n;
}

/* Saves the minutes sent with the request.  False when it answered
 * instead (the form again with its errors, or the conflict view). */
static bool save_minutes(req *r, const struct meeting *m)
{
    struct form f;
    form_init(&f, r);
    struct minutes_form v = minutes_of(r, m);
    form_int(&f, "version", 1, INT64_MAX, true, 0, &v.version);
    struct minutes mi = {.expected_version = v.version, .by = r->user->name, .nitems = m->nitems};
    mi.items = arena_alloc(r->a, (m->nitems + 1) * sizeof *mi.items);
    for (size_t k = 0; k < m->nitems; k++) {
        const struct agenda_item *it = &m->items[k];
        const char *tf = item_field(r, "text", it->id), *qf = item_field(r, "fragor", it->id);
        v.text[k] = form_text(&f, tf, MINUTES_MAX, false, true);
        v.missing[k] = form_check(&f, item_field(r, "saknas", it->id));
        v.questions[k] = form_text(&f, qf, 8000, false, true);
        form_no_pnr(&f, tf, v.text[k]);
        form_no_pnr(&f, qf, v.questions[k]);
        const char **qs = arena_alloc(r->a, (MAX_QUESTIONS + 1) * sizeof *qs);
        size_t nq = 0;
        for (const char *p = v.questions[k]; *p;) {
            size_t len = strcspn(p, "\n");
            char *q = text_clean(r->a, arena_strndup(r->a, p, len));
            p += len;
            if (*p) p++;
            if (!*q) continue;
            if (nq == MAX_QUESTIONS) {
                form_error(&f, qf, "err.too_many_lines");
                break;
            }
            qs[nq++] = q;
        }
        mi.items[k] = (struct minutes_item){it->id, v.text[k], v.missing[k], qs, nq};
    }
    v.attendance = form_text(&f, "narvaro", 20000, false, true);
    mi.attendees = arena_alloc(r->a, (MAX_ATTENDEES + 1) * sizeof *mi.attendees);
    mi.nattendees = read_attendance(r, &f, v.attendance, mi.attendees);
    form_no_pnr(&f, "narvaro", v.attendance);
    if (!form_ok(&f)) {
        r->status = 400;
        minutes_editor(r, m, &f, &v, NULL);
        return false;
    }
    enum db_rc rc = store_minutes_save(r->db, m->id, &mi, r->now);
    if (rc == DB_CONSTRAINT) {
        /* someone saved since this editor was opened: nothing is written;
         * show their text beside this person's, which stays in the form */
        struct meeting *now_saved = load_meeting(r, r->params[0]);
        if (!now_saved) return false;
        struct minutes_form mine = minutes_of(r, now_saved);
        for (size_t k = 0; k < now_saved->nitems; k++) {
            const struct agenda_item *it = &now_saved->items[k];
            for (size_t j = 0; j < m->nitems; j++) {
                if (m->items[j].id != it->id) continue;
                mine.text[k] = v.text[j];
                mine.questions[k] = v.questions[j];
                mine.missing[k] = v.missing[j];
            }
        }
        mine.attendance = v.attendance;
        r->status = 409;
        minutes_editor(r, now_saved, &f, &mine, now_saved);
        return false;
    }
    if (rc != DB_OK) {
        page_fail(r, "minutes save");
        return false;
    }
    if (m->status == MEETING_PLANNED && strcmp(m->date, today_ymd(r)) <= 0)
        store_meeting_set_status(r->db, m->id, MEETING_HELD, r->now);
    return true;
}

/* Adds the action item of the request's form.  False when it answered
 * instead (the editor again with the errors; minutes already saved show). */
static bool add_action(req *r, const struct meeting *m);

static void h_minutes_save(req *r)
{
    struct meeting *m = coordinator_meeting(r);
    if (!m || !save_minutes(r, m)) return;
    /* an action item typed in, then "Spara protokollet" pressed: add it too */
    const char *what = req_form(r, "vad");
    if (what && *what && !add_action(r, m)) return;
    resp_flash(r, "flash.minutes_saved");
    resp_redirect(r, arena_printf(r->a, "/moten/%lld/protokoll", (long long)m->id));
}

static void h_publish(req *r)
{
    struct meeting *m = coordinator_meeting(r);
    if (!m) return;
    if (m->status == MEETING_PUBLISHED) return page_message(r, 400, "minutes.already_published_title", "minutes.already_published");
    if (!publishable(r, m)) return page_message(r, 400, "minutes.publish", "minutes.publish_not_yet");
    if (!req_form(r, "bekrafta")) { /* publishing e-mails people: ask first */
        page_begin(r, T(r, "minutes.publish"));
        html(r, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n<p>%s</p>\n", T(r, "minutes.publish"), meeting_title(r, m),
             T(r, "minutes.publish_confirm"));
        html_raw(r, "<div class=\"buttons\">\n");
        button_form(r, arena_printf(r->a, "/moten/%lld/publicera", (long long)m->id), "minutes.publish_yes",
                    "bekrafta", "1", NULL);
        html(r, "<a class=\"button secondary\" href=\"/moten/%lld\">%s</a>\n</div>\n", (long long)m->id,
             T(r, "form.cancel"));
        return page_end(r);
    }
    if (store_meeting_set_status(r->db, m->id, MEETING_PUBLISHED, r->now) != DB_OK) return page_fail(r, "publish");
    struct recipient *rec = NULL;
    size_t n = 0;
    if (store_minutes_recipients(r->db, r->a, m->id, &rec, &n) != DB_OK) return page_fail(r, "publish recipients");
    const char *title = meeting_title(r, m);
    for (size_t k = 0; k < n; k++) {
        const struct agenda_item *it = NULL;
        for (size_t i = 0; i < m->nitems; i++)
            if (m->items[i].id == rec[k].item_id) it = &m->items[i];
        if (!it) continue;
        notify_user(r, rec[k].user_id, arena_printf(r->a, "%s: %s", T(r, "mail.minutes_subject"), title),
                    arena_printf(r->a, "%s \"%s\" %s %s.", T(r, "mail.minutes_text"), it->title,
                                 T(r, "mail.minutes_at"), title),
                    arena_printf(r->a, "/moten/%lld#punkt-%lld", (long long)m->id, (long long)it->id));
    }
    store_audit(r->db, r->now, r->user->id, "protokoll.publicera", arena_printf(r->a, "meeting:%lld", (long long)m->id),
                arena_printf(r->a, "%zu", n));
    resp_flash(r, "flash.minutes_published");
    resp_redirect(r, arena_printf(r->a, "/moten/%lld#meddelande", (long long)m->id));
}

/* ---- action items ---- */

static bool add_action(req *r, const struct meeting *m)
{
    struct form f;
    form_init(&f, r);
    struct action_item x = {0};
    form_int(&f, "agare_org", 1, INT64_MAX, false, 0, &x.owner_org_id);
    x.owner_name = form_text(&f, "agare", NAME_MAX_CHARS, false, false);
    x.what = form_text(&f, "vad", ACTION_TEXT_MAX, true, true);
    x.due = form_date(&f, "senast", false);
    form_int(&f, "punkt", 1, INT64_MAX, false, 0, &x.item_id);
    if (x.owner_org_id) {
        struct org *o = NULL;
        enum db_rc got = store_org_by_id(r->db, r->a, x.owner_org_id, &o);
        if (got == DB_NOTFOUND) form_error(&f, "agare_org", "err.choice");
        else if (got != DB_OK) {
            page_fail(r, "action owner");
            return false;
        }
        else if (!*x.owner_name) x.owner_name = o->name;
    } else if (!*x.owner_name && !form_err(&f, "agare")) {
        form_error(&f, "agare", "err.action_owner");
    }
    bool item_ok = x.item_id == 0;
    for (size_t k = 0; k < m->nitems; k++) item_ok |= m->items[k].id == x.item_id;
    if (!item_ok) form_error(&f, "punkt", "err.choice");
    form_no_pnr(&f, "vad", x.what);
    form_no_pnr(&f, "agare", x.owner_name);
    if (!form_ok(&f)) {
        r->status = 400;
        /* as stored now: minutes sent along were saved a moment ago */
        struct meeting *now = load_meeting(r, r->params[0]);
        if (!now) return false;
        struct minutes_form v = minutes_of(r, now);
        minutes_editor(r, now, &f, &v, NULL);
        return false;
    }
    int64_t id;
    if (store_action_add(r->db, m->id, &x, r->now, &id) != DB_OK) {
        page_fail(r, "action add");
        return false;
    }
    return true;
}

static void h_action_add(req *r)
{
    struct meeting *m = coordinator_meeting(r);
    if (!m) return;
    /* pressed in the minutes editor: the minutes come along, saved first */
    if (req_form(r, "version") && !save_minutes(r, m)) return;
    if (!add_action(r, m)) return;
    resp_flash(r, req_form(r, "version") ? "flash.minutes_and_action_saved" : "flash.saved");
    resp_redirect(r, arena_printf(r->a, "/moten/%lld/protokoll", (long long)m->id));
}

static void h_action_done(req *r)
{
    if (!is_coordinator(r)) return page_error(r, 403);
    int64_t id, meeting = 0;
    if (!parse_i64(r->params[0], &id)) return page_error(r, 404);
    const char *ms = req_form(r, "mote");
    if (ms && !parse_i64(ms, &meeting)) return page_error(r, 400);
    struct meeting *at = NULL;
    if (meeting) { /* the page to go back to must exist */
        enum db_rc got = store_meeting_get(r->db, r->a, meeting, &at);
        if (got == DB_NOTFOUND) return page_message(r, 400, "error.400.title", "err.meeting_missing");
        if (got != DB_OK) return page_fail(r, "action done");
    }
    enum db_rc rc = store_action_done(r->db, id, meeting, r->now);
    if (rc == DB_CONSTRAINT) return page_message(r, 400, "error.400.title", "err.meeting_missing");
    if (rc != DB_OK && rc != DB_NOTFOUND) return page_fail(r, "action done");
    resp_flash(r, rc == DB_NOTFOUND ? "flash.action_already_done" : "flash.saved");
    resp_redirect(r, meeting ? arena_printf(r->a, "/moten/%lld/protokoll", (long long)meeting) : "/grupper");
}

const struct route meeting_routes[] = {
    {M_GET, "/moten/*", h_meeting, 0},
    {M_GET, "/moten/*/utskrift", h_print, 0},
    {M_GET, "/grupper/*/nytt-mote", h_new_form, R_AUTH},
    {M_POST, "/grupper/*/nytt-mote", h_new, R_AUTH},
    {M_GET, "/moten/*/redigera", h_edit_form, R_AUTH},
    {M_POST, "/moten/*/redigera", h_edit, R_AUTH},
    {M_GET, "/moten/*/dagordning", h_agenda, R_AUTH},
    {M_POST, "/moten/*/dagordning", h_agenda_change, R_AUTH},
    {M_GET, "/moten/*/protokoll", h_minutes, R_AUTH},
    {M_POST, "/moten/*/protokoll", h_minutes_save, R_AUTH},
    {M_POST, "/moten/*/publicera", h_publish, R_AUTH},
    {M_POST, "/moten/*/atgarder", h_action_add, R_AUTH},
    {M_POST, "/atgarder/*/klar", h_action_done, R_AUTH},
    {0, NULL, NULL, 0},
};
