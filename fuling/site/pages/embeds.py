"""Embed pages: `embed/<chart-id>/index.html`, one chart made to live in
another newsroom's iframe.

Each page holds the chart, its title, its notes and a one-line source credit
linking back to the chart page, and nothing else: no navigation, no footer,
no request to any host but this site, no cookie, no analytics. Both languages
are baked in (`?lang=en` picks English in the browser; without JavaScript the
Chinese shows), and `assets/embed-frame.js` reports the page's height to the
host page (see README.md, "Embedding a chart"). The code other sites paste
is written once, in templates/partials/chart-embed.html.
"""
from __future__ import annotations

from fuling.charts.english import english_figure, english_notes
from fuling.charts.style import plot_height
from fuling.core.model import ChartData, Fact, Site
from fuling.core.citation import last_updated
from fuling.core.periods import date_label, period_label
from fuling.core.urls import CORRECTIONS_PAGE, absolute, chart_data_file, chart_page, embed_page, page_url


def corrected_facts(chart: ChartData) -> list[Fact]:
    seen: dict[str, Fact] = {}
    for point in chart.points:
        if point.fact.corrections:
            seen.setdefault(point.fact.id, point.fact)
    return [seen[k] for k in sorted(seen)]


def source_titles(site: Site, chart: ChartData) -> list[str]:
    """Titles of the articles the chart's figures come from, oldest first."""
    slugs = {p.fact.source.article for p in chart.points}
    articles = sorted((site.articles[s] for s in slugs if s in site.articles), key=lambda a: (a.date, a.slug))
    return [a.title for a in articles]


def generate(ctx) -> dict[str, bytes]:
    """`embed/<id>/index.html` for every chart."""
    out: dict[str, bytes] = {}
    site = ctx.site
    for chart_id, view in ctx.views.charts.items():
        chart = view.data
        spec = chart.spec
        corrected = corrected_facts(chart)
        last_correction = max((c.date for f in corrected for c in f.corrections), default=None)
        updated = last_updated(site, [p.fact for p in chart.points])
        out.update(ctx.page(
            "embed.html", embed_page(chart_id),
            chart=view,
            spec=spec,
            title=spec.title,
            title_en=spec.title_en or spec.title,
            subtitle=spec.subtitle,
            subtitle_en=spec.subtitle_en,
            notes=view.notes,
            notes_en=english_notes(chart),
            figure=chart.figure,
            figure_en=english_figure(chart, site),
            chart_url=page_url(site, chart_page(chart_id)),
            corrections_url=page_url(site, CORRECTIONS_PAGE),
            sources=source_titles(site, chart),
            corrected=corrected,
            last_correction=last_correction,
            plot_height=plot_height(chart),
            data_url=absolute(site, chart_data_file(chart_id, "csv")),
            images={lang: [(fmt.upper(), absolute(site, image.path)) for fmt in ("png", "svg")
                           if (image := view.download(lang, "light", fmt)) is not None]
                    for lang in ("zh", "en")},
            updated=updated.isoformat() if updated else "",
            updated_zh=date_label(updated) if updated else "",
            updated_en=period_label(updated.isoformat(), "en") if updated else "",
        ))
    return out
