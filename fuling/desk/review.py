"""Reviewing fact records: accept a proposal (as it is or corrected), reject it, or
correct a published number. Used by `build.py review` and by the desk in the
live preview, so both decide and write the same way.

Every decision is one round-trip edit of one fact file (fuling.desk.yamlfile):
- accept: the fields the editor changed, then `reviewed: true`;
- reject: `rejected: <why>`; the record stays in its file (unpublished) so that
  the next extraction does not propose it again;
- a published value changed: a correction on the record (fuling.desk.fix).

An edit is checked twice before it stays: the record alone through the load
stage's own field rules before anything is written (a bad value touches no
file), then the whole content after writing, undone if it would not load.
A decision made on a file that changed since the editor read it (`digest`) is
refused, never merged.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from fuling.core.errors import BuildError, ContentError
from fuling.core.numbers import format_value
from fuling.core.vocab import BOUNDS, KINDS, MEASURES
from fuling.desk.fix import apply_fix, fact_files, parse_value, records_of, save_checked
from fuling.desk.yamlfile import EditableYaml
from fuling.load.facts import read_fact

FACTS_DIR = Path("content") / "facts"
# Fields an editor may set when reviewing, in the order forms show them.
EDITABLE = ("value", "unit", "period", "metric", "subject", "kind", "bound", "measure", "note")
CHOICES = {"kind": tuple(KINDS), "bound": tuple(BOUNDS), "measure": tuple(MEASURES)}
DEFAULTS = {"kind": "actual", "bound": "exact", "measure": "level", "note": ""}

Check = Callable[[Path], object]  # loads the whole content; raises BuildError when it would not build


@dataclass(frozen=True)
class Record:
    """One fact record as an editor reviews it."""

    fact_id: str
    path: str  # content/facts/<file>.yaml
    line: int
    fields: dict[str, str]  # EDITABLE -> the value as text
    article: str
    paragraph: str
    quote: str
    reviewed: bool
    rejected: str
    digest: str  # of the whole file when read: a save against another version is refused
    corrections: list[dict] = field(default_factory=list)

    @property
    def waiting(self) -> bool:
        return not self.reviewed and not self.rejected

    @property
    def status(self) -> str:
        return "reviewed" if self.reviewed else "rejected" if self.rejected else "waiting"


def digest_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return format_value(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _record_of(editable: EditableYaml, item) -> Record:
    source = item.get("source") if isinstance(item.get("source"), dict) else {}
    line = item.lc.line + 1 if hasattr(item, "lc") else 0
    return Record(
        fact_id=str(item.get("id")), path=editable.rel, line=line,
        fields={key: _as_text(item.get(key, DEFAULTS.get(key))) for key in EDITABLE},
        article=str(source.get("article", "")), paragraph=str(source.get("paragraph", "")),
        quote=str(source.get("quote", "")), reviewed=item.get("reviewed") is True,
        rejected=_as_text(item.get("rejected")), digest=digest_of(editable.original),
        corrections=[dict(c) for c in item.get("corrections") or [] if isinstance(c, dict)],
    )


def read_records(root: Path) -> list[Record]:
    """Every record of every fact file, in file order."""
    records = []
    for path in fact_files(root):
        editable = EditableYaml(path, path.relative_to(root).as_posix())
        records += [_record_of(editable, item) for item in records_of(editable.document)
                    if isinstance(item, dict) and item.get("id")]
    return records


def waiting_records(root: Path) -> list[Record]:
    return [r for r in read_records(root) if r.waiting]


def _open(root: Path, fact_id: str) -> tuple[EditableYaml, dict]:
    from fuling.desk.fix import find_fact

    editable = find_fact(root, fact_id)
    item = next(r for r in records_of(editable.document) if isinstance(r, dict) and r.get("id") == fact_id)
    return editable, item


def find_record(root: Path, fact_id: str) -> Record:
    editable, item = _open(root, fact_id)
    return _record_of(editable, item)


def _refuse(editable: EditableYaml, line: int, key: str, message: str) -> BuildError:
    return BuildError([ContentError(editable.rel, line, key, message)])


def _parsed(editable: EditableYaml, line: int, key: str, text: str):
    """The YAML value an editor's text stands for, or a refusal saying what to write."""
    text = text.strip()
    if key == "value":
        try:
            return parse_value(text)
        except BuildError as failure:
            raise _refuse(editable, line, key, failure.errors[0].message) from None
    if key in CHOICES and text not in CHOICES[key]:
        raise _refuse(editable, line, key, f"{text!r} is not one of {', '.join(CHOICES[key])}")
    if key != "note" and not text:
        raise _refuse(editable, line, key, "must not be empty")
    return text


LAST = ("reviewed", "rejected")  # the decision closes the record, as extraction and editors write it


def _set(item, key: str, value) -> None:
    """Set a field; a new one goes before `source` (where the extractor writes it) or, for the
    decision, at the end; a default is left out."""
    if key in item:
        if key in DEFAULTS and value == DEFAULTS[key] and key != "kind":
            del item[key]
        else:
            item[key] = value
        return
    if key in DEFAULTS and value == DEFAULTS[key]:
        return
    keys = list(item.keys())
    at = keys.index("source") if "source" in keys and key not in LAST else len(keys)
    item.insert(at, key, value)


def _check_record(editable: EditableYaml, item, line: int) -> None:
    """The edited record through the load stage's field rules (value against quote included)."""
    errors: list[ContentError] = []
    read_fact(_plain(item), editable.rel, errors)
    if errors:
        raise BuildError([ContentError(e.path, e.line or line, e.field, e.message) for e in errors])


def _plain(value):
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _save(root: Path, editable: EditableYaml, digest: str | None, check: Check | None) -> None:
    """Write the edit if the file is still the version the editor decided on; undo it if the
    content would not load with it."""
    if not editable.path.resolve().is_relative_to((root / FACTS_DIR).resolve()):
        raise _refuse(editable, 0, "", "the desk writes only fact files under content/facts/")
    if digest is not None and digest != digest_of(editable.original):
        raise _refuse(editable, 0, "", "this file changed since you opened the record (another save or an "
                                       "editor); nothing was written: reload and decide again")
    save_checked(editable, root, check)


def accept(root: Path, fact_id: str, changes: dict[str, str] | None = None, reason: str = "",
           digest: str | None = None, check: Check | None = None, today: dt.date | None = None) -> str:
    """Accept a record (publish it), with the fields in `changes` set first. On a record
    already published, a new value is a correction and needs a `reason`."""
    root = Path(root)
    editable, item = _open(root, fact_id)
    line = item.lc.line + 1 if hasattr(item, "lc") else 0
    if item.get("rejected"):
        del item["rejected"]
    done = []
    for key, text in (changes or {}).items():
        if key not in EDITABLE:
            raise _refuse(editable, line, key, f"not a field the desk edits ({', '.join(EDITABLE)})")
        value = _parsed(editable, line, key, text)
        if _as_text(item.get(key, DEFAULTS.get(key))) == _as_text(value):
            continue
        if key == "value" and item.get("reviewed") is True:  # a published number: on the record
            if not reason.strip():
                raise _refuse(editable, line, "reason", "this number is published: say why it changes "
                                                        "(it is shown with the correction)")
            apply_fix(editable, fact_id, value, reason, today or dt.date.today())
        else:
            _set(item, key, value)
        done.append(key)
    if item.get("reviewed") is not True:
        _set(item, "reviewed", True)
        done.append("reviewed")
    if not done:
        raise _refuse(editable, line, "", f"{fact_id} is already published as it is; nothing to save")
    _check_record(editable, item, line)
    _save(root, editable, digest, check)
    return f"{editable.rel}: {fact_id}: accepted" + (f" ({', '.join(k for k in done if k != 'reviewed')} changed)"
                                                      if len(done) > 1 or "reviewed" not in done else "")


def reject(root: Path, fact_id: str, reason: str, digest: str | None = None, check: Check | None = None) -> str:
    """Turn a proposal down: kept in its file as `rejected: <why>`, never published."""
    root = Path(root)
    editable, item = _open(root, fact_id)
    line = item.lc.line + 1 if hasattr(item, "lc") else 0
    if item.get("reviewed") is True:
        raise _refuse(editable, line, "reviewed", f"{fact_id} is published; a published figure is corrected, "
                                                  "not rejected (or delete the record by hand)")
    if not reason.strip():
        raise _refuse(editable, line, "rejected", "say why the proposal is wrong, e.g. 重复 or 不是涪陵的数字")
    _set(item, "rejected", reason.strip())
    _check_record(editable, item, line)
    _save(root, editable, digest, check)
    return f"{editable.rel}: {fact_id}: rejected ({reason.strip()})"
