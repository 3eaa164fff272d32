#include "web/notify.h"

#include "mail/mail.h"
#include "store/store.h"
#include "util/log.h"
#include "web/site.h"

enum db_rc notify_user(req *r, int64_t user_id, const char *subject, const char *text,
                       const char *link)
{
    if (!user_id) return DB_OK;
    struct user *u = NULL;
    enum db_rc rc = store_user_by_id(r->db, r->a, user_id, &u, NULL);
    if (rc == DB_NOTFOUND) return DB_OK; /* erased since */
    if (rc != DB_OK) return rc;
    rc = store_notify(r->db, user_id, text, link, r->now);
    if (rc != DB_OK) return rc;
    const char *body = arena_printf(r->a, "%s %s,\n\n%s\n\n%s %s%s\n\n-- \n%s\n",
                                    i18n_get(LANG_SV, "mail.hello"), u->name, text,
                                    i18n_get(LANG_SV, "mail.read_more"), site_base_url(), link,
                                    i18n_get(LANG_SV, "mail.footer"));
    rc = store_outbox_add(r->db, user_id, u->email, u->name, subject, body, r->now);
    if (rc == DB_OK && !db_in_tx(r->db)) mail_wake(); /* else action_run wakes it after COMMIT */
    return rc;
}

enum db_rc notify_role(req *r, enum role role, const char *text, const char *link)
{
    struct user *list = NULL;
    size_t n = 0;
    enum db_rc rc = store_users_with_role(r->db, r->a, role, &list, &n);
    for (size_t i = 0; i < n && rc == DB_OK; i++)
        if (!r->user || list[i].id != r->user->id) rc = store_notify(r->db, list[i].id, text, link, r->now);
    return rc;
}
