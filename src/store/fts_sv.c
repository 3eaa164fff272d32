/* The FTS5 tokenizer "sv" (SQLite): the words of domain/swedish.c, lower
 * case with å, ä and ö kept, each indexed (and queried) as its Snowball
 * Swedish stem.  Registered on every SQLite connection by sqlite.c, before
 * migrations run, since the search table names it. */
#include <sqlite3.h>
#include <string.h>

#include "domain/swedish.h"
#include "store/fts_sv.h"

struct tok_call {
    void *ctx;
    int (*token)(void *, int, const char *, int, int, int);
    int rc;
};

static bool on_word(void *ctx, const char *w, size_t wlen, size_t start, size_t end)
{
    struct tok_call *c = ctx;
    char stem[SV_WORD_MAX + 8];
    size_t n = sv_stem(w, wlen, stem, sizeof stem);
    c->rc = c->token(c->ctx, 0, stem, (int)n, (int)start, (int)end);
    return c->rc == SQLITE_OK;
}

static int tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
    (void)ctx;
    (void)argv;
    (void)argc;
    static int dummy;
    *out = (Fts5Tokenizer *)&dummy;
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t)
{
    (void)t;
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
                        int (*token)(void *, int, const char *, int, int, int))
{
    (void)t;
    (void)flags;
    struct tok_call c = {ctx, token, SQLITE_OK};
    if (n > 0) sv_words(text, (size_t)n, on_word, &c);
    return c.rc;
}

int fts_sv_register(sqlite3 *h)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK) return SQLITE_ERROR;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (!api || api->iVersion < 2) return SQLITE_ERROR;
    static fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
    return api->xCreateTokenizer(api, "sv", NULL, &tok, NULL);
}
