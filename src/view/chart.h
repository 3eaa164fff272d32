/* Charts drawn on the server as inline SVG: horizontal bars, stacked bars
 * and a line with a target line.  No JavaScript, no chart library.
 *
 * Every chart is `role="img"` with a <title> and a <desc> (the one-sentence
 * summary the page makes from the same data, e.g. "Hittills 37 av 50
 * engagerade unga, 74 procent av målet."), labelled by both.  Values are
 * written beside their bars and points (direct labels); series of a stacked
 * bar differ by pattern as well as colour, and each segment is set off by a
 * white gap: every fill has at least 3:1 against the white background, so
 * no series depends on colour alone.  The SVG scales to its container
 * (viewBox, width 100 %), so it reads at 320 px and prints in black and
 * white.  The page writes the <table> with the same numbers beside it. */
#ifndef SAMSKAP_CHART_H
#define SAMSKAP_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "util/mem.h"

enum chart_kind { CHART_BAR, CHART_STACKED, CHART_LINE };

struct chart {
    enum chart_kind kind;
    const char *id;                 /* unique on the page, [a-z0-9-]: ids of title, desc, patterns */
    const char *title;              /* plain text (escaped) */
    const char *desc;               /* plain text (escaped): the summary sentence */
    size_t ncat;                    /* bars (rows) or points (months) */
    const char *const *cats;        /* their labels */
    size_t nser;                    /* series: 1 for CHART_BAR and CHART_LINE, at most CHART_MAX_SERIES */
    const char *const *series;      /* series names (the legend of a stacked bar) */
    const int64_t *values;          /* nser × ncat, values[s * ncat + c], >= 0 */
    /* Optional text shown instead of a value (nser × ncat; NULL entries
     * show the number).  A suppressed count ("färre än 5") is passed as
     * value 0 with its text, so that no bar's length gives it away. */
    const char *const *labels;
    /* CHART_STACKED: the text beside each bar (its total, e.g. as money);
     * NULL writes the sum of the parts as a number.  A stacked chart never
     * carries suppressed counts: its parts would give them away. */
    const char *const *totals;
    int64_t target;                 /* > 0: a dashed target line */
    const char *target_label;       /* "Mål 50" */
};

enum { CHART_MAX_SERIES = 6, CHART_WIDTH = 400 };

/* Writes the <svg> into b; a is for temporaries. */
void chart_svg(buf *b, arena *a, const struct chart *c);

/* The fill of series i (for a legend or a table swatch): a colour with at
 * least 3:1 against white. */
const char *chart_colour(size_t i);

#endif
