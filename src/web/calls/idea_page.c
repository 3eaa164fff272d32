/* The idea page: the idea, its budget, the lifecycle buttons, the report
 * and the coordinators' notes. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "domain/money.h"
#include "store/store.h"
#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/action.h"
#include "web/calls/calls.h"
#include "web/notify.h"
#include "web/pages.h"

/* ---- the idea page ---- */

static void text_block(req *r, const char *key, const char *text)
{
    if (!text || !*text) return;
    html(r, "<h3>%s</h3>\n", T(r, key));
    user_paragraphs(r, &r->body, text);
}

static void budget_table(req *r, const struct idea *i, bool decided)
{
    table_open(r, T(r, "idea.budget"), "budget");
    html(r, "<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
            "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>",
         T(r, "idea.budget"), T(r, "ledger.category"), T(r, "idea.line_text"), T(r, "ledger.asked"));
    if (decided) html(r, "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>",
                      T(r, "ledger.granted"), T(r, "ledger.approved"));
    html_raw(r, "</tr></thead>\n<tbody>\n");
    for (size_t k = 0; k < i->nlines; k++) {
        const struct budget_line *l = &i->lines[k];
        html(r, "<tr><td>%s</td><td>%s</td><td class=\"num\">%s</td>", l->category, l->description,
             fmt_money(r->a, l->asked));
        if (decided) html(r, "<td class=\"num\">%s</td><td class=\"num\">%s</td>",
                          fmt_money(r->a, l->granted), fmt_money(r->a, l->approved_total));
        html_raw(r, "</tr>\n");
    }
    html(r, "</tbody>\n<tfoot><tr><th scope=\"row\" colspan=\"2\">%s</th><td class=\"num\">%s</td>",
         T(r, "ledger.total"), fmt_money(r->a, i->asked_total));
    if (decided) {
        int64_t approved = 0;
        for (size_t k = 0; k < i->nlines; k++) approved += i->lines[k].approved_total;
        html(r, "<td class=\"num\">%s</td><td class=\"num\">%s</td>", fmt_money(r->a, i->granted_total),
             fmt_money(r->a, approved));
    }
    html_raw(r, "</tr></tfoot>\n");
    table_close(r);
}

static void lifecycle_buttons(req *r, const struct idea *i, unsigned actors)
{
    enum idea_status next[IDEA_STATUS_COUNT];
    size_t n = idea_next_statuses(i->status, actors, next);
    bool any = false;
    const char *action = arena_printf(r->a, "/ideer/%lld/status", (long long)i->id);
    for (size_t k = 0; k < n; k++) {
        enum idea_status to = next[k];
        /* decisions and reports have their own forms */
        if (to == IDEA_APPROVED || to == IDEA_CHANGES || to == IDEA_DECLINED || to == IDEA_REPORTED)
            continue;
        if (to == IDEA_SUBMITTED) continue; /* submitted from the form */
        if (!any) html_raw(r, "<div class=\"buttons\">\n");
        any = true;
        button_form(r, action, arena_printf(r->a, "idea.to.%s", idea_status_name(to)), "till",
                    idea_status_name(to), NULL);
    }
    if (any) html_raw(r, "</div>\n");
    /* "Ni kan begära ersättning …" is said to those who can */
    if (any && (actors & ACTOR_SUBMITTER)) html(r, "<p class=\"hint\">%s</p>\n", T(r, "idea.lifecycle_hint"));
}

static void report_form(req *r, const struct idea *i, const struct form *f, const char *value)
{
    html(r, "<h3>%s</h3>\n<p>%s</p>\n", T(r, "idea.report_heading"), T(r, "idea.report_intro"));
    form_summary(r, f);
    form_open(r, arena_printf(r->a, "/ideer/%lld/rapport", (long long)i->id), false);
    field_textarea(r, f, &(struct field){.name = "rapport", .label = "idea.report", .hint = "idea.report_hint",
                                         .value = value, .rows = 8, .flags = F_REQUIRED});
    form_submit(r, "idea.report_submit");
    form_close(r);
}

/* The box the idea page opens with: the decision (or where the idea
 * stands), the amount granted, and the next thing this reader can do. */
enum { BOX_EDIT = 1, BOX_ASSESS = 2 };

/* Returns which of the page's buttons it wrote itself (BOX_*). */
static unsigned decision_box(req *r, const struct idea *i, unsigned actors)
{
    bool decided = i->decided_at && (i->status == IDEA_APPROVED || i->status == IDEA_CHANGES ||
                                     i->status == IDEA_DECLINED || i->status >= IDEA_RUNNING);
    /* the decision itself, also once the idea has moved on (running, done) */
    enum idea_status decision = i->status == IDEA_DECLINED || i->status == IDEA_CHANGES ? i->status : IDEA_APPROVED;
    const char *tone = status_tone(idea_status_name(decided ? decision : i->status));
    if (decided) {
        html(r, "<section class=\"decision\" data-tone=\"%s\" aria-labelledby=\"beslut\">\n"
                "<h2 id=\"beslut\">%s</h2>\n<p class=\"meta\">",
             tone, T(r, "idea.decision"));
        status_tag(r, arena_printf(r->a, "idea.status.%s", idea_status_name(decision)));
        html(r, " %s</p>\n", fmt_date(r->a, r->lang, i->decided_at));
        user_paragraphs(r, &r->body, i->decision_message);
        if (i->granted_total)
            html(r, "<p class=\"amount\"><strong>%s %s</strong> <span class=\"meta\">%s %s</span></p>\n",
                 T(r, "idea.granted_sum"), fmt_money(r->a, i->granted_total), T(r, "idea.of_asked"),
                 fmt_money(r->a, i->asked_total));
    } else {
        html(r, "<section class=\"decision pending\" data-tone=\"%s\" aria-labelledby=\"lage\">\n"
                "<h2 id=\"lage\">%s</h2>\n<p>",
             tone, T(r, "idea.where"));
        status_tag(r, arena_printf(r->a, "idea.status.%s", idea_status_name(i->status)));
        html(r, " %s %s</p>\n", T(r, "ledger.asked"), fmt_money(r->a, i->asked_total));
    }
    /* the next thing the reader can do: a button the page would show
     * further down is shown here instead */
    unsigned wrote = 0;
    const char *href = NULL, *key = NULL;
    bool submitter = actors & ACTOR_SUBMITTER, coordinator = actors & ACTOR_COORDINATOR;
    if (coordinator && (i->status == IDEA_SUBMITTED || i->status == IDEA_REVIEW)) {
        html(r, "<p class=\"next\"><strong>%s</strong></p>\n<p><a class=\"button\" href=\"/ideer/%lld/bedomning\">%s</a></p>\n",
             T(r, "idea.next"), (long long)i->id, T(r, "assess.title"));
        wrote |= BOX_ASSESS;
    } else if (submitter && idea_editable(i->status)) {
        html(r, "<p class=\"next\"><strong>%s</strong></p>\n<p><a class=\"button\" href=\"/ideer/%lld/redigera\">%s</a></p>\n",
             T(r, "idea.next"), (long long)i->id, T(r, i->status == IDEA_DRAFT ? "idea.edit_draft" : "idea.edit_changes"));
        wrote |= BOX_EDIT;
    } else if (submitter && i->status == IDEA_COMPLETED) {
        href = "#f-rapport";
        key = "idea.next.report";
    } else if (submitter && idea_claimable(i->status)) {
        href = "#utlagg";
        key = "claim.new";
    } else if (submitter && (i->status == IDEA_SUBMITTED || i->status == IDEA_REVIEW)) {
        key = "idea.next.wait";
    } else if (!actors && *i->report) {
        href = "#resultat";
        key = "idea.next.read_report";
    } else if (!actors) {
        href = arena_printf(r->a, "/projekt/%s", i->project_slug);
        key = "idea.next.project";
    }
    if (key && href)
        html(r, "<p class=\"next\"><strong>%s</strong> <a href=\"%s\">%s</a></p>\n", T(r, "idea.next"), href,
             T(r, key));
    else if (key)
        html(r, "<p class=\"next\"><strong>%s</strong> %s</p>\n", T(r, "idea.next"), T(r, key));
    html_raw(r, "</section>\n");
    return wrote;
}

/* The forms of the page: the report's and the coordinators' notes', each
 * with what was typed when it comes back with an error. */
struct idea_forms {
    const struct form *report;
    const char *report_value;
    const struct form *notes;
    const char *notes_value;
};

static void idea_page(req *r, struct idea *i, const struct idea_forms *fs)
{
    unsigned actors = idea_actors(r, i);
    bool insider = actors != 0;
    struct idea_event *events = NULL;
    size_t nevents = 0;
    struct claim *claims = NULL;
    size_t nclaims = 0;
    if (insider && (store_idea_events(r->db, r->a, i->id, &events, &nevents) != DB_OK ||
                    store_claims_of_idea(r->db, r->a, i->id, &claims, &nclaims) != DB_OK))
        return page_fail(r, "idea page");
    page_begin(r, i->title);
    const char *crumbs[] = {"/projekt", T(r, "projects.title"),
                            arena_printf(r->a, "/projekt/%s", i->project_slug), i->project_title,
                            arena_printf(r->a, "/projekt/%s/ideer", i->project_slug),
                            T(r, "ideas.title"), NULL, i->title};
    page_crumbs(r, crumbs, 8);
    html_raw(r, "<h1");
    html_raw(r, sv_attr(r)); /* what people wrote is Swedish (WCAG 3.1.2) */
    html(r, ">%s</h1>\n<p class=\"meta\"><strong class=\"tag tag-%s\">%s</strong> · %s",
         i->title, status_tone(idea_status_name(i->status)), idea_status_label(r, i->status), idea_by_line(r, i));
    if (insider && i->submitter_name[0])
        html(r, " · %s %s", T(r, "idea.submitted_by"), i->submitter_name);
    html_raw(r, "</p>\n");
    unsigned boxed = decision_box(r, i, actors);
    /* "På den här sidan" */
    const char *toc[12];
    size_t nt = 0;
    toc[nt++] = "om-iden";
    toc[nt++] = T(r, "idea.about");
    if (*i->report) {
        toc[nt++] = "resultat";
        toc[nt++] = T(r, "idea.report");
    }
    if (insider && (nclaims || idea_claimable(i->status))) {
        toc[nt++] = "utlagg";
        toc[nt++] = T(r, "claims.title");
    }
    if (insider && nevents) {
        toc[nt++] = "historik";
        toc[nt++] = T(r, "idea.history");
    }
    page_toc(r, toc, nt);
    if (insider) {
        if (idea_editable(i->status) && (actors & ACTOR_SUBMITTER) && !(boxed & BOX_EDIT))
            html(r, "<p><a class=\"button\" href=\"/ideer/%lld/redigera\">%s</a></p>\n",
                 (long long)i->id, T(r, i->status == IDEA_DRAFT ? "idea.edit_draft" : "idea.edit_changes"));
        lifecycle_buttons(r, i, actors);
        if (actors & ACTOR_COORDINATOR && (i->status == IDEA_REVIEW || i->status == IDEA_SUBMITTED)) {
            if (!(boxed & BOX_ASSESS))
                html(r, "<p><a class=\"button\" href=\"/ideer/%lld/bedomning\">%s</a></p>\n",
                     (long long)i->id, T(r, "assess.title"));
        }
        else if (actors & ACTOR_COORDINATOR || (actors & ACTOR_SUBMITTER && i->status >= IDEA_APPROVED))
            html(r, "<p><a href=\"/ideer/%lld/bedomning\">%s</a></p>\n", (long long)i->id,
                 T(r, "assess.see"));
        if (actors & ACTOR_COORDINATOR && (i->status == IDEA_APPROVED || i->status >= IDEA_RUNNING))
            html(r, "<p><a href=\"/aktiviteter/ny?ide=%lld\">%s</a></p>\n", (long long)i->id,
                 T(r, "idea.activity"));
    }
    html(r, "<h2 id=\"om-iden\">%s</h2>\n", T(r, "idea.about"));
    text_block(r, "idea.need", i->need);
    text_block(r, "idea.youth_role", i->youth_role);
    text_block(r, "idea.action", i->action);
    if (*i->period_start)
        html(r, "<h3>%s</h3>\n<p>%s – %s</p>\n", T(r, "idea.period"),
             fmt_ymd(r->a, r->lang, i->period_start) ? fmt_ymd(r->a, r->lang, i->period_start) : "",
             fmt_ymd(r->a, r->lang, i->period_end) ? fmt_ymd(r->a, r->lang, i->period_end) : "");
    if (i->npartners) {
        html(r, "<h3>%s</h3>\n<ul>\n", T(r, "idea.partners"));
        for (size_t k = 0; k < i->npartners; k++) {
            if (*i->partners[k].slug)
                html(r, "<li><a href=\"/organisationer/%s\">%s</a></li>\n", i->partners[k].slug,
                     i->partners[k].name);
            else
                html(r, "<li>%s</li>\n", i->partners[k].name);
        }
        html_raw(r, "</ul>\n");
    }
    text_block(r, "idea.feedback_plan", i->feedback_plan);
    text_block(r, "idea.sharing_plan", i->sharing_plan);
    if (i->nlines) budget_table(r, i, i->granted_total > 0);
    if (*i->report) {
        html(r, "<h2 id=\"resultat\">%s</h2>\n", T(r, "idea.report"));
        user_paragraphs(r, &r->body, i->report);
    }
    if (insider && i->status == IDEA_COMPLETED) report_form(r, i, fs->report, fs->report_value);
    if (insider && (nclaims || idea_claimable(i->status))) {
        html(r, "<h2 id=\"utlagg\">%s</h2>\n", T(r, "claims.title"));
        if (idea_claimable(i->status) && (actors & ACTOR_SUBMITTER))
            html(r, "<p><a class=\"button\" href=\"/ideer/%lld/utlagg\">%s</a></p>\n",
                 (long long)i->id, T(r, "claim.new"));
        if (!nclaims) html(r, "<p>%s</p>\n", T(r, "claims.none"));
        if (nclaims) {
            table_open(r, T(r, "claims.title"), "claims");
            html(r, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                    "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
                    "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                 T(r, "claim.what"), T(r, "claim.line"), T(r, "claim.amount"),
                 T(r, "claim.status"), T(r, "claim.receipt"));
            for (size_t k = 0; k < nclaims; k++) {
                const struct claim *c = &claims[k];
                html(r, "<tr><td>%s</td><td>%s (%s)</td><td class=\"num\">%s</td><td>",
                     c->description, c->line_description, c->category, fmt_money(r->a, c->amount));
                status_tag(r, arena_printf(r->a, "claim.status.%s", claim_status_name(c->status)));
                if (*c->decision_note) html(r, "<br><span class=\"muted\">%s</span>", c->decision_note);
                html(r, "</td><td><a href=\"/utlagg/%lld/kvitto\">%s</a></td></tr>\n",
                     (long long)c->id, c->receipt_name);
            }
            html_raw(r, "</tbody>\n");
            table_close(r);
        }
    }
    if (insider && nevents) {
        html(r, "<h2 id=\"historik\">%s</h2>\n<ol class=\"history\">\n", T(r, "idea.history"));
        for (size_t k = 0; k < nevents; k++) {
            const struct idea_event *e = &events[k];
            html(r, "<li><time datetime=\"%s\">%s</time>: %s – %s",
                 fmt_rfc3339(r->a, e->at), fmt_datetime(r->a, r->lang, e->at), e->actor_name,
                 e->from == e->to || k == 0 ? idea_status_label(r, e->to)
                                            : arena_printf(r->a, "%s → %s", idea_status_label(r, e->from),
                                                           idea_status_label(r, e->to)));
            if (*e->note) html(r, " (%s)", e->note);
            html_raw(r, "</li>\n");
        }
        html_raw(r, "</ol>\n");
    }
    if (actors & ACTOR_COORDINATOR) {
        html(r, "<section class=\"internal\" aria-labelledby=\"intern\">\n<h2 id=\"intern\">%s</h2>\n",
             T(r, "idea.internal_notes"));
        form_summary(r, fs->notes);
        form_open(r, arena_printf(r->a, "/ideer/%lld/anteckningar", (long long)i->id), false);
        field_textarea(r, fs->notes, &(struct field){.name = "anteckningar", .label = "idea.internal_notes",
                                                     .hint = "project.notes_hint",
                                                     .value = fs->notes_value ? fs->notes_value : i->internal_notes,
                                                     .rows = 4});
        form_submit(r, "form.save");
        form_close(r);
        html_raw(r, "</section>\n");
    }
    page_end(r);
}

static void h_show_page(req *r)
{
    struct idea *i = load_idea(r, r->params[0]);
    if (!i) return;
    struct form f;
    form_init(&f, r);
    idea_page(r, i, &(struct idea_forms){&f, i->report, &f, NULL});
}

static void h_show(req *r)
{
    page_in_snapshot(r, h_show_page); /* one snapshot of all it reads */
}

/* A move of an idea (with the report, when it is reported) and the
 * notices: one transaction. */
struct idea_move {
    const struct idea *i;
    enum idea_status to;
    const char *report;            /* h_report, else NULL */
    bool tell_submitter;           /* else the coordinators */
    const char *subject, *text;
};

static enum db_rc move_tx(req *r, void *ctx)
{
    const struct idea_move *x = ctx;
    const struct idea *i = x->i;
    const char *link = arena_printf(r->a, "/ideer/%lld", (long long)i->id);
    enum db_rc rc = store_idea_transition(r->db, i->id, i->status, x->to, r->user->id, r->user->name, "", r->now);
    if (rc != DB_OK) return rc;
    /* one report, one truth: the idea's activity (made now if the idea is
     * done and has none) takes the idea's status and holds the report */
    if (activity_status_for_idea(x->to) >= 0) {
        struct idea moved = *i;
        moved.status = x->to;
        struct activity made = activity_from_idea(r->a, &moved);
        rc = store_activity_follow_idea(r->db, &made, x->report, idea_needs_activity(x->to), r->now, NULL);
        if (rc != DB_OK) return rc;
    }
    return x->tell_submitter ? notify_user(r, i->submitter_id, x->subject, x->text, link)
                             : notify_role(r, ROLE_KOORDINATOR, x->text, link);
}

static void h_status(req *r)
{
    struct idea *i = load_idea(r, r->params[0]);
    if (!i) return;
    int to = idea_status_from_name(req_form(r, "till"));
    unsigned actors = idea_actors(r, i);
    if (to < 0) return page_error(r, 400);
    if (!actors) return page_error(r, 403);
    bool own_form = to == IDEA_SUBMITTED || to == IDEA_APPROVED || to == IDEA_CHANGES ||
                    to == IDEA_DECLINED || to == IDEA_REPORTED;
    if (own_form || !idea_transition_allowed(i->status, (enum idea_status)to, actors))
        return page_message(r, 400, "idea.transition_denied_title", "idea.transition_denied");
    const char *link = arena_printf(r->a, "/ideer/%lld", (long long)i->id);
    struct idea_move x = {.i = i, .to = (enum idea_status)to,
                          .tell_submitter = actors & ACTOR_COORDINATOR && !(actors & ACTOR_SUBMITTER),
                          .subject = arena_printf(r->a, "%s: %s", T(r, "mail.idea_status_subject"), i->title),
                          .text = arena_printf(r->a, "\"%s\": %s", i->title, idea_status_label(r, (enum idea_status)to))};
    enum db_rc rc = action_run(r, move_tx, &x);
    if (rc == DB_CONFLICT) return idea_conflict(r, i->id);
    if (rc != DB_OK) return page_not_saved(r, "idea status");
    resp_flash(r, "flash.saved");
    /* a review begun goes on where it is done */
    resp_redirect(r, to == IDEA_REVIEW ? arena_printf(r->a, "%s/bedomning", link) : link);
}

static void h_report(req *r)
{
    struct idea *i = load_idea(r, r->params[0]);
    if (!i) return;
    unsigned actors = idea_actors(r, i);
    if (!actors) return page_error(r, 403);
    if (!idea_transition_allowed(i->status, IDEA_REPORTED, actors))
        return page_message(r, 400, "idea.transition_denied_title", "idea.transition_denied");
    struct form f;
    form_init(&f, r);
    const char *report = form_text(&f, "rapport", IDEA_TEXT_MAX, F_REQUIRED | F_MULTILINE);
    form_no_pnr(&f, "rapport", report);
    if (!form_ok(&f)) {
        r->status = 400;
        struct form none;
        form_init(&none, r);
        return idea_page(r, i, &(struct idea_forms){&f, report, &none, NULL});
    }
    const char *link = arena_printf(r->a, "/ideer/%lld", (long long)i->id);
    struct idea_move x = {.i = i, .to = IDEA_REPORTED, .report = report,
                          .text = arena_printf(r->a, "%s: %s", T(r, "note.idea_reported"), i->title)};
    enum db_rc rc = action_run(r, move_tx, &x);
    if (rc == DB_CONFLICT) return idea_conflict(r, i->id);
    if (rc != DB_OK) return page_not_saved(r, "report");
    resp_flash(r, "flash.saved");
    resp_redirect(r, link);
}

static void h_notes(req *r)
{
    if (!is_coordinator(r)) return page_error(r, 403);
    struct idea *i = load_idea(r, r->params[0]);
    if (!i) return;
    struct form f;
    form_init(&f, r);
    const char *notes = form_text(&f, "anteckningar", IDEA_TEXT_MAX, F_MULTILINE);
    if (!form_ok(&f)) { /* the page again, the notes as typed and the message beside them */
        struct form none;
        form_init(&none, r);
        r->status = 400;
        db_read_begin(r->db); /* one snapshot, as h_show */
        idea_page(r, i, &(struct idea_forms){&none, i->report, &f, notes});
        db_read_end(r->db);
        return;
    }
    if (store_idea_set_notes(r->db, i->id, notes, r->now) != DB_OK) return page_fail(r, "notes");
    resp_flash(r, "flash.saved");
    resp_redirect(r, arena_printf(r->a, "/ideer/%lld", (long long)i->id));
}

/* ---- my ideas ---- */

const struct route idea_page_routes[] = {
    {M_GET, "/ideer/*", h_show, 0},
    {M_POST, "/ideer/*/status", h_status, R_AUTH},
    {M_POST, "/ideer/*/rapport", h_report, R_AUTH},
    {M_POST, "/ideer/*/anteckningar", h_notes, R_AUTH},
    {0, NULL, NULL, 0},
};
