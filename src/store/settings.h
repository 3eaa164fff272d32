/* Storage of settings (store/settings.c).
 * Part of the storage interface; store/store.h says what every function
 * returns. */
#ifndef SAMSKAP_STORE_SETTINGS_H
#define SAMSKAP_STORE_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "util/mem.h"

enum db_rc store_setting_get(db *d, arena *a, const char *key, char **value);
/* Inserts unless the key exists; never overwrites. */
enum db_rc store_setting_init(db *d, const char *key, const char *value);

#endif
