"""An editor's change of one number, as tests make it: the new value and the correction
that says what the source printed (what `build.py fix` writes), through the same writer."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from fuling.desk.fix import apply_fix, records_of
from fuling.desk.yamlfile import EditableYaml


def edit_value(path: Path, old: float, new: float, reason: str = "测试改正") -> None:
    """Change the first record of the fact file at `path` whose value is `old` to `new`."""
    editable = EditableYaml(Path(path), Path(path).name)
    record = next(r for r in records_of(editable.document) if r.get("value") == old)
    apply_fix(editable, record["id"], new, reason, dt.date(2024, 4, 1))
    editable.save()


def corrected(old: float, new: float, indent: str = "  ") -> str:
    """The lines that replace `value: <old>` in a fact file written by hand, with the
    correction on record: for tests that edit the file as an editor's text editor does."""
    return f"value: {new}\n{indent}corrections: [{{date: 2024-04-01, old_value: {old}, reason: 测试改正}}]\n"
