/* Plain-language reviews: see reviews.h. */
#include <string.h>

#include "domain/review.h"
#include "store/names.h"
#include "store/store.h"

#define RV_COLS                                                                               \
    "r.id, COALESCE(r.author_id, 0), COALESCE(r.post_id, 0), r.latest_version, r.created_at, " \
    "r.updated_at, r.author_name, r.kind, r.title, r.question, r.deadline, "                   \
    "COALESCE((SELECT MAX(v.created_at) FROM review_verdicts v WHERE v.request_id = r.id "      \
    "AND v.version = r.latest_version AND v.verdict = 'godkand'), 0), "                        \
    "(SELECT COUNT(*) FROM review_comments c WHERE c.request_id = r.id), "                      \
    "(SELECT COUNT(*) FROM review_verdicts v WHERE v.request_id = r.id "                        \
    "AND v.version = r.latest_version)"

static bool read_rv(db_stmt *st, arena *a, struct review *r)
{
    r->id = db_col_int(st, 0);
    r->author_id = db_col_int(st, 1);
    r->post_id = db_col_int(st, 2);
    r->latest_version = db_col_int(st, 3);
    r->created_at = db_col_int(st, 4);
    r->updated_at = db_col_int(st, 5);
    r->author_name = arena_strdup(a, db_col_text(st, 6));
    r->kind = arena_strdup(a, db_col_text(st, 7));
    r->title = arena_strdup(a, db_col_text(st, 8));
    r->question = arena_strdup(a, db_col_text(st, 9));
    r->deadline = arena_strdup(a, db_col_text(st, 10));
    r->approved_at = db_col_int(st, 11);
    r->comments = db_col_int(st, 12);
    r->verdicts_latest = db_col_int(st, 13);
    return store_name_known(review_kind_from_name(r->kind), "review_requests kind", r->kind);
}

static enum db_rc many_rv(db_stmt *st, arena *a, struct review **list, size_t *n)
{
    size_t cap = 0;
    *list = NULL;
    *n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct review *r = ARENA_PUSH(a, *list, *n, cap);
        if (!read_rv(st, a, r)) {
            db_done(st);
            return DB_ERR;
        }
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

struct create_ctx {
    const struct review *rv;
    const char *body;
    int64_t now, *id;
};

static enum db_rc create_tx(db *d, void *p)
{
    struct create_ctx *c = p;
    static const char Q[] =
        "INSERT INTO review_requests(author_id, author_name, kind, title, question, deadline, "
        "post_id, latest_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?) "
        "RETURNING id";
    db_stmt *st = db_prepare(d, Q);
    if (c->rv->author_id) db_bind_int(st, 1, c->rv->author_id);
    else db_bind_null(st, 1);
    db_bind_text(st, 2, c->rv->author_name);
    db_bind_text(st, 3, c->rv->kind);
    db_bind_text(st, 4, c->rv->title);
    db_bind_text(st, 5, c->rv->question);
    db_bind_text(st, 6, c->rv->deadline);
    if (c->rv->post_id) db_bind_int(st, 7, c->rv->post_id);
    else db_bind_null(st, 7);
    db_bind_int(st, 8, c->now);
    db_bind_int(st, 9, c->now);
    enum db_rc rc = db_one_int(st, c->id);
    if (rc != DB_OK) return rc;
    static const char QV[] =
        "INSERT INTO review_versions(request_id, number, body, note, created_by, created_at) "
        "VALUES (?, 1, ?, '', ?, ?)";
    st = db_prepare(d, QV);
    db_bind_int(st, 1, *c->id);
    db_bind_text(st, 2, c->body);
    if (c->rv->author_id) db_bind_int(st, 3, c->rv->author_id);
    else db_bind_null(st, 3);
    db_bind_int(st, 4, c->now);
    return db_run(st);
}

enum db_rc store_review_create(db *d, const struct review *rv, const char *body, int64_t now,
                               int64_t *id)
{
    struct create_ctx c = {rv, body, now, id};
    return db_tx(d, true, create_tx, &c);
}

enum db_rc store_review_get(db *d, arena *a, int64_t id, struct review **rv)
{
    static const char Q[] = "SELECT " RV_COLS " FROM review_requests r WHERE r.id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, id);
    struct review *list;
    size_t n;
    enum db_rc rc = many_rv(st, a, &list, &n);
    if (rc != DB_OK) return rc;
    if (!n) return DB_NOTFOUND;
    *rv = list;
    return DB_OK;
}

enum db_rc store_reviews_list(db *d, arena *a, int64_t author_id, struct review **list, size_t *n)
{
    static const char Q[] = "SELECT " RV_COLS " FROM review_requests r "
                            "WHERE (? = 0 OR r.author_id = ?) ORDER BY r.updated_at DESC, r.id DESC "
                            "LIMIT 200";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, author_id);
    db_bind_int(st, 2, author_id);
    return many_rv(st, a, list, n);
}

enum db_rc store_reviews_approved(db *d, arena *a, int64_t limit, struct review **list, size_t *n)
{
    static const char Q[] =
        "SELECT " RV_COLS " FROM review_requests r WHERE EXISTS (SELECT 1 FROM review_verdicts v "
        "WHERE v.request_id = r.id AND v.verdict = 'godkand') "
        "ORDER BY (SELECT MAX(v.created_at) FROM review_verdicts v WHERE v.request_id = r.id "
        "AND v.verdict = 'godkand') DESC, r.id DESC LIMIT ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, limit);
    return many_rv(st, a, list, n);
}

static enum db_rc many_versions(db_stmt *st, arena *a, struct review_version **list, size_t *n)
{
    size_t cap = 0;
    *list = NULL;
    *n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct review_version *v = ARENA_PUSH(a, *list, *n, cap);
        v->id = db_col_int(st, 0);
        v->number = db_col_int(st, 1);
        v->created_at = db_col_int(st, 2);
        v->body = arena_strdup(a, db_col_text(st, 3));
        v->note = arena_strdup(a, db_col_text(st, 4));
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_review_version(db *d, arena *a, int64_t request_id, int64_t number,
                                struct review_version **v)
{
    static const char Q[] = "SELECT id, number, created_at, body, note FROM review_versions "
                            "WHERE request_id = ? AND number = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, request_id);
    db_bind_int(st, 2, number);
    size_t n;
    enum db_rc rc = many_versions(st, a, v, &n);
    if (rc != DB_OK) return rc;
    return n ? DB_OK : DB_NOTFOUND;
}

enum db_rc store_review_versions(db *d, arena *a, int64_t request_id,
                                 struct review_version **list, size_t *n)
{
    static const char Q[] = "SELECT id, number, created_at, body, note FROM review_versions "
                            "WHERE request_id = ? ORDER BY number";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, request_id);
    return many_versions(st, a, list, n);
}

struct comment_ctx {
    int64_t request_id, version, paragraph, user_id, now, *id;
    const char *quote, *body, *user_name;
};

static enum db_rc comment_tx(db *d, void *p)
{
    struct comment_ctx *c = p;
    /* only on the latest version: the INSERT … SELECT finds no row else */
    static const char Q[] =
        "INSERT INTO review_comments(request_id, version, paragraph, quote, body, user_id, "
        "user_name, created_at) SELECT r.id, ?, ?, ?, ?, ?, ?, ? FROM review_requests r "
        "WHERE r.id = ? AND r.latest_version = ? RETURNING id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, c->version);
    db_bind_int(st, 2, c->paragraph);
    db_bind_text(st, 3, c->quote);
    db_bind_text(st, 4, c->body);
    if (c->user_id) db_bind_int(st, 5, c->user_id);
    else db_bind_null(st, 5);
    db_bind_text(st, 6, c->user_name);
    db_bind_int(st, 7, c->now);
    db_bind_int(st, 8, c->request_id);
    db_bind_int(st, 9, c->version);
    enum db_rc rc = db_one_int(st, c->id);
    if (rc == DB_NOTFOUND) return DB_CONFLICT;
    if (rc != DB_OK) return rc;
    static const char QP[] =
        "INSERT INTO review_comment_places(comment_id, version, paragraph) VALUES (?, ?, ?)";
    st = db_prepare(d, QP);
    db_bind_int(st, 1, *c->id);
    db_bind_int(st, 2, c->version);
    db_bind_int(st, 3, c->paragraph);
    rc = db_run(st);
    if (rc != DB_OK) return rc;
    static const char QU[] = "UPDATE review_requests SET updated_at = ? WHERE id = ?";
    st = db_prepare(d, QU);
    db_bind_int(st, 1, c->now);
    db_bind_int(st, 2, c->request_id);
    return db_run(st);
}

enum db_rc store_review_comment_add(db *d, int64_t request_id, int64_t version, int64_t paragraph,
                                    const char *quote, const char *body, int64_t user_id,
                                    const char *user_name, int64_t now, int64_t *id)
{
    struct comment_ctx c = {request_id, version, paragraph, user_id, now, id, quote, body,
                            user_name};
    return db_tx(d, true, comment_tx, &c);
}

enum db_rc store_review_comments(db *d, arena *a, int64_t request_id, int64_t version,
                                 struct review_comment **list, size_t *n)
{
    static const char Q[] =
        "SELECT c.id, c.version, c.paragraph, COALESCE(c.user_id, 0), c.created_at, "
        "COALESCE(c.answered_at, 0), COALESCE(p.paragraph, 0), c.quote, c.body, c.user_name, "
        "c.answer FROM review_comments c LEFT JOIN review_comment_places p "
        "ON p.comment_id = c.id AND p.version = ? WHERE c.request_id = ? ORDER BY c.id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, version);
    db_bind_int(st, 2, request_id);
    size_t cap = 0;
    *list = NULL;
    *n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct review_comment *c = ARENA_PUSH(a, *list, *n, cap);
        c->id = db_col_int(st, 0);
        c->version = db_col_int(st, 1);
        c->paragraph = db_col_int(st, 2);
        c->user_id = db_col_int(st, 3);
        c->created_at = db_col_int(st, 4);
        c->answered_at = db_col_int(st, 5);
        c->place = db_col_int(st, 6);
        c->quote = arena_strdup(a, db_col_text(st, 7));
        c->body = arena_strdup(a, db_col_text(st, 8));
        c->user_name = arena_strdup(a, db_col_text(st, 9));
        c->answer = arena_strdup(a, db_col_text(st, 10));
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_review_comment_answer(db *d, int64_t request_id, int64_t comment_id,
                                       const char *answer, int64_t now)
{
    static const char Q[] = "UPDATE review_comments SET answer = ?, answered_at = ? "
                            "WHERE id = ? AND request_id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, answer);
    db_bind_int(st, 2, now);
    db_bind_int(st, 3, comment_id);
    db_bind_int(st, 4, request_id);
    int64_t changed = 0;
    enum db_rc rc = db_run_changes(st, &changed);
    if (rc != DB_OK) return rc;
    return changed ? DB_OK : DB_NOTFOUND;
}

struct revise_ctx {
    arena *a;
    int64_t request_id, from, by, now, *number;
    const char *body, *note;
};

static enum db_rc revise_tx(db *d, void *p)
{
    struct revise_ctx *c = p;
    static const char QU[] = "UPDATE review_requests SET latest_version = latest_version + 1, "
                             "updated_at = ? WHERE id = ? AND latest_version = ?";
    db_stmt *st = db_prepare(d, QU);
    db_bind_int(st, 1, c->now);
    db_bind_int(st, 2, c->request_id);
    db_bind_int(st, 3, c->from);
    int64_t changed = 0;
    enum db_rc rc = db_run_changes(st, &changed);
    if (rc != DB_OK) return rc;
    if (!changed) return DB_CONFLICT;
    *c->number = c->from + 1;
    static const char QV[] =
        "INSERT INTO review_versions(request_id, number, body, note, created_by, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)";
    st = db_prepare(d, QV);
    db_bind_int(st, 1, c->request_id);
    db_bind_int(st, 2, *c->number);
    db_bind_text(st, 3, c->body);
    db_bind_text(st, 4, c->note);
    if (c->by) db_bind_int(st, 5, c->by);
    else db_bind_null(st, 5);
    db_bind_int(st, 6, c->now);
    if ((rc = db_run(st)) != DB_OK) return rc;

    struct review_version *old;
    if ((rc = store_review_version(d, c->a, c->request_id, c->from, &old)) != DB_OK) return rc;
    struct review_comment *cs;
    size_t n;
    if ((rc = store_review_comments(d, c->a, c->request_id, c->from, &cs, &n)) != DB_OK) return rc;
    static const char QP[] =
        "INSERT INTO review_comment_places(comment_id, version, paragraph) VALUES (?, ?, ?)";
    for (size_t i = 0; i < n; i++) {
        if (!cs[i].place) continue;
        int64_t at = review_carry(c->a, old->body, c->body, cs[i].place, cs[i].quote);
        if (!at) continue;
        st = db_prepare(d, QP);
        db_bind_int(st, 1, cs[i].id);
        db_bind_int(st, 2, *c->number);
        db_bind_int(st, 3, at);
        if ((rc = db_run(st)) != DB_OK) return rc;
    }
    return DB_OK;
}

enum db_rc store_review_revise(db *d, arena *a, int64_t request_id, int64_t from_version,
                               const char *body, const char *note, int64_t by, int64_t now,
                               int64_t *number)
{
    struct revise_ctx c = {a, request_id, from_version, by, now, number, body, note};
    return db_tx(d, true, revise_tx, &c);
}

enum db_rc store_review_verdict(db *d, int64_t request_id, int64_t version, int64_t reviewer_id,
                                const char *reviewer_name, const char *verdict, const char *note,
                                int64_t now)
{
    static const char Q[] =
        "INSERT INTO review_verdicts(request_id, version, reviewer_id, reviewer_name, verdict, "
        "note, created_at) SELECT r.id, ?, ?, ?, ?, ?, ? FROM review_requests r "
        "WHERE r.id = ? AND r.latest_version = ? "
        "ON CONFLICT (request_id, version, reviewer_id) DO UPDATE SET verdict = excluded.verdict, "
        "note = excluded.note, created_at = excluded.created_at, "
        "reviewer_name = excluded.reviewer_name";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, version);
    db_bind_int(st, 2, reviewer_id);
    db_bind_text(st, 3, reviewer_name);
    db_bind_text(st, 4, verdict);
    db_bind_text(st, 5, note);
    db_bind_int(st, 6, now);
    db_bind_int(st, 7, request_id);
    db_bind_int(st, 8, version);
    int64_t changed = 0;
    enum db_rc rc = db_run_changes(st, &changed);
    if (rc != DB_OK) return rc;
    return changed ? DB_OK : DB_CONFLICT;
}

enum db_rc store_review_verdicts(db *d, arena *a, int64_t request_id,
                                 struct review_verdict_row **list, size_t *n)
{
    static const char Q[] =
        "SELECT id, version, COALESCE(reviewer_id, 0), created_at, reviewer_name, verdict, note "
        "FROM review_verdicts WHERE request_id = ? ORDER BY created_at DESC, id DESC";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, request_id);
    size_t cap = 0;
    *list = NULL;
    *n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct review_verdict_row *v = ARENA_PUSH(a, *list, *n, cap);
        v->id = db_col_int(st, 0);
        v->version = db_col_int(st, 1);
        v->reviewer_id = db_col_int(st, 2);
        v->created_at = db_col_int(st, 3);
        v->reviewer_name = arena_strdup(a, db_col_text(st, 4));
        v->verdict = arena_strdup(a, db_col_text(st, 5));
        v->note = arena_strdup(a, db_col_text(st, 6));
        if (!store_name_known(review_verdict_from_name(v->verdict), "review_verdicts verdict",
                              v->verdict)) {
            db_done(st);
            return DB_ERR;
        }
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_post_review_flags(db *d, int64_t post_id, bool *requires, int64_t *reviewed_at)
{
    static const char Q[] =
        "SELECT requires_review, COALESCE(reviewed_at, 0) FROM posts WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, post_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *requires = db_col_int(st, 0) != 0;
        *reviewed_at = db_col_int(st, 1);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_NOTFOUND;
    }
    db_done(st);
    return rc;
}

enum db_rc store_post_set_requires_review(db *d, int64_t post_id, bool requires)
{
    static const char Q[] = "UPDATE posts SET requires_review = ? WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, requires ? 1 : 0);
    db_bind_int(st, 2, post_id);
    return db_run(st);
}

enum db_rc store_post_set_reviewed(db *d, int64_t post_id, int64_t reviewed_at)
{
    static const char Q[] = "UPDATE posts SET reviewed_at = ? WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    if (reviewed_at) db_bind_int(st, 1, reviewed_at);
    else db_bind_null(st, 1);
    db_bind_int(st, 2, post_id);
    return db_run(st);
}

enum db_rc store_post_approval(db *d, int64_t post_id, const char *body, int64_t *approved_at)
{
    static const char Q[] =
        "SELECT COALESCE(MAX(d.created_at), 0) FROM review_requests r "
        "JOIN review_versions v ON v.request_id = r.id "
        "JOIN review_verdicts d ON d.request_id = r.id AND d.version = v.number "
        "WHERE r.post_id = ? AND d.verdict = 'godkand' AND v.body = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, post_id);
    db_bind_text(st, 2, body);
    return db_one_int(st, approved_at);
}

enum db_rc store_post_review_id(db *d, int64_t post_id, int64_t *request_id)
{
    static const char Q[] =
        "SELECT id FROM review_requests WHERE post_id = ? ORDER BY id DESC LIMIT 1";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, post_id);
    return db_one_int(st, request_id);
}

enum db_rc store_post_slug(db *d, arena *a, int64_t post_id, const char **slug, bool *draft)
{
    static const char Q[] = "SELECT slug, status FROM posts WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, post_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *slug = arena_strdup(a, db_col_text(st, 0));
        *draft = strcmp(db_col_text(st, 1), "utkast") == 0;
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_NOTFOUND;
    }
    db_done(st);
    return rc;
}

enum db_rc store_post_set_draft_body(db *d, int64_t post_id, const char *body_md,
                                     const char *body_html, int64_t now)
{
    static const char Q[] = "UPDATE posts SET body_md = ?, body_html = ?, updated_at = ? "
                            "WHERE id = ? AND status = 'utkast'";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, body_md);
    db_bind_text(st, 2, body_html);
    db_bind_int(st, 3, now);
    db_bind_int(st, 4, post_id);
    return db_run(st);
}
