"""`build.py fix FACT_ID VALUE --reason …`: an editor's correction of one number.

The fact file is edited in place (fuling.desk.yamlfile keeps every other byte),
the correction goes on the record (date, the value before, the reason), and the
edit is checked before it stays: an edit the content would not load with is
undone and reported, so a fix never leaves the project broken.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from fuling.core.errors import BuildError, ContentError
from fuling.core.files import write_atomically
from fuling.core.listing import content_files
from fuling.core.numbers import format_value
from fuling.desk.yamlfile import EditableYaml


@dataclass(frozen=True)
class Fix:
    fact_id: str
    path: str  # the fact file, relative to the project
    old_value: float
    value: float
    date: dt.date
    reason: str

    @property
    def summary(self) -> str:
        return (f"{self.path}: {self.fact_id}: {format_value(self.old_value)} -> {format_value(self.value)} "
                f"(correction of {self.date.isoformat()}: {self.reason})")


def parse_value(text: str) -> int | float:
    """`2476` -> 2476, `80.4` -> 80.4; anything else is refused with what to write."""
    try:
        number = float(text)
    except ValueError:
        raise BuildError([ContentError("VALUE", 0, "value", f"{text!r} is not a number; write digits, e.g. 2476 or 80.4")])
    if number != number or number in (float("inf"), float("-inf")):
        raise BuildError([ContentError("VALUE", 0, "value", f"{text!r} is not a finite number")])
    return int(number) if number.is_integer() and "." not in text else number


def records_of(document) -> list:
    """A fact file is a list of records, or (older files) a mapping with a `facts:` list."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict) and isinstance(document.get("facts"), list):
        return document["facts"]
    return []


def fact_files(root: Path) -> list[Path]:
    """The fact files the build reads (links out of the project and odd names left out, as the build refuses them)."""
    return content_files(Path(root), "content/facts", ".yaml", [])


def find_fact(root: Path, fact_id: str) -> EditableYaml:
    found = []
    for path in fact_files(root):
        rel = path.relative_to(root).as_posix()
        if f"id: {fact_id}" not in path.read_text(encoding="utf-8"):  # cheap look before parsing
            continue
        editable = EditableYaml(path, rel)
        if any(isinstance(r, dict) and r.get("id") == fact_id for r in records_of(editable.document)):
            found.append(editable)
    if not found:
        raise BuildError([ContentError("FACT_ID", 0, "id", f"no fact {fact_id!r} in content/facts/; "
                                                         "the ids are on the facts page and in data/facts.csv")])
    if len(found) > 1:
        raise BuildError([ContentError(found[1].rel, 0, "id", f"fact {fact_id!r} is also in {found[0].rel}; "
                                                             "remove one before fixing it")])
    return found[0]


def apply_fix(editable: EditableYaml, fact_id: str, value: int | float, reason: str, date: dt.date) -> Fix:
    """Change the record in `editable.document`: the new value, and a correction saying what it was."""
    if not reason.strip():
        raise BuildError([ContentError("--reason", 0, "reason", "say why the number changes, e.g. "
                                                                '--reason "统计局核定数为2476亿元"')])
    record = next(r for r in records_of(editable.document) if isinstance(r, dict) and r.get("id") == fact_id)
    old = record.get("value")
    if old == value:
        raise BuildError([ContentError(editable.rel, 0, "value", f"{fact_id} is already {format_value(value)}; nothing to fix")])
    record["value"] = value
    correction = CommentedMap([("date", date), ("old_value", old), ("reason", reason.strip())])
    if isinstance(record.get("corrections"), list):
        record["corrections"].append(correction)
    else:
        keys = list(record.keys())
        at = keys.index("reviewed") if "reviewed" in keys else len(keys)
        record.insert(at, "corrections", CommentedSeq([correction]))
    return Fix(fact_id, editable.rel, old, value, date, reason.strip())


def fix_fact(root: Path, fact_id: str, value: int | float, reason: str, date: dt.date | None = None,
             check=None) -> Fix:
    """Edit the fact file; `check(root)` (loading the content) must pass, or the file is put back."""
    root = Path(root)
    editable = find_fact(root, fact_id)
    fix = apply_fix(editable, fact_id, value, reason, date or dt.date.today())
    save_checked(editable, root, check)
    return fix


def save_checked(editable: EditableYaml, root: Path, check=None) -> None:
    """Save the edit; if `check(root)` (loading the whole content) then fails, put the file back."""
    editable.save()
    if check is not None:
        try:
            check(root)
        except BaseException:
            write_atomically(editable.path, editable.original.encode("utf-8"))  # undone: the file as it was
            raise
