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

    def prepare_pages(self, site, charts: dict) -> None:
        """Decide which article pages `reused_page` may give back, before render starts (and before any fork)."""

    def reused_page(self, path: str, site, charts: dict, produce: Callable[[], dict[str, bytes]]) -> dict[str, bytes]:
        """An article page: last build's bytes when nothing it shows has changed, else `produce()`."""
        return produce()

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
