/* E-mail: messages wait in the outbox table (store.h) and a sender thread
 * in each server process delivers them over SMTP with libcurl, retrying
 * with backoff.  Configured by SAMSKAP_SMTP_URL (e.g. smtp://127.0.0.1:25,
 * smtps://relay.example:465), SAMSKAP_SMTP_USER / SAMSKAP_SMTP_PASSWORD,
 * SAMSKAP_MAIL_FROM; without SAMSKAP_SMTP_URL messages stay in the outbox. */
#ifndef SAMSKAP_MAIL_H
#define SAMSKAP_MAIL_H

#include <stdbool.h>
#include <stdint.h>

#include "util/mem.h"

struct smtp_config {
    const char *url;
    const char *user, *password;
    const char *from_addr;   /* "noreply@example.org" */
    const char *from_name;   /* "samskap" */
};

/* The whole message (headers and body, CRLF line ends) for one mail.
 * Header values are RFC 2047 encoded, so no CR/LF from data can end up in
 * a header. */
char *mail_format(arena *a, const struct smtp_config *cfg, const char *to_email,
                  const char *to_name, const char *subject, const char *body, int64_t id,
                  int64_t now);

/* Sends one message.  NULL on success, else a short error text. */
const char *smtp_send(const struct smtp_config *cfg, const char *to_email, const char *message);

/* Seconds to wait before attempt number `attempts` + 1, and whether to give
 * up instead (after MAIL_MAX_ATTEMPTS). */
enum { MAIL_MAX_ATTEMPTS = 8 };
int64_t mail_backoff(int64_t attempts);

/* Periodic work the sender thread runs on each round before delivering
 * (the moderation digest, web/posts/moderation_digest.c): given the
 * thread's connection and the time.  Set before mail_sender_start; each
 * call adds one (up to four), run in the order added. */
typedef void (*mail_periodic_fn)(void *db_conn, int64_t now);
void mail_sender_periodic(mail_periodic_fn fn);

/* The sender thread: started by `serve` when SMTP is configured. */
bool mail_sender_start(const char *db_url, const struct smtp_config *cfg, int interval_seconds);
void mail_sender_stop(void);
/* Wakes the sender after a message was queued (no-op when not running). */
void mail_wake(void);
/* Delivers every due message once, now (used by the sender and tests). */
int mail_deliver_due(void *db_conn, const struct smtp_config *cfg);

#endif
