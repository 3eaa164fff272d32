/* Server-drawn SVG charts (view/chart.h). */
#include "view/chart.h"

#include <string.h>

#include "view/format.h"
#include "view/html.h"

/* Fills with at least 3:1 against white (Helsingborg's primary red 7.4:1,
 * info grey 11:1, input-focus blue 6.9:1, secondary dark 5.7:1, primary
 * dark 12:1, grey 4.9:1); neighbours differ by pattern too. */
static const char *const colours[CHART_MAX_SERIES] = {"#ae0b05", "#3d3d3d", "#005c86",
                                                      "#b23700", "#770000", "#707070"};

const char *chart_colour(size_t i)
{
    return colours[i % CHART_MAX_SERIES];
}

enum { FONT = 15, ROW = 46, BAR_H = 20, PAD = 8, VALUE_ROOM = 96 };

static int64_t max_value(const struct chart *c)
{
    int64_t m = c->target;
    for (size_t i = 0; i < c->nser * c->ncat; i++) {
        int64_t v = c->values[i];
        if (c->kind == CHART_STACKED) {
            if (i >= c->ncat) break;
            v = 0;
            for (size_t s = 0; s < c->nser; s++) v += c->values[s * c->ncat + i];
        }
        if (v > m) m = v;
    }
    return m > 0 ? m : 1;
}

/* x (or height) of v on a scale of len units for max. */
static long scale(int64_t v, int64_t max, long len)
{
    if (v <= 0) return 0;
    long x = (long)((__int128)v * len / max);
    return x < 1 ? 1 : x;
}

static const char *value_text(arena *a, const struct chart *c, size_t s, size_t i)
{
    size_t k = s * c->ncat + i;
    if (c->labels && c->labels[k]) return c->labels[k];
    return fmt_int(a, c->values[k]);
}

/* One pattern per series: solid, diagonal lines, dots, cross-hatch, ... */
static void patterns(buf *b, const struct chart *c)
{
    html_buf_raw(b, "<defs>");
    for (size_t s = 0; s < c->nser && s < CHART_MAX_SERIES; s++) {
        html_fmt(b, "<pattern id=\"%s-p%zu\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">"
                    "<rect width=\"8\" height=\"8\" fill=\"%s\"/>",
                 c->id, s, colours[s]);
        switch (s % 4) {
        case 1: html_buf_raw(b, "<path d=\"M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4\" stroke=\"#fff\" stroke-width=\"1.5\"/>"); break;
        case 2: html_buf_raw(b, "<circle cx=\"4\" cy=\"4\" r=\"1.6\" fill=\"#fff\"/>"); break;
        case 3: html_buf_raw(b, "<path d=\"M0,4 h8 M4,0 v8\" stroke=\"#fff\" stroke-width=\"1.2\"/>"); break;
        default: break;
        }
        html_buf_raw(b, "</pattern>");
    }
    html_buf_raw(b, "</defs>");
}

static void open_svg(buf *b, const struct chart *c, long height)
{
    html_fmt(b, "<svg class=\"chart\" role=\"img\" aria-labelledby=\"%s-t %s-d\" viewBox=\"0 0 %d %ld\" "
                "width=\"100%%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\" "
                "font-size=\"%d\">\n<title id=\"%s-t\">%s</title>\n<desc id=\"%s-d\">%s</desc>\n",
             c->id, c->id, CHART_WIDTH, height, FONT, c->id, c->title ? c->title : "", c->id,
             c->desc ? c->desc : "");
    patterns(b, c);
}

static void target_vline(buf *b, const struct chart *c, int64_t max, long len, long top, long bottom)
{
    if (c->target <= 0) return;
    long x = PAD + scale(c->target, max, len);
    html_fmt(b, "<line class=\"target\" x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\" stroke=\"#0a0a0a\" "
                "stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n"
                "<text x=\"%ld\" y=\"%ld\" text-anchor=\"end\" fill=\"#0a0a0a\">%s</text>\n",
             x, top, x, bottom, x, top - 4, c->target_label ? c->target_label : "");
}

static void bars(buf *b, arena *a, const struct chart *c)
{
    int64_t max = max_value(c);
    long len = CHART_WIDTH - 2 * PAD - VALUE_ROOM;
    long legend = c->kind == CHART_STACKED ? (long)(c->nser + 1) / 2 * 24 + 8 : 0;
    long top = legend + (c->target > 0 ? 22 : 4);
    long height = top + (long)c->ncat * ROW + PAD;
    open_svg(b, c, height);
    if (c->kind == CHART_STACKED) { /* the legend: pattern swatch and name */
        for (size_t s = 0; s < c->nser; s++) {
            long x = PAD + (long)(s % 2) * (CHART_WIDTH / 2), y = 4 + (long)(s / 2) * 24;
            html_fmt(b, "<rect x=\"%ld\" y=\"%ld\" width=\"16\" height=\"16\" fill=\"url(#%s-p%zu)\" "
                        "stroke=\"#0a0a0a\" stroke-width=\"1\"/><text x=\"%ld\" y=\"%ld\">%s</text>\n",
                     x, y, c->id, s, x + 22, y + 13, c->series[s]);
        }
    }
    for (size_t i = 0; i < c->ncat; i++) {
        long y = top + (long)i * ROW;
        html_fmt(b, "<g class=\"row\"><text x=\"%d\" y=\"%ld\">%s</text>\n", PAD, y + FONT, c->cats[i]);
        long x = PAD, by = y + FONT + 5;
        int64_t total = 0;
        for (size_t s = 0; s < c->nser; s++) {
            int64_t v = c->values[s * c->ncat + i];
            total += v;
            long w = scale(v, max, len);
            if (w)
                html_fmt(b, "<rect x=\"%ld\" y=\"%ld\" width=\"%ld\" height=\"%d\" fill=\"url(#%s-p%zu)\" "
                            "stroke=\"#fff\" stroke-width=\"2\"/>\n",
                         x, by, w, BAR_H, c->id, s);
            x += w;
        }
        /* the value beside the bar: the number, or the text standing for it */
        const char *vt;
        if (c->kind == CHART_STACKED) vt = c->totals ? c->totals[i] : fmt_int(a, total);
        else vt = value_text(a, c, 0, i);
        html_fmt(b, "<text class=\"value\" x=\"%ld\" y=\"%ld\" font-weight=\"bold\">%s</text></g>\n",
                 x + 6, by + BAR_H - 5, vt);
    }
    target_vline(b, c, max, len, top, height - PAD);
    html_buf_raw(b, "</svg>\n");
}

static void line(buf *b, arena *a, const struct chart *c)
{
    enum { LEFT = 44, BOTTOM = 40, TOP = 28, H = 200 };
    int64_t max = max_value(c);
    long height = TOP + H + BOTTOM;
    long w = CHART_WIDTH - LEFT - 2 * PAD;
    open_svg(b, c, height);
    /* axes: zero and max, labelled */
    html_fmt(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#565656\"/>\n"
                "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n"
                "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
             LEFT, TOP + H, CHART_WIDTH - PAD, TOP + H, LEFT - 6, TOP + H + 5, LEFT - 6, TOP + 5,
             fmt_int(a, max));
    if (c->target > 0) {
        long ty = TOP + H - scale(c->target, max, H);
        html_fmt(b, "<line class=\"target\" x1=\"%d\" y1=\"%ld\" x2=\"%d\" y2=\"%ld\" stroke=\"#0a0a0a\" "
                    "stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n"
                    "<text x=\"%d\" y=\"%ld\" text-anchor=\"end\">%s</text>\n",
                 LEFT, ty, CHART_WIDTH - PAD, ty, CHART_WIDTH - PAD, ty - 6,
                 c->target_label ? c->target_label : "");
    }
    if (!c->ncat) {
        html_buf_raw(b, "</svg>\n");
        return;
    }
    buf pts = {0};
    long step = c->ncat > 1 ? w / (long)(c->ncat - 1) : 0;
    size_t every = c->ncat > 4 ? (c->ncat + 3) / 4 : 1; /* at most ~5 month labels at 320 px */
    for (size_t i = 0; i < c->ncat; i++) {
        long x = LEFT + (long)i * step, y = TOP + H - scale(c->values[i], max, H);
        buf_printf(&pts, "%s%ld,%ld", i ? " " : "", x, y);
    }
    html_fmt(b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"3\" points=\"%s\"/>\n", colours[0],
             buf_cstr(&pts));
    buf_free(&pts);
    for (size_t i = 0; i < c->ncat; i++) {
        long x = LEFT + (long)i * step, y = TOP + H - scale(c->values[i], max, H);
        html_fmt(b, "<circle cx=\"%ld\" cy=\"%ld\" r=\"4\" fill=\"%s\" stroke=\"#fff\" stroke-width=\"1.5\"/>\n", x, y,
                 colours[0]);
        bool last = i + 1 == c->ncat;
        /* the first label starts at its point, the last ends at it: both stay inside */
        if ((i % every == 0 && (last || c->ncat - 1 - i >= every / 2 + 1)) || last)
            html_fmt(b, "<text x=\"%ld\" y=\"%d\" text-anchor=\"%s\">%s</text>\n", x, TOP + H + 20,
                     i == 0 ? "start" : last ? "end" : "middle", c->cats[i]);
        if (i + 1 == c->ncat) /* the latest value, said where it is */
            html_fmt(b, "<text class=\"value\" x=\"%ld\" y=\"%ld\" text-anchor=\"end\" font-weight=\"bold\">%s</text>\n",
                     x, y - 8 < FONT ? FONT : y - 8, value_text(a, c, 0, i));
    }
    html_buf_raw(b, "</svg>\n");
}

void chart_svg(buf *b, arena *a, const struct chart *c)
{
    if (c->kind == CHART_LINE) line(b, a, c);
    else bars(b, a, c);
}
