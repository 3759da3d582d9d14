"""The live preview: an edit shows over HTTP after the rebuild; a broken edit keeps the last good site."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from editing import corrected
from fuling.core.options import BuildOptions
from fuling.core.reporter import MemoryReporter
from fuling.preview.server import PreviewServer

FIXTURE = Path(__file__).parent / "fixtures" / "mini"
FACTS = "content/facts/three-changes.yaml"


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    return root


def running_preview(project: Path, options: BuildOptions | None):
    server = PreviewServer(project, port=0, reporter=MemoryReporter(), debounce=0.1, options=options)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def preview(project):
    """The live preview of the project, without chart pictures: the tests that use it read pages,
    data files and the preview's answers, no picture (test_previews.py draws them in the live
    preview's kept Chromium, and preview_drawing_pictures below serves them)."""
    yield from running_preview(project, BuildOptions(chart_pictures=False))


@pytest.fixture
def preview_drawing_pictures(project):
    """The live preview as an editor runs it: the chart pictures drawn in its kept Chromium."""
    yield from running_preview(project, None)


def get_bytes(server: PreviewServer, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(server.url + path, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as failure:
        return failure.code, failure.read()


def get(server: PreviewServer, path: str) -> tuple[int, str]:
    code, body = get_bytes(server, path)
    return code, body.decode("utf-8")


def status(server: PreviewServer) -> dict:
    return json.loads(get(server, "__preview/status")[1])


def wait_for_build(server: PreviewServer, after: int, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = status(server)
        if state["version"] > after:
            return state
        time.sleep(0.05)
    raise AssertionError(f"no rebuild within {timeout} s of version {after}")


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_edited_fact_value_is_served_after_rebuild(preview_drawing_pictures, project):
    preview = preview_drawing_pictures
    before = status(preview)
    assert before["error"] == "", before["error"]
    assert "9137" not in get(preview, "data/facts.csv")[1]

    edit(project, FACTS, "value: 122\n", corrected(122, 9137))
    after = wait_for_build(preview, before["version"])

    assert after["error"] == ""
    code, csv = get(preview, "data/facts.csv")
    assert code == 200
    assert "high-tech-firms-2021" in csv and "9137" in csv
    code, picture = get_bytes(preview, "charts/industrial-output/preview-296.svg")
    assert code == 200 and picture.startswith(b"<svg")  # the chart pictures are served as well


def test_broken_edit_keeps_last_good_site_and_exposes_the_error(preview, project):
    good_csv = get(preview, "data/facts.csv")[1]
    good_page = get(preview, "")[1]
    before = status(preview)

    edit(project, FACTS, "value: 122\n", "value: 一百二十二\n")
    broken = wait_for_build(preview, before["version"])

    # The error names the file and line, both for the browser overlay and in the terminal.
    assert FACTS + ":" in broken["error"] and "value" in broken["error"]
    assert f"error: {FACTS}:" in preview.reporter.text
    # The last good site is still what is served.
    assert get(preview, "data/facts.csv") == (200, good_csv)
    code, page = get(preview, "")
    assert code == 200
    assert page.replace(f'data-version="{broken["version"]}"', "") == good_page.replace(f'data-version="{before["version"]}"', "")

    edit(project, FACTS, "value: 一百二十二\n", corrected(122, 123))
    fixed = wait_for_build(preview, broken["version"])
    assert fixed["error"] == ""
    assert "123" in get(preview, "data/facts.csv")[1].split("high-tech-firms-2021", 1)[1].splitlines()[0]


def test_the_status_request_of_an_open_page_is_answered_when_the_build_is_in(preview, project):
    """The page's script asks with `since=` its version; the server holds the request until a
    build moves the version, so the page reloads at once rather than at a timer's next tick."""
    import threading

    before = status(preview)["version"]
    assert json.loads(get(preview, f"__preview/status?since={before - 1}")[1])["version"] == before  # moved: at once
    assert get(preview, "__preview/status?since=--1")[0] == 200  # not a version: answered as it is, at once
    answered: list[tuple[float, dict]] = []
    waiting = threading.Thread(target=lambda: answered.append(
        (time.monotonic(), json.loads(get(preview, f"__preview/status?since={before}")[1]))))
    waiting.start()
    time.sleep(0.5)
    assert not answered, "answered before anything changed"
    edit(project, FACTS, "value: 122\n", corrected(122, 9137))
    waiting.join(timeout=60)
    assert answered and answered[0][1]["version"] == before + 1 and answered[0][1]["error"] == ""
    assert "9137" in get(preview, "data/facts.csv")[1]  # the new site is in when the answer comes


def test_stopping_the_server_answers_the_waiting_status_requests(project):
    import threading

    server = PreviewServer(project, port=0, reporter=MemoryReporter(), debounce=0.1,
                           options=BuildOptions(chart_pictures=False))  # reads the status only
    server.start()
    version = status(server)["version"]
    answered: list[dict] = []
    waiting = threading.Thread(target=lambda: answered.append(
        json.loads(get(server, f"__preview/status?since={version}")[1])))
    waiting.start()
    time.sleep(0.3)
    started = time.monotonic()
    server.stop()
    waiting.join(timeout=10)
    assert answered and answered[0]["version"] == version
    assert time.monotonic() - started < 5  # not the 20 s of a long poll


def test_reload_script_is_added_to_served_pages_only(preview, project):
    code, page = get(preview, "")
    assert code == 200
    on_disk = (project / "site" / "index.html").read_text(encoding="utf-8")
    digest = hashlib.blake2b(on_disk.encode("utf-8"), digest_size=8).hexdigest()  # of the page as the site has it
    assert f'<script src="/__preview/client.js" data-version="1" data-digest="{digest}"></script></body>' in page
    assert "__preview" not in on_disk
    # Data files are served untouched.
    assert get_bytes(preview, "data/facts.csv")[1] == (project / "site" / "data" / "facts.csv").read_bytes()
    code, script = get(preview, "__preview/client.js")
    assert code == 200 and "/__preview/status" in script and "location.reload()" in script


def test_an_edit_is_served_before_pagefind_has_indexed_it(project, slow_pagefind):
    server = PreviewServer(project, port=0, reporter=MemoryReporter(), debounce=0.1)
    server.start()
    try:
        entry = get_bytes(server, "pagefind/pagefind-entry.json")[1]
        before = status(server)
        edit(project, FACTS, "value: 122\n", corrected(122, 9137))
        after = wait_for_build(server, before["version"])
        assert after["error"] == "" and "9137" in get(server, "data/facts.csv")[1]
        assert get_bytes(server, "pagefind/pagefind-entry.json")[1] == entry, "the previous index meanwhile"
        assert after["search_behind"] is True, "the pages say that search is behind"

        deadline = time.monotonic() + 60
        while get_bytes(server, "pagefind/pagefind-entry.json")[1] == entry and time.monotonic() < deadline:
            time.sleep(0.1)
        assert get_bytes(server, "pagefind/pagefind-entry.json")[1] != entry, "then the new index"
        caught_up = status(server)
        while caught_up["search_behind"] and time.monotonic() < deadline:  # said just after the swap
            time.sleep(0.05)
            caught_up = status(server)
        assert caught_up["version"] == after["version"], "no second reload for the index"
        assert caught_up["search_behind"] is False
        waiting = json.loads(get(server, f"__preview/status?since={after['version']}&behind=1")[1])
        assert waiting["search_behind"] is False, "a page still showing the note hears at once that it may go"
    finally:
        server.stop()


def test_editor_scratch_files_do_not_trigger_a_rebuild(preview, project):
    before = status(preview)["version"]
    (project / "content" / "facts" / ".three-changes.yaml.swp").write_bytes(b"vim swap")
    (project / "content" / "facts" / "three-changes.yaml~").write_text("backup", encoding="utf-8")
    time.sleep(0.6)
    assert status(preview)["version"] == before


@pytest.mark.browser
def test_open_page_reloads_on_edit_and_shows_a_broken_edit_as_an_overlay(preview, project):
    import os

    chromium_path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not os.access(chromium_path, os.X_OK):
        pytest.fail(f"Chromium is missing ({chromium_path}); run `make test-tools`", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True,
                                             args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.goto(preview.url + "articles/three-changes/", wait_until="load")
            page.evaluate("window.__notReloaded = true")
            assert "9137" not in page.content()

            edit(project, FACTS, "value: 122\n", corrected(122, 9137))
            page.wait_for_function("!window.__notReloaded", timeout=60_000)  # the page reloaded itself
            page.wait_for_load_state("load")
            assert "9137" in page.inner_text("main")

            edit(project, FACTS, "value: 9137\n", "value: 一百二十二\n")
            overlay = page.wait_for_selector("#fuling-preview-error", timeout=60_000)
            assert FACTS + ":" in overlay.inner_text()
            assert overlay.get_attribute("role") == "alert"
            assert "9137" in page.inner_text("main")  # the last good page stays underneath

            edit(project, FACTS, "value: 一百二十二\n", "value: 123\n")  # its correction is still on record
            page.wait_for_function("!document.getElementById('fuling-preview-error') && "
                                   "document.querySelector('main') && document.querySelector('main').innerText.includes('123')",
                                   timeout=60_000)
            assert not [e for e in errors if "Content Security Policy" in e]
        finally:
            browser.close()


@pytest.mark.parametrize("host, answered", [
    ("127.0.0.1:{port}", True), ("localhost:{port}", True), ("[::1]:{port}", True),
    ("attacker.example", False), ("attacker.example:{port}", False), ("127.0.0.1.attacker.example", False),
])
def test_only_requests_addressed_to_this_machine_are_answered(preview, host, answered):
    """A page of another site that points its own name at 127.0.0.1 (DNS rebinding) reaches
    the preview with its own Host header: refused, so it can read nothing of the content."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=10)
    connection.request("GET", "/data/facts.csv", headers={"Host": host.format(port=preview.port)})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    assert (response.status == 200) is answered, (host, response.status)
    if not answered:
        assert response.status == 421 and b"high-tech-firms-2021" not in body


def test_each_rebuild_says_one_line_what_changed_and_what_it_wrote(preview, project):
    """No stage table per edit; warnings the last build had already are not repeated."""
    before = preview.reporter.text
    version = status(preview)["version"]
    path = project / FACTS
    path.write_text(path.read_text(encoding="utf-8").replace("截至2021年底的存量。", "截至2021年底的存量（改）。"), encoding="utf-8")
    wait_for_build(preview, version)
    new = preview.reporter.text[len(before):].strip().splitlines()
    assert len(new) == 1, new
    assert re.fullmatch(rf"rebuilt after {FACTS} changed in \d+\.\d\d s: \d+ pages, [1-9]\d* files changed(; the search index follows)?",
                        new[0]), new[0]


def test_the_overlay_shows_an_unreadable_content_folder_as_one_sentence(preview, project, monkeypatch):
    """In Chromium: the editor sees what is wrong, never a traceback or where the project lies."""
    import os

    chromium_path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not os.access(chromium_path, os.X_OK):
        pytest.fail(f"Chromium is missing ({chromium_path}); run `make test-tools`", pytrace=False)
    from playwright.sync_api import sync_playwright

    folder = os.path.realpath(project / "content" / "articles")
    scandir = os.scandir

    def refusing(path="."):  # the tests run as root, whom permissions do not stop
        if os.path.realpath(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True,
                                             args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        try:
            page = browser.new_page()
            page.goto(preview.url + "articles/three-changes/", wait_until="load")
            monkeypatch.setattr(os, "scandir", refusing)
            assert not preview.rebuild()
            overlay = page.wait_for_selector("#fuling-preview-error", timeout=60_000)
            shown = overlay.inner_text()
            assert "content/articles: the folder cannot be read (Permission denied)" in shown
            assert "Traceback" not in shown and str(project) not in shown and "/tmp" not in shown
        finally:
            browser.close()
