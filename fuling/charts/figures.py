"""Charts stage: chart specs + fact records -> plotly figures (plain JSON data).

Every drawn value is a fact record (`ChartPoint.fact`); nothing is typed twice.
The encoding rules live here, in one place:

- targets are hollow bars / open markers, estimates hatched, each with its own
  legend entry; a part of a year (2022年1—8月) is its own labelled category,
  dotted, never drawn as the whole year;
- categories are text labels (``2023年``), not a date axis; a missing year is an
  empty category (a gap), never interpolated;
- bars start at zero;
- a series never mixes units or measures (a stock and a yearly addition), and
  values in different units or measures go to separate panels, never one axis.

Figures are deterministic: no random ids, sorted keys, one lean site template.
"""
from __future__ import annotations

import hashlib
import html
import math
from collections import Counter
from pathlib import Path

from fuling.core.errors import BuildError, ContentError
from fuling.core.facts import metric_label
from fuling.core.memo import NO_MEMO, Memo
from fuling.core.model import ChartData, ChartPoint, ChartSpec, Fact, SeriesSpec, Site
from fuling.core.numbers import format_fact, format_value
from fuling.core.periods import (
    is_partial_year,
    is_point_in_time,
    period_label,
    period_sort_key,
    period_span,
)
from fuling.core.vocab import KIND_LABELS, MEASURE_LABELS
from fuling.load.site import series_facts

# Okabe–Ito, reordered so the first colours keep >= 3:1 contrast on white;
# the dark-mode twins (same hue, lighter) are swapped in by assets/charts.js.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8C6D00", "#56B4E9"]
PALETTE_DARK = ["#56B4E9", "#F0A35E", "#3DDBB0", "#E7A6CB", "#F0E442", "#9AD0F5"]

# The site's own small plotly.js, built by scripts/build-plotly.mjs after `npm ci`.
PLOTLY_BASIC = Path("node_modules/.fuling/plotly.min.js")
FONT_STACK = (
    'system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", '
    '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif'
)

SELECT_KEYS = ("metric", "subject", "kind", "measure")  # as docs/content-format.md lists them
CHART_TYPES = ("bar", "grouped-bar", "line", "pie")
# Measure words that all count things (factories: 个 or 家; firms: 家 or 户): one axis
# may hold them together. Money, tonnes and percentages never share an axis.
COUNT_WORDS = {"个", "家", "户", "所", "座", "项", "条"}
MAX_FILLED_YEARS = 12  # beyond this many missing years a gap stops helping the reader

# One small site template instead of plotly's default (about 7 KB per chart).
SITE_LAYOUT = dict(
    font=dict(family=FONT_STACK, size=13, color="#1f1f1f"),
    paper_bgcolor="rgba(0,0,0,0)",
    plot_bgcolor="rgba(0,0,0,0)",
    colorway=PALETTE,
    margin=dict(l=8, r=8, t=40, b=8),
    separators=".,",
    bargap=0.3,
    legend=dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom", bgcolor="rgba(0,0,0,0)"),
    hoverlabel=dict(font=dict(size=13), align="left"),  # family: the layout's
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


def _plotly():
    """plotly.graph_objects, imported on first use, the site template registered once.

    Imported late because a rebuild whose charts show the same values reuses
    their figures (`build_charts`) and then never needs plotly (about 0.4 s).
    """
    import plotly.graph_objects as go
    import plotly.io as pio

    if TEMPLATE_NAME not in pio.templates:
        pio.templates[TEMPLATE_NAME] = go.layout.Template(layout=SITE_LAYOUT)
    return go


# -- stage -----------------------------------------------------------------

def build_charts(site: Site, memo: Memo = NO_MEMO) -> dict[str, ChartData]:
    """Chart id -> points, figure and description. Raises BuildError listing every problem.
    `memo` (the build cache) may give last build's figure for points drawn the same."""
    errors: list[ContentError] = []
    result: dict[str, ChartData] = {}
    for chart_id in sorted(site.charts):
        spec = site.charts[chart_id]
        before = len(errors)
        points = _points(spec, site, errors)
        if len(errors) > before:
            continue
        result[chart_id] = ChartData(
            spec=spec,
            points=points,
            figure=memo.remembered("figure", _figure_key(spec, points, site), lambda: _figure(spec, points, site)),
            description=describe(spec, points),
        )
    if errors:
        raise BuildError(errors)
    return result


def _selected(series: SeriesSpec, site: Site, spec: ChartSpec, errors: list[ContentError]) -> list[Fact]:
    """The series' facts, chosen as `load` defines it; names what cannot be found (load checks it
    too, but a Site built in code has not been through load)."""
    for fact_id in series.facts:
        if fact_id not in site.facts:
            errors.append(ContentError(spec.path, 0, "series.facts", f"series {series.name!r}: no fact with id {fact_id!r}"))
    unknown = sorted(set(series.select) - set(SELECT_KEYS))
    if unknown:
        errors.append(ContentError(spec.path, 0, "series.select", f"series {series.name!r}: cannot select on {', '.join(unknown)} (use {', '.join(SELECT_KEYS)})"))
        return []
    return sorted(series_facts(series, site.facts), key=lambda f: f.id)


def _points(spec: ChartSpec, site: Site, errors: list[ContentError]) -> list[ChartPoint]:
    if spec.type not in CHART_TYPES:
        errors.append(ContentError(spec.path, 0, "type", f"{spec.type!r} is not one of {', '.join(CHART_TYPES)}"))
        return []
    if not spec.series:
        errors.append(ContentError(spec.path, 0, "series", "a chart needs at least one series"))
        return []
    points: list[ChartPoint] = []
    for series in spec.series:
        facts = _selected(series, site, spec, errors)
        if not facts:
            errors.append(ContentError(spec.path, 0, "series", f"series {series.name!r} selects no fact"))
            continue
        units = sorted({unit_kind(f.unit) for f in facts})
        measures = sorted({f.measure for f in facts})
        if len(units) > 1:
            errors.append(ContentError(spec.path, 0, "series", f"series {series.name!r} mixes units {', '.join(units)}: split it"))
        if len(measures) > 1:
            errors.append(ContentError(spec.path, 0, "series", f"series {series.name!r} mixes measures {', '.join(measures)} (a stock and a flow never share a series): split it"))
        seen: dict[tuple[str, str], str] = {}
        for fact in sorted(facts, key=lambda f: (period_sort_key(f.period), f.id)):
            x = fact.subject if spec.type == "pie" else period_label(fact.period)
            key = (x, fact.kind)
            if key in seen:
                errors.append(ContentError(spec.path, 0, "series", f"series {series.name!r} has two {fact.kind} values for {x}: {seen[key]} and {fact.id}; list the one to draw under `facts:`"))
                continue
            seen[key] = fact.id
            points.append(ChartPoint(fact=fact, series=series.name, x=x, style=fact.kind))
    if by_series(spec, points):
        # One period, several series (output by sector in 2023): the series are the
        # categories, labelled along the axis; the period goes into the axis title.
        points = [ChartPoint(fact=p.fact, series=p.series, x=p.series, style=p.style) for p in points]
    return points


def by_series(spec: ChartSpec, points: list[ChartPoint]) -> bool:
    """True when a bar chart compares several series at a single period."""
    return (
        spec.type in ("bar", "grouped-bar")
        and len(spec.series) > 1
        and len({p.fact.period for p in points}) == 1
        and len({p.series for p in points}) > 1
    )


def _categories(points: list[ChartPoint]) -> list[str]:
    """Every x label in time order, plus empty categories for missing whole years."""
    by_label: dict[str, str] = {}
    for point in points:
        by_label.setdefault(point.x, point.fact.period)
    covered = set()
    for period in by_label.values():
        span = period_span(period)
        if span:
            covered.update(range(span.start.year, span.end.year + 1))
    # Whole years and dates set the range; a part of a year or a span counts as covered only.
    years = [period_span(p).start.year for p in by_label.values() if period_span(p) and period_span(p).shape in ("year", "date")]
    if years:
        missing = [y for y in range(min(years), max(years) + 1) if y not in covered]
        if len(missing) <= MAX_FILLED_YEARS:
            for year in missing:
                by_label[f"{year}年"] = str(year)
    return sorted(by_label, key=lambda label: period_sort_key(by_label[label]))


def unit_kind(unit: str) -> str:
    """What an axis measures: the unit itself, or "count" for the measure words of counting."""
    return "count" if unit in COUNT_WORDS else unit


def _panel_key(fact: Fact) -> tuple[str, str]:
    return (unit_kind(fact.unit), fact.measure)


def _panel_title(spec: ChartSpec, key: tuple[str, str], points: list[ChartPoint], site: Site, single: bool) -> str:
    if single and spec.y_title:
        return spec.y_title
    unit = "/".join(sorted({p.fact.unit for p in points}))
    metrics = []
    for point in points:
        label = metric_label(site, point.fact.metric)
        if label not in metrics:
            metrics.append(label)
    measure = MEASURE_LABELS.get(key[1], "")
    if key[1] == "level" and all(is_point_in_time(p.fact.period) for p in points):
        measure = "累计"
    return f"{'、'.join(metrics)}{'：' + measure if measure else ''}（{unit}）"


def _hover(point: ChartPoint, site: Site) -> str:
    fact = point.fact
    article = site.articles.get(fact.source.article)
    where = f"《{article.title}》 {article.date.isoformat()}" if article else fact.source.article
    lines = [
        f"{point.x} · {format_fact(fact)}（{KIND_LABELS.get(fact.kind, fact.kind)}）",
        fact.subject,
        f"来源：{where}",
    ]
    if is_partial_year(fact.period):
        lines.append("部分年份数据")
    # plotly reads hover text as a little HTML: escape content, keep our <br>.
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def _trace_name(series: SeriesSpec, kind: str, partial: bool) -> str:
    name = series.name
    expected = series.style or "actual"
    if kind != expected:
        name += f"（{KIND_LABELS.get(kind, kind)}）"
    if partial:
        name += "（部分年份）"
    return name


def _style_bar(kind: str, partial: bool, colour: str) -> dict:
    if kind == "target":
        return dict(color="rgba(0,0,0,0)", line=dict(color=colour, width=2))
    if kind == "estimate":
        return dict(color="rgba(0,0,0,0)", line=dict(color=colour, width=1.5),
                    pattern=dict(shape="/", fgcolor=colour, solidity=0.35))
    if partial:
        return dict(color="rgba(0,0,0,0)", line=dict(color=colour, width=1.5),
                    pattern=dict(shape=".", fgcolor=colour, solidity=0.3))
    return dict(color=colour, line=dict(color=colour, width=0))


def _style_line(kind: str, partial: bool, colour: str) -> tuple[dict, dict]:
    if kind == "target":
        return dict(color=colour, size=10, symbol="circle-open", line=dict(width=2)), dict(color=colour, dash="dot", width=2)
    if kind == "estimate":
        return dict(color=colour, size=10, symbol="diamond-open", line=dict(width=2)), dict(color=colour, dash="dash", width=2)
    if partial:
        return dict(color=colour, size=9, symbol="square-open", line=dict(width=2)), dict(color=colour, width=0)
    return dict(color=colour, size=8, symbol="circle"), dict(color=colour, width=2.5)


def _figure_key(spec: ChartSpec, points: list[ChartPoint], site: Site) -> str:
    """A digest of everything `_figure` reads: the spec, the points (their facts whole),
    the labels of their metrics and the titles and dates of their source articles."""
    metrics = sorted({p.fact.metric for p in points})
    articles = sorted({s.article for p in points for s in p.fact.sources})
    read = (
        spec, points, [(m, site.metrics.get(m)) for m in metrics],
        [(a, site.articles[a].title, site.articles[a].date) if a in site.articles else (a,) for a in articles],
    )
    return hashlib.blake2b(repr(read).encode("utf-8"), digest_size=16).hexdigest()


def _figure(spec: ChartSpec, points: list[ChartPoint], site: Site) -> dict:
    if spec.type == "pie":
        return _pie(spec, points, site)
    across_series = by_series(spec, points)
    if across_series:
        categories = [s.name for s in spec.series if any(p.series == s.name for p in points)]
    else:
        categories = _categories(points)
    panels: list[tuple[str, str]] = []
    for point in points:
        key = _panel_key(point.fact)
        if key not in panels:
            panels.append(key)
    single = len(panels) == 1
    titles = [_panel_title(spec, key, [p for p in points if _panel_key(p.fact) == key], site, single) for key in panels]
    go = _plotly()
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=len(panels), cols=1, shared_xaxes=True, vertical_spacing=0.12)
    series_index = {s.name: i for i, s in enumerate(spec.series)}
    groups: dict[tuple[str, str, bool], list[ChartPoint]] = {}
    for point in points:
        groups.setdefault((point.series, point.style, is_partial_year(point.fact.period)), []).append(point)
    order = {"actual": 0, "estimate": 1, "target": 2}
    # Series that share a category stand side by side, never drawn over each other
    # (a plain bar chart keeps one centred slot while its series do not meet).
    owners: dict[tuple, set[str]] = {}
    for point in points:
        owners.setdefault((_panel_key(point.fact), point.x), set()).add(point.series)
    side_by_side = spec.type == "grouped-bar" or any(len(names) > 1 for names in owners.values())
    # Bar slots are numbered within each panel: panels share the x axis, and a slot
    # kept free for another panel's series would push every bar off its label.
    slot: dict[str, str] = {}
    for key in panels:
        names = [s.name for s in spec.series if any(p.series == s.name and _panel_key(p.fact) == key for p in points)]
        for index, name in enumerate(names):
            slot.setdefault(name, str(index))
    for (series_name, kind, partial), members in sorted(
        groups.items(), key=lambda item: (series_index[item[0][0]], item[0][2], order.get(item[0][1], 9))
    ):
        series = spec.series[series_index[series_name]]
        colour = PALETTE[series_index[series_name] % len(PALETTE)]
        row = panels.index(_panel_key(members[0].fact)) + 1
        at = {p.x: p for p in members}
        xs = categories
        ys = [at[x].fact.value if x in at else None for x in xs]
        text = [format_value(at[x].fact.value) if x in at else "" for x in xs]
        hover = [_hover(at[x], site) if x in at else "" for x in xs]
        ids = [at[x].fact.id if x in at else "" for x in xs]
        common = dict(
            x=xs, y=ys, name=_trace_name(series, kind, partial), legendgroup=series_name,
            hovertext=hover, hovertemplate="%{hovertext}<extra></extra>", customdata=ids,
            text=text, meta={"series": series_name, "style": kind, "partial": partial},
        )
        if spec.type == "line":
            marker, line = _style_line(kind, partial, colour)
            trace = go.Scatter(
                mode="lines+markers+text" if not partial else "markers+text", marker=marker, line=line,
                connectgaps=False, textposition="top center", cliponaxis=False, **common,
            )
        else:
            trace = go.Bar(
                marker=_style_bar(kind, partial, colour), textposition="outside", cliponaxis=False,
                offsetgroup=slot[series_name] if side_by_side else "0",
                **common,
            )
        fig.add_trace(trace, row=row, col=1)
    y_ranges: list[tuple[float, float, float]] = []  # low, high, share of the plot height
    for row, (key, title) in enumerate(zip(panels, titles), start=1):
        values = [p.fact.value for p in points if _panel_key(p.fact) == key]
        # Explicit range: zero always included, headroom for value labels
        # (and, with several panels, for the panel title drawn inside the top).
        headroom = 1.2 if single else 1.4
        low = min(0.0, min(values) * headroom)
        high = max(0.0, max(values) * headroom)
        fig.update_yaxes(title_text=title if single else None, range=[low, high or 1], row=row, col=1)
        fig.update_xaxes(categoryorder="array", categoryarray=categories, row=row, col=1)
        axis = "yaxis" if row == 1 else f"yaxis{row}"
        domain = fig.layout[axis].domain or (0, 1)
        y_ranges.append((low, high or 1, domain[1] - domain[0]))
        if not single:
            top = fig.layout[axis].domain[1]
            fig.add_annotation(
                text=f"<b>{html.escape(title, quote=False)}</b>", xref="paper", yref="paper", x=0, y=top,
                xanchor="left", yanchor="top", showarrow=False, align="left",
            )
    x_title = spec.x_title
    if across_series:
        x_title = period_label(points[0].fact.period) if not x_title or x_title in ("年份", "年度") else x_title
    fig.update_xaxes(title_text=x_title or None, row=len(panels), col=1)
    # Across series the axis labels name each bar; a legend is needed only for styles.
    legend = not across_series or len({(p.style, is_partial_year(p.fact.period)) for p in points}) > 1
    height = 380 if single else 300 * len(panels)
    fig.update_layout(
        template=TEMPLATE_NAME,
        barmode="group",
        height=height,
        showlegend=legend,
        margin=margins(y_ranges, height, y_title=single, x_title=bool(x_title),
                       legend_rows=max(Counter(name for name, _, _ in groups).values()) if legend else 0),
        meta={"chart": spec.id},
    )
    return _plain(fig)


# -- margins ---------------------------------------------------------------
# The margins the axis labels, axis titles and legend need, estimated from their
# text (13 px) so that plotly's automargin, still on, has nothing to add where
# the x labels fit side by side and the legend on one row: each margin it has
# to widen costs the chart's first draw a whole second layout pass. Where it
# does widen one (x labels turned on a phone, a legend wrapped, wider fonts
# than estimated), the chart looks as before; an estimate a little too wide
# only leaves a few pixels more beside the axis.

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


def _pie(spec: ChartSpec, points: list[ChartPoint], site: Site) -> dict:
    go = _plotly()
    fig = go.Figure(go.Pie(
        labels=[p.x for p in points],
        values=[p.fact.value for p in points],
        customdata=[p.fact.id for p in points],
        hovertext=[_hover(p, site) for p in points],
        hovertemplate="%{hovertext}<extra></extra>",
        sort=False, direction="clockwise", textinfo="label+value",
        marker=dict(colors=[PALETTE[i % len(PALETTE)] for i in range(len(points))], line=dict(color="#ffffff", width=1)),
    ))
    fig.update_layout(template=TEMPLATE_NAME, height=380, meta={"chart": spec.id})
    return _plain(fig)


def _plain(fig) -> dict:
    """Plain JSON-able data, template included once by name's content.

    Every trace gets a fixed `uid`: without one plotly.js makes up a random one and names
    a line's SVG group after it, so the same chart would draw different picture bytes."""
    data = fig.to_plotly_json()
    traces = [{**trace, "uid": f"t{index}"} for index, trace in enumerate(data["data"])]
    return {"data": traces, "layout": data["layout"]}


# -- text alternative --------------------------------------------------------

def describe(spec: ChartSpec, points: list[ChartPoint]) -> str:
    """What the chart shows, its largest and latest values, targets and partial years, in words."""
    if not points:
        return f"{spec.title}：没有数据。"
    parts = [f"{spec.title}。"]
    if spec.type == "pie":
        biggest = max(points, key=lambda p: p.fact.value)
        parts.append(
            "图中各部分为：" + "；".join(f"{p.x}{format_fact(p.fact)}" for p in points)
            + f"。最大的是{biggest.x}，{format_fact(biggest.fact)}。"
        )
        return "".join(parts)
    if by_series(spec, points):
        biggest = max(points, key=lambda p: p.fact.value)
        parts.append(
            f"{period_label(points[0].fact.period)}：" + "；".join(f"{p.series}{format_fact(p.fact)}" for p in points)
            + f"。最大的是{biggest.series}，{format_fact(biggest.fact)}。"
        )
        if any(p.style == "target" for p in points):
            parts.append("空心柱为目标值，不是实际完成数。")
        return "".join(parts)
    labels = [p.x for p in sorted(points, key=lambda p: period_sort_key(p.fact.period))]
    parts.append(f"共{len(points)}个数值，时间从{labels[0]}到{labels[-1]}。")
    for series in spec.series:
        mine = [p for p in points if p.series == series.name]
        actual = [p for p in mine if p.style == "actual"]
        if actual:
            top = max(actual, key=lambda p: (p.fact.value, period_sort_key(p.fact.period)))
            last = max(actual, key=lambda p: period_sort_key(p.fact.period))
            if last is top:
                parts.append(f"{series.name}：最大值也是最新值，为{top.x}的{format_fact(top.fact)}。")
            else:
                parts.append(f"{series.name}：最大值为{top.x}的{format_fact(top.fact)}，最新为{last.x}的{format_fact(last.fact)}。")
        for style in ("estimate", "target"):
            planned = [p for p in mine if p.style == style]
            if planned:
                kind = KIND_LABELS[style]
                name = series.name if kind in series.name else f"{series.name}{kind}"
                parts.append(f"{name}：" + "，".join(f"{p.x}{format_fact(p.fact)}" for p in planned) + "。")
    partial = sorted({p.x for p in points if is_partial_year(p.fact.period)})
    if partial:
        parts.append(f"{'、'.join(partial)}只含部分月份，不能与全年数据直接相比。")
    if any(p.style == "target" for p in points):
        parts.append("空心柱（空心点）为目标值，不是实际完成数。")
    if any(p.style == "estimate" for p in points):
        parts.append("斜线柱为预计值。")
    return "".join(parts)
