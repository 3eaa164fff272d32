#include "util/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int64_t clock_now(void)
{
    int64_t now = (int64_t)time(NULL);
    const char *mode = getenv("SAMSKAP_TEST_MODE");
    const char *file = getenv("SAMSKAP_TEST_CLOCK_FILE");
    if (!mode || strcmp(mode, "1") != 0 || !file || !*file) return now;
    FILE *f = fopen(file, "r");
    if (!f) return now;
    long long t = 0;
    if (fscanf(f, "%lld", &t) == 1 && t > 0) now = (int64_t)t;
    fclose(f);
    return now;
}
