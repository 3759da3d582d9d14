"""The preview's first look: the open article and fact-list pages, made again at once after an edit.

A full build reads and renders the whole site; at 1,000 articles that is seconds an editor
would wait for the page in front of them. So before it, the preview applies the edited fact
or article files to the model of its last good build (kept by the build in `Resident.model`)
and renders only the article pages and the pages of the facts explorer's list that a browser
has open. The full build follows at once, and what it writes replaces the first look: every
other page, the data files, the search index.

The first look is taken only when every changed file is a fact file or an article file, each
reads without an error, no published fact goes away, no id is taken twice and every quote
still stands in its article; anything else (a theme, a chart, a template, a site option, a
deleted file) is left to the full build, as before. An article page is made of its article
and the facts that quote it, a page of the explorer of its facts and the labels of all (made
again where they changed, with the conflicts found again), so each comes out as the full
build writes it (tests/test_firstlook.py compares them). The checks across the site (a
chart's series, links to a fact from other prose) are the full build's: when it refuses the
edit, its error replaces the first look, over the last good page.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from fuling.build.resident import RenderedModel
from fuling.core.articlefile import ArticleFormatError, read_article
from fuling.core.errors import ContentError
from fuling.core.facts import explorer_pages, fill_facts
from fuling.core.memo import NO_MEMO
from fuling.core.model import Article, Fact, Site
from fuling.core.urls import article_page, facts_page
from fuling.load.facts import check_facts, find_conflicts, read_fact_file
from fuling.site.pages.articles import article_page_files
from fuling.site.pages.facts import explorer_page_files
from fuling.site.provenance import template_globals
from fuling.site.views import refreshed_views

FACT_FILE_RE = re.compile(r"^content/facts/([a-z0-9][a-z0-9-]*)\.yaml$")
ARTICLE_FILE_RE = re.compile(r"^content/articles/([a-z0-9][a-z0-9-]*)\.md$")


def first_look(model: RenderedModel, root: Path, changed: list[str], open_pages: set[str]) -> dict[str, bytes]:
    """The open article pages and pages of the facts explorer (site paths such as
    `articles/x/index.html`, `facts/3/index.html`) as they are after the `changed` files
    (project-relative); {} when this change gets no first look."""
    shown = {slug for slug in model.site.articles if article_page(slug) in open_pages}
    listed = sorted(n for n in range(1, len(model.context.views.explorer_pages()) + 2) if facts_page(n) in open_pages)
    if not changed or not (shown or listed):
        return {}
    before = model.site
    site = _applied(before, Path(root), changed, shown)
    if site is None:
        return {}
    # The views of what the edit touched are made again: the facts of the changed files (as
    # they were and as they are), the articles changed or shown, the facts quoting them.
    edited_facts = {f.id for state in (before, site) for f in state.facts.values() if f.path in changed}
    articles = shown | {ARTICLE_FILE_RE.match(p).group(1) for p in changed if ARTICLE_FILE_RE.match(p)}
    explorer = explorer_pages(site)
    context = model.context
    views = refreshed_views(context.views, site, articles & set(site.articles), edited_facts, explorer)
    context = dataclasses.replace(context, site=site, views=views, memo=NO_MEMO, exports=None, reporter=None,
                                  _current={}, _shared={})
    for name, helper in template_globals(site, context.charts, explorer).items():  # fact links: of the new model
        context.env.add_helper(name, helper)
    pages: dict[str, bytes] = {}
    for slug in sorted(shown):
        pages.update(article_page_files(context, slug))
    for number in listed:
        pages.update(explorer_page_files(context, number))
    return pages


def _applied(site: Site, root: Path, changed: list[str], shown: set[str]) -> Site | None:
    """`site` with the changed fact and article files read again (and the articles of the
    open pages, whose summaries load fills with figures), or None when a changed file is not
    such a file, does not read cleanly, or leaves a quote without its text."""
    if not all((ARTICLE_FILE_RE.match(rel) or FACT_FILE_RE.match(rel)) and (root / rel).is_file() for rel in changed):
        return None
    articles = dict(site.articles)
    files = {slug: site.articles[slug].path for slug in shown}
    files.update((ARTICLE_FILE_RE.match(rel).group(1), rel) for rel in changed if ARTICLE_FILE_RE.match(rel))
    reread = set(files)
    for slug, rel in files.items():
        article = _read_article(root / rel, root, slug)
        if article is None:
            return None
        articles[slug] = article
    facts = dict(site.facts)
    for rel in (rel for rel in changed if FACT_FILE_RE.match(rel)):
        read = _read_facts(root, rel, site, articles)
        if read is None:
            return None
        gone = {fid for fid, f in facts.items() if f.path == rel} - set(read)
        facts = {fid: f for fid, f in facts.items() if f.path != rel}
        if gone or any(fid in facts for fid in read):
            return None  # a fact taken away (prose may name it) or an id another file has: the full build says
        facts.update(read)
    facts = dict(sorted(facts.items(), key=lambda item: item[1].path))  # file order, as load gives them (a stable sort)
    touched = [f for f in facts.values() if f.path in changed or any(s.article in reread for s in f.sources)]
    if not all(_quotes_stand(fact, articles) for fact in touched):
        return None
    for slug in reread:
        if articles[slug].summary:
            articles[slug].summary = fill_facts(articles[slug].summary, facts)  # as load fills it
    return dataclasses.replace(site, articles=articles, facts=facts, conflicts=find_conflicts(facts))


def _read_article(path: Path, root: Path, slug: str) -> Article | None:
    try:
        article = read_article(path, root)
    except ArticleFormatError:
        return None
    anchors = [block.anchor for block in article.blocks]
    if article.slug != slug or len(anchors) != len(set(anchors)):
        return None
    return article


def _read_facts(root: Path, rel: str, site: Site, articles: dict[str, Article]) -> dict[str, Fact] | None:
    """The published (reviewed) facts of one fact file, or None when it has an error."""
    errors: list[ContentError] = []
    loaded = read_fact_file(root / rel, rel, errors, set())
    checked = check_facts(loaded, site.metrics, articles, errors)
    if errors:
        return None
    return {fid: fact for fid, fact in checked.items() if fact.reviewed}


def _quotes_stand(fact: Fact, articles: dict[str, Article]) -> bool:
    for source in fact.sources:
        article = articles.get(source.article)
        if article is None:
            return False
        block = article.block(source.paragraph) if source.paragraph else None
        texts = [block.text] if block else [] if source.paragraph else [b.text for b in article.blocks]
        if not any(source.quote in text for text in texts):
            return False
    return True
