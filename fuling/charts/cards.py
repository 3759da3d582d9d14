"""A chart that travels whole: the share card (og:image) and the PNG/SVG downloads.

The chart's own figure, with what a newsroom reusing it must print around it:
its title and unit line above; below, its notes (2022 is only 1—8月; 2000 is a
floor; hollow = target), its sources, the site's name, the chart's URL and the
licence. Drawn at build time by fuling.charts.pictures, in the same Chromium and
plotly.js as the pictures and cached with them, on a white ground (a download is
dropped onto any page). Chinese and light: the site's language.
"""
from __future__ import annotations

import copy
import html
import unicodedata

from fuling.charts.description import chart_notes
from fuling.core.model import ChartData, Site
from fuling.core.periods import date_label
from fuling.core.urls import chart_page, page_url

CARD_WIDTH = 1200  # px: every card and download
SHARE_HEIGHT = 630  # px: the share card (og:image), the 1.91:1 shape WeChat, Weibo and others crop to
SIDE = 28  # px: left and right space of the text
TITLE_PX, UNIT_PX, FOOT_PX = 30, 17, 15  # font sizes
LINE = 1.45  # line height, in font sizes
TITLE_TOP = 26  # px above the title
HEAD = TITLE_TOP + TITLE_PX * LINE + UNIT_PX * LINE  # px above the plot's own top margin (its legend's room)
FOOT_GAP = 14  # px between the x axis' own margin and the notes


def _width(text: str, font: float) -> float:
    return sum(font if unicodedata.east_asian_width(ch) in "WF" else 0.6 * font for ch in text)


def wrap(text: str, font: float, room: float) -> list[str]:
    """`text` cut into lines no wider than `room` px (plotly does not wrap annotations)."""
    lines, line = [], ""
    for ch in text:
        if line and _width(line + ch, font) > room:
            lines.append(line)
            line = ""
        line += ch
    return lines + [line] if line else lines


def card_lines(chart: ChartData, site: Site) -> tuple[str, list[str]]:
    """(unit line, footer lines): what a reused chart prints beside its title."""
    spec = chart.spec
    units = "、".join(sorted({p.fact.unit for p in chart.points}))
    unit_line = spec.subtitle or (f"单位：{units}" if units else "")
    if spec.subtitle and units and units not in spec.subtitle:
        unit_line += f"（单位：{units}）"
    articles = sorted({p.fact.source.article for p in chart.points if p.fact.source.article in site.articles},
                      key=lambda slug: (site.articles[slug].date, slug))
    sources = "、".join(f"《{site.articles[s].title}》（{date_label(site.articles[s].date)}）" for s in articles)
    credit = f"{site.config.title} · {page_url(site, chart_page(spec.id))}"
    if site.config.licence:
        credit += f" · {site.config.licence}"
    foot = [f"注：{note}" for note in chart_notes(chart)] + ([f"来源：{sources}"] if sources else []) + [credit]
    return unit_line, foot


def card_figure(chart: ChartData, site: Site) -> dict:
    """The chart's figure with its title, unit line, notes, sources, site, URL and licence around it,
    as tall as the chart needs at CARD_WIDTH (the share card is drawn from it at SHARE_HEIGHT)."""
    figure = copy.deepcopy(chart.figure)
    layout = figure.setdefault("layout", {})
    margin = dict(layout.get("margin") or {})
    unit_line, foot = card_lines(chart, site)
    lines = [line for text in foot for line in wrap(text, FOOT_PX, CARD_WIDTH - 2 * SIDE)]
    foot_height = FOOT_GAP + len(lines) * FOOT_PX * LINE + 16
    top, bottom = int(margin.get("t", 40)), int(margin.get("b", 40))
    plot = int(layout.get("height") or 380) - top - bottom
    layout.update(
        width=CARD_WIDTH,
        height=int(HEAD + top + plot + bottom + foot_height),
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        margin={**margin, "l": max(int(margin.get("l", 0)), SIDE), "r": max(int(margin.get("r", 0)), SIDE),
                "t": int(HEAD + top), "b": int(bottom + foot_height)},
    )
    heading = f"<b>{html.escape(chart.spec.title, quote=False)}</b>" + (
        f"<br><span style='font-size:{UNIT_PX}px;color:#595959'>{html.escape(unit_line, quote=False)}</span>"
        if unit_line else "")
    # Notes in the plot's own px above and below it (plotly.js misplaces a two-line title's top).
    layout["annotations"] = list(layout.get("annotations") or []) + [{
        "text": heading, "xref": "paper", "yref": "paper", "x": 0, "y": 1, "xanchor": "left", "yanchor": "top",
        "xshift": SIDE - layout["margin"]["l"], "yshift": HEAD + top - TITLE_TOP, "align": "left",
        "showarrow": False, "font": {"size": TITLE_PX, "color": "#1f1f1f"},
    }, {
        "text": "<br>".join(html.escape(line, quote=False) for line in lines),
        "xref": "paper", "yref": "paper", "x": 0, "y": 0, "xanchor": "left", "yanchor": "top",
        "xshift": SIDE - layout["margin"]["l"], "yshift": -(bottom + FOOT_GAP), "align": "left",
        "showarrow": False, "font": {"size": FOOT_PX, "color": "#3d3d3d"},
    }]
    return figure


def card_alt(chart: ChartData, site: Site) -> str:
    """The share card's text alternative: the chart's description, then where it is from."""
    return f"{chart.description}（{site.config.title}）"
