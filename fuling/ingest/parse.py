"""Seed text -> article drafts (front matter + blocks), in memory.

One seed is cut into pieces (its sidecar, fuling/ingest/pieces.py, says where
when it holds several), misplaced lines are moved to their piece, every
printed line is classified by the rules (rules.py for the text, masthead.py
for headline, source line, dateline and byline), broken lines are joined into
blocks, and the date is the sidecar's or the one the rules of dates.py find
(fuling/ingest/published.py). Rules read each line's rule text (script.py);
the blocks keep the printed characters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from fuling.core.errors import ContentError
from fuling.core.model import Block, Caption
from fuling.ingest import masthead, rules
from fuling.ingest.dates import Body, DateFinding
from fuling.ingest.draft import Draft
from fuling.ingest.lines import Line
from fuling.ingest.pieces import SeedSpec, sidecar_name
from fuling.ingest.published import find_date


@dataclass
class Item:
    """One classified printed line."""

    kind: str  # text | heading | li | caption | credit | byline | note | label | comma | source
    line: Line
    text: str
    extra: str = ""  # caption credit


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
            errors.append(ContentError(spec.sidecar or path, piece.line, "start",
                                       f"{piece.slug}: no line of {path} after line {lines[position - 1].no if position else 1} "
                                       f"starts with {piece.start!r}; write the opening words of the piece's first line"))
            return []
        starts.append(index)
        position = index + 1
    starts[0] = 0
    bounds = starts[1:] + [len(lines)]
    return [lines[a:b] for a, b in zip(starts, bounds)]


def apply_moves(pieces: list[list[Line]], slugs: list[str], spec: SeedSpec, path: str,
                errors: list[ContentError]) -> None:
    """Take each moved line out of its piece and append it to its own piece, in sidecar order."""
    for move in spec.moves:
        found = next(((piece, line) for piece in pieces for line in piece if line.text.startswith(move.opening)), None)
        if move.slug not in slugs:
            errors.append(ContentError(spec.sidecar or path, move.line, "to",
                                       f"{move.slug!r} is not a piece of this seed; write one of {', '.join(slugs)}"))
        elif found is None:
            errors.append(ContentError(spec.sidecar or path, move.line, "opening",
                                       f"no line of {path} starts with {move.opening!r}; write the opening words of the line to move"))
        else:
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


def _printed(line: Line, rule_part: str) -> str:
    """The printed characters of a part of the line's rule text (the two have one length)."""
    start = line.rule.find(rule_part)
    return line.text[start:start + len(rule_part)] if start >= 0 else rule_part


OPENING_DATE_LINES = 8  # lines from the top of a piece in which a labelled date line is looked for
EDITORS_NOTE = re.compile(r"^\s*[【\[(（]?\s*编者按\s*[】\])）]?\s*[:：]?")


def _dated(draft: Draft) -> bool:
    """A source line with a full date was found already."""
    return any(source.date is not None for _, source in draft.sources)


def _open_body(line: Line, draft: Draft) -> Line | None:
    """The first paragraph's line without its dateline (`本报讯（记者 蒋雨桥）`), which
    goes to the draft; None when the dateline is all the line holds."""
    found = masthead.dateline(line.rule)
    if found is None:
        return line
    draft.dateline = (line, found)
    if found.byline_span:
        start, end = found.byline_span
        draft.bylines.append(line.text[start:end].strip())
        draft.authors.extend(rules.byline_names(line.text[start:end]))
    draft.publication = draft.publication or found.outlet
    rest = line.text[found.length:]
    return replace(line, text=rest, rule=line.rule[found.length:]) if rest.strip() else None


def classify(piece: list[Line], draft: Draft) -> list[Item]:
    """Classify every line; head lines go straight to the draft's front matter."""
    wanted = list(draft.spec.head)
    used: set[int] = set()
    items: list[Item] = []
    headline: set[int] = set()
    if not wanted:
        headline, found = masthead.find_headline(piece)
        for name, value in found.items():
            draft.heads.setdefault(name, value)  # a sidecar `title:` wins over the printed one
    in_masthead = True  # before the first paragraph: source lines, bylines, labels
    for n, line in enumerate(piece):
        if n in headline:
            continue
        text = line.text
        heading = rules.markdown_heading(text)
        plain = heading[1] if heading else text
        if (hit := _match_head(plain, wanted, used)) is not None:
            used.update(hit)
            for i in hit:
                draft.heads[wanted[i][0]] = wanted[i][1]
            continue
        last = n == len(piece) - 1
        tail = n >= len(piece) - 2  # a source line printed at the end, before or after a byline
        # A labelled date line among the opening lines is the page's, even under furniture that
        # ended the masthead (a contact card of area, hours and address).
        source = masthead.source_line(line.rule) if in_masthead or tail else \
            masthead.labelled_date_line(line.rule) if n < OPENING_DATE_LINES and not _dated(draft) else None
        if source is not None:
            draft.sources.append((line, source))
            draft.publication = draft.publication or source.outlet
            continue
        if in_masthead and (outlet := masthead.outlet_alone(piece, n)):
            draft.publication = draft.publication or outlet  # 潼南日报 above its page line
            continue
        if in_masthead and EDITORS_NOTE.match(line.rule):
            items.append(Item("text", line, text))  # 编者按：… above the dateline: the report opens after it
            continue
        if in_masthead and not heading and not rules.is_label(text) and rules.parse_byline(line.rule) is None \
                and not rules.is_author_note(text):
            in_masthead = False  # the first paragraph: it may open with a dateline
            if (line := _open_body(line, draft)) is None:
                continue
            text = plain = line.text
        if heading:
            items.append(Item("heading", line, plain))
        elif (item := rules.list_item(text)) is not None:
            items.append(Item("li", line, item))
        elif rules.is_author_note(text):
            items.append(Item("note", line, text))
        elif pair := rules.split_caption_with_credit(text) or rules.split_photo_caption(text):
            items.append(Item("caption", line, pair[0], pair[1]))
        elif rules.is_credit(text):
            items.append(Item("credit", line, text))
        elif rules.parse_byline(line.rule) is not None or (last and masthead.trailing_byline(line.rule)):
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
    parts: list[tuple[str, str]] = []  # (rule text, printed text) of each block, for the date rules

    def flush() -> None:
        if not open_lines:
            return
        text = ""
        for line in open_lines:
            text = rules.join_lines(text, line.text)
        if not rules.ends_block(text):
            draft.truncated.append((f"p{len(blocks) + 1}", text[-8:]))
        blocks.append(("p", text))
        parts.append(("".join(line.rule for line in open_lines), "".join(line.text for line in open_lines)))
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
            parts.append((item.line.rule, item.line.text))
        elif item.kind == "li":
            flush()
            blocks.append(("li", item.text))
            parts.append((item.line.rule, item.line.text))
        elif item.kind == "caption":
            draft.captions.append(Caption(item.text, item.extra))
        elif item.kind == "credit":
            draft.credit = item.text
            names, outlet = rules.parse_photo_credit(item.text)
            if names and not draft.bylines:
                draft.authors, draft.publication = names, outlet
        elif item.kind == "byline":
            names, outlet = rules.parse_byline(item.line.rule) or ([], "")
            draft.bylines.append(rules.byline_as_printed(item.text))
            draft.authors.extend(_printed(item.line, name) for name in (names or rules.byline_names(item.line.rule)))
            draft.publication = draft.publication or outlet
        elif item.kind == "note":
            draft.author_note = item.text
    flush()
    draft.blocks = [
        Block(anchor=f"p{n}", kind=kind, text=rules.escape_markdown(text), line=0)
        for n, (kind, text) in enumerate(blocks, 1)
    ]
    opening = next((rule for (kind, _), (rule, _) in zip(blocks, parts) if kind == "p"), "")
    draft.body = Body("\n".join(r for r, _ in parts), "\n".join(t for _, t in parts), opening)
    if not draft.heads.get("title"):
        first = next((text for kind, text in blocks if kind == "p"), "")
        draft.heads["title"] = masthead.drafted_title(first)
        draft.title_drafted = True


def draft_slug(name: str) -> str:
    """The slug of a seed whose sidecar names none: `005_new.txt` -> `seed-005-new`."""
    stem = name.rsplit(".", 1)[0]
    return "seed-" + re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")


def parse_lines(name: str, lines: list[Line], spec: SeedSpec | None, path: str, errors: list[ContentError],
                page_date: DateFinding | None = None) -> list[Draft]:
    """All article drafts of one seed's lines; problems are appended to `errors`."""
    if not lines:
        errors.append(ContentError(path, 0, "", "empty seed: no text"))
        return []
    spec = spec or SeedSpec()
    lines = masthead.drop_furniture(masthead.join_split_date(lines))  # menus, pagers, 上一篇… of a saved page, and the site's name above them
    pieces = split_pieces(lines, spec, path, errors)
    if not pieces:
        return []
    slugs = [p.slug or draft_slug(name) for p in spec.pieces]
    before = len(errors)
    apply_moves(pieces, slugs, spec, path, errors)
    if len(errors) > before:
        return []
    drafts = []
    for piece_spec, piece, slug in zip(spec.pieces, pieces, slugs):
        draft = Draft(spec=piece_spec, seed=name, slug=slug)
        if piece_spec.title:
            draft.heads["title"] = piece_spec.title
        items = classify(piece, draft)
        if missing := draft.heads.pop("_missing", ""):
            errors.append(ContentError(path, piece[0].no, "head", f"{slug}: no printed line matches {missing}; "
                                       f"write head: in {spec.sidecar or sidecar_name(path)} as the line is printed, "
                                       f"or title: for a headline the print lacks"))
            continue
        build_blocks(items, draft)
        if not draft.blocks:
            errors.append(ContentError(path, piece[0].no, "body", f"{slug}: no body text; a report needs at least one paragraph"))
            continue
        found = find_date(draft, page_date)
        if isinstance(found, str):
            errors.append(ContentError(path, piece[0].no, "date", f"{found} — add date: YYYY-MM-DD and date_basis: "
                                       f"<the evidence> to {spec.sidecar or sidecar_name(path)}"))
            continue
        draft.date = found
        drafts.append(draft)
    return drafts


def parse_seed(name: str, text: str, spec: SeedSpec | None, path: str,
               errors: list[ContentError]) -> list[Draft]:
    """All article drafts of one seed's text; problems are appended to `errors`."""
    return parse_lines(name, seed_lines(text), spec, path, errors)
