"""Publishing step over the built site in memory: fingerprinted asset names,
their manifest, and pre-compressed copies for servers that send files as
they are.

Runs after render + exports and before write (`fuling.build.pipeline`), on the
whole site as `{path: bytes}`:

- every stylesheet, script and icon under `assets/` is renamed to a
  content-hashed name (`assets/plotly.min.js` -> `assets/plotly.min.3f9a1c0e2b.js`),
  so a server can cache it for a year and a new build never serves a stale
  script; HTML and data files keep their names, their URLs are permanent;
- pages never guess those names: templates ask render's `asset()` helper,
  which calls `hashed_name()` below on the same bytes, so the page and the
  renamed file agree by construction. `check_references` proves it on every
  build and names the page of any reference left pointing at nothing;
- `assets/manifest.json` maps each logical name to its hashed name, for
  other tools and for people reading the output;
- `assets/embed.js` also keeps its plain name (short cache on the server):
  newsrooms pasted `…/assets/embed.js` into their pages and it must keep
  working after every rebuild;
- text files above 1 KB get `.gz` (gzip, mtime 0: reproducible) and `.br`
  (brotli) copies beside them (nginx `gzip_static`, `brotli_static`).
"""
from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from posixpath import dirname, join, normpath

from fuling.core.errors import BuildError, ContentError
from fuling.core.memo import NO_MEMO, Memo
from fuling.core.reporter import Progress, report_progress
from fuling.core.urls import ASSETS_DIR, MANIFEST, hashed_name, is_fingerprinted, suffix

# Pasted into other sites' pages: served under its plain name too.
STABLE = {"assets/embed.js"}
# Text, plus the SQLite download (it shrinks several-fold and is sent with
# Content-Encoding, so browsers save the database itself).
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".csv", ".svg", ".xml", ".atom", ".txt",
                ".webmanifest", ".map", ".db"}
COMPRESS_MIN = 1024  # bytes; smaller files gain nothing over the headers
# Assets are few and cached for a year: best compression. Pages and data are
# many and change every build: gzip 6 is a third faster than 9 for <1% more bytes.
GZIP_ASSET_LEVEL = 9
GZIP_PAGE_LEVEL = 6
# Brotli's best quality (11) takes 2-4 s on plotly.js for 8% fewer bytes than
# 9 (329 KB against 357 KB; gzip -9: 395 KB), on every cold build: not worth it.
# Pages and data, many and changing every build, get a faster setting.
BROTLI_ASSET_QUALITY = 9
BROTLI_PAGE_QUALITY = 5

# src="…" / href="…" in HTML, url(…) in CSS: only the references that point
# into assets/ are checked. Found from each "assets/" backwards (a plain
# search, then a short look behind): a 1,000-page site checks in 0.05 s.
_ASSETS = re.compile(rb"assets/")
_OPENING = re.compile(rb"""(?:\b(?:src|href)\s*=\s*["']|url\(\s*["']?)([^"'()\s<>]*)$""")
_REST = re.compile(rb"""[^"'()\s<>]*""")
LOOK_BEHIND = 400  # bytes: longer than any relative path to assets/


@dataclass
class Manifest:
    """Logical asset path -> hashed path, both relative to the site root."""

    names: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> bytes:
        return (json.dumps(self.names, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def fingerprint(files: dict[str, bytes]) -> tuple[dict[str, bytes], Manifest]:
    """Rename every fingerprinted asset; keep the stable copies; add the manifest."""
    out: dict[str, bytes] = {}
    manifest = Manifest()
    for path, data in files.items():
        if not is_fingerprinted(path):
            out[path] = data
            continue
        hashed = hashed_name(path, data)
        manifest.names[path] = hashed
        out[hashed] = data
        if path in STABLE:
            out[path] = data
    out[MANIFEST] = manifest.to_json()
    return out, manifest


@lru_cache(maxsize=256)
def _brotli(data: bytes, quality: int) -> bytes:
    import brotli

    return brotli.compress(data, quality=quality)


@lru_cache(maxsize=256)
def _gzip(data: bytes, level: int) -> bytes:
    return gzip.compress(data, compresslevel=level, mtime=0)


def compressible(path: str, data: bytes) -> bool:
    return suffix(path) in COMPRESSIBLE and len(data) > COMPRESS_MIN


def precompress(files: dict[str, bytes], progress: Progress | None = None, memo: Memo = NO_MEMO) -> dict[str, bytes]:
    """`.gz` and `.br` copies beside every text file above 1 KB (kept only when smaller).

    Compressed results are memoised by content, so the live preview's
    rebuilds do not compress unchanged files again.
    """
    out = dict(files)
    to_compress = [(path, data) for path, data in files.items() if compressible(path, data)]
    for done, (path, data) in enumerate(to_compress, start=1):
        report_progress(progress, "publish", done, len(to_compress))
        asset = path.startswith(ASSETS_DIR)
        level = GZIP_ASSET_LEVEL if asset else GZIP_PAGE_LEVEL
        quality = BROTLI_ASSET_QUALITY if asset else BROTLI_PAGE_QUALITY
        for ext, pack in ((".gz", lambda: _gzip(data, level)), (".br", lambda: _brotli(data, quality))):
            # A file unchanged since the last build: its copy from then (fuling.build.cache), else compress now.
            packed = memo.previous_derived(path, data, ext) or pack()
            if len(packed) < len(data):
                out[path + ext] = packed
    return out


def check_references(files: dict[str, bytes]) -> list[ContentError]:
    """Every reference into assets/ from a page or stylesheet names a file of the site."""
    errors = []
    for path, data in files.items():
        if suffix(path) not in (".html", ".css"):
            continue
        for found in _ASSETS.finditer(data):
            opening = _OPENING.search(data, max(0, found.start() - LOOK_BEHIND), found.start())
            if opening is None:
                continue  # "assets/" in text, not in a reference
            rest = _REST.match(data, found.start())
            url = (opening.group(1) + rest.group(0)).decode("utf-8", errors="replace")
            if "://" in url or url.startswith("//"):
                continue  # absolute URLs (embed codes shown as text) are not files of this build
            target = normpath(join(dirname(path), url.split("#", 1)[0].split("?", 1)[0]))
            if target not in files:
                line = data.count(b"\n", 0, found.start()) + 1
                errors.append(ContentError(
                    f"site/{path}", line, "",
                    f"{url} is not a file of the site (assets are renamed by content hash: "
                    f"reference them through the templates' asset() helper)"))
    return errors


def publish(files: dict[str, bytes], progress: Progress | None = None, memo: Memo = NO_MEMO) -> dict[str, bytes]:
    """The publishing step: fingerprint, check every asset reference, pre-compress."""
    renamed, _ = fingerprint(files)
    errors = check_references(renamed)
    if errors:
        raise BuildError(errors)
    return dict(sorted(precompress(renamed, progress, memo).items()))
