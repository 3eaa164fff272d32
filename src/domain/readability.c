/* Readability figures: see readability.h for the counting rules. */
#include "domain/readability.h"

#include <math.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* code points                                                         */

/* Decodes one code point at s[i] (i < n); returns its length.  A malformed
 * sequence is one byte of U+FFFD (a separator). */
static size_t decode(const unsigned char *s, size_t n, size_t i, uint32_t *cp)
{
    unsigned c = s[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if ((c & 0xE0) == 0xC0) len = 2, v = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0) len = 3, v = c & 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0) len = 4, v = c & 0x07, min = 0x10000;
    else goto bad;
    if (i + len > n) goto bad;
    for (size_t k = 1; k < len; k++) {
        if ((s[i + k] & 0xC0) != 0x80) goto bad;
        v = (v << 6) | (s[i + k] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) goto bad;
    *cp = v;
    return len;
bad:
    *cp = 0xFFFD;
    return 1;
}

static bool is_digit(uint32_t c) { return c >= '0' && c <= '9'; }

static bool is_letter(uint32_t c)
{
    if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    if (c == 0xAA || c == 0xB5 || c == 0xBA) return true;
    if (c >= 0xC0 && c <= 0x2AF) return c != 0xD7 && c != 0xF7;
    if (c >= 0x370 && c <= 0x3FF) return c != 0x37E && c != 0x387 && c != 0x375;
    if (c >= 0x400 && c <= 0x52F) return !(c >= 0x482 && c <= 0x489);
    if (c >= 0x531 && c <= 0x587) return c < 0x55A || c > 0x55F;
    if (c >= 0x5D0 && c <= 0x5EA) return true;
    if (c >= 0x620 && c <= 0x64A) return true;
    if (c >= 0x671 && c <= 0x6D3) return true;
    if (c >= 0x900 && c <= 0x1FFF) {
        if (c >= 0x1DC0 && c <= 0x1DFF) return false;  /* combining marks */
        return true;
    }
    if (c >= 0x3041 && c <= 0x9FFF) return c < 0x30FB || c > 0x30FC;
    if (c >= 0xAC00 && c <= 0xD7A3) return true;
    if (c >= 0xF900 && c <= 0xFAFF) return true;
    if (c >= 0xFF21 && c <= 0xFF3A) return true;
    if (c >= 0xFF41 && c <= 0xFF5A) return true;
    if (c >= 0x10000 && c <= 0x1F0FF) return true;
    if (c >= 0x20000 && c <= 0x3134F) return true;
    return false;
}

/* Characters inside a word that show no letter of their own: combining
 * marks, the soft hyphen, zero-width joiners. */
static bool is_mark(uint32_t c)
{
    return (c >= 0x300 && c <= 0x36F) || (c >= 0x1DC0 && c <= 0x1DFF) || c == 0xAD ||
           (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF ||
           (c >= 0xFE00 && c <= 0xFE0F);
}

static bool is_alnum(uint32_t c) { return is_letter(c) || is_digit(c); }

static bool is_upper(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
           (c >= 0x391 && c <= 0x3A9) || (c >= 0x400 && c <= 0x42F);
}

static bool is_lower(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7) ||
           (c >= 0x3B1 && c <= 0x3C9) || (c >= 0x430 && c <= 0x45F);
}

static uint32_t fold_cp(uint32_t c)
{
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
    if (c >= 0x391 && c <= 0x3A9) return c + 32;
    if (c >= 0x410 && c <= 0x42F) return c + 32;
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    return c;
}

static size_t encode(uint32_t c, char *o)
{
    if (c < 0x80) {
        o[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (char)(0xC0 | (c >> 6));
        o[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (char)(0xE0 | (c >> 12));
        o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        o[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (c >> 18));
    o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    o[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* Lower-case copy of s[0..n), without the marks that show nothing. */
static char *fold(arena *a, const char *s, size_t n)
{
    char *o = arena_alloc(a, n * 2 + 1);
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        i += decode((const unsigned char *)s, n, i, &c);
        if (is_mark(c)) continue;
        k += encode(fold_cp(c), o + k);
    }
    o[k] = '\0';
    return o;
}

/* ------------------------------------------------------------------ */
/* abbreviations                                                       */

/* Never a sentence end. */
static const char *const abbr_inner[] = {
    "t.ex", "bl.a", "dvs", "d.v.s", "t.o.m", "s.k", "fr.o.m", "p.g.a", "pga", "ca", "nr",
    "kl", "jfr", "resp", "f.d", "inkl", "exkl", "tel", "obs", "kap", "st", "t.v", "t.h",
    "f.n", "ang", "enl", "ev", "iofs", "i.o.f.s", "s", "sid", "fr", "ex", "mha", "m.h.a",
    "v.g.v", "vg", "forts", "t.ex.", "o", "n.b", "e.kr", "f.kr", "tfn", "mr", "dr",
};
/* A sentence end only when a capital letter or the paragraph's end follows. */
static const char *const abbr_final[] = {
    "m.m", "osv", "o.s.v", "etc", "m.fl", "o.d", "e.d", "mm", "mfl", "o.dyl", "m.a.o",
};

static int abbr_kind(const char *folded)
{
    for (size_t i = 0; i < sizeof abbr_inner / sizeof abbr_inner[0]; i++)
        if (strcmp(folded, abbr_inner[i]) == 0) return 1;
    for (size_t i = 0; i < sizeof abbr_final / sizeof abbr_final[0]; i++)
        if (strcmp(folded, abbr_final[i]) == 0) return 2;
    return 0;
}

bool rd_is_abbreviation(const char *word, size_t len)
{
    char tmp[32];
    if (len == 0 || len >= sizeof tmp) return false;
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        char c = word[i];
        tmp[k++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    tmp[k] = '\0';
    return abbr_kind(tmp) != 0;
}

/* ------------------------------------------------------------------ */
/* the measuring pass                                                  */

struct scan {
    arena *a;
    const unsigned char *s;
    size_t n;
    struct readability *r;
    size_t wcap, scap;
    bool open;          /* a sentence has words */
    uint32_t paragraph;
    bool para_has_words;
};

static void close_sentence(struct scan *sc, size_t end)
{
    if (!sc->open) return;
    struct rd_sentence *st = &sc->r->sentence[sc->r->sentences - 1];
    st->len = end - st->off;
    sc->open = false;
}

static void add_word(struct scan *sc, size_t off, size_t len, uint32_t letters)
{
    struct readability *r = sc->r;
    if (!sc->para_has_words) {
        sc->paragraph++;
        sc->para_has_words = true;
    }
    if (!sc->open) {
        struct rd_sentence *st = ARENA_PUSH(sc->a, r->sentence, r->sentences, sc->scap);
        st->off = off;
        st->first_word = (uint32_t)r->words;
        st->paragraph = sc->paragraph;
        sc->open = true;
    }
    struct rd_word *w = ARENA_PUSH(sc->a, r->word, r->words, sc->wcap);
    w->off = off;
    w->len = len;
    w->letters = letters;
    w->is_long = letters > RD_LONG_WORD;
    w->sentence = (uint32_t)(r->sentences - 1);
    w->fold = fold(sc->a, (const char *)sc->s + off, len);
    r->sentence[r->sentences - 1].words++;
    r->sentence[r->sentences - 1].len = off + len - r->sentence[r->sentences - 1].off;
    r->letters += letters;
    if (w->is_long) r->long_words++;
}

static uint32_t peek(const struct scan *sc, size_t i)
{
    uint32_t c = 0;
    if (i < sc->n) decode(sc->s, sc->n, i, &c);
    return c;
}

/* Length of a list or heading marker at the start of a line (after its
 * indentation), 0 when there is none. */
static size_t line_marker(const struct scan *sc, size_t i, bool *item)
{
    const unsigned char *s = sc->s;
    size_t n = sc->n;
    *item = true;
    size_t j = i;
    while (j < n && s[j] == '>') {  /* quotes */
        j++;
        while (j < n && s[j] == ' ') j++;
    }
    if (j < n && s[j] == '#') {
        size_t k = j;
        while (k < n && s[k] == '#' && k - j < 6) k++;
        if (k >= n || s[k] == ' ' || s[k] == '\n') return k - i;
    }
    if (j + 1 < n && (s[j] == '-' || s[j] == '*' || s[j] == '+') && s[j + 1] == ' ')
        return j + 2 - i;
    if (j + 3 < n && s[j] == 0xE2 && s[j + 1] == 0x80 &&
        (s[j + 2] == 0xA2 || s[j + 2] == 0x93) && s[j + 3] == ' ')  /* • – */
        return j + 4 - i;
    size_t k = j;
    while (k < n && k - j < 9 && is_digit(s[k])) k++;
    if (k > j && k + 1 < n && (s[k] == '.' || s[k] == ')') && s[k + 1] == ' ')
        return k + 2 - i;
    *item = false;
    return j - i;
}

/* Three digits at i and then no letter or digit. */
static bool digit_group(const struct scan *sc, size_t i)
{
    if (i + 3 > sc->n) return false;
    for (size_t k = 0; k < 3; k++)
        if (!is_digit(sc->s[i + k])) return false;
    return !is_alnum(peek(sc, i + 3));
}

static bool is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

/* The next thing after i on this paragraph, skipping spaces, quotes and
 * brackets: 0 for the paragraph's end (a blank line or the text's). */
static uint32_t next_visible(const struct scan *sc, size_t i)
{
    bool newline = false;
    while (i < sc->n) {
        uint32_t c;
        size_t l = decode(sc->s, sc->n, i, &c);
        if (c == '\n') {
            if (newline) return 0;
            newline = true;
        } else if (!(is_space(c) || c == '"' || c == '\'' || c == ')' || c == 0x201D ||
                     c == 0x2019 || c == 0xBB)) {
            return c;
        }
        i += l;
    }
    return 0;
}

void readability_measure(arena *a, const char *text, size_t n, struct readability *out)
{
    memset(out, 0, sizeof *out);
    struct scan sc = {.a = a, .s = (const unsigned char *)text, .n = n, .r = out};
    const unsigned char *s = sc.s;
    size_t i = 0;
    bool line_start = true, line_closes = false;
    size_t last_word_end = (size_t)-1;  /* byte after the last word, for '.' */

    while (i < n) {
        if (line_start) {
            size_t j = i;
            while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r')) j++;
            if (j >= n) break;
            if (s[j] == '\n') {  /* a blank line ends the paragraph */
                close_sentence(&sc, i);
                sc.para_has_words = false;
                i = j + 1;
                continue;
            }
            bool item;
            size_t m = line_marker(&sc, j, &item);
            if (item) close_sentence(&sc, i);
            line_closes = item;
            line_start = false;
            i = j + m;
            continue;
        }
        uint32_t c;
        size_t l = decode(s, n, i, &c);
        if (c == '\n') {
            if (line_closes) close_sentence(&sc, i);
            line_start = true;
            i += l;
            continue;
        }
        if (is_alnum(c) || is_mark(c)) {
            size_t start = i;
            uint32_t letters = 0, prev = 0;
            while (i < n) {
                l = decode(s, n, i, &c);
                if (is_alnum(c) || is_mark(c)) {
                    if (is_letter(c)) letters++;
                    if (!is_mark(c)) prev = c;
                    i += l;
                    continue;
                }
                uint32_t nx = peek(&sc, i + l);
                bool join = false;
                if ((c == '-' || c == '\'' || c == 0x2019 || c == 0x2010 || c == 0x2011 ||
                     c == ':') && is_alnum(prev) && is_alnum(nx))
                    join = true;
                else if ((c == '.' || c == ',' || c == ':') && is_digit(prev) && is_digit(nx))
                    join = true;
                else if (c == '.' && is_alnum(prev) && is_lower(nx))
                    join = true;
                else if ((c == ' ' || c == 0xA0 || c == 0x202F) && is_digit(prev) &&
                         digit_group(&sc, i + l))
                    join = true;  /* "1 250": a number in groups of three */
                if (!join) break;
                i += l;
            }
            if (letters == 0 && !is_digit(prev)) continue;  /* marks alone */
            add_word(&sc, start, i - start, letters);
            last_word_end = i;
            continue;
        }
        if (c == '.' || c == '!' || c == '?' || c == 0x2026) {
            bool end = sc.open;
            if (end && c == '.' && i == last_word_end) {
                const struct rd_word *w = &out->word[out->words - 1];
                int kind = abbr_kind(w->fold);
                if (kind == 1) end = false;
                else if (kind == 2) {
                    uint32_t nx = next_visible(&sc, i + 1);
                    end = nx == 0 || is_upper(nx);
                }
            }
            size_t j = i + l;
            if (end) {  /* the run of marks and closing quotes is the end */
                while (j < n) {
                    uint32_t d;
                    size_t dl = decode(s, n, j, &d);
                    if (d == '.' || d == '!' || d == '?' || d == 0x2026 || d == '"' ||
                        d == ')' || d == 0x201D || d == 0x2019 || d == 0xBB)
                        j += dl;
                    else
                        break;
                }
                close_sentence(&sc, j);
            }
            i = j;
            continue;
        }
        i += l;
    }
    close_sentence(&sc, n);

    out->paragraphs = sc.paragraph;
    if (out->words == 0) return;
    out->lix = (double)out->words / (double)out->sentences +
               100.0 * (double)out->long_words / (double)out->words;
    out->mean_sentence = (double)out->words / (double)out->sentences;
    for (size_t k = 0; k < out->sentences; k++) {
        if (out->sentence[k].words > out->longest_sentence)
            out->longest_sentence = out->sentence[k].words;
        if (out->sentence[k].words > RD_LONG_SENTENCE) out->long_sentences++;
    }

    /* distinct words: open addressing over the folded words */
    size_t cap = 16;
    while (cap < out->words * 2) cap <<= 1;
    uint32_t *slot = arena_alloc(a, cap * sizeof *slot);  /* word index + 1 */
    for (size_t k = 0; k < out->words; k++) {
        const char *f = out->word[k].fold;
        uint64_t h = 1469598103934665603ULL;
        for (const char *p = f; *p; p++) h = (h ^ (unsigned char)*p) * 1099511628211ULL;
        size_t at = (size_t)h & (cap - 1);
        while (slot[at] && strcmp(out->word[slot[at] - 1].fold, f) != 0) at = (at + 1) & (cap - 1);
        if (!slot[at]) {
            slot[at] = (uint32_t)k + 1;
            out->distinct++;
        }
    }
    if (out->words >= 2 && out->distinct < out->words) {
        double lw = log((double)out->words), ld = log((double)out->distinct);
        out->ovix = lw / log(2.0 - ld / lw);
        out->ovix_defined = true;
    }
}

const char *lix_band(double lix)
{
    if (lix < 30) return "klarsprak.band.mycket_latt";
    if (lix < 40) return "klarsprak.band.latt";
    if (lix < 50) return "klarsprak.band.medel";
    if (lix < 60) return "klarsprak.band.svar";
    return "klarsprak.band.mycket_svar";
}

/* ------------------------------------------------------------------ */
/* officialese                                                         */

static const char *trim(arena *a, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t' || *s == '\r')) s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
    return arena_strndup(a, s, n);
}

void officialese_parse(arena *a, const char *text, size_t n, struct officialese_list *out)
{
    memset(out, 0, sizeof *out);
    size_t cap = 0;
    for (size_t i = 0; i < n;) {
        const char *line = text + i;
        const char *nl = memchr(line, '\n', n - i);
        size_t len = nl ? (size_t)(nl - line) : n - i;
        i += len + 1;
        const char *eq = memchr(line, '=', len);
        if (len == 0 || line[0] == '#' || !eq) continue;
        const char *left = trim(a, line, (size_t)(eq - line));
        const char *right = trim(a, eq + 1, len - (size_t)(eq - line) - 1);
        if (!*left || !*right) continue;
        struct officialese_entry e = {.forms = left, .alternative = right};
        size_t wcap = 0, ccap = 0;
        for (const char *p = left; *p;) {
            const char *comma = strchr(p, ',');
            size_t fl = comma ? (size_t)(comma - p) : strlen(p);
            /* a form's words, measured like any text */
            struct readability fr;
            readability_measure(a, p, fl, &fr);
            if (fr.words > 0) {
                char *joined = NULL;
                for (size_t k = 0; k < fr.words; k++)
                    joined = k ? arena_printf(a, "%s %s", joined, fr.word[k].fold)
                               : arena_strdup(a, fr.word[k].fold);
                size_t n0 = e.nforms;  /* two arrays of the same length */
                *ARENA_PUSH(a, e.words, e.nforms, wcap) = joined;
                e.nforms = n0;
                *ARENA_PUSH(a, e.nwords, e.nforms, ccap) = fr.words;
            }
            p += fl;
            if (*p == ',') p++;
        }
        if (e.nforms == 0) continue;
        *ARENA_PUSH(a, out->e, out->n, cap) = e;
    }
}

/* True when words[at..at+nw) of r, joined by one space, are `form`. */
static bool matches(const struct readability *r, size_t at, size_t nw, const char *form)
{
    if (at + nw > r->words) return false;
    if (r->word[at + nw - 1].sentence != r->word[at].sentence) return false;
    const char *p = form;
    for (size_t k = 0; k < nw; k++) {
        const char *f = r->word[at + k].fold;
        size_t fl = strlen(f);
        if (strncmp(p, f, fl) != 0) return false;
        p += fl;
        if (k + 1 < nw) {
            if (*p != ' ') return false;
            p++;
        }
    }
    return *p == '\0';
}

void officialese_find(arena *a, const char *text, const struct readability *r,
                      const struct officialese_list *list, struct officialese_hit **hits,
                      size_t *n)
{
    (void)text;
    *hits = NULL;
    *n = 0;
    size_t cap = 0;
    for (size_t i = 0; i < r->words; i++) {
        const char *f = r->word[i].fold;
        const struct officialese_entry *best = NULL;
        size_t best_nw = 0;
        for (size_t e = 0; e < list->n; e++) {
            const struct officialese_entry *en = &list->e[e];
            for (size_t k = 0; k < en->nforms; k++) {
                if (en->words[k][0] != f[0]) continue;
                if (en->nwords[k] > best_nw && matches(r, i, en->nwords[k], en->words[k])) {
                    best = en;
                    best_nw = en->nwords[k];
                }
            }
        }
        if (best) {
            struct officialese_hit *h = ARENA_PUSH(a, *hits, *n, cap);
            h->first_word = i;
            h->nwords = best_nw;
            h->entry = best;
            i += best_nw - 1;
        }
    }
}
