"""Write the built site atomically: the whole of `site/` changes at once, or not at all.

Why not a temporary file and `os.replace` per page (as Lektor does)? That
keeps each page whole, but a build interrupted half-way (Ctrl-C, kill -9, a
full disk) leaves `site/` with some pages new and some old: an index that
links to a chart page still showing last build's numbers. Here the unit of
replacement is the directory:

1. the complete new site is prepared in a staging directory beside `out`
   (`.site-staging-<pid>`, same filesystem so renames are atomic), then the
   filesystem is synced;
2. only when all of it is on disk, the staging directory is swapped in:
   with Linux's `renameat2(RENAME_EXCHANGE)` the two names trade places in
   one step; where that is unavailable, `site` → `.site-previous-<pid>`, then
   staging → `site`;
3. the replaced site is kept as `.site-spare`.

Any failure before step 2 deletes the staging directory and leaves `site/`
untouched. A kill between the two renames of the fallback leaves no `site/`
but a complete `.site-previous-<pid>`; the next build calls `recover()` first
and renames it back before doing anything else. Staging directories left by a
killed build are removed when their process is gone. A lock file
(`.site.lock`) keeps two builds (say `serve` and `make site`) from
swapping at the same time.

Speed without giving that up (measured on 3,000 pages of 18 KB, ext4, 2 cores,
median of 3 runs; per-file fsync and a fresh tree every time took 3.4 s):
- a rebuild that changes no byte leaves `site/` alone (0.11-0.17 s: the
  cost of reading and comparing every file);
- the spare (the site before last, never served) becomes the next staging
  directory and is brought up to date in place: only files whose bytes
  differ are replaced (each by a new file renamed over it, so a file shared
  with `site/` is never modified), stale files are removed, and the
  thousands of page folders need not be created and deleted again (one
  page changed: 0.31 s, where hard-linking a fresh tree took 1.04 s and
  rewriting it 2.0 s; creating and deleting folders is most of that);
- without a spare, unchanged files are hard-linked from the current site.
"""
from __future__ import annotations

import ctypes
import errno
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from fuling.core.files import named
from fuling.core.locking import exclusive
from fuling.core.parallel import process_alive
from fuling.core.reporter import Reporter

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@dataclass
class WriteStats:
    written: int = 0  # files whose bytes were written
    linked: int = 0  # unchanged files hard-linked from the previous site
    unchanged: int = 0  # files of a rebuild that changed nothing (the site is left as it is)
    bytes: int = 0
    swapped: bool = False  # `out` was replaced (undo_swap puts the previous site back)
    had_previous: bool = False  # and the site it replaced is now the spare


def staging_dir(out: Path) -> Path:
    return out.parent / f".{out.name}-staging-{os.getpid()}"


def spare_dir(out: Path) -> Path:
    return out.parent / f".{out.name}-spare"


def previous_dirs(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}-previous-*"))


def recover(out: Path, reporter: Reporter | None = None) -> None:
    """Undo what an interrupted swap left behind; safe to call at any time."""
    out = Path(out)
    if not out.parent.exists():
        return
    previous = previous_dirs(out)
    if not out.exists() and previous:
        # killed between "site -> previous" and "staging -> site": the old site is whole, put it back
        newest = max(previous, key=lambda p: p.stat().st_mtime)
        os.rename(newest, out)
        previous.remove(newest)
        if reporter:
            reporter.warn(f"restored {out.name}/ left aside by an interrupted build")
    for leftover in previous:
        if not spare_dir(out).exists():
            os.rename(leftover, spare_dir(out))  # a complete older site: still useful as the spare
        else:
            shutil.rmtree(leftover, ignore_errors=True)
    for staging in out.parent.glob(f".{out.name}-staging-*"):
        pid = staging.name.rsplit("-", 1)[-1]
        if not pid.isdigit() or int(pid) == os.getpid() or not process_alive(int(pid)):
            shutil.rmtree(staging, ignore_errors=True)


def write_site(files: dict[str, bytes], out: Path, reporter: Reporter | None = None, link_unchanged: bool = True) -> WriteStats:
    """Replace `out` with exactly `files` (relative posix path -> bytes), atomically.

    `link_unchanged=False` writes every file afresh (reusing nothing from earlier builds).
    """
    started = time.perf_counter()
    out = Path(out)
    names = {name: _safe_relative(name) for name in files}  # refuse a bad path before touching anything
    out.parent.mkdir(parents=True, exist_ok=True)
    with exclusive(out.parent / f".{out.name}.lock"):  # one build at a time swaps `out`
        recover(out, reporter)
        if link_unchanged and _identical(files, out):
            if reporter:
                reporter.stage("write", f"{len(files)} files, all unchanged: {out.name}/ left as it is ({time.perf_counter() - started:.2f} s)")
            return WriteStats(unchanged=len(files))
        staging = staging_dir(out)
        spare = spare_dir(out)
        try:
            if link_unchanged and spare.is_dir():
                os.rename(spare, staging)
                stats = _update(files, names, staging, reporter)
            else:
                shutil.rmtree(spare, ignore_errors=True)
                stats = _stage(files, names, staging, out if out.is_dir() and link_unchanged else None, reporter)
            _sync_filesystem(staging)
            stats.had_previous = out.exists()
            _swap(staging, out)
            stats.swapped = True
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)  # whatever happened, site/ is as it was
            raise
    if reporter:
        reporter.stage("write", f"{len(files)} files ({stats.written} written, {stats.linked + stats.unchanged} unchanged) -> {out.name}/ ({time.perf_counter() - started:.2f} s)")
    return stats


def undo_swap(out: Path, stats: WriteStats) -> None:
    """Put back the site `write_site` replaced (a later step of the build failed): the new
    one becomes the spare, so `out` is exactly what it was before the build."""
    out = Path(out)
    if not stats.swapped:
        return
    with exclusive(out.parent / f".{out.name}.lock"):
        spare = spare_dir(out)
        if not stats.had_previous:
            shutil.rmtree(spare, ignore_errors=True)
            os.rename(out, spare)
        elif not _exchange(spare, out):
            aside = out.parent / f".{out.name}-previous-{os.getpid()}"
            os.rename(out, aside)
            os.rename(spare, out)
            os.rename(aside, spare)
        _fsync_dir(out.parent)


def _safe_relative(name: str) -> tuple[str, ...]:
    parts = tuple(name.split("/"))
    if "\\" in name or "\0" in name or any(part in ("", ".", "..") for part in parts):  # also "/x", "x/", "a//b"
        raise ValueError(f"output path {name!r} must be a relative file path inside the site")
    return parts


def _identical(files: dict[str, bytes], out: Path) -> bool:
    """True when `out` already holds exactly these files with these bytes (a no-op rebuild)."""
    if not out.is_dir():
        return False
    root = str(out)
    present = set()
    for folder, _, names in os.walk(root):
        rel = os.path.relpath(folder, root)
        for name in names:
            present.add(name if rel == "." else f"{rel.replace(os.sep, '/')}/{name}")
    if present != set(files):
        return False
    return all(_same_file(os.path.join(root, name), data) for name, data in files.items())


# The two loops below run once per file of the site (tens of thousands on a large
# site): plain string paths, not pathlib, which costs more than the file system here.

def _stage(files: dict[str, bytes], names: dict[str, tuple[str, ...]], staging: Path, previous: Path | None,
           reporter: Reporter | None) -> WriteStats:
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    root, old_root = str(staging), str(previous) if previous is not None else None
    stats = WriteStats()
    made: set[str] = {root}
    ordered = sorted(files)
    for done, name in enumerate(ordered, start=1):
        if reporter and len(ordered) >= 1000 and (done % 500 == 0 or done == len(ordered)):
            reporter.progress("write", done, len(ordered))
        data = files[name]
        target = os.path.join(root, *names[name])
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        if old_root is not None:
            old = os.path.join(old_root, *names[name])
            if _same_file(old, data):
                try:
                    os.link(old, target)
                    stats.linked += 1
                    continue
                except OSError:
                    pass  # filesystem without hard links: write it instead
        _write_file(target, data)
        stats.written += 1
        stats.bytes += len(data)
    return stats


def _update(files: dict[str, bytes], names: dict[str, tuple[str, ...]], staging: Path,
            reporter: Reporter | None) -> WriteStats:
    """Bring an older complete site (the spare) up to date in place; it is not served meanwhile."""
    stats = WriteStats()
    root = str(staging)
    targets = {name: os.path.join(root, *parts) for name, parts in names.items()}
    wanted = set(targets.values())
    for folder, dirs, present in os.walk(root, topdown=False):
        for name in present:
            path = os.path.join(folder, name)
            if path not in wanted:
                os.unlink(path)
        for name in dirs:
            try:
                os.rmdir(os.path.join(folder, name))  # only succeeds once empty
            except OSError:
                pass
    made: set[str] = set()
    ordered = sorted(files)
    for done, name in enumerate(ordered, start=1):
        if reporter and len(ordered) >= 1000 and (done % 500 == 0 or done == len(ordered)):
            reporter.progress("write", done, len(ordered))
        target = targets[name]
        data = files[name]
        if _same_file(target, data):
            stats.unchanged += 1
            continue
        if os.path.isdir(target):
            shutil.rmtree(target)
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        fresh = os.path.join(parent, f".{os.path.basename(target)}.new")
        _write_file(fresh, data)
        os.replace(fresh, target)  # a new inode: a file shared with site/ by a hard link is left alone
        stats.written += 1
        stats.bytes += len(data)
    return stats


def _write_file(path: str, data: bytes) -> None:
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise named(exc, path) from None


def _same_file(path: str, data: bytes) -> bool:
    try:
        with open(path, "rb") as handle:
            if os.fstat(handle.fileno()).st_size != len(data):
                return False
            return handle.read() == data
    except OSError:  # missing, or a folder where a file should be
        return False


def _sync_filesystem(path: Path) -> None:
    """Flush the staged files to disk before the swap, so a power cut cannot swap in empty files.

    One syncfs() of the filesystem instead of an fsync per file and directory:
    same guarantee; on 3,000 new pages 1.3-1.6 s instead of 3.4 s.
    """
    syncfs = _libc_function("syncfs", [ctypes.c_int])
    if syncfs is None:
        os.sync()
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        if syncfs(fd) != 0:
            err = ctypes.get_errno()
            raise OSError(err, os.strerror(err), str(path))
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems cannot sync a directory
    finally:
        os.close(fd)


def _swap(staging: Path, out: Path) -> None:
    """Put `staging` in place of `out`; the old site, if any, becomes the spare."""
    if not out.exists():
        os.rename(staging, out)
    elif _exchange(staging, out):
        os.rename(staging, spare_dir(out))  # now holds the previous site
    else:
        aside = out.parent / f".{out.name}-previous-{os.getpid()}"
        os.rename(out, aside)
        try:
            os.rename(staging, out)
        except BaseException:
            os.rename(aside, out)
            raise
        os.rename(aside, spare_dir(out))
    _fsync_dir(out.parent)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directory names in one atomic step (Linux renameat2); False when unsupported."""
    renameat2 = _libc_function("renameat2", [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint])
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV, errno.EPERM):
        return False
    raise OSError(err, os.strerror(err), str(b))


_LIBC: dict[str, object] = {}


def _libc_function(name: str, argtypes: list):
    """A libc function by name (None where the C library lacks it)."""
    if name not in _LIBC:
        try:
            function = getattr(ctypes.CDLL(None, use_errno=True), name)
            function.argtypes = argtypes
            function.restype = ctypes.c_int
            _LIBC[name] = function
        except (OSError, AttributeError):
            _LIBC[name] = None
    return _LIBC[name]
