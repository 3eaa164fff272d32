/* Today, for pages: from r->now in Europe/Stockholm. */
#ifndef SAMSKAP_WEB_DATES_H
#define SAMSKAP_WEB_DATES_H

#include "http/req.h"

/* Today as YYYY-MM-DD in Europe/Stockholm. */
const char *today_ymd(req *r);
/* This year, e.g. 2024. */
int current_year(req *r);

#endif
