"""Run the stages in order: load → charts → render + exports + previews → search + publish → write.

Everything is built in memory first; `out` is touched only by the final
write, so any error (content, template, chart) leaves the previous site as
it was. The build reads `content/` and `templates/` only, never `seeds/`.
"""
from __future__ import annotations

import functools
import time
import traceback
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fuling.core.errors import BuildError, ContentError
from fuling.core.files import disk_full
from fuling.core.memo import NO_MEMO, Memo
from fuling.core.options import BuildOptions
from fuling.core.reporter import Reporter
from fuling.core.urls import is_site_root

if TYPE_CHECKING:  # the stages are imported when used: a no-op rebuild needs none of them
    from fuling.build.resident import Resident
    from fuling.core.model import Site

PROJECT_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@dataclass
class BuildResult:
    pages: int
    charts: int
    facts: int
    files: int
    seconds: float
    written: int = 0  # files whose bytes changed in the output (0 for a build that found nothing to do)
    pending_index: PendingIndex | None = None  # build_site(index_later=True): the search index still being made

    @property
    def summary(self) -> str:
        return f"{self.pages} pages, {self.charts} charts, {self.facts} facts, {self.seconds:.2f} s"


def templates_for(root: Path) -> Path:
    """The project's `templates/`; a content-only project (a test fixture) borrows this package's."""
    own = Path(root) / "templates"
    return own if own.is_dir() else PROJECT_TEMPLATES


def _disk_full_error(exc: OSError, root: Path) -> BuildError:
    where = Path(exc.filename).resolve() if exc.filename else None
    shown = f"could not write {_shown(where, root)}" if where else "a write found no room"
    return BuildError([ContentError("disk full", 0, "", f"{shown} ({exc.strerror or 'no space left'}); the site and "
                                                        f"the build cache are as they were: free some space and "
                                                        f"build again")])


def disk_full_is_an_error(build):
    """A full disk anywhere in `build` (site files, the cache, the search records, the
    exports' scratch files) ends it with one line, not a traceback. Every writer leaves
    what it had before in place (fuling/core/files.py, fuling/build/write.py)."""
    @functools.wraps(build)
    def guarded(root, *args, **kwargs):
        try:
            return build(root, *args, **kwargs)
        except OSError as exc:
            if disk_full(exc):
                raise _disk_full_error(exc, Path(root).resolve()) from None
            raise
    return guarded


def check_site(root: Path, site_url: str | None = None, reporter: Reporter | None = None,
               memo: Memo = NO_MEMO, strict: bool = False) -> Site:
    """Load and validate only; raises BuildError listing every problem (with `strict`, also
    every proposed fact that waits for review)."""
    from fuling.load.site import load_site

    reporter = reporter or Reporter()
    started = time.perf_counter()
    site = load_site(Path(root), site_url=site_url, progress=reporter.progress, memo=memo)
    reporter.stage("load", f"{len(site.articles)} articles, {len(site.facts)} facts, {len(site.metrics)} metrics, "
                           f"{len(site.themes)} themes, {len(site.charts)} charts ({time.perf_counter() - started:.2f} s)")
    for first, second, why in site.conflicts:
        reporter.warn(f"conflicting figures: {first} / {second}: {why}")
    for warning in site.warnings:
        reporter.warn(warning)
    if site.waiting:
        waiting = [ContentError(f.path, f.line, "reviewed", f"proposed fact {fid!r} waits for review; check it against "
                                "its quote and set reviewed: true (or delete the record)") for fid, f in site.waiting.items()]
        if strict:
            raise BuildError(waiting)
        files = Counter(f.path for f in site.waiting.values())
        reporter.warn(f"{len(site.waiting)} proposed facts wait for review and are not published: "
                      + ", ".join(f"{path} ({count})" for path, count in sorted(files.items())))
    return site


def build_files(root: Path, site_url: str | None = None, reporter: Reporter | None = None,
                templates_dir: Path | None = None, options: BuildOptions | None = None,
                resident: Resident | None = None) -> tuple[Site, dict, dict[str, bytes]]:
    """Everything the site consists of, in memory: (site, charts, output path -> bytes)."""
    reporter = reporter or Reporter()
    options = options or BuildOptions.from_environment()
    site, charts, files, search = start_build(root, site_url, reporter, templates_dir, options=options,
                                              resident=resident)
    return site, charts, with_index(files, wait_for_index(search, reporter))


def start_build(root: Path, site_url: str | None, reporter: Reporter, templates_dir: Path | None = None,
                memo: Memo = NO_MEMO, options: BuildOptions = BuildOptions(), resident: Resident | None = None):
    """(site, charts, the published files but the search index, the SearchIndexRun making it)."""
    from fuling.build.resident import Resident
    from fuling.charts.figures import build_charts
    from fuling.core.parallel import in_background
    from fuling.outputs.exports import export_data
    from fuling.outputs.feeds import feeds_and_crawler_files
    from fuling.outputs.publish import publish
    from fuling.outputs.search import start_search_index

    root = Path(root)
    keeps = resident is not None  # the caller keeps what this build leaves (the live preview)
    resident = resident or Resident()
    site = check_site(root, site_url, reporter, memo, strict=options.strict)

    started = time.perf_counter()
    charts = build_charts(site, memo)
    reporter.stage("charts", f"{len(charts)} charts ({time.perf_counter() - started:.2f} s)")

    started = time.perf_counter()
    templates = Path(templates_dir) if templates_dir else templates_for(root)
    plan, pictures = _start_previews(site, charts, templates, reporter, memo, options, resident)  # drawn in a Chromium meanwhile
    exports = in_background(export_data, site, charts, serial=options.serial)  # data files on a second core meanwhile
    searched: dict[str, bytes] = {}  # the pages the search index was started from
    search = None

    def start_search(pages: dict[str, bytes]) -> None:
        # Pagefind indexes the pages it reads in a process of its own from as soon as they are
        # rendered, while the other pages render and the rest is gathered and published.
        nonlocal search
        search = start_search_index(site, pages, memo, binary=options.pagefind_binary, memory=resident.indexes)
        searched.update(pages)

    rendered = []  # the render context, kept by a caller that keeps what builds leave

    try:
        pages = _render(site, charts, templates, root, exports.result, plan, reporter, on_searched_pages=start_search,
                        memo=memo, serial=options.serial, on_context=rendered.append if keeps else None)
        reporter.stage("render", f"{len(pages)} files ({time.perf_counter() - started:.2f} s)")
        if not searched:  # no generator marked `searched` (a test's own set)
            start_search(pages)
        _check_searched(searched, pages)
        data = {**_gather(exports, pictures, reporter), **feeds_and_crawler_files(site, pages)}
        clashes = sorted(set(pages) & set(data))
        if clashes:
            raise BuildError([ContentError(name, 0, "", "produced by both render and exports") for name in clashes])

        started = time.perf_counter()
        files = publish({**pages, **data}, progress=reporter.progress, memo=memo)
        reporter.stage("publish", f"{sum(1 for p in files if p.endswith('.gz'))} files pre-compressed, "
                                  f"assets under content-hashed names ({time.perf_counter() - started:.2f} s)")
        if rendered:
            resident.keep_model(site, rendered[0])
    except BaseException:
        for job in (exports, pictures, search):
            if job is not None:
                job.cancel()
        raise
    finally:
        if not keeps:  # a Chromium kept open for this build alone is closed with it
            resident.close()
    return site, charts, files, search


def wait_for_index(search, reporter: Reporter) -> dict[str, bytes]:
    """The search index's files, once Pagefind is done."""
    started = time.perf_counter()
    if not search.done():  # at 1,000 articles this is seconds of silence otherwise
        reporter.info(f"waiting for Pagefind to index {search.records} records …")
    try:
        index = search.result()
    except BaseException:
        search.cancel()
        raise
    parts = f", {search.reindexed} of {search.parts} parts indexed" if search.parts > 1 else ""
    reporter.stage("search", f"{search.records} records ({search.written} rewritten{parts}), {len(index)} index files "
                             f"({time.perf_counter() - started:.2f} s waited after publish)")
    return index


def with_index(files: dict[str, bytes], index: dict[str, bytes]) -> dict[str, bytes]:
    """The site's files and the search index's. The index names no asset of the site:
    it only needs its compressed copies."""
    from fuling.outputs.publish import precompress

    return dict(sorted({**files, **precompress(index)}.items()))


def _check_searched(searched: dict[str, bytes], pages: dict[str, bytes]) -> None:
    """The search index started from every page it reads, as it is in the end: a generator
    writing such pages without its `searched` mark would leave them out."""
    from fuling.outputs.search import INDEXED

    late = sorted(path for path, data in pages.items() if INDEXED.match(path) and searched.get(path) != data)
    if late:
        raise ValueError(f"{late[0]} was rendered after the search index started: mark its generator `searched`")


def _gather(exports, pictures, reporter: Reporter) -> dict[str, bytes]:
    """The data files and the chart pictures, made while render ran."""
    started = time.perf_counter()
    data = exports.result()
    reporter.stage("exports", f"{len(data)} data files ({time.perf_counter() - started:.2f} s)")
    if pictures is None:
        return data
    started = time.perf_counter()
    drawn = len(pictures.missing)
    images = pictures.result()
    reporter.stage("previews", f"{len(images)} chart pictures, {drawn} drawn, {len(images) - drawn} unchanged "
                               f"({time.perf_counter() - started:.2f} s waited after render)")
    return {**data, **images}


@disk_full_is_an_error
def build_site(root: Path, out: Path, site_url: str | None = None, reporter: Reporter | None = None,
               templates_dir: Path | None = None, index_later: bool = False,
               options: BuildOptions | None = None, resident: Resident | None = None) -> BuildResult:
    """Build `root`'s content into `out`; raises BuildError before touching `out` on any error.

    `index_later` (the live preview): when Pagefind is still indexing once the rest is
    published and this process made an index of the project before, `out` gets the new
    pages with that previous index at once, and `result.pending_index` finishes the
    build (the new index swapped in, the build cache saved) or drops it.
    `options` default to the environment's (BuildOptions.from_environment); `resident` is what
    the caller keeps between its builds (the live preview's pictures, Chromium and indexes).
    """
    reporter = reporter or Reporter()
    options = options or BuildOptions.from_environment()
    started = time.perf_counter()
    root, out = Path(root).resolve(), Path(out).resolve()
    _check_out(root, out)
    templates = Path(templates_dir).resolve() if templates_dir else templates_for(root)
    state = build_state(root, out, templates, site_url, options)
    if state is not None and state.up_to_date():
        last = state.previous_result
        reporter.stage("cache", f"no input changed since the last build: {out.name}/ is up to date")
        result = BuildResult(pages=last.get("pages", 0), charts=last.get("charts", 0), facts=last.get("facts", 0),
                             files=last.get("files", 0), seconds=time.perf_counter() - started)
        reporter.summary(result.pages, result.charts, result.facts, result.seconds)
        return result
    site, charts, files, search = start_build(root, site_url, reporter, templates, memo=state or NO_MEMO,
                                              options=options, resident=resident)
    later = index_later and search.previous is not None and not search.done()
    try:
        written = with_index(files, search.previous if later else wait_for_index(search, reporter))
        write_stats = _write(written, out, root, reporter)
    except BaseException:
        search.cancel()
        raise
    result = BuildResult(pages=sum(1 for name in files if name.endswith(".html")), charts=len(charts),
                         facts=len(site.facts), files=len(written), seconds=time.perf_counter() - started,
                         written=write_stats.written)
    if later:
        reporter.stage("search", f"Pagefind is still indexing {search.records} records; "
                                 f"{out.name}/ has the previous search index until it is done")
        result.pending_index = PendingIndex(search, files, out, root, state, result, reporter)
    elif state is not None:
        _save_state(state, result, reporter, out, write_stats)
    reporter.summary(result.pages, result.charts, result.facts, result.seconds)
    return result


class PendingIndex:
    """The rest of a build made with `index_later`: the new search index, still being made."""

    def __init__(self, search, files: dict[str, bytes], out: Path, root: Path, state, result: BuildResult,
                 reporter: Reporter):
        self.search, self.files, self.out, self.root = search, files, out, root
        self.state, self.result, self.reporter = state, result, reporter

    def done(self) -> bool:
        return self.search.done()

    def finish(self) -> None:
        """Wait for Pagefind, swap the site with the new index in, save the build cache."""
        try:
            written = with_index(self.files, wait_for_index(self.search, self.reporter))
            write_stats = _write(written, self.out, self.root, self.reporter)
            self.result.files = len(written)
            if self.state is not None:
                _save_state(self.state, self.result, self.reporter, self.out, write_stats)
        except OSError as exc:
            if disk_full(exc):
                raise _disk_full_error(exc, self.root) from None
            raise

    def cancel(self) -> None:
        """Drop it (another change came): the build cache is not saved, so the next build
        starts from the last one that finished."""
        self.search.cancel()


def _write(files: dict[str, bytes], out: Path, root: Path, reporter: Reporter):
    """Replace `out` with `files`; what was written (fuling.build.write.WriteStats)."""
    from fuling.build.write import write_site

    # The folder is replaced as a whole: never over files that no build of ours writes.
    produced = {name.split("/", 1)[0] for name in files}
    foreign = sorted(p.name for p in out.iterdir() if p.name not in produced and not is_site_root(p.name)) \
        if out.is_dir() else []
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        raise BuildError([ContentError(_shown(out, root), 0, "", f"holds {shown}, which this build did not write and "
                                       "would delete; build into an empty folder (e.g. --out site/) and copy the "
                                       "result into the publishing checkout, or move them away; nothing was written")])
    try:
        return write_site(files, out, reporter)
    except OSError as exc:  # disk full, permissions: the previous site is still in place
        if disk_full(exc):
            raise _disk_full_error(exc, root) from None
        raise BuildError([ContentError(_shown(out, root), 0, "", f"could not write the site ({exc.strerror or exc}); the previous site is unchanged")]) from exc


def _save_state(state, result: BuildResult, reporter: Reporter, out: Path, written) -> None:
    """Save the build cache; if that fails, put the previous site back, so site/ and the
    cache still go together (`written`: what _write did)."""
    from fuling.build.write import undo_swap

    try:
        state.save({"pages": result.pages, "charts": result.charts, "facts": result.facts, "files": result.files})
    except OSError:
        undo_swap(out, written)
        raise
    reporter.stage("cache", state.describe())




def build_state(root: Path, out: Path, templates: Path, site_url: str | None, options: BuildOptions):
    """The build cache (fuling.build.cache), for builds into the project (site/ by default).

    Its state lives in the project's `.cache/`, so a build of some other
    folder's content into a scratch output (tests, previews of fixtures)
    neither reads nor leaves state there. `FULING_NO_CACHE=1` (options.use_cache) turns it off.
    """
    from fuling.build.cache import BuildState
    from fuling.charts.chromium import find_browser

    if not options.use_cache or root not in out.parents:
        return None
    return BuildState.begin(root, out, templates, site_url, chart_browser=find_browser(options))


def _check_out(root: Path, out: Path) -> None:
    """Refuse an output folder whose replacement would destroy the project or its content."""
    protected = [root, root / "content", root / "templates", root / "seeds", root / "fuling"]
    if any(out == p or out in p.parents for p in protected) or any(p in out.parents for p in protected[1:]):
        raise BuildError([ContentError("--out", 0, "", f"{_shown(out, root)} would replace project files; choose a separate output folder such as site/")])


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def _start_previews(site: Site, charts: dict, templates: Path, reporter: Reporter, memo: Memo, options: BuildOptions,
                    resident: Resident):
    """(each chart's pictures, share card and downloads and the site's share card, the batch drawing
    them), or ({}, None) without a Chromium (fuling.charts.pictures, fuling.charts.cards)."""
    from fuling.charts.cards import chart_cards, site_card_figure
    from fuling.charts.chromium import find_browser
    from fuling.charts.pictures import PreviewBatch, plan_previews

    if not charts:
        return {}, None
    browser = find_browser(options)
    if browser is None:
        reporter.warn("chart pictures: no Chromium found (or FULING_CHART_PREVIEWS=0); every chart will be "
                      "drawn by plotly.js in the reader's browser. Install chromium or set BROWSER_PATH.")
        return {}, None
    from fuling.charts.style import plotly_js_file

    plotly_js = plotly_js_file(templates)
    cards = {chart_id: chart_cards(chart, site) for chart_id, chart in charts.items()}
    site_card = site_card_figure(site, len(charts))
    plan = plan_previews(charts, plotly_js, cards, site_card)
    batch = PreviewBatch(plan, charts, plotly_js, browser, memo, serial=options.serial, memory=resident.pictures,
                         cards=cards, site_card=site_card)
    if batch.missing:  # a cold build waits seconds for them after render: say what is going on
        reporter.info(f"drawing {len(batch.missing)} chart pictures in Chromium beside render …")
    return plan, batch


def _render(site: Site, charts: dict, templates: Path, root: Path, exports, previews, reporter: Reporter,
            on_searched_pages=None, memo: Memo = NO_MEMO, serial: bool = False, on_context=None) -> dict[str, bytes]:
    """render_site, with template mistakes turned into `templates/<name>:line` errors."""
    import jinja2

    from fuling.site.render import render_site

    try:
        return render_site(site, charts, templates, reporter=reporter, exports=exports, previews=previews,
                           on_searched_pages=on_searched_pages, memo=memo, serial=serial, on_context=on_context)
    except jinja2.TemplateSyntaxError as exc:
        name = _template_path(exc.filename, exc.name, templates, root)
        raise BuildError([ContentError(name, exc.lineno or 0, "", f"template syntax error: {exc.message}")]) from exc
    except jinja2.TemplateError as exc:
        # runtime template errors (undefined names, filters): the traceback has the template's frame and line
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            frame_path = Path(frame.filename)
            if templates in frame_path.parents:
                name = _template_path(str(frame_path), None, templates, root)
                raise BuildError([ContentError(name, frame.lineno or 0, "", f"template error: {exc}")]) from exc
        raise BuildError([ContentError(_shown(templates, root), 0, "", f"template error: {exc}")]) from exc


def _template_path(filename: str | None, name: str | None, templates: Path, root: Path) -> str:
    if filename:
        path = Path(filename).resolve()
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            try:
                return "templates/" + path.relative_to(templates.resolve()).as_posix()
            except ValueError:
                pass
    return f"templates/{name}" if name else "templates"
