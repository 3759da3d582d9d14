"""Which date an article gets, and the evidence it shows in `date_basis`.

In order: the date the editor gives in the sidecar; the first printing a reprint's note names
(本文原载2018年7月30日《三峡都市报》); a saved page's date as
its extractor reads it; a full date on a source line (but a dateline more than a week
earlier, or any earlier one of the agency the source line names, makes that a reprint's
date: the dateline's day wins, flagged); `今天(YYYYMMDD日)` in
the first paragraph; a month and day on the dateline or source line with the
year from the text; and last the date the text's evidence allows
(dates.infer_date). The last two are marked inferred: the article's note says
so and ingest asks the editor to confirm them.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from fuling.ingest import dates
from fuling.ingest.dates import DateFinding

if TYPE_CHECKING:  # the type only names its class
    from fuling.ingest.draft import Draft

EDITOR_BASIS = "编辑核定"
REPRINT_DAYS = 7  # a dateline a day or two before the page's date is the same report, printed next day


def _month_day_source(draft: Draft) -> tuple[tuple[int, int], str, int] | None:
    """(month and day, where they are printed, line) from the dateline or a source line."""
    if draft.dateline is not None and draft.dateline[1].month_day is not None:
        line, found = draft.dateline
        printed = line.text[:found.length] + line.text[found.length:].split("日", 1)[0] + "日"
        return found.month_day, f"电头“{printed.strip()}”", line.no
    for line, source in draft.sources:
        if source.month_day is not None:
            return source.month_day, f"来源行“{line.text}”", line.no
    if (found := draft.body.in_opening(dates.TODAY_MONTH_DAY_RE)) and (today := dates.today_month_day(found[0].group(0))):
        return today, f"正文首段“{found[1]}”", 0
    return None


def _rule_date(draft: Draft, page_date: DateFinding | None) -> DateFinding | str:
    if (first := dates.first_printed(draft.body)) is not None:
        return DateFinding(first[0], f"转载注明原载日期：“{first[1]}”")  # the report's date, not the reprint's
    if page_date is not None:  # a saved page's date, unless it is a reprint's of an agency's copy
        return _reprinted(draft, page_date.date) or page_date
    for line, source in draft.sources:
        if source.date is not None:
            return (_reprinted(draft, source.date, source.outlet)
                    or DateFinding(source.date, f"印刷日期：“{line.text}”", line.no))
    if (found := draft.body.in_opening(dates.COMPACT_TODAY_RE)) and (today := dates.compact_today(found[0].group(0))):
        return DateFinding(today, f"印刷日期：正文首段“{found[1]}”")
    if (found := _month_day_source(draft)) is not None:
        (month, day), where, line_no = found
        year = dates.year_for_month_day(month, day, draft.body)
        if year is None:
            return f"{where} prints month and day only, and the text names no year"
        date = dates.valid_date(year[0], month, day)
        if date is None:
            return f"{where} gives {month}月{day}日, which is no date in {year[0]}"
        return DateFinding(date, f"{where}只印月日；年份：{year[1]}", line_no, inferred=True)
    return dates.infer_date(draft.body)


def _reprinted(draft: Draft, page: dt.date, source_outlet: str = "") -> DateFinding | None:
    """A page line dated weeks after the agency's dateline (发布时间:2024-11-22 above 中新网重庆8月13日电)
    is the date a reprint was posted: the report is of the dateline's day, in the page's year (or the
    year before, for a day after the page's). So is any later page date whose source is the agency
    itself (来源：新华网重庆频道 above 新华网重庆频道4月18日电): its copy, posted the next morning. A paper's
    own page line above its own 讯 is no reprint."""
    if draft.dateline is None or draft.dateline[1].month_day is None:
        return None
    month, day = draft.dateline[1].month_day
    year = page.year if (month, day) <= (page.month, page.day) else page.year - 1
    date = dates.valid_date(year, month, day)
    agency = draft.dateline[1].outlet
    own_copy = draft.dateline[1].wire and bool(agency) and source_outlet.startswith(agency)
    # 永川日报　2024年08月30日 above 本报讯 8月21日: a paper's page line over its own 讯 is the date,
    # the dateline's day that of the event
    own_paper = (not draft.dateline[1].wire and source_outlet.endswith("报")
                 and (not agency or source_outlet.startswith(agency)))
    if date is None or date == page or own_paper or ((page - date).days <= REPRINT_DAYS and not own_copy):
        return None
    line = draft.dateline[0]
    return DateFinding(date, f"电头“{line.text[:draft.dateline[1].length].strip()}”；页面日期{page.isoformat()}为转载日期",
                       line.no, inferred=True)


def find_date(draft: Draft, page_date: DateFinding | None = None) -> DateFinding | str:
    """The article's date, or what is missing to decide it. Sidecar fields win."""
    spec = draft.spec
    if spec.date is not None:
        return DateFinding(spec.date, spec.date_basis or EDITOR_BASIS)
    found = _rule_date(draft, page_date)
    if isinstance(found, DateFinding) and spec.date_basis:
        return DateFinding(found.date, spec.date_basis, found.line, found.inferred)
    return found
