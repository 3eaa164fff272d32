/* The route table: method + path pattern -> handler.  A pattern segment
 * "*" matches one path segment and is captured into r->params.  Routes are
 * declared per page family in src/web/ and listed in src/web/route_list.h. */
#ifndef SAMSKAP_ROUTER_H
#define SAMSKAP_ROUTER_H

#include "http/req.h"

typedef void (*handler_fn)(req *r);

enum route_flags {
    R_AUTH = 1,     /* must be signed in (else: to the sign-in page) */
    R_UPLOAD = 2,   /* accepts multipart bodies up to the upload limit */
    R_NOCSRF = 4,   /* POST without a CSRF token (none yet; kept explicit) */
};

struct route {
    int methods;          /* M_GET | M_POST ... (HEAD follows GET) */
    const char *pattern;  /* "/nyheter/ *" without the space */
    handler_fn handler;
    unsigned flags;
};

enum route_match { ROUTE_FOUND, ROUTE_NOT_FOUND, ROUTE_BAD_METHOD };

/* Finds the route for method and path; fills params on success.
 * On ROUTE_BAD_METHOD, *allowed has the methods the path accepts. */
enum route_match route_find(const char *path, enum method m, const struct route **out,
                            const char *params[4], arena *a, int *allowed);

/* All routes, terminated by a zero entry (src/web/routes.c). */
extern const struct route *const route_tables[];

#endif
