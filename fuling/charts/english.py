"""The English twin of a chart figure and its notes, for `?lang=en` on embed pages and the English downloads.

The charts stage draws in Chinese. Rather than draw every chart twice, this
rewrites the finished figure's words using what the figure itself carries:
each trace's `meta` (series, style, partial), each bar's `customdata` (the
fact id) and the axis categories, with English from the chart spec's `*_en`
fields and the metric catalogue's `label_en`; the panel titles are made again
from their parts (fuling/charts/titles.py), never read back from the Chinese.
Numbers counted in 万 and 亿 are shown in the steps English counts in
(2000亿元 -> 200 billion yuan: fuling/core/english.py, ENGLISH_SCALE), values,
value labels, hover texts and axis ranges alike; every other number is kept.
The bound words on the marks (超过, over) are written again, over the English number.
"""
from __future__ import annotations

import copy
import html
import re

from fuling.charts.figures import mark_label, panel_titles
from fuling.charts.ticks import tick_texts
from fuling.core.english import ENGLISH_SCALE, english_number, format_fact_en
from fuling.core.model import ChartData, Site
from fuling.core.numbers import format_value
from fuling.core.periods import is_partial_year, period_label, period_sort_key
from fuling.core.vocab import KIND_EN

X_TITLES_EN = {"年份": "Year", "年": "Year", "时间": "Time", "地区": "Place"}
_YEAR_LABEL = re.compile(r"^(\d{4})年$")


SUBJECTS_EN = {"涪陵区": "Fuling District", "涪陵": "Fuling", "重庆市": "Chongqing", "全市": "Chongqing"}


def _hover_en(x_en: str, fact, site: Site) -> str:
    article = site.articles.get(fact.source.article)
    where = f"{article.title} ({article.date.isoformat()})" if article else fact.source.article
    subject = SUBJECTS_EN.get(fact.subject, fact.subject)
    lines = [f"{x_en} · {format_fact_en(fact)} ({KIND_EN.get(fact.kind, fact.kind)})", subject, f"Source: {where}"]
    if is_partial_year(fact.period):
        lines.append("Part of a year")
    if fact.corrections:
        first = min(fact.corrections, key=lambda c: c.date)
        lines.append(f"Corrected: the report printed {format_value(english_number(first.old_value, fact.unit))}")
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def _title_text(axis: dict) -> str | None:
    title = axis.get("title")
    if isinstance(title, dict):
        return title.get("text")
    return title if isinstance(title, str) else None


def _set_title(axis: dict, text: str) -> None:
    if isinstance(axis.get("title"), dict):
        axis["title"]["text"] = text
    else:
        axis["title"] = {"text": text}


def english_figure(chart: ChartData, site: Site) -> dict:
    """A deep copy of the chart's figure with every word in English."""
    spec = chart.spec
    figure = copy.deepcopy(chart.figure)
    facts = {p.fact.id: p.fact for p in chart.points}
    series = {s.name: s for s in spec.series}

    # Category labels: from each drawn fact's period; empty gap years by pattern.
    x_map: dict[str, str] = {}
    if spec.type != "pie":
        for point in chart.points:
            x_map[point.x] = period_label(point.fact.period, "en")

    # An axis title may name the one period the chart shows (2022年3月1日, 2023年末).
    period_titles = {period_label(p.fact.period): period_label(p.fact.period, "en") for p in chart.points}

    def x_en(label):
        if not isinstance(label, str):
            return label
        if label in x_map:
            return x_map[label]
        m = _YEAR_LABEL.match(label)
        return m.group(1) if m else label

    for trace in figure.get("data", []):
        meta = trace.get("meta") or {}
        spec_series = series.get(meta.get("series", trace.get("name", "")))
        if spec_series is not None:
            name = spec_series.name_en or spec_series.name
            style = meta.get("style", "")
            if style and style != (spec_series.style or "actual"):
                name += f" ({KIND_EN.get(style, style)})"
            if meta.get("partial"):
                name += " (part of year)"
            trace["name"] = name
        ids = trace.get("customdata") or []
        if trace.get("type") == "pie":
            trace["hovertext"] = [_hover_en(SUBJECTS_EN.get(facts[i].subject, facts[i].subject), facts[i], site) if i in facts else "" for i in ids]
            continue
        xs = trace.get("x") or []
        if isinstance(xs, list):
            trace["x"] = [x_en(x) for x in xs]
        if ids and isinstance(trace.get("text"), list):  # the bound words on the marks
            trace["text"] = [mark_label(facts[i], "en") if i in facts else text for text, i in zip(trace["text"], ids)]
        if ids and isinstance(trace.get("hovertext"), list):
            trace["hovertext"] = [
                _hover_en(x_en(x), facts[i], site) if i in facts else ""
                for x, i in zip(xs, ids)
            ]

    layout = figure.setdefault("layout", {})
    titles = panel_titles(spec, chart.points, site) if spec.type != "pie" else []
    for key, axis in list(layout.items()):
        if not isinstance(axis, dict):
            continue
        if key.startswith("xaxis"):
            if isinstance(axis.get("categoryarray"), list):
                axis["categoryarray"] = [x_en(x) for x in axis["categoryarray"]]
            if isinstance(axis.get("tickvals"), list):  # the level labels, wrapped again in English
                axis["tickvals"] = [x_en(x) for x in axis["tickvals"]]
                axis["ticktext"] = tick_texts(axis["tickvals"], "en")
            text = _title_text(axis)
            if text:
                _set_title(axis, X_TITLES_EN.get(text) or period_titles.get(text) or x_en(text))
        elif key.startswith("yaxis") and _title_text(axis):  # yaxis, yaxis2, …: one panel each
            _set_title(axis, titles[int(key[5:] or 1) - 1].en)
    _english_numbers(figure, facts)
    # Charts of several panels title each panel in a note of its own, in panel order.
    notes = [note for note in layout.get("annotations", []) or [] if isinstance(note, dict)]
    for note, title in zip(notes, titles if len(titles) > 1 else []):
        note["text"] = f"<b>{html.escape(title.en, quote=False)}</b>"
    return figure


def _english_numbers(figure: dict, facts: dict) -> None:
    """Values in 万/亿 units to English units (ENGLISH_SCALE), in each trace and its axis range.
    A trace's unit is its facts' (a panel holds one unit; counts are never scaled)."""
    ranges: dict[str, str] = {}  # y axis layout key -> the unit of its traces
    for trace in figure.get("data", []):
        ids = [i for i in trace.get("customdata") or [] if i in facts]
        unit = facts[ids[0]].unit if ids else ""
        if unit not in ENGLISH_SCALE:
            continue
        key = "values" if trace.get("type") == "pie" else "y"
        trace[key] = [english_number(v, unit) if isinstance(v, (int, float)) else v for v in trace.get(key) or []]
        if isinstance(trace.get("text"), list):
            trace["text"] = [mark_label(facts[i], "en", english_number(facts[i].value, unit)) if i in facts and text else text
                             for text, i in zip(trace["text"], trace.get("customdata") or [])]
        axis = trace.get("yaxis", "y")
        ranges["yaxis" + axis[1:]] = unit
    for key, unit in ranges.items():
        axis = figure.get("layout", {}).get(key)
        if isinstance(axis, dict) and isinstance(axis.get("range"), list):
            axis["range"] = [english_number(v, unit) for v in axis["range"]]


def english_notes(chart: ChartData) -> list[str]:
    """The chart's notes in English: the spec's notes_en, then the automatic
    notes the chart page adds in Chinese (fuling.charts.description.chart_notes), on the
    same conditions, so both languages carry the same warnings."""
    notes = list(chart.spec.notes_en)
    points = chart.points
    partial = sorted({p.fact.period for p in points if is_partial_year(p.fact.period)}, key=period_sort_key)
    if partial and not any("部分" in n or "月" in n for n in chart.spec.notes):
        labels = ", ".join(period_label(p, "en") for p in partial)
        notes.append(f"{labels}: part of a year only (dotted), not comparable with whole years.")
    if any(p.style == "target" for p in points):
        notes.append("Hollow bars or markers are targets, not results.")
    if any(p.style == "estimate" for p in points):
        notes.append("Hatched bars are estimates.")
    if any(p.fact.bound != "exact" for p in points):
        notes.append("Figures printed as “over”, “about” and the like are drawn at the printed number.")
    return notes
