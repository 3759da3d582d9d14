"""Read and write the article file format (docs/content-format.md).

Shared by ingest (which writes articles) and by extract and load (which read
them), so that the format has exactly one definition.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from fuling.core.errors import ContentError
from fuling.core.model import Article, Block, Caption
from fuling.core.yamlread import LineDict, LineList, Refused, content_date, describe, parse_yaml, read_content_text

FRONT_MATTER_FENCE = "---"
ANCHOR_RE = re.compile(r"\s*\{#([a-z][a-z0-9-]*)\}\s*$")
HEADING_RE = re.compile(r"^(#{2,3})\s+")
LIST_RE = re.compile(r"^[-*]\s+")
# Front matter fields printed as text, and the lists of text.
TEXT_FIELDS = ("title", "slug", "seed", "kicker", "subtitle", "series", "byline", "credit", "note", "date_basis",
               "publication", "author_note", "place", "summary")
LIST_FIELDS = ("authors", "tags")


class ArticleFormatError(Exception):
    """Every problem of one article file; `error` is the first."""

    def __init__(self, errors: ContentError | list[ContentError]):
        self.errors = errors if isinstance(errors, list) else [errors]
        self.error = self.errors[0]
        super().__init__("\n".join(str(e) for e in self.errors))


def split_front_matter(text: str, path: str) -> tuple[dict, str, int]:
    """Return (front matter, body, line number where the body starts)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        raise ArticleFormatError(ContentError(path, 1, "", "file must start with '---' front matter"))
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == FRONT_MATTER_FENCE)
    except StopIteration:
        raise ArticleFormatError(ContentError(path, 1, "", "front matter has no closing '---'")) from None
    errors: list[ContentError] = []
    meta = parse_yaml("\n".join(lines[1:end]), path, errors, first_line=2)
    if errors:
        raise ArticleFormatError(errors)
    if meta is None:
        meta = LineDict()
    if not isinstance(meta, dict):
        raise ArticleFormatError(ContentError(path, 2, "", "front matter must be a mapping"))
    return meta, "\n".join(lines[end + 1 :]), end + 2


def parse_blocks(body: str, first_line: int, path: str) -> list[Block]:
    """Split the body on blank lines; each block must end with its ` {#anchor}`."""
    blocks: list[Block] = []
    current: list[str] = []
    start = first_line

    def flush() -> None:
        if not current:
            return
        text = "\n".join(current).strip()
        match = ANCHOR_RE.search(text)
        if not match:
            raise ArticleFormatError(ContentError(path, start, "body", "block has no anchor such as ' {#p3}' at its end"))
        text = text[: match.start()].rstrip()
        if heading := HEADING_RE.match(text):
            kind, text = f"h{len(heading.group(1))}", text[heading.end():]
        elif item := LIST_RE.match(text):
            kind, text = "li", text[item.end():]
        else:
            kind = "p"
        blocks.append(Block(anchor=match.group(1), kind=kind, text=text, line=start))

    for offset, line in enumerate(body.split("\n")):
        if line.strip():
            if not current:
                start = first_line + offset
            current.append(line)
        else:
            flush()
            current = []
    flush()
    return blocks


class _FrontMatter:
    """Reads the typed fields of one article's front matter, collecting every problem."""

    def __init__(self, meta: dict, path: str):
        self.meta, self.path = meta, path
        self.errors: list[ContentError] = []

    def error(self, key: str, message: str, item: int | None = None) -> None:
        """Record a problem at the line of `key` (or of its `item`-th entry, counted from 0)."""
        value = self.meta.get(key)
        if item is not None and isinstance(value, LineList):
            line = value.line_of(item)
        else:
            line = self.meta.line_of(key) if isinstance(self.meta, LineDict) else 2
        self.errors.append(ContentError(self.path, line, key, message))

    def text(self, key: str, default: str = "") -> str:
        value = self.meta.get(key)
        if value is None or isinstance(value, Refused):
            return default
        if not isinstance(value, str):
            hint = "put it in quotes" if isinstance(value, (int, float, dt.date)) else "write one line of text"
            self.error(key, f"must be text, not {describe(value)}; {hint}")
            return default
        return value or default

    def text_list(self, key: str) -> list[str]:
        value = self.meta.get(key)
        if value is None or value == "":
            return []
        if isinstance(value, str):  # one author, one tag
            value = [value]
        if not isinstance(value, list):
            self.error(key, f"must be a list such as [{'赵童, 刘玉珮' if key == 'authors' else 'industry, green'}], "
                            f"not {describe(value)}")
            return []
        items = []
        for index, item in enumerate(value, start=1):
            if not isinstance(item, str):
                self.error(key, f"item {index} must be text, not {describe(item)}; put it in quotes", index - 1)
            elif not isinstance(item, Refused):
                items.append(item)
        return items

    def captions(self) -> list[Caption]:
        value = self.meta.get("captions")
        if value is None or value == "":
            return []
        if not isinstance(value, list):
            self.error("captions", f"must be a list of captions (- text: …, credit: …), not {describe(value)}")
            return []
        captions = []
        for index, item in enumerate(value, start=1):
            if isinstance(item, str):
                captions.append(Caption(text=item))
            elif isinstance(item, dict) and all(isinstance(item.get(k) or "", str) for k in ("text", "credit")):
                captions.append(Caption(text=item.get("text") or "", credit=item.get("credit") or ""))
            else:
                self.error("captions", f"caption {index} must be text or a mapping of text and credit, "
                                       f"not {describe(item)}", index - 1)
        return captions

    def date(self, key: str) -> dt.date | None:
        value = self.meta.get(key)
        if isinstance(value, Refused):
            return None
        day, problem = content_date(value)
        if problem:
            self.error(key, problem)
        return day


def read_article(path: Path, root: Path) -> Article:
    """Parse one article file. Raises ArticleFormatError naming path:line of every problem."""
    rel = path.relative_to(root).as_posix() if path.is_absolute() else path.as_posix()
    found: list[ContentError] = []
    text = read_content_text(path, rel, found)
    if text is None:
        raise ArticleFormatError(found)
    meta, body, body_line = split_front_matter(text, rel)
    fields = _FrontMatter(meta, rel)
    for required in ("title", "slug", "date", "seed"):
        if meta.get(required) is None or meta.get(required) == "":
            fields.error(required, "missing")
    values = {key: fields.text(key) for key in TEXT_FIELDS}
    lists = {key: fields.text_list(key) for key in LIST_FIELDS}
    captions = fields.captions()
    date = fields.date("date") if "date" in meta else None
    try:
        blocks = parse_blocks(body, body_line, rel)
    except ArticleFormatError as exc:
        blocks, found = [], exc.errors
    if fields.errors or found:
        raise ArticleFormatError(fields.errors + found)
    assert date is not None
    return Article(
        slug=values["slug"],
        title=values["title"],
        date=date,
        seed=values["seed"],
        path=rel,
        kicker=values["kicker"],
        subtitle=values["subtitle"],
        series=values["series"],
        byline=values["byline"],
        credit=values["credit"],
        note=values["note"],
        date_basis=values["date_basis"],
        publication=values["publication"],
        authors=lists["authors"],
        author_note=values["author_note"],
        place=values["place"] or "涪陵区",
        captions=captions,
        summary=values["summary"],
        tags=lists["tags"],
        blocks=blocks,
    )


def format_article(meta: dict, blocks: list[Block]) -> str:
    """Serialise front matter and blocks; deterministic, so re-running ingest changes no byte."""
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000).strip()
    parts = []
    for block in blocks:
        prefix = {"h2": "## ", "h3": "### ", "li": "- "}.get(block.kind, "")
        parts.append(f"{prefix}{block.text} {{#{block.anchor}}}")
    return f"{FRONT_MATTER_FENCE}\n{front}\n{FRONT_MATTER_FENCE}\n\n" + "\n\n".join(parts) + "\n"
