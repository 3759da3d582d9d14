"""Article pages (anchored paragraphs, figures linked to their facts) and the article list."""
from __future__ import annotations

from fuling.core.reporter import report_progress
from fuling.core.urls import ARTICLES_PER_PAGE, article_page, articles_list_page, relative_url
from fuling.site.markup import block_marks, correction_mark, link_tag, render_block
from fuling.site.render import Derived, data_digest


def facts_by_article(site) -> dict[str, list]:
    """Article slug -> the facts citing it, in fact order: one pass over the facts, not one per article."""
    cited: dict[str, list] = {}
    for fact in site.facts.values():
        for slug in dict.fromkeys(s.article for s in fact.sources):
            cited.setdefault(slug, []).append(fact)
    return cited


def _blocks(ctx, article, path: str, facts: list) -> list[dict]:
    """Block view data: kind, anchor, HTML; consecutive list items grouped into one list."""
    marks = block_marks(article, facts)
    views = ctx.views.facts
    seen: set[str] = set()

    def open_link(mark) -> str:
        first = views[mark.facts[0]]
        tip = "；".join(f"{views[f].label}：{views[f].display}" for f in mark.facts) + " · 点击查看事实记录"
        attrs = {"data_facts": " ".join(mark.facts)}
        if first.id not in seen:  # an id per fact, once, so the facts page can point back
            attrs["id"] = f"fact-{first.id}"
            seen.add(first.id)
        return link_tag(relative_url(first.href, path), tip, "fig", **attrs)

    def after_link(mark) -> str:
        corrected = [views[f] for f in mark.facts if views[f].correction_href]
        return "".join(correction_mark(relative_url(f.correction_href, path), f.correction_title) for f in corrected)

    out: list[dict] = []
    for block in article.blocks:
        html = render_block(block, marks.get(block.anchor, []), open_link, after_link)
        if block.kind == "li":
            if out and out[-1]["kind"] == "ul":
                out[-1]["items"].append({"anchor": block.anchor, "html": html})
            else:
                out.append({"kind": "ul", "items": [{"anchor": block.anchor, "html": html}]})
        else:
            out.append({"kind": block.kind, "anchor": block.anchor, "html": html})
    return out


def _derived_blocks(ctx, article, path: str, cited: list):
    """`_blocks`, made only when the page is rendered again, and kept between builds: both
    under a digest of all it reads (the article's body, the facts citing it and their views),
    so an unchanged article page costs that digest and no Markdown."""
    views = ctx.views.facts
    key = data_digest((path, article.blocks, cited, [views.get(f.id) for f in cited]))
    if not key:
        return _blocks(ctx, article, path, cited)
    return Derived(key, lambda: ctx.memo.remembered("article-blocks", key, lambda: _blocks(ctx, article, path, cited)))


def generate(ctx) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    views = ctx.views
    out.update(article_list(ctx))
    by_article = facts_by_article(ctx.site)
    total = len(views.articles)
    for done, view in enumerate(views.articles, start=1):
        out.update(_article_page(ctx, view, by_article.get(view.article.slug, [])))
        # at 1,000 articles most of a 15-second render, which was silent
        report_progress(ctx.progress, "render articles", done, total)
    return out


def article_list(ctx) -> dict[str, bytes]:
    """The article list, newest first, ARTICLES_PER_PAGE a page, so no page grows with the site."""
    out: dict[str, bytes] = {}
    articles = ctx.views.articles
    count = max(1, -(-len(articles) // ARTICLES_PER_PAGE))
    pager = [(n, articles_list_page(n)) for n in range(1, count + 1)]
    for number, path in pager:
        first = (number - 1) * ARTICLES_PER_PAGE
        title = "文章" if number == 1 else f"文章（第{number}页）"
        out.update(ctx.page(
            "articles.html", path,
            section="articles", title=f"{title} · {ctx.site.config.title}",
            description="涪陵数据所依据的全部报道，按日期由新到旧排列。",
            canonical=ctx.canonical(path), articles=articles[first:first + ARTICLES_PER_PAGE],
            article_count=len(articles), page_number=number, page_count=count, pager=pager,
        ))
    return out


generate.in_background = True  # most of a build's rendering: render_site runs it on a second core
generate.searched = True  # the search index reads these pages: render_site runs it first


def article_page_files(ctx, slug: str) -> dict[str, bytes]:
    """One article's page alone (the live preview's first look, fuling/preview/firstlook.py)."""
    view = next(v for v in ctx.views.articles if v.slug == slug)
    return _article_page(ctx, view, facts_by_article(ctx.site).get(slug, []))


def _article_page(ctx, view, cited: list) -> dict[str, bytes]:
    """One article's page; `cited`: the facts that quote it."""
    out: dict[str, bytes] = {}
    views = ctx.views
    article = view.article
    path = article_page(article.slug)
    order = {block.anchor: index for index, block in enumerate(article.blocks)}

    def reading_order(view, slug=article.slug, order=order, article=article):
        source = next(s for s in view.sources if s.article == slug)
        block = article.block(source.paragraph)
        where = block.text.find(source.quote) if block else -1
        return (order.get(source.paragraph, len(order)), where, view.id)

    facts = sorted((views.facts[f.id] for f in cited if f.id in views.facts), key=reading_order)
    out.update(ctx.page(
        "article.html", path,
        section="articles", title=f"{article.title} · {ctx.site.config.title}",
        description=article.summary or article.subtitle or article.title,
        canonical=ctx.canonical(path), view=view, article=article,
        blocks=_derived_blocks(ctx, article, path, cited), facts=facts,
    ))
    return out
