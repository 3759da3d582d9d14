"""The front page: headline figures, the themes, the articles newest first."""
from __future__ import annotations


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
        articles=views.articles,
        charts=views.charts,
    )
