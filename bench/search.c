/* bench/search.c — the search index in the process (issue 10): generates N
 * Swedish-like documents (compounds, inflections, å/ä/ö) into a fresh
 * SQLite database through search_put, then measures
 *   - writing one document with its index entry (each its own transaction),
 *   - searches: single words, inflected forms, compound parts, two words,
 *     typos (the "Menade du" path), p50/p95/p99,
 *   - the index's size against the text's (dbstat).
 * Usage: build/bench/search DB-PATH [N]   (bench/search builds and runs it) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store.h"
#include "util/log.h"

static const char *const stems[] = {
    "stöd", "grupp", "samtal", "förening", "läx", "hjälp", "ungdom", "projekt", "besök", "rum",
    "café", "språk", "kvinno", "familj", "barn", "träff", "mötes", "plats", "arbets", "löshet",
    "hälsa", "psykisk", "rådgivning", "ledar", "skap", "utbildning", "idrott", "musik", "fritids",
    "gård", "klubb", "hus", "bibliotek", "digital", "kultur", "natur", "vandring", "mat", "lag",
    "sömn", "stress", "samverkan", "nätverk", "anhörig", "senior", "motion", "dans", "teater",
    "konst", "verkstad", "sy", "snickar", "odling", "trädgård", "läsning", "skriv", "film", "foto",
    "spel", "schack", "fotboll", "simning", "cykel", "vård", "omsorg", "boende", "ekonomi", "skuld",
    "budget", "jobb", "praktik", "mentor", "vän", "fika", "kör", "sång", "bön", "själa", "sorg",
    "kris", "jour", "telefon", "chatt", "läger", "resa", "utflykt", "helg", "kväll", "sommar",
};
static const char *const suffixes[] = {"", "", "", "en", "et", "er", "erna", "ar", "arna", "or", "orna",
                                       "ens", "s", "ande", "ning", "ningar", "are", "arna"};
static const char *const fill[] = {"och", "för", "med", "på", "i", "till", "som", "att", "vi", "alla",
                                   "varje", "vecka", "tillsammans", "träffas", "erbjuder", "välkommen",
                                   "gratis", "öppet", "Helsingborg", "Drottninghög", "Söder", "centrum"};
#define NSTEMS (sizeof stems / sizeof *stems)
#define NSUF (sizeof suffixes / sizeof *suffixes)
#define NFILL (sizeof fill / sizeof *fill)

static unsigned long long rng = 88172645463325252ULL;
static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

static const char *const syl[] = {"ba", "be", "bo", "da", "de", "dö", "fa", "fe", "fi", "gå", "ge", "gu",
                                  "ha", "hä", "hö", "ka", "ke", "ko", "la", "le", "lö", "ma", "me", "mo",
                                  "na", "ne", "nå", "pa", "pe", "ra", "re", "rö", "sa", "se", "sjö", "ta",
                                  "te", "tå", "va", "ve", "vä", "ån", "är", "öl", "ing", "ark", "eld", "orm"};
#define NSYL (sizeof syl / sizeof *syl)

/* A word: mostly a made-up word of two to four syllables (a large,
 * Zipf-ish vocabulary as real text has), else one of the stems, often
 * compounded with another (with a linking s), with an inflection. */
static void word(buf *b)
{
    if (rnd(4) != 0) {
        /* low ranks are common: the square of a uniform number */
        unsigned r = rnd(200), k = r * r;
        unsigned seed = k * 2654435761u;
        for (unsigned i = 0, n = 2 + seed % 3; i < n; i++) buf_puts(b, syl[(seed >> (i * 6)) % NSYL]);
        buf_puts(b, suffixes[rnd(NSUF)]);
        return;
    }
    const char *a = stems[rnd(NSTEMS)];
    buf_puts(b, a);
    if (rnd(3) == 0) {
        if (rnd(2)) buf_putc(b, 's');
        buf_puts(b, stems[rnd(NSTEMS)]);
    }
    buf_puts(b, suffixes[rnd(NSUF)]);
}

static void text(buf *b, int words)
{
    for (int i = 0; i < words; i++) {
        if (i) buf_putc(b, ' ');
        if (rnd(3) == 0) buf_puts(b, fill[rnd(NFILL)]);
        else word(b);
        if (rnd(12) == 0) buf_puts(b, ".");
    }
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void report(const char *what, double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_d);
    printf("%-34s n=%-6zu p50 %7.3f ms  p95 %7.3f ms  p99 %7.3f ms  max %7.3f ms\n", what, n, v[n / 2],
           v[(size_t)(n * 0.95)], v[(size_t)(n * 0.99)], v[n - 1]);
}

static int64_t text_bytes;
static const char *const kinds[] = {"utbud", "inlagg", "ide", "aktivitet", "organisation"};
static const char *const groups[] = {"grupp=Anhöriga", "grupp=Ensamhet", "grupp=Nyanlända", "grupp=Missbruk"};

static enum db_rc put_one(db *d, int64_t ref, int64_t t)
{
    buf title = {0}, body = {0};
    text(&title, 3 + (int)rnd(4));
    text(&body, 40 + (int)rnd(80));
    text_bytes += (int64_t)(title.len + body.len);
    char url[64];
    snprintf(url, sizeof url, "/x/%lld", (long long)ref);
    const char *facets[] = {groups[rnd(4)], rnd(2) ? "kostnad=gratis" : "kostnad=avgift", NULL};
    struct search_doc sd = {.kind = kinds[rnd(5)], .ref = ref, .url = url, .title = buf_cstr(&title),
                            .body = buf_cstr(&body), .updated_at = t - rnd(1000) * 86400,
                            .facets = facets, .visible = true};
    enum db_rc rc = search_put(d, &sd);
    buf_free(&title);
    buf_free(&body);
    return rc;
}

struct bulk {
    int64_t from, to, t;
};

static enum db_rc bulk_tx(db *d, void *ctx)
{
    struct bulk *b = ctx;
    enum db_rc rc = DB_OK;
    for (int64_t i = b->from; rc == DB_OK && i < b->to; i++) rc = put_one(d, i, b->t);
    return rc;
}

static int64_t one(db *d, const char *sql)
{
    int64_t v = 0;
    db_one_int(db_prepare(d, sql), &v);
    return v;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s DB-PATH [N]\n", argv[0]);
        return 2;
    }
    log_set_quiet(1);
    setvbuf(stdout, NULL, _IOLBF, 0);
    long n = argc > 2 ? atol(argv[2]) : 100000;
    const char *err = NULL;
    db *d = db_open(argv[1], &err);
    if (!d) {
        fprintf(stderr, "open: %s\n", err);
        return 1;
    }
    /* BENCH_MMAP=<bytes>: try SQLite's memory-mapped reads (the server does
     * not set it: a 500 KiB page cache per connection) */
    if (getenv("BENCH_MMAP")) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA mmap_size=%s", getenv("BENCH_MMAP"));
        db_exec(d, pragma);
    }
    if (getenv("BENCH_CACHE_KIB")) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA cache_size=-%s", getenv("BENCH_CACHE_KIB"));
        db_exec(d, pragma);
    }
    /* BENCH_PRAGMA="PRAGMA …; …": anything else to try on the connection */
    if (getenv("BENCH_PRAGMA")) db_exec(d, getenv("BENCH_PRAGMA"));
    int applied = 0;
    if (store_migrate(d, &applied) != DB_OK) {
        fprintf(stderr, "migrate failed\n");
        return 1;
    }
    int64_t t = (int64_t)time(NULL);
    double t0 = now_ms();
    /* BENCH_REUSE=1 with a database already loaded: only the searches */
    int64_t have = 0, have_words = 0;
    store_search_counts(d, &have, &have_words);
    bool reuse = getenv("BENCH_REUSE") && have >= n;
    for (int64_t i = 1; !reuse && i <= n; i += 1000) {
        struct bulk b = {i, i + 1000 > n + 1 ? n + 1 : i + 1000, t};
        if (db_tx(d, true, bulk_tx, &b) != DB_OK) {
            fprintf(stderr, "bulk load failed at %lld: %s\n", (long long)i, db_errmsg(d));
            return 1;
        }
    }
    printf("loaded %ld documents in %.1f s (1 000 per transaction)\n", n, (now_ms() - t0) / 1e3);

    /* single writes, each its own transaction (as a page's save is) */
    enum { W = 1000 };
    static double wv[W];
    for (int i = 0; !reuse && i < W; i++) {
        double s = now_ms();
        if (put_one(d, n + 1 + i, t) != DB_OK) return 1;
        wv[i] = now_ms() - s;
    }
    if (!reuse) report("write one document + index", wv, W);
    /* replacing (an edit) */
    for (int i = 0; !reuse && i < W; i++) {
        double s = now_ms();
        if (put_one(d, 1 + rnd((unsigned)n), t) != DB_OK) return 1;
        wv[i] = now_ms() - s;
    }
    if (!reuse) report("edit one document + index", wv, W);

    enum { QMAX = 200 };
    static double qv[QMAX];
    /* BENCH_Q=<n>: fewer queries per kind (quick comparisons) */
    int Q = getenv("BENCH_Q") ? atoi(getenv("BENCH_Q")) : QMAX;
    if (Q < 1 || Q > QMAX) Q = QMAX;
    const char *label[] = {"search: one word", "search: inflected form", "search: compound part",
                           "search: two words", "search: typo (Menade du)"};
    int64_t hits = 0;
    /* every query runs: the per-process cache of results is off here and
     * measured on its own below */
    store_search_cache_enable(false);
    for (int kind = 0; kind < 5; kind++) {
        for (int i = 0; i < Q; i++) {
            char q[200];
            const char *s1 = stems[rnd(NSTEMS)], *s2 = stems[rnd(NSTEMS)];
            switch (kind) {
            case 0: snprintf(q, sizeof q, "%s", s1); break;
            case 1: snprintf(q, sizeof q, "%s%s", s1, suffixes[3 + rnd(NSUF - 3)]); break;
            case 2: snprintf(q, sizeof q, "%s", strlen(s1) >= 4 ? s1 : s2); break;
            case 3: snprintf(q, sizeof q, "%s %s", s1, s2); break;
            default: {
                /* a word with one ASCII letter doubled: a typo */
                const char *w = strlen(s1) >= 5 ? s1 : "rådgivning";
                size_t k = 1 + rnd((unsigned)strlen(w) - 1);
                while (k > 0 && ((unsigned char)w[k] & 0x80)) k--;
                snprintf(q, sizeof q, "%.*s%s", (int)k + 1, w, w + k);
            }
            }
            arena *a = arena_new();
            struct search_result r;
            double s = now_ms();
            if (store_search(d, a, q, NULL, 0, 10, t, &r) != DB_OK) {
                fprintf(stderr, "search failed: %s\n", q);
                return 1;
            }
            qv[i] = now_ms() - s;
            hits += r.total;
            arena_free(a);
        }
        report(label[kind], qv, (size_t)Q);
    }
    printf("(%lld hits in all)\n", (long long)hits);
    /* the same query again (a popular search): from the cache */
    store_search_cache_enable(true);
    for (int i = 0; i < Q; i++) {
        arena *a = arena_new();
        struct search_result r;
        double s = now_ms();
        if (store_search(d, a, "stödgrupper", NULL, 0, 10, t, &r) != DB_OK) return 1;
        qv[i] = now_ms() - s;
        arena_free(a);
    }
    report("search: repeated (cached)", qv, (size_t)Q);

    int64_t docs = 0, words = 0;
    store_search_counts(d, &docs, &words);
    int64_t page = one(d, "PRAGMA page_size");
    int64_t fts = one(d, "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name LIKE 'search_fts%'");
    int64_t vocab = one(d, "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name LIKE 'search_vocab%' "
                           "OR name = 'sqlite_autoindex_search_vocab_1'");
    int64_t facets = one(d, "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name LIKE 'search_facets%'");
    int64_t docs_b = one(d, "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name = 'search_docs' OR name LIKE "
                            "'sqlite_autoindex_search_docs%'");
    printf("documents %lld, vocabulary %lld words, page size %lld\n", (long long)docs, (long long)words,
           (long long)page);
    printf("text (titles + bodies) %.1f MiB; the copy in search_docs %.1f MiB\n", text_bytes / 1048576.0,
           docs_b / 1048576.0);
    printf("index: FTS5 %.1f MiB + vocabulary %.1f MiB + facets %.1f MiB = %.2f x the text\n", fts / 1048576.0,
           vocab / 1048576.0, facets / 1048576.0, (double)(fts + vocab + facets) / (double)text_bytes);
    db_close(d);
    return 0;
}
