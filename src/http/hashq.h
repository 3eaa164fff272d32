/* The password-hash queue: a small fixed pool of threads that run argon2id
 * for sign-ins, so that a worker thread never waits for a hash.  A handler
 * asks for a check with req_verify_password (req.h); server.c suspends the
 * connection (MHD_suspend_connection), hands the job to the queue, and the
 * hashing thread resumes the connection when the answer is known.  The
 * queue is bounded: when it is full the request is answered at once with
 * 503 "försök igen om en stund". */
#ifndef SAMSKAP_HASHQ_H
#define SAMSKAP_HASHQ_H

#include <stdbool.h>

struct MHD_Connection;
typedef struct req req;

struct hash_job {
    const char *hash, *password;          /* in the request's arena */
    void (*then)(req *r, bool ok, void *st);
    void *st;
    struct MHD_Connection *conn;
    bool ok, done;
    struct hash_job *next;
};

/* Starts `threads` hashing threads; at most `capacity` jobs wait or run. */
bool hashq_start(unsigned threads, unsigned capacity);
/* Finishes every job submitted (each connection is resumed), then stops
 * the threads; no place can be taken any more. */
void hashq_stop(void);

/* Takes a place in the queue; false when it is full (or not running). */
bool hashq_reserve(void);
/* Gives back a place taken by hashq_reserve and never submitted. */
void hashq_release(void);
/* Runs j on a hashing thread, then MHD_resume_connection(j->conn).  The
 * caller has taken a place and suspended j->conn first. */
void hashq_submit(struct hash_job *j);

/* Jobs waiting or running now (for the tests' counter and the log). */
unsigned hashq_load(void);

#endif
