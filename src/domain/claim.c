#include "domain/claim.h"

#include <string.h>

static const char *const names[CLAIM_STATUS_COUNT] = {
    [CLAIM_SUBMITTED] = "inskickad", [CLAIM_APPROVED] = "godkand",
    [CLAIM_PAID] = "utbetald", [CLAIM_REJECTED] = "avslagen",
};

const char *claim_status_name(enum claim_status s)
{
    return (unsigned)s < CLAIM_STATUS_COUNT ? names[s] : names[CLAIM_SUBMITTED];
}

int claim_status_from_name(const char *s)
{
    for (int i = 0; s && i < CLAIM_STATUS_COUNT; i++)
        if (strcmp(s, names[i]) == 0) return i;
    return -1;
}

bool claim_transition_allowed(enum claim_status from, enum claim_status to)
{
    return (from == CLAIM_SUBMITTED && (to == CLAIM_APPROVED || to == CLAIM_REJECTED)) ||
           (from == CLAIM_APPROVED && to == CLAIM_PAID);
}

const char *receipt_type(const unsigned char *d, size_t n)
{
    if (n >= 5 && memcmp(d, "%PDF-", 5) == 0) {
        /* a PDF ends with %%EOF (allowing trailing whitespace) */
        size_t tail = n > 1024 ? 1024 : n;
        const unsigned char *t = d + n - tail;
        for (size_t i = 0; i + 5 <= tail; i++)
            if (memcmp(t + i, "%%EOF", 5) == 0) return "application/pdf";
        return NULL;
    }
    if (n >= 4 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) {
        /* the end-of-image marker, allowing trailing bytes some cameras add */
        size_t tail = n > 4096 ? 4096 : n;
        const unsigned char *t = d + n - tail;
        for (size_t i = 0; i + 2 <= tail; i++)
            if (t[i] == 0xFF && t[i + 1] == 0xD9) return "image/jpeg";
        return NULL;
    }
    static const unsigned char png[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    if (n >= 8 + 25 && memcmp(d, png, 8) == 0 && memcmp(d + 12, "IHDR", 4) == 0) return "image/png";
    return NULL;
}

int64_t claim_line_left(const struct budget_line *line, const struct claim *claims, size_t n)
{
    int64_t waiting = 0;
    for (size_t k = 0; k < n; k++)
        if (claims[k].line_id == line->id && claims[k].status == CLAIM_SUBMITTED) waiting += claims[k].amount;
    return line->granted - line->approved_total - waiting;
}

bool claim_fits_line(const struct budget_line *line, const struct claim *claims, size_t n, int64_t amount)
{
    return amount > 0 && amount <= claim_line_left(line, claims, n);
}
