/* libmicrohttpd glue: collects a request (headers, then the body in
 * chunks), hands it to dispatch, and sends what the handler built. */
#include "http/server.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "http/dispatch.h"
#include "http/pcache.h"
#include "http/hashq.h"
#include "util/clock.h"
#include "util/crypto.h"
#include "util/log.h"
#include "util/text.h"

static const struct server_config *config;
static bool show_worker;         /* X-Worker: which worker answered (test mode) */
static atomic_int workers_seen;
static __thread int worker_no;   /* from 1, in the order the workers first answer */

/* ---- one database connection per worker thread ---- */

static pthread_mutex_t conns_lock = PTHREAD_MUTEX_INITIALIZER;
static db *conns[256];
static size_t nconns;
static __thread db *thread_conn;

static void forget_conn(db *d)
{
    pthread_mutex_lock(&conns_lock);
    for (size_t i = 0; i < nconns; i++) {
        if (conns[i] != d) continue;
        conns[i] = conns[--nconns];
        break;
    }
    pthread_mutex_unlock(&conns_lock);
    db_close(d);
}

/* This thread's connection; a connection the server lost (a database
 * restart) is replaced, so the site comes back by itself. */
static db *thread_db(void)
{
    if (thread_conn && !db_alive(thread_conn)) {
        log_warn("server: database connection lost; reconnecting");
        forget_conn(thread_conn);
        thread_conn = NULL;
    }
    if (thread_conn) return thread_conn;
    const char *err = NULL;
    db *d = db_open(config->db_url, &err);
    if (!d) {
        log_error("server: cannot open the database: %s", err ? err : "?");
        return NULL;
    }
    pthread_mutex_lock(&conns_lock);
    if (nconns < sizeof conns / sizeof conns[0]) conns[nconns++] = d;
    pthread_mutex_unlock(&conns_lock);
    thread_conn = d;
    return d;
}

/* ---- a deadline for the whole request ----
 *
 * libmicrohttpd's connection timeout counts silence: each byte starts it
 * again, so a client that sends one header byte every few seconds holds a
 * connection for ever.  Every connection is tracked here from the moment
 * it is accepted (MHD_OPTION_NOTIFY_CONNECTION) with the time it began to
 * wait for a request: when it was accepted, or when the previous response
 * was sent.  A sweeping thread answers 408 and shuts down the socket of any
 * connection whose request head and body have not arrived within
 * config->deadline seconds; libmicrohttpd then sees the end of the stream
 * and closes it in its own thread.  While a request is being answered (from
 * the last call of the access handler until it is completed, including
 * time suspended for a password hash) the clock stands still. */

struct track {
    int fd;
    double since;        /* monotonic seconds */
    bool busy;           /* being answered: no deadline */
    bool cut;
    int worker;          /* index in workers[]; -1: unknown */
    uint32_t ip;         /* the client's IPv4 address (ip_take) */
    struct track *prev, *next;
};

static pthread_mutex_t track_lock = PTHREAD_MUTEX_INITIALIZER;
static struct track *tracks;
static pthread_t sweeper;
static bool sweeping;
static pthread_cond_t sweep_cond = PTHREAD_COND_INITIALIZER;

static double mono_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ---- accepting: one thread, each connection to the least busy worker ----
 *
 * Each worker is a libmicrohttpd daemon with one thread.  Left to accept
 * for themselves from one socket (libmicrohttpd's thread pool), the worker
 * that woke first took a whole burst of connections (a proxy's pool, wrk's
 * 64) while the other idled, and a signed-in page went at one core's pace in
 * some runs and two in others (bench/run --pages).  Here one thread accepts
 * and gives each connection to the worker with the fewest open, counted from
 * the hand-over to the close.  The per-address and total limits are ours for
 * the same reason (libmicrohttpd counts per daemon): checked here, in the
 * order the connections came; one over a limit is closed unanswered, as
 * libmicrohttpd did.  (A connection libmicrohttpd drops after the hand-over
 * but before it starts, when its pool cannot be had, stays counted.) */
enum { MAX_WORKERS = 64, IP_BUCKETS = 1024, MAX_CONNECTIONS = 1000 };
/* libmicrohttpd's memory per connection (request line, headers, the query's
 * arguments, the response's headers), cleared for every request: 64 KiB of
 * memset was 9 % of a cached page's CPU.  QUERY_MAX_* keep a query within it. */
enum { POOL_BYTES = 32 * 1024 };
static struct MHD_Daemon *workers[MAX_WORKERS];
static unsigned nworkers;
static atomic_int worker_load[MAX_WORKERS];
static int listen_fd = -1;
static pthread_t acceptor;
static atomic_bool accepting;

struct ip_count {
    uint32_t ip;
    unsigned n;
    struct ip_count *next;
};
static struct ip_count *ip_counts[IP_BUCKETS];
static pthread_mutex_t ip_lock = PTHREAD_MUTEX_INITIALIZER;

static struct ip_count **ip_slot(uint32_t ip)
{
    struct ip_count **p = &ip_counts[(ip * 2654435761u) >> 22];
    while (*p && (*p)->ip != ip) p = &(*p)->next;
    return p;
}

/* Counts a connection of ip; false (and not counted) over the limit. */
static bool ip_take(uint32_t ip)
{
    if (!config->per_ip) return true;
    pthread_mutex_lock(&ip_lock);
    struct ip_count **p = ip_slot(ip);
    if (!*p) {
        *p = xcalloc(1, sizeof **p);
        (*p)->ip = ip;
    }
    bool ok = (*p)->n < config->per_ip;
    if (ok) (*p)->n++;
    pthread_mutex_unlock(&ip_lock);
    return ok;
}

static void ip_give(uint32_t ip)
{
    if (!config->per_ip) return;
    pthread_mutex_lock(&ip_lock);
    struct ip_count **p = ip_slot(ip);
    if (*p && --(*p)->n == 0) {
        struct ip_count *gone = *p;
        *p = gone->next;
        free(gone);
    }
    pthread_mutex_unlock(&ip_lock);
}

static int worker_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_DAEMON);
    for (unsigned i = 0; ci && i < nworkers; i++)
        if (workers[i] == ci->daemon) return (int)i;
    return -1;
}

static uint32_t ip_of(const struct sockaddr *sa)
{
    if (!sa || sa->sa_family != AF_INET) return 0; /* the server listens on IPv4 only */
    return ((const struct sockaddr_in *)(const void *)sa)->sin_addr.s_addr;
}

static int listen_on(const struct sockaddr_in *addr)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    int on = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0 ||
        bind(fd, (const struct sockaddr *)addr, sizeof *addr) != 0 || listen(fd, SOMAXCONN) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* The worker with the fewest connections; -1 when all of them together
 * hold MAX_CONNECTIONS. */
static int least_busy(void)
{
    unsigned best = 0;
    int total = 0;
    for (unsigned i = 0; i < nworkers; i++) {
        int n = atomic_load(&worker_load[i]);
        total += n;
        if (n < atomic_load(&worker_load[best])) best = i;
    }
    return total >= MAX_CONNECTIONS ? -1 : (int)best;
}

/* Hands fd over to the least busy worker, or closes it over a limit. */
static void hand_over(int fd, const struct sockaddr *sa, socklen_t len)
{
    uint32_t ip = ip_of(sa);
    int w = least_busy();
    if (w < 0 || !ip_take(ip)) {
        close(fd);
        return;
    }
    atomic_fetch_add(&worker_load[w], 1);
    if (MHD_add_connection(workers[w], fd, sa, len) != MHD_YES) { /* it closed fd */
        atomic_fetch_sub(&worker_load[w], 1);
        ip_give(ip);
    }
}

static void *accept_loop(void *arg)
{
    (void)arg;
    while (atomic_load(&accepting)) {
        struct sockaddr_storage sa;
        socklen_t len = sizeof sa;
        int fd = accept4(listen_fd, (struct sockaddr *)&sa, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0) {
            hand_over(fd, (struct sockaddr *)&sa, len);
            continue;
        }
        if (!atomic_load(&accepting)) break; /* shut down by server_run */
        if (errno == EINTR || errno == ECONNABORTED || errno == EAGAIN) continue;
        /* out of descriptors or memory: the queue waits in the kernel */
        log_warn("http: accept: %s", strerror(errno));
        usleep(10 * 1000);
    }
    return NULL;
}

static bool accept_start(void)
{
    atomic_store(&accepting, true);
    if (pthread_create(&acceptor, NULL, accept_loop, NULL) == 0) return true;
    atomic_store(&accepting, false);
    return false;
}

static void accept_stop(void)
{
    atomic_store(&accepting, false);
    shutdown(listen_fd, SHUT_RDWR); /* accept returns at once */
    pthread_join(acceptor, NULL);
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    (void)cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        struct track *t = xcalloc(1, sizeof *t);
        t->fd = ci ? ci->connect_fd : -1;
        t->since = mono_now();
        t->worker = worker_of(c);
        const union MHD_ConnectionInfo *ai = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        t->ip = ip_of(ai ? ai->client_addr : NULL); /* counted by hand_over */
        pthread_mutex_lock(&track_lock);
        t->next = tracks;
        if (tracks) tracks->prev = t;
        tracks = t;
        pthread_mutex_unlock(&track_lock);
        *socket_context = t;
        return;
    }
    struct track *t = *socket_context;
    if (!t) return;
    pthread_mutex_lock(&track_lock); /* the socket is still open here */
    if (t->prev) t->prev->next = t->next;
    else tracks = t->next;
    if (t->next) t->next->prev = t->prev;
    pthread_mutex_unlock(&track_lock);
    ip_give(t->ip);
    if (t->worker >= 0) atomic_fetch_sub(&worker_load[t->worker], 1);
    *socket_context = NULL;
    free(t);
}

/* busy: the request has arrived and is being answered; not busy: the
 * connection waits for its next request, from now on. */
static void track_busy(struct MHD_Connection *c, bool busy)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    struct track *t = ci ? ci->socket_context : NULL;
    if (!t) return;
    pthread_mutex_lock(&track_lock);
    t->busy = busy;
    if (!busy) t->since = mono_now();
    pthread_mutex_unlock(&track_lock);
}

static void *sweep(void *arg)
{
    (void)arg;
    static const char timeout[] =
        "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n"
        "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 36\r\n\r\n"
        "F\xc3\xb6rfr\xc3\xa5gan tog f\xc3\xb6r l\xc3\xa5ng tid.\n";
    double period = config->deadline < 4 ? 0.25 : 1.0;
    pthread_mutex_lock(&track_lock);
    while (sweeping) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += (long)(period * 1e9);
        until.tv_sec += until.tv_nsec / 1000000000L;
        until.tv_nsec %= 1000000000L;
        pthread_cond_timedwait(&sweep_cond, &track_lock, &until);
        double now = mono_now();
        unsigned cut = 0;
        for (struct track *t = tracks; t; t = t->next) {
            if (t->busy || t->cut || t->fd < 0 || now - t->since < config->deadline) continue;
            /* nothing of ours is being written on this socket now */
            ssize_t n = send(t->fd, timeout, sizeof timeout - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
            (void)n;
            shutdown(t->fd, SHUT_RDWR);
            t->cut = true;
            cut++;
        }
        if (cut) log_warn("http: %u connection%s cut off: no complete request within %u s", cut,
                          cut == 1 ? "" : "s", config->deadline);
    }
    pthread_mutex_unlock(&track_lock);
    return NULL;
}

/* ---- per-request state ---- */

struct pending {
    req *r;
    buf body;
    size_t limit;
    bool too_large;
    bool answer_early;   /* so large that reading it is not worth it */
    bool query_cut;      /* see on_uri */
    struct timespec start;
};

/* Bodies over the limit but under this are read and thrown away so the
 * client gets to see the 413 page; larger ones are answered at once and
 * the connection closed. */
enum { DISCARD_MAX = 32 * 1024 * 1024 };

static enum method parse_method(const char *m)
{
    if (strcmp(m, "GET") == 0) return M_GET;
    if (strcmp(m, "HEAD") == 0) return M_HEAD;
    if (strcmp(m, "POST") == 0) return M_POST;
    return M_OTHER;
}

static const char *client_address(struct MHD_Connection *c, arena *a)
{
    if (config->trust_proxy) {
        const char *xff = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For");
        if (xff && *xff) {
            /* the last address is the one our own proxy appended; earlier
             * ones are whatever the client claimed */
            const char *last = strrchr(xff, ',');
            last = last ? last + 1 : xff;
            while (*last == ' ') last++;
            size_t n = strcspn(last, " ,");
            if (n > 0 && n < 64) return arena_strndup(a, last, n);
        }
    }
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char text[INET6_ADDRSTRLEN] = "?";
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, text,
                      sizeof text);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
                      text, sizeof text);
    }
    return arena_strdup(a, text);
}

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   size_t key_size, const char *value, size_t value_size)
{
    (void)kind;
    req *r = cls;
    if (r->query.n >= PARSE_MAX_FIELDS) return MHD_NO;
    if (!key || key_size != strlen(key)) return MHD_YES;
    kv_add(r->a, &r->query, arena_strndup(r->a, key, key_size),
           value ? arena_strndup(r->a, value, value_size) : arena_strdup(r->a, ""),
           value ? value_size : 0);
    return MHD_YES;
}

static struct pending *pending_new(struct MHD_Connection *c, const char *url, const char *method)
{
    struct pending *p = xcalloc(1, sizeof *p);
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    req *r = xcalloc(1, sizeof *r);
    p->r = r;
    r->a = arena_new();
    r->conn = c;
    r->now = clock_now(); /* the system clock; a test clock in test mode */
    r->method = parse_method(method);
    r->path = arena_strdup(r->a, url);
    r->status = 200;
    buf_reserve(&r->body, 24 * 1024);
    r->client = client_address(c, r->a);
    const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    r->content_type = arena_strdup(r->a, ct ? ct : "");
    MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, collect_arg, r);
    p->limit = strncasecmp(r->content_type, "multipart/form-data", 19) == 0 ? BODY_LIMIT_UPLOAD
                                                                             : BODY_LIMIT_FORM;
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    if (cl) {
        char *end;
        unsigned long long n = strtoull(cl, &end, 10);
        if (*end || n > p->limit) p->too_large = true;
        /* answer before the body when it is huge, or when the client waits
         * for a go-ahead (Expect: 100-continue) and will not send it */
        const char *expect = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Expect");
        if (*end || n > DISCARD_MAX || (p->too_large && expect && strcasecmp(expect, "100-continue") == 0))
            p->answer_early = true;
    }
    return p;
}

static void pending_free(struct pending *p)
{
    if (!p) return;
    buf_free(&p->body);
    pcache_release(p->r);
    buf_free(&p->r->body);
    arena_free(p->r->a);
    free(p->r);
    free(p);
}

static void access_log(struct pending *p, size_t bytes)
{
    if (!config->access_log) return;
    req *r = p->r;
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    double ms = (double)(end.tv_sec - p->start.tv_sec) * 1e3 +
                (double)(end.tv_nsec - p->start.tv_nsec) / 1e6;
    char line[600];
    time_t now = (time_t)r->now;
    struct tm tm;
    gmtime_r(&now, &tm);
    char when[32];
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    const char *m = r->method == M_GET ? "GET" : r->method == M_HEAD ? "HEAD"
                  : r->method == M_POST ? "POST" : "OTHER";
    int n = snprintf(line, sizeof line, "%s %s %s %.300s %d %zu %.2fms\n", when, r->client, m,
                     r->path, r->status, bytes, ms);
    if (n > 0) log_access_line(line, (unsigned long)(n < (int)sizeof line ? n : (int)sizeof line - 1));
}

static enum MHD_Result send_response(struct pending *p)
{
    req *r = p->r;
    size_t len = r->body.len;
    void *ref = NULL;
    const char *shared = pcache_shared_body(r, &len, &ref);
    struct MHD_Response *resp;
    if (shared) {
        resp = MHD_create_response_from_buffer_with_free_callback_cls(len, (void *)shared, pcache_unref, ref);
        if (!resp) {
            pcache_unref(ref);
            return MHD_NO;
        }
    } else {
        char *data = buf_detach(&r->body);
        resp = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
        if (!resp) {
            free(data);
            return MHD_NO;
        }
    }
    for (int i = 0; i < r->nheaders; i++)
        MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
    if (show_worker) {
        if (!worker_no) worker_no = atomic_fetch_add(&workers_seen, 1) + 1;
        char no[16];
        snprintf(no, sizeof no, "%d", worker_no);
        MHD_add_response_header(resp, "X-Worker", no);
    }
    enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    access_log(p, len);
    return ret;
}

/* A query this large is refused with 414.  libmicrohttpd 0.9.75 stores
 * each argument in the connection's pool (POOL_BYTES); a few hundred short
 * ones exhaust it, and then it neither answers nor closes the connection
 * until the timeout.  It calls this with the URI, still in its own
 * writable read buffer, before it splits the query, so the query is cut
 * off here and the request answered by on_request. */
enum { QUERY_MAX_BYTES = 8 * 1024, QUERY_MAX_ARGS = 200 };
static char query_cut_marker;

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls;
    (void)c;
    char *q = strchr(uri, '?');
    if (!q) return NULL;
    size_t args = 1, len = strlen(q);
    for (const char *s = q; *s; s++) args += *s == '&';
    if (args <= QUERY_MAX_ARGS && len <= QUERY_MAX_BYTES) return NULL;
    q[1] = '\0'; /* it has already found the '?' */
    return &query_cut_marker;
}

static int suspended; /* connections waiting for a password hash */
static pthread_mutex_t suspended_lock = PTHREAD_MUTEX_INITIALIZER;

static void count_suspended(int d)
{
    pthread_mutex_lock(&suspended_lock);
    suspended += d;
    pthread_mutex_unlock(&suspended_lock);
}

/* The handler asked for a password check (req_verify_password): the worker
 * lets the connection rest and goes back to serving others; the hashing
 * thread resumes it, and on_request calls the handler's continuation. */
static enum MHD_Result answer(struct pending *p)
{
    req *r = p->r;
    if (r->defer) {
        count_suspended(1);
        MHD_suspend_connection(r->conn); /* before the job can resume it */
        hashq_submit(r->defer);
        return MHD_YES;
    }
    dispatch_finish(r);
    return send_response(p);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **con_cls)
{
    (void)cls;
    (void)version;
    struct pending *p = *con_cls;
    if (!p || p == (void *)&query_cut_marker) {
        bool cut = p != NULL;
        p = pending_new(c, url, method);
        *con_cls = p;
        if (cut) p->query_cut = p->answer_early = true;
        if (p->answer_early) { /* answer at once; MHD closes the connection */
            track_busy(c, true);
            p->r->db = thread_db();
            dispatch_refuse(p->r, p->query_cut ? 414 : 413);
            return send_response(p);
        }
        return MHD_YES;
    }
    if (*upload_size) {
        if (!p->too_large) {
            if (p->body.len + *upload_size > p->limit) {
                p->too_large = true;
                buf_free(&p->body);
            } else {
                buf_add(&p->body, upload, *upload_size);
            }
        }
        *upload_size = 0;
        return MHD_YES;
    }
    req *r = p->r;
    r->db = thread_db();
    if (r->defer) { /* resumed: the password has been checked */
        count_suspended(-1);
        struct hash_job *j = r->defer;
        r->defer = NULL;
        j->then(r, j->ok, j->st);
        return answer(p);
    }
    track_busy(c, true);
    if (p->too_large) {
        dispatch_refuse(r, 413);
        return send_response(p);
    }
    dispatch(r, p->body.data ? p->body.data : "", p->body.len);
    return answer(p);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)toe;
    track_busy(c, false); /* the clock for the next request starts now */
    if (*con_cls != (void *)&query_cut_marker) pending_free(*con_cls);
    *con_cls = NULL;
}

/* Percent-decoding for paths and query values, in place.  Like
 * libmicrohttpd's own, except that %00 becomes DEL (0x7F): a NUL would cut
 * the C string short and hide the rest; DEL is a control character that
 * the path check and the form readers refuse. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    (void)c;
    char *o = s;
    for (char *p = s; *p; p++) {
        if (p[0] == '%' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2])) {
            char hex[3] = {p[1], p[2], 0};
            char v = (char)strtol(hex, NULL, 16);
            *o++ = v ? v : 0x7F;
            p += 2;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return (size_t)(o - s);
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    msg[strcspn(msg, "\n")] = '\0';
    log_warn("http: %s", msg);
}

static void stop_workers(void)
{
    for (unsigned i = 0; i < nworkers; i++)
        if (workers[i]) MHD_stop_daemon(workers[i]);
    nworkers = 0;
}

static void stop_helpers(void)
{
    hashq_stop();
    pthread_mutex_lock(&track_lock);
    sweeping = false;
    pthread_cond_signal(&sweep_cond);
    pthread_mutex_unlock(&track_lock);
    pthread_join(sweeper, NULL);
}

int server_run(const struct server_config *cfg)
{
    config = cfg;
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(cfg->port);
    if (inet_pton(AF_INET, cfg->host, &addr.sin_addr) != 1) {
        log_error("server: not an IPv4 address: %s", cfg->host);
        return 1;
    }
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* worker threads inherit the mask */

    password_dummy_hash(); /* made once, now rather than in a request */
    pcache_init();
    if (!hashq_start(cfg->hash_threads, cfg->hash_queue)) return 1;
    sweeping = true;
    if (pthread_create(&sweeper, NULL, sweep, NULL) != 0) {
        log_error("server: cannot start the deadline thread");
        hashq_stop();
        return 1;
    }
    const char *tm = getenv("SAMSKAP_TEST_MODE");
    show_worker = tm && strcmp(tm, "1") == 0;
    listen_fd = listen_on(&addr);
    if (listen_fd < 0) {
        log_error("server: cannot listen on %s:%u: %s", cfg->host, cfg->port, strerror(errno));
        stop_helpers();
        return 1;
    }
    nworkers = cfg->threads < 1 ? 1 : cfg->threads > MAX_WORKERS ? MAX_WORKERS : cfg->threads;
    bool started = true;
    for (unsigned i = 0; i < nworkers && started; i++) {
        workers[i] = MHD_start_daemon(
            MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
                MHD_ALLOW_SUSPEND_RESUME | MHD_USE_NO_LISTEN_SOCKET | MHD_USE_ITC,
            0, NULL, NULL, on_request, NULL, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
            MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
            MHD_OPTION_CONNECTION_TIMEOUT, cfg->idle_timeout,
            MHD_OPTION_CONNECTION_LIMIT, (unsigned)MAX_CONNECTIONS, /* hand_over keeps the total */
            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)POOL_BYTES,
            MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
            MHD_OPTION_END);
        started = workers[i] != NULL;
    }
    if (!started || !accept_start()) {
        log_error("server: cannot start serving on %s:%u", cfg->host, cfg->port);
        stop_workers();
        close(listen_fd);
        stop_helpers();
        return 1;
    }
    log_info("samskap serves http://%s:%u/", cfg->host, cfg->port);
    int sig = 0;
    sigdelset(&set, SIGPIPE);
    while (sigwait(&set, &sig) == 0 && sig != SIGINT && sig != SIGTERM) {
    }
    log_info("server: stopping (signal %d)", sig);
    accept_stop(); /* no new connections; those open are finished */
    /* libmicrohttpd refuses to stop with a connection suspended: finish
     * the password checks, and let the workers answer them */
    hashq_stop();
    for (int i = 0; i < 500; i++) {
        pthread_mutex_lock(&suspended_lock);
        int n = suspended;
        pthread_mutex_unlock(&suspended_lock);
        if (n == 0) break;
        usleep(10 * 1000);
    }
    stop_workers();
    close(listen_fd);
    stop_helpers();
    pthread_mutex_lock(&conns_lock);
    for (size_t i = 0; i < nconns; i++) db_close(conns[i]);
    nconns = 0;
    pthread_mutex_unlock(&conns_lock);
    pcache_free();
    return 0;
}
