/* For the organisers of an event: who registered for an occurrence (and
 * who waits), attendance as a tick list or a count, and the registrations
 * as CSV (UTF-8 with a byte order mark, so Excel reads å, ä and ö).
 * Nobody else sees who registered. */
#include <string.h>

#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "view/i18n.h"
#include "web/action.h"
#include "web/events/events.h"
#include "web/pages.h"

static struct event *organised(req *r, struct occurrence **o)
{
    struct event *e = load_event(r, r->params[0]);
    if (!e) return NULL;
    if (!can_organise(r, e)) {
        page_error(r, 403);
        return NULL;
    }
    *o = event_occurrence(r, e, r->params[1]);
    return *o ? e : NULL;
}

static void h_list(req *r)
{
    struct occurrence *o;
    struct event *e = organised(r, &o);
    if (!e) return;
    struct registration *list;
    size_t n;
    if (store_registrations_of(r->db, r->a, o->id, &list, &n) != DB_OK) return page_fail(r, "registrations");
    const char *title = T(r, "event.registrations");
    page_begin(r, title);
    const char *crumbs[] = {"/evenemang", T(r, "event.calendar"), arena_printf(r->a, "/evenemang/%lld", (long long)e->id),
                            e->title, NULL, title};
    page_crumbs(r, crumbs, 6);
    html(r, "<h1>%s</h1>\n<p class=\"lead\">%s<br>%s</p>\n", title, e->title, occ_when(r, o));
    html(r, "<dl class=\"facts\">\n<dt>%s</dt><dd>%lld</dd>\n<dt>%s</dt><dd>%lld</dd>\n<dt>%s</dt><dd>%lld</dd>\n"
            "<dt>%s</dt><dd>%lld</dd>\n<dt>%s</dt><dd>%s</dd>\n</dl>\n",
         T(r, "event.form.capacity"), (long long)o->capacity, T(r, "event.reg.bekraftad"), (long long)o->confirmed,
         T(r, "event.reg.erbjuden"), (long long)o->offered, T(r, "event.reg.vantar"), (long long)o->waiting,
         T(r, "event.reg.count"), o->attended >= 0 ? fmt_int(r->a, o->attended) : "–");
    const char *base = arena_printf(r->a, "/evenemang/%lld/tillfalle/%lld/anmalningar", (long long)e->id, (long long)o->id);
    if (o->erased) html(r, "<p class=\"notice\">%s</p>\n", T(r, "event.reg.erased"));
    if (e->drop_in || o->erased) {
        struct form f;
        form_init(&f, r);
        form_open(r, base, false);
        field_input(r, &f, &(struct field){.name = "antal", .label = "event.reg.count", .type = "number",
                                           .value = o->attended >= 0 ? fmt_int(r->a, o->attended) : "",
                                           .extra = "inputmode=\"numeric\"", .flags = F_REQUIRED});
        form_submit(r, "event.reg.save_attendance");
        form_close(r);
    }
    if (!o->erased) {
        if (!n) {
            html(r, "<p>%s</p>\n", T(r, "event.reg.none"));
        } else {
            form_open(r, base, false);
            table_open(r, T(r, "event.reg.list"), "scroll");
            html(r, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                 T(r, "event.reg.attended"), T(r, "event.f.name"), T(r, "event.reg_status"), T(r, "event.reg.email"),
                 T(r, "event.reg.needs"));
            for (size_t i = 0; i < n; i++) {
                const struct registration *g = &list[i];
                html_raw(r, "<tr><td>");
                if (g->status == REG_CONFIRMED)
                    html(r, "<input type=\"checkbox\" id=\"kom-%lld\" name=\"kom\" value=\"%lld\"%s>"
                            "<label for=\"kom-%lld\" class=\"visually-hidden\">%s %s</label>",
                         (long long)g->id, (long long)g->id, g->attended ? " checked" : "", (long long)g->id,
                         T(r, "event.reg.attended"), g->name);
                html(r, "</td><td>%s</td><td>", g->name);
                status_tag(r, arena_printf(r->a, "event.reg.%s", reg_status_name(g->status)));
                if (g->status == REG_WAITING) html(r, " %lld", (long long)g->position);
                html(r, "</td><td>%s</td><td>%s</td></tr>\n", g->email, g->needs);
            }
            html_raw(r, "</tbody>\n");
            table_close(r);
            form_submit(r, "event.reg.save_attendance");
            form_close(r);
        }
        html(r, "<p><a href=\"%s.csv\">%s</a></p>\n", base, T(r, "event.reg.csv"));
    }
    if (!o->cancelled && o->ends_at > r->now) {
        html(r, "<h2 id=\"andra\">%s</h2>\n", T(r, "event.occ.change"));
        struct form f;
        form_init(&f, r);
        form_open(r, arena_printf(r->a, "/evenemang/%lld/tillfalle/%lld/flytta", (long long)e->id, (long long)o->id), false);
        field_input(r, &f, &(struct field){.name = "datum", .label = "event.occ.new_day", .type = "date",
                                           .hint = "form.date_hint", .value = o->day, .flags = F_REQUIRED});
        field_input(r, &f, &(struct field){.name = "start", .label = "event.form.start", .type = "time",
                                           .hint = "form.time_hint", .value = o->start_time, .flags = F_REQUIRED});
        field_input(r, &f, &(struct field){.name = "slut", .label = "event.form.end", .type = "time",
                                           .hint = "form.time_hint", .value = o->end_time, .flags = F_REQUIRED});
        form_submit(r, "event.occ.move");
        form_close(r);
        button_form(r, arena_printf(r->a, "/evenemang/%lld/tillfalle/%lld/installa", (long long)e->id, (long long)o->id),
                    "event.occ.cancel", NULL, NULL, "secondary");
    }
    page_end(r);
}

/* ---- move or cancel one occurrence; the people registered are told ---- */

struct change_ctx {
    const struct event *e;
    const struct occurrence *o;
    bool cancel;
    const char *day, *start, *end;
};

static enum db_rc change_action(req *r, void *vctx)
{
    struct change_ctx *c = vctx;
    enum db_rc rc = c->cancel ? store_occurrence_cancel(r->db, c->o->id)
                              : store_occurrence_move(r->db, c->o->id, c->day, c->start, c->end);
    if (rc != DB_OK) return rc;
    rc = store_audit(r->db, r->now, r->user->id, c->cancel ? "evenemang.tillfalle_installa" : "evenemang.tillfalle_flytta",
                     arena_printf(r->a, "evenemang:%lld", (long long)c->e->id),
                     c->cancel ? c->o->day : arena_printf(r->a, "%s → %s %s–%s", c->o->day, c->day, c->start, c->end));
    if (rc != DB_OK) return rc;
    return events_mail_change(r->db, r->a, c->e, c->o, c->cancel, c->day, c->start, c->end, r->now);
}

static void h_cancel_occ(req *r)
{
    struct occurrence *o;
    struct event *e = organised(r, &o);
    if (!e) return;
    struct change_ctx c = {e, o, true, NULL, NULL, NULL};
    enum db_rc rc = action_run(r, change_action, &c);
    if (rc == DB_CONFLICT)
        return page_conflict(r, 409, "event.registrations", T(r, "event.occ.installd"),
                             arena_printf(r->a, "/evenemang/%lld", (long long)e->id));
    if (rc != DB_OK) return page_not_saved(r, "occurrence cancel");
    resp_flash(r, "event.flash.saved");
    resp_redirect(r, arena_printf(r->a, "/evenemang/%lld", (long long)e->id));
}

static void h_move_occ(req *r)
{
    struct occurrence *o;
    struct event *e = organised(r, &o);
    if (!e) return;
    struct form f;
    form_init(&f, r);
    const char *day = form_date(&f, "datum", true);
    const char *start = form_text(&f, "start", 8, F_REQUIRED), *end = form_text(&f, "slut", 8, F_REQUIRED);
    int h1, m1, h2, m2;
    bool times = parse_hm(arena_printf(r->a, "%.5s", start), &h1, &m1) && parse_hm(arena_printf(r->a, "%.5s", end), &h2, &m2);
    if (!form_ok(&f) || !times) return page_message(r, 400, "event.occ.change", "err.time");
    if (h2 * 60 + m2 <= h1 * 60 + m1) return page_message(r, 400, "event.occ.change", "event.err.end_before_start");
    struct change_ctx c = {e, o, false, day, arena_printf(r->a, "%02d:%02d", h1, m1), arena_printf(r->a, "%02d:%02d", h2, m2)};
    enum db_rc rc = action_run(r, change_action, &c);
    if (rc == DB_CONFLICT)
        return page_conflict(r, 409, "event.registrations", T(r, "event.occ.installd"),
                             arena_printf(r->a, "/evenemang/%lld", (long long)e->id));
    if (rc == DB_CONSTRAINT) return page_message(r, 400, "event.occ.change", "event.err.date");
    if (rc != DB_OK) return page_not_saved(r, "occurrence move");
    resp_flash(r, "event.flash.saved");
    resp_redirect(r, arena_printf(r->a, "/evenemang/%lld", (long long)e->id));
}

struct attend_ctx {
    int64_t occ, event;
    const char *day;
    bool count_only;
    int64_t count;
    int64_t *ids;
    size_t n;
};

static enum db_rc attend_action(req *r, void *vctx)
{
    struct attend_ctx *c = vctx;
    enum db_rc rc = c->count_only ? store_occurrence_attended(r->db, c->occ, c->count)
                                  : store_attendance_save(r->db, c->occ, c->ids, c->n);
    if (rc != DB_OK) return rc;
    return store_audit(r->db, r->now, r->user->id, "evenemang.narvaro",
                       arena_printf(r->a, "evenemang:%lld", (long long)c->event), c->day);
}

static void h_save(req *r)
{
    struct occurrence *o;
    struct event *e = organised(r, &o);
    if (!e) return;
    struct form f;
    form_init(&f, r);
    struct attend_ctx c = {.occ = o->id, .event = e->id, .day = o->day, .count_only = e->drop_in || o->erased};
    if (c.count_only) {
        if (!form_int(&f, "antal", 0, EVENT_MAX_CAPACITY, true, 0, &c.count)) {
            r->status = 400;
            return page_message(r, 400, "event.registrations", "err.out_of_range");
        }
    } else {
        size_t n = 0;
        const char **v = form_all(&f, "kom", &n);
        c.ids = arena_alloc(r->a, sizeof *c.ids * (n ? n : 1));
        for (size_t i = 0; i < n; i++) {
            int64_t id;
            if (!parse_i64(v[i], &id)) return page_error(r, 400);
            c.ids[c.n++] = id;
        }
        if (!form_ok(&f)) return page_error(r, 400);
    }
    if (action_run(r, attend_action, &c) != DB_OK) return page_not_saved(r, "attendance");
    resp_flash(r, "event.flash.attendance");
    resp_redirect(r, arena_printf(r->a, "/evenemang/%lld/tillfalle/%lld/anmalningar", (long long)e->id, (long long)o->id));
}

/* A CSV field: quoted, quotes doubled; a leading = + - @ is prefixed with
 * an apostrophe so that a spreadsheet does not run it as a formula. */
static void csv_field(buf *b, const char *s, bool last)
{
    buf_putc(b, '"');
    if (*s == '=' || *s == '+' || *s == '-' || *s == '@') buf_putc(b, '\'');
    for (; *s; s++) {
        if (*s == '"') buf_putc(b, '"');
        buf_putc(b, *s);
    }
    buf_puts(b, last ? "\"\r\n" : "\";");
}

static void h_csv(req *r)
{
    struct occurrence *o;
    struct event *e = organised(r, &o);
    if (!e) return;
    struct registration *list;
    size_t n;
    if (store_registrations_of(r->db, r->a, o->id, &list, &n) != DB_OK) return page_fail(r, "registrations csv");
    buf *b = &r->body;
    buf_puts(b, "\xEF\xBB\xBF"); /* the BOM: Excel then reads UTF-8 */
    csv_field(b, T(r, "event.f.name"), false);
    csv_field(b, T(r, "event.reg.email"), false);
    csv_field(b, T(r, "event.reg_status"), false);
    csv_field(b, T(r, "event.reg.needs"), false);
    csv_field(b, T(r, "event.f.birth_year"), false);
    csv_field(b, T(r, "event.reg.attended"), true);
    for (size_t i = 0; i < n; i++) {
        const struct registration *g = &list[i];
        csv_field(b, g->name, false);
        csv_field(b, g->email, false);
        csv_field(b, T(r, arena_printf(r->a, "event.reg.%s", reg_status_name(g->status))), false);
        csv_field(b, g->needs, false);
        csv_field(b, g->birth_year ? arena_printf(r->a, "%lld", (long long)g->birth_year) : "", false);
        csv_field(b, g->attended ? "1" : "", true);
    }
    r->mime = "text/csv; charset=utf-8";
    resp_header(r, "Content-Disposition",
                arena_printf(r->a, "attachment; filename=\"anmalningar-%lld-%s.csv\"", (long long)e->id, o->day));
}

const struct route event_registrations_routes[] = {
    {M_GET, "/evenemang/*/tillfalle/*/anmalningar", h_list, R_AUTH},
    {M_POST, "/evenemang/*/tillfalle/*/anmalningar", h_save, R_AUTH},
    {M_GET, "/evenemang/*/tillfalle/*/anmalningar.csv", h_csv, R_AUTH},
    {M_POST, "/evenemang/*/tillfalle/*/installa", h_cancel_occ, R_AUTH},
    {M_POST, "/evenemang/*/tillfalle/*/flytta", h_move_occ, R_AUTH},
    {0, NULL, NULL, 0},
};
