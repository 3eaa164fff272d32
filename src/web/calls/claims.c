/* Expense claims: the claim form with a receipt upload (checked by its
 * content, not its name), the receipt download for those allowed to see
 * it, and the coordinators' approve / reject / paid actions. */
#include <stdio.h>
#include <string.h>

#include "domain/money.h"
#include "store/store.h"
#include "util/text.h"
#include "view/format.h"
#include "web/action.h"
#include "web/calls/calls.h"
#include "web/notify.h"
#include "web/pages.h"

struct claim_input {
    const char *line, *description, *amount, *spent_on;
};

static void claim_form(req *r, const struct idea *i, const struct claim *cs, size_t ncs,
                       const struct form *f, const struct claim_input *v)
{
    page_begin(r, T(r, "claim.new"));
    const char *crumbs[] = {arena_printf(r->a, "/ideer/%lld", (long long)i->id), i->title, NULL,
                            T(r, "claim.new")};
    page_crumbs(r, crumbs, 4);
    html(r, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n<p>%s</p>\n", T(r, "claim.new"), i->title,
         T(r, "claim.intro"));
    form_summary(r, f);
    form_open(r, arena_printf(r->a, "/ideer/%lld/utlagg", (long long)i->id), true);
    form_once_field(r);
    struct option *lines = arena_alloc(r->a, (i->nlines + 1) * sizeof *lines);
    size_t n = 0;
    lines[n++] = (struct option){"", T(r, "claim.choose_line")};
    for (size_t k = 0; k < i->nlines; k++) {
        const struct budget_line *l = &i->lines[k];
        if (l->granted <= 0) continue;
        int64_t left = claim_line_left(l, cs, ncs);
        lines[n++] = (struct option){arena_printf(r->a, "%lld", (long long)l->id),
                                     arena_printf(r->a, "%s %s – %s: %s", T(r, "claim.left_first"),
                                                  fmt_money(r->a, left > 0 ? left : 0), l->category, l->description)};
    }
    field_select(r, f, &(struct field){.name = "rad", .label = "claim.line", .value = v->line,
                                       .flags = F_REQUIRED}, lines, n);
    field_input(r, f, &(struct field){.name = "beskrivning", .label = "claim.what", .hint = "claim.what_hint",
                                      .value = v->description, .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "belopp", .label = "claim.amount", .hint = "form.money_hint",
                                      .value = v->amount, .flags = F_REQUIRED, .extra = "inputmode=\"decimal\""});
    field_input(r, f, &(struct field){.name = "datum", .label = "claim.spent_on", .type = "date",
                                      .hint = "form.date_hint", .value = v->spent_on});
    /* a browser never fills a file field in again: say so when the form
     * comes back with an error */
    field_input(r, f, &(struct field){.name = "kvitto", .label = "claim.receipt", .type = "file",
                                      .hint = form_ok(f) ? "claim.receipt_hint" : "claim.receipt_again", .flags = F_REQUIRED,
                                      .extra = "accept=\"application/pdf,image/jpeg,image/png\""});
    form_submit(r, "claim.submit");
    form_close(r);
    page_end(r);
}

static struct idea *load_claimable(req *r, struct claim **cs, size_t *ncs)
{
    struct idea *i = load_idea(r, r->params[0]);
    if (!i) return NULL;
    if (!is_submitter(r, i)) {
        page_error(r, 403);
        return NULL;
    }
    if (!idea_claimable(i->status)) {
        page_message(r, 400, "claim.not_open_title", "claim.not_open");
        return NULL;
    }
    if (store_claims_of_idea(r->db, r->a, i->id, cs, ncs) != DB_OK) {
        page_fail(r, "claims");
        return NULL;
    }
    return i;
}

static void h_claim_form(req *r)
{
    struct claim *cs;
    size_t ncs;
    struct idea *i = load_claimable(r, &cs, &ncs);
    if (!i) return;
    struct form f;
    form_init(&f, r);
    claim_form(r, i, cs, ncs, &f, &(struct claim_input){"", "", "", ""});
}

/* A claim, the form's one-time key and the coordinators' notices: one
 * transaction, so a failed claim can be sent again. */
struct claim_create {
    struct form *f;
    const struct idea *i;
    const struct claim *c;
    const struct upload *u;
    bool again;
};

static enum db_rc create_tx(req *r, void *ctx)
{
    struct claim_create *x = ctx;
    enum db_rc rc = form_once_take(x->f, &x->again);
    if (rc != DB_OK || x->again) return rc;
    int64_t id;
    rc = store_claim_create(r->db, x->c, x->u->data, x->u->len, r->now, &id);
    if (rc != DB_OK) return rc;
    return notify_role(r, ROLE_KOORDINATOR,
                       arena_printf(r->a, "%s: %s, %s", T(r, "note.claim_submitted"), x->i->title,
                                    fmt_money(r->a, x->c->amount)),
                       "/bedomning");
}

static void h_claim(req *r)
{
    struct claim *cs;
    size_t ncs;
    struct idea *i = load_claimable(r, &cs, &ncs);
    if (!i) return;
    struct form f;
    form_init(&f, r);
    struct claim_input v;
    v.line = form_text(&f, "rad", 20, F_REQUIRED);
    v.description = form_text(&f, "beskrivning", CLAIM_TEXT_MAX, F_REQUIRED);
    v.amount = form_text(&f, "belopp", 40, F_REQUIRED);
    v.spent_on = form_date(&f, "datum", false);
    form_no_pnr(&f, "beskrivning", v.description);
    const struct budget_line *line = NULL;
    int64_t line_id = 0;
    if (*v.line && parse_i64(v.line, &line_id))
        for (size_t k = 0; k < i->nlines; k++)
            if (i->lines[k].id == line_id && i->lines[k].granted > 0) line = &i->lines[k];
    if (*v.line && !line) form_error(&f, "rad", "err.line_not_yours");
    int64_t amount = 0;
    if (form_money(&f, "belopp", 1, MONEY_MAX_ORE, true, &amount) && line &&
        !claim_fits_line(line, cs, ncs, amount))
        form_error(&f, "belopp", "err.claim_over_left");
    const struct upload *u = req_file(r, "kvitto");
    const char *type = NULL;
    if (!u || u->len == 0) form_error(&f, "kvitto", "err.receipt_missing");
    else if (u->len > RECEIPT_MAX_BYTES) form_error(&f, "kvitto", "err.receipt_size");
    else if (!(type = receipt_type(u->data, u->len))) form_error(&f, "kvitto", "err.receipt_type");
    if (!form_ok(&f)) {
        r->status = 400;
        return claim_form(r, i, cs, ncs, &f, &v);
    }
    const char *ext = strcmp(type, "application/pdf") == 0 ? "pdf" : strcmp(type, "image/png") == 0 ? "png" : "jpg";
    struct claim c = {.idea_id = i->id, .line_id = line->id, .claimant_id = r->user->id,
                      .claimant_name = r->user->name, .description = v.description, .amount = amount,
                      .spent_on = v.spent_on, .receipt_type = type,
                      .receipt_name = arena_printf(r->a, "%s.%s", T(r, "claim.receipt_file"), ext)};
    struct claim_create x = {&f, i, &c, u};
    enum db_rc rc = action_run(r, create_tx, &x);
    if (rc == DB_NOTFOUND) {
        form_error(&f, "rad", "err.line_not_yours");
        r->status = 400;
        return claim_form(r, i, cs, ncs, &f, &v);
    }
    if (rc != DB_OK) return page_not_saved(r, "claim create");
    const char *link = arena_printf(r->a, "/ideer/%lld", (long long)i->id);
    if (x.again) return resp_redirect(r, link);
    resp_flash(r, "flash.claim_submitted");
    resp_redirect(r, link);
}

/* The receipt, for the coordinators and the idea's submitters only. */
static void h_receipt(req *r)
{
    int64_t id;
    struct claim *c = NULL;
    if (!parse_i64(r->params[0], &id)) return page_error(r, 404);
    enum db_rc rc = store_claim_get(r->db, r->a, id, &c);
    if (rc == DB_NOTFOUND) return page_error(r, 404);
    if (rc != DB_OK) return page_fail(r, "receipt");
    if (!is_coordinator(r)) {
        struct idea *i = NULL;
        if (store_idea_get(r->db, r->a, c->idea_id, &i) != DB_OK) return page_fail(r, "receipt");
        if (!is_submitter(r, i)) return page_error(r, 403);
    }
    const void *data;
    size_t len;
    if (store_claim_receipt(r->db, r->a, id, &data, &len) != DB_OK) return page_fail(r, "receipt");
    r->mime = c->receipt_type;
    r->cacheable = true;
    resp_header(r, "Cache-Control", "private, no-store");
    resp_header(r, "Content-Disposition",
                arena_printf(r->a, "attachment; filename=\"kvitto-%lld.%s\"", (long long)id,
                             strcmp(c->receipt_type, "application/pdf") == 0 ? "pdf"
                             : strcmp(c->receipt_type, "image/png") == 0 ? "png" : "jpg"));
    buf_add(&r->body, data, len);
}

/* The decision, its audit row and the claimant's notice and e-mail: one
 * transaction. */
struct claim_decision {
    const struct claim *c;
    enum claim_status to;
    const char *note;
};

static enum db_rc decide_tx(req *r, void *ctx)
{
    const struct claim_decision *cd = ctx;
    const struct claim *c = cd->c;
    enum db_rc rc = store_claim_decide(r->db, c->id, cd->to, cd->note, r->user->id, r->now);
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, r->user->id, arena_printf(r->a, "utlagg.%s", claim_status_name(cd->to)),
                         arena_printf(r->a, "claim:%lld", (long long)c->id), fmt_money(r->a, c->amount));
    if (rc == DB_OK)
        rc = notify_user(r, c->claimant_id, arena_printf(r->a, "%s: %s", T(r, "mail.claim_subject"), c->idea_title),
                         arena_printf(r->a, "%s \"%s\" (%s): %s.", T(r, "mail.claim_decided"), c->description,
                                      fmt_money(r->a, c->amount), claim_status_label(r, cd->to)),
                         arena_printf(r->a, "/ideer/%lld", (long long)c->idea_id));
    return rc;
}

static void h_decide(req *r)
{
    if (!is_coordinator(r)) return page_error(r, 403);
    int64_t id;
    struct claim *c = NULL;
    if (!parse_i64(r->params[0], &id)) return page_error(r, 404);
    enum db_rc rc = store_claim_get(r->db, r->a, id, &c);
    if (rc == DB_NOTFOUND) return page_error(r, 404);
    if (rc != DB_OK) return page_fail(r, "claim");
    /* separation of duties: not one's own claim, nor one on an idea of
     * one's own or of an organisation one represents */
    struct idea *i = NULL;
    if (store_idea_get(r->db, r->a, c->idea_id, &i) != DB_OK) return page_fail(r, "claim idea");
    struct duty_subject what = duty_of_claim(c, i);
    switch (duty_conflict_of(r, &what)) {
    case DUTY_NONE: break;
    case DUTY_OWN_CLAIM: return page_message(r, 403, "claim.own_title", "claim.own");
    case DUTY_OWN_IDEA:
    case DUTY_OWN_ORG: return page_message(r, 403, "claim.own_org_title", "claim.own_org");
    default: return page_fail(r, "claim duty");
    }
    int to = claim_status_from_name(req_form(r, "beslut"));
    if (to < 0 || to == CLAIM_SUBMITTED) return page_error(r, 400);
    if (!claim_transition_allowed(c->status, (enum claim_status)to))
        return page_message(r, 400, "claim.decided_title", "claim.already_decided");
    struct form f;
    form_init(&f, r);
    /* the queue has one comment field per claim: its errors are that field's */
    const char *field = arena_printf(r->a, "kommentar-%lld", (long long)c->id);
    const char *note = form_text(&f, "kommentar", CLAIM_TEXT_MAX, F_MULTILINE);
    for (int k = 0; k < f.nerr; k++) f.errs[k].field = field;
    form_no_pnr(&f, field, note); /* it is e-mailed to the claimant */
    if (form_ok(&f) && to == CLAIM_REJECTED && !*note) /* the claimant is told why */
        form_error(&f, field, "claim.reason_needed");
    if (!form_ok(&f)) return claim_queue_refused(r, c->id, &f, note);
    struct claim_decision cd = {c, (enum claim_status)to, note};
    rc = action_run(r, decide_tx, &cd);
    if (rc == DB_CONFLICT) { /* someone else decided between our read and our write */
        struct claim *now = NULL;
        if (store_claim_get(r->db, r->a, id, &now) != DB_OK) return page_fail(r, "claim conflict");
        /* 400 like a decision on a claim found already decided above
         * (calls_claims pins it): one situation, one status, whichever
         * moment the other coordinator's decision landed in */
        return page_conflict(r, 400, "claim.decided_title",
                             arena_printf(r->a, "%s %s.", T(r, "conflict.claim_now"),
                                          claim_status_label(r, now->status)),
                             "/bedomning");
    }
    if (rc == DB_CONSTRAINT) return page_message(r, 400, "claim.over_grant_title", "claim.over_grant");
    if (rc != DB_OK) return page_not_saved(r, "claim decide");
    resp_flash(r, "flash.saved");
    const char *back = req_form(r, "tillbaka");
    resp_redirect(r, is_local_path(back) ? back : "/bedomning");
}

const struct route claim_routes[] = {
    {M_GET, "/ideer/*/utlagg", h_claim_form, R_AUTH},
    {M_POST, "/ideer/*/utlagg", h_claim, R_AUTH | R_UPLOAD},
    {M_GET, "/utlagg/*/kvitto", h_receipt, R_AUTH},
    {M_POST, "/utlagg/*/beslut", h_decide, R_AUTH},
    {0, NULL, NULL, 0},
};
