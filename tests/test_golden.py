"""The mini fixture's whole built site equals its reviewed golden copy
(`tests/golden.py` says how it is normalised and how to refresh it)."""
from __future__ import annotations

import difflib

import golden
import pytest


@pytest.fixture(scope="module")
def built():
    return golden.build_mini()


def test_compressed_copies_are_their_originals(built):
    assert any(p.endswith(".br") for p in built) and any(p.endswith(".gz") for p in built)
    assert golden.compressed_copies(built) == []


def test_every_hashed_asset_name_is_its_own_content_hash(built):
    assert golden.hashed_names(built), "no asset is published under a hashed name"
    assert golden.wrong_hashes(built) == []


def test_vendored_and_tool_outputs_are_present(built):
    names = set(golden.hashed_names(built).values()) | set(built)
    assert "assets/plotly.min.js" in names
    assert "pagefind/pagefind.js" in built and any(p.startswith("pagefind/index/") for p in built)


def test_whole_build_equals_the_golden_copy(built):
    actual = golden.normalise(built)
    kept = golden.read_tree(golden.GOLDEN)
    changed = sorted(p for p in set(kept) | set(actual) if kept.get(p) != actual.get(p))
    if not changed:
        return
    golden.write_tree(golden.ACTUAL, actual)
    report = [f"{len(changed)} golden file(s) differ; the new build is in {golden.ACTUAL} "
              f"(refresh on purpose with `python tests/golden.py --update`)"]
    for path in changed[:5]:
        before = kept.get(path, b"").decode("utf-8", "replace").splitlines()
        after = actual.get(path, b"").decode("utf-8", "replace").splitlines()
        report += list(difflib.unified_diff(before, after, f"golden/{path}", f"actual/{path}", lineterm="", n=1))[:40]
    pytest.fail("\n".join(report), pytrace=False)


def test_the_published_site_carries_no_editing_or_preview_code(built):
    """The desk and the reload script exist only in the live preview's answers."""
    carrying = [path for path, data in built.items() if b"__desk" in data or b"__preview" in data]
    assert carrying == []
