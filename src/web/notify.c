#include "web/notify.h"

#include "mail/mail.h"
#include "store/store.h"
#include "util/log.h"
#include "web/site.h"

void notify_user(req *r, int64_t user_id, const char *subject, const char *text,
                 const char *link)
{
    if (!user_id) return;
    struct user *u = NULL;
    if (store_user_by_id(r->db, r->a, user_id, &u, NULL) != DB_OK) return;
    if (store_notify(r->db, user_id, text, link, r->now) != DB_OK)
        log_error("notify: in-site notification failed");
    const char *body = arena_printf(r->a, "%s %s,\n\n%s\n\n%s %s%s\n\n-- \n%s\n",
                                    i18n_get(LANG_SV, "mail.hello"), u->name, text,
                                    i18n_get(LANG_SV, "mail.read_more"), site_base_url(), link,
                                    i18n_get(LANG_SV, "mail.footer"));
    if (store_outbox_add(r->db, user_id, u->email, u->name, subject, body, r->now) != DB_OK)
        log_error("notify: could not queue e-mail");
    else
        mail_wake();
}

void notify_role(req *r, enum role role, const char *text, const char *link)
{
    struct user *list = NULL;
    size_t n = 0;
    if (store_users_with_role(r->db, r->a, role, &list, &n) != DB_OK) return;
    for (size_t i = 0; i < n; i++)
        if (!r->user || list[i].id != r->user->id) store_notify(r->db, list[i].id, text, link, r->now);
}
