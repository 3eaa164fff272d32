/* Demo data for plain-language review (issue 12): the "Hur?" part of the
 * call of seed 003 and a letter template, both first written in
 * officialese, sent by the demo communicator and reviewed by the demo
 * reviewer (klarsprak@example.org) — comments on paragraphs, an answer, a
 * new version of the call and its approval; the letter waits for its
 * rewrite. */
#include "demo/demo.h"
#include "store/store.h"
#include "view/format.h"

static const char CALL_V1[] =
    "Angående möjligheten att erhålla ersättning inom ramen för projektet gäller följande.\n\n"
    "Organisationer eller enskilda som arbetar med ungdomar, alternativt själva är ungdomar i "
    "åldern 13-18 år, äger rätt att inkomma med en testidé som avses påbörjas under hösten 2021, "
    "varvid ersättning för utlägg kan beviljas i enlighet med projektets kriterier, förutsatt att "
    "sökande medverkar vid redovisning av resultaten inom den större projektgruppen.\n\n"
    "Ersättning kan beviljas för bland annat arvode till deltagande ungdomar, bidrag till "
    "samverkande föreningar samt fika och övrigt material till möten.\n\n"
    "Frågor beträffande utlysningen besvaras av David Bergström.";

static const char CALL_V2[] =
    "Du kan få pengar för att testa en idé tillsammans med ungdomar.\n\n"
    "Du kan söka om du arbetar med ungdomar eller själv är mellan 13 och 18 år. Skicka in din "
    "testidé. Den ska börja under hösten 2021. Du får pengar för dina utlägg om idén följer "
    "kriterierna. Du berättar sedan om resultatet för de andra i projektgruppen.\n\n"
    "Ersättning kan beviljas för bland annat arvode till deltagande ungdomar, bidrag till "
    "samverkande föreningar samt fika och övrigt material till möten.\n\n"
    "Har du frågor? Kontakta David Bergström.";

static const char LETTER_V1[] =
    "Härmed meddelas att Er ansökan om deltagande i utvecklingsgruppen har inkommit till "
    "socialförvaltningen.\n\n"
    "Handläggning av ärendet sker i den ordning ansökningarna inkommit. Vederbörande kommer att "
    "erhålla besked senast inom fyra veckor.\n\n"
    "Därest kompletteringar erfordras åligger det sökande att tillhandahålla dessa utan dröjsmål.\n\n"
    "Med vänlig hälsning\nSocialförvaltningen";

struct demo_comment {
    int64_t paragraph;
    const char *quote, *body, *answer;
};

static enum db_rc comments(db *d, int64_t id, int64_t reviewer, const char *name, int64_t at,
                           const struct demo_comment *c, size_t n)
{
    enum db_rc rc = DB_OK;
    for (size_t i = 0; i < n && rc == DB_OK; i++) {
        int64_t cid = 0;
        rc = store_review_comment_add(d, id, 1, c[i].paragraph, c[i].quote, c[i].body, reviewer, name,
                                      at + (int64_t)i * 60, &cid);
        if (rc == DB_OK && c[i].answer)
            rc = store_review_comment_answer(d, id, cid, c[i].answer, at + 3600);
    }
    return rc;
}

enum db_rc demo_klarsprak(db *d, arena *a, const int64_t *user_ids, int64_t now)
{
    int64_t author = user_ids[DEMO_COMMUNICATOR], reviewer = user_ids[DEMO_PLAIN_LANGUAGE];
    const char *rname = "Ia Holm";
    int64_t day = 86400, start = now - 10 * day;

    /* the call: commented, revised, approved */
    struct review call = {.author_id = author, .author_name = "Kai Lindqvist", .kind = "utlysning",
                          .title = "Utlysning: Delaktighet och samskapande med ungdomar – så söker du",
                          .question = "Förstår en ungdom hur man söker och vad man kan få pengar till?",
                          .deadline = fmt_date_iso(a, start + 7 * day)};
    int64_t id = 0;
    enum db_rc rc = store_review_create(d, &call, CALL_V1, start, &id);
    static const struct demo_comment CALL_COMMENTS[] = {
        {1, "Angående möjligheten att erhålla ersättning",
         "Börja med det viktigaste: att man kan få pengar. ”Erhålla ersättning” är krångligt. Skriv ”få pengar”.",
         "Bra, jag skriver om första stycket."},
        {2, "äger rätt att inkomma",
         "Meningen har över 40 ord. Dela upp den. ”Äger rätt att inkomma” kan bli ”kan skicka in”.",
         "Jag har delat upp den i fem meningar."},
        {4, "", "Skriv hur man kontaktar David, inte bara att han svarar.", NULL},
    };
    if (rc == DB_OK)
        rc = comments(d, id, reviewer, rname, start + day, CALL_COMMENTS,
                      sizeof CALL_COMMENTS / sizeof CALL_COMMENTS[0]);
    if (rc == DB_OK)
        rc = store_review_verdict(d, id, 1, reviewer, rname, "skriv_om",
                                  "Första och andra stycket behöver skrivas om. Tredje stycket är okej.",
                                  start + day + 600);
    int64_t number = 0;
    if (rc == DB_OK)
        rc = store_review_revise(d, a, id, 1, CALL_V2, "Kortare meningar och vanliga ord", author,
                                 start + 2 * day, &number);
    if (rc == DB_OK)
        rc = store_review_verdict(d, id, 2, reviewer, rname, "godkand",
                                  "Nu är det lätt att förstå. Bra jobbat!", start + 3 * day);

    /* the letter template: commented, approved with changes, waiting for its new version */
    struct review letter = {.author_id = author, .author_name = "Kai Lindqvist", .kind = "brevmall",
                            .title = "Brevmall: Vi har fått din ansökan till utvecklingsgruppen",
                            .question = "Låter brevet vänligt? Är det tydligt när man får svar?",
                            .deadline = fmt_date_iso(a, now + 5 * day)};
    static const struct demo_comment LETTER_COMMENTS[] = {
        {1, "Härmed meddelas att Er ansökan",
         "Skriv ”Vi har fått din ansökan”. ”Er” med stor bokstav känns gammaldags.", NULL},
        {2, "Vederbörande kommer att erhålla besked",
         "”Vederbörande” – vem är det? Skriv ”Du får svar senast …”.", NULL},
        {3, "Därest kompletteringar erfordras",
         "Den här meningen förstod ingen av oss. Skriv ”Om vi behöver veta mer hör vi av oss”.", NULL},
    };
    if (rc == DB_OK) rc = store_review_create(d, &letter, LETTER_V1, now - 2 * day, &id);
    if (rc == DB_OK)
        rc = comments(d, id, reviewer, rname, now - day, LETTER_COMMENTS,
                      sizeof LETTER_COMMENTS / sizeof LETTER_COMMENTS[0]);
    if (rc == DB_OK)
        rc = store_review_verdict(d, id, 1, reviewer, rname, "godkand_med_andringar",
                                  "Bra att brevet är kort. Byt de byråkratiska orden så är det klart.",
                                  now - day + 600);
    return rc;
}
