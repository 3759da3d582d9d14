"""The metric catalogue (content/metrics.yaml) as extraction reads it: keys, labels
and the other words reports use for a metric.

A figure no metric rule knows gets a drafted entry named by its own words (its
label: 签约额, 纳入统计的规模以上工业企业). The catalogue takes that draft back when
an editor has added its metric: by the drafted key, by the same label, or by one
of the entry's `words` that the label ends with (签约额 under investment_agreed),
so a newsroom teaches the extractor a synonym in the catalogue, not in Python.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from fuling.extract.drafts import MetricDraft
from fuling.extract.metrics import COUNT, RELATIVE, is_count

# what may follow a count's name without changing what is counted: 规模以上企业总数50家
COUNT_TAIL = re.compile(r"(?:总数|数量|总量|数)$")


@dataclass(frozen=True)
class Entry:
    key: str
    label: str
    unit: str
    words: tuple[str, ...] = ()

    def fits(self, unit: str) -> bool:
        """A figure in `unit` can measure this metric: its own unit, any count for a count
        (家 or 个, also in 万), or a growth, share or multiple of it."""
        if unit == self.unit or unit in RELATIVE:
            return True
        return self.unit in COUNT and is_count(unit)


@dataclass(frozen=True)
class Catalogue:
    entries: dict[str, Entry] = field(default_factory=dict)

    @property
    def keys(self) -> set[str]:
        return set(self.entries)

    def metric_for(self, draft: MetricDraft, unit: str) -> str | None:
        """The catalogue key a drafted metric stands for, if the editor has added it."""
        if draft.key in self.entries:
            return draft.key
        if by_label := next((e.key for e in self.entries.values() if e.label and e.label == draft.label), None):
            return by_label
        return self._by_words(draft.label, unit)

    def _by_words(self, label: str, unit: str) -> str | None:
        best: tuple[int, str] | None = None
        for entry in self.entries.values():
            if not entry.fits(unit):
                continue
            for word in entry.words:
                named = label.endswith(word) or (entry.unit in COUNT and COUNT_TAIL.sub("", label).endswith(word))
                if named and (best is None or len(word) > best[0]):
                    best = (len(word), entry.key)  # the longest word wins: 规模以上工业企业 over 工业企业
        return best[1] if best else None


def read_catalogue(root: Path) -> Catalogue:
    """content/metrics.yaml, or an empty catalogue where there is none. The loader checks
    the file (fuling/load/site.py); here a malformed entry is only skipped."""
    path = Path(root) / "content" / "metrics.yaml"
    if not path.exists():
        return Catalogue()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    entries: dict[str, Entry] = {}
    for m in data if isinstance(data, list) else []:
        if not isinstance(m, dict) or "key" not in m:
            continue
        words = m.get("words") or []
        # `words: 签约额` is one word, as the loader reads it
        words = [words] if isinstance(words, str) else words if isinstance(words, list) else []
        entries[str(m["key"])] = Entry(str(m["key"]), str(m.get("label", "")), str(m.get("unit", "")),
                                       tuple(str(w) for w in words if isinstance(w, str) and len(w) >= 2))
    return Catalogue(entries)
