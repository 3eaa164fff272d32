/* Comments and their moderation. */
#include "store/names.h"
#include "store/store.h"

enum db_rc store_comment_create(db *d, const struct comment *c, const char *client_hash,
                                int64_t user_id, int64_t now, int64_t *id)
{
    static const char Q[] =
        "INSERT INTO comments(post_id, name, email, body, status, client_hash, user_id, "
        "created_at) VALUES (?, ?, ?, ?, 'vantar', ?, ?, ?) RETURNING id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, c->post_id);
    db_bind_text(st, 2, c->name);
    db_bind_text(st, 3, c->email);
    db_bind_text(st, 4, c->body);
    db_bind_text(st, 5, client_hash);
    if (user_id) db_bind_int(st, 6, user_id);
    else db_bind_null(st, 6);
    db_bind_int(st, 7, now);
    return db_one_int(st, id);
}

static bool read_comment(db_stmt *st, arena *a, struct comment *c)
{
    c->id = db_col_int(st, 0);
    c->post_id = db_col_int(st, 1);
    c->name = arena_strdup(a, db_col_text(st, 2));
    c->body = arena_strdup(a, db_col_text(st, 3));
    c->created_at = db_col_int(st, 4);
    int s = comment_status_from_name(db_col_text(st, 5));
    if (!store_name_known(s, "comments status", db_col_text(st, 5))) return false;
    c->status = (enum comment_status)s;
    return true;
}

enum db_rc store_comments_approved(db *d, arena *a, int64_t post_id, int64_t offset,
                                   int64_t limit, struct comment **list, size_t *n)
{
    /* comments_post (post_id, status, created_at, id) gives the order */
    static const char Q[] =
        "SELECT id, post_id, name, body, created_at, status FROM comments "
        "WHERE post_id = ? AND status = 'godkand' ORDER BY created_at, id LIMIT ? OFFSET ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, post_id);
    db_bind_int(st, 2, limit);
    db_bind_int(st, 3, offset);
    struct comment *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW)
        if (!read_comment(st, a, ARENA_PUSH(a, items, count, cap))) {
            rc = DB_ERR;
            break;
        }
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_comments_pending(db *d, arena *a, struct comment **list, size_t *n)
{
    static const char Q[] =
        "SELECT c.id, c.post_id, c.name, c.body, c.created_at, c.status, c.email, p.title, "
        "p.slug FROM comments c JOIN posts p ON p.id = c.post_id WHERE c.status = 'vantar' "
        "ORDER BY c.created_at, c.id LIMIT 200";
    db_stmt *st = db_prepare(d, Q);
    struct comment *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct comment *c = ARENA_PUSH(a, items, count, cap);
        if (!read_comment(st, a, c)) {
            rc = DB_ERR;
            break;
        }
        c->email = arena_strdup(a, db_col_text(st, 6));
        c->post_title = arena_strdup(a, db_col_text(st, 7));
        c->post_slug = arena_strdup(a, db_col_text(st, 8));
    }
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

struct moderation {
    int64_t id, by, now;
    enum comment_status to;
};

static enum db_rc moderate_tx(db *d, void *ctx)
{
    struct moderation *m = ctx;
    static const char Q[] =
        "UPDATE comments SET status = ?, moderated_by = ?, moderated_at = ? "
        "WHERE id = ? AND status = 'vantar'";
    static const char Q_COUNT[] =
        "UPDATE posts SET comment_count = comment_count + 1 "
        "WHERE id = (SELECT post_id FROM comments WHERE id = ?)";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, comment_status_name(m->to));
    db_bind_int(st, 2, m->by);
    db_bind_int(st, 3, m->now);
    db_bind_int(st, 4, m->id);
    int64_t changed = 0;
    enum db_rc rc = db_run_changes(st, &changed);
    if (rc != DB_OK) return rc;
    static const char Q_HAVE[] = "SELECT COUNT(*) FROM comments WHERE id = ?";
    if (!changed) return store_gone_or_conflict(d, Q_HAVE, m->id); /* moderated first? */
    if (m->to != COMMENT_APPROVED) return DB_OK;
    st = db_prepare(d, Q_COUNT);
    db_bind_int(st, 1, m->id);
    return db_run(st);
}

enum db_rc store_comment_moderate(db *d, int64_t id, enum comment_status to, int64_t by,
                                  int64_t now)
{
    struct moderation m = {id, by, now, to};
    return db_tx(d, true, moderate_tx, &m);
}
