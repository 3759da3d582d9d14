"""The facts explorer: every record in one plain table, filters added by assets/facts.js."""
from __future__ import annotations

from ..charts import period_sort_key


def _options(values) -> list[tuple[str, str]]:
    return sorted(set(values), key=lambda pair: pair[1])


def generate(ctx) -> dict[str, bytes]:
    views = ctx.views
    # Reading order: themes as on the front page, metrics as the catalogue lists them,
    # the district before parks and companies, then time.
    theme_order = {t.slug: i for i, t in enumerate(views.themes)}
    metric_order = {key: i for i, key in enumerate(ctx.site.metrics)}
    facts = sorted(
        views.facts.values(),
        key=lambda f: (theme_order.get(f.theme, len(theme_order)), metric_order.get(f.metric, len(metric_order)),
                       f.subject != "涪陵区", f.subject, period_sort_key(f.period_key), f.id),
    )
    filters = {
        "theme": _options((f.theme, f.theme_title) for f in facts),
        "metric": _options((f.metric, f.metric_label) for f in facts),
        "subject": _options((f.subject, f.subject) for f in facts),
        "period": sorted({(f.period_key, f.period_label) for f in facts}, key=lambda p: period_sort_key(p[0])),
        "kind": _options((f.kind, f.kind_label) for f in facts),
    }
    return ctx.page(
        "facts.html", "facts/index.html",
        section="facts", title=f"事实库 · {ctx.site.config.title}",
        description=f"全部{len(facts)}条事实记录：数值、时期、类别和原文出处，可按主题、指标、对象、时期和类别筛选。",
        canonical=ctx.canonical("facts/index.html"), facts=facts, filters=filters,
        conflict_count=len(ctx.site.conflicts),
    )
