/* What the catalogue's pages share (web/catalogue/catalogue.c). */
#ifndef SAMSKAP_WEB_CATALOGUE_H
#define SAMSKAP_WEB_CATALOGUE_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/offering.h"
#include "http/req.h"

/* The offering of the path's id (writes 404/500 and returns NULL);
 * a draft only for those who may edit it. */
struct offering *load_offering(req *r, const char *id_text);
/* Coordinators, administrators and the organisation's representatives. */
bool may_edit_offering(req *r, int64_t org_id);
/* Now in Europe/Stockholm: weekday 1 (Monday) … 7 and "HH:MM". */
void catalogue_now(req *r, int *weekday, char hm[6]);
const char *weekday_label(req *r, int weekday);
/* One offering as a card in a list (<li>), with "öppet nu" when it is. */
void offering_card(req *r, const struct offering *f, int weekday, const char *hm);
/* The block on an organisation's page: its published offerings. */
void catalogue_org_block(req *r, int64_t org_id, const char *org_slug);

#endif
