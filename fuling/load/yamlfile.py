"""YAML that remembers where things are, so errors can name `path:line`.

A SafeLoader subclass whose mappings and lists are `dict`/`list` subclasses
carrying the 1-based line of the container (`.line`) and of each key or item
(`.lines`). Duplicate keys in one mapping, which plain PyYAML silently keeps
the last of, are recorded so the loader can report them.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from fuling.core.errors import ContentError
from fuling.core.memo import NO_MEMO, Memo

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when libyaml is there: same results, faster


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


class LineLoader(_Base):
    """Loader whose instances collect duplicate-key problems in `.duplicates`."""

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicates: list[tuple[int, str]] = []


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            key = str(key)
        if key in mapping:
            loader.duplicates.append((key_node.start_mark.line + 1, str(key)))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: LineLoader, node: yaml.SequenceNode) -> LineList:
    items = LineList(loader.construct_object(child, deep=True) for child in node.value)
    items.line = node.start_mark.line + 1
    items.lines = [child.start_mark.line + 1 for child in node.value]
    return items


def _construct_timestamp(loader: LineLoader, node: yaml.ScalarNode):
    """2024-13-05 looks like a date but is not one: keep the text, so the field check reports it."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def parse_yaml(text: str, path: str, errors: list[ContentError], first_line: int = 1):
    """Parse `text` (which starts on line `first_line` of `path`); None after a syntax error."""
    padded = "\n" * (first_line - 1) + text  # so marks are lines of the real file
    loader = LineLoader(padded)
    try:
        data = loader.get_single_data()
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
    for line, key in loader.duplicates:
        errors.append(ContentError(path, line, key, "key appears twice in the same record; the first would be silently lost"))
    return data


def read_yaml(path: Path, rel: str, errors: list[ContentError], root: Path | None = None, empty_ok: bool = False,
              memo: Memo = NO_MEMO):
    """Read a YAML file; None (with an error recorded) when unreadable, malformed or empty.

    With `root`, `memo` (the build cache) may replay the result and its errors
    while the file's bytes are unchanged.
    `empty_ok`: an empty file is read as None without an error.
    """
    def produce(found: list[ContentError]):
        data = _read_yaml(path, rel, found)
        if data is None and not found and not empty_ok:
            found.append(ContentError(rel, 0, "", "file is empty"))
        return data

    if root is None:
        return produce(errors)
    return memo.parse("yaml", path, root, produce, errors)


def read_text(path: Path, rel: str, errors: list[ContentError]) -> str | None:
    """A content file as text; None (with an error naming the line) when unreadable or not UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        errors.append(ContentError(rel, 0, "", f"cannot be read: {exc.strerror}"))
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        errors.append(ContentError(rel, line, "", f"not UTF-8: byte {raw[exc.start]:#04x} at column {column} "
                                                  f"({exc.reason}); save the file as UTF-8"))
        return None


def _read_yaml(path: Path, rel: str, errors: list[ContentError]):
    text = read_text(path, rel, errors)
    return None if text is None else parse_yaml(text, rel, errors)
