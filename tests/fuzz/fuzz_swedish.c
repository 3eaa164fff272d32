/* The words of search queries and texts (src/domain/swedish.c): any bytes
 * a person may type into the search box or write into a published text.
 *
 * Checks, beyond ASan/UBSan (the input is an exact-size copy):
 *   - every word is lower-case valid UTF-8 of at most SV_WORD_MAX bytes, its
 *     range lies inside the text, ranges are in order and do not overlap;
 *   - stemming and folding never grow a word past their buffers and give
 *     valid UTF-8;
 *   - the edit distance is symmetric, 0 to itself, and within the bound. */
#include "fuzz_common.h"
#include "domain/swedish.h"
#include "util/text.h"

struct seen {
    size_t last_end;
    const char *prev;
    char prev_buf[SV_WORD_MAX + 4];
};

static bool on_word(void *ctx, const char *w, size_t wlen, size_t start, size_t end)
{
    struct seen *s = ctx;
    if (wlen > SV_WORD_MAX || strlen(w) != wlen || !utf8_valid(w, wlen)) abort();
    if (start < s->last_end || end <= start) abort();
    for (size_t i = 0; i < wlen; i++)
        if (w[i] >= 'A' && w[i] <= 'Z') abort();
    s->last_end = end;
    char stem[SV_WORD_MAX + 8], fold[SV_WORD_MAX * 2];
    size_t n = sv_stem(w, wlen, stem, sizeof stem);
    if (n >= sizeof stem || !utf8_valid(stem, n)) abort();
    n = sv_fold(w, fold, sizeof fold);
    if (n >= sizeof fold || !utf8_valid(fold, n)) abort();
    if (sv_edit_distance(w, w, 2) != 0) abort();
    if (s->prev) {
        int a = sv_edit_distance(w, s->prev, 2), b = sv_edit_distance(s->prev, w, 2);
        if (a != b || a < 0 || a > 3) abort();
    }
    memcpy(s->prev_buf, w, wlen + 1);
    s->prev = s->prev_buf;
    (void)sv_stopword(w);
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size ? size : 1);
    if (size) memcpy(copy, data, size);
    struct seen s = {0};
    sv_words(copy, size, on_word, &s);
    free(copy);
    return 0;
}
