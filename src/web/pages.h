/* Shared page parts: the layout, error pages, and form helpers that every
 * page family in src/web/ uses. */
#ifndef SAMSKAP_PAGES_H
#define SAMSKAP_PAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "http/req.h"
#include "http/router.h"

/* ---- layout (layout.c) ---- */
/* Starts a page: head, skip link, header, navigation, flash, <main>.
 * title is plain text (escaped). */
void page_begin(req *r, const char *title);
void page_end(req *r);
/* The navigation's link to the editorial desk, for those who write posts
 * or moderate, with a badge counting what waits for them: comments for
 * those who moderate comments, topic suggestions for coordinators
 * (web/posts/moderation_count.c; called by page_begin).  _wants says
 * whether r's user gets the link and what its count adds up (page_begin
 * reads the counts with the rest of the frame, store_page_frame). */
bool nav_moderation_wants(req *r, bool *comments, bool *topics);
void nav_moderation(req *r, int64_t waiting);
/* The Swedish (or English) error page for status. */
void page_error(req *r, int status);
/* A page with a clear message (locale keys) and a link home, with status. */
void page_message(req *r, int status, const char *title_key, const char *text_key);
/* 500 after a store failure: logs where. */
void page_fail(req *r, const char *where);
/* A breadcrumb trail: pairs of (href, text), the last without href. */
void page_crumbs(req *r, const char *const *items, size_t n);
/* Links to previous/next pages of a list at base (which has no query). */
void page_pager(req *r, const char *base, int64_t page, int64_t total, int64_t per_page);
/* The pager itself, into b: links to base?sida=N followed by anchor ("" or
 * "#id"), "Sida N av M", with the locale keys given (page_pager's are
 * pager.label/prev/next; a post's comments have their own). */
struct pager {
    const char *base, *anchor;
    int64_t page, pages;
    const char *label_key, *prev_key, *next_key;
};
void pager_write(req *r, buf *b, const struct pager *pg);
/* A text query parameter: *out is NULL when absent.  False (answer 400)
 * when it is not valid UTF-8, has control characters or is longer than
 * max characters. */
bool query_text(req *r, const char *name, size_t max, const char **out);
/* A table in a labelled, keyboard-focusable region (WCAG 2.1.1); close
 * with table_close, which labels each cell with its column heading
 * (data-label) so that under 600 px it reads as stacked cards.  A cls
 * containing "scroll" keeps it a table that scrolls, and says so. */
void table_open(req *r, const char *label, const char *cls);
void table_close(req *r);
/* The stylesheet URL with its content hash (static.c). */
const char *static_css_url(void);
/* A family's own stylesheet's hashed URL (static/<family>.css), or NULL.
 * A page links it by setting r->sheet = "<family>" before page_begin. */
const char *static_sheet_url(const char *family);
/* True when SAMSKAP_ORG_LOGO names a readable logo, served at /static/logo. */
bool static_logo_present(void);
/* The organisation running samskap ("Helsingborgs stad · Socialförvaltningen"). */
const char *org_name(req *r);
/* A main-navigation link with a count badge ("Aviseringar 3"); one_key and
 * many_key say what is counted to screen readers.  Add nav badges here. */
void nav_link_count(req *r, const char *href, const char *key, int64_t count, const char *one_key,
                    const char *many_key);
/* A status as a tag: word + colour + icon.  key is the status's locale key
 * ("idea.status.beviljad", "activity.status.pagar"); status_tone gives its
 * tone ("ok", "bad", "warn", "run", "wait", "info"). */
void status_tag(req *r, const char *key);
const char *status_tone(const char *key);
/* "På den här sidan": pairs of (fragment id, text); written only when there
 * are two entries or more (n >= 4). */
void page_toc(req *r, const char *const *items, size_t n);

/* ---- text people wrote (user_text.c) ---- */
/* ` lang="sv"` when the interface is not Swedish, else "": written raw
 * (html_raw) into the tag of an element holding text people wrote. */
const char *sv_attr(req *r);
/* html_paragraphs of text people wrote, in a <div lang="sv"> when the
 * interface is not Swedish. */
void user_paragraphs(req *r, buf *b, const char *text);

/* ---- forms (form.c) ---- */
enum { FORM_MAX_ERRORS = 32 };

struct form {
    req *r;
    struct { const char *field; const char *key; const char *arg; } errs[FORM_MAX_ERRORS];
    int nerr;
    /* filled while the form is written: each erring field's label and
     * message as shown, for the error summary (see form_summary) */
    struct form_shown *shown;
};

void form_init(struct form *f, req *r);
/* Flags of form_text and of the fields that show it (struct field). */
enum field_flags {
    F_REQUIRED = 1,   /* missing or empty is an error */
    F_MULTILINE = 2,  /* newlines (and tabs) allowed */
};
/* A text field: cleaned (trimmed, \r\n -> \n), checked for valid UTF-8,
 * control characters and length in characters.  Always returns a string
 * ("" when missing or invalid) so the form can be shown again.  flags:
 * F_REQUIRED, F_MULTILINE, e.g. form_text(f, "text", 2000, F_REQUIRED | F_MULTILINE). */
const char *form_text(struct form *f, const char *name, size_t max_chars, unsigned flags);
/* A whole number in [min, max].  Missing and !required: *out = dflt. */
bool form_int(struct form *f, const char *name, int64_t min, int64_t max, bool required,
              int64_t dflt, int64_t *out);
/* Money in kronor as typed ("1 250", "1250,50", "1250.5") to öre, in
 * [min_ore, max_ore]. */
bool form_money(struct form *f, const char *name, int64_t min_ore, int64_t max_ore,
                bool required, int64_t *out);
/* Every value of a repeated field (a group of checkboxes); a value that is
 * not valid UTF-8 is an error, not silently left out. */
const char **form_all(struct form *f, const char *name, size_t *n);
/* A date "YYYY-MM-DD" (as <input type=date> sends it), a real day in
 * FORM_YEAR_MIN..FORM_YEAR_MAX; returns what was typed, for showing again. */
enum { FORM_YEAR_MIN = 2000, FORM_YEAR_MAX = 2099 };
const char *form_date(struct form *f, const char *name, bool required);
/* "to" before "from" (both valid) is an error on to_name. */
void form_date_order(struct form *f, const char *from_name, const char *from, const char *to_name,
                     const char *to);
/* A checkbox: true when present with value "1". */
bool form_check(struct form *f, const char *name);
/* A one-time key: true the first time it is seen (see store_nonce_use).
 * Taken at once, before the action: a failed action cannot be retried with
 * the same form.  Actions under action_run use form_once_take instead. */
bool form_once(struct form *f);
/* The one-time key taken inside the action's transaction (call it first in
 * the action function): DB_OK with *again false the first time — the key
 * is then used only if the action commits, so a failed action leaves it
 * free for a retry —, DB_OK with *again true when the form acted already
 * (the action then writes nothing and returns), else the store's error. */
enum db_rc form_once_take(struct form *f, bool *again);
void form_error(struct form *f, const char *field, const char *key);
/* An error whose text names something: "{}" in the message becomes arg. */
void form_error_arg(struct form *f, const char *field, const char *key, const char *arg);
/* The message of an error (with its argument) in r's language. */
const char *form_message(req *r, const struct form *f, int i);
bool form_ok(const struct form *f);
const char *form_err(const struct form *f, const char *field);
/* Refuses text holding a personal identity number (PRODUCT.md). */
void form_no_pnr(struct form *f, const char *field, const char *value);

/* Rendering.  Labels and hints are locale keys.  form_open and
 * form_open_class add #fel to an action without a fragment (button_form
 * does not: a lone button has nothing to get wrong). */
void form_open(req *r, const char *action, bool upload);
void form_open_class(req *r, const char *action, const char *cls);
void form_close(req *r);
/* A hidden one-time key (form_once checks it). */
void form_once_field(req *r);
/* The error summary of f: a box (#fel) that names each erring field by
 * its label and links to it.  The labels are known only once the fields
 * are written, so page_end writes it (form_summary_write) first in <main>,
 * before the <h1> (where this is called if the page has none), and
 * prefixes the page title with "Fel: ".  form_open's action carries #fel,
 * so the answer opens at the summary. */
void form_summary(req *r, const struct form *f);
void form_summary_write(req *r);
/* Shows the message of locale key on the page about to be written (as a
 * redirect's flash message would be). */
void page_flash_now(req *r, const char *key);
/* Prefixes the title of the page being written with "Fel: ". */
void page_title_error(req *r);
/* Names a field whose error the page writes itself (not through field_*). */
void form_label(const struct form *f, const char *field, const char *label);

struct field {
    const char *name;
    const char *label;        /* locale key */
    const char *hint;         /* locale key or NULL */
    const char *type;         /* "text", "email", "password", "number", "date", ... */
    const char *value;
    const char *autocomplete; /* WCAG 1.3.5, or NULL */
    unsigned flags;
    int rows;                 /* textarea rows */
    const char *extra;        /* trusted extra attributes, e.g. "min=\"13\"" */
    const char *section;      /* shown text naming a repeated group ("Budgetrad 2"), or NULL */
};

void field_input(req *r, const struct form *f, const struct field *fd);
void field_textarea(req *r, const struct form *f, const struct field *fd);

struct option {
    const char *value;
    const char *label;        /* plain text, not a key */
};
void field_select(req *r, const struct form *f, const struct field *fd,
                  const struct option *opts, size_t n);
void field_checkbox(req *r, const char *name, const char *label_key, bool checked);
/* A group of radio buttons (one choice) or checkboxes (several), in a
 * fieldset whose legend is the field's label.  `checked` tells per option
 * whether it is selected. */
void field_radios(req *r, const struct form *f, const struct field *fd,
                  const struct option *opts, size_t n);
void field_checks(req *r, const struct form *f, const struct field *fd,
                  const struct option *opts, const bool *checked, size_t n);
void form_submit(req *r, const char *label_key);
/* A one-button form (sign out, approve, ...). */
void button_form(req *r, const char *action, const char *label_key, const char *name,
                 const char *value, const char *cls);

/* Route tables: each page file defines its own
 * `const struct route <page>_routes[]` and src/web/route_list.h lists it. */

#endif
