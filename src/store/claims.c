/* Expense claims with receipts, and the ledger.  The invariant "approved
 * claims never exceed a line's grant" is one conditional UPDATE of the
 * line's approved_total in the approving transaction (and a CHECK in the
 * schema), so two coordinators approving at the same moment cannot both
 * win: on SQLite the write lock serializes them, on PostgreSQL the row
 * lock re-evaluates the condition and SERIALIZABLE retries the loser. */
#include <string.h>

#include "store/names.h"
#include "store/store.h"

enum db_rc store_claim_create(db *d, const struct claim *c, const void *receipt, size_t len,
                              int64_t now, int64_t *id)
{
    static const char Q[] =
        "INSERT INTO claims(idea_id, line_id, claimant_id, claimant_name, description, amount, "
        "spent_on, status, receipt_name, receipt_type, receipt_size, receipt, created_at) "
        "SELECT ?, b.id, ?, ?, ?, ?, ?, 'inskickad', ?, ?, ?, ?, ? FROM budget_lines b "
        "WHERE b.id = ? AND b.idea_id = ? RETURNING id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, c->idea_id);
    if (c->claimant_id) db_bind_int(st, 2, c->claimant_id);
    else db_bind_null(st, 2);
    db_bind_text(st, 3, c->claimant_name);
    db_bind_text(st, 4, c->description);
    db_bind_int(st, 5, c->amount);
    db_bind_text(st, 6, c->spent_on ? c->spent_on : "");
    db_bind_text(st, 7, c->receipt_name);
    db_bind_text(st, 8, c->receipt_type);
    db_bind_int(st, 9, (int64_t)len);
    db_bind_blob(st, 10, receipt, len);
    db_bind_int(st, 11, now);
    db_bind_int(st, 12, c->line_id);
    db_bind_int(st, 13, c->idea_id);
    return db_one_int(st, id); /* DB_NOTFOUND: the line is not this idea's */
}

#define CLAIM_COLS                                                                           \
    "c.id, c.idea_id, c.line_id, b.description, pc.name, COALESCE(c.claimant_id, 0), "       \
    "c.claimant_name, c.description, c.amount, c.spent_on, c.status, c.receipt_name, "       \
    "c.receipt_type, c.receipt_size, c.decision_note, COALESCE(c.decided_at, 0), "           \
    "COALESCE(c.paid_at, 0), c.created_at, i.title, p.slug, COALESCE(i.submitter_id, 0), "  \
    "COALESCE(i.org_id, 0)"
#define CLAIM_FROM                                                                           \
    " FROM claims c JOIN budget_lines b ON b.id = c.line_id "                                \
    "JOIN project_categories pc ON pc.id = b.category_id JOIN ideas i ON i.id = c.idea_id "  \
    "JOIN projects p ON p.id = i.project_id "

static bool read_claim(db_stmt *st, arena *a, struct claim *c)
{
    c->id = db_col_int(st, 0);
    c->idea_id = db_col_int(st, 1);
    c->line_id = db_col_int(st, 2);
    c->line_description = arena_strdup(a, db_col_text(st, 3));
    c->category = arena_strdup(a, db_col_text(st, 4));
    c->claimant_id = db_col_int(st, 5);
    c->claimant_name = arena_strdup(a, db_col_text(st, 6));
    c->description = arena_strdup(a, db_col_text(st, 7));
    c->amount = db_col_int(st, 8);
    c->spent_on = arena_strdup(a, db_col_text(st, 9));
    int s = claim_status_from_name(db_col_text(st, 10));
    if (!store_name_known(s, "claims status", db_col_text(st, 10))) return false;
    c->status = (enum claim_status)s;
    c->receipt_name = arena_strdup(a, db_col_text(st, 11));
    c->receipt_type = arena_strdup(a, db_col_text(st, 12));
    c->receipt_size = db_col_int(st, 13);
    c->decision_note = arena_strdup(a, db_col_text(st, 14));
    c->decided_at = db_col_int(st, 15);
    c->paid_at = db_col_int(st, 16);
    c->created_at = db_col_int(st, 17);
    c->idea_title = arena_strdup(a, db_col_text(st, 18));
    c->project_slug = arena_strdup(a, db_col_text(st, 19));
    c->idea_submitter_id = db_col_int(st, 20);
    c->idea_org_id = db_col_int(st, 21);
    return true;
}

static enum db_rc many_claims(db_stmt *st, arena *a, struct claim **list, size_t *n)
{
    struct claim *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW)
        if (!read_claim(st, a, ARENA_PUSH(a, items, count, cap))) {
            rc = DB_ERR;
            break;
        }
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_claims_of_idea(db *d, arena *a, int64_t idea_id, struct claim **list,
                                size_t *n)
{
    static const char Q[] = "SELECT " CLAIM_COLS CLAIM_FROM "WHERE c.idea_id = ? ORDER BY c.id";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, idea_id);
    return many_claims(st, a, list, n);
}

enum db_rc store_claims_open(db *d, arena *a, struct claim **list, size_t *n)
{
    static const char Q[] =
        "SELECT " CLAIM_COLS CLAIM_FROM
        "WHERE c.status IN ('inskickad', 'godkand') ORDER BY c.id LIMIT 500";
    return many_claims(db_prepare(d, Q), a, list, n);
}

enum db_rc store_claim_get(db *d, arena *a, int64_t id, struct claim **c)
{
    static const char Q[] = "SELECT " CLAIM_COLS CLAIM_FROM "WHERE c.id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *c = arena_alloc(a, sizeof **c);
        rc = read_claim(st, a, *c) ? DB_OK : DB_ERR;
    } else if (rc == DB_DONE) {
        rc = DB_NOTFOUND;
    }
    db_done(st);
    return rc;
}

enum db_rc store_claim_receipt(db *d, arena *a, int64_t id, const void **data, size_t *len)
{
    static const char Q[] = "SELECT receipt FROM claims WHERE id = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        size_t n = 0;
        const void *p = db_col_blob(st, 0, &n);
        void *copy = arena_alloc(a, n ? n : 1);
        if (n) memcpy(copy, p, n);
        *data = copy;
        *len = n;
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_NOTFOUND;
    }
    db_done(st);
    return rc;
}

struct claim_decision {
    int64_t id;
    enum claim_status to;
    const char *note;
    int64_t actor_id, now;
};

static enum db_rc decide_tx(db *d, void *ctx)
{
    struct claim_decision *cd = ctx;
    static const char Q_MOVE[] =
        "UPDATE claims SET status = ?, decision_note = CASE WHEN ? = '' THEN decision_note "
        "ELSE ? END, decided_by = ?, decided_at = CASE WHEN ? = 'utbetald' THEN decided_at "
        "ELSE ? END, paid_at = CASE WHEN ? = 'utbetald' THEN ? ELSE paid_at END "
        "WHERE id = ? AND status = ? RETURNING line_id, amount";
    static const char Q_LINE[] =
        "UPDATE budget_lines SET approved_total = approved_total + ? "
        "WHERE id = ? AND approved_total + ? <= granted";
    enum claim_status from = cd->to == CLAIM_PAID ? CLAIM_APPROVED : CLAIM_SUBMITTED;
    const char *to = claim_status_name(cd->to);
    db_stmt *st = db_prepare(d, Q_MOVE);
    db_bind_text(st, 1, to);
    db_bind_text(st, 2, cd->note);
    db_bind_text(st, 3, cd->note);
    if (cd->actor_id) db_bind_int(st, 4, cd->actor_id);
    else db_bind_null(st, 4);
    db_bind_text(st, 5, to);
    db_bind_int(st, 6, cd->now);
    db_bind_text(st, 7, to);
    db_bind_int(st, 8, cd->now);
    db_bind_int(st, 9, cd->id);
    db_bind_text(st, 10, claim_status_name(from));
    enum db_rc rc = db_step(st);
    int64_t line = 0, amount = 0;
    if (rc == DB_ROW) {
        line = db_col_int(st, 0);
        amount = db_col_int(st, 1);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_CONFLICT; /* not in `from` any more: someone decided first */
    }
    db_done(st);
    if (rc != DB_OK || cd->to != CLAIM_APPROVED) return rc;
    st = db_prepare(d, Q_LINE);
    db_bind_int(st, 1, amount);
    db_bind_int(st, 2, line);
    db_bind_int(st, 3, amount);
    int64_t changed = 0;
    rc = db_run_changes(st, &changed);
    if (rc != DB_OK) return rc;
    return changed ? DB_OK : DB_CONSTRAINT;
}

enum db_rc store_claim_decide(db *d, int64_t id, enum claim_status to, const char *note,
                              int64_t actor_id, int64_t now)
{
    if (to != CLAIM_APPROVED && to != CLAIM_REJECTED && to != CLAIM_PAID) return DB_ERR;
    struct claim_decision cd = {id, to, note ? note : "", actor_id, now};
    return db_tx(d, true, decide_tx, &cd);
}

enum db_rc store_ledger(db *d, arena *a, int64_t project_id, struct ledger_row **rows,
                        size_t *n)
{
    /* the sums are kept per category by triggers (migration 0017): summing
     * the lines and claims here took 2 s with a million of them */
    static const char Q[] =
        "SELECT pc.id, pc.name, COALESCE(t.asked, 0), COALESCE(t.granted, 0), "
        "COALESCE(t.claimed, 0), COALESCE(t.approved, 0), COALESCE(t.paid, 0) "
        "FROM project_categories pc LEFT JOIN ledger_totals t ON t.category_id = pc.id "
        "WHERE pc.project_id = ? ORDER BY pc.position, pc.id";
    struct ledger_row *items = NULL;
    size_t count = 0, cap = 0;
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, project_id);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct ledger_row *r = ARENA_PUSH(a, items, count, cap);
        r->category_id = db_col_int(st, 0);
        r->category = arena_strdup(a, db_col_text(st, 1));
        r->asked = db_col_int(st, 2);
        r->granted = db_col_int(st, 3);
        r->claimed = db_col_int(st, 4);
        r->approved = db_col_int(st, 5);
        r->paid = db_col_int(st, 6);
    }
    db_done(st);
    *rows = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}
