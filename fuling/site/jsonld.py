"""Machine-readable provenance as schema.org JSON-LD.

- `Dataset` (with `DataDownload` distributions) for the data page and for
  each chart page, so that dataset search engines find the downloads;
- both carry the licence (`license`, from site.yaml) and how to cite them (`creditText`);
- `Claim` for every fact, with its `appearance`: the article and the exact
  paragraph the figure was printed in, so fact-checkers can follow it back.

Everything is built from the model and `site_url`; URLs are absolute.
"""
from __future__ import annotations

import json

from markupsafe import Markup

from fuling.core.citation import citation, dataset_title
from fuling.core.facts import describe_fact, metric_label
from fuling.core.model import ChartData, Fact, Site
from fuling.core.urls import (
    absolute,
    article_page,
    chart_data_file,
    chart_page,
    chart_wide_file,
    page_url,
)

CSV = "text/csv"
JSON = "application/json"
SQLITE = "application/vnd.sqlite3"
PLACE = {"@type": "Place", "name": "重庆市涪陵区", "alternateName": "Fuling District, Chongqing"}


def script_tag(data: dict) -> Markup:
    """`<script type="application/ld+json">` with nothing that can close it early.

    `<`, `>` and `&` are written as JSON escapes, so a quote such as
    `</script>` in content stays inert and the JSON is unchanged.
    """
    # Compact separators, no indent: only then does json use its C encoder (the facts
    # page's claims are thousands of objects on a large site).
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">\n{text}\n</script>')


def _publisher(site: Site) -> dict:
    return {"@type": "Organization", "name": site.config.publisher or site.config.title, "url": site.config.site_url}


def _download(site: Site, path: str, fmt: str, name: str) -> dict:
    return {"@type": "DataDownload", "name": name, "encodingFormat": fmt, "contentUrl": absolute(site, path)}


def _years(facts: list[Fact]) -> str:
    years = sorted({int(f.period[:4]) for f in facts if f.period[:4].isdigit()})
    if not years:
        return ""
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}/{years[-1]}"


def _article_urls(site: Site, facts: list[Fact]) -> list[str]:
    slugs = sorted({s.article for f in facts for s in f.sources if s.article in site.articles})
    return [page_url(site, article_page(slug)) for slug in slugs]


def chart_dataset(site: Site, chart: ChartData) -> dict:
    """The data behind one chart, with its CSV and JSON downloads."""
    spec = chart.spec
    facts = [p.fact for p in chart.points]
    metrics = sorted({f.metric for f in facts})
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": page_url(site, chart_page(spec.id)) + "#dataset",
        "name": spec.title,
        "alternateName": spec.title_en or None,
        "description": chart.description,
        "url": page_url(site, chart_page(spec.id)),
        "identifier": spec.id,
        "inLanguage": site.config.language,
        "isAccessibleForFree": True,
        "license": site.config.licence_url or None,
        "creditText": citation(site, spec.title, page_url(site, chart_page(spec.id))).text(),
        "publisher": _publisher(site),
        "creator": _publisher(site),
        "spatialCoverage": PLACE,
        "temporalCoverage": _years(facts) or None,
        "variableMeasured": [metric_label(site, m) for m in metrics],
        "isBasedOn": _article_urls(site, facts),
        "distribution": [
            _download(site, chart_data_file(spec.id, "csv"), CSV, f"{spec.title}（CSV）"),
            _download(site, chart_wide_file(spec.id), CSV, f"{spec.title}（CSV，每个系列一列）"),
            _download(site, chart_data_file(spec.id, "json"), JSON, f"{spec.title}（JSON）"),
        ],
    }
    return {k: v for k, v in data.items() if v not in (None, "", [])}


def site_dataset(site: Site, charts: dict[str, ChartData]) -> dict:
    """Every fact, as CSV, JSON and SQLite, with each chart's data as a part."""
    facts = sorted(site.facts.values(), key=lambda f: f.id)
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": absolute(site, "data/#dataset"),
        "name": dataset_title(site),
        "alternateName": f"{site.config.title_en}: every fact record" if site.config.title_en else None,
        "description": (
            f"{len(facts)}条关于涪陵区经济的数字，每条都附有报道原文的引句、文章和段落。"
            + site.config.description
        ),
        "url": absolute(site, "data/"),
        "inLanguage": site.config.language,
        "isAccessibleForFree": True,
        "license": site.config.licence_url or None,
        "creditText": citation(site, dataset_title(site), absolute(site, "data/")).text(),
        "publisher": _publisher(site),
        "creator": _publisher(site),
        "spatialCoverage": PLACE,
        "temporalCoverage": _years(facts) or None,
        "variableMeasured": [m.label for m in sorted(site.metrics.values(), key=lambda m: m.key)],
        "isBasedOn": _article_urls(site, facts),
        "distribution": [
            _download(site, "data/facts.csv", CSV, "facts.csv"),
            _download(site, "data/facts.json", JSON, "facts.json"),
            _download(site, "data/facts.db", SQLITE, "facts.db"),
        ],
        "hasPart": [
            {"@id": page_url(site, chart_page(cid)) + "#dataset", "@type": "Dataset", "name": charts[cid].spec.title}
            for cid in sorted(charts)
        ],
    }
    return {k: v for k, v in data.items() if v not in (None, "", [])}


def fact_claim(site: Site, fact: Fact, fact_url: str) -> dict:
    """One fact as a Claim, appearing in each article paragraph that prints it."""
    described = describe_fact(fact, site)
    appearances = []
    for source in fact.sources:
        article = site.articles.get(source.article)
        if article is None:
            continue
        url = page_url(site, article_page(article.slug))
        appearances.append({
            "@type": "NewsArticle",
            "url": url + (f"#{source.paragraph}" if source.paragraph else ""),
            "headline": article.title,
            "datePublished": article.date.isoformat(),
            "text": source.quote,
        })
    claim = {
        "@type": "Claim",
        "@id": fact_url,
        "url": fact_url,
        "name": described.name,
        "text": fact.source.quote,
        "about": described.metric_label,
        "appearance": appearances,
    }
    if appearances:
        claim["firstAppearance"] = appearances[0]
    return claim


def claims(site: Site, fact_url, fact_ids=None) -> dict:
    """The facts (`fact_ids`, or every fact) as Claims in one graph; `fact_url(fact)` gives each its page URL."""
    chosen = site.facts.values() if fact_ids is None else (site.facts[i] for i in fact_ids if i in site.facts)
    facts = sorted(chosen, key=lambda f: f.id)
    return {"@context": "https://schema.org", "@graph": [fact_claim(site, f, fact_url(f)) for f in facts]}
