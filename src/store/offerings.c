/* Offerings: see store/offerings.h. */
#include <stdlib.h>
#include <string.h>

#include "store/names.h"
#include "store/store.h"
#include "view/markdown.h"

enum db_rc store_target_groups(db *d, arena *a, struct target_group **list, size_t *n)
{
    static const char Q[] = "SELECT id, slug, name FROM target_groups ORDER BY position, name";
    db_stmt *st = db_prepare(d, Q);
    size_t cap = 0;
    *list = NULL;
    *n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct target_group *g = ARENA_PUSH(a, *list, *n, cap);
        g->id = db_col_int(st, 0);
        g->slug = arena_strdup(a, db_col_text(st, 1));
        g->name = arena_strdup(a, db_col_text(st, 2));
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

static void bind_age(db_stmt *st, int idx, int64_t v)
{
    if (v < 0) db_bind_null(st, idx);
    else db_bind_int(st, idx, v);
}

static int bind_offering(db_stmt *st, const struct offering *o)
{
    int k = 1;
    db_bind_int(st, k++, o->org_id);
    db_bind_text(st, k++, o->title);
    db_bind_text(st, k++, o->description ? o->description : "");
    bind_age(st, k++, o->age_min);
    bind_age(st, k++, o->age_max);
    db_bind_text(st, k++, offering_cost_name(o->cost));
    db_bind_text(st, k++, o->cost_note ? o->cost_note : "");
    db_bind_text(st, k++, o->languages ? o->languages : "");
    db_bind_text(st, k++, o->contact ? o->contact : "");
    db_bind_text(st, k++, o->accessibility ? o->accessibility : "");
    db_bind_text(st, k++, o->area ? o->area : "");
    db_bind_int(st, k++, o->online ? 1 : 0);
    db_bind_text(st, k++, offering_status_name(o->status));
    return k;
}

static enum db_rc put_parts(db *d, const struct offering *o, int64_t id)
{
    static const char Q_DG[] = "DELETE FROM offering_groups WHERE offering_id = ?";
    static const char Q_DP[] = "DELETE FROM offering_places WHERE offering_id = ?";
    static const char Q_DH[] = "DELETE FROM offering_hours WHERE offering_id = ?";
    static const char Q_G[] =
        "INSERT INTO offering_groups(offering_id, group_id) VALUES (?, ?) ON CONFLICT DO NOTHING";
    static const char Q_P[] =
        "INSERT INTO offering_places(offering_id, position, name, address) VALUES (?, ?, ?, ?)";
    static const char Q_H[] =
        "INSERT INTO offering_hours(offering_id, weekday, opens, closes) VALUES (?, ?, ?, ?)";
    const char *dels[] = {Q_DG, Q_DP, Q_DH};
    enum db_rc rc = DB_OK;
    for (int i = 0; i < 3 && rc == DB_OK; i++) {
        db_stmt *st = db_prepare(d, dels[i]);
        db_bind_int(st, 1, id);
        rc = db_run(st);
    }
    for (size_t i = 0; rc == DB_OK && i < o->ngroups; i++) {
        db_stmt *st = db_prepare(d, Q_G);
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, o->groups[i].id);
        rc = db_run(st);
    }
    for (size_t i = 0; rc == DB_OK && i < o->nplaces; i++) {
        db_stmt *st = db_prepare(d, Q_P);
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, (int64_t)i);
        db_bind_text(st, 3, o->places[i].name);
        db_bind_text(st, 4, o->places[i].address ? o->places[i].address : "");
        rc = db_run(st);
    }
    for (size_t i = 0; rc == DB_OK && i < o->nhours; i++) {
        db_stmt *st = db_prepare(d, Q_H);
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, o->hours[i].weekday);
        db_bind_text(st, 3, o->hours[i].opens);
        db_bind_text(st, 4, o->hours[i].closes);
        rc = db_run(st);
    }
    return rc;
}

struct off_write {
    const struct offering *o;
    int64_t now, id;
};

static enum db_rc create_tx(db *d, void *ctx)
{
    struct off_write *w = ctx;
    static const char Q[] =
        "INSERT INTO offerings(org_id, title, description, age_min, age_max, cost, cost_note, "
        "languages, contact, accessibility, area, online, status, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
    db_stmt *st = db_prepare(d, Q);
    int k = bind_offering(st, w->o);
    db_bind_int(st, k++, w->now);
    db_bind_int(st, k, w->now);
    enum db_rc rc = db_one_int(st, &w->id);
    if (rc == DB_OK) rc = put_parts(d, w->o, w->id);
    return rc == DB_OK ? search_index_offering(d, w->id) : rc;
}

enum db_rc store_offering_create(db *d, const struct offering *o, int64_t now, int64_t *id)
{
    struct off_write w = {o, now, 0};
    enum db_rc rc = db_tx(d, true, create_tx, &w);
    *id = w.id;
    return rc;
}

static enum db_rc update_tx(db *d, void *ctx)
{
    struct off_write *w = ctx;
    static const char Q[] =
        "UPDATE offerings SET org_id = ?, title = ?, description = ?, age_min = ?, age_max = ?, "
        "cost = ?, cost_note = ?, languages = ?, contact = ?, accessibility = ?, area = ?, "
        "online = ?, status = ?, updated_at = ? WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    int k = bind_offering(st, w->o);
    db_bind_int(st, k++, w->now);
    db_bind_int(st, k, w->id);
    int64_t changed = 0;
    enum db_rc rc = db_run_changes(st, &changed);
    if (rc != DB_OK) return rc;
    if (!changed) return DB_NOTFOUND;
    rc = put_parts(d, w->o, w->id);
    return rc == DB_OK ? search_index_offering(d, w->id) : rc;
}

enum db_rc store_offering_update(db *d, const struct offering *o, int64_t now)
{
    struct off_write w = {o, now, o->id};
    return db_tx(d, true, update_tx, &w);
}

static enum db_rc delete_tx(db *d, void *ctx)
{
    int64_t id = *(int64_t *)ctx;
    static const char Q[] = "DELETE FROM offerings WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, id);
    int64_t changed = 0;
    enum db_rc rc = db_run_changes(st, &changed);
    if (rc != DB_OK) return rc;
    if (!changed) return DB_NOTFOUND;
    return search_drop(d, "utbud", id);
}

enum db_rc store_offering_delete(db *d, int64_t id)
{
    return db_tx(d, true, delete_tx, &id);
}

#define OFF_COLS                                                                            \
    "f.id, f.org_id, o.name, o.slug, f.title, f.description, COALESCE(f.age_min, -1), "     \
    "COALESCE(f.age_max, -1), f.cost, f.cost_note, f.languages, f.contact, f.accessibility, " \
    "f.area, f.online, f.status, f.updated_at"
#define OFF_FROM " FROM offerings f JOIN organisations o ON o.id = f.org_id "

static bool read_offering(db_stmt *st, arena *a, struct offering *f)
{
    f->id = db_col_int(st, 0);
    f->org_id = db_col_int(st, 1);
    f->org_name = arena_strdup(a, db_col_text(st, 2));
    f->org_slug = arena_strdup(a, db_col_text(st, 3));
    f->title = arena_strdup(a, db_col_text(st, 4));
    f->description = arena_strdup(a, db_col_text(st, 5));
    f->age_min = db_col_int(st, 6);
    f->age_max = db_col_int(st, 7);
    int c = offering_cost_from_name(db_col_text(st, 8));
    if (!store_name_known(c, "offerings cost", db_col_text(st, 8))) return false;
    f->cost = (enum offering_cost)c;
    f->cost_note = arena_strdup(a, db_col_text(st, 9));
    f->languages = arena_strdup(a, db_col_text(st, 10));
    f->contact = arena_strdup(a, db_col_text(st, 11));
    f->accessibility = arena_strdup(a, db_col_text(st, 12));
    f->area = arena_strdup(a, db_col_text(st, 13));
    f->online = db_col_int(st, 14) != 0;
    int s = offering_status_from_name(db_col_text(st, 15));
    if (!store_name_known(s, "offerings status", db_col_text(st, 15))) return false;
    f->status = (enum offering_status)s;
    f->updated_at = db_col_int(st, 16);
    return true;
}

static struct offering *by_id(struct offering *list, size_t n, int64_t id)
{
    /* list is short (a page of a catalogue): a scan */
    for (size_t i = 0; i < n; i++)
        if (list[i].id == id) return &list[i];
    return NULL;
}

/* Groups, places and hours of every offering in list, three queries over
 * the ids between the list's smallest and largest. */
static enum db_rc load_parts(db *d, arena *a, struct offering *list, size_t n)
{
    if (!n) return DB_OK;
    int64_t lo = list[0].id, hi = list[0].id;
    for (size_t i = 1; i < n; i++) {
        if (list[i].id < lo) lo = list[i].id;
        if (list[i].id > hi) hi = list[i].id;
    }
    static const char Q_G[] =
        "SELECT og.offering_id, g.id, g.slug, g.name FROM offering_groups og "
        "JOIN target_groups g ON g.id = og.group_id WHERE og.offering_id BETWEEN ? AND ? "
        "ORDER BY og.offering_id, g.position, g.name";
    static const char Q_P[] =
        "SELECT offering_id, name, address FROM offering_places WHERE offering_id BETWEEN ? AND ? "
        "ORDER BY offering_id, position";
    static const char Q_H[] =
        "SELECT offering_id, weekday, opens, closes FROM offering_hours "
        "WHERE offering_id BETWEEN ? AND ? ORDER BY offering_id, weekday, opens";
    size_t *gcap = arena_alloc(a, n * sizeof *gcap), *pcap = arena_alloc(a, n * sizeof *pcap),
           *hcap = arena_alloc(a, n * sizeof *hcap);
    db_stmt *st = db_prepare(d, Q_G);
    db_bind_int(st, 1, lo);
    db_bind_int(st, 2, hi);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct offering *f = by_id(list, n, db_col_int(st, 0));
        if (!f) continue;
        struct target_group *g = ARENA_PUSH(a, f->groups, f->ngroups, gcap[f - list]);
        g->id = db_col_int(st, 1);
        g->slug = arena_strdup(a, db_col_text(st, 2));
        g->name = arena_strdup(a, db_col_text(st, 3));
    }
    db_done(st);
    if (rc != DB_DONE) return rc;
    st = db_prepare(d, Q_P);
    db_bind_int(st, 1, lo);
    db_bind_int(st, 2, hi);
    while ((rc = db_step(st)) == DB_ROW) {
        struct offering *f = by_id(list, n, db_col_int(st, 0));
        if (!f) continue;
        struct place *p = ARENA_PUSH(a, f->places, f->nplaces, pcap[f - list]);
        p->name = arena_strdup(a, db_col_text(st, 1));
        p->address = arena_strdup(a, db_col_text(st, 2));
    }
    db_done(st);
    if (rc != DB_DONE) return rc;
    st = db_prepare(d, Q_H);
    db_bind_int(st, 1, lo);
    db_bind_int(st, 2, hi);
    while ((rc = db_step(st)) == DB_ROW) {
        struct offering *f = by_id(list, n, db_col_int(st, 0));
        if (!f) continue;
        struct opening *h = ARENA_PUSH(a, f->hours, f->nhours, hcap[f - list]);
        h->weekday = (int)db_col_int(st, 1);
        h->opens = arena_strdup(a, db_col_text(st, 2));
        h->closes = arena_strdup(a, db_col_text(st, 3));
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

static enum db_rc get_tx(db *d, arena *a, int64_t id, struct offering **out)
{
    static const char Q[] = "SELECT " OFF_COLS OFF_FROM "WHERE f.id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    struct offering *f = NULL;
    if (rc == DB_ROW) {
        f = arena_alloc(a, sizeof *f);
        rc = read_offering(st, a, f) ? DB_OK : DB_ERR;
    } else if (rc == DB_DONE) {
        rc = DB_NOTFOUND;
    }
    db_done(st);
    if (rc == DB_OK) rc = load_parts(d, a, f, 1);
    *out = f;
    return rc;
}

enum db_rc store_offering_get(db *d, arena *a, int64_t id, struct offering **o)
{
    db_read_begin(d);
    enum db_rc rc = get_tx(d, a, id, o);
    db_read_end(d);
    return rc;
}

enum db_rc store_offerings_list(db *d, arena *a, bool all, const char *group_slug, int64_t org_id,
                                struct offering **list, size_t *n)
{
    static const char Q[] =
        "SELECT " OFF_COLS OFF_FROM
        "WHERE (? = 1 OR f.status = 'publicerad') AND (? = 0 OR f.org_id = ?) "
        "AND (? = '' OR f.id IN (SELECT og.offering_id FROM offering_groups og "
        "JOIN target_groups g ON g.id = og.group_id WHERE g.slug = ?)) "
        "ORDER BY f.title, f.id";
    db_read_begin(d);
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, all ? 1 : 0);
    db_bind_int(st, 2, org_id);
    db_bind_int(st, 3, org_id);
    db_bind_text(st, 4, group_slug ? group_slug : "");
    db_bind_text(st, 5, group_slug ? group_slug : "");
    size_t cap = 0;
    *list = NULL;
    *n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct offering *f = ARENA_PUSH(a, *list, *n, cap);
        if (!read_offering(st, a, f)) {
            rc = DB_ERR;
            break;
        }
    }
    db_done(st);
    if (rc == DB_DONE) rc = load_parts(d, a, *list, *n);
    db_read_end(d);
    return rc;
}

/* ---- the search index ---- */

enum db_rc search_index_offering(db *d, int64_t id)
{
    arena *a = arena_new();
    struct offering *f = NULL;
    enum db_rc rc = get_tx(d, a, id, &f);
    if (rc == DB_NOTFOUND) {
        arena_free(a);
        return search_drop(d, "utbud", id);
    }
    if (rc == DB_OK) {
        const char **facets = arena_alloc(a, (f->ngroups + 5) * sizeof *facets);
        size_t k = 0;
        facets[k++] = arena_printf(a, "org=%s", f->org_name);
        facets[k++] = arena_printf(a, "kostnad=%s", offering_cost_facet(f->cost));
        if (*f->area) facets[k++] = arena_printf(a, "omrade=%s", f->area);
        for (size_t i = 0; i < f->ngroups; i++) facets[k++] = arena_printf(a, "grupp=%s", f->groups[i].name);
        buf b = {0};
        buf_puts(&b, markdown_plain(a, f->description));
        buf_printf(&b, "\n%s", f->org_name);
        for (size_t i = 0; i < f->ngroups; i++) buf_printf(&b, "\n%s", f->groups[i].name);
        for (size_t i = 0; i < f->nplaces; i++)
            buf_printf(&b, "\n%s %s", f->places[i].name, f->places[i].address);
        if (*f->area) buf_printf(&b, "\n%s", f->area);
        if (*f->languages) buf_printf(&b, "\n%s", f->languages);
        struct search_doc sd = {
            .kind = "utbud", .ref = id, .url = arena_printf(a, "/utbud/%lld", (long long)id),
            .title = f->title, .body = arena_strdup(a, buf_cstr(&b)), .updated_at = f->updated_at,
            .facets = facets, .visible = f->status == OFFERING_PUBLISHED,
        };
        buf_free(&b);
        rc = search_put(d, &sd);
    }
    arena_free(a);
    return rc;
}
