"""Which time phrase a figure falls under, and the period that makes.

The last phrase before the figure that still reaches it (timemarks.TimeMark.scope)
and is not a comparison; with none, a list of figures before “……” takes the
phrase that opens the text after it (混动变速器销量3.18万台……一季度，青山工业…).

Readings on top of timemarks.period_of:

- with no time word, an estimate (预计年产值可达…) and a rule in force (可获得奖励
  50万元) are as of the publication date, not the year a piece printed in
  January–March reviews, nor the day of signings the piece reports on;
- a dated event of the sentence (去年3月9日) dates a figure under the quarter or
  months it falls in (…当年一季度重点项目…一次推出73个);

- an estimate of what a plant will do once built (建成后预计产值…) is made now:
  a past year named in an earlier clause (2019年9月开工的…) is not its period,
  nor a month still to come (一期计划今年12月投产；全部建成达产后…), the
  publication date is;
- an amount 比2015年底增加 under 去年 (2020) is the increase over the years
  since the base: "2016-01/2020-12".
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from fuling.extract.clauses import Where
from fuling.extract.timemarks import TimeMark, period_of

# what a plant will do once built (建成后预计…), not the estimate of a year's result (规上工业总产值预计完成330亿元)
PROSPECTIVE = re.compile(r"预计(?!(?:全年)?(?:完成|实现|达到|增长))|建成后|达产后|投产后|通车后|投用后")
# the estimate of a result of the period reviewed: 规上工业总产值预计完成330亿元 in a review of the year
ESTIMATED_RESULT = re.compile(r"预计(?:全年)?(?:完成|实现|达到|增长)")
# a rule in force, not a result of the year reviewed: 获评的…可分别获得一次性奖励50万元
STANDING = re.compile(r"可(?:分别)?(?:获得|享受|领取)|最高(?:可|给予)|给予[^，,。；;]{0,8}(?:奖励|补助|补贴)")
ELLIPSIS = "……"
YEAR_IN_EVENT_NAME = re.compile(r"(?:[\u4e00-\u9fff]{1,3}?[区县市])?(?:首批|首轮|首期|第[一二三四五六七八九十\d]+[批次期]|第?[一二三四]季度|重点|重大|招商|春季|秋季|集中)")


# what sums or averages a span of years (五年间累计完成…, 年均增长…), against a level reached at its end
OVER_THE_YEARS = re.compile(r"累计|合计|总计|共计|年均|间|期间|来")
FLOW_OVER_THE_YEARS = re.compile(r"引进|引来|签约|开工|落地|招引|新增|建成|培育")  # 五年来引进…192家: what came in over the years
AVERAGE_ANNUAL = re.compile(r"年均(?:增长|增速|增幅|递增)?(?:超过|超|达到|达|约|近|为)?$")


def choose_mark(marks: list[TimeMark], heading_marks: list[TimeMark], where: Where,
                pub: dt.date | None = None) -> TimeMark | None:
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
        if mark.scope == "count" and mark.end != pos:
            continue  # 全年269个年度投资项目: only the count it heads
        chosen = mark
    if chosen is not None and chosen.kind == "year" and AVERAGE_ANNUAL.search(where.clause_lead):
        if pub is not None and where.text.startswith("以来", chosen.end) and chosen.year < pub.year - 1:
            # 2021年以来，…年均增长14.2% in 2024: the average over the whole years since
            return replace(chosen, kind="years", year_from=chosen.year, year=pub.year - 1)
        # 五年来，…预计2021年实现地区生产总值947亿元，年均增长6.9%: the average over the years, not the year's
        chosen = next((m for m in reversed(marks) if m.kind == "years" and not m.comparison and m.end <= chosen.start),
                      chosen)
    if chosen is not None and chosen.kind == "span":
        chosen = _event_within(chosen, marks, where)
    if chosen is not None and chosen.kind == "year" and YEAR_IN_EVENT_NAME.match(where.text, chosen.end):
        # 4月3日，北碚区举行2020年首批首轮重点项目集中签约开工仪式: the year names the event of that day
        chosen = next((m for m in reversed(marks) if m.kind == "date" and not m.comparison and m.year == chosen.year
                       and m.end <= chosen.start and (m.scope == "paragraph" or m.start >= where.sent_start)), chosen)
    return chosen if chosen is not None else _after_ellipsis(marks, where)


def _event_within(span: TimeMark, marks: list[TimeMark], where: Where) -> TimeMark:
    """去年3月9日，…举行了当年一季度重点项目…活动，一次推出73个: the dated event of the
    sentence, not the quarter it falls in, dates the figure."""
    event = next((m for m in reversed(marks) if m.kind == "date" and not m.comparison and m.start < span.start
                  and (where.sent_start <= m.start or m.scope == "paragraph")), None)
    if event and event.year == span.year and span.month_from <= event.month_to <= span.month_to:
        return event
    return span


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


def _event_day(mark: TimeMark) -> bool:
    """6月28日…签约活动: the day of an event, which does not date what is estimated or
    promised then (这批项目建成后预计可实现产值…, 可获得奖励…): those are said at publication."""
    return mark.kind == "date" and mark.scope == "paragraph"


def figure_period(mark: TimeMark | None, marks: list[TimeMark], where: Where, pub: dt.date,
                  stock: bool, cumulative: bool, kind: str, measure: str) -> str:
    if ((mark is None or _event_day(mark)) and (kind == "estimate" or STANDING.search(where.clause_lead))
            and not (kind == "estimate" and mark is None and ESTIMATED_RESULT.search(where.sentence_lead))):
        return pub.isoformat()  # 达产后预计年产值…, 可获得奖励50万元: said at publication
    if (kind == "estimate" and mark is not None and mark.kind == "year" and (mark.year < pub.year or mark.prospective)
            and mark.end <= where.clause_start
            and PROSPECTIVE.search(where.text[max(mark.end, where.sent_start):where.figure.start])):
        return pub.isoformat()
    base = next((m for m in reversed(marks) if m.comparison and where.clause_start <= m.start < where.figure.start), None)
    if (measure == "change" and base is not None and base.kind in ("year", "asof") and mark is not None
            and (mark.kind == "year" or (mark.kind == "asof" and mark.month_to == 12 and not mark.day))
            and base.year < mark.year):
        return f"{base.year + 1}-01/{mark.year}-12"  # 截至2023年底…比2018年底增加200家: the increase over those years
    if mark is None and kind == "target":
        return str(pub.year)  # 项目计划投资30亿元: a plan with no year of its own is this year's
    after_mark = where.text[max(mark.end, where.sent_start):where.figure.start] if mark is not None else ""
    if (mark is not None and mark.kind == "years" and measure == "level" and not mark.future
            and not OVER_THE_YEARS.search(where.sentence_lead if mark.end <= where.sent_start else after_mark)
            and not (OVER_THE_YEARS.search(where.sentence_lead) and FLOW_OVER_THE_YEARS.search(after_mark))):
        # 这五年，…一般公共预算收入达到43.8亿元, 五年来，…地区生产总值达到1100亿元: the level reached at the
        # term's end (the 来 of 五年来 is the span's own word), not what came in over it (五年来引进…192家)
        return str(mark.year)
    if (mark is not None and mark.kind == "plan" and measure == "level" and mark.year + 4 <= pub.year
            and not OVER_THE_YEARS.search(where.clause_lead) and not FLOW_OVER_THE_YEARS.search(after_mark)):
        return str(mark.year + 4)  # “十三五”时期，…地区生产总值达到1100亿元: the level reached in the plan's last year
    return period_of(mark, pub, stock, cumulative)


def year_before(period: str) -> str:
    """The same period a year earlier: "2020" → "2019", "2011-01/2011-03" → "2010-01/2010-03",
    "2020-12-31" → "2019-12-31"."""
    return re.sub(r"\d{4}", lambda m: str(int(m.group(0)) - 1), period)
