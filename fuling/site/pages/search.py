"""The search page, `search/index.html`: the search box and its results (assets/search.js
over the Pagefind index that fuling.outputs.search makes, and the parts
it merges into it on a large site: fuling.core.searchparts)."""
from __future__ import annotations

from fuling.core.searchparts import site_parts
from fuling.core.urls import search_index


def generate(ctx) -> dict[str, bytes]:
    site = ctx.site
    return ctx.page(
        "search.html", "search/index.html",
        section="search", title=f"搜索 · {site.config.title}",
        description=f"搜索{site.config.title}的文章、主题、图表和数字，支持中文分词。",
        canonical=ctx.canonical("search/index.html"), fact_count=len(site.facts),
        index_parts=[search_index(part) for part in site_parts(site)[1][1:]],
    )
