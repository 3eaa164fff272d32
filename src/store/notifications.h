/* Storage of in-site notifications (store/notifications.c).
 * Part of the storage interface; store/store.h says what every function
 * returns. */
#ifndef SAMSKAP_STORE_NOTIFICATIONS_H
#define SAMSKAP_STORE_NOTIFICATIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "util/mem.h"

struct notification {
    int64_t id, at;
    const char *text, *link;
    bool read;
};
enum db_rc store_notify(db *d, int64_t user_id, const char *text, const char *link, int64_t now);
enum db_rc store_notifications(db *d, arena *a, int64_t user_id, int64_t limit,
                               struct notification **list, size_t *n);
enum db_rc store_notifications_unread(db *d, int64_t user_id, int64_t *n);
enum db_rc store_notifications_read(db *d, int64_t user_id, int64_t now);
/* Marks one of the person's notifications read and gives its link. */
enum db_rc store_notification_open(db *d, arena *a, int64_t user_id, int64_t id, int64_t now,
                                   const char **link);

#endif
