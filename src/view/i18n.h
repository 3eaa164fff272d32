/* Interface strings.  Every text a person reads comes from
 * locale/sv/<module>.txt (the default) or locale/en/<module>.txt,
 * "key = value" lines embedded in the binary; all modules of a language
 * form one table (core.txt: what every page shares; one file per page
 * family).  A key missing from English falls back to Swedish; a key missing
 * everywhere is logged as an error and shown as the key itself, which the
 * HTTP tests catch. */
#ifndef SAMSKAP_I18N_H
#define SAMSKAP_I18N_H

#include <stdbool.h>

enum lang { LANG_SV, LANG_EN, LANG_COUNT };

/* Loads the embedded locale files.  False (and a log line) on a malformed
 * file.  Call once before serving. */
bool i18n_load(void);
void i18n_free(void);

const char *i18n_get(enum lang lang, const char *key);
bool i18n_has(enum lang lang, const char *key);
const char *lang_code(enum lang lang);  /* "sv" / "en" */

#endif
