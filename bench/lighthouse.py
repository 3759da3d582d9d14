"""Lighthouse (npm, pinned in package.json) on the built site, as a phone sees it.

Builds the site into a temporary folder with `site_url` set to the local
server (so canonical links point at the host being measured), serves it from
127.0.0.1 with gzip and cache headers as a real host would, and runs
Lighthouse's default mobile preset (simulated slow 4G, mid-range phone) on the
front page, a theme page, a chart page and an embed, with Debian's Chromium.
Lighthouse exits 0 whatever the score, so the scores are read from its JSON
report.

    .venv/bin/python bench/lighthouse.py                  # print the table
    .venv/bin/python bench/lighthouse.py --update-readme  # and rewrite it in bench/README.md
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import http.server
import json
import mimetypes
import os
import re
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"text": {"performance": 95}, "chart": {"performance": 90}}  # others: 100 everywhere
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml",
                "application/atom+xml", "text/javascript")
README = ROOT / "bench" / "README.md"
START, END = "<!-- lighthouse:table:start -->", "<!-- lighthouse:table:end -->"

mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("image/svg+xml", ".svg")
mimetypes.add_type("application/atom+xml", ".atom")


HASHED_ASSET_RE = re.compile(r"\.[0-9a-f]{10}\.\w+$")


class GzipHandler(http.server.BaseHTTPRequestHandler):
    """Static files with gzip and cache headers: what a production host sends."""

    protocol_version = "HTTP/1.1"
    directory: Path

    def do_GET(self):  # noqa: N802 - http.server's naming
        parts = urlsplit(self.path)
        rel = unquote(parts.path).lstrip("/")
        file = (self.directory / rel).resolve()
        if self.directory not in file.parents and file != self.directory:
            return self._send(404, b"not found", "text/plain")
        if file.is_dir():
            if rel and not rel.endswith("/"):
                self.send_response(301)
                self.send_header("Location", parts.path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            file = file / "index.html"
        if not file.is_file():
            missing = self.directory / "404.html"
            body = missing.read_bytes() if missing.is_file() else b"not found"
            return self._send(404, body, "text/html; charset=utf-8")
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/json", "image/svg+xml"):
            kind += "; charset=utf-8"
        # Assets carry a content hash in their name (site.3f9a1c0d2e.css): cache them for a year; pages revalidate.
        cache = "public, max-age=31536000, immutable" if HASHED_ASSET_RE.search(parts.path) else "no-cache"
        return self._send(200, file.read_bytes(), kind, cache)

    def _send(self, status: int, body: bytes, kind: str, cache: str = "no-cache"):
        if kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6)
            encoding = "gzip"
        else:
            encoding = None
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


def serve(directory: Path) -> http.server.ThreadingHTTPServer:
    handler = type("Handler", (GzipHandler,), {"directory": directory.resolve()})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def pick_pages(site: Path) -> list[tuple[str, str, str]]:
    """(label, kind, site-relative URL) for the front page, a theme, a chart and an embed."""
    def first(pattern: str, preferred: str) -> str:
        found = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.glob(pattern))
        if not found:
            sys.exit(f"no page matches {pattern} in the built site")
        return preferred if preferred in found else found[0]

    return [
        ("front page", "text", ""),
        ("theme page", "chart", first("themes/*/index.html", "themes/industry/")),
        ("chart page", "chart", first("charts/*/index.html", "charts/industrial-output/")),
        ("embed", "chart", first("embed/*/index.html", "embed/industrial-output/")),
    ]


def run_lighthouse(url: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
        check=True, env=env, timeout=300,
    )
    return json.loads(out.read_text(encoding="utf-8"))


def summarise(report: dict) -> dict:
    audits = report["audits"]
    scores = {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    failed = {c: [a["id"] for a in report["categories"][c]["auditRefs"]
                  if a["weight"] and (audits[a["id"]].get("score") is not None) and audits[a["id"]]["score"] < 1]
              for c in CATEGORIES}
    return {
        **scores,
        "bytes": audits["total-byte-weight"]["numericValue"],
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "failed": failed,
        "version": report.get("lighthouseVersion", "?"),
        "chrome": report.get("environment", {}).get("hostUserAgent", ""),
    }


def median_run(runs: list[dict]) -> dict:
    """The run with the median performance score (ties: median TBT), as Lighthouse's own docs advise:
    one real run's metrics, not a mix of several runs'."""
    ordered = sorted(runs, key=lambda r: (r["performance"], -r["tbt"]))
    chosen = dict(ordered[(len(ordered) - 1) // 2])
    chosen["all_performance"] = [r["performance"] for r in runs]
    return chosen


def table(rows: list[tuple[str, str, str, dict]]) -> str:
    lines = ["| page | URL | perf | runs' perf | a11y | best pr. | SEO | bytes (KB) | FCP s | LCP s | TBT ms | CLS |",
             "|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for label, kind, rel, r in rows:
        def mark(category):
            target = TARGETS.get(kind, {}).get(category, 100)
            return f"{r[category]}" + ("" if r[category] >= target else f" (<{target})")
        lines.append(f"| {label} | `{rel or '/'}` | {mark('performance')} | "
                     f"{', '.join(map(str, r['all_performance']))} | {mark('accessibility')} | "
                     f"{mark('best-practices')} | {mark('seo')} | {r['bytes'] / 1000:.0f} | {r['fcp'] / 1000:.1f} | "
                     f"{r['lcp'] / 1000:.1f} | {r['tbt']:.0f} | {r['cls']:.3f} |")
    misses = [f"- {label}: {category}: {', '.join(ids)}" for label, _, _, r in rows
              for category, ids in r["failed"].items() if ids]
    if misses:
        lines += ["", "Audits not passed (weighted):", "", *misses]
    return "\n".join(lines)


def update_readme(text: str, start: str = START, end: str = END) -> None:
    """Replace what stands between the two markers in bench/README.md."""
    readme = README.read_text(encoding="utf-8")
    if start not in readme:
        sys.exit(f"{README.relative_to(ROOT)} has no {start} marker")
    head, rest = readme.split(start, 1)
    tail = rest.split(end, 1)[1]
    README.write_text(f"{head}{start}\n{text}\n{end}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update-readme", action="store_true", help="rewrite the table in bench/README.md")
    parser.add_argument("--root", type=Path, default=ROOT, help="project to build (default: this one)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the run with the median performance "
                        "score is reported (default 3: simulated throttling varies with the machine's load)")
    parser.add_argument("--only", action="append", default=[], metavar="LABEL",
                        help="measure only this page (front, theme, chart, embed); repeatable")
    parser.add_argument("--keep", type=Path, help="keep each run's JSON report in this folder")
    args = parser.parse_args(argv)
    for needed, how in ((LIGHTHOUSE, "npm ci"), (Path(CHROMIUM), "make test-tools")):
        if not needed.exists():
            sys.exit(f"{needed} is missing: run `{how}`")

    from fuling.build.pipeline import build_site
    from fuling.core.reporter import Reporter

    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        httpd = serve(site)
        base = f"http://127.0.0.1:{httpd.server_address[1]}/"
        try:
            build_site(args.root, site, site_url=base, reporter=Reporter(quiet=True))
            rows = []
            for label, kind, rel in pick_pages(site):
                if args.only and label.split()[0] not in args.only:
                    continue
                runs = []
                for n in range(max(1, args.runs)):
                    print(f"lighthouse: {label} {base}{rel} (run {n + 1})", file=sys.stderr)
                    out = (args.keep or Path(tmp)) / f"{label.split()[0]}-{n + 1}.json"
                    out.parent.mkdir(parents=True, exist_ok=True)
                    runs.append(summarise(run_lighthouse(base + rel, out)))
                rows.append((label, kind, rel, median_run(runs)))
        finally:
            httpd.shutdown()
            httpd.server_close()
    version = rows[0][3]["version"]
    chrome = next((part for part in rows[0][3]["chrome"].split() if part.startswith(("HeadlessChrome/", "Chrome/"))), "")
    # Simulated throttling scales the CPU time it observes: a busy machine lowers performance.
    load = os.getloadavg()[0]
    text = (f"Lighthouse {version}, mobile preset (simulated throttling), {chrome}, gzip; "
            f"measured {dt.date.today().isoformat()} with `.venv/bin/python bench/lighthouse.py --runs {args.runs}` "
            f"(each row the run with the median performance score) "
            f"(machine load average {load:.1f} on {os.cpu_count()} cores).\n\n{table(rows)}")
    print(text)
    if args.update_readme:
        update_readme(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
