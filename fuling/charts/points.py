"""Which facts a chart draws: each series' selection, as points on categories."""
from __future__ import annotations

from fuling.core.errors import ContentError
from fuling.core.model import ChartPoint, ChartSpec, Fact, SeriesSpec, Site
from fuling.core.periods import (
    period_label,
    period_sort_key,
    period_span,
)
from fuling.core.vocab import CHART_TYPES, COUNT_WORDS, SELECT_KEYS
from fuling.load.charts import series_facts

# Counting words (core.vocab.COUNT_WORDS) share an axis; money, tonnes and
# percentages never do.


MAX_FILLED_YEARS = 12  # beyond this many missing years a gap stops helping the reader


def unit_kind(unit: str) -> str:
    """What an axis measures: the unit itself, or "count" for the measure words of counting."""
    return "count" if unit in COUNT_WORDS else unit



def selected_facts(series: SeriesSpec, site: Site, spec: ChartSpec, errors: list[ContentError]) -> list[Fact]:
    """The series' facts, chosen as `load` defines it; names what cannot be found (load checks it
    too, but a Site built in code has not been through load)."""
    for fact_id in series.facts:
        if fact_id not in site.facts:
            errors.append(ContentError(spec.path, 0, "series.facts", f"series {series.name!r}: no fact with id {fact_id!r}"))
    unknown = sorted(set(series.select) - set(SELECT_KEYS))
    if unknown:
        errors.append(ContentError(spec.path, 0, "series.select", f"series {series.name!r}: cannot select on {', '.join(unknown)} (use {', '.join(SELECT_KEYS)})"))
        return []
    return sorted(series_facts(series, site.facts), key=lambda f: f.id)


def chart_points(spec: ChartSpec, site: Site, errors: list[ContentError]) -> list[ChartPoint]:
    if spec.type not in CHART_TYPES:
        errors.append(ContentError(spec.path, 0, "type", f"{spec.type!r} is not one of {', '.join(CHART_TYPES)}"))
        return []
    if not spec.series:
        errors.append(ContentError(spec.path, 0, "series", "a chart needs at least one series"))
        return []
    points: list[ChartPoint] = []
    for series in spec.series:
        facts = selected_facts(series, site, spec, errors)
        if not facts:
            errors.append(ContentError(spec.path, 0, "series", f"series {series.name!r} selects no fact"))
            continue
        units = sorted({unit_kind(f.unit) for f in facts})
        measures = sorted({f.measure for f in facts})
        if len(units) > 1:
            errors.append(ContentError(spec.path, 0, "series", f"series {series.name!r} mixes units {', '.join(units)}: split it"))
        if len(measures) > 1:
            errors.append(ContentError(spec.path, 0, "series", f"series {series.name!r} mixes measures {', '.join(measures)} (a stock and a flow never share a series): split it"))
        seen: dict[tuple[str, str], str] = {}
        for fact in sorted(facts, key=lambda f: (period_sort_key(f.period), f.id)):
            x = fact.subject if spec.type == "pie" else period_label(fact.period)
            key = (x, fact.kind)
            if key in seen:
                errors.append(ContentError(spec.path, 0, "series", f"series {series.name!r} has two {fact.kind} values for {x}: {seen[key]} and {fact.id}; list the one to draw under `facts:`"))
                continue
            seen[key] = fact.id
            points.append(ChartPoint(fact=fact, series=series.name, x=x, style=fact.kind))
    if by_series(spec, points):
        # One period, several series (output by sector in 2023): the series are the
        # categories, labelled along the axis; the period goes into the axis title.
        points = [ChartPoint(fact=p.fact, series=p.series, x=p.series, style=p.style) for p in points]
    return points


def by_series(spec: ChartSpec, points: list[ChartPoint]) -> bool:
    """True when a bar chart compares several series at a single period."""
    return (
        spec.type in ("bar", "grouped-bar")
        and len(spec.series) > 1
        and len({p.fact.period for p in points}) == 1
        and len({p.series for p in points}) > 1
    )


def categories_of(points: list[ChartPoint]) -> list[str]:
    """Every x label in time order, plus empty categories for missing whole years."""
    by_label: dict[str, str] = {}
    for point in points:
        by_label.setdefault(point.x, point.fact.period)
    covered = set()
    for period in by_label.values():
        span = period_span(period)
        if span:
            covered.update(range(span.start.year, span.end.year + 1))
    # Whole years and dates set the range; a part of a year or a span counts as covered only.
    years = [period_span(p).start.year for p in by_label.values() if period_span(p) and period_span(p).shape in ("year", "date")]
    if years:
        missing = [y for y in range(min(years), max(years) + 1) if y not in covered]
        if len(missing) <= MAX_FILLED_YEARS:
            for year in missing:
                by_label[f"{year}年"] = str(year)
    return sorted(by_label, key=lambda label: period_sort_key(by_label[label]))
