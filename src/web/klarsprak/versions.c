/* Versions of a reviewed text: the list, a word-level diff between any two
 * (/klarsprak/granskning/<id>/versioner?fran=1&till=2) with the change in
 * the figures, and the author's form for a new version (…/ny-version).
 * Deleted and inserted words are <del>/<ins> with words for screen
 * readers before and after each run (not colour alone). */
#include <string.h>

#include "domain/review.h"
#include "domain/worddiff.h"
#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "view/markdown.h"
#include "web/action.h"
#include "web/klarsprak/klarsprak.h"

static bool read_version(req *r, const char *name, int64_t dflt, int64_t max, int64_t *out)
{
    const char *q = req_query(r, name);
    *out = dflt;
    if (!q) return true;
    return parse_i64(q, out) && *out >= 1 && *out <= max;
}

static void diff_out(req *r, const struct worddiff *d)
{
    html_raw(r, "<div class=\"ks-diff\"");
    html_raw(r, sv_attr(r));
    html_raw(r, "><p>");
    bool start = true;  /* at a paragraph's start: no space before the run */
    for (size_t i = 0; i < d->n; i++) {
        const struct wd_run *run = &d->run[i];
        bool brk = run->len == 2 && run->text[0] == '\n';
        if (brk) {
            start = true;
            if (run->op == WD_SAME) html_raw(r, "</p>\n<p>");
            else
                html(r, "<%s class=\"ks-par\"><span class=\"visually-hidden\">%s</span>¶</%s></p>\n<p>",
                     run->op == WD_INS ? "ins" : "del",
                     T(r, run->op == WD_INS ? "klarsprak.diff_new_par" : "klarsprak.diff_removed_par"),
                     run->op == WD_INS ? "ins" : "del");
            continue;
        }
        if (!start) html_raw(r, " ");
        start = false;
        if (run->op == WD_SAME) {
            html_escape_n(&r->body, run->text, run->len);
            continue;
        }
        const char *tag = run->op == WD_INS ? "ins" : "del";
        html(r, "<%s><span class=\"visually-hidden\">[%s] </span>", tag,
             T(r, run->op == WD_INS ? "klarsprak.diff_ins" : "klarsprak.diff_del"));
        html_escape_n(&r->body, run->text, run->len);
        html(r, "<span class=\"visually-hidden\"> [%s]</span></%s>", T(r, "klarsprak.diff_end"), tag);
    }
    html_raw(r, "</p></div>\n");
}

static void versions(req *r)
{
    struct review *rv = ks_load(r);
    if (!rv) return;
    int64_t to = 0, from = 0;
    if (!read_version(r, "till", rv->latest_version, rv->latest_version, &to) ||
        !read_version(r, "fran", to > 1 ? to - 1 : 1, rv->latest_version, &from))
        return page_error(r, 400);
    struct review_version *vs;
    size_t n;
    if (store_review_versions(r->db, r->a, rv->id, &vs, &n) != DB_OK || n == 0)
        return page_fail(r, "review versions");
    const struct review_version *a = NULL, *b = NULL;
    for (size_t i = 0; i < n; i++) {
        if (vs[i].number == from) a = &vs[i];
        if (vs[i].number == to) b = &vs[i];
    }
    if (!a || !b) return page_error(r, 404);
    r->sheet = "klarsprak";
    page_begin(r, T(r, "klarsprak.versions_title"));
    const char *crumbs[] = {"/klarsprak", T(r, "klarsprak.title"), ks_link(r, rv->id), rv->title, NULL,
                            T(r, "klarsprak.versions_title")};
    page_crumbs(r, crumbs, 6);
    html(r, "<h1>%s</h1>\n<p>%s</p>\n", T(r, "klarsprak.versions_title"), rv->title);
    html_raw(r, "<ol class=\"ks-versions\">\n");
    for (size_t i = 0; i < n; i++) {
        html(r, "<li>%s %lld · %s", T(r, "klarsprak.version"), (long long)vs[i].number,
             fmt_date(r->a, r->lang, vs[i].created_at));
        if (*vs[i].note) html(r, " – %s", vs[i].note);
        html(r, " · <a href=\"%s?version=%lld\">%s</a>", ks_link(r, rv->id), (long long)vs[i].number,
             T(r, "klarsprak.read_version"));
        if (vs[i].number > 1)
            html(r, " · <a href=\"%s/versioner?fran=%lld&amp;till=%lld\">%s</a>", ks_link(r, rv->id),
                 (long long)vs[i].number - 1, (long long)vs[i].number, T(r, "klarsprak.see_changes"));
        html_raw(r, "</li>\n");
    }
    html_raw(r, "</ol>\n");
    if (n < 2) {
        html(r, "<p>%s</p>\n", T(r, "klarsprak.one_version"));
        return page_end(r);
    }
    html(r, "<h2 id=\"andringar\">%s %lld → %lld</h2>\n", T(r, "klarsprak.changes_between"),
         (long long)from, (long long)to);
    struct worddiff d;
    worddiff(r->a, a->body, strlen(a->body), b->body, strlen(b->body), &d);
    html(r, "<p>%s: %zu · %s: %zu</p>\n", T(r, "klarsprak.words_inserted"), d.inserted,
         T(r, "klarsprak.words_deleted"), d.deleted);
    html(r, "<p class=\"hint\">%s</p>\n", T(r, "klarsprak.diff_legend"));
    diff_out(r, &d);
    struct readability ma, mb;
    readability_measure(r->a, a->body, strlen(a->body), &ma);
    readability_measure(r->a, b->body, strlen(b->body), &mb);
    html(r, "<h2 id=\"siffror\">%s</h2>\n", T(r, "klarsprak.figures_change"));
    ks_figures(r, &mb, &ma);
    /* choose two other versions, without JavaScript */
    html(r, "<form method=\"get\" action=\"%s/versioner\" class=\"ks-choose\">\n", ks_link(r, rv->id));
    const char *names[2] = {"fran", "till"};
    const char *labels[2] = {"klarsprak.from", "klarsprak.to"};
    int64_t sel[2] = {from, to};
    for (int k = 0; k < 2; k++) {
        html(r, "<label for=\"%s\">%s</label> <select id=\"%s\" name=\"%s\">", names[k], T(r, labels[k]),
             names[k], names[k]);
        for (size_t i = 0; i < n; i++)
            html(r, "<option value=\"%lld\"%s>%lld</option>", (long long)vs[i].number,
                 vs[i].number == sel[k] ? " selected" : "", (long long)vs[i].number);
        html_raw(r, "</select>\n");
    }
    html(r, "<button type=\"submit\" class=\"secondary\">%s</button>\n</form>\n", T(r, "klarsprak.compare"));
    page_end(r);
}

/* The review and its versions in one read snapshot. */
static void h_versions(req *r)
{
    page_in_snapshot(r, versions);
}

/* ---- a new version ---- */

static void revise_page(req *r, const struct review *rv, const struct form *f, int64_t from,
                        const char *text, const char *note)
{
    r->sheet = "klarsprak";
    page_begin(r, T(r, "klarsprak.revise"));
    const char *crumbs[] = {"/klarsprak", T(r, "klarsprak.title"), ks_link(r, rv->id), rv->title, NULL,
                            T(r, "klarsprak.revise")};
    page_crumbs(r, crumbs, 6);
    html(r, "<h1>%s</h1>\n<p>%s</p>\n", T(r, "klarsprak.revise"), T(r, "klarsprak.revise_intro"));
    form_summary(r, f);
    form_open(r, arena_printf(r->a, "%s/ny-version", ks_link(r, rv->id)), false);
    html(r, "<input type=\"hidden\" name=\"fran\" value=\"%lld\">\n", (long long)from);
    field_textarea(r, f, &(struct field){.name = "text", .label = "klarsprak.text_label", .value = text,
                                         .rows = 16, .flags = F_REQUIRED | F_MULTILINE});
    field_input(r, f, &(struct field){.name = "andring", .label = "klarsprak.f.change",
                                      .hint = "klarsprak.f.change_hint", .value = note});
    form_submit(r, "klarsprak.revise_send");
    form_close(r);
    page_end(r);
}

static void h_revise_form(req *r)
{
    struct review *rv = ks_load(r);
    if (!rv) return;
    if (!r->user || rv->author_id != r->user->id) return page_error(r, 403);
    struct review_version *v;
    if (store_review_version(r->db, r->a, rv->id, rv->latest_version, &v) != DB_OK)
        return page_fail(r, "review revise");
    struct form f;
    form_init(&f, r);
    revise_page(r, rv, &f, rv->latest_version, v->body, "");
}

struct revise_act {
    const struct review *rv;
    int64_t from, number;
    const char *text, *note;
};

static enum db_rc revise_tx(req *r, void *ctx)
{
    struct revise_act *a = ctx;
    enum db_rc rc = store_review_revise(r->db, r->a, a->rv->id, a->from, a->text, a->note, r->user->id,
                                        r->now, &a->number);
    if (rc == DB_OK && a->rv->post_id) {
        const char *html_body = markdown_to_html(r->a, a->text);
        rc = html_body ? store_post_set_draft_body(r->db, a->rv->post_id, a->text, html_body, r->now)
                       : DB_ERR;
    }
    if (rc == DB_OK) {
        const char *text = arena_printf(r->a, "%s: %s (%s %lld)", T(r, "klarsprak.notice_version"),
                                        a->rv->title, T(r, "klarsprak.version_short"), (long long)a->number);
        rc = ks_tell_reviewers(r, r->user->id, text, text,
                               arena_printf(r->a, "%s/versioner?fran=%lld&till=%lld", ks_link(r, a->rv->id),
                                            (long long)a->from, (long long)a->number));
    }
    return rc;
}

static void h_revise(req *r)
{
    struct review *rv = ks_load(r);
    if (!rv) return;
    if (!r->user || rv->author_id != r->user->id) return page_error(r, 403);
    struct form f;
    form_init(&f, r);
    int64_t from = 0;
    if (!form_int(&f, "fran", 1, INT32_MAX, true, 0, &from)) return page_error(r, 400);
    const char *text = form_text(&f, "text", REVIEW_TEXT_MAX, F_REQUIRED | F_MULTILINE);
    const char *note = form_text(&f, "andring", REVIEW_NOTE_MAX, 0);
    if (!rv->post_id) form_no_pnr(&f, "text", text);
    else if (!form_err(&f, "text")) form_no_pnr(&f, "text", markdown_plain(r->a, text));
    form_no_pnr(&f, "andring", note);
    if (!form_ok(&f)) {
        r->status = 400;
        return revise_page(r, rv, &f, from, text, note);
    }
    struct revise_act a = {rv, from, 0, text, note};
    enum db_rc rc = action_run(r, revise_tx, &a);
    if (rc == DB_CONFLICT)
        return page_conflict(r, 409, "klarsprak.conflict_title",
                             Tf(r, "klarsprak.conflict_text", fmt_int(r->a, rv->latest_version)),
                             ks_link(r, rv->id));
    if (rc != DB_OK) return page_not_saved(r, "review revise");
    resp_flash(r, "klarsprak.flash.revised");
    resp_redirect(r, arena_printf(r->a, "%s/versioner?fran=%lld&till=%lld", ks_link(r, rv->id),
                                  (long long)from, (long long)a.number));
}

const struct route ks_versions_routes[] = {
    {M_GET, "/klarsprak/granskning/*/versioner", h_versions, R_AUTH},
    {M_GET, "/klarsprak/granskning/*/ny-version", h_revise_form, R_AUTH},
    {M_POST, "/klarsprak/granskning/*/ny-version", h_revise, R_AUTH},
    {0, NULL, NULL, 0},
};
