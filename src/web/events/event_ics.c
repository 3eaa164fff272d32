/* iCalendar feeds (RFC 5545): per event, per organiser, per series and for
 * everything.  A recurring event is one VEVENT with its RRULE, EXDATE for
 * cancelled and moved occurrences and a VEVENT with RECURRENCE-ID for each
 * moved one; times are local in TZID=Europe/Stockholm with a VTIMEZONE, so
 * a Thursday 12.00 stays 12.00 across the change to summer time. */
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"
#include "view/format.h"
#include "web/events/events.h"
#include "web/pages.h"
#include "web/site.h"

/* Europe/Stockholm by the EU rule in force since 1996. */
static const char VTIMEZONE[] =
    "BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm\r\nX-LIC-LOCATION:Europe/Stockholm\r\n"
    "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n"
    "DTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n"
    "DTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n"
    "END:VTIMEZONE\r\n";

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
    return t;
}

static void add_local(icalcomponent *ev, icalproperty *p)
{
    icalproperty_add_parameter(p, icalparameter_new_tzid("Europe/Stockholm"));
    icalcomponent_add_property(ev, p);
}

static icalcomponent *vevent(req *r, const struct event *e, const char *day, const char *from, const char *to,
                             const char *host)
{
    icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    icalcomponent_add_property(ev, icalproperty_new_uid(arena_printf(r->a, "event-%lld@%s", (long long)e->id, host)));
    icalcomponent_add_property(ev, icalproperty_new_dtstamp(
        icaltime_from_timet_with_zone((time_t)e->updated_at, 0, icaltimezone_get_utc_timezone())));
    add_local(ev, icalproperty_new_dtstart(local_ical(day, from)));
    add_local(ev, icalproperty_new_dtend(local_ical(day, to)));
    icalcomponent_add_property(ev, icalproperty_new_summary(e->title));
    if (*e->place_name || *e->place_address)
        icalcomponent_add_property(ev, icalproperty_new_location(
            *e->place_address ? arena_printf(r->a, "%s, %s", e->place_name, e->place_address) : e->place_name));
    const char *url = arena_printf(r->a, "%s/evenemang/%lld", site_base_url(), (long long)e->id);
    icalcomponent_add_property(ev, icalproperty_new_url(url));
    icalcomponent_add_property(ev, icalproperty_new_description(arena_printf(r->a, "%s\n\n%s", e->theme, url)));
    icalcomponent_add_property(ev, icalproperty_new_status(e->status == EV_CANCELLED ? ICAL_STATUS_CANCELLED
                                                                                     : ICAL_STATUS_CONFIRMED));
    return ev;
}

static void add_event(req *r, icalcomponent *cal, const struct event *e, const char *host)
{
    if (!e->nocc) return;
    if (e->rule.freq == REC_NONE) {
        for (size_t i = 0; i < e->nocc; i++) {
            const struct occurrence *o = &e->occ[i];
            icalcomponent *ev = vevent(r, e, o->day, o->start_time, o->end_time, host);
            if (o->cancelled) icalcomponent_set_status(ev, ICAL_STATUS_CANCELLED);
            icalcomponent_add_component(cal, ev);
        }
        return;
    }
    /* the series starts on the first day the rule gave */
    const char *first = e->occ[0].rule_day;
    for (size_t i = 1; i < e->nocc; i++)
        if (strcmp(e->occ[i].rule_day, first) < 0) first = e->occ[i].rule_day;
    icalcomponent *master = vevent(r, e, first, e->start_time, e->end_time, host);
    struct recurrence rc = e->rule;
    icalcomponent_add_property(master, icalproperty_new_rrule(icalrecurrencetype_from_string(recurrence_rrule(r->a, &rc))));
    for (size_t i = 0; i < e->nocc; i++) {
        const struct occurrence *o = &e->occ[i];
        bool moved = strcmp(o->day, o->rule_day) != 0 || strcmp(o->start_time, e->start_time) != 0;
        if (o->cancelled || moved) add_local(master, icalproperty_new_exdate(local_ical(o->rule_day, e->start_time)));
    }
    icalcomponent_add_component(cal, master);
    for (size_t i = 0; i < e->nocc; i++) {
        const struct occurrence *o = &e->occ[i];
        bool moved = strcmp(o->day, o->rule_day) != 0 || strcmp(o->start_time, e->start_time) != 0;
        if (!moved || o->cancelled) continue;
        icalcomponent *ev = vevent(r, e, o->day, o->start_time, o->end_time, host);
        add_local(ev, icalproperty_new_recurrenceid(local_ical(o->rule_day, e->start_time)));
        icalcomponent_add_component(cal, ev);
    }
}

/* The whole calendar holds at most this many events, and only those not
 * over for a month (with 10 000 events the feed took 170 ms of CPU and
 * megabytes per request); a series' or an organiser's feed holds them all
 * up to FEED_MAX. */
enum { FEED_ALL_MAX = 500, FEED_MAX = 5000, FEED_ALL_PAST_DAYS = 30 };

static void feed(req *r, const char *name, const char *file, const struct occ_filter *f, int64_t one)
{
    struct event *list = NULL;
    size_t n = 0;
    if (one) {
        struct event *e = NULL;
        if (store_event_get(r->db, r->a, one, &e) != DB_OK) return page_fail(r, "ics event");
        list = e;
        n = 1;
    } else if (store_events_with_occurrences(r->db, r->a, f, f->ends_after ? FEED_ALL_MAX : FEED_MAX, &list, &n) != DB_OK) {
        return page_fail(r, "ics");
    }
    icalcomponent *tz = icalcomponent_new_from_string(VTIMEZONE);
    if (!tz) return page_fail(r, "ics timezone");
    icalcomponent *cal = icalcomponent_vanew(
        ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"), icalproperty_new_prodid("-//samskap//Evenemang//SV"),
        icalproperty_new_calscale("GREGORIAN"), icalproperty_new_method(ICAL_METHOD_PUBLISH), (void *)0);
    icalproperty *xn = icalproperty_new_x(name);
    icalproperty_set_x_name(xn, "X-WR-CALNAME");
    icalcomponent_add_property(cal, xn);
    icalcomponent_add_component(cal, tz);
    const char *base = site_base_url();
    const char *host = strstr(base, "://") ? strstr(base, "://") + 3 : base;
    for (size_t i = 0; i < n; i++)
        if (list[i].published) add_event(r, cal, &list[i], host);
    char *text = icalcomponent_as_ical_string_r(cal);
    icalcomponent_free(cal);
    if (!text) return page_fail(r, "ics");
    buf_puts(&r->body, text);
    free(text);
    r->mime = "text/calendar; charset=utf-8";
    resp_header(r, "Content-Disposition", arena_printf(r->a, "inline; filename=\"%s.ics\"", file));
}

static void h_all(req *r)
{
    struct occ_filter f = {.ends_after = r->now - FEED_ALL_PAST_DAYS * 86400};
    feed(r, T(r, "event.calendar"), "evenemang", &f, 0);
}

static void h_event(req *r)
{
    struct event *e = load_event(r, r->params[0]);
    if (!e) return;
    if (!e->published) return page_error(r, 404);
    feed(r, e->title, arena_printf(r->a, "evenemang-%lld", (long long)e->id), NULL, e->id);
}

static void h_series(req *r)
{
    struct series s;
    enum db_rc rc = store_series_by_slug(r->db, r->a, r->params[0], &s);
    if (rc == DB_NOTFOUND) return page_error(r, 404);
    if (rc != DB_OK) return page_fail(r, "series ics");
    struct occ_filter f = {.series_id = s.id};
    feed(r, s.title, s.slug, &f, 0);
}

static void h_org(req *r)
{
    struct org *o = NULL;
    enum db_rc rc = store_org_by_slug(r->db, r->a, r->params[0], &o);
    if (rc == DB_NOTFOUND) return page_error(r, 404);
    if (rc != DB_OK) return page_fail(r, "org ics");
    struct occ_filter f = {.org_id = o->id};
    feed(r, o->name, o->slug, &f, 0);
}

const struct route event_ics_routes[] = {
    {M_GET, "/evenemang/kalender.ics", h_all, 0},
    {M_GET, "/evenemang/*/kalender.ics", h_event, 0},
    {M_GET, "/evenemang/serie/*/kalender.ics", h_series, 0},
    {M_GET, "/evenemang/arrangor/*/kalender.ics", h_org, 0},
    {0, NULL, NULL, 0},
};
