"""A small in-memory Site built from real figures of the seeds, for unit tests
of the embed, feed, data-page and search generators. It does not read
content/, so these tests pin the generators' behaviour whatever the content
team is editing; tests over the real content live beside them."""
from __future__ import annotations

import datetime as dt

from fuling.core.model import (
    Article,
    Block,
    ChartData,
    ChartPoint,
    ChartSpec,
    Correction,
    Fact,
    Metric,
    SeriesSpec,
    Site,
    SiteConfig,
    Source,
    Theme,
)

SITE_URL = "https://news.example.cn/data/fuling/"


def make_site(site_url: str = SITE_URL, corrected: bool = False) -> Site:
    config = SiteConfig(
        title="涪陵数据",
        title_en="Fuling in figures",
        description="涪陵区经济数据新闻",
        site_url=site_url,
        publisher="涪陵数据编辑部",
    )
    articles = {
        "new-productive-forces": Article(
            slug="new-productive-forces",
            title="3万亿后再出发 · 涪陵 加快形成新质生产力",
            date=dt.date(2024, 3, 20),
            seed="001_44687d2a1dd545a8.txt",
            path="content/articles/new-productive-forces.md",
            authors=["记者甲"],
            summary="涪陵规上工业产值2471亿元。",
            tags=["industry"],
            blocks=[
                Block("p3", "p", "去年，涪陵累计完成规上工业产值2471亿元、区县第二。", 12),
                Block("p9", "p", "新增国家级绿色工厂8家、市级绿色工厂7家，增量居全市第一。", 30),
                Block("p12", "p", "让重庆华峰正式具备了年产150万吨己二酸的生产能力。", 40),
            ],
        ),
        "three-changes": Article(
            slug="three-changes",
            title="笃行不怠建新功",
            date=dt.date(2022, 3, 1),
            seed="000_97d5d91bcd0bf5e6.txt",
            path="content/articles/three-changes.md",
            tags=["green"],
            blocks=[Block("p20", "p", "截至去年底，建成国家绿色工厂5个，市级绿色工厂6个。", 50)],
        ),
    }
    metrics = {
        "industrial_output": Metric("industrial_output", "规上工业产值", "Industrial output (above designated size)", "亿元", "industry", "规模以上工业企业总产值"),
        "green_factories_national": Metric("green_factories_national", "国家级绿色工厂", "National green factories", "家", "green", "累计"),
        "adipic_acid_capacity": Metric("adipic_acid_capacity", "己二酸产能", "Adipic acid capacity", "万吨", "materials", "年产能力"),
    }
    src = lambda art, quote, p: Source(article=art, quote=quote, paragraph=p)  # noqa: E731
    facts = {
        "industrial-output-2023": Fact(
            id="industrial-output-2023", metric="industrial_output", subject="涪陵区", value=2471, unit="亿元",
            period="2023", kind="actual", source=src("new-productive-forces", "去年，涪陵累计完成规上工业产值2471亿元", "p3"),
        ),
        "green-factories-national-2021": Fact(
            id="green-factories-national-2021", metric="green_factories_national", subject="涪陵区", value=5, unit="个",
            period="2021-12-31", kind="actual", source=src("three-changes", "建成国家绿色工厂5个", "p20"),
        ),
        "green-factories-national-new-2023": Fact(
            id="green-factories-national-new-2023", metric="green_factories_national", subject="涪陵区", value=8, unit="家",
            period="2023", kind="actual", measure="change",
            source=src("new-productive-forces", "新增国家级绿色工厂8家", "p9"),
        ),
        "adipic-acid-capacity-huafeng": Fact(
            id="adipic-acid-capacity-huafeng", metric="adipic_acid_capacity", subject="重庆华峰化工", value=150, unit="万吨",
            period="2023", kind="actual", source=src("new-productive-forces", "年产150万吨己二酸", "p12"),
        ),
    }
    if corrected:
        facts["industrial-output-2023"].corrections = [
            Correction(date=dt.date(2024, 4, 2), old_value=2417, reason="数字误植，原文为2471亿元。"),
        ]
    charts = {
        "industrial-output": ChartSpec(
            id="industrial-output", title="涪陵规上工业产值", title_en="Industrial output of Fuling", type="bar",
            path="content/charts/industrial-output.yaml", subtitle="亿元", subtitle_en="100 million yuan",
            theme="industry", x_title="年份", y_title="亿元", y_title_en="100 million yuan",
            series=[SeriesSpec(name="实际", name_en="Actual", style="actual", facts=["industrial-output-2023"])],
            notes=["2022年为1—8月数据。"], notes_en=["2022 covers January–August only."],
        ),
        "green-factories": ChartSpec(
            id="green-factories", title="绿色工厂", title_en="Green factories", type="bar",
            path="content/charts/green-factories.yaml", theme="green", y_title="家", y_title_en="factories",
            series=[SeriesSpec(name="国家级（累计）", name_en="National (total)", style="actual",
                               facts=["green-factories-national-2021"])],
        ),
    }
    themes = {
        "industry": Theme("industry", "工业产值与结构", "content/themes/industry.md", title_en="Industry", charts=["industrial-output"]),
        "green": Theme("green", "绿色制造、能源与生态环境", "content/themes/green.md", title_en="Green", charts=["green-factories"]),
    }
    return Site(config=config, articles=articles, metrics=metrics, facts=facts, charts=charts, themes=themes)


def make_charts(site: Site) -> dict[str, ChartData]:
    """ChartData as the charts stage hands it over: points and a plotly figure."""
    out: dict[str, ChartData] = {}
    for cid, spec in site.charts.items():
        points = []
        traces = []
        for series in spec.series:
            xs, ys = [], []
            for fid in series.facts:
                fact = site.facts[fid]
                x = f"{fact.period[:4]}年"
                points.append(ChartPoint(fact=fact, series=series.name, x=x, style=series.style))
                xs.append(x)
                ys.append(fact.value)
            traces.append({"type": "bar", "name": series.name, "x": xs, "y": ys,
                           "hovertemplate": "%{x}：%{y}" + spec.y_title + "<extra></extra>"})
        figure = {"data": traces, "layout": {"yaxis": {"title": {"text": spec.y_title}},
                                              "xaxis": {"title": {"text": spec.x_title}}}}
        out[cid] = ChartData(spec=spec, points=points, figure=figure, description=f"{spec.title}：示例描述。")
    return out
