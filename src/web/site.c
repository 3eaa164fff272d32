#include "web/site.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static char base_url[256] = "http://127.0.0.1:8080";

const char *site_base_url(void)
{
    return base_url;
}

void site_set_base_url(const char *url)
{
    size_t n = strlen(url);
    while (n && url[n - 1] == '/') n--;
    if (n >= sizeof base_url) n = sizeof base_url - 1;
    memcpy(base_url, url, n);
    base_url[n] = '\0';
}

const char *slug_try(arena *a, const char *base, int i)
{
    static const char *const reserved[] = {"ny", "redigera"};
    bool taken = false;
    for (size_t k = 0; k < sizeof reserved / sizeof reserved[0]; k++)
        taken |= strcmp(base, reserved[k]) == 0;
    if (taken) i++;
    return i == 1 ? base : arena_printf(a, "%s-%d", base, i);
}
