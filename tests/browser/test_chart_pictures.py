"""Charts show first as the build's pictures (fuling/charts/pictures.py) and become
plotly.js charts when the reader reaches for them (assets/charts.js).

- A reader who only looks, or scrolls with a swipe that starts on a chart, never loads
  plotly.js: the page shows the picture drawn for its width (296, 336, 388 px on
  phones, 832 px on a desktop).
- A click, a tap, or Enter on the focused chart loads plotly.js and draws the same chart in its place:
  at the picture's own width, every text of the picture (values, years,
  legend, axis titles) is in the drawing.
- A dark screen gets the pictures drawn in dark colours, and no plotly.js either.
- Where the pictures do not fit (a page forced dark, English embeds), charts are drawn
  without waiting for the reader.
"""
from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
from harness import new_context, reach_for
from sitefiles import url_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PICTURE_JS = """() => Array.from(document.querySelectorAll('.chart-preview img')).map((img) => ({
  src: img.currentSrc, loaded: img.complete && img.naturalWidth > 0}))"""
DRAWN_TEXTS_JS = """() => Array.from(document.querySelectorAll('.chart-plot .main-svg text'))
  .filter((t) => !t.closest('.hoverlayer'))  // the tapped bar's label: not part of the picture
  .map((t) => t.textContent).filter((t) => t.trim() !== '')"""


@pytest.fixture(scope="module")
def chart_ids(site_model) -> list[str]:
    return sorted(site_model.charts)


def plotly_requested(requests: list[str]) -> bool:
    return any(re.search(r"/assets/plotly\.min\.[0-9a-f]+\.js$", url) for url in requests)


def picture_texts(site_dir, src: str) -> list[str]:
    name = re.search(r"(charts/[^/]+/preview-\d+\.svg)$", src).group(1)
    root = ElementTree.parse(site_dir / name).getroot()
    texts = ("".join(node.itertext()) for node in root.iter("{http://www.w3.org/2000/svg}text"))
    return [text for text in texts if text.strip()]


@pytest.mark.parametrize(("width", "picture"), [(320, "preview-296.svg"), (360, "preview-336.svg"), (412, "preview-388.svg"), (1280, "preview-832.svg")])
def test_a_reader_who_only_looks_gets_the_picture_and_no_plotly(browser, server, chart_ids, width, picture):
    context = new_context(browser, width, 900)
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda req: requests.append(req.url))
        page.goto(server.base + url_for(f"charts/{chart_ids[0]}/index.html"), wait_until="load")
        page.wait_for_timeout(1000)  # time enough for a deferred script to have fetched plotly.js
        shown = page.evaluate(PICTURE_JS)
        assert shown and all(p["loaded"] for p in shown), shown
        assert shown[0]["src"].endswith(f"charts/{chart_ids[0]}/{picture}"), shown
        assert not plotly_requested(requests), "plotly.js was fetched before the reader reached for the chart"
        assert page.locator(".chart-plot .main-svg").count() == 0
    finally:
        context.close()


def test_pointing_at_the_picture_draws_the_same_chart_with_plotly(browser, server, site_dir, chart_ids):
    problems = []
    context = new_context(browser, 412, 900)  # a phone whose chart box (page padding 2 x 12 px) is a picture's width
    try:
        for chart_id in chart_ids:
            page = context.new_page()
            requests: list[str] = []
            page.on("request", lambda req, seen=requests: seen.append(req.url))
            page.goto(server.base + url_for(f"charts/{chart_id}/index.html"), wait_until="load")
            src = page.evaluate(PICTURE_JS)[0]["src"]
            assert page.evaluate("() => document.querySelector('.chart-plot').clientWidth") == 388
            reach_for(page, ".chart-plot")
            assert plotly_requested(requests)
            assert page.locator(".chart-preview").count() == 0, "the picture stays beside the drawn chart"
            drawn, pictured = page.evaluate(DRAWN_TEXTS_JS), picture_texts(site_dir, src)
            if sorted(drawn) != sorted(pictured):
                problems.append(f"{chart_id}: picture {sorted(pictured)} / drawn {sorted(drawn)}")
            page.close()
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", [360, 1280])
def test_a_dark_screen_gets_the_dark_picture_and_no_plotly(browser, server, site_model, chart_ids, width):
    theme = site_model.charts[chart_ids[0]].theme
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme="dark")
    try:
        for path in (f"charts/{chart_ids[0]}/index.html", f"themes/{theme}/index.html"):
            page = context.new_page()
            requests: list[str] = []
            page.on("request", lambda req, seen=requests: seen.append(req.url))
            page.goto(server.base + url_for(path), wait_until="load")
            page.wait_for_timeout(1000)  # time enough for a deferred script to have fetched plotly.js
            shown = page.evaluate(PICTURE_JS)
            assert shown and all(p["loaded"] for p in shown), f"{path}: {shown}"
            assert shown[0]["src"].endswith("-dark.svg"), f"{path}: {shown}"
            assert not plotly_requested(requests), f"{path}: a dark screen loaded plotly.js without being asked"
            page.close()
    finally:
        context.close()


def test_forced_dark_and_english_embeds_draw_without_waiting(browser, server, chart_ids):
    chart_id = chart_ids[0]
    cases = [("forced dark, chart page", f"charts/{chart_id}/index.html?theme=dark", "light"),
             ("English embed", f"embed/{chart_id}/index.html?lang=en", "light"),
             ("dark embed", f"embed/{chart_id}/index.html?theme=dark", "light")]
    for what, path, scheme in cases:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        try:
            page = context.new_page()
            base, _, query = path.partition("?")
            page.goto(server.base + url_for(base) + (f"?{query}" if query else ""), wait_until="load")
            page.wait_for_function("() => document.querySelector('.chart-plot .main-svg')", timeout=15000)
            assert page.locator(".chart-preview").count() == 0, what
        finally:
            context.close()


def swipe(cdp, x: float, y: float) -> None:
    """A finger put down at (x, y) and moved up 300 px: the page should scroll down."""
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 11):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y - 30 * step}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def test_a_swipe_that_starts_on_a_chart_scrolls_and_loads_no_plotly_and_a_tap_does(browser, server, chart_ids):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True,
                                  locale="zh-CN", service_workers="block")
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda req: requests.append(req.url))
        page.goto(server.base + url_for(f"charts/{chart_ids[0]}/index.html"), wait_until="load")
        box = page.locator(".chart-plot").bounding_box()
        cdp = context.new_cdp_session(page)
        swipe(cdp, box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_timeout(800)
        assert page.evaluate("() => window.scrollY") > 100, "the swipe did not scroll the page"
        assert not plotly_requested(requests), "a swipe that started on the chart loaded plotly.js"
        page.locator(".chart-plot").scroll_into_view_if_needed()
        box = page.locator(".chart-plot").bounding_box()
        page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_function("() => document.querySelector('.chart-plot .main-svg')", timeout=15000)
        assert plotly_requested(requests)
        # The interactive chart does not take the swipe either: the page scrolls.
        page.wait_for_timeout(300)
        before = page.evaluate("() => window.scrollY")
        swipe(cdp, box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_timeout(800)
        assert page.evaluate("() => window.scrollY") > before + 100, "a swipe on the interactive chart did not scroll"
    finally:
        context.close()


def test_the_chart_takes_keyboard_focus_and_enter_makes_it_interactive(browser, server, chart_ids):
    context = new_context(browser, 1280, 900)
    try:
        page = context.new_page()
        page.goto(server.base + url_for(f"charts/{chart_ids[0]}/index.html"), wait_until="load")
        for _ in range(40):  # Tab through the page until the chart has the focus
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.matches('.chart-plot')"):
                break
        else:
            pytest.fail("Tab never reaches the chart")
        label = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
        assert label and len(label) > 10, "the focused chart has no text alternative"
        outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "the focused chart shows no focus"
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('.chart-plot .main-svg')", timeout=15000)
    finally:
        context.close()


def test_the_tap_that_makes_a_chart_interactive_shows_the_tapped_bars_label(browser, server, site_model, chart_ids):
    problems = []
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True,
                                  locale="zh-CN", service_workers="block")
    try:
        for chart_id in chart_ids:
            page = context.new_page()
            page.goto(server.base + url_for(f"charts/{chart_id}/index.html"), wait_until="load")
            plot = page.locator(".chart-plot")
            plot.scroll_into_view_if_needed()
            # The tallest bar of the picture: where a reader would tap, read from the picture's own SVG.
            src = page.evaluate(PICTURE_JS)[0]["src"]
            box = plot.bounding_box()
            bar = page.evaluate("""async (src) => {
              const svg = new DOMParser().parseFromString(await (await fetch(src)).text(), 'image/svg+xml');
              const host = document.createElement('div');
              host.style.cssText = 'position:absolute;left:0;top:0;visibility:hidden';
              host.appendChild(document.importNode(svg.documentElement, true));
              document.body.appendChild(host);
              const bars = Array.from(host.querySelectorAll('.trace.bars .point path'))
                .map((p) => p.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
              const top = bars.sort((a, b) => b.height - a.height)[0];
              const origin = host.firstElementChild.getBoundingClientRect();
              host.remove();
              return top && {x: top.left - origin.left + top.width / 2, y: top.top - origin.top + top.height / 2};
            }""", src)
            if not bar:
                problems.append(f"{chart_id}: no bar in the picture")
                continue
            page.touchscreen.tap(box["x"] + bar["x"], box["y"] + bar["y"])
            try:
                page.wait_for_function("() => document.querySelector('.chart-plot .hoverlayer .hovertext')", timeout=15000)
            except Exception:
                problems.append(f"{chart_id}: the first tap showed no hover label")
            page.close()
    finally:
        context.close()
    assert not problems, "\n".join(problems)
