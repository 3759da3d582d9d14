"""Reviewing proposals (fuling/desk/review.py and `build.py review`): accept, correct,
reject; each decision changes only its own lines, a bad value or a stale save
touches no file, and what is decided is what the next build publishes."""
from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest

from fuling.build.pipeline import check_site
from fuling.cli import main
from fuling.core.errors import BuildError
from fuling.desk.review import accept, find_record, read_records, reject, waiting_records
from fuling.extract.project import extract_all
from fuling.load.site import load_site
from tests.test_desk import changed_lines

MINI = Path(__file__).parent / "fixtures" / "mini"
TC = "content/facts/three-changes.yaml"
PROPOSAL = "industrial-value-added-growth-2021"  # the mini fixture's one unreviewed record (13 % growth)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "mini")
    return tmp_path / "mini"


def test_the_waiting_proposals_are_listed_with_their_quote(root):
    waiting = waiting_records(root)
    assert [r.fact_id for r in waiting] == [PROPOSAL]
    record = waiting[0]
    assert (record.path, record.quote, record.fields["value"], record.fields["unit"]) == (
        TC, "规模以上工业增加值增长13%", "13", "%")
    assert record.line == 15  # where `- id:` stands, for the message and the desk's link


def test_accepting_adds_reviewed_true_at_the_end_of_the_record_and_nothing_else(root):
    before = (root / TC).read_text(encoding="utf-8")
    accept(root, PROPOSAL, check=check_site)
    after = (root / TC).read_text(encoding="utf-8")
    removed, added = changed_lines(before, after)
    assert (removed, added) == ([], ["  reviewed: true"])
    assert after.index("  reviewed: true", before.index(PROPOSAL)) < after.index("- id: high-tech-firms-2021")
    assert PROPOSAL in load_site(root).facts


def test_accepting_with_a_corrected_field_changes_that_line_and_publishes_it(root):
    before = (root / TC).read_text(encoding="utf-8")
    accept(root, PROPOSAL, {"value": "13", "period": "2021-01/2021-06", "subject": "涪陵区"}, check=check_site)
    removed, added = changed_lines(before, (root / TC).read_text(encoding="utf-8"))
    assert removed == ['  period: "2021"']
    assert added == ['  period: "2021-01/2021-06"', "  reviewed: true"]
    assert load_site(root).facts[PROPOSAL].period == "2021-01/2021-06"


def test_a_value_the_quote_does_not_print_is_refused_before_any_write(root):
    before = (root / TC).read_bytes()
    with pytest.raises(BuildError) as failure:
        accept(root, PROPOSAL, {"value": "14"}, check=check_site)
    (error,) = failure.value.errors
    assert (error.path, error.field) == (TC, "value") and "not the number in its quote" in error.message
    assert (root / TC).read_bytes() == before


@pytest.mark.parametrize("field, text, expected", [
    ("value", "十三", "is not a number"),
    ("kind", "guess", "is not one of actual, estimate, target"),
    ("period", "2021年", "malformed"),
    ("subject", "  ", "must not be empty"),
])
def test_malformed_input_is_named_and_touches_no_file(root, field, text, expected):
    before = (root / TC).read_bytes()
    with pytest.raises(BuildError) as failure:
        accept(root, PROPOSAL, {field: text}, check=check_site)
    assert expected in str(failure.value.errors[0]) and failure.value.errors[0].path == TC
    assert (root / TC).read_bytes() == before


def test_a_decision_on_a_file_that_changed_since_it_was_read_is_refused(root):
    record = find_record(root, PROPOSAL)
    (root / TC).write_text((root / TC).read_text(encoding="utf-8") + "# 另一位编辑的备注\n", encoding="utf-8")
    before = (root / TC).read_bytes()
    with pytest.raises(BuildError, match="changed since you opened"):
        accept(root, PROPOSAL, digest=record.digest, check=check_site)
    assert (root / TC).read_bytes() == before


def test_rejecting_keeps_the_record_unpublished_and_extraction_does_not_propose_it_again(root):
    reject(root, PROPOSAL, "重复：已有同一数字", check=check_site)
    site = load_site(root)
    assert PROPOSAL not in site.facts and PROPOSAL not in site.waiting
    assert find_record(root, PROPOSAL).status == "rejected"
    extract_all(root, force=True)
    assert [r.fact_id for r in read_records(root) if r.fact_id == PROPOSAL and r.rejected] == [PROPOSAL]
    assert PROPOSAL not in [r.fact_id for r in waiting_records(root)]


def test_a_published_value_changes_only_with_a_reason_and_the_correction_is_on_record(root):
    with pytest.raises(BuildError, match="say why"):
        accept(root, "high-tech-firms-2021", {"value": "123"}, check=check_site)
    accept(root, "high-tech-firms-2021", {"value": "123"}, reason="统计公报核定为123户", check=check_site,
           today=dt.date(2024, 4, 1))
    fact = load_site(root).facts["high-tech-firms-2021"]
    assert fact.value == 123 and [(c.old_value, c.reason) for c in fact.corrections] == [(122, "统计公报核定为123户")]


def test_a_published_record_cannot_be_rejected(root):
    with pytest.raises(BuildError, match="corrected, not rejected"):
        reject(root, "high-tech-firms-2021", "不要了")


def test_review_in_the_terminal_accepts_corrects_and_rejects(root, monkeypatch, capsys):
    """`build.py review`: one prompt per waiting proposal; here: skip, then edit + accept."""
    answers = io.StringIO("s\n")
    monkeypatch.setattr("sys.stdin", answers)
    assert main(["--root", str(root), "review", "--no-build"]) == 0
    out = capsys.readouterr().out
    assert PROPOSAL in out and "规模以上工业增加值增长13%" in out and "1 proposal waits" in out
    assert PROPOSAL in load_site(root).waiting  # skipped: still waiting

    monkeypatch.setattr("sys.stdin", io.StringIO("e\nperiod\n2021-01/2021-06\n\na\n"))
    assert main(["--root", str(root), "review", "--no-build"]) == 0
    assert load_site(root).facts[PROPOSAL].period == "2021-01/2021-06"
    assert "accepted" in capsys.readouterr().out


def test_review_reject_from_the_terminal(root, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("r\n不是涪陵的数字\n"))
    assert main(["--root", str(root), "review", "--no-build"]) == 0
    assert find_record(root, PROPOSAL).rejected == "不是涪陵的数字"
    assert main(["--root", str(root), "review", "--no-build"]) == 0
    assert "no proposals wait for review" in capsys.readouterr().out


def test_review_accept_by_id_for_scripts(root, capsys):
    assert main(["--root", str(root), "review", "--accept", PROPOSAL, "--no-build"]) == 0
    assert PROPOSAL in load_site(root).facts
    assert main(["--root", str(root), "review", "--reject", "no-such-fact", "--reason", "x", "--no-build"]) == 1
    assert "no fact 'no-such-fact'" in capsys.readouterr().err


def test_review_files_a_drafted_metric_under_a_catalogue_metric_for_scripts(root, capsys):
    from fuling.desk.metrics import drafted_metrics
    from fuling.extract.project import extract_all

    article = root / "content" / "articles" / "three-changes.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n截至去年底，全区高企总数达到350户。 {#p5}\n", encoding="utf-8")
    extract_all(root)
    (draft,) = drafted_metrics(root)
    args = ["--root", str(root), "review", "--file-draft", draft.key, "--no-build"]
    assert main(args + ["--under", "industrial_output"]) == 1
    assert "'户' figures cannot measure 'industrial_output'" in capsys.readouterr().err
    assert main(args + ["--under", "high_tech_enterprises"]) == 0
    assert "高企总数 is now a word of high_tech_enterprises; 1 figure filed for review" in capsys.readouterr().err
    assert load_site(root).metrics["high_tech_enterprises"].words == ("高企总数",)


def test_a_record_both_reviewed_and_rejected_is_an_error_naming_its_line(root):
    path = root / TC
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    paragraph: p1\n  reviewed: true\n", "    paragraph: p1\n  reviewed: true\n  rejected: 重复\n", 1),
                    encoding="utf-8")
    with pytest.raises(BuildError) as failure:
        load_site(root)
    (error,) = failure.value.errors
    assert (error.path, error.line, error.field) == (TC, 15, "rejected") and "not both" in error.message
