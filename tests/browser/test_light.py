"""Check 5, light: each page's transferred bytes, gzip-compressed as a web
server would send them, stay within budget. Text pages: under 60 KB without
the shared assets (assets/); chart pages: under 500 KB with everything,
plotly.js included. Prints the table."""
from __future__ import annotations

import pytest
from harness import report
from sitefiles import gzip_size

pytestmark = [pytest.mark.browser, pytest.mark.slow]

KB = 1000
TEXT_BUDGET = 60 * KB
CHART_BUDGET = 500 * KB
SHARED = "assets/"


def served_file(site_dir, rel: str):
    file = site_dir / rel
    return file / "index.html" if not rel or file.is_dir() else file


def test_every_page_is_within_its_byte_budget(page_loads, site_dir, artifacts, capsys):
    rows, over, sizes = [], [], {}
    for path, load in sorted(page_loads.items()):
        own = shared = 0
        plotly = False
        for rel in dict.fromkeys(load.local):  # each resource once, as a browser cache would
            file = served_file(site_dir, rel)
            if file not in sizes:
                sizes[file] = gzip_size(file.read_bytes()) if file.is_file() else 0
            if rel.startswith(SHARED):
                shared += sizes[file]
                plotly = plotly or "plotly" in file.name
            else:
                own += sizes[file]
        chart_page = plotly or bool(load.charts)
        counted, budget = (own + shared, CHART_BUDGET) if chart_page else (own, TEXT_BUDGET)
        verdict = "ok" if counted < budget else "OVER"
        rows.append(f"{path:<48}{'chart' if chart_page else 'text':>6}{own / KB:>9.1f}{shared / KB:>9.1f}"
                    f"{counted / KB:>9.1f}{budget / KB:>8.0f}  {verdict}")
        if counted >= budget:
            over.append(f"{path}: {counted / KB:.1f} KB gzip counted, budget {budget / KB:.0f} KB")
    table = report(artifacts, "bytes", [f"{'page':<48}{'kind':>6}{'own KB':>9}{'assets':>9}{'counted':>9}{'budget':>8}",
                                        *rows])
    with capsys.disabled():
        print(f"\ngzip-compressed bytes per page (KB = 1000 bytes):\n{table}")
    assert rows, "no page loaded"
    assert not over, "pages over budget:\n" + "\n".join(over)
