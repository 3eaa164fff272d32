/* Demo events from seeds 002 and 004, in the coming year: the pratcafé on
 * Söder every Thursday 12.00–19.00, the association breakfast at 107:an,
 * the workshop at @Plantan, the monthly research breakfast at Mindpark
 * (the first Friday), the film screening of "I, Daniel Blake" with its
 * panel, the digitalisation conference whose 240 seats are taken (with a
 * waiting list), Skåneveckan för psykisk hälsa as a series with several
 * organisers, Våryra, the day of service design, the inhabithon and its
 * results at Domen. */
#include <string.h>

#include "demo/demo.h"
#include "store/store.h"
#include "util/crypto.h"
#include "util/text.h"
#include "view/format.h"

struct demo_event {
    const char *title, *theme, *place, *address, *room;
    int month, day;           /* the next such date after now; 0: next Thursday */
    const char *from, *to;
    enum rec_freq freq;
    unsigned weekdays;
    int nth, count;
    int64_t capacity;
    bool step_free, loop, quiet, drop_in, series, youth;
    const char *orgs[3];
    const char *online;
    const char *text;
};

static const struct demo_event EVENTS[] = {
    {"Pratcafé på Söder", "Samtal och gemenskap", "@Söder", "Håkan Lundbergs gata 17", "", 0, 0, "12:00", "19:00",
     REC_WEEKLY, 1u << 3, 0, 26, 60, true, false, false, true, false, false, {"socialforvaltningen", NULL}, "",
     "Ett pratcafé på Söder där du kan ta en kaffe och prata med någon du inte känner. Förra torsdagen kom "
     "över 50 besökare. Ingen anmälan – kom när du vill mellan 12 och 19."},
    {"Föreningsfrukost på 107:an", "Föreningsliv", "107:an", "", "", 4, 1, "07:30", "09:00", REC_NONE, 0, 0, 0, 40,
     true, false, false, false, false, false, {"socialforvaltningen", NULL}, "",
     "Frukost för föreningar och stadens medarbetare. Vi berättar om det som är på gång och svarar på frågor."},
    {"Workshop på @Plantan", "Samskapande", "@Plantan", "Planteringen", "", 3, 31, "13:00", "16:00", REC_NONE, 0, 0, 0,
     25, true, true, false, false, false, false, {"invanarlab", NULL}, "",
     "En workshop på Planteringen om hur invånare och staden kan skapa nytt tillsammans."},
    {"Forskningsfrukost på Mindpark", "Forskning och utveckling", "Mindpark", "", "", 1, 8, "08:00", "09:30",
     REC_MONTHLY, 1u << 4, 1, 10, 50, true, true, false, false, false, false, {"socialforvaltningen", NULL}, "",
     "En gång i månaden, den första fredagen, bjuder vi tillsammans med FoU Helsingborg på frukost och ett "
     "kort föredrag om ny forskning. Hittills har det varit fullt hus varje gång."},
    {"Filmvisning: I, Daniel Blake", "Socialt arbete", "Röda kvarn", "", "Salong 1", 8, 23, "18:00", "21:00", REC_NONE,
     0, 0, 0, 120, true, true, false, false, false, false, {"socialforvaltningen", NULL}, "",
     "Vi visar filmen ”I, Daniel Blake” om en man som blir arbetslös efter en hjärtinfarkt och hamnar i kläm "
     "mellan olika myndigheter. Efter filmen samtalar en panel av politiker om det filmen väcker."},
    {"Nationell digitaliseringskonferens", "Digitalisering", "Dunkers kulturhus", "Kungsgatan 11", "", 11, 17, "09:00",
     "16:00", REC_NONE, 0, 0, 0, 240, true, true, true, false, false, false, {"socialforvaltningen", NULL},
     "https://exempel.invalid/konferens",
     "Konferensen arrangeras tillsammans med stadens övriga mjuka förvaltningar, FoU Helsingborg och "
     "Socialhögskolan vid Lunds universitet. Alla 240 platser bokades på ett par veckor – ställ dig i kön."},
    {"Digital föreläsning med Mårten Nylén", "Psykisk hälsa", "", "", "", 10, 12, "18:00", "19:30", REC_NONE, 0, 0, 0,
     500, false, false, false, false, true, false, {"socialforvaltningen", NULL}, "https://exempel.invalid/nylen",
     "Mårten Nylén berättar om sitt liv med psykisk ohälsa och om vägen tillbaka. Föreläsningen sänds digitalt."},
    {"RF Sisu Skåne: rörelse och psykisk hälsa", "Psykisk hälsa", "RF Sisu Skåne", "", "", 10, 13, "17:00", "18:30",
     REC_NONE, 0, 0, 0, 40, true, false, false, false, true, false, {"fritid-helsingborg", NULL}, "",
     "RF Sisu Skåne berättar om sitt arbete för att främja psykisk hälsa genom idrott och rörelse."},
    {"Halvdag på Nicolaiskolan", "Psykisk hälsa", "Nicolaiskolan", "", "Aulan", 10, 14, "08:30", "12:00", REC_NONE, 0,
     0, 0, 150, true, true, false, false, true, true, {"socialforvaltningen", "fritid-helsingborg", NULL}, "",
     "Tillsammans med bland andra elevhälsan: förebyggande och tidiga insatser för unga med psykisk ohälsa."},
    {"Run For Mental Health", "Psykisk hälsa", "Gröningen", "", "", 10, 16, "10:00", "12:00", REC_NONE, 0, 0, 0, 300,
     true, false, false, false, true, false, {"fritid-helsingborg", NULL}, "",
     "Ett lopp för psykisk hälsa. Spring, gå eller heja – alla är välkomna."},
    {"Våryra på Gröningen", "Hälsa", "Gröningen", "", "", 5, 17, "10:00", "15:00", REC_NONE, 0, 0, 0, 0, true, false,
     false, true, false, false, {"fritid-helsingborg", NULL}, "",
     "Stadens förvaltningar och brukarorganisationer provar hälso- och träningsaktiviteter tillsammans."},
    {"Utbildningsdag i tjänstedesign", "Tjänstedesign", "Socialförvaltningen", "", "", 5, 30, "09:00", "16:00",
     REC_NONE, 0, 0, 0, 30, true, true, false, false, false, false, {"socialforvaltningen", NULL}, "",
     "Temat är ”möte på socialförvaltningen”. Brukare är med som deltagare och som intervju- och testpersoner."},
    {"Inhabithon", "Samskapande", "Planteringen", "", "", 6, 17, "09:00", "17:00", REC_WEEKLY, 0x7f, 0, 3, 60, true,
     true, true, false, false, true, {"invanarlab", NULL}, "",
     "Tre dagar där unga och invånare tar fram idéer tillsammans med staden. Resultatet visas på Domen den 2 juli."},
    {"Inhabithon: resultaten på Domen", "Samskapande", "Domen i Slottshagen", "", "", 7, 2, "14:00", "16:00",
     REC_NONE, 0, 0, 0, 200, true, false, false, false, false, false, {"invanarlab", NULL}, "",
     "Lagen från inhabithon visar vad de tagit fram."},
};

/* The next date with that month and day after now ("YYYY-MM-DD"); month 0:
 * the next Thursday. */
static const char *next_date(arena *a, int64_t now, int month, int day)
{
    int y, m, d, h, mi;
    unix_to_stockholm(now, &y, &m, &d, &h, &mi);
    int64_t today = ymd_to_days(y, m, d);
    if (month == 0) {
        int64_t th = today + 1 + (3 - ymd_weekday(y, m, d) + 6) % 7;
        int yy, mm, dd;
        days_to_ymd(th, &yy, &mm, &dd);
        return arena_printf(a, "%04d-%02d-%02d", yy, mm, dd);
    }
    int yy = y;
    if (ymd_to_days(y, month, day) <= today) yy++;
    return arena_printf(a, "%04d-%02d-%02d", yy, month, day);
}

static enum db_rc fill_conference(db *d, arena *a, int64_t event_id, int64_t now)
{
    struct event *e;
    enum db_rc rc = store_event_get(d, a, event_id, &e);
    if (rc != DB_OK || !e->nocc) return rc;
    static const char *const first[] = {"Anna", "Erik", "Fatima", "Johan", "Sara", "Ahmed", "Maria", "Lars"};
    for (int i = 0; i < 245; i++) {
        struct registration g = {.occurrence_id = e->occ[0].id,
                                 .name = arena_printf(a, "%s Deltagare %d", first[i % 8], i + 1),
                                 .email = arena_printf(a, "deltagare%d@exempel.invalid", i + 1), .needs = ""};
        int64_t id;
        if ((rc = store_registration_add(d, &g, token_hash(a, random_token(a, 16)), now, &id)) != DB_OK) return rc;
        enum reg_status s;
        if ((rc = store_registration_confirm(d, id, now, &s)) != DB_OK) return rc;
    }
    return DB_OK;
}

enum db_rc demo_events(db *d, arena *a, int64_t now)
{
    int y, m, dd, h, mi;
    unix_to_stockholm(now, &y, &m, &dd, &h, &mi);
    const char *week_from = next_date(a, now, 10, 10);
    struct series s = {.slug = "skaneveckan", .title = "Skåneveckan för psykisk hälsa",
                       .description = "En vecka i oktober med evenemang om psykisk hälsa av många arrangörer i hela "
                                      "Skåne: föreläsningar, samtal, rörelse och ett lopp.",
                       .first_day = week_from, .last_day = next_date(a, now, 10, 16)};
    int64_t series_id;
    enum db_rc rc = store_series_create(d, &s, now, &series_id);
    if (rc != DB_OK) return rc;
    for (size_t i = 0; i < sizeof EVENTS / sizeof EVENTS[0]; i++) {
        const struct demo_event *x = &EVENTS[i];
        const char *day = next_date(a, now, x->month, x->day);
        struct recurrence rc_rule = {x->freq, 1, x->weekdays, x->nth, "", x->count};
        if (x->freq == REC_WEEKLY && x->weekdays == 0x7f) rc_rule.count = x->count; /* three days in a row */
        const char **days;
        size_t n;
        if (recurrence_expand(a, &rc_rule, day, &days, &n)) return DB_ERR;
        int64_t orgs[3];
        size_t no = 0;
        for (int k = 0; k < 3 && x->orgs[k]; k++) {
            struct org *o = NULL;
            if (store_org_by_slug(d, a, x->orgs[k], &o) == DB_OK) orgs[no++] = o->id;
        }
        struct event e = {.title = x->title, .description = x->text, .theme = x->theme, .place_name = x->place,
                          .place_address = x->address, .room = x->room, .step_free = x->step_free,
                          .hearing_loop = x->loop, .quiet_room = x->quiet, .online_url = x->online,
                          .online_registered_only = true, .print_text = "", .status = EV_OPEN, .published = true,
                          .series_id = x->series ? series_id : 0, .start_time = x->from, .end_time = x->to,
                          .rule = rc_rule, .capacity = x->capacity, .offer_hours = 48, .retention_days = 30,
                          .youth = x->youth, .drop_in = x->drop_in};
        if (strstr(x->title, "konferens")) e.status = EV_FULL;
        int64_t id;
        if ((rc = store_event_create(d, &e, orgs, no, days, n, now, &id)) != DB_OK) return rc;
        if (strstr(x->title, "konferens") && (rc = fill_conference(d, a, id, now)) != DB_OK) return rc;
    }
    return DB_OK;
}
