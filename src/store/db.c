/* Engine-independent half of the connection interface: statement cache,
 * transaction runner, convenience calls.  See db.h. */
#include "store/db.h"

#include <ctype.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util/log.h"
#include "util/mem.h"

struct db_stmt {
    db *d;
    void *impl;
    const char *sql;
    bool cached;
    bool in_use;
    bool failed;    /* prepare failed: step reports DB_ERR */
    enum sql_write writes; /* what it writes (sql_writes, checked by the engine) */
    bool stepped;   /* stepped since the last reset */
    bool owes_bump; /* an autocommit write: bump the version at db_done */
    bool ddl;       /* a content write that is not only rows (classify) */
    bool pending;   /* a row write stepped: content if it changed rows */
};

struct db {
    const struct db_driver *drv;
    void *conn;
    db_stmt **slots;   /* open-addressed cache keyed by the SQL pointer */
    size_t nslots, nused;
    int tx_depth;
    bool snap_failed;  /* the outermost db_read_begin could not BEGIN */
    bool req_snap;     /* the outermost transaction is db_request_begin's */
    bool dirty;        /* the open transaction wrote content: bump at commit */
    uint64_t writes;   /* writing statements run (db_write_count) */
    int64_t data_version; /* SQLite: PRAGMA data_version last seen (0: never) */
    unsigned rand_state;
};

static void leave_request_snapshot(db *d);

static bool is_pg_url(const char *url)
{
    return strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0;
}

db *db_open(const char *url, const char **err)
{
    const struct db_driver *drv = is_pg_url(url) ? &db_pg_driver : &db_sqlite_driver;
    void *conn = drv->open(url, err);
    if (!conn) return NULL;
    db *d = xcalloc(1, sizeof *d);
    d->drv = drv;
    d->conn = conn;
    d->nslots = 256;
    d->slots = xcalloc(d->nslots, sizeof *d->slots);
    d->rand_state = (unsigned)time(NULL) ^ (unsigned)(uintptr_t)d;
    return d;
}

void db_close(db *d)
{
    if (!d) return;
    for (size_t i = 0; i < d->nslots; i++) {
        if (d->slots[i]) {
            if (d->slots[i]->impl) d->drv->finalize(d->slots[i]->impl);
            free(d->slots[i]);
        }
    }
    free(d->slots);
    d->drv->close(d->conn);
    free(d);
}

enum db_dialect db_dialect(const db *d)
{
    return d->drv->dialect;
}

bool db_alive(db *d)
{
    return d->drv->alive(d->conn);
}

const char *db_errmsg(db *d)
{
    return d->drv->errmsg(d->conn);
}

/* ---- the content version ---------------------------------------------- */

/* random, not a counter: a database restored from a backup never brings
 * back a version a process has pages cached under */
static const char BUMP_SQLITE[] = "UPDATE content_version SET v = random() WHERE id = 1";
static const char BUMP_PG[] = "SELECT nextval('content_version_seq')";

static bool word_eq(const char *p, size_t n, const char *w)
{
    return strlen(w) == n && strncasecmp(p, w, n) == 0;
}

/* Tables no page ever shows: writing them needs no new content version. */
static bool private_table(const char *p, size_t n)
{
    static const char *const names[] = {"sessions", "rate_limits", "form_nonces", "outbox",
                                        "content_version"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (word_eq(p, n, names[i])) return true;
    return false;
}

struct sqlword { const char *p; size_t n; };

/* The words of sql (identifiers and keywords), skipping string literals,
 * quoted identifiers are kept as words without their quotes, comments
 * skipped.  Other characters become one-character words ("(" matters). */
static size_t sql_words(const char *sql, struct sqlword *w, size_t max)
{
    size_t n = 0;
    const char *s = sql;
    while (*s && n < max) {
        unsigned char c = (unsigned char)*s;
        if (isspace(c)) { s++; continue; }
        if (c == '-' && s[1] == '-') { while (*s && *s != '\n') s++; continue; }
        if (c == '/' && s[1] == '*') {
            const char *e = strstr(s + 2, "*/");
            s = e ? e + 2 : s + strlen(s);
            continue;
        }
        if (c == '\'') {
            s++;
            while (*s && !(*s == '\'' && s[1] != '\'')) s += (*s == '\'' ? 2 : 1);
            if (*s) s++;
            w[n++] = (struct sqlword){"'", 1};
            continue;
        }
        if (c == '"') {
            const char *b = ++s;
            while (*s && *s != '"') s++;
            w[n++] = (struct sqlword){b, (size_t)(s - b)};
            if (*s) s++;
            continue;
        }
        if (isalnum(c) || c == '_') {
            const char *b = s;
            while (isalnum((unsigned char)*s) || *s == '_' || *s == '$') s++;
            w[n++] = (struct sqlword){b, (size_t)(s - b)};
            continue;
        }
        w[n++] = (struct sqlword){s, 1};
        s++;
    }
    if (*s) return (size_t)-1; /* too long to read: the caller assumes the worst */
    return n;
}

static enum sql_write classify(const char *sql, bool *ddl);

enum sql_write sql_writes(const char *sql)
{
    bool ddl;
    return classify(sql, &ddl);
}

/* ddl: the statement does something else than change rows (schema, or
 * not understood), so "no rows changed" does not mean "nothing changed". */
static enum sql_write classify(const char *sql, bool *ddl)
{
    *ddl = false;
    enum { MAXW = 4096 };
    struct sqlword *w = xcalloc(MAXW, sizeof *w);
    size_t n = sql_words(sql, w, MAXW);
    enum sql_write out = SQL_READ;
    if (n == (size_t)-1) {
        free(w);
        *ddl = true;
        return SQL_WRITE_CONTENT;
    }
#define W(i, s) ((i) < n && word_eq(w[i].p, w[i].n, s))
    for (size_t i = 0; i < n && out != SQL_WRITE_CONTENT; i++) {
        size_t t = (size_t)-1; /* index of the target table's word */
        if (W(i, "INSERT")) {
            size_t j = i + 1;
            while (j < n && !W(j, "INTO")) j++;
            t = j + 1;
        } else if (W(i, "REPLACE")) {
            if (!W(i + 1, "INTO")) continue; /* the function replace(...) */
            t = i + 2;
        } else if (W(i, "UPDATE")) {
            if (i > 0 && W(i - 1, "FOR")) continue;   /* SELECT ... FOR UPDATE: a lock */
            if (i > 0 && W(i - 1, "DO") && W(i + 1, "SET")) continue; /* upsert: INSERT's table */
            t = i + 1;
            if (W(t, "OR")) t += 2; /* UPDATE OR IGNORE t */
        } else if (W(i, "DELETE")) {
            t = i + 1;
            if (W(t, "FROM")) t++;
        } else if (W(i, "CREATE") || W(i, "DROP") || W(i, "ALTER") || W(i, "TRUNCATE") ||
                   W(i, "MERGE") || W(i, "COPY") || W(i, "VACUUM") || W(i, "REINDEX") ||
                   W(i, "GRANT") || W(i, "REVOKE") || W(i, "ATTACH")) {
            out = SQL_WRITE_CONTENT;
            *ddl = true;
            break;
        } else {
            continue;
        }
        if (t < n && W(t, "ONLY")) t++;
        if (t < n && private_table(w[t].p, w[t].n) && !W(t + 1, ".")) {
            out = SQL_WRITE_PRIVATE;
        } else {
            out = SQL_WRITE_CONTENT;
        }
    }
#undef W
    free(w);
    return out;
}

/* Bumps the content version.  A database not yet migrated to 0015 has
 * none (migrations themselves write): that is not an error — the server
 * bumps once after migrating, before it serves. */
static enum db_rc bump_now(db *d)
{
    bool pg = d->drv->dialect == DB_PG;
    enum db_rc rc = d->drv->exec(d->conn, pg ? BUMP_PG : BUMP_SQLITE);
    if (rc != DB_OK && strstr(db_errmsg(d), "content_version")) return DB_OK;
    if (rc != DB_OK) log_error("db: cannot bump the content version: %s", db_errmsg(d));
    return rc;
}

enum db_rc db_content_bump(db *d)
{
    return bump_now(d);
}

static _Atomic uint64_t external_epoch;

uint64_t db_external_epoch(void)
{
    return external_epoch;
}

enum db_rc db_content_version(db *d, int64_t *v)
{
    if (d->drv->dialect == DB_PG) {
        static const char q_pg[] = "SELECT last_value + CASE WHEN is_called THEN 1 ELSE 0 END "
                                   "FROM content_version_seq";
        return db_one_int(db_prepare(d, q_pg), v);
    }
    /* one statement (one read lock): the version, and — read from the
     * pager while the statement holds the read transaction — the
     * connection's data version: a commit by any other connection (one of
     * ours, another process's, or sqlite3 by hand) changes it, counted as
     * an external change */
    static const char q[] = "SELECT v FROM content_version WHERE id = 1";
    db_stmt *st = db_prepare(d, q);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *v = db_col_int(st, 0);
        int64_t dv = d->drv->data_version(d->conn);
        if (dv != d->data_version) {
            if (d->data_version) external_epoch++;
            d->data_version = dv;
        }
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_NOTFOUND;
    }
    db_done(st);
    return rc;
}

uint64_t db_write_count(const db *d)
{
    return d->writes;
}

/* Notes a content write.  In a transaction the bump waits for the commit;
 * in autocommit it is made at once — for a prepared statement only when
 * the caller is done with it (db_done), so that db_changes still tells the
 * caller's statement's rows and not the bump's (SQLite counts per
 * connection).  Returns true when an autocommit bump is owed. */
static bool note_content(db *d)
{
    if (d->tx_depth > 0) {
        d->dirty = true;
        return false;
    }
    return true;
}

/* BEGIN, COMMIT and ROLLBACK on SQLite as cached statements: exec would
 * parse them anew for every snapshot, and most pages take one or two. */
static enum db_rc tx_word(db *d, const char *sql)
{
    db_stmt *st = db_prepare(d, sql);
    enum db_rc rc = st->failed ? DB_ERR : d->drv->step(st->impl);
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc db_exec(db *d, const char *sql)
{
    bool txword = sql == d->drv->begin_read || sql == d->drv->begin_write ||
                  strcmp(sql, "COMMIT") == 0 || strcmp(sql, "ROLLBACK") == 0;
    enum sql_write w = txword ? SQL_READ : sql_writes(sql); /* classified once */
    if (w != SQL_READ) leave_request_snapshot(d);
    enum db_rc rc = txword && d->drv->dialect == DB_SQLITE ? tx_word(d, sql)
                                                           : d->drv->exec(d->conn, sql);
    if (rc == DB_ERR) log_error("db: %s: %.80s", db_errmsg(d), sql);
    if (w != SQL_READ) {
        d->writes++;
        if (w == SQL_WRITE_CONTENT && note_content(d)) bump_now(d); /* autocommit: it has committed */
    }
    return rc;
}

/* Ends the outermost transaction: on SQLite the bump goes in before
 * COMMIT (one atomic step), on PostgreSQL right after it. */
static enum db_rc commit(db *d)
{
    bool dirty = d->dirty;
    d->dirty = false;
    bool pg = d->drv->dialect == DB_PG;
    if (dirty && !pg && bump_now(d) != DB_OK) return DB_ERR;
    enum db_rc rc = db_exec(d, "COMMIT");
    if (rc == DB_OK && dirty && pg) bump_now(d);
    return rc;
}

/* A write ends the request's snapshot first (db_request_begin): a write in
 * a deferred transaction would take the write lock late (and fail with
 * BUSY_SNAPSHOT if another connection committed since the snapshot began)
 * and be committed only at the end of the request.  Inside a db_read_begin
 * of its own nothing writes (db.h), so only the snapshot's level is left. */
static void leave_request_snapshot(db *d)
{
    if (!d->req_snap || d->tx_depth != 1) return;
    d->req_snap = false;
    d->tx_depth = 0;
    if (commit(d) != DB_OK) db_exec(d, "ROLLBACK");
}

static size_t slot_of(const db *d, const char *sql)
{
    uintptr_t h = (uintptr_t)sql;
    h ^= h >> 17;
    h *= 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 7) & (d->nslots - 1);
}

static void cache_grow(db *d)
{
    db_stmt **old = d->slots;
    size_t n = d->nslots;
    d->nslots *= 2;
    d->slots = xcalloc(d->nslots, sizeof *d->slots);
    for (size_t i = 0; i < n; i++) {
        if (!old[i]) continue;
        size_t s = slot_of(d, old[i]->sql);
        while (d->slots[s]) s = (s + 1) & (d->nslots - 1);
        d->slots[s] = old[i];
    }
    free(old);
}

static db_stmt *stmt_new(db *d, const char *sql, bool cached)
{
    db_stmt *st = xcalloc(1, sizeof *st);
    st->d = d;
    st->sql = sql;
    st->cached = cached;
    st->impl = d->drv->prepare(d->conn, sql);
    if (!st->impl) {
        st->failed = true;
        log_error("db: prepare failed: %s: %.120s", db_errmsg(d), sql);
    }
    st->writes = classify(sql, &st->ddl);
    /* the engine's own judgement overrides a reading that found no write */
    if (st->impl && st->writes == SQL_READ && d->drv->readonly && !d->drv->readonly(st->impl)) {
        st->writes = SQL_WRITE_CONTENT;
        st->ddl = true;
    }
    return st;
}

db_stmt *db_prepare(db *d, const char *sql)
{
    size_t s = slot_of(d, sql);
    while (d->slots[s] && d->slots[s]->sql != sql) s = (s + 1) & (d->nslots - 1);
    db_stmt *st = d->slots[s];
    if (st && !st->failed && !st->in_use) {
        st->in_use = true;
        return st;
    }
    if (st) { /* in use (nested) or failed earlier: a one-off statement */
        st = stmt_new(d, sql, false);
        st->in_use = true;
        return st;
    }
    st = stmt_new(d, sql, true);
    st->in_use = true;
    if (st->failed) {
        st->cached = false;
        return st;
    }
    d->slots[s] = st;
    if (++d->nused * 2 > d->nslots) cache_grow(d);
    return st;
}

void db_bind_int(db_stmt *st, int idx, int64_t v)
{
    if (!st->failed) st->d->drv->bind_int(st->impl, idx, v);
}

void db_bind_text(db_stmt *st, int idx, const char *s)
{
    if (st->failed) return;
    if (s) st->d->drv->bind_text(st->impl, idx, s);
    else st->d->drv->bind_null(st->impl, idx);
}

void db_bind_blob(db_stmt *st, int idx, const void *p, size_t n)
{
    if (!st->failed) st->d->drv->bind_blob(st->impl, idx, p, n);
}

void db_bind_null(db_stmt *st, int idx)
{
    if (!st->failed) st->d->drv->bind_null(st->impl, idx);
}

enum db_rc db_step(db_stmt *st)
{
    if (st->failed) return DB_ERR;
    if (st->writes != SQL_READ && !st->stepped) leave_request_snapshot(st->d);
    enum db_rc rc = st->d->drv->step(st->impl);
    if (!st->stepped) {
        st->stepped = true;
        if (st->writes != SQL_READ) st->d->writes++;
        if (st->writes == SQL_WRITE_CONTENT) {
            if (st->ddl) st->owes_bump |= note_content(st->d);
            else st->pending = true; /* rows: known when it is done */
        }
    }
    if (st->pending && rc != DB_ROW) {
        /* done (or failed): content only when rows changed — a sweep's
         * UPDATE ... WHERE that matched nothing changes no page */
        st->pending = false;
        if (rc != DB_DONE || st->d->drv->changes(st->impl) > 0) {
            st->owes_bump |= note_content(st->d);
            if (getenv("SAMSKAP_LOG_CONTENT_WRITES")) log_info("db: content write: %.160s", st->sql);
        }
    }
    if (rc == DB_ERR) log_error("db: %s: %.120s", db_errmsg(st->d), st->sql);
    return rc;
}

int64_t db_col_int(db_stmt *st, int col)
{
    return st->d->drv->col_int(st->impl, col);
}

const char *db_col_text(db_stmt *st, int col)
{
    const char *s = st->d->drv->col_text(st->impl, col);
    return s ? s : "";
}

bool db_col_null(db_stmt *st, int col)
{
    return st->d->drv->col_null(st->impl, col);
}

const void *db_col_blob(db_stmt *st, int col, size_t *n)
{
    return st->d->drv->col_blob(st->impl, col, n);
}

int64_t db_changes(db_stmt *st)
{
    return st->failed ? 0 : st->d->drv->changes(st->impl);
}

void db_done(db_stmt *st)
{
    if (!st) return;
    st->stepped = false;
    if (st->pending) { /* left before it was done: assume it changed rows */
        st->pending = false;
        st->owes_bump |= note_content(st->d);
    }
    bool bump = st->owes_bump;
    st->owes_bump = false;
    db *d = st->d;
    if (!st->cached) {
        if (st->impl) d->drv->finalize(st->impl);
        free(st);
        if (bump) bump_now(d); /* the statement has ended: its write has committed */
        return;
    }
    d->drv->reset(st->impl);
    st->in_use = false;
    if (bump) bump_now(d);
}
enum db_rc db_run(db_stmt *st)
{
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc db_run_changes(db_stmt *st, int64_t *changed)
{
    enum db_rc rc = db_step(st);
    *changed = db_changes(st);
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc db_one_int(db_stmt *st, int64_t *out)
{
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *out = db_col_int(st, 0);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_NOTFOUND;
    }
    db_done(st);
    return rc;
}

static void backoff(db *d, int attempt)
{
    long max_us = 1000L << (attempt < 8 ? attempt : 8);
    long us = 200 + (long)(rand_r(&d->rand_state) % max_us);
    struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
    nanosleep(&ts, NULL);
}

enum db_rc db_tx(db *d, bool write, db_tx_fn fn, void *ctx)
{
    if (write) leave_request_snapshot(d);
    if (d->tx_depth > 0) return fn(d, ctx); /* joins the outer transaction */
    enum db_rc rc = DB_RETRY;
    for (int attempt = 0; attempt < 12 && rc == DB_RETRY; attempt++) {
        if (attempt > 0) backoff(d, attempt);
        rc = db_exec(d, write ? d->drv->begin_write : d->drv->begin_read);
        if (rc != DB_OK) continue;
        d->dirty = false;
        d->tx_depth++;
        rc = fn(d, ctx);
        d->tx_depth--;
        if (rc == DB_OK) {
            rc = commit(d);
            if (rc != DB_OK) db_exec(d, "ROLLBACK");
        } else {
            d->dirty = false;
            db_exec(d, "ROLLBACK");
        }
    }
    if (rc == DB_RETRY) log_error("db: transaction gave up after retries");
    return rc;
}

void db_read_begin(db *d)
{
    if (d->tx_depth == 0) {
        d->snap_failed = db_exec(d, d->drv->begin_read) != DB_OK;
        d->dirty = false;
    }
    d->tx_depth++;
}

void db_read_end(db *d)
{
    if (d->tx_depth <= 0) {
        log_error("db: db_read_end without db_read_begin");
        return;
    }
    if (--d->tx_depth == 0) {
        if (d->snap_failed) {
            if (d->dirty) bump_now(d); /* the writes ran in autocommit */
            d->dirty = false;
        } else if (commit(d) != DB_OK) {
            db_exec(d, "ROLLBACK");
        }
        d->snap_failed = false;
    }
}

void db_request_begin(db *d)
{
    if (d->drv->dialect != DB_SQLITE || d->tx_depth > 0) return;
    if (db_exec(d, d->drv->begin_read) != DB_OK) return; /* reads in autocommit */
    d->dirty = false;
    d->tx_depth = 1;
    d->req_snap = true;
}

void db_request_end(db *d)
{
    leave_request_snapshot(d);
}

bool db_in_tx(const db *d)
{
    return d->tx_depth > 0;
}
