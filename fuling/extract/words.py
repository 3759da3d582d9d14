"""Word rules around a figure: bound, kind, measure and subject.

- bound: 突破/超过/超/以上/逾/余/多/至少 → at_least; 左右/约/近/接近 → about;
  不到/不足/以下/以内 → at_most; otherwise exact.
- kind: 预计/预估/有望/建成后/达产后/通车后/将实现 → estimate; 力争/计划/规划/拟/目标/将达/将投资/今年安排(项目),
  a goal year (到2026年) or a list under a 发展目标 heading → target; otherwise
  actual (完成年度计划的85% is done, not planned; 规划面积 / 规划占地 is a size, not a plan).
- measure: for % and 倍: growth (增长/下降…, negative for a fall; also 17%以上的增速)
  or share (占/比重/率…), whichever word is nearer the figure. 百分点 compared
  with another place (高于全市, 比全国高) is a gap: growth when the rates are
  growth rates, else share; otherwise it is the change of a rate over time
  (比上半年加快, 提高0.48个百分点; negative for 回落/下降). For counts and amounts:
  change after 新增 (新增就业 is a metric of its own) or, in a target, after
  培育(创建)/新建; an amount 比2015年底增加 is a change too (negative for 比上年减少); else level.
  x%的负增长 is a fall. 增加值 is a noun, not a growth word.
(Subjects: subjects.py.)
"""
from __future__ import annotations

import re

from fuling.extract.figures import POINTS

# not 超出预期1个百分点, 超过平均水平2个百分点: a gap over what is compared, not a floor (but 超全市20% is one)
AT_LEAST_BEFORE = re.compile(r"(突破|超过|超|逾|至少|不低于)(?![出过]?(?:预期|平均|计划|序时|时序))")
ABOUT_BEFORE = re.compile(r"((?<![签预合制节公条])约|接近|近)")  # 签约, 节约 are not 约
AT_MOST_BEFORE = re.compile(r"(不到|不足|不超过)")
AFTER = re.compile(r"^(以上|左右|以下|以内)")

ESTIMATE = re.compile(r"预计|预估|估算|有望|达产后|投产后|建成后|建设完成后|竣工后|通车后|投用后|投运后|将实现|将突破|将提升|(?<!超出)(?<!超过)(?<!高于)(?<!低于)(?<!达到)预期(?!目标|增长|性|增速)|设计年")
# 预计到2027年，城区建成区面积将达68平方公里: 将达 after 预计 says what is expected, it starts no plan of its own
FOLLOWS_ESTIMATE = re.compile(r"将达")
ONCE_RUNNING = re.compile(r"达产后|投产后|建成后|建设完成后|竣工后|通车后|投用后|投运后")
# 将突破 / 将实现 / 将提升 say only that it is to come: under a goal year (到2027年) the figure is a target
WEAK_FUTURE = re.compile(r"将实现|将突破|将提升")
# 将建设年产10万吨的生产线: the capacity a plant will have once built (the words just before the figure)
CAPACITY_TO_BUILD = re.compile(r"将(?:建设|建成|形成)(?:[一两二三四五六七八九十\d]+[座个条家套])?年产$")  # 将建成一座年产30万件
# 计划 and 规划 as nouns (4项行动计划，, 建设规划，, 前期规划研究项目, 年度计划的85%) set no target, nor a plan carried out
# (超额完成年度计划投资, 占年度计划投资的73%, 年度计划投资进度达138%)
# 投资计划完成率 is how much of a plan was carried out: an actual, like 完成年度计划的…
TARGET = re.compile(r"力争|按计划|预期(?:目标|增长|性)|确保|将推动|将(?:扩大|增加|提高)到|(?<!行动)(?<!完成年度)(?<!完成)计划(?![的，,。；;”]|完成率|投资(?:的|进度|完成率))|(?<!前期)规划(?![面的占用，,。；;”])|(?<=今年)安排(?=项目)|(?<!模)拟|(?<!完成)(?<!完成全年)(?<!完成年度)(?<!实现)目标(?!完成率|任务完成|考核)|将达|将(?:与[^，,。；;]{1,12}?)?(?:联合|共同)?投资|对接落地|打造(?=\d)|正加紧建设|落地开工|将新增|将(?:同步)?(?:建设|衔接|培育|串起|新建|打造|引进|完成)(?![^，,。；;]{0,4}年产|[^，,。；;]{0,8}?/年)")

CLAUSE_BREAK = re.compile(r"[，,；;]")
# 占…增加值的1%: 增加值 is a noun; 同比上升14.3% is a growth (but 比重上升到…, a level, is read before)
GROWTH_UP = r"增长|增速|增幅|提升|提高|增(?!加值)|(?:超过|高于|超出)(?:去年|上年)同期|(?:同比|比[^，,。；;]{0,6}?)?(?:上升|上涨)(?![到至])"
GROWTH_DOWN = r"下降|降低|减少|缩短|减|(?<!起)降"  # not 起降, take-offs and landings
# 投资进度达到81.8%, 相当于规模以上工业增加值的2.64%, 恢复到去年同期的82%: shares too
SHARE = r"占比|占|比重|比例|份额|占有率|率|强度|全市|全球|进度|相当于[^，,。；;]*的|恢复(?:到|至)[^，,。；;]*的"
# 新增 makes the figures after it increments of a stock, until another verb takes over
# 新建 of 新建项目 names a class of projects (续建项目93个、新建项目101个), it is not what the figures after it did
CHANGE_VERBS = re.compile(r"新增(?!就业)|实施|实现|建成|培育创建|创建|培育|新建(?!项目)|完成|荣获|获评|入选|引进|引育|打造|累计|达到|达|纳入")
# 新 before a verb of adding: 新培育, 新引进, 新开通 (not 新开工 / 新签约 / 新建项目: classes of projects)
NEWLY_DONE = re.compile(r"新(?:培育|建成|引进|发展|开通|认定|入库|落户|招引)")
TARGET_CHANGE_VERBS = ("培育创建", "培育", "新建")  # 力争创建…1个 stays a level (annotated set)
CHANGE_OVER_BASE = re.compile(r"(?:比|较)[^，,；;。]{1,12}(?:增加|增长|多|减少|下降)了?$")
POINTS_GAP = re.compile(r"(?:高于|低于|高出|快于|慢于|超出|超过|领先)(?:全市|全国|全省|全区|平均|预期)"
                        r"|比(?:全市|全国|全省|全区|平均)[^，,；;。]{0,6}(?:高|低|快|慢)")
PULL = re.compile(r"拉动[^，,；;。]{0,12}$")
POINTS_DOWN = re.compile(r"回落|下降|降低|收窄|减少|放缓")
GROWTH_RATE = re.compile(r"增长|增速|增幅")
OWN_VERB_AFTER = re.compile(r"荣获|获评|入选|进入|纳入")
AWARD = re.compile(r"荣获|获评|入选")


def bound_of(before: str, after: str, more: bool) -> str:
    """`before`: the few characters before the number; `after`: the text after the figure."""
    tail = AFTER.match(after.lstrip())
    if tail:
        return {"以上": "at_least", "左右": "about", "以下": "at_most", "以内": "at_most"}[tail.group(1)]
    if more:
        return "at_least"
    for pattern, bound in ((AT_MOST_BEFORE, "at_most"), (AT_LEAST_BEFORE, "at_least"), (ABOUT_BEFORE, "about")):
        if pattern.search(before):
            return bound
    return "exact"


def kind_of(sentence_lead: str, heading: str, future: bool) -> str:
    estimate = [m.end() for m in ESTIMATE.finditer(sentence_lead)]
    if future and estimate and all(WEAK_FUTURE.fullmatch(m.group(0)) for m in ESTIMATE.finditer(sentence_lead)):
        return "target"  # 到2027年，…将突破3.2万亿元: the goal year makes it a target
    once_running = [m for m in ESTIMATE.finditer(sentence_lead) if ONCE_RUNNING.fullmatch(m.group(0))]
    target = [m.end() for m in TARGET.finditer(sentence_lead) if not FOLLOWS_ESTIMATE.fullmatch(m.group(0))
              # 这些项目达产后，将新增年产值243亿元: what they will add once running, an estimate (but
              # 建成后，空中连廊将衔接…: what it will link is the plan)
              and not (m.group(0) == "将新增" and once_running and once_running[-1].end() <= m.start())]
    if estimate and target and target[-1] > estimate[-1] and CLAUSE_BREAK.search(sentence_lead, estimate[-1], target[-1]):
        return "target"  # 估算总投资252.35亿元，计划全年完成投资40.87亿元: the plan's own clause
    if estimate:
        return "estimate"
    if TARGET.search(sentence_lead) or "目标" in heading or future:
        return "target"
    return "actual"


def points_measure(lead: str, sentence_lead: str) -> tuple[str, int]:
    """A gap between two rates, or the change of one rate over time."""
    if POINTS_GAP.search(lead):
        return ("growth" if GROWTH_RATE.search(sentence_lead) else "share"), 1
    if PULL.search(lead):
        return "growth", 1  # 拉动经济增长0.6个百分点: a part of the growth rate, neither a gap nor a change of it
    return "change", -1 if POINTS_DOWN.search(lead[-8:]) else 1


def relative_measure(lead: str, after: str, unit: str, sentence_lead: str = "") -> tuple[str, int]:
    """(measure, sign) of a %, 倍 or 百分点 figure from the words nearest it."""
    if unit == POINTS:
        return points_measure(lead, sentence_lead or lead)
    if re.match(r"^的负增长", after):
        return "growth", -1  # 出现0.9%的负增长: a fall
    if re.match(r"^(?:以上|左右)?的(?:提升|增长|增速|增幅)", after):
        return "growth", 1
    best = ("", -1, 1)
    for words, measure, sign in ((GROWTH_UP, "growth", 1), (GROWTH_DOWN, "growth", -1), (SHARE, "share", 1)):
        for match in re.finditer(words, lead):
            if match.end() > best[1] or (match.end() == best[1] and measure == "growth"):
                best = (measure, match.end(), sign)
    if best[0]:
        return best[0], best[2]
    if sentence_lead and sentence_lead != lead:  # 全市GDP增速一季度为10.7%，上半年为11%
        return relative_measure(sentence_lead, after, unit)
    return "share", 1


def change_sign(sentence_lead: str) -> int:
    """-1 for an amount 比上年减少 / 较去年下降 (a change downwards), else 1."""
    match = CHANGE_OVER_BASE.search(sentence_lead)
    return -1 if match and re.search(r"(?:减少|下降)了?$", match.group(0)) else 1


def last_clause_start(text: str) -> int:
    return max(text.rfind(c) for c in "，,；;：:") + 1


def count_measure(sentence_lead: str, tail: str = "", target: bool = False) -> str:
    """change for 新增… (and 创建… in a target, 比…增加); level for counts of a stock
    or of events in a period."""
    if OWN_VERB_AFTER.search(tail):
        return "level"  # 15户企业荣获…: the figure has its own verb
    if CHANGE_OVER_BASE.search(sentence_lead):
        return "change"
    verbs = CHANGE_VERBS.findall(sentence_lead)
    if verbs and verbs[-1] == "新增":
        return "change"
    if NEWLY_DONE.search(sentence_lead[last_clause_start(sentence_lead):]):
        return "change"  # 全年新培育规上工业企业20户, 新开通2条线路: what was added this time
    return "change" if target and verbs and verbs[-1] in TARGET_CHANGE_VERBS else "level"
