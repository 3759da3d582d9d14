"""Helpers that the site's templates call for provenance and corrections:
JSON-LD blocks (chart pages, facts page) and the corrections of a chart's
figures. Registered once as Jinja globals by `render.build_context`."""
from __future__ import annotations

from markupsafe import Markup

from fuling.core.model import ChartData, CorrectionEntry, Site, all_corrections
from fuling.core.urls import FACTS_PAGE, page_url
from fuling.site import jsonld


def template_globals(site: Site, charts: dict[str, ChartData]) -> dict:
    def chart_jsonld(chart_id: str) -> Markup:
        return jsonld.script_tag(jsonld.chart_dataset(site, charts[chart_id]))

    def claims_jsonld() -> Markup:
        return jsonld.script_tag(jsonld.claims(site, lambda f: page_url(site, FACTS_PAGE) + f"#{f.id}"))

    def chart_corrections(chart_id: str) -> list[CorrectionEntry]:
        ids = {p.fact.id for p in charts[chart_id].points}
        return [e for e in all_corrections(site) if e.fact.id in ids]

    return {"chart_jsonld": chart_jsonld, "claims_jsonld": claims_jsonld, "chart_corrections": chart_corrections}
