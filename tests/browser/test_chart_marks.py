"""What a mark says, read from the drawing itself: a floor (the report's 突破/超过, `bound:
at_least` in the fact) is labelled as a floor on its bar, and a target is drawn hollow, in
the build's picture, the interactive chart, the PNG/SVG download (plotly's own export of
the drawn chart) and the English embed.

The expected labels come from the fact records (`load_site`), not from the figures."""
from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
from harness import new_context, reach_for
from sitefiles import url_for

from fuling.core.numbers import format_value

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SVG = "{http://www.w3.org/2000/svg}"

# The label of every bar or point, and the fill of every bar, in plotly's drawing.
DRAWN_MARKS_JS = """() => {
  const el = document.querySelector('.chart-plot');
  return {
    labels: Array.from(el.querySelectorAll('.main-svg .bartext, .main-svg .textpoint text')).map((t) => t.textContent),
    fills: Array.from(el.querySelectorAll('.main-svg .trace.bars .point path')).map((p) => getComputedStyle(p).fillOpacity),
  };
}"""

# The download's SVG: what the PNG button rasterises (embed-share.js calls Plotly.downloadImage).
EXPORTED_SVG_JS = """async () => {
  const el = document.querySelector('.chart-plot');
  const url = await window.Plotly.toImage(el, {format: 'svg'});
  return decodeURIComponent(url.slice(url.indexOf(',') + 1));
}"""


def floors(site_model, chart_id: str) -> list:
    from fuling.load.charts import series_facts

    spec = site_model.charts[chart_id]
    return [f for s in spec.series for f in series_facts(s, site_model.facts) if f.bound == "at_least"]


def svg_labels(svg_text: str) -> list[str]:
    root = ElementTree.fromstring(svg_text)
    return ["".join(node.itertext()) for node in root.iter(f"{SVG}text")
            if "bartext" in (node.get("class") or "") or (node.get("class") or "") == "textpoint"]


def missing_floors(where: str, labels: list[str], facts, word: str) -> list[str]:
    """Facts whose mark lacks its bound word; English marks show the number in English steps
    (2000亿元 as over 200 billion yuan: fuling/core/english.py)."""
    from fuling.core.english import english_number

    problems = []
    for fact in facts:
        number = format_value(english_number(fact.value, fact.unit) if word == "over" else fact.value)
        if f"{word}{number}" not in labels:
            problems.append(f"{where}: {fact.id} (a floor, {number}) is not labelled {word}{number}: {labels}")
    return problems


@pytest.fixture(scope="module")
def floored_charts(site_model) -> list[str]:
    charts = [chart_id for chart_id in sorted(site_model.charts) if floors(site_model, chart_id)]
    assert charts, "no chart draws a floor: the check would check nothing"
    return charts


def test_floors_are_labelled_on_the_bar_in_the_picture_the_chart_and_the_download(browser, server, site_dir,
                                                                                  site_model, floored_charts):
    problems = []
    context = new_context(browser, 412, 900)
    try:
        for chart_id in floored_charts:
            facts = floors(site_model, chart_id)
            page = context.new_page()
            page.goto(server.base + url_for(f"charts/{chart_id}/index.html"), wait_until="load")
            src = page.evaluate("() => document.querySelector('.chart-preview img').currentSrc")
            name = re.search(r"(charts/[^/]+/[^/]+\.svg)$", src).group(1)
            picture = svg_labels((site_dir / name).read_text(encoding="utf-8"))
            problems += missing_floors(f"{chart_id}: picture {name}", picture, facts, "超过")
            reach_for(page, ".chart-plot")
            drawn = page.evaluate(DRAWN_MARKS_JS)
            problems += missing_floors(f"{chart_id}: interactive chart", drawn["labels"], facts, "超过")
            problems += missing_floors(f"{chart_id}: PNG/SVG download", svg_labels(page.evaluate(EXPORTED_SVG_JS)),
                                       facts, "超过")
            page.close()
            page = context.new_page()
            page.goto(server.base + url_for(f"embed/{chart_id}/index.html") + "?lang=en", wait_until="load")
            page.wait_for_function("() => document.querySelector('.chart-plot .main-svg')", timeout=15000)
            problems += missing_floors(f"{chart_id}: English embed", page.evaluate(DRAWN_MARKS_JS)["labels"], facts, "over")
            page.close()
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_targets_are_hollow_bars_in_the_drawn_chart(browser, server, site_model):
    from fuling.load.charts import series_facts

    with_targets = [chart_id for chart_id, spec in sorted(site_model.charts.items())
                    if spec.type != "line" and any(f.kind == "target" for s in spec.series for f in series_facts(s, site_model.facts))]
    assert with_targets, "no chart draws a target"
    problems = []
    context = new_context(browser, 1280, 900)
    try:
        for chart_id in with_targets:
            spec = site_model.charts[chart_id]
            targets = sum(1 for s in spec.series for f in series_facts(s, site_model.facts) if f.kind == "target")
            page = context.new_page()
            page.goto(server.base + url_for(f"charts/{chart_id}/index.html"), wait_until="load")
            reach_for(page, ".chart-plot")
            hollow = sum(1 for fill in page.evaluate(DRAWN_MARKS_JS)["fills"] if float(fill) == 0)
            if hollow < targets:
                problems.append(f"{chart_id}: {targets} targets but {hollow} hollow bars")
            page.close()
    finally:
        context.close()
    assert not problems, "\n".join(problems)
