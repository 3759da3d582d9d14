"""Browser harness helpers: tool checks, the local server, Chromium pages that
record what they do. Fixtures built on them are in conftest.py.

Nothing is skipped: a missing tool fails the test that needs it, naming what is
missing and how `make test` installs it.
"""
from __future__ import annotations

import concurrent.futures
import functools
import http.server
import os
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sitefiles import url_for

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A chart container: the element plotly draws into (the site's
# <div class="chart-plot" data-chart="ID">, or plotly.py's own markup). Its chart
# id comes from a data-chart attribute on it or an ancestor (or, on a one-chart
# page, the URL).
CHART_SELECTOR = ".chart-plot[data-chart], .plotly-graph-div"
INSTALL_HINT = "run `make test` (or `make test-tools`) to install it"


def require_file(path: Path, what: str) -> Path:
    if not path.is_file():
        pytest.fail(f"{what} is missing: {path.relative_to(ROOT)} not found; {INSTALL_HINT}", pytrace=False)
    return path


def require_command(name: str, what: str) -> str:
    found = shutil.which(name) if "/" not in name else (name if os.access(name, os.X_OK) else None)
    if not found:
        pytest.fail(f"{what} is missing: `{name}` not found; {INSTALL_HINT}", pytrace=False)
    return found


def chinese_fonts() -> list[str]:
    if not shutil.which("fc-list"):
        return []
    out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line.strip()]


def require_chinese_fonts() -> None:
    if not chinese_fonts():
        pytest.fail(
            "no Chinese font: `fc-list :lang=zh` lists nothing, so every glyph would render as an empty box;"
            f" install fonts-noto-cjk ({INSTALL_HINT})",
            pytrace=False,
        )


def in_thread(function, *args, **kwargs):
    """Run function in a fresh thread and return its result (or raise its exception).

    The build may use asyncio.run, which refuses to run in a thread where
    Playwright's sync API already has an event loop."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


# ---------------------------------------------------------------- server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"  # URL path the site is mounted at

    def translate_path(self, path):
        # Serve the site under its published path (site_url's), as a host would.
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_published_path__")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format, *args):  # the tests report what matters
        pass


@dataclass
class Server:
    root: Path
    base: str  # "http://127.0.0.1:<port><prefix>"
    httpd: http.server.ThreadingHTTPServer

    @property
    def netloc(self) -> str:
        return urlsplit(self.base).netloc

    @property
    def prefix(self) -> str:
        return urlsplit(self.base).path

    def site_path(self, url: str) -> str:
        """The site-relative path of a URL on this server ("" for the root page)."""
        path = unquote(urlsplit(url).path)
        return path[len(self.prefix):] if path.startswith(self.prefix) else path


def site_prefix(root: Path) -> str:
    """The URL path the site is published at: the path of site_url in content/site.yaml."""
    import yaml

    config = yaml.safe_load((root / "content" / "site.yaml").read_text(encoding="utf-8")) or {}
    path = urlsplit(str(config.get("site_url") or "/")).path or "/"
    return path if path.endswith("/") else path + "/"


def start_server(root: Path, prefix: str = "/") -> Server:
    """A threaded static server on 127.0.0.1, on a free port, serving root at prefix."""
    handler = type("SiteHandler", (_QuietHandler,), {"prefix": prefix})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True).start()
    return Server(root, f"http://127.0.0.1:{httpd.server_address[1]}{prefix}", httpd)


def stop_server(server: Server) -> None:
    server.httpd.shutdown()
    server.httpd.server_close()



@dataclass
class PageLoad:
    """What one page did while loading in Chromium."""

    path: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # failed requests and HTTP errors
    foreign: list[str] = field(default_factory=list)  # requests to any host but the local server
    local: list[str] = field(default_factory=list)  # site paths loaded (the page itself included)
    dialogs: list[str] = field(default_factory=list)
    charts: list[dict] = field(default_factory=list)  # see CHART_JS
    axe: list[dict] = field(default_factory=list)  # violations, see AXE_RUN_JS


# For each chart container: its chart id, whether plotly drew it, and the
# numbers in its traces (typed arrays and plotly's base64 arrays decoded by
# reading plotly's own full data).
CHART_JS = """(selector) => Array.from(document.querySelectorAll(selector)).map((el) => {
  const holder = el.closest('[data-chart]');
  const list = (v) => (v == null ? [] : Array.isArray(v) || ArrayBuffer.isView(v) ? Array.from(v) : null);
  const traces = (el.data || []).map((trace, i) => {
    const full = (el._fullData || [])[i] || {};
    const pick = (key) => list(trace[key]) ?? list(full[key]) ?? [];
    return {type: trace.type || full.type || 'scatter', orientation: trace.orientation || full.orientation || 'v',
            name: trace.name || '', x: pick('x'), y: pick('y'), values: pick('values')};
  });
  return {id: el.id, chart: holder ? holder.dataset.chart : null,
          drawn: !!el.querySelector('.main-svg'), traces};
})"""


AXE_RUN_JS = """() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
  .then((r) => r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
                                         targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
                                         count: v.nodes.length})))"""


def new_context(browser, width: int = 1280, height: int = 900):
    return browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN", service_workers="block")


def open_page(browser, server: Server, path: str, *, width: int = 1280, height: int = 900,
              record: PageLoad | None = None, context=None):
    """A page with listeners that record into a PageLoad.

    Without `context`, the page gets a new context (fresh cache and storage);
    the caller closes the returned context either way."""
    load = record or PageLoad(path)
    context = context or new_context(browser, width, height)
    page = context.new_page()

    def request(req):
        # Recorded, not intercepted: routing every request through the test costs
        # more than a page load here, and the machine has no outside network anyway.
        parts = urlsplit(req.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != server.netloc:
            load.foreign.append(req.url)

    page.on("request", request)
    page.on("console", lambda msg: msg.type == "error" and load.console_errors.append(f"{msg.text} ({msg.location.get('url', '')})"))
    page.on("pageerror", lambda exc: load.page_errors.append(str(exc)))
    page.on("requestfailed", lambda req: load.failed.append(f"{req.url}: {req.failure}") if urlsplit(req.url).netloc == server.netloc else None)

    def response(resp):
        parts = urlsplit(resp.url)
        if parts.netloc != server.netloc:
            return
        if resp.status >= 400:
            load.failed.append(f"{resp.url}: HTTP {resp.status}")
        else:
            load.local.append(server.site_path(resp.url))

    page.on("response", response)

    def dialog(d):
        load.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    return context, page, load


# A chart the build drew as a picture becomes plotly's chart when the reader
# reaches for it; one without a picture (dark mode, English embeds, no
# Chromium at build time) draws as its box nears the viewport
# (assets/charts.js). So each chart is brought into view in turn, as a reader
# scrolling down would, the pointer moved over it when it is still a picture,
# and its drawing waited for; then back to the top. One time limit for the page.
DRAWN_JS = "(el) => !!el.querySelector('.main-svg')"


def wait_for_charts(page, timeout_ms: int = 5000) -> None:
    """Bring every chart container into view (clicking it when it shows a picture) and
    wait until it is drawn, or give up after timeout_ms and let the check report the
    containers left empty."""
    until = time.monotonic() + timeout_ms / 1000
    for box in page.locator(CHART_SELECTOR).all():
        left_ms = max(1.0, (until - time.monotonic()) * 1000)
        try:
            box.scroll_into_view_if_needed(timeout=left_ms)
            if box.locator(".chart-preview").count():
                box.click(timeout=left_ms)  # a picture turns interactive on a click or tap only
            page.wait_for_function(DRAWN_JS, arg=box.element_handle(), timeout=left_ms)
        except PlaywrightTimeout:
            continue  # reported by the check that reads the charts
    page.evaluate("window.scrollTo(0, 0)")


# Every chart container in the document shows its chart: plotly's drawing, or the build's picture, loaded.
CHARTS_SHOWN_JS = """(selector) => Array.from(document.querySelectorAll(selector)).every((el) => {
  const img = el.querySelector('.chart-preview img');
  return el.querySelector('.main-svg') || (img && img.complete && img.naturalWidth > 0);
})"""


def reach_for(page, selector: str = CHART_SELECTOR, timeout_ms: int = 10000) -> None:
    """Click each chart matching `selector`, as a reader would, and wait until all are drawn."""
    for box in page.locator(selector).all():
        box.scroll_into_view_if_needed()
        box.click()
    page.wait_for_function(f"() => Array.from(document.querySelectorAll({selector!r})).every((el) => el.querySelector('.main-svg'))",
                           timeout=timeout_ms)


def load_page(browser, server: Server, path: str, axe: Path | None = None, **size) -> PageLoad:
    """Load one page in a fresh context; record requests, errors, charts and
    (with `axe`, the path of axe.min.js) axe-core's violations."""
    context, page, load = open_page(browser, server, path, **size)
    try:
        page.goto(server.base + url_for(path), wait_until="load")
        wait_for_charts(page)
        load.charts = page.evaluate(CHART_JS, CHART_SELECTOR)
        if axe:
            page.add_script_tag(path=str(axe))
            load.axe = page.evaluate(AXE_RUN_JS)
    finally:
        context.close()
    return load



def report(artifacts_dir: Path, name: str, lines: list[str]) -> str:
    """Write a summary table to tests/artifacts/<name>.txt and return it for printing."""
    text = "\n".join(lines) + "\n"
    (artifacts_dir / f"{name}.txt").write_text(text, encoding="utf-8")
    return text
