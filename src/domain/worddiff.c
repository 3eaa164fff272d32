/* Word-level diff: see worddiff.h. */
#include "domain/worddiff.h"

#include <stdint.h>
#include <string.h>

struct tok {
    const char *p;
    size_t len;
    uint32_t hash;
};

static bool ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static uint32_t hash(const char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)p[i]) * 16777619u;
    return h;
}

static struct tok *tokens(arena *a, const char *s, size_t n, size_t *count)
{
    struct tok *t = NULL;
    size_t cap = 0;
    *count = 0;
    size_t i = 0;
    while (i < n) {
        if (ws(s[i])) {
            size_t j = i, nl = 0;
            while (j < n && ws(s[j])) nl += s[j++] == '\n';
            if (nl >= 2 && *count > 0 && j < n) {
                struct tok *k = ARENA_PUSH(a, t, *count, cap);
                k->p = "\n\n";
                k->len = 2;
                k->hash = hash(k->p, 2);
            }
            i = j;
            continue;
        }
        size_t j = i;
        while (j < n && !ws(s[j])) j++;
        struct tok *k = ARENA_PUSH(a, t, *count, cap);
        k->p = s + i;
        k->len = j - i;
        k->hash = hash(k->p, k->len);
        i = j;
    }
    return t ? t : arena_alloc(a, sizeof *t);  /* never NULL: callers add offsets */
}

static bool same(const struct tok *x, const struct tok *y)
{
    return x->hash == y->hash && x->len == y->len && memcmp(x->p, y->p, x->len) == 0;
}

static bool is_break(const struct tok *x) { return x->len == 2 && x->p[0] == '\n'; }

struct out {
    arena *a;
    struct worddiff *d;
    size_t cap;
};

/* Appends one word with op, joining it to the last run when it continues
 * it in the same text. */
static void emit(struct out *o, enum wd_op op, const struct tok *t)
{
    struct worddiff *d = o->d;
    if (op == WD_INS) d->inserted++;
    if (op == WD_DEL) d->deleted++;
    if (d->n > 0) {
        struct wd_run *r = &d->run[d->n - 1];
        if (r->op == op && !is_break(t) && !(r->len == 2 && r->text[0] == '\n') &&
            r->text + r->len <= t->p && t->p - (r->text + r->len) < 64) {
            /* the gap between them is white space of the same text */
            bool gap_ws = true;
            for (const char *g = r->text + r->len; g < t->p; g++)
                if (!ws(*g)) gap_ws = false;
            if (gap_ws) {
                r->len = (size_t)(t->p + t->len - r->text);
                r->words++;
                return;
            }
        }
    }
    struct wd_run *r = ARENA_PUSH(o->a, d->run, d->n, o->cap);
    r->op = op;
    r->text = t->p;
    r->len = t->len;
    r->words = 1;
}

/* LCS of x[0..n) and y[0..m) with n × m <= WD_MAX_CELLS. */
static void lcs(struct out *o, const struct tok *x, size_t n, const struct tok *y, size_t m)
{
    /* L[i][j] = LCS length of x[i..n) and y[j..m); uint16 is enough since
     * min(n, m) <= sqrt(WD_MAX_CELLS) = 2000. */
    uint16_t *L = arena_alloc(o->a, (n + 1) * (m + 1) * sizeof *L);
#define AT(i, j) L[(size_t)(i) * (m + 1) + (j)]
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;)
            AT(i, j) = same(&x[i], &y[j]) ? (uint16_t)(AT(i + 1, j + 1) + 1)
                       : AT(i + 1, j) >= AT(i, j + 1) ? AT(i + 1, j) : AT(i, j + 1);
    size_t i = 0, j = 0;
    while (i < n && j < m) {
        if (same(&x[i], &y[j])) {
            emit(o, WD_SAME, &x[i]);
            i++, j++;
        } else if (AT(i + 1, j) >= AT(i, j + 1)) {
            emit(o, WD_DEL, &x[i++]);
        } else {
            emit(o, WD_INS, &y[j++]);
        }
    }
#undef AT
    while (i < n) emit(o, WD_DEL, &x[i++]);
    while (j < m) emit(o, WD_INS, &y[j++]);
}

static void middle(struct out *o, const struct tok *x, size_t n, const struct tok *y, size_t m,
                   int depth)
{
    if (n == 0 || m == 0 || n <= WD_MAX_CELLS / m) {
        lcs(o, x, n, y, m);
        return;
    }
    if (depth < 40) {
        /* split at the first paragraph break both halves share near the
         * middle of x */
        size_t half = n / 2;
        for (size_t d = 0; d < half; d++) {
            size_t cand[2] = {half + d, half - d};
            for (int c = 0; c < 2; c++) {
                size_t i = cand[c];
                if (i == 0 || i >= n || !is_break(&x[i])) continue;
                /* the k-th break of x should pair with the k-th of y */
                size_t k = 0;
                for (size_t q = 0; q < i; q++) k += is_break(&x[q]);
                size_t seen = 0;
                for (size_t q = 0; q < m; q++) {
                    if (!is_break(&y[q])) continue;
                    if (seen++ == k) {
                        middle(o, x, i, y, q, depth + 1);
                        emit(o, WD_SAME, &x[i]);
                        middle(o, x + i + 1, n - i - 1, y + q + 1, m - q - 1, depth + 1);
                        return;
                    }
                }
            }
        }
    }
    for (size_t i = 0; i < n; i++) emit(o, WD_DEL, &x[i]);
    for (size_t j = 0; j < m; j++) emit(o, WD_INS, &y[j]);
}

void worddiff(arena *a, const char *old_text, size_t old_n, const char *new_text, size_t new_n,
              struct worddiff *out)
{
    memset(out, 0, sizeof *out);
    size_t n, m;
    struct tok *x = tokens(a, old_text, old_n, &n);
    struct tok *y = tokens(a, new_text, new_n, &m);
    struct out o = {.a = a, .d = out};
    size_t pre = 0;
    while (pre < n && pre < m && same(&x[pre], &y[pre])) pre++;
    size_t suf = 0;
    while (suf < n - pre && suf < m - pre && same(&x[n - 1 - suf], &y[m - 1 - suf])) suf++;
    for (size_t i = 0; i < pre; i++) emit(&o, WD_SAME, &x[i]);
    middle(&o, x + pre, n - pre - suf, y + pre, m - pre - suf, 0);
    for (size_t i = n - suf; i < n; i++) emit(&o, WD_SAME, &x[i]);
}
