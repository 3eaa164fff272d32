/* Storage of one-time form keys (store/nonces.c) — a form submitted twice acts once.
 * Part of the storage interface; store/store.h says what every function
 * returns. */
#ifndef SAMSKAP_STORE_NONCES_H
#define SAMSKAP_STORE_NONCES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "util/mem.h"

/* DB_OK the first time a key is used, DB_CONSTRAINT after that (without
 * a violation, so a transaction it runs in stays usable).  Run inside the
 * action's transaction, the key is taken only if the action commits. */
enum db_rc store_nonce_use(db *d, const char *nonce, int64_t now);

#endif
