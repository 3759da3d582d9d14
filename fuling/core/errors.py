"""Content errors: every problem names the file, the line, the field and what is wrong."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ContentError:
    path: str  # relative to the project root
    line: int  # 1-based; 0 when the whole file is at fault
    field: str  # e.g. "value", "source.quote"; "" when not about one field
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class BuildError(Exception):
    """Raised with every error found, so one run reports them all."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(set(errors), key=lambda e: (e.path, e.line, e.field, e.message))
        super().__init__("\n".join(str(e) for e in self.errors))
