/* Expense claims (utlägg) against a granted budget line, with a receipt.
 * inskickad → godkänd → utbetald, or inskickad → avslagen.  Approved
 * claims never exceed the line's grant (checked again, atomically, by the
 * store when a coordinator approves). */
#ifndef SAMSKAP_CLAIM_H
#define SAMSKAP_CLAIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/idea.h"

enum claim_status { CLAIM_SUBMITTED, CLAIM_APPROVED, CLAIM_PAID, CLAIM_REJECTED, CLAIM_STATUS_COUNT };

struct claim {
    int64_t id;
    int64_t idea_id;
    int64_t line_id;
    const char *line_description, *category;
    int64_t claimant_id;
    const char *claimant_name;
    const char *description;
    int64_t amount;
    const char *spent_on;       /* YYYY-MM-DD */
    enum claim_status status;
    const char *receipt_name, *receipt_type;
    int64_t receipt_size;
    const char *decision_note;
    int64_t decided_at, paid_at, created_at;
    /* for the coordinators' queue */
    const char *idea_title, *project_slug;
    int64_t idea_submitter_id, idea_org_id; /* 0 when none (for duty_check) */
};

const char *claim_status_name(enum claim_status s);   /* "inskickad", "godkand", ... */
int claim_status_from_name(const char *s);
bool claim_transition_allowed(enum claim_status from, enum claim_status to);

/* What a receipt really is, by its first bytes: "application/pdf",
 * "image/jpeg", "image/png", or NULL for anything else (whatever the
 * client called it). */
const char *receipt_type(const unsigned char *data, size_t n);

/* What is left to claim on a budget line: its grant, less what has been
 * approved (paid counts as approved) and less the claims on it still
 * waiting for a decision.  `claims` are the idea's claims (any lines, any
 * status); may be negative when a grant was lowered under what is taken. */
int64_t claim_line_left(const struct budget_line *line, const struct claim *claims, size_t n);

/* A new claim of `amount` fits the line: positive and at most what is left. */
bool claim_fits_line(const struct budget_line *line, const struct claim *claims, size_t n, int64_t amount);

enum { RECEIPT_MAX_BYTES = 5 * 1024 * 1024, CLAIM_TEXT_MAX = 300 };

#endif
