"""Seed text -> article drafts (front matter + blocks), in memory.

One seed is cut into pieces (fuling/ingest/pieces.py), misplaced lines are
moved to their piece, every printed line is classified by the rules in
fuling/ingest/rules.py, and broken lines are joined into blocks.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from fuling.core.errors import ContentError
from fuling.core.model import Block, Caption
from fuling.ingest import rules
from fuling.ingest.pieces import Move, PieceSpec, SeedSpec

DATE_RE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


@dataclass
class Line:
    no: int  # 1-based line in the seed
    text: str  # stripped
    gap: int  # blank (or whitespace-only) lines before it


@dataclass
class Item:
    """One classified printed line."""

    kind: str  # text | heading | li | caption | credit | byline | note | label | comma
    line: Line
    text: str
    extra: str = ""  # caption credit


@dataclass
class Draft:
    spec: PieceSpec
    seed: str
    heads: dict[str, str] = field(default_factory=dict)
    authors: list[str] = field(default_factory=list)
    publication: str = ""
    bylines: list[str] = field(default_factory=list)
    credit: str = ""
    author_note: str = ""
    captions: list[Caption] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    truncated: list[tuple[str, str]] = field(default_factory=list)  # (anchor, last words)

    def meta(self) -> dict:
        """Front matter in a fixed field order (docs/content-format.md)."""
        spec = self.spec
        meta: dict = {"title": self.heads.get("title", ""), "slug": spec.slug}
        for name in ("kicker", "subtitle", "series", "banner"):
            if self.heads.get(name):
                meta[name] = self.heads[name]
        meta["date"] = dt.date.fromisoformat(spec.date)
        meta["date_basis"] = spec.date_basis
        meta["publication"] = self.publication or spec.publication
        meta["authors"] = list(self.authors)
        meta["author_note"] = self.author_note
        if self.bylines:
            meta["byline"] = " ".join(self.bylines)
        if self.credit:
            meta["credit"] = self.credit
        meta["place"] = spec.place
        meta["seed"] = self.seed
        meta["captions"] = [
            {"text": c.text, "credit": c.credit or self.credit} for c in self.captions
        ]
        meta["summary"] = spec.summary
        meta["tags"] = list(spec.tags)
        if self.truncated:
            meta["note"] = "；".join(
                f"{anchor}止于“…{words}”，印刷文本在此中断，后文未印出" for anchor, words in self.truncated
            ) + "。"
        return meta


def seed_lines(text: str) -> list[Line]:
    """Non-blank lines with the count of blank or whitespace-only lines before each."""
    lines: list[Line] = []
    gap = 0
    for no, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        stripped = raw.strip().lstrip("\ufeff").strip()
        if not stripped:
            gap += 1
            continue
        lines.append(Line(no, stripped, gap))
        gap = 0
    return lines


def split_pieces(lines: list[Line], spec: SeedSpec, path: str, errors: list[ContentError]) -> list[list[Line]]:
    """Cut the seed at each piece's first line; lines before the first piece belong to it."""
    starts: list[int] = []
    position = 0
    for piece in spec.pieces:
        index = next((i for i in range(position, len(lines)) if lines[i].text.startswith(piece.start)), None)
        if index is None:
            errors.append(ContentError(path, 0, "", f"{piece.slug}: no line starts with {piece.start!r}"))
            return []
        starts.append(index)
        position = index + 1
    starts[0] = 0
    bounds = starts[1:] + [len(lines)]
    return [lines[a:b] for a, b in zip(starts, bounds)]


def apply_moves(pieces: list[list[Line]], slugs: list[str], moves: tuple[Move, ...], path: str,
                errors: list[ContentError]) -> None:
    """Take each moved line out of its piece and append it to its own piece, in table order."""
    for move in moves:
        found = None
        for piece in pieces:
            for line in piece:
                if line.text.startswith(move.opening):
                    found = (piece, line)
                    break
            if found:
                break
        if not found or move.slug not in slugs:
            errors.append(ContentError(path, 0, "", f"move to {move.slug}: no line starts with {move.opening!r}"))
            continue
        piece, line = found
        piece.remove(line)
        pieces[slugs.index(move.slug)].append(line)


def _match_head(text: str, wanted: list[tuple[str, str]], used: set[int]) -> list[int] | None:
    """Indices of consecutive head entries that this printed line consists of."""
    for i in range(len(wanted)):
        for j in range(i + 1, len(wanted) + 1):
            if used.intersection(range(i, j)):
                break
            if " ".join(t for _, t in wanted[i:j]) == text:
                return list(range(i, j))
    return None


def classify(piece: list[Line], draft: Draft) -> list[Item]:
    """Classify every line; head lines go straight to the draft's front matter."""
    wanted = list(draft.spec.head)
    used: set[int] = set()
    items: list[Item] = []
    for line in piece:
        text = line.text
        heading = rules.markdown_heading(text)
        plain = heading[1] if heading else text
        if (hit := _match_head(plain, wanted, used)) is not None:
            used.update(hit)
            for i in hit:
                draft.heads[wanted[i][0]] = wanted[i][1]
            continue
        if heading:
            items.append(Item("heading", line, plain))
        elif (item := rules.list_item(text)) is not None:
            items.append(Item("li", line, item))
        elif rules.is_author_note(text):
            items.append(Item("note", line, text))
        elif pair := rules.split_caption_with_credit(text):
            items.append(Item("caption", line, pair[0], pair[1]))
        elif rules.is_credit(text):
            items.append(Item("credit", line, text))
        elif rules.parse_byline(text) is not None:
            items.append(Item("byline", line, text))
        elif rules.is_label(text):
            kind = "caption" if rules.label_is_caption(text, line.gap) else "heading"
            items.append(Item(kind, line, text))
        elif rules.is_comma_label(text):
            items.append(Item("comma", line, text))
        else:
            items.append(Item("text", line, text))
    for n, item in enumerate(items):
        if item.kind == "comma":
            following = next((x for x in items[n + 1 :] if x.kind not in ("caption", "credit", "byline")), None)
            next_is_heading = following is not None and following.kind == "heading"
            item.kind = "heading" if rules.comma_label_is_heading(next_is_heading) else "text"
    missing = [f"{name} {text!r}" for i, (name, text) in enumerate(wanted) if i not in used]
    if missing:
        draft.heads["_missing"] = ", ".join(missing)
    return items


def build_blocks(items: list[Item], draft: Draft) -> None:
    """Join broken lines into paragraphs and collect front matter lines."""
    open_lines: list[Line] = []
    blocks: list[tuple[str, str]] = []

    def flush() -> None:
        if not open_lines:
            return
        text = ""
        for line in open_lines:
            text = rules.join_lines(text, line.text)
        if not rules.ends_block(text):
            draft.truncated.append((f"p{len(blocks) + 1}", text[-8:]))
        blocks.append(("p", text))
        open_lines.clear()

    for item in items:
        if item.kind == "text":
            open_lines.append(item.line)
            if rules.ends_sentence(item.text):
                flush()
        elif item.kind == "heading":
            # A one-line sentence start (`以创新为第一生产力，华峰勇闯技术`) that the
            # layout split around this heading continues after it.
            stub = len(open_lines) == 1 and rules.is_comma_label(open_lines[0].text)
            if not stub:
                flush()
            blocks.append(("h2", item.text))
        elif item.kind == "li":
            flush()
            blocks.append(("li", item.text))
        elif item.kind == "caption":
            draft.captions.append(Caption(item.text, item.extra))
        elif item.kind == "credit":
            draft.credit = item.text
            names, outlet = rules.parse_photo_credit(item.text)
            if names and not draft.bylines:
                draft.authors, draft.publication = names, outlet
        elif item.kind == "byline":
            names, outlet = rules.parse_byline(item.text)
            draft.bylines.append(item.text)
            draft.authors.extend(names)
            draft.publication = draft.publication or outlet
        elif item.kind == "note":
            draft.author_note = item.text
    flush()
    draft.blocks = [
        Block(anchor=f"p{n}", kind=kind, text=rules.escape_markdown(text), line=0)
        for n, (kind, text) in enumerate(blocks, 1)
    ]


def generic_spec(name: str, lines: list[Line], path: str, errors: list[ContentError]) -> SeedSpec | None:
    """A seed the article table does not list: one piece, headline = first line, printed date."""
    first = lines[0]
    heading = rules.markdown_heading(first.text)
    title = heading[1] if heading else first.text
    if not rules.is_label(title):
        errors.append(ContentError(path, first.no, "title", f"no recognisable headline: the first line is running text ({title[:20]}…)"))
        return None
    text = "\n".join(line.text for line in lines)
    date = DATE_RE.search(text)
    if not date:
        errors.append(ContentError(path, 0, "date", "no publication date printed; add the seed to fuling/ingest/pieces.py with its date and the evidence"))
        return None
    slug = "seed-" + re.sub(r"[^a-z0-9]+", "-", name.lower().removesuffix(".txt")).strip("-")
    y, m, d = (int(g) for g in date.groups())
    piece = PieceSpec(slug=slug, start=first.text, head=(("title", title),), date=f"{y:04d}-{m:02d}-{d:02d}",
                      summary="", tags=())
    return SeedSpec(pieces=(piece,))


def parse_seed(name: str, text: str, spec: SeedSpec | None, path: str,
               errors: list[ContentError]) -> list[Draft]:
    """All article drafts of one seed; problems are appended to `errors`."""
    lines = seed_lines(text)
    if not lines:
        errors.append(ContentError(path, 0, "", "empty seed: no text"))
        return []
    if spec is None:
        spec = generic_spec(name, lines, path, errors)
        if spec is None:
            return []
    pieces = split_pieces(lines, spec, path, errors)
    if not pieces:
        return []
    apply_moves(pieces, [p.slug for p in spec.pieces], spec.moves, path, errors)
    drafts = []
    for piece_spec, piece in zip(spec.pieces, pieces):
        draft = Draft(spec=piece_spec, seed=name)
        items = classify(piece, draft)
        if missing := draft.heads.pop("_missing", ""):
            errors.append(ContentError(path, piece[0].no, "title", f"{piece_spec.slug}: no recognisable headline: no printed line matches {missing}"))
            continue
        build_blocks(items, draft)
        if not draft.blocks:
            errors.append(ContentError(path, piece[0].no, "body", f"{piece_spec.slug}: no body text"))
            continue
        drafts.append(draft)
    return drafts
