/* The meeting page (agenda, and the minutes once published) and a print
 * view that fits A4 and reads without colour. */
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
    html(r, "<dt>%s</dt><dd><span class=\"tag tag-%s\">%s</span></dd>\n</dl>\n", T(r, "meeting.status_label"),
         status_tone(meeting_awaits_minutes_on(m, today_ymd(r)) ? "awaiting_minutes" : meeting_status_name(m->status)),
         meeting_status_label(r, m));
}

/* An agenda item's activity as its page shows it now: its status and its
 * report (one report, one truth: the report given on the idea is the
 * activity's).  On paper the report is written out. */
static void item_activity(req *r, const struct agenda_item *it, bool print)
{
    if (it->activity_status < 0) return;
    html(r, "<br><span class=\"note item-status\">%s: <strong class=\"tag activity-status\">%s</strong></span>", T(r, "activity.status_label"),
         activity_status_label(r, (enum activity_status)it->activity_status));
    if (!*it->activity_report) return;
    if (print) {
        html(r, "<div class=\"item-report\"><strong>%s</strong>\n", T(r, "activity.report"));
        html_paragraphs(&r->body, it->activity_report);
        html_raw(r, "</div>");
    } else {
        html(r, "<details class=\"item-report\"><summary>%s</summary>\n", T(r, "activity.report"));
        html_paragraphs(&r->body, it->activity_report);
        html_raw(r, "</details>");
    }
}

/* An agenda item's title (linked to its minutes once they are published)
 * and its presenter. */
static void agenda_line(req *r, const struct agenda_item *it, bool linked)
{
    if (linked) {
        html(r, "<a href=\"?punkt=%lld#punkt-%lld\">%s</a>", (long long)it->id, (long long)it->id, it->title);
        orgs_in_parentheses(r, it->orgs, it->norgs);
    } else {
        agenda_item_heading(r, it);
    }
    if (*it->presenter) html(r, " – %s", it->presenter);
}

/* What minutes say is public once they are published: that a report was
 * missing at a meeting, and the action items raised there, show on later
 * agendas to others than coordinators only then. */
static void agenda(req *r, const struct meeting *m, bool print)
{
    bool linked = !print && m->status == MEETING_PUBLISHED;
    html(r, "<h2 id=\"dagordning\">%s</h2>\n", T(r, "agenda.title"));
    bool any = false;
    for (size_t k = 0; k < m->nitems; k++) {
        const struct agenda_item *it = &m->items[k];
        if (it->section != SECTION_MAIN) continue;
        if (!any) html_raw(r, "<ol class=\"agenda\">\n");
        any = true;
        html_raw(r, "<li>");
        agenda_line(r, it, linked);
        agenda_carried_note(r, it);
        item_activity(r, it, print);
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
        action_item_line(r, &m->followups[k], true, true);
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
        agenda_line(r, it, linked);
        html_raw(r, "</li>\n");
    }
    if (any) html_raw(r, "</ul>\n");
    else html(r, "<p>%s</p>\n", T(r, "agenda.other_none"));
}

static void minutes(req *r, const struct meeting *m, bool print)
{
    const char *wanted = print ? NULL : req_query(r, "punkt");
    html(r, "<h2 id=\"protokoll\">%s</h2>\n", T(r, "minutes.title"));
    if (m->published_at)
        html(r, "<p class=\"meta\">%s %s</p>\n", T(r, "minutes.published"), fmt_date(r->a, r->lang, m->published_at));
    for (size_t k = 0; k < m->nitems; k++) {
        const struct agenda_item *it = &m->items[k];
        if (k == 0 || it->section != m->items[k - 1].section)
            if (it->section == SECTION_OTHER) html(r, "<h3 class=\"section\">%s</h3>\n", T(r, "agenda.other"));
        if (print) {
            html(r, "<section class=\"minutes-item\" id=\"punkt-%lld\" aria-labelledby=\"rubrik-%lld\">\n"
                    "<h3 id=\"rubrik-%lld\">", (long long)it->id, (long long)it->id, (long long)it->id);
            agenda_item_heading(r, it);
            html_raw(r, "</h3>\n");
        } else {
            /* closed, so the page stays short; open when it is the only
             * item or the one asked for (?punkt=N, which links use with
             * #punkt-N; browsers also open it for the fragment alone), and
             * always on paper (the stylesheet) */
            bool open = m->nitems == 1 || (wanted && strcmp(wanted, arena_printf(r->a, "%lld", (long long)it->id)) == 0);
            /* the summary holds no links (it is a button): the names only */
            html(r, "<details class=\"minutes-item\"%s>\n<summary><h3 id=\"rubrik-%lld\">%s", open ? " open" : "",
                 (long long)it->id, it->title);
            for (size_t o = 0; o < it->norgs; o++)
                html(r, "%s%s%s", o ? (o + 1 == it->norgs ? T(r, "list.and") : ", ") : " (", it->orgs[o].name,
                     o + 1 == it->norgs ? ")" : "");
            html(r, "</h3></summary>\n<div class=\"body\" id=\"punkt-%lld\">\n", (long long)it->id);
            if (it->norgs) {
                html_raw(r, "<p class=\"meta\">");
                orgs_in_parentheses(r, it->orgs, it->norgs);
                html_raw(r, "</p>\n");
            }
        }
        if (*it->presenter) html(r, "<p class=\"meta\">%s</p>\n", it->presenter);
        if (it->carried_from) {
            html_raw(r, "<p class=\"meta\">");
            agenda_carried_note(r, it);
            html_raw(r, "</p>\n");
        }
        if (it->report_missing) html(r, "<p class=\"missing\"><strong>%s</strong></p>\n", T(r, "minutes.report_missing_public"));
        user_paragraphs(r, &r->body, it->minutes);
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
            action_item_line(r, &m->actions[a], false, true);
        }
        if (any) html_raw(r, "</ul>\n");
        if (it->activity_id && !print)
            html(r, "<p><a href=\"/aktiviteter/%lld\">%s</a></p>\n", (long long)it->activity_id,
                 T(r, "minutes.activity_link"));
        html_raw(r, print ? "</section>\n" : "</div>\n</details>\n");
    }
    bool loose = false;
    for (size_t a = 0; a < m->nactions; a++) {
        if (m->actions[a].item_id) continue;
        if (!loose) html(r, "<h3 id=\"atgarder\">%s</h3>\n<ul class=\"actions\">\n", T(r, "minutes.actions"));
        loose = true;
        action_item_line(r, &m->actions[a], false, true);
    }
    if (loose) html_raw(r, "</ul>\n");
    if (m->nattendees) {
        html(r, "<h3 id=\"narvaro\">%s (%zu)</h3>\n<ul class=\"columns\">\n", T(r, "minutes.attendance"), m->nattendees);
        for (size_t k = 0; k < m->nattendees; k++) {
            html(r, "<li>%s", m->attendees[k].name);
            if (*m->attendees[k].org_name) html(r, ", %s", m->attendees[k].org_name);
            if (m->attendees[k].remote) html(r, " (%s)", T(r, "minutes.remote"));
            html_raw(r, "</li>\n");
        }
        html_raw(r, "</ul>\n");
    }
}

static void h_meeting_page(req *r)
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
    {
        const char *toc[10];
        size_t nt = 0;
        toc[nt++] = "dagordning";
        toc[nt++] = T(r, "agenda.title");
        if (m->status == MEETING_PUBLISHED) {
            toc[nt++] = "protokoll";
            toc[nt++] = T(r, "minutes.title");
            bool loose = false;
            for (size_t a = 0; a < m->nactions; a++) loose |= !m->actions[a].item_id;
            if (loose) {
                toc[nt++] = "atgarder";
                toc[nt++] = T(r, "minutes.actions");
            }
            if (m->nattendees) {
                toc[nt++] = "narvaro";
                toc[nt++] = T(r, "minutes.attendance");
            }
        }
        page_toc(r, toc, nt);
    }
    user_paragraphs(r, &r->body, m->description);
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
        minutes_publish_tool(r, m);
        html_raw(r, "</div>\n");
    }
    agenda(r, m, false);
    if (m->status == MEETING_PUBLISHED) minutes(r, m, false);
    page_end(r);
}

static void h_meeting(req *r)
{
    page_in_snapshot(r, h_meeting_page); /* one snapshot of all it reads */
}

/* A page of its own for paper: no navigation, black on white. */
static void h_print_page(req *r)
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
    else agenda(r, m, true);
    html(r, "<p class=\"meta\">%s %s/moten/%lld</p>\n</main>\n</body>\n</html>\n", T(r, "meeting.print_source"),
         site_base_url(), (long long)m->id);
}

static void h_print(req *r)
{
    page_in_snapshot(r, h_print_page); /* one snapshot of all it reads */
}


const struct route meeting_page_routes[] = {
    {M_GET, "/moten/*", h_meeting, 0},
    {M_GET, "/moten/*/utskrift", h_print, 0},
    {0, NULL, NULL, 0},
};
