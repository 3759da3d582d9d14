"""Find the figures in a sentence: a number, its scale (万/亿) and its unit.

Only a number followed by a unit is a figure, which by itself rules out
dates (9月21日), years (2023年), ordinals (第八届), programme names (`2349`,
`1+2+8+N`, `5G`) and classifications (`4大单品`, `900亿级`). Further rules
drop numbers inside short quoted names (“十个新提升”), numbers glued to
Latin letters (PM2.5, 5G) and the indefinite 一个.

Traditional script and full-width digits are read through `printed.rule_text`;
offsets and `raw` stay those of the printed text. 个百分点, 百分点 and 个点
are one unit, spelt 个百分点 as the reviewed facts write it. Also not figures: 718 in 中船718所 (a name), the shape of a plan
(4项行动计划, 四个阶段, 三项攻坚行动), the length of a holiday (假日三天), an amount
that only sorts what is counted (投资10亿元以上的项目有2个), a capacity inside a
project's name (年产10万吨…项目) or of each unit just counted
(32套年产40万吨…装置), a size class of a count (100亿级企业3个) or one aimed at
(打造500亿级…集群, 正向100亿级迈进), a count of what was just named (围绕两个项目) or
of a plan's parts (三个片区, 两个主导产业), and the tally of a list just given (围绕先进材料、…、
新型能源5个重点产业; but A、B和C3个项目已投产 counts named works). People may be counted in 万 without 人
(总人口54万, 约12万群众, 近10万巫山人 → 万人); 把 counts knives and tools (2000万把). Not figures either: a span of
months (前6个月, 两个月), a threshold of any unit but a rate (5000平方米以上的网点) and the bar a streak cleared
(连续46个月保持10%以上的增速), nor the ends and pairs of idioms (三头发力, 两头, 两口子).
Money may be written in Chinese numerals (一百零六亿元); a bare 百 or 千 after 近/超/逾/约 is a round count
(近百家); tenths are percentages (八成, 三成多); 协议引资144.2亿 is money printed without 元.

Digits grouped by commas (`6,502 万元`) are one number.

Money with a scale is converted to 亿元 (`1200万元` → 0.12 亿元), dollars to 亿美元
(`500万美元` → 0.05 亿美元; `1.2亿美元` stays; euros alike); prices
without a scale (`400元/亩`, `每筐10元`) keep 元. Other units keep their
scale as written (`5.3万件`, `2.1万亿立方米`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from fuling.core.numbers import NUMERAL_CHARS, chinese_number
from fuling.extract.printed import rule_text

SCALES = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}
YI = Decimal(10) ** 8

# Units a figure can carry, longest first so that 个百分点 wins over 个.
UNITS = (
    "个百分点", "个点(?!位)", "百分点", "微克/立方米", "平方公里", "平方米", "立方米", "公里", "毫米", "兆帕", "GWh",
    "元/亩", "元/公斤", "元/斤", "元/吨", "元/平方米", "元/平方公里", "元/人", "公斤/亩",
    "美元", "欧元", "元", "%", "‰", "℃", "倍", "吨", "公斤", "斤", "千瓦时", "千瓦", "小时", "千米", "米",
    "家", "个", "户", "项", "种", "片", "名", "辆", "件", "台", "处", "人次", "人", "条", "所", "座", "亩", "天", "筐", "口",
    "幢", "栋", "头", "只", "套", "场次", "车次", "架次", "艘次", "班次", "标箱", "趟", "列(?![入为出举车队表])",
    "场", "册", "箱", "艘", "方(?![面式向案法针位])", "把", "张", "株", "棵",
    "位(?![数于列居])",  # 200余位嘉宾 (not 第5位, 前3位: ranks)
    "班(?![子组长级车])",  # 每周66班 flights (36个班 counts in 个)
)
COUNT_UNITS = "家个户项种名辆件台处人次条所座亩天筐口幢栋头只套场车架册箱艘"  # not 位: 三位院士 describes
# Percentage points have one spelling, the reviewed facts' (docs/content-format.md)
POINTS = "个百分点"
UNIT_NAMES = {"百分点": POINTS, "个点": POINTS}

# 人均地区生产总值达到7.5万元, 户均增收1.2万元: an amount for each person or household, in the figure's clause
PER_HEAD_BEFORE = re.compile(r"(?:人均|户均|每人|每户)[^，,。；;：:！？!?]*$")

# 6,502 万元, 16,104户: digits grouped in threes by commas are one number
ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d+(?:\.\d+)?"
CHINESE = r"[一二两三四五六七八九十百千][零一二两三四五六七八九十百千]*"
NUMBER_RE = re.compile(
    rf"(?P<num>{ARABIC}|{CHINESE})"
    rf"(?:\s*[-—–~至]\s*(?P<high>{ARABIC}))?"
    r"(?P<more1>余|多)? ?(?P<scale>万亿|亿|万)?(?P<more2>余|多)? ?"  # spaced print: "4.8 万家", "0.48 个百分点"
    r"(?P<unit>" + "|".join(UNITS) + r")"
    r"(?P<per>/年)?"
)
FRACTION_RE = re.compile(rf"(?P<den>{CHINESE}|\d+)分之(?P<num>{CHINESE}|\d+)")
HALF_RE = re.compile(r"一半(?P<more>以上)?|过半")
# 八成, 三成多, 近七成: tenths of a whole (not 成为, 成立, 成功, 成果, 成本, 成效, 成员, 成交)
TENTHS_RE = re.compile(r"(?<![一二三四五六七八九十])(?P<num>[一二三四五六七八九])成(?P<more>多|以上)?(?![为立功果本效员交熟型品不绩])")
# 总量占全市近1/5: a share printed as a slashed fraction, after the words of a share (never a date such as 10/17)
SLASH_FRACTION_RE = re.compile(r"(?<=[占近约超])(?P<num>\d)/(?P<den>[2-9]|10)(?![\d/])")
# 三大龙头, 4大单品: a count only when the things counted are listed just before it
BIG_RE = re.compile(rf"(?P<num>{CHINESE}|\d+)大(?P<noun>龙头|企业|[\u4e00-\u9fff])")
# 做强A、B、C三大主导产业: the shape of a plan (its sectors, fields, actions), not a count of firms (三大龙头)
BIG_STRUCTURE_AFTER = re.compile(r"(?:主导|特色|支柱|新兴|重点|优势|战略性新兴)?(?:产业|板块|领域|集群|方向|行动|工程|平台|任务|路径|战略|"
                                 r"定位|目标|功能|品牌|片区|战役)")
# 900亿级材料产业: a measured size; 千亿级 / 百亿级 are tiers and 3个300亿级 counts clusters
SIZE_RE = re.compile(r"(?<![\d.个])(?P<num>\d+(?:\.\d+)?)亿级")
# 努力打造500亿级…集群, 正向100亿级迈进, 形成500亿级…主导产业: the class aimed at, not a size reached
SIZE_AIMED_BEFORE = re.compile(r"(?:打造|形成|向|培育|发展|冲刺|争创|迈向)(?:[^，,。；;、]*、)*$")  # and the list after it
# 协议引资144.2亿, 总投资36.8亿: an amount of money printed without 元, after the words of money
BARE_YI_RE = re.compile(r"(?:引资|投资|资金|产值|收入|营收|销售额|零售额|总额)(?:达|为|约|近|超|共)?(?P<num>\d+(?:\.\d+)?)(?P<more>余|多)?亿"
                        r"(?=$|[，,。；;、）)\s])")
ANIMAL_AFTER = re.compile(r"(?:[\u4e00-\u9fff]{0,2})(?:牛|猪|羊|驴|马|鹿|骡|象)")
ROUND_BEFORE = tuple("近超逾约")  # the words before a bare 百 or 千 that make it a round count (not 站上百亿元)
# 总人口54万, 常住人口42万, 约12万群众: a number of people printed without 人
PEOPLE_RE = re.compile(r"(?:(?<=人口)|(?<=人口达)|(?<=人口为)|(?<=人口约)|(?<=约)|(?<=近))(?P<num>\d+(?:\.\d+)?)(?P<more>余|多)?万"
                       r"(?=$|[，,。；;、）)]|其中|群众|居民|[\u4e00-\u9fff]{2}人(?![次均]))")  # 近10万巫山人
LATIN_WORD_BEFORE = re.compile(r"(?<![A-Za-z])[A-Z]{3,}$")
# 718所 in 中船718所 names an institute; 3所 counts schools only before what they are, or alone
SCHOOLS_AFTER = re.compile(r"^(?:$|[，,。；;、）)]|学校|高校|院校|大学|中学|小学|幼儿园|医院|卫生院|养老)")
# what a count is a count of when it is the shape of a plan or a piece, not a quantity:
# 4项行动计划, 四个阶段, 在科技投入和绿色制造两个领域
STRUCTURE_AFTER = re.compile(r"^(?:阶段|方面|领域|步骤|环节|行动计划|项行动|大行动|举措|措施|片区|主导产业|特色产业|"
                             r"大?(?:特点|特征|亮点|变化|任务)|重点任务|大重点|(?:重点|主要)?工作(?!获|受到|被|岗位)|(?:支柱|主攻|发展)?方向|支柱产业|"
                             r"底线|红线|部分|路径)")
# 围绕两个项目延链补链: the projects just named, counted again
BACK_REFERENCE_BEFORE = re.compile(r"(?:围绕|依托|这|上述)$")
# 投资10亿元以上的项目有2个: an amount threshold says which things are counted, the count is the figure
THRESHOLD_AFTER = re.compile(r"^(?:及?以上|以下)(?:的|(?:[\u4e00-\u9fff]{0,4}(?:项目|企业)))")
# a company's name right before a capacity: 中铝80万吨氧化铝项目, 博赛集团60万吨…项目
NAME_BEFORE_CAPACITY = re.compile(r"(?:^|[、，,和及与])[\u4e00-\u9fff]{2,6}(?:集团|公司)?$")
# 忠县年产10万吨高端磷酸铁锂项目: the capacity in a project's name
NAMED_PROJECT_AFTER = re.compile(r"^[\u4e00-\u9fffA-Za-z]{1,14}项目"
                                 r"|^[\u4e00-\u9fffA-Za-z、]{1,24}?等(?:\d+个)?(?:重点|产业)?项目")  # …零部件等产业项目
# 建设32套年产40万吨磷酸铁锂装置: the size of each of the units just counted, not a quantity of its own
EACH_OF_COUNT_BEFORE = re.compile(r"\d+[套条台座个]年产$")
# 培育100亿级企业3个: a size class of the things counted after it
CLASS_OF_COUNT = re.compile(r"^[\u4e00-\u9fff]{1,6}?\d+(?:个|家)")
# 三项攻坚行动 (the shape of a plan); 两项工程与…一起 (the two works just named)
ACTION_OR_BACK_REFERENCE = re.compile(r"^(?:[\u4e00-\u9fff]{0,4}行动|(?:工程|项目)(?:与|和|均|都|同))")
# 面积达50万方: a 方 of area is a square metre
AREA_BEFORE = re.compile(r"面积[^，,。；;]{0,4}$")
# 两项指标, 9项经济社会发展主要指标: counts of the indicators reported on
INDICATORS_AFTER = re.compile(r"^[\u4e00-\u9fff]{0,10}?指标")
# 七天里, 三天内: a span of days
# 八天假期里, 片区七天共接待…: the holiday's length
SPAN_OF_DAYS_AFTER = re.compile(r"^(?:里|内|来|间|中|假期|长假|小长假|黄金周|共|累计)")
STREAK_BEFORE = re.compile(r"连续[\d一二两三四五六七八九十]+个?(?:月|季度|年)[^，,。；;]{0,4}?(?:保持|实现|稳定在|高于)$")
# 假日三天: the length of the holiday the figures cover; 在巫溪玩了4天: the length of one visitor's stay
# also 小长假前两天, and 4月5日、6日两天 (the days just dated)
HOLIDAY_BEFORE = re.compile(r"(?:假日|假期|长假|黄金周|(?:假期|长假|黄金周)?(?:前|头)|\d{1,2}[日号]|(?:玩|住|待|呆|逗留|停留|游)了?)$")
# 1.4、1.8个百分点, 分别高出6.7和5.8个百分点: numbers listed before a figure share its scale and unit
LISTED_BEFORE = re.compile(r"(?:(?<![\d.])\d+(?:\.\d+)?[、和])+$")
# 提高0.1个、0.2个百分点: the measure word printed after each listed number of points
LISTED_POINTS_BEFORE = re.compile(r"(?:(?<![\d.])\d+(?:\.\d+)?个[、和])+$")
POINTS_LISTED_AFTER = re.compile(r"^[、和]\d+(?:\.\d+)?个百分点")
LISTED_NUMBER = re.compile(r"\d+(?:\.\d+)?")
QUOTED_RE = re.compile(r"[“‘\"『「]([^”’\"』」]*)[”’\"』」]")
NAME_PUNCTUATION = re.compile(r"[，。；！？,;!?]")


@dataclass(frozen=True)
class Figure:
    """One figure found in a piece of text; offsets are into that text."""

    start: int
    end: int
    value: float  # in `unit`
    unit: str
    raw: str  # as written, e.g. "1200万元"
    more: bool = False  # 余 / 多: "at least"
    high: float | None = None  # upper end of a range such as 3—5个
    converted: bool = False  # money rescaled to 亿元


def _number(text: str) -> Decimal | None:
    if text[0].isdigit():
        return Decimal(text.replace(",", ""))
    value = chinese_number(text)
    return None if value is None else Decimal(value)


def name_spans(text: str) -> list[tuple[int, int]]:
    """Spans of short quoted names (“1+2+3”, “十个新提升”); quoted speech is not a name."""
    spans = []
    for match in QUOTED_RE.finditer(text):
        inner = match.group(1)
        if len(inner) <= 12 and not NAME_PUNCTUATION.search(inner):
            spans.append(match.span())
    return spans


def _is_figure_context(text: str, start: int, end: int, number: str) -> bool:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before == "第" or (before and before in "+＋") or (after and after in "+＋"):
        return False  # ordinal or programme name such as 1+2+8+N
    if before.isascii() and before.isalpha() and not LATIN_WORD_BEFORE.search(text[:start]):
        return False  # PM2.5, G5-like codes; SUV2.87万辆 names a product and counts it
    if before.isdigit() or before == ".":
        return False
    if not number[0].isdigit():
        if number == "一" and not text.startswith("倍", start + 1):
            return False  # 一个 is the indefinite article far more often than a count (but 增长一倍 doubles)
        if before and (before in NUMERAL_CHARS or before in "几数"):
            return False
    return True


def _listed_before(text: str, pos: int, count: int) -> bool:
    """True when the clause before `pos` lists `count` items (A、B、C三大…, A、B和C三大…)."""
    clause = re.split(r"[，,。；;：:！？]", text[:pos])[-1]
    items = [item for item in re.split(r"[、和]", clause) if item]
    return count >= 2 and clause.count("、") >= 1 and len(items) >= count


# 中药材加工、食品及农产品加工两条产业链分别增长…, 电子、汽车两大支柱产业占…比重: the number of the items just
# listed, whose figures follow (分别) or whose share is given (占), not a count of its own
LIST_SIZE_AFTER = re.compile(r"^[\u4e00-\u9fff]{0,8}?(?:分别|占)")


def _size_of_list(text: str, start: int, end: int, value: Decimal | None) -> bool:
    if value is None:
        return False
    if _listed_before(text, start, int(value)) and LIST_SIZE_AFTER.match(text[end:]):
        return True
    return (bool(tally := TALLY.match(text, start)) and not ENTITIES_COUNTED.match(text, tally.end())
            and _tally_of_list(text, start, int(value)))


# 汽车、冶金、化工、能源这4大…, 围绕先进材料、食品加工…、新型能源5个…, A、B和C三处: the number of the items
# the clause has just named, a tally of the list rather than a figure (not A、B等36个: examples of more)
COUNT_IN_LIST = re.compile(r"\d+[个家项条座户所种名]|[一二两三四五六七八九十]+个")  # not 周边100公里内还有A、B…
TALLY_LEAD = re.compile(r"(?:这|共|这些)?$")
# A、B和C3个项目已投产, 钓鱼城、涞滩古镇2家国家4A级景区: named works and sites counted, a figure
ENTITIES_COUNTED = re.compile(r"[\u4e00-\u9fff\dA-Z]{0,10}?(?:项目|企业|公司|龙头|单品|景区|单位|工厂|车间|学校|医院)")
TALLY = re.compile(r"(?:\d+|[一二两三四五六七八九十]+)[个大处家项条座所种](?![\d.万亿])")


def _tally_of_list(text: str, pos: int, count: int) -> bool:
    clause = re.split(r"[，,。；;：:！？]", text[:pos])[-1]
    clause = clause[:TALLY_LEAD.search(clause).start()].strip("“”\"")
    if count < 2 or "、" not in clause or "等" in clause:
        return False
    if COUNT_IN_LIST.search(clause):
        return False  # 招引50亿级项目1个、20亿级项目2个, 节水型企业3家、水效领跑者2家: a list of counts, not of names
    if clause.endswith("的"):
        return False  # 新开至米兰、河内…以及中国香港的9条货运航线: what the list describes is counted
    # 电器机械及设备制造 may be one item or two
    return count in (len([item for item in re.split(pattern, clause) if item]) for pattern in (r"以及|[、和及与]", r"以及|[、和与]"))


def _not_a_quantity(text: str, match: re.Match) -> bool:
    unit, after = match.group("unit"), text[match.end():]
    if unit == "所" and not SCHOOLS_AFTER.match(after):
        return True
    if STRUCTURE_AFTER.match(after) or (unit == "项" and ACTION_OR_BACK_REFERENCE.match(after)):
        return True
    if not match.group("num")[0].isdigit() and BACK_REFERENCE_BEFORE.search(text[:match.start()]):
        return True  # 围绕两个项目: a count of what was just named
    if unit not in ("%", "倍") and not unit.startswith(("个百分点", "个点", "百分点")) and THRESHOLD_AFTER.match(after):
        return True  # 17%以上的增速 is a rate; 10亿元以上的项目, 5000平方米以上的网点 only sort what is counted
    if unit == "个" and POINTS_LISTED_AFTER.match(after):
        return True  # 0.1个、0.2个百分点: read with the points after it
    if unit == "个" and after.startswith("月"):
        return True  # 前6个月, 两个月: a span of time
    if (text[:match.start()].endswith("年产") or unit in ("万吨", "吨") and NAME_BEFORE_CAPACITY.search(text[:match.start()])) \
            and NAMED_PROJECT_AFTER.match(after):
        return True  # 年产10万吨…项目, 中铝80万吨氧化铝项目: the capacity in a project's name
    if EACH_OF_COUNT_BEFORE.search(text[:match.start()]):
        return True
    if unit in ("项", "个") and INDICATORS_AFTER.match(after):
        return True  # 两项指标…分别增长, 在9项经济社会发展主要指标中: the indicators a piece goes through
    if unit in ("%", "倍") and STREAK_BEFORE.search(text[:match.start()]):
        return True  # 连续46个月保持10%以上的增速: the bar a run of months cleared, not a figure of its own
    if unit == "天" and SPAN_OF_DAYS_AFTER.match(after):
        return True  # 七天里，缙云山景区…: the span the figures cover
    return unit == "天" and bool(HOLIDAY_BEFORE.search(text[:match.start()]))


def _scaled(value: Decimal, unit: str, scale_word: str, per_head: bool = False) -> tuple[Decimal, str, bool]:
    """(value, unit, converted): money to 亿元, other units keeping their scale (5.3万件); a
    per-head amount (人均…7.5万元) keeps its 万元, as it is printed and read."""
    if unit in ("元", "美元", "欧元") and scale_word and not per_head:  # 1.2亿美元 stays in 亿美元, 500万美元 is 0.05 亿美元
        return value * SCALES[scale_word] / YI, "亿" + unit, scale_word != "亿"
    return value, scale_word + unit, False


def find_figures(printed: str) -> list[Figure]:
    """Every figure in `printed`, in order of appearance; offsets and `raw` as printed."""
    text = rule_text(printed)
    names = name_spans(text)
    figures: list[Figure] = []

    def in_name(pos: int) -> bool:
        return any(a <= pos < b for a, b in names)

    for match in NUMBER_RE.finditer(text):
        number = match.group("num")
        if in_name(match.start()) or not _is_figure_context(text, match.start(), match.end(), number):
            continue
        if _not_a_quantity(text, match):
            continue
        if re.fullmatch(r"0\d+", number):
            continue  # 02　项目推进: a section number printed with its leading zero
        unit = UNIT_NAMES.get(match.group("unit"), match.group("unit"))
        scale_word = match.group("scale") or ""
        if (not number[0].isdigit() and (unit not in COUNT_UNITS or scale_word) and not (unit == "元" and scale_word)
                and unit != "倍"):
            continue  # Chinese numerals count things (两家), sum money (一百零六亿元) and multiply (增长近一倍); 百万人口 is a description
        if unit == "位" and text[match.start() - 1:match.start()] in ("前", "后"):
            continue  # 排名前3位: a rank
        if not number[0].isdigit() and (unit == "头" and not ANIMAL_AFTER.match(text, match.end())
                                        or unit == "口" and text[match.end():match.end() + 1] == "子"):
            continue  # 三头发力, 水运与铁路两头, 两口子: no count of livestock or people
        if unit == "方" and not (number[0].isdigit() and scale_word):
            continue  # 150万方 is a volume; 三方, 双方 are parties
        if unit == "方" and AREA_BEFORE.search(text[:match.start()]):
            unit = "平方米"  # 消费带面积达50万方: square metres, as an area is
        if text[match.end():match.end() + 1] == "级" or text[match.end():match.end() + 2] == "元级":
            continue  # 百亿级, 10亿元级单品: a size class, not a figure
        value = _number(number)
        if value is None and number in ("百", "千") and text[match.start() - 1:match.start()] in ROUND_BEFORE:
            value = _number("一" + number)  # 近百家中小食品企业, 逾千人: about a hundred, a thousand
        if value is None or _size_of_list(text, match.start(), match.end(), value):
            continue
        high = _number(match.group("high")) if match.group("high") else None
        more = bool(match.group("more1") or match.group("more2"))
        listed = LISTED_BEFORE.search(text[:match.start()])
        if listed is None and unit == "个百分点":
            listed = LISTED_POINTS_BEFORE.search(text[:match.start()])
        if listed:
            for item in LISTED_NUMBER.finditer(listed.group(0)):
                start = listed.start() + item.start()
                item_value, item_unit, converted = _scaled(Decimal(item.group(0)), unit, scale_word)
                figures.append(Figure(start, listed.start() + item.end(), float(item_value), item_unit,
                                      printed[start:listed.start() + item.end()], converted=converted))
        per_head = bool(PER_HEAD_BEFORE.search(text, 0, match.start()))
        value, scaled_unit, converted = _scaled(value, unit, scale_word, per_head)
        if high is not None:
            high = _scaled(high, unit, scale_word, per_head)[0]
        figures.append(Figure(
            start=match.start(), end=match.end(), value=float(value), unit=scaled_unit,
            raw=printed[match.start():match.end()], more=more,
            high=float(high) if high is not None else None, converted=converted,
        ))
    for match in BIG_RE.finditer(text):
        value = _number(match.group("num"))
        if value is None or in_name(match.start()) or not _listed_before(text, match.start(), int(value)):
            continue
        if _size_of_list(text, match.start(), match.end(), value) or BIG_STRUCTURE_AFTER.match(text, match.end("num") + 1):
            continue
        unit = "家" if match.group("noun") in ("龙头", "企业") else "个"
        figures.append(Figure(match.start(), match.end("num") + 1, float(value), unit, match.group("num") + "大"))
    for match in SIZE_RE.finditer(text):
        if (not in_name(match.start()) and text[match.start() - 1:match.start()] not in ("第",)
                and not CLASS_OF_COUNT.match(text[match.end():])
                and not SIZE_AIMED_BEFORE.search(text[:match.start()])):
            figures.append(Figure(match.start(), match.end(), float(match.group("num")), "亿元", match.group(0), more=True))
    taken = [(f.start, f.end) for f in figures]
    for match in BARE_YI_RE.finditer(text):
        if not in_name(match.start()) and not any(a < match.end() and match.start() < b for a, b in taken):
            start = match.start("num")
            figures.append(Figure(start, match.end(), float(match.group("num")), "亿元", printed[start:match.end()],
                                  more=bool(match.group("more"))))
    for match in PEOPLE_RE.finditer(text):
        if not in_name(match.start()) and not any(a < match.end() and match.start() < b for a, b in taken):
            figures.append(Figure(match.start(), match.end(), float(match.group("num")), "万人", printed[match.start():match.end()],
                                  more=bool(match.group("more"))))
    for match in FRACTION_RE.finditer(text):
        den, num = _number(match.group("den")), _number(match.group("num"))
        if den and num is not None and not in_name(match.start()):
            share = (num / den * 100).quantize(Decimal("0.01")).normalize()
            figures.append(Figure(match.start(), match.end(), float(share), "%", match.group(0)))
    for match in SLASH_FRACTION_RE.finditer(text):
        num, den = int(match.group("num")), int(match.group("den"))
        if den and num < den and not in_name(match.start()):
            share = (Decimal(num) / den * 100).quantize(Decimal("0.01")).normalize()
            figures.append(Figure(match.start(), match.end(), float(share), "%", match.group(0)))
    for match in TENTHS_RE.finditer(text):
        if not in_name(match.start()) and not any(a < match.end() and match.start() < b for a, b in taken):
            figures.append(Figure(match.start(), match.end(), float(_number(match.group("num")) * 10), "%", match.group(0),
                                  more=bool(match.group("more"))))
    for match in HALF_RE.finditer(text):
        if not in_name(match.start()):
            more = bool(match.group("more")) or match.group(0) == "过半"  # 施工进度过半: past the half
            figures.append(Figure(match.start(), match.end(), 50.0, "%", match.group(0), more=more))
    return sorted(figures, key=lambda f: f.start)
