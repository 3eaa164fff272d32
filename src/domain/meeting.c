#include "domain/meeting.h"

#include <string.h>

#include "util/text.h"

static const char *const act_names[ACT_STATUS_COUNT] = {
    [ACT_PLANNED] = "planerad", [ACT_RUNNING] = "pagar", [ACT_DONE] = "genomford",
    [ACT_CANCELLED] = "installd",
};
static const char *const meeting_names[MEETING_STATUS_COUNT] = {
    [MEETING_PLANNED] = "planerat", [MEETING_HELD] = "genomfort",
    [MEETING_PUBLISHED] = "protokoll_publicerat",
};
static const char *const section_names[SECTION_COUNT] = {
    [SECTION_MAIN] = "punkt", [SECTION_OTHER] = "ovrigt",
};

static int find(const char *const *names, int n, const char *s)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(s, names[i]) == 0) return i;
    return -1;
}

int activity_status_for_idea(enum idea_status s)
{
    switch (s) {
    case IDEA_RUNNING: return ACT_RUNNING;
    case IDEA_COMPLETED:
    case IDEA_REPORTED: return ACT_DONE;
    default: return -1;
    }
}

bool idea_needs_activity(enum idea_status s)
{
    return s == IDEA_COMPLETED || s == IDEA_REPORTED;
}

size_t idea_path_for_activity(enum activity_status act, enum idea_status idea, enum idea_status path[2])
{
    size_t n = 0;
    if ((act == ACT_RUNNING || act == ACT_DONE) && idea == IDEA_APPROVED) path[n++] = IDEA_RUNNING;
    if (act == ACT_DONE && (idea == IDEA_APPROVED || idea == IDEA_RUNNING)) path[n++] = IDEA_COMPLETED;
    return n;
}

struct activity activity_from_idea(arena *a, const struct idea *i)
{
    int s = activity_status_for_idea(i->status);
    struct activity x = {.idea_id = i->id, .title = i->title, .status = s < 0 ? ACT_PLANNED : (enum activity_status)s,
                         .presenter = "", .start_date = i->period_start, .end_date = i->period_end,
                         .total = {-1, -1}, .youth = {-1, -1}, .report = i->report ? i->report : "",
                         .results = "", .feedback = "", .feedback_date = "", .next_steps = ""};
    x.orgs = arena_alloc(a, (i->npartners + 2) * sizeof *x.orgs);
    if (i->org_id) x.orgs[x.norgs++] = (struct named_org){i->org_id, i->org_name, i->org_slug};
    for (size_t k = 0; k < i->npartners; k++)
        x.orgs[x.norgs++] = (struct named_org){i->partners[k].org_id, i->partners[k].name, i->partners[k].slug};
    return x;
}

const char *activity_status_name(enum activity_status s)
{
    return (unsigned)s < ACT_STATUS_COUNT ? act_names[s] : act_names[ACT_PLANNED];
}

int activity_status_from_name(const char *s)
{
    return find(act_names, ACT_STATUS_COUNT, s);
}

const char *meeting_status_name(enum meeting_status s)
{
    return (unsigned)s < MEETING_STATUS_COUNT ? meeting_names[s] : meeting_names[MEETING_PLANNED];
}

int meeting_status_from_name(const char *s)
{
    return find(meeting_names, MEETING_STATUS_COUNT, s);
}

const char *section_name(enum item_section s)
{
    return (unsigned)s < SECTION_COUNT ? section_names[s] : section_names[SECTION_MAIN];
}

int section_from_name(const char *s)
{
    return find(section_names, SECTION_COUNT, s);
}

/* Reads digits at *p into v; false when there are none or too many. */
static bool read_number(const char **p, int64_t *v)
{
    const char *s = *p;
    int64_t n = 0;
    int digits = 0;
    while (*s >= '0' && *s <= '9') {
        if (++digits > 9) return false;
        n = n * 10 + (*s++ - '0');
    }
    if (!digits) return false;
    *v = n;
    *p = s;
    return true;
}

static const char *skip_blank(const char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    return s;
}

bool parse_count_range(const char *s, struct count_range *out)
{
    s = skip_blank(s ? s : "");
    if (!*s) {
        out->min = out->max = -1;
        return true;
    }
    int64_t lo, hi;
    if (!read_number(&s, &lo)) return false;
    hi = lo;
    const char *t = skip_blank(s);
    if (*t == '-' || strncmp(t, "\xe2\x80\x93", 3) == 0 || strncmp(t, "\xe2\x80\x94", 3) == 0) {
        t += *t == '-' ? 1 : 3;
        t = skip_blank(t);
        if (!read_number(&t, &hi)) return false;
        s = t;
    }
    /* anything after the numbers must be words, not more numbers */
    for (const char *r = s; *r; r++)
        if (*r >= '0' && *r <= '9') return false;
    if (lo < 0 || hi < lo || hi > COUNT_MAX) return false;
    out->min = lo;
    out->max = hi;
    return true;
}

bool meeting_times_ok(const char *start, const char *end)
{
    if (!start || !end || strlen(start) != 5 || strlen(end) != 5) return false;
    for (int i = 0; i < 5; i++) {
        if (i == 2) {
            if (start[i] != ':' || end[i] != ':') return false;
        } else if (start[i] < '0' || start[i] > '9' || end[i] < '0' || end[i] > '9') {
            return false;
        }
    }
    if (strcmp(start, "23:59") > 0 || strcmp(end, "23:59") > 0) return false;
    if (start[3] > '5' || end[3] > '5') return false;
    return strcmp(end, start) > 0;
}

bool minutes_editable(enum meeting_status s)
{
    return s == MEETING_PLANNED || s == MEETING_HELD;
}

bool meeting_day_has_come(const char *meeting_date, const char *today)
{
    return meeting_date && today && *meeting_date && strcmp(meeting_date, today) <= 0;
}

bool meeting_day_has_passed(const char *meeting_date, const char *today)
{
    return meeting_date && today && *meeting_date && strcmp(meeting_date, today) < 0;
}

bool meeting_upcoming_on(const struct meeting *m, const char *today)
{
    return m->status == MEETING_PLANNED && !meeting_day_has_passed(m->date, today);
}

bool meeting_awaits_minutes_on(const struct meeting *m, const char *today)
{
    return m->status == MEETING_PLANNED && meeting_day_has_passed(m->date, today);
}

bool minutes_publishable_on(const struct meeting *m, const char *today)
{
    return m->status != MEETING_PUBLISHED && meeting_day_has_come(m->date, today);
}

bool minutes_save_holds_meeting(const struct meeting *m, const char *today)
{
    return m->status == MEETING_PLANNED && meeting_day_has_come(m->date, today);
}

/* The next line of *p, cleaned (text_clean: trimmed, spaces tidied), and
 * *p moved past it. */
static char *next_line(arena *a, const char **p)
{
    size_t len = strcspn(*p, "\n");
    char *line = text_clean(a, arena_strndup(a, *p, len));
    *p += len;
    if (**p) (*p)++;
    return line;
}

const char *parse_attendance(arena *a, const char *text, const char *remote_word, struct attendee **out,
                             size_t *n)
{
    const char *problem = NULL;
    *out = arena_alloc(a, (MAX_ATTENDEES + 1) * sizeof **out);
    *n = 0;
    for (const char *p = text ? text : ""; *p;) {
        char *line = next_line(a, &p);
        if (!*line) continue;
        if (*n == MAX_ATTENDEES) {
            if (!problem) problem = "err.too_many_lines";
            break;
        }
        bool remote = false;
        char *paren = strrchr(line, '(');
        if (paren && remote_word && *remote_word && strstr(paren, remote_word)) {
            remote = true;
            *paren = '\0';
            line = text_clean(a, line);
        }
        char *comma = strchr(line, ',');
        const char *org = "";
        if (comma) {
            *comma = '\0';
            org = text_clean(a, comma + 1);
            line = text_clean(a, line);
        }
        if (!problem && (utf8_len(line) > ATTENDEE_TEXT_MAX || utf8_len(org) > ATTENDEE_TEXT_MAX))
            problem = "err.too_long";
        (*out)[(*n)++] = (struct attendee){line, org, remote};
    }
    return problem;
}

const char *parse_questions(arena *a, const char *text, const char ***out, size_t *n)
{
    *out = arena_alloc(a, (MAX_QUESTIONS + 1) * sizeof **out);
    *n = 0;
    for (const char *p = text ? text : ""; *p;) {
        char *q = next_line(a, &p);
        if (!*q) continue;
        if (*n == MAX_QUESTIONS) return "err.too_many_lines";
        (*out)[(*n)++] = q;
    }
    return NULL;
}
