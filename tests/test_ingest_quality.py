"""How well the ingest rules read reports they were not written for: every report of
tests/data/reports/{dev,heldout}/ is ingested without a sidecar and compared with its
`.gold.yaml` (date, title). Accuracy is printed for each split (`pytest -s` shows it;
each report's outcome for dev only). The rules are developed on dev only.

The issue's target for held-out dates is 0.95. The first held-out set was read while tuning
and now belongs to dev; heldout/ holds a fresh set written blind. With an empty heldout/ the
held-out test prints "held-out: no reports" and asserts nothing.

A date is right when it is the gold date; where the gold's date_basis says its day is
nominal (no date printed, the day taken from elsewhere), the right year and month count.
A title is right when it is the gold's, or, where the gold expects none (`title: null`),
when ingest drafted one and flagged it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from fuling.core.errors import ContentError
from fuling.ingest.seeds import SEED_SUFFIXES, seed_drafts

REPORTS = Path(__file__).resolve().parent / "data" / "reports"
HELDOUT_DATE_TARGET = 0.95  # the issue's, not met yet
# measured on the fresh held-out sets: 6 of the first 8 dated right, 9 of the second 9, 2 of the third 2, 6 of the fourth 8,
# 16 of the fifth, sixth and seventh 18, 10 of the eighth and ninth 12 (scored once, with the rules of their round
# finished; the 45 earlier ones stayed at 39), 6 of the tenth and eleventh 7 (the 57 earlier ones stayed at 49)
HELDOUT_DATE_FLOOR = 55 / 64


@dataclass(frozen=True)
class Outcome:
    report: str
    date_right: bool
    date_exact: bool
    title_right: bool
    got: str  # what ingest made of it, for the printed table


def gold_of(report: Path) -> dict:
    return yaml.safe_load(report.with_name(report.name.rsplit(".", 1)[0] + ".gold.yaml").read_text(encoding="utf-8"))


def judge(report: Path) -> Outcome:
    gold = gold_of(report)
    errors: list[ContentError] = []
    drafts = seed_drafts(report, REPORTS, errors)
    if errors or not drafts:
        return Outcome(report.name, False, False, False, "; ".join(str(e) for e in errors))
    draft = drafts[0]
    got_date, want_date = draft.date.date, gold["date"]
    if not isinstance(want_date, dt.date):
        want_date = dt.date.fromisoformat(str(want_date))
    nominal_day = "nominal" in str(gold.get("date_basis") or "")
    same_month = (got_date.year, got_date.month) == (want_date.year, want_date.month)
    title = draft.heads.get("title", "")
    title_right = draft.title_drafted if gold.get("title") is None else title == gold["title"]
    return Outcome(report.name, got_date == want_date or (nominal_day and same_month), got_date == want_date,
                   title_right, f"{got_date} (gold {want_date}) | {title}")


def split_reports(split: str) -> list[Path]:
    folder = REPORTS / split
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in SEED_SUFFIXES
                  and p.with_name(p.name.rsplit(".", 1)[0] + ".gold.yaml").exists())


def report_split(split: str, details: bool) -> list[Outcome]:
    """Judge every report of a split and print its scores; each report's outcome only
    when `details` (dev: held-out reports are not read by the people tuning the rules)."""
    outcomes = [judge(path) for path in split_reports(split)]
    if outcomes:
        n = len(outcomes)
        print(f"\n[{split}] {n} reports: date {sum(o.date_right for o in outcomes) / n:.2f} "
              f"(exact day {sum(o.date_exact for o in outcomes) / n:.2f}), "
              f"title {sum(o.title_right for o in outcomes) / n:.2f}")
        for o in outcomes if details else ():
            marks = ("date ok" if o.date_right else "DATE WRONG") + (", title ok" if o.title_right else ", TITLE WRONG")
            print(f"  {o.report}: {marks}: {o.got}")
    return outcomes


@pytest.mark.skipif(not split_reports("dev"), reason="tests/data/reports/dev/ holds no reports yet")
def test_dev_accuracy_is_printed():
    outcomes = report_split("dev", details=True)
    assert outcomes  # the printed figures are the result; dev is where the rules are tuned


def test_heldout_date_accuracy():
    outcomes = report_split("heldout", details=False)
    if not outcomes:
        print("\nheld-out: no reports")
        return  # nothing to judge until the blind set lands; the floor holds from then on
    accuracy = sum(o.date_right for o in outcomes) / len(outcomes)
    print(f"held-out date accuracy {accuracy:.2f} (target {HELDOUT_DATE_TARGET}, floor {HELDOUT_DATE_FLOOR:.2f})")
    assert accuracy >= HELDOUT_DATE_FLOOR - 1e-9, f"held-out date accuracy {accuracy:.2f} fell below {HELDOUT_DATE_FLOOR:.2f}"
