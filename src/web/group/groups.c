/* The development group's page (upcoming meetings and their themes,
 * members, contacts), its iCalendar feed, and topic suggestions from
 * residents (no account needed; moderated by coordinators). */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http/session.h"
#include "store/store.h"
#include "util/log.h"
#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/action.h"
#include "web/calls/calls.h"
#include "web/group/group.h"
#include "web/pages.h"
#include "web/site.h"

enum { SUGGEST_RATE_MAX = 3, SUGGEST_RATE_WINDOW = 3600 };

static void h_groups(req *r)
{
    struct group *list = NULL;
    size_t n = 0;
    if (store_groups_list(r->db, r->a, &list, &n) != DB_OK) return page_fail(r, "groups");
    if (n == 1) return resp_redirect(r, arena_printf(r->a, "/grupper/%s", list[0].slug));
    page_begin(r, T(r, "groups.title"));
    html(r, "<h1>%s</h1>\n<ul class=\"cards\">\n", T(r, "groups.title"));
    for (size_t k = 0; k < n; k++)
        html(r, "<li class=\"card\"><h2><a href=\"/grupper/%s\">%s</a></h2></li>\n", list[k].slug,
             list[k].name);
    html_raw(r, "</ul>\n");
    if (!n) html(r, "<p>%s</p>\n", T(r, "groups.none"));
    page_end(r);
}

static void meeting_line(req *r, const struct meeting *m, bool show_status)
{
    html(r, "<li><a href=\"/moten/%lld\">%s</a>, <span class=\"nowrap\">%s</span>", (long long)m->id, meeting_day(r, m->date),
         fmt_hm_range(r->a, m->start_time, m->end_time));
    if (*m->theme) html(r, " – %s", m->theme);
    if (show_status)
        html(r, " <span class=\"tag tag-%s\">%s</span>",
             status_tone(meeting_awaits_minutes_on(m, today_ymd(r)) ? "awaiting_minutes" : meeting_status_name(m->status)),
             meeting_status_label(r, m));
    html_raw(r, "</li>\n");
}

/* Where a meeting is listed on the group page: still to come, its day
 * passed without minutes, or held. */
enum meeting_kind { MEETINGS_UPCOMING, MEETINGS_AWAITING, MEETINGS_DONE };

static enum meeting_kind meeting_kind(req *r, const struct meeting *m)
{
    if (m->status != MEETING_PLANNED) return MEETINGS_DONE;
    return meeting_upcoming(r, m) ? MEETINGS_UPCOMING : MEETINGS_AWAITING;
}

/* The meetings of one kind (ms is oldest first); held ones newest first
 * and with their status.  False when there are none. */
static bool meeting_list(req *r, const struct meeting *ms, size_t n, enum meeting_kind kind)
{
    bool any = false, done = kind == MEETINGS_DONE;
    for (size_t i = 0; i < n; i++) {
        const struct meeting *m = &ms[done ? n - 1 - i : i];
        if (meeting_kind(r, m) != kind) continue;
        if (!any) html_raw(r, "<ul class=\"meetings\">\n");
        any = true;
        meeting_line(r, m, done);
    }
    if (any) html_raw(r, "</ul>\n");
    return any;
}

static void h_group_page(req *r)
{
    struct group *g = load_group(r, r->params[0]);
    if (!g) return;
    struct meeting *ms = NULL;
    size_t nm = 0;
    struct suggestion *topics = NULL;
    size_t nt = 0;
    if (store_meetings_of_group(r->db, r->a, g->id, &ms, &nm) != DB_OK ||
        store_suggestions(r->db, r->a, g->id, "godkand", &topics, &nt) != DB_OK)
        return page_fail(r, "group");
    page_begin(r, g->name);
    html(r, "<h1>%s</h1>\n", g->name);
    user_paragraphs(r, &r->body, g->description);
    html(r, "<h2>%s</h2>\n", T(r, "group.upcoming"));
    if (!meeting_list(r, ms, nm, MEETINGS_UPCOMING)) html(r, "<p>%s</p>\n", T(r, "group.no_upcoming"));
    html(r, "<p><a href=\"/grupper/%s/moten.ics\">%s</a></p>\n", g->slug, T(r, "group.ics"));
    html(r, "<p><a class=\"button\" href=\"/grupper/%s/foresla-tema\">%s</a></p>\n", g->slug,
         T(r, "group.suggest"));
    if (is_coordinator(r))
        html(r, "<p><a class=\"button\" href=\"/grupper/%s/nytt-mote\">%s</a> "
                "<a href=\"/grupper/%s/forslag\">%s</a></p>\n",
             g->slug, T(r, "meeting.new"), g->slug, T(r, "group.moderate"));
    if (nt) {
        html(r, "<h2>%s</h2>\n<ul>\n", T(r, "group.topics"));
        for (size_t k = 0; k < nt; k++) html(r, "<li>%s</li>\n", topics[k].text);
        html_raw(r, "</ul>\n");
    }
    size_t awaiting = 0;
    for (size_t k = 0; k < nm; k++) awaiting += meeting_kind(r, &ms[k]) == MEETINGS_AWAITING;
    if (awaiting) {
        html(r, "<h2>%s</h2>\n", T(r, "group.awaiting"));
        meeting_list(r, ms, nm, MEETINGS_AWAITING);
    }
    html(r, "<h2>%s</h2>\n", T(r, "group.past"));
    if (!meeting_list(r, ms, nm, MEETINGS_DONE)) html(r, "<p>%s</p>\n", T(r, "group.no_past"));
    if (g->norgs) {
        html(r, "<h2>%s</h2>\n<ul class=\"columns\">\n", T(r, "group.members"));
        for (size_t k = 0; k < g->norgs; k++)
            html(r, "<li><a href=\"/organisationer/%s\">%s</a></li>\n", g->orgs[k].slug, g->orgs[k].name);
        html_raw(r, "</ul>\n");
    }
    if (g->npeople) {
        html(r, "<h2>%s</h2>\n<ul class=\"contacts\">\n", T(r, "project.contacts"));
        for (size_t k = 0; k < g->npeople; k++) {
            html(r, "<li><strong>%s</strong>", g->people[k].name);
            if (*g->people[k].title) html(r, ", %s", g->people[k].title);
            if (*g->people[k].phone) html(r, "<br>%s %s", T(r, "project.phone"), g->people[k].phone);
            html_raw(r, "</li>\n");
        }
        html_raw(r, "</ul>\n");
    }
    page_end(r);
}

static void h_group(req *r)
{
    page_in_snapshot(r, h_group_page); /* one snapshot of all it reads */
}

/* ---- iCalendar (RFC 5545), times in Europe/Stockholm ---- */

/* Europe/Stockholm as calendar programs write it: the EU rule in force
 * since 1996 (last Sunday of March and of October). */
static const char VTIMEZONE[] =
    "BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm\r\nX-LIC-LOCATION:Europe/Stockholm\r\n"
    "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n"
    "DTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n"
    "DTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n"
    "END:VTIMEZONE\r\n";

/* A local (floating) time; the TZID parameter says which zone. */
static struct icaltimetype local_ical(const char *ymd, const char *hm)
{
    int y = 2000, mo = 1, d = 1, h = 0, mi = 0;
    parse_ymd(ymd, &y, &mo, &d);
    parse_hm(hm, &h, &mi);
    struct icaltimetype t = icaltime_null_time();
    t.year = y;
    t.month = mo;
    t.day = d;
    t.hour = h;
    t.minute = mi;
    t.second = 0;
    t.is_date = 0;
    return t;
}

static void h_ics(req *r)
{
    struct group *g = load_group(r, r->params[0]);
    if (!g) return;
    struct meeting *ms = NULL;
    size_t nm = 0;
    if (store_meetings_of_group(r->db, r->a, g->id, &ms, &nm) != DB_OK) return page_fail(r, "ics");
    icalcomponent *tz = icalcomponent_new_from_string(VTIMEZONE);
    if (!tz) return page_fail(r, "ics timezone");
    icalcomponent *cal = icalcomponent_vanew(
        ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"),
        icalproperty_new_prodid("-//samskap//Gemensam utvecklingsgrupp//SV"),
        icalproperty_new_calscale("GREGORIAN"), icalproperty_new_method(ICAL_METHOD_PUBLISH), (void *)0);
    icalproperty *name = icalproperty_new_x(g->name);
    icalproperty_set_x_name(name, "X-WR-CALNAME");
    icalcomponent_add_property(cal, name);
    icalcomponent_add_component(cal, tz);
    const char *base = site_base_url();
    const char *host = strstr(base, "://") ? strstr(base, "://") + 3 : base;
    for (size_t k = 0; k < nm; k++) {
        const struct meeting *m = &ms[k];
        icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
        icalcomponent_add_property(ev, icalproperty_new_uid(
            arena_printf(r->a, "meeting-%lld@%s", (long long)m->id, host)));
        icalcomponent_add_property(ev, icalproperty_new_dtstamp(
            icaltime_from_timet_with_zone((time_t)m->updated_at, 0, icaltimezone_get_utc_timezone())));
        icalproperty *start = icalproperty_new_dtstart(local_ical(m->date, m->start_time));
        icalproperty_add_parameter(start, icalparameter_new_tzid("Europe/Stockholm"));
        icalcomponent_add_property(ev, start);
        icalproperty *end = icalproperty_new_dtend(local_ical(m->date, m->end_time));
        icalproperty_add_parameter(end, icalparameter_new_tzid("Europe/Stockholm"));
        icalcomponent_add_property(ev, end);
        icalcomponent_add_property(ev, icalproperty_new_summary(
            *m->theme ? arena_printf(r->a, "%s: %s", g->name, m->theme) : g->name));
        if (*m->place_name || *m->place_address)
            icalcomponent_add_property(ev, icalproperty_new_location(
                *m->place_address ? arena_printf(r->a, "%s, %s", m->place_name, m->place_address)
                                  : m->place_name));
        const char *url = arena_printf(r->a, "%s/moten/%lld", base, (long long)m->id);
        icalcomponent_add_property(ev, icalproperty_new_url(url));
        icalcomponent_add_property(ev, icalproperty_new_description(arena_printf(
            r->a, "%s%s%s%s", m->theme, *m->online ? "\n\n" : "", m->online,
            arena_printf(r->a, "\n\n%s", url))));
        icalcomponent_add_property(ev, icalproperty_new_status(ICAL_STATUS_CONFIRMED));
        icalcomponent_add_component(cal, ev);
    }
    char *text = icalcomponent_as_ical_string_r(cal);
    icalcomponent_free(cal);
    if (!text) return page_fail(r, "ics");
    buf_puts(&r->body, text);
    free(text);
    r->mime = "text/calendar; charset=utf-8";
    resp_header(r, "Content-Disposition", arena_printf(r->a, "inline; filename=\"%s.ics\"", g->slug));
}

/* ---- topic suggestions ---- */

static void suggest_page(req *r, const struct group *g, const struct form *f, const char *name,
                         const char *text)
{
    page_begin(r, T(r, "suggest.title"));
    const char *crumbs[] = {arena_printf(r->a, "/grupper/%s", g->slug), g->name, NULL, T(r, "suggest.title")};
    page_crumbs(r, crumbs, 4);
    html(r, "<h1>%s</h1>\n<p>%s</p>\n", T(r, "suggest.title"), T(r, "suggest.intro"));
    form_summary(r, f);
    form_open(r, arena_printf(r->a, "/grupper/%s/foresla-tema", g->slug), false);
    form_once_field(r);
    field_textarea(r, f, &(struct field){.name = "tema", .label = "suggest.text", .hint = "suggest.text_hint",
                                         .value = text, .rows = 5, .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "namn", .label = "suggest.name", .hint = "suggest.name_hint",
                                      .value = name, .autocomplete = "name"});
    html(r, "<div class=\"hp\" aria-hidden=\"true\"><label for=\"f-webbplats\">%s</label>"
            "<input type=\"text\" id=\"f-webbplats\" name=\"webbplats\" tabindex=\"-1\" "
            "autocomplete=\"off\"></div>\n", T(r, "comment.honeypot"));
    form_submit(r, "suggest.submit");
    form_close(r);
    page_end(r);
}

static void h_suggest_form(req *r)
{
    struct group *g = load_group(r, r->params[0]);
    if (!g) return;
    struct form f;
    form_init(&f, r);
    suggest_page(r, g, &f, "", "");
}

static void h_suggest(req *r)
{
    struct group *g = load_group(r, r->params[0]);
    if (!g) return;
    struct form f;
    form_init(&f, r);
    const char *text = form_text(&f, "tema", SUGGESTION_MAX, F_REQUIRED | F_MULTILINE);
    const char *name = form_text(&f, "namn", NAME_MAX_CHARS, 0);
    form_no_pnr(&f, "tema", text);
    form_no_pnr(&f, "namn", name);
    const char *back = arena_printf(r->a, "/grupper/%s", g->slug);
    const char *trap = req_form(r, "webbplats");
    if (trap && *trap) {
        log_warn("suggest: honeypot filled from %s", r->client);
        resp_flash(r, "flash.suggestion_received");
        return resp_redirect(r, back);
    }
    if (form_ok(&f)) {
        int64_t hits = 0;
        if (store_rate_hit(r->db, arena_printf(r->a, "suggest:%s", client_hash(r)), r->now,
                           SUGGEST_RATE_WINDOW, &hits) != DB_OK)
            return page_fail(r, "suggest");
        if (hits > SUGGEST_RATE_MAX) {
            form_error(&f, "tema", "err.rate_limited");
            r->status = 429;
            return suggest_page(r, g, &f, name, text);
        }
    }
    if (!form_ok(&f)) {
        r->status = 400;
        return suggest_page(r, g, &f, name, text);
    }
    if (form_once(&f) &&
        store_suggestion_add(r->db, g->id, name, text, client_hash(r), r->user ? r->user->id : 0, r->now) != DB_OK)
        return page_fail(r, "suggest");
    resp_flash(r, "flash.suggestion_received");
    resp_redirect(r, back);
}

static void h_moderate_list(req *r)
{
    if (!is_coordinator(r)) return page_error(r, 403);
    struct group *g = load_group(r, r->params[0]);
    if (!g) return;
    struct suggestion *list = NULL;
    size_t n = 0;
    if (store_suggestions(r->db, r->a, g->id, "vantar", &list, &n) != DB_OK) return page_fail(r, "suggestions");
    page_begin(r, T(r, "group.moderate"));
    const char *crumbs[] = {arena_printf(r->a, "/grupper/%s", g->slug), g->name, NULL, T(r, "group.moderate")};
    page_crumbs(r, crumbs, 4);
    html(r, "<h1>%s</h1>\n", T(r, "group.moderate"));
    if (!n) html(r, "<p>%s</p>\n", T(r, "suggest.none_waiting"));
    for (size_t k = 0; k < n; k++) {
        html(r, "<article class=\"card moderation\" aria-labelledby=\"s%lld\">\n<h2 id=\"s%lld\">%s</h2>\n",
             (long long)list[k].id, (long long)list[k].id,
             *list[k].name ? list[k].name : T(r, "suggest.anonymous"));
        user_paragraphs(r, &r->body, list[k].text);
        const char *action = arena_printf(r->a, "/grupper/%s/forslag/%lld", g->slug, (long long)list[k].id);
        html_raw(r, "<div class=\"buttons\">\n");
        button_form(r, action, "desk.approve", "beslut", "godkand", NULL);
        button_form(r, action, "desk.reject", "beslut", "avvisad", "inline secondary");
        html_raw(r, "</div>\n</article>\n");
    }
    page_end(r);
}

static void h_moderate(req *r)
{
    if (!is_coordinator(r)) return page_error(r, 403);
    struct group *g = load_group(r, r->params[0]);
    if (!g) return;
    int64_t id;
    const char *decision = req_form(r, "beslut");
    if (!parse_i64(r->params[1], &id) || !decision ||
        (strcmp(decision, "godkand") != 0 && strcmp(decision, "avvisad") != 0))
        return page_error(r, 400);
    enum db_rc rc = store_suggestion_moderate(r->db, g->id, id, strcmp(decision, "godkand") == 0, r->user->id);
    if (rc == DB_NOTFOUND) return page_error(r, 404);
    if (rc != DB_OK && rc != DB_CONFLICT) return page_fail(r, "moderate suggestion");
    resp_flash(r, rc == DB_CONFLICT ? "flash.suggestion_already_decided" : "flash.saved");
    resp_redirect(r, arena_printf(r->a, "/grupper/%s/forslag", g->slug));
}

const struct route group_routes[] = {
    {M_GET, "/grupper", h_groups, 0},
    {M_GET, "/grupper/*", h_group, 0},
    {M_GET, "/grupper/*/moten.ics", h_ics, 0},
    {M_GET, "/grupper/*/foresla-tema", h_suggest_form, 0},
    {M_POST, "/grupper/*/foresla-tema", h_suggest, 0},
    {M_GET, "/grupper/*/forslag", h_moderate_list, R_AUTH},
    {M_POST, "/grupper/*/forslag/*", h_moderate, R_AUTH},
    {0, NULL, NULL, 0},
};
