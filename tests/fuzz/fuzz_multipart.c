/* parse_multipart (src/http/parse.c): multipart/form-data bodies (file
 * uploads) up to 6 MiB from the client.
 *
 * Input: the Content-Type header value up to the first '\n', the body after
 * it (so the fuzzer mutates the boundary and the body together).  An input
 * without '\n' is all body, with a fixed boundary.
 *
 * Checks, beyond ASan/UBSan: every upload's data lies inside the body; no
 * more than PARSE_MAX_FIELDS parts; every field has a name and a value
 * terminated at value[len] with the right ok flag; every upload has a
 * field name, a filename and a content type; n <= cap for both lists. */
#include "fuzz_common.h"
#include "http/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    char *ctype;
    const uint8_t *bodyp;
    size_t n;
    if (nl) {
        ctype = fuzz_cstr(data, (size_t)(nl - data));
        bodyp = nl + 1;
        n = size - (size_t)(nl - data) - 1;
    } else {
        ctype = strdup("multipart/form-data; boundary=----samskapFuzzBoundary");
        bodyp = data;
        n = size;
    }
    char *body = fuzz_copy(bodyp, n);
    arena *a = arena_new();
    struct kvlist fields = {0};
    struct uploadlist files = {0};
    bool ok = parse_multipart(a, ctype, body, n, &fields, &files);
    (void)ok;

    FUZZ_CHECK(fields.n <= fields.cap && files.n <= files.cap, "n > cap");
    FUZZ_CHECK(fields.n + files.n <= PARSE_MAX_FIELDS, "%zu parts", fields.n + files.n);
    for (size_t i = 0; i < fields.n; i++) {
        const struct kv *kv = &fields.items[i];
        FUZZ_CHECK(kv->name && kv->value, "field %zu: NULL name or value", i);
        FUZZ_CHECK(kv->len <= n, "field %zu: length %zu > body %zu", i, kv->len, n);
        FUZZ_CHECK(kv->value[kv->len] == '\0', "field %zu: not terminated", i);
        FUZZ_CHECK(kv->ok == fuzz_utf8_ok(kv->value, kv->len), "field %zu: ok wrong", i);
    }
    for (size_t i = 0; i < files.n; i++) {
        const struct upload *u = &files.items[i];
        FUZZ_CHECK(u->field && u->filename && u->content_type, "upload %zu: NULL member", i);
        FUZZ_CHECK((const char *)u->data >= body && u->len <= n &&
                       (const char *)u->data + u->len <= body + n,
                   "upload %zu: data [%p, +%zu) outside the body [%p, +%zu)", i,
                   (const void *)u->data, u->len, (const void *)body, n);
        /* touch every byte so ASan sees any bad pointer */
        volatile unsigned sum = 0;
        for (size_t k = 0; k < u->len; k++) sum += u->data[k];
        (void)sum;
    }
    arena_free(a);
    free(body);
    free(ctype);
    return 0;
}
