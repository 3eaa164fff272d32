/* What the pages of open calls share (calls.h): status labels, loading a
 * project or an idea from the path, and the by-line of an idea. */
#include "web/calls/calls.h"

#include <time.h>

#include "util/text.h"
#include "view/html.h"
#include "web/pages.h"

const char *project_status_label(req *r, enum project_status s)
{
    return T(r, arena_printf(r->a, "project.status.%s", project_status_name(s)));
}

struct project *load_project(req *r, const char *slug)
{
    struct project *p = NULL;
    enum db_rc rc = store_project_by_slug(r->db, r->a, slug, &p);
    if (rc == DB_OK) return p;
    if (rc == DB_NOTFOUND) page_error(r, 404);
    else page_fail(r, "project");
    return NULL;
}

const char *claim_status_label(req *r, enum claim_status s)
{
    return T(r, arena_printf(r->a, "claim.status.%s", claim_status_name(s)));
}

const char *idea_status_label(req *r, enum idea_status s)
{
    return T(r, arena_printf(r->a, "idea.status.%s", idea_status_name(s)));
}

const char *idea_by_line(req *r, const struct idea *i)
{
    if (i->org_id) return i->org_name;
    if (i->birth_year) {
        int year = current_year(r);
        if (i->submitted_at) {
            time_t t = (time_t)i->submitted_at;
            struct tm tm;
            localtime_r(&t, &tm);
            year = tm.tm_year + 1900;
        }
        return Tf(r, "idea.by_youth", arena_printf(r->a, "%d", (int)(year - i->birth_year)));
    }
    return T(r, "idea.by_person");
}

struct idea *load_idea(req *r, const char *id_text)
{
    int64_t id;
    struct idea *i = NULL;
    if (!parse_i64(id_text, &id) || id <= 0) {
        page_error(r, 404);
        return NULL;
    }
    enum db_rc rc = store_idea_get(r->db, r->a, id, &i);
    if (rc == DB_OK && (idea_public(i->status) || is_submitter(r, i))) return i;
    if (rc == DB_OK || rc == DB_NOTFOUND) page_error(r, 404);
    else page_fail(r, "idea");
    return NULL;
}

/* ---- the list ---- */
