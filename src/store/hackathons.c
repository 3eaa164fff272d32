/* The inhabithon's storage: see hackathons.h for the invariants and how
 * each is held by one conditional write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/log.h"
#include "view/format.h"
#include "view/markdown.h"

#define S(st, k) arena_strdup(a, db_col_text((st), (k)))

/* ------------------------------------------------------------------ */
/* hackathons                                                          */

#define H_COLS                                                                             \
    "id, slug, name, starts_on, ends_on, place, description, programme_md, programme_html, " \
    "result_on, result_place, phase, capacity, registered, team_max, guardian_under_15, "    \
    "deadline, winners, COALESCE(project_id, 0), COALESCE(guests_erased_at, 0), guests_erased, retention_days"

static enum db_rc read_hack(db_stmt *st, arena *a, struct hackathon *h)
{
    h->id = db_col_int(st, 0);
    h->slug = S(st, 1);
    h->name = S(st, 2);
    h->starts_on = S(st, 3);
    h->ends_on = S(st, 4);
    h->place = S(st, 5);
    h->description = S(st, 6);
    h->programme_md = S(st, 7);
    h->programme_html = S(st, 8);
    h->result_on = S(st, 9);
    h->result_place = S(st, 10);
    int p = hack_phase_from_name(db_col_text(st, 11));
    if (p < 0) {
        log_error("hackathon %lld: unknown phase", (long long)h->id);
        return DB_ERR;
    }
    h->phase = (enum hack_phase)p;
    h->capacity = db_col_int(st, 12);
    h->registered = db_col_int(st, 13);
    h->team_max = db_col_int(st, 14);
    h->guardian_under_15 = db_col_int(st, 15) != 0;
    h->deadline = db_col_int(st, 16);
    h->winners = db_col_int(st, 17);
    h->project_id = db_col_int(st, 18);
    h->guests_erased_at = db_col_int(st, 19);
    h->guests_erased = db_col_int(st, 20);
    h->retention_days = db_col_int(st, 21);
    return DB_OK;
}

enum db_rc store_hack_create(db *d, const struct hackathon *h, int64_t now, int64_t *id)
{
    static const char Q[] =
        "INSERT INTO hackathons(slug, name, starts_on, ends_on, place, description, programme_md, "
        "programme_html, result_on, result_place, phase, capacity, team_max, guardian_under_15, "
        "deadline, winners, project_id, retention_days, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
    db_stmt *st = db_prepare(d, Q);
    int k = 1;
    db_bind_text(st, k++, h->slug);
    db_bind_text(st, k++, h->name);
    db_bind_text(st, k++, h->starts_on);
    db_bind_text(st, k++, h->ends_on);
    db_bind_text(st, k++, h->place);
    db_bind_text(st, k++, h->description);
    db_bind_text(st, k++, h->programme_md);
    db_bind_text(st, k++, h->programme_html);
    db_bind_text(st, k++, h->result_on);
    db_bind_text(st, k++, h->result_place);
    db_bind_text(st, k++, hack_phase_name(h->phase));
    db_bind_int(st, k++, h->capacity);
    db_bind_int(st, k++, h->team_max);
    db_bind_int(st, k++, h->guardian_under_15 ? 1 : 0);
    db_bind_int(st, k++, h->deadline);
    db_bind_int(st, k++, h->winners > 0 ? h->winners : 1);
    if (h->project_id) db_bind_int(st, k++, h->project_id);
    else db_bind_null(st, k++);
    db_bind_int(st, k++, h->retention_days > 0 ? h->retention_days : 30); /* 0: not given */
    db_bind_int(st, k++, now);
    db_bind_int(st, k++, now);
    return db_one_int(st, id);
}

enum db_rc store_hack_update(db *d, int64_t id, const struct hackathon *h, int64_t now)
{
    static const char Q[] =
        "UPDATE hackathons SET name = ?, starts_on = ?, ends_on = ?, place = ?, description = ?, "
        "programme_md = ?, programme_html = ?, result_on = ?, result_place = ?, capacity = ?, team_max = ?, "
        "guardian_under_15 = ?, deadline = ?, winners = ?, project_id = ?, retention_days = ?, updated_at = ? WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    int k = 1;
    db_bind_text(st, k++, h->name);
    db_bind_text(st, k++, h->starts_on);
    db_bind_text(st, k++, h->ends_on);
    db_bind_text(st, k++, h->place);
    db_bind_text(st, k++, h->description);
    db_bind_text(st, k++, h->programme_md);
    db_bind_text(st, k++, h->programme_html);
    db_bind_text(st, k++, h->result_on);
    db_bind_text(st, k++, h->result_place);
    db_bind_int(st, k++, h->capacity);
    db_bind_int(st, k++, h->team_max);
    db_bind_int(st, k++, h->guardian_under_15 ? 1 : 0);
    db_bind_int(st, k++, h->deadline);
    db_bind_int(st, k++, h->winners > 0 ? h->winners : 1);
    if (h->project_id) db_bind_int(st, k++, h->project_id);
    else db_bind_null(st, k++);
    db_bind_int(st, k++, h->retention_days > 0 ? h->retention_days : 30); /* 0: not given */
    db_bind_int(st, k++, now);
    db_bind_int(st, k++, id);
    int64_t changed = 0;
    enum db_rc rc = db_run_changes(st, &changed);
    if (rc == DB_OK && !changed) return DB_NOTFOUND;
    return rc == DB_OK ? search_index_hack_challenges(d, id) : rc; /* the hackathon's name is in them */
}

static enum db_rc load_challenges(db *d, arena *a, struct hackathon *h)
{
    static const char Q[] =
        "SELECT id, position, title, brief_md, brief_html FROM hack_challenges "
        "WHERE hackathon_id = ? ORDER BY position, id";
    static const char Q_LINKS[] =
        "SELECT l.challenge_id, 'a', x.id, x.title, x.status, "
        "CASE WHEN x.results <> '' THEN x.results ELSE x.report END "
        "FROM hack_challenge_links l JOIN activities x ON x.id = l.activity_id "
        "JOIN hack_challenges c ON c.id = l.challenge_id WHERE c.hackathon_id = ? "
        "UNION ALL "
        "SELECT l.challenge_id, 'i', x.id, x.title, x.status, "
        "COALESCE((SELECT CASE WHEN y.results <> '' THEN y.results ELSE y.report END "
        "FROM activities y WHERE y.idea_id = x.id ORDER BY y.id LIMIT 1), '') "
        "FROM hack_challenge_links l JOIN ideas x ON x.id = l.idea_id "
        "JOIN hack_challenges c ON c.id = l.challenge_id "
        "WHERE c.hackathon_id = ? AND x.status <> 'utkast' "
        "ORDER BY 1, 2, 3";
    static const char Q_CRIT[] =
        "SELECT id, position, weight, name, description FROM hack_criteria "
        "WHERE hackathon_id = ? ORDER BY position, id";
    size_t cap = 0;
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, h->id);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct hack_challenge *c = ARENA_PUSH(a, h->challenges, h->nchallenges, cap);
        c->id = db_col_int(st, 0);
        c->position = db_col_int(st, 1);
        c->title = S(st, 2);
        c->brief_md = S(st, 3);
        c->brief_html = S(st, 4);
    }
    db_done(st);
    if (rc != DB_DONE) return rc;

    st = db_prepare(d, Q_LINKS);
    db_bind_int(st, 1, h->id);
    db_bind_int(st, 2, h->id);
    size_t *caps = arena_alloc(a, (h->nchallenges + 1) * sizeof *caps);
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t cid = db_col_int(st, 0);
        for (size_t i = 0; i < h->nchallenges; i++) {
            struct hack_challenge *c = &h->challenges[i];
            if (c->id != cid) continue;
            struct hack_link *l = ARENA_PUSH(a, c->links, c->nlinks, caps[i]);
            l->kind = db_col_text(st, 1)[0];
            l->id = db_col_int(st, 2);
            l->title = S(st, 3);
            l->status = S(st, 4);
            l->result = S(st, 5);
        }
    }
    db_done(st);
    if (rc != DB_DONE) return rc;

    cap = 0;
    st = db_prepare(d, Q_CRIT);
    db_bind_int(st, 1, h->id);
    while ((rc = db_step(st)) == DB_ROW) {
        struct hack_criterion *c = ARENA_PUSH(a, h->criteria, h->ncriteria, cap);
        c->id = db_col_int(st, 0);
        c->position = db_col_int(st, 1);
        c->weight = db_col_int(st, 2);
        c->name = S(st, 3);
        c->description = S(st, 4);
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

struct by_slug {
    arena *a;
    const char *slug;
    struct hackathon **out;
    bool parts; /* challenges, their links and the rubric too */
};

static enum db_rc by_slug_tx(db *d, void *ctx)
{
    struct by_slug *b = ctx;
    static const char Q[] = "SELECT " H_COLS " FROM hackathons WHERE slug = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, b->slug);
    enum db_rc rc = db_step(st);
    if (rc != DB_ROW) {
        db_done(st);
        return rc == DB_DONE ? DB_NOTFOUND : rc;
    }
    struct hackathon *h = arena_alloc(b->a, sizeof *h);
    rc = read_hack(st, b->a, h);
    db_done(st);
    if (rc == DB_OK && b->parts) rc = load_challenges(d, b->a, h);
    if (rc == DB_OK) *b->out = h;
    return rc;
}

enum db_rc store_hack_by_slug(db *d, arena *a, const char *slug, struct hackathon **out)
{
    struct by_slug b = {a, slug, out, true};
    db_read_begin(d);
    enum db_rc rc = by_slug_tx(d, &b);
    db_read_end(d);
    return rc;
}

enum db_rc store_hack_row_by_slug(db *d, arena *a, const char *slug, struct hackathon **out)
{
    struct by_slug b = {a, slug, out, false};
    return by_slug_tx(d, &b);
}

enum db_rc store_hack_list(db *d, arena *a, struct hackathon **list, size_t *n)
{
    static const char Q[] = "SELECT " H_COLS " FROM hackathons ORDER BY starts_on DESC, id DESC";
    db_stmt *st = db_prepare(d, Q);
    size_t cap = 0;
    *list = NULL;
    *n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct hackathon *h = ARENA_PUSH(a, *list, *n, cap);
        if (read_hack(st, a, h) != DB_OK) {
            db_done(st);
            return DB_ERR;
        }
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_hack_set_phase(db *d, int64_t id, enum hack_phase from, enum hack_phase to,
                                int64_t now)
{
    static const char Q[] =
        "UPDATE hackathons SET phase = ?, updated_at = ?, "
        "published_at = CASE WHEN ? = 'resultat' THEN ? ELSE published_at END "
        "WHERE id = ? AND phase = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, hack_phase_name(to));
    db_bind_int(st, 2, now);
    db_bind_text(st, 3, hack_phase_name(to));
    db_bind_int(st, 4, now);
    db_bind_int(st, 5, id);
    db_bind_text(st, 6, hack_phase_name(from));
    int64_t changed = 0;
    enum db_rc rc = db_run_changes(st, &changed);
    if (rc == DB_OK && !changed) return DB_CONFLICT;
    return rc;
}

enum db_rc store_hack_challenge_add(db *d, int64_t hack_id, const char *title,
                                    const char *brief_md, const char *brief_html, int64_t *id)
{
    static const char Q[] =
        "INSERT INTO hack_challenges(hackathon_id, position, title, brief_md, brief_html) "
        "VALUES (?, (SELECT COALESCE(MAX(position), 0) + 1 FROM hack_challenges "
        "WHERE hackathon_id = ?), ?, ?, ?) RETURNING id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, hack_id);
    db_bind_int(st, 2, hack_id);
    db_bind_text(st, 3, title);
    db_bind_text(st, 4, brief_md);
    db_bind_text(st, 5, brief_html);
    enum db_rc rc = db_one_int(st, id);
    return rc == DB_OK ? search_index_hack_challenges(d, hack_id) : rc;
}

enum db_rc store_hack_challenge_link(db *d, int64_t challenge_id, int64_t activity_id,
                                     int64_t idea_id)
{
    static const char Q[] =
        "INSERT INTO hack_challenge_links(challenge_id, activity_id, idea_id) VALUES (?, ?, ?)";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, challenge_id);
    if (activity_id) db_bind_int(st, 2, activity_id);
    else db_bind_null(st, 2);
    if (idea_id) db_bind_int(st, 3, idea_id);
    else db_bind_null(st, 3);
    return db_run(st);
}

/* Touches the hackathon's row when `cond` holds (a phase guard), so the
 * write that follows in the same transaction happens only in that phase:
 * DB_CONFLICT when it does not hold. */
static enum db_rc guard(db *d, const char *q, int64_t hack_id, int64_t now)
{
    db_stmt *st = db_prepare(d, q);
    db_bind_int(st, 1, hack_id);
    if (now) db_bind_int(st, 2, now);
    int64_t changed = 0;
    enum db_rc rc = db_run_changes(st, &changed);
    if (rc == DB_OK && !changed) return DB_CONFLICT;
    return rc;
}

static const char Q_GUARD_RUBRIC[] =
    "UPDATE hackathons SET updated_at = updated_at WHERE id = ? "
    "AND phase IN ('planerad', 'anmalan', 'pagar')";
static const char Q_GUARD_SUBMIT[] =
    "UPDATE hackathons SET updated_at = updated_at WHERE id = ? AND phase = 'pagar' "
    "AND deadline > ?";
static const char Q_GUARD_SCORE[] =
    "UPDATE hackathons SET updated_at = updated_at WHERE id = ? AND phase = 'bedomning'";
static const char Q_GUARD_TEAMS[] =
    "UPDATE hackathons SET updated_at = updated_at WHERE id = ? AND phase IN ('anmalan', 'pagar')";

struct rubric {
    int64_t hack_id, now;
    const char *const *names, *const *descs;
    const int64_t *weights;
    size_t n;
};

static enum db_rc rubric_tx(db *d, void *ctx)
{
    struct rubric *r = ctx;
    static const char Q_DEL[] = "DELETE FROM hack_criteria WHERE hackathon_id = ?";
    static const char Q_ADD[] =
        "INSERT INTO hack_criteria(hackathon_id, position, name, description, weight) "
        "VALUES (?, ?, ?, ?, ?)";
    enum db_rc rc = guard(d, Q_GUARD_RUBRIC, r->hack_id, 0);
    if (rc != DB_OK) return rc;
    db_stmt *st = db_prepare(d, Q_DEL);
    db_bind_int(st, 1, r->hack_id);
    if ((rc = db_run(st)) != DB_OK) return rc;
    for (size_t i = 0; i < r->n; i++) {
        st = db_prepare(d, Q_ADD);
        db_bind_int(st, 1, r->hack_id);
        db_bind_int(st, 2, (int64_t)i + 1);
        db_bind_text(st, 3, r->names[i]);
        db_bind_text(st, 4, r->descs ? r->descs[i] : "");
        db_bind_int(st, 5, r->weights[i]);
        if ((rc = db_run(st)) != DB_OK) return rc;
    }
    return DB_OK;
}

enum db_rc store_hack_rubric_set(db *d, int64_t hack_id, const char *const *names,
                                 const char *const *descriptions, const int64_t *weights,
                                 size_t n, int64_t now)
{
    struct rubric r = {hack_id, now, names, descriptions, weights, n};
    return db_tx(d, true, rubric_tx, &r);
}

/* ------------------------------------------------------------------ */
/* registration                                                        */

/* A place if one is left, else the waiting list: the one conditional
 * UPDATE that keeps registered <= capacity. */
static enum db_rc take_place(db *d, int64_t hack_id, const char **status)
{
    static const char Q[] =
        "UPDATE hackathons SET registered = registered + 1 WHERE id = ? AND registered < capacity";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, hack_id);
    int64_t changed = 0;
    enum db_rc rc = db_run_changes(st, &changed);
    if (rc == DB_OK) *status = changed ? "anmald" : "vantelista";
    return rc;
}

struct reg_write {
    const struct hack_registration *r;
    const char *token_hash;
    bool confirmed;
    int64_t now, id;
    const char *status;
};

static enum db_rc register_tx(db *d, void *ctx)
{
    struct reg_write *w = ctx;
    static const char Q[] =
        "INSERT INTO hack_registrations(hackathon_id, user_id, email, name, birth_year, guardian, "
        "kind, skills, all_days, needs, status, token_hash, created_at, confirmed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
    static const char Q_PREF[] =
        "INSERT INTO hack_reg_prefs(registration_id, challenge_id, rank) VALUES (?, ?, ?)";
    const struct hack_registration *r = w->r;
    w->status = "bekraftas";
    enum db_rc rc;
    if (w->confirmed && (rc = take_place(d, r->hackathon_id, &w->status)) != DB_OK) return rc;
    db_stmt *st = db_prepare(d, Q);
    int k = 1;
    db_bind_int(st, k++, r->hackathon_id);
    if (r->user_id) db_bind_int(st, k++, r->user_id);
    else db_bind_null(st, k++);
    db_bind_text(st, k++, r->email);
    db_bind_text(st, k++, r->name);
    if (r->birth_year) db_bind_int(st, k++, r->birth_year);
    else db_bind_null(st, k++);
    db_bind_text(st, k++, r->guardian);
    db_bind_text(st, k++, hack_kind_name(r->kind));
    db_bind_text(st, k++, r->skills);
    db_bind_int(st, k++, r->all_days ? 1 : 0);
    db_bind_text(st, k++, r->needs);
    db_bind_text(st, k++, w->status);
    db_bind_text(st, k++, w->confirmed ? NULL : w->token_hash);
    db_bind_int(st, k++, w->now);
    if (w->confirmed) db_bind_int(st, k++, w->now);
    else db_bind_null(st, k++);
    if ((rc = db_one_int(st, &w->id)) != DB_OK) return rc;
    for (int i = 0; i < 3; i++) {
        if (!r->prefs[i]) continue;
        st = db_prepare(d, Q_PREF);
        db_bind_int(st, 1, w->id);
        db_bind_int(st, 2, r->prefs[i]);
        db_bind_int(st, 3, i + 1);
        if ((rc = db_run(st)) != DB_OK) return rc;
    }
    return DB_OK;
}

enum db_rc store_hack_register(db *d, const struct hack_registration *r, const char *token_hash,
                               bool confirmed, int64_t now, int64_t *id, const char **status)
{
    struct reg_write w = {r, token_hash, confirmed, now, 0, NULL};
    enum db_rc rc = db_tx(d, true, register_tx, &w);
    *id = w.id;
    *status = w.status;
    return rc;
}

#define R_COLS                                                                            \
    "r.id, r.hackathon_id, COALESCE(r.user_id, 0), COALESCE(r.birth_year, 0), r.email, "   \
    "r.name, r.guardian, r.skills, r.needs, r.status, r.kind, r.all_days, "               \
    "COALESCE((SELECT p.challenge_id FROM hack_reg_prefs p WHERE p.registration_id = r.id " \
    "AND p.rank = 1), 0), "                                                                \
    "COALESCE((SELECT p.challenge_id FROM hack_reg_prefs p WHERE p.registration_id = r.id " \
    "AND p.rank = 2), 0), "                                                                \
    "COALESCE((SELECT p.challenge_id FROM hack_reg_prefs p WHERE p.registration_id = r.id " \
    "AND p.rank = 3), 0), "                                                                \
    "COALESCE((SELECT m.team_id FROM hack_team_members m WHERE m.hackathon_id = "          \
    "r.hackathon_id AND m.user_id = r.user_id), 0)"

static void read_reg(db_stmt *st, arena *a, struct hack_registration *r)
{
    r->id = db_col_int(st, 0);
    r->hackathon_id = db_col_int(st, 1);
    r->user_id = db_col_int(st, 2);
    r->birth_year = db_col_int(st, 3);
    r->email = S(st, 4);
    r->name = S(st, 5);
    r->guardian = S(st, 6);
    r->skills = S(st, 7);
    r->needs = S(st, 8);
    r->status = S(st, 9);
    int k = hack_kind_from_name(db_col_text(st, 10));
    r->kind = k < 0 ? HACK_RESIDENT : (enum hack_kind)k;
    r->all_days = db_col_int(st, 11) != 0;
    for (int i = 0; i < 3; i++) r->prefs[i] = db_col_int(st, 12 + i);
    r->team_id = db_col_int(st, 15);
}

struct confirm {
    int64_t hack_id, now;
    const char *token_hash;
    struct hack_registration *out;
    arena *a;
};

static enum db_rc confirm_tx(db *d, void *ctx)
{
    struct confirm *c = ctx;
    static const char Q_FIND[] =
        "SELECT id FROM hack_registrations WHERE hackathon_id = ? AND token_hash = ? "
        "AND status = 'bekraftas'";
    static const char Q_SET[] =
        "UPDATE hack_registrations SET status = ?, confirmed_at = ?, token_hash = NULL, "
        "user_id = COALESCE(user_id, (SELECT u.id FROM users u WHERE u.email = "
        "hack_registrations.email)) WHERE id = ? AND status = 'bekraftas'";
    static const char Q_GET[] = "SELECT " R_COLS " FROM hack_registrations r WHERE r.id = ?";
    db_stmt *st = db_prepare(d, Q_FIND);
    db_bind_int(st, 1, c->hack_id);
    db_bind_text(st, 2, c->token_hash);
    int64_t id = 0;
    enum db_rc rc = db_one_int(st, &id);
    if (rc != DB_OK) return rc;
    const char *status = NULL;
    if ((rc = take_place(d, c->hack_id, &status)) != DB_OK) return rc;
    st = db_prepare(d, Q_SET);
    db_bind_text(st, 1, status);
    db_bind_int(st, 2, c->now);
    db_bind_int(st, 3, id);
    int64_t changed = 0;
    if ((rc = db_run_changes(st, &changed)) != DB_OK) return rc;
    if (!changed) return DB_NOTFOUND;
    st = db_prepare(d, Q_GET);
    db_bind_int(st, 1, id);
    rc = db_step(st);
    if (rc == DB_ROW) read_reg(st, c->a, c->out);
    db_done(st);
    return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_NOTFOUND : rc;
}

enum db_rc store_hack_confirm(db *d, int64_t hack_id, const char *token_hash, int64_t now,
                              struct hack_registration *out, arena *a)
{
    struct confirm c = {hack_id, now, token_hash, out, a};
    return db_tx(d, true, confirm_tx, &c);
}

enum db_rc store_hack_registration_of(db *d, arena *a, int64_t hack_id, int64_t user_id,
                                      struct hack_registration **out)
{
    static const char Q[] =
        "SELECT " R_COLS " FROM hack_registrations r WHERE r.hackathon_id = ? AND "
        "(r.user_id = ? OR r.email = (SELECT email FROM users WHERE id = ?)) "
        "ORDER BY r.id LIMIT 1";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, hack_id);
    db_bind_int(st, 2, user_id);
    db_bind_int(st, 3, user_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *out = arena_alloc(a, sizeof **out);
        read_reg(st, a, *out);
    }
    db_done(st);
    return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_NOTFOUND : rc;
}

enum db_rc store_hack_registrations(db *d, arena *a, int64_t hack_id,
                                    struct hack_registration **list, size_t *n)
{
    static const char Q[] =
        "SELECT " R_COLS " FROM hack_registrations r WHERE r.hackathon_id = ? "
        "ORDER BY r.name, r.id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, hack_id);
    size_t cap = 0;
    *list = NULL;
    *n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) read_reg(st, a, ARENA_PUSH(a, *list, *n, cap));
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

struct withdraw {
    int64_t hack_id, user_id;
    struct hack_registration *promoted;
    arena *a;
};

static enum db_rc withdraw_tx(db *d, void *ctx)
{
    struct withdraw *w = ctx;
    static const char Q_FIND[] =
        "SELECT id, status FROM hack_registrations WHERE hackathon_id = ? AND "
        "(user_id = ? OR email = (SELECT email FROM users WHERE id = ?)) ORDER BY id LIMIT 1";
    static const char Q_DEL[] = "DELETE FROM hack_registrations WHERE id = ? AND status = ?";
    static const char Q_TEAM[] =
        "UPDATE hack_teams SET members = members - 1 WHERE id IN "
        "(SELECT team_id FROM hack_team_members WHERE hackathon_id = ? AND user_id = ?)";
    static const char Q_LEAVE[] = "DELETE FROM hack_team_members WHERE hackathon_id = ? AND user_id = ?";
    static const char Q_NEXT[] =
        "SELECT id FROM hack_registrations WHERE hackathon_id = ? AND status = 'vantelista' "
        "ORDER BY confirmed_at, id LIMIT 1";
    static const char Q_UP[] = "UPDATE hack_registrations SET status = 'anmald' WHERE id = ? AND status = 'vantelista'";
    static const char Q_GIVE[] = "UPDATE hackathons SET registered = registered - 1 WHERE id = ? AND registered > 0";
    static const char Q_GET[] = "SELECT " R_COLS " FROM hack_registrations r WHERE r.id = ?";
    memset(w->promoted, 0, sizeof *w->promoted);
    db_stmt *st = db_prepare(d, Q_FIND);
    db_bind_int(st, 1, w->hack_id);
    db_bind_int(st, 2, w->user_id);
    db_bind_int(st, 3, w->user_id);
    enum db_rc rc = db_step(st);
    if (rc != DB_ROW) {
        db_done(st);
        return rc == DB_DONE ? DB_NOTFOUND : rc;
    }
    int64_t id = db_col_int(st, 0);
    char status[16];
    snprintf(status, sizeof status, "%s", db_col_text(st, 1));
    db_done(st);
    st = db_prepare(d, Q_DEL);
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, status);
    int64_t changed = 0;
    if ((rc = db_run_changes(st, &changed)) != DB_OK) return rc;
    if (!changed) return DB_CONFLICT;
    for (int q = 0; q < 2; q++) {
        st = db_prepare(d, q ? Q_LEAVE : Q_TEAM);
        db_bind_int(st, 1, w->hack_id);
        db_bind_int(st, 2, w->user_id);
        if ((rc = db_run(st)) != DB_OK) return rc;
    }
    if (strcmp(status, "anmald") != 0) return DB_OK;
    st = db_prepare(d, Q_NEXT);
    db_bind_int(st, 1, w->hack_id);
    int64_t next = 0;
    rc = db_one_int(st, &next);
    if (rc == DB_NOTFOUND) {
        st = db_prepare(d, Q_GIVE);
        db_bind_int(st, 1, w->hack_id);
        return db_run(st);
    }
    if (rc != DB_OK) return rc;
    st = db_prepare(d, Q_UP);
    db_bind_int(st, 1, next);
    if ((rc = db_run_changes(st, &changed)) != DB_OK) return rc;
    if (!changed) return DB_CONFLICT;
    st = db_prepare(d, Q_GET);
    db_bind_int(st, 1, next);
    rc = db_step(st);
    if (rc == DB_ROW) read_reg(st, w->a, w->promoted);
    db_done(st);
    return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_ERR : rc;
}

enum db_rc store_hack_withdraw(db *d, arena *a, int64_t hack_id, int64_t user_id, struct hack_registration *promoted)
{
    struct withdraw w = {hack_id, user_id, promoted, a};
    return db_tx(d, true, withdraw_tx, &w);
}

enum db_rc store_hack_forget_person(db *d, int64_t user_id)
{
    static const char Q_PLACES[] =
        "UPDATE hackathons SET registered = registered - (SELECT COUNT(*) FROM hack_registrations r "
        "WHERE r.hackathon_id = hackathons.id AND r.status = 'anmald' AND (r.user_id = ? OR "
        "r.email = (SELECT email FROM users WHERE id = ?))) WHERE id IN (SELECT hackathon_id FROM "
        "hack_registrations WHERE user_id = ? OR email = (SELECT email FROM users WHERE id = ?))";
    static const char Q_TEAMS[] =
        "UPDATE hack_teams SET members = members - 1 WHERE id IN "
        "(SELECT team_id FROM hack_team_members WHERE user_id = ?)";
    static const char Q_DEL[] =
        "DELETE FROM hack_registrations WHERE user_id = ? OR email = (SELECT email FROM users WHERE id = ?)";
    db_stmt *st = db_prepare(d, Q_PLACES);
    for (int i = 1; i <= 4; i++) db_bind_int(st, i, user_id);
    enum db_rc rc = db_run(st);
    if (rc != DB_OK) return rc;
    st = db_prepare(d, Q_TEAMS);
    db_bind_int(st, 1, user_id);
    if ((rc = db_run(st)) != DB_OK) return rc;
    st = db_prepare(d, Q_DEL);
    db_bind_int(st, 1, user_id);
    db_bind_int(st, 2, user_id);
    return db_run(st);
}

/* ------------------------------------------------------------------ */
/* teams                                                               */

struct join {
    int64_t hack_id, team_id, user_id, now;
};

static enum db_rc join_tx(db *d, void *ctx)
{
    struct join *j = ctx;
    static const char Q_GROW[] =
        "UPDATE hack_teams SET members = members + 1 WHERE id = ? AND hackathon_id = ? AND "
        "members < (SELECT team_max FROM hackathons WHERE id = ?)";
    static const char Q_ADD[] =
        "INSERT INTO hack_team_members(hackathon_id, user_id, team_id, joined_at) "
        "VALUES (?, ?, ?, ?)";
    static const char Q_LINK[] =
        "UPDATE hack_registrations SET user_id = ? WHERE hackathon_id = ? AND user_id IS NULL "
        "AND email = (SELECT email FROM users WHERE id = ?)";
    enum db_rc rc = guard(d, Q_GUARD_TEAMS, j->hack_id, 0);
    if (rc != DB_OK) return rc;
    db_stmt *st = db_prepare(d, Q_GROW);
    db_bind_int(st, 1, j->team_id);
    db_bind_int(st, 2, j->hack_id);
    db_bind_int(st, 3, j->hack_id);
    int64_t changed = 0;
    if ((rc = db_run_changes(st, &changed)) != DB_OK) return rc;
    if (!changed) return DB_CONFLICT;
    st = db_prepare(d, Q_ADD);
    db_bind_int(st, 1, j->hack_id);
    db_bind_int(st, 2, j->user_id);
    db_bind_int(st, 3, j->team_id);
    db_bind_int(st, 4, j->now);
    if ((rc = db_run(st)) != DB_OK) return rc;
    /* registered without an account and signed up since: the account is
     * linked to the registration when the person takes part */
    st = db_prepare(d, Q_LINK);
    db_bind_int(st, 1, j->user_id);
    db_bind_int(st, 2, j->hack_id);
    db_bind_int(st, 3, j->user_id);
    return db_run(st);
}

enum db_rc store_hack_team_join(db *d, int64_t hack_id, int64_t team_id, int64_t user_id,
                                int64_t now)
{
    struct join j = {hack_id, team_id, user_id, now};
    return db_tx(d, true, join_tx, &j);
}

struct team_new {
    int64_t hack_id, challenge_id, user_id, now, id;
    const char *name;
};

static enum db_rc team_create_tx(db *d, void *ctx)
{
    struct team_new *t = ctx;
    static const char Q[] =
        "INSERT INTO hack_teams(hackathon_id, challenge_id, name, created_at) "
        "SELECT ?, c.id, ?, ? FROM hack_challenges c WHERE c.id = ? AND c.hackathon_id = ? "
        "RETURNING id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, t->hack_id);
    db_bind_text(st, 2, t->name);
    db_bind_int(st, 3, t->now);
    db_bind_int(st, 4, t->challenge_id);
    db_bind_int(st, 5, t->hack_id);
    enum db_rc rc = db_one_int(st, &t->id);
    if (rc != DB_OK || !t->user_id) return rc;
    struct join j = {t->hack_id, t->id, t->user_id, t->now};
    return join_tx(d, &j);
}

enum db_rc store_hack_team_create(db *d, int64_t hack_id, int64_t challenge_id,
                                  const char *name, int64_t user_id, int64_t now, int64_t *id)
{
    struct team_new t = {hack_id, challenge_id, user_id, now, 0, name};
    enum db_rc rc = db_tx(d, true, team_create_tx, &t);
    *id = t.id;
    return rc;
}

enum db_rc store_hack_team_set_coach(db *d, int64_t team_id, int64_t coach_id)
{
    static const char Q[] = "UPDATE hack_teams SET coach_id = ? WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    if (coach_id) db_bind_int(st, 1, coach_id);
    else db_bind_null(st, 1);
    db_bind_int(st, 2, team_id);
    int64_t changed = 0;
    enum db_rc rc = db_run_changes(st, &changed);
    return rc == DB_OK && !changed ? DB_NOTFOUND : rc;
}

enum db_rc store_hack_teams(db *d, arena *a, int64_t hack_id, struct hack_team **list,
                            size_t *n)
{
    static const char Q[] =
        "SELECT t.id, t.challenge_id, COALESCE(t.coach_id, 0), t.members, t.name, c.title, "
        "COALESCE(u.name, ''), COALESCE(s.id, 0), COALESCE(s.place, 0), COALESCE(s.idea_id, 0) "
        "FROM hack_teams t JOIN hack_challenges c ON c.id = t.challenge_id "
        "LEFT JOIN users u ON u.id = t.coach_id LEFT JOIN hack_submissions s ON s.team_id = t.id "
        "WHERE t.hackathon_id = ? ORDER BY c.position, t.name, t.id";
    static const char Q_PEOPLE[] =
        "SELECT m.team_id, u.id, u.name FROM hack_team_members m JOIN users u ON u.id = m.user_id "
        "WHERE m.hackathon_id = ? ORDER BY u.name, u.id";
    db_read_begin(d);
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, hack_id);
    size_t cap = 0;
    *list = NULL;
    *n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct hack_team *t = ARENA_PUSH(a, *list, *n, cap);
        t->id = db_col_int(st, 0);
        t->challenge_id = db_col_int(st, 1);
        t->coach_id = db_col_int(st, 2);
        t->members = db_col_int(st, 3);
        t->name = S(st, 4);
        t->challenge_title = S(st, 5);
        t->coach_name = S(st, 6);
        t->submission_id = db_col_int(st, 7);
        t->place = db_col_int(st, 8);
        t->idea_id = db_col_int(st, 9);
    }
    db_done(st);
    if (rc == DB_DONE) {
        st = db_prepare(d, Q_PEOPLE);
        db_bind_int(st, 1, hack_id);
        size_t *caps = arena_alloc(a, (*n + 1) * sizeof *caps);
        while ((rc = db_step(st)) == DB_ROW) {
            int64_t tid = db_col_int(st, 0);
            for (size_t i = 0; i < *n; i++) {
                struct hack_team *t = &(*list)[i];
                if (t->id != tid) continue;
                struct hack_person *p = ARENA_PUSH(a, t->people, t->npeople, caps[i]);
                p->user_id = db_col_int(st, 1);
                p->name = S(st, 2);
            }
        }
        db_done(st);
    }
    db_read_end(d);
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_hack_team_of(db *d, int64_t hack_id, int64_t user_id, int64_t *team_id)
{
    static const char Q[] =
        "SELECT team_id FROM hack_team_members WHERE hackathon_id = ? AND user_id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, hack_id);
    db_bind_int(st, 2, user_id);
    *team_id = 0;
    enum db_rc rc = db_one_int(st, team_id);
    return rc == DB_NOTFOUND ? DB_OK : rc;
}

enum db_rc store_hack_team_orgs(db *d, arena *a, int64_t team_id, int64_t **ids,
                                const char ***names, size_t *n)
{
    static const char Q[] =
        "SELECT DISTINCT o.id, o.name FROM organisations o "
        "JOIN org_representatives r ON r.org_id = o.id "
        "WHERE r.user_id IN (SELECT user_id FROM hack_team_members WHERE team_id = ? "
        "UNION SELECT coach_id FROM hack_teams WHERE id = ? AND coach_id IS NOT NULL) "
        "ORDER BY o.name, o.id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, team_id);
    db_bind_int(st, 2, team_id);
    size_t cap = 0, cap2 = 0, n2 = 0;
    *ids = NULL;
    *names = NULL;
    *n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        *ARENA_PUSH(a, *ids, *n, cap) = db_col_int(st, 0);
        *ARENA_PUSH(a, *names, n2, cap2) = S(st, 1);
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* ------------------------------------------------------------------ */
/* submissions                                                         */

#define SUB_COLS                                                                       \
    "id, team_id, COALESCE(place, 0), COALESCE(idea_id, 0), updated_at, problem, "      \
    "audience, solution, prototype, links, test_first"

static enum db_rc one_sub(db_stmt *st, arena *a, struct hack_submission **out)
{
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        struct hack_submission *s = arena_alloc(a, sizeof *s);
        s->id = db_col_int(st, 0);
        s->team_id = db_col_int(st, 1);
        s->place = db_col_int(st, 2);
        s->idea_id = db_col_int(st, 3);
        s->updated_at = db_col_int(st, 4);
        s->problem = S(st, 5);
        s->audience = S(st, 6);
        s->solution = S(st, 7);
        s->prototype = S(st, 8);
        s->links = S(st, 9);
        s->test_first = S(st, 10);
        *out = s;
    }
    db_done(st);
    return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_NOTFOUND : rc;
}

struct sub_write {
    int64_t hack_id;
    const struct hack_submission *s;
    int64_t user_id, now, id;
};

static enum db_rc sub_save_tx(db *d, void *ctx)
{
    struct sub_write *w = ctx;
    static const char Q[] =
        "INSERT INTO hack_submissions(team_id, problem, audience, solution, prototype, links, "
        "test_first, updated_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (team_id) DO UPDATE SET problem = excluded.problem, "
        "audience = excluded.audience, solution = excluded.solution, "
        "prototype = excluded.prototype, links = excluded.links, "
        "test_first = excluded.test_first, updated_by = excluded.updated_by, "
        "updated_at = excluded.updated_at RETURNING id";
    enum db_rc rc = guard(d, Q_GUARD_SUBMIT, w->hack_id, w->now);
    if (rc != DB_OK) return rc;
    const struct hack_submission *s = w->s;
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, s->team_id);
    db_bind_text(st, 2, s->problem);
    db_bind_text(st, 3, s->audience);
    db_bind_text(st, 4, s->solution);
    db_bind_text(st, 5, s->prototype);
    db_bind_text(st, 6, s->links);
    db_bind_text(st, 7, s->test_first);
    db_bind_int(st, 8, w->user_id);
    db_bind_int(st, 9, w->now);
    db_bind_int(st, 10, w->now);
    return db_one_int(st, &w->id);
}

enum db_rc store_hack_submission_save(db *d, int64_t hack_id, const struct hack_submission *s,
                                      int64_t user_id, int64_t now, int64_t *id)
{
    struct sub_write w = {hack_id, s, user_id, now, 0};
    enum db_rc rc = db_tx(d, true, sub_save_tx, &w);
    *id = w.id;
    return rc;
}

enum db_rc store_hack_submission_of_team(db *d, arena *a, int64_t team_id,
                                         struct hack_submission **out)
{
    static const char Q[] = "SELECT " SUB_COLS " FROM hack_submissions WHERE team_id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, team_id);
    return one_sub(st, a, out);
}

enum db_rc store_hack_submission_get(db *d, arena *a, int64_t id, struct hack_submission **out)
{
    static const char Q[] = "SELECT " SUB_COLS " FROM hack_submissions WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, id);
    return one_sub(st, a, out);
}

enum db_rc store_hack_submission_place(db *d, int64_t id, int64_t place)
{
    static const char Q[] = "UPDATE hack_submissions SET place = ? WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    if (place) db_bind_int(st, 1, place);
    else db_bind_null(st, 1);
    db_bind_int(st, 2, id);
    return db_run(st);
}

enum db_rc store_hack_submission_set_idea(db *d, int64_t id, int64_t idea_id)
{
    static const char Q[] =
        "UPDATE hack_submissions SET idea_id = ? WHERE id = ? AND idea_id IS NULL";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, idea_id);
    db_bind_int(st, 2, id);
    int64_t changed = 0;
    enum db_rc rc = db_run_changes(st, &changed);
    return rc == DB_OK && !changed ? DB_CONFLICT : rc;
}

/* ------------------------------------------------------------------ */
/* jury                                                                */

enum db_rc store_hack_jury_add(db *d, int64_t hack_id, int64_t user_id)
{
    static const char Q[] = "INSERT INTO hack_jury(hackathon_id, user_id) VALUES (?, ?)";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, hack_id);
    db_bind_int(st, 2, user_id);
    return db_run(st);
}

enum db_rc store_hack_is_jury(db *d, int64_t hack_id, int64_t user_id, bool *yes)
{
    static const char Q[] =
        "SELECT COUNT(*) FROM hack_jury WHERE hackathon_id = ? AND user_id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, hack_id);
    db_bind_int(st, 2, user_id);
    int64_t c = 0;
    enum db_rc rc = db_one_int(st, &c);
    *yes = c > 0;
    return rc;
}

enum db_rc store_hack_jury(db *d, arena *a, int64_t hack_id, struct hack_person **list,
                           size_t *n)
{
    static const char Q[] =
        "SELECT u.id, u.name FROM hack_jury j JOIN users u ON u.id = j.user_id "
        "WHERE j.hackathon_id = ? ORDER BY u.id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, hack_id);
    size_t cap = 0;
    *list = NULL;
    *n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct hack_person *p = ARENA_PUSH(a, *list, *n, cap);
        p->user_id = db_col_int(st, 0);
        p->name = S(st, 1);
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_hack_conflict(db *d, int64_t team_id, int64_t user_id, bool *yes)
{
    static const char Q[] =
        "SELECT (SELECT COUNT(*) FROM org_representatives mine JOIN org_representatives theirs "
        "ON theirs.org_id = mine.org_id WHERE mine.user_id = ? AND theirs.user_id IN "
        "(SELECT user_id FROM hack_team_members WHERE team_id = ? "
        "UNION SELECT coach_id FROM hack_teams WHERE id = ? AND coach_id IS NOT NULL)) "
        "+ (SELECT COUNT(*) FROM hack_team_members WHERE team_id = ? AND user_id = ?) "
        "+ (SELECT COUNT(*) FROM hack_teams WHERE id = ? AND coach_id = ?)";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, user_id);
    db_bind_int(st, 2, team_id);
    db_bind_int(st, 3, team_id);
    db_bind_int(st, 4, team_id);
    db_bind_int(st, 5, user_id);
    db_bind_int(st, 6, team_id);
    db_bind_int(st, 7, user_id);
    int64_t c = 0;
    enum db_rc rc = db_one_int(st, &c);
    *yes = c > 0;
    return rc;
}

struct score_write {
    int64_t hack_id, sub_id, member_id, now;
    const int64_t *crit, *scores;
    size_t n;
    const char *comment;
    bool updated;
};

static enum db_rc score_tx(db *d, void *ctx)
{
    struct score_write *w = ctx;
    static const char Q_HAD[] =
        "SELECT COUNT(*) FROM hack_scores WHERE submission_id = ? AND member_id = ?";
    static const char Q_PUT[] =
        "INSERT INTO hack_scores(submission_id, member_id, criterion_id, score, updated_at) "
        "SELECT ?, ?, c.id, ?, ? FROM hack_criteria c WHERE c.id = ? AND c.hackathon_id = ? "
        "ON CONFLICT (submission_id, member_id, criterion_id) DO UPDATE SET "
        "score = excluded.score, updated_at = excluded.updated_at";
    static const char Q_COMMENT[] =
        "INSERT INTO hack_comments(submission_id, member_id, body) VALUES (?, ?, ?) "
        "ON CONFLICT (submission_id, member_id) DO UPDATE SET body = excluded.body";
    static const char Q_NOCOMMENT[] =
        "DELETE FROM hack_comments WHERE submission_id = ? AND member_id = ?";
    enum db_rc rc = guard(d, Q_GUARD_SCORE, w->hack_id, 0);
    if (rc != DB_OK) return rc;
    db_stmt *st = db_prepare(d, Q_HAD);
    db_bind_int(st, 1, w->sub_id);
    db_bind_int(st, 2, w->member_id);
    int64_t had = 0;
    if ((rc = db_one_int(st, &had)) != DB_OK) return rc;
    w->updated = had > 0;
    for (size_t i = 0; i < w->n; i++) {
        st = db_prepare(d, Q_PUT);
        db_bind_int(st, 1, w->sub_id);
        db_bind_int(st, 2, w->member_id);
        db_bind_int(st, 3, w->scores[i]);
        db_bind_int(st, 4, w->now);
        db_bind_int(st, 5, w->crit[i]);
        db_bind_int(st, 6, w->hack_id);
        int64_t changed = 0;
        if ((rc = db_run_changes(st, &changed)) != DB_OK) return rc;
        if (!changed) return DB_CONFLICT; /* the rubric changed under the form */
    }
    st = db_prepare(d, w->comment && *w->comment ? Q_COMMENT : Q_NOCOMMENT);
    db_bind_int(st, 1, w->sub_id);
    db_bind_int(st, 2, w->member_id);
    if (w->comment && *w->comment) db_bind_text(st, 3, w->comment);
    return db_run(st);
}

enum db_rc store_hack_score_set(db *d, int64_t hack_id, int64_t submission_id, int64_t member_id,
                                const int64_t *criterion_ids, const int64_t *scores, size_t n,
                                const char *comment, int64_t now, bool *updated)
{
    struct score_write w = {hack_id, submission_id, member_id, now, criterion_ids, scores, n,
                            comment, false};
    enum db_rc rc = db_tx(d, true, score_tx, &w);
    *updated = w.updated;
    return rc;
}

enum db_rc store_hack_scores(db *d, arena *a, int64_t hack_id, int64_t member_id,
                             struct judge_score **list, size_t *n)
{
    static const char Q[] =
        "SELECT s.member_id, s.submission_id, c.position, s.score FROM hack_scores s "
        "JOIN hack_criteria c ON c.id = s.criterion_id WHERE c.hackathon_id = ? "
        "AND (? = 0 OR s.member_id = ?) ORDER BY s.submission_id, s.member_id, c.position";
    static const char Q_POS[] =
        "SELECT position FROM hack_criteria WHERE hackathon_id = ? ORDER BY position, id";
    /* criterion index = rank of position in the rubric */
    int64_t pos[JUDGING_MAX_CRITERIA + 1];
    size_t npos = 0;
    db_stmt *st = db_prepare(d, Q_POS);
    db_bind_int(st, 1, hack_id);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW)
        if (npos < JUDGING_MAX_CRITERIA) pos[npos++] = db_col_int(st, 0);
    db_done(st);
    if (rc != DB_DONE) return rc;
    st = db_prepare(d, Q);
    db_bind_int(st, 1, hack_id);
    db_bind_int(st, 2, member_id);
    db_bind_int(st, 3, member_id);
    size_t cap = 0;
    *list = NULL;
    *n = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t p = db_col_int(st, 2);
        int idx = -1;
        for (size_t k = 0; k < npos; k++)
            if (pos[k] == p) idx = (int)k;
        if (idx < 0) continue;
        struct judge_score *s = ARENA_PUSH(a, *list, *n, cap);
        s->member = db_col_int(st, 0);
        s->submission = db_col_int(st, 1);
        s->criterion = idx;
        s->score = (int)db_col_int(st, 3);
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_hack_comments(db *d, arena *a, int64_t submission_id, const char ***list,
                               size_t *n)
{
    static const char Q[] =
        "SELECT body FROM hack_comments WHERE submission_id = ? ORDER BY member_id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, submission_id);
    size_t cap = 0;
    *list = NULL;
    *n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) *ARENA_PUSH(a, *list, *n, cap) = S(st, 0);
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_hack_my_comment(db *d, arena *a, int64_t submission_id, int64_t member_id,
                                 const char **out)
{
    static const char Q[] =
        "SELECT body FROM hack_comments WHERE submission_id = ? AND member_id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, submission_id);
    db_bind_int(st, 2, member_id);
    *out = "";
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) *out = S(st, 0);
    db_done(st);
    return rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_hack_submissions(db *d, arena *a, int64_t hack_id, struct hack_submission **list, size_t *n)
{
    static const char Q[] =
        "SELECT s.id, s.team_id, COALESCE(s.place, 0), COALESCE(s.idea_id, 0), s.updated_at, s.problem, "
        "s.audience, s.solution, s.prototype, s.links, s.test_first FROM hack_submissions s "
        "JOIN hack_teams t ON t.id = s.team_id WHERE t.hackathon_id = ? ORDER BY s.id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, hack_id);
    size_t cap = 0;
    *list = NULL;
    *n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct hack_submission *s = ARENA_PUSH(a, *list, *n, cap);
        s->id = db_col_int(st, 0);
        s->team_id = db_col_int(st, 1);
        s->place = db_col_int(st, 2);
        s->idea_id = db_col_int(st, 3);
        s->updated_at = db_col_int(st, 4);
        s->problem = S(st, 5);
        s->audience = S(st, 6);
        s->solution = S(st, 7);
        s->prototype = S(st, 8);
        s->links = S(st, 9);
        s->test_first = S(st, 10);
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_hack_all_comments(db *d, arena *a, int64_t hack_id, int64_t **subs, const char ***bodies,
                                   size_t *n)
{
    static const char Q[] =
        "SELECT c.submission_id, c.body FROM hack_comments c JOIN hack_submissions s ON s.id = c.submission_id "
        "JOIN hack_teams t ON t.id = s.team_id WHERE t.hackathon_id = ? ORDER BY c.submission_id, c.member_id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, hack_id);
    size_t cap = 0, cap2 = 0, n2 = 0;
    *subs = NULL;
    *bodies = NULL;
    *n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        *ARENA_PUSH(a, *subs, *n, cap) = db_col_int(st, 0);
        *ARENA_PUSH(a, *bodies, n2, cap2) = S(st, 1);
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_hack_conflicts(db *d, arena *a, int64_t hack_id, int64_t user_id, int64_t **teams, size_t *n)
{
    static const char Q[] =
        "SELECT DISTINCT t.id FROM hack_teams t JOIN org_representatives theirs ON theirs.user_id IN "
        "(SELECT m.user_id FROM hack_team_members m WHERE m.team_id = t.id UNION SELECT t.coach_id) "
        "JOIN org_representatives mine ON mine.org_id = theirs.org_id AND mine.user_id = ? "
        "WHERE t.hackathon_id = ? "
        "UNION SELECT t.id FROM hack_teams t WHERE t.hackathon_id = ? AND (t.coach_id = ? OR EXISTS "
        "(SELECT 1 FROM hack_team_members m WHERE m.team_id = t.id AND m.user_id = ?)) ORDER BY 1";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, user_id);
    db_bind_int(st, 2, hack_id);
    db_bind_int(st, 3, hack_id);
    db_bind_int(st, 4, user_id);
    db_bind_int(st, 5, user_id);
    size_t cap = 0;
    *teams = NULL;
    *n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) *ARENA_PUSH(a, *teams, *n, cap) = db_col_int(st, 0);
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

struct file_write {
    int64_t hack_id, sub_id, user_id, now, id;
    const char *name, *type;
    const void *data;
    size_t len;
};

static enum db_rc file_add_tx(db *d, void *ctx)
{
    struct file_write *w = ctx;
    static const char Q[] =
        "INSERT INTO hack_files(submission_id, name, type, size, data, created_by, created_at) "
        "SELECT ?, ?, ?, ?, ?, ?, ? WHERE (SELECT COUNT(*) FROM hack_files WHERE submission_id = ?) < ? "
        "RETURNING id";
    enum db_rc rc = guard(d, Q_GUARD_SUBMIT, w->hack_id, w->now);
    if (rc != DB_OK) return rc;
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, w->sub_id);
    db_bind_text(st, 2, w->name);
    db_bind_text(st, 3, w->type);
    db_bind_int(st, 4, (int64_t)w->len);
    db_bind_blob(st, 5, w->data, w->len);
    db_bind_int(st, 6, w->user_id);
    db_bind_int(st, 7, w->now);
    db_bind_int(st, 8, w->sub_id);
    db_bind_int(st, 9, HACK_FILES_MAX);
    rc = db_one_int(st, &w->id);
    return rc == DB_NOTFOUND ? DB_CONFLICT : rc;
}

enum db_rc store_hack_file_add(db *d, int64_t hack_id, int64_t submission_id, const char *name, const char *type,
                               const void *data, size_t len, int64_t user_id, int64_t now, int64_t *id)
{
    struct file_write w = {hack_id, submission_id, user_id, now, 0, name, type, data, len};
    enum db_rc rc = db_tx(d, true, file_add_tx, &w);
    *id = w.id;
    return rc;
}

static enum db_rc read_files(db_stmt *st, arena *a, struct hack_file **list, size_t *n);

enum db_rc store_hack_files(db *d, arena *a, int64_t submission_id, struct hack_file **list, size_t *n)
{
    static const char Q[] =
        "SELECT id, submission_id, size, name, type FROM hack_files WHERE submission_id = ? ORDER BY id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, submission_id);
    return read_files(st, a, list, n);
}

enum db_rc store_hack_all_files(db *d, arena *a, int64_t hack_id, struct hack_file **list, size_t *n)
{
    static const char Q[] =
        "SELECT f.id, f.submission_id, f.size, f.name, f.type FROM hack_files f "
        "JOIN hack_submissions s ON s.id = f.submission_id JOIN hack_teams t ON t.id = s.team_id "
        "WHERE t.hackathon_id = ? ORDER BY f.submission_id, f.id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, hack_id);
    return read_files(st, a, list, n);
}

static enum db_rc read_files(db_stmt *st, arena *a, struct hack_file **list, size_t *n)
{
    size_t cap = 0;
    *list = NULL;
    *n = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct hack_file *f = ARENA_PUSH(a, *list, *n, cap);
        f->id = db_col_int(st, 0);
        f->submission_id = db_col_int(st, 1);
        f->size = db_col_int(st, 2);
        f->name = S(st, 3);
        f->type = S(st, 4);
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_hack_file_get(db *d, arena *a, int64_t id, struct hack_file **f, const void **data, size_t *len)
{
    static const char Q[] = "SELECT id, submission_id, size, name, type, data FROM hack_files WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        struct hack_file *x = arena_alloc(a, sizeof *x);
        x->id = db_col_int(st, 0);
        x->submission_id = db_col_int(st, 1);
        x->size = db_col_int(st, 2);
        x->name = S(st, 3);
        x->type = S(st, 4);
        size_t nb = 0;
        const void *p = db_col_blob(st, 5, &nb);
        void *copy = arena_alloc(a, nb ? nb : 1);
        if (nb) memcpy(copy, p, nb);
        *f = x;
        *data = copy;
        *len = nb;
    }
    db_done(st);
    return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_NOTFOUND : rc;
}

enum db_rc store_hack_jury_progress(db *d, arena *a, int64_t hack_id, const struct hack_person *list, size_t n,
                                    int64_t **counts)
{
    static const char Q[] =
        "SELECT s.member_id, COUNT(DISTINCT s.submission_id) FROM hack_scores s "
        "JOIN hack_criteria c ON c.id = s.criterion_id WHERE c.hackathon_id = ? GROUP BY s.member_id";
    *counts = arena_alloc(a, (n + 1) * sizeof **counts);
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, hack_id);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t m = db_col_int(st, 0);
        for (size_t i = 0; i < n; i++)
            if (list[i].user_id == m) (*counts)[i] = db_col_int(st, 1);
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* ------------------------------------------------------------------ */
/* the search index                                                    */

/* Every hackathon is public from the moment it is made (there are no
 * drafts), so each challenge is found by its title, brief (as plain text)
 * and the hackathon's name and place; the hit links to the challenge on
 * the hackathon page.  Hackathons have no organisation, so no org facet.
 * Registrations, teams, submissions and scores are never indexed. */
enum db_rc search_index_hack_challenges(db *d, int64_t hack_id)
{
    static const char Q[] =
        "SELECT c.id, c.title, c.brief_md, h.slug, h.name, h.place, h.updated_at "
        "FROM hack_challenges c JOIN hackathons h ON h.id = c.hackathon_id "
        "WHERE c.hackathon_id = ? ORDER BY c.position, c.id";
    arena *a = arena_new();
    struct search_doc *docs = NULL;
    size_t n = 0, cap = 0;
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, hack_id);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct search_doc *sd = ARENA_PUSH(a, docs, n, cap);
        int64_t id = db_col_int(st, 0);
        *sd = (struct search_doc){
            .kind = "utmaning", .ref = id,
            .url = arena_printf(a, "/inhabithon/%s#utmaning-%lld", db_col_text(st, 3), (long long)id),
            .title = S(st, 1),
            .body = arena_printf(a, "%s\n%s\n%s", markdown_plain(a, db_col_text(st, 2)), db_col_text(st, 4),
                                 db_col_text(st, 5)),
            .updated_at = db_col_int(st, 6), .visible = true,
        };
    }
    db_done(st);
    if (rc == DB_DONE) rc = DB_OK;
    for (size_t i = 0; rc == DB_OK && i < n; i++) rc = search_put(d, &docs[i]);
    arena_free(a);
    return rc;
}

/* ------------------------------------------------------------------ */
/* retention                                                           */

struct guests_ctx {
    int64_t now, *erased;
};

static enum db_rc guests_tx(db *d, void *vctx)
{
    struct guests_ctx *c = vctx;
    *c->erased = 0;
    static const char Q[] =
        "SELECT id, ends_on, retention_days FROM hackathons WHERE guests_erased_at IS NULL ORDER BY id";
    struct due {
        int64_t id;
    } *list = NULL;
    size_t n = 0, cap = 0;
    db_stmt *st = db_prepare(d, Q);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int y, m, day;
        if (!parse_ymd(db_col_text(st, 1), &y, &m, &day)) continue;
        /* the end of the last day, Stockholm time, then the retention */
        int64_t due = stockholm_to_unix(y, m, day, 23, 59) + 60 + db_col_int(st, 2) * 86400;
        if (due > c->now) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            list = xrealloc(list, cap * sizeof *list);
        }
        list[n++].id = db_col_int(st, 0);
    }
    db_done(st);
    if (rc == DB_DONE) rc = DB_OK;
    for (size_t i = 0; rc == DB_OK && i < n; i++) {
        static const char QY[] =
            "SELECT COUNT(*) FROM hack_registrations WHERE hackathon_id = ? AND user_id IS NULL "
            "AND kind = 'ungdom' AND status = 'anmald'";
        int64_t youth = 0, gone = 0;
        st = db_prepare(d, QY);
        db_bind_int(st, 1, list[i].id);
        if ((rc = db_one_int(st, &youth)) != DB_OK) break;
        static const char QD[] = "DELETE FROM hack_registrations WHERE hackathon_id = ? AND user_id IS NULL";
        st = db_prepare(d, QD);
        db_bind_int(st, 1, list[i].id);
        if ((rc = db_run_changes(st, &gone)) != DB_OK) break;
        static const char QU[] =
            "UPDATE hackathons SET guests_erased_at = ?, guests_erased = ?, youth_kept = ? "
            "WHERE id = ? AND guests_erased_at IS NULL";
        st = db_prepare(d, QU);
        db_bind_int(st, 1, c->now);
        db_bind_int(st, 2, gone);
        db_bind_int(st, 3, youth);
        db_bind_int(st, 4, list[i].id);
        if ((rc = db_run(st)) == DB_OK) (*c->erased)++;
    }
    free(list);
    return rc;
}

enum db_rc store_hack_erase_guests_due(db *d, int64_t now, int64_t *erased)
{
    struct guests_ctx c = {now, erased};
    return db_tx(d, true, guests_tx, &c);
}
