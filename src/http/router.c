#include "http/router.h"

#include <string.h>

/* Matches pattern against path segment by segment. */
static bool match(const char *pat, const char *path, const char *params[4], arena *a)
{
    int np = 0;
    while (*pat && *path) {
        if (*pat != '/' || *path != '/') return false;
        pat++;
        path++;
        const char *pe = strchr(pat, '/');
        const char *se = strchr(path, '/');
        size_t pl = pe ? (size_t)(pe - pat) : strlen(pat);
        size_t sl = se ? (size_t)(se - path) : strlen(path);
        if (pl == 1 && pat[0] == '*') {
            if (sl == 0 || np >= 4) return false;
            params[np++] = arena_strndup(a, path, sl);
        } else if (pl != sl || memcmp(pat, path, pl) != 0) {
            return false;
        }
        pat += pl;
        path += sl;
    }
    return *pat == '\0' && *path == '\0';
}

enum route_match route_find(const char *path, enum method m, const struct route **out,
                            const char *params[4], arena *a, int *allowed)
{
    enum method want = m == M_HEAD ? M_GET : m;
    *allowed = 0;
    for (const struct route *const *t = route_tables; *t; t++) {
        for (const struct route *rt = *t; rt->pattern; rt++) {
            const char *tmp[4] = {0};
            if (!match(rt->pattern, path, tmp, a)) continue;
            if (rt->methods & (int)want) {
                memcpy(params, tmp, sizeof tmp);
                *out = rt;
                return ROUTE_FOUND;
            }
            *allowed |= rt->methods;
        }
    }
    return *allowed ? ROUTE_BAD_METHOD : ROUTE_NOT_FOUND;
}
