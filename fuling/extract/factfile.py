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

from fuling.core.files import write_atomically


@dataclass
class Chunk:
    data: dict
    text: str  # the record's lines as they are in the file


@dataclass
class FactFile:
    exists: bool = False
    header: str = ""  # comment lines before the first record
    records: list[Chunk] = field(default_factory=list)


def read_fact_file(path: Path) -> FactFile:
    if not path.exists():
        return FactFile()
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text) or []
    if isinstance(data, dict):
        data = data.get("facts") or []
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("- ")]
    before_first = lines[: starts[0]] if starts else lines
    header = "".join(line for line in before_first if line.lstrip().startswith("#") or not line.strip())
    chunks = ["".join(lines[a:b]) for a, b in zip(starts, starts[1:] + [len(lines)])]
    if len(chunks) != len(data):  # not our layout: keep the data, re-format on write
        chunks = [format_record(r) for r in data]
        header = ""
    return FactFile(exists=True, header=header, records=[Chunk(d, t) for d, t in zip(data, chunks)])


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
