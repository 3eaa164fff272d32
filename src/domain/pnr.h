/* Swedish personal identity numbers (personnummer) and coordination
 * numbers (samordningsnummer).  samskap is not a case-management system:
 * text that would be published is refused when it contains one. */
#ifndef SAMSKAP_PNR_H
#define SAMSKAP_PNR_H

#include <stdbool.h>
#include <stddef.h>

/* Where a number was found: bytes [start, end) of the text. */
struct pnr_span {
    size_t start, end;
};

/* True when the text, read as a person reads it, contains something shaped
 * like YYMMDD-NNNN, YYYYMMDD-NNNN, YYMMDD+NNNN or the same without
 * separator, whose date is real (day + 60 allowed) and whose last digit
 * passes the Luhn check.  "As a person reads it" (see docs/DESIGN.md):
 *   - character references (&#8203; &#xFF11; &shy; &nbsp; &minus; …) are
 *     read both decoded (as cmark, a feed reader or a mail client decodes
 *     them) and as written (as an HTML page shows them in plain text);
 *   - every decimal digit counts as its ASCII digit: the Unicode Nd digits
 *     (fullwidth, Arabic-Indic, mathematical, …) and the compatibility
 *     digits ¹²³⁰⁴–⁹, ₀–₉, ①–⑨, ⓪;
 *   - default-ignorable characters (zero-width space and joiners, soft
 *     hyphen, word joiner, BOM, direction marks, variation selectors, …)
 *     and combining marks are dropped;
 *   - between the date and the last four digits, a run of separators reads
 *     as one: dashes (hyphen-minus, hyphen, non-breaking hyphen, figure,
 *     en and em dash, minus sign, fullwidth and small forms, …), plus signs
 *     and spaces of any width (no-break, narrow, thin, tab, one line
 *     break); a blank line ends a run.
 * Stops at the first number; *at (when not NULL) says where it is. */
bool pnr_find(const char *text, struct pnr_span *at);
bool text_has_pnr(const char *text);

/* The passage at of text as the writer can see it, into out (cap bytes,
 * NUL-terminated): invisible characters are shown as "[U+200B]", a long
 * passage is cut with "…".  Returns out. */
char *pnr_passage(const char *text, struct pnr_span at, char *out, size_t cap);

/* Luhn check over 10 digits. */
bool pnr_luhn_ok(const char digits[10]);

#endif
