#include "view/html.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/text.h"

static const unsigned char special[256] = {['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1};

/* No special among the 8 bytes at p: the escaping looks at 8 bytes at a
 * time, most of a page's text has no special. */
static bool plain8(const char *p)
{
    uint64_t v = word8_load(p);
    return (word8_eq(v, '&') | word8_eq(v, '<') | word8_eq(v, '>') | word8_eq(v, '"') | word8_eq(v, '\'')) == 0;
}

void html_escape_n(buf *b, const char *s, size_t n)
{
    buf_reserve(b, n + 16);
    size_t start = 0, i = 0;
    for (;;) {
        while (n - i >= 8 && plain8(s + i)) i += 8;
        while (i < n && !special[(unsigned char)s[i]]) i++;
        if (i >= n) break;
        const char *rep;
        size_t rn;
        switch (s[i]) {
        case '&': rep = "&amp;"; rn = 5; break;
        case '<': rep = "&lt;"; rn = 4; break;
        case '>': rep = "&gt;"; rn = 4; break;
        case '"': rep = "&quot;"; rn = 6; break;
        default: rep = "&#39;"; rn = 5; break;
        }
        buf_add(b, s + start, i - start);
        buf_add(b, rep, rn);
        start = ++i;
    }
    buf_add(b, s + start, n - start);
}

void html_escape(buf *b, const char *s)
{
    if (s) html_escape_n(b, s, strlen(s));
}

void html_buf_raw(buf *b, const char *s)
{
    if (s) buf_puts(b, s);
}

/* One conversion: flags, width and precision (numbers or '*'), length
 * modifiers and the conversion letter. */
struct spec {
    bool left, zero, plus, space, alt;
    int width;        /* -1: none */
    int prec;         /* -1: none */
    char len[3];      /* "", "l", "ll", "z", "j", "h", "hh" */
    char conv;
    size_t n;         /* characters consumed from the format */
};

static struct spec parse_spec(const char *f, va_list *ap)
{
    struct spec sp = {.width = -1, .prec = -1};
    size_t i = 1;
    for (;; i++) {
        if (f[i] == '-') sp.left = true;
        else if (f[i] == '0') sp.zero = true;
        else if (f[i] == '+') sp.plus = true;
        else if (f[i] == ' ') sp.space = true;
        else if (f[i] == '#') sp.alt = true;
        else break;
    }
    if (f[i] == '*') {
        sp.width = va_arg(*ap, int);
        if (sp.width < 0) {
            sp.left = true;
            sp.width = -sp.width;
        }
        i++;
    } else {
        while (f[i] >= '0' && f[i] <= '9') sp.width = (sp.width < 0 ? 0 : sp.width * 10) + (f[i++] - '0');
    }
    if (f[i] == '.') {
        i++;
        sp.prec = 0;
        if (f[i] == '*') {
            sp.prec = va_arg(*ap, int);
            i++;
        } else {
            while (f[i] >= '0' && f[i] <= '9') sp.prec = sp.prec * 10 + (f[i++] - '0');
        }
    }
    size_t l = 0;
    while (f[i] && strchr("hlLqjzt", f[i]) && l < 2) sp.len[l++] = f[i++];
    sp.conv = f[i];
    sp.n = f[i] ? i + 1 : i;
    return sp;
}

static void pad(buf *b, int n)
{
    for (; n > 0; n--) buf_putc(b, ' ');
}

/* Formats one number with vsnprintf from a rebuilt, '*'-free spec. */
static bool plain_number(buf *b, const struct spec *sp, va_list *ap)
{
    if (sp->left || sp->zero || sp->plus || sp->space || sp->alt || sp->width >= 0 || sp->prec >= 0)
        return false;
    bool ll = strcmp(sp->len, "ll") == 0 || strcmp(sp->len, "q") == 0;
    bool lng = sp->len[0] == 'l' || sp->len[0] == 'z' || sp->len[0] == 'j' || sp->len[0] == 't';
    unsigned long long u;
    bool neg = false;
    if (sp->conv == 'd' || sp->conv == 'i') {
        long long v = ll ? va_arg(*ap, long long) : lng ? va_arg(*ap, long) : va_arg(*ap, int);
        neg = v < 0;
        u = neg ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    } else if (sp->conv == 'u') {
        u = ll ? va_arg(*ap, unsigned long long) : lng ? va_arg(*ap, unsigned long) : va_arg(*ap, unsigned);
    } else {
        return false;
    }
    char tmp[24];
    int k = (int)sizeof tmp;
    do tmp[--k] = (char)('0' + u % 10); while ((u /= 10) > 0);
    if (neg) tmp[--k] = '-';
    buf_add(b, tmp + k, sizeof tmp - (size_t)k);
    return true;
}

static void number(buf *b, const struct spec *sp, va_list *ap)
{
    if (plain_number(b, sp, ap)) return;
    char fmt[32], tmp[80];
    int k = 0;
    fmt[k++] = '%';
    if (sp->left) fmt[k++] = '-';
    if (sp->zero) fmt[k++] = '0';
    if (sp->plus) fmt[k++] = '+';
    if (sp->space) fmt[k++] = ' ';
    if (sp->alt) fmt[k++] = '#';
    fmt[k] = '\0';
    if (sp->width >= 0) snprintf(fmt + k, sizeof fmt - (size_t)k, "%d", sp->width > 60 ? 60 : sp->width);
    k = (int)strlen(fmt);
    if (sp->prec >= 0) snprintf(fmt + k, sizeof fmt - (size_t)k, ".%d", sp->prec > 60 ? 60 : sp->prec);
    k = (int)strlen(fmt);
    snprintf(fmt + k, sizeof fmt - (size_t)k, "%s%c", sp->len, sp->conv);
    bool ll = strcmp(sp->len, "ll") == 0 || strcmp(sp->len, "q") == 0;
    bool lng = sp->len[0] == 'l' || sp->len[0] == 'z' || sp->len[0] == 'j' || sp->len[0] == 't';
    int w = 0;
    switch (sp->conv) {
    case 'd': case 'i':
        if (ll) w = snprintf(tmp, sizeof tmp, fmt, va_arg(*ap, long long));
        else if (lng) w = snprintf(tmp, sizeof tmp, fmt, va_arg(*ap, long));
        else w = snprintf(tmp, sizeof tmp, fmt, va_arg(*ap, int));
        break;
    case 'u': case 'x': case 'X': case 'o':
        if (ll) w = snprintf(tmp, sizeof tmp, fmt, va_arg(*ap, unsigned long long));
        else if (lng) w = snprintf(tmp, sizeof tmp, fmt, va_arg(*ap, unsigned long));
        else w = snprintf(tmp, sizeof tmp, fmt, va_arg(*ap, unsigned));
        break;
    case 'f': case 'g': case 'e':
        w = snprintf(tmp, sizeof tmp, fmt, va_arg(*ap, double));
        break;
    default:
        return; /* the compiler's format check keeps other conversions out */
    }
    if (w > 0) buf_add(b, tmp, (size_t)w < sizeof tmp ? (size_t)w : sizeof tmp - 1);
}

void html_vfmt(buf *b, const char *fmt, va_list ap)
{
    va_list args;
    va_copy(args, ap);
    const char *p = fmt;
    while (*p) {
        const char *pct = strchr(p, '%');
        if (!pct) {
            buf_puts(b, p);
            break;
        }
        buf_add(b, p, (size_t)(pct - p));
        if (pct[1] == '%') {
            buf_putc(b, '%');
            p = pct + 2;
            continue;
        }
        if (pct[1] == 's') { /* most conversions: no spec to parse */
            const char *s = va_arg(args, const char *);
            html_escape_n(b, s ? s : "", s ? strlen(s) : 0);
            p = pct + 2;
            continue;
        }
        struct spec sp = parse_spec(pct, &args);
        p = pct + sp.n;
        if (sp.conv == 's' || sp.conv == 'c') {
            char one[2] = {0, 0};
            const char *s;
            if (sp.conv == 'c') {
                one[0] = (char)va_arg(args, int);
                s = one;
            } else {
                s = va_arg(args, const char *);
                if (!s) s = "";
            }
            size_t n = sp.prec >= 0 ? strnlen(s, (size_t)sp.prec) : strlen(s);
            int fill = sp.width > (int)n ? sp.width - (int)n : 0;
            if (!sp.left) pad(b, fill);
            html_escape_n(b, s, n);
            if (sp.left) pad(b, fill);
            continue;
        }
        number(b, &sp, &args);
    }
    va_end(args);
}

void html_fmt(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    html_vfmt(b, fmt, ap);
    va_end(ap);
}

void html_paragraphs(buf *b, const char *text)
{
    const char *p = text;
    while (*p == '\n') p++;
    if (!*p) return;
    buf_puts(b, "<p>");
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        html_escape_n(b, p, n);
        if (!nl) break;
        p = nl + 1;
        if (*p == '\n') {
            while (*p == '\n') p++;
            if (*p) buf_puts(b, "</p>\n<p>");
        } else if (*p) {
            buf_puts(b, "<br>\n");
        }
    }
    buf_puts(b, "</p>\n");
}
