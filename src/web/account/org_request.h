/* Requests to represent an organisation, shared by the sign-up form
 * (account.c) and Mitt konto's request page (org_request.c). */
#ifndef SAMSKAP_WEB_ACCOUNT_ORG_REQUEST_H
#define SAMSKAP_WEB_ACCOUNT_ORG_REQUEST_H

#include "domain/org.h"
#include "http/req.h"
#include "store/db.h"
#include "web/pages.h"

enum { ORG_REQUEST_NOTE_MAX = 500 };

/* The optional "Jag representerar en organisation" select (field "org",
 * value an organisation id, "0" for none) over the directory.  False when
 * the directory could not be read (the page has answered). */
bool org_request_field(req *r, const struct form *f, const char *selected);
/* Reads "org": *o NULL when none chosen; an error on the field when the
 * value names no organisation.  False on a store failure (answered). */
bool org_request_read(req *r, struct form *f, struct org **o);
/* Inside action_run: stores a waiting request of user_id to represent o,
 * its audit row, and tells the organisation's representatives and the
 * coordinators (in the site and by e-mail).  DB_CONSTRAINT: one is waiting
 * already. */
enum db_rc org_request_file(req *r, int64_t user_id, const char *user_name, const struct org *o,
                            const char *note);

#endif
