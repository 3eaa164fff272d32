/* One user action, one transaction.  See action.h. */
#include "web/action.h"

#include "mail/mail.h"
#include "store/fault.h"
#include "util/log.h"
#include "web/pages.h"

struct action {
    req *r;
    action_fn fn;
    void *ctx;
};

static enum db_rc action_tx(db *d, void *ctx)
{
    (void)d;
    struct action *a = ctx;
    return a->fn(a->r, a->ctx);
}

enum db_rc action_run(req *r, action_fn fn, void *ctx)
{
    struct action a = {r, fn, ctx};
    enum db_rc rc = db_tx(r->db, true, action_tx, &a);
    if (rc == DB_OK && !db_in_tx(r->db)) mail_wake(); /* the outbox rows are committed */
    return rc;
}

void page_in_snapshot(req *r, void (*page)(req *r))
{
    db_read_begin(r->db);
    page(r);
    db_read_end(r->db);
}

void page_not_saved(req *r, const char *where)
{
    if (store_fault_fired()) log_warn("%s: injected test fault for %s: nothing saved", where, r->path);
    else log_error("%s: store failure for %s: nothing saved", where, r->path);
    resp_header(r, "Retry-After", "5");
    page_message(r, 503, "error.not_saved.title", "error.not_saved.text");
}

void page_conflict(req *r, int status, const char *title_key, const char *now_text, const char *link)
{
    r->status = status;
    r->body.len = 0;
    page_begin(r, T(r, title_key));
    html(r, "<h1>%s</h1>\n<p>%s</p>\n<p>%s</p>\n<p class=\"muted\">%s %d</p>\n", T(r, title_key),
         now_text, T(r, "conflict.nothing_saved"), T(r, "error.code"), status);
    html(r, "<p><a href=\"%s\">%s</a></p>\n", link, T(r, "conflict.look_again"));
    page_end(r);
}
