"""Helpers that the site's templates call for provenance and corrections:
JSON-LD blocks (chart pages, facts page) and the corrections of a chart's
figures. Registered once as Jinja globals by `render.build_context`."""
from __future__ import annotations

from markupsafe import Markup

from fuling.core.facts import explorer_pages
from fuling.core.model import ChartData, CorrectionEntry, Site, all_corrections
from fuling.core.urls import fact_url, facts_page, page_url
from fuling.site import jsonld


def template_globals(site: Site, charts: dict[str, ChartData], pages: dict[str, int] | None = None) -> dict:
    """The helpers templates call; `pages`: the site's explorer_pages, when already made."""
    def chart_jsonld(chart_id: str) -> Markup:
        return jsonld.script_tag(jsonld.chart_dataset(site, charts[chart_id]))

    pages = pages if pages is not None else explorer_pages(site)

    def fact_href(fact_id: str) -> str:
        """Root-relative link to a fact's row in the explorer's static list."""
        return fact_url(fact_id, pages.get(fact_id, 1))

    def claims_jsonld(fact_ids) -> Markup:
        """The Claims of the facts one page of the explorer lists."""
        return jsonld.script_tag(jsonld.claims(
            site, lambda f: page_url(site, facts_page(pages.get(f.id, 1))) + f"#{f.id}", fact_ids))

    def chart_corrections(chart_id: str) -> list[CorrectionEntry]:
        ids = {p.fact.id for p in charts[chart_id].points}
        return [e for e in all_corrections(site) if e.fact.id in ids]

    return {"chart_jsonld": chart_jsonld, "claims_jsonld": claims_jsonld, "chart_corrections": chart_corrections,
            "fact_href": fact_href}
