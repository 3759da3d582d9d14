"""Margins and tick labels estimated before plotly.js draws a chart.

The margins the axis labels, axis titles and legend need, estimated from their
text (13 px) so that plotly's automargin, still on, has nothing to add where
the x labels fit side by side and the legend on one row: each margin it has
to widen costs the chart's first draw a whole second layout pass. Where it
does widen one (x labels turned on a phone, a legend wrapped, wider fonts
than estimated), the chart looks as before; an estimate a little too wide
only leaves a few pixels more beside the axis.
"""
from __future__ import annotations

import math

from fuling.charts.style import SITE_LAYOUT

FONT_PX = 13  # SITE_LAYOUT's font size


DIGIT_PX = 0.68 * FONT_PX  # a digit, a minus or a point in common system fonts (0.55-0.66 em), rounded up


TICK_GAP_PX = 8  # tick length (5 px, "outside") and the gap before its label


TEXT_LINE_PX = 17  # one line of 13 px text (an x tick label), with its gap


TITLE_PX = 16  # an axis title's line and its gap


LEGEND_ROW_PX = 20  # one entry of the horizontal legend above the plot


MAX_PAD_PX = 12  # plotly.js's automargin pad: the smallest margin, at most this

LEGEND_PAD_PX = 18  # around the legend and between it and the plot


def y_tick_labels(low: float, high: float, length_px: float) -> list[str]:
    """The tick labels plotly.js puts on a linear axis from `low` to `high` drawn
    `length_px` long (its axes.prepTicks/autoTicks rule: about one tick per 40 px,
    4 to 9 of them, a step of 2, 5 or 10 times a power of ten)."""
    ticks = min(max(length_px / 40, 4), 9) + 1
    rough = (high - low) / ticks
    if rough <= 0:
        return ["0"]
    base = 10 ** math.floor(math.log10(rough))
    step = base * next((m for m in (2, 5) if rough / base < m), 10)
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
    return [f"{k * step:.{decimals}f}".replace("-", "−") for k in range(first, last + 1)]


NARROWEST_BOX_PX = 296  # the chart box of a 320 px phone: the legend is laid out for it
LEGEND_SYMBOL_PX = 40  # an entry's symbol and the gap before its text
LEGEND_COLUMN_GAP_PX = 30  # between two groups of a line, as plotly.js lays them out (measured, rounded up)


def _text_px(text: str) -> float:
    return sum(FONT_PX if ord(ch) > 0x2E80 else DIGIT_PX for ch in text)


def legend_rows(groups: list[list[str]], width_px: float = NARROWEST_BOX_PX) -> float:
    """Rows of the horizontal legend at `width_px`, in entries (LEGEND_ROW_PX each): each group
    (a series, its targets and partial years) a column, columns side by side, wrapped onto new
    lines as they fill it; plotly.js leaves half a row between two lines of groups."""
    rows, lines, used, tallest = 0, 0, 0.0, 0
    for names in groups:
        column = LEGEND_SYMBOL_PX + max(_text_px(name) for name in names) + LEGEND_COLUMN_GAP_PX
        if used and used + column > width_px:
            rows, lines, used, tallest = rows + tallest, lines + 1, 0.0, 0
        used += column
        tallest = max(tallest, len(names))
    return rows + tallest + 0.5 * lines


def margins(y_ranges: list[tuple[float, float, float]], height: int, *, x_title: bool, legend_rows: int,
            tick_lines: int = 1, panel_title_lines: int = 0, y_title: bool = False, overhang_px: float = 0) -> dict:
    """Margins (px) for a cartesian chart whose y axes have these ranges and
    shares of the plot height, as SITE_LAYOUT draws it (13 px text).

    `legend_rows`: entries of the largest legend group (0: no legend). The
    horizontal legend puts each group in a column of its own (a series and
    its targets, one under the other) and the columns side by side, at the top
    of the figure. `tick_lines`: lines of the tallest x label (fuling/charts/ticks.py).
    `panel_title_lines`: the top panel's title, between the legend and the plot.
    `overhang_px`: how far the last x label reaches past the plot on the narrowest phone."""
    base = SITE_LAYOUT["margin"]
    top = max(base["t"], math.ceil(LEGEND_PAD_PX + LEGEND_ROW_PX * legend_rows)) if legend_rows else base["t"]
    top += (TITLE_PX + 2) * panel_title_lines
    bottom = base["b"] + TICK_GAP_PX + TEXT_LINE_PX * tick_lines + (TITLE_PX if x_title else 0)
    widest = max(
        len(label)
        for low, high, share in y_ranges
        for label in y_tick_labels(low, high, share * (height - top - bottom))
    )
    left = base["l"] + TICK_GAP_PX + widest * DIGIT_PX + (TITLE_PX if y_title else 0)
    if overhang_px <= 0:
        return dict(l=math.ceil(left), r=base["r"], t=top, b=bottom)
    # plotly.js pads what each part asks for by the smallest margin, up to 12 px: a right margin
    # wide enough for the label makes that pad 12, so every other margin gets as much more.
    more = MAX_PAD_PX - base["r"]
    return dict(l=math.ceil(left) + more, r=math.ceil(overhang_px) + MAX_PAD_PX, t=top + more, b=bottom + more)
