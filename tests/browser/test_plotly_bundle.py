"""The site's own plotly.js (scripts/build-plotly.mjs: only the traces and
layout components the charts use) draws every chart exactly as the full
plotly.js of the same version does (plotly.py's bundle): the same SVG, and the
same hover label on every point. A figure that needs a component the small
bundle left out (error bars, images, a range slider...) fails here, naming it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from harness import new_context, reach_for
from sitefiles import url_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# One width: the two bundles differ in the plotly.js modules they hold, which every width
# needs alike (layout at each width is checked by test_chart_phones.py).
WIDTHS = (360,)

# The chart's SVG and every point's hover label; plotly's random ids (the plot's
# uid, each trace's uid) replaced by fixed names so two draws can be compared.
DRAWN_JS = """async () => {
  const el = document.querySelector('[data-chart]');
  if (!el._fullLayout) return null;
  const ids = [[el._fullLayout._uid, 'PLOT']].concat(el._fullData.map((t, i) => [t.uid, 'TRACE' + i]));
  const plain = (html) => ids.reduce((text, [id, name]) => text.split(id).join(name), html);
  const hovers = [];
  el._fullData.forEach((trace, i) => {
    const n = (trace.type === 'pie' ? trace.values : trace.y) || [];
    const slices = el.querySelectorAll('.pielayer .trace:nth-of-type(' + (i + 1) + ') .slice');
    for (let j = 0; j < n.length; j++) {
      if (n[j] == null) continue;
      if (trace.type === 'pie') {  // a pie shows its label on its slices' own mouse events
        const box = slices[j].getBoundingClientRect();
        slices[j].dispatchEvent(new MouseEvent('mouseover', {bubbles: true, clientX: box.x + box.width / 2, clientY: box.y + box.height / 2}));
      } else {
        window.Plotly.Fx.hover(el, [{curveNumber: i, pointNumber: j}], trace.xaxis + trace.yaxis);
      }
      const label = Array.from(el.querySelectorAll('.hoverlayer, .hovertext')).map((node) => node.outerHTML).join('');
      hovers.push(i + ':' + j + ' ' + plain(label));
      window.Plotly.Fx.unhover(el);
      if (trace.type === 'pie') slices[j].dispatchEvent(new MouseEvent('mouseout', {bubbles: true}));
    }
  });
  return {version: window.Plotly.version, svg: plain(el.querySelector('.plot-container').innerHTML), hovers};
}"""


def draw(browser, server, path: str, width: int, plotly: bytes | None) -> dict:
    context = new_context(browser, width, 900)
    try:
        page = context.new_page()
        if plotly is not None:  # serve this plotly.js in place of the site's
            page.route(re.compile(r".*/assets/plotly\.min\.[0-9a-f]+\.js$"),
                       lambda route: route.fulfill(body=plotly, content_type="text/javascript"))
        page.goto(server.base + url_for(path), wait_until="load")
        reach_for(page, "[data-chart]")  # drawn by plotly.js, not the build's picture
        # The click's own hover label off, and past plotly's hover throttle (50 ms), before the labels are read.
        page.evaluate("() => window.Plotly.Fx.unhover(document.querySelector('[data-chart]'))")
        page.wait_for_timeout(150)
        drawn = page.evaluate(DRAWN_JS)
    finally:
        context.close()
    assert drawn, f"{path} at {width} px: no chart drawn"
    return drawn


def first_difference(a: str, b: str) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"at character {at}:\n  full bundle: …{a[max(0, at - 120):at + 120]}…\n  site bundle: …{b[max(0, at - 120):at + 120]}…"


def test_the_site_bundle_is_the_small_one(site_dir):
    import plotly

    full = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_bytes()
    served = [p.read_bytes() for p in (site_dir / "assets").glob("plotly.min.*.js")]
    assert served, "no assets/plotly.min.*.js in the built site"
    assert all(len(s) < 0.4 * len(full) for s in served), "the site serves a plotly.js as large as the full bundle"


def test_every_chart_is_drawn_as_the_full_plotly_js_draws_it(browser, server, site_model):
    import plotly

    full = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_bytes()
    assert site_model.charts, "no charts to compare"
    problems = []
    for chart_id in sorted(site_model.charts):
        path = f"embed/{chart_id}/index.html"
        for width in WIDTHS:
            ours = draw(browser, server, path, width, None)
            theirs = draw(browser, server, path, width, full)
            if ours["version"] != theirs["version"]:
                problems.append(f"{chart_id}: plotly.js {ours['version']} on the site, {theirs['version']} in plotly.py")
            if ours["svg"] != theirs["svg"]:
                problems.append(f"{chart_id} at {width} px: the SVG differs {first_difference(theirs['svg'], ours['svg'])}")
            unlabelled = [h.split(" ", 1)[0] for h in ours["hovers"] if "<text" not in h]
            if not ours["hovers"] or unlabelled:
                problems.append(f"{chart_id} at {width} px: no hover label on points {unlabelled or 'any'}")
            if ours["hovers"] != theirs["hovers"]:
                diff = next((f"{b} | full bundle: {a}" for a, b in zip(theirs["hovers"], ours["hovers"]) if a != b),
                            f"{len(ours['hovers'])} labels, full bundle {len(theirs['hovers'])}")
                problems.append(f"{chart_id} at {width} px: hover labels differ: {diff[:400]}")
    assert not problems, "\n".join(problems)
