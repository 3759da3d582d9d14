"""Chart pages (chart, description, data table, sources, notes) and the chart list."""
from __future__ import annotations

from fuling.core.citation import citation
from fuling.core.urls import chart_page, page_url
from fuling.site.embedcode import embed_code
from fuling.site.views import share_image


def _sources(chart) -> list[tuple]:
    """Each quoted sentence once, in table order: (source view, [fact views])."""
    seen: dict[tuple[str, str], tuple] = {}
    for _series, _x, fact in chart.rows:
        key = (fact.source.article, fact.source.quote)
        if key not in seen:
            seen[key] = (fact.source, [])
        seen[key][1].append(fact)
    return list(seen.values())


def generate(ctx) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    views = ctx.views
    themes = {t.slug: t for t in views.themes}
    out.update(ctx.page(
        "charts.html", "charts/index.html",
        section="charts", title=f"图表 · {ctx.site.config.title}",
        description="涪陵数据的全部图表，每个数值都来自一条事实记录。",
        canonical=ctx.canonical("charts/index.html"), charts=list(views.charts.values()), themes=themes,
    ))
    for chart in views.charts.values():
        path = chart_page(chart.id)
        out.update(ctx.page(
            "chart.html", path,
            section="charts", title=f"{chart.title} · {ctx.site.config.title}",
            description=chart.data.description[:150],
            canonical=ctx.canonical(path), chart=chart, theme=themes.get(chart.theme),
            sources=_sources(chart), embed=embed_code(ctx.site, chart),
            citation=citation(ctx.site, chart.title, page_url(ctx.site, path)),
            share_image=share_image(ctx.site, chart),
        ))
    return out


generate.searched = True  # the search index reads these pages: render_site runs it first
