/* For the organisers of an event: who registered for an occurrence (and
 * who waits), attendance as a tick list or a count, and the registrations
 * as CSV (UTF-8 with a byte order mark, so Excel reads å, ä and ö).
 * Nobody else sees who registered. */
#include <string.h>

#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
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
    page_end(r);
}

struct attend_ctx {
    int64_t occ;
    bool count_only;
    int64_t count;
    int64_t *ids;
    size_t n;
};

static enum db_rc attend_action(req *r, void *vctx)
{
    struct attend_ctx *c = vctx;
    if (c->count_only) return store_occurrence_attended(r->db, c->occ, c->count);
    return store_attendance_save(r->db, c->occ, c->ids, c->n);
}

static void h_save(req *r)
{
    struct occurrence *o;
    struct event *e = organised(r, &o);
    if (!e) return;
    struct form f;
    form_init(&f, r);
    struct attend_ctx c = {.occ = o->id, .count_only = e->drop_in || o->erased};
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
    {0, NULL, NULL, 0},
};
