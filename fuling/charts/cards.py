"""A chart that travels whole: the share card (og:image) and the PNG/SVG downloads, and the
site's own share card for the pages that have no chart.

The chart's own figure, with what a newsroom reusing it must print around it:
its title and unit line above; below, its notes (2022 is only 1—8月; 2000 is a
floor; hollow = target), its sources, the site's name, the chart's URL and the
licence. Drawn at build time by fuling.charts.pictures, in the same Chromium and
plotly.js as the pictures and cached with them.

Each download comes in four variants (CARD_VARIANTS): Chinese and English, on a light
and a dark ground. The English ones are drawn from the English twin of the figure
(fuling.charts.english: English words, 2000亿元 as 200 billion yuan, "over" on a floor)
and print its English title, unit line and notes, as the English embed does. The share
card is the Chinese light one: every page that shares is a Chinese page.
"""
from __future__ import annotations

import copy
import html
import unicodedata
from dataclasses import dataclass

from fuling.charts.description import chart_notes
from fuling.charts.english import english_figure, english_notes
from fuling.charts.style import DARK_INK, FONT_STACK, PALETTE, dark_figure
from fuling.core.english import unit_en
from fuling.core.model import ChartData, Site
from fuling.core.periods import date_label, period_label
from fuling.core.urls import chart_page, page_url

CARD_WIDTH = 1200  # px: every card and download
SHARE_HEIGHT = 630  # px: the share card (og:image), the 1.91:1 shape WeChat, Weibo and others crop to
SIDE = 28  # px: left and right space of the text
TITLE_PX, UNIT_PX, FOOT_PX = 30, 17, 15  # font sizes
LINE = 1.45  # line height, in font sizes
TITLE_TOP = 26  # px above the title
HEAD = TITLE_TOP + TITLE_PX * LINE + UNIT_PX * LINE  # px above the plot's own top margin (its legend's room)
FOOT_GAP = 14  # px between the x axis' own margin and the notes
LEGEND_GAP = 10  # px between the unit line and the legend


@dataclass(frozen=True)
class CardVariant:
    """One of a chart's downloads: its language and its ground."""

    lang: str  # "zh" or "en"
    scheme: str  # "light" or "dark"


CARD_VARIANTS = tuple(CardVariant(lang, scheme) for lang in ("zh", "en") for scheme in ("light", "dark"))
SHARE_VARIANT = CARD_VARIANTS[0]  # the share card: Chinese, light


@dataclass(frozen=True)
class CardInk:
    """The colours of a card's ground and text."""

    paper: str
    title: str
    unit: str
    foot: str


# Dark: the site's dark background (site.css --bg) and the dark chart's ink (fuling.charts.style).
INK = {"light": CardInk("#ffffff", "#1f1f1f", "#595959", "#3d3d3d"),
       "dark": CardInk(DARK_INK["edge"], DARK_INK["text"], "#b0b0b0", "#c8c8c8")}


@dataclass(frozen=True)
class CardText:
    """What a reused chart prints around its plot, in one language."""

    title: str
    unit_line: str
    foot: list[str]  # notes, sources, then the credit (site, URL, licence)


def _width(text: str, font: float) -> float:
    return sum(font if unicodedata.east_asian_width(ch) in "WF" else 0.6 * font for ch in text)


def wrap(text: str, font: float, room: float) -> list[str]:
    """`text` cut into lines no wider than `room` px (plotly does not wrap annotations): Chinese
    anywhere, English after a space (the space ends its line), a word longer than a line anywhere."""
    lines, line = [], ""
    for ch in text:
        if line and ch == " " and _width(line + ch, font) > room:
            lines.append(line + ch)  # a space where the line is full: it ends the line
            line = ""
            continue
        if line and _width(line + ch, font) > room:
            space = line.rfind(" ")
            cut = space + 1 if space > 0 and line[space + 1:].isascii() else len(line)
            lines.append(line[:cut])
            line = line[cut:]
        line += ch
    return lines + [line] if line else lines


def _credit(site: Site, chart: ChartData, title: str) -> str:
    credit = f"{title} · {page_url(site, chart_page(chart.spec.id))}"
    return credit + (f" · {site.config.licence}" if site.config.licence else "")


def _source_articles(chart: ChartData, site: Site) -> list:
    slugs = {p.fact.source.article for p in chart.points if p.fact.source.article in site.articles}
    return sorted((site.articles[s] for s in slugs), key=lambda a: (a.date, a.slug))


def card_text(chart: ChartData, site: Site, lang: str = "zh") -> CardText:
    """The title, unit line and footer lines a reused chart prints, in Chinese or English."""
    return _english_text(chart, site) if lang == "en" else _chinese_text(chart, site)


def _chinese_text(chart: ChartData, site: Site) -> CardText:
    spec = chart.spec
    units = "、".join(sorted({p.fact.unit for p in chart.points}))
    unit_line = spec.subtitle or (f"单位：{units}" if units else "")
    if spec.subtitle and units and units not in spec.subtitle:
        unit_line += f"（单位：{units}）"
    sources = "、".join(f"《{a.title}》（{date_label(a.date)}）" for a in _source_articles(chart, site))
    foot = [f"注：{note}" for note in chart_notes(chart)] + ([f"来源：{sources}"] if sources else [])
    return CardText(spec.title, unit_line, foot + [_credit(site, chart, site.config.title)])


def _english_text(chart: ChartData, site: Site) -> CardText:
    spec = chart.spec
    units = ", ".join(sorted({unit_en(p.fact.unit) for p in chart.points} - {""}))
    unit_line = spec.subtitle_en or (f"Unit: {units}" if units else "")
    if spec.subtitle_en and units and units not in spec.subtitle_en:
        unit_line += f" (unit: {units})"
    # The reports have no English titles: each is cited as printed, with an English date.
    sources = "; ".join(f"“{a.title}” ({period_label(a.date.isoformat(), 'en')})" for a in _source_articles(chart, site))
    foot = [f"Note: {note}" for note in english_notes(chart)] + ([f"Sources: {sources}"] if sources else [])
    return CardText(spec.title_en or spec.title, unit_line, foot + [_credit(site, chart, site.config.title_en or site.config.title)])


def card_figure(chart: ChartData, site: Site, variant: CardVariant = SHARE_VARIANT) -> dict:
    """The chart's figure with its title, unit line, notes, sources, site, URL and licence around it,
    in the variant's language and ground, as tall as the chart needs at CARD_WIDTH (the share card
    is drawn from the Chinese light one at SHARE_HEIGHT)."""
    figure = english_figure(chart, site) if variant.lang == "en" else copy.deepcopy(chart.figure)
    if variant.scheme == "dark":
        figure = dark_figure(figure)
    ink = INK[variant.scheme]
    text = card_text(chart, site, variant.lang)
    layout = figure.setdefault("layout", {})
    margin = dict(layout.get("margin") or {})
    lines = [line for part in text.foot for line in wrap(part, FOOT_PX, CARD_WIDTH - 2 * SIDE)]
    foot_height = FOOT_GAP + len(lines) * FOOT_PX * LINE + 16
    top, bottom = int(margin.get("t", 40)), int(margin.get("b", 40))
    plot = int(layout.get("height") or 380) - top - bottom
    layout.update(
        width=CARD_WIDTH,
        height=int(HEAD + top + plot + bottom + foot_height),
        paper_bgcolor=ink.paper,
        plot_bgcolor=ink.paper,
        margin={**margin, "l": max(int(margin.get("l", 0)), SIDE), "r": max(int(margin.get("r", 0)), SIDE),
                "t": int(HEAD + top), "b": int(bottom + foot_height)},
    )
    # The page's legend (the site template's) tops the figure: on a card it goes under the heading.
    layout["legend"] = {**(layout.get("legend") or {}), "xref": "container", "yref": "container", "xanchor": "left",
                        "yanchor": "top", "x": SIDE / CARD_WIDTH, "y": 1 - (HEAD + LEGEND_GAP) / layout["height"]}
    heading = f"<b>{html.escape(text.title, quote=False)}</b>" + (
        f"<br><span style='font-size:{UNIT_PX}px;color:{ink.unit}'>{html.escape(text.unit_line, quote=False)}</span>"
        if text.unit_line else "")
    # Notes in the plot's own px above and below it (plotly.js misplaces a two-line title's top).
    layout["annotations"] = list(layout.get("annotations") or []) + [{
        "text": heading, "xref": "paper", "yref": "paper", "x": 0, "y": 1, "xanchor": "left", "yanchor": "top",
        "xshift": SIDE - layout["margin"]["l"], "yshift": HEAD + top - TITLE_TOP, "align": "left",
        "showarrow": False, "font": {"size": TITLE_PX, "color": ink.title},
    }, {
        "text": "<br>".join(html.escape(line, quote=False) for line in lines),
        "xref": "paper", "yref": "paper", "x": 0, "y": 0, "xanchor": "left", "yanchor": "top",
        "xshift": SIDE - layout["margin"]["l"], "yshift": -(bottom + FOOT_GAP), "align": "left",
        "showarrow": False, "font": {"size": FOOT_PX, "color": ink.foot},
    }]
    return figure


def chart_cards(chart: ChartData, site: Site) -> dict[CardVariant, dict]:
    """The card figure of every variant of the chart's downloads."""
    return {variant: card_figure(chart, site, variant) for variant in CARD_VARIANTS}


def card_alt(chart: ChartData, site: Site) -> str:
    """The share card's text alternative: the chart's description, then where it is from."""
    return f"{chart.description}（{site.config.title}）"


def site_card_figure(site: Site, chart_count: int) -> dict:
    """The site's own share card, 1200 x 630 px, for the pages with no chart of their own (the home
    page, a theme without charts, the lists, articles): its name in both languages, what it is,
    what it holds, its address and licence. An empty plot: only the words and a bar of the
    site's first colour, in the charts' fonts."""
    ink = INK["light"]
    counts = f"{chart_count}张图表 · {len(site.facts)}条数据 · {len(site.articles)}篇报道"
    credit = site.config.site_url + (f" · {site.config.licence}" if site.config.licence else "")
    description = "<br>".join(html.escape(line, quote=False) for line in wrap(site.config.description, 30, CARD_WIDTH - 160))
    words = [  # (text, font size, colour, px from the top)
        (f"<b>{html.escape(site.config.title, quote=False)}</b>", 64, ink.title, 120),
        (html.escape(site.config.title_en, quote=False), 28, ink.unit, 215),
        (description, 30, ink.foot, 300),
        (html.escape(counts, quote=False), 24, PALETTE[0], 450),
        (html.escape(credit, quote=False), 20, ink.unit, 540),
    ]
    return {"data": [], "layout": {
        "width": CARD_WIDTH, "height": SHARE_HEIGHT, "paper_bgcolor": ink.paper, "plot_bgcolor": ink.paper,
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "font": {"family": FONT_STACK},
        "xaxis": {"visible": False, "range": [0, CARD_WIDTH]}, "yaxis": {"visible": False, "range": [SHARE_HEIGHT, 0]},
        "shapes": [{"type": "rect", "xref": "x", "yref": "y", "x0": 0, "x1": 24, "y0": 0, "y1": SHARE_HEIGHT,
                    "fillcolor": PALETTE[0], "line": {"width": 0}}],
        "annotations": [{"text": text, "xref": "x", "yref": "y", "x": 80, "y": top, "xanchor": "left",
                         "yanchor": "top", "align": "left", "showarrow": False, "font": {"size": size, "color": colour}}
                        for text, size, colour, top in words if text],
    }}


def site_card_alt(site: Site) -> str:
    """The site card's text alternative."""
    return f"{site.config.title}：{site.config.description}"
