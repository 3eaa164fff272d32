#include "util/text.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* True when none of the 8 bytes at p is NUL or has its high bit set. */
static bool ascii8(const unsigned char *p)
{
    uint64_t v = word8_load((const char *)p);
    return ((v & WORD8_HIGHS) | word8_below(v, 1)) == 0;
}

size_t utf8_seq(const char *str, size_t avail)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned char c = s[0];
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
    else return 0;
    if (avail < len) return 0;
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80) return 0; /* stops at a NUL too */
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    if (len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) return 0;
    if (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) return 0;
    return len;
}

bool utf8_valid(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        while (n - i >= 8 && ascii8(s + i)) i += 8; /* most text is ASCII */
        if (i >= n) break;
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c == 0) return false;
            i++;
            continue;
        }
        size_t len = utf8_seq(str + i, n - i);
        if (!len) return false;
        i += len;
    }
    return true;
}

size_t utf8_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

bool text_has_control(const char *str, bool multiline)
{
    const unsigned char *s = (const unsigned char *)str;
    for (; *s; s++) {
        if (*s < 0x20) {
            if (multiline && (*s == '\n' || *s == '\r' || *s == '\t')) continue;
            return true;
        }
        if (*s == 0x7F) return true;
        /* C1 controls U+0080..U+009F are encoded C2 80..C2 9F */
        if (*s == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F) return true;
        /* U+FFFE, U+FFFF: not characters (and not allowed in XML feeds) */
        if (*s == 0xEF && s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF)) return true;
        /* U+202A..U+202E, U+2066..U+2069: invisible direction overrides
         * that can make a name read as something else */
        if (*s == 0xE2 && s[1] == 0x80 && s[2] >= 0xAA && s[2] <= 0xAE) return true;
        if (*s == 0xE2 && s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9) return true;
    }
    return false;
}

char *text_xml_safe(arena *a, const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    buf b = {0};
    while (*s) {
        unsigned char c = *s;
        size_t len = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3
                   : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
        bool ok = len > 0;
        for (size_t k = 1; ok && k < len; k++) ok = (s[k] & 0xC0) == 0x80;
        if (ok && !utf8_valid((const char *)s, len)) ok = false;
        if (ok && len == 1 && c < 0x20 && c != '\t' && c != '\n' && c != '\r') ok = false;
        if (ok && len == 3 && c == 0xEF && s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF)) ok = false;
        if (ok) {
            buf_add(&b, s, len);
            s += len;
        } else {
            buf_puts(&b, "\xef\xbf\xbd");
            s++;
            while ((*s & 0xC0) == 0x80) s++;
        }
    }
    char *out = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return out;
}

char *text_clean(arena *a, const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    char *out = arena_alloc(a, n + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\r') {
            if (i + 1 < n && s[i + 1] == '\n') continue;
            *o++ = '\n';
        } else {
            *o++ = s[i];
        }
    }
    *o = '\0';
    return out;
}

/* Map a 2-byte UTF-8 Latin-1 supplement letter to ASCII for slugs. */
static char latin1_ascii(unsigned char lead, unsigned char trail)
{
    if (lead != 0xC3) return 0;
    static const char map[64] =
        "AAAAAAACEEEEIIII" "DNOOOOOxOUUUUYTs"
        "aaaaaaaceeeeiiii" "dnooooo-ouuuuyty";
    char c = map[trail - 0x80];
    return (c == 'x' || c == '-') ? 0 : c;
}

/* The slug character of the character at *s (0: a separator), advancing *s. */
static char slug_char(const unsigned char **sp)
{
    const unsigned char *s = *sp;
    char c = 0;
    if (*s < 0x80) {
        c = isalnum(*s) ? (char)tolower(*s) : 0;
        s++;
    } else if (s[1] && (s[1] & 0xC0) == 0x80) {
        char m = latin1_ascii(s[0], s[1]);
        c = m ? (char)tolower((unsigned char)m) : 0;
        s++;
        while ((*s & 0xC0) == 0x80) s++;
    } else {
        s++;
    }
    *sp = s;
    return c;
}

char *text_slug(arena *a, const char *str, size_t max)
{
    const unsigned char *s = (const unsigned char *)str;
    char *out = arena_alloc(a, max + 2);
    size_t o = 0;
    bool dash = false;
    while (*s && o < max) {
        char c = slug_char(&s);
        if (c) {
            if (dash && o > 0 && o < max) out[o++] = '-';
            if (o < max) out[o++] = c;
            dash = false;
        } else {
            dash = true;
        }
    }
    /* full in the middle of a word ("…-med-ungdoma"): end at the word
     * before it, unless the first word alone is longer than max */
    const unsigned char *next = s;
    if (o == max && *next && slug_char(&next)) {
        size_t cut = o;
        while (cut > 0 && out[cut - 1] != '-') cut--;
        if (cut > 0) o = cut;
    }
    while (o > 0 && out[o - 1] == '-') o--;
    if (o == 0) out[o++] = 'x';
    out[o] = '\0';
    return out;
}

char *text_fold(arena *a, const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t n = strlen(str);
    unsigned char *out = (unsigned char *)arena_alloc(a, n + 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c < 0x80) {
            out[i] = (unsigned char)tolower(c);
        } else if (c == 0xC3 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9E &&
                   s[i + 1] != 0x97) {
            out[i] = c;
            out[i + 1] = (unsigned char)(s[i + 1] + 0x20);
            i++;
        } else {
            out[i] = c;
        }
    }
    out[n] = '\0';
    return (char *)out;
}

char *text_sort_key(arena *a, const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    buf b = {0};
    for (; *s; s++) {
        if (*s < 0x80) {
            buf_putc(&b, (char)tolower(*s));
            continue;
        }
        if (*s == 0xC3 && s[1]) {
            unsigned char c = s[1] | 0x20; /* the lower-case letter of the pair */
            const char *rep = NULL;
            switch (c) {
            case 0xA5: rep = "~1"; break;                               /* å */
            case 0xA4: case 0xA6: rep = "~2"; break;                    /* ä æ */
            case 0xB6: case 0xB8: rep = "~3"; break;                    /* ö ø */
            case 0xA0: case 0xA1: case 0xA2: case 0xA3: rep = "a"; break;
            case 0xA8: case 0xA9: case 0xAA: case 0xAB: rep = "e"; break;
            case 0xAC: case 0xAD: case 0xAE: case 0xAF: rep = "i"; break;
            case 0xB2: case 0xB3: case 0xB4: case 0xB5: rep = "o"; break;
            case 0xB9: case 0xBA: case 0xBB: rep = "u"; break;
            case 0xBC: rep = "y"; break;                                /* ü */
            case 0xA7: rep = "c"; break;
            case 0xB1: rep = "n"; break;
            }
            if (rep && s[1] >= 0x80 && s[1] <= 0xBF) {
                buf_puts(&b, rep);
                s++;
                continue;
            }
        }
        buf_putc(&b, (char)*s);
    }
    char *out = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return out;
}

char *like_pattern(arena *a, const char *key)
{
    buf b = {0};
    buf_putc(&b, '%');
    for (; *key; key++) {
        if (*key == '%' || *key == '_' || *key == '\\') buf_putc(&b, '\\');
        buf_putc(&b, *key);
    }
    buf_putc(&b, '%');
    char *out = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return out;
}

bool parse_i64(const char *s, int64_t *out)
{
    if (!s || !*s) return false;
    const char *p = s;
    if (*p == '-') p++;
    if (!*p) return false;
    for (const char *q = p; *q; q++)
        if (*q < '0' || *q > '9') return false;
    errno = 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (errno == ERANGE || *end) return false;
    *out = (int64_t)v;
    return true;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

char *url_decode(arena *a, const char *s, size_t n, bool plus, size_t *out_len)
{
    char *out = arena_alloc(a, n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%') {
            if (i + 2 >= n) return NULL;
            int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
            if (hi < 0 || lo < 0) return NULL;
            out[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else if (plus && s[i] == '+') {
            out[o++] = ' ';
        } else {
            out[o++] = s[i];
        }
    }
    out[o] = '\0';
    if (out_len) *out_len = o;
    return out;
}

char *url_encode(arena *a, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(s);
    char *out = arena_alloc(a, n * 3 + 1), *o = out;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            *o++ = (char)c;
        } else {
            *o++ = '%';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        }
    }
    *o = '\0';
    return out;
}

char *hex_encode(arena *a, const unsigned char *p, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    char *out = arena_alloc(a, n * 2 + 1);
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hex[p[i] >> 4];
        out[2 * i + 1] = hex[p[i] & 15];
    }
    out[2 * n] = '\0';
    return out;
}

bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool is_local_path(const char *s)
{
    if (!s || s[0] != '/' || s[1] == '/' || s[1] == '\\') return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7F || *p == '\\') return false;
    return true;
}
