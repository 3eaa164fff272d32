/* Test-only fault injection: makes a chosen write fail, so tests can show
 * that a user action commits all of its writes or none.
 *
 * Honoured only when the environment has SAMSKAP_TEST_MODE=1; otherwise
 * store_fault() is always false.  The points to fail are read, in order,
 * from store_fault_set() (unit tests), from the file named by
 * SAMSKAP_TEST_FAIL_FILE when it exists (HTTP tests: write the file to
 * inject, remove it to clear, no restart), or from SAMSKAP_TEST_FAIL.
 * The value is a list of point names separated by commas or spaces:
 *   audit         store_audit          (the audit row)
 *   outbox        store_outbox_add     (the e-mail)
 *   notification  store_notify         (the in-site notification)
 * A write that is made to fail returns DB_ERR after logging a warning (not
 * an error: the HTTP tests fail on ERROR lines). */
#ifndef SAMSKAP_STORE_FAULT_H
#define SAMSKAP_STORE_FAULT_H

#include <stdbool.h>

/* True when the write named `point` must fail now (logs a warning and
 * remembers it for store_fault_fired). */
bool store_fault(const char *point);
/* True when a fault was injected in this thread since the last call. */
bool store_fault_fired(void);
/* Unit tests: the points to fail (NULL: back to the file / environment). */
void store_fault_set(const char *points);

#endif
