/* Swedish search (issue 10): the words (domain/swedish.c), the index and
 * the query (store/search.c) on SQLite and PostgreSQL, visibility, and the
 * relevance set — at least 100 Swedish queries with the documents they
 * must find in the top 10 and some they must not; recall@10 is printed and
 * must be at least 0.9 on each engine, with no must-not in the top 10. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "domain/swedish.h"
#include "store/store.h"
#include "testutil.h"
#include "util/log.h"

#define NOW ((int64_t)1700000000)
#define DAY 86400

/* ---- words ---- */

static void stopwords_are_sorted_and_found(void **state)
{
    (void)state;
    assert_true(sv_stopword("och"));
    assert_true(sv_stopword("över"));
    assert_true(sv_stopword("alla"));
    assert_true(sv_stopword("åt"));
    assert_false(sv_stopword("grupp"));
    assert_false(sv_stopword("kör"));
}

struct collected {
    char w[16][SV_WORD_MAX + 4];
    size_t start[16], end[16];
    int n;
};

static bool keep(void *ctx, const char *w, size_t wlen, size_t start, size_t end)
{
    struct collected *c = ctx;
    if (c->n < 16) {
        memcpy(c->w[c->n], w, wlen + 1);
        c->start[c->n] = start;
        c->end[c->n] = end;
        c->n++;
    }
    return true;
}

static void words_lower_case_and_keep_aao(void **state)
{
    (void)state;
    struct collected c = {0};
    const char *t = "ÅSA öppnar \"Pratcafé\"* NEAR(kör) -Ö:x \xff\xfe G8";
    sv_words(t, strlen(t), keep, &c);
    assert_int_equal(c.n, 8);
    assert_str(c.w[0], "åsa");
    assert_str(c.w[1], "öppnar");
    assert_str(c.w[2], "pratcafé");
    assert_str(c.w[3], "near");
    assert_str(c.w[4], "kör");
    assert_str(c.w[5], "ö");
    assert_str(c.w[6], "x");
    assert_str(c.w[7], "g8");
    assert_int_equal(c.start[1], 5);
    assert_int_equal(c.end[1], 12);
}

static void stems_fold_and_distance(void **state)
{
    (void)state;
    char out[SV_WORD_MAX + 8];
    sv_stem("föreningarna", strlen("föreningarna"), out, sizeof out);
    assert_str(out, "förening");
    sv_stem("stödgrupper", strlen("stödgrupper"), out, sizeof out);
    assert_str(out, "stödgrupp");
    sv_fold("hälsoväxthuset", out, sizeof out);
    assert_str(out, "halsovaxthuset");
    sv_fold("pratcafé", out, sizeof out);
    assert_str(out, "pratcafe");
    assert_true(sv_has_accent("kör"));
    assert_false(sv_has_accent("kor"));
    assert_int_equal(sv_edit_distance("hälsingborg", "helsingborg", 2), 1);
    assert_int_equal(sv_edit_distance("pratkafe", "pratcafé", 2), 2);
    assert_int_equal(sv_edit_distance("abc", "xyzabc", 2), 3);
    assert_int_equal(sv_typo_budget(3), 0);
    assert_int_equal(sv_typo_budget(4), 1);
    assert_int_equal(sv_typo_budget(8), 2);
    assert_int_equal(sv_chars("kör"), 3);
}

/* ---- the corpus ---- */

struct doc {
    const char *key, *kind, *title, *body;
    const char *facets[4];
    int age_days;
    bool visible;
};

static const struct doc corpus[] = {
    {"pratcafe", "utbud", "Pratcafé mot ofrivillig ensamhet",
     "Omtanke Helsingborg bjuder in till pratcafé varje tisdag. Ett samtal över en kopp kaffe för dig "
     "som känner dig ensam. Gratis, ingen anmälan.",
     {"org=Omtanke Helsingborg", "grupp=ensamhet", "kostnad=gratis"}, 10, true},
    {"queercafe", "utbud", "Queercafé för unga hbtqi-personer",
     "ProQvi ordnar ett queercafé där unga hbtqi-personer kan träffas i en trygg miljö. Fika och "
     "samtal på onsdagar.",
     {"org=ProQvi", "kostnad=gratis"}, 20, true},
    {"laxhjalp", "utbud", "Läxhjälp för barn och unga",
     "Vorta Drom erbjuder läxhjälp på Adolfsberg för skolbarn i årskurs 1–9. Frivilliga ledare "
     "hjälper med matematik, svenska och engelska.",
     {"org=Vorta Drom", "omrade=Adolfsberg", "kostnad=gratis"}, 30, true},
    {"langtid", "utbud", "Stöd till långtidsarbetslösa",
     "Vorta Drom stöttar långtidsarbetslösa på Adolfsberg med jobbsökning, cv och kontakt med "
     "arbetsgivare. Arbetslösheten bland romska familjer är hög.",
     {"org=Vorta Drom", "grupp=arbetslöshet", "omrade=Adolfsberg"}, 40, true},
    {"digital", "utbud", "Digital inkludering på stadsbiblioteket",
     "Digitala instruktörer på stadsbiblioteket hjälper äldre och nyanlända med mobiltelefon, "
     "BankID och e-tjänster. Drop-in utan bokning.",
     {"org=Helsingborgs stad", "grupp=nyanlända", "kostnad=gratis"}, 50, true},
    {"caferia", "utbud", "Café Ria – mötesplats för kvinnor",
     "Café Ria är en mötesplats där kvinnor från olika kulturer träffas, lagar mat tillsammans och "
     "övar svenska.",
     {"org=Café Ria"}, 60, true},
    {"g8", "utbud", "G8 – ungdomsverksamhet på Drottninghög",
     "G8 är en fritidsgård för ungdomar på Drottninghög med idrott, musik och läxläsning på kvällarna.",
     {"org=G8", "omrade=Drottninghög"}, 70, true},
    {"maskrosbarn", "utbud", "Stödgrupper för barn till föräldrar med missbruk",
     "Maskrosbarn ger stöd till barn och ungdomar som har en förälder med missbruk eller psykisk "
     "ohälsa. Stödgrupperna träffas varannan vecka med samtalsledare.",
     {"org=Maskrosbarn", "grupp=missbruk"}, 80, true},
    {"brottsoffer", "utbud", "Stöd till brottsoffer och vittnen",
     "Brottsofferjouren ger kostnadsfritt stöd till den som utsatts för brott, till anhöriga och "
     "till vittnen. Stödpersonerna har tystnadsplikt.",
     {"org=Brottsofferjouren", "grupp=anhöriga", "kostnad=gratis"}, 90, true},
    {"schizofreni", "utbud", "Filmer om rehabilitering vid schizofreni",
     "Schizofreniföreningen har gjort filmer där personer berättar om rehabilitering, återhämtning "
     "och vägen tillbaka till arbete.",
     {"org=Schizofreniföreningen", "grupp=psykisk ohälsa"}, 100, true},
    {"fontanhuset", "utbud", "Fontänhusets klubbhus",
     "Fontänhuset är ett klubbhus för personer med psykisk ohälsa. Medlemmarna driver arbetsenheter "
     "i köket och på kontoret, och får stöd tillbaka till arbete och studier.",
     {"org=Fontänhuset", "grupp=psykisk ohälsa"}, 110, true},
    {"fryshuset", "utbud", "Fryshusets ungdomsarbete",
     "Fryshuset arbetar med ungdomsprojekt, idrott och mentorskap för unga i utanförskap.",
     {"org=Fryshuset"}, 120, true},
    {"framtid", "utbud", "Ledarskapsutbildning för unga",
     "Framtidsverkstaden håller ledarskapsutbildningar där unga ledare tränar på att driva projekt "
     "och tala inför grupp.",
     {"org=Framtidsverkstaden"}, 130, true},
    {"samtalsgrupp", "utbud", "Samtalsgrupp för anhöriga",
     "En samtalsgrupp för anhöriga till personer med psykisk ohälsa. Gruppen träffas i besöksrummet "
     "på Stadsmissionen.",
     {"org=Stadsmissionen", "grupp=anhöriga"}, 140, true},
    {"besoksrum", "inlagg", "Nytt besöksrum på Mötesplats Söder",
     "Föreningarna på Söder har fått ett gemensamt besöksrum där man kan ta emot besökare och hålla "
     "möten.",
     {NULL}, 150, true},
    {"nyanlanda", "inlagg", "Nyanlända familjer får hjälp in i föreningslivet",
     "Flera föreningar i Helsingborg samarbetar för att nyanlända familjer ska hitta aktiviteter för "
     "barnen.",
     {NULL}, 160, true},
    {"promenad", "ide", "Promenadgrupp för seniorer",
     "En idé om promenadgrupper för äldre som vill röra på sig och träffa nya vänner i Helsingborg.",
     {NULL}, 170, true},
    {"protokoll", "protokoll", "Protokoll från nätverksträffen 21 mars 2022",
     "Helsam tar på sig att göra en kartläggning bland sina medlemsföreningar. Frågan ställdes om det "
     "finns en sammanställning av vilka sociala tjänster som finns idag.",
     {NULL}, 600, true},
    {"helsam", "organisation", "Helsam",
     "Helsam är en paraplyorganisation för föreningar inom hälsa och social sammanhållning i "
     "Helsingborg.",
     {NULL}, 365, true},
    {"vortadrom", "organisation", "Vorta Drom",
     "Romsk förening på Adolfsberg som arbetar med barn, unga och vuxna.", {NULL}, 365, true},
    {"forelasning", "aktivitet", "Föreläsning om psykisk hälsa för unga",
     "Aktiviteten samlade 60 ungdomar som lyssnade på en föreläsning om stress och sömn.", {NULL},
     200, true},
    {"budget", "utbud", "Ekonomisk rådgivning för hushåll",
     "Budget- och skuldrådgivning för hushåll med svag ekonomi. Rådgivarna hjälper med "
     "hushållsbudget och kontakt med Kronofogden.",
     {"org=Helsingborgs stad", "kostnad=gratis"}, 210, true},
    {"sommarlov", "utbud", "Sommarlovsaktiviteter för barn",
     "Under sommarlovet ordnar föreningarna gratis aktiviteter: simskola, fotboll och utflykter.",
     {"kostnad=gratis"}, 220, true},
    {"sprakcafe", "utbud", "Språkcafé – öva svenska",
     "På språkcafét övar du svenska tillsammans med volontärer. För nyanlända och alla som vill "
     "prata mer svenska.",
     {"grupp=nyanlända"}, 230, true},
    {"ensamstaende", "utbud", "Stöd till ensamstående föräldrar",
     "Träffar och rådgivning för ensamstående mammor och pappor.", {NULL}, 240, true},
    {"hemlosa", "utbud", "Härbärge och stöd för hemlösa",
     "Stadsmissionen erbjuder natthärbärge, dusch och mat för personer i hemlöshet.",
     {"org=Stadsmissionen"}, 250, true},
    {"kor", "utbud", "Kör för alla åldrar",
     "Sångglädje i kören varje torsdag. Ingen erfarenhet krävs. Håll utkik efter vårkonserten.",
     {NULL}, 260, true},
    {"bondgard", "inlagg", "Barnen besökte bondgården",
     "Barnen klappade kor och får på en gård utanför staden.", {NULL}, 270, true},
    {"idrottshall", "utbud", "Idrottshall för spontanidrott",
     "Hallen är öppen för spontanidrott på fredagskvällar.", {NULL}, 280, true},
    {"socialforv", "organisation", "Socialförvaltningen, Helsingborgs stad",
     "Socialförvaltningen ansvarar för socialtjänsten, försörjningsstöd och stöd till barn och "
     "familjer.",
     {NULL}, 365, true},
    /* Never visible: must never be found, nor suggested. */
    {"draft", "inlagg", "Hemligt utkast om budgetfrågor",
     "Zebrafinkar och grupper av budgetfrågor som inte är publicerade.", {NULL}, 1, false},
};
#define NDOCS (sizeof corpus / sizeof corpus[0])

struct rq {
    const char *q, *want, *not;
};

static const struct rq queries[] = {
    /* inflection: definite and plural forms */
    {"pratcaféet", "pratcafe", NULL},
    {"föreningarna", "nyanlanda", "draft"},
    {"föreningar", "helsam", NULL},
    {"förening", "vortadrom", NULL},
    {"stödgrupperna", "maskrosbarn", NULL},
    {"stödgrupp", "maskrosbarn", NULL},
    {"besöksrummet", "besoksrum", NULL},
    {"besöksrum", "samtalsgrupp", NULL},
    {"filmerna", "schizofreni", NULL},
    {"film", "schizofreni", NULL},
    {"ungdomar", "g8", NULL},
    {"ungdomen", "maskrosbarn", NULL},
    {"barnen", "sommarlov", NULL},
    {"barn", "laxhjalp", NULL},
    {"kvinnorna", "caferia", NULL},
    {"familjerna", "nyanlanda", NULL},
    {"klubbhuset", "fontanhuset", NULL},
    {"läxhjälpen", "laxhjalp", NULL},
    {"ledarskapsutbildningen", "framtid", NULL},
    {"rehabiliteringen", "schizofreni", NULL},
    {"mötesplatsen", "caferia", NULL},
    {"instruktörerna", "digital", NULL},
    {"brottsoffren", "brottsoffer", NULL},
    {"vittnena", "brottsoffer", NULL},
    {"härbärget", "hemlosa", NULL},
    {"aktiviteterna", "sommarlov", NULL},
    {"rådgivningen", "budget", NULL},
    {"projekten", "framtid", NULL},
    {"gruppen", "samtalsgrupp", NULL},
    {"utflykterna", "sommarlov", NULL},
    {"filmer", "schizofreni", NULL},
    {"seniorerna", "promenad", NULL},
    /* a part of a compound finds the compound */
    {"grupp", "maskrosbarn", "draft"},
    {"samtal", "samtalsgrupp", NULL},
    {"café", "queercafe", NULL},
    {"hjälp", "laxhjalp", NULL},
    {"projekt", "fryshuset", NULL},
    {"ungdom", "fryshuset", NULL},
    {"arbete", "fontanhuset", NULL},
    {"utbildning", "framtid", NULL},
    {"ledare", "framtid", NULL},
    {"skola", "sommarlov", NULL},
    {"fotboll", "sommarlov", NULL},
    {"boll", "sommarlov", NULL},
    {"missbruk", "maskrosbarn", NULL},
    {"ohälsa", "fontanhuset", NULL},
    {"hälsa", "forelasning", NULL},
    {"stöd", "brottsoffer", NULL},
    {"kaffe", "pratcafe", NULL},
    {"bibliotek", "digital", NULL},
    {"arbetslösa", "langtid", NULL},
    {"arbetslöshet", "langtid", NULL},
    {"sammanställning", "protokoll", NULL},
    {"kartläggning", "protokoll", NULL},
    {"medlemsförening", "protokoll", NULL},
    {"personer", "brottsoffer", NULL},
    {"härbärge", "hemlosa", NULL},
    {"budget", "budget", "draft"},
    /* a compound inflected finds the bare compound */
    {"samtalsgruppen", "samtalsgrupp", NULL},
    {"stödgruppen", "maskrosbarn", NULL},
    {"ungdomsprojekten", "fryshuset", NULL},
    {"klubbhusen", "fontanhuset", NULL},
    {"fritidsgården", "g8", NULL},
    {"mötesplatserna", "caferia", NULL},
    /* typos: "Menade du …?" */
    {"pratkafe", "pratcafe", NULL},
    {"Hälsingborg", "helsam", NULL},
    {"stödgrup", "maskrosbarn", NULL},
    {"läxhjälpp", "laxhjalp", NULL},
    {"rehabilitring", "schizofreni", NULL},
    {"ensamhett", "pratcafe", NULL},
    {"brottsofer", "brottsoffer", NULL},
    {"fontänhust", "fontanhuset", NULL},
    {"skizofreni", "schizofreni", NULL},
    {"kronofogdn", "budget", NULL},
    {"tystnadspikt", "brottsoffer", NULL},
    {"fritidsgård", "g8", NULL},
    /* å, ä and ö: distinct, but a query typed without them still finds */
    {"nyanlända", "digital", "draft"},
    {"nyanlanda", "digital", NULL},
    {"ensamstaende", "ensamstaende", NULL},
    {"hemloshet", "hemlosa", NULL},
    {"medlemsforeningar", "protokoll", NULL},
    {"motesplats", "caferia", NULL},
    {"kor", "bondgard", "kor"},
    {"kör", "kor", "bondgard"},
    {"hall", "idrottshall", "kor"},
    {"håll", "kor", "idrottshall"},
    {"sång", "kor", NULL},
    {"sang", "kor", NULL},
    {"drottninghog", "g8", NULL},
    {"cafe", "pratcafe", NULL},
    /* several words */
    {"läxhjälp adolfsberg", "laxhjalp", "langtid"},
    {"stöd arbetslösa", "langtid", NULL},
    {"pratcafé ensamhet", "pratcafe", NULL},
    {"samtalsgrupp anhöriga", "samtalsgrupp", NULL},
    {"barn missbruk", "maskrosbarn", NULL},
    {"psykisk ohälsa", "fontanhuset", NULL},
    {"digital hjälp äldre", "digital", NULL},
    {"mat för hemlösa", "hemlosa", NULL},
    {"unga ledare", "framtid", NULL},
    {"fotboll sommarlov", "sommarlov", NULL},
    {"queer café", "queercafe", NULL},
    {"öva svenska", "sprakcafe", NULL},
    {"tystnadsplikt stöd", "brottsoffer", NULL},
    {"kartläggning medlemsföreningar", "protokoll", NULL},
    {"idrott ungdomar", "g8", NULL},
    {"sociala tjänster", "protokoll", NULL},
    /* names */
    {"Vorta Drom", "vortadrom", NULL},
    {"Maskrosbarn", "maskrosbarn", NULL},
    {"Fryshuset", "fryshuset", NULL},
    {"Framtidsverkstaden", "framtid", NULL},
    {"ProQvi", "queercafe", NULL},
    {"Omtanke", "pratcafe", NULL},
    {"Brottsofferjouren", "brottsoffer", NULL},
    {"Helsam", "helsam", NULL},
    {"Café Ria", "caferia", NULL},
    {"G8", "g8", NULL},
    {"Adolfsberg", "langtid", NULL},
    {"Drottninghög", "g8", NULL},
    {"Stadsmissionen", "hemlosa", NULL},
    {"Kronofogden", "budget", NULL},
    {"promenadgrupp", "promenad", NULL},
    {"föreläsning", "forelasning", NULL},
    {"socialtjänsten", "socialforv", NULL},
    {"försörjningsstöd", "socialforv", NULL},
};
#define NQUERIES (sizeof queries / sizeof queries[0])

struct engine {
    struct test_engine t;
    db *d;
};

static const char *url_of(arena *a, const struct doc *c, size_t i)
{
    (void)c;
    return arena_printf(a, "/test/%zu", i);
}

static enum db_rc put_corpus(db *d)
{
    arena *a = arena_new();
    enum db_rc rc = DB_OK;
    for (size_t i = 0; i < NDOCS && rc == DB_OK; i++) {
        const struct doc *c = &corpus[i];
        struct search_doc sd = {
            .kind = c->kind, .ref = (int64_t)i + 1, .url = url_of(a, c, i), .title = c->title,
            .body = c->body, .updated_at = NOW - (int64_t)c->age_days * DAY,
            .facets = c->facets, .visible = c->visible,
        };
        rc = search_put(d, &sd);
    }
    arena_free(a);
    return rc;
}

static int engine_up(bool pg, void **state)
{
    static struct engine e;
    memset(&e, 0, sizeof e);
    *state = &e;
    if (test_engine_create(&e.t, pg, "search") != 0) return -1;
    e.d = test_engine_open(&e.t);
    if (!e.d) return -1;
    return put_corpus(e.d) == DB_OK ? 0 : -1;
}

static int setup_sqlite(void **state) { return engine_up(false, state); }
static int setup_pg(void **state) { return engine_up(true, state); }

static int engine_down(void **state)
{
    struct engine *e = *state;
    db_close(e->d);
    test_engine_destroy(&e->t);
    return 0;
}

static const char *key_of(const char *url)
{
    int i = atoi(url + strlen("/test/"));
    return i >= 0 && (size_t)i < NDOCS ? corpus[i].key : "?";
}

static bool in_top(const struct search_result *r, const char *key)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(key_of(r->hits[i].url), key) == 0) return true;
    return false;
}

static void relevance_set(void **state)
{
    struct engine *e = *state;
    assert_true(NQUERIES >= 100);
    size_t found = 0, violations = 0;
    for (size_t i = 0; i < NQUERIES; i++) {
        arena *a = arena_new();
        struct search_result r;
        assert_rc(store_search(e->d, a, queries[i].q, NULL, 0, 10, NOW, &r), DB_OK);
        if (in_top(&r, queries[i].want)) found++;
        else printf("  missed: \"%s\" (want %s; %zu hits%s%s)\n", queries[i].q, queries[i].want,
                    r.n, r.suggestion ? ", menade du " : "", r.suggestion ? r.suggestion : "");
        if (queries[i].not && in_top(&r, queries[i].not)) {
            violations++;
            printf("  must not: \"%s\" found %s\n", queries[i].q, queries[i].not);
        }
        if (in_top(&r, "draft")) violations++;
        arena_free(a);
    }
    double recall = (double)found / (double)NQUERIES;
    printf("search relevance on %s: %zu queries, recall@10 = %.3f, must-not violations = %zu\n",
           e->t.name, (size_t)NQUERIES, recall, violations);
    assert_true(recall >= 0.9);
    assert_int_equal(violations, 0);
}

static void search_once(struct engine *e, arena *a, const char *q, const struct search_filter *f,
                        struct search_result *r)
{
    assert_rc(store_search(e->d, a, q, f, 0, 10, NOW, r), DB_OK);
}

static void typos_suggest_and_fold(void **state)
{
    struct engine *e = *state;
    arena *a = arena_new();
    struct search_result r;
    search_once(e, a, "pratkafe", NULL, &r);
    assert_non_null(r.suggestion);
    assert_str(r.suggestion, "pratcafé");
    assert_true(r.n >= 1);
    assert_str(key_of(r.hits[0].url), "pratcafe");

    search_once(e, a, "Hälsingborg", NULL, &r);
    assert_non_null(r.suggestion);
    assert_str(r.suggestion, "helsingborg");

    search_once(e, a, "nyanlanda", NULL, &r);
    assert_null(r.suggestion);
    assert_true(r.folded);
    assert_true(r.total >= 2);

    search_once(e, a, "nyanlända", NULL, &r);
    assert_false(r.folded);

    /* a word one letter long, or nothing but punctuation and syntax */
    const char *empty[] = {"", "a", "  ", "\"*:-()", "och i", "\xff\xfe", NULL};
    for (int i = 0; empty[i]; i++) {
        search_once(e, a, empty[i], NULL, &r);
        assert_int_equal(r.status, SEARCH_NO_WORDS);
        assert_int_equal(r.n, 0);
    }
    /* FTS5 and SQL syntax are only words here */
    const char *odd[] = {"\"stöd\" OR *", "stöd'; DROP TABLE search_docs; --", "stöd NEAR(grupp)",
                         "-stöd", "stöd:*", "(stöd", "<script>stöd</script>", NULL};
    for (int i = 0; odd[i]; i++) {
        search_once(e, a, odd[i], NULL, &r);
        assert_int_equal(r.status, SEARCH_OK);
    }
    /* 100 words: searched are the first SEARCH_MAX_WORDS */
    buf b = {0};
    for (int i = 0; i < 100; i++) buf_printf(&b, "ord%d ", i);
    search_once(e, a, buf_cstr(&b), NULL, &r);
    buf_free(&b);
    assert_int_equal(r.nwords, SEARCH_MAX_WORDS);
    assert_true(r.words_cut);
    assert_int_equal(r.total, 0);
    arena_free(a);
}

static void facets_count_and_filter(void **state)
{
    struct engine *e = *state;
    arena *a = arena_new();
    struct search_result r;
    search_once(e, a, "stöd", NULL, &r);
    int64_t all = r.total;
    assert_true(all >= 4);
    int64_t gratis = -1;
    for (size_t i = 0; i < r.nfacets; i++)
        if (strcmp(r.facets[i].name, "kostnad") == 0 && strcmp(r.facets[i].value, "gratis") == 0)
            gratis = r.facets[i].n;
    assert_true(gratis >= 1);
    struct search_filter f = {.cost = "gratis"};
    search_once(e, a, "stöd", &f, &r);
    assert_int_equal(r.total, gratis);
    struct search_filter k = {.kind = "organisation"};
    search_once(e, a, "stöd", &k, &r);
    assert_int_equal(r.total, 1);
    assert_str(key_of(r.hits[0].url), "socialforv");
    struct search_filter none = {.org = "Finns inte"};
    search_once(e, a, "stöd", &none, &r);
    assert_int_equal(r.total, 0);
    /* paging far beyond the end: no hits, the same total */
    assert_rc(store_search(e->d, a, "stöd", NULL, 99990, 10, NOW, &r), DB_OK);
    assert_int_equal(r.n, 0);
    assert_int_equal(r.total, all);
    arena_free(a);
}

static void titles_first_then_fresh(void **state)
{
    struct engine *e = *state;
    arena *a = arena_new();
    struct search_result r;
    /* "klubbhus": in the title of one, the body of none else: title first */
    search_once(e, a, "ensamhet", NULL, &r);
    assert_true(r.n >= 1);
    assert_str(key_of(r.hits[0].url), "pratcafe");
    assert_true(r.hits[0].title_hit);
    /* two equal texts: the fresher first */
    struct search_doc old = {.kind = "inlagg", .ref = 9001, .url = "/x/old", .title = "Julmarknad",
                             .body = "Julmarknad på torget.", .updated_at = NOW - 900 * DAY,
                             .visible = true};
    struct search_doc fresh = old;
    fresh.ref = 9002;
    fresh.url = "/x/fresh";
    fresh.updated_at = NOW - DAY;
    assert_rc(search_put(e->d, &old), DB_OK);
    assert_rc(search_put(e->d, &fresh), DB_OK);
    search_once(e, a, "julmarknaden", NULL, &r);
    assert_int_equal(r.n, 2);
    assert_str(r.hits[0].url, "/x/fresh");
    assert_rc(search_drop(e->d, "inlagg", 9001), DB_OK);
    assert_rc(search_drop(e->d, "inlagg", 9002), DB_OK);
    arena_free(a);
}

static enum db_rc put_then_fail(db *d, void *ctx)
{
    enum db_rc rc = search_put(d, ctx);
    return rc == DB_OK ? DB_CONFLICT : rc;
}

static void hidden_is_never_found(void **state)
{
    struct engine *e = *state;
    arena *a = arena_new();
    struct search_result r;
    /* never put visible: neither found nor suggested */
    search_once(e, a, "zebrafinkar", NULL, &r);
    assert_int_equal(r.total, 0);
    assert_null(r.suggestion);
    search_once(e, a, "zebrafinkat", NULL, &r);
    assert_null(r.suggestion);

    /* published, then unpublished: gone, and its words with it */
    struct search_doc doc = {.kind = "inlagg", .ref = 777, .url = "/x/777",
                             .title = "Vattenpölsdans", .body = "Kvällens vattenpölsdans.",
                             .updated_at = NOW, .visible = true};
    assert_rc(search_put(e->d, &doc), DB_OK);
    search_once(e, a, "vattenpölsdans", NULL, &r);
    assert_int_equal(r.total, 1);
    doc.visible = false;
    assert_rc(search_put(e->d, &doc), DB_OK);
    search_once(e, a, "vattenpölsdans", NULL, &r);
    assert_int_equal(r.total, 0);
    search_once(e, a, "vattenpölsdanz", NULL, &r);
    assert_null(r.suggestion);
    if (db_dialect(e->d) == DB_SQLITE) { /* the trigram table followed the vocabulary out */
        int64_t left = -1;
        assert_rc(db_one_int(db_prepare(e->d, "SELECT COUNT(*) FROM search_vocab_tri WHERE word = 'vattenpölsdans'"),
                             &left), DB_OK);
        assert_int_equal(left, 0);
    }

    /* edited: the old words are gone, the new found */
    doc.visible = true;
    assert_rc(search_put(e->d, &doc), DB_OK);
    doc.title = "Regndans";
    doc.body = "Kvällens regndans.";
    assert_rc(search_put(e->d, &doc), DB_OK);
    search_once(e, a, "vattenpölsdans", NULL, &r);
    assert_int_equal(r.total, 0);
    search_once(e, a, "regndansen", NULL, &r);
    assert_int_equal(r.total, 1);

    /* erased */
    assert_rc(search_drop(e->d, "inlagg", 777), DB_OK);
    search_once(e, a, "regndans", NULL, &r);
    assert_int_equal(r.total, 0);
    assert_rc(search_drop(e->d, "inlagg", 777), DB_OK); /* again: nothing to do */

    /* written in a transaction that rolls back: never there */
    struct search_doc lost = {.kind = "inlagg", .ref = 778, .url = "/x/778",
                              .title = "Snöbollskrig", .body = "", .updated_at = NOW,
                              .visible = true};
    assert_rc(db_tx(e->d, true, put_then_fail, &lost), DB_CONFLICT);
    search_once(e, a, "snöbollskrig", NULL, &r);
    assert_int_equal(r.total, 0);

    int64_t docs = 0, words = 0;
    assert_rc(store_search_counts(e->d, &docs, &words), DB_OK);
    assert_int_equal(docs, (int64_t)NDOCS - 1);
    arena_free(a);
}

/* The per-process cache of results: a repeated search gives the same
 * result (a copy that outlives the cache's own), and any change to the
 * index — a put, an edit, a removal — is seen by the very next search of
 * the same words; a rolled-back write changes nothing. */
static void cache_follows_the_index(void **state)
{
    struct engine *e = *state;
    arena *a = arena_new(), *b = arena_new();
    struct search_result r1, r2;
    search_once(e, a, "stödgrupper", NULL, &r1);
    assert_true(r1.total > 0);
    search_once(e, b, "stödgrupper", NULL, &r2); /* from the cache */
    assert_int_equal(r2.total, r1.total);
    assert_int_equal(r2.n, r1.n);
    assert_int_equal(r2.nfacets, r1.nfacets);
    for (size_t i = 0; i < r1.n; i++) {
        assert_string_equal(r2.hits[i].url, r1.hits[i].url);
        assert_string_equal(r2.hits[i].body, r1.hits[i].body);
    }
    arena_free(a); /* the second copy is its own */
    assert_true(r2.n > 0 && strlen(r2.hits[0].title) > 0);
    a = arena_new();

    struct search_doc doc = {.kind = "inlagg", .ref = 779, .url = "/x/779",
                             .title = "Stödgrupper för grannar", .body = "Ny stödgrupp.",
                             .updated_at = NOW, .visible = true};
    struct search_result r;
    assert_rc(db_tx(e->d, true, put_then_fail, &doc), DB_CONFLICT);
    search_once(e, a, "stödgrupper", NULL, &r);
    assert_int_equal(r.total, r1.total);
    assert_rc(search_put(e->d, &doc), DB_OK);
    search_once(e, a, "stödgrupper", NULL, &r);
    assert_int_equal(r.total, r1.total + 1);
    doc.title = "Grannar";
    doc.body = "Inget mer om det.";
    assert_rc(search_put(e->d, &doc), DB_OK);
    search_once(e, a, "stödgrupper", NULL, &r);
    assert_int_equal(r.total, r1.total);
    search_once(e, a, "grannar", NULL, &r);
    assert_int_equal(r.total, 1);
    assert_rc(search_drop(e->d, "inlagg", 779), DB_OK);
    search_once(e, a, "grannar", NULL, &r);
    assert_int_equal(r.total, 0);
    arena_free(a);
    arena_free(b);
}

struct many {
    int from, to;
    bool drop;
};

static enum db_rc many_tx(db *d, void *ctx)
{
    struct many *m = ctx;
    enum db_rc rc = DB_OK;
    static const char *const friends[] = {"grupp=Kapsylvänner", NULL};
    for (int i = m->from; rc == DB_OK && i < m->to; i++) {
        if (m->drop) {
            rc = search_drop(d, "inlagg", 5000 + i);
            continue;
        }
        char url[32], title[64];
        snprintf(url, sizeof url, "/x/%d", 5000 + i);
        snprintf(title, sizeof title, "Kapsyl nummer %d", i);
        struct search_doc doc = {.kind = "inlagg", .ref = 5000 + i, .url = url, .title = title,
                                 .body = "Ur kapsylsamlingen.", .updated_at = NOW,
                                 .facets = i < 3 ? friends : NULL, .visible = true};
        rc = search_put(d, &doc);
    }
    return rc;
}

/* More than SEARCH_CAP matches: on SQLite only the SEARCH_CAP newest are
 * ranked and counted (the result says so); a filter that narrows the set
 * under the cap counts exactly again, older texts included.  PostgreSQL
 * counts everything. */
static void many_matches_are_capped(void **state)
{
    struct engine *e = *state;
    enum { N = SEARCH_CAP + 5 };
    struct many m = {0, N, false};
    assert_rc(db_tx(e->d, true, many_tx, &m), DB_OK);
    arena *a = arena_new();
    struct search_result r;
    search_once(e, a, "kapsyl", NULL, &r);
    bool sq = db_dialect(e->d) == DB_SQLITE;
    assert_int_equal(r.capped, sq);
    assert_int_equal(r.total, sq ? SEARCH_CAP : N);
    assert_int_equal(r.n, 10);
    int64_t kinds = 0;
    for (size_t i = 0; i < r.nfacets; i++)
        if (strcmp(r.facets[i].name, "kind") == 0) kinds += r.facets[i].n;
    assert_int_equal(kinds, r.total);
    if (sq) /* the five oldest are outside the cap */
        for (size_t i = 0; i < r.n; i++)
            for (int k = 0; k < 5; k++) assert_string_not_equal(r.hits[i].url, arena_printf(a, "/x/%d", 5000 + k));
    struct search_filter f = {.group = "Kapsylvänner"};
    search_once(e, a, "kapsyl", &f, &r);
    assert_false(r.capped);
    assert_int_equal(r.total, 3);
    assert_int_equal(r.n, 3);
    m.drop = true;
    assert_rc(db_tx(e->d, true, many_tx, &m), DB_OK);
    search_once(e, a, "kapsyl", NULL, &r);
    assert_int_equal(r.total, 0);
    arena_free(a);
}

int main(void)
{
    log_set_quiet(1);
    const struct CMUnitTest words[] = {
        cmocka_unit_test(stopwords_are_sorted_and_found),
        cmocka_unit_test(words_lower_case_and_keep_aao),
        cmocka_unit_test(stems_fold_and_distance),
    };
    int failed = cmocka_run_group_tests_name("swedish words", words, NULL, NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(relevance_set),
        cmocka_unit_test(typos_suggest_and_fold),
        cmocka_unit_test(facets_count_and_filter),
        cmocka_unit_test(titles_first_then_fresh),
        cmocka_unit_test(hidden_is_never_found),
        cmocka_unit_test(cache_follows_the_index),
        cmocka_unit_test(many_matches_are_capped),
    };
    failed += cmocka_run_group_tests_name("search/sqlite", tests, setup_sqlite, engine_down);
    if (getenv("SAMSKAP_TEST_PG_URL") && *getenv("SAMSKAP_TEST_PG_URL"))
        failed += cmocka_run_group_tests_name("search/postgresql", tests, setup_pg, engine_down);
    else
        printf("search/postgresql: skipped (SAMSKAP_TEST_PG_URL is not set)\n");
    return failed;
}
