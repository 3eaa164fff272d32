/* Organisers create and edit events: coordinators for any organisation,
 * representatives for their own.  A new event carries its recurrence
 * rule, expanded here into occurrences; an edit changes texts, place,
 * status and capacity (never below the places already taken). */
#include <string.h>

#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/action.h"
#include "web/events/events.h"
#include "web/pages.h"
#include "web/roles.h"

struct ev_input {
    struct event e;
    const char *org, *day, *until, *capacity, *held, *offer, *retention, *interval, *nth, *count, *freq, *series;
    bool wd[7];
    const char **co;   /* co-organisers' slugs */
    size_t nco;
};

static const char *const FREQS[] = {"ingen", "veckovis", "manadsvis"};
static const char *const FREQ_KEYS[] = {"event.form.freq.ingen", "event.form.freq.veckovis", "event.form.freq.manadsvis"};
static const char *const WD_KEYS[] = {"event.wd.0", "event.wd.1", "event.wd.2", "event.wd.3", "event.wd.4", "event.wd.5",
                                      "event.wd.6"};

static void ev_form(req *r, const struct form *f, const struct ev_input *in, bool create, const char *action)
{
    const char *title = T(r, create ? "event.form.new" : "event.form.edit");
    page_begin(r, title);
    const char *crumbs[] = {"/evenemang", T(r, "event.calendar"), NULL, title};
    page_crumbs(r, crumbs, 4);
    html(r, "<h1>%s</h1>\n", title);
    form_summary(r, f);
    form_open(r, action, false);
    if (create) form_once_field(r);
    const struct event *e = &in->e;
    field_input(r, f, &(struct field){.name = "titel", .label = "event.form.title", .value = e->title, .flags = F_REQUIRED});
    if (create) {
        struct event_org *orgs;
        size_t no;
        if (organiser_orgs(r, &orgs, &no) != DB_OK) no = 0;
        struct option *opts = arena_alloc(r->a, sizeof *opts * (no + 1));
        for (size_t i = 0; i < no; i++) opts[i] = (struct option){orgs[i].slug, orgs[i].name};
        field_select(r, f, &(struct field){.name = "arrangor", .label = "event.form.org", .value = in->org, .flags = F_REQUIRED},
                     opts, no);
    }
    if (create) {
        struct org *all = NULL;
        size_t na = 0;
        if (store_org_names(r->db, r->a, &all, &na) != DB_OK) na = 0;
        struct option *co = arena_alloc(r->a, sizeof *co * (na + 1));
        bool *on = arena_alloc(r->a, sizeof *on * (na + 1));
        for (size_t i = 0; i < na; i++) {
            co[i] = (struct option){all[i].slug, all[i].name};
            on[i] = false;
            for (size_t j = 0; j < in->nco; j++)
                if (strcmp(in->co[j], all[i].slug) == 0) on[i] = true;
        }
        html_raw(r, "<details class=\"more\"><summary>");
        html(r, "%s</summary>\n", T(r, "event.form.co_orgs"));
        field_checks(r, f, &(struct field){.name = "medarrangor", .label = "event.form.co_orgs"}, co, on, na);
        html_raw(r, "</details>\n");
        struct series *ss = NULL;
        size_t ns = 0;
        if (store_series_all(r->db, r->a, &ss, &ns) != DB_OK) ns = 0;
        struct option *so = arena_alloc(r->a, sizeof *so * (ns + 1));
        so[0] = (struct option){"", T(r, "event.form.no_series")};
        for (size_t i = 0; i < ns; i++) so[i + 1] = (struct option){ss[i].slug, ss[i].title};
        field_select(r, f, &(struct field){.name = "serie", .label = "event.series", .value = in->series}, so, ns + 1);
    }
    field_textarea(r, f, &(struct field){.name = "beskrivning", .label = "event.form.description",
                                         .hint = "event.form.description_hint", .value = e->description, .rows = 6});
    field_input(r, f, &(struct field){.name = "tema", .label = "event.form.theme", .value = e->theme});
    if (create) {
        field_input(r, f, &(struct field){.name = "datum", .label = "event.form.day", .type = "date", .hint = "form.date_hint",
                                          .value = in->day, .flags = F_REQUIRED});
        field_input(r, f, &(struct field){.name = "start", .label = "event.form.start", .type = "time", .hint = "form.time_hint",
                                          .value = e->start_time, .flags = F_REQUIRED});
        field_input(r, f, &(struct field){.name = "slut", .label = "event.form.end", .type = "time", .hint = "form.time_hint",
                                          .value = e->end_time, .flags = F_REQUIRED});
        struct option fo[3];
        for (int i = 0; i < 3; i++)
            fo[i] = (struct option){FREQS[i], T(r, FREQ_KEYS[i])};
        field_radios(r, f, &(struct field){.name = "upprepning", .label = "event.form.freq", .value = in->freq}, fo, 3);
        field_input(r, f, &(struct field){.name = "intervall", .label = "event.form.interval", .type = "number",
                                          .value = in->interval, .extra = "inputmode=\"numeric\""});
        struct option wo[7];
        for (int i = 0; i < 7; i++)
            wo[i] = (struct option){arena_printf(r->a, "%d", i), T(r, WD_KEYS[i])};
        field_checks(r, f, &(struct field){.name = "veckodag", .label = "event.form.weekdays"}, wo, in->wd, 7);
        field_input(r, f, &(struct field){.name = "ordning", .label = "event.form.nth", .hint = "event.form.nth_hint",
                                          .type = "number", .value = in->nth});
        field_input(r, f, &(struct field){.name = "till", .label = "event.form.until", .type = "date", .value = in->until});
        field_input(r, f, &(struct field){.name = "antal", .label = "event.form.count", .type = "number",
                                          .value = in->count, .extra = "inputmode=\"numeric\""});
    }
    field_input(r, f, &(struct field){.name = "plats", .label = "event.form.place_name", .value = e->place_name});
    field_input(r, f, &(struct field){.name = "adress", .label = "event.form.address", .value = e->place_address,
                                      .autocomplete = "street-address"});
    field_input(r, f, &(struct field){.name = "lokal", .label = "event.form.room", .value = e->room});
    field_checkbox(r, "stegfritt", "event.step_free", e->step_free);
    field_checkbox(r, "horslinga", "event.hearing_loop", e->hearing_loop);
    field_checkbox(r, "tyst_rum", "event.quiet_room", e->quiet_room);
    field_input(r, f, &(struct field){.name = "lank", .label = "event.form.online_url", .type = "url", .value = e->online_url});
    field_checkbox(r, "lank_alla", "event.form.online_public", !e->online_registered_only);
    field_input(r, f, &(struct field){.name = "platser", .label = "event.form.capacity", .type = "number",
                                      .value = in->capacity, .extra = "inputmode=\"numeric\"", .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "reserverade", .label = "event.form.held", .type = "number", .value = in->held});
    field_input(r, f, &(struct field){.name = "erbjudande", .label = "event.form.offer_hours", .type = "number", .value = in->offer});
    field_input(r, f, &(struct field){.name = "gallring", .label = "event.form.retention", .type = "number", .value = in->retention});
    field_checkbox(r, "ungdom", "event.form.youth", e->youth);
    field_checkbox(r, "dropin", "event.form.drop_in", e->drop_in);
    field_textarea(r, f, &(struct field){.name = "affisch", .label = "event.form.print_text", .value = e->print_text, .rows = 3});
    if (!create) {
        struct option so[EV_STATUS_COUNT];
        for (int i = 0; i < EV_STATUS_COUNT; i++)
            so[i] = (struct option){event_status_name((enum event_status)i),
                                    T(r, arena_printf(r->a, "event.status.%s", event_status_name((enum event_status)i)))};
        field_select(r, f, &(struct field){.name = "status", .label = "event.form.status", .value = event_status_name(e->status)},
                     so, EV_STATUS_COUNT);
    }
    field_checkbox(r, "publicera", "event.form.published", e->published);
    form_submit(r, "form.save");
    form_close(r);
    page_end(r);
}

static const char *form_hm(struct form *f, const char *name)
{
    const char *v = form_text(f, name, 20, F_REQUIRED);
    int h, mi;
    if (!*v) return v;
    if (strlen(v) == 8 && v[5] == ':') v = arena_printf(f->r->a, "%.5s", v);
    if (!parse_hm(v, &h, &mi)) {
        form_error(f, name, "err.time");
        return v;
    }
    return arena_printf(f->r->a, "%02d:%02d", h, mi);
}

static const char *raw(req *r, const char *name, const char *dflt)
{
    const char *v = req_form(r, name);
    return v ? v : dflt;
}

static void read_common(struct form *f, struct ev_input *in)
{
    req *r = f->r;
    struct event *e = &in->e;
    e->title = form_text(f, "titel", 200, F_REQUIRED);
    e->description = form_text(f, "beskrivning", 20000, F_MULTILINE);
    e->theme = form_text(f, "tema", 200, 0);
    e->place_name = form_text(f, "plats", 200, 0);
    e->place_address = form_text(f, "adress", 200, 0);
    e->room = form_text(f, "lokal", 200, 0);
    e->online_url = form_text(f, "lank", 500, 0);
    e->print_text = form_text(f, "affisch", 2000, F_MULTILINE);
    e->step_free = form_check(f, "stegfritt");
    e->hearing_loop = form_check(f, "horslinga");
    e->quiet_room = form_check(f, "tyst_rum");
    e->online_registered_only = !form_check(f, "lank_alla");
    e->youth = form_check(f, "ungdom");
    e->drop_in = form_check(f, "dropin");
    e->published = form_check(f, "publicera");
    if (*e->online_url && strncmp(e->online_url, "https://", 8) != 0) form_error(f, "lank", "event.err.url");
    in->capacity = raw(r, "platser", "");
    in->held = raw(r, "reserverade", "0");
    in->offer = raw(r, "erbjudande", "48");
    in->retention = raw(r, "gallring", "30");
    form_int(f, "platser", 0, EVENT_MAX_CAPACITY, true, 0, &e->capacity);
    form_int(f, "reserverade", 0, EVENT_MAX_CAPACITY, false, 0, &e->held);
    form_int(f, "erbjudande", 1, 720, false, 48, &e->offer_hours);
    form_int(f, "gallring", 0, 3650, false, 30, &e->retention_days);
    if (!form_err(f, "platser") && !form_err(f, "reserverade") && e->held > e->capacity)
        form_error(f, "reserverade", "event.err.capacity");
    const char *pub[][2] = {{"titel", e->title}, {"beskrivning", e->description}, {"tema", e->theme},
                            {"plats", e->place_name}, {"adress", e->place_address}, {"lokal", e->room},
                            {"lank", e->online_url}, {"affisch", e->print_text}};
    for (size_t i = 0; i < sizeof pub / sizeof pub[0]; i++) form_no_pnr(f, pub[i][0], pub[i][1]);
}

/* ---- create ---- */

static void h_new_form(req *r)
{
    struct form f;
    form_init(&f, r);
    struct ev_input in = {.e = {.title = "", .description = "", .theme = "", .place_name = "", .place_address = "",
                                .room = "", .online_url = "", .print_text = "", .start_time = "13:00", .end_time = "15:00",
                                .online_registered_only = true, .published = true},
                          .org = "", .day = "", .until = "", .capacity = "30", .held = "0", .offer = "48",
                          .retention = "30", .interval = "1", .nth = "", .count = "", .freq = "ingen", .series = ""};
    struct event_org *orgs;
    size_t no;
    if (organiser_orgs(r, &orgs, &no) != DB_OK) return page_fail(r, "event orgs");
    if (!no) return page_error(r, 403);
    ev_form(r, &f, &in, true, "/evenemang/nytt");
}

struct create_ctx {
    struct form *f;
    struct ev_input *in;
    int64_t orgs[8];
    size_t norgs;
    const char **days;
    size_t ndays;
    int64_t id;
    bool again;
};

static enum db_rc create_action(req *r, void *vctx)
{
    struct create_ctx *c = vctx;
    enum db_rc rc = form_once_take(c->f, &c->again);
    if (rc != DB_OK || c->again) return rc;
    c->in->e.created_by = r->user->id;
    rc = store_event_create(r->db, &c->in->e, c->orgs, c->norgs, c->days, c->ndays, r->now, &c->id);
    if (rc != DB_OK) return rc;
    return store_audit(r->db, r->now, r->user->id, "evenemang.skapa",
                       arena_printf(r->a, "evenemang:%lld", (long long)c->id), "");
}

static void h_new(req *r)
{
    struct form f;
    form_init(&f, r);
    struct ev_input in = {0};
    read_common(&f, &in);
    struct event *e = &in.e;
    e->status = EV_OPEN;
    in.org = form_text(&f, "arrangor", 100, F_REQUIRED);
    in.day = form_date(&f, "datum", true);
    e->start_time = form_hm(&f, "start");
    e->end_time = form_hm(&f, "slut");
    if (!form_err(&f, "start") && !form_err(&f, "slut") && *e->start_time && *e->end_time &&
        strcmp(e->end_time, e->start_time) <= 0)
        form_error(&f, "slut", "event.err.end_before_start");
    in.freq = form_text(&f, "upprepning", 20, 0);
    if (!*in.freq) in.freq = "ingen";
    if (!rec_freq_parse(in.freq, &e->rule.freq)) form_error(&f, "upprepning", "event.err.rule_interval");
    in.interval = raw(r, "intervall", "1");
    in.nth = raw(r, "ordning", "");
    in.count = raw(r, "antal", "");
    int64_t v = 1;
    form_int(&f, "intervall", 1, 52, false, 1, &v);
    e->rule.interval = (int)v;
    v = 0;
    form_int(&f, "ordning", -1, 4, false, 0, &v);
    e->rule.nth = (int)v;
    v = 0;
    form_int(&f, "antal", 0, 100000, false, 0, &v);
    e->rule.count = v > EVENT_MAX_OCCURRENCES ? EVENT_MAX_OCCURRENCES + 1 : (int)v;
    in.until = form_date(&f, "till", false);
    e->rule.until = in.until;
    size_t nw = 0;
    const char **wd = form_all(&f, "veckodag", &nw);
    for (size_t i = 0; i < nw; i++)
        if (strlen(wd[i]) == 1 && wd[i][0] >= '0' && wd[i][0] <= '6') {
            e->rule.weekdays |= 1u << (wd[i][0] - '0');
            in.wd[wd[i][0] - '0'] = true;
        }
    /* weekly without weekdays: the first date's weekday */
    int y, mo, d;
    if (e->rule.freq != REC_NONE && !e->rule.weekdays && parse_ymd(in.day, &y, &mo, &d))
        e->rule.weekdays = 1u << ymd_weekday(y, mo, d);
    struct create_ctx c = {&f, &in, {0}, 0, NULL, 0, 0, false};
    in.co = form_all(&f, "medarrangor", &in.nco);
    in.series = form_text(&f, "serie", 100, 0);
    if (*in.series) {
        struct series sr;
        enum db_rc src = store_series_by_slug(r->db, r->a, in.series, &sr);
        if (src == DB_OK) e->series_id = sr.id;
        else if (src == DB_NOTFOUND) form_error(&f, "serie", "event.err.series");
        else return page_fail(r, "event series");
    }
    if (!form_err(&f, "datum") && !form_err(&f, "till") && *in.day) {
        const char *why = recurrence_expand(r->a, &e->rule, in.day, &c.days, &c.ndays);
        if (why) form_error(&f, strstr(why, "until") || strstr(why, "ends_before") || strstr(why, "too_many") ? "till"
                                : strstr(why, "nth") ? "ordning" : strstr(why, "weekdays") ? "veckodag"
                                : strstr(why, "no_end") ? "till" : "datum", why);
    }
    struct event_org *orgs;
    size_t no;
    if (organiser_orgs(r, &orgs, &no) != DB_OK) return page_fail(r, "event orgs");
    for (size_t i = 0; i < no; i++)
        if (strcmp(orgs[i].slug, in.org) == 0) c.orgs[0] = orgs[i].id;
    if (!c.orgs[0] && !form_err(&f, "arrangor")) form_error(&f, "arrangor", "event.err.org");
    c.norgs = c.orgs[0] ? 1 : 0;
    /* co-organisers: any organisation in the directory, once each */
    for (size_t i = 0; i < in.nco && c.norgs < sizeof c.orgs / sizeof c.orgs[0]; i++) {
        struct org *o = NULL;
        enum db_rc orc = store_org_by_slug(r->db, r->a, in.co[i], &o);
        if (orc == DB_NOTFOUND) {
            form_error(&f, "medarrangor", "event.err.org_unknown");
            continue;
        }
        if (orc != DB_OK) return page_fail(r, "event co-organiser");
        bool dup = false;
        for (size_t j = 0; j < c.norgs; j++) dup |= c.orgs[j] == o->id;
        if (!dup) c.orgs[c.norgs++] = o->id;
    }
    if (!no) return page_error(r, 403);
    if (!form_ok(&f)) {
        r->status = 400;
        return ev_form(r, &f, &in, true, "/evenemang/nytt");
    }
    enum db_rc rc = action_run(r, create_action, &c);
    if (rc != DB_OK) return page_not_saved(r, "event create");
    if (c.again) return resp_redirect(r, "/evenemang");
    resp_flash(r, "event.flash.saved");
    resp_redirect(r, arena_printf(r->a, "/evenemang/%lld", (long long)c.id));
}

/* ---- edit ---- */

static struct event *organised(req *r)
{
    struct event *e = load_event(r, r->params[0]);
    if (!e) return NULL;
    if (!can_organise(r, e)) {
        page_error(r, 403);
        return NULL;
    }
    return e;
}

static void h_edit_form(req *r)
{
    struct event *e = organised(r);
    if (!e) return;
    struct form f;
    form_init(&f, r);
    struct ev_input in = {.e = *e};
    in.capacity = arena_printf(r->a, "%lld", (long long)e->capacity);
    in.held = arena_printf(r->a, "%lld", (long long)e->held);
    in.offer = arena_printf(r->a, "%lld", (long long)e->offer_hours);
    in.retention = arena_printf(r->a, "%lld", (long long)e->retention_days);
    ev_form(r, &f, &in, false, arena_printf(r->a, "/evenemang/%lld/redigera", (long long)e->id));
}

struct edit_ctx {
    struct event *e;
    const struct event *old;
    int64_t taken;
};

static enum db_rc edit_action(req *r, void *vctx)
{
    struct edit_ctx *c = vctx;
    enum db_rc rc = store_event_set_capacity(r->db, c->e->id, c->e->capacity, c->e->held, r->now, &c->taken);
    if (rc != DB_OK) return rc;
    if ((rc = store_event_update(r->db, c->e, r->now)) != DB_OK) return rc;
    bool cancelled = c->e->status == EV_CANCELLED && c->old->status != EV_CANCELLED;
    if ((rc = store_audit(r->db, r->now, r->user->id, cancelled ? "evenemang.installa" : "evenemang.andra",
                          arena_printf(r->a, "evenemang:%lld", (long long)c->e->id), "")) != DB_OK)
        return rc;
    /* the whole event cancelled: everyone with a coming place or in a queue is told */
    if (c->e->status == EV_CANCELLED && c->old->status != EV_CANCELLED)
        for (size_t i = 0; i < c->e->nocc; i++)
            if (c->e->occ[i].ends_at > r->now && !c->e->occ[i].cancelled &&
                (rc = events_mail_change(r->db, r->a, c->e, &c->e->occ[i], true, NULL, NULL, NULL, r->now)) != DB_OK)
                return rc;
    /* a raised capacity frees places: offer them at once */
    for (size_t i = 0; i < c->e->nocc; i++)
        if (c->e->occ[i].ends_at > r->now && c->e->occ[i].waiting &&
            (rc = events_fill(r->db, r->a, c->e->occ[i].id, r->now)) != DB_OK)
            return rc;
    return DB_OK;
}

static void h_edit(req *r)
{
    struct event *old = organised(r);
    if (!old) return;
    struct form f;
    form_init(&f, r);
    struct ev_input in = {.e = *old};
    read_common(&f, &in);
    const char *st = form_text(&f, "status", 20, F_REQUIRED);
    if (!event_status_parse(st, &in.e.status)) form_error(&f, "status", "event.err.not_open");
    const char *action = arena_printf(r->a, "/evenemang/%lld/redigera", (long long)old->id);
    if (!form_ok(&f)) {
        r->status = 400;
        return ev_form(r, &f, &in, false, action);
    }
    struct edit_ctx c = {&in.e, old, 0};
    enum db_rc rc = action_run(r, edit_action, &c);
    if (rc == DB_CONFLICT) {
        form_error_arg(&f, "platser", "event.err.capacity_below", fmt_int(r->a, c.taken));
        r->status = 400;
        return ev_form(r, &f, &in, false, action);
    }
    if (rc != DB_OK) return page_not_saved(r, "event edit");
    resp_flash(r, "event.flash.saved");
    resp_redirect(r, arena_printf(r->a, "/evenemang/%lld", (long long)old->id));
}

/* ---- a series (Skåneveckan): coordinators ---- */

static void series_form(req *r, const struct form *f, const struct series *sr)
{
    page_begin(r, T(r, "event.series_new"));
    const char *crumbs[] = {"/evenemang", T(r, "event.calendar"), NULL, T(r, "event.series_new")};
    page_crumbs(r, crumbs, 4);
    html(r, "<h1>%s</h1>\n", T(r, "event.series_new"));
    form_summary(r, f);
    form_open(r, "/evenemang/serie/ny", false);
    form_once_field(r);
    field_input(r, f, &(struct field){.name = "titel", .label = "event.form.title", .value = sr->title, .flags = F_REQUIRED});
    field_textarea(r, f, &(struct field){.name = "beskrivning", .label = "event.form.description",
                                         .hint = "event.form.description_hint", .value = sr->description, .rows = 5});
    field_input(r, f, &(struct field){.name = "fran", .label = "event.series_from", .type = "date", .hint = "form.date_hint",
                                      .value = sr->first_day, .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "till", .label = "event.series_to", .type = "date", .hint = "form.date_hint",
                                      .value = sr->last_day, .flags = F_REQUIRED});
    form_submit(r, "form.save");
    form_close(r);
    page_end(r);
}

static void h_series_form(req *r)
{
    if (!is_coordinator(r)) return page_error(r, 403);
    struct form f;
    form_init(&f, r);
    struct series sr = {.title = "", .description = "", .first_day = "", .last_day = ""};
    series_form(r, &f, &sr);
}

struct series_ctx {
    struct form *f;
    struct series *sr;
    int64_t id;
    bool again;
};

static enum db_rc series_action(req *r, void *vctx)
{
    struct series_ctx *c = vctx;
    enum db_rc rc = form_once_take(c->f, &c->again);
    if (rc != DB_OK || c->again) return rc;
    rc = store_series_create(r->db, c->sr, r->now, &c->id);
    if (rc != DB_OK) return rc;
    return store_audit(r->db, r->now, r->user->id, "evenemang.serie",
                       arena_printf(r->a, "serie:%lld", (long long)c->id), c->sr->slug);
}

static void h_series_new(req *r)
{
    if (!is_coordinator(r)) return page_error(r, 403);
    struct form f;
    form_init(&f, r);
    struct series sr = {0};
    sr.title = form_text(&f, "titel", 200, F_REQUIRED);
    sr.description = form_text(&f, "beskrivning", 20000, F_MULTILINE);
    sr.first_day = form_date(&f, "fran", true);
    sr.last_day = form_date(&f, "till", true);
    form_date_order(&f, "fran", sr.first_day, "till", sr.last_day);
    form_no_pnr(&f, "titel", sr.title);
    form_no_pnr(&f, "beskrivning", sr.description);
    const char *slug = text_slug(r->a, sr.title, 60);
    if (form_ok(&f) && !*slug) form_error(&f, "titel", "event.err.series");
    if (!form_ok(&f)) {
        r->status = 400;
        return series_form(r, &f, &sr);
    }
    /* a taken slug gets a number: one action per try, so a taken one rolls back */
    struct series_ctx c = {&f, &sr, 0, false};
    enum db_rc rc = DB_CONSTRAINT;
    for (int i = 1; i <= 20 && rc == DB_CONSTRAINT; i++) {
        sr.slug = i == 1 ? slug : arena_printf(r->a, "%s-%d", slug, i);
        rc = action_run(r, series_action, &c);
    }
    if (rc != DB_OK) return page_not_saved(r, "series create");
    if (c.again) return resp_redirect(r, "/evenemang");
    resp_flash(r, "event.flash.saved");
    resp_redirect(r, arena_printf(r->a, "/evenemang/serie/%s", sr.slug));
}

static void h_new_form_get(req *r)
{
    page_in_snapshot(r, h_new_form); /* one snapshot of all it reads */
}

const struct route event_form_routes[] = {
    {M_GET, "/evenemang/serie/ny", h_series_form, R_AUTH},
    {M_POST, "/evenemang/serie/ny", h_series_new, R_AUTH},
    {M_GET, "/evenemang/nytt", h_new_form_get, R_AUTH},
    {M_POST, "/evenemang/nytt", h_new, R_AUTH},
    {M_GET, "/evenemang/*/redigera", h_edit_form, R_AUTH},
    {M_POST, "/evenemang/*/redigera", h_edit, R_AUTH},
    {0, NULL, NULL, 0},
};
