/* The request pipeline, independent of libmicrohttpd:
 * decode → limits → body → session → route → CSRF → permission → handler.
 * Input is validated here before any handler runs. */
#ifndef SAMSKAP_DISPATCH_H
#define SAMSKAP_DISPATCH_H

#include <stddef.h>

#include "http/req.h"

/* The caller then calls dispatch_finish, unless the handler asked for a
 * password check (r->defer): then after its continuation has run. */
void dispatch(req *r, const char *body, size_t body_len);
/* Answers a request refused before it was read: 413 (body over the
 * limit) or 414 (query too large), with "Connection: close". */
void dispatch_refuse(req *r, int status);

/* Sets the headers every response carries (CSP, nosniff, ...). */
void dispatch_finish(req *r);

#endif
