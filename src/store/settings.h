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

/* What every page's frame shows (web/layout.c page_begin), read in one
 * statement: the setting "org.name" (NULL when unset); with a user_id
 * (not 0) their unread notifications; when asked, the comments and the
 * topic suggestions waiting for moderation (0 when not asked). */
/* The counts are counted up to PAGE_FRAME_CAP (a badge shows "99+"):
 * counting 50 000 waiting comments on every page took an editor's page
 * 4 ms on the scale database. */
enum { PAGE_FRAME_CAP = 100 };
struct page_frame {
    char *org_name;
    int64_t unread, comments_waiting, suggestions_waiting;
};
enum db_rc store_page_frame(db *d, arena *a, int64_t user_id, bool comments, bool suggestions,
                            struct page_frame *out);

#endif
