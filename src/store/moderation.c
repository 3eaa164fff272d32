/* What waits for moderation, and the moderation digest's subscribers. */
#include "store/store.h"

enum db_rc store_waiting_counts(db *d, int64_t *comments, int64_t *suggestions)
{
    static const char Q_C[] = "SELECT COUNT(*) FROM comments WHERE status = 'vantar'";
    static const char Q_S[] = "SELECT COUNT(*) FROM topic_suggestions WHERE status = 'vantar'";
    enum db_rc rc = DB_OK;
    if (comments) rc = db_one_int(db_prepare(d, Q_C), comments);
    if (rc == DB_OK && suggestions) rc = db_one_int(db_prepare(d, Q_S), suggestions);
    return rc;
}

enum db_rc store_waiting_by_group(db *d, arena *a, struct waiting_group **list, size_t *n)
{
    static const char Q[] =
        "SELECT g.slug, g.name, COUNT(*) FROM topic_suggestions s JOIN groups g ON g.id = s.group_id "
        "WHERE s.status = 'vantar' GROUP BY g.id, g.slug, g.name ORDER BY g.name, g.id";
    db_stmt *st = db_prepare(d, Q);
    struct waiting_group *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct waiting_group *g = ARENA_PUSH(a, items, count, cap);
        g->slug = arena_strdup(a, db_col_text(st, 0));
        g->name = arena_strdup(a, db_col_text(st, 1));
        g->count = db_col_int(st, 2);
    }
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_digest_get(db *d, int64_t user_id, bool *on)
{
    static const char Q[] = "SELECT COUNT(*) FROM moderation_digests WHERE user_id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, user_id);
    int64_t have = 0;
    enum db_rc rc = db_one_int(st, &have);
    *on = have > 0;
    return rc;
}

enum db_rc store_digest_set(db *d, int64_t user_id, bool on, int64_t now)
{
    static const char Q_ON[] =
        "INSERT INTO moderation_digests(user_id, created_at) VALUES (?, ?) "
        "ON CONFLICT (user_id) DO NOTHING";
    static const char Q_OFF[] = "DELETE FROM moderation_digests WHERE user_id = ?";
    db_stmt *st = db_prepare(d, on ? Q_ON : Q_OFF);
    db_bind_int(st, 1, user_id);
    if (on) db_bind_int(st, 2, now);
    return db_run(st);
}

enum db_rc store_digest_due(db *d, arena *a, const char *day, int64_t **user_ids, size_t *n)
{
    static const char Q[] =
        "SELECT user_id FROM moderation_digests WHERE last_day <> ? ORDER BY user_id LIMIT 1000";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, day);
    int64_t *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) *ARENA_PUSH(a, items, count, cap) = db_col_int(st, 0);
    db_done(st);
    *user_ids = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_digest_claim(db *d, int64_t user_id, const char *day, bool *claimed)
{
    static const char Q[] =
        "UPDATE moderation_digests SET last_day = ? WHERE user_id = ? AND last_day <> ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, day);
    db_bind_int(st, 2, user_id);
    db_bind_text(st, 3, day);
    int64_t changed = 0;
    enum db_rc rc = db_run_changes(st, &changed);
    *claimed = changed > 0;
    return rc;
}
