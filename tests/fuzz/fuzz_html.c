/* The escaping writer (src/view/html.c) that every value on every page goes
 * through.
 *
 * Input: byte 0 is a precision for "%.*s", the rest is the text.
 * Checks, beyond ASan/UBSan:
 *   - html_escape / html_escape_n output never holds a raw < > " ' and every
 *     & starts &amp; &lt; &gt; &quot; or &#39;; unescaping gives back the
 *     input byte for byte (nothing lost, nothing added);
 *   - html_fmt escapes every %s and %.*s argument (checked against
 *     html_escape_n of the same bytes) and %c, and prints numbers as printf;
 *   - html_paragraphs writes no markup but <p>, </p> and <br>, and the text
 *     between obeys the escaping rules above. */
#include <inttypes.h>

#include "fuzz_common.h"
#include "view/html.h"

static const char *const ents[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"};
static const char ent_char[] = "&<>\"'";

/* Checks escaped text out[0..n) and returns its unescaped length in *un
 * (writing it to back when back is non-NULL). */
static void check_escaped(const char *out, size_t n, char *back, size_t *un)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = out[i];
        FUZZ_CHECK(c != '<' && c != '>' && c != '"' && c != '\'',
                   "raw '%c' at %zu of the escaped output", c, i);
        if (c == '&') {
            int k = 0;
            for (; k < 5; k++)
                if (n - i >= strlen(ents[k]) && memcmp(out + i, ents[k], strlen(ents[k])) == 0)
                    break;
            FUZZ_CHECK(k < 5, "'&' at %zu does not start an entity: \"%.8s\"", i, out + i);
            if (back) back[o] = ent_char[k];
            o++;
            i += strlen(ents[k]) - 1;
        } else {
            if (back) back[o] = c;
            o++;
        }
    }
    *un = o;
}

static void check_roundtrip(const char *in, size_t n, const buf *b)
{
    char *back = malloc(b->len + 1);
    size_t un;
    check_escaped(b->data ? b->data : "", b->len, back, &un);
    FUZZ_CHECK(un == n && memcmp(back, in, n) == 0, "unescaped output differs from the input");
    free(back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    int prec = (int)(data[0] % 64) - 4; /* includes negative precisions */
    data++;
    size--;
    char *raw = fuzz_copy(data, size);
    char *s = fuzz_cstr(data, size);
    size_t sn = strlen(s);

    /* html_escape_n over raw bytes, NULs included */
    buf b = {0};
    html_escape_n(&b, raw, size);
    check_roundtrip(raw, size, &b);
    buf_free(&b);

    /* html_escape over the C string; NULL writes nothing */
    html_escape(&b, s);
    check_roundtrip(s, sn, &b);
    html_escape(&b, NULL);
    check_roundtrip(s, sn, &b);
    buf_free(&b);

    /* html_fmt: %s in an attribute and in text */
    buf want = {0};
    html_fmt(&b, "<p title=\"%s\">%s</p>", s, s);
    buf_puts(&want, "<p title=\"");
    html_escape(&want, s);
    buf_puts(&want, "\">");
    html_escape(&want, s);
    buf_puts(&want, "</p>");
    FUZZ_CHECK(b.len == want.len && memcmp(b.data, want.data, b.len) == 0, "html_fmt %%s");
    buf_free(&b);
    buf_free(&want);

    /* %.*s with a precision from the input */
    html_fmt(&b, "[%.*s]", prec, s);
    size_t pn = prec < 0 ? sn : strnlen(s, (size_t)prec); /* negative: as if omitted */
    buf_putc(&want, '[');
    html_escape_n(&want, s, pn);
    buf_putc(&want, ']');
    FUZZ_CHECK(b.len == want.len && memcmp(b.data, want.data, b.len) == 0, "html_fmt %%.*s");
    buf_free(&b);
    buf_free(&want);

    /* widths: "%*.*s" pads the unescaped length, "-" or a negative width
     * pads on the right */
    int wd = size ? (int)(data[0] % 48) - 24 : 0;
    html_fmt(&b, "<%*.*s|%-*s>", wd, prec, s, wd, s);
    {
        size_t n1 = prec < 0 ? sn : strnlen(s, (size_t)prec);
        int aw = wd < 0 ? -wd : wd;
        size_t f1 = (size_t)aw > n1 ? (size_t)aw - n1 : 0, f2 = (size_t)aw > sn ? (size_t)aw - sn : 0;
        buf_putc(&want, '<');
        if (wd >= 0)
            for (size_t k = 0; k < f1; k++) buf_putc(&want, ' ');
        html_escape_n(&want, s, n1);
        if (wd < 0)
            for (size_t k = 0; k < f1; k++) buf_putc(&want, ' ');
        buf_putc(&want, '|');
        html_escape_n(&want, s, sn);
        for (size_t k = 0; k < f2; k++) buf_putc(&want, ' ');
        buf_putc(&want, '>');
        FUZZ_CHECK(b.len == want.len && memcmp(b.data, want.data, b.len) == 0,
                   "html_fmt widths: \"%s\" != \"%s\"", buf_cstr(&b), buf_cstr(&want));
        buf_free(&b);
        buf_free(&want);
    }

    /* numbers and %c from the input bytes */
    long long ll = 0;
    memcpy(&ll, data, size < sizeof ll ? size : sizeof ll);
    char c = size && data[0] ? (char)data[0] : 'x'; /* %c of NUL writes nothing */
    html_fmt(&b, "%d|%lld|%zu|%c|%5.2f|%%", prec, ll, sn, c, 1.5);
    char expect[160];
    buf esc = {0};
    char cs[2] = {c, 0};
    html_escape_n(&esc, cs, 1); /* %c writes the byte even when it is NUL */
    int e1 = snprintf(expect, sizeof expect, "%d|%lld|%zu|", prec, ll, sn);
    buf_add(&want, expect, (size_t)e1);
    buf_add(&want, esc.data, esc.len);
    buf_puts(&want, "| 1.50|%");
    FUZZ_CHECK(b.len == want.len && memcmp(b.data, want.data, b.len) == 0,
               "html_fmt numbers: \"%s\" != \"%s\"", buf_cstr(&b), buf_cstr(&want));
    buf_free(&want);
    buf_free(&b);
    buf_free(&esc);

    /* html_paragraphs */
    html_paragraphs(&b, s);
    const char *o = buf_cstr(&b);
    size_t i = 0, text_start = 0;
    while (i < b.len) {
        if (o[i] == '<') {
            size_t tl = strncmp(o + i, "<p>", 3) == 0      ? 3
                        : strncmp(o + i, "</p>", 4) == 0   ? 4
                        : strncmp(o + i, "<br>", 4) == 0   ? 4
                                                            : 0;
            FUZZ_CHECK(tl, "html_paragraphs wrote markup \"%.10s\"", o + i);
            size_t un;
            check_escaped(o + text_start, i - text_start, NULL, &un);
            i += tl;
            text_start = i;
        } else {
            i++;
        }
    }
    size_t un;
    check_escaped(o + text_start, b.len - text_start, NULL, &un);
    buf_free(&b);

    free(s);
    free(raw);
    return 0;
}
