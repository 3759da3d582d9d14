"""Progress and errors go through a reporter, not scattered prints (as Lektor does)."""
from __future__ import annotations

import sys
from typing import TextIO


class Reporter:
    """Writes plain lines: one per stage, warnings, errors, a closing summary."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False):
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.warnings: list[str] = []

    def stage(self, name: str, detail: str = "") -> None:
        if not self.quiet:
            print(f"[{name}] {detail}".rstrip(), file=self.stream, flush=True)

    def info(self, message: str) -> None:
        if not self.quiet:
            print(message, file=self.stream, flush=True)

    def warn(self, message: str) -> None:
        self.warnings.append(message)
        print(f"warning: {message}", file=self.stream, flush=True)

    def error(self, message: str) -> None:
        print(f"error: {message}", file=self.stream, flush=True)


class MemoryReporter(Reporter):
    """Collects lines in memory, for tests."""

    def __init__(self):
        import io

        super().__init__(stream=io.StringIO())

    @property
    def text(self) -> str:
        return self.stream.getvalue()
