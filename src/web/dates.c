/* The request's day and year in Europe/Stockholm: what "today" means for
 * every page (open calls, upcoming meetings, ages). */
#include "web/dates.h"

#include <time.h>

#include "view/format.h"

const char *today_ymd(req *r)
{
    return fmt_date_iso(r->a, r->now);
}

int current_year(req *r)
{
    time_t t = (time_t)r->now;
    struct tm tm;
    localtime_r(&t, &tm);
    return tm.tm_year + 1900;
}
