"""The search index in parts (fuling.core.searchparts): an edit re-indexes the part it
touched, and the index it leaves is the one a clean build makes."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from fuling.build.pipeline import build_site
from fuling.core.options import BuildOptions
from fuling.core.reporter import MemoryReporter
from fuling.core.searchparts import article_part, part_count
from fuling.outputs import search

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))  # the benchmark's synthetic newsroom project and its edit
from corpus import make_corpus
from run import edit_fact_value

NO_PICTURES = BuildOptions(chart_pictures=False)


def test_a_small_site_is_one_index_and_a_large_one_a_power_of_two_of_parts():
    assert part_count(5) == 1
    assert part_count(100) == 1
    assert part_count(101) == 2
    assert part_count(1000) == 16  # ten parts' worth, rounded up: an article moves only when the count doubles
    assert part_count(1600) == 16
    assert part_count(1601) == 32
    assert part_count(12, per_part=2) == 8


def test_an_article_stays_in_its_part_and_no_article_is_in_the_site_part():
    assert article_part("report-0042", 1) == 0
    parts = {article_part(f"report-{i:04d}", 16) for i in range(1000)}
    assert parts == set(range(1, 17))  # every part gets articles
    assert article_part("report-0042", 16) == article_part("report-0042", 16)


def _project(tmp_path: Path, articles: int, per_part: int) -> Path:
    root = tmp_path / "project"
    make_corpus(root, articles, ROOT)
    site_yaml = root / "content" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + f"search_part_articles: {per_part}\n", encoding="utf-8")
    return root


def _index(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / "pagefind").rglob("*")) if p.is_file()}


def test_records_go_to_their_articles_part_and_pages_of_the_site_to_the_first(tmp_path):
    from fuling.build.pipeline import build_files
    from fuling.core.reporter import Reporter

    root = _project(tmp_path, 12, per_part=2)
    site, _, files = build_files(root, reporter=Reporter(quiet=True), options=NO_PICTURES)
    parts = search.split_records(site, search.records(site, files))
    used = sorted({article_part(slug, 8) for slug in site.articles})  # 12 articles, 2 a part: 8 parts
    assert [part.number for part in parts] == [0, *used] and len(used) > 1
    where = {path: part.number for part in parts for path, _ in part.items}
    for fact in site.facts.values():
        assert where[f"fact/{fact.id}.html"] == where[f"articles/{fact.source.article}/index.html"] != 0
    assert {n for path, n in where.items() if path.startswith(("themes/", "charts/"))} == {0}
    # The search page merges every article part into the first, and names no empty one.
    page = files["search/index.html"].decode("utf-8")
    listed = " ".join(f"../pagefind/part-{n}/" for n in used)
    assert f'data-pagefind-parts="{listed}"' in page


@pytest.mark.slow
def test_an_edit_reindexes_only_the_parts_it_touched_and_gives_a_clean_builds_index(tmp_path):
    root = _project(tmp_path, 12, per_part=2)
    build_site(root, root / "site", reporter=MemoryReporter(), options=NO_PICTURES)
    slug = sorted(p.stem for p in (root / "content" / "facts").glob("*.yaml"))[5]
    edit_fact_value(root, slug, 1)  # an editor's correction of one number

    parts = 1 + len(list((root / "site" / "pagefind").glob("part-*")))
    reporter = MemoryReporter()
    build_site(root, root / "site", reporter=reporter, options=NO_PICTURES)
    line = next(line for line in reporter.text.splitlines() if line.startswith("[search]"))
    # The edited article's part, and the site's own (its theme page lists the figure); not the others.
    assert any(f"{n} of {parts} parts indexed" in line for n in (1, 2)), line

    clean = tmp_path / "clean"
    shutil.copytree(root / "content", clean / "content")
    shutil.copytree(root / "templates", clean / "templates")
    shutil.copytree(root / "node_modules", clean / "node_modules", symlinks=True)
    build_site(clean, clean / "site", reporter=MemoryReporter(), options=BuildOptions(chart_pictures=False, use_cache=False))
    assert _index(root / "site") == _index(clean / "site")
