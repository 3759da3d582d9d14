"""Embeds in a real browser, as another newsroom would use them.

tests/host/index.html stands for a story on another site: the embed code
offered on three chart pages is pasted into it as it is (its absolute URLs
pointed at the local server instead of site_url), and the page is served
from a second local server, so host and embeds are different origins.
"""
from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from harness import (
    ARTIFACTS,
    CHART_SELECTOR,
    CHARTS_SHOWN_JS,
    reach_for,
    start_server,
    stop_server,
)

pytestmark = pytest.mark.browser

HOST_PAGE = Path(__file__).resolve().parents[1] / "host" / "index.html"
WANTED = ["industrial-output", "green-factories", "rd-investment"]  # the charts design.md requires


def embed_code(site_pages, chart_id: str, box: str = "embed-code") -> str:
    page = site_pages[f"charts/{chart_id}/index.html"]
    found = [n for n in page.tree.iter() if n.tag == "textarea" and n.attrs.get("id") == f"{box}-{chart_id}"]
    assert len(found) == 1, f"charts/{chart_id}/: no #{box}-{chart_id} box with the embed code"
    return found[0].text()


@pytest.fixture(scope="module")
def chart_ids(site_pages):
    available = sorted(p.split("/")[1] for p in site_pages if p.startswith("charts/") and p.count("/") == 2)
    assert available, "the site has no chart pages"
    chosen = [c for c in WANTED if c in available] or available
    return [chosen[i % len(chosen)] for i in range(3)]


def _host(tmp_path_factory, site_pages, site_model, server, chart_ids, box: str):
    html = HOST_PAGE.read_text(encoding="utf-8")
    for i, chart_id in enumerate(chart_ids, start=1):
        code = embed_code(site_pages, chart_id, box).replace(site_model.config.site_url, server.base)
        html = html.replace(f"<!-- EMBED {i} -->", code)
    folder = tmp_path_factory.mktemp("host")
    (folder / "index.html").write_text(html, encoding="utf-8")
    return start_server(folder)


@pytest.fixture(scope="module")
def host(tmp_path_factory, site_pages, site_model, server, chart_ids):
    running = _host(tmp_path_factory, site_pages, site_model, server, chart_ids, "embed-code")
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def host_without_script(tmp_path_factory, site_pages, site_model, server, chart_ids):
    running = _host(tmp_path_factory, site_pages, site_model, server, chart_ids, "embed-iframe")
    yield running
    stop_server(running)


class Visit:
    """A host page in a fresh context, recording every request that leaves the two local servers."""

    def __init__(self, browser, host, server, width=1280, height=900):
        self.foreign: list[str] = []
        self.errors: list[str] = []
        allowed = {host.netloc, server.netloc}
        self.context = browser.new_context(viewport={"width": width, "height": height}, service_workers="block")

        def route(route):
            parts = urlsplit(route.request.url)
            if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc not in allowed:
                self.foreign.append(route.request.url)
                route.abort()
            else:
                route.continue_()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.goto(host.base, wait_until="load")

    def frames(self):
        """(iframe element, its frame) for each embed, in page order, each scrolled into view and drawn."""
        out = []
        for element in self.page.query_selector_all("iframe[data-fuling-chart]"):
            element.scroll_into_view_if_needed()
            frame = None
            for _ in range(100):
                frame = element.content_frame()
                if frame is not None and frame.url.startswith("http"):
                    break
                time.sleep(0.05)
            assert frame is not None, "an embed iframe never loaded"
            frame.wait_for_load_state("load")
            frame.wait_for_function(CHARTS_SHOWN_JS, arg=CHART_SELECTOR, timeout=15000)
            out.append((element, frame))
        self.page.evaluate("window.scrollTo(0, 0)")
        return out

    def close(self):
        self.context.close()


def frame_height(element) -> float:
    return element.evaluate("(f) => f.getBoundingClientRect().height")


def content_height(frame) -> float:
    return frame.evaluate("""() => { const s = getComputedStyle(document.body);
        return document.body.getBoundingClientRect().height + parseFloat(s.marginTop) + parseFloat(s.marginBottom); }""")


def settle(frames, timeout=10.0):
    """Wait until every iframe is as tall as its content (the resizer caught up).

    Each is scrolled into view first: Chromium does not run the rendering
    steps (and so ResizeObserver) of an off-screen cross-origin frame, which
    reports its new height when the reader scrolls to it.
    """
    gaps = []
    for element, frame in frames:
        element.scroll_into_view_if_needed()
        deadline = time.monotonic() + timeout
        while True:
            gap = abs(frame_height(element) - content_height(frame))
            if gap <= 2 or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        gaps.append(gap)
    return gaps


@pytest.fixture
def visit(browser, host, server):
    opened = []

    def open_(width=1280, height=900, on=host):
        v = Visit(browser, on, server, width, height)
        opened.append(v)
        return v

    yield open_
    for v in opened:
        v.close()


def test_three_embeds_render_in_a_host_page_on_another_origin(visit, chart_ids):
    v = visit()
    frames = v.frames()
    assert [e.get_attribute("data-fuling-chart") for e, _ in frames] == chart_ids
    for element, frame in frames:
        chart_id = element.get_attribute("data-fuling-chart")
        assert frame.url.split("?")[0].endswith(f"embed/{chart_id}/")
        title = frame.inner_text("h1")
        assert title.strip() == element.get_attribute("title")
        # Clicked, the picture becomes plotly's chart, which holds the chart's values.
        element.scroll_into_view_if_needed()
        frame.locator(".chart-plot").click()
        frame.wait_for_function("() => document.querySelector('.chart-plot .main-svg')", timeout=15000)
        traces = frame.evaluate("() => (document.querySelector('.chart-plot').data || []).length")
        assert traces > 0
    assert settle(frames) == [pytest.approx(0, abs=2)] * 3, "each iframe takes its content's height"
    assert not v.errors, v.errors


def test_embeds_request_nothing_from_other_hosts_and_set_no_cookie(visit, server):
    v = visit()
    frames = v.frames()
    settle(frames)
    assert v.foreign == [], f"requests to other hosts: {v.foreign}"
    assert v.context.cookies() == []
    for _, frame in frames:
        assert frame.evaluate("() => document.cookie") == ""
        assert frame.evaluate("() => localStorage.length + sessionStorage.length") == 0
        # Every file the embed loaded came from the site itself.
        urls = frame.evaluate("() => performance.getEntriesByType('resource').map((e) => e.name)")
        assert urls and all(u.startswith(server.base) for u in urls), urls


def test_embeds_resize_when_the_viewport_narrows(visit):
    v = visit(width=1280)
    frames = v.frames()
    assert max(settle(frames)) <= 2
    wide = [frame_height(e) for e, _ in frames]
    v.page.set_viewport_size({"width": 360, "height": 800})
    gaps = settle(frames)
    narrow = [frame_height(e) for e, _ in frames]
    assert max(gaps) <= 2, f"iframes not fitted to their content at 360 px: gaps {gaps}"
    assert all(n > w for n, w in zip(narrow, wide)), f"heights at 1280 px {wide}, at 360 px {narrow}"
    # Nothing overflows sideways inside the frames, once charts.js has drawn
    # each chart again for the new width (a debounced redraw after the resize).
    for _, frame in frames:
        frame.wait_for_function("() => document.documentElement.scrollWidth <= window.innerWidth", timeout=10_000)


def test_a_fake_height_from_another_window_is_ignored(visit):
    v = visit()
    frames = v.frames()
    settle(frames)
    before = [frame_height(e) for e, _ in frames]
    first_id = frames[0][0].get_attribute("data-fuling-chart")
    # The host page itself, and a frame of the host's own origin, post every shape for our first chart.
    shapes = [{"type": "fuling-data:height", "chart": first_id, "height": 1234},
              {"datawrapper-height": {first_id: 1234}},
              f"pymxPYMx{first_id}xPYMxheightxPYMx1234"]
    v.page.evaluate("(shapes) => shapes.forEach((m) => window.postMessage(m, '*'))", shapes)
    v.page.evaluate("""() => new Promise((done) => {
        const f = document.createElement('iframe');
        f.id = 'intruder'; f.srcdoc = '<p>another window</p>'; f.onload = done;
        document.body.appendChild(f); })""")
    intruder = v.page.query_selector("#intruder").content_frame()
    intruder.evaluate("(shapes) => shapes.forEach((m) => parent.postMessage(m, '*'))", shapes)
    time.sleep(0.8)
    assert [frame_height(e) for e, _ in frames] == before
    # Our second embed claiming to be the first changes only itself: the sender counts, not the id.
    frames[1][1].evaluate("(id) => parent.postMessage({type: 'fuling-data:height', chart: id, height: 999}, '*')", first_id)
    v.page.wait_for_function("(f) => f.getBoundingClientRect().height === 999", arg=frames[1][0], timeout=5000)
    assert frame_height(frames[0][0]) == before[0]


def test_datawrapper_and_pym_height_messages_from_the_embed_are_understood(visit):
    v = visit()
    frames = v.frames()
    settle(frames)
    element, frame = frames[0]
    frame.evaluate("() => parent.postMessage({'datawrapper-height': {'x': 777}}, '*')")
    v.page.wait_for_function("(f) => f.getBoundingClientRect().height === 777", arg=element, timeout=5000)
    frame.evaluate("() => parent.postMessage('pymxPYMxsomeidxPYMxheightxPYMx654', '*')")
    v.page.wait_for_function("(f) => f.getBoundingClientRect().height === 654", arg=element, timeout=5000)


# Host widths whose article column (720 px at most, 16 px padding) gives frames from 300 px up.
NO_SCRIPT_WIDTHS = [332, 360, 392, 414, 480, 600, 768, 1024, 1280]
NO_SCRIPT_GAP = 60  # px: white space allowed under the embed (the build's estimate errs on the tall side, by SLACK at least)


def test_without_the_script_the_box_shows_the_whole_embed_at_every_width(browser, host_without_script, server):
    """The code for pages that allow no script: at every width from 300 px the frame is at least
    as tall as the embed inside it (no inner scrollbar cuts off the source line) and at most
    NO_SCRIPT_GAP px taller."""
    v = Visit(browser, host_without_script, server, width=NO_SCRIPT_WIDTHS[0])
    problems, table = [], []
    try:
        frames = v.frames()
        assert not v.page.evaluate("() => typeof window.__fulingEmbedResizer !== 'undefined'")
        for width in NO_SCRIPT_WIDTHS:
            v.page.set_viewport_size({"width": width, "height": 900})
            row = []
            for element, frame in frames:
                element.scroll_into_view_if_needed()
                frame.wait_for_function("(w) => Math.abs(window.innerWidth - w) < 1",
                                        arg=element.evaluate("(f) => f.getBoundingClientRect().width"), timeout=5000)
                box, need = frame_height(element), content_height(frame)
                frame_width = element.evaluate("(f) => f.getBoundingClientRect().width")
                row.append(f"{frame_width:.0f}:{need:.0f}/{box:.0f}")
                if need > box + 0.5:
                    problems.append(f"{frame.url} at {frame_width:.0f} px: content {need:.0f} px in a {box:.0f} px frame")
                elif box - need > NO_SCRIPT_GAP:
                    problems.append(f"{frame.url} at {frame_width:.0f} px: {box - need:.0f} px empty under the embed")
            table.append(f"host {width}px: " + "  ".join(row))
    finally:
        v.close()
    print("\n".join(table))
    assert not problems, "\n".join(problems)


def test_a_foreign_frame_labelled_as_ours_is_not_resized(visit):
    """Any page can write data-fuling-chart on a frame: only the src says whether it is ours."""
    v = visit()
    frames = v.frames()
    settle(frames)
    chart_id = frames[0][0].get_attribute("data-fuling-chart")
    v.page.evaluate("""(id) => new Promise((done) => {
        const f = document.createElement('iframe');
        f.id = 'impostor'; f.setAttribute('data-fuling-chart', id); f.style.height = '150px';
        f.srcdoc = '<p>another site</p>'; f.onload = done;
        document.body.appendChild(f); })""", chart_id)
    impostor = v.page.query_selector("#impostor")
    before = frame_height(impostor)
    impostor.content_frame().evaluate(
        "(id) => parent.postMessage({type: 'fuling-data:height', chart: id, height: 7432}, '*')", chart_id)
    time.sleep(0.8)
    assert frame_height(impostor) == before
    # An embed of ours still takes the height it reports.
    frames[0][1].evaluate("() => parent.postMessage({type: 'fuling-data:height', chart: 'x', height: 701}, '*')")
    v.page.wait_for_function("(f) => f.getBoundingClientRect().height === 701", arg=frames[0][0], timeout=5000)


def _embed_page(browser, server, chart_id, query="", width=1280):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{server.base}embed/{chart_id}/{query}", wait_until="load")
    reach_for(page, ".chart-plot", timeout_ms=15000)  # a reader pointing at the chart: plotly.js draws it
    return context, page


def test_lang_en_shows_english_title_and_axis_and_theme_dark_darkens(browser, server, chart_ids, site_model):
    chart_id = chart_ids[0]
    spec = site_model.charts[chart_id]
    context, page = _embed_page(browser, server, chart_id, "?lang=en&theme=dark")
    try:
        assert page.inner_text("h1").strip() == (spec.title_en or spec.title)
        assert page.evaluate("() => document.documentElement.lang") == "en"
        xs = page.evaluate("() => document.querySelector('.chart-plot').data.flatMap((t) => Array.from(t.x || []))")
        assert xs and not any("年" in str(x) for x in xs), xs
        names = page.evaluate("() => document.querySelector('.chart-plot').data.map((t) => t.name)")
        assert names[0].startswith(spec.series[0].name_en or spec.series[0].name), names
        background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(21, 23, 26)"
    finally:
        context.close()
    context, page = _embed_page(browser, server, chart_id)
    try:
        assert page.inner_text("h1").strip() == spec.title
        assert page.evaluate("() => getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    finally:
        context.close()


def test_the_embed_follows_the_readers_dark_setting_unless_the_url_fixes_it(browser, server, chart_ids):
    chart_id = chart_ids[0]
    seen = {}
    for scheme, query in (("dark", ""), ("dark", "?theme=auto"), ("light", ""), ("dark", "?theme=light"),
                          ("light", "?theme=dark")):
        context = browser.new_context(viewport={"width": 800, "height": 800}, color_scheme=scheme)
        try:
            page = context.new_page()
            page.goto(f"{server.base}embed/{chart_id}/{query}", wait_until="load")
            seen[(scheme, query)] = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        finally:
            context.close()
    dark, light = "rgb(21, 23, 26)", "rgb(255, 255, 255)"
    assert seen == {("dark", ""): dark, ("dark", "?theme=auto"): dark, ("light", ""): light,
                    ("dark", "?theme=light"): light, ("light", "?theme=dark"): dark}, seen


def test_english_embed_shows_billions_of_yuan_and_both_footers_link_the_data(browser, server, site_model):
    chart_id = "industrial-output" if "industrial-output" in site_model.charts else sorted(site_model.charts)[0]
    context, page = _embed_page(browser, server, chart_id, "?lang=en")
    try:
        body = page.inner_text("body")
        ticks = page.evaluate("() => Array.from(document.querySelectorAll('.chart-plot .ytick text')).map((t) => t.textContent)")
        labels = page.evaluate("() => Array.from(document.querySelectorAll('.chart-plot .bartext, .chart-plot .textpoint text')).map((t) => t.textContent)")
        footer = page.inner_text(".embed-footer")
        link = page.get_attribute(".embed-footer .i18n-en a", "href")
    finally:
        context.close()
    if site_model.charts[chart_id].y_title == "亿元":
        # the unit is named in the subtitle (a single panel's axis has no title beside it)
        assert "billion yuan" in body and "100 million yuan" not in body, body[:300]
        shown = {float(number.replace(",", "")) for text in labels for number in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}
        facts = [f for f in site_model.facts.values() if f.metric == "industrial_output" and f.subject == "涪陵区"]
        assert any(f.value / 10 in shown for f in facts), (labels, ticks)
    assert footer.startswith("Get the data") and "Updated" in footer, footer
    assert link.endswith(f"data/{chart_id}.csv")
    context, page = _embed_page(browser, server, chart_id)
    try:
        footer = page.inner_text(".embed-footer")
    finally:
        context.close()
    assert footer.startswith("数据下载") and "更新于" in footer and "年" in footer, footer


def test_embed_works_at_300_px(browser, server, chart_ids):
    context, page = _embed_page(browser, server, chart_ids[0], width=300)
    try:
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 300
        assert page.evaluate("() => document.querySelector('.chart-plot .main-svg').getBoundingClientRect().width") <= 300
    finally:
        context.close()


def test_chart_page_copies_the_embed_code_and_downloads_png_and_svg(browser, server, chart_ids, site_model):
    chart_id = chart_ids[0]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True,
                                  permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(f"{server.base}charts/{chart_id}/", wait_until="load")
        page.wait_for_function(CHARTS_SHOWN_JS, arg=".chart-plot", timeout=15000)
        assert page.locator(".chart-plot .chart-preview").count() == 1  # still the picture: the buttons draw it
        button = page.locator(f"button[data-copy='embed-code-{chart_id}']")
        assert button.is_visible()
        button.click()
        page.wait_for_function("() => document.querySelector('.share-status').textContent.length > 0", timeout=5000)
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied == page.input_value(f"#embed-code-{chart_id}")
        assert f"embed/{chart_id}/" in copied and "assets/embed.js" in copied
        # The downloads are the build's drawings with the chart's context around it.
        spec = site_model.charts[chart_id]
        for fmt in ("png", "svg"):
            with page.expect_download(timeout=15000) as info:
                page.click(f".share-downloads a[href$='{chart_id}.{fmt}']")
            download = info.value
            assert download.suggested_filename == f"{chart_id}.{fmt}"
            data = Path(download.path()).read_bytes()
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            (ARTIFACTS / f"download-{chart_id}.{fmt}").write_bytes(data)  # kept for review
            if fmt == "png":
                assert data.startswith(b"\x89PNG") and int.from_bytes(data[16:20], "big") == 1200
            else:
                text = data.decode("utf-8")
                assert text.startswith("<svg") and spec.title in text and site_model.config.licence in text
                assert f"charts/{chart_id}/" in text and "注：" in text and "来源：" in text
        card = page.get_attribute("meta[property='og:image']", "content")
        local = card.replace(site_model.config.site_url, server.base)
        fetched = page.request.get(local)
        assert fetched.ok and fetched.body()[:8] == b"\x89PNG\r\n\x1a\n", card
        (ARTIFACTS / f"share-card-{chart_id}.png").write_bytes(fetched.body())
    finally:
        context.close()
