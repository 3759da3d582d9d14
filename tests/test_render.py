"""Render stage: the built pages, parsed as HTML, carry the figures, links, anchors and sources."""
from __future__ import annotations

import dataclasses
import json
import posixpath
import re
import shutil
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest

from editing import edit_value
from fuling.charts.figures import build_charts
from fuling.core.model import Block
from fuling.core.urls import relative_url
from fuling.load.site import load_site
from fuling.site.render import page_generators, render_site

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
TEMPLATES = ROOT / "templates"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


# -- a small DOM from the standard library's HTML parser ----------------------

class Node:
    def __init__(self, tag: str, attrs: dict, parent: "Node | None"):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.walk()

    def find_all(self, tag: str | None = None, **attrs) -> list["Node"]:
        found = []
        for node in self.walk():
            if tag and node.tag != tag:
                continue
            if all(node._matches(k.rstrip("_").replace("_", "-"), v) for k, v in attrs.items()):
                found.append(node)
        return found

    def _matches(self, name: str, wanted) -> bool:
        if wanted is True:
            return name in self.attrs
        if wanted is None:
            return name not in self.attrs
        if name == "class":
            return wanted in (self.attrs.get("class") or "").split()
        return self.attrs.get(name) == wanted

    def find(self, tag: str | None = None, **attrs) -> "Node":
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag}> with {attrs}"
        return found[0]

    def has_class(self, name: str) -> bool:
        return name in (self.attrs.get("class") or "").split()

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v if v is not None else "") for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(data: bytes) -> Node:
    builder = _Builder()
    builder.feed(data.decode("utf-8"))
    builder.close()
    return builder.root


# -- building ----------------------------------------------------------------

CORE = {"home", "themes", "articles", "charts", "facts", "notfound", "assets"}


def _render(site):
    """The core page types only (the whole site is built once, in `built`): fast, and about this stage."""
    generators = [g for g in page_generators() if g.__module__.rsplit(".", 1)[-1] in CORE]
    return render_site(site, build_charts(site), TEMPLATES, generators=generators)


@pytest.fixture(scope="module")
def mini_site():
    return load_site(MINI)


@pytest.fixture(scope="module")
def built():
    """The whole site as the pipeline builds it: pages, data files, every generator."""
    from fuling.build.pipeline import build_files
    from fuling.core.reporter import MemoryReporter

    return build_files(MINI, reporter=MemoryReporter(), templates_dir=TEMPLATES)[2]


def _shared_block(node: Node) -> bool:
    """Inside the downloads / embed-code blocks (their own tests cover them) or a textarea (text, not markup)."""
    return any(a.tag == "textarea" or a.has_class("share") for a in node.ancestors())


@pytest.fixture(scope="module")
def pages(built):
    return {path: parse(data) for path, data in built.items() if path.endswith(".html")}


def _resolve(page: str, href: str) -> tuple[str, str]:
    """(site path, fragment) that a relative link on `page` points to."""
    parsed = urllib.parse.urlsplit(href)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), urllib.parse.unquote(parsed.path))) if parsed.path else page
    fragment = urllib.parse.unquote(parsed.fragment).split(":~:")[0]
    return target, fragment


# -- pages and their heads ----------------------------------------------------------

def test_every_page_type_is_built(built, mini_site):
    expected = {"index.html", "404.html", "facts/index.html", "themes/index.html", "charts/index.html", "articles/index.html"}
    expected |= {f"themes/{slug}/index.html" for slug in mini_site.themes}
    expected |= {f"articles/{slug}/index.html" for slug in mini_site.articles}
    expected |= {f"charts/{cid}/index.html" for cid in mini_site.charts}
    assert expected <= set(built)
    # Assets are published under content-hashed names (fuling/outputs/publish.py); the manifest maps them.
    manifest = json.loads(built["assets/manifest.json"])
    logical = {"assets/site.css", "assets/charts.js", "assets/facts.js", "assets/favicon.svg", "assets/plotly.min.js"}
    assert logical <= set(manifest) and {manifest[name] for name in logical} <= set(built)


def test_pages_have_language_title_description_and_absolute_canonical(pages, mini_site):
    for path, dom in pages.items():
        html = dom.find("html")
        assert html.attrs.get("lang") == "zh-CN", path
        assert dom.find("title").text().strip(), path
        assert dom.find("meta", name="description").attrs["content"].strip(), path
        if path != "404.html":
            canonical = dom.find("link", rel="canonical").attrs["href"]
            assert canonical.startswith(mini_site.config.site_url), path
            assert not canonical.endswith("index.html")


def test_internal_links_are_relative_and_resolve_to_files_and_anchors(pages, built):
    ids = {path: {n.attrs["id"] for n in dom.walk() if "id" in n.attrs} for path, dom in pages.items()}
    checked = 0
    for path, dom in pages.items():
        if path == "404.html":
            continue
        for node in dom.walk():
            href = node.attrs.get("href") if node.tag in ("a", "link") else node.attrs.get("src") if node.tag == "script" else None
            if not href or href.startswith(("http://", "https://", "mailto:")) or _shared_block(node):
                continue
            assert not href.startswith("/"), f"{path}: {href} is not relative"
            target, fragment = _resolve(path, href.split("?")[0] if "?" in href and "#" not in href else href)
            target = target.split("?")[0]
            assert target in built, f"{path}: {href} -> {target} missing"
            if fragment and target.endswith(".html"):
                assert fragment in ids[target], f"{path}: {href}: no #{fragment} in {target}"
            checked += 1
    assert checked > 100


def test_plotly_is_served_from_the_site_itself_deferred(pages):
    # charts.js (deferred) fetches plotly.js from the URL in its data-plotly-src when a chart nears the viewport.
    dom = pages["charts/industrial-output/index.html"]
    scripts = [s.attrs["src"] for s in dom.find_all("script") if "src" in s.attrs and not _shared_block(s)]
    # Assets are published under content-hashed names (fuling/outputs/publish.py).
    plotly = [s.attrs["data-plotly-src"] for s in dom.find_all("script")
              if re.search(r"assets/charts\.[0-9a-f]{10}\.js$", s.attrs.get("src", ""))]
    assert plotly and all(re.search(r"assets/plotly\.min\.[0-9a-f]{10}\.js$", s) for s in plotly)
    assert all(not s.startswith(("http:", "https:", "//")) for s in scripts + plotly)
    assert all("defer" in s.attrs for s in dom.find_all("script") if "src" in s.attrs and not _shared_block(s))


# -- front page ----------------------------------------------------------------

def test_front_page_shows_headline_figures_with_period_and_source_link(pages, mini_site):
    dom = pages["index.html"]
    for fid in mini_site.config.headline_facts:
        fact = mini_site.facts[fid]
        card = dom.find("li", id=f"headline-{fid}")
        value = card.find(class_="figure-value")
        assert str(int(fact.value)) in value.text()
        link = value.find("a")
        target, fragment = _resolve("index.html", link.attrs["href"])
        assert target == f"articles/{fact.source.article}/index.html" and fragment == fact.source.paragraph
        assert ":~:text=" in link.attrs["href"]
        assert fact.source.quote in link.attrs["title"]
        assert f"{fact.period[:4]}年" in card.find(class_="figure-period").text()
        assert fact.source.quote in card.find("details").text()  # the quote, without JavaScript


def test_front_page_lists_articles_newest_first_and_the_themes(pages, mini_site):
    dom = pages["index.html"]
    times = [t.attrs["datetime"] for t in dom.find("ol", class_="article-list").find_all("time")]
    assert times == sorted(times, reverse=True) and len(times) == len(mini_site.articles)
    theme_links = [a.attrs["href"] for a in dom.find("section", class_="themes").find_all("a")]
    assert "themes/industry/index.html" in theme_links


# -- themes ------------------------------------------------------------------

def test_theme_narrative_figures_link_to_their_facts(pages, mini_site):
    dom = pages["themes/industry/index.html"]
    links = dom.find("div", class_="narrative").find_all("a")
    facts_page_ids = {n.attrs["id"] for n in pages["facts/index.html"].walk() if n.tag == "tr" and "id" in n.attrs}
    assert {a.attrs["data-facts"] for a in links} == {"industrial-output-2021", "industrial-output-2023", "industrial-output-target-2024"}
    for a in links:
        target, fragment = _resolve("themes/industry/index.html", a.attrs["href"])
        assert target == "facts/index.html" and fragment in facts_page_ids
        assert mini_site.facts[fragment].source.quote in a.attrs["title"]


def test_theme_has_its_charts_and_a_key_fact_table_with_sources(pages, mini_site):
    dom = pages["themes/industry/index.html"]
    assert dom.find("div", class_="chart-plot", data_chart="industrial-output")
    table = dom.find("section", class_="key-facts").find("table")
    rows = table.find("tbody").find_all("tr")
    metrics = set(mini_site.themes["industry"].metrics)
    assert len(rows) == sum(1 for f in mini_site.facts.values() if f.metric in metrics)
    for row in rows:
        quote_link = row.find("td", class_="quote").find("a")
        assert "articles/" in quote_link.attrs["href"] and "#p" in quote_link.attrs["href"]


# -- articles ----------------------------------------------------------------

def test_article_paragraphs_keep_their_anchors(pages, mini_site):
    for slug, article in mini_site.articles.items():
        dom = pages[f"articles/{slug}/index.html"]
        ids = {n.attrs["id"] for n in dom.find("div", class_="article-body").walk() if "id" in n.attrs}
        assert {b.anchor for b in article.blocks} <= ids


def test_article_marks_a_figure_and_its_link_reaches_the_facts_row(pages):
    dom = pages["articles/new-productive-forces/index.html"]
    paragraph = dom.find("p", id="p1")
    mark = next(a for a in paragraph.find_all("a") if "industrial-output-2023" in a.attrs.get("data-facts", "").split())
    assert mark.has_class("fig") and mark.text() == "2471亿元"
    target, fragment = _resolve("articles/new-productive-forces/index.html", mark.attrs["href"])
    assert target == "facts/index.html"
    row = pages["facts/index.html"].find("tr", id=fragment)
    assert "2471" in row.text()


def test_every_fact_of_an_article_is_marked_in_its_text(pages, mini_site):
    for slug in mini_site.articles:
        body = pages[f"articles/{slug}/index.html"].find("div", class_="article-body")
        marked = {fid for a in body.find_all("a") for fid in a.attrs.get("data-facts", "").split()}
        quoting = {f.id for f in mini_site.facts.values() if any(s.article == slug for s in f.sources)}
        assert quoting <= marked, f"{slug}: unmarked {quoting - marked}"


def test_article_shows_date_basis_discreetly(pages, mini_site):
    dom = pages["articles/new-productive-forces/index.html"]
    details = dom.find("details", class_="date-basis")
    assert mini_site.articles["new-productive-forces"].date_basis in details.text()
    assert dom.find("time").attrs["datetime"] == "2024-02-20"


def test_article_shows_the_byline_without_its_box_and_no_file_name(mini_site):
    import copy

    site = copy.deepcopy(mini_site)
    site.articles["three-changes"].byline = "□ 重庆日报记者 左黎韵"
    out = _render(site)
    dom = parse(out["articles/three-changes/index.html"])
    meta = dom.find("dl", class_="article-meta").text()
    assert "重庆日报记者 左黎韵" in meta and "□" not in meta
    for path in ("articles/three-changes/index.html", "articles/new-productive-forces/index.html"):
        text = out[path].decode("utf-8")
        assert "来源文件" not in text and ".txt" not in text, path  # seed files are the newsroom's, not the reader's


# -- charts ------------------------------------------------------------------

def test_chart_page_has_figure_json_table_sources_and_notes(pages, mini_site):
    dom = pages["charts/industrial-output/index.html"]
    figure = json.loads(dom.find("script", id="figure-industrial-output").text())
    drawn = {fid: y for t in figure["data"] for fid, y in zip(t["customdata"], t["y"]) if fid}
    assert drawn == {fid: mini_site.facts[fid].value for fid in drawn} and drawn
    table = dom.find("table", id="table-industrial-output")
    assert "亿元" in table.find("caption").text()
    rows = table.find("tbody").find_all("tr")
    assert {r.attrs["data-facts"] for r in rows} == set(drawn)
    target_row = dom.find("tr", data_facts="industrial-output-target-2024")
    assert target_row.has_class("kind-target") and "目标" in target_row.text()
    quotes = " ".join(b.text() for b in dom.find("ol", class_="sources").find_all("blockquote"))
    for fid in drawn:
        assert mini_site.facts[fid].source.quote in quotes
    notes = dom.find("ul", class_="chart-notes").text()
    assert "目标" in notes
    assert "最大" in dom.find(class_="chart-desc").text()  # the generated text alternative: the mini chart has no description


def test_partial_year_row_is_labelled_in_the_table(mini_site):
    site = dataclasses.replace(mini_site, facts=dict(mini_site.facts))
    original = site.facts["industrial-output-2023"]
    site.facts["industrial-output-2022-jan-aug"] = dataclasses.replace(original, id="industrial-output-2022-jan-aug", value=1654, period="2022-01/2022-08")
    dom = parse(_render(site)["charts/industrial-output/index.html"])
    row = dom.find("tr", data_facts="industrial-output-2022-jan-aug")
    assert row.has_class("partial") and "2022年1—8月" in row.text() and "部分年份" in row.text()
    assert "2022年1—8月只含部分月份" in dom.find("ul", class_="chart-notes").text()


# -- facts explorer ------------------------------------------------------------

def test_facts_page_lists_every_fact_with_quote_and_paragraph_link(pages, mini_site):
    dom = pages["facts/index.html"]
    rows = {r.attrs["id"]: r for r in dom.find("table", id="facts-table").find("tbody").find_all("tr")}
    assert set(rows) == set(mini_site.facts)
    for fid, fact in mini_site.facts.items():
        row = rows[fid]
        for key in ("data-theme", "data-metric", "data-subject", "data-period", "data-kind"):
            assert key in row.attrs
        link = next(a for a in row.find_all("a") if fact.source.quote in a.text())
        target, fragment = _resolve("facts/index.html", link.attrs["href"])
        assert target == f"articles/{fact.source.article}/index.html" and fragment == fact.source.paragraph
    assert dom.find("form", id="fact-filters").attrs.get("hidden") is not None  # shown by JavaScript only


def test_conflicting_facts_are_flagged(mini_site):
    site = dataclasses.replace(mini_site, conflicts=[("industrial-output-2021", "industrial-output-2023", "测试：两条记录不一致")])
    dom = parse(_render(site)["facts/index.html"])
    row = dom.find("tr", id="industrial-output-2021")
    assert row.has_class("conflict") and "测试：两条记录不一致" in row.text()
    assert row.find("p", class_="conflict-flag").find("a").attrs["href"] == "#industrial-output-2023"


# -- safety, reproducibility, extension ----------------------------------------------

def test_hostile_article_text_is_escaped_or_removed(mini_site):
    site = dataclasses.replace(mini_site, articles=dict(mini_site.articles))
    article = dataclasses.replace(site.articles["three-changes"])
    article.title = "<b>标题</b><script>alert('t')</script>"
    article.blocks = [
        Block("p1", "p", article.blocks[0].text + " <script>alert('x')</script>", 1),
        Block("p90", "p", "图片<img src=x onerror=alert(1)>和[链接](javascript:alert(2))以及<a href=\"javascript:alert(3)\" onclick=\"alert(4)\">a</a>", 2),
    ]
    site.articles["three-changes"] = article
    html = _render(site)["articles/three-changes/index.html"]
    dom = parse(html)
    for script in dom.find_all("script"):
        assert "alert" not in script.text()
    for node in dom.walk():
        assert not any(name.startswith("on") for name in node.attrs), node.tag
        assert not node.attrs.get("href", "").lower().startswith("javascript:")
        assert not node.attrs.get("src", "").startswith("x")
    assert "<b>标题</b>" not in html.decode() and "&lt;b&gt;标题" in html.decode()
    assert dom.find("p", id="p90").text().startswith("图片")


def test_render_is_byte_reproducible(mini_site):
    first, again = _render(mini_site), _render(mini_site)
    assert again.keys() == first.keys()
    assert [p for p in first if first[p] != again[p]] == []


def test_every_page_type_module_is_listed_once_and_extra_generators_run(mini_site):
    import pkgutil

    from fuling.outputs.exports import export_data
    from fuling.site import pages

    modules = sorted(info.name for info in pkgutil.iter_modules(pages.__path__) if not info.name.startswith("_"))
    listed = [g.__module__.rsplit(".", 1)[-1] for g in page_generators()]
    assert sorted(listed) == modules  # a page module left out of PAGE_TYPES would never run

    def hello(ctx):
        return ctx.page("404.html", "hello/index.html", section="", title="t", description="d", canonical="", base="/")

    charts = build_charts(mini_site)
    files = export_data(mini_site, charts)
    out = render_site(mini_site, charts, TEMPLATES, generators=[*page_generators(), hello], exports=lambda: files)
    assert "hello/index.html" in out and "data/index.html" in out


def test_the_pages_the_search_index_reads_come_first_and_are_handed_over_then(mini_site):
    ran: list[str] = []

    def early(ctx):
        ran.append("unmarked")
        return {"early/index.html": b"<p>x</p>"}

    def searched(ctx):
        ran.append("searched")
        return {"themes/x/index.html": b"<main>x</main>"}

    searched.searched = True

    def handed(pages):
        ran.append(f"handed {sorted(pages)}")

    render_site(mini_site, build_charts(mini_site), TEMPLATES, generators=[early, searched], on_searched_pages=handed)
    assert ran == ["searched", "handed ['themes/x/index.html']", "unmarked"]


def test_a_searched_page_rendered_after_the_index_started_is_an_error():
    from fuling.build.pipeline import _check_searched

    page = b"<main>x</main>"
    _check_searched({"themes/x/index.html": page}, {"themes/x/index.html": page, "facts/index.html": b"y"})
    with pytest.raises(ValueError, match="themes/y/index.html was rendered after the search index started"):
        _check_searched({"themes/x/index.html": page}, {"themes/x/index.html": page, "themes/y/index.html": page})


def test_relative_urls_work_from_any_depth():
    assert relative_url("facts/index.html#a", "index.html") == "facts/index.html#a"
    assert relative_url("facts/index.html#a", "articles/x/index.html") == "../../facts/index.html#a"
    assert relative_url("https://example.org/", "articles/x/index.html") == "https://example.org/"
    assert relative_url("facts/2/index.html#a", "facts/2/index.html") == "#a"  # the same page: no reload
    assert relative_url("facts/2/index.html#a", "facts/index.html") == "../facts/2/index.html#a"


def test_editor_changes_a_fact_and_the_chart_and_pages_show_it(tmp_path):
    from fuling.build.pipeline import build_files

    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    facts = project / "content" / "facts" / "new-productive-forces.yaml"
    edit_value(facts, 2471, 2480.5)
    theme = project / "content" / "themes" / "industry.md"
    theme.write_text(theme.read_text(encoding="utf-8").replace("[2471亿元]", "[2480.5亿元]"), encoding="utf-8")
    from fuling.core.reporter import MemoryReporter

    _site, charts, files = build_files(project, reporter=MemoryReporter(), templates_dir=TEMPLATES)
    assert 2480.5 in [p.fact.value for p in charts["industrial-output"].points]
    chart_page = parse(files["charts/industrial-output/index.html"])
    figure = json.loads(chart_page.find("script", id="figure-industrial-output").text())
    assert 2480.5 in [y for t in figure["data"] for y in t["y"]]
    assert 2471 not in [y for t in figure["data"] for y in t["y"]]
    assert "2480.5亿元" in chart_page.find("tr", data_facts="industrial-output-2023").text()
    row = parse(files["facts/index.html"]).find("tr", id="industrial-output-2023")
    assert "2480.5亿元" in row.text()
    front = parse(files["index.html"]).find("li", id="headline-industrial-output-2023")
    assert "2480.5" in front.text()


def test_line_breaks_inside_chinese_markdown_add_no_space():
    from fuling.site.markup import markdown_block, render_fact_links

    assert str(markdown_block("产值增长，\n利润增长。")) == "<p>产值增长，利润增长。</p>"
    html = str(render_fact_links("达到[2471亿元](fact:a)\n，增长。\n\n- 一项\n- 两项", lambda f: '<a href="x">', lambda f: None))
    assert "</a>，增长" in html and "<li>一项</li>" in html


def test_hostile_theme_narrative_is_sanitised(mini_site):
    site = dataclasses.replace(mini_site, themes=dict(mini_site.themes))
    theme = dataclasses.replace(site.themes["industry"])
    theme.body += "\n\n<script>alert(1)</script><img src=x onerror=alert(2)> [点我](javascript:alert(3))\n"
    site.themes["industry"] = theme
    dom = parse(_render(site)["themes/industry/index.html"])
    narrative = dom.find("div", class_="narrative")
    assert narrative.find_all("script") == [] and narrative.find_all("img") == []
    assert all(not a.attrs.get("href", "").startswith("javascript:") for a in narrative.find_all("a"))
    assert len([a for a in narrative.find_all("a") if a.has_class("fig")]) == 3  # the fact links survive


def test_text_fragment_escapes_its_syntax_characters_and_keeps_chinese():
    from fuling.site.views import text_fragment

    assert text_fragment("今年1—8月，规上-工业 a&b,c") == ":~:text=今年1—8月，规上%2D工业%20a%26b%2Cc"
    long = "去年，涪陵累计完成规上工业产值2471亿元、区县第二，工业增加值771亿元、区县第一，规上工业增加值增长11.2%、主城区第一"
    start, end = text_fragment(long)[len(":~:text="):].split(",")
    assert long.startswith(urllib.parse.unquote(start)) and long.endswith(urllib.parse.unquote(end))


@pytest.mark.parametrize("text, quote, value, unit, marked", [
    ("去年，涪陵累计完成规上工业产值2471亿元、区县第二", "规上工业产值2471亿元", 2471, "亿元", "2471亿元"),
    ("国内己二腈产品成本下降42%，打破垄断", "国内己二腈产品成本下降42%", -42, "%", "42%"),
    ("2022年33家科技型企业获知识产权价值贷款6100万元", "获知识产权价值贷款6100万元", 0.61, "亿元", "6100万元"),
    ("聚酯、聚氨酯、聚酰胺是涪陵区已建立的三大新材料产业集群", "三大新材料产业集群", 3, "个", "三"),
    ("全区市级重点实验室累计分别达9个、47个", "分别达9个、47个", 47, "个", "47个"),
    ("产销成品榨菜占全国一半以上", "产销成品榨菜占全国一半以上", 50, "%", "产销成品榨菜占全国一半以上"),
])
def test_article_figure_is_marked_where_the_text_prints_it(text, quote, value, unit, marked):
    from fuling.core.model import Fact, Source
    from fuling.site.markup import figure_span

    fact = Fact(id="f", metric="m", subject="涪陵区", value=value, unit=unit, period="2023", kind="actual",
                source=Source("a", quote, "p1"))
    start, end = figure_span(text, quote, fact)
    assert text[start:end] == marked


def test_pages_run_no_inline_script_so_a_strict_csp_holds(pages):
    for path, dom in pages.items():
        for script in dom.find_all("script"):
            if "src" not in script.attrs:
                assert script.attrs.get("type") in ("application/json", "application/ld+json"), path


def test_without_the_basic_bundle_the_build_serves_plotly_py_bundle_and_says_so(mini_site, tmp_path):
    import plotly

    from fuling.core.reporter import MemoryReporter

    templates = tmp_path / "templates"  # no node_modules/ beside this copy
    shutil.copytree(TEMPLATES, templates)
    reporter = MemoryReporter()
    generators = [g for g in page_generators() if g.__module__.endswith(".assets")]
    out = render_site(mini_site, build_charts(mini_site), templates, reporter=reporter, generators=generators)
    bundled = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_bytes()
    assert out["assets/plotly.min.js"] == bundled
    assert "node_modules/.fuling/plotly.min.js is missing" in reporter.text


def test_with_node_modules_the_site_serves_its_own_plotly_bundle(built):
    basic = ROOT / "node_modules" / ".fuling" / "plotly.min.js"
    if not basic.is_file():
        pytest.fail("node_modules/.fuling/plotly.min.js is missing: run `make npm-assets` (npm ci, then scripts/build-plotly.mjs)")
    served = [data for path, data in built.items() if path.startswith("assets/plotly") and path.endswith(".js")]
    assert served and all(data == basic.read_bytes() for data in served)
