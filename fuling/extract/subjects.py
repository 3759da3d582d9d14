"""Who or what a figure is about: the last place, park, company or project named
before it (rule text: Simplified), the article's own place by default.

- Named entities of Fuling's own reports (`ENTITIES`), by their short names.
- 全市 / 我市 / 重庆 → 重庆市, 全国 (也 在全国范围内) → 全国, 全区 / 该区 / 区内 → the
  article's place, 区内（不含高新区） → 沙坪坝区（不含高新区）, a part of it;
  and the districts and counties of Chongqing by full name; each only at the
  head of its clause (前三季度全市实现…, 而同期全国…), not where the text
  compares with it or puts something in it (高于全市, 占全国, 是全市…, 在全区…中).
- Other names by what they end with: a company or group (…公司, …集团; at the
  head of a clause also …工业, …电池, …化工: 一季度，比亚迪电池实现产值…), a
  park or area (…产业园, …物流园区, …高新区, …开发区, …片区, …商圈; 主城南山片区 is 南山片区) or a project (…项目, …管道, …基地,
  …电站, …大桥, …隧道, roads and their sections: …高速公路, …高速公路重庆段, 巫溪至大昌段) or a fair (本届西洽会, …博览会), read
  back from that ending to the word before the name (的, 个, a verb such as 随着,
  落户). 重庆市荣昌高新区 is 荣昌高新区 (but 重庆工业职业技术学院… keeps 重庆: no place follows it);
  綦江齿轮传动有限公司 is 綦江齿轮传动; a phase printed after a name is part of it (…项目（一期）), and
  so are its quoted words (“静观田园”综合体项目 → 静观田园综合体项目).
- A group of the place's projects at the head of a clause, with what was invested in
  it (全区市级重大项目完成投资…, 新开工项目一季度完成投资…) → 万州区市级重大项目.
- A count of a group of projects or firms, named by what was done to them or by their
  class (签约的重点项目共31个, 现场签下17个项目, 18家企业集中投产, 市级重大项目27个): the count
  is the place's (or the fair's, the park's named before it); the figures after it, and
  a later 这批项目, are the group's (总投资…, 新增年产值… → 开州区签约项目, 开州区投产企业).
  A count with no such name (实施重点项目27个, “四个一批”项目126个) makes no group, and a
  breakdown inside the group (其中，投资10亿元以上的项目有2个; 这批项目中，…5个；…1个; 其中，100亿元级项目5个
  in a later item) stays the group's, and so does 这批项目 in a later ；-item of the count's sentence. Counts in
  项 count projects as those in 个 do; a word between count and verb (5个项目落笔签约, 集中签约) keeps the group,
  a run of verbs (集中签约、开工) makes none.
- A name after a clause that opens with 是 (5个项目中体量最大的，是…的碳酸钙…项目) is named, not described; the
  kind of firm printed before a company (速冻食品企业长沙虎家食品科技有限公司) is no part of its name.
- A class or field of projects heading a clause with what was invested in it, or heading a
  sentence of its own (川渝合作共建的重大项目累计完成投资…, 现代基础设施领域持续发力。该领域…),
  owns the figures of that sentence, and of the next one when it opens with 其中.
- An amount that describes the project named right after it (投资200亿元的玻璃纤维项目) is
  that project's.
- An item of a breakdown by named classes of an earlier count of projects (34个项目…。此次开工的产业项目4个，
  计划总投资28.2亿元; 重点项目194个，其中续建项目93个) is the class's, count and sums (大渡口区产业项目); a size
  class (5000万元以上的项目18个) and the items of 这批项目中 stay the group's.
- Districts, parks and companies listed before respective figures (永川、江津、合川三地…分别增长9.1%、8.4%和7.2%;
  德感工业园、白沙工业园规模工业产值分别增长…) are their subjects, districts also by their short names.
- Scenic spots, museums, hotels and airports (缙云山景区, 重庆自然博物馆, 重庆江北国际机场: an airport by its
  city's name, a district's by its short name, 万州机场, and 机场 alone is the one just named) are named places; 经开区 alone is the place's own,
  as 高新区 is; a grade (国家4A级景区) and the city's industries (重庆汽车, 能源工业) are no names.
- Not names: 城镇 / 乡镇 (towns in general: 全年城镇新增就业…), a project's team or office
  (中冶建工项目团队, 项目部), a line something lies along (渝怀铁路沿线).
- A town or street named at the head of a clause (赶水镇与…) and 镇域内 / 该镇 for
  the article's own town (綦江区赶水镇 → 赶水镇); the other party of an agreement
  (A与B公司签订…) is not a subject.
- A piece whose headline or first paragraph names a fair (第二届西洽会闭幕, 本届西洽会…) is about
  it: figures that name no other subject are the fair's (来自95个国家…参展), not the city's.
- Words that point back: 园区 (产业园 alone too) → the first park the article names (its title
  included), or else the park named earlier in the paragraph; 高新区 alone → the place's own (荣昌区 → 荣昌高新区); 这条管道 /
  该项目 / 该公司 → the last name with that ending.
- Not subjects: a programme's quoted name (打造“两园两基地”), an event named with its
  verb (开州区举办二季度招商引资项目…), the whole a share is of (占全部市级重点项目…的35%),
  names listed as examples (A、B等6个项目), award winners
  (华峰氨纶入选…), and the things a count counts (引进新材料产业链项目62个), also for
  the figures after that count (…项目17个，占工业引资的43.1%).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from fuling.core.numbers import chinese_number
from fuling.extract.clauses import last_of
from fuling.extract.timemarks import time_marks

# (pattern, subject); the first alternative that matches at a position wins.
ENTITIES: list[tuple[str, str]] = [
    (r"白涛新材料科技城", "白涛新材料科技城"),
    (r"涪陵高新区", "涪陵高新区"),
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
    (r"(?:西部(?:\(重庆\))?)?科学城重庆高新区", "重庆高新区"),  # the zone that runs the science city, by its full title
    (r"西部\(重庆\)科学城|科学城", "西部(重庆)科学城"),
    (r"万盛经开区", "万盛经开区"),
]
SUBJECT_SLUGS = {
    "涪陵区": "", "白涛新材料科技城": "baitao", "涪陵高新区": "hi-tech-zone", "慧谷湖科创小镇": "huiguhu",
    "华峰集团": "huafeng-group", "重庆华峰化工": "huafeng", "万凯新材料": "wankai", "建峰集团": "jianfeng",
    "中化涪陵": "sinochem-fuling", "太极涪陵制药厂": "taiji", "华晨鑫源": "brilliance-xinyuan",
    "涪陵赛特棕刚玉": "saite", "攀华集团": "panhua", "华兰生物": "hualan", "涪陵页岩气田": "shale-gas-field",
    "涪陵页岩气产业化项目": "shale-gas-project", "吉利涪陵动力电池项目": "geely-battery", "摩孚科技": "mofu",
    "老林村": "laolin", "西部(重庆)科学城": "science-city", "万盛经开区": "wansheng", "梁平区": "liangping",
    "永川区": "yongchuan", "黔江区": "qianjiang", "南岸区": "nanan", "华峰己二酸六期项目": "huafeng-phase6",
    "全国": "china", "重庆市": "chongqing",
}
CITY = "重庆市"
# Chongqing's districts and counties, and the two zones run as districts.
DISTRICTS = (
    "万州区 黔江区 涪陵区 渝中区 大渡口区 江北区 沙坪坝区 九龙坡区 南岸区 北碚区 綦江区 大足区 渝北区 巴南区 "
    "长寿区 江津区 合川区 永川区 南川区 璧山区 铜梁区 潼南区 荣昌区 开州区 梁平区 武隆区 城口县 丰都县 垫江县 "
    "忠县 云阳县 奉节县 巫山县 巫溪县 石柱土家族自治县 秀山土家族苗族自治县 酉阳土家族苗族自治县 "
    "彭水苗族土家族自治县 万盛经开区 两江新区"
).split()
# 万州、开州、云阳三地…分别增长: districts by their short names (石柱 for 石柱土家族自治县)
AUTONOMOUS = [d for d in DISTRICTS if d.endswith("自治县")]
ZONES = {"万盛": "万盛经开区", "两江": "两江新区"}
SHORT_DISTRICTS = {re.sub(r"(?:区|县)$", "", d): d for d in DISTRICTS
                   if d not in AUTONOMOUS and d not in ZONES.values() and len(d) > 2}
SHORT_DISTRICTS |= ZONES | {d[:2]: d for d in AUTONOMOUS} | {d[:2] + "县": d for d in AUTONOMOUS}
# 秀山土家族苗族自治县 goes by 秀山县 in the subjects, as newsrooms and the articles' places write it
COUNTY_NAME = {d: d[:2] + "县" for d in AUTONOMOUS}
# 万州机场, 黔江机场: a district's airport by its short name (the city's goes by 国际机场)
DISTRICT_AIRPORT = re.compile("(?:" + "|".join(sorted((s for s in SHORT_DISTRICTS if not s.endswith("县")), key=len, reverse=True))
                              + ")机场")
FULL_NAMES = sorted(set(DISTRICTS) | {short for short in SHORT_DISTRICTS if short.endswith("县")}, key=len, reverse=True)
# a full name may open a longer item (巫山县GDP); a short one is the whole item or names the places counted after it
# (永川、江津、合川三地…), so that 江北嘴 is not 江北区
LISTED_PLACE = re.compile("^(?:(?P<full>" + "|".join(FULL_NAMES) + ")|(?P<short>" + "|".join(
    sorted(SHORT_DISTRICTS, key=len, reverse=True)) + r")(?=$|[两三四五六七八九十\d]+(?:地|个?区县)))")
ZONE_ENDS = ("高新区", "经开区", "新区")  # a place that is itself a zone (重庆经开区, 两江新区)
OWN_PLACE = r"全区|该区|本区|我区|区内|全县|该县|本县|县内"
# 区内（不含高新区）: a part of the place, its own subject
PART_OF_PLACE = re.compile(r"^[（(](?:不含|含|不包括|包括)[^（()）]{1,12}[）)]")
CITY_WORDS = r"全市|我市|本市|重庆市|重庆(?!公司|分公司|日报|国际|市场|频道|高新区|两江|科学城|第|首|最)"
# what may stand before a place that is the subject, besides time words
CONNECTIVE = re.compile(r"(?:而|同期|其中|此外|同时|另外|初步核算|据统计|据初步统计测算|假日三天|以来|一年来)*")
RANKED_AFTER = re.compile(r"(?:[一二三四五六七八九十百]+大|首|第|最|唯一)")  # 重庆市十大智能制造标杆企业: a ranking
ANY_DAY = dt.date(2000, 1, 1)  # time words are found whatever the day; only their place matters here
PLACES_RE = re.compile("|".join([f"(?P<own>{OWN_PLACE})", f"(?P<city>{CITY_WORDS})", "(?P<country>全国)",
                                 "(?P<district>" + "|".join(DISTRICTS) + ")"]))
ENTITY_RE = re.compile("|".join(f"(?P<e{i}>{p})" for i, (p, _) in enumerate(ENTITIES)))
# endings of names, and the ones only trusted at the head of a clause
ORG_END = r"股份有限公司|有限责任公司|有限公司|分公司|公司|集团"
HEAD_ORG_END = r"工业|电池|化工(?![序作程艺])|传动|汽车|制药|钢铁|电子"  # not 优化工序
# 能源工业, 冶金工业 …: a branch of industry named like a company
INDUSTRY_HEAD = re.compile(r"能源|冶金|化学|材料|电子|机械|装备|医药|消费品|建材|纺织|食品")
PARK_END = r"产业园|工业园区|工业园|物流园区|高新区|经开区|开发区|科技城|产业城|片区|商圈"
# roads and their sections: 巫山至巫溪高速公路, 梁平至开江高速公路重庆段, 巫溪至大昌段 (not 大昌两段, two sections)
ROAD_END = r"高速公路[\u4e00-\u9fff]{0,3}?段|高速公路|铁路|(?<=[\u4e00-\u9fff])至[\u4e00-\u9fff]{1,3}(?<![两三四])段"
PROJECT_END = rf"项目|管道|基地|电站|大桥|隧道|{ROAD_END}"
FAIR_END = r"洽谈会|洽会|博览会|博会|交易会"  # 本届西洽会共有271个项目签约: a fair's own counts
# places people visit, in tourism pieces: 缙云山景区, 重庆自然博物馆, 北温泉温泉酒店
SITE_END = r"景区|旅游区|度假区|博物馆|纪念馆|酒店|国际机场"
OPENING_TEXTS = 2  # the headline and the first paragraph: where a piece says which fair it is about
SITE_KEYS = ("景区", "度假区", "旅游区")  # the sites a bare 景区 or their own short name points back to
SITE_CLASS = re.compile(r"^(?:[一二三四五六七八九十\d]+大|[A-Z]+级|主要|重点|各|全区|全县|精品|热门)")  # 三大精品景区: a class
# 大足五金：千年老手艺…, 西彭铝产业区：合力打造…: the industry or park a headline names before its colon is
# what the piece is about (开州：…, 重庆南川：… name the place itself)
HEADLINE_TOPIC = re.compile(r"^(?P<name>[\u4e00-\u9fff]{3,8})[：:]")
NAME_END_RE = re.compile(f"(?P<org>{ORG_END})|(?P<park>{PARK_END})|(?P<project>{PROJECT_END})|(?P<head>{HEAD_ORG_END})"
                         f"|(?P<fair>{FAIR_END})|(?P<site>{SITE_END})")
QUOTED_MAX = 8  # the longest quoted part of a name: “静观田园”综合体项目
NAME_MAX = 20  # 长安汽车渝北工厂置换及绿色智能升级建设项目 runs to 19 before its ending
NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z()（）]")
# 占…的35%: the whole, not a name; 属市级特色工业园区: a class it belongs to
NOT_IN_NAME = set("的个在了和与是为将对把被等从向于其这该此各每即到并也都还已占属")
FIGURE_END = re.compile(r"\d[万亿]?[元个家项条吨台辆%只头亩套件户座所株]?$")  # 1000万只肉兔…项目: the name starts after it
POWER_UNITS = ("MW", "GW", "kV", "KV")
POWER_IN_NAME = re.compile(r"(?<=[\u4e00-\u9fff])\d+(?:\.\d+)?$")
ORDINAL_IN_NAME = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z])第\d{1,3}$")
VERB_BEFORE_NAME = re.compile(r"^(?:第[一二三四五六七八九十\d]+届|本届|此次|本次|这座|该座|随着|走进|行走在|来到|落户|位于|入驻|进驻|建设|打造|引进|设立|拿出|成功创建|创建|获批|借|按照|依照|根据|"
                              r"加大|加快|推动|推进|确保|支持|鼓励|衔接|连接|串起|"
                              r"其中一个|其中|一个)")
# a place or a firm and what it builds (荣昌建设电子电路产业园, 双溪机械厂布局酱香酒产业园): the name is what is built
BUILDER_BEFORE_NAME = re.compile("^(?:" + "|".join(sorted(SHORT_DISTRICTS, key=len, reverse=True))
                                 + r"|[\u4e00-\u9fff]{2,8}?(?:厂|公司|集团|镇))(?:建设|布局|打造|新建)(?=[\u4e00-\u9fff]{2})")
PLACE_PREFIX = re.compile(r"^(?:重庆市|重庆|我市|主城区|主城)")  # 主城南山片区 → 南山片区
# 重庆工业职业技术学院南川校区项目（一期）: the phase printed after a project's name is part of it
PHASE_AFTER = re.compile(r"[（(][一二三四五六七八九十\d]期[）)]")
# what follows a dropped 重庆市: a district or a part of the city (荣昌高新区, 南山片区), not the rest of a name
PLACE_STARTS = re.compile("|".join(sorted({d[:2] for d in DISTRICTS} | {"西部", "中心", "南山", "主城"})))
# a head-of-clause name is short and holds no verb nor place: 青山工业, 比亚迪电池, not 涪陵累计完成规上工业, 长寿区工业
HEAD_NAME = re.compile(r"^(?!.*(?:完成|实现|累计|达到|增长|规上|规模|以上|区|县|市|项目|以|生产|共))[\u4e00-\u9fffA-Za-z]{2,5}$")
# also the tail of a year (2023年一季度招商引资重大项目 read back to 年…), projects in talks (在谈…) and a size class
# (百亿级项目): what is counted, not a name
GENERIC_START = re.compile(r"^(?:区内|县内|市内|境内|全|各|该|本|我|其|多|新|批|重点|规上|规模|市级|国家|区级|相关|这|那|一批|一季|上半|前三|"
                           r"年(?!产)|谈|[十百千万]+亿?级|"
                           r"目前|如今|当前|现在|今年|去年|预计|累计|实施|建成|完成|创建|新增|引进|年均|全年|当年)")
VERB_IN_NAME = re.compile(r"完成|实现|累计|实施|建成|创建|新增|引育|引进|吸引|集聚|先后|培育|达到|增长|推进|加快|缩短|纳入|入选|进入|完工|竣工|投产|开工|冲刺|争创|申报|"
                          r"举办|举行|召开|签约|签订|推动|确保|招引|布局|靠|翻番|"
                          r"今年|去年|明年|上半年|下半年|(?<!自)由")  # 今年确保招引项目, 西部美谷由广州开发区: a clause
SHORT_HEAD = {"org": 2, "head": 2, "park": 2, "project": 3, "fair": 1, "site": 2}  # 研发基地, 生产基地 are kinds, not names
BACK_TO_PARK = re.compile(r"(?:该园区|园区|园内|产业园)(?!建设|发展)")  # 产业园规划面积…: the park just named
POINTING = re.compile(r"(?:(?:这条|该条|这个|该|这家|此)(?P<end>管道|项目|基地|公司|企业|集团|产业园)"
                      r"|(?:这座|该座)[^，,。；;]{0,12}?(?P<built>电站|大桥|隧道)"  # 这座西南地区首座抽水蓄能电站
                      r"|(?:(?<=[，,。；;：:])|^|(?<=目前|如今|当前|今年|预计))(?P<bare>公司))")
COUNT_RIGHT_AFTER = re.compile(r"^\s*[\d一二两三四五六七八九十百]+[个家项条座所户]")
CLAUSE_HEAD = re.compile(r"(?:^|[，,。；;：:！？!?])\s*$")
# the other party of an agreement: A与B签订…, A同B合作…
COUNTERPART_BEFORE = re.compile(r"[与同和]$")
VENUE_AFTER = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:举行|举办|召开)")
COUNTERPART_AFTER = re.compile(r"^(?:签订|签署|签约|达成|合作|共建)")
# a town or street named at the head of a clause (赶水镇与…, 龙华镇新增…), and the words meaning the piece's own
# 全区市级重大项目完成投资…, 新开工项目一季度完成投资…: a group of the place's projects at the head of a
# clause, with what was invested in it, is its own subject (万州区市级重大项目)
PLACE_GROUP = (r"(?:市级重大|市级重点|重大|重点产业|重点工业|重点|"
               r"续建及竣工|续建|竣工|新开工|在建|新投产)项目")
PROJECT_GROUP = re.compile(rf"(?:全区|全县|我区|该区|本区)?(?P<group>{PLACE_GROUP})"
                           r"(?=(?:[一二三四]季度|上半年|今年|全年)?(?:累计)?(?:完成投资|总投资|计划投资|年度计划投资))")
# (not 全年城镇新增就业…, 乡镇: the words for towns in general)
TOWN_RE = re.compile(r"(?:^|(?<=[，,。；;：:]))[\u4e00-\u9fff]{1,2}[^\W小城乡县区市](?:镇|乡(?!村)|街道)(?=[\u4e00-\u9fff，,])")
OWN_TOWN_RE = re.compile(r"镇域内|镇内|该镇|全镇")
# a count of a group of projects or firms, and the name it gives the group: by what was done to them
# (签约, 开工 …; 签下 is 签约) or by their class (市级重大, 重点产业 …); with neither in the phrase, by the last
# such verb of the sentence before the count (举行…集中签约仪式，9个项目当天落户…)
GROUP_VERB = r"签约|签下|签订|开工|复工|竣工|投产"
GROUP_CLASS = r"市级重大|市级重点|重点产业|重点工业|年度建设|前期规划研究|新投产|新开工|续建及竣工|续建|新建"
COUNT_NUMBER = r"(?:\d+|[一二两三四五六七八九十百零]+)"
GROUP_COUNT = re.compile(
    rf"(?:(?P<class_a>{GROUP_CLASS})|(?P<verb_a>{GROUP_VERB})的?)?(?:重点)?项目(?:共有|共|有)?{COUNT_NUMBER}[个项]"
    rf"|{COUNT_NUMBER}[个项](?:国内外|招商|重点|(?P<class_b>{GROUP_CLASS}))*项目(?:落笔|集中|现场|正式|成功)?(?P<verb_b>{GROUP_VERB})?(?![、和]?(?:{GROUP_VERB}))"
    rf"|{COUNT_NUMBER}家企业(?:集中)?(?P<firms>投产)")
GROUP_VERB_RE = re.compile(GROUP_VERB)
ANY_PROJECT_COUNT = re.compile(rf"{COUNT_NUMBER}个[^，,。；;]{{0,8}}?项目[\u4e00-\u9fff]{{0,4}}|项目(?:共有|共|有)?{COUNT_NUMBER}[个项]")
BACK_TO_GROUP = re.compile(r"这批[\u4e00-\u9fff]{0,6}?项目|这些项目|该批项目|上述项目|该领域")  # also 这批重大项目
# a class or field of projects at the head of a clause, with what was invested in it, or as the topic of a
# whole sentence: 川渝合作共建的重大项目累计完成投资…, 现代产业和科技创新项目完成投资…, 现代基础设施领域持续发力。
INVESTED = r"(?:今年|今年以来|[一二三四]季度|上半年|前三季度|1?\d[—–\-~至]1?\d月)?(?:累计)?(?:完成投资|完成年度投资|总投资|计划投资|年度计划投资)"
CLASS_HEAD = re.compile(rf"(?:^|(?<=[，,。；;：:]))(?P<name>[\u4e00-\u9fff、]{{2,18}}?(?:项目(?={INVESTED})|领域(?={INVESTED}|[^，,。；;]*。)))")
LEADING_TIME = re.compile(r"^(?:[一二三四]季度|上半年|前三季度|今年|去年|今年以来|\d{1,2}[-—～~至]\d{1,2}月|\d{1,2}月)")
CLASS_FILLER = re.compile(r"^(?:由各|由)|推进的|的")  # 由各区县牵头推进的市级重点项目 → 区县牵头市级重点项目
INFLOW = re.compile(r"引资")  # investment a place drew in is the place's, not the group's


@dataclass(frozen=True)
class Group:
    """A group of projects or firms, to be named after whoever owns it (开州区 + 签约项目),
    or, `whole`, already named in full (川渝合作共建重大项目, 现代基础设施领域)."""

    name: str
    whole: bool = False


BACK_TO_OWNER = Group("", whole=True)  # where a class named at a sentence's head stops owning its figures


def group_counts(text: str) -> list[tuple[int, int, str]]:
    """(start, end, group name) of every count of a group of projects or firms in `text`."""
    found = []
    for match in GROUP_COUNT.finditer(text):
        if match.group("firms"):
            found.append((match.start(), match.end(), "投产企业"))
            continue
        named = match.group("class_a") or match.group("class_b")
        verb = match.group("verb_a") or match.group("verb_b")
        if not named and not verb:
            sentence = text[last_of(text[:match.start()], "。！？；;!?"):match.start()]
            # not past an earlier count (…等6个项目建成投产，…等7个项目加速实施: the 7 are not put into production)
            sentence = ANY_PROJECT_COUNT.split(sentence)[-1]
            verbs = list(GROUP_VERB_RE.finditer(sentence))
            # the nearest (…签约入驻…项目二十五个，集中开工…项目五十三个), but not one of a run of them
            # (集中签约开工竣工投产活动: no one group)
            if verbs and not (len(verbs) > 1 and verbs[-2].end() == verbs[-1].start()):
                verb = verbs[-1].group(0)
        if named or verb:
            named = named or ("签约" if verb in ("签下", "签订") else verb)  # 签下17个项目 → 签约项目
            found.append((match.start(), match.end(), named + "项目"))
    return found


ORG_WORDS = ("公司", "企业", "集团")
BUILT_WORKS = ("电站", "大桥", "隧道")


def _key(kind: str, ending: str) -> str:
    """What a pointing word (该公司, 这条管道, 园区) looks a name up by."""
    if ending in BUILT_WORKS or re.fullmatch(ROAD_END, ending):
        return "项目"  # 綦江蟠龙抽水蓄能电站…。截至目前，该项目累计完成投资…: a power station is a project
    return "org" if kind in ("org", "head") or ending in ORG_WORDS else "park" if kind == "park" else ending


@dataclass
class Memory:
    """What an article has named so far, for the words that point back."""

    place: str
    main_park: str = ""
    last_by_key: dict[str, str] = field(default_factory=dict)
    own_part: str = ""  # 沙坪坝区（不含高新区）, once 区内（不含高新区） is named: what a later 区内 means
    last_group: str = ""  # 潼南区签约项目, once its count is read: what a later 这批项目 means
    topic: str = ""  # 西洽会, when the headline or the first paragraph is about a fair: the piece's own subject
    site: str = ""  # 南天湖景区, the last scenic spot named (not a class of them): what a later 景区 or 南天湖 means
    headline: str = ""  # the first text remembered
    read: int = 0  # how many texts (headline, paragraphs) were remembered

    def learn_part(self, text: str) -> None:
        """区内（不含高新区）: the part of the place a later bare 区内 stands for."""
        for match in re.finditer(r"(?:区内|县内)(?=[（(])", text):
            if part := PART_OF_PLACE.match(text[match.end():]):
                self.own_part = self.place + "（" + part.group(0)[1:-1] + "）"

    @property
    def own_park(self) -> str:
        """The 高新区 a bare 高新区 means: the district's own (长寿高新区), the city's in a piece on it."""
        if self.place == CITY:
            return "重庆高新区"  # 高新区 in a piece on the city
        if self.place.endswith(ZONE_ENDS):
            return self.place if self.place.endswith("高新区") else ""
        short = re.sub(r"(?:区|县)$", "", self.place)
        return f"{short}高新区" if short != self.place else ""

    @property
    def own_econ_zone(self) -> str:
        """The 经开区 a bare 经开区 means: the zone a piece is about (重庆经开区), or the district's (长寿经开区)."""
        if self.place.endswith("经开区"):
            return self.place
        return self.own_park.removesuffix("高新区") + "经开区" if self.own_park and self.place != CITY else ""

    def _own(self, name: str) -> bool:
        short = re.sub(r"(?:区|县)$", "", self.place)
        return short != self.place and name.startswith(short)

    def remember(self, text: str) -> None:
        self.read += 1
        self.headline = self.headline or text
        if self.read == 1 and (headline := HEADLINE_TOPIC.match(text)) and not _is_place(headline.group("name")):
            self.topic = headline.group("name")
        if not self.topic and self.read <= OPENING_TEXTS:
            self.topic = next((name for _, name, _ in reversed(_named(text)) if re.search(f"(?:{FAIR_END})$", name)), "")
        for _, name, key in _named(text):
            if key == "park" and (not self.main_park or self._own(name) and not self._own(self.main_park)):
                self.main_park = name  # 重庆特色工业园区…，梁平工业园区…: the place's own park is what 园区 means
            self.last_by_key[key] = name
            if key in SITE_KEYS and not SITE_CLASS.match(name):
                self.site = name
        if group_counts(text) or BACK_TO_GROUP.search(text) or CLASS_HEAD.search(text):
            self.last_group = _read(text, self.place, self).group


def last_of_clause(text: str, pos: int) -> int:
    return max(text.rfind(c, 0, pos) for c in "，,。；;：:！？!?") + 1


# 速冻食品企业长沙虎家食品科技有限公司: what kind of firm it is, printed before its name
FIRM_KIND_BEFORE = re.compile(r"^[\u4e00-\u9fff]{2,6}?企业(?!管理|服务|发展|集团)(?=[\u4e00-\u9fff]{4,}(?:公司|集团)$)")


def _short_name(name: str) -> str:
    name = FIRM_KIND_BEFORE.sub("", name)
    rest = PLACE_PREFIX.sub("", name)
    if name.endswith("国际机场") and PLACE_STARTS.match(rest):
        return "重庆" + rest  # an airport goes by its city's name: 重庆江北国际机场
    if not NAME_END_RE.fullmatch(rest) and (rest == name or PLACE_STARTS.match(rest)):
        name = rest  # 重庆市荣昌高新区 → 荣昌高新区, but 重庆公司 and 重庆工业职业技术学院… stay
    return re.sub(r"(?:股份有限公司|有限责任公司|有限公司)(?=.)", "", re.sub(r"(?:股份有限公司|有限责任公司|有限公司)$", "", name))


def _name_before(text: str, end_at: int) -> tuple[int, str]:
    """Read back from an ending to the start of the name it closes."""
    start = end_at
    while True:
        while start > 0 and NAME_CHAR.match(text[start - 1]) and text[start - 1] not in NOT_IN_NAME:
            if FIGURE_END.search(text[:start]):
                break  # 投入5.4亿元建设智能制造基地: the name starts after the figure
            start -= 1
        ordinal = ORDINAL_IN_NAME.search(text[:start])
        if ordinal is None and text[start:start + 2] in POWER_UNITS:
            ordinal = POWER_IN_NAME.search(text[:start])  # 康乐100MW复合光伏发电项目: the rating is part of the name
        if ordinal is None:
            break
        start = ordinal.start()  # 京东方重庆第6代AMOLED生产线项目: 第6代 is part of the name
    if text[start - 1:start + 1] == "其中":
        start += 1  # 其中巫溪至大昌段: 其 stopped the reading, 中 is not the name's
    words = text[start:end_at]
    if text[start - 1:start] == "”" and 0 <= (opening := text.rfind("“", max(0, start - QUOTED_MAX - 1), start - 1)):
        # “静观田园”综合体项目: the quoted words are the name's (静观田园综合体项目)
        if not re.search(r"[\d一二两三四五六七八九十。！？，,；;]", text[opening + 1:start - 1]):
            return start, text[opening + 1:start - 1] + words
    if len(words) > NAME_MAX:
        return end_at, ""  # a run too long to be one name (成功创建国家火炬…特色产业基地)
    if builder := BUILDER_BEFORE_NAME.match(words):
        start, words = start + builder.end(), words[builder.end():]  # 荣昌建设电子电路产业园: who builds, then what
    verb = VERB_BEFORE_NAME.match(words)
    return (start + verb.end(), words[verb.end():]) if verb else (start, words)


def _is_name(text: str, start: int, head: str, kind: str, end: int) -> bool:
    if re.search(r"[\d两三四五六七八九十][个家项条座所户名]$", text[:start]):
        return False  # 7个战略性新兴产业项目: what a count counts, not a name (一个 is the indefinite article)
    if "是" in text[last_of_clause(text, start) + 1:start]:
        return False  # 这条管道是…的页岩气外输管道: a description of what was named before (…最大的，是…的X项目 names it)
    if re.match(r"[里内中]|上(?!半年|年)|沿线|沿岸", text[end:end + 3]):
        return False  # 老林村的百合种植基地里, 渝怀铁路沿线: where something happens
    if re.match(r"团队|部(?![门分])|组(?!团)", text[end:end + 2]):
        return False  # 中冶建工项目团队, 项目部: the people building it, not the project
    if text[start - 1:start] == "等" or text[end:end + 1] == "类":
        return False  # 高新区、综保区等重要平台基地, 现代工业类项目: a kind
    if start > 0 and text[start - 1] in "这该此" and text[start] in "座条个家":
        return False  # 这座西南地区首座抽水蓄能电站: a pointer back, not a name
    if start > 0 and text[start - 1] in "“\"" and re.search(r"[一二两三四五六七八九十\d]", head):
        return False  # 打造“两园两基地”: a programme's name, not a place or project
    # 双龙大桥, 巫溪至大昌段: a built work's name may be short (研发基地 is a kind, not a name)
    shortest = 2 if re.search(rf"(?:{'|'.join(BUILT_WORKS)}|{ROAD_END})$", text[:end]) else SHORT_HEAD[kind]
    if len(head) < shortest or GENERIC_START.match(head) or VERB_IN_NAME.search(head) or head.isdigit():
        return False
    if head.count("（") + head.count("(") > head.count("）") + head.count(")"):
        return False  # 一般公共预算收入（含两江金库水复片区）: what a figure includes, read from inside its brackets
    if head.endswith("级"):
        return False  # 国家4A级景区: a grade of scenic spots, not one of them
    # 工业, 电池 … end a name only where a clause starts with it, and not after a place (万州入库工业税收: the place's)
    return kind != "head" or bool(CLAUSE_HEAD.search(text[:start]) and HEAD_NAME.match(head)
                                  and not head.startswith(tuple(SHORT_DISTRICTS) + ("重庆", "全市", "我市"))
                                  and not INDUSTRY_HEAD.fullmatch(head))


def _known(name: str) -> str:
    """A name of ENTITIES by the subject it stands for (华峰化工 → 重庆华峰化工)."""
    match = ENTITY_RE.search(name)
    return ENTITIES[int(match.lastgroup[1:])][1] if match else name


def _airport(name: str) -> str:
    """万州机场 as printed; 江北机场 is the city's, 重庆江北国际机场."""
    return "重庆江北国际机场" if name == "江北机场" else name


def _named(text: str) -> list[tuple[int, str, str]]:
    """(end, name, key) of every company, park or project named in `text`, in order."""
    found = [(m.end(), _airport(m.group(0)), _key("site", "国际机场")) for m in DISTRICT_AIRPORT.finditer(text)]
    for match in NAME_END_RE.finditer(text):
        start, head = _name_before(text, match.start())
        if _is_name(text, start, head, match.lastgroup, match.end()):
            phase = PHASE_AFTER.match(text, match.end())
            end, name = (phase.end(), head + match.group(0) + phase.group(0)) if phase else (match.end(), head + match.group(0))
            found.append((end, _known(_short_name(name)), _key(match.lastgroup, match.group(0))))
    for match in ENTITY_RE.finditer(text):
        subject = ENTITIES[int(match.lastgroup[1:])][1]
        key = "park" if re.search(r"(?:区|城|镇)$", subject) else "place" if subject.endswith(("村", "田")) else "org"
        found.append((match.end(), subject, key))
    return sorted(found)


def _counted(text: str, end: int) -> bool:
    """The name is what the figure right after it counts (项目62个), also for the figures
    after that count (引进战略性新兴产业项目17个，占工业引资的43.1%)."""
    return text[end:].strip() == "" or bool(COUNT_RIGHT_AFTER.match(text[end:]))


def _heads_clause(text: str, start: int) -> bool:
    """Only time words and a connective stand between the clause start and `start`:
    前三季度全市实现…, 而同期全国…; not 高于全市, 占全国, 是全市…, 在全区…中."""
    head = text[last_of_clause(text, start):start]
    for mark in reversed(time_marks(head, ANY_DAY)):
        head = head[:mark.start] + head[mark.end:]
    head = re.sub(r"(?:重庆市|重庆)$", "", head.strip())  # 重庆市梁平区举办…: the district heads the clause
    return bool(CONNECTIVE.fullmatch(head.strip()))


def _own_short_name(place: str) -> re.Pattern | None:
    """涪陵 at the head of a clause is 涪陵区 (but not 涪陵榨菜, 涪陵高新区)."""
    short = re.sub(r"(?:区|县)$", "", place)
    if short == place or len(short) < 2:
        return None
    return re.compile(rf"(?:^|(?<=[，,。；;：:]))(?:{short})(?!榨菜|制药|高新区|经开区|区|白涛|页岩|赛特)")


def _mentions(text: str, place: str, memory: Memory | None):
    """(end, subject) of every mention in `text`, in order."""
    found = []
    for match in PLACES_RE.finditer(text):
        kind, word, after = match.lastgroup, match.group(0), text[match.end():]
        nationwide = kind == "country" and after.startswith("范围内")  # 本批名单在全国范围内共遴选出…
        if not (_heads_clause(text, match.start()) or nationwide) or RANKED_AFTER.match(after):
            continue
        subject = {"own": place, "city": CITY, "country": "全国"}.get(kind, word)
        end = match.end()
        if kind == "own" and (part := PART_OF_PLACE.match(after)):
            subject, end = place + "（" + part.group(0)[1:-1] + "）", end + part.end()
        elif word in ("区内", "县内") and memory is not None and memory.own_part:
            subject = memory.own_part
        found.append((match.start(), end, subject))
    if (own := _own_short_name(place)) is not None:
        found += [(m.start(), m.end(), place) for m in own.finditer(text)]
    found += [(m.start(), m.end(), _airport(m.group(0))) for m in DISTRICT_AIRPORT.finditer(text)]  # 万州机场: a named place
    known = [(m.start(), m.end()) for m in ENTITY_RE.finditer(text)]
    for match in ENTITY_RE.finditer(text):
        found.append((match.start(), match.end(), ENTITIES[int(match.lastgroup[1:])][1]))
    for match in NAME_END_RE.finditer(text):
        start, head = _name_before(text, match.start())
        if not _is_name(text, start, head, match.lastgroup, match.end()) or _counted(text, match.end()):
            continue
        if any(a < match.end() and start < b for a, b in known):
            continue  # a name of ENTITIES, by its own short name
        if COUNTERPART_BEFORE.search(text[:start]) and COUNTERPART_AFTER.match(text[match.end():]):
            continue  # 赶水镇与大江工业公司签订收储协议: the other party, not who the figures are about
        if text[start - 1:start] == "在" and VENUE_AFTER.match(text, match.end()):
            continue  # 开工活动在万州经开区高峰园举行: where the day's event was held
        phase = PHASE_AFTER.match(text, match.end())
        end, name = (phase.end(), head + match.group(0) + phase.group(0)) if phase else (match.end(), head + match.group(0))
        found.append((start, end, _short_name(name)))
    for match in PROJECT_GROUP.finditer(text):
        if _heads_clause(text, match.start()):
            found.append((match.start(), match.end(), place + match.group("group")))
    for match in TOWN_RE.finditer(text):
        if not any(a < match.end() and match.start() < b for a, b in known):  # 慧谷湖科创小镇 is a name of ENTITIES
            found.append((match.start(), match.end(), match.group(0)))
    for match in OWN_TOWN_RE.finditer(text):
        if _heads_clause(text, match.start()) and (town := _own_town(place, memory)):
            found.append((match.start(), match.end(), town))
    for match in re.finditer("当地", text):
        if _heads_clause(text, match.start()):  # 当地拟投资12亿元: the place the piece is about, after a park or firm
            found.append((match.start(), match.end(), _own_town(place, memory) or place))
    found += [(start, end, Group(name)) for start, end, name in group_counts(text)]
    for match in CLASS_HEAD.finditer(text):
        if name := _class_name(match):
            found.append((match.start(), match.end(), Group(name, whole=True)))
            # its own sentence only: 从面上看，约75%的区县… is the place's again
            stops = [i for i in (text.find(c, match.end()) for c in "。！？!?") if i != -1]
            if stops and not text.startswith("其中", min(stops) + 1):  # 其中，由区县牵头的6个项目…: still the class
                found.append((min(stops), min(stops), BACK_TO_OWNER))
    found += [(m.start(), m.end(), Group("")) for m in BACK_TO_GROUP.finditer(text)]  # 这批项目: the last group
    if memory is not None:
        found += _pointing_back(text, memory)
    # at one end the longest mention wins (重庆市荣昌高新区 over 重庆市)
    found.sort(key=lambda m: (m[1], m[1] - m[0]))
    return [(end, subject) for start, end, subject in found]


def _name_at_start(text: str) -> str:
    """The project, park or company `text` opens with (玻璃纤维项目和…), or ""."""
    for match in NAME_END_RE.finditer(text[:NAME_MAX + 6]):
        start, head = _name_before(text, match.start())
        if start == 0 and match.lastgroup in ("project", "park", "org") and _is_name(text, start, head, match.lastgroup, match.end()):
            return _known(_short_name(head + match.group(0)))
    return ""


def _class_name(match: re.Match) -> str:
    """The name of a class or field of projects at the head of a clause, or "" where another rule names
    it: the place's groups (全区市级重大项目, 新开工项目: PROJECT_GROUP), pointers (该项目), one
    project's name (其中一个…项目: a name), a generic 主要领域."""
    words = match.group("name").split("中的")[-1]  # 今年市级重点项目中的百项重点关注项目: the last of them
    words = LEADING_TIME.sub("", words)  # 一季度全区重点项目完成投资…: the time is no part of the name
    if VERB_BEFORE_NAME.match(words) or re.match(r"^(?:该|这|此|本|各|主要|重点领域|其他|占|全部)", words):
        return ""  # 占全部市级重点项目完成投资的35%: the whole a share is of
    if re.match(r"^(?:涉及|包括|涵盖|覆盖|分布在)", words) or "等" in words:
        return ""  # …，涉及数字文创、新能源汽车、消费品等领域。: the fields a group spans, not a class heading the sentence
    if re.fullmatch(PLACE_GROUP, words) or re.match(f"^(?:{OWN_PLACE})", words):
        return ""
    name = CLASS_FILLER.sub("", words)
    return name if len(name) > 3 else ""


def _pointing_back(text: str, memory: Memory):
    found = []
    named = _named(text)  # read once; a pointer looks back at the names that end before it

    def named_before(at: int) -> list[tuple[str, str]]:
        return [(name, key) for end, name, key in named if end <= at]
    for match in BACK_TO_PARK.finditer(text):
        if NAME_CHAR.match(text[match.start() - 1:match.start()] or " "):
            continue
        # the piece's main park, or else one named earlier in the paragraph (…产业园在梁平授牌…。产业园规划面积…)
        earlier = [name for name, key in named_before(match.start()) if key == "park"]
        if park := (memory.main_park or (earlier[-1] if earlier else "")):
            found.append((match.start(), match.end(), park))
    for match in re.finditer(r"(?<![\u4e00-\u9fff])高新区|(?<=落户)高新区", text):
        if memory.own_park:
            found.append((match.start(), match.end(), memory.own_park))
    for match in re.finditer(r"(?<![\u4e00-\u9fff])经开区", text):
        if memory.own_econ_zone:
            found.append((match.start(), match.end(), memory.own_econ_zone))
    # 景区修起2个大型停车场, 去年，南天湖共迎来游客…: the scenic spot just named, by 景区 alone or its own name
    sites = [name for _, name, key in named if key in SITE_KEYS and not SITE_CLASS.match(name)]
    for site in dict.fromkeys(([memory.site] if memory.site else []) + sites):
        short = re.sub(f"(?:{'|'.join(SITE_KEYS)})$", "", site)
        if len(short) < 2:
            continue
        words = f"{re.escape(short)}(?!{'|'.join(SITE_KEYS)})"
        if short in memory.headline:
            words += "|(?<![\u4e00-\u9fff])景区(?![内里外])"  # 景区 alone, in a piece on that spot
        for match in re.finditer(words, text):
            before = [name for name, key in named_before(match.start()) if key in SITE_KEYS and not SITE_CLASS.match(name)]
            # the spot named last before it (or remembered); 景区 alone only in a piece on that spot (全县…；景区购票人数…)
            if (before[-1] if before else memory.site) == site and _heads_clause(text, match.start()):
                found.append((match.start(), match.end(), site))
    for match in re.finditer(r"(?<!国际)机场(?!集团)", text):
        if airport := memory.last_by_key.get(_key("site", "国际机场")):  # 当天机场共保障航班823架次: the airport just named
            found.append((match.start(), match.end(), airport))
    for match in POINTING.finditer(text):
        key = _key("", match.group("end") or match.group("bare") or match.group("built"))
        earlier = [name for _, name, k in _named(text[:match.start()]) if k == key]
        name = earlier[-1] if earlier else memory.last_by_key.get(key)
        if name:
            found.append((match.start(), match.end(), name))
    return found


def _own_town(place: str, memory: Memory | None) -> str:
    """The town a 镇域内 / 该镇 means: the article's own (綦江区赶水镇 → 赶水镇)."""
    match = re.search(r"[\u4e00-\u9fff]{2,4}?(?:镇|乡|街道)$", re.sub(r"^.*?(?:区|县)", "", place))
    return match.group(0) if match else ""


@dataclass
class Named:
    """Who owns a figure at some point of the text: the last subject named, the last
    subject that is not a group (a group's owner), the last group (for 这批项目)."""

    subject: str
    owner: str
    group: str


def _read(scope: str, place: str, memory: Memory | None) -> Named:
    default = (memory.topic if memory is not None else "") or place  # 来自95个国家…参展: the fair's, not the city's
    named = Named(default, default, memory.last_group if memory is not None else "")
    for end, mention in _mentions(scope, place, memory):
        rest = re.split(r"[，,。；;：:]", scope[end:], maxsplit=1)[0]
        if not isinstance(mention, Group) and ("等" in rest or re.search(r"荣获|获评|入选", rest)):
            continue  # 万凯PET三期、华峰己二酸六期等6个项目; 华峰氨纶成功入选…: examples and award winners (but 这批项目涉及…等领域 is the group)
        if mention is BACK_TO_OWNER:
            named.subject = named.owner
        elif isinstance(mention, Group):
            if mention.whole:
                named.group = mention.name
            elif mention.name:
                named.group = named.owner + mention.name  # 签约项目共31个 after 开州区… → 开州区签约项目
            if named.group:
                named.subject = named.group
        else:
            named.subject = mention
            if not mention.endswith("项目"):
                named.owner = mention  # a project does not own a group (分为年度建设项目和前期规划研究项目两类：…)
    return named


# an item of a breakdown by named classes of projects: 产业项目4个, 基础设施项目19个, 续建项目93个, 此次签约的补链强链延链项目有24个
CLASS_ITEM = re.compile(r"(?:^|(?<=[，,：:、])|(?<=其中)|(?<=的))(?P<cls>(?!其中|此次|本次)(?:(?!的)[\u4e00-\u9fff]){2,8}?)"
                        rf"项目(?:有|共)?{COUNT_NUMBER}[个项]")
NOT_A_CLASS = re.compile(rf"^(?:{GROUP_VERB}|这批|这些|上述|该批|全部|所有|各类|一批|其中|此次|本次|新开工|竣工|投产|在建|"
                         r"招商|招商引资|集中|现场|当天|共|计|有|总|合计)|(?:签约|开工|竣工|投产)$")
# 此次开工的产业项目4个: what was done to the projects of the class, the same as to the whole broken down
GROUP_DONE_BEFORE = re.compile(rf"({GROUP_VERB})的$")
BACK_TO_GROUP_HEAD = re.compile(r"^(?:这批|这些|该批|上述)项目中")


def _named_class_item(scope: str, rest: str, memory: Memory | None, sentence: str) -> str:
    """The class of projects whose breakdown item holds the figure (产业项目, 续建项目), where an
    earlier count of projects is broken down by named classes; "" otherwise (a size class such
    as 10亿元以上的项目 and an item of 这批项目中 stay the group's)."""
    segment_start = last_of(scope, "。！？；;!?")
    segment, before = scope[segment_start:], scope[:segment_start]
    if BACK_TO_GROUP_HEAD.match(sentence or scope[last_of(scope, "。！？!?"):]):
        return ""
    whole_before_breakdown = segment.split("其中")[0] if "其中" in segment else ""  # 实施重点项目194个，其中…
    if not (ANY_PROJECT_COUNT.search(before) or ANY_PROJECT_COUNT.search(whole_before_breakdown)
            or (memory and memory.last_group)):
        return ""  # no count of projects before: nothing is broken down
    items = [m for m in CLASS_ITEM.finditer(segment + rest) if m.start() <= len(segment)]
    if not items or NOT_A_CLASS.search(cls := items[-1].group("cls")) or VERB_IN_NAME.search(cls):
        return ""
    done = GROUP_DONE_BEFORE.search(segment[:items[-1].start()])
    if done and done.group(1) not in before:
        return ""  # 同时集中开工的重点项目有26个 after the day's signings: another group's total, not a breakdown
    return cls + "项目"


def subject_of(scope: str, place: str, memory: Memory | None = None, rest: str = "", after: str = "",
               sentence: str = "") -> str:
    """The last subject named in `scope` (the text before the figure that can own it);
    `rest`, the figure and what follows it in its clause, says whether the figure is the
    count of a group of projects (签约项目共31个, 签下17个项目): that count is the owner's;
    `after`, the clause after the figure, names the project an amount describes (投资200亿元的
    玻璃纤维项目); `sentence`, the figure's sentence up to it across its ；-items, whether it is
    an item of 这批项目中 (the group's)."""
    return county_name(_owner(scope, place, memory, rest, after, sentence))


def _owner(scope: str, place: str, memory: Memory | None, rest: str, after: str, sentence: str) -> str:
    if after.startswith("的") and (described := _name_at_start(after[1:])):
        return described
    item = scope[last_of(scope, "。！？；;!?"):]
    earlier_items = sentence[:len(sentence) - len(item)] if sentence.endswith(item) else ""
    if earlier_items and (BACK_TO_GROUP.search(item) and group_counts(earlier_items) or BACK_TO_GROUP_HEAD.match(sentence)):
        # 5个项目落笔签约…；…这批项目…, 这批项目中，…5个；…1个: the group of an earlier item of the sentence
        scope = scope[:len(scope) - len(item)] + sentence
    named = _read(scope, place, memory)
    if cls := _named_class_item(scope, rest, memory, sentence):
        return named.owner + cls  # 此次开工的产业项目4个，计划总投资28.2亿元: 大渡口区产业项目, count and sum
    if any(start <= len(scope) < end for start, end, _ in group_counts(scope + rest)):
        return named.owner
    counts_projects = any(m.start() <= len(scope) < m.end() for m in ANY_PROJECT_COUNT.finditer(scope + rest))
    item = scope[last_of(scope, "。！？；;!?"):]
    breakdown = (item.startswith("其中") or bool(re.search(r"(?:这批|这些|上述)项目中", item))
                 or bool(BACK_TO_GROUP_HEAD.match(sentence)) or scope[last_of_clause(scope, len(scope)):].startswith("其中"))
    if counts_projects and not breakdown:
        return named.owner  # …等30个项目开工建设，确保…等20个项目建成投用: a count of other projects; 其中…6个项目: of these
    if counts_projects and named.subject == named.owner and named.group:
        return named.group  # 其中，100亿元级项目5个 after the group named in an earlier item or paragraph
    if named.subject == named.group and INFLOW.search(scope[last_of_clause(scope, len(scope)):]):
        return named.owner  # 一次签约20个项目，协议引资191.38亿元: what the place drew in
    return named.subject



def county_name(subject: str) -> str:
    """A subject with an autonomous county's full name in the name it goes by (秀山土家族苗族自治县签约项目 →
    秀山县签约项目)."""
    full = next((d for d in AUTONOMOUS if subject.startswith(d)), None)
    return COUNTY_NAME[full] + subject[len(full):] if full else subject


def _is_place(name: str) -> bool:
    """开州, 万盛经开区, 重庆南川, 移民大县丰都: a district, by its full or short name, ends the name."""
    return name.endswith(tuple(DISTRICTS) + tuple(SHORT_DISTRICTS))


def listed_name(item: str) -> tuple[str, int]:
    """The district, park or company an item of a 分别 list opens with, and how long it is printed
    (永川 → 永川区, 石柱土家族自治县 → 石柱县, 德感工业园规模工业产值 → 德感工业园); ("", 0) if none."""
    if match := LISTED_PLACE.match(item):
        return county_name(SHORT_DISTRICTS.get(match.group(0), match.group(0))), match.end()
    ending = next((m for m in NAME_END_RE.finditer(item) if m.lastgroup in ("park", "org", "site", "head")), None)
    if ending is None or not _is_name(item, 0, item[:ending.start()], ending.lastgroup, ending.end()):
        return "", 0
    # 科学城江津片区（双福工业园）: the park's other name, in brackets, is part of its own
    other = re.match(r"[（(][^（()）]{2,12}[）)]", item[ending.end():])
    end = ending.end() + (len(other.group(0)) if other else 0)
    return _short_name(item[:ending.end()]) + (other.group(0) if other else ""), end


def listed_subject(item: str) -> str:
    return listed_name(item)[0]


# 杨闇公故里、大佛寺、陈抟故里三个景区的接待人数…分别增长…: the tally names what each item is
TALLIED_KIND = re.compile(rf"^(?P<name>[\u4e00-\u9fff]{{2,12}}?)(?P<count>{COUNT_NUMBER})(?:个|家|座|所)"
                          r"(?P<kind>景区|园区|工业园区|工业园|产业园|商圈|片区|镇|街道|村|公司|企业)")


def tallied_subject(items: list[str], index: int) -> tuple[str, str]:
    """The name and kind of item `index` of a list whose last item tallies them by kind (A、B、C三个景区 →
    (B, 景区)), or ("", "") where the tally does not count the items listed."""
    found = TALLIED_KIND.match(items[-1])
    if found is None or _count_of(found.group("count")) != len(items):
        return "", ""
    name = found.group("name") if index == len(items) - 1 else items[index]
    return (name, found.group("kind")) if NAME_CHAR.fullmatch(name[-1]) else ("", "")


def _count_of(number: str) -> int:
    """三 → 3, 12 → 12 (chinese_number, cn2an); -1 for what is no whole number."""
    value = int(number) if number.isdigit() else chinese_number(number)
    return value if isinstance(value, int) else -1


def printed_forms(subject: str) -> list[str]:
    """How a subject may be printed besides its full name: 高新区 for 重庆高新区, 永川 for 永川区."""
    forms = [PLACE_PREFIX.sub("", subject)]
    forms += [short for short, full in SHORT_DISTRICTS.items() if full == subject]
    return [form for form in forms if form and form != subject]


def subject_slug(subject: str) -> str:
    return SUBJECT_SLUGS.get(subject, "")
