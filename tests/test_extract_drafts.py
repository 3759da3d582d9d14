"""Figures outside the metric catalogue: a drafted catalogue entry, never
`unclassified`, and never a fact file the build would stop at."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from fuling.core.articlefile import format_article
from fuling.core.model import Article, Block
from fuling.core.reporter import MemoryReporter
from fuling.extract.article import propose
from fuling.extract.drafts import draft_key, metric_label
from fuling.extract.metrics import BY_KEY
from fuling.extract.project import PROPOSED, extract_all

CATALOGUE = [{"key": "industrial_output", "label": "规上工业产值", "label_en": "Industrial output", "unit": "亿元",
              "theme": "industry", "definition": "规模以上工业企业总产值。"}]
PIECE = ["前三季度，全区固定资产投资完成300亿元，增长10.8%；规上工业产值完成900亿元。"]


def proposals(text: str, date: str = "2023-11-02", place: str = "长寿区"):
    block = Block(anchor="p1", kind="p", text=text, line=1)
    return propose(Article(slug="a", title="a", date=dt.date.fromisoformat(date), seed="x.txt", path="a.md",
                           place=place, blocks=[block]))


def make_project(tmp_path: Path, paragraphs: list[str], catalogue=CATALOGUE) -> Path:
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    meta = {"title": "a", "slug": "a", "date": "2023-11-02", "seed": "x.txt", "place": "长寿区"}
    blocks = [Block(anchor=f"p{i}", kind="p", text=t, line=0) for i, t in enumerate(paragraphs, 1)]
    (articles / "a.md").write_text(format_article(meta, blocks), encoding="utf-8")
    write_catalogue(tmp_path, catalogue)
    return tmp_path


def write_catalogue(root: Path, catalogue: list[dict]) -> None:
    (root / "content" / "metrics.yaml").write_text(yaml.safe_dump(catalogue, allow_unicode=True), encoding="utf-8")


def facts(root: Path) -> list[dict]:
    return yaml.safe_load((root / "content" / "facts" / "a.yaml").read_text(encoding="utf-8"))


def proposed(root: Path) -> list[dict]:
    return yaml.safe_load((root / PROPOSED).read_text(encoding="utf-8"))


def test_a_figure_outside_the_catalogue_gets_a_drafted_entry_not_unclassified():
    level, growth, output = proposals(PIECE[0])
    assert level.record["metric"] == growth.record["metric"] == "fixed_asset_investment"
    assert level.metric_draft.entry() == {"key": "fixed_asset_investment", "label": "固定资产投资", "unit": "亿元",
                                          "measure": "level"}
    assert growth.metric_draft is level.metric_draft or growth.metric_draft == level.metric_draft
    assert output.record["metric"] == "industrial_output" and output.metric_draft is None


def test_the_label_is_the_words_that_name_the_metric():
    assert metric_label("全市邮政行业业务收入（不含邮政储蓄银行直接营业收入）累计完成", "亿元", []) == "邮政行业业务收入"
    assert metric_label("万盛经开区接待游客", "万人次", ["万盛经开区"]) == "接待游客"
    assert metric_label("全区工业用气量同比增长", "%", []) == "工业用气量"
    assert metric_label("", "自动化生产线上，机械手臂", []) == "自动化生产线"  # 六条自动化生产线上
    assert metric_label("增幅高出全市", "。", []) == ""  # a gap: the metric is the rate's
    # a site or park named at the head of the label, and a span of days, are who and when, not what
    assert metric_label("洪崖洞民俗风貌区七天接待游客", "万人次", []) == "接待游客"
    assert metric_label("各景区接待游客", "万人次", []) == "接待游客"
    assert metric_label("观音桥商圈都市旅游区接待", "万人次", []) == "接待"
    assert draft_key("接待") == draft_key("接待游客") == "tourist_arrivals"
    assert metric_label("园区规上工业产值", "亿元", []) == "规上工业产值"


def test_drafted_keys_translate_known_words_and_never_half_translate():
    assert draft_key("社会消费品零售总额") == "retail_sales"
    assert draft_key("工业用电量") == "industrial_electricity_use"
    assert draft_key("市级绿色工业园区") == "green_parks_municipal"  # qualifiers last, as the catalogue writes them
    unknown = draft_key("抗菌肽微生态制剂")
    assert unknown.startswith("draft_") and unknown == draft_key("抗菌肽微生态制剂")
    assert draft_key("抗菌肽微生态制剂") != draft_key("微生态制剂")


def test_extract_keeps_drafted_figures_out_of_fact_files_and_lists_them_for_the_editor(tmp_path):
    root = make_project(tmp_path, PIECE)
    reporter = MemoryReporter()
    assert extract_all(root, reporter=reporter) == 0
    known = {m["key"] for m in CATALOGUE} | set(BY_KEY)
    assert [r["metric"] for r in facts(root)] == ["industrial_output"]
    assert all(r["metric"] in known for r in facts(root))
    (entry,) = proposed(root)
    assert {k: entry[k] for k in ("key", "label", "unit", "measure")} == {
        "key": "fixed_asset_investment", "label": "固定资产投资", "unit": "亿元", "measure": "level"}
    assert [(f["value"], f["measure"], f["period"]) for f in entry["facts"]] == [
        (300, "level", "2023-01/2023-09"), (10.8, "growth", "2023-01/2023-09")]
    assert "2 figures wait for 1 drafted metrics in content/metrics-proposed.yaml" in reporter.text


def test_an_accepted_draft_is_filed_by_the_next_extraction(tmp_path):
    root = make_project(tmp_path, PIECE)
    extract_all(root, reporter=MemoryReporter())
    entry = {"key": "fixed_asset_investment", "label": "固定资产投资", "label_en": "Fixed-asset investment",
             "unit": "亿元", "theme": "industry", "definition": "全社会固定资产投资。"}
    write_catalogue(root, CATALOGUE + [entry])
    extract_all(root, force=True, reporter=MemoryReporter())
    assert sorted((r["metric"], r["value"]) for r in facts(root)) == [
        ("fixed_asset_investment", 10.8), ("fixed_asset_investment", 300), ("industrial_output", 900)]
    assert not (root / PROPOSED).exists()


def test_a_draft_accepted_under_another_key_is_found_by_its_label(tmp_path):
    root = make_project(tmp_path, PIECE, CATALOGUE + [{"key": "fai", "label": "固定资产投资", "unit": "亿元"}])
    extract_all(root, reporter=MemoryReporter())
    assert [r["metric"] for r in facts(root)] == ["fai", "fai", "industrial_output"]


SIGNING = ["4月8日，全区21个项目集中签约，签约额达208.69亿元；纳入统计的规模以上工业企业134家。"]
AGREED = {"key": "investment_agreed", "label": "协议引资金额", "unit": "亿元", "theme": "industry", "words": ["签约额"]}
FIRMS = {"key": "industrial_firms_above_scale", "label": "规上工业企业", "unit": "家", "theme": "industry",
         "words": ["规模以上工业企业", "工业企业"]}


def test_a_draft_whose_label_ends_with_a_catalogue_word_takes_that_metric(tmp_path):
    before = make_project(tmp_path / "before", SIGNING)
    extract_all(before, reporter=MemoryReporter())
    assert {e["label"] for e in proposed(before)} >= {"签约额", "纳入统计的规模以上工业企业"}  # drafted without the words
    root = make_project(tmp_path / "after", SIGNING, CATALOGUE + [AGREED, FIRMS])
    extract_all(root, reporter=MemoryReporter())
    # 134家 ends with both words of FIRMS, and with a 个 count would be the same metric: the longest word names it
    assert {(r["metric"], r["value"]) for r in facts(root)} >= {("investment_agreed", 208.69), ("industrial_firms_above_scale", 134)}


def test_a_single_word_written_without_brackets_is_read_as_the_loader_reads_it(tmp_path):
    root = make_project(tmp_path, SIGNING, CATALOGUE + [{**AGREED, "words": "签约额"}])
    extract_all(root, reporter=MemoryReporter())
    assert ("investment_agreed", 208.69) in {(r["metric"], r["value"]) for r in facts(root)}


def test_a_catalogue_word_does_not_take_a_figure_in_another_unit(tmp_path):
    words_for_money = {**AGREED, "words": ["规模以上工业企业"]}  # a money metric: the 134家 count is not one of its figures
    root = make_project(tmp_path, SIGNING, CATALOGUE + [words_for_money])
    extract_all(root, reporter=MemoryReporter())
    assert "investment_agreed" not in {r["metric"] for r in facts(root) if r["value"] == 134}
    assert any(e["label"] == "纳入统计的规模以上工业企业" for e in proposed(root))


def test_a_metric_an_editor_gave_a_drafted_figure_is_kept(tmp_path):
    root = make_project(tmp_path, PIECE, CATALOGUE + [{"key": "fai", "label": "全社会投资", "unit": "亿元"}])
    extract_all(root, reporter=MemoryReporter())
    path = root / "content" / "facts" / "a.yaml"
    # the editor files the 300亿元 figure under an existing metric without marking it reviewed
    record = {"id": "fai-2023", "metric": "fai", "subject": "长寿区", "value": 300, "unit": "亿元",
              "period": "2023-01/2023-09", "kind": "actual",
              "source": {"article": "a", "quote": "前三季度，全区固定资产投资完成300亿元", "paragraph": "p1"}}
    path.write_text(yaml.safe_dump([record] + facts(root), allow_unicode=True, sort_keys=False), encoding="utf-8")
    extract_all(root, force=True, reporter=MemoryReporter())
    assert [(r["metric"], r["value"]) for r in facts(root)] == [("fai", 300), ("industrial_output", 900)]
    assert [f["value"] for f in proposed(root)[0]["facts"]] == [10.8]


def test_diff_reports_the_drafts_and_writes_nothing(tmp_path):
    root = make_project(tmp_path, PIECE)
    reporter = MemoryReporter()
    extract_all(root, diff=True, reporter=reporter)
    assert not (root / "content" / "facts").exists() and not (root / PROPOSED).exists()
    assert "content/metrics-proposed.yaml: 1 drafted metrics for 2 figures outside the catalogue" in reporter.text
    assert "? fixed_asset_investment (固定资产投资, 亿元, level)" in reporter.text


def test_an_attribute_of_a_named_thing_is_drafted_with_the_kind_of_thing():
    found = proposals("随着涪陵白涛至石柱王场输气管道全线贯通，这条管道总投资18.04亿元，全长136.5公里，设计压力10兆帕。",
                      date="2015-09-23", place="涪陵区")
    assert [p.record["metric"] for p in found] == ["project_investment", "pipeline_length", "pipeline_design_pressure"]
    assert found[1].metric_draft.label == "管道全长"


def test_counts_of_the_classes_of_a_breakdown_are_one_drafted_metric():
    # the class is the count's subject (大渡口区基础设施项目); what is counted is projects, one metric for all classes
    found = [p.record for p in proposals("10月28日，大渡口区34个项目集中开工，其中产业项目4个，"
                                         "基础设施项目19个，社会事业项目9个，房地产项目2个。", "2022-10-28", "大渡口区")]
    by_value = {r["value"]: r for r in found}
    assert by_value[19]["subject"] == "大渡口区基础设施项目"
    assert by_value[19]["metric"] == by_value[9]["metric"] == by_value[2]["metric"] == "projects"
