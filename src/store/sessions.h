/* Storage of sessions (store/sessions.c).
 * Part of the storage interface; store/store.h says what every function
 * returns. */
#ifndef SAMSKAP_STORE_SESSIONS_H
#define SAMSKAP_STORE_SESSIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/user.h"
#include "store/db.h"
#include "util/mem.h"

enum { SESSION_LIFETIME = 30 * 24 * 3600 };
enum db_rc store_session_create(db *d, const char *token_hash, int64_t user_id, int64_t now);
/* The signed-in user of a live session, with roles. */
enum db_rc store_session_user(db *d, arena *a, const char *token_hash, int64_t now,
                              struct user **u);
enum db_rc store_session_delete(db *d, const char *token_hash);
/* Signs a user out everywhere except the session except_hash (may be NULL). */
enum db_rc store_sessions_delete_user(db *d, int64_t user_id, const char *except_hash);
enum db_rc store_sessions_purge(db *d, int64_t now);

#endif
