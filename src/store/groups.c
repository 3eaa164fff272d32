/* Development groups, their members, and topic suggestions from residents. */
#include "store/rows.h"
#include "store/names.h"
#include "store/store.h"

enum db_rc store_group_create(db *d, const struct group *g, int64_t now, int64_t *id)
{
    static const char Q[] =
        "INSERT INTO groups(slug, name, description, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?) RETURNING id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, g->slug);
    db_bind_text(st, 2, g->name);
    db_bind_text(st, 3, g->description);
    db_bind_int(st, 4, now);
    db_bind_int(st, 5, now);
    return db_one_int(st, id);
}

static void read_group(db_stmt *st, arena *a, struct group *g)
{
    g->id = db_col_int(st, 0);
    g->slug = arena_strdup(a, db_col_text(st, 1));
    g->name = arena_strdup(a, db_col_text(st, 2));
    g->description = arena_strdup(a, db_col_text(st, 3));
}

static enum db_rc load_members(db *d, arena *a, struct group *g)
{
    static const char Q[] =
        "SELECT COALESCE(m.org_id, 0), COALESCE(o.name, m.name), COALESCE(o.slug, ''), m.name, "
        "m.title, m.phone, m.is_contact FROM group_members m "
        "LEFT JOIN organisations o ON o.id = m.org_id WHERE m.group_id = ? "
        "ORDER BY m.is_contact DESC, COALESCE(o.name_fold, m.name), m.id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, g->id);
    size_t ocap = 0, pcap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (db_col_int(st, 0)) {
            struct named_org *o = ARENA_PUSH(a, g->orgs, g->norgs, ocap);
            read_named_org(st, a, 0, o);
        } else {
            struct group_person *p = ARENA_PUSH(a, g->people, g->npeople, pcap);
            p->name = arena_strdup(a, db_col_text(st, 3));
            p->title = arena_strdup(a, db_col_text(st, 4));
            p->phone = arena_strdup(a, db_col_text(st, 5));
            p->contact = db_col_int(st, 6) != 0;
        }
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

static enum db_rc group_by_slug_now(db *d, arena *a, const char *slug, struct group **g)
{
    static const char Q[] = "SELECT id, slug, name, description FROM groups WHERE slug = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, slug);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *g = arena_alloc(a, sizeof **g);
        read_group(st, a, *g);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_NOTFOUND;
    }
    db_done(st);
    return rc == DB_OK ? load_members(d, a, *g) : rc;
}

/* The row and its parts, read in one snapshot (several queries). */
enum db_rc store_group_by_slug(db *d, arena *a, const char *slug, struct group **g)
{
    db_read_begin(d);
    enum db_rc rc = group_by_slug_now(d, a, slug, g);
    db_read_end(d);
    return rc;
}

enum db_rc store_groups_list(db *d, arena *a, struct group **list, size_t *n)
{
    static const char Q[] = "SELECT id, slug, name, description FROM groups ORDER BY name, id";
    db_stmt *st = db_prepare(d, Q);
    struct group *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) read_group(st, a, ARENA_PUSH(a, items, count, cap));
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_group_add_org(db *d, int64_t group_id, int64_t org_id, const char *name)
{
    static const char Q[] = "INSERT INTO group_members(group_id, org_id, name) VALUES (?, ?, ?)";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, group_id);
    db_bind_int(st, 2, org_id);
    db_bind_text(st, 3, name);
    return db_run(st);
}

enum db_rc store_group_add_person(db *d, int64_t group_id, const char *name, const char *title,
                                  const char *phone, bool contact)
{
    static const char Q[] =
        "INSERT INTO group_members(group_id, name, title, phone, is_contact) VALUES (?, ?, ?, ?, ?)";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, group_id);
    db_bind_text(st, 2, name);
    db_bind_text(st, 3, title);
    db_bind_text(st, 4, phone);
    db_bind_int(st, 5, contact ? 1 : 0);
    return db_run(st);
}

enum db_rc store_suggestion_add(db *d, int64_t group_id, const char *name, const char *text,
                                const char *client_hash, int64_t user_id, int64_t now)
{
    static const char Q[] =
        "INSERT INTO topic_suggestions(group_id, name, text, status, client_hash, created_at, user_id) "
        "VALUES (?, ?, ?, 'vantar', ?, ?, ?)";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, group_id);
    db_bind_text(st, 2, name);
    db_bind_text(st, 3, text);
    db_bind_text(st, 4, client_hash);
    db_bind_int(st, 5, now);
    if (user_id) db_bind_int(st, 6, user_id);
    else db_bind_null(st, 6);
    return db_run(st);
}

enum db_rc store_suggestions(db *d, arena *a, int64_t group_id, const char *status,
                             struct suggestion **list, size_t *n)
{
    static const char Q[] =
        "SELECT id, name, text, created_at FROM topic_suggestions WHERE group_id = ? AND status = ? "
        "ORDER BY created_at, id LIMIT 200";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, group_id);
    db_bind_text(st, 2, status);
    struct suggestion *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct suggestion *x = ARENA_PUSH(a, items, count, cap);
        x->id = db_col_int(st, 0);
        x->name = arena_strdup(a, db_col_text(st, 1));
        x->text = arena_strdup(a, db_col_text(st, 2));
        x->created_at = db_col_int(st, 3);
    }
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_suggestion_moderate(db *d, int64_t group_id, int64_t id, bool approve,
                                     int64_t by)
{
    static const char Q[] =
        "UPDATE topic_suggestions SET status = ?, moderated_by = ? "
        "WHERE id = ? AND group_id = ? AND status = 'vantar'";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, approve ? "godkand" : "avvisad");
    db_bind_int(st, 2, by);
    db_bind_int(st, 3, id);
    db_bind_int(st, 4, group_id);
    int64_t changed = 0;
    enum db_rc rc = db_run_changes(st, &changed);
    if (rc != DB_OK) return rc;
    if (changed) return DB_OK;
    static const char Q_HAVE[] = "SELECT COUNT(*) FROM topic_suggestions WHERE id = ? AND group_id = ?";
    st = db_prepare(d, Q_HAVE);
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, group_id);
    int64_t n = 0;
    rc = db_one_int(st, &n);
    if (rc != DB_OK) return rc;
    return n ? DB_CONFLICT : DB_NOTFOUND; /* moderated first, or not the group's */
}
