/* The moderation digest (issue 8, flow fault 6): a daily e-mail to those
 * who asked for it on Mitt konto, listing what waits for them -- comments
 * for those who moderate comments, topic suggestions for coordinators --
 * as counts and links, never the texts themselves. */
#ifndef SAMSKAP_WEB_POSTS_MODERATION_DIGEST_H
#define SAMSKAP_WEB_POSTS_MODERATION_DIGEST_H

#include <stdint.h>

#include "http/req.h"

/* Queues the day's digest in the outbox for everyone who asked for it, has
 * had none today (the local day) and has something waiting; at most one a
 * day per person, also with several server processes.  Not before the
 * hour SAMSKAP_DIGEST_HOUR (local, default 7).  Run by the e-mail
 * sender's periodic work (mail_sender_periodic). */
void moderation_digest_run(void *db_conn, int64_t now);

/* Mitt konto's section with the choice, for those who moderate anything
 * (nothing for others); it posts to /konto/sammanfattning. */
void digest_account_section(req *r);

#endif
