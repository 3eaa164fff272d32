/* Sessions (cookie "sid") and CSRF tokens.
 *
 * CSRF: a form carries _csrf = HMAC(secret, session token) when signed in,
 * or HMAC(secret, the random "csrf" cookie) when not (a signed double-
 * submit cookie).  The secret is made once and kept in the database, so
 * every server process agrees on it. */
#ifndef SAMSKAP_SESSION_H
#define SAMSKAP_SESSION_H

#include <stdbool.h>

#include "http/req.h"

/* Loads (or creates) the shared secret.  Call once at start. */
bool security_init(db *d);

void session_load(req *r);
/* Signs user_id in: a new session and cookie (a fresh token, so that a
 * token planted before sign-in is worthless). */
bool session_start(req *r, int64_t user_id);
void session_end(req *r);

bool csrf_check(req *r);

/* A hash of the client address with the secret: enough to rate-limit and
 * spot abuse, without storing anyone's address. */
const char *client_hash(req *r);

#endif
