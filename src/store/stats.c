/* Statistics and open data (store/stats.h).
 *
 * Every query counts public rows only: ideas that are not drafts, activities
 * that were not cancelled, meetings whose minutes are published.  A period
 * selects ideas by the day they were sent in, activities by their first
 * day and meetings by their day; money is that of the ideas sent in in the
 * period (their budget lines and the claims on them).  The documents are
 * kept in stats_cache (migration 0013) and counted afresh when older than
 * the caller's max_age, so a page does not scan every row per request. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "domain/idea.h"
#include "store/stats.h"
#include "view/format.h"

/* ---- the tables' columns (the layout a cached document is read with) ---- */

static const struct stat_col COLS_UNGA[] = {{"kalla", SC_TEXT, "stats.youth."}, {"antal", SC_PEOPLE, NULL}};
static const struct stat_col COLS_STATUS[] = {{"status", SC_TEXT, "idea.status."}, {"antal", SC_COUNT, NULL}};
static const struct stat_col COLS_KIND[] = {{"inlamnare", SC_TEXT, "stats.kind."}, {"antal", SC_PEOPLE, NULL}};
static const struct stat_col COLS_MONEY[] = {
    {"kategori", SC_TEXT, NULL},    {"sokt_ore", SC_MONEY, NULL},    {"beviljat_ore", SC_MONEY, NULL},
    {"begart_ore", SC_MONEY, NULL}, {"godkant_ore", SC_MONEY, NULL}, {"utbetalt_ore", SC_MONEY, NULL},
    {"kvar_ore", SC_MONEY, NULL},
};
static const struct stat_col COLS_BUDGET[] = {
    {"projekt", SC_TEXT, NULL}, {"budget_ore", SC_MONEY, NULL}, {"beviljat_ore", SC_MONEY, NULL},
    {"kvar_ore", SC_MONEY, NULL}};
static const struct stat_col COLS_COLLAB[] = {
    {"aktivitet", SC_TEXT, NULL}, {"organisationer", SC_COUNT, NULL}, {"sektorer", SC_COUNT, NULL}};
static const struct stat_col COLS_SHARE[] = {
    {"aktiviteter", SC_COUNT, NULL}, {"flera_sektorer", SC_COUNT, NULL}, {"andel_procent", SC_PERCENT, NULL}};
static const struct stat_col COLS_PAIRS[] = {
    {"organisation_a", SC_TEXT, NULL}, {"organisation_b", SC_TEXT, NULL}, {"aktiviteter", SC_COUNT, NULL}};
static const struct stat_col COLS_MEETINGS[] = {
    {"mote", SC_TEXT, NULL},           {"organisationer", SC_COUNT, NULL}, {"personer", SC_PEOPLE, NULL},
    {"rapporter", SC_COUNT, NULL},      {"flyttade", SC_COUNT, NULL},       {"atgarder_nya", SC_COUNT, NULL},
    {"atgarder_klara", SC_COUNT, NULL}, {"dagar_till_klar", SC_DAYS, NULL},
};
static const struct stat_col COLS_MONTH[] = {
    {"manad", SC_TEXT, NULL},           {"ideer", SC_COUNT, NULL},       {"unga", SC_PEOPLE, NULL},
    {"unga_hittills", SC_PEOPLE, NULL}, {"aktiviteter", SC_COUNT, NULL}, {"moten", SC_COUNT, NULL},
};

#define LAYOUT(id, cols) {id, cols, sizeof cols / sizeof cols[0]}
static const struct {
    const char *id;
    const struct stat_col *cols;
    size_t ncols;
} LAYOUTS[] = {
    LAYOUT("unga", COLS_UNGA),          LAYOUT("ideer_status", COLS_STATUS), LAYOUT("ideer_inlamnare", COLS_KIND),
    LAYOUT("pengar", COLS_MONEY),       LAYOUT("budget", COLS_BUDGET),       LAYOUT("samverkan", COLS_COLLAB),
    LAYOUT("samverkan_andel", COLS_SHARE), LAYOUT("samverkan_par", COLS_PAIRS), LAYOUT("moten", COLS_MEETINGS),
    LAYOUT("manad", COLS_MONTH),
};

static bool layout_of(const char *id, const char **sid, const struct stat_col **cols, size_t *ncols);

bool stats_layout(const char *id, const struct stat_col **cols, size_t *ncols)
{
    const char *sid;
    return layout_of(id, &sid, cols, ncols);
}

static bool layout_of(const char *id, const char **sid, const struct stat_col **cols, size_t *ncols)
{
    for (size_t i = 0; i < sizeof LAYOUTS / sizeof LAYOUTS[0]; i++)
        if (strcmp(LAYOUTS[i].id, id) == 0) {
            *sid = LAYOUTS[i].id;
            *cols = LAYOUTS[i].cols;
            *ncols = LAYOUTS[i].ncols;
            return true;
        }
    return false;
}

/* ---- building tables ---- */

static struct stat_table *add_table(arena *a, struct stats *s, size_t *cap, const char *id)
{
    struct stat_table *t = ARENA_PUSH(a, s->tables, s->ntables, *cap);
    *t = (struct stat_table){0};
    layout_of(id, &t->id, &t->cols, &t->ncols); /* every id used here has a layout */
    return t;
}

/* A new row of t (zeroed cells, n = 0), returned for filling. */
static struct stat_cell *add_row(arena *a, struct stat_table *t, size_t *cap)
{
    size_t need = (t->nrows + 1) * t->ncols;
    if (need > *cap) {
        size_t ncap = *cap ? *cap * 2 : 16 * t->ncols;
        while (ncap < need) ncap *= 2;
        struct stat_cell *c = arena_alloc(a, ncap * sizeof *c);
        if (t->nrows) memcpy(c, t->cells, t->nrows * t->ncols * sizeof *c);
        t->cells = c;
        *cap = ncap;
    }
    struct stat_cell *row = &t->cells[t->nrows * t->ncols];
    memset(row, 0, t->ncols * sizeof *row);
    t->nrows++;
    return row;
}

const struct stat_table *stats_table(const struct stats *s, const char *id)
{
    for (size_t i = 0; i < s->ntables; i++)
        if (strcmp(s->tables[i].id, id) == 0) return &s->tables[i];
    return NULL;
}

/* ---- the period as Unix seconds ---- */

static int64_t day_start(const char *ymd, int plus_days)
{
    int y, m, d;
    if (!parse_ymd(ymd, &y, &m, &d)) return 0;
    return local_time(y, m, d + plus_days, 0, 0);
}

static void month_of(int64_t t, char out[8])
{
    time_t tt = (time_t)t;
    struct tm tm;
    localtime_r(&tt, &tm);
    snprintf(out, 8, "%04u-%02u", (unsigned)(tm.tm_year + 1900) % 10000u, (unsigned)(tm.tm_mon + 1) % 13u);
}

/* ---- months: a small map from "YYYY-MM" to counts ---- */

enum { M_IDEAS, M_YOUTH, M_ACTS, M_MEETINGS, M_COUNT };

struct month {
    char ym[8];
    int64_t n[M_COUNT];
};

struct months {
    struct month *m;
    size_t n, cap;
};

static struct month *month_get(arena *a, struct months *ms, const char *ym)
{
    for (size_t i = 0; i < ms->n; i++)
        if (strcmp(ms->m[i].ym, ym) == 0) return &ms->m[i];
    struct month *m = ARENA_PUSH(a, ms->m, ms->n, ms->cap);
    memset(m, 0, sizeof *m);
    memcpy(m->ym, ym, 8);
    return m;
}

static int month_cmp(const void *x, const void *y)
{
    return strcmp(((const struct month *)x)->ym, ((const struct month *)y)->ym);
}

/* ---- the tables ---- */

struct ctx {
    arena *a;
    int64_t project_id, t0, t1;
    const char *from, *to;
    struct stats *s;
    size_t tcap;
    struct months months;
    /* the period holds every idea that is not a draft (the default, all
     * time): the money per category can come from ledger_totals */
    bool all_ideas;
};

#define PROJ "(? = 0 OR i.project_id = ?)"
#define IDEA_PUBLIC "i.status <> 'utkast' AND COALESCE(i.submitted_at, i.created_at) >= ? " \
                    "AND COALESCE(i.submitted_at, i.created_at) < ?"

static void bind_idea_filter(db_stmt *st, int at, const struct ctx *c)
{
    db_bind_int(st, at, c->t0);
    db_bind_int(st, at + 1, c->t1);
    db_bind_int(st, at + 2, c->project_id);
    db_bind_int(st, at + 3, c->project_id);
}

/* Accounts already counted by an earlier source (ideer, then evenemang,
 * then hackathon): a sorted set of users.id, so one person with an
 * account is counted once across the named sources. */
struct seen {
    int64_t *ids;
    size_t n, cap;
};

static size_t seen_pos(const struct seen *s, int64_t id)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->ids[mid] < id) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* Adds id; false when it was there already. */
static bool seen_add(arena *a, struct seen *s, int64_t id)
{
    size_t i = seen_pos(s, id);
    if (i < s->n && s->ids[i] == id) return false;
    ARENA_PUSH(a, s->ids, s->n, s->cap);
    memmove(s->ids + i + 1, s->ids + i, (s->n - 1 - i) * sizeof *s->ids);
    s->ids[i] = id;
    return true;
}

/* One person of an event or hackathon source, from rows ordered by the
 * person's key ("u<users.id>" or "e<e-mail>") and then by time: the first
 * row of a key counts, unless its account was counted by an earlier
 * source. */
struct people_walk {
    const char *last;
    int64_t *n;
};

static void person_row(arena *a, struct ctx *c, struct seen *seen, struct people_walk *w, int64_t user,
                       const char *key, const char *day)
{
    if (w->last && strcmp(w->last, key) == 0) return;
    w->last = arena_strdup(a, key);
    if (user > 0 && !seen_add(a, seen, user)) return;
    char ym[8];
    memcpy(ym, day, 7);
    ym[7] = 0;
    month_get(a, &c->months, ym)->n[M_YOUTH]++;
    (*w->n)++;
}

/*   evenemang — young people registered (confirmed) and ticked present at
 *               an occurrence in the period, of events for young people
 *               (events.youth: the only ones whose registrations keep a
 *               birth year), aged YOUTH_MIN_AGE–YOUTH_MAX_AGE in the
 *               occurrence's year (youth_age_ok); one person by account,
 *               else by e-mail address (email_fold).  Events belong to no
 *               project: counted on the platform's figures only.  Once
 *               the retention sweep has erased an occurrence's
 *               registrations, the number it kept (youth_present) is
 *               counted instead, not de-duplicated across occurrences. */
static enum db_rc youth_events(db *d, arena *a, struct ctx *c, struct seen *seen, int64_t *n)
{
    *n = 0;
    if (c->project_id != 0) return DB_OK;
    static const char Q[] =
        "SELECT COALESCE(r.user_id, 0), r.email_fold, o.day, r.birth_year FROM event_registrations r "
        "JOIN event_occurrences o ON o.id = r.occurrence_id JOIN events e ON e.id = o.event_id "
        "WHERE e.youth = 1 AND o.status = 'planerad' AND r.status = 'bekraftad' "
        "AND r.attended = 1 AND r.birth_year > 0 AND o.day >= ? AND o.day <= ? "
        "ORDER BY COALESCE(r.user_id, 0), r.email_fold, o.day";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, c->from);
    db_bind_text(st, 2, c->to);
    struct people_walk w = {NULL, n};
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *day = db_col_text(st, 2);
        if (strlen(day) < 10 || !youth_age_ok(db_col_int(st, 3), atoi(day))) continue;
        int64_t user = db_col_int(st, 0);
        const char *key = user > 0 ? arena_printf(a, "u%lld", (long long)user)
                                   : arena_printf(a, "e%s", db_col_text(st, 1));
        person_row(a, c, seen, &w, user, key, day);
    }
    db_done(st);
    if (rc != DB_DONE) return rc;
    /* occurrences whose registrations the retention sweep erased: the
     * number kept then (youth_present), per occurrence — these people can
     * no longer be matched to each other or to the other sources, so they
     * are not de-duplicated */
    static const char QK[] =
        "SELECT o.day, o.youth_present FROM event_occurrences o JOIN events e ON e.id = o.event_id "
        "WHERE e.youth = 1 AND o.status = 'planerad' AND o.erased = 1 AND o.youth_present > 0 "
        "AND o.day >= ? AND o.day <= ?";
    st = db_prepare(d, QK);
    db_bind_text(st, 1, c->from);
    db_bind_text(st, 2, c->to);
    while ((rc = db_step(st)) == DB_ROW) {
        const char *day = db_col_text(st, 0);
        if (strlen(day) < 7) continue;
        char ym[8];
        memcpy(ym, day, 7);
        ym[7] = 0;
        month_get(a, &c->months, ym)->n[M_YOUTH] += db_col_int(st, 1);
        *n += db_col_int(st, 1);
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/*   hackathon — young participants (kind 'ungdom', whose age 13–18 the
 *               registration checked) with a place (status 'anmald': the
 *               e-mail confirmed and a place given) at hackathons that
 *               start in the period; by account, else by e-mail address;
 *               a project's figures count its own hackathons.  Once the
 *               registrations without an account are erased (30 days
 *               after the end), the number of them kept (youth_kept). */
static enum db_rc youth_hackathons(db *d, arena *a, struct ctx *c, struct seen *seen, int64_t *n)
{
    *n = 0;
    static const char Q[] =
        "SELECT COALESCE(r.user_id, 0), LOWER(r.email), h.starts_on FROM hack_registrations r "
        "JOIN hackathons h ON h.id = r.hackathon_id "
        "WHERE r.kind = 'ungdom' AND r.status = 'anmald' AND h.starts_on >= ? AND h.starts_on <= ? "
        "AND (? = 0 OR h.project_id = ?) ORDER BY COALESCE(r.user_id, 0), LOWER(r.email), h.starts_on";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, c->from);
    db_bind_text(st, 2, c->to);
    db_bind_int(st, 3, c->project_id);
    db_bind_int(st, 4, c->project_id);
    struct people_walk w = {NULL, n};
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *day = db_col_text(st, 2);
        if (strlen(day) < 10) continue;
        int64_t user = db_col_int(st, 0);
        const char *key = user > 0 ? arena_printf(a, "u%lld", (long long)user)
                                   : arena_printf(a, "e%s", db_col_text(st, 1));
        person_row(a, c, seen, &w, user, key, day);
    }
    db_done(st);
    if (rc != DB_DONE) return rc;
    /* registrations without an account erased after the retention date:
     * the number of young participants kept then (youth_kept), per
     * hackathon, not de-duplicated across hackathons */
    static const char QK[] =
        "SELECT h.starts_on, h.youth_kept FROM hackathons h WHERE h.youth_kept > 0 "
        "AND h.starts_on >= ? AND h.starts_on <= ? AND (? = 0 OR h.project_id = ?)";
    st = db_prepare(d, QK);
    db_bind_text(st, 1, c->from);
    db_bind_text(st, 2, c->to);
    db_bind_int(st, 3, c->project_id);
    db_bind_int(st, 4, c->project_id);
    while ((rc = db_step(st)) == DB_ROW) {
        const char *day = db_col_text(st, 0);
        if (strlen(day) < 7) continue;
        char ym[8];
        memcpy(ym, day, 7);
        ym[7] = 0;
        month_get(a, &c->months, ym)->n[M_YOUTH] += db_col_int(st, 1);
        *n += db_col_int(st, 1);
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* The definition of engaged young people (docs/DESIGN.md, "Statistics and
 * open data"), one row per source:
 *   ideer       — unique young people who sent in an idea in the period
 *                 (by account; an idea whose account was erased counts as
 *                 one person), counted in the month of their first idea;
 *   aktiviteter — young people counted in activity reports ("16–17 barn
 *                 och unga" counts 16: the lower bound), by the
 *                 activity's first day; these are head counts without
 *                 names, so they cannot be matched to the named sources;
 *   evenemang, hackathon — youth_events and youth_hackathons above; an
 *                 account counted by an earlier source (in this order:
 *                 ideer, evenemang, hackathon) is not counted again.
 * The total is the sum of the sources. */
static enum db_rc stats_youth_sources(db *d, arena *a, struct ctx *c)
{
    struct stat_table *t = add_table(a, c->s, &c->tcap, "unga");
    size_t cap = 0;
    static const char Q_IDEAS[] =
        "SELECT MIN(COALESCE(i.submitted_at, i.created_at)), COALESCE(MAX(i.submitter_id), 0) FROM ideas i "
        "WHERE COALESCE(i.birth_year, 0) > 0 AND i.org_id IS NULL AND " IDEA_PUBLIC " AND " PROJ
        " GROUP BY COALESCE(i.submitter_id, -i.id)";
    db_stmt *st = db_prepare(d, Q_IDEAS);
    bind_idea_filter(st, 1, c);
    int64_t named = 0, counted = 0;
    struct seen seen = {0};
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        char ym[8];
        month_of(db_col_int(st, 0), ym);
        month_get(a, &c->months, ym)->n[M_YOUTH]++;
        named++;
        if (db_col_int(st, 1) > 0) seen_add(a, &seen, db_col_int(st, 1));
    }
    db_done(st);
    if (rc != DB_DONE) return rc;
    int64_t at_events = 0, at_hack = 0;
    rc = youth_events(d, a, c, &seen, &at_events);
    if (rc != DB_OK) return rc;
    rc = youth_hackathons(d, a, c, &seen, &at_hack);
    if (rc != DB_OK) return rc;
    static const char Q_ACTS[] =
        "SELECT a.start_date, a.youth_min FROM activities a LEFT JOIN ideas i ON i.id = a.idea_id "
        "WHERE a.youth_min IS NOT NULL AND a.status <> 'installd' AND a.start_date >= ? "
        "AND a.start_date <= ? AND " PROJ;
    st = db_prepare(d, Q_ACTS);
    db_bind_text(st, 1, c->from);
    db_bind_text(st, 2, c->to);
    db_bind_int(st, 3, c->project_id);
    db_bind_int(st, 4, c->project_id);
    while ((rc = db_step(st)) == DB_ROW) {
        char ym[8];
        memcpy(ym, db_col_text(st, 0), 7);
        ym[7] = 0;
        month_get(a, &c->months, ym)->n[M_YOUTH] += db_col_int(st, 1);
        counted += db_col_int(st, 1);
    }
    db_done(st);
    if (rc != DB_DONE) return rc;
    struct stat_cell *row = add_row(a, t, &cap);
    row[0].text = "ideer";
    row[1].n = named;
    row = add_row(a, t, &cap);
    row[0].text = "aktiviteter";
    row[0].ref = "list:aktiviteter";
    row[1].n = counted;
    row = add_row(a, t, &cap);
    row[0].text = "evenemang";
    row[0].ref = "list:evenemang";
    row[1].n = at_events;
    row = add_row(a, t, &cap);
    row[0].text = "hackathon";
    row[0].ref = "list:hackathon";
    row[1].n = at_hack;
    row = add_row(a, t, &cap);
    row[0].text = "totalt";
    row[1].n = named + counted + at_events + at_hack;
    return DB_OK;
}

static const char *const status_order[] = {"inskickad", "under_bedomning", "behover_andras", "beviljad",
                                           "avslagen", "pagar", "genomford", "rapporterad"};

static enum db_rc ideas_tables(db *d, arena *a, struct ctx *c)
{
    static const char Q_STATUS[] = "SELECT i.status, COUNT(*) FROM ideas i WHERE " IDEA_PUBLIC " AND " PROJ
                                   " GROUP BY i.status";
    int64_t counts[8] = {0};
    db_stmt *st = db_prepare(d, Q_STATUS);
    bind_idea_filter(st, 1, c);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW)
        for (size_t k = 0; k < 8; k++)
            if (strcmp(db_col_text(st, 0), status_order[k]) == 0) counts[k] = db_col_int(st, 1);
    db_done(st);
    if (rc != DB_DONE) return rc;
    struct stat_table *t = add_table(a, c->s, &c->tcap, "ideer_status");
    size_t cap = 0;
    for (size_t k = 0; k < 8; k++) {
        struct stat_cell *row = add_row(a, t, &cap);
        row[0].text = status_order[k];
        row[0].ref = arena_printf(a, "status:%s", status_order[k]);
        row[1].n = counts[k];
    }

    static const char Q_KIND[] =
        "SELECT CASE WHEN i.org_id IS NULL THEN (CASE WHEN COALESCE(i.birth_year, 0) > 0 THEN 'ung' ELSE 'annan' END) "
        "WHEN o.kind IN ('forening', 'paraply') THEN 'forening' WHEN o.kind = 'forvaltning' THEN 'forvaltning' "
        "ELSE 'annan' END AS k, COUNT(*) FROM ideas i LEFT JOIN organisations o ON o.id = i.org_id "
        "WHERE " IDEA_PUBLIC " AND " PROJ " GROUP BY k";
    static const char *const kinds[] = {"forening", "forvaltning", "ung", "annan"};
    int64_t kc[4] = {0};
    st = db_prepare(d, Q_KIND);
    bind_idea_filter(st, 1, c);
    while ((rc = db_step(st)) == DB_ROW)
        for (size_t k = 0; k < 4; k++)
            if (strcmp(db_col_text(st, 0), kinds[k]) == 0) kc[k] = db_col_int(st, 1);
    db_done(st);
    if (rc != DB_DONE) return rc;
    t = add_table(a, c->s, &c->tcap, "ideer_inlamnare");
    cap = 0;
    for (size_t k = 0; k < 4; k++) {
        struct stat_cell *row = add_row(a, t, &cap);
        row[0].text = kinds[k];
        row[1].n = kc[k];
    }

    static const char Q_TIMES[] = "SELECT COALESCE(i.submitted_at, i.created_at) FROM ideas i WHERE " IDEA_PUBLIC
                                  " AND " PROJ;
    st = db_prepare(d, Q_TIMES);
    bind_idea_filter(st, 1, c);
    while ((rc = db_step(st)) == DB_ROW) {
        char ym[8];
        month_of(db_col_int(st, 0), ym);
        month_get(a, &c->months, ym)->n[M_IDEAS]++;
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

static enum db_rc money_tables(db *d, arena *a, struct ctx *c)
{
    static const char Q_LINES[] =
        "SELECT pc.name, MIN(pc.position), SUM(b.asked), SUM(b.granted) FROM budget_lines b "
        "JOIN ideas i ON i.id = b.idea_id JOIN project_categories pc ON pc.id = b.category_id "
        "WHERE " IDEA_PUBLIC " AND " PROJ " GROUP BY pc.name ORDER BY MIN(pc.position), pc.name";
    static const char Q_CLAIMS[] =
        "SELECT pc.name, SUM(CASE WHEN cl.status <> 'avslagen' THEN cl.amount ELSE 0 END), "
        "SUM(CASE WHEN cl.status IN ('godkand', 'utbetald') THEN cl.amount ELSE 0 END), "
        "SUM(CASE WHEN cl.status = 'utbetald' THEN cl.amount ELSE 0 END) FROM claims cl "
        "JOIN budget_lines b ON b.id = cl.line_id JOIN ideas i ON i.id = b.idea_id "
        "JOIN project_categories pc ON pc.id = b.category_id WHERE " IDEA_PUBLIC " AND " PROJ
        " GROUP BY pc.name";
    /* With every idea in the period, the sums per category are those the
     * triggers keep in ledger_totals (migration 0017): summing a million
     * lines and claims took 2.3 s.  Lines with an amount asked are exactly
     * those of ideas that are not drafts, so the same categories are listed. */
    static const char Q_LINES_ALL[] =
        "SELECT pc.name, MIN(pc.position), SUM(t.asked), SUM(t.granted) FROM ledger_totals t "
        "JOIN project_categories pc ON pc.id = t.category_id WHERE t.asked > 0 "
        "AND (? = 0 OR pc.project_id = ?) GROUP BY pc.name ORDER BY MIN(pc.position), pc.name";
    static const char Q_CLAIMS_ALL[] =
        "SELECT pc.name, SUM(t.claimed), SUM(t.approved), SUM(t.paid) FROM ledger_totals t "
        "JOIN project_categories pc ON pc.id = t.category_id WHERE t.asked > 0 "
        "AND (? = 0 OR pc.project_id = ?) GROUP BY pc.name";
    struct stat_table *t = add_table(a, c->s, &c->tcap, "pengar");
    size_t cap = 0;
    bool totals = c->all_ideas;
    db_stmt *st = db_prepare(d, totals ? Q_LINES_ALL : Q_LINES);
    if (totals) {
        db_bind_int(st, 1, c->project_id);
        db_bind_int(st, 2, c->project_id);
    } else {
        bind_idea_filter(st, 1, c);
    }
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct stat_cell *row = add_row(a, t, &cap);
        row[0].text = arena_strdup(a, db_col_text(st, 0));
        row[1].n = db_col_int(st, 2);
        row[2].n = db_col_int(st, 3);
    }
    db_done(st);
    if (rc != DB_DONE) return rc;
    st = db_prepare(d, totals ? Q_CLAIMS_ALL : Q_CLAIMS);
    if (totals) {
        db_bind_int(st, 1, c->project_id);
        db_bind_int(st, 2, c->project_id);
    } else {
        bind_idea_filter(st, 1, c);
    }
    while ((rc = db_step(st)) == DB_ROW)
        for (size_t r = 0; r < t->nrows; r++) {
            struct stat_cell *row = &t->cells[r * t->ncols];
            if (strcmp(row[0].text, db_col_text(st, 0)) != 0) continue;
            row[3].n = db_col_int(st, 1);
            row[4].n = db_col_int(st, 2);
            row[5].n = db_col_int(st, 3);
        }
    db_done(st);
    if (rc != DB_DONE) return rc;
    for (size_t r = 0; r < t->nrows; r++) {
        struct stat_cell *row = &t->cells[r * t->ncols];
        row[6].n = row[2].n - row[4].n;
    }

    static const char Q_BUDGET[] = "SELECT slug, title, budget, granted_total FROM projects i "
                                   "WHERE (? = 0 OR i.id = ?) ORDER BY call_opens, id";
    t = add_table(a, c->s, &c->tcap, "budget");
    cap = 0;
    st = db_prepare(d, Q_BUDGET);
    db_bind_int(st, 1, c->project_id);
    db_bind_int(st, 2, c->project_id);
    while ((rc = db_step(st)) == DB_ROW) {
        struct stat_cell *row = add_row(a, t, &cap);
        row[0].ref = arena_printf(a, "project:%s", db_col_text(st, 0));
        row[0].text = arena_strdup(a, db_col_text(st, 1));
        row[1].n = db_col_int(st, 2);
        row[2].n = db_col_int(st, 3);
        row[3].n = row[1].n - row[2].n;
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

static enum db_rc collaboration_tables(db *d, arena *a, struct ctx *c)
{
    static const char Q_ACTS[] =
        "SELECT a.id, a.title, a.start_date, COUNT(ao.id), COUNT(DISTINCT o.sector) FROM activities a "
        "LEFT JOIN ideas i ON i.id = a.idea_id LEFT JOIN activity_orgs ao ON ao.activity_id = a.id "
        "LEFT JOIN organisations o ON o.id = ao.org_id "
        "WHERE a.status <> 'installd' AND a.start_date >= ? AND a.start_date <= ? AND " PROJ
        " GROUP BY a.id, a.title, a.start_date ORDER BY a.start_date, a.id";
    struct stat_table *t = add_table(a, c->s, &c->tcap, "samverkan");
    size_t cap = 0;
    db_stmt *st = db_prepare(d, Q_ACTS);
    db_bind_text(st, 1, c->from);
    db_bind_text(st, 2, c->to);
    db_bind_int(st, 3, c->project_id);
    db_bind_int(st, 4, c->project_id);
    enum db_rc rc;
    int64_t many = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        struct stat_cell *row = add_row(a, t, &cap);
        row[0].ref = arena_printf(a, "activity:%lld", (long long)db_col_int(st, 0));
        row[0].text = arena_strdup(a, db_col_text(st, 1));
        row[1].n = db_col_int(st, 3);
        row[2].n = db_col_int(st, 4);
        if (row[2].n > 1) many++;
        char ym[8];
        memcpy(ym, db_col_text(st, 2), 7);
        ym[7] = 0;
        month_get(a, &c->months, ym)->n[M_ACTS]++;
    }
    db_done(st);
    if (rc != DB_DONE) return rc;
    int64_t nacts = (int64_t)t->nrows;
    t = add_table(a, c->s, &c->tcap, "samverkan_andel");
    cap = 0;
    struct stat_cell *row = add_row(a, t, &cap);
    row[0].n = nacts;
    row[1].n = many;
    row[2].n = nacts ? many * 100 / nacts : 0;

    static const char Q_PAIRS[] =
        "SELECT o1.slug, o1.name, o2.slug, o2.name, COUNT(DISTINCT a.id) FROM activity_orgs x "
        "JOIN activity_orgs y ON y.activity_id = x.activity_id AND x.org_id < y.org_id "
        "JOIN organisations o1 ON o1.id = x.org_id JOIN organisations o2 ON o2.id = y.org_id "
        "JOIN activities a ON a.id = x.activity_id LEFT JOIN ideas i ON i.id = a.idea_id "
        "WHERE a.status <> 'installd' AND a.start_date >= ? AND a.start_date <= ? AND " PROJ
        " GROUP BY o1.slug, o1.name, o2.slug, o2.name ORDER BY 5 DESC, 2, 4";
    t = add_table(a, c->s, &c->tcap, "samverkan_par");
    cap = 0;
    st = db_prepare(d, Q_PAIRS);
    db_bind_text(st, 1, c->from);
    db_bind_text(st, 2, c->to);
    db_bind_int(st, 3, c->project_id);
    db_bind_int(st, 4, c->project_id);
    while ((rc = db_step(st)) == DB_ROW) {
        row = add_row(a, t, &cap);
        row[0].ref = arena_printf(a, "org:%s", db_col_text(st, 0));
        row[0].text = arena_strdup(a, db_col_text(st, 1));
        row[1].ref = arena_printf(a, "org:%s", db_col_text(st, 2));
        row[1].text = arena_strdup(a, db_col_text(st, 3));
        row[2].n = db_col_int(st, 4);
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* Meetings belong to the development group, not to a project: counted on
 * the platform's page only. */
static enum db_rc meeting_tables(db *d, arena *a, struct ctx *c)
{
    static const char Q[] =
        "SELECT m.id, m.date, g.name, "
        "(SELECT COUNT(DISTINCT org_name) FROM attendance x WHERE x.meeting_id = m.id AND x.org_name <> ''), "
        "(SELECT COUNT(*) FROM attendance x WHERE x.meeting_id = m.id), "
        "(SELECT COUNT(*) FROM agenda_items x WHERE x.meeting_id = m.id AND x.activity_id IS NOT NULL "
        "AND x.report_missing = 0), "
        "(SELECT COUNT(*) FROM agenda_items x WHERE x.meeting_id = m.id AND x.report_missing = 1), "
        "(SELECT COUNT(*) FROM action_items x WHERE x.meeting_id = m.id), "
        "(SELECT COUNT(*) FROM action_items x WHERE x.done_meeting_id = m.id AND x.status = 'klar'), "
        "(SELECT COALESCE(SUM(x.done_at - x.created_at), 0) FROM action_items x "
        "WHERE x.done_meeting_id = m.id AND x.status = 'klar' AND x.done_at IS NOT NULL), "
        "(SELECT COUNT(*) FROM action_items x WHERE x.done_meeting_id = m.id AND x.status = 'klar' "
        "AND x.done_at IS NOT NULL) "
        "FROM meetings m JOIN groups g ON g.id = m.group_id "
        "WHERE m.status = 'protokoll_publicerat' AND m.date >= ? AND m.date <= ? ORDER BY m.date, m.id";
    struct stat_table *t = add_table(a, c->s, &c->tcap, "moten");
    size_t cap = 0;
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, c->from);
    db_bind_text(st, 2, c->to);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct stat_cell *row = add_row(a, t, &cap);
        row[0].ref = arena_printf(a, "meeting:%lld", (long long)db_col_int(st, 0));
        row[0].text = arena_printf(a, "%s %s", db_col_text(st, 1), db_col_text(st, 2));
        for (int k = 1; k <= 6; k++) row[k].n = db_col_int(st, k + 2);
        int64_t secs = db_col_int(st, 9), ndone = db_col_int(st, 10);
        row[7].n = ndone ? secs * 10 / 86400 / ndone : -1;
        char ym[8];
        memcpy(ym, db_col_text(st, 1), 7);
        ym[7] = 0;
        month_get(a, &c->months, ym)->n[M_MEETINGS]++;
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

static void month_table(arena *a, struct ctx *c)
{
    struct stat_table *t = add_table(a, c->s, &c->tcap, "manad");
    size_t cap = 0;
    if (!c->months.n) return;
    qsort(c->months.m, c->months.n, sizeof *c->months.m, month_cmp);
    /* every month from the first to the last, so that the line is honest */
    int y = atoi(c->months.m[0].ym), m = atoi(c->months.m[0].ym + 5);
    const char *last = c->months.m[c->months.n - 1].ym;
    int64_t cum = 0;
    for (int guard = 0; guard < 1200; guard++) {
        char ym[8];
        snprintf(ym, sizeof ym, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 13u);
        const struct month *mo = NULL;
        for (size_t i = 0; i < c->months.n; i++)
            if (strcmp(c->months.m[i].ym, ym) == 0) mo = &c->months.m[i];
        struct stat_cell *row = add_row(a, t, &cap);
        row[0].text = arena_strdup(a, ym);
        if (mo) {
            row[1].n = mo->n[M_IDEAS];
            row[2].n = mo->n[M_YOUTH];
            row[4].n = mo->n[M_ACTS];
            row[5].n = mo->n[M_MEETINGS];
        }
        cum += row[2].n;
        row[3].n = cum;
        if (strcmp(ym, last) >= 0) break;
        if (++m > 12) { m = 1; y++; }
    }
}

static enum db_rc count_tx(db *d, void *vctx)
{
    struct ctx *c = vctx;
    arena *a = c->a; /* a rerun (DB_RETRY) starts the document again */
    c->s->tables = NULL;
    c->s->ntables = 0;
    c->tcap = 0;
    c->months = (struct months){0};
    enum db_rc rc;
    if (c->project_id) {
        static const char Q[] = "SELECT short_target, short_year FROM projects WHERE id = ?";
        db_stmt *st = db_prepare(d, Q);
        db_bind_int(st, 1, c->project_id);
        rc = db_step(st);
        if (rc == DB_ROW) {
            c->s->target = db_col_int(st, 0);
            c->s->target_year = db_col_int(st, 1);
        }
        db_done(st);
        if (rc == DB_DONE) return DB_NOTFOUND;
        if (rc != DB_ROW) return rc;
    }
    if ((rc = stats_youth_sources(d, a, c)) != DB_OK) return rc;
    static const char Q_OUTSIDE[] =
        "SELECT COUNT(*) FROM (SELECT 1 FROM ideas i WHERE i.status <> 'utkast' AND NOT ("
        "COALESCE(i.submitted_at, i.created_at) >= ? AND COALESCE(i.submitted_at, i.created_at) < ?) "
        "AND " PROJ " LIMIT 1) x";
    int64_t outside = 1;
    db_stmt *st = db_prepare(d, Q_OUTSIDE);
    bind_idea_filter(st, 1, c);
    if ((rc = db_one_int(st, &outside)) != DB_OK) return rc;
    c->all_ideas = outside == 0;
    if ((rc = ideas_tables(d, a, c)) != DB_OK) return rc;
    if ((rc = money_tables(d, a, c)) != DB_OK) return rc;
    if ((rc = collaboration_tables(d, a, c)) != DB_OK) return rc;
    if (!c->project_id && (rc = meeting_tables(d, a, c)) != DB_OK) return rc;
    month_table(a, c);
    return DB_OK;
}

/* ---- the summary table: a document as JSON ---- */

static char *to_json(const struct stats *s)
{
    json_t *root = json_object();
    json_object_set_new(root, "target", json_integer(s->target));
    json_object_set_new(root, "target_year", json_integer(s->target_year));
    json_t *tables = json_array();
    for (size_t i = 0; i < s->ntables; i++) {
        const struct stat_table *t = &s->tables[i];
        json_t *jt = json_object(), *rows = json_array();
        json_object_set_new(jt, "id", json_string(t->id));
        json_object_set_new(jt, "total", json_integer((json_int_t)t->total_rows));
        for (size_t r = 0; r < t->nrows; r++)
            for (size_t k = 0; k < t->ncols; k++) {
                const struct stat_cell *cell = &t->cells[r * t->ncols + k];
                json_t *jc = json_array();
                json_array_append_new(jc, json_integer(cell->n));
                json_array_append_new(jc, cell->text ? json_string(cell->text) : json_null());
                json_array_append_new(jc, cell->ref ? json_string(cell->ref) : json_null());
                json_array_append_new(rows, jc);
            }
        json_object_set_new(jt, "cells", rows);
        json_array_append_new(tables, jt);
    }
    json_object_set_new(root, "tables", tables);
    char *text = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    return text;
}

/* The column layouts are the code's: a cached document names its tables,
 * and the layout comes from a fresh count's table of the same id. */
static bool from_json(arena *a, const char *text, struct stats *s)
{
    json_t *root = json_loads(text, 0, NULL);
    if (!root) return false;
    bool ok = true;
    s->target = json_integer_value(json_object_get(root, "target"));
    s->target_year = json_integer_value(json_object_get(root, "target_year"));
    json_t *tables = json_object_get(root, "tables");
    s->ntables = json_array_size(tables);
    s->tables = arena_alloc(a, (s->ntables + 1) * sizeof *s->tables);
    for (size_t i = 0; ok && i < s->ntables; i++) {
        json_t *jt = json_array_get(tables, i), *cells = json_object_get(jt, "cells");
        struct stat_table *t = &s->tables[i];
        const char *id = json_string_value(json_object_get(jt, "id"));
        if (!id || !layout_of(id, &t->id, &t->cols, &t->ncols) || !json_is_array(cells) ||
            json_array_size(cells) % t->ncols) {
            ok = false;
            break;
        }
        t->nrows = json_array_size(cells) / t->ncols;
        json_int_t total = json_integer_value(json_object_get(jt, "total"));
        t->total_rows = total > 0 && (size_t)total >= t->nrows ? (size_t)total : t->nrows;
        t->cells = arena_alloc(a, (json_array_size(cells) + 1) * sizeof *t->cells);
        for (size_t k = 0; k < json_array_size(cells); k++) {
            json_t *jc = json_array_get(cells, k);
            t->cells[k].n = json_integer_value(json_array_get(jc, 0));
            const char *tx = json_string_value(json_array_get(jc, 1));
            const char *rf = json_string_value(json_array_get(jc, 2));
            t->cells[k].text = tx ? arena_strdup(a, tx) : NULL;
            t->cells[k].ref = rf ? arena_strdup(a, rf) : NULL;
        }
    }
    json_decref(root);
    return ok;
}

/* Cuts the tables that grow with the data to max rows (see stats.h). */
static void cut(struct stats *s, size_t max)
{
    for (size_t i = 0; i < s->ntables; i++) {
        struct stat_table *t = &s->tables[i];
        t->total_rows = t->nrows;
        if (!max || t->nrows <= max) continue;
        bool latest = strcmp(t->id, "samverkan") == 0 || strcmp(t->id, "moten") == 0;
        if (!latest && strcmp(t->id, "samverkan_par") != 0) continue;
        if (latest) t->cells += (t->nrows - max) * t->ncols;
        t->nrows = max;
    }
}

/* At most this many full counts run at once in a process when a summary is
 * kept (max_age > 0): a count of 100 000 ideas takes seconds, and every
 * new custom period is a new count, so without a bound a crawler could
 * keep every worker counting.  A request that finds the bound reached
 * serves a stale summary if there is one, else gets DB_CONFLICT (503). */
enum { STATS_MAX_COUNTS = 2 };
static atomic_int counting;

static bool count_begin(void)
{
    if (atomic_fetch_add(&counting, 1) < STATS_MAX_COUNTS) return true;
    atomic_fetch_sub(&counting, 1);
    return false;
}

static void count_end(void)
{
    atomic_fetch_sub(&counting, 1);
}

/* Counts the document into s; keeps it in stats_cache when max_age > 0. */
static enum db_rc count_and_keep(db *d, arena *a, struct stats *s, const char *key, int64_t now,
                                 int64_t max_age, size_t max_rows)
{
    struct ctx c = {.a = a, .project_id = s->project_id, .t0 = day_start(s->from, 0),
                    .t1 = day_start(s->to, 1), .from = s->from, .to = s->to, .s = s};
    enum db_rc rc = db_tx(d, false, count_tx, &c);
    if (rc != DB_OK) return rc;
    cut(s, max_rows);
    s->generated_at = now;
    if (max_age <= 0) return DB_OK;
    char *text = to_json(s);
    if (!text) return DB_OK;
    static const char Q_PUT[] =
        "INSERT INTO stats_cache(key, generated_at, body) VALUES (?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET generated_at = excluded.generated_at, body = excluded.body";
    static const char Q_OLD[] = "DELETE FROM stats_cache WHERE generated_at < ?";
    db_stmt *st = db_prepare(d, Q_PUT);
    db_bind_text(st, 1, key);
    db_bind_int(st, 2, now);
    db_bind_text(st, 3, text);
    enum db_rc wrc = db_run(st);
    free(text);
    if (wrc == DB_OK) {
        st = db_prepare(d, Q_OLD);
        db_bind_int(st, 1, now - 86400);
        wrc = db_run(st);
    }
    (void)wrc; /* a summary not kept is counted again next time */
    return DB_OK;
}

enum db_rc store_stats(db *d, arena *a, int64_t project_id, const char *from, const char *to,
                       int64_t now, int64_t max_age, size_t max_rows, struct stats **out)
{
    struct stats *s = arena_alloc(a, sizeof *s);
    s->project_id = project_id;
    snprintf(s->from, sizeof s->from, "%s", from);
    snprintf(s->to, sizeof s->to, "%s", to);
    if (max_age <= 0) { /* no summary: count every time (tests, small sites) */
        enum db_rc rc = count_and_keep(d, a, s, NULL, now, 0, max_rows);
        if (rc == DB_OK) *out = s;
        return rc;
    }
    const char *key = arena_printf(a, "%lld:%s:%s:%zu", (long long)project_id, from, to, max_rows);
    static const char Q_GET[] = "SELECT generated_at, body FROM stats_cache WHERE key = ?";
    db_stmt *st = db_prepare(d, Q_GET);
    db_bind_text(st, 1, key);
    enum db_rc rc = db_step(st);
    int64_t at = 0;
    char *body = NULL;
    if (rc == DB_ROW) {
        at = db_col_int(st, 0);
        body = arena_strdup(a, db_col_text(st, 1));
    }
    db_done(st);
    if (rc != DB_ROW && rc != DB_DONE) return rc;
    struct stats *kept = NULL;
    if (body) {
        kept = arena_alloc(a, sizeof *kept);
        *kept = *s;
        if (from_json(a, body, kept)) kept->generated_at = at;
        else kept = NULL; /* unreadable (an older layout): count afresh */
    }
    if (kept && at + max_age > now) {
        *out = kept;
        return DB_OK;
    }
    if (!count_begin()) { /* enough counts running: serve what is kept, or "try again" */
        if (!kept) return DB_CONFLICT;
        *out = kept;
        return DB_OK;
    }
    if (kept) {
        /* stale: this request claims the recount (moves the time on, so that
         * the others, in any process, go on serving the kept document rather
         * than all counting at once); who loses the claim serves it */
        static const char Q_CLAIM[] = "UPDATE stats_cache SET generated_at = ? WHERE key = ? AND generated_at = ?";
        st = db_prepare(d, Q_CLAIM);
        db_bind_int(st, 1, now);
        db_bind_text(st, 2, key);
        db_bind_int(st, 3, at);
        int64_t changed = 0;
        rc = db_run_changes(st, &changed);
        if (rc != DB_OK || changed == 0) {
            count_end();
            *out = kept;
            return DB_OK;
        }
    }
    rc = count_and_keep(d, a, s, key, now, max_age, max_rows);
    count_end();
    if (rc == DB_OK) *out = s;
    return rc;
}

/* ---- open data: the public lists ---- */

static const struct stat_col OPEN_PROJECTS[] = {
    {"slug", SC_TEXT, NULL},          {"titel", SC_TEXT, NULL},          {"status", SC_TEXT, NULL},
    {"budget_ore", SC_MONEY, NULL},   {"beviljat_ore", SC_MONEY, NULL},  {"malvarde_unga", SC_COUNT, NULL},
    {"malar", SC_COUNT, NULL},        {"ansokan_oppnar", SC_TEXT, NULL}, {"ansokan_stanger", SC_TEXT, NULL},
};
static const struct stat_col OPEN_IDEAS[] = {
    {"id", SC_COUNT, NULL},         {"projekt", SC_TEXT, NULL},      {"titel", SC_TEXT, NULL},
    {"status", SC_TEXT, NULL},      {"inlamnare", SC_TEXT, NULL},    {"organisation", SC_TEXT, NULL},
    {"beviljat_ore", SC_MONEY, NULL}, {"inskickad", SC_TEXT, NULL},
};
static const struct stat_col OPEN_GRANTS[] = {
    {"ide_id", SC_COUNT, NULL},       {"projekt", SC_TEXT, NULL},       {"kategori", SC_TEXT, NULL},
    {"beskrivning", SC_TEXT, NULL},   {"sokt_ore", SC_MONEY, NULL},     {"beviljat_ore", SC_MONEY, NULL},
    {"godkant_ore", SC_MONEY, NULL},
};
static const struct stat_col OPEN_ACTIVITIES[] = {
    {"id", SC_COUNT, NULL},           {"titel", SC_TEXT, NULL},          {"status", SC_TEXT, NULL},
    {"start", SC_TEXT, NULL},         {"slut", SC_TEXT, NULL},           {"ide_id", SC_COUNT, NULL},
    {"organisationer", SC_TEXT, NULL}, {"deltagare_minst", SC_PEOPLE, NULL}, {"unga_minst", SC_PEOPLE, NULL},
};
static const struct stat_col OPEN_MEETINGS[] = {
    {"id", SC_COUNT, NULL},        {"grupp", SC_TEXT, NULL},     {"datum", SC_TEXT, NULL},
    {"tema", SC_TEXT, NULL},       {"organisationer", SC_COUNT, NULL}, {"narvarande", SC_PEOPLE, NULL},
};
static const struct stat_col OPEN_ORGS[] = {
    {"slug", SC_TEXT, NULL}, {"namn", SC_TEXT, NULL}, {"typ", SC_TEXT, NULL},
    {"sektor", SC_TEXT, NULL}, {"overordnad", SC_TEXT, NULL},
};

/* Public rows only.  Ideas: not drafts; the submitter is named by kind
 * (and organisation), never by person.  Grants: lines with money granted
 * on such ideas.  Activities: their organisations, no presenter (a free-
 * text name).  Meetings: published minutes, counts of those present. */
static const char Q_OPEN_PROJECTS[] =
    "SELECT slug, title, status, budget, granted_total, short_target, short_year, call_opens, call_closes "
    "FROM projects ORDER BY call_opens, id";
static const char Q_OPEN_IDEAS[] =
    "SELECT i.id, p.slug, i.title, i.status, CASE WHEN i.org_id IS NULL THEN (CASE WHEN "
    "COALESCE(i.birth_year, 0) > 0 THEN 'ung' ELSE 'annan' END) WHEN o.kind IN ('forening', 'paraply') "
    "THEN 'forening' WHEN o.kind = 'forvaltning' THEN 'forvaltning' ELSE 'annan' END, COALESCE(o.name, ''), "
    "i.granted_total, COALESCE(i.submitted_at, i.created_at) FROM ideas i JOIN projects p ON p.id = i.project_id "
    "LEFT JOIN organisations o ON o.id = i.org_id WHERE i.status <> 'utkast' ORDER BY i.id";
static const char Q_OPEN_GRANTS[] =
    "SELECT i.id, p.slug, pc.name, b.description, b.asked, b.granted, b.approved_total FROM budget_lines b "
    "JOIN ideas i ON i.id = b.idea_id JOIN projects p ON p.id = i.project_id "
    "JOIN project_categories pc ON pc.id = b.category_id WHERE i.status <> 'utkast' AND b.granted > 0 "
    "ORDER BY i.id, b.position, b.id";
static const char Q_OPEN_ACTIVITIES[] =
    "SELECT a.id, a.title, a.status, a.start_date, a.end_date, COALESCE(a.idea_id, 0), "
    "COALESCE((SELECT MIN(1) FROM ideas i WHERE i.id = a.idea_id AND i.status = 'utkast'), 0), "
    "COALESCE(a.total_min, -1), COALESCE(a.youth_min, -1) FROM activities a ORDER BY a.start_date, a.id";
static const char Q_OPEN_ACTIVITY_ORGS[] =
    "SELECT activity_id, name FROM activity_orgs ORDER BY activity_id, id";
static const char Q_OPEN_MEETINGS[] =
    "SELECT m.id, g.name, m.date, m.theme, "
    "(SELECT COUNT(DISTINCT org_name) FROM attendance x WHERE x.meeting_id = m.id AND x.org_name <> ''), "
    "(SELECT COUNT(*) FROM attendance x WHERE x.meeting_id = m.id) "
    "FROM meetings m JOIN groups g ON g.id = m.group_id WHERE m.status = 'protokoll_publicerat' "
    "ORDER BY m.date, m.id";
static const char Q_OPEN_ORGS[] =
    "SELECT o.slug, o.name, o.kind, o.sector, COALESCE(p.slug, '') FROM organisations o "
    "LEFT JOIN organisations p ON p.id = o.parent_id ORDER BY o.name_fold, o.id";

const char *const open_list_ids[] = {"projekt", "ideer", "bidrag", "aktiviteter", "moten", "organisationer", NULL};

static const struct {
    const char *id;
    const struct stat_col *cols;
    size_t ncols;
    const char *sql;
} OPEN[] = {
    {"projekt", OPEN_PROJECTS, 9, Q_OPEN_PROJECTS},
    {"ideer", OPEN_IDEAS, 8, Q_OPEN_IDEAS},
    {"bidrag", OPEN_GRANTS, 7, Q_OPEN_GRANTS},
    {"aktiviteter", OPEN_ACTIVITIES, 9, Q_OPEN_ACTIVITIES},
    {"moten", OPEN_MEETINGS, 6, Q_OPEN_MEETINGS},
    {"organisationer", OPEN_ORGS, 5, Q_OPEN_ORGS},
};

bool open_list_layout(const char *id, const struct stat_col **cols, size_t *ncols)
{
    for (size_t k = 0; k < sizeof OPEN / sizeof OPEN[0]; k++)
        if (strcmp(OPEN[k].id, id) == 0) {
            *cols = OPEN[k].cols;
            *ncols = OPEN[k].ncols;
            return true;
        }
    return false;
}

static void ymd_of(int64_t t, char out[11])
{
    time_t tt = (time_t)t;
    struct tm tm;
    localtime_r(&tt, &tm);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(tm.tm_year + 1900) % 10000u, (unsigned)(tm.tm_mon + 1) % 13u,
             (unsigned)tm.tm_mday % 32u);
}

static enum db_rc open_list_tx(db *d, void *vctx)
{
    void **args = vctx;
    arena *a = args[0];
    const char *id = args[1];
    struct stat_table **out = args[2];
    size_t k = 0;
    while (k < sizeof OPEN / sizeof OPEN[0] && strcmp(OPEN[k].id, id) != 0) k++;
    if (k == sizeof OPEN / sizeof OPEN[0]) return DB_NOTFOUND;
    struct stat_table *t = arena_alloc(a, sizeof *t);
    *t = (struct stat_table){.id = OPEN[k].id, .ncols = OPEN[k].ncols, .cols = OPEN[k].cols};
    size_t cap = 0;
    db_stmt *st = db_prepare(d, OPEN[k].sql);
    enum db_rc rc;
    bool acts = strcmp(id, "aktiviteter") == 0;
    while ((rc = db_step(st)) == DB_ROW) {
        if (acts && db_col_int(st, 6)) continue; /* follows an idea still a draft: not public */
        struct stat_cell *row = add_row(a, t, &cap);
        for (size_t c = 0; c < t->ncols; c++) {
            if (acts && c == 6) continue; /* organisations: filled below (column 6 is the draft flag) */
            if (t->cols[c].kind == SC_TEXT) row[c].text = arena_strdup(a, db_col_text(st, (int)c));
            else row[c].n = db_col_int(st, (int)c);
        }
        if (strcmp(id, "ideer") == 0) {
            row[7].text = arena_alloc(a, 11);
            ymd_of(db_col_int(st, 7), (char *)row[7].text);
        }
        if (acts) row[6].text = "";
    }
    db_done(st);
    if (rc != DB_DONE) return rc;
    if (acts) { /* the organisations of each activity, "; "-separated */
        st = db_prepare(d, Q_OPEN_ACTIVITY_ORGS);
        while ((rc = db_step(st)) == DB_ROW) {
            int64_t aid = db_col_int(st, 0);
            for (size_t r = 0; r < t->nrows; r++) {
                struct stat_cell *row = &t->cells[r * t->ncols];
                if (row[0].n != aid) continue;
                row[6].text = *row[6].text ? arena_printf(a, "%s; %s", row[6].text, db_col_text(st, 1))
                                           : arena_strdup(a, db_col_text(st, 1));
            }
        }
        db_done(st);
        if (rc != DB_DONE) return rc;
    }
    *out = t;
    return DB_OK;
}

enum db_rc store_open_list(db *d, arena *a, const char *id, struct stat_table **out)
{
    void *args[] = {a, (void *)id, out};
    return db_tx(d, false, open_list_tx, args);
}
