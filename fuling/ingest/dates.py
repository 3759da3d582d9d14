"""Publication dates: the forms newsrooms print, and the text's evidence where none is.

Every rule reads the rule text of fuling/ingest/script.py (Simplified,
half-width), so `２０２２年`, `2022 年 07 月 22 日` and `國際在線` need no
rule of their own. The printed forms:

- `2022-04-28 17:09:55 来源:重庆日报`, `国际在线2017-09-14 17:33:41`,
  `来源：…  |  2023-02-21 16:44:07`, `更新时间：2024-07-30 18:13:28` (`iso_date`);
- `2022年07月22日 18:03 来源：…`, `2023 年 02 月 20 日` (`chinese_date`);
- `今天(20211218日)` in the first paragraph (`compact_today`; `今天(12月18日)`, `today_month_day`);
- `[ 发布日期 ] 2022-08-12`, `潼南日报　2018-6-29　第01版` (`iso_date`, on a source line of masthead.py);
- month and day only, `永川日报讯 6月30日`, `新华网重庆7月22日电` (`month_day`), `02-21 11:10:50 来源:…`,
  with the year from the text (`publication_year`).

With no date printed, `infer_date` gives the earliest date that all the
evidence allows, says what that evidence is, and marks it inferred: the
editor confirms it with `date:` in the seed's sidecar. The latest date the
text mentions is only a lower bound: reports print the dates of past events.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from fuling.core.numbers import numerals_to_digits
from fuling.ingest.script import rule_text


@dataclass(frozen=True)
class DateFinding:
    date: dt.date
    basis: str  # the evidence, written to the article's date_basis
    line: int = 0  # seed line of the evidence; 0 for the text as a whole
    inferred: bool = False  # not printed: the editor should confirm it


@dataclass(frozen=True)
class Body:
    """A report's text as the rules read it and as printed (one length), and its opening."""

    rule: str
    printed: str
    opening: str = ""  # rule text of the first paragraph, where season words count

    @classmethod
    def of(cls, printed: str, opening: str = "") -> Body:
        return cls(rule_text(printed), printed, rule_text(opening))

    def clause(self, start: int, end: int) -> str:
        """The printed clause around rule[start:end], between the nearest punctuation marks."""
        left = max(self.rule.rfind(p, 0, start) for p in "，。；！？,;\n") + 1
        rights = [i for i in (self.rule.find(p, end) for p in "，。；！？,;\n") if i >= 0]
        return self.printed[left:min(rights) if rights else len(self.rule)].strip()

    def in_opening(self, pattern: re.Pattern) -> tuple[re.Match, str] | None:
        """The first match of `pattern` in the opening, and its printed text."""
        match = pattern.search(self.opening)
        if match is None:
            return None
        at = max(self.rule.find(self.opening), 0)
        return match, self.printed[at + match.start():at + match.end()]

    def sentence(self, start: int, end: int) -> str:
        left = max(self.rule.rfind(p, 0, start) for p in "。！？\n") + 1
        rights = [i for i in (self.rule.find(p, end) for p in "。！？\n") if i >= 0]
        return self.printed[left:min(rights) if rights else len(self.rule)].strip()


@dataclass(frozen=True)
class YearMention:
    year: int
    clause: str  # the words around it, quoted in date_basis
    completed: bool = False  # `截至2021年底`, `2021年全年`, `比2009年`: that year was over when the report appeared
    part: bool = False  # `2015年1—6月`, `2015年上半年`: figures for part of that year, published within it


ISO_RE = re.compile(r"(?<!\d)(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)")
PLANNED_BEFORE_RE = re.compile(r"(?:将|拟|计划|预计|定于)(?:从|于|在|自)?\s*$")
NUMERAL_DATE_RE = re.compile(r"[〇零一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*[日号]")
CHINESE_RE = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
YEAR_MONTH_RE = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号])(?!\s*[—\-~–至到])")
COMPACT_TODAY_RE = re.compile(r"今天\s*\(\s*(\d{4})(\d{2})(\d{2})\s*日?\s*\)")
TODAY_MONTH_DAY_RE = re.compile(r"今[天日]\s*\(\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*\)")
MONTH_DAY_RE = re.compile(r"(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
YEAR_BEFORE_RE = re.compile(r"\d{4}\s*年\s*$")
YEAR_RE = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*(?=年|\()")
# A year that is a goal or the end of a plan, not something that happened: 到2025年, 2030年前, 2021—2025年
# (but 2019年前三季度, 2022年前5个月 are parts of that year).
TARGET_BEFORE_RE = re.compile(r"(?:到|(?<!截)至|力争|争取|预计|计划|目标|规划|[—\-~–])(?:在|于)?\s*$")
TARGET_AFTER_RE = re.compile(r"^\s*年?\s*(?:前(?![二两三四]季度|[一二三四五六七八九十\d]{1,2}个?月)|以前|之前|目标|[—\-~–至到])")
COMPLETED_BEFORE_RE = re.compile(r"截至\s*$")
COMPARED_BEFORE_RE = re.compile(r"(?:比|较|与)\s*$")  # 今年…比2009年的400万人次又翻了一番: 2009 was over
COMPLETED_AFTER_RE = re.compile(r"^\s*年\s*(?:底|末|全年)")
LAST_YEAR_RE = re.compile(r"去年|上年")
# 进入2024年，修齐镇打算…: the year the text is written in, whatever 去年 it looks back on
ENTERED_YEAR_RE = re.compile(r"(?:进入|迈入|步入|跨入)\s*((?:19|20)\d{2})\s*年")
# （本文原载2018年7月30日《三峡都市报》第2版…）: a reprint's note naming the first printing
FIRST_PRINTED_RE = re.compile(r"原载(?:于)?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
THIS_YEAR_RE = re.compile(r"今年")
# A five-year plan named with its year: “十三五”收官之年 is 2020, “十四五”开局之年 2021.
PLAN_YEAR_RE = re.compile(r"十([一二三四五六])五”?的?(收官之年|最后一年|开局之年|第一年|首年)")
PLAN_NUMBERS = "一二三四五六"
# the plan year opens its sentence (“十四五”开局之年，沙坪坝区…): the text speaks of the year it is written in
PLAN_YEAR_OPENS_RE = re.compile(r"(?:^|[。！？\n）)电讯])\s*(?:作为|在|值此)?[“\"]?$")
FIRST_PLAN_YEAR = 2006  # “十一五” ran 2006-2010
# Words in a report's opening that name the season of writing: month, and whether it is the start of a year
# (when a report that says 去年 reviews the year its latest dated event belongs to).
SEASONS = (
    ("岁末年初", 1, True), ("新年伊始", 1, True), ("新春伊始", 2, True), ("开年", 1, True), ("元旦", 1, True),
    ("春节", 2, True), ("早春", 3, True), ("初春", 3, True), ("开春", 3, True),
    ("初夏", 5, False), ("盛夏", 7, False), ("初秋", 8, False), ("金秋", 10, False), ("深秋", 11, False),
    ("岁末", 12, False), ("年末", 12, False), ("年终", 12, False),
)
# Figures for part of the current year: the report appeared after that part ended.
DATA_THROUGH_RE = re.compile(r"(?<!\d)(?:1|一)\s*月?\s*[—\-~–至到]\s*(\d{1,2})\s*月")
QUARTERS = (("前三季度", 9), ("上半年", 6), ("一季度", 3))
PAST_YEAR_BEFORE_RE = re.compile(r"(?:去年|上年|\d{4}\s*年)\s*$")
# a part of the year printed right after it: 2015年1—6月, 2015年上半年 (not 1—12月, the whole year)
PART_YEAR_AFTER_RE = re.compile(r"^\s*年\s*(?:(?:1|一)\s*月?\s*[—\-~–至到]\s*(?:[1-9]|1[01])\s*月|前三季度|上半年|[一二三]季度)")


def valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def iso_date(text: str) -> dt.date | None:
    """`2022-04-28 17:09:55 来源:重庆日报`, `国际在线2017-09-14`, `… | 2023-02-21` -> the date."""
    match = ISO_RE.search(text)
    return valid_date(*(int(g) for g in match.groups())) if match else None


def chinese_date(text: str) -> dt.date | None:
    """`2022年07月22日 18:03 来源：…`, `2023 年 02 月 20 日` -> the date."""
    match = CHINESE_RE.search(text)
    return valid_date(*(int(g) for g in match.groups())) if match else None


def numeral_date(text: str) -> dt.date | None:
    """（二〇〇七年二月二十六日）: a bulletin's date in Chinese numerals."""
    match = NUMERAL_DATE_RE.search(text)
    return chinese_date(numerals_to_digits(match.group(0))) if match else None


def printed_date(text: str) -> dt.date | None:
    """A full date in any printed form."""
    return chinese_date(text) or iso_date(text) or numeral_date(text)


def compact_today(text: str) -> dt.date | None:
    """`今天(20211218日)，记者从…获悉` -> 2021-12-18."""
    match = COMPACT_TODAY_RE.search(text)
    return valid_date(*(int(g) for g in match.groups())) if match else None


def today_month_day(text: str) -> tuple[int, int] | None:
    """`今天(12月18日)，记者从…获悉` -> (12, 18): today's date without its year."""
    match = TODAY_MONTH_DAY_RE.search(text)
    if not match or valid_date(2000, int(match.group(1)), int(match.group(2))) is None:
        return None
    return int(match.group(1)), int(match.group(2))


def month_day(text: str) -> tuple[int, int] | None:
    """`6月30日` -> (6, 30); a date that prints its year is not month-and-day only."""
    for match in MONTH_DAY_RE.finditer(text):
        if not YEAR_BEFORE_RE.search(text[:match.start()]):
            month, day = int(match.group(1)), int(match.group(2))
            return (month, day) if valid_date(2000, month, day) else None  # 2000: a leap year
    return None


def event_years(body: Body) -> list[YearMention]:
    """Years the text dates something to (`2018年举行的…`, `截至2021年底`), not goals
    (`到2025年`, `2030年前`) nor the ends of plans (`2021—2025年`)."""
    text, found = body.rule, []
    for match in YEAR_RE.finditer(text):
        before, after = text[max(0, match.start() - 4):match.start()], text[match.end():match.end() + 8]
        if TARGET_BEFORE_RE.search(before) or TARGET_AFTER_RE.match(after) or PLANNED_BEFORE_RE.search(before):
            continue
        completed = bool(COMPLETED_BEFORE_RE.search(before) and COMPLETED_AFTER_RE.match(after)
                         or re.match(r"^\s*年\s*全年", after) or COMPARED_BEFORE_RE.search(before))
        part = bool(PART_YEAR_AFTER_RE.match(after + text[match.end() + 8:match.end() + 12]))
        found.append(YearMention(int(match.group(1)), body.clause(match.start(), match.end()), completed, part))
    return found


def first_printed(body: Body) -> tuple[dt.date, str] | None:
    """The first printing a reprint's note names (本文原载2018年7月30日《三峡都市报》), and the note."""
    if (match := FIRST_PRINTED_RE.search(body.rule)) and (date := valid_date(*(int(g) for g in match.groups()))):
        return date, body.sentence(match.start(), match.end())
    return None


def full_dates(body: Body) -> list[tuple[dt.date, str]]:
    """Every `YYYY年M月D日` in the text, with its clause; not a day something is planned for
    (县里将从2011年1月1日起赠送…: after the report)."""
    found = []
    for match in CHINESE_RE.finditer(body.rule):
        if PLANNED_BEFORE_RE.search(body.rule[max(0, match.start() - 6):match.start()]):
            continue
        if date := valid_date(*(int(g) for g in match.groups())):
            found.append((date, body.clause(match.start(), match.end())))
    return found


def year_months(body: Body) -> list[tuple[dt.date, str]]:
    """The first day of every `YYYY年M月` the text dates something to (`2019年9月开工的…`)."""
    found = []
    for match in YEAR_MONTH_RE.finditer(body.rule):
        if date := valid_date(int(match.group(1)), int(match.group(2)), 1):
            found.append((date, body.clause(match.start(), match.end())))
    return found


def plan_year(body: Body) -> tuple[int, str, str] | None:
    """(year, clause, relative word) from `作为“十三五”收官之年，去年…`: the plan year
    a clause names together with 去年 or 今年 in its sentence (-> 2020, …, 去年), or
    one that opens its sentence (`“十四五”开局之年，全区…` -> 2021, …, "")."""
    for match in PLAN_YEAR_RE.finditer(body.rule):
        first = FIRST_PLAN_YEAR + 5 * PLAN_NUMBERS.index(match.group(1))
        year = first if match.group(2) in ("开局之年", "第一年", "首年") else first + 4
        sentence = body.sentence(match.start(), match.end())
        for word in ("去年", "今年"):
            if word in sentence:
                return year, body.clause(match.start(), match.end()), word
        if PLAN_YEAR_OPENS_RE.search(body.rule[:match.start()]):
            return year, body.clause(match.start(), match.end()), ""  # “十四五”开局之年，…: the year of writing
    return None


def season(opening: str) -> tuple[int, str, bool] | None:
    """(month, word, start of a year) for a season word in the report's opening:
    `岁末年初，走进…` -> (1, 岁末年初, True); `早春时节` -> (3, 早春, True)."""
    for word, month, year_start in SEASONS:
        if word in opening:
            return month, word, year_start
    return None


def data_through(body: Body, year: int | None = None) -> tuple[int, str] | None:
    """(last month, words) of the latest part-year figures of the current year:
    `1—8月` -> 8, `前三季度` -> 9; `去年1—11月` is another year's and does not count, `2015年1—6月`
    counts when 2015 is `year`, the year of publication."""
    text, months = body.rule, []

    def past_year_before(at: int) -> bool:
        before = text[max(0, at - 5):at]
        if year is not None and re.search(rf"{year}\s*年\s*$", before):
            return False  # 2015年1—6月 in a piece of 2015: this year's months
        return bool(PAST_YEAR_BEFORE_RE.search(before))

    for match in DATA_THROUGH_RE.finditer(text):
        if not past_year_before(match.start()) and 1 <= int(match.group(1)) <= 12:
            months.append((int(match.group(1)), body.printed[match.start():match.end()]))
    for word, month in QUARTERS:
        index = text.find(word)
        if index >= 0 and not past_year_before(index):
            months.append((month, word))
    return max(months) if months else None


def month_days(body: Body) -> list[tuple[int, int, str]]:
    """(month, day, clause) of every date printed without a year and not put in another
    year (`9月19日，记者从…获悉`; not `去年11月8日`)."""
    text, found = body.rule, []
    for match in MONTH_DAY_RE.finditer(text):
        if PAST_YEAR_BEFORE_RE.search(text[max(0, match.start() - 5):match.start()]):
            continue
        month, day = int(match.group(1)), int(match.group(2))
        if valid_date(2000, month, day):
            found.append((month, day, body.clause(match.start(), match.end())))
    return found


def publication_year(body: Body) -> tuple[int, str] | None:
    """The year a report appeared in, and why, from its text:

    - a plan year named with 去年/今年 (`“十三五”收官之年，去年…` -> 2021);
    - otherwise the latest year something is dated to, E: E + 1 when the report
      speaks of 去年 and either never of 今年 or opens at the start of a year
      (`岁末年初`, `早春时节`): its latest events were last year's; E + 1 too
      when E is a completed year (`截至2021年底`, `2021年全年`); E otherwise."""
    if pinned := plan_year(body):
        year, clause, word = pinned
        published = year + 1 if word == "去年" else year
        if not word:
            return published, f"文中以“{clause}”开句，所说为当年：{year}年"
        return published, f"文中“{clause}”与“{word}”同句：{word}为{year}年，故为{published}年"
    if entered := list(ENTERED_YEAR_RE.finditer(body.rule)):
        year = int(entered[-1].group(1))
        return year, f"文中“{body.clause(entered[-1].start(), entered[-1].end())}”，为{year}年所写"
    mentions = [YearMention(d.year, c) for d, c in full_dates(body)] + event_years(body)
    if not mentions:
        return None
    # A completed year (截至2021年底) was over when the report appeared: it counts as the year after.
    latest = max(mentions, key=lambda m: m.year + m.completed)
    said_last_year = bool(LAST_YEAR_RE.search(body.rule))
    starts_year = (found := season(body.opening)) is not None and found[2]
    part = next((m for m in mentions if m.part and m.year == latest.year), None)
    if part is not None and not latest.completed and not starts_year:
        # 2015年1—6月…比上年同期减少…: the months of that year just reported, whatever 上年 it compares with
        return latest.year, f"文中“{part.clause}”为{latest.year}年内的数据，故为{latest.year}年"
    if said_last_year and (starts_year or not THIS_YEAR_RE.search(body.rule)):
        why = f"开篇“{found[1]}”，" if starts_year else ""
        year = latest.year + 1
        return year, f"{why}文中称“去年”，最近有年份的记述为{latest.year}年（“{latest.clause}”），故为{year}年"
    if latest.completed:
        return latest.year + 1, f"文中“{latest.clause}”，{latest.year}年已过，故为{latest.year + 1}年"
    return latest.year, f"最近有年份的记述为{latest.year}年（“{latest.clause}”）"


def infer_date(body: Body) -> DateFinding | str:
    """The earliest date all the evidence allows, marked inferred: the year
    (`publication_year`), then the latest of these lower bounds in that year —
    the season of the opening, the month after part-year figures, the day after
    a date printed without a year or a full date of that year. A season word
    also bounds it above: `岁末年初` puts it in January, whatever 11月8日 the
    review mentions. Returns what is missing when the evidence is too thin."""
    found_year = publication_year(body)
    if found_year is None:
        return "no publication date printed and no year in the text to infer it from"
    year, year_basis = found_year
    bounds: list[tuple[dt.date, str, bool]] = []  # (date, evidence, day is nominal)
    latest_allowed = dt.date(year, 12, 31)
    if (found := season(body.opening)) is not None:
        month = found[0]
        said = f"开篇“{found[1]}”，" if found[1] not in year_basis else ""
        bounds.append((dt.date(year, month, 1), f"{said}取{month}月", True))
        latest_allowed = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    if (through := data_through(body, year)) is not None and through[0] < 12:
        bounds.append((dt.date(year, through[0] + 1, 1), f"最新数据为“{through[1]}”，故在{through[0]}月之后", True))
    dated = [(valid_date(year, m, d), clause) for m, d, clause in month_days(body)]
    dated += [(d, clause) for d, clause in full_dates(body) if d.year == year]
    for date, clause in dated:
        if date is not None:
            bounds.append((date + dt.timedelta(days=1), f"文中最近的日期为“{clause}”，故在其后一日", False))
    for date, clause in year_months(body):
        if date.year == year:
            bounds.append((date, f"文中最近的月份为“{clause}”，故不早于{date.month}月", True))
    bounds = [b for b in bounds if b[0] <= latest_allowed]
    if not bounds:
        return f"no publication date printed; the text shows the year {year} ({year_basis}) but no month"
    date, month_basis, nominal = max(bounds, key=lambda b: b[0])
    basis = f"无印刷日期；{year_basis}；{month_basis}" + ("，日为名义日期" if nominal else "")
    return DateFinding(date, basis, inferred=True)


def year_for_month_day(month: int, day: int, body: Body) -> tuple[int, str] | None:
    """The year of a date printed as month and day only: the publication year the
    text shows, or the next one when that would put the date before a full date
    the text prints."""
    found = publication_year(body)
    if found is None:
        return None
    year, basis = found
    latest = max((d for d, _ in full_dates(body)), default=None)
    candidate = valid_date(year, month, day)
    if candidate is None:
        return None
    if latest is not None and candidate < latest:
        return year + 1, f"{basis}；{month}月{day}日须在文中“{latest.isoformat()}”之后，故为{year + 1}年"
    return year, basis
