"""The search page in a real browser: Pagefind's index, built with the site,
finds Chinese words and shows each fact with its value and source."""
from __future__ import annotations

import pytest
from harness import open_page

pytestmark = pytest.mark.browser

LIMIT = 20  # results the page shows (assets/search.js)


def search(browser, server, term: str, *, typed: bool):
    context, page, load = open_page(browser, server, "search/index.html")
    try:
        if typed:
            page.goto(server.base + "search/", wait_until="load")
            page.fill("#search-q", term)
        else:
            page.goto(server.base + "search/?q=" + term, wait_until="load")
        page.wait_for_function(
            "() => /找到|没有找到|没有加载/.test(document.querySelector('.search-status').textContent)", timeout=15000
        )
        status = page.inner_text(".search-status")
        results = page.evaluate("""() => Array.from(document.querySelectorAll('.search-result')).map((li) => ({
            href: li.querySelector('a').getAttribute('href'),
            text: li.innerText,
            value: (li.querySelector('.search-value') || {}).textContent || '',
            source: (li.querySelector('.search-source') || {}).textContent || ''}))""")
    finally:
        context.close()
    return status, results, load


def expected_facts(site_model, term):
    return sorted((f for f in site_model.facts.values() if any(term in s.quote for s in f.sources)), key=lambda f: f.id)


@pytest.mark.parametrize("term,typed", [("己二酸", True), ("绿色工厂", False)])
def test_search_finds_the_facts_with_their_value_and_source(browser, server, site_model, term, typed):
    from fuling.core.facts import explorer_pages
    from fuling.core.numbers import format_fact
    from fuling.core.periods import date_label
    from fuling.core.urls import fact_url

    pages = explorer_pages(site_model)

    status, results, load = search(browser, server, term, typed=typed)
    assert status.startswith("找到"), status
    assert not load.page_errors and not load.foreign and not load.failed, (load.page_errors, load.foreign, load.failed)
    facts = expected_facts(site_model, term)
    assert facts, f"the content has no fact quoting {term}"
    shown = {r["href"].rsplit("#", 1)[-1]: r for r in results if r["href"].startswith("../facts/")}
    missing = [f.id for f in facts if f.id not in shown]
    if len(facts) <= LIMIT:
        assert not missing, f"{term}: facts not found: {missing}; shown: {sorted(shown)}"
    else:
        assert len(results) == LIMIT
    for fact in facts:
        if fact.id not in shown:
            continue
        result = shown[fact.id]
        article = site_model.articles[fact.source.article]
        assert result["value"] == format_fact(fact)
        assert article.title in result["source"] and date_label(article.date) in result["source"]
        assert result["href"] == "../" + fact_url(fact.id, pages[fact.id])  # the explorer page holding its row
    # The best match shows the word itself (others may match its segments, 绿色 and 工厂, or a note).
    assert term in results[0]["text"], results[0]["text"]


def test_a_result_links_to_a_page_that_exists(browser, server, site_pages):
    _, results, _ = search(browser, server, "绿色工厂", typed=False)
    for r in results:
        target = r["href"].split("#")[0]
        assert target.startswith("../")
        assert target[3:] in site_pages, target


def test_a_word_that_is_nowhere_finds_nothing(browser, server):
    # Latin letters: a Chinese word sharing one character with the site (峰 of 珠穆朗玛峰) matches that character.
    status, results, _ = search(browser, server, "qwxzvk", typed=False)
    assert results == [] and status.startswith("没有找到")


def test_every_page_but_the_search_page_has_a_search_box_in_its_header(site_pages):
    missing = []
    for path, page in site_pages.items():
        if path.startswith(("embed/", "search/")):
            continue
        header = [n for n in page.tree.iter() if n.tag == "header" and "masthead" in n.attrs.get("class", "")]
        forms = [n for h in header for n in h.iter() if n.tag == "form" and n.attrs.get("role") == "search"]
        if not forms or not [n for n in forms[0].iter() if n.tag == "input" and n.attrs.get("name") == "q"]:
            missing.append(path)
    assert not missing, f"pages without a search box in the header: {missing[:10]}"


@pytest.mark.parametrize("start, box", [("index.html", "#site-search-q"), ("404.html", "#notfound-search-q")])
def test_the_header_box_and_the_404_page_box_search_without_a_step_between(browser, server, start, box):
    context, page, _ = open_page(browser, server, "index.html")
    try:
        page.goto(server.base + start, wait_until="load")
        assert page.is_visible(box), f"{start}: {box} is not shown"
        page.fill(box, "绿色工厂")
        page.press(box, "Enter")
        page.wait_for_url("**/search/**q=*", timeout=10000)
        page.wait_for_function("() => /找到/.test(document.querySelector('.search-status').textContent)", timeout=15000)
        assert page.input_value("#search-q") == "绿色工厂"
        assert page.locator(".search-result").count() > 0
    finally:
        context.close()


def test_excerpts_read_as_chinese_and_dates_as_the_site_prints_them(browser, server):
    status, results, _ = search(browser, server, "绿色", typed=False)
    assert status.startswith("找到"), status
    import re

    for r in results:
        assert not re.search(r"[^\x00-\x7f]\. |(^|\n)\. ", r["text"]), f"an ASCII '. ' in Chinese text: {r['text']!r}"
        assert not re.search(r"\d{4}-\d{2}-\d{2}", r["source"]), f"an ISO date in a result: {r['source']!r}"
