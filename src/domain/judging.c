/* The jury's ranking: see judging.h for the rule, step by step. */
#include "domain/judging.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *judging_rubric_check(const int64_t *weights, size_t n)
{
    if (n == 0) return "hack.err.no_criteria";
    if (n > JUDGING_MAX_CRITERIA) return "hack.err.too_many_criteria";
    int64_t sum = 0;
    for (size_t c = 0; c < n; c++) {
        if (weights[c] < 0) return "hack.err.weight_negative";
        if (weights[c] > 1000) return "hack.err.weight_sum";
        sum += weights[c];
    }
    return sum > 0 ? NULL : "hack.err.weight_sum";
}

bool judging_score_ok(int64_t score)
{
    return score >= JUDGING_SCORE_MIN && score <= JUDGING_SCORE_MAX;
}

/* One jury member's statistics over everything they scored. */
struct member_stat {
    int64_t member;
    double sum, sumsq;
    size_t n;
    double mean, sd;
};

/* Per (submission, member): the weighted sums of raw and z scores. */
struct cell {
    int64_t member;
    double raw, z;
};

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static size_t find_i64(const int64_t *v, size_t n, int64_t key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v[mid] < key) lo = mid + 1;
        else hi = mid;
    }
    return lo < n && v[lo] == key ? lo : (size_t)-1;
}

static int cmp_result(const void *a, const void *b)
{
    const struct judge_result *x = a, *y = b;
    if ((x->members > 0) != (y->members > 0)) return x->members > 0 ? -1 : 1;
    if (fabs(x->normalised - y->normalised) > 1e-9) return x->normalised > y->normalised ? -1 : 1;
    if (fabs(x->raw - y->raw) > 1e-9) return x->raw > y->raw ? -1 : 1;
    return (x->submission > y->submission) - (x->submission < y->submission);
}

/* The sorted distinct member numbers of the scores. */
static size_t members_of(const struct judge_score *scores, size_t nscores, int64_t **out)
{
    int64_t *m = xcalloc(nscores ? nscores : 1, sizeof *m);
    for (size_t i = 0; i < nscores; i++) m[i] = scores[i].member;
    qsort(m, nscores, sizeof *m, cmp_i64);
    size_t k = 0;
    for (size_t i = 0; i < nscores; i++)
        if (k == 0 || m[k - 1] != m[i]) m[k++] = m[i];
    *out = m;
    return k;
}

bool judging_rank(const int64_t *weights, size_t ncrit, const struct judge_score *scores,
                  size_t nscores, const int64_t *subs, size_t nsubs, struct judge_result *out)
{
    if (judging_rubric_check(weights, ncrit)) return false;
    double wsum = 0;
    for (size_t c = 0; c < ncrit; c++) wsum += (double)weights[c];

    int64_t *sorted_subs = xcalloc(nsubs ? nsubs : 1, sizeof *sorted_subs);
    memcpy(sorted_subs, subs, nsubs * sizeof *subs);
    qsort(sorted_subs, nsubs, sizeof *sorted_subs, cmp_i64);

    /* only the scores that count */
    struct judge_score *sc = xcalloc(nscores ? nscores : 1, sizeof *sc);
    size_t n = 0;
    for (size_t i = 0; i < nscores; i++) {
        if (scores[i].criterion < 0 || (size_t)scores[i].criterion >= ncrit) continue;
        if (!judging_score_ok(scores[i].score)) continue;
        if (find_i64(sorted_subs, nsubs, scores[i].submission) == (size_t)-1) continue;
        sc[n++] = scores[i];
    }

    int64_t *mem;
    size_t nmem = members_of(sc, n, &mem);
    struct member_stat *ms = xcalloc(nmem ? nmem : 1, sizeof *ms);
    for (size_t i = 0; i < n; i++) {
        struct member_stat *s = &ms[find_i64(mem, nmem, sc[i].member)];
        s->sum += sc[i].score;
        s->sumsq += (double)sc[i].score * sc[i].score;
        s->n++;
    }
    for (size_t k = 0; k < nmem; k++) {
        ms[k].mean = ms[k].sum / (double)ms[k].n;
        double var = ms[k].sumsq / (double)ms[k].n - ms[k].mean * ms[k].mean;
        ms[k].sd = var > 1e-12 ? sqrt(var) : 0;
    }

    /* weighted sums per (submission, member), and raw sums per criterion */
    struct cell *cells = xcalloc(nsubs * (nmem ? nmem : 1) + 1, sizeof *cells);
    bool *seen = xcalloc(nsubs * (nmem ? nmem : 1) + 1, sizeof *seen);
    double *crit_sum = xcalloc(nsubs * ncrit + 1, sizeof *crit_sum);
    int *crit_n = xcalloc(nsubs * ncrit + 1, sizeof *crit_n);
    for (size_t i = 0; i < n; i++) {
        size_t s = find_i64(sorted_subs, nsubs, sc[i].submission);
        size_t k = find_i64(mem, nmem, sc[i].member);
        double w = (double)weights[sc[i].criterion] / wsum;
        struct cell *cl = &cells[s * nmem + k];
        seen[s * nmem + k] = true;
        cl->raw += w * sc[i].score;
        if (ms[k].sd > 0) cl->z += w * ((double)sc[i].score - ms[k].mean) / ms[k].sd;
        crit_sum[s * ncrit + (size_t)sc[i].criterion] += sc[i].score;
        crit_n[s * ncrit + (size_t)sc[i].criterion]++;
    }

    for (size_t s = 0; s < nsubs; s++) {
        struct judge_result *r = &out[s];
        memset(r, 0, sizeof *r);
        r->submission = sorted_subs[s];
        double zsum = 0, rawsum = 0;
        int zn = 0;
        for (size_t k = 0; k < nmem; k++) {
            if (!seen[s * nmem + k]) continue;
            r->members++;
            rawsum += cells[s * nmem + k].raw;
            if (ms[k].sd > 0) {
                zsum += cells[s * nmem + k].z;
                zn++;
            }
        }
        r->normalised = zn ? zsum / zn : 0;
        r->raw = r->members ? rawsum / r->members : 0;
        for (size_t c = 0; c < ncrit; c++)
            r->crit_raw[c] = crit_n[s * ncrit + c] ? crit_sum[s * ncrit + c] / crit_n[s * ncrit + c] : 0;
    }
    qsort(out, nsubs, sizeof *out, cmp_result);
    for (size_t s = 0; s < nsubs; s++) out[s].rank = (int)s + 1;

    free(sorted_subs);
    free(sc);
    free(mem);
    free(ms);
    free(cells);
    free(seen);
    free(crit_sum);
    free(crit_n);
    return true;
}

/* A CSV field: quoted when it holds a comma, quote or line break; a
 * leading = + - @ is prefixed with ' so a spreadsheet does not run it. */
static void csv_field(buf *b, const char *s)
{
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    bool formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@';
    if (quote || formula) buf_putc(b, '"');
    if (formula) buf_putc(b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"') buf_putc(b, '"');
        buf_putc(b, *p);
    }
    if (quote || formula) buf_putc(b, '"');
}

void judging_csv(buf *b, const char *const *crit_names, const int64_t *weights, size_t ncrit,
                 const struct judge_score *scores, size_t nscores, const int64_t *subs,
                 const char *const *team_names, size_t nsubs)
{
    buf_puts(b, "kriterium,vikt\r\n");
    for (size_t c = 0; c < ncrit; c++) {
        csv_field(b, crit_names[c]);
        buf_printf(b, ",%lld\r\n", (long long)weights[c]);
    }
    buf_puts(b, "\r\ninlamning,lag,jurymedlem,kriterium,poang\r\n");
    int64_t *mem;
    size_t nmem = members_of(scores, nscores, &mem);
    /* team names by submission, sorted for a binary search */
    int64_t *sorted = xcalloc(nsubs ? nsubs : 1, sizeof *sorted);
    memcpy(sorted, subs, nsubs * sizeof *subs);
    qsort(sorted, nsubs, sizeof *sorted, cmp_i64);
    const char **names = xcalloc(nsubs ? nsubs : 1, sizeof *names);
    for (size_t k = 0; k < nsubs; k++) names[find_i64(sorted, nsubs, subs[k])] = team_names[k];
    for (size_t i = 0; i < nscores; i++) {
        const struct judge_score *s = &scores[i];
        if (s->criterion < 0 || (size_t)s->criterion >= ncrit) continue;
        size_t at = find_i64(sorted, nsubs, s->submission);
        if (at == (size_t)-1) continue;
        buf_printf(b, "%lld,", (long long)s->submission);
        csv_field(b, names[at]);
        buf_printf(b, ",Jurymedlem %zu,", find_i64(mem, nmem, s->member) + 1);
        csv_field(b, crit_names[s->criterion]);
        buf_printf(b, ",%d\r\n", s->score);
    }
    free(sorted);
    free(names);
    free(mem);
}
