"""Build state: lets a rebuild skip work whose inputs have not changed, without ever being wrong.

Three layers, all kept in the git-ignored `.cache/` of the project:

1. **No-op.** `BuildState.begin` fingerprints every input: the files under
   `content/`, the templates folder, the `fuling` package itself, the
   plotly.js bundle the site copies, the installed libraries (the mtime of
   each `sys.path` folder changes when a package is installed or removed)
   and the build options. A file's fingerprint is its size, `mtime_ns` and a
   BLAKE2 hash; the hash is recomputed only when size or mtime differ, or
   when the file was modified within `RACY_SECONDS` of the last fingerprint
   (an edit in the same clock tick would otherwise go unseen, the "racy git"
   problem). When no input changed and `site/` holds exactly the files the
   last build wrote (same sizes and mtimes), `up_to_date()` says so and the
   build stops there.
2. **Parsed files.** `parse(kind, path, root, produce, errors)` returns what a pure
   parse of one input file produced last time (its result and the errors it
   reported), keyed by the file's hash, so an edit re-parses one file.
   Validation across files always runs on the full set. `remembered(kind,
   key, produce)` does the same for a value computed from many inputs, keyed
   by a digest of what it reads (the chart figures). The entries are kept in
   `.cache/parsed/`, in shards by key, and a build writes only the shards whose
   entries changed.
3. **Pages, by what they read.** Every page records, as it renders, what it is
   made of (`RenderContext.page`, as Lektor's record_dependency and Hugo's
   dependency tracker do): a digest of the view data it was handed, and each
   template it loaded and each helper it called (a fact's link, JSON-LD, a
   chart's corrections) with the digest of what it got. `page(path, …)` gives
   back last build's bytes when the view data has the same digest and every
   recorded read still gives the same answer; there is no list to keep of what
   a page shows. The view data are still made each build (they are cheap next
   to rendering); the Jinja rendering is what is saved.

The state of a build is saved only after `site/` was swapped in, so an
interrupted or failed build leaves the last successful state, and the next
build compares against that. `FULING_NO_CACHE=1` (BuildOptions.use_cache)
builds from scratch. The stages never import this module: the build passes
its BuildState to them as their `memo` (fuling/core/memo.py says what they
may ask of it).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from fuling.build.inputs import (
    RACY_SECONDS,
    Stamp,
    environment,
    file_digest,
    input_files,
    walk_output,
)
from fuling.core.files import write_all_atomically
from fuling.core.memo import Memo

CACHE_DIR = ".cache"
STATE_FILE = "build-state.pickle"
PARSED_DIR = "parsed"  # the memo of parsed files and kept values, in SHARDS files by their keys
SHARDS = 256  # an edit rewrites the shards whose entries changed (7 of 256, 2.3 MB, after a fact edit at 1,000 articles), not all 28 MB
FORMAT = 4  # bump when what is stored changes shape


@dataclass
class Snapshot:
    """What one successful build saw and wrote."""

    format: int
    options: tuple
    environment: tuple
    taken_ns: int  # when the inputs were fingerprinted
    inputs: dict[str, Stamp]
    outputs: dict[str, tuple[int, int]]  # site-relative path -> (size, mtime_ns)
    # page path -> (digest of the view data it was handed, what it read as it rendered: {read: digest})
    page_reads: dict[str, tuple[str, dict]] = field(default_factory=dict)
    result: dict = field(default_factory=dict)  # summary of the build: pages, charts, facts, files


class BuildState(Memo):
    """One build's view of the cache: what changed since the last successful build."""

    def __init__(self, root: Path, out: Path, templates: Path, options: tuple):
        self.root = Path(root)
        self.out = Path(out)
        self.folder = self.root / CACHE_DIR
        self.options = options
        self.environment = environment()
        self.taken_ns = time.time_ns()
        self.previous = self._load_snapshot()
        self.inputs = self._fingerprint(input_files(self.root, Path(templates)))
        self._parsed: dict | None = None  # loaded on first use: a no-op build never needs it
        self._shards: dict[str, dict] = {}  # shard file name -> its entries, as loaded
        self.parsed_used: dict[tuple[str, str], tuple] = {}
        self.page_reads: dict[str, tuple[str, dict]] = {}  # page path -> (digest of its view data, {read: digest})
        self.reused: set[str] = set()  # pages whose last bytes still held
        self._reusable_pages: dict | None = None
        self._package_changed: bool | None = None
        self._unchanged_outputs: dict[str, tuple[bytes, bool]] = {}  # path -> (bytes asked about, same as last build)

    @classmethod
    def begin(cls, root: Path, out: Path, templates: Path, site_url: str | None = None,
              chart_browser: str | None = None) -> "BuildState":
        """`chart_browser`: the Chromium that draws the charts' pictures, or None (no pictures)."""
        options = (FORMAT, str(Path(out).resolve()), site_url, str(Path(templates).resolve()), chart_browser)
        return cls(root, out, templates, options)

    # -- fingerprints ----------------------------------------------------------

    def _load_snapshot(self) -> Snapshot | None:
        try:
            with open(self.folder / STATE_FILE, "rb") as handle:
                snapshot = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return None
        if not isinstance(snapshot, Snapshot) or snapshot.format != FORMAT:
            return None
        return snapshot

    def _fingerprint(self, files: dict[str, tuple[str, os.stat_result | None]]) -> dict[str, Stamp]:
        old = self.previous.inputs if self.previous else {}
        racy_before = (self.previous.taken_ns if self.previous else 0) - int(RACY_SECONDS * 1e9)
        stamps: dict[str, Stamp] = {}
        for label, (path, st) in files.items():
            if st is None:
                stamps[label] = Stamp(0, 0, "")
                continue
            known = old.get(label)
            if known and known.digest and known.size == st.st_size and known.mtime_ns == st.st_mtime_ns \
                    and st.st_mtime_ns < racy_before:
                stamps[label] = known  # unchanged since well before the last fingerprint: trust the stat
                continue
            try:
                stamps[label] = Stamp(st.st_size, st.st_mtime_ns, file_digest(Path(path)))
            except OSError:
                stamps[label] = Stamp(0, 0, "")
        return stamps

    def digest(self, label: str) -> str:
        stamp = self.inputs.get(label)
        return stamp.digest if stamp else ""

    def changed_inputs(self) -> set[str]:
        """Labels of inputs added, removed or changed since the last successful build."""
        old = self.previous.inputs if self.previous else {}
        labels = set(old) | set(self.inputs)
        return {label for label in labels
                if (old.get(label).digest if label in old else None) != (self.inputs[label].digest if label in self.inputs else None)}

    def outputs_intact(self) -> bool:
        """True when `out` holds exactly the files the last build wrote, unmodified."""
        if self.previous is None:
            return False
        found: dict[str, os.stat_result] = {}
        walk_output(self.out, "", found)
        if len(found) != len(self.previous.outputs):
            return False
        for name, (size, mtime_ns) in self.previous.outputs.items():
            st = found.get(name)
            if st is None or st.st_size != size or st.st_mtime_ns != mtime_ns:
                return False
        return True

    def up_to_date(self) -> bool:
        previous = self.previous
        return (previous is not None and previous.options == self.options
                and previous.environment == self.environment and not self.changed_inputs()
                and self.outputs_intact())

    @property
    def previous_result(self) -> dict:
        return dict(self.previous.result) if self.previous else {}

    # -- parsed files ------------------------------------------------------------

    @property
    def parsed(self) -> dict:
        if self._parsed is None:
            self._parsed = self._load_parsed()
        return self._parsed

    def _load_parsed(self) -> dict:
        previous = self.previous
        if previous is None or previous.environment != self.environment:
            return {}
        package = {k for k in set(self.inputs) | set(previous.inputs) if k.startswith("package/")}
        if any(self.inputs.get(k) != previous.inputs.get(k) for k in package):
            return {}  # the parsers themselves may have changed
        parsed: dict = {}
        for path in sorted((self.folder / PARSED_DIR).glob("*.pickle")):
            try:
                shard = pickle.loads(path.read_bytes())
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
                continue  # its entries are made again and the shard written anew
            if isinstance(shard, dict):
                self._shards[path.name] = shard
                parsed.update(shard)
        return parsed

    def _memo(self, kind: str, label: str, produce: Callable[[list], object]):
        """`produce(errors)` for input `label`, or what it returned and reported last time."""
        digest = self.digest(label)
        key = (kind, label)
        if digest:
            hit = self.parsed.get(key)
            if hit is not None and hit[0] == digest:
                self.parsed_used[key] = hit
                return pickle.loads(hit[1]), list(hit[2])
        errors: list = []
        value = produce(errors)
        if digest and self._still(label):
            self.parsed_used[key] = (digest, _frozen(value), tuple(errors))
        return value, errors

    def remembered(self, kind: str, key: str, produce: Callable[[], object]):
        """`produce()`, or what it returned in the last build for the same `key`."""
        value = self.recalled(kind, key)
        if value is None:
            value = produce()
            self.kept(kind, key, value)
        return value

    def recalled(self, kind: str, key: str):
        """What was kept under `key` in the last build (and keep it for the next), or None."""
        slot = (kind, "=" + key)  # "=": never the label of an input file
        hit = self.parsed.get(slot)
        if hit is not None and hit[0] == key:
            self.parsed_used[slot] = hit
            return pickle.loads(hit[1])
        return None

    def kept(self, kind: str, key: str, value) -> None:
        slot = (kind, "=" + key)
        last = self.parsed.get(slot)
        # The key is a digest of all the value was made from: last build's entry under it holds
        # the same value, kept as it is (not pickled again, and its shard not written again).
        self.parsed_used[slot] = last if last is not None and last[0] == key else (key, _frozen(value), ())

    # -- what the stages ask (fuling.core.memo.Memo) -------------------------------

    def parse(self, kind: str, path: Path | str, root: Path | None, produce: Callable[[list], object],
               errors: list):
        label = _label(Path(path), root or self.root)
        if label is None:
            return produce(errors)
        value, found = self._memo(kind, label, produce)
        errors.extend(found)
        return value

    def template_bytecode_cache(self):
        """Compiled Jinja templates kept in `.cache/jinja/`. Jinja keys each entry by template
        name and a checksum of its source, and checks its own version, so an edited template
        is always compiled again."""
        import jinja2

        class BestEffortBytecodeCache(jinja2.FileSystemBytecodeCache):
            """A compiled template that cannot be stored (a full disk) is compiled again next time;
            Jinja removes the part it wrote."""

            def dump_bytecode(self, bucket) -> None:
                try:
                    super().dump_bytecode(bucket)
                except OSError:
                    pass

        folder = self.folder / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        return BestEffortBytecodeCache(str(folder))

    def scratch_folder(self) -> str | None:
        """Pagefind reads the search records from the cache's folder: a system temporary folder
        can be many times slower to create thousands of small files in (measured: 2,000 files,
        0.99 s against 0.17 s)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        return str(self.folder)

    def _still(self, label: str) -> bool:
        """True when the file is still what was fingerprinted, so its parse may be stored under that hash."""
        stamp = self.inputs.get(label)
        path = self.root / label
        try:
            st = path.stat()
            if st.st_size != stamp.size or st.st_mtime_ns != stamp.mtime_ns:
                return False
            if st.st_mtime_ns > time.time_ns() - int(RACY_SECONDS * 1e9):
                return file_digest(path) == stamp.digest  # edited just now: the stat cannot tell
            return True
        except OSError:
            return False

    # -- pages, by what they recorded --------------------------------------------------

    def _previous_pages(self) -> dict[str, tuple[str, dict]]:
        """Last build's record of each page, when its bytes may be reused at all: the same
        options and libraries, and the same package (the code that renders)."""
        if self._reusable_pages is None:
            previous = self.previous
            usable = (previous is not None and previous.options == self.options
                      and previous.environment == self.environment and not self._package_differs())
            self._reusable_pages = previous.page_reads if usable else {}
        return self._reusable_pages

    def page(self, path: str, digest: str, current: Callable[[tuple], str],
             render: Callable[[], tuple[bytes, dict]]) -> bytes:
        last = self._previous_pages().get(path)
        if digest and last is not None and last[0] == digest and self._written_as_recorded(path) \
                and all(current(read) == value for read, value in last[1].items()):
            try:
                data = (self.out / path).read_bytes()
            except OSError:
                data = None
            if data is not None:
                self.page_reads[path] = last
                self.reused.add(path)
                return data
        data, reads = render()
        if digest:
            self.page_reads[path] = (digest, reads)
        self.reused.discard(path)
        return data

    def recorded_pages(self):
        # With what the pages kept (`remembered`: an article's blocks) for the next build: the
        # entries made here, and the keys of those replayed from the last build's memo, which
        # the process this one was forked from has as well (as its own objects, so the shard
        # holding them is seen to be unchanged and is not written again).
        made, replayed = {}, []
        for key, hit in self.parsed_used.items():
            if key[1].startswith("="):
                if self.parsed.get(key) is hit:
                    replayed.append(key)
                else:
                    made[key] = hit
        return dict(self.page_reads), set(self.reused), (made, replayed)

    def keep_recorded_pages(self, recorded) -> None:
        reads, reused, (made, replayed) = recorded
        self.page_reads.update(reads)
        self.reused.update(reused)
        self.parsed_used.update(made)
        self.parsed_used.update((key, self.parsed[key]) for key in replayed)

    def _written_as_recorded(self, path: str) -> bool:
        """`out/path` is the file the last build wrote (its size and mtime)."""
        recorded = self.previous.outputs.get(path)
        try:
            st = (self.out / path).stat()
        except OSError:
            return False
        return recorded is not None and (st.st_size, st.st_mtime_ns) == recorded

    def _package_differs(self) -> bool:
        if self._package_changed is None:
            previous = self.previous
            package = {k for k in set(self.inputs) | set(previous.inputs) if k.startswith("package/")}
            self._package_changed = any(self.inputs.get(k) != previous.inputs.get(k) for k in package)
        return self._package_changed

    def previous_derived(self, path: str, data: bytes, suffix: str) -> bytes | None:
        """Last build's `path + suffix` (a compressed copy) when `path` held exactly `data` then.

        Only when the code that made it (the package) and the libraries are
        unchanged, and both files are as the last build wrote them.
        """
        previous = self.previous
        if previous is None or previous.environment != self.environment or previous.options != self.options:
            return None
        if self._package_differs():
            return None
        if not self._same_as_last_build(path, data):
            return None
        name = path + suffix
        recorded = previous.outputs.get(name)
        try:
            with open(os.path.join(self.out, name), "rb") as handle:
                st = os.fstat(handle.fileno())
                if recorded is None or (st.st_size, st.st_mtime_ns) != recorded:
                    return None
                return handle.read()
        except OSError:
            return None

    def _same_as_last_build(self, path: str, data: bytes) -> bool:
        """`out/path` holds `data` and is as the last build wrote it (asked once per file, for each copy)."""
        known = self._unchanged_outputs.get(path)
        if known is None or known[0] is not data:
            recorded = self.previous.outputs.get(path)
            same = False
            if recorded is not None and recorded[0] == len(data):
                try:
                    with open(os.path.join(self.out, path), "rb") as handle:
                        st = os.fstat(handle.fileno())
                        same = (st.st_size, st.st_mtime_ns) == recorded and handle.read() == data
                except OSError:
                    same = False
            known = self._unchanged_outputs[path] = (data, same)
        return known[1]

    def describe(self) -> str:
        """One line for the build log: what the cache saved this time."""
        changed = len(self.changed_inputs()) if self.previous else len(self.inputs)
        files = {key: hit for key, hit in self.parsed_used.items() if not key[1].startswith("=")}
        parsed = len(files)
        replayed = sum(1 for key, hit in files.items() if self.parsed.get(key) is hit)
        return (f"{changed} input file(s) changed; {replayed} of {parsed} files parsed from cache, "
                f"{len(self.reused)} of {len(self.page_reads)} pages reused")

    # -- saving ----------------------------------------------------------------------

    def save(self, result: dict) -> None:
        """Record a successful build (call after `out` was swapped in)."""
        outputs: dict[str, os.stat_result] = {}
        walk_output(self.out, "", outputs)
        snapshot = Snapshot(
            format=FORMAT, options=self.options, environment=self.environment, taken_ns=self.taken_ns,
            inputs=self.inputs, outputs={k: (v.st_size, v.st_mtime_ns) for k, v in outputs.items()},
            page_reads=self.page_reads, result=dict(result),
        )
        shards: dict[str, dict] = {}
        for key, hit in self.parsed_used.items():
            shards.setdefault(_shard_name(key), {})[key] = hit
        folder = self.folder / PARSED_DIR
        changed = {folder / name: _pickled(entries) for name, entries in shards.items()
                   if not _same_entries(entries, self._shards.get(name))}
        # All or none: a full disk leaves the last build's state whole. A shard newer than the
        # state is harmless: each entry is kept under the digest of what it was made from.
        write_all_atomically({**changed, self.folder / STATE_FILE: _pickled(snapshot)})
        for stale in folder.glob("*.pickle"):
            if stale.name not in shards:
                stale.unlink(missing_ok=True)


def _shard_name(key: tuple[str, str]) -> str:
    digest = hashlib.blake2b("\0".join(key).encode("utf-8"), digest_size=4).digest()
    return f"{int.from_bytes(digest, 'big') % SHARDS:02x}.pickle"


def _same_entries(entries: dict, loaded: dict | None) -> bool:
    """True when a shard holds exactly the entries it was loaded with (the same objects)."""
    return loaded is not None and entries.keys() == loaded.keys() and all(entries[k] is loaded[k] for k in entries)


def _frozen(value) -> bytes:
    """A memo entry's value, pickled when it is made: saving the memo then writes bytes
    (an unchanged entry is never pickled again), and each replay gets its own copy."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _pickled(data) -> bytes:
    return pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)


def _label(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        try:
            return path.resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            return None


