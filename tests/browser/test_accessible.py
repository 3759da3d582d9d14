"""Check 2, accessible: axe-core's WCAG 2.1 A/AA rules find no serious or
critical violation on any page. Prints the count of violations per impact."""
from __future__ import annotations

from collections import Counter

import pytest

from harness import AXE_JS, open_page, report, require_file, wait_for_charts
from sitefiles import url_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE_RUN = """() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
  .then((r) => r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
                                         targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
                                         count: v.nodes.length})))"""
IMPACTS = ("critical", "serious", "moderate", "minor")
BLOCKING = {"critical", "serious"}


def test_axe_finds_no_serious_or_critical_violation(browser, server, site_pages, artifacts, capsys):
    axe = require_file(AXE_JS, "axe-core (npm)")
    counts: Counter = Counter()
    per_page, failures = [], []
    for path in site_pages:
        context, page, _ = open_page(browser, server, path)
        try:
            page.goto(server.base + url_for(path), wait_until="load")
            wait_for_charts(page)
            page.add_script_tag(path=str(axe))
            violations = page.evaluate(AXE_RUN)
        finally:
            context.close()
        page_counts = Counter()
        for v in violations:
            page_counts[v["impact"]] += v["count"]
            if v["impact"] in BLOCKING:
                failures.append(f"{path}: {v['impact']}: {v['id']} ({v['help']}) x{v['count']}: {', '.join(v['targets'])}")
        counts.update(page_counts)
        per_page.append(f"{path:<48}" + "".join(f"{page_counts[i]:>10}" for i in IMPACTS))
    table = report(artifacts, "axe", [f"{'page':<48}" + "".join(f"{i:>10}" for i in IMPACTS), *per_page,
                                      f"{'total':<48}" + "".join(f"{counts[i]:>10}" for i in IMPACTS)])
    with capsys.disabled():
        print(f"\naxe-core WCAG 2.1 AA violations (elements) on {len(site_pages)} pages:\n{table}")
    assert not failures, f"{len(failures)} serious/critical axe violation(s):\n" + "\n".join(failures)
