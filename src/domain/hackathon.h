/* The inhabithon (issue 11): the hackathon's phases and the rules of
 * registration, teams and submissions.  The jury's ranking is in
 * domain/judging.h.  Rules only: the year and the time come in as
 * parameters.
 *
 *   planerad → anmalan → pagar → bedomning → resultat → avslutad
 *   (planned, registration open, running, judging, results published,
 *   closed) — one step forward at a time, never back: scores are hidden
 *   until bedomning has moved on to resultat. */
#ifndef SAMSKAP_HACKATHON_H
#define SAMSKAP_HACKATHON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum hack_phase {
    HACK_PLANNED, HACK_REGISTRATION, HACK_RUNNING, HACK_JUDGING, HACK_RESULTS, HACK_CLOSED,
    HACK_PHASE_COUNT
};

const char *hack_phase_name(enum hack_phase p);   /* stored: "planerad", "anmalan", ... */
int hack_phase_from_name(const char *s);          /* -1 when unknown */
/* Only the next phase. */
bool hack_phase_next_ok(enum hack_phase from, enum hack_phase to);
/* Registration is open. */
bool hack_registration_open(enum hack_phase p);
/* People join and form teams while registration is open or the hackathon runs. */
bool hack_teams_open(enum hack_phase p);
/* A team may edit its submission while the hackathon runs, before the deadline. */
bool hack_submission_open(enum hack_phase p, int64_t deadline, int64_t now);
/* The jury scores while judging. */
bool hack_scoring_open(enum hack_phase p);
/* Scores, the ranking and comments are shown from results on. */
bool hack_scores_visible(enum hack_phase p);

/* A registration's stored status as one of the names the schema allows
 * ("bekraftas", "anmald", "vantelista", "aterkallad"); NULL when unknown. */
const char *hack_reg_status_name(const char *stored);

enum hack_kind { HACK_RESIDENT, HACK_YOUTH, HACK_ASSOCIATION, HACK_KIND_COUNT };
const char *hack_kind_name(enum hack_kind k);     /* "invanare", "ungdom", "forening" */
int hack_kind_from_name(const char *s);

/* A registration's person: NULL when fine, else a locale key.  A young
 * person is 13–18 in the hackathon's year by birth year alone; under 15
 * (by the same count) needs a guardian's contact when the organisers ask
 * for one.  Others give no birth year (0). */
const char *hack_registration_check(enum hack_kind kind, int64_t birth_year, int year,
                                    bool guardian_required, const char *guardian);
/* True when the person is under 15 by birth year in `year`. */
bool hack_needs_guardian(int64_t birth_year, int year);

/* A suggestion of teams for the people without one (organisers place
 * them with it as a guide).  What it optimises, in this order:
 *   1. everyone gets the highest-ranked challenge they asked for (people
 *      who asked for none go to the challenge with fewest people so far,
 *      the first such challenge on a tie) — challenges have no cap, they
 *      get more teams;
 *   2. within a challenge, as few teams as the size limit allows
 *      (ceil(n / max)) with sizes as equal as possible (differ by ≤ 1);
 *   3. a mix of skills: people are sorted by what they wrote they bring
 *      and dealt round-robin, so people with the same skills land in
 *      different teams.
 * Deterministic: people in the order given (registration order), ties by
 * that order.  team_of[i] gets a team number 0.. for person i and
 * challenge_of_team[t] that team's challenge index; returns the number of
 * teams, or 0 when max < 1 or there are no challenges. */
struct hack_candidate {
    int64_t prefs[3];   /* challenge ids, most wanted first; 0: none */
    const char *skills;
};
size_t hack_suggest_teams(const struct hack_candidate *people, size_t n, const int64_t *challenges,
                          size_t nchallenges, int64_t max, int *team_of, int *challenge_of_team);

#endif
