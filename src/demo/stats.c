/* Demo data for the statistics (issue 13): who was at the development
 * group's meetings, so that attendance and collaboration across sectors
 * mean something.  The seeds name the people who presented at the meeting
 * of 21 February 2022 (seed 000) and at that of 21 March (seed 002: the
 * reports carried over from February); they were there, with their
 * organisations.  Added to the published minutes by saving them again
 * with the attendance, as the minutes editor would. */
#include <string.h>

#include "demo/demo.h"
#include "store/store.h"

static const struct attendee FEB[] = {
    {"David Bergström", "Socialförvaltningen", false},
    {"Gunilla Christiansson", "Socialförvaltningen", false},
    {"Christer Hagström", "Fritid Helsingborg", false},
    {"Nadine Flatt", "Framtidsverkstaden", false},
    {"Alexander Ström", "Fryshuset", false},
    {"Sanna Melling", "Invånarlab", false},
    {"Maria Nordh Hansson", "Invånarlab", false},
    {"Bitte Wikström", "Omtanke Helsingborg", false},
    {"Lotta Schön", "Omtanke Helsingborg", true},
};

static const struct attendee MAR[] = {
    {"David Bergström", "Socialförvaltningen", false},
    {"Gunilla Christiansson", "Socialförvaltningen", false},
    {"Christer Hagström", "Fritid Helsingborg", false},
    {"Nadine Flatt", "Framtidsverkstaden", false},
    {"Bitte Wikström", "Omtanke Helsingborg", false},
    {"Lotta Schön", "Omtanke Helsingborg", false},
    {"ProQvi", "ProQvi", false},
    {"Verdandi", "Verdandi", true},
};

static enum db_rc attend(db *d, arena *a, const struct meeting *row, const struct attendee *who, size_t n,
                         int64_t now)
{
    struct meeting *m = NULL;
    enum db_rc rc = store_meeting_get(d, a, row->id, &m);
    if (rc != DB_OK) return rc;
    struct minutes mi = {.expected_version = m->minutes_version, .by = m->minutes_by,
                         .attendees = (struct attendee *)who, .nattendees = n};
    mi.items = arena_alloc(a, (m->nitems + 1) * sizeof *mi.items);
    for (size_t i = 0; i < m->nitems; i++) {
        const struct agenda_item *it = &m->items[i];
        mi.items[mi.nitems++] = (struct minutes_item){it->id, it->minutes ? it->minutes : "", it->report_missing,
                                                      (const char **)it->questions, it->nquestions};
    }
    return store_minutes_save(d, m->id, &mi, now);
}

enum db_rc demo_stats(db *d, arena *a, int64_t now)
{
    struct group *g = NULL;
    enum db_rc rc = store_group_by_slug(d, a, "gemensam-utvecklingsgrupp", &g);
    if (rc != DB_OK) return rc;
    struct meeting *list = NULL;
    size_t n = 0;
    if ((rc = store_meetings_of_group(d, a, g->id, &list, &n)) != DB_OK) return rc;
    for (size_t i = 0; i < n && rc == DB_OK; i++) {
        if (strcmp(list[i].date, "2022-02-21") == 0) rc = attend(d, a, &list[i], FEB, sizeof FEB / sizeof FEB[0], now);
        else if (strcmp(list[i].date, "2022-03-21") == 0) rc = attend(d, a, &list[i], MAR, sizeof MAR / sizeof MAR[0], now);
    }
    return rc;
}
