"""Charts stage: chart specs + fact records -> plotly figures (plain JSON data).

Every drawn value is a fact record (`ChartPoint.fact`); nothing is typed twice.
The encoding rules live here, in one place:

- targets are hollow bars / open markers in the one accent colour, estimates
  hatched, each with its own legend entry; a part of a year (2022年1—8月) is its
  own labelled category, dotted, never drawn as the whole year;
- a floor (超过2000) says so on its mark, not only in the table;
- no label is turned and no unit is drawn beside the axis: x labels are wrapped
  for the narrowest phone (ticks.py), the unit is in the subtitle;
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

from fuling.charts.description import describe
from fuling.charts.margins import legend_rows, margins
from fuling.charts.points import by_series, categories_of, chart_points, unit_kind
from fuling.charts.style import SERIES_COLOURS, SITE_LAYOUT, TARGET_COLOUR, TEMPLATE_NAME
from fuling.charts.ticks import NARROWEST_PLOT_PX, last_label_overhang, line_count, panel_title_lines, tick_texts
from fuling.charts.titles import PanelTitle
from fuling.core.errors import BuildError, ContentError
from fuling.core.facts import metric_label
from fuling.core.memo import NO_MEMO, Memo
from fuling.core.model import ChartData, ChartPoint, ChartSpec, Fact, SeriesSpec, Site
from fuling.core.numbers import format_fact, format_value
from fuling.core.periods import (
    is_partial_year,
    is_point_in_time,
    period_label,
)
from fuling.core.vocab import BOUND_EN, BOUND_PREFIX, KIND_LABELS


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
        points = chart_points(spec, site, errors)
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


def _panel_key(fact: Fact) -> tuple[str, str]:
    return (unit_kind(fact.unit), fact.measure)


def panel_keys(points: list[ChartPoint]) -> list[tuple[str, str]]:
    """The panels a chart is drawn in, top to bottom: one per kind of unit and measure."""
    panels: list[tuple[str, str]] = []
    for point in points:
        key = _panel_key(point.fact)
        if key not in panels:
            panels.append(key)
    return panels


def panel_titles(spec: ChartSpec, points: list[ChartPoint], site: Site) -> list[PanelTitle]:
    """Each panel's title, in the order of `panel_keys` (the English twin reads them too)."""
    panels = panel_keys(points)
    return [_panel_title(spec, key, [p for p in points if _panel_key(p.fact) == key], site, len(panels) == 1)
            for key in panels]


def _panel_title(spec: ChartSpec, key: tuple[str, str], points: list[ChartPoint], site: Site,
                 single: bool) -> PanelTitle:
    metrics: dict[str, str] = {}
    for point in points:
        metric = site.metrics.get(point.fact.metric)
        label = metric_label(site, point.fact.metric)
        metrics.setdefault(label, (metric.label_en or label) if metric else label)
    measure = key[1]
    if measure == "level" and all(is_point_in_time(p.fact.period) for p in points):
        measure = "cumulative"
    own = (spec.y_title, spec.y_title_en) if single and spec.y_title else None
    return PanelTitle(tuple(metrics.items()), measure, tuple(sorted({p.fact.unit for p in points})), own)


def mark_label(fact: Fact, lang: str = "zh", value: float | None = None) -> str:
    """The label on a bar or point: its number (`value` where it is shown in other units, as
    English counts 亿), and above it the bound word when the report printed a floor or an
    estimate of it (超过 over 2000), so the mark itself never reads as an exact figure, in the
    picture, the PNG, the embed or the interactive chart."""
    words = (BOUND_EN if lang == "en" else BOUND_PREFIX).get(fact.bound, "").strip()
    number = format_value(fact.value if value is None else value)
    return f"{html.escape(words, quote=False)}<br>{number}" if words else number


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
    if fact.corrections:  # the correction shows wherever the number does
        first = min(fact.corrections, key=lambda c: c.date)
        lines.append(f"已更正：原文为{format_value(first.old_value)}{fact.unit}")
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


def _series_colours(spec: ChartSpec, across_series: bool) -> dict[str, str]:
    """Each series' colour (style.py's grammar): the series colours in spec order, no slot taken
    by a series of targets (their marks take the accent); one colour for all when each bar is a
    series of its own."""
    colourful = [s.name for s in spec.series if s.style != "target"]
    return {s.name: SERIES_COLOURS[0] if across_series or s.name not in colourful
            else SERIES_COLOURS[colourful.index(s.name) % len(SERIES_COLOURS)] for s in spec.series}


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
        categories = categories_of(points)
    panels = panel_keys(points)
    single = len(panels) == 1
    titles = [title.zh for title in panel_titles(spec, points, site)]
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
    legend_groups: dict[str, list[str]] = {}  # each legend column's entries
    series_colour = _series_colours(spec, across_series)
    for (series_name, kind, partial), members in sorted(
        groups.items(), key=lambda item: (series_index[item[0][0]], item[0][2], order.get(item[0][1], 9))
    ):
        series = spec.series[series_index[series_name]]
        legend_groups.setdefault(series_name, []).append(_trace_name(series, kind, partial))
        colour = TARGET_COLOUR if kind == "target" else series_colour[series_name]
        row = panels.index(_panel_key(members[0].fact)) + 1
        at = {p.x: p for p in members}
        xs = categories
        ys = [at[x].fact.value if x in at else None for x in xs]
        text = [mark_label(at[x].fact) if x in at else "" for x in xs]
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
    filled = {p.x for p in points}
    ticks = tick_texts(categories, empty=frozenset(c for c in categories if c not in filled))
    title_lines = [panel_title_lines(title, NARROWEST_PLOT_PX) for title in titles]  # drawn from the plot's left edge
    for row, (key, title) in enumerate(zip(panels, titles), start=1):
        values = [p.fact.value for p in points if _panel_key(p.fact) == key]
        # Explicit range: zero always included, headroom for the value labels (two lines for a floor).
        headroom = 1.25
        low = min(0.0, min(values) * headroom)
        high = max(0.0, max(values) * headroom)
        # No rotated axis title: the unit is in the chart's subtitle, a panel's in its title.
        fig.update_yaxes(range=[low, high or 1], row=row, col=1)
        # Labels never turned: shortened or wrapped to fit the narrowest phone (fuling/charts/ticks.py).
        fig.update_xaxes(categoryorder="array", categoryarray=categories, tickmode="array", tickvals=categories,
                         ticktext=ticks, tickangle=0, row=row, col=1)
        axis = "yaxis" if row == 1 else f"yaxis{row}"
        domain = fig.layout[axis].domain or (0, 1)
        y_ranges.append((low, high or 1, domain[1] - domain[0]))
        if not single:
            top = fig.layout[axis].domain[1]
            # Above the panel, clear of its top tick label (never drawn over it).
            fig.add_annotation(
                text="<br>".join(f"<b>{html.escape(line, quote=False)}</b>" for line in title_lines[row - 1]),
                xref="paper", yref="paper", x=0, y=top,
                xanchor="left", yanchor="bottom", yshift=2, showarrow=False, align="left",
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
        margin=margins(y_ranges, height, x_title=bool(x_title), tick_lines=max(map(line_count, ticks)),
                       legend_rows=legend_rows(list(legend_groups.values())) if legend else 0,
                       panel_title_lines=0 if single else len(title_lines[0]), overhang_px=last_label_overhang(ticks)),
        meta={"chart": spec.id},
    )
    return _plain(fig)


def _pie(spec: ChartSpec, points: list[ChartPoint], site: Site) -> dict:
    go = _plotly()
    fig = go.Figure(go.Pie(
        labels=[p.x for p in points],
        values=[p.fact.value for p in points],
        customdata=[p.fact.id for p in points],
        hovertext=[_hover(p, site) for p in points],
        hovertemplate="%{hovertext}<extra></extra>",
        sort=False, direction="clockwise", textinfo="label+value",
        marker=dict(colors=[SERIES_COLOURS[i % len(SERIES_COLOURS)] for i in range(len(points))], line=dict(color="#ffffff", width=1)),
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


