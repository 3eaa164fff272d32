/* Issue 11: the jury's ranking, worked by hand.
 *
 * Rubric: criterion 0 "Behov" weight 3, criterion 1 "Genomförbarhet"
 * weight 1; W = 4, so they count 3/4 and 1/4.
 *
 * Scores (criterion 0, criterion 1):
 *
 *            S1      S2      S3
 *   A      (4,0)   (0,4)   (4,0)    generous and wide
 *   B      (1,1)   (1,3)   (0,0)    strict
 *   C      (2,2)   (2,2)   (2,2)    the same everywhere
 *
 * A: mean (4+0+0+4+4+0)/6 = 2; every deviation is ±2, so sd = 2;
 *    z = S1 (+1,−1), S2 (−1,+1), S3 (+1,−1).
 * B: mean (1+1+1+3+0+0)/6 = 1; deviations S1 (0,0), S2 (0,+2), S3 (−1,−1);
 *    Σd² = 4+1+1 = 6, variance 6/6 = 1, sd = 1; z = the deviations.
 * C: sd = 0 → left out of the normalised result, counted in the raw one.
 *
 * Weighted z (3/4·z0 + 1/4·z1):
 *   A: S1 (3−1)/4 = 1/2,  S2 (−3+1)/4 = −1/2,  S3 1/2
 *   B: S1 0,              S2 (0+2)/4 = 1/2,    S3 (−3−1)/4 = −1
 * Normalised = mean over A and B:
 *   S1 (1/2+0)/2 = 0.25,  S2 (−1/2+1/2)/2 = 0,  S3 (1/2−1)/2 = −0.25
 *   → ranking S1, S2, S3.
 * Raw weighted (3/4·s0 + 1/4·s1), mean over A, B and C:
 *   A: S1 3, S2 1, S3 3;  B: S1 1, S2 1.5, S3 0;  C: 2, 2, 2
 *   S1 (3+1+2)/3 = 2,  S2 (1+1.5+2)/3 = 1.5,  S3 (3+0+2)/3 = 5/3
 *   → by raw scores alone S1, S3, S2: the generous judge's wide range
 *   would have decided; normalised, A and B weigh the same.
 *
 * Changing one weight: criterion 1 from 1 to 3 (W = 6, both count 1/2):
 *   A: S1 0, S2 0, S3 0;  B: S1 0, S2 (0+2)/2 = 1, S3 (−1−1)/2 = −1
 *   Normalised: S1 0, S2 0.5, S3 −0.5 → ranking S2, S1, S3.
 *
 * Tie-break, one criterion weight 1:
 *   A: S10 3, S11 1 (mean 2, sd 1: z +1, −1);
 *   B: S10 0, S11 4 (mean 2, sd 2: z −1, +1).
 *   Normalised S10 (1−1)/2 = 0 = S11 (−1+1)/2: a tie.  Raw: S10 (3+0)/2
 *   = 1.5, S11 (1+4)/2 = 2.5 → S11 first.
 *   Everything equal: A scores S7 4, S5 4, S6 0 → S5 and S7 tie on both,
 *   the lower number (S5) first; S6 last; S8 unscored after them all. */
#include "testutil.h"

#include <math.h>

#include "domain/judging.h"

#define EPS 1e-9

static const struct judge_score example[] = {
    {1, 1, 0, 4}, {1, 1, 1, 0}, {1, 2, 0, 0}, {1, 2, 1, 4}, {1, 3, 0, 4}, {1, 3, 1, 0},
    {2, 1, 0, 1}, {2, 1, 1, 1}, {2, 2, 0, 1}, {2, 2, 1, 3}, {2, 3, 0, 0}, {2, 3, 1, 0},
    {3, 1, 0, 2}, {3, 1, 1, 2}, {3, 2, 0, 2}, {3, 2, 1, 2}, {3, 3, 0, 2}, {3, 3, 1, 2},
};
static const int64_t subs3[] = {3, 1, 2};

static void rubric_refuses_bad_weights(void **state)
{
    (void)state;
    int64_t ok[] = {3, 1}, zero[] = {0, 0}, neg[] = {3, -1}, one_zero[] = {0, 2};
    assert_null(judging_rubric_check(ok, 2));
    assert_null(judging_rubric_check(one_zero, 2));
    assert_str(judging_rubric_check(zero, 2), "hack.err.weight_sum");
    assert_str(judging_rubric_check(neg, 2), "hack.err.weight_negative");
    assert_str(judging_rubric_check(ok, 0), "hack.err.no_criteria");
    assert_true(judging_score_ok(0) && judging_score_ok(4));
    assert_false(judging_score_ok(-1) || judging_score_ok(5));
    struct judge_result out[3];
    assert_false(judging_rank(zero, 2, example, 18, subs3, 3, out));
}

static void hand_worked_example(void **state)
{
    (void)state;
    int64_t w[] = {3, 1};
    struct judge_result out[3];
    assert_true(judging_rank(w, 2, example, sizeof example / sizeof example[0], subs3, 3, out));
    assert_int_equal(out[0].submission, 1);
    assert_int_equal(out[1].submission, 2);
    assert_int_equal(out[2].submission, 3);
    assert_true(fabs(out[0].normalised - 0.25) < EPS);
    assert_true(fabs(out[1].normalised - 0.0) < EPS);
    assert_true(fabs(out[2].normalised + 0.25) < EPS);
    assert_true(fabs(out[0].raw - 2.0) < EPS);
    assert_true(fabs(out[1].raw - 1.5) < EPS);
    assert_true(fabs(out[2].raw - 5.0 / 3.0) < EPS);
    assert_int_equal(out[0].members, 3);
    assert_int_equal(out[0].rank, 1);
    assert_int_equal(out[2].rank, 3);
    /* per criterion raw means of S1: (4+1+2)/3, (0+1+2)/3 */
    assert_true(fabs(out[0].crit_raw[0] - 7.0 / 3.0) < EPS);
    assert_true(fabs(out[0].crit_raw[1] - 1.0) < EPS);
}

static void one_weight_changes_the_ranking(void **state)
{
    (void)state;
    int64_t w[] = {3, 3};
    struct judge_result out[3];
    assert_true(judging_rank(w, 2, example, sizeof example / sizeof example[0], subs3, 3, out));
    assert_int_equal(out[0].submission, 2);
    assert_int_equal(out[1].submission, 1);
    assert_int_equal(out[2].submission, 3);
    assert_true(fabs(out[0].normalised - 0.5) < EPS);
    assert_true(fabs(out[1].normalised) < EPS);
    assert_true(fabs(out[2].normalised + 0.5) < EPS);
}

static void ties_are_broken_by_raw_then_number(void **state)
{
    (void)state;
    int64_t w[] = {1};
    const struct judge_score t[] = {{1, 10, 0, 3}, {1, 11, 0, 1}, {2, 10, 0, 0}, {2, 11, 0, 4}};
    const int64_t s[] = {10, 11};
    struct judge_result out[2];
    assert_true(judging_rank(w, 1, t, 4, s, 2, out));
    assert_true(fabs(out[0].normalised - out[1].normalised) < EPS);
    assert_int_equal(out[0].submission, 11);
    assert_true(fabs(out[0].raw - 2.5) < EPS);
    assert_true(fabs(out[1].raw - 1.5) < EPS);

    const struct judge_score e[] = {{1, 7, 0, 4}, {1, 5, 0, 4}, {1, 6, 0, 0}};
    const int64_t s2[] = {8, 7, 6, 5};
    struct judge_result o2[4];
    assert_true(judging_rank(w, 1, e, 3, s2, 4, o2));
    assert_int_equal(o2[0].submission, 5);
    assert_int_equal(o2[1].submission, 7);
    assert_int_equal(o2[2].submission, 6);
    assert_int_equal(o2[3].submission, 8);
    assert_int_equal(o2[3].members, 0);
}

/* ---- the CSV, read back as a spreadsheet would, and recomputed here
 * independently of judging_rank (same rule, written out again). */
struct row {
    int64_t sub;
    char member[64], crit[64];
    int score;
};

static char *next_line(char **p)
{
    char *s = *p;
    if (!*s) return NULL;
    char *e = strstr(s, "\r\n");
    if (!e) e = s + strlen(s);
    if (*e) {
        *e = 0;
        *p = e + 2;
    } else {
        *p = e;
    }
    return s;
}

static void csv_recomputes_to_the_same_ranking(void **state)
{
    (void)state;
    const char *names[] = {"Behov, \"röst\"", "Genomförbarhet"};
    const char *teams[] = {"Lag 3", "Lag 1", "=Lag 2"};
    int64_t w[] = {3, 1};
    buf b = {0};
    judging_csv(&b, names, w, 2, example, sizeof example / sizeof example[0], subs3, teams, 3);
    char *text = buf_detach(&b), *p = text, *line;
    assert_str(next_line(&p), "kriterium,vikt");
    assert_str(next_line(&p), "\"Behov, \"\"röst\"\"\",3");
    assert_str(next_line(&p), "Genomförbarhet,1");
    assert_str(next_line(&p), "");
    assert_str(next_line(&p), "inlamning,lag,jurymedlem,kriterium,poang");
    struct row rows[64];
    size_t n = 0;
    while ((line = next_line(&p)) && n < 64) {
        /* RFC 4180 fields: quoted ones may hold commas and "" */
        char f[5][64];
        int nf = 0;
        const char *q = line;
        while (nf < 5) {
            size_t k = 0;
            if (*q == '"') {
                for (q++; *q && !(*q == '"' && q[1] != '"'); q++) {
                    if (*q == '"') q++;
                    if (k < 63) f[nf][k++] = *q;
                }
                if (*q == '"') q++;
            } else {
                for (; *q && *q != ','; q++)
                    if (k < 63) f[nf][k++] = *q;
            }
            f[nf++][k] = 0;
            if (*q != ',') break;
            q++;
        }
        assert_int_equal(nf, 5);
        struct row *r = &rows[n++];
        r->sub = strtoll(f[0], NULL, 10);
        snprintf(r->member, sizeof r->member, "%s", f[2]);
        snprintf(r->crit, sizeof r->crit, "%s", f[3]);
        r->score = atoi(f[4]);
    }
    free(text);
    assert_int_equal(n, 18);
    assert_contains(rows[0].member, "Jurymedlem 1");

    /* recompute: per member mean and population sd, then weighted z */
    const char *mnames[] = {"Jurymedlem 1", "Jurymedlem 2", "Jurymedlem 3"};
    double mean[3] = {0}, sd[3] = {0};
    for (int m = 0; m < 3; m++) {
        double s = 0, sq = 0;
        int k = 0;
        for (size_t i = 0; i < n; i++)
            if (!strcmp(rows[i].member, mnames[m])) {
                s += rows[i].score;
                sq += rows[i].score * rows[i].score;
                k++;
            }
        mean[m] = s / k;
        sd[m] = sqrt(sq / k - mean[m] * mean[m]);
    }
    double total[4] = {0};
    int cnt[4] = {0};
    for (int sub = 1; sub <= 3; sub++)
        for (int m = 0; m < 3; m++) {
            if (sd[m] < 1e-12) continue;
            double z = 0;
            for (size_t i = 0; i < n; i++)
                if (rows[i].sub == sub && !strcmp(rows[i].member, mnames[m])) {
                    double wt = strstr(rows[i].crit, "Behov") ? 3.0 / 4 : 1.0 / 4;
                    z += wt * (rows[i].score - mean[m]) / sd[m];
                }
            total[sub] += z;
            cnt[sub]++;
        }
    for (int sub = 1; sub <= 3; sub++) total[sub] /= cnt[sub];

    int64_t wr[] = {3, 1};
    struct judge_result out[3];
    assert_true(judging_rank(wr, 2, example, 18, subs3, 3, out));
    for (int k = 0; k < 3; k++) assert_true(fabs(total[out[k].submission] - out[k].normalised) < EPS);
    assert_true(total[out[0].submission] > total[out[1].submission]);
    assert_true(total[out[1].submission] > total[out[2].submission]);
}

static void formula_cells_are_defused(void **state)
{
    (void)state;
    const char *names[] = {"K"};
    const char *teams[] = {"=HYPERLINK(\"x\")"};
    int64_t w[] = {1}, s[] = {1};
    const struct judge_score sc[] = {{9, 1, 0, 2}};
    buf b = {0};
    judging_csv(&b, names, w, 1, sc, 1, s, teams, 1);
    assert_contains(buf_cstr(&b), "1,\"'=HYPERLINK(\"\"x\"\")\",Jurymedlem 1,K,2\r\n");
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rubric_refuses_bad_weights),
        cmocka_unit_test(hand_worked_example),
        cmocka_unit_test(one_weight_changes_the_ranking),
        cmocka_unit_test(ties_are_broken_by_raw_then_number),
        cmocka_unit_test(csv_recomputes_to_the_same_ranking),
        cmocka_unit_test(formula_cells_are_defused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
