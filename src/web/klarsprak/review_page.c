/* One review (/klarsprak/granskning/<id>): the text with numbered
 * paragraphs and its figures, the comments under the paragraph they are
 * about, the author's answers, the verdicts, and the forms: a reviewer
 * comments on a paragraph by its number (quoting a passage if they wish)
 * and gives a verdict on the latest version; the author answers comments.
 * Everything works without JavaScript and on a phone. */
#include <string.h>

#include "domain/review.h"
#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/action.h"
#include "web/dates.h"
#include "web/fragments.h"
#include "web/klarsprak/klarsprak.h"
#include "web/notify.h"

struct view {
    struct review *rv;
    struct review_version *v;      /* the version shown */
    struct review_comment *cs;
    size_t nc;
    struct review_verdict_row *vs;
    size_t nv;
    const char *post_slug;          /* the post reviewed, or NULL */
};

/* What was typed into a refused form, shown again. */
struct typed {
    const char *paragraph, *quote, *comment, *verdict, *note;
    int64_t answer_id;
    const char *answer;
};

static bool is_author(req *r, const struct review *rv)
{
    return r->user && rv->author_id == r->user->id;
}

static bool load_view(req *r, struct view *w, int64_t version)
{
    if (version <= 0) version = w->rv->latest_version;
    enum db_rc rc = store_review_version(r->db, r->a, w->rv->id, version, &w->v);
    if (rc == DB_NOTFOUND) {
        page_error(r, 404);
        return false;
    }
    if (rc == DB_OK) rc = store_review_comments(r->db, r->a, w->rv->id, version, &w->cs, &w->nc);
    if (rc == DB_OK) rc = store_review_verdicts(r->db, r->a, w->rv->id, &w->vs, &w->nv);
    bool draft;
    if (rc == DB_OK && w->rv->post_id) {
        rc = store_post_slug(r->db, r->a, w->rv->post_id, &w->post_slug, &draft);
        if (rc == DB_NOTFOUND) rc = DB_OK, w->post_slug = NULL;
    }
    if (rc != DB_OK) {
        page_fail(r, "review page");
        return false;
    }
    return true;
}

static void comment_item(req *r, const struct view *w, const struct review_comment *c,
                         const struct form *f, const struct typed *t)
{
    html(r, "<li class=\"ks-comment\" id=\"kommentar-%lld\">\n<p class=\"meta\">%s · %s",
         (long long)c->id, c->user_name, fmt_date(r->a, r->lang, c->created_at));
    if (c->version != w->v->number)
        html(r, " · %s %lld", T(r, "klarsprak.written_on_version"), (long long)c->version);
    html_raw(r, "</p>\n");
    if (*c->quote) {
        html_raw(r, "<blockquote");
        html_raw(r, sv_attr(r));
        html(r, ">%s</blockquote>\n", c->quote);
    }
    buf b = {0};
    html_paragraphs(&b, c->body);
    html_raw(r, "<div");
    html_raw(r, sv_attr(r));
    html_raw(r, ">");
    html_raw(r, buf_cstr(&b));
    html_raw(r, "</div>\n");
    buf_free(&b);
    if (*c->answer) {
        buf a = {0};
        html_paragraphs(&a, c->answer);
        html(r, "<div class=\"ks-answer\"><p class=\"meta\">%s %s</p>", T(r, "klarsprak.answer_by"),
             w->rv->author_name);
        html_raw(r, buf_cstr(&a));
        html_raw(r, "</div>\n");
        buf_free(&a);
    }
    if (is_author(r, w->rv)) {
        const char *id = arena_printf(r->a, "svar-%lld", (long long)c->id);
        form_open(r, arena_printf(r->a, "%s/svar", ks_link(r, w->rv->id)), false);
        html(r, "<input type=\"hidden\" name=\"kommentar\" value=\"%lld\">\n", (long long)c->id);
        const char *val = t && t->answer_id == c->id ? t->answer : c->answer;
        field_textarea(r, f, &(struct field){.name = id, .label = "klarsprak.f.answer", .value = val,
                                             .rows = 2, .flags = F_MULTILINE});
        form_submit(r, "klarsprak.answer");
        form_close(r);
    }
    html_raw(r, "</li>\n");
}

/* A version's text measured once for both of its fragments. */
struct measured {
    const char *body;
    bool done;
    struct readability m;
    struct officialese_hit *hits;
    size_t nh;
};

static void measure(req *r, struct measured *mt)
{
    if (mt->done) return;
    readability_measure(r->a, mt->body, strlen(mt->body), &mt->m);
    officialese_find(r->a, mt->body, &mt->m, ks_officialese(r), &mt->hits, &mt->nh);
    mt->done = true;
}

static void render_text(req *r, struct measured *mt)
{
    measure(r, mt);
    ks_marked_text(r, mt->body, &mt->m, mt->hits, mt->nh, true);
}

static void render_figures(req *r, struct measured *mt)
{
    measure(r, mt);
    ks_figures(r, &mt->m, NULL);
    ks_explain(r);
    ks_officialese_list(r, mt->body, &mt->m, mt->hits, mt->nh);
}

/* The fragment under key, rendered by `render` into the cache when absent. */
static const char *cached(req *r, const char *key, void (*render)(req *, struct measured *),
                          struct measured *mt)
{
    const char *hit = fragment_get(r->a, key);
    if (hit) return hit;
    buf page = r->body;
    r->body = (buf){0};
    render(r, mt);
    buf out = r->body;
    r->body = page;
    const char *s = arena_strndup(r->a, buf_cstr(&out), out.len);
    fragment_put(key, s, out.len);
    buf_free(&out);
    return s;
}

static void review_page(req *r, struct view *w, const struct form *f, const struct typed *t)
{
    const struct review *rv = w->rv;
    bool latest = w->v->number == rv->latest_version;
    r->sheet = "klarsprak";
    page_begin(r, rv->title);
    const char *crumbs[] = {"/klarsprak", T(r, "klarsprak.title"), "/klarsprak/granska",
                            T(r, "klarsprak.queue_title"), NULL, rv->title};
    page_crumbs(r, crumbs, 6);
    html(r, "<h1>%s</h1>\n", rv->title);
    form_summary(r, f);
    html(r, "<dl class=\"facts\">\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s</dd>\n"
            "<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%lld %s %lld",
         T(r, "klarsprak.f.kind"), ks_kind_label(r, rv->kind), T(r, "klarsprak.author"), rv->author_name,
         T(r, "klarsprak.f.deadline"), fmt_ymd(r->a, r->lang, rv->deadline), T(r, "klarsprak.version"),
         (long long)w->v->number, T(r, "klarsprak.of"), (long long)rv->latest_version);
    if (!latest)
        html(r, " – <a href=\"%s\">%s</a>", ks_link(r, rv->id), T(r, "klarsprak.see_latest"));
    html_raw(r, "</dd>\n");
    if (!rv->approved_at && strcmp(rv->deadline, today_ymd(r)) < 0)
        html(r, "<dt>%s</dt><dd><strong class=\"tag tag-warn\">%s</strong></dd>\n", T(r, "klarsprak.f.deadline"),
             T(r, "klarsprak.late"));
    if (*rv->question) html(r, "<dt>%s</dt><dd>%s</dd>\n", T(r, "klarsprak.f.question"), rv->question);
    html(r, "<dt>%s</dt><dd>", T(r, "klarsprak.state"));
    if (rv->approved_at)
        html(r, "<strong class=\"tag tag-ok\">%s</strong>", T(r, "klarsprak.state_approved"));
    else
        html(r, "<strong class=\"tag tag-wait\">%s</strong>", T(r, "klarsprak.state_open"));
    html_raw(r, "</dd>\n</dl>\n");
    html(r, "<p class=\"buttons\"><a href=\"%s/versioner\">%s</a>", ks_link(r, rv->id),
         T(r, "klarsprak.versions_link"));
    if (is_author(r, rv))
        html(r, " <a class=\"button\" href=\"%s/ny-version\">%s</a>", ks_link(r, rv->id),
             T(r, "klarsprak.revise"));
    if (w->post_slug)
        html(r, " <a href=\"/nyheter/%s\">%s</a>", w->post_slug, T(r, "klarsprak.to_post"));
    html_raw(r, "</p>\n");

    /* the text, each paragraph with its comments; a version never changes,
     * so its marked text and figures are rendered once per process and
     * language (web/fragments.h) */
    struct measured mt = {.body = w->v->body};
    const char *key = arena_printf(r->a, "ks:%lld:%lld:%s:", (long long)rv->id, (long long)w->v->number,
                                   lang_code(r->lang));
    const char *text_html = cached(r, arena_printf(r->a, "%stext", key), render_text, &mt);
    const char *figures_html = cached(r, arena_printf(r->a, "%sfigures", key), render_figures, &mt);
    html(r, "<h2 id=\"texten\">%s</h2>\n<p class=\"hint\">%s</p>\n", T(r, "klarsprak.the_text"),
         T(r, "klarsprak.marked_legend"));
    html_raw(r, text_html); /* escaped when rendered */
    size_t np;
    review_paragraphs(r->a, w->v->body, &np);

    html(r, "<h2 id=\"kommentarer\">%s (%zu)</h2>\n", T(r, "klarsprak.comments"), w->nc);
    size_t shown = 0;
    for (size_t p = 1; p <= np; p++) {
        bool any = false;
        for (size_t i = 0; i < w->nc; i++) {
            if (w->cs[i].place != (int64_t)p) continue;
            if (!any) html(r, "<h3><a href=\"#stycke-%zu\">%s %zu</a></h3>\n<ul class=\"ks-comments\">\n", p,
                           T(r, "klarsprak.paragraph"), p);
            any = true;
            comment_item(r, w, &w->cs[i], f, t);
            shown++;
        }
        if (any) html_raw(r, "</ul>\n");
    }
    if (shown < w->nc) {
        html(r, "<h3>%s</h3>\n<p class=\"hint\">%s</p>\n<ul class=\"ks-comments\">\n",
             T(r, "klarsprak.comments_elsewhere"), T(r, "klarsprak.comments_elsewhere_hint"));
        for (size_t i = 0; i < w->nc; i++)
            if (!w->cs[i].place) comment_item(r, w, &w->cs[i], f, t);
        html_raw(r, "</ul>\n");
    }
    if (!w->nc) html(r, "<p>%s</p>\n", T(r, "klarsprak.no_comments"));

    if (ks_is_reviewer(r) && latest && np) {
        html(r, "<h2 id=\"kommentera\">%s</h2>\n<p class=\"hint\">%s</p>\n", T(r, "klarsprak.comment_title"),
             T(r, "klarsprak.comment_hint"));
        form_open(r, arena_printf(r->a, "%s/kommentar", ks_link(r, rv->id)), false);
        html(r, "<input type=\"hidden\" name=\"version\" value=\"%lld\">\n", (long long)w->v->number);
        field_input(r, f, &(struct field){.name = "stycke", .label = "klarsprak.f.paragraph",
                                          .hint = "klarsprak.f.paragraph_hint", .type = "number",
                                          .value = t ? t->paragraph : "", .flags = F_REQUIRED,
                                          .extra = arena_printf(r->a, "min=\"1\" max=\"%zu\" inputmode=\"numeric\"", np)});
        field_input(r, f, &(struct field){.name = "citat", .label = "klarsprak.f.quote",
                                          .hint = "klarsprak.f.quote_hint", .value = t ? t->quote : ""});
        field_textarea(r, f, &(struct field){.name = "kommentar", .label = "klarsprak.f.comment",
                                             .value = t ? t->comment : "", .rows = 4,
                                             .flags = F_REQUIRED | F_MULTILINE});
        form_submit(r, "klarsprak.comment_send");
        form_close(r);
        /* with JavaScript, selecting words fills the number and the quote */
        html_raw(r, "<script src=\"/klarsprak/markera.js\" defer></script>\n");
    }

    html(r, "<h2 id=\"bedomningar\">%s</h2>\n", T(r, "klarsprak.verdicts"));
    if (!w->nv) html(r, "<p>%s</p>\n", T(r, "klarsprak.no_verdicts"));
    else {
        html_raw(r, "<ul class=\"ks-verdicts\">\n");
        for (size_t i = 0; i < w->nv; i++) {
            const struct review_verdict_row *v = &w->vs[i];
            int k = review_verdict_from_name(v->verdict);
            html(r, "<li><strong class=\"tag tag-%s\">%s</strong> %s · %s %lld · %s", 
                 k == RV_GODKAND ? "ok" : k == RV_GODKAND_MED_ANDRINGAR ? "warn" : "bad",
                 ks_verdict_label(r, v->verdict), v->reviewer_name, T(r, "klarsprak.version_short"),
                 (long long)v->version, fmt_date(r->a, r->lang, v->created_at));
            if (*v->note) {
                html_raw(r, "<br><span");
                html_raw(r, sv_attr(r));
                html(r, ">%s</span>", v->note);
            }
            html_raw(r, "</li>\n");
        }
        html_raw(r, "</ul>\n");
    }
    if (ks_is_reviewer(r) && latest) {
        if (is_author(r, rv)) {
            html(r, "<p class=\"notice\">%s</p>\n", T(r, "klarsprak.err.own_text"));
        } else {
            html(r, "<h2 id=\"bedom\">%s</h2>\n", T(r, "klarsprak.verdict_title"));
            form_open(r, arena_printf(r->a, "%s/beslut", ks_link(r, rv->id)), false);
            html(r, "<input type=\"hidden\" name=\"version\" value=\"%lld\">\n", (long long)w->v->number);
            struct option opts[RV_COUNT];
            for (int k = 0; k < RV_COUNT; k++)
                opts[k] = (struct option){review_verdict_name((enum review_verdict)k),
                                          ks_verdict_label(r, review_verdict_name((enum review_verdict)k))};
            field_radios(r, f, &(struct field){.name = "bedomning", .label = "klarsprak.f.verdict",
                                               .value = t ? t->verdict : "", .flags = F_REQUIRED},
                         opts, RV_COUNT);
            field_textarea(r, f, &(struct field){.name = "notering", .label = "klarsprak.f.note",
                                                 .value = t ? t->note : "", .rows = 3, .flags = F_MULTILINE});
            form_submit(r, "klarsprak.verdict_send");
            form_close(r);
        }
    }
    html(r, "<h2 id=\"siffror\">%s</h2>\n", T(r, "klarsprak.figures"));
    html_raw(r, figures_html); /* escaped when rendered */
    page_end(r);
}

static void show(req *r)
{
    struct view w = {0};
    if (!(w.rv = ks_load(r))) return;
    int64_t version = 0;
    const char *q = req_query(r, "version");
    if (q && (!parse_i64(q, &version) || version <= 0)) return page_error(r, 400);
    if (!load_view(r, &w, version)) return;
    struct form f;
    form_init(&f, r);
    review_page(r, &w, &f, NULL);
}

/* ---- a comment ---- */

struct comment_act {
    const struct review *rv;
    int64_t version, paragraph, id;
    const char *quote, *body;
};

static enum db_rc comment_tx(req *r, void *ctx)
{
    struct comment_act *c = ctx;
    enum db_rc rc = store_review_comment_add(r->db, c->rv->id, c->version, c->paragraph, c->quote,
                                             c->body, r->user->id, r->user->name, r->now, &c->id);
    if (rc == DB_OK && c->rv->author_id && c->rv->author_id != r->user->id) {
        const char *text = arena_printf(r->a, "%s: %s", T(r, "klarsprak.notice_comment"), c->rv->title);
        rc = notify_user(r, c->rv->author_id, text, text,
                         arena_printf(r->a, "%s#kommentar-%lld", ks_link(r, c->rv->id), (long long)c->id));
    }
    return rc;
}

static void stale(req *r, const struct review *rv)
{
    page_conflict(r, 409, "klarsprak.conflict_title",
                  Tf(r, "klarsprak.conflict_text", fmt_int(r->a, rv->latest_version)), ks_link(r, rv->id));
}

static void h_comment(req *r)
{
    struct view w = {0};
    if (!(w.rv = ks_load(r))) return;
    if (!ks_is_reviewer(r)) return page_error(r, 403);
    struct form f;
    form_init(&f, r);
    int64_t version = 0, paragraph = 0;
    if (!form_int(&f, "version", 1, INT32_MAX, true, 0, &version)) return page_error(r, 400);
    if (version != w.rv->latest_version) return stale(r, w.rv);
    struct typed t = {.paragraph = req_form(r, "stycke")};
    form_int(&f, "stycke", 1, 100000, true, 0, &paragraph);
    t.quote = form_text(&f, "citat", REVIEW_QUOTE_MAX, 0);
    t.comment = form_text(&f, "kommentar", REVIEW_COMMENT_MAX, F_REQUIRED | F_MULTILINE);
    form_no_pnr(&f, "citat", t.quote);
    form_no_pnr(&f, "kommentar", t.comment);
    if (!load_view(r, &w, version)) return;
    size_t np;
    review_paragraphs(r->a, w.v->body, &np);
    if (paragraph > 0 && (size_t)paragraph > np)
        form_error_arg(&f, "stycke", "klarsprak.err.no_paragraph", fmt_int(r->a, (int64_t)np));
    else if (paragraph > 0 && *t.quote && !form_err(&f, "citat") &&
             !review_quote_in(r->a, w.v->body, paragraph, t.quote))
        form_error_arg(&f, "citat", "klarsprak.err.quote_missing", fmt_int(r->a, paragraph));
    if (!form_ok(&f)) {
        if (!t.paragraph) t.paragraph = "";
        r->status = 400;
        return review_page(r, &w, &f, &t);
    }
    struct comment_act c = {w.rv, version, paragraph, 0, t.quote, t.comment};
    enum db_rc rc = action_run(r, comment_tx, &c);
    if (rc == DB_CONFLICT) return stale(r, w.rv);
    if (rc != DB_OK) return page_not_saved(r, "review comment");
    resp_flash(r, "klarsprak.flash.commented");
    resp_redirect(r, arena_printf(r->a, "%s#kommentar-%lld", ks_link(r, w.rv->id), (long long)c.id));
}

/* ---- an answer ---- */

struct answer_act {
    const struct review *rv;
    int64_t comment_id, commenter;
    const char *answer;
};

static enum db_rc answer_tx(req *r, void *ctx)
{
    struct answer_act *a = ctx;
    enum db_rc rc = store_review_comment_answer(r->db, a->rv->id, a->comment_id, a->answer, r->now);
    if (rc == DB_OK && a->commenter && a->commenter != r->user->id) {
        const char *text = arena_printf(r->a, "%s: %s", T(r, "klarsprak.notice_answer"), a->rv->title);
        rc = notify_user(r, a->commenter, text, text,
                         arena_printf(r->a, "%s#kommentar-%lld", ks_link(r, a->rv->id), (long long)a->comment_id));
    }
    return rc;
}

static void h_answer(req *r)
{
    struct view w = {0};
    if (!(w.rv = ks_load(r))) return;
    if (!is_author(r, w.rv)) return page_error(r, 403);
    struct form f;
    form_init(&f, r);
    int64_t cid = 0;
    if (!form_int(&f, "kommentar", 1, INT64_MAX, true, 0, &cid)) return page_error(r, 400);
    if (!load_view(r, &w, 0)) return;
    const struct review_comment *c = NULL;
    for (size_t i = 0; i < w.nc; i++)
        if (w.cs[i].id == cid) c = &w.cs[i];
    if (!c) return page_error(r, 404);
    const char *field = arena_printf(r->a, "svar-%lld", (long long)cid);
    const char *answer = form_text(&f, field, REVIEW_COMMENT_MAX, F_REQUIRED | F_MULTILINE);
    form_no_pnr(&f, field, answer);
    if (!form_ok(&f)) {
        r->status = 400;
        struct typed t = {.paragraph = "", .quote = "", .comment = "", .verdict = "", .note = "",
                          .answer_id = cid, .answer = answer};
        return review_page(r, &w, &f, &t);
    }
    struct answer_act a = {w.rv, cid, c->user_id, answer};
    enum db_rc rc = action_run(r, answer_tx, &a);
    if (rc == DB_NOTFOUND) return page_error(r, 404);
    if (rc != DB_OK) return page_not_saved(r, "review answer");
    resp_flash(r, "klarsprak.flash.answered");
    resp_redirect(r, arena_printf(r->a, "%s#kommentar-%lld", ks_link(r, w.rv->id), (long long)cid));
}

/* ---- a verdict ---- */

struct verdict_act {
    const struct review *rv;
    int64_t version;
    const char *verdict, *note;
};

static enum db_rc verdict_tx(req *r, void *ctx)
{
    struct verdict_act *v = ctx;
    enum db_rc rc = store_review_verdict(r->db, v->rv->id, v->version, r->user->id, r->user->name,
                                         v->verdict, v->note, r->now);
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, r->user->id, arena_printf(r->a, "granskning.%s", v->verdict),
                         arena_printf(r->a, "granskning:%lld", (long long)v->rv->id),
                         arena_printf(r->a, "version %lld", (long long)v->version));
    if (rc == DB_OK && v->rv->author_id) {
        const char *text = arena_printf(r->a, "%s: %s – %s", T(r, "klarsprak.notice_verdict"), v->rv->title,
                                        ks_verdict_label(r, v->verdict));
        rc = notify_user(r, v->rv->author_id, text, text, arena_printf(r->a, "%s#bedomningar", ks_link(r, v->rv->id)));
    }
    return rc;
}

static void h_verdict(req *r)
{
    struct view w = {0};
    if (!(w.rv = ks_load(r))) return;
    if (!ks_is_reviewer(r)) return page_error(r, 403);
    struct form f;
    form_init(&f, r);
    int64_t version = 0;
    if (!form_int(&f, "version", 1, INT32_MAX, true, 0, &version)) return page_error(r, 400);
    const char *why = review_may_judge(w.rv->author_id, r->user->id, version, w.rv->latest_version);
    if (why && strcmp(why, "klarsprak.err.own_text") == 0)
        return page_message(r, 403, "klarsprak.own_title", "klarsprak.err.own_text");
    if (why) return stale(r, w.rv);
    struct typed t = {.paragraph = "", .quote = "", .comment = ""};
    t.verdict = form_text(&f, "bedomning", 40, 0);
    if (!*t.verdict && !form_err(&f, "bedomning")) form_error(&f, "bedomning", "err.required_choice");
    else if (*t.verdict && review_verdict_from_name(t.verdict) < 0) form_error(&f, "bedomning", "err.choice");
    t.note = form_text(&f, "notering", REVIEW_NOTE_MAX, F_MULTILINE);
    form_no_pnr(&f, "notering", t.note);
    if (!form_ok(&f)) {
        if (!load_view(r, &w, version)) return;
        r->status = 400;
        return review_page(r, &w, &f, &t);
    }
    enum db_rc rc = action_run(r, verdict_tx, &(struct verdict_act){w.rv, version, t.verdict, t.note});
    if (rc == DB_CONFLICT) return stale(r, w.rv);
    if (rc != DB_OK) return page_not_saved(r, "review verdict");
    resp_flash(r, "klarsprak.flash.judged");
    resp_redirect(r, arena_printf(r->a, "%s#bedomningar", ks_link(r, w.rv->id)));
}

/* Several queries (the review, the version, comments, verdicts): one read snapshot. */
static void h_show(req *r)
{
    page_in_snapshot(r, show);
}

const struct route ks_review_routes[] = {
    {M_GET, "/klarsprak/granskning/*", h_show, R_AUTH},
    {M_POST, "/klarsprak/granskning/*/kommentar", h_comment, R_AUTH},
    {M_POST, "/klarsprak/granskning/*/svar", h_answer, R_AUTH},
    {M_POST, "/klarsprak/granskning/*/beslut", h_verdict, R_AUTH},
    {0, NULL, NULL, 0},
};
