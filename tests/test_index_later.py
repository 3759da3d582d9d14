"""The live preview's rebuild with the search index later (build_site(index_later=True)):
the edited pages are in site/ while Pagefind is still indexing, with the previous
index; finishing swaps the new index in and saves the build cache; dropping it
leaves the next build to do the work."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from editing import edit_value
from fuling.build.pipeline import build_files, build_site
from fuling.core.reporter import MemoryReporter

FIXTURE = Path(__file__).parent / "fixtures" / "mini"
FACTS = "content/facts/three-changes.yaml"
CSV = "data/facts.csv"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    monkeypatch.delenv("FULING_NO_CACHE", raising=False)
    # No chart pictures: the mini site's 18 drawings take longer than slow_pagefind's 4 s on a
    # busy machine, and then Pagefind is done before the build would wait for it.
    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    return root


@pytest.fixture
def resident():
    """What the live preview keeps between its rebuilds: here, between a test's builds."""
    from fuling.build.resident import Resident

    kept = Resident()
    yield kept
    kept.close()


def index_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / "pagefind").rglob("*"))
            if p.is_file() and not p.name.endswith((".gz", ".br"))}


def edit(root: Path, old: float, new: float) -> None:
    edit_value(root / FACTS, old, new)


def test_the_edit_is_served_first_with_the_previous_index_then_the_new_one(project, slow_pagefind, resident):
    site = project / "site"
    build_site(project, site, reporter=MemoryReporter(), resident=resident)
    old_index = index_files(site)
    edit(project, 122, 9137)

    reporter = MemoryReporter()
    result = build_site(project, site, reporter=reporter, index_later=True, resident=resident)
    assert result.pending_index is not None and not result.pending_index.done()
    assert "9137" in (site / CSV).read_text(encoding="utf-8"), "the edit is in site/ at once"
    assert index_files(site) == old_index, "with the whole previous index, not a part of a new one"
    assert "previous search index" in reporter.text

    result.pending_index.finish()
    _, _, fresh = build_files(project, reporter=MemoryReporter())  # the same content, built in one go
    assert index_files(site) == {p: d for p, d in fresh.items() if p.startswith("pagefind/") and not p.endswith((".gz", ".br"))}
    assert index_files(site) != old_index
    again = MemoryReporter()
    build_site(project, site, reporter=again, resident=resident)
    assert "up to date" in again.text, "finishing saved the build cache"


def test_a_dropped_index_leaves_the_work_to_the_next_build(project, slow_pagefind, resident):
    site = project / "site"
    build_site(project, site, reporter=MemoryReporter(), resident=resident)
    old_index = index_files(site)
    original = (project / FACTS).read_bytes()
    edit(project, 122, 9137)
    pending = build_site(project, site, reporter=MemoryReporter(), index_later=True, resident=resident).pending_index

    pending.cancel()
    assert pending.done()
    assert index_files(site) == old_index
    (project / FACTS).write_bytes(original)  # back to the file of the last finished build
    reporter = MemoryReporter()
    result = build_site(project, site, reporter=reporter, index_later=True, resident=resident)
    assert "up to date" not in reporter.text, "site/ no longer matches the last saved build"
    assert "9137" not in (site / CSV).read_text(encoding="utf-8")
    if result.pending_index is not None:
        result.pending_index.finish()
    assert index_files(site) == old_index, "the same content as the first build: the same index"


def test_without_an_earlier_index_in_this_process_the_build_waits_for_pagefind(project, slow_pagefind, resident):
    reporter = MemoryReporter()
    result = build_site(project, project / "site", reporter=reporter, index_later=True, resident=resident)
    assert result.pending_index is None
    assert index_files(project / "site")
    assert "waiting for Pagefind to index" in reporter.text, "the wait is not silent"
