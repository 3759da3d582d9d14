"""The in-memory model every stage after `load` works on.

Plain dataclasses, no behaviour beyond small derived properties: `load`
builds them from `content/`, `charts` and `render` only read them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from fuling.core.searchparts import ARTICLES_PER_PART


@dataclass(frozen=True)
class Block:
    """One block of an article body: a paragraph, heading or list item."""

    anchor: str  # stable id such as "p12", written in the article file
    kind: str  # "p", "h2", "h3" or "li"
    text: str  # Markdown source of the block, anchor marker removed
    line: int  # 1-based line in the article file, for error messages


@dataclass(frozen=True)
class Caption:
    text: str
    credit: str = ""


@dataclass
class Article:
    slug: str
    title: str
    date: dt.date
    seed: str
    path: str  # the article file, relative to the project root
    kicker: str = ""
    subtitle: str = ""
    series: str = ""  # the report series or special the piece ran under
    byline: str = ""  # the byline as printed
    credit: str = ""  # the picture credit as printed
    note: str = ""  # editor's note, e.g. that the printed text breaks off
    date_basis: str = ""  # evidence for `date` where the text prints none
    publication: str = ""
    authors: list[str] = field(default_factory=list)
    author_note: str = ""
    place: str = "涪陵区"
    captions: list[Caption] = field(default_factory=list)
    summary: str = ""
    tags: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    @property
    def plain_text(self) -> str:
        return "\n".join(block.text for block in self.blocks)

    def block(self, anchor: str) -> Block | None:
        return next((b for b in self.blocks if b.anchor == anchor), None)


@dataclass(frozen=True)
class Source:
    article: str  # article slug
    quote: str  # verbatim from the article body
    paragraph: str = ""  # block anchor, e.g. "p12"


@dataclass(frozen=True)
class Correction:
    date: dt.date
    old_value: float
    reason: str


@dataclass
class Metric:
    key: str
    label: str  # Chinese label
    label_en: str
    unit: str
    theme: str  # theme slug
    definition: str
    definition_en: str = ""
    words: tuple[str, ...] = ()  # other names reports give it (签约额): extraction reads them as this metric


@dataclass
class Fact:
    id: str
    metric: str
    subject: str
    value: float
    unit: str
    period: str  # "2023", "2022-01/2022-08" or "2021-12-31"
    kind: str  # "actual", "estimate" or "target"
    source: Source
    also_in: list[Source] = field(default_factory=list)  # same figure, other articles
    bound: str = "exact"  # "exact", "at_least", "about", "at_most"
    measure: str = "level"  # "level", "growth", "share", "change"
    reviewed: bool = False
    rejected: str = ""  # why an editor turned the proposal down; kept so extraction does not propose it again
    note: str = ""
    corrections: list[Correction] = field(default_factory=list)
    # Where the record stands, for error messages: not part of what it says, so a record
    # moved down by an edit above it compares (and caches) as the same fact.
    path: str = field(default="", compare=False, repr=False)  # fact file, relative to the project root
    line: int = field(default=0, compare=False, repr=False)  # line of the record in that file

    @property
    def sources(self) -> list[Source]:
        return [self.source, *self.also_in]


@dataclass
class SeriesSpec:
    name: str
    name_en: str = ""
    facts: list[str] = field(default_factory=list)  # explicit fact ids
    select: dict[str, str] = field(default_factory=dict)  # metric/subject/kind/measure filter
    style: str = ""  # "actual", "target", "estimate": how the marks are drawn


@dataclass
class ChartSpec:
    id: str
    title: str
    type: str  # "bar", "line", "grouped-bar", "pie"
    path: str
    title_en: str = ""
    subtitle: str = ""
    subtitle_en: str = ""
    theme: str = ""
    x_title: str = ""
    y_title: str = ""
    y_title_en: str = ""
    series: list[SeriesSpec] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    notes_en: list[str] = field(default_factory=list)
    # The editor's one-sentence takeaway: the chart's text alternative and the line beside it.
    description: str = ""
    description_en: str = ""


@dataclass
class Theme:
    slug: str
    title: str
    path: str
    title_en: str = ""
    summary: str = ""
    order: int = 100
    charts: list[str] = field(default_factory=list)
    metrics: list[str] = field(default_factory=list)
    body: str = ""  # Markdown narrative; figures link as [2471亿元](fact:industrial-output-2023)


@dataclass
class SiteConfig:
    title: str
    description: str
    site_url: str  # absolute, ends with "/"
    language: str = "zh-CN"
    title_en: str = ""
    publisher: str = ""
    headline_facts: list[str] = field(default_factory=list)
    licence: str = ""  # the licence's short name, "CC BY 4.0"
    licence_url: str = ""  # its legal text
    search_part_articles: int = ARTICLES_PER_PART  # articles a part of the search index holds (fuling.core.searchparts)


@dataclass
class Site:
    """Everything the render stage needs, validated."""

    config: SiteConfig
    articles: dict[str, Article]
    metrics: dict[str, Metric]
    facts: dict[str, Fact]
    charts: dict[str, ChartSpec]
    themes: dict[str, Theme]
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)  # (fact id, fact id, why)
    warnings: list[str] = field(default_factory=list)  # "path:line: field: …" the build prints, not errors
    waiting: dict[str, Fact] = field(default_factory=dict)  # proposed facts nobody has reviewed: not published


@dataclass(frozen=True)
class ChartPoint:
    """One drawn value, always a fact record."""

    fact: Fact
    series: str  # series name
    x: str  # axis label as shown, e.g. "2023年", "2022年1—8月"
    style: str  # "actual", "estimate" or "target"


@dataclass
class ChartData:
    """What the charts stage hands to render and exports."""

    spec: ChartSpec
    points: list[ChartPoint]
    figure: dict  # plotly figure (data + layout) as plain JSON-able data
    description: str  # plain-language text alternative


@dataclass(frozen=True)
class CorrectionEntry:
    """One printed correction, with the fact it belongs to."""

    fact: Fact
    correction: Correction

    @property
    def anchor(self) -> str:
        # Stable: a fact is corrected at most once a day.
        return f"{self.fact.id}-{self.correction.date.isoformat()}"


def all_corrections(site: Site) -> list[CorrectionEntry]:
    """Every correction of every fact, newest first (ties by fact id)."""
    entries = [CorrectionEntry(fact, c) for fact in site.facts.values() for c in fact.corrections]
    entries.sort(key=lambda e: (-e.correction.date.toordinal(), e.fact.id))
    return entries
