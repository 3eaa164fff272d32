/* Key/value settings shared by every server process (the CSRF secret). */
#include "store/store.h"

enum db_rc store_setting_get(db *d, arena *a, const char *key, char **value)
{
    static const char Q[] = "SELECT value FROM settings WHERE key = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, key);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *value = arena_strdup(a, db_col_text(st, 0));
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_NOTFOUND;
    }
    db_done(st);
    return rc;
}

enum db_rc store_setting_init(db *d, const char *key, const char *value)
{
    static const char Q[] =
        "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, key);
    db_bind_text(st, 2, value);
    return db_run(st);
}
