/* Storage of migrations (store/migrate.c).
 * Part of the storage interface; store/store.h says what every function
 * returns. */
#ifndef SAMSKAP_STORE_MIGRATE_H
#define SAMSKAP_STORE_MIGRATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "util/mem.h"

enum db_rc store_migrate(db *d, int *applied);
/* Latest migration version known to this binary and applied to d. */
int store_schema_version(db *d);

#endif
