"""The desk in a real browser, as an editor uses it in the live preview: a number on a
page opens its record; accept with a corrected field, reject, fix a published number;
a stale save and another site's post are refused; a page opened while the build is
broken shows the overlay at once."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from harness import new_context

from fuling.core.reporter import MemoryReporter
from fuling.load.site import load_site
from fuling.preview.server import PreviewServer

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "mini"
TC = "content/facts/three-changes.yaml"
PROPOSAL = "industrial-value-added-growth-2021"
PUBLISHED = "high-tech-firms-2021"  # 122 户, on the facts page and in the article


@pytest.fixture
def preview(tmp_path, monkeypatch):
    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")  # no chart pictures: builds stay short
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    server = PreviewServer(project, port=0, reporter=MemoryReporter(), debounce=0.1)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def page(browser):
    context = new_context(browser)
    yield context.new_page()
    context.close()


def record(page, fact_id: str):
    return page.locator(f"#rec-{fact_id}")


def test_alt_click_on_a_number_opens_its_record_in_the_desk(page, preview):
    page.goto(preview.url + "articles/three-changes/index.html")
    page.locator(f'a[data-facts~="{PUBLISHED}"]').first.click(modifiers=["Alt"])
    page.wait_for_url(f"**/__desk/article/three-changes#rec-{PUBLISHED}")
    assert record(page, PUBLISHED).is_visible()
    assert record(page, PUBLISHED).locator("input[name=value]").input_value() == "122"


def test_the_pencil_then_a_click_opens_the_record(page, preview):
    page.goto(preview.url + "index.html")
    page.get_by_role("button", name="✎ 编辑数字").click()
    figure = page.locator("a[data-facts]").first
    fact_id = figure.get_attribute("data-facts").split()[0]
    figure.click()
    page.wait_for_url(f"**/__desk/article/*#rec-{fact_id}")


def test_accept_with_a_correction_then_the_preview_shows_it(page, preview):
    page.goto(preview.url + "__desk/article/three-changes")
    assert page.locator(f"mark#q-{PROPOSAL}").inner_text() == "规模以上工业增加值增长13%"
    form = record(page, PROPOSAL)
    form.locator("input[name=period]").fill("2021-01/2021-06")
    form.get_by_role("button", name="接受").click()
    page.wait_for_selector(".saved")
    assert "已发布" in record(page, PROPOSAL).inner_text()
    assert load_site(preview.root).facts[PROPOSAL].period == "2021-01/2021-06"
    page.goto(preview.url + "facts/index.html")  # the watcher rebuilds; the new fact appears
    deadline = time.monotonic() + 30
    while page.locator(f"#{PROPOSAL}").count() == 0 and time.monotonic() < deadline:
        time.sleep(0.3)
        page.reload()
    assert page.locator(f"#{PROPOSAL}").count() == 1


def test_a_drafted_metric_filed_under_a_catalogue_metric_from_the_front_page(page, preview):
    from fuling.extract.project import extract_all

    article = preview.root / "content" / "articles" / "three-changes.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n截至去年底，全区高企总数达到350户。 {#p5}\n", encoding="utf-8")
    extract_all(preview.root)
    page.goto(preview.url + "__desk/")
    filing = page.locator("form:has(input[name=existing])")
    assert filing.count() == 1
    filing.get_by_label("或者，它就是目录里已有的指标").fill("high_tech_enterprises")
    filing.get_by_role("button", name="记在已有指标下").click()
    page.wait_for_selector(".saved")
    assert "已记在指标 high_tech_enterprises 下" in page.locator(".saved").inner_text()
    assert page.locator("form:has(input[name=existing])").count() == 0  # no draft waits any more
    site = load_site(preview.root)
    assert site.metrics["high_tech_enterprises"].words == ("高企总数",)
    assert [f.value for f in site.waiting.values() if f.metric == "high_tech_enterprises"] == [350]


def test_reject_needs_a_reason(page, preview):
    page.goto(preview.url + "__desk/article/three-changes")
    form = record(page, PROPOSAL)
    form.get_by_role("button", name="退回").click()
    assert "say why the proposal is wrong" in record(page, PROPOSAL).locator(".error").inner_text()
    form = record(page, PROPOSAL)
    form.locator("input[name=reason]").fill("重复")
    form.get_by_role("button", name="退回").click()
    page.wait_for_selector(".saved")
    assert "已退回" in record(page, PROPOSAL).inner_text()


def test_fixing_a_published_number_puts_the_correction_on_record(page, preview):
    page.goto(preview.url + "__desk/article/three-changes")
    form = record(page, PUBLISHED)
    form.locator("input[name=value]").fill("123")
    form.locator("input[name=reason]").fill("统计公报核定为123户")
    form.get_by_role("button", name="保存更改").click()
    page.wait_for_selector(".saved")
    fact = load_site(preview.root).facts[PUBLISHED]
    assert fact.value == 123 and fact.corrections[0].old_value == 122


def test_a_stale_form_is_refused(page, preview):
    page.goto(preview.url + "__desk/article/three-changes")
    path = preview.root / TC
    path.write_text(path.read_text(encoding="utf-8") + "# 另一位编辑的备注\n", encoding="utf-8")
    before = path.read_bytes()
    record(page, PROPOSAL).get_by_role("button", name="接受").click()
    assert "changed since you opened" in record(page, PROPOSAL).locator(".error").inner_text()
    assert path.read_bytes() == before


def test_another_sites_form_cannot_post_to_the_desk(page, preview, tmp_path):
    """A page on another origin (a second local server stands for it) posting a forged form."""
    import http.server
    import threading
    from functools import partial

    (tmp_path / "evil").mkdir()
    (tmp_path / "evil" / "index.html").write_text(
        f'<form method="post" action="{preview.url}__desk/save"><input name="token" value="x">'
        f'<input name="fact_id" value="{PROPOSAL}"><input name="action" value="accept"><button>go</button></form>',
        encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(http.server.SimpleHTTPRequestHandler,
                                                                       directory=str(tmp_path / "evil")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page.goto(preview.url + "__desk/")  # the editor has the desk open: its cookie is set
        before = (preview.root / TC).read_bytes()
        page.goto(f"http://localhost:{server.server_address[1]}/index.html")
        page.get_by_role("button", name="go").click()
        page.wait_for_load_state()
        assert "refused" in page.inner_text("body")
        assert (preview.root / TC).read_bytes() == before
    finally:
        server.shutdown()
        server.server_close()


def test_a_page_opened_while_the_build_is_broken_shows_the_overlay_at_once(page, preview):
    path = preview.root / TC
    version = preview.status().version
    path.write_text(path.read_text(encoding="utf-8").replace("value: 122\n", "value: 一百二十二\n"), encoding="utf-8")
    deadline = time.monotonic() + 30
    while preview.status().version == version and time.monotonic() < deadline:
        time.sleep(0.05)
    assert preview.status().error
    started = time.monotonic()
    page.goto(preview.url + "facts/index.html")
    page.wait_for_selector("#fuling-preview-error", timeout=5_000)
    assert time.monotonic() - started < 3
