/* SQLite implementation of the connection interface (db.h).
 * One connection per thread; WAL so readers never block the writer;
 * a busy timeout so writers queue instead of failing at once. */
#include <pthread.h>
#include <sqlite3.h>
#include <string.h>
#include <time.h>

#include "store/db.h"
#include "store/fts_sv.h"

/* SQLite counts every allocation under one global mutex by default; the
 * server's threads then queue on it (seen with perf under wrk).  We never
 * read those counts. */
static void configure_once(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static void *sq_open(const char *path, const char **err)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, configure_once);
    sqlite3 *h = NULL;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &h, flags, NULL) != SQLITE_OK) {
        *err = h ? "could not open the SQLite database" : "out of memory";
        sqlite3_close(h);
        return NULL;
    }
    sqlite3_busy_timeout(h, 5000);
    sqlite3_extended_result_codes(h, 0);
    const char *setup =
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA temp_store=MEMORY;"
        "PRAGMA cache_size=-500;";
    /* Switching a new file to WAL needs a moment alone with it: several
     * connections opening it at once (server threads, or processes) get
     * SQLITE_BUSY here without the busy handler being asked, so wait and
     * try again, up to the busy timeout. */
    int rc = SQLITE_BUSY;
    for (int tries = 0; tries < 250 && (rc == SQLITE_BUSY || rc == SQLITE_LOCKED); tries++) {
        if (tries) {
            struct timespec pause = {0, 20 * 1000 * 1000};
            nanosleep(&pause, NULL);
        }
        rc = sqlite3_exec(h, setup, NULL, NULL, NULL);
    }
    if (rc != SQLITE_OK) {
        *err = "could not configure the SQLite database (is it a database file?)";
        sqlite3_close(h);
        return NULL;
    }
    if (fts_sv_register(h) != SQLITE_OK) {
        *err = "could not register the Swedish search tokenizer (SQLite without FTS5?)";
        sqlite3_close(h);
        return NULL;
    }
    return h;
}

static void sq_close(void *conn)
{
    sqlite3_close_v2(conn);
}

static enum db_rc map_rc(int rc)
{
    switch (rc & 0xFF) {
    case SQLITE_OK: return DB_OK;
    case SQLITE_ROW: return DB_ROW;
    case SQLITE_DONE: return DB_DONE;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return DB_RETRY;
    case SQLITE_CONSTRAINT: return DB_CONSTRAINT;
    default: return DB_ERR;
    }
}

static enum db_rc sq_exec(void *conn, const char *sql)
{
    return map_rc(sqlite3_exec(conn, sql, NULL, NULL, NULL));
}

static bool sq_readonly(void *stmt)
{
    return sqlite3_stmt_readonly(stmt) != 0;
}

static void *sq_prepare(void *conn, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        return NULL;
    return st;
}

static void sq_finalize(void *st)
{
    sqlite3_finalize(st);
}

static void sq_bind_int(void *st, int idx, int64_t v)
{
    sqlite3_bind_int64(st, idx, v);
}

static void sq_bind_text(void *st, int idx, const char *s)
{
    sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
}

static void sq_bind_blob(void *st, int idx, const void *p, size_t n)
{
    sqlite3_bind_blob64(st, idx, p, n, SQLITE_TRANSIENT);
}

static void sq_bind_null(void *st, int idx)
{
    sqlite3_bind_null(st, idx);
}

static enum db_rc sq_step(void *st)
{
    return map_rc(sqlite3_step(st));
}

static int64_t sq_col_int(void *st, int col)
{
    return sqlite3_column_int64(st, col);
}

static const char *sq_col_text(void *st, int col)
{
    return (const char *)sqlite3_column_text(st, col);
}

static bool sq_col_null(void *st, int col)
{
    return sqlite3_column_type(st, col) == SQLITE_NULL;
}

static const void *sq_col_blob(void *st, int col, size_t *n)
{
    const void *p = sqlite3_column_blob(st, col);
    *n = (size_t)sqlite3_column_bytes(st, col);
    return p;
}

static int64_t sq_changes(void *st)
{
    return sqlite3_changes64(sqlite3_db_handle(st));
}

static void sq_reset(void *st)
{
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

static const char *sq_errmsg(void *conn)
{
    return sqlite3_errmsg(conn);
}

static int64_t sq_data_version(void *conn)
{
    unsigned int v = 0;
    sqlite3_file_control(conn, "main", SQLITE_FCNTL_DATA_VERSION, &v);
    return (int64_t)v;
}

static bool sq_alive(void *conn)
{
    (void)conn;
    return true;
}

const struct db_driver db_sqlite_driver = {
    .name = "sqlite",
    .dialect = DB_SQLITE,
    .open = sq_open,
    .close = sq_close,
    .exec = sq_exec,
    .prepare = sq_prepare,
    .finalize = sq_finalize,
    .bind_int = sq_bind_int,
    .bind_text = sq_bind_text,
    .bind_blob = sq_bind_blob,
    .bind_null = sq_bind_null,
    .step = sq_step,
    .col_int = sq_col_int,
    .col_text = sq_col_text,
    .col_null = sq_col_null,
    .col_blob = sq_col_blob,
    .changes = sq_changes,
    .reset = sq_reset,
    .begin_read = "BEGIN DEFERRED",
    .begin_write = "BEGIN IMMEDIATE",
    .errmsg = sq_errmsg,
    .alive = sq_alive,
    .data_version = sq_data_version,
    .readonly = sq_readonly,
};

bool db_sqlite_backup(const char *src_path, const char *dest_path, const char **err)
{
    sqlite3 *src = NULL, *dst = NULL;
    bool ok = false;
    if (sqlite3_open_v2(src_path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        *err = "cannot open the source database";
        goto out;
    }
    sqlite3_busy_timeout(src, 5000);
    if (sqlite3_open_v2(dest_path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        *err = "cannot create the destination";
        goto out;
    }
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b) {
        *err = sqlite3_errmsg(dst);
        goto out;
    }
    int rc;
    /* copy in steps so writers are held up only briefly; a write between
     * steps makes SQLite restart the copy, which stays consistent */
    while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY ||
           rc == SQLITE_LOCKED)
        sqlite3_sleep(5);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        *err = sqlite3_errstr(rc);
        goto out;
    }
    ok = sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) == SQLITE_OK;
    if (!ok) *err = "cannot finish the copy";
out:
    sqlite3_close(src);
    sqlite3_close(dst);
    return ok;
}
