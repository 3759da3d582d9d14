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


def margins(y_ranges: list[tuple[float, float, float]], height: int, *, y_title: bool, x_title: bool,
            legend_rows: int) -> dict:
    """Margins (px) for a cartesian chart whose y axes have these ranges and
    shares of the plot height, as SITE_LAYOUT draws it (13 px text).

    `legend_rows`: entries of the largest legend group (0: no legend). The
    horizontal legend puts each group in a column of its own (a series and
    its targets, one under the other) and the columns side by side."""
    base = SITE_LAYOUT["margin"]
    top = max(base["t"], LEGEND_PAD_PX + LEGEND_ROW_PX * legend_rows) if legend_rows else base["t"]
    bottom = base["b"] + TICK_GAP_PX + TEXT_LINE_PX + (TITLE_PX if x_title else 0)
    widest = max(
        len(label)
        for low, high, share in y_ranges
        for label in y_tick_labels(low, high, share * (height - top - bottom))
    )
    left = base["l"] + TICK_GAP_PX + widest * DIGIT_PX + (TITLE_PX if y_title else 0)
    return dict(l=math.ceil(left), r=base["r"], t=top, b=bottom)
