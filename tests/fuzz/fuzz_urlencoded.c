/* parse_urlencoded (src/http/parse.c): query strings and
 * application/x-www-form-urlencoded bodies, straight from the client.
 *
 * Checks, beyond ASan/UBSan: at most PARSE_MAX_FIELDS fields; every name is
 * a NUL-free (possibly empty: "=v"), valid UTF-8 C string; every value is NUL-terminated
 * at value[len]; ok is exactly "valid UTF-8 without NUL"; a decoded name or
 * value is never longer than the input; kv_get finds the first of a name. */
#include "fuzz_common.h"
#include "http/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_copy(data, size);
    arena *a = arena_new();
    struct kvlist l = {0};
    parse_urlencoded(a, s, size, &l);

    FUZZ_CHECK(l.n <= PARSE_MAX_FIELDS, "%zu fields", l.n);
    FUZZ_CHECK(l.n <= l.cap, "n %zu > cap %zu", l.n, l.cap);
    for (size_t i = 0; i < l.n; i++) {
        const struct kv *kv = &l.items[i];
        FUZZ_CHECK(kv->name && kv->value, "field %zu has a NULL name or value", i);
        size_t nl = strlen(kv->name);
        FUZZ_CHECK(nl <= size, "field %zu: name length %zu", i, nl);
        FUZZ_CHECK(fuzz_utf8_ok(kv->name, nl), "field %zu: name not UTF-8", i);
        FUZZ_CHECK(kv->len <= size, "field %zu: value length %zu > input %zu", i, kv->len, size);
        FUZZ_CHECK(kv->value[kv->len] == '\0', "field %zu: value not terminated", i);
        FUZZ_CHECK(kv->ok == fuzz_utf8_ok(kv->value, kv->len), "field %zu: ok=%d wrong", i, kv->ok);
        const struct kv *first = kv_get(&l, kv->name);
        FUZZ_CHECK(first && first <= kv && strcmp(first->name, kv->name) == 0,
                   "kv_get(%s) did not find the first", kv->name);
    }

    /* The same bytes as a query string inside a larger buffer: the parser
     * must stop at n. */
    if (size > 1) {
        struct kvlist l2 = {0};
        parse_urlencoded(a, s, size / 2, &l2);
        FUZZ_CHECK(l2.n <= PARSE_MAX_FIELDS, "%zu fields", l2.n);
    }
    arena_free(a);
    free(s);
    return 0;
}
