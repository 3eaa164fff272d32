#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mail/mail.h"

/* =?UTF-8?B?...?= for a header value; plain ASCII without specials is kept. */
static const char *encode_word(arena *a, const char *s)
{
    bool plain = true;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p >= 0x7F || *p == '"' || *p == '=' || *p == '?') plain = false;
    if (plain) return s;
    size_t n = strlen(s);
    size_t len = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = arena_alloc(a, len);
    sodium_bin2base64(b64, len, (const unsigned char *)s, n, sodium_base64_VARIANT_ORIGINAL);
    return arena_printf(a, "=?UTF-8?B?%s?=", b64);
}

/* An address with no characters that could break the header. */
static bool address_ok(const char *e)
{
    for (const unsigned char *p = (const unsigned char *)e; *p; p++)
        if (*p <= ' ' || *p == '<' || *p == '>' || *p == ',' || *p == 0x7F) return false;
    return strchr(e, '@') != NULL;
}

char *mail_format(arena *a, const struct smtp_config *cfg, const char *to_email,
                  const char *to_name, const char *subject, const char *body, int64_t id,
                  int64_t now)
{
    if (!address_ok(to_email) || !address_ok(cfg->from_addr)) return NULL;
    char date[64];
    time_t t = (time_t)now;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    buf b = {0};
    buf_printf(&b, "From: %s <%s>\r\nTo: %s <%s>\r\nSubject: %s\r\nDate: %s\r\n"
                   "Message-ID: <samskap-%lld-%lld@%s>\r\nMIME-Version: 1.0\r\n"
                   "Content-Type: text/plain; charset=utf-8\r\n"
                   "Content-Transfer-Encoding: 8bit\r\n\r\n",
               encode_word(a, cfg->from_name), cfg->from_addr, encode_word(a, to_name), to_email,
               encode_word(a, subject), date, (long long)id, (long long)now,
               strchr(cfg->from_addr, '@') + 1);
    for (const char *p = body; *p; p++) {
        if (*p == '\r') continue;
        if (*p == '\n') buf_puts(&b, "\r\n");
        else buf_putc(&b, *p);
    }
    buf_puts(&b, "\r\n");
    char *out = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return out;
}

struct upload {
    const char *data;
    size_t len, pos;
};

static size_t read_cb(char *ptr, size_t size, size_t nmemb, void *userp)
{
    struct upload *u = userp;
    size_t room = size * nmemb, left = u->len - u->pos;
    size_t n = left < room ? left : room;
    memcpy(ptr, u->data + u->pos, n);
    u->pos += n;
    return n;
}

const char *smtp_send(const struct smtp_config *cfg, const char *to_email, const char *message)
{
    static __thread char err[CURL_ERROR_SIZE + 64];
    CURL *c = curl_easy_init();
    if (!c) return "curl_easy_init failed";
    struct upload u = {message, strlen(message), 0};
    struct curl_slist *rcpt = curl_slist_append(NULL, to_email);
    char from[320];
    snprintf(from, sizeof from, "<%s>", cfg->from_addr);
    char ebuf[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(c, CURLOPT_URL, cfg->url);
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(c, CURLOPT_READDATA, &u);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
    curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
    if (cfg->user) curl_easy_setopt(c, CURLOPT_USERNAME, cfg->user);
    if (cfg->password) curl_easy_setopt(c, CURLOPT_PASSWORD, cfg->password);
    CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(c);
    if (rc == CURLE_OK) return NULL;
    snprintf(err, sizeof err, "%s: %s", curl_easy_strerror(rc), ebuf);
    return err;
}

int64_t mail_backoff(int64_t attempts)
{
    int64_t s = 60;
    for (int64_t i = 0; i < attempts && s < 6 * 3600; i++) s *= 2;
    return s > 6 * 3600 ? 6 * 3600 : s;
}
