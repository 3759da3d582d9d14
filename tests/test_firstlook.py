"""The preview's first look (fuling/preview/firstlook.py): after an edit of a fact or an
article file, the open article page made from the kept model is byte for byte the page the
full build then writes; a change it cannot make exactly gets no first look."""
from __future__ import annotations

import json
import re
import shutil
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from editing import corrected
from fuling.build.pipeline import build_site
from fuling.build.resident import Resident
from fuling.core.facts import explorer_pages
from fuling.core.options import BuildOptions
from fuling.core.reporter import MemoryReporter
from fuling.core.urls import article_page, facts_page
from fuling.load.site import load_site
from fuling.preview.firstlook import first_look
from fuling.preview.server import PreviewServer

FIXTURE = Path(__file__).parent / "fixtures" / "mini"
FACTS = "content/facts/three-changes.yaml"
ARTICLE = "content/articles/three-changes.md"
PAGE = article_page("three-changes")
OTHER_PAGE = article_page("new-productive-forces")
FACTS_PAGE = facts_page(1)
ROOT = Path(__file__).resolve().parent.parent
OPTIONS = BuildOptions(chart_pictures=False, use_cache=False, serial=True)


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    return root


@pytest.fixture
def resident(project) -> Resident:
    """The model of a first build, kept as the live preview keeps it."""
    kept = Resident()
    build_site(project, project / "site", reporter=MemoryReporter(), options=OPTIONS, resident=kept)
    assert kept.model is not None
    return kept


def full_build(project: Path, name: str) -> Path:
    out = project.parent / name
    build_site(project, out, reporter=MemoryReporter(), options=OPTIONS)
    return out


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{rel} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


NEW_FACT = """- id: industrial-profit-growth-2021
  metric: industrial_output
  subject: 涪陵区
  value: 79
  unit: "%"
  period: "2021"
  kind: actual
  measure: growth
  source:
    article: three-changes
    quote: 利润总额增长79%
    paragraph: p1
  reviewed: true
"""

CONFLICTING_FACT = """- id: high-tech-firms-2021-revised
  metric: high_tech_enterprises
  subject: 涪陵区
  value: 120
  unit: 户
  period: "2021-12-31"
  kind: actual
  source:
    article: three-changes
    quote: 国家高新技术企业达122户
    paragraph: p3
  corrections: [{date: 2024-04-01, old_value: 122, reason: 测试改正}]
  reviewed: true
"""
# A second value for a year the chart draws: the file reads, the full build refuses it.
SECOND_CHARTED_VALUE = """- id: industrial-output-2021-revised
  metric: industrial_output
  subject: 涪陵区
  value: 1900
  unit: 亿元
  period: "2021"
  kind: actual
  source:
    article: three-changes
    quote: 去年全区规模以上工业产值首次突破2000亿元大关
    paragraph: p1
  corrections: [{date: 2024-04-01, old_value: 2000, reason: 测试改正}]
  reviewed: true
"""

EDITS = {
    "fact value": (FACTS, "value: 122\n", corrected(122, 9137)),
    "fact period": (FACTS, 'period: "2021"', 'period: "2021-01/2021-06"'),
    "fact subject": (FACTS, "subject: 涪陵区", "subject: 涪陵高新区"),
    "a figure that conflicts with another": (FACTS, "- id: industrial-value-added-growth-2021",
                                             CONFLICTING_FACT + "- id: industrial-value-added-growth-2021"),
    "fact added": (FACTS, "- id: industrial-value-added-growth-2021", NEW_FACT + "- id: industrial-value-added-growth-2021"),
    "article paragraph": (ARTICLE, "早春时节，涪陵大地生机勃勃", "春天里，涪陵大地生机勃勃"),
    "article title": (ARTICLE, "title: 笃行不怠建新功", "title: 笃行不怠再建新功"),
    "article summary": (ARTICLE, "summary: 2021年涪陵", "summary: 去年涪陵"),
}


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_the_first_look_is_the_page_the_full_build_writes(project, resident, kind):
    rel, old, new = EDITS[kind]
    before = (project / "site" / PAGE).read_bytes()
    edit(project, rel, old, new)

    pages = first_look(resident.model, project, [rel], {PAGE, FACTS_PAGE, "index.html"})

    assert set(pages) == {PAGE, FACTS_PAGE}, "the open article and explorer pages, not the front page"
    assert pages[PAGE] != before, "the edit shows"
    after = full_build(project, "after")
    for path, data in pages.items():
        assert data == (after / path).read_bytes(), path


@pytest.fixture(scope="module")
def paged(tmp_path_factory):
    """The benchmark's synthetic project with 30 articles: 210 facts, three pages of the explorer."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from corpus import make_corpus
    finally:
        sys.path.remove(str(ROOT / "bench"))
    root = tmp_path_factory.mktemp("paged") / "project"
    make_corpus(root, 30, ROOT)
    return root


def test_a_fact_that_moves_to_another_page_of_the_explorer_moves_the_rows_after_it(paged):
    """A new subject sorts the fact before every other of its metric (the district first),
    where it conflicts with the district's own figure: the rows between shift by one across
    the explorer's pages, and the links to them on the article pages with them."""
    kept = Resident()
    build_site(paged, paged / "site", reporter=MemoryReporter(), options=OPTIONS, resident=kept)
    listed = {facts_page(n) for n in range(1, len(kept.model.context.views.explorer_pages()) + 1)}
    assert len(listed) == 3
    rel = "content/facts/report-0029.yaml"
    text = (paged / rel).read_text(encoding="utf-8")
    subject = re.search(r"^  subject: (.+)$", text, re.M).group(1)
    assert subject != "涪陵区"
    fact_id = re.search(r"^- id: (\S+)$", text, re.M).group(1)
    (paged / rel).write_text(text.replace(f"subject: {subject}", "subject: 涪陵区", 1), encoding="utf-8")
    shown = listed | {article_page(slug) for slug in kept.model.site.articles}
    pages_before = {fid: view.page for fid, view in kept.model.context.views.facts.items()}

    pages = first_look(kept.model, paged, [rel], shown)

    assert set(pages) == shown
    after = full_build(paged, "after")
    for path, data in sorted(pages.items()):
        assert data == (after / path).read_bytes(), path
    edited = load_site(paged)
    pages_after = explorer_pages(edited)
    moved = {fid for fid, page in pages_before.items() if pages_after[fid] != page}
    assert fact_id in moved and len(moved) > 1, "the fact moved, and rows between with it"
    assert kept.model.context.views.facts[fact_id].subject == subject, "the kept model itself is left as it was"


def test_only_open_pages_are_made(project, resident):
    edit(project, FACTS, "value: 122\n", corrected(122, 9137))
    assert first_look(resident.model, project, [FACTS], set()) == {}
    pages = first_look(resident.model, project, [FACTS], {OTHER_PAGE})
    assert set(pages) == {OTHER_PAGE}  # not the edited article's page: no browser shows it
    assert pages[OTHER_PAGE] == (full_build(project, "after") / OTHER_PAGE).read_bytes()


REFUSED = {
    "a theme": ("content/themes/industry.md", "\n", "\n\n"),
    "a site option": ("content/site.yaml", "\n", "\n\n"),
    "a fact left unpublished": (FACTS, "  reviewed: true\n", "  reviewed: false\n"),
    "a broken fact file": (FACTS, "value: 122\n", "value: [122\n"),
    "an unknown metric": (FACTS, "metric: industrial_output\n", "metric: no_such_metric\n"),
    "a quote the article lost": (ARTICLE, "国家高新技术企业达122户", "国家高新技术企业达到122户"),
    "a broken article": (ARTICLE, "slug: three-changes", "slug: Three Changes"),
}


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_what_it_cannot_make_exactly_gets_no_first_look(project, resident, kind):
    rel, old, new = REFUSED[kind]
    edit(project, rel, old, new)
    assert first_look(resident.model, project, [rel], {PAGE}) == {}


def test_an_id_that_another_file_has_gets_no_first_look(project, resident):
    other = (project / "content/facts/new-productive-forces.yaml").read_text(encoding="utf-8")
    taken = other.split("- id: ", 1)[1].split("\n", 1)[0].strip()
    edit(project, FACTS, "- id: high-tech-firms-2021", f"- id: {taken}")
    assert first_look(resident.model, project, [FACTS], {PAGE}) == {}


def test_a_deleted_file_gets_no_first_look(project, resident):
    (project / FACTS).unlink()
    assert first_look(resident.model, project, [FACTS], {PAGE}) == {}


# -- in the live preview, over HTTP --------------------------------------------------------

def get(server: PreviewServer, path: str) -> str:
    with urllib.request.urlopen(server.url + path, timeout=30) as response:
        return response.read().decode("utf-8")


def status(server: PreviewServer, query: str = "") -> dict:
    return json.loads(get(server, "__preview/status" + query))


def served_digest(html: str) -> str:
    return re.search(r'data-digest="([0-9a-f]+)"', html).group(1)


def wait_for_version(server: PreviewServer, after: int, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = status(server)
        if state["version"] > after:
            return state
        time.sleep(0.02)
    raise AssertionError(f"no new version within {timeout} s of version {after}")


@pytest.fixture
def slow_preview(project):
    """The live preview with a build that starts half a second late, so a test sees the first
    look before the build that follows replaces it."""
    server = PreviewServer(project, port=0, reporter=MemoryReporter(), debounce=0.1,
                           options=BuildOptions(chart_pictures=False))
    build = server._build
    server._build = lambda: (time.sleep(0.5), build())[1]
    server.start()
    yield server
    server.stop()


def test_an_open_page_shows_the_edit_before_the_build_and_is_not_reloaded_after_it(project, slow_preview):
    server = slow_preview
    url = PAGE
    loaded = get(server, url)
    first = status(server, f"?page=/{url}&digest={served_digest(loaded)}")  # the page's script asks: it is open
    assert first["same"] is True and first["error"] == ""

    edit(project, FACTS, "value: 122\n", corrected(122, 9137))
    look = wait_for_version(server, first["version"])
    shown = get(server, url)
    assert "9137" in shown, "the first look serves the edited page"
    assert "9137" not in (project / "site" / PAGE).read_text(encoding="utf-8"), "before the build has written it"
    assert status(server, f"?page=/{url}&digest={served_digest(loaded)}")["same"] is False  # the page reloads
    assert "first look at articles/three-changes/index.html" in server.reporter.text

    built = wait_for_version(server, look["version"])
    assert built["error"] == "" and "9137" in (project / "site" / PAGE).read_text(encoding="utf-8")
    answer = status(server, f"?page=/{url}&digest={served_digest(shown)}")
    assert answer["same"] is True, "the build wrote what the first look showed: no second reload"
    assert get(server, url) == shown.replace(f'data-version="{look["version"]}"', f'data-version="{built["version"]}"')


def test_a_page_nobody_has_open_gets_no_first_look(project, slow_preview):
    server = slow_preview
    before = status(server)["version"]
    edit(project, FACTS, "value: 122\n", corrected(122, 9137))
    after = wait_for_version(server, before)
    assert "9137" in (project / "site" / PAGE).read_text(encoding="utf-8"), "the first new version is the build"
    assert after["version"] == before + 1 and "first look" not in server.reporter.text


def test_an_edit_the_build_refuses_leaves_the_last_good_page_and_the_error(project, slow_preview):
    """The first look reads the edited file alone; checks across the site are the build's. A
    second value for a year the chart draws reads cleanly, so the open page shows it first;
    then the build refuses it, and the page is the last good one again, under the error."""
    server = slow_preview
    good = (project / "site" / PAGE).read_bytes()
    before = status(server, f"?page=/{PAGE}&digest=0")["version"]  # the page is open
    edit(project, FACTS, "- id: industrial-value-added-growth-2021",
         SECOND_CHARTED_VALUE + "- id: industrial-value-added-growth-2021")
    look = wait_for_version(server, before)
    assert look["error"] == "" and "industrial-output-2021-revised" in get(server, PAGE)

    refused = wait_for_version(server, look["version"])
    assert "content/charts/industrial-output.yaml" in refused["error"]
    assert "industrial-output-2021-revised" not in get(server, PAGE), "the first look is gone with the build"
    assert (project / "site" / PAGE).read_bytes() == good
