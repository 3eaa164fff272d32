/* The outbox, for administrators: what e-mail the platform sent, what
 * waits and what failed, with a retry for the failed (issue 8, flow fault
 * 6).  A message is shown by its recipient (name, and the address's domain
 * only), subject, kind, state, attempts and times -- never its body, which
 * the store does not even read for this page: personal messages stay
 * personal. */
#include <string.h>

#include "store/store.h"
#include "util/text.h"
#include "view/format.h"
#include "web/action.h"
#include "web/pages.h"

enum { OUTBOX_PER_PAGE = 50 };

static const struct {
    const char *param, *key;
    enum outbox_state state;
} filters[] = {
    {"", "outbox.all", OUTBOX_ANY},
    {"vantar", "outbox.state.waiting", OUTBOX_WAITING},
    {"misslyckad", "outbox.state.failed", OUTBOX_FAILED},
    {"skickad", "outbox.state.sent", OUTBOX_SENT},
};

static const char *state_key(enum outbox_state s)
{
    return s == OUTBOX_SENT ? "outbox.state.sent" : s == OUTBOX_FAILED ? "outbox.state.failed"
                                                                       : "outbox.state.waiting";
}

static const char *kind_key(const char *kind)
{
    return strcmp(kind, "sammanfattning") == 0 ? "outbox.kind.sammanfattning" : "outbox.kind.avisering";
}

/* /admin/epost lists every message, /admin/epost/<state> those in one */
static void outbox_page(req *r, const char *show)
{
    if (!can_manage_users(r->user)) return page_error(r, 403);
    size_t f = 0;
    if (show) {
        for (f = 1; f < sizeof filters / sizeof filters[0]; f++)
            if (strcmp(show, filters[f].param) == 0) break;
        if (f == sizeof filters / sizeof filters[0]) return page_error(r, 404);
    }
    int64_t page, total = 0, counts[3];
    if (!req_page(r, &page)) return page_message(r, 400, "error.400.title", "err.page_number");
    struct outbox_row *list = NULL;
    size_t n = 0;
    if (store_outbox_counts(r->db, counts) != DB_OK ||
        store_outbox_list(r->db, r->a, filters[f].state, (page - 1) * OUTBOX_PER_PAGE,
                          OUTBOX_PER_PAGE, &list, &n, &total) != DB_OK)
        return page_fail(r, "admin outbox");
    page_begin(r, T(r, "outbox.title"));
    const char *crumbs[] = {"/admin", T(r, "admin.users"), NULL, T(r, "outbox.title")};
    page_crumbs(r, crumbs, 4);
    html(r, "<h1>%s</h1>\n<p>%s</p>\n<nav aria-label=\"%s\">\n<ul class=\"filters-list\">\n",
         T(r, "outbox.title"), T(r, "outbox.intro"), T(r, "outbox.filter"));
    for (size_t k = 0; k < sizeof filters / sizeof filters[0]; k++) {
        int64_t c = filters[k].state == OUTBOX_ANY ? counts[0] + counts[1] + counts[2]
                                                   : counts[filters[k].state];
        const char *href = *filters[k].param ? arena_printf(r->a, "/admin/epost/%s", filters[k].param)
                                             : "/admin/epost";
        if (k == f)
            html(r, "<li><a href=\"%s\" aria-current=\"page\">%s (%lld)</a></li>\n", href,
                 T(r, filters[k].key), (long long)c);
        else
            html(r, "<li><a href=\"%s\">%s (%lld)</a></li>\n", href, T(r, filters[k].key), (long long)c);
    }
    html_raw(r, "</ul>\n</nav>\n");
    if (n == 0) {
        html(r, "<p>%s</p>\n", T(r, "outbox.empty"));
    } else {
        table_open(r, T(r, "outbox.title"), "outbox");
        html(r, "<caption>%s: %lld</caption>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
             T(r, filters[f].key), (long long)total, T(r, "outbox.to"), T(r, "outbox.subject"),
             T(r, "outbox.kind"), T(r, "outbox.state"), T(r, "outbox.attempts"),
             T(r, "outbox.created"), T(r, "outbox.when"));
        for (size_t i = 0; i < n; i++) {
            const struct outbox_row *m = &list[i];
            html(r, "<tr id=\"m%lld\" data-state=\"%s\"><td>", (long long)m->id,
                 m->state == OUTBOX_SENT ? "skickad" : m->state == OUTBOX_FAILED ? "misslyckad" : "vantar");
            if (m->user_id)
                html(r, "<a href=\"/admin/anvandare/%lld\">%s</a>", (long long)m->user_id, m->to_name);
            else html(r, "%s", m->to_name);
            if (*m->to_domain) html(r, " <span class=\"muted\">(…@%s)</span>", m->to_domain);
            html(r, "</td><td>%s</td><td>%s</td><td>%s", m->subject, T(r, kind_key(m->kind)),
                 T(r, state_key(m->state)));
            if (m->state == OUTBOX_FAILED && *m->last_error)
                html(r, "<br><span class=\"muted\">%s</span>", m->last_error);
            html(r, "</td><td>%lld</td><td>%s</td><td>", (long long)m->attempts,
                 fmt_datetime(r->a, r->lang, m->created_at));
            if (m->state == OUTBOX_SENT)
                html(r, "%s %s", T(r, "outbox.sent_at"), fmt_datetime(r->a, r->lang, m->sent_at));
            else if (m->state == OUTBOX_WAITING)
                html(r, "%s %s", T(r, "outbox.next_at"), fmt_datetime(r->a, r->lang, m->next_attempt_at));
            else {
                const char *action = arena_printf(r->a, "/admin/epost/%lld/forsok-igen", (long long)m->id);
                form_open_class(r, action, "inline");
                html(r, "<button type=\"submit\" class=\"secondary\">%s<span class=\"visually-hidden\">: %s</span>"
                        "</button>\n",
                     T(r, "outbox.retry"), m->subject);
                form_close(r);
            }
            html_raw(r, "</td></tr>\n");
        }
        html_raw(r, "</tbody>\n");
        table_close(r);
    }
    page_pager(r, *filters[f].param ? arena_printf(r->a, "/admin/epost/%s", filters[f].param) : "/admin/epost",
               page, total, OUTBOX_PER_PAGE);
    page_end(r);
}

static void h_outbox(req *r)
{
    outbox_page(r, NULL);
}

static void h_outbox_state(req *r)
{
    outbox_page(r, r->params[0]);
}

/* A failed message back to waiting and its audit row: one transaction. */
struct requeue {
    int64_t id, attempts;
};

static enum db_rc requeue_tx(req *r, void *ctx)
{
    struct requeue *q = ctx;
    enum db_rc rc = store_outbox_requeue(r->db, q->id, r->now, &q->attempts);
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, r->user->id, "epost.forsok_igen",
                         arena_printf(r->a, "outbox:%lld", (long long)q->id),
                         arena_printf(r->a, "%lld", (long long)q->attempts));
    return rc;
}

static void h_retry(req *r)
{
    if (!can_manage_users(r->user)) return page_error(r, 403);
    int64_t id;
    if (!parse_i64(r->params[0], &id) || id <= 0) return page_error(r, 404);
    struct requeue q = {id, 0};
    enum db_rc rc = action_run(r, requeue_tx, &q); /* wakes the sender after COMMIT */
    if (rc == DB_NOTFOUND) return page_error(r, 404);
    if (rc != DB_OK && rc != DB_CONFLICT) return page_not_saved(r, "outbox retry");
    resp_flash(r, rc == DB_CONFLICT ? "flash.mail_not_failed" : "flash.mail_requeued");
    resp_redirect(r, arena_printf(r->a, "/admin/epost#m%lld", (long long)id));
}

const struct route outbox_routes[] = {
    {M_GET, "/admin/epost", h_outbox, R_AUTH},
    {M_GET, "/admin/epost/*", h_outbox_state, R_AUTH},
    {M_POST, "/admin/epost/*/forsok-igen", h_retry, R_AUTH},
    {0, NULL, NULL, 0},
};
