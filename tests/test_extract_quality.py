"""Precision and recall of extraction against the hand annotation in tests/data/annotated/.

A gold figure matches an extracted record when value (within 1e-9 relative),
unit and period agree; each record matches at most one gold figure. Among
the matched pairs we also report how often kind, subject, bound and measure
agree. Run with `-s` to see the figures.
"""
from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from fuling.core.articlefile import read_article
from fuling.extract.article import propose

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "data" / "annotated"
ARTICLES = ("new-productive-forces", "green-manufacturing")
MIN_RECALL = 0.95
MIN_PRECISION = 0.90
DETAILS = ("kind", "subject", "bound", "measure")


def _same_value(a: float, b: float) -> bool:
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)


def _key_matches(gold: dict, record: dict) -> bool:
    return (_same_value(gold["value"], record["value"]) and str(gold["unit"]) == record["unit"]
            and str(gold["period"]) == record["period"])


def match(gold: list[dict], records: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs (gold, record), one-to-one, taking records in reading order."""
    used: set[int] = set()
    pairs = []
    for item in gold:
        for i, record in enumerate(records):
            if i not in used and _key_matches(item, record):
                used.add(i)
                pairs.append((item, record))
                break
    return pairs


def measure(slugs=ARTICLES) -> dict:
    gold_total = extracted_total = matched = 0
    agree = {field: 0 for field in DETAILS}
    missed, extra = [], []
    for slug in slugs:
        gold = yaml.safe_load((GOLD_DIR / f"{slug}.yaml").read_text(encoding="utf-8"))
        article = read_article(ROOT / "content" / "articles" / f"{slug}.md", ROOT)
        records = [p.record for p in propose(article)]
        pairs = match(gold, records)
        gold_total += len(gold)
        extracted_total += len(records)
        matched += len(pairs)
        for item, record in pairs:
            for field in DETAILS:
                agree[field] += str(item[field]) == str(record[field])
        paired_gold = [id(g) for g, _ in pairs]
        paired_records = [id(r) for _, r in pairs]
        missed += [(slug, g) for g in gold if id(g) not in paired_gold]
        extra += [(slug, r) for r in records if id(r) not in paired_records]
    return {
        "recall": matched / gold_total,
        "precision": matched / extracted_total,
        "matched": matched, "gold": gold_total, "extracted": extracted_total,
        "agree": {field: count / matched for field, count in agree.items()},
        "missed": missed, "extra": extra,
    }


@pytest.fixture(scope="module")
def scores():
    if not all((GOLD_DIR / f"{slug}.yaml").exists() for slug in ARTICLES):
        pytest.fail("hand annotation missing from tests/data/annotated/")
    result = measure()
    print(f"\nextraction vs hand annotation ({', '.join(ARTICLES)}): "
          f"recall {result['recall']:.3f} ({result['matched']}/{result['gold']}), "
          f"precision {result['precision']:.3f} ({result['matched']}/{result['extracted']})")
    print("agreement among matched figures: "
          + ", ".join(f"{field} {share:.2f}" for field, share in result["agree"].items()))
    for slug, item in result["missed"]:
        print(f"  missed  {slug}: {item['text']} ({item['value']} {item['unit']}, {item['period']})")
    for slug, record in result["extra"]:
        print(f"  extra   {slug}: {record['value']} {record['unit']} {record['period']} — {record['source']['quote']}")
    return result


def test_recall_against_hand_annotation_is_at_least_95_percent(scores):
    assert scores["recall"] >= MIN_RECALL, scores["missed"]


def test_precision_against_hand_annotation_is_at_least_90_percent(scores):
    assert scores["precision"] >= MIN_PRECISION, scores["extra"]


def test_matching_needs_value_unit_and_period_to_agree():
    gold = [{"value": 2471, "unit": "亿元", "period": "2023"}]
    assert match(gold, [{"value": 2471.0, "unit": "亿元", "period": "2023"}])
    assert not match(gold, [{"value": 2471, "unit": "亿元", "period": "2022"}])
    assert not match(gold, [{"value": 2471, "unit": "万元", "period": "2023"}])
    assert not match(gold, [{"value": 2470, "unit": "亿元", "period": "2023"}])


def test_each_record_matches_one_gold_figure_only():
    gold = [{"value": 10, "unit": "%", "period": "2024"}, {"value": 10, "unit": "%", "period": "2024"}]
    assert len(match(gold, [{"value": 10, "unit": "%", "period": "2024"}])) == 1
