/* Demo offerings from the seed documents (issue 10): what the
 * associations and the city offer, for the catalogue and the search. */
#include <string.h>

#include "demo/demo.h"
#include "store/store.h"
#include "util/crypto.h"
#include "util/text.h"

struct demo_offering {
    const char *org, *title, *description;
    const char *groups[4];   /* target group slugs */
    int age_min, age_max;    /* -1: not given */
    enum offering_cost cost;
    const char *languages, *contact, *accessibility, *area;
    const char *place, *address;
    bool online;
    struct opening hours[3];
};

/* Organisations the seeds name that organisations.txt does not hold. */
static const struct {
    const char *name, *summary;
    enum org_kind kind;
    enum org_sector sector;
} extra_orgs[] = {
    {"Brottsofferjouren", "Stöd till brottsutsatta, vittnen och anhöriga.", ORG_FORENING, SECTOR_IDEELL},
    {"Café Ria", "Mötesplats för kvinnor på Drottninghög.", ORG_FORENING, SECTOR_IDEELL},
    {"G8", "Fritidsgård och ungdomsverksamhet.", ORG_FORENING, SECTOR_IDEELL},
    {"Stadsbiblioteket", "Stadens bibliotek, med digitala instruktörer.", ORG_FORVALTNING, SECTOR_OFFENTLIG},
};

static const struct demo_offering offerings[] = {
    {"Omtanke Helsingborg", "Pratcafé mot ofrivillig ensamhet",
     "Ett pratcafé för dig som känner dig ensam. Kom och fika, prata och träffa andra – ingen anmälan behövs.\n\n"
     "Volontärer från Omtanke Helsingborg tar emot och ser till att alla blir sedda.",
     {"ensamhet", "aldre"}, -1, -1, COST_FREE, "svenska", "Ring 042-12 34 56 eller skriv till info@omtanke.se",
     "Entré utan trappsteg, toalett anpassad för rullstol.", "Centrum", "Omtankes lokal", "Järnvägsgatan 10, Helsingborg",
     false, {{2, "14:00", "16:00"}, {4, "14:00", "16:00"}}},
    {"ProQvi", "Queercafé för unga hbtqi-personer",
     "ProQvi ordnar ett queercafé där unga hbtqi-personer kan träffas i en trygg miljö. Fika, spel och samtal.",
     {"hbtqi", "barn-och-unga"}, 13, 25, COST_FREE, "svenska, engelska", "https://proqvi.se",
     "Lokalen ligger i markplan.", "Centrum", "Kulturhuset", "Kopparmöllegatan 2, Helsingborg", false,
     {{3, "17:00", "20:00"}}},
    {"Vorta Drom", "Läxhjälp för barn och unga på Adolfsberg",
     "Frivilliga ledare hjälper skolbarn i årskurs 1–9 med läxorna: matematik, svenska och engelska. "
     "Föräldrar är välkomna att sitta med.",
     {"barn-och-unga"}, 6, 16, COST_FREE, "svenska, romani, serbiska", "Ring föreningen på 070-000 00 01",
     "", "Adolfsberg", "Adolfsbergs fritidslokal", "Adolfsbergsvägen 5, Helsingborg", false,
     {{1, "16:00", "18:00"}, {3, "16:00", "18:00"}}},
    {"Vorta Drom", "Stöd till långtidsarbetslösa",
     "Vorta Drom stöttar långtidsarbetslösa på Adolfsberg med jobbsökning, cv och kontakt med arbetsgivare. "
     "Vi följer med på möten med Arbetsförmedlingen.",
     {"arbetsloshet"}, 18, -1, COST_FREE, "svenska, romani", "Ring föreningen på 070-000 00 01", "", "Adolfsberg",
     "Adolfsbergs fritidslokal", "Adolfsbergsvägen 5, Helsingborg", false, {{2, "10:00", "12:00"}}},
    {"Stadsbiblioteket", "Digital inkludering med digitala instruktörer",
     "Digitala instruktörer på stadsbiblioteket hjälper dig med mobiltelefon, surfplatta, BankID och e-tjänster. "
     "Drop-in utan bokning.",
     {"aldre", "nyanlanda"}, -1, -1, COST_FREE, "svenska, arabiska, engelska", "https://helsingborg.se/bibliotek",
     "Hiss, hörslinga och anpassad toalett.", "Centrum", "Stadsbiblioteket", "Bollbrogatan 1, Helsingborg", false,
     {{2, "13:00", "16:00"}, {5, "10:00", "12:00"}}},
    {"Café Ria", "Café Ria – mötesplats för kvinnor",
     "Café Ria är en mötesplats där kvinnor från olika kulturer träffas, lagar mat tillsammans och övar svenska.",
     {"nyanlanda", "ensamhet"}, 18, -1, COST_FREE, "svenska, arabiska, somaliska", "Kom förbi under öppettiderna",
     "", "Drottninghög", "Café Ria", "Drottninghögs centrum, Helsingborg", false, {{4, "10:00", "14:00"}}},
    {"G8", "G8 – ungdomsverksamhet på Drottninghög",
     "En fritidsgård för ungdomar med idrott, musik och läxläsning på kvällarna.", {"barn-och-unga"}, 12, 18,
     COST_FREE, "svenska", "https://helsingborg.se/g8", "", "Drottninghög", "G8", "Drottninghögs centrum, Helsingborg",
     false, {{1, "15:00", "21:00"}, {3, "15:00", "21:00"}, {5, "15:00", "22:00"}}},
    {"Maskrosbarn", "Stödgrupper för barn till föräldrar med missbruk eller psykisk ohälsa",
     "Maskrosbarn ger stöd till barn och ungdomar som har en förälder med missbruk eller psykisk ohälsa. "
     "Stödgrupperna träffas varannan vecka med samtalsledare, och det finns stödsamtal en och en.",
     {"barn-och-unga", "missbruk", "psykisk-ohalsa", "anhoriga"}, 13, 19, COST_FREE, "svenska",
     "kontakt@maskrosbarn.org", "", "", "", "", true, {{0, NULL, NULL}}},
    {"Brottsofferjouren", "Stöd till brottsoffer, vittnen och anhöriga",
     "Brottsofferjouren ger kostnadsfritt stöd till den som utsatts för brott, till anhöriga och till vittnen. "
     "Stödpersonerna har tystnadsplikt och du kan vara anonym.",
     {"brottsutsatta", "anhoriga"}, -1, -1, COST_FREE, "svenska, engelska", "Ring 042-20 30 40", "", "Centrum",
     "Brottsofferjourens kontor", "Södergatan 20, Helsingborg", false, {{1, "09:00", "15:00"}, {4, "09:00", "15:00"}}},
    {"Schizofreniföreningen", "Filmer om rehabilitering och återhämtning",
     "Schizofreniföreningen har gjort filmer där personer berättar om rehabilitering, återhämtning och vägen "
     "tillbaka till arbete och studier.",
     {"psykisk-ohalsa", "anhoriga"}, -1, -1, COST_FREE, "svenska", "info@schizofreniforeningen.se", "Textade filmer.",
     "", "", "", true, {{0, NULL, NULL}}},
    {"Fontänhuset Helsingborg", "Fontänhusets klubbhus",
     "Ett klubbhus för personer med psykisk ohälsa. Medlemmarna driver arbetsenheter i köket och på kontoret och "
     "får stöd tillbaka till arbete och studier.",
     {"psykisk-ohalsa", "arbetsloshet"}, 18, -1, COST_FREE, "svenska", "Ring 042-45 67 89", "Hiss finns.", "Centrum",
     "Fontänhuset", "Bergaliden 8, Helsingborg", false, {{1, "09:00", "16:00"}, {2, "09:00", "16:00"}, {3, "09:00", "16:00"}}},
    {"Fryshuset", "Fryshusets ungdomsarbete",
     "Fryshuset arbetar med ungdomsprojekt, idrott och mentorskap för unga i utanförskap.", {"barn-och-unga"}, 13, 25,
     COST_FREE, "svenska", "https://fryshuset.se", "", "", "Fryshuset Helsingborg", "Helsingborg", false,
     {{0, NULL, NULL}}},
    {"Framtidsverkstaden", "Ledarskapsutbildning för unga",
     "Framtidsverkstaden håller ledarskapsutbildningar där unga ledare tränar på att driva projekt och tala inför grupp.",
     {"barn-och-unga"}, 15, 25, COST_FEE, "svenska", "https://framtidsverkstaden.se", "", "", "", "", true,
     {{6, "10:00", "15:00"}}},
};

static enum db_rc org_id_of(db *d, arena *a, const char *name, int64_t now, int64_t *id)
{
    struct org *o = NULL;
    const char *slug = text_slug(a, name, 60);
    enum db_rc rc = store_org_by_slug(d, a, slug, &o);
    if (rc == DB_OK) {
        *id = o->id;
        return DB_OK;
    }
    if (rc != DB_NOTFOUND) return rc;
    for (size_t i = 0; i < sizeof extra_orgs / sizeof *extra_orgs; i++) {
        if (strcmp(extra_orgs[i].name, name) != 0) continue;
        struct org n = {.slug = slug, .name = name, .kind = extra_orgs[i].kind, .sector = extra_orgs[i].sector,
                        .summary = extra_orgs[i].summary, .description = "", .website = ""};
        return store_org_create(d, &n, now, id);
    }
    return DB_NOTFOUND;
}

/* Helsam's kartläggning (seed 002, 21 March 2022): asked of some member
 * associations, three of which have answered. */
static enum db_rc demo_mapping(db *d, arena *a, int64_t now)
{
    static const char *const asked[] = {"Schizofreniföreningen", "Omtanke Helsingborg", "Maskrosbarn",
                                        "Vorta Drom", "Fontänhuset Helsingborg", "ProQvi"};
    enum { N = sizeof asked / sizeof *asked, ANSWERED = 3 };
    int64_t helsam = 0, orgs[N];
    const char *hashes[N];
    enum db_rc rc = org_id_of(d, a, "Helsam", now, &helsam);
    for (size_t i = 0; rc == DB_OK && i < N; i++) {
        rc = org_id_of(d, a, asked[i], now, &orgs[i]);
        hashes[i] = token_hash(a, random_token(a, 24));
    }
    if (rc != DB_OK) return rc;
    struct mapping_request m = {
        .org_id = helsam, .title = "Kartläggning: vilka aktiviteter och insatser erbjuder ni?",
        .message = "Vid nätverksträffen 21 mars 2022 tog Helsam på sig att göra en kartläggning bland "
                   "medlemsföreningarna. Fyll i vad er förening erbjuder – för vem, var, när och vad det kostar.",
        .created_at = now - 20 * 86400,
    };
    int64_t id = 0;
    if ((rc = store_mapping_create(d, &m, orgs, hashes, N, &id)) != DB_OK) return rc;
    struct mapping_recipient *list = NULL;
    struct mapping_request *got = NULL;
    size_t n = 0;
    if ((rc = store_mapping_get(d, a, id, &got, &list, &n)) != DB_OK) return rc;
    for (size_t i = 0; rc == DB_OK && i < n; i++)
        for (size_t k = 0; k < ANSWERED; k++)
            if (list[i].org_id == orgs[k]) rc = store_mapping_answer(d, list[i].id, now - (int64_t)(10 - k) * 86400);
    return rc;
}

enum db_rc demo_catalogue(db *d, arena *a, int64_t now)
{
    struct target_group *groups = NULL;
    size_t ngroups = 0;
    enum db_rc rc = store_target_groups(d, a, &groups, &ngroups);
    for (size_t i = 0; rc == DB_OK && i < sizeof offerings / sizeof *offerings; i++) {
        const struct demo_offering *x = &offerings[i];
        struct offering o = {.title = x->title, .description = x->description, .age_min = x->age_min,
                             .age_max = x->age_max, .cost = x->cost, .cost_note = "", .languages = x->languages,
                             .contact = x->contact, .accessibility = x->accessibility, .area = x->area,
                             .online = x->online, .status = OFFERING_PUBLISHED};
        if ((rc = org_id_of(d, a, x->org, now, &o.org_id)) != DB_OK) break;
        struct target_group gs[4];
        for (size_t k = 0; k < 4 && x->groups[k]; k++)
            for (size_t g = 0; g < ngroups; g++)
                if (strcmp(groups[g].slug, x->groups[k]) == 0) gs[o.ngroups++] = groups[g];
        o.groups = gs;
        struct place p = {x->place, x->address};
        if (x->place && *x->place) {
            o.places = &p;
            o.nplaces = 1;
        }
        struct opening hs[3];
        for (size_t k = 0; k < 3 && x->hours[k].weekday; k++) hs[o.nhours++] = x->hours[k];
        o.hours = hs;
        int64_t id = 0;
        rc = store_offering_create(d, &o, now - (int64_t)i * 86400, &id);
    }
    return rc == DB_OK ? demo_mapping(d, a, now) : rc;
}
