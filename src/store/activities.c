/* Activities: what the group hears about, with responsible organisations,
 * participant counts (ranges), report, results, feedback and next steps. */
#include "store/rows.h"
#include "store/names.h"
#include "store/store.h"

#define ACT_COLS                                                                             \
    "id, title, COALESCE(idea_id, 0), status, presenter, start_date, end_date, "           \
    "COALESCE(total_min, -1), COALESCE(total_max, -1), COALESCE(youth_min, -1), "          \
    "COALESCE(youth_max, -1), report, results, feedback, feedback_date, next_steps, updated_at"

static bool read_activity(db_stmt *st, arena *a, struct activity *x)
{
    x->id = db_col_int(st, 0);
    x->title = arena_strdup(a, db_col_text(st, 1));
    x->idea_id = db_col_int(st, 2);
    int s = activity_status_from_name(db_col_text(st, 3));
    if (!store_name_known(s, "activities status", db_col_text(st, 3))) return false;
    x->status = (enum activity_status)s;
    x->presenter = arena_strdup(a, db_col_text(st, 4));
    x->start_date = arena_strdup(a, db_col_text(st, 5));
    x->end_date = arena_strdup(a, db_col_text(st, 6));
    x->total = (struct count_range){db_col_int(st, 7), db_col_int(st, 8)};
    x->youth = (struct count_range){db_col_int(st, 9), db_col_int(st, 10)};
    x->report = arena_strdup(a, db_col_text(st, 11));
    x->results = arena_strdup(a, db_col_text(st, 12));
    x->feedback = arena_strdup(a, db_col_text(st, 13));
    x->feedback_date = arena_strdup(a, db_col_text(st, 14));
    x->next_steps = arena_strdup(a, db_col_text(st, 15));
    x->updated_at = db_col_int(st, 16);
    return true;
}

static void bind_range(db_stmt *st, int idx, struct count_range r)
{
    if (r.min < 0) {
        db_bind_null(st, idx);
        db_bind_null(st, idx + 1);
    } else {
        db_bind_int(st, idx, r.min);
        db_bind_int(st, idx + 1, r.max);
    }
}

/* Binds the columns shared by INSERT and UPDATE, from index 1; returns the
 * next index. */
static int bind_activity(db_stmt *st, const struct activity *x)
{
    db_bind_text(st, 1, x->title);
    db_bind_text(st, 2, activity_status_name(x->status));
    db_bind_text(st, 3, x->presenter);
    db_bind_text(st, 4, x->start_date);
    db_bind_text(st, 5, x->end_date);
    bind_range(st, 6, x->total);
    bind_range(st, 8, x->youth);
    db_bind_text(st, 10, x->report);
    db_bind_text(st, 11, x->results);
    db_bind_text(st, 12, x->feedback);
    db_bind_text(st, 13, x->feedback_date);
    db_bind_text(st, 14, x->next_steps);
    return 15;
}

static enum db_rc put_orgs_links(db *d, const struct activity *x, int64_t id)
{
    static const char Q_DEL_ORGS[] = "DELETE FROM activity_orgs WHERE activity_id = ?";
    static const char Q_DEL_LINKS[] = "DELETE FROM activity_links WHERE activity_id = ?";
    static const char Q_ORG[] = "INSERT INTO activity_orgs(activity_id, org_id, name) VALUES (?, ?, ?)";
    static const char Q_LINK[] = "INSERT INTO activity_links(activity_id, url, title) VALUES (?, ?, ?)";
    db_stmt *st = db_prepare(d, Q_DEL_ORGS);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_run(st);
    if (rc == DB_OK) {
        st = db_prepare(d, Q_DEL_LINKS);
        db_bind_int(st, 1, id);
        rc = db_run(st);
    }
    for (size_t k = 0; rc == DB_OK && k < x->norgs; k++) {
        st = db_prepare(d, Q_ORG);
        db_bind_int(st, 1, id);
        if (x->orgs[k].org_id) db_bind_int(st, 2, x->orgs[k].org_id);
        else db_bind_null(st, 2);
        db_bind_text(st, 3, x->orgs[k].name);
        rc = db_run(st);
    }
    for (size_t k = 0; rc == DB_OK && k < x->nlinks; k++) {
        st = db_prepare(d, Q_LINK);
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, x->links[k].url);
        db_bind_text(st, 3, x->links[k].title);
        rc = db_run(st);
    }
    return rc;
}

struct act_write {
    const struct activity *x;
    int64_t now, id;
};

static enum db_rc create_tx(db *d, void *ctx)
{
    struct act_write *w = ctx;
    static const char Q[] =
        "INSERT INTO activities(title, status, presenter, start_date, end_date, total_min, "
        "total_max, youth_min, youth_max, report, results, feedback, feedback_date, next_steps, "
        "idea_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id";
    db_stmt *st = db_prepare(d, Q);
    int k = bind_activity(st, w->x);
    if (w->x->idea_id) db_bind_int(st, k++, w->x->idea_id);
    else db_bind_null(st, k++);
    db_bind_int(st, k++, w->now);
    db_bind_int(st, k, w->now);
    enum db_rc rc = db_one_int(st, &w->id);
    if (rc == DB_OK) rc = put_orgs_links(d, w->x, w->id);
    return rc == DB_OK ? search_index_activity(d, w->id) : rc;
}

enum db_rc store_activity_create(db *d, const struct activity *act, int64_t now, int64_t *id)
{
    struct act_write w = {act, now, 0};
    enum db_rc rc = db_tx(d, true, create_tx, &w);
    *id = w.id;
    return rc;
}

static enum db_rc update_tx(db *d, void *ctx)
{
    struct act_write *w = ctx;
    static const char Q[] =
        "UPDATE activities SET title = ?, status = ?, presenter = ?, start_date = ?, end_date = ?, "
        "total_min = ?, total_max = ?, youth_min = ?, youth_max = ?, report = ?, results = ?, "
        "feedback = ?, feedback_date = ?, next_steps = ?, updated_at = ? WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    int k = bind_activity(st, w->x);
    db_bind_int(st, k++, w->now);
    db_bind_int(st, k, w->x->id);
    int64_t changed = 0;
    enum db_rc rc = db_run_changes(st, &changed);
    if (rc != DB_OK) return rc;
    if (!changed) return DB_NOTFOUND;
    rc = put_orgs_links(d, w->x, w->x->id);
    return rc == DB_OK ? search_index_activity(d, w->x->id) : rc;
}

enum db_rc store_activity_update(db *d, const struct activity *act, int64_t now)
{
    struct act_write w = {act, now, act->id};
    return db_tx(d, true, update_tx, &w);
}

static enum db_rc load_orgs_links(db *d, arena *a, struct activity *x)
{
    static const char Q_ORGS[] =
        "SELECT COALESCE(ao.org_id, 0), COALESCE(o.name, ao.name), COALESCE(o.slug, '') "
        "FROM activity_orgs ao LEFT JOIN organisations o ON o.id = ao.org_id "
        "WHERE ao.activity_id = ? ORDER BY ao.id";
    static const char Q_LINKS[] =
        "SELECT url, title FROM activity_links WHERE activity_id = ? ORDER BY id";
    size_t cap = 0;
    db_stmt *st = db_prepare(d, Q_ORGS);
    db_bind_int(st, 1, x->id);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct named_org *o = ARENA_PUSH(a, x->orgs, x->norgs, cap);
        read_named_org(st, a, 0, o);
    }
    db_done(st);
    if (rc != DB_DONE) return rc;
    cap = 0;
    st = db_prepare(d, Q_LINKS);
    db_bind_int(st, 1, x->id);
    while ((rc = db_step(st)) == DB_ROW) {
        struct link *l = ARENA_PUSH(a, x->links, x->nlinks, cap);
        l->url = arena_strdup(a, db_col_text(st, 0));
        l->title = arena_strdup(a, db_col_text(st, 1));
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_activity_get(db *d, arena *a, int64_t id, struct activity **act)
{
    static const char Q[] = "SELECT " ACT_COLS " FROM activities WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *act = arena_alloc(a, sizeof **act);
        rc = read_activity(st, a, *act) ? DB_OK : DB_ERR;
    } else if (rc == DB_DONE) {
        rc = DB_NOTFOUND;
    }
    db_done(st);
    return rc == DB_OK ? load_orgs_links(d, a, *act) : rc;
}

enum db_rc store_activities_list(db *d, arena *a, int status, struct activity **list, size_t *n)
{
    static const char Q[] =
        "SELECT " ACT_COLS " FROM activities WHERE (? = '' OR status = ?) "
        "ORDER BY start_date DESC, id DESC LIMIT 500";
    static const char Q_ORGS[] =
        "SELECT ao.activity_id, COALESCE(ao.org_id, 0), COALESCE(o.name, ao.name), "
        "COALESCE(o.slug, '') FROM activity_orgs ao "
        "LEFT JOIN organisations o ON o.id = ao.org_id "
        "JOIN activities x ON x.id = ao.activity_id WHERE (? = '' OR x.status = ?) "
        "ORDER BY ao.activity_id, ao.id";
    const char *sf = status >= 0 ? activity_status_name((enum activity_status)status) : "";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, sf);
    db_bind_text(st, 2, sf);
    struct activity *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW)
        if (!read_activity(st, a, ARENA_PUSH(a, items, count, cap))) {
            rc = DB_ERR;
            break;
        }
    db_done(st);
    if (rc != DB_DONE) return rc;
    /* the organisations of all listed activities in one query */
    size_t *caps = arena_alloc(a, (count + 1) * sizeof *caps);
    st = db_prepare(d, Q_ORGS);
    db_bind_text(st, 1, sf);
    db_bind_text(st, 2, sf);
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t aid = db_col_int(st, 0);
        for (size_t k = 0; k < count; k++) {
            if (items[k].id != aid) continue;
            struct named_org *o = ARENA_PUSH(a, items[k].orgs, items[k].norgs, caps[k]);
            read_named_org(st, a, 1, o);
            break;
        }
    }
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_activity_choices(db *d, arena *a, struct activity **list, size_t *n)
{
    static const char Q[] =
        "SELECT x.id, x.title, ao.id, COALESCE(o.name, ao.name) FROM "
        "(SELECT id, title, start_date FROM activities ORDER BY start_date DESC, id DESC LIMIT 500) x "
        "LEFT JOIN activity_orgs ao ON ao.activity_id = x.id "
        "LEFT JOIN organisations o ON o.id = ao.org_id "
        "ORDER BY x.start_date DESC, x.id DESC, ao.id";
    db_stmt *st = db_prepare(d, Q);
    struct activity *items = NULL;
    size_t count = 0, cap = 0, ocap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t id = db_col_int(st, 0);
        if (!count || items[count - 1].id != id) {
            struct activity *x = ARENA_PUSH(a, items, count, cap);
            *x = (struct activity){.id = id, .title = arena_strdup(a, db_col_text(st, 1)),
                                   .presenter = "", .start_date = "", .end_date = "", .report = "",
                                   .results = "", .feedback = "", .feedback_date = "",
                                   .next_steps = ""};
            ocap = 0;
        }
        if (db_col_null(st, 2)) continue; /* no organisations */
        struct activity *x = &items[count - 1];
        struct named_org *o = ARENA_PUSH(a, x->orgs, x->norgs, ocap);
        *o = (struct named_org){.name = arena_strdup(a, db_col_text(st, 3)), .slug = ""};
    }
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_activity_of_idea(db *d, int64_t idea_id, int64_t *id)
{
    static const char Q[] = "SELECT id FROM activities WHERE idea_id = ? ORDER BY id LIMIT 1";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, idea_id);
    return db_one_int(st, id);
}

struct follow {
    const struct activity *made;
    const char *report;
    bool create;
    int64_t now, id;
};

static enum db_rc follow_tx(db *d, void *ctx)
{
    struct follow *w = ctx;
    static const char Q[] =
        "UPDATE activities SET status = ?, report = CASE WHEN ? = 1 THEN ? ELSE report END, updated_at = ? "
        "WHERE id = ?";
    enum db_rc rc = store_activity_of_idea(d, w->made->idea_id, &w->id);
    if (rc == DB_NOTFOUND) {
        w->id = 0;
        if (!w->create) return DB_OK;
        struct activity x = *w->made;
        if (w->report) x.report = w->report;
        struct act_write cw = {&x, w->now, 0};
        rc = create_tx(d, &cw);
        w->id = cw.id;
        return rc;
    }
    if (rc != DB_OK) return rc;
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, activity_status_name(w->made->status));
    db_bind_int(st, 2, w->report ? 1 : 0);
    db_bind_text(st, 3, w->report ? w->report : "");
    db_bind_int(st, 4, w->now);
    db_bind_int(st, 5, w->id);
    rc = db_run(st);
    return rc == DB_OK ? search_index_activity(d, w->id) : rc;
}

enum db_rc store_activity_follow_idea(db *d, const struct activity *made, const char *report, bool create,
                                      int64_t now, int64_t *id)
{
    struct follow w = {made, report, create, now, 0};
    enum db_rc rc = db_tx(d, true, follow_tx, &w);
    if (id) *id = w.id;
    return rc;
}

enum db_rc store_activity_tell_participants(db *d, arena *a, int64_t activity_id, int64_t now, int64_t **users,
                                            size_t *n)
{
    static const char Q[] =
        "UPDATE activity_participants SET told_at = ? WHERE activity_id = ? AND told_at IS NULL "
        "RETURNING user_id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, now);
    db_bind_int(st, 2, activity_id);
    size_t cap = 0;
    *users = NULL;
    *n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) *ARENA_PUSH(a, *users, *n, cap) = db_col_int(st, 0);
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_activity_add_participant(db *d, int64_t activity_id, int64_t user_id)
{
    static const char Q[] =
        "INSERT INTO activity_participants(activity_id, user_id) VALUES (?, ?) "
        "ON CONFLICT (activity_id, user_id) DO NOTHING";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, activity_id);
    db_bind_int(st, 2, user_id);
    return db_run(st);
}

enum db_rc store_activity_participants(db *d, arena *a, int64_t activity_id, struct user **list,
                                       size_t *n)
{
    static const char Q[] =
        "SELECT u.id, u.name FROM activity_participants p JOIN users u ON u.id = p.user_id "
        "WHERE p.activity_id = ? ORDER BY u.name_fold, u.id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, activity_id);
    return many_user_names(st, a, list, n);
}
