/* Separation of duties (docs/DESIGN.md, "Who may do what"): a coordinator
 * neither assesses nor decides an idea that is their own or comes from an
 * organisation they represent, and decides no expense claim that they made
 * or that is on such an idea.  Rules only: the caller loads who the person
 * is and what the thing is, and passes them in. */
#ifndef SAMSKAP_DUTY_H
#define SAMSKAP_DUTY_H

#include <stddef.h>
#include <stdint.h>

#include "domain/claim.h"
#include "domain/idea.h"

/* The person about to act. */
struct duty_actor {
    int64_t user_id;
    const int64_t *org_ids;     /* the organisations they represent today */
    size_t norgs;
};

/* What they would act on: an idea, or a claim on an idea. */
struct duty_subject {
    int64_t submitter_id;       /* who wrote the idea (0 when unknown) */
    int64_t org_id;             /* the idea's organisation, or 0 */
    int64_t claimant_id;        /* who made the claim; 0 for an idea */
};

enum duty_conflict {
    DUTY_NONE,                  /* free to act */
    DUTY_OWN_CLAIM,             /* the claim is theirs */
    DUTY_OWN_IDEA,              /* the idea (or the idea the claim is on) is theirs */
    DUTY_OWN_ORG,               /* it comes from an organisation they represent */
};

/* The first conflict found, in the order above, or DUTY_NONE. */
enum duty_conflict duty_check(const struct duty_actor *who, const struct duty_subject *what);

/* The subject for an idea, and for a claim on idea i. */
struct duty_subject duty_of_idea(const struct idea *i);
struct duty_subject duty_of_claim(const struct claim *c, const struct idea *i);
/* The subject for a claim read with its idea's submitter and organisation
 * (idea_submitter_id, idea_org_id: the coordinators' queue). */
struct duty_subject duty_of_listed_claim(const struct claim *c);

#endif
