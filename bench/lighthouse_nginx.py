"""Lighthouse (mobile) through nginx, before and after the publishing step's
server set-up: the same pages served by Python's plain `http.server` (no
compression, no cache headers: how the site was served before
deploy/nginx.conf) and by Debian's nginx running deploy/nginx.conf (gzip from
the build's .gz copies, cache lifetimes, CSP). Both serve the site under
/data/fuling/, each built with its own local `site_url`.

Uses bench/lighthouse.py's Lighthouse runner (npm `lighthouse`, pinned in
package.json, Debian's Chromium) and deploy/local_nginx.py.

    .venv/bin/python bench/lighthouse_nginx.py                  # print the table
    .venv/bin/python bench/lighthouse_nginx.py --update-readme  # and write it into bench/README.md
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import shutil
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "deploy"))

import lighthouse as lh  # noqa: E402  (bench/lighthouse.py)
import local_nginx  # noqa: E402  (deploy/local_nginx.py)

START, END = "<!-- lighthouse-nginx:table:start -->", "<!-- lighthouse-nginx:table:end -->"
SUBPATH = local_nginx.PREFIX_PATH  # /data/fuling/
PAGES = ("front page", "chart page", "embed")


class _Plain(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def build(root: Path, out: Path, site_url: str) -> None:
    from fuling.build.pipeline import build_site
    from fuling.core.reporter import Reporter

    build_site(root, out, site_url=site_url, reporter=Reporter(quiet=True))


def measure(base: str, site: Path, work: Path, server: str, runs: int) -> list[tuple[str, str, str, dict]]:
    """Each page `runs` times; the median run (bench/lighthouse.py's rule) is reported."""
    rows = []
    for label, kind, rel in lh.pick_pages(site):
        if label not in PAGES:
            continue
        results = []
        for i in range(runs):
            print(f"lighthouse ({server}, run {i + 1}/{runs}): {label} {base}{rel}", file=sys.stderr)
            results.append(lh.summarise(lh.run_lighthouse(base + rel, work / "report.json")))
        rows.append((label, server, rel, lh.median_run(results)))
    return rows


def table(rows: list[tuple[str, str, str, dict]]) -> str:
    lines = ["| page | served by | perf (all runs) | a11y | best pr. | SEO | transferred (KB) | FCP s | LCP s | TBT ms |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for label, server, rel, r in sorted(rows, key=lambda row: (PAGES.index(row[0]), row[1] != "http.server")):
        runs = "/".join(str(p) for p in r.get("all_performance", [r["performance"]]))
        lines.append(f"| {label} `{rel or '/'}` | {server} | {r['performance']} ({runs}) | {r['accessibility']} | "
                     f"{r['best-practices']} | {r['seo']} | {r['bytes'] / 1000:.0f} | {r['fcp'] / 1000:.1f} | "
                     f"{r['lcp'] / 1000:.1f} | {r['tbt']:.0f} |")
    misses = [f"- {label} ({server}): {category}: {', '.join(ids)}" for label, server, _, r in rows
              for category, ids in r["failed"].items() if ids]
    if misses:
        lines += ["", "Audits not passed (weighted):", "", *misses]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update-readme", action="store_true", help="write the table into bench/README.md")
    parser.add_argument("--root", type=Path, default=ROOT, help="project to build (default: this one)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page and server; the median is reported (default 3)")
    args = parser.parse_args(argv)
    for needed, how in ((lh.LIGHTHOUSE, "npm ci"), (Path(lh.CHROMIUM), "make test-tools")):
        if not needed.exists():
            sys.exit(f"{needed} is missing: run `{how}`")

    rows = []
    # Before: python's http.server, the site under /data/fuling/ of its folder.
    with tempfile.TemporaryDirectory(prefix="lighthouse-plain-") as tmp:
        docroot = Path(tmp) / "root"
        site = docroot / SUBPATH.strip("/")
        site.parent.mkdir(parents=True)
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Plain, directory=str(docroot)))
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{httpd.server_address[1]}{SUBPATH}"
        try:
            build(args.root, site, base)
            rows += measure(base, site, Path(tmp), "http.server", args.runs)
        finally:
            httpd.shutdown()
            httpd.server_close()

    # After: deploy/nginx.conf.
    prefix = local_nginx.make_prefix()
    try:
        port = local_nginx.free_port()
        build(args.root, prefix / "site", f"http://127.0.0.1:{port}{SUBPATH}")
        nginx = local_nginx.start(prefix, port)
        try:
            rows += measure(nginx.base, prefix / "site", prefix, "nginx", args.runs)
        finally:
            nginx.stop()
    finally:
        shutil.rmtree(prefix, ignore_errors=True)

    version = rows[0][3]["version"]
    chrome = next((p for p in rows[0][3]["chrome"].split() if p.startswith(("HeadlessChrome/", "Chrome/"))), "")
    text = (f"Lighthouse {version}, mobile preset (simulated slow 4G, mid-range phone), {chrome}; "
            f"median of {args.runs} runs, measured {dt.date.today().isoformat()} with "
            f"`.venv/bin/python bench/lighthouse_nginx.py --runs {args.runs}`. "
            f"Transferred = Lighthouse's total byte weight (bytes over the wire, after compression).\n\n{table(rows)}")
    print(text)
    if args.update_readme:
        lh.update_readme(text, START, END)
    return 0


if __name__ == "__main__":
    sys.exit(main())
