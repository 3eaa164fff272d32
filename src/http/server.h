/* The HTTP server: libmicrohttpd with a pool of threads, each with its own
 * database connection.  The servers keep no state of their own: sessions,
 * rate limits and the CSRF secret live in the database, so any process can
 * answer any request. */
#ifndef SAMSKAP_SERVER_H
#define SAMSKAP_SERVER_H

#include <stdbool.h>

struct server_config {
    const char *host;        /* "127.0.0.1" */
    unsigned short port;     /* 8080 */
    const char *db_url;      /* SQLite path or postgresql:// URL */
    unsigned threads;        /* worker threads (each holds a connection) */
    bool trust_proxy;        /* take the client address from X-Forwarded-For */
    bool access_log;
    /* limits that hold under overload (docs/DESIGN.md, "Overload") */
    unsigned per_ip;         /* connections per client address; 0: no limit */
    unsigned deadline;       /* seconds for a complete request head and body */
    unsigned idle_timeout;   /* seconds of silence before a connection is closed */
    unsigned hash_threads;   /* threads that check sign-in passwords */
    unsigned hash_queue;     /* sign-ins that may wait for them; more get 503 */
};

/* Serves until SIGINT or SIGTERM.  Returns a process exit code. */
int server_run(const struct server_config *cfg);

/* Body size limits, in bytes. */
enum { BODY_LIMIT_FORM = 256 * 1024, BODY_LIMIT_UPLOAD = 6 * 1024 * 1024 };

#endif
