"""What the print does not say, read from the seed's sidecar `seeds/<seed-name>.yaml`.

The rules (rules.py, masthead.py, dates.py) read the headline, byline, outlet
and date from the print. A sidecar holds only what no rule can decide: the
slug, the summary and tags, where a seed holds several pieces and which
printed lines are each one's headline, kicker and subtitle, a date where none
is printed (with the evidence), and the paragraphs that the page layout put
into another piece's column (`moves`). Anything the sidecar gives wins over
the rules. docs/content-format.md ("Seeds and sidecars") describes the format.

The file is read with `yaml.compose`, so every error names the sidecar's line.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from fuling.core.errors import ContentError

HEAD_FIELDS = ("title", "kicker", "subtitle", "series", "banner")
PIECE_FIELDS = ("slug", "start", "head", "title", "date", "date_basis", "place", "publication", "summary", "tags")
SEED_FIELDS = PIECE_FIELDS + ("pieces", "moves")
MOVE_FIELDS = ("opening", "to", "why")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DEFAULT_PLACE = "涪陵区"


@dataclass(frozen=True)
class PieceSpec:
    """One article of a seed; every field is optional (the rules decide what is left empty)."""

    slug: str = ""
    start: str = ""  # the piece begins at the first line starting with this text
    head: tuple[tuple[str, str], ...] = ()  # (front matter field, printed text), in printed order
    title: str = ""  # a headline the print lacks (one drafted by the rules otherwise)
    date: dt.date | None = None
    date_basis: str = ""
    summary: str = ""
    tags: tuple[str, ...] = ()
    place: str = DEFAULT_PLACE
    publication: str = ""
    line: int = field(default=0, compare=False)  # sidecar line of this piece, for errors


@dataclass(frozen=True)
class Move:
    """A printed line that belongs to another piece: appended to `slug`, in sidecar order."""

    opening: str  # the line starts with this text
    slug: str
    why: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class SeedSpec:
    pieces: tuple[PieceSpec, ...] = (PieceSpec(),)
    moves: tuple[Move, ...] = ()
    sidecar: str = ""  # the sidecar's path relative to the project, "" when the seed has none


def sidecar_path(seed: Path) -> Path:
    """seeds/001_44687d2a1dd545a8.txt -> seeds/001_44687d2a1dd545a8.yaml"""
    return seed.with_suffix(".yaml")


def sidecar_name(seed: str) -> str:
    """The sidecar a message about `seed` (a path as shown) tells the editor to write in."""
    return seed.rsplit(".", 1)[0] + ".yaml"


class _Reader:
    """Values out of composed YAML nodes; every problem is an error at the node's line."""

    def __init__(self, rel: str, errors: list[ContentError]):
        self.rel, self.errors = rel, errors

    def error(self, node: yaml.Node, key: str, message: str) -> None:
        self.errors.append(ContentError(self.rel, node.start_mark.line + 1, key, message))

    def mapping(self, node: yaml.Node, known: tuple[str, ...], what: str) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.error(node, "", f"{what} must be a mapping of fields such as `slug: my-article`")
            return None
        fields: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
            if key not in known:
                self.error(key_node, key, f"unknown field in {what}; write one of {', '.join(known)}")
            elif key in fields:
                self.error(key_node, key, f"given twice in {what} (first on line {fields[key].start_mark.line + 1}); keep one")
            else:
                fields[key] = value_node
        return fields

    def text(self, node: yaml.Node, key: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, key, "must be text, written on one line")
            return None
        return node.value.strip()

    def texts(self, node: yaml.Node, key: str) -> tuple[str, ...] | None:
        if not isinstance(node, yaml.SequenceNode) or not all(isinstance(n, yaml.ScalarNode) for n in node.value):
            self.error(node, key, "must be a list of words, such as [industry, green]")
            return None
        return tuple(n.value.strip() for n in node.value)

    def date(self, node: yaml.Node, key: str) -> dt.date | None:
        value = self.text(node, key)
        try:
            return dt.date.fromisoformat(value) if value is not None else None
        except ValueError:
            self.error(node, key, f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. date: 2025-01-06")
            return None

    def head(self, node: yaml.Node) -> tuple[tuple[str, str], ...] | None:
        fields = self.mapping(node, HEAD_FIELDS, "head")
        if fields is None:
            return None
        pairs = [(name, self.text(value, f"head.{name}")) for name, value in fields.items()]
        return tuple((name, text) for name, text in pairs if text is not None)

    def piece(self, fields: dict[str, yaml.Node], base: PieceSpec) -> PieceSpec:
        values: dict = {}
        for key, node in fields.items():
            if key == "head":
                value = self.head(node)
            elif key == "tags":
                value = self.texts(node, key)
            elif key == "date":
                value = self.date(node, key)
            else:
                value = self.text(node, key)
            if key == "slug" and value is not None and not SLUG_RE.match(value):
                self.error(node, key, f"{value!r} is not a slug; write lower-case words joined by '-', e.g. slug: qijiang-smart-factory")
                value = None
            if value is not None:
                values[key] = value
        return replace(base, **values)

    def move(self, node: yaml.Node) -> Move | None:
        fields = self.mapping(node, MOVE_FIELDS, "a move")
        if fields is None:
            return None
        for key in ("opening", "to"):
            if key not in fields:
                self.error(node, key, "missing: a move needs `opening:` (how the line starts) and `to:` (the slug it belongs to)")
                return None
        opening, slug = self.text(fields["opening"], "opening"), self.text(fields["to"], "to")
        why = self.text(fields["why"], "why") if "why" in fields else ""
        if opening is None or slug is None or why is None:
            return None
        return Move(opening, slug, why, line=node.start_mark.line + 1)


def read_sidecar(path: Path, rel: str, errors: list[ContentError]) -> SeedSpec | None:
    """The sidecar at `path` (shown as `rel`); None with errors when it cannot be read.

    Top-level piece fields describe the one piece of the seed, or, beside
    `pieces:`, are the defaults of every piece listed there."""
    before = len(errors)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        errors.append(ContentError(rel, 0, "", f"not UTF-8 ({exc.reason} at byte {exc.start}); save the sidecar as UTF-8"))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        errors.append(ContentError(rel, mark.line + 1 if mark else 0, "", f"not valid YAML: {getattr(exc, 'problem', exc)}"))
        return None
    if root is None:
        return SeedSpec(sidecar=rel)
    reader = _Reader(rel, errors)
    fields = reader.mapping(root, SEED_FIELDS, "the sidecar")
    if fields is None:
        return None
    line = root.start_mark.line + 1
    base = reader.piece({k: v for k, v in fields.items() if k in PIECE_FIELDS}, PieceSpec(line=line))
    pieces: tuple[PieceSpec, ...] = (base,)
    if "pieces" in fields:
        node = fields["pieces"]
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            reader.error(node, "pieces", "must be a list with one entry (`- slug: …`) for each article the seed holds")
        else:
            listed = [(item, reader.mapping(item, PIECE_FIELDS, "a piece")) for item in node.value]
            pieces = tuple(reader.piece(f, replace(base, line=item.start_mark.line + 1))
                           for item, f in listed if f is not None)
    moves: tuple[Move, ...] = ()
    if "moves" in fields:
        node = fields["moves"]
        if not isinstance(node, yaml.SequenceNode):
            reader.error(node, "moves", "must be a list of `- opening: … / to: <slug>` entries")
        else:
            moves = tuple(m for m in (reader.move(item) for item in node.value) if m is not None)
    if len(errors) > before:
        return None
    return SeedSpec(pieces=pieces, moves=moves, sidecar=rel)
