/* The audit log (/admin/logg): every administrative action, written as a
 * sentence in the reader's language with names and links ("Alva Andersson
 * gav Yasmin Ali rollen Kommunikatör"), and the raw code as stored
 * ("roll.ge | user:6 | kommunikator") kept beside it for auditors. */
#include <string.h>

#include "domain/claim.h"
#include "domain/hackathon.h"
#include "domain/idea.h"
#include "domain/review.h"
#include "store/store.h"
#include "util/text.h"
#include "view/format.h"
#include "web/pages.h"

enum { AUDIT_PER_PAGE = 100 };

/* Stored action -> the locale key of its sentence.  A prefix (ending in
 * '.') covers a family whose last part is a status.  Placeholders in the
 * sentences: {actor}, {subject}, {detail}, {status}. */
static const struct {
    const char *action, *key;
} sentences[] = {
    {"roll.ge", "audit.role_grant"},
    {"roll.ta", "audit.role_revoke"},
    {"representant.ge", "audit.rep_add"},
    {"representant.ta", "audit.rep_remove"},
    {"representant.fraga", "audit.rep_request"},
    {"representant.godkann", "audit.rep_approve"},
    {"representant.avsla", "audit.rep_decline"},
    {"protokoll.publicera", "audit.minutes_publish"},
    {"kommentar.godkann", "audit.comment_approve"},
    {"kommentar.avvisa", "audit.comment_reject"},
    {"ide.beviljad", "audit.idea_granted"},
    {"ide.", "audit.idea_status"},
    {"utlagg.", "audit.claim_status"},
    {"projekt.skapa", "audit.project_create"},
    {"projekt.redigera", "audit.project_edit"},
    {"organisation.skapa", "audit.org_create"},
    {"organisation.redigera", "audit.org_edit"},
    {"konto.radera", "audit.account_erase"},
    {"anvandare.skapa (cli)", "audit.user_cli"},
    {"epost.forsok_igen", "audit.mail_retry"},
    {"granskning.skicka", "audit.klarsprak_send"},
    {"granskning.", "audit.klarsprak_verdict"},
    {"evenemang.skapa", "audit.event_create"},
    {"evenemang.andra", "audit.event_edit"},
    {"evenemang.installa", "audit.event_cancel"},
    {"evenemang.serie", "audit.event_series"},
    {"evenemang.tillfalle_installa", "audit.event_occ_cancel"},
    {"evenemang.tillfalle_flytta", "audit.event_occ_move"},
    {"evenemang.narvaro", "audit.event_attendance"},
    {"inhabithon.skapa", "audit.hack_create"},
    {"inhabithon.andra", "audit.hack_edit"},
    {"inhabithon.utmaning", "audit.hack_challenge"},
    {"inhabithon.fas", "audit.hack_phase"},
    {"inhabithon.anmalan", "audit.hack_register"},
    {"inhabithon.bekrafta", "audit.hack_confirm"},
    {"inhabithon.avanmalan", "audit.hack_unregister"},
    {"inhabithon.lag", "audit.hack_team"},
    {"inhabithon.ga_med", "audit.hack_join"},
    {"inhabithon.coach", "audit.hack_coach"},
    {"inhabithon.bidrag", "audit.hack_submission"},
    {"inhabithon.fil", "audit.hack_file"},
    {"inhabithon.jury", "audit.hack_jury"},
    {"inhabithon.poang", "audit.hack_score"},
    {"inhabithon.poang_andra", "audit.hack_score_change"},
    {"inhabithon.testide", "audit.hack_idea"},
    {"utbud.skapa", "audit.offering_create"},
    {"utbud.redigera", "audit.offering_edit"},
    {"utbud.ta_bort", "audit.offering_remove"},
    {"kartlaggning.skapa", "audit.mapping_create"},
    {"kartlaggning.besvara", "audit.mapping_answer"},
};

static const char *sentence_key(const char *action)
{
    for (size_t i = 0; i < sizeof sentences / sizeof sentences[0]; i++) {
        size_t n = strlen(sentences[i].action);
        bool family = sentences[i].action[n - 1] == '.';
        if (family ? strncmp(action, sentences[i].action, n) == 0 && action[n]
                   : strcmp(action, sentences[i].action) == 0)
            return sentences[i].key;
    }
    return "audit.other";
}

static int64_t id_after(const char *subject, const char *prefix)
{
    size_t n = strlen(prefix);
    int64_t id;
    return strncmp(subject, prefix, n) == 0 && parse_i64(subject + n, &id) && id > 0 ? id : 0;
}

static void write_actor(req *r, const struct audit_entry *e)
{
    if (e->actor_id && *e->actor_name)
        html(r, "<a href=\"/admin/anvandare/%lld\">%s</a>", (long long)e->actor_id, e->actor_name);
    else html(r, "%s", T(r, "audit.system"));
}

/* The subject by its name today, linked to its page where it has one. */
static void write_subject(req *r, const struct audit_entry *e)
{
    const char *name = e->subject_name, *s = e->subject;
    int64_t id;
    if (!*name) { /* gone since (or never named): the code says what it was */
        html(r, "%s (%s)", T(r, strncmp(s, "user:", 5) == 0 ? "audit.gone_person" : "audit.gone"), s);
        return;
    }
    if ((id = id_after(s, "user:")))
        html(r, "<a href=\"/admin/anvandare/%lld\">%s</a>", (long long)id, name);
    else if ((id = id_after(s, "idea:")))
        html(r, "<a href=\"/ideer/%lld\">%s</a>", (long long)id, name);
    else if ((id = id_after(s, "claim:")))
        html(r, "<a href=\"/ideer/%s/utlagg\">%s</a>", e->subject_ref, name);
    else if ((id = id_after(s, "comment:")))
        html(r, "<a href=\"/nyheter/%s#k%lld\">%s</a>", e->subject_ref, (long long)id, name);
    else if ((id = id_after(s, "meeting:")))
        html(r, "<a href=\"/moten/%lld\">%s</a>", (long long)id, fmt_ymd(r->a, r->lang, name));
    else if ((id = id_after(s, "outbox:")))
        html(r, "<a href=\"/admin/epost#m%lld\">%s</a>", (long long)id, name);
    else if ((id = id_after(s, "granskning:")))
        html(r, "<a href=\"/klarsprak/granskning/%lld\">%s</a>", (long long)id, name);
    else if ((id = id_after(s, "evenemang:")))
        html(r, "<a href=\"/evenemang/%lld\">%s</a>", (long long)id, name);
    else if (id_after(s, "serie:") && *e->subject_ref)
        html(r, "<a href=\"/evenemang/serie/%s\">%s</a>", e->subject_ref, name);
    else if (id_after(s, "hackathon:") && *e->subject_ref)
        html(r, "<a href=\"/inhabithon/%s\">%s</a>", e->subject_ref, name);
    else if ((id_after(s, "lag:") || id_after(s, "bidrag:")) && *e->subject_ref)
        html(r, "<a href=\"/inhabithon/%s/lag\">%s</a>", e->subject_ref, name);
    else if (strncmp(e->action, "projekt.", 8) == 0)
        html(r, "<a href=\"/projekt/%s\">%s</a>", s, name);
    else if (strncmp(e->action, "organisation.", 13) == 0)
        html(r, "<a href=\"/organisationer/%s\">%s</a>", s, name);
    else html(r, "%s", name);
}

static void write_detail(req *r, const struct audit_entry *e)
{
    int role, phase;
    if (strncmp(e->action, "roll.", 5) == 0 && (role = role_from_name(e->detail)) >= 0)
        html(r, "%s", T(r, arena_printf(r->a, "role.%s", role_name((enum role)role))));
    else if (strncmp(e->action, "representant.", 13) == 0 && *e->detail_name)
        html(r, "<a href=\"/organisationer/%s\">%s</a>", e->detail, e->detail_name);
    else if (strcmp(e->action, "inhabithon.fas") == 0 && (phase = hack_phase_from_name(e->detail)) >= 0)
        html(r, "%s", T(r, arena_printf(r->a, "hack.phase.%s", hack_phase_name((enum hack_phase)phase))));
    else if ((strcmp(e->action, "inhabithon.anmalan") == 0 || strcmp(e->action, "inhabithon.bekrafta") == 0) &&
             hack_reg_status_name(e->detail))
        html(r, "%s", T(r, arena_printf(r->a, "hack.reg.%s", hack_reg_status_name(e->detail))));
    else html(r, "%s", e->detail);
}

static void write_status(req *r, const struct audit_entry *e)
{
    int s;
    if (strncmp(e->action, "ide.", 4) == 0 && (s = idea_status_from_name(e->action + 4)) >= 0)
        html(r, "%s", T(r, arena_printf(r->a, "idea.status.%s", idea_status_name((enum idea_status)s))));
    else if (strncmp(e->action, "utlagg.", 7) == 0 && (s = claim_status_from_name(e->action + 7)) >= 0)
        html(r, "%s", T(r, arena_printf(r->a, "claim.status.%s", claim_status_name((enum claim_status)s))));
    else if (strncmp(e->action, "granskning.", 11) == 0 && (s = review_verdict_from_name(e->action + 11)) >= 0)
        html(r, "%s", T(r, arena_printf(r->a, "klarsprak.verdict.%s", review_verdict_name((enum review_verdict)s))));
    else html(r, "%s", strchr(e->action, '.') ? strchr(e->action, '.') + 1 : e->action);
}

/* The sentence: the locale text with its placeholders filled in. */
static void write_sentence(req *r, const struct audit_entry *e)
{
    static const struct {
        const char *name;
        void (*write)(req *r, const struct audit_entry *e);
    } parts[] = {
        {"{actor}", write_actor},
        {"{subject}", write_subject},
        {"{detail}", write_detail},
        {"{status}", write_status},
    };
    const char *t = T(r, sentence_key(e->action));
    while (*t) {
        const char *open = strchr(t, '{');
        size_t k = sizeof parts / sizeof parts[0];
        if (open)
            for (k = 0; k < sizeof parts / sizeof parts[0]; k++)
                if (strncmp(open, parts[k].name, strlen(parts[k].name)) == 0) break;
        if (!open || k == sizeof parts / sizeof parts[0]) { /* no (known) placeholder left */
            const char *end = open ? open + 1 : t + strlen(t);
            html(r, "%s", arena_strndup(r->a, t, (size_t)(end - t)));
            t = end;
            continue;
        }
        if (open > t) html(r, "%s", arena_strndup(r->a, t, (size_t)(open - t)));
        parts[k].write(r, e);
        t = open + strlen(parts[k].name);
    }
}

static void h_log(req *r)
{
    if (!can_manage_users(r->user)) return page_error(r, 403);
    int64_t page;
    if (!req_page(r, &page)) return page_message(r, 400, "error.400.title", "err.page_number");
    struct audit_entry *list = NULL;
    size_t n = 0;
    if (store_audit_list(r->db, r->a, (page - 1) * AUDIT_PER_PAGE, AUDIT_PER_PAGE, &list, &n) != DB_OK)
        return page_fail(r, "audit");
    page_begin(r, T(r, "admin.log"));
    const char *crumbs[] = {"/admin", T(r, "admin.users"), NULL, T(r, "admin.log")};
    page_crumbs(r, crumbs, 4);
    html(r, "<h1>%s</h1>\n<p>%s</p>\n", T(r, "admin.log"), T(r, "audit.intro"));
    table_open(r, T(r, "admin.log"), "audit");
    html(r, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr>"
            "</thead>\n<tbody>\n",
         T(r, "admin.log_when"), T(r, "admin.log_event"), T(r, "audit.code"));
    for (size_t i = 0; i < n; i++) {
        const struct audit_entry *e = &list[i];
        html(r, "<tr><td>%s</td><td class=\"audit-event\">", fmt_datetime(r->a, r->lang, e->at));
        write_sentence(r, e);
        html(r, "</td><td><details><summary>%s</summary><code class=\"audit-code\">%s | %s | %s</code>"
                "</details></td></tr>\n",
             T(r, "audit.code"), e->action, e->subject, e->detail);
    }
    html_raw(r, "</tbody>\n");
    table_close(r);
    if (n == 0) html(r, "<p>%s</p>\n", T(r, "admin.log_empty"));
    if (n == AUDIT_PER_PAGE)
        html(r, "<p><a href=\"/admin/logg?sida=%lld\" rel=\"next\">%s</a></p>\n",
             (long long)(page + 1), T(r, "pager.next"));
    page_end(r);
}

const struct route audit_log_routes[] = {
    {M_GET, "/admin/logg", h_log, R_AUTH},
    {0, NULL, NULL, 0},
};
