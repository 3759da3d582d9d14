"""Data downloads: every fact as CSV, JSON and SQLite; every chart's points as CSV and JSON.

All outputs are byte-reproducible: rows in a fixed order, no timestamps,
and the SQLite file built by one deterministic sequence of statements and
VACUUMed, so the same content gives the same bytes.
"""
from __future__ import annotations

import csv
import errno
import io
import json
import sqlite3
import tempfile
from pathlib import Path

from fuling.core.citation import citation, dataset_title
from fuling.core.errors import BuildError, ContentError
from fuling.core.facts import describe_fact
from fuling.core.model import ChartData, Fact, Site
from fuling.core.periods import period_sort_key
from fuling.core.urls import (
    chart_data_file,
    chart_page,
    chart_wide_file,
    page_url,
    source_url,
)

# What a fact row says, in the order facts.csv prints it. `unit` is the metric's one
# unit (counts printed 家 and 户 of the same firms read 户), `printed_unit` the report's.
FACT_COLUMNS = ["id", "metric", "metric_label", "subject", "value", "unit", "printed_unit", "period", "period_label",
                "partial", "kind", "bound", "measure", "article", "article_title", "published", "quote", "paragraph",
                "url", "reviewed", "note", "corrected", "corrected_on", "original_value", "licence"]
CHART_COLUMNS = ["series", "x", "period", "period_label", "partial", "value", "unit", "printed_unit", "kind", "bound",
                 "measure", "fact", "article", "quote", "url", "licence"]


def export_data(site: Site, charts: dict[str, ChartData]) -> dict[str, bytes]:
    rows = [fact_row(site, f) for f in site.facts.values()]  # made once for the CSV and the JSON
    files = {
        "data/facts.csv": _csv(FACT_COLUMNS, rows),
        "data/facts.json": _json(facts_document(site, rows), "facts"),
        "data/facts.db": facts_database(site),
    }
    clashes = []
    for chart_id in sorted(charts):
        paths = [chart_data_file(chart_id, "csv"), chart_data_file(chart_id, "json"), chart_wide_file(chart_id)]
        taken = [path for path in paths if path in files]
        if taken:  # every output path is claimed once
            clashes.append(ContentError(charts[chart_id].spec.path, 0, "id", f"chart {chart_id!r} would write "
                                        f"{taken[0]}, another download's name: rename the chart's file"))
            continue
        rows = chart_rows(site, charts[chart_id])
        files[paths[0]] = _csv(CHART_COLUMNS, rows)
        files[paths[1]] = _json(chart_document(site, charts[chart_id], rows), "points")
        files[paths[2]] = wide_csv(site, rows)
    if clashes:
        raise BuildError(clashes)
    return files


def number(value: float) -> int | float:
    """2471.0 -> 2471, so files show figures as printed."""
    return int(value) if float(value).is_integer() else value


def licence_fields(site: Site) -> dict:
    """The licence and how to cite, at the head of every JSON document."""
    return {"licence": site.config.licence, "licence_url": site.config.licence_url}


def cite_as(site: Site, title: str, url: str) -> str:
    return citation(site, title, url).text()


def fact_row(site: Site, fact: Fact) -> dict:
    described = describe_fact(fact, site)
    article = site.articles[fact.source.article]
    return {
        "id": fact.id, "metric": fact.metric, "metric_label": described.measured_label, "subject": fact.subject,
        "value": number(fact.value), "unit": described.unit, "printed_unit": fact.unit, "period": fact.period,
        "period_label": described.period_label, "partial": described.partial, "kind": fact.kind,
        "bound": fact.bound, "measure": fact.measure, "article": article.slug, "article_title": article.title,
        "published": article.date.isoformat(), "quote": fact.source.quote, "paragraph": fact.source.paragraph,
        "url": source_url(site, article.slug, fact.source.paragraph), "reviewed": fact.reviewed, "note": fact.note,
        "corrected": described.corrected,
        "corrected_on": described.corrected_on.isoformat() if described.corrected_on else "",
        "original_value": number(described.original_value) if described.original_value is not None else "",
        "licence": site.config.licence_url,
    }


def facts_document(site: Site, rows: list[dict]) -> dict:
    """facts.json's document; `rows`: fact_row of each fact, in site.facts order (facts.csv's)."""
    facts = []
    for fact, csv_row in zip(site.facts.values(), rows):
        row = dict(csv_row)
        row["sources"] = [{"article": s.article, "article_title": site.articles[s.article].title, "quote": s.quote,
                           "paragraph": s.paragraph, "url": source_url(site, s.article, s.paragraph)}
                          for s in fact.sources]
        row["corrections"] = [{"date": c.date.isoformat(), "old_value": number(c.old_value), "reason": c.reason}
                              for c in fact.corrections]
        facts.append(row)
    title = dataset_title(site)
    return {
        "title": title,
        "title_en": f"{site.config.title_en}: every fact record" if site.config.title_en else "",
        "source": "Fact records drawn from the news reports listed under 'articles'; each carries its verbatim quote.",
        "publisher": site.config.publisher,
        **licence_fields(site),
        "cite_as": cite_as(site, title, page_url(site, "data/index.html")),
        "generated_from": "content/ (facts, metrics, articles)",
        "url": site.config.site_url + "data/facts.json",
        "articles": [{"slug": a.slug, "title": a.title, "published": a.date.isoformat(),
                      "url": source_url(site, a.slug, "")}
                     for a in sorted(site.articles.values(), key=lambda a: a.slug)],
        "metrics": [{"key": m.key, "label": m.label, "label_en": m.label_en, "unit": m.unit, "theme": m.theme,
                     "definition": m.definition} for m in site.metrics.values()],
        "facts": facts,
    }


def chart_rows(site: Site, chart: ChartData) -> list[dict]:
    rows = []
    for point in chart.points:
        fact = point.fact
        described = describe_fact(fact, site)
        rows.append({
            "series": point.series, "x": point.x, "period": fact.period, "period_label": described.period_label,
            "partial": described.partial, "value": number(fact.value), "unit": described.unit,
            "printed_unit": fact.unit, "kind": fact.kind, "bound": fact.bound, "measure": fact.measure,
            "fact": fact.id, "article": fact.source.article, "quote": fact.source.quote,
            "url": source_url(site, fact.source.article, fact.source.paragraph), "licence": site.config.licence_url,
        })
    return rows


def wide_csv(site: Site, rows: list[dict]) -> bytes:
    """The chart as a spreadsheet draws it: one row per category (x), in time order, one column per series
    headed with its unit (实际（亿元）); a series holding figures of several kinds (actual and
    target of one year) gets a column per kind, so no cell holds two numbers. The long CSV
    beside it carries each value's period, source and quote."""
    kinds: dict[str, set[str]] = {}
    for row in rows:
        kinds.setdefault(row["series"], set()).add(row["kind"])

    def header(row: dict) -> str:
        kind = f"（{row['kind']}）" if len(kinds[row["series"]]) > 1 else ""
        return f"{row['series']}{kind}（{row['unit']}）"

    headers = list(dict.fromkeys(header(row) for row in rows))
    table: dict[str, dict] = {}
    for row in sorted(rows, key=lambda r: period_sort_key(r["period"])):  # categories in time order
        cells = table.setdefault(row["x"], {"x": row["x"], "partial": False, "licence": site.config.licence_url})
        cells["partial"] = cells["partial"] or row["partial"]
        cells[header(row)] = row["value"]
    return _csv(["x", *headers, "partial", "licence"], list(table.values()))


def chart_document(site: Site, chart: ChartData, rows: list[dict]) -> dict:
    spec = chart.spec
    articles = sorted({row["article"] for row in rows})
    url = page_url(site, chart_page(spec.id))
    return {
        "id": spec.id, "title": spec.title, "title_en": spec.title_en, "subtitle": spec.subtitle,
        "notes": spec.notes, "description": chart.description, **licence_fields(site),
        "cite_as": cite_as(site, spec.title, url),
        "source": [{"article": slug, "title": site.articles[slug].title, "published": site.articles[slug].date.isoformat()}
                   for slug in articles],
        "url": url,
        "points": rows,
    }


# A text cell starting with one of these is run as a formula by Excel and WPS
# (=HYPERLINK(…) in a quote): OWASP's advice is a leading apostrophe, which spreadsheets
# hide. Numbers are written as numbers (a fall of 30 % stays -30); JSON and SQLite keep
# the exact text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv(columns: list[str], rows: list[dict]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return buffer.getvalue().encode("utf-8-sig")  # the BOM lets spreadsheet software read the Chinese


def _json(document: dict, rows: str) -> bytes:
    """Metadata indented, then one record per line: readable, diffable, and written by
    json's C encoder (an indented dump of 7,000 facts takes 4x longer)."""
    head = json.dumps({k: v for k, v in document.items() if k != rows}, ensure_ascii=False, indent=1)
    records = ",\n".join("  " + json.dumps(r, ensure_ascii=False, separators=(", ", ": ")) for r in document[rows])
    body = f'{json.dumps(rows)}: [\n{records}\n ]' if records else f"{json.dumps(rows)}: []"
    return (head[:-2] + f",\n {body}\n}}\n").encode("utf-8")


SCHEMA = """
PRAGMA foreign_keys = ON;
CREATE TABLE metrics (key TEXT PRIMARY KEY, label TEXT NOT NULL, label_en TEXT, unit TEXT NOT NULL,
  theme TEXT, definition TEXT, definition_en TEXT);
CREATE TABLE articles (slug TEXT PRIMARY KEY, title TEXT NOT NULL, published TEXT NOT NULL, place TEXT,
  publication TEXT, authors TEXT, seed TEXT, url TEXT);
CREATE TABLE dataset (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE facts (id TEXT PRIMARY KEY, metric TEXT NOT NULL REFERENCES metrics(key), metric_label TEXT NOT NULL,
  subject TEXT NOT NULL, value REAL NOT NULL, unit TEXT NOT NULL, printed_unit TEXT NOT NULL, period TEXT NOT NULL,
  period_label TEXT NOT NULL, partial INTEGER NOT NULL, kind TEXT NOT NULL, bound TEXT NOT NULL,
  measure TEXT NOT NULL, article TEXT NOT NULL REFERENCES articles(slug), quote TEXT NOT NULL, paragraph TEXT,
  reviewed INTEGER NOT NULL, note TEXT, corrected INTEGER NOT NULL, corrected_on TEXT, original_value REAL);
CREATE TABLE sources (fact TEXT NOT NULL REFERENCES facts(id), position INTEGER NOT NULL,
  article TEXT NOT NULL REFERENCES articles(slug), quote TEXT NOT NULL, paragraph TEXT, url TEXT,
  PRIMARY KEY (fact, position));
CREATE TABLE corrections (fact TEXT NOT NULL REFERENCES facts(id), date TEXT NOT NULL, old_value REAL NOT NULL,
  reason TEXT NOT NULL);
CREATE INDEX facts_metric ON facts(metric);
CREATE INDEX facts_article ON facts(article);
CREATE INDEX facts_subject_period ON facts(subject, period);
CREATE INDEX sources_article ON sources(article);
CREATE INDEX corrections_fact ON corrections(fact);
"""


def facts_database(site: Site) -> bytes:
    """facts.db: the data set's title, licence and citation; metrics, articles, facts, sources
    (one row each, also_in included), corrections."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "facts.db"
        db = sqlite3.connect(path)
        try:
            db.executescript(SCHEMA)
            title = dataset_title(site)
            db.executemany("INSERT INTO dataset VALUES (?,?)", [
                ("title", title), ("publisher", site.config.publisher), ("url", page_url(site, "data/index.html")),
                *licence_fields(site).items(), ("cite_as", cite_as(site, title, page_url(site, "data/index.html")))])
            db.executemany("INSERT INTO metrics VALUES (?,?,?,?,?,?,?)", [
                (m.key, m.label, m.label_en, m.unit, m.theme, m.definition, m.definition_en)
                for m in sorted(site.metrics.values(), key=lambda m: m.key)])
            db.executemany("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?)", [
                (a.slug, a.title, a.date.isoformat(), a.place, a.publication, "、".join(a.authors), a.seed,
                 source_url(site, a.slug, "")) for a in sorted(site.articles.values(), key=lambda a: a.slug)])
            facts = sorted(site.facts.values(), key=lambda f: f.id)
            described = [describe_fact(f, site) for f in facts]
            db.executemany("INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", [
                (f.id, f.metric, d.measured_label, f.subject, f.value, d.unit, f.unit, f.period, d.period_label,
                 int(d.partial), f.kind, f.bound, f.measure, f.source.article, f.source.quote, f.source.paragraph,
                 int(f.reviewed), f.note, int(d.corrected), d.corrected_on.isoformat() if d.corrected_on else None,
                 d.original_value) for f, d in zip(facts, described)])
            db.executemany("INSERT INTO sources VALUES (?,?,?,?,?,?)", [
                (f.id, i, s.article, s.quote, s.paragraph, source_url(site, s.article, s.paragraph))
                for f in facts for i, s in enumerate(f.sources)])
            db.executemany("INSERT INTO corrections VALUES (?,?,?,?)", [
                (f.id, c.date.isoformat(), c.old_value, c.reason) for f in facts for c in f.corrections])
            db.commit()
            db.execute("VACUUM")
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:  # its scratch file found no room
                raise OSError(errno.ENOSPC, "No space left on device", str(path)) from None
            raise
        finally:
            db.close()
        return path.read_bytes()
