/* Plain-language review rules: see review.h. */
#include "domain/review.h"

#include <string.h>

static const char *const kinds[RK_COUNT] = {"inlagg", "utlysning", "brevmall", "protokoll",
                                            "fritext"};
static const char *const verdicts[RV_COUNT] = {"godkand", "godkand_med_andringar", "skriv_om"};

const char *review_kind_name(enum review_kind k)
{
    return (unsigned)k < RK_COUNT ? kinds[k] : "";
}

int review_kind_from_name(const char *s)
{
    for (int i = 0; s && i < RK_COUNT; i++)
        if (strcmp(s, kinds[i]) == 0) return i;
    return -1;
}

const char *review_verdict_name(enum review_verdict v)
{
    return (unsigned)v < RV_COUNT ? verdicts[v] : "";
}

int review_verdict_from_name(const char *s)
{
    for (int i = 0; s && i < RV_COUNT; i++)
        if (strcmp(s, verdicts[i]) == 0) return i;
    return -1;
}

const char *review_may_judge(int64_t author_id, int64_t reviewer_id, int64_t version,
                             int64_t latest)
{
    if (author_id != 0 && author_id == reviewer_id) return "klarsprak.err.own_text";
    if (version != latest) return "klarsprak.err.not_latest";
    return NULL;
}

/* Days since 2000-01-01 of a valid "YYYY-MM-DD" in 2000–2099, else -1. */
static long day_number(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return -1;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 2000 || y > 2099 || m < 1 || m > 12 || d < 1) return -1;
    bool leap = y % 4 == 0;  /* 2000–2099 */
    if (d > mdays[m - 1] + (m == 2 && leap)) return -1;
    long days = 0;
    for (int k = 2000; k < y; k++) days += k % 4 == 0 ? 366 : 365;
    for (int k = 1; k < m; k++) days += mdays[k - 1] + (k == 2 && leap);
    return days + d - 1;
}

const char *review_check_deadline(const char *deadline, const char *today)
{
    long d = day_number(deadline), t = day_number(today);
    if (d < 0) return "klarsprak.err.deadline_format";
    if (t >= 0 && d < t) return "klarsprak.err.deadline_past";
    if (t >= 0 && d - t > REVIEW_MAX_DAYS) return "klarsprak.err.deadline_far";
    return NULL;
}

static bool blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

struct review_par *review_paragraphs(arena *a, const char *text, size_t *n)
{
    struct review_par *p = NULL;
    size_t cap = 0;
    *n = 0;
    size_t len = text ? strlen(text) : 0, i = 0;
    while (i < len) {
        /* skip blank lines and leading white space */
        while (i < len && (blank(text[i]) || text[i] == '\n')) i++;
        if (i >= len) break;
        size_t start = i, end = i;
        while (i < len) {
            const char *nl = memchr(text + i, '\n', len - i);
            size_t line_end = nl ? (size_t)(nl - text) : len;
            size_t k = i;
            while (k < line_end && blank(text[k])) k++;
            if (k == line_end) break;  /* a blank line ends the paragraph */
            end = line_end;
            i = nl ? line_end + 1 : len;
        }
        while (end > start && blank(text[end - 1])) end--;
        struct review_par *r = ARENA_PUSH(a, p, *n, cap);
        r->off = start;
        r->len = end - start;
    }
    return p;
}

static bool space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* Does the quote stand at s[0..n)?  A run of white space in either matches
 * a run in the other (a quote copied across a line break, or typed with
 * one space where the text has two, is still the same words). */
static bool match_at(const char *s, size_t n, const char *q)
{
    size_t i = 0;
    while (*q) {
        if (space(*q)) {
            if (i >= n || !space(s[i])) return false;
            while (space(*q)) q++;
            while (i < n && space(s[i])) i++;
            continue;
        }
        if (i >= n || s[i] != *q) return false;
        i++, q++;
    }
    return true;
}

static bool holds(const char *text, const struct review_par *p, const char *quote)
{
    while (space(*quote)) quote++;
    if (!*quote) return false;
    for (size_t i = 0; i < p->len; i++)
        if (match_at(text + p->off + i, p->len - i, quote)) return true;
    return false;
}

bool review_quote_in(arena *a, const char *text, int64_t paragraph, const char *quote)
{
    size_t n;
    struct review_par *p = review_paragraphs(a, text, &n);
    if (paragraph < 1 || (size_t)paragraph > n) return false;
    return holds(text, &p[paragraph - 1], quote);
}

int64_t review_carry(arena *a, const char *old_text, const char *new_text, int64_t paragraph,
                     const char *quote)
{
    size_t on, nn;
    struct review_par *op = review_paragraphs(a, old_text, &on);
    struct review_par *np = review_paragraphs(a, new_text, &nn);
    if (paragraph < 1 || (size_t)paragraph > on) return 0;
    if (quote && *quote) {
        if ((size_t)paragraph <= nn && holds(new_text, &np[paragraph - 1], quote)) return paragraph;
        for (size_t k = 0; k < nn; k++)
            if (holds(new_text, &np[k], quote)) return (int64_t)k + 1;
        return 0;
    }
    const struct review_par *o = &op[paragraph - 1];
    if ((size_t)paragraph <= nn && np[paragraph - 1].len == o->len &&
        memcmp(new_text + np[paragraph - 1].off, old_text + o->off, o->len) == 0)
        return paragraph;
    for (size_t k = 0; k < nn; k++)
        if (np[k].len == o->len && memcmp(new_text + np[k].off, old_text + o->off, o->len) == 0)
            return (int64_t)k + 1;
    return 0;
}
