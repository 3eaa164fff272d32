/* HTML output that escapes by default.
 *
 * html_fmt works like printf, with one difference: every %s argument is
 * HTML-escaped (& < > " ').  Numbers are printed as usual.  The only way
 * to write unescaped text is html_buf_raw, whose name says so, and which is
 * used for markup our own code produced (or cmark's safe output).
 * The format string itself is always a literal written by us (checked by
 * the compiler's printf checking). */
#ifndef SAMSKAP_HTML_H
#define SAMSKAP_HTML_H

#include <stdarg.h>

#include "util/mem.h"

void html_fmt(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void html_vfmt(buf *b, const char *fmt, va_list ap);
void html_escape(buf *b, const char *s);
void html_escape_n(buf *b, const char *s, size_t n);
void html_buf_raw(buf *b, const char *s);

/* Plain text into paragraphs: blank lines split <p>, single newlines
 * become <br>.  Everything escaped. */
void html_paragraphs(buf *b, const char *text);

#endif
