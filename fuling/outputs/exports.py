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

from fuling.core.errors import BuildError, ContentError
from fuling.core.facts import describe_fact
from fuling.core.model import ChartData, Fact, Site
from fuling.core.urls import (
    article_page,
    chart_data_file,
    chart_page,
    page_url,
    served_path,
)

LICENCE_NOTE = ("Figures as printed in the source reports, each with its quotation; "
                "free to reuse with a credit to the reports and this site.")

FACT_COLUMNS = ["id", "metric", "metric_label", "subject", "value", "unit", "period", "kind", "bound", "measure",
                "article", "article_title", "published", "quote", "paragraph", "url", "reviewed", "note", "corrected"]
CHART_COLUMNS = ["series", "x", "period", "value", "unit", "kind", "bound", "fact", "article", "quote", "url"]


def export_data(site: Site, charts: dict[str, ChartData]) -> dict[str, bytes]:
    files = {
        "data/facts.csv": _csv(FACT_COLUMNS, [fact_row(site, f) for f in site.facts.values()]),
        "data/facts.json": _json(facts_document(site), "facts"),
        "data/facts.db": facts_database(site),
    }
    clashes = []
    for chart_id in sorted(charts):
        csv_path, json_path = chart_data_file(chart_id, "csv"), chart_data_file(chart_id, "json")
        if csv_path in files or json_path in files:  # every output path is claimed once
            clashes.append(ContentError(charts[chart_id].spec.path, 0, "id", f"chart {chart_id!r} would write "
                                        f"{csv_path}, the facts download's name: rename the chart's file"))
            continue
        rows = chart_rows(site, charts[chart_id])
        files[csv_path] = _csv(CHART_COLUMNS, rows)
        files[json_path] = _json(chart_document(site, charts[chart_id], rows), "points")
    if clashes:
        raise BuildError(clashes)
    return files


def number(value: float) -> int | float:
    """2471.0 -> 2471, so files show figures as printed."""
    return int(value) if float(value).is_integer() else value


def paragraph_url(article: str, paragraph: str) -> str:
    """Link to the source paragraph, relative to the site root."""
    return served_path(article_page(article)) + (f"#{paragraph}" if paragraph else "")


def fact_row(site: Site, fact: Fact) -> dict:
    described = describe_fact(fact, site)
    article = site.articles[fact.source.article]
    return {
        "id": fact.id, "metric": fact.metric, "metric_label": described.metric_label, "subject": fact.subject,
        "value": number(fact.value), "unit": fact.unit, "period": fact.period, "kind": fact.kind,
        "bound": fact.bound, "measure": fact.measure, "article": article.slug, "article_title": article.title,
        "published": article.date.isoformat(), "quote": fact.source.quote, "paragraph": fact.source.paragraph,
        "url": paragraph_url(article.slug, fact.source.paragraph), "reviewed": fact.reviewed, "note": fact.note,
        "corrected": described.corrected,
    }


def facts_document(site: Site) -> dict:
    facts = []
    for fact in site.facts.values():
        row = fact_row(site, fact)
        row["sources"] = [{"article": s.article, "article_title": site.articles[s.article].title, "quote": s.quote,
                           "paragraph": s.paragraph, "url": paragraph_url(s.article, s.paragraph)} for s in fact.sources]
        row["corrections"] = [{"date": c.date.isoformat(), "old_value": number(c.old_value), "reason": c.reason}
                              for c in fact.corrections]
        facts.append(row)
    return {
        "title": f"{site.config.title}: facts",
        "title_en": f"{site.config.title_en}: facts" if site.config.title_en else "",
        "source": "Fact records drawn from the news reports listed under 'articles'; each carries its verbatim quote.",
        "publisher": site.config.publisher,
        "licence": LICENCE_NOTE,
        "generated_from": "content/ (facts, metrics, articles)",
        "url": site.config.site_url + "data/facts.json",
        "articles": [{"slug": a.slug, "title": a.title, "published": a.date.isoformat(), "url": paragraph_url(a.slug, "")}
                     for a in sorted(site.articles.values(), key=lambda a: a.slug)],
        "metrics": [{"key": m.key, "label": m.label, "label_en": m.label_en, "unit": m.unit, "theme": m.theme,
                     "definition": m.definition} for m in site.metrics.values()],
        "facts": facts,
    }


def chart_rows(site: Site, chart: ChartData) -> list[dict]:
    return [{
        "series": point.series, "x": point.x, "period": point.fact.period, "value": number(point.fact.value),
        "unit": point.fact.unit, "kind": point.fact.kind, "bound": point.fact.bound, "fact": point.fact.id,
        "article": point.fact.source.article, "quote": point.fact.source.quote,
        "url": paragraph_url(point.fact.source.article, point.fact.source.paragraph),
    } for point in chart.points]


def chart_document(site: Site, chart: ChartData, rows: list[dict]) -> dict:
    spec = chart.spec
    articles = sorted({row["article"] for row in rows})
    return {
        "id": spec.id, "title": spec.title, "title_en": spec.title_en, "subtitle": spec.subtitle,
        "notes": spec.notes, "description": chart.description, "licence": LICENCE_NOTE,
        "source": [{"article": slug, "title": site.articles[slug].title, "published": site.articles[slug].date.isoformat()}
                   for slug in articles],
        "url": page_url(site, chart_page(spec.id)),
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
CREATE TABLE facts (id TEXT PRIMARY KEY, metric TEXT NOT NULL REFERENCES metrics(key), subject TEXT NOT NULL,
  value REAL NOT NULL, unit TEXT NOT NULL, period TEXT NOT NULL, kind TEXT NOT NULL, bound TEXT NOT NULL,
  measure TEXT NOT NULL, article TEXT NOT NULL REFERENCES articles(slug), quote TEXT NOT NULL, paragraph TEXT,
  reviewed INTEGER NOT NULL, note TEXT, corrected INTEGER NOT NULL);
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
    """facts.db: metrics, articles, facts, sources (one row each, also_in included), corrections."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "facts.db"
        db = sqlite3.connect(path)
        try:
            db.executescript(SCHEMA)
            db.executemany("INSERT INTO metrics VALUES (?,?,?,?,?,?,?)", [
                (m.key, m.label, m.label_en, m.unit, m.theme, m.definition, m.definition_en)
                for m in sorted(site.metrics.values(), key=lambda m: m.key)])
            db.executemany("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?)", [
                (a.slug, a.title, a.date.isoformat(), a.place, a.publication, "、".join(a.authors), a.seed,
                 paragraph_url(a.slug, "")) for a in sorted(site.articles.values(), key=lambda a: a.slug)])
            facts = sorted(site.facts.values(), key=lambda f: f.id)
            db.executemany("INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", [
                (f.id, f.metric, f.subject, f.value, f.unit, f.period, f.kind, f.bound, f.measure, f.source.article,
                 f.source.quote, f.source.paragraph, int(f.reviewed), f.note, int(bool(f.corrections))) for f in facts])
            db.executemany("INSERT INTO sources VALUES (?,?,?,?,?,?)", [
                (f.id, i, s.article, s.quote, s.paragraph, paragraph_url(s.article, s.paragraph))
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
