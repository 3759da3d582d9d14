"""Stage `ingest`: seeds/*.txt -> content/articles/<slug>.md.

Every seed is read and parsed before any file is written, so a bad seed
leaves content/articles/ untouched. Files are written through a temporary
file and os.replace. An article whose bytes differ from what ingest last
wrote (recorded in content/articles/.ingest-hashes.json) was edited by a
person and is kept unless `force`.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from fuling.core.articlefile import format_article
from fuling.core.errors import ContentError
from fuling.core.reporter import Reporter
from fuling.ingest.parse import Draft, parse_seed
from fuling.ingest.pieces import SEEDS

HASHES_FILE = ".ingest-hashes.json"


def _rel(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def read_seed(path: Path, rel: str, errors: list[ContentError]) -> str | None:
    """The seed's text, or None with an error for an unreadable, non-UTF-8 or empty file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        errors.append(ContentError(rel, 0, "", f"cannot read seed: {exc.strerror}"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        errors.append(ContentError(rel, 0, "", f"not UTF-8 ({exc.reason} at byte {exc.start}); save the seed as UTF-8"))
        return None
    if not text.strip():
        errors.append(ContentError(rel, 0, "", "empty seed: no text"))
        return None
    return text


def render_articles(seeds_dir: Path, errors: list[ContentError]) -> dict[str, str]:
    """Article file name -> text, for every seed. Errors are collected, not raised."""
    base = seeds_dir.parent
    seeds = sorted(seeds_dir.glob("*.txt"))
    if not seeds:
        errors.append(ContentError(_rel(seeds_dir, base), 0, "", "no seeds (*.txt) found"))
    drafts: list[Draft] = []
    for path in seeds:
        rel = _rel(path, base)
        text = read_seed(path, rel, errors)
        if text is not None:
            drafts.extend(parse_seed(path.name, text, SEEDS.get(path.name), rel, errors))
    files: dict[str, str] = {}
    for draft in drafts:
        name = f"{draft.spec.slug}.md"
        if name in files:
            errors.append(ContentError(draft.seed, 0, "slug", f"{draft.spec.slug} is produced twice"))
        files[name] = format_article(draft.meta(), draft.blocks)
    return files


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_hashes(articles_dir: Path) -> dict[str, str]:
    path = articles_dir / HASHES_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def ingest_all(seeds_dir: Path, articles_dir: Path, force: bool = False, reporter: Reporter | None = None) -> int:
    """Write content/articles/<slug>.md for every piece of every seed. Returns the exit status."""
    reporter = reporter or Reporter()
    seeds_dir, articles_dir = Path(seeds_dir), Path(articles_dir)
    errors: list[ContentError] = []
    files = render_articles(seeds_dir, errors)
    if errors:
        for error in sorted(set(errors), key=lambda e: (e.path, e.line, e.field, e.message)):
            reporter.error(str(error))
        reporter.info(f"ingest failed: {len(set(errors))} error(s); no article was written")
        return 1

    articles_dir.mkdir(parents=True, exist_ok=True)
    hashes = load_hashes(articles_dir)
    new_hashes = dict(hashes)
    shown = _rel(articles_dir, seeds_dir.parent)
    written, unchanged, kept = [], [], []
    for name, text in files.items():
        data = text.encode("utf-8")
        path = articles_dir / name
        if path.exists():
            current = path.read_bytes()
            if current == data:
                unchanged.append(name)
                new_hashes[name] = _digest(data)
                continue
            if hashes.get(name) != _digest(current) and not force:
                kept.append(name)  # a person changed it since ingest wrote it
                continue
        _write_atomic(path, data)
        new_hashes[name] = _digest(data)
        written.append(name)
    if new_hashes != hashes:
        payload = json.dumps(dict(sorted(new_hashes.items())), indent=2, ensure_ascii=False) + "\n"
        _write_atomic(articles_dir / HASHES_FILE, payload.encode("utf-8"))

    reporter.stage("ingest", f"{len(files)} articles from {len(list(seeds_dir.glob('*.txt')))} seeds")
    for name in written:
        reporter.info(f"wrote {shown}/{name}")
    for name in kept:
        reporter.warn(f"kept {shown}/{name}: edited since ingest wrote it (run `build.py ingest --force` to overwrite)")
    reporter.info(f"ingest: {len(written)} written, {len(unchanged)} unchanged, {len(kept)} kept")
    return 0
