/* Storage of the inhabithon (issue 11, store/hackathons.c): hackathons
 * with their challenges and rubric, registrations, teams, submissions and
 * the jury's scores.  Part of the storage interface; store/store.h says
 * what every function returns.
 *
 * The invariants are conditional writes, so two people acting at once
 * cannot break them:
 *   - a place: UPDATE hackathons SET registered = registered + 1
 *     WHERE registered < capacity (none left: the waiting list);
 *   - a team's size: UPDATE hack_teams SET members = members + 1
 *     WHERE members < team_max (DB_CONFLICT: full);
 *   - one team per person: the primary key of hack_team_members
 *     (DB_CONSTRAINT);
 *   - the phase: moved WHERE phase = <from> (DB_CONFLICT), and every write
 *     that belongs to a phase (a submission, a score, the rubric) first
 *     touches the hackathon's row WHERE the phase (and deadline) allow it,
 *     in the same transaction (DB_CONFLICT when not). */
#ifndef SAMSKAP_STORE_HACKATHONS_H
#define SAMSKAP_STORE_HACKATHONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/hackathon.h"
#include "domain/judging.h"
#include "store/db.h"
#include "util/mem.h"

/* Something tried before, linked to a challenge: an activity ('a') or a
 * test idea ('i'), with its status and what came of it. */
struct hack_link {
    char kind;
    int64_t id;
    const char *title, *status, *result;
};

struct hack_challenge {
    int64_t id, position;
    const char *title, *brief_md, *brief_html;
    struct hack_link *links;
    size_t nlinks;
};

struct hack_criterion {
    int64_t id, position, weight;
    const char *name, *description;
};

struct hackathon {
    int64_t id;
    const char *slug, *name, *starts_on, *ends_on, *place, *description;
    const char *programme_md, *programme_html, *result_on, *result_place;
    enum hack_phase phase;
    int64_t capacity, registered, team_max, deadline, winners, project_id;
    int64_t guests_erased_at, guests_erased;  /* retention (0014): when, and how many; 0 before */
    int64_t retention_days;  /* registrations without an account erased this many days after the
                                end; 0 when writing: the default, 30 */
    bool guardian_under_15;
    struct hack_challenge *challenges;
    size_t nchallenges;
    struct hack_criterion *criteria;
    size_t ncriteria;
};

struct hack_person {
    int64_t user_id;
    const char *name;
};

struct hack_team {
    int64_t id, challenge_id, coach_id, members;
    const char *name, *challenge_title, *coach_name;
    struct hack_person *people;
    size_t npeople;
    int64_t submission_id, place, idea_id;   /* 0 when none */
};

struct hack_registration {
    int64_t id, hackathon_id, user_id, birth_year;
    const char *email, *name, *guardian, *skills, *needs, *status;
    enum hack_kind kind;
    bool all_days;
    int64_t prefs[3];   /* challenge ids, most wanted first; 0 when not given */
    int64_t team_id;    /* 0: no team */
};

struct hack_submission {
    int64_t id, team_id, place, idea_id, updated_at;
    const char *problem, *audience, *solution, *prototype, *links, *test_first;
};

/* ---- hackathons ---- */
enum db_rc store_hack_create(db *d, const struct hackathon *h, int64_t now, int64_t *id);
/* The hackathon with its challenges (and their links, with results) and
 * its rubric, in one snapshot.  DB_NOTFOUND: no such slug. */
enum db_rc store_hack_by_slug(db *d, arena *a, const char *slug, struct hackathon **out);
/* The hackathon's row alone (no challenges, links or rubric): for pages
 * that show none of them (the jury's list). */
enum db_rc store_hack_row_by_slug(db *d, arena *a, const char *slug, struct hackathon **out);
/* Every hackathon, newest first (challenges and rubric not loaded). */
enum db_rc store_hack_list(db *d, arena *a, struct hackathon **list, size_t *n);
/* Changes what organisers may change (not the slug, the phase or the
 * counts): DB_CONSTRAINT when the capacity would fall below the places
 * taken (a CHECK). */
enum db_rc store_hack_update(db *d, int64_t id, const struct hackathon *h, int64_t now);
/* One step forward; DB_CONFLICT when it is not in `from` any more. */
enum db_rc store_hack_set_phase(db *d, int64_t id, enum hack_phase from, enum hack_phase to,
                                int64_t now);
enum db_rc store_hack_challenge_add(db *d, int64_t hack_id, const char *title,
                                    const char *brief_md, const char *brief_html, int64_t *id);
/* Links an activity (activity_id) or a test idea (idea_id) to a challenge. */
enum db_rc store_hack_challenge_link(db *d, int64_t challenge_id, int64_t activity_id,
                                     int64_t idea_id);
/* Replaces the rubric while the jury has not begun (planned, registration,
 * running); DB_CONFLICT otherwise. */
enum db_rc store_hack_rubric_set(db *d, int64_t hack_id, const char *const *names,
                                 const char *const *descriptions, const int64_t *weights,
                                 size_t n, int64_t now);

/* ---- registration ---- */
/* Stores a registration.  confirmed: the person is signed in (registers in
 * one step) — a place is taken at once (or the waiting list); otherwise it
 * waits in 'bekraftas' for the e-mail's token (token_hash).  DB_CONSTRAINT:
 * the address is registered already.  *status: what it became. */
enum db_rc store_hack_register(db *d, const struct hack_registration *r, const char *token_hash,
                               bool confirmed, int64_t now, int64_t *id, const char **status);
/* Confirms the registration whose token hashes to token_hash: a place or
 * the waiting list; links the account with the same e-mail if there is
 * one.  DB_NOTFOUND: no such token (or used already). */
enum db_rc store_hack_confirm(db *d, int64_t hack_id, const char *token_hash, int64_t now,
                              struct hack_registration *out, arena *a);
/* r's user's registration (by account or by the account's e-mail);
 * DB_NOTFOUND when none. */
enum db_rc store_hack_registration_of(db *d, arena *a, int64_t hack_id, int64_t user_id,
                                      struct hack_registration **out);
/* Every registration with its preferences and team, for organisers. */
enum db_rc store_hack_registrations(db *d, arena *a, int64_t hack_id,
                                    struct hack_registration **list, size_t *n);

/* A person withdraws (by account or the account's e-mail): their
 * registration and team place go; if they had a place, the first on the
 * waiting list (by confirmation time) gets it — *promoted is then that
 * registration (id 0 when nobody moved up) — else the place is given back.
 * DB_NOTFOUND: not registered. */
enum db_rc store_hack_withdraw(db *d, arena *a, int64_t hack_id, int64_t user_id, struct hack_registration *promoted);

/* Erasing a person (store_user_erase calls it in its transaction): their
 * registrations (by account or by e-mail) go, and the places and team
 * places they held are given back.  Team membership, jury seats and
 * scores go with the account (ON DELETE CASCADE). */
enum db_rc store_hack_forget_person(db *d, int64_t user_id);

/* ---- teams ---- */
/* Creates a team under a challenge; the creator (user_id, or 0) joins it.
 * DB_CONSTRAINT: the name is taken, or the creator is in a team. */
enum db_rc store_hack_team_create(db *d, int64_t hack_id, int64_t challenge_id,
                                  const char *name, int64_t user_id, int64_t now, int64_t *id);
/* Puts a person in a team: DB_CONFLICT when the team is full,
 * DB_CONSTRAINT when they are in a team already. */
enum db_rc store_hack_team_join(db *d, int64_t hack_id, int64_t team_id, int64_t user_id,
                                int64_t now);
enum db_rc store_hack_team_set_coach(db *d, int64_t team_id, int64_t coach_id);
/* The teams with members, coach and submission, by challenge and name. */
enum db_rc store_hack_teams(db *d, arena *a, int64_t hack_id, struct hack_team **list,
                            size_t *n);
/* The team user_id is in (0 when none). */
enum db_rc store_hack_team_of(db *d, int64_t hack_id, int64_t user_id, int64_t *team_id);
/* The organisations the team's members and coach represent now. */
enum db_rc store_hack_team_orgs(db *d, arena *a, int64_t team_id, int64_t **ids,
                                const char ***names, size_t *n);

/* ---- submissions ---- */
/* Saves the team's submission (a draft until the deadline): DB_CONFLICT
 * when the hackathon is not running or the deadline has passed. */
enum db_rc store_hack_submission_save(db *d, int64_t hack_id, const struct hack_submission *s,
                                      int64_t user_id, int64_t now, int64_t *id);
/* DB_NOTFOUND when the team has none. */
enum db_rc store_hack_submission_of_team(db *d, arena *a, int64_t team_id,
                                         struct hack_submission **out);
enum db_rc store_hack_submission_get(db *d, arena *a, int64_t id, struct hack_submission **out);
/* Winners' places, set when results are published (0 clears). */
enum db_rc store_hack_submission_place(db *d, int64_t id, int64_t place);
/* Records the test idea a submission became: DB_CONFLICT when it has one. */
enum db_rc store_hack_submission_set_idea(db *d, int64_t id, int64_t idea_id);

/* A prototype's file (without its bytes). */
struct hack_file {
    int64_t id, submission_id, size;
    const char *name, *type;
};
enum { HACK_FILES_MAX = 10 };
/* Adds a file to the submission while it may be edited (the submission
 * guard): DB_CONFLICT when locked or when it has HACK_FILES_MAX files. */
enum db_rc store_hack_file_add(db *d, int64_t hack_id, int64_t submission_id, const char *name, const char *type,
                               const void *data, size_t len, int64_t user_id, int64_t now, int64_t *id);
enum db_rc store_hack_files(db *d, arena *a, int64_t submission_id, struct hack_file **list, size_t *n);
/* Every file of the hackathon's submissions (for the results page). */
enum db_rc store_hack_all_files(db *d, arena *a, int64_t hack_id, struct hack_file **list, size_t *n);
/* The file with its bytes; DB_NOTFOUND when none. */
enum db_rc store_hack_file_get(db *d, arena *a, int64_t id, struct hack_file **f, const void **data, size_t *len);

/* ---- jury ---- */
enum db_rc store_hack_jury_add(db *d, int64_t hack_id, int64_t user_id);
enum db_rc store_hack_is_jury(db *d, int64_t hack_id, int64_t user_id, bool *yes);
enum db_rc store_hack_jury(db *d, arena *a, int64_t hack_id, struct hack_person **list,
                           size_t *n);
/* Conflict of interest: the member is in the team or coaches it, or
 * represents an organisation that a member or the coach of the team
 * represents. */
enum db_rc store_hack_conflict(db *d, int64_t team_id, int64_t user_id, bool *yes);
/* Stores a member's scores of one submission (one per criterion, in the
 * rubric's order) and their comment: DB_CONFLICT when judging is not open.
 * *updated: the member had scored it before (the change is an update). */
enum db_rc store_hack_score_set(db *d, int64_t hack_id, int64_t submission_id, int64_t member_id,
                                const int64_t *criterion_ids, const int64_t *scores, size_t n,
                                const char *comment, int64_t now, bool *updated);
/* Every score of the hackathon (criterion as its index in the rubric),
 * for the ranking — read only when the phase shows them — or, with
 * member_id > 0, only that member's own. */
enum db_rc store_hack_scores(db *d, arena *a, int64_t hack_id, int64_t member_id,
                             struct judge_score **list, size_t *n);
/* How many submissions each jury member has scored (parallel to
 * store_hack_jury's list: counts[i] for list[i]); counts only, never scores,
 * so organisers can see the progress before judging closes. */
enum db_rc store_hack_jury_progress(db *d, arena *a, int64_t hack_id, const struct hack_person *list, size_t n,
                                    int64_t **counts);
/* Every submission of the hackathon, by id. */
enum db_rc store_hack_submissions(db *d, arena *a, int64_t hack_id, struct hack_submission **list, size_t *n);
/* Every comment of the hackathon's jury: parallel lists of submission id
 * and text (no names), by submission then member. */
enum db_rc store_hack_all_comments(db *d, arena *a, int64_t hack_id, int64_t **subs, const char ***bodies,
                                   size_t *n);
/* The teams of the hackathon the member has a conflict of interest with
 * (store_hack_conflict for all teams in one query). */
enum db_rc store_hack_conflicts(db *d, arena *a, int64_t hack_id, int64_t user_id, int64_t **teams, size_t *n);
/* The jury's comments on a submission (no names). */
enum db_rc store_hack_comments(db *d, arena *a, int64_t submission_id, const char ***list,
                               size_t *n);
/* The member's own comment ("" when none). */
enum db_rc store_hack_my_comment(db *d, arena *a, int64_t submission_id, int64_t member_id,
                                 const char **out);

/* ---- retention ---- */
/* Erases the registrations of people without an account of every hackathon
 * whose last day ended retention_days (30 by default, like events) ago, in
 * one transaction with what is kept: how many went (guests_erased) and how
 * many of them were young participants with a place (youth_kept, for the
 * statistics).  Registrations linked to an account stay (the account's
 * own data, erased with it).  *erased: how many hackathons. */
enum db_rc store_hack_erase_guests_due(db *d, int64_t now, int64_t *erased);

/* ---- the search index (store/search.h, kind "utmaning") ---- */
/* Puts every challenge of a hackathon (all hackathons are public); called
 * inside the transactions that add challenges or change the hackathon. */
enum db_rc search_index_hack_challenges(db *d, int64_t hack_id);

#endif
