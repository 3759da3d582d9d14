"""Recorded dependencies: after any kind of edit, a build that reuses the pages whose recorded
reads did not change writes exactly the bytes a clean build writes, and reuses the others."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from editing import edit_value
from fuling.build.pipeline import build_site
from fuling.core.options import BuildOptions
from fuling.core.reporter import MemoryReporter

FIXTURE = Path(__file__).parent / "fixtures" / "mini"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# No chart pictures (no Chromium thread, so the article pages render on the second core and
# their records come back from there, as in a real build).
OPTIONS = BuildOptions(chart_pictures=False)
REUSED = re.compile(r"(\d+) of (\d+) pages reused")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_article(root: Path) -> None:
    source = (root / "content" / "articles" / "three-changes.md").read_text(encoding="utf-8")
    text = source.replace("slug: three-changes", "slug: added-report", 1)
    text = re.sub(r"^title: .*$", "title: 新增的一篇报道", text, count=1, flags=re.M)
    (root / "content" / "articles" / "added-report.md").write_text(text, encoding="utf-8")


def content(root: Path, *parts: str) -> Path:
    return root.joinpath("content", *parts)


# Each kind of input, edited as an editor would.
EDITS = {
    "fact value": lambda root: edit_value(content(root, "facts", "three-changes.yaml"), 2000, 2001),
    "fact period": lambda root: replace(content(root, "facts", "three-changes.yaml"),
                                        'period: "2021"\n  kind: actual\n  bound: at_least',
                                        'period: "2021-12-31"\n  kind: actual\n  bound: at_least'),
    "article paragraph": lambda root: replace(content(root, "articles", "new-productive-forces.md"),
                                              "2024年发展目标 {#p2}", "2024年发展目标（修订） {#p2}"),
    "article title": lambda root: replace(content(root, "articles", "three-changes.md"), "\ntitle: ", "\ntitle: 修订："),
    "metric label": lambda root: replace(content(root, "metrics.yaml"), "label: 工业增加值", "label: 全区工业增加值"),
    "theme": lambda root: replace(content(root, "themes", "industry.md"), "\ntitle: ", "\ntitle: 修订："),
    "chart spec": lambda root: replace(content(root, "charts", "industrial-output.yaml"),
                                       "title: 涪陵规上工业产值", "title: 涪陵规上工业总产值"),
    # A template only the article pages load (through extends/import/include, recorded as they render).
    "template": lambda root: replace(root / "templates" / "article.html", "{% block main %}", "{% block main %}\n<!-- 修订 -->"),
    "row template": lambda root: replace(root / "templates" / "partials" / "fact-row.html",
                                         '<td class="num">', '<td class="num figure">'),
    "article summary": lambda root: replace(content(root, "articles", "three-changes.md"), "\nsummary: ", "\nsummary: 修订："),
    "site option": lambda root: replace(content(root, "site.yaml"), "publisher: 涪陵数据编辑部", "publisher: 涪陵数据编辑组"),
    "added file": add_article,
    "deleted file": lambda root: (content(root, "articles", "added-report.md").unlink()),
}
# What must be set up before the build the edit is measured against.
BEFORE = {"deleted file": add_article}


def build(root: Path) -> tuple[dict[str, bytes], tuple[int, int]]:
    reporter = MemoryReporter()
    build_site(root, root / "site", reporter=reporter, options=OPTIONS)
    files = {p.relative_to(root / "site").as_posix(): p.read_bytes()
             for p in sorted((root / "site").rglob("*")) if p.is_file()}
    found = REUSED.findall(reporter.text)
    return files, (tuple(int(n) for n in found[-1]) if found else (0, 0))


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE / "content", root / "content")
    shutil.copytree(TEMPLATES, root / "templates")  # the project's own, so a test can edit one
    return root


@pytest.mark.parametrize("kind", list(EDITS))
def test_an_incremental_build_after_an_edit_is_a_clean_build(project, kind):
    if kind in BEFORE:
        BEFORE[kind](project)
    build(project)
    EDITS[kind](project)
    incremental, (reused, pages) = build(project)
    for leftover in [project / "site", project / ".cache", *project.glob(".site*")]:
        shutil.rmtree(leftover, ignore_errors=True)
    clean, (reused_clean, _) = build(project)
    assert reused_clean == 0
    changed = sorted(p for p in set(clean) | set(incremental) if clean.get(p) != incremental.get(p))
    assert not changed, f"{kind}: the incremental build differs from a clean one in {changed}"
    if kind != "site option":  # the site's options are on every page
        assert 0 < reused < pages, f"{kind}: {reused} of {pages} pages reused"


def test_an_edit_renders_again_exactly_the_pages_that_read_it(project):
    build(project)
    before, _ = build(project)  # no-op
    replace(content(project, "articles", "new-productive-forces.md"), "2024年发展目标 {#p2}", "2024年发展目标（修订） {#p2}")
    after, (reused, pages) = build(project)
    differ = {p for p in after if p.endswith(".html") and after[p] != before.get(p)}
    assert differ == {"articles/new-productive-forces/index.html"}, differ
    # That page, and nothing else, was rendered again: the articles list, the facts pages and the
    # other article read nothing the edit changed.
    assert reused == pages - 1, (reused, pages)
