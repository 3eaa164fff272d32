#include "domain/duty.h"

enum duty_conflict duty_check(const struct duty_actor *who, const struct duty_subject *what)
{
    if (!who || !what || who->user_id <= 0) return DUTY_NONE;
    if (what->claimant_id == who->user_id) return DUTY_OWN_CLAIM;
    if (what->submitter_id == who->user_id) return DUTY_OWN_IDEA;
    if (what->org_id > 0)
        for (size_t k = 0; k < who->norgs; k++)
            if (who->org_ids[k] == what->org_id) return DUTY_OWN_ORG;
    return DUTY_NONE;
}

struct duty_subject duty_of_idea(const struct idea *i)
{
    return (struct duty_subject){.submitter_id = i->submitter_id, .org_id = i->org_id};
}

struct duty_subject duty_of_claim(const struct claim *c, const struct idea *i)
{
    struct duty_subject s = i ? duty_of_idea(i) : (struct duty_subject){0};
    s.claimant_id = c->claimant_id;
    return s;
}

struct duty_subject duty_of_listed_claim(const struct claim *c)
{
    return (struct duty_subject){.submitter_id = c->idea_submitter_id, .org_id = c->idea_org_id,
                                 .claimant_id = c->claimant_id};
}
