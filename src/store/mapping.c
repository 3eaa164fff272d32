/* Kartläggning: see store/mapping.h. */
#include <string.h>

#include "store/names.h"
#include "store/store.h"

struct create {
    const struct mapping_request *m;
    const int64_t *orgs;
    const char *const *hashes;
    size_t n;
    int64_t id;
};

static enum db_rc create_tx(db *d, void *ctx)
{
    struct create *c = ctx;
    static const char Q[] =
        "INSERT INTO mapping_requests(org_id, title, message, created_by, created_at) "
        "VALUES (?, ?, ?, ?, ?) RETURNING id";
    static const char Q_R[] =
        "INSERT INTO mapping_recipients(request_id, org_id, token_hash) VALUES (?, ?, ?)";
    db_stmt *st = db_prepare(d, Q);
    if (c->m->org_id) db_bind_int(st, 1, c->m->org_id);
    else db_bind_null(st, 1);
    db_bind_text(st, 2, c->m->title);
    db_bind_text(st, 3, c->m->message);
    if (c->m->created_by) db_bind_int(st, 4, c->m->created_by);
    else db_bind_null(st, 4);
    db_bind_int(st, 5, c->m->created_at);
    enum db_rc rc = db_one_int(st, &c->id);
    for (size_t i = 0; rc == DB_OK && i < c->n; i++) {
        st = db_prepare(d, Q_R);
        db_bind_int(st, 1, c->id);
        db_bind_int(st, 2, c->orgs[i]);
        db_bind_text(st, 3, c->hashes[i]);
        rc = db_run(st);
    }
    return rc;
}

enum db_rc store_mapping_create(db *d, const struct mapping_request *m, const int64_t *org_ids,
                                const char *const *token_hashes, size_t n, int64_t *id)
{
    struct create c = {m, org_ids, token_hashes, n, 0};
    enum db_rc rc = db_tx(d, true, create_tx, &c);
    *id = c.id;
    return rc;
}

#define REQ_COLS                                                                              \
    "m.id, COALESCE(m.org_id, 0), COALESCE(o.name, ''), m.title, m.message, "                \
    "COALESCE(m.created_by, 0), m.created_at, "                                               \
    "(SELECT COUNT(*) FROM mapping_recipients x WHERE x.request_id = m.id), "                \
    "(SELECT COUNT(*) FROM mapping_recipients x WHERE x.request_id = m.id AND x.answered_at IS NOT NULL)"
#define REQ_FROM " FROM mapping_requests m LEFT JOIN organisations o ON o.id = m.org_id "

static void read_req(db_stmt *st, arena *a, struct mapping_request *m)
{
    m->id = db_col_int(st, 0);
    m->org_id = db_col_int(st, 1);
    m->org_name = arena_strdup(a, db_col_text(st, 2));
    m->title = arena_strdup(a, db_col_text(st, 3));
    m->message = arena_strdup(a, db_col_text(st, 4));
    m->created_by = db_col_int(st, 5);
    m->created_at = db_col_int(st, 6);
    m->recipients = db_col_int(st, 7);
    m->answered = db_col_int(st, 8);
}

enum db_rc store_mapping_list(db *d, arena *a, int64_t user_id, bool all, struct mapping_request **list,
                              size_t *n)
{
    static const char Q[] =
        "SELECT " REQ_COLS REQ_FROM
        "WHERE ? = 1 OR m.created_by = ? OR m.org_id IN "
        "(SELECT org_id FROM org_representatives WHERE user_id = ?) ORDER BY m.created_at DESC, m.id DESC";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, all ? 1 : 0);
    db_bind_int(st, 2, user_id);
    db_bind_int(st, 3, user_id);
    size_t cap = 0;
    *list = NULL;
    *n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) read_req(st, a, ARENA_PUSH(a, *list, *n, cap));
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

#define REC_COLS                                                                              \
    "x.id, x.request_id, x.org_id, o.name, o.slug, m.title, m.message, "                     \
    "COALESCE(a.name, 'Samordnarna'), COALESCE(x.answered_at, 0), COALESCE(x.reminded_at, 0), " \
    "x.reminders, (SELECT COUNT(*) FROM offerings f WHERE f.org_id = x.org_id)"
#define REC_FROM                                                                              \
    " FROM mapping_recipients x JOIN organisations o ON o.id = x.org_id "                    \
    "JOIN mapping_requests m ON m.id = x.request_id LEFT JOIN organisations a ON a.id = m.org_id "

static void read_rec(db_stmt *st, arena *a, struct mapping_recipient *r)
{
    r->id = db_col_int(st, 0);
    r->request_id = db_col_int(st, 1);
    r->org_id = db_col_int(st, 2);
    r->org_name = arena_strdup(a, db_col_text(st, 3));
    r->org_slug = arena_strdup(a, db_col_text(st, 4));
    r->request_title = arena_strdup(a, db_col_text(st, 5));
    r->request_message = arena_strdup(a, db_col_text(st, 6));
    r->asker = arena_strdup(a, db_col_text(st, 7));
    r->answered_at = db_col_int(st, 8);
    r->reminded_at = db_col_int(st, 9);
    r->reminders = db_col_int(st, 10);
    r->offerings = db_col_int(st, 11);
}

static enum db_rc many_recs(db_stmt *st, arena *a, struct mapping_recipient **list, size_t *n)
{
    size_t cap = 0;
    *list = NULL;
    *n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) read_rec(st, a, ARENA_PUSH(a, *list, *n, cap));
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

static enum db_rc one_rec(db_stmt *st, arena *a, struct mapping_recipient **r)
{
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *r = arena_alloc(a, sizeof **r);
        read_rec(st, a, *r);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_NOTFOUND;
    }
    db_done(st);
    return rc;
}

enum db_rc store_mapping_get(db *d, arena *a, int64_t id, struct mapping_request **m,
                             struct mapping_recipient **list, size_t *n)
{
    static const char Q[] = "SELECT " REQ_COLS REQ_FROM "WHERE m.id = ?";
    static const char Q_R[] = "SELECT " REC_COLS REC_FROM "WHERE x.request_id = ? ORDER BY o.name_fold, x.id";
    db_read_begin(d);
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *m = arena_alloc(a, sizeof **m);
        read_req(st, a, *m);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_NOTFOUND;
    }
    db_done(st);
    if (rc == DB_OK) {
        st = db_prepare(d, Q_R);
        db_bind_int(st, 1, id);
        rc = many_recs(st, a, list, n);
    }
    db_read_end(d);
    return rc;
}

enum db_rc store_mapping_to_answer(db *d, arena *a, int64_t user_id, struct mapping_recipient **list,
                                   size_t *n)
{
    static const char Q[] =
        "SELECT " REC_COLS REC_FROM
        "WHERE x.answered_at IS NULL AND x.org_id IN (SELECT org_id FROM org_representatives WHERE user_id = ?) "
        "ORDER BY m.created_at DESC, x.id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, user_id);
    return many_recs(st, a, list, n);
}

enum db_rc store_mapping_by_token(db *d, arena *a, const char *token_hash, struct mapping_recipient **r)
{
    static const char Q[] = "SELECT " REC_COLS REC_FROM "WHERE x.token_hash = ? AND x.answered_at IS NULL";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, token_hash);
    return one_rec(st, a, r);
}

enum db_rc store_mapping_recipient(db *d, arena *a, int64_t recipient_id, struct mapping_recipient **r)
{
    static const char Q[] = "SELECT " REC_COLS REC_FROM "WHERE x.id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, recipient_id);
    return one_rec(st, a, r);
}

enum db_rc store_mapping_answer(db *d, int64_t recipient_id, int64_t now)
{
    static const char Q[] =
        "UPDATE mapping_recipients SET answered_at = ?, token_hash = 'besvarad:' || id "
        "WHERE id = ? AND answered_at IS NULL";
    static const char Q_HAVE[] = "SELECT COUNT(*) FROM mapping_recipients WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, now);
    db_bind_int(st, 2, recipient_id);
    int64_t changed = 0;
    enum db_rc rc = db_run_changes(st, &changed);
    if (rc != DB_OK || changed) return rc;
    return store_gone_or_conflict(d, Q_HAVE, recipient_id);
}

enum db_rc store_mapping_remind(db *d, int64_t recipient_id, const char *token_hash, int64_t now)
{
    static const char Q[] =
        "UPDATE mapping_recipients SET token_hash = ?, reminded_at = ?, reminders = reminders + 1 "
        "WHERE id = ? AND answered_at IS NULL";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, token_hash);
    db_bind_int(st, 2, now);
    db_bind_int(st, 3, recipient_id);
    int64_t changed = 0;
    enum db_rc rc = db_run_changes(st, &changed);
    return rc == DB_OK && !changed ? DB_CONFLICT : rc;
}
