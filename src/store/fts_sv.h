/* The FTS5 tokenizer "sv" over libstemmer's Swedish stemmer (store/fts_sv.c). */
#ifndef SAMSKAP_STORE_FTS_SV_H
#define SAMSKAP_STORE_FTS_SV_H

#include <sqlite3.h>

/* Registers the tokenizer on connection h; SQLITE_OK or an error. */
int fts_sv_register(sqlite3 *h);

#endif
