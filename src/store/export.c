/* Everything stored about one person (store/export.h).  A part per table
 * (or per way a table names a person); docs/DESIGN.md, "What we store
 * about a person", is the list this must keep up with. */
#include <string.h>

#include "store/store.h"

#define T(n) {n, true}
#define C(n) {n, false}
#define COLS(...) (sizeof((const struct export_col[]){__VA_ARGS__}) / sizeof(struct export_col)), \
                  (const struct export_col[]){__VA_ARGS__}

/* params: one letter per '?': u the person's id, e their e-mail,
 * s the audit subject "user:<id>", b their sign-in rate-limit bucket,
 * f their e-mail folded as event registrations keep it. */
struct part_def {
    const char *key, *table, *params, *sql;
    size_t ncols;
    const struct export_col *cols;
};

static const struct part_def PARTS[] = {
    {"konto", "users", "u",
     "SELECT id, email, name, birth_year, created_at FROM users WHERE id = ?",
     COLS(C("id"), C("epost"), C("namn"), C("fodelsear"), T("skapad"))},
    {"roller", "user_roles", "u",
     "SELECT r.role, r.granted_at, g.name FROM user_roles r "
     "LEFT JOIN users g ON g.id = r.granted_by WHERE r.user_id = ? ORDER BY r.role",
     COLS(C("roll"), T("tilldelad"), C("tilldelad_av"))},
    {"organisationer", "org_representatives", "u",
     "SELECT o.name, o.slug FROM org_representatives r JOIN organisations o ON o.id = r.org_id "
     "WHERE r.user_id = ? ORDER BY o.name",
     COLS(C("organisation"), C("adress"))},
    {"forfragningar", "org_requests", "u",
     "SELECT q.id, o.name, q.note, q.status, q.created_at, q.decided_at, du.name "
     "FROM org_requests q JOIN organisations o ON o.id = q.org_id "
     "LEFT JOIN users du ON du.id = q.decided_by WHERE q.user_id = ? ORDER BY q.id",
     COLS(C("id"), C("organisation"), C("meddelande"), C("status"), T("skapad"), T("beslutad"),
          C("beslutad_av"))},
    {"sessioner", "sessions", "u",
     "SELECT created_at, expires_at FROM sessions WHERE user_id = ? ORDER BY created_at",
     COLS(T("inloggad"), T("upphor"))},
    {"inloggningsforsok", "rate_limits", "b",
     "SELECT bucket, window_start, hits FROM rate_limits WHERE bucket = ?",
     COLS(C("nyckel"), T("fran"), C("antal"))},
    {"ideer", "ideas", "u",
     "SELECT i.id, p.title, i.title, i.submitter_name, o.name, i.birth_year, i.need, "
     "i.youth_role, i.action, i.period_start, i.period_end, i.feedback_plan, i.sharing_plan, "
     "i.report, i.status, i.decision_message, i.decided_at, i.granted_total, i.internal_notes, "
     "i.submitted_at, i.created_at, i.updated_at FROM ideas i "
     "JOIN projects p ON p.id = i.project_id LEFT JOIN organisations o ON o.id = i.org_id "
     "WHERE i.submitter_id = ? ORDER BY i.id",
     COLS(C("id"), C("utlysning"), C("titel"), C("inskickad_av"), C("organisation"),
          C("fodelsear"), C("behov"), C("ungas_roll"), C("genomforande"), C("start"), C("slut"),
          C("aterkoppling"), C("spridning"), C("rapport"), C("status"), C("beslut"),
          T("beslutad"), C("beviljat_ore"), C("interna_anteckningar"), T("inskickad"),
          T("skapad"), T("andrad"))},
    {"samarbetspartner", "idea_partners", "u",
     "SELECT ip.idea_id, ip.name FROM idea_partners ip JOIN ideas i ON i.id = ip.idea_id "
     "WHERE i.submitter_id = ? ORDER BY ip.idea_id, ip.id",
     COLS(C("ide"), C("namn"))},
    {"budgetrader", "budget_lines", "u",
     "SELECT b.idea_id, b.id, c.name, b.description, b.asked, b.granted, b.approved_total "
     "FROM budget_lines b JOIN ideas i ON i.id = b.idea_id "
     "JOIN project_categories c ON c.id = b.category_id "
     "WHERE i.submitter_id = ? ORDER BY b.idea_id, b.position",
     COLS(C("ide"), C("id"), C("kategori"), C("beskrivning"), C("sokt_ore"), C("beviljat_ore"),
          C("godkanda_utlagg_ore"))},
    {"idehistorik", "idea_events", "uu",
     "SELECT e.idea_id, e.at, e.actor_name, e.from_status, e.to_status, e.note FROM idea_events e "
     "WHERE e.idea_id IN (SELECT id FROM ideas WHERE submitter_id = ?) OR e.actor_id = ? "
     "ORDER BY e.at, e.id",
     COLS(C("ide"), T("tid"), C("av"), C("fran"), C("till"), C("anteckning"))},
    {"bedomningar", "assessments", "uu",
     "SELECT a.idea_id, c.number, a.assessor_name, a.met, a.note, a.at "
     "FROM assessments a JOIN project_criteria c ON c.id = a.criterion_id "
     "WHERE a.assessor_id = ? OR a.idea_id IN (SELECT id FROM ideas WHERE submitter_id = ?) "
     "ORDER BY a.idea_id, c.number",
     COLS(C("ide"), C("kriterium"), C("bedomd_av"), C("uppfyllt"), C("anteckning"), T("tid"))},
    {"utlagg", "claims", "u",
     "SELECT c.id, c.idea_id, c.claimant_name, c.description, c.amount, c.spent_on, c.status, "
     "c.receipt_name, c.receipt_type, c.receipt_size, c.decision_note, c.decided_at, c.paid_at, "
     "c.created_at FROM claims c WHERE c.claimant_id = ? ORDER BY c.id",
     COLS(C("id"), C("ide"), C("namn"), C("beskrivning"), C("belopp_ore"), C("datum"),
          C("status"), C("kvitto_filnamn"), C("kvitto_typ"), C("kvitto_byte"), C("beslut"),
          T("beslutad"), T("utbetald"), T("skapad"))},
    {"utlagg_beslut", "claims", "u",
     "SELECT c.id, c.idea_id, c.status, c.decided_at FROM claims c "
     "WHERE c.decided_by = ? ORDER BY c.id",
     COLS(C("utlagg"), C("ide"), C("status"), T("beslutad"))},
    {"kommentarer", "comments", "ue",
     "SELECT c.id, p.title, c.name, c.email, c.body, c.status, c.client_hash, c.created_at, "
     "c.moderated_at FROM comments c JOIN posts p ON p.id = c.post_id "
     "WHERE c.user_id = ? OR c.email = ? ORDER BY c.id",
     COLS(C("id"), C("inlagg"), C("namn"), C("epost"), C("text"), C("status"), C("klient"),
          T("skriven"), T("modererad"))},
    {"amnesforslag", "topic_suggestions", "u",
     "SELECT t.id, g.name, t.name, t.text, t.status, t.client_hash, t.created_at "
     "FROM topic_suggestions t JOIN groups g ON g.id = t.group_id WHERE t.user_id = ? "
     "ORDER BY t.id",
     COLS(C("id"), C("grupp"), C("namn"), C("forslag"), C("status"), C("klient"), T("skapad"))},
    {"moderering", "comments, topic_suggestions", "uu",
     "SELECT 'kommentar', c.id, c.status, c.moderated_at FROM comments c WHERE c.moderated_by = ? "
     "UNION ALL SELECT 'amnesforslag', t.id, t.status, t.created_at FROM topic_suggestions t "
     "WHERE t.moderated_by = ? ORDER BY 1, 2",
     COLS(C("vad"), C("id"), C("beslut"), T("tid"))},
    {"inlagg", "posts", "u",
     "SELECT id, title, author_name, status, published_at, created_at FROM posts "
     "WHERE author_id = ? ORDER BY id",
     COLS(C("id"), C("titel"), C("forfattare"), C("status"), T("publicerad"), T("skapad"))},
    {"klarsprak_texter", "review_requests, review_versions", "u",
     "SELECT r.id, r.kind, r.title, r.question, r.deadline, r.latest_version, r.created_at, "
     "(SELECT v.body FROM review_versions v WHERE v.request_id = r.id AND v.number = r.latest_version) "
     "FROM review_requests r WHERE r.author_id = ? ORDER BY r.id",
     COLS(C("id"), C("typ"), C("rubrik"), C("fraga"), C("svar_senast"), C("version"), T("skickad"),
          C("text"))},
    {"klarsprak_granskning", "review_comments, review_verdicts", "uu",
     "SELECT 'kommentar', c.request_id, c.version, c.paragraph, c.quote, c.body, c.created_at "
     "FROM review_comments c WHERE c.user_id = ? "
     "UNION ALL SELECT 'bedomning', v.request_id, v.version, 0, v.verdict, v.note, v.created_at "
     "FROM review_verdicts v WHERE v.reviewer_id = ? ORDER BY 7, 2",
     COLS(C("vad"), C("granskning"), C("version"), C("stycke"), C("citat_eller_bedomning"),
          C("text"), T("tid"))},
    {"aktiviteter", "activity_participants", "u",
     "SELECT a.id, a.title, a.status FROM activity_participants ap "
     "JOIN activities a ON a.id = ap.activity_id WHERE ap.user_id = ? ORDER BY a.id",
     COLS(C("id"), C("aktivitet"), C("status"))},
    {"evenemang_anmalningar", "event_registrations", "uf",
     "SELECT e.title, o.day, o.start_time, r.name, r.email, r.needs, r.birth_year, r.status, r.attended, "
     "r.created_at, r.updated_at FROM event_registrations r JOIN event_occurrences o ON o.id = r.occurrence_id "
     "JOIN events e ON e.id = o.event_id WHERE r.user_id = ? OR r.email_fold = ? ORDER BY o.starts_at, r.id",
     COLS(C("evenemang"), C("dag"), C("start"), C("namn"), C("epost"), C("behov"), C("fodelsear"), C("status"),
          C("narvarande"), T("anmald"), T("andrad"))},
    {"kartlaggningar", "mapping_requests", "u",
     "SELECT m.id, m.title, m.message, m.created_at FROM mapping_requests m "
     "WHERE m.created_by = ? ORDER BY m.id",
     COLS(C("id"), C("rubrik"), C("meddelande"), T("skickad"))},
    {"inhabithon_anmalningar", "hack_registrations", "ue",
     "SELECT h.name, r.name, r.email, r.kind, r.birth_year, r.guardian, r.skills, r.all_days, r.needs, "
     "r.status, r.created_at, r.confirmed_at FROM hack_registrations r "
     "JOIN hackathons h ON h.id = r.hackathon_id WHERE r.user_id = ? OR r.email = ? ORDER BY r.id",
     COLS(C("hackathon"), C("namn"), C("epost"), C("som"), C("fodelsear"), C("vardnadshavare"),
          C("kompetens"), C("alla_dagar"), C("behov"), C("status"), T("anmald"), T("bekraftad"))},
    {"inhabithon_lag", "hack_team_members, hack_teams", "uuu",
     "SELECT h.name, t.name, CASE WHEN t.coach_id = ? THEN 'coach' ELSE 'medlem' END "
     "FROM hack_teams t JOIN hackathons h ON h.id = t.hackathon_id WHERE t.coach_id = ? "
     "OR t.id IN (SELECT team_id FROM hack_team_members WHERE user_id = ?) ORDER BY t.id",
     COLS(C("hackathon"), C("lag"), C("roll"))},
    {"inhabithon_bedomningar", "hack_scores, hack_comments", "uu",
     "SELECT s.submission_id, c.name, CAST(s.score AS TEXT), s.updated_at FROM hack_scores s "
     "JOIN hack_criteria c ON c.id = s.criterion_id WHERE s.member_id = ? "
     "UNION ALL SELECT submission_id, 'kommentar', body, NULL FROM hack_comments WHERE member_id = ? "
     "ORDER BY 1, 2",
     COLS(C("bidrag"), C("kriterium"), C("poang"), T("tid"))},
    {"aviseringar", "notifications", "u",
     "SELECT at, text, link, read_at FROM notifications WHERE user_id = ? ORDER BY at, id",
     COLS(T("tid"), C("text"), C("lank"), T("last"))},
    {"epost", "outbox", "ue",
     "SELECT created_at, to_email, to_name, subject, body, sent_at, attempts, failed FROM outbox "
     "WHERE user_id = ? OR to_email = ? ORDER BY id",
     COLS(T("skapad"), C("till"), C("namn"), C("amne"), C("text"), T("skickad"), C("forsok"),
          C("misslyckad"))},
    {"logg", "audit_log", "us",
     "SELECT a.at, u.name, a.action, a.subject, a.detail FROM audit_log a "
     "LEFT JOIN users u ON u.id = a.actor_id WHERE a.actor_id = ? OR a.subject = ? "
     "ORDER BY a.at, a.id",
     COLS(T("tid"), C("av"), C("handelse"), C("galler"), C("detalj"))},
};

enum { NPARTS = sizeof PARTS / sizeof PARTS[0] };

size_t store_export_part_count(void)
{
    return NPARTS;
}

const char *store_export_part_key(size_t i)
{
    return i < NPARTS ? PARTS[i].key : NULL;
}

/* The e-mail as event registrations keep it (email_fold: ASCII letters
 * in lower case, as store/events.c folds it). */
static const char *email_folded(arena *a, const char *email)
{
    char *s = arena_strdup(a, email ? email : "");
    for (char *p = s; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
    return s;
}

static enum db_rc read_part(db *d, arena *a, const struct part_def *def, int64_t user_id,
                            const char *email, struct export_part *out)
{
    out->key = def->key;
    out->table = def->table;
    out->ncols = def->ncols;
    out->cols = def->cols;
    out->nrows = 0;
    db_stmt *st = db_prepare(d, def->sql);
    if (!st) return DB_ERR;
    for (int i = 0; def->params[i]; i++) {
        switch (def->params[i]) {
        case 'u': db_bind_int(st, i + 1, user_id); break;
        case 'e': db_bind_text(st, i + 1, email); break;
        case 'f': db_bind_text(st, i + 1, email_folded(a, email)); break;
        case 's': db_bind_text(st, i + 1, arena_printf(a, "user:%lld", (long long)user_id)); break;
        case 'b': db_bind_text(st, i + 1, arena_printf(a, "login:acct:%s", email)); break;
        }
    }
    size_t cap = 8;
    out->cells = arena_alloc(a, cap * def->ncols * sizeof *out->cells);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (out->nrows == cap) {
            const char **more = arena_alloc(a, 2 * cap * def->ncols * sizeof *more);
            memcpy(more, out->cells, cap * def->ncols * sizeof *more);
            out->cells = more;
            cap *= 2;
        }
        const char **row = out->cells + out->nrows * def->ncols;
        for (size_t c = 0; c < def->ncols; c++)
            row[c] = db_col_null(st, (int)c) ? NULL : arena_strdup(a, db_col_text(st, (int)c));
        out->nrows++;
    }
    db_done(st);
    return rc == DB_DONE ? DB_OK : rc;
}

enum db_rc store_person_export(db *d, arena *a, int64_t user_id, const char *email,
                               struct export_part **parts, size_t *n)
{
    *parts = arena_alloc(a, NPARTS * sizeof **parts);
    *n = 0;
    enum db_rc rc = DB_OK;
    db_read_begin(d);
    for (size_t i = 0; i < NPARTS && rc == DB_OK; i++)
        rc = read_part(d, a, &PARTS[i], user_id, email, &(*parts)[i]);
    db_read_end(d);
    if (rc == DB_OK) *n = NPARTS;
    return rc;
}
