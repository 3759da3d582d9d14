"""Adopting a drafted metric: the catalogue entry extraction drafted for figures whose
metric content/metrics.yaml lacks (content/metrics-proposed.yaml), accepted by an editor.

One decision, three files: the entry is appended to content/metrics.yaml (round
trip: every other byte kept), the figures that waited for it are appended to their
articles' fact files as proposals (to be reviewed like any other), and the draft
leaves content/metrics-proposed.yaml. A draft that is a metric the catalogue
already has under another name is filed under it instead, and its label joins that
metric's `words`. If the content would not load afterwards, all three are put back
as they were.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from fuling.core.errors import BuildError, ContentError
from fuling.core.files import write_atomically
from fuling.desk.review import Check
from fuling.desk.yamlfile import EditableYaml, append_to_flow_list
from fuling.extract.catalogue import Entry
from fuling.extract.factfile import format_record
from fuling.extract.project import PROPOSED, write_proposed
from fuling.load.fields import KEY_RE

CATALOGUE = Path("content") / "metrics.yaml"


@dataclass(frozen=True)
class DraftedMetric:
    key: str
    label: str
    unit: str
    measure: str
    records: list[dict]  # the figures waiting for it, as extraction wrote them

    @property
    def articles(self) -> list[str]:
        return sorted({r.get("source", {}).get("article", "") for r in self.records} - {""})


def _entries(root: Path) -> list[dict]:
    path = root / PROPOSED
    if not path.is_file():
        return []
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [e for e in entries if isinstance(e, dict) and e.get("key")]


def drafted_metrics(root: Path) -> list[DraftedMetric]:
    return [DraftedMetric(str(e["key"]), str(e.get("label", "")), str(e.get("unit", "")), str(e.get("measure", "level")),
                          [r for r in e.get("facts") or [] if isinstance(r, dict)]) for e in _entries(Path(root))]


def _themes(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "content" / "themes").glob("*.md"))


def _refuse(field: str, message: str) -> BuildError:
    return BuildError([ContentError(CATALOGUE.as_posix(), 0, field, message)])


def adopt(root: Path, draft_key: str, key: str, label: str, unit: str, theme: str, label_en: str = "",
          definition: str = "", check: Check | None = None) -> str:
    """Add the draft to the catalogue as `key` and file its figures as proposals."""
    root = Path(root)
    entries = _entries(root)
    entry = next((e for e in entries if e["key"] == draft_key), None)
    if entry is None:
        raise _refuse("key", f"no drafted metric {draft_key!r} in {PROPOSED.as_posix()}; run build.py extract again")
    key, label, unit, theme = key.strip(), label.strip(), unit.strip(), theme.strip()
    if not KEY_RE.match(key):
        raise _refuse("key", f"{key!r} is not a snake_case key such as tourist_arrivals")
    for name, text in (("label", label), ("unit", unit)):
        if not text:
            raise _refuse(name, "must not be empty")
    if theme not in _themes(root):
        raise _refuse("theme", f"{theme!r} is not a theme; one of {', '.join(_themes(root))}")
    catalogue = EditableYaml(root / CATALOGUE, CATALOGUE.as_posix())
    if any(isinstance(m, dict) and m.get("key") == key for m in catalogue.document):
        raise _refuse("key", f"{key!r} is already in the catalogue; pick that metric in the record's form instead")
    metric = CommentedMap([("key", key), ("label", label)] + ([("label_en", label_en.strip())] if label_en.strip() else [])
                          + [("unit", unit), ("theme", theme)]
                          + ([("definition", definition.strip())] if definition.strip() else []))
    catalogue.document.append(metric)

    _file_figures(root, entry, key, entries, catalogue, check)
    count = len(entry.get("facts") or [])
    return f"{CATALOGUE.as_posix()}: {key} added; {count} figure{'s' if count != 1 else ''} filed for review"


def file_under(root: Path, draft_key: str, key: str, check: Check | None = None) -> str:
    """File the draft's figures under `key`, a metric already in the catalogue, and add the
    drafted label to that metric's `words`, so the next report that names it so is read as it."""
    root = Path(root)
    entries = _entries(root)
    entry = next((e for e in entries if e["key"] == draft_key), None)
    if entry is None:
        raise _refuse("key", f"no drafted metric {draft_key!r} in {PROPOSED.as_posix()}; run build.py extract again")
    key, label = key.strip(), str(entry.get("label", "")).strip()
    catalogue = EditableYaml(root / CATALOGUE, CATALOGUE.as_posix())
    metric = next((m for m in catalogue.document if isinstance(m, dict) and m.get("key") == key), None)
    if metric is None:
        raise _refuse("key", f"{key!r} is not in the catalogue; pick one of its keys, or add the draft as a new metric")
    target = Entry(key, str(metric.get("label", "")), str(metric.get("unit", "")))
    for record in entry.get("facts") or []:
        if not target.fits(str(record.get("unit", ""))):
            raise _refuse("unit", f"{record.get('unit')!r} figures cannot measure {key!r}, whose unit is {target.unit!r}; "
                                  "add the draft as a new metric instead")
    words = metric.get("words")
    if label and label != target.label and label not in (words or []):
        if words is None:
            words = CommentedSeq()
            words.fa.set_flow_style()
            metric.insert(list(metric).index("unit") + 1 if "unit" in metric else len(metric), "words", words)
        append_to_flow_list(words, label)
    _file_figures(root, entry, key, entries, catalogue, check)
    count = len(entry.get("facts") or [])
    return (f"{CATALOGUE.as_posix()}: {label} is now a word of {key}; "
            f"{count} figure{'s' if count != 1 else ''} filed for review")


def _file_figures(root: Path, entry: dict, key: str, entries: list[dict], catalogue: EditableYaml,
                  check: Check | None) -> None:
    """Save the edited catalogue, append the draft's figures to their articles' fact files under
    `key`, and take the draft out of the proposals; all put back if any step fails."""
    additions: dict[Path, list[dict]] = {}  # fact file -> the records it gains
    for record in entry.get("facts") or []:
        slug = record.get("source", {}).get("article", "")
        additions.setdefault(root / "content" / "facts" / f"{slug}.yaml", []).append({**record, "metric": key})

    proposed = root / PROPOSED
    originals: list[tuple[Path, str | None]] = [(catalogue.path, catalogue.original),
                                                (proposed, proposed.read_text(encoding="utf-8"))]
    try:
        catalogue.save()
        for path, records in additions.items():
            before = path.read_text(encoding="utf-8") if path.is_file() else None
            originals.append((path, before))
            text = "" if before is None or before.strip() == "[]" else before if before.endswith("\n") else before + "\n"
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, (text + "".join(format_record(r) for r in records)).encode("utf-8"))
        write_proposed(root, [e for e in entries if e["key"] != entry["key"]])
        if check is not None:
            check(root)
    except BaseException:
        for path, text in reversed(originals):  # put back as they were
            if text is None:
                path.unlink(missing_ok=True)
            else:
                write_atomically(path, text.encode("utf-8"))
        raise
