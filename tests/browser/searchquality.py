"""How well the search page finds, measured on a query set made from the content.

The queries are what a reader would type: every metric label that has a
published figure, every subject and place, a clause of every fact's quote, and
words that appear nowhere on the site. A query is *found* when one of the first
three results is a page or fact it should lead to; an absent word is *handled*
when the page shows nothing or says that nothing matched it.

Used by tests/browser/test_search_quality.py (thresholds) and bench/search.py
(Pagefind versions compared), both in Chromium on the built site.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from fuling.core.facts import explorer_pages
from fuling.core.urls import article_page, chart_page, fact_url, theme_page

TOP = 3  # a result further down than this does not count as found

# Words that appear nowhere in the content, each chosen to catch a way search
# goes wrong: 火星基地 shares 基地 with the site, 不存在 shares 不 and 存在,
# 二〇二三 shares 二 with 己二腈, 量子计算机 shares 计算 and 机; 珠穆朗玛峰 and
# 北极熊 share single characters only.
ABSENT_WORDS = ("火星基地", "不存在", "二〇二三", "量子计算机", "珠穆朗玛峰", "北极熊", "海底隧道", "qwxzvk")

# A clause of a quote: a whole run of Chinese text between punctuation marks,
# not one that starts after a figure (a reader recalls words, not 万吨法… as
# printed after 5).
_CLAUSE = re.compile(r"(?<![\u4e00-\u9fff0-9.%])[\u4e00-\u9fff]{5,16}(?![\u4e00-\u9fff])")


@dataclass(frozen=True)
class Query:
    term: str
    kind: str  # "metric", "subject", "place", "quote" or "absent"
    expected: frozenset[str]  # site paths (fact rows as facts/<n>/index.html#id) a right answer may be

    @property
    def absent(self) -> bool:
        return self.kind == "absent"


@dataclass(frozen=True)
class Outcome:
    query: Query
    shown: tuple[str, ...]  # the result links, site paths, best first
    said_no_match: bool  # the page said nothing matched the whole query

    @property
    def found(self) -> bool:
        return bool(self.query.expected & set(self.shown[:TOP]))

    @property
    def handled(self) -> bool:
        return not self.shown or self.said_no_match


@dataclass(frozen=True)
class Scores:
    recall: float  # share of present queries found in the top 3
    precision: float  # share of absent words handled
    present: int
    absent: int
    misses: tuple[Outcome, ...]
    junk: tuple[Outcome, ...]

    by_kind: dict[str, tuple[int, int]]  # kind -> (found, queries)

    def lines(self) -> list[str]:
        kinds = ", ".join(f"{kind} {found}/{total}" for kind, (found, total) in self.by_kind.items())
        return [
            f"recall (right page or fact in the top {TOP}): {self.recall:.1%} of {self.present} queries ({kinds})",
            f"precision (absent words show nothing or say so): {self.precision:.1%} of {self.absent} words",
            *[f"  missed [{o.query.kind}] {o.query.term}: top {list(o.shown[:TOP])}" for o in self.misses],
            *[f"  junk for {o.query.term}: {list(o.shown[:TOP])}" for o in self.junk],
        ]


def _site_text(site) -> str:
    parts = [a.plain_text + a.title + a.summary for a in site.articles.values()]
    parts += [m.label + m.definition for m in site.metrics.values()]
    parts += [t.title + t.summary + t.body for t in site.themes.values()]
    parts += [c.title + c.subtitle + "".join(c.notes) for c in site.charts.values()]
    parts += [f.subject + f.note + "".join(s.quote for s in f.sources) for f in site.facts.values()]
    return "\n".join(parts)


def _charts_of(site, fact_ids: set[str]) -> set[str]:
    """The chart pages that plot any of these facts."""
    from fuling.charts.points import chart_points

    return {chart_page(c.id) for c in site.charts.values()
            if {p.fact.id for p in chart_points(c, site, [])} & fact_ids}


def _articles_with(site, term: str) -> set[str]:
    return {article_page(a.slug) for a in site.articles.values() if term in a.plain_text or term in a.title}


def query_set(site) -> list[Query]:
    """Every query, in a stable order, each term once (the first kind that makes it wins)."""
    queries: dict[str, Query] = {}
    pages = explorer_pages(site)

    def fact_row(fact_id: str) -> str:  # its row on the explorer page that holds it
        return fact_url(fact_id, pages[fact_id])

    def add(term: str, kind: str, expected: set[str]) -> None:
        if term not in queries and expected:
            queries[term] = Query(term, kind, frozenset(expected))

    facts = sorted(site.facts.values(), key=lambda f: f.id)
    by_metric: dict[str, set[str]] = {}
    for fact in facts:
        by_metric.setdefault(fact.metric, set()).add(fact.id)
    for key in sorted(by_metric):
        metric = site.metrics[key]
        ids = by_metric[key]
        themes = {theme_page(metric.theme)} if metric.theme in site.themes else set()
        add(metric.label, "metric", {fact_row(i) for i in ids} | _charts_of(site, ids) | themes)
    for subject in sorted({f.subject for f in facts}):
        add(subject, "subject", {fact_row(f.id) for f in facts if f.subject == subject} | _articles_with(site, subject))
    for place in sorted({a.place for a in site.articles.values()}):
        add(place, "place", {article_page(a.slug) for a in site.articles.values() if a.place == place}
            | _articles_with(site, place) | {fact_row(f.id) for f in facts if f.subject == place})
    for fact in facts:
        clauses = _CLAUSE.findall(fact.source.quote)
        if clauses:
            clause = max(clauses, key=len)
            add(clause, "quote", {fact_row(f.id) for f in facts if any(clause in s.quote for s in f.sources)}
                | _articles_with(site, clause))
    text = _site_text(site)
    for word in ABSENT_WORDS:
        assert word not in text, f"{word} appears in the content: it cannot test precision"
        queries[word] = Query(word, "absent", frozenset())
    return list(queries.values())


def score(outcomes: list[Outcome]) -> Scores:
    present = [o for o in outcomes if not o.query.absent]
    absent = [o for o in outcomes if o.query.absent]
    misses = tuple(o for o in present if not o.found)
    junk = tuple(o for o in absent if not o.handled)
    by_kind: dict[str, tuple[int, int]] = {}
    for o in present:
        found, total = by_kind.get(o.query.kind, (0, 0))
        by_kind[o.query.kind] = (found + o.found, total + 1)
    return Scores(
        recall=(len(present) - len(misses)) / len(present) if present else 0.0,
        precision=(len(absent) - len(junk)) / len(absent) if absent else 0.0,
        present=len(present), absent=len(absent), misses=misses, junk=junk, by_kind=by_kind,
    )


# Runs one query on the search page already open and waits for the list the
# page shows for exactly that term (search.js marks it with data-query).
RUN_JS = """async (term) => {
  const input = document.querySelector('#search-q');
  const list = document.getElementById('search-results');
  input.value = term;
  input.form.requestSubmit();
  const deadline = Date.now() + 15000;
  while (list.getAttribute('data-query') !== term) {
    if (Date.now() > deadline) throw new Error('no results shown for ' + term);
    await new Promise((r) => setTimeout(r, 10));
  }
  return {
    shown: Array.from(list.querySelectorAll('.search-result h2 a')).map((a) => a.getAttribute('href')),
    noMatch: list.getAttribute('data-match') !== 'all',
  };
}"""


def run_queries(page, base: str, queries: list[Query]) -> list[Outcome]:
    """Each query typed in turn into the search page (`base` is the site's address)."""
    page.goto(base + "search/index.html", wait_until="load")
    outcomes = []
    for query in queries:
        got = page.evaluate(RUN_JS, query.term)
        shown = tuple(href.removeprefix("../") for href in got["shown"])
        outcomes.append(Outcome(query, shown, got["noMatch"]))
    return outcomes
