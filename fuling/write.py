"""Write the built site atomically: the whole of `site/` changes at once, or not at all.

Why not a temporary file and `os.replace` per page (as Lektor does)? That
keeps each page whole, but a build interrupted half-way (Ctrl-C, kill -9, a
full disk) leaves `site/` with some pages new and some old: an index that
links to a chart page still showing last build's numbers. Here the unit of
replacement is the directory:

1. every file is written into a staging directory beside `out`
   (`.site-staging-<pid>`, same filesystem so renames are atomic) and synced;
2. only when all of it is on disk, the staging directory is swapped in:
   with Linux's `renameat2(RENAME_EXCHANGE)` the two names trade places in
   one step; where that is unavailable, `site` → `.site-previous-<pid>`, then
   staging → `site`;
3. the previous site is deleted.

Any failure before step 2 deletes the staging directory and leaves `site/`
untouched. A kill between the two renames of the fallback leaves no `site/`
but a complete `.site-previous-<pid>`; the next build calls `recover()` first
and renames it back before doing anything else. Staging directories left by a
killed build are removed when their process is gone.

Unchanged files are hard-linked from the previous site instead of rewritten
(the previous site is never modified in place, so sharing inodes is safe):
see bench/README.md for what that saves.
"""
from __future__ import annotations

import ctypes
import errno
import os
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .reporter import Reporter

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@dataclass
class WriteStats:
    written: int = 0  # files whose bytes were written
    linked: int = 0  # unchanged files hard-linked from the previous site
    bytes: int = 0


def staging_dir(out: Path) -> Path:
    return out.parent / f".{out.name}-staging-{os.getpid()}"


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
        shutil.rmtree(leftover, ignore_errors=True)
    for staging in out.parent.glob(f".{out.name}-staging-*"):
        pid = staging.name.rsplit("-", 1)[-1]
        if not pid.isdigit() or int(pid) == os.getpid() or not _alive(int(pid)):
            shutil.rmtree(staging, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_site(files: dict[str, bytes], out: Path, reporter: Reporter | None = None, link_unchanged: bool = True) -> WriteStats:
    """Replace `out` with exactly `files` (relative posix path -> bytes), atomically."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out, reporter)
    staging = staging_dir(out)
    previous = out if out.is_dir() else None
    try:
        stats = _stage(files, staging, previous if link_unchanged else None, reporter)
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # whatever happened, site/ is as it was
        raise
    if reporter:
        reporter.stage("write", f"{len(files)} files ({stats.linked} unchanged, linked) -> {out.name}/")
    return stats


def _safe_relative(name: str) -> PurePosixPath:
    rel = PurePosixPath(name)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts or name.endswith("/"):
        raise ValueError(f"output path {name!r} must be a relative file path inside the site")
    return rel


def _stage(files: dict[str, bytes], staging: Path, previous: Path | None, reporter: Reporter | None) -> WriteStats:
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    stats = WriteStats()
    made: set[Path] = {staging}
    names = sorted(files)
    for done, name in enumerate(names, start=1):
        if reporter and done % 200 == 0:
            reporter.progress("write", done, len(names))
        data = files[name]
        rel = _safe_relative(name)
        target = staging.joinpath(*rel.parts)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.update(target.parents)
        if previous is not None and _same_file(previous.joinpath(*rel.parts), data):
            try:
                os.link(previous.joinpath(*rel.parts), target)
                stats.linked += 1
                continue
            except OSError:
                pass  # filesystem without hard links: write it instead
        with open(target, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        stats.written += 1
        stats.bytes += len(data)
    for directory in sorted(made, key=lambda p: len(p.parts), reverse=True):
        if directory == staging or staging in directory.parents:
            _fsync_dir(directory)
    return stats


def _same_file(path: Path, data: bytes) -> bool:
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems cannot sync a directory; the files themselves are synced
    finally:
        os.close(fd)


def _swap(staging: Path, out: Path) -> None:
    """Put `staging` in place of `out`; the old site, if any, is deleted afterwards."""
    if not out.exists():
        os.rename(staging, out)
    elif _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous site
    else:
        aside = out.parent / f".{out.name}-previous-{os.getpid()}"
        os.rename(out, aside)
        try:
            os.rename(staging, out)
        except BaseException:
            os.rename(aside, out)
            raise
        shutil.rmtree(aside, ignore_errors=True)
    _fsync_dir(out.parent)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directory names in one atomic step (Linux renameat2); False when unsupported."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV, errno.EPERM):
        return False
    raise OSError(err, os.strerror(err), str(b))


_RENAMEAT2 = []


def _renameat2():
    if not _RENAMEAT2:
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            function = libc.renameat2
            function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
            function.restype = ctypes.c_int
            _RENAMEAT2.append(function)
        except (OSError, AttributeError):
            _RENAMEAT2.append(None)
    return _RENAMEAT2[0]
