/* Accounts: sign up, sign in, sign out, change password, see and take
 * away one's own data. */
#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "http/session.h"
#include "store/store.h"
#include "util/crypto.h"
#include "util/log.h"
#include "util/text.h"
#include "view/format.h"
#include "web/account/org_request.h"
#include "web/action.h"
#include "web/pages.h"
#include "web/roles.h"
#include "web/posts/moderation_digest.h"

enum {
    LOGIN_WINDOW = 15 * 60,
    LOGIN_MAX_PER_ACCOUNT = 5,
    LOGIN_MAX_PER_CLIENT = 20,
    SIGNUP_WINDOW = 3600,
    SIGNUP_MAX_PER_CLIENT = 10,
};

static char *lower_ascii(arena *a, const char *s)
{
    char *out = arena_strdup(a, s);
    for (char *p = out; *p; p++) *p = (char)tolower((unsigned char)*p);
    return out;
}

/* Where to go after signing in: a local path, else the account page. */
static const char *next_path(req *r)
{
    const char *n = req_form(r, "nasta");
    if (!n) n = req_query(r, "nasta");
    return is_local_path(n) ? n : "/konto";
}

/* ---- sign up ---- */

struct signup {
    const char *name, *email;
    const char *org; /* the organisation select's value, "0" for none */
};

static void signup_page(req *r, const struct form *f, const struct signup *v)
{
    page_begin(r, T(r, "signup.title"));
    html(r, "<h1>%s</h1>\n<p>%s</p>\n", T(r, "signup.title"), T(r, "signup.intro"));
    form_summary(r, f);
    form_open(r, "/registrera", false);
    field_input(r, f, &(struct field){.name = "namn", .label = "signup.name",
                                      .hint = "signup.name_hint", .value = v->name,
                                      .autocomplete = "name", .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "epost", .label = "signup.email", .type = "email",
                                      .hint = "signup.email_hint", .value = v->email,
                                      .autocomplete = "email", .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "losenord", .label = "signup.password",
                                      .type = "password", .hint = "signup.password_hint",
                                      .autocomplete = "new-password", .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "losenord2", .label = "signup.password2",
                                      .type = "password", .autocomplete = "new-password",
                                      .flags = F_REQUIRED});
    if (!org_request_field(r, f, v->org)) return;
    form_submit(r, "signup.submit");
    form_close(r);
    html(r, "<p>%s <a href=\"/logga-in\">%s</a></p>\n", T(r, "signup.have_account"),
         T(r, "nav.login"));
    page_end(r);
}

/* The account and, when an organisation was chosen, the request to
 * represent it (with its notices to those who decide): one action. */
struct signup_new {
    struct user_new u;
    const struct org *org;
    int64_t id;
};

static enum db_rc signup_tx(req *r, void *ctx)
{
    struct signup_new *s = ctx;
    enum db_rc rc = store_user_create(r->db, &s->u, &s->id);
    if (rc == DB_OK && s->org) rc = org_request_file(r, s->id, s->u.name, s->org, "");
    return rc;
}

/* Signed in already: a new account would silently replace the session. */
static void h_signup_form(req *r)
{
    if (r->user) return resp_redirect(r, "/konto");
    struct form f;
    form_init(&f, r);
    signup_page(r, &f, &(struct signup){"", "", req_query(r, "org")});
}

static void h_signup(req *r)
{
    if (r->user) return resp_redirect(r, "/konto");
    struct form f;
    form_init(&f, r);
    struct signup v;
    v.name = form_text(&f, "namn", NAME_MAX_CHARS, F_REQUIRED);
    v.email = lower_ascii(r->a, form_text(&f, "epost", EMAIL_MAX, F_REQUIRED));
    const char *pw = form_text(&f, "losenord", PASSWORD_MAX, F_REQUIRED);
    const char *pw2 = form_text(&f, "losenord2", PASSWORD_MAX, F_REQUIRED);
    const char *e;
    if (!form_err(&f, "namn") && (e = validate_person_name(v.name))) form_error(&f, "namn", e);
    if (!form_err(&f, "epost") && (e = validate_email(v.email))) form_error(&f, "epost", e);
    if (!form_err(&f, "losenord") && (e = validate_password(pw, v.email)))
        form_error(&f, "losenord", e);
    if (!form_err(&f, "losenord2") && strcmp(pw, pw2) != 0)
        form_error(&f, "losenord2", "err.password_mismatch");
    form_no_pnr(&f, "namn", v.name);
    struct org *org = NULL;
    if (!org_request_read(r, &f, &org)) return;
    v.org = req_form(r, "org");
    int64_t hits = 0;
    const char *bucket = arena_printf(r->a, "signup:%s", client_hash(r));
    if (form_ok(&f)) {
        if (store_rate_hit(r->db, bucket, r->now, SIGNUP_WINDOW, &hits) != DB_OK)
            return page_fail(r, "signup");
        if (hits > SIGNUP_MAX_PER_CLIENT) form_error(&f, "epost", "err.rate_limited");
    }
    if (!form_ok(&f)) {
        r->status = hits > SIGNUP_MAX_PER_CLIENT ? 429 : 400;
        return signup_page(r, &f, &v);
    }
    char *hash = password_hash(r->a, pw);
    if (!hash) return page_fail(r, "signup");
    struct signup_new sn = {{v.email, v.name, hash, 0, r->now}, org, 0};
    enum db_rc rc = action_run(r, signup_tx, &sn);
    int64_t id = sn.id;
    if (rc == DB_CONSTRAINT) {
        form_error(&f, "epost", "err.email_taken");
        r->status = 400;
        return signup_page(r, &f, &v);
    }
    if (rc != DB_OK) return page_not_saved(r, "signup");
    if (!session_start(r, id)) return page_fail(r, "signup");
    resp_flash(r, org ? "flash.welcome_orgreq" : "flash.welcome");
    resp_redirect(r, "/konto");
}

/* ---- sign in ---- */

static void login_page(req *r, const struct form *f, const char *email, const char *notice)
{
    page_begin(r, T(r, "login.title"));
    html(r, "<h1>%s</h1>\n", T(r, "login.title"));
    if (notice) {
        html(r, "<div class=\"error-summary\" role=\"alert\"><p>%s</p></div>\n", T(r, notice));
        if (form_ok(f)) page_title_error(r); /* else the summary does it */
    }
    form_summary(r, f);
    form_open(r, "/logga-in", false);
    html(r, "<input type=\"hidden\" name=\"nasta\" value=\"%s\">\n", next_path(r));
    field_input(r, f, &(struct field){.name = "epost", .label = "login.email", .type = "email",
                                      .value = email, .autocomplete = "email",
                                      .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "losenord", .label = "login.password",
                                      .type = "password", .autocomplete = "current-password",
                                      .flags = F_REQUIRED});
    form_submit(r, "login.submit");
    form_close(r);
    html(r, "<p>%s <a href=\"/registrera\">%s</a></p>\n", T(r, "login.no_account"),
         T(r, "signup.title"));
    page_end(r);
}

static void h_login_form(req *r)
{
    struct form f;
    form_init(&f, r);
    if (r->user) return resp_redirect(r, "/konto");
    login_page(r, &f, "", NULL);
}

/* Takes one attempt from a sign-in bucket before the password is checked,
 * so that concurrent attempts cannot all pass a check made before any of
 * them was counted.  *taken false: the limit is reached. */
static enum db_rc take_attempt(req *r, const char *bucket, int64_t max, bool *taken)
{
    int64_t hits = 0;
    enum db_rc rc = DB_RETRY;
    for (int i = 0; i < 5 && rc == DB_RETRY; i++)
        rc = store_rate_take(r->db, bucket, r->now, LOGIN_WINDOW, max, &hits, taken);
    return rc;
}

struct login {
    const char *email, *acct, *client;
    struct user *u;
};

/* After the hashing thread has checked the password (http/hashq.h). */
static void login_checked(req *r, bool ok, void *arg)
{
    struct login *l = arg;
    struct form f;
    form_init(&f, r);
    if (!ok || !l->u) {
        r->status = 400;
        return login_page(r, &f, l->email, "err.login_failed");
    }
    store_rate_clear(r->db, l->acct);
    store_rate_give_back(r->db, l->client); /* a right password is no guess */
    if (!session_start(r, l->u->id)) return page_fail(r, "login");
    resp_flash(r, "flash.signed_in");
    resp_redirect(r, next_path(r));
}

static void h_login(req *r)
{
    struct form f;
    form_init(&f, r);
    struct login *l = arena_alloc(r->a, sizeof *l);
    l->email = lower_ascii(r->a, form_text(&f, "epost", EMAIL_MAX, F_REQUIRED));
    const char *pw = form_text(&f, "losenord", PASSWORD_MAX, F_REQUIRED);
    if (!form_ok(&f)) {
        r->status = 400;
        return login_page(r, &f, l->email, NULL);
    }
    l->acct = arena_printf(r->a, "login:acct:%s", l->email);
    l->client = arena_printf(r->a, "login:ip:%s", client_hash(r));
    /* the attempt is counted first and given back when it was no guess */
    bool taken = false;
    enum db_rc rc = take_attempt(r, l->acct, LOGIN_MAX_PER_ACCOUNT, &taken);
    if (rc == DB_OK && taken) {
        rc = take_attempt(r, l->client, LOGIN_MAX_PER_CLIENT, &taken);
        if (rc != DB_OK || !taken) store_rate_give_back(r->db, l->acct);
    }
    if (rc == DB_OK && !taken) {
        log_warn("login: rate limited for %s", r->client);
        r->status = 429;
        return login_page(r, &f, l->email, "err.login_rate");
    }
    if (rc != DB_OK) return page_fail(r, "login");
    char *hash = NULL;
    rc = store_user_by_email(r->db, r->a, l->email, &l->u, &hash);
    if (rc != DB_OK && rc != DB_NOTFOUND) return page_fail(r, "login");
    if (rc != DB_OK) l->u = NULL;
    /* checked against a dummy hash when there is no such account, so both
     * answers take as long */
    if (!req_verify_password(r, l->u ? hash : password_dummy_hash(), pw, login_checked, l)) {
        store_rate_give_back(r->db, l->acct); /* not checked: no guess */
        store_rate_give_back(r->db, l->client);
        return req_busy(r);
    }
}

static void h_logout(req *r)
{
    session_end(r);
    resp_flash(r, "flash.signed_out");
    resp_redirect(r, "/");
}

/* ---- the account page ---- */

static void h_account(req *r)
{
    struct org *orgs = NULL;
    size_t norgs = 0;
    if (store_user_orgs(r->db, r->a, r->user->id, &orgs, &norgs) != DB_OK)
        return page_fail(r, "account");
    page_begin(r, T(r, "account.title"));
    html(r, "<h1>%s</h1>\n<dl class=\"facts\">\n<dt>%s</dt><dd>%s</dd>\n"
            "<dt>%s</dt><dd>%s <span class=\"muted\">(%s)</span></dd>\n<dt>%s</dt><dd>",
         T(r, "account.title"), T(r, "account.name"), r->user->name, T(r, "account.email"),
         r->user->email, T(r, "account.email_private"), T(r, "account.roles"));
    bool any = false;
    for (int i = 0; i < ROLE_COUNT; i++) {
        if (!user_has(r->user, (enum role)i)) continue;
        html(r, "%s%s", any ? ", " : "", T(r, arena_printf(r->a, "role.%s", role_name((enum role)i))));
        any = true;
    }
    if (!any) html(r, "%s", T(r, "role.none"));
    html_raw(r, "</dd>\n");
    if (norgs) {
        html(r, "<dt>%s</dt><dd><ul>", T(r, "account.orgs"));
        for (size_t i = 0; i < norgs; i++)
            html(r, "<li><a href=\"/organisationer/%s\">%s</a></li>", orgs[i].slug, orgs[i].name);
        html_raw(r, "</ul></dd>\n");
    }
    html(r, "<dt>%s</dt><dd>%s</dd>\n</dl>\n", T(r, "account.since"),
         fmt_date(r->a, r->lang, r->user->created_at));
    html(r, "<h2>%s</h2>\n<ul class=\"actions\">\n"
            "<li><a href=\"/konto/losenord\">%s</a></li>\n"
            "<li><a href=\"/konto/mina-uppgifter\">%s</a></li>\n"
            "<li><a href=\"/konto/organisation\">%s</a></li>\n",
         T(r, "account.manage"), T(r, "password.title"), T(r, "account.export"),
         T(r, "orgreq.title"));
    if (norgs || is_coordinator(r))
        html(r, "<li><a href=\"/konto/forfragningar\">%s</a></li>\n", T(r, "orgreq.queue"));
    html(r, "<li><a href=\"/konto/radera\">%s</a></li>\n</ul>\n", T(r, "erase.title"));
    digest_account_section(r);
    page_end(r);
}

/* ---- change password ---- */

static void password_page(req *r, const struct form *f)
{
    page_begin(r, T(r, "password.title"));
    html(r, "<h1>%s</h1>\n", T(r, "password.title"));
    form_summary(r, f);
    form_open(r, "/konto/losenord", false);
    field_input(r, f, &(struct field){.name = "nuvarande", .label = "password.current",
                                      .type = "password", .autocomplete = "current-password",
                                      .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "losenord", .label = "password.new",
                                      .type = "password", .hint = "signup.password_hint",
                                      .autocomplete = "new-password", .flags = F_REQUIRED});
    field_input(r, f, &(struct field){.name = "losenord2", .label = "signup.password2",
                                      .type = "password", .autocomplete = "new-password",
                                      .flags = F_REQUIRED});
    form_submit(r, "password.submit");
    form_close(r);
    page_end(r);
}

static void h_password_form(req *r)
{
    struct form f;
    form_init(&f, r);
    password_page(r, &f);
}

static void h_password(req *r)
{
    struct form f;
    form_init(&f, r);
    const char *cur = form_text(&f, "nuvarande", PASSWORD_MAX, F_REQUIRED);
    const char *pw = form_text(&f, "losenord", PASSWORD_MAX, F_REQUIRED);
    const char *pw2 = form_text(&f, "losenord2", PASSWORD_MAX, F_REQUIRED);
    const char *e;
    if (!form_err(&f, "losenord") && (e = validate_password(pw, r->user->email)))
        form_error(&f, "losenord", e);
    if (!form_err(&f, "losenord2") && strcmp(pw, pw2) != 0)
        form_error(&f, "losenord2", "err.password_mismatch");
    struct user *u;
    char *hash = NULL;
    if (store_user_by_id(r->db, r->a, r->user->id, &u, &hash) != DB_OK)
        return page_fail(r, "password");
    if (!form_err(&f, "nuvarande") && !password_verify(hash, cur))
        form_error(&f, "nuvarande", "err.password_wrong");
    if (!form_ok(&f)) {
        r->status = 400;
        return password_page(r, &f);
    }
    char *fresh = password_hash(r->a, pw);
    if (!fresh || store_user_set_password(r->db, r->user->id, fresh) != DB_OK ||
        store_sessions_delete_user(r->db, r->user->id, token_hash(r->a, r->session)) != DB_OK)
        return page_fail(r, "password");
    resp_flash(r, "flash.password_changed");
    resp_redirect(r, "/konto");
}

/* ---- a person's own data, and erasing it ---- */

static void erase_page(req *r, const struct form *f)
{
    page_begin(r, T(r, "erase.title"));
    html(r, "<h1>%s</h1>\n<p>%s</p>\n", T(r, "erase.title"), T(r, "erase.intro"));
    form_summary(r, f);
    form_open(r, "/konto/radera", false);
    field_input(r, f, &(struct field){.name = "losenord", .label = "erase.password",
                                      .type = "password", .autocomplete = "current-password",
                                      .flags = F_REQUIRED});
    form_submit(r, "erase.submit");
    form_close(r);
    page_end(r);
}

static void h_erase_form(req *r)
{
    struct form f;
    form_init(&f, r);
    erase_page(r, &f);
}

/* The erasure and its audit row: one transaction. */
static enum db_rc erase_tx(req *r, void *ctx)
{
    const int64_t *id = ctx;
    enum db_rc rc = store_user_erase(r->db, *id);
    if (rc != DB_OK) return rc;
    return store_audit(r->db, r->now, 0, "konto.radera", arena_printf(r->a, "user:%lld", (long long)*id), "");
}

static void h_erase(req *r)
{
    struct form f;
    form_init(&f, r);
    const char *pw = form_text(&f, "losenord", PASSWORD_MAX, F_REQUIRED);
    struct user *u;
    char *hash = NULL;
    if (store_user_by_id(r->db, r->a, r->user->id, &u, &hash) != DB_OK)
        return page_fail(r, "erase");
    if (!form_err(&f, "losenord") && !password_verify(hash, pw))
        form_error(&f, "losenord", "err.password_wrong");
    if (!form_ok(&f)) {
        r->status = 400;
        return erase_page(r, &f);
    }
    int64_t id = r->user->id;
    enum db_rc rc = action_run(r, erase_tx, &id);
    if (rc == DB_CONSTRAINT) {
        form_error(&f, "losenord", "err.last_admin");
        r->status = 409;
        return erase_page(r, &f);
    }
    if (rc != DB_OK) return page_not_saved(r, "erase");
    r->session = NULL;
    r->user = NULL;
    resp_cookie(r, "sid", "", 0);
    resp_flash(r, "flash.erased");
    resp_redirect(r, "/");
}

const struct route account_routes[] = {
    {M_GET, "/registrera", h_signup_form, 0},
    {M_POST, "/registrera", h_signup, 0},
    {M_GET, "/logga-in", h_login_form, 0},
    {M_POST, "/logga-in", h_login, 0},
    {M_POST, "/logga-ut", h_logout, 0},
    {M_GET, "/konto", h_account, R_AUTH},
    {M_GET, "/konto/losenord", h_password_form, R_AUTH},
    {M_POST, "/konto/losenord", h_password, R_AUTH},
    {M_GET, "/konto/radera", h_erase_form, R_AUTH},
    {M_POST, "/konto/radera", h_erase, R_AUTH},
    {0, NULL, NULL, 0},
};
