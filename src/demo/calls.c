/* Demo data for open calls: the project of seed 003 with its criteria and
 * categories, the activities of seeds 000 and 002 as approved ideas, and a
 * second, open round so that the whole flow can be tried. */
#include <string.h>

#include "demo/demo.h"
#include "store/store.h"
#include "util/text.h"
#include "view/format.h"

static const char *const CRITERIA[] = {
    "Testet ska baseras på ett behov som ungdomar i Helsingborg har varit med och format, kopplat "
    "till hur de kan och vill påverka staden och/eller regionen.",
    "Behovet ska leda till en konkret åtgärd, som testas eller genomförs tillsammans med ungdomar "
    "i staden.",
    "Deltagarna ska få återkoppling om resultatet av testet och hur planen ser ut framöver för att "
    "eventuellt fortsätta eller testa i större skala.",
    "Vi samverkar med varandra över myndighets-, förvaltnings- och organisationsgränser för att med "
    "tillgängliga resurser och nätverk testa nya lösningar.",
    "Vi delar våra resultat med varandra och lär av varandra under och efter resans gång i en större "
    "projektgrupp.",
};

static const char WHAT[] =
    "Vi vill skapa rätt struktur och förutsättningar för att göra det möjligt för ungdomar att bli "
    "delaktiga i utvecklingen av sociala tjänster och i stadens förebyggande arbete med ungdomar på "
    "längre sikt, inte bara i sitt eget ärende.";
static const char WHY[] =
    "Projektidén bygger på tjänstelogik och tjänstedesign som riktmärken i utvecklingen av våra "
    "tjänster, det vill säga, vi vill börja med att förstå användarnas behov och samskapa lösningar "
    "direkt med invånarna.";
static const char HOW[] =
    "Du som organisation eller enskild som arbetar med ungdomar eller själv är ungdom (13–18 år) kan "
    "delta i projektet genom att lämna in en testidé. Du kan då söka ersättning för olika utlägg "
    "genom projektet, förutsatt att du är med och redovisar resultaten med övriga parter i den stora "
    "projektgruppen.";
static const char SHORT_GOAL[] =
    "Öka antalet ungdomar som är engagerade i utvecklingsarbete av sociala tjänster och förebyggande "
    "arbete med ungdomar under året.";
static const char LONG_GOAL[] =
    "Skapa en samverkansstruktur i Helsingborgs stad och Region Skåne som gör att vi kan engagera "
    "ungdomar i viktiga utvecklingsfrågor med kort startsträcka, där deltagarna är insatta i "
    "sammanhanget, vet hur de kan bidra och får god återkoppling på resultatet.";

/* A 1×1 PNG, the demo receipts. */
static const unsigned char PNG[] = {
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
};

static enum db_rc make_project(db *d, arena *a, const char *title, const char *summary,
                               enum project_status status, const char *opens, const char *closes,
                               int64_t budget, int64_t year, int64_t now, struct project **out)
{
    struct project p = {0};
    p.title = title;
    p.slug = text_slug(a, title, 80);
    p.summary = summary;
    p.what = WHAT;
    p.why = WHY;
    p.how = HOW;
    p.short_goal = SHORT_GOAL;
    p.short_target = 50;
    p.short_year = year;
    p.long_goal = LONG_GOAL;
    p.eligible_orgs = p.eligible_youth = true;
    p.call_opens = opens;
    p.call_closes = closes;
    p.budget = budget;
    p.status = status;
    p.internal_notes = "Demodata. Budget och målvärde är påhittade för demonstrationen.";
    p.categories = arena_alloc(a, DEFAULT_CATEGORY_COUNT * sizeof *p.categories);
    for (size_t i = 0; i < DEFAULT_CATEGORY_COUNT; i++) p.categories[i].name = DEFAULT_CATEGORIES[i];
    p.ncategories = DEFAULT_CATEGORY_COUNT;
    struct criterion crit[5];
    for (int i = 0; i < 5; i++) crit[i] = (struct criterion){0, i + 1, CRITERIA[i]};
    p.criteria = crit;
    p.ncriteria = 5;
    struct contact contacts[] = {
        {"David Bergström", "kommunikatör för delaktighet och föreningssamverkan", "073-231 13 23"},
        {"Amanda Ricketts", "koordinator", "073-144 56 36"},
    };
    p.contacts = contacts;
    p.ncontacts = 2;
    int64_t id;
    enum db_rc rc = store_project_create(d, &p, now, &id);
    if (rc == DB_OK) rc = store_project_by_id(d, a, id, out);
    return rc;
}

struct demo_line {
    int category;            /* index into DEFAULT_CATEGORIES */
    const char *text;
    int64_t asked, granted;  /* kronor */
};

struct demo_idea {
    const char *title, *org, *submitter, *partners[6];
    const char *need, *youth_role, *action, *from, *to, *feedback, *sharing;
    struct demo_line lines[4];
    enum idea_status final;
    const char *decided, *report;
    int64_t claim_kr;        /* one paid claim of this size on the first line, or 0 */
};

static const struct demo_idea IDEAS[] = {
    {"Renovering av besöksrum på socialförvaltningen", "framtidsverkstaden", "Nadine Flatt",
     {"erikshjalpen", NULL},
     "Samtalsrummen på socialförvaltningen upplevs som kala och otrygga av unga som kommer dit.",
     "Ungdomar som gått ledarskapsutbildning via Framtidsverkstaden, och som själva har erfarenhet "
     "av samtal på socialförvaltningen, har berättat vad som borde förändras.",
     "Några ungdomar från Adolfsberg renoverar och målar ett besöksrum på socialförvaltningen, med "
     "säkerhetstänk och stöd av Framtidsverkstaden och Erikshjälpen.",
     "2022-02-01", "2022-05-31",
     "Ungdomarna visar det färdiga rummet och får höra hur besökare och personal upplever det.",
     "Vi berättar om resultatet i den gemensamma utvecklingsgruppen.",
     {{0, "Arvode till ungdomarna som renoverar", 6000, 6000}, {3, "Färg, penslar och fika", 4500, 3500}},
     IDEA_RUNNING, "2022-01-20", NULL, 0},
    {"Julfest i Hasslarp/Kattarp", "fritid-helsingborg", "Christer Hagström", {"byabetan", NULL},
     "Unga i Hasslarp och Kattarp saknar mötesplatser och vill påverka vad som händer i byn.",
     "Sju ungdomar i Ungt inflytande tog själva fram idén och stod för planering och inköp.",
     "Ungdomarna skapar en julfest för barn och unga tillsammans med föreningen Byabetan.",
     "2021-11-01", "2021-12-20",
     "Ungdomarna får återkoppling från Byabetan och Fritid Helsingborg efter festen.",
     "Resultatet redovisas i den gemensamma utvecklingsgruppen.",
     {{3, "Fika, pynt och material", 3000, 3000}, {1, "Bidrag till Byabetan för lokal", 2000, 2000}},
     IDEA_REPORTED, "2021-10-15",
     "Sju ungdomar skapade julfesten tillsammans med Byabetan och stod för planering och inköp. "
     "Pandemin och andra sjukdomar ställde till det och festen hölls till slut utomhus, trots vädret. "
     "16–17 barn och unga kom.",
     2450},
    {"Förebyggande ungdomsprojekt på Söder", "helsam", "Alexander Ström",
     {"invasam", "radda-barnen", "abf", "fryshuset", "framtidsverkstaden", NULL},
     "Ett gäng killar i 20–22-årsåldern vill göra aktiviteter för ungdomar på Söder som ett "
     "förebyggande arbete.",
     "Initiativet kommer från de unga själva, som vill vara goda förebilder för yngre.",
     "Fotbollsturnering, entreprenörskap, självledarskap, vuxennärvaro och goda förebilder. "
     "Föreningarna stärker initiativtagarna i deras roll och ledarskap.",
     "2022-01-15", "2022-06-30",
     "Deltagarna får veta vad som blev av aktiviteterna vid en avslutande träff.",
     "Vi delar erfarenheterna i den gemensamma utvecklingsgruppen.",
     {{0, "Arvode till unga ledare", 12000, 10000}, {3, "Material till fotbollsturnering", 5000, 5000}},
     IDEA_RUNNING, "2022-01-10", NULL, 0},
    {"Panelsamtal om hbtqi och identitet", "proqvi", "ProQvi", {NULL},
     "Identitet är en viktig fråga för många unga, som inte bara handlar om sexuell läggning utan om "
     "att inte passa in i normen.",
     "Aktiviteterna utformas av deltagarna; ungdomarna ville själva få en röst och möjlighet att prata.",
     "Ett panelsamtal om hbtqi och identitet i Project Pockets lokaler på Västra sandgatan.",
     "2022-02-01", "2022-03-19",
     "Ett animerat sammandrag av samtalet visas för deltagarna i efterhand.",
     "Vi berättar om panelsamtalet i den gemensamma utvecklingsgruppen.",
     {{4, "Animering av ett sammandrag", 4000, 4000}, {3, "Fika", 800, 800}},
     IDEA_REPORTED, "2022-01-25",
     "Panelsamtalet ägde rum den 19 mars i Project Pockets lokaler på Västra sandgatan. 10 personer "
     "deltog på plats och några via nätet. Deltagarna ville inte vara med på sändning, så i stället "
     "animeras ett sammandrag av samtalet. Det behövs tid för att skapa relationer och få ungdomar att "
     "öppna upp sig.",
     800},
    {"Jullovsaktiviteter för yngre barn", "verdandi", "Verdandi", {NULL},
     "Yngre barn i området har få aktiviteter under jullovet.",
     "Unga i Verdandis verksamhet föreslog aktiviteterna och leder dem.",
     "Aktiviteter för yngre barn under jullovet, ledda av ungdomar.",
     "2021-12-20", "2022-01-07",
     "Barnen och deras föräldrar får berättat vad som hände och om det blir fler aktiviteter.",
     "Resultatet redovisas i den gemensamma utvecklingsgruppen.",
     {{0, "Arvode till unga ledare", 5000, 4000}, {3, "Material och fika", 2000, 2000}},
     IDEA_COMPLETED, "2021-12-01", NULL, 0},
};

static int64_t org_id(db *d, arena *a, const char *slug)
{
    struct org *o = NULL;
    return store_org_by_slug(d, a, slug, &o) == DB_OK ? o->id : 0;
}

static int64_t day(const char *ymd, int hour)
{
    int y, m, dd;
    return parse_ymd(ymd, &y, &m, &dd) ? local_time(y, m, dd, hour, 0) : 0;
}

static enum db_rc add_idea(db *d, arena *a, const struct project *p, const struct demo_idea *x,
                           int64_t submitter_id, const struct user *coord)
{
    struct idea i = {0};
    i.project_id = p->id;
    i.title = x->title;
    i.org_id = org_id(d, a, x->org);
    i.submitter_id = submitter_id;
    i.submitter_name = x->submitter;
    i.need = x->need;
    i.youth_role = x->youth_role;
    i.action = x->action;
    i.period_start = x->from;
    i.period_end = x->to;
    i.feedback_plan = x->feedback;
    i.sharing_plan = x->sharing;
    i.status = IDEA_DRAFT;
    struct partner partners[6];
    for (int k = 0; k < 6 && x->partners[k]; k++) {
        partners[k] = (struct partner){org_id(d, a, x->partners[k]), x->partners[k], ""};
        i.npartners++;
    }
    i.partners = partners;
    struct budget_line lines[4];
    for (int k = 0; k < 4 && x->lines[k].text; k++) {
        lines[k] = (struct budget_line){0};
        lines[k].category_id = p->categories[x->lines[k].category].id;
        lines[k].description = x->lines[k].text;
        lines[k].asked = x->lines[k].asked * 100;
        i.nlines++;
    }
    i.lines = lines;
    int64_t decided = day(x->decided, 10), id;
    enum db_rc rc = store_idea_create(d, &i, submitter_id, decided - 20 * 86400, &id);
    if (rc != DB_OK) return rc;
    rc = store_idea_transition(d, id, IDEA_DRAFT, IDEA_SUBMITTED, submitter_id, x->submitter, "",
                               decided - 14 * 86400);
    if (rc == DB_OK)
        rc = store_idea_transition(d, id, IDEA_SUBMITTED, IDEA_REVIEW, coord->id, coord->name, "",
                                   decided - 7 * 86400);
    if (rc != DB_OK || x->final == IDEA_SUBMITTED) return rc;
    struct idea *stored = NULL;
    if ((rc = store_idea_get(d, a, id, &stored)) != DB_OK) return rc;
    /* the coordinator's judgement of each published criterion */
    for (size_t k = 0; rc == DB_OK && k < p->ncriteria; k++) {
        struct assessment as = {p->criteria[k].id, coord->id, coord->name, true, "", decided - 86400};
        rc = store_assessment_put(d, id, &as);
    }
    if (rc != DB_OK) return rc;
    for (size_t k = 0; k < stored->nlines; k++) stored->lines[k].granted = x->lines[k].granted * 100;
    rc = store_idea_decide(d, stored, IDEA_APPROVED,
                           "Idén uppfyller projektets kriterier. Vi beviljar pengar enligt budgeten "
                           "nedan, i vissa fall något lägre än det sökta.",
                           coord->id, coord->name, decided);
    static const enum idea_status path[] = {IDEA_RUNNING, IDEA_COMPLETED, IDEA_REPORTED};
    enum idea_status at = IDEA_APPROVED;
    for (size_t k = 0; rc == DB_OK && k < 3 && at != x->final; k++) {
        rc = store_idea_transition(d, id, at, path[k], submitter_id, x->submitter, "",
                                   decided + (int64_t)(k + 1) * 25 * 86400);
        at = path[k];
        /* the idea's activity follows it and holds its report */
        if (rc == DB_OK) {
            stored->status = at;
            struct activity made = activity_from_idea(a, stored);
            rc = store_activity_follow_idea(d, &made, at == IDEA_REPORTED ? x->report : NULL,
                                            idea_needs_activity(at), decided + (int64_t)(k + 1) * 25 * 86400, NULL);
        }
    }
    if (rc == DB_OK && x->claim_kr) {
        struct claim c = {.idea_id = id, .line_id = stored->lines[0].id, .claimant_id = submitter_id,
                          .claimant_name = x->submitter, .description = "Inköp enligt kvitto",
                          .amount = x->claim_kr * 100, .spent_on = x->from, .receipt_name = "kvitto.png",
                          .receipt_type = "image/png"};
        int64_t cid;
        rc = store_claim_create(d, &c, PNG, sizeof PNG, decided + 30 * 86400, &cid);
        if (rc == DB_OK) rc = store_claim_decide(d, cid, CLAIM_APPROVED, "", coord->id, decided + 31 * 86400);
        if (rc == DB_OK) rc = store_claim_decide(d, cid, CLAIM_PAID, "", coord->id, decided + 40 * 86400);
    }
    return rc;
}

enum db_rc demo_calls(db *d, arena *a, const int64_t *user_ids, int64_t now)
{
    struct user *coord = NULL;
    enum db_rc rc = store_user_by_id(d, a, user_ids[DEMO_COORDINATOR], &coord, NULL);
    if (rc != DB_OK) return rc;
    struct project *seed = NULL, *open = NULL;
    rc = make_project(d, a, "Delaktighet och samskapande med ungdomar",
                      "Socialförvaltningen vill utforska fler sätt för att barn och unga ska kunna bli "
                      "delaktiga i utvecklingsarbete i Helsingborgs stad och Region Skåne.",
                      PROJECT_CLOSED, "2021-06-21", "2021-12-31", 20000000, 2021, day("2021-06-21", 9),
                      &seed);
    for (size_t k = 0; rc == DB_OK && k < sizeof IDEAS / sizeof IDEAS[0]; k++) {
        int64_t submitter = strcmp(IDEAS[k].org, "framtidsverkstaden") == 0 ? user_ids[DEMO_REPRESENTATIVE] : 0;
        rc = add_idea(d, a, seed, &IDEAS[k], submitter, coord);
    }
    if (rc != DB_OK) return rc;
    int year = 0, m, dd;
    parse_ymd(fmt_date_iso(a, now), &year, &m, &dd);
    return make_project(d, a, "Delaktighet och samskapande med ungdomar – ny omgång",
                        "En ny omgång: föreningar och unga 13–18 år kan lämna in testidéer och söka "
                        "pengar för att testa nya sätt att göra unga delaktiga.",
                        PROJECT_OPEN, fmt_date_iso(a, now - 14 * 86400), fmt_date_iso(a, now + 75 * 86400),
                        15000000, year, now, &open);
}
