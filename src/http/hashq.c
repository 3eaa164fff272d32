/* The password-hash queue (hashq.h). */
#include "http/hashq.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util/crypto.h"
#include "util/log.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work = PTHREAD_COND_INITIALIZER;
static struct hash_job *head, *tail;
static unsigned taken, cap;            /* places reserved (waiting + running) */
static bool running;
static pthread_t threads[16];
static unsigned nthreads;

static void *hasher(void *arg)
{
    (void)arg;
    /* the lowest priority: a page request wins the core from a hash */
    setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 19);
    pthread_mutex_lock(&lock);
    for (;;) {
        while (running && !head) pthread_cond_wait(&work, &lock);
        if (!head) break; /* stopping and nothing left */
        struct hash_job *j = head;
        head = j->next;
        if (!head) tail = NULL;
        pthread_mutex_unlock(&lock);
        j->ok = password_verify(j->hash, j->password);
        j->done = true;
        struct MHD_Connection *c = j->conn;
        pthread_mutex_lock(&lock);
        taken--;
        pthread_mutex_unlock(&lock);
        /* the job belongs to the request again from here on */
        MHD_resume_connection(c);
        pthread_mutex_lock(&lock);
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

bool hashq_start(unsigned n, unsigned capacity)
{
    if (n < 1) n = 1;
    if (n > sizeof threads / sizeof threads[0]) n = sizeof threads / sizeof threads[0];
    pthread_mutex_lock(&lock);
    running = true;
    cap = capacity < n ? n : capacity;
    taken = 0;
    pthread_mutex_unlock(&lock);
    for (nthreads = 0; nthreads < n; nthreads++) {
        if (pthread_create(&threads[nthreads], NULL, hasher, NULL) != 0) {
            log_error("hashq: cannot start a hashing thread");
            hashq_stop();
            return false;
        }
    }
    return true;
}

void hashq_stop(void)
{
    pthread_mutex_lock(&lock);
    running = false;
    pthread_cond_broadcast(&work);
    pthread_mutex_unlock(&lock);
    for (unsigned i = 0; i < nthreads; i++) pthread_join(threads[i], NULL);
    nthreads = 0;
}

bool hashq_reserve(void)
{
    pthread_mutex_lock(&lock);
    bool ok = running && taken < cap;
    if (ok) taken++;
    pthread_mutex_unlock(&lock);
    return ok;
}

void hashq_release(void)
{
    pthread_mutex_lock(&lock);
    if (taken) taken--;
    pthread_mutex_unlock(&lock);
}

void hashq_submit(struct hash_job *j)
{
    j->next = NULL;
    j->done = false;
    pthread_mutex_lock(&lock);
    if (tail) tail->next = j;
    else head = j;
    tail = j;
    pthread_cond_signal(&work);
    pthread_mutex_unlock(&lock);
}

unsigned hashq_load(void)
{
    pthread_mutex_lock(&lock);
    unsigned n = taken;
    pthread_mutex_unlock(&lock);
    return n;
}
