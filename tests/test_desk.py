"""The editor's fix of one number (fuling/desk): the file keeps every other byte, the
correction is on record, and a fix the content would not load with is undone."""
from __future__ import annotations

import datetime as dt
import difflib
import re
import shutil
from pathlib import Path

import pytest

from fuling.build.pipeline import check_site
from fuling.cli import main
from fuling.core.errors import BuildError
from fuling.desk.fix import fix_fact, parse_value
from fuling.desk.yamlfile import EditableYaml
from fuling.load.site import load_site

MINI = Path(__file__).parent / "fixtures" / "mini"
TC = "content/facts/three-changes.yaml"
ODD = '''# 编辑部备注：本文件按原文顺序排列。
- id: high-tech-firms-2021   # 高新技术企业
  metric: high_tech_firms
  subject: '涪陵区'
  value: 122
  unit: 户
  period: "2021"
  kind: actual
  tags: [科技, 企业]
  source: {article: three-changes, quote: 国家高新技术企业达122户}

  reviewed: true   # 已核对
'''


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "mini")
    return tmp_path / "mini"


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:2] in ("- ", "+ ")]
    return [line[2:] for line in diff if line.startswith("- ")], [line[2:] for line in diff if line.startswith("+ ")]


def test_a_fix_changes_the_value_line_and_adds_the_correction_and_nothing_else(tmp_path):
    path = tmp_path / "facts.yaml"
    path.write_text(ODD, encoding="utf-8")
    editable = EditableYaml(path, "facts.yaml")
    from fuling.desk.fix import apply_fix

    apply_fix(editable, "high-tech-firms-2021", 123, "统计公报核定为123户", dt.date(2024, 4, 1))
    editable.save()
    removed, added = changed_lines(ODD, path.read_text(encoding="utf-8"))
    assert removed == ["  value: 122"]
    assert added == ["  value: 123", "  corrections:", "  - date: 2024-04-01", "    old_value: 122",
                     "    reason: 统计公报核定为123户"]


def test_a_second_fix_adds_a_second_correction(root):
    fix_fact(root, "high-tech-firms-2021", 123, "核定", dt.date(2024, 4, 1))
    fix_fact(root, "high-tech-firms-2021", 124, "再次核定", dt.date(2024, 5, 1))
    fact = load_site(root).facts["high-tech-firms-2021"]
    assert fact.value == 124
    assert [(c.date, c.old_value) for c in fact.corrections] == [(dt.date(2024, 4, 1), 122), (dt.date(2024, 5, 1), 123)]


def test_an_edit_the_content_would_not_load_with_is_undone(root):
    theme = root / "content" / "themes" / "industry.md"
    theme.write_text(theme.read_text(encoding="utf-8") + "\n首次[突破2000亿元](fact:industrial-output-2021)。\n",
                     encoding="utf-8")
    before = (root / TC).read_bytes()
    with pytest.raises(BuildError):  # a link typed with the old figure: the check stops the fix
        fix_fact(root, "industrial-output-2021", 2100, "核定", dt.date(2024, 4, 1), check=check_site)
    assert (root / TC).read_bytes() == before


def test_a_file_changed_while_the_fix_was_made_is_not_overwritten(root, monkeypatch):
    editable = EditableYaml(root / TC, TC)
    (root / TC).write_text((root / TC).read_text(encoding="utf-8") + "\n# 另一位编辑刚刚加的注释\n", encoding="utf-8")
    with pytest.raises(BuildError, match="changed on disk"):
        editable.save()
    assert "另一位编辑" in (root / TC).read_text(encoding="utf-8")


@pytest.mark.parametrize("text, problem", [("两千", "not a number"), ("nan", "not a finite number"), ("", "not a number")])
def test_a_value_that_is_not_a_number_is_refused(text, problem):
    with pytest.raises(BuildError, match=problem):
        parse_value(text)


def test_an_unknown_fact_id_says_where_ids_are(root):
    with pytest.raises(BuildError, match="no fact 'no-such-fact'"):
        fix_fact(root, "no-such-fact", 1, "x")


def test_build_py_fix_records_the_correction_and_rebuilds(root):
    assert main(["--root", str(root), "fix", "high-tech-firms-2021", "123", "--reason", "统计公报核定为123户",
                 "--date", "2024-04-01"]) == 0
    import csv
    import io

    rows = csv.DictReader(io.StringIO((root / "site" / "data" / "facts.csv").read_text(encoding="utf-8-sig")))
    row = next(r for r in rows if r["id"] == "high-tech-firms-2021")
    assert (row["value"], row["corrected"], row["corrected_on"], row["original_value"]) == ("123", "true", "2024-04-01", "122")
    assert "high-tech-firms-2021" in (root / "site" / "corrections" / "index.html").read_text(encoding="utf-8")


def test_after_a_fix_no_page_feed_or_data_file_shows_the_old_value_but_quotes_and_the_record(root):
    """`build.py fix industrial-output-2023 2476` and nothing else: the theme's lede and cards,
    the article summary, the descriptions and the feed follow; 2471 stays only where the
    source is quoted (its sentence, the article's text, the editor's note on the date) and in
    the corrections log."""
    assert main(["--root", str(root), "fix", "industrial-output-2023", "2476", "--reason", "统计局核定数为2476亿元",
                 "--date", "2024-04-01"]) == 0
    site = root / "site"
    quote = "去年，涪陵累计完成规上工业产值2471亿元"
    allowed = [quote, "（规上工业产值2471亿元）",  # the article's own text and the editor's note on its date
               "原为2471亿元", "原为 <del>2471亿元</del>", "原文为2471亿元", "由2471亿元更正为2476亿元", '"old_value": 2471',
               ",2024-04-01,2471,", '"original_value": 2471',
               '"old_value":"2471"']  # the data files' corrected_on, original_value; the facts explorer's records (facts/data/)
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".xml", ".csv", ".json", ".txt"):
            continue
        text = path.read_text(encoding="utf-8-sig")
        for words in allowed:
            text = text.replace(words, "")
        # the article's text prints the source's number, marked as corrected
        text = re.sub(r'2471亿元</a><a [^>]*class="corrected-mark"', "", text)
        assert "2471" not in text, f"{path.relative_to(site)} still shows 2471"
    for page in ("index.html", "themes/index.html", "themes/industry/index.html", "articles/new-productive-forces/index.html"):
        assert "2476亿元" in (site / page).read_text(encoding="utf-8"), page
    assert "规上工业产值2476亿元" in (site / "feed.xml").read_text(encoding="utf-8")


def test_after_a_fix_every_figure_of_the_fact_carries_the_correction_mark(root):
    """Wherever a page links the corrected figure (theme prose and tables, the article's text
    and its list, chart pages, home tiles), 更正 follows it, linking to the correction's entry."""
    assert main(["--root", str(root), "fix", "industrial-output-2023", "2476", "--reason", "统计局核定数为2476亿元",
                 "--date", "2024-04-01", "--no-build"]) == 0
    assert main(["--root", str(root), "build"]) == 0
    site = root / "site"
    figure = re.compile(r'<a [^>]*data-facts="(?:[^"]* )?industrial-output-2023(?: [^"]*)?"[^>]*>.*?</a>(<a [^>]*class="corrected-mark"[^>]*>)?')
    marked, unmarked = set(), []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        for match in figure.finditer(path.read_text(encoding="utf-8")):
            if match.group(1) is None:
                unmarked.append(rel)
            else:
                assert "corrections/index.html#industrial-output-2023-2024-04-01" in match.group(1), rel
                assert "原为2471亿元" in match.group(1), rel
                marked.add(rel)
    assert unmarked == []
    assert {"themes/industry/index.html", "articles/new-productive-forces/index.html"} <= marked, marked
    chart_rows = [p for p in site.glob("charts/*/index.html")
                  if re.search(r'data-facts="industrial-output-2023">(?:(?!</tr>).)*corrected-mark', p.read_text(encoding="utf-8"), re.S)]
    assert chart_rows, "no chart's data table marks the corrected row"
