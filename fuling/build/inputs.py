"""What a build reads, fingerprinted: every input file with its stat, and the
interpreter and libraries that decide the output too (fuling.build.cache)."""
from __future__ import annotations

import hashlib
import os
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from fuling.charts.style import PLOTLY_BASIC

RACY_SECONDS = 2.0


PACKAGE = Path(__file__).resolve().parent.parent  # the whole fuling package: a code change invalidates the cache


@dataclass(frozen=True)
class Stamp:
    size: int
    mtime_ns: int
    digest: str  # "" for a file that is not there


def file_digest(path: Path) -> str:
    return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()


def walk_inputs(folder: str, prefix: str, found: dict[str, tuple[str, os.stat_result | None]],
                within: str | None = None) -> None:
    """Every regular file under `folder` as `prefix/relative/path` -> (path, stat), bytecode caches aside.

    Never raises and never loops: symbolic links to folders are not followed, and a link that
    loops, leads nowhere or leads out of `within` (default: `folder`), like a folder that cannot
    be read, is recorded with no stat, so the build notices it changed and the loader, which
    refuses such entries, says what is wrong.
    """
    within = within or os.path.realpath(folder)
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError:
        found[prefix] = (folder, None)
        return
    for entry in entries:
        if entry.name == "__pycache__":
            continue
        name = f"{prefix}/{entry.name}"
        try:
            if entry.is_symlink():
                target = os.path.realpath(entry.path)
                inside = target == within or target.startswith(within + os.sep)
                if inside and not os.path.isdir(target) and entry.is_file(follow_symlinks=True):
                    found[name] = (entry.path, entry.stat(follow_symlinks=True))
                else:
                    found[name] = (entry.path, None)
            elif entry.is_dir(follow_symlinks=False):
                walk_inputs(entry.path, name, found, within)
            elif entry.is_file(follow_symlinks=False):
                found[name] = (entry.path, entry.stat(follow_symlinks=False))
        except OSError:
            found[name] = (entry.path, None)


def input_files(root: Path, templates: Path) -> dict[str, tuple[str, os.stat_result | None]]:
    """Label -> (path, stat or None when missing) of every file a build can read. Labels are
    stable across machines. The walk's stats are the fingerprint's: a no-op build at 1,000
    articles stats 2,000 content files once, not twice."""
    sources = {"content": root / "content", "templates": templates, "package": PACKAGE}
    found: dict[str, tuple[str, os.stat_result | None]] = {}
    for label, folder in sources.items():
        walk_inputs(str(folder), label, found, os.path.realpath(root) if label == "content" else None)
    plotly_basic = str(templates.parent / PLOTLY_BASIC)
    try:
        found["plotly-basic"] = (plotly_basic, os.stat(plotly_basic))
    except OSError:
        found["plotly-basic"] = (plotly_basic, None)  # recorded as absent
    return found


def environment() -> tuple:
    """What else decides the output: the interpreter and the installed libraries.

    A library folder's mtime changes whenever a package in it is installed,
    upgraded or removed (its dist-info folder is created or deleted).
    """
    folders = []
    for key in ("purelib", "platlib"):
        folder = sysconfig.get_paths()[key]
        try:
            folders.append((folder, os.stat(folder).st_mtime_ns))
        except OSError:
            folders.append((folder, 0))
    return (sys.version, sys.prefix, tuple(sorted(set(folders))))


def walk_output(folder: str | Path, prefix: str, found: dict[str, os.stat_result]) -> None:
    """Every file under an output folder, dot files included (the site ships .nojekyll and the like)."""
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in entries:
        name = f"{prefix}{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            walk_output(entry.path, name + "/", found)
        else:
            found[name] = entry.stat(follow_symlinks=False)
