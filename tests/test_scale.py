"""Pages that list facts stay small at 10,000 facts: the facts explorer is cut into static
pages and its records are read from compact JSON, theme pages list a bounded number of rows."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGE_LIMIT = 300 * 1024  # bytes of HTML, uncompressed
FACTS = 10_000

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    """The benchmark's synthetic project (bench/corpus.py) with at least 10,000 facts, rendered:
    the facts explorer, themes, charts and the other pages that show facts."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from corpus import articles_for_facts, make_corpus
    finally:
        sys.path.remove(str(ROOT / "bench"))
    from fuling.charts.figures import build_charts
    from fuling.load.site import load_site
    from fuling.site.pages import articles, charts, corrections, facts, home, notfound, search, themes
    from fuling.site.render import render_site

    project = tmp_path_factory.mktemp("scale")
    make_corpus(project, articles_for_facts(FACTS), ROOT)
    site = load_site(project)
    built = build_charts(site)
    # The article pages show their own few facts: left out to keep this check to seconds. The
    # article list and the front page list articles, which grow with the facts.
    generators = [facts.generate, themes.generate, charts.generate, corrections.generate, search.generate,
                  notfound.generate, articles.article_list, home.generate]
    return site, render_site(site, built, ROOT / "templates", generators=generators, serial=True)


def test_the_corpus_has_ten_thousand_facts(big_site):
    site, _ = big_site
    assert len(site.facts) >= FACTS


def test_no_page_listing_facts_or_articles_is_over_300_kb(big_site):
    _, files = big_site
    pages = {path: len(data) for path, data in files.items() if path.endswith(".html")}
    assert {"facts/index.html", "themes/industry/index.html", "articles/index.html", "index.html"} <= set(pages)
    over = {path: size for path, size in pages.items() if size > PAGE_LIMIT}
    assert not over, over
    print(f"largest page: {max(pages.values()) / 1024:.0f} KB of {len(pages)} pages")


def test_every_fact_is_on_one_static_page_and_in_the_data_files(big_site):
    site, files = big_site
    index = json.loads(files["facts/data/index.json"])
    assert index["count"] == len(site.facts)
    rows: dict[str, str] = {}
    for page in index["pages"]:
        html = files[page["url"]].decode("utf-8")
        records = json.loads(files[page["data"]])["facts"]
        assert len(records) == page["count"] and html.count("<tr id=") == page["count"]
        for record in records:
            assert f'<tr id="{record["id"]}"' in html  # the record's page holds its row
            rows[record["id"]] = page["url"]
    assert set(rows) == set(site.facts)
    data = sum(len(files[p["data"]]) for p in index["pages"]) + len(files["facts/data/index.json"])
    print(f"explorer data: {data / 1024:.0f} KB for {len(rows)} records")
