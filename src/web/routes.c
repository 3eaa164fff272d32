/* Every page family's routes, in the order they are tried. */
#include "web/pages.h"

const struct route *const route_tables[] = {
    home_routes,
    static_routes,
    info_routes,
    account_routes,
    admin_routes,
    org_routes,
    post_routes,
    moderation_routes,
    project_routes,
    idea_routes,
    assessment_routes,
    claim_routes,
    notification_routes,
    group_routes,
    meeting_routes,
    activity_routes,
    NULL,
};
