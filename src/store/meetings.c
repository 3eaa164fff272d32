/* Meetings, agendas, minutes, action items and attendance.
 *
 * Carry-over: an agenda item whose report is marked missing is copied onto
 * the group's next meeting (carried_from points back), by the store and in
 * the same transaction as the change that causes it, so it never depends
 * on anyone remembering.  Open action items are not copied: a meeting's
 * agenda lists every action item raised before it that was still open at
 * the time (status open, or done at this meeting or a later one). */
#include <stdio.h>
#include <string.h>

#include "store/rows.h"
#include "store/names.h"
#include "store/store.h"

#define MEETING_COLS                                                                        \
    "m.id, m.group_id, g.slug, g.name, m.date, m.start_time, m.end_time, m.place_name, "    \
    "m.place_address, m.online, m.theme, m.description, m.status, m.minutes_version, "      \
    "m.minutes_by, COALESCE(m.published_at, 0), m.updated_at"
#define MEETING_FROM " FROM meetings m JOIN groups g ON g.id = m.group_id "

static bool read_meeting(db_stmt *st, arena *a, struct meeting *m)
{
    m->id = db_col_int(st, 0);
    m->group_id = db_col_int(st, 1);
    m->group_slug = arena_strdup(a, db_col_text(st, 2));
    m->group_name = arena_strdup(a, db_col_text(st, 3));
    m->date = arena_strdup(a, db_col_text(st, 4));
    m->start_time = arena_strdup(a, db_col_text(st, 5));
    m->end_time = arena_strdup(a, db_col_text(st, 6));
    m->place_name = arena_strdup(a, db_col_text(st, 7));
    m->place_address = arena_strdup(a, db_col_text(st, 8));
    m->online = arena_strdup(a, db_col_text(st, 9));
    m->theme = arena_strdup(a, db_col_text(st, 10));
    m->description = arena_strdup(a, db_col_text(st, 11));
    int s = meeting_status_from_name(db_col_text(st, 12));
    if (!store_name_known(s, "meetings status", db_col_text(st, 12))) return false;
    m->status = (enum meeting_status)s;
    m->minutes_version = db_col_int(st, 13);
    m->minutes_by = arena_strdup(a, db_col_text(st, 14));
    m->published_at = db_col_int(st, 15);
    m->updated_at = db_col_int(st, 16);
    return true;
}

static void bind_meeting(db_stmt *st, const struct meeting *m)
{
    db_bind_text(st, 1, m->date);
    db_bind_text(st, 2, m->start_time);
    db_bind_text(st, 3, m->end_time);
    db_bind_text(st, 4, m->place_name);
    db_bind_text(st, 5, m->place_address);
    db_bind_text(st, 6, m->online);
    db_bind_text(st, 7, m->theme);
    db_bind_text(st, 8, m->description);
}

/* ---- carry-over ---- */

enum db_rc store_carry_over(db *d, int64_t group_id)
{
    static const char Q_TODO[] =
        "SELECT i.id, i.title, COALESCE(i.activity_id, 0), i.presenter, "
        "(SELECT n.id FROM meetings n WHERE n.group_id = m.group_id AND "
        " (n.date > m.date OR (n.date = m.date AND n.start_time > m.start_time)) "
        " ORDER BY n.date, n.start_time, n.id LIMIT 1) "
        "FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id "
        "WHERE m.group_id = ? AND i.report_missing = 1 AND i.carry_dismissed = 0 "
        "AND NOT EXISTS (SELECT 1 FROM agenda_items c WHERE c.carried_from = i.id) "
        "ORDER BY m.date, i.position, i.id";
    static const char Q_ADD[] =
        "INSERT INTO agenda_items(meeting_id, position, section, activity_id, title, presenter, "
        "carried_from) VALUES (?, (SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_items "
        "WHERE meeting_id = ? AND section = 'punkt'), 'punkt', ?, ?, ?, ?)";
    struct todo {
        int64_t id, activity, next;
        char *title, *presenter;
    };
    arena *a = arena_new();
    struct todo *items = NULL;
    size_t n = 0, cap = 0;
    db_stmt *st = db_prepare(d, Q_TODO);
    db_bind_int(st, 1, group_id);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (db_col_null(st, 4)) continue; /* no later meeting yet: carried when one is made */
        struct todo *t = ARENA_PUSH(a, items, n, cap);
        t->id = db_col_int(st, 0);
        t->title = arena_strdup(a, db_col_text(st, 1));
        t->activity = db_col_int(st, 2);
        t->presenter = arena_strdup(a, db_col_text(st, 3));
        t->next = db_col_int(st, 4);
    }
    db_done(st);
    rc = rc == DB_DONE ? DB_OK : rc;
    for (size_t k = 0; rc == DB_OK && k < n; k++) {
        st = db_prepare(d, Q_ADD);
        db_bind_int(st, 1, items[k].next);
        db_bind_int(st, 2, items[k].next);
        if (items[k].activity) db_bind_int(st, 3, items[k].activity);
        else db_bind_null(st, 3);
        db_bind_text(st, 4, items[k].title);
        db_bind_text(st, 5, items[k].presenter);
        db_bind_int(st, 6, items[k].id);
        rc = db_run(st);
    }
    arena_free(a);
    return rc;
}

/* ---- meetings ---- */

struct meeting_write {
    const struct meeting *m;
    int64_t now, id;
};

static enum db_rc create_tx(db *d, void *ctx)
{
    struct meeting_write *w = ctx;
    static const char Q[] =
        "INSERT INTO meetings(date, start_time, end_time, place_name, place_address, online, theme, "
        "description, group_id, status, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
    db_stmt *st = db_prepare(d, Q);
    bind_meeting(st, w->m);
    db_bind_int(st, 9, w->m->group_id);
    db_bind_text(st, 10, meeting_status_name(w->m->status));
    db_bind_int(st, 11, w->now);
    db_bind_int(st, 12, w->now);
    enum db_rc rc = db_one_int(st, &w->id);
    return rc == DB_OK ? store_carry_over(d, w->m->group_id) : rc;
}

enum db_rc store_meeting_create(db *d, const struct meeting *m, int64_t now, int64_t *id)
{
    struct meeting_write w = {m, now, 0};
    enum db_rc rc = db_tx(d, true, create_tx, &w);
    *id = w.id;
    return rc;
}

static enum db_rc update_tx(db *d, void *ctx)
{
    struct meeting_write *w = ctx;
    static const char Q[] =
        "UPDATE meetings SET date = ?, start_time = ?, end_time = ?, place_name = ?, "
        "place_address = ?, online = ?, theme = ?, description = ?, updated_at = ? WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    bind_meeting(st, w->m);
    db_bind_int(st, 9, w->now);
    db_bind_int(st, 10, w->m->id);
    enum db_rc rc = db_run(st);
    if (rc == DB_OK) rc = store_carry_over(d, w->m->group_id);
    return rc == DB_OK ? search_index_meeting(d, w->m->id) : rc;
}

enum db_rc store_meeting_update(db *d, const struct meeting *m, int64_t now)
{
    struct meeting_write w = {m, now, m->id};
    return db_tx(d, true, update_tx, &w);
}

static struct agenda_item *item_by_id(struct meeting *m, int64_t id)
{
    for (size_t k = 0; k < m->nitems; k++)
        if (m->items[k].id == id) return &m->items[k];
    return NULL;
}

/* The agenda's order: the main items, then the others, each by position
 * and id.  The query reads them in the index's order (section, position,
 * id), which puts "ovrigt" first; a stable partition here costs less than
 * the sort ORDER BY CASE ... made SQLite build for every meeting read. */
static void main_items_first(arena *a, struct meeting *m)
{
    if (m->nitems < 2) return;
    struct agenda_item *out = arena_alloc(a, m->nitems * sizeof *out);
    size_t k = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < m->nitems; i++)
            if ((m->items[i].section == SECTION_MAIN) == (pass == 0)) out[k++] = m->items[i];
    memcpy(m->items, out, m->nitems * sizeof *out);
}

static enum db_rc load_items(db *d, arena *a, struct meeting *m, bool questions)
{
    static const char Q_ITEMS[] =
        "SELECT i.id, i.position, i.section, COALESCE(i.activity_id, 0), i.title, i.presenter, "
        "i.minutes, i.report_missing, COALESCE(i.carried_from, 0), COALESCE(c.meeting_id, 0), "
        "COALESCE(cm.date, ''), COALESCE(cm.status, ''), COALESCE(ax.status, ''), "
        "COALESCE(ax.report, '') FROM agenda_items i "
        "LEFT JOIN activities ax ON ax.id = i.activity_id "
        "LEFT JOIN agenda_items c ON c.id = i.carried_from "
        "LEFT JOIN meetings cm ON cm.id = c.meeting_id WHERE i.meeting_id = ? "
        "ORDER BY i.section, i.position, i.id"; /* agenda_items_meeting's order: no sort */
    static const char Q_ORGS[] =
        "SELECT i.id, COALESCE(ao.org_id, 0), COALESCE(o.name, ao.name), COALESCE(o.slug, '') "
        "FROM agenda_items i JOIN activity_orgs ao ON ao.activity_id = i.activity_id "
        "LEFT JOIN organisations o ON o.id = ao.org_id WHERE i.meeting_id = ? "
        "ORDER BY i.section, i.position, i.id, ao.id"; /* the indexes' order: no sort */
    static const char Q_QUESTIONS[] =
        "SELECT q.item_id, q.text FROM item_questions q JOIN agenda_items i ON i.id = q.item_id "
        "WHERE i.meeting_id = ? ORDER BY i.section, i.position, i.id, q.position"; /* no sort */
    size_t cap = 0;
    db_stmt *st = db_prepare(d, Q_ITEMS);
    db_bind_int(st, 1, m->id);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct agenda_item *it = ARENA_PUSH(a, m->items, m->nitems, cap);
        it->id = db_col_int(st, 0);
        it->position = db_col_int(st, 1);
        int s = section_from_name(db_col_text(st, 2));
        if (!store_name_known(s, "agenda_items section", db_col_text(st, 2))) {
            rc = DB_ERR;
            break;
        }
        it->section = (enum item_section)s;
        it->activity_id = db_col_int(st, 3);
        it->title = arena_strdup(a, db_col_text(st, 4));
        it->presenter = arena_strdup(a, db_col_text(st, 5));
        it->minutes = arena_strdup(a, db_col_text(st, 6));
        it->report_missing = db_col_int(st, 7) != 0;
        it->carried_from = db_col_int(st, 8);
        it->carried_meeting_id = db_col_int(st, 9);
        it->carried_meeting_date = arena_strdup(a, db_col_text(st, 10));
        it->carried_public = strcmp(db_col_text(st, 11), "protokoll_publicerat") == 0;
        /* the activity's status and report, as its page shows them */
        it->activity_status = -1;
        if (it->activity_id) {
            it->activity_status = activity_status_from_name(db_col_text(st, 12));
            if (!store_name_known(it->activity_status, "activities status", db_col_text(st, 12))) {
                rc = DB_ERR;
                break;
            }
        }
        it->activity_report = arena_strdup(a, db_col_text(st, 13));
    }
    db_done(st);
    if (rc != DB_DONE) return rc;
    main_items_first(a, m);
    size_t *ocap = arena_alloc(a, (m->nitems + 1) * sizeof *ocap);
    st = db_prepare(d, Q_ORGS);
    db_bind_int(st, 1, m->id);
    while ((rc = db_step(st)) == DB_ROW) {
        struct agenda_item *it = item_by_id(m, db_col_int(st, 0));
        if (!it) continue;
        struct named_org *o = ARENA_PUSH(a, it->orgs, it->norgs, ocap[it - m->items]);
        read_named_org(st, a, 1, o);
    }
    db_done(st);
    if (rc != DB_DONE || !questions) return rc == DB_DONE ? DB_OK : rc;
    size_t *qcap = arena_alloc(a, (m->nitems + 1) * sizeof *qcap);
    st = db_prepare(d, Q_QUESTIONS);
    db_bind_int(st, 1, m->id);
    while ((rc = db_step(st)) == DB_ROW) {
        struct agenda_item *it = item_by_id(m, db_col_int(st, 0));
        if (!it) continue;
        const char **q = ARENA_PUSH(a, it->questions, it->nquestions, qcap[it - m->items]);
        *q = arena_strdup(a, db_col_text(st, 1));
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

#define ACTION_COLS                                                                          \
    "a.id, a.meeting_id, m.date, COALESCE(a.item_id, 0), COALESCE(a.owner_org_id, 0), "      \
    "COALESCE(o.name, a.owner_name), COALESCE(o.slug, ''), a.what, a.due, a.status, "        \
    "COALESCE(a.done_meeting_id, 0), m.status"
#define ACTION_FROM                                                                          \
    " FROM action_items a JOIN meetings m ON m.id = a.meeting_id "                           \
    "LEFT JOIN organisations o ON o.id = a.owner_org_id "

static enum db_rc many_actions(db_stmt *st, arena *a, struct action_item **list, size_t *n)
{
    struct action_item *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct action_item *x = ARENA_PUSH(a, items, count, cap);
        x->id = db_col_int(st, 0);
        x->meeting_id = db_col_int(st, 1);
        x->meeting_date = arena_strdup(a, db_col_text(st, 2));
        x->item_id = db_col_int(st, 3);
        x->owner_org_id = db_col_int(st, 4);
        x->owner_name = arena_strdup(a, db_col_text(st, 5));
        x->owner_slug = arena_strdup(a, db_col_text(st, 6));
        x->what = arena_strdup(a, db_col_text(st, 7));
        x->due = arena_strdup(a, db_col_text(st, 8));
        x->status = strcmp(db_col_text(st, 9), "klar") == 0 ? ACTION_DONE : ACTION_OPEN;
        x->done_meeting_id = db_col_int(st, 10);
        x->raised_public = strcmp(db_col_text(st, 11), "protokoll_publicerat") == 0;
    }
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

static enum db_rc load_actions(db *d, arena *a, struct meeting *m)
{
    static const char Q_RAISED[] = "SELECT " ACTION_COLS ACTION_FROM "WHERE a.meeting_id = ? ORDER BY a.id";
    static const char Q_FOLLOW[] =
        "SELECT " ACTION_COLS ACTION_FROM
        "LEFT JOIN meetings dm ON dm.id = a.done_meeting_id "
        "WHERE a.group_id = ? AND a.meeting_id <> ? "
        "AND (m.date < ? OR (m.date = ? AND m.start_time < ?)) "
        "AND (a.status = 'oppen' OR dm.date > ? OR (dm.date = ? AND dm.start_time >= ?)) "
        "ORDER BY m.date, a.id";
    db_stmt *st = db_prepare(d, Q_RAISED);
    db_bind_int(st, 1, m->id);
    enum db_rc rc = many_actions(st, a, &m->actions, &m->nactions);
    if (rc != DB_OK) return rc;
    st = db_prepare(d, Q_FOLLOW);
    db_bind_int(st, 1, m->group_id);
    db_bind_int(st, 2, m->id);
    db_bind_text(st, 3, m->date);
    db_bind_text(st, 4, m->date);
    db_bind_text(st, 5, m->start_time);
    db_bind_text(st, 6, m->date);
    db_bind_text(st, 7, m->date);
    db_bind_text(st, 8, m->start_time);
    return many_actions(st, a, &m->followups, &m->nfollowups);
}

static enum db_rc load_attendance(db *d, arena *a, struct meeting *m)
{
    static const char Q[] =
        "SELECT name, org_name, remote FROM attendance WHERE meeting_id = ? ORDER BY id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, m->id);
    size_t cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct attendee *x = ARENA_PUSH(a, m->attendees, m->nattendees, cap);
        x->name = arena_strdup(a, db_col_text(st, 0));
        x->org_name = arena_strdup(a, db_col_text(st, 1));
        x->remote = db_col_int(st, 2) != 0;
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* whole: with questions, action items and attendance; otherwise the
 * agenda alone (store_meeting_agenda) */
static enum db_rc meeting_get_now(db *d, arena *a, int64_t id, bool whole, struct meeting **out)
{
    static const char Q[] = "SELECT " MEETING_COLS MEETING_FROM "WHERE m.id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    struct meeting *m = NULL;
    if (rc == DB_ROW) {
        m = arena_alloc(a, sizeof *m);
        rc = read_meeting(st, a, m) ? DB_OK : DB_ERR;
    } else if (rc == DB_DONE) {
        rc = DB_NOTFOUND;
    }
    db_done(st);
    if (rc == DB_OK) rc = load_items(d, a, m, whole);
    if (rc == DB_OK && whole) rc = load_actions(d, a, m);
    if (rc == DB_OK && whole) rc = load_attendance(d, a, m);
    *out = m;
    return rc;
}

/* The row and its parts, read in one snapshot (several queries). */
enum db_rc store_meeting_get(db *d, arena *a, int64_t id, struct meeting **out)
{
    db_read_begin(d);
    enum db_rc rc = meeting_get_now(d, a, id, true, out);
    db_read_end(d);
    return rc;
}

enum db_rc store_meeting_agenda(db *d, arena *a, int64_t id, struct meeting **out)
{
    db_read_begin(d);
    enum db_rc rc = meeting_get_now(d, a, id, false, out);
    db_read_end(d);
    return rc;
}

static enum db_rc many_meetings(db_stmt *st, arena *a, struct meeting **list, size_t *n)
{
    struct meeting *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW)
        if (!read_meeting(st, a, ARENA_PUSH(a, items, count, cap))) {
            rc = DB_ERR;
            break;
        }
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_meetings_of_group(db *d, arena *a, int64_t group_id, struct meeting **list,
                                   size_t *n)
{
    static const char Q[] =
        "SELECT " MEETING_COLS MEETING_FROM "WHERE m.group_id = ? "
        "ORDER BY m.date, m.start_time, m.id LIMIT 1000";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, group_id);
    return many_meetings(st, a, list, n);
}

enum db_rc store_meetings_planned(db *d, arena *a, const char *from_ymd, int64_t limit,
                                  struct meeting **list, size_t *n)
{
    static const char Q[] =
        "SELECT " MEETING_COLS MEETING_FROM "WHERE m.status = 'planerat' AND m.date >= ? "
        "ORDER BY m.date, m.start_time, m.id LIMIT ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, from_ymd);
    db_bind_int(st, 2, limit);
    return many_meetings(st, a, list, n);
}

/* ---- the agenda ---- */

enum db_rc store_agenda_add(db *d, int64_t meeting_id, const struct agenda_item *item,
                            int64_t *id)
{
    static const char Q[] =
        "INSERT INTO agenda_items(meeting_id, position, section, activity_id, title, presenter) "
        "VALUES (?, (SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_items WHERE meeting_id = ? "
        "AND section = ?), ?, ?, ?, ?) RETURNING id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, meeting_id);
    db_bind_int(st, 2, meeting_id);
    db_bind_text(st, 3, section_name(item->section));
    db_bind_text(st, 4, section_name(item->section));
    if (item->activity_id) db_bind_int(st, 5, item->activity_id);
    else db_bind_null(st, 5);
    db_bind_text(st, 6, item->title);
    db_bind_text(st, 7, item->presenter ? item->presenter : "");
    return db_one_int(st, id);
}

struct removal {
    int64_t meeting_id, item_id;
};

/* Removing a carried copy marks its original, so that the next carry-over
 * does not put it back: the coordinator's decision stands. */
static enum db_rc remove_tx(db *d, void *ctx)
{
    struct removal *rm = ctx;
    static const char Q_DEL[] =
        "DELETE FROM agenda_items WHERE id = ? AND meeting_id = ? RETURNING COALESCE(carried_from, 0)";
    static const char Q_DISMISS[] = "UPDATE agenda_items SET carry_dismissed = 1 WHERE id = ?";
    int64_t from = 0;
    db_stmt *st = db_prepare(d, Q_DEL);
    db_bind_int(st, 1, rm->item_id);
    db_bind_int(st, 2, rm->meeting_id);
    enum db_rc rc = db_one_int(st, &from);
    if (rc != DB_OK || !from) return rc;
    st = db_prepare(d, Q_DISMISS);
    db_bind_int(st, 1, from);
    return db_run(st);
}

enum db_rc store_agenda_remove(db *d, int64_t meeting_id, int64_t item_id)
{
    struct removal rm = {meeting_id, item_id};
    return db_tx(d, true, remove_tx, &rm);
}

struct move {
    int64_t meeting_id, item_id;
    int delta;
};

static enum db_rc move_tx(db *d, void *ctx)
{
    struct move *mv = ctx;
    static const char Q_ME[] =
        "SELECT position, section FROM agenda_items WHERE id = ? AND meeting_id = ?";
    static const char Q_UP[] =
        "SELECT id, position FROM agenda_items WHERE meeting_id = ? AND section = ? AND position < ? "
        "ORDER BY position DESC, id DESC LIMIT 1";
    static const char Q_DOWN[] =
        "SELECT id, position FROM agenda_items WHERE meeting_id = ? AND section = ? AND position > ? "
        "ORDER BY position, id LIMIT 1";
    static const char Q_SET[] = "UPDATE agenda_items SET position = ? WHERE id = ?";
    db_stmt *st = db_prepare(d, Q_ME);
    db_bind_int(st, 1, mv->item_id);
    db_bind_int(st, 2, mv->meeting_id);
    enum db_rc rc = db_step(st);
    int64_t pos = 0;
    char section[16] = "";
    if (rc == DB_ROW) {
        pos = db_col_int(st, 0);
        snprintf(section, sizeof section, "%s", db_col_text(st, 1));
    }
    db_done(st);
    if (rc == DB_DONE) return DB_NOTFOUND;
    if (rc != DB_ROW) return rc;
    st = db_prepare(d, mv->delta < 0 ? Q_UP : Q_DOWN);
    db_bind_int(st, 1, mv->meeting_id);
    db_bind_text(st, 2, section);
    db_bind_int(st, 3, pos);
    rc = db_step(st);
    int64_t other = 0, other_pos = 0;
    if (rc == DB_ROW) {
        other = db_col_int(st, 0);
        other_pos = db_col_int(st, 1);
    }
    db_done(st);
    if (rc == DB_DONE) return DB_OK; /* already first or last */
    if (rc != DB_ROW) return rc;
    st = db_prepare(d, Q_SET);
    db_bind_int(st, 1, other_pos);
    db_bind_int(st, 2, mv->item_id);
    rc = db_run(st);
    if (rc != DB_OK) return rc;
    st = db_prepare(d, Q_SET);
    db_bind_int(st, 1, pos);
    db_bind_int(st, 2, other);
    return db_run(st);
}

enum db_rc store_agenda_move(db *d, int64_t meeting_id, int64_t item_id, int delta)
{
    struct move mv = {meeting_id, item_id, delta};
    return db_tx(d, true, move_tx, &mv);
}

/* ---- minutes ---- */

struct minutes_write {
    int64_t meeting_id;
    const struct minutes *mi;
    int64_t now;
};

static enum db_rc minutes_tx(db *d, void *ctx)
{
    struct minutes_write *w = ctx;
    static const char Q_VERSION[] =
        "UPDATE meetings SET minutes_version = minutes_version + 1, minutes_by = ?, updated_at = ? "
        "WHERE id = ? AND minutes_version = ? RETURNING group_id";
    static const char Q_ITEM[] =
        "UPDATE agenda_items SET minutes = ?, report_missing = ? WHERE id = ? AND meeting_id = ?";
    static const char Q_DEL_Q[] = "DELETE FROM item_questions WHERE item_id = ?";
    static const char Q_ADD_Q[] = "INSERT INTO item_questions(item_id, position, text) VALUES (?, ?, ?)";
    /* a report no longer missing: take back carried copies nobody touched
     * (no minutes, questions or action items, not carried on themselves) */
    static const char Q_UNCARRY[] =
        "DELETE FROM agenda_items WHERE carried_from = ? AND minutes = '' AND report_missing = 0 "
        "AND NOT EXISTS (SELECT 1 FROM item_questions q WHERE q.item_id = agenda_items.id) "
        "AND NOT EXISTS (SELECT 1 FROM action_items x WHERE x.item_id = agenda_items.id) "
        "AND meeting_id IN (SELECT id FROM meetings WHERE status <> 'protokoll_publicerat')";
    static const char Q_DEL_ATT[] = "DELETE FROM attendance WHERE meeting_id = ?";
    static const char Q_ADD_ATT[] =
        "INSERT INTO attendance(meeting_id, name, org_name, remote) VALUES (?, ?, ?, ?)";
    const struct minutes *mi = w->mi;
    int64_t group_id = 0;
    db_stmt *st = db_prepare(d, Q_VERSION);
    db_bind_text(st, 1, mi->by);
    db_bind_int(st, 2, w->now);
    db_bind_int(st, 3, w->meeting_id);
    db_bind_int(st, 4, mi->expected_version);
    enum db_rc rc = db_one_int(st, &group_id);
    if (rc == DB_NOTFOUND) return DB_CONFLICT; /* someone saved first */
    for (size_t k = 0; rc == DB_OK && k < mi->nitems; k++) {
        const struct minutes_item *it = &mi->items[k];
        st = db_prepare(d, Q_ITEM);
        db_bind_text(st, 1, it->text);
        db_bind_int(st, 2, it->report_missing ? 1 : 0);
        db_bind_int(st, 3, it->item_id);
        db_bind_int(st, 4, w->meeting_id);
        rc = db_run(st);
        if (rc == DB_OK) {
            st = db_prepare(d, Q_DEL_Q);
            db_bind_int(st, 1, it->item_id);
            rc = db_run(st);
        }
        for (size_t q = 0; rc == DB_OK && q < it->nquestions; q++) {
            st = db_prepare(d, Q_ADD_Q);
            db_bind_int(st, 1, it->item_id);
            db_bind_int(st, 2, (int64_t)q + 1);
            db_bind_text(st, 3, it->questions[q]);
            rc = db_run(st);
        }
        if (rc == DB_OK && !it->report_missing) {
            st = db_prepare(d, Q_UNCARRY);
            db_bind_int(st, 1, it->item_id);
            rc = db_run(st);
        }
    }
    if (rc == DB_OK) {
        st = db_prepare(d, Q_DEL_ATT);
        db_bind_int(st, 1, w->meeting_id);
        rc = db_run(st);
    }
    for (size_t k = 0; rc == DB_OK && k < mi->nattendees; k++) {
        st = db_prepare(d, Q_ADD_ATT);
        db_bind_int(st, 1, w->meeting_id);
        db_bind_text(st, 2, mi->attendees[k].name);
        db_bind_text(st, 3, mi->attendees[k].org_name);
        db_bind_int(st, 4, mi->attendees[k].remote ? 1 : 0);
        rc = db_run(st);
    }
    if (rc == DB_OK) rc = store_carry_over(d, group_id);
    return rc == DB_OK ? search_index_meeting(d, w->meeting_id) : rc;
}

enum db_rc store_minutes_save(db *d, int64_t meeting_id, const struct minutes *mi, int64_t now)
{
    struct minutes_write w = {meeting_id, mi, now};
    return db_tx(d, true, minutes_tx, &w);
}

enum db_rc store_meeting_set_status(db *d, int64_t meeting_id, enum meeting_status to,
                                    int64_t now)
{
    static const char Q[] =
        "UPDATE meetings SET status = ?, updated_at = ?, published_at = CASE WHEN ? = "
        "'protokoll_publicerat' THEN ? ELSE published_at END WHERE id = ? "
        "AND (? <> 'protokoll_publicerat' OR status <> 'protokoll_publicerat')";
    static const char Q_HAVE[] = "SELECT COUNT(*) FROM meetings WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, meeting_status_name(to));
    db_bind_int(st, 2, now);
    db_bind_text(st, 3, meeting_status_name(to));
    db_bind_int(st, 4, now);
    db_bind_int(st, 5, meeting_id);
    db_bind_text(st, 6, meeting_status_name(to));
    int64_t changed = 0;
    enum db_rc rc = db_run_changes(st, &changed);
    if (rc != DB_OK) return rc;
    if (changed) return search_index_meeting(d, meeting_id); /* in the caller's transaction */
    return store_gone_or_conflict(d, Q_HAVE, meeting_id); /* published by someone else first? */
}

/* ---- action items ---- */

enum db_rc store_action_add(db *d, int64_t meeting_id, const struct action_item *x, int64_t now,
                            int64_t *id)
{
    static const char Q[] =
        "INSERT INTO action_items(group_id, meeting_id, item_id, owner_org_id, owner_name, what, "
        "due, status, created_at) SELECT group_id, id, ?, ?, ?, ?, ?, 'oppen', ? FROM meetings "
        "WHERE id = ? RETURNING id";
    db_stmt *st = db_prepare(d, Q);
    if (x->item_id) db_bind_int(st, 1, x->item_id);
    else db_bind_null(st, 1);
    if (x->owner_org_id) db_bind_int(st, 2, x->owner_org_id);
    else db_bind_null(st, 2);
    db_bind_text(st, 3, x->owner_name);
    db_bind_text(st, 4, x->what);
    db_bind_text(st, 5, x->due ? x->due : "");
    db_bind_int(st, 6, now);
    db_bind_int(st, 7, meeting_id);
    return db_one_int(st, id);
}

enum db_rc store_action_done(db *d, int64_t action_id, int64_t meeting_id, int64_t now)
{
    static const char Q[] =
        "UPDATE action_items SET status = 'klar', done_meeting_id = ?, done_at = ? "
        "WHERE id = ? AND status = 'oppen'";
    db_stmt *st = db_prepare(d, Q);
    if (meeting_id) db_bind_int(st, 1, meeting_id);
    else db_bind_null(st, 1);
    db_bind_int(st, 2, now);
    db_bind_int(st, 3, action_id);
    int64_t changed = 0;
    enum db_rc rc = db_run_changes(st, &changed);
    if (rc != DB_OK) return rc;
    static const char Q_HAVE[] = "SELECT COUNT(*) FROM action_items WHERE id = ?";
    return changed ? DB_OK : store_gone_or_conflict(d, Q_HAVE, action_id); /* done first? */
}

enum db_rc store_minutes_recipients(db *d, arena *a, int64_t meeting_id,
                                    struct recipient **list, size_t *n)
{
    static const char Q[] =
        "SELECT i.submitter_id, ai.id FROM agenda_items ai "
        "JOIN activities x ON x.id = ai.activity_id JOIN ideas i ON i.id = x.idea_id "
        "WHERE ai.meeting_id = ? AND i.submitter_id IS NOT NULL "
        "UNION SELECT r.user_id, ai.id FROM agenda_items ai "
        "JOIN activities x ON x.id = ai.activity_id JOIN ideas i ON i.id = x.idea_id "
        "JOIN org_representatives r ON r.org_id = i.org_id WHERE ai.meeting_id = ? "
        "UNION SELECT r.user_id, ai.id FROM agenda_items ai "
        "JOIN activity_orgs ao ON ao.activity_id = ai.activity_id "
        "JOIN org_representatives r ON r.org_id = ao.org_id WHERE ai.meeting_id = ? "
        "UNION SELECT p.user_id, ai.id FROM agenda_items ai "
        "JOIN activity_participants p ON p.activity_id = ai.activity_id WHERE ai.meeting_id = ? "
        "ORDER BY 1, 2";
    db_stmt *st = db_prepare(d, Q);
    for (int k = 1; k <= 4; k++) db_bind_int(st, k, meeting_id);
    struct recipient *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct recipient *x = ARENA_PUSH(a, items, count, cap);
        x->user_id = db_col_int(st, 0);
        x->item_id = db_col_int(st, 1);
    }
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}
