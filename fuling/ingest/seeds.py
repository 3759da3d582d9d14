"""Stage `ingest`: seeds/*.txt and seeds/*.html -> content/articles/<slug>.md.

Each report is read on its own: one that cannot be read (bad bytes, no body,
no date the rules can find, a sidecar that does not fit the print) is listed
with what to add to its sidecar, and the others are still written; the exit
status says whether any failed. Files are written through a temporary file
and os.replace. An article whose bytes differ from what ingest last wrote
(recorded in content/articles/.ingest-hashes.json) was edited by a person
and is kept unless `force`.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from fuling.core.articlefile import format_article
from fuling.core.errors import ContentError
from fuling.core.files import write_atomically
from fuling.core.reporter import Reporter
from fuling.ingest.draft import Draft
from fuling.ingest.lines import Line
from fuling.ingest.parse import parse_lines, seed_lines
from fuling.ingest.pieces import SeedSpec, read_sidecar, sidecar_name, sidecar_path
from fuling.ingest.webpage import read_page

HASHES_FILE = ".ingest-hashes.json"
SEED_SUFFIXES = (".txt", ".html")


def _rel(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def seed_files(seeds_dir: Path) -> list[Path]:
    """The reports in seeds/: plain text and saved web pages."""
    return sorted(p for p in seeds_dir.iterdir() if p.suffix in SEED_SUFFIXES) if seeds_dir.is_dir() else []


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


def _page_drafts(path: Path, rel: str, spec: SeedSpec | None, errors: list[ContentError]) -> list[Draft]:
    try:
        page = read_page(path.read_bytes())
    except OSError as exc:
        errors.append(ContentError(rel, 0, "", f"cannot read seed: {exc.strerror}"))
        return []
    if isinstance(page, str):
        errors.append(ContentError(rel, 0, "", f"{page}; save the article's own page, not an index or a search result"))
        return []
    lines = [Line(no, text, 1) for no, text in page.lines]
    return parse_lines(path.name, lines, spec, rel, errors, page.date)


def seed_drafts(path: Path, base: Path, errors: list[ContentError]) -> list[Draft]:
    """The articles of one seed, read with its sidecar if it has one."""
    rel = _rel(path, base)
    spec = None
    if (sidecar := sidecar_path(path)).exists():
        spec = read_sidecar(sidecar, _rel(sidecar, base), errors)
        if spec is None:
            return []
    if path.suffix == ".html":
        return _page_drafts(path, rel, spec, errors)
    text = read_seed(path, rel, errors)
    return [] if text is None else parse_lines(path.name, seed_lines(text), spec, rel, errors)


def _to_confirm(draft: Draft, rel: str) -> list[ContentError]:
    """What the rules decided and the editor should confirm in the sidecar."""
    sidecar = sidecar_name(rel)
    notes = []
    if draft.date.inferred:
        notes.append(ContentError(rel, draft.date.line, "date", f"{draft.slug}: inferred {draft.date.date} "
                                  f"({draft.date.basis}) — confirm it with date: {draft.date.date} in {sidecar}"))
    if draft.title_drafted:
        notes.append(ContentError(rel, 0, "title", f"{draft.slug}: none printed; drafted {draft.heads['title']!r} "
                                  f"from the first sentence — write title: … in {sidecar}"))
    return notes


def render_articles(seeds_dir: Path, errors: list[ContentError],
                    to_confirm: list[ContentError] | None = None) -> dict[str, str]:
    """Article file name -> text, for every seed that can be read. Errors are collected, not raised."""
    base = seeds_dir.parent
    seeds = seed_files(seeds_dir)
    if not seeds:
        errors.append(ContentError(_rel(seeds_dir, base), 0, "", "no seeds (*.txt, *.html) found"))
    for sidecar in sorted(seeds_dir.glob("*.yaml")) if seeds_dir.is_dir() else []:
        if not any(sidecar.with_suffix(s).exists() for s in SEED_SUFFIXES):
            errors.append(ContentError(_rel(sidecar, base), 0, "", "a sidecar without its seed; name it after a "
                                       "seed in seeds/ (seeds/<seed-name>.yaml)"))
    files: dict[str, str] = {}
    makers: dict[str, str] = {}
    for path in seeds:
        rel = _rel(path, base)
        found: list[ContentError] = []
        drafts = seed_drafts(path, base, found)
        clash = [d for d in drafts if f"{d.slug}.md" in files]
        for draft in clash:
            found.append(ContentError(rel, 0, "slug", f"{draft.slug} is produced by {makers[draft.slug + '.md']} too; "
                                      f"add slug: <another-slug> to {sidecar_name(rel)}"))
        if found:  # a report is written whole or not at all
            errors.extend(found)
            continue
        for draft in drafts:
            name = f"{draft.slug}.md"
            files[name], makers[name] = format_article(draft.meta(), draft.blocks), rel
            if to_confirm is not None:
                to_confirm.extend(_to_confirm(draft, rel))
    return files


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_hashes(articles_dir: Path) -> dict[str, str]:
    path = articles_dir / HASHES_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def ingest_all(seeds_dir: Path, articles_dir: Path, force: bool = False, reporter: Reporter | None = None) -> int:
    """Write content/articles/<slug>.md for every piece of every seed that can be read.
    Returns the exit status: 1 when any seed could not be read."""
    reporter = reporter or Reporter()
    seeds_dir, articles_dir = Path(seeds_dir), Path(articles_dir)
    errors: list[ContentError] = []
    to_confirm: list[ContentError] = []
    files = render_articles(seeds_dir, errors, to_confirm)
    reporter.stage("ingest", f"{len(files)} articles from {len(seed_files(seeds_dir))} seeds")
    for error in sorted(set(errors), key=lambda e: (e.path, e.line, e.field, e.message)):
        reporter.error(str(error))
    for note in to_confirm:
        reporter.warn(str(note))

    written, unchanged, kept = [], [], []
    if files:
        articles_dir.mkdir(parents=True, exist_ok=True)
        hashes = load_hashes(articles_dir)
        new_hashes = dict(hashes)
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
            write_atomically(path, data)
            new_hashes[name] = _digest(data)
            written.append(name)
        if new_hashes != hashes:
            payload = json.dumps(dict(sorted(new_hashes.items())), indent=2, ensure_ascii=False) + "\n"
            write_atomically(articles_dir / HASHES_FILE, payload.encode("utf-8"))

    shown = _rel(articles_dir, seeds_dir.parent)
    for name in written:
        reporter.info(f"wrote {shown}/{name}")
    for name in kept:
        reporter.warn(f"kept {shown}/{name}: edited since ingest wrote it (run `build.py ingest --force` to overwrite)")
    failed = len({sidecar_name(e.path) for e in errors})  # a seed and its sidecar count once
    refused = f"; {failed} seed(s) not ingested, {len(set(errors))} error(s) above" if errors else ""
    reporter.info(f"ingest: {len(written)} written, {len(unchanged)} unchanged, {len(kept)} kept{refused}")
    return 1 if errors else 0
