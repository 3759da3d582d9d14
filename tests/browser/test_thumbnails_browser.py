"""Chart thumbnails on the home page and the chart gallery: the pictures the
build drew (its narrowest light picture, charts/<id>/preview-296.svg), each with its size and text
alternative, fetched only as it nears the viewport, and fitting a 360 px phone."""
from __future__ import annotations

import pytest
from harness import new_context, open_page

from fuling.charts.pictures import WIDTHS

NARROWEST = WIDTHS[0][0]  # px: the thumbnail is the narrowest picture

pytestmark = pytest.mark.browser

PHONE = 360
PAGES = ("index.html", "charts/index.html")

THUMBS_JS = """() => Array.from(document.querySelectorAll('a.chart-thumb img')).map((img) => {
  const box = img.getBoundingClientRect();
  return {src: img.getAttribute('src'), href: img.parentElement.getAttribute('href'), alt: img.getAttribute('alt'),
          width: img.getAttribute('width'), height: img.getAttribute('height'), loading: img.getAttribute('loading'),
          loaded: img.complete && img.naturalWidth > 0, left: box.left, right: box.right, shownWidth: box.width,
          shownHeight: box.height};
})"""


def thumbnails(browser, server, path):
    """The thumbnails of a page at phone width, read once after scrolling each into view."""
    context = new_context(browser, PHONE, 740)
    _, page, load = open_page(browser, server, path, context=context)
    try:
        page.goto(server.base + path.removesuffix("index.html"), wait_until="load")
        before = [p for p in load.local if p.endswith(f"preview-{NARROWEST}.svg")]
        for img in page.query_selector_all("a.chart-thumb img"):
            img.scroll_into_view_if_needed()
        page.wait_for_function("() => Array.from(document.querySelectorAll('a.chart-thumb img')).every("
                               "(img) => img.complete && img.naturalWidth > 0)", timeout=10000)
        found = page.evaluate(THUMBS_JS)
        page_width = page.evaluate("() => document.documentElement.scrollWidth")
    finally:
        context.close()
    return found, before, page_width, load


@pytest.mark.parametrize("path", PAGES)
def test_every_chart_has_a_thumbnail_that_loads_and_fits_a_phone(browser, server, site_model, path):
    from fuling.core.urls import chart_page, chart_picture

    found, before, page_width, load = thumbnails(browser, server, path)
    prefix = "../" if path.count("/") else ""
    assert sorted(t["src"] for t in found) == sorted(prefix + chart_picture(c, NARROWEST) for c in site_model.charts)
    assert not load.failed and not load.page_errors, (load.failed, load.page_errors)
    assert page_width <= PHONE, f"{path} scrolls sideways at {PHONE} px ({page_width} px)"
    for t in found:
        chart_id = t["src"].split("/")[-2]
        assert t["href"] == prefix + chart_page(chart_id)
        assert t["loaded"], f"{t['src']} did not load"
        assert t["loading"] == "lazy" and t["width"] == str(NARROWEST) and int(t["height"]) > 0, t
        # The text alternative is the chart's description in words: its title, then its values.
        assert t["alt"] == site_model.charts[chart_id].description and len(t["alt"]) > 20, t  # the editor's takeaway
        assert t["left"] >= 0 and t["right"] <= PHONE, f"{t['src']} spills out of the page: {t['left']}–{t['right']} px"
        assert 100 <= t["shownWidth"] and t["shownHeight"] <= t["shownWidth"], t  # a 3:2 box, tall charts shrunk into it
    # Lazy: the page's first screen does not fetch every thumbnail at once.
    assert len(before) < len(found), f"all {len(found)} thumbnails were fetched before scrolling"
