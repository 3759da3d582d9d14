"""A catalogue entry drafted for a figure whose metric content/metrics.yaml lacks.

A figure no metric rule knows is never left unclassified: the words that name
what it measures (its label: 固定资产投资, 邮政行业业务收入, 接待游客) become a
drafted metric, with a snake_case key, the unit its values are in and the
figure's measure, for an editor to accept into the catalogue
(`build.py extract` lists the drafts in content/metrics-proposed.yaml).

The label is the figure's own clause with what is not the metric taken away:
time words, the subject, 同比 and the verbs and bound words next to the number
(累计完成, 增长, 达到, 超过); a count with no words before it is named by the
noun after it (六条自动化生产线). The key translates the label word by word
with `GLOSSARY`, the common words of economic reporting; a label it cannot
translate whole gets `draft_` and a digest of the label, stable from run to run,
never a half-translation that could merge two meanings.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

# Chinese words of economic reports → key words. Longest match first; "" drops a word.
GLOSSARY = {
    "固定资产投资": "fixed_asset_investment", "社会消费品零售总额": "retail_sales", "民间投资": "private_investment",
    "第一产业": "primary_industry", "第二产业": "secondary_industry", "第三产业": "tertiary_industry",
    "增加值": "value_added", "高技术产业": "high_tech_industry", "高新技术": "high_tech", "技改": "tech_upgrade",
    "投资": "investment", "工业": "industrial", "用电量": "electricity_use", "用气量": "gas_use", "用水量": "water_use",
    "接待游客": "tourist_arrivals", "接待": "tourist_arrivals", "接待境内外游客": "tourist_arrivals", "游客": "tourists",
    "旅游总收入": "tourism_revenue", "旅游收入": "tourism_revenue",
    "邮政行业": "postal", "邮政": "postal", "业务收入": "revenue", "业务总量": "business_volume",
    "快递业务量": "express_volume", "快递": "express", "新增就业人员": "new_jobs", "新增就业": "new_jobs",
    "就业": "employment", "销量": "sales", "销售额": "sales", "产量": "output", "年产量": "output",
    "产能": "capacity", "年产能": "capacity", "产值": "output", "项目": "projects", "企业": "firms",
    "平台": "platforms", "科创平台": "sci_tech_platforms", "国家": "national", "国家级": "national", "市级": "municipal",
    "进出口": "foreign_trade", "出口": "exports", "进口": "imports", "税收": "tax", "利润": "profit",
    "营业收入": "revenue", "收入": "revenue", "页岩气": "shale_gas", "天然气": "natural_gas", "全长": "length",
    "设计压力": "design_pressure", "管径": "diameter", "年设计输气量": "design_capacity", "人员": "personnel",
    "研发": "rd", "R&D": "rd", "变速器": "transmission", "混动": "hybrid", "电驱": "e_drive", "总成": "assembly",
    "自动": "", "DCT": "dct", "绿色工厂": "green_factories", "绿色园区": "green_parks", "园区": "park",
    "建成面积": "built_area", "面积": "area", "启动资金": "startup_capital", "汽车": "auto", "零部件": "parts",
    "汽摩": "auto_moto", "皮卡": "pickups", "SUV": "suvs", "签约": "signed", "农业": "agriculture",
    "服务业": "services", "制造业": "manufacturing", "建筑业": "construction", "房地产开发投资": "real_estate_investment",
    "货运量": "freight_volume", "客运量": "passenger_volume", "吞吐量": "throughput", "集装箱": "container",
    "居民人均可支配收入": "disposable_income_per_capita", "人均可支配收入": "disposable_income_per_capita",
    "城镇": "urban", "农村": "rural", "一般公共预算收入": "general_budget_revenue", "存款余额": "deposits",
    "贷款余额": "loans", "发电量": "power_generation", "能耗": "energy_use", "生产线": "production_lines",
    "自动化": "automated", "设备": "equipment", "布井": "wells", "新材料": "materials", "产业链": "chain",
    "战略性新兴产业": "strategic_emerging", "存量企业": "", "追加": "additional", "市场": "market",
    "绿色工业园区": "green_parks", "新增": "", "产业": "", "管道": "pipeline", "基地": "base",
    "占": "", "全部": "", "的": "", "及": "", "和": "", "总量": "", "总额": "total",
}
_WORDS = sorted(GLOSSARY, key=len, reverse=True)
MONEY_WORDS = re.compile(r"投资|收入|总额|产值|销售额|增加值|利润|税收|资金|营收")
PARENTHESES = re.compile(r"（[^）]*）|\([^)]*\)")
# what stands next to the number but is not the metric
LEADING = re.compile(r"^(?:其中|而|但是|但|好在|然而|区内|县内|同时|此外|另外|同期|全市|全区|全县|全国|我市|本市|该区|重庆市?|共|已|均|当月|"
                     r"分别|实现|完成|累计|引进|实施|建成|创建|培育|拿出|从|仅|在|为此|据初步统计测算|"
                     r"假日[一二三四五六七八九十\d]*天?|假期[一二三四五六七八九十\d]*天?)+")
# a comparison next to the number names no metric: 高于全市, 比上半年加快, 增幅高出全市
COMPARED_WITH = r"(?:全市|全国|全省|全区|平均|上半年|去年同期|上年同期|同期|上年|去年|上期|上月|上季度|\d{1,2}月份?|[一二三四]季度|1\s*[-—–至]\s*\d{1,2}月)"
# 高于全市, 比去年同期, 分别高于全市、全国 (what is compared with, also listed)
COMPARISON = re.compile(rf"(?:分别)?(?:高于|低于|高出|快于|慢于|超出|比|较){COMPARED_WITH}(?:[、和与]{COMPARED_WITH})*"
                        r"(?:平均)?(?:水平)?(?:分别)?(?:高出|高|低|快|慢)?")
LISTED_NUMBERS_TAIL = re.compile(r"(?:\d+(?:\.\d+)?个?[、和])+$")
# what an amount was achieved as: 已在渝实现税收 → 税收
AFTER_VERB = re.compile(r"^.*(?:实现|完成|达到)(?=[\u4e00-\u9fff]{2})")
QUALIFIERS = ("national", "municipal")  # put last, as the catalogue does: green_factories_national
# 两年平均增长, 增速较(上年)提升: the rate of the metric named before, not a metric of its own
TRAILING = re.compile(r"(?:同比|累计|共|已经|已|分别|两年平均|平均|均|较|比|保持|实现|完成|达到|达|为|是|超过|突破|约|近|接近|"
                      r"增长|下降|增加|减少|提高|提升|加快|收窄|回落|放缓|增速|增幅|降幅|高于|低于|高出|高|低|占|了|用了|计划|预计|可|将)+$")
# a site, park or district of a city named before what it did (洪崖洞民俗风貌区七天接待游客, 各景区接待游客), and the days
# it did it in: who and when, not the metric
NAMED_PLACE_HEAD = re.compile(r"^[\u4e00-\u9fff]*(?:景区|旅游区|风貌区|度假区|商圈|街区|老街|古镇|园区)"
                              r"(?:[一二三四五六七八九十\d]+天)?(?=[\u4e00-\u9fff]{2})")
NOUN_AFTER = re.compile(r"^[\u4e00-\u9fffA-Za-z]{2,10}?(?=[上中里内]?(?:$|[，,。；;、]))")


@dataclass(frozen=True)
class MetricDraft:
    """A catalogue entry for the editor: key, label from the text, unit, measure."""

    key: str
    label: str
    unit: str
    measure: str

    def entry(self) -> dict:
        return {"key": self.key, "label": self.label, "unit": self.unit, "measure": self.measure}


PLAN_OF_PERIOD = re.compile(r"^(?:年度|[一二三四]季度|全年|今年)?计划(?:完成)?(?=投资$)")
# 按可比价格计算增长4.3%: how the growth was reckoned, not what grew
PRICE_BASIS = re.compile(r"按(?:可比|不变|现行)?价格计算|按可比口径(?:计算)?|扣除价格因素(?:后)?(?:实际)?|^(?:名义|实际)(?=增长)")


def metric_label(lead: str, after: str, words_to_drop: list[str]) -> str:
    """The words of `lead` (the figure's clause up to the number) that name its metric;
    for a bare count, the noun right after the number."""
    label = COMPARISON.sub("", PARENTHESES.sub("", PRICE_BASIS.sub("", lead))).replace(" ", "")
    label = LISTED_NUMBERS_TAIL.sub("", label)  # 分别高于全市、全国2个和3个百分点: the 2 is the figure before
    for word in sorted(filter(None, words_to_drop), key=len, reverse=True):
        if word in label:
            label = label[label.rindex(word) + len(word):]
    label = LEADING.sub("", TRAILING.sub("", label.strip(" ，,：:")))
    label = NAMED_PLACE_HEAD.sub("", label)
    label = AFTER_VERB.sub("", label)
    label = PLAN_OF_PERIOD.sub("", label)  # 年度计划投资 is drafted as 投资, as 完成投资 is
    if len(label) < 2 and (noun := NOUN_AFTER.match(after)):
        label = noun.group(0)
    return label if len(label) >= 2 else ""


# an attribute that only means something of the thing it belongs to: 全长 of a pipeline
ATTRIBUTE = re.compile(r"^(?:全长|长度|设计压力|管径|年?设计输气量|面积|建成面积|占地面积|年产能|产能)$")
KIND_OF_THING = re.compile(r"(管道|项目|基地|园区)$")


def attribute_label(label: str, subject: str) -> str:
    """The label as the subject leaves it: 管道全长 for the 全长 of a named pipeline, so that two things'
    lengths stay two metrics; 项目 for 基础设施项目19个 under 大渡口区基础设施项目, the class being the subject."""
    if label.endswith("项目") and subject.endswith(label) and subject != label:
        return "项目"
    kind = KIND_OF_THING.search(subject)
    return kind.group(1) + label if kind and ATTRIBUTE.match(label) else label


def draft_key(label: str) -> str:
    """snake_case from the glossary when every word is known, else draft_<digest>."""
    parts, rest = [], label
    while rest:
        word = next((w for w in _WORDS if rest.startswith(w)), None)
        if word is None:
            return "draft_" + hashlib.sha1(label.encode("utf-8")).hexdigest()[:8]
        if GLOSSARY[word] and (not parts or parts[-1] != GLOSSARY[word]):
            parts.append(GLOSSARY[word])
        rest = rest[len(word):]
    parts = [p for p in parts if p not in QUALIFIERS] + [p for p in parts if p in QUALIFIERS]
    return "_".join(parts) or "draft_" + hashlib.sha1(label.encode("utf-8")).hexdigest()[:8]


def draft_metric(label: str, unit: str, measure: str) -> MetricDraft | None:
    if not label:
        return None
    level_unit = unit if measure in ("level", "change") or unit == "%" and measure == "share" else ""
    if not level_unit and MONEY_WORDS.search(label):
        level_unit = "亿元"
    return MetricDraft(draft_key(label), label, level_unit, measure)
