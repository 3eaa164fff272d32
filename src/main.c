/* samskap: one binary with subcommands.  See `samskap --help`. */
#include <ctype.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "demo/demo.h"
#include "mail/mail.h"
#include "http/server.h"
#include "http/session.h"
#include "store/store.h"
#include "util/crypto.h"
#include "util/log.h"
#include "util/text.h"
#include "view/i18n.h"
#include "web/fragments.h"
#include "web/posts/moderation_digest.h"
#include "web/events/events.h"
#include "web/hackathon/hackathon.h"
#include "web/site.h"

static const char USAGE[] =
    "samskap — a co-creation platform for a municipality's social services\n"
    "\n"
    "Usage: samskap <command> [options]\n"
    "\n"
    "Commands:\n"
    "  serve              Migrate the database, then serve HTTP until SIGINT/SIGTERM.\n"
    "  migrate            Apply pending database migrations and exit.\n"
    "  demo               Migrate, then load the demo data from the seed documents\n"
    "                     (once; a second run changes nothing).\n"
    "  user add --email E --name N [--role R]...\n"
    "                     Create a user; the password is read from standard input\n"
    "                     (one line).  This is how the first administrator is made:\n"
    "                     samskap user add --email a@example.org --name Ada --role administrator\n"
    "                     Roles: ungdom, foreningsrepresentant, koordinator, kommunikator,\n"
    "                     invanarreporter, klarspraksgranskare, coach, jurymedlem, administrator.\n"
    "  backup DEST        Write a consistent copy of the live SQLite database to DEST\n"
    "                     (safe while the server runs).  For PostgreSQL use pg_dump.\n"
    "\n"
    "Environment:\n"
    "  SAMSKAP_DB         SQLite file path or postgresql:// URL (default: samskap.db)\n"
    "  SAMSKAP_LISTEN     host:port to listen on (default: 127.0.0.1:8080)\n"
    "  SAMSKAP_THREADS    worker threads (default: one per core, at least 2)\n"
    "  SAMSKAP_BASE_URL   public URL for feeds and e-mail links (default: http://LISTEN)\n"
    "  SAMSKAP_TRUST_PROXY=1  take the client address from X-Forwarded-For (for rate\n"
    "                     limits); the connection limit per address is then off unless\n"
    "                     SAMSKAP_PER_IP_CONNECTIONS is set (see docs/DESIGN.md)\n"
    "  SAMSKAP_PER_IP_CONNECTIONS  open connections one address may hold (default: 64;\n"
    "                     0 when SAMSKAP_TRUST_PROXY=1); 0 means no limit\n"
    "  SAMSKAP_REQUEST_DEADLINE  seconds a request's head and body may take to arrive,\n"
    "                     counted from the connection or the previous response (default 20)\n"
    "  SAMSKAP_IDLE_TIMEOUT  seconds of silence that close a connection (default 15)\n"
    "  SAMSKAP_HASH_THREADS  threads that check sign-in passwords (default 1)\n"
    "  SAMSKAP_HASH_QUEUE  sign-ins that may wait for them; more get 503 (default 8)\n"
    "  SAMSKAP_ACCESS_LOG=0   turn the access log (standard output) off\n"
    "  SAMSKAP_SECURE_COOKIES=1  mark cookies Secure (behind HTTPS)\n"
    "  SAMSKAP_SMTP_URL   SMTP server for e-mail, e.g. smtp://127.0.0.1:25 (unset: mail waits)\n"
    "  SAMSKAP_SMTP_USER, SAMSKAP_SMTP_PASSWORD, SAMSKAP_MAIL_FROM  SMTP login and sender\n"
    "  SAMSKAP_MAIL_INTERVAL  seconds between outbox checks (default: 10)\n";

static const char *env_or(const char *name, const char *dflt)
{
    const char *v = getenv(name);
    return v && *v ? v : dflt;
}

static db *open_db(void)
{
    const char *url = env_or("SAMSKAP_DB", "samskap.db");
    const char *err = NULL;
    db *d = db_open(url, &err);
    if (!d) fprintf(stderr, "samskap: cannot open the database %s: %s\n", url, err ? err : "?");
    return d;
}

static db *open_migrated(void)
{
    db *d = open_db();
    if (!d) return NULL;
    int applied = 0;
    if (store_migrate(d, &applied) != DB_OK) {
        fprintf(stderr, "samskap: migration failed\n");
        db_close(d);
        return NULL;
    }
    if (!security_init(d)) {
        db_close(d);
        return NULL;
    }
    return d;
}

static bool parse_listen(const char *s, char *host, size_t hostlen, unsigned short *port)
{
    const char *colon = strrchr(s, ':');
    if (!colon || (size_t)(colon - s) >= hostlen) return false;
    int64_t p;
    if (!parse_i64(colon + 1, &p) || p < 1 || p > 65535) return false;
    memcpy(host, s, (size_t)(colon - s));
    host[colon - s] = '\0';
    *port = (unsigned short)p;
    return true;
}

static int cmd_serve(void)
{
    /* Memory given back (bench/run --scale: with the page cache full and
     * turning over, the server's RSS was twice the cache's 16 MiB):
     * - glibc gives each thread that allocates at once its own arena (up
     *   to 8 per core), each keeping what was freed in it; two are plenty;
     * - a heap's free top is returned from 64 KiB instead of 128 (setting
     *   it also fixes glibc's mmap threshold at 128 KiB instead of letting
     *   it rise to 32 MiB);
     * - cached pages of 4 KiB or more get mappings of their own
     *   (http/pcache.c); a threshold of 16 KiB for every allocation did
     *   much the same but gave each request's body buffer a mapping, at
     *   half again the CPU of a cached page.
     * The MALLOC_*_ environment variables still decide when set. */
    if (!getenv("MALLOC_ARENA_MAX")) mallopt(M_ARENA_MAX, 2);
    if (!getenv("MALLOC_TRIM_THRESHOLD_")) mallopt(M_TRIM_THRESHOLD, 64 * 1024);
    char host[64];
    struct server_config cfg = {0};
    const char *listen = env_or("SAMSKAP_LISTEN", "127.0.0.1:8080");
    if (!parse_listen(listen, host, sizeof host, &cfg.port)) {
        fprintf(stderr, "samskap: SAMSKAP_LISTEN must be host:port, not %s\n", listen);
        return 2;
    }
    cfg.host = host;
    cfg.db_url = env_or("SAMSKAP_DB", "samskap.db");
    /* one thread per core, like nginx's workers: each thread serves the
     * connections it accepted, and a thread more than there are cores waits
     * for a time slice with all of them (p99 twice nginx's with two per
     * core, bench/run --pages).  A password hash holds no worker (hashq). */
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int64_t threads = cores > 2 ? cores : 2;
    const char *tenv = getenv("SAMSKAP_THREADS");
    if (tenv && *tenv && !parse_i64(tenv, &threads)) {
        fprintf(stderr, "samskap: SAMSKAP_THREADS must be a number\n");
        return 2;
    }
    cfg.threads = threads < 1 ? 1 : threads > 64 ? 64 : (unsigned)threads;
    cfg.trust_proxy = strcmp(env_or("SAMSKAP_TRUST_PROXY", "0"), "1") == 0;
    cfg.access_log = strcmp(env_or("SAMSKAP_ACCESS_LOG", "1"), "0") != 0;
    /* limits that hold under overload: behind a proxy every connection
     * comes from the proxy's address, so the per-address limit is off there
     * unless it is asked for (the proxy limits per client) */
    struct { const char *name; int64_t dflt, min, max; unsigned *out; } lim[] = {
        {"SAMSKAP_PER_IP_CONNECTIONS", cfg.trust_proxy ? 0 : 64, 0, 100000, &cfg.per_ip},
        {"SAMSKAP_REQUEST_DEADLINE", 20, 1, 3600, &cfg.deadline},
        {"SAMSKAP_IDLE_TIMEOUT", 15, 1, 3600, &cfg.idle_timeout},
        {"SAMSKAP_HASH_THREADS", 1, 1, 16, &cfg.hash_threads},
        {"SAMSKAP_HASH_QUEUE", 8, 1, 10000, &cfg.hash_queue},
    };
    for (size_t i = 0; i < sizeof lim / sizeof lim[0]; i++) {
        int64_t v = lim[i].dflt;
        const char *e = getenv(lim[i].name);
        if (e && *e && (!parse_i64(e, &v) || v < lim[i].min || v > lim[i].max)) {
            fprintf(stderr, "samskap: %s must be a number from %lld to %lld\n", lim[i].name,
                    (long long)lim[i].min, (long long)lim[i].max);
            return 2;
        }
        *lim[i].out = (unsigned)v;
    }
    char base[128];
    snprintf(base, sizeof base, "http://%s", listen);
    site_set_base_url(env_or("SAMSKAP_BASE_URL", base));
    db *d = open_migrated();
    if (!d) return 1;
    store_sessions_purge(d, (int64_t)time(NULL));
    /* a process that died between a commit and its bump (PostgreSQL) must
     * leave no stale page in the page cache of any process */
    db_content_bump(d);
    db_close(d);
    struct smtp_config smtp = {
        .url = getenv("SAMSKAP_SMTP_URL"),
        .user = getenv("SAMSKAP_SMTP_USER"),
        .password = getenv("SAMSKAP_SMTP_PASSWORD"),
        .from_addr = env_or("SAMSKAP_MAIL_FROM", "noreply@samskap.invalid"),
        .from_name = "samskap",
    };
    int64_t interval = 10;
    parse_i64(env_or("SAMSKAP_MAIL_INTERVAL", "10"), &interval);
    bool sending = smtp.url && *smtp.url;
    mail_sender_periodic(moderation_digest_run); /* the daily digest of what waits */
    mail_sender_periodic(events_sweep_run); /* offers, their expiry, retention of registrations */
    mail_sender_periodic(hack_sweep_run);   /* retention of the inhabithon's registrations */
    /* The thread runs without SMTP too: offers expire and registrations are
     * erased at their retention date whether or not mail can leave. */
    bool started = mail_sender_start(cfg.db_url, &smtp, (int)interval);
    if (!started) log_error("mail: cannot start the sender");
    if (!sending) log_info("mail: SAMSKAP_SMTP_URL is not set; e-mail waits in the outbox");
    int rc = server_run(&cfg);
    if (started) mail_sender_stop();
    fragment_cache_free();
    return rc;
}

static int cmd_migrate(void)
{
    db *d = open_db();
    if (!d) return 1;
    int applied = 0;
    enum db_rc rc = store_migrate(d, &applied);
    if (rc == DB_OK) printf("samskap: schema version %d (%d migration%s applied)\n",
                            store_schema_version(d), applied, applied == 1 ? "" : "s");
    db_close(d);
    return rc == DB_OK ? 0 : 1;
}

static int cmd_demo(void)
{
    db *d = open_migrated();
    if (!d) return 1;
    int rc = demo_load(d) ? 0 : 1;
    db_close(d);
    return rc;
}

/* Reads one line from standard input without echo when it is a terminal. */
static char *read_password(void)
{
    struct termios old, quiet;
    bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        fprintf(stderr, "Lösenord: ");
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    char line[512];
    char *got = fgets(line, sizeof line, stdin);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        fprintf(stderr, "\n");
    }
    if (!got) return NULL;
    line[strcspn(line, "\r\n")] = '\0';
    return xstrdup(line);
}

/* The user, their roles and the audit row: one transaction. */
struct user_add {
    arena *a;
    struct user_new u;
    unsigned roles;
    int64_t id;
};

static enum db_rc user_add_tx(db *d, void *ctx)
{
    struct user_add *x = ctx;
    enum db_rc st = store_user_create(d, &x->u, &x->id);
    for (int r = 0; st == DB_OK && r < ROLE_COUNT; r++)
        if (x->roles & (1u << r)) st = store_role_grant(d, x->id, (enum role)r, 0, x->u.now);
    if (st != DB_OK) return st;
    return store_audit(d, x->u.now, 0, "anvandare.skapa (cli)", arena_printf(x->a, "user:%lld", (long long)x->id), "");
}

static int cmd_user_add(int argc, char **argv)
{
    const char *email = NULL, *name = NULL;
    unsigned roles = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--email") == 0 && i + 1 < argc) email = argv[++i];
        else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc) name = argv[++i];
        else if (strcmp(argv[i], "--role") == 0 && i + 1 < argc) {
            int r = role_from_name(argv[++i]);
            if (r < 0) {
                fprintf(stderr, "samskap: unknown role %s\n", argv[i]);
                return 2;
            }
            roles |= 1u << r;
        } else {
            fprintf(stderr, "samskap: unexpected argument %s\n%s", argv[i], USAGE);
            return 2;
        }
    }
    if (!email || !name) {
        fprintf(stderr, "samskap: user add needs --email and --name\n");
        return 2;
    }
    arena *a = arena_new();
    char *lower = arena_strdup(a, email);
    for (char *p = lower; *p; p++) *p = (char)tolower((unsigned char)*p);
    const char *e = validate_email(lower);
    if (!e) e = validate_person_name(name);
    if (e || !utf8_valid(name, strlen(name))) {
        fprintf(stderr, "samskap: invalid e-mail address or name (%s)\n", e ? e : "utf-8");
        arena_free(a);
        return 2;
    }
    char *pw = read_password();
    int rc = 1;
    const char *pe = pw ? validate_password(pw, lower) : "err.required";
    if (pe) {
        fprintf(stderr, "samskap: unacceptable password (at least %d characters)\n", PASSWORD_MIN);
        rc = 2;
        goto out;
    }
    db *d = open_migrated();
    if (!d) goto out;
    char *hash = password_hash(a, pw);
    struct user_add x = {a, {lower, name, hash, 0, (int64_t)time(NULL)}, roles, 0};
    enum db_rc st = hash ? db_tx(d, true, user_add_tx, &x) : DB_ERR;
    int64_t id = x.id;
    if (st == DB_CONSTRAINT) fprintf(stderr, "samskap: a user with that e-mail exists\n");
    else if (st != DB_OK) fprintf(stderr, "samskap: the user could not be stored\n");
    if (st == DB_OK) {
        printf("samskap: created user %lld (%s)\n", (long long)id, lower);
        rc = 0;
    }
    db_close(d);
out:
    free(pw);
    arena_free(a);
    return rc;
}

static int cmd_backup(int argc, char **argv)
{
    if (argc != 1) {
        fprintf(stderr, "samskap: backup needs one destination path\n");
        return 2;
    }
    const char *url = env_or("SAMSKAP_DB", "samskap.db");
    if (strncmp(url, "postgres", 8) == 0) {
        fprintf(stderr, "samskap: for PostgreSQL, use pg_dump\n");
        return 2;
    }
    const char *err = NULL;
    if (!db_sqlite_backup(url, argv[0], &err)) {
        fprintf(stderr, "samskap: backup failed: %s\n", err ? err : "?");
        return 1;
    }
    printf("samskap: backup written to %s\n", argv[0]);
    return 0;
}

int main(int argc, char **argv)
{
    setenv("TZ", "Europe/Stockholm", 1);
    tzset();
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0) {
        fprintf(stderr, "samskap: libcurl failed to start\n");
        return 1;
    }
    if (!crypto_init()) {
        fprintf(stderr, "samskap: libsodium failed to start\n");
        return 1;
    }
    if (!i18n_load()) return 1;
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        fputs(USAGE, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    int rc;
    if (strcmp(argv[1], "serve") == 0) rc = cmd_serve();
    else if (strcmp(argv[1], "migrate") == 0) rc = cmd_migrate();
    else if (strcmp(argv[1], "demo") == 0) rc = cmd_demo();
    else if (strcmp(argv[1], "user") == 0 && argc >= 3 && strcmp(argv[2], "add") == 0)
        rc = cmd_user_add(argc - 3, argv + 3);
    else if (strcmp(argv[1], "backup") == 0) rc = cmd_backup(argc - 2, argv + 2);
    else {
        fprintf(stderr, "samskap: unknown command %s\n\n%s", argv[1], USAGE);
        rc = 2;
    }
    i18n_free();
    curl_global_cleanup();
    return rc;
}
