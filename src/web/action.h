/* One user action, one transaction.  A handler first reads and validates
 * (answering 400/403/404 itself), then runs every write of the action —
 * the state change, its audit row, the in-site notifications and the
 * outbox e-mails — in one function under action_run: they commit together
 * or not at all.  Store functions that open their own db_tx join it (db_tx
 * nests), as GNU Taler's exchange runs a handler's writes in
 * TEH_DB_run_transaction.
 *
 * The function may run more than once (DB_RETRY reruns the whole
 * transaction), so it only writes to the store and to its ctx, never to
 * the response; the handler answers from the returned rc:
 *   DB_OK        redirect / page as usual (the e-mail sender is woken)
 *   DB_CONFLICT  page_conflict: someone changed it first, 409
 *   others       what the action defines, else page_not_saved (503) */
#ifndef SAMSKAP_WEB_ACTION_H
#define SAMSKAP_WEB_ACTION_H

#include "http/req.h"
#include "store/db.h"

typedef enum db_rc (*action_fn)(req *r, void *ctx);
enum db_rc action_run(req *r, action_fn fn, void *ctx);

/* 503 in Swedish (or English): nothing of what the person did was saved,
 * try again.  Logs an error — a warning when a test fault was injected. */
void page_not_saved(req *r, const char *where);

/* Someone else changed it first (DB_CONFLICT): status is 409, or the
 * status the page family already answers a stale form with (an idea
 * decision from a page loaded before the decision, a claim decision on a
 * claim found decided: 400), so that one
 * situation has one status.  title_key names the page, now_text (plain
 * text, already in the person's language) says how it stands now, link (a
 * local path) is where to see it. */
void page_conflict(req *r, int status, const char *title_key, const char *now_text, const char *link);

/* Runs a GET page that reads several things (a meeting, an idea with its
 * history and claims, a project with its ideas and ledger, a group with
 * its meetings, the coordinators' queue) in one read snapshot
 * (db_read_begin/db_read_end), so it never shows half of a concurrent
 * change.  The page must not write. */
void page_in_snapshot(req *r, void (*page)(req *r));

#endif
