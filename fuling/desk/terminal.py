"""`build.py review`: the proposals waiting for review, one at a time, in the terminal.

For each: its quote and fields, then a one-letter choice — accept, edit a field
(then accept), reject with a reason, skip, quit. Decisions go through
fuling.desk.review, as the desk in the browser's do.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, TextIO

from fuling.core.errors import BuildError
from fuling.desk.review import EDITABLE, Check, Record, accept, find_record, reject, waiting_records

CHOICE = "[a] accept  [e] edit a field  [r] reject  [s] skip  [q] quit > "


def _show(record: Record, number: int, total: int, changes: dict[str, str], say: Callable[[str], None]) -> None:
    say(f"\n[{number}/{total}] {record.fact_id}  ({record.path}:{record.line})")
    say(f"  “{record.quote}” — {record.article}#{record.paragraph}")
    shown = {**record.fields, **changes}
    say("  " + "  ".join(f"{key}: {shown[key]}{' *' if key in changes else ''}" for key in EDITABLE if shown[key]))


def review_in_terminal(root: Path, stdin: TextIO, say: Callable[[str], None], check: Check | None) -> int:
    """Ask about every waiting proposal; the number of decisions written."""
    waiting = waiting_records(root)
    if not waiting:
        say("no proposals wait for review")
        return 0
    say(f"{len(waiting)} proposal{'s' if len(waiting) != 1 else ''} wait{'s' if len(waiting) == 1 else ''} for review")

    def ask(prompt: str) -> str | None:
        say(prompt)
        line = stdin.readline()
        return None if not line else line.strip()  # None: end of input

    decided = 0
    for number, listed in enumerate(waiting, 1):
        record, changes = find_record(root, listed.fact_id), {}  # read again: an earlier decision moved lines
        _show(record, number, len(waiting), changes, say)
        while True:
            choice = ask(CHOICE)
            if choice is None or choice == "q":
                return decided
            if choice == "s":
                break
            try:
                if choice == "a":
                    say(accept(root, record.fact_id, changes, digest=record.digest, check=check))
                    decided += 1
                    break
                if choice == "r":
                    reason = ask("why is it wrong? > ")
                    if reason is None:
                        return decided
                    say(reject(root, record.fact_id, reason, digest=record.digest, check=check))
                    decided += 1
                    break
                if choice == "e":
                    while (key := ask(f"field ({', '.join(EDITABLE)}; empty to finish) > ")):
                        if key not in EDITABLE:
                            say(f"  {key!r} is not a field the review edits")
                            continue
                        text = ask(f"{key} (now {changes.get(key, record.fields[key])!r}) > ")
                        if text is None:
                            return decided
                        changes[key] = text
                    _show(record, number, len(waiting), changes, say)
                    continue
                say(f"  {choice!r}: type a, e, r, s or q")
            except BuildError as failure:  # said, nothing written: decide again
                for error in failure.errors:
                    say(f"  {error}")
    return decided
