/* Files compiled into the binary by tools/embed.c: migrations, locale
 * files, static assets and demo texts.  One binary, nothing to install. */
#ifndef SAMSKAP_EMBEDDED_H
#define SAMSKAP_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
    const char *name;            /* e.g. "migrations/0001_foundation.sql" */
    const unsigned char *data;   /* NUL-terminated for convenience */
    size_t len;
};

extern const struct embedded_file embedded_files[];
extern const size_t embedded_count;

const struct embedded_file *embedded_find(const char *name);

#endif
