/* The storage interface: what the rest of samskap may ask of the database.
 * One file per concept implements it (users.c, sessions.c, posts.c ...),
 * over the engine-neutral connection in db.h, so the same code serves
 * SQLite and PostgreSQL.
 *
 * Every function returns enum db_rc (DB_OK, DB_NOTFOUND, DB_CONSTRAINT,
 * DB_CONFLICT, DB_RETRY, DB_ERR; see db.h).  Objects returned through pointers are allocated
 * from the arena the caller passes and live as long as it.
 *
 * This is the umbrella: each concept has its own header, store/<concept>.h,
 * implemented by store/<concept>.c.  A new concept adds both and a line here. */
#ifndef SAMSKAP_STORE_H
#define SAMSKAP_STORE_H

#include "store/migrate.h"
#include "store/settings.h"
#include "store/users.h"
#include "store/sessions.h"
#include "store/ratelimit.h"
#include "store/nonces.h"
#include "store/audit.h"
#include "store/orgs.h"
#include "store/posts.h"
#include "store/comments.h"
#include "store/projects.h"
#include "store/ideas.h"
#include "store/claims.h"
#include "store/outbox.h"
#include "store/notifications.h"
#include "store/groups.h"
#include "store/activities.h"
#include "store/meetings.h"
#include "store/org_requests.h"
#include "store/export.h"
#include "store/moderation.h"
#include "store/stats.h"
#include "store/reviews.h"
#include "store/hackathons.h"
#include "store/events.h"
#include "store/mapping.h"
#include "store/offerings.h"
#include "store/search.h"
#include "store/search_sources.h"

#endif
