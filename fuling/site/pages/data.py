"""The data page, `data/index.html`: every download and every column in it.

The columns are read from the files the exports stage actually writes (the
CSV headers, the JSON keys, the SQLite schema), and each is looked up in
`DOCS` below. A column without a description, or a description of a column
that no file has any more, stops the build, so the page cannot drift from
the files.
"""
from __future__ import annotations

import csv
import io
import json
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from fuling.core.citation import citation, dataset_title
from fuling.core.errors import BuildError, ContentError
from fuling.core.model import Site
from fuling.core.urls import chart_data_file, chart_wide_file, page_url
from fuling.site import jsonld

# Column name -> (Chinese, English). "table.column" or "file:key" entries
# override a plain name where the same name means something else there.
DOCS: dict[str, tuple[str, str]] = {
    # facts: one row per fact record
    "id": ("事实记录的编号，固定不变，可用于引用和链接（事实库页面的锚点）", "Stable id of the fact record; the anchor on the facts page"),
    "metric": ("指标代码，对应 metrics 表 / metrics 列表的 key", "Metric key (see the metrics table)"),
    "metric_label": ("这个数字所量的指标名称，随 measure 而变：规上工业产值、规上工业产值增速、……占比", "Chinese label of what the number measures, by measure: 规上工业产值 (level), 规上工业产值增速 (growth), …占比 (share)"),
    "subject": ("数字说的是谁：涪陵区、园区、企业或其他地区", "What the figure is about: the district, a park, a company, another place"),
    "value": ("数值，按原文印刷的数字（单位见 unit）", "The number as printed (unit in `unit`)"),
    "unit": ("单位：亿元、%、万吨……；同一指标的计数只用一个量词（同一批企业原文写“家”或“户”，统一为指标目录的单位）", "Unit: 亿元 (100 million yuan), %, 万吨 (10,000 t)…; one counting word per metric (firms printed 家 or 户 read as the catalogue's unit)"),
    "printed_unit": ("原文印刷的单位", "Unit as the report printed it"),
    "period_label": ("时期的读法：2023年、2022年1—8月、2021年末", "The period as a reader reads it (Chinese): 2023年, 2022年1—8月 (Jan–Aug 2022), 2021年末 (end of 2021)"),
    "partial": ("是否只是一年中的几个月（true/false）：不能与全年数字相比", "true for part of a year (Jan–Aug): not comparable with whole years"),
    "licence": ("使用许可（许可文本的网址）", "Licence (address of its legal text)"),
    "period": ("时期：2023 为全年；2022-01/2022-08 为一年中的几个月；2021-12-31 为截至某日", "Period: 2023 (year), 2022-01/2022-08 (part of a year), 2021-12-31 (as of a date)"),
    "kind": ("类别：actual 实际，estimate 预计，target 目标", "actual, estimate or target"),
    "bound": ("原文的说法：exact 确数，at_least 突破/超过/以上，about 约/左右，at_most 不超过", "exact; at_least (突破/超过); about (约/左右); at_most"),
    "measure": ("数值的性质：level 总量，growth 增速（%），share 占比（%），change 新增量", "level, growth (% change), share (% of a whole) or change (absolute addition)"),
    "article": ("来源文章的代码（slug），文章网址为 articles/<slug>/", "Slug of the source article; its page is articles/<slug>/"),
    "article_title": ("来源文章的标题", "Headline of the source article"),
    "published": ("来源文章的发表日期（YYYY-MM-DD）", "Publication date of the source article"),
    "quote": ("原文句子，逐字摘自文章，数字就在其中", "The clause carrying the figure, verbatim from the article"),
    "paragraph": ("原文所在段落的锚点（如 p12）", "Anchor of the paragraph the quote is in (p12)"),
    "url": ("原文段落的完整网址", "Absolute link to the source paragraph"),
    "reviewed": ("是否已由编辑核对（true/false）", "true once an editor has checked the record"),
    "note": ("给读者的说明", "Note for readers"),
    "corrected": ("发布后是否更正过（true/false；详见 corrections）", "true if the figure was corrected after publication"),
    "corrected_on": ("最近一次更正的日期（YYYY-MM-DD；未更正为空）", "Date of the latest correction (empty if never corrected)"),
    "original_value": ("原文印刷的数值（更正前；未更正为空）", "The number the source printed, before correction (empty if never corrected)"),
    "facts.json:sources": ("刊载该数字的全部原文：第一条为主要出处，其余为其他文章中的相同数字", "Every article that prints the figure; the first is the main source"),
    "facts.json:corrections": ("更正记录：date 日期，old_value 原数值，reason 原因", "Corrections: date, old_value, reason"),
    "facts.json:sources.article_title": ("该出处文章的标题", "Headline of that article"),
    # facts.json envelope
    "facts.json:title": ("数据集名称", "Name of the data set"),
    "facts.json:title_en": ("数据集英文名称", "English name of the data set"),
    "facts.json:source": ("数据来源说明", "Where the figures come from"),
    "facts.json:publisher": ("发布者", "Publisher"),
    "facts.json:licence": ("使用许可的名称", "Name of the licence"),
    "facts.json:licence_url": ("许可文本的网址", "Address of the licence's legal text"),
    "facts.json:cite_as": ("引用格式（请加上访问日期）", "How to cite (add the date you accessed it)"),
    "facts.json:generated_from": ("生成数据的内容文件", "Content files the data is generated from"),
    "facts.json:url": ("本文件的网址", "URL of this file"),
    "facts.json:articles": ("全部来源文章：slug、title、published、url", "Every source article: slug, title, published, url"),
    "facts.json:metrics": ("指标目录：key、label、label_en、unit、theme、definition", "The metric catalogue"),
    "facts.json:facts": ("事实记录列表，每条的字段同 facts.csv，另加 sources 和 corrections", "The fact records: the facts.csv columns plus sources and corrections"),
    # per-chart files: one row per drawn value
    "chart:series": ("图表中的系列名称", "Series name on the chart"),
    "chart:x": ("横轴标签，如 2023年、2022年1—8月", "Category label as drawn (2023年, 2022年1—8月)"),
    "chart:fact": ("该数值的事实记录编号（facts.csv 的 id）", "Fact record id (id in facts.csv)"),
    "chart:article": ("主要来源文章的 slug", "Slug of the main source article"),
    "chart:quote": ("原文句子", "Source clause, verbatim"),
    "chart.json:id": ("图表编号，图表页为 charts/<id>/", "Chart id; its page is charts/<id>/"),
    "chart.json:title": ("图表标题", "Chart title"),
    "chart.json:title_en": ("图表英文标题", "English chart title"),
    "chart.json:subtitle": ("副标题", "Subtitle"),
    "chart.json:notes": ("图表说明（部分年份、目标值等）", "Notes printed under the chart"),
    "chart.json:description": ("图表的文字描述（无障碍替代文本）", "Plain-language description of the chart"),
    "chart.json:licence": ("使用许可的名称", "Name of the licence"),
    "chart.json:licence_url": ("许可文本的网址", "Address of the licence's legal text"),
    "chart.json:cite_as": ("引用格式（请加上访问日期）", "How to cite (add the date you accessed it)"),
    # per-chart wide files: one row per category, one column per series
    "wide:x": ("横轴标签，每个类别一行", "Category label; one row per category"),
    "wide:<系列>（<单位>）": ("每个系列一列，列名含单位；同一系列兼有实际和目标时各占一列", "One column per series, its unit in the header; a series with actual and target figures has one of each"),
    "wide:partial": ("这一行是否只是一年中的几个月", "true when the row covers part of a year"),
    "chart.json:source": ("来源文章：article、title、published", "Source articles: article, title, published"),
    "chart.json:url": ("图表页网址", "URL of the chart page"),
    "chart.json:points": ("图上每个数值一行，字段同该图的 CSV", "One entry per drawn value, fields as in the chart's CSV"),
    # facts.db
    "metrics.key": ("指标代码（主键）", "Metric key (primary key)"),
    "metrics.label": ("中文名称", "Chinese label"),
    "metrics.label_en": ("英文名称", "English label"),
    "metrics.unit": ("该指标的单位", "Unit of the metric"),
    "metrics.theme": ("所属主题", "Theme slug"),
    "metrics.definition": ("定义，包括不包含什么", "Definition, including what it does not cover"),
    "metrics.definition_en": ("英文定义", "English definition"),
    "articles.slug": ("文章代码（主键）", "Article slug (primary key)"),
    "articles.title": ("标题", "Headline"),
    "articles.published": ("发表日期", "Publication date"),
    "articles.place": ("文章所写的地方", "Place the article is about"),
    "articles.publication": ("报纸名称（已知时）", "Newspaper, where known"),
    "articles.authors": ("作者，以顿号分隔", "Authors, separated by 、"),
    "articles.seed": ("原始稿件文件", "Source text file"),
    "articles.url": ("文章页的完整网址", "Absolute address of the article page"),
    "dataset.key": ("数据集信息的名称：title、publisher、url、licence、licence_url、cite_as", "Name of a property of the data set: title, publisher, url, licence, licence_url, cite_as"),
    "dataset.value": ("该项的值", "Its value"),
    "facts.partial": ("只是一年中的几个月为 1，否则为 0", "1 for part of a year"),
    "facts.article": ("主要来源文章（外键，articles.slug）", "Main source article (foreign key to articles.slug)"),
    "facts.metric": ("指标（外键，metrics.key）", "Metric (foreign key to metrics.key)"),
    "facts.reviewed": ("已核对为 1，否则为 0", "1 once checked by an editor"),
    "facts.corrected": ("更正过为 1，否则为 0", "1 if corrected"),
    "facts.corrected_on": ("最近一次更正的日期，未更正为 NULL", "Date of the latest correction, NULL if never corrected"),
    "facts.original_value": ("原文印刷的数值，未更正为 NULL", "The number the source printed, NULL if never corrected"),
    "sources.fact": ("事实记录（外键，facts.id）", "Fact (foreign key to facts.id)"),
    "sources.position": ("0 为主要出处，1 起为其他文章中的相同数字", "0 for the main source, 1… for other articles printing the same figure"),
    "sources.article": ("文章（外键，articles.slug）", "Article (foreign key to articles.slug)"),
    "corrections.fact": ("被更正的事实记录（外键，facts.id）", "Corrected fact (foreign key to facts.id)"),
    "corrections.date": ("更正日期", "Date of the correction"),
    "corrections.old_value": ("更正前的数值", "Value before the correction"),
    "corrections.reason": ("更正原因", "Reason"),
}


# The Chinese heading of each CSV column, for a reader who relabels a spreadsheet's
# header row (docs/data.md lists them beside the English names; a test keeps both equal).
COLUMN_LABELS: dict[str, str] = {
    "id": "编号", "metric": "指标代码", "metric_label": "指标", "subject": "主体", "value": "数值", "unit": "单位",
    "printed_unit": "原文单位", "period": "时期代码", "period_label": "时期", "partial": "部分月份", "kind": "类别",
    "bound": "说法", "measure": "性质", "article": "文章代码", "article_title": "文章标题", "published": "发表日期",
    "quote": "原文", "paragraph": "段落", "url": "原文链接", "reviewed": "已核对", "note": "说明",
    "corrected": "已更正", "corrected_on": "更正日期", "original_value": "原文数值", "licence": "许可", "series": "系列", "x": "类别标签", "fact": "事实记录",
}


@dataclass(frozen=True)
class Column:
    name: str
    zh: str
    en: str
    label: str = ""  # Chinese heading (COLUMN_LABELS), for the CSV columns


@dataclass(frozen=True)
class Table:
    """One documented table: a file, a JSON object, or a SQLite table."""

    key: str  # anchor on the page
    title: str
    files: list[str]  # output paths (relative to site/)
    columns: list[Column]


def _doc(keys: list[str], used: set[str]) -> tuple[str, str] | None:
    for key in keys:
        if key in DOCS:
            used.add(key)
            return DOCS[key]
    return None


def _csv_header(data: bytes) -> list[str]:
    return next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def _sqlite_tables(data: bytes) -> dict[str, list[str]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "facts.db"
        path.write_bytes(data)
        db = sqlite3.connect(path)
        try:
            names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY rowid")]
            return {n: [r[1] for r in db.execute(f'PRAGMA table_info("{n}")')] for n in names}
        finally:
            db.close()


def describe_exports(files: dict[str, bytes], chart_ids: list[str]) -> list[Table]:
    """Every table and column of the exported files, with its description.

    Raises BuildError naming each column that has no description and each
    description that no longer matches a column.
    """
    used: set[str] = set()
    missing: list[str] = []
    tables: list[Table] = []

    def add(key, title, paths, names, lookups):
        cols = []
        for name in names:
            doc = _doc(lookups(name), used)
            if doc is None:
                missing.append(f"{paths[0]}: {name}")
                doc = ("", "")
            cols.append(Column(name, *doc, label=COLUMN_LABELS.get(name, "") if paths[0].endswith(".csv") else ""))
        tables.append(Table(key, title, paths, cols))

    if "data/facts.csv" in files:
        add("facts-csv", "facts.csv：每条事实记录一行", ["data/facts.csv"], _csv_header(files["data/facts.csv"]),
            lambda n: [n])
    if "data/facts.json" in files:
        doc = json.loads(files["data/facts.json"])
        add("facts-json", "facts.json：整体结构", ["data/facts.json"], list(doc), lambda n: [f"facts.json:{n}"])
        extra = [k for k in (doc.get("facts") or [{}])[0] if k not in _csv_header(files.get("data/facts.csv", b"id\n"))]
        add("facts-json-facts", "facts.json：facts 中每条记录另有的字段", ["data/facts.json"], extra,
            lambda n: [f"facts.json:{n}", n])
        sources = (doc.get("facts") or [{}])[0].get("sources") or [{}]
        add("facts-json-sources", "facts.json：sources 中每个出处", ["data/facts.json"], list(sources[0]),
            lambda n: [f"facts.json:sources.{n}", n])
    charts = [c for c in chart_ids if chart_data_file(c, "csv") in files]
    if charts:
        paths = [chart_data_file(c, "csv") for c in charts]
        add("chart-csv", "图表数据 <id>.csv：图上每个数值一行", paths, _csv_header(files[paths[0]]),
            lambda n: [f"chart:{n}", n])
        wide = [chart_wide_file(c) for c in charts]
        # The series columns differ from chart to chart: documented as one pattern.
        names = _csv_header(files[wide[0]])
        add("chart-wide", "图表数据 <id>-wide.csv：每个类别一行、每个系列一列", wide,
            [names[0], "<系列>（<单位>）", *names[-2:]], lambda n: [f"wide:{n}", n])
        first = json.loads(files[chart_data_file(charts[0], "json")])
        add("chart-json", "图表数据 <id>.json：整体结构", [chart_data_file(c, "json") for c in charts], list(first),
            lambda n: [f"chart.json:{n}"])
    if "data/facts.db" in files:
        for table, names in _sqlite_tables(files["data/facts.db"]).items():
            add(f"db-{table}", f"facts.db：{table} 表", ["data/facts.db"], names, lambda n, t=table: [f"{t}.{n}", n])

    errors = [ContentError("fuling/site/pages/data.py", 0, "DOCS", f"column {m} has no description") for m in missing]
    # A description is stale when its file was read and has no such column;
    # chart descriptions are not checked on a site without charts.
    stale = sorted(k for k in set(DOCS) - used if charts or not k.startswith("chart"))
    errors += [ContentError("fuling/site/pages/data.py", 0, "DOCS", f"{key!r} describes no column of the exported files") for key in stale]
    if errors:
        raise BuildError(errors)
    return tables


def generate(ctx) -> dict[str, bytes]:
    """`data/index.html`, built from the files the exports stage writes."""
    site: Site = ctx.site
    files = ctx.exported_files()
    tables = describe_exports(files, sorted(ctx.charts))
    sizes = {path: len(data) for path, data in files.items()}
    charts = [(cid, ctx.charts[cid].spec.title) for cid in sorted(ctx.charts)]
    return ctx.page(
        "data.html", "data/index.html",
        section="data", title=f"数据下载与说明 · {site.config.title}",
        description=f"下载{site.config.title}的全部{len(site.facts)}条事实记录（CSV、JSON、SQLite）和每张图表的数据，并查看每一列的含义。",
        canonical=ctx.canonical("data/index.html"),
        tables=tables, sizes=sizes, charts=charts, fact_count=len(site.facts),
        citation=citation(site, dataset_title(site), page_url(site, "data/index.html")),
        dataset_jsonld=jsonld.script_tag(jsonld.site_dataset(site, ctx.charts)),
    )
