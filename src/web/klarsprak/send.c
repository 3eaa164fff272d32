/* Sending a text to the klarspråk group (/klarsprak/skicka): a title, the
 * kind of text, a question for the group, a deadline and the text — or a
 * draft post (?inlagg=<slug>), whose text is sent as it stands.  The
 * reviewers are told in the site and by e-mail, in the same action. */
#include <string.h>

#include "domain/review.h"
#include "util/text.h"
#include "view/format.h"
#include "web/action.h"
#include "web/dates.h"
#include "web/klarsprak/klarsprak.h"

struct send_input {
    const char *title, *kind, *question, *deadline, *text;
};

/* The draft post named by ?inlagg= (or the form's inlagg), if its writer
 * may send it; NULL with *fail set after an answer was written. */
static struct post *the_post(req *r, const char *slug, bool *fail)
{
    *fail = false;
    if (!slug || !*slug) return NULL;
    struct post *p = NULL;
    enum db_rc rc = store_post_by_slug(r->db, r->a, slug, &p);
    if (rc == DB_NOTFOUND) {
        *fail = true;
        page_error(r, 404);
        return NULL;
    }
    if (rc != DB_OK) {
        *fail = true;
        page_fail(r, "review post");
        return NULL;
    }
    if (!(can_publish_posts(r->user) || p->author_id == r->user->id)) {
        *fail = true;
        page_error(r, 403);
        return NULL;
    }
    return p;
}

static void send_page(req *r, const struct form *f, const struct send_input *v, const struct post *p)
{
    r->sheet = "klarsprak";
    page_begin(r, T(r, "klarsprak.send_title"));
    const char *crumbs[] = {"/klarsprak", T(r, "klarsprak.title"), NULL, T(r, "klarsprak.send_title")};
    page_crumbs(r, crumbs, 4);
    html(r, "<h1>%s</h1>\n<p>%s</p>\n", T(r, "klarsprak.send_title"), T(r, "klarsprak.send_intro"));
    form_summary(r, f);
    form_open(r, "/klarsprak/skicka", false);
    form_once_field(r);
    if (p) {
        html(r, "<input type=\"hidden\" name=\"inlagg\" value=\"%s\">\n", p->slug);
        html(r, "<p>%s <a href=\"/nyheter/%s\">%s</a></p>\n", T(r, "klarsprak.send_post"), p->slug, p->title);
    }
    field_input(r, f, &(struct field){.name = "rubrik", .label = "klarsprak.f.title",
                                      .value = v->title, .flags = F_REQUIRED});
    struct option kinds[RK_COUNT];
    for (int k = 0; k < RK_COUNT; k++)
        kinds[k] = (struct option){review_kind_name((enum review_kind)k),
                                   ks_kind_label(r, review_kind_name((enum review_kind)k))};
    if (!p)
        field_radios(r, f, &(struct field){.name = "typ", .label = "klarsprak.f.kind", .value = v->kind,
                                           .flags = F_REQUIRED}, kinds, RK_COUNT);
    field_textarea(r, f, &(struct field){.name = "fraga", .label = "klarsprak.f.question",
                                         .hint = "klarsprak.f.question_hint", .value = v->question,
                                         .rows = 3, .flags = F_MULTILINE});
    field_input(r, f, &(struct field){.name = "senast", .label = "klarsprak.f.deadline",
                                      .hint = "klarsprak.f.deadline_hint", .type = "date",
                                      .value = v->deadline, .flags = F_REQUIRED});
    if (!p)
        field_textarea(r, f, &(struct field){.name = "text", .label = "klarsprak.text_label",
                                             .hint = "klarsprak.f.text_hint", .value = v->text,
                                             .rows = 14, .flags = F_REQUIRED | F_MULTILINE});
    form_submit(r, "klarsprak.send");
    form_close(r);
    page_end(r);
}

static void h_form(req *r)
{
    if (!ks_may_send(r)) return page_error(r, 403);
    bool fail;
    struct post *p = the_post(r, req_query(r, "inlagg"), &fail);
    if (fail) return;
    struct form f;
    form_init(&f, r);
    struct send_input v = {p ? p->title : "", p ? "inlagg" : "", "",
                           fmt_date_iso(r->a, r->now + 7 * 86400), ""};
    send_page(r, &f, &v, p);
}

struct send {
    struct form *f;
    struct review rv;
    const char *text;
    int64_t id;
    bool again;
};

static enum db_rc send_tx(req *r, void *ctx)
{
    struct send *s = ctx;
    enum db_rc rc = form_once_take(s->f, &s->again);
    if (rc != DB_OK || s->again) return rc;
    rc = store_review_create(r->db, &s->rv, s->text, r->now, &s->id);
    if (rc == DB_OK)
        rc = store_audit(r->db, r->now, r->user->id, "granskning.skicka",
                         arena_printf(r->a, "granskning:%lld", (long long)s->id), s->rv.kind);
    if (rc == DB_OK) {
        const char *text = arena_printf(r->a, "%s: %s (%s %s)", T(r, "klarsprak.notice_new"),
                                        s->rv.title, T(r, "klarsprak.by_date"),
                                        fmt_ymd(r->a, r->lang, s->rv.deadline));
        rc = ks_tell_reviewers(r, r->user->id, text, text, ks_link(r, s->id));
    }
    return rc;
}

static void h_send(req *r)
{
    if (!ks_may_send(r)) return page_error(r, 403);
    bool fail;
    struct post *p = the_post(r, req_form(r, "inlagg"), &fail);
    if (fail) return;
    struct form f;
    form_init(&f, r);
    struct send_input v;
    v.title = form_text(&f, "rubrik", REVIEW_TITLE_MAX, F_REQUIRED);
    v.kind = p ? "inlagg" : form_text(&f, "typ", 20, F_REQUIRED);
    if (!p && *v.kind && review_kind_from_name(v.kind) < 0) form_error(&f, "typ", "err.choice");
    if (!p && !*v.kind && !form_err(&f, "typ")) form_error(&f, "typ", "err.required_choice");
    v.question = form_text(&f, "fraga", REVIEW_QUESTION_MAX, F_MULTILINE);
    v.deadline = form_date(&f, "senast", true);
    if (*v.deadline && !form_err(&f, "senast")) {
        const char *e = review_check_deadline(v.deadline, today_ymd(r));
        if (e) form_error(&f, "senast", e);
    }
    v.text = p ? p->body_md : form_text(&f, "text", REVIEW_TEXT_MAX, F_REQUIRED | F_MULTILINE);
    /* the group's members read it: no personal identity numbers */
    form_no_pnr(&f, "rubrik", v.title);
    form_no_pnr(&f, "fraga", v.question);
    if (!p) form_no_pnr(&f, "text", v.text);
    if (!form_ok(&f)) {
        r->status = 400;
        return send_page(r, &f, &v, p);
    }
    struct send s = {.f = &f, .text = v.text};
    s.rv = (struct review){.author_id = r->user->id, .author_name = r->user->name, .kind = v.kind,
                           .title = v.title, .question = v.question, .deadline = v.deadline,
                           .post_id = p ? p->id : 0};
    enum db_rc rc = action_run(r, send_tx, &s);
    if (rc != DB_OK) return page_not_saved(r, "review send");
    if (s.again) return resp_redirect(r, "/klarsprak/granska");
    resp_flash(r, "klarsprak.flash.sent");
    resp_redirect(r, ks_link(r, s.id));
}

const struct route ks_send_routes[] = {
    {M_GET, "/klarsprak/skicka", h_form, R_AUTH},
    {M_POST, "/klarsprak/skicka", h_send, R_AUTH},
    {0, NULL, NULL, 0},
};
