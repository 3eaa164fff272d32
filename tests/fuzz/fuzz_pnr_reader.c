/* The personal identity number guard against an independent reader
 * (issue 7, part 5): "if the text a reader sees contains a valid number,
 * it is refused".
 *
 * The input is what a person types into a field.  Two readers are built
 * here, without src/domain/pnr.c's folding:
 *   - a Markdown field (a post body): cmark renders it to HTML (as the page
 *     does), tags are dropped (a block ends with a blank line, an inline
 *     tag shows nothing, cmark's "raw HTML omitted" comment nothing), the
 *     references cmark writes are decoded;
 *   - a plain-text field (a title, a comment): the text itself with
 *     numeric and a few named character references decoded.
 * Each view is then folded as pnr.h promises a reader reads: Unicode
 * decimal and compatibility digits to ASCII, invisible characters dropped,
 * a run of dashes, plus signs and spaces (with at most one line break) to
 * one separator.  When the folded view holds [CC]YYMMDD[sep]NNNN with a
 * real date and a valid Luhn digit, the guard must refuse: text_has_pnr on
 * the text (plain), or on the Markdown or markdown_plain of it, as
 * src/web/posts.c checks. */
#include <ctype.h>

#include "fuzz_common.h"
#include "domain/pnr.h"
#include "view/markdown.h"
#include "pnr_ref.h"

/* ---- an independent UTF-8 reader ---- */
static size_t dec(const unsigned char *s, size_t n, uint32_t *c)
{
    if (s[0] < 0x80) { *c = s[0]; return 1; }
    size_t k = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (!k || k > n) { *c = 0xFFFD; return 1; }
    uint32_t v = s[0] & (0xFF >> (k + 1));
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80) { *c = 0xFFFD; return 1; }
        v = v << 6 | (s[i] & 0x3F);
    }
    *c = v;
    return k;
}

static size_t enc(uint32_t c, char *o)
{
    if (c < 0x80) { o[0] = (char)c; return 1; }
    if (c < 0x800) { o[0] = (char)(0xC0 | c >> 6); o[1] = (char)(0x80 | (c & 0x3F)); return 2; }
    if (c < 0x10000) {
        o[0] = (char)(0xE0 | c >> 12); o[1] = (char)(0x80 | (c >> 6 & 0x3F)); o[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | c >> 18); o[1] = (char)(0x80 | (c >> 12 & 0x3F));
    o[2] = (char)(0x80 | (c >> 6 & 0x3F)); o[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* Character references: &#N; &#xH; and a few names, into UTF-8. */
static char *decode_refs(const char *s)
{
    static const struct { const char *n; uint32_t c; } names[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''},
        {"&nbsp;", 0xA0}, {"&shy;", 0xAD}, {"&minus;", 0x2212}, {"&ndash;", 0x2013},
        {"&mdash;", 0x2014}, {"&zwj;", 0x200D}, {"&zwnj;", 0x200C}, {"&thinsp;", 0x2009},
        {"&ZeroWidthSpace;", 0x200B}, {"&hyphen;", 0x2010}, {"&NoBreak;", 0x2060},
    };
    size_t n = strlen(s), o = 0;
    char *out = malloc(n * 4 + 1);
    for (size_t i = 0; i < n;) {
        uint32_t c = 0;
        size_t used = 0;
        if (s[i] == '&' && s[i + 1] == '#') {
            bool hex = s[i + 2] == 'x' || s[i + 2] == 'X';
            size_t p = i + (hex ? 3 : 2), d = 0;
            uint64_t v = 0;
            while (isxdigit((unsigned char)s[p]) && (hex || isdigit((unsigned char)s[p])) && d < (hex ? 6u : 7u)) {
                v = v * (hex ? 16 : 10) + (uint64_t)(isdigit((unsigned char)s[p]) ? s[p] - '0' : (s[p] | 0x20) - 'a' + 10);
                p++, d++;
            }
            if (d && s[p] == ';') {
                c = v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ? 0xFFFD : (uint32_t)v;
                used = p + 1 - i;
            }
        } else if (s[i] == '&') {
            for (size_t k = 0; k < sizeof names / sizeof *names && !used; k++)
                if (strncmp(s + i, names[k].n, strlen(names[k].n)) == 0) {
                    c = names[k].c;
                    used = strlen(names[k].n);
                }
        }
        if (used) {
            o += enc(c, out + o);
            i += used;
        } else {
            out[o++] = s[i++];
        }
    }
    out[o] = '\0';
    return out;
}

/* The page's visible text: tags dropped, blocks apart, references decoded. */
static char *page_text(const char *h)
{
    size_t n = strlen(h), o = 0;
    char *out = malloc(2 * n + 1);
    static const char *const inl[] = {"a", "em", "strong", "code", "img", NULL};
    for (size_t i = 0; i < n; i++) {
        if (strncmp(h + i, "<!--", 4) == 0) {
            const char *e = strstr(h + i, "-->");
            if (!e) break;
            i = (size_t)(e - h) + 2;
        } else if (h[i] == '<') {
            const char *e = strchr(h + i, '>');
            if (!e) break;
            size_t p = i + 1 + (h[i + 1] == '/'), q = p;
            while (isalnum((unsigned char)h[q])) q++;
            bool inline_tag = false;
            for (int k = 0; inl[k]; k++)
                inline_tag |= strlen(inl[k]) == q - p && memcmp(inl[k], h + p, q - p) == 0;
            if (q - p == 2 && memcmp(h + p, "br", 2) == 0) out[o++] = '\n';
            else if (!inline_tag) out[o++] = '\n', out[o++] = '\n';
            i = (size_t)(e - h);
        } else {
            out[o++] = h[i];
        }
    }
    out[o] = '\0';
    char *d = decode_refs(out);
    free(out);
    return d;
}

/* ---- folding, as pnr.h describes a reader ---- */
static int digit_of(uint32_t c)
{
    static const uint32_t zero[] = {
        0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
        0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80,
        0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50,
        0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450,
        0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0,
        0x16A60, 0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140,
        0x1E2F0, 0x1E950, 0x1FBF0, 0x2070, 0x2080};
    for (size_t k = 0; k < sizeof zero / sizeof *zero; k++)
        if (c >= zero[k] && c <= zero[k] + 9 && !(zero[k] == 0x2070 && (c == 0x2071 || c == 0x2072 || c == 0x2073)))
            return (int)(c - zero[k]);
    switch (c) {
    case 0xB9: return 1;
    case 0xB2: return 2;
    case 0xB3: return 3;
    case 0x24EA: return 0;
    }
    if (c >= 0x2460 && c <= 0x2468) return (int)(c - 0x245F);
    return -1;
}

/* 'd' digit, '-' '+' ' ' '\n' separators, 0 invisible, 'x' other */
static char kind(uint32_t c)
{
    if (digit_of(c) >= 0) return 'd';
    if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029 || c == 0x85) return '\n';
    if (c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == 0xA0 || c == 0x1680 ||
        (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000)
        return ' ';
    if (c == '+' || c == 0xFF0B || c == 0xFE62 || c == 0x207A || c == 0x208A || c == 0x2795) return '+';
    static const uint32_t dash[] = {0x2D, 0x2D7, 0x58A, 0x5BE, 0x1400, 0x1806, 0x2010, 0x2011, 0x2012,
                                    0x2013, 0x2014, 0x2015, 0x2043, 0x207B, 0x208B, 0x2212, 0x2796,
                                    0x2E17, 0x2E1A, 0x2E3A, 0x2E3B, 0x2E40, 0x2E5D, 0x301C, 0x3030,
                                    0x30A0, 0xFE31, 0xFE32, 0xFE58, 0xFE63, 0xFF0D, 0x10EAD};
    for (size_t k = 0; k < sizeof dash / sizeof *dash; k++)
        if (c == dash[k]) return '-';
    static const uint32_t inv[][2] = {
        {0xAD, 0xAD}, {0x34F, 0x34F}, {0x61C, 0x61C}, {0x115F, 0x1160}, {0x17B4, 0x17B5},
        {0x180B, 0x180F}, {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x206F}, {0x3164, 0x3164},
        {0xFE00, 0xFE0F}, {0xFEFF, 0xFEFF}, {0xFFA0, 0xFFA0}, {0xFFF0, 0xFFF8}, {0x1BCA0, 0x1BCA3},
        {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF}, {0x300, 0x36F}, {0x483, 0x489}, {0x1AB0, 0x1AFF},
        {0x1DC0, 0x1DFF}, {0x20D0, 0x20FF}, {0xFE20, 0xFE2F}};
    for (size_t k = 0; k < sizeof inv / sizeof *inv; k++)
        if (c >= inv[k][0] && c <= inv[k][1]) return 0;
    return 'x';
}

/* The folded view: digits, one separator per run ('\n' for a blank line). */
static char *fold(const char *s)
{
    size_t n = strlen(s), o = 0;
    char *out = malloc(n + 1);
    for (size_t i = 0; i < n;) {
        uint32_t c;
        i += dec((const unsigned char *)s + i, n - i, &c);
        char k = kind(c);
        if (!k) continue;
        out[o++] = k == 'd' ? (char)('0' + digit_of(c)) : k;
    }
    out[o] = '\0';
    /* runs of separators: the strongest, a blank line breaks */
    char *folded = ref_collapse(out, o, "-+ \n");
    free(out);
    return folded;
}

static bool reader_sees_number(const char *view)
{
    char *f = fold(view);
    size_t n = strlen(f);
    bool found = ref_has_number(f, n, false);
    free(f);
    return found;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstr(data, size);
    /* form_text lets through valid UTF-8 without control characters */
    if (!fuzz_utf8_ok(text, strlen(text))) { free(text); return 0; }
    for (const char *p = text; *p; p++)
        if ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t') { free(text); return 0; }
    arena *a = arena_new();

    /* a plain-text field */
    char *plain_view = decode_refs(text);
    if (reader_sees_number(plain_view))
        FUZZ_CHECK(text_has_pnr(text), "plain text shows a number but is accepted: %s", text);
    free(plain_view);

    /* a Markdown field */
    char *html = markdown_to_html(a, text);
    char *page = page_text(html);
    if (reader_sees_number(page))
        FUZZ_CHECK(text_has_pnr(text) || text_has_pnr(markdown_plain(a, text)),
                   "the page shows a number but the Markdown is accepted: %s (page: %s)", text, page);
    free(page);

    arena_free(a);
    free(text);
    return 0;
}
