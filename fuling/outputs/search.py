"""Full-text search as static files: a Pagefind index over the rendered pages.

Pagefind's extended binary (PyPI `pagefind[extended]`, run as its command
line) segments Chinese into words when it indexes (the plain binary does
not). The index is built from the rendered HTML: the records are files
Pagefind reads (kept in the build cache's `search-records/` between builds,
only changed ones rewritten; a temporary folder when there is no cache), its
output goes to a temporary folder (in memory where there is room) and is read
back into the build's in-memory output, so it reaches `site/` atomically with
every other file. Pagefind runs in a process of its own while the build goes
on (SearchIndexRun); the pipeline starts it as soon as the pages it reads are
rendered.

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
from fuling.core.urls import fact_url

OUTPUT = "pagefind"
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


class SearchIndexRun:
    """Pagefind indexing the records in a process of its own, started at once: the build
    publishes the rest of the site meanwhile (Pagefind keeps mostly to one core).
    `result()` waits for it and returns the index files; `cancel()` stops it.

    With a `memo_key`, an index `memory` already holds for the same records is reused
    (the live preview's rebuilds) and a new one is remembered there."""

    def __init__(self, items: list[tuple[str, str]], scratch: str | None = None, memo_key: str | None = None,
                 binary: str | None = None, memory: IndexMemory | None = None):
        self.records = len(items)
        self.written = 0  # record files written; the others were kept from the last build
        binary = pagefind_binary(binary)  # a missing binary is an error even when the memo has the index
        self._memo_key = memo_key
        self._scratch = scratch
        self._memory = memory or IndexMemory()
        # The last index made for the same project (the live preview shows it meanwhile).
        self.previous = self._memory.latest.get(scratch) if scratch else None
        self._files = self._memory.indexes.get(memo_key) if memo_key else None
        self._process: subprocess.Popen | None = None
        self._held = contextlib.ExitStack()  # the temporary folder and the records' lock, until Pagefind is done
        if self._files is not None:
            return
        try:
            if scratch:
                pages = Path(scratch) / RECORDS
            else:
                pages = Path(self._held.enter_context(tempfile.TemporaryDirectory(prefix="pagefind-"))) / "pages"
            folder = self._held.enter_context(tempfile.TemporaryDirectory(
                prefix=f"{OUTPUT_PREFIX}{os.getpid()}-", dir=_output_dir(items, scratch)))
            self._out = Path(folder) / "index"
            self._held.enter_context(exclusive(pages.with_name(pages.name + ".lock")))  # the live preview and a build on the command line share it
            self.written = sync_records(pages, items)
            self._process = subprocess.Popen(
                [str(binary), "--site", str(pages), "--output-path", str(self._out), *PAGEFIND_OPTIONS],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        except BaseException:
            self._held.close()
            raise

    def result(self) -> dict[str, bytes]:
        if self._files is None:
            try:
                stdout, stderr = self._process.communicate()
                if self._process.returncode != 0:
                    if "No space left on device" in stderr + stdout:
                        raise OSError(errno.ENOSPC, "No space left on device", str(self._out))
                    why = (stderr or stdout).strip().splitlines()[-1:] or [f"exit status {self._process.returncode}"]
                    raise BuildError([ContentError(OUTPUT, 0, "", f"Pagefind could not index the site: {why[0]}")])
                names = ((p, p.relative_to(self._out).as_posix()) for p in sorted(self._out.rglob("*")) if p.is_file())
                self._files = {f"{OUTPUT}/{name}": p.read_bytes() for p, name in names if KEEP.match(name)}
            finally:
                self._held.close()
            if self._memo_key:
                self._memory.remember(self._memo_key, self._files)
        if self._scratch:
            self._memory.latest[self._scratch] = self._files
        return dict(self._files)

    def done(self) -> bool:
        """True once `result()` would not wait."""
        return self._files is not None or (self._process is not None and self._process.poll() is not None)

    def cancel(self) -> None:
        """Stop Pagefind (the build failed elsewhere); safe to call more than once."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._held.close()


class IndexMemory:
    """Indexes kept by a process that builds again and again (the live preview): the same
    records give the same index (tested), so a rebuild skips Pagefind when no indexed page
    changed, and the last index of each project is there to serve while a new one is made."""

    KEEP = 4  # indexes, oldest first out

    def __init__(self) -> None:
        self.indexes: dict[str, dict[str, bytes]] = {}  # digest of the records -> index files
        self.latest: dict[str, dict[str, bytes]] = {}  # build cache folder -> the last index made for that project

    def remember(self, key: str, files: dict[str, bytes]) -> None:
        self.indexes[key] = files
        while len(self.indexes) > self.KEEP:
            self.indexes.pop(next(iter(self.indexes)))


def start_search_index(site: Site, pages: dict[str, bytes], memo: Memo = NO_MEMO,
                       binary: str | None = None, memory: IndexMemory | None = None) -> SearchIndexRun:
    """`pagefind/…`, the search index over the rendered pages and the facts, started now.
    Pagefind reads its records from `memo`'s scratch folder when it has one (else a temporary one)."""
    items = records(site, pages)
    key = hashlib.sha256(repr(items).encode("utf-8")).hexdigest()
    return SearchIndexRun(items, memo.scratch_folder(), memo_key=key, binary=binary, memory=memory)
