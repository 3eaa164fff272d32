/* Every page family's routes, in the order they are tried: the tables
 * listed in route_list.h. */
#include "http/router.h"

#define ROUTES(name) extern const struct route name[];
#include "web/route_list.h"
#undef ROUTES

const struct route *const route_tables[] = {
#define ROUTES(name) name,
#include "web/route_list.h"
#undef ROUTES
    NULL,
};
