/* Thin wrappers over libsodium: random tokens, hashes for stored tokens,
 * HMAC for CSRF tokens, argon2id passwords. */
#ifndef SAMSKAP_CRYPTO_H
#define SAMSKAP_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>

#include "util/mem.h"

bool crypto_init(void);

/* n random bytes as URL-safe base64 without padding. */
char *random_token(arena *a, size_t n);

/* Hex of BLAKE2b-256(s): how session tokens are stored. */
char *token_hash(arena *a, const char *s);

/* URL-safe base64 of HMAC-SHA256(key, msg). */
char *hmac_token(arena *a, const unsigned char key[32], const char *msg);

/* Constant-time string comparison. */
bool secure_equal(const char *a, const char *b);

/* argon2id, m = 19 MiB, t = 2 (OWASP).  At most PASSWORD_CONCURRENCY
 * hashes run at once; others wait, which bounds the server's memory.  The
 * server checks sign-in passwords on its own hashing threads
 * (http/hashq.h), never on a worker thread. */
enum { PASSWORD_CONCURRENCY = 2 };
char *password_hash(arena *a, const char *password);   /* NULL on failure */
bool password_verify(const char *hash, const char *password);
/* A fixed hash of a random password, verified against when an account does
 * not exist so that the answer takes as long either way. */
const char *password_dummy_hash(void);

#endif
