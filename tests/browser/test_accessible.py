"""Check 2, accessible: axe-core's WCAG 2.1 A/AA rules find no serious or
critical violation on any page. Prints the count of violations per impact.

axe-core is injected into each page of the shared page-load pass (conftest's
page_loads) once its charts are drawn."""
from __future__ import annotations

from collections import Counter

import pytest
from harness import report

pytestmark = [pytest.mark.browser, pytest.mark.slow]

IMPACTS = ("critical", "serious", "moderate", "minor")
BLOCKING = {"critical", "serious"}


def test_axe_finds_no_serious_or_critical_violation(page_loads, artifacts, capsys):
    counts: Counter = Counter()
    per_page, failures = [], []
    for path, load in sorted(page_loads.items()):
        page_counts: Counter = Counter()
        for v in load.axe:
            page_counts[v["impact"]] += v["count"]
            if v["impact"] in BLOCKING:
                failures.append(f"{path}: {v['impact']}: {v['id']} ({v['help']}) x{v['count']}: {', '.join(v['targets'])}")
        counts.update(page_counts)
        per_page.append(f"{path:<48}" + "".join(f"{page_counts[i]:>10}" for i in IMPACTS))
    header = f"{'page':<48}" + "".join(f"{i:>10}" for i in IMPACTS)
    total = f"{'total':<48}" + "".join(f"{counts[i]:>10}" for i in IMPACTS)
    report(artifacts, "axe", [header, *per_page, total])
    shown = [row for row, load in zip(per_page, (page_loads[p] for p in sorted(page_loads))) if load.axe]
    with capsys.disabled():  # pages without violations only in tests/artifacts/axe.txt
        print(f"\naxe-core WCAG 2.1 AA violations (elements) on {len(page_loads)} pages:")
        print("\n".join([header, *shown, total]))
    assert not failures, f"{len(failures)} serious/critical axe violation(s):\n" + "\n".join(failures)
