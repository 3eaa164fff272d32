/* Issue 12: domain/worddiff.c, the word-level diff between versions. */
#include "testutil.h"
#include "domain/worddiff.h"

/* The diff as "=same -del +ins" runs, for comparing in one string. */
static char *show(arena *a, const char *x, const char *y, struct worddiff *d)
{
    worddiff(a, x, strlen(x), y, strlen(y), d);
    char *s = arena_strdup(a, "");
    for (size_t i = 0; i < d->n; i++) {
        const struct wd_run *r = &d->run[i];
        const char *t = r->len == 2 && r->text[0] == '\n' ? "¶" : arena_strndup(a, r->text, r->len);
        s = arena_printf(a, "%s%s%c%s", s, i ? "|" : "", "=-+"[r->op], t);
    }
    return s;
}

static void basics(void **state)
{
    arena *a = *state;
    struct worddiff d;
    assert_str(show(a, "Vi erhåller ansökan senast fredag.", "Vi får ansökan senast fredag.", &d),
               "=Vi|-erhåller|+får|=ansökan senast fredag.");
    assert_int_equal(d.inserted, 1);
    assert_int_equal(d.deleted, 1);
    assert_str(show(a, "a b c", "a b c", &d), "=a b c");
    assert_int_equal(d.inserted + d.deleted, 0);
    assert_str(show(a, "", "ny text", &d), "+ny text");
    assert_str(show(a, "gammal text", "", &d), "-gammal text");
    assert_str(show(a, "", "", &d), "");
    /* spaces and line breaks inside a paragraph are no change */
    assert_str(show(a, "a  b\nc", "a b c", &d), "=a  b\nc");
    /* a word moved: deleted at one place, inserted at the other */
    assert_str(show(a, "ett två tre", "två tre ett", &d), "-ett|=två tre|+ett");
    /* a new paragraph shows as its break and its words */
    assert_str(show(a, "Första stycket.", "Första stycket.\n\nAndra stycket.", &d),
               "=Första stycket.|+¶|+Andra stycket.");
    assert_int_equal(d.inserted, 3);
}

/* Two long texts: bounded memory, still a correct diff (applying it
 * gives the new text's words back). */
static void long_texts(void **state)
{
    arena *a = *state;
    buf x = {0}, y = {0};
    for (int p = 0; p < 40; p++) {
        for (int w = 0; w < 150; w++) {
            buf_printf(&x, "ord%d ", (p * 7 + w) % 97);
            buf_printf(&y, "ord%d ", (p * 7 + w + (w % 5 == 0)) % 97);
        }
        buf_puts(&x, "\n\n");
        buf_puts(&y, "\n\n");
    }
    struct worddiff d;
    worddiff(a, buf_cstr(&x), x.len, buf_cstr(&y), y.len, &d);
    /* rebuild the new text's words from SAME and INS runs */
    buf got = {0};
    for (size_t i = 0; i < d.n; i++)
        if (d.run[i].op != WD_DEL) {
            buf_add(&got, d.run[i].text, d.run[i].len);
            buf_putc(&got, ' ');
        }
    /* compare words only */
    char *g = arena_strdup(a, buf_cstr(&got)), *w = arena_strdup(a, buf_cstr(&y));
    char *sg, *sw;
    char *tg = strtok_r(g, " \n", &sg), *tw = strtok_r(w, " \n", &sw);
    size_t words = 0;
    while (tg && tw) {
        assert_str(tg, tw);
        tg = strtok_r(NULL, " \n", &sg);
        tw = strtok_r(NULL, " \n", &sw);
        words++;
    }
    assert_null(tg);
    assert_null(tw);
    assert_int_equal(words, 6000);
    /* the changed words are found, not the whole text replaced */
    assert_true(d.inserted < 3000);
    buf_free(&x);
    buf_free(&y);
    buf_free(&got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(basics, testutil_arena_setup, testutil_arena_teardown),
        cmocka_unit_test_setup_teardown(long_texts, testutil_arena_setup, testutil_arena_teardown),
    };
    return cmocka_run_group_tests_name("worddiff", tests, NULL, NULL);
}
