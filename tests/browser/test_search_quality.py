"""Search that finds, and only finds: the query set made from the content
(tests/browser/searchquality.py) typed into the search page in Chromium, over
the built site's Pagefind index. Prints recall and precision."""
from __future__ import annotations

import pytest
from harness import open_page, report
from searchquality import ABSENT_WORDS, Query, query_set, run_queries, score

pytestmark = pytest.mark.browser

# Pagefind 1.4.0 gave 98.8% and 100% (bench/README.md, "Search"); a change that
# loses more than a few queries fails here.
MIN_RECALL = 0.97
MIN_PRECISION = 1.0


@pytest.fixture(scope="module")
def outcomes(browser, server, site_model):
    context, page, _ = open_page(browser, server, "search/index.html")
    try:
        return run_queries(page, server.base, query_set(site_model))
    finally:
        context.close()


def test_the_query_set_covers_every_metric_subject_and_place_and_the_absent_words(site_model):
    queries = query_set(site_model)
    terms = {q.term for q in queries}
    published = {site_model.metrics[f.metric].label for f in site_model.facts.values()}
    assert published <= terms, sorted(published - terms)
    assert {f.subject for f in site_model.facts.values()} <= terms
    assert {a.place for a in site_model.articles.values()} <= terms
    assert set(ABSENT_WORDS) <= terms
    assert sum(q.kind == "quote" for q in queries) >= len(site_model.facts) // 2
    assert all(q.expected for q in queries if not q.absent)


def test_search_finds_the_right_page_or_fact_in_the_top_three_and_nothing_for_absent_words(outcomes, artifacts):
    scores = score(outcomes)
    print("\n" + report(artifacts, "search-quality", scores.lines()))
    assert scores.recall >= MIN_RECALL, "\n".join(scores.lines())
    assert scores.precision >= MIN_PRECISION, "\n".join(scores.lines())


@pytest.mark.parametrize("word, shares", [("火星基地", "基地"), ("二〇二三", "己二腈")])
def test_a_word_that_shares_a_part_with_the_site_says_it_was_not_found(browser, server, word, shares):
    context, page, _ = open_page(browser, server, "search/index.html")
    try:
        [outcome] = run_queries(page, server.base, [Query(word, "absent", frozenset())])
        status = page.inner_text(".search-status")
    finally:
        context.close()
    assert outcome.said_no_match and status.startswith(f"没有找到“{word}”"), status


def test_the_scores_count_a_miss_and_junk():
    found = Query("己二酸", "metric", frozenset({"facts/index.html#a"}))
    absent = Query("火星基地", "absent", frozenset())
    from searchquality import Outcome

    scores = score([Outcome(found, ("x", "y", "z", "facts/index.html#a"), False),
                    Outcome(absent, ("articles/a/index.html",), False)])
    assert scores.recall == 0.0 and scores.precision == 0.0  # fourth place is not found; an unflagged result is junk
    scores = score([Outcome(found, ("x", "facts/index.html#a"), False), Outcome(absent, ("a",), True)])
    assert scores.recall == 1.0 and scores.precision == 1.0
