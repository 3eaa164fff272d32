/* Shared by the cmocka test programs in tests/unit/. */
#ifndef SAMSKAP_TESTUTIL_H
#define SAMSKAP_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "store/db.h"
#include "store/migrate.h"
#include "util/mem.h"

#define assert_str(a, b) assert_string_equal((a), (b))

/* hay contains needle (both C strings); the message shows both. */
#define assert_contains(hay, needle)                                                    \
    do {                                                                                \
        const char *h_ = (hay), *n_ = (needle);                                         \
        if (!h_ || !strstr(h_, n_))                                                     \
            fail_msg("expected \"%s\" to contain \"%s\"", h_ ? h_ : "(null)", n_);      \
    } while (0)

#define assert_not_contains(hay, needle)                                                \
    do {                                                                                \
        const char *h_ = (hay), *n_ = (needle);                                         \
        if (h_ && strstr(h_, n_))                                                       \
            fail_msg("expected \"%s\" not to contain \"%s\"", h_, n_);                  \
    } while (0)

/* Equality of enum db_rc values, printing their names on failure. */
#define assert_rc(got, want)                                                            \
    do {                                                                                \
        int g_ = (int)(got), w_ = (int)(want);                                          \
        if (g_ != w_)                                                                   \
            fail_msg("%s: got %s, want %s", #got, testutil_rc_name(g_),                 \
                     testutil_rc_name(w_));                                             \
    } while (0)

static inline const char *testutil_rc_name(int rc)
{
    static const char *const names[] = {"DB_OK",      "DB_ROW",        "DB_DONE", "DB_NOTFOUND",
                                        "DB_CONSTRAINT", "DB_RETRY", "DB_ERR"};
    return rc >= 0 && rc < (int)(sizeof names / sizeof names[0]) ? names[rc] : "?";
}

/* A test with a fresh arena in *state, freed even when the test fails
 * (so that ASan's leak check reports only real leaks). */
static inline int testutil_arena_setup(void **state)
{
    *state = arena_new();
    return 0;
}

static inline int testutil_arena_teardown(void **state)
{
    arena_free(*state);
    return 0;
}

#define arena_test(f) \
    cmocka_unit_test_setup_teardown(f, testutil_arena_setup, testutil_arena_teardown)

/* ---- one engine set-up for every test program that uses the store ----
 * A fresh, migrated database: SQLite in a temporary directory, or a
 * PostgreSQL database created for this run on the server that
 * SAMSKAP_TEST_PG_URL names (an admin URL such as
 * postgresql://postgres@127.0.0.1:5432/postgres) and dropped at the end. */
struct test_engine {
    const char *name;   /* "sqlite" or "postgresql" */
    char url[512];      /* what the tests open */
    char admin[512];    /* PostgreSQL: the server's admin URL; "" for SQLite */
    char dbname[64];    /* PostgreSQL: the database made for this run */
    char dir[64];       /* SQLite: the temporary directory */
};

/* The admin URL with its database name replaced by dbname. */
static inline void test_pg_url(const char *admin, const char *dbname, char *out, size_t n)
{
    const char *scheme = strstr(admin, "://");
    const char *q = strchr(admin, '?');
    const char *end = q ? q : admin + strlen(admin);
    const char *slash = NULL;
    for (const char *p = scheme ? scheme + 3 : admin; p < end; p++)
        if (*p == '/') slash = p;
    size_t keep = slash ? (size_t)(slash - admin) : (size_t)(end - admin);
    snprintf(out, n, "%.*s/%s%s", (int)keep, admin, dbname, q ? q : "");
}

/* Runs one statement on the PostgreSQL server's admin database. */
static inline enum db_rc test_pg_admin_exec(const char *admin_url, const char *sql)
{
    const char *err = NULL;
    db *admin = db_open(admin_url, &err);
    if (!admin) {
        fprintf(stderr, "test: cannot reach %s: %s\n", admin_url, err ? err : "?");
        return DB_ERR;
    }
    db_exec(admin, "SET client_min_messages = error");
    enum db_rc rc = db_exec(admin, sql);
    db_close(admin);
    return rc;
}

/* Opens e's database; NULL (after saying why) when it cannot. */
static inline db *test_engine_open(const struct test_engine *e)
{
    const char *err = NULL;
    db *d = db_open(e->url, &err);
    if (!d) fprintf(stderr, "test: cannot open %s: %s\n", e->url, err ? err : "?");
    return d;
}

/* Makes and migrates a fresh database on SQLite or (pg) PostgreSQL; tag
 * names it ("store", "meeting", ...).  0, or -1 after saying why. */
static inline int test_engine_create(struct test_engine *e, bool pg, const char *tag)
{
    memset(e, 0, sizeof *e);
    if (!pg) {
        e->name = "sqlite";
        snprintf(e->dir, sizeof e->dir, "/tmp/samskap-%s-XXXXXX", tag);
        if (!mkdtemp(e->dir)) return -1;
        snprintf(e->url, sizeof e->url, "%s/%s.db", e->dir, tag);
    } else {
        e->name = "postgresql";
        const char *admin = getenv("SAMSKAP_TEST_PG_URL");
        if (!admin || !*admin) return -1;
        snprintf(e->admin, sizeof e->admin, "%s", admin);
        snprintf(e->dbname, sizeof e->dbname, "samskap_%s_%ld_%ld", tag, (long)getpid(), (long)time(NULL));
        char sql[256];
        snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", e->dbname);
        test_pg_admin_exec(e->admin, sql);
        snprintf(sql, sizeof sql, "CREATE DATABASE %s ENCODING 'UTF8' TEMPLATE template0", e->dbname);
        if (test_pg_admin_exec(e->admin, sql) != DB_OK) return -1;
        test_pg_url(e->admin, e->dbname, e->url, sizeof e->url);
    }
    db *d = test_engine_open(e);
    if (!d) return -1;
    int applied = -1;
    enum db_rc rc = store_migrate(d, &applied);
    if (rc != DB_OK || applied < 1)
        fprintf(stderr, "test: migrate failed on %s (applied %d): %s\n", e->name, applied, db_errmsg(d));
    db_close(d);
    return rc == DB_OK && applied >= 1 ? 0 : -1;
}

/* Removes what test_engine_create made. */
static inline void test_engine_destroy(struct test_engine *e)
{
    if (!e->admin[0]) {
        const char *suffix[] = {"", "-wal", "-shm"};
        for (int i = 0; i < 3; i++) {
            char path[600];
            snprintf(path, sizeof path, "%s%s", e->url, suffix[i]);
            unlink(path);
        }
        if (e->dir[0]) rmdir(e->dir);
        return;
    }
    char sql[256];
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", e->dbname);
    test_pg_admin_exec(e->admin, sql);
}

#endif
