"""Suite-wide test order, and fixtures several test files share."""
from __future__ import annotations

from pathlib import Path

import pytest

BROWSER_DIR = Path(__file__).resolve().parent / "browser"


def pytest_collection_modifyitems(config, items):
    # The browser checks share one Playwright session, whose sync API keeps an
    # event loop running in the main thread until the session ends; tests that
    # call asyncio.run() or start their own Playwright must run before it.
    items.sort(key=lambda item: Path(str(item.fspath)).is_relative_to(BROWSER_DIR))


@pytest.fixture
def slow_pagefind(tmp_path, monkeypatch):
    """Pagefind that starts 4 s late: longer than the rest of a build of the mini site, so a
    test can see what happens while it is still indexing. The build draws no chart pictures
    here: on a loaded machine drawing them took longer than those 4 s, and the build then
    waited for Chromium instead (test_previews.py draws them)."""
    from fuling.outputs import search

    real = search.pagefind_binary()
    slow = tmp_path / "slow-bin" / "pagefind_extended"
    slow.parent.mkdir()
    slow.write_text(f'#!/bin/sh\nsleep 4\nexec "{real}" "$@"\n')
    slow.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(slow))
    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")
