/* readability_measure, officialese_parse/_find and worddiff
 * (src/domain/readability.c, worddiff.c): any bytes a person pastes.
 *
 * Checks, beyond ASan/UBSan:
 *   - every word and sentence lies inside the text, words in order and not
 *     overlapping, each word inside its sentence;
 *   - the sentences' word counts add up to the words; long words are those
 *     with more than six letters; distinct ≤ words; LIX is finite and at
 *     least words/sentences; OVIX finite when defined;
 *   - the input read as an officialese list parses, and its hits lie
 *     inside the text;
 *   - the diff of the first half against the second gives back both
 *     texts' words (SAME+DEL runs are the old words, SAME+INS the new);
 *   - paragraphs (domain/review.c) lie inside the text in order; a few
 *     bytes taken from a paragraph stand in it (review_quote_in), and a
 *     comment on the unchanged text stays on its paragraph (review_carry). */
#include <math.h>

#include "fuzz_common.h"
#include "domain/readability.h"
#include "domain/review.h"
#include "domain/worddiff.h"

static size_t count_words(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) i++;
        if (i >= n) break;
        w++;
        while (i < n && !(s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) i++;
    }
    return w;
}

static size_t run_words(const struct worddiff *d, enum wd_op skip)
{
    size_t w = 0;
    for (size_t i = 0; i < d->n; i++)
        if (d->run[i].op != skip && !(d->run[i].len == 2 && d->run[i].text[0] == '\n'))
            w += count_words(d->run[i].text, d->run[i].len);
    return w;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_copy(data, size);
    arena *a = arena_new();
    struct readability r;
    readability_measure(a, s, size, &r);
    size_t sum = 0, longs = 0, prev_end = 0;
    for (size_t k = 0; k < r.words; k++) {
        const struct rd_word *w = &r.word[k];
        FUZZ_CHECK(w->len > 0 && w->off >= prev_end && w->off + w->len <= size,
                   "word %zu at %zu+%zu", k, w->off, w->len);
        prev_end = w->off + w->len;
        FUZZ_CHECK(w->sentence < r.sentences, "word %zu in sentence %u", k, w->sentence);
        const struct rd_sentence *st = &r.sentence[w->sentence];
        FUZZ_CHECK(w->off >= st->off && w->off + w->len <= st->off + st->len,
                   "word %zu outside its sentence", k);
        FUZZ_CHECK(w->is_long == (w->letters > RD_LONG_WORD), "long flag of word %zu", k);
        FUZZ_CHECK(w->letters <= w->len, "letters of word %zu", k);
        longs += w->is_long;
    }
    for (size_t k = 0; k < r.sentences; k++) {
        FUZZ_CHECK(r.sentence[k].words > 0, "empty sentence %zu", k);
        FUZZ_CHECK(r.sentence[k].off + r.sentence[k].len <= size, "sentence %zu beyond", k);
        sum += r.sentence[k].words;
    }
    FUZZ_CHECK(sum == r.words, "sentences hold %zu words of %zu", sum, r.words);
    FUZZ_CHECK(longs == r.long_words, "long words %zu vs %zu", longs, r.long_words);
    FUZZ_CHECK(r.distinct <= r.words, "distinct %zu > words %zu", r.distinct, r.words);
    FUZZ_CHECK(isfinite(r.lix) && r.lix >= 0, "lix %f", r.lix);
    if (r.words) FUZZ_CHECK(r.lix + 1e-9 >= r.mean_sentence && r.lix <= r.mean_sentence + 100.0 + 1e-9, "lix %f", r.lix);
    if (r.ovix_defined) FUZZ_CHECK(isfinite(r.ovix) && r.ovix > 0, "ovix %f", r.ovix);

    struct officialese_list l;
    officialese_parse(a, s, size, &l);
    struct officialese_hit *h;
    size_t nh;
    officialese_find(a, s, &r, &l, &h, &nh);
    for (size_t k = 0; k < nh; k++)
        FUZZ_CHECK(h[k].first_word + h[k].nwords <= r.words && h[k].nwords > 0, "hit %zu", k);

    size_t half = size / 2;
    struct worddiff d;
    worddiff(a, s, half, s + half, size - half, &d);
    FUZZ_CHECK(run_words(&d, WD_INS) == count_words(s, half), "old words not kept");
    FUZZ_CHECK(run_words(&d, WD_DEL) == count_words(s + half, size - half), "new words not kept");
    /* paragraphs and quotes: on a NUL-terminated copy */
    char *z = fuzz_cstr(data, size);
    size_t np;
    struct review_par *ps = review_paragraphs(a, z, &np);
    size_t zl = strlen(z), prev = 0;
    for (size_t k = 0; k < np; k++) {
        FUZZ_CHECK(ps[k].len > 0 && ps[k].off >= prev && ps[k].off + ps[k].len <= zl, "paragraph %zu", k);
        prev = ps[k].off + ps[k].len;
        size_t ql = ps[k].len < 12 ? ps[k].len : 12;
        char *q = arena_strndup(a, z + ps[k].off, ql);
        bool blank = true;
        for (const char *c = q; *c; c++)
            if (!(*c == ' ' || *c == '\t' || *c == '\r' || *c == '\n')) blank = false;
        if (blank) continue;
        FUZZ_CHECK(review_quote_in(a, z, (int64_t)k + 1, q), "quote of paragraph %zu not in it", k);
        int64_t at = review_carry(a, z, z, (int64_t)k + 1, q);
        FUZZ_CHECK(at == (int64_t)k + 1, "carried from %zu to %lld on the same text", k + 1, (long long)at);
        FUZZ_CHECK(review_carry(a, z, z, (int64_t)k + 1, "") == (int64_t)k + 1, "no-quote carry of %zu", k + 1);
    }
    free(z);
    arena_free(a);
    free(s);
    return 0;
}
