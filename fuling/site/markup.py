"""Markdown from content -> sanitised HTML, with figures marked as links to their facts.

Content is Markdown written by people (and by ingest from newspaper text), so
its HTML goes through `nh3`: `<script>`, event handlers such as `onerror=` and
`javascript:` links come out inert. Figure links are added after sanitising:
the Markdown gets private-use marker characters around each figure, and the
sanitised HTML has those markers replaced by links this module builds itself
(every attribute escaped).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

import markdown
import nh3
from markupsafe import Markup, escape

from fuling.core.facts import FACT_REF
from fuling.core.model import Article, Block, Fact
from fuling.core.numbers import format_value

OPEN, MID, CLOSE = "\ue000", "\ue001", "\ue002"
_MARKERS = re.compile("[\ue000-\ue002]")
_TOKEN = re.compile("\ue000(\\d+)\ue001")
_CLOSE_TOKEN = re.compile("\ue002(\\d+)\ue001")
FACT_LINK = re.compile(r"\[([^\]\n]*)\]\(fact:([A-Za-z0-9_.-]+)\)")

INLINE_TAGS = {"a", "abbr", "b", "br", "cite", "code", "del", "em", "i", "mark", "q", "s", "small", "strong", "sub", "sup", "u"}
BLOCK_TAGS = INLINE_TAGS | {"p", "ul", "ol", "li", "h2", "h3", "h4", "blockquote", "hr", "table", "thead", "tbody", "tr", "th", "td"}
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitize(html: str, tags: set[str]) -> str:
    return nh3.clean(html, tags=tags, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel="noopener noreferrer")


# A line break inside a Chinese paragraph is not a space: join such lines
# (unless the next line starts a Markdown list, quote, heading or table).
_SOFT_BREAK = re.compile(
    "(?<=[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef\ue000-\ue002)])[ \t]*\n"
    "(?![ \t]*(?:[-*+>#|]|[0-9]+[.]|\n|$))"
)


_CONVERTER = markdown.Markdown(output_format="html")  # reset per text: building one is the slow part
# Text with none of these characters is one plain paragraph to Markdown: "<p>" + text + "</p>"
# (tests/test_speed.py checks this against Markdown itself on every block of the content).
PLAIN_PARAGRAPH = re.compile(r"[\\`*_\[\]<>&\n\r\t\u00a0]|^[\s\d#>+\-=]|\s$")


def _markdown(text: str) -> str:
    text = _SOFT_BREAK.sub("", text)
    if text and not PLAIN_PARAGRAPH.search(text):
        return f"<p>{text}</p>"
    return _CONVERTER.reset().convert(text)


# Our own figure links, allowed only in the second pass (after the markers are filled).
LINK_ATTRIBUTES = {**ATTRIBUTES, "a": {"href", "title", "class", "id", "rel", "data-facts"}}


def _fill(html: str, opens: list[str], tags: set[str], closes: list[str] | None = None) -> str:
    """Markers -> our links: OPEN i MID … CLOSE i MID becomes opens[i] … closes[i] (default </a>)."""
    if not opens:
        return html
    html = _TOKEN.sub(lambda m: opens[int(m.group(1))], html)
    html = _CLOSE_TOKEN.sub(lambda m: closes[int(m.group(1))] if closes else "</a>", html)
    # A second pass re-nests the tags should a marker have straddled Markdown emphasis.
    return nh3.clean(html, tags=tags, attributes=LINK_ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None)


def markdown_block(text: str) -> Markup:
    """Full Markdown (paragraphs, lists, headings h2–h4), sanitised."""
    return Markup(sanitize(_markdown(_MARKERS.sub("", text)), BLOCK_TAGS))


# -- figures in article blocks ----------------------------------------------

@dataclass
class Mark:
    start: int
    end: int
    facts: list[str] = field(default_factory=list)


CHINESE_NUMERALS = {1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}


def number_forms(value: float, unit: str = "") -> list[str]:
    """How a value may be printed in the text: 2471, 2,471, 2471.0; 42 for a fall of 42%
    (下降42%); 6100 for 0.61亿元 printed as 6100万元; 三 for 3 (三大产业集群)."""
    forms = []
    for number in (value, abs(value)) + ((value * 10000,) if unit.startswith("亿") else ()):
        plain = format_value(round(number, 10))
        forms.append(plain)
        if float(number).is_integer() and abs(number) >= 1000:
            forms.append(f"{int(number):,}")
    if float(value).is_integer() and int(value) in CHINESE_NUMERALS:
        forms += [CHINESE_NUMERALS[int(value)], "二"] if value == 2 else [CHINESE_NUMERALS[int(value)]]
    return list(dict.fromkeys(forms))


def _number_in(quote: str, forms: list[str]) -> tuple[int, int] | None:
    """First place in the quote where one of the forms stands as a whole number."""
    best = None
    for form in forms:
        start = 0
        while (i := quote.find(form, start)) >= 0:
            j = i + len(form)
            before = quote[i - 1] if i else ""
            after = quote[j] if j < len(quote) else ""
            whole = not (before.isdigit() or before == ".") and not (after.isdigit() or (after == "." and quote[j + 1: j + 2].isdigit()))
            if whole:
                if best is None or i < best[0]:
                    best = (i, j)
                break
            start = i + 1
    return best


def figure_span(text: str, quote: str, fact: Fact) -> tuple[int, int] | None:
    """Where in a block's text a fact's figure stands: the number (and its unit), else the whole quote."""
    q = text.find(quote) if quote else -1
    if q < 0:
        return None
    # a corrected figure's quote prints the number the source had: the correction's old value
    values = [fact.value] + [c.old_value for c in fact.corrections]
    found = next(filter(None, (_number_in(quote, number_forms(v, fact.unit)) for v in values)), None)
    if found is None:
        return (q, q + len(quote))
    start, end = q + found[0], q + found[1]
    units = [fact.unit, "万" + fact.unit[1:] if fact.unit.startswith("亿") else ""]
    for unit in units:
        if unit and text.startswith(unit, end):
            end += len(unit)
            break
    return (start, end)


def block_marks(article: Article, facts: list[Fact]) -> dict[str, list[Mark]]:
    """Block anchor -> marks, for every fact that quotes this article (first source or also_in)."""
    marks: dict[str, list[Mark]] = {}
    for fact in sorted(facts, key=lambda f: f.id):
        for source in fact.sources:
            if source.article != article.slug:
                continue
            blocks = [article.block(source.paragraph)] if source.paragraph else []
            blocks = [b for b in blocks if b and source.quote in b.text] or [b for b in article.blocks if source.quote in b.text]
            if not blocks:
                continue
            block = blocks[0]
            span = figure_span(block.text, source.quote, fact)
            if span is None:
                continue
            placed = marks.setdefault(block.anchor, [])
            for mark in placed:
                if mark.start < span[1] and span[0] < mark.end:  # overlaps: one link carries both facts
                    if fact.id not in mark.facts:
                        mark.facts.append(fact.id)
                    break
            else:
                placed.append(Mark(span[0], span[1], [fact.id]))
    return marks


def render_block(block: Block, marks: list[Mark], open_link: Callable[[Mark], str],
                 after_link: Callable[[Mark], str] = lambda mark: "") -> Markup:
    """A block's inline HTML with each mark wrapped in the link `open_link` returns, and
    followed by what `after_link` returns (a correction mark)."""
    text = _MARKERS.sub("", block.text)
    ordered = sorted(marks, key=lambda m: m.start)
    opens = [open_link(m) for m in ordered]
    closes = ["</a>" + after_link(m) for m in ordered]
    for index in range(len(ordered) - 1, -1, -1):
        mark = ordered[index]
        text = (text[: mark.start] + f"{OPEN}{index}{MID}" + text[mark.start: mark.end] + f"{CLOSE}{index}{MID}"
                + text[mark.end:])
    html = sanitize(_markdown(text), INLINE_TAGS).strip()
    return Markup(_fill(html, opens, INLINE_TAGS, closes))


# -- fact links in theme narratives -----------------------------------------

def render_fact_links(text: str, open_link: Callable[[str], str], unknown: Callable[[str], None],
                      figure: Callable[[str], str] = lambda fact_id: "",
                      after_link: Callable[[str], str] = lambda fact_id: "") -> Markup:
    """Theme Markdown where `[2471亿元](fact:id)` becomes the link `open_link(id)` opens, and
    `{fact:id}` (or a link with no text) the same link showing `figure(id)`, the fact's figure;
    each link followed by `after_link(id)` (a correction mark)."""
    opens: list[str] = []
    closes: list[str] = []

    def swap(match: re.Match) -> str:
        fact_id = match.group(2)
        link = open_link(fact_id)
        shown = match.group(1) or figure(fact_id)
        if not link:
            unknown(fact_id)
            return shown
        opens.append(link)
        closes.append("</a>" + after_link(fact_id))
        return f"{OPEN}{len(opens) - 1}{MID}{shown}{CLOSE}{len(opens) - 1}{MID}"

    text = FACT_REF.sub(lambda m: f"[](fact:{m.group(1)})", _MARKERS.sub("", text))
    source = FACT_LINK.sub(swap, text)
    return Markup(_fill(sanitize(_markdown(source), BLOCK_TAGS), opens, BLOCK_TAGS, closes))


def correction_mark(href: str, title: str) -> str:
    """The small 更正 link after a corrected figure, to its entry on the corrections page."""
    return link_tag(href, title, "corrected-mark") + "更正</a>" if href else ""


def link_tag(href: str, text_title: str, css: str, **data: str) -> str:
    """An opening <a> with every attribute escaped."""
    attrs = [f'href="{escape(href)}"', f'class="{escape(css)}"']
    if text_title:
        attrs.append(f'title="{escape(text_title)}"')
    for key, value in data.items():
        attrs.append(f'{key.replace("_", "-")}="{escape(value)}"')
    return f"<a {' '.join(attrs)}>"
