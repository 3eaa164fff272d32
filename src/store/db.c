/* Engine-independent half of the connection interface: statement cache,
 * transaction runner, convenience calls.  See db.h. */
#include "store/db.h"

#include <stdlib.h>
#include <string.h>
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
};

struct db {
    const struct db_driver *drv;
    void *conn;
    db_stmt **slots;   /* open-addressed cache keyed by the SQL pointer */
    size_t nslots, nused;
    int tx_depth;
    bool snap_failed;  /* the outermost db_read_begin could not BEGIN */
    unsigned rand_state;
};

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

enum db_rc db_exec(db *d, const char *sql)
{
    enum db_rc rc = d->drv->exec(d->conn, sql);
    if (rc == DB_ERR) log_error("db: %s: %.80s", db_errmsg(d), sql);
    return rc;
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
    enum db_rc rc = st->d->drv->step(st->impl);
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
    if (!st->cached) {
        if (st->impl) st->d->drv->finalize(st->impl);
        free(st);
        return;
    }
    st->d->drv->reset(st->impl);
    st->in_use = false;
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
    if (d->tx_depth > 0) return fn(d, ctx); /* joins the outer transaction */
    enum db_rc rc = DB_RETRY;
    for (int attempt = 0; attempt < 12 && rc == DB_RETRY; attempt++) {
        if (attempt > 0) backoff(d, attempt);
        rc = db_exec(d, write ? d->drv->begin_write : d->drv->begin_read);
        if (rc != DB_OK) continue;
        d->tx_depth++;
        rc = fn(d, ctx);
        d->tx_depth--;
        if (rc == DB_OK) {
            rc = db_exec(d, "COMMIT");
            if (rc != DB_OK) db_exec(d, "ROLLBACK");
        } else {
            db_exec(d, "ROLLBACK");
        }
    }
    if (rc == DB_RETRY) log_error("db: transaction gave up after retries");
    return rc;
}

void db_read_begin(db *d)
{
    if (d->tx_depth == 0) d->snap_failed = db_exec(d, d->drv->begin_read) != DB_OK;
    d->tx_depth++;
}

void db_read_end(db *d)
{
    if (d->tx_depth <= 0) {
        log_error("db: db_read_end without db_read_begin");
        return;
    }
    if (--d->tx_depth == 0) {
        if (!d->snap_failed && db_exec(d, "COMMIT") != DB_OK) db_exec(d, "ROLLBACK");
        d->snap_failed = false;
    }
}

bool db_in_tx(const db *d)
{
    return d->tx_depth > 0;
}
