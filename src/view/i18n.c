#include "view/i18n.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/embedded.h"
#include "util/log.h"
#include "util/mem.h"

struct entry {
    char *key;
    char *value;
};

struct table {
    struct entry *slots;
    size_t nslots;
    char *text;  /* owns the strings */
};

static struct table tables[LANG_COUNT];
/* Every embedded locale/<lang>/<module>.txt is part of lang's table. */
static const char *const dirs[LANG_COUNT] = {"locale/sv/", "locale/en/"};

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static void put(struct table *t, char *key, char *value)
{
    size_t i = hash(key) & (t->nslots - 1);
    while (t->slots[i].key && strcmp(t->slots[i].key, key) != 0) i = (i + 1) & (t->nslots - 1);
    t->slots[i].key = key;
    t->slots[i].value = value;
}

/* Turns "\n" escapes into newlines, in place. */
static void unescape(char *s)
{
    char *o = s;
    for (; *s; s++) {
        if (s[0] == '\\' && s[1] == 'n') {
            *o++ = '\n';
            s++;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
}

static bool in_dir(const struct embedded_file *f, const char *dir)
{
    size_t n = strlen(dir);
    return strncmp(f->name, dir, n) == 0 && !strchr(f->name + n, '/');
}

/* Parses one module's "key = value" lines (text, NUL-terminated, in
 * t->text, which owns the strings put into t). */
static bool parse_module(struct table *t, char *text, const char *name)
{
    int lineno = 0;
    for (char *line = text, *next; line; line = next) {
        lineno++;
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        while (*line == ' ') line++;
        if (*line == '\0' || *line == '#') continue;
        char *eq = strstr(line, " = ");
        if (!eq) {
            log_error("i18n: %s:%d: expected 'key = value'", name, lineno);
            return false;
        }
        *eq = '\0';
        char *value = eq + 3;
        size_t vn = strlen(value);
        while (vn && value[vn - 1] == '\r') value[--vn] = '\0';
        unescape(value);
        put(t, line, value);
    }
    return true;
}

/* Loads every module of one language into t: one buffer holds them all,
 * each NUL-terminated. */
static bool load_one(struct table *t, const char *dir)
{
    size_t total = 0, lines = 1, nfiles = 0;
    for (size_t k = 0; k < embedded_count; k++) {
        const struct embedded_file *f = &embedded_files[k];
        if (!in_dir(f, dir)) continue;
        nfiles++;
        total += f->len + 1;
        for (size_t i = 0; i < f->len; i++) lines += f->data[i] == '\n';
    }
    if (!nfiles) {
        log_error("i18n: %s*.txt is missing", dir);
        return false;
    }
    t->text = xmalloc(total);
    t->nslots = 64;
    while (t->nslots < lines * 2) t->nslots *= 2;
    t->slots = xcalloc(t->nslots, sizeof *t->slots);

    char *at = t->text;
    for (size_t k = 0; k < embedded_count; k++) {
        const struct embedded_file *f = &embedded_files[k];
        if (!in_dir(f, dir)) continue;
        memcpy(at, f->data, f->len);
        at[f->len] = '\0';
        if (!parse_module(t, at, f->name)) return false;
        at += f->len + 1;
    }
    return true;
}

bool i18n_load(void)
{
    i18n_free();
    for (int l = 0; l < LANG_COUNT; l++)
        if (!load_one(&tables[l], dirs[l])) return false;
    return true;
}

void i18n_free(void)
{
    for (int l = 0; l < LANG_COUNT; l++) {
        free(tables[l].slots);
        free(tables[l].text);
        memset(&tables[l], 0, sizeof tables[l]);
    }
}

static const char *lookup(const struct table *t, const char *key)
{
    if (!t->nslots) return NULL;
    size_t i = hash(key) & (t->nslots - 1);
    while (t->slots[i].key) {
        if (strcmp(t->slots[i].key, key) == 0) return t->slots[i].value;
        i = (i + 1) & (t->nslots - 1);
    }
    return NULL;
}

bool i18n_has(enum lang lang, const char *key)
{
    return lookup(&tables[lang], key) != NULL;
}

const char *i18n_get(enum lang lang, const char *key)
{
    const char *v = lookup(&tables[lang], key);
    if (!v && lang != LANG_SV) v = lookup(&tables[LANG_SV], key);
    if (!v) {
        log_error("i18n: missing translation '%s'", key);
        v = key;
    }
    return v;
}

const char *lang_code(enum lang lang)
{
    return lang == LANG_EN ? "en" : "sv";
}
