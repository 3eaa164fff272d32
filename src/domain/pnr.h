/* Swedish personal identity numbers (personnummer) and coordination
 * numbers (samordningsnummer).  samskap is not a case-management system:
 * text that would be published is refused when it contains one. */
#ifndef SAMSKAP_PNR_H
#define SAMSKAP_PNR_H

#include <stdbool.h>

/* True when text contains something shaped like YYMMDD-NNNN,
 * YYYYMMDD-NNNN, YYMMDD+NNNN or the same without separator, whose date is
 * real (day + 60 allowed) and whose last digit passes the Luhn check. */
bool text_has_pnr(const char *text);

/* Luhn check over 10 digits. */
bool pnr_luhn_ok(const char digits[10]);

#endif
