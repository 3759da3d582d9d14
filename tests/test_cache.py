"""The build cache: a no-op is detected cheaply, and no cached result ever makes a build wrong."""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
from pathlib import Path

import pytest

from editing import edit_value
from fuling.build.cache import RACY_SECONDS, BuildState
from fuling.core.memo import NO_MEMO

FIXTURE = Path(__file__).parent / "fixtures" / "mini"
PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


# -- the build state on its own ---------------------------------------------------------

@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    (root / "content" / "facts").mkdir(parents=True)
    (root / "content" / "facts" / "a.yaml").write_text("- id: a\n  value: 2471\n", encoding="utf-8")
    (root / "templates").mkdir()
    (root / "templates" / "page.html").write_text("<p>{{ x }}</p>\n", encoding="utf-8")
    return root


def built(root: Path, site_url: str | None = None) -> BuildState:
    """Pretend to build: write site/ and record the state, as the pipeline does after the swap."""
    state = BuildState.begin(root, root / "site", root / "templates", site_url)
    (root / "site").mkdir(exist_ok=True)
    (root / "site" / "index.html").write_text("<p>2471</p>\n", encoding="utf-8")
    state.save({"pages": 1})
    return state


def check(root: Path, site_url: str | None = None) -> BuildState:
    return BuildState.begin(root, root / "site", root / "templates", site_url)


def age(path: Path, seconds: float = 3600) -> None:
    """Move a file's mtime into the past, as if it had been written long before the last build."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - int(seconds * 1e9)))


def test_nothing_changed_is_up_to_date(project):
    built(project)
    assert check(project).up_to_date()


def test_edited_fact_file_is_not_up_to_date(project):
    built(project)
    facts = project / "content" / "facts" / "a.yaml"
    facts.write_text("- id: a\n  value: 2472\n", encoding="utf-8")
    state = check(project)
    assert not state.up_to_date()
    assert state.changed_inputs() == {"content/facts/a.yaml"}


def test_edit_keeping_size_and_mtime_is_still_seen(project):
    # An edit within the same clock tick as the last build leaves size and mtime as they were.
    facts = project / "content" / "facts" / "a.yaml"
    built(project)
    before = facts.stat()
    facts.write_text("- id: a\n  value: 2472\n", encoding="utf-8")  # same length
    os.utime(facts, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert facts.stat().st_size == before.st_size
    assert not check(project).up_to_date()


def test_touched_but_unchanged_file_is_up_to_date(project):
    facts = project / "content" / "facts" / "a.yaml"
    built(project)
    os.utime(facts)  # new mtime, same bytes: the hash decides
    assert check(project).up_to_date()


def test_old_unchanged_files_are_not_read_again(project, monkeypatch):
    for path in (project / "content").rglob("*"):
        if path.is_file():
            age(path)
    built(project)
    hashed = []
    import fuling.build.cache as cache

    original = cache.file_digest
    monkeypatch.setattr(cache, "file_digest", lambda path: hashed.append(path) or original(path))
    assert check(project).up_to_date()
    assert not [p for p in hashed if "content" in p.parts]


@pytest.mark.parametrize("change", ["template", "added", "removed", "site_url"])
def test_other_inputs_invalidate(project, change):
    built(project)
    if change == "template":
        (project / "templates" / "page.html").write_text("<p>{{ x }}!</p>\n", encoding="utf-8")
    elif change == "added":
        (project / "content" / "facts" / "b.yaml").write_text("[]\n", encoding="utf-8")
    elif change == "removed":
        (project / "content" / "facts" / "a.yaml").unlink()
    assert not check(project, site_url="https://example.org/" if change == "site_url" else None).up_to_date()


@pytest.mark.parametrize("damage", ["edited", "deleted", "extra", "missing"])
def test_damaged_site_is_not_up_to_date(project, damage):
    built(project)
    page = project / "site" / "index.html"
    if damage == "edited":
        page.write_text("<p>hand edit</p>\n", encoding="utf-8")
    elif damage == "deleted":
        page.unlink()
    elif damage == "extra":
        (project / "site" / "stray.html").write_text("x", encoding="utf-8")
    else:
        shutil.rmtree(project / "site")
    assert not check(project).up_to_date()


def test_failed_build_leaves_the_last_good_state(project):
    built(project)
    (project / "content" / "facts" / "a.yaml").write_text("- id: a\n  value: [\n", encoding="utf-8")
    BuildState.begin(project, project / "site", project / "templates")  # a build that fails saves nothing
    assert not check(project).up_to_date()


def test_memo_replays_value_and_errors_of_an_unchanged_file(project):
    facts = project / "content" / "facts" / "a.yaml"
    age(facts, RACY_SECONDS * 10)
    calls = []

    def parse(errors):
        calls.append(1)
        errors.append("content/facts/a.yaml:2: value: a warning-worthy thing")
        return {"parsed": facts.read_text(encoding="utf-8")}

    state = BuildState.begin(project, project / "site", project / "templates")
    first_errors: list = []
    first = state.parse("facts", facts, project, parse, first_errors)
    (project / "site").mkdir()
    state.save({})

    again = BuildState.begin(project, project / "site", project / "templates")
    errors: list = []
    value = again.parse("facts", facts, project, parse, errors)
    assert value == first and errors == first_errors
    assert len(calls) == 1

    facts.write_text("- id: a\n  value: 9999\n", encoding="utf-8")
    edited = BuildState.begin(project, project / "site", project / "templates")
    value = edited.parse("facts", facts, project, parse, [])
    assert "9999" in value["parsed"] and len(calls) == 2


def test_compressed_copy_is_reused_only_for_identical_bytes(project):
    state = BuildState.begin(project, project / "site", project / "templates")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_bytes(b"<p>2471</p>\n")
    (project / "site" / "index.html.gz").write_bytes(b"packed 2471")
    state.save({})

    again = BuildState.begin(project, project / "site", project / "templates")
    assert again.previous_derived("index.html", b"<p>2471</p>\n", ".gz") == b"packed 2471"
    assert again.previous_derived("index.html", b"<p>2472</p>\n", ".gz") is None  # same size, other bytes
    assert again.previous_derived("index.html", b"<p>2471</p>\n", ".br") is None  # never made
    (project / "site" / "index.html.gz").write_bytes(b"tampered!!!")
    tampered = BuildState.begin(project, project / "site", project / "templates")
    assert tampered.previous_derived("index.html", b"<p>2471</p>\n", ".gz") is None


@pytest.mark.parametrize("change", ["package", "libraries"])
def test_compressed_copies_are_made_again_after_a_code_or_library_change(project, change):
    """The same page bytes compress to the same copy only with the same code and libraries:
    after an upgrade of the package or of brotli, every copy is made again."""
    import dataclasses

    state = BuildState.begin(project, project / "site", project / "templates")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_bytes(b"<p>2471</p>\n")
    (project / "site" / "index.html.gz").write_bytes(b"packed 2471")
    state.save({})

    again = BuildState.begin(project, project / "site", project / "templates")
    if change == "package":
        label = next(k for k in sorted(again.inputs) if k.startswith("package/") and k.endswith(".py"))
        again.inputs[label] = dataclasses.replace(again.inputs[label], digest="edited")
    else:
        again.environment = (*again.environment[:-1], (("site-packages", 1),))
    assert again.previous_derived("index.html", b"<p>2471</p>\n", ".gz") is None


def test_without_the_build_cache_every_file_is_parsed_every_time(project):
    calls = []
    for _ in range(2):
        NO_MEMO.parse("facts", project / "content" / "facts" / "a.yaml", project, lambda errors: calls.append(1), [])
    assert len(calls) == 2


# -- the real pipeline: an incremental build is always the build from scratch -------------

def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def mini(tmp_path) -> Path:
    """The mini fixture with its own copy of the templates, so a test can edit one."""
    root = tmp_path / "mini"
    shutil.copytree(FIXTURE, root)
    shutil.copytree(PACKAGE_TEMPLATES, root / "templates")
    bundle = PACKAGE_TEMPLATES.parent / "node_modules" / ".fuling"
    if bundle.is_dir():  # the small plotly.js build, as in the project: keeps each build quick
        (root / "node_modules").mkdir()
        (root / "node_modules" / bundle.name).symlink_to(bundle, target_is_directory=True)
    return root


def build(root: Path, monkeypatch, cached: bool = True) -> tuple[dict[str, bytes], str]:
    from fuling.build.pipeline import build_site
    from fuling.core.reporter import MemoryReporter

    if cached:
        monkeypatch.delenv("FULING_NO_CACHE", raising=False)
        out = root / "site"
    else:
        monkeypatch.setenv("FULING_NO_CACHE", "1")
        out = root / "site-from-scratch"
        shutil.rmtree(out, ignore_errors=True)
    reporter = MemoryReporter()
    build_site(root, out, reporter=reporter)
    return files_of(out), reporter.text


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_edited_fact_value_shows_after_incremental_rebuild(mini, monkeypatch):
    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")  # reads pages and the CSV, no picture
    build(mini, monkeypatch)
    edit_value(mini / "content" / "facts" / "three-changes.yaml", 122, 9137)
    files, log = build(mini, monkeypatch)
    assert "files parsed from cache" in log and "1 input file(s) changed" in log  # the incremental path ran
    assert b"9137" in files["facts/index.html"]
    assert b"9137" in files["articles/three-changes/index.html"]
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(files["data/facts.csv"].decode("utf-8-sig")))}
    assert rows["high-tech-firms-2021"]["value"] == "9137"


def test_an_edit_rewrites_only_the_shards_of_the_memo_whose_entries_changed(mini, monkeypatch):
    """The memo of parsed files and kept values (28 MB at 1,000 articles) is kept in shards:
    an edit writes the few that hold a changed entry, and the next build still reads them all."""
    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")
    build(mini, monkeypatch)
    shards = mini / ".cache" / "parsed"
    before = {path.name: path.read_bytes() for path in shards.glob("*.pickle")}
    edit_value(mini / "content" / "facts" / "three-changes.yaml", 122, 9137)
    _, log = build(mini, monkeypatch)
    after = {path.name: path.read_bytes() for path in shards.glob("*.pickle")}
    rewritten = {name for name in after if after[name] != before.get(name)}
    assert len(before) > 5 and 0 < len(rewritten) < len(after) / 2, (len(rewritten), len(after))
    edit_value(mini / "content" / "facts" / "three-changes.yaml", 9137, 9138)
    files, log = build(mini, monkeypatch)
    replayed, parsed = map(int, re.search(r"(\d+) of (\d+) files parsed from cache", log).groups())
    assert replayed == parsed - 1, "every file but the edited one replayed from the shards"
    assert b"9138" in files["facts/index.html"]


def test_changed_template_reaches_every_article_page(mini, monkeypatch):
    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")  # reads article pages, no picture
    build(mini, monkeypatch)
    replace_once(mini / "templates" / "article.html", '<article class="article"', '<article data-edition="2" class="article"')
    files, _ = build(mini, monkeypatch)
    pages = [name for name in files if name.startswith("articles/") and name.endswith(".html") and name != "articles/index.html"]
    assert len(pages) == 2
    assert all(b'data-edition="2"' in files[name] for name in pages)


EDITS = {
    "fact value": ("content/facts/new-productive-forces.yaml", "value: 771\n", "value: 772\n"),
    "article body": ("content/articles/three-changes.md", "利润总额增长79%。", "利润总额增长79%，稳中有进。"),
    "article title": ("content/articles/three-changes.md", "title: 笃行不怠建新功", "title: 笃行不怠建新功（修订）"),
    "metric label": ("content/metrics.yaml", "label: 规上工业产值\n", "label: 规模以上工业产值\n"),
    "theme title": ("content/themes/industry.md", "title: 工业产值与结构", "title: 工业"),
    "site title": ("content/site.yaml", "title: ", "title: 新"),
}


# The edits that change what a chart picture shows (its title, the site card's name): these
# builds draw the pictures, the others compare pages and data files (test_previews.py draws
# and compares pictures on their own).
DRAWN = {"metric label", "theme title", "site title"}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_incremental_build_equals_build_from_scratch(mini, monkeypatch, edit):
    if edit not in DRAWN:
        monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")
    build(mini, monkeypatch)
    rel, old, new = EDITS[edit]
    if edit == "fact value":  # as an editor fixes it: the value and its correction
        edit_value(mini / rel, 771, 772)
    elif edit == "site title":
        text = (mini / rel).read_text(encoding="utf-8")
        (mini / rel).write_text(text.replace("title: ", "title: 新", 1), encoding="utf-8")
    else:
        replace_once(mini / rel, old, new)
    incremental, log = build(mini, monkeypatch)
    assert "parsed from cache" in log
    scratch, _ = build(mini, monkeypatch, cached=False)
    assert incremental.keys() == scratch.keys()
    assert [name for name in incremental if incremental[name] != scratch[name]] == []


def test_chart_figures_are_drawn_again_only_when_what_they_show_changed(mini, monkeypatch):
    from fuling.charts import figures as charts

    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")  # the figures plotly.js draws; their pictures: test_previews.py

    drawn: list[str] = []
    real = charts._figure
    monkeypatch.setattr(charts, "_figure", lambda spec, points, site: drawn.append(spec.id) or real(spec, points, site))
    build(mini, monkeypatch)
    assert drawn == ["industrial-output"]
    drawn.clear()
    edit_value(mini / "content" / "facts" / "new-productive-forces.yaml", 771, 772)  # not charted
    build(mini, monkeypatch)
    assert drawn == []
    # A charted value (the theme text shows it through {fact:…} and follows).
    edit_value(mini / "content" / "facts" / "new-productive-forces.yaml", 2471, 2472)
    incremental, _ = build(mini, monkeypatch)
    assert drawn == ["industrial-output"]
    scratch, _ = build(mini, monkeypatch, cached=False)
    assert [name for name in incremental if incremental[name] != scratch[name]] == []
    assert b"2472" in incremental["data/industrial-output.json"]


def test_facts_page_renders_again_only_the_rows_of_edited_facts(mini, monkeypatch):
    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")  # reads the facts page, no picture
    rendered: list[str] = []
    real = BuildState.remembered

    def counting(state, kind, key, produce):
        return real(state, kind, key, lambda: (kind == "fact-row" and rendered.append(kind)) or produce())

    monkeypatch.setattr(BuildState, "remembered", counting)
    build(mini, monkeypatch)
    published = sum(p.read_text(encoding="utf-8").count("reviewed: true") for p in (mini / "content" / "facts").glob("*.yaml"))
    assert rendered == ["fact-row"] * published  # the first build renders every row
    rendered.clear()
    edit_value(mini / "content" / "facts" / "new-productive-forces.yaml", 771, 772)
    incremental, _ = build(mini, monkeypatch)
    assert rendered == ["fact-row"]
    scratch, _ = build(mini, monkeypatch, cached=False)
    assert incremental["facts/index.html"] == scratch["facts/index.html"]
    assert b"772" in incremental["facts/index.html"]


def test_noop_rebuild_stops_early_and_keeps_the_site(mini, monkeypatch):
    first, _ = build(mini, monkeypatch)
    again, log = build(mini, monkeypatch)
    assert "up to date" in log and "[render]" not in log
    assert again == first


def test_search_index_records_are_written_beside_the_build_cache_and_removed(mini, monkeypatch):
    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")  # reads Pagefind's folders, no picture
    from fuling.outputs import search

    folders: list[str | None] = []
    real = search.tempfile.TemporaryDirectory

    def recording(*args, **kwargs):
        made = real(*args, **kwargs)
        if kwargs.get("prefix", "").startswith("pagefind-"):  # the module is shared: other stages make folders too
            folders.append(made.name)
        return made

    monkeypatch.setattr(search.tempfile, "TemporaryDirectory", recording)
    build(mini, monkeypatch)
    # one folder, for Pagefind's output: in memory where there is room, else beside the build cache
    assert len(folders) == 1 and Path(folders[0]).parent in (Path(search.MEMORY_FOLDER), mini / ".cache")
    assert not Path(folders[0]).exists()
    # the records Pagefind reads stay for the next build, which rewrites only those that changed
    assert (mini / ".cache" / search.RECORDS / "fact" / "industrial-output-2023.html").is_file()
