#!/usr/bin/env python3
"""Live preview benchmark: how long an editor waits after saving one fact value.

    python bench/preview.py                  # 1,000 articles, 3 edits
    python bench/preview.py --articles 100 --edits 5

Writes a synthetic project (bench/corpus.py) into a temporary folder, starts
`build.py serve`'s PreviewServer in this process (as `make serve` does, with
its usual debounce), waits for the first build, opens the edited article's page
as a browser does (its reload script's status request names the page), then
edits one fact value at a time and measures, from the moment the file is saved:

- page: until the open article page, fetched from the preview, shows the new value
  (the preview's first look, fuling/preview/firstlook.py, or else the full build);
- site: until the whole site is consistent, search index included: every page,
  the data files (site/data/facts.csv shows the new value) and the index.

Prints one line per edit and a last line for scripts:

    preview_page_s=… preview_site_s=…   (medians)
"""
from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from corpus import make_corpus  # noqa: E402
from run import edit_fact_value  # noqa: E402

from fuling.core.numbers import format_value  # noqa: E402
from fuling.core.reporter import Reporter  # noqa: E402
from fuling.core.urls import article_page  # noqa: E402
from fuling.preview.server import PreviewServer  # noqa: E402


class SaveClock:
    """When the preview's build last saved the build cache: the end of a build, search index
    included. The preview prints one line per rebuild (its RebuildReporter keeps stage lines
    to itself), so the clock listens to that reporter's stages."""

    def __init__(self, server: PreviewServer):
        self.saved_at = 0.0
        reporter = server.build_reporter
        shown = reporter.stage

        def stage(name: str, detail: str = "") -> None:
            if name == "cache" and "up to date" not in detail:
                self.saved_at = time.perf_counter()
            shown(name, detail)

        reporter.stage = stage


def exported_value(project: Path, fact_id: str) -> str:
    with open(project / "site" / "data" / "facts.csv", encoding="utf-8-sig", newline="") as handle:
        return next(row["value"] for row in csv.DictReader(handle) if row["id"] == fact_id)


def served(server: PreviewServer, path: str) -> str:
    with urllib.request.urlopen(server.url + path, timeout=60) as response:
        return response.read().decode("utf-8")


class OpenPage:
    """A browser tab showing `path`: its reload script's long poll, which tells the preview
    the page is open (fuling/preview/client.js does the same)."""

    def __init__(self, server: PreviewServer, path: str):
        self.server, self.path = server, path
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)
        self.thread.start()

    def _poll(self) -> None:
        since = self.server.status().version
        while not self.stopped.is_set():
            answer = json.loads(served(self.server, f"__preview/status?page=/{self.path}&since={since}"))
            since = answer["version"]

    def close(self) -> None:
        self.stopped.set()


def shows(page: str, value: str) -> bool:
    """The article's list of its figures (after its heading) shows `value` as the site prints it."""
    return format_value(float(value)) in page.split('id="article-facts-title"', 1)[-1]


def wait_until(condition, timeout: float = 300) -> float:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise SystemExit(f"nothing happened within {timeout} s")
        time.sleep(0.005)
    return time.perf_counter()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="fuling-preview-bench-") as folder:
        project = Path(folder) / "project"
        make_corpus(project, args.articles, REPO)
        server = PreviewServer(project, port=0, reporter=Reporter(quiet=True))
        clock = SaveClock(server)
        started = time.perf_counter()
        server.start()
        print(f"{args.articles} articles: first build {time.perf_counter() - started:.2f} s "
              f"(debounce {server.debounce} s)", file=sys.stderr)
        pages, sites = [], []
        slug = f"report-{args.articles // 2:04d}"
        path = article_page(slug)
        tab = OpenPage(server, path)
        try:
            wait_until(lambda: path in server.open_pages(), timeout=10)
            for step in range(1, args.edits + 1):
                saved_before = clock.saved_at
                fact_id, new = edit_fact_value(project, slug, step)
                edited = time.perf_counter()
                shown = wait_until(lambda: shows(served(server, path), new))
                consistent = wait_until(lambda: clock.saved_at > saved_before)
                state = server.status()
                if state.error:
                    raise SystemExit(f"the edit failed to build: {state.error}")
                if float(exported_value(project, fact_id)) != float(new):
                    raise SystemExit(f"fact {fact_id}: the built site does not show {new}")
                pages.append(shown - edited)
                sites.append(consistent - edited)
                print(f"edit {step}: open page {pages[-1]:.3f} s, whole site with its search index {sites[-1]:.2f} s",
                      file=sys.stderr)
        finally:
            tab.close()
            server.stop()
    print(f"preview_page_s={statistics.median(pages):.3f} preview_site_s={statistics.median(sites):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
