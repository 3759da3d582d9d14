"""Which time phrase a figure falls under, and the period that makes.

The last phrase before the figure that still reaches it (timemarks.TimeMark.scope)
and is not a comparison; with none, a list of figures before “……” takes the
phrase that opens the text after it (混动变速器销量3.18万台……一季度，青山工业…).

Two readings on top of timemarks.period_of:

- an estimate of what a plant will do once built (建成后预计产值…) is made now:
  a past year named in an earlier clause (2019年9月开工的…) is not its period,
  the publication date is;
- an amount 比2015年底增加 under 去年 (2020) is the increase over the years
  since the base: "2016-01/2020-12".
"""
from __future__ import annotations

import datetime as dt
import re

from fuling.extract.clauses import Where
from fuling.extract.timemarks import TimeMark, period_of

PROSPECTIVE = re.compile(r"预计|建成后|达产后|投产后")
ELLIPSIS = "……"


def choose_mark(marks: list[TimeMark], heading_marks: list[TimeMark], where: Where) -> TimeMark | None:
    chosen = heading_marks[-1] if heading_marks else None
    pos = where.figure.start
    for mark in marks:
        if mark.end > pos:
            break
        if mark.comparison:
            continue
        if mark.scope == "sentence" and mark.start < where.full_stop and mark.kind != "plan":
            continue  # a dated event dates its own sentence
        if mark.kind == "plan" and mark.end < where.sent_start:
            continue  # 十三五 frames its own sentence only
        if mark.scope == "clause" and mark.end < where.clause_start:
            continue  # 成立于2002年: only its clause
        chosen = mark
    return chosen if chosen is not None else _after_ellipsis(marks, where)


def _after_ellipsis(marks: list[TimeMark], where: Where) -> TimeMark | None:
    at = where.text.find(ELLIPSIS, where.figure.end)
    if at == -1 or any(c in where.text[where.figure.end:at] for c in "。！？"):
        return None
    opening = at + len(ELLIPSIS)
    return next((m for m in marks if m.start == opening and not m.comparison), None)


def ellipsis_scope(where: Where) -> str | None:
    """The clause after a “……” the figure stands before, which names what the list is about."""
    at = where.text.find(ELLIPSIS, where.figure.end)
    if at == -1 or any(c in where.text[where.figure.end:at] for c in "。！？"):
        return None
    rest = where.text[at + len(ELLIPSIS):]
    return re.split(r"[。！？；;]", rest, maxsplit=1)[0]


def figure_period(mark: TimeMark | None, marks: list[TimeMark], where: Where, pub: dt.date,
                  stock: bool, cumulative: bool, kind: str, measure: str) -> str:
    if (kind == "estimate" and mark is not None and mark.kind == "year" and mark.year < pub.year
            and mark.end <= where.clause_start and PROSPECTIVE.search(where.clause_lead)):
        return pub.isoformat()
    base = next((m for m in reversed(marks) if m.comparison and where.clause_start <= m.start < where.figure.start), None)
    if (measure == "change" and base is not None and base.kind in ("year", "asof") and mark is not None
            and mark.kind == "year" and base.year < mark.year):
        return f"{base.year + 1}-01/{mark.year}-12"
    return period_of(mark, pub, stock, cumulative)
