"""The search page in a real browser: Pagefind's index, built with the site,
finds Chinese words and shows each fact with its value and source; and the
same content indexed in shards and merged (fuling/search.py) finds the same,
a word that only the last shard holds included."""
from __future__ import annotations

import re
import shutil
from types import SimpleNamespace

import pytest

from harness import in_thread, open_page, site_prefix, start_server, stop_server

pytestmark = pytest.mark.browser

LIMIT = 20  # results the page shows (assets/search.js)
SHARDS = 4  # forced for the sharded copy (the real content, 18 articles, is one shard)
PROBE = "fulingshardprobe"  # a word given to one article of the sharded copy, in no other record


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


def check_facts_found(browser, server, site_model, term, typed):
    from fuling.charts import format_fact

    status, results, load = search(browser, server, term, typed=typed)
    assert status.startswith("找到"), status
    assert not load.page_errors and not load.foreign and not load.failed, (load.page_errors, load.foreign, load.failed)
    facts = expected_facts(site_model, term)
    assert facts, f"the content has no fact quoting {term}"
    shown = {r["href"].rsplit("#", 1)[-1]: r for r in results if "facts/index.html#" in r["href"]}
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
        assert article.title in result["source"] and article.date.isoformat() in result["source"]
        assert result["href"] == f"../facts/index.html#{fact.id}"
    # The best match shows the word itself (others may match its segments, 绿色 and 工厂, or a note).
    assert term in results[0]["text"], results[0]["text"]
    return status, load


@pytest.mark.parametrize("term,typed", [("己二酸", True), ("绿色工厂", False)])
def test_search_finds_the_facts_with_their_value_and_source(browser, server, site_model, term, typed):
    check_facts_found(browser, server, site_model, term, typed)


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


# -- the index made of shards ---------------------------------------------------------------

@pytest.fixture(scope="module")
def sharded(tmp_path_factory, content_root):
    """The content built again with SHARDS shards forced (then merged into one
    index), served like the site; one article of the last shard, whose pages
    are numbered after all the others', ends with PROBE."""
    from fuling import search as index
    from fuling.load import load_site
    from fuling.pipeline import build_site
    from fuling.reporter import Reporter

    root = tmp_path_factory.mktemp("sharded") / "project"
    shutil.copytree(content_root / "content", root / "content")
    site = load_site(root)
    saved = index.FORCED_SHARDS
    index.FORCED_SHARDS = SHARDS
    try:
        shard_of = {slug: index.shard_of(site, f"articles/{slug}/index.html") for slug in site.articles}
        last = max(shard_of.values())
        slug = min(slug for slug, shard in shard_of.items() if shard == last)
        path = root / site.articles[slug].path
        head, anchor, tail = path.read_text(encoding="utf-8").rstrip("\n").rpartition(" {#")
        assert anchor, f"{path.name} does not end with an anchored paragraph"
        path.write_text(f"{head}（{PROBE}）{anchor}{tail}\n", encoding="utf-8")
        site = load_site(root)
        fact_shard = {fact_id: index.shard_of(site, f"fact/{fact_id}.html") for fact_id in site.facts}
        out = root / "site"
        in_thread(build_site, root, out, reporter=Reporter(quiet=True))
    finally:
        index.FORCED_SHARDS = saved
    running = start_server(out, site_prefix(root))
    yield SimpleNamespace(server=running, site=site, slug=slug, fact_shard=fact_shard, count=len(set(shard_of.values())))
    stop_server(running)


def test_a_word_of_the_last_shard_is_found(browser, sharded):
    assert sharded.count >= 3
    status, results, load = search(browser, sharded.server, PROBE, typed=True)
    assert not load.page_errors and not load.failed, (load.page_errors, load.failed)
    assert status.startswith("找到 1 条结果"), (status, [r["text"][:120] for r in results])
    assert [r["href"] for r in results] == [f"../articles/{sharded.slug}/index.html"]
    assert PROBE in results[0]["text"]


def test_facts_of_several_shards_are_found_with_their_value_and_source(browser, server, sharded):
    from fuling.charts import format_fact

    term = "增加值"  # 8 facts in two shards (of the fixture's four), 14 results in all
    _, one, _ = search(browser, server, term, typed=False)
    ids = [r["href"].rsplit("#", 1)[-1] for r in one if "facts/index.html#" in r["href"]]
    assert len(one) < LIMIT and len({sharded.fact_shard[i] for i in ids}) >= 2, (len(one), ids)
    status, results, load = search(browser, sharded.server, term, typed=False)
    assert status.startswith("找到") and not load.page_errors and not load.failed
    shown = {r["href"].rsplit("#", 1)[-1]: r for r in results if "facts/index.html#" in r["href"]}
    assert sorted(shown) == sorted(ids)
    for fact_id, result in shown.items():
        fact = sharded.site.facts[fact_id]
        article = sharded.site.articles[fact.source.article]
        assert result["value"] == format_fact(fact)
        assert article.title in result["source"] and article.date.isoformat() in result["source"]


# Common words, and names each in few pages of one shard: a shard lacking a
# word must not add pages for a shorter one (merged in the browser, it did).
@pytest.mark.parametrize("term", ["己二酸", "绿色工厂", "研发投入", "涪陵页岩气田", "万盛经开区", "华峰集团", "涪陵赛特棕刚玉"])
def test_the_index_made_of_shards_finds_what_one_index_finds(browser, server, sharded, term):
    one, one_results, _ = search(browser, server, term, typed=False)
    split, split_results, _ = search(browser, sharded.server, term, typed=False)
    assert split == one
    if len(one_results) < LIMIT:  # all of them shown (beyond, ties may be cut in another order)
        assert sorted(r["href"] for r in split_results) == sorted(r["href"] for r in one_results)
