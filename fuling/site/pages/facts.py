"""The facts explorer: every record in one plain table, filters added by assets/facts.js."""
from __future__ import annotations

import hashlib

from markupsafe import Markup

from fuling.core.periods import period_sort_key

PATH = "facts/index.html"
ROW = "partials/fact-row.html"


def _options(values) -> list[tuple[str, str]]:
    return sorted(set(values), key=lambda pair: pair[1])


def _rows(ctx, facts) -> Markup:
    """The table rows, one per fact, each kept between builds under a digest of its
    view and of every template: a large site has thousands of rows, an edit changes a few."""
    env = ctx.env
    templates = hashlib.blake2b(digest_size=16)
    for name in sorted(env.list_templates()):
        templates.update(f"{name}\0{env.loader.get_source(env, name)[0]}\0".encode("utf-8"))
    templates.update(repr((PATH, ctx.site.config, sorted(a.url for a in ctx.assets.values()))).encode("utf-8"))
    row = env.get_template(ROW)

    def key(view) -> str:
        digest = templates.copy()
        digest.update(repr(view).encode("utf-8"))
        return digest.hexdigest()

    return Markup("".join(ctx.memo.remembered("fact-row", key(f), lambda f=f: row.render(f=f, page_path=PATH)) for f in facts))


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
        "facts.html", PATH,
        section="facts", title=f"事实库 · {ctx.site.config.title}",
        description=f"全部{len(facts)}条事实记录：数值、时期、类别和原文出处，可按主题、指标、对象、时期和类别筛选。",
        canonical=ctx.canonical(PATH), facts=facts, rows=_rows(ctx, facts), filters=filters,
        conflict_count=len(ctx.site.conflicts),
    )
