"""A saved web page (`seeds/<name>.html`) as the lines of a report.

trafilatura reads the article's title and text, leaving out the site's
furniture (navigation, related links, share buttons, footer, ICP line);
htmldate reads its publication date. The page's own source and date line
(`来源：重庆日报网 更新时间：2022-03-15 06:23:41`), which extractors drop as
furniture, is kept as the report's source line: it is the text between the
title and the first paragraph in trafilatura's full-page text, when the
source-line rule reads it as one; its printed date comes before htmldate's. Each line is numbered with the line of the
saved file it comes from, so errors point into the page.
"""
from __future__ import annotations

import datetime as dt
import html as html_entities
import re
from dataclasses import dataclass

import htmldate
import trafilatura
from trafilatura.utils import decode_file

from fuling.ingest import masthead
from fuling.ingest.dates import DateFinding, printed_date
from fuling.ingest.script import rule_text

FIND_PREFIX = 8  # characters of a line looked up in the page source to number it
SOURCE_WINDOW = 160  # how far before the text a source line is looked for when the title is not found
TITLE_PARTS_RE = re.compile(r"\s*[_|｜]\s*|\s+[-–—]\s+")


@dataclass(frozen=True)
class Page:
    lines: list[tuple[int, str]]  # (line of the saved file, text): title, source line, paragraphs
    date: DateFinding | None  # None when neither the source line nor htmldate has one: the text's evidence decides


def _source_segment(page_text: str, title: str, first_paragraph: str) -> str:
    """The source line printed between the title and the first paragraph: the words
    of that stretch that belong to a source line (within SOURCE_WINDOW characters
    before the paragraph when the title is not found as such)."""
    end = page_text.find(first_paragraph[:FIND_PREFIX])
    if end < 0:
        return ""
    start = page_text.rfind(title, 0, end)
    start = start + len(title) if start >= 0 else max(0, end - SOURCE_WINDOW)
    segment = " ".join(chunk for chunk in page_text[start:end].split() if _is_source_chunk(chunk))
    return segment if masthead.source_line(rule_text(segment)) is not None else ""


def page_title(title: str, page_text: str) -> str:
    """The headline of a page title such as `标题_区县频道_某某日报网` (a site's
    `<title>`, which the extractor falls back on): its first part, when the page prints it."""
    parts = [p for p in TITLE_PARTS_RE.split(title) if p]
    return parts[0] if len(parts) > 1 and parts[0] in page_text else title


def _is_source_chunk(chunk: str) -> bool:
    """A word of the source line (`来源：重庆日报网`, `2022-03-15`, `06:23:41`), not of the
    furniture printed beside it (`字号：大 中 小`, `打印`, `分享到`)."""
    rule = rule_text(chunk)
    return bool(masthead.SOURCE_WORD_RE.search(rule) or masthead.TIME_RE.search(rule)
                or any(form.search(rule) for form in masthead.DATE_FORMS))


def _source_lines(html: str, texts: list[str]) -> list[int]:
    """The line of the saved file each text starts on, searched in order; the
    previous line's number when a text is not found as such (entities, markup)."""
    unescaped = html_entities.unescape(html)
    numbers, offset, line = [], 0, 1
    for text in texts:
        found = unescaped.find(text[:FIND_PREFIX], offset)
        if found >= 0:
            line, offset = unescaped.count("\n", 0, found) + 1, found + 1
        numbers.append(line)
    return numbers


def _page_date(html: str, source: str) -> DateFinding | None:
    """The date printed on the page's source line; else the one htmldate reads from the
    page (its metadata, then its visible dates); None when neither has one."""
    if source and (printed := printed_date(rule_text(source))) is not None:
        return DateFinding(printed, f"印刷日期：“{source}”")
    found = htmldate.find_date(html, original_date=True, extensive_search=False)
    if not found:
        return None
    return DateFinding(dt.date.fromisoformat(found), "网页所记的发布日期（htmldate 读自页面）")


def read_page(data: bytes | str) -> Page | str:
    """The report a saved page holds, or what is wrong with it. The page's bytes are
    decoded as trafilatura decodes them (its declared or detected encoding)."""
    html = decode_file(data)
    document = trafilatura.bare_extraction(html, with_metadata=True, favor_precision=True,
                                           include_comments=False, include_tables=False)
    text = (document.text or "") if document is not None else ""
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    if not paragraphs:
        return "no article text found in the page"
    page_text = re.sub(r"\s+", " ", trafilatura.html2txt(html))
    title = page_title((document.title or "").strip(), page_text)
    source = _source_segment(page_text, title, paragraphs[0]) if title else ""
    texts = [t for t in (title, source) if t] + paragraphs
    return Page(list(zip(_source_lines(html, texts), texts)), _page_date(html, source))
