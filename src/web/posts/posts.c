/* News and meeting notes: the public list, post pages with comments, the
 * Atom feed, and writing posts in Markdown. */
#include <string.h>

#include "domain/pnr.h"
#include "http/session.h"
#include "store/store.h"
#include "util/log.h"
#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "view/markdown.h"
#include "web/fragments.h"
#include "web/pages.h"
#include "web/klarsprak/klarsprak.h"
#include "web/site.h"

/* ---- list ---- */

static void post_teaser(req *r, const struct post *p)
{
    html(r, "<li class=\"card\">\n<h2><a href=\"/nyheter/%s\">%s</a></h2>\n"
            "<p class=\"meta\"><time datetime=\"%s\">%s</time> · %s",
         p->slug, p->title, fmt_date_iso(r->a, p->published_at),
         fmt_date(r->a, r->lang, p->published_at), p->author_name);
    if (p->comment_count)
        html(r, " · %lld %s", (long long)p->comment_count,
             T(r, p->comment_count == 1 ? "post.comment_one" : "post.comment_many"));
    html(r, "</p>\n<p>%s</p>\n</li>\n", p->summary);
}

static void h_list(req *r)
{
    int64_t page, total = 0;
    if (!req_page(r, &page)) return page_message(r, 400, "error.400.title", "err.page_number");
    struct post *list = NULL;
    size_t n = 0;
    if (store_posts_published(r->db, r->a, (page - 1) * POSTS_PER_PAGE, POSTS_PER_PAGE, false,
                              &list, &n, &total) != DB_OK)
        return page_fail(r, "posts");
    if (n == 0 && page > 1) return page_error(r, 404);
    page_begin(r, T(r, "posts.title"));
    html(r, "<h1>%s</h1>\n", T(r, "posts.title"));
    if (can_write_posts(r->user))
        html(r, "<p><a class=\"button\" href=\"/nyheter/ny\">%s</a></p>\n", T(r, "post.new"));
    html_raw(r, "<ul class=\"cards\">\n");
    for (size_t i = 0; i < n; i++) post_teaser(r, &list[i]);
    html_raw(r, "</ul>\n");
    if (total == 0) html(r, "<p>%s</p>\n", T(r, "posts.none"));
    page_pager(r, "/nyheter", page, total, POSTS_PER_PAGE);
    page_end(r);
}

/* ---- a post, its comments and the comment form ---- */

struct comment_input {
    const char *name, *email, *body;
};

static bool may_see(req *r, const struct post *p)
{
    return p->status == POST_PUBLISHED || can_publish_posts(r->user) ||
           (r->user && p->author_id == r->user->id);
}

static bool may_edit(req *r, const struct post *p)
{
    return can_publish_posts(r->user) ||
           (can_write_posts(r->user) && p->author_id == r->user->id && p->status == POST_DRAFT);
}

static void comment_form(req *r, const struct post *p, const struct form *f,
                         const struct comment_input *v)
{
    html(r, "<section aria-labelledby=\"skriv\" class=\"comment-form\">\n<h2 id=\"skriv\">%s</h2>\n"
            "<p>%s</p>\n",
         T(r, "comment.write"), T(r, "comment.moderated_note"));
    form_summary(r, f);
    /* after a refused comment the page opens at the error summary (#fel) */
    form_open(r, arena_printf(r->a, "/nyheter/%s/kommentera", p->slug), false);
    form_once_field(r);
    field_input(r, f, &(struct field){.name = "namn", .label = "comment.name", .value = v->name,
                                      .autocomplete = "name", .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "epost", .label = "comment.email", .type = "email",
                                      .hint = "comment.email_hint", .value = v->email,
                                      .autocomplete = "email", .flags = F_REQUIRED});
    field_textarea(r, f, &(struct field){.name = "kommentar", .label = "comment.body",
                                         .value = v->body, .rows = 6, .flags = F_REQUIRED});
    /* honeypot: hidden from people and assistive technology, filled by bots */
    html(r, "<div class=\"hp\" aria-hidden=\"true\"><label for=\"f-webbplats\">%s</label>"
            "<input type=\"text\" id=\"f-webbplats\" name=\"webbplats\" tabindex=\"-1\" "
            "autocomplete=\"off\"></div>\n",
         T(r, "comment.honeypot"));
    form_submit(r, "comment.submit");
    form_close(r);
    html_raw(r, "</section>\n");
}

/* The pages of approved comments a post has (at least one, perhaps empty). */
static int64_t comment_pages(const struct post *p)
{
    return p->comment_count > 0 ? (p->comment_count + COMMENTS_PER_PAGE - 1) / COMMENTS_PER_PAGE : 1;
}


/* One page of the approved comments (COMMENTS_PER_PAGE, oldest first),
 * rendered once per version: the key holds the post's approved-comment
 * count, which every approval changes. */
static const char *comments_section(req *r, const struct post *p, int64_t page)
{
    const char *key = arena_printf(r->a, "comments:%lld:%lld:%lld:%lld:%s", (long long)p->id,
                                   (long long)p->comment_count, (long long)p->updated_at,
                                   (long long)page, lang_code(r->lang));
    const char *cached = fragment_get(r->a, key);
    if (cached) return cached;
    struct comment *cs = NULL;
    size_t n = 0;
    int64_t offset = (page - 1) * COMMENTS_PER_PAGE;
    if (store_comments_approved(r->db, r->a, p->id, offset, COMMENTS_PER_PAGE, &cs, &n) != DB_OK)
        return NULL;
    buf b = {0};
    /* the heading counts them all; this page shows some */
    html_fmt(&b, "<section id=\"kommentarer\" aria-labelledby=\"kommentarer-rubrik\">\n"
                 "<h2 id=\"kommentarer-rubrik\">%s (%lld)</h2>\n",
             T(r, "comment.title"), (long long)p->comment_count);
    if (comment_pages(p) > 1)
        html_fmt(&b, "<p class=\"meta\">%s %lld–%lld</p>\n", T(r, "comment.showing"),
                 (long long)offset + (n ? 1 : 0), (long long)offset + (long long)n);
    if (n && page > 1) html_fmt(&b, "<ol class=\"comments\" start=\"%lld\">\n", (long long)offset + 1);
    else if (n) buf_puts(&b, "<ol class=\"comments\">\n");
    for (size_t i = 0; i < n; i++) {
        html_fmt(&b, "<li id=\"k%lld\">\n<p class=\"meta\"><strong>%s</strong> · <time datetime=\"%s\">%s"
                     "</time></p>\n",
                 (long long)cs[i].id, cs[i].name, fmt_rfc3339(r->a, cs[i].created_at),
                 fmt_datetime(r->a, r->lang, cs[i].created_at));
        user_paragraphs(r, &b, cs[i].body);
        buf_puts(&b, "</li>\n");
    }
    if (n) buf_puts(&b, "</ol>\n");
    else html_fmt(&b, "<p>%s</p>\n", T(r, "comment.none"));
    pager_write(r, &b, &(struct pager){.base = arena_printf(r->a, "/nyheter/%s", p->slug), .anchor = "#kommentarer",
                                        .page = page, .pages = comment_pages(p), .label_key = "comment.pages",
                                        .prev_key = "comment.pages_prev", .next_key = "comment.pages_next"});
    buf_puts(&b, "</section>\n");
    /* only a page that agrees with the count is kept (an approval between
     * the two reads would otherwise be cached under the old key) */
    int64_t expect = p->comment_count - offset;
    if (expect > COMMENTS_PER_PAGE) expect = COMMENTS_PER_PAGE;
    if ((int64_t)n == expect) fragment_put(key, b.data, b.len);
    const char *out = arena_strndup(r->a, buf_cstr(&b), b.len);
    buf_free(&b);
    return out;
}

/* The post's body with an id on each <h2> (its text as a slug: a link to
 * a heading survives edits elsewhere), and the contents: pairs of (id,
 * text) in toc, their count (times two) in *nt. */
static const char *anchored(req *r, const char *body, const char **toc, size_t max, size_t *nt)
{
    buf b = {0};
    *nt = 0;
    const char *p = body;
    for (const char *h; (h = strstr(p, "<h2>")); ) {
        const char *end = strstr(h, "</h2>");
        if (!end) break;
        buf_add(&b, p, (size_t)(h - p));
        buf t = {0};
        bool in_tag = false;
        for (const char *c = h + 4; c < end; c++) {
            if (*c == '<') in_tag = true;
            else if (*c == '>') in_tag = false;
            else if (!in_tag) buf_add(&t, c, 1);
        }
        const char *text = arena_strndup(r->a, buf_cstr(&t), t.len); /* escaped already */
        buf_free(&t);
        const char *slug = text_slug(r->a, text, 60);
        const char *id = arena_printf(r->a, "%s%s-%zu", "del", *slug ? "-" : "", *nt / 2 + 1);
        if (*slug) id = arena_printf(r->a, "%s", slug);
        for (size_t k = 0; k < *nt; k += 2)
            if (strcmp(toc[k], id) == 0) id = arena_printf(r->a, "%s-%zu", id, *nt / 2 + 1);
        if (*nt + 2 <= max) {
            toc[(*nt)++] = id;
            toc[(*nt)++] = text;
        }
        buf_printf(&b, "<h2 id=\"%s\">", id);
        p = h + 4;
    }
    buf_puts(&b, p);
    const char *out = arena_strndup(r->a, buf_cstr(&b), b.len);
    buf_free(&b);
    return out;
}

static void post_page(req *r, const struct post *p, int64_t page, const struct form *f,
                      const struct comment_input *v)
{
    const char *comments = comments_section(r, p, page);
    if (!comments) return page_fail(r, "post comments");
    page_begin(r, p->title);
    const char *crumbs[] = {"/nyheter", T(r, "posts.title"), NULL, p->title};
    page_crumbs(r, crumbs, 4);
    html_raw(r, "<article class=\"post\">\n<h1");
    html_raw(r, sv_attr(r)); /* what people wrote is Swedish (WCAG 3.1.2) */
    html(r, ">%s</h1>\n<p class=\"meta\">", p->title);
    if (p->status == POST_PUBLISHED)
        html(r, "<time datetime=\"%s\">%s</time> · ", fmt_date_iso(r->a, p->published_at),
             fmt_date(r->a, r->lang, p->published_at));
    else
        html(r, "<strong class=\"tag tag-%s\">%s</strong> · ", status_tone("utkast"), T(r, "post.status.utkast"));
    html(r, "%s</p>\n", p->author_name);
    ks_post_mark(r, p, may_edit(r, p)); /* issue 12: reviewed by the klarspråk group */
    const char *toc[40];
    size_t nt = 0;
    const char *body = anchored(r, p->body_html, toc, 40, &nt);
    /* "På den här sidan" on a post with several headings; the texts are
     * already escaped, so they go through page_toc unescaped */
    if (nt >= 4) {
        html(r, "<nav class=\"toc\" aria-labelledby=\"pa-sidan\">\n<h2 id=\"pa-sidan\">%s</h2>\n<ol>\n",
             T(r, "toc.title"));
        for (size_t k = 0; k < nt; k += 2) {
            html(r, "<li><a href=\"#%s\">", toc[k]);
            html_raw(r, toc[k + 1]);
            html_raw(r, "</a></li>\n");
        }
        html_raw(r, "</ol>\n</nav>\n");
    }
    html_raw(r, "<div class=\"prose\"");
    html_raw(r, sv_attr(r)); /* what people wrote is Swedish (WCAG 3.1.2) */
    html_raw(r, ">\n");
    html_raw(r, body); /* rendered by cmark's safe mode when saved; ids from slugs */
    html_raw(r, "</div>\n</article>\n");
    if (may_edit(r, p))
        html(r, "<p><a class=\"button\" href=\"/nyheter/%s/redigera\">%s</a></p>\n", p->slug,
             T(r, "post.edit"));
    html_raw(r, comments); /* escaped when rendered, in comments_section */
    if (p->status == POST_PUBLISHED) comment_form(r, p, f, v);
    page_end(r);
}

static struct post *load_post(req *r)
{
    struct post *p = NULL;
    enum db_rc rc = store_post_by_slug(r->db, r->a, r->params[0], &p);
    if (rc == DB_OK && may_see(r, p)) return p;
    if (rc == DB_OK || rc == DB_NOTFOUND) page_error(r, 404);
    else page_fail(r, "post");
    return NULL;
}

static void h_show(req *r)
{
    struct post *p = load_post(r);
    if (!p) return;
    /* ?sida=N: the N-th page of comments; not a number: 400; beyond the
     * last page (there is always a first, perhaps empty): 404 */
    int64_t page;
    if (!req_page(r, &page)) return page_message(r, 400, "error.400.title", "err.page_number");
    if (page > comment_pages(p)) return page_error(r, 404);
    struct form f;
    form_init(&f, r);
    post_page(r, p, page, &f, &(struct comment_input){"", "", ""});
}

static void h_comment(req *r)
{
    struct post *p = load_post(r);
    if (!p) return;
    if (p->status != POST_PUBLISHED) return page_error(r, 404);
    struct form f;
    form_init(&f, r);
    struct comment_input v;
    v.name = form_text(&f, "namn", COMMENT_NAME_MAX, F_REQUIRED);
    v.email = form_text(&f, "epost", EMAIL_MAX, F_REQUIRED);
    v.body = form_text(&f, "kommentar", COMMENT_BODY_MAX, F_REQUIRED | F_MULTILINE);
    const char *e = validate_email(v.email);
    if (e && !form_err(&f, "epost")) form_error(&f, "epost", e);
    form_no_pnr(&f, "kommentar", v.body);
    form_no_pnr(&f, "namn", v.name);
    const char *trap = req_form(r, "webbplats");
    if (trap && *trap) { /* a bot: thank it and keep nothing */
        log_warn("comment: honeypot filled from %s", r->client);
        resp_flash(r, "flash.comment_received");
        return resp_redirect(r, arena_printf(r->a, "/nyheter/%s#meddelande", p->slug));
    }
    if (form_ok(&f)) {
        int64_t hits = 0;
        const char *bucket = arena_printf(r->a, "comment:%s", client_hash(r));
        if (store_rate_hit(r->db, bucket, r->now, COMMENT_RATE_WINDOW, &hits) != DB_OK)
            return page_fail(r, "comment rate");
        if (hits > COMMENT_RATE_MAX) {
            form_error(&f, "kommentar", "err.comment_rate");
            r->status = 429;
            return post_page(r, p, 1, &f, &v);
        }
    }
    if (!form_ok(&f)) {
        r->status = 400;
        return post_page(r, p, 1, &f, &v);
    }
    if (form_once(&f)) {
        struct comment c = {.post_id = p->id, .name = v.name, .email = v.email, .body = v.body};
        int64_t id;
        if (store_comment_create(r->db, &c, client_hash(r), r->user ? r->user->id : 0, r->now,
                                 &id) != DB_OK)
            return page_fail(r, "comment");
    }
    resp_flash(r, "flash.comment_received");
    resp_redirect(r, arena_printf(r->a, "/nyheter/%s#meddelande", p->slug));
}

/* ---- Atom feed ---- */

static void h_feed(req *r)
{
    struct post *list = NULL;
    size_t n = 0;
    int64_t total = 0;
    if (store_posts_published(r->db, r->a, 0, 20, true, &list, &n, &total) != DB_OK)
        return page_fail(r, "feed");
    const char *base = site_base_url();
    r->mime = "application/atom+xml; charset=utf-8";
    html(r, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"sv\">\n"
            "<title>%s</title>\n<id>%s/nyheter</id>\n"
            "<link rel=\"self\" href=\"%s/nyheter.atom\"/>\n<link href=\"%s/nyheter\"/>\n"
            "<updated>%s</updated>\n",
         T(r, "feed.title"), base, base, base,
         fmt_rfc3339(r->a, n ? list[0].updated_at : r->now));
    for (size_t i = 0; i < n; i++) {
        const struct post *p = &list[i];
        html(r, "<entry>\n<title>%s</title>\n<id>%s/nyheter/%s</id>\n"
                "<link href=\"%s/nyheter/%s\"/>\n<published>%s</published>\n"
                "<updated>%s</updated>\n<author><name>%s</name></author>\n"
                "<summary>%s</summary>\n<content type=\"html\">%s</content>\n</entry>\n",
             p->title, base, p->slug, base, p->slug, fmt_rfc3339(r->a, p->published_at),
             fmt_rfc3339(r->a, p->updated_at), p->author_name, p->summary, p->body_html);
    }
    html_raw(r, "</feed>\n");
}

/* ---- writing ---- */

struct post_input {
    const char *title, *summary, *body;
    enum post_status status;
    bool review; /* issue 12: published only in a version the klarspråk group approved */
};

static void editor_page(req *r, const struct form *f, const struct post *p,
                        const struct post_input *v, const char *preview_html)
{
    bool create = p == NULL;
    page_begin(r, T(r, create ? "post.new" : "post.edit"));
    html(r, "<h1>%s</h1>\n", T(r, create ? "post.new" : "post.edit"));
    form_summary(r, f);
    if (preview_html) {
        html(r, "<section class=\"preview\" aria-labelledby=\"forhands\">\n<h2 id=\"forhands\">%s</h2>\n"
                "<div class=\"prose\">\n", T(r, "post.preview_heading"));
        html_raw(r, preview_html);
        html_raw(r, "</div>\n</section>\n");
    }
    form_open(r, create ? "/nyheter/ny" : arena_printf(r->a, "/nyheter/%s/redigera", p->slug),
              false);
    if (create) form_once_field(r);
    field_input(r, f, &(struct field){.name = "rubrik", .label = "post.title_label",
                                      .value = v->title, .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "ingress", .label = "post.summary_label",
                                      .hint = "post.summary_hint", .value = v->summary});
    field_textarea(r, f, &(struct field){.name = "text", .label = "post.body_label",
                                         .hint = "post.body_hint", .value = v->body, .rows = 18,
                                         .flags = F_REQUIRED | F_MULTILINE});
    if (can_publish_posts(r->user)) {
        struct option opts[] = {{"utkast", T(r, "post.status.utkast")},
                                {"publicerad", T(r, "post.status.publicerad")}};
        field_select(r, f, &(struct field){.name = "status", .label = "post.status_label",
                                           .value = post_status_name(v->status)}, opts, 2);
    } else {
        html(r, "<p class=\"hint\">%s</p>\n", T(r, "post.reporter_note"));
    }
    field_checkbox(r, "granskning", "klarsprak.post_requires_label", v->review);
    html(r, "<div class=\"buttons\"><button type=\"submit\" name=\"forhandsgranska\" value=\"1\" "
            "class=\"secondary\">%s</button>\n<button type=\"submit\">%s</button></div>\n",
         T(r, "post.preview"), T(r, "form.save"));
    form_close(r);
    page_end(r);
}

static void read_post_form(req *r, struct form *f, struct post_input *v)
{
    v->title = form_text(f, "rubrik", POST_TITLE_MAX, F_REQUIRED);
    v->summary = form_text(f, "ingress", POST_SUMMARY_MAX, 0);
    v->body = form_text(f, "text", POST_BODY_MAX, F_REQUIRED | F_MULTILINE);
    v->status = POST_DRAFT;
    v->review = form_check(f, "granskning");
    if (can_publish_posts(r->user)) {
        int s = post_status_from_name(req_form(r, "status"));
        if (s < 0) form_error(f, "status", "err.choice");
        else v->status = (enum post_status)s;
    }
    form_no_pnr(f, "rubrik", v->title);
    form_no_pnr(f, "ingress", v->summary);
    form_no_pnr(f, "text", v->body);
    if (!form_err(f, "text")) form_no_pnr(f, "text", markdown_plain(f->r->a, v->body));
    if (!*v->summary && !form_err(f, "text"))
        form_no_pnr(f, "text", markdown_summary(f->r->a, v->body, 200));
}

static void h_new_form(req *r)
{
    if (!can_write_posts(r->user)) return page_error(r, 403);
    struct form f;
    form_init(&f, r);
    editor_page(r, &f, NULL, &(struct post_input){"", "", "", POST_DRAFT, false}, NULL);
}

/* Fills the derived fields of p from the input. */
static bool render_post(req *r, struct post *p, const struct post_input *v)
{
    p->title = v->title;
    p->body_md = v->body;
    p->body_html = markdown_to_html(r->a, v->body);
    p->summary = *v->summary ? v->summary : markdown_summary(r->a, v->body, 200);
    if (p->status != POST_PUBLISHED && v->status == POST_PUBLISHED) p->published_at = r->now;
    p->status = v->status;
    return p->body_html != NULL;
}

static void h_new(req *r)
{
    if (!can_write_posts(r->user)) return page_error(r, 403);
    struct form f;
    form_init(&f, r);
    struct post_input v;
    read_post_form(r, &f, &v);
    ks_post_check(&f, v.review, v.status == POST_PUBLISHED, 0);
    if (!form_ok(&f) || req_form(r, "forhandsgranska")) {
        if (!form_ok(&f)) r->status = 400;
        return editor_page(r, &f, NULL, &v, form_ok(&f) ? markdown_to_html(r->a, v.body) : NULL);
    }
    if (!form_once(&f)) return resp_redirect(r, "/redaktion");
    struct post p = {.author_id = r->user->id, .author_name = r->user->name};
    if (!render_post(r, &p, &v)) return page_fail(r, "post render");
    const char *base = text_slug(r->a, v.title, 80);
    int64_t id = 0;
    enum db_rc rc = DB_CONSTRAINT;
    for (int i = 1; i < 100 && rc == DB_CONSTRAINT; i++) {
        p.slug = slug_try(r->a, base, i);
        rc = store_post_create(r->db, &p, r->now, &id);
    }
    if (rc == DB_OK) rc = ks_post_save(r, id, v.review, false, 0);
    if (rc != DB_OK) return page_fail(r, "post create");
    resp_flash(r, p.status == POST_PUBLISHED ? "flash.published" : "flash.saved");
    resp_redirect(r, arena_printf(r->a, "/nyheter/%s", p.slug));
}

static struct post *load_editable(req *r)
{
    struct post *p = load_post(r);
    if (p && !may_edit(r, p)) {
        page_error(r, 403);
        return NULL;
    }
    return p;
}

static void h_edit_form(req *r)
{
    struct post *p = load_editable(r);
    if (!p) return;
    bool review = false;
    int64_t approved = 0;
    if (!ks_post_state(r, p->id, p->body_md, &review, &approved)) return;
    struct form f;
    form_init(&f, r);
    editor_page(r, &f, p, &(struct post_input){p->title, p->summary, p->body_md, p->status, review}, NULL);
}

static void h_edit(req *r)
{
    struct post *p = load_editable(r);
    if (!p) return;
    struct form f;
    form_init(&f, r);
    struct post_input v;
    read_post_form(r, &f, &v);
    bool was_required = false;
    int64_t approved = 0;
    if (!ks_post_state(r, p->id, v.body, &was_required, &approved)) return;
    ks_post_check(&f, v.review, v.status == POST_PUBLISHED, approved);
    if (!form_ok(&f) || req_form(r, "forhandsgranska")) {
        if (!form_ok(&f)) r->status = 400;
        return editor_page(r, &f, p, &v, form_ok(&f) ? markdown_to_html(r->a, v.body) : NULL);
    }
    if (!render_post(r, p, &v)) return page_fail(r, "post render");
    if (store_post_update(r->db, p, r->now) != DB_OK ||
        ks_post_save(r, p->id, v.review, p->status == POST_PUBLISHED, approved) != DB_OK)
        return page_fail(r, "post update");
    resp_flash(r, p->status == POST_PUBLISHED ? "flash.published" : "flash.saved");
    resp_redirect(r, arena_printf(r->a, "/nyheter/%s", p->slug));
}

const struct route post_routes[] = {
    {M_GET, "/nyheter", h_list, 0},
    {M_GET, "/nyheter.atom", h_feed, 0},
    {M_GET, "/nyheter/ny", h_new_form, R_AUTH},
    {M_POST, "/nyheter/ny", h_new, R_AUTH},
    {M_GET, "/nyheter/*", h_show, 0},
    {M_POST, "/nyheter/*/kommentera", h_comment, 0},
    {M_GET, "/nyheter/*/redigera", h_edit_form, R_AUTH},
    {M_POST, "/nyheter/*/redigera", h_edit, R_AUTH},
    {0, NULL, NULL, 0},
};
