"""An article in the making: what ingest has read of one piece of a seed so far, and
its front matter in the article format's field order."""
from __future__ import annotations

from dataclasses import dataclass, field

from fuling.core.model import Block, Caption
from fuling.ingest import masthead
from fuling.ingest.dates import Body, DateFinding
from fuling.ingest.lines import Line
from fuling.ingest.pieces import PieceSpec


@dataclass
class Draft:
    spec: PieceSpec
    seed: str
    heads: dict[str, str] = field(default_factory=dict)
    authors: list[str] = field(default_factory=list)
    publication: str = ""
    bylines: list[str] = field(default_factory=list)
    credit: str = ""
    author_note: str = ""
    captions: list[Caption] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    truncated: list[tuple[str, str]] = field(default_factory=list)  # (anchor, last words)
    slug: str = ""
    title_drafted: bool = False  # the print has no headline: the title is the first sentence's
    sources: list[tuple[Line, masthead.SourceLine]] = field(default_factory=list)
    dateline: tuple[Line, masthead.Dateline] | None = None
    body: Body = Body("", "")  # the text for the date rules
    date: DateFinding | None = None

    def meta(self) -> dict:
        """Front matter in a fixed field order (docs/content-format.md)."""
        spec = self.spec
        meta: dict = {"title": self.heads.get("title", ""), "slug": self.slug}
        for name in ("kicker", "subtitle", "series", "banner"):
            if self.heads.get(name):
                meta[name] = self.heads[name]
        meta["date"] = self.date.date
        meta["date_basis"] = self.date.basis
        meta["publication"] = spec.publication or self.publication
        meta["authors"] = list(self.authors)
        meta["author_note"] = self.author_note
        if self.bylines:
            meta["byline"] = " ".join(self.bylines)
        if self.credit:
            meta["credit"] = self.credit
        meta["place"] = spec.place
        meta["seed"] = self.seed
        meta["captions"] = [
            {"text": c.text, "credit": c.credit or self.credit} for c in self.captions
        ]
        meta["summary"] = spec.summary
        meta["tags"] = list(spec.tags)
        notes = []
        if self.truncated:
            notes.append("；".join(
                f"{anchor}止于“…{words}”，印刷文本在此中断，后文未印出" for anchor, words in self.truncated
            ) + "。")
        if self.title_drafted:
            notes.append("原文未印标题，标题取自正文首句，待编辑核实。")
        if self.date.inferred:
            notes.append("原文未印完整日期，日期据文中证据推定（见日期依据），待编辑核实。")
        if notes:
            meta["note"] = "".join(notes)
        return meta
