/* Markdown (posts, information pages) through cmark. */
#ifndef SAMSKAP_MARKDOWN_H
#define SAMSKAP_MARKDOWN_H

#include <stddef.h>

#include "util/mem.h"

/* Markdown to HTML with cmark's safe defaults: raw HTML is dropped and
 * javascript:/vbscript:/file:/data: links are blanked.  NULL on failure. */
char *markdown_to_html(arena *a, const char *md);

/* All the text a reader sees, with block breaks as newlines: what the
 * personal identity number check must look at, since escapes, entities
 * and emphasis can join digits that are apart in the source. */
char *markdown_plain(arena *a, const char *md);

/* The first paragraph's plain text, shortened to max characters. */
char *markdown_summary(arena *a, const char *md, size_t max_chars);

#endif
