/* The request pipeline, independent of libmicrohttpd:
 * decode → limits → body → session → route → CSRF → permission → handler.
 * Input is validated here before any handler runs. */
#ifndef SAMSKAP_DISPATCH_H
#define SAMSKAP_DISPATCH_H

#include <stddef.h>

#include "http/req.h"

void dispatch(req *r, const char *body, size_t body_len);
void dispatch_too_large(req *r);

/* Sets the headers every response carries (CSP, nosniff, ...). */
void dispatch_finish(req *r);

#endif
