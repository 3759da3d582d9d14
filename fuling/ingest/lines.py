"""One printed line of a seed, as the ingest rules read it."""
from __future__ import annotations

from dataclasses import dataclass

from fuling.ingest.script import rule_text


@dataclass
class Line:
    no: int  # 1-based line in the seed
    text: str  # stripped
    gap: int  # blank (or whitespace-only) lines before it
    rule: str = ""  # what the rules read: `text` in Simplified, half-width (script.rule_text)

    def __post_init__(self) -> None:
        self.rule = self.rule or rule_text(self.text)
