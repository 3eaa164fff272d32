/* Shared by the cmocka test programs in tests/unit/. */
#ifndef SAMSKAP_TESTUTIL_H
#define SAMSKAP_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define assert_str(a, b) assert_string_equal((a), (b))

#endif
