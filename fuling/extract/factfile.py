"""Read and write fact files so that reviewed records survive byte for byte.

A fact file is a YAML list whose items start with `- ` at column 0. Reading
splits the text into one chunk per item, paired with its parsed record;
writing emits kept chunks verbatim and formats fresh records the same way
every time (fixed key order, stable quoting), so a re-run changes no byte.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from fuling.core.errors import ContentError
from fuling.core.files import write_atomically
from fuling.core.yamlread import parse_yaml, read_content_text


@dataclass
class Chunk:
    data: dict
    text: str  # the record's lines as they are in the file


@dataclass
class FactFile:
    exists: bool = False
    header: str = ""  # comment lines before the first record
    records: list[Chunk] = field(default_factory=list)


class FactFileError(Exception):
    """A fact file extract cannot read: it writes nothing until the file is fixed."""

    def __init__(self, error: ContentError):
        super().__init__(str(error))
        self.error = error


def read_fact_file(path: Path, rel: str = "") -> FactFile:
    """The records of a fact file, each with its own lines; FactFileError naming `rel:line`
    when the file is not a list of records."""
    if not path.exists():
        return FactFile()
    rel = rel or path.name
    found: list[ContentError] = []
    text = read_content_text(path, rel, found)  # bounded, as the loader reads it
    if text is None:
        raise FactFileError(found[0])
    data = parse_yaml(text, rel, found)
    if data is None and found:
        first = found[0]
        why = first.message.removeprefix("YAML syntax error: ")
        raise FactFileError(ContentError(rel, first.line, "", f"cannot be read as YAML ({why}); "
                                         "fix it, or delete it to have extract propose its facts again"))
    data = _plain(data) or []
    if isinstance(data, dict):
        data = data.get("facts") or []
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise FactFileError(ContentError(rel, 1, "", "must be a list of fact records (`- id: …`); fix it, or "
                                         "delete it to have extract propose its facts again"))
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("- ")]
    before_first = lines[: starts[0]] if starts else lines
    header = "".join(line for line in before_first if line.lstrip().startswith("#") or not line.strip())
    chunks = ["".join(lines[a:b]) for a, b in zip(starts, starts[1:] + [len(lines)])]
    if len(chunks) != len(data):  # not our layout: keep the data, re-format on write
        chunks = [format_record(r) for r in data]
        header = ""
    return FactFile(exists=True, header=header, records=[Chunk(d, t) for d, t in zip(data, chunks)])


def _plain(value):
    """The reader's line-keeping dicts and lists as plain ones, which the YAML writer knows."""
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def format_record(record: dict) -> str:
    body = yaml.safe_dump([record], allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    return body


def write_fact_file(path: Path, existing: FactFile, records: list) -> None:
    """`records`: Chunks (kept verbatim) and dicts (fresh). Written atomically."""
    parts = [existing.header] if existing.header else []
    for item in records:
        text = item.text if isinstance(item, Chunk) else format_record(item)
        parts.append(text if text.endswith("\n") else text + "\n")
    content = "".join(parts) if records else "[]\n"
    write_atomically(path, content.encode("utf-8"))
