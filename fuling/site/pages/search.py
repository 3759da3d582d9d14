"""The search page, `search/index.html`: the search box and its results (assets/search.js
over the Pagefind index that fuling.outputs.search makes)."""
from __future__ import annotations


def generate(ctx) -> dict[str, bytes]:
    site = ctx.site
    return ctx.page(
        "search.html", "search/index.html",
        section="search", title=f"搜索 · {site.config.title}",
        description=f"搜索{site.config.title}的文章、主题、图表和数字，支持中文分词。",
        canonical=ctx.canonical("search/index.html"), fact_count=len(site.facts),
    )
