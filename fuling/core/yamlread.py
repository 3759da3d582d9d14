"""Content YAML, read within bounds, remembering where things are.

Every YAML file of `content/` and every article's front matter is read here,
so that one reader decides what a hostile or careless file can do:

- **Bounded.** A file over `MAX_FILE_BYTES` is refused before it is read, YAML
  over `MAX_YAML_CHARS` before it is parsed; the composed document is measured
  before anything is built from it: nesting deeper than `MAX_DEPTH`, or aliases
  that would repeat more than
  `MAX_ALIAS_NODES` values (an alias bomb: nine lists of nine lists of nine …),
  are refused, so neither recursion nor a later walk of the data can run away.
  (libyaml's own composer stops at 1,000 levels and the file size bounds its
  work.)
- **Lines.** Mappings and lists are `dict`/`list` subclasses carrying the
  1-based line of the container (`.line`) and of each key or item (`.lines`).
- **No silent surprises.** Duplicate keys, which PyYAML silently resolves to
  the last, are reported. Scalars YAML 1.1 would read as something other than
  what an editor sees (`0755` is octal 493, `20:00` is sexagesimal 1200), an
  integer longer than any figure, and text holding control characters are
  reported too and come back as `Refused` (a str holding what was written), so
  field checks skip them rather than report them twice.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from fuling.core.errors import ContentError

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when libyaml is there: same results, faster

MAX_FILE_BYTES = 16 * 2**20  # any content file; the largest today is a few dozen KB
# The YAML of one file or front matter: composing it costs about 450 bytes of memory a
# character at worst ("[1,1,1,…"), so 512 K characters stay near 250 MB and seconds.
MAX_YAML_CHARS = 512 * 1024
MAX_DEPTH = 32  # a fact record is four levels deep
MAX_ALIAS_NODES = 10_000  # values aliases may repeat in one file, in all
MAX_INTEGER_DIGITS = 18  # no figure of a district needs more; beyond it floats lose the units digit

# YAML 1.1 forms PyYAML reads as numbers an editor would not expect.
OCTAL_RE = re.compile(r"^[-+]?0[0-7_]+$")
SEXAGESIMAL_RE = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
# C0 and C1 controls and DEL; tab and line breaks are ordinary text
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class Refused(str):
    """A scalar the reader has already reported; field checks treat it as given but skip it."""


class LineDict(dict):
    line: int = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict = {}

    def line_of(self, key) -> int:
        """Line of `key` when present, else the line the mapping starts on."""
        return self.lines.get(key, self.line)


class LineList(list):
    line: int = 0

    def __init__(self, *args):
        super().__init__(*args)
        self.lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else self.line


@dataclass
class Problem:
    line: int
    field: str  # the key the value belongs to; filled in by the mapping that holds it
    message: str


class LineLoader(_Base):
    """Loader whose instances collect what they refused in `.problems`."""

    def __init__(self, stream):
        super().__init__(stream)
        self.problems: list[Problem] = []

    def refuse(self, node: yaml.Node, message: str) -> Refused:
        self.problems.append(Problem(node.start_mark.line + 1, "", message))
        return Refused(node.value)


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            key = str(key)
        line = key_node.start_mark.line + 1
        if key in mapping:
            loader.problems.append(Problem(line, str(key), "key appears twice in the same record; the first would be silently lost"))
        before = len(loader.problems)
        mapping[key] = loader.construct_object(value_node, deep=True)
        for problem in loader.problems[before:]:
            problem.field = problem.field or str(key)
        mapping.lines[key] = line
    return mapping


def _construct_sequence(loader: LineLoader, node: yaml.SequenceNode) -> LineList:
    items = LineList(loader.construct_object(child, deep=True) for child in node.value)
    items.line = node.start_mark.line + 1
    items.lines = [child.start_mark.line + 1 for child in node.value]
    return items


def _construct_timestamp(loader: LineLoader, node: yaml.ScalarNode):
    """2024-13-05, 2022-02-30 and 0000-01-01 look like dates but are none: keep the text, so the
    field check reports it."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


def _construct_int(loader: LineLoader, node: yaml.ScalarNode):
    written = node.value
    if OCTAL_RE.match(written):
        return loader.refuse(node, f"{written} has a leading zero, which YAML reads as an octal number; "
                                   f"write {written.lstrip('+-0_') or '0'} or put the text in quotes")
    if SEXAGESIMAL_RE.match(written):
        return loader.refuse(node, f"{written} reads in YAML as a base-60 number (like a clock time); "
                                   f"put it in quotes ('{written}') or write the number")
    digits = sum(ch.isdigit() for ch in written)
    if digits > MAX_INTEGER_DIGITS:
        return loader.refuse(node, f"an integer of {digits} digits is longer than any figure "
                                   f"(at most {MAX_INTEGER_DIGITS}); check the number and its unit")
    return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)


def _construct_float(loader: LineLoader, node: yaml.ScalarNode):
    if SEXAGESIMAL_RE.match(node.value):
        return loader.refuse(node, f"{node.value} reads in YAML as a base-60 number (like a clock time); "
                                   f"put it in quotes ('{node.value}') or write the number")
    return yaml.constructor.SafeConstructor.construct_yaml_float(loader, node)


def _construct_str(loader: LineLoader, node: yaml.ScalarNode):
    text = loader.construct_scalar(node)
    if control := CONTROL_RE.search(text):
        return loader.refuse(node, f"holds the control character U+{ord(control.group()):04X}, which no page "
                                   f"or feed can show; delete it")
    return text


LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
LineLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
LineLoader.add_constructor("tag:yaml.org,2002:str", _construct_str)
LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def shape_problem(root: yaml.Node) -> tuple[int, str] | None:
    """(line, what is wrong) when the document nests too deep or its aliases repeat too much.

    Walks the node graph once without recursion; a node reached again is an alias,
    whose whole expanded size (computed once per node) counts against the limit.
    """
    sizes: dict[int, int] = {}  # id(node) -> values it expands to
    repeated = 0
    # (node, depth, the line of the container holding it, whether its children are done)
    stack: list[tuple[yaml.Node, int, int, bool]] = [(root, 1, root.start_mark.line + 1, False)]
    while stack:
        node, depth, held_on, done = stack.pop()
        if done:
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in _children(node))
            continue
        if id(node) in sizes:  # an alias: the node is the anchored one, so name where it is used
            repeated += sizes[id(node)]
            if repeated > MAX_ALIAS_NODES:
                return (held_on, f"aliases (*name) repeat more than {MAX_ALIAS_NODES:,} values; "
                                 f"write the values out instead of nesting aliases")
            continue
        line = node.start_mark.line + 1
        if depth > MAX_DEPTH:
            return (line, f"nested more than {MAX_DEPTH} levels deep; a record needs a few levels")
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = 1
            continue
        sizes[id(node)] = 0  # on the way: an alias to an enclosing node (a cycle) is seen as reached
        stack.append((node, depth, held_on, True))
        stack.extend((child, depth + 1, line, False) for child in reversed(_children(node)))
    return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def parse_yaml(text: str, path: str, errors: list[ContentError], first_line: int = 1):
    """Parse `text` (which starts on line `first_line` of `path`); None after a syntax error or a
    refused shape. Refused scalars and duplicate keys are added to `errors`."""
    if len(text) > MAX_YAML_CHARS:
        errors.append(ContentError(path, first_line, "", f"holds {len(text) // 1024:,} K characters of YAML, more than "
                                                         f"{MAX_YAML_CHARS // 1024} K; split it into several files"))
        return None
    padded = "\n" * (first_line - 1) + text  # so marks are lines of the real file
    loader = LineLoader(padded)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if problem := shape_problem(node):
            errors.append(ContentError(path, problem[0], "", problem[1]))
            return None
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else first_line
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        if exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            what += f" (the unfinished part starts on line {exc.context_mark.line + 1})"
        errors.append(ContentError(path, line, "", f"YAML syntax error: {what}"))
        return None
    except yaml.YAMLError as exc:
        errors.append(ContentError(path, first_line, "", f"YAML syntax error: {exc}"))
        return None
    finally:
        loader.dispose()
    errors.extend(ContentError(path, p.line, p.field, p.message) for p in loader.problems)
    return data


def read_content_text(path: Path, rel: str, errors: list[ContentError]) -> str | None:
    """A content file as text; None (with an error naming the line) when too large, unreadable,
    not UTF-8 or opened by a byte-order mark."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            errors.append(ContentError(rel, 0, "", f"is {size / 2**20:.0f} MB, more than any content file may be "
                                                   f"({MAX_FILE_BYTES // 2**20} MB); split it or remove what is not content"))
            return None
        raw = path.read_bytes()
    except OSError as exc:
        errors.append(ContentError(rel, 0, "", f"cannot be read: {exc.strerror}"))
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        errors.append(ContentError(rel, 1, "", "starts with a byte-order mark (U+FEFF); save the file as UTF-8 "
                                               "without BOM"))
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        errors.append(ContentError(rel, line, "", f"not UTF-8: byte {raw[exc.start]:#04x} at column {column} "
                                                  f"({exc.reason}); save the file as UTF-8"))
        return None


def describe(value) -> str:
    """What a YAML value is, for an error saying it is the wrong kind."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, dt.datetime):
        return f"the date and time {value.isoformat(' ')}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    return f"{type(value).__name__} {value!r}"


def content_date(value) -> tuple[dt.date | None, str]:
    """A date field's value as a date, or (None, what is wrong and what to write)."""
    if isinstance(value, dt.datetime):
        return None, f"{value.isoformat(' ')} has a time of day; write the date alone, {value.date().isoformat()}"
    if isinstance(value, dt.date):
        return value, ""
    try:
        return dt.date.fromisoformat(str(value)), ""
    except ValueError:
        return None, f"{value!r} is not a date of the calendar; write YYYY-MM-DD, e.g. 2022-03-01"
