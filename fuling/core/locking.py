"""One build at a time where two would collide: an exclusive lock file beside what is written.

The live preview and a build on the command line may run at once on one project;
both the swap of `site/` (fuling.build.write) and the search records Pagefind reads
(fuling.outputs.search) are written under such a lock. `flock` locks die with their
process, so a killed build never leaves one held.
"""
from __future__ import annotations

import contextlib
import fcntl
from pathlib import Path


@contextlib.contextmanager
def exclusive(lock_file: Path):
    """Hold an exclusive lock on `lock_file` (created if missing) for the `with` block."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
