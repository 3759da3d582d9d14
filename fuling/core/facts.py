"""One fact, described once: every page, download, search record, JSON-LD claim
and feed entry that shows a fact reads these words, so none of them can print it
differently (or print a label, a period or a value of its own making).
"""
from __future__ import annotations

import datetime as dt

import re
from typing import Callable
from dataclasses import dataclass

from fuling.core.model import Article, Fact, Site
from fuling.core.numbers import format_fact, format_value
from fuling.core.periods import is_partial_year, is_point_in_time, period_label, period_sort_key
from fuling.core.vocab import COUNT_WORDS, KIND_LABELS, MEASURE_LABELS


def metric_label(site: Site, metric_key: str) -> str:
    """The metric's Chinese label from the catalogue; its key when the catalogue has none."""
    metric = site.metrics.get(metric_key)
    return metric.label if metric else metric_key


@dataclass(frozen=True)
class FactDescription:
    fact: Fact
    metric_label: str  # 规上工业产值
    theme: str  # theme slug of the metric ("" when none)
    theme_title: str
    display: str  # 超过2000亿元: bound word, value and unit
    unit: str  # the metric's one unit for counts (户 for firms printed 家), else as printed
    value_text: str  # 2000
    period_label: str  # 2023年, 2022年1—8月, 2021年末
    kind_label: str  # 实际 / 预计 / 目标
    measure_label: str  # "" / 增速 / 占比 / 新增
    partial: bool  # a flow over part of a year
    point_in_time: bool  # a stock as of a date
    article: Article | None  # where it was first printed

    @property
    def name(self) -> str:
        """规上工业产值 of 涪陵区: `涪陵区规上工业产值`."""
        return f"{self.fact.subject}{self.metric_label}"

    @property
    def measured_label(self) -> str:
        """规上工业产值 / 规上工业产值增速 / …占比: the label of what this number measures."""
        return f"{self.metric_label}{self.measure_label}"

    @property
    def headline(self) -> str:
        """涪陵区 规上工业产值（2024年，目标）: what it is, when, and which kind."""
        kind = "" if self.fact.kind == "actual" else f"，{self.kind_label}"
        return f"{self.fact.subject} {self.measured_label}（{self.period_label}{kind}）"

    @property
    def corrected(self) -> bool:
        return bool(self.fact.corrections)

    @property
    def corrected_on(self) -> dt.date | None:
        """Date of the latest correction."""
        return max(c.date for c in self.fact.corrections) if self.fact.corrections else None

    @property
    def original_value(self) -> float | None:
        """The number the source printed, before the first correction."""
        return min(self.fact.corrections, key=lambda c: c.date).old_value if self.fact.corrections else None


def describe_fact(fact: Fact, site: Site) -> FactDescription:
    metric = site.metrics.get(fact.metric)
    theme_slug = metric.theme if metric else ""
    theme = site.themes.get(theme_slug)
    return FactDescription(
        fact=fact,
        metric_label=metric_label(site, fact.metric),
        theme=theme_slug,
        theme_title=theme.title if theme else theme_slug,
        display=format_fact(fact),
        unit=metric.unit if metric and fact.unit in COUNT_WORDS and metric.unit in COUNT_WORDS else fact.unit,
        value_text=format_value(fact.value),
        period_label=period_label(fact.period),
        kind_label=KIND_LABELS.get(fact.kind, fact.kind),
        measure_label=MEASURE_LABELS.get(fact.measure, fact.measure),
        partial=is_partial_year(fact.period),
        point_in_time=is_point_in_time(fact.period),
        article=site.articles.get(fact.source.article),
    )


# A figure written into prose as a reference, not as digits: `{fact:industrial-output-2023}`
# shows that fact's figure (2471亿元) and follows every correction of it.
FACT_REF = re.compile(r"\{fact:([A-Za-z0-9][A-Za-z0-9_.-]*)\}")


def fill_facts(text: str, facts: dict[str, Fact], figure: Callable[[Fact], str] = format_fact) -> str:
    """`text` with each `{fact:ID}` replaced by the fact's figure (`figure`: format_fact, or
    fuling.core.english.format_fact_en in English prose); unknown ids are left as written."""
    return FACT_REF.sub(lambda m: figure(facts[m.group(1)]) if m.group(1) in facts else m.group(0), text)


# The facts explorer's static list is cut into pages of this many rows, so no page grows
# with the site (about 1.9 KB of HTML a row: 100 rows keep a page near 200 KB).
FACTS_PER_PAGE = 100


def explorer_order(site: Site) -> list[Fact]:
    """Every published fact in the explorer's reading order: themes as on the front page,
    metrics as the catalogue lists them, the district before parks and companies, then time."""
    themes = sorted(site.themes.values(), key=lambda t: (t.order, t.slug))
    theme_order = {t.slug: i for i, t in enumerate(themes)}
    metric_order = {key: i for i, key in enumerate(site.metrics)}

    def key(fact: Fact) -> tuple:
        metric = site.metrics.get(fact.metric)
        theme = metric.theme if metric else ""
        return (theme_order.get(theme, len(theme_order)), metric_order.get(fact.metric, len(metric_order)),
                fact.subject != "涪陵区", fact.subject, period_sort_key(fact.period), fact.id)

    return sorted(site.facts.values(), key=key)


def explorer_pages(site: Site) -> dict[str, int]:
    """Fact id -> the page (from 1) of the explorer's static list that holds its row:
    the one place a fact's link (core.urls.fact_url) gets its page from."""
    return {fact.id: index // FACTS_PER_PAGE + 1 for index, fact in enumerate(explorer_order(site))}
