/* The inhabithon family (issue 11): the hackathon page and its list
 * (hack_page.c), creating one with its rubric and challenges
 * (hack_form.c), registration with double opt-in (registration.c), teams
 * (teams.c), the team's submission (submission.c), the jury's scoring
 * (jury.c), the results, the CSV and winners continuing as test ideas
 * (results.c).  Implemented by hackathon.c. */
#ifndef SAMSKAP_WEB_HACKATHON_H
#define SAMSKAP_WEB_HACKATHON_H

#include "domain/hackathon.h"
#include "domain/judging.h"
#include "http/req.h"
#include "store/store.h"
#include "web/action.h"
#include "web/dates.h"
#include "web/pages.h"
#include "web/roles.h"

/* The hackathon named by slug, with challenges and rubric; writes the 404
 * (or the 500) and returns NULL when it cannot. */
struct hackathon *load_hack(req *r, const char *slug);
/* The same without challenges and rubric (store_hack_row_by_slug). */
struct hackathon *load_hack_row(req *r, const char *slug);
/* Organisers: coordinators. */
bool hack_organiser(req *r);
/* r's user is on the hackathon's jury (false when signed out). */
bool hack_jury_member(req *r, const struct hackathon *h);
/* "Inhabithon 2022 › Lag" and so on: the trail to the hackathon, then `here`. */
void hack_crumbs(req *r, const struct hackathon *h, const char *here);
/* The phase as a tag. */
void hack_phase_tag(req *r, enum hack_phase p);
/* The team by id text within the hackathon, from a list loaded with
 * store_hack_teams; NULL when none. */
struct hack_team *hack_team_in(struct hack_team *teams, size_t n, const char *id_text);
/* The ranking of every submission (only when the phase shows scores):
 * results in rank order, the teams in the same order (parallel) and the
 * scores they came from.  False after writing an error page. */
struct hack_ranking {
    struct judge_result *res;
    struct hack_team **team;
    size_t n;
    struct judge_score *scores;
    size_t nscores;
    int64_t weights[JUDGING_MAX_CRITERIA];
    size_t ncrit;
};
bool hack_rank(req *r, const struct hackathon *h, struct hack_team *teams, size_t nteams,
               struct hack_ranking *out);
/* The submission's texts as a list of facts (the read-only view, the
 * jury's form and the results page). */
void hack_submission_text(req *r, const struct hack_submission *s);
/* The prototype's files of a submission as a list of download links
 * (nothing when none); false after writing the error page. */
bool hack_files_list(req *r, const struct hackathon *h, int64_t submission_id);
/* The same from a list already read (store_hack_all_files). */
void hack_files_write(req *r, const struct hackathon *h, const struct hack_file *files, size_t n, int64_t submission_id);
/* A number with two decimals and a Swedish comma ("0,25", "−0,50"). */
const char *hack_decimal(req *r, double v);

/* The periodic sweep (mail_sender_periodic, on the sender's connection):
 * erases the registrations of people without an account after the
 * hackathon's retention date (store_hack_erase_guests_due). */
void hack_sweep_run(void *db_conn, int64_t now);

#endif
