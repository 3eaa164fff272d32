/* src/util/text.c: the helpers every form field and URL goes through.
 *
 * Input: byte 0 picks the slug's maximum length (1..128), the rest is the
 * text.  Runs each function on an exact-size copy (ASan sees a one-byte
 * over-read; fuzz_arena.c gives each arena allocation its own heap block, so
 * it sees a one-byte over-write too) and checks:
 *   utf8_valid     agrees with an independent validator (fuzz_common.h),
 *                  on the raw bytes and on every prefix length the fuzzer
 *                  hits; utf8_len counts code points of valid text
 *   text_clean     no '\r' in the output, no leading or trailing ASCII
 *                  whitespace, never longer than the input, valid UTF-8 in
 *                  gives valid UTF-8 out
 *   text_slug      only [a-z0-9-], never empty, at most max bytes, no
 *                  leading, trailing or doubled '-'
 *   text_fold      same length, no ASCII upper case left, idempotent, valid
 *                  UTF-8 in gives valid UTF-8 out
 *   text_sort_key  no ASCII upper case, never longer than the input, valid
 *                  UTF-8 in gives valid UTF-8 out
 *   like_pattern   "%" + the key with every %, _ and \ escaped + "%"
 *   url_decode     NULL exactly when an escape is malformed; otherwise the
 *                  output equals an independent decoder's, *out_len bytes
 *                  and a NUL after them, never past its allocation
 *   url_encode     only unreserved characters and %XX, and decodes back
 *   text_has_control agrees with a byte-wise reference
 *   parse_i64      agrees with a reference that accepts -?[0-9]+ in range
 *   is_local_path  a path it accepts starts with one '/', has no '//'
 *                  prefix, no backslash and no control byte */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>

#include "fuzz_common.h"
#include "util/text.h"

static int hexv(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Reference percent-decoder: returns false on a malformed escape. */
static bool ref_decode(const char *s, size_t n, bool plus, char *out, size_t *olen)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            if (n - i < 3) return false;
            int hi = hexv((unsigned char)s[i + 1]), lo = hexv((unsigned char)s[i + 2]);
            if (hi < 0 || lo < 0) return false;
            out[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            out[o++] = (plus && c == '+') ? ' ' : (char)c;
        }
    }
    *olen = o;
    return true;
}

static bool ref_has_control(const char *str, bool multiline)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t n = strlen(str);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c < 0x20 && !(multiline && (c == '\t' || c == '\n' || c == '\r'))) return true;
        if (c == 0x7F) return true;
        if (c == 0xC2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F) return true;
        /* noncharacters U+FFFE/U+FFFF and the invisible direction
         * controls U+202A..202E, U+2066..2069 */
        if (c == 0xEF && i + 2 < n && s[i + 1] == 0xBF && (s[i + 2] == 0xBE || s[i + 2] == 0xBF)) return true;
        if (c == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && s[i + 2] >= 0xAA && s[i + 2] <= 0xAE) return true;
        if (c == 0xE2 && i + 2 < n && s[i + 1] == 0x81 && s[i + 2] >= 0xA6 && s[i + 2] <= 0xA9) return true;
    }
    return false;
}

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void check_i64(const char *s)
{
    int64_t v = 12345, want = 0;
    bool got = parse_i64(s, &v);
    /* reference: -?[0-9]+ that fits, accumulated with overflow checks */
    bool ok = *s != '\0';
    const char *p = s;
    bool neg = *p == '-';
    if (neg) p++;
    if (!*p) ok = false;
    for (const char *q = p; ok && *q; q++) {
        if (*q < '0' || *q > '9') { ok = false; break; }
        int d = *q - '0';
        if (__builtin_mul_overflow(want, 10, &want) ||
            (neg ? __builtin_sub_overflow(want, d, &want) : __builtin_add_overflow(want, d, &want)))
            ok = false;
    }
    FUZZ_CHECK(got == ok, "parse_i64(\"%s\") = %d, reference %d", s, got, ok);
    if (ok) FUZZ_CHECK(v == want, "parse_i64(\"%s\") = %" PRId64 ", want %" PRId64, s, v, want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    size_t max = (size_t)(data[0] % 128) + 1;
    data++;
    size--;

    char *raw = fuzz_copy(data, size);   /* raw bytes, may hold NUL */
    char *s = fuzz_cstr(data, size);     /* the C string a field would be */
    size_t sn = strlen(s);
    arena *a = arena_new();

    /* utf8_valid, utf8_len */
    bool valid = utf8_valid(raw, size);
    FUZZ_CHECK(valid == fuzz_utf8_ok(raw, size), "utf8_valid=%d on %zu bytes", valid, size);
    size_t cut = max < size ? max : size; /* a prefix, ending anywhere */
    FUZZ_CHECK(utf8_valid(raw, cut) == fuzz_utf8_ok(raw, cut), "utf8_valid prefix %zu", cut);
    bool svalid = utf8_valid(s, sn);
    if (svalid) {
        size_t cps = 0;
        for (size_t i = 0; i < sn; i++) cps += ((unsigned char)s[i] & 0xC0) != 0x80;
        FUZZ_CHECK(utf8_len(s) == cps, "utf8_len %zu != %zu", utf8_len(s), cps);
    }

    /* text_has_control */
    for (int ml = 0; ml < 2; ml++)
        FUZZ_CHECK(text_has_control(s, ml) == ref_has_control(s, ml), "text_has_control(ml=%d)", ml);

    /* text_clean */
    char *c = text_clean(a, s);
    size_t cn = strlen(c);
    FUZZ_CHECK(!strchr(c, '\r'), "text_clean left a \\r");
    FUZZ_CHECK(cn <= sn, "text_clean grew %zu -> %zu", sn, cn);
    FUZZ_CHECK(cn == 0 || (!is_ws(c[0]) && !is_ws(c[cn - 1])), "text_clean did not trim");
    if (svalid) FUZZ_CHECK(utf8_valid(c, cn), "text_clean broke UTF-8");

    /* text_slug */
    char *slug = text_slug(a, s, max);
    size_t gn = strlen(slug);
    FUZZ_CHECK(gn > 0, "empty slug");
    FUZZ_CHECK(gn <= max, "slug of %zu bytes > max %zu", gn, max);
    for (size_t i = 0; i < gn; i++)
        FUZZ_CHECK((slug[i] >= 'a' && slug[i] <= 'z') || (slug[i] >= '0' && slug[i] <= '9') ||
                       slug[i] == '-',
                   "slug \"%s\" has byte 0x%02x", slug, (unsigned char)slug[i]);
    FUZZ_CHECK(slug[0] != '-' && slug[gn - 1] != '-' && !strstr(slug, "--"),
               "slug \"%s\" has a stray '-'", slug);

    /* text_fold */
    char *f = text_fold(a, s);
    FUZZ_CHECK(strlen(f) == sn, "text_fold changed the length");
    for (size_t i = 0; i < sn; i++)
        FUZZ_CHECK(!(f[i] >= 'A' && f[i] <= 'Z'), "text_fold left upper case");
    FUZZ_CHECK(strcmp(text_fold(a, f), f) == 0, "text_fold not idempotent");
    if (svalid) FUZZ_CHECK(utf8_valid(f, sn), "text_fold broke UTF-8");

    /* text_sort_key */
    char *k = text_sort_key(a, s);
    size_t kn = strlen(k);
    FUZZ_CHECK(kn <= sn, "text_sort_key grew %zu -> %zu", sn, kn);
    for (size_t i = 0; i < kn; i++) FUZZ_CHECK(!(k[i] >= 'A' && k[i] <= 'Z'), "sort key upper case");
    if (svalid) FUZZ_CHECK(utf8_valid(k, kn), "text_sort_key broke UTF-8");

    /* like_pattern */
    char *lp = like_pattern(a, s);
    size_t ln = strlen(lp), u = 0;
    FUZZ_CHECK(ln >= 2 && lp[0] == '%' && lp[ln - 1] == '%', "like_pattern \"%s\"", lp);
    for (size_t i = 1; i + 1 < ln; i++) {
        char ch = lp[i];
        if (ch == '\\') {
            FUZZ_CHECK(i + 2 < ln && strchr("%_\\", lp[i + 1]), "like_pattern: stray escape");
            ch = lp[++i];
        } else {
            FUZZ_CHECK(ch != '%' && ch != '_', "like_pattern: unescaped '%c'", ch);
        }
        FUZZ_CHECK(u < sn && s[u] == ch, "like_pattern does not hold the key");
        u++;
    }
    FUZZ_CHECK(u == sn, "like_pattern lost bytes");

    /* url_decode, both modes, on the raw bytes */
    char *ref = malloc(size + 1);
    for (int plus = 0; plus < 2; plus++) {
        size_t olen = (size_t)-1, rlen = 0;
        char *d = url_decode(a, raw, size, plus, &olen);
        bool rok = ref_decode(raw, size, plus, ref, &rlen);
        FUZZ_CHECK((d != NULL) == rok, "url_decode(plus=%d) %s, reference %s", plus,
                   d ? "decoded" : "refused", rok ? "decodes" : "refuses");
        if (d) {
            FUZZ_CHECK(olen == rlen && olen <= size, "url_decode length %zu, want %zu", olen, rlen);
            FUZZ_CHECK(memcmp(d, ref, olen) == 0 && d[olen] == '\0', "url_decode output differs");
        }
        FUZZ_CHECK(url_decode(a, raw, size, plus, NULL) == NULL || rok, "url_decode NULL out_len");
    }
    free(ref);

    /* url_encode round trip */
    char *e = url_encode(a, s);
    for (const char *p = e; *p; p++)
        FUZZ_CHECK(isalnum((unsigned char)*p) || strchr("-_.~%", *p), "url_encode left 0x%02x",
                   (unsigned char)*p);
    size_t dl = 0;
    char *back = url_decode(a, e, strlen(e), false, &dl);
    FUZZ_CHECK(back && dl == sn && memcmp(back, s, sn) == 0, "url_encode does not round-trip");

    /* hex_encode, starts_with */
    char *hx = hex_encode(a, (const unsigned char *)raw, size);
    FUZZ_CHECK(strlen(hx) == 2 * size, "hex_encode length");
    FUZZ_CHECK(starts_with(s, "") && starts_with(s, c) == (strncmp(s, c, cn) == 0), "starts_with");

    /* is_local_path */
    if (is_local_path(s)) {
        FUZZ_CHECK(s[0] == '/' && s[1] != '/' && s[1] != '\\' && !strchr(s, '\\'),
                   "is_local_path accepted \"%s\"", s);
        for (size_t i = 0; i < sn; i++)
            FUZZ_CHECK((unsigned char)s[i] >= 0x20 && s[i] != 0x7F, "is_local_path: control byte");
    }

    /* parse_i64 on the text and on short cuts of it */
    check_i64(s);
    if (sn > 20) {
        char tmp[24];
        memcpy(tmp, s, 20);
        tmp[20] = '\0';
        check_i64(tmp);
    }

    arena_free(a);
    free(s);
    free(raw);
    return 0;
}
