"""extract: content/articles/*.md → content/facts/<slug>.yaml (proposed fact records).

Editing is the normal case, so this stage is careful with what is on disk:

- a fact file is written only where none exists, or with --force;
- with --force, a record marked `reviewed: true` (or `rejected: why`) is kept
  byte for byte, in place; other records are replaced by the fresh proposal for the same figure
  or dropped, and new figures are appended;
- --diff prints what a fresh extraction would add, change or drop and writes
  nothing.

A figure stated in several articles becomes one record (the earliest article
first) with the others under `also_in`, so nothing is counted twice.

A figure whose metric is not in content/metrics.yaml never reaches a fact file
(where it would stop the build): its record waits in
content/metrics-proposed.yaml under the catalogue entry drafted for it (key,
label, unit, measure), rewritten on every run. An editor accepts a draft by
adding its metric to the catalogue, under the drafted key, under any key with
the drafted label, or by listing the words under an entry's `words`
(catalogue.py); the next extraction files the figure. A drafted figure that
pairs with a record an editor already gave a catalogue metric keeps that metric.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fuling.core.articlefile import ArticleFormatError, read_article
from fuling.core.errors import BuildError, ContentError
from fuling.core.files import write_atomically
from fuling.core.listing import content_files
from fuling.core.model import Article
from fuling.core.numbers import format_value
from fuling.core.reporter import Reporter
from fuling.extract.article import Proposal, propose
from fuling.extract.catalogue import Catalogue, read_catalogue
from fuling.extract.drafts import MetricDraft
from fuling.extract.factfile import (
    FactFile,
    FactFileError,
    format_record,
    read_fact_file,
    write_fact_file,
)
from fuling.extract.figures import UNIT_NAMES
from fuling.extract.metrics import BY_KEY

PROPOSED = Path("content") / "metrics-proposed.yaml"
PROPOSED_HEADER = ("# Metrics that extraction met outside content/metrics.yaml, drafted for an editor: add one to the\n"
                   "# catalogue (this key, or any key with this label) and the next `build.py extract` files its facts.\n"
                   "# Written by `build.py extract` on every run; edits here are not kept.\n")
COMPARED = ("metric", "subject", "value", "unit", "period", "kind", "bound", "measure", "source", "also_in", "note")


def read_articles(root: Path, reporter: Reporter) -> tuple[list[Article], int]:
    articles, failures = [], 0
    refused: list[ContentError] = []
    try:
        paths = content_files(root, "content/articles", ".md", refused)
    except BuildError as failure:  # the folder cannot be read
        refused, paths = failure.errors, []
    for error in refused:  # links out of the project, loops, names no article has: never opened
        reporter.error(str(error))
        failures += 1
    for path in paths:
        try:
            articles.append(read_article(path, root))
        except ArticleFormatError as failure:
            for error in failure.errors:
                reporter.error(str(error))
            failures += 1
    return articles, failures


def _period_slug(period: str) -> str:
    return period.replace("/", "-to-")


def _value_slug(value: float) -> str:
    return format(abs(value), "g").replace(".", "-") if value >= 0 else "minus-" + format(abs(value), "g").replace(".", "-")


def assign_ids(proposals: list[Proposal]) -> None:
    """Ids from content: metric, measure, subject, kind, period; a paragraph or
    article suffix only where two different figures would share one."""
    def base(p: Proposal) -> str:
        r = p.record
        parts = [r["metric"].replace("_", "-")]
        if r["measure"] != "level" and not r["metric"].endswith(r["measure"]):
            parts.append(r["measure"])
        if p.slug:
            parts.append(p.slug)
        if r["kind"] != "actual":
            parts.append(r["kind"])
        parts.append(_period_slug(r["period"]))
        return "-".join(parts)

    groups: dict[str, list[Proposal]] = {}
    for p in proposals:
        groups.setdefault(base(p), []).append(p)
    for stem, group in groups.items():
        if len(group) == 1:
            group[0].record["id"] = stem
            continue
        for p in group:
            src = p.record["source"]
            p.record["id"] = f"{stem}-{src['paragraph']}"
        ids = [p.record["id"] for p in group]
        for p in group:
            if ids.count(p.record["id"]) > 1:  # two figures in one paragraph: tell them apart by value
                p.record["id"] = f"{p.record['id']}-{_value_slug(p.record['value'])}"


@dataclass
class Extraction:
    """Fresh records by article, and the drafted metric of each record that needs one."""

    files: dict[str, list[dict]]
    drafts: dict[str, MetricDraft] = field(default_factory=dict)  # record id -> draft


def take_catalogue_metric(p: Proposal, catalogue: Catalogue) -> None:
    """A draft the editor has taken into the catalogue (by key, label or one of its words) is no draft."""
    draft = p.metric_draft
    if draft is not None and (key := catalogue.metric_for(draft, p.record["unit"])):
        p.record["metric"] = key
        p.metric_draft = None


def extract_records(articles: list[Article], catalogue: Catalogue | None = None) -> Extraction:
    """Fresh proposals for every article, merged across articles, with ids."""
    ordered = sorted(articles, key=lambda a: (a.date, a.slug))
    kept: list[Proposal] = []
    by_identity: dict[tuple, Proposal] = {}
    for article in ordered:
        for p in propose(article):
            take_catalogue_metric(p, catalogue or Catalogue())
            key = p.identity + (p.record["bound"],)
            first = by_identity.get(key)
            if first is None:
                by_identity[key] = p
                kept.append(p)
            elif first.record["source"]["article"] != article.slug:
                first.record.setdefault("also_in", []).append(dict(p.record["source"]))
            # the same figure twice in one article: the first statement is enough
    assign_ids(kept)
    files: dict[str, list[dict]] = {a.slug: [] for a in articles}
    drafts: dict[str, MetricDraft] = {}
    for p in kept:
        files[p.record["source"]["article"]].append(_ordered(p.record))
        if p.metric_draft is not None:
            drafts[p.record["id"]] = p.metric_draft
    return Extraction(files, drafts)


def _ordered(record: dict) -> dict:
    keys = ("id", "metric", "subject", "value", "unit", "period", "kind", "bound", "measure", "source", "also_in", "note")
    return {k: record[k] for k in keys if k in record}


def _sources_of(record: dict) -> list[dict]:
    return [s for s in [record.get("source"), *(record.get("also_in") or [])] if isinstance(s, dict)]


def _keys(record: dict, level: int) -> set[tuple]:
    """What identifies a figure, strongest first: 0 its id; 1 where it is quoted and its
    value; 2 its paragraph, metric and value. A later level is tried only for
    records no earlier level paired, so two 300亿元 targets in one paragraph stay apart."""
    if level == 0:
        return {("id", record.get("id"))}
    value, unit = record.get("value"), UNIT_NAMES.get(record.get("unit"), record.get("unit"))  # 百分点 = 个百分点
    if level == 1:
        return {(s.get("article"), s.get("quote"), value, unit) for s in _sources_of(record)}
    return {(s.get("article"), s.get("paragraph"), record.get("metric"), value, unit) for s in _sources_of(record)}


def pair(existing: list[dict], fresh: list[dict]) -> dict[int, int]:
    """Existing record index -> fresh proposal index for the same figure."""
    pairs: dict[int, int] = {}
    for level in range(3):
        taken = set(pairs.values())
        for i, record in enumerate(existing):
            if i in pairs:
                continue
            keys = _keys(record, level)
            j = next((j for j, f in enumerate(fresh) if j not in taken and keys & _keys(f, level)), None)
            if j is not None:
                pairs[i] = j
                taken.add(j)
    return pairs


def settle_drafts(existing: FactFile, fresh: list[dict], drafts: dict[str, MetricDraft],
                  known: set[str]) -> tuple[list[dict], list[dict]]:
    """(records for the fact file, records waiting for their drafted metric). A drafted
    figure that pairs with a record whose metric the catalogue knows keeps that metric."""
    classified = [r for r in fresh if r["id"] not in drafts]
    drafted = [r for r in fresh if r["id"] in drafts]
    on_file = [c.data for c in existing.records if c.data.get("metric") in known]
    pairs = {j: i for i, j in pair(on_file, drafted).items()}
    waiting = []
    for j, record in enumerate(drafted):
        if j in pairs:
            classified.append({**record, "metric": on_file[pairs[j]]["metric"]})
        else:
            waiting.append(record)
    order = {r["id"]: n for n, r in enumerate(fresh)}
    return sorted(classified, key=lambda r: order[r["id"]]), waiting


def proposed_entries(waiting: list[dict], drafts: dict[str, MetricDraft]) -> list[dict]:
    """One drafted catalogue entry per key, with the records that wait for it."""
    entries: dict[str, dict] = {}
    for record in waiting:
        draft = drafts[record["id"]]
        entry = entries.setdefault(draft.key, {**draft.entry(), "facts": []})
        entry["facts"].append(record)
    return list(entries.values())


def write_proposed(root: Path, entries: list[dict]) -> None:
    path = root / PROPOSED
    if not entries:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, (PROPOSED_HEADER + "".join(format_record(e) for e in entries)).encode("utf-8"))


def _covered_elsewhere(record: dict, reviewed_elsewhere: list[dict]) -> bool:
    """A fresh proposal an editor has folded into a reviewed record of another file
    (as its source or under also_in) is not proposed again."""
    src = record["source"]

    def same_place(s: dict) -> bool:
        quote = s.get("quote") or ""
        if s.get("article") != src["article"] or not quote:
            return False
        # the editor may have shortened the quote: one contains the other, in the same paragraph
        return quote == src["quote"] or (s.get("paragraph") == src["paragraph"] and (quote in src["quote"] or src["quote"] in quote))

    return any(same_place(s) and other.get("unit") == record["unit"]
               for other in reviewed_elsewhere for s in _sources_of(other))


def merge(existing: FactFile, fresh: list[dict], reviewed_elsewhere: list[dict]) -> tuple[list, dict]:
    """Records to write (existing reviewed chunks verbatim, or fresh dicts) and what changed."""
    out: list = []
    report = {"add": [], "change": [], "unmatched": [], "kept": [], "lost": []}
    pairs = pair([chunk.data for chunk in existing.records], fresh)
    for i, chunk in enumerate(existing.records):
        record, match = chunk.data, pairs.get(i)
        if record.get("reviewed") not in (None, False) or record.get("rejected"):  # a person's word: reviewed (even if written oddly) or rejected
            out.append(chunk)
            if match is not None and _differs(record, fresh[match]):
                report["kept"].append((record.get("id"), _changes(record, fresh[match])))
            elif match is None and not record.get("rejected"):
                report["lost"].append((record.get("id"), ""))  # the extractor no longer finds what a person reviewed
            continue
        if match is None:
            # Not (or no longer) proposed: perhaps added by hand. Never dropped; the editor decides.
            out.append(chunk)
            report["unmatched"].append((record.get("id"), ""))
            continue
        if _differs(record, fresh[match]):
            report["change"].append((record.get("id"), _changes(record, fresh[match])))
        out.append(fresh[match])
    used = set(pairs.values())
    for j, record in enumerate(fresh):
        if j in used or _covered_elsewhere(record, reviewed_elsewhere):
            continue
        report["add"].append((record["id"], f"{format_value(record['value'])} {record['unit']} {record['source']['quote']}"))
        out.append(record)
    return out, report


def _differs(old: dict, new: dict) -> bool:
    return any(old.get(k) != new.get(k) for k in COMPARED if k != "note")


def _changes(old: dict, new: dict) -> str:
    parts = [f"{k}: {old.get(k)!r} → {new.get(k)!r}" for k in COMPARED
             if k not in ("source", "also_in", "note") and old.get(k) != new.get(k)]
    for k in ("source", "also_in"):
        if old.get(k) != new.get(k):
            parts.append(f"{k}: {_sources(old.get(k))} → {_sources(new.get(k))}")
    return "; ".join(parts)


def _sources(value) -> str:
    items = value if isinstance(value, list) else [value] if value else []
    return ", ".join(f"{s.get('article')}#{s.get('paragraph')}" for s in items if isinstance(s, dict)) or "none"


def extract_all(root: Path, force: bool = False, diff: bool = False, reporter: Reporter | None = None) -> int:
    reporter = reporter or Reporter()
    articles, failures = read_articles(root, reporter)
    reporter.stage("extract", f"{len(articles)} articles")
    catalogue = read_catalogue(root)
    extraction = extract_records(articles, catalogue)
    fresh, known = extraction.files, catalogue.keys | set(BY_KEY)
    facts_dir = root / "content" / "facts"
    try:
        existing = {slug: read_fact_file(facts_dir / f"{slug}.yaml", f"content/facts/{slug}.yaml") for slug in fresh}
    except FactFileError as failure:  # an editor's file is never overwritten unread
        reporter.error(str(failure.error))
        reporter.info("extract failed: nothing was written")
        return 1
    reviewed_by_file = {slug: [c.data for c in f.records if c.data.get("reviewed") is True] for slug, f in existing.items()}
    written = skipped = 0
    waiting: list[dict] = []
    for done, (slug, all_records) in enumerate(sorted(fresh.items()), 1):
        path = facts_dir / f"{slug}.yaml"
        others = [r for s, rs in reviewed_by_file.items() if s != slug for r in rs]
        records, drafted = settle_drafts(existing[slug], all_records, extraction.drafts, known)
        waiting += drafted
        if diff:
            _, report = merge(existing[slug], records, others)
            _print_diff(reporter, f"content/facts/{slug}.yaml", report, existing[slug].exists)
        elif existing[slug].exists and not force:
            skipped += 1
        else:
            out, _ = merge(existing[slug], records, others)
            write_fact_file(path, existing[slug], out)
            written += 1
        reporter.progress("extract", done, len(fresh))
    entries = proposed_entries(waiting, extraction.drafts)
    if diff:
        _print_drafts(reporter, entries)
    else:
        write_proposed(root, entries)
        total = sum(len(r) for r in fresh.values())
        reporter.info(f"extract: {total} figures proposed; {written} fact files written, "
                      f"{skipped} kept as they are (use --force to refresh unreviewed records); "
                      f"{len(waiting)} figures wait for {len(entries)} drafted metrics in {PROPOSED.as_posix()}")
    return 1 if failures else 0


def _print_drafts(reporter: Reporter, entries: list[dict]) -> None:
    figures = sum(len(e["facts"]) for e in entries)
    reporter.info(f"{PROPOSED.as_posix()}: {len(entries)} drafted metrics for {figures} figures outside the catalogue")
    for entry in entries:
        quotes = "; ".join(f["source"]["quote"] for f in entry["facts"][:3])
        reporter.info(f"  ? {entry['key']} ({entry['label']}, {entry['unit'] or 'no unit'}, {entry['measure']}): {quotes}")


def _print_diff(reporter: Reporter, rel: str, report: dict, exists: bool) -> None:
    lines = []
    for record_id, what in report["add"]:
        lines.append(f"  + {record_id}: {what}")
    for record_id, what in report["change"]:
        lines.append(f"  ~ {record_id}: {what}")
    for record_id, _ in report["unmatched"]:
        lines.append(f"  ? {record_id}: extraction does not propose it; kept (delete it if it is wrong)")
    for record_id, what in report["kept"]:
        lines.append(f"  = {record_id} (reviewed, kept): extraction now reads {what}")
    for record_id, _ in report["lost"]:
        lines.append(f"  = {record_id} (reviewed, kept): extraction no longer proposes it")
    if not exists:
        reporter.info(f"{rel}: new file, {len(report['add'])} records")
    elif lines:
        reporter.info(f"{rel}: {len(report['add'])} to add, {len(report['change'])} to change, "
                      f"{len(report['unmatched'])} not proposed (kept)")
    else:
        reporter.info(f"{rel}: no changes")
        return
    for line in lines:
        reporter.info(line)

