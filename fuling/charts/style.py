"""How every chart looks: colours, fonts and the one small plotly template they share,
and where the site's plotly.js comes from."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the build cache imports this module on every no-op build: no model import
    from fuling.core.model import ChartData

# Okabe–Ito, reordered so the first colours keep >= 3:1 contrast on white;
# the dark-mode twins (same hue, lighter) are swapped in by assets/charts.js.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8C6D00", "#56B4E9"]


PALETTE_DARK = ["#56B4E9", "#F0A35E", "#3DDBB0", "#E7A6CB", "#F0E442", "#9AD0F5"]

# One colour grammar (docs/content-format.md, "Colours"): vermillion means "target" and
# nothing else, always as a hollow outline; the series take the other colours in order, and
# the bars of a one-series-per-bar comparison all take the first.
TARGET_COLOUR = PALETTE[1]
SERIES_COLOURS = [colour for colour in PALETTE if colour != TARGET_COLOUR]


# The site's own small plotly.js, built by scripts/build-plotly.mjs after `npm ci`.
PLOTLY_BASIC = Path("node_modules/.fuling/plotly.min.js")


FONT_STACK = (
    'system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", '
    '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif'
)


# One small site template instead of plotly's default (about 7 KB per chart).
SITE_LAYOUT = dict(
    font=dict(family=FONT_STACK, size=13, color="#1f1f1f"),
    paper_bgcolor="rgba(0,0,0,0)",
    plot_bgcolor="rgba(0,0,0,0)",
    colorway=PALETTE,
    margin=dict(l=8, r=8, t=40, b=8),
    separators=".,",
    bargap=0.3,
    # At the top of the figure, whatever the plot's height: no blank band above it.
    legend=dict(orientation="h", xref="container", x=0, xanchor="left", yref="container", y=1.0, yanchor="top", bgcolor="rgba(0,0,0,0)"),
    hoverlabel=dict(font=dict(size=13), align="left"),  # family: the layout's
    # No dragging (the axes are fixed anyway): plotly.js then leaves a touch's default alone,
    # so a swipe that starts on the interactive chart scrolls the page.
    dragmode=False,
    xaxis=dict(
        type="category", showgrid=False, linecolor="#6b6b6b", ticks="outside",
        tickcolor="#6b6b6b", fixedrange=True, automargin=True,
    ),
    yaxis=dict(
        rangemode="tozero", gridcolor="#d4d4d4", zeroline=True, zerolinecolor="#6b6b6b",
        fixedrange=True, automargin=True, exponentformat="none", separatethousands=False,
    ),
)


TEMPLATE_NAME = "fuling"


# The ink of a chart in dark mode (the same as assets/charts.js's INK.dark).
DARK_INK = {"text": "#e9e9e9", "grid": "#3c4046", "axis": "#9a9a9a", "edge": "#15171a"}


def _swapped(node, swap: dict[str, str]):
    if isinstance(node, list):
        return [_swapped(item, swap) for item in node]
    if isinstance(node, dict):
        return {key: _swapped(value, swap) for key, value in node.items()}
    return swap.get(node, node) if isinstance(node, str) else node


def dark_figure(figure: dict) -> dict:
    """The figure in dark-mode colours, as assets/charts.js's themed() draws it: the palette's
    lighter twins, light text, dim grid and axes. The dark pictures are drawn from it, so a
    reader whose phone is in dark mode gets a picture and no plotly.js."""
    data = _swapped(figure["data"], dict(zip(PALETTE, PALETTE_DARK)))
    layout = json.loads(json.dumps(figure["layout"]))
    layout["font"] = {**layout.get("font", {}), "color": DARK_INK["text"]}
    for key in [k for k in layout if re.fullmatch(r"[xy]axis\d*", k)]:
        layout[key] = {**layout[key], "gridcolor": DARK_INK["grid"], "linecolor": DARK_INK["axis"],
                       "zerolinecolor": DARK_INK["axis"]}
        if key.startswith("x"):  # only the x axes have tick marks; a y tickcolor would draw some
            layout[key]["tickcolor"] = DARK_INK["axis"]
    template = layout.get("template", {}).get("layout")
    if template is not None:
        template["colorway"] = PALETTE_DARK
    for trace in data:
        if trace.get("type") == "pie" and isinstance(trace.get("marker", {}).get("line"), dict):
            trace["marker"]["line"]["color"] = DARK_INK["edge"]
    return {"data": data, "layout": layout}


PLOT_HEIGHT = 380  # px: a figure that sets no height is drawn this tall (plotly.js's own default too)


def plot_height(chart: ChartData) -> int:
    """How tall the chart is drawn: its figure's height, else PLOT_HEIGHT."""
    height = chart.figure.get("layout", {}).get("height")
    return int(height) if isinstance(height, (int, float)) and height > 0 else PLOT_HEIGHT


def plotly_js_file(templates_dir: Path) -> Path:
    """The plotly.js the site serves, and the chart pictures are drawn with (fuling.charts.pictures):
    the project's own small bundle when it has been built, else plotly.py's full one."""
    basic = Path(templates_dir).parent / PLOTLY_BASIC
    if basic.is_file():
        return basic
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
