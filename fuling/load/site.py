"""Load and validate `content/` into one `Site`, or raise BuildError with every problem.

Nothing here writes anything. Each content kind has a reader that records
`ContentError(path, line, field, message)` and carries on, then the
cross-references between files are checked (headline facts, theme charts and
metrics, chart series, narrative fact links), so a single run lists every
error in the project. Facts live in `load_facts`, YAML line tracking in
`load_yaml`, typed field readers in `load_fields`.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from fuling.core.articlefile import ArticleFormatError, read_article
from fuling.core.errors import BuildError, ContentError
from fuling.core.memo import NO_MEMO, Memo
from fuling.core.model import (
    Article,
    ChartSpec,
    Fact,
    Metric,
    Site,
    SiteConfig,
    Theme,
)
from fuling.core.numbers import format_value, text_matches_value
from fuling.core.reporter import Progress, report_progress
from fuling.core.searchparts import ARTICLES_PER_PART
from fuling.load.charts import check_series, read_charts
from fuling.load.facts import check_facts, find_conflicts, read_fact_files
from fuling.core.listing import content_file, content_files
from fuling.load.fields import ID_RE, KEY_RE, Fields, line_of, type_name
from fuling.load.prose import FACT_LINK_RE, fill_chart_descriptions, fill_prose
from fuling.load.raw import Raw
from fuling.load.yamlfile import parse_yaml, read_text, read_yaml

SITE_FIELDS = {"title", "title_en", "description", "site_url", "language", "publisher", "headline_facts",
               "licence", "licence_url", "search_part_articles"}
METRIC_FIELDS = {"key", "label", "label_en", "unit", "theme", "definition", "definition_en", "words"}
THEME_FIELDS = {"title", "title_en", "summary", "order", "charts", "metrics"}


def load_site(root: Path, site_url: str | None = None, progress: Progress | None = None,
              memo: Memo = NO_MEMO) -> Site:
    """Read everything under `root/content`; raise BuildError listing every error found.

    With the build cache as `memo` (fuling.build.cache) each unchanged file's parse is
    replayed instead of repeated; every cross-file check runs every time.
    `progress(name, done, total)` hears how far the article and fact files are
    when there are many (fuling.core.reporter.LONG_LOOP).
    """
    root = Path(root)
    errors: list[ContentError] = []
    raw = Raw()
    config = read_site_config(root, site_url, errors, raw, memo)
    articles = read_articles(root, errors, raw, progress, memo)
    metrics = read_metrics(root, errors, raw, memo)
    themes = read_themes(root, errors, raw)
    charts = read_charts(root, errors, raw, memo)
    every_fact = check_facts(read_fact_files(root, errors, raw.broken["fact"], progress, memo), metrics, articles,
                             errors, raw.broken)
    # Proposals nobody has reviewed are not published (nor referred to, nor drawn);
    # rejected ones are kept in their files only so that extraction does not propose them again.
    facts = {fid: f for fid, f in every_fact.items() if f.reviewed}
    waiting = {fid: f for fid, f in every_fact.items() if not f.reviewed and not f.rejected}
    raw.waiting = {fid: f"{f.path}:{f.line}" for fid, f in waiting.items()}
    _check_references(config, metrics, themes, charts, facts, raw, errors)
    _check_article_tags(root, articles, themes, raw, errors)
    warnings: list[str] = []
    if config is not None:
        config, warnings = fill_prose(config, articles, themes, facts, raw,
                                      lambda slug, key: _front_matter_line(root / "content" / "articles" / f"{slug}.md", key),
                                      errors)
    charts, chart_warnings = fill_chart_descriptions(charts, facts, raw, errors)
    warnings += chart_warnings
    if errors:
        raise BuildError(errors)
    assert config is not None
    return Site(config=config, articles=articles, metrics=metrics, facts=facts, charts=charts,
                themes=themes, conflicts=find_conflicts(facts), warnings=warnings, waiting=waiting)


# --- site.yaml ---------------------------------------------------------------

# What a published address may hold: it is pasted into attributes of other sites' pages
# (embed codes) and into this site's <base>, so nothing that could end an attribute or
# name another host. A host name or address, an optional port; a path of URL characters.
HOST_RE = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$")
PATH_RE = re.compile(r"^[A-Za-z0-9._~!$&()*+,;=:@%/-]*$")


def normalise_site_url(url: str) -> tuple[str, str]:
    """(url ending in '/', '') or ('', what is wrong)."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "", f"{url!r} must be an absolute http:// or https:// URL, e.g. https://news.example.cn/data/fuling/"
    if parts.query or parts.fragment:
        return "", f"{url!r} must not carry a query or fragment"
    if parts.username or parts.password or not HOST_RE.match(parts.netloc):
        return "", f"{url!r}: {parts.netloc!r} is not a host name (letters, digits, dots and hyphens, then :port)"
    if not PATH_RE.match(parts.path):
        return "", f"{url!r}: the path may not contain quotes, spaces, < > \\ or other characters a URL escapes"
    if "//" in parts.path:
        return "", f"{url!r}: the path may not contain // (a browser would read what follows as another host)"
    return (url if url.endswith("/") else url + "/"), ""


def read_site_config(root: Path, site_url: str | None, errors: list[ContentError], raw: Raw,
                     memo: Memo = NO_MEMO) -> SiteConfig | None:
    rel = "content/site.yaml"
    path = root / rel
    if not os.path.lexists(path):
        errors.append(ContentError(rel, 0, "", "missing: the site needs content/site.yaml"))
        return None
    if content_file(root, rel, errors) is None:
        return None
    data = read_yaml(path, rel, errors, root, memo=memo)
    if data is None:
        return None
    if not isinstance(data, dict):
        errors.append(ContentError(rel, 1, "", f"must be a mapping of settings, not {type_name(data)}"))
        return None
    raw.site = data
    fields = Fields(rel, errors)
    fields.unknown(data, SITE_FIELDS)
    config = SiteConfig(
        title=fields.text(data, "title", required=True),
        description=fields.text(data, "description", required=True),
        site_url=fields.text(data, "site_url", required=site_url is None),
        language=fields.text(data, "language", default="zh-CN"),
        title_en=fields.text(data, "title_en"),
        publisher=fields.text(data, "publisher"),
        headline_facts=[item for item, _ in fields.text_list(data, "headline_facts")],
        licence=fields.text(data, "licence"),
        licence_url=fields.text(data, "licence_url"),
        search_part_articles=fields.integer(data, "search_part_articles", default=ARTICLES_PER_PART),
    )
    _check_licence(config, data, fields)
    if config.search_part_articles < 1:
        fields.error(data, "search_part_articles", f"must be at least 1, not {config.search_part_articles} "
                     f"(the articles one part of the search index holds; {ARTICLES_PER_PART} if unsure)")
        config.search_part_articles = ARTICLES_PER_PART
    if site_url is not None:
        config.site_url, problem = normalise_site_url(site_url)
        if problem:
            errors.append(ContentError("--site-url", 0, "", problem))
    elif config.site_url:
        config.site_url, problem = normalise_site_url(config.site_url)
        if problem:
            fields.error(data, "site_url", problem)
    return config


def _check_licence(config: SiteConfig, data: dict, fields: Fields) -> None:
    """A licence is named and linked together: every download prints both."""
    if config.licence and not config.licence_url:
        fields.error(data, "licence", f"{config.licence!r} has no licence_url: add licence_url: with the address of "
                     "its legal text, e.g. https://creativecommons.org/licenses/by/4.0/")
    if config.licence_url and not config.licence:
        fields.error(data, "licence_url", "has no licence: add licence: with its short name, e.g. CC BY 4.0")
    if config.licence_url:
        parts = urlsplit(config.licence_url)
        if parts.scheme not in ("http", "https") or not parts.netloc or not PATH_RE.match(parts.path):
            fields.error(data, "licence_url", f"{config.licence_url!r} must be an absolute https:// address, "
                         "e.g. https://creativecommons.org/licenses/by/4.0/")


# --- articles ----------------------------------------------------------------

def read_articles(root: Path, errors: list[ContentError], raw: Raw, progress: Progress | None = None,
                  memo: Memo = NO_MEMO) -> dict[str, Article]:
    articles: dict[str, Article] = {}
    paths = content_files(root, "content/articles", ".md", errors)
    for done, path in enumerate(paths, start=1):
        report_progress(progress, "load articles", done, len(paths))
        rel = path.relative_to(root).as_posix()

        def produce(found: list[ContentError], path=path):
            try:
                return read_article(path, root)
            except ArticleFormatError as exc:
                found.extend(exc.errors)
                return None

        article = memo.parse("article", path, root, produce, errors)
        if article is None:
            raw.broken["article"].add(path.stem)
            continue
        ok = True
        if article.slug != path.stem:
            errors.append(ContentError(rel, _front_matter_line(path, "slug"), "slug",
                                       f"{article.slug!r} differs from the file name; rename the file to {article.slug}.md or set slug: {path.stem}"))
            ok = False
        elif not ID_RE.match(article.slug):
            errors.append(ContentError(rel, _front_matter_line(path, "slug"), "slug", f"{article.slug!r} is not a kebab-case slug"))
            ok = False
        seen: dict[str, int] = {}
        for block in article.blocks:
            if block.anchor in seen:
                errors.append(ContentError(rel, block.line, "anchor", f"{{#{block.anchor}}} is used twice in this article (first on line {seen[block.anchor]}); anchors must be unique"))
                ok = False
            seen.setdefault(block.anchor, block.line)
        if ok:
            articles[article.slug] = article
        else:
            raw.broken["article"].update((path.stem, article.slug))
    return articles


def _front_matter_line(path: Path, key: str) -> int:
    """Line of `key:` in an article's front matter (the article reader keeps no lines)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n")[1:], start=2):
        if line.strip() == "---":
            break
        if line.startswith(f"{key}:"):
            return number
    return 2


# --- metrics -----------------------------------------------------------------

def read_metrics(root: Path, errors: list[ContentError], raw: Raw, memo: Memo = NO_MEMO) -> dict[str, Metric]:
    rel = "content/metrics.yaml"
    path = root / rel
    if not os.path.lexists(path):
        errors.append(ContentError(rel, 0, "", "missing: facts need the metric catalogue content/metrics.yaml"))
        return {}
    if content_file(root, rel, errors) is None:
        return {}
    data = read_yaml(path, rel, errors, root, memo=memo)
    if data is None:
        return {}
    if isinstance(data, dict) and "metrics" in data:
        data = data["metrics"] or []
    if not isinstance(data, list):
        errors.append(ContentError(rel, 1, "", f"expected a list of metrics, not {type_name(data)}"))
        return {}
    metrics: dict[str, Metric] = {}
    named_by: dict[str, str] = {}  # word -> the metric whose words list it
    fields = Fields(rel, errors)
    for index, record in enumerate(data):
        if not isinstance(record, dict):
            errors.append(ContentError(rel, line_of(data, index), "", f"metric {index + 1} must be a mapping of fields, not {type_name(record)}"))
            continue
        before = len(errors)
        fields.unknown(record, METRIC_FIELDS)
        metric = Metric(
            key=fields.ident(record, "key", KEY_RE, "snake_case key such as industrial_output"),
            label=fields.text(record, "label", required=True),
            label_en=fields.text(record, "label_en"),
            unit=fields.text(record, "unit", required=True),
            theme=fields.text(record, "theme", required=True),
            definition=fields.text(record, "definition"),
            definition_en=fields.text(record, "definition_en"),
            words=_metric_words(record, fields, named_by),
        )
        if metric.key in metrics:
            fields.error(record, "key", f"duplicate metric key {metric.key!r}")
        if len(errors) == before:
            metrics[metric.key] = metric
            raw.metrics[metric.key] = record
        elif isinstance(record.get("key"), str):
            raw.broken["metric"].add(record["key"])
    return metrics


def _metric_words(record: dict, fields: Fields, named_by: dict[str, str]) -> tuple[str, ...]:
    """A metric's `words`: other names reports give it, each naming one metric only."""
    words = []
    for word, line in fields.text_list(record, "words"):
        word = word.strip()
        other = named_by.get(word)
        if len(word) < 2:
            problem = f"{word!r} is too short to name a metric; write the words a report uses, such as 签约额"
        elif other is not None and other != record.get("key"):
            problem = f"{word!r} already names metric {other!r}; list it under one metric only"
        else:
            named_by[word] = str(record.get("key"))
            words.append(word)
            continue
        fields.errors.append(ContentError(fields.path, line, "words", problem))
    return tuple(words)


# --- themes ------------------------------------------------------------------

def read_themes(root: Path, errors: list[ContentError], raw: Raw) -> dict[str, Theme]:
    themes: list[Theme] = []
    for path in content_files(root, "content/themes", ".md", errors):
        rel = path.relative_to(root).as_posix()
        theme = read_theme(path, rel, errors, raw)
        if theme is not None:
            themes.append(theme)
        else:
            raw.broken["theme"].add(path.stem)
    themes.sort(key=lambda t: (t.order, t.slug))
    return {theme.slug: theme for theme in themes}


def read_theme(path: Path, rel: str, errors: list[ContentError], raw: Raw) -> Theme | None:
    text = read_text(path, rel, errors)
    if text is None:
        return None
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        errors.append(ContentError(rel, 1, "", "file must start with '---' front matter"))
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        errors.append(ContentError(rel, 1, "", "front matter has no closing '---'"))
        return None
    data = parse_yaml("\n".join(lines[1:end]), rel, errors, first_line=2)
    if data is None:
        return None
    if not isinstance(data, dict):
        errors.append(ContentError(rel, 2, "", "front matter must be a mapping"))
        return None
    if not ID_RE.match(path.stem):
        errors.append(ContentError(rel, 0, "", f"file name {path.name!r} must be a kebab-case theme slug"))
    fields = Fields(rel, errors)
    before = len(errors)
    fields.unknown(data, THEME_FIELDS)
    theme = Theme(
        slug=path.stem,
        title=fields.text(data, "title", required=True),
        path=rel,
        title_en=fields.text(data, "title_en"),
        summary=fields.text(data, "summary"),
        order=fields.integer(data, "order", 100),
        charts=[c for c, _ in fields.text_list(data, "charts")],
        metrics=[m for m, _ in fields.text_list(data, "metrics")],
        body="\n".join(lines[end + 1:]).strip("\n") + "\n",
    )
    raw.themes[theme.slug] = (data, end + 2, "\n".join(lines[end + 1:]))
    return theme if len(errors) == before else None


# --- charts ------------------------------------------------------------------


# --- cross-references ----------------------------------------------------------

def _check_references(config: SiteConfig | None, metrics: dict[str, Metric], themes: dict[str, Theme],
                      charts: dict[str, ChartSpec], facts: dict[str, Fact], raw: Raw,
                      errors: list[ContentError]) -> None:
    if config is not None:
        listed = raw.site.get("headline_facts")
        for index, fact_id in enumerate(config.headline_facts):
            if not raw.known("fact", fact_id, facts):
                line = line_of(listed, index) or line_of(raw.site, "headline_facts")
                errors.append(ContentError("content/site.yaml", line, "headline_facts", raw.unknown_fact(fact_id)))
    for key, metric in metrics.items():
        if not raw.known("theme", metric.theme, themes):
            errors.append(ContentError("content/metrics.yaml", line_of(raw.metrics[key], "theme"), "theme", f"unknown theme {metric.theme!r} for metric {key!r} (no content/themes/{metric.theme}.md)"))
    for theme in themes.values():
        data, body_line, body = raw.themes[theme.slug]
        for field, present, kind in (("charts", charts, "chart"), ("metrics", metrics, "metric")):
            items = data.get(field) or []
            for index, item in enumerate(items if isinstance(items, list) else [items]):
                if not raw.known(kind, str(item), present):
                    errors.append(ContentError(theme.path, line_of(items, index) or line_of(data, field), field, f"unknown {kind} {item!r}"))
        _check_fact_links(theme.path, body, body_line, facts, raw, errors)
    for chart in charts.values():
        data = raw.charts[chart.id]
        if chart.theme and not raw.known("theme", chart.theme, themes):
            errors.append(ContentError(chart.path, line_of(data, "theme"), "theme", f"unknown theme {chart.theme!r}"))
        check_series(chart, data, metrics, facts, raw, errors)


def _check_article_tags(root: Path, articles: dict[str, Article], themes: dict[str, Theme], raw: Raw,
                        errors: list[ContentError]) -> None:
    """An article's `tags` are the theme slugs it belongs to."""
    for article in articles.values():
        for tag in article.tags:
            if not raw.known("theme", tag, themes):
                errors.append(ContentError(article.path, _front_matter_line(root / article.path, "tags"), "tags",
                                           f"unknown theme {tag!r} (tags are theme slugs: {', '.join(themes)})"))


def _check_fact_links(path: str, body: str, body_line: int, facts: dict[str, Fact], raw: Raw,
                      errors: list[ContentError]) -> None:
    for match in FACT_LINK_RE.finditer(body):
        text, fact_id = match.group(1), match.group(2)
        line = body_line + body.count("\n", 0, match.start())
        fact = facts.get(fact_id)
        if fact_id in raw.broken["fact"]:
            continue
        if fact is None:
            errors.append(ContentError(path, line, "body", f"link [{text}](fact:{fact_id}): {raw.unknown_fact(fact_id)}"))
        elif text and not text_matches_value(text, fact.value, fact.unit):  # empty text shows the figure itself
            errors.append(ContentError(path, line, "body", f"link text {text!r} does not show the value of fact {fact_id!r} ({format_value(fact.value)} {fact.unit})"))
