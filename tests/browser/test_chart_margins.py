"""The margins fuling/charts/margins.py estimates and fuling/charts/figures.py writes into each figure (estimated from the
text of the axis labels, titles and legend) are the ones plotly.js's automargin
settles on where the x labels fit side by side: at 1280 px automargin widens
none of them (each widening costs the first draw a second layout pass), and
none is more than a few pixels wider than what it holds. The x labels are never
turned (fuling/charts/ticks.py wraps them for the narrowest phone), so on a phone
(320, 360 px) automargin widens none either."""
from __future__ import annotations

import pytest
from harness import new_context, reach_for
from sitefiles import url_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SLACK_PX = 8  # how much wider than needed an estimated margin may be

# The margins asked for, the margins plotly drew with, and what each part of
# the chart (axes, legend) pushed for; plus the y tick labels drawn.
MARGINS_JS = """async () => {
  const el = document.querySelector('[data-chart]');
  if (!el._fullLayout) return null;
  const L = el._fullLayout;
  const pushes = {};
  Object.entries(L._pushmargin).forEach(([id, p]) => {
    if (id !== 'base') pushes[id] = {l: p.l.size, r: p.r.size, t: p.t.size, b: p.b.size, lv: p.l.val, tv: p.t.val, bv: p.b.val};
  });
  const ticks = {};
  Object.keys(L).filter((k) => /^yaxis\\d*$/.test(k)).forEach((k) => {
    ticks[k] = Array.from(el.querySelectorAll('.' + L[k]._id + 'tick text')).map((t) => t.textContent);
  });
  return {asked: el.layout.margin || null, drawn: L._size, pushes, ticks};
}"""


def plain(label: str) -> str:
    """A tick label as plotly shows it: 0.50 -> 0.5, 1.0 -> 1 (the estimate keeps the zeros: as wide or wider)."""
    if "." not in label:
        return label
    short = label.rstrip("0").rstrip(".")
    return short if short not in ("", "−") else "0"


def measure(browser, server, chart_id: str, width: int) -> dict:
    context = new_context(browser, width, 900)
    try:
        page = context.new_page()
        page.goto(server.base + url_for(f"embed/{chart_id}/index.html"), wait_until="load")
        reach_for(page, "[data-chart]")  # drawn by plotly.js, not the build's picture
        found = page.evaluate(MARGINS_JS)
    finally:
        context.close()
    assert found, f"embed/{chart_id}/ at {width} px: no chart drawn"
    return found


def test_estimated_margins_are_the_ones_automargin_keeps_on_a_wide_screen(browser, server, site_model):
    from fuling.charts.figures import build_charts
    from fuling.charts.margins import y_tick_labels

    figures = {cid: chart.figure for cid, chart in build_charts(site_model).items()}
    cartesian = [cid for cid, figure in sorted(figures.items()) if figure["data"][0].get("type") != "pie"]
    assert cartesian, "no cartesian chart to check"
    problems = []
    for chart_id in cartesian:
        found = measure(browser, server, chart_id, 1280)
        asked, drawn = found["asked"], found["drawn"]
        if not asked:
            problems.append(f"{chart_id}: the figure has no margins of its own")
            continue
        for side in "lrtb":
            if drawn[side] != asked[side]:
                problems.append(f"{chart_id}: margin {side} estimated {asked[side]} px, plotly needed {drawn[side]} px")
        # Tight: the left margin is what the widest y axis pushed for, the top one what the legend did.
        y_push = max(p["l"] for k, p in found["pushes"].items() if k.startswith("y") and p["lv"] == 0)
        if asked["l"] - y_push > SLACK_PX:
            problems.append(f"{chart_id}: margin l {asked['l']} px for y labels needing {y_push:.0f} px")
        legend = found["pushes"].get("legend")
        if legend and legend["tv"] == 1 and asked["t"] > 40 and asked["t"] - legend["t"] > SLACK_PX:
            problems.append(f"{chart_id}: margin t {asked['t']} px for a legend needing {legend['t']:.0f} px")
        # The y tick labels the estimate counted are the ones plotly drew.
        figure = figures[chart_id]
        height = figure["layout"]["height"] - asked["t"] - asked["b"]
        for key, labels in found["ticks"].items():
            axis = figure["layout"].get(key, {})
            low, high = axis["range"]
            share = (axis.get("domain") or [0, 1])[1] - (axis.get("domain") or [0, 1])[0]
            predicted = [plain(label) for label in y_tick_labels(low, high, share * height)]
            if labels != predicted:
                problems.append(f"{chart_id} {key}: plotly drew {labels}, the estimate counted {predicted}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", [320, 360])
def test_on_a_phone_plotly_widens_no_margin_and_turns_no_label(browser, server, site_model, width):
    from fuling.charts.figures import build_charts

    figures = {cid: chart.figure for cid, chart in build_charts(site_model).items()}
    problems = []
    for chart_id in sorted(cid for cid, figure in figures.items() if figure["data"][0].get("type") != "pie"):
        found = measure(browser, server, chart_id, width)
        for side in "lrtb":  # plotly redraws only for a change of more than 1 px
            if found["drawn"][side] - found["asked"][side] > 1:
                problems.append(f"{chart_id}: margin {side} set to {found['asked'][side]} px, plotly needed {found['drawn'][side]} px")
    assert not problems, "\n".join(problems)
