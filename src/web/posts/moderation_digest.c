/* The daily digest of what waits for moderation, and the choice of it on
 * Mitt konto.  See moderation_digest.h. */
#include "web/posts/moderation_digest.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/fault.h"
#include "store/store.h"
#include "util/log.h"
#include "util/text.h"
#include "view/format.h"
#include "view/i18n.h"
#include "web/pages.h"
#include "web/site.h"

static bool wants_comments(const struct user *u)
{
    return can_moderate_comments(u);
}

static bool wants_topics(const struct user *u)
{
    return user_has(u, ROLE_KOORDINATOR);
}

struct digest {
    arena *a;
    const char *day;
    const struct user *u;
    const char *subject, *body;
    bool queued;
};

/* Claims the day and queues the message: one transaction, so a digest is
 * either queued and marked or neither. */
static enum db_rc digest_tx(db *d, void *ctx)
{
    struct digest *g = ctx;
    bool claimed = false;
    enum db_rc rc = store_digest_claim(d, g->u->id, g->day, &claimed);
    g->queued = false;
    if (rc != DB_OK || !claimed) return rc; /* another process was first */
    rc = store_outbox_add_kind(d, "sammanfattning", g->u->id, g->u->email, g->u->name, g->subject,
                               g->body, (int64_t)time(NULL));
    g->queued = rc == DB_OK;
    return rc;
}

static const char *digest_body(arena *a, const struct user *u, int64_t comments,
                               const struct waiting_group *groups, size_t ng)
{
    buf b = {0};
    const char *base = site_base_url();
    buf_printf(&b, "%s %s,\n\n%s\n\n", i18n_get(LANG_SV, "mail.hello"), u->name,
               i18n_get(LANG_SV, "digest.intro"));
    if (comments)
        buf_printf(&b, "- %lld %s: %s/redaktion\n", (long long)comments,
                   i18n_get(LANG_SV, "digest.comments"), base);
    for (size_t i = 0; i < ng; i++)
        buf_printf(&b, "- %lld %s %s: %s/grupper/%s/forslag\n", (long long)groups[i].count,
                   i18n_get(LANG_SV, "digest.topics_in"), groups[i].name, base, groups[i].slug);
    buf_printf(&b, "\n%s %s/konto\n\n-- \n%s\n", i18n_get(LANG_SV, "digest.why"), base,
               i18n_get(LANG_SV, "mail.footer"));
    char *out = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return out;
}

void moderation_digest_run(void *db_conn, int64_t now)
{
    db *d = db_conn;
    int64_t from_hour = 7;
    const char *h = getenv("SAMSKAP_DIGEST_HOUR");
    if (h && *h && (!parse_i64(h, &from_hour) || from_hour < 0 || from_hour > 23)) from_hour = 7;
    time_t t = (time_t)now;
    struct tm tm;
    localtime_r(&t, &tm);
    if (tm.tm_hour < from_hour) return;
    arena *a = arena_new();
    const char *day = fmt_date_iso(a, now);
    int64_t *ids = NULL;
    size_t n = 0;
    enum db_rc rc = store_digest_due(d, a, day, &ids, &n);
    int64_t comments = 0, topics = 0;
    struct waiting_group *groups = NULL;
    size_t ng = 0;
    if (rc == DB_OK && n) rc = store_waiting_counts(d, &comments, &topics);
    if (rc == DB_OK && n && topics) rc = store_waiting_by_group(d, a, &groups, &ng);
    for (size_t i = 0; i < n && rc == DB_OK; i++) {
        struct user *u = NULL;
        rc = store_user_by_id(d, a, ids[i], &u, NULL);
        if (rc == DB_NOTFOUND) { /* erased since: the row went with the account */
            rc = DB_OK;
            continue;
        }
        if (rc != DB_OK) break;
        int64_t mine_c = wants_comments(u) ? comments : 0;
        bool mine_t = wants_topics(u) && topics;
        if (!mine_c && !mine_t) continue; /* nothing waits for this person (yet) today */
        int64_t total = mine_c + (mine_t ? topics : 0);
        struct digest g = {
            .a = a, .day = day, .u = u,
            .subject = arena_printf(a, "%s: %lld", i18n_get(LANG_SV, "digest.subject"), (long long)total),
            .body = digest_body(a, u, mine_c, mine_t ? groups : NULL, mine_t ? ng : 0),
        };
        rc = db_tx(d, true, digest_tx, &g);
        if (rc == DB_OK && g.queued) log_info("mail: moderation digest queued for user %lld", (long long)u->id);
    }
    if (rc != DB_OK) {
        if (store_fault_fired()) log_warn("mail: moderation digest not queued (injected test fault)");
        else log_error("mail: moderation digest: store failure (%d)", (int)rc);
    }
    arena_free(a);
}

/* ---- the choice on Mitt konto ---- */

static bool moderates(const struct user *u)
{
    return u && (wants_comments(u) || wants_topics(u));
}

void digest_account_section(req *r)
{
    if (!moderates(r->user)) return;
    bool on = false;
    if (store_digest_get(r->db, r->user->id, &on) != DB_OK) {
        log_error("account: cannot read the digest choice of user %lld", (long long)r->user->id);
        return;
    }
    html(r, "<h2 id=\"sammanfattning\">%s</h2>\n<p>%s</p>\n", T(r, "digest.title"), T(r, "digest.text"));
    form_open(r, "/konto/sammanfattning", false);
    field_checkbox(r, "sammanfattning", "digest.label", on);
    form_submit(r, "digest.save");
    form_close(r);
}

static void h_digest(req *r)
{
    if (!moderates(r->user)) return page_error(r, 403);
    const char *v = req_form(r, "sammanfattning");
    bool on = v && *v;
    if (store_digest_set(r->db, r->user->id, on, r->now) != DB_OK) return page_fail(r, "digest choice");
    resp_flash(r, on ? "flash.digest_on" : "flash.digest_off");
    resp_redirect(r, "/konto#sammanfattning");
}

const struct route digest_routes[] = {
    {M_POST, "/konto/sammanfattning", h_digest, R_AUTH},
    {0, NULL, NULL, 0},
};
