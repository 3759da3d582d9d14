"""The facts explorer in Chromium: filters written to the URL and read back on reload, sorting
by column, a fact's link landing on its row (with and without JavaScript), and the filtered
rows downloaded as CSV, all across every page of the static list."""
from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlsplit

import pytest
from harness import open_page

from fuling.core.facts import FACTS_PER_PAGE, explorer_order, explorer_pages
from fuling.core.periods import period_sort_key
from fuling.core.urls import facts_page

pytestmark = pytest.mark.browser

READY = "#fact-filters[data-ready]"
ROW_IDS = "() => Array.from(document.querySelectorAll('#facts-table tbody tr')).filter((r) => !r.hidden).map((r) => r.id)"


def query_of(page) -> dict:
    """The query string as the page itself reads it (history.replaceState wrote it)."""
    return parse_qs(page.evaluate("location.search").lstrip("?"))


def open_explorer(browser, server, query: str = "", *, path: str = "facts/", context=None):
    context, page, load = open_page(browser, server, "facts/index.html", context=context)
    page.goto(server.base + path + query, wait_until="load")
    page.wait_for_selector(READY, state="attached", timeout=15000)
    return context, page, load


def theme_of(site, fact) -> str:
    metric = site.metrics.get(fact.metric)
    return metric.theme if metric else ""


def test_the_content_fills_more_than_one_page(site_model):
    # Otherwise the checks below would not cross a page boundary.
    assert len(site_model.facts) > FACTS_PER_PAGE, len(site_model.facts)


def test_a_filter_goes_into_the_url_and_a_reload_keeps_it(browser, server, site_model):
    order = explorer_order(site_model)
    theme = theme_of(site_model, order[-1])  # a theme whose rows are not all on the first page
    expected = [f.id for f in order if theme_of(site_model, f) == theme]
    context, page, load = open_explorer(browser, server)
    try:
        page.select_option("select[name=theme]", theme)
        assert query_of(page) == {"theme": [theme]}, page.url
        shown = page.evaluate(ROW_IDS)
        assert shown == expected[:100], (len(shown), len(expected))
        page.reload(wait_until="load")
        page.wait_for_selector(READY, state="attached", timeout=15000)
        assert page.input_value("select[name=theme]") == theme
        assert page.evaluate(ROW_IDS) == expected[:100]
        # Words narrow it further, across every page; clearing brings the page back as built.
        page.fill(".filter-search input[name=q]", "亿元")  # the explorer's, not the header's search box
        assert query_of(page) == {"theme": [theme], "q": ["亿元"]}
        words = [f.id for f in order if theme_of(site_model, f) == theme and "亿元" in f.unit + f.source.quote]
        assert set(words) <= set(page.evaluate(ROW_IDS)) and words
        page.click("button[type=reset]")
        page.wait_for_function("() => !location.search")
        assert page.evaluate(ROW_IDS) == [f.id for f in order[:FACTS_PER_PAGE]]
    finally:
        context.close()
    # (a reload may abort the favicon's request: failed requests are test_renders' business)
    assert not load.page_errors and not load.console_errors, (load.page_errors, load.console_errors)


def test_a_column_header_sorts_every_record_and_the_url_says_how(browser, server, site_model):
    order = explorer_order(site_model)
    ascending = [f.id for f in sorted(order, key=lambda f: f.value)]  # stable: ties keep the list's order
    descending = [f.id for f in sorted(order, key=lambda f: -f.value)]
    context, page, _ = open_explorer(browser, server)
    try:
        page.click("th[data-sort=value] button")
        assert query_of(page) == {"sort": ["value"]}
        assert page.get_attribute("th[data-sort=value]", "aria-sort") == "ascending"
        assert page.evaluate(ROW_IDS) == ascending[:100]
        page.click("th[data-sort=value] button")
        assert query_of(page) == {"sort": ["-value"]}
        assert page.evaluate(ROW_IDS) == descending[:100]
        # "显示更多" draws the next rows of the same order.
        page.click(".more-rows button")
        assert page.evaluate(ROW_IDS) == descending[:200]
        # A shared sorted view opens sorted: the latest periods first, ties in the list's order.
        page.goto(server.base + "facts/?sort=-period", wait_until="load")
        page.wait_for_selector(READY, state="attached", timeout=15000)
        latest = [f.id for f in sorted(order, key=lambda f: period_sort_key(f.period), reverse=True)]
        assert page.evaluate(ROW_IDS) == latest[:100]
        assert page.get_attribute("th[data-sort=period]", "aria-sort") == "descending"
    finally:
        context.close()


def _last_page_fact(site_model):
    pages = explorer_pages(site_model)
    last = max(pages.values())
    return next(fid for fid, page in pages.items() if page == last), last


def test_a_facts_link_lands_on_its_row_without_javascript(browser, server, site_model, site_pages):
    fact_id, number = _last_page_fact(site_model)
    assert number > 1
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        # The link an article prints for this fact.
        article = site_model.facts[fact_id].source.article
        page.goto(server.base + f"articles/{article}/", wait_until="load")
        href = page.get_attribute(f'a.fig[data-facts~="{fact_id}"]', "href")
        assert href is not None, f"articles/{article}/ prints no link to {fact_id}"
        page.click(f'a.fig[data-facts~="{fact_id}"] >> nth=0')
        page.wait_for_load_state("load")
        assert urlsplit(page.url).path.endswith("/" + facts_page(number)), page.url
        assert urlsplit(page.url).fragment == fact_id
        assert page.locator(f"tr#{fact_id}").count() == 1
        # The static list: the form stays hidden, the pager reaches every page.
        assert page.locator("#fact-filters").is_hidden()
        links = page.eval_on_selector_all(".pager a", "(as) => as.map((a) => a.getAttribute('href'))")
        assert len([h for h in links if h]) >= number - 1
    finally:
        context.close()


def test_an_old_link_to_the_first_page_finds_a_row_that_moved(browser, server, site_model):
    fact_id, number = _last_page_fact(site_model)
    context, page, _ = open_page(browser, server, "facts/index.html")
    try:
        page.goto(server.base + f"facts/#{fact_id}", wait_until="load")
        page.wait_for_url(lambda url: urlsplit(url).path.endswith("/" + facts_page(number)), timeout=15000)
        page.wait_for_selector(f"tr#{fact_id}", timeout=15000)
        assert urlsplit(page.url).fragment == fact_id
    finally:
        context.close()


def test_the_filtered_rows_download_as_csv(browser, server, site_model):
    order = explorer_order(site_model)
    expected = [f.id for f in order if f.kind == "target"]
    assert expected, "the content has no target figure"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="zh-CN")
    try:
        context, page, _ = open_explorer(browser, server, "?kind=target", context=context)
        assert page.evaluate(ROW_IDS) == expected[:100]
        with page.expect_download(timeout=15000) as info:
            page.click(".download-rows")
        data = open(info.value.path(), "rb").read()
        assert data.startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets then read it as UTF-8
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        assert [r["id"] for r in rows] == expected  # every matching record, not only the rows drawn
        for row in rows:
            fact = site_model.facts[row["id"]]
            assert float(row["value"]) == fact.value and row["unit"] == fact.unit and row["kind"] == "target"
            assert row["quote"] == fact.source.quote
            assert row["url"] == server.base + facts_page(explorer_pages(site_model)[fact.id]) + "#" + fact.id
    finally:
        context.close()
