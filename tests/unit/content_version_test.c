/* store/db.c: the content version of the anonymous page cache — which SQL
 * counts as a write of content, and that every such write bumps the version
 * (in a transaction, in autocommit, not on rollback, not for the tables no
 * page shows), on SQLite and on PostgreSQL. */
#include "testutil.h"
#include "store/store.h"

static void classification(void **state)
{
    (void)state;
    assert_int_equal(sql_writes("SELECT id, title FROM posts WHERE slug = ?"), SQL_READ);
    assert_int_equal(sql_writes("SELECT replace(title, 'a', 'b') FROM posts"), SQL_READ);
    assert_int_equal(sql_writes("SELECT 'INSERT INTO posts' AS s"), SQL_READ);
    assert_int_equal(sql_writes("SELECT updated_at, deleted FROM posts"), SQL_READ);
    assert_int_equal(sql_writes("SELECT id FROM ideas WHERE id = ? FOR UPDATE"), SQL_READ);
    assert_int_equal(sql_writes("-- UPDATE posts\nSELECT 1"), SQL_READ);
    assert_int_equal(sql_writes("PRAGMA data_version"), SQL_READ); /* read per request */
    assert_int_equal(sql_writes("INSERT INTO comments (post_id) VALUES (?)"), SQL_WRITE_CONTENT);
    assert_int_equal(sql_writes("insert or ignore into tags values (?)"), SQL_WRITE_CONTENT);
    assert_int_equal(sql_writes("UPDATE posts SET title = ?"), SQL_WRITE_CONTENT);
    assert_int_equal(sql_writes("DELETE FROM events WHERE id = ?"), SQL_WRITE_CONTENT);
    assert_int_equal(sql_writes("WITH x AS (SELECT 1) INSERT INTO audit SELECT * FROM x"), SQL_WRITE_CONTENT);
    assert_int_equal(sql_writes("CREATE TABLE t (id INTEGER)"), SQL_WRITE_CONTENT);
    assert_int_equal(sql_writes("INSERT INTO sessions (token) VALUES (?)"), SQL_WRITE_PRIVATE);
    assert_int_equal(sql_writes("UPDATE sessions SET seen = ?"), SQL_WRITE_PRIVATE);
    assert_int_equal(sql_writes("DELETE FROM rate_limits WHERE t < ?"), SQL_WRITE_PRIVATE);
    assert_int_equal(sql_writes("INSERT INTO rate_limits (k) VALUES (?) ON CONFLICT (k) DO UPDATE SET n = n + 1"),
                     SQL_WRITE_PRIVATE);
    assert_int_equal(sql_writes("UPDATE outbox SET sent_at = ? WHERE id = ?"), SQL_WRITE_PRIVATE);
    /* a private table in one statement does not hide a content write in it */
    assert_int_equal(sql_writes("DELETE FROM sessions; DELETE FROM users WHERE id = ?"), SQL_WRITE_CONTENT);
    assert_int_equal(sql_writes("UPDATE \"posts\" SET title = 'x'"), SQL_WRITE_CONTENT);
}

static enum db_rc write_setting(db *d, void *ctx)
{
    (void)ctx;
    db_stmt *st = db_prepare(d, "UPDATE settings SET value = value WHERE key = 'secret'");
    return db_run(st);
}

static enum db_rc write_then_fail(db *d, void *ctx)
{
    write_setting(d, ctx);
    return DB_CONFLICT;
}

static enum db_rc write_private(db *d, void *ctx)
{
    (void)ctx;
    return db_run(db_prepare(d, "DELETE FROM sessions WHERE expires_at < 0"));
}

static enum db_rc write_nothing(db *d, void *ctx)
{
    (void)ctx;
    return db_run(db_prepare(d, "UPDATE settings SET value = 'x' WHERE key = 'no such key'"));
}

static enum db_rc only_read(db *d, void *ctx)
{
    (void)ctx;
    int64_t n;
    return db_one_int(db_prepare(d, "SELECT count(*) FROM settings"), &n);
}

static void bumps(bool pg)
{
    struct test_engine e;
    if (test_engine_create(&e, pg, "cversion") != 0) {
        if (pg) {
            fprintf(stderr, "content_version: no PostgreSQL (SAMSKAP_TEST_PG_URL), skipped\n");
            return;
        }
        fail_msg("cannot make the database");
    }
    db *d = test_engine_open(&e);
    db *other = test_engine_open(&e);
    assert_non_null(d);
    assert_non_null(other);
    assert_true(store_setting_init(d, "secret", "x") == DB_OK);
    int64_t v0, v1, v2, v3;
    assert_int_equal(db_content_version(other, &v0), DB_OK);
    assert_int_equal(db_tx(d, true, write_setting, NULL), DB_OK);
    assert_int_equal(db_content_version(other, &v1), DB_OK);
    assert_true(v1 != v0); /* seen at once by another connection */
    assert_int_equal(db_tx(d, true, write_then_fail, NULL), DB_CONFLICT);
    assert_int_equal(db_tx(d, true, write_private, NULL), DB_OK);
    assert_int_equal(db_tx(d, true, only_read, NULL), DB_OK);
    assert_int_equal(db_tx(d, true, write_nothing, NULL), DB_OK); /* a sweep that matched nothing */
    assert_int_equal(write_nothing(d, NULL), DB_OK);
    assert_int_equal(db_content_version(other, &v2), DB_OK);
    assert_true(v2 == v1); /* rollback, private tables, reads and writes of no rows change nothing */
    int64_t again;
    assert_int_equal(db_content_version(other, &again), DB_OK);
    assert_true(again == v2); /* reading it changes nothing either */
    uint64_t w = db_write_count(d);
    assert_int_equal(write_setting(d, NULL), DB_OK); /* autocommit */
    assert_true(db_write_count(d) > w);
    assert_int_equal(db_content_version(other, &v3), DB_OK);
    assert_true(v3 != v2);
    if (!pg) { /* a commit made outside samskap: a new external epoch */
        uint64_t ep = db_external_epoch();
        char cmd[1200];
        snprintf(cmd, sizeof cmd, "sqlite3 '%s' \"INSERT INTO settings (key, value) VALUES ('hand', '1')\"", e.url);
        assert_int_equal(system(cmd), 0);
        assert_int_equal(db_content_version(other, &again), DB_OK);
        assert_true(db_external_epoch() > ep);
    }
    db_close(other);
    db_close(d);
    test_engine_destroy(&e);
}

static void bumps_sqlite(void **state)
{
    (void)state;
    bumps(false);
}

static void bumps_pg(void **state)
{
    (void)state;
    bumps(true);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(classification), cmocka_unit_test(bumps_sqlite), cmocka_unit_test(bumps_pg),
    };
    return cmocka_run_group_tests_name("content_version", tests, NULL, NULL);
}
