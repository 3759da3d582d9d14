"""Page types: each module here makes one kind of page, `generate(ctx) -> {path: bytes}`,
from the shared `RenderContext` (fuling.site.render).

`PAGE_TYPES` is the list `render_site` runs: a new page type is a module here and
a line below. A generator may carry two marks (see articles.py): `searched` (the
search index reads its pages, so it runs first) and `in_background` (it runs on a
second core meanwhile).
"""
from __future__ import annotations

from fuling.site.pages import (
    articles,
    assets,
    charts,
    corrections,
    data,
    embeds,
    facts,
    home,
    notfound,
    search,
    themes,
)

PAGE_TYPES = [
    articles.generate,  # articles/<slug>/ and the article list
    assets.generate,  # templates/assets/ and plotly.js under assets/
    charts.generate,  # charts/<id>/ and the chart list
    embeds.generate,  # embed/<id>/: one chart for another newsroom's iframe
    corrections.generate,  # corrections/: every number changed after publication
    data.generate,  # data/: every download and its columns
    search.generate,  # search/: the search box
    facts.generate,  # facts/: the facts explorer
    home.generate,  # the front page
    notfound.generate,  # 404.html
    themes.generate,  # themes/<slug>/ and the theme list
]
