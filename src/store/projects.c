/* Projects, their expense categories, criteria and contacts. */
#include <string.h>

#include "store/names.h"
#include "store/store.h"

#define PROJECT_COLS                                                                         \
    "id, slug, title, summary, what, why, how, short_goal, short_target, short_year, "       \
    "long_goal, eligible_orgs, eligible_youth, call_opens, call_closes, budget, "            \
    "granted_total, status, internal_notes, updated_at"

static bool read_project(db_stmt *st, arena *a, struct project *p)
{
    p->id = db_col_int(st, 0);
    p->slug = arena_strdup(a, db_col_text(st, 1));
    p->title = arena_strdup(a, db_col_text(st, 2));
    p->summary = arena_strdup(a, db_col_text(st, 3));
    p->what = arena_strdup(a, db_col_text(st, 4));
    p->why = arena_strdup(a, db_col_text(st, 5));
    p->how = arena_strdup(a, db_col_text(st, 6));
    p->short_goal = arena_strdup(a, db_col_text(st, 7));
    p->short_target = db_col_int(st, 8);
    p->short_year = db_col_int(st, 9);
    p->long_goal = arena_strdup(a, db_col_text(st, 10));
    p->eligible_orgs = db_col_int(st, 11) != 0;
    p->eligible_youth = db_col_int(st, 12) != 0;
    p->call_opens = arena_strdup(a, db_col_text(st, 13));
    p->call_closes = arena_strdup(a, db_col_text(st, 14));
    p->budget = db_col_int(st, 15);
    p->granted_total = db_col_int(st, 16);
    int s = project_status_from_name(db_col_text(st, 17));
    if (!store_name_known(s, "projects status", db_col_text(st, 17))) return false;
    p->status = (enum project_status)s;
    p->internal_notes = arena_strdup(a, db_col_text(st, 18));
    p->updated_at = db_col_int(st, 19);
    return true;
}

/* Binds the editable columns in the order of the INSERT and UPDATE below. */
static void bind_project(db_stmt *st, const struct project *p)
{
    db_bind_text(st, 1, p->title);
    db_bind_text(st, 2, p->summary);
    db_bind_text(st, 3, p->what);
    db_bind_text(st, 4, p->why);
    db_bind_text(st, 5, p->how);
    db_bind_text(st, 6, p->short_goal);
    db_bind_int(st, 7, p->short_target);
    db_bind_int(st, 8, p->short_year);
    db_bind_text(st, 9, p->long_goal);
    db_bind_int(st, 10, p->eligible_orgs);
    db_bind_int(st, 11, p->eligible_youth);
    db_bind_text(st, 12, p->call_opens);
    db_bind_text(st, 13, p->call_closes);
    db_bind_int(st, 14, p->budget);
    db_bind_text(st, 15, project_status_name(p->status));
    db_bind_text(st, 16, p->internal_notes);
}

static enum db_rc put_criteria_contacts(db *d, const struct project *p, int64_t id)
{
    static const char Q_DEL_CONT[] = "DELETE FROM project_contacts WHERE project_id = ?";
    static const char Q_CRIT[] =
        "INSERT INTO project_criteria(project_id, number, text) VALUES (?, ?, ?)";
    static const char Q_CONT[] =
        "INSERT INTO project_contacts(project_id, position, name, title, phone) "
        "VALUES (?, ?, ?, ?, ?)";
    db_stmt *st = db_prepare(d, Q_DEL_CONT);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_run(st);
    for (size_t i = 0; rc == DB_OK && i < p->ncontacts; i++) {
        st = db_prepare(d, Q_CONT);
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, (int64_t)i + 1);
        db_bind_text(st, 3, p->contacts[i].name);
        db_bind_text(st, 4, p->contacts[i].title);
        db_bind_text(st, 5, p->contacts[i].phone);
        rc = db_run(st);
    }
    if (rc != DB_OK) return rc;
    /* criteria keep their ids when the number stays, since assessments
     * point at them: update in place, add new, delete removed ones */
    static const char Q_UPD_CRIT[] =
        "UPDATE project_criteria SET text = ? WHERE project_id = ? AND number = ?";
    static const char Q_DEL_EXTRA[] = "DELETE FROM project_criteria WHERE project_id = ? AND number > ?";
    for (size_t i = 0; rc == DB_OK && i < p->ncriteria; i++) {
        st = db_prepare(d, Q_UPD_CRIT);
        db_bind_text(st, 1, p->criteria[i].text);
        db_bind_int(st, 2, id);
        db_bind_int(st, 3, (int64_t)i + 1);
        int64_t changed = 0;
        rc = db_run_changes(st, &changed);
        if (rc != DB_OK) return rc;
        if (changed) continue;
        st = db_prepare(d, Q_CRIT);
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, (int64_t)i + 1);
        db_bind_text(st, 3, p->criteria[i].text);
        rc = db_run(st);
    }
    if (rc != DB_OK) return rc;
    st = db_prepare(d, Q_DEL_EXTRA);
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, (int64_t)p->ncriteria);
    return db_run(st);
}

/* Categories keep their ids (budget lines point at them): a name that
 * exists keeps its row and takes its new position; a new name takes over
 * an unused old row or gets a new one; old rows no line uses are removed.
 * Used ones are kept, after the listed ones. */
static enum db_rc put_categories(db *d, const struct project *p, int64_t id)
{
    static const char Q_OLD[] =
        "SELECT c.id, c.name, (SELECT COUNT(*) FROM budget_lines b WHERE b.category_id = c.id) "
        "FROM project_categories c WHERE c.project_id = ? ORDER BY c.position, c.id";
    static const char Q_POS[] = "UPDATE project_categories SET position = ?, name = ? WHERE id = ?";
    static const char Q_INS[] =
        "INSERT INTO project_categories(project_id, position, name) VALUES (?, ?, ?)";
    static const char Q_DEL[] = "DELETE FROM project_categories WHERE id = ?";
    struct old { int64_t id; char *name; bool used, taken; };
    arena *a = arena_new();
    struct old *olds = NULL;
    size_t nold = 0, cap = 0;
    db_stmt *st = db_prepare(d, Q_OLD);
    db_bind_int(st, 1, id);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct old *o = ARENA_PUSH(a, olds, nold, cap);
        o->id = db_col_int(st, 0);
        o->name = arena_strdup(a, db_col_text(st, 1));
        o->used = db_col_int(st, 2) > 0;
    }
    db_done(st);
    rc = rc == DB_DONE ? DB_OK : rc;
    int64_t *row = arena_alloc(a, (p->ncategories + 1) * sizeof *row);
    for (size_t k = 0; k < p->ncategories; k++)        /* same names first */
        for (size_t o = 0; o < nold; o++)
            if (!olds[o].taken && strcmp(olds[o].name, p->categories[k].name) == 0) {
                olds[o].taken = true;
                row[k] = olds[o].id;
                break;
            }
    for (size_t k = 0; k < p->ncategories; k++)        /* renames reuse unused rows */
        for (size_t o = 0; !row[k] && o < nold; o++)
            if (!olds[o].taken && !olds[o].used) {
                olds[o].taken = true;
                row[k] = olds[o].id;
            }
    /* park every kept row at a high position first, so no two names clash
     * while they move */
    for (size_t o = 0; rc == DB_OK && o < nold; o++) {
        if (olds[o].taken || !olds[o].used) continue;
        st = db_prepare(d, Q_POS);
        db_bind_int(st, 1, (int64_t)(p->ncategories + o + 1));
        db_bind_text(st, 2, olds[o].name);
        db_bind_int(st, 3, olds[o].id);
        rc = db_run(st);
    }
    for (size_t o = 0; rc == DB_OK && o < nold; o++) {
        if (olds[o].taken || olds[o].used) continue;
        st = db_prepare(d, Q_DEL);
        db_bind_int(st, 1, olds[o].id);
        rc = db_run(st);
    }
    for (size_t k = 0; rc == DB_OK && k < p->ncategories; k++) {
        if (!row[k]) continue;
        st = db_prepare(d, Q_POS);           /* temporary unique names avoid clashes */
        db_bind_int(st, 1, (int64_t)k + 1);
        db_bind_text(st, 2, arena_printf(a, "\x01%lld", (long long)row[k]));
        db_bind_int(st, 3, row[k]);
        rc = db_run(st);
    }
    for (size_t k = 0; rc == DB_OK && k < p->ncategories; k++) {
        if (row[k]) {
            st = db_prepare(d, Q_POS);
            db_bind_int(st, 1, (int64_t)k + 1);
            db_bind_text(st, 2, p->categories[k].name);
            db_bind_int(st, 3, row[k]);
        } else {
            st = db_prepare(d, Q_INS);
            db_bind_int(st, 1, id);
            db_bind_int(st, 2, (int64_t)k + 1);
            db_bind_text(st, 3, p->categories[k].name);
        }
        rc = db_run(st);
    }
    arena_free(a);
    return rc;
}

struct project_write {
    const struct project *p;
    int64_t now, id;
};

static enum db_rc create_tx(db *d, void *ctx)
{
    struct project_write *w = ctx;
    static const char Q[] =
        "INSERT INTO projects(title, summary, what, why, how, short_goal, short_target, "
        "short_year, long_goal, eligible_orgs, eligible_youth, call_opens, call_closes, budget, "
        "status, internal_notes, slug, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
    db_stmt *st = db_prepare(d, Q);
    bind_project(st, w->p);
    db_bind_text(st, 17, w->p->slug);
    db_bind_int(st, 18, w->now);
    db_bind_int(st, 19, w->now);
    enum db_rc rc = db_one_int(st, &w->id);
    if (rc == DB_OK) rc = put_categories(d, w->p, w->id);
    if (rc == DB_OK) rc = put_criteria_contacts(d, w->p, w->id);
    return rc;
}

enum db_rc store_project_create(db *d, const struct project *p, int64_t now, int64_t *id)
{
    struct project_write w = {p, now, 0};
    enum db_rc rc = db_tx(d, true, create_tx, &w);
    *id = w.id;
    return rc;
}

static enum db_rc update_tx(db *d, void *ctx)
{
    struct project_write *w = ctx;
    static const char Q[] =
        "UPDATE projects SET title = ?, summary = ?, what = ?, why = ?, how = ?, short_goal = ?, "
        "short_target = ?, short_year = ?, long_goal = ?, eligible_orgs = ?, eligible_youth = ?, "
        "call_opens = ?, call_closes = ?, budget = ?, status = ?, internal_notes = ?, "
        "updated_at = ? WHERE id = ? AND granted_total <= ?";
    db_stmt *st = db_prepare(d, Q);
    bind_project(st, w->p);
    db_bind_int(st, 17, w->now);
    db_bind_int(st, 18, w->p->id);
    db_bind_int(st, 19, w->p->budget);
    int64_t changed = 0;
    enum db_rc rc = db_run_changes(st, &changed);
    if (rc != DB_OK) return rc;
    if (!changed) return DB_CONSTRAINT; /* the budget is below what is granted */
    rc = put_categories(d, w->p, w->p->id);
    if (rc == DB_OK) rc = put_criteria_contacts(d, w->p, w->p->id);
    return rc;
}

enum db_rc store_project_update(db *d, const struct project *p, int64_t now)
{
    struct project_write w = {p, now, p->id};
    return db_tx(d, true, update_tx, &w);
}

static enum db_rc load_parts(db *d, arena *a, struct project *p)
{
    static const char Q_CAT[] =
        "SELECT id, name FROM project_categories WHERE project_id = ? ORDER BY position";
    static const char Q_CRIT[] =
        "SELECT id, number, text FROM project_criteria WHERE project_id = ? ORDER BY number";
    static const char Q_CONT[] =
        "SELECT name, title, phone FROM project_contacts WHERE project_id = ? ORDER BY position";
    size_t cap = 0;
    db_stmt *st = db_prepare(d, Q_CAT);
    db_bind_int(st, 1, p->id);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct category *c = ARENA_PUSH(a, p->categories, p->ncategories, cap);
        c->id = db_col_int(st, 0);
        c->name = arena_strdup(a, db_col_text(st, 1));
    }
    db_done(st);
    if (rc != DB_DONE) return rc;
    cap = 0;
    st = db_prepare(d, Q_CRIT);
    db_bind_int(st, 1, p->id);
    while ((rc = db_step(st)) == DB_ROW) {
        struct criterion *c = ARENA_PUSH(a, p->criteria, p->ncriteria, cap);
        c->id = db_col_int(st, 0);
        c->number = db_col_int(st, 1);
        c->text = arena_strdup(a, db_col_text(st, 2));
    }
    db_done(st);
    if (rc != DB_DONE) return rc;
    cap = 0;
    st = db_prepare(d, Q_CONT);
    db_bind_int(st, 1, p->id);
    while ((rc = db_step(st)) == DB_ROW) {
        struct contact *c = ARENA_PUSH(a, p->contacts, p->ncontacts, cap);
        c->name = arena_strdup(a, db_col_text(st, 0));
        c->title = arena_strdup(a, db_col_text(st, 1));
        c->phone = arena_strdup(a, db_col_text(st, 2));
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

static enum db_rc one_project(db *d, db_stmt *st, arena *a, struct project **out)
{
    enum db_rc rc = db_step(st);
    struct project *p = NULL;
    if (rc == DB_ROW) {
        p = arena_alloc(a, sizeof *p);
        rc = read_project(st, a, p) ? DB_OK : DB_ERR;
    } else if (rc == DB_DONE) {
        rc = DB_NOTFOUND;
    }
    db_done(st);
    if (rc == DB_OK) rc = load_parts(d, a, p);
    *out = p;
    return rc;
}

static enum db_rc project_by_slug_now(db *d, arena *a, const char *slug, struct project **p)
{
    static const char Q[] = "SELECT " PROJECT_COLS " FROM projects WHERE slug = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, slug);
    return one_project(d, st, a, p);
}

/* The row and its parts, read in one snapshot (several queries). */
enum db_rc store_project_by_slug(db *d, arena *a, const char *slug, struct project **p)
{
    db_read_begin(d);
    enum db_rc rc = project_by_slug_now(d, a, slug, p);
    db_read_end(d);
    return rc;
}

static enum db_rc project_by_id_now(db *d, arena *a, int64_t id, struct project **p)
{
    static const char Q[] = "SELECT " PROJECT_COLS " FROM projects WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, id);
    return one_project(d, st, a, p);
}

/* The row and its parts, read in one snapshot (several queries). */
enum db_rc store_project_by_id(db *d, arena *a, int64_t id, struct project **p)
{
    db_read_begin(d);
    enum db_rc rc = project_by_id_now(d, a, id, p);
    db_read_end(d);
    return rc;
}

enum db_rc store_category_in_use(db *d, int64_t category_id, bool *in_use)
{
    static const char Q[] = "SELECT COUNT(*) FROM budget_lines WHERE category_id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, category_id);
    int64_t n = 0;
    enum db_rc rc = db_one_int(st, &n);
    *in_use = rc == DB_OK && n > 0;
    return rc;
}

enum db_rc store_projects_list(db *d, arena *a, struct project **list, size_t *n)
{
    static const char Q[] =
        "SELECT " PROJECT_COLS " FROM projects ORDER BY CASE status WHEN 'oppet' THEN 0 "
        "WHEN 'pagar' THEN 1 WHEN 'planerat' THEN 2 ELSE 3 END, call_closes DESC, id DESC";
    db_stmt *st = db_prepare(d, Q);
    struct project *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW)
        if (!read_project(st, a, ARENA_PUSH(a, items, count, cap))) {
            rc = DB_ERR;
            break;
        }
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}
