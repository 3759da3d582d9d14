"""The prose readers see beside the articles: the site's description, theme and article
summaries (cards, <meta description>, feeds), theme narratives and the charts' descriptions.

Figures in it are references: `{fact:ID}` shows the fact's figure and follows every
correction of it (a theme narrative may also link one, `[2471亿元](fact:ID)`, whose text
is checked against the value). Placeholders are filled here, so every later stage reads
the text as readers see it; an unknown id is an error, and a figure typed as digits that
equals a fact's value is a warning naming the reference to write instead.
"""
from __future__ import annotations

import dataclasses
import re

from fuling.core.errors import ContentError
from fuling.core.english import format_fact_en
from fuling.core.facts import FACT_REF, fill_facts
from fuling.core.model import Article, ChartSpec, Fact, SiteConfig, Theme
from fuling.core.numbers import format_fact, format_value
from fuling.load.fields import line_of
from fuling.load.raw import Raw

FACT_LINK_RE = re.compile(r"\[([^\]]*)\]\(fact:([^)\s]*)\)")


def check_references(path: str, field: str, text: str, line: int, facts: dict[str, Fact], raw: Raw,
                     errors: list[ContentError]) -> None:
    for match in FACT_REF.finditer(text):
        fact_id = match.group(1)
        if fact_id not in facts and fact_id not in raw.broken["fact"]:
            errors.append(ContentError(path, line + text.count("\n", 0, match.start()), field,
                                       f"{{fact:{fact_id}}}: {raw.unknown_fact(fact_id)}"))


NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")


def figures_by_value(facts: dict[str, Fact]) -> dict[str, list[tuple[str, str]]]:
    """Printed value (2471) -> [(unit, fact id)]: built once, so each text is scanned for its
    own numbers only (a site of 1,000 summaries and 7,000 facts checks in milliseconds)."""
    index: dict[str, list[tuple[str, str]]] = {}
    for fact in facts.values():
        index.setdefault(format_value(fact.value), []).append((fact.unit, fact.id))
    return index


def typed_figures(path: str, field: str, text: str, line: int, by_value: dict[str, list[tuple[str, str]]]) -> list[str]:
    """Warnings for figures typed as digits that are a fact's value (outside references and links)."""
    plain = FACT_LINK_RE.sub("", FACT_REF.sub("", text))
    found: dict[tuple[int, str], list[str]] = {}  # (position, figure) -> ids of the facts it could be
    for number in NUMBER_RE.finditer(plain):
        for unit, fact_id in by_value.get(number.group(0), ()):
            if plain.startswith(unit, number.end()):
                found.setdefault((number.start(), number.group(0) + unit), []).append(fact_id)
    warnings = []
    for (at, figure), ids in sorted(found.items()):
        where = f"{path}:{line + plain.count(chr(10), 0, at)}: {field}: “{figure}”"
        if len(ids) == 1:
            warnings.append(f"{where} is the value of fact {ids[0]}: write {{fact:{ids[0]}}} so the text follows a correction")
        else:
            warnings.append(f"{where} is the value of {len(ids)} facts ({', '.join(sorted(ids)[:3])}"
                            f"{', …' if len(ids) > 3 else ''}): write {{fact:ID}} with the one meant")
    return warnings


def fill_prose(config: SiteConfig, articles: dict[str, Article], themes: dict[str, Theme], facts: dict[str, Fact],
               raw: Raw, front_matter_line, errors: list[ContentError]) -> tuple[SiteConfig, list[str]]:
    """Check and fill the references of every prose field, in place for articles and themes;
    returns the site config with its description filled, and the warnings."""
    warnings: list[str] = []
    by_value = figures_by_value(facts)

    def fill(path: str, field: str, text: str, line: int) -> str:
        check_references(path, field, text, line, facts, raw, errors)
        warnings.extend(typed_figures(path, field, text, line, by_value))
        return fill_facts(text, facts)

    config = dataclasses.replace(config, description=fill("content/site.yaml", "description", config.description,
                                                          line_of(raw.site, "description")))
    for theme in themes.values():
        data, body_line, body = raw.themes[theme.slug]
        theme.summary = fill(theme.path, "summary", theme.summary, line_of(data, "summary"))
        check_references(theme.path, "body", body, body_line, facts, raw, errors)
        warnings.extend(typed_figures(theme.path, "body", body, body_line, by_value))
    for article in articles.values():
        if article.summary:
            article.summary = fill(article.path, "summary", article.summary, front_matter_line(article.slug, "summary"))
    return config, warnings


def fill_chart_descriptions(charts: dict[str, ChartSpec], facts: dict[str, Fact], raw: Raw,
                            errors: list[ContentError]) -> tuple[dict[str, ChartSpec], list[str]]:
    """Each chart's `description` (and `description_en`) with its references filled, as new specs
    (the ones read may be the build cache's), and the warnings for figures typed as digits."""
    warnings: list[str] = []
    by_value = figures_by_value(facts)
    filled: dict[str, ChartSpec] = {}
    for chart_id, chart in charts.items():
        data = raw.charts.get(chart_id, {})
        texts = {}
        for field in ("description", "description_en"):
            text = getattr(chart, field)
            check_references(chart.path, field, text, line_of(data, field), facts, raw, errors)
            if field == "description":
                warnings.extend(typed_figures(chart.path, field, text, line_of(data, field), by_value))
            texts[field] = fill_facts(text, facts, format_fact_en if field == "description_en" else format_fact)
        filled[chart_id] = dataclasses.replace(chart, **texts) if texts != {f: getattr(chart, f) for f in texts} else chart
    return filled, warnings
