"""Check 7, hostile content: scripts, event handlers and javascript: links in
Markdown, HTML in YAML titles and fact quotes, a 1 MB paragraph, an article of
only whitespace, invalid UTF-8 and non-numbers as fact values.

Each item is added alone to a copy of the mini fixture project and built: the
build either refuses it with a `path:line` error naming the hostile file and
line, or renders it; the items that render are then built together and every
page is loaded in Chromium, where no content script may run and no dialog may
open (each payload sets window.__hostile and calls alert())."""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
from harness import (
    ROOT,
    in_thread,
    open_page,
    report,
    site_prefix,
    start_server,
    stop_server,
    wait_for_charts,
)
from sitefiles import load_pages, normalise_space, url_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MINI = ROOT / "tests" / "fixtures" / "mini"
ARTICLE = "content/articles/three-changes.md"
FACTS = "content/facts/three-changes.yaml"
CHART = "content/charts/industrial-output.yaml"


def payload(name: str) -> str:
    """Script that records its own execution; it must never run."""
    return f"window.__hostile=(window.__hostile||[]).concat('{name}');alert('{name}')"


@dataclass
class Planted:
    path: str  # file the hostile item is in, relative to the project
    line: int  # line of the hostile item; 0 when the whole file is at fault
    marker: str = ""  # text a reader must see if the item is rendered


@dataclass
class Outcome:
    name: str
    planted: Planted
    errors: list[str] = field(default_factory=list)  # BuildError lines, when refused
    crash: str = ""  # any other exception: a build must never crash on content

    @property
    def built(self) -> bool:
        return not self.errors and not self.crash


def _append(root: Path, rel: str, text: str) -> int:
    """Append text to a file; return the line number where it starts."""
    file = root / rel
    old = file.read_text(encoding="utf-8")
    if not old.endswith("\n"):
        old += "\n"
    file.write_text(old + text, encoding="utf-8")
    return old.count("\n") + 1


def _paragraph(root: Path, anchor: str, text: str) -> int:
    return _append(root, ARTICLE, f"\n{text} {{#{anchor}}}\n") + 1


def _fact(root: Path, fact_id: str, value: str, quote: str, paragraph: str, metric: str = "industrial_output",
          unit: str = "亿元", period: str = "2020", kind: str = "actual") -> int:
    """Append a fact record; return the line of its value."""
    quote_yaml = "'" + quote.replace("'", "''") + "'"
    start = _append(root, FACTS, (
        f"- id: {fact_id}\n  metric: {metric}\n  subject: 涪陵区\n  value: {value}\n  unit: \"{unit}\"\n"
        f"  period: \"{period}\"\n  kind: {kind}\n  source:\n    article: three-changes\n"
        f"    quote: {quote_yaml}\n    paragraph: {paragraph}\n"))
    return start + 3


def _replace_line(root: Path, rel: str, prefix: str, new: str) -> int:
    file = root / rel
    lines = file.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(prefix))
    lines[index] = new
    file.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


def script_in_markdown(root):
    line = _paragraph(root, "p90", f"敌意脚本段落<script>{payload('markdown-script')}</script>到此为止。")
    return Planted(ARTICLE, line, "敌意脚本段落")


def img_onerror_in_markdown(root):
    line = _paragraph(root, "p91", f"敌意图片段落<img src=x onerror=\"{payload('img-onerror')}\">到此为止。")
    return Planted(ARTICLE, line, "敌意图片段落")


def javascript_link_in_markdown(root):
    line = _paragraph(root, "p92", "敌意链接段落[点此](javascript:alert('javascript-link'))到此为止。")
    return Planted(ARTICLE, line, "敌意链接段落")


def html_in_article_title(root):
    title = f"敌意标题<img src=x onerror=\"{payload('article-title')}\"></title><script>{payload('title-script')}</script>"
    line = _replace_line(root, ARTICLE, "title:", "title: '" + title.replace("'", "''") + "'")
    return Planted(ARTICLE, line, "敌意标题")


def html_in_chart_title(root):
    title = (f"敌意图表</script><script>{payload('chart-title-script')}</script>"
             f"<img src=x onerror=\"{payload('chart-title-img')}\"><a href=\"javascript:{payload('chart-title-link')}\">链接</a>")
    line = _replace_line(root, CHART, "title:", "title: '" + title.replace("'", "''") + "'")
    return Planted(CHART, line, "敌意图表")


def html_in_fact_quote(root):
    quote = f"敌意引文<b onmouseover=\"{payload('quote-handler')}\">2471</b>亿元<script>{payload('quote-script')}</script>"
    paragraph_line = _paragraph(root, "p93", f"今年{quote}。")
    _fact(root, "hostile-quote-2023", "2471", quote, "p93", metric="high_tech_enterprises", unit="户",
          period="2023-12-31")
    return Planted(ARTICLE, paragraph_line, "敌意引文")


def one_megabyte_paragraph(root):
    text = "涪陵规上工业产值稳步增长。" * (1_000_000 // len("涪陵规上工业产值稳步增长。".encode()) + 1)
    line = _paragraph(root, "p94", "敌意长段落" + text)
    return Planted(ARTICLE, line, "敌意长段落")


def whitespace_only_article(root):
    (root / "content/articles/blank.md").write_text("   \n\t\n  \n", encoding="utf-8")
    return Planted("content/articles/blank.md", 0)


def invalid_utf8(root):
    line = _paragraph(root, "p89", "敌意编码段落BADBYTES到此为止。")
    file = root / ARTICLE
    file.write_bytes(file.read_bytes().replace(b"BADBYTES", b"\xff\xfe\xc3("))
    return Planted(ARTICLE, line, "敌意编码段落")


def _value_item(fact_id: str, value: str, shown: str, anchor: str):
    def plant(root):
        _paragraph(root, anchor, f"敌意数值：规上工业产值为{shown}亿元。")
        return Planted(FACTS, _fact(root, fact_id, value, f"规上工业产值为{shown}亿元", anchor))
    return plant


HOSTILE: dict[str, Callable[[Path], Planted]] = {
    "script-in-markdown": script_in_markdown,
    "img-onerror-in-markdown": img_onerror_in_markdown,
    "javascript-link-in-markdown": javascript_link_in_markdown,
    "html-in-article-title": html_in_article_title,
    "html-in-chart-title": html_in_chart_title,
    "html-in-fact-quote": html_in_fact_quote,
    "one-megabyte-paragraph": one_megabyte_paragraph,
    "whitespace-only-article": whitespace_only_article,
    "invalid-utf8": invalid_utf8,
    "value-1e309": _value_item("hostile-value-overflow", "1e309", "1e309", "p96"),
    "value-1.0e+309": _value_item("hostile-value-infinite", "1.0e+309", "1.0e+309", "p88"),
    "value-nan": _value_item("hostile-value-nan", ".nan", "nan", "p97"),
    "value-negative-zero": _value_item("hostile-value-negative-zero", "-0", "-0", "p98"),
    "value-string": _value_item("hostile-value-text", "两千", "两千", "p99"),
}


def _copy_mini(dest: Path) -> Path:
    shutil.copytree(MINI, dest)
    return dest


@pytest.fixture(scope="module")
def pictures():
    """The chart pictures this module's builds drew, by what draws them, and one Chromium kept
    open for them (as the live preview keeps them): an item that leaves a chart's figure as it
    was gets the very picture drawn before, an item that changes it (a chart title, a charted
    value) has its pictures drawn. Each build still draws every picture it shows."""
    from fuling.charts.pictures import PictureMemory

    memory = PictureMemory()
    yield memory
    memory.close()


def _build(root: Path, out: Path, pictures) -> tuple[list[str], str]:
    from fuling.build.pipeline import build_site
    from fuling.build.resident import Resident
    from fuling.core.errors import BuildError
    from fuling.core.reporter import Reporter

    try:
        in_thread(build_site, root, out, reporter=Reporter(quiet=True), resident=Resident(pictures=pictures))
    except BuildError as refused:
        return [str(e) for e in refused.errors], ""
    except Exception as exc:  # noqa: BLE001 - any other exception is what the test reports
        return [], f"{type(exc).__name__}: {exc}"
    return [], ""


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory, pictures) -> dict[str, Outcome]:
    """Each hostile item built alone on top of the mini fixture project."""
    errors, crash = _build(_copy_mini(tmp_path_factory.mktemp("mini") / "project"), tmp_path_factory.mktemp("mini-out") / "site",
                           pictures)
    assert not errors and not crash, f"the mini fixture project does not build: {errors or crash}"
    results = {}
    for name, plant in HOSTILE.items():
        root = _copy_mini(tmp_path_factory.mktemp(name) / "project")
        planted = plant(root)
        errors, crash = _build(root, root.parent / "site", pictures)
        results[name] = Outcome(name, planted, errors, crash)
    return results


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_item_is_refused_with_path_and_line_or_built(outcomes, name):
    outcome = outcomes[name]
    assert not outcome.crash, f"{name}: the build crashed instead of refusing with path:line: {outcome.crash}"
    if outcome.built:
        return  # rendered: the browser test below proves it inert
    where = f"{outcome.planted.path}:{outcome.planted.line}" if outcome.planted.line else outcome.planted.path
    naming = [e for e in outcome.errors if e.startswith(where + ":") or (not outcome.planted.line and e.startswith(where))]
    assert naming, (f"{name}: refused, but no error names {where}:\n" + "\n".join(outcome.errors))


def test_outcomes_table(outcomes, artifacts, capsys):
    rows = [f"{name:<30}{'built' if o.built else 'crashed' if o.crash else 'refused':<9}"
            f"{(o.errors[0] if o.errors else o.crash)[:140]}" for name, o in outcomes.items()]
    table = report(artifacts, "hostile", rows)
    with capsys.disabled():
        print(f"\nhostile content, item by item:\n{table}")
    assert len(rows) == len(HOSTILE)


@pytest.fixture(scope="module")
def hostile_site(outcomes, tmp_path_factory, pictures):
    """The items that built alone, built together: (site folder, planted items)."""
    renderable = [name for name, o in outcomes.items() if o.built]
    root = _copy_mini(tmp_path_factory.mktemp("hostile") / "project")
    planted = {name: HOSTILE[name](root) for name in renderable}
    errors, crash = _build(root, root.parent / "site", pictures)
    assert not errors and not crash, f"the renderable hostile items do not build together: {errors or crash}"
    return root.parent / "site", planted, site_prefix(root)


def test_rendered_hostile_content_is_visible_as_text(hostile_site):
    site_dir, planted, _ = hostile_site
    text = normalise_space("".join(page.tree.visible_text() for page in load_pages(site_dir).values()))
    unseen = [name for name, p in planted.items() if p.marker and p.marker not in text]
    assert not unseen, f"hostile items built but not shown anywhere (so not tested): {unseen}"


def test_built_pages_carry_no_content_handler_or_javascript_url(hostile_site):
    site_dir, _, _ = hostile_site
    problems = []
    for path, page in load_pages(site_dir).items():
        for node in page.tree.iter():
            for attr, value in node.attrs.items():
                if attr.startswith("on") and ("__hostile" in value or "alert(" in value):
                    problems.append(f"{path}:{node.line}: <{node.tag} {attr}=…>")
                if "".join(value.split()).lower().startswith("javascript:"):
                    problems.append(f"{path}:{node.line}: <{node.tag} {attr}=\"{value[:60]}\">")
            if node.tag != "script":
                continue
            kind = node.attrs.get("type", "text/javascript").lower()
            if "json" in kind:
                # Content inside a data block is inert unless it ends the block early
                # (a "</script>" in a title): then the block is cut short, not JSON.
                try:
                    json.loads(node.text())
                except ValueError:
                    problems.append(f"{path}:{node.line}: <script type={kind}> is not valid JSON (content broke out of it?)")
            elif "__hostile" in node.text():
                problems.append(f"{path}:{node.line}: content script survived: {node.text()[:80]}")
    assert not problems, "\n".join(problems)


def test_no_content_script_runs_in_the_browser(hostile_site, browser):
    site_dir, _, prefix = hostile_site
    server = start_server(site_dir, prefix)
    ran = []
    try:
        for path in load_pages(site_dir):
            context, page, load = open_page(browser, server, path)
            try:
                page.goto(server.base + url_for(path), wait_until="load")
                wait_for_charts(page, timeout_ms=5000)
                # Hover and click every link and bold text a reader might touch.
                for handle in page.query_selector_all("main a[href^='javascript' i], main b, .main-svg a")[:50]:
                    try:
                        handle.hover(timeout=500)
                    except Exception:  # noqa: BLE001 - hidden or detached elements are fine
                        pass
                executed = page.evaluate("() => window.__hostile || []")
            finally:
                context.close()
            if executed or load.dialogs:
                ran.append(f"{path}: scripts ran: {executed}; dialogs: {load.dialogs}")
    finally:
        stop_server(server)
    assert not ran, "content scripts ran:\n" + "\n".join(ran)
