/* The database connection interface.  Everything above src/store/ talks to
 * SQLite or PostgreSQL through these functions only.
 *
 * SQL is written once, in the common dialect of both engines, with '?'
 * placeholders (the PostgreSQL driver numbers them).  Integers are 64-bit,
 * times are Unix seconds, money is integer öre, booleans are 0/1.
 *
 * Error idiom: every call returns an enum db_rc.  DB_RETRY means "a
 * concurrent transaction won; run the whole transaction again" (SQLite BUSY,
 * PostgreSQL 40001/40P01) and is handled by db_tx.  DB_CONSTRAINT is a
 * uniqueness or foreign-key violation the caller usually reports to the
 * user.  DB_CONFLICT means "someone changed it first": a conditional write
 * (UPDATE ... WHERE status = <from> / version = ?) found the row no longer
 * in the state the caller saw; answered with 409 and what changed.
 * DB_NOTFOUND means only "no such row"; a yes/no question answers through
 * a bool out-parameter, never through DB_NOTFOUND.  DB_ERR is our bug or a
 * broken database (also: a stored name this binary does not know): logged,
 * answered with 500. */
#ifndef SAMSKAP_DB_H
#define SAMSKAP_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum db_rc {
    DB_OK = 0,
    DB_ROW,        /* db_step: a row is ready */
    DB_DONE,       /* db_step: no more rows */
    DB_NOTFOUND,   /* store functions: no such row */
    DB_CONSTRAINT, /* unique / foreign key / check violation */
    DB_RETRY,      /* serialization failure or busy: rerun the transaction */
    DB_CONFLICT,   /* someone else changed it first: nothing written */
    DB_ERR,        /* anything else */
};

enum db_dialect { DB_SQLITE, DB_PG };

typedef struct db db;
typedef struct db_stmt db_stmt;

/* Opens "postgresql://..." / "postgres://..." with libpq, anything else as
 * a SQLite file path.  On failure returns NULL and *err (static text). */
db *db_open(const char *url, const char **err);
void db_close(db *d);
enum db_dialect db_dialect(const db *d);

/* Runs SQL without parameters (may hold several statements). */
enum db_rc db_exec(db *d, const char *sql);

/* Prepares sql, reusing a cached statement when the same string (by
 * address) was prepared before on this connection.  Never NULL: errors are
 * reported by db_step.  Pair every db_prepare with db_done. */
db_stmt *db_prepare(db *d, const char *sql);
void db_bind_int(db_stmt *st, int idx, int64_t v);        /* idx from 1 */
void db_bind_text(db_stmt *st, int idx, const char *s);   /* NULL binds NULL */
void db_bind_blob(db_stmt *st, int idx, const void *p, size_t n);
void db_bind_null(db_stmt *st, int idx);
enum db_rc db_step(db_stmt *st);                         /* DB_ROW / DB_DONE / error */
int64_t db_col_int(db_stmt *st, int col);                /* col from 0 */
const char *db_col_text(db_stmt *st, int col);           /* "" for NULL; valid until next step */
bool db_col_null(db_stmt *st, int col);
const void *db_col_blob(db_stmt *st, int col, size_t *n);
int64_t db_changes(db_stmt *st);                         /* rows changed by the last step */
void db_done(db_stmt *st);                               /* reset for reuse */

/* Convenience: run a statement expected to change rows or return one
 * integer.  Binds are done by the caller between prepare and these. */
enum db_rc db_run(db_stmt *st);                          /* step to the end, then done */
enum db_rc db_one_int(db_stmt *st, int64_t *out);        /* first column of first row */
/* Runs a statement to the end and tells how many rows it changed (for
 * conditional UPDATEs: zero means the condition did not hold). */
enum db_rc db_run_changes(db_stmt *st, int64_t *changed);

/* Transactions.  db_tx runs fn in a transaction (write: taking the write
 * lock up front, serializable on PostgreSQL) and reruns it on DB_RETRY up
 * to a few times with backoff.  fn returns DB_OK to commit; anything else
 * rolls back and is returned. */
typedef enum db_rc (*db_tx_fn)(db *d, void *ctx);
enum db_rc db_tx(db *d, bool write, db_tx_fn fn, void *ctx);

/* A read snapshot around several reads (a page built from several
 * queries): db_read_begin starts a read transaction (SQLite: a deferred
 * transaction, one WAL snapshot; PostgreSQL: REPEATABLE READ)
 * unless one is already open, which it then joins; db_read_end ends what
 * its db_read_begin started.  Store calls in between (their db_tx joins)
 * see one state of the database.  No writes in between.  Always pair them;
 * if the snapshot cannot begin, the reads run in autocommit (logged). */
void db_read_begin(db *d);
void db_read_end(db *d);
/* A request's snapshot (SQLite only; dispatch, for GET and HEAD): every
 * read of the request in one read transaction instead of one per
 * statement.  Besides one state of the database per page, this takes the
 * WAL's shared-memory lock once per request: per statement, worker threads
 * queued on SQLite's per-file mutex (bench/run --pages, docs/DESIGN.md).
 * The first write (a statement that writes, db_exec of one, a writing
 * db_tx) ends it first and runs as it would without it.  On PostgreSQL
 * nothing: two more round trips per page for no lock saved. */
void db_request_begin(db *d);
void db_request_end(db *d);
/* True inside db_tx or db_read_begin/db_read_end. */
bool db_in_tx(const db *d);

/* The content version (src/http/pcache.c, migration 0015): a number that
 * changes whenever anything a page can show has changed.  Every statement
 * run through this interface is classified by its SQL text (sql_writes);
 * one that writes to any table but the few no page shows (sessions,
 * rate_limits, form_nonces, outbox) bumps the version — inside the
 * transaction on SQLite, right after it commits on PostgreSQL, right after
 * the statement in autocommit.  db_content_version reads it (one cheap
 * SELECT); db_content_bump bumps it (at start-up: a process that died
 * between a commit and its bump leaves no stale page behind a restart). */
enum db_rc db_content_version(db *d, int64_t *v);
enum db_rc db_content_bump(db *d);
/* SQLite: a process-wide count of commits seen made by other connections
 * (PRAGMA data_version, checked by db_content_version on each connection),
 * so that a change made outside samskap (sqlite3 by hand) also makes a new
 * cache key.  (PostgreSQL has no cheap equivalent: after editing its
 * database by hand, run SELECT nextval('content_version_seq').) */
uint64_t db_external_epoch(void);
/* How many writing statements (of any table) this connection has run: a
 * request whose handler wrote anything is not cached. */
uint64_t db_write_count(const db *d);

/* What a statement's SQL writes: nothing, only tables no page shows, or
 * content (anything else, including DDL and anything not understood). */
enum sql_write { SQL_READ = 0, SQL_WRITE_PRIVATE, SQL_WRITE_CONTENT };
enum sql_write sql_writes(const char *sql);

/* False when the connection is broken (PostgreSQL went away). */
bool db_alive(db *d);

/* The last error message from the engine (for logs, never for users). */
const char *db_errmsg(db *d);

/* A consistent copy of a live SQLite database (the online backup API). */
bool db_sqlite_backup(const char *src_path, const char *dest_path, const char **err);

/* Driver hooks, implemented by sqlite.c and pg.c. */
struct db_driver {
    const char *name;
    enum db_dialect dialect;
    void *(*open)(const char *url, const char **err);
    void (*close)(void *conn);
    enum db_rc (*exec)(void *conn, const char *sql);
    void *(*prepare)(void *conn, const char *sql);
    void (*finalize)(void *stmt);
    void (*bind_int)(void *stmt, int idx, int64_t v);
    void (*bind_text)(void *stmt, int idx, const char *s);
    void (*bind_blob)(void *stmt, int idx, const void *p, size_t n);
    void (*bind_null)(void *stmt, int idx);
    enum db_rc (*step)(void *stmt);
    int64_t (*col_int)(void *stmt, int col);
    const char *(*col_text)(void *stmt, int col);
    bool (*col_null)(void *stmt, int col);
    const void *(*col_blob)(void *stmt, int col, size_t *n);
    int64_t (*changes)(void *stmt);
    void (*reset)(void *stmt);
    const char *begin_read, *begin_write;
    const char *(*errmsg)(void *conn);
    bool (*alive)(void *conn);
    /* optional: true when the engine knows the statement writes nothing */
    bool (*readonly)(void *stmt);
    /* optional (SQLite): the connection's data version — changed by a
     * commit of any other connection — as of its open read transaction */
    int64_t (*data_version)(void *conn);
};

extern const struct db_driver db_sqlite_driver;
extern const struct db_driver db_pg_driver;

#endif
