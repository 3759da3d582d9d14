"""The YAML each model object came from, kept while loading so cross-reference errors can name a line."""
from __future__ import annotations


class Raw:
    """The YAML each model object came from, so cross-reference errors can name a line."""

    def __init__(self):
        self.site: dict = {}
        self.metrics: dict[str, dict] = {}
        self.themes: dict[str, tuple[dict, int, str]] = {}  # slug -> (front matter, body line, body)
        self.charts: dict[str, dict] = {}
        # names (fact ids, metric keys, slugs, chart ids) whose own record has an error already
        # reported: references to them are not reported again as unknown
        self.broken: dict[str, set[str]] = {kind: set() for kind in ("fact", "metric", "article", "theme", "chart")}
        # facts proposed by extraction that nobody has reviewed yet: not published, so not
        # to be referenced; where they are, the error says so rather than "unknown"
        self.waiting: dict[str, str] = {}  # fact id -> "path:line" of its record

    def known(self, kind: str, name: str, present) -> bool:
        return name in present or name in self.broken[kind]

    def unknown_fact(self, fact_id: str) -> str:
        """Why a reference to `fact_id` finds no published fact, and what to do."""
        if fact_id in self.waiting:
            return (f"fact {fact_id!r} waits for review ({self.waiting[fact_id]}) and is not published: "
                    f"check it and set reviewed: true, or refer to another fact")
        return f"unknown fact id {fact_id!r}; the ids are in content/facts/"
