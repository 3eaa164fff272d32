/* Issue 12: domain/readability.c on hand-worked texts.  Every expected
 * figure is worked out in the comment beside it (words / sentences + 100 ×
 * long words / words), so a change in the counting rules shows here. */
#include <math.h>
#include <time.h>

#include "testutil.h"
#include "domain/readability.h"
#include "util/embedded.h"

static struct readability measure(arena *a, const char *s)
{
    struct readability r;
    readability_measure(a, s, strlen(s), &r);
    return r;
}

#define assert_near(got, want) \
    do { \
        double g_ = (got), w_ = (want); \
        if (fabs(g_ - w_) > 0.005) fail_msg("%s: got %.4f, want %.4f", #got, g_, w_); \
    } while (0)

static char *word_at(arena *a, const char *s, const struct readability *r, size_t k)
{
    return arena_strndup(a, s + r->word[k].off, r->word[k].len);
}

/* The issue's example: four sentences, each "a bc def ghij klmno pqrstu
 * vxyzåäö." — 7 words each, one long (vxyzåäö: 7 letters, å ä ö count). */
static void issue_example(void **state)
{
    arena *a = *state;
    const char *s = "a bc def ghij klmno pqrstu vxyzåäö. a bc def ghij klmno pqrstu vxyzåäö. "
                    "a bc def ghij klmno pqrstu vxyzåäö. a bc def ghij klmno pqrstu vxyzåäö.";
    struct readability r = measure(a, s);
    assert_int_equal(r.words, 28);
    assert_int_equal(r.sentences, 4);
    assert_int_equal(r.long_words, 4);
    /* 28 / 4 + 100 × 4 / 28 = 7 + 14.2857 = 21.29 */
    assert_near(r.lix, 7.0 + 400.0 / 28.0);
    assert_near(r.lix, 21.29);
    assert_str(lix_band(r.lix), "klarsprak.band.mycket_latt");
    /* letters: (1+2+3+4+5+6+7) × 4 = 112 */
    assert_int_equal(r.letters, 112);
    assert_int_equal(r.word[6].letters, 7);
    assert_true(r.word[6].is_long);
    assert_false(r.word[5].is_long);  /* pqrstu: 6 letters is not long */
    assert_str(word_at(a, s, &r, 6), "vxyzåäö");
    /* OVIX: 7 distinct of 28: log 28 / log(2 − log 7 / log 28) = 9.58 */
    assert_int_equal(r.distinct, 7);
    assert_true(r.ovix_defined);
    assert_near(r.ovix, log(28.0) / log(2.0 - log(7.0) / log(28.0)));
    assert_near(r.ovix, 9.58);
    assert_near(r.mean_sentence, 7.0);
    assert_int_equal(r.longest_sentence, 7);
    assert_int_equal(r.long_sentences, 0);
    /* each sentence runs from its first word to its full stop */
    assert_int_equal(r.sentence[1].off, strlen("a bc def ghij klmno pqrstu vxyzåäö. "));
    assert_int_equal(r.sentence[1].len, strlen("a bc def ghij klmno pqrstu vxyzåäö."));
}

static void bands(void **state)
{
    (void)state;
    assert_str(lix_band(0), "klarsprak.band.mycket_latt");
    assert_str(lix_band(29.99), "klarsprak.band.mycket_latt");
    assert_str(lix_band(30), "klarsprak.band.latt");
    assert_str(lix_band(40), "klarsprak.band.medel");
    assert_str(lix_band(50), "klarsprak.band.svar");
    assert_str(lix_band(59.9), "klarsprak.band.svar");
    assert_str(lix_band(60), "klarsprak.band.mycket_svar");
}

static void abbreviations(void **state)
{
    arena *a = *state;
    /* Ta med t.ex mat kläder m.m | Vi ses kl 10.30 i Helsingborg
     * 6 + 6 = 12 words; "m.m." before a capital ends the sentence, "t.ex."
     * and "kl." do not.  Long: Helsingborg (11).  12/2 + 100 × 1/12 = 14.33 */
    const char *s = "Ta med t.ex. mat, kläder m.m. Vi ses kl. 10.30 i Helsingborg.";
    struct readability r = measure(a, s);
    assert_int_equal(r.words, 12);
    assert_int_equal(r.sentences, 2);
    assert_int_equal(r.long_words, 1);
    assert_near(r.lix, 6.0 + 100.0 / 12.0);
    assert_str(word_at(a, s, &r, 2), "t.ex");
    assert_str(word_at(a, s, &r, 5), "m.m");
    assert_str(word_at(a, s, &r, 9), "10.30");
    assert_int_equal(r.sentence[0].words, 6);

    /* "bl.a." never ends a sentence, not even before a name */
    r = measure(a, "Vi träffar bl.a. Anna och Omar. Dvs. alla kom.");
    assert_int_equal(r.sentences, 2);
    assert_int_equal(r.words, 9);
    /* "m.m." before a small letter does not end one either */
    r = measure(a, "Vi köper mat m.m. och dricker kaffe.");
    assert_int_equal(r.sentences, 1);
    /* at the end of the text it ends the sentence it is in */
    r = measure(a, "Vi köper mat osv. Sedan går vi hem etc.");
    assert_int_equal(r.sentences, 2);
    assert_true(rd_is_abbreviation("T.ex", 4));
    assert_true(rd_is_abbreviation("dvs", 3));
    assert_false(rd_is_abbreviation("hus", 3));
}

static void numbers(void **state)
{
    arena *a = *state;
    /* Det kostar [1 250,50] kr och 2024 blev bra: 8 words, the number read
     * as one word with no letters, so never long; "kostar" has 6 letters. */
    const char *s = "Det kostar 1 250,50 kr och 2024 blev bra.";
    struct readability r = measure(a, s);
    assert_int_equal(r.words, 8);
    assert_int_equal(r.sentences, 1);
    assert_int_equal(r.long_words, 0);
    assert_str(word_at(a, s, &r, 2), "1 250,50");
    assert_int_equal(r.word[2].letters, 0);
    assert_near(r.lix, 8.0);
    /* a year at the end of a sentence: the full stop ends it */
    r = measure(a, "Det hände 2024. Sedan 2025.");
    assert_int_equal(r.sentences, 2);
    assert_int_equal(r.words, 5);
    /* only numbers: 1 2 3 4 are four words; ordinals and genitives whole */
    r = measure(a, "1 2 3 4");
    assert_int_equal(r.words, 4);
    assert_int_equal(r.sentences, 1);
    assert_int_equal(r.letters, 0);
    assert_near(r.lix, 4.0);
    r = measure(a, "Den 3:e maj gick EU:s e-post ut.");
    assert_int_equal(r.words, 7);
    assert_int_equal(r.word[1].letters, 1);  /* 3:e */
    assert_int_equal(r.word[4].letters, 3);  /* EU:s */
    assert_int_equal(r.word[5].letters, 5);  /* e-post */
}

static void lists_and_headings(void **state)
{
    arena *a = *state;
    /* heading (3 words) | Du behöver: (2) | three items of 2 words:
     * 11 words, 5 sentences, one long word (behöver, 7 letters):
     * 11/5 + 100 × 1/11 = 2.2 + 9.09 = 11.29 */
    const char *s = "# Så söker du\n\nDu behöver:\n\n- ett konto\n- en idé\n- en budget\n";
    struct readability r = measure(a, s);
    assert_int_equal(r.words, 11);
    assert_int_equal(r.sentences, 5);
    assert_int_equal(r.long_words, 1);
    assert_near(r.lix, 2.2 + 100.0 / 11.0);
    assert_int_equal(r.paragraphs, 3);
    assert_int_equal(r.sentence[4].paragraph, 3);
    assert_str(arena_strndup(a, s + r.sentence[0].off, r.sentence[0].len), "Så söker du");
    /* numbered items: the marker is no word.  Fyll i formuläret | Skicka det:
     * 5 words, 2 sentences, formuläret (10 letters) long: 5/2 + 100/5 = 22.5 */
    r = measure(a, "1. Fyll i formuläret\n2) Skicka det");
    assert_int_equal(r.words, 5);
    assert_int_equal(r.sentences, 2);
    assert_int_equal(r.long_words, 1);
    assert_near(r.lix, 22.5);
    /* bullets and a paragraph that wraps over lines without a full stop */
    r = measure(a, "• ett\n• två\n\nen rad\nsom fortsätter");
    assert_int_equal(r.sentences, 3);
    assert_int_equal(r.sentence[2].words, 4);
}

static void unicode_letters(void **state)
{
    arena *a = *state;
    /* Åskväder: 8 letters (long); café 4; "cafe" + combining acute: 4;
     * Ölet 4; Ωμέγα 5; Пример 6 */
    struct readability r = measure(a, "Åskväder café cafe\xcc\x81 Ölet Ωμέγα Пример.");
    assert_int_equal(r.words, 6);
    assert_int_equal(r.word[0].letters, 8);
    assert_true(r.word[0].is_long);
    assert_int_equal(r.word[1].letters, 4);
    assert_int_equal(r.word[2].letters, 4);
    assert_int_equal(r.word[3].letters, 4);
    assert_int_equal(r.word[4].letters, 5);
    assert_int_equal(r.word[5].letters, 6);
    /* folding: Öl and öl are the same word */
    r = measure(a, "Öl öl ÖL");
    assert_int_equal(r.distinct, 1);
    assert_str(r.word[2].fold, "öl");
    /* all distinct: OVIX undefined */
    r = measure(a, "Ett två tre.");
    assert_false(r.ovix_defined);
}

static void bad_texts(void **state)
{
    arena *a = *state;
    struct readability r = measure(a, "");
    assert_int_equal(r.words, 0);
    assert_int_equal(r.sentences, 0);
    assert_near(r.lix, 0);
    r = measure(a, "!!! ... ??? — ; : …");
    assert_int_equal(r.words, 0);
    assert_int_equal(r.sentences, 0);
    /* invalid UTF-8 is a separator, never a crash */
    r = measure(a, "ord\xff\xfeord \xc3");
    assert_int_equal(r.words, 2);
    /* one endless sentence of 3000 words */
    size_t n = 3000;
    char *s = arena_alloc(a, n * 4 + 1);
    for (size_t k = 0; k < n; k++) memcpy(s + k * 4, "ord ", 4);
    r = measure(a, s);
    assert_int_equal(r.words, 3000);
    assert_int_equal(r.sentences, 1);
    assert_int_equal(r.longest_sentence, 3000);
    assert_int_equal(r.long_sentences, 1);
    /* 26 words and a full stop: one long sentence; 25 is not */
    r = measure(a, "a a a a a a a a a a a a a a a a a a a a a a a a a a. "
                   "b b b b b b b b b b b b b b b b b b b b b b b b b.");
    assert_int_equal(r.sentences, 2);
    assert_int_equal(r.long_sentences, 1);
    assert_int_equal(r.longest_sentence, 26);
    /* questions, exclamations, an ellipsis and a run of marks */
    r = measure(a, "Kommer du? Ja!! Bra… Okej?!");
    assert_int_equal(r.sentences, 4);
}

static void officialese(void **state)
{
    arena *a = *state;
    const char *list = "# kommentar\nangående = om\nerhålla, erhåller, erhöll = få\n"
                       "i enlighet med = enligt\ntrasig rad utan likhetstecken\n = tom\n";
    struct officialese_list l;
    officialese_parse(a, list, strlen(list), &l);
    assert_int_equal(l.n, 3);
    assert_int_equal(l.e[1].nforms, 3);
    assert_str(l.e[2].words[0], "i enlighet med");
    assert_int_equal(l.e[2].nwords[0], 3);
    const char *s = "Angående ansökan: du erhåller svar i enlighet med reglerna. Enlighet.";
    struct readability r = measure(a, s);
    struct officialese_hit *h;
    size_t n;
    officialese_find(a, s, &r, &l, &h, &n);
    assert_int_equal(n, 3);
    assert_int_equal(h[0].first_word, 0);
    assert_str(h[0].entry->alternative, "om");
    assert_int_equal(h[1].first_word, 3);
    assert_str(h[1].entry->alternative, "få");
    assert_int_equal(h[2].first_word, 5);
    assert_int_equal(h[2].nwords, 3);
    assert_str(h[2].entry->alternative, "enligt");

    /* the shipped list parses and knows the issue's four examples */
    const struct embedded_file *f = embedded_find("data/klarsprak/ord.txt");
    assert_non_null(f);
    officialese_parse(a, (const char *)f->data, f->len, &l);
    assert_true(l.n >= 40);
    s = "Angående detta ska du erhålla ett svar i enlighet med reglerna. "
        "Vi tillhandahåller stöd.";
    r = measure(a, s);
    officialese_find(a, s, &r, &l, &h, &n);
    assert_int_equal(n, 4);
    assert_str(h[3].entry->alternative, "ge, erbjuda");
}

/* 2 000 words measured and searched for officialese in under 10 ms. */
static void speed(void **state)
{
    arena *a = *state;
    const char *para = "Klarspråksgruppen består av personer med egen erfarenhet av sociala "
                       "tjänster som granskar våra texter, t.ex. brev och utlysningar. "
                       "Angående ansökan ska du erhålla svar i enlighet med reglerna. ";
    buf b = {0};
    struct readability r;
    while (1) {
        buf_puts(&b, para);
        readability_measure(a, buf_cstr(&b), b.len, &r);
        if (r.words >= 2000) break;
    }
    const struct embedded_file *f = embedded_find("data/klarsprak/ord.txt");
    struct officialese_list l;
    officialese_parse(a, (const char *)f->data, f->len, &l);
    /* the best of 20 rounds: a shared machine's other work is not ours */
    int rounds = 20;
    size_t hits = 0;
    double ms = 1e9;
    for (int k = 0; k < rounds; k++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        arena *x = arena_new();
        readability_measure(x, buf_cstr(&b), b.len, &r);
        struct officialese_hit *h;
        size_t n;
        officialese_find(x, buf_cstr(&b), &r, &l, &h, &n);
        hits = n;
        arena_free(x);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double t = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
        if (t < ms) ms = t;
    }
    assert_true(hits > 50);
#if defined(__SANITIZE_ADDRESS__)
    double limit = 100;  /* sanitizers slow everything down several times */
#else
    double limit = 10;
#endif
    if (ms > limit) fail_msg("2000 words took %.2f ms", ms);
    printf("# 2000 words: %.3f ms\n", ms);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(issue_example, testutil_arena_setup, testutil_arena_teardown),
        cmocka_unit_test(bands),
        cmocka_unit_test_setup_teardown(abbreviations, testutil_arena_setup, testutil_arena_teardown),
        cmocka_unit_test_setup_teardown(numbers, testutil_arena_setup, testutil_arena_teardown),
        cmocka_unit_test_setup_teardown(lists_and_headings, testutil_arena_setup, testutil_arena_teardown),
        cmocka_unit_test_setup_teardown(unicode_letters, testutil_arena_setup, testutil_arena_teardown),
        cmocka_unit_test_setup_teardown(bad_texts, testutil_arena_setup, testutil_arena_teardown),
        cmocka_unit_test_setup_teardown(officialese, testutil_arena_setup, testutil_arena_teardown),
        cmocka_unit_test_setup_teardown(speed, testutil_arena_setup, testutil_arena_teardown),
    };
    return cmocka_run_group_tests_name("readability", tests, NULL, NULL);
}
