/* The inhabithon's phases and rules: see hackathon.h. */
#include "domain/hackathon.h"

#include <string.h>

static const char *const phase_names[HACK_PHASE_COUNT] = {
    "planerad", "anmalan", "pagar", "bedomning", "resultat", "avslutad",
};
static const char *const kind_names[HACK_KIND_COUNT] = {"invanare", "ungdom", "forening"};

const char *hack_phase_name(enum hack_phase p)
{
    return (unsigned)p < HACK_PHASE_COUNT ? phase_names[p] : "planerad";
}

int hack_phase_from_name(const char *s)
{
    for (int i = 0; i < HACK_PHASE_COUNT; i++)
        if (s && !strcmp(s, phase_names[i])) return i;
    return -1;
}

bool hack_phase_next_ok(enum hack_phase from, enum hack_phase to)
{
    return (unsigned)from < HACK_PHASE_COUNT && (int)to == (int)from + 1 && to < HACK_PHASE_COUNT;
}

bool hack_registration_open(enum hack_phase p) { return p == HACK_REGISTRATION; }
bool hack_teams_open(enum hack_phase p) { return p == HACK_REGISTRATION || p == HACK_RUNNING; }
bool hack_scoring_open(enum hack_phase p) { return p == HACK_JUDGING; }
bool hack_scores_visible(enum hack_phase p) { return p == HACK_RESULTS || p == HACK_CLOSED; }

bool hack_submission_open(enum hack_phase p, int64_t deadline, int64_t now)
{
    return p == HACK_RUNNING && now < deadline;
}

static const char *const reg_status_names[] = {"bekraftas", "anmald", "vantelista", "aterkallad"};

const char *hack_reg_status_name(const char *stored)
{
    for (size_t i = 0; i < sizeof reg_status_names / sizeof *reg_status_names; i++)
        if (stored && strcmp(stored, reg_status_names[i]) == 0) return reg_status_names[i];
    return NULL;
}

const char *hack_kind_name(enum hack_kind k)
{
    return (unsigned)k < HACK_KIND_COUNT ? kind_names[k] : "invanare";
}

int hack_kind_from_name(const char *s)
{
    for (int i = 0; i < HACK_KIND_COUNT; i++)
        if (s && !strcmp(s, kind_names[i])) return i;
    return -1;
}

bool hack_needs_guardian(int64_t birth_year, int year)
{
    return birth_year > 0 && (int64_t)year - birth_year < 15;
}

const char *hack_registration_check(enum hack_kind kind, int64_t birth_year, int year,
                                    bool guardian_required, const char *guardian)
{
    if (kind != HACK_YOUTH) return NULL;
    if (birth_year <= 0) return "hack.err.birth_year";
    int64_t age = (int64_t)year - birth_year;
    if (age < 13 || age > 18) return "hack.err.youth_age";
    if (guardian_required && age < 15 && (!guardian || !*guardian)) return "hack.err.guardian";
    return NULL;
}
