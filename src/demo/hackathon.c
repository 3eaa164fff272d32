/* Demo data for the inhabithon of seed 002: 17–19 June 2022, three
 * challenges (segregation, psykisk ohälsa, ungdomskriminalitet) whose
 * briefs link the demo's activities (the preventive youth project on
 * Söder, the pratcafé against loneliness), the programme of the seed, the
 * result presentation at Domen in Slottshagen on 2 July, three teams with
 * coaches, their submissions, a jury of three with scores and comments,
 * the winner fixed from the ranking (domain/judging.c, as the site
 * computes it) and continued as a test idea in the open call.
 *
 * The people are invented for the demo (demo-*@example.org, the demo
 * password).  The weekend's writes are dated in the weekend (the store
 * takes the time as a parameter), so the deadline and the phases hold as
 * they did then; the hackathon ends closed (avslutad). */
#include <string.h>

#include "demo/demo.h"
#include "domain/judging.h"
#include "store/store.h"
#include "util/text.h"
#include "view/format.h"
#include "view/markdown.h"

#define SLUG "inhabithon-2022"

static const char DESCRIPTION[] =
    "Inhabithon = intensiv problemlösningshelg med invånare (invånare + hackathon = inhabithon). "
    "Socialförvaltningen bjuder in till att samskapa morgondagens sociala tjänster ihop med invånarna, "
    "som ett led i förflyttningen från socialtjänst till sociala tjänster: från tung myndighetsutövning "
    "till tillgängliga och flexibla tjänster utifrån invånarnas behov.\n\n"
    "Varje grupp leds av en coach som bidrar med sakkunskap, så att gruppen kan leda in idéerna på vad som "
    "är möjligt att genomföra. Efter inhabithonet fortsätter arbetet med att testa prototyperna.";

static const char PROGRAMME[] =
    "## Fredag 17 juni\n\n"
    "Intro till utmaningarna. Mingel och lära känna varandra. Bilda grupper.\n\n"
    "## Lördag 18 juni\n\n"
    "Steg för steg genom en utvecklingsprocess. Deltagarna tar fram idéer och prototyper på sina lösningar.\n\n"
    "## Söndag 19 juni\n\n"
    "Färdigställer prototyper. Presentation för gruppen och juryn. Vinnare utses.\n\n"
    "Du ska helst kunna vara med under alla tre dagarna.";

struct demo_challenge {
    const char *title, *brief, *activity;
};

static const struct demo_challenge CHALLENGES[] = {
    {"Segregation",
     "Helsingborgs stadsdelar lever olika liv, och unga från olika delar av staden möts sällan.\n\n"
     "**Frågan:** Hur kan invånare, föreningar och staden skapa fler platser där människor från olika "
     "stadsdelar möts på lika villkor?\n\n"
     "**Fakta och kontakter:** Fritid Helsingborg och Invånarlab kan svara på frågor om mötesplatser och "
     "om vad som har prövats i områdesforum och workshops under våren.",
     NULL},
    {"Psykisk ohälsa",
     "Allt fler, unga som äldre, berättar om ensamhet och psykisk ohälsa.\n\n"
     "**Frågan:** Hur kan vi göra det lättare att prata om hur man mår och att hitta stöd i tid, innan "
     "det blir allvarligt?\n\n"
     "**Det här har testats:** pratcaféet på Söder, som Omtanke Helsingborg driver mot ensamhet.",
     "Pratcafé på Söder"},
    {"Ungdomskriminalitet",
     "Unga som dras in i kriminalitet gör det ofta tidigt, och vägen ut är svår.\n\n"
     "**Frågan:** Hur kan unga själva, föreningar och staden tillsammans förebygga att unga hamnar i "
     "kriminalitet?\n\n"
     "**Det här har testats:** Fryshusets förebyggande ungdomsprojekt på Söder.",
     "Förebyggande ungdomsprojekt på Söder"},
};

static const char *const CRITERIA[] = {"Behov och användarnas röst", "Genomförbarhet", "Effekt",
                                       "Samskapande över sektorer"};
static const char *const CRITERIA_DESC[] = {
    "Bygger idén på ett behov som de det gäller själva har beskrivit?",
    "Går den att testa i liten skala inom några månader?",
    "Vad förändras för dem det gäller om den fungerar?",
    "Gör invånare, föreningar och staden den tillsammans?",
};
static const int64_t WEIGHTS[] = {3, 2, 2, 1};

struct demo_person {
    const char *email, *name;
    enum role role;
    const char *org;   /* represents, or NULL */
};

/* 0–2 coaches, 3–5 jury, 6– participants */
static const struct demo_person PEOPLE[] = {
    {"demo-coach-sara@example.org", "Sara Lind", ROLE_COACH, NULL},
    {"demo-coach-omar@example.org", "Omar Khalil", ROLE_COACH, NULL},
    {"demo-coach-britt@example.org", "Britt Holmberg", ROLE_COACH, NULL},
    {"demo-jury-jonas@example.org", "Jonas Ek", ROLE_JURY, "fryshuset"},
    {"demo-jury-leila@example.org", "Leila Haddad", ROLE_JURY, NULL},
    {"demo-jury-maria@example.org", "Maria Sund", ROLE_JURY, NULL},
    {"demo-elias@example.org", "Elias Berg", ROLE_UNGDOM, NULL},
    {"demo-sofia@example.org", "Sofia Nyberg", ROLE_UNGDOM, NULL},
    {"demo-ali@example.org", "Ali Rahimi", ROLE_UNGDOM, "fryshuset"},
    {"demo-ella@example.org", "Ella Svensson", ROLE_UNGDOM, NULL},
    {"demo-noah@example.org", "Noah Karlsson", ROLE_UNGDOM, "omtanke-helsingborg"},
};
enum { N_PEOPLE = sizeof PEOPLE / sizeof PEOPLE[0], FIRST_JURY = 3, FIRST_PARTICIPANT = 6 };

struct demo_team {
    const char *name;
    int challenge, coach;
    int members[3];   /* PEOPLE indexes; -1: the demo youth account (Yasmin Ali); -2: none */
    const char *problem, *audience, *solution, *prototype, *links, *test_first;
    int scores[3][4];        /* jury member × criterion */
    const char *comments[3];
};

static const struct demo_team TEAMS[] = {
    {"Mötesplats Söder", 0, 0, {-1, 6, 7},
     "Unga från olika stadsdelar möts nästan aldrig på fritiden.",
     "Unga 13–18 år på Söder, i Drottninghög och i centrum",
     "Filmkvällar som unga själva planerar, varannan gång i en ny stadsdel, med gratis buss dit.",
     "En affisch, ett program för den första kvällen och en enkät till 30 unga.",
     "",
     "En filmkväll på fritidsgården på Söder i augusti.",
     {{4, 3, 3, 4}, {3, 3, 3, 3}, {4, 4, 3, 3}},
     {"Tydligt behov som unga själva har beskrivit.", "Enkel att testa redan i höst.", NULL}},
    {"Prata om det", 1, 1, {9, 10, -2},
     "Det är svårt att säga att man mår dåligt, och stödet finns långt bort.",
     "Unga vuxna och äldre som känner sig ensamma",
     "Pratcaféet på Söder får en digital kväll i veckan och en “pratkompis” som följer med första gången.",
     "Ett schema för en pratkväll och en kort film om hur det går till.",
     "",
     "En pratkompis på pratcaféet under fyra torsdagar.",
     {{3, 3, 2, 3}, {4, 2, 3, 4}, {2, 3, 2, 2}},
     {"Bygger vidare på något som redan fungerar.", NULL, "Hur når ni dem som inte redan kommer?"}},
    {"Nattvandrarna 2.0", 2, 2, {8, -2, -2},
     "Unga som dras in i kriminalitet saknar vuxna och sammanhang på kvällarna.",
     "Unga 12–16 år i områden med mycket oro",
     "Unga och föreningar nattvandrar tillsammans och öppnar en kvällsträff efteråt.",
     "En karta över kvällarnas rundor och ett upplägg för kvällsträffen.",
     "",
     "Två kvällsrundor med Fryshuset under sommarlovet.",
     {{0, 0, 0, 0}, {2, 3, 3, 2}, {3, 2, 2, 3}},
     {NULL, "Stark idé som behöver fler vuxna med.", "Samarbetet mellan föreningar är en styrka."}},
};

static enum db_rc person(db *d, arena *a, const struct demo_person *p, const char *hash, int64_t now, int64_t *id)
{
    struct user_new nu = {p->email, p->name, hash, p->role == ROLE_UNGDOM ? 2006 : 0, now};
    enum db_rc rc = store_user_create(d, &nu, id);
    if (rc == DB_OK) rc = store_role_grant(d, *id, p->role, 0, now);
    if (rc == DB_OK && p->org) {
        struct org *o = NULL;
        rc = store_org_by_slug(d, a, p->org, &o);
        if (rc == DB_OK) rc = store_org_add_rep(d, o->id, *id);
    }
    return rc;
}

enum db_rc demo_hackathon(db *d, arena *a, const int64_t *user_ids, const char *password_hash, int64_t now)
{
    (void)now;
    /* the weekend's times, in Stockholm */
    const int64_t friday = local_time(2022, 6, 17, 17, 0), sunday = local_time(2022, 6, 19, 11, 0);
    const int64_t deadline = local_time(2022, 6, 19, 13, 0), verdict = local_time(2022, 6, 19, 16, 0);

    int64_t ids[N_PEOPLE];
    enum db_rc rc = DB_OK;
    for (size_t i = 0; i < N_PEOPLE && rc == DB_OK; i++)
        rc = person(d, a, &PEOPLE[i], password_hash, friday - 30 * 86400, &ids[i]);
    if (rc != DB_OK) return rc;

    struct project *open = NULL;
    rc = store_project_by_slug(d, a, "delaktighet-och-samskapande-med-ungdomar-ny-omgang", &open);
    if (rc != DB_OK) return rc;

    struct hackathon h = {0};
    h.slug = SLUG;
    h.name = "Inhabithon 2022";
    h.starts_on = "2022-06-17";
    h.ends_on = "2022-06-19";
    h.place = "Helsingborg";
    h.description = DESCRIPTION;
    h.programme_md = PROGRAMME;
    h.programme_html = markdown_to_html(a, PROGRAMME);
    h.result_on = "2022-07-02";
    h.result_place = "Domen i Slottshagen";
    h.phase = HACK_PLANNED;
    h.capacity = 60;
    h.team_max = 6;
    h.guardian_under_15 = true;
    h.deadline = deadline;
    h.winners = 1;
    h.project_id = open->id;
    int64_t hack = 0;
    if ((rc = store_hack_create(d, &h, friday - 40 * 86400, &hack)) != DB_OK) return rc;
    if ((rc = store_hack_rubric_set(d, hack, CRITERIA, CRITERIA_DESC, WEIGHTS, 4, friday - 40 * 86400)) != DB_OK) return rc;

    struct activity *acts = NULL;
    size_t na = 0;
    if ((rc = store_activities_list(d, a, -1, &acts, &na)) != DB_OK) return rc;
    int64_t challenge[3];
    for (int c = 0; c < 3; c++) {
        const char *md = CHALLENGES[c].brief;
        if ((rc = store_hack_challenge_add(d, hack, CHALLENGES[c].title, md, markdown_to_html(a, md), &challenge[c])) != DB_OK)
            return rc;
        for (size_t i = 0; CHALLENGES[c].activity && i < na; i++)
            if (strcmp(acts[i].title, CHALLENGES[c].activity) == 0 &&
                (rc = store_hack_challenge_link(d, challenge[c], acts[i].id, 0)) != DB_OK)
                return rc;
    }
    if ((rc = store_hack_set_phase(d, hack, HACK_PLANNED, HACK_REGISTRATION, friday - 30 * 86400)) != DB_OK) return rc;

    /* registrations: the participants and the demo youth account */
    for (int i = FIRST_PARTICIPANT - 1; i < (int)N_PEOPLE; i++) {
        bool yasmin = i == FIRST_PARTICIPANT - 1;
        struct hack_registration g = {0};
        g.hackathon_id = hack;
        g.user_id = yasmin ? user_ids[DEMO_YOUTH] : ids[i];
        g.email = yasmin ? "ungdom@example.org" : PEOPLE[i].email;
        g.name = yasmin ? "Yasmin Ali" : PEOPLE[i].name;
        g.birth_year = yasmin ? 2010 : 2006;
        g.guardian = "";
        g.kind = HACK_YOUTH;
        g.skills = yasmin ? "Jag filmar och gillar att organisera." : "";
        g.needs = "";
        g.all_days = true;
        g.prefs[0] = challenge[i % 3];
        int64_t rid = 0;
        const char *status = NULL;
        if ((rc = store_hack_register(d, &g, NULL, true, friday - 20 * 86400 + i * 3600, &rid, &status)) != DB_OK)
            return rc;
    }
    if ((rc = store_hack_set_phase(d, hack, HACK_REGISTRATION, HACK_RUNNING, friday)) != DB_OK) return rc;

    /* teams, coaches, submissions */
    int64_t team[3], sub[3];
    for (int t = 0; t < 3; t++) {
        const struct demo_team *T = &TEAMS[t];
        int64_t first = T->members[0] == -1 ? user_ids[DEMO_YOUTH] : ids[T->members[0]];
        if ((rc = store_hack_team_create(d, hack, challenge[T->challenge], T->name, first, friday + 3600, &team[t])) != DB_OK)
            return rc;
        for (int m = 1; m < 3; m++) {
            if (T->members[m] == -2) continue;
            int64_t uid = T->members[m] == -1 ? user_ids[DEMO_YOUTH] : ids[T->members[m]];
            if ((rc = store_hack_team_join(d, hack, team[t], uid, friday + 3600 + m)) != DB_OK) return rc;
        }
        if ((rc = store_hack_team_set_coach(d, team[t], ids[T->coach])) != DB_OK) return rc;
        struct hack_submission s = {.team_id = team[t], .problem = T->problem, .audience = T->audience,
                                    .solution = T->solution, .prototype = T->prototype, .links = T->links,
                                    .test_first = T->test_first};
        if ((rc = store_hack_submission_save(d, hack, &s, first, sunday + t * 60, &sub[t])) != DB_OK) return rc;
    }
    if ((rc = store_hack_set_phase(d, hack, HACK_RUNNING, HACK_JUDGING, deadline)) != DB_OK) return rc;

    /* the jury: Jonas Ek represents Fryshuset, as Ali Rahimi in Nattvandrarna 2.0 does: he is
     * excluded from that submission (its row of zeros is never stored) */
    struct hackathon *loaded = NULL;
    if ((rc = store_hack_by_slug(d, a, SLUG, &loaded)) != DB_OK) return rc;
    int64_t crit[4];
    for (int c = 0; c < 4; c++) crit[c] = loaded->criteria[c].id;
    for (int j = 0; j < 3; j++) {
        int64_t jid = ids[FIRST_JURY + j];
        if ((rc = store_hack_jury_add(d, hack, jid)) != DB_OK) return rc;
        for (int t = 0; t < 3; t++) {
            bool conflict = false;
            if ((rc = store_hack_conflict(d, team[t], jid, &conflict)) != DB_OK) return rc;
            if (conflict) continue;
            int64_t sc[4];
            for (int c = 0; c < 4; c++) sc[c] = TEAMS[t].scores[j][c];
            bool updated = false;
            const char *comment = TEAMS[t].comments[j] ? TEAMS[t].comments[j] : "";
            if ((rc = store_hack_score_set(d, hack, sub[t], jid, crit, sc, 4, comment, verdict - 3600 + j, &updated)) != DB_OK)
                return rc;
        }
    }

    /* closing the judging: the winner from the ranking, as the site computes it */
    struct judge_score *scores = NULL;
    size_t ns = 0;
    if ((rc = store_hack_scores(d, a, hack, 0, &scores, &ns)) != DB_OK) return rc;
    struct judge_result res[3];
    if (!judging_rank(WEIGHTS, 4, scores, ns, sub, 3, res)) return DB_ERR;
    if ((rc = store_hack_set_phase(d, hack, HACK_JUDGING, HACK_RESULTS, verdict)) != DB_OK) return rc;
    if ((rc = store_hack_submission_place(d, res[0].submission, 1)) != DB_OK) return rc;
    int w = 0;
    for (int t = 0; t < 3; t++)
        if (sub[t] == res[0].submission) w = t;

    /* the winner continues as a test idea in the open call */
    struct idea i = {0};
    i.project_id = open->id;
    i.title = arena_printf(a, "%s – %s", TEAMS[w].name, CHALLENGES[TEAMS[w].challenge].title);
    i.submitter_id = user_ids[DEMO_COORDINATOR];
    i.submitter_name = "Kim Karlsson";
    i.need = arena_printf(a, "%s\n\nVem det är för: %s", TEAMS[w].problem, TEAMS[w].audience);
    i.youth_role = "";
    i.action = arena_printf(a, "%s\n\nPrototypen: %s\n\nDet här vill vi testa först: %s\n\nFrån Inhabithon 2022: "
                               "/inhabithon/" SLUG "/resultat",
                            TEAMS[w].solution, TEAMS[w].prototype, TEAMS[w].test_first);
    i.period_start = i.period_end = i.feedback_plan = i.sharing_plan = i.internal_notes = "";
    i.status = IDEA_SUBMITTED;
    int64_t idea = 0;
    if ((rc = store_idea_create(d, &i, user_ids[DEMO_COORDINATOR], verdict + 86400, &idea)) != DB_OK) return rc;
    if ((rc = store_hack_submission_set_idea(d, res[0].submission, idea)) != DB_OK) return rc;
    return store_hack_set_phase(d, hack, HACK_RESULTS, HACK_CLOSED, local_time(2022, 7, 2, 18, 0));
}
