/* /sok: site-wide search (issue 10).  One GET form, facets as links with
 * their counts, paging as links: nothing needs JavaScript.  What is
 * searched and how is store/search.c; this page writes the hits, a
 * snippet with the matched words in <mark> (the text escaped), "Menade
 * du …?" and the folded fallback's note. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/swedish.h"
#include "store/store.h"
#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/fragments.h"
#include "web/pages.h"

#define PER_PAGE 10
#define MAX_QUERY 1000

static const struct {
    const char *kind, *key;
} kinds[] = {
    {"utbud", "search.kind.utbud"},
    {"organisation", "search.kind.organisation"},
    {"inlagg", "search.kind.inlagg"},
    {"ide", "search.kind.ide"},
    {"aktivitet", "search.kind.aktivitet"},
    {"protokoll", "search.kind.protokoll"},
    {"evenemang", "search.kind.evenemang"},
    {"utmaning", "search.kind.utmaning"},
};

static const char *kind_label(req *r, const char *kind)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kinds[i].kind, kind) == 0) return T(r, kinds[i].key);
    return kind;
}

/* The facets, in the order shown, with the query parameter of each. */
static const struct {
    const char *name, *param, *key;
} facet_names[] = {
    {"kind", "typ", "search.facet.kind"},
    {"org", "org", "search.facet.org"},
    {"grupp", "grupp", "search.facet.group"},
    {"kostnad", "kostnad", "search.facet.cost"},
    {"omrade", "omrade", "search.facet.area"},
};
#define NFACETS (sizeof facet_names / sizeof facet_names[0])

static const char *value_label(req *r, size_t facet, const char *value)
{
    if (facet == 0) return kind_label(r, value);
    if (facet == 3) {
        if (strcmp(value, "gratis") == 0) return T(r, "search.cost.gratis");
        if (strcmp(value, "avgift") == 0) return T(r, "search.cost.avgift");
    }
    return value;
}

struct state {
    const char *q;
    const char *filter[NFACETS];
    int64_t page;
};

/* /sok?q=…&<filters>, with facet `change` set to `value` (NULL: removed;
 * change = NFACETS: none changed) and page (0: first). */
static const char *link(req *r, const struct state *s, size_t change, const char *value, int64_t page)
{
    buf b = {0};
    buf_puts(&b, "/sok?q=");
    buf_puts(&b, url_encode(r->a, s->q));
    for (size_t i = 0; i < NFACETS; i++) {
        const char *v = i == change ? value : s->filter[i];
        if (!v || !*v) continue;
        buf_printf(&b, "&%s=%s", facet_names[i].param, url_encode(r->a, v));
    }
    if (page > 1) buf_printf(&b, "&sida=%lld", (long long)page);
    const char *out = arena_strdup(r->a, buf_cstr(&b));
    buf_free(&b);
    return out;
}

struct mark_ctx {
    const struct search_result *res;
    size_t (*ranges)[2];
    size_t n, cap;
    arena *a;
};

static bool stem_matches(const struct search_result *res, const char *w, size_t wlen)
{
    char stem[SV_WORD_MAX + 8];
    sv_stem(w, wlen, stem, sizeof stem);
    for (size_t i = 0; i < res->nstems; i++)
        if (strcmp(res->stems[i], stem) == 0) return true;
    return false;
}

static bool find_marks(void *ctx, const char *w, size_t wlen, size_t start, size_t end)
{
    struct mark_ctx *m = ctx;
    if (!stem_matches(m->res, w, wlen)) return true;
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 16;
        size_t (*grown)[2] = arena_alloc(m->a, cap * sizeof *grown);
        if (m->n) memcpy(grown, m->ranges, m->n * sizeof *grown);
        m->ranges = grown;
        m->cap = cap;
    }
    m->ranges[m->n][0] = start;
    m->ranges[m->n][1] = end;
    m->n++;
    return m->n < 200;
}

/* Writes text[from, to) escaped, the matched words in <mark>. */
static void write_marked(req *r, const struct search_result *res, const char *text, size_t from,
                         size_t to)
{
    struct mark_ctx m = {res, NULL, 0, 0, r->a};
    sv_words(text + from, to - from, find_marks, &m);
    size_t at = from;
    for (size_t i = 0; i < m.n; i++) {
        size_t s = from + m.ranges[i][0], e = from + m.ranges[i][1];
        html(r, "%s", arena_strndup(r->a, text + at, s - at));
        html(r, "<mark>%s</mark>", arena_strndup(r->a, text + s, e - s));
        at = e;
    }
    html(r, "%s", arena_strndup(r->a, text + at, to - at));
}

struct first_ctx {
    const struct search_result *res;
    size_t first, words_before;
    size_t count;
    bool found;
    size_t starts[16]; /* ring of the last word starts, to begin a few words before the hit */
};

static bool find_first(void *ctx, const char *w, size_t wlen, size_t start, size_t end)
{
    (void)end;
    struct first_ctx *f = ctx;
    f->starts[f->count % 16] = start;
    f->count++;
    if (stem_matches(f->res, w, wlen)) {
        size_t back = f->count > 8 ? 8 : f->count - 1;
        f->first = f->starts[(f->count - 1 - back) % 16];
        f->words_before = back;
        f->found = true;
        return false;
    }
    return true;
}

/* About 30 words of the body around its first hit (or its beginning),
 * cut at character boundaries. */
static void snippet(req *r, const struct search_result *res, const char *body)
{
    size_t len = strlen(body);
    struct first_ctx f = {.res = res};
    sv_words(body, len, find_first, &f);
    size_t from = f.found ? f.first : 0;
    size_t to = from, chars = 0;
    while (to < len && chars < 220) {
        to++;
        while (to < len && ((unsigned char)body[to] & 0xC0) == 0x80) to++;
        chars++;
    }
    html_raw(r, "<p class=\"snippet\">");
    if (from > 0) html_raw(r, "… ");
    write_marked(r, res, body, from, to);
    if (to < len) html_raw(r, " …");
    html_raw(r, "</p>\n");
}

static void search_form(req *r, const char *q)
{
    html(r, "<form method=\"get\" action=\"/sok\" class=\"search-form\">\n"
            "<label for=\"sok-q\">%s</label>\n<div class=\"search-row\">"
            "<input type=\"search\" id=\"sok-q\" name=\"q\" maxlength=\"%d\" value=\"%s\">\n"
            "<button type=\"submit\">%s</button></div>\n</form>\n",
         T(r, "search.label"), MAX_QUERY, q ? q : "", T(r, "search.button"));
}

static void facets(req *r, const struct state *s, const struct search_result *res)
{
    html(r, "<nav class=\"facets\" aria-labelledby=\"filter-rubrik\">\n<h2 id=\"filter-rubrik\">%s</h2>\n",
         T(r, "search.filters"));
    for (size_t k = 0; k < NFACETS; k++) {
        bool any = false;
        for (size_t i = 0; i < res->nfacets; i++) {
            if (strcmp(res->facets[i].name, facet_names[k].name) != 0) continue;
            if (!any) html(r, "<h3>%s</h3>\n<ul>\n", T(r, facet_names[k].key));
            any = true;
            const char *v = res->facets[i].value;
            bool on = s->filter[k] && strcmp(s->filter[k], v) == 0;
            if (on)
                html(r, "<li><a href=\"%s\" aria-current=\"true\"><strong>%s</strong> (%lld)</a> · "
                        "<a href=\"%s\">%s<span class=\"visually-hidden\"> %s</span></a></li>\n",
                     link(r, s, k, v, 0), value_label(r, k, v), (long long)res->facets[i].n,
                     link(r, s, k, NULL, 0), T(r, "search.remove"), value_label(r, k, v));
            else
                html(r, "<li><a href=\"%s\">%s (%lld)</a></li>\n", link(r, s, k, v, 0),
                     value_label(r, k, v), (long long)res->facets[i].n);
        }
        if (any) html_raw(r, "</ul>\n");
    }
    html_raw(r, "</nav>\n");
}

static void pager(req *r, const struct state *s, int64_t total)
{
    int64_t pages = (total + PER_PAGE - 1) / PER_PAGE;
    if (pages <= 1) return;
    html(r, "<nav class=\"pager\" aria-label=\"%s\">\n<ul>\n", T(r, "pager.label"));
    if (s->page > 1)
        html(r, "<li><a href=\"%s\" rel=\"prev\">%s</a></li>\n", link(r, s, NFACETS, NULL, s->page - 1),
             T(r, "pager.prev"));
    html(r, "<li>%s %lld %s %lld</li>\n", T(r, "pager.page"), (long long)s->page, T(r, "pager.of"),
         (long long)pages);
    if (s->page < pages)
        html(r, "<li><a href=\"%s\" rel=\"next\">%s</a></li>\n", link(r, s, NFACETS, NULL, s->page + 1),
             T(r, "pager.next"));
    html_raw(r, "</ul>\n</nav>\n");
}

static void hits(req *r, const struct state *s, const struct search_result *res)
{
    html_raw(r, "<ol class=\"hits\">\n");
    for (size_t i = 0; i < res->n; i++) {
        const struct search_hit *h = &res->hits[i];
        html(r, "<li class=\"hit\">\n<h3><a href=\"%s\">", h->url);
        write_marked(r, res, h->title, 0, strlen(h->title));
        html(r, "</a></h3>\n<p class=\"meta\">%s · %s</p>\n", kind_label(r, h->kind),
             fmt_date(r->a, r->lang, h->updated_at));
        snippet(r, res, h->body);
        html_raw(r, "</li>\n");
    }
    html_raw(r, "</ol>\n");
    pager(r, s, res->total);
}

static void h_search(req *r)
{
    struct state s = {0};
    const char *page_s = NULL;
    if (!query_text(r, "q", MAX_QUERY, &s.q))
        return page_message(r, 400, "error.400.title", "search.err.query");
    for (size_t k = 0; k < NFACETS; k++)
        if (!query_text(r, facet_names[k].param, 200, &s.filter[k]))
            return page_message(r, 400, "error.400.title", "search.err.filter");
    if (!query_text(r, "sida", 12, &page_s)) return page_message(r, 400, "error.400.title", "search.err.page");
    s.page = 1;
    if (page_s && *page_s && (!parse_i64(page_s, &s.page) || s.page < 1 || s.page > 100000))
        return page_message(r, 400, "error.400.title", "search.err.page");
    if (!s.q) s.q = "";

    struct search_result res = {0};
    bool searched = false;
    if (*s.q) {
        struct search_filter f = {s.filter[0], s.filter[1], s.filter[2], s.filter[3], s.filter[4]};
        if (store_search(r->db, r->a, s.q, &f, (s.page - 1) * PER_PAGE, PER_PAGE, r->now, &res) != DB_OK)
            return page_fail(r, "search");
        searched = res.status == SEARCH_OK;
    }
    r->sheet = "search";
    page_begin(r, *s.q ? arena_printf(r->a, "%s: %s", T(r, "search.title"), s.q) : T(r, "search.title"));
    html(r, "<h1>%s</h1>\n", T(r, "search.title"));
    search_form(r, s.q);
    if (!*s.q) {
        html(r, "<p>%s</p>\n", T(r, "search.intro"));
        return page_end(r);
    }
    if (!searched) {
        html(r, "<p class=\"count\" role=\"status\">%s</p>\n", T(r, "search.no_words"));
        return page_end(r);
    }
    if (res.words_cut)
        html(r, "<p class=\"note\">%s %d %s</p>\n", T(r, "search.cut_before"), SEARCH_MAX_WORDS,
             T(r, "search.cut_after"));
    if (res.suggestion) {
        struct state fixed = s;
        fixed.q = res.suggestion;
        html(r, "<p class=\"suggestion\">%s ”%s”. %s <a href=\"%s\">%s</a>?</p>\n",
             T(r, "search.none_for"), s.q, T(r, "search.did_you_mean"),
             link(r, &fixed, NFACETS, NULL, 0), res.suggestion);
    } else if (res.folded) {
        html(r, "<p class=\"note\">%s</p>\n", T(r, "search.folded"));
    }
    const char *shown = res.suggestion ? res.suggestion : s.q;
    if (!res.total) {
        html(r, "<p class=\"count\" role=\"status\">%s ”%s”.</p>\n", T(r, "search.none_for"), shown);
        bool filtered = false;
        for (size_t k = 0; k < NFACETS; k++) filtered |= s.filter[k] && *s.filter[k];
        if (filtered) {
            struct state all = s;
            for (size_t k = 0; k < NFACETS; k++) all.filter[k] = NULL;
            html(r, "<p><a href=\"%s\">%s</a></p>\n", link(r, &all, NFACETS, NULL, 0),
                 T(r, "search.without_filters"));
        }
        return page_end(r);
    }
    /* The rest is the same for the same result (the index's version, the
     * query, filters and page) and language: rendered once (the snippets'
     * stemming is most of a search page's time), then copied. */
    const char *key = NULL;
    if (res.version) {
        buf kb = {0};
        buf_printf(&kb, "sok/%s/%lld/%lld/%zu:%s/%zu:%s", lang_code(r->lang), (long long)res.version,
                   (long long)(r->now / 600), strlen(s.q), s.q, strlen(shown), shown);
        for (size_t k = 0; k < NFACETS; k++)
            buf_printf(&kb, "/%zu:%s", s.filter[k] ? strlen(s.filter[k]) : 0, s.filter[k] ? s.filter[k] : "");
        buf_printf(&kb, "/%lld", (long long)s.page);
        key = arena_strdup(r->a, buf_cstr(&kb));
        buf_free(&kb);
        const char *cached = fragment_get(r->a, key);
        if (cached) {
            html_raw(r, cached);
            return page_end(r);
        }
    }
    size_t from = r->body.len;
    if (res.capped)
        html(r, "<p class=\"count\" role=\"status\">%s %s %s ”%s”</p>\n<p class=\"note\">%s</p>\n",
             T(r, "search.more_than"), fmt_int(r->a, SEARCH_CAP), T(r, "search.capped_for"), shown,
             T(r, "search.capped_note"));
    else
        html(r, "<p class=\"count\" role=\"status\">%lld %s ”%s”</p>\n", (long long)res.total,
             T(r, res.total == 1 ? "search.hit_for" : "search.hits_for"), shown);
    /* the hits first, the filters after them (beside them on a wide
     * screen); on a phone a link leads past the hits to the filters */
    html(r, "<p class=\"to-filters\"><a href=\"#filter-rubrik\">%s</a></p>\n", T(r, "search.to_filters"));
    html_raw(r, "<div class=\"search-layout\">\n");
    html(r, "<section class=\"results\" aria-labelledby=\"traffar\">\n<h2 id=\"traffar\">%s</h2>\n",
         T(r, "search.results"));
    if (!res.n)
        html(r, "<p>%s <a href=\"%s\">%s</a></p>\n", T(r, "search.past_end"),
             link(r, &s, NFACETS, NULL, 0), T(r, "search.first_page"));
    else
        hits(r, &s, &res);
    html_raw(r, "</section>\n");
    facets(r, &s, &res);
    html_raw(r, "</div>\n");
    if (key) fragment_put(key, r->body.data + from, r->body.len - from);
    page_end(r);
}

const struct route search_page_routes[] = {
    {M_GET, "/sok", h_search, 0},
    {0, NULL, NULL, 0},
};
