#include "view/html.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

void html_escape_n(buf *b, const char *s, size_t n)
{
    buf_reserve(b, n + 16);
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        buf_add(b, s + start, i - start);
        buf_puts(b, rep);
        start = i + 1;
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

/* Copies one conversion spec ("%-5lld") into spec and returns its length. */
static size_t spec_len(const char *f)
{
    size_t i = 1;
    while (f[i] && strchr("-+ #0", f[i])) i++;
    while (f[i] == '*' || (f[i] >= '0' && f[i] <= '9')) i++;
    if (f[i] == '.') {
        i++;
        while (f[i] == '*' || (f[i] >= '0' && f[i] <= '9')) i++;
    }
    while (f[i] && strchr("hlLqjzt", f[i])) i++;
    return f[i] ? i + 1 : i;
}

void html_vfmt(buf *b, const char *fmt, va_list ap)
{
    const char *p = fmt;
    while (*p) {
        const char *pct = strchr(p, '%');
        if (!pct) {
            buf_puts(b, p);
            return;
        }
        buf_add(b, p, (size_t)(pct - p));
        if (pct[1] == '%') {
            buf_putc(b, '%');
            p = pct + 2;
            continue;
        }
        size_t n = spec_len(pct);
        char conv = pct[n - 1];
        char spec[32];
        if (n >= sizeof spec) n = sizeof spec - 1;
        memcpy(spec, pct, n);
        spec[n] = '\0';
        p = pct + n;
        bool star_prec = strstr(spec, ".*") != NULL;
        if (conv == 's') {
            if (star_prec) {
                int prec = va_arg(ap, int);
                const char *s = va_arg(ap, const char *);
                if (s) html_escape_n(b, s, strnlen(s, prec < 0 ? 0 : (size_t)prec));
            } else {
                html_escape(b, va_arg(ap, const char *));
            }
            continue;
        }
        /* Numbers and characters: let vsnprintf format exactly one. */
        char tmp[64];
        int w = 0;
        bool is_long = strchr(spec, 'l') || strchr(spec, 'z') || strchr(spec, 'j');
        bool is_ll = strstr(spec, "ll") != NULL;
        switch (conv) {
        case 'd': case 'i':
            if (is_ll) w = snprintf(tmp, sizeof tmp, spec, va_arg(ap, long long));
            else if (is_long) w = snprintf(tmp, sizeof tmp, spec, va_arg(ap, long));
            else w = snprintf(tmp, sizeof tmp, spec, va_arg(ap, int));
            break;
        case 'u': case 'x': case 'X':
            if (is_ll) w = snprintf(tmp, sizeof tmp, spec, va_arg(ap, unsigned long long));
            else if (is_long) w = snprintf(tmp, sizeof tmp, spec, va_arg(ap, unsigned long));
            else w = snprintf(tmp, sizeof tmp, spec, va_arg(ap, unsigned));
            break;
        case 'c':
            w = snprintf(tmp, sizeof tmp, "%c", va_arg(ap, int));
            if (w == 1) {
                html_escape_n(b, tmp, 1);
                continue;
            }
            break;
        case 'f': case 'g':
            w = snprintf(tmp, sizeof tmp, spec, va_arg(ap, double));
            break;
        default:
            continue; /* unsupported: the compiler's format check prevents this */
        }
        if (w > 0) buf_add(b, tmp, (size_t)w < sizeof tmp ? (size_t)w : sizeof tmp - 1);
    }
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
