/* The sender thread: wakes when told a message was queued, or every
 * interval, and delivers what is due.  One per server process; the outbox
 * locks keep several processes from sending a message twice. */
#include <pthread.h>
#include <time.h>

#include "mail/mail.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/log.h"

static pthread_t thread;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static bool running, stopping, woken;
static const char *sender_db_url;
static struct smtp_config config;
static int interval = 10;
static mail_periodic_fn periodic[4];
static int nperiodic;

void mail_sender_periodic(mail_periodic_fn fn)
{
    if (nperiodic < (int)(sizeof periodic / sizeof periodic[0])) periodic[nperiodic++] = fn;
}

int mail_deliver_due(void *conn, const struct smtp_config *cfg)
{
    db *d = conn;
    int sent = 0;
    for (;;) {
        arena *a = arena_new();
        int64_t now = clock_now();
        struct mail *list = NULL;
        size_t n = 0;
        if (store_outbox_take(d, a, now, 120, 16, &list, &n) != DB_OK || n == 0) {
            arena_free(a);
            return sent;
        }
        for (size_t i = 0; i < n; i++) {
            const struct mail *m = &list[i];
            char *msg = mail_format(a, cfg, m->to_email, m->to_name, m->subject, m->body, m->id, now);
            const char *err = msg ? smtp_send(cfg, m->to_email, msg) : "invalid address";
            if (!err) {
                store_outbox_sent(d, m->id, clock_now());
                sent++;
                continue;
            }
            bool give_up = m->attempts + 1 >= MAIL_MAX_ATTEMPTS || !msg;
            log_warn("mail: delivery of message %lld failed (attempt %lld%s): %s",
                     (long long)m->id, (long long)m->attempts + 1, give_up ? ", giving up" : "", err);
            store_outbox_retry(d, m->id, now + mail_backoff(m->attempts), give_up, err);
        }
        arena_free(a);
    }
}

static void *sender_main(void *arg)
{
    (void)arg;
    const char *err = NULL;
    db *d = db_open(sender_db_url, &err);
    if (!d) {
        log_error("mail: sender cannot open the database: %s", err ? err : "?");
        return NULL;
    }
    pthread_mutex_lock(&lock);
    while (!stopping) {
        woken = false;
        pthread_mutex_unlock(&lock);
        for (int i = 0; i < nperiodic; i++) periodic[i](d, clock_now());
        if (config.url && *config.url) mail_deliver_due(d, &config);
        pthread_mutex_lock(&lock);
        if (stopping || woken) continue;
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += interval;
        pthread_cond_timedwait(&cond, &lock, &until);
    }
    pthread_mutex_unlock(&lock);
    db_close(d);
    return NULL;
}

bool mail_sender_start(const char *db_url, const struct smtp_config *cfg, int interval_seconds)
{
    sender_db_url = db_url;
    config = *cfg;
    interval = interval_seconds > 0 ? interval_seconds : 10;
    stopping = false;
    if (pthread_create(&thread, NULL, sender_main, NULL) != 0) return false;
    running = true;
    return true;
}

void mail_sender_stop(void)
{
    if (!running) return;
    pthread_mutex_lock(&lock);
    stopping = true;
    pthread_cond_signal(&cond);
    pthread_mutex_unlock(&lock);
    pthread_join(thread, NULL);
    running = false;
}

void mail_wake(void)
{
    pthread_mutex_lock(&lock);
    woken = true;
    pthread_cond_signal(&cond);
    pthread_mutex_unlock(&lock);
}
