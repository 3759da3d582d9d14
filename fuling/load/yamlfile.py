"""Reading content files for the loader: the bounded, line-keeping YAML reader of
`fuling.core.yamlread` (shared with the article reader), plus the build cache's replay."""
from __future__ import annotations

from pathlib import Path

from fuling.core.errors import ContentError
from fuling.core.memo import NO_MEMO, Memo
from fuling.core.yamlread import LineDict, LineList, Refused, parse_yaml, read_content_text

__all__ = ["LineDict", "LineList", "Refused", "parse_yaml", "read_text", "read_yaml"]


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
    """A content file as text; None (with an error naming the line) when too large, unreadable or not UTF-8."""
    return read_content_text(path, rel, errors)


def _read_yaml(path: Path, rel: str, errors: list[ContentError]):
    text = read_text(path, rel, errors)
    return None if text is None else parse_yaml(text, rel, errors)
