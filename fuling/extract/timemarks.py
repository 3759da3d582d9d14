"""Find the time phrases of a paragraph (rule text: Simplified, half-width digits).

Relative time resolves against the article's publication date:

- 去年 / 上年 → the year before; 前年 → two years before; 今年 / 年内 → the
  publication year; 一年来 / 过去一年 → the year just reported on (the year
  before, in a piece printed before July); 全年 → the year the paragraph
  spoke of last, else the year a plan is for (全年计划… → the publication
  year), else the year the piece reviews (a past year its title names), else
  the article's default year;
- 一季度 … 四季度 (第一季度, 2022年一季度, 去年四季度), 上半年 / 下半年,
  前三季度, 前4月 → months of that year ("2023-01/2023-03");
- 今年1—8月, 1-8月, 1至4月 → "2022-01/2022-08"; 3月份, 2月单月, 5月当月 → that month
  alone ("2020-03/2020-03");
- 过去五年, 近五年, 五年间, 五年来 → the five years up to the year reported on;
- 元旦小长假, 国庆假期, 春节期间 → the days off of that holiday nearest the
  publication, from the State Council's schedule (core/holidays.py):
  "2017-12-30/2018-01-01";
- 截至去年底, 截至2021年底, 截至8月底, 6月末, 截至6月30日 → as of that day;
- 6月27日，…集中签约… (a day with no year opening a day of signings or
  starts; not an agency's dateline 新华网重庆3月28日电) → that day, for its
  paragraph; 今(16)日 → the publication's day, likewise;
- 截至目前, 目前, 当前, 如今, 现有, 现辖, 自2010年…以来, 开春以来 → the publication date;
- 年末 / 年底 alone → the end of the year last named (or reviewed); every figure under it is as of that day;
- a year followed by what happened in it (2005年正式建成投用) dates its own sentence only;
- a holiday not within weeks of the publication is the latest one earlier in its year (“五一”黄金周 in August);
- 五年间 / 过去五年 after a goal year (到2026年，…五年间累计…) → the five years up to it, a goal too;
- a quarter naming a campaign (一季度集中签约活动) is no period; 活动6日在…举行 (a day with no month) is that day
  of the publication's month and dates its paragraph, as a day of signings does;
- 2021年 → "2021"; 到2026年, 力争2030年 → that year (a goal);
  “十四五”末 → "2025"; “十三五”以来 / 期间 → "2016-01/2020-12", and so for
  each five-year plan from 十一五 (2006) to 十五五 (2026);
  上世纪90年代 → "1990"; 今年5月 → the year, and a month still to come makes
  the figure an estimate; 2020年3月9日, 去年3月9日 → that day (a dated event),
  and 当年一季度 after it a quarter of that year.

How far a phrase reaches (`scope`): most reach the end of their paragraph; a
dated event and 十三五 their sentence (and 那时 / 当时 at the head of the next
sentence points back to the event); a time after 于 (成立于2002年, 于2019年8月31日
竣工) dates only its own clause.

A phrase after 比 / 较 / 与 (较去年同期, 比上半年, 与上半年持平, 比2015年底增加) or
before 同期相比 is a comparison: it is kept, marked `comparison`, and never
becomes a figure's period.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

from fuling.core.holidays import HOLIDAY_NAMES, holiday_days, holiday_in_year
from fuling.core.numbers import chinese_number


@dataclass(frozen=True)
class TimeMark:
    """A time phrase found in the text."""

    end: int  # offset just after the phrase
    kind: str  # "year", "span", "asof", "now", "plan", "date", "years", "days"
    year: int
    month_from: int = 1
    month_to: int = 12
    day: int = 0  # for "asof" and "date": the day of month; 0 = last day of month_to
    future: bool = False  # 到2026年, 力争 … : the figure is a goal for that year
    prospective: bool = False  # 今年5月 in a piece printed in March: a month still to come
    start: int = 0
    scope: str = "paragraph"  # "paragraph", "sentence", "clause" or "count" (the count right after it): how far it reaches
    comparison: bool = False  # 较去年同期, 比上半年: what the figure is compared with
    year_from: int = 0  # "years": the first year of a span of years
    first_day: dt.date | None = None  # "days": the first day of a holiday; its last is year, month_to, day
    point: bool = False  # 年末: every figure under it, rates and changes too, is as of that day


SPAN = r"(\d{1,2})\s*月?\s*[-—–~至]\s*(\d{1,2})\s*月"
NUMERAL = r"(\d{1,2}|[一二两三四五六七八九十]+)"
QUARTER_MONTHS = {"一": (1, 3), "二": (4, 6), "三": (7, 9), "四": (10, 12)}
COMPARED_BEFORE = ("比", "较", "与", "同")
COMPARED_BY = ("相比", "超过", "高于", "低于", "快于", "慢于")  # 超过去年同期10%以上: what the figure is measured against
# 同期的3.1倍: a multiple of last year's; 是2011年的1.7倍, 达到2020年的1.4倍: of that year's
COMPARED_AFTER = re.compile(r"^同期(?:相比|比较|的)|^相比|^的\s*(?:\d+(?:\.\d+)?|[一二两三四五六七八九十]+)\s*倍")
# 2019年以来的下滑态势, 2016年以来新高 / 最快: a year that qualifies a trend or a record
QUALIFYING_SINCE = re.compile(r"以来(?:的|最|新高|新低|首次|同期)")
THEN = re.compile(r"(?:^|(?<=[。！？；;!?]))(?:那时|当时|彼时)")
# 年末全区常住人口…: the end of the year last spoken of (of the year a bulletin reviews); not 上年末, 2023年底
YEAR_END = re.compile(r"(?<![上去今前明\d月])年(?:末|底)")
WHOLE_YEAR = re.compile(r"全年|(?<=预计)年度")  # 预计年度完成投资: this year's, like 预计全年
WHOLE_OF_PLAN_BEFORE = re.compile(r"(?:占|完成)$")
WHOLE_OF_PLAN_AFTER = re.compile(r"[^，,。；;的]{0,4}?(?:计划|目标|任务)[^，,。；;]{0,4}?的")
COUNT_AFTER = re.compile(r"\d+个")
PLAN_AROUND = re.compile(r"计划|力争|目标|预计")


# 十一五 … 十五五: the five-year plans, 十一五 from 2006
FIVE_YEAR_PLAN = r"十([一二三四五])五"


def _plan_start(match: re.Match) -> int:
    return 2006 + 5 * ("一二三四五".index(match.group(1)))


def _count(text: str) -> int:
    return int(text) if text.isdigit() else int(chinese_number(text) or 0)


def _relative_year(word: str | None, digits: str | None, y: int) -> int:
    if digits:
        return int(digits)
    return {"去年": y - 1, "上年": y - 1, "前年": y - 2, "明年": y + 1}.get(word or "", y)


YEAR_WORD = r"(?:(\d{4})年|(今年|去年|上年|前年|明年))?"
# 元旦小长假, 国庆假期, 春节期间: a holiday named with the days off it gives
# also “五一”黄金周, 国庆七天, 中秋、国庆两节相连的八天假期 (the first name finds the days off they share)
# also 中秋国庆“双节”长假 and 春节7天假期
HOLIDAY_TAIL = ("(?:、?[\u4e00-\u9fff]{2,3}?)?[“\"]?(?:[两双]节相连的|[两双]节)?[”\"]?"
                "(?:[七八78]天)?(?:小长假|长假|假期|黄金周|期间|假日|[七八]天)")
HOLIDAY = re.compile("[“\"]?(" + "|".join(HOLIDAY_NAMES) + ")节?[”\"]?" + HOLIDAY_TAIL)
# 其中安居古城仅国庆首日就接待游客3万人次: the holiday's first day
HOLIDAY_FIRST_DAY = re.compile("[“\"]?(" + "|".join(HOLIDAY_NAMES) + ")节?[”\"]?(?:假期|长假|黄金周)?(?:首日|第一天)")
# 2015年春节7天假期, 2021年“五一”小长假, 去年国庆节期间, 今年春节, 龙年春节: a holiday of a named year (a bare
# name will do after the year), that year's days off
HOLIDAY_OF_YEAR = re.compile(r"(?:(\d{4})年|(今年|去年|上年|前年)|[鼠牛虎兔龙蛇马羊猴鸡狗猪]年)的?[“\"]?("
                             + "|".join(HOLIDAY_NAMES) + ")节?[”\"]?(?:" + HOLIDAY_TAIL + ")?")


def _earlier_in_year(name: str, pub: dt.date) -> tuple[dt.date, dt.date] | None:
    """A holiday not within weeks of the publication: the latest one earlier in its year
    (“五一”黄金周 recalled in August)."""
    for weeks_back in range(6, 53, 6):
        earlier = pub - dt.timedelta(weeks=weeks_back)
        if earlier.year != pub.year:
            return None
        if (days := holiday_days(name, earlier)) is not None and days[1] < pub:
            return days
    return None


def _holiday(match: re.Match, pub: dt.date) -> TimeMark | None:
    days = holiday_days(match.group(1), pub) or _earlier_in_year(match.group(1), pub)
    return _days_off(match, days)


def _holiday_of_year(match: re.Match, pub: dt.date) -> TimeMark | None:
    name = match.group(3)
    if match.group(1) or match.group(2):
        year = int(match.group(1)) if match.group(1) else _relative_year(match.group(2), None, pub.year)
        return _days_off(match, holiday_in_year(name, year))
    return _days_off(match, holiday_days(name, pub) or _earlier_in_year(name, pub))  # 龙年春节: the one just past


def _first_day_off(match: re.Match, pub: dt.date) -> TimeMark | None:
    """国庆首日: the first day off of the holiday, for its sentence; of the year named with it earlier in the
    paragraph (去年国庆节期间，…。其中…仅国庆首日…)."""
    named = list(re.finditer(r"(?:(\d{4})年|(今年|去年|上年|前年))的?[“\"]?" + match.group(1), match.string[:match.start()]))
    if named:
        year = named[-1]
        days = holiday_in_year(match.group(1), _relative_year(year.group(2), year.group(1), pub.year))
    else:
        days = holiday_days(match.group(1), pub) or _earlier_in_year(match.group(1), pub)
    if days is None:
        return None
    return TimeMark(match.end(), "date", days[0].year, month_to=days[0].month, day=days[0].day, scope="sentence")


# 清明小长假前两天: the first days of the holiday only
FIRST_DAYS_AFTER = re.compile(r"(?:的)?(?:前|头)([两二三四2-4])天")


def _days_off(match: re.Match, days: tuple[dt.date, dt.date] | None) -> TimeMark | None:
    if days is None:
        return None
    first, last = days
    if first_days := FIRST_DAYS_AFTER.match(match.string, match.end()):
        count = int(first_days.group(1)) if first_days.group(1).isdigit() else int(chinese_number(first_days.group(1)))
        last = min(last, first + dt.timedelta(days=count - 1))
    return TimeMark(match.end(), "days", last.year, month_to=last.month, day=last.day, first_day=first)


# a day with no year that opens a day of signings or starts (集中签约, 开工, 投产) in its sentence; not a
# press conference (1月20日，我市召开…发布会 announces the year's figures), nor 记者…获悉, nor a day inside a
# phrase (在7月22日西洽会上签约的…项目: when that project was signed)
# also a fair or conference opening that day (3月5日，…第二届綦商大会在綦江开幕), not a press conference (发布会)
# nor a session of the people's congress (…人民代表大会第一次会议开幕), whose work report reviews the years before
EVENT_DAY = re.compile(r"(?<![\d年月在于於])(\d{1,2})月(\d{1,2})日(?!电|讯|消息|\d{1,2}时)(?![^。！？!?]{0,60}?(?:发布会|代表大会|会议))"
                       r"(?=[^。！？!?]{0,40}?(?:签约|开工|投产|竣工|集中)|[^。！？!?]{0,60}?(?:开幕|闭幕|举行|举办)"
                       r"|这一天|当天|当日)")  # 6月7日这一天，…迎送旅客100016人次; 10月1日当天: the day's own figures
# 今(16)日上午，忠县举行…签约仪式: the day of the date line, printed in brackets
TODAY_DAY = re.compile(r"今\s*[(（]\s*(\d{1,2})\s*[)）]\s*日")
EVENT_WORDS_AFTER = re.compile(r"[^。！？!?]{0,40}?(?:签约|开工|投产|竣工|集中)")


def _event_day(match: re.Match, pub: dt.date) -> TimeMark:
    month, day = int(match.group(1)), int(match.group(2))
    year = pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1
    return TimeMark(match.end(), "date", year, month_to=month, day=day, scope="paragraph")


def _bare_day(match: re.Match, pub: dt.date) -> TimeMark | None:
    """活动6日在…举行: that day of the publication's month (or the month before, for a day still to come);
    it dates the paragraph it opens, as a day of signings does."""
    day = int(match.group(1))
    month_start = pub.replace(day=1) if day <= pub.day else (pub.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    try:
        when = month_start.replace(day=day)
    except ValueError:
        return None
    return TimeMark(match.end(), "date", when.year, month_to=when.month, day=when.day, scope="paragraph")


def _today_day(match: re.Match, text: str, pub: dt.date) -> TimeMark:
    """今(16)日: the publication's day (or that day of the month before, for a day still to come);
    like a day of signings it dates its paragraph when it opens one."""
    day = int(match.group(1))
    when = pub.replace(day=day) if day <= pub.day else (pub.replace(day=1) - dt.timedelta(days=1)).replace(day=day)
    scope = "paragraph" if EVENT_WORDS_AFTER.match(text, match.end()) else "sentence"
    return TimeMark(match.end(), "date", when.year, month_to=when.month, day=when.day, scope=scope)


RELATIVE_EVENT_DAY = re.compile(r"(昨天|昨日|今天|今日)(?=[^，,。；;]{0,20}?(?:开工|签约|投产|竣工|举行|举办|开幕|揭牌))")


def _relative_day(match: re.Match, pub: dt.date) -> TimeMark:
    when = pub - dt.timedelta(days=1) if match.group(1).startswith("昨") else pub
    return TimeMark(match.end(), "date", when.year, month_to=when.month, day=when.day, scope="sentence")


def _patterns(pub: dt.date):
    y = pub.year
    reported = y - 1 if pub.month <= 6 else y

    def months(m, first: int, last: int, year_group: int = 1) -> TimeMark:
        year = _relative_year(m.group(year_group + 1), m.group(year_group), y)
        return TimeMark(m.end(), "span", year, first, last)

    def quarter(m) -> TimeMark:
        digit = {"1": "一", "2": "二", "3": "三", "4": "四"}.get(m.group(3), m.group(3))
        return months(m, *QUARTER_MONTHS[digit])

    def years(m) -> TimeMark:
        n = _count(next(group for group in m.groups() if group))
        return TimeMark(m.end(), "years", reported, year_from=reported - n + 1)

    return [
        (HOLIDAY_FIRST_DAY, lambda m: _first_day_off(m, pub)),
        (HOLIDAY_OF_YEAR, lambda m: _holiday_of_year(m, pub)),
        (HOLIDAY, lambda m: _holiday(m, pub)),
        (re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
         lambda m: TimeMark(m.end(), "date", int(m.group(1)), month_to=int(m.group(2)), day=int(m.group(3)),
                            scope="sentence")),
        (re.compile(r"(?<!截至)(去年|今年|前年|上年)(\d{1,2})月(\d{1,2})日"),
         lambda m: TimeMark(m.end(), "date", _relative_year(m.group(1), None, y), month_to=int(m.group(2)),
                            day=int(m.group(3)), scope="sentence")),
        (re.compile(r"截至(\d{4})年(?:底|末)"), lambda m: TimeMark(m.end(), "asof", int(m.group(1)), month_to=12)),
        (re.compile(r"截至去年(?:底|末)|去年(?:底|末)|上年底"), lambda m: TimeMark(m.end(), "asof", y - 1, month_to=12)),
        (re.compile(r"(\d{4})年(?:底|末)"), lambda m: TimeMark(m.end(), "asof", int(m.group(1)), month_to=12)),
        (re.compile(r"截至(?:(\d{4})年|今年)?(\d{1,2})月(\d{1,2})日"),
         lambda m: TimeMark(m.end(), "asof", int(m.group(1) or y), month_to=int(m.group(2)), day=int(m.group(3)))),
        (re.compile(r"截至(?:(\d{4})年|今年)?(\d{1,2})月底"),
         lambda m: TimeMark(m.end(), "asof", int(m.group(1) or y), month_to=int(m.group(2)))),
        # 截至11月，…累计达2.1万吨: through that month, as 1—11月 (a stock: on its last day)
        (re.compile(r"截至(?:(\d{4})年|今年)?(\d{1,2})月份?(?![\d底末])"),
         lambda m: TimeMark(m.end(), "span", int(m.group(1) or y), 1, int(m.group(2)))),
        # 6月末全区生猪存栏…: a stock at the end of that month
        (re.compile(r"(?:(\d{4})年|今年)?(\d{1,2})月末"),
         lambda m: TimeMark(m.end(), "asof", int(m.group(1) or y), month_to=int(m.group(2)))),
        # 6月27日，开州区举办…活动: the day of an event the paragraph reports on (the year is the
        # publication's, or the year before for a day still to come)
        (EVENT_DAY, lambda m: _event_day(m, pub)),
        (TODAY_DAY, lambda m: _today_day(m, m.string, pub)),
        (BARE_EVENT_DAY, lambda m: _bare_day(m, pub)),
        # 昨天开工的这个项目，…总投资50亿元: the day of the event the sentence reports (昨日，记者从…了解到 dates nothing)
        (RELATIVE_EVENT_DAY, lambda m: _relative_day(m, pub)),
        (re.compile(YEAR_WORD + r"前([二两三2-3])个?季度"), lambda m: months(m, 1, 3 * _count(m.group(3).replace("两", "二")))),
        (re.compile(YEAR_WORD + r"第?([一二三四1-4])季度"), quarter),
        (re.compile(YEAR_WORD + r"上半年"), lambda m: months(m, 1, 6)),
        (re.compile(YEAR_WORD + r"下半年"), lambda m: months(m, 7, 12)),
        (re.compile(YEAR_WORD + r"前" + NUMERAL + r"个?月"), lambda m: months(m, 1, _count(m.group(3)))),
        # not the end of a span (1-10月份 is ten months)
        (re.compile(YEAR_WORD + r"(?<![-—–~至\d])(?<![-—–~至]\s)(\d{1,2})月(?:份|单月|当月)"),
         lambda m: months(m, int(m.group(3)), int(m.group(3)))),
        # 2023年5月，…签约项目15个: a month as the frame of its clause (not 2019年9月开工的…, a dated event)
        (re.compile(r"(\d{4})年(\d{1,2})月(?=[，,])"),
         lambda m: TimeMark(m.end(), "span", int(m.group(1)), int(m.group(2)), int(m.group(2)))),
        # 6月，合作区集中开工13个: a month alone framing its clause, of this year (of last year if still to come)
        (re.compile(r"(?:^|(?<=[。；;，,]))(\d{1,2})月(?=[，,]|实现|完成)"),  # also 6月实现产值约4900万元
         lambda m: TimeMark(m.end(), "span", y if int(m.group(1)) <= pub.month else y - 1, int(m.group(1)),
                            int(m.group(1)))),
        (re.compile(r"(?:(\d{4})年|(今年|去年|上年|前年))?" + SPAN),  # 去年1-11月: last year's months
         lambda m: TimeMark(m.end(), "span", _relative_year(m.group(2), m.group(1), y), int(m.group(3)), int(m.group(4)))),
        (re.compile(r"[“\"]?" + FIVE_YEAR_PLAN + r"[”\"]?末"),
         lambda m: TimeMark(m.end(), "year", _plan_start(m) + 4, future=_plan_start(m) + 4 >= y)),
        (re.compile(r"[“\"]?" + FIVE_YEAR_PLAN + r"[”\"]?(?:以来|期间|时期)"),
         lambda m: TimeMark(m.end(), "plan", _plan_start(m), 1, 12, scope="sentence")),
        (re.compile(r"上世纪(\d)0年代"), lambda m: TimeMark(m.end(), "year", 1900 + int(m.group(1)) * 10)),
        # a goal year; one already past (提高到2021年的1144.2亿元 in a review of 2022) is a year reached
        (re.compile(r"(?:到|力争|至)(\d{4})年"),
         lambda m: TimeMark(m.end(), "year", int(m.group(1)), future=int(m.group(1)) >= y or not m.group(0).startswith(("到", "至")))),
        (re.compile(r"(\d{4})(?:\s?年|发展目标|全市)"), lambda m: TimeMark(m.end(), "year", int(m.group(1)))),
        (re.compile(r"自(\d{4})年.{0,8}以来"), lambda m: TimeMark(m.end(), "now", y, month_to=pub.month, day=pub.day)),
        (re.compile(r"今年(\d{1,2})月(?!底)"),
         lambda m: TimeMark(m.end(), "year", y, prospective=int(m.group(1)) > pub.month)),
        # 现辖五街三镇，常住人口42万, 全县现有7个…企业: as the place stands now
        (re.compile(r"截至目前|目前|当前|如今|现在|现辖|现有"), lambda m: TimeMark(m.end(), "now", y, month_to=pub.month, day=pub.day)),
        # 开春以来: the season the piece is written in; what it reports is as of now
        (re.compile(r"(?:开春|入春|春节)以来"), lambda m: TimeMark(m.end(), "now", y, month_to=pub.month, day=pub.day)),
        (re.compile(r"一年来|过去一年"), lambda m: TimeMark(m.end(), "year", reported)),
        # 过去五年，… / 五年间 / 五年来; not 近20年发展历史
        # 过去五年, 五年来, 五年间, 五年累计…, 本届政府任期的五年: the years up to the one reviewed
        (re.compile(r"(?:过去|近|这)" + NUMERAL + r"年(?:来|间|以来|里)?(?=[，,。；;：:])|(?<![\d第])" + NUMERAL
                    + r"年(?:间|来|(?=累计))|任期的" + NUMERAL + r"年"), years),
        # 订单已经排到了今年秋天: a time point of its clause, not the paragraph's period
        (re.compile(r"(今年|去年)[春夏秋冬][天季]"),
         lambda m: TimeMark(m.end(), "year", y if m.group(1) == "今年" else y - 1, scope="clause")),
        (re.compile(r"去年|上年"), lambda m: TimeMark(m.end(), "year", y - 1)),
        (re.compile(r"前年"), lambda m: TimeMark(m.end(), "year", y - 2)),
        (re.compile(r"明年(?![上下]半年|[一二三四]季度|\d)"), lambda m: TimeMark(m.end(), "year", y + 1, future=True)),  # 明年…将达到100亿元
        (re.compile(r"今年|年内"), lambda m: TimeMark(m.end(), "year", y)),
    ]


def _spaced(pattern: re.Pattern) -> re.Pattern:
    """The pattern also reading dates printed with spaces around their digits
    (截至 2021 年底, 2022 年): an optional space between a number and 年/月/日."""
    source = re.sub(r"\)(?=[年月日])", r")\\s?", pattern.pattern)
    source = re.sub(r"(?<=[年月至到])\((?=\\d)", r"\\s?(", source)
    return re.compile(source)


# what makes a quarter the name of a campaign held in (or after) it: 一季度集中签约活动6日举行
CAMPAIGN_AFTER = re.compile(r"(?:重点|重大|招商引资)?(?:项目)?(?:集中)?(?:签约|开工|竣工|投产)")
# 新华社重庆4月6日电 …活动6日在九龙坡区举行: a day of the month with no month, that of the dateline or publication
BARE_EVENT_DAY = re.compile(r"(?<![\d月(（])(\d{1,2})日(?:上午|下午|晚上|晚间|早上)?(?:[，,](?=[^，,。；;]{0,48}?(?:举行|举办|召开|开幕|闭幕))"
                            r"|(?=[^，,。；;]{0,12}?(?:举行|举办|召开|开幕|闭幕)))")  # also 14日，梁平区举办…
# a year followed by what happened in it: 2005年正式建成投用, 2018年开工
EVENT_OF_YEAR = re.compile(r"[^，,。；;]{0,4}?(?:建成|投用|投产|开工|竣工|成立|设立|通车|落户|创建)")


# 江津区2017年工业项目集中竣工投产活动举行: a year (or month) in the name of the day's event
EVENT_NAMED_AFTER = re.compile(r"(?:\d{1,2}月)?[^，,。；;：:]{0,14}?(?:签约|开工|竣工|投产)[^，,。；;：:]{0,6}?(?:活动|仪式)")


def _skipped(text: str, match: re.Match) -> bool:
    if match.group(0).endswith("年") and text[match.end():match.end() + 1] == "前":
        return True  # 力争2030年前: a deadline, not a period
    if re.fullmatch(r"\d{4}\s?年", match.group(0)) and EVENT_NAMED_AFTER.match(text, match.end()):
        return True  # 2017年工业项目集中竣工投产活动, 2024年8月重大项目集中开工暨投产活动: an event's name
    if match.group(0).endswith("季度") and CAMPAIGN_AFTER.match(text, match.end()):
        return True  # 一季度集中签约活动, 一季度重点项目集中开工: the name of a campaign, not the figures' months
    if match.re.pattern.startswith("(\\d{4})(?:\\s?年") and text[match.start() - 1:match.start()] in ("自", "从"):
        return True  # 自2010年落户…以来: a starting point, read by the 以来 rule
    if QUALIFYING_SINCE.match(text, match.end()):
        return True  # 扭转了2019年以来的下滑态势, 创2016年以来新高: it qualifies a trend or a record, dates nothing
    if match.group(0) == "今年" and re.match(r"的?(?:小长假|长假|黄金周|假期)", text[match.end():]):
        return True  # 今年长假的两大热点: the holiday the piece reports on, not the whole year
    return False


def _placed(text: str, start: int, mark: TimeMark) -> TimeMark:
    """The mark with its start, its reach and whether it is a comparison."""
    compared = text[max(0, start - 1):start] in COMPARED_BEFORE or text[max(0, start - 2):start] in COMPARED_BY \
        or bool(COMPARED_AFTER.match(text[mark.end:]))
    scope = "clause" if text[max(0, start - 1):start] in ("于", "於") else mark.scope
    if mark.kind == "year" and text[mark.end:mark.end + 1] == "的" and (
            text[max(0, start - 1):start] in ("由", "从") or text[start:start + 1] in ("到", "至")):
        scope = "clause"  # 由2016年的695.7亿元提高到2021年的1144.2亿元: the years of those two levels only
    if (mark.kind == "year" and re.fullmatch(r"\d{4}\s?年", text[start:mark.end]) and EVENT_OF_YEAR.match(text, mark.end)
            and scope == "paragraph"):
        scope = "sentence"  # 观音桥商业街2005年正式建成投用。商圈规划面积…: the year of that event, not of what follows
    if mark.kind == "span" and PLANNED_EVENT_BEFORE.search(text[:start]) and PLANNED_EVENT_AFTER.match(text, mark.end):
        scope = "clause"  # 计划明年上半年投产；二期建成后，将再形成…: when an event is planned, not the figures' months
    return replace(mark, start=start, scope=scope, comparison=compared)


PLANNED_EVENT_BEFORE = re.compile(r"(?:计划|预计|力争|将|拟|确保|争取|有望)(?:于|在)?$")
PLANNED_EVENT_AFTER = re.compile(r"(?:前|内|底|末)?(?:建成|投产|投用|竣工|开工|通车|完工|达产)")


def _default_year(pub: dt.date) -> int:
    return pub.year - 1 if pub.month <= 3 else pub.year


def time_marks(text: str, pub: dt.date, reviewed: int | None = None) -> list[TimeMark]:
    """All time phrases in `text`, earliest first; overlapping phrases keep the first rule that matched.
    `reviewed`: the year the piece reviews when its title names one (2015年…统计公报), for 全年."""
    taken: list[tuple[int, int]] = []
    marks: list[TimeMark] = []
    for pattern, build in _patterns(pub):
        for match in _spaced(pattern).finditer(text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            if _skipped(text, match):
                if QUALIFYING_SINCE.match(text, match.end()):
                    taken.append(match.span())  # 前年下半年以来的回升势头: nothing in the phrase dates a figure
                continue
            if (mark := build(match)) is None:
                continue  # a holiday the schedule does not know: left to the other rules
            taken.append(match.span())
            marks.append(_placed(text, match.start(), mark))
    marks += _pointing_back(text, pub, sorted(marks, key=lambda m: m.start), taken, reviewed)
    return _years_to_goal(_that_year(text, _listed_comparisons(text, sorted(marks, key=lambda m: m.start))))


# between a comparison and a time listed with it (去年同期、去年全年), or none (去年全年 is one phrase)
LISTED_WITH = re.compile(r"(?:同期)?[、和及与]?")


def _listed_comparisons(text: str, marks: list[TimeMark]) -> list[TimeMark]:
    """比去年同期、去年全年分别提高…, 较2020年、2019年同期: a time listed right after a comparison, or
    joined to it (比去年全年), is one too."""
    listed: list[TimeMark] = []
    for mark in marks:
        if (listed and listed[-1].comparison and not mark.comparison
                and LISTED_WITH.fullmatch(text[listed[-1].end:mark.start])):
            mark = replace(mark, comparison=True)
        listed.append(mark)
    return listed


def _years_to_goal(marks: list[TimeMark]) -> list[TimeMark]:
    """到2026年，…五年间累计…: the years up to the goal year named before, a goal too."""
    resolved: list[TimeMark] = []
    for mark in marks:
        goal = next((m for m in reversed(resolved) if m.kind == "year" and m.future and not m.comparison), None)
        if mark.kind == "years" and goal is not None:
            n = mark.year - mark.year_from
            mark = replace(mark, year=goal.year, year_from=goal.year - n, future=True)
        resolved.append(mark)
    return resolved


def _that_year(text: str, marks: list[TimeMark]) -> list[TimeMark]:
    """当年一季度 after 去年3月9日: the part of the year last spoken of, not of this year."""
    resolved: list[TimeMark] = []
    for mark in marks:
        earlier = [m for m in resolved if not m.comparison]
        if mark.kind == "span" and text[max(0, mark.start - 2):mark.start] == "当年" and earlier:
            mark = replace(mark, year=earlier[-1].year)
        resolved.append(mark)
    return resolved


def _pointing_back(text: str, pub: dt.date, marks: list[TimeMark], taken, reviewed: int | None) -> list[TimeMark]:
    """全年 (the year last spoken of) and 那时 (the dated event of the sentence before)."""
    found = []
    for match in WHOLE_YEAR.finditer(text):
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue
        if WHOLE_OF_PLAN_BEFORE.search(text, 0, match.start()) and WHOLE_OF_PLAN_AFTER.match(text, match.end()):
            continue  # 完成全年目标任务的27.4%, 占全年项目计划的70%: the whole a share is of, not its period
        # 截至8月底，全区全年269个年度投资项目累计完成投资…: the year's count of its programme, and no more
        scope = "count" if COUNT_AFTER.match(text, match.end()) else "paragraph"
        years = [m.year for m in marks if m.kind == "year" and not m.comparison and m.end <= match.start()]
        if years:
            year = years[-1]
        elif PLAN_AROUND.search(text[max(0, match.start() - 2):match.end() + 2]):
            year = pub.year  # 全年计划新增…, 力争全年…: the plan is for the year under way
        else:
            year = reviewed or _default_year(pub)
        found.append(TimeMark(match.end(), "year", year, start=match.start(), scope=scope))
    for match in YEAR_END.finditer(text):
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue
        years = [m.year for m in marks + found if m.kind == "year" and not m.comparison and m.end <= match.start()]
        found.append(TimeMark(match.end(), "asof", years[-1] if years else reviewed or _default_year(pub), month_to=12,
                              start=match.start(), point=True))
    for match in THEN.finditer(text):
        events = [m for m in marks if m.kind == "date" and m.end <= match.start()]
        if events:
            found.append(replace(events[-1], start=match.start(), end=match.end()))
    return found


def default_period(pub: dt.date) -> str:
    """No time word: a first-quarter piece reviews the year before; otherwise the
    figure describes the state at publication."""
    return str(pub.year - 1) if pub.month <= 3 else pub.isoformat()


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_of(mark: TimeMark | None, pub: dt.date, stock: bool, cumulative: bool = False) -> str:
    """The record's period for a figure under `mark` (None: the article default).
    A cumulative stock (累计…) under a year is the count at the end of that year."""
    if mark is None:
        year = default_period(pub)  # a January piece's figures with no time word are of the year it reviews
        return f"{year}-12-31" if stock and cumulative and year.isdigit() and int(year) < pub.year else year
    if mark.kind == "year":
        if stock and cumulative and mark.year < pub.year:
            return f"{mark.year}-12-31"
        return str(mark.year)
    if mark.kind == "span":
        if stock:  # a count at the end of 1—8月 is the count on 31 August
            return _month_end(mark.year, mark.month_to).isoformat()
        return f"{mark.year}-{mark.month_from:02d}/{mark.year}-{mark.month_to:02d}"
    if mark.kind == "plan":  # a five-year plan period, 十三五 = 2016-2020
        return f"{mark.year}-01/{mark.year + 4}-12"
    if mark.kind == "years":
        return f"{mark.year_from}-01/{mark.year}-12"
    if mark.kind == "asof":
        day = dt.date(mark.year, mark.month_to, mark.day) if mark.day else _month_end(mark.year, mark.month_to)
        if stock or mark.point:
            return day.isoformat()
        if mark.day:  # 截至12月9日，今年累计…: the flow of the year up to that day, not of all December
            return f"{mark.year}-01-01/{day.isoformat()}"
        return str(mark.year) if mark.month_to == 12 else f"{mark.year}-01/{mark.year}-{mark.month_to:02d}"
    if mark.kind in ("now", "date"):
        return dt.date(mark.year, mark.month_to, mark.day).isoformat()
    if mark.kind == "days":
        return f"{mark.first_day.isoformat()}/{dt.date(mark.year, mark.month_to, mark.day).isoformat()}"
    raise ValueError(mark.kind)
