"""Charts stage: every drawn value is a fact record, drawn honestly and reproducibly."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from fuling.charts.description import describe
from fuling.charts.figures import build_charts
from fuling.charts.margins import margins, y_tick_labels
from fuling.core.errors import BuildError
from fuling.core.model import (
    Article,
    Block,
    ChartSpec,
    Correction,
    Fact,
    Metric,
    SeriesSpec,
    Site,
    SiteConfig,
    Source,
)
from fuling.core.numbers import format_fact, format_value
from fuling.core.periods import is_partial_year, period_label, period_sort_key

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"


# -- a small site built directly from figures in the seeds -------------------

def _fact(fid, value, period, kind="actual", metric="industrial_output", unit="亿元", measure="level",
          subject="涪陵区", bound="exact", quote="去年，涪陵累计完成规上工业产值2471亿元"):
    return Fact(id=fid, metric=metric, subject=subject, value=value, unit=unit, period=period, kind=kind,
                source=Source("new-productive-forces", quote, "p1"), measure=measure, bound=bound)


def _site(facts, charts) -> Site:
    article = Article(slug="new-productive-forces", title="3万亿后再出发", date=dt.date(2024, 2, 20),
                      seed="001_44687d2a1dd545a8.txt", path="content/articles/new-productive-forces.md",
                      blocks=[Block("p1", "p", "去年，涪陵累计完成规上工业产值2471亿元。", 10)])
    metrics = {
        "industrial_output": Metric("industrial_output", "规上工业产值", "Industrial output", "亿元", "industry", ""),
        "rd_spending": Metric("rd_spending", "研发经费投入", "R&D spending", "亿元", "innovation", ""),
        "high_tech_enterprises": Metric("high_tech_enterprises", "高新技术企业", "High-tech firms", "户", "innovation", ""),
        "green_factories_national": Metric("green_factories_national", "国家级绿色工厂", "National green factories", "家", "green", ""),
    }
    return Site(config=SiteConfig("涪陵数据", "d", "https://example.org/"), articles={"new-productive-forces": article},
                metrics=metrics, facts={f.id: f for f in facts}, charts={c.id: c for c in charts}, themes={})


def _output_site():
    facts = [
        _fact("industrial-output-2021", 2000, "2021", bound="at_least"),
        _fact("industrial-output-2022-jan-aug", 1654, "2022-01/2022-08"),
        _fact("industrial-output-2023", 2471, "2023"),
        _fact("industrial-output-target-2024", 2700, "2024", kind="target", bound="at_least"),
    ]
    spec = ChartSpec(id="industrial-output", title="涪陵规上工业产值", type="bar", path="content/charts/industrial-output.yaml",
                     series=[SeriesSpec(name="实际", style="actual", select={"metric": "industrial_output", "kind": "actual"}),
                             SeriesSpec(name="目标", style="target", facts=["industrial-output-target-2024"])])
    return _site(facts, [spec])


def _traces(chart):
    return chart.figure["data"]


def _drawn(chart) -> dict[str, float]:
    """fact id -> value as it sits in the figure data."""
    out = {}
    for trace in _traces(chart):
        for fid, y in zip(trace["customdata"], trace.get("y") or trace.get("values")):
            if fid:
                out[fid] = y
    return out


# -- period and number rules (examples from the seeds) ----------------------

@pytest.mark.parametrize("period, label", [
    ("2023", "2023年"),                     # 去年（2023年）规上工业产值2471亿元
    ("2022-01/2022-08", "2022年1—8月"),     # 今年1—8月
    ("2021-12-31", "2021年末"),             # 截至去年底
    ("2022-01/2022-09", "2022年1—9月"),     # “1月-9月”
    ("2024-02-29", "2024年2月29日"),
    ("2021-06", "2021年6月"),
    ("2016/2020", "2016—2020年"),            # 十三五期间
])
def test_period_labels_read_as_a_reader_writes_them(period, label):
    assert period_label(period) == label


def test_part_of_a_year_is_partial_and_whole_years_and_dates_are_not():
    assert is_partial_year("2022-01/2022-08")
    assert not is_partial_year("2022")
    assert not is_partial_year("2021-12-31")  # a stock at a date, not a flow over part of a year
    assert not is_partial_year("2022-01/2022-12")


def test_periods_sort_by_when_they_end():
    order = sorted(["2022", "2021-12-31", "2022-01/2022-08", "2021"], key=period_sort_key)
    assert order == ["2021", "2021-12-31", "2022-01/2022-08", "2022"]


def test_values_print_as_the_reports_print_them():
    assert format_value(2471.0) == "2471"
    assert format_value(80.4) == "80.4"
    assert format_value(-0.0) == "0"
    assert format_fact(_fact("x", 2000, "2021", bound="at_least")) == "超过2000亿元"
    assert format_fact(_fact("y", 5, "2021", bound="about", unit="%")) == "约5%"


# -- encoding ------------------------------------------------------------------

def test_every_chart_value_equals_its_fact_value():
    site = _output_site()
    chart = build_charts(site)["industrial-output"]
    drawn = _drawn(chart)
    assert drawn == {p.fact.id: site.facts[p.fact.id].value for p in chart.points}
    assert set(drawn) == set(site.facts)


def test_partial_year_is_its_own_labelled_category_drawn_differently():
    chart = build_charts(_output_site())["industrial-output"]
    partial = [t for t in _traces(chart) if t["meta"]["partial"]]
    assert len(partial) == 1
    trace = partial[0]
    assert "部分年份" in trace["name"]
    index = trace["customdata"].index("industrial-output-2022-jan-aug")
    assert trace["x"][index] == "2022年1—8月"
    assert "2022年" not in trace["x"], "a part of 2022 must not sit on a whole-year 2022 category"
    assert trace["marker"]["pattern"]["shape"] == "."
    solid = next(t for t in _traces(chart) if t["meta"]["style"] == "actual" and not t["meta"]["partial"])
    assert solid["marker"]["color"] != trace["marker"]["color"]


def test_target_is_hollow_with_its_own_legend_entry():
    chart = build_charts(_output_site())["industrial-output"]
    target = next(t for t in _traces(chart) if t["meta"]["style"] == "target")
    actual = next(t for t in _traces(chart) if t["meta"]["style"] == "actual")
    assert target["marker"]["color"] == "rgba(0,0,0,0)" and target["marker"]["line"]["width"] >= 1.5
    assert actual["marker"]["color"].startswith("#")
    assert target["name"] != actual["name"]
    assert "目标" in target["hovertext"][target["customdata"].index("industrial-output-target-2024")]


def test_target_fact_in_an_actual_series_is_still_drawn_as_a_target():
    site = _output_site()
    site.charts["industrial-output"].series = [SeriesSpec(name="规上工业产值", style="actual", select={"metric": "industrial_output"})]
    chart = build_charts(site)["industrial-output"]
    target = next(t for t in _traces(chart) if "industrial-output-target-2024" in t["customdata"])
    assert target["meta"]["style"] == "target" and "（目标）" in target["name"]


def test_categories_are_text_labels_and_a_missing_year_is_a_gap():
    site = _output_site()
    del site.facts["industrial-output-2022-jan-aug"]
    chart = build_charts(site)["industrial-output"]
    layout = chart.figure["layout"]
    assert layout["template"]["layout"]["xaxis"]["type"] == "category"
    assert layout["xaxis"]["categoryarray"] == ["2021年", "2022年", "2023年", "2024年"]
    actual = next(t for t in _traces(chart) if t["meta"]["style"] == "actual")
    assert actual["y"][1] is None  # 2022: no figure, no bar, no interpolation


def test_bars_start_at_zero():
    chart = build_charts(_output_site())["industrial-output"]
    low, high = chart.figure["layout"]["yaxis"]["range"]
    assert low == 0 and high > 2700
    assert chart.figure["layout"]["template"]["layout"]["yaxis"]["rangemode"] == "tozero"


def test_money_and_counts_go_to_separate_panels():
    facts = [
        _fact("rd-spending-2021", 30.5, "2021", metric="rd_spending"),
        _fact("rd-spending-2023", 51, "2023", metric="rd_spending"),
        _fact("high-tech-2021", 122, "2021", metric="high_tech_enterprises", unit="户"),
        _fact("high-tech-2023", 300, "2023", metric="high_tech_enterprises", unit="户"),
    ]
    spec = ChartSpec(id="rd-investment", title="研发投入与高新技术企业", type="bar", path="content/charts/rd-investment.yaml",
                     series=[SeriesSpec(name="研发经费", select={"metric": "rd_spending"}),
                             SeriesSpec(name="高新技术企业", select={"metric": "high_tech_enterprises"})])
    chart = build_charts(_site(facts, [spec]))["rd-investment"]
    axes = {t["name"]: t["yaxis"] for t in _traces(chart)}
    assert axes["研发经费"] != axes["高新技术企业"]
    titles = [a["text"] for a in chart.figure["layout"]["annotations"]]
    assert any("亿元" in t for t in titles) and any("户" in t for t in titles)


def test_stock_and_yearly_additions_never_share_a_series():
    facts = [
        _fact("green-national-2021", 5, "2021-12-31", metric="green_factories_national", unit="家"),
        _fact("green-national-new-2023", 8, "2023", metric="green_factories_national", unit="家", measure="change"),
    ]
    spec = ChartSpec(id="green-factories", title="绿色工厂", type="bar", path="content/charts/green-factories.yaml",
                     series=[SeriesSpec(name="国家级", select={"metric": "green_factories_national"})])
    with pytest.raises(BuildError) as caught:
        build_charts(_site(facts, [spec]))
    assert "content/charts/green-factories.yaml" in str(caught.value)
    assert "stock and a flow" in str(caught.value)

    spec.series = [SeriesSpec(name="累计", select={"metric": "green_factories_national", "measure": "level"}),
                   SeriesSpec(name="当年新增", select={"metric": "green_factories_national", "measure": "change"})]
    chart = build_charts(_site(facts, [spec]))["green-factories"]
    axes = {t["name"]: t["yaxis"] for t in _traces(chart)}
    assert axes["累计"] != axes["当年新增"]  # a stock and a flow are not read off one axis either


def test_unknown_fact_and_empty_series_are_reported_with_the_spec_path():
    site = _output_site()
    site.charts["industrial-output"].series.append(SeriesSpec(name="预计", facts=["no-such-fact"]))
    with pytest.raises(BuildError) as caught:
        build_charts(site)
    text = str(caught.value)
    assert "content/charts/industrial-output.yaml" in text and "no-such-fact" in text


def test_two_values_for_one_period_in_a_series_are_refused():
    site = _output_site()
    site.facts["industrial-output-2023-again"] = _fact("industrial-output-2023-again", 2470, "2023")
    with pytest.raises(BuildError) as caught:
        build_charts(site)
    assert "industrial-output-2023-again" in str(caught.value)


def test_figure_json_is_reproducible_and_has_no_random_ids():
    one = json.dumps(build_charts(_output_site())["industrial-output"].figure, sort_keys=True, ensure_ascii=False)
    two = json.dumps(build_charts(_output_site())["industrial-output"].figure, sort_keys=True, ensure_ascii=False)
    assert one == two
    # fixed uids: plotly.js would make up random ones and draw them into the pictures (fuling.charts.pictures)
    traces = json.loads(one)["data"]
    assert [trace["uid"] for trace in traces] == [f"t{index}" for index in range(len(traces))]


def test_site_template_is_lean():
    figure = build_charts(_output_site())["industrial-output"].figure
    template = json.dumps(figure["layout"]["template"], ensure_ascii=False)
    assert len(template.encode()) < 2000  # plotly's default template is about 7 KB
    assert "#0072B2" in template  # Okabe–Ito


@pytest.mark.parametrize("low, high, length, labels", [
    # plotly.js: about one tick per 40 px (4 to 9 of them, plus one), the rough step rounded up to
    # 2, 5 or 10 times a power of ten: 2965.2 / 7.825 = 379 -> 500.
    (0, 2965.2, 273, ["0", "500", "1000", "1500", "2000", "2500"]),
    (0, 14.4, 273, ["0", "2", "4", "6", "8", "10", "12", "14"]),  # 1.84 -> 2
    (-3, 1.2, 200, ["−3", "−2", "−1", "0", "1"]),  # 0.7 -> 1, plotly's minus sign
    (0, 1, 100, ["0.0", "0.5", "1.0"]),  # 4 ticks at least: 0.2 -> 0.5, one decimal
    (0, 4, 273, ["0", "1", "2", "3", "4"]),  # 0.51 -> 1
])
def test_y_tick_labels_follow_plotly_rule(low, high, length, labels):
    assert y_tick_labels(low, high, length) == labels


def test_margins_hold_the_widest_y_label_the_titles_and_the_tallest_legend_group():
    one_row = margins([(0, 2965.2, 1.0)], 380, y_title=True, x_title=True, legend_rows=1)
    assert one_row["t"] == 40  # a one-row legend fits the template's top margin
    two_rows = margins([(0, 2965.2, 1.0)], 380, y_title=True, x_title=True, legend_rows=2)
    assert two_rows["t"] > one_row["t"]
    untitled = margins([(0, 2965.2, 1.0)], 380, y_title=False, x_title=False, legend_rows=0)
    assert untitled["l"] < two_rows["l"] and untitled["b"] < two_rows["b"]
    # "2500": four digits; "25": two
    assert margins([(0, 29.6, 1.0)], 380, y_title=False, x_title=False, legend_rows=0)["l"] < untitled["l"]
    # several panels: the widest labels of any panel count
    assert margins([(0, 29.6, 0.44), (0, 2965.2, 0.44)], 600, y_title=False, x_title=False, legend_rows=0)["l"] == untitled["l"]


def test_figures_carry_their_margins():
    layout = build_charts(_output_site())["industrial-output"].figure["layout"]
    assert set(layout["margin"]) == {"l", "r", "t", "b"}
    assert layout["margin"]["l"] > 40  # four-digit labels and an axis title


def test_description_names_the_largest_and_latest_values_targets_and_partial_years():
    chart = build_charts(_output_site())["industrial-output"]
    text = chart.description
    assert "最新的2023年也是最大，为2471亿元" in text
    assert "2024年超过2700亿元" in text and "目标" in text
    assert "2022年1—8月只含部分月份" in text
    assert describe(chart.spec, []) .endswith("没有数据。")


def test_hover_text_escapes_content_html():
    site = _output_site()
    site.articles["new-productive-forces"].title = "<img src=x onerror=alert(1)>"
    chart = build_charts(site)["industrial-output"]
    hover = " ".join(h for t in _traces(chart) for h in t["hovertext"])
    assert "<img" not in hover and "&lt;img" in hover


# -- the real content (and the mini fixture) -----------------------------------

def _loaded(root: Path):
    from fuling.load.site import load_site

    return load_site(root)


def test_mini_fixture_chart_values_equal_facts():
    site = _loaded(MINI)
    charts = build_charts(site)
    assert charts, "the mini fixture has a chart"
    for chart in charts.values():
        assert _drawn(chart) == {p.fact.id: site.facts[p.fact.id].value for p in chart.points}


REAL_CHARTS = sorted(p.stem for p in (ROOT / "content" / "charts").glob("*.yaml"))


@pytest.mark.skipif(not REAL_CHARTS, reason="content/charts/ has no chart yet")
def test_required_charts_exist_and_every_value_is_its_fact():
    site = _loaded(ROOT)
    charts = build_charts(site)
    assert {"industrial-output", "green-factories", "rd-investment"} <= set(charts)
    for chart in charts.values():
        drawn = _drawn(chart)
        assert drawn, f"{chart.spec.id} draws nothing"
        for fid, value in drawn.items():
            assert value == site.facts[fid].value, f"{chart.spec.id}: {fid}"
        for point in chart.points:
            if is_partial_year(point.fact.period):
                assert "月" in point.x, f"{chart.spec.id}: {point.fact.id} drawn as {point.x}"


def test_one_period_across_series_puts_the_series_on_the_axis():
    facts = [
        _fact("materials-output-2021", 800, "2021", metric="materials_output"),
        _fact("energy-output-2021", 300, "2021", metric="clean_energy_output"),
    ]
    spec = ChartSpec(id="industry-structure", title="主要产业产值", type="bar", path="content/charts/industry-structure.yaml",
                     x_title="年份",
                     series=[SeriesSpec(name="材料", facts=["materials-output-2021"]),
                             SeriesSpec(name="清洁能源", facts=["energy-output-2021"])])
    chart = build_charts(_site(facts, [spec]))["industry-structure"]
    assert chart.figure["layout"]["xaxis"]["categoryarray"] == ["材料", "清洁能源"]
    assert chart.figure["layout"]["xaxis"]["title"]["text"] == "2021年"
    assert [p.x for p in chart.points] == ["材料", "清洁能源"]
    assert "最大的是材料，800亿元" in chart.description
    assert _drawn(chart) == {"materials-output-2021": 800, "energy-output-2021": 300}


def test_counting_words_share_an_axis_but_money_and_counts_do_not():
    facts = [
        _fact("green-new-2023", 7, "2023", metric="green_factories_national", unit="家", measure="change"),
        _fact("green-new-target-2024", 5, "2024", kind="target", metric="green_factories_national", unit="个", measure="change"),
    ]
    spec = ChartSpec(id="green-factories", title="绿色工厂", type="bar", path="content/charts/green-factories.yaml",
                     series=[SeriesSpec(name="市级（新增）", select={"metric": "green_factories_national"})])
    chart = build_charts(_site(facts, [spec]))["green-factories"]
    assert {t["yaxis"] for t in _traces(chart)} == {"y"}  # 家 and 个 both count factories

    facts.append(_fact("money", 5, "2022", metric="green_factories_national", unit="亿元", measure="change"))
    with pytest.raises(BuildError, match="mixes units"):
        build_charts(_site(facts, [spec]))


def test_panels_name_their_measure_and_bars_sit_on_their_labels():
    facts = [
        _fact("green-national-2021", 5, "2021-12-31", metric="green_factories_national", unit="个"),
        _fact("green-national-new-2023", 8, "2023", metric="green_factories_national", unit="家", measure="change"),
    ]
    spec = ChartSpec(id="green-factories", title="绿色工厂", type="grouped-bar", path="content/charts/green-factories.yaml",
                     series=[SeriesSpec(name="累计", select={"metric": "green_factories_national", "measure": "level"}),
                             SeriesSpec(name="当年新增", select={"metric": "green_factories_national", "measure": "change"})])
    chart = build_charts(_site(facts, [spec]))["green-factories"]
    titles = [a["text"] for a in chart.figure["layout"]["annotations"]]
    assert any("累计" in t for t in titles) and any("新增" in t for t in titles)
    assert {t["offsetgroup"] for t in _traces(chart)} == {"0"}  # one series per panel: centred on its label


def test_years_missing_between_a_date_and_a_target_year_are_gaps():
    facts = [
        _fact("zhacai-output-2022-10-15", 130, "2022-10-15", metric="zhacai_output", bound="at_least"),
        _fact("zhacai-output-target-2030", 500, "2030", kind="target", metric="zhacai_output"),
    ]
    spec = ChartSpec(id="zhacai-output", title="榨菜产值", type="bar", path="content/charts/zhacai-output.yaml",
                     series=[SeriesSpec(name="实际", select={"metric": "zhacai_output", "kind": "actual"}),
                             SeriesSpec(name="目标", style="target", select={"metric": "zhacai_output", "kind": "target"})])
    chart = build_charts(_site(facts, [spec]))["zhacai-output"]
    assert chart.figure["layout"]["xaxis"]["categoryarray"] == ["2022年10月15日"] + [f"{y}年" for y in range(2023, 2031)]


def test_series_meeting_at_one_category_stand_side_by_side():
    facts = [
        _fact("materials-output-2021", 900, "2021", metric="materials_output"),
        _fact("materials-output-2023", 1200, "2023", metric="materials_output"),
        _fact("energy-output-2023", 443.7, "2023", metric="clean_energy_output"),
    ]
    spec = ChartSpec(id="industry-structure", title="主要产业产值", type="bar", path="content/charts/industry-structure.yaml",
                     series=[SeriesSpec(name="材料", select={"metric": "materials_output"}),
                             SeriesSpec(name="清洁能源", select={"metric": "clean_energy_output"})])
    chart = build_charts(_site(facts, [spec]))["industry-structure"]
    slots = {t["name"]: t["offsetgroup"] for t in _traces(chart)}
    assert slots["材料"] != slots["清洁能源"]  # both have 2023: never drawn over each other


def test_a_floor_is_labelled_as_a_floor_on_its_bar_in_both_languages():
    # 2021年“首次突破2000亿元”: the bar is drawn at 2000, and its label must say it is a floor.
    from fuling.charts.english import english_figure

    site = _output_site()
    chart = build_charts(site)["industrial-output"]
    labels = {fid: text for trace in _traces(chart) for fid, text in zip(trace["customdata"], trace["text"]) if fid}
    assert labels["industrial-output-2021"] == "超过<br>2000"
    assert labels["industrial-output-target-2024"] == "超过<br>2700"
    assert labels["industrial-output-2023"] == "2471"  # exact figures carry no word
    english = english_figure(chart, site)
    labels_en = {fid: text for trace in english["data"] for fid, text in zip(trace["customdata"], trace["text"]) if fid}
    assert labels_en["industrial-output-2021"] == "over<br>200"  # billion yuan: English counts 亿 in billions
    assert labels_en["industrial-output-2023"] == "247.1"


def test_category_labels_are_wrapped_or_shortened_for_the_narrowest_phone_never_turned():
    from fuling.charts.ticks import panel_title_lines, tick_texts

    # Four periods fit with their 年; the rest of a label goes on its own line.
    assert tick_texts(["2021年末", "2022年1—8月", "2022年8月31日", "2023年"]) == [
        "2021<br>年末", "2022年<br>1—8月", "2022年<br>8月31日", "2023年"]
    # Six years do not: the axis title says 年份.
    assert tick_texts(["2021年", "2022年1—8月", "2023年", "2024年", "2025年", "2026年"])[:2] == ["2021", "2022<br>1—8月"]
    # Nine: the empty years between two figures go unlabelled.
    years = ["2022年10月15日"] + [f"{y}年" for y in range(2023, 2031)]
    texts = tick_texts(years, empty=frozenset(years[1:-1]))
    assert texts[0] == "2022<br>10月15日" and texts[-1] == "2030" and set(texts[1:-1]) == {""}
    # Names in even lines; English at its spaces.
    assert tick_texts(["材料产业", "页岩气及清洁能源", "汽车船舶及智能装备", "食品及农产品加工"])[1] == "页岩气及<br>清洁能源"
    assert tick_texts(["Jan–Aug 2022", "2023", "2024", "2025", "2026", "2027"], "en")[0] == "Jan–Aug<br>2022"
    assert panel_title_lines("高新技术企业、科技型企业：累计（家/户）", 236) == ["高新技术企业、科技型企业：", "累计（家/户）"]
    assert panel_title_lines("研发投入（亿元）", 236) == ["研发投入（亿元）"]


def test_legend_rows_are_counted_for_the_narrowest_phone():
    from fuling.charts.margins import legend_rows

    assert legend_rows([["实际", "实际（部分年份）"], ["目标"]]) == 2  # two columns side by side
    # Four groups too wide to pair in a 296 px box: a line each (1 + 1 + 1 + 2 rows), half a row between lines;
    # in a 336 px box the first two share a line.
    groups = [["国家级（累计）"], ["市级（累计）"], ["国家级（新增）"], ["市级（新增）", "市级（新增）（目标）"]]
    assert legend_rows(groups) == 6.5
    assert legend_rows(groups, 336) == 4 + 1.0


def test_one_colour_grammar_across_the_site_charts():
    # Targets hollow in the one accent, never a series colour; one colour for the bars of a
    # single-series comparison; the series in Okabe–Ito order.
    from fuling.charts.points import by_series
    from fuling.charts.style import SERIES_COLOURS, TARGET_COLOUR
    from fuling.load.site import load_site

    site = load_site(ROOT)
    problems = []
    for chart_id, chart in sorted(build_charts(site).items()):
        colours = set()
        for trace in chart.figure["data"]:
            marker = trace.get("marker", {})
            colour = marker.get("line", {}).get("color") if trace["meta"]["style"] == "target" else marker.get("color")
            if trace["meta"]["style"] == "target":
                if colour != TARGET_COLOUR or marker.get("color") != "rgba(0,0,0,0)":
                    problems.append(f"{chart_id}: target {trace['name']} drawn {marker}")
            else:
                edge = marker.get("line", {}).get("color")
                shown = colour if colour and colour.startswith("#") else edge
                if shown == TARGET_COLOUR or shown not in SERIES_COLOURS:
                    problems.append(f"{chart_id}: {trace['name']} drawn in {shown}, not a series colour")
                colours.add(shown)
        if by_series(chart.spec, chart.points) and len(colours) > 1:
            problems.append(f"{chart_id}: one series per bar, drawn in {sorted(colours)}: one colour")
    assert not problems, "\n".join(problems)


def test_generated_description_never_says_nothing():
    # One value is given as itself, not as "the largest and also the latest".
    site = _output_site()
    site.charts["industrial-output"].series = [SeriesSpec(name="实际", style="actual", facts=["industrial-output-2023"])]
    text = build_charts(site)["industrial-output"].description
    assert "最大值也是最新值" not in text and "实际：2023年为2471亿元。" in text
    # A whole beside one of its parts (其中…): that the whole is the largest is no news.
    site = _output_site()
    site.charts["industrial-output"].series = [
        SeriesSpec(name="全区", facts=["industrial-output-2023"]),
        SeriesSpec(name="其中一部分", facts=["industrial-output-2021"])]
    site.facts["industrial-output-2021"] = dataclasses.replace(site.facts["industrial-output-2021"], period="2023")
    assert "最大的是" not in build_charts(site)["industrial-output"].description


def test_every_site_chart_has_an_editor_written_one_sentence_description():
    from fuling.load.site import load_site

    site = load_site(ROOT)
    for chart_id, chart in sorted(build_charts(site).items()):
        spec = chart.spec
        assert spec.description and spec.description_en, f"{chart_id}: no description"
        assert chart.description == spec.description
        assert spec.description.count("。") == 1 and spec.description.endswith("。"), f"{chart_id}: one sentence"
        assert "{fact:" not in spec.description


def test_the_dark_figure_swaps_the_palette_for_its_lighter_twins_and_darkens_the_ink():
    from fuling.charts.style import DARK_INK, PALETTE, PALETTE_DARK, dark_figure

    chart = build_charts(_output_site())["industrial-output"]
    dark = dark_figure(chart.figure)
    light_colours = {t["marker"]["line"]["color"] for t in chart.figure["data"]}
    dark_colours = {t["marker"]["line"]["color"] for t in dark["data"]}
    assert dark_colours == {PALETTE_DARK[PALETTE.index(c)] for c in light_colours}
    assert dark["layout"]["font"]["color"] == DARK_INK["text"]
    assert dark["layout"]["yaxis"]["gridcolor"] == DARK_INK["grid"]
    assert chart.figure["data"][0]["marker"]["line"]["color"] in PALETTE  # the chart's own figure untouched


def test_a_corrected_figure_says_so_in_its_hover_text_in_both_languages():
    """A figure the report printed as 2471 and we publish as 2476: the hover says so."""
    from fuling.charts.english import english_figure

    site = _output_site()
    fact = site.facts["industrial-output-2023"]
    corrected = dataclasses.replace(fact, value=2476, corrections=[Correction(dt.date(2024, 4, 1), 2471, "核定")])
    site.facts["industrial-output-2023"] = corrected
    chart = build_charts(site)["industrial-output"]
    hovers = {i: h for t in _traces(chart) for i, h in zip(t["customdata"], t["hovertext"]) if i}
    assert "已更正：原文为2471亿元" in hovers["industrial-output-2023"]
    assert "已更正" not in hovers["industrial-output-2021"]
    english = english_figure(chart, site)
    hovers_en = {i: h for t in english["data"] for i, h in zip(t["customdata"], t["hovertext"]) if i}
    assert "Corrected: the report printed 247.1" in hovers_en["industrial-output-2023"]
