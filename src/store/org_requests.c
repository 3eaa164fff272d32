/* Requests to represent an organisation. */
#include <string.h>

#include "store/store.h"

#define RQ_COLS                                                                          \
    "q.id, q.org_id, q.user_id, o.name, o.slug, u.name, q.note, q.status, q.created_at, " \
    "COALESCE(q.decided_at, 0)"
#define RQ_FROM                                                                           \
    " FROM org_requests q JOIN organisations o ON o.id = q.org_id "                     \
    "JOIN users u ON u.id = q.user_id "

static void read_rq(db_stmt *st, arena *a, struct org_request *q)
{
    q->id = db_col_int(st, 0);
    q->org_id = db_col_int(st, 1);
    q->user_id = db_col_int(st, 2);
    q->org_name = arena_strdup(a, db_col_text(st, 3));
    q->org_slug = arena_strdup(a, db_col_text(st, 4));
    q->user_name = arena_strdup(a, db_col_text(st, 5));
    q->note = arena_strdup(a, db_col_text(st, 6));
    q->status = arena_strdup(a, db_col_text(st, 7));
    q->created_at = db_col_int(st, 8);
    q->decided_at = db_col_int(st, 9);
}

static enum db_rc many(db_stmt *st, arena *a, struct org_request **list, size_t *n)
{
    size_t cap = 8;
    *list = arena_alloc(a, cap * sizeof **list);
    *n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (*n == cap) {
            struct org_request *more = arena_alloc(a, 2 * cap * sizeof *more);
            memcpy(more, *list, cap * sizeof *more);
            *list = more;
            cap *= 2;
        }
        read_rq(st, a, &(*list)[(*n)++]);
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_org_request_add(db *d, int64_t org_id, int64_t user_id, const char *note,
                                 int64_t now, int64_t *id)
{
    static const char Q[] =
        "INSERT INTO org_requests(org_id, user_id, note, status, created_at) "
        "VALUES (?, ?, ?, 'vantar', ?) RETURNING id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, org_id);
    db_bind_int(st, 2, user_id);
    db_bind_text(st, 3, note);
    db_bind_int(st, 4, now);
    return db_one_int(st, id);
}

enum db_rc store_org_request_get(db *d, arena *a, int64_t id, struct org_request **rq)
{
    static const char Q[] = "SELECT " RQ_COLS RQ_FROM "WHERE q.id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, id);
    struct org_request *list;
    size_t n;
    enum db_rc rc = many(st, a, &list, &n);
    if (rc != DB_OK) return rc;
    if (!n) return DB_NOTFOUND;
    *rq = list;
    return DB_OK;
}

enum db_rc store_org_requests_waiting(db *d, arena *a, int64_t org_id, struct org_request **list,
                                      size_t *n)
{
    static const char Q[] = "SELECT " RQ_COLS RQ_FROM
                            "WHERE q.status = 'vantar' AND (? = 0 OR q.org_id = ?) "
                            "ORDER BY q.created_at, q.id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, org_id);
    db_bind_int(st, 2, org_id);
    return many(st, a, list, n);
}

enum db_rc store_org_requests_of(db *d, arena *a, int64_t user_id, struct org_request **list,
                                 size_t *n)
{
    static const char Q[] = "SELECT " RQ_COLS RQ_FROM "WHERE q.user_id = ? ORDER BY q.id DESC";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, user_id);
    return many(st, a, list, n);
}

enum db_rc store_org_request_decide(db *d, int64_t id, bool approve, int64_t by, int64_t now)
{
    static const char Q[] = "UPDATE org_requests SET status = ?, decided_by = ?, decided_at = ? "
                            "WHERE id = ? AND status = 'vantar'";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, approve ? "godkand" : "avslagen");
    db_bind_int(st, 2, by);
    db_bind_int(st, 3, now);
    db_bind_int(st, 4, id);
    int64_t changed = 0;
    enum db_rc rc = db_run_changes(st, &changed);
    if (rc != DB_OK) return rc;
    return changed ? DB_OK : DB_CONFLICT;
}
