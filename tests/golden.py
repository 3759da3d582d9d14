"""The golden build: the mini fixture's whole built site, normalised, kept in
`tests/golden/mini/` and compared with every build by `tests/test_golden.py`.

Refresh it only on purpose, and review its diff like code:

    .venv/bin/python tests/golden.py --update     # or: make golden

A failing comparison writes the new output beside the golden one, in
`tests/golden/mini.actual/` (not in git), so `diff -r tests/golden/mini
tests/golden/mini.actual` shows what changed.

Every output path is listed in `paths.txt`. Files are kept as built, except
where the bytes depend on a tool's version rather than on this project
(each case is checked some other way, so nothing goes unchecked in silence):

- `.gz` / `.br` copies: not kept; the test proves each decompresses to its
  original, which is kept.
- content-hashed asset names (`assets/site.d6e5fee6ca.css`): kept under their
  logical names, and every reference to them in other files is rewritten the
  same way, so a stylesheet edit changes one file of the golden, not every page.
  The manifest proves each hash is the file's own.
- `assets/plotly.min.js` (the npm build or plotly.py's bundle) and `pagefind/`
  (Pagefind's own index and scripts): their paths only, with the content hash in
  Pagefind's file names written `<hash>` (it changes with any indexed word).
- chart pictures (`preview-*.svg` and the downloads `charts/<id>/<id>[-en][-dark].svg`,
  drawn by Chromium): the picture's size and the texts it shows, one per line, not the
  drawing's coordinates; the PNGs (share cards, downloads): their size only.
- `data/facts.db`: the SQL text of its tables and rows.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import shutil
import sqlite3
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import brotli

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
MINI = HERE / "fixtures" / "mini"
GOLDEN = HERE / "golden" / "mini"
ACTUAL = HERE / "golden" / "mini.actual"
PATHS = "paths.txt"

VENDORED = ("assets/plotly.min.js",)
TOOL_OUTPUT = ("pagefind/",)


def build_mini() -> dict[str, bytes]:
    """The mini fixture built in memory, as the pipeline builds any site."""
    sys.path.insert(0, str(PROJECT))
    from fuling.build.pipeline import build_files
    from fuling.core.reporter import MemoryReporter

    return build_files(MINI, reporter=MemoryReporter(), templates_dir=PROJECT / "templates")[2]


def compressed_copies(files: dict[str, bytes]) -> list[str]:
    """Every `.gz`/`.br` that does not decompress to the file beside it (expected: none)."""
    wrong = []
    for path, data in files.items():
        if path.endswith(".gz"):
            original, unpack = path[:-3], gzip.decompress
        elif path.endswith(".br"):
            original, unpack = path[:-3], brotli.decompress
        else:
            continue
        if files.get(original) != unpack(data):
            wrong.append(path)
    return wrong


def hashed_names(files: dict[str, bytes]) -> dict[str, str]:
    """hashed name -> logical name, from the build's manifest."""
    manifest = json.loads(files["assets/manifest.json"])
    return {hashed: logical for logical, hashed in manifest.items() if hashed != logical}


def wrong_hashes(files: dict[str, bytes]) -> list[str]:
    """Manifest entries whose hash is not the first digits of the file's SHA-256 (expected: none)."""
    wrong = []
    for hashed in hashed_names(files):
        digest = re.search(r"\.([0-9a-f]{10})\.[a-z0-9]+$", hashed)
        if digest is None or not hashlib.sha256(files[hashed]).hexdigest().startswith(digest.group(1)):
            wrong.append(hashed)
    return wrong


class _SvgTexts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.size = ""
        self.texts: list[str] = []
        self._in_text = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg" and not self.size:
            self.size = f"svg width={attrs.get('width')} height={attrs.get('height')}"
        if tag == "text":
            self._in_text += 1
            self.texts.append("")

    def handle_endtag(self, tag):
        if tag == "text" and self._in_text:
            self._in_text -= 1

    def handle_data(self, data):
        if self._in_text:
            self.texts[-1] += data


def picture_texts(svg: bytes) -> bytes:
    parser = _SvgTexts()
    parser.feed(svg.decode("utf-8"))
    lines = [parser.size, *(f"text: {t.strip()}" for t in parser.texts if t.strip())]
    return ("\n".join(lines) + "\n").encode("utf-8")


def png_size(data: bytes) -> bytes:
    """A PNG's width and height (its IHDR chunk): its pixels depend on the machine's fonts."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return f"PNG {width}x{height}\n".encode("utf-8")


def database_dump(data: bytes) -> bytes:
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "facts.db"
        db.write_bytes(data)
        with sqlite3.connect(db) as connection:
            text = "\n".join(connection.iterdump())
        connection.close()
    return (text + "\n").encode("utf-8")


def normalise(files: dict[str, bytes]) -> dict[str, bytes]:
    """The golden form of a built site: {path: bytes}, `paths.txt` included."""
    renames = hashed_names(files)
    pattern = re.compile("|".join(re.escape(name) for name in sorted(renames, key=len, reverse=True)))

    def logical(text: bytes) -> bytes:
        return pattern.sub(lambda m: renames[m.group(0)], text.decode("utf-8")).encode("utf-8")

    paths = sorted(f"{renames[p]} (under a hashed name)" if p in renames
                   else re.sub(r"_[0-9a-f]{7,}\.", "_<hash>.", p) if p.startswith(TOOL_OUTPUT) else p
                   for p in files if not p.endswith((".gz", ".br")))
    golden: dict[str, bytes] = {}
    for path, data in files.items():
        name = renames.get(path, path)
        if path.endswith((".gz", ".br")) or name in VENDORED or name.startswith(TOOL_OUTPUT):
            continue
        if name == "data/facts.db":
            golden[name] = database_dump(data)
        elif re.search(r"^charts/([^/]+)/(preview-\d+(-dark)?|\1(-en)?(-dark)?)\.svg$", name):
            golden[name] = picture_texts(data)
        elif name.endswith(".png"):
            golden[name] = png_size(data)
        else:
            golden[name] = logical(data)
    golden[PATHS] = ("\n".join(paths) + "\n").encode("utf-8")
    return golden


def read_tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def write_tree(root: Path, files: dict[str, bytes]) -> None:
    if root.exists():
        shutil.rmtree(root)
    for path, data in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help=f"rewrite {GOLDEN.relative_to(PROJECT)} from a build of the mini fixture")
    args = parser.parse_args(argv)
    files = build_mini()
    golden = normalise(files)
    if args.update:
        write_tree(GOLDEN, golden)
        print(f"{GOLDEN.relative_to(PROJECT)}: {len(golden)} files written; review `git diff --stat {GOLDEN.relative_to(PROJECT)}`")
        return 0
    kept = read_tree(GOLDEN)
    changed = sorted(p for p in set(kept) | set(golden) if kept.get(p) != golden.get(p))
    print("\n".join(changed) or "the build equals the golden copy")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
