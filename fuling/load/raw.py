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

    def known(self, kind: str, name: str, present) -> bool:
        return name in present or name in self.broken[kind]
