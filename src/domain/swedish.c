/* Swedish words for search: see domain/swedish.h. */
#include "domain/swedish.h"

#include <libstemmer.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Decodes one UTF-8 character at s[i] (n bytes left); returns its length
 * or 0 when the bytes are not valid UTF-8. */
static size_t dec(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (s[0] < 0x80) { *cp = s[0]; return 1; }
    if ((s[0] & 0xE0) == 0xC0 && n >= 2 && (s[1] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
        return *cp >= 0x80 ? 2 : 0;
    }
    if ((s[0] & 0xF0) == 0xE0 && n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        return *cp >= 0x800 ? 3 : 0;
    }
    if ((s[0] & 0xF8) == 0xF0 && n >= 4 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
        (s[3] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
              ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        return *cp >= 0x10000 && *cp <= 0x10FFFF ? 4 : 0;
    }
    return 0;
}

static size_t enc(uint32_t cp, char *out)
{
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

static bool is_letter(uint32_t cp)
{
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    return cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7;
}

static uint32_t lower(uint32_t cp)
{
    if (cp >= 'A' && cp <= 'Z') return cp + 32;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
    if (cp >= 0x100 && cp <= 0x17F && !(cp & 1)) return cp + 1; /* most of Latin Extended-A */
    return cp;
}

size_t sv_words(const char *text, size_t len, sv_word_fn fn, void *ctx)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, count = 0;
    char w[SV_WORD_MAX + 4];
    while (i < len) {
        uint32_t cp;
        size_t k = dec(s + i, len - i, &cp);
        if (!k || !is_letter(cp)) {
            i += k ? k : 1;
            continue;
        }
        size_t start = i, wl = 0;
        while (i < len) {
            k = dec(s + i, len - i, &cp);
            if (!k || !is_letter(cp)) break;
            if (wl + 3 <= SV_WORD_MAX) wl += enc(lower(cp), w + wl);
            i += k;
        }
        w[wl] = 0;
        count++;
        if (fn && !fn(ctx, w, wl, start, i)) break;
    }
    return count;
}

static const char *const stop[] = {
    "alla", "allt", "att", "av", "blev", "bli", "blir", "blivit", "de", "dem", "den", "denna",
    "deras", "dess", "dessa", "det", "detta", "dig", "din", "dina", "ditt", "du", "där", "då",
    "efter", "ej", "eller", "en", "er", "era", "ert", "ett", "från", "för", "ha", "hade", "han",
    "hans", "har", "henne", "hennes", "hon", "honom", "hur", "här", "i", "icke", "ingen", "inom",
    "inte", "jag", "ju", "kan", "kunde", "man", "med", "mellan", "men", "mig", "min", "mina",
    "mitt", "mot", "mycket", "ni", "nu", "när", "någon", "något", "några", "och", "om", "oss",
    "på", "samma", "sedan", "sig", "sin", "sina", "sitta", "själv", "skulle", "som", "så",
    "sådan", "sådana", "sådant", "till", "under", "upp", "ut", "utan", "vad", "var", "vara",
    "varför", "varit", "varje", "vars", "vart", "vem", "vi", "vid", "vilka", "vilkas", "vilken",
    "vilket", "vår", "våra", "vårt", "än", "är", "åt", "över",
};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool sv_stopword(const char *word)
{
    return bsearch(&word, stop, sizeof stop / sizeof *stop, sizeof *stop, cmp_str) != NULL;
}

static pthread_key_t stem_key;
static pthread_once_t stem_once = PTHREAD_ONCE_INIT;

static void stem_free(void *p)
{
    sb_stemmer_delete(p);
}

static void stem_init(void)
{
    pthread_key_create(&stem_key, stem_free);
}

size_t sv_stem(const char *word, size_t wlen, char *out, size_t cap)
{
    pthread_once(&stem_once, stem_init);
    struct sb_stemmer *st = pthread_getspecific(stem_key);
    if (!st) {
        st = sb_stemmer_new("swedish", "UTF_8");
        if (st) pthread_setspecific(stem_key, st);
    }
    const sb_symbol *r = st ? sb_stemmer_stem(st, (const sb_symbol *)word, (int)wlen) : NULL;
    size_t n = r ? (size_t)sb_stemmer_length(st) : wlen;
    const char *src = r ? (const char *)r : word;
    if (n >= cap) n = cap - 1;
    memcpy(out, src, n);
    out[n] = 0;
    return n;
}

static uint32_t fold_cp(uint32_t cp)
{
    switch (cp) {
    case 0xE5: case 0xE4: case 0xE0: case 0xE1: case 0xE2: case 0xE3: return 'a';
    case 0xF6: case 0xF8: case 0xF3: case 0xF2: case 0xF4: case 0xF5: return 'o';
    case 0xE9: case 0xE8: case 0xEA: case 0xEB: return 'e';
    case 0xFC: case 0xFA: case 0xF9: case 0xFB: return 'u';
    case 0xED: case 0xEC: case 0xEE: case 0xEF: return 'i';
    case 0xE7: return 'c';
    case 0xF1: return 'n';
    default: return cp;
    }
}

size_t sv_fold(const char *word, char *out, size_t cap)
{
    const unsigned char *s = (const unsigned char *)word;
    size_t n = strlen(word), i = 0, o = 0;
    while (i < n && o + 4 < cap) {
        uint32_t cp;
        size_t k = dec(s + i, n - i, &cp);
        if (!k) { i++; continue; }
        o += enc(fold_cp(cp), out + o);
        i += k;
    }
    out[o] = 0;
    return o;
}

bool sv_has_accent(const char *word)
{
    const unsigned char *s = (const unsigned char *)word;
    size_t n = strlen(word), i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = dec(s + i, n - i, &cp);
        if (!k) { i++; continue; }
        if (fold_cp(cp) != cp) return true;
        i += k;
    }
    return false;
}

static size_t to_cps(const char *w, uint32_t *out, size_t cap)
{
    const unsigned char *s = (const unsigned char *)w;
    size_t n = strlen(w), i = 0, o = 0;
    while (i < n && o < cap) {
        uint32_t cp;
        size_t k = dec(s + i, n - i, &cp);
        if (!k) { i++; continue; }
        out[o++] = cp;
        i += k;
    }
    return o;
}

size_t sv_chars(const char *word)
{
    uint32_t cps[SV_WORD_MAX + 4];
    return to_cps(word, cps, SV_WORD_MAX + 4);
}

int sv_edit_distance(const char *a, const char *b, int max)
{
    uint32_t x[SV_WORD_MAX + 4], y[SV_WORD_MAX + 4];
    size_t n = to_cps(a, x, SV_WORD_MAX + 4), m = to_cps(b, y, SV_WORD_MAX + 4);
    if ((n > m ? n - m : m - n) > (size_t)max) return max + 1;
    int prev[SV_WORD_MAX + 5], cur[SV_WORD_MAX + 5];
    for (size_t j = 0; j <= m; j++) prev[j] = (int)j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = (int)i;
        int best = cur[0];
        for (size_t j = 1; j <= m; j++) {
            int c = prev[j - 1] + (x[i - 1] != y[j - 1]);
            if (prev[j] + 1 < c) c = prev[j] + 1;
            if (cur[j - 1] + 1 < c) c = cur[j - 1] + 1;
            cur[j] = c;
            if (c < best) best = c;
        }
        if (best > max) return max + 1;
        memcpy(prev, cur, (m + 1) * sizeof *prev);
    }
    return prev[m] > max ? max + 1 : prev[m];
}

int sv_typo_budget(size_t nchars)
{
    return nchars >= 8 ? 2 : nchars >= 4 ? 1 : 0;
}
