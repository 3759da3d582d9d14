"""Progress and errors go through a reporter, not scattered prints (as Lektor does)."""
from __future__ import annotations

import os
import sys
from typing import Callable, TextIO

BAR_WIDTH = 28
# Plain (non-terminal) output prints one line per this fraction of a stage, so CI logs stay short.
PLAIN_STEP = 0.25
# A loop over this many items (article files, fact files, article pages, files to
# compress) reports its progress: at 1,000 articles each takes seconds; at 100 they
# are over in well under a second, before anyone would look.
LONG_LOOP = 500

Progress = Callable[[str, int, int], None]  # (stage, done, total), as Reporter.progress takes them


def report_progress(progress: Progress | None, name: str, done: int, total: int) -> None:
    """Tell `progress` how far a loop of `total` items is, if the loop is long (LONG_LOOP)."""
    if progress is not None and total >= LONG_LOOP:
        progress(name, done, total)


class Reporter:
    """Writes plain lines: one per stage, warnings, errors, a closing summary.

    `progress(name, done, total)` draws a bar that redraws in place when the
    stream is a terminal, and a few plain lines (0%, 25%, ... 100%) otherwise.
    """

    def __init__(self, stream: TextIO | None = None, quiet: bool = False, tty: bool | None = None):
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.warnings: list[str] = []
        self.tty = _is_terminal(self.stream) if tty is None else tty
        self._bar_open = False  # a progress line is on screen without its newline
        self._plain_next: dict[str, float] = {}  # stage -> next fraction worth a plain line

    def _print(self, line: str) -> None:
        if self._bar_open:
            self.stream.write("\n")
            self._bar_open = False
        print(line, file=self.stream, flush=True)

    def stage(self, name: str, detail: str = "") -> None:
        if not self.quiet:
            self._print(f"[{name}] {detail}".rstrip())

    def progress(self, name: str, done: int, total: int) -> None:
        """Report `done` of `total` items of stage `name`; call as often as convenient."""
        if self.quiet or total <= 0:
            return
        done = max(0, min(done, total))
        fraction = done / total
        if self.tty:
            filled = round(BAR_WIDTH * fraction)
            bar = "█" * filled + "░" * (BAR_WIDTH - filled)
            self.stream.write(f"\r\x1b[K[{name}] {bar} {done}/{total}")
            self.stream.flush()
            self._bar_open = True
            if done == total:
                self.stream.write("\n")
                self.stream.flush()
                self._bar_open = False
            return
        next_step = self._plain_next.get(name, 0.0)
        if fraction >= next_step or done == total:
            self._print(f"[{name}] {done}/{total} ({fraction:.0%})")
            self._plain_next[name] = (int(fraction / PLAIN_STEP) + 1) * PLAIN_STEP
            if done == total:
                self._plain_next.pop(name, None)

    def summary(self, pages: int, charts: int, facts: int, seconds: float) -> None:
        """The closing line of a build."""
        if not self.quiet:
            self._print(f"built {pages} pages, {charts} charts, {facts} facts in {seconds:.2f} s")

    def info(self, message: str) -> None:
        if not self.quiet:
            self._print(message)

    def warn(self, message: str) -> None:
        self.warnings.append(message)
        self._print(f"warning: {message}")

    def error(self, message: str) -> None:
        self._print(f"error: {message}")


def _is_terminal(stream: TextIO) -> bool:
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class MemoryReporter(Reporter):
    """Collects lines in memory, for tests."""

    def __init__(self, tty: bool = False):
        import io

        super().__init__(stream=io.StringIO(), tty=tty)

    @property
    def text(self) -> str:
        return self.stream.getvalue()
