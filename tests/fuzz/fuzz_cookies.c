/* parse_cookies (src/http/parse.c): the Cookie request header, on every
 * request, before anything else is looked at.
 *
 * Checks, beyond ASan/UBSan: at most 64 cookies; names are non-empty, and
 * neither names nor values hold ';'; names do not end in a space nor start
 * with a space, tab or ';'; value[len] is NUL and len == strlen(value);
 * kv_get finds each name. */
#include "fuzz_common.h"
#include "http/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *h = fuzz_cstr(data, size);
    size_t hn = strlen(h);
    arena *a = arena_new();
    struct kvlist l = {0};
    parse_cookies(a, h, &l);
    parse_cookies(a, NULL, &l); /* a request without the header */

    FUZZ_CHECK(l.n <= 64, "%zu cookies", l.n);
    for (size_t i = 0; i < l.n; i++) {
        const struct kv *kv = &l.items[i];
        FUZZ_CHECK(kv->name && kv->value, "cookie %zu: NULL", i);
        size_t nl = strlen(kv->name);
        FUZZ_CHECK(nl > 0 && nl <= hn, "cookie %zu: name length %zu", i, nl);
        FUZZ_CHECK(!strchr(kv->name, ';') && !strchr(kv->value, ';'), "cookie %zu: ';' kept", i);
        FUZZ_CHECK(kv->name[0] != ' ' && kv->name[0] != '\t' && kv->name[nl - 1] != ' ',
                   "cookie %zu: name '%s' not trimmed", i, kv->name);
        FUZZ_CHECK(kv->len == strlen(kv->value) && kv->len <= hn, "cookie %zu: len", i);
        FUZZ_CHECK(kv->ok == fuzz_utf8_ok(kv->value, kv->len), "cookie %zu: ok wrong", i);
        FUZZ_CHECK(kv_get(&l, kv->name) != NULL, "kv_get(%s) failed", kv->name);
    }
    arena_free(a);
    free(h);
    return 0;
}
