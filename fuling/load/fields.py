"""Typed field readers for YAML records; each problem becomes a ContentError.

Every reader returns a usable default after recording the error, so the
loader keeps going and one run reports every problem in `content/`.
"""
from __future__ import annotations

import datetime as dt
import math
import re

from fuling.core.errors import ContentError
from fuling.core.yamlread import content_date, describe
from fuling.load.yamlfile import LineDict, LineList, Refused

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # kebab-case: fact, chart ids, slugs
KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")  # snake_case: metric keys
# Larger than any figure of a district (its output is about 3×10^3 亿元); beyond it
# sums and axis ranges of a chart would overflow.
MAX_FIGURE = 1e15


def line_of(container, key) -> int:
    if isinstance(container, (LineDict, LineList)):
        return container.line_of(key)
    return 0


class Fields:
    """Reads the fields of one record of one file, recording errors with the field's line."""

    def __init__(self, path: str, errors: list[ContentError], prefix: str = ""):
        self.path = path
        self.errors = errors
        self.prefix = prefix  # "source." for nested records, so errors name "source.quote"

    def error(self, record, key, message: str, field: str | None = None) -> None:
        name = field if field is not None else f"{self.prefix}{key}"
        self.errors.append(ContentError(self.path, line_of(record, key), name, message))

    def nested(self, prefix: str) -> "Fields":
        return Fields(self.path, self.errors, self.prefix + prefix)

    def unknown(self, record: dict, allowed: set[str]) -> None:
        for key in record:
            if key not in allowed:
                self.error(record, key, f"unknown field (expected one of: {', '.join(sorted(allowed))})")

    def present(self, record: dict, key: str, required: bool) -> bool:
        value = record.get(key)
        if isinstance(value, Refused):  # the YAML reader has reported it already
            return False
        if value is None or value == "":
            if required:
                self.errors.append(ContentError(self.path, line_of(record, key), f"{self.prefix}{key}", "missing (required)"))
            return False
        return True

    def text(self, record: dict, key: str, required: bool = False, default: str = "") -> str:
        if not self.present(record, key, required):
            return default
        value = record[key]
        if isinstance(value, (dt.date, dt.datetime)):
            self.error(record, key, f"must be text, not {type_name(value)} (YAML reads it as a date; put it in quotes)")
            return default
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error(record, key, f"must be text, not {type_name(value)}")
            return default
        return str(value)

    def ident(self, record: dict, key: str, pattern: re.Pattern = ID_RE, what: str = "kebab-case id such as industrial-output-2023") -> str:
        value = self.text(record, key, required=True)
        if value and not pattern.match(value):
            self.error(record, key, f"{value!r} is not a {what}")
        return value

    def number(self, record: dict, key: str, required: bool = False) -> float | None:
        if not self.present(record, key, required):
            return None
        value = record[key]
        if isinstance(value, bool):
            self.error(record, key, f"must be a number, not the boolean {value!r} (write the figure)")
            return None
        if isinstance(value, str):
            self.error(record, key, f"must be a YAML number, not the text {value!r} (remove quotes; write 1.5e+3 not 1.5e3)")
            return None
        if not isinstance(value, (int, float)):
            self.error(record, key, f"must be a number, not {type_name(value)}")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.error(record, key, f"must be a finite number, not {value!r}")
            return None
        if abs(value) > MAX_FIGURE:
            self.error(record, key, f"{value:.3g} is larger than any figure (at most 10^15); check the number and its unit")
            return None
        return value

    def choice(self, record: dict, key: str, allowed: tuple[str, ...], default: str, required: bool = False) -> str:
        value = self.text(record, key, required=required, default=default)
        if value not in allowed:
            self.error(record, key, f"{value!r} is not one of: {', '.join(allowed)}")
            return default
        return value

    def boolean(self, record: dict, key: str) -> bool:
        if key not in record or record[key] is None:
            return False
        value = record[key]
        if not isinstance(value, bool):
            self.error(record, key, f"must be true or false, not {value!r}")
            return False
        return value

    def integer(self, record: dict, key: str, default: int) -> int:
        if key not in record or record[key] is None:
            return default
        value = record[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(record, key, f"must be a whole number, not {value!r}")
            return default
        return value

    def date(self, record: dict, key: str, required: bool = False) -> dt.date | None:
        if not self.present(record, key, required):
            return None
        day, problem = content_date(record[key])
        if problem:
            self.error(record, key, problem)
        return day

    def text_list(self, record: dict, key: str) -> list[tuple[str, int]]:
        """A list of text items, each with its own line."""
        if key not in record or record[key] is None:
            return []
        value = record[key]
        if isinstance(value, str):
            value = LineList([value])
            value.lines, value.line = [line_of(record, key)], line_of(record, key)
        if not isinstance(value, list):
            self.error(record, key, f"must be a list, not {type_name(value)}")
            return []
        items = []
        for index, item in enumerate(value):
            line = line_of(value, index) or line_of(record, key)
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                self.errors.append(ContentError(self.path, line, f"{self.prefix}{key}", f"item {index + 1} must be text, not {type_name(item)}"))
                continue
            items.append((str(item), line))
        return items

    def records(self, record: dict, key: str) -> list[LineDict]:
        """A list of mappings (also_in, corrections, series)."""
        if key not in record or record[key] is None:
            return []
        value = record[key]
        if not isinstance(value, list):
            self.error(record, key, f"must be a list, not {type_name(value)}")
            return []
        good = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                good.append(item)
            else:
                line = line_of(value, index) or line_of(record, key)
                self.errors.append(ContentError(self.path, line, f"{self.prefix}{key}", f"item {index + 1} must be a mapping of fields, not {type_name(item)}"))
        return good


def type_name(value) -> str:
    return describe(value)
