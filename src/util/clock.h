/* The time the server acts on.  Normally the system clock; in tests
 * (SAMSKAP_TEST_MODE=1 only) the file SAMSKAP_TEST_CLOCK_FILE, when it
 * exists and holds a number of Unix seconds, sets it — so an HTTP test can
 * move past an offer window or a retention date without waiting. */
#ifndef SAMSKAP_CLOCK_H
#define SAMSKAP_CLOCK_H

#include <stdint.h>

int64_t clock_now(void);

#endif
