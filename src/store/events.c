/* Events, occurrences, series and registrations (store/events.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/names.h"
#include "store/store.h"
#include "util/text.h"
#include "view/format.h"
#include "view/markdown.h"

static const char *const reg_names[REG_STATUS_COUNT] = {"obekraftad", "bekraftad", "vantar", "erbjuden",
                                                        "utgangen"};

const char *reg_status_name(enum reg_status s)
{
    return (unsigned)s < REG_STATUS_COUNT ? reg_names[s] : "";
}

static int reg_status_from_name(const char *s)
{
    for (int i = 0; i < REG_STATUS_COUNT; i++)
        if (strcmp(s, reg_names[i]) == 0) return i;
    return -1;
}

static int ev_status_from_name(const char *s)
{
    enum event_status e;
    return event_status_parse(s, &e) ? (int)e : -1;
}

static void local_unix(const char *day, const char *hm, int64_t *t)
{
    int y = 2000, m = 1, d = 1, h = 0, mi = 0;
    parse_ymd(day, &y, &m, &d);
    parse_hm(hm, &h, &mi);
    *t = stockholm_to_unix(y, m, d, h, mi);
}

/* The columns an organiser describes, title to published, in the order
 * both the INSERT and the UPDATE name them; returns the next parameter. */
static int bind_described(db_stmt *st, const struct event *e)
{
    int k = 1;
    db_bind_text(st, k++, e->title);
    db_bind_text(st, k++, e->description);
    db_bind_text(st, k++, e->theme);
    db_bind_text(st, k++, e->place_name);
    db_bind_text(st, k++, e->place_address);
    db_bind_text(st, k++, e->room);
    db_bind_int(st, k++, e->step_free);
    db_bind_int(st, k++, e->hearing_loop);
    db_bind_int(st, k++, e->quiet_room);
    db_bind_text(st, k++, e->online_url);
    db_bind_int(st, k++, e->online_registered_only);
    db_bind_text(st, k++, e->print_text);
    db_bind_text(st, k++, event_status_name(e->status));
    db_bind_int(st, k++, e->published);
    return k;
}

/* ---- events ---- */

struct create_ctx {
    const struct event *e;
    const int64_t *orgs;
    size_t norgs;
    const char *const *days;
    size_t ndays;
    int64_t now, *id;
};

static enum db_rc create_tx(db *d, void *vctx)
{
    struct create_ctx *c = vctx;
    const struct event *e = c->e;
    static const char Q[] =
        "INSERT INTO events(title, description, theme, place_name, place_address, room, step_free, "
        "hearing_loop, quiet_room, online_url, online_registered_only, print_text, status, published, "
        "series_id, start_day, start_time, end_time, rule_freq, rule_interval, rule_weekdays, rule_nth, "
        "rule_until, rule_count, capacity, held, offer_hours, retention_days, youth, drop_in, created_by, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
    db_stmt *st = db_prepare(d, Q);
    int k = bind_described(st, e);
    if (e->series_id) db_bind_int(st, k++, e->series_id);
    else db_bind_null(st, k++);
    db_bind_text(st, k++, c->days[0]);
    db_bind_text(st, k++, e->start_time);
    db_bind_text(st, k++, e->end_time);
    db_bind_text(st, k++, rec_freq_name(e->rule.freq));
    db_bind_int(st, k++, e->rule.interval < 1 ? 1 : e->rule.interval);
    db_bind_int(st, k++, e->rule.weekdays);
    db_bind_int(st, k++, e->rule.nth);
    db_bind_text(st, k++, e->rule.until ? e->rule.until : "");
    db_bind_int(st, k++, e->rule.count);
    db_bind_int(st, k++, e->capacity);
    db_bind_int(st, k++, e->held);
    db_bind_int(st, k++, e->offer_hours);
    db_bind_int(st, k++, e->retention_days);
    db_bind_int(st, k++, e->youth);
    db_bind_int(st, k++, e->drop_in);
    if (e->created_by) db_bind_int(st, k++, e->created_by);
    else db_bind_null(st, k++);
    db_bind_int(st, k++, c->now);
    db_bind_int(st, k++, c->now);
    enum db_rc rc = db_one_int(st, c->id);
    if (rc != DB_OK) return rc;
    for (size_t i = 0; i < c->norgs; i++) {
        static const char QO[] = "INSERT INTO event_organisers(event_id, org_id) VALUES (?, ?)";
        st = db_prepare(d, QO);
        db_bind_int(st, 1, *c->id);
        db_bind_int(st, 2, c->orgs[i]);
        if ((rc = db_run(st)) != DB_OK) return rc;
    }
    for (size_t i = 0; i < c->ndays; i++) {
        static const char QC[] =
            "INSERT INTO event_occurrences(event_id, rule_day, day, start_time, end_time, starts_at, "
            "ends_at, capacity, held) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        int64_t s, en;
        local_unix(c->days[i], e->start_time, &s);
        local_unix(c->days[i], e->end_time, &en);
        st = db_prepare(d, QC);
        db_bind_int(st, 1, *c->id);
        db_bind_text(st, 2, c->days[i]);
        db_bind_text(st, 3, c->days[i]);
        db_bind_text(st, 4, e->start_time);
        db_bind_text(st, 5, e->end_time);
        db_bind_int(st, 6, s);
        db_bind_int(st, 7, en);
        db_bind_int(st, 8, e->capacity);
        db_bind_int(st, 9, e->held);
        if ((rc = db_run(st)) != DB_OK) return rc;
    }
    return search_index_event(d, *c->id);
}

enum db_rc store_event_create(db *d, const struct event *e, const int64_t *org_ids, size_t norgs,
                              const char *const *days, size_t ndays, int64_t now, int64_t *id)
{
    if (ndays == 0) return DB_CONSTRAINT;
    struct create_ctx c = {e, org_ids, norgs, days, ndays, now, id};
    return db_tx(d, true, create_tx, &c);
}

#define OCC_COLS                                                                                    \
    "o.id, o.event_id, o.rule_day, o.day, o.start_time, o.end_time, o.starts_at, o.ends_at, "      \
    "o.status, o.capacity, o.held, o.confirmed, o.offered, o.waiting, COALESCE(o.attended, -1), "  \
    "o.erased, e.title, e.theme, e.place_name, e.status, e.published, e.drop_in"
#define OCC_FROM " FROM event_occurrences o JOIN events e ON e.id = o.event_id "

static bool read_occ(db_stmt *st, arena *a, struct occurrence *o)
{
    o->id = db_col_int(st, 0);
    o->event_id = db_col_int(st, 1);
    o->rule_day = arena_strdup(a, db_col_text(st, 2));
    o->day = arena_strdup(a, db_col_text(st, 3));
    o->start_time = arena_strdup(a, db_col_text(st, 4));
    o->end_time = arena_strdup(a, db_col_text(st, 5));
    o->starts_at = db_col_int(st, 6);
    o->ends_at = db_col_int(st, 7);
    o->cancelled = strcmp(db_col_text(st, 8), "installd") == 0;
    o->capacity = db_col_int(st, 9);
    o->held = db_col_int(st, 10);
    o->confirmed = db_col_int(st, 11);
    o->offered = db_col_int(st, 12);
    o->waiting = db_col_int(st, 13);
    o->attended = db_col_int(st, 14);
    o->erased = db_col_int(st, 15) != 0;
    o->title = arena_strdup(a, db_col_text(st, 16));
    o->theme = arena_strdup(a, db_col_text(st, 17));
    o->place_name = arena_strdup(a, db_col_text(st, 18));
    int s = ev_status_from_name(db_col_text(st, 19));
    if (!store_name_known(s, "events status", db_col_text(st, 19))) return false;
    o->ev_status = (enum event_status)s;
    o->published = db_col_int(st, 20) != 0;
    o->drop_in = db_col_int(st, 21) != 0;
    return true;
}

static enum db_rc many_occ(db_stmt *st, arena *a, struct occurrence **list, size_t *n)
{
    struct occurrence *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct occurrence *o = ARENA_PUSH(a, items, count, cap);
        if (!read_occ(st, a, o)) {
            rc = DB_ERR;
            break;
        }
    }
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

#define EVENT_COLS                                                                                   \
    "e.id, e.title, e.description, e.theme, e.place_name, e.place_address, e.room, "                  \
    "e.step_free, e.hearing_loop, e.quiet_room, e.online_url, e.online_registered_only, e.print_text, " \
    "e.status, e.published, COALESCE(e.series_id, 0), COALESCE(s.slug, ''), COALESCE(s.title, ''), "  \
    "e.start_day, e.start_time, e.end_time, e.rule_freq, e.rule_interval, e.rule_weekdays, e.rule_nth, " \
    "e.rule_until, e.rule_count, e.capacity, e.held, e.offer_hours, e.retention_days, e.youth, "       \
    "e.drop_in, COALESCE(e.created_by, 0), e.created_at, e.updated_at "
#define EVENT_FROM " FROM events e LEFT JOIN event_series s ON s.id = e.series_id "

/* An event's row (EVENT_COLS) into *e (zeroed first); false on a name
 * this binary does not know (logged). */
static bool read_event(db_stmt *st, arena *a, struct event *e)
{
    memset(e, 0, sizeof *e);
    int k = 0;
    e->id = db_col_int(st, k++);
    e->title = arena_strdup(a, db_col_text(st, k++));
    e->description = arena_strdup(a, db_col_text(st, k++));
    e->theme = arena_strdup(a, db_col_text(st, k++));
    e->place_name = arena_strdup(a, db_col_text(st, k++));
    e->place_address = arena_strdup(a, db_col_text(st, k++));
    e->room = arena_strdup(a, db_col_text(st, k++));
    e->step_free = db_col_int(st, k++) != 0;
    e->hearing_loop = db_col_int(st, k++) != 0;
    e->quiet_room = db_col_int(st, k++) != 0;
    e->online_url = arena_strdup(a, db_col_text(st, k++));
    e->online_registered_only = db_col_int(st, k++) != 0;
    e->print_text = arena_strdup(a, db_col_text(st, k++));
    const char *sname = db_col_text(st, k++);
    int s = ev_status_from_name(sname);
    if (!store_name_known(s, "events status", sname)) return false;
    e->status = (enum event_status)s;
    e->published = db_col_int(st, k++) != 0;
    e->series_id = db_col_int(st, k++);
    e->series_slug = arena_strdup(a, db_col_text(st, k++));
    e->series_title = arena_strdup(a, db_col_text(st, k++));
    e->start_day = arena_strdup(a, db_col_text(st, k++));
    e->start_time = arena_strdup(a, db_col_text(st, k++));
    e->end_time = arena_strdup(a, db_col_text(st, k++));
    const char *fname = db_col_text(st, k++);
    if (!rec_freq_parse(fname, &e->rule.freq)) {
        store_name_known(-1, "events rule_freq", fname);
        return false;
    }
    e->rule.interval = (int)db_col_int(st, k++);
    e->rule.weekdays = (unsigned)db_col_int(st, k++);
    e->rule.nth = (int)db_col_int(st, k++);
    e->rule.until = arena_strdup(a, db_col_text(st, k++));
    e->rule.count = (int)db_col_int(st, k++);
    e->capacity = db_col_int(st, k++);
    e->held = db_col_int(st, k++);
    e->offer_hours = db_col_int(st, k++);
    e->retention_days = db_col_int(st, k++);
    e->youth = db_col_int(st, k++) != 0;
    e->drop_in = db_col_int(st, k++) != 0;
    e->created_by = db_col_int(st, k++);
    e->created_at = db_col_int(st, k++);
    e->updated_at = db_col_int(st, k++);
    return true;
}

struct get_ctx {
    arena *a;
    int64_t id;
    struct event **out;
};

static enum db_rc get_tx(db *d, void *vctx)
{
    struct get_ctx *c = vctx;
    arena *a = c->a;
    static const char Q[] = "SELECT " EVENT_COLS EVENT_FROM "WHERE e.id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, c->id);
    enum db_rc rc = db_step(st);
    if (rc != DB_ROW) {
        db_done(st);
        return rc == DB_DONE ? DB_NOTFOUND : rc;
    }
    struct event *e = arena_alloc(a, sizeof *e);
    if (!read_event(st, a, e)) {
        db_done(st);
        return DB_ERR;
    }
    db_done(st);
    static const char QO[] =
        "SELECT g.id, g.slug, g.name FROM event_organisers eo JOIN organisations g ON g.id = eo.org_id "
        "WHERE eo.event_id = ? ORDER BY g.name_fold";
    st = db_prepare(d, QO);
    db_bind_int(st, 1, c->id);
    size_t cap = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        struct event_org *o = ARENA_PUSH(a, e->orgs, e->norgs, cap);
        o->id = db_col_int(st, 0);
        o->slug = arena_strdup(a, db_col_text(st, 1));
        o->name = arena_strdup(a, db_col_text(st, 2));
    }
    db_done(st);
    if (rc != DB_DONE) return rc;
    static const char QC[] = "SELECT " OCC_COLS OCC_FROM "WHERE o.event_id = ? ORDER BY o.starts_at, o.id";
    st = db_prepare(d, QC);
    db_bind_int(st, 1, c->id);
    if ((rc = many_occ(st, a, &e->occ, &e->nocc)) != DB_OK) return rc;
    *c->out = e;
    return DB_OK;
}

enum db_rc store_event_get(db *d, arena *a, int64_t id, struct event **e)
{
    struct get_ctx c = {a, id, e};
    db_read_begin(d);
    enum db_rc rc = get_tx(d, &c);
    db_read_end(d);
    return rc;
}

struct feed_ctx {
    arena *a;
    const struct occ_filter *f;
    int64_t limit;
    struct event **list;
    size_t *n;
};

static enum db_rc feed_tx(db *d, void *vctx)
{
    struct feed_ctx *c = vctx;
    int64_t series = c->f ? c->f->series_id : 0, org = c->f ? c->f->org_id : 0;
    bool all = c->f && c->f->include_unpublished;
    int64_t after = c->f ? c->f->ends_after : 0;
    /* the events chosen, the same in both queries: the newest that match */
#define FEED_EVENTS                                                                                  \
    "SELECT e.id FROM events e WHERE (e.published = 1 OR ? = 1) AND (? = 0 OR e.series_id = ?) "   \
    "AND (? = 0 OR EXISTS (SELECT 1 FROM event_organisers eo WHERE eo.event_id = e.id AND eo.org_id = ?)) " \
    "AND (? = 0 OR EXISTS (SELECT 1 FROM event_occurrences o2 WHERE o2.event_id = e.id AND o2.ends_at > ?)) " \
    "ORDER BY e.id DESC LIMIT ?"
    static const char Q[] = "SELECT " EVENT_COLS EVENT_FROM "WHERE e.id IN (" FEED_EVENTS ") ORDER BY e.id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, all);
    db_bind_int(st, 2, series);
    db_bind_int(st, 3, series);
    db_bind_int(st, 4, org);
    db_bind_int(st, 5, org);
    db_bind_int(st, 6, after);
    db_bind_int(st, 7, after);
    db_bind_int(st, 8, c->limit);
    struct event *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (!read_event(st, c->a, ARENA_PUSH(c->a, items, count, cap))) {
            rc = DB_ERR;
            break;
        }
    }
    db_done(st);
    if (rc != DB_DONE) return rc;
    /* their occurrences in one query, by event then time: handed out in step
     * with the events (both ordered by event id) */
    static const char QC[] =
        "SELECT " OCC_COLS OCC_FROM "WHERE e.id IN (" FEED_EVENTS ") ORDER BY o.event_id, o.starts_at, o.id";
#undef FEED_EVENTS
    st = db_prepare(d, QC);
    db_bind_int(st, 1, all);
    db_bind_int(st, 2, series);
    db_bind_int(st, 3, series);
    db_bind_int(st, 4, org);
    db_bind_int(st, 5, org);
    db_bind_int(st, 6, after);
    db_bind_int(st, 7, after);
    db_bind_int(st, 8, c->limit);
    struct occurrence *occ = NULL;
    size_t nocc = 0;
    if ((rc = many_occ(st, c->a, &occ, &nocc)) != DB_OK) return rc;
    size_t k = 0;
    for (size_t i = 0; i < count; i++) {
        while (k < nocc && occ[k].event_id < items[i].id) k++;
        size_t from = k;
        while (k < nocc && occ[k].event_id == items[i].id) k++;
        items[i].occ = occ + from;
        items[i].nocc = k - from;
    }
    *c->list = items;
    *c->n = count;
    return DB_OK;
}

enum db_rc store_events_with_occurrences(db *d, arena *a, const struct occ_filter *f, int64_t limit,
                                         struct event **list, size_t *n)
{
    struct feed_ctx c = {a, f, limit, list, n};
    *list = NULL;
    *n = 0;
    if (f && (f->series_id < 0 || f->org_id < 0)) return DB_OK;
    db_read_begin(d);
    enum db_rc rc = feed_tx(d, &c);
    db_read_end(d);
    return rc;
}

enum db_rc store_event_update(db *d, const struct event *e, int64_t now)
{
    static const char Q[] =
        "UPDATE events SET title = ?, description = ?, theme = ?, place_name = ?, place_address = ?, "
        "room = ?, step_free = ?, hearing_loop = ?, quiet_room = ?, online_url = ?, "
        "online_registered_only = ?, print_text = ?, status = ?, published = ?, offer_hours = ?, "
        "retention_days = ?, youth = ?, drop_in = ?, updated_at = ? WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    int k = bind_described(st, e);
    db_bind_int(st, k++, e->offer_hours);
    db_bind_int(st, k++, e->retention_days);
    db_bind_int(st, k++, e->youth);
    db_bind_int(st, k++, e->drop_in);
    db_bind_int(st, k++, now);
    db_bind_int(st, k++, e->id);
    int64_t ch = 0;
    enum db_rc rc = db_run_changes(st, &ch);
    if (rc == DB_OK && !ch) rc = DB_NOTFOUND;
    return rc == DB_OK ? search_index_event(d, e->id) : rc;
}

struct cap_ctx {
    int64_t event_id, capacity, held, now, *max_taken;
};

static enum db_rc cap_tx(db *d, void *vctx)
{
    struct cap_ctx *c = vctx;
    static const char QM[] =
        "SELECT COALESCE(MAX(confirmed + offered), 0) FROM event_occurrences WHERE event_id = ? AND ends_at > ?";
    db_stmt *st = db_prepare(d, QM);
    db_bind_int(st, 1, c->event_id);
    db_bind_int(st, 2, c->now);
    enum db_rc rc = db_one_int(st, c->max_taken);
    if (rc != DB_OK) return rc;
    if (*c->max_taken > c->capacity - c->held) return DB_CONFLICT;
    static const char QU[] =
        "UPDATE event_occurrences SET capacity = ?, held = ? WHERE event_id = ? AND ends_at > ?";
    st = db_prepare(d, QU);
    db_bind_int(st, 1, c->capacity);
    db_bind_int(st, 2, c->held);
    db_bind_int(st, 3, c->event_id);
    db_bind_int(st, 4, c->now);
    if ((rc = db_run(st)) != DB_OK) return rc;
    static const char QE[] = "UPDATE events SET capacity = ?, held = ?, updated_at = ? WHERE id = ?";
    st = db_prepare(d, QE);
    db_bind_int(st, 1, c->capacity);
    db_bind_int(st, 2, c->held);
    db_bind_int(st, 3, c->now);
    db_bind_int(st, 4, c->event_id);
    return db_run(st);
}

enum db_rc store_event_set_capacity(db *d, int64_t event_id, int64_t capacity, int64_t held,
                                    int64_t now, int64_t *max_taken)
{
    struct cap_ctx c = {event_id, capacity, held, now, max_taken};
    return db_tx(d, true, cap_tx, &c);
}

enum db_rc store_occurrences_between(db *d, arena *a, const struct occ_filter *f, int64_t from,
                                     int64_t to, int64_t limit, struct occurrence **list, size_t *n)
{
    /* an organiser is followed from its own rows (event_organisers), so a
     * filter walks that organiser's events, not every occurrence in range */
    static const char Q[] =
        "SELECT " OCC_COLS OCC_FROM
        "WHERE o.starts_at >= ? AND o.starts_at < ? AND (e.published = 1 OR ? = 1) "
        "AND (? = 0 OR e.series_id = ?) AND (? = '' OR e.theme = ?) "
        "ORDER BY o.starts_at, o.id LIMIT ?";
    static const char QO[] =
        "SELECT " OCC_COLS " FROM event_organisers eo JOIN events e ON e.id = eo.event_id "
        "JOIN event_occurrences o ON o.event_id = e.id "
        "WHERE eo.org_id = ? AND o.starts_at >= ? AND o.starts_at < ? AND (e.published = 1 OR ? = 1) "
        "AND (? = 0 OR e.series_id = ?) AND (? = '' OR e.theme = ?) "
        "ORDER BY o.starts_at, o.id LIMIT ?";
    const char *theme = f && f->theme ? f->theme : "";
    int64_t series = f ? f->series_id : 0, org = f ? f->org_id : 0;
    *list = NULL;
    *n = 0;
    if (series < 0 || org < 0) return DB_OK; /* an unknown organiser or series: nothing */
    db_stmt *st = db_prepare(d, org ? QO : Q);
    int k = 1;
    if (org) db_bind_int(st, k++, org);
    db_bind_int(st, k++, from);
    db_bind_int(st, k++, to);
    db_bind_int(st, k++, f && f->include_unpublished);
    db_bind_int(st, k++, series);
    db_bind_int(st, k++, series);
    db_bind_text(st, k++, theme);
    db_bind_text(st, k++, theme);
    db_bind_int(st, k++, limit);
    return many_occ(st, a, list, n);
}


enum db_rc store_event_drafts(db *d, arena *a, int64_t user_id, bool all, struct event **list, size_t *n)
{
    static const char Q[] =
        "SELECT e.id, e.title, e.start_day FROM events e WHERE e.published = 0 AND (? = 1 OR EXISTS (SELECT 1 FROM "
        "event_organisers eo JOIN org_representatives rp ON rp.org_id = eo.org_id WHERE eo.event_id = e.id "
        "AND rp.user_id = ?)) ORDER BY e.id DESC LIMIT 50";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, all);
    db_bind_int(st, 2, user_id);
    struct event *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct event *e = ARENA_PUSH(a, items, count, cap);
        memset(e, 0, sizeof *e);
        e->id = db_col_int(st, 0);
        e->title = arena_strdup(a, db_col_text(st, 1));
        e->start_day = arena_strdup(a, db_col_text(st, 2));
    }
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_occurrence_get(db *d, arena *a, int64_t id, struct occurrence *o)
{
    static const char Q[] = "SELECT " OCC_COLS OCC_FROM "WHERE o.id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) rc = read_occ(st, a, o) ? DB_OK : DB_ERR;
    else if (rc == DB_DONE) rc = DB_NOTFOUND;
    db_done(st);
    return rc;
}

enum db_rc store_occurrence_cancel(db *d, int64_t id)
{
    static const char Q[] = "UPDATE event_occurrences SET status = 'installd' WHERE id = ? AND status = 'planerad'";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, id);
    int64_t ch = 0;
    enum db_rc rc = db_run_changes(st, &ch);
    return rc != DB_OK ? rc : ch ? DB_OK : DB_CONFLICT;
}

enum db_rc store_occurrence_move(db *d, int64_t id, const char *day, const char *start, const char *end)
{
    static const char Q[] =
        "UPDATE event_occurrences SET day = ?, start_time = ?, end_time = ?, starts_at = ?, ends_at = ? "
        "WHERE id = ? AND status = 'planerad'";
    int64_t s = 0, e = 0;
    local_unix(day, start, &s);
    local_unix(day, end, &e);
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, day);
    db_bind_text(st, 2, start);
    db_bind_text(st, 3, end);
    db_bind_int(st, 4, s);
    db_bind_int(st, 5, e);
    db_bind_int(st, 6, id);
    int64_t ch = 0;
    enum db_rc rc = db_run_changes(st, &ch);
    return rc != DB_OK ? rc : ch ? DB_OK : DB_CONFLICT;
}

enum db_rc store_occurrence_attended(db *d, int64_t id, int64_t count)
{
    static const char Q[] = "UPDATE event_occurrences SET attended = ? WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, count);
    db_bind_int(st, 2, id);
    int64_t ch = 0;
    enum db_rc rc = db_run_changes(st, &ch);
    return rc != DB_OK ? rc : ch ? DB_OK : DB_NOTFOUND;
}

/* ---- series and organisers ---- */

enum db_rc store_series_create(db *d, const struct series *s, int64_t now, int64_t *id)
{
    static const char Q[] =
        "INSERT INTO event_series(slug, title, description, first_day, last_day, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, s->slug);
    db_bind_text(st, 2, s->title);
    db_bind_text(st, 3, s->description);
    db_bind_text(st, 4, s->first_day);
    db_bind_text(st, 5, s->last_day);
    db_bind_int(st, 6, now);
    return db_one_int(st, id);
}

static void read_series(db_stmt *st, arena *a, struct series *s)
{
    s->id = db_col_int(st, 0);
    s->slug = arena_strdup(a, db_col_text(st, 1));
    s->title = arena_strdup(a, db_col_text(st, 2));
    s->description = arena_strdup(a, db_col_text(st, 3));
    s->first_day = arena_strdup(a, db_col_text(st, 4));
    s->last_day = arena_strdup(a, db_col_text(st, 5));
}

enum db_rc store_series_by_slug(db *d, arena *a, const char *slug, struct series *s)
{
    static const char Q[] =
        "SELECT id, slug, title, description, first_day, last_day FROM event_series WHERE slug = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, slug);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        read_series(st, a, s);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_NOTFOUND;
    }
    db_done(st);
    return rc;
}

enum db_rc store_series_all(db *d, arena *a, struct series **list, size_t *n)
{
    static const char Q[] =
        "SELECT id, slug, title, description, first_day, last_day FROM event_series ORDER BY first_day, id";
    db_stmt *st = db_prepare(d, Q);
    struct series *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) read_series(st, a, ARENA_PUSH(a, items, count, cap));
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_event_orgs(db *d, arena *a, struct event_org **list, size_t *n)
{
    static const char Q[] =
        "SELECT g.id, g.slug, g.name FROM organisations g WHERE EXISTS (SELECT 1 FROM event_organisers eo "
        "JOIN events e ON e.id = eo.event_id WHERE eo.org_id = g.id AND e.published = 1) ORDER BY g.name_fold";
    db_stmt *st = db_prepare(d, Q);
    struct event_org *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct event_org *o = ARENA_PUSH(a, items, count, cap);
        o->id = db_col_int(st, 0);
        o->slug = arena_strdup(a, db_col_text(st, 1));
        o->name = arena_strdup(a, db_col_text(st, 2));
    }
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

/* ---- registrations ---- */

static char *fold_email(arena *a, const char *email)
{
    char *s = arena_strdup(a, email);
    for (char *p = s; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
    return s;
}

enum db_rc store_registration_add(db *d, const struct registration *g, const char *token_hash,
                                  int64_t now, int64_t *id)
{
    static const char Q[] =
        "INSERT INTO event_registrations(occurrence_id, user_id, name, email, email_fold, needs, birth_year, "
        "status, token_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'obekraftad', ?, ?, ?) "
        "ON CONFLICT (occurrence_id, email_fold) DO NOTHING RETURNING id";
    arena *a = arena_new();
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, g->occurrence_id);
    if (g->user_id) db_bind_int(st, 2, g->user_id);
    else db_bind_null(st, 2);
    db_bind_text(st, 3, g->name);
    db_bind_text(st, 4, g->email);
    db_bind_text(st, 5, fold_email(a, g->email));
    db_bind_text(st, 6, g->needs ? g->needs : "");
    db_bind_int(st, 7, g->birth_year);
    db_bind_text(st, 8, token_hash);
    db_bind_int(st, 9, now);
    db_bind_int(st, 10, now);
    enum db_rc rc = db_one_int(st, id);
    arena_free(a);
    return rc == DB_NOTFOUND ? DB_CONSTRAINT : rc;
}

#define REG_COLS                                                                                      \
    "r.id, r.occurrence_id, COALESCE(r.user_id, 0), r.name, r.email, r.needs, r.birth_year, r.status, " \
    "r.offer_until, r.attended, r.created_at, "                                                         \
    "CASE WHEN r.status = 'vantar' THEN (SELECT COUNT(*) FROM event_registrations q WHERE "             \
    "q.occurrence_id = r.occurrence_id AND q.status = 'vantar' AND q.id <= r.id) ELSE 0 END"

static bool read_reg(db_stmt *st, arena *a, struct registration *g)
{
    g->id = db_col_int(st, 0);
    g->occurrence_id = db_col_int(st, 1);
    g->user_id = db_col_int(st, 2);
    g->name = arena_strdup(a, db_col_text(st, 3));
    g->email = arena_strdup(a, db_col_text(st, 4));
    g->needs = arena_strdup(a, db_col_text(st, 5));
    g->birth_year = db_col_int(st, 6);
    int s = reg_status_from_name(db_col_text(st, 7));
    if (!store_name_known(s, "event_registrations status", db_col_text(st, 7))) return false;
    g->status = (enum reg_status)s;
    g->offer_until = db_col_int(st, 8);
    g->attended = db_col_int(st, 9) != 0;
    g->created_at = db_col_int(st, 10);
    g->position = db_col_int(st, 11);
    return true;
}

static enum db_rc one_reg(db_stmt *st, arena *a, struct registration *g)
{
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) rc = read_reg(st, a, g) ? DB_OK : DB_ERR;
    else if (rc == DB_DONE) rc = DB_NOTFOUND;
    db_done(st);
    return rc;
}

enum db_rc store_registration_retoken(db *d, arena *a, int64_t occurrence_id, const char *email,
                                      const char *token_hash, int64_t now, struct registration *g)
{
    static const char Q[] =
        "UPDATE event_registrations SET token_hash = ?, updated_at = ? WHERE occurrence_id = ? "
        "AND email_fold = ? RETURNING id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, token_hash);
    db_bind_int(st, 2, now);
    db_bind_int(st, 3, occurrence_id);
    db_bind_text(st, 4, fold_email(a, email));
    int64_t id;
    enum db_rc rc = db_one_int(st, &id);
    if (rc != DB_OK) return rc;
    static const char QG[] = "SELECT " REG_COLS " FROM event_registrations r WHERE r.id = ?";
    st = db_prepare(d, QG);
    db_bind_int(st, 1, id);
    return one_reg(st, a, g);
}

enum db_rc store_registration_by_token(db *d, arena *a, const char *token_hash,
                                       struct registration *g)
{
    static const char Q[] = "SELECT " REG_COLS " FROM event_registrations r WHERE r.token_hash = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, token_hash);
    return one_reg(st, a, g);
}

enum db_rc store_registration_by_offer(db *d, arena *a, const char *offer_hash,
                                       struct registration *g)
{
    static const char Q[] = "SELECT " REG_COLS " FROM event_registrations r WHERE r.offer_hash = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, offer_hash);
    return one_reg(st, a, g);
}

static enum db_rc reg_status_of(db *d, int64_t reg_id, int64_t *occ, enum reg_status *s)
{
    static const char Q[] = "SELECT occurrence_id, status FROM event_registrations WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, reg_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *occ = db_col_int(st, 0);
        int k = reg_status_from_name(db_col_text(st, 1));
        rc = store_name_known(k, "event_registrations status", db_col_text(st, 1)) ? DB_OK : DB_ERR;
        if (k >= 0) *s = (enum reg_status)k;
    } else if (rc == DB_DONE) {
        rc = DB_NOTFOUND;
    }
    db_done(st);
    return rc;
}

static enum db_rc reg_move(db *d, int64_t reg_id, enum reg_status from, enum reg_status to, int64_t now,
                           bool *moved)
{
    static const char Q[] =
        "UPDATE event_registrations SET status = ?, updated_at = ? WHERE id = ? AND status = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, reg_status_name(to));
    db_bind_int(st, 2, now);
    db_bind_int(st, 3, reg_id);
    db_bind_text(st, 4, reg_status_name(from));
    int64_t ch = 0;
    enum db_rc rc = db_run_changes(st, &ch);
    *moved = ch == 1;
    return rc;
}

struct confirm_ctx {
    int64_t reg_id, now;
    enum reg_status *status;
};

static enum db_rc confirm_tx(db *d, void *vctx)
{
    struct confirm_ctx *c = vctx;
    int64_t occ = 0;
    enum db_rc rc = reg_status_of(d, c->reg_id, &occ, c->status);
    if (rc != DB_OK || *c->status != REG_UNCONFIRMED) return rc;
    /* a free place, and nobody before in the queue */
    static const char QT[] =
        "UPDATE event_occurrences SET confirmed = confirmed + 1 WHERE id = ? "
        "AND confirmed + offered + held < capacity AND waiting = 0";
    db_stmt *st = db_prepare(d, QT);
    db_bind_int(st, 1, occ);
    int64_t ch = 0;
    if ((rc = db_run_changes(st, &ch)) != DB_OK) return rc;
    if (!ch) {
        static const char QW[] = "UPDATE event_occurrences SET waiting = waiting + 1 WHERE id = ?";
        st = db_prepare(d, QW);
        db_bind_int(st, 1, occ);
        if ((rc = db_run(st)) != DB_OK) return rc;
    }
    enum reg_status to = ch ? REG_CONFIRMED : REG_WAITING;
    bool moved = false;
    if ((rc = reg_move(d, c->reg_id, REG_UNCONFIRMED, to, c->now, &moved)) != DB_OK) return rc;
    if (!moved) return DB_CONFLICT; /* changed under us: roll back the count */
    *c->status = to;
    return DB_OK;
}

enum db_rc store_registration_confirm(db *d, int64_t reg_id, int64_t now, enum reg_status *status)
{
    struct confirm_ctx c = {reg_id, now, status};
    return db_tx(d, true, confirm_tx, &c);
}

struct cancel_ctx {
    int64_t reg_id;
};

static enum db_rc cancel_tx(db *d, void *vctx)
{
    struct cancel_ctx *c = vctx;
    int64_t occ = 0;
    enum reg_status s;
    enum db_rc rc = reg_status_of(d, c->reg_id, &occ, &s);
    if (rc != DB_OK) return rc;
    static const char QD[] = "DELETE FROM event_registrations WHERE id = ? AND status = ?";
    db_stmt *st = db_prepare(d, QD);
    db_bind_int(st, 1, c->reg_id);
    db_bind_text(st, 2, reg_status_name(s));
    int64_t ch = 0;
    if ((rc = db_run_changes(st, &ch)) != DB_OK) return rc;
    if (!ch) return DB_CONFLICT;
    /* one of three fixed statements, each a literal cached by address */
    switch (s) {
    case REG_CONFIRMED: {
        static const char Q[] = "UPDATE event_occurrences SET confirmed = confirmed - 1 WHERE id = ?";
        st = db_prepare(d, Q);
        break;
    }
    case REG_OFFERED: {
        static const char Q[] = "UPDATE event_occurrences SET offered = offered - 1 WHERE id = ?";
        st = db_prepare(d, Q);
        break;
    }
    case REG_WAITING: {
        static const char Q[] = "UPDATE event_occurrences SET waiting = waiting - 1 WHERE id = ?";
        st = db_prepare(d, Q);
        break;
    }
    default: return DB_OK;
    }
    db_bind_int(st, 1, occ);
    return db_run(st);
}

enum db_rc store_registration_cancel(db *d, int64_t reg_id)
{
    struct cancel_ctx c = {reg_id};
    return db_tx(d, true, cancel_tx, &c);
}

struct accept_ctx {
    int64_t reg_id, now;
};

static enum db_rc accept_tx(db *d, void *vctx)
{
    struct accept_ctx *c = vctx;
    static const char Q[] =
        "UPDATE event_registrations SET status = 'bekraftad', updated_at = ? "
        "WHERE id = ? AND status = 'erbjuden' AND offer_until > ? RETURNING occurrence_id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, c->now);
    db_bind_int(st, 2, c->reg_id);
    db_bind_int(st, 3, c->now);
    int64_t occ = 0;
    enum db_rc rc = db_one_int(st, &occ);
    if (rc == DB_NOTFOUND) return DB_CONFLICT;
    if (rc != DB_OK) return rc;
    /* the place was held for the offer: it moves from offered to confirmed */
    static const char QO[] =
        "UPDATE event_occurrences SET offered = offered - 1, confirmed = confirmed + 1 WHERE id = ? AND offered > 0";
    st = db_prepare(d, QO);
    db_bind_int(st, 1, occ);
    int64_t ch = 0;
    if ((rc = db_run_changes(st, &ch)) != DB_OK) return rc;
    return ch ? DB_OK : DB_ERR;
}

enum db_rc store_offer_accept(db *d, int64_t reg_id, int64_t now)
{
    struct accept_ctx c = {reg_id, now};
    return db_tx(d, true, accept_tx, &c);
}

struct offer_ctx {
    arena *a;
    int64_t occ;
    const char *hash;
    int64_t until, now;
    bool *made;
    struct registration *g;
};

static enum db_rc offer_tx(db *d, void *vctx)
{
    struct offer_ctx *c = vctx;
    *c->made = false;
    static const char QT[] =
        "UPDATE event_occurrences SET offered = offered + 1, waiting = waiting - 1 WHERE id = ? "
        "AND confirmed + offered + held < capacity AND waiting > 0 AND status = 'planerad' AND starts_at > ?";
    db_stmt *st = db_prepare(d, QT);
    db_bind_int(st, 1, c->occ);
    db_bind_int(st, 2, c->now);
    int64_t ch = 0;
    enum db_rc rc = db_run_changes(st, &ch);
    if (rc != DB_OK || !ch) return rc;
    static const char QF[] =
        "SELECT id FROM event_registrations WHERE occurrence_id = ? AND status = 'vantar' ORDER BY id LIMIT 1";
    st = db_prepare(d, QF);
    db_bind_int(st, 1, c->occ);
    int64_t id = 0;
    if ((rc = db_one_int(st, &id)) != DB_OK) return rc == DB_NOTFOUND ? DB_ERR : rc; /* waiting > 0 */
    static const char QO[] =
        "UPDATE event_registrations SET status = 'erbjuden', offer_hash = ?, offer_until = ?, updated_at = ? "
        "WHERE id = ? AND status = 'vantar'";
    st = db_prepare(d, QO);
    db_bind_text(st, 1, c->hash);
    db_bind_int(st, 2, c->until);
    db_bind_int(st, 3, c->now);
    db_bind_int(st, 4, id);
    if ((rc = db_run_changes(st, &ch)) != DB_OK) return rc;
    if (!ch) return DB_ERR;
    static const char QG[] = "SELECT " REG_COLS " FROM event_registrations r WHERE r.id = ?";
    st = db_prepare(d, QG);
    db_bind_int(st, 1, id);
    if ((rc = one_reg(st, c->a, c->g)) != DB_OK) return rc;
    *c->made = true;
    return DB_OK;
}

enum db_rc store_offer_next(db *d, arena *a, int64_t occurrence_id, const char *offer_hash,
                            int64_t until, int64_t now, bool *made, struct registration *g)
{
    struct offer_ctx c = {a, occurrence_id, offer_hash, until, now, made, g};
    return db_tx(d, true, offer_tx, &c);
}

static enum db_rc ids(db_stmt *st, arena *a, int64_t **list, size_t *n)
{
    int64_t *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) *ARENA_PUSH(a, items, count, cap) = db_col_int(st, 0);
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

struct expire_ctx {
    arena *a;
    int64_t now, limit;
    int64_t **occ;
    size_t *n;
};

static enum db_rc expire_tx(db *d, void *vctx)
{
    struct expire_ctx *c = vctx;
    static const char QS[] =
        "SELECT id FROM event_registrations WHERE status = 'erbjuden' AND offer_until <= ? ORDER BY id LIMIT ?";
    db_stmt *st = db_prepare(d, QS);
    db_bind_int(st, 1, c->now);
    db_bind_int(st, 2, c->limit);
    int64_t *regs;
    size_t nr;
    enum db_rc rc = ids(st, c->a, &regs, &nr);
    if (rc != DB_OK) return rc;
    int64_t *occ = NULL;
    size_t count = 0, cap = 0;
    for (size_t i = 0; i < nr; i++) {
        /* claimed by the conditional update: a second process finds it expired */
        static const char QE[] =
            "UPDATE event_registrations SET status = 'utgangen', updated_at = ? "
            "WHERE id = ? AND status = 'erbjuden' AND offer_until <= ? RETURNING occurrence_id";
        st = db_prepare(d, QE);
        db_bind_int(st, 1, c->now);
        db_bind_int(st, 2, regs[i]);
        db_bind_int(st, 3, c->now);
        int64_t o = 0;
        rc = db_one_int(st, &o);
        if (rc == DB_NOTFOUND) continue;
        if (rc != DB_OK) return rc;
        static const char QO[] = "UPDATE event_occurrences SET offered = offered - 1 WHERE id = ?";
        st = db_prepare(d, QO);
        db_bind_int(st, 1, o);
        if ((rc = db_run(st)) != DB_OK) return rc;
        *ARENA_PUSH(c->a, occ, count, cap) = o;
    }
    *c->occ = occ;
    *c->n = count;
    return DB_OK;
}

enum db_rc store_offers_expire(db *d, arena *a, int64_t now, int64_t limit, int64_t **occ, size_t *n)
{
    struct expire_ctx c = {a, now, limit, occ, n};
    return db_tx(d, true, expire_tx, &c);
}

enum db_rc store_occurrences_to_offer(db *d, arena *a, int64_t now, int64_t limit, int64_t **occ,
                                      size_t *n)
{
    static const char Q[] =
        "SELECT id FROM event_occurrences WHERE waiting > 0 AND confirmed + offered + held < capacity "
        "AND status = 'planerad' AND starts_at > ? ORDER BY starts_at LIMIT ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, now);
    db_bind_int(st, 2, limit);
    return ids(st, a, occ, n);
}

enum db_rc store_registrations_of(db *d, arena *a, int64_t occurrence_id, struct registration **list,
                                  size_t *n)
{
    static const char Q[] =
        "SELECT " REG_COLS " FROM event_registrations r WHERE r.occurrence_id = ? ORDER BY "
        "CASE r.status WHEN 'bekraftad' THEN 0 WHEN 'erbjuden' THEN 1 WHEN 'vantar' THEN 2 "
        "WHEN 'obekraftad' THEN 3 ELSE 4 END, r.id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, occurrence_id);
    struct registration *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (!read_reg(st, a, ARENA_PUSH(a, items, count, cap))) {
            rc = DB_ERR;
            break;
        }
    }
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

struct attend_ctx {
    int64_t occ;
    const int64_t *ids;
    size_t n;
};

static enum db_rc attend_tx(db *d, void *vctx)
{
    struct attend_ctx *c = vctx;
    static const char QC[] = "UPDATE event_registrations SET attended = 0 WHERE occurrence_id = ?";
    db_stmt *st = db_prepare(d, QC);
    db_bind_int(st, 1, c->occ);
    enum db_rc rc = db_run(st);
    if (rc != DB_OK) return rc;
    int64_t count = 0;
    for (size_t i = 0; i < c->n; i++) {
        static const char QS[] =
            "UPDATE event_registrations SET attended = 1 WHERE id = ? AND occurrence_id = ? AND status = 'bekraftad'";
        st = db_prepare(d, QS);
        db_bind_int(st, 1, c->ids[i]);
        db_bind_int(st, 2, c->occ);
        int64_t ch = 0;
        if ((rc = db_run_changes(st, &ch)) != DB_OK) return rc;
        count += ch;
    }
    return store_occurrence_attended(d, c->occ, count);
}

enum db_rc store_attendance_save(db *d, int64_t occurrence_id, const int64_t *list, size_t n)
{
    struct attend_ctx c = {occurrence_id, list, n};
    return db_tx(d, true, attend_tx, &c);
}

struct erase_ctx {
    int64_t now, *erased;
};

/* Before the registrations of due occurrences go: how many young people
 * were present at each occurrence of an event for young people (confirmed,
 * ticked present, YOUTH_MIN_AGE–YOUTH_MAX_AGE in the occurrence's year by
 * youth_age_ok, as the statistics count them), kept in youth_present so
 * the statistics' "evenemang" source still counts them (one registration
 * per address and occurrence, so a row is a person here; across
 * occurrences they cannot be matched any more). */
static enum db_rc keep_youth_present(db *d, int64_t now)
{
    static const char Q[] =
        "SELECT o.id, o.day, COALESCE(r.birth_year, 0) FROM event_occurrences o JOIN events e ON e.id = o.event_id "
        "LEFT JOIN event_registrations r ON r.occurrence_id = o.id AND r.status = 'bekraftad' AND r.attended = 1 "
        "WHERE o.erased = 0 AND e.youth = 1 AND o.ends_at + e.retention_days * 86400 <= ? ORDER BY o.id";
    struct kept {
        int64_t occ, n;
    } *list = NULL;
    size_t n = 0, cap = 0;
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, now);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t occ = db_col_int(st, 0);
        if (!n || list[n - 1].occ != occ) {
            if (n == cap) {
                cap = cap ? cap * 2 : 16;
                list = xrealloc(list, cap * sizeof *list);
            }
            list[n++] = (struct kept){occ, 0};
        }
        const char *day = db_col_text(st, 1);
        int64_t born = db_col_int(st, 2);
        if (born > 0 && strlen(day) >= 4 && youth_age_ok(born, atoi(day))) list[n - 1].n++;
    }
    db_done(st);
    if (rc == DB_DONE) rc = DB_OK;
    for (size_t i = 0; rc == DB_OK && i < n; i++) {
        static const char QU[] = "UPDATE event_occurrences SET youth_present = ? WHERE id = ?";
        st = db_prepare(d, QU);
        db_bind_int(st, 1, list[i].n);
        db_bind_int(st, 2, list[i].occ);
        rc = db_run(st);
    }
    free(list);
    return rc;
}

static enum db_rc erase_tx(db *d, void *vctx)
{
    struct erase_ctx *c = vctx;
    enum db_rc rc = keep_youth_present(d, c->now);
    if (rc != DB_OK) return rc;
    static const char QD[] =
        "DELETE FROM event_registrations WHERE occurrence_id IN (SELECT o.id FROM event_occurrences o "
        "JOIN events e ON e.id = o.event_id WHERE o.erased = 0 AND o.ends_at + e.retention_days * 86400 <= ?)";
    db_stmt *st = db_prepare(d, QD);
    db_bind_int(st, 1, c->now);
    rc = db_run(st);
    if (rc != DB_OK) return rc;
    /* what was waiting or offered is no longer anyone's: the counts of
     * places stay (confirmed, attended) */
    static const char QU[] =
        "UPDATE event_occurrences SET erased = 1, waiting = 0, offered = 0 WHERE erased = 0 AND ends_at + "
        "(SELECT e.retention_days FROM events e WHERE e.id = event_occurrences.event_id) * 86400 <= ?";
    st = db_prepare(d, QU);
    db_bind_int(st, 1, c->now);
    return db_run_changes(st, c->erased);
}

enum db_rc store_events_erase_due(db *d, int64_t now, int64_t *erased)
{
    struct erase_ctx c = {now, erased};
    return db_tx(d, true, erase_tx, &c);
}

/* ---- the search index ---- */

/* A published event is found by its title, description, theme, place,
 * organisers and series; a draft never.  A cancelled event stays findable
 * (people who heard of it should learn that it is off): its hit's title
 * says "Inställt".  Organisers are the org facet.  Registrations and the
 * print text are never indexed. */
enum db_rc search_index_event(db *d, int64_t id)
{
    arena *a = arena_new();
    struct event *e = NULL;
    struct get_ctx g = {a, id, &e};
    enum db_rc rc = get_tx(d, &g);
    if (rc == DB_NOTFOUND) {
        arena_free(a);
        return search_drop(d, "evenemang", id);
    }
    if (rc == DB_OK) {
        const char **facets = arena_alloc(a, (e->norgs + 1) * sizeof *facets);
        buf b = {0};
        buf_puts(&b, markdown_plain(a, e->description));
        if (*e->theme) buf_printf(&b, "\n%s", e->theme);
        if (*e->series_title) buf_printf(&b, "\n%s", e->series_title);
        buf_printf(&b, "\n%s %s %s", e->place_name, e->place_address, e->room);
        for (size_t i = 0; i < e->norgs; i++) {
            facets[i] = arena_printf(a, "org=%s", e->orgs[i].name);
            buf_printf(&b, "\n%s", e->orgs[i].name);
        }
        facets[e->norgs] = NULL;
        struct search_doc sd = {
            .kind = "evenemang", .ref = id, .url = arena_printf(a, "/evenemang/%lld", (long long)id),
            .title = e->status == EV_CANCELLED ? arena_printf(a, "Inställt: %s", e->title) : e->title,
            .body = arena_strdup(a, buf_cstr(&b)), .updated_at = e->updated_at, .facets = facets,
            .visible = e->published,
        };
        buf_free(&b);
        rc = search_put(d, &sd);
    }
    arena_free(a);
    return rc;
}
