#include "util/crypto.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

#include "util/log.h"

static pthread_mutex_t hash_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hash_cond = PTHREAD_COND_INITIALIZER;
static int hashing;
static char dummy[crypto_pwhash_STRBYTES];

/* argon2id with OWASP's first recommendation, m = 19 MiB, t = 2, p = 1
 * (libsodium's "interactive" level takes 64 MiB per hash, which alone is
 * more than the server's whole memory target).  A stored hash carries its
 * own parameters, so older 64 MiB hashes still verify. */
#define PW_OPSLIMIT 2ULL
#define PW_MEMLIMIT ((size_t)19 * 1024 * 1024)

bool crypto_init(void)
{
    if (sodium_init() < 0) return false;
    return true;
}

char *random_token(arena *a, size_t n)
{
    unsigned char raw[64];
    if (n > sizeof raw) n = sizeof raw;
    randombytes_buf(raw, n);
    size_t len = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *out = arena_alloc(a, len);
    sodium_bin2base64(out, len, raw, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

char *token_hash(arena *a, const char *s)
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)s, strlen(s), NULL, 0);
    char *out = arena_alloc(a, 65);
    sodium_bin2hex(out, 65, h, sizeof h);
    return out;
}

char *hmac_token(arena *a, const unsigned char key[32], const char *msg)
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256(mac, (const unsigned char *)msg, strlen(msg), key);
    size_t len = sodium_base64_ENCODED_LEN(sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *out = arena_alloc(a, len);
    sodium_bin2base64(out, len, mac, sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

bool secure_equal(const char *a, const char *b)
{
    if (!a || !b) return false;
    size_t n = strlen(a);
    if (n != strlen(b)) return false;
    return sodium_memcmp(a, b, n) == 0;
}

static void hash_enter(void)
{
    pthread_mutex_lock(&hash_lock);
    while (hashing >= PASSWORD_CONCURRENCY) pthread_cond_wait(&hash_cond, &hash_lock);
    hashing++;
    pthread_mutex_unlock(&hash_lock);
}

static void hash_leave(void)
{
    pthread_mutex_lock(&hash_lock);
    hashing--;
    pthread_cond_signal(&hash_cond);
    pthread_mutex_unlock(&hash_lock);
}

char *password_hash(arena *a, const char *password)
{
    char *out = arena_alloc(a, crypto_pwhash_STRBYTES);
    hash_enter();
    int rc = crypto_pwhash_str_alg(out, password, strlen(password),
                                   PW_OPSLIMIT, PW_MEMLIMIT,
                                   crypto_pwhash_ALG_ARGON2ID13);
    hash_leave();
    if (rc != 0) {
        log_error("crypto: password hashing failed (out of memory?)");
        return NULL;
    }
    return out;
}

bool password_verify(const char *hash, const char *password)
{
    hash_enter();
    int rc = crypto_pwhash_str_verify(hash, password, strlen(password));
    hash_leave();
    return rc == 0;
}

const char *password_dummy_hash(void)
{
    pthread_mutex_lock(&hash_lock);
    if (!dummy[0]) {
        char pw[32];
        randombytes_buf(pw, sizeof pw - 1);
        for (size_t i = 0; i < sizeof pw - 1; i++) pw[i] = (char)('a' + (unsigned char)pw[i] % 26);
        pw[sizeof pw - 1] = '\0';
        if (crypto_pwhash_str_alg(dummy, pw, strlen(pw), PW_OPSLIMIT, PW_MEMLIMIT,
                                  crypto_pwhash_ALG_ARGON2ID13) != 0)
            dummy[0] = '\0';
    }
    pthread_mutex_unlock(&hash_lock);
    return dummy;
}
