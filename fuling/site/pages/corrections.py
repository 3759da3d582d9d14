"""The corrections page, `corrections/index.html`: every number changed after publication."""
from __future__ import annotations

from fuling.core.facts import metric_label
from fuling.core.model import all_corrections


def generate(ctx) -> dict[str, bytes]:
    site = ctx.site
    entries = all_corrections(site)
    labels = {e.fact.id: metric_label(site, e.fact.metric) for e in entries}
    charts_of: dict[str, list[tuple[str, str]]] = {e.fact.id: [] for e in entries}
    for chart_id, chart in sorted(ctx.charts.items()):
        for fact_id in sorted({p.fact.id for p in chart.points} & set(charts_of)):
            charts_of[fact_id].append((chart_id, chart.spec.title))
    return ctx.page(
        "corrections.html", "corrections/index.html",
        section="corrections", title=f"更正 · {site.config.title}",
        description=f"{site.config.title}发布后改正的数字：日期、原数字、改正后的数字和原因。",
        canonical=ctx.canonical("corrections/index.html"),
        entries=entries, labels=labels, charts_of=charts_of,
    )
