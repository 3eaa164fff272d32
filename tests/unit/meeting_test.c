/* Issue 4: the development group's rules and the store's carry-over.
 *
 * Domain: parse_count_range ("16–17 barn och unga kom" as numbers; negative,
 * reversed and absurd counts refused), meeting_times_ok, minutes_editable,
 * the status and section names.
 *
 * Store, on SQLite and (when SAMSKAP_TEST_PG_URL is set) PostgreSQL: an item
 * whose report is marked missing goes onto the group's next meeting by
 * itself (when the minutes are saved and the next meeting exists, or when
 * the next meeting is made later), along chains of meetings, never twice
 * and never backwards; unmarking takes the untouched copy back and leaves a
 * copy someone wrote in; a save from a stale version is DB_CONFLICT and
 * writes nothing; open action items are on every later agenda until done.
 * Issue 8: an idea's activity follows it and holds its report (made when
 * the idea is done), participants are told once, and migration 0006 moves
 * the reports written before it onto the activities.
 * Every test makes its own group, so the order does not matter. */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"

#include "domain/meeting.h"
#include "store/store.h"
#include "util/log.h"

#define NOW ((int64_t)1645446600) /* 2022-02-21 13:30 in Stockholm */

/* ------------------------------------------------------------------ */
/* the domain                                                          */

static void counts_accepted(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int64_t min, max;
    } ok[] = {
        {"", -1, -1},
        {"   ", -1, -1},
        {"16", 16, 16},
        {"0", 0, 0},
        {"16-17", 16, 17},
        {"16\xe2\x80\x93" "17", 16, 17},          /* en dash */
        {"16\xe2\x80\x94" "17", 16, 17},          /* em dash */
        {"16 \xe2\x80\x93 17", 16, 17},
        {"16 - 17", 16, 17},
        {"16\xe2\x80\x93" "17 barn och unga kom", 16, 17},
        {"10 personer", 10, 10},
        {"  7  ", 7, 7},
        {"\t12", 12, 12},
        {"17-17", 17, 17},
        {"100000", 100000, 100000},
        {"0-100000", 0, 100000},
    };
    for (size_t k = 0; k < sizeof ok / sizeof ok[0]; k++) {
        struct count_range c = {123, 456};
        if (!parse_count_range(ok[k].in, &c)) fail_msg("\"%s\" was refused", ok[k].in);
        if (c.min != ok[k].min || c.max != ok[k].max)
            fail_msg("\"%s\" read as {%lld, %lld}, want {%lld, %lld}", ok[k].in, (long long)c.min, (long long)c.max,
                     (long long)ok[k].min, (long long)ok[k].max);
    }
    struct count_range c = {1, 1};
    assert_true(parse_count_range(NULL, &c));
    assert_int_equal(c.min, -1);
    assert_int_equal(c.max, -1);
}

static void counts_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "-5", "-0", "\xe2\x88\x92" "5" /* U+2212 minus */, "100001", "99999999999", "1234567890",
        "abc", "tio", "17-16", "17\xe2\x80\x93" "16", "16-", "16\xe2\x80\x93", "-17", "\xe2\x80\x93" "17",
        "16 barn 17", "16-17-18", "16\xe2\x80\x93" "17\xe2\x80\x93" "18", "1e3", "16.5", "16,5", "0x10",
        "100000-100001", "5 av 12", "+5", "~16",
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        struct count_range c = {-1, -1};
        if (parse_count_range(bad[k], &c))
            fail_msg("\"%s\" was accepted as {%lld, %lld}", bad[k], (long long)c.min, (long long)c.max);
    }
}

static void times(void **state)
{
    (void)state;
    static const char *const ok[][2] = {{"13:30", "15:30"}, {"00:00", "23:59"}, {"09:05", "09:06"}, {"13:30", "13:31"},
                                        {"08:00", "20:00"}};
    for (size_t k = 0; k < sizeof ok / sizeof ok[0]; k++)
        if (!meeting_times_ok(ok[k][0], ok[k][1])) fail_msg("%s–%s refused", ok[k][0], ok[k][1]);
    static const char *const bad[][2] = {
        {"15:30", "13:30"}, {"13:30", "13:30"}, {"13:30", "13:29"}, {"23:59", "00:00"}, {"25:00", "26:00"},
        {"13:30", "25:00"}, {"24:00", "24:30"}, {"12:60", "13:00"}, {"12:00", "12:60"}, {"12:00", "12:99"},
        {"9:30", "15:30"}, {"13:30", "15:3"}, {"13:30:00", "15:30:00"}, {"", "15:30"}, {"13:30", ""},
        {"ab:cd", "ef:gh"}, {"13-30", "15-30"}, {"13:3\xc3", "15:30"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
        if (meeting_times_ok(bad[k][0], bad[k][1])) fail_msg("\"%s\"–\"%s\" accepted", bad[k][0], bad[k][1]);
    assert_false(meeting_times_ok(NULL, "15:30"));
    assert_false(meeting_times_ok("13:30", NULL));
}

static void names_and_editability(void **state)
{
    (void)state;
    for (int s = 0; s < ACT_STATUS_COUNT; s++)
        assert_int_equal(activity_status_from_name(activity_status_name((enum activity_status)s)), s);
    for (int s = 0; s < MEETING_STATUS_COUNT; s++)
        assert_int_equal(meeting_status_from_name(meeting_status_name((enum meeting_status)s)), s);
    for (int s = 0; s < SECTION_COUNT; s++) assert_int_equal(section_from_name(section_name((enum item_section)s)), s);
    assert_int_equal(activity_status_from_name("klar"), -1);
    assert_int_equal(activity_status_from_name(NULL), -1);
    assert_int_equal(meeting_status_from_name("PLANERAT"), -1);
    assert_int_equal(section_from_name(""), -1);
    assert_str(activity_status_name((enum activity_status)99), "planerad");
    assert_str(section_name(SECTION_OTHER), "ovrigt");
    assert_true(minutes_editable(MEETING_PLANNED));
    assert_true(minutes_editable(MEETING_HELD));
    assert_false(minutes_editable(MEETING_PUBLISHED));
}

/* ------------------------------------------------------------------ */
/* the store, on both engines                                          */

struct engine {
    struct test_engine t;
    db *d;
    arena *a;
};

static struct engine sqlite_engine, pg_engine;

static int engine_up(struct engine *e, bool pg, void **state)
{
    *state = e;
    if (test_engine_create(&e->t, pg, "meeting") != 0) return -1;
    e->d = test_engine_open(&e->t);
    return e->d ? 0 : -1;
}

static int engine_down(void **state)
{
    struct engine *e = *state;
    db_close(e->d);
    test_engine_destroy(&e->t);
    return 0;
}

static int setup_sqlite(void **state) { return engine_up(&sqlite_engine, false, state); }
static int setup_pg(void **state) { return engine_up(&pg_engine, true, state); }
#define teardown_sqlite engine_down
#define teardown_pg engine_down

static int arena_up(void **state)
{
    struct engine *e = *state;
    e->a = arena_new();
    return 0;
}

static int arena_down(void **state)
{
    struct engine *e = *state;
    arena_free(e->a);
    e->a = NULL;
    return 0;
}

/* ---- helpers ---- */

static int64_t new_group(struct engine *e)
{
    static int seq;
    char slug[64];
    snprintf(slug, sizeof slug, "grupp-%d-%ld", ++seq, (long)getpid());
    struct group g = {.slug = slug, .name = "Gemensam utvecklingsgrupp", .description = ""};
    int64_t id = 0;
    assert_rc(store_group_create(e->d, &g, NOW, &id), DB_OK);
    return id;
}

static int64_t new_meeting(struct engine *e, int64_t group, const char *date)
{
    struct meeting m = {.group_id = group, .date = date, .start_time = "13:30", .end_time = "15:30",
                        .place_name = "Fontänhuset Helsingborg", .place_address = "Norra strandgatan 8",
                        .online = "Webex", .theme = "Tema", .description = "", .status = MEETING_PLANNED};
    int64_t id = 0;
    assert_rc(store_meeting_create(e->d, &m, NOW, &id), DB_OK);
    return id;
}

static int64_t new_activity(struct engine *e, const char *title, const char *org)
{
    struct named_org o = {0, org, ""};
    struct activity x = {.title = title, .status = ACT_DONE, .presenter = "Verdandi", .start_date = "", .end_date = "",
                         .total = {-1, -1}, .youth = {16, 17}, .report = "", .results = "", .feedback = "",
                         .feedback_date = "", .next_steps = "", .orgs = &o, .norgs = org ? 1 : 0};
    int64_t id = 0;
    assert_rc(store_activity_create(e->d, &x, NOW, &id), DB_OK);
    return id;
}

static int64_t add_item(struct engine *e, int64_t meeting, const char *title, int64_t activity)
{
    struct agenda_item it = {.section = SECTION_MAIN, .activity_id = activity, .title = title, .presenter = "ProQvi"};
    int64_t id = 0;
    assert_rc(store_agenda_add(e->d, meeting, &it, &id), DB_OK);
    return id;
}

static struct meeting *get(struct engine *e, int64_t id)
{
    struct meeting *m = NULL;
    assert_rc(store_meeting_get(e->d, e->a, id, &m), DB_OK);
    return m;
}

static struct agenda_item *item_titled(struct meeting *m, const char *title)
{
    for (size_t k = 0; k < m->nitems; k++)
        if (strcmp(m->items[k].title, title) == 0) return &m->items[k];
    return NULL;
}

static size_t count_titled(struct meeting *m, const char *title)
{
    size_t n = 0;
    for (size_t k = 0; k < m->nitems; k++) n += strcmp(m->items[k].title, title) == 0;
    return n;
}

/* The minutes as stored, with one item's text, questions and missing flag
 * changed (text/questions NULL: keep), saved from `version` (0: current). */
static enum db_rc save_item(struct engine *e, int64_t meeting, int64_t item, const char *text, const char *question,
                            bool missing, int64_t version)
{
    struct meeting *m = get(e, meeting);
    struct minutes mi = {.expected_version = version ? version : m->minutes_version, .by = "Kim Karlsson"};
    mi.items = arena_alloc(e->a, (m->nitems + 1) * sizeof *mi.items);
    for (size_t k = 0; k < m->nitems; k++) {
        struct agenda_item *it = &m->items[k];
        struct minutes_item *x = &mi.items[mi.nitems++];
        *x = (struct minutes_item){it->id, it->minutes, it->report_missing, it->questions, it->nquestions};
        if (it->id != item) continue;
        if (text) x->text = text;
        if (question) {
            const char **q = arena_alloc(e->a, sizeof *q);
            q[0] = question;
            x->questions = q;
            x->nquestions = 1;
        }
        x->report_missing = missing;
    }
    mi.attendees = m->attendees;
    mi.nattendees = m->nattendees;
    return store_minutes_save(e->d, meeting, &mi, NOW + 100);
}

static int64_t scalar(struct engine *e, const char *sql, int64_t arg)
{
    db_stmt *st = db_prepare(e->d, sql);
    db_bind_int(st, 1, arg);
    int64_t v = -1;
    enum db_rc rc = db_one_int(st, &v);
    if (rc != DB_OK && rc != DB_NOTFOUND) fail_msg("%s: %s", sql, db_errmsg(e->d));
    return v;
}

static const char Q_COPIES[] = "SELECT COUNT(*) FROM agenda_items WHERE carried_from = ?";
static const char Q_ITEMS_OF[] = "SELECT COUNT(*) FROM agenda_items WHERE meeting_id = ?";
static const char Q_VERSION[] = "SELECT minutes_version FROM meetings WHERE id = ?";

/* ---- carry-over ---- */

static void missing_report_goes_to_the_next_meeting_made_later(void **state)
{
    struct engine *e = *state;
    int64_t g = new_group(e);
    int64_t act = new_activity(e, "Panelsamtal om hbtqi och identitet", "ProQvi");
    int64_t feb = new_meeting(e, g, "2022-02-21");
    int64_t panel = add_item(e, feb, "Panelsamtal om hbtqi och identitet", act);
    add_item(e, feb, "Renovering av besöksrum", 0);
    assert_rc(save_item(e, feb, panel, "På grund av sjukdom saknades rapporten.", NULL, true, 0), DB_OK);
    assert_int_equal(scalar(e, Q_COPIES, panel), 0); /* no later meeting yet */
    /* a meeting before February does not receive it */
    int64_t jan = new_meeting(e, g, "2022-01-17");
    assert_int_equal(scalar(e, Q_ITEMS_OF, jan), 0);
    int64_t mar = new_meeting(e, g, "2022-03-21");
    struct meeting *m = get(e, mar);
    assert_int_equal(m->nitems, 1);
    struct agenda_item *c = &m->items[0];
    assert_str(c->title, "Panelsamtal om hbtqi och identitet");
    assert_int_equal(c->section, SECTION_MAIN);
    assert_int_equal(c->activity_id, act);
    assert_str(c->presenter, "ProQvi");
    assert_str(c->minutes, "");
    assert_false(c->report_missing);
    assert_int_equal(c->carried_from, panel);
    assert_int_equal(c->carried_meeting_id, feb);
    assert_str(c->carried_meeting_date, "2022-02-21");
    assert_int_equal(c->norgs, 1); /* the activity's organisations come along */
    assert_str(c->orgs[0].name, "ProQvi");
    /* only to the next one, not to every later meeting */
    int64_t apr = new_meeting(e, g, "2022-04-25");
    assert_int_equal(scalar(e, Q_ITEMS_OF, apr), 0);
    assert_int_equal(scalar(e, Q_COPIES, panel), 1);
}

static void missing_report_goes_to_an_existing_next_meeting_when_saved(void **state)
{
    struct engine *e = *state;
    int64_t g = new_group(e);
    int64_t feb = new_meeting(e, g, "2022-02-21");
    int64_t may = new_meeting(e, g, "2022-05-16");
    int64_t mar = new_meeting(e, g, "2022-03-21"); /* made last, but next after February */
    int64_t other = new_meeting(e, new_group(e), "2022-02-28"); /* another group's meeting in between */
    add_item(e, mar, "Omställning från socialtjänst till sociala tjänster", 0);
    int64_t v = add_item(e, feb, "Jullovsaktiviteter för yngre barn", 0);
    assert_rc(save_item(e, feb, v, "", NULL, true, 0), DB_OK);
    struct meeting *m = get(e, mar);
    assert_int_equal(m->nitems, 2);
    assert_str(m->items[1].title, "Jullovsaktiviteter för yngre barn"); /* after the meeting's own items */
    assert_int_equal(m->items[1].carried_from, v);
    assert_int_equal(scalar(e, Q_ITEMS_OF, may), 0);
    assert_int_equal(scalar(e, Q_ITEMS_OF, other), 0);
    /* saving again, and running carry-over again, makes no second copy */
    assert_rc(save_item(e, feb, v, "Rapporten saknades.", NULL, true, 0), DB_OK);
    assert_rc(store_carry_over(e->d, g), DB_OK);
    assert_int_equal(scalar(e, Q_COPIES, v), 1);
    /* an övriga-frågor item is carried into the agenda proper */
    struct agenda_item o = {.section = SECTION_OTHER, .title = "Minecraftprojekt på Planteringen", .presenter = ""};
    int64_t oid;
    assert_rc(store_agenda_add(e->d, feb, &o, &oid), DB_OK);
    assert_rc(save_item(e, feb, oid, "", NULL, true, 0), DB_OK);
    m = get(e, mar);
    struct agenda_item *c = item_titled(m, "Minecraftprojekt på Planteringen");
    assert_non_null(c);
    assert_int_equal(c->section, SECTION_MAIN);
}

static void chains_over_several_meetings(void **state)
{
    struct engine *e = *state;
    int64_t g = new_group(e);
    int64_t feb = new_meeting(e, g, "2022-02-21");
    int64_t mar = new_meeting(e, g, "2022-03-21");
    int64_t apr = new_meeting(e, g, "2022-04-25");
    int64_t may = new_meeting(e, g, "2022-05-16");
    int64_t v1 = add_item(e, feb, "Jullovsaktiviteter för yngre barn", 0);
    assert_rc(save_item(e, feb, v1, "", NULL, true, 0), DB_OK);
    int64_t v2 = item_titled(get(e, mar), "Jullovsaktiviteter för yngre barn")->id;
    assert_rc(save_item(e, mar, v2, "Saknades igen.", NULL, true, 0), DB_OK);
    struct agenda_item *v3 = item_titled(get(e, apr), "Jullovsaktiviteter för yngre barn");
    assert_non_null(v3);
    assert_int_equal(v3->carried_from, v2);
    assert_int_equal(v3->carried_meeting_id, mar);
    assert_str(v3->carried_meeting_date, "2022-03-21");
    int64_t v3id = v3->id;
    assert_rc(save_item(e, apr, v3id, "Verdandi berättade om jullovet.", NULL, false, 0), DB_OK);
    assert_int_equal(scalar(e, Q_ITEMS_OF, may), 0); /* reported in April: the chain ends */
    assert_int_equal(count_titled(get(e, feb), "Jullovsaktiviteter för yngre barn"), 1);
    assert_int_equal(count_titled(get(e, mar), "Jullovsaktiviteter för yngre barn"), 1);
    assert_int_equal(count_titled(get(e, apr), "Jullovsaktiviteter för yngre barn"), 1);
}

static void unmarking_takes_the_untouched_copy_back(void **state)
{
    struct engine *e = *state;
    int64_t g = new_group(e);
    int64_t feb = new_meeting(e, g, "2022-02-21");
    int64_t mar = new_meeting(e, g, "2022-03-21");
    int64_t p = add_item(e, feb, "Panelsamtal om hbtqi och identitet", 0);
    assert_rc(save_item(e, feb, p, "", NULL, true, 0), DB_OK);
    assert_int_equal(scalar(e, Q_COPIES, p), 1);
    assert_rc(save_item(e, feb, p, "Rapporten kom ändå.", NULL, false, 0), DB_OK);
    assert_int_equal(scalar(e, Q_COPIES, p), 0);
    assert_int_equal(scalar(e, Q_ITEMS_OF, mar), 0);
    /* marked again: one copy back; someone writes in it; unmarking keeps it */
    assert_rc(save_item(e, feb, p, "", NULL, true, 0), DB_OK);
    int64_t copy = item_titled(get(e, mar), "Panelsamtal om hbtqi och identitet")->id;
    assert_rc(save_item(e, mar, copy, "10 personer deltog.", NULL, false, 0), DB_OK);
    assert_rc(save_item(e, feb, p, "", NULL, false, 0), DB_OK);
    struct agenda_item *kept = item_titled(get(e, mar), "Panelsamtal om hbtqi och identitet");
    assert_non_null(kept);
    assert_str(kept->minutes, "10 personer deltog.");
    /* a copy on a published meeting stays too */
    int64_t apr = new_meeting(e, g, "2022-04-25");
    int64_t v = add_item(e, mar, "Jullovsaktiviteter för yngre barn", 0);
    assert_rc(save_item(e, mar, v, "", NULL, true, 0), DB_OK);
    assert_int_equal(scalar(e, Q_COPIES, v), 1);
    assert_rc(store_meeting_set_status(e->d, apr, MEETING_PUBLISHED, NOW), DB_OK);
    assert_rc(save_item(e, mar, v, "", NULL, false, 0), DB_OK);
    assert_int_equal(scalar(e, Q_COPIES, v), 1);
}

/* A copy that has questions, or was itself marked missing and carried on,
 * is not untouched: unmarking the original must not delete it (and with it
 * the questions, or the link of the next copy in the chain). */
static void unmarking_keeps_a_copy_with_questions(void **state)
{
    struct engine *e = *state;
    int64_t g = new_group(e);
    int64_t feb = new_meeting(e, g, "2022-02-21");
    int64_t mar = new_meeting(e, g, "2022-03-21");
    int64_t p = add_item(e, feb, "Panelsamtal om hbtqi och identitet", 0);
    assert_rc(save_item(e, feb, p, "", NULL, true, 0), DB_OK);
    int64_t copy = item_titled(get(e, mar), "Panelsamtal om hbtqi och identitet")->id;
    assert_rc(save_item(e, mar, copy, NULL, "Det behövs tid för att skapa relationer.", false, 0), DB_OK);
    assert_rc(save_item(e, feb, p, "", NULL, false, 0), DB_OK);
    struct agenda_item *kept = item_titled(get(e, mar), "Panelsamtal om hbtqi och identitet");
    if (!kept) fail_msg("%s: unmarking deleted a copy that held a question (and the question with it)", e->t.name);
    assert_int_equal(kept->nquestions, 1);
}

static void unmarking_keeps_a_copy_that_was_carried_on(void **state)
{
    struct engine *e = *state;
    int64_t g = new_group(e);
    int64_t feb = new_meeting(e, g, "2022-02-21");
    int64_t mar = new_meeting(e, g, "2022-03-21");
    int64_t apr = new_meeting(e, g, "2022-04-25");
    int64_t v = add_item(e, feb, "Jullovsaktiviteter för yngre barn", 0);
    assert_rc(save_item(e, feb, v, "", NULL, true, 0), DB_OK);
    int64_t v2 = item_titled(get(e, mar), "Jullovsaktiviteter för yngre barn")->id;
    assert_rc(save_item(e, mar, v2, "", NULL, true, 0), DB_OK); /* missing again: carried on to April */
    assert_int_equal(scalar(e, Q_COPIES, v2), 1);
    assert_rc(save_item(e, feb, v, "", NULL, false, 0), DB_OK);
    struct agenda_item *a = item_titled(get(e, apr), "Jullovsaktiviteter för yngre barn");
    assert_non_null(a);
    if (!a->carried_from || a->carried_meeting_id != mar)
        fail_msg("%s: unmarking February deleted March's copy, which was itself marked missing; April's copy now "
                 "says it came from nowhere (carried_from %lld)", e->t.name, (long long)a->carried_from);
}

/* An action item raised under the copy, or the copy marked missing itself
 * (with no meeting yet to carry it to), also make it touched. */
static void unmarking_keeps_a_copy_with_an_action_item_or_marked_missing(void **state)
{
    struct engine *e = *state;
    int64_t g = new_group(e);
    int64_t feb = new_meeting(e, g, "2022-02-21");
    int64_t mar = new_meeting(e, g, "2022-03-21");
    int64_t p = add_item(e, feb, "Panelsamtal om hbtqi och identitet", 0);
    assert_rc(save_item(e, feb, p, "", NULL, true, 0), DB_OK);
    int64_t copy = item_titled(get(e, mar), "Panelsamtal om hbtqi och identitet")->id;
    struct action_item x = {.item_id = copy, .owner_name = "ProQvi", .what = "Skicka rapporten.", .due = ""};
    int64_t aid;
    assert_rc(store_action_add(e->d, mar, &x, NOW, &aid), DB_OK);
    assert_rc(save_item(e, feb, p, "", NULL, false, 0), DB_OK);
    if (!item_titled(get(e, mar), "Panelsamtal om hbtqi och identitet"))
        fail_msg("%s: unmarking deleted a copy with an action item under it", e->t.name);
    struct meeting *m = get(e, mar);
    assert_int_equal(m->nactions, 1);
    assert_int_equal(m->actions[0].item_id, copy);

    int64_t v = add_item(e, feb, "Jullovsaktiviteter för yngre barn", 0);
    assert_rc(save_item(e, feb, v, "", NULL, true, 0), DB_OK);
    int64_t v2 = item_titled(get(e, mar), "Jullovsaktiviteter för yngre barn")->id;
    assert_rc(save_item(e, mar, v2, "", NULL, true, 0), DB_OK); /* missing again, no April yet */
    assert_rc(save_item(e, feb, v, "", NULL, false, 0), DB_OK);
    struct agenda_item *kept = item_titled(get(e, mar), "Jullovsaktiviteter för yngre barn");
    if (!kept) fail_msg("%s: unmarking deleted a copy that was itself marked missing", e->t.name);
    assert_true(kept->report_missing);
    int64_t apr = new_meeting(e, g, "2022-04-25"); /* and it still travels on */
    assert_int_equal(item_titled(get(e, apr), "Jullovsaktiviteter för yngre barn")->carried_from, v2);
}

static void a_stale_save_is_a_conflict_and_writes_nothing(void **state)
{
    struct engine *e = *state;
    int64_t g = new_group(e);
    int64_t feb = new_meeting(e, g, "2022-02-21");
    int64_t mar = new_meeting(e, g, "2022-03-21");
    int64_t p = add_item(e, feb, "Renovering av besöksrum", 0);
    int64_t v0 = scalar(e, Q_VERSION, feb);
    assert_rc(save_item(e, feb, p, "Kim skrev först.", "Vem betalar färgen?", false, v0), DB_OK);
    assert_int_equal(scalar(e, Q_VERSION, feb), v0 + 1);
    /* Vera saves from the version she opened: refused, nothing written */
    assert_rc(save_item(e, feb, p, "Vera skrev sedan.", "En annan fråga", true, v0), DB_CONFLICT);
    struct meeting *m = get(e, feb);
    assert_int_equal(m->minutes_version, v0 + 1);
    assert_str(m->minutes_by, "Kim Karlsson");
    assert_str(m->items[0].minutes, "Kim skrev först.");
    assert_false(m->items[0].report_missing);
    assert_int_equal(m->items[0].nquestions, 1);
    assert_str(m->items[0].questions[0], "Vem betalar färgen?");
    assert_int_equal(scalar(e, Q_COPIES, p), 0); /* no carry-over from a refused save */
    assert_int_equal(scalar(e, Q_ITEMS_OF, mar), 0);
    /* a version from the future is refused too; the current one works */
    assert_rc(save_item(e, feb, p, "Framtid", NULL, false, v0 + 5), DB_CONFLICT);
    assert_rc(save_item(e, feb, p, "Vera, sammanslaget.", NULL, true, v0 + 1), DB_OK);
    assert_int_equal(scalar(e, Q_COPIES, p), 1);
    /* attendance is part of the versioned save */
    struct attendee who[] = {{"Amanda Ricketts", "Socialförvaltningen", false}, {"Kim Karlsson", "", true}};
    struct minutes mi = {.expected_version = v0 + 1, .by = "Vera", .attendees = who, .nattendees = 2};
    assert_rc(store_minutes_save(e->d, feb, &mi, NOW), DB_CONFLICT);
    assert_int_equal(get(e, feb)->nattendees, 0);
    mi.expected_version = v0 + 2;
    assert_rc(store_minutes_save(e->d, feb, &mi, NOW), DB_OK);
    m = get(e, feb);
    assert_int_equal(m->nattendees, 2);
    assert_true(m->attendees[1].remote);
    assert_str(m->items[0].minutes, "Vera, sammanslaget."); /* items not in a save are left alone */
}

/* ---- action items ---- */

static bool has_action(const struct action_item *list, size_t n, int64_t id, enum action_status *status)
{
    for (size_t k = 0; k < n; k++)
        if (list[k].id == id) {
            if (status) *status = list[k].status;
            return true;
        }
    return false;
}

static void open_action_items_follow_every_later_agenda_until_done(void **state)
{
    struct engine *e = *state;
    int64_t g = new_group(e);
    int64_t feb = new_meeting(e, g, "2022-02-21");
    int64_t mar = new_meeting(e, g, "2022-03-21");
    int64_t apr = new_meeting(e, g, "2022-04-25");
    int64_t may = new_meeting(e, g, "2022-05-16");
    int64_t elsewhere = new_meeting(e, new_group(e), "2022-04-04");
    int64_t item = add_item(e, mar, "Omställning från socialtjänst till sociala tjänster", 0);
    struct action_item x = {.item_id = item, .owner_name = "Helsam",
                            .what = "Helsam ska göra en kartläggning bland sina medlemsföreningar.", .due = "2022-06-30"};
    int64_t id = 0;
    assert_rc(store_action_add(e->d, mar, &x, NOW, &id), DB_OK);
    struct meeting *m = get(e, mar);
    assert_true(has_action(m->actions, m->nactions, id, NULL));
    assert_false(has_action(m->followups, m->nfollowups, id, NULL)); /* not a follow-up where it was raised */
    assert_false(has_action(get(e, feb)->followups, get(e, feb)->nfollowups, id, NULL));
    assert_int_equal(get(e, elsewhere)->nfollowups, 0);
    enum action_status s = ACTION_DONE;
    m = get(e, apr);
    assert_true(has_action(m->followups, m->nfollowups, id, &s));
    assert_int_equal(s, ACTION_OPEN);
    assert_str(m->followups[0].meeting_date, "2022-03-21");
    assert_str(m->followups[0].owner_name, "Helsam");
    assert_str(m->followups[0].due, "2022-06-30");
    m = get(e, may);
    assert_true(has_action(m->followups, m->nfollowups, id, NULL));
    /* done at April: April shows it done, May and later no longer */
    assert_rc(store_action_done(e->d, id, apr, NOW), DB_OK);
    m = get(e, apr);
    assert_true(has_action(m->followups, m->nfollowups, id, &s));
    assert_int_equal(s, ACTION_DONE);
    assert_false(has_action(get(e, may)->followups, get(e, may)->nfollowups, id, NULL));
    int64_t jun = new_meeting(e, g, "2022-06-13");
    assert_false(has_action(get(e, jun)->followups, get(e, jun)->nfollowups, id, NULL));
    assert_rc(store_action_done(e->d, id, may, NOW), DB_CONFLICT); /* already done */
    assert_rc(store_action_done(e->d, 999999, may, NOW), DB_NOTFOUND);
    /* an action item raised in the same meeting as another: both follow up, in order */
    struct action_item y = {.owner_name = "Omtanke Helsingborg", .what = "Bjuda in till en föreläsning.", .due = ""};
    struct action_item z = {.owner_name = "Amanda Ricketts", .what = "Skicka ut inbjudan.", .due = ""};
    int64_t yid, zid;
    assert_rc(store_action_add(e->d, may, &y, NOW, &yid), DB_OK);
    assert_rc(store_action_add(e->d, may, &z, NOW, &zid), DB_OK);
    m = get(e, jun);
    assert_int_equal(m->nfollowups, 2);
    assert_int_equal(m->followups[0].id, yid);
    assert_int_equal(m->followups[1].id, zid);
}

static void agenda_order_and_removal_stay_within_a_meeting(void **state)
{
    struct engine *e = *state;
    int64_t g = new_group(e);
    int64_t a = new_meeting(e, g, "2022-02-21");
    int64_t b = new_meeting(e, g, "2022-03-21");
    int64_t i1 = add_item(e, a, "Ett", 0), i2 = add_item(e, a, "Två", 0), i3 = add_item(e, a, "Tre", 0);
    int64_t other = add_item(e, b, "Annat möte", 0);
    assert_rc(store_agenda_move(e->d, a, i3, -1), DB_OK);
    assert_rc(store_agenda_move(e->d, a, i1, -1), DB_OK); /* already first */
    struct meeting *m = get(e, a);
    assert_int_equal(m->items[0].id, i1);
    assert_int_equal(m->items[1].id, i3);
    assert_int_equal(m->items[2].id, i2);
    assert_rc(store_agenda_move(e->d, a, other, +1), DB_NOTFOUND);
    assert_rc(store_agenda_remove(e->d, a, other), DB_NOTFOUND);
    assert_int_equal(scalar(e, Q_ITEMS_OF, b), 1);
    assert_rc(store_agenda_remove(e->d, a, i2), DB_OK);
    assert_rc(store_agenda_remove(e->d, a, i2), DB_NOTFOUND);
    assert_int_equal(scalar(e, Q_ITEMS_OF, a), 2);
}

static void the_store_refuses_a_meeting_that_ends_before_it_starts(void **state)
{
    struct engine *e = *state;
    int64_t g = new_group(e);
    struct meeting m = {.group_id = g, .date = "2022-02-21", .start_time = "15:30", .end_time = "13:30", .place_name = "",
                        .place_address = "", .online = "", .theme = "", .description = "", .status = MEETING_PLANNED};
    int64_t id = 0;
    assert_rc(store_meeting_create(e->d, &m, NOW, &id), DB_CONSTRAINT);
    static const char Q[] = "SELECT COUNT(*) FROM meetings WHERE group_id = ?";
    assert_int_equal(scalar(e, Q, g), 0);
}

/* ------------------------------------------------------------------ */
/* issue 8: one report, one truth; participants told once              */

static void an_idea_and_its_activity_say_the_same(void **state)
{
    (void)state;
    assert_int_equal(activity_status_for_idea(IDEA_RUNNING), ACT_RUNNING);
    assert_int_equal(activity_status_for_idea(IDEA_COMPLETED), ACT_DONE);
    assert_int_equal(activity_status_for_idea(IDEA_REPORTED), ACT_DONE);
    assert_int_equal(activity_status_for_idea(IDEA_APPROVED), -1);
    assert_int_equal(activity_status_for_idea(IDEA_DECLINED), -1);
    assert_true(idea_needs_activity(IDEA_COMPLETED));
    assert_true(idea_needs_activity(IDEA_REPORTED));
    assert_false(idea_needs_activity(IDEA_RUNNING));
    enum idea_status path[2];
    assert_int_equal(idea_path_for_activity(ACT_DONE, IDEA_APPROVED, path), 2);
    assert_int_equal(path[0], IDEA_RUNNING);
    assert_int_equal(path[1], IDEA_COMPLETED);
    assert_int_equal(idea_path_for_activity(ACT_DONE, IDEA_RUNNING, path), 1);
    assert_int_equal(path[0], IDEA_COMPLETED);
    assert_int_equal(idea_path_for_activity(ACT_RUNNING, IDEA_APPROVED, path), 1);
    assert_int_equal(path[0], IDEA_RUNNING);
    /* never back, never from a status the activity does not speak for */
    assert_int_equal(idea_path_for_activity(ACT_RUNNING, IDEA_REPORTED, path), 0);
    assert_int_equal(idea_path_for_activity(ACT_PLANNED, IDEA_RUNNING, path), 0);
    assert_int_equal(idea_path_for_activity(ACT_CANCELLED, IDEA_RUNNING, path), 0);
    assert_int_equal(idea_path_for_activity(ACT_DONE, IDEA_REVIEW, path), 0);
    assert_int_equal(idea_path_for_activity(ACT_DONE, IDEA_DECLINED, path), 0);
}

static int64_t new_user(struct engine *e, const char *name)
{
    static int seq;
    char email[96];
    snprintf(email, sizeof email, "deltagare-%d-%ld@example.se", ++seq, (long)getpid());
    struct user_new u = {email, name, "hash", 0, NOW};
    int64_t id = 0;
    assert_rc(store_user_create(e->d, &u, &id), DB_OK);
    return id;
}

static size_t tell(struct engine *e, int64_t activity)
{
    int64_t *users = NULL;
    size_t n = 0;
    assert_rc(store_activity_tell_participants(e->d, e->a, activity, NOW + 10, &users, &n), DB_OK);
    return n;
}

static void participants_are_told_once(void **state)
{
    struct engine *e = *state;
    int64_t act = new_activity(e, "Filmkväll", "Verdandi");
    assert_rc(store_activity_add_participant(e->d, act, new_user(e, "Ada")), DB_OK);
    assert_rc(store_activity_add_participant(e->d, act, new_user(e, "Bo")), DB_OK);
    assert_int_equal(tell(e, act), 2);
    assert_int_equal(tell(e, act), 0);
    /* named again: still told; named later: told alone */
    int64_t late = new_user(e, "Cia");
    assert_rc(store_activity_add_participant(e->d, act, late), DB_OK);
    int64_t *users = NULL;
    size_t n = 0;
    assert_rc(store_activity_tell_participants(e->d, e->a, act, NOW + 20, &users, &n), DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(users[0], late);
    assert_int_equal(tell(e, act), 0);
}

static void the_activity_follows_its_idea(void **state)
{
    struct engine *e = *state;
    char sql[512];
    snprintf(sql, sizeof sql,
             "INSERT INTO projects(slug, title, call_opens, call_closes, budget, status, created_at, updated_at) "
             "VALUES ('foljer-%ld', 'P', '2022-01-01', '2022-12-31', 100000, 'pagar', 1, 1)", (long)getpid());
    assert_rc(db_exec(e->d, sql), DB_OK);
    int64_t project = scalar(e, "SELECT MAX(id) FROM projects WHERE id > ?", 0);
    snprintf(sql, sizeof sql,
             "INSERT INTO ideas(project_id, title, submitter_name, status, period_start, period_end, created_at, "
             "updated_at) VALUES (%lld, 'Graffitivägg', 'Rut', 'pagar', '2022-05-01', '2022-06-01', 1, 1)",
             (long long)project);
    assert_rc(db_exec(e->d, sql), DB_OK);
    int64_t idea_id = scalar(e, "SELECT MAX(id) FROM ideas WHERE project_id = ?", project);
    struct idea i = {.id = idea_id, .title = "Graffitivägg", .period_start = "2022-05-01", .period_end = "2022-06-01",
                     .status = IDEA_RUNNING, .report = ""};
    struct partner partner = {0, "Byabetan", ""};
    i.partners = &partner;
    i.npartners = 1;
    struct activity made = activity_from_idea(e->a, &i);
    int64_t act = 0;
    /* running, no activity: none is made */
    assert_rc(store_activity_follow_idea(e->d, &made, NULL, idea_needs_activity(IDEA_RUNNING), NOW, &act), DB_OK);
    assert_int_equal(act, 0);
    /* done: made, with the report */
    i.status = IDEA_COMPLETED;
    made = activity_from_idea(e->a, &i);
    assert_rc(store_activity_follow_idea(e->d, &made, NULL, true, NOW, &act), DB_OK);
    assert_true(act > 0);
    struct activity *x = NULL;
    assert_rc(store_activity_get(e->d, e->a, act, &x), DB_OK);
    assert_int_equal(x->status, ACT_DONE);
    assert_int_equal(x->idea_id, idea_id);
    assert_int_equal(x->norgs, 1);
    assert_string_equal(x->orgs[0].name, "Byabetan");
    i.status = IDEA_REPORTED;
    made = activity_from_idea(e->a, &i);
    int64_t again = 0;
    assert_rc(store_activity_follow_idea(e->d, &made, "Fjorton unga kom.", true, NOW, &again), DB_OK);
    assert_int_equal(again, act);
    struct idea *stored = NULL;
    assert_rc(store_idea_get(e->d, e->a, idea_id, &stored), DB_OK);
    assert_string_equal(stored->report, "Fjorton unga kom.");
    assert_int_equal(scalar(e, "SELECT COUNT(*) FROM activities WHERE idea_id = ?", idea_id), 1);
}

/* Migration 0006 on data as it was before it: undone (its column dropped,
 * its row removed) and applied again. */
static void migration_0006_moves_reports_onto_activities(void **state)
{
    struct engine *e = *state;
    db *d = e->d;
    char sql[1024];
    long pid = (long)getpid();
    snprintf(sql, sizeof sql,
             "INSERT INTO projects(slug, title, call_opens, call_closes, budget, status, created_at, updated_at) "
             "VALUES ('migrering-%ld', 'P', '2022-01-01', '2022-12-31', 100000, 'pagar', 1, 1)", pid);
    assert_rc(db_exec(d, sql), DB_OK);
    int64_t p = scalar(e, "SELECT MAX(id) FROM projects WHERE id > ?", 0);
    static const struct { const char *title, *status, *report; } ideas[] = {
        {"A reported, no activity", "rapporterad", "Rapport A"},
        {"B running, planned activity", "pagar", ""},
        {"C done, both wrote", "genomford", "Idéns rapport"},
        {"D approved", "beviljad", ""},
    };
    int64_t id[4];
    for (int k = 0; k < 4; k++) {
        snprintf(sql, sizeof sql,
                 "INSERT INTO ideas(project_id, title, submitter_name, status, report, period_start, period_end, "
                 "created_at, updated_at) VALUES (%lld, '%s', 'Rut', '%s', '%s', '2022-05-01', '2022-06-01', 5, 7)",
                 (long long)p, ideas[k].title, ideas[k].status, ideas[k].report);
        assert_rc(db_exec(d, sql), DB_OK);
        id[k] = scalar(e, "SELECT MAX(id) FROM ideas WHERE project_id = ?", p);
    }
    snprintf(sql, sizeof sql, "INSERT INTO idea_partners(idea_id, name) VALUES (%lld, 'Byabetan')", (long long)id[0]);
    assert_rc(db_exec(d, sql), DB_OK);
    snprintf(sql, sizeof sql,
             "INSERT INTO activities(title, idea_id, status, report, created_at, updated_at) VALUES "
             "('B', %lld, 'planerad', 'Aktivitetens rapport', 1, 1), ('C', %lld, 'pagar', 'Aktivitetens text', 1, 1)",
             (long long)id[1], (long long)id[2]);
    assert_rc(db_exec(d, sql), DB_OK);
    int64_t quiet = new_activity(e, "Utan återkoppling", NULL), fed = new_activity(e, "Med återkoppling", NULL);
    snprintf(sql, sizeof sql, "UPDATE activities SET feedback = 'Alla fick veta.', updated_at = 42 WHERE id = %lld",
             (long long)fed);
    assert_rc(db_exec(d, sql), DB_OK);
    assert_rc(store_activity_add_participant(d, quiet, new_user(e, "Ada")), DB_OK);
    assert_rc(store_activity_add_participant(d, fed, new_user(e, "Bo")), DB_OK);
    /* back to before 0006, and forward again */
    assert_rc(db_exec(d, "ALTER TABLE activity_participants DROP COLUMN told_at"), DB_OK);
    assert_rc(db_exec(d, "DELETE FROM schema_migrations WHERE version = 6"), DB_OK);
    int applied = 0;
    assert_rc(store_migrate(d, &applied), DB_OK);
    assert_int_equal(applied, 1);

    /* A: an activity made from the idea, done, with its report and partner */
    int64_t a = scalar(e, "SELECT id FROM activities WHERE idea_id = ?", id[0]);
    struct activity *x = NULL;
    assert_rc(store_activity_get(d, e->a, a, &x), DB_OK);
    assert_int_equal(x->status, ACT_DONE);
    assert_string_equal(x->report, "Rapport A");
    assert_string_equal(x->title, "A reported, no activity");
    assert_string_equal(x->start_date, "2022-05-01");
    assert_int_equal(x->norgs, 1);
    assert_string_equal(x->orgs[0].name, "Byabetan");
    /* B: running; its report untouched */
    assert_rc(store_activity_get(d, e->a, scalar(e, "SELECT id FROM activities WHERE idea_id = ?", id[1]), &x), DB_OK);
    assert_int_equal(x->status, ACT_RUNNING);
    assert_string_equal(x->report, "Aktivitetens rapport");
    /* C: done; both texts kept, the idea's first */
    assert_rc(store_activity_get(d, e->a, scalar(e, "SELECT id FROM activities WHERE idea_id = ?", id[2]), &x), DB_OK);
    assert_int_equal(x->status, ACT_DONE);
    assert_string_equal(x->report, "Idéns rapport\n\nAktivitetens text");
    /* D: nothing made */
    assert_int_equal(scalar(e, "SELECT COUNT(*) FROM activities WHERE idea_id = ?", id[3]), 0);
    /* the idea page reads its activity's report; ideas.report is empty */
    struct idea *i = NULL;
    assert_rc(store_idea_get(d, e->a, id[2], &i), DB_OK);
    assert_string_equal(i->report, "Idéns rapport\n\nAktivitetens text");
    assert_int_equal(scalar(e, "SELECT COUNT(*) FROM ideas WHERE project_id = ? AND report <> ''", p), 0);
    /* participants of an activity with feedback count as told */
    assert_int_equal(scalar(e, "SELECT COUNT(*) FROM activity_participants WHERE activity_id = ? AND told_at IS NULL",
                            quiet), 1);
    assert_int_equal(scalar(e, "SELECT told_at FROM activity_participants WHERE activity_id = ?", fed), 42);
}

#define S(f) cmocka_unit_test_setup_teardown(f, arena_up, arena_down)

int main(void)
{
    log_set_quiet(1);
    const struct CMUnitTest domain[] = {
        cmocka_unit_test(counts_accepted),
        cmocka_unit_test(counts_refused),
        cmocka_unit_test(times),
        cmocka_unit_test(names_and_editability),
        cmocka_unit_test(an_idea_and_its_activity_say_the_same),
    };
    const struct CMUnitTest store[] = {
        S(missing_report_goes_to_the_next_meeting_made_later),
        S(missing_report_goes_to_an_existing_next_meeting_when_saved),
        S(chains_over_several_meetings),
        S(unmarking_takes_the_untouched_copy_back),
        S(unmarking_keeps_a_copy_with_questions),
        S(unmarking_keeps_a_copy_that_was_carried_on),
        S(unmarking_keeps_a_copy_with_an_action_item_or_marked_missing),
        S(a_stale_save_is_a_conflict_and_writes_nothing),
        S(open_action_items_follow_every_later_agenda_until_done),
        S(agenda_order_and_removal_stay_within_a_meeting),
        S(the_store_refuses_a_meeting_that_ends_before_it_starts),
        S(participants_are_told_once),
        S(the_activity_follows_its_idea),
        S(migration_0006_moves_reports_onto_activities),
    };
    int failed = cmocka_run_group_tests_name("meeting rules", domain, NULL, NULL);
    failed += cmocka_run_group_tests_name("meetings/sqlite", store, setup_sqlite, teardown_sqlite);
    const char *pg = getenv("SAMSKAP_TEST_PG_URL");
    if (pg && *pg)
        failed += cmocka_run_group_tests_name("meetings/postgresql", store, setup_pg, teardown_pg);
    else
        printf("meetings/postgresql: skipped (SAMSKAP_TEST_PG_URL is not set)\n");
    return failed;
}
