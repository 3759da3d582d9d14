"""The article list in static pages of 100, newest first, and the front page's newest 20:
no page grows with the site."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def listed(tmp_path_factory):
    """The benchmark's synthetic project with 250 articles: its article list and front page."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from corpus import make_corpus
    finally:
        sys.path.remove(str(ROOT / "bench"))
    from fuling.charts.figures import build_charts
    from fuling.load.site import load_site
    from fuling.site.pages import articles, home
    from fuling.site.render import render_site

    project = tmp_path_factory.mktemp("articles")
    make_corpus(project, 250, ROOT)
    site = load_site(project)
    files = render_site(site, build_charts(site), ROOT / "templates", generators=[articles.article_list, home.generate],
                        serial=True)
    return site, files


def _article_list(html: bytes) -> str:
    """The <ol class="article-list"> of a page."""
    return re.search(r'<ol class="article-list"[^>]*>(.*?)</ol>', html.decode("utf-8"), re.S).group(1)


def _slugs(html: bytes) -> list[str]:
    return re.findall(r'<a href="(?:\.\./)*(?:articles/)?([a-z0-9-]+)/index\.html">', _article_list(html))


def test_every_article_is_on_one_list_page_newest_first(listed):
    site, files = listed
    pages = ["articles/index.html", "articles/page/2/index.html", "articles/page/3/index.html"]
    assert sorted(p for p in files if p.startswith("articles/")) == sorted(pages)
    shown = [slug for path in pages for slug in _slugs(files[path])]
    assert [len(_slugs(files[path])) for path in pages] == [100, 100, 50]
    newest_first = [a.slug for a in sorted(site.articles.values(), key=lambda a: (a.date, a.slug), reverse=True)]
    assert shown == newest_first


def test_list_pages_link_to_each_other_and_count_on(listed):
    _, files = listed
    second = files["articles/page/2/index.html"].decode("utf-8")
    assert '<a href="../../../articles/index.html" rel="prev">上一页</a>' in second
    assert '<a href="../../../articles/page/3/index.html" rel="next">下一页</a>' in second
    assert '<strong aria-current="page">2</strong>' in second
    assert '<ol class="article-list" start="101">' in second
    assert "全部250篇报道" in second
    assert 'rel="prev"' not in files["articles/index.html"].decode("utf-8")


def test_the_front_page_lists_the_newest_twenty_and_links_to_all(listed):
    site, files = listed
    newest = [a.slug for a in sorted(site.articles.values(), key=lambda a: (a.date, a.slug), reverse=True)][:20]
    assert _slugs(files["index.html"]) == newest
    assert '<a href="articles/index.html">全部250篇报道</a>' in files["index.html"].decode("utf-8")
