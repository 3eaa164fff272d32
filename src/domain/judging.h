/* The inhabithon's jury (issue 11): a published rubric of weighted
 * criteria, scores 0–4, and a ranking anyone can recompute from the CSV.
 *
 * The ranking, step by step (judging_rank):
 *
 *  1. Weights are whole numbers ≥ 0 with a sum W > 0; criterion c counts
 *     w_c / W.
 *  2. Each jury member's scores are normalised over everything that member
 *     scored (every criterion of every submission they were not excluded
 *     from): z = (score − mean) / sd, sd the population standard deviation
 *     (divide by n).  So a strict judge (scores 0–2) and a generous one
 *     (2–4) weigh the same.
 *  3. A member whose scores are all equal (sd = 0: one score, or the same
 *     score everywhere) tells nothing about order: their scores count in
 *     the raw mean but not in the normalised result.
 *  4. A member's result for a submission is Σ_c (w_c / W) · z; the
 *     submission's normalised result is the mean of that over the members
 *     with sd > 0 who scored it (0 when there are none).
 *  5. The raw result is the same with raw scores over every member who
 *     scored it: the mean of Σ_c (w_c / W) · score (0–4).
 *  6. Ranking, deterministic: scored submissions before unscored ones; then
 *     the higher normalised result; equal (within 1e-9) → the higher raw
 *     result; equal again → the lower submission number (the team that
 *     started its submission first).
 *
 * A member scores a submission on every criterion at once (one form), so
 * each (member, submission) has all criteria or none.  Pure: no HTTP, no
 * SQL. */
#ifndef SAMSKAP_JUDGING_H
#define SAMSKAP_JUDGING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/mem.h"

enum { JUDGING_MAX_CRITERIA = 10, JUDGING_SCORE_MIN = 0, JUDGING_SCORE_MAX = 4 };

struct judge_score {
    int64_t member;      /* the jury member (any stable number) */
    int64_t submission;
    int criterion;       /* 0 .. ncrit-1 */
    int score;           /* 0..4 */
};

struct judge_result {
    int64_t submission;
    double normalised;   /* step 4 */
    double raw;          /* step 5, 0..4 */
    int members;         /* members who scored it */
    double crit_raw[JUDGING_MAX_CRITERIA];  /* mean raw score per criterion */
    int rank;            /* 1.. in the order of step 6 (no shared ranks) */
};

/* NULL when the weights make a rubric, else a locale key:
 * "hack.err.no_criteria", "hack.err.too_many_criteria",
 * "hack.err.weight_negative", "hack.err.weight_sum". */
const char *judging_rubric_check(const int64_t *weights, size_t n);

/* A score on the scale. */
bool judging_score_ok(int64_t score);

/* Ranks the nsubs submissions subs[] by the scores (see above) into out[]
 * (nsubs entries, in rank order).  Scores of submissions not in subs[] or
 * of a criterion ≥ ncrit are ignored.  False when the rubric is not valid
 * (judging_rubric_check). */
bool judging_rank(const int64_t *weights, size_t ncrit, const struct judge_score *scores,
                  size_t nscores, const int64_t *subs, size_t nsubs, struct judge_result *out);

/* The score table as CSV (RFC 4180, UTF-8, comma, CRLF), from which a
 * spreadsheet recomputes the ranking:
 *   kriterium,vikt                      (one row per criterion: name, weight)
 *   then a blank line and
 *   inlamning,lag,jurymedlem,kriterium,poang   (one row per score)
 * Members appear as "Jurymedlem 1", "Jurymedlem 2", … numbered in order of
 * their member number; team names are quoted as needed. */
void judging_csv(buf *b, const char *const *crit_names, const int64_t *weights, size_t ncrit,
                 const struct judge_score *scores, size_t nscores, const int64_t *subs,
                 const char *const *team_names, size_t nsubs);

#endif
