"""The search index: which pages and facts go in, what a fact's record
carries, how the records are split into shards and when a shard is indexed
again, that the shards merged are the index Pagefind makes of all the
records at once, and that the index is the same bytes for the same content.
(Finding words in a browser, from one shard or several: tests/browser/test_search_browser.py.)"""
from __future__ import annotations

import dataclasses
import gzip
import os
import re
import shutil
from collections import OrderedDict
from pathlib import Path
from types import SimpleNamespace

import pytest
from browser.sitefiles import parse_html
from fixture_site import make_site

from fuling import search, search_merge
from fuling.pipeline import build_files
from fuling.reporter import Reporter

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"


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
    assert meta["source"] == "《3万亿后再出发 · 涪陵 加快形成新质生产力》2024-03-20"
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
    fact.source = dataclasses.replace(fact.source, quote="“甲”&'乙'")
    html = search.fact_record(site, fact)
    assert "<img" not in html and "&lt;img" in html
    tree = parse_html(html)
    meta = {n.attrs["data-pagefind-meta"].removesuffix("[content]"): n.attrs["content"] for n in tree.iter() if "data-pagefind-meta" in n.attrs}
    assert meta["quote"] == "“甲”&'乙'"


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
    # Pagefind run twice, each time in a fresh process (not the in-process memo): the same bytes.
    assert search._index(items) == search._index(items)


def test_a_shard_is_the_same_bytes_whether_indexed_alone_or_after_another_in_one_process(built, monkeypatch):
    site, _, files = built
    items = search.records(site, {p: d for p, d in files.items() if p.endswith(".html")})
    first, second = items[: len(items) // 2], items[len(items) // 2:]
    monkeypatch.setattr(search, "MAX_WORKERS", 1)  # both in one service process, one after the other
    together = search._index_all([first, second])
    assert together == [search._index(first), search._index(second)]
    assert together[0] != together[1]


def test_the_index_builds_from_inside_a_running_event_loop(built, monkeypatch):
    import asyncio

    site, _, files = built
    pages = {p: d for p, d in files.items() if p.endswith(".html")}
    outside = search.search_index(site, pages)
    monkeypatch.setattr(search, "_MEMO", OrderedDict())  # index again, inside the loop

    async def inside():
        return search.search_index(site, pages)

    assert asyncio.run(inside()) == outside


def test_a_changed_page_gives_a_new_index(built):
    site, _, files = built
    pages = {p: d for p, d in files.items() if p.endswith(".html")}
    before = search.search_index(site, pages)
    path = "articles/three-changes/index.html"
    pages[path] = pages[path].replace("</main>".encode(), "<p>磷石膏综合利用</p></main>".encode())
    assert search.search_index(site, pages) != before


def pagefind_children() -> list[int]:
    """Our child processes running the Pagefind binary."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if entry.name.isdigit() and int(fields[1]) == os.getpid() and "pagefind" in (entry / "cmdline").read_text():
                found.append(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


def test_pagefind_started_ahead_is_stopped_when_no_shard_needs_it(built, monkeypatch):
    site, _, files = built
    pages = {p: d for p, d in files.items() if p.endswith(".html")}
    search.search_index(site, pages)  # indexed (or in the memo): the next call indexes nothing
    runs: list[int] = []
    real = search._Service.index
    monkeypatch.setattr(search._Service, "index", lambda self, items: runs.append(len(items)) or real(self, items))
    search.search_index(site, pages)
    assert runs == [] and pagefind_children() == []


# -- shards: merged into one index ----------------------------------------------------------

def unpacked(files: dict[str, bytes]) -> dict[str, bytes]:
    """Index files with Pagefind's gzip undone (the compressor may differ; the content may not)."""
    return {name: gzip.decompress(data) if name.endswith((".pf_meta", ".pf_index")) else data
            for name, data in files.items()}


def bundle(shards: list) -> dict[str, bytes]:
    """Every file of the merged index, fragments and Pagefind's runtime included."""
    return search_merge.with_other_files(search_merge.merge(shards).files, shards)


def merged(groups: list[list[tuple[str, str]]]) -> dict[str, bytes]:
    return bundle([search_merge.read_shard(files) for files in search._index_all(groups)])


@pytest.fixture(scope="module")
def real_records():
    """The real content's records, split as at four shards."""
    site, _, files = build_files(ROOT, reporter=Reporter(quiet=True), templates_dir=ROOT / "templates")
    saved, search.FORCED_SHARDS = search.FORCED_SHARDS, 4
    try:
        shards = search.split(site, search.records(site, files))
    finally:
        search.FORCED_SHARDS = saved
    return list(shards.values())


def test_the_merged_shards_are_the_index_pagefind_makes_of_all_records(real_records):
    assert len(real_records) >= 3
    whole = search._index([record for group in real_records for record in group])
    assert unpacked(merged(real_records)) == unpacked(whole)  # every file name and byte


def test_merging_renumbers_meta_fields_and_joins_accented_variants():
    # One shard has no `value` metadata (its field list differs); Pagefind keeps
    # café as a variant of cafe, on pages of both shards.
    pages = [("articles/a/index.html", "<html><body><main><h1>Café crème</h1><p>le cafe de 涪陵 naïve</p></main></body></html>"),
             ("themes/b/index.html", "<html><body><main><h1>Résumé</h1><p>resume café 榨菜</p></main></body></html>")]
    facts = [("fact/c.html", '<html><body><main><meta data-pagefind-meta="value[content]" content="café 12">'
                             "<h1>Naive cafe</h1><p>CAFÉ résumé 涪陵榨菜</p></main></body></html>")]
    shards = [search_merge.read_shard(files) for files in search._index_all([pages, facts])]
    assert shards[0].meta_fields != shards[1].meta_fields
    assert any(word[search_merge.VARIANTS] for shard in shards for word in shard.words.values())
    assert unpacked(bundle(shards)) == unpacked(search._index(pages + facts))


def test_a_merge_after_an_edit_encodes_only_the_edited_shards_words_and_equals_a_whole_merge(real_records, monkeypatch):
    shards = [search_merge.read_shard(files) for files in search._index_all(real_records)]
    keys = [f"shard-{n}" for n in range(len(shards))]
    last = search_merge.merge(shards, keys)
    edited = list(real_records[1])
    path, html = edited[0]
    edited[0] = (path, html.replace("</main>", "<p>磷石膏综合利用</p></main>"))
    shards[1] = search_merge.read_shard(search._index(edited))
    keys[1] = "shard-1-edited"
    encoded: list[str] = []
    real = search_merge._word
    monkeypatch.setattr(search_merge, "_word", lambda word, runs: encoded.append(word) or real(word, runs))
    before = {"shard-1": search_merge.read_shard(search._index(real_records[1]))}  # the shard as it was
    step = search_merge.merge(shards, keys, last, before.get)
    assert 0 < len(encoded) < len(step.encoded) / 4
    encoded.clear()
    whole = search_merge.merge(shards, keys)
    assert len(encoded) == len(whole.encoded)
    assert step.files == whole.files  # compressed bytes too: the same compressor


def test_chunk_bounds_follow_pagefind():
    # The last word of a chunk is cut to the shortest prefix telling it from the
    # next chunk's first, unless that would end the chunk before it starts.
    assert search_merge._prefixes("apple", "apricot") == ("app", "apr")
    assert search_merge._prefixes("加速", "动力") == ("加", "动")
    assert search_merge._short_name("zh-cn", b"", 7) == "zh-cn_da39a3e"  # SHA-1 of nothing: da39a3ee…


def test_an_index_of_another_version_is_not_merged_but_built_whole(built, monkeypatch):
    site, _, files = built
    pages = {p: d for p, d in files.items() if p.endswith(".html")}
    monkeypatch.setattr(search, "FORCED_SHARDS", 3)
    monkeypatch.setattr(search, "_MEMO", OrderedDict())
    expected = search.search_index(site, pages)
    monkeypatch.setattr(search_merge, "SUPPORTED", re.compile(r"^0\.0$"))
    monkeypatch.setattr(search, "_MEMO", OrderedDict())
    runs: list[int] = []
    real = search._Service.index
    monkeypatch.setattr(search._Service, "index", lambda self, items: runs.append(len(items)) or real(self, items))
    assert unpacked(search.search_index(site, pages)) == unpacked(expected)  # gzip aside: Pagefind's own
    assert runs[-1] == sum(runs[:-1])  # the shards, then everything in one index


# -- shards: assignment ------------------------------------------------------------------

def fake_site(articles: int, facts_each: int = 3, start: int = 0):
    slugs = [f"report-{n:04d}" for n in range(start, start + articles)]
    facts = {f"{slug}-f{k}": SimpleNamespace(source=SimpleNamespace(article=slug)) for slug in slugs for k in range(facts_each)}
    return SimpleNamespace(articles={slug: object() for slug in slugs}, facts=facts)


def record_paths(site) -> list[str]:
    return ([f"articles/{slug}/index.html" for slug in site.articles] + [f"fact/{f}.html" for f in site.facts]
            + [f"themes/t{n}/index.html" for n in range(6)] + [f"charts/c{n}/index.html" for n in range(4)])


def test_shard_count_grows_in_power_of_two_steps_and_the_real_site_has_one():
    per = search.ARTICLES_PER_SHARD
    assert [search.shard_count(n) for n in (0, 18, per)] == [1, 1, 1]
    assert [search.shard_count(n) for n in (per + 1, 2 * per)] == [2, 2]
    assert [search.shard_count(n) for n in (2 * per + 1, 4 * per, 4 * per + 1, 16 * per)] == [4, 4, 8, 16]
    from fuling.load import load_site

    assert search.shard_count(len(load_site(ROOT).articles)) == 1


def test_an_article_and_its_facts_share_a_shard_and_shards_are_used_evenly():
    site = fake_site(1000)
    count = search.shard_count(1000)
    assert count > 1
    sizes = [0] * count
    for slug in site.articles:
        shard = search.shard_of(site, f"articles/{slug}/index.html")
        assert {search.shard_of(site, f"fact/{slug}-f{k}.html") for k in range(3)} == {shard}
        sizes[shard] += 1
    assert min(sizes) > 1000 / count / 2 and max(sizes) < 1000 / count * 2, sizes


def test_adding_an_article_moves_no_other_record():
    before = fake_site(700)
    after = fake_site(701)
    assert search.shard_count(700) == search.shard_count(701)  # within one step
    moved = [p for p in record_paths(before) if search.shard_of(before, p) != search.shard_of(after, p)]
    assert moved == []
    new = "report-0700"
    assert {search.shard_of(after, p) for p in record_paths(after) if new in p} == {search.shard_of(after, f"articles/{new}/index.html")}


def test_split_groups_records_by_shard_in_shard_order():
    site = fake_site(300)
    items = [(path, path) for path in record_paths(site)]
    shards = search.split(site, items)
    assert list(shards) == sorted(shards) and len(shards) == search.shard_count(300)
    assert sorted(i for group in shards.values() for i in group) == sorted(items)
    assert all(search.shard_of(site, path) == shard for shard, group in shards.items() for path, _ in group)


# -- shards: reuse, counted in Pagefind runs ------------------------------------------------

@pytest.fixture
def sharded(tmp_path, monkeypatch):
    """The mini fixture built into its own site/ (so the build cache is active),
    with the shard count forced to one that puts its two articles in different shards."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    bundle = ROOT / "node_modules" / "plotly.js-basic-dist-min"
    if bundle.is_dir():  # the small plotly.js build, as in the project: keeps each build quick
        (root / "node_modules").mkdir()
        (root / "node_modules" / bundle.name).symlink_to(bundle, target_is_directory=True)
    slugs = ["new-productive-forces", "three-changes"]
    count = next(n for n in range(2, 64) if search._bucket(slugs[0], n) != search._bucket(slugs[1], n))
    monkeypatch.setattr(search, "FORCED_SHARDS", count)
    monkeypatch.setattr(search, "_MEMO", OrderedDict())
    monkeypatch.delenv("FULING_NO_CACHE", raising=False)
    runs: list[list[str]] = []
    real = search._Service.index
    monkeypatch.setattr(search._Service, "index", lambda self, items: runs.append([p for p, _ in items]) or real(self, items))
    return SimpleNamespace(root=root, runs=runs, count=count)


def build_into(root: Path, out: Path, monkeypatch, forget: bool = True) -> tuple[dict[str, bytes], object]:
    """Build as `build.py build` does; `forget`: drop the in-process memo first, so only `.cache/` can help."""
    from fuling.load import load_site
    from fuling.pipeline import build_site
    from fuling.reporter import MemoryReporter

    if forget:
        monkeypatch.setattr(search, "_MEMO", OrderedDict())
    build_site(root, out, reporter=MemoryReporter())
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    return files, load_site(root)


def index_files(files: dict[str, bytes]) -> dict[str, bytes]:
    return {p: d for p, d in files.items() if p.startswith("pagefind/")}


def changed_shards(before, after) -> set[int]:
    """The shards holding a record that is new or different: what must be indexed again."""
    (files_a, site_a), (files_b, site_b) = before, after
    old, new = dict(search.records(site_a, files_a)), dict(search.records(site_b, files_b))
    return {search.shard_of(site_b, p) for p, html in new.items() if old.get(p) != html}


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_article_edit_indexes_only_its_shard_and_gives_the_index_from_scratch(sharded, monkeypatch):
    out = sharded.root / "site"
    first = build_into(sharded.root, out, monkeypatch)
    sharded.runs.clear()
    replace_once(sharded.root / "content" / "articles" / "three-changes.md", "利润总额增长79%。", "利润总额增长79%，稳中有进。")
    second = build_into(sharded.root, out, monkeypatch)
    shard = search.shard_of(second[1], "articles/three-changes/index.html")
    assert changed_shards(first, second) == {shard}
    assert len(sharded.runs) == 1 and "articles/three-changes/index.html" in sharded.runs[0]
    assert "articles/new-productive-forces/index.html" not in sharded.runs[0]
    monkeypatch.setenv("FULING_NO_CACHE", "1")
    scratch = build_into(sharded.root, sharded.root / "site-from-scratch", monkeypatch)
    assert index_files(second[0]) == index_files(scratch[0])  # the reused shards are what indexing gives
    files, site = second
    assert len(sharded.runs) == 1 + len({search.shard_of(site, p) for p, _ in search.records(site, files)})


def test_a_fact_edit_indexes_exactly_the_shards_whose_records_changed(sharded, monkeypatch):
    out = sharded.root / "site"
    first = build_into(sharded.root, out, monkeypatch)
    total = len(sharded.runs)
    sharded.runs.clear()
    replace_once(sharded.root / "content" / "facts" / "new-productive-forces.yaml", "value: 771\n", "value: 772\n")
    second = build_into(sharded.root, out, monkeypatch)
    expected = changed_shards(first, second)
    assert search.shard_of(second[1], "articles/new-productive-forces/index.html") in expected
    indexed = [{search.shard_of(second[1], p) for p in run} for run in sharded.runs]
    assert all(len(shards) == 1 for shards in indexed)
    assert sorted(s for shards in indexed for s in shards) == sorted(expected)
    assert len(expected) <= total


def test_adding_an_article_indexes_only_its_shard(sharded, monkeypatch):
    out = sharded.root / "site"
    first = build_into(sharded.root, out, monkeypatch)
    sharded.runs.clear()
    text = (sharded.root / "content" / "articles" / "three-changes.md").read_text(encoding="utf-8")
    text = text.replace("slug: three-changes", "slug: added-piece").replace("title: 笃行不怠建新功", "title: 新增的一篇")
    text = re.sub(r"^tags: .*$", "tags: []", text, flags=re.M)  # on no theme page
    (sharded.root / "content" / "articles" / "added-piece.md").write_text(text, encoding="utf-8")
    second = build_into(sharded.root, out, monkeypatch)
    shard = search.shard_of(second[1], "articles/added-piece/index.html")
    assert changed_shards(first, second) == {shard}
    assert len(sharded.runs) == 1 and "articles/added-piece/index.html" in sharded.runs[0]


def test_the_build_cache_keeps_one_file_per_current_shard(sharded, monkeypatch):
    out = sharded.root / "site"
    files, site = build_into(sharded.root, out, monkeypatch)
    folder = sharded.root / ".cache" / search.CACHE_FOLDER

    def kept() -> set[str]:
        return {p.name for p in folder.glob("*.pickle") if p.name != search.MERGED_FILE}

    shards = {search.shard_of(site, p) for p, _ in search.records(site, files)}
    before = kept()
    assert len(before) == len(shards) and (folder / search.MERGED_FILE).is_file()
    replace_once(sharded.root / "content" / "articles" / "three-changes.md", "利润总额增长79%。", "利润总额增长79%，稳中有进。")
    build_into(sharded.root, out, monkeypatch)
    after = kept()
    assert len(after) == len(shards) and len(after - before) == 1 and len(before - after) == 1


def test_without_a_build_state_nothing_is_kept_in_the_project(sharded, monkeypatch):
    monkeypatch.setenv("FULING_NO_CACHE", "1")
    build_into(sharded.root, sharded.root / "site", monkeypatch)
    assert not (sharded.root / ".cache" / search.CACHE_FOLDER).exists()
    assert len(sharded.runs) > 1
    sharded.runs.clear()
    build_into(sharded.root, sharded.root / "site", monkeypatch)  # memo forgotten, no .cache/: everything again
    assert len(sharded.runs) > 1
