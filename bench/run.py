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
    preview_edit_1000_s=… preview_site_1000_s=… edit_1000_s=… edit_article_1000_s=…
    pelican_edit_1000_s=… full_1000_vs_pelican=… full_5_vs_pelican=… facts_page_kb_10000=… peak_mb_10000=…

full_s, noop_s and edit_s are at 5 articles; vs_pelican is our full build over
Pelican's, the worst over the sizes measured. Both tools are measured in turn,
measurement by measurement, so a loaded machine slows both alike. Besides the
article counts, a project with at least 10,000 facts (`--facts`, 1,424 articles)
is built: facts_page_kb_10000 is the largest page of its facts explorer and
peak_mb_10000 its peak memory. preview_edit_1000_s is bench/preview.py's time from
saving a fact until the open article page shows it at 1,000 articles, preview_site_1000_s
until the whole site has it, search index included; pelican_edit_1000_s
is Pelican's rebuild after one article edit (its sources have no fact files).
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

from corpus import articles_for_facts, make_corpus, make_pelican_project  # noqa: E402

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

    facts: int = 0
    facts_page_kb: float = 0.0  # the largest page of the facts explorer
    page_kb: float = 0.0  # the largest HTML page of the site

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


def clear_ours(project: Path) -> None:
    """Cold: no site, no spare copy of the one before (.site-spare), no build cache."""
    for leftover in [project / "site", project / ".cache", *project.glob(".site*")]:
        shutil.rmtree(leftover, ignore_errors=True)


def clear_pelican(project: Path) -> None:
    shutil.rmtree(project / "output", ignore_errors=True)
    shutil.rmtree(project / "cache", ignore_errors=True)


def bench_size(ours_dir: Path, peer_dir: Path | None, n: int, runs: int, pelican: Path | None) -> tuple[Row, Row | None]:
    """Both tools on the same articles, interleaved measurement by measurement (ours, then
    Pelican's), so that the load of a shared machine falls on both alike."""
    ours, peer = Row("涪陵数据", n), (Row("Pelican 4.12", n) if pelican else None)
    ours_cmd = [sys.executable, str(REPO / "build.py"), "--root", str(ours_dir), "build"]
    peer_cmd = [str(pelican), "content", "-s", "pelicanconf.py", "-q"] if pelican else []
    env = build_env(CI="1")
    slug = f"report-{n // 2:04d}"
    for what in ("full", "noop", "edit_fact", "edit_article"):
        ours.runs[what] = []
        if peer and what != "edit_fact":  # Pelican's sources have no fact files
            peer.runs[what] = []
    for _ in range(runs):
        clear_ours(ours_dir)
        ours.runs["full"].append(timed(ours_cmd, ours_dir, env))
        if peer:
            clear_pelican(peer_dir)
            peer.runs["full"].append(timed(peer_cmd, peer_dir))
    for _ in range(runs):
        ours.runs["noop"].append(timed(ours_cmd, ours_dir, env))
        if peer:
            peer.runs["noop"].append(timed(peer_cmd, peer_dir))
    for step in range(1, runs + 1):
        fact_id, new = edit_fact_value(ours_dir, slug, step)
        ours.runs["edit_fact"].append(timed(ours_cmd, ours_dir, env))
        # A fast build that shows the old number would be worthless: check the data export.
        if float(exported_value(ours_dir, fact_id)) != float(new):
            raise SystemExit(f"fact {fact_id}: site/data/facts.csv does not show the edited value {new}")
    for step in range(1, runs + 1):
        edit_article(ours_dir / "content" / "articles" / f"{slug}.md", step)
        ours.runs["edit_article"].append(timed(ours_cmd, ours_dir, env))
        page = (ours_dir / "site" / "articles" / slug / "index.html").read_text(encoding="utf-8")
        if f"第{step}次修订" not in page:
            raise SystemExit(f"edited article {slug} does not show its change")
        if peer:
            edit_article(peer_dir / "content" / f"{slug}.md", step)
            peer.runs["edit_article"].append(timed(peer_cmd, peer_dir))
    ours.facts = fact_count(ours_dir)
    ours.facts_page_kb = largest_page_kb(ours_dir / "site", "facts/")
    ours.page_kb = largest_page_kb(ours_dir / "site", "")
    return ours, peer


def fact_count(project: Path) -> int:
    with open(project / "site" / "data" / "facts.csv", encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def largest_page_kb(site: Path, under: str) -> float:
    """The largest HTML page under `under` (a folder of the site, "" for all), in KB."""
    sizes = [p.stat().st_size for p in (site / under).rglob("*.html")]
    return max(sizes, default=0) / 1024


def bench_preview(n: int) -> tuple[float, float] | None:
    """bench/preview.py at n articles, three edits: the medians of the seconds from saving a fact
    until the open article page shows it, and until the whole site (search included) has it."""
    proc = subprocess.run([sys.executable, str(HERE / "preview.py"), "--articles", str(n), "--edits", "3"],
                          cwd=REPO, env=build_env(CI="1"), capture_output=True, text=True)
    found = re.search(r"preview_page_s=([0-9.]+) preview_site_s=([0-9.]+)", proc.stdout)
    if proc.returncode != 0 or not found:
        sys.stderr.write(proc.stdout + proc.stderr)
        return None
    return float(found.group(1)), float(found.group(2))


def fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def table(rows: list[Row]) -> str:
    lines = [
        "| articles | facts | build | full (s) | no-op (s) | edit 1 fact (s) | edit 1 article (s) | peak MB | "
        "largest page / facts page (KB) | ours / Pelican (full) | ours / Pelican (edit 1 article) |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        ratio = edit_ratio = sizes = facts = ""
        if row.tool != "Pelican 4.12":
            facts = f"{row.facts:,}"
            sizes = f"{row.page_kb:.0f} / {row.facts_page_kb:.0f}"
            peer = next((r for r in rows if r.tool == "Pelican 4.12" and r.articles == row.articles), None)
            if peer:
                ratio = f"{row.median('full') / peer.median('full'):.2f}"
                edit_ratio = f"{row.median('edit_article') / peer.median('edit_article'):.2f}"
        lines.append(
            f"| {row.articles:,} | {facts} | {row.tool} | {fmt(row.median('full'))} | {fmt(row.median('noop'))} | "
            f"{fmt(row.median('edit_fact'))} | {fmt(row.median('edit_article'))} | {row.peak_mb:.0f} | {sizes} | "
            f"{ratio} | {edit_ratio} |"
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


def final_line(rows: list[Row], preview_s: tuple[float, float] | None = None) -> str:
    ours = {r.articles: r for r in rows if r.tool != "Pelican 4.12"}
    peers = {r.articles: r for r in rows if r.tool == "Pelican 4.12"}
    small, big = ours.get(5), ours.get(1000)
    peer_small, peer_big = peers.get(5), peers.get(1000)
    largest = max((r for r in ours.values() if r.facts >= 10_000), key=lambda r: r.facts, default=None)
    ratios = [ours[n].median("full") / peers[n].median("full") for n in ours if n in peers]

    def over(a, b):
        return a / b if a is not None and b else None

    values = {
        "full_s": small and small.median("full"),
        "noop_s": small and small.median("noop"),
        "edit_s": small and small.median("edit_fact"),
        "n1000_full_s": big and big.median("full"),
        "n1000_edit_s": big and big.median("edit_fact"),
        "peak_mb": max((r.peak_mb for r in ours.values()), default=None),
        "vs_pelican": max(ratios) if ratios else None,
        "preview_edit_1000_s": preview_s and preview_s[0],
        "preview_site_1000_s": preview_s and preview_s[1],
        "edit_1000_s": big and big.median("edit_fact"),
        "edit_article_1000_s": big and big.median("edit_article"),
        "pelican_edit_1000_s": peer_big and peer_big.median("edit_article"),
        "full_1000_vs_pelican": over(big and big.median("full"), peer_big and peer_big.median("full")),
        "full_5_vs_pelican": over(small and small.median("full"), peer_small and peer_small.median("full")),
        "facts_page_kb_10000": largest and largest.facts_page_kb,
        "peak_mb_10000": largest and largest.peak_mb,
    }
    whole = ("peak_mb", "facts_page_kb_10000", "peak_mb_10000")
    ratio = ("vs_pelican", "full_1000_vs_pelican", "full_5_vs_pelican")
    return " ".join(
        f"{k}={'nan' if v is None else (f'{v:.0f}' if k in whole else f'{v:.2f}' if k in ratio else f'{v:.3f}')}"
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
    parser.add_argument("--facts", type=int, default=10_000,
                        help="also a project with at least this many facts (default 10,000; 0: none)")
    parser.add_argument("--runs", type=int, help="runs per measurement (default 3; median reported)")
    parser.add_argument("--no-pelican", action="store_true", help="skip the Pelican builds")
    parser.add_argument("--no-preview", action="store_true", help="skip the live preview at 1,000 articles")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and print where")
    parser.add_argument("--update-readme", action="store_true", help="write the table into bench/README.md")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in (args.sizes or ("5,1000" if args.quick else "5,100,1000")).split(",")]
    if args.facts:
        sizes.append(articles_for_facts(args.facts))
    runs = args.runs or (1 if args.quick else 3)
    pelican = None if args.no_pelican else ensure_pelican()
    # Not the system temporary folder: where that is a watched or slower mount, both
    # tools would be timed on its file creation rather than on their own work.
    (HERE / "out").mkdir(exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="fuling-bench-", dir=HERE / "out"))
    rows: list[Row] = []
    load_before = load_average()
    preview_s = None
    try:
        for n in sizes:
            print(f"{n} articles: generating", file=sys.stderr, flush=True)
            articles = make_corpus(scratch / f"n{n}" / "ours", n, REPO)
            if pelican:
                make_pelican_project(scratch / f"n{n}" / "pelican", articles)
            ours, peer = bench_size(scratch / f"n{n}" / "ours", scratch / f"n{n}" / "pelican", n, runs, pelican)
            rows += [ours] + ([peer] if peer else [])
            print(f"{n} articles: full {fmt(ours.median('full'))} s"
                  + (f", Pelican {fmt(peer.median('full'))} s" if peer else ""), file=sys.stderr, flush=True)
        if 1000 in sizes and not args.no_preview:
            print("1000 articles: the live preview", file=sys.stderr, flush=True)
            preview_s = bench_preview(1000)
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
        final_line(rows, preview_s),
        "```",
    ])
    if args.update_readme:
        update_readme(report)
    print(table(rows))
    print()
    print(breakdown(rows))
    print(final_line(rows, preview_s))
    return 0


if __name__ == "__main__":
    sys.exit(main())
