"""The search index: which pages and facts go in, what a fact's record
carries, and that the index is the same bytes for the same content.
(Finding 己二酸 and 绿色工厂 in a browser: tests/browser/test_search_browser.py.)"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from browser.sitefiles import parse_html
from fixture_site import make_site

from fuling.build.pipeline import build_files
from fuling.core.reporter import Reporter
from fuling.outputs import search

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"


def index_of(items: list[tuple[str, str]], binary: str | None = None) -> dict[str, bytes]:
    """A Pagefind run over these records, now, not remembered."""
    return search.SearchIndexRun([search.IndexPart.of(0, items)], binary=binary).result()


def site_index(site, pages: dict[str, bytes], binary: str | None = None) -> dict[str, bytes]:
    return search.start_search_index(site, pages, binary=binary).result()


@pytest.fixture(scope="module")
def built():
    return build_files(MINI, reporter=Reporter(quiet=True), templates_dir=ROOT / "templates")


def test_index_covers_articles_themes_charts_and_every_fact_but_not_lists_or_embeds(built):
    site, _, files = built
    paths = [path for path, _ in search.records(site, files)]
    assert "articles/new-productive-forces/index.html" in paths
    assert "themes/industry/index.html" in paths
    assert "charts/industrial-output/index.html" in paths
    assert sorted(p for p in paths if p.startswith("fact/")) == sorted(f"fact/{f}.html" for f in site.facts)
    for left_out in ("index.html", "facts/index.html", "embed/industrial-output/index.html", "search/index.html",
                     "articles/index.html", "404.html"):
        assert left_out not in paths


def test_a_fact_record_carries_its_value_source_quote_and_row_url():
    site = make_site()
    tree = parse_html(search.fact_record(site, site.facts["adipic-acid-capacity-huafeng"]))
    meta = {n.attrs["data-pagefind-meta"].removesuffix("[content]"): n.attrs["content"] for n in tree.iter() if "data-pagefind-meta" in n.attrs}
    assert meta["value"] == "150万吨"
    assert meta["url"] == "/facts/index.html#adipic-acid-capacity-huafeng"
    assert meta["quote"] == "年产150万吨己二酸"
    assert meta["source"] == "《3万亿后再出发 · 涪陵 加快形成新质生产力》，2024年3月20日"  # dates as the pages print them
    assert meta["type"] == "数字"
    h1 = [n.text() for n in tree.iter() if n.tag == "h1"]
    assert h1 == ["重庆华峰化工 己二酸产能（2023年）"]


def test_a_fact_record_names_its_theme():
    site = make_site()
    tree = parse_html(search.fact_record(site, site.facts["industrial-output-2023"]))
    meta = {n.attrs["data-pagefind-meta"].removesuffix("[content]"): n.attrs["content"] for n in tree.iter() if "data-pagefind-meta" in n.attrs}
    assert meta["theme"] == "工业产值与结构"


def test_fact_record_escapes_content():
    site = make_site()
    fact = site.facts["industrial-output-2023"]
    fact.note = '<img src=x onerror="alert(1)">'
    html = search.fact_record(site, fact)
    assert "<img" not in html and "&lt;img" in html


def test_build_ships_the_index_without_pagefinds_own_ui(built):
    _, _, files = built
    shipped = sorted(p for p in files if p.startswith("pagefind/"))
    assert "pagefind/pagefind.js" in shipped and "pagefind/pagefind-entry.json" in shipped
    assert any(p.startswith("pagefind/index/zh-cn_") for p in shipped), "a Chinese index"
    assert any(p.startswith("pagefind/fragment/") for p in shipped)
    assert not [p for p in shipped if "-ui" in p or "playground" in p]


def test_the_index_is_the_same_bytes_for_the_same_content(built):
    site, _, files = built
    items = search.records(site, {p: d for p, d in files.items() if p.endswith(".html")})
    # Pagefind run twice (not the in-process memo): the same bytes.
    assert index_of(items) == index_of(items)


def indexed_text(files: dict[str, bytes]) -> list[str]:
    """What Pagefind stored for each page: its fragments are gzip'd JSON after a signature."""
    import gzip
    import json

    signature = b"pagefind_dcd"
    texts = []
    for path, data in files.items():
        if path.startswith("pagefind/fragment/"):
            raw = gzip.decompress(data)
            texts.append(json.loads(raw[raw.index(signature) + len(signature):])["content"])
    return texts


def test_pagefind_reads_main_without_the_share_box_scripts_or_ignored_parts():
    page = ('<!doctype html><html lang="zh-CN"><body><header>页眉导航</header><main><p>榨菜产业</p>'
            '<div class="share">嵌入代码</div><script>var x = "脚本";</script>'
            '<p data-pagefind-ignore>不索引</p></main></body></html>')
    texts = indexed_text(index_of([("articles/a/index.html", page)]))
    assert len(texts) == 1
    assert "榨菜\u200b产业" in texts[0], "the extended binary cuts Chinese into words (zero-width spaces between)"
    for left_out in ("页眉", "嵌入", "脚本", "索引"):
        assert left_out not in texts[0]


def test_a_failing_pagefind_is_a_build_error_with_its_message(monkeypatch, tmp_path):
    from fuling.core.errors import BuildError

    broken = tmp_path / "pagefind_extended"
    broken.write_text("#!/bin/sh\necho 'Error: could not read the site' >&2\nexit 2\n")
    broken.chmod(0o755)
    with pytest.raises(BuildError) as caught:
        index_of([("articles/a/index.html", "<main>榨菜</main>")], binary=str(broken))
    assert "Pagefind could not index the site: Error: could not read the site" in str(caught.value)


def test_a_missing_extended_binary_names_the_dependency(monkeypatch, built):
    from fuling.core.errors import BuildError

    site, _, files = built
    with pytest.raises(BuildError) as caught:  # the plain binary cannot segment Chinese
        site_index(site, {p: d for p, d in files.items() if p.endswith(".html")}, binary="/usr/bin/pagefind")
    assert "pyproject.toml" in str(caught.value) and "extended Pagefind binary" in str(caught.value)


def test_the_binary_is_found_as_pagefinds_own_package_finds_it(monkeypatch, tmp_path):
    import sys

    from fuling.core.errors import BuildError

    wheel = search.pagefind_binary()
    assert wheel.name == "pagefind_extended" and wheel.is_file()  # the pagefind[extended] wheel's
    on_path = tmp_path / "pagefind_extended"
    on_path.write_text("#!/bin/sh\n")
    on_path.chmod(0o755)
    monkeypatch.setitem(sys.modules, "pagefind_bin_extended", None)  # the wheel not installed
    monkeypatch.setenv("PATH", str(tmp_path))
    assert search.pagefind_binary() == on_path
    monkeypatch.setenv("PATH", "")
    with pytest.raises(BuildError):
        search.pagefind_binary()


def test_a_changed_page_gives_a_new_index(built):
    site, _, files = built
    pages = {p: d for p, d in files.items() if p.endswith(".html")}
    before = site_index(site, pages)
    path = "articles/three-changes/index.html"
    pages[path] = pages[path].replace("</main>".encode(), "<p>磷石膏综合利用</p></main>".encode())
    assert site_index(site, pages) != before


def files_under(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file()}


def test_records_folder_is_kept_in_step_writing_only_what_changed(built, tmp_path):
    site, _, files = built
    items = search.records(site, {p: d for p, d in files.items() if p.endswith(".html")})
    folder = tmp_path / search.RECORDS
    assert search.sync_records(folder, items) == len(items)
    assert files_under(folder) == dict(items)
    assert search.sync_records(folder, items) == 0  # nothing changed: nothing written

    # An edited fact: its record alone is written; a removed one disappears.
    fact = "fact/industrial-output-2023.html"
    edited = [(path, html.replace("2471", "2480.5") if path == fact else html) for path, html in items]
    dropped = edited[-1][0]
    edited = edited[:-1]
    assert search.sync_records(folder, edited) == 1
    assert files_under(folder) == dict(edited) and dropped not in files_under(folder)

    # A build stopped half-way leaves no list: the next writes everything and drops strays.
    (folder.with_name(search.RECORDS + ".json")).unlink()
    (folder / "fact" / "left-over.html").write_text("<p>old</p>", encoding="utf-8")
    assert search.sync_records(folder, edited) == len(edited)
    assert files_under(folder) == dict(edited)

    # The folder deleted by hand, its list left: everything is written again.
    shutil.rmtree(folder)
    assert search.sync_records(folder, edited) == len(edited)
    assert files_under(folder) == dict(edited)


def test_a_build_failing_while_pagefind_runs_stops_it_and_removes_its_folder(monkeypatch, tmp_path):
    import subprocess

    from fuling.core.errors import BuildError, ContentError
    from fuling.outputs import publish as assets

    started: list[subprocess.Popen] = []
    folders: list[str] = []
    real_popen, real_folder = search.subprocess.Popen, search.tempfile.TemporaryDirectory

    def popen(*args, **kwargs):
        started.append(real_popen(*args, **kwargs))
        return started[-1]

    def folder(*args, **kwargs):
        made = real_folder(*args, **kwargs)
        folders.append(made.name)
        return made

    def failing_publish(files, progress=None, memo=None):
        assert started and started[0].poll() is None, "Pagefind is still indexing while the rest is published"
        raise BuildError([ContentError("templates/base.html", 3, "", "a publishing error")])

    slow = tmp_path / "pagefind_extended"  # a Pagefind still indexing when the build fails
    slow.write_text("#!/bin/sh\nexec sleep 60\n")
    slow.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(slow))
    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")  # only Pagefind is started: no Chromium for pictures
    monkeypatch.setattr(search.subprocess, "Popen", popen)
    monkeypatch.setattr(search.tempfile, "TemporaryDirectory", folder)
    monkeypatch.setattr(assets, "publish", failing_publish)
    with pytest.raises(BuildError, match="a publishing error"):
        build_files(MINI, reporter=Reporter(quiet=True), templates_dir=ROOT / "templates")
    assert len(started) == 1 and started[0].returncode == -9, "Pagefind was stopped and waited for"
    assert folders and not any(Path(f).exists() for f in folders)


def test_pagefind_writes_in_memory_only_with_room_and_clears_what_killed_builds_left(monkeypatch, tmp_path):
    import subprocess

    memory = tmp_path / "shm"
    memory.mkdir()
    monkeypatch.setattr(search, "MEMORY_FOLDER", str(memory))
    gone = subprocess.Popen(["true"])
    gone.wait()
    left = memory / f"{search.OUTPUT_PREFIX}{gone.pid}-abc"  # a build killed while Pagefind ran
    running = memory / f"{search.OUTPUT_PREFIX}{os.getpid()}-abc"  # a build still running
    left.mkdir()
    running.mkdir()
    items = [("fact/a.html", "<main>榨菜</main>")]
    assert search._output_dir(items, "/scratch") == str(memory)
    assert not left.exists() and running.exists()

    class Full:
        f_bavail, f_frsize = 1, 4096

    monkeypatch.setattr(search.os, "statvfs", lambda path: Full())
    assert search._output_dir(items, "/scratch") == "/scratch"
