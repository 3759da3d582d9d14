"""`build.py extract` against fact files an editor broke: an error naming the file and line,
and nothing written, never a traceback or an overwritten file."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fuling.core.reporter import MemoryReporter
from fuling.extract.project import extract_all

MINI = Path(__file__).parent / "fixtures" / "mini"
TC = "content/facts/three-changes.yaml"


@pytest.mark.parametrize("text, where, problem", [
    ("- id: [unclosed\n", 2, "cannot be read as YAML"),
    ("just some text\n", 1, "must be a list of fact records"),
    ("- id: a\n- just text\n", 1, "must be a list of fact records"),
    ("- id: a\n  note: " + "[" * 200 + "]" * 200 + "\n", 2, "cannot be read as YAML (nested more than"),
    ("- &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(f"- &{n} [{', '.join(['*' + p] * 10)}]\n"
     for p, n in zip("abcdefg", "bcdefgh")), 4, "cannot be read as YAML (aliases"),
])
def test_a_broken_fact_file_is_named_and_nothing_is_written(tmp_path, text, where, problem):
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    (root / TC).write_text(text, encoding="utf-8")
    before = {p: p.read_bytes() for p in (root / "content" / "facts").glob("*.yaml")}
    reporter = MemoryReporter()
    assert extract_all(root, force=True, reporter=reporter) == 1
    assert f"error: {TC}:{where}: {problem}" in reporter.text and "nothing was written" in reporter.text
    assert {p: p.read_bytes() for p in (root / "content" / "facts").glob("*.yaml")} == before


HAND_ADDED = """- id: hand-added-green-factories-2021
  metric: green_factories
  subject: 涪陵区
  value: 5
  unit: 个
  period: "2021-12-31"
  kind: actual
  source:
    article: three-changes
    quote: 建成国家绿色工厂5个
  note: 编辑补录
"""

REVIEWED_ODDLY = """- id: reviewed-in-words
  metric: industrial_output
  subject: 涪陵区
  value: 1
  unit: 亿元
  period: "2021"
  kind: actual
  source: {article: three-changes, quote: 不在文中}
  reviewed: "yes"
"""


@pytest.mark.parametrize("record", [HAND_ADDED, REVIEWED_ODDLY], ids=["hand-added", "reviewed-written-as-text"])
def test_extract_force_never_drops_an_editors_record(tmp_path, record):
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    path = root / TC
    path.write_text(path.read_text(encoding="utf-8") + record, encoding="utf-8")
    reviewed = [chunk for chunk in path.read_text(encoding="utf-8").split("\n- ") if "reviewed: true" in chunk]

    diff = MemoryReporter()
    assert extract_all(root, diff=True, reporter=diff) == 0
    record_id = record.split("\n")[0].removeprefix("- id: ")
    if record is HAND_ADDED:  # listed as one extraction does not propose
        assert f"  ? {record_id}: extraction does not propose it; kept" in diff.text
    else:  # a reviewed one is kept, and the diff says the extractor no longer finds it
        assert f"  = {record_id} (reviewed, kept): extraction no longer proposes it" in diff.text
    assert f"- {record_id}" not in diff.text

    assert extract_all(root, force=True, reporter=MemoryReporter()) == 0
    after = path.read_text(encoding="utf-8")
    assert record in after  # byte for byte
    assert all(chunk in after for chunk in reviewed)


def test_extract_refuses_an_article_linked_from_outside_without_quoting_it(tmp_path):
    import os

    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    secret = "PASSWORD-OF-THE-NEWSROOM-7f3a"
    outside = tmp_path / "elsewhere.md"
    outside.write_text(f"---\ntitle: [{secret}\n---\n{secret}\n", encoding="utf-8")
    os.symlink(outside, root / "content/articles/leak.md")
    reporter = MemoryReporter()
    assert extract_all(root, reporter=reporter) == 1
    assert "error: content/articles/leak.md: is a symbolic link to a file outside the project" in reporter.text
    assert secret not in reporter.text
    assert not (root / "content/facts/leak.yaml").exists()
