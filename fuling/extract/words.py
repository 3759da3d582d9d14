"""Word rules around a figure: bound, kind, measure and subject.

- bound: 突破/超过/超/以上/逾/余/多/至少 → at_least; 左右/约/近/接近 → about;
  不到/不足/以下/以内 → at_most; otherwise exact.
- kind: 预计/达产后/将 → estimate; 力争/目标/规划, a goal year (到2026年) or a
  list under a 发展目标 heading → target; otherwise actual.
- measure: for %, 倍 and 个百分点: growth (增长/下降…, negative for a fall) or
  share (占/比重/率…), whichever word is nearer the figure; 个百分点 alone is a
  change. For counts: change after 新增/引进/实施 in the same sentence, unless 累计.
- subject: the nearest place, park or company named before the figure in its
  sentence; district words (全区, 该区, 涪陵) mean the article's own place.
"""
from __future__ import annotations

import re

AT_LEAST_BEFORE = re.compile(r"(突破|超过|超|逾|至少|不低于)")
ABOUT_BEFORE = re.compile(r"(约|接近|近)")
AT_MOST_BEFORE = re.compile(r"(不到|不足|不超过)")
AFTER = re.compile(r"^(以上|左右|以下|以内)")

ESTIMATE = re.compile(r"预计|达产后|建设完成后|将实现|将突破|将提升|预期")
TARGET = re.compile(r"力争|对接落地|打造(?=\d)|正加紧建设|落地开工|将新增")

GROWTH_UP = r"增长|增速|增幅|提升|提高|增"
GROWTH_DOWN = r"下降|降低|减少|缩短|减|降"
SHARE = r"占比|占|比重|比例|份额|占有率|率|强度|全市|全球"
# 新增 makes the figures after it increments of a stock, until another verb takes over
CHANGE_VERBS = re.compile(r"新增|实施|实现|建成|创建|完成|荣获|获评|入选|引进|引育|打造|累计|达到|达|纳入")
OWN_VERB_AFTER = re.compile(r"荣获|获评|入选|进入|纳入")
AWARD = re.compile(r"荣获|获评|入选")

# (pattern, subject); the first alternative that matches at a position wins.
ENTITIES: list[tuple[str, str]] = [
    (r"白涛新材料科技城", "白涛新材料科技城"),
    (r"涪陵高新区|(?<!国家)高新区(?!、)", "涪陵高新区"),
    (r"慧谷湖科创小镇|科创小镇", "慧谷湖科创小镇"),
    (r"华峰集团", "华峰集团"),
    (r"重庆华峰化工|重庆华峰|华峰化工|华峰己二酸", "重庆华峰化工"),
    (r"万凯新材料|万凯新材|万凯公司|万凯数创中心|万凯", "万凯新材料"),
    (r"建峰集团|建峰化工", "建峰集团"),
    (r"中化涪陵", "中化涪陵"),
    (r"太极涪陵制药厂", "太极涪陵制药厂"),
    (r"华晨鑫源", "华晨鑫源"),
    (r"涪陵赛特棕刚玉|涪陵赛特", "涪陵赛特棕刚玉"),
    (r"攀华集团", "攀华集团"),
    (r"华兰生物", "华兰生物"),
    (r"涪陵页岩气田", "涪陵页岩气田"),
    (r"涪陵页岩气产业化项目", "涪陵页岩气产业化项目"),
    (r"吉利(?:新能源汽车)?动力电池项目|吉利涪陵", "吉利涪陵动力电池项目"),
    (r"摩孚科技|该项技术", "摩孚科技"),
    (r"老林村", "老林村"),
    (r"西部\(重庆\)科学城|科学城", "西部(重庆)科学城"),
    (r"万盛经开区", "万盛经开区"),
    (r"全区|该区|涪陵区|(?:^|(?<=[，,。；;：:]))涪陵(?!榨菜|制药)", ""),  # the article's own place
]
ENTITY_RE = re.compile("|".join(f"(?P<e{i}>{p})" for i, (p, _) in enumerate(ENTITIES)))
SUBJECT_SLUGS = {
    "涪陵区": "", "白涛新材料科技城": "baitao", "涪陵高新区": "hi-tech-zone", "慧谷湖科创小镇": "huiguhu",
    "华峰集团": "huafeng-group", "重庆华峰化工": "huafeng", "万凯新材料": "wankai", "建峰集团": "jianfeng",
    "中化涪陵": "sinochem-fuling", "太极涪陵制药厂": "taiji", "华晨鑫源": "brilliance-xinyuan",
    "涪陵赛特棕刚玉": "saite", "攀华集团": "panhua", "华兰生物": "hualan", "涪陵页岩气田": "shale-gas-field",
    "涪陵页岩气产业化项目": "shale-gas-project", "吉利涪陵动力电池项目": "geely-battery", "摩孚科技": "mofu",
    "老林村": "laolin", "西部(重庆)科学城": "science-city", "万盛经开区": "wansheng", "梁平区": "liangping",
    "永川区": "yongchuan", "黔江区": "qianjiang", "南岸区": "nanan", "华峰己二酸六期项目": "huafeng-phase6",
    "全国": "china",
}


def bound_of(before: str, after: str, more: bool) -> str:
    """`before`: the few characters before the number; `after`: the text after the figure."""
    tail = AFTER.match(after)
    if tail:
        return {"以上": "at_least", "左右": "about", "以下": "at_most", "以内": "at_most"}[tail.group(1)]
    if more:
        return "at_least"
    for pattern, bound in ((AT_MOST_BEFORE, "at_most"), (AT_LEAST_BEFORE, "at_least"), (ABOUT_BEFORE, "about")):
        if pattern.search(before):
            return bound
    return "exact"


def kind_of(sentence_lead: str, heading: str, future: bool) -> str:
    if ESTIMATE.search(sentence_lead):
        return "estimate"
    if TARGET.search(sentence_lead) or "目标" in heading or future:
        return "target"
    return "actual"


def relative_measure(lead: str, after: str, unit: str) -> tuple[str, int]:
    """(measure, sign) of a %, 倍 or 个百分点 figure from the words nearest it."""
    if re.match(r"^的(?:提升|增长)", after):
        return "growth", 1
    best = ("", -1, 1)
    for words, measure, sign in ((GROWTH_UP, "growth", 1), (GROWTH_DOWN, "growth", -1), (SHARE, "share", 1)):
        for match in re.finditer(words, lead):
            if match.end() > best[1] or (match.end() == best[1] and measure == "growth"):
                best = (measure, match.end(), sign)
    if unit == "个百分点":
        return "change", 1
    if best[0]:
        return best[0], best[2]
    return "share", 1


def count_measure(sentence_lead: str, tail: str = "") -> str:
    """change for 新增…; level for counts of a stock or of events in a period."""
    if OWN_VERB_AFTER.search(tail):
        return "level"  # 15户企业荣获…: the figure has its own verb
    verbs = CHANGE_VERBS.findall(sentence_lead)
    return "change" if verbs and verbs[-1] == "新增" else "level"


def subject_of(sentence_lead: str, place: str) -> str:
    """The last entity named in `sentence_lead`; the article's place by default."""
    subject = place
    for match in ENTITY_RE.finditer(sentence_lead):
        rest = re.split(r"[，,。；;：:]", sentence_lead[match.end():], maxsplit=1)[0]
        if "等" in rest or AWARD.search(rest):
            continue  # 万凯PET三期、华峰己二酸六期等6个项目; 华峰氨纶成功入选…: examples and award winners, not the subject
        index = int(match.lastgroup[1:])
        subject = ENTITIES[index][1] or place
    return subject


def subject_slug(subject: str) -> str:
    return SUBJECT_SLUGS.get(subject, "")
