#include "store/names.h"

#include "util/log.h"

bool store_name_known(int n, const char *what, const char *value)
{
    if (n >= 0) return true;
    log_error("store: unknown %s \"%.40s\" in the database", what, value ? value : "");
    return false;
}
