#include "store/rows.h"

void read_named_org(db_stmt *st, arena *a, int col, struct named_org *o)
{
    o->org_id = db_col_int(st, col);
    o->name = arena_strdup(a, db_col_text(st, col + 1));
    o->slug = arena_strdup(a, db_col_text(st, col + 2));
}

enum db_rc many_user_names(db_stmt *st, arena *a, struct user **list, size_t *n)
{
    struct user *items = NULL;
    size_t count = 0, cap = 0;
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct user *u = ARENA_PUSH(a, items, count, cap);
        u->id = db_col_int(st, 0);
        u->name = arena_strdup(a, db_col_text(st, 1));
    }
    db_done(st);
    *list = items;
    *n = count;
    return rc == DB_DONE ? DB_OK : rc;
}
