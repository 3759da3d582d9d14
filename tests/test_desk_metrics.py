"""Adopting a drafted metric (fuling/desk/metrics.py, and the desk's form for it): the
catalogue gains the entry, its figures become proposals in their article's fact file,
the draft leaves metrics-proposed.yaml; a refusal or a failed check leaves all three as they were."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fuling.build.pipeline import check_site
from fuling.core.articlefile import format_article
from fuling.core.model import Block
from fuling.core.errors import BuildError
from fuling.desk.metrics import adopt, drafted_metrics, file_under
from fuling.extract.project import extract_all
from fuling.load.site import load_site
from tests.test_desk import changed_lines

MINI = Path(__file__).parent / "fixtures" / "mini"
FILES = ("content/metrics.yaml", "content/facts/three-changes.yaml", "content/metrics-proposed.yaml")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The mini fixture with a paragraph whose metric (tourist arrivals) the catalogue lacks."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    article = root / "content" / "articles" / "three-changes.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n全区接待游客1200万人次，同比增长8%。 {#p4}\n", encoding="utf-8")
    extract_all(root)
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {rel: (root / rel).read_bytes() for rel in FILES}


def test_extraction_drafted_the_metric_with_its_two_figures(root):
    (draft,) = drafted_metrics(root)
    assert (draft.key, draft.label, draft.unit) == ("tourist_arrivals", "接待游客", "万人次")
    assert sorted(r["value"] for r in draft.records) == [8, 1200] and draft.articles == ["three-changes"]


def test_adopting_adds_the_entry_and_files_the_figures_as_proposals(root):
    catalogue_before = (root / FILES[0]).read_text(encoding="utf-8")
    facts_before = (root / FILES[1]).read_text(encoding="utf-8")
    adopt(root, "tourist_arrivals", key="tourist_arrivals", label="接待游客", unit="万人次", theme="industry",
          label_en="Tourist arrivals", check=check_site)
    removed, added = changed_lines(catalogue_before, (root / FILES[0]).read_text(encoding="utf-8"))
    assert removed == [] and added == ["- key: tourist_arrivals", "  label: 接待游客", "  label_en: Tourist arrivals",
                                       "  unit: 万人次", "  theme: industry"]
    facts_after = (root / FILES[1]).read_text(encoding="utf-8")
    assert facts_after.startswith(facts_before)  # appended: every record before kept byte for byte
    site = load_site(root)
    assert {"tourist-arrivals-2021", "tourist-arrivals-growth-2021"} <= set(site.waiting)
    assert site.metrics["tourist_arrivals"].label == "接待游客"
    assert drafted_metrics(root) == [] and not (root / FILES[2]).exists()


def test_a_new_key_is_written_into_the_filed_records(root):
    adopt(root, "tourist_arrivals", key="visitors", label="接待游客", unit="万人次", theme="industry", check=check_site)
    assert {f.metric for f in load_site(root).waiting.values() if f.id.startswith("tourist")} == {"visitors"}


@pytest.mark.parametrize("change, expected", [
    ({"key": "Tourist Arrivals"}, "is not a snake_case key"),
    ({"key": "industrial_output"}, "already in the catalogue"),
    ({"unit": " "}, "must not be empty"),
    ({"theme": "tourism"}, "is not a theme"),
])
def test_a_refused_adoption_touches_no_file(root, change, expected):
    before = snapshot(root)
    fields = {"key": "tourist_arrivals", "label": "接待游客", "unit": "万人次", "theme": "industry", **change}
    with pytest.raises(BuildError, match=expected):
        adopt(root, "tourist_arrivals", check=check_site, **fields)
    assert snapshot(root) == before


def test_an_adoption_the_content_would_not_load_with_is_undone(root):
    before = snapshot(root)

    def failing_check(r):
        raise BuildError([])

    with pytest.raises(BuildError):
        adopt(root, "tourist_arrivals", key="tourist_arrivals", label="接待游客", unit="万人次", theme="industry",
              check=failing_check)
    assert snapshot(root) == before


# --- a draft that is a metric the catalogue already has, under another name --------------------

HIGH_TECH = "\n截至去年底，全区高企总数达到350户，同比增长12%。 {#p5}\n"


@pytest.fixture
def synonym_root(tmp_path: Path) -> Path:
    """The mini fixture with a paragraph naming high-tech firms (a catalogue metric) in words no rule knows."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    article = root / "content" / "articles" / "three-changes.md"
    article.write_text(article.read_text(encoding="utf-8") + HIGH_TECH, encoding="utf-8")
    extract_all(root)
    return root


def test_filing_a_draft_under_a_catalogue_metric_adds_its_name_to_the_metric_s_words(synonym_root):
    root = synonym_root
    (draft,) = drafted_metrics(root)
    assert draft.label == "高企总数"
    catalogue_before = (root / FILES[0]).read_text(encoding="utf-8")
    file_under(root, draft.key, "high_tech_enterprises", check=check_site)
    catalogue_after = (root / FILES[0]).read_text(encoding="utf-8")
    removed, added = changed_lines(catalogue_before, catalogue_after)
    assert removed == [] and added == ["  words: [高企总数]"]
    assert catalogue_after.index("words: [高企总数]") > catalogue_after.index("key: high_tech_enterprises")
    site = load_site(root)
    assert sorted(f.value for f in site.waiting.values() if f.metric == "high_tech_enterprises") == [12, 350]
    assert drafted_metrics(root) == []
    # the next report that names the metric so is read as it, with no draft
    meta = {"title": "高企", "slug": "next-report", "date": "2022-07-20", "seed": "next.txt", "place": "涪陵区"}
    text = "截至今年6月底，全区高企总数达到380户。"
    (root / "content" / "articles" / "next-report.md").write_text(
        format_article(meta, [Block(anchor="p1", kind="p", text=text, line=0)]), encoding="utf-8")
    extract_all(root)
    assert drafted_metrics(root) == []
    assert [(f.metric, f.value) for f in load_site(root).waiting.values() if f.source.article == "next-report"] == [
        ("high_tech_enterprises", 380)]


@pytest.mark.parametrize("key, expected", [
    ("industrial_output", "'户' figures cannot measure 'industrial_output', whose unit is '亿元'"),
    ("high_tech_firms", "'high_tech_firms' is not in the catalogue"),
])
def test_a_refused_filing_touches_no_file(synonym_root, key, expected):
    before = snapshot(synonym_root)
    (draft,) = drafted_metrics(synonym_root)
    with pytest.raises(BuildError, match=expected):
        file_under(synonym_root, draft.key, key, check=check_site)
    assert snapshot(synonym_root) == before


def test_filing_under_a_metric_that_has_words_changes_that_line_only_and_keeps_comments(synonym_root):
    root = synonym_root
    catalogue = root / FILES[0]
    text = catalogue.read_text(encoding="utf-8")
    at = text.index("- key: high_tech_enterprises")
    unit_end = text.index("\n", text.index("  unit:", at)) + 1
    text = text[:unit_end] + "  words: [国家高企]  # 编辑部：常见简称\n" + text[unit_end:]
    catalogue.write_text("# 编辑部备注：本目录按主题排列\n" + text, encoding="utf-8")
    before = catalogue.read_text(encoding="utf-8")
    (draft,) = drafted_metrics(root)
    file_under(root, draft.key, "high_tech_enterprises", check=check_site)
    removed, added = changed_lines(before, catalogue.read_text(encoding="utf-8"))
    assert removed == ["  words: [国家高企]  # 编辑部：常见简称"] and added == ["  words: [国家高企, 高企总数]  # 编辑部：常见简称"]
    assert load_site(root).metrics["high_tech_enterprises"].words == ("国家高企", "高企总数")
