/* Demo data for the joint development group: the group, its activities,
 * and the meetings of seeds 000–002 — 21 February 2022 with every agenda
 * item and the reports missing from ProQvi and Verdandi, 21 March 2022
 * with the carried-over items, questions and action items — and the
 * upcoming meetings of 25 April and 16 May with their themes. */
#include <string.h>

#include "demo/demo.h"
#include "store/store.h"
#include "util/text.h"

struct demo_activity {
    const char *title, *idea_title, *orgs[7], *presenter;
    enum activity_status status;
    const char *from, *to;
    struct count_range total, youth;
    const char *report;
};

static const struct demo_activity ACTIVITIES[] = {
    {"Ungdomsreportrar för intern kontroll", NULL, {"socialforvaltningen", NULL}, "Gunilla Christiansson",
     ACT_DONE, "2021-09-01", "2021-12-15", {-1, -1}, {-1, -1},
     "En klass på Culturagymnasiet gjorde filmade intervjuer med medarbetare på socialförvaltningen, "
     "som ett sätt att göra intern kontroll på hur förvaltningen arbetar med barns rättigheter och "
     "delaktighet. Pengarna gick till biobiljetter till ungdomarna."},
    {"Julfest i Hasslarp/Kattarp", "Julfest i Hasslarp/Kattarp", {"fritid-helsingborg", "byabetan", NULL},
     "Christer Hagström", ACT_DONE, "2021-12-18", "2021-12-18", {-1, -1}, {16, 17},
     "Sju ungdomar skapade en julfest i Hasslarp/Kattarp tillsammans med föreningen Byabetan, där "
     "ungdomarna stod för planering och inköp. Pandemin och andra sjukdomar ställde till det och de "
     "fick till slut hålla festen utomhus, trots vädret. 16–17 barn och unga kom."},
    {"Renovering av besöksrum", "Renovering av besöksrum på socialförvaltningen",
     {"framtidsverkstaden", "erikshjalpen", NULL}, "Nadine Flatt", ACT_RUNNING, "2022-02-01", "2022-05-31",
     {-1, -1}, {-1, -1}, ""},
    {"Förebyggande ungdomsprojekt på Söder", "Förebyggande ungdomsprojekt på Söder",
     {"helsam", "invasam", NULL}, "Alexander Ström, Fryshuset", ACT_RUNNING, "2022-01-15", "2022-06-30",
     {-1, -1}, {-1, -1}, ""},
    {"Panelsamtal om hbtqi och identitet", "Panelsamtal om hbtqi och identitet", {"proqvi", NULL}, "ProQvi",
     ACT_DONE, "2022-03-19", "2022-03-19", {10, 10}, {-1, -1},
     "Panelsamtalet ägde rum i Project Pockets lokaler på Västra sandgatan. 10 personer deltog på plats "
     "och några via nätet."},
    {"Jullovsaktiviteter för yngre barn", "Jullovsaktiviteter för yngre barn", {"verdandi", NULL}, "Verdandi",
     ACT_DONE, "2021-12-20", "2022-01-07", {-1, -1}, {-1, -1}, ""},
    {"Minecraftprojekt på Planteringen", NULL, {"invanarlab", NULL}, "Sanna Melling och Maria Nordh Hansson",
     ACT_RUNNING, "2022-02-01", "2022-07-03", {-1, -1}, {-1, -1}, ""},
    {"Pratcafé på Söder", NULL, {"omtanke-helsingborg", NULL}, "Bitte Wikström och Lotta Schön", ACT_RUNNING,
     "2022-03-03", "", {51, 51}, {-1, -1},
     "Pratcaféet @Söder öppnade för två veckor sedan och hade över 50 besökare i torsdags. Besökarna "
     "formar verksamheten."},
};

static int64_t org_id(db *d, arena *a, const char *slug)
{
    struct org *o = NULL;
    return store_org_by_slug(d, a, slug, &o) == DB_OK ? o->id : 0;
}

static int64_t idea_id(db *d, arena *a, const char *title)
{
    struct project *p = NULL;
    if (!title || store_project_by_slug(d, a, "delaktighet-och-samskapande-med-ungdomar", &p) != DB_OK) return 0;
    struct idea *list = NULL;
    size_t n = 0;
    int64_t total;
    if (store_ideas_list(d, a, p->id, -1, 0, 100, &list, &n, &total) != DB_OK) return 0;
    for (size_t k = 0; k < n; k++)
        if (strcmp(list[k].title, title) == 0) return list[k].id;
    return 0;
}

static enum db_rc add_activities(db *d, arena *a, int64_t now, int64_t ids[])
{
    for (size_t k = 0; k < sizeof ACTIVITIES / sizeof ACTIVITIES[0]; k++) {
        const struct demo_activity *x = &ACTIVITIES[k];
        struct activity act = {.title = x->title, .idea_id = idea_id(d, a, x->idea_title), .status = x->status,
                               .presenter = x->presenter, .start_date = x->from, .end_date = x->to,
                               .total = x->total, .youth = x->youth, .report = x->report, .results = "",
                               .feedback = "", .feedback_date = "", .next_steps = ""};
        struct named_org orgs[7];
        for (int o = 0; o < 7 && x->orgs[o]; o++) {
            struct org *org = NULL;
            if (store_org_by_slug(d, a, x->orgs[o], &org) != DB_OK) return DB_ERR;
            orgs[act.norgs++] = (struct named_org){org->id, org->name, org->slug};
        }
        act.orgs = orgs;
        if (x->idea_title && strcmp(x->idea_title, "Julfest i Hasslarp/Kattarp") == 0) {
            act.feedback = "Ungdomarna fick återkoppling från Byabetan och Fritid Helsingborg efter festen.";
            act.feedback_date = "2022-01-14";
        }
        /* an idea that is done has its activity already (one report, one truth) */
        int64_t existing = 0;
        struct activity *had = NULL;
        enum db_rc rc = act.idea_id ? store_activity_of_idea(d, act.idea_id, &existing) : DB_NOTFOUND;
        if (rc == DB_OK) rc = store_activity_get(d, a, existing, &had);
        if (rc == DB_OK) {
            act.id = ids[k] = existing;
            if (!*act.report) act.report = had->report;
            rc = store_activity_update(d, &act, now);
        } else if (rc == DB_NOTFOUND) {
            rc = store_activity_create(d, &act, now, &ids[k]);
        }
        if (rc != DB_OK) return rc;
    }
    return DB_OK;
}

struct item_text {
    int activity;              /* index into ACTIVITIES, or -1 */
    const char *title, *presenter, *minutes;
    bool missing;
    const char *questions[6];
};

static enum db_rc add_meeting(db *d, arena *a, int64_t group, const char *date, const char *theme,
                              const char *place, const char *address, const char *online, int64_t now,
                              int64_t *id)
{
    struct meeting m = {.group_id = group, .date = date, .start_time = "13:30", .end_time = "15:30",
                        .place_name = place, .place_address = address, .online = online, .theme = theme,
                        .description = "", .status = MEETING_PLANNED};
    (void)a;
    return store_meeting_create(d, &m, now, id);
}

/* Adds items (main and other), then writes their minutes in one save. */
static enum db_rc fill(db *d, arena *a, int64_t meeting, const int64_t act_ids[], const struct item_text *main,
                       size_t nmain, const struct item_text *other, size_t nother, int64_t now)
{
    struct meeting *m = NULL;
    enum db_rc rc = store_meeting_get(d, a, meeting, &m);
    if (rc != DB_OK) return rc;
    struct minutes mi = {.expected_version = m->minutes_version, .by = "David Bergström"};
    mi.items = arena_alloc(a, (m->nitems + nmain + nother + 1) * sizeof *mi.items);
    /* items already there were carried over: match them by title */
    for (size_t k = 0; k < nmain + nother; k++) {
        const struct item_text *t = k < nmain ? &main[k] : &other[k - nmain];
        int64_t item = 0;
        for (size_t i = 0; i < m->nitems; i++)
            if (strcmp(m->items[i].title, t->title) == 0) item = m->items[i].id;
        if (!item) {
            struct agenda_item it = {.section = k < nmain ? SECTION_MAIN : SECTION_OTHER,
                                     .activity_id = t->activity >= 0 ? act_ids[t->activity] : 0,
                                     .title = t->title, .presenter = t->presenter};
            if ((rc = store_agenda_add(d, meeting, &it, &item)) != DB_OK) return rc;
        }
        size_t nq = 0;
        while (nq < 6 && t->questions[nq]) nq++;
        mi.items[mi.nitems++] = (struct minutes_item){item, t->minutes ? t->minutes : "", t->missing,
                                                      (const char **)t->questions, nq};
    }
    if (!main[0].minutes) return DB_OK; /* an upcoming meeting: agenda only */
    rc = store_minutes_save(d, meeting, &mi, now);
    if (rc == DB_OK) rc = store_meeting_set_status(d, meeting, MEETING_PUBLISHED, now);
    return rc;
}

static const struct item_text FEB_MAIN[] = {
    {0, "Ungdomsreportrar för intern kontroll", "Gunilla Christiansson",
     "Gunilla Christiansson anlitade under hösten en klass på Culturagymnasiet som gjorde filmade intervjuer "
     "med medarbetare på socialförvaltningen, som ett sätt att göra intern kontroll på hur förvaltningen "
     "arbetar med barns rättigheter och delaktighet. Pengarna gick till biobiljetter till ungdomarna. Hon vill "
     "nu fortsätta att samarbeta med klassen. Några av dem kommer också att vara invånarreportrar under H22 "
     "City Expo.", false, {NULL}},
    {1, "Julfest i Hasslarp/Kattarp", "Christer Hagström",
     "Christer Hagström berättar om Ungt inflytande, som är en verksamhet i Fritid Helsingborg som ska göra "
     "det möjligt för ungdomar att delta i och påverka stadens aktiviteter. Sju ungdomar skapade en julfest i "
     "Hasslarp/Kattarp tillsammans med föreningen Byabetan, där ungdomarna stod för planering och inköp. "
     "Pandemin och andra sjukdomar ställde till det och de fick till slut hålla festen utomhus, trots vädret. "
     "16–17 barn och unga kom.", false, {NULL}},
    {2, "Renovering av besöksrum", "Nadine Flatt",
     "Nadine Flatt och Framtidsverkstaden jobbar med aktiviteter för ungdomar på Adolfsberg. Några ungdomar "
     "ska nu renovera ett besöksrum på socialförvaltningen. De var och kollade på rummet förra veckan. "
     "Säkerhetstänk är viktigt att ha med sig. Ungdomarna har gått ledarskapsutbildning via "
     "Framtidsverkstaden, är kreativa och duktiga på att måla. Någon av ungdomarna har egen erfarenhet av "
     "samtal på socialförvaltningen och idéer om vad som borde förändras. Någon lider av social ångest, men "
     "ser det här som ett sätt att utmana det.", false, {NULL}},
    {3, "Förebyggande ungdomsprojekt på Söder", "Alexander Ström, Fryshuset",
     "Alexander Ström från Fryshuset berättar om ungdomsprojekt på Söder, där ett gäng killar i "
     "20–22-årsåldern vill göra aktiviteter för ungdomar som ett förebyggande arbete. Helsam, Invasam, Rädda "
     "Barnen, ABF, Fryshuset och Framtidsverkstaden samverkar för att stärka initiativtagarna i sin roll och "
     "ledarskapskompetens. Tanken är att det ska finnas olika aktiviteter: fotbollsturnering, "
     "entreprenörskap, självledarskap, vuxennärvaro och goda förebilder.", false, {NULL}},
    {4, "Panelsamtal om hbtqi och identitet", "ProQvi",
     "På grund av sjukdom saknades rapporten från ProQvi. Den tas upp senare under våren.", true, {NULL}},
    {5, "Jullovsaktiviteter för yngre barn", "Verdandi",
     "På grund av sjukdom saknades rapporten från Verdandi. Den tas upp senare under våren.", true, {NULL}},
};

static const struct item_text FEB_OTHER[] = {
    {6, "Minecraftprojekt på Planteringen", "Sanna Melling och Maria Nordh Hansson",
     "Sanna Melling och Maria Nordh Hansson berättar om ett H22-projekt kopplat till stadens utmaningar och "
     "livskvalitetsprogram, som drivs av Invånarlab på Planteringen. Trend- och omvärldsanalysen visar på en "
     "lägre upplevd trygghet i Helsingborg jämfört med liknande städer. Ojämlikhet och segregation ökar.\n\n"
     "En grupp elever på Raus Planterings skola ska tillsammans med lärare bygga Planteringen i Minecraft. "
     "Arbetet kommer att filmas. Eleverna ska sedan prata om sina erfarenheter på H22. Därefter kommer "
     "resultatet att gå vidare till stadsbyggnadsförvaltningen.", false,
     {"Hur kan man göra Planteringen tryggare?", "Hur ska framtidens Planteringen se ut?", NULL}},
    {-1, "Digitala sociala tjänster på H22 City Expo", "",
     "Under H22 City Expo kommer staden att visa upp digitala tjänster i glashuset på Sundstorget, under "
     "namnet Space to Innovate. Socialförvaltningen visar upp fyra digitala projekt: appen OmMej, där barn "
     "och unga kan skatta sitt mående; Digital tolk, ett tolkverktyg som inte går via ett moln; IoT, smarta "
     "digitala lösningar i vardagen som stöd i en insats; och SES (Samarbete efter skilsmässa), ett digitalt "
     "stöd för personer som ligger i skilsmässa eller separation.", false, {NULL}},
};

static const struct item_text MAR_MAIN[] = {
    {-1, "Omställning från socialtjänst till sociala tjänster", "Emilia Nordström och Amanda Ricketts",
     "Emilia Nordström och Amanda Ricketts berättar om socialförvaltningens satsningar under H22 City Expo. "
     "Socialförvaltningen kommer att bjuda in till ett inhabithon 17–19 juni, där vi vill samskapa "
     "morgondagens sociala tjänster ihop med invånarna. Inhabithon är en intensiv problemlösningshelg med "
     "invånare kring tre stora problemområden: segregation, psykisk ohälsa och ungdomskriminalitet.\n\n"
     "Varje grupp leds av en coach. Resultatet presenteras i Domen i Slottshagen 2 juli. Innan dess gör vi "
     "ett förarbete med områdesforum och workshops, nästa gång på @Plantan på Planteringen den 31 mars.",
     false,
     {"Kan vi göra ett underlag som förklarar vad utmaningen är och vad som har testats tidigare, så att "
      "deltagarna på inhabithon vet förutsättningarna i förväg?",
      "Finns det någon sammanställning av vilka sociala tjänster som finns i dag?",
      "Föreningarna är lite osäkra på hur de kan vara med och bidra under H22 City Expo.",
      "Rädsla för att det är mycket digitala lösningar som kommer. Hur blir det för dem i digitalt utanförskap?",
      NULL}},
    {4, "Panelsamtal om hbtqi och identitet", "ProQvi",
     "ProQvi är en förening som jobbar med utsatta grupper, kvinnor och ungdomar. Aktiviteterna utformas av "
     "deltagarna. De arrangerade ett panelsamtal om hbtqi och identitet den 19 mars, som en aktivitet inom "
     "projektet Delaktighet och samskapande med ungdomar.\n\nPanelsamtalet ägde rum i Project Pockets lokaler "
     "på Västra sandgatan. 10 personer deltog på plats och några via nätet. Deltagarna ville inte vara med på "
     "sändning, så ProQvi kommer i stället att animera ett sammandrag av samtalet, för att visa i efterhand.",
     false, {"Det behövs tid för att skapa relationer och få ungdomar att öppna upp sig.", NULL}},
    {5, "Jullovsaktiviteter för yngre barn", "Verdandi",
     "Rapporten från Verdandi saknades även den här gången.", true, {NULL}},
};

static const struct item_text MAR_OTHER[] = {
    {7, "Pratcafé på Söder", "Bitte Wikström och Lotta Schön",
     "Bitte Wikström och Lotta Schön jobbar på Omtanke Helsingborg med att på olika sätt minska ofrivillig "
     "ensamhet. Pratcaféet @Söder öppnade för två veckor sedan och hade över 50 besökare i torsdags. Caféet "
     "har öppet torsdagar klockan 12.00–19.00 på Håkan Lundbergs gata 17. Besökarna formar verksamheten.",
     false, {NULL}},
    {-1, "Skåneveckan för psykisk hälsa", "",
     "Skåneveckan för psykisk hälsa pågår i år 10–16 oktober. Helsingborgs stad erbjuder en digital "
     "föreläsning med Mårten Nylén. RF Sisu Skåne berättar om sitt arbete för att främja psykisk hälsa.",
     false,
     {"Helsam är gärna med och samverkar om Skåneveckan.",
      "Brottsofferjouren förespråkar hybridlösningar med fysiska möten som filmas och sänds digitalt.",
      "Run For Mental Health anordnar ett lopp i Helsingborg 16 oktober och i Lund helgen innan.",
      "Schizofreniföreningen har tagit fram filmer om rehabilitering som de vill publicera.", NULL}},
    {-1, "Föreningsfrukost på 107:an", "",
     "Nästa föreningsfrukost på 107:an blir fredagen den 1 april klockan 7.30 till ungefär 9, med tema "
     "Söderdagen och H22.", false, {NULL}},
};

enum db_rc demo_meetings(db *d, arena *a, int64_t now)
{
    struct group g = {.slug = "gemensam-utvecklingsgrupp", .name = "Gemensam utvecklingsgrupp",
                      .description = "Gemensam utvecklingsgrupp samlar föreningar, stadens verksamheter och "
                                     "invånare som tillsammans utvecklar sociala tjänster i Helsingborg. Här "
                                     "följer vi upp testerna i projekten, delar resultat och lär av varandra.\n\n"
                                     "Alla är välkomna. Mötena hålls på plats och digitalt."};
    int64_t gid;
    enum db_rc rc = store_group_create(d, &g, now, &gid);
    static const char *const members[] = {"socialforvaltningen", "fritid-helsingborg", "invanarlab", "helsam",
                                          "invasam", "framtidsverkstaden", "fryshuset", "radda-barnen", "abf",
                                          "proqvi", "verdandi", "byabetan", "omtanke-helsingborg",
                                          "erikshjalpen", "fontanhuset-helsingborg"};
    for (size_t k = 0; rc == DB_OK && k < sizeof members / sizeof members[0]; k++)
        rc = store_group_add_org(d, gid, org_id(d, a, members[k]), members[k]);
    if (rc == DB_OK)
        rc = store_group_add_person(d, gid, "David Bergström", "kommunikatör för delaktighet och föreningssamverkan",
                                    "073-231 13 23", true);
    if (rc == DB_OK) rc = store_group_add_person(d, gid, "Amanda Ricketts", "koordinator", "073-144 56 36", true);
    int64_t acts[sizeof ACTIVITIES / sizeof ACTIVITIES[0]];
    if (rc == DB_OK) rc = add_activities(d, a, now, acts);
    int64_t feb, mar, apr, may;
    const char *webex = "Webex Meetings – länken skickas till den som anmäler sig.";
    if (rc == DB_OK)
        rc = add_meeting(d, a, gid, "2022-02-21", "Delaktighet och samskapande med ungdomar", "Fontänhuset Helsingborg",
                         "Norra strandgatan 8", webex, now, &feb);
    if (rc == DB_OK) rc = fill(d, a, feb, acts, FEB_MAIN, 6, FEB_OTHER, 2, now);
    if (rc == DB_OK)
        rc = add_meeting(d, a, gid, "2022-03-21", "Omställning från socialtjänst till sociala tjänster", "", "",
                         webex, now, &mar);
    if (rc == DB_OK) rc = fill(d, a, mar, acts, MAR_MAIN, 3, MAR_OTHER, 3, now);
    /* an action item raised in March, still open: it follows every later agenda */
    struct meeting *m = NULL;
    if (rc == DB_OK) rc = store_meeting_get(d, a, mar, &m);
    if (rc == DB_OK) {
        int64_t first = 0, skane = 0, id;
        for (size_t k = 0; k < m->nitems; k++) {
            if (strcmp(m->items[k].title, "Skåneveckan för psykisk hälsa") == 0) skane = m->items[k].id;
            if (strcmp(m->items[k].title, MAR_MAIN[0].title) == 0) first = m->items[k].id;
        }
        struct action_item x = {.item_id = first, .owner_org_id = org_id(d, a, "helsam"), .owner_name = "Helsam",
                                .what = "Helsam ska göra en kartläggning bland sina medlemsföreningar, för att "
                                        "sammanställa vilka aktiviteter och insatser de erbjuder.", .due = ""};
        rc = store_action_add(d, mar, &x, now, &id);
        struct action_item y = {.item_id = skane, .owner_org_id = org_id(d, a, "omtanke-helsingborg"),
                                .owner_name = "Omtanke Helsingborg",
                                .what = "Omtanke Helsingborg och vård- och omsorgsförvaltningen bjuder in till en "
                                        "inspirationsföreläsning om att starta självhjälpsgrupper, med "
                                        "Självhjälpshuset Solkatten från Göteborg.", .due = ""};
        if (rc == DB_OK) rc = store_action_add(d, mar, &y, now, &id);
    }
    if (rc == DB_OK)
        rc = add_meeting(d, a, gid, "2022-04-25",
                         "Skaparverkstad och guidade vandringar under H22 City Expo – en chans för föreningar att "
                         "visa upp sin verksamhet och kreativiteten och kompetensen hos brukare, medlemmar och "
                         "besökare", "", "", webex, now, &apr);
    if (rc == DB_OK)
        rc = add_meeting(d, a, gid, "2022-05-16",
                         "Gemensamma insatser på H22 City Expo och deltagarengagemang – vad finns att upptäcka "
                         "och besöka för dig som är intresserad av sociala frågor och hur kan vi inkludera våra "
                         "gemensamma målgrupper?", "", "", webex, now, &may);
    return rc;
}
