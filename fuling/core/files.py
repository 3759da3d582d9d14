"""One file written so that a reader never sees half of it: the bytes go to a
temporary file beside it, which then replaces it in one step (a crash or a full
disk leaves the old file as it was, and no temporary file behind).

Used for the files people and the build keep (fact files, articles, the build
cache, the search records' listing). The site itself changes as a whole folder
(fuling/build/write.py).
"""
from __future__ import annotations

import os
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    import tempfile  # here: a no-op build, which writes nothing, never loads it

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
