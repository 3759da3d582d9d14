"""Chart specs: read `content/charts/*.yaml`, validate each field, and check each series against the facts it draws."""
from __future__ import annotations

from pathlib import Path

from fuling.core.errors import ContentError
from fuling.core.memo import NO_MEMO, Memo
from fuling.core.model import (
    ChartSpec,
    Fact,
    Metric,
    SeriesSpec,
)
from fuling.core.vocab import CHART_TYPES, KINDS, SELECT_KEYS
from fuling.load.fields import ID_RE, Fields, line_of, type_name
from fuling.core.listing import content_files
from fuling.load.raw import Raw
from fuling.load.yamlfile import read_yaml

CHART_FIELDS = {"id", "title", "title_en", "subtitle", "subtitle_en", "theme", "type", "x_title", "y_title",
                "y_title_en", "series", "notes", "notes_en", "description", "description_en"}


SERIES_FIELDS = {"name", "name_en", "style", "facts", "select"}




SERIES_STYLES = tuple(KINDS)  # a series is drawn as the kind of figure it shows


def read_charts(root: Path, errors: list[ContentError], raw: Raw, memo: Memo = NO_MEMO) -> dict[str, ChartSpec]:
    charts: dict[str, ChartSpec] = {}
    for path in content_files(root, "content/charts", ".yaml", errors):
        rel = path.relative_to(root).as_posix()
        data = read_yaml(path, rel, errors, root, memo=memo)
        chart = None
        if isinstance(data, dict):
            chart = read_chart(path.stem, data, rel, errors)
        elif data is not None:
            errors.append(ContentError(rel, 1, "", f"a chart spec must be a mapping of fields, not {type_name(data)}"))
        if chart is not None:
            charts[chart.id] = chart
            raw.charts[chart.id] = data
        else:
            raw.broken["chart"].add(path.stem)
    return charts


def read_chart(chart_id: str, data: dict, rel: str, errors: list[ContentError]) -> ChartSpec | None:
    fields = Fields(rel, errors)
    before = len(errors)
    fields.unknown(data, CHART_FIELDS)
    if not ID_RE.match(chart_id):
        errors.append(ContentError(rel, 0, "", f"file name must be a kebab-case chart id, not {chart_id!r}"))
    if "id" in data and data["id"] != chart_id:
        fields.error(data, "id", f"{data['id']!r} differs from the file name {chart_id!r}; the chart id is the file name")
    chart = ChartSpec(
        id=chart_id,
        title=fields.text(data, "title", required=True),
        type=fields.choice(data, "type", CHART_TYPES, default="bar", required=True),
        path=rel,
        title_en=fields.text(data, "title_en"),
        subtitle=fields.text(data, "subtitle"),
        subtitle_en=fields.text(data, "subtitle_en"),
        theme=fields.text(data, "theme"),
        x_title=fields.text(data, "x_title"),
        y_title=fields.text(data, "y_title"),
        y_title_en=fields.text(data, "y_title_en"),
        notes=[n for n, _ in fields.text_list(data, "notes")],
        notes_en=[n for n, _ in fields.text_list(data, "notes_en")],
        description=fields.text(data, "description"),
        description_en=fields.text(data, "description_en"),
    )
    if not fields.present(data, "series", required=True):
        return None
    series_records = fields.records(data, "series")
    series_fields = fields.nested("series.")
    for record in series_records:
        series_fields.unknown(record, SERIES_FIELDS)
        select = {}
        if record.get("select") is not None:
            if isinstance(record["select"], dict):
                for key, value in record["select"].items():
                    if key not in SELECT_KEYS:
                        errors.append(ContentError(rel, line_of(record["select"], key), "series.select", f"cannot filter on {key!r} (one of: {', '.join(SELECT_KEYS)})"))
                    elif isinstance(value, (dict, list, bool)) or value is None:
                        errors.append(ContentError(rel, line_of(record["select"], key), f"series.select.{key}", f"must be text, not {type_name(value)}"))
                    else:
                        select[key] = str(value)
            else:
                series_fields.error(record, "select", f"must be a mapping such as {{metric: industrial_output}}, not {type_name(record['select'])}")
        chart.series.append(SeriesSpec(
            name=series_fields.text(record, "name", required=True),
            name_en=series_fields.text(record, "name_en"),
            facts=[f for f, _ in series_fields.text_list(record, "facts")],
            select=select,
            style=series_fields.choice(record, "style", SERIES_STYLES, default="") if record.get("style") else "",
        ))
    return chart if len(errors) == before else None


def series_facts(series: SeriesSpec, facts: dict[str, Fact]) -> list[Fact]:
    """The facts a chart series draws: its listed ids, then every fact its `select` matches."""
    chosen = [facts[i] for i in series.facts if i in facts]
    if series.select:
        listed = set(series.facts)
        chosen += [f for f in facts.values()
                   if f.id not in listed and all(str(getattr(f, key)) == value for key, value in series.select.items())]
    return chosen


def check_series(chart: ChartSpec, data: dict, metrics: dict[str, Metric], facts: dict[str, Fact], raw: Raw,
                  errors: list[ContentError]) -> None:
    records = data.get("series") or []
    for index, series in enumerate(chart.series):
        record = records[index] if index < len(records) else {}
        line = line_of(records, index)
        listed = record.get("facts") or []
        for position, fact_id in enumerate(series.facts):
            if not raw.known("fact", fact_id, facts):
                errors.append(ContentError(chart.path, line_of(listed, position) or line_of(record, "facts"), "series.facts", raw.unknown_fact(fact_id)))
        if "metric" in series.select and not raw.known("metric", series.select["metric"], metrics):
            errors.append(ContentError(chart.path, line_of(record.get("select"), "metric"), "series.select.metric", f"unknown metric {series.select['metric']!r}"))
        if not series.facts and not series.select:
            errors.append(ContentError(chart.path, line, "series", f"series {series.name!r} names no facts: give 'facts: [ids]' or 'select: {{metric: …}}'"))
        elif not series_facts(series, facts) and not (raw.broken["fact"] or raw.broken["metric"]):
            # (when some facts failed to load, an empty selection may be their fault: not reported)
            wanted = ", ".join(f"{k}={v}" for k, v in series.select.items())
            errors.append(ContentError(chart.path, line_of(record, "select") or line, "series", f"series {series.name!r} selects no facts ({wanted or 'no known ids'})"))
