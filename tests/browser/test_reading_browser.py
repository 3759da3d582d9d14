"""What a reader sees of reuse and reading on a phone: the "how to cite" block with
today's date, data tables as cards under 30rem and scroll shadows on wider tables,
and article pages without file names or a □ before the byline."""
from __future__ import annotations

import datetime as dt

import pytest
from harness import new_context, open_page

pytestmark = pytest.mark.browser

PHONE, DESKTOP = 360, 1280


def visit(browser, server, path, width):
    context = new_context(browser, width, 800)
    _, page, load = open_page(browser, server, path, context=context)
    page.goto(server.base + path.removesuffix("index.html"), wait_until="load")
    return context, page, load


def first(site_pages, prefix):
    found = sorted(p for p in site_pages if p.startswith(prefix) and p.count("/") == 2)
    assert found, f"the site has no {prefix} page"
    return found[0]


@pytest.mark.parametrize("kind", ["chart", "data"])
def test_how_to_cite_names_the_licence_and_fills_in_todays_date(browser, server, site_pages, site_model, kind):
    path = first(site_pages, "charts/") if kind == "chart" else "data/index.html"
    context, page, load = visit(browser, server, path, DESKTOP)
    try:
        page.wait_for_function("() => !/您访问的日期/.test(document.querySelector('.cite-text').textContent)",
                               timeout=5000)
        line = page.inner_text(".cite-text")
        licence = page.get_attribute(".cite a[rel=license]", "href")
        visible = page.is_visible(".cite")
    finally:
        context.close()
    today = dt.date.today()
    assert visible and licence == site_model.config.licence_url
    assert f"访问日期：{today.year}年{today.month}月{today.day}日" in line, line
    assert site_model.config.site_url in line and site_model.config.licence in line
    assert not load.page_errors, load.page_errors


CARDS_JS = """() => Array.from(document.querySelectorAll('table.stack-on-phone')).map((table) => {
  const rows = Array.from(table.tBodies[0].rows);
  return {display: getComputedStyle(rows[0]).display,
          header: table.tHead.getBoundingClientRect().height,
          tableWidth: table.getBoundingClientRect().width,
          rows: rows.map((row) => Array.from(row.cells).filter((c) => getComputedStyle(c).display !== 'none').map((c) => ({
            label: getComputedStyle(c, '::before').content, text: c.textContent.trim(),
            width: c.getBoundingClientRect().width, rowWidth: row.getBoundingClientRect().width})))};
})"""


@pytest.mark.parametrize("prefix", ["themes/", "charts/"])
def test_data_tables_are_cards_on_a_phone_with_every_cell_named_and_none_blank(browser, server, site_pages, prefix):
    path = first(site_pages, prefix)
    context, page, _ = visit(browser, server, path, PHONE)
    try:
        tables = page.evaluate(CARDS_JS)
        wide = page.evaluate("() => document.documentElement.scrollWidth")
    finally:
        context.close()
    assert tables, f"{path}: no data table to stack"
    assert wide <= PHONE, f"{path}: the page scrolls sideways ({wide} px)"
    for table in tables:
        assert table["display"] == "block" and table["header"] <= 1 and table["tableWidth"] <= PHONE
        for cells in table["rows"]:
            assert cells, f"{path}: a card with no cell"
            for cell in cells:
                assert cell["text"], f"{path}: a blank line in a card: {cell}"
                assert cell["label"].strip('"').endswith("："), f"{path}: a cell without its column name: {cell}"
                # Each cell has the card's whole width: no column squeezed to a sliver.
                assert cell["width"] >= cell["rowWidth"] - 32, f"{path}: {cell}"
    context, page, _ = visit(browser, server, path, DESKTOP)
    try:
        assert {t["display"] for t in page.evaluate(CARDS_JS)} == {"table-row"}
    finally:
        context.close()


def test_a_table_wider_than_the_phone_shows_that_it_scrolls(browser, server):
    """The data page's column tables stay tables on a phone: wider than the screen, they scroll
    inside their box, which draws a shadow on the side that hides more."""
    context, page, _ = visit(browser, server, "data/index.html", PHONE)
    try:
        boxes = page.evaluate("""() => Array.from(document.querySelectorAll('.table-scroll')).map((b) => ({
            overflow: b.scrollWidth > b.clientWidth + 1, style: getComputedStyle(b).overflowX,
            shadow: getComputedStyle(b).backgroundImage}))""")
        wide = page.evaluate("() => document.documentElement.scrollWidth")
    finally:
        context.close()
    scrolling = [b for b in boxes if b["overflow"]]
    assert scrolling, "no table on the data page is wider than 360 px: nothing to check"
    assert wide <= PHONE
    for box in scrolling:
        assert box["style"] == "auto" and box["shadow"].count("gradient") == 4, box


def test_an_article_shows_its_byline_without_a_box_and_no_file_name(browser, server, site_pages, site_model):
    boxed = sorted(a.slug for a in site_model.articles.values() if a.byline.startswith("□"))
    assert boxed, "no article of the content prints a byline with □"
    context, page, _ = visit(browser, server, f"articles/{boxed[0]}/index.html", PHONE)
    try:
        meta = page.inner_text(".article-meta")
        body = page.inner_text("body")
    finally:
        context.close()
    byline = site_model.articles[boxed[0]].byline.lstrip("□ ")
    assert byline in meta and "□" not in meta, meta
    assert "来源文件" not in body and site_model.articles[boxed[0]].seed not in body
