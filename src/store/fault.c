/* Test-only fault injection.  See fault.h. */
#include "store/fault.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/log.h"

static const char *_Atomic override;
static _Thread_local bool fired;

void store_fault_set(const char *points)
{
    override = points;
}

static bool listed(const char *list, const char *point)
{
    size_t n = strlen(point);
    for (const char *p = list; *p;) {
        p += strspn(p, ", \t\r\n");
        size_t len = strcspn(p, ", \t\r\n");
        if (len == n && strncmp(p, point, n) == 0) return true;
        p += len;
    }
    return false;
}

bool store_fault(const char *point)
{
    const char *mode = getenv("SAMSKAP_TEST_MODE");
    if (!mode || strcmp(mode, "1") != 0) return false;
    bool hit = false;
    const char *o = override;
    const char *file = getenv("SAMSKAP_TEST_FAIL_FILE");
    FILE *f;
    if (o) {
        hit = listed(o, point);
    } else if (file && *file && (f = fopen(file, "r"))) {
        char line[256];
        size_t len = fread(line, 1, sizeof line - 1, f);
        fclose(f);
        line[len] = 0;
        hit = listed(line, point);
    } else if ((o = getenv("SAMSKAP_TEST_FAIL"))) {
        hit = listed(o, point);
    }
    if (hit) {
        log_warn("test fault: the %s write fails (SAMSKAP_TEST_MODE)", point);
        fired = true;
    }
    return hit;
}

bool store_fault_fired(void)
{
    bool was = fired;
    fired = false;
    return was;
}
