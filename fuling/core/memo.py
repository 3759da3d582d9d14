"""What a stage may ask of the build cache, handed to it as a parameter.

Stages never reach for a cache themselves: the build passes its cache in
(fuling.build.cache.BuildState answers from what the last build kept), and
everything else (tests, `build.py check`, a build without `.cache/`) passes
`NO_MEMO`, which remembers nothing, so every stage computes everything. The
results are the same bytes either way; only the time differs.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable


class Memo:
    """The no-cache answers; fuling.build.cache.BuildState overrides each one."""

    def parse(self, kind: str, path: Path | str, root: Path | None, produce: Callable[[list], object],
               errors: list):
        """`produce(errors)` for one input file, or its last result, its errors added to `errors`.
        `produce` must depend on nothing but the file's bytes and its path."""
        return produce(errors)

    def remembered(self, kind: str, key: str, produce: Callable[[], object]):
        """`produce()`, or its result of the last build with the same `key` (a digest of all it reads)."""
        return produce()

    def recalled(self, kind: str, key: str):
        """Like `remembered`, for work done in a batch: last build's value for `key`, or None.
        Pair with `kept` for the values made this time."""
        return None

    def kept(self, kind: str, key: str, value) -> None:
        """Keep `value` under `key` for the next build."""

    def page(self, path: str, digest: str, current: Callable[[tuple], str],
             render: Callable[[], tuple[bytes, dict]]) -> bytes:
        """One rendered page. `render()` gives its bytes and what it read while rendering
        ({read: digest}: the templates it loaded, the helpers it called). A cache may give
        back last build's bytes instead when `digest` (of the view data the page was handed)
        is the same and every read it recorded last time still has the digest it had
        (`current(read)`). An empty `digest` means: never reuse."""
        return render()[0]

    def recorded_pages(self):
        """What `page` recorded in this process (to send back from a forked generator), or None."""
        return None

    def keep_recorded_pages(self, recorded) -> None:
        """Take in what `recorded_pages` returned in another process."""

    def previous_derived(self, path: str, data: bytes, suffix: str) -> bytes | None:
        """Last build's `path + suffix` (a compressed copy) if `path` had these exact bytes then."""
        return None

    def template_bytecode_cache(self):
        """A Jinja bytecode cache for compiled templates, or None."""
        return None

    def scratch_folder(self) -> str | None:
        """A folder of the build's own for scratch files (the search records), or None."""
        return None


NO_MEMO = Memo()
