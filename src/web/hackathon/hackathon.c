/* What the inhabithon's pages share: see hackathon.h. */
#include "web/hackathon/hackathon.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/clock.h"
#include "util/log.h"
#include "util/text.h"
#include "view/html.h"

static struct hackathon *load_hack_by(req *r, const char *slug,
                                      enum db_rc (*get)(db *, arena *, const char *, struct hackathon **))
{
    struct hackathon *h = NULL;
    enum db_rc rc = get(r->db, r->a, slug, &h);
    if (rc == DB_NOTFOUND) {
        page_error(r, 404);
        return NULL;
    }
    if (rc != DB_OK) {
        page_fail(r, "hackathon");
        return NULL;
    }
    return h;
}

struct hackathon *load_hack(req *r, const char *slug)
{
    return load_hack_by(r, slug, store_hack_by_slug);
}

struct hackathon *load_hack_row(req *r, const char *slug)
{
    return load_hack_by(r, slug, store_hack_row_by_slug);
}

bool hack_organiser(req *r) { return is_coordinator(r); }

bool hack_jury_member(req *r, const struct hackathon *h)
{
    bool yes = false;
    if (!r->user) return false;
    if (store_hack_is_jury(r->db, h->id, r->user->id, &yes) != DB_OK) return false;
    return yes;
}

void hack_crumbs(req *r, const struct hackathon *h, const char *here)
{
    const char *items[] = {"/inhabithon", T(r, "hack.list_title"),
                           arena_printf(r->a, "/inhabithon/%s", h->slug), h->name, NULL, here};
    page_crumbs(r, items, here ? 6 : 4);
}

void hack_phase_tag(req *r, enum hack_phase p)
{
    status_tag(r, arena_printf(r->a, "hack.phase.%s", hack_phase_name(p)));
}

struct hack_team *hack_team_in(struct hack_team *teams, size_t n, const char *id_text)
{
    int64_t id = 0;
    if (!id_text || !parse_i64(id_text, &id) || id <= 0) return NULL;
    for (size_t i = 0; i < n; i++)
        if (teams[i].id == id) return &teams[i];
    return NULL;
}

bool hack_rank(req *r, const struct hackathon *h, struct hack_team *teams, size_t nteams,
               struct hack_ranking *out)
{
    memset(out, 0, sizeof *out);
    if (!hack_scores_visible(h->phase)) {
        page_message(r, 403, "hack.hidden_title", "hack.hidden_text");
        return false;
    }
    if (store_hack_scores(r->db, r->a, h->id, 0, &out->scores, &out->nscores) != DB_OK) {
        page_fail(r, "hackathon scores");
        return false;
    }
    out->ncrit = h->ncriteria < JUDGING_MAX_CRITERIA ? h->ncriteria : JUDGING_MAX_CRITERIA;
    for (size_t c = 0; c < out->ncrit; c++) out->weights[c] = h->criteria[c].weight;
    int64_t *subs = arena_alloc(r->a, (nteams + 1) * sizeof *subs);
    size_t ns = 0;
    for (size_t i = 0; i < nteams; i++)
        if (teams[i].submission_id) subs[ns++] = teams[i].submission_id;
    out->res = arena_alloc(r->a, (ns + 1) * sizeof *out->res);
    out->team = arena_alloc(r->a, (ns + 1) * sizeof *out->team);
    out->n = ns;
    if (ns && !judging_rank(out->weights, out->ncrit, out->scores, out->nscores, subs, ns, out->res)) {
        page_fail(r, "hackathon rubric");
        return false;
    }
    for (size_t k = 0; k < ns; k++)
        for (size_t i = 0; i < nteams; i++)
            if (teams[i].submission_id == out->res[k].submission) out->team[k] = &teams[i];
    return true;
}

const char *hack_decimal(req *r, double v)
{
    double x = round(v * 100) / 100;
    if (x == 0) x = 0; /* no "-0,00" */
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%.2f", fabs(x));
    char *comma = strchr(tmp, '.');
    if (comma) *comma = ',';
    return arena_printf(r->a, "%s%s", x < 0 ? "\xe2\x88\x92" : "", tmp);
}

void hack_submission_text(req *r, const struct hack_submission *s)
{
    static const char *const labels[] = {"hack.s_problem", "hack.s_audience", "hack.s_solution",
                                         "hack.s_prototype", "hack.s_links", "hack.s_test_first"};
    const char *v[] = {s->problem, s->audience, s->solution, s->prototype, s->links, s->test_first};
    html_raw(r, "<dl class=\"facts\">");
    for (int i = 0; i < 6; i++) {
        if (!*v[i]) continue;
        html(r, "<dt>%s</dt><dd", T(r, labels[i]));
        html_raw(r, sv_attr(r));
        html_raw(r, ">");
        html(r, "%s</dd>", v[i]);
    }
    html_raw(r, "</dl>\n");
}

void hack_files_write(req *r, const struct hackathon *h, const struct hack_file *files, size_t n, int64_t submission_id)
{
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (files[i].submission_id != submission_id) continue;
        if (!shown++) html(r, "<h3>%s</h3>\n<ul>\n", T(r, "hack.files"));
        html(r, "<li><a href=\"/inhabithon/%s/fil/%lld\" download>%s</a> (%s, %lld kB)</li>\n", h->slug,
             (long long)files[i].id, files[i].name,
             strcmp(files[i].type, "application/pdf") == 0 ? "PDF" : strcmp(files[i].type, "image/png") == 0 ? "PNG" : "JPEG",
             (long long)((files[i].size + 1023) / 1024));
    }
    if (shown) html_raw(r, "</ul>\n");
}

bool hack_files_list(req *r, const struct hackathon *h, int64_t submission_id)
{
    struct hack_file *files = NULL;
    size_t n = 0;
    if (store_hack_files(r->db, r->a, submission_id, &files, &n) != DB_OK) {
        page_fail(r, "files");
        return false;
    }
    hack_files_write(r, h, files, n, submission_id);
    return true;
}

void hack_sweep_run(void *conn, int64_t ignored)
{
    (void)ignored;
    int64_t erased = 0;
    if (store_hack_erase_guests_due(conn, clock_now(), &erased) != DB_OK)
        log_warn("inhabithon: erasing registrations failed");
    else if (erased)
        log_info("inhabithon: registrations without an account erased at %lld hackathons after retention",
                 (long long)erased);
}
