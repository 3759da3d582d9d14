"""Articles printed: the date row (日期, 署名, 地点 …) stays in line, each label
beside its value and the date on one line, with the date's evidence, opened
for print, as a line of its own under the row (Chromium, print media)."""
from __future__ import annotations

import pytest
from harness import new_context, open_page

pytestmark = pytest.mark.browser

PRINT_WIDTH = 720  # an A4 page's text width at 96 px/inch, about

META_JS = """() => {
  const meta = document.querySelector('.article-meta');
  const firstLine = (el) => { const r = document.createRange(); r.selectNodeContents(el); return r.getClientRects()[0]; };
  const items = Array.from(meta.querySelectorAll('dt')).map((dt) => {
    const value = dt.nextElementSibling.querySelector('time') || dt.nextElementSibling;
    return {label: dt.textContent, labelTop: dt.getBoundingClientRect().top, valueTop: firstLine(value).top,
            lines: value.tagName === 'TIME' ? value.getClientRects().length : 1};
  });
  const time = meta.querySelector('time').getBoundingClientRect();
  const basis = meta.querySelector('.date-basis');
  return {items, timeBottom: time.bottom,
          basis: basis ? {top: basis.getBoundingClientRect().top, text: basis.innerText, shown: basis.offsetHeight > 0,
                        label: getComputedStyle(basis.querySelector('p'), '::before').content} : null};
}"""


def printed_meta(browser, server, path, artifacts):
    context = new_context(browser, PRINT_WIDTH, 900)
    _, page, _ = open_page(browser, server, path, context=context)
    try:
        page.goto(server.base + path.removesuffix("index.html"), wait_until="load")
        page.emulate_media(media="print")
        meta = page.evaluate(META_JS)
        page.locator(".article-head").screenshot(path=str(artifacts / f"print-{path.split('/')[1]}.png"))
    finally:
        context.close()
    return meta


def articles(site_pages):
    return sorted(p for p in site_pages if p.startswith("articles/") and p.count("/") == 2)


def test_printed_articles_keep_the_date_row_in_line(browser, server, site_pages, site_model, artifacts):
    with_basis = 0
    for path in articles(site_pages):
        meta = printed_meta(browser, server, path, artifacts)
        items = meta["items"]
        assert items[0]["label"] == "日期", items
        for item in items:
            assert abs(item["labelTop"] - item["valueTop"]) <= 4, f"{path}: {item['label']} is not beside its value: {item}"
        assert items[0]["lines"] == 1, f"{path}: the printed date breaks over lines"
        if len(items) > 1:
            assert abs(items[1]["labelTop"] - items[0]["labelTop"]) <= 4, f"{path}: {items[1]['label']} left the date's row"
        slug = path.split("/")[1]
        if site_model.articles[slug].date_basis:
            with_basis += 1
            basis = meta["basis"]
            assert basis["shown"] and site_model.articles[slug].date_basis[:10] in basis["text"], f"{path}: the date's evidence is not printed: {basis}"
            assert "日期依据" in basis["label"], f"{path}: the printed evidence is not labelled: {basis}"
            assert basis["top"] >= meta["timeBottom"], f"{path}: the date's evidence is not under the row: {meta}"
    assert with_basis, "no article has a date basis: the print rule for it is untested"
