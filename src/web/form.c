/* Form input and output.  Input: every field is read through one of the
 * form_* readers, which validate and collect errors per field.  Output:
 * labelled fields with their errors tied by aria-describedby, and an error
 * summary at the top that links to each field (WCAG 3.3.1, 3.3.3). */
#include <string.h>

#include "domain/money.h"
#include "http/pcache.h"
#include "domain/pnr.h"
#include "store/store.h"
#include "util/crypto.h"
#include "util/log.h"
#include "util/text.h"
#include "view/format.h"
#include "view/html.h"
#include "web/pages.h"

bool query_text(req *r, const char *name, size_t max, const char **out)
{
    *out = NULL;
    const struct kv *kv = kv_get(&r->query, name);
    if (!kv) return true;
    if (!kv->ok || text_has_control(kv->value, false) || utf8_len(kv->value) > max) return false;
    *out = text_clean(r->a, kv->value);
    return true;
}

struct form_shown {
    int n;
    struct { const char *field, *label, *message; } item[FORM_MAX_ERRORS];
};

void form_init(struct form *f, req *r)
{
    memset(f, 0, sizeof *f);
    f->r = r;
    f->shown = arena_alloc(r->a, sizeof *f->shown);
}

void form_error_arg(struct form *f, const char *field, const char *key, const char *arg)
{
    if (form_err(f, field)) return; /* first error per field wins */
    if (f->nerr >= FORM_MAX_ERRORS) return;
    f->errs[f->nerr].field = field;
    f->errs[f->nerr].key = key;
    f->errs[f->nerr].arg = arg;
    f->nerr++;
}

void form_error(struct form *f, const char *field, const char *key)
{
    form_error_arg(f, field, key, NULL);
}

const char *form_message(req *r, const struct form *f, int i)
{
    return f->errs[i].arg ? Tf(r, f->errs[i].key, f->errs[i].arg) : T(r, f->errs[i].key);
}

/* The message for a field's error, or NULL.  An empty choice (a select
 * or radio buttons: choice) asks to choose rather than to fill in. */
static const char *field_message(req *r, const struct form *f, const char *field, bool choice)
{
    for (int i = 0; f && i < f->nerr; i++) {
        if (strcmp(f->errs[i].field, field) != 0) continue;
        if (choice && strcmp(f->errs[i].key, "err.required") == 0) return T(r, "err.required_choice");
        return form_message(r, f, i);
    }
    return NULL;
}

/* Remembers how an erring field was shown, for the summary. */
static void shown_add(const struct form *f, const char *field, const char *label, const char *message)
{
    if (!f || !f->shown || !message) return;
    struct form_shown *s = f->shown;
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->item[i].field, field) == 0) return;
    if (s->n >= FORM_MAX_ERRORS) return;
    s->item[s->n].field = field;
    s->item[s->n].label = label;
    s->item[s->n].message = message;
    s->n++;
}

void form_label(const struct form *f, const char *field, const char *label)
{
    if (f && form_err(f, field)) shown_add(f, field, label, field_message(f->r, f, field, false));
}

bool form_ok(const struct form *f)
{
    return f->nerr == 0;
}

const char *form_err(const struct form *f, const char *field)
{
    for (int i = 0; i < f->nerr; i++)
        if (strcmp(f->errs[i].field, field) == 0) return f->errs[i].key;
    return NULL;
}

const char *form_text(struct form *f, const char *name, size_t max_chars, unsigned flags)
{
    bool required = flags & F_REQUIRED, multiline = flags & F_MULTILINE;
    const struct kv *kv = kv_get(&f->r->form, name);
    if (!kv) {
        if (required) form_error(f, name, "err.required");
        return "";
    }
    if (!kv->ok) {
        form_error(f, name, "err.encoding");
        return "";
    }
    const char *v = text_clean(f->r->a, kv->value);
    if (text_has_control(v, multiline)) {
        form_error(f, name, "err.control");
        return "";
    }
    if (required && !*v) form_error(f, name, "err.required");
    else if (utf8_len(v) > max_chars) form_error(f, name, "err.too_long");
    return v;
}

bool form_int(struct form *f, const char *name, int64_t min, int64_t max, bool required,
              int64_t dflt, int64_t *out)
{
    const char *v = form_text(f, name, 30, required ? F_REQUIRED : 0);
    *out = dflt;
    if (!*v) return !required;
    int64_t n;
    if (!parse_i64(v, &n)) {
        form_error(f, name, "err.not_number");
        return false;
    }
    if (n < min || n > max) {
        form_error(f, name, "err.out_of_range");
        return false;
    }
    *out = n;
    return true;
}

bool form_money(struct form *f, const char *name, int64_t min_ore, int64_t max_ore,
                bool required, int64_t *out)
{
    const char *v = form_text(f, name, 40, required ? F_REQUIRED : 0);
    *out = 0;
    if (!*v) return !required;
    switch (money_parse(v, out)) {
    case MONEY_OK: break;
    case MONEY_EMPTY:
    case MONEY_INVALID: form_error(f, name, "err.money_invalid"); return false;
    case MONEY_FRACTION: form_error(f, name, "err.money_fraction"); return false;
    case MONEY_TOO_LARGE: form_error(f, name, "err.money_too_large"); return false;
    }
    if (*out < min_ore) {
        form_error(f, name, min_ore > 0 ? "err.money_positive" : "err.money_negative");
        return false;
    }
    if (*out > max_ore) {
        form_error(f, name, "err.money_too_large");
        return false;
    }
    return true;
}

const char **form_all(struct form *f, const char *name, size_t *n)
{
    const struct kvlist *l = &f->r->form;
    const char **out = arena_alloc(f->r->a, (l->n + 1) * sizeof *out);
    *n = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (strcmp(l->items[i].name, name) != 0) continue;
        if (!l->items[i].ok) form_error(f, name, "err.encoding");
        else out[(*n)++] = l->items[i].value;
    }
    return out;
}

const char *form_date(struct form *f, const char *name, bool required)
{
    const char *v = form_text(f, name, 10, required ? F_REQUIRED : 0);
    int y, m, d;
    if (!*v || form_err(f, name)) return v;
    if (!parse_ymd(v, &y, &m, &d)) form_error(f, name, "err.date");
    else if (y < FORM_YEAR_MIN || y > FORM_YEAR_MAX) form_error(f, name, "err.date_range");
    return v;
}

void form_date_order(struct form *f, const char *from_name, const char *from, const char *to_name,
                     const char *to)
{
    if (*from && *to && !form_err(f, from_name) && !form_err(f, to_name) && strcmp(to, from) < 0)
        form_error(f, to_name, "err.date_order");
}

bool form_check(struct form *f, const char *name)
{
    const char *v = req_form(f->r, name);
    return v && strcmp(v, "1") == 0;
}

bool form_once(struct form *f)
{
    const char *key = req_form(f->r, "_once");
    if (!key || strlen(key) < 16 || strlen(key) > 64) return true; /* older form: no key */
    enum db_rc rc = store_nonce_use(f->r->db, key, f->r->now);
    if (rc == DB_CONSTRAINT) return false;
    if (rc != DB_OK) log_error("form: nonce store failed");
    return true;
}

enum db_rc form_once_take(struct form *f, bool *again)
{
    *again = false;
    const char *key = req_form(f->r, "_once");
    if (!key || strlen(key) < 16 || strlen(key) > 64) return DB_OK; /* older form: no key */
    enum db_rc rc = store_nonce_use(f->r->db, key, f->r->now);
    if (rc == DB_CONSTRAINT) {
        *again = true;
        return DB_OK;
    }
    return rc;
}

void form_no_pnr(struct form *f, const char *field, const char *value)
{
    struct pnr_span at;
    if (!value || !pnr_find(value, &at)) return;
    /* the writer is shown where (never logged: it is a personal number) */
    char passage[200];
    pnr_passage(value, at, passage, sizeof passage);
    form_error_arg(f, field, "err.pnr_at", arena_strdup(f->r->a, passage));
}

/* ---- rendering ---- */

/* A form that may come back with errors posts to its action with #fel:
 * the answer opens at the error summary (form_summary_write puts it first
 * in <main>), without JavaScript.  An action with its own fragment keeps
 * it; a redirect after success names its own fragment or inherits #fel,
 * which then matches nothing and the page opens at the top. */
static const char *action_at_summary(req *r, const char *action)
{
    return strchr(action, '#') ? action : arena_printf(r->a, "%s#fel", action);
}

static void form_open_plain(req *r, const char *action, const char *cls)
{
    html(r, "<form method=\"post\" action=\"%s\" class=\"%s\">\n"
            "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">\n",
         action, cls, req_csrf(r));
}

void form_open_class(req *r, const char *action, const char *cls)
{
    form_open_plain(r, action_at_summary(r, action), cls);
}

void form_open(req *r, const char *action, bool upload)
{
    html(r, "<form method=\"post\" action=\"%s\"", action_at_summary(r, action));
    if (upload) html_raw(r, " enctype=\"multipart/form-data\"");
    html(r, ">\n<input type=\"hidden\" name=\"_csrf\" value=\"%s\">\n", req_csrf(r));
}

void form_close(req *r)
{
    html_raw(r, "</form>\n");
}

void form_once_field(req *r)
{
    const char *key;
    if (r->pc_key && !r->pc_hit) { /* a page the cache may keep: a fresh key per response */
        r->once_deferred = true;
        key = pcache_once_placeholder();
    } else {
        key = random_token(r->a, 18);
    }
    html(r, "<input type=\"hidden\" name=\"_once\" value=\"%s\">\n", key);
}

void form_summary(req *r, const struct form *f)
{
    if (form_ok(f)) return;
    r->error_summary = f;
    r->error_summary_at = r->body.len;
}

/* Where the summary goes: first in <main>, before the page's heading, so
 * a form far down a long page does not come back with its errors out of
 * sight (the form's action carries #fel, so the browser opens there).  A
 * page without <main> and <h1> gets it where form_summary was called. */
static size_t summary_place(req *r)
{
    const char *body = buf_cstr(&r->body);
    const char *main = strstr(body, "<main");
    const char *h1 = main ? strstr(main, "<h1") : NULL;
    if (!h1 || (size_t)(h1 - body) > r->error_summary_at) return r->error_summary_at;
    return (size_t)(h1 - body);
}

void form_summary_write(req *r)
{
    const struct form *f = r->error_summary;
    if (!f) return;
    r->error_summary = NULL;
    buf s = {0};
    html_fmt(&s, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"fel\">\n"
                 "<h2>%s</h2>\n<ul>\n", T(r, "form.errors_title"));
    for (int i = 0; i < f->nerr; i++) {
        const char *label = NULL, *message = form_message(r, f, i);
        for (int k = 0; f->shown && k < f->shown->n; k++) {
            if (strcmp(f->shown->item[k].field, f->errs[i].field) != 0) continue;
            label = f->shown->item[k].label;
            message = f->shown->item[k].message;
        }
        if (label) html_fmt(&s, "<li><a href=\"#f-%s\">%s: %s</a></li>\n", f->errs[i].field, label, message);
        else html_fmt(&s, "<li><a href=\"#f-%s\">%s</a></li>\n", f->errs[i].field, message);
    }
    html_buf_raw(&s, "</ul>\n</div>\n");
    buf_insert(&r->body, summary_place(r), s.data, s.len);
    buf_free(&s);
    page_title_error(r);
}

void page_title_error(req *r)
{
    /* the title says it first, which is what a screen reader reads on load */
    const char *t = r->body.data ? strstr(r->body.data, "<title>") : NULL;
    if (!t) return;
    const char *prefix = T(r, "form.error_prefix");
    buf_insert(&r->body, (size_t)(t - r->body.data) + 7, prefix, strlen(prefix));
}

/* The label as the error summary names it: "Budgetrad 2, Kategori". */
static const char *summary_label(req *r, const struct field *fd)
{
    return fd->section ? arena_printf(r->a, "%s, %s", fd->section, T(r, fd->label)) : T(r, fd->label);
}

/* Label, hint and error; returns the aria-describedby value (or ""). */
static const char *field_head(req *r, const struct form *f, const struct field *fd, bool choice)
{
    const char *err = f ? form_err(f, fd->name) : NULL;
    const char *message = err ? field_message(r, f, fd->name, choice) : NULL;
    if (err) shown_add(f, fd->name, summary_label(r, fd), message);
    html(r, "<div class=\"field%s\">\n<label for=\"f-%s\">%s%s</label>\n",
         err ? " field-error" : "", fd->name, T(r, fd->label),
         (fd->flags & F_REQUIRED) ? T(r, "form.required_mark") : "");
    buf ids = {0};
    if (fd->hint) {
        html(r, "<p class=\"hint\" id=\"h-%s\">%s</p>\n", fd->name, T(r, fd->hint));
        buf_printf(&ids, "h-%s", fd->name);
    }
    if (err) {
        html(r, "<p class=\"error\" id=\"e-%s\"><span class=\"visually-hidden\">%s</span>%s</p>\n",
             fd->name, T(r, "form.error_prefix"), message);
        buf_printf(&ids, "%se-%s", ids.len ? " " : "", fd->name);
    }
    const char *out = arena_strdup(r->a, buf_cstr(&ids));
    buf_free(&ids);
    return out;
}

static void field_attrs(req *r, const struct form *f, const struct field *fd, const char *desc)
{
    html(r, " id=\"f-%s\" name=\"%s\"", fd->name, fd->name);
    if (fd->flags & F_REQUIRED) html_raw(r, " required");
    if (*desc) html(r, " aria-describedby=\"%s\"", desc);
    if (f && form_err(f, fd->name)) html_raw(r, " aria-invalid=\"true\"");
    if (fd->autocomplete) html(r, " autocomplete=\"%s\"", fd->autocomplete);
    if (fd->extra) {
        html_raw(r, " ");
        html_raw(r, fd->extra);
    }
}

void field_input(req *r, const struct form *f, const struct field *fd)
{
    const char *desc = field_head(r, f, fd, false);
    html(r, "<input type=\"%s\"", fd->type ? fd->type : "text");
    field_attrs(r, f, fd, desc);
    bool secret = fd->type && strcmp(fd->type, "password") == 0;
    if (!secret && fd->value) html(r, " value=\"%s\"", fd->value);
    html_raw(r, ">\n</div>\n");
}

void field_textarea(req *r, const struct form *f, const struct field *fd)
{
    const char *desc = field_head(r, f, fd, false);
    html(r, "<textarea rows=\"%d\"", fd->rows ? fd->rows : 6);
    field_attrs(r, f, fd, desc);
    html(r, ">%s</textarea>\n</div>\n", fd->value ? fd->value : "");
}

void field_select(req *r, const struct form *f, const struct field *fd,
                  const struct option *opts, size_t n)
{
    const char *desc = field_head(r, f, fd, true);
    html_raw(r, "<select");
    field_attrs(r, f, fd, desc);
    html_raw(r, ">\n");
    for (size_t i = 0; i < n; i++)
        html(r, "<option value=\"%s\"%s>%s</option>\n", opts[i].value,
             fd->value && strcmp(fd->value, opts[i].value) == 0 ? " selected" : "",
             opts[i].label);
    html_raw(r, "</select>\n</div>\n");
}

void field_checkbox(req *r, const char *name, const char *label_key, bool checked)
{
    html(r, "<div class=\"field checkbox\">\n<input type=\"checkbox\" id=\"f-%s\" name=\"%s\" "
            "value=\"1\"%s>\n<label for=\"f-%s\">%s</label>\n</div>\n",
         name, name, checked ? " checked" : "", name, T(r, label_key));
}

void form_submit(req *r, const char *label_key)
{
    html(r, "<button type=\"submit\">%s</button>\n", T(r, label_key));
}

void button_form(req *r, const char *action, const char *label_key, const char *name,
                 const char *value, const char *cls)
{
    form_open_plain(r, action, cls ? cls : "inline"); /* one button: no fields to get wrong */
    if (name) html(r, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n", name, value);
    html(r, "<button type=\"submit\">%s</button>\n", T(r, label_key));
    form_close(r);
}

/* The legend, hint and error of a fieldset; returns aria-describedby ids. */
static const char *group_head(req *r, const struct form *f, const struct field *fd)
{
    const char *err = f ? form_err(f, fd->name) : NULL;
    const char *message = err ? field_message(r, f, fd->name, true) : NULL;
    if (err) shown_add(f, fd->name, summary_label(r, fd), message);
    html(r, "<fieldset class=\"field group%s\" id=\"f-%s\"", err ? " field-error" : "", fd->name);
    buf ids = {0};
    if (fd->hint) buf_printf(&ids, "h-%s", fd->name);
    if (err) buf_printf(&ids, "%se-%s", ids.len ? " " : "", fd->name);
    if (ids.len) html(r, " aria-describedby=\"%s\"", buf_cstr(&ids));
    html(r, ">\n<legend>%s%s</legend>\n", T(r, fd->label),
         (fd->flags & F_REQUIRED) ? T(r, "form.required_mark") : "");
    if (fd->hint) html(r, "<p class=\"hint\" id=\"h-%s\">%s</p>\n", fd->name, T(r, fd->hint));
    if (err)
        html(r, "<p class=\"error\" id=\"e-%s\"><span class=\"visually-hidden\">%s</span>%s</p>\n",
             fd->name, T(r, "form.error_prefix"), message);
    const char *out = arena_strdup(r->a, buf_cstr(&ids));
    buf_free(&ids);
    return out;
}

static void group_option(req *r, const char *type, const struct field *fd, size_t i,
                         const struct option *o, bool on)
{
    html(r, "<div class=\"option\"><input type=\"%s\" id=\"f-%s-%zu\" name=\"%s\" value=\"%s\"%s>"
            "<label for=\"f-%s-%zu\">%s</label></div>\n",
         type, fd->name, i, fd->name, o->value, on ? " checked" : "", fd->name, i, o->label);
}

void field_radios(req *r, const struct form *f, const struct field *fd,
                  const struct option *opts, size_t n)
{
    group_head(r, f, fd);
    for (size_t i = 0; i < n; i++)
        group_option(r, "radio", fd, i, &opts[i],
                     fd->value && strcmp(fd->value, opts[i].value) == 0);
    html_raw(r, "</fieldset>\n");
}

void field_checks(req *r, const struct form *f, const struct field *fd,
                  const struct option *opts, const bool *checked, size_t n)
{
    group_head(r, f, fd);
    for (size_t i = 0; i < n; i++) group_option(r, "checkbox", fd, i, &opts[i], checked[i]);
    html_raw(r, "</fieldset>\n");
}
