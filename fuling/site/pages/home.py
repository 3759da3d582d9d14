"""The front page: headline figures, the themes, the newest articles."""
from __future__ import annotations

LATEST_ARTICLES = 20  # the newest on the front page; the article list (articles/) has them all


def generate(ctx) -> dict[str, bytes]:
    views = ctx.views
    return ctx.page(
        "home.html", "index.html",
        section="home",
        title=ctx.site.config.title,
        description=ctx.site.config.description,
        canonical=ctx.canonical("index.html"),
        headline=views.headline,
        themes=views.themes,
        articles=views.articles[:LATEST_ARTICLES], article_count=len(views.articles),
        charts=views.charts,
    )
