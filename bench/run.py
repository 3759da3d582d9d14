#!/usr/bin/env python3
"""Build benchmark: our pipeline against Pelican 4.12 on the same synthetic articles.

    python bench/run.py              # 5, 100 and 1,000 articles, 3 runs each (make bench)
    python bench/run.py --quick      # 5 and 1,000 articles, 1 run each
    python bench/run.py --update-readme   # also rewrite the table in bench/README.md

For each size it writes a synthetic project (bench/corpus.py) into a temporary
folder, then times, each as a fresh process: a full build (no site/, no
cache), a no-op rebuild, a rebuild after editing one fact value, and one after
editing one article. Pelican builds the same articles (converted to Pelican
Markdown, default theme, content caching on) from its own virtual environment
in bench/.venv-pelican, created here with pip on first use. Times are medians
of wall-clock seconds; memory is the peak resident set of the build process.
The last line is for scripts:

    full_s=… noop_s=… edit_s=… n1000_full_s=… n1000_edit_s=… peak_mb=… vs_pelican=…

full_s, noop_s and edit_s are at 5 articles; vs_pelican is our full build over
Pelican's, the worst over the sizes measured.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import make_corpus, make_pelican_project  # noqa: E402

PELICAN_VENV = HERE / ".venv-pelican"
PELICAN_REQ = ["pelican==4.12.*", "markdown>=3.5"]
README = HERE / "README.md"
TABLE_START = "<!-- bench:table:start -->"
TABLE_END = "<!-- bench:table:end -->"


STAGE_RE = re.compile(r"^\[(\w+)\] .*?\((\d+\.\d+) s[^)]*\)\s*$", re.M)


@dataclass
class Run:
    seconds: float
    peak_mb: float
    log: str = ""

    @property
    def stages(self) -> dict[str, float]:
        """Seconds per stage as the build log reports them ("[render] 1034 files (2.07 s)")."""
        return {name: float(seconds) for name, seconds in STAGE_RE.findall(self.log)}


@dataclass
class Row:
    tool: str
    articles: int
    runs: dict[str, list[Run]] = field(default_factory=dict)

    def median(self, what: str) -> float | None:
        runs = self.runs.get(what)
        return statistics.median(r.seconds for r in runs) if runs else None

    @property
    def peak_mb(self) -> float:
        return max((r.peak_mb for runs in self.runs.values() for r in runs), default=0.0)


def tree_pss_kb(group: int) -> int:
    """Memory of every process in a process group (the build, its forks, Pagefind), summed.

    Proportional set size: a page shared by a forked child and its parent
    counts half to each, so the sum is what the group really holds.
    """
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            if int(fields[2]) != group:  # field 5 of stat: the process group
                continue
            with open(f"/proc/{entry.name}/smaps_rollup", "rb") as handle:
                for line in handle:
                    if line.startswith(b"Pss:"):
                        total += int(line.split()[1])
                        break
        except (OSError, ValueError, IndexError):
            continue
    return total


def build_env(**extra: str) -> dict[str, str]:
    """The environment both tools build in: this one, with Python's default of caching
    compiled modules (a shell that sets PYTHONDONTWRITEBYTECODE would make every run of
    either tool compile its modules again)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> Run:
    """Run one build as a child process: wall time, and the peak memory of it and its own children.

    The peak is the larger of the kernel's high-water mark for the process
    (which covers the largest waited-for child, not the sum) and the group's
    summed proportional memory, sampled every 20 ms while it runs.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env if env is not None else build_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            peak[0] = max(peak[0], tree_pss_kb(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)  # this build's rusage alone, not earlier builds'
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.stderr.write(output.decode("utf-8", "replace"))
        raise SystemExit(f"benchmark build failed ({proc.returncode}): {' '.join(cmd)}")
    peak_kb = max(peak[0], usage.ru_maxrss)
    return Run(seconds=seconds, peak_mb=peak_kb / 1024, log=output.decode("utf-8", "replace"))


def ensure_pelican() -> Path:
    pelican = PELICAN_VENV / "bin" / "pelican"
    if not pelican.exists():
        print(f"creating {PELICAN_VENV.relative_to(REPO)} with {' '.join(PELICAN_REQ)}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(PELICAN_VENV)], check=True)
        subprocess.run([str(PELICAN_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", *PELICAN_REQ], check=True)
    return pelican


def edit_fact_value(project: Path, slug: str, step: int) -> tuple[str, str]:
    """Change the first fact value of one fact file, as an editor correcting a number would, with
    the correction that says what the source printed (`build.py fix` writes the same): (id, new value)."""
    path = project / "content" / "facts" / f"{slug}.yaml"
    text = path.read_text(encoding="utf-8")
    match = re.search(r"^(  value: )([0-9.]+)$", text, flags=re.M)
    fact_id = re.findall(r"^- id: (\S+)$", text[: match.start()], flags=re.M)[-1]
    old = match.group(2)
    new = str(round(float(old) + step * 0.1, 1)) if "." in old else str(int(old) + step)
    rest = text[match.end(2):]
    if not rest.startswith("\n  corrections:"):  # the first edit of this fact: the source printed `old`
        rest = f"\n  corrections: [{{date: 2024-01-01, old_value: {old}, reason: benchmark edit}}]" + rest
    path.write_text(text[: match.start(2)] + new + rest, encoding="utf-8")
    return fact_id, new


def exported_value(project: Path, fact_id: str) -> str:
    with open(project / "site" / "data" / "facts.csv", encoding="utf-8-sig", newline="") as handle:
        return next(row["value"] for row in csv.DictReader(handle) if row["id"] == fact_id)


def edit_article(path: Path, step: int) -> None:
    """Reword the last paragraph of one article (its anchor and every quote stay valid)."""
    text = path.read_text(encoding="utf-8")
    head, sep, tail = text.rstrip("\n").rpartition(" {#")
    path.write_text(f"{head}（第{step}次修订）{sep}{tail}\n", encoding="utf-8")


def bench_ours(project: Path, n: int, runs: int) -> Row:
    row = Row("涪陵数据", n)
    cmd = [sys.executable, str(REPO / "build.py"), "--root", str(project), "build"]
    env = build_env(CI="1")
    full = row.runs["full"] = []
    for _ in range(runs):
        # Cold: no site, no spare copy of the one before (.site-spare), no build cache.
        for leftover in [project / "site", project / ".cache", *project.glob(".site*")]:
            shutil.rmtree(leftover, ignore_errors=True)
        full.append(timed(cmd, project, env))
    row.runs["noop"] = [timed(cmd, project, env) for _ in range(runs)]
    slug = f"report-{n // 2:04d}"
    row.runs["edit_fact"] = []
    for step in range(1, runs + 1):
        fact_id, new = edit_fact_value(project, slug, step)
        row.runs["edit_fact"].append(timed(cmd, project, env))
        # A fast build that shows the old number would be worthless: check the data export.
        if float(exported_value(project, fact_id)) != float(new):
            raise SystemExit(f"fact {fact_id}: site/data/facts.csv does not show the edited value {new}")
    row.runs["edit_article"] = []
    for step in range(1, runs + 1):
        edit_article(project / "content" / "articles" / f"{slug}.md", step)
        row.runs["edit_article"].append(timed(cmd, project, env))
        page = (project / "site" / "articles" / slug / "index.html").read_text(encoding="utf-8")
        if f"第{step}次修订" not in page:
            raise SystemExit(f"edited article {slug} does not show its change")
    return row


def bench_pelican(project: Path, n: int, runs: int, pelican: Path) -> Row:
    row = Row("Pelican 4.12", n)
    cmd = [str(pelican), "content", "-s", "pelicanconf.py", "-q"]
    full = row.runs["full"] = []
    for _ in range(runs):
        shutil.rmtree(project / "output", ignore_errors=True)
        shutil.rmtree(project / "cache", ignore_errors=True)
        full.append(timed(cmd, project))
    row.runs["noop"] = [timed(cmd, project) for _ in range(runs)]
    slug = f"report-{n // 2:04d}"
    row.runs["edit_article"] = []
    for step in range(1, runs + 1):
        edit_article(project / "content" / f"{slug}.md", step)
        row.runs["edit_article"].append(timed(cmd, project))
    return row


def fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def table(rows: list[Row]) -> str:
    lines = [
        "| articles | build | full (s) | no-op (s) | edit 1 fact (s) | edit 1 article (s) | peak MB | ours / Pelican (full) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        ratio = ""
        if row.tool != "Pelican 4.12":
            peer = next((r for r in rows if r.tool == "Pelican 4.12" and r.articles == row.articles), None)
            if peer:
                ratio = f"{row.median('full') / peer.median('full'):.2f}"
        lines.append(
            f"| {row.articles:,} | {row.tool} | {fmt(row.median('full'))} | {fmt(row.median('noop'))} | "
            f"{fmt(row.median('edit_fact'))} | {fmt(row.median('edit_article'))} | {row.peak_mb:.0f} | {ratio} |"
        )
    return "\n".join(lines)


def breakdown(rows: list[Row]) -> str:
    """Where our time goes: the stage times of the median full and edit builds at each size."""
    lines = ["| articles | build | " + " | ".join(STAGES) + " | start-up and rest |",
             "|---:|---|" + "---:|" * (len(STAGES) + 1)]
    for row in rows:
        if row.tool == "Pelican 4.12":
            continue
        for what in ("full", "edit_fact"):
            runs = sorted(row.runs.get(what, []), key=lambda r: r.seconds)
            if not runs:
                continue
            median = runs[len(runs) // 2]
            stages = median.stages
            rest = median.seconds - sum(stages.get(name, 0.0) for name in STAGES)
            cells = " | ".join(fmt(stages.get(name)) for name in STAGES)
            lines.append(f"| {row.articles:,} | {what.replace('_', ' ')} | {cells} | {rest:.2f} |")
    return "\n".join(lines)


STAGES = ("load", "charts", "render", "exports", "previews", "publish", "search", "write")  # previews: waited after render; search: waited after publish


def final_line(rows: list[Row]) -> str:
    ours = {r.articles: r for r in rows if r.tool != "Pelican 4.12"}
    peers = {r.articles: r for r in rows if r.tool == "Pelican 4.12"}
    small, big = ours.get(5), ours.get(1000)
    ratios = [ours[n].median("full") / peers[n].median("full") for n in ours if n in peers]
    values = {
        "full_s": small and small.median("full"),
        "noop_s": small and small.median("noop"),
        "edit_s": small and small.median("edit_fact"),
        "n1000_full_s": big and big.median("full"),
        "n1000_edit_s": big and big.median("edit_fact"),
        "peak_mb": max((r.peak_mb for r in ours.values()), default=None),
        "vs_pelican": max(ratios) if ratios else None,
    }
    return " ".join(
        f"{k}={'nan' if v is None else (f'{v:.0f}' if k == 'peak_mb' else f'{v:.3f}' if k != 'vs_pelican' else f'{v:.2f}')}"
        for k, v in values.items()
    )


def load_average() -> str:
    try:
        return "load average %.1f" % os.getloadavg()[0]
    except OSError:
        return "load average unknown"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()}"


def update_readme(report: str) -> None:
    text = README.read_text(encoding="utf-8")
    start, end = text.index(TABLE_START) + len(TABLE_START), text.index(TABLE_END)
    README.write_text(text[:start] + "\n" + report + "\n" + text[end:], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5 and 1,000 articles, one run each")
    parser.add_argument("--sizes", help="comma-separated article counts (default 5,100,1000)")
    parser.add_argument("--runs", type=int, help="runs per measurement (default 3; median reported)")
    parser.add_argument("--no-pelican", action="store_true", help="skip the Pelican builds")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and print where")
    parser.add_argument("--update-readme", action="store_true", help="write the table into bench/README.md")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in (args.sizes or ("5,1000" if args.quick else "5,100,1000")).split(",")]
    runs = args.runs or (1 if args.quick else 3)
    pelican = None if args.no_pelican else ensure_pelican()
    # Not the system temporary folder: where that is a watched or slower mount, both
    # tools would be timed on its file creation rather than on their own work.
    (HERE / "out").mkdir(exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="fuling-bench-", dir=HERE / "out"))
    rows: list[Row] = []
    load_before = load_average()
    try:
        for n in sizes:
            print(f"{n} articles: generating", file=sys.stderr, flush=True)
            articles = make_corpus(scratch / f"n{n}" / "ours", n, REPO)
            rows.append(bench_ours(scratch / f"n{n}" / "ours", n, runs))
            print(f"{n} articles: ours full {fmt(rows[-1].median('full'))} s", file=sys.stderr, flush=True)
            if pelican:
                make_pelican_project(scratch / f"n{n}" / "pelican", articles)
                rows.append(bench_pelican(scratch / f"n{n}" / "pelican", n, runs, pelican))
                print(f"{n} articles: Pelican full {fmt(rows[-1].median('full'))} s", file=sys.stderr, flush=True)
    finally:
        if args.keep:
            print(f"projects kept in {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    command = "python bench/run.py" + "".join(f" {a}" for a in (argv if argv is not None else sys.argv[1:]))
    report = "\n".join([
        f"Command: `{command}` · {dt.date.today().isoformat()} · {machine()} · "
        f"medians of {runs} run(s) · wall-clock seconds of a fresh process, start-up included · "
        f"{load_before} at the start, {load_average()} at the end (other work on the machine slows both tools)",
        "",
        table(rows),
        "",
        "Where our time goes (seconds per stage, from the build log of the median run; "
        "previews is the time waited for the chart pictures after render, search the time waited "
        "for Pagefind after publish: both run beside the other stages):",
        "",
        breakdown(rows),
        "",
        "```",
        final_line(rows),
        "```",
    ])
    if args.update_readme:
        update_readme(report)
    print(table(rows))
    print()
    print(breakdown(rows))
    print(final_line(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
