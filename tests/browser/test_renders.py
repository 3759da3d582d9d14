"""Check 1, renders: every page loads in Chromium with no console error, no
failed request and no request to another host; every chart is drawn by
plotly.js and plots the values of its facts."""
from __future__ import annotations

import math
import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _problems(loads, *fields):
    lines = []
    for path, load in sorted(loads.items()):
        for name in fields:
            for item in getattr(load, name):
                lines.append(f"{path}: {name.replace('_', ' ')}: {item}")
    return lines


def test_every_page_loads_without_console_error_or_failed_request(page_loads):
    problems = _problems(page_loads, "console_errors", "page_errors", "failed", "dialogs")
    assert not problems, f"{len(problems)} problem(s) while loading pages:\n" + "\n".join(problems)


def test_no_page_requests_another_host(page_loads):
    problems = _problems(page_loads, "foreign")
    assert not problems, "requests to hosts other than the site itself:\n" + "\n".join(problems)


def test_every_chart_container_holds_a_drawn_plotly_chart(page_loads, site_model):
    containers = [(path, chart) for path, load in page_loads.items() for chart in load.charts]
    undrawn = [f"{path}: #{chart['id']} has no .main-svg" for path, chart in containers if not chart["drawn"]]
    assert not undrawn, "chart containers plotly did not draw:\n" + "\n".join(undrawn)
    # Every chart spec has its own page with its chart on it (so this check cannot pass on a site without charts).
    missing = [cid for cid in site_model.charts if not page_loads.get(f"charts/{cid}/index.html", None)
               or not page_loads[f"charts/{cid}/index.html"].charts]
    assert not missing, f"chart pages without a drawn chart: {missing}"


def chart_id_of(path: str, chart: dict, count_on_page: int) -> str | None:
    if chart["chart"]:
        return chart["chart"]
    match = re.fullmatch(r"(?:charts|embed)/([^/]+)/index\.html", path)
    return match.group(1) if match and count_on_page == 1 else None


def expected_facts(site, chart_id: str):
    """The facts a chart spec selects, read independently of the charts stage."""
    spec = site.charts[chart_id]
    chosen = {}
    for series in spec.series:
        for fact_id in series.facts:
            chosen[fact_id] = site.facts[fact_id]
        if series.select:
            for fact in site.facts.values():
                if all(str(getattr(fact, key)) == str(value) for key, value in series.select.items()):
                    chosen[fact.id] = fact
    return list(chosen.values())


def plotted_numbers(chart: dict) -> list[float]:
    numbers = []
    for trace in chart["traces"]:
        if trace["type"] == "pie":
            axis = trace["values"]
        else:
            axis = trace["x"] if trace["orientation"] == "h" else trace["y"]
        numbers += [float(v) for v in axis if isinstance(v, (int, float)) and not isinstance(v, bool)]
    return numbers


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def test_every_chart_plots_the_values_of_its_facts(page_loads, site_model):
    problems, checked = [], 0
    for path, load in sorted(page_loads.items()):
        for chart in load.charts:
            chart_id = chart_id_of(path, chart, len(load.charts))
            if chart_id not in site_model.charts:
                problems.append(f"{path}: #{chart['id']}: cannot tell which chart it is (data-chart={chart['chart']!r})")
                continue
            numbers = plotted_numbers(chart)
            facts = expected_facts(site_model, chart_id)
            for fact in facts:
                if not any(_close(fact.value, n) for n in numbers):
                    problems.append(f"{path}: {chart_id}: fact {fact.id} = {fact.value} is not plotted")
            for n in numbers:
                if not any(_close(fact.value, n) for fact in facts):
                    problems.append(f"{path}: {chart_id}: plotted value {n} is no fact of this chart")
            checked += 1
    assert checked or not site_model.charts, "no chart container found on any page"
    assert not problems, "\n".join(problems)
