/* One-time form keys: a form carries a random key; the first submission
 * records it, a second one (a double click, a reload) finds it taken. */
#include "store/store.h"

enum db_rc store_nonce_use(db *d, const char *nonce, int64_t now)
{
    static const char Q[] = "INSERT INTO form_nonces(nonce, used_at) VALUES (?, ?)";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, nonce);
    db_bind_int(st, 2, now);
    return db_run(st);
}
