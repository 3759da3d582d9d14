"""The live preview in a real browser: an open page reloads itself once an edit is built,
shows a broken edit as an overlay over the last good page, and reloads again once it is fixed."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from harness import new_context

from editing import corrected
from fuling.core.reporter import MemoryReporter
from fuling.preview.server import PreviewServer

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "mini"
FACTS = "content/facts/three-changes.yaml"
ROW = "#high-tech-firms-2021"  # the fact's row on the facts page
OVERLAY = "#fuling-preview-error"


@pytest.fixture
def preview(tmp_path, monkeypatch):
    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")  # the facts page shows no chart; builds stay short
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    server = PreviewServer(project, port=0, reporter=MemoryReporter(), debounce=0.1)
    server.start()
    yield server
    server.stop()


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_open_page_follows_the_edits(browser, preview):
    facts = preview.root / FACTS
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(preview.url + "facts/index.html")
        assert "122" in page.inner_text(ROW)

        saved = time.monotonic()
        replace_in(facts, "value: 122\n", corrected(122, 9137))  # as an editor now must: with its correction
        page.wait_for_selector(f"{ROW}:has-text('9137')", timeout=30_000)  # reloaded by itself
        seconds = time.monotonic() - saved
        # the debounce and one small build; the page's script waits on the server, not on a timer
        assert seconds < 10, seconds

        replace_in(facts, "value: 9137\n", "value: 一百二十二\n")
        overlay = page.wait_for_selector(OVERLAY, timeout=30_000)
        assert f"{FACTS}:" in overlay.inner_text() and "value" in overlay.inner_text()
        assert "9137" in page.inner_text(ROW)  # the last good page underneath

        replace_in(facts, "value: 一百二十二\n", "value: 123\n")  # the correction is still on record
        page.wait_for_selector(f"{ROW}:has-text('123')", timeout=30_000)
        assert page.query_selector(OVERLAY) is None
    finally:
        context.close()


@pytest.fixture
def slow_preview(tmp_path, slow_pagefind):
    """The live preview with a build that starts two seconds late and a Pagefind that starts
    four seconds late: long enough to see the first look, then the site with the old index."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    server = PreviewServer(project, port=0, reporter=MemoryReporter(), debounce=0.1)
    build = server._build
    server._build = lambda: (time.sleep(2.0), build())[1]
    server.start()
    yield server
    server.stop()


def test_an_open_article_page_shows_an_edit_at_once_and_is_not_reloaded_by_the_build(browser, slow_preview):
    """The first look (fuling/preview/firstlook.py): the edited number is on the open article
    page before the full build is in; when the build is in, the page is not reloaded again
    (what the build wrote is what the page shows); while Pagefind indexes, a note says so."""
    preview = slow_preview
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(preview.url + "articles/three-changes/index.html")
        figure = '.fact-list a.fig[data-facts~="high-tech-firms-2021"]'  # the article's list of its figures
        assert "122" in page.inner_text(figure)
        version = preview.status().version

        saved = time.monotonic()
        replace_in(preview.root / FACTS, "value: 122\n", corrected(122, 9137))
        page.wait_for_selector(f"{figure}:has-text('9137')", timeout=30_000)
        seconds = time.monotonic() - saved
        assert seconds < 1.8, f"{seconds:.2f} s: before the build (which starts 2 s after the save)"
        assert preview.status().version == version + 1, "the first look, not the build"
        page.evaluate("window.sameDocument = true")  # gone if the page reloads

        deadline = time.monotonic() + 30
        while preview.status().version < version + 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert preview.status().version == version + 2, "the build is in"
        page.wait_for_selector("#fuling-preview-search", timeout=10_000)  # Pagefind is 4 s late
        assert "搜索索引" in page.inner_text("#fuling-preview-search")
        page.wait_for_selector("#fuling-preview-search", state="detached", timeout=30_000)
        assert page.evaluate("window.sameDocument") is True, "no second reload: the build wrote what was shown"
        assert "9137" in page.inner_text(figure)
        page.screenshot(path=str(Path(__file__).resolve().parent.parent / "artifacts" / "preview-first-look.png"))
    finally:
        context.close()
