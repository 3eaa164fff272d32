/* Who r's user is for what a page shows and allows: beyond the roles of
 * domain/user.h, the relations to an idea (see docs/DESIGN.md, "Who may do
 * what").  Every page family asks here, not a sibling page file. */
#include "web/roles.h"

#include "domain/idea.h"

bool is_coordinator(req *r)
{
    return req_has_role(r, ROLE_KOORDINATOR);
}

bool is_submitter(req *r, const struct idea *i)
{
    if (!r->user) return false;
    /* an organisation's idea is in the hands of its representatives of the
     * day: one who leaves the organisation leaves its ideas too */
    bool rep = false;
    if (i->org_id) return store_org_is_rep(r->db, i->org_id, r->user->id, &rep) == DB_OK && rep;
    return i->submitter_id && i->submitter_id == r->user->id;
}

unsigned idea_actors(req *r, const struct idea *i)
{
    return (is_submitter(r, i) ? ACTOR_SUBMITTER : 0) | (is_coordinator(r) ? ACTOR_COORDINATOR : 0);
}

bool duty_actor_of(req *r, struct duty_actor *who)
{
    *who = (struct duty_actor){0};
    if (!r->user) return true;
    struct org *orgs = NULL;
    size_t n = 0;
    if (store_user_orgs(r->db, r->a, r->user->id, &orgs, &n) != DB_OK) return false;
    int64_t *ids = arena_alloc(r->a, (n + 1) * sizeof *ids);
    for (size_t k = 0; k < n; k++) ids[k] = orgs[k].id;
    *who = (struct duty_actor){r->user->id, ids, n};
    return true;
}

int duty_conflict_of(req *r, const struct duty_subject *what)
{
    if (!r->user) return DUTY_NONE;
    struct duty_actor who;
    if (!duty_actor_of(r, &who)) return -1;
    return (int)duty_check(&who, what);
}
