/* Site-wide search: see store/search.h and docs/DESIGN.md.
 *
 * The words are ours (domain/swedish.c) on both engines: the query is split
 * into words here and each word widened to the indexed words it stands for
 * (itself; an indexed word it begins with, for a definite form typed
 * against a bare one; indexed words holding it, for compounds), looked up
 * in search_vocab.  Only then does an engine see the words: FTS5 with the
 * "sv" tokenizer (fts_sv.c) on SQLite, to_tsquery('swedish') on
 * PostgreSQL, both stemming with Snowball's Swedish stemmer.  Words reach
 * either engine as letters and digits only, so nothing typed is ever read
 * as query syntax. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/swedish.h"
#include "store/search.h"
#include "util/log.h"

/* ---- the words of a text ---- */

struct wordset {
    char **w;
    size_t n, cap;
};

static bool collect(void *ctx, const char *w, size_t wlen, size_t start, size_t end)
{
    (void)start;
    (void)end;
    struct wordset *s = ctx;
    if (wlen < 2 || sv_stopword(w)) return true;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->w = xrealloc(s->w, s->cap * sizeof *s->w);
    }
    s->w[s->n++] = xstrndup(w, wlen);
    return true;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The distinct words of title and body, sorted. */
static void distinct_words(const char *title, const char *body, struct wordset *s)
{
    memset(s, 0, sizeof *s);
    sv_words(title, strlen(title), collect, s);
    sv_words(body, strlen(body), collect, s);
    if (!s->n) return;
    qsort(s->w, s->n, sizeof *s->w, cmp_str);
    size_t o = 1;
    for (size_t i = 1; i < s->n; i++) {
        if (strcmp(s->w[i], s->w[o - 1]) == 0) free(s->w[i]);
        else s->w[o++] = s->w[i];
    }
    s->n = o;
}

static void wordset_free(struct wordset *s)
{
    for (size_t i = 0; i < s->n; i++) free(s->w[i]);
    free(s->w);
}

static enum db_rc vocab_change(db *d, const struct wordset *s, int delta)
{
    static const char Q_ADD[] =
        "INSERT INTO search_vocab(word, fold, n) VALUES (?, ?, 1) "
        "ON CONFLICT (word) DO UPDATE SET n = search_vocab.n + 1 RETURNING n, id";
    static const char Q_SUB[] = "UPDATE search_vocab SET n = n - 1 WHERE word = ?";
    static const char Q_DEL[] = "DELETE FROM search_vocab WHERE word = ? AND n <= 0 RETURNING id";
    /* SQLite: the trigram table follows the vocabulary's words in and out,
     * under the same id */
    static const char Q_TRI_ADD[] = "INSERT INTO search_vocab_tri(rowid, word, fold) VALUES (?, ?, ?)";
    static const char Q_TRI_DEL[] = "DELETE FROM search_vocab_tri WHERE rowid = ?";
    bool tri = db_dialect(d) == DB_SQLITE;
    for (size_t i = 0; i < s->n; i++) {
        enum db_rc rc;
        bool long_enough = tri && sv_chars(s->w[i]) >= 3;
        if (delta > 0) {
            char fold[SV_WORD_MAX * 2];
            sv_fold(s->w[i], fold, sizeof fold);
            db_stmt *st = db_prepare(d, Q_ADD);
            db_bind_text(st, 1, s->w[i]);
            db_bind_text(st, 2, fold);
            int64_t n = 0, id = 0;
            rc = db_step(st);
            if (rc == DB_ROW) {
                n = db_col_int(st, 0);
                id = db_col_int(st, 1);
                rc = DB_OK;
            } else if (rc == DB_DONE) {
                rc = DB_ERR;
            }
            db_done(st);
            if (rc == DB_OK && n == 1 && long_enough) {
                st = db_prepare(d, Q_TRI_ADD);
                db_bind_int(st, 1, id);
                db_bind_text(st, 2, s->w[i]);
                db_bind_text(st, 3, fold);
                rc = db_run(st);
            }
        } else {
            db_stmt *st = db_prepare(d, Q_SUB);
            db_bind_text(st, 1, s->w[i]);
            rc = db_run(st);
            int64_t gone = 0;
            bool was = false;
            if (rc == DB_OK) {
                st = db_prepare(d, Q_DEL);
                db_bind_text(st, 1, s->w[i]);
                rc = db_step(st);
                if (rc == DB_ROW) {
                    gone = db_col_int(st, 0);
                    was = true;
                    rc = DB_OK;
                } else if (rc == DB_DONE) {
                    rc = DB_OK;
                }
                db_done(st);
            }
            if (rc == DB_OK && was && long_enough) {
                st = db_prepare(d, Q_TRI_DEL);
                db_bind_int(st, 1, gone);
                rc = db_run(st);
            }
        }
        if (rc != DB_OK) return rc;
    }
    return DB_OK;
}

/* ---- writing ---- */

static enum db_rc drop_doc(db *d, int64_t id, const char *title, const char *body)
{
    struct wordset s;
    distinct_words(title, body, &s);
    enum db_rc rc = vocab_change(d, &s, -1);
    wordset_free(&s);
    if (rc != DB_OK) return rc;
    if (db_dialect(d) == DB_SQLITE) {
        static const char Q_FTS[] =
            "INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)";
        db_stmt *st = db_prepare(d, Q_FTS);
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, title);
        db_bind_text(st, 3, body);
        if ((rc = db_run(st)) != DB_OK) return rc;
    }
    static const char Q_F[] = "DELETE FROM search_facets WHERE doc_id = ?";
    db_stmt *st = db_prepare(d, Q_F);
    db_bind_int(st, 1, id);
    if ((rc = db_run(st)) != DB_OK) return rc;
    static const char Q_D[] = "DELETE FROM search_docs WHERE id = ?";
    st = db_prepare(d, Q_D);
    db_bind_int(st, 1, id);
    return db_run(st);
}

static enum db_rc put_facets(db *d, int64_t id, const struct search_doc *doc)
{
    static const char Q[] =
        "INSERT INTO search_facets(doc_id, name, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    db_stmt *st = db_prepare(d, Q);
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, "kind");
    db_bind_text(st, 3, doc->kind);
    enum db_rc rc = db_run(st);
    for (size_t i = 0; rc == DB_OK && doc->facets && doc->facets[i]; i++) {
        const char *eq = strchr(doc->facets[i], '=');
        if (!eq || !eq[1]) continue;
        char name[32];
        size_t n = (size_t)(eq - doc->facets[i]);
        if (n >= sizeof name) continue;
        memcpy(name, doc->facets[i], n);
        name[n] = 0;
        st = db_prepare(d, Q);
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, name);
        db_bind_text(st, 3, eq + 1);
        rc = db_run(st);
    }
    return rc;
}

struct put_ctx {
    const struct search_doc *doc;
    const char *kind;
    int64_t ref;
};

/* A new random version for the index (see search_version in 0010): in the
 * writing transaction, so a reader's snapshot sees the new version exactly
 * when it sees the change. */
static enum db_rc bump_version(db *d)
{
    static const char Q_SQ[] = "UPDATE search_version SET v = random() WHERE id = 1";
    static const char Q_PG[] =
        "UPDATE search_version SET v = floor(random() * 9e18)::bigint WHERE id = 1";
    return db_run(db_prepare(d, db_dialect(d) == DB_PG ? Q_PG : Q_SQ));
}

static enum db_rc put_tx(db *d, void *ctx)
{
    struct put_ctx *c = ctx;
    const struct search_doc *doc = c->doc;
    enum db_rc brc = bump_version(d);
    if (brc != DB_OK) return brc;
    static const char Q_OLD[] = "SELECT id, title, body FROM search_docs WHERE kind = ? AND ref = ?";
    db_stmt *st = db_prepare(d, Q_OLD);
    db_bind_text(st, 1, c->kind);
    db_bind_int(st, 2, c->ref);
    enum db_rc rc = db_step(st);
    int64_t old = 0;
    char *otitle = NULL, *obody = NULL;
    if (rc == DB_ROW) {
        old = db_col_int(st, 0);
        otitle = xstrdup(db_col_text(st, 1));
        obody = xstrdup(db_col_text(st, 2));
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_OK;
    }
    db_done(st);
    if (rc == DB_OK && old) rc = drop_doc(d, old, otitle, obody);
    free(otitle);
    free(obody);
    if (rc != DB_OK || !doc || !doc->visible) return rc;

    const char *title = doc->title ? doc->title : "", *body = doc->body ? doc->body : "";
    static const char Q_SQ[] =
        "INSERT INTO search_docs(kind, ref, url, title, body, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
    static const char Q_PG[] =
        "INSERT INTO search_docs(kind, ref, url, title, body, updated_at, tsv) "
        "VALUES (?, ?, ?, ?, ?, ?, setweight(to_tsvector('swedish', ?), 'A') || "
        "setweight(to_tsvector('swedish', ?), 'B')) RETURNING id";
    bool pg = db_dialect(d) == DB_PG;
    st = db_prepare(d, pg ? Q_PG : Q_SQ);
    db_bind_text(st, 1, doc->kind);
    db_bind_int(st, 2, doc->ref);
    db_bind_text(st, 3, doc->url ? doc->url : "");
    db_bind_text(st, 4, title);
    db_bind_text(st, 5, body);
    db_bind_int(st, 6, doc->updated_at);
    if (pg) {
        db_bind_text(st, 7, title);
        db_bind_text(st, 8, body);
    }
    int64_t id = 0;
    if ((rc = db_one_int(st, &id)) != DB_OK) return rc;
    if (!pg) {
        static const char Q_FTS[] = "INSERT INTO search_fts(rowid, title, body) VALUES (?, ?, ?)";
        st = db_prepare(d, Q_FTS);
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, title);
        db_bind_text(st, 3, body);
        if ((rc = db_run(st)) != DB_OK) return rc;
    }
    if ((rc = put_facets(d, id, doc)) != DB_OK) return rc;
    struct wordset s;
    distinct_words(title, body, &s);
    rc = vocab_change(d, &s, +1);
    wordset_free(&s);
    return rc;
}

enum db_rc search_put(db *d, const struct search_doc *doc)
{
    if (!doc || !doc->kind) return DB_ERR;
    struct put_ctx c = {doc, doc->kind, doc->ref};
    return db_tx(d, true, put_tx, &c);
}

enum db_rc search_drop(db *d, const char *kind, int64_t ref)
{
    struct put_ctx c = {NULL, kind, ref};
    return db_tx(d, true, put_tx, &c);
}

static enum db_rc drop_kind_tx(db *d, void *ctx)
{
    const char *kind = ctx;
    static const char Q[] = "SELECT ref FROM search_docs WHERE kind = ? ORDER BY ref";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, kind);
    int64_t *refs = NULL;
    size_t n = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            refs = xrealloc(refs, cap * sizeof *refs);
        }
        refs[n++] = db_col_int(st, 0);
    }
    db_done(st);
    if (rc == DB_DONE) rc = DB_OK;
    for (size_t i = 0; rc == DB_OK && i < n; i++) {
        struct put_ctx c = {NULL, kind, refs[i]};
        rc = put_tx(d, &c);
    }
    free(refs);
    return rc;
}

enum db_rc search_drop_kind(db *d, const char *kind)
{
    return db_tx(d, true, drop_kind_tx, (void *)kind);
}

/* ---- reading ---- */

#define MAX_TERMS 40

struct term_group {
    const char *word;          /* as typed, lower case */
    const char *terms[MAX_TERMS];
    size_t n;
    bool known;                /* an indexed word stands for it */
};

static bool group_has(const struct term_group *g, const char *w)
{
    for (size_t i = 0; i < g->n; i++)
        if (strcmp(g->terms[i], w) == 0) return true;
    return false;
}

static void group_add(arena *a, struct term_group *g, const char *w)
{
    if (g->n < MAX_TERMS && !group_has(g, w)) g->terms[g->n++] = arena_strdup(a, w);
}

static enum db_rc vocab_has(db *d, const char *w, bool *has)
{
    static const char Q[] = "SELECT COUNT(*) FROM search_vocab WHERE word = ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, w);
    int64_t n = 0;
    enum db_rc rc = db_one_int(st, &n);
    *has = n > 0;
    return rc;
}

/* Adds the indexed words holding part (in the word or, on_fold, in the
 * folded word; exact when whole), commonest first.  SQLite looks them up
 * in the trigram table, PostgreSQL with LIKE over its pg_trgm index. */
static enum db_rc add_like(db *d, arena *a, struct term_group *g, bool on_fold, const char *part, bool whole)
{
    static const char Q_W[] =
        "SELECT word FROM search_vocab WHERE word LIKE ? ORDER BY n DESC, word LIMIT 12";
    static const char Q_F[] =
        "SELECT word FROM search_vocab WHERE fold LIKE ? ORDER BY n DESC, word LIMIT 12";
    /* of the first 1 000 words holding the part (the oldest in the
     * vocabulary: a common word comes in early), the 12 commonest; more
     * than 1 000 only for a short, common part in a very large vocabulary */
    static const char Q_TW[] =
        "SELECT v.word FROM (SELECT rowid AS id FROM search_vocab_tri WHERE search_vocab_tri MATCH ? "
        "ORDER BY rowid LIMIT 1000) t JOIN search_vocab v ON v.id = t.id ORDER BY v.n DESC, v.word LIMIT 12";
    static const char Q_FOLD_EQ[] =
        "SELECT word FROM search_vocab WHERE fold = ? ORDER BY n DESC, word LIMIT 12";
    db_stmt *st;
    if (whole) {
        st = db_prepare(d, Q_FOLD_EQ);
        db_bind_text(st, 1, part);
    } else if (db_dialect(d) == DB_SQLITE) {
        st = db_prepare(d, Q_TW);
        db_bind_text(st, 1, arena_printf(a, "%s : \"%s\"", on_fold ? "fold" : "word", part));
    } else {
        st = db_prepare(d, on_fold ? Q_F : Q_W);
        db_bind_text(st, 1, arena_printf(a, "%%%s%%", part));
    }
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        group_add(a, g, db_col_text(st, 0));
        g->known = true;
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* The byte length of the first `chars` characters of w. */
static size_t prefix_bytes(const char *w, size_t chars)
{
    size_t i = 0;
    while (w[i] && chars) {
        i++;
        while ((w[i] & 0xC0) == 0x80) i++;
        chars--;
    }
    return i;
}

/* Widens word into its group: itself, an indexed word it begins with (a
 * definite or plural form typed against the bare word: besöksrummet →
 * besöksrum), indexed words holding it (grupp → stödgrupp, samtal →
 * samtalsgrupp, besöksrum → besöksrummet); folded: the same on folded
 * forms. */
static enum db_rc widen(db *d, arena *a, struct term_group *g, bool folded)
{
    const char *w = g->word;
    size_t nc = sv_chars(w);
    enum db_rc rc = DB_OK;
    if (!folded) {
        bool has = false;
        group_add(a, g, w);
        if ((rc = vocab_has(d, w, &has)) != DB_OK) return rc;
        if (has) g->known = true;
        for (size_t k = nc - 1; k >= 4 && k + 4 >= nc; k--) {
            char *p = arena_strndup(a, w, prefix_bytes(w, k));
            if (sv_stopword(p)) continue;
            if ((rc = vocab_has(d, p, &has)) != DB_OK) return rc;
            if (has) {
                group_add(a, g, p);
                g->known = true;
            }
        }
        if (nc >= 4) rc = add_like(d, a, g, false, w, false);
        return rc;
    }
    char fold[SV_WORD_MAX * 2];
    sv_fold(w, fold, sizeof fold);
    return add_like(d, a, g, true, arena_strdup(a, fold), nc < 4);
}

/* The indexed word nearest to g->word within its typo budget (compared
 * folded; ties: fewer edits unfolded, then the commoner word), or NULL.
 * Candidates share the first letter (a typo there is not looked for). */
static enum db_rc nearest(db *d, arena *a, const char *w, const char **best)
{
    *best = NULL;
    size_t nc = sv_chars(w);
    int budget = sv_typo_budget(nc);
    if (!budget) return DB_OK;
    char fold[SV_WORD_MAX * 2];
    sv_fold(w, fold, sizeof fold);
    size_t first = prefix_bytes(fold, 1);
    char lo[8] = {0}, hi[8] = {0};
    memcpy(lo, fold, first);
    memcpy(hi, fold, first);
    hi[first - 1]++;
    static const char Q[] =
        "SELECT word, fold, n FROM search_vocab WHERE fold >= ? AND fold < ? "
        "AND length(fold) BETWEEN ? AND ?";
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, lo);
    db_bind_text(st, 2, hi);
    db_bind_int(st, 3, (int64_t)nc - budget);
    db_bind_int(st, 4, (int64_t)nc + budget);
    enum db_rc rc;
    int bd = budget + 1, bu = 0;
    int64_t bn = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *cand = db_col_text(st, 0);
        if (strcmp(cand, w) == 0) continue;
        int dist = sv_edit_distance(fold, db_col_text(st, 1), budget);
        if (dist > budget) continue;
        int du = sv_edit_distance(w, cand, budget + 2);
        int64_t n = db_col_int(st, 2);
        if (dist < bd || (dist == bd && (du < bu || (du == bu && n > bn)))) {
            bd = dist;
            bu = du;
            bn = n;
            *best = arena_strdup(a, cand);
        }
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* The engine's query: groups ANDed, each group's words ORed. */
static char *match_text(arena *a, bool pg, const struct term_group *g, size_t n)
{
    buf b = {0};
    for (size_t i = 0; i < n; i++) {
        if (i) buf_puts(&b, pg ? " & " : " AND ");
        buf_putc(&b, '(');
        for (size_t j = 0; j < g[i].n; j++) {
            if (j) buf_puts(&b, pg ? " | " : " OR ");
            if (pg) {
                buf_puts(&b, g[i].terms[j]);
            } else {
                buf_putc(&b, '"');
                buf_puts(&b, g[i].terms[j]);
                buf_putc(&b, '"');
            }
        }
        buf_putc(&b, ')');
    }
    char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

#define FILTERS_ON(ID)                                                                        \
    " AND (? = '' OR " ID " IN (SELECT doc_id FROM search_facets WHERE name = 'kind' AND value = ?))" \
    " AND (? = '' OR " ID " IN (SELECT doc_id FROM search_facets WHERE name = 'org' AND value = ?))"  \
    " AND (? = '' OR " ID " IN (SELECT doc_id FROM search_facets WHERE name = 'grupp' AND value = ?))" \
    " AND (? = '' OR " ID " IN (SELECT doc_id FROM search_facets WHERE name = 'kostnad' AND value = ?))" \
    " AND (? = '' OR " ID " IN (SELECT doc_id FROM search_facets WHERE name = 'omrade' AND value = ?))"
#define FILTERS FILTERS_ON("d.id")

/* SQLite: the matches' ids straight from the FTS5 index, without reading
 * the documents' rows (title and body) of every match */
#define SQ_IDS " FROM search_fts WHERE search_fts MATCH ?" FILTERS_ON("search_fts.rowid") " AND search_fts.rowid > ?"
#define PG_FROM " FROM search_docs d, to_tsquery('swedish', ?) q WHERE d.tsv @@ q"

static int bind_filters(db_stmt *st, int i, const struct search_filter *f)
{
    const char *v[5] = {f->kind, f->org, f->group, f->cost, f->area};
    for (int k = 0; k < 5; k++) {
        db_bind_text(st, i++, v[k] ? v[k] : "");
        db_bind_text(st, i++, v[k] ? v[k] : "");
    }
    return i;
}

struct title_ctx {
    const struct search_result *out;
    bool hit;
};

static bool title_word(void *ctx, const char *w, size_t wlen, size_t start, size_t end)
{
    (void)start;
    (void)end;
    struct title_ctx *c = ctx;
    char stem[SV_WORD_MAX + 8];
    sv_stem(w, wlen, stem, sizeof stem);
    for (size_t i = 0; i < c->out->nstems; i++)
        if (strcmp(c->out->stems[i], stem) == 0) c->hit = true;
    return !c->hit;
}

/* Whether a title holds one of the words matched (SQLite; PostgreSQL
 * answers it in the query). */
static bool title_matches(const struct search_result *out, const char *title)
{
    struct title_ctx c = {out, false};
    sv_words(title, strlen(title), title_word, &c);
    return c.hit;
}

static enum db_rc read_hits(db *d, arena *a, const char *m, const struct search_filter *f, int64_t floor,
                            int64_t offset, int64_t limit, int64_t now, struct search_result *out)
{
    /* one bm25 per match: a title hit weighs a million times a body hit,
     * so title hits come first (whether a title matched is read from its
     * words afterwards, title_matches).  Every match is ranked from the
     * index and its date alone; only the page's rows are read whole. */
    static const char Q_SQ[] =
        "SELECT d.kind, d.url, d.title, d.body, d.updated_at, 0 AS th FROM "
        "(SELECT m.id AS id, m.s / (1.0 + (? - t.updated_at) / 31536000.0) AS score FROM "
        "(SELECT search_fts.rowid AS id, bm25(search_fts, 1000000.0, 1.0) AS s" SQ_IDS ") m "
        "JOIN search_docs t INDEXED BY search_docs_fresh ON t.id = m.id "
        "ORDER BY score, m.id DESC LIMIT ? OFFSET ?) k "
        "JOIN search_docs d ON d.id = k.id ORDER BY k.score, k.id DESC";
    static const char Q_PG[] =
        "SELECT d.kind, d.url, d.title, d.body, d.updated_at, "
        "CASE WHEN ts_rank('{0,0,0,1}'::float4[], d.tsv, q) > 0 THEN 1 ELSE 0 END AS th" PG_FROM FILTERS
        " ORDER BY th DESC, ts_rank(d.tsv, q) / (1.0 + (? - d.updated_at) / 31536000.0) DESC,"
        " d.id DESC LIMIT ? OFFSET ?";
    bool pg = db_dialect(d) == DB_PG;
    db_stmt *st = db_prepare(d, pg ? Q_PG : Q_SQ);
    int i = 1;
    if (!pg) db_bind_int(st, i++, now);
    db_bind_text(st, i++, m);
    i = bind_filters(st, i, f);
    if (!pg) db_bind_int(st, i++, floor);
    if (pg) db_bind_int(st, i++, now);
    db_bind_int(st, i++, limit);
    db_bind_int(st, i, offset);
    size_t cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct search_hit *h = ARENA_PUSH(a, out->hits, out->n, cap);
        h->kind = arena_strdup(a, db_col_text(st, 0));
        h->url = arena_strdup(a, db_col_text(st, 1));
        h->title = arena_strdup(a, db_col_text(st, 2));
        h->body = arena_strdup(a, db_col_text(st, 3));
        h->updated_at = db_col_int(st, 4);
        h->title_hit = db_col_int(st, 5) != 0 || title_matches(out, h->title);
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

static enum db_rc read_facets(db *d, arena *a, const char *m, const struct search_filter *f,
                              struct search_result *out)
{
    /* SQLite: m is the JSON array of the kept matches' ids (cap_floor) */
    static const char Q_SQ[] =
        "SELECT f.name, f.value, COUNT(*) FROM search_facets f WHERE f.doc_id IN "
        "(SELECT value FROM json_each(?)) GROUP BY f.name, f.value "
        "ORDER BY f.name, COUNT(*) DESC, f.value";
    static const char Q_PG[] =
        "SELECT f.name, f.value, COUNT(*) FROM search_facets f WHERE f.doc_id IN "
        "(SELECT d.id" PG_FROM FILTERS ") GROUP BY f.name, f.value "
        "ORDER BY f.name, COUNT(*) DESC, f.value";
    bool pg = db_dialect(d) == DB_PG;
    db_stmt *st = db_prepare(d, pg ? Q_PG : Q_SQ);
    db_bind_text(st, 1, m);
    if (pg) bind_filters(st, 2, f);
    size_t cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct search_facet_count *c = ARENA_PUSH(a, out->facets, out->nfacets, cap);
        c->name = arena_strdup(a, db_col_text(st, 0));
        c->value = arena_strdup(a, db_col_text(st, 1));
        c->n = db_col_int(st, 2);
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

struct query_words {
    const char *w[SEARCH_MAX_WORDS];
    size_t n;
    bool cut;
    arena *a;
};

static bool take_word(void *ctx, const char *w, size_t wlen, size_t start, size_t end)
{
    (void)start;
    (void)end;
    struct query_words *q = ctx;
    if (sv_chars(w) < 2 || sv_stopword(w)) return true;
    for (size_t i = 0; i < q->n; i++)
        if (strcmp(q->w[i], w) == 0) return true;
    if (q->n == SEARCH_MAX_WORDS) {
        q->cut = true;
        return false;
    }
    q->w[q->n++] = arena_strndup(q->a, w, wlen);
    return true;
}

struct search_ctx {
    arena *a;
    const char *q;
    const struct search_filter *f;
    int64_t offset, limit, now;
    struct search_result *out;
};

static void keep_stems(arena *a, const struct term_group *g, size_t n, struct search_result *out)
{
    size_t cap = 0;
    out->stems = NULL;
    out->nstems = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < g[i].n; j++) {
            char stem[SV_WORD_MAX + 8];
            sv_stem(g[i].terms[j], strlen(g[i].terms[j]), stem, sizeof stem);
            const char **s = ARENA_PUSH(a, out->stems, out->nstems, cap);
            *s = arena_strdup(a, stem);
        }
}

/* SQLite: when more than SEARCH_CAP texts match, only the SEARCH_CAP
 * newest in the index (the highest ids: the latest written or edited) are
 * ranked and counted for the facets, so a query's cost stays bounded
 * however common its words are (bm25 and the facet counts cost per
 * match).  *floor is the id the kept matches are above (0: all kept). */
static enum db_rc cap_floor(db *d, arena *a, const char *m, const struct search_filter *f, int64_t *floor,
                            bool *capped, const char **ids)
{
    static const char Q[] =
        "SELECT search_fts.rowid" SQ_IDS " ORDER BY search_fts.rowid DESC LIMIT ?";
    *floor = 0;
    *capped = false;
    db_stmt *st = db_prepare(d, Q);
    db_bind_text(st, 1, m);
    int i = bind_filters(st, 2, f);
    db_bind_int(st, i++, 0);
    db_bind_int(st, i, SEARCH_CAP + 1);
    /* the kept ids as a JSON array: the facets are counted over them
     * (json_each) without running the match again */
    buf b = {0};
    buf_putc(&b, '[');
    int64_t k = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t id = db_col_int(st, 0);
        if (k == SEARCH_CAP) {
            *floor = id;
            *capped = true;
            continue;
        }
        buf_printf(&b, k ? ",%lld" : "%lld", (long long)id);
        k++;
    }
    db_done(st);
    buf_putc(&b, ']');
    *ids = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return rc == DB_DONE ? DB_OK : rc;
}

static enum db_rc run_groups(db *d, struct search_ctx *c, struct term_group *g, size_t n)
{
    const char *m = match_text(c->a, db_dialect(d) == DB_PG, g, n);
    c->out->hits = NULL;
    c->out->n = 0;
    c->out->facets = NULL;
    c->out->nfacets = 0;
    c->out->total = 0;
    c->out->capped = false;
    int64_t floor = 0;
    enum db_rc rc = DB_OK;
    const char *ids = NULL;
    if (db_dialect(d) == DB_SQLITE) rc = cap_floor(d, c->a, m, c->f, &floor, &c->out->capped, &ids);
    /* every document has exactly one kind: the kind facet's counts add up
     * to the number of hits, so no separate COUNT(*) pass */
    if (rc == DB_OK) rc = read_facets(d, c->a, ids ? ids : m, c->f, c->out);
    for (size_t i = 0; rc == DB_OK && i < c->out->nfacets; i++)
        if (strcmp(c->out->facets[i].name, "kind") == 0) c->out->total += c->out->facets[i].n;
    if (rc != DB_OK || !c->out->total) return rc;
    keep_stems(c->a, g, n, c->out);
    return read_hits(d, c->a, m, c->f, floor, c->offset, c->limit, c->now, c->out);
}

static enum db_rc search_tx(db *d, void *ctx)
{
    struct search_ctx *c = ctx;
    struct search_result *out = c->out;
    arena *a = c->a;
    struct query_words qw = {.a = a};
    sv_words(c->q, strlen(c->q), take_word, &qw);
    memset(out, 0, sizeof *out);
    out->words = arena_alloc(a, sizeof(char *) * SEARCH_MAX_WORDS);
    for (size_t i = 0; i < qw.n; i++) out->words[i] = qw.w[i];
    out->nwords = qw.n;
    out->words_cut = qw.cut;
    if (!qw.n) {
        out->status = SEARCH_NO_WORDS;
        return DB_OK;
    }
    struct term_group g[SEARCH_MAX_WORDS];
    memset(g, 0, sizeof g);
    enum db_rc rc = DB_OK;
    for (size_t i = 0; i < qw.n && rc == DB_OK; i++) {
        g[i].word = qw.w[i];
        rc = widen(d, a, &g[i], false);
    }
    if (rc == DB_OK) rc = run_groups(d, c, g, qw.n);
    if (rc != DB_OK || out->total) return rc;

    /* Nothing exact: the same words with å, ä and ö folded. */
    for (size_t i = 0; i < qw.n && rc == DB_OK; i++) rc = widen(d, a, &g[i], true);
    if (rc == DB_OK) rc = run_groups(d, c, g, qw.n);
    if (rc != DB_OK) return rc;
    if (out->total) {
        out->folded = true;
        return DB_OK;
    }

    /* Still nothing: "Menade du …?" — each word no indexed word stands for
     * is replaced by the nearest indexed word within its typo budget. */
    const char *fixed[SEARCH_MAX_WORDS];
    bool changed = false;
    for (size_t i = 0; i < qw.n && rc == DB_OK; i++) {
        fixed[i] = qw.w[i];
        if (g[i].known) continue;
        const char *best = NULL;
        rc = nearest(d, a, qw.w[i], &best);
        if (best) {
            fixed[i] = best;
            changed = true;
        }
    }
    if (rc != DB_OK || !changed) return rc;
    buf b = {0};
    struct term_group g2[SEARCH_MAX_WORDS];
    memset(g2, 0, sizeof g2);
    for (size_t i = 0; i < qw.n && rc == DB_OK; i++) {
        if (i) buf_putc(&b, ' ');
        buf_puts(&b, fixed[i]);
        g2[i].word = fixed[i];
        rc = widen(d, a, &g2[i], false);
    }
    out->suggestion = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    if (rc == DB_OK) rc = run_groups(d, c, g2, qw.n);
    return rc;
}

/* ---- the per-process cache of results ----
 * Keyed by the index's version (read in the search's own snapshot), the
 * query, the filters, the page and the ten minutes "now" falls in (the
 * freshness weighting moves that slowly).  A change to the index makes a
 * new version, so a stale result is never found; a result is only stored
 * under the version its own snapshot saw. */

enum { CACHE_SLOTS = 256 };

struct cache_slot {
    char *key;
    arena *a;                  /* owns the result's strings and arrays */
    struct search_result r;
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct cache_slot cache[CACHE_SLOTS];
static size_t cache_victim;
static bool cache_off;

void store_search_cache_enable(bool on)
{
    pthread_mutex_lock(&cache_lock);
    cache_off = !on;
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        free(cache[i].key);
        if (cache[i].a) arena_free(cache[i].a);
        cache[i] = (struct cache_slot){0};
    }
    pthread_mutex_unlock(&cache_lock);
}

static const char *copy_str(arena *a, const char *s)
{
    return s ? arena_strdup(a, s) : NULL;
}

/* A deep copy of src in a. */
static void result_copy(arena *a, struct search_result *dst, const struct search_result *src)
{
    *dst = *src;
    dst->words = arena_alloc(a, sizeof(char *) * (src->nwords ? src->nwords : 1));
    for (size_t i = 0; i < src->nwords; i++) dst->words[i] = copy_str(a, src->words[i]);
    dst->stems = arena_alloc(a, sizeof(char *) * (src->nstems ? src->nstems : 1));
    for (size_t i = 0; i < src->nstems; i++) dst->stems[i] = copy_str(a, src->stems[i]);
    dst->suggestion = copy_str(a, src->suggestion);
    dst->hits = arena_alloc(a, sizeof *dst->hits * (src->n ? src->n : 1));
    for (size_t i = 0; i < src->n; i++) {
        const struct search_hit *h = &src->hits[i];
        dst->hits[i] = (struct search_hit){copy_str(a, h->kind), copy_str(a, h->url), copy_str(a, h->title),
                                           copy_str(a, h->body), h->updated_at, h->title_hit};
    }
    dst->facets = arena_alloc(a, sizeof *dst->facets * (src->nfacets ? src->nfacets : 1));
    for (size_t i = 0; i < src->nfacets; i++)
        dst->facets[i] = (struct search_facet_count){copy_str(a, src->facets[i].name),
                                                     copy_str(a, src->facets[i].value), src->facets[i].n};
}

static size_t cache_hash(const char *s)
{
    size_t h = 5381;
    for (; *s; s++) h = h * 33 + (unsigned char)*s;
    return h;
}

static bool cache_get(arena *a, const char *key, struct search_result *out)
{
    bool found = false;
    size_t i = cache_hash(key) % CACHE_SLOTS;
    pthread_mutex_lock(&cache_lock);
    for (size_t k = 0; k < 4 && !found && !cache_off; k++) {
        struct cache_slot *s = &cache[(i + k) % CACHE_SLOTS];
        if (s->key && strcmp(s->key, key) == 0) {
            result_copy(a, out, &s->r);
            found = true;
        }
    }
    pthread_mutex_unlock(&cache_lock);
    return found;
}

static void cache_put(const char *key, const struct search_result *r)
{
    pthread_mutex_lock(&cache_lock);
    bool off = cache_off;
    pthread_mutex_unlock(&cache_lock);
    if (off) return;
    arena *ea = arena_new();
    struct search_result copy;
    result_copy(ea, &copy, r);
    char *k = xstrdup(key);
    size_t i = cache_hash(key) % CACHE_SLOTS;
    pthread_mutex_lock(&cache_lock);
    struct cache_slot *s = NULL;
    for (size_t j = 0; j < 4 && !s; j++) /* a free slot or the same key nearby */
        if (!cache[(i + j) % CACHE_SLOTS].key || strcmp(cache[(i + j) % CACHE_SLOTS].key, key) == 0)
            s = &cache[(i + j) % CACHE_SLOTS];
    if (!s) s = &cache[(i + cache_victim++ % 4) % CACHE_SLOTS];
    char *old_key = s->key;
    arena *old_a = s->a;
    s->key = k;
    s->a = ea;
    s->r = copy;
    pthread_mutex_unlock(&cache_lock);
    free(old_key);
    if (old_a) arena_free(old_a);
}

/* The cache key: every part length-prefixed (nothing typed can make two
 * different searches share a key). */
static const char *cache_key(arena *a, int64_t version, const char *q, const struct search_filter *f,
                             int64_t offset, int64_t limit, int64_t now)
{
    const char *v[5] = {f->kind, f->org, f->group, f->cost, f->area};
    buf b = {0};
    buf_printf(&b, "%lld/%lld/%lld/%lld/%zu:%s", (long long)version, (long long)(now / 600),
               (long long)offset, (long long)limit, strlen(q), q);
    for (int k = 0; k < 5; k++) buf_printf(&b, "/%zu:%s", v[k] ? strlen(v[k]) : 0, v[k] ? v[k] : "");
    const char *key = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return key;
}

enum db_rc store_search(db *d, arena *a, const char *q, const struct search_filter *f,
                        int64_t offset, int64_t limit, int64_t now, struct search_result *out)
{
    static const struct search_filter none = {0};
    struct search_ctx c = {a, q ? q : "", f ? f : &none, offset, limit, now, out};
    db_read_begin(d);
    static const char Q_V[] = "SELECT v FROM search_version WHERE id = 1";
    int64_t version = 0;
    const char *key = NULL;
    if (db_one_int(db_prepare(d, Q_V), &version) == DB_OK)
        key = cache_key(a, version, c.q, c.f, offset, limit, now);
    if (key && cache_get(a, key, out)) {
        db_read_end(d);
        out->version = version;
        return DB_OK;
    }
    enum db_rc rc = search_tx(d, &c);
    db_read_end(d);
    out->version = key ? version : 0;
    if (rc == DB_OK && key) cache_put(key, out);
    return rc;
}

enum db_rc store_search_counts(db *d, int64_t *docs, int64_t *words)
{
    static const char Q_D[] = "SELECT COUNT(*) FROM search_docs";
    static const char Q_W[] = "SELECT COUNT(*) FROM search_vocab";
    enum db_rc rc = db_one_int(db_prepare(d, Q_D), docs);
    if (rc == DB_OK) rc = db_one_int(db_prepare(d, Q_W), words);
    return rc;
}
