"""Themed pages (narrative with fact links, charts, key facts with sources) and their index."""
from __future__ import annotations

from fuling.core.errors import BuildError, ContentError
from fuling.core.urls import relative_url, theme_page
from fuling.site.markup import correction_mark, link_tag, render_fact_links
from fuling.site.views import share_image


def generate(ctx) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    errors: list[ContentError] = []
    views = ctx.views
    out.update(ctx.page(
        "themes.html", "themes/index.html",
        section="themes", title=f"主题 · {ctx.site.config.title}",
        description="涪陵经济的六个主题：工业、新材料、绿色制造、科技创新、智能制造与榨菜。",
        canonical=ctx.canonical("themes/index.html"), themes=views.themes,
    ))
    for theme in views.themes:
        path = theme_page(theme.slug)
        source = ctx.site.themes[theme.slug]

        def open_link(fact_id: str, path=path) -> str:
            fact = views.facts.get(fact_id)
            if fact is None:
                return ""
            return link_tag(relative_url(fact.href, path), fact.tooltip, "fig", data_facts=fact.id)

        def after_link(fact_id: str, path=path) -> str:
            fact = views.facts.get(fact_id)
            return correction_mark(relative_url(fact.correction_href, path), fact.correction_title) if fact and fact.correction_href else ""

        def unknown(fact_id: str, source=source) -> None:
            errors.append(ContentError(source.path, 0, "body", f"fact:{fact_id} is not a fact id"))

        body = render_fact_links(source.body, open_link, unknown,
                                 lambda fact_id: views.facts[fact_id].display if fact_id in views.facts else "",
                                 after_link)
        out.update(ctx.page(
            "theme.html", path,
            section="themes", title=f"{theme.title} · {ctx.site.config.title}",
            description=theme.summary or theme.title,
            canonical=ctx.canonical(path), theme=theme, body=body,
            charts=[views.charts[c] for c in theme.charts],
            share_image=share_image(ctx.site, views.charts.get(theme.charts[0]) if theme.charts else None),
        ))
    if errors:
        raise BuildError(errors)
    return out


generate.searched = True  # the search index reads these pages: render_site runs it first
