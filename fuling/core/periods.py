"""Periods as fact records write them, and as readers read them in both languages.

A period is `2023` (a year), `2022-01/2022-08` (part of a year), `2016/2020`
(years), `2021-12` (a month) or `2021-12-31` (as of a date). `period_span` reads
one; `period_label` shows it as 2023年 / 2023, 2022年1—8月 / Jan–Aug 2022,
2021年末 / end of 2021. Both languages come from the one table `LABELS`, so
they can never describe a period differently.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Span:
    start: dt.date
    end: dt.date
    shape: str  # "year", "years", "month", "months", "date", "range"


_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# How each kind of period reads: (Chinese, English). sy/sm/sd: start year, month and
# day; ey/em/ed: the end's; SM/EM: English month names.
LABELS = {
    "year": ("{sy}年", "{sy}"),
    "years": ("{sy}—{ey}年", "{sy}–{ey}"),
    "month": ("{sy}年{sm}月", "{SM} {sy}"),
    "year_end": ("{sy}年末", "end of {sy}"),
    "date": ("{sy}年{sm}月{sd}日", "{SM} {sd}, {sy}"),
    "months": ("{sy}年{sm}—{em}月", "{SM}–{EM} {sy}"),
    "days": ("{sy}年{sm}月{sd}日—{em}月{ed}日", "{SM} {sd}–{EM} {ed}, {sy}"),
    "months_across_years": ("{sy}年{sm}月—{ey}年{em}月", "{SM} {sy}–{EM} {ey}"),
    "days_across_years": ("{sy}年{sm}月{sd}日—{ey}年{em}月{ed}日", "{SM} {sd}, {sy}–{EM} {ed}, {ey}"),
}


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _point(text: str) -> tuple[dt.date, dt.date, str] | None:
    """Start, end and shape of one period end point."""
    if m := _YEAR.match(text):
        y = int(m.group(1))
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
    if m := _MONTH.match(text):
        y, mo = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12:
            return dt.date(y, mo, 1), _month_end(y, mo), "month"
    if m := _DATE.match(text):
        try:
            day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
        return day, day, "date"
    return None


@lru_cache(maxsize=4096)  # pure; asked for each fact by every page, download and record that shows it
def period_span(period: str) -> Span | None:
    """Parse `2023`, `2022-01/2022-08`, `2021-12-31`, `2021-12`, `2016/2020`; None if unknown."""
    parts = period.split("/")
    if len(parts) == 1:
        p = _point(parts[0])
        return Span(p[0], p[1], p[2]) if p else None
    if len(parts) == 2:
        a, b = _point(parts[0]), _point(parts[1])
        if a and b and a[0] <= b[1]:
            shape = {"year": "years", "month": "months"}.get(a[2], "range") if a[2] == b[2] else "range"
            return Span(a[0], b[1], shape)
    return None


def is_partial_year(period: str) -> bool:
    """A flow over part of a year (2022年1—8月): never to be drawn as the whole year."""
    span = period_span(period)
    if span is None or span.shape in ("year", "years", "date"):
        return False
    whole_years = span.start.month == 1 and span.start.day == 1 and span.end.month == 12 and span.end.day == 31
    return not whole_years


def is_point_in_time(period: str) -> bool:
    span = period_span(period)
    return bool(span and span.shape == "date")


def label_kind(span: Span) -> str:
    """Which line of LABELS describes this span."""
    s, e = span.start, span.end
    if span.shape in ("year", "years", "month"):
        return span.shape
    if span.shape == "date":
        return "year_end" if (s.month, s.day) == (12, 31) else "date"
    whole_months = s.day == 1 and e == _month_end(e.year, e.month)
    if s.year == e.year:
        if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31):
            return "year"
        if whole_months:
            return "month" if s.month == e.month else "months"
        return "days"
    return "months_across_years" if whole_months else "days_across_years"


@lru_cache(maxsize=4096)  # pure, as period_span
def period_label(period: str, lang: str = "zh") -> str:
    """The period as a reader and a chart axis see it: 2023年, 2022年1—8月, 2021年末
    (`lang="en"`: 2023, Jan–Aug 2022, end of 2021). An unreadable period is shown as written."""
    span = period_span(period)
    if span is None:
        return period
    s, e = span.start, span.end
    zh, en = LABELS[label_kind(span)]
    return (zh if lang == "zh" else en).format(
        sy=s.year, sm=s.month, sd=s.day, ey=e.year, em=e.month, ed=e.day,
        SM=MONTHS_EN[s.month - 1], EM=MONTHS_EN[e.month - 1])


def date_label(day: dt.date) -> str:
    """2024年3月5日: how every page, embed and search result prints a date."""
    return f"{day.year}年{day.month}月{day.day}日"


def period_sort_key(period: str) -> tuple:
    """Order by when the period ends, then starts: 2021年, 2021年末, 2022年1—8月, 2022年."""
    span = period_span(period)
    if span is None:
        return (dt.date.max, dt.date.max, period)
    return (span.end, span.start, period)
