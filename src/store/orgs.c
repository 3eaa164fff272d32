/* Organisations, umbrella membership and representatives. */
#include <string.h>

#include "store/rows.h"
#include "store/names.h"
#include "store/store.h"
#include "util/text.h"

#define ORG_COLS                                                                            \
    "o.id, o.slug, o.name, o.kind, o.sector, o.summary, o.description, o.website, "        \
    "COALESCE(o.parent_id, 0), COALESCE(p.name, ''), COALESCE(p.slug, ''), o.updated_at"
#define ORG_FROM " FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id "

static bool read_org(db_stmt *st, arena *a, struct org *o)
{
    o->id = db_col_int(st, 0);
    o->slug = arena_strdup(a, db_col_text(st, 1));
    o->name = arena_strdup(a, db_col_text(st, 2));
    int k = org_kind_from_name(db_col_text(st, 3));
    if (!store_name_known(k, "organisations kind", db_col_text(st, 3))) return false;
    o->kind = (enum org_kind)k;
    int s = org_sector_from_name(db_col_text(st, 4));
    if (!store_name_known(s, "organisations sector", db_col_text(st, 4))) return false;
    o->sector = (enum org_sector)s;
    o->summary = arena_strdup(a, db_col_text(st, 5));
    o->description = arena_strdup(a, db_col_text(st, 6));
    o->website = arena_strdup(a, db_col_text(st, 7));
    o->parent_id = db_col_int(st, 8);
    o->parent_name = arena_strdup(a, db_col_text(st, 9));
    o->parent_slug = arena_strdup(a, db_col_text(st, 10));
    o->updated_at = db_col_int(st, 11);
    return true;
}

static void bind_parent(db_stmt *st, int idx, int64_t parent)
{
    if (parent) db_bind_int(st, idx, parent);
    else db_bind_null(st, idx);
}

struct org_write {
    const struct org *o;
    int64_t now;
    int64_t id;
};

static enum db_rc org_create_tx(db *d, void *ctx);
static enum db_rc org_update_tx(db *d, void *ctx);

/* The organisation and its search entry commit together. */
enum db_rc store_org_create(db *d, const struct org *o, int64_t now, int64_t *id)
{
    struct org_write w = {o, now, 0};
    enum db_rc rc = db_tx(d, true, org_create_tx, &w);
    *id = w.id;
    return rc;
}

enum db_rc store_org_update(db *d, const struct org *o, int64_t now)
{
    struct org_write w = {o, now, o->id};
    return db_tx(d, true, org_update_tx, &w);
}

static enum db_rc org_create_row(db *d, const struct org *o, int64_t now, int64_t *id)
{
    static const char Q[] =
        "INSERT INTO organisations(slug, name, name_fold, kind, sector, summary, description, "
        "website, parent_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id";
    arena *a = arena_new();
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, o->slug);
    db_bind_text(st, 2, o->name);
    db_bind_text(st, 3, text_sort_key(a, o->name));
    db_bind_text(st, 4, org_kind_name(o->kind));
    db_bind_text(st, 5, org_sector_name(o->sector));
    db_bind_text(st, 6, o->summary ? o->summary : "");
    db_bind_text(st, 7, o->description ? o->description : "");
    db_bind_text(st, 8, o->website ? o->website : "");
    bind_parent(st, 9, o->parent_id);
    db_bind_int(st, 10, now);
    db_bind_int(st, 11, now);
    enum db_rc rc = db_one_int(st, id);
    arena_free(a);
    return rc;
}

static enum db_rc org_update_row(db *d, const struct org *o, int64_t now)
{
    static const char Q[] =
        "UPDATE organisations SET name = ?, name_fold = ?, kind = ?, sector = ?, summary = ?, "
        "description = ?, website = ?, parent_id = ?, updated_at = ? WHERE id = ?";
    arena *a = arena_new();
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, o->name);
    db_bind_text(st, 2, text_sort_key(a, o->name));
    db_bind_text(st, 3, org_kind_name(o->kind));
    db_bind_text(st, 4, org_sector_name(o->sector));
    db_bind_text(st, 5, o->summary);
    db_bind_text(st, 6, o->description);
    db_bind_text(st, 7, o->website);
    bind_parent(st, 8, o->parent_id);
    db_bind_int(st, 9, now);
    db_bind_int(st, 10, o->id);
    enum db_rc rc = db_run(st);
    arena_free(a);
    return rc;
}

static enum db_rc org_create_tx(db *d, void *ctx)
{
    struct org_write *w = ctx;
    enum db_rc rc = org_create_row(d, w->o, w->now, &w->id);
    return rc == DB_OK ? search_index_org(d, w->id) : rc;
}

static enum db_rc org_update_tx(db *d, void *ctx)
{
    struct org_write *w = ctx;
    enum db_rc rc = org_update_row(d, w->o, w->now);
    return rc == DB_OK ? search_index_org(d, w->o->id) : rc;
}

static enum db_rc one_org(db_stmt *st, arena *a, struct org **o)
{
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *o = arena_alloc(a, sizeof **o);
        rc = read_org(st, a, *o) ? DB_OK : DB_ERR;
    } else if (rc == DB_DONE) {
        rc = DB_NOTFOUND;
    }
    db_done(st);
    return rc;
}

enum db_rc store_org_by_slug(db *d, arena *a, const char *slug, struct org **o)
{
    static const char Q[] = "SELECT " ORG_COLS ORG_FROM "WHERE o.slug = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, slug);
    return one_org(st, a, o);
}

enum db_rc store_org_by_id(db *d, arena *a, int64_t id, struct org **o)
{
    static const char Q[] = "SELECT " ORG_COLS ORG_FROM "WHERE o.id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, id);
    return one_org(st, a, o);
}

static enum db_rc many_orgs(db_stmt *st, arena *a, struct org **list, size_t *n)
{
    struct org *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW)
        if (!read_org(st, a, ARENA_PUSH(a, items, count, cap))) {
            rc = DB_ERR;
            break;
        }
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_orgs_list(db *d, arena *a, int kind, const char *q, struct org **list,
                           size_t *n)
{
    static const char Q[] =
        "SELECT " ORG_COLS ORG_FROM
        "WHERE (? = '' OR o.kind = ?) AND (? = '' OR o.name_fold LIKE ? ESCAPE '\\') "
        "ORDER BY o.name_fold, o.id";
    const char *k = kind >= 0 ? org_kind_name((enum org_kind)kind) : "";
    const char *fold = q && *q ? text_sort_key(a, q) : "";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, k);
    db_bind_text(st, 2, k);
    db_bind_text(st, 3, fold);
    db_bind_text(st, 4, like_pattern(a, fold));
    return many_orgs(st, a, list, n);
}

enum db_rc store_org_names(db *d, arena *a, struct org **list, size_t *n)
{
    static const char Q[] = "SELECT id, slug, name FROM organisations ORDER BY name_fold, id";
    db_stmt *st = db_prepare(d, Q);
    struct org *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct org *o = ARENA_PUSH(a, items, count, cap);
        *o = (struct org){.id = db_col_int(st, 0), .slug = arena_strdup(a, db_col_text(st, 1)),
                          .name = arena_strdup(a, db_col_text(st, 2)), .summary = "",
                          .description = "", .website = "", .parent_name = "", .parent_slug = ""};
    }
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_org_members(db *d, arena *a, int64_t parent_id, struct org **list, size_t *n)
{
    static const char Q[] =
        "SELECT " ORG_COLS ORG_FROM "WHERE o.parent_id = ? ORDER BY o.name_fold, o.id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, parent_id);
    return many_orgs(st, a, list, n);
}

enum db_rc store_org_add_rep(db *d, int64_t org_id, int64_t user_id)
{
    static const char Q[] =
        "INSERT INTO org_representatives(org_id, user_id) VALUES (?, ?) "
        "ON CONFLICT (org_id, user_id) DO NOTHING";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, org_id);
    db_bind_int(st, 2, user_id);
    return db_run(st);
}

enum db_rc store_org_remove_rep(db *d, int64_t org_id, int64_t user_id)
{
    static const char Q[] = "DELETE FROM org_representatives WHERE org_id = ? AND user_id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, org_id);
    db_bind_int(st, 2, user_id);
    return db_run(st);
}

enum db_rc store_org_is_rep(db *d, int64_t org_id, int64_t user_id, bool *yes)
{
    static const char Q[] =
        "SELECT COUNT(*) FROM org_representatives WHERE org_id = ? AND user_id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, org_id);
    db_bind_int(st, 2, user_id);
    int64_t c = 0;
    enum db_rc rc = db_one_int(st, &c);
    *yes = rc == DB_OK && c > 0;
    return rc;
}

enum db_rc store_org_reps(db *d, arena *a, int64_t org_id, struct user **list, size_t *n)
{
    static const char Q[] =
        "SELECT u.id, u.name FROM org_representatives r JOIN users u ON u.id = r.user_id "
        "WHERE r.org_id = ? ORDER BY u.name_fold, u.id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, org_id);
    return many_user_names(st, a, list, n);
}

enum db_rc store_user_orgs(db *d, arena *a, int64_t user_id, struct org **list, size_t *n)
{
    static const char Q[] =
        "SELECT " ORG_COLS ORG_FROM
        "JOIN org_representatives r ON r.org_id = o.id WHERE r.user_id = ? "
        "ORDER BY o.name_fold, o.id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, user_id);
    return many_orgs(st, a, list, n);
}
