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
