/* Minutes: the editor (with conflict detection when two people edit at
 * once), publishing them (which notifies everyone whose activity was on
 * the agenda), and action items. */
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
    if (store_org_names(r->db, r->a, &orgs, &norgs) != DB_OK) return page_fail(r, "minutes");
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
        agenda_item_heading(r, it);
        html_raw(r, "</legend>\n");
        if (saved && k < saved->nitems && saved->items[k].id == it->id &&
            strcmp(saved->items[k].minutes, v->text[k]) != 0) {
            html(r, "<div class=\"conflict\"><p><strong>%s</strong></p>\n", T(r, "minutes.their_text"));
            user_paragraphs(r, &r->body, saved->items[k].minutes);
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
    html(r, "<button type=\"submit\" formaction=\"/moten/%lld/atgarder#fel\" formnovalidate>%s</button>\n",
         (long long)m->id, T(r, "action.add"));
    form_close(r);

    /* the action items so far, each with its own "done" button */
    html(r, "<h2>%s</h2>\n", T(r, "minutes.actions"));
    if (m->nfollowups || m->nactions) html_raw(r, "<ul class=\"actions\">\n");
    for (size_t pass = 0; pass < 2; pass++) {
        const struct action_item *list = pass ? m->actions : m->followups;
        size_t n = pass ? m->nactions : m->nfollowups;
        for (size_t k = 0; k < n; k++) {
            action_item_line(r, &list[k], pass == 0, false);
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
    minutes_publish_tool(r, m);
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
        v.text[k] = form_text(&f, tf, MINUTES_MAX, F_MULTILINE);
        v.missing[k] = form_check(&f, item_field(r, "saknas", it->id));
        v.questions[k] = form_text(&f, qf, 8000, F_MULTILINE);
        form_no_pnr(&f, tf, v.text[k]);
        form_no_pnr(&f, qf, v.questions[k]);
        const char **qs;
        size_t nq;
        const char *e = parse_questions(r->a, v.questions[k], &qs, &nq);
        if (e) form_error(&f, qf, e);
        mi.items[k] = (struct minutes_item){it->id, v.text[k], v.missing[k], qs, nq};
    }
    v.attendance = form_text(&f, "narvaro", 20000, F_MULTILINE);
    const char *e = parse_attendance(r->a, v.attendance, i18n_get(LANG_SV, "minutes.remote"), &mi.attendees,
                                     &mi.nattendees);
    if (e) form_error(&f, "narvaro", e);
    form_no_pnr(&f, "narvaro", v.attendance);
    if (!form_ok(&f)) {
        r->status = 400;
        minutes_editor(r, m, &f, &v, NULL);
        return false;
    }
    enum db_rc rc = store_minutes_save(r->db, m->id, &mi, r->now);
    if (rc == DB_CONFLICT) {
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
    if (minutes_save_holds_meeting(m, today_ymd(r)))
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

/* Publishing, the notices and e-mails to everyone concerned, and the
 * audit row: one transaction. */
static enum db_rc publish_tx(req *r, void *ctx)
{
    const struct meeting *m = ctx;
    enum db_rc rc = store_meeting_set_status(r->db, m->id, MEETING_PUBLISHED, r->now);
    struct recipient *rec = NULL;
    size_t n = 0;
    if (rc == DB_OK) rc = store_minutes_recipients(r->db, r->a, m->id, &rec, &n);
    const char *title = meeting_title(r, m);
    for (size_t k = 0; k < n && rc == DB_OK; k++) {
        const struct agenda_item *it = NULL;
        for (size_t i = 0; i < m->nitems; i++)
            if (m->items[i].id == rec[k].item_id) it = &m->items[i];
        if (!it) continue;
        rc = notify_user(r, rec[k].user_id, arena_printf(r->a, "%s: %s", T(r, "mail.minutes_subject"), title),
                         arena_printf(r->a, "%s \"%s\" %s %s.", T(r, "mail.minutes_text"), it->title,
                                      T(r, "mail.minutes_at"), title),
                         arena_printf(r->a, "/moten/%lld#punkt-%lld", (long long)m->id, (long long)it->id));
    }
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, r->user->id, "protokoll.publicera",
                         arena_printf(r->a, "meeting:%lld", (long long)m->id), arena_printf(r->a, "%zu", n));
    return rc;
}

static void h_publish(req *r)
{
    struct meeting *m = coordinator_meeting(r);
    if (!m) return;
    if (m->status == MEETING_PUBLISHED) return page_message(r, 400, "minutes.already_published_title", "minutes.already_published");
    if (!minutes_publishable(r, m)) return page_message(r, 400, "minutes.publish", "minutes.publish_not_yet");
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
    enum db_rc rc = action_run(r, publish_tx, m);
    if (rc == DB_CONFLICT)
        return page_message(r, 409, "minutes.already_published_title", "minutes.already_published");
    if (rc != DB_OK) return page_not_saved(r, "publish");
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
    x.owner_name = form_text(&f, "agare", NAME_MAX_CHARS, 0);
    x.what = form_text(&f, "vad", ACTION_TEXT_MAX, F_REQUIRED | F_MULTILINE);
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
    if (rc == DB_NOTFOUND) return page_error(r, 404);
    if (rc != DB_OK && rc != DB_CONFLICT) return page_fail(r, "action done");
    resp_flash(r, rc == DB_CONFLICT ? "flash.action_already_done" : "flash.saved");
    resp_redirect(r, meeting ? arena_printf(r->a, "/moten/%lld/protokoll", (long long)meeting) : "/grupper");
}

static void h_minutes_get(req *r)
{
    page_in_snapshot(r, h_minutes); /* one snapshot of all it reads */
}

const struct route minutes_routes[] = {
    {M_GET, "/moten/*/protokoll", h_minutes_get, R_AUTH},
    {M_POST, "/moten/*/protokoll", h_minutes_save, R_AUTH},
    {M_POST, "/moten/*/publicera", h_publish, R_AUTH},
    {M_POST, "/moten/*/atgarder", h_action_add, R_AUTH},
    {M_POST, "/atgarder/*/klar", h_action_done, R_AUTH},
    {0, NULL, NULL, 0},
};
