/* The inhabithon's phases and rules: see hackathon.h. */
#include "domain/hackathon.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

struct order {
    size_t i;
    const char *skills;
};

static int by_skills(const void *a, const void *b)
{
    const struct order *x = a, *y = b;
    int c = strcasecmp(x->skills, y->skills);
    if (c) return c;
    return (x->i > y->i) - (x->i < y->i);
}

size_t hack_suggest_teams(const struct hack_candidate *people, size_t n, const int64_t *challenges,
                          size_t nchallenges, int64_t max, int *team_of, int *challenge_of_team)
{
    if (max < 1 || !nchallenges) return 0;
    int *ch = calloc(n ? n : 1, sizeof *ch);
    size_t *count = calloc(nchallenges, sizeof *count);
    /* 1. the highest-ranked challenge asked for, else the emptiest */
    for (size_t i = 0; i < n; i++) {
        ch[i] = -1;
        for (int k = 0; k < 3 && ch[i] < 0; k++)
            for (size_t c = 0; c < nchallenges; c++)
                if (people[i].prefs[k] && people[i].prefs[k] == challenges[c]) ch[i] = (int)c;
        if (ch[i] >= 0) count[ch[i]]++;
    }
    for (size_t i = 0; i < n; i++) {
        if (ch[i] >= 0) continue;
        size_t best = 0;
        for (size_t c = 1; c < nchallenges; c++)
            if (count[c] < count[best]) best = c;
        ch[i] = (int)best;
        count[best]++;
    }
    /* 2 and 3: per challenge, ceil(n / max) teams, dealt round-robin by skills */
    size_t teams = 0;
    struct order *o = calloc(n ? n : 1, sizeof *o);
    for (size_t c = 0; c < nchallenges; c++) {
        if (!count[c]) continue;
        size_t k = (count[c] + (size_t)max - 1) / (size_t)max, m = 0;
        for (size_t i = 0; i < n; i++)
            if (ch[i] == (int)c) o[m++] = (struct order){i, people[i].skills ? people[i].skills : ""};
        qsort(o, m, sizeof *o, by_skills);
        for (size_t j = 0; j < m; j++) team_of[o[j].i] = (int)(teams + j % k);
        for (size_t t = 0; t < k; t++) challenge_of_team[teams + t] = (int)c;
        teams += k;
    }
    free(o);
    free(ch);
    free(count);
    return teams;
}
