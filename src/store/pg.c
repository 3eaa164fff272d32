/* PostgreSQL implementation of the connection interface (db.h), on libpq.
 *
 * Statements are written with '?' placeholders; they are renumbered to $n
 * here.  A statement is prepared on the server the first time it runs,
 * with the parameter types of that run (bigint, text, bytea), so that the
 * same SQL text works on both engines without casts.  Results come back as
 * text and are parsed on demand. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "util/mem.h"

enum { OID_BYTEA = 17, OID_INT8 = 20, OID_TEXT = 25 };

struct pg_conn {
    PGconn *c;
    unsigned next_name;
    char err[512];
};

struct pg_stmt {
    struct pg_conn *conn;
    char *sql;
    char name[16];
    bool prepared;
    int nparams;
    char **values;
    int *lengths;
    int *formats;
    unsigned *types;
    PGresult *res;
    int row, nrows;
    bool executed;
    int64_t changes;
    unsigned char **blobs;  /* unescaped bytea columns, freed at reset */
    int nblobs;
};

static void noop_notice(void *arg, const char *msg)
{
    (void)arg;
    (void)msg;
}

static void *pg_open(const char *url, const char **err)
{
    PGconn *c = PQconnectdb(url);
    if (!c || PQstatus(c) != CONNECTION_OK) {
        *err = "could not connect to PostgreSQL";
        if (c) {
            fprintf(stderr, "samskap: %s", PQerrorMessage(c));
            PQfinish(c);
        }
        return NULL;
    }
    PQsetClientEncoding(c, "UTF8");
    PQsetNoticeProcessor(c, noop_notice, NULL);
    PGresult *r = PQexec(c, "SET client_min_messages = warning");
    PQclear(r);
    struct pg_conn *pc = xcalloc(1, sizeof *pc);
    pc->c = c;
    return pc;
}

static void pg_close(void *conn)
{
    struct pg_conn *pc = conn;
    PQfinish(pc->c);
    free(pc);
}

/* Maps a failed result to our codes by SQLSTATE, keeping the message. */
static enum db_rc map_error(struct pg_conn *pc, PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(pc->c);
    snprintf(pc->err, sizeof pc->err, "%s", msg ? msg : "unknown error");
    pc->err[strcspn(pc->err, "\n")] = '\0';
    if (!state) return DB_ERR;
    if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
        strcmp(state, "55P03") == 0)
        return DB_RETRY;
    if (strncmp(state, "23", 2) == 0) return DB_CONSTRAINT;
    return DB_ERR;
}

static enum db_rc pg_exec(void *conn, const char *sql)
{
    struct pg_conn *pc = conn;
    PGresult *res = PQexec(pc->c, sql);
    ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    enum db_rc rc = (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) ? DB_OK : map_error(pc, res);
    PQclear(res);
    return rc;
}

/* Renumbers '?' outside quotes as $1, $2 ...; counts them. */
static char *renumber(const char *sql, int *count)
{
    buf out = {0};
    int n = 0;
    char quote = 0;
    for (const char *p = sql; *p; p++) {
        if (quote) {
            if (*p == quote) quote = 0;
            buf_putc(&out, *p);
        } else if (*p == '\'' || *p == '"') {
            quote = *p;
            buf_putc(&out, *p);
        } else if (*p == '?') {
            buf_printf(&out, "$%d", ++n);
        } else {
            buf_putc(&out, *p);
        }
    }
    *count = n;
    return buf_detach(&out);
}

static void *pg_prepare(void *conn, const char *sql)
{
    struct pg_stmt *st = xcalloc(1, sizeof *st);
    st->conn = conn;
    st->sql = renumber(sql, &st->nparams);
    int n = st->nparams ? st->nparams : 1;
    st->values = xcalloc((size_t)n, sizeof *st->values);
    st->lengths = xcalloc((size_t)n, sizeof *st->lengths);
    st->formats = xcalloc((size_t)n, sizeof *st->formats);
    st->types = xcalloc((size_t)n, sizeof *st->types);
    return st;
}

static void clear_run(struct pg_stmt *st)
{
    PQclear(st->res);
    st->res = NULL;
    st->row = st->nrows = 0;
    st->executed = false;
    st->changes = 0;
    for (int i = 0; i < st->nblobs; i++) PQfreemem(st->blobs[i]);
    free(st->blobs);
    st->blobs = NULL;
    st->nblobs = 0;
}

static void pg_reset(void *stmt)
{
    struct pg_stmt *st = stmt;
    clear_run(st);
    for (int i = 0; i < st->nparams; i++) {
        free(st->values[i]);
        st->values[i] = NULL;
        st->lengths[i] = st->formats[i] = 0;
    }
}

static void pg_finalize(void *stmt)
{
    struct pg_stmt *st = stmt;
    pg_reset(st);
    free(st->values);
    free(st->lengths);
    free(st->formats);
    free(st->types);
    free(st->sql);
    free(st);
}

static void set_param(struct pg_stmt *st, int idx, char *value, int len, int format,
                      unsigned type)
{
    if (idx < 1 || idx > st->nparams) {
        free(value);
        return;
    }
    free(st->values[idx - 1]);
    st->values[idx - 1] = value;
    st->lengths[idx - 1] = len;
    st->formats[idx - 1] = format;
    if (!st->prepared) st->types[idx - 1] = type;
}

static void pg_bind_int(void *stmt, int idx, int64_t v)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%lld", (long long)v);
    set_param(stmt, idx, xstrdup(tmp), 0, 0, OID_INT8);
}

static void pg_bind_text(void *stmt, int idx, const char *s)
{
    set_param(stmt, idx, xstrdup(s), 0, 0, OID_TEXT);
}

static void pg_bind_blob(void *stmt, int idx, const void *p, size_t n)
{
    char *copy = xmalloc(n ? n : 1);
    if (n) memcpy(copy, p, n);
    set_param(stmt, idx, copy, (int)n, 1, OID_BYTEA);
}

static void pg_bind_null(void *stmt, int idx)
{
    set_param(stmt, idx, NULL, 0, 0, 0);
}

static enum db_rc run(struct pg_stmt *st)
{
    struct pg_conn *pc = st->conn;
    if (!st->prepared) {
        snprintf(st->name, sizeof st->name, "s%u", ++pc->next_name);
        PGresult *p = PQprepare(pc->c, st->name, st->sql, st->nparams, st->types);
        ExecStatusType ps = p ? PQresultStatus(p) : PGRES_FATAL_ERROR;
        if (ps != PGRES_COMMAND_OK) {
            enum db_rc rc = map_error(pc, p);
            PQclear(p);
            return rc;
        }
        PQclear(p);
        st->prepared = true;
    }
    st->res = PQexecPrepared(pc->c, st->name, st->nparams, (const char *const *)st->values,
                             st->lengths, st->formats, 0);
    st->executed = true;
    ExecStatusType es = st->res ? PQresultStatus(st->res) : PGRES_FATAL_ERROR;
    if (es == PGRES_TUPLES_OK || es == PGRES_COMMAND_OK) {
        st->nrows = es == PGRES_TUPLES_OK ? PQntuples(st->res) : 0;
        const char *ct = PQcmdTuples(st->res);
        st->changes = ct && *ct ? strtoll(ct, NULL, 10) : 0;
        st->row = -1;
        return DB_OK;
    }
    return map_error(pc, st->res);
}

static enum db_rc pg_step(void *stmt)
{
    struct pg_stmt *st = stmt;
    if (!st->executed) {
        enum db_rc rc = run(st);
        if (rc != DB_OK) return rc;
    }
    if (!st->res) return DB_ERR;
    if (st->row + 1 < st->nrows) {
        st->row++;
        return DB_ROW;
    }
    st->row = st->nrows;
    return DB_DONE;
}

static bool have_cell(struct pg_stmt *st, int col)
{
    return st->res && st->row >= 0 && st->row < st->nrows && col >= 0 &&
           col < PQnfields(st->res);
}

static int64_t pg_col_int(void *stmt, int col)
{
    struct pg_stmt *st = stmt;
    if (!have_cell(st, col) || PQgetisnull(st->res, st->row, col)) return 0;
    const char *v = PQgetvalue(st->res, st->row, col);
    if (v[0] == 't' && v[1] == '\0') return 1;
    return strtoll(v, NULL, 10);
}

static const char *pg_col_text(void *stmt, int col)
{
    struct pg_stmt *st = stmt;
    if (!have_cell(st, col)) return "";
    return PQgetvalue(st->res, st->row, col);
}

static bool pg_col_null(void *stmt, int col)
{
    struct pg_stmt *st = stmt;
    return !have_cell(st, col) || PQgetisnull(st->res, st->row, col);
}

static const void *pg_col_blob(void *stmt, int col, size_t *n)
{
    struct pg_stmt *st = stmt;
    *n = 0;
    if (!have_cell(st, col) || PQgetisnull(st->res, st->row, col)) return NULL;
    unsigned char *raw =
        PQunescapeBytea((const unsigned char *)PQgetvalue(st->res, st->row, col), n);
    if (!raw) return NULL;
    st->blobs = xrealloc(st->blobs, (size_t)(st->nblobs + 1) * sizeof *st->blobs);
    st->blobs[st->nblobs++] = raw;
    return raw;
}

static int64_t pg_changes(void *stmt)
{
    return ((struct pg_stmt *)stmt)->changes;
}

static const char *pg_errmsg(void *conn)
{
    struct pg_conn *pc = conn;
    return pc->err[0] ? pc->err : PQerrorMessage(pc->c);
}

static bool pg_alive(void *conn)
{
    return PQstatus(((struct pg_conn *)conn)->c) == CONNECTION_OK;
}

const struct db_driver db_pg_driver = {
    .name = "postgresql",
    .dialect = DB_PG,
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .bind_int = pg_bind_int,
    .bind_text = pg_bind_text,
    .bind_blob = pg_bind_blob,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .col_int = pg_col_int,
    .col_text = pg_col_text,
    .col_null = pg_col_null,
    .col_blob = pg_col_blob,
    .changes = pg_changes,
    .reset = pg_reset,
    .begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ",
    .begin_write = "BEGIN ISOLATION LEVEL SERIALIZABLE",
    .errmsg = pg_errmsg,
    .alive = pg_alive,
};
