"""What a report prints around its text: headline, source line, dateline, byline.

Each rule is a small function stating the form it reads, with examples; they
match the rule text of fuling/ingest/script.py (Simplified, half-width), so
`來源：新華網` and `（記者 歐陽晴 劉念）` need no rules of their own, and the
spans they find are the printed spans. tests/test_ingest_masthead.py tries each.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from fuling.ingest import dates, rules

if TYPE_CHECKING:  # the type only names its class
    from fuling.ingest.lines import Line

HEADLINE_MAX = 48  # a headline above a source or byline line; the longest in the dev reports runs 26
SOURCE_LINE_MAX = 120  # a source line with outlet, time, author and editor runs to about 60
OUTLET_MAX = 12  # 国际在线, 三峡传媒网, 中国新闻网
DRAFT_TITLE_MAX = rules.LABEL_MAX

SOURCE_WORD_RE = re.compile(r"(?:来源|发布时间|更新时间|发布日期|发稿时间|稿源|时间|日期|作者|责任编辑|责编|编辑)\s*:"
                            r"|[\[【]\s*(?:发布日期|发布时间|成文日期|发布机构)\s*[\]】]"  # [ 发布日期 ] 2022-08-12
                            r"|发表于\s*(?=\d)")  # a forum's post line: 生活君 发表于 2021-5-20 10:44:12 查看: 3187
WEEKDAY_RE = re.compile(r"星期[一二三四五六日天]|周[一二三四五六日]")
OUTLET_RE = re.compile(r"(?:来源|稿源)\s*:\s*([^\s|｜:()\[\]【】]+)")
TIME_RE = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
DATE_FORMS = (dates.CHINESE_RE, dates.ISO_RE, dates.MONTH_DAY_RE, dates.NUMERAL_DATE_RE)
# 国际在线, 华龙网-新重庆客户端: a name, its parts maybe joined by a hyphen
OUTLET_NAME_RE = re.compile(r"^(?=.{2,%d}$)[\u4e00-\u9fffA-Za-z]+(?:[-·][\u4e00-\u9fffA-Za-z]+)*$" % (OUTLET_MAX + 4))
# `三峡传媒网讯（记者 …）`, `本报讯`, `永川日报讯 6月30日，`
XUN_RE = re.compile(r"^(?P<outlet>[\u4e00-\u9fffA-Za-z]{2,12}?)讯(?=[\s(]|\d|记者|$)")
# `新华网重庆7月22日电`, `中新网重庆2月23日电`: an agency, a place, a month and day.
DIAN_RE = re.compile(r"^(?P<outlet>[\u4e00-\u9fff]{1,8}?(?:网|社|报|台|在线))[\u4e00-\u9fff]{2,6}?"
                     r"(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日电")
# `华龙网-新重庆客户端10月23日10时讯`, `…10月22日14时45分讯`: an outlet, a month and day (and time), then 讯.
DATED_XUN_RE = re.compile(r"^(?P<outlet>[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z\-]{1,15}?)"
                          r"(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日(?:\s*\d{1,2}\s*时(?:\s*\d{1,2}\s*分)?)?讯")
# `国际在线重庆频道消息:`
XIAOXI_RE = re.compile(r"^(?P<outlet>[\u4e00-\u9fffA-Za-z]{1,14}(?:网|在线|频道|社|报|台|客户端))消息\s*:")
BRACKET_BYLINE_RE = re.compile(r"^\s*\((?P<inner>[^()]{2,40})\)")
DATELINE_DATE_RE = re.compile(r"^\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日\s*,?")
# `潼南日报　2018-6-29　第01版：要闻`: a newspaper's page line, its page and section beside the date
# 第02版:区县新闻, 第A1版:要闻, 第03版:区县·民生; an issue number (总第95期) and 编印 beside the date
PAGE_RE = re.compile(r"第\s*[A-Z]?\d{1,3}\s*版(?:\s*:\s*[\u4e00-\u9fff·]{1,12})?|总第\s*\d+\s*期|>(?=\d{4}-\d)|(?<=\d)编印"
                     r"|(?<![A-Za-z])[A-Z]\d{1,2}(?:\s*-\s*[A-Z]\d{1,2})?\s*:\s*[\u4e00-\u9fff·“”\"]{1,16}")  # A6-A7:大足“两会”特别报道
# a newspaper's or a site's name alone on the top line, above its page or date line: 潼南日报, 武陵都市报数字报
OUTLET_ALONE_RE = re.compile(r"^[\u4e00-\u9fff]{2,10}(?:日报|晚报|都市报|报|数字报|电子报|网|客户端)$")
# `02-21 11:10:50 来源:上游新闻`: month and day with a time, the year left out
MONTH_DAY_TIME_RE = re.compile(r"(?<![\d\-/.])(\d{1,2})-(\d{1,2})\s+\d{1,2}:\d{2}")
# `首页 > 财经 > 区域经济`, `人民网>>重庆频道>>区县`: where the page sits in its site
# (`您的当前位置：主页 > 新闻 > 国内国际 >` ends on its separator)
DATE_IN_LINE = re.compile(r"\d{4}\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2}")
CRUMB_RE = re.compile(r"^[^。，,;；>›»]{1,16}(?:\s*(?:>{1,2}|›|»)\s*[^。，,;；>›»]{1,16}){1,8}(?:\s*(?:>{1,2}|›|»))?$")  # also 论坛 › 万州资讯
# a page's buttons printed on its date line: 【字号：大 中 小】, 【打印】 【关闭】
BUTTONS_IN_LINE = re.compile(r"【\s*(?:字号|打印|关闭|纠错|收藏|分享)[^】]{0,16}】|字号\s*:\s*大\s*中\s*小")
BARE_NAMES_RE = re.compile(r"^\(\s*(?P<inner>[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4})*)\s*\)$")


@dataclass(frozen=True)
class SourceLine:
    """`2022-04-28 17:09:55 来源:重庆日报`: where and when the report appeared."""

    outlet: str
    date: dt.date | None
    month_day: tuple[int, int] | None


@dataclass(frozen=True)
class Dateline:
    """The opening words of the first paragraph that say who sent it, from where, when."""

    length: int  # characters of the printed line the dateline takes
    outlet: str  # "" for 本报
    byline_span: tuple[int, int] | None  # the byline inside its brackets, as a span of the line
    month_day: tuple[int, int] | None
    wire: bool = False  # an agency's 电 (新华网重庆7月22日电), not an outlet's own 讯


def _strip_dates(rule: str) -> tuple[str, dt.date | None, tuple[int, int] | None]:
    """The line without its dates and times, and the date it prints."""
    date = dates.printed_date(rule)
    md = None if date else dates.month_day(rule)
    if date is None and md is None and (dash := MONTH_DAY_TIME_RE.search(rule)):
        md = int(dash.group(1)), int(dash.group(2))
        rule = rule[:dash.start()] + " " * (dash.start(2) + len(dash.group(2)) - dash.start()) + rule[dash.end(2):]
    rest = PAGE_RE.sub(" ", WEEKDAY_RE.sub(" ", TIME_RE.sub(" ", rule)))
    for form in DATE_FORMS:
        rest = form.sub(" ", rest)
    return rest, date, md


def source_line(rule: str) -> SourceLine | None:
    """A source or date line: short, no sentence end, and either a `来源:`,
    `发布时间:`, `更新时间:` label (`来源:璧山报 | 2023-04-26 16:44:07`,
    `2023年11月02日 15:35 来源:人民网`, `责任编辑:王某`) or a printed date with at most
    an outlet name and a weekday beside it (`国际在线2015-09-23 17:33:41`,
    `2023 年 02 月 20 日`, `(2022年7月22日 星期五)`)."""
    text = rule.strip()
    if not text or len(text) > SOURCE_LINE_MAX or rules.ends_sentence(text):
        return None
    rest, date, md = _strip_dates(text)
    rest = BUTTONS_IN_LINE.sub("", rest)
    labelled = OUTLET_RE.search(text)
    if SOURCE_WORD_RE.search(text):
        return SourceLine(labelled.group(1) if labelled else "", date, md)
    leftover = re.sub(r"[\s|｜/()\[\]【】]+", "", rest)
    if (date or md) and (not leftover or OUTLET_NAME_RE.match(leftover)):
        return SourceLine(leftover, date, md)
    return None


def labelled_date_line(rule: str) -> SourceLine | None:
    """A source line with a label and a full date (`更新时间：2022-03-18 10:26:41`,
    `来源：区融媒体中心 | 2023-02-21`): the page's own date line wherever the opening
    prints it, also below furniture such as an office's contact card."""
    found = source_line(rule)
    return found if found is not None and found.date is not None and SOURCE_WORD_RE.search(rule) else None


def _bracketed_byline(rule: str, start: int) -> tuple[int, tuple[int, int] | None]:
    """After a dateline: `(记者 蒋雨桥)` -> (end of the brackets, span of the names)."""
    match = BRACKET_BYLINE_RE.match(rule[start:])
    if not match or not any(role in match.group("inner") for role in ("记者", "通讯员", "实习生")):
        return start, None
    return start + match.end(), (start + match.start("inner"), start + match.end("inner"))


def dateline(rule: str) -> Dateline | None:
    """The dateline at the start of the first paragraph: `本报讯(记者 蒋雨桥)`,
    `三峡传媒网讯(记者 钟一鸣 田小禾 通讯员 向帆)`, `新华网重庆12月30日电(记者 欧阳晴 刘念)`,
    `华龙网-新重庆客户端10月23日10时讯`,
    `国际在线重庆频道消息:`; and `永川日报讯 6月30日,`, whose month and day date the
    report but stay in the sentence they open."""
    md = None
    if match := DIAN_RE.match(rule) or DATED_XUN_RE.match(rule):
        md = int(match.group("month")), int(match.group("day"))
    else:
        match = XUN_RE.match(rule) or XIAOXI_RE.match(rule)
    if not match:
        return None
    outlet = match.group("outlet")
    end, byline = _bracketed_byline(rule, match.end())
    end += len(rule[end:]) - len(rule[end:].lstrip())
    # `永川日报讯 6月30日，记者从…获悉`: the day opens the sentence, which keeps it; it dates the report
    if md is None and match.re is XUN_RE and (when := DATELINE_DATE_RE.match(rule[end:])):
        md = int(when.group("month")), int(when.group("day"))
    return Dateline(end, "" if outlet == "本报" else outlet, byline, md, wire=match.re is DIAN_RE)


def trailing_byline(rule: str) -> bool:
    """The byline printed after the text, in brackets: `(邹一帆)`, `(记者 叶知秋)`."""
    return bool(BARE_NAMES_RE.match(rule.strip())) or rules.is_bracketed_byline(rule.strip())


def is_headline(text: str, above_masthead: bool) -> bool:
    """A report's first line is its headline unless it is running text: longer than
    48 characters, or closing a sentence with more sentence punctuation inside
    (`早春时节，涪陵大地生机勃勃，…澎湃。`) — except right above a source, date or
    byline line, where one sentence with commas is a headline too. So
    `重庆：前三季度经济稳中有进，质量效益提升` and `长寿前三季度主要经济指标稳中有进。` are."""
    if not text or len(text) > HEADLINE_MAX:
        return False
    inner = text.rstrip(rules.CLOSERS)[:-1]
    if not rules.ends_sentence(text) or not any(ch in rules.SENTENCE_PUNCT + "、" for ch in inner):
        return True
    return above_masthead and not any(ch in "。！？!?" for ch in inner)


def headline_text(text: str) -> str:
    """The headline as front matter: without a closing 。 or Markdown `#` marks."""
    heading = rules.markdown_heading(text)
    return (heading[1] if heading else text).removesuffix("。")


def drafted_title(paragraph: str) -> str:
    """A headline drafted from the first sentence, for a report printed without one:
    the sentence up to its 。, cut at the last comma (else 、) within 32 characters when longer."""
    sentence = re.split(r"(?<=[。！？!?])", paragraph, maxsplit=1)[0].rstrip("。！？!?")
    if len(sentence) <= DRAFT_TITLE_MAX:
        return sentence
    for marks in ("，,；;：:", "、"):  # a clause, else an item of a list
        if (cut := max(sentence.rfind(p, 0, DRAFT_TITLE_MAX) for p in marks)) > 0:
            return sentence[:cut]
    return sentence[:DRAFT_TITLE_MAX] + "…"


def is_crumb(rule: str) -> bool:
    """Site furniture above a saved page's headline: `首页 > 财经 > 区域经济`."""
    return bool(CRUMB_RE.match(rule.strip()))


# Site furniture, as whole lines of a saved page (rule text): what a reader of the report is not reading
NAV_WORDS = re.compile(r"上一篇|下一篇|上一页|下一页|上一版|下一版|上一期|下一期|返回目录|返回顶部|导航菜单|打印本页|关闭窗口|往期回顾|"
                       r"【打印|【关闭|【纠错|分享到|字号\s*[:：]|扫码下载|版权所有|ICP备|公网安备|PDF版|关于我们|网站声明|"
                       r"^新闻内容$|意见反馈|Copyright|All Rights Reserved|主管单位|主办单位|许可证|我要编辑|进入论坛|发布者\s*[:：]|"
                       r"(?:热线|电话|传真)\s*[:：]?\s*\d{3,4}-?\d{7,8}|主办$|放大\s*缩小|订阅$|切换")
MEDIA_MARK = re.compile(r"^【(?:视频|图片|音频|组图|图集)】$")
META_TABLE_ROW = re.compile(r"^\[\s*[\u4e00-\u9fff]{2,6}\s*\]\s*\|")  # [ 索引号 ] | 1150…/2023-00029 | [ 发文字号 ] |
PAGE_ONLY = re.compile(r"^第\s*[A-Z]?\d{1,3}\s*版(?:\s*[:：]\s*[\u4e00-\u9fff·]{1,12})?$")  # 第003版：要闻
SITE_WORD = re.compile(r"网$|报$|电视台|广播|报社|融媒体中心|首页|主办|统计局|调查总队")
CRUMB_LEAD = re.compile(r"^(?:您的|你的)?(?:当前)?位置\s*[:：]\s*")
MENU_ITEMS = 6  # a line of this many short items between bars is a menu, however long


def is_furniture(rule: str) -> bool:
    """A line of site furniture in a saved page or a pasted web text, wherever it stands: a crumb
    (`当前位置：首页 > 江北新闻 > 正文`), a menu (`首页 | 江北新闻 | 视频`, `忠州新闻网 | 忠县广播电视台主办`),
    a pager or links to other pieces (`上一页 1 2 3 下一页`, `上一篇：…`), buttons (`分享到：微信`,
    `【打印本页】`), a media mark (`【视频】`), a metadata table row (`[ 索引号 ] | …`), a copyright
    or ICP line. Never a line with a date (a source line) or one that is running text."""
    line = rule.strip()
    if not line or DATE_IN_LINE.search(line):
        return False
    if CRUMB_RE.match(CRUMB_LEAD.sub("", line)) and re.search(r">|›|»", line):
        return True
    if MEDIA_MARK.match(line) or META_TABLE_ROW.match(line) or PAGE_ONLY.match(line):
        return True
    if re.match(r"^(?:上一篇|下一篇|[·•]\s*\S)", line):
        return True  # 上一篇：忠县春节假期文旅市场火热, · 重庆今年工业投资预计突破2000亿元 — links to other pieces
    if any(ch in line for ch in "。！？!?"):
        return False
    parts = [p.strip() for p in re.split(r"[|｜]", line) if p.strip()]
    if len(parts) >= MENU_ITEMS and all(len(p) <= 8 for p in parts):
        return True  # 萬州|黔江|涪陵|渝中|…|兩江新區: a long menu of short items (the districts of a regional channel)
    if len(line) > 60:
        return bool(NAV_WORDS.search(line))  # a footer: 关于我们 | 网站声明 | … 版权所有
    if len(parts) >= 3 and all(len(p) <= 16 for p in parts):
        return True  # 首页 | 国家 | 省级 | 市级
    if len(parts) >= 4 and all(len(p) <= 16 for p in parts[1:-1]):
        return True  # …人民政府　首页 | 政务公开 | 政务服务 | 走进秀山　网站支持IPv6: the site's name and its menu
    items = line.split()
    if items[0] == "首页" and len(items) >= 4 and all(len(item) <= 6 for item in items):
        return True  # 首页　机构概况　统计数据　统计分析
    if len(parts) == 2 and any(SITE_WORD.search(p) for p in parts) and not any("，" in p or "," in p for p in parts):
        return True  # 忠州新闻网 | 忠县广播电视台主办
    return bool(NAV_WORDS.search(line))


SITE_NAME_MAX = 20
SITE_MENU = re.compile(r"^\s*(?:首页|当前位置|您的位置|你的位置)|[|｜]")  # what a site prints under its name


SPLIT_YEAR = re.compile(r"^(?:19|20)\d{2}$")
SPLIT_MONTH_DAY = re.compile(r"^\d{1,2}/\d{1,2}$")


def join_split_date(lines: list[Line]) -> list[Line]:
    """A news app's date printed over lines (`2023` / `10/17` / `15:46`) as one date line, `2023/10/17 15:46`."""
    joined: list[Line] = []
    skip = 0
    for n, line in enumerate(lines):
        if skip:
            skip -= 1
            continue
        following = lines[n + 1].rule.strip() if n + 1 < len(lines) else ""
        if SPLIT_YEAR.match(line.rule.strip()) and SPLIT_MONTH_DAY.match(following):
            after = lines[n + 2].rule.strip() if n + 2 < len(lines) else ""
            time = after if TIME_RE.fullmatch(after) else ""
            joined.append(replace(line, text=f"{line.text.strip()}/{following} {time}".strip(), rule=""))
            skip = 2 if time else 1
            continue
        joined.append(line)
    return joined


def drop_furniture(lines: list[Line]) -> list[Line]:
    """The lines of a seed without its site furniture, and without the site's name printed alone on
    the top line above a menu or crumb (`奉节网络广播电视台` over `首页 | 奉节新闻 | …`)."""
    furniture = [is_furniture(line.rule) for line in lines]
    kept = []
    for n, line in enumerate(lines):
        if furniture[n]:
            continue
        site_name = (n == 0 and n + 1 < len(lines) and furniture[n + 1] and SITE_MENU.search(lines[n + 1].rule)
                     and len(line.rule) <= SITE_NAME_MAX
                     and not any(ch in line.rule for ch in rules.SENTENCE_PUNCT) and source_line(line.rule) is None)
        if not site_name:
            kept.append(line)
    return kept


def is_masthead_line(line: Line) -> bool:
    """A source line, a byline, or a first paragraph opening with a dateline."""
    return (source_line(line.rule) is not None or rules.parse_byline(line.rule) is not None
            or dateline(line.rule) is not None)


def outlet_alone(piece: list[Line], n: int) -> str:
    """The outlet a top line names alone, when a source or date line follows it (`潼南日报` above
    `第A2版：要闻　>2017-12-12编印`); "" otherwise."""
    line = piece[n].rule.strip()
    following = piece[n + 1] if n + 1 < len(piece) else None
    if OUTLET_ALONE_RE.match(line) and following is not None and source_line(following.rule) is not None:
        return line.removesuffix("数字报").removesuffix("电子报") or line
    return ""


def find_headline(piece: list[Line]) -> tuple[set[int], dict[str, str]]:
    """(indices of the headline lines, their front matter fields) by the rules; nothing
    when the print has none. The headline is the first line after any source lines; a
    headline printed twice takes both lines; a label between it and the source or byline
    line is the subtitle. After a source line, only a label (rules.is_label) is one."""
    start = next((i for i, line in enumerate(piece) if source_line(line.rule) is None and not is_crumb(line.rule)
                  and not outlet_alone(piece, i)), len(piece))
    if start >= len(piece) or rules.parse_byline(piece[start].rule) is not None:
        return set(), {}
    first = piece[start]
    heading = rules.markdown_heading(first.text)
    candidate = REPOST_MARK.sub("", heading[1] if heading else first.text)  # 转载｜重庆南川：…
    following = piece[start + 1] if start + 1 < len(piece) else None
    if start and not (rules.is_label(candidate) or (EXCLAIMED_HEADLINE.match(candidate) and following is not None
                                                    and is_masthead_line(following))):
        return set(), {}
    if following is not None and following.text == first.text:
        return {start, start + 1}, {"title": headline_text(candidate)}
    after = piece[start + 2] if start + 2 < len(piece) else None
    if following is not None and after is not None and rules.is_label(following.text) \
            and not is_masthead_line(following) and is_masthead_line(after) \
            and is_headline(candidate, above_masthead=True):
        return {start, start + 1}, {"title": headline_text(candidate), "subtitle": following.text}
    if dateline(first.rule) is None and \
            is_headline(candidate, following is not None and is_masthead_line(following)):
        return {start}, {"title": headline_text(candidate)}
    return set(), {}


# 总投资87亿元！万州今年推进30个生态环保重点项目: a headline whose first part is exclaimed, right above its date line
EXCLAIMED_HEADLINE = re.compile(r"^[^。，,；;！？!?、]{2,20}[！!][^。，,；;！？!?、]{2,30}$")
REPOST_MARK = re.compile(r"^(?:转载|轉載)\s*[｜|:：]\s*")
