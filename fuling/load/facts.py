"""Fact records: read `content/facts/*.yaml`, validate each field, check sources.

Cross-file rules (unique ids, known metrics, quotes found in their articles,
conflicting figures) live here too, since they are all about facts.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from fuling.core.errors import ContentError
from fuling.core.memo import NO_MEMO, Memo
from fuling.core.model import Article, Correction, Fact, Metric, Source
from fuling.core.numbers import format_value, quote_matches_value, unit_scale
from fuling.core.reporter import Progress, report_progress
from fuling.core.vocab import BOUND_SIGN, BOUNDS, KINDS, MEASURES
from fuling.load.fields import Fields, line_of, type_name
from fuling.core.listing import content_files
from fuling.load.yamlfile import read_yaml

FACT_FIELDS = {"id", "metric", "subject", "value", "unit", "period", "kind", "source", "also_in",
               "bound", "measure", "reviewed", "rejected", "note", "corrections"}
SOURCE_FIELDS = {"article", "quote", "paragraph"}
CORRECTION_FIELDS = {"date", "old_value", "reason"}

_YEAR = r"(\d{4})"
PERIOD_YEAR = re.compile(rf"^{_YEAR}$")
PERIOD_SPAN = re.compile(rf"^{_YEAR}-(\d\d)/{_YEAR}-(\d\d)$")
PERIOD_DAY = re.compile(rf"^{_YEAR}-(\d\d)-(\d\d)$")
ABOUT_SLACK = 0.05  # 左右/约/近: the figure stands for anything within 5 %


def period_problem(period: str) -> str:
    """'' when `period` is well formed, else what is wrong with it."""
    expected = "expected YYYY, YYYY-MM/YYYY-MM (part of a year) or YYYY-MM-DD (as of a date)"
    if PERIOD_YEAR.match(period):
        return ""
    if match := PERIOD_SPAN.match(period):
        y1, m1, y2, m2 = (int(g) for g in match.groups())
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
            return f"{period!r} has a month outside 01-12"
        if (y1, m1) > (y2, m2):
            return f"{period!r} ends before it starts"
        return ""
    if PERIOD_DAY.match(period):
        try:
            dt.date.fromisoformat(period)
        except ValueError:
            return f"{period!r} is not a real date"
        return ""
    return f"{period!r} is malformed; {expected}"


@dataclass
class LoadedFact:
    """A fact with the YAML it came from, so cross-checks can name a field's own line."""

    fact: Fact
    record: dict
    sources: list[tuple[str, Source, dict]]  # (field prefix, source, its YAML mapping)

    def line(self, key: str) -> int:
        return line_of(self.record, key) or self.fact.line


ID_LINE_RE = re.compile(r"^\s*(?:-\s+)?id:\s*[\"']?([a-z0-9][a-z0-9-]*)", re.MULTILINE)


def read_fact_files(root: Path, errors: list[ContentError], broken: set[str],
                    progress: Progress | None = None, memo: Memo = NO_MEMO) -> list[LoadedFact]:
    """Valid records; ids of records (or whole files) that failed go into `broken`,
    so references to them are not reported a second time as unknown ids.

    A file's records depend on its bytes alone, so `memo` (the build cache) may
    replay them, errors included, while the file is unchanged.
    """

    facts: list[LoadedFact] = []
    paths = content_files(root, "content/facts", ".yaml", errors)
    for done, path in enumerate(paths, start=1):
        report_progress(progress, "load facts", done, len(paths))
        rel = path.relative_to(root).as_posix()

        def produce(found: list[ContentError], path=path, rel=rel):
            failed: set[str] = set()
            return read_fact_file(path, rel, found, failed), failed

        records, failed = memo.parse("facts", path, root, produce, errors)
        facts += records
        broken |= failed
    return facts


def read_fact_file(path: Path, rel: str, errors: list[ContentError], broken: set[str]) -> list[LoadedFact]:
    facts: list[LoadedFact] = []
    before = len(errors)
    data = read_yaml(path, rel, errors, empty_ok=True)  # an article without figures may have an empty file
    if data is None and len(errors) == before:
        return facts
    if data is None:
        try:
            broken.update(ID_LINE_RE.findall(path.read_text(encoding="utf-8", errors="replace").lstrip("\ufeff")))
        except OSError:
            pass
        return facts
    if isinstance(data, dict):
        if "facts" not in data:
            errors.append(ContentError(rel, line_of(data, None) or 1, "", "expected a list of fact records, or a mapping with a 'facts:' list"))
            return facts
        data = data["facts"] if data["facts"] is not None else []
    if not isinstance(data, list):
        errors.append(ContentError(rel, 1, "", f"expected a list of fact records, not {type_name(data)}"))
        return facts
    for index, record in enumerate(data):
        if not isinstance(record, dict):
            errors.append(ContentError(rel, line_of(data, index) or 1, "", f"record {index + 1} must be a mapping of fields, not {type_name(record)}"))
            continue
        fact = read_fact(record, rel, errors)
        if fact is not None:
            facts.append(fact)
        elif isinstance(record.get("id"), str):
            broken.add(record["id"])
    return facts


def read_fact(record: dict, rel: str, errors: list[ContentError]) -> LoadedFact | None:
    fields = Fields(rel, errors)
    before = len(errors)
    fields.unknown(record, FACT_FIELDS)
    fact_id = fields.ident(record, "id")
    metric = fields.text(record, "metric", required=True)
    subject = fields.text(record, "subject", required=True)
    value = fields.number(record, "value", required=True)
    unit = fields.text(record, "unit", required=True)
    period = _period(record, fields)
    kind = fields.choice(record, "kind", tuple(KINDS), default="actual", required=True)
    bound = fields.choice(record, "bound", tuple(BOUNDS), default="exact")
    measure = fields.choice(record, "measure", tuple(MEASURES), default="level")
    reviewed = fields.boolean(record, "reviewed")
    rejected = fields.text(record, "rejected")
    if reviewed and rejected:
        fields.error(record, "rejected", "a record is either reviewed (published) or rejected (kept unpublished), "
                                         "not both; delete `rejected:` to publish it or set reviewed: false")
    note = fields.text(record, "note")
    source = None
    sources: list[tuple[str, Source, dict]] = []
    if fields.present(record, "source", required=True):
        if isinstance(record["source"], dict):
            source = read_source(record["source"], fields.nested("source."))
            if source:
                sources.append(("source.", source, record["source"]))
        else:
            fields.error(record, "source", f"must be a mapping with article, quote and paragraph, not {type_name(record['source'])}")
    also_in = []
    for item in fields.records(record, "also_in"):
        if extra := read_source(item, fields.nested("also_in.")):
            also_in.append(extra)
            sources.append(("also_in.", extra, item))
    corrections = [c for c in (read_correction(r, fields.nested("corrections.")) for r in fields.records(record, "corrections")) if c]
    if len(errors) > before or source is None or value is None:
        return None
    fact = Fact(id=fact_id, metric=metric, subject=subject, value=value, unit=unit, period=period, kind=kind,
                source=source, also_in=also_in, bound=bound, measure=measure, reviewed=reviewed, rejected=rejected, note=note,
                corrections=corrections, path=rel, line=line_of(record, None))
    if problem := _value_against_quote(fact):  # reported, and the record still checked against the others
        key, message = problem
        errors.append(ContentError(rel, line_of(record, key) or fact.line, key, message))
    return LoadedFact(fact, record, sources)


PRINTED_NUMBER_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _value_against_quote(fact: Fact) -> tuple[str, str] | None:
    """(field, message) when the value is not what its quote prints and no correction says why.

    A correction records the figure the source printed (`old_value`) and why we
    publish another: the source said X, we publish Y because …"""
    quote = fact.source.quote
    if quote_matches_value(quote, fact.value, fact.unit):
        return None
    if fact.corrections:
        if any(quote_matches_value(quote, c.old_value, fact.unit) for c in fact.corrections):
            return None
        return "corrections", (f"the value {format_value(fact.value)} differs from its quote “{quote}”, and no "
                               f"correction's old_value is the number the quote prints; old_value is what the source said")
    printed = PRINTED_NUMBER_RE.search(quote)
    old = printed.group(0).replace(",", "") if printed else "<the number the quote prints>"
    return "value", (f"{format_value(fact.value)} is not the number in its quote “{quote}”; if the quote is right, "
                     f"write its number here; if the source is wrong, keep this value and add a correction: "
                     f"`corrections: [{{date: {dt.date.today().isoformat()}, old_value: {old}, reason: …}}]`")


def _period(record: dict, fields: Fields) -> str:
    if not fields.present(record, "period", required=True):
        return ""
    value = record["period"]
    if isinstance(value, dt.date):  # unquoted 2021-12-31 is a YAML date
        value = value.isoformat()
    elif isinstance(value, int) and not isinstance(value, bool):  # unquoted 2023
        value = str(value)
    if not isinstance(value, str):
        fields.error(record, "period", f"must be text such as \"2023\", not {type_name(value)}")
        return ""
    if problem := period_problem(value):
        fields.error(record, "period", problem)
    return value


def read_source(record: dict, fields: Fields) -> Source | None:
    before = len(fields.errors)
    fields.unknown(record, SOURCE_FIELDS)
    article = fields.text(record, "article", required=True)
    quote = fields.text(record, "quote", required=True)
    paragraph = fields.text(record, "paragraph")
    if len(fields.errors) > before:
        return None
    return Source(article=article, quote=quote, paragraph=paragraph)


def read_correction(record: dict, fields: Fields) -> Correction | None:
    before = len(fields.errors)
    fields.unknown(record, CORRECTION_FIELDS)
    date = fields.date(record, "date", required=True)
    old_value = fields.number(record, "old_value", required=True)
    reason = fields.text(record, "reason", required=True)
    if len(fields.errors) > before:
        return None
    return Correction(date=date, old_value=old_value, reason=reason)


def check_facts(loaded: list[LoadedFact], metrics: dict[str, Metric], articles: dict[str, Article],
                errors: list[ContentError], broken: dict[str, set[str]] | None = None) -> dict[str, Fact]:
    """Unique ids, known metrics, sources that exist; returns facts by id in file order."""
    broken = broken or {}  # names whose own file already has an error: not reported again as unknown
    by_id: dict[str, Fact] = {}
    for item in loaded:
        fact = item.fact
        if fact.id in by_id:
            first = by_id[fact.id]
            errors.append(ContentError(fact.path, item.line("id"), "id", f"duplicate fact id {fact.id!r}; first defined at {first.path}:{first.line}"))
            continue
        if fact.metric not in metrics and fact.metric not in broken.get("metric", ()):
            errors.append(ContentError(fact.path, item.line("metric"), "metric", f"unknown metric {fact.metric!r} (not in content/metrics.yaml)"))
        for prefix, source, record in item.sources:
            if source.article not in broken.get("article", ()):
                _check_source(fact.path, source, record, prefix, articles, errors)
        by_id[fact.id] = fact
    return by_id


def _check_source(path: str, source: Source, record: dict, prefix: str, articles: dict[str, Article],
                  errors: list[ContentError]) -> None:
    def where(key: str) -> int:
        return line_of(record, key)

    article = articles.get(source.article)
    if article is None:
        errors.append(ContentError(path, where("article"), f"{prefix}article", f"unknown article slug {source.article!r} (no content/articles/{source.article}.md)"))
        return
    if source.paragraph:
        block = article.block(source.paragraph)
        if block is None:
            errors.append(ContentError(path, where("paragraph"), f"{prefix}paragraph", f"article {source.article!r} has no paragraph {{#{source.paragraph}}}"))
        elif source.quote not in block.text:
            elsewhere = next((b.anchor for b in article.blocks if source.quote in b.text), "")
            hint = f"; it is in {{#{elsewhere}}}" if elsewhere else "; it is not in the article at all"
            errors.append(ContentError(path, where("quote"), f"{prefix}quote", f"not found verbatim in paragraph {{#{source.paragraph}}} of {source.article!r}{hint}"))
    elif not any(source.quote in block.text for block in article.blocks):
        errors.append(ContentError(path, where("quote"), f"{prefix}quote", f"not found verbatim in article {source.article!r}"))


def find_conflicts(facts: dict[str, Fact]) -> list[tuple[str, str, str]]:
    """Facts about the same thing whose figures cannot both be true.

    Same metric, subject, period, kind and measure; values compared in base
    units, each widened by its bound (突破 2000 is consistent with 2471).
    """
    groups: dict[tuple, list[Fact]] = {}
    for fact in facts.values():
        groups.setdefault((fact.metric, fact.subject, fact.period, fact.kind, fact.measure), []).append(fact)
    conflicts = []
    for (metric, subject, period, kind, measure), group in groups.items():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if not _overlap(_interval(a), _interval(b)):
                    why = (f"{subject} {metric} {period} ({kind}, {measure}): "
                           f"{_shown(a)} in {a.source.article} but {_shown(b)} in {b.source.article}")
                    conflicts.append((a.id, b.id, why))
    return conflicts


def _interval(fact: Fact) -> tuple[float, float]:
    value = fact.value * unit_scale(fact.unit)
    if fact.bound == "at_least":
        return value, float("inf")
    if fact.bound == "at_most":
        return float("-inf"), value
    if fact.bound == "about":
        slack = abs(value) * ABOUT_SLACK
        return value - slack, value + slack
    return value, value


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    tolerance = 1e-9 * max(abs(a[0]) if a[0] not in (float("inf"), float("-inf")) else 1.0, 1.0)
    return a[0] <= b[1] + tolerance and b[0] <= a[1] + tolerance


def _shown(fact: Fact) -> str:
    return f"{BOUND_SIGN.get(fact.bound, '')}{format_value(fact.value)} {fact.unit}"
