"""Full-text search as static files: a Pagefind index over the rendered pages.

Pagefind's extended binary (PyPI `pagefind[extended]`, run as its command
line) segments Chinese into words when it indexes (the plain binary does
not). The index is built from the rendered HTML: the records are files
Pagefind reads (kept in the build cache's `search-records/` between builds,
only changed ones rewritten; a temporary folder when there is no cache), its
output goes to a temporary folder (in memory where there is room) and is read
back into the build's in-memory output, so it reaches `site/` atomically with
every other file. Pagefind runs in processes of its own while the build goes
on (SearchIndexRun); the pipeline starts them as soon as the pages they read are
rendered. A large site's index is made in parts (fuling.core.searchparts), each
kept by the build cache under a digest of its records, so that an edit
re-indexes the part it touched.

What is indexed:
- article, theme and chart pages (their `<main>`; the embed-code box left out);
- one record per fact, made from the fact itself, with its value, subject,
  period and source as metadata, so a result shows the number and where it
  was printed. Its URL is the fact's row on the facts page.

Only `data-pagefind-meta` is used, no `data-pagefind-filter`: Pagefind
(1.5) writes its filter files in a different order on every run, and the
build must give the same bytes for the same content.
"""
from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from fuling.core.errors import BuildError, ContentError
from fuling.core.facts import describe_fact, explorer_pages
from fuling.core.files import named, write_atomically
from fuling.core.locking import exclusive
from fuling.core.memo import NO_MEMO, Memo
from fuling.core.model import Fact, Site
from fuling.core.parallel import process_alive
from fuling.core.periods import date_label
from fuling.core.searchparts import article_part, site_parts
from fuling.core.urls import fact_url, search_index

OUTPUT = search_index().rstrip("/")
LANGUAGE = "zh-cn"
# Pagefind's own UI bundles and the playground are not used: the site has its
# own small search script (assets/search.js) over pagefind.js.
KEEP = re.compile(r"^(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|wasm\.[\w-]+\.pagefind|pagefind\.[\w-]+\.pf_meta|(fragment|index|filter)/.+)$")
INDEXED = re.compile(r"^(articles|themes|charts)/[^/]+/index\.html$")
PAGE_TYPES = {"articles": "文章", "themes": "主题", "charts": "图表"}
FACT_TYPE = "数字"
_MAIN = re.compile(r"<main\b[^>]*>", re.I)


def _page_record(path: str, html: str) -> str | None:
    """The page as Pagefind should read it: a filter naming its kind, injected
    into <main> (only in the copy given to Pagefind, never into the site)."""
    match = _MAIN.search(html)
    if not match:
        return None
    kind = PAGE_TYPES[path.split("/", 1)[0]]
    tag = f'<span data-pagefind-meta="type:{kind}"></span>'
    return html[: match.end()] + tag + html[match.end():]


def fact_record(site: Site, fact: Fact, page: int = 1) -> str:
    """A small HTML document for one fact: what Pagefind indexes and shows; `page`: the
    explorer page holding its row (core.facts.explorer_pages)."""
    described = describe_fact(fact, site)
    article = described.article
    source = f"《{article.title}》，{date_label(article.date)}" if article else fact.source.article
    value = described.display
    title = described.headline
    meta = {"type": FACT_TYPE, "url": "/" + fact_url(fact.id, page), "value": value, "source": source,
            "quote": fact.source.quote}
    if described.theme in site.themes:
        meta["theme"] = described.theme_title
    # Inside <main>: Pagefind reads only the root selector's element.
    metas = "".join(f'<meta data-pagefind-meta="{k}[content]" content="{escape(v)}">' for k, v in meta.items())
    return (
        f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title></head>'
        f"<body><main>{metas}<h1>{escape(title)}</h1><p>{escape(value)}</p>"
        f"<blockquote>{escape(fact.source.quote)}</blockquote>"
        f"<p>{escape(source)}</p><p>{escape(fact.note)}</p></main></body></html>"
    )


def records(site: Site, pages: dict[str, bytes]) -> list[tuple[str, str]]:
    """(file path for Pagefind, HTML) for everything indexed.

    A fact's record carries its real URL (its row on the facts page) as the
    `url` metadata, which assets/search.js links to.
    """
    found: list[tuple[str, str]] = []
    for path in sorted(pages):
        if INDEXED.match(path):
            html = _page_record(path, pages[path].decode("utf-8"))
            if html:
                found.append((path, html))
    pages = explorer_pages(site)
    for fact_id in sorted(site.facts):
        found.append((f"fact/{fact_id}.html", fact_record(site, site.facts[fact_id], pages.get(fact_id, 1))))
    return found


RECORDS = "search-records"  # in the build cache's folder: the records as Pagefind reads them, kept between builds
MEMORY_FOLDER = "/dev/shm"  # Linux's memory-backed folder, where there is one


def _output_dir(items: list[tuple[str, str]], scratch: str | None) -> str | None:
    """Where Pagefind writes the index before it is read back: a memory-backed folder
    when there is one with room to spare, else beside the records. Pagefind writes a
    file per record; at 1,000 articles (8,144 files, 8.7 MB) writing them on disk took
    11.0 and 12.0 s against 8.3 and 9.9 s in /dev/shm (the difference is system time).
    The room asked for is the records' size and more (the index is about a third of
    it), so a container's small /dev/shm (64 MB by default) is passed over when full."""
    needed = sum(len(html) for _, html in items) * 3 + (16 << 20)  # at most 3 UTF-8 bytes a character
    chosen = MEMORY_FOLDER if _has_room(MEMORY_FOLDER, needed) else scratch
    if chosen:
        _remove_leftovers(chosen)
    return chosen


def _has_room(folder: str, needed: int) -> bool:
    try:
        room = os.statvfs(folder)
    except OSError:
        return False
    return room.f_bavail * room.f_frsize >= needed and os.access(folder, os.W_OK | os.X_OK)


OUTPUT_PREFIX = "pagefind-index-"


def _remove_leftovers(folder: str) -> None:
    """Index folders of builds that were killed (named after their process): in a
    memory-backed folder they would hold memory until the machine restarts."""
    for leftover in Path(folder).glob(f"{OUTPUT_PREFIX}*-*"):
        pid = leftover.name[len(OUTPUT_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def sync_records(folder: Path, items: list[tuple[str, str]]) -> int:
    """Make `folder` hold exactly these records, writing only the ones that changed since
    the last build, and return how many were written. Creating thousands of small files is
    much of the cost on a slow disk (1,000 articles: 8,042 records, about 3 s), and an edit
    changes a few. `<folder>.json` lists each record's digest; it is removed before the
    folder is touched and written again after, so an interrupted build leaves no list
    that could be trusted and the next one writes everything again."""
    listing = folder.with_name(folder.name + ".json")
    try:
        known = json.loads(listing.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = None
    listing.unlink(missing_ok=True)
    if not isinstance(known, dict) or not folder.is_dir():  # no list, or no folder to go with it
        shutil.rmtree(folder, ignore_errors=True)
        known = {}
    wanted = {path: hashlib.blake2b(html.encode("utf-8"), digest_size=16).hexdigest() for path, html in items}
    for gone in known.keys() - wanted.keys():
        try:
            os.unlink(os.path.join(folder, gone))
        except FileNotFoundError:
            pass
    made: set[str] = set()
    written = 0
    for path, html in items:
        if known.get(path) == wanted[path]:
            continue
        target = os.path.join(folder, path)
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        try:
            with open(target, "w", encoding="utf-8") as handle:
                handle.write(html)
        except OSError as exc:
            raise named(exc, target) from None
        written += 1
    write_atomically(listing, json.dumps(wanted, sort_keys=True).encode("utf-8"))
    return written


# Pagefind's settings, as its command line takes them.
PAGEFIND_OPTIONS = [
    "--root-selector", "main",
    "--exclude-selectors", ".share, .skip-link, script, noscript, [data-pagefind-ignore]",
    "--force-language", LANGUAGE,
    "--keep-index-url",  # links keep index.html, so results open from disk too
    "--quiet",
]


def pagefind_binary(named: str | None = None) -> Path:
    """The extended Pagefind binary: only it segments Chinese into words.

    Found as Pagefind's Python package finds it (`named`: PAGEFIND_BINARY_PATH, the
    `pagefind_bin_extended` wheel, `pagefind_extended` on PATH), without importing
    that package's service client, which brings asyncio (~40 ms of every build)."""
    if named:
        binary: Path | None = Path(named)
    else:
        try:
            from pagefind_bin_extended import get_executable
        except ImportError:
            on_path = shutil.which("pagefind_extended")
            binary = Path(on_path) if on_path else None
        else:
            binary = get_executable()
    if binary is None or "extended" not in binary.name:
        raise BuildError([ContentError("pyproject.toml", 0, "pagefind[extended]",
                                       "the extended Pagefind binary is not installed; run `make .venv/.installed-stamp`")])
    return binary


@dataclass(frozen=True)
class IndexPart:
    """One part of the search index (fuling.core.searchparts) and the records it indexes."""
    number: int
    items: tuple[tuple[str, str], ...]
    key: str  # digest of the records: the same records give the same index (tested)

    @classmethod
    def of(cls, number: int, items: list[tuple[str, str]]) -> IndexPart:
        return cls(number, tuple(items), hashlib.sha256(repr(list(items)).encode("utf-8")).hexdigest())

    @property
    def folder(self) -> str:
        return search_index(self.number)


def split_records(site: Site, items: list[tuple[str, str]]) -> list[IndexPart]:
    """The records by part: an article's page and its facts in its article part, the
    other pages in part 0 (the whole index when there is one part)."""
    parts, numbers = site_parts(site)
    grouped: dict[int, list[tuple[str, str]]] = {number: [] for number in numbers}
    for path, html in items:
        article = _article_of(site, path)
        number = article_part(article, parts) if article in site.articles else 0
        grouped[number].append((path, html))  # an article's part is one the search page merges (site_parts)
    return [IndexPart.of(number, found) for number, found in grouped.items()]


def _article_of(site: Site, path: str) -> str | None:
    """The slug of the article a record belongs to: its page's, or its fact's source article."""
    if path.startswith("articles/"):
        return path.split("/")[1]
    if path.startswith("fact/"):
        fact = site.facts.get(path[len("fact/"):-len(".html")])
        return fact.source.article if fact is not None else None
    return None


class _PartRun:
    """Pagefind indexing one part's records, in a process of its own."""

    def __init__(self, part: IndexPart, scratch: str | None, out_dir: str | None, binary: Path,
                 held: contextlib.ExitStack):
        self.part = part
        name = RECORDS if part.number == 0 else f"{RECORDS}-{part.number}"
        if scratch:
            pages = Path(scratch) / name
        else:
            pages = Path(held.enter_context(tempfile.TemporaryDirectory(prefix="pagefind-"))) / "pages"
        folder = held.enter_context(tempfile.TemporaryDirectory(
            prefix=f"{OUTPUT_PREFIX}{os.getpid()}-", dir=out_dir))
        self.out = Path(folder) / "index"
        held.enter_context(exclusive(pages.with_name(pages.name + ".lock")))  # the live preview and a build on the command line share it
        self.written = sync_records(pages, part.items)
        self.process = subprocess.Popen(
            [str(binary), "--site", str(pages), "--output-path", str(self.out), *PAGEFIND_OPTIONS],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def files(self) -> dict[str, bytes]:
        """Wait for Pagefind; the index files under the part's folder."""
        stdout, stderr = self.process.communicate()
        if self.process.returncode != 0:
            if "No space left on device" in stderr + stdout:
                raise OSError(errno.ENOSPC, "No space left on device", str(self.out))
            why = (stderr or stdout).strip().splitlines()[-1:] or [f"exit status {self.process.returncode}"]
            raise BuildError([ContentError(OUTPUT, 0, "", f"Pagefind could not index the site: {why[0]}")])
        keep = KEEP if self.part.number == 0 else PART_KEEP
        names = ((p, p.relative_to(self.out).as_posix()) for p in sorted(self.out.rglob("*")) if p.is_file())
        return {f"{self.part.folder}{name}": p.read_bytes() for p, name in names if keep.match(name)}

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


# A part other than the first needs only its own index: the search page's pagefind.js and
# its WebAssembly (the first part's) search every merged part.
PART_KEEP = re.compile(r"^(pagefind-entry\.json|pagefind\.[\w-]+\.pf_meta|(fragment|index)/.+)$")
RUNNING = max(2, os.cpu_count() or 1)  # Pagefind processes at once; the others wait their turn


class SearchIndexRun:
    """The search index, made part by part (fuling.core.searchparts): a part whose records
    are those of an index already made (in this process, or kept by the build cache) is
    reused, the others are indexed by Pagefind in processes of their own, started at once
    (up to RUNNING; the rest as those end) while the build publishes the rest of the site.
    `result()` waits for them and returns the index files; `cancel()` stops them."""

    def __init__(self, parts: list[IndexPart], scratch: str | None = None, binary: str | None = None,
                 memory: IndexMemory | None = None, memo: Memo = NO_MEMO):
        self.records = sum(len(part.items) for part in parts)
        self.parts = len(parts)
        self.written = 0  # record files written; the others were kept from the last build
        self.reindexed = 0  # parts Pagefind indexed this time
        self._binary = pagefind_binary(binary)  # a missing binary is an error even when every part is kept
        self._scratch = scratch
        self._memory = memory or IndexMemory()
        self._memo = memo
        # The last index made for the same project (the live preview shows it meanwhile).
        self.previous = self._memory.latest.get(scratch) if scratch else None
        self._files: dict[str, bytes] = {}
        self._waiting: list[IndexPart] = []
        self._running: list[_PartRun] = []
        self._held = contextlib.ExitStack()  # temporary folders and the records' locks, until Pagefind is done
        for part in parts:
            files = self._memory.indexes.get(part.key) or memo.recalled("search-part", part.key)
            if files is None:
                self._waiting.append(part)
            else:
                self._keep(part, files)
        self._clear_unused_records(parts)
        # Where Pagefind writes: chosen once, with room for every part to be indexed.
        waiting = [item for part in self._waiting for item in part.items]
        self._out_dir = _output_dir(waiting, scratch) if waiting else None
        self._start_waiting()

    def _keep(self, part: IndexPart, files: dict[str, bytes]) -> None:
        self._files.update(files)
        self._memory.remember(part.key, files)
        self._memo.kept("search-part", part.key, files)

    def _start_waiting(self) -> None:
        try:
            while self._waiting and len(self._running) < RUNNING:
                self._running.append(_PartRun(self._waiting.pop(0), self._scratch, self._out_dir, self._binary, self._held))
                self.written += self._running[-1].written
                self.reindexed += 1
        except BaseException:
            self.cancel()
            raise

    def _clear_unused_records(self, parts: list[IndexPart]) -> None:
        """Record folders of parts this site no longer has (it had more, or more parts)."""
        if not self._scratch:
            return
        used = {RECORDS if part.number == 0 else f"{RECORDS}-{part.number}" for part in parts}
        for folder in Path(self._scratch).glob(f"{RECORDS}-*"):
            name = folder.name.removesuffix(".json").removesuffix(".lock")
            if folder.is_dir() and name not in used and name[len(RECORDS) + 1:].isdigit():
                shutil.rmtree(folder, ignore_errors=True)
                folder.with_name(name + ".json").unlink(missing_ok=True)

    def result(self) -> dict[str, bytes]:
        try:
            while self._running:
                run = self._running.pop(0)
                self._keep(run.part, run.files())
                self._start_waiting()
        except BaseException:
            self.cancel()
            raise
        self._held.close()
        if self._scratch:
            self._memory.latest[self._scratch] = dict(self._files)
        return dict(sorted(self._files.items()))

    def done(self) -> bool:
        """True once `result()` would not wait. Asking also starts waiting parts in the
        places of those that ended (the live preview asks while the reader reads)."""
        try:
            for run in [run for run in self._running if run.process.poll() is not None]:
                self._running.remove(run)
                self._keep(run.part, run.files())
        except BaseException:
            self.cancel()
            raise
        self._start_waiting()
        return not self._waiting and not self._running

    def cancel(self) -> None:
        """Stop Pagefind (the build failed elsewhere); safe to call more than once."""
        for run in self._running:
            run.kill()
        self._running, self._waiting = [], []
        self._held.close()


class IndexMemory:
    """Index parts kept by a process that builds again and again (the live preview): the
    same records give the same index (tested), so a rebuild skips Pagefind for every part
    whose records did not change, and the last index of each project is there to serve
    while a new one is made."""

    KEEP = 64  # parts, oldest first out: two versions of each part of a 3,000-article site

    def __init__(self) -> None:
        self.indexes: dict[str, dict[str, bytes]] = {}  # digest of a part's records -> its index files
        self.latest: dict[str, dict[str, bytes]] = {}  # build cache folder -> the last index made for that project

    def remember(self, key: str, files: dict[str, bytes]) -> None:
        self.indexes.pop(key, None)
        self.indexes[key] = files
        while len(self.indexes) > self.KEEP:
            self.indexes.pop(next(iter(self.indexes)))


def start_search_index(site: Site, pages: dict[str, bytes], memo: Memo = NO_MEMO,
                       binary: str | None = None, memory: IndexMemory | None = None) -> SearchIndexRun:
    """`pagefind/…`, the search index over the rendered pages and the facts, started now.
    Pagefind reads its records from `memo`'s scratch folder when it has one (else a temporary one)."""
    return SearchIndexRun(split_records(site, records(site, pages)), memo.scratch_folder(), binary=binary,
                          memory=memory, memo=memo)
