#include "store/names.h"

#include "util/log.h"

enum db_rc store_gone_or_conflict(db *d, const char *count_sql, int64_t id)
{
    db_stmt *st = db_prepare(d, count_sql);
    db_bind_int(st, 1, id);
    int64_t n = 0;
    enum db_rc rc = db_one_int(st, &n);
    if (rc != DB_OK) return rc;
    return n ? DB_CONFLICT : DB_NOTFOUND;
}

bool store_name_known(int n, const char *what, const char *value)
{
    if (n >= 0) return true;
    log_error("store: unknown %s \"%.40s\" in the database (our bug)", what, value ? value : "");
    return false;
}
