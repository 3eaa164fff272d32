/* markdown_to_html and markdown_summary (src/domain/post.c over cmark):
 * post bodies written by communicators and rendered into public pages with
 * html_buf_raw, i.e. without further escaping.
 *
 * Input: byte 0 is the summary length (0..255 characters), the rest is the
 * Markdown.  Every tag in the HTML is parsed (text never holds a raw '<',
 * since cmark escapes it) and checked:
 *   - no <script (any case) anywhere; only the tags cmark's own renderer
 *     writes (p, a, img, em, strong, code, pre, blockquote, ul, ol, li,
 *     h1-h6, hr, br) and the "raw HTML omitted" comment, nothing else;
 *   - attributes only href, src, alt, title, class, start, each quoted with
 *     '"' and none named on...; no raw '<' inside a tag;
 *   - href and src, with character references decoded, ASCII whitespace and
 *     controls dropped as a browser does and lower-cased, do not start with
 *     javascript:, vbscript: or file:, nor data: unless data:image/png, gif,
 *     jpeg or webp (cmark's own allow-list);
 *   - the HTML is valid UTF-8 when the input is (cmark passes invalid
 *     bytes through unless given CMARK_OPT_VALIDATE_UTF8; form_text
 *     refuses invalid UTF-8 before it gets here);
 *   - the summary is at most max characters (+ "…"), valid UTF-8 when the
 *     input is.
 * For input that form_text lets through (valid UTF-8, no control
 * characters but tab and newlines) also:
 *   - the HTML and the summary are valid UTF-8 and hold only characters
 *     that XML 1.0 allows (they go into the Atom feed and into PostgreSQL
 *     text columns);
 *   - when text_has_pnr finds no personal identity number in the Markdown
 *     (the check posts.c makes), none shows in the summary (the page's
 *     visible text is fuzz_pnr_reader.c's property). */
#include <ctype.h>
#include <strings.h>

#include "fuzz_common.h"
#include "domain/pnr.h"
#include "domain/post.h"
#include "util/text.h"
#include "view/markdown.h"

static const char *const tags[] = {"p", "a", "img", "em", "strong", "code", "pre", "blockquote",
                                   "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
                                   "br", NULL};
static const char *const attrs[] = {"href", "src", "alt", "title", "class", "start", NULL};

static bool in_list(const char *const *l, const char *s, size_t n)
{
    for (; *l; l++)
        if (strlen(*l) == n && memcmp(*l, s, n) == 0) return true;
    return false;
}

/* Decodes &amp; &quot; &lt; &gt; &#39; &#NN; &#xNN; (ASCII only) and drops
 * what a browser's URL parser strips or ignores, lower-casing the rest. */
static size_t url_as_browser_sees(const char *v, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = (unsigned char)v[i];
        if (c == '&') {
            const char *semi = memchr(v + i, ';', n - i);
            if (semi) {
                size_t el = (size_t)(semi - (v + i)) + 1;
                unsigned d = 0;
                if (el == 5 && memcmp(v + i, "&amp;", 5) == 0) d = '&';
                else if (el == 4 && memcmp(v + i, "&lt;", 4) == 0) d = '<';
                else if (el == 4 && memcmp(v + i, "&gt;", 4) == 0) d = '>';
                else if (el == 6 && memcmp(v + i, "&quot;", 6) == 0) d = '"';
                else if (el > 3 && v[i + 1] == '#')
                    d = (unsigned)strtoul(v + i + (v[i + 2] == 'x' || v[i + 2] == 'X' ? 3 : 2),
                                         NULL, v[i + 2] == 'x' || v[i + 2] == 'X' ? 16 : 10);
                if (d) {
                    c = d;
                    i += el - 1;
                }
            }
        }
        if (c <= 0x20 || c == 0x7F) continue; /* stripped or ignored by URL parsing */
        out[o++] = (char)tolower((int)c);
    }
    out[o] = '\0';
    return o;
}

static void check_url(const char *html, const char *v, size_t n)
{
    char *u = malloc(n + 1);
    url_as_browser_sees(v, n, u);
    static const char *const bad[] = {"javascript:", "vbscript:", "file:", NULL};
    for (int k = 0; bad[k]; k++)
        FUZZ_CHECK(strncmp(u, bad[k], strlen(bad[k])) != 0, "dangerous URL \"%s\" in: %s", u, html);
    if (strncmp(u, "data:", 5) == 0)
        FUZZ_CHECK(strncmp(u, "data:image/png", 14) == 0 || strncmp(u, "data:image/gif", 14) == 0 ||
                       strncmp(u, "data:image/jpeg", 15) == 0 ||
                       strncmp(u, "data:image/webp", 15) == 0,
                   "data: URL \"%s\" in: %s", u, html);
    free(u);
}

/* True when s[0..n) is UTF-8 of XML 1.0 Chars only: tab, LF, CR,
 * U+0020-U+D7FF, U+E000-U+FFFD, U+10000-U+10FFFF. */
static bool xml_chars_ok(const char *str, size_t n)
{
    if (!fuzz_utf8_ok(str, n)) return false;
    const unsigned char *s = (const unsigned char *)str;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') return false;
        if (s[i] == 0xEF && s[i + 1] == 0xBF && (s[i + 2] == 0xBE || s[i + 2] == 0xBF))
            return false; /* U+FFFE, U+FFFF */
    }
    return true;
}

static void check_html(const char *h, bool valid_in)
{
    size_t n = strlen(h);
    if (valid_in) FUZZ_CHECK(fuzz_utf8_ok(h, n), "HTML output is not valid UTF-8");
    for (size_t i = 0; i + 7 <= n; i++)
        FUZZ_CHECK(strncasecmp(h + i, "<script", 7) != 0, "<script in: %s", h);
    for (size_t i = 0; i < n; i++) {
        if (h[i] == '>') continue; /* checked below as part of a tag; text has &gt; */
        if (h[i] != '<') continue;
        if (strncmp(h + i, "<!-- raw HTML omitted -->", 25) == 0) {
            i += 24;
            continue;
        }
        size_t p = i + 1;
        if (h[p] == '/') p++;
        size_t ns = p;
        while (p < n && isalnum((unsigned char)h[p])) p++;
        FUZZ_CHECK(in_list(tags, h + ns, p - ns), "unexpected tag \"%.20s\" in: %s", h + i, h);
        for (;;) {
            while (h[p] == ' ') p++;
            if (h[p] == '>') break;
            if (h[p] == '/' && h[p + 1] == '>') {
                p++;
                break;
            }
            size_t as = p;
            while (p < n && (islower((unsigned char)h[p]) || h[p] == '-')) p++;
            size_t al = p - as;
            FUZZ_CHECK(al > 0, "junk inside a tag at \"%.20s\" in: %s", h + p, h);
            FUZZ_CHECK(!(al >= 2 && h[as] == 'o' && h[as + 1] == 'n'), "event attribute \"%.*s\" in: %s",
                       (int)al, h + as, h);
            FUZZ_CHECK(in_list(attrs, h + as, al), "unexpected attribute \"%.*s\" in: %s", (int)al,
                       h + as, h);
            FUZZ_CHECK(h[p] == '=' && h[p + 1] == '"', "unquoted attribute in: %s", h);
            p += 2;
            size_t vs = p;
            while (p < n && h[p] != '"') {
                FUZZ_CHECK(h[p] != '<', "'<' inside an attribute in: %s", h);
                p++;
            }
            FUZZ_CHECK(p < n, "unterminated attribute in: %s", h);
            if ((al == 4 && memcmp(h + as, "href", 4) == 0) || (al == 3 && memcmp(h + as, "src", 3) == 0))
                check_url(h, h + vs, p - vs);
            p++;
        }
        i = p;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    size_t max = data[0];
    char *md = fuzz_cstr(data + 1, size - 1);
    arena *a = arena_new();

    char *html = markdown_to_html(a, md);
    FUZZ_CHECK(html != NULL, "markdown_to_html returned NULL");
    bool valid = utf8_valid(md, strlen(md));
#ifdef FUZZ_IGNORE_KNOWN
    /* Bugs 2-5 of tests/fuzz/README.md: numeric character references, raw
     * U+FFFE/U+FFFF and Markdown syntax.  Only for exploring past them,
     * never in fuzz.sh. */
    bool known = strstr(md, "&#") || strstr(md, "\xef\xbf\xbe") || strstr(md, "\xef\xbf\xbf");
#else
    bool known = false;
#endif
    check_html(html, valid && !known);

    char *sum = markdown_summary(a, md, max);
    FUZZ_CHECK(sum != NULL, "markdown_summary returned NULL");
    size_t sn = strlen(sum);
    if (valid && !known) {
        FUZZ_CHECK(utf8_valid(sum, sn), "summary \"%s\" is not valid UTF-8", sum);
        size_t chars = utf8_len(sum);
        bool ell = sn >= 3 && memcmp(sum + sn - 3, "\xE2\x80\xA6", 3) == 0;
        FUZZ_CHECK(chars <= max + (ell ? 1 : 0), "summary of %zu characters > %zu: \"%s\"", chars, max,
                   sum);
    }

    if (valid && !known && !text_has_control(md, true)) {
        FUZZ_CHECK(xml_chars_ok(html, strlen(html)),
                   "HTML holds a character XML 1.0 forbids (or invalid UTF-8): %s", html);
        FUZZ_CHECK(xml_chars_ok(sum, sn), "summary holds a character XML 1.0 forbids: \"%s\"", sum);
#ifdef FUZZ_IGNORE_KNOWN
        if (0)
#endif
        /* the post form refuses text whose rendered reading holds a number
         * (src/web/posts.c checks markdown_plain), so only what passes
         * both checks must be clean on the page */
        /* (what the page shows is checked by fuzz_pnr_reader.c, against a
         * reader independent of pnr.c) */
        if (!text_has_pnr(md) && !text_has_pnr(markdown_plain(a, md)))
            FUZZ_CHECK(!text_has_pnr(sum), "no pnr in the Markdown, but the summary shows one: %s", sum);
    }
    arena_free(a);
    free(md);
    return 0;
}
