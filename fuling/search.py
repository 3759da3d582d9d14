"""Full-text search as static files: a Pagefind index over the rendered pages, indexed in shards.

Pagefind's extended binary (PyPI `pagefind[extended]`) segments Chinese
into words when it indexes (the plain binary does not). The index is built
from the rendered HTML in memory and returned with every other file, so it
reaches `site/` atomically with them.

What is indexed:
- article, theme and chart pages (their `<main>`; the embed-code box left out);
- one record per fact, made from the fact itself, with its value, subject,
  period and source as metadata, so a result shows the number and where it
  was printed. Its URL is the fact's row on the facts page.

Only `data-pagefind-meta` is used, no `data-pagefind-filter`: Pagefind
(1.5) writes its filter files in a different order on every run, and the
build must give the same bytes for the same content.

**Shards.** Pagefind cannot update an index: any change means indexing every
record again (at 1,000 articles, 8,000 records: 10-14 s and ~630 MB on
every edit). So the records are indexed in shards, each a Pagefind index of
its own, a shard whose records did not change is not indexed again, and the
shards are merged into the one index the site ships:

- *Assignment.* An article's page and its facts (by their source article)
  form one unit, named by the article's slug; a theme or chart page is a
  unit named by its path. A unit's shard is a hash of its name (BLAKE2, not
  Python's salted `hash`) modulo the shard count, so adding or removing an
  article changes its own shard (and those of pages that show it) and moves
  no other unit. Theme and chart pages are hashed like articles rather than
  kept in a shard of their own: at 1,000 articles a theme page lists ~1,200
  facts, and a shard of such pages would be indexed again, at ~1 s, on
  nearly every fact edit.
- *Count.* `shard_count`: one shard up to `ARTICLES_PER_SHARD` articles (the
  real site, 18 articles, is one), then the next power of two of
  articles / `ARTICLES_PER_SHARD` (32 at 1,000). It changes only when the
  number of articles crosses a power-of-two step; then every unit moves and
  everything is indexed once, as in a build from scratch. The shards are
  merged at build time, so their number costs a reader nothing: it only
  trades the size of the shard an edit indexes again (~30 articles and
  ~220 facts at 1,000) against a little work per shard on a full build.
- *Merge.* `fuling/search_merge.py` joins the shards' outputs into the files
  Pagefind itself writes for all the records at once, in shard order: the
  same names and bytes (gzip aside; tested). Not Pagefind's multi-index API
  (`mergeIndex` in the browser): that costs a reader one metadata file and
  one word chunk per shard and query word (at 1,000 articles in 16 shards,
  640 KB per search instead of 200 KB), and each merged index answers on
  its own, falling back to a shorter word when it lacks one, so a rare name
  came back with pages that do not contain it (that module's docstring).
  Files it cannot read (another Pagefind version) make the build index the
  whole site as one, as before.
- *Reuse.* Each shard, as read for merging (its word entries, fragments and
  Pagefind's runtime), is kept in the build cache's folder
  (`.cache/search/<key>.pickle`, while a build state is active, see
  `fuling/cache.py`; the files of shards a build no longer has are deleted)
  and in this process (`_MEMO`, for the preview server and the tests),
  keyed by a BLAKE2 hash of its records (path and the page bytes or fact
  HTML they are made from), the indexing configuration, the Pagefind binary
  (path, size, mtime) and the source of this module and of the merge.
  Pagefind gives the same bytes for the same records (tested), so a reused
  shard is what indexing it again would give. The last merge is kept too
  (`merged.pickle`): when no shard changed it is the output, and otherwise
  its compressed chunks are taken again where their content is unchanged.
  With no build state (`FULING_NO_CACHE=1`, a build into a scratch folder)
  nothing is read from or written to `.cache/`.

**Indexer.** The shards to (re)index are sent to `pagefind --service`
processes, one per core up to two (each holds one shard at a time, then
drops it: peak memory is that of a shard, not of the whole index), spoken
to directly over its pipe protocol (base64 JSON messages ending in a comma,
the protocol the Python and Node APIs use) rather than through
`pagefind.index.PagefindIndex`, whose client waits 0.1 s for each reply
(one reply per record or per request: seconds per shard). Records are sent
with `AddFile` and the index is read back with `GetFiles`, so nothing goes
through the disk; each shard is read for merging in its worker while
Pagefind indexes the next. A process loads its Chinese dictionary once
(~0.35 s) and then indexes any number of shards.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import pickle
import queue
import re
import subprocess
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path

from . import search_merge
from .charts import KIND_LABELS, MEASURE_LABELS, format_fact, period_label
from .errors import BuildError, ContentError
from .model import Fact, Site
from .search_merge import Shard

OUTPUT = "pagefind"
LANGUAGE = "zh-cn"
CONFIG = {
    "root_selector": "main",
    "exclude_selectors": [".share", ".skip-link", "script", "noscript", "[data-pagefind-ignore]"],
    "force_language": LANGUAGE,
    "keep_index_url": True,  # links keep index.html, so results open from disk too
}
# Pagefind's own UI bundles and the playground are not used: the site has its
# own small search script (assets/search.js) over pagefind.js.
KEEP = re.compile(r"^(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|wasm\.[\w-]+\.pagefind|pagefind\.[\w-]+\.pf_meta|(fragment|index|filter)/.+)$")
INDEXED = re.compile(r"^(articles|themes|charts)/[^/]+/index\.html$")
PAGE_TYPES = {"articles": "文章", "themes": "主题", "charts": "图表"}
FACT_TYPE = "数字"
_MAIN = re.compile(r"<main\b[^>]*>", re.I)

ARTICLES_PER_SHARD = 32
# Tests set this to build a small site in several shards; None: by the number of articles.
FORCED_SHARDS: int | None = None
MAX_WORKERS = 2  # Pagefind processes at once (each indexes on one core)
CACHE_FOLDER = "search"
_MEMO_SIZE = 64


# -- records -----------------------------------------------------------------------

def _page_record(path: str, html: str) -> str | None:
    """The page as Pagefind should read it: a filter naming its kind, injected
    into <main> (only in the copy given to Pagefind, never into the site)."""
    match = _MAIN.search(html)
    if not match:
        return None
    kind = PAGE_TYPES[path.split("/", 1)[0]]
    tag = f'<span data-pagefind-meta="type:{kind}"></span>'
    return html[: match.end()] + tag + html[match.end():]


_SPECIAL = re.compile(r"[&<>'\"]")


def escape(text: str) -> str:
    """markupsafe's escaping, without building a Markup object (7,000 facts: a quarter of the time)."""
    text = str(text)
    if not _SPECIAL.search(text):
        return text
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


def fact_record(site: Site, fact: Fact) -> str:
    """A small HTML document for one fact: what Pagefind indexes and shows."""
    return _FactRecords(site).html(fact)


class _FactRecords:
    """fact_record for many facts: what facts share (a metric's label and theme,
    an article's title and date) is worked out once."""

    def __init__(self, site: Site):
        self.site = site
        self._metrics: dict[str, tuple[str, str | None]] = {}
        self._sources: dict[str, str] = {}
        self._periods: dict[str, str] = {}

    def html(self, fact: Fact) -> str:
        site = self.site
        if fact.metric not in self._metrics:
            metric = site.metrics.get(fact.metric)
            theme = site.themes.get(metric.theme) if metric else None
            self._metrics[fact.metric] = (metric.label if metric else fact.metric, theme.title if theme else None)
        label, theme_title = self._metrics[fact.metric]
        slug = fact.source.article
        if slug not in self._sources:
            article = site.articles.get(slug)
            self._sources[slug] = f"《{article.title}》{article.date.isoformat()}" if article else slug
        source = self._sources[slug]
        if fact.period not in self._periods:
            self._periods[fact.period] = period_label(fact.period)
        value = format_fact(fact)
        measure = MEASURE_LABELS.get(fact.measure, "")
        kind = "" if fact.kind == "actual" else f"，{KIND_LABELS.get(fact.kind, fact.kind)}"
        title = escape(f"{fact.subject} {label}{measure}（{self._periods[fact.period]}{kind}）")
        value, source, quote = escape(value), escape(source), escape(fact.source.quote)
        meta = [("type", FACT_TYPE), ("url", f"/facts/index.html#{escape(fact.id)}"), ("value", value),
                ("source", source), ("quote", quote)]
        if theme_title:
            meta.append(("theme", escape(theme_title)))
        # Inside <main>: Pagefind reads only the root selector's element.
        metas = "".join(f'<meta data-pagefind-meta="{k}[content]" content="{v}">' for k, v in meta)
        return (
            f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body><main>{metas}<h1>{title}</h1><p>{value}</p>"
            f"<blockquote>{quote}</blockquote>"
            f"<p>{source}</p><p>{escape(fact.note)}</p></main></body></html>"
        )


def _sources(site: Site, pages: dict[str, bytes]) -> list[tuple[str, bytes | str]]:
    """Each record's path and what it is made from: a page's bytes as rendered
    (the record is `_page_record` of them) or a fact's record HTML."""
    found: list[tuple[str, bytes | str]] = [(path, pages[path]) for path in sorted(pages) if INDEXED.match(path)]
    facts = _FactRecords(site)
    found += [(f"fact/{fact_id}.html", facts.html(site.facts[fact_id])) for fact_id in sorted(site.facts)]
    return found


def _made(sources: list[tuple[str, bytes | str]]) -> list[tuple[str, str]]:
    """The records (path, HTML) from their sources; a page without <main> is left out."""
    found = []
    for path, source in sources:
        html = source if isinstance(source, str) else _page_record(path, source.decode("utf-8"))
        if html:
            found.append((path, html))
    return found


def records(site: Site, pages: dict[str, bytes]) -> list[tuple[str, str]]:
    """(file path for Pagefind, HTML) for everything indexed.

    A fact's record carries its real URL (its row on the facts page) as the
    `url` metadata, which assets/search.js links to.
    """
    return _made(_sources(site, pages))


# -- shards ------------------------------------------------------------------------

def shard_count(articles: int) -> int:
    """1 up to ARTICLES_PER_SHARD articles, then the next power of two of articles / ARTICLES_PER_SHARD."""
    if FORCED_SHARDS is not None:
        return max(1, FORCED_SHARDS)
    count = 1
    while count * ARTICLES_PER_SHARD < articles:
        count *= 2
    return count


def _bucket(unit: str, count: int) -> int:
    return int.from_bytes(hashlib.blake2b(unit.encode("utf-8"), digest_size=8).digest(), "big") % count


def unit_of(site: Site, path: str) -> str:
    """What decides a record's shard: the article slug for an article page and
    its facts, the page path for a theme or chart page."""
    if path.startswith("fact/"):
        fact = site.facts.get(path[len("fact/"):-len(".html")])
        if fact is not None and fact.source.article in site.articles:
            return fact.source.article
        return path
    if path.startswith("articles/"):
        return path.split("/")[1]
    return path


def shard_of(site: Site, path: str) -> int:
    """The shard of the record at `path` (a path from `records`)."""
    count = shard_count(len(site.articles))
    return 0 if count == 1 else _bucket(unit_of(site, path), count)


def split(site: Site, items: list[tuple[str, object]]) -> dict[int, list]:
    """The records (or their sources) of each shard that has any, in shard order."""
    count = shard_count(len(site.articles))
    if count == 1:
        return {0: list(items)}
    buckets: dict[str, int] = {}
    shards: dict[int, list] = {}
    for item in items:
        unit = unit_of(site, item[0])
        if unit not in buckets:
            buckets[unit] = _bucket(unit, count)
        shards.setdefault(buckets[unit], []).append(item)
    return dict(sorted(shards.items()))


# -- talking to Pagefind ---------------------------------------------------------------

class PagefindError(RuntimeError):
    pass


def _binary() -> Path:
    try:
        from pagefind.service import get_executable
    except ImportError:
        get_executable = None
    binary = get_executable() if get_executable else None
    if binary is None or "extended" not in binary.name:
        # Only the extended binary segments Chinese into words.
        raise BuildError([ContentError("pyproject.toml", 0, "pagefind[extended]",
                                       "the extended Pagefind binary is not installed; run `make .venv/.installed-stamp`")])
    return binary


class _Service:
    """One `pagefind --service` process; requests are pipelined (a thread writes,
    this thread reads), so a shard of a thousand records is one round trip."""

    def __init__(self, binary: Path):
        self._log = tempfile.TemporaryFile()
        self._process = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=self._log)
        self._sent = 0
        self._buffer = bytearray()

    def __enter__(self) -> "_Service":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def kill(self) -> None:
        """Stop the process now (a request in progress fails)."""
        self._process.kill()

    def close(self) -> None:
        try:
            if self._process.stdin:
                self._process.stdin.close()
        except OSError:
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if self._process.stdout:
            self._process.stdout.close()
        self._log.close()

    def _failed(self, what: str) -> PagefindError:
        self._log.seek(0)
        told = self._log.read().decode("utf-8", "replace").strip()
        return PagefindError(f"Pagefind {what}" + (f": {told[-2000:]}" if told else ""))

    def _receive(self) -> dict:
        stream = self._process.stdout
        start = 0
        while True:
            end = self._buffer.find(b",", start)
            if end >= 0:
                message = bytes(self._buffer[:end])
                del self._buffer[: end + 1]
                return json.loads(base64.b64decode(message))
            start = len(self._buffer)
            chunk = stream.read1(1 << 20)
            if not chunk:
                raise self._failed("stopped before answering")
            self._buffer += chunk

    def call(self, payloads: list[dict]) -> list[dict]:
        """Send requests and return their answers, in the same order."""
        first = self._sent + 1
        self._sent += len(payloads)
        failure: list[BaseException] = []

        def write() -> None:
            try:
                for number, payload in enumerate(payloads, first):
                    message = json.dumps({"message_id": number, "payload": payload}, ensure_ascii=False)
                    self._process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
                self._process.stdin.flush()
            except OSError as exc:
                failure.append(exc)

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        answers: dict[int, dict] = {}
        try:
            while len(answers) < len(payloads):
                answer = self._receive()
                payload = answer.get("payload") or {}
                if payload.get("type") == "Error" or answer.get("message_id") is None:
                    raise PagefindError(f"Pagefind: {payload.get('message', answer)}")
                answers[answer["message_id"]] = payload
        finally:
            if failure or len(answers) < len(payloads):
                self._process.kill()  # unblocks the writer
            writer.join()
        return [answers[number] for number in range(first, first + len(payloads))]

    def warm(self) -> "_Service":
        """Have Pagefind load its Chinese dictionary now (~0.35 s, once per process)."""
        (created,) = self.call([{"type": "NewIndex", "config": CONFIG}])
        self.call([{"type": "AddFile", "index_id": created["index_id"], "file_path": "warm.html", "url": None,
                    "file_contents": "<html><body><main><p>涪陵</p></main></body></html>"},
                   {"type": "DeleteIndex", "index_id": created["index_id"]}])
        return self

    def index(self, items: list[tuple[str, str]]) -> dict[str, bytes]:
        """One complete index of `items`: its files (those in KEEP) by path."""
        (created,) = self.call([{"type": "NewIndex", "config": CONFIG}])
        index_id = created["index_id"]
        self.call([{"type": "AddFile", "index_id": index_id, "file_path": path, "url": None, "file_contents": html}
                   for path, html in items])
        (written,) = self.call([{"type": "GetFiles", "index_id": index_id}])
        self.call([{"type": "DeleteIndex", "index_id": index_id}])  # frees the service's memory
        return {f["path"]: base64.b64decode(f["content"]) for f in sorted(written["files"], key=lambda f: f["path"])
                if KEEP.match(f["path"])}


class _Warm:
    """A Pagefind service started ahead, warming up (`_Service.warm`) while the
    build works out which shards it needs: the caller `take`s it (waiting for
    the warm-up) or `close`s it (stopping it at once)."""

    def __init__(self):
        self._service: _Service | None = None
        self._ready = False
        self._closed = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._start, daemon=True)
        self._thread.start()

    def _start(self) -> None:
        try:
            service = _Service(_binary())
        except BaseException:  # the build starts its own service and reports what goes wrong there
            return
        with self._lock:
            if self._closed:
                service.kill()
                service.close()
                return
            self._service = service
        try:
            service.warm()
            self._ready = True
        except BaseException:
            pass

    def take(self) -> "_Service | None":
        self._thread.join()
        with self._lock:
            self._closed = True
            service, self._service = self._service, None
        if service is not None and not self._ready:
            service.close()
            return None
        return service

    def close(self) -> None:
        with self._lock:
            self._closed = True
            service, self._service = self._service, None
        if service is not None:
            service.kill()
        self._thread.join()
        if service is not None:
            service.close()


def _index(items: list[tuple[str, str]]) -> dict[str, bytes]:
    """One Pagefind index of `items` (a shard), from a fresh service process."""
    return _index_all([items])[0]


def _index_all(jobs: list[list[tuple[str, str]]], then=None, started: "_Service | None" = None) -> list:
    """Each job indexed on its own, then passed to `then` (in the worker, while
    Pagefind indexes the next); up to MAX_WORKERS service processes side by side,
    the first of them `started` if given (it is closed here either way)."""
    binary = _binary()
    then = then or (lambda files: files)
    results: list = [None] * len(jobs)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    workers = max(1, min(len(jobs), MAX_WORKERS, cores))
    services = [started] if started is not None else []
    if workers == 1:
        with services.pop() if services else _Service(binary) as service:
            return [then(service.index(items)) for items in jobs]
    todo: queue.Queue = queue.Queue()
    for number in sorted(range(len(jobs)), key=lambda n: -sum(len(h) for _, h in jobs[n])):  # largest first
        todo.put(number)
    failures: list[BaseException] = []

    def work(service: "_Service | None") -> None:
        try:
            with service or _Service(binary) as service:
                while not failures:
                    try:
                        number = todo.get_nowait()
                    except queue.Empty:
                        return
                    results[number] = then(service.index(jobs[number]))
        except BaseException as exc:  # reported below, in the build's thread
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(services.pop() if services else None,), daemon=True)
               for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return results  # type: ignore[return-value]


# -- reuse -------------------------------------------------------------------------------

_INDEXER: bytes | None = None
# Shard key -> the shard as read for merging: a rebuild in the same process
# (`build.py serve`, the tests) finds an unchanged shard here without reading `.cache/`.
_MEMO: "OrderedDict[str, Shard]" = OrderedDict()
# The last merge (search_merge.Merged) and the cache folder it was read from.
_MERGED: dict = {}
MERGED_FILE = "merged.pickle"


def _indexer() -> bytes:
    """What, besides the records, decides a shard's bytes."""
    global _INDEXER
    if _INDEXER is None:
        binary = _binary()
        st = binary.stat()
        source = hashlib.blake2b(Path(__file__).read_bytes() + Path(search_merge.__file__).read_bytes()).hexdigest()
        _INDEXER = repr((str(binary), st.st_size, st.st_mtime_ns, json.dumps(CONFIG, sort_keys=True), source)).encode("utf-8")
    return _INDEXER


def shard_key(items: list[tuple[str, bytes | str]]) -> str:
    """A shard's key: its records' paths and sources (see `_sources`), and `_indexer()`."""
    key = hashlib.blake2b(_indexer(), digest_size=20)
    for path, source in items:
        data = source.encode("utf-8") if isinstance(source, str) else source
        key.update(f"\0{len(path)}:{path}{len(data)}:".encode("utf-8"))
        key.update(data)
    return key.hexdigest()


def _cache_folder() -> Path | None:
    from .cache import active_state

    state = active_state()
    return None if state is None else state.folder / CACHE_FOLDER


def _read_pickle(path: Path):
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None


def _load(folder: Path | None, key: str) -> Shard | None:
    if key in _MEMO:
        _MEMO.move_to_end(key)
        return _MEMO[key]
    found = _read_pickle(folder / f"{key}.pickle") if folder is not None else None
    return found if isinstance(found, Shard) else None


def _remember(key: str, shard: Shard, keep: int) -> None:
    _MEMO[key] = shard
    _MEMO.move_to_end(key)
    while len(_MEMO) > max(_MEMO_SIZE, keep):
        _MEMO.popitem(last=False)


def _write_pickle(path: Path, value) -> None:
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with open(temporary, "wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


def _store(folder: Path, shards: dict[str, Shard], merged_now: bool) -> None:
    """Keep this build's shards in `folder` (those not there yet) and the merge, and delete the others."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        present = {entry.name for entry in os.scandir(folder)}
        for key, shard in shards.items():
            if f"{key}.pickle" not in present:
                _write_pickle(folder / f"{key}.pickle", shard)
        for name in present:
            if name.endswith(".pickle") and name != MERGED_FILE and name[: -len(".pickle")] not in shards:
                os.unlink(folder / name)
        if merged_now:
            _write_pickle(folder / MERGED_FILE, _MERGED["last"])
    except OSError:
        pass  # the cache only saves time: the next build indexes again


# -- the stage ---------------------------------------------------------------------------

def search_index(site: Site, pages: dict[str, bytes]) -> dict[str, bytes]:
    """`pagefind/…`: one Pagefind index over the rendered pages and the facts, made from shards."""
    _binary()
    warm = _Warm()  # most builds that get here index a shard: Pagefind warms up meanwhile
    try:
        shards = split(site, _sources(site, pages))
        keys = {number: shard_key(items) for number, items in shards.items()}
        folder = _cache_folder()
        found = {number: _load(folder, key) for number, key in keys.items()}
        jobs = {number: _made(shards[number]) for number, shard in found.items() if shard is None}
        jobs = {number: job for number, job in jobs.items() if job}  # only pages without <main>: nothing to index
        try:
            if jobs:
                found.update(zip(jobs, _index_all(list(jobs.values()), search_merge.read_shard, warm.take())))
            order = [number for number in shards if found[number] is not None]
            merged, merged_now = _merge([keys[number] for number in order], [found[number] for number in order], folder)
        except search_merge.Unsupported:
            # Files this module cannot merge (another Pagefind version, say): the whole site as one index.
            everything = [record for number in shards for record in _made(shards[number])]
            merged = _index_all([everything], started=warm.take())[0]
        else:
            for number in order:
                _remember(keys[number], found[number], len(order))
            if folder is not None:
                _store(folder, {keys[number]: found[number] for number in order}, merged_now)
    finally:
        warm.close()
    return {f"{OUTPUT}/{name}": data for name, data in merged.items() if KEEP.match(name)}


def _merge(keys: list[str], shards: list[Shard], folder: Path | None) -> tuple[dict[str, bytes], bool]:
    """The shards merged (search_merge.merge, from the last merge where it can), and whether
    a merge was made now (not when the shards are the last merge's)."""
    if folder is not None and _MERGED.get("folder") != folder:
        last = _read_pickle(folder / MERGED_FILE)
        _MERGED.clear()
        _MERGED.update(folder=folder, last=last if isinstance(last, search_merge.Merged) else None)
    last = _MERGED.get("last")
    if last is not None and last.keys == keys:
        return search_merge.with_other_files(last.files, shards), False
    merged = search_merge.merge(shards, keys, last, lambda key: _load(folder, key))
    _MERGED["last"] = merged
    return search_merge.with_other_files(merged.files, shards), True


def finish(ctx, pages: dict[str, bytes]) -> dict[str, bytes]:
    """Post-step over every rendered page (see render.page_finishers)."""
    return search_index(ctx.site, pages)


def generate(ctx) -> dict[str, bytes]:
    """`search/index.html`: the search box and its results (assets/search.js)."""
    site = ctx.site
    return ctx.page(
        "search.html", "search/index.html",
        section="search", title=f"搜索 · {site.config.title}",
        description=f"搜索{site.config.title}的文章、主题、图表和数字，支持中文分词。",
        canonical=ctx.canonical("search/index.html"), fact_count=len(site.facts),
    )
