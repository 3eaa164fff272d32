/* Money is integer öre everywhere: no floating point touches an amount. */
#ifndef SAMSKAP_MONEY_H
#define SAMSKAP_MONEY_H

#include <stdbool.h>
#include <stdint.h>

/* The largest amount samskap accepts anywhere: 1 000 000 000 kr. */
#define MONEY_MAX_ORE ((int64_t)100000000000)

enum money_parse {
    MONEY_OK,
    MONEY_EMPTY,
    MONEY_INVALID,      /* not a number */
    MONEY_FRACTION,     /* more than two decimals: part of an öre */
    MONEY_TOO_LARGE,
};

/* Parses kronor as a person types them: "1250", "1 250", "1 250,50",
 * "1250.5", "-300", optionally followed by "kr".  Spaces (also no-break)
 * may group thousands.  Result in öre. */
enum money_parse money_parse(const char *s, int64_t *ore);

/* a + b without overflow; false when it would overflow. */
bool money_add(int64_t a, int64_t b, int64_t *out);

#endif
