"""Resolve the time a figure refers to, from the words before it.

Relative time resolves against the article's publication date:

- 去年 → the year before; 今年 → the publication year; 一年来 / 过去一年 → the
  year just reported on (the year before, in a piece printed before July);
- 今年1—8月, 1-8月, 1月-9月 → "2022-01/2022-08" (a count under such a span:
  the count at its end, "2022-08-31");
- 截至去年底, 截至2021年底 → "2021-12-31" for a stock, "2021" for a flow;
- 截至8月底 → "2022-08-31" for a stock, "2022-01/2022-08" for a flow;
- 截至目前, 目前, 当前, 如今, 自2010年…以来 → the publication date (the
  project's convention for "as of now", stocks and flows alike);
- 2021年 → "2021"; 到2026年, 力争2030年 → that year (a target);
  “十四五”末 → "2025"; “十三五”以来 / 期间 → "2016-01/2020-12";
  上世纪90年代 → "1990"; 今年5月 → the year, and a month still to come
  makes the figure an estimate;
- 累计 under a past year → the stock at the end of that year ("2023-12-31").

A phrase applies to the rest of its paragraph (十三五 only to its sentence);
without one, a figure takes the article's default: the year before
publication for a piece printed in the first quarter (a review of that
year), otherwise the publication date (the state the piece describes).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class TimeMark:
    """A time phrase found in the text."""

    end: int  # offset just after the phrase
    kind: str  # "year", "span", "asof", "now", "plan"
    year: int
    month_from: int = 1
    month_to: int = 12
    day: int = 0  # for "asof": the day of month; 0 = last day of month_to
    future: bool = False  # 到2026年, 力争 … : the figure is a goal for that year
    prospective: bool = False  # 今年5月 in a piece printed in March: a month still to come


SPAN = r"(\d{1,2})\s*月?\s*[-—–~至]\s*(\d{1,2})\s*月"


def _patterns(pub: dt.date):
    y = pub.year
    reported = y - 1 if pub.month <= 6 else y
    return [
        (re.compile(r"截至(\d{4})年底"), lambda m: TimeMark(m.end(), "asof", int(m.group(1)), month_to=12)),
        (re.compile(r"截至去年底|去年底"), lambda m: TimeMark(m.end(), "asof", y - 1, month_to=12)),
        (re.compile(r"截至(?:今年)?(\d{1,2})月底"), lambda m: TimeMark(m.end(), "asof", y, month_to=int(m.group(1)))),
        (re.compile(r"(?:(\d{4})年|今年)?" + SPAN),
         lambda m: TimeMark(m.end(), "span", int(m.group(1)) if m.group(1) else y, int(m.group(2)), int(m.group(3)))),
        (re.compile(r"[“\"]?十四五[”\"]?末"), lambda m: TimeMark(m.end(), "year", 2025, future=True)),
        (re.compile(r"[“\"]?十三五[”\"]?(?:以来|期间)"), lambda m: TimeMark(m.end(), "plan", 2016, 1, 12)),
        (re.compile(r"上世纪(\d)0年代"), lambda m: TimeMark(m.end(), "year", 1900 + int(m.group(1)) * 10)),
        (re.compile(r"(?:到|力争|至)(\d{4})年"), lambda m: TimeMark(m.end(), "year", int(m.group(1)), future=True)),
        (re.compile(r"(\d{4})(?:年|发展目标|全市)"), lambda m: TimeMark(m.end(), "year", int(m.group(1)))),
        (re.compile(r"自(\d{4})年.{0,8}以来"), lambda m: TimeMark(m.end(), "now", y, month_to=pub.month, day=pub.day)),
        (re.compile(r"今年(\d{1,2})月(?!底)"),
         lambda m: TimeMark(m.end(), "year", y, prospective=int(m.group(1)) > pub.month)),
        (re.compile(r"截至目前|目前|当前|如今|现在"), lambda m: TimeMark(m.end(), "now", y, month_to=pub.month, day=pub.day)),
        (re.compile(r"一年来|过去一年"), lambda m: TimeMark(m.end(), "year", reported)),
        (re.compile(r"去年"), lambda m: TimeMark(m.end(), "year", y - 1)),
        (re.compile(r"今年"), lambda m: TimeMark(m.end(), "year", y)),
    ]


def time_marks(text: str, pub: dt.date) -> list[TimeMark]:
    """All time phrases in `text`, earliest first; overlapping phrases keep the first rule that matched."""
    taken: list[tuple[int, int]] = []
    marks: list[tuple[int, TimeMark]] = []
    for pattern, build in _patterns(pub):
        for match in pattern.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            if match.group(0).endswith("年") and text[match.end():match.end() + 1] == "前":
                continue  # 力争2030年前: a deadline, not a period
            if match.re.pattern.startswith("(\\d{4})(?:年") and text[match.start() - 1:match.start()] in ("自", "从"):
                continue  # 自2010年落户…以来: a starting point, read by the 以来 rule
            taken.append(match.span())
            marks.append((match.start(), build(match)))
    return [mark for _, mark in sorted(marks, key=lambda item: item[0])]


def default_period(pub: dt.date) -> str:
    """No time word: a first-quarter piece reviews the year before; otherwise the
    figure describes the state at publication."""
    return str(pub.year - 1) if pub.month <= 3 else pub.isoformat()


def period_of(mark: TimeMark | None, pub: dt.date, stock: bool, cumulative: bool = False) -> str:
    """The record's period for a figure under `mark` (None: the article default).
    A cumulative stock (累计…) under a year is the count at the end of that year."""
    if mark is None:
        return default_period(pub)
    if mark.kind == "year":
        if stock and cumulative and mark.year < pub.year:
            return f"{mark.year}-12-31"
        return str(mark.year)
    if mark.kind == "span":
        if stock:  # a count at the end of 1—8月 is the count on 31 August
            return dt.date(mark.year, mark.month_to, calendar.monthrange(mark.year, mark.month_to)[1]).isoformat()
        return f"{mark.year}-{mark.month_from:02d}/{mark.year}-{mark.month_to:02d}"
    if mark.kind == "plan":  # a five-year plan period, 十三五 = 2016-2020
        return f"{mark.year}-01/{mark.year + 4}-12"
    if mark.kind == "asof":
        last = calendar.monthrange(mark.year, mark.month_to)[1]
        if stock:
            return dt.date(mark.year, mark.month_to, last).isoformat()
        return str(mark.year) if mark.month_to == 12 else f"{mark.year}-01/{mark.year}-{mark.month_to:02d}"
    if mark.kind == "now":
        return dt.date(mark.year, mark.month_to, mark.day).isoformat()
    raise ValueError(mark.kind)
