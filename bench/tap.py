"""Tap to interactive: how long a phone reader waits between tapping a chart's picture and
the interactive chart (plotly.js fetched, run and drawn) being on screen.

Builds the site from content/ into a temporary folder (or reads --site), serves it on
127.0.0.1 and opens every chart page in Debian's Chromium at 360 px with touch, the CPU
slowed 4x through the DevTools protocol (Emulation.setCPUThrottlingRate), the files gzipped
as nginx's gzip_static sends them (deploy/nginx.conf) and, with
--slow-4g, Lighthouse's slow 4G (150 ms round trip, 1.6 Mbit/s down). Cold: a fresh browser
context per tap (nothing cached); cached: a second page load in the same context.

The time runs from the tap's pointerdown (event.timeStamp) to the frame after plotly's
SVG is in the page (a requestAnimationFrame after the mutation that added it).

    .venv/bin/python bench/tap.py [--runs 3] [--slow-4g] [--site site/]
"""
from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CPU_SLOWDOWN = 4
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6 * 1024 * 1024 / 8,
           "uploadThroughput": 750 * 1024 / 8}

# Set up before the tap: the pointerdown's time, then the frame after plotly's SVG appears.
WATCH_JS = """() => { window.__tap = new Promise((resolve) => {
  const el = document.querySelector('.chart-plot');
  let down = null;
  el.addEventListener('pointerdown', (e) => { down = e.timeStamp; }, {capture: true, once: true});
  new MutationObserver((_, observer) => {
    if (!el.querySelector('.main-svg')) return;
    observer.disconnect();
    requestAnimationFrame(() => resolve(performance.now() - down));
  }).observe(el, {childList: true, subtree: true});
}); }"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """The site as a host with gzip_static serves it: a file's .gz copy beside it, when the
    browser takes gzip (plotly.js: 374 KB instead of 1.05 MB)."""

    def send_head(self):
        path = self.translate_path(self.path)
        if path.endswith("/"):
            path += "index.html"
        packed = Path(path + ".gz")
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not packed.is_file():
            return super().send_head()
        body = packed.open("rb")
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(packed.stat().st_size))
        self.send_header("Cache-Control", "public, max-age=31536000" if "/assets/" in path else "no-cache")
        self.end_headers()
        return body

    def log_message(self, format, *args):
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def tap_once(context, url: str, slow_4g: bool) -> float:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    if slow_4g:
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(500)
    box = page.locator(".chart-plot").bounding_box()
    page.evaluate(WATCH_JS)
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    ms = page.evaluate("() => window.__tap")
    page.close()
    return ms


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="taps per chart and condition")
    parser.add_argument("--slow-4g", action="store_true", help="Lighthouse's slow 4G as well as the CPU slowdown")
    parser.add_argument("--site", type=Path, help="a built site/ to read instead of building one")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            from fuling.build.pipeline import build_site
            from fuling.core.reporter import Reporter

            site = Path(tmp) / "site"
            build_site(ROOT, site, reporter=Reporter(quiet=True))
        charts = sorted(p.name for p in (site / "charts").iterdir() if (p / "index.html").is_file())
        httpd, base = serve(site)
        cold: list[float] = []
        cached: list[float] = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
            phone = dict(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True, device_scale_factor=2)
            for chart in charts:
                url = f"{base}charts/{chart}/"
                for _ in range(args.runs):
                    context = browser.new_context(**phone)
                    cold.append(tap_once(context, url, args.slow_4g))
                    cached.append(tap_once(context, url, args.slow_4g))
                    context.close()
            browser.close()
        httpd.shutdown()
    network = "slow 4G" if args.slow_4g else "localhost"
    for name, values in (("cold", cold), ("cached", cached)):
        print(f"tap to interactive, {CPU_SLOWDOWN}x CPU, {network}, {name}: median {statistics.median(values):.0f} ms, "
              f"max {max(values):.0f} ms ({len(values)} taps on {len(charts)} charts)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
