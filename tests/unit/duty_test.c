/* domain/duty.c: separation of duties.  A coordinator decides no claim they
 * made, nothing on an idea they wrote, and nothing on an idea of an
 * organisation they represent — including a colleague's claim on it. */
#include "testutil.h"
#include "domain/duty.h"

enum { ME = 10, COLLEAGUE = 11, OTHER = 12, MY_ORG = 3, MY_OTHER_ORG = 4, THEIR_ORG = 5 };

static const int64_t MY_ORGS[] = {MY_ORG, MY_OTHER_ORG};
static const struct duty_actor me = {.user_id = ME, .org_ids = MY_ORGS, .norgs = 2};
static const struct duty_actor me_alone = {.user_id = ME};

static void ideas(void **state)
{
    (void)state;
    const struct idea mine = {.submitter_id = ME};
    const struct idea mine_for_their_org = {.submitter_id = ME, .org_id = THEIR_ORG};
    const struct idea colleagues_for_my_org = {.submitter_id = COLLEAGUE, .org_id = MY_ORG};
    const struct idea for_my_other_org = {.submitter_id = COLLEAGUE, .org_id = MY_OTHER_ORG};
    const struct idea theirs = {.submitter_id = OTHER, .org_id = THEIR_ORG};
    const struct idea a_young_persons = {.submitter_id = OTHER};

    struct duty_subject s = duty_of_idea(&mine);
    assert_int_equal(duty_check(&me, &s), DUTY_OWN_IDEA);
    s = duty_of_idea(&mine_for_their_org);
    assert_int_equal(duty_check(&me, &s), DUTY_OWN_IDEA);
    s = duty_of_idea(&colleagues_for_my_org);
    assert_int_equal(duty_check(&me, &s), DUTY_OWN_ORG);
    s = duty_of_idea(&for_my_other_org);
    assert_int_equal(duty_check(&me, &s), DUTY_OWN_ORG);
    s = duty_of_idea(&theirs);
    assert_int_equal(duty_check(&me, &s), DUTY_NONE);
    s = duty_of_idea(&a_young_persons);
    assert_int_equal(duty_check(&me, &s), DUTY_NONE);
    /* one who no longer represents the organisation may decide on it */
    s = duty_of_idea(&colleagues_for_my_org);
    assert_int_equal(duty_check(&me_alone, &s), DUTY_NONE);
}

static void claims(void **state)
{
    (void)state;
    const struct idea my_orgs = {.submitter_id = COLLEAGUE, .org_id = MY_ORG};
    const struct idea their_orgs = {.submitter_id = OTHER, .org_id = THEIR_ORG};
    const struct idea mine = {.submitter_id = ME};
    const struct claim by_me = {.claimant_id = ME};
    const struct claim by_colleague = {.claimant_id = COLLEAGUE};
    const struct claim by_other = {.claimant_id = OTHER};

    struct duty_subject s = duty_of_claim(&by_me, &their_orgs);
    assert_int_equal(duty_check(&me, &s), DUTY_OWN_CLAIM);
    /* the gap this rule closes: a colleague's claim on my organisation's idea */
    s = duty_of_claim(&by_colleague, &my_orgs);
    assert_int_equal(duty_check(&me, &s), DUTY_OWN_ORG);
    s = duty_of_claim(&by_other, &mine);
    assert_int_equal(duty_check(&me, &s), DUTY_OWN_IDEA);
    s = duty_of_claim(&by_other, &their_orgs);
    assert_int_equal(duty_check(&me, &s), DUTY_NONE);
    s = duty_of_claim(&by_colleague, &my_orgs);
    assert_int_equal(duty_check(&me_alone, &s), DUTY_NONE);
    /* the claim's own conflict is named first */
    s = duty_of_claim(&by_me, &my_orgs);
    assert_int_equal(duty_check(&me, &s), DUTY_OWN_CLAIM);
    /* without the idea, the claimant alone decides */
    s = duty_of_claim(&by_colleague, NULL);
    assert_int_equal(duty_check(&me, &s), DUTY_NONE);
    /* a claim as the queue lists it (its idea's submitter and organisation
     * read with it) is judged the same */
    const struct claim listed_colleague = {.claimant_id = COLLEAGUE, .idea_submitter_id = COLLEAGUE,
                                           .idea_org_id = MY_ORG};
    const struct claim listed_mine = {.claimant_id = ME, .idea_submitter_id = OTHER, .idea_org_id = THEIR_ORG};
    const struct claim listed_other = {.claimant_id = OTHER, .idea_submitter_id = OTHER, .idea_org_id = THEIR_ORG};
    s = duty_of_listed_claim(&listed_colleague);
    assert_int_equal(duty_check(&me, &s), DUTY_OWN_ORG);
    s = duty_of_listed_claim(&listed_mine);
    assert_int_equal(duty_check(&me, &s), DUTY_OWN_CLAIM);
    s = duty_of_listed_claim(&listed_other);
    assert_int_equal(duty_check(&me, &s), DUTY_NONE);
}

static void nobody_and_nothing(void **state)
{
    (void)state;
    struct duty_subject empty = {0};
    assert_int_equal(duty_check(&me, &empty), DUTY_NONE);       /* 0 ids match no one */
    const struct duty_actor anonymous = {0};
    struct duty_subject s = {.submitter_id = 0, .org_id = 0, .claimant_id = 0};
    assert_int_equal(duty_check(&anonymous, &s), DUTY_NONE);
    assert_int_equal(duty_check(NULL, &s), DUTY_NONE);
    assert_int_equal(duty_check(&me, NULL), DUTY_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ideas),
        cmocka_unit_test(claims),
        cmocka_unit_test(nobody_and_nothing),
    };
    return cmocka_run_group_tests_name("duty", tests, NULL, NULL);
}
