#!/usr/bin/env python3
"""Live preview benchmark: how long an editor waits after saving one fact value.

    python bench/preview.py                  # 1,000 articles, 3 edits
    python bench/preview.py --articles 100 --edits 5

Writes a synthetic project (bench/corpus.py) into a temporary folder, starts
`build.py serve`'s PreviewServer in this process (as `make serve` does, with
its usual debounce), waits for the first build, then edits one fact value at
a time and measures, from the moment the file is saved:

- reload: until the preview's status moves to a new version, which is when an
  open page reloads (the edited site is in site/);
- index: until the search index of that build is in site/ too.

Each edit is checked: site/data/facts.csv shows the new value at reload time.
Prints one line per edit and a last line for scripts:

    preview_reload_s=… preview_index_s=…   (medians)
"""
from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from corpus import make_corpus  # noqa: E402
from run import edit_fact_value  # noqa: E402

from fuling.core.reporter import Reporter  # noqa: E402
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


def wait_until(condition, timeout: float = 300) -> float:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise SystemExit(f"nothing happened within {timeout} s")
        time.sleep(0.01)
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
        reloads, indexes = [], []
        try:
            slug = f"report-{args.articles // 2:04d}"
            for step in range(1, args.edits + 1):
                version = server.status().version
                saved_before = clock.saved_at
                fact_id, new = edit_fact_value(project, slug, step)
                edited = time.perf_counter()
                reloaded = wait_until(lambda: server.status().version > version)
                state = server.status()
                if state.error:
                    raise SystemExit(f"the edit failed to build: {state.error}")
                if float(exported_value(project, fact_id)) != float(new):
                    raise SystemExit(f"fact {fact_id}: the reloaded site does not show {new}")
                indexed = wait_until(lambda: clock.saved_at > saved_before)
                reloads.append(reloaded - edited)
                indexes.append(indexed - edited)
                print(f"edit {step}: reload {reloads[-1]:.2f} s, search index {indexes[-1]:.2f} s", file=sys.stderr)
        finally:
            server.stop()
    print(f"preview_reload_s={statistics.median(reloads):.3f} preview_index_s={statistics.median(indexes):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
