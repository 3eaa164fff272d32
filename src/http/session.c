#include "http/session.h"

#include <sodium.h>
#include <string.h>

#include "http/pcache.h"
#include "store/store.h"
#include "util/crypto.h"
#include "util/log.h"

static unsigned char secret[32];
static bool have_secret;

bool security_init(db *d)
{
    arena *a = arena_new();
    unsigned char fresh[32];
    randombytes_buf(fresh, sizeof fresh);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, fresh, sizeof fresh);
    char *stored = NULL;
    bool ok = store_setting_init(d, "secret", hex) == DB_OK &&
              store_setting_get(d, a, "secret", &stored) == DB_OK &&
              sodium_hex2bin(secret, sizeof secret, stored, strlen(stored), NULL, NULL, NULL) == 0;
    arena_free(a);
    if (!ok) log_error("session: cannot load the shared secret");
    have_secret = ok;
    return ok;
}

void session_load(req *r)
{
    const char *token = req_cookie(r, "sid");
    if (!token || strlen(token) != 43) return;
    struct user *u = NULL;
    enum db_rc rc = store_session_user(r->db, r->a, token_hash(r->a, token), r->now, &u);
    if (rc == DB_OK) {
        r->user = u;
        r->session = token;
    } else if (rc != DB_NOTFOUND) {
        log_error("session: lookup failed");
    }
}

bool session_start(req *r, int64_t user_id)
{
    const char *token = random_token(r->a, 32);
    if (store_session_create(r->db, token_hash(r->a, token), user_id, r->now) != DB_OK)
        return false;
    r->session = token;
    r->csrf = NULL;
    resp_cookie(r, "sid", token, SESSION_LIFETIME);
    return true;
}

void session_end(req *r)
{
    if (r->session) store_session_delete(r->db, token_hash(r->a, r->session));
    r->session = NULL;
    r->user = NULL;
    r->csrf = NULL;
    resp_cookie(r, "sid", "", 0);
}

const char *req_csrf(req *r)
{
    if (r->csrf) return r->csrf;
    if (!r->session && r->pc_key && !r->pc_hit && !r->user) {
        /* a page the anonymous page cache may keep: a placeholder, made
         * into this visitor's token as the response leaves (pcache.c) */
        r->csrf_deferred = true;
        return pcache_csrf_placeholder();
    }
    if (r->session) {
        r->csrf = hmac_token(r->a, secret, arena_printf(r->a, "s:%s", r->session));
        return r->csrf;
    }
    const char *anon = req_cookie(r, "csrf");
    if (!anon || strlen(anon) != 22) {
        anon = random_token(r->a, 16);
        resp_cookie(r, "csrf", anon, 7 * 24 * 3600);
        /* make the new cookie visible to later calls in this request */
        kv_add(r->a, &r->cookies, "csrf", anon, strlen(anon));
    }
    r->csrf = hmac_token(r->a, secret, arena_printf(r->a, "a:%s", anon));
    return r->csrf;
}

bool csrf_check(req *r)
{
    if (!have_secret) return false;
    const char *sent = req_form(r, "_csrf");
    if (!sent) return false;
    const char *expected;
    if (r->session) {
        expected = hmac_token(r->a, secret, arena_printf(r->a, "s:%s", r->session));
    } else {
        const char *anon = req_cookie(r, "csrf");
        if (!anon) return false;
        expected = hmac_token(r->a, secret, arena_printf(r->a, "a:%s", anon));
    }
    return secure_equal(sent, expected);
}

const char *client_hash(req *r)
{
    return hmac_token(r->a, secret, arena_printf(r->a, "ip:%s", r->client));
}
