/* The storage layer (src/store/store.h and db.h) on both engines.
 *
 * The same test functions run against a fresh SQLite file in a temporary
 * directory and, when SAMSKAP_TEST_PG_URL names a PostgreSQL server (an
 * admin URL such as postgresql://postgres@127.0.0.1:5432/postgres), against
 * a database created for this run and dropped at the end.  Every test starts
 * from empty tables (wipe), so the order of the tests does not matter. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"

#include "store/fault.h"
#include "store/store.h"
#include "util/embedded.h"
#include "util/log.h"

/* 2022-02-21 13:30 in Stockholm: the first seed meeting. */
#define NOW ((int64_t)1645446600)

struct engine {
    struct test_engine t;  /* name, url; admin, dbname (PostgreSQL); dir (SQLite) */
    db *d;
    arena *a;         /* per test, freed even when the test fails */
};

/* ------------------------------------------------------------------ */
/* set-up: tests/unit/testutil.h makes the database                   */

static int engine_up(bool pg, void **state)
{
    static struct engine e;
    memset(&e, 0, sizeof e);
    *state = &e;
    if (test_engine_create(&e.t, pg, "store") != 0) return -1;
    e.d = test_engine_open(&e.t);
    return e.d ? 0 : -1;
}

static int setup_sqlite(void **state) { return engine_up(false, state); }
static int setup_pg(void **state) { return engine_up(true, state); }

static int engine_down(void **state)
{
    struct engine *e = *state;
    db_close(e->d);
    test_engine_destroy(&e->t);
    return 0;
}
#define teardown_sqlite engine_down
#define teardown_pg engine_down

/* The admin URL with its database name replaced (malloc'd). */
static char *url_with_db(const char *admin, const char *dbname)
{
    char *out = malloc(512);
    test_pg_url(admin, dbname, out, 512);
    return out;
}

/* Empties every table before each test. */
static int wipe(void **state)
{
    struct engine *e = *state;
    static const char *const tables[] = {
        "comments", "posts", "org_representatives", "organisations", "audit_log",
        "form_nonces", "rate_limits", "sessions", "user_roles", "users", "settings"};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        char sql[64];
        snprintf(sql, sizeof sql, "DELETE FROM %s", tables[i]);
        if (db_exec(e->d, sql) != DB_OK) return -1;
    }
    e->a = arena_new();
    return 0;
}

static int free_arena(void **state)
{
    struct engine *e = *state;
    arena_free(e->a);
    e->a = NULL;
    return 0;
}

#define ENGINE(state) (((struct engine *)*(state))->d)
#define ARENA(state) (((struct engine *)*(state))->a)

/* ------------------------------------------------------------------ */
/* helpers                                                             */

static bool org_is_rep(db *d, int64_t org, int64_t user)
{
    bool yes = true;
    assert_rc(store_org_is_rep(d, org, user, &yes), DB_OK);
    return yes;
}

static bool slug_free(db *d, const char *slug)
{
    bool yes = false;
    assert_rc(store_post_slug_free(d, slug, &yes), DB_OK);
    return yes;
}

static int64_t mkuser_at(db *d, const char *email, const char *name, int64_t birth, int64_t now)
{
    struct user_new u = {email, name, "hash-of-" /* not argon2: the store keeps text */, birth,
                         now};
    int64_t id = 0;
    assert_rc(store_user_create(d, &u, &id), DB_OK);
    assert_true(id > 0);
    return id;
}

static int64_t mkuser(db *d, const char *email, const char *name)
{
    return mkuser_at(d, email, name, 0, NOW);
}

static int64_t mkorg(db *d, const char *slug, const char *name, enum org_kind kind,
                     enum org_sector sector, int64_t parent)
{
    struct org o = {.slug = slug, .name = name, .kind = kind, .sector = sector,
                    .summary = "", .description = "", .website = "", .parent_id = parent};
    int64_t id = 0;
    assert_rc(store_org_create(d, &o, NOW, &id), DB_OK);
    assert_true(id > 0);
    return id;
}

static int64_t mkpost(db *d, const char *slug, const char *title, enum post_status status,
                      int64_t published_at, int64_t now)
{
    struct post p = {.slug = slug, .title = title, .summary = "Sammanfattning",
                     .body_md = "Text om *mötet*.", .body_html = "<p>Text om <em>mötet</em>.</p>\n",
                     .author_name = "Åsa Redaktör", .status = status,
                     .published_at = published_at};
    int64_t id = 0;
    assert_rc(store_post_create(d, &p, now, &id), DB_OK);
    assert_true(id > 0);
    return id;
}

static int64_t mkcomment(db *d, int64_t post_id, const char *name, const char *email,
                         const char *body, int64_t user_id, int64_t now)
{
    struct comment c = {.post_id = post_id, .name = name, .email = email, .body = body};
    int64_t id = 0;
    assert_rc(store_comment_create(d, &c, "client-hash", user_id, now, &id), DB_OK);
    assert_true(id > 0);
    return id;
}

static int64_t count_rows(db *d, const char *sql)
{
    int64_t v = -1;
    assert_rc(db_one_int(db_prepare(d, sql), &v), DB_OK);
    return v;
}

/* ------------------------------------------------------------------ */
/* migrations                                                          */

static void migrate_is_idempotent(void **state)
{
    db *d = ENGINE(state);
    size_t files = 0;
    for (size_t i = 0; i < embedded_count; i++)
        if (strncmp(embedded_files[i].name, "src/store/migrations/", 21) == 0) files++;
    assert_true(files >= 1);
    int applied = -1;
    assert_rc(store_migrate(d, &applied), DB_OK);
    assert_int_equal(applied, 0);
    assert_rc(store_migrate(d, &applied), DB_OK);
    assert_int_equal(applied, 0);
    assert_int_equal(count_rows(d, "SELECT COUNT(*) FROM schema_migrations"), (int64_t)files);
    assert_true(store_schema_version(d) >= 1);
}

/* ------------------------------------------------------------------ */
/* settings                                                            */

static void settings_never_overwrite(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    char *v = NULL;
    assert_rc(store_setting_get(d, a, "csrf_secret", &v), DB_NOTFOUND);
    assert_rc(store_setting_init(d, "csrf_secret", "första värdet åäö"), DB_OK);
    assert_rc(store_setting_get(d, a, "csrf_secret", &v), DB_OK);
    assert_str(v, "första värdet åäö");
    assert_rc(store_setting_init(d, "csrf_secret", "andra"), DB_OK);
    assert_rc(store_setting_get(d, a, "csrf_secret", &v), DB_OK);
    assert_str(v, "första värdet åäö");
}

/* ------------------------------------------------------------------ */
/* users and roles                                                     */

static void users_create_and_find(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    int64_t id = mkuser_at(d, "asa.oberg@example.se", "Åsa Öberg-Ängström", 2008, NOW - 5);
    struct user *u = NULL;
    char *hash = NULL;
    assert_rc(store_user_by_id(d, a, id, &u, &hash), DB_OK);
    assert_int_equal(u->id, id);
    assert_str(u->name, "Åsa Öberg-Ängström");
    assert_str(u->email, "asa.oberg@example.se");
    assert_int_equal(u->birth_year, 2008);
    assert_int_equal(u->created_at, NOW - 5);
    assert_int_equal(u->roles, 0);
    assert_str(hash, "hash-of-");

    u = NULL;
    hash = NULL;
    assert_rc(store_user_by_email(d, a, "asa.oberg@example.se", &u, &hash), DB_OK);
    assert_int_equal(u->id, id);
    assert_str(hash, "hash-of-");

    /* without birth year */
    int64_t id2 = mkuser(d, "bo@example.se", "Bo");
    assert_true(id2 != id);
    assert_rc(store_user_by_id(d, a, id2, &u, NULL), DB_OK);
    assert_int_equal(u->birth_year, 0);

    assert_rc(store_user_by_email(d, a, "nobody@example.se", &u, &hash), DB_NOTFOUND);
    assert_rc(store_user_by_id(d, a, id2 + 1000, &u, &hash), DB_NOTFOUND);

    assert_rc(store_user_set_password(d, id, "new-hash"), DB_OK);
    assert_rc(store_user_by_id(d, a, id, &u, &hash), DB_OK);
    assert_str(hash, "new-hash");
    assert_rc(store_user_by_id(d, a, id2, &u, &hash), DB_OK);
    assert_str(hash, "hash-of-");
}

static void users_duplicate_email_is_constraint(void **state)
{
    db *d = ENGINE(state);
    mkuser(d, "dubbel@example.se", "Först");
    struct user_new u = {"dubbel@example.se", "Andra", "h", 0, NOW};
    int64_t id = 0;
    assert_rc(store_user_create(d, &u, &id), DB_CONSTRAINT);
    assert_int_equal(count_rows(d, "SELECT COUNT(*) FROM users"), 1);
    /* the connection is still usable after the failure */
    mkuser(d, "annan@example.se", "Annan");
    assert_int_equal(count_rows(d, "SELECT COUNT(*) FROM users"), 2);
}

static void roles_grant_revoke(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    int64_t admin = mkuser(d, "admin@example.se", "Admin");
    int64_t id = mkuser(d, "k@example.se", "Karin");
    unsigned roles = 99;
    assert_rc(store_user_roles(d, id, &roles), DB_OK);
    assert_int_equal(roles, 0);

    assert_rc(store_role_grant(d, id, ROLE_KOORDINATOR, admin, NOW), DB_OK);
    assert_rc(store_role_grant(d, id, ROLE_KOMMUNIKATOR, 0, NOW), DB_OK);
    assert_rc(store_role_grant(d, id, ROLE_KOORDINATOR, admin, NOW), DB_OK); /* twice: fine */
    assert_rc(store_user_roles(d, id, &roles), DB_OK);
    assert_int_equal(roles, (1u << ROLE_KOORDINATOR) | (1u << ROLE_KOMMUNIKATOR));
    assert_int_equal(count_rows(d, "SELECT COUNT(*) FROM user_roles"), 2);

    struct user *u = NULL;
    assert_rc(store_user_by_id(d, a, id, &u, NULL), DB_OK);
    assert_true(user_has(u, ROLE_KOORDINATOR));
    assert_true(user_has(u, ROLE_KOMMUNIKATOR));
    assert_false(user_has(u, ROLE_ADMIN));
    assert_rc(store_user_by_email(d, a, "k@example.se", &u, NULL), DB_OK);
    assert_int_equal(u->roles, (1u << ROLE_KOORDINATOR) | (1u << ROLE_KOMMUNIKATOR));

    assert_rc(store_role_revoke(d, id, ROLE_KOORDINATOR), DB_OK);
    assert_rc(store_user_roles(d, id, &roles), DB_OK);
    assert_int_equal(roles, 1u << ROLE_KOMMUNIKATOR);
    assert_rc(store_role_revoke(d, id, ROLE_ADMIN), DB_OK); /* not held: no error */

    /* the admin's own roles are untouched */
    assert_rc(store_user_roles(d, admin, &roles), DB_OK);
    assert_int_equal(roles, 0);

    /* every role survives the round trip through its stored name */
    for (int r = 0; r < ROLE_COUNT; r++)
        assert_rc(store_role_grant(d, admin, (enum role)r, 0, NOW), DB_OK);
    assert_rc(store_user_roles(d, admin, &roles), DB_OK);
    assert_int_equal(roles, (1u << ROLE_COUNT) - 1);

    /* a role for somebody who does not exist */
    assert_rc(store_role_grant(d, id + admin + 1000, ROLE_ADMIN, 0, NOW), DB_CONSTRAINT);
}

static void users_list_search_and_paging(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    char email[64], name[64];
    for (int i = 1; i <= 23; i++) {
        snprintf(email, sizeof email, "person%02d@example.se", i);
        snprintf(name, sizeof name, "Person %02d", i);
        int64_t id = mkuser(d, email, name);
        if (i % 5 == 0) assert_rc(store_role_grant(d, id, ROLE_JURY, 0, NOW), DB_OK);
    }
    int64_t orjan = mkuser(d, "orjan@helsam.se", "Örjan Ekström");
    mkuser(d, "lisa@example.org", "Lisa Ängel");
    assert_rc(store_role_grant(d, orjan, ROLE_REPRESENTANT, 0, NOW), DB_OK);

    struct user *list = NULL;
    size_t n = 0;
    int64_t total = 0;
    assert_rc(store_users_list(d, a, NULL, 0, 10, &list, &n, &total), DB_OK);
    assert_int_equal(total, 25);
    assert_int_equal(n, 10);
    assert_str(list[0].name, "Lisa Ängel");
    assert_str(list[1].name, "Person 01");
    assert_str(list[9].name, "Person 09");
    assert_int_equal(list[4].roles, 0);
    assert_int_equal(list[5].roles, 1u << ROLE_JURY); /* Person 05 */

    assert_rc(store_users_list(d, a, NULL, 20, 10, &list, &n, &total), DB_OK);
    assert_int_equal(total, 25);
    assert_int_equal(n, 5);
    assert_str(list[0].name, "Person 20");
    assert_int_equal(list[0].roles, 1u << ROLE_JURY);
    assert_str(list[3].name, "Person 23");
    assert_str(list[4].name, "Örjan Ekström");
    assert_int_equal(list[4].roles, 1u << ROLE_REPRESENTANT);

    assert_rc(store_users_list(d, a, NULL, 30, 10, &list, &n, &total), DB_OK);
    assert_int_equal(n, 0);
    assert_int_equal(total, 25);

    /* search: a folded name substring, upper or lower case, or the e-mail */
    assert_rc(store_users_list(d, a, "örjan", 0, 10, &list, &n, &total), DB_OK);
    assert_int_equal(total, 1);
    assert_int_equal(n, 1);
    assert_str(list[0].name, "Örjan Ekström");
    assert_rc(store_users_list(d, a, "ÖRJAN EKSTRÖM", 0, 10, &list, &n, &total), DB_OK);
    assert_int_equal(n, 1);
    assert_rc(store_users_list(d, a, "ängel", 0, 10, &list, &n, &total), DB_OK);
    assert_int_equal(n, 1);
    assert_str(list[0].email, "lisa@example.org");
    assert_rc(store_users_list(d, a, "helsam.se", 0, 10, &list, &n, &total), DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].id, orjan);
    assert_rc(store_users_list(d, a, "person 1", 0, 5, &list, &n, &total), DB_OK);
    assert_int_equal(total, 10); /* 10..19 */
    assert_int_equal(n, 5);
    assert_str(list[0].name, "Person 10");
    assert_rc(store_users_list(d, a, "", 0, 100, &list, &n, &total), DB_OK);
    assert_int_equal(total, 25);
    assert_int_equal(n, 25);
    assert_rc(store_users_list(d, a, "finns-inte", 0, 10, &list, &n, &total), DB_OK);
    assert_int_equal(total, 0);
    assert_int_equal(n, 0);
}

/* A search is for text, not a LIKE pattern: "%" and "_" match themselves. */
static void users_search_wildcards_are_literal(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    mkuser(d, "a@example.se", "Anna");
    mkuser(d, "b@example.se", "Bertil");
    mkuser(d, "c_d@example.se", "Cecilia");
    struct user *list = NULL;
    size_t n = 0;
    int64_t total = 0;
    assert_rc(store_users_list(d, a, "%", 0, 10, &list, &n, &total), DB_OK);
    assert_int_equal(total, 0);
    assert_rc(store_users_list(d, a, "_", 0, 10, &list, &n, &total), DB_OK);
    assert_int_equal(total, 1); /* only c_d@example.se */
}

static void users_erase(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    int64_t admin = mkuser(d, "admin@example.se", "Admin");
    int64_t id = mkuser(d, "glom@example.se", "Glöm Mig");
    int64_t other = mkuser(d, "kvar@example.se", "Kvar");
    assert_rc(store_role_grant(d, id, ROLE_REPORTER, admin, NOW), DB_OK);
    assert_rc(store_role_grant(d, other, ROLE_JURY, id, NOW), DB_OK); /* granted by id */
    assert_rc(store_session_create(d, "sess-glom", id, NOW), DB_OK);
    assert_rc(store_session_create(d, "sess-kvar", other, NOW), DB_OK);
    assert_rc(store_audit(d, NOW, id, "roll.ge", "user:3", "jurymedlem"), DB_OK);
    int64_t org = mkorg(d, "helsam", "Helsam", ORG_PARAPLY, SECTOR_IDEELL, 0);
    assert_rc(store_org_add_rep(d, org, id), DB_OK);
    int64_t post = mkpost(d, "nyhet", "Nyhet", POST_PUBLISHED, NOW, NOW);
    int64_t mine = mkcomment(d, post, "Glöm Mig", "glom@example.se", "Min kommentar", id, NOW);
    int64_t theirs = mkcomment(d, post, "Kvar", "kvar@example.se", "Deras", other, NOW + 1);

    assert_rc(store_user_erase(d, id), DB_OK);

    struct user *u = NULL;
    assert_rc(store_user_by_id(d, a, id, &u, NULL), DB_NOTFOUND);
    assert_rc(store_user_by_email(d, a, "glom@example.se", &u, NULL), DB_NOTFOUND);
    assert_rc(store_session_user(d, a, "sess-glom", NOW + 1, &u), DB_NOTFOUND);
    assert_rc(store_session_user(d, a, "sess-kvar", NOW + 1, &u), DB_OK);
    assert_int_equal(u->roles, 1u << ROLE_JURY);
    assert_int_equal(count_rows(d, "SELECT COUNT(*) FROM user_roles"), 1);
    assert_false(org_is_rep(d, org, id));

    /* comments stay, without the e-mail */
    struct comment *cs = NULL;
    size_t n = 0;
    assert_rc(store_comments_pending(d, a, &cs, &n), DB_OK);
    assert_int_equal(n, 2);
    assert_int_equal(cs[0].id, mine);
    assert_str(cs[0].email, "");
    assert_str(cs[0].body, "Min kommentar");
    assert_int_equal(cs[1].id, theirs);
    assert_str(cs[1].email, "kvar@example.se");

    /* the audit log keeps the action, without the person */
    struct audit_entry *log = NULL;
    assert_rc(store_audit_list(d, a, 0, 10, &log, &n), DB_OK);
    assert_int_equal(n, 1);
    assert_str(log[0].actor_name, "");
    assert_str(log[0].action, "roll.ge");

    assert_rc(store_user_erase(d, id), DB_NOTFOUND);
    assert_int_equal(count_rows(d, "SELECT COUNT(*) FROM users"), 2);
}

/* ------------------------------------------------------------------ */
/* sessions                                                            */

static void sessions_lifecycle(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    int64_t id = mkuser(d, "s@example.se", "Sara Söderberg");
    int64_t other = mkuser(d, "o@example.se", "Olle");
    assert_rc(store_role_grant(d, id, ROLE_KOMMUNIKATOR, 0, NOW), DB_OK);
    assert_rc(store_session_create(d, "h1", id, NOW), DB_OK);
    assert_rc(store_session_create(d, "h1", other, NOW), DB_CONSTRAINT);
    assert_rc(store_session_create(d, "h-nobody", id + other + 100, NOW), DB_CONSTRAINT);

    struct user *u = NULL;
    assert_rc(store_session_user(d, a, "h1", NOW, &u), DB_OK);
    assert_int_equal(u->id, id);
    assert_str(u->name, "Sara Söderberg");
    assert_str(u->email, "s@example.se");
    assert_int_equal(u->roles, 1u << ROLE_KOMMUNIKATOR);
    assert_rc(store_session_user(d, a, "h1", NOW + SESSION_LIFETIME - 1, &u), DB_OK);
    assert_rc(store_session_user(d, a, "h1", NOW + SESSION_LIFETIME, &u), DB_NOTFOUND);
    assert_rc(store_session_user(d, a, "no-such", NOW, &u), DB_NOTFOUND);

    /* purge removes expired sessions only */
    assert_rc(store_session_create(d, "h-later", id, NOW + 100), DB_OK);
    assert_rc(store_sessions_purge(d, NOW + SESSION_LIFETIME), DB_OK);
    assert_int_equal(count_rows(d, "SELECT COUNT(*) FROM sessions"), 1);
    assert_rc(store_session_user(d, a, "h-later", NOW + SESSION_LIFETIME, &u), DB_OK);

    assert_rc(store_session_delete(d, "h-later"), DB_OK);
    assert_rc(store_session_user(d, a, "h-later", NOW + 200, &u), DB_NOTFOUND);
    assert_rc(store_session_delete(d, "h-later"), DB_OK); /* gone already: no error */
}

static void sessions_sign_out_elsewhere(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    int64_t id = mkuser(d, "s@example.se", "Sara");
    int64_t other = mkuser(d, "o@example.se", "Olle");
    assert_rc(store_session_create(d, "a1", id, NOW), DB_OK);
    assert_rc(store_session_create(d, "a2", id, NOW), DB_OK);
    assert_rc(store_session_create(d, "a3", id, NOW), DB_OK);
    assert_rc(store_session_create(d, "b1", other, NOW), DB_OK);

    assert_rc(store_sessions_delete_user(d, id, "a2"), DB_OK);
    struct user *u = NULL;
    assert_rc(store_session_user(d, a, "a1", NOW, &u), DB_NOTFOUND);
    assert_rc(store_session_user(d, a, "a2", NOW, &u), DB_OK);
    assert_rc(store_session_user(d, a, "a3", NOW, &u), DB_NOTFOUND);
    assert_rc(store_session_user(d, a, "b1", NOW, &u), DB_OK);
    assert_int_equal(u->id, other);

    assert_rc(store_sessions_delete_user(d, id, NULL), DB_OK);
    assert_rc(store_session_user(d, a, "a2", NOW, &u), DB_NOTFOUND);
    assert_rc(store_session_user(d, a, "b1", NOW, &u), DB_OK);
}

/* ------------------------------------------------------------------ */
/* rate limits                                                         */

static void rate_limit_windows(void **state)
{
    db *d = ENGINE(state);
    int64_t hits = -1;
    const int64_t W = 600;
    assert_rc(store_rate_peek(d, "login:anna", NOW, W, &hits), DB_OK);
    assert_int_equal(hits, 0);
    for (int i = 1; i <= 3; i++) {
        assert_rc(store_rate_hit(d, "login:anna", NOW + i, W, &hits), DB_OK);
        assert_int_equal(hits, i);
    }
    assert_rc(store_rate_peek(d, "login:anna", NOW + 10, W, &hits), DB_OK);
    assert_int_equal(hits, 3);
    assert_rc(store_rate_peek(d, "login:anna", NOW + 10, W, &hits), DB_OK);
    assert_int_equal(hits, 3); /* peeking does not count */

    /* another bucket is independent */
    assert_rc(store_rate_hit(d, "ip:127.0.0.1", NOW, W, &hits), DB_OK);
    assert_int_equal(hits, 1);

    /* the window started at NOW + 1 (the first hit); it lasts W seconds */
    assert_rc(store_rate_hit(d, "login:anna", NOW + W, W, &hits), DB_OK);
    assert_int_equal(hits, 4);
    assert_rc(store_rate_peek(d, "login:anna", NOW + W, W, &hits), DB_OK);
    assert_int_equal(hits, 4);
    assert_rc(store_rate_peek(d, "login:anna", NOW + 1 + W, W, &hits), DB_OK);
    assert_int_equal(hits, 0); /* expired */
    assert_rc(store_rate_hit(d, "login:anna", NOW + 1 + W, W, &hits), DB_OK);
    assert_int_equal(hits, 1); /* a new window */
    assert_rc(store_rate_hit(d, "login:anna", NOW + 2 + W, W, &hits), DB_OK);
    assert_int_equal(hits, 2);

    assert_rc(store_rate_clear(d, "login:anna"), DB_OK);
    assert_rc(store_rate_peek(d, "login:anna", NOW + 3 + W, W, &hits), DB_OK);
    assert_int_equal(hits, 0);
    assert_rc(store_rate_hit(d, "login:anna", NOW + 3 + W, W, &hits), DB_OK);
    assert_int_equal(hits, 1);
    assert_rc(store_rate_peek(d, "ip:127.0.0.1", NOW + 10, W, &hits), DB_OK);
    assert_int_equal(hits, 1);
    assert_rc(store_rate_clear(d, "never-used"), DB_OK);
}

/* ------------------------------------------------------------------ */
/* nonces                                                              */

/* An action that takes the key and then fails. */
static enum db_rc nonce_then_fail(db *d, void *ctx)
{
    (void)ctx;
    enum db_rc rc = store_nonce_use(d, "nyckel-3", NOW);
    return rc != DB_OK ? rc : DB_ERR;
}

/* A key found taken inside a transaction leaves the transaction usable. */
static enum db_rc taken_nonce_then_write(db *d, void *ctx)
{
    (void)ctx;
    enum db_rc rc = store_nonce_use(d, "nyckel-1", NOW);
    if (rc != DB_CONSTRAINT) return DB_ERR;
    return store_nonce_use(d, "nyckel-4", NOW);
}

static void nonces_once(void **state)
{
    db *d = ENGINE(state);
    assert_rc(store_nonce_use(d, "nyckel-1", NOW), DB_OK);
    assert_rc(store_nonce_use(d, "nyckel-1", NOW + 1), DB_CONSTRAINT);
    assert_rc(store_nonce_use(d, "nyckel-1", NOW + 2), DB_CONSTRAINT);
    assert_rc(store_nonce_use(d, "nyckel-2", NOW + 1), DB_OK);
    assert_int_equal(count_rows(d, "SELECT COUNT(*) FROM form_nonces"), 2);
    /* taken in an action that fails, the key is free for the retry */
    assert_rc(db_tx(d, true, nonce_then_fail, NULL), DB_ERR);
    assert_rc(store_nonce_use(d, "nyckel-3", NOW + 3), DB_OK);
    assert_rc(db_tx(d, true, taken_nonce_then_write, NULL), DB_OK);
    assert_int_equal(count_rows(d, "SELECT COUNT(*) FROM form_nonces"), 4);
}

/* ------------------------------------------------------------------ */
/* audit log                                                           */

static void audit_log_newest_first(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    int64_t admin = mkuser(d, "admin@example.se", "Åke Administratör");
    assert_rc(store_audit(d, NOW, admin, "roll.ge", "user:2", "koordinator"), DB_OK);
    assert_rc(store_audit(d, NOW + 60, 0, "system", "migrate", NULL), DB_OK);
    assert_rc(store_audit(d, NOW + 60, admin, "organisation.skapa", "org:helsam", "Rädda Barnen"),
              DB_OK);
    assert_rc(store_audit(d, NOW - 60, admin, "roll.ta", "user:2", ""), DB_OK);

    struct audit_entry *l = NULL;
    size_t n = 0;
    assert_rc(store_audit_list(d, a, 0, 10, &l, &n), DB_OK);
    assert_int_equal(n, 4);
    /* same second: the later entry first */
    assert_str(l[0].action, "organisation.skapa");
    assert_str(l[0].actor_name, "Åke Administratör");
    assert_str(l[0].detail, "Rädda Barnen");
    assert_str(l[0].subject, "org:helsam");
    assert_int_equal(l[0].at, NOW + 60);
    assert_str(l[1].action, "system");
    assert_str(l[1].actor_name, "");
    assert_str(l[1].detail, "");
    assert_str(l[2].action, "roll.ge");
    assert_str(l[3].action, "roll.ta");
    assert_int_equal(l[3].at, NOW - 60);

    assert_rc(store_audit_list(d, a, 1, 2, &l, &n), DB_OK);
    assert_int_equal(n, 2);
    assert_str(l[0].action, "system");
    assert_str(l[1].action, "roll.ge");
    assert_rc(store_audit_list(d, a, 4, 10, &l, &n), DB_OK);
    assert_int_equal(n, 0);
}

/* ------------------------------------------------------------------ */
/* organisations                                                       */

struct seed_orgs {
    int64_t helsam, invasam, omtanke, radda, fritid, erikshjalpen, fryshuset, invanarlab;
};

static struct seed_orgs seed_orgs(db *d)
{
    struct seed_orgs s;
    s.helsam = mkorg(d, "helsam", "Helsam", ORG_PARAPLY, SECTOR_IDEELL, 0);
    s.invasam = mkorg(d, "invasam", "Invasam", ORG_FORENING, SECTOR_IDEELL, s.helsam);
    s.omtanke = mkorg(d, "omtanke-helsingborg", "Omtanke Helsingborg", ORG_FORENING,
                      SECTOR_IDEELL, s.helsam);
    s.radda = mkorg(d, "radda-barnen", "Rädda Barnen", ORG_FORENING, SECTOR_IDEELL, 0);
    s.fritid = mkorg(d, "fritid-helsingborg", "Fritid Helsingborg", ORG_FORVALTNING,
                     SECTOR_OFFENTLIG, 0);
    s.erikshjalpen = mkorg(d, "erikshjalpen", "Erikshjälpen", ORG_FORENING, SECTOR_IDEELL, 0);
    s.fryshuset = mkorg(d, "fryshuset", "Fryshuset", ORG_FORENING, SECTOR_IDEELL, 0);
    s.invanarlab = mkorg(d, "invanarlab", "Invånarlab", ORG_ANNAN, SECTOR_OFFENTLIG, 0);
    return s;
}

static void orgs_create_and_find(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    int64_t helsam = mkorg(d, "helsam", "Helsam", ORG_PARAPLY, SECTOR_IDEELL, 0);
    struct org o = {.slug = "radda-barnen", .name = "Rädda Barnen Helsingborg",
                    .kind = ORG_FORENING, .sector = SECTOR_IDEELL,
                    .summary = "Barns rättigheter – här och nu",
                    .description = "Vi arbetar för barn och unga.\n\nÖppet hus på torsdagar.",
                    .website = "https://www.raddabarnen.se/", .parent_id = helsam};
    int64_t id = 0;
    assert_rc(store_org_create(d, &o, NOW, &id), DB_OK);

    struct org *g = NULL;
    assert_rc(store_org_by_slug(d, a, "radda-barnen", &g), DB_OK);
    assert_int_equal(g->id, id);
    assert_str(g->slug, "radda-barnen");
    assert_str(g->name, "Rädda Barnen Helsingborg");
    assert_int_equal(g->kind, ORG_FORENING);
    assert_int_equal(g->sector, SECTOR_IDEELL);
    assert_str(g->summary, "Barns rättigheter – här och nu");
    assert_str(g->description, "Vi arbetar för barn och unga.\n\nÖppet hus på torsdagar.");
    assert_str(g->website, "https://www.raddabarnen.se/");
    assert_int_equal(g->parent_id, helsam);
    assert_str(g->parent_name, "Helsam");
    assert_str(g->parent_slug, "helsam");
    assert_int_equal(g->updated_at, NOW);

    assert_rc(store_org_by_id(d, a, helsam, &g), DB_OK);
    assert_str(g->name, "Helsam");
    assert_int_equal(g->kind, ORG_PARAPLY);
    assert_int_equal(g->parent_id, 0);
    assert_str(g->parent_name, "");

    /* NULL optional texts are stored as empty */
    struct org bare = {.slug = "byabetan", .name = "Byabetan", .kind = ORG_FORETAG,
                       .sector = SECTOR_PRIVAT};
    assert_rc(store_org_create(d, &bare, NOW, &id), DB_OK);
    assert_rc(store_org_by_id(d, a, id, &g), DB_OK);
    assert_str(g->summary, "");
    assert_str(g->website, "");
    assert_int_equal(g->kind, ORG_FORETAG);
    assert_int_equal(g->sector, SECTOR_PRIVAT);

    assert_rc(store_org_by_slug(d, a, "finns-inte", &g), DB_NOTFOUND);
    assert_rc(store_org_by_id(d, a, id + 1000, &g), DB_NOTFOUND);

    /* slugs are unique; a parent must exist */
    struct org dup = {.slug = "helsam", .name = "Helsam igen", .kind = ORG_PARAPLY};
    assert_rc(store_org_create(d, &dup, NOW, &id), DB_CONSTRAINT);
    struct org orphan = {.slug = "orphan", .name = "Föräldralös", .parent_id = 987654};
    assert_rc(store_org_create(d, &orphan, NOW, &id), DB_CONSTRAINT);
}

static void orgs_update(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    struct seed_orgs s = seed_orgs(d);
    struct org *g = NULL;
    assert_rc(store_org_by_id(d, a, s.invasam, &g), DB_OK);
    struct org e = *g;
    e.name = "Invasam – Invandrarnas samarbetsorganisation";
    e.summary = "Samarbete över gränser";
    e.website = "http://invasam.se";
    e.kind = ORG_PARAPLY;
    e.sector = SECTOR_OFFENTLIG;
    e.parent_id = 0;
    assert_rc(store_org_update(d, &e, NOW + 3600), DB_OK);

    assert_rc(store_org_by_slug(d, a, "invasam", &g), DB_OK);
    assert_str(g->name, "Invasam – Invandrarnas samarbetsorganisation");
    assert_str(g->summary, "Samarbete över gränser");
    assert_str(g->website, "http://invasam.se");
    assert_int_equal(g->kind, ORG_PARAPLY);
    assert_int_equal(g->sector, SECTOR_OFFENTLIG);
    assert_int_equal(g->parent_id, 0);
    assert_str(g->parent_name, "");
    assert_int_equal(g->updated_at, NOW + 3600);

    /* the search key follows the new name */
    struct org *list = NULL;
    size_t n = 0;
    assert_rc(store_orgs_list(d, a, -1, "SAMARBETSORGANISATION", &list, &n), DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].id, s.invasam);
    /* and it left Helsam */
    assert_rc(store_org_members(d, a, s.helsam, &list, &n), DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].id, s.omtanke);

    /* other organisations untouched */
    assert_rc(store_org_by_id(d, a, s.radda, &g), DB_OK);
    assert_str(g->name, "Rädda Barnen");
    assert_int_equal(g->updated_at, NOW);

    /* a parent that does not exist */
    e.parent_id = 987654;
    assert_rc(store_org_update(d, &e, NOW + 7200), DB_CONSTRAINT);
}

static const char *names_of(arena *a, const struct org *list, size_t n)
{
    buf b = {0};
    for (size_t i = 0; i < n; i++) {
        if (i) buf_puts(&b, "|");
        buf_puts(&b, list[i].name);
    }
    char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static void orgs_list_filters(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    struct seed_orgs s = seed_orgs(d);
    (void)s;
    struct org *l = NULL;
    size_t n = 0;
    assert_rc(store_orgs_list(d, a, -1, NULL, &l, &n), DB_OK);
    assert_int_equal(n, 8);
    assert_rc(store_orgs_list(d, a, -1, "", &l, &n), DB_OK);
    assert_int_equal(n, 8);
    /* the parent comes along */
    for (size_t i = 0; i < n; i++)
        if (strcmp(l[i].slug, "invasam") == 0) assert_str(l[i].parent_slug, "helsam");

    assert_rc(store_orgs_list(d, a, ORG_PARAPLY, NULL, &l, &n), DB_OK);
    assert_str(names_of(a, l, n), "Helsam");
    assert_rc(store_orgs_list(d, a, ORG_FORVALTNING, "", &l, &n), DB_OK);
    assert_str(names_of(a, l, n), "Fritid Helsingborg");
    assert_rc(store_orgs_list(d, a, ORG_FORENING, NULL, &l, &n), DB_OK);
    assert_str(names_of(a, l, n), "Erikshjälpen|Fryshuset|Invasam|Omtanke Helsingborg|Rädda Barnen");
    assert_rc(store_orgs_list(d, a, ORG_FORETAG, NULL, &l, &n), DB_OK);
    assert_int_equal(n, 0);

    /* folded substrings, Swedish letters in either case */
    assert_rc(store_orgs_list(d, a, -1, "rädda", &l, &n), DB_OK);
    assert_str(names_of(a, l, n), "Rädda Barnen");
    assert_rc(store_orgs_list(d, a, -1, "RÄDDA", &l, &n), DB_OK);
    assert_str(names_of(a, l, n), "Rädda Barnen");
    assert_rc(store_orgs_list(d, a, -1, "HJÄLP", &l, &n), DB_OK);
    assert_str(names_of(a, l, n), "Erikshjälpen");
    assert_rc(store_orgs_list(d, a, -1, "invå", &l, &n), DB_OK);
    assert_str(names_of(a, l, n), "Invånarlab");
    assert_rc(store_orgs_list(d, a, -1, "INV", &l, &n), DB_OK);
    assert_str(names_of(a, l, n), "Invasam|Invånarlab");
    assert_rc(store_orgs_list(d, a, -1, "helsingborg", &l, &n), DB_OK);
    assert_str(names_of(a, l, n), "Fritid Helsingborg|Omtanke Helsingborg");
    assert_rc(store_orgs_list(d, a, ORG_FORENING, "helsingborg", &l, &n), DB_OK);
    assert_str(names_of(a, l, n), "Omtanke Helsingborg");
    assert_rc(store_orgs_list(d, a, -1, "radda", &l, &n), DB_OK);
    assert_int_equal(n, 0); /* the name has ä, not a */
    assert_rc(store_orgs_list(d, a, -1, "ö", &l, &n), DB_OK);
    assert_int_equal(n, 0);
}

/* The directory is "by name" for Swedish readers: Z < Å < Ä < Ö. */
static void orgs_directory_in_swedish_order(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    mkorg(d, "orebro", "Örebro förening", ORG_FORENING, SECTOR_IDEELL, 0);
    mkorg(d, "angel", "Ängelholms förening", ORG_FORENING, SECTOR_IDEELL, 0);
    mkorg(d, "astorp", "Åstorps förening", ORG_FORENING, SECTOR_IDEELL, 0);
    mkorg(d, "zeta", "Zeta", ORG_FORENING, SECTOR_IDEELL, 0);
    mkorg(d, "abf", "ABF", ORG_FORENING, SECTOR_IDEELL, 0);
    struct org *l = NULL;
    size_t n = 0;
    assert_rc(store_orgs_list(d, a, -1, NULL, &l, &n), DB_OK);
    assert_str(names_of(a, l, n),
               "ABF|Zeta|Åstorps förening|Ängelholms förening|Örebro förening");
}

static void orgs_search_wildcards_are_literal(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    mkorg(d, "abf", "ABF", ORG_FORENING, SECTOR_IDEELL, 0);
    mkorg(d, "procent", "100% ideell", ORG_FORENING, SECTOR_IDEELL, 0);
    struct org *l = NULL;
    size_t n = 0;
    assert_rc(store_orgs_list(d, a, -1, "%", &l, &n), DB_OK);
    assert_str(names_of(a, l, n), "100% ideell");
    assert_rc(store_orgs_list(d, a, -1, "_", &l, &n), DB_OK);
    assert_int_equal(n, 0);
}

static void orgs_members_and_representatives(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    struct seed_orgs s = seed_orgs(d);
    struct org *l = NULL;
    size_t n = 0;
    assert_rc(store_org_members(d, a, s.helsam, &l, &n), DB_OK);
    assert_str(names_of(a, l, n), "Invasam|Omtanke Helsingborg");
    assert_str(l[0].parent_name, "Helsam");
    assert_rc(store_org_members(d, a, s.radda, &l, &n), DB_OK);
    assert_int_equal(n, 0);

    int64_t ulla = mkuser(d, "ulla@invasam.se", "Ulla Åberg");
    int64_t bo = mkuser(d, "bo@example.se", "Bo Ek");
    assert_false(org_is_rep(d, s.invasam, ulla));
    assert_rc(store_org_add_rep(d, s.invasam, ulla), DB_OK);
    assert_rc(store_org_add_rep(d, s.invasam, ulla), DB_OK); /* twice: fine */
    assert_rc(store_org_add_rep(d, s.invasam, bo), DB_OK);
    assert_rc(store_org_add_rep(d, s.helsam, ulla), DB_OK);
    assert_true(org_is_rep(d, s.invasam, ulla));
    assert_false(org_is_rep(d, s.radda, ulla));
    assert_false(org_is_rep(d, s.helsam, bo));

    struct user *reps = NULL;
    assert_rc(store_org_reps(d, a, s.invasam, &reps, &n), DB_OK);
    assert_int_equal(n, 2);
    assert_str(reps[0].name, "Bo Ek");
    assert_int_equal(reps[0].id, bo);
    assert_str(reps[1].name, "Ulla Åberg");
    assert_rc(store_org_reps(d, a, s.radda, &reps, &n), DB_OK);
    assert_int_equal(n, 0);

    assert_rc(store_user_orgs(d, a, ulla, &l, &n), DB_OK);
    assert_str(names_of(a, l, n), "Helsam|Invasam");
    assert_rc(store_user_orgs(d, a, bo, &l, &n), DB_OK);
    assert_str(names_of(a, l, n), "Invasam");

    assert_rc(store_org_remove_rep(d, s.invasam, ulla), DB_OK);
    assert_false(org_is_rep(d, s.invasam, ulla));
    assert_true(org_is_rep(d, s.helsam, ulla));
    assert_true(org_is_rep(d, s.invasam, bo));

    assert_rc(store_org_add_rep(d, s.invasam, ulla + bo + 100), DB_CONSTRAINT);
    assert_rc(store_org_add_rep(d, s.invasam + 1000, ulla), DB_CONSTRAINT);
}

/* ------------------------------------------------------------------ */
/* posts                                                               */

static void posts_create_and_read(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    int64_t author = mkuser(d, "red@example.se", "Redaktör");
    struct post p = {.slug = "mote-pa-soder", .title = "Möte på Söder – åäö ÅÄÖ",
                     .summary = "Vi träffades på Söder.", .body_md = "# Rubrik\n\nÖppet möte.",
                     .body_html = "<h1>Rubrik</h1>\n<p>Öppet möte.</p>\n", .author_id = author,
                     .author_name = "Åsa Redaktör", .status = POST_PUBLISHED,
                     .published_at = NOW - 86400};
    int64_t id = 0;
    assert_rc(store_post_create(d, &p, NOW, &id), DB_OK);
    struct post *g = NULL;
    assert_rc(store_post_by_slug(d, a, "mote-pa-soder", &g), DB_OK);
    assert_int_equal(g->id, id);
    assert_str(g->title, "Möte på Söder – åäö ÅÄÖ");
    assert_str(g->summary, "Vi träffades på Söder.");
    assert_str(g->body_md, "# Rubrik\n\nÖppet möte.");
    assert_str(g->body_html, "<h1>Rubrik</h1>\n<p>Öppet möte.</p>\n");
    assert_int_equal(g->author_id, author);
    assert_str(g->author_name, "Åsa Redaktör");
    assert_int_equal(g->status, POST_PUBLISHED);
    assert_int_equal(g->published_at, NOW - 86400);
    assert_int_equal(g->updated_at, NOW);
    assert_int_equal(g->comment_count, 0);

    assert_rc(store_post_by_slug(d, a, "finns-inte", &g), DB_NOTFOUND);
    assert_false(slug_free(d, "mote-pa-soder"));
    assert_true(slug_free(d, "mote-pa-soder-2"));
    assert_rc(store_post_create(d, &p, NOW, &id), DB_CONSTRAINT);

    /* a draft has no publication time */
    int64_t draft = mkpost(d, "utkast", "Utkast", POST_DRAFT, NOW, NOW);
    assert_rc(store_post_by_slug(d, a, "utkast", &g), DB_OK);
    assert_int_equal(g->id, draft);
    assert_int_equal(g->status, POST_DRAFT);
    assert_int_equal(g->published_at, 0);
    assert_int_equal(g->author_id, 0);
}

static void posts_published_paging_and_order(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    char slug[32], title[32];
    for (int i = 0; i < 23; i++) {
        snprintf(slug, sizeof slug, "post-%02d", i);
        snprintf(title, sizeof title, "Inlägg %02d", i);
        /* created in a shuffled order so that id order is not time order */
        int64_t when = NOW - 86400 * (int64_t)((i * 7) % 23);
        mkpost(d, slug, title, POST_PUBLISHED, when, NOW);
    }
    mkpost(d, "utkast-1", "Utkast 1", POST_DRAFT, 0, NOW);
    mkpost(d, "utkast-2", "Utkast 2", POST_DRAFT, 0, NOW + 10);

    struct post *l = NULL;
    size_t n = 0;
    int64_t total = 0;
    assert_rc(store_posts_published(d, a, 0, POSTS_PER_PAGE, false, &l, &n, &total), DB_OK);
    assert_int_equal(total, 23);
    assert_int_equal(n, 10);
    assert_str(l[0].slug, "post-00"); /* published NOW: the newest */
    assert_int_equal(l[0].published_at, NOW);
    for (size_t i = 1; i < n; i++) assert_true(l[i - 1].published_at > l[i].published_at);
    assert_str(l[0].body_md, "");
    assert_str(l[0].body_html, "");
    assert_str(l[0].title, "Inlägg 00");

    int64_t last_on_page = l[9].published_at;
    assert_rc(store_posts_published(d, a, 20, POSTS_PER_PAGE, true, &l, &n, &total), DB_OK);
    assert_int_equal(total, 23);
    assert_int_equal(n, 3);
    assert_true(l[0].published_at < last_on_page);
    assert_int_equal(l[2].published_at, NOW - 86400 * 22);
    assert_str(l[2].body_md, "Text om *mötet*.");
    assert_str(l[2].body_html, "<p>Text om <em>mötet</em>.</p>\n");

    assert_rc(store_posts_published(d, a, 30, POSTS_PER_PAGE, false, &l, &n, &total), DB_OK);
    assert_int_equal(n, 0);

    /* the same second: the later post first */
    int64_t first = mkpost(d, "samma-a", "Samma A", POST_PUBLISHED, NOW + 100, NOW);
    int64_t second = mkpost(d, "samma-b", "Samma B", POST_PUBLISHED, NOW + 100, NOW);
    assert_rc(store_posts_published(d, a, 0, 3, false, &l, &n, &total), DB_OK);
    assert_int_equal(total, 25);
    assert_int_equal(n, 3);
    assert_int_equal(l[0].id, second);
    assert_int_equal(l[1].id, first);
    assert_str(l[2].slug, "post-00");

    /* drafts, most recently changed first */
    assert_rc(store_posts_drafts(d, a, &l, &n), DB_OK);
    assert_int_equal(n, 2);
    assert_str(l[0].slug, "utkast-2");
    assert_str(l[1].slug, "utkast-1");
}

static void posts_update_and_publish(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    mkpost(d, "nyhet", "Nyhet", POST_DRAFT, 0, NOW);
    mkpost(d, "annan", "Annan", POST_DRAFT, 0, NOW);
    struct post *g = NULL;
    assert_rc(store_post_by_slug(d, a, "nyhet", &g), DB_OK);
    struct post e = *g;
    e.title = "Nyhet: Föreningsfrukost på 107:an";
    e.body_md = "Välkomna!";
    e.body_html = "<p>Välkomna!</p>\n";
    e.status = POST_PUBLISHED;
    e.published_at = NOW + 50;
    assert_rc(store_post_update(d, &e, NOW + 50), DB_OK);

    assert_rc(store_post_by_slug(d, a, "nyhet", &g), DB_OK);
    assert_str(g->title, "Nyhet: Föreningsfrukost på 107:an");
    assert_str(g->body_md, "Välkomna!");
    assert_int_equal(g->status, POST_PUBLISHED);
    assert_int_equal(g->published_at, NOW + 50);
    assert_int_equal(g->updated_at, NOW + 50);

    struct post *l = NULL;
    size_t n = 0;
    int64_t total = 0;
    assert_rc(store_posts_published(d, a, 0, 10, false, &l, &n, &total), DB_OK);
    assert_int_equal(total, 1);
    assert_str(l[0].slug, "nyhet");
    assert_rc(store_posts_drafts(d, a, &l, &n), DB_OK);
    assert_int_equal(n, 1);
    assert_str(l[0].slug, "annan");

    /* back to draft: off the public list */
    e.status = POST_DRAFT;
    assert_rc(store_post_update(d, &e, NOW + 60), DB_OK);
    assert_rc(store_posts_published(d, a, 0, 10, false, &l, &n, &total), DB_OK);
    assert_int_equal(total, 0);
    assert_int_equal(n, 0);
    assert_rc(store_post_by_slug(d, a, "annan", &g), DB_OK);
    assert_str(g->title, "Annan");
}

/* ------------------------------------------------------------------ */
/* comments                                                            */

static void comments_moderation(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    int64_t mod = mkuser(d, "mod@example.se", "Moderator");
    int64_t post = mkpost(d, "mote", "Möte i Drottninghög", POST_PUBLISHED, NOW, NOW);
    int64_t other = mkpost(d, "annat", "Annat", POST_PUBLISHED, NOW, NOW);
    int64_t c1 = mkcomment(d, post, "Åke Ström", "ake@example.se",
                           "Tack för mötet – vi ses på Söder!", 0, NOW + 1);
    int64_t c2 = mkcomment(d, post, "Spam", "spam@example.se", "Köp billigt", 0, NOW + 2);
    int64_t c3 = mkcomment(d, post, "Märta", "marta@example.se", "Bra initiativ", 0, NOW + 3);
    int64_t c4 = mkcomment(d, other, "Örjan", "orjan@example.se", "Hej", 0, NOW + 4);

    struct comment *l = NULL;
    size_t n = 0;
    assert_rc(store_comments_pending(d, a, &l, &n), DB_OK);
    assert_int_equal(n, 4);
    assert_int_equal(l[0].id, c1);
    assert_int_equal(l[0].post_id, post);
    assert_str(l[0].name, "Åke Ström");
    assert_str(l[0].email, "ake@example.se");
    assert_str(l[0].body, "Tack för mötet – vi ses på Söder!");
    assert_str(l[0].post_title, "Möte i Drottninghög");
    assert_str(l[0].post_slug, "mote");
    assert_int_equal(l[0].status, COMMENT_PENDING);
    assert_int_equal(l[0].created_at, NOW + 1);
    assert_int_equal(l[3].id, c4);
    assert_str(l[3].post_slug, "annat");

    assert_rc(store_comments_approved(d, a, post, 0, COMMENTS_PER_PAGE, &l, &n), DB_OK);
    assert_int_equal(n, 0);

    assert_rc(store_comment_moderate(d, c1, COMMENT_APPROVED, mod, NOW + 10), DB_OK);
    struct post *p = NULL;
    assert_rc(store_post_by_slug(d, a, "mote", &p), DB_OK);
    assert_int_equal(p->comment_count, 1);

    /* a second decision on the same comment changes nothing */
    assert_rc(store_comment_moderate(d, c1, COMMENT_APPROVED, mod, NOW + 11), DB_CONFLICT);
    assert_rc(store_comment_moderate(d, c1, COMMENT_REJECTED, mod, NOW + 12), DB_CONFLICT);
    assert_rc(store_post_by_slug(d, a, "mote", &p), DB_OK);
    assert_int_equal(p->comment_count, 1);

    assert_rc(store_comment_moderate(d, c2, COMMENT_REJECTED, mod, NOW + 13), DB_OK);
    assert_rc(store_comment_moderate(d, c2, COMMENT_APPROVED, mod, NOW + 14), DB_CONFLICT);
    assert_rc(store_post_by_slug(d, a, "mote", &p), DB_OK);
    assert_int_equal(p->comment_count, 1);
    assert_rc(store_comment_moderate(d, c4 + 1000, COMMENT_APPROVED, mod, NOW), DB_NOTFOUND);

    assert_rc(store_comment_moderate(d, c3, COMMENT_APPROVED, mod, NOW + 15), DB_OK);
    assert_rc(store_post_by_slug(d, a, "mote", &p), DB_OK);
    assert_int_equal(p->comment_count, 2);
    assert_rc(store_post_by_slug(d, a, "annat", &p), DB_OK);
    assert_int_equal(p->comment_count, 0);

    assert_rc(store_comments_approved(d, a, post, 0, COMMENTS_PER_PAGE, &l, &n), DB_OK);
    assert_int_equal(n, 2);
    assert_int_equal(l[0].id, c1);
    assert_int_equal(l[0].status, COMMENT_APPROVED);
    assert_str(l[0].name, "Åke Ström");
    assert_str(l[0].body, "Tack för mötet – vi ses på Söder!");
    assert_int_equal(l[1].id, c3);
    /* a page of them: offset and limit */
    assert_rc(store_comments_approved(d, a, post, 1, 1, &l, &n), DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(l[0].id, c3);
    assert_rc(store_comments_approved(d, a, post, 2, COMMENTS_PER_PAGE, &l, &n), DB_OK);
    assert_int_equal(n, 0);

    assert_rc(store_comments_pending(d, a, &l, &n), DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(l[0].id, c4);

    /* the published list carries the count too */
    struct post *pl = NULL;
    int64_t total = 0;
    assert_rc(store_posts_published(d, a, 0, 10, false, &pl, &n, &total), DB_OK);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(pl[i].comment_count, pl[i].id == post ? 2 : 0);

    /* a comment on a post that does not exist */
    struct comment c = {.post_id = other + 1000, .name = "X", .email = "x@example.se",
                        .body = "x"};
    int64_t id = 0;
    assert_rc(store_comment_create(d, &c, "h", 0, NOW, &id), DB_CONSTRAINT);
}

/* ------------------------------------------------------------------ */
/* transactions                                                        */

struct tx_probe {
    int calls;
    int fail_times;      /* return DB_RETRY this many times first */
    enum db_rc final;    /* then return this */
};

static enum db_rc tx_body(db *d, void *ctx)
{
    struct tx_probe *t = ctx;
    t->calls++;
    char key[32];
    snprintf(key, sizeof key, "attempt-%d", t->calls);
    enum db_rc rc = store_setting_init(d, key, "x");
    if (rc != DB_OK) return rc;
    if (t->calls <= t->fail_times) return DB_RETRY;
    return t->final;
}

static enum db_rc setting_then_nonce(db *d, void *ctx)
{
    (void)ctx;
    enum db_rc rc = store_setting_init(d, "before-nonce", "x");
    if (rc != DB_OK) return rc;
    return store_nonce_use(d, "taken", NOW);
}

static void tx_commits_and_rolls_back(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    char *v = NULL;

    struct tx_probe ok = {0, 0, DB_OK};
    assert_rc(db_tx(d, true, tx_body, &ok), DB_OK);
    assert_int_equal(ok.calls, 1);
    assert_rc(store_setting_get(d, a, "attempt-1", &v), DB_OK);
    assert_rc(db_exec(d, "DELETE FROM settings"), DB_OK);

    struct tx_probe err = {0, 0, DB_ERR};
    assert_rc(db_tx(d, true, tx_body, &err), DB_ERR);
    assert_int_equal(err.calls, 1);
    assert_rc(store_setting_get(d, a, "attempt-1", &v), DB_NOTFOUND);

    struct tx_probe nf = {0, 0, DB_NOTFOUND};
    assert_rc(db_tx(d, true, tx_body, &nf), DB_NOTFOUND);
    assert_rc(store_setting_get(d, a, "attempt-1", &v), DB_NOTFOUND);

    /* retried on DB_RETRY; only the last attempt's writes remain */
    struct tx_probe retry = {0, 2, DB_OK};
    assert_rc(db_tx(d, true, tx_body, &retry), DB_OK);
    assert_int_equal(retry.calls, 3);
    assert_rc(store_setting_get(d, a, "attempt-1", &v), DB_NOTFOUND);
    assert_rc(store_setting_get(d, a, "attempt-2", &v), DB_NOTFOUND);
    assert_rc(store_setting_get(d, a, "attempt-3", &v), DB_OK);
    assert_int_equal(count_rows(d, "SELECT COUNT(*) FROM settings"), 1);
    assert_rc(db_exec(d, "DELETE FROM settings"), DB_OK);

    /* a read transaction too */
    struct tx_probe rd = {0, 1, DB_OK};
    assert_rc(db_tx(d, false, tx_body, &rd), DB_OK);
    assert_int_equal(rd.calls, 2);
    assert_int_equal(count_rows(d, "SELECT COUNT(*) FROM settings"), 1);
    assert_rc(db_exec(d, "DELETE FROM settings"), DB_OK);

    /* a constraint failure inside rolls back what came before it */
    assert_rc(store_nonce_use(d, "taken", NOW), DB_OK);
    assert_rc(db_tx(d, true, setting_then_nonce, NULL), DB_CONSTRAINT);
    assert_rc(store_setting_get(d, a, "before-nonce", &v), DB_NOTFOUND);
    assert_int_equal(count_rows(d, "SELECT COUNT(*) FROM settings"), 0);
}

static enum db_rc always_retry(db *d, void *ctx)
{
    (void)d;
    (*(int *)ctx)++;
    return DB_RETRY;
}

static void tx_gives_up_eventually(void **state)
{
    db *d = ENGINE(state);
    int calls = 0;
    assert_rc(db_tx(d, true, always_retry, &calls), DB_RETRY);
    assert_true(calls > 1);
    assert_true(calls < 100);
    /* the connection is usable afterwards, outside any transaction */
    assert_rc(store_nonce_use(d, "after", NOW), DB_OK);
    struct tx_probe ok = {0, 0, DB_OK};
    assert_rc(db_tx(d, true, tx_body, &ok), DB_OK);
}

static enum db_rc nested_outer(db *d, void *ctx)
{
    struct tx_probe *inner = ctx;
    enum db_rc rc = store_setting_init(d, "outer", "1");
    if (rc != DB_OK) return rc;
    rc = db_tx(d, true, tx_body, inner); /* joins: no BEGIN inside BEGIN */
    if (rc != DB_OK) return rc;
    return DB_ERR; /* and the outer failure undoes the inner writes too */
}

static void tx_nested_joins_outer(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    char *v = NULL;
    struct tx_probe inner = {0, 0, DB_OK};
    assert_rc(db_tx(d, true, nested_outer, &inner), DB_ERR);
    assert_int_equal(inner.calls, 1);
    assert_rc(store_setting_get(d, a, "outer", &v), DB_NOTFOUND);
    assert_rc(store_setting_get(d, a, "attempt-1", &v), DB_NOTFOUND);
}

/* ------------------------------------------------------------------ */
/* concurrency: each thread its own connection                         */

enum { THREADS = 4, HITS_PER_THREAD = 40 };

struct hammer {
    const char *url;
    bool in_tx;        /* through db_tx, or a bare call as src/web/ makes it */
    pthread_barrier_t *start;
    int ok, failed;
    int64_t max_seen;
};

struct hit_ctx {
    int64_t now, hits;
};

static enum db_rc hit_tx(db *d, void *ctx)
{
    struct hit_ctx *h = ctx;
    return store_rate_hit(d, "shared-bucket", h->now, 3600, &h->hits);
}

static void *hammer_thread(void *arg)
{
    struct hammer *h = arg;
    const char *err = NULL;
    db *d = db_open(h->url, &err);
    pthread_barrier_wait(h->start);
    if (!d) {
        h->failed = HITS_PER_THREAD;
        return NULL;
    }
    for (int i = 0; i < HITS_PER_THREAD; i++) {
        struct hit_ctx c = {NOW + 1, 0};
        enum db_rc rc = h->in_tx ? db_tx(d, true, hit_tx, &c) : hit_tx(d, &c);
        if (rc == DB_OK) {
            h->ok++;
            if (c.hits > h->max_seen) h->max_seen = c.hits;
        } else {
            h->failed++;
        }
    }
    db_close(d);
    return NULL;
}

static void hammer_rate(struct engine *e, bool in_tx)
{
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, THREADS);
    struct hammer hs[THREADS];
    pthread_t th[THREADS];
    for (int i = 0; i < THREADS; i++) {
        hs[i] = (struct hammer){e->t.url, in_tx, &start, 0, 0, 0};
        assert_int_equal(pthread_create(&th[i], NULL, hammer_thread, &hs[i]), 0);
    }
    int ok = 0, failed = 0;
    int64_t max_seen = 0;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(th[i], NULL);
        ok += hs[i].ok;
        failed += hs[i].failed;
        if (hs[i].max_seen > max_seen) max_seen = hs[i].max_seen;
    }
    pthread_barrier_destroy(&start);
    int64_t hits = -1;
    assert_rc(store_rate_peek(e->d, "shared-bucket", NOW + 2, 3600, &hits), DB_OK);
    assert_int_equal(failed, 0);
    assert_int_equal(ok, THREADS * HITS_PER_THREAD);
    assert_int_equal(hits, ok);
    assert_int_equal(max_seen, hits);
}

static void concurrent_rate_hits_are_exact(void **state)
{
    hammer_rate(*state, true);
}

/* src/web/ calls store_rate_hit outside any transaction: every hit counts
 * there too (a lost sign-in failure is a free password guess). */
static void concurrent_bare_rate_hits_are_exact(void **state)
{
    hammer_rate(*state, false);
}

struct approver {
    const char *url;
    pthread_barrier_t *start;
    const int64_t *ids;
    int n;
    int ok, notfound, other;
    int64_t by;
};

static void *approver_thread(void *arg)
{
    struct approver *ap = arg;
    const char *err = NULL;
    db *d = db_open(ap->url, &err);
    pthread_barrier_wait(ap->start);
    if (!d) {
        ap->other = ap->n;
        return NULL;
    }
    for (int i = 0; i < ap->n; i++) {
        enum db_rc rc = store_comment_moderate(d, ap->ids[i], COMMENT_APPROVED, ap->by, NOW + 5);
        if (rc == DB_OK) ap->ok++;
        else if (rc == DB_CONFLICT) ap->notfound++; /* the other moderator was first */
        else ap->other++;
    }
    db_close(d);
    return NULL;
}

/* Two moderators approve the same comments at the same time: each comment
 * is counted once. */
static void concurrent_approvals_count_once(void **state)
{
    struct engine *e = *state;
    db *d = e->d;
    arena *a = ARENA(state);
    int64_t mod = mkuser(d, "mod@example.se", "Moderator");
    int64_t post = mkpost(d, "mote", "Möte", POST_PUBLISHED, NOW, NOW);
    enum { N = 12 };
    int64_t ids[N];
    for (int i = 0; i < N; i++)
        ids[i] = mkcomment(d, post, "Namn", "n@example.se", "Text", 0, NOW + i);
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, 2);
    struct approver ap[2];
    pthread_t th[2];
    for (int i = 0; i < 2; i++) {
        ap[i] = (struct approver){e->t.url, &start, ids, N, 0, 0, 0, mod};
        assert_int_equal(pthread_create(&th[i], NULL, approver_thread, &ap[i]), 0);
    }
    for (int i = 0; i < 2; i++) pthread_join(th[i], NULL);
    pthread_barrier_destroy(&start);
    assert_int_equal(ap[0].other + ap[1].other, 0);
    assert_int_equal(ap[0].ok + ap[1].ok, N);
    assert_int_equal(ap[0].notfound + ap[1].notfound, N);
    struct post *p = NULL;
    assert_rc(store_post_by_slug(d, a, "mote", &p), DB_OK);
    assert_int_equal(p->comment_count, N);
}

/* Several servers start at once on an empty database: each migrates. */
struct migrator {
    const char *url;
    pthread_barrier_t *start;
    enum db_rc rc;
    int applied;
};

static void *migrate_thread(void *arg)
{
    struct migrator *m = arg;
    const char *err = NULL;
    db *d = db_open(m->url, &err);
    if (!d) fprintf(stderr, "migrator: db_open: %s\n", err ? err : "?");
    pthread_barrier_wait(m->start);
    m->rc = d ? store_migrate(d, &m->applied) : DB_ERR;
    db_close(d);
    return NULL;
}

/* A new empty database next to the test's own; returns its URL. */
static char *fresh_database(struct engine *e, int round)
{
    char name[96];
    if (db_dialect(e->d) == DB_SQLITE) {
        size_t n = strlen(e->t.dir) + 32;
        char *url = malloc(n);
        snprintf(url, n, "%s/mig%d.db", e->t.dir, round);
        return url;
    }
    snprintf(name, sizeof name, "%s_mig%d", e->t.dbname, round);
    const char *err = NULL;
    db *admin = db_open(e->t.admin, &err);
    if (!admin) return NULL;
    char sql[200];
    snprintf(sql, sizeof sql, "CREATE DATABASE %s ENCODING 'UTF8' TEMPLATE template0", name);
    enum db_rc rc = db_exec(admin, sql);
    db_close(admin);
    return rc == DB_OK ? url_with_db(e->t.admin, name) : NULL;
}

static void drop_database(struct engine *e, char *url, int round)
{
    if (db_dialect(e->d) == DB_SQLITE) {
        const char *suffix[] = {"", "-wal", "-shm"};
        for (int i = 0; i < 3; i++) {
            char path[160];
            snprintf(path, sizeof path, "%s%s", url, suffix[i]);
            unlink(path);
        }
    } else {
        const char *err = NULL;
        db *admin = db_open(e->t.admin, &err);
        if (admin) {
            char sql[200];
            snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s_mig%d WITH (FORCE)", e->t.dbname,
                     round);
            db_exec(admin, sql);
            db_close(admin);
        }
    }
    free(url);
}

static void concurrent_migrations(void **state)
{
    struct engine *e = *state;
    size_t files = 0;
    for (size_t i = 0; i < embedded_count; i++)
        if (strncmp(embedded_files[i].name, "src/store/migrations/", 21) == 0) files++;
    enum { M = 3, ROUNDS = 3 };
    char failures[512] = "";
    for (int round = 0; round < ROUNDS; round++) {
        char *url = fresh_database(e, round);
        assert_non_null(url);
        pthread_barrier_t start;
        pthread_barrier_init(&start, NULL, M);
        struct migrator ms[M];
        pthread_t th[M];
        for (int i = 0; i < M; i++) {
            ms[i] = (struct migrator){url, &start, DB_ERR, 0};
            pthread_create(&th[i], NULL, migrate_thread, &ms[i]);
        }
        int applied = 0;
        for (int i = 0; i < M; i++) {
            pthread_join(th[i], NULL);
            applied += ms[i].applied;
            if (ms[i].rc != DB_OK)
                snprintf(failures + strlen(failures), sizeof failures - strlen(failures),
                         " round %d migrator %d: %s;", round, i, testutil_rc_name(ms[i].rc));
        }
        pthread_barrier_destroy(&start);
        if ((size_t)applied != files)
            snprintf(failures + strlen(failures), sizeof failures - strlen(failures),
                     " round %d: %d migrations applied in all, want %zu;", round, applied, files);
        const char *err = NULL;
        db *d = db_open(url, &err);
        assert_non_null(d);
        int v = store_schema_version(d);
        db_close(d);
        drop_database(e, url, round);
        if (v < 1)
            snprintf(failures + strlen(failures), sizeof failures - strlen(failures),
                     " round %d: schema version %d;", round, v);
    }
    if (*failures) fail_msg("concurrent store_migrate on %s:%s", e->t.name, failures);
}

/* ------------------------------------------------------------------ */
/* the connection itself                                               */

static void db_binds_and_columns(void **state)
{
    db *d = ENGINE(state);
    static const char Q[] = "SELECT ?, ?, ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, INT64_MAX);
    db_bind_text(st, 2, "åäö ÅÄÖ – ✓");
    db_bind_text(st, 3, NULL);
    assert_rc(db_step(st), DB_ROW);
    assert_true(db_col_int(st, 0) == INT64_MAX);
    assert_str(db_col_text(st, 1), "åäö ÅÄÖ – ✓");
    assert_true(db_col_null(st, 2));
    assert_str(db_col_text(st, 2), "");
    assert_false(db_col_null(st, 1));
    assert_rc(db_step(st), DB_DONE);
    db_done(st);

    /* the cached statement is reused with new values */
    st = db_prepare(d, Q);
    db_bind_int(st, 1, -42);
    db_bind_text(st, 2, "två");
    db_bind_text(st, 3, "tre");
    assert_rc(db_step(st), DB_ROW);
    assert_true(db_col_int(st, 0) == -42);
    assert_str(db_col_text(st, 1), "två");
    assert_str(db_col_text(st, 2), "tre");
    db_done(st);

    /* a broken statement reports DB_ERR and leaves the connection usable */
    static const char BAD[] = "SELEKT nothing";
    assert_rc(db_run(db_prepare(d, BAD)), DB_ERR);
    assert_rc(store_nonce_use(d, "still-works", NOW), DB_OK);

    const char *err = NULL;
    assert_null(db_open("/nonexistent-dir/x/y.db", &err));
    assert_non_null(err);
}

/* ------------------------------------------------------------------ */

#define T(f) cmocka_unit_test_setup_teardown(f, wipe, free_arena)

/* ------------------------------------------------------------------ */
/* requests to represent an organisation; a person's export (issue 8)  */

static void org_requests_wait_once_and_are_decided_once(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    int64_t u = mkuser(d, "vera@example.se", "Vera Verdandisson");
    int64_t o = mkorg(d, "verdandi", "Verdandi", ORG_FORENING, SECTOR_IDEELL, 0);
    int64_t id = 0, id2 = 0;
    assert_rc(store_org_request_add(d, o, u, "Jag leder läxhjälpen.", NOW, &id), DB_OK);
    assert_rc(store_org_request_add(d, o, u, "", NOW, &id2), DB_CONSTRAINT); /* one waiting */
    struct org_request *list = NULL;
    size_t n = 0;
    assert_rc(store_org_requests_waiting(d, a, o, &list, &n), DB_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].user_name, "Vera Verdandisson");
    assert_string_equal(list[0].org_name, "Verdandi");
    assert_rc(store_org_request_decide(d, id, false, u, NOW), DB_OK);
    assert_rc(store_org_request_decide(d, id, true, u, NOW), DB_CONFLICT); /* decided already */
    assert_rc(store_org_requests_waiting(d, a, 0, &list, &n), DB_OK);
    assert_int_equal(n, 0);
    /* declined: she may ask again */
    assert_rc(store_org_request_add(d, o, u, "", NOW, &id2), DB_OK);
    assert_rc(store_org_requests_of(d, a, u, &list, &n), DB_OK);
    assert_int_equal(n, 2);
    assert_string_equal(list[1].status, "avslagen");
    db_exec(d, "DELETE FROM org_requests");
}

static const struct export_part *part(const struct export_part *p, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(p[i].key, key) == 0) return &p[i];
    fail_msg("no export part %s", key);
    return NULL;
}

static bool export_mentions(const struct export_part *p, size_t n, const char *text)
{
    for (size_t i = 0; i < n; i++)
        for (size_t c = 0; c < p[i].nrows * p[i].ncols; c++)
            if (p[i].cells[c] && strstr(p[i].cells[c], text)) return true;
    return false;
}

static void export_holds_the_person_and_nobody_else(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    int64_t u = mkuser(d, "anna@example.se", "Anna Andersson");
    int64_t v = mkuser(d, "bertil@example.se", "Bertil Berg");
    int64_t o = mkorg(d, "verdandi", "Verdandi", ORG_FORENING, SECTOR_IDEELL, 0);
    int64_t id = 0;
    assert_rc(store_org_request_add(d, o, u, "Annas meddelande", NOW, &id), DB_OK);
    assert_rc(store_org_request_add(d, o, v, "Bertils meddelande", NOW, &id), DB_OK);
    assert_rc(store_notify(d, u, "Till Anna", "/a", NOW), DB_OK);
    assert_rc(store_notify(d, v, "Till Bertil", "/b", NOW), DB_OK);
    assert_rc(store_outbox_add(d, v, "bertil@example.se", "Bertil Berg", "Hej", "Text", NOW), DB_OK);
    assert_rc(store_audit(d, NOW, v, "roll.ge", "user:999", "coach"), DB_OK);
    struct export_part *p = NULL;
    size_t n = 0;
    assert_rc(store_person_export(d, a, u, "anna@example.se", &p, &n), DB_OK);
    assert_true(n >= 20);
    assert_string_equal(part(p, n, "konto")->cells[1], "anna@example.se");
    assert_int_equal(part(p, n, "forfragningar")->nrows, 1);
    assert_int_equal(part(p, n, "aviseringar")->nrows, 1);
    assert_true(export_mentions(p, n, "Annas meddelande"));
    assert_false(export_mentions(p, n, "bertil@example.se"));
    assert_false(export_mentions(p, n, "Bertil"));
    assert_false(export_mentions(p, n, "hash-of-"));
    db_exec(d, "DELETE FROM org_requests");
    db_exec(d, "DELETE FROM notifications");
    db_exec(d, "DELETE FROM outbox");
}

/* ------------------------------------------------------------------ */
/* one action, one transaction; stored names; snapshots (issue 7)      */

static int64_t count_of(db *d, const char *sql)
{
    int64_t v = -1;
    assert_rc(db_one_int(db_prepare(d, sql), &v), DB_OK);
    return v;
}

struct action_writes {
    int64_t user;
};

/* What a decision writes besides its state change: a notice, an e-mail
 * and an audit row, as web/action.c runs them. */
static enum db_rc action_writes_tx(db *d, void *ctx)
{
    struct action_writes *w = ctx;
    enum db_rc rc = store_notify(d, w->user, "Beslut", "/ideer/1", NOW);
    if (rc == DB_OK) rc = store_outbox_add(d, w->user, "a@example.se", "A", "Beslut", "Text", NOW);
    if (rc == DB_OK) rc = store_audit(d, NOW, w->user, "utlagg.godkand", "claim:1", "");
    if (rc == DB_OK) rc = store_role_grant(d, w->user, ROLE_KOORDINATOR, 0, NOW);
    return rc;
}

static void faults_leave_nothing_of_the_action(void **state)
{
    db *d = ENGINE(state);
    int64_t u = mkuser_at(d, "fel@example.se", "Fel Felsson", 0, NOW);
    struct action_writes w = {u};
    setenv("SAMSKAP_TEST_MODE", "1", 1);
    static const char *const points[] = {"audit", "outbox", "notification"};
    for (size_t k = 0; k < 3; k++) {
        store_fault_set(points[k]);
        assert_rc(db_tx(d, true, action_writes_tx, &w), DB_ERR);
        assert_true(store_fault_fired());
        assert_int_equal(count_of(d, "SELECT COUNT(*) FROM notifications"), 0);
        assert_int_equal(count_of(d, "SELECT COUNT(*) FROM outbox"), 0);
        assert_int_equal(count_of(d, "SELECT COUNT(*) FROM audit_log"), 0);
        assert_int_equal(count_of(d, "SELECT COUNT(*) FROM user_roles"), 0);
    }
    /* outside test mode the switch does nothing */
    store_fault_set("audit");
    unsetenv("SAMSKAP_TEST_MODE");
    assert_false(store_fault("audit"));
    setenv("SAMSKAP_TEST_MODE", "1", 1);
    store_fault_set(NULL); /* cleared: trying again works */
    assert_rc(db_tx(d, true, action_writes_tx, &w), DB_OK);
    assert_false(store_fault_fired());
    assert_int_equal(count_of(d, "SELECT COUNT(*) FROM notifications"), 1);
    assert_int_equal(count_of(d, "SELECT COUNT(*) FROM outbox"), 1);
    assert_int_equal(count_of(d, "SELECT COUNT(*) FROM audit_log"), 1);
    assert_int_equal(count_of(d, "SELECT COUNT(*) FROM user_roles"), 1);
    db_exec(d, "DELETE FROM notifications");
    db_exec(d, "DELETE FROM outbox");
    unsetenv("SAMSKAP_TEST_MODE");
}

/* Drops the CHECK (PostgreSQL) or the trigger (SQLite) inside a
 * transaction the caller rolls back, so a corrupted row can be made. */
static void corrupt(db *d, const char *table, const char *column, const char *set_sql)
{
    char sql[256];
    assert_rc(db_exec(d, "BEGIN"), DB_OK);
    if (db_dialect(d) == DB_PG)
        snprintf(sql, sizeof sql, "ALTER TABLE %s DROP CONSTRAINT %s_%s_known", table, table, column);
    else
        snprintf(sql, sizeof sql, "DROP TRIGGER %s_%s_known_upd", table, column);
    assert_rc(db_exec(d, sql), DB_OK);
    assert_rc(db_exec(d, set_sql), DB_OK);
}

static void unknown_names_are_our_bug(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    int64_t u = mkuser_at(d, "namn@example.se", "Namn Namnsson", 0, NOW);
    int64_t org = mkorg(d, "forening-x", "Förening X", ORG_FORENING, SECTOR_IDEELL, 0);
    mkpost(d, "en-post", "En post", POST_PUBLISHED, NOW, NOW);
    assert_rc(store_role_grant(d, u, ROLE_KOORDINATOR, 0, NOW), DB_OK);
    struct post *p = NULL;
    struct org *o = NULL;
    unsigned roles = 0;
    assert_rc(store_post_by_slug(d, a, "en-post", &p), DB_OK);

    corrupt(d, "posts", "status", "UPDATE posts SET status = 'arkiverad'");
    assert_rc(store_post_by_slug(d, a, "en-post", &p), DB_ERR);
    db_exec(d, "ROLLBACK");
    assert_rc(store_post_by_slug(d, a, "en-post", &p), DB_OK);

    corrupt(d, "organisations", "kind", "UPDATE organisations SET kind = 'sekt'");
    assert_rc(store_org_by_id(d, a, org, &o), DB_ERR);
    db_exec(d, "ROLLBACK");
    assert_rc(store_org_by_id(d, a, org, &o), DB_OK);

    corrupt(d, "user_roles", "role", "UPDATE user_roles SET role = 'kung'");
    assert_rc(store_user_roles(d, u, &roles), DB_ERR);
    db_exec(d, "ROLLBACK");
    assert_rc(store_user_roles(d, u, &roles), DB_OK);
}

static void checks_refuse_unknown_names(void **state)
{
    db *d = ENGINE(state);
    mkuser_at(d, "check@example.se", "Check Checksson", 0, NOW);
    mkorg(d, "forening-y", "Förening Y", ORG_FORENING, SECTOR_IDEELL, 0);
    mkpost(d, "post-y", "Post Y", POST_DRAFT, 0, NOW);
    assert_rc(db_exec(d, "UPDATE posts SET status = 'arkiverad'"), DB_CONSTRAINT);
    assert_rc(db_exec(d, "INSERT INTO posts(slug, title, summary, body_md, body_html, author_id, "
                         "author_name, status, published_at, created_at, updated_at) "
                         "SELECT 'z', 'Z', '', '', '', id, 'A', 'x', 0, 0, 0 FROM users LIMIT 1"),
              DB_CONSTRAINT);
    assert_rc(db_exec(d, "UPDATE organisations SET sector = 'hemlig'"), DB_CONSTRAINT);
    assert_rc(db_exec(d, "INSERT INTO user_roles(user_id, role, granted_at) "
                         "SELECT id, 'kung', 0 FROM users LIMIT 1"),
              DB_CONSTRAINT);
    assert_rc(db_exec(d, "UPDATE posts SET status = 'publicerad'"), DB_OK); /* known names pass */
    /* every status and kind column has its check */
    static const char *const columns[][2] = {
        {"user_roles", "role"}, {"organisations", "kind"}, {"organisations", "sector"},
        {"posts", "status"}, {"comments", "status"}, {"projects", "status"}, {"ideas", "status"},
        {"idea_counts", "status"}, {"idea_events", "from_status"}, {"idea_events", "to_status"},
        {"claims", "status"}, {"activities", "status"}, {"meetings", "status"},
        {"agenda_items", "section"}, {"action_items", "status"}, {"topic_suggestions", "status"}};
    for (size_t k = 0; k < sizeof columns / sizeof columns[0]; k++) {
        char sql[256];
        if (db_dialect(d) == DB_PG)
            snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM pg_constraint WHERE conname = '%s_%s_known'",
                     columns[k][0], columns[k][1]);
        else
            snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' "
                                      "AND name LIKE '%s_%s_known_%%'", columns[k][0], columns[k][1]);
        int64_t want = db_dialect(d) == DB_PG ? 1 : 2;
        if (count_of(d, sql) != want) fail_msg("no check on %s.%s", columns[k][0], columns[k][1]);
    }
}

static void conflicts_and_missing_rows_differ(void **state)
{
    db *d = ENGINE(state);
    int64_t u = mkuser_at(d, "mod@example.se", "Mod Modsson", 0, NOW);
    int64_t post = mkpost(d, "post-c", "Post C", POST_PUBLISHED, NOW, NOW);
    int64_t c = mkcomment(d, post, "Kim", "kim@example.se", "En kommentar.", 0, NOW);
    assert_rc(store_comment_moderate(d, c, COMMENT_APPROVED, u, NOW), DB_OK);
    assert_rc(store_comment_moderate(d, c, COMMENT_REJECTED, u, NOW), DB_CONFLICT);
    assert_rc(store_comment_moderate(d, c + 999, COMMENT_REJECTED, u, NOW), DB_NOTFOUND);
}

static void snapshot_reads_see_one_state(void **state)
{
    struct engine *e = *state;
    db *d = e->d;
    mkuser_at(d, "snap1@example.se", "Snap Ett", 0, NOW);
    const char *err = NULL;
    db *other = db_open(e->t.url, &err);
    assert_non_null(other);
    static const char Q[] = "SELECT COUNT(*) FROM users";
    db_read_begin(d);
    assert_true(db_in_tx(d));
    int64_t before = count_of(d, Q);
    mkuser_at(other, "snap2@example.se", "Snap Två", 0, NOW); /* a concurrent change */
    db_read_begin(d); /* nested: joins */
    assert_int_equal(count_of(d, Q), before);
    db_read_end(d);
    assert_int_equal(count_of(d, Q), before);
    db_read_end(d);
    assert_false(db_in_tx(d));
    assert_int_equal(count_of(d, Q), before + 1);
    db_close(other);
}

/* A GET's request snapshot (db_request_begin, SQLite): its reads see one
 * state; its first write ends it and commits at once (no BUSY_SNAPSHOT
 * although another connection wrote since the snapshot began); nested
 * snapshots join it.  On PostgreSQL it is nothing. */
static void request_snapshot_yields_to_a_write(void **state)
{
    struct engine *e = *state;
    db *d = e->d;
    const char *err = NULL;
    db *other = db_open(e->t.url, &err);
    assert_non_null(other);
    static const char Q[] = "SELECT COUNT(*) FROM users";
    mkuser_at(d, "req1@example.se", "Req Ett", 0, NOW);
    bool sqlite = db_dialect(d) == DB_SQLITE;
    db_request_begin(d);
    assert_int_equal(db_in_tx(d), sqlite);
    int64_t before = count_of(d, Q);
    mkuser_at(other, "req2@example.se", "Req Två", 0, NOW);
    db_read_begin(d); /* a store's own snapshot joins the request's */
    assert_int_equal(count_of(d, Q), sqlite ? before : before + 1);
    db_read_end(d);
    assert_int_equal(db_in_tx(d), sqlite);
    mkuser_at(d, "req3@example.se", "Req Tre", 0, NOW); /* ends the snapshot, then writes */
    assert_false(db_in_tx(d));
    assert_int_equal(count_of(other, Q), before + 2); /* committed before the request ends */
    assert_int_equal(count_of(d, Q), before + 2);
    db_request_end(d); /* nothing left to end */
    assert_false(db_in_tx(d));
    db_close(other);
}

/* The outbox's administrators' view and retry, and the digest's once a
 * day (issue 8). */
static void outbox_requeue_and_digest_once_a_day(void **state)
{
    db *d = ENGINE(state);
    arena *a = ARENA(state);
    db_exec(d, "DELETE FROM outbox");
    int64_t u = mkuser_at(d, "dig@example.se", "Dig Digsson", 0, NOW);
    assert_rc(store_outbox_add_kind(d, "sammanfattning", u, "dig@example.se", "Dig", "Väntar", "Hemlig text", NOW), DB_OK);
    assert_rc(store_outbox_add(d, u, "dig@example.se", "Dig", "Beslut", "Hemlig text", NOW + 1), DB_OK);
    assert_rc(store_outbox_add_kind(d, "reklam", u, "dig@example.se", "Dig", "X", "Y", NOW), DB_CONSTRAINT);
    int64_t id = count_of(d, "SELECT MAX(id) FROM outbox");
    assert_rc(store_outbox_requeue(d, id, NOW, &(int64_t){0}), DB_CONFLICT); /* not failed */
    assert_rc(store_outbox_retry(d, id, NOW + 60, true, "connection refused"), DB_OK);
    struct outbox_row *list = NULL;
    size_t n = 0;
    int64_t total = 0, counts[3];
    assert_rc(store_outbox_list(d, a, OUTBOX_FAILED, 0, 10, &list, &n, &total), DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(total, 1);
    assert_int_equal(list[0].id, id);
    assert_string_equal(list[0].kind, "avisering");
    assert_string_equal(list[0].to_domain, "example.se");
    assert_string_equal(list[0].last_error, "connection refused");
    assert_rc(store_outbox_counts(d, counts), DB_OK);
    assert_int_equal(counts[OUTBOX_WAITING], 1);
    assert_int_equal(counts[OUTBOX_FAILED], 1);
    int64_t had = 0;
    assert_rc(store_outbox_requeue(d, id, NOW + 5, &had), DB_OK);
    assert_int_equal(had, 1);
    assert_int_equal(count_of(d, "SELECT COUNT(*) FROM outbox WHERE failed = 0 AND attempts = 0"), 2);
    assert_rc(store_outbox_requeue(d, id, NOW + 5, &had), DB_CONFLICT);
    assert_rc(store_outbox_requeue(d, id + 999, NOW + 5, &had), DB_NOTFOUND);
    assert_rc(store_outbox_list(d, a, OUTBOX_ANY, 0, 10, &list, &n, &total), DB_OK);
    assert_int_equal(n, 2);
    assert_int_equal(list[0].id, id); /* newest first */
    assert_string_equal(list[1].kind, "sammanfattning");

    bool on = true, claimed = false;
    int64_t *ids = NULL;
    assert_rc(store_digest_get(d, u, &on), DB_OK);
    assert_false(on); /* off by default */
    assert_rc(store_digest_due(d, a, "2026-01-02", &ids, &n), DB_OK);
    assert_int_equal(n, 0);
    assert_rc(store_digest_set(d, u, true, NOW), DB_OK);
    assert_rc(store_digest_set(d, u, true, NOW), DB_OK); /* twice: still one */
    assert_rc(store_digest_get(d, u, &on), DB_OK);
    assert_true(on);
    assert_rc(store_digest_due(d, a, "2026-01-02", &ids, &n), DB_OK);
    assert_int_equal(n, 1);
    assert_rc(store_digest_claim(d, u, "2026-01-02", &claimed), DB_OK);
    assert_true(claimed);
    assert_rc(store_digest_claim(d, u, "2026-01-02", &claimed), DB_OK);
    assert_false(claimed); /* once a day */
    assert_rc(store_digest_due(d, a, "2026-01-02", &ids, &n), DB_OK);
    assert_int_equal(n, 0);
    assert_rc(store_digest_claim(d, u, "2026-01-03", &claimed), DB_OK);
    assert_true(claimed); /* the next day */
    assert_rc(store_digest_set(d, u, false, NOW), DB_OK);
    assert_rc(store_digest_get(d, u, &on), DB_OK);
    assert_false(on);
    db_exec(d, "DELETE FROM outbox");
}

int main(void)
{
    log_set_quiet(1);
    const struct CMUnitTest tests[] = {
        T(migrate_is_idempotent),
        T(settings_never_overwrite),
        T(users_create_and_find),
        T(users_duplicate_email_is_constraint),
        T(roles_grant_revoke),
        T(users_list_search_and_paging),
        T(users_search_wildcards_are_literal),
        T(users_erase),
        T(sessions_lifecycle),
        T(sessions_sign_out_elsewhere),
        T(rate_limit_windows),
        T(nonces_once),
        T(audit_log_newest_first),
        T(orgs_create_and_find),
        T(orgs_update),
        T(orgs_list_filters),
        T(orgs_directory_in_swedish_order),
        T(orgs_search_wildcards_are_literal),
        T(orgs_members_and_representatives),
        T(posts_create_and_read),
        T(posts_published_paging_and_order),
        T(posts_update_and_publish),
        T(comments_moderation),
        T(tx_commits_and_rolls_back),
        T(tx_gives_up_eventually),
        T(tx_nested_joins_outer),
        T(faults_leave_nothing_of_the_action),
        T(org_requests_wait_once_and_are_decided_once),
        T(export_holds_the_person_and_nobody_else),
        T(unknown_names_are_our_bug),
        T(checks_refuse_unknown_names),
        T(conflicts_and_missing_rows_differ),
        T(snapshot_reads_see_one_state),
        T(request_snapshot_yields_to_a_write),
        T(outbox_requeue_and_digest_once_a_day),
        T(concurrent_rate_hits_are_exact),
        T(concurrent_bare_rate_hits_are_exact),
        T(concurrent_approvals_count_once),
        T(concurrent_migrations),
        T(db_binds_and_columns),
    };
    int failed = cmocka_run_group_tests_name("store/sqlite", tests, setup_sqlite, teardown_sqlite);
    if (getenv("SAMSKAP_TEST_PG_URL") && *getenv("SAMSKAP_TEST_PG_URL"))
        failed += cmocka_run_group_tests_name("store/postgresql", tests, setup_pg, teardown_pg);
    else
        printf("store/postgresql: skipped (SAMSKAP_TEST_PG_URL is not set)\n");
    return failed;
}
