"""The code other newsrooms paste to embed a chart: built here, as text, with every
attribute escaped, so no chart title or site address can end an attribute and add
markup to another site's page. The chart page shows it in a <textarea>, where the
template escapes it once more as text.

Two codes: the iframe with the resizer script (assets/embed.js sets the height the
embed reports), and, for a page that allows no script, the iframe in a box whose
height follows its width. The embed's text wraps onto more lines as the frame
narrows, so that box's height is worked out here from the embed's text and the
sizes in templates/assets/embed.css (`EMBED_TYPE`): the height needed at each
width from 300 px, bounded from above by straight lines between its steps, which
CSS writes as `max(…, min(calc(A px - B%), H px), …)` of the box's width (a
padding percentage).
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from html import escape

from fuling.core.citation import last_updated
from fuling.core.periods import date_label
from fuling.core.urls import absolute, embed_page, served_path

PLOT_HEIGHT = 380  # px: a figure that sets no height
NARROWEST = 300  # px: the narrowest frame an embed is made for
SLACK = 22  # px: beyond the estimate: fonts a little wider than the one measured, and a long takeaway line that Chinese line breaking (、，（ kept off a line's start) ends a line early


@dataclass(frozen=True)
class TypeSize:
    """One kind of text on the embed page, as templates/assets/embed.css sets it."""

    font: float  # px
    line: float  # px: line height
    space: float  # px: margins above and below
    indent: float = 0.0  # px: a list's left padding


# Keep in step with templates/assets/embed.css (the browser test of the iframe-only
# code measures the page and fails when these no longer describe it).
PAGE_PADDING = (8 + 6, 20)  # px: .embed padding, vertical and horizontal
EMBED_TYPE = {
    "title": TypeSize(18.4, 18.4 * 1.35, 2),
    "subtitle": TypeSize(14.4, 14.4 * 1.5, 4),
    # .embed-desc: the chart's one-sentence description
    "takeaway": TypeSize(14.4, 14.4 * 1.5, 4),
    "note": TypeSize(12.8, 12.8 * 1.5, 0, indent=12.8 * 1.1),
    "credit": TypeSize(12.8, 12.8 * 1.5, 4),
    "footer": TypeSize(12.8, 12.8 * 1.5, 0),
}
NOTES_SPACE = 4  # px: .embed-notes margin-top


@dataclass(frozen=True)
class EmbedCode:
    url: str  # the embed page
    height: int  # px: what the iframe needs at article width (720 px) with no script to resize it
    iframe: str  # with the resizer script: starts at `height`, then takes what the embed reports
    script: str
    fitted: str  # for pages without script: the iframe in a box whose height follows its width


def _attributes(**values) -> str:
    return " ".join(f'{name.replace("_", "-")}="{escape(str(value), quote=True)}"' for name, value in values.items())


def text_width(text: str, font: float) -> float:
    """Estimated width in px: Chinese characters and full-width forms take a full em,
    everything else (Latin letters, digits, spaces) at most 0.62 em."""
    return sum(font if unicodedata.east_asian_width(ch) in "WF" else 0.62 * font for ch in text)


def lines(text: str, size: TypeSize, width: float, wide: float | None = None) -> int:
    """Lines `text` takes in `width` px; `wide`: its text_width, when already known."""
    room = max(width - size.indent, size.font)
    if not text:
        return 0
    return max(1, math.ceil((text_width(text, size.font) if wide is None else wide) / room))


def embed_texts(site, chart) -> list[tuple[str, str]]:
    """(kind, text) of every line of text the embed page (templates/embed.html) prints, in order."""
    facts = [p.fact for p in chart.data.points]
    slugs = {f.source.article for f in facts}
    titles = [a.title for a in sorted((site.articles[s] for s in slugs if s in site.articles),
                                      key=lambda a: (a.date, a.slug))]
    credit = f"来源：{site.config.title}，据" + "、".join(f"《{t}》" for t in titles)
    corrected = [c.date for f in facts for c in f.corrections]
    if corrected:
        credit += f" · 数据已更正（{max(corrected).isoformat()}）"
    updated = last_updated(site, facts)
    footer = "数据下载" + (f" · 更新于{date_label(updated)}" if updated else "") + \
        (f" · {site.config.licence}" if site.config.licence else "")
    texts = [("title", chart.title)] + ([("subtitle", chart.subtitle)] if chart.subtitle else [])
    texts += [("takeaway", chart.data.description)] if chart.data.description else []
    images = [("footer", "图片下载：PNG · SVG")] if chart.downloads else []
    return texts + [("note", note) for note in chart.notes] + [("credit", credit), ("footer", footer)] + images


def needed_height(texts: list[tuple[str, str]], plot: int, width: int, widths: list[float] | None = None) -> int:
    """The embed page's height in px in a frame `width` px wide (`widths`: each text's
    text_width, when already known: height_rule asks for a thousand frame widths)."""
    room = width - PAGE_PADDING[1]
    height = PAGE_PADDING[0] + plot + (NOTES_SPACE if any(kind == "note" for kind, _ in texts) else 0)
    for i, (kind, text) in enumerate(texts):
        size = EMBED_TYPE[kind]
        height += lines(text, size, room, None if widths is None else widths[i]) * size.line + size.space
    return math.ceil(height) + SLACK


def height_rule(texts: list[tuple[str, str]], plot: int, widest: int = 1400) -> str:
    """CSS for the box's padding-bottom, a percentage of its width being the only width CSS gives it.

    The height needed falls in steps as the frame widens (a line of text fewer). With
    (r_k, h_k) the widest width of each step and its height, the line L_k through
    (r_k, h_k) and (r_k+1, h_k+1) is above the need on (r_k, r_k+1], and min(L_k, h_k) is
    never above the need elsewhere; the largest of these terms is then on or above the
    need at every width and at most a step above it.
    """
    corners: list[tuple[int, int]] = []  # (widest width of a step, its height)
    widths = [text_width(text, EMBED_TYPE[kind].font) for kind, text in texts]
    for width in range(NARROWEST, widest + 1):
        height = needed_height(texts, plot, width, widths)
        if corners and height == corners[-1][1]:
            corners[-1] = (width, height)
        else:
            corners.append((width, height))
    terms = [f"{corners[-1][1]}px"]
    for (r0, h0), (r1, h1) in zip(corners, corners[1:]):
        slope = (h0 - h1) / (r1 - r0)  # px of height lost per px of width
        if slope <= 0:  # the estimate rose with the width (it does not): keep the taller step everywhere before
            terms.append(f"{h0}px")
            continue
        # L(width) = intercept - slope * width, written rounded up: never below the line.
        percent = math.floor(slope * 100 * 10_000) / 10_000
        intercept = math.ceil((h0 + slope * r0) * 100) / 100
        terms.append(f"min(calc({intercept:.2f}px - {percent:.4f}%), {h0}px)")
    return f"max({', '.join(terms)})" if len(terms) > 1 else terms[0]


def embed_code(site, chart) -> EmbedCode:
    """The iframe and the resizer script for `chart` (a ChartView), under the site's address."""
    url = absolute(site, served_path(embed_page(chart.id)))
    plot = int(chart.data.figure.get("layout", {}).get("height") or PLOT_HEIGHT)
    texts = embed_texts(site, chart)
    height = needed_height(texts, plot, 720)
    iframe = "<iframe " + _attributes(src=url, title=chart.title, data_fuling_chart=chart.id, width="100%",
                                      height=height, style="width:100%;min-width:280px;border:0",
                                      loading="lazy") + "></iframe>"
    script = "<script async " + _attributes(src=absolute(site, "assets/embed.js")) + "></script>"
    # A box as tall as its padding, whose percentage is of its width: the iframe fills it.
    box = _attributes(style=f"position:relative;width:100%;min-width:{NARROWEST}px;height:0;"
                            f"padding-bottom:{height_rule(texts, plot)}")
    inner = _attributes(src=url, title=chart.title, data_fuling_chart=chart.id, loading="lazy",
                        style="position:absolute;top:0;left:0;width:100%;height:100%;border:0")
    fitted = f"<div {box}><iframe {inner}></iframe></div>"
    return EmbedCode(url=url, height=height, iframe=iframe, script=script, fitted=fitted)
