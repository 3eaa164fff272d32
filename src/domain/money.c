#include "domain/money.h"

#include <string.h>

static const char *skip_space(const char *p)
{
    for (;;) {
        if (*p == ' ' || *p == '\t') p++;
        else if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) p += 2;
        else if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
                 (unsigned char)p[2] == 0xAF) p += 3; /* narrow no-break space */
        else return p;
    }
}

enum money_parse money_parse(const char *s, int64_t *ore)
{
    if (!s) return MONEY_EMPTY;
    const char *p = skip_space(s);
    if (!*p) return MONEY_EMPTY;
    bool neg = false;
    if (*p == '-' || *p == '+') {
        neg = *p == '-';
        p = skip_space(p + 1);
    } else if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x88 &&
               (unsigned char)p[2] == 0x92) { /* U+2212 minus */
        neg = true;
        p = skip_space(p + 3);
    }
    int64_t kr = 0;
    int digits = 0, group = 0, groups = 0;
    bool too_large = false;
    while (*p) {
        if (*p >= '0' && *p <= '9') {
            if (kr > MONEY_MAX_ORE / 100) too_large = true;
            else kr = kr * 10 + (*p - '0');
            digits++;
            group++;
            p++;
            continue;
        }
        const char *q = skip_space(p);
        if (q != p && *q >= '0' && *q <= '9' && digits > 0) {
            /* thousands groups: "1 250 000" — a first group of 1–3 digits,
             * then groups of exactly three */
            if ((groups == 0 && group > 3) || (groups > 0 && group != 3)) return MONEY_INVALID;
            groups++;
            group = 0;
            p = q;
            continue;
        }
        break;
    }
    if (digits == 0) return MONEY_INVALID;
    if (groups > 0 && group != 3) return MONEY_INVALID;
    int64_t frac = 0;
    if (*p == ',' || *p == '.') {
        /* "1.250" may mean 1 250 kr or 1,25 kr: ask instead of guessing */
        if (*p == '.' && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9' &&
            p[3] == '0' && (p[4] < '0' || p[4] > '9'))
            return MONEY_INVALID;
        p++;
        int fd = 0;
        while (*p >= '0' && *p <= '9') {
            if (fd < 2) frac = frac * 10 + (*p - '0');
            else if (*p != '0') return MONEY_FRACTION;
            fd++;
            p++;
        }
        if (fd == 0) return MONEY_INVALID;
        if (fd == 1) frac *= 10;
    }
    p = skip_space(p);
    if (strncmp(p, "kr", 2) == 0) p = skip_space(p + 2);
    else if (*p == ':' && p[1] == '-') p = skip_space(p + 2);
    if (*p) return MONEY_INVALID;
    if (too_large || kr > MONEY_MAX_ORE / 100) return MONEY_TOO_LARGE;
    int64_t v = kr * 100 + frac;
    if (v > MONEY_MAX_ORE) return MONEY_TOO_LARGE;
    *ore = neg ? -v : v;
    return MONEY_OK;
}

bool money_add(int64_t a, int64_t b, int64_t *out)
{
    return !__builtin_add_overflow(a, b, out);
}
