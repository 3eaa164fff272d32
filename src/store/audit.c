/* The audit log: who did which administrative action, when. */
#include "store/fault.h"
#include "store/store.h"

enum db_rc store_audit(db *d, int64_t now, int64_t actor_id, const char *action,
                       const char *subject, const char *detail)
{
    if (store_fault("audit")) return DB_ERR;
    static const char Q[] =
        "INSERT INTO audit_log(at, actor_id, action, subject, detail) VALUES (?, ?, ?, ?, ?)";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, now);
    if (actor_id) db_bind_int(st, 2, actor_id);
    else db_bind_null(st, 2);
    db_bind_text(st, 3, action);
    db_bind_text(st, 4, subject);
    db_bind_text(st, 5, detail ? detail : "");
    return db_run(st);
}

enum db_rc store_audit_list(db *d, arena *a, int64_t offset, int64_t limit,
                            struct audit_entry **list, size_t *n)
{
    /* the names come from a subquery per row of the page (by primary key
     * or unique slug); each runs only for the kind of subject it reads */
#define ID_AFTER(prefix) "CAST(SUBSTR(l.subject, " #prefix ") AS BIGINT)"
    static const char Q[] =
        "SELECT l.at, COALESCE(u.name, ''), l.action, l.subject, l.detail, COALESCE(l.actor_id, 0), "
        "CASE "
        "WHEN l.subject LIKE 'user:%' THEN (SELECT x.name FROM users x WHERE x.id = " ID_AFTER(6) ") "
        "WHEN l.subject LIKE 'idea:%' THEN (SELECT x.title FROM ideas x WHERE x.id = " ID_AFTER(6) ") "
        "WHEN l.subject LIKE 'claim:%' THEN (SELECT i.title FROM claims x JOIN ideas i ON i.id = x.idea_id "
        "WHERE x.id = " ID_AFTER(7) ") "
        "WHEN l.subject LIKE 'comment:%' THEN (SELECT p.title FROM comments x JOIN posts p ON p.id = x.post_id "
        "WHERE x.id = " ID_AFTER(9) ") "
        "WHEN l.subject LIKE 'meeting:%' THEN (SELECT x.date FROM meetings x WHERE x.id = " ID_AFTER(9) ") "
        "WHEN l.subject LIKE 'outbox:%' THEN (SELECT x.to_name FROM outbox x WHERE x.id = " ID_AFTER(8) ") "
        "WHEN l.subject LIKE 'granskning:%' THEN (SELECT x.title FROM review_requests x WHERE x.id = " ID_AFTER(12) ") "
        "WHEN l.subject LIKE 'evenemang:%' THEN (SELECT x.title FROM events x WHERE x.id = " ID_AFTER(11) ") "
        "WHEN l.subject LIKE 'serie:%' THEN (SELECT x.title FROM event_series x WHERE x.id = " ID_AFTER(7) ") "
        "WHEN l.subject LIKE 'hackathon:%' THEN (SELECT x.name FROM hackathons x WHERE x.id = " ID_AFTER(11) ") "
        "WHEN l.subject LIKE 'utbud:%' THEN (SELECT x.title FROM offerings x WHERE x.id = " ID_AFTER(7) ") "
        "WHEN l.subject LIKE 'kartlaggning:%' THEN (SELECT x.title FROM mapping_requests x WHERE x.id = " ID_AFTER(14) ") "
        "WHEN l.subject LIKE 'lag:%' THEN (SELECT x.name FROM hack_teams x WHERE x.id = " ID_AFTER(5) ") "
        "WHEN l.subject LIKE 'bidrag:%' THEN (SELECT t.name FROM hack_submissions x JOIN hack_teams t ON t.id = x.team_id "
        "WHERE x.id = " ID_AFTER(8) ") "
        "WHEN l.action LIKE 'projekt.%' THEN (SELECT x.title FROM projects x WHERE x.slug = l.subject) "
        "WHEN l.action LIKE 'organisation.%' THEN (SELECT x.name FROM organisations x WHERE x.slug = l.subject) "
        "END, "
        "CASE "
        "WHEN l.subject LIKE 'claim:%' THEN (SELECT CAST(x.idea_id AS TEXT) FROM claims x WHERE x.id = " ID_AFTER(7) ") "
        "WHEN l.subject LIKE 'comment:%' THEN (SELECT p.slug FROM comments x JOIN posts p ON p.id = x.post_id "
        "WHERE x.id = " ID_AFTER(9) ") "
        "WHEN l.subject LIKE 'serie:%' THEN (SELECT x.slug FROM event_series x WHERE x.id = " ID_AFTER(7) ") "
        "WHEN l.subject LIKE 'hackathon:%' THEN (SELECT x.slug FROM hackathons x WHERE x.id = " ID_AFTER(11) ") "
        "WHEN l.subject LIKE 'lag:%' THEN (SELECT h.slug FROM hack_teams x JOIN hackathons h ON h.id = x.hackathon_id "
        "WHERE x.id = " ID_AFTER(5) ") "
        "WHEN l.subject LIKE 'bidrag:%' THEN (SELECT h.slug FROM hack_submissions x JOIN hack_teams t ON t.id = x.team_id "
        "JOIN hackathons h ON h.id = t.hackathon_id WHERE x.id = " ID_AFTER(8) ") "
        "END, "
        "CASE WHEN l.action LIKE 'representant.%' THEN "
        "(SELECT x.name FROM organisations x WHERE x.slug = l.detail) END "
        "FROM audit_log l LEFT JOIN users u ON u.id = l.actor_id "
        "ORDER BY l.at DESC, l.id DESC LIMIT ? OFFSET ?";
#undef ID_AFTER
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, limit);
    db_bind_int(st, 2, offset);
    *list = arena_alloc(a, (size_t)(limit > 0 ? limit : 1) * sizeof **list);
    *n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && *n < (size_t)limit) {
        struct audit_entry *e = &(*list)[(*n)++];
        e->at = db_col_int(st, 0);
        e->actor_name = arena_strdup(a, db_col_text(st, 1));
        e->action = arena_strdup(a, db_col_text(st, 2));
        e->subject = arena_strdup(a, db_col_text(st, 3));
        e->detail = arena_strdup(a, db_col_text(st, 4));
        e->actor_id = db_col_int(st, 5);
        e->subject_name = arena_strdup(a, db_col_text(st, 6));
        e->subject_ref = arena_strdup(a, db_col_text(st, 7));
        e->detail_name = arena_strdup(a, db_col_text(st, 8));
    }
    db_done(st);
    return rc == DB_DONE || rc == DB_ROW ? DB_OK : rc;
}
