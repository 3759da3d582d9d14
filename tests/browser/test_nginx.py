"""The site behind a real server: deploy/nginx.conf, run by Debian's nginx from
a temporary prefix on a free 127.0.0.1 port, serving a build made with
`--site-url https://news.example.cn/data/fuling/` under /data/fuling/.

Checked through it: every file answers 200 with its content type; text is
sent compressed (the build's own .gz copies); Cache-Control by kind; the
Content-Security-Policy is present, allows no other host, and Chromium reports
no violation on any page, embeds included; an embed pasted into a page of
another origin renders and follows its content's height.

nginx is installed with apt-get when missing; where that is impossible the
test fails and says why.
"""
from __future__ import annotations

import functools
import gzip
import html
import http.client
import http.server
import re
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from harness import CHART_SELECTOR, ROOT, report, wait_for_charts

sys.path.insert(0, str(ROOT / "deploy"))
import local_nginx  # noqa: E402  (deploy/local_nginx.py: starts deploy/nginx.conf from a prefix)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SITE_URL = "https://news.example.cn/data/fuling/"
PREFIX = urlsplit(SITE_URL).path  # /data/fuling/
HASHED = re.compile(r"/assets/[^/]+\.[0-9a-f]{10}\.[a-z0-9]+$")
YEAR = "public, max-age=31536000, immutable"
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".db": "application/vnd.sqlite3",
    ".wasm": "application/wasm",
}
ATOM = "application/atom+xml; charset=utf-8"
XML = "application/xml; charset=utf-8"
COMPRESSED = {".html", ".css", ".js", ".json", ".csv", ".svg", ".xml", ".txt", ".db"}
# Registers before any script of the page: every CSP violation, in every frame.
CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || location.href}:${e.lineNumber}`);
}, true);
"""


# ---------------------------------------------------------------- nginx


@pytest.fixture(scope="module")
def prefix():
    """nginx's prefix: site/, logs/, tmp/, nginx.conf; readable by an unprivileged
    nginx (pytest's own temporary folders are private to the tester)."""
    folder = local_nginx.make_prefix()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def site(prefix, picture_memory) -> Path:
    """The site built for its sub-path, inside the nginx prefix as site/."""
    from fuling.build.pipeline import build_site
    from fuling.build.resident import Resident
    from fuling.core.reporter import Reporter

    build_site(ROOT, prefix / "site", site_url=SITE_URL, reporter=Reporter(quiet=True),
               resident=Resident(pictures=picture_memory))
    picture_memory.close()  # its Chromium, not the pictures
    return prefix / "site"


@pytest.fixture(scope="module")
def nginx(site):
    """deploy/nginx.conf as shipped (only the port changed), stopped after the module."""
    try:
        binary = local_nginx.find_or_install_nginx()
        running = local_nginx.start(site.parent, binary=binary)
    except local_nginx.NginxError as failure:
        pytest.fail(str(failure), pytrace=False)
    yield running
    running.stop()


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


def get(nginx: local_nginx.LocalNginx, path: str, encoding: str | None = None) -> Response:
    """One GET, body as sent (no decompression)."""
    conn = http.client.HTTPConnection("127.0.0.1", nginx.port, timeout=10)
    try:
        conn.request("GET", path, headers={"Accept-Encoding": encoding} if encoding else {})
        resp = conn.getresponse()
        return Response(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
    finally:
        conn.close()


def site_files(site: Path) -> list[str]:
    """Every file a reader can ask for (the .gz/.br copies are the server's business)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and p.suffix not in (".gz", ".br"))


def url_path(rel: str) -> str:
    return PREFIX + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def suffix(rel: str) -> str:
    return Path(rel).suffix.lower()


def expected_type(rel: str, data: bytes) -> str | None:
    if suffix(rel) == ".xml":
        return ATOM if b"<feed" in data[:500] else XML
    return TYPES.get(suffix(rel))


# ---------------------------------------------------------------- HTTP checks


def test_every_file_answers_200_with_its_bytes_and_content_type(site, nginx):
    problems, count = [], 0
    for rel in site_files(site):
        data = (site / rel).read_bytes()
        for path in {PREFIX + rel, url_path(rel)}:
            resp = get(nginx, path)
            count += 1
            if resp.status != 200:
                problems.append(f"{path}: HTTP {resp.status}")
                continue
            if resp.body != data:
                problems.append(f"{path}: body differs from site/{rel}")
            want = expected_type(rel, data)
            if want and resp.headers.get("content-type") != want:
                problems.append(f"{path}: Content-Type {resp.headers.get('content-type')!r}, expected {want!r}")
    assert count > 50, f"only {count} requests: is the site built?"
    assert not problems, f"{len(problems)} of {count} requests wrong:\n" + "\n".join(problems[:40])


def test_text_over_1_kb_is_sent_gzip_compressed_from_the_builds_own_copies(site, nginx):
    problems, checked = [], 0
    for rel in site_files(site):
        data = (site / rel).read_bytes()
        if suffix(rel) not in COMPRESSED or len(data) <= 1024:
            continue
        checked += 1
        resp = get(nginx, PREFIX + rel, encoding="gzip")
        if resp.headers.get("content-encoding") != "gzip":
            problems.append(f"{rel}: Content-Encoding {resp.headers.get('content-encoding')!r}")
            continue
        if gzip.decompress(resp.body) != data:
            problems.append(f"{rel}: decompressed body differs")
        if "accept-encoding" not in resp.headers.get("vary", "").lower():
            problems.append(f"{rel}: no Vary: Accept-Encoding")
        # gzip_static: the bytes sent are the build's .gz file, not nginx's own compression.
        if resp.body != (site / (rel + ".gz")).read_bytes():
            problems.append(f"{rel}: not served from {rel}.gz")
    assert checked > 10, f"only {checked} text files over 1 KB"
    assert not problems, "\n".join(problems[:40])


def test_a_client_without_gzip_gets_the_plain_bytes(site, nginx):
    resp = get(nginx, PREFIX)
    assert "content-encoding" not in resp.headers
    assert resp.body == (site / "index.html").read_bytes()


def test_cache_lifetimes_by_kind(site, nginx):
    """Hashed assets: a year, immutable. Pages: revalidate. Data, feeds and the
    stable embed.js other sites include: short."""
    files = site_files(site)
    hashed = [f for f in files if HASHED.search("/" + f)]
    assert hashed, "no content-hashed asset in the site"
    kinds = {
        "hashed asset": (hashed, lambda v: v == YEAR),
        "page": ([f for f in files if f.endswith(".html") or f.startswith("facts/data/")], lambda v: v == "no-cache"),
        "stable or data": ([f for f in files if f in ("assets/embed.js", "assets/manifest.json")
                            or f.startswith("data/") and not f.endswith(".html") or f.endswith(".xml")],
                           lambda v: "immutable" not in v and _max_age(v) is not None and _max_age(v) <= 3600),
    }
    problems = []
    for kind, (paths, ok) in kinds.items():
        assert paths, f"no {kind} in the site"
        for rel in paths:
            value = get(nginx, url_path(rel)).headers.get("cache-control", "")
            if not ok(value):
                problems.append(f"{kind} {rel}: Cache-Control {value!r}")
    assert "assets/embed.js" in files, "the stable assets/embed.js is missing"
    assert not problems, "\n".join(problems[:40])


def _max_age(value: str) -> int | None:
    match = re.search(r"max-age=(\d+)", value)
    return int(match.group(1)) if match else None


def csp_directives(value: str) -> dict[str, list[str]]:
    out = {}
    for part in value.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def test_every_page_has_a_csp_that_allows_no_other_host(site, nginx):
    problems = []
    pages = [f for f in site_files(site) if f.endswith(".html")]
    for rel in pages:
        headers = get(nginx, url_path(rel)).headers
        policy = csp_directives(headers.get("content-security-policy", ""))
        if not policy:
            problems.append(f"{rel}: no Content-Security-Policy")
            continue
        if policy.get("default-src") != ["'none'"]:
            problems.append(f"{rel}: default-src {policy.get('default-src')}")
        if "'unsafe-inline'" in policy.get("script-src", ["'unsafe-inline'"]) or "'unsafe-eval'" in policy["script-src"]:
            problems.append(f"{rel}: script-src {policy['script-src']}")
        for name, sources in policy.items():
            if name == "frame-ancestors":
                continue
            # Only keywords ('self', hashes…) and the data:/blob: schemes; never a host.
            hosts = [s for s in sources if not s.startswith("'") and s not in ("data:", "blob:")]
            if hosts:
                problems.append(f"{rel}: {name} allows {hosts}")
        want = ["*"] if rel.startswith("embed/") else ["'self'"]
        if policy.get("frame-ancestors") != want:
            problems.append(f"{rel}: frame-ancestors {policy.get('frame-ancestors')}, expected {want}")
        if headers.get("x-content-type-options") != "nosniff":
            problems.append(f"{rel}: no X-Content-Type-Options: nosniff")
    assert any(p.startswith("embed/") for p in pages), "no embed page in the site"
    assert not problems, "\n".join(problems[:40])


def test_a_missing_page_gets_the_404_page_with_status_404(site, nginx):
    for path in (PREFIX + "no-such-page/", PREFIX + "charts/no-such-chart/", PREFIX + "assets/site.css"):
        resp = get(nginx, path)
        assert resp.status == 404, path
        assert resp.body == (site / "404.html").read_bytes(), path
        assert resp.headers.get("content-security-policy"), path


def test_a_folder_without_its_slash_is_redirected_within_the_sub_path(nginx):
    resp = get(nginx, PREFIX + "charts")
    assert resp.status == 301
    assert resp.headers["location"] == PREFIX + "charts/"


# ---------------------------------------------------------------- in Chromium

SEARCH = "涪陵"  # on every page: any build finds it
# (chart containers, containers plotly has drawn into)
DRAWN = """(s) => {
  const all = Array.from(document.querySelectorAll(s));
  return [all.length, all.filter((el) => el.querySelector('.main-svg')).length];
}"""


@dataclass
class Visit:
    path: str
    violations: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    charts: int = 0
    drawn: int = 0


def open_context(browser, allowed: set[str], visit: Visit, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN", service_workers="block")
    context.add_init_script(CSP_LISTENER)

    def route(route):
        parts = urlsplit(route.request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc not in allowed:
            visit.foreign.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and visit.console.append(m.text))
    page.on("requestfailed", lambda r: visit.failed.append(f"{r.url}: {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and visit.failed.append(f"{r.url}: HTTP {r.status}"))
    return context, page


def frame_violations(page) -> list[str]:
    found = []
    for frame in page.frames:
        try:
            found.extend(frame.evaluate("window.__csp || []"))
        except Exception as exc:  # a frame that went away is reported, not ignored
            found.append(f"could not read frame {frame.url}: {exc}")
    return found


def wait_drawn(page, timeout_ms: int = 15000) -> None:
    # Each chart brought into view and, while it is the build's picture, pointed at (the assertion names what stayed empty).
    wait_for_charts(page, timeout_ms)


def test_chromium_reports_no_csp_violation_on_any_page(site, nginx, browser, artifacts, capsys):
    allowed = {urlsplit(nginx.origin).netloc}
    visits = []
    for rel in sorted(f for f in site_files(site) if f.endswith(".html") and f != "404.html"):
        visit = Visit(rel)
        context, page = open_context(browser, allowed, visit)
        try:
            page.goto(nginx.origin + url_path(rel), wait_until="load")
            wait_drawn(page)
            visit.charts, visit.drawn = page.evaluate(DRAWN, CHART_SELECTOR)
            visit.violations = frame_violations(page)
        finally:
            context.close()
        visits.append(visit)
    # The search runs Pagefind's WebAssembly: run one query.
    if (site / "search" / "index.html").is_file():
        visit = Visit(f"search/?q={SEARCH}")
        context, page = open_context(browser, allowed, visit)
        try:
            page.goto(nginx.base + visit.path, wait_until="load")
            try:
                page.locator("#search-results > *").first.wait_for(timeout=15000)
            except Exception:
                visit.console.append(f"no search result for {SEARCH}")
            visit.violations = frame_violations(page)
        finally:
            context.close()
        visits.append(visit)
    # The 404 page, reached at a wrong address deep in the site.
    visit = Visit("404 (no-such/page/)")
    context, page = open_context(browser, allowed, visit)
    try:
        page.goto(nginx.base + "no-such/page/", wait_until="load")
        visit.violations = frame_violations(page)
        home = page.locator("main a").first.evaluate("(a) => a.href")
        # The 404 status of the page itself is expected, and Chromium logs it.
        visit.failed = [f for f in visit.failed if "no-such/page" not in f]
        visit.console = [c for c in visit.console if "status of 404" not in c]
    finally:
        context.close()
    visits.append(visit)
    assert home == nginx.base + "index.html", f"the 404 page's first link goes to {home}"

    lines = [f"{'page':<56}{'CSP':>5}{'errors':>8}{'charts':>8}"]
    lines += [f"{v.path:<56}{len(v.violations):>5}{len(v.console) + len(v.failed):>8}{v.drawn:>6}/{v.charts}" for v in visits]
    table = report(artifacts, "nginx-csp", lines)
    with capsys.disabled():
        print(f"\nthrough nginx with its Content-Security-Policy:\n{table}")
    problems = []
    for v in visits:
        problems += [f"{v.path}: CSP violation: {x}" for x in v.violations]
        problems += [f"{v.path}: console error: {x}" for x in v.console]
        problems += [f"{v.path}: failed request: {x}" for x in v.failed]
        problems += [f"{v.path}: request to another host: {x}" for x in v.foreign]
        if v.charts and v.drawn < v.charts:
            problems.append(f"{v.path}: {v.charts - v.drawn} of {v.charts} charts not drawn")
    assert any(v.path.startswith("embed/") for v in visits), "no embed page visited"
    assert any(v.drawn for v in visits), "no chart drawn on any page"
    assert not problems, "\n".join(problems[:60])


def test_chart_image_downloads_work_under_the_csp(site, nginx, browser):
    """PNG and SVG downloads: the build's files (served as images), or, from a build without
    Chromium, plotly's export drawn through data:/blob: URLs in the page."""
    charts = sorted(p.parent.name for p in (site / "charts").glob("*/index.html"))
    assert charts, "no chart page"
    visit = Visit(f"charts/{charts[0]}/")
    context, page = open_context(browser, {urlsplit(nginx.origin).netloc}, visit)
    try:
        page.goto(nginx.base + visit.path, wait_until="load")
        wait_drawn(page)
        links = page.locator(".share-downloads a[download][href$='.png'], .share-downloads a[download][href$='.svg']")
        for i in range(links.count()):
            href = links.nth(i).get_attribute("href")
            with page.expect_download(timeout=15000) as download:
                links.nth(i).click()
            assert download.value.suggested_filename.startswith(charts[0])
            served = page.request.get(urljoin(page.url, href))
            assert served.headers["content-type"].split(";")[0] == ("image/png" if href.endswith(".png") else "image/svg+xml"), href
        buttons = page.locator("button[data-image]")
        assert buttons.count() + links.count() >= 2, "no image download on the chart page"
        for i in range(buttons.count()):
            button = buttons.nth(i)
            button.wait_for(state="visible", timeout=10000)
            with page.expect_download(timeout=15000) as download:
                button.click()
            assert download.value.suggested_filename.startswith(charts[0])
        violations = frame_violations(page)
    finally:
        context.close()
    assert not violations, violations
    assert not visit.console, visit.console


# ---------------------------------------------------------------- embed on another origin


TEXTAREA = re.compile(r"<textarea\b[^>]*>(.*?)</textarea>", re.S)


def embed_code(site: Path, chart: str) -> str:
    """The iframe + script code the chart page offers for pasting (a textarea's
    text, unescaped as a browser reads it)."""
    page = (site / "charts" / chart / "index.html").read_text(encoding="utf-8")
    codes = [html.unescape(t) for t in TEXTAREA.findall(page)]
    codes = [c for c in codes if "<iframe" in c and "<script" in c]
    assert codes, f"charts/{chart}/ offers no embed code with the resizer script"
    return codes[0]


@pytest.fixture
def host_page(site, nginx, tmp_path):
    """A newsroom's page on a second origin, with our embed code pasted in as offered."""
    charts = sorted(p.parent.name for p in (site / "embed").glob("*/index.html"))
    assert charts, "no embed page"
    chart = charts[0]
    code = embed_code(site, chart).replace(SITE_URL, nginx.base)
    assert nginx.base + "assets/embed.js" in code, "the embed code does not load the stable assets/embed.js"
    (tmp_path / "story.html").write_text(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>报道</title></head>"
        f"<body style=\"margin:0 8px\"><h1>另一家报纸的报道</h1><p>正文。</p>{code}<p>正文继续。</p></body></html>",
        encoding="utf-8")
    handler = functools.partial(_Quiet, directory=str(tmp_path))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield chart, f"http://127.0.0.1:{httpd.server_address[1]}/story.html"
    httpd.shutdown()
    httpd.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


FRAME_STATE = """(chart) => {
  const frame = document.querySelector(`iframe[data-fuling-chart="${chart}"]`);
  return frame ? {height: frame.getBoundingClientRect().height, attr: frame.getAttribute('height')} : null;
}"""


# The embed's own height, measured as the embed measures it: its body's box and margins.
CONTENT_HEIGHT = """() => {
  const style = getComputedStyle(document.body);
  return Math.ceil(document.body.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom));
}"""


def settled_heights(page, child, chart: str, timeout_s: float = 10) -> tuple[float, float]:
    """(iframe height, content height) once they agree twice in a row, or at the deadline."""
    deadline = time.monotonic() + timeout_s
    agreed = 0
    while True:
        page.wait_for_timeout(250)
        content = child.evaluate(CONTENT_HEIGHT)
        height = page.evaluate(FRAME_STATE, chart)["height"]
        agreed = agreed + 1 if abs(height - content) <= 3 else 0
        if agreed >= 2 or time.monotonic() > deadline:
            return height, content


def test_an_embed_on_another_origin_renders_and_resizes(nginx, browser, host_page):
    chart, url = host_page
    host = urlsplit(url).netloc
    assert host != urlsplit(nginx.origin).netloc
    visit = Visit("host page")
    context, page = open_context(browser, {host, urlsplit(nginx.origin).netloc}, visit)
    try:
        page.goto(url, wait_until="load")
        frame = page.frame_locator(f'iframe[data-fuling-chart="{chart}"]')
        frame.locator(".main-svg, .chart-preview img").first.wait_for(timeout=15000)
        child = next(f for f in page.frames if f.url.startswith(nginx.base + "embed/"))
        heights = {}
        for width in (1280, 360):
            page.set_viewport_size({"width": width, "height": 900})
            # The frame must take its content's height (a few px of rounding allowed).
            heights[width] = settled_heights(page, child, chart)
        violations = frame_violations(page)
    finally:
        context.close()
    for width, (frame_height, content) in heights.items():
        assert abs(frame_height - content) <= 3, f"at {width} px the iframe is {frame_height} px, its content {content} px"
    assert heights[360][0] != heights[1280][0], f"the iframe kept one height at 1280 and 360 px: {heights}"
    assert not violations, violations
    assert not visit.foreign, visit.foreign
    assert not visit.failed, visit.failed


def test_dot_files_are_never_served(site, nginx):
    (site / ".git").mkdir(exist_ok=True)
    (site / ".git" / "config").write_text("[remote]\n", encoding="utf-8")
    (site / ".env").write_text("SECRET=1\n", encoding="utf-8")
    try:
        for path in (PREFIX + ".git/config", PREFIX + ".env", PREFIX + "charts/.hidden"):
            resp = get(nginx, path)
            assert resp.status == 404 and b"SECRET" not in resp.body and b"remote" not in resp.body, path
    finally:
        shutil.rmtree(site / ".git")
        (site / ".env").unlink()


def test_only_embed_pages_may_be_framed_by_other_sites(nginx):
    framed = csp_directives(get(nginx, PREFIX + "embed/industrial-output/").headers["content-security-policy"])
    assert framed["frame-ancestors"] == ["*"]
    for path in (PREFIX + "charts/industrial-output/", PREFIX + "no-such/embed/x/", PREFIX + "data/embed/"):
        policy = csp_directives(get(nginx, path).headers["content-security-policy"])
        assert policy["frame-ancestors"] == ["'self'"], path


def test_the_redirect_from_the_bare_host_carries_the_security_headers(nginx):
    resp = get(nginx, "/")
    assert resp.status == 302 and resp.headers["location"].endswith(PREFIX)
    assert resp.headers.get("x-content-type-options") == "nosniff"
    assert "frame-ancestors 'none'" in resp.headers.get("content-security-policy", "")
