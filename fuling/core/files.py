"""Files written so that a reader never sees half of one: the bytes go to a
temporary file beside each, which then replaces it in one step (a crash or a
full disk leaves the old file as it was, and no temporary file behind).

Used for the files people and the build keep (fact files, articles, the build
cache, the search records' listing). The site itself changes as a whole folder
(fuling/build/write.py).
"""
from __future__ import annotations

import errno
import os
from pathlib import Path

# What a full disk (or a full quota) raises.
DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


def disk_full(exc: BaseException) -> bool:
    """True for the error of a write that found no room."""
    return isinstance(exc, OSError) and exc.errno in DISK_FULL


def named(exc: OSError, path) -> OSError:
    """`exc` with the file it was about: a failed write() (a full disk) names none."""
    return exc if exc.filename else OSError(exc.errno, exc.strerror, str(path))


def write_atomically(path: Path, data: bytes) -> None:
    write_all_atomically({Path(path): data})


def write_all_atomically(files: dict[Path, bytes]) -> None:
    """Write every file, or none: all are written to temporary files first, and only when
    each is complete do they replace the old ones (a rename needs no room on the disk)."""
    import tempfile  # here: a no-op build, which writes nothing, never loads it

    temporary: dict[Path, str] = {}
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary[path] = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
            except OSError as exc:
                raise named(exc, path) from None
        for path, written in temporary.items():
            os.replace(written, path)
    except BaseException:
        for written in temporary.values():
            Path(written).unlink(missing_ok=True)
        raise
