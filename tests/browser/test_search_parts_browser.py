"""A search index in parts (fuling.core.searchparts), merged by the search page in
Chromium: the same query set as test_search_quality.py, over this content built with
one article a part (its 5 articles spread over 8 parts, the themes and charts in the
first). Parts must find as well as one index: results are ranked across parts by score."""
from __future__ import annotations

import shutil

import pytest
from conftest import build_into
from harness import open_page, report, site_prefix, start_server, stop_server
from searchquality import query_set, run_queries, score
from test_search_quality import MIN_PRECISION, MIN_RECALL

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def parted(tmp_path_factory, content_root):
    """This content with `search_part_articles: 1`, built without chart pictures and served."""
    root = tmp_path_factory.mktemp("parted")
    shutil.copytree(content_root / "content", root / "content")
    site_yaml = root / "content" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").rstrip("\n") + "\nsearch_part_articles: 1\n",
                         encoding="utf-8")
    from fuling.core.options import BuildOptions

    site = build_into(root, root / "site", options=BuildOptions(chart_pictures=False))
    assert len(list((site / "pagefind").glob("part-*"))) > 1
    server = start_server(site, site_prefix(root))
    yield server
    stop_server(server)


def test_search_over_parts_finds_what_one_index_finds(browser, parted, site_model, artifacts):
    context, page, load = open_page(browser, parted, "search/index.html")
    try:
        outcomes = run_queries(page, parted.base, query_set(site_model))
    finally:
        context.close()
    assert not load.page_errors and not load.failed, (load.page_errors, load.failed)
    scores = score(outcomes)
    print("\n" + report(artifacts, "search-quality-parts", scores.lines()))
    assert scores.recall >= MIN_RECALL, "\n".join(scores.lines())
    assert scores.precision >= MIN_PRECISION, "\n".join(scores.lines())
