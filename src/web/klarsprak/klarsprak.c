/* Plain-language review: what the family's pages share (klarsprak.h). */
#include "web/klarsprak/klarsprak.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "domain/review.h"
#include "util/embedded.h"
#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/notify.h"

bool ks_is_reviewer(req *r)
{
    return user_has(r->user, ROLE_KLARSPRAK);
}

bool ks_may_send(req *r)
{
    return can_write_posts(r->user) || user_has(r->user, ROLE_KOORDINATOR);
}

bool ks_may_see(req *r, const struct review *rv)
{
    if (!r->user) return false;
    return rv->author_id == r->user->id || ks_is_reviewer(r) ||
           user_has(r->user, ROLE_KOMMUNIKATOR) || user_has(r->user, ROLE_ADMIN);
}

const char *ks_link(req *r, int64_t id)
{
    return arena_printf(r->a, "/klarsprak/granskning/%lld", (long long)id);
}

struct review *ks_load(req *r)
{
    int64_t id = 0;
    if (!parse_i64(r->params[0], &id) || id <= 0) {
        page_error(r, 404);
        return NULL;
    }
    struct review *rv = NULL;
    enum db_rc rc = store_review_get(r->db, r->a, id, &rv);
    if (rc == DB_OK && ks_may_see(r, rv)) return rv;
    if (rc == DB_OK || rc == DB_NOTFOUND) page_error(r, 404);
    else page_fail(r, "review");
    return NULL;
}

/* The list is parsed once per process into an arena that lives as long as
 * the process (its one owner is this file); it is read-only afterwards. */
static struct officialese_list ks_list;
static arena *ks_list_arena;
static pthread_once_t ks_list_once = PTHREAD_ONCE_INIT;

static void parse_list(void)
{
    ks_list_arena = arena_new();
    const struct embedded_file *f = embedded_find("data/klarsprak/ord.txt");
    if (f) officialese_parse(ks_list_arena, (const char *)f->data, f->len, &ks_list);
}

const struct officialese_list *ks_officialese(req *r)
{
    (void)r;
    pthread_once(&ks_list_once, parse_list);
    return &ks_list;
}

const char *ks_num(req *r, double v)
{
    char *s = arena_printf(r->a, "%.2f", v);
    char *dot = strchr(s, '.');
    if (dot) *dot = ',';
    return s;
}

static const char *count(req *r, size_t n)
{
    return fmt_int(r->a, (int64_t)n);
}

/* One row of the figures: the value, and with a `before` the old one. */
static void row(req *r, const char *key, const char *now, const char *before)
{
    html(r, "<dt>%s</dt>\n<dd>", T(r, key));
    if (before && strcmp(before, now) != 0)
        html(r, "%s <span aria-hidden=\"true\">→</span><span class=\"visually-hidden\">%s</span> ",
             before, T(r, "klarsprak.became"));
    html(r, "%s</dd>\n", now);
}

void ks_figures(req *r, const struct readability *m, const struct readability *b)
{
    html_raw(r, "<dl class=\"facts ks-figures\">\n");
    const char *lix = m->words ? arena_printf(r->a, "%s – %s", ks_num(r, m->lix), T(r, lix_band(m->lix)))
                               : T(r, "klarsprak.no_words");
    const char *blix = b && b->words ? arena_printf(r->a, "%s – %s", ks_num(r, b->lix), T(r, lix_band(b->lix)))
                                     : NULL;
    row(r, "klarsprak.fig.lix", lix, blix);
    row(r, "klarsprak.fig.words", count(r, m->words), b ? count(r, b->words) : NULL);
    row(r, "klarsprak.fig.sentences", count(r, m->sentences), b ? count(r, b->sentences) : NULL);
    row(r, "klarsprak.fig.mean", ks_num(r, m->mean_sentence), b ? ks_num(r, b->mean_sentence) : NULL);
    row(r, "klarsprak.fig.long_sentences", count(r, m->long_sentences),
        b ? count(r, b->long_sentences) : NULL);
    row(r, "klarsprak.fig.longest", count(r, m->longest_sentence),
        b ? count(r, b->longest_sentence) : NULL);
    const char *lw = arena_printf(r->a, "%s (%s %%)", count(r, m->long_words),
                                  ks_num(r, m->words ? 100.0 * (double)m->long_words / (double)m->words : 0));
    const char *blw = b ? arena_printf(r->a, "%s (%s %%)", count(r, b->long_words),
                                       ks_num(r, b->words ? 100.0 * (double)b->long_words / (double)b->words : 0))
                        : NULL;
    row(r, "klarsprak.fig.long_words", lw, blw);
    row(r, "klarsprak.fig.ovix", m->ovix_defined ? ks_num(r, m->ovix) : T(r, "klarsprak.ovix_none"),
        b ? (b->ovix_defined ? ks_num(r, b->ovix) : T(r, "klarsprak.ovix_none")) : NULL);
    html_raw(r, "</dl>\n");
}

/* Escaped text with line breaks as <br>. */
static void text_out(req *r, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t len = nl ? (size_t)(nl - (s + i)) : n - i;
        html_escape_n(&r->body, s + i, len);
        i += len;
        if (nl) {
            html_raw(r, "<br>\n");
            i++;
        }
    }
}

void ks_marked_text(req *r, const char *text, const struct readability *m,
                    const struct officialese_hit *hits, size_t nh, bool with_numbers)
{
    size_t np;
    struct review_par *ps = review_paragraphs(r->a, text, &np);
    if (!np) {
        html(r, "<p>%s</p>\n", T(r, "klarsprak.empty_text"));
        return;
    }
    html(r, "<ol class=\"ks-text%s\"", with_numbers ? "" : " ks-plain");
    html_raw(r, sv_attr(r));
    html_raw(r, ">\n");
    size_t k = 0, h = 0;
    for (size_t p = 0; p < np; p++) {
        size_t pos = ps[p].off, end = ps[p].off + ps[p].len;
        html(r, "<li id=\"stycke-%zu\">", p + 1);
        if (with_numbers)
            html(r, "<span class=\"ks-num\" aria-hidden=\"true\">%zu</span><span class=\"visually-hidden\">%s %zu: </span>",
                 p + 1, T(r, "klarsprak.paragraph"), p + 1);
        html_raw(r, "<p>");
        bool in_hit = false;
        size_t hit_end = 0;
        for (; k < m->words && m->word[k].off < end; k++) {
            const struct rd_word *w = &m->word[k];
            const struct rd_sentence *st = &m->sentence[w->sentence];
            bool long_s = st->words > RD_LONG_SENTENCE;
            if (long_s && st->first_word == k) {
                text_out(r, text + pos, st->off - pos);
                pos = st->off;
                html_raw(r, "<span class=\"ks-ls\">");
            }
            while (!in_hit && h < nh && hits[h].first_word < k) h++;
            if (!in_hit && h < nh && hits[h].first_word == k) {
                text_out(r, text + pos, w->off - pos);
                pos = w->off;
                html_raw(r, "<mark class=\"ks-off\">");
                in_hit = true;
                hit_end = k + hits[h].nwords - 1;
            }
            text_out(r, text + pos, w->off - pos);
            if (w->is_long && !in_hit) {
                html_raw(r, "<span class=\"ks-lw\">");
                html_escape_n(&r->body, text + w->off, w->len);
                html_raw(r, "</span>");
            } else {
                html_escape_n(&r->body, text + w->off, w->len);
            }
            pos = w->off + w->len;
            if (in_hit && k == hit_end) {
                html(r, "</mark><span class=\"ks-alt\"> (%s %s)</span>", T(r, "klarsprak.try"),
                     hits[h].entry->alternative);
                in_hit = false;
                h++;
            }
            if (long_s && st->first_word + st->words - 1 == k) {
                size_t se = st->off + st->len;
                if (se > end) se = end;
                text_out(r, text + pos, se - pos);
                pos = se;
                html(r, "</span><span class=\"ks-ls-note\"> (%s: %s %s)</span>",
                     T(r, "klarsprak.long_sentence"), count(r, st->words), T(r, "klarsprak.words_unit"));
            }
        }
        if (in_hit) html_raw(r, "</mark>");
        text_out(r, text + pos, end - pos);
        html_raw(r, "</p></li>\n");
    }
    html_raw(r, "</ol>\n");
}

void ks_officialese_list(req *r, const char *text, const struct readability *m,
                         const struct officialese_hit *hits, size_t nh)
{
    html(r, "<h2 id=\"ord\">%s</h2>\n", T(r, "klarsprak.officialese"));
    if (!nh) {
        html(r, "<p>%s</p>\n", T(r, "klarsprak.officialese_none"));
        return;
    }
    html_raw(r, "<ul class=\"ks-words\">\n");
    for (size_t i = 0; i < nh; i++) {
        const struct rd_word *a = &m->word[hits[i].first_word];
        const struct rd_word *z = &m->word[hits[i].first_word + hits[i].nwords - 1];
        html_raw(r, "<li><span");
        html_raw(r, sv_attr(r));
        html_raw(r, ">");
        html_escape_n(&r->body, text + a->off, z->off + z->len - a->off);
        html(r, "</span> → %s (%s %zu)</li>\n", hits[i].entry->alternative,
             T(r, "klarsprak.paragraph"), (size_t)m->sentence[a->sentence].paragraph);
    }
    html_raw(r, "</ul>\n");
}

void ks_explain(req *r)
{
    html(r, "<details class=\"ks-explain\">\n<summary>%s</summary>\n", T(r, "klarsprak.explain_title"));
    buf b = {0};
    html_paragraphs(&b, T(r, "klarsprak.explain"));
    html_raw(r, buf_cstr(&b));
    buf_free(&b);
    html_raw(r, "</details>\n");
}

/* ---- posts ---- */

bool ks_post_state(req *r, int64_t post_id, const char *body, bool *requires, int64_t *approved_at)
{
    *requires = false;
    *approved_at = 0;
    int64_t reviewed = 0;
    if (post_id == 0) return true;
    enum db_rc rc = store_post_review_flags(r->db, post_id, requires, &reviewed);
    if (rc == DB_OK) rc = store_post_approval(r->db, post_id, body, approved_at);
    if (rc != DB_OK) {
        page_fail(r, "post review state");
        return false;
    }
    return true;
}

void ks_post_check(struct form *f, bool requires, bool publishing, int64_t approved_at)
{
    if (requires && publishing && !approved_at) form_error(f, "status", "klarsprak.err.not_approved");
}

enum db_rc ks_post_save(req *r, int64_t post_id, bool requires, bool published, int64_t approved_at)
{
    enum db_rc rc = store_post_set_requires_review(r->db, post_id, requires);
    if (rc == DB_OK && published)
        rc = store_post_set_reviewed(r->db, post_id, requires ? approved_at : 0);
    return rc;
}

void ks_post_mark(req *r, const struct post *p, bool may_edit)
{
    bool requires = false;
    int64_t reviewed = 0, review_id = 0;
    if (store_post_review_flags(r->db, p->id, &requires, &reviewed) != DB_OK) return;
    if (p->status == POST_PUBLISHED && reviewed) {
        html(r, "<p class=\"ks-mark\"><span aria-hidden=\"true\">✓</span> <strong>%s</strong> "
                "<time datetime=\"%s\">%s</time> · <a href=\"/klarsprak\">%s</a></p>\n",
             T(r, "klarsprak.reviewed_by"), fmt_date_iso(r->a, reviewed),
             fmt_date(r->a, r->lang, reviewed), T(r, "klarsprak.about_group"));
        return;
    }
    if (!may_edit || p->status == POST_PUBLISHED) return;
    enum db_rc rc = store_post_review_id(r->db, p->id, &review_id);
    html_raw(r, "<section class=\"notice\">\n");
    if (requires) html(r, "<p>%s</p>\n", T(r, "klarsprak.post_requires"));
    if (rc == DB_OK)
        html(r, "<p><a href=\"%s\">%s</a></p>\n", ks_link(r, review_id), T(r, "klarsprak.post_see_review"));
    else
        html(r, "<p><a href=\"/klarsprak/skicka?inlagg=%s\">%s</a></p>\n", p->slug,
             T(r, "klarsprak.post_send"));
    html_raw(r, "</section>\n");
}

enum db_rc ks_tell_reviewers(req *r, int64_t except, const char *subject, const char *text,
                             const char *link)
{
    struct user *list = NULL;
    size_t n = 0;
    enum db_rc rc = store_users_with_role(r->db, r->a, ROLE_KLARSPRAK, &list, &n);
    for (size_t i = 0; i < n && rc == DB_OK; i++)
        if (list[i].id != except) rc = notify_user(r, list[i].id, subject, text, link);
    return rc;
}

const char *ks_kind_label(req *r, const char *kind)
{
    int k = review_kind_from_name(kind);
    return T(r, arena_printf(r->a, "klarsprak.kind.%s", review_kind_name(k < 0 ? RK_FRITEXT : (enum review_kind)k)));
}

const char *ks_verdict_label(req *r, const char *verdict)
{
    int v = review_verdict_from_name(verdict);
    enum review_verdict k = v < 0 ? RV_SKRIV_OM : (enum review_verdict)v;
    return T(r, arena_printf(r->a, "klarsprak.verdict.%s", review_verdict_name(k)));
}
