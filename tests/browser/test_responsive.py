"""Check 6, responsive: nothing overflows horizontally at 360 px on any page;
screenshots at 360 and 1280 px of the front page, a theme page and a chart
page are kept in tests/artifacts/."""
from __future__ import annotations

import struct

import pytest
from harness import new_context, open_page, wait_for_charts
from sitefiles import url_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE, DESKTOP = 360, 1280
OVERFLOW_JS = """() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
  wide: Array.from(document.querySelectorAll('body *'))
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(0, 5).map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                              (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''))})"""


def test_no_page_overflows_horizontally_at_360px(browser, server, site_pages):
    problems = []
    context = new_context(browser, PHONE, 740)  # one context: layout does not depend on the cache
    try:
        for path in site_pages:
            _, page, _ = open_page(browser, server, path, context=context)
            page.goto(server.base + url_for(path), wait_until="load")
            wait_for_charts(page)
            size = page.evaluate(OVERFLOW_JS)
            page.close()
            if size["scroll"] > size["inner"]:
                problems.append(f"{path}: scrollWidth {size['scroll']} > {size['inner']} (wide: {', '.join(size['wide'])})")
    finally:
        context.close()
    assert not problems, f"{len(problems)} page(s) scroll sideways at {PHONE} px:\n" + "\n".join(problems)


def _sample_pages(site_pages) -> dict[str, str]:
    themes = sorted(p for p in site_pages if p.startswith("themes/") and p.count("/") == 2)
    charts = sorted(p for p in site_pages if p.startswith("charts/") and p.count("/") == 2)
    preferred = "charts/industrial-output/index.html"
    assert themes, "no theme page (themes/<slug>/index.html) in the site"
    assert charts, "no chart page (charts/<id>/index.html) in the site"
    return {"front": "index.html", "theme": themes[0], "chart": preferred if preferred in charts else charts[0]}


def _png_width(data: bytes) -> int:
    return struct.unpack(">I", data[16:20])[0]


def test_screenshots_at_phone_and_desktop_width(browser, server, site_pages, artifacts):
    problems = []
    for name, path in _sample_pages(site_pages).items():
        for width in (PHONE, DESKTOP):
            context, page, load = open_page(browser, server, path, width=width, height=800)
            try:
                page.goto(server.base + url_for(path), wait_until="load")
                wait_for_charts(page)
                shot = artifacts / f"{name}-{width}.png"
                data = page.screenshot(path=str(shot), full_page=True)
            finally:
                context.close()
            if _png_width(data) != width:
                problems.append(f"{shot.name} ({path}) is {_png_width(data)} px wide, not {width}")
            if load.console_errors or load.page_errors:
                problems.append(f"{path} at {width} px: {load.console_errors + load.page_errors}")
    assert not problems, "\n".join(problems)
