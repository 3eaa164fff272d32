/* Test ideas: texts, budget lines, partners, lifecycle, decisions,
 * assessments.  Per-status counts are kept in idea_counts in the same
 * transaction as every change, so lists never count rows. */
#include <string.h>

#include "store/names.h"
#include "store/store.h"

#define IDEA_COLS                                                                              \
    "i.id, i.project_id, p.slug, p.title, i.title, COALESCE(i.submitter_id, 0), "              \
    "i.submitter_name, COALESCE(i.org_id, 0), COALESCE(o.name, ''), COALESCE(o.slug, ''), "    \
    "COALESCE(i.birth_year, 0), i.need, i.youth_role, i.action, i.period_start, i.period_end, " \
    "i.feedback_plan, i.sharing_plan, "                                                      \
    "COALESCE((SELECT x.report FROM activities x WHERE x.idea_id = i.id ORDER BY x.id LIMIT 1), ''), " \
    "i.status, i.decision_message, "                                                           \
    "COALESCE(i.decided_at, 0), COALESCE(i.submitted_at, 0), i.updated_at, i.granted_total, "  \
    "i.internal_notes, "                                                                       \
    "(SELECT COALESCE(SUM(b.asked), 0) FROM budget_lines b WHERE b.idea_id = i.id)"
#define IDEA_FROM                                                                  \
    " FROM ideas i JOIN projects p ON p.id = i.project_id "                        \
    "LEFT JOIN organisations o ON o.id = i.org_id "

static bool read_idea(db_stmt *st, arena *a, struct idea *i)
{
    i->id = db_col_int(st, 0);
    i->project_id = db_col_int(st, 1);
    i->project_slug = arena_strdup(a, db_col_text(st, 2));
    i->project_title = arena_strdup(a, db_col_text(st, 3));
    i->title = arena_strdup(a, db_col_text(st, 4));
    i->submitter_id = db_col_int(st, 5);
    i->submitter_name = arena_strdup(a, db_col_text(st, 6));
    i->org_id = db_col_int(st, 7);
    i->org_name = arena_strdup(a, db_col_text(st, 8));
    i->org_slug = arena_strdup(a, db_col_text(st, 9));
    i->birth_year = db_col_int(st, 10);
    i->need = arena_strdup(a, db_col_text(st, 11));
    i->youth_role = arena_strdup(a, db_col_text(st, 12));
    i->action = arena_strdup(a, db_col_text(st, 13));
    i->period_start = arena_strdup(a, db_col_text(st, 14));
    i->period_end = arena_strdup(a, db_col_text(st, 15));
    i->feedback_plan = arena_strdup(a, db_col_text(st, 16));
    i->sharing_plan = arena_strdup(a, db_col_text(st, 17));
    i->report = arena_strdup(a, db_col_text(st, 18));
    int s = idea_status_from_name(db_col_text(st, 19));
    if (!store_name_known(s, "ideas status", db_col_text(st, 19))) return false;
    i->status = (enum idea_status)s;
    i->decision_message = arena_strdup(a, db_col_text(st, 20));
    i->decided_at = db_col_int(st, 21);
    i->submitted_at = db_col_int(st, 22);
    i->updated_at = db_col_int(st, 23);
    i->granted_total = db_col_int(st, 24);
    i->internal_notes = arena_strdup(a, db_col_text(st, 25));
    i->asked_total = db_col_int(st, 26);
    return true;
}

static enum db_rc bump_count(db *d, int64_t project_id, enum idea_status s, int64_t delta)
{
    static const char Q[] =
        "INSERT INTO idea_counts(project_id, status, n) VALUES (?, ?, ?) "
        "ON CONFLICT (project_id, status) DO UPDATE SET n = idea_counts.n + excluded.n";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, project_id);
    db_bind_text(st, 2, idea_status_name(s));
    db_bind_int(st, 3, delta);
    return db_run(st);
}

static enum db_rc add_event(db *d, int64_t idea_id, int64_t now, int64_t actor_id,
                            const char *actor_name, enum idea_status from, enum idea_status to,
                            const char *note)
{
    static const char Q[] =
        "INSERT INTO idea_events(idea_id, at, actor_id, actor_name, from_status, to_status, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, idea_id);
    db_bind_int(st, 2, now);
    if (actor_id) db_bind_int(st, 3, actor_id);
    else db_bind_null(st, 3);
    db_bind_text(st, 4, actor_name ? actor_name : "");
    db_bind_text(st, 5, idea_status_name(from));
    db_bind_text(st, 6, idea_status_name(to));
    db_bind_text(st, 7, note ? note : "");
    return db_run(st);
}

/* Replaces the lines and partners of idea `id`. */
static enum db_rc put_lines_partners(db *d, const struct idea *i, int64_t id)
{
    static const char Q_DEL_LINES[] = "DELETE FROM budget_lines WHERE idea_id = ?";
    static const char Q_DEL_PARTNERS[] = "DELETE FROM idea_partners WHERE idea_id = ?";
    static const char Q_LINE[] =
        "INSERT INTO budget_lines(idea_id, position, category_id, description, asked) "
        "VALUES (?, ?, ?, ?, ?)";
    static const char Q_PARTNER[] =
        "INSERT INTO idea_partners(idea_id, org_id, name) VALUES (?, ?, ?)";
    db_stmt *st = db_prepare(d, Q_DEL_LINES);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_run(st);
    if (rc == DB_OK) {
        st = db_prepare(d, Q_DEL_PARTNERS);
        db_bind_int(st, 1, id);
        rc = db_run(st);
    }
    for (size_t k = 0; rc == DB_OK && k < i->nlines; k++) {
        st = db_prepare(d, Q_LINE);
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, (int64_t)k + 1);
        db_bind_int(st, 3, i->lines[k].category_id);
        db_bind_text(st, 4, i->lines[k].description);
        db_bind_int(st, 5, i->lines[k].asked);
        rc = db_run(st);
    }
    for (size_t k = 0; rc == DB_OK && k < i->npartners; k++) {
        st = db_prepare(d, Q_PARTNER);
        db_bind_int(st, 1, id);
        if (i->partners[k].org_id) db_bind_int(st, 2, i->partners[k].org_id);
        else db_bind_null(st, 2);
        db_bind_text(st, 3, i->partners[k].name);
        rc = db_run(st);
    }
    return rc;
}

/* The editable texts, bound from index 1 in this order. */
static int bind_texts(db_stmt *st, const struct idea *i)
{
    db_bind_text(st, 1, i->title);
    if (i->org_id) db_bind_int(st, 2, i->org_id);
    else db_bind_null(st, 2);
    if (i->birth_year) db_bind_int(st, 3, i->birth_year);
    else db_bind_null(st, 3);
    db_bind_text(st, 4, i->need);
    db_bind_text(st, 5, i->youth_role);
    db_bind_text(st, 6, i->action);
    db_bind_text(st, 7, i->period_start);
    db_bind_text(st, 8, i->period_end);
    db_bind_text(st, 9, i->feedback_plan);
    db_bind_text(st, 10, i->sharing_plan);
    return 11;
}

struct idea_write {
    const struct idea *i;
    int64_t actor_id, now, id;
};

static enum db_rc create_tx(db *d, void *ctx)
{
    struct idea_write *w = ctx;
    static const char Q[] =
        "INSERT INTO ideas(title, org_id, birth_year, need, youth_role, action, period_start, "
        "period_end, feedback_plan, sharing_plan, project_id, submitter_id, submitter_name, "
        "status, submitted_at, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
    const struct idea *i = w->i;
    db_stmt *st = db_prepare(d, Q);
    int k = bind_texts(st, i);
    db_bind_int(st, k++, i->project_id);
    if (i->submitter_id) db_bind_int(st, k++, i->submitter_id);
    else db_bind_null(st, k++);
    db_bind_text(st, k++, i->submitter_name);
    db_bind_text(st, k++, idea_status_name(i->status));
    if (i->status != IDEA_DRAFT) db_bind_int(st, k++, w->now);
    else db_bind_null(st, k++);
    db_bind_int(st, k++, w->now);
    db_bind_int(st, k++, w->now);
    enum db_rc rc = db_one_int(st, &w->id);
    if (rc == DB_OK) rc = put_lines_partners(d, i, w->id);
    if (rc == DB_OK) rc = bump_count(d, i->project_id, i->status, 1);
    if (rc == DB_OK)
        rc = add_event(d, w->id, w->now, w->actor_id, i->submitter_name, IDEA_DRAFT, i->status,
                       "");
    if (rc == DB_OK) rc = search_index_idea(d, w->id);
    return rc;
}

enum db_rc store_idea_create(db *d, const struct idea *i, int64_t actor_id, int64_t now,
                             int64_t *id)
{
    struct idea_write w = {i, actor_id, now, 0};
    enum db_rc rc = db_tx(d, true, create_tx, &w);
    *id = w.id;
    return rc;
}

static enum db_rc update_tx(db *d, void *ctx)
{
    struct idea_write *w = ctx;
    static const char Q[] =
        "UPDATE ideas SET title = ?, org_id = ?, birth_year = ?, need = ?, youth_role = ?, "
        "action = ?, period_start = ?, period_end = ?, feedback_plan = ?, sharing_plan = ?, "
        "updated_at = ? WHERE id = ? AND status IN ('utkast', 'behover_andras')";
    db_stmt *st = db_prepare(d, Q);
    int k = bind_texts(st, w->i);
    db_bind_int(st, k++, w->now);
    db_bind_int(st, k++, w->i->id);
    int64_t changed = 0;
    enum db_rc rc = db_run_changes(st, &changed);
    if (rc != DB_OK) return rc;
    if (!changed) return DB_CONFLICT; /* no longer editable: someone moved it */
    rc = put_lines_partners(d, w->i, w->i->id);
    return rc == DB_OK ? search_index_idea(d, w->i->id) : rc;
}

enum db_rc store_idea_update(db *d, const struct idea *i, int64_t now)
{
    struct idea_write w = {i, 0, now, i->id};
    return db_tx(d, true, update_tx, &w);
}

static enum db_rc load_lines_partners(db *d, arena *a, struct idea *i)
{
    static const char Q_LINES[] =
        "SELECT b.id, b.category_id, c.name, b.description, b.asked, b.granted, b.approved_total "
        "FROM budget_lines b JOIN project_categories c ON c.id = b.category_id "
        "WHERE b.idea_id = ? ORDER BY b.position";
    static const char Q_PARTNERS[] =
        "SELECT COALESCE(ip.org_id, 0), COALESCE(o.name, ip.name), COALESCE(o.slug, '') "
        "FROM idea_partners ip LEFT JOIN organisations o ON o.id = ip.org_id "
        "WHERE ip.idea_id = ? ORDER BY ip.id";
    size_t cap = 0;
    db_stmt *st = db_prepare(d, Q_LINES);
    db_bind_int(st, 1, i->id);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct budget_line *l = ARENA_PUSH(a, i->lines, i->nlines, cap);
        l->id = db_col_int(st, 0);
        l->category_id = db_col_int(st, 1);
        l->category = arena_strdup(a, db_col_text(st, 2));
        l->description = arena_strdup(a, db_col_text(st, 3));
        l->asked = db_col_int(st, 4);
        l->granted = db_col_int(st, 5);
        l->approved_total = db_col_int(st, 6);
    }
    db_done(st);
    if (rc != DB_DONE) return rc;
    cap = 0;
    st = db_prepare(d, Q_PARTNERS);
    db_bind_int(st, 1, i->id);
    while ((rc = db_step(st)) == DB_ROW) {
        struct partner *p = ARENA_PUSH(a, i->partners, i->npartners, cap);
        p->org_id = db_col_int(st, 0);
        p->name = arena_strdup(a, db_col_text(st, 1));
        p->slug = arena_strdup(a, db_col_text(st, 2));
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

static enum db_rc idea_get_now(db *d, arena *a, int64_t id, struct idea **out)
{
    static const char Q[] = "SELECT " IDEA_COLS IDEA_FROM "WHERE i.id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    struct idea *i = NULL;
    if (rc == DB_ROW) {
        i = arena_alloc(a, sizeof *i);
        rc = read_idea(st, a, i) ? DB_OK : DB_ERR;
    } else if (rc == DB_DONE) {
        rc = DB_NOTFOUND;
    }
    db_done(st);
    if (rc == DB_OK) rc = load_lines_partners(d, a, i);
    *out = i;
    return rc;
}

/* The row and its parts, read in one snapshot (several queries). */
enum db_rc store_idea_get(db *d, arena *a, int64_t id, struct idea **out)
{
    db_read_begin(d);
    enum db_rc rc = idea_get_now(d, a, id, out);
    db_read_end(d);
    return rc;
}

static enum db_rc many_ideas(db_stmt *st, arena *a, struct idea **list, size_t *n)
{
    struct idea *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW)
        if (!read_idea(st, a, ARENA_PUSH(a, items, count, cap))) {
            rc = DB_ERR;
            break;
        }
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_idea_counts(db *d, int64_t project_id, int64_t counts[IDEA_STATUS_COUNT])
{
    static const char Q[] = "SELECT status, n FROM idea_counts WHERE project_id = ?";
    memset(counts, 0, sizeof(int64_t) * IDEA_STATUS_COUNT);
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, project_id);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int s = idea_status_from_name(db_col_text(st, 0));
        if (!store_name_known(s, "idea_counts status", db_col_text(st, 0))) {
            rc = DB_ERR;
            break;
        }
        counts[s] = db_col_int(st, 1);
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_ideas_list(db *d, arena *a, int64_t project_id, int status, int64_t offset,
                            int64_t limit, struct idea **list, size_t *n, int64_t *total)
{
    static const char Q_ONE[] =
        "SELECT " IDEA_COLS IDEA_FROM
        "WHERE i.id IN (SELECT id FROM ideas WHERE project_id = ? AND status = ? "
        "ORDER BY id DESC LIMIT ? OFFSET ?) ORDER BY i.id DESC";
    static const char Q_ALL[] =
        "SELECT " IDEA_COLS IDEA_FROM
        "WHERE i.id IN (SELECT id FROM ideas WHERE project_id = ? AND status <> 'utkast' "
        "ORDER BY id DESC LIMIT ? OFFSET ?) ORDER BY i.id DESC";
    int64_t counts[IDEA_STATUS_COUNT];
    enum db_rc rc = store_idea_counts(d, project_id, counts);
    if (rc != DB_OK) return rc;
    *total = 0;
    for (int s = 0; s < IDEA_STATUS_COUNT; s++)
        if (status >= 0 ? s == status : s != IDEA_DRAFT) *total += counts[s];
    db_stmt *st;
    if (status >= 0) {
        st = db_prepare(d, Q_ONE);
        db_bind_int(st, 1, project_id);
        db_bind_text(st, 2, idea_status_name((enum idea_status)status));
        db_bind_int(st, 3, limit);
        db_bind_int(st, 4, offset);
    } else {
        st = db_prepare(d, Q_ALL);
        db_bind_int(st, 1, project_id);
        db_bind_int(st, 2, limit);
        db_bind_int(st, 3, offset);
    }
    return many_ideas(st, a, list, n);
}

enum db_rc store_ideas_of_user(db *d, arena *a, int64_t user_id, struct idea **list, size_t *n)
{
    static const char Q[] =
        "SELECT " IDEA_COLS IDEA_FROM
        "WHERE (i.org_id IS NULL AND i.submitter_id = ?) OR i.org_id IN "
        "(SELECT org_id FROM org_representatives WHERE user_id = ?) "
        "ORDER BY i.updated_at DESC, i.id DESC LIMIT 200";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, user_id);
    db_bind_int(st, 2, user_id);
    return many_ideas(st, a, list, n);
}

enum db_rc store_ideas_to_assess(db *d, arena *a, struct idea **list, size_t *n)
{
    static const char Q[] =
        "SELECT " IDEA_COLS IDEA_FROM
        "WHERE i.status IN ('inskickad', 'under_bedomning') ORDER BY i.submitted_at, i.id "
        "LIMIT 500";
    return many_ideas(db_prepare(d, Q), a, list, n);
}

struct transition {
    int64_t id;
    enum idea_status from, to;
    int64_t actor_id;
    const char *actor_name, *note;
    int64_t now;
};

/* Moves the idea; returns DB_CONFLICT when it was not in t->from. */
static enum db_rc move(db *d, const struct transition *t, int64_t *project_id)
{
    static const char Q[] =
        "UPDATE ideas SET status = ?, updated_at = ?, "
        "submitted_at = CASE WHEN ? = 'inskickad' THEN ? ELSE submitted_at END "
        "WHERE id = ? AND status = ? RETURNING project_id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, idea_status_name(t->to));
    db_bind_int(st, 2, t->now);
    db_bind_text(st, 3, idea_status_name(t->to));
    db_bind_int(st, 4, t->now);
    db_bind_int(st, 5, t->id);
    db_bind_text(st, 6, idea_status_name(t->from));
    enum db_rc rc = db_one_int(st, project_id);
    if (rc == DB_NOTFOUND) rc = DB_CONFLICT; /* not in t->from any more */
    if (rc == DB_OK) rc = bump_count(d, *project_id, t->from, -1);
    if (rc == DB_OK) rc = bump_count(d, *project_id, t->to, 1);
    if (rc == DB_OK)
        rc = add_event(d, t->id, t->now, t->actor_id, t->actor_name, t->from, t->to, t->note);
    if (rc == DB_OK) rc = search_index_idea(d, t->id);
    return rc;
}

static enum db_rc transition_tx(db *d, void *ctx)
{
    int64_t project_id;
    return move(d, ctx, &project_id);
}

enum db_rc store_idea_transition(db *d, int64_t id, enum idea_status from, enum idea_status to,
                                 int64_t actor_id, const char *actor_name, const char *note,
                                 int64_t now)
{
    struct transition t = {id, from, to, actor_id, actor_name, note, now};
    return db_tx(d, true, transition_tx, &t);
}

struct decision {
    const struct idea *i;
    struct transition t;
    const char *message;
};

static enum db_rc decide_tx(db *d, void *ctx)
{
    struct decision *dc = ctx;
    static const char Q_MSG[] =
        "UPDATE ideas SET decision_message = ?, decided_at = ?, granted_total = ? WHERE id = ?";
    static const char Q_BUDGET[] =
        "UPDATE projects SET granted_total = granted_total + ? "
        "WHERE id = ? AND granted_total + ? <= budget";
    static const char Q_LINE[] =
        "UPDATE budget_lines SET granted = ? WHERE id = ? AND idea_id = ? AND ? <= asked";
    static const char Q_OLD[] = "SELECT granted_total FROM ideas WHERE id = ?";
    int64_t project_id, old = 0;
    db_stmt *st = db_prepare(d, Q_OLD);
    db_bind_int(st, 1, dc->i->id);
    enum db_rc rc = db_one_int(st, &old);
    if (rc != DB_OK) return rc;
    rc = move(d, &dc->t, &project_id);
    if (rc != DB_OK) return rc;
    int64_t total = 0;
    if (dc->t.to == IDEA_APPROVED) {
        for (size_t k = 0; k < dc->i->nlines; k++) {
            const struct budget_line *l = &dc->i->lines[k];
            st = db_prepare(d, Q_LINE);
            db_bind_int(st, 1, l->granted);
            db_bind_int(st, 2, l->id);
            db_bind_int(st, 3, dc->i->id);
            db_bind_int(st, 4, l->granted);
            int64_t changed = 0;
            rc = db_run_changes(st, &changed);
            if (rc != DB_OK) return rc;
            if (!changed) return DB_CONSTRAINT; /* not this idea's line, or over asked */
            total += l->granted;
        }
    }
    if (total != old) {
        st = db_prepare(d, Q_BUDGET);
        db_bind_int(st, 1, total - old);
        db_bind_int(st, 2, project_id);
        db_bind_int(st, 3, total - old);
        int64_t changed = 0;
        rc = db_run_changes(st, &changed);
        if (rc != DB_OK) return rc;
        if (!changed) return DB_CONSTRAINT; /* over the project budget */
    }
    st = db_prepare(d, Q_MSG);
    db_bind_text(st, 1, dc->message);
    db_bind_int(st, 2, dc->t.now);
    db_bind_int(st, 3, total);
    db_bind_int(st, 4, dc->i->id);
    return db_run(st);
}

enum db_rc store_idea_decide(db *d, const struct idea *i, enum idea_status to,
                             const char *message, int64_t actor_id, const char *actor_name,
                             int64_t now)
{
    struct decision dc = {i, {i->id, IDEA_REVIEW, to, actor_id, actor_name, "", now}, message};
    return db_tx(d, true, decide_tx, &dc);
}

static enum db_rc set_text(db *d, const char *sql, int64_t id, const char *text, int64_t now)
{
    db_stmt *st = db_prepare(d, sql);
    db_bind_text(st, 1, text);
    db_bind_int(st, 2, now);
    db_bind_int(st, 3, id);
    return db_run(st);
}

enum db_rc store_idea_set_notes(db *d, int64_t id, const char *notes, int64_t now)
{
    static const char Q[] = "UPDATE ideas SET internal_notes = ?, updated_at = ? WHERE id = ?";
    return set_text(d, Q, id, notes, now);
}

enum db_rc store_idea_events(db *d, arena *a, int64_t idea_id, struct idea_event **list,
                             size_t *n)
{
    static const char Q[] =
        "SELECT at, actor_name, from_status, to_status, note FROM idea_events "
        "WHERE idea_id = ? ORDER BY at, id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, idea_id);
    struct idea_event *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct idea_event *e = ARENA_PUSH(a, items, count, cap);
        e->at = db_col_int(st, 0);
        e->actor_name = arena_strdup(a, db_col_text(st, 1));
        int f = idea_status_from_name(db_col_text(st, 2));
        int t = idea_status_from_name(db_col_text(st, 3));
        if (!store_name_known(f, "idea_events from_status", db_col_text(st, 2)) ||
            !store_name_known(t, "idea_events to_status", db_col_text(st, 3))) {
            rc = DB_ERR;
            break;
        }
        e->from = (enum idea_status)f;
        e->to = (enum idea_status)t;
        e->note = arena_strdup(a, db_col_text(st, 4));
    }
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_assessment_put(db *d, int64_t idea_id, const struct assessment *as)
{
    static const char Q[] =
        "INSERT INTO assessments(idea_id, criterion_id, assessor_id, assessor_name, met, note, at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idea_id, criterion_id, assessor_id) DO UPDATE "
        "SET met = excluded.met, note = excluded.note, at = excluded.at, "
        "assessor_name = excluded.assessor_name";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, idea_id);
    db_bind_int(st, 2, as->criterion_id);
    db_bind_int(st, 3, as->assessor_id);
    db_bind_text(st, 4, as->assessor_name);
    db_bind_int(st, 5, as->met ? 1 : 0);
    db_bind_text(st, 6, as->note);
    db_bind_int(st, 7, as->at);
    return db_run(st);
}

enum db_rc store_assessments(db *d, arena *a, int64_t idea_id, struct assessment **list,
                             size_t *n)
{
    static const char Q[] =
        "SELECT criterion_id, assessor_id, assessor_name, met, note, at FROM assessments "
        "WHERE idea_id = ? ORDER BY assessor_name, assessor_id, criterion_id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, idea_id);
    struct assessment *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct assessment *x = ARENA_PUSH(a, items, count, cap);
        x->criterion_id = db_col_int(st, 0);
        x->assessor_id = db_col_int(st, 1);
        x->assessor_name = arena_strdup(a, db_col_text(st, 2));
        x->met = db_col_int(st, 3) != 0;
        x->note = arena_strdup(a, db_col_text(st, 4));
        x->at = db_col_int(st, 5);
    }
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}
