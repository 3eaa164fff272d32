/* What each module puts into the search index (store/search.h): one
 * function per kind that reads the text as stored and puts it — or drops
 * it when the reader may not see it.  The store functions that write
 * these texts call them inside their own transaction, so the index never
 * differs from the text.  What is left out on purpose: drafts (posts,
 * ideas), minutes not yet published, internal notes, submitters' birth
 * years, comments, e-mail addresses, participants. */
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "view/markdown.h"

static enum db_rc put_row(db *d, const char *sql, int64_t id,
                          enum db_rc (*make)(db *d, arena *a, db_stmt *st, int64_t id))
{
    arena *a = arena_new();
    db_stmt *st = db_prepare(d, sql);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        rc = make(d, a, st, id);
    } else if (rc == DB_DONE) {
        db_done(st);
        rc = DB_NOTFOUND;
    } else {
        db_done(st);
    }
    arena_free(a);
    return rc;
}

/* ---- posts: published only ---- */

static enum db_rc make_post(db *d, arena *a, db_stmt *st, int64_t id)
{
    struct search_doc sd = {
        .kind = "inlagg", .ref = id,
        .url = arena_printf(a, "/nyheter/%s", db_col_text(st, 0)),
        .title = arena_strdup(a, db_col_text(st, 1)),
        .body = arena_printf(a, "%s\n%s", db_col_text(st, 2), markdown_plain(a, db_col_text(st, 3))),
        .updated_at = db_col_int(st, 5),
        .visible = strcmp(db_col_text(st, 4), "publicerad") == 0,
    };
    db_done(st);
    return search_put(d, &sd);
}

enum db_rc search_index_post(db *d, int64_t id)
{
    static const char Q[] =
        "SELECT slug, title, summary, body_md, status, updated_at FROM posts WHERE id = ?";
    enum db_rc rc = put_row(d, Q, id, make_post);
    return rc == DB_NOTFOUND ? search_drop(d, "inlagg", id) : rc;
}

/* ---- organisations ---- */

static enum db_rc make_org(db *d, arena *a, db_stmt *st, int64_t id)
{
    const char *name = arena_strdup(a, db_col_text(st, 1));
    const char *facets[] = {arena_printf(a, "org=%s", name), NULL};
    struct search_doc sd = {
        .kind = "organisation", .ref = id,
        .url = arena_printf(a, "/organisationer/%s", db_col_text(st, 0)),
        .title = name,
        .body = arena_printf(a, "%s\n%s", db_col_text(st, 2), markdown_plain(a, db_col_text(st, 3))),
        .updated_at = db_col_int(st, 4), .facets = facets, .visible = true,
    };
    db_done(st);
    return search_put(d, &sd);
}

enum db_rc search_index_org(db *d, int64_t id)
{
    static const char Q[] =
        "SELECT slug, name, summary, description, updated_at FROM organisations WHERE id = ?";
    enum db_rc rc = put_row(d, Q, id, make_org);
    return rc == DB_NOTFOUND ? search_drop(d, "organisation", id) : rc;
}

/* ---- ideas: not drafts; the public texts only ---- */

static enum db_rc make_idea(db *d, arena *a, db_stmt *st, int64_t id)
{
    const char *org = db_col_text(st, 6);
    const char *facets[] = {*org ? arena_printf(a, "org=%s", org) : NULL, NULL};
    struct search_doc sd = {
        .kind = "ide", .ref = id, .url = arena_printf(a, "/ideer/%lld", (long long)id),
        .title = arena_strdup(a, db_col_text(st, 0)),
        .body = arena_printf(a, "%s\n%s\n%s", db_col_text(st, 1), db_col_text(st, 2),
                             db_col_text(st, 3)),
        .updated_at = db_col_int(st, 5), .facets = facets,
        .visible = strcmp(db_col_text(st, 4), "utkast") != 0,
    };
    db_done(st);
    return search_put(d, &sd);
}

enum db_rc search_index_idea(db *d, int64_t id)
{
    static const char Q[] =
        "SELECT i.title, i.need, i.youth_role, i.action, i.status, i.updated_at, "
        "COALESCE(o.name, '') FROM ideas i LEFT JOIN organisations o ON o.id = i.org_id "
        "WHERE i.id = ?";
    enum db_rc rc = put_row(d, Q, id, make_idea);
    return rc == DB_NOTFOUND ? search_drop(d, "ide", id) : rc;
}

/* ---- activities ---- */

static enum db_rc make_activity(db *d, arena *a, db_stmt *st, int64_t id)
{
    struct search_doc sd = {
        .kind = "aktivitet", .ref = id, .url = arena_printf(a, "/aktiviteter/%lld", (long long)id),
        .title = arena_strdup(a, db_col_text(st, 0)),
        .body = arena_printf(a, "%s\n%s\n%s", db_col_text(st, 1), db_col_text(st, 2),
                             db_col_text(st, 3)),
        .updated_at = db_col_int(st, 4), .visible = true,
    };
    db_done(st);
    return search_put(d, &sd);
}

enum db_rc search_index_activity(db *d, int64_t id)
{
    static const char Q[] =
        "SELECT title, report, results, next_steps, updated_at FROM activities WHERE id = ?";
    enum db_rc rc = put_row(d, Q, id, make_activity);
    return rc == DB_NOTFOUND ? search_drop(d, "aktivitet", id) : rc;
}

/* ---- meetings: only once their minutes are published ---- */

static enum db_rc make_meeting(db *d, arena *a, db_stmt *st, int64_t id)
{
    const char *theme = arena_strdup(a, db_col_text(st, 0));
    const char *date = arena_strdup(a, db_col_text(st, 1));
    const char *desc = arena_strdup(a, db_col_text(st, 2));
    bool published = strcmp(db_col_text(st, 3), "protokoll_publicerat") == 0;
    int64_t updated = db_col_int(st, 4);
    db_done(st);
    if (!published) return search_drop(d, "protokoll", id);
    static const char Q_ITEMS[] =
        "SELECT title, minutes FROM agenda_items WHERE meeting_id = ? ORDER BY section, position, id";
    buf b = {0};
    buf_puts(&b, desc);
    db_stmt *it = db_prepare(d, Q_ITEMS);
    db_bind_int(it, 1, id);
    enum db_rc rc;
    while ((rc = db_step(it)) == DB_ROW) {
        buf_printf(&b, "\n%s\n%s", db_col_text(it, 0), db_col_text(it, 1));
    }
    db_done(it);
    if (rc != DB_DONE) {
        buf_free(&b);
        return rc;
    }
    struct search_doc sd = {
        .kind = "protokoll", .ref = id,
        .url = arena_printf(a, "/moten/%lld/protokoll", (long long)id),
        .title = *theme ? arena_printf(a, "Protokoll %s: %s", date, theme)
                        : arena_printf(a, "Protokoll %s", date),
        .body = arena_strdup(a, buf_cstr(&b)), .updated_at = updated, .visible = true,
    };
    buf_free(&b);
    return search_put(d, &sd);
}

enum db_rc search_index_meeting(db *d, int64_t id)
{
    static const char Q[] =
        "SELECT theme, date, description, status, updated_at FROM meetings WHERE id = ?";
    enum db_rc rc = put_row(d, Q, id, make_meeting);
    return rc == DB_NOTFOUND ? search_drop(d, "protokoll", id) : rc;
}

/* ---- everything again ---- */

static enum db_rc each_id(db *d, const char *sql, enum db_rc (*fn)(db *, int64_t))
{
    int64_t *ids = NULL;
    size_t n = 0, cap = 0;
    db_stmt *st = db_prepare(d, sql);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            ids = xrealloc(ids, cap * sizeof *ids);
        }
        ids[n++] = db_col_int(st, 0);
    }
    db_done(st);
    if (rc == DB_DONE) rc = DB_OK;
    for (size_t i = 0; rc == DB_OK && i < n; i++) rc = fn(d, ids[i]);
    free(ids);
    return rc;
}

/* Every kind of text: the ids to read, and the function that puts one
 * (a new kind adds one line). */
static const struct {
    const char *ids;
    enum db_rc (*put)(db *, int64_t);
} sources[] = {
    {"SELECT id FROM posts ORDER BY id", search_index_post},
    {"SELECT id FROM organisations ORDER BY id", search_index_org},
    {"SELECT id FROM ideas ORDER BY id", search_index_idea},
    {"SELECT id FROM activities ORDER BY id", search_index_activity},
    {"SELECT id FROM meetings ORDER BY id", search_index_meeting},
    {"SELECT id FROM offerings ORDER BY id", search_index_offering},
    {"SELECT id FROM events ORDER BY id", search_index_event},
    {"SELECT id FROM hackathons ORDER BY id", search_index_hack_challenges},
};

static enum db_rc rebuild_tx(db *d, void *ctx)
{
    (void)ctx;
    enum db_rc rc = DB_OK;
    for (size_t i = 0; rc == DB_OK && i < sizeof sources / sizeof sources[0]; i++)
        rc = each_id(d, sources[i].ids, sources[i].put);
    return rc;
}

enum db_rc search_rebuild(db *d)
{
    return db_tx(d, true, rebuild_tx, NULL);
}
