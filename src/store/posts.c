/* Posts. */
#include "store/names.h"
#include "store/store.h"

#define POST_COLS                                                                        \
    "p.id, p.slug, p.title, p.summary, p.body_md, p.body_html, COALESCE(p.author_id, 0), " \
    "p.author_name, p.status, COALESCE(p.published_at, 0), p.updated_at, p.comment_count"

static bool read_post(db_stmt *st, arena *a, struct post *p, bool with_body)
{
    p->id = db_col_int(st, 0);
    p->slug = arena_strdup(a, db_col_text(st, 1));
    p->title = arena_strdup(a, db_col_text(st, 2));
    p->summary = arena_strdup(a, db_col_text(st, 3));
    p->body_md = with_body ? arena_strdup(a, db_col_text(st, 4)) : "";
    p->body_html = with_body ? arena_strdup(a, db_col_text(st, 5)) : "";
    p->author_id = db_col_int(st, 6);
    p->author_name = arena_strdup(a, db_col_text(st, 7));
    int s = post_status_from_name(db_col_text(st, 8));
    if (!store_name_known(s, "posts status", db_col_text(st, 8))) return false;
    p->status = (enum post_status)s;
    p->published_at = db_col_int(st, 9);
    p->updated_at = db_col_int(st, 10);
    p->comment_count = db_col_int(st, 11);
    return true;
}

static void bind_published(db_stmt *st, int idx, const struct post *p)
{
    if (p->status == POST_PUBLISHED && p->published_at) db_bind_int(st, idx, p->published_at);
    else db_bind_null(st, idx);
}

struct post_write {
    const struct post *p;
    int64_t now;
    int64_t id;
};

static enum db_rc post_create_tx(db *d, void *ctx);
static enum db_rc post_update_tx(db *d, void *ctx);

/* The post and its search entry (published only) commit together. */
enum db_rc store_post_create(db *d, const struct post *p, int64_t now, int64_t *id)
{
    struct post_write w = {p, now, 0};
    enum db_rc rc = db_tx(d, true, post_create_tx, &w);
    *id = w.id;
    return rc;
}

enum db_rc store_post_update(db *d, const struct post *p, int64_t now)
{
    struct post_write w = {p, now, p->id};
    return db_tx(d, true, post_update_tx, &w);
}

static enum db_rc post_create_row(db *d, const struct post *p, int64_t now, int64_t *id)
{
    static const char Q[] =
        "INSERT INTO posts(slug, title, summary, body_md, body_html, author_id, author_name, "
        "status, published_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, p->slug);
    db_bind_text(st, 2, p->title);
    db_bind_text(st, 3, p->summary);
    db_bind_text(st, 4, p->body_md);
    db_bind_text(st, 5, p->body_html);
    if (p->author_id) db_bind_int(st, 6, p->author_id);
    else db_bind_null(st, 6);
    db_bind_text(st, 7, p->author_name);
    db_bind_text(st, 8, post_status_name(p->status));
    bind_published(st, 9, p);
    db_bind_int(st, 10, now);
    db_bind_int(st, 11, now);
    return db_one_int(st, id);
}

static enum db_rc post_create_tx(db *d, void *ctx)
{
    struct post_write *w = ctx;
    enum db_rc rc = post_create_row(d, w->p, w->now, &w->id);
    return rc == DB_OK ? search_index_post(d, w->id) : rc;
}

static enum db_rc post_update_row(db *d, const struct post *p, int64_t now)
{
    static const char Q[] =
        "UPDATE posts SET title = ?, summary = ?, body_md = ?, body_html = ?, status = ?, "
        "published_at = ?, updated_at = ? WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, p->title);
    db_bind_text(st, 2, p->summary);
    db_bind_text(st, 3, p->body_md);
    db_bind_text(st, 4, p->body_html);
    db_bind_text(st, 5, post_status_name(p->status));
    bind_published(st, 6, p);
    db_bind_int(st, 7, now);
    db_bind_int(st, 8, p->id);
    return db_run(st);
}

static enum db_rc post_update_tx(db *d, void *ctx)
{
    struct post_write *w = ctx;
    enum db_rc rc = post_update_row(d, w->p, w->now);
    return rc == DB_OK ? search_index_post(d, w->p->id) : rc;
}

enum db_rc store_post_by_slug(db *d, arena *a, const char *slug, struct post **p)
{
    static const char Q[] = "SELECT " POST_COLS " FROM posts p WHERE p.slug = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, slug);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *p = arena_alloc(a, sizeof **p);
        rc = read_post(st, a, *p, true) ? DB_OK : DB_ERR;
    } else if (rc == DB_DONE) {
        rc = DB_NOTFOUND;
    }
    db_done(st);
    return rc;
}

static enum db_rc many_posts(db_stmt *st, arena *a, bool with_body, struct post **list,
                             size_t *n)
{
    struct post *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW)
        if (!read_post(st, a, ARENA_PUSH(a, items, count, cap), with_body)) {
            rc = DB_ERR;
            break;
        }
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_posts_published(db *d, arena *a, int64_t offset, int64_t limit, bool with_body,
                                 struct post **list, size_t *n, int64_t *total)
{
    static const char Q_COUNT[] = "SELECT COUNT(*) FROM posts WHERE status = 'publicerad'";
    static const char Q[] =
        "SELECT " POST_COLS " FROM posts p WHERE p.status = 'publicerad' "
        "ORDER BY p.published_at DESC, p.id DESC LIMIT ? OFFSET ?";
    enum db_rc rc = db_one_int(db_prepare(d, Q_COUNT), total);
    if (rc != DB_OK) return rc;
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, limit);
    db_bind_int(st, 2, offset);
    return many_posts(st, a, with_body, list, n);
}

enum db_rc store_posts_drafts(db *d, arena *a, struct post **list, size_t *n)
{
    static const char Q[] =
        "SELECT " POST_COLS " FROM posts p WHERE p.status = 'utkast' "
        "ORDER BY p.updated_at DESC, p.id DESC LIMIT 200";
    return many_posts(db_prepare(d, Q), a, false, list, n);
}

enum db_rc store_post_slug_free(db *d, const char *slug, bool *is_free)
{
    static const char Q[] = "SELECT COUNT(*) FROM posts WHERE slug = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, slug);
    int64_t c = 0;
    enum db_rc rc = db_one_int(st, &c);
    *is_free = rc == DB_OK && c == 0;
    return rc;
}
