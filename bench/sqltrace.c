/* bench/sqltrace.c — an LD_PRELOAD shim used only by bench/run to see which
 * SQL statements a page executes, without touching src/.
 *
 * It wraps sqlite3_step(): on the first step of each execution (the
 * statement is not yet busy) it appends the statement with its bound values
 * (sqlite3_expanded_sql) as one line to the file named by $SQLTRACE_FILE.
 * Counting the lines a request adds gives the statements per request (a
 * query per row shows as a count that grows with the rows); running
 * EXPLAIN QUERY PLAN on each line shows whether it uses an index.
 *
 *   cc -O2 -shared -fPIC -o sqltrace.so bench/sqltrace.c -ldl -lsqlite3
 *   SQLTRACE_FILE=/tmp/sql.log LD_PRELOAD=./sqltrace.so build/samskap serve
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int (*real_step)(sqlite3_stmt *);
static FILE *out;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init(void)
{
    real_step = (int (*)(sqlite3_stmt *))dlsym(RTLD_NEXT, "sqlite3_step");
    const char *path = getenv("SQLTRACE_FILE");
    if (path && *path) {
        out = fopen(path, "a");
        if (out) setvbuf(out, NULL, _IOLBF, 0);
    }
}

int sqlite3_step(sqlite3_stmt *st)
{
    pthread_once(&once, init);
    if (out && st && !sqlite3_stmt_busy(st)) {
        char *sql = sqlite3_expanded_sql(st);
        const char *text = sql ? sql : sqlite3_sql(st);
        if (text) {
            pthread_mutex_lock(&lock);
            for (const char *p = text; *p; p++) fputc(*p == '\n' || *p == '\r' ? ' ' : *p, out);
            fputc('\n', out);
            pthread_mutex_unlock(&lock);
        }
        sqlite3_free(sql);
    }
    return real_step(st);
}
