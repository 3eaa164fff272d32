/* One-time form keys: a form carries a random key; the first submission
 * records it, a second one (a double click, a reload) finds it taken. */
#include "store/store.h"

enum db_rc store_nonce_use(db *d, const char *nonce, int64_t now)
{
    /* DO NOTHING rather than a unique violation: inside an action's
     * transaction a violation would abort it on PostgreSQL */
    static const char Q[] = "INSERT INTO form_nonces(nonce, used_at) VALUES (?, ?) ON CONFLICT (nonce) DO NOTHING";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, nonce);
    db_bind_int(st, 2, now);
    int64_t changed = 0;
    enum db_rc rc = db_run_changes(st, &changed);
    if (rc == DB_OK && changed == 0) return DB_CONSTRAINT;
    return rc;
}
