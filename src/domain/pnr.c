#include "domain/pnr.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

bool pnr_luhn_ok(const char d[10])
{
    int sum = 0;
    for (int i = 0; i < 10; i++) {
        int v = d[i] - '0';
        if (i % 2 == 0) {
            v *= 2;
            if (v > 9) v -= 9;
        }
        sum += v;
    }
    return sum % 10 == 0;
}

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* A real calendar date in year `year` (day + 60 for samordningsnummer). */
static bool date_ok(const char *d /* YYMMDD */, int year)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int mm = (d[2] - '0') * 10 + (d[3] - '0');
    int dd = (d[4] - '0') * 10 + (d[5] - '0');
    if (dd > 60) dd -= 60; /* samordningsnummer */
    if (mm < 1 || mm > 12 || dd < 1) return false;
    return dd <= days[mm - 1] + (mm == 2 && leap(year));
}

/* With a century the year is known; without, either of the two centuries
 * the number could mean ('+' marks people over 100). */
static bool any_date_ok(const char *d, int century, char sep)
{
    int yy = (d[0] - '0') * 10 + (d[1] - '0');
    if (century >= 0) return date_ok(d, century * 100 + yy);
    if (sep == '+') return date_ok(d, 1800 + yy) || date_ok(d, 1900 + yy);
    return date_ok(d, 1900 + yy) || date_ok(d, 2000 + yy);
}


/* ---- the reader's view: one byte per character a reader sees ---- */

/* The zero of every run of Unicode decimal digits (Nd, Unicode 14): each
 * run is ten consecutive code points, zero to nine. */
static const uint32_t nd_zero[] = {
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
    0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0,
    0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0,
    0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
};

/* Dashes (Unicode Pd, and the minus signs): read as '-'. */
static const uint32_t dashes[] = {
    0x2D, 0x2D7, 0x58A, 0x5BE, 0x1400, 0x1806, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015,
    0x2043, 0x207B, 0x208B, 0x2212, 0x2796, 0x2E17, 0x2E1A, 0x2E3A, 0x2E3B, 0x2E40, 0x2E5D,
    0x301C, 0x3030, 0x30A0, 0xFE31, 0xFE32, 0xFE58, 0xFE63, 0xFF0D, 0x10EAD,
};

enum cls { C_OTHER, C_DIGIT, C_DASH, C_PLUS, C_SPACE, C_NEWLINE, C_IGNORE };

/* Default_Ignorable_Code_Point (DerivedCoreProperties.txt) and the common
 * blocks of combining marks: nothing a reader sees between two digits. */
static bool invisible(uint32_t c)
{
    return c == 0xAD || c == 0x34F || c == 0x61C || (c >= 0x115F && c <= 0x1160) ||
           (c >= 0x17B4 && c <= 0x17B5) || (c >= 0x180B && c <= 0x180F) ||
           (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2060 && c <= 0x206F) || c == 0x3164 || (c >= 0xFE00 && c <= 0xFE0F) ||
           c == 0xFEFF || c == 0xFFA0 || (c >= 0xFFF0 && c <= 0xFFF8) ||
           (c >= 0x1BCA0 && c <= 0x1BCA3) || (c >= 0x1D173 && c <= 0x1D17A) ||
           (c >= 0xE0000 && c <= 0xE0FFF) ||
           /* combining marks: diacritics, enclosing keycap (1️⃣), … */
           (c >= 0x300 && c <= 0x36F) || (c >= 0x483 && c <= 0x489) ||
           (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
           (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F);
}

static enum cls classify(uint32_t c, char *digit)
{
    if (c < 0x80) {
        if (c >= '0' && c <= '9') {
            *digit = (char)c;
            return C_DIGIT;
        }
        if (c == '-') return C_DASH;
        if (c == '+') return C_PLUS;
        if (c == ' ' || c == '\t' || c == '\v' || c == '\f') return C_SPACE;
        if (c == '\n' || c == '\r') return C_NEWLINE;
        return C_OTHER;
    }
    for (size_t k = 0; k < sizeof nd_zero / sizeof *nd_zero; k++)
        if (c >= nd_zero[k] && c < nd_zero[k] + 10) {
            *digit = (char)('0' + (c - nd_zero[k]));
            return C_DIGIT;
        }
    /* compatibility digits (NFKC folds them to ASCII digits) */
    static const uint32_t compat[][2] = {{0xB9, 1}, {0xB2, 2}, {0xB3, 3}, {0x2070, 0}, {0x24EA, 0}};
    for (size_t k = 0; k < sizeof compat / sizeof *compat; k++)
        if (c == compat[k][0]) {
            *digit = (char)('0' + compat[k][1]);
            return C_DIGIT;
        }
    if ((c >= 0x2074 && c <= 0x2079) || (c >= 0x2080 && c <= 0x2089) || (c >= 0x2460 && c <= 0x2468)) {
        uint32_t base = c >= 0x2460 ? 0x2460 - 1 : c >= 0x2080 ? 0x2080 : 0x2070;
        *digit = (char)('0' + (c - base));
        return C_DIGIT;
    }
    for (size_t k = 0; k < sizeof dashes / sizeof *dashes; k++)
        if (c == dashes[k]) return C_DASH;
    if (c == 0xFF0B || c == 0xFE62 || c == 0x207A || c == 0x208A || c == 0x2795) return C_PLUS;
    /* Unicode Zs */
    if (c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
        c == 0x3000)
        return C_SPACE;
    if (c == 0x85 || c == 0x2028 || c == 0x2029) return C_NEWLINE;
    if (invisible(c)) return C_IGNORE;
    return C_OTHER;
}

/* One UTF-8 character at s (n > 0 bytes left); *len its length.  An
 * invalid byte is U+FFFD of length 1. */
static uint32_t utf8_next(const unsigned char *s, size_t n, size_t *len)
{
    uint32_t c = s[0];
    size_t k = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c < 0xF5 ? 4 : 0;
    *len = 1;
    if (k == 1) return c;
    if (k == 0 || k > n) return 0xFFFD;
    c &= 0x3F >> (k - 1);
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0xFFFD;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if ((k == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) || (k == 4 && (c < 0x10000 || c > 0x10FFFF)))
        return 0xFFFD;
    *len = k;
    return c;
}

/* Named character references whose character matters here (HTML 5). */
static const struct { const char *name; uint32_t c; } named[] = {
    {"nbsp", 0xA0}, {"NonBreakingSpace", 0xA0}, {"ensp", 0x2002}, {"emsp", 0x2003},
    {"emsp13", 0x2004}, {"emsp14", 0x2005}, {"numsp", 0x2007}, {"puncsp", 0x2008},
    {"thinsp", 0x2009}, {"ThinSpace", 0x2009}, {"hairsp", 0x200A}, {"VeryThinSpace", 0x200A},
    {"MediumSpace", 0x205F}, {"Tab", 0x9}, {"NewLine", 0xA}, {"shy", 0xAD},
    {"ZeroWidthSpace", 0x200B}, {"NegativeVeryThinSpace", 0x200B}, {"NegativeThinSpace", 0x200B},
    {"NegativeMediumSpace", 0x200B}, {"NegativeThickSpace", 0x200B}, {"zwnj", 0x200C},
    {"zwj", 0x200D}, {"lrm", 0x200E}, {"rlm", 0x200F}, {"NoBreak", 0x2060}, {"af", 0x2061},
    {"ApplyFunction", 0x2061}, {"it", 0x2062}, {"InvisibleTimes", 0x2062}, {"ic", 0x2063},
    {"InvisibleComma", 0x2063}, {"hyphen", 0x2010}, {"dash", 0x2010}, {"ndash", 0x2013},
    {"mdash", 0x2014}, {"horbar", 0x2015}, {"minus", 0x2212}, {"plus", 0x2B}, {"sup1", 0xB9},
    {"sup2", 0xB2}, {"sup3", 0xB3}, {"amp", 0x26},
};

/* A character reference at s ('&'): its character and length, or 0. */
static size_t entity(const char *s, size_t n, uint32_t *c)
{
    size_t i = 1;
    if (n > 2 && s[1] == '#') {
        bool hex = s[2] == 'x' || s[2] == 'X';
        i = hex ? 3 : 2;
        uint32_t v = 0;
        size_t d = 0;
        for (; i < n && d < (hex ? 6u : 7u); i++, d++) {
            char ch = s[i];
            int x = ch >= '0' && ch <= '9' ? ch - '0'
                  : hex && ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                  : hex && ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
            if (x < 0) break;
            v = v * (hex ? 16 : 10) + (uint32_t)x;
        }
        if (d == 0 || i >= n || s[i] != ';') return 0;
        *c = v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ? 0xFFFD : v;
        return i + 1;
    }
    while (i < n && i < 34 && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                               (s[i] >= '0' && s[i] <= '9')))
        i++;
    if (i == 1 || i >= n || s[i] != ';') return 0;
    for (size_t k = 0; k < sizeof named / sizeof *named; k++)
        if (strlen(named[k].name) == i - 1 && memcmp(named[k].name, s + 1, i - 1) == 0) {
            *c = named[k].c;
            return i + 1;
        }
    return 0;
}

/* The reader's view of text: v[j] is '0'-'9' for a digit, '-', '+' or
 * ' ' for a run of separators (the strongest of them: '+' over '-' over
 * ' '), '\n' for a run holding a blank line, 'x' for anything else; the
 * character came from bytes [from[j], to[j]) of text. */
struct view {
    char *v;
    size_t *from, *to;
    size_t n;
};

static void view_build(const char *text, struct view *w, bool decode)
{
    size_t n = strlen(text);
    w->v = malloc(n + 1);
    w->from = malloc((n + 1) * sizeof *w->from);
    w->to = malloc((n + 1) * sizeof *w->to);
    w->n = 0;
    if (!w->v || !w->from || !w->to) abort(); /* as the x* allocators do */
    int newlines = 0; /* in the current run of separators */
    for (size_t i = 0; i < n;) {
        uint32_t c;
        size_t len = 0;
        if (decode && text[i] == '&') len = entity(text + i, n - i, &c);
        if (!len) c = utf8_next((const unsigned char *)text + i, n - i, &len);
        char d = 0;
        enum cls k = classify(c, &d);
        size_t at = i;
        i += len;
        if (k == C_IGNORE) continue;
        char ch = k == C_DIGIT ? d : k == C_DASH ? '-' : k == C_PLUS ? '+' : k == C_OTHER ? 'x' : ' ';
        bool sep = k == C_DASH || k == C_PLUS || k == C_SPACE || k == C_NEWLINE;
        char *last = w->n ? &w->v[w->n - 1] : NULL;
        if (sep && last && (*last == '-' || *last == '+' || *last == ' ' || *last == '\n')) {
            newlines += k == C_NEWLINE;
            if (*last != '\n') {
                if (newlines >= 2) *last = '\n';
                else if (ch == '+' || (ch == '-' && *last == ' ')) *last = ch;
            }
            w->to[w->n - 1] = i;
            continue;
        }
        newlines = k == C_NEWLINE;
        w->v[w->n] = ch;
        w->from[w->n] = at;
        w->to[w->n] = i;
        w->n++;
    }
    w->v[w->n] = '\0';
}

static void view_free(struct view *w)
{
    free(w->v);
    free(w->from);
    free(w->to);
}

/* Tries to read a number at s; returns its length or 0. */
static size_t match_at(const char *s, size_t avail)
{
    char digits[10];
    size_t i = 0;
    size_t lead = 0;
    /* optional century */
    if (avail >= 12 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]) &&
        is_digit(s[4]) && is_digit(s[5]) && is_digit(s[6]) && is_digit(s[7]) &&
        ((s[0] == '1' && s[1] == '9') || (s[0] == '2' && s[1] == '0')))
        lead = 2;
    for (int pass = 0; pass < 2; pass++) {
        size_t skip = pass == 0 ? lead : 0;
        if (pass == 1 && lead == 0) break;
        i = skip;
        size_t n = 0;
        while (n < 6 && i < avail && is_digit(s[i])) digits[n++] = s[i++];
        if (n != 6) continue;
        char sep = 0;
        if (i < avail && (s[i] == '-' || s[i] == '+' || s[i] == ' ')) sep = s[i++];
        while (n < 10 && i < avail && is_digit(s[i])) digits[n++] = s[i++];
        if (n != 10) continue;
        if (i < avail && is_digit(s[i])) continue; /* part of a longer number */
        int century = skip ? (s[0] - '0') * 10 + (s[1] - '0') : -1;
        if (any_date_ok(digits, century, sep) && pnr_luhn_ok(digits)) return i;
    }
    return 0;
}

/* The first number in the view of text with (or without) references
 * decoded. */
static bool find_in_view(const char *text, bool decode, struct pnr_span *at)
{
    struct view w;
    bool found = false;
    view_build(text, &w, decode);
    for (size_t i = 0; i < w.n; i++) {
        if (!is_digit(w.v[i])) continue;
        if (i > 0 && is_digit(w.v[i - 1])) continue; /* start of a digit run only */
        size_t len = match_at(w.v + i, w.n - i);
        if (len) {
            if (at) *at = (struct pnr_span){w.from[i], w.to[i + len - 1]};
            found = true;
            break;
        }
    }
    view_free(&w);
    return found;
}

/* Both readings: a reader of the HTML page sees "&#8203;" in a code span
 * or in a plain-text field as written, a feed reader or mail client may
 * decode it; decoding can also join digits into a longer run that hides
 * a number the other reading shows. */
bool pnr_find(const char *text, struct pnr_span *at)
{
    return find_in_view(text, true, at) || (strchr(text, '&') && find_in_view(text, false, at));
}

bool text_has_pnr(const char *text)
{
    return pnr_find(text, NULL);
}

char *pnr_passage(const char *text, struct pnr_span at, char *out, size_t cap)
{
    size_t o = 0;
    if (cap == 0) return out;
    for (size_t i = at.start; i < at.end && text[i];) {
        size_t len;
        uint32_t c = utf8_next((const unsigned char *)text + i, at.end - i, &len);
        char tmp[16];
        char d;
        const char *piece = text + i;
        size_t plen = len;
        if (c == 0xFFFD && len == 1) piece = "\xEF\xBF\xBD", plen = 3;
        else if (classify(c, &d) == C_IGNORE || c == '\t' || c == '\n' || c == '\r') {
            plen = (size_t)snprintf(tmp, sizeof tmp, "[U+%04X]", (unsigned)c);
            piece = tmp;
        }
        if (o + plen + 4 > cap) { /* room for "…" and the NUL */
            if (o + 4 <= cap) memcpy(out + o, "\xE2\x80\xA6", 3), o += 3;
            break;
        }
        memcpy(out + o, piece, plen);
        o += plen;
        i += len;
    }
    out[o] = '\0';
    return out;
}
