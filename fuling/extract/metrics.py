"""Which metric a figure measures, from the words around it.

Each rule names a metric key of content/metrics.yaml, the words that signal
it, the kind of unit its level values carry, and whether it is a stock (a
count or capacity as of a date) or a flow (a year's output, spending…).
Percentages, multiples and percentage points fit every rule: they are the
growth or share of that metric.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from fuling.extract.figures import POINTS

MONEY = ("亿元",)
COUNT = ("家", "个", "户", "项", "名", "辆", "件", "万件", "台", "处", "人", "条", "所", "座", "套", "场", "班")
RELATIVE = ("%", "倍", POINTS)


def is_count(unit: str) -> bool:
    """A count of things, also in ten thousands (12.3万户, 5.6万人)."""
    return unit in COUNT or unit[1:] in COUNT


@dataclass(frozen=True)
class MetricRule:
    key: str
    pattern: re.Pattern
    units: tuple[str, ...]
    stock: bool = False


def _rule(key: str, words: str, units: tuple[str, ...], stock: bool = False) -> MetricRule:
    return MetricRule(key, re.compile(words), units, stock)


RULES: list[MetricRule] = [
    # industry
    _rule("industrial_output", r"(?:规上|规模以上|规模)工业(?:企业)?(?:完成|实现)?(?:总)?产值", MONEY),
    _rule("industrial_gross_output", r"(?<!规上)(?<!规模以上)(?<!规模)工业总?产值", MONEY),
    _rule("industrial_value_added_above_scale", r"规上工业增加值|规模(?:以上)?工业增加值|(?<=总产值、)增加值", MONEY),
    _rule("industrial_value_added", r"(?<!规上)(?<!规模以上)(?<!规模)工业增加值", MONEY),
    _rule("industrial_profit", r"(?:规上|规模(?:以上)?)工业(?:企业)?(?:实现)?利润(?:总额)?(?:同比)?(?:增长|超过)?|(?<!公司)工业企业利润(?:总额)?(?:同比)?(?:增长)?|利润总额增长", MONEY),
    # 工业在全市GDP中的比重 / 占GDP比重: a part's share of GDP, not GDP
    # 全区生产总值 is the district's GDP as 地区生产总值 is
    # 全县经济总量达到110.2亿元 (but not 占全区经济总量的60.0%, 经济总量约占全市的2.6%)
    _rule("gdp", r"(?<!占)(?:地区生产总值|(?<=[全本该我][区县市])生产总值|(?<=[全本该我][区县市]实现)生产总值|(?<!万元)GDP|(?<!占全区)(?<!占全县)(?<!占全市)经济总量(?!约?占))"
                 r"(?!能耗|中的比重|的比重|比重)", MONEY),
    _rule("tax_revenue", r"(?<!工业)税收(?!优惠|减免|政策|奖励)", MONEY),
    _rule("industrial_tax_revenue", r"工业(?:实缴)?税(?:收|金)", MONEY),  # 工业实缴税金7.4亿元
    _rule("strategic_emerging_output", r"战略性新兴产业(?!项目)(?:产值)?", MONEY),
    _rule("strategic_emerging_major_projects", r"战略性新兴产业项目", COUNT, stock=True),
    _rule("new_and_high_tech_output", r"战新产业、高新技术产业产值", MONEY),
    _rule("high_tech_enterprise_output", r"高新技术企业产值", MONEY),
    # 材料产业增长23.6%, 材料产业、电子产业增速分别为…: the growth a sector's value added is quoted by, not its output
    _rule("materials_output", r"(?<!新)材料产业(?:产值)?(?!、|增速|增长|分别增长|下降)", MONEY),
    _rule("clean_energy_output", r"(?:页岩气及)?清洁能源(?:产业)?(?:产值)?", MONEY),
    _rule("consumer_goods_output", r"(?<!社会)消费品(?!零售)", MONEY),
    _rule("equipment_output", r"^装备制造", MONEY),
    _rule("electronics_output", r"电子信息", MONEY),
    _rule("food_processing_output", r"食品及农产品加工", MONEY),
    _rule("auto_ship_equipment_output", r"汽车船舶及智能装备", MONEY),
    _rule("digital_economy_core_firms", r"数字经济核心产业", COUNT, stock=True),
    _rule("industrial_chains", r"产业链", ("条",), stock=True),
    _rule("industry_clusters_300bn", r"300亿级产业集群", COUNT, stock=True),
    _rule("industrial_investment", r"工业投资", MONEY),
    _rule("industrial_projects_signed", r"产业类项目", COUNT),
    # what was signed for at a signing: 签约金额合计80亿元, 签约总额5497.8亿元, 正式合同投资8.47亿元
    _rule("investment_agreed", r"协议引资(?:金额)?|协议(?:总)?投资(?:总额|金额)?|签约(?:金额|总额|资金)|合同投资(?:额)?|(?:正式)?合同额|"
                               r"(?<![协招商])引资(?:金额|总额)?(?!项目)", MONEY),
    # 年度计划投资48.5亿元, 一季度计划投资…: what is to be invested in a period (drafted as investment, as 完成投资 is)
    _rule("project_investment", r"投资总额|新增投资|总投资|(?<!年度)(?<!季度)(?<!年度计划完成)计划投资|追加投资|拟投资|将投资|投入(?=$)", MONEY),
    _rule("services_revenue", r"服务业(?:企业)?(?:实现)?营业收入", MONEY),
    _rule("foreign_trade", r"外贸进出口总额|进出口总(?:额|值)", MONEY),
    _rule("digital_economy_revenue", r"数字经济营业收入", MONEY),
    _rule("built_up_area", r"建成区(?:面积)?", ("平方公里",), stock=True),
    _rule("resident_population", r"常住人口", ("万人",), stock=True),
    _rule("planned_area", r"规划面积", ("平方公里",), stock=True),
    _rule("core_area", r"核心用地面积", ("平方公里",), stock=True),
    _rule("firms_10bn", r"百亿级企业", COUNT),
    _rule("specialised_smes", r"专精特新", COUNT, stock=True),
    _rule("little_giant_firms", r"小巨人", COUNT, stock=True),
    _rule("materials_firms_above_scale", r"新材料产业.{0,6}规上企业", COUNT, stock=True),
    _rule("industrial_firms_above_scale", r"规上工业企业(?!研发)|规上企业(?!研发)", COUNT, stock=True),
    _rule("materials_projects_completed", r"建成投产", ("个",)),
    _rule("materials_projects_under_way", r"加速实施", ("个",)),
    _rule("national_brands", r"金字招牌", COUNT, stock=True),
    _rule("foreign_trade_bases", r"外贸转型升级基地", COUNT, stock=True),
    _rule("enterprise_innovation_awards", r"企业创新奖", COUNT),
    _rule("materials_clusters", r"新材料产业集群", ("个",), stock=True),
    _rule("products_ranked_first_globally", r"^单品", ("个",), stock=True),
    _rule("battery_leading_firms", r"^龙头", ("家",), stock=True),
    _rule("automated_workshops", r"^车间均实现了自动化", ("个",), stock=True),
    _rule("key_industries", r"^产业", ("个",), stock=True),
    _rule("products_ranked_first_nationally", r"产量位居全国首位", COUNT, stock=True),
    # companies and projects
    # 配套企业累计完成产值…: a company's output (规上工业完成产值 is the longer industrial_output; 主导产业…合计完成产值, sectors')
    _rule("output_value", r"(?:年均)?工业总产值将|公司工业产值|年产值|实现产值|(?<![合共]计)(?<!产业)完成产值|产值约|预计产值|项目新增产值", MONEY),
    _rule("enterprise_revenue", r"营收|(?<!批发业)(?<!零售业)销售额", MONEY),  # 批发业销售额: a trade's, not a firm's
    _rule("enterprise_profit", r"利润(?:总额)?(?:同比)?(?:增长|超过)", MONEY),
    _rule("adipic_acid_capacity", r"己二酸(?!法)", ("万吨",), stock=True),
    _rule("adiponitrile_capacity", r"己二腈", ("万吨",), stock=True),
    _rule("nylon66_capacity", r"尼龙66", ("万吨",), stock=True),
    _rule("pet_capacity", r"PET", ("万吨",), stock=True),
    _rule("ammonia_capacity", r"合成氨", ("万吨",), stock=True),
    _rule("brown_fused_alumina_output", r"棕刚玉", ("万吨",)),
    _rule("battery_capacity", r"GWh|动力电池", ("GWh",), stock=True),
    _rule("adipic_acid_global_share", r"全球.{0,2}$", ("%",)),
    _rule("adiponitrile_cost", r"己二腈产品成本", RELATIVE),
    _rule("market_share", r"市场占有率|国内占比", ("%",)),
    _rule("pharma_output", r"医药产业份额|医药(?:制造业|产业|行业)(?:产值)?", ("%",) + MONEY),
    _rule("nc_rate", r"数控化率", ("%",)),
    _rule("production_efficiency", r"效率", RELATIVE),
    _rule("production_workers", r"生产工人", RELATIVE),
    _rule("economic_benefit", r"效益", RELATIVE),
    _rule("project_approval_time", r"用时", RELATIVE),
    _rule("filter_cloth_capacity", r"滤布", ("万平方米",), stock=True),
    _rule("shale_gas_proven_reserves", r"探明(?:页岩气)?储量", ("万亿立方米", "亿立方米"), stock=True),
    # green
    _rule("energy_intensity", r"万元GDP能耗", RELATIVE),
    _rule("industrial_energy_share_district", r"能耗占全区", RELATIVE),
    _rule("industrial_energy_share_city", r"能耗占全市", RELATIVE),
    _rule("energy_saving_projects", r"节能改造项目", COUNT),
    _rule("recycling_compliant_firms", r"再生资源规范企业", COUNT, stock=True),
    _rule("green_factories_national", r"国家(?:级)?绿色工厂", COUNT, stock=True),
    _rule("green_factories_municipal", r"市级绿色工厂", COUNT, stock=True),
    _rule("green_design_products", r"绿色设计产品", COUNT, stock=True),
    _rule("green_supply_chains", r"绿色供应链", COUNT, stock=True),
    _rule("water_saving_enterprises", r"节水型企业", COUNT, stock=True),
    _rule("water_efficiency_leaders", r"水效领跑者", COUNT, stock=True),
    _rule("coal_saved", r"节省标准煤|节约标准?煤|年节能", ("万吨", "吨")),
    _rule("phosphogypsum_generated", r"产生", ("万吨",)),
    _rule("phosphogypsum_stockpile", r"磷石膏足足有|堆积", ("万立方米",), stock=True),
    _rule("phosphogypsum_utilisation", r"消耗", ("万吨",)),
    _rule("solid_waste_utilisation_rate", r"固废利用处置率", ("%",)),
    _rule("water_quality_good_ratio", r"水质优良比例", ("%",)),
    _rule("drinking_water_compliance", r"饮用水(?:水)?源(?:地)?水质达标率", ("%",)),
    _rule("good_air_days", r"空气质量优良天数", ("天",)),
    _rule("pm25", r"PM2\.5", ("微克/立方米",)),
    _rule("waste_safe_disposal_rate", r"安全处置率", ("%",)),
    _rule("rural_sewage_projects", r"污水资源化利用项目", COUNT),
    _rule("vocs_remediated_firms", r"VOCs", COUNT),
    _rule("boiler_conversion_firms", r"锅炉煤改清", ("家",)),
    _rule("boiler_conversions", r"锅炉", ("台",)),
    _rule("air_pollution_sme_remediation", r"涉气中小微企业", COUNT),
    _rule("medical_waste_disposed", r"医疗废物", ("吨",)),
    _rule("greening_restored", r"绿化面积", ("万平方米",)),
    _rule("urban_node_renovations", r"节点改造", COUNT),
    # innovation
    _rule("rd_spending", r"研发费用|研发(?:经费)?投入(?:总量)?(?!强度)|研究与试验发展[^，,。；;]{0,8}经费(?:投入)?", MONEY),
    _rule("rd_intensity", r"研发(?:经费)?投入强度", ("%",)),
    _rule("sci_tech_fiscal_spending", r"用于科技创新|一般公共预算支出增幅|财政(?:投入)?科技(?:资金|投入|支出)", MONEY + (POINTS,)),
    _rule("high_tech_enterprises", r"(?<!民营)高新技术企业(?!产值)", COUNT, stock=True),
    _rule("private_high_tech_enterprises", r"民营高新技术企业", COUNT, stock=True),
    _rule("tech_based_enterprises", r"科技型企业(?!获)", COUNT, stock=True),
    _rule("high_growth_tech_firms", r"高成长性科技企业", COUNT, stock=True),
    _rule("gazelle_firms", r"瞪羚企业", COUNT, stock=True),
    _rule("unicorn_firms", r"独角兽企业", COUNT, stock=True),
    _rule("new_rd_institutions", r"新型研发机构", COUNT, stock=True),
    _rule("rd_institutions_municipal_plus", r"市级以上研发机构", COUNT, stock=True),
    _rule("rd_institutions_in_firms", r"企业内研发机构", COUNT, stock=True),
    _rule("rd_institutions_hosted", r"集聚研发机构", COUNT, stock=True),
    _rule("labs_and_rd_institutions", r"实验室、研发机构", COUNT, stock=True),
    _rule("municipal_key_labs", r"重点实验室", COUNT, stock=True),
    _rule("enterprise_tech_centers_municipal", r"(?<!中小)企业技术中心", COUNT, stock=True),
    _rule("sme_rd_centers_municipal", r"中小企业技术研发中心", COUNT, stock=True),
    _rule("innovative_smes", r"创新型中小企业", COUNT, stock=True),
    _rule("research_centres_attracted", r"研究中心", COUNT, stock=True),
    _rule("innovation_teams", r"创新团队|科创团队", COUNT),
    _rule("innovation_talent", r"创新人才|科创人才", COUNT),
    _rule("chongqing_talent_leaders", r"创业领军人才", COUNT),
    _rule("chongqing_talent_teams", r"创新创业示范团队", COUNT),
    _rule("incubators_national", r"国家级孵化器", COUNT, stock=True),
    _rule("maker_spaces", r"众创空间", COUNT, stock=True),
    _rule("innovation_carriers_municipal", r"双创载体", COUNT, stock=True),
    _rule("incubated_firms", r"在孵企业", COUNT, stock=True),
    _rule("ip_loan_firms", r"科技型企业获知识产权", COUNT),
    _rule("ip_loans", r"知识产权价值贷款", MONEY),
    _rule("tech_contracts", r"技术交易合同", COUNT),
    _rule("tech_contract_value", r"合同成交额", MONEY),
    _rule("tech_transaction_value", r"技术交易额", MONEY),
    _rule("startup_guarantee_loans", r"创业担保贷款", MONEY),
    _rule("entrepreneurs_supported", r"扶持创业者", COUNT),
    # smart manufacturing and city
    _rule("smart_factories", r"智能工厂", COUNT, stock=True),
    _rule("digital_workshops", r"数字化车间", COUNT, stock=True),
    _rule("smart_factories_digital_workshops", r"智能工厂、数字化车间", COUNT, stock=True),
    _rule("intelligent_upgrade_projects", r"智能化改造项目", COUNT),
    _rule("fiveg_factories", r"5G全连接工厂", COUNT, stock=True),
    _rule("smart_manufacturing_index", r"智能制造发展指数", ("点",)),
    _rule("smart_manufacturing_benchmark_firms", r"智能制造标杆企业", COUNT, stock=True),
    _rule("integration_certified_firms", r"两化融合管理体系认证", COUNT, stock=True),
    _rule("sci_tech_bases_planned", r"科创基地", COUNT),
    _rule("industrial_research_institutes_planned", r"高端产业技术研究院", COUNT),
    _rule("buses", r"(?<!电动)公交车(?!辆的)", ("辆",), stock=True),
    _rule("electric_buses", r"纯电动公交车|占比在", ("辆", "%"), stock=True),
    _rule("bus_charging_piles", r"充电桩", COUNT, stock=True),
    _rule("urban_management_cases", r"城市管理问题案件", ("万件",)),
    _rule("smart_city_subsystems", r"子系统", COUNT, stock=True),
    _rule("smart_parking_spaces", r"停车位", COUNT, stock=True),
    _rule("online_social_security_services", r"高频社保业务", COUNT, stock=True),
    _rule("certification_points", r"资格认证网点", COUNT, stock=True),
    _rule("social_security_offices", r"镇街社保所", COUNT, stock=True),
    _rule("services_extended", r"高频业务", COUNT, stock=True),
    # zhacai and farming
    _rule("zhacai_output", r"榨菜产值|产值规模", MONEY),
    _rule("zhacai_national_share", r"成品榨菜占全国", ("%",)),
    _rule("salt_content", r"减盐", ("%",)),
    _rule("lily_area", r"种植", ("亩",), stock=True),
    _rule("land_rent", r"流转", ("元/亩",)),
    _rule("lily_yield", r"亩产", ("吨",)),
    _rule("lily_price", r"", ("元/公斤",)),
    _rule("lily_output", r"将实现产值", MONEY),
    _rule("villagers_harvesting", r"村民忙着", COUNT, stock=True),
    _rule("villagers_employed", r"基地务工", COUNT, stock=True),
    _rule("baskets_per_day", r"挖", ("筐",)),
    _rule("piece_rate", r"每筐", ("元",)),
    _rule("daily_income", r"每天收入", ("元",)),
]

BY_KEY = {rule.key: rule for rule in RULES}


def fits(rule: MetricRule, unit: str) -> bool:
    """The unit of the figure fits the rule; a count may be in tens of thousands (4.8万家)."""
    return unit in rule.units or unit in RELATIVE or (unit[:1] == "万" and unit[1:] in rule.units and unit[1:] in COUNT)


def best_rule(text: str, unit: str, anchored_end: bool = True, min_end: int = 0) -> MetricRule | None:
    """The rule whose words end nearest the end of `text` (the figure follows it);
    on a tie, the longer match. With anchored_end False, the nearest to the start.
    Matches ending before `min_end` are ignored (they belong to an earlier figure)."""
    best: tuple[int, int, MetricRule] | None = None
    for rule in RULES:
        if not fits(rule, unit) or not rule.pattern.pattern:
            continue
        for match in rule.pattern.finditer(text):
            if match.end() < min_end:
                continue
            pos = match.end() if anchored_end else -match.start()
            score = (pos, match.end() - match.start())
            if best is None or score > best[:2]:
                best = (*score, rule)
    return best[2] if best else None


def rule_for_unit(unit: str) -> MetricRule | None:
    """Rules with no words: the unit alone says what it is (元/公斤 is a price)."""
    return next((r for r in RULES if not r.pattern.pattern and unit in r.units), None)
