"""View data for templates: facts, sources, articles, themes and charts, prepared in Python.

Templates only display; every label, link target and sort order is decided
here. Link targets are root-relative ("facts/3/index.html#id"); templates turn
them into page-relative links with the `url` filter.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from fuling.charts.description import chart_notes
from fuling.charts.cards import card_alt, site_card_alt
from fuling.charts.pictures import DOWNLOAD, PICTURE, SHARE, SITE_CARD, Preview
from fuling.charts.style import plot_height
from fuling.core.facts import FACTS_PER_PAGE, describe_fact, explorer_pages
from fuling.core.model import Article, ChartData, Correction, Fact, Site, Source
from fuling.core.numbers import format_value
from fuling.core.periods import (
    date_label,
    period_sort_key,
)
from fuling.core.urls import absolute, article_page, chart_page, fact_url, facts_page, theme_page
from fuling.core.vocab import BOUND_PREFIX

KEY_FACTS_SHOWN = 60  # a theme page lists at most this many rows (about 1 KB each) of its key facts
FRAGMENT_MAX = 48  # longer quotes are matched by their start and end words
# What a fragment escapes: its own syntax characters, controls, spaces (one pattern: a quote
# is mostly Chinese, which stays as it is).
_FRAGMENT_ESCAPED = re.compile(r"[-&,%#\"<>\\^`{|}'\x00-\x20\s]")


def _percent(match: re.Match) -> str:
    return "".join(f"%{b:02X}" for b in match.group(0).encode("utf-8"))


def text_fragment(quote: str) -> str:
    """`:~:text=` directive for a quote; '-', '&' and ',' are percent-encoded as the spec needs."""
    text = quote.replace("*", "").replace("`", "").strip()

    def enc(part: str) -> str:
        # Chinese stays as it is (an IRI; browsers encode it when following the link),
        # which keeps pages small; the directive's own syntax characters are escaped.
        return _FRAGMENT_ESCAPED.sub(_percent, part)

    if len(text) > FRAGMENT_MAX:
        return f":~:text={enc(text[:16])},{enc(text[-16:])}"
    return f":~:text={enc(text)}"


def find_paragraph(article: Article | None, quote: str) -> str:
    if article is None:
        return ""
    for block in article.blocks:
        if quote and quote in block.text:
            return block.anchor
    return ""


@dataclass(frozen=True)
class SourceView:
    article: str  # slug
    article_title: str
    publication: str
    date: str  # ISO
    date_label: str
    quote: str
    paragraph: str
    href: str  # root-relative: article page, paragraph anchor, text fragment

    @property
    def citation(self) -> str:
        """Short citation: 《title》，publication，date."""
        parts = [f"《{self.article_title}》"]
        if self.publication:
            parts.append(self.publication)
        parts.append(self.date_label)
        return "，".join(parts)


@dataclass
class FactView:
    id: str
    fact: Fact
    display: str  # 超过2000亿元
    value_text: str  # 2000
    unit: str
    period_label: str
    period_key: str  # for filters and sorting
    kind: str
    kind_label: str
    measure_label: str
    metric: str
    metric_label: str
    theme: str
    theme_title: str
    subject: str
    partial: bool
    point_in_time: bool
    sources: list[SourceView]
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (other fact id, why)
    page: int = 1  # the explorer's static page holding its row (core.facts.explorer_pages)

    @property
    def href(self) -> str:
        return fact_url(self.id, self.page)

    @property
    def source(self) -> SourceView:
        return self.sources[0]

    @property
    def bound_label(self) -> str:
        """超过 / 约 / 不超过, or ''."""
        return BOUND_PREFIX.get(self.fact.bound, "")

    @property
    def tooltip(self) -> str:
        """Quote, publication and date, for a title attribute."""
        return f"“{self.source.quote}” ——{self.source.citation}"

    @property
    def last_correction(self) -> Correction | None:
        return max(self.fact.corrections, key=lambda c: c.date) if self.fact.corrections else None

    @property
    def correction_href(self) -> str:
        """The entry of the latest correction on the corrections page ('' when never corrected)."""
        c = self.last_correction
        return f"corrections/index.html#{self.id}-{c.date.isoformat()}" if c else ""

    @property
    def correction_title(self) -> str:
        """已更正（2024-04-01）：原为2471亿元。统计局核定为2476亿元"""
        c = self.last_correction
        return f"已更正（{c.date.isoformat()}）：原为{format_value(c.old_value)}{self.unit}。{c.reason}" if c else ""

    @property
    def label(self) -> str:
        """What the number is: 涪陵区 规上工业产值（2023年，实际）."""
        measure = f"{self.measure_label}" if self.measure_label else ""
        return f"{self.subject} {self.metric_label}{measure}（{self.period_label}，{self.kind_label}）"


@dataclass
class ArticleView:
    slug: str
    article: Article
    title: str
    date: str
    date_label: str
    tags: list[tuple[str, str]]  # (theme slug, theme title)
    fact_count: int

    @property
    def href(self) -> str:
        return article_page(self.slug)

    @property
    def byline(self) -> str:
        """The byline as printed, without the box (□) the print sets before it: on a
        screen that reads as a character the font lacks."""
        return self.article.byline.lstrip("□■ \u3000")


@dataclass(frozen=True)
class ShareImage:
    """The picture a page shared on WeChat, Weibo and the like shows (og:image)."""

    url: str  # absolute
    width: int
    height: int
    alt: str


def share_image(site: Site, chart: ChartView | None) -> ShareImage | None:
    """A chart's share card as a page's og:image; None when the build drew none (the page then
    shares the site's card: RenderContext.page)."""
    if chart is None or chart.share is None:
        return None
    return ShareImage(url=absolute(site, chart.share.path), width=chart.share.width, height=chart.share.height,
                      alt=chart.share_alt)


def site_share_image(site: Site, previews: dict[str, list[Preview]] | None) -> ShareImage | None:
    """The site's own share card (fuling.charts.cards.site_card_figure); None when the build drew none."""
    card = next(iter((previews or {}).get(SITE_CARD, [])), None)
    if card is None:
        return None
    return ShareImage(url=absolute(site, card.path), width=card.width, height=card.height, alt=site_card_alt(site))


@dataclass(frozen=True)
class DownloadLink:
    text: str  # what it is, in its own language: 浅色 PNG, dark SVG
    image: Preview


@dataclass(frozen=True)
class DownloadGroup:
    """A chart's downloads in one language, each ground and format."""

    lang: str  # "zh" or "en"
    label: str  # the language, named in itself, with its colon
    links: list[DownloadLink]


DOWNLOAD_LANGUAGES = (("zh", "中文：", {"light": "浅色", "dark": "深色"}), ("en", "English: ", {"light": "light", "dark": "dark"}))


@dataclass
class ChartView:
    id: str
    data: ChartData
    title: str
    subtitle: str
    theme: str
    rows: list[tuple[str, str, FactView]]  # (series, x label, fact)
    notes: list[str]
    units: list[str]
    previews: list[Preview] = field(default_factory=list)  # the chart as pictures (fuling.charts.pictures), narrowest first
    share: Preview | None = None  # the share card (og:image), with title, notes, source and licence
    downloads: list[Preview] = field(default_factory=list)  # the same as PNG and SVG, Chinese and English, light and dark
    share_alt: str = ""  # the share card's text alternative

    @property
    def href(self) -> str:
        return chart_page(self.id)

    @property
    def plot_height(self) -> int:
        return plot_height(self.data)

    def download(self, lang: str, scheme: str, fmt: str) -> Preview | None:
        return next((p for p in self.downloads if (p.lang, p.scheme, p.format) == (lang, scheme, fmt)), None)

    @property
    def download_groups(self) -> list[DownloadGroup]:
        """The downloads as the chart page lists them: a line per language, light before dark, PNG before SVG."""
        groups = []
        for lang, label, grounds in DOWNLOAD_LANGUAGES:
            links = [DownloadLink(f"{grounds[scheme]} {fmt.upper()}", image)
                     for scheme in ("light", "dark") for fmt in ("png", "svg")
                     if (image := self.download(lang, scheme, fmt)) is not None]
            if links:
                groups.append(DownloadGroup(lang, label, links))
        return groups

    @property
    def picture(self) -> Preview | None:
        """The picture an <img> shows when no <source> media condition matches: light, narrowest."""
        light = [p for p in self.previews if p.scheme == "light"]
        return light[0] if light else None

    @property
    def picture_sources(self) -> list[Preview]:
        """The other pictures, dark ones first, each scheme widest first: a <picture> takes the
        first <source> that matches."""
        dark = [p for p in self.previews if p.scheme == "dark"]
        light = [p for p in self.previews if p.scheme == "light"][1:]
        return list(reversed(dark)) + list(reversed(light))


@dataclass
class ThemeView:
    slug: str
    title: str
    title_en: str
    summary: str
    charts: list[str]
    key_facts: list[FactView]
    articles: list[ArticleView]

    @property
    def href(self) -> str:
        return theme_page(self.slug)

    @property
    def shown_facts(self) -> list[FactView]:
        """The key facts the theme page lists; the rest are one link away in the explorer."""
        return self.key_facts[:KEY_FACTS_SHOWN]

    @property
    def all_facts_href(self) -> str:
        """The explorer filtered to this theme, on the static page of its first fact (no script)."""
        first = self.key_facts[0].page if self.key_facts else 1
        return f"{facts_page(first)}?theme={self.slug}"


@dataclass
class NavItem:
    label: str
    href: str
    section: str


@dataclass
class SiteViews:
    facts: dict[str, FactView]
    articles: list[ArticleView]  # newest first
    themes: list[ThemeView]  # by order
    charts: dict[str, ChartView]
    nav: list[NavItem]
    headline: list[FactView]
    explorer: list[FactView] = field(default_factory=list)  # the facts explorer's order (core.facts.explorer_order)
    site_share: ShareImage | None = None  # the og:image of a page with no chart's card

    def explorer_pages(self) -> list[list[FactView]]:
        """The explorer's static list, cut into its pages (the first even when there is no fact)."""
        rows = self.explorer
        return [rows[start:start + FACTS_PER_PAGE] for start in range(0, len(rows), FACTS_PER_PAGE)] or [[]]


def source_view(source: Source, site: Site) -> SourceView:
    article = site.articles.get(source.article)
    paragraph = source.paragraph or find_paragraph(article, source.quote)
    href = f"{article_page(source.article)}#{paragraph}{text_fragment(source.quote)}"
    return SourceView(
        article=source.article,
        article_title=article.title if article else source.article,
        publication=article.publication if article else "",
        date=article.date.isoformat() if article else "",
        date_label=date_label(article.date) if article else "",
        quote=source.quote,
        paragraph=paragraph,
        href=href,
    )


def fact_view(fact: Fact, site: Site) -> FactView:
    described = describe_fact(fact, site)
    return FactView(
        id=fact.id,
        fact=fact,
        display=described.display,
        value_text=described.value_text,
        unit=fact.unit,
        period_label=("截至" if described.point_in_time else "") + described.period_label,
        period_key=fact.period,
        kind=fact.kind,
        kind_label=described.kind_label,
        measure_label=described.measure_label,
        metric=fact.metric,
        metric_label=described.metric_label,
        theme=described.theme,
        theme_title=described.theme_title,
        subject=fact.subject,
        partial=described.partial,
        point_in_time=described.point_in_time,
        sources=[source_view(s, site) for s in fact.sources],
    )


def conflicts_by_fact(site: Site) -> dict[str, list[tuple[str, str]]]:
    """Fact id -> (the other fact's id, why) of every conflict it is in, in the site's order."""
    conflicts: dict[str, list[tuple[str, str]]] = {}
    for a, b, why in site.conflicts:
        conflicts.setdefault(a, []).append((b, why))
        conflicts.setdefault(b, []).append((a, why))
    return conflicts


def citation_counts(site: Site) -> dict[str, int]:
    """Article slug -> how many sources of published facts cite it."""
    counts: dict[str, int] = {}
    for fact in site.facts.values():
        for source in fact.sources:
            counts[source.article] = counts.get(source.article, 0) + 1
    return counts


def article_view(article: Article, site: Site, fact_count: int) -> ArticleView:
    return ArticleView(
        slug=article.slug, article=article, title=article.title, date=article.date.isoformat(),
        date_label=date_label(article.date), tags=[(t, site.themes[t].title) for t in article.tags if t in site.themes],
        fact_count=fact_count,
    )


def build_views(site: Site, charts: dict[str, ChartData], previews: dict[str, list[Preview]] | None = None) -> SiteViews:
    facts = {fid: fact_view(site.facts[fid], site) for fid in sorted(site.facts)}
    pages = explorer_pages(site)  # in the explorer's order
    for fact_id, page in pages.items():
        facts[fact_id].page = page
    explorer = [facts[fact_id] for fact_id in pages]
    for fact_id, conflicts in conflicts_by_fact(site).items():
        if fact_id in facts:
            facts[fact_id].conflicts = conflicts

    counts = citation_counts(site)
    themes_sorted = sorted(site.themes.values(), key=lambda t: (t.order, t.slug))
    articles = [article_view(a, site, counts.get(a.slug, 0))
                for a in sorted(site.articles.values(), key=lambda a: (a.date, a.slug), reverse=True)]

    chart_views = {}
    for cid, data in sorted(charts.items()):
        rows = [(p.series, p.x, facts[p.fact.id]) for p in data.points if p.fact.id in facts]
        chart_views[cid] = ChartView(
            id=cid, data=data, title=data.spec.title, subtitle=data.spec.subtitle, theme=data.spec.theme,
            rows=rows, notes=chart_notes(data), units=sorted({p.fact.unit for p in data.points}),
            previews=[p for p in (previews or {}).get(cid, []) if p.kind == PICTURE],
            share=next((p for p in (previews or {}).get(cid, []) if p.kind == SHARE), None),
            downloads=[p for p in (previews or {}).get(cid, []) if p.kind == DOWNLOAD],
            share_alt=card_alt(data, site),
        )

    theme_views = []
    for theme in themes_sorted:
        key = [facts[f.id] for f in site.facts.values() if f.metric in theme.metrics]
        key.sort(key=lambda v: (theme.metrics.index(v.metric), v.subject != "涪陵区", v.subject,
                                period_sort_key(v.period_key), v.id))
        theme_views.append(ThemeView(
            slug=theme.slug, title=theme.title, title_en=theme.title_en, summary=theme.summary,
            charts=[c for c in theme.charts if c in chart_views], key_facts=key,
            articles=[a for a in articles if theme.slug in a.article.tags],
        ))

    nav = [NavItem("首页", "index.html", "home"), NavItem("主题", "themes/index.html", "themes"),
           NavItem("图表", "charts/index.html", "charts"), NavItem("事实库", "facts/index.html", "facts"),
           NavItem("文章", "articles/index.html", "articles")]
    headline = [facts[fid] for fid in site.config.headline_facts if fid in facts]
    return SiteViews(facts=facts, articles=articles, themes=theme_views, charts=chart_views, nav=nav, headline=headline,
                     explorer=explorer, site_share=site_share_image(site, previews))


def refreshed_views(views: SiteViews, site: Site, articles: set[str], facts: set[str],
                    explorer: dict[str, int]) -> SiteViews:
    """`views`, made for an earlier state of `site`, with the views of the given articles, of the
    given facts and of every fact quoting one of those articles made again from `site` (`explorer`:
    its explorer_pages; `site.conflicts` as found for it). The facts explorer's list follows; theme
    and chart views stay as they were: this serves the pages made of articles and facts alone (the
    live preview's first look, fuling/preview/firstlook.py)."""
    fact_views = {fid: view for fid, view in views.facts.items() if fid in site.facts}
    conflicts = conflicts_by_fact(site)
    for fact in site.facts.values():
        old = fact_views.get(fact.id)
        if (fact.id in facts or any(source.article in articles for source in fact.sources) or old is None
                or old.conflicts != conflicts.get(fact.id, []) or old.page != explorer.get(fact.id, 1)):
            view = fact_view(fact, site)
            view.page = explorer.get(fact.id, 1)
            view.conflicts = conflicts.get(fact.id, [])
            fact_views[fact.id] = view
    counts = citation_counts(site)
    article_views = [view for view in views.articles if view.slug not in articles]
    article_views += [article_view(site.articles[slug], site, counts.get(slug, 0)) for slug in articles & set(site.articles)]
    article_views.sort(key=lambda v: (v.article.date, v.slug), reverse=True)
    return dataclasses.replace(views, facts=fact_views, articles=article_views,
                               explorer=[fact_views[fid] for fid in explorer])
