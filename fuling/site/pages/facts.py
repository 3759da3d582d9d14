"""The facts explorer: every record, in a static list cut into pages of FACTS_PER_PAGE rows
(`facts/`, `facts/2/`, …; what a reader without JavaScript browses, and where each fact's
link lands), and the same records as compact JSON (`facts/data/`) that assets/facts.js
reads to filter, sort and download across all of them. No page grows with the site."""
from __future__ import annotations

import hashlib
import json

from markupsafe import Markup

from fuling.core.facts import FACTS_PER_PAGE
from fuling.core.numbers import format_value
from fuling.core.periods import period_sort_key
from fuling.core.urls import CORRECTIONS_PAGE, facts_data_file, facts_page
from fuling.site.views import FactView

ROW = "partials/fact-row.html"


def _options(values) -> list[tuple[str, str]]:
    return sorted(set(values), key=lambda pair: pair[1])


def _row_renderer(ctx):
    """Renders one table row, each kept between builds under a digest of its view, its page
    and of every template: a large site has thousands of rows, an edit changes a few."""
    env = ctx.env
    templates = hashlib.blake2b(digest_size=16)
    for name in sorted(env.list_templates()):
        templates.update(f"{name}\0{env.loader.get_source(env, name)[0]}\0".encode("utf-8"))
    templates.update(repr((ctx.site.config, sorted(a.url for a in ctx.assets.values()))).encode("utf-8"))
    row = env.get_template(ROW)
    views = ctx.views.facts

    def render(view: FactView, path: str) -> str:
        digest = templates.copy()
        # The rows it links to (conflicting figures) may sit on other pages.
        others = [views[other].href for other, _ in view.conflicts if other in views]
        digest.update(repr((path, view, others)).encode("utf-8"))
        return ctx.memo.remembered("fact-row", digest.hexdigest(), lambda: row.render(f=view, page_path=path))

    return render


def _filters(facts: list[FactView]) -> dict[str, list[tuple[str, str]]]:
    """Each filter's (value, label) choices, in the order the select lists them."""
    return {
        "theme": _options((f.theme, f.theme_title) for f in facts),
        "metric": _options((f.metric, f.metric_label) for f in facts),
        "subject": _options((f.subject, f.subject) for f in facts),
        "period": sorted({(f.period_key, f.period_label) for f in facts}, key=lambda p: period_sort_key(p[0])),
        "kind": _options((f.kind, f.kind_label) for f in facts),
    }


def _record(view: FactView) -> dict:
    """One fact as assets/facts.js draws its row: the words the static row shows, nothing else."""
    fact = view.fact
    return {
        "id": view.id, "page": view.page, "value": fact.value, "display": view.display, "unit": view.unit,
        "theme": view.theme, "metric": view.metric, "measure": view.measure_label, "subject": view.subject,
        "period": view.period_key, "kind": view.kind, "partial": view.partial, "note": fact.note,
        "reviewed": bool(fact.reviewed),
        "sources": [{"article": s.article, "quote": s.quote, "paragraph": s.paragraph, "href": s.href}
                    for s in view.sources],
        "corrections": [{"date": c.date.isoformat(), "old_value": format_value(c.old_value), "reason": c.reason}
                        for c in fact.corrections],
        "conflicts": [{"id": other, "why": why} for other, why in view.conflicts],
    }


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False).encode("utf-8")


def _data_files(ctx, pages: list[list[FactView]], filters: dict) -> dict[str, bytes]:
    """`facts/data/index.json` (the pages, the filters' choices, every label a row refers to)
    and one `facts/data/<n>.json` per static page, holding that page's records."""
    facts = ctx.views.explorer
    articles = {}
    for view in facts:
        for s in view.sources:
            articles[s.article] = {"title": s.article_title, "publication": s.publication, "date": s.date,
                                   "date_label": s.date_label}
    index = {
        "count": len(facts),
        "pages": [{"url": facts_page(n), "data": facts_data_file(str(n)), "count": len(rows)}
                  for n, rows in enumerate(pages, start=1)],
        "filters": {key: [list(choice) for choice in choices] for key, choices in filters.items()},
        "labels": {key: dict(choices) for key, choices in filters.items()},
        "articles": articles,
        "corrections": CORRECTIONS_PAGE,
    }
    out = {facts_data_file("index"): _json(index)}
    for number, rows in enumerate(pages, start=1):
        out[facts_data_file(str(number))] = _json({"page": number, "facts": [_record(view) for view in rows]})
    return out


def generate(ctx) -> dict[str, bytes]:
    pages = ctx.views.explorer_pages()
    filters = _filters(ctx.views.explorer)
    render_row = _row_renderer(ctx)
    out = _data_files(ctx, pages, filters)
    for number in range(1, len(pages) + 1):
        out.update(_explorer_page(ctx, pages, number, render_row))
    return out


def explorer_page_files(ctx, number: int) -> dict[str, bytes]:
    """One page of the explorer's static list alone (the live preview's first look,
    fuling/preview/firstlook.py); {} when the list has no such page."""
    pages = ctx.views.explorer_pages()
    return _explorer_page(ctx, pages, number, _row_renderer(ctx)) if 1 <= number <= len(pages) else {}


def _explorer_page(ctx, pages: list[list[FactView]], number: int, render_row) -> dict[str, bytes]:
    facts = ctx.views.explorer
    rows = pages[number - 1]
    title = ctx.site.config.title
    path = facts_page(number)
    first = (number - 1) * FACTS_PER_PAGE + 1 if rows else 0
    return ctx.page(
        "facts.html", path,
        section="facts",
        title=f"事实库 · {title}" if number == 1 else f"事实库（第{number}页） · {title}",
        description=f"全部{len(facts)}条事实记录：数值、时期、类别和原文出处，可按主题、指标、对象、时期和类别筛选。"
                    + (f"第{number}页。" if number > 1 else ""),
        canonical=ctx.canonical(path), count=len(facts), page_number=number, page_count=len(pages),
        per_page=FACTS_PER_PAGE,
        pager=[(n, facts_page(n)) for n in range(1, len(pages) + 1)],
        first_row=first, last_row=first + len(rows) - 1 if rows else 0,
        rows=Markup("".join(render_row(view, path) for view in rows)), fact_ids=[view.id for view in rows],
        data_index=facts_data_file("index"), conflict_count=len(ctx.site.conflicts),
    )
