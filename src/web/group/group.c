/* What the development group's pages share (group.h): status labels, the
 * day and title of a meeting, and loading a group or a meeting from the
 * path. */
#include "web/group/group.h"

#include <string.h>
#include <time.h>

#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/pages.h"
#include "web/site.h"

const char *meeting_status_label(req *r, const struct meeting *m)
{
    /* planned, but its day has passed: the minutes are what is missing */
    if (meeting_awaits_minutes_on(m, today_ymd(r)))
        return T(r, "meeting.status.awaiting_minutes");
    return T(r, arena_printf(r->a, "meeting.status.%s", meeting_status_name(m->status)));
}

bool meeting_upcoming(req *r, const struct meeting *m)
{
    return meeting_upcoming_on(m, today_ymd(r));
}

const char *activity_status_label(req *r, enum activity_status s)
{
    return T(r, arena_printf(r->a, "activity.status.%s", activity_status_name(s)));
}

const char *meeting_day(req *r, const char *ymd)
{
    int y, m, d;
    if (!parse_ymd(ymd, &y, &m, &d)) return ymd;
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_hour = 12;
    tm.tm_isdst = -1;
    mktime(&tm);
    static const char *const days[7] = {"day.0", "day.1", "day.2", "day.3", "day.4", "day.5", "day.6"};
    return arena_printf(r->a, "%s %s", T(r, days[tm.tm_wday]), fmt_ymd(r->a, r->lang, ymd));
}

const char *meeting_title(req *r, const struct meeting *m)
{
    const char *date = fmt_ymd(r->a, r->lang, m->date);
    return arena_printf(r->a, "%s %s", m->group_name, date ? date : m->date);
}

void orgs_in_parentheses(req *r, const struct named_org *orgs, size_t n)
{
    if (!n) return;
    html_raw(r, " (");
    for (size_t k = 0; k < n; k++) {
        if (k) html_raw(r, k + 1 == n ? T(r, "list.and") : ", ");
        if (*orgs[k].slug)
            html(r, "<a href=\"/organisationer/%s\">%s</a>", orgs[k].slug, orgs[k].name);
        else
            html(r, "%s", orgs[k].name);
    }
    html_raw(r, ")");
}

const char *count_text(req *r, struct count_range c)
{
    if (c.min < 0) return "";
    if (c.min == c.max) return fmt_int(r->a, c.min);
    return arena_printf(r->a, "%s\xe2\x80\x93%s", fmt_int(r->a, c.min), fmt_int(r->a, c.max));
}

struct group *load_group(req *r, const char *slug)
{
    struct group *g = NULL;
    enum db_rc rc = store_group_by_slug(r->db, r->a, slug, &g);
    if (rc == DB_OK) return g;
    if (rc == DB_NOTFOUND) page_error(r, 404);
    else page_fail(r, "group");
    return NULL;
}


static struct meeting *load_meeting_by(req *r, const char *id_text,
                                       enum db_rc (*get)(db *, arena *, int64_t, struct meeting **))
{
    int64_t id;
    struct meeting *m = NULL;
    if (!parse_i64(id_text, &id) || id <= 0) {
        page_error(r, 404);
        return NULL;
    }
    enum db_rc rc = get(r->db, r->a, id, &m);
    if (rc == DB_OK) return m;
    if (rc == DB_NOTFOUND) page_error(r, 404);
    else page_fail(r, "meeting");
    return NULL;
}

struct meeting *load_meeting(req *r, const char *id_text)
{
    return load_meeting_by(r, id_text, store_meeting_get);
}

/* The meeting in the path, for a coordinator; otherwise 403 (or 404). */
struct meeting *coordinator_meeting(req *r)
{
    if (!is_coordinator(r)) {
        page_error(r, 403);
        return NULL;
    }
    return load_meeting(r, r->params[0]);
}

struct meeting *coordinator_meeting_agenda(req *r)
{
    if (!is_coordinator(r)) {
        page_error(r, 403);
        return NULL;
    }
    return load_meeting_by(r, r->params[0], store_meeting_agenda);
}


/* ---- parts of the agenda and minutes (meeting page, agenda editor, minutes editor) ---- */

void agenda_item_heading(req *r, const struct agenda_item *it)
{
    html(r, "%s", it->title);
    orgs_in_parentheses(r, it->orgs, it->norgs);
}

void agenda_carried_note(req *r, const struct agenda_item *it)
{
    if (!it->carried_from || (!it->carried_public && !is_coordinator(r))) return;
    const char *date = fmt_ymd(r->a, r->lang, it->carried_meeting_date);
    html(r, "<br><span class=\"note\">%s <a href=\"/moten/%lld\">%s</a></span>", T(r, "agenda.carried_from"),
         (long long)it->carried_meeting_id, date ? date : it->carried_meeting_date);
}

/* One action item as a list item; the caller closes the <li> when
 * `close` is false (to put a button inside it). */
void action_item_line(req *r, const struct action_item *x, bool show_origin, bool close)
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
    html_raw(r, " ");
    status_tag(r, x->status == ACTION_DONE ? "action.done" : "action.open");
    if (close) html_raw(r, "</li>\n");
}

/* Minutes can be published from the meeting's day on. */
bool minutes_publishable(req *r, const struct meeting *m)
{
    return minutes_publishable_on(m, today_ymd(r));
}

/* The publish button where coordinators look for it (the meeting page and
 * the minutes editor), or why it is not there yet. */
void minutes_publish_tool(req *r, const struct meeting *m)
{
    if (m->status == MEETING_PUBLISHED) return;
    if (minutes_publishable(r, m))
        button_form(r, arena_printf(r->a, "/moten/%lld/publicera", (long long)m->id), "minutes.publish", NULL,
                    NULL, NULL);
    else
        html(r, "<p class=\"hint\">%s %s.</p>\n", T(r, "minutes.publish_from"), fmt_ymd(r->a, r->lang, m->date));
}

