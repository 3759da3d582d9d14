"""Extraction rules, one test per rule, with sentences from the seeds; and the
editing contract of `build.py extract` (--force keeps reviewed records, --diff
writes nothing)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from fuling.core.articlefile import format_article
from fuling.core.model import Article, Block
from fuling.core.numbers import chinese_number
from fuling.core.reporter import MemoryReporter
from fuling.extract.article import propose
from fuling.extract.figures import find_figures
from fuling.extract.metrics import RULES, best_rule
from fuling.extract.project import extract_all
from fuling.extract.subjects import subject_of
from fuling.extract.timemarks import period_of, time_marks
from fuling.extract.words import bound_of, count_measure, kind_of, relative_measure

ROOT = Path(__file__).resolve().parent.parent


def figures(text):
    return [(f.value, f.unit) for f in find_figures(text)]


def article(slug, date, *paragraphs, place="涪陵区", headings=None):
    blocks = []
    for i, text in enumerate(paragraphs, 1):
        kind = "h2" if headings and i in headings else "p"
        blocks.append(Block(anchor=f"p{i}", kind=kind, text=text, line=i))
    return Article(slug=slug, title=slug, date=dt.date.fromisoformat(date), seed="x.txt", path=f"{slug}.md",
                   place=place, blocks=blocks)


def records(*paragraphs, date="2024-03-05", place="涪陵区", headings=None):
    return [p.record for p in propose(article("a", date, *paragraphs, place=place, headings=headings))]


def one(*paragraphs, **kw):
    found = records(*paragraphs, **kw)
    assert len(found) == 1, found
    return found[0]


# --- numbers -----------------------------------------------------------------

@pytest.mark.parametrize("text, value", [("一", 1), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20),
                                         ("两百", 200), ("三千五百", 3500)])
def test_chinese_numerals_read_as_numbers(text, value):
    assert chinese_number(text) == value


def test_digit_strings_in_chinese_are_not_numbers():
    assert chinese_number("一二") is None
    assert chinese_number("万盛") is None


def test_money_in_wan_yuan_is_converted_to_yi_yuan():
    (figure,) = find_figures("产值约1200万元")
    assert (figure.value, figure.unit, figure.converted) == (0.12, "亿元", True)
    assert figures("合同成交额达到5亿元,其中技术交易额7010.2万元") == [(5, "亿元"), (0.70102, "亿元")]


def test_a_per_head_amount_keeps_its_wan_yuan_and_rates_per_mille_and_per_mu_are_units():
    (figure,) = find_figures("人均地区生产总值达到7.5万元")
    assert (figure.value, figure.unit, figure.converted) == (7.5, "万元", False)
    assert [(f.value, f.unit) for f in find_figures("全年出生率6.77‰，粮食综合单产390.22公斤/亩")] == [
        (6.77, "‰"), (390.22, "公斤/亩")]
    assert [(f.value, f.unit) for f in find_figures("亩均税收达到25万元/亩")] == [(25, "万元/亩")]


def test_money_already_in_yi_yuan_is_kept_and_not_flagged_as_converted():
    (figure,) = find_figures("去年，涪陵累计完成规上工业产值2471亿元")
    assert (figure.value, figure.unit, figure.converted) == (2471, "亿元", False)


def test_prices_without_scale_keep_yuan():
    assert figures("发动村民按照400元/亩流转闲置土地") == [(400, "元/亩")]
    assert figures("每筐10元，当天现金结算") == [(10, "元")]


def test_scale_stays_in_non_money_units():
    assert figures("涪陵页岩气田已探明储量2.1万亿立方米") == [(2.1, "万亿立方米")]
    assert figures("派遣处置城市管理问题案件5.3万件") == [(5.3, "万件")]
    assert figures("全球单套规模最大的50万吨/年己二酸项目") == [(50, "万吨")]


def test_yu_and_duo_mark_a_lower_bound_wherever_they_sit():
    for text, value, unit in (("发放创业担保贷款540万余元", 0.054, "亿元"), ("每年可节省标准煤5万多吨", 5, "万吨"),
                              ("一年能消耗100多万吨磷石膏", 100, "万吨"), ("聚集了规上企业50余家", 50, "家")):
        (figure,) = find_figures(text)
        assert (figure.value, figure.unit, figure.more) == (value, unit, True)


def test_percent_multiple_and_points_are_units():
    assert figures("利润同比增长12.67倍") == [(12.67, "倍")]
    assert figures("高于全区一般公共预算支出增幅10.9个百分点") == [(10.9, "个百分点")]
    assert figures("占比在70.61%以上") == [(70.61, "%")]


def test_fractions_and_half_are_shares_in_percent():
    assert figures("全球四分之一的己二酸从这里出发") == [(25, "%")]
    (half,) = find_figures("产销成品榨菜占全国一半以上")
    assert (half.value, half.unit, half.more) == (50, "%", True)


def test_a_range_keeps_both_ends():
    (figure,) = find_figures("每年新增3—5个")
    assert (figure.value, figure.high) == (3, 5)
    record = one("去年新增研发机构3—5个。")
    assert record["value"] == 3 and record["bound"] == "at_least" and "3—5个" in record["note"]


@pytest.mark.parametrize("text", [
    "9月21日成立的慧谷湖科创实验班",  # date
    "获2022年第八届“中国光学工程学会科技创新奖”",  # year as a name, ordinal
    "建峰化工入选2023全市10大“揭榜挂帅”创新示范智能工厂",  # year and award name
    "以“1+2+8+N”科技创新和产业创新体系为着力点",  # programme name
    "紧扣重庆市“416”科技创新战略布局，制定了“1238”产业科创体系建设规划",
    "奋力实现“十个新提升”",  # quoted slogan
    "围绕“2349”现代制造业集群体系构建，涪陵加速培育2大千亿级主导产业集群",  # programme and its parts
    "站在“十四五”新起点上",
    "千亿级白涛新材料科技城",  # size tier
    "彰显‘三个重要’的百万人口战略支点城市",
    "城区空气质量位居主城区第3位",  # rank
    "加快构建由一个涪陵国家高新区、一个白涛新材料科技城组成的体系",  # indefinite article
    "年销售额10亿元级单品",  # size class
])
def test_non_figures_produce_nothing(text):
    assert find_figures(text) == []


def test_a_number_glued_to_latin_letters_is_a_code():
    assert figures("PM2.5年均浓度34微克/立方米") == [(34, "微克/立方米")]
    assert figures("力争创建5G全连接工厂1个") == [(1, "个")]


def test_programme_parts_that_look_like_counts_give_no_record():
    assert records("涪陵加速培育2大千亿级主导产业集群、3大五百亿级支柱产业、9个“新星”产业集群。") == []
    assert records("8个产业科创基地均由区领导挂帅推动。") == []


def test_n_da_counts_only_things_listed_before_it():
    assert figures("已集聚起吉利电池、青山瑞浦、赣锋锂电三大龙头") == [(3, "家")]
    assert figures("实现了己二酸、聚氨酯原液、超纤材料、聚氨酯树脂4大单品产量位列全球第一") == [(4, "个")]
    assert figures("推动六大优势产业链延链强链") == []


def test_the_number_of_items_just_listed_is_a_tally_but_named_works_and_sites_counted_are_figures():
    assert figures("万州围绕先进材料、食品加工、装备制造、医药化工、新型能源5个重点产业发力") == []
    assert figures("汽车、冶金、化工、能源这4大行业受冲击较重") == []
    assert figures("大会还分设工业、食农加工、商务物流、文旅康养四个专场") == []
    assert figures("主会场外，产业园、度假区和水库枢纽工程三处设分会场") == []
    assert figures("走“链水、织绿、筑景”三大策略的路子") == []
    assert figures("也有河道修复，以及石笋沟、枫木、青龙三座水库的整治") == []
    assert figures("周边100公里内还有长寿、涪陵、万州、达州四大化工基地") == [(100, "公里")]
    assert figures("汽车、摩配、电器机械及设备制造和电子四个支柱行业") == []
    # counted works and sites stay figures, and so do counts beside a list of figures
    assert figures("特固建材水泥粉磨站、常捷医药医药中间体和园区污水处理3个项目已投产") == [(3, "个")]
    assert figures("钓鱼城、涞滩古镇2家国家4A级景区") == [(2, "家")]
    assert figures("冲压、焊装、涂装、总装、发动机五大车间均实现了自动化生产") == [(5, "个")]
    assert figures("新增市级“节水型企业”3家、市级“水效领跑者”2家") == [(3, "家"), (2, "家")]
    assert figures("招引50亿级项目1个、20亿级项目2个") == [(1, "个"), (2, "个")]
    assert figures("威立雅、台铃等36个项目正在加紧建设") == [(36, "个")]
    assert figures("陆续新开重庆至米兰、河内以及中国香港的3条国际货运航线") == [(3, "条")]


def test_tasks_commended_are_counted_and_people_of_a_place_are_counted_in_wan():
    assert figures("城市更新试点示范等5项工作获市政府督查激励") == [(5, "项")]
    assert figures("抓好三项重点工作") == []
    assert figures("近10万巫山人吃上了“旅游饭”") == [(10, "万人")]


def test_jin_ban_and_a_doubling_in_chinese_numerals_are_figures_but_a_visitors_stay_is_not():
    assert figures("预计总产量超过600萬斤，比去年多出200萬斤") == [(600, "万斤"), (200, "万斤")]
    assert figures("比去年增长了近一倍") == [(1, "倍")]
    assert figures("一个项目落地") == []
    assert figures("国际货运航线每周66班") == [(66, "班")]
    assert figures("游客李女士一家在巫溪玩了4天") == []


def test_a_yi_class_size_is_a_figure_but_a_count_of_classed_clusters_is_not():
    assert figures("目前，涪陵已建成900亿级材料产业集群") == [(900, "亿元")]
    assert figures("以及装备制造、清洁能源、消费品3个300亿级产业集群") == [(3, "个")]


# --- bound and kind ----------------------------------------------------------

@pytest.mark.parametrize("before, after, more, bound", [
    ("规上工业产值突破", "亿元。", False, "at_least"),
    ("利润总额超过", "亿元", False, "at_least"),
    ("材料产业产值已突破1200亿元、超全市", "", False, "at_least"),
    ("占比在", "以上；", False, "at_least"),
    ("预计同比下降", "左右，", False, "about"),
    ("产值约", "", False, "about"),
    ("接近", "甚至以上", False, "about"),
    ("效率提升了高达", "", False, "exact"),
    ("规上企业", "", True, "at_least"),
    ("投资不到", "", False, "at_most"),
    ("规上工业利润", "、区县第二", False, "exact"),
])
def test_bound_words(before, after, more, bound):
    assert bound_of(before[-6:], after, more) == bound


def test_kind_words():
    assert kind_of("2021年全区万元GDP能耗预计同比下降", "", False) == "estimate"
    assert kind_of("力争战略性新兴产业产值增长", "", False) == "target"
    assert kind_of("总体规模：规上工业产值突破", "2024发展目标", False) == "target"
    assert kind_of("全区规上工业产值突破", "", True) == "target"
    assert kind_of("去年，涪陵累计完成规上工业产值", "", False) == "actual"


def test_estimate_does_not_reach_past_a_later_time_phrase():
    found = records("2021年全区万元GDP能耗预计同比下降5%左右，截至去年底，建成国家绿色工厂5个。", date="2022-03-01")
    assert [(r["value"], r["kind"]) for r in found] == [(-5, "estimate"), (5, "actual")]


def test_a_goal_list_under_a_target_heading_is_target_for_that_year():
    found = records("2024发展目标", "总体规模：\\*\\*规上工业产值突破2700亿元。", headings={1})
    assert [(r["kind"], r["period"], r["bound"], r["metric"]) for r in found] == [
        ("target", "2024", "at_least", "industrial_output")]


# --- periods -----------------------------------------------------------------

def resolve(text, date, stock=False):
    pub = dt.date.fromisoformat(date)
    marks = time_marks(text, pub)
    return period_of(marks[-1] if marks else None, pub, stock)


@pytest.mark.parametrize("text, date, stock, period", [
    ("去年，涪陵累计完成", "2024-03-05", False, "2023"),
    ("今年", "2024-03-05", False, "2024"),
    ("一年来", "2024-03-05", False, "2023"),
    ("今年1—8月，涪陵全区完成", "2022-09-20", False, "2022-01/2022-08"),
    ("1-8月,白涛新材料科技城完成", "2022-10-15", False, "2022-01/2022-08"),
    ("今年1月-8月,全区", "2022-10-15", False, "2022-01/2022-08"),
    ("1月-9月,登记", "2022-10-15", False, "2022-01/2022-09"),
    ("今年1月-8月,高新技术企业达到", "2022-10-15", True, "2022-08-31"),
    ("截至去年底，建成国家绿色工厂", "2022-03-01", True, "2021-12-31"),
    ("截至去年底，全区战略性新兴产业同比增长", "2022-03-01", False, "2021"),
    ("截至2021年底，涪陵区已培育", "2022-09-20", True, "2021-12-31"),
    ("截至8月底，科学城核心区科技型企业", "2022-09-20", True, "2022-08-31"),
    ("截至目前，涪陵区已建成", "2022-09-20", True, "2022-09-20"),
    ("目前，涪陵已建成900亿级", "2022-09-20", False, "2022-09-20"),
    ("2021年全区万元GDP能耗", "2022-03-01", False, "2021"),
    ("力争到2026年，全区规上工业产值", "2022-09-20", False, "2026"),
    ("预计“十四五”末，白涛新材料科技城", "2022-10-15", False, "2025"),
    ("“十三五”以来,涪陵区每年", "2021-10-27", False, "2016-01/2020-12"),
    ("“十四五”期间，全区计划完成工业投资", "2022-02-20", False, "2021-01/2025-12"),
    ("十二五时期，全区工业总产值年均增长", "2016-02-20", False, "2011-01/2015-12"),
    ("“十二五”末，全区规上工业企业达到", "2016-05-20", False, "2015"),
    ("上世纪90年代初，重庆第一条", "2022-09-20", False, "1990"),
    ("自2010年落户涪陵以来，该企业", "2024-03-05", True, "2024-03-05"),
])
def test_relative_time_resolves_against_publication_date(text, date, stock, period):
    assert resolve(text, date, stock) == period


def test_a_deadline_year_is_not_a_period():
    assert time_marks("力争2030年前二氧化碳排放达到峰值", dt.date(2021, 10, 27)) == []


def test_without_a_time_word_a_first_quarter_review_means_the_year_before():
    assert resolve("全区7个战略性新兴产业项目", "2024-03-05") == "2023"


def test_without_a_time_word_a_later_piece_means_its_publication_date():
    assert resolve("涪陵赛特棕刚玉年产量突破", "2022-09-20") == "2022-09-20"


def test_a_time_phrase_carries_through_its_paragraph():
    found = records("一年来，涪陵制造因技改向“绿”发展。新增国家级绿色工厂8家、市级绿色工厂7家。")
    assert [(r["period"], r["measure"]) for r in found] == [("2023", "change"), ("2023", "change")]


def test_cumulative_counts_under_a_past_year_are_year_end_stocks():
    found = records("一年来，涪陵累计完成制造业智能化改造项目280个，创建智能工厂18个。")
    assert [r["period"] for r in found] == ["2023-12-31", "2023-12-31"]


def test_a_stock_named_as_a_total_is_counted_at_the_end_of_its_period():
    assert one("2022年，全区图书馆藏书总量79.1万册。", date="2023-04-20", place="巴南区")["period"] == "2022-12-31"
    assert one("2020年，全区经果林总面积达到86万亩。", date="2021-02-20", place="万州区")["period"] == "2020-12-31"
    assert one("2023年，全县市场主体总量60344户。", date="2024-04-10", place="秀山县")["period"] == "2023-12-31"
    assert one("2024年，在库项目达到338个。", date="2025-05-26", place="重庆高新区")["period"] == "2024-12-31"
    # an amount is not such a stock: 经济总量 is the year's output
    assert one("2023年，全区经济总量达到1200亿元。", date="2024-04-10", place="巴南区")["period"] == "2023"


def test_kinds_of_products_counted_under_a_span_are_counted_at_its_end():
    found = records("1—9月，全市统计的391种工业产品中，有217种产量同比增长。", date="2024-10-20", place="重庆市")
    assert [(r["value"], r["period"]) for r in found] == [(391, "2024-09-30"), (217, "2024-09-30")]


def test_two_holidays_joined_are_one_span_of_days_off_and_its_length_is_no_figure():
    found = records("中秋、国庆两节相连的八天假期里，重庆消费市场一路走热。假期内全市消费总额同比增长15.1%。",
                    date="2023-10-07", place="重庆市")
    assert [(r["value"], r["period"]) for r in found] == [(15.1, "2023-09-29/2023-10-06")]


def test_a_piece_on_a_bulletin_its_first_paragraph_names_is_about_the_bulletins_year():
    found = records("本报讯 4月20日，区统计局联合发布《2020年开州区国民经济和社会发展统计公报》。",
                    "全年一般公共预算收入25.28亿元，比上年增长0.1%。", date="2021-04-21", place="开州区")
    assert [(r["value"], r["period"]) for r in found] == [(25.28, "2020"), (0.1, "2020")]


def test_a_signing_named_with_its_year_and_county_keeps_its_day_and_capacities_to_build_are_estimates():
    found = records("12月8日，2017年忠县重大招商项目签约仪式在重庆雾都宾馆举行。当天共有5个项目落笔签约，协议引资额合计77亿元。",
                    "该项目总投资50亿元，将建设200万吨/年氧化钙生产线、80万吨/年纳米碳酸钙生产线。项目建成投运后，可实现产值86亿元。"
                    "另一项目竣工后每年可生产矿泉水50万吨。",
                    date="2017-12-09", place="忠县")
    assert [(r["value"], r["kind"], r["period"]) for r in found] == [
        (5, "actual", "2017-12-08"), (77, "actual", "2017-12-08"), (50, "actual", "2017-12-08"),
        (200, "estimate", "2017-12-09"), (80, "estimate", "2017-12-09"), (86, "estimate", "2017-12-09"),
        (50, "estimate", "2017-12-09")]


def test_a_datelines_day_is_not_the_day_of_the_event_it_reports():
    found = records("重庆日报7月29日讯　7月28日，城口县举行招商引资项目集中签约活动，19家企业签下投资协议。",
                    "最受关注的是大唐集团的风电、光伏项目，投资18亿元。", date="2019-07-29", place="城口县")
    assert [r["period"] for r in found] == ["2019-07-28", "2019-07-28"]


def test_a_month_heading_its_clause_and_a_rise_over_last_year_measured_against_it():
    found = records("上半年，园区实现产值12亿元。秋田齿轮苦练内功，6月实现产值约4900万元，超过去年同期10%以上。",
                    date="2020-08-10", place="大渡口区")
    assert [(r["value"], r["period"], r["measure"]) for r in found] == [
        (12, "2020-01/2020-06", "level"), (0.49, "2020-06/2020-06", "level"), (10, "2020-06/2020-06", "growth")]


def test_a_count_given_again_as_the_name_of_its_group_is_not_a_second_figure():
    found = records("7月30日，两江新区举行项目集中开竣工活动，其中开工项目39个，总投资413亿元。",
                    "这次开工的39个项目分布在重点产业、基础设施等领域。", date="2022-07-31", place="两江新区")
    assert [(r["value"], r["unit"]) for r in found] == [(39, "个"), (413, "亿元")]
    # the same number counting something else stays a figure
    found = records("其中开工项目39个。", "全区另有39个企业完成技术改造。", date="2022-07-31", place="两江新区")
    assert [(r["value"], r["unit"]) for r in found] == [(39, "个"), (39, "个")]


def test_a_day_with_dang_tian_dates_its_own_figures():
    found = records("今年国庆假期，全县共接待游客25.4万人次。10月1日当天，全县接待游客3.03万人次，同比增长17.9%。",
                    date="2019-10-08", place="巫溪县")
    assert [r["period"] for r in found] == ["2019-10-01/2019-10-07", "2019-10-01", "2019-10-01"]
    found = records("6月7日这一天，重庆江北国际机场迎送旅客100016人次。当天机场共保障进出港航班823架次。",
                    date="2020-06-12", place="渝北区")
    assert [r["period"] for r in found] == ["2020-06-07", "2020-06-07"]


def test_a_flow_up_to_a_day_runs_from_new_year_to_that_day_and_a_weekly_count_stands_on_it():
    found = records("截至12月9日，机场完成货邮吞吐量50.2万吨，在飞的国际货运航线有20条，每周66班。",
                    date="2025-12-11", place="渝北区")
    assert [(r["value"], r["period"]) for r in found] == [
        (50.2, "2025-01-01/2025-12-09"), (20, "2025-12-09"), (66, "2025-12-09")]


def test_what_a_project_will_build_is_a_target_of_the_year_even_on_a_holiday_or_a_days_event():
    found = records("五一假期，观音桥商圈接待游客320万人次。建成后，空中连廊将衔接商圈周边6个轨道站点。",
                    date="2025-05-06", place="江北区")
    assert [(r["kind"], r["period"], r["subject"]) for r in found] == [
        ("actual", "2025-05-01/2025-05-05", "观音桥商圈"), ("target", "2025", "观音桥商圈")]
    found = records("12月16日，万州区举行第四季度重大项目集中开工活动。其中，某建材项目投资5亿元，将建设4条自动化生产线。",
                    date="2022-12-17", place="万州区")
    assert [(r["kind"], r["period"]) for r in found] == [("actual", "2022-12-16"), ("target", "2022")]


def test_the_science_citys_zone_by_its_full_title_is_the_zone():
    assert one("2024年，西部科学城重庆高新区地区生产总值增长7.4%。", date="2025-05-26", place="重庆高新区")["subject"] == "重庆高新区"
    assert one("2024年，西部（重庆）科学城重庆高新区地区生产总值增长7.4%。", date="2025-05-26", place="重庆高新区")["subject"] == "重庆高新区"


def test_an_airport_goes_by_its_citys_name_and_a_bare_jichang_means_it():
    found = records("6月7日这一天，重庆江北国际机场迎送旅客100016人次。当天机场共保障进出港航班823架次。",
                    "5月份，重庆机场保障运输飞行起降2.16万架次。", date="2020-06-12", place="渝北区")
    assert [r["subject"] for r in found] == ["重庆江北国际机场"] * 3
    assert one("截至11月，江北国际机场跨境电商货物累计达2.1万吨。", date="2025-12-11", place="渝北区")["subject"] == "重庆江北国际机场"


def test_the_years_programme_and_the_whole_of_a_plan_do_not_date_what_was_done_by_a_day():
    found = records("截至8月底，全区全年269个年度投资项目累计完成投资212.7亿元，占全年项目计划的70%。",
                    date="2020-09-29", place="大足区")
    assert [(r["value"], r["kind"], r["period"]) for r in found] == [
        (269, "actual", "2020"), (212.7, "actual", "2020-01/2020-08"), (70, "actual", "2020-01/2020-08")]
    assert one("一季度，园区完成全年目标任务的27.4%。", date="2015-04-22", place="荣昌县")["kind"] == "actual"
    # a balance is still a stock on that day
    assert one("截至6月底，全区金融机构存款余额229.4亿元。", date="2020-07-20", place="彭水县")["period"] == "2020-06-30"


def test_a_gap_over_what_was_expected_is_an_exact_growth_gap_not_an_estimate():
    found = records("1—7月，全区固定资产投资增长8.5%，超出预期1个百分点。其中，基础设施投资增长34.1%，超出预期0.4个百分点。",
                    date="2020-09-29", place="大足区")
    assert [(r["value"], r["kind"], r["measure"], r["bound"]) for r in found] == [
        (8.5, "actual", "growth", "exact"), (1, "actual", "growth", "exact"),
        (34.1, "actual", "growth", "exact"), (0.4, "actual", "growth", "exact")]
    assert one("预计全年增长8%左右。", date="2020-09-29", place="大足区")["kind"] == "estimate"


def test_what_a_group_of_projects_will_invest_this_year_is_a_target():
    found = records("续建项目14个，今年将完成投资13.64亿元。", date="2021-05-20", place="万州区")
    assert [(r["value"], r["kind"], r["period"]) for r in found][-1] == (13.64, "target", "2021")


def test_up_to_a_month_without_its_end_is_the_months_to_it():
    found = records("截至11月，江北国际机场跨境电商货物累计达2.1万吨，同比增长31%。截至10月，全区累计引进企业35家。",
                    date="2025-12-11", place="渝北区")
    assert [r["period"] for r in found] == ["2025-01/2025-11", "2025-01/2025-11", "2025-10-31"]


def test_a_recovery_to_last_years_level_is_a_share_and_take_offs_and_landings_are_no_fall():
    found = records("5月份，机场保障运输飞行起降2.16万架次，完成旅客吞吐量267.45万人次，"
                    "两项指标分别恢复到去年同期的82%和73%；与4月相比，分别增长42.8%和51.1%。", date="2020-06-12", place="渝北区")
    assert [(r["value"], r["measure"]) for r in found] == [
        (2.16, "level"), (267.45, "level"), (82, "share"), (73, "share"), (42.8, "growth"), (51.1, "growth")]


def test_a_month_still_to_come_makes_the_figure_an_estimate():
    record = one("“预计今年5月可以正式投产。”据介绍，该项技术将实现年产高效滤布30万平方米。")
    assert (record["kind"], record["period"], record["subject"]) == ("estimate", "2024", "摩孚科技")


# --- measure -----------------------------------------------------------------

def test_growth_and_falls_are_signed_percentages():
    assert relative_measure("规上工业增加值增长", "", "%") == ("growth", 1)
    assert relative_measure("2021年全区万元GDP能耗预计同比下降", "", "%") == ("growth", -1)
    assert relative_measure("生产工人减少", "", "%") == ("growth", -1)
    assert relative_measure("效益却实现了", "的提升", "%") == ("growth", 1)


def test_shares_are_shares():
    assert relative_measure("税收占一般公共预算收入", "", "%") == ("share", 1)
    assert relative_measure("占全区规模以上工业比重达到", "", "%") == ("share", 1)
    assert relative_measure("材料产业产值已突破1200亿元、超全市", "", "%") == ("share", 1)


def test_xinzeng_makes_increments_until_another_verb():
    assert count_measure("实施智能化改造项目30个，建成智能工厂、数字化车间8个，新增国家级绿色供应链1条、市级绿色工厂") == "change"
    assert count_measure("新增国家级绿色供应链1条，实施智能化改造项目") == "level"
    assert count_measure("实现新增创新型中小企业53家、市级企业技术中心6个，万达薄板、太极集团等", "企业荣获重庆市企业创新奖") == "level"
    assert count_measure("引育创新团队") == "level"


def test_growth_value_is_negative_for_a_fall():
    record = one("2021年全区万元GDP能耗预计同比下降5%左右。", date="2022-03-01")
    assert (record["value"], record["measure"], record["kind"], record["bound"]) == (-5, "growth", "estimate", "about")


# --- subject and metric ------------------------------------------------------

def test_subject_is_the_nearest_named_park_or_company():
    assert subject_of("1-8月,白涛新材料科技城完成研发投入", "涪陵区") == "白涛新材料科技城"
    assert subject_of("去年，涪陵累计完成规上工业产值", "涪陵区") == "涪陵区"
    assert subject_of("聚焦新材料领域，去年以来在涪陵，万凯PET三期、华峰己二酸六期等", "涪陵区") == "涪陵区"


def test_a_story_about_another_place_never_gets_fuling():
    record = one("今年以来已为高校毕业生创业者发放创业担保贷款540万余元。", date="2022-09-20", place="西部(重庆)科学城")
    assert record["subject"] == "西部(重庆)科学城"
    assert records("在全区10个镇街社保所设立社保业务经办窗口。", date="2022-09-20", place="万盛经开区")[0]["subject"] == "万盛经开区"


def test_different_words_for_the_same_figure_share_a_metric():
    assert best_rule("去年全区规模以上工业产值", "亿元").key == "industrial_output"
    assert best_rule("去年，涪陵累计完成规上工业产值", "亿元").key == "industrial_output"
    assert best_rule("全区规模以上工业企业研发费用达", "亿元").key == "rd_spending"
    assert best_rule("全区规模以上工业企业研发投入", "亿元").key == "rd_spending"
    assert best_rule("研发投入强度达到", "%").key == "rd_intensity"


def test_respectively_lists_give_each_figure_its_own_metric():
    found = records("材料、清洁能源、消费品、装备制造、电子信息等支柱产业产值分别增长74.3%、12.2%、9.9%、7.6%、22%。",
                    date="2022-03-01")
    assert [(r["metric"], r["value"]) for r in found] == [
        ("materials_output", 74.3), ("clean_energy_output", 12.2), ("consumer_goods_output", 9.9),
        ("equipment_output", 7.6), ("electronics_output", 22)]
    assert {r["measure"] for r in found} == {"growth"}


def test_a_growth_after_a_level_inherits_its_metric_and_the_quote_keeps_the_noun():
    found = records("一年来，全区规模以上工业企业研发费用达44.5亿元、增长10.3%。")
    assert [(r["metric"], r["measure"]) for r in found] == [("rd_spending", "level"), ("rd_spending", "growth")]
    assert "研发费用" in found[1]["source"]["quote"]


def test_quotes_are_verbatim_from_their_paragraph():
    text = "去年，涪陵累计完成规上工业产值2471亿元、区县第二，工业增加值771亿元、区县第一。"
    found = records(text)
    assert [r["source"]["quote"] for r in found] == ["去年，涪陵累计完成规上工业产值2471亿元", "工业增加值771亿元"]
    assert all(r["source"]["quote"] in text and r["source"]["paragraph"] == "p1" for r in found)


def test_every_metric_a_rule_names_is_in_the_catalogue():
    catalogue = {m["key"] for m in yaml.safe_load((ROOT / "content" / "metrics.yaml").read_text(encoding="utf-8"))}
    assert {rule.key for rule in RULES} <= catalogue


# --- files: write, --force, --diff -------------------------------------------

def make_project(tmp_path: Path, articles: dict[str, tuple[str, list[str]]]) -> Path:
    folder = tmp_path / "content" / "articles"
    folder.mkdir(parents=True)
    for slug, (date, paragraphs) in articles.items():
        meta = {"title": slug, "slug": slug, "date": date, "seed": "x.txt", "place": "涪陵区"}
        blocks = [Block(anchor=f"p{i}", kind="p", text=t, line=0) for i, t in enumerate(paragraphs, 1)]
        (folder / f"{slug}.md").write_text(format_article(meta, blocks), encoding="utf-8")
    return tmp_path


TWO = {
    "early": ("2022-03-01", ["截至去年底，建成国家绿色工厂5个，市级绿色工厂6个。", "去年全区规模以上工业产值首次突破2000亿元大关。"]),
    "later": ("2022-03-02", ["截至去年底，建成国家绿色工厂5个。"]),
}


def facts_of(root: Path, slug: str) -> list[dict]:
    return yaml.safe_load((root / "content" / "facts" / f"{slug}.yaml").read_text(encoding="utf-8"))


def test_extract_writes_one_file_per_article_and_is_deterministic(tmp_path):
    root = make_project(tmp_path, TWO)
    assert extract_all(root, reporter=MemoryReporter()) == 0
    first = (root / "content" / "facts" / "early.yaml").read_bytes()
    assert extract_all(root, force=True, reporter=MemoryReporter()) == 0
    assert (root / "content" / "facts" / "early.yaml").read_bytes() == first
    assert [r["id"] for r in facts_of(root, "early")] == [
        "green-factories-national-2021-12-31", "green-factories-municipal-2021-12-31", "industrial-output-2021"]


def test_the_same_figure_in_two_articles_is_one_record_with_also_in(tmp_path):
    root = make_project(tmp_path, TWO)
    extract_all(root, reporter=MemoryReporter())
    (green,) = [r for r in facts_of(root, "early") if r["metric"] == "green_factories_national"]
    assert green["also_in"] == [{"article": "later", "quote": "截至去年底，建成国家绿色工厂5个", "paragraph": "p1"}]
    assert facts_of(root, "later") == []


def test_extract_does_not_touch_an_existing_file_without_force(tmp_path):
    root = make_project(tmp_path, TWO)
    extract_all(root, reporter=MemoryReporter())
    path = root / "content" / "facts" / "early.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 2000", "value: 2100"), encoding="utf-8")
    extract_all(root, reporter=MemoryReporter())
    assert "value: 2100" in path.read_text(encoding="utf-8")


def test_force_keeps_reviewed_records_byte_for_byte_in_place(tmp_path):
    root = make_project(tmp_path, TWO)
    extract_all(root, reporter=MemoryReporter())
    path = root / "content" / "facts" / "early.yaml"
    text = path.read_text(encoding="utf-8")
    # an editor corrects the first record and marks it reviewed, and edits the last one without review
    reviewed = text.replace("  value: 5\n", "  value: 4\n  reviewed: true\n  note: 更正\n", 1)
    reviewed = reviewed.replace("value: 2000", "value: 2100")
    path.write_text(reviewed, encoding="utf-8")
    extract_all(root, force=True, reporter=MemoryReporter())
    after = path.read_text(encoding="utf-8")
    records_after = yaml.safe_load(after)
    assert records_after[0]["value"] == 4 and records_after[0]["reviewed"] is True
    assert after.startswith(reviewed.split("- id: green-factories-municipal")[0])  # same bytes, same place
    assert records_after[2]["value"] == 2000  # the unreviewed edit is replaced by the fresh proposal


def test_force_does_not_bring_back_a_figure_an_editor_moved_into_also_in(tmp_path):
    root = make_project(tmp_path, {
        "early": ("2022-03-01", ["截至去年底，建成国家绿色工厂5个。"]),
        "later": ("2022-09-20", ["截至目前，涪陵区已建成国家绿色工厂5个。"]),
    })
    extract_all(root, reporter=MemoryReporter())
    assert len(facts_of(root, "later")) == 1  # another period: the machine proposes its own record
    # the editor decides it is the same figure: one record, the later article under also_in
    early = root / "content" / "facts" / "early.yaml"
    early.write_text(early.read_text(encoding="utf-8") + "  reviewed: true\n  also_in:\n  - article: later\n"
                     "    quote: 截至目前，涪陵区已建成国家绿色工厂5个\n    paragraph: p1\n", encoding="utf-8")
    (root / "content" / "facts" / "later.yaml").write_text("[]\n", encoding="utf-8")
    extract_all(root, force=True, reporter=MemoryReporter())
    assert facts_of(root, "later") == []
    assert facts_of(root, "early")[0]["also_in"][0]["article"] == "later"


def test_diff_writes_nothing_and_reports_an_edited_value(tmp_path):
    root = make_project(tmp_path, TWO)
    extract_all(root, reporter=MemoryReporter())
    path = root / "content" / "facts" / "early.yaml"
    edited = path.read_text(encoding="utf-8").replace("value: 2000", "value: 2100")
    path.write_text(edited, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (root / "content" / "facts").iterdir()}
    reporter = MemoryReporter()
    assert extract_all(root, diff=True, reporter=reporter) == 0
    assert {p.name: p.read_bytes() for p in (root / "content" / "facts").iterdir()} == before
    assert "~ industrial-output-2021: value: 2100 → 2000" in reporter.text
    assert "content/facts/later.yaml: no changes" in reporter.text


def test_diff_lists_new_figures_for_an_article_without_a_file(tmp_path):
    root = make_project(tmp_path, TWO)
    reporter = MemoryReporter()
    extract_all(root, diff=True, reporter=reporter)
    assert not (root / "content" / "facts").exists()
    assert "content/facts/early.yaml: new file, 3 records" in reporter.text
    assert "+ industrial-output-2021: 2000 亿元" in reporter.text


def test_two_equal_figures_in_one_paragraph_are_not_confused(tmp_path):
    root = make_project(tmp_path, {"zone": ("2022-10-15", [
        "到2026年,力争服务业营业收入突破300亿元,外贸进出口总额突破300亿元。"])})
    extract_all(root, reporter=MemoryReporter())
    path = root / "content" / "facts" / "zone.yaml"
    records_before = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [r["metric"] for r in records_before] == ["services_revenue", "foreign_trade"]
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  value: 300\n  unit: 亿元\n  period: '2026'\n  kind: target\n  bound: at_least\n  measure: level\n  source:\n"
        "    article: zone\n    quote: 外贸", "  value: 310\n  unit: 亿元\n  period: '2026'\n  kind: target\n  bound: at_least\n"
        "  measure: level\n  source:\n    article: zone\n    quote: 外贸"), encoding="utf-8")
    reporter = MemoryReporter()
    extract_all(root, diff=True, reporter=reporter)
    assert "~ foreign-trade-target-2026: value: 310 → 300" in reporter.text
    assert "services-revenue" not in reporter.text


# --- reports from other newsrooms: printed forms -----------------------------

def test_traditional_characters_are_read_as_simplified_and_quoted_as_printed():
    found = records("2020年3月9日，榮昌春季重點工業項目集中開工，12個項目總投資62.9億元。", date="2022-12-30", place="荣昌区")
    assert [(r["value"], r["unit"]) for r in found] == [(12, "个"), (62.9, "亿元")]
    assert "12個項目總投資62.9億元" in found[1]["source"]["quote"]
    assert figures("榮昌拿出100萬元財政撥款") == [(0.01, "亿元")]


def test_full_width_and_spaced_digits_are_numbers():
    assert figures("总投资１８.０４亿元，全长１３６.５公里") == [(18.04, "亿元"), (136.5, "公里")]
    assert figures("研发经费投入总量增长 1.9 倍，研发投入强度提高 0.48 个百分点，科技型企业超过 4.8 万家") == [
        (1.9, "倍"), (0.48, "个百分点"), (4.8, "万家")]


def test_units_of_other_trades():
    assert figures("接待游客12.86万人次，设计压力１０兆帕，管径１０１６毫米，年设计输气量６０亿立方米，规划布井２０００余口") == [
        (12.86, "万人次"), (10, "兆帕"), (1016, "毫米"), (60, "亿立方米"), (2000, "口")]
    assert figures("混动变速器销量3.18万台") == [(3.18, "万台")]


def test_percentage_points_are_one_unit_whichever_way_printed():
    assert figures("高于全市3.4个点") == [(3.4, "个百分点")]
    assert figures("比全国高4.1个百分点") == [(4.1, "个百分点")]
    assert figures("比全国高4.1百分点") == [(4.1, "个百分点")]  # one spelling: the reviewed facts' 个百分点


def test_a_word_of_latin_letters_before_a_number_is_a_product_not_a_code():
    assert figures("已生产销售皮卡17.68万辆、SUV2.87万辆") == [(17.68, "万辆"), (2.87, "万辆")]
    assert figures("PM2.5年均浓度34微克/立方米") == [(34, "微克/立方米")]


def test_a_number_naming_an_institute_is_not_a_count():
    assert figures("引进中船718所特种材料、双欣PVA等新材料产业链项目62个") == [(62, "个")]
    assert figures("新建学校3所，改扩建幼儿园5所。") == [(3, "所"), (5, "所")]


def test_programme_structure_and_a_holidays_length_are_not_figures():
    assert records("我市提出实施绿色制造体系建设、工业水效提升4项行动计划。", date="2022-03-15") == []
    assert records("今年的创建工作分为启动、培育、创建和总结示范四个阶段。", date="2022-03-15") == []
    assert figures("假日三天全市共接待境内外游客1013.92万人次") == [(1013.92, "万人次")]
    assert figures("七天里，景区累计迎来游客7.45万人次") == [(7.45, "万人次")]
    assert figures("两项指标分别增长12.71%和40%") == [(12.71, "%"), (40, "%")]
    assert figures("在9项经济社会发展主要指标中") == []
    assert figures("做强先进材料、食品及农产品加工、智能装备三大主导产业") == []
    assert figures("已集聚起吉利电池、青山瑞浦、赣锋锂电三大龙头") == [(3, "家")]
    # the shape of what a speaker says: 呈现3个特点, 有三大亮点, 抓好五项重点任务
    assert records("他说，全区经济运行呈现3个特点，一是稳，二是进。", date="2024-04-20") == []
    assert records("今年全区工业经济有三大亮点。", date="2024-04-20") == []
    assert records("下一步将抓好五项重点任务。", date="2024-04-20") == []


def test_qianyue_signing_is_not_yue_about():
    assert bound_of("綦江一次签约"[-6:], "个项目", False) == "exact"


# --- reports from other newsrooms: periods -----------------------------------

@pytest.mark.parametrize("text, date, period", [
    ("一季度，比亚迪电池实现产值55.5亿元", "2023-04-26", "2023-01/2023-03"),
    ("第二季度全市", "2023-08-01", "2023-04/2023-06"),
    ("三季度全区", "2023-10-20", "2023-07/2023-09"),
    ("去年四季度全区", "2023-02-20", "2022-10/2022-12"),
    ("上半年为11%", "2015-10-20", "2015-01/2015-06"),
    ("2022年上半年，全区", "2023-02-20", "2022-01/2022-06"),
    ("前三季度，全区地区生产总值", "2023-11-02", "2023-01/2023-09"),
    ("1至4月，全市邮政行业业务收入", "2020-05-19", "2020-01/2020-04"),
    ("1—2月，全区规模工业产值完成", "2022-03-28", "2022-01/2022-02"),
    ("3月份，行业迎来拐点，当月邮政企业", "2020-05-19", "2020-03/2020-03"),
    ("2月单月，全区规上工业完成产值", "2022-03-28", "2022-02/2022-02"),
    ("9月单月，全区", "2023-10-20", "2023-09/2023-09"),
    ("5月当月，全市规上工业增加值", "2020-07-04", "2020-05/2020-05"),
    ("1-10月份，全县完成工业增加值", "2013-11-15", "2013-01/2013-10"),  # a span printed with 份
    ("1—5月份，规模以上工业企业实现利润", "2021-07-20", "2021-01/2021-05"),
    ("计划年内培育创建市级绿色工厂", "2022-03-15", "2022"),
    ("上年全区", "2022-05-10", "2021"),
    ("过去五年，重庆全社会研发经费投入总量增长", "2023-02-23", "2018-01/2022-12"),
    ("五年间，全市新增国家科创平台", "2023-02-23", "2018-01/2022-12"),
    ("1992年7月24日，榮昌拿出", "2022-12-30", "1992-07-24"),
])
def test_quarters_halves_months_and_spans(text, date, period):
    assert resolve(text, date) == period


def test_a_span_printed_with_fen_and_a_full_width_dash_is_the_span():
    assert one("1－2月份，全区规上工业产值完成45.2亿元。", date="2022-03-20", place="永川区")["period"] == "2022-01/2022-02"


def test_the_whole_year_is_the_year_the_paragraph_speaks_of():
    found = records("去年全区实现工业总产值1370亿元。汽摩及零部件产业表现抢眼，全年实现规上工业产值283.6亿元，增长60%。",
                    date="2021-06-30", place="永川区")
    assert [r["period"] for r in found] == ["2020", "2020", "2020"]
    assert one("全年实现规上工业产值283.6亿元。", date="2021-02-10")["period"] == "2020"
    assert one("全年实现规上工业产值283.6亿元。", date="2021-12-20")["period"] == "2021"


def test_a_comparison_is_not_the_figures_period():
    found = records("与去年同期相比，一季度全区规上工业企业总产值完成256.3亿元、增长9.5%；规上工业增加值增长9.4%。",
                    date="2023-04-26", place="璧山区")
    assert {r["period"] for r in found} == {"2023-01/2023-03"}
    found = records("前三季度，社会消费品零售总额增速达到12.3%，比上半年加快0.5个百分点。", date="2015-10-20", place="重庆市")
    assert [r["period"] for r in found] == ["2015-01/2015-09", "2015-01/2015-09"]
    found = records("全市GDP增速一季度为10.7%，上半年为11%，前三季度与上半年持平；而同期全国GDP增速为6.9%。",
                    date="2015-10-20", place="重庆市")
    assert [r["period"] for r in found] == ["2015-01/2015-03", "2015-01/2015-06", "2015-01/2015-09"]
    assert one("今年1—8月，全区工业投资较去年同期增长5%。", date="2022-09-20")["period"] == "2022-01/2022-08"


def test_a_year_that_only_qualifies_a_trend_dates_nothing():
    # 扭转了2019年以来的下滑态势, 创2016年以来新高: what the year qualifies, not the figures' time
    found = records("上半年，全区规上工业增加值增长6.0%，扭转了2019年以来的下滑态势。电子行业增长9.2%。",
                    date="2020-07-20", place="永川区")
    assert [r["period"] for r in found] == ["2020-01/2020-06", "2020-01/2020-06"]
    found = records("一季度，全区工业投资增长18.1%，创2016年以来同期新高，高于全市4.2个百分点。",
                    date="2021-04-25", place="江津区")
    assert [r["period"] for r in found] == ["2021-01/2021-03", "2021-01/2021-03"]


def test_what_a_figure_is_a_multiple_of_is_a_comparison():
    # 是去年同期的3.1倍: the quarter's amount against last year's
    found = records("一季度，全区新开工项目完成投资是去年同期的3.1倍。", date="2022-04-20", place="綦江区")
    assert [(r["value"], r["period"]) for r in found] == [(3.1, "2022-01/2022-03")]


def test_comparisons_listed_together_are_all_comparisons():
    # 比去年同期、去年全年分别提高…: both are what the quarter's rate is compared with, and the clause after
    # them keeps the quarter
    found = records("一季度，全区规上工业增加值增长7.5%，比去年同期、去年全年分别提高1.2、0.8个百分点；"
                    "规上服务业营业收入增长6.1%。", date="2024-04-22", place="长寿区")
    assert [(r["value"], r["period"]) for r in found] == [
        (7.5, "2024-01/2024-03"), (1.2, "2024-01/2024-03"), (0.8, "2024-01/2024-03"), (6.1, "2024-01/2024-03")]
    found = records("一季度，规上服务业企业营业利润较2022年、2021年同期分别提高3.4亿元、2.1亿元。",
                    date="2023-04-20", place="重庆市")
    assert {r["period"] for r in found} == {"2023-01/2023-03"}


def test_an_increase_over_a_base_year_spans_the_years_since():
    found = records("去年全年全区工业增加值预估达175亿元，比2015年底增加60.3亿元。", date="2021-01-06", place="綦江区")
    assert [(r["period"], r["kind"], r["measure"]) for r in found] == [
        ("2020", "estimate", "level"), ("2016-01/2020-12", "estimate", "change")]


def test_a_dated_event_dates_its_sentence_and_the_one_after_that_begins_with_nashi():
    found = records("2020年3月9日，榮昌春季重點工業項目集中開工，12個項目總投資62.9億元，"
                    "其中一個抗菌肽研發及產業化項目計劃投資8億元，建成後可年產微生態製劑1萬噸。那時，落戶高新區的四川工業企業已有50餘家。",
                    date="2022-12-30", place="荣昌区")
    assert [(r["value"], r["period"], r["kind"]) for r in found] == [
        (12, "2020-03-09", "actual"), (62.9, "2020-03-09", "actual"), (8, "2020-03-09", "target"),
        (1, "2020-03-09", "estimate"), (50, "2020-03-09", "actual")]


def test_a_date_inside_a_clause_dates_only_that_clause():
    record = one("长城汽车永川生产基地于2019年8月31日竣工投产并下线首辆整车，项目总投资约120亿元。", date="2021-06-30", place="永川区")
    assert record["period"] == "2021-06-30"
    record = one("这家成立于2002年的企业一度陷入困境。为此，綦齿传动投入5.4亿元建设智能制造基地。", date="2021-01-06", place="綦江区")
    assert record["period"] == "2020"


def test_a_total_to_the_end_of_a_month_is_as_of_that_day():
    assert one("截至今年5月底，重庆公司已生产销售皮卡17.68万辆。", date="2021-06-30")["period"] == "2021-05-31"
    assert one("截至2013年底，建峰化工已累计使用页岩气1.19亿立方米。", date="2015-09-23")["period"] == "2013-12-31"
    assert one("截至去年底，全区战略性新兴产业同比增长20%。", date="2022-03-01")["period"] == "2021"


def test_an_estimate_once_built_is_made_now_not_in_the_year_building_began():
    found = records("2019年9月开工的西部电子电路产业园总投资150亿元，从签约到开工仅用了69天，建成后预计产值超过100亿元。",
                    date="2022-12-30", place="荣昌区")
    assert [(r["period"], r["kind"]) for r in found] == [("2019", "actual"), ("2019", "actual"), ("2022-12-30", "estimate")]


def test_figures_before_an_ellipsis_take_the_time_and_subject_named_after_it():
    found = records("混动变速器销量3.18万台、电驱总成销量2.45万台……一季度，青山工业凭借这样一组数据，实现了首季“开门红”。",
                    date="2023-04-26", place="璧山区")
    assert [(r["period"], r["subject"]) for r in found] == [("2023-01/2023-03", "青山工业")] * 2


# --- reports from other newsrooms: kind and measure --------------------------

@pytest.mark.parametrize("lead, kind", [
    ("计划年内培育创建市级绿色工厂", "target"),
    ("规划布井", "target"),
    ("年产量将达", "target"),
    ("其中一个抗菌肽研发及产业化项目计划投资", "target"),
    ("全区年度计划投资", "target"),
    ("拟投资", "target"),
    ("完成年度计划的", "actual"),
    ("一季度投资计划完成率达", "actual"),
    ("去年全年全区工业增加值预估达", "estimate"),
    ("这批项目估算总投资", "estimate"),
    ("今年有望在四川市场实现销售额近", "estimate"),
    ("建成后可年产微生态制剂", "estimate"),
])
def test_targets_and_estimates(lead, kind):
    assert kind_of(lead, "", False) == kind


def test_a_goal_year_makes_a_target_of_that_year():
    record = one("到2025年，全区规上工业产值达到3000亿元。", date="2022-09-20")
    assert (record["kind"], record["period"]) == ("target", "2025")


def test_points_against_another_place_are_a_gap_and_points_over_time_a_change():
    found = records("1—2月，全区规模工业产值完成65.71亿元，同比增长16.0%，增幅高出全市3个百分点。", date="2022-03-28", place="万州区")
    assert [(r["unit"], r["measure"]) for r in found][2] == ("个百分点", "growth")
    found = records("规上工业增加值增长9.4%，高于全市3.4个点。", date="2023-04-26", place="璧山区")
    assert [(r["unit"], r["measure"], r["metric"]) for r in found][1] == ("个百分点", "growth", "industrial_value_added_above_scale")
    assert one("研发投入强度提高 0.48 个百分点。", date="2023-02-23")["measure"] == "change"
    assert records("社会消费品零售总额增速达到12.3%，比上半年加快0.5个百分点。", date="2015-10-20")[1]["measure"] == "change"


def test_a_rate_named_after_the_figure_is_a_growth():
    record = one("前三季度，全市固定资产投资保持17%以上的增速。", date="2015-10-20", place="重庆市")
    assert (record["measure"], record["bound"]) == ("growth", "at_least")


def test_a_target_to_create_is_an_increment_and_new_jobs_are_a_level():
    found = records("计划年内培育创建市级绿色工厂50家、市级绿色工业园区5个。", date="2022-03-15", place="重庆市")
    assert [(r["kind"], r["measure"]) for r in found] == [("target", "change")] * 2
    assert one("前三季度，全市新增就业人员57.23万人。", date="2015-10-20", place="重庆市")["measure"] == "level"


# --- reports from other newsrooms: subjects ----------------------------------

def test_the_city_and_the_country_are_subjects_unless_compared_with():
    found = records("去年重庆页岩气产量达到10.81亿立方米，占全国总产量的80%以上。到2020年，全市计划累计投资1500亿元。",
                    date="2015-09-23", place="涪陵区")
    assert [r["subject"] for r in found] == ["重庆市"] * 3
    found = records("规上工业增加值增长9.4%，高于全市3.4个点。", date="2023-04-26", place="璧山区")
    assert [r["subject"] for r in found] == ["璧山区"] * 2
    assert records("上半年为11%；而同期全国GDP增速为6.9%。", date="2015-10-20", place="重庆市")[1]["subject"] == "全国"


def test_other_districts_named_in_the_sentence_are_subjects():
    found = records("万盛经开区接待游客41.87万人次，同比增长208.8%；荣昌区接待11.92万人次，增长75.9%。", date="2018-01-01",
                    place="重庆市")
    assert [r["subject"] for r in found] == ["万盛经开区", "万盛经开区", "荣昌区", "荣昌区"]


def test_districts_listed_before_respective_figures_are_their_subjects():
    # 永川、江津、合川三地…分别增长: each figure is its own district's, by the short names too
    found = records("今年1-5月，永川、江津、合川三地规上工业产值分别增长9.1%、8.4%和7.2%。", date="2023-06-20", place="重庆市")
    assert [(r["value"], r["subject"]) for r in found] == [(9.1, "永川区"), (8.4, "江津区"), (7.2, "合川区")]
    # an autonomous county goes by its short name (石柱县), however it is printed
    found = records("上半年，巫山县、石柱县GDP分别增长6.5%和5.9%。", date="2023-07-25", place="重庆市")
    assert [r["subject"] for r in found] == ["巫山县", "石柱县"]
    found = records("铜梁区、秀山土家族苗族自治县农家乐营业额同比分别增长26%和28.7%。", date="2023-10-07", place="重庆市")
    assert [r["subject"] for r in found] == ["铜梁区", "秀山县"]
    # parks and companies too, and what the last item says after its name is said of each
    found = records("前三季度，科学城江津片区（双福工业园）、德感工业园、白沙工业园规模工业产值分别增长10.6%、3.9%和23.0%。",
                    date="2023-10-17", place="江津区")
    assert [(r["subject"], r["metric"]) for r in found] == [
        ("科学城江津片区（双福工业园）", "industrial_output"), ("德感工业园", "industrial_output"),
        ("白沙工业园", "industrial_output")]
    found = records("一季度，长安汽车、赛力斯汽车产量分别增长12%和80%。", date="2024-04-19", place="重庆市")
    assert [r["subject"] for r in found] == ["长安汽车", "赛力斯汽车"]
    # items that are not places keep the subject named before them
    found = records("上半年，全区材料产业、电子产业产值分别增长12.7%和12.4%。", date="2019-07-19", place="长寿区")
    assert [r["subject"] for r in found] == ["长寿区", "长寿区"]


def test_scenic_spots_museums_and_hotels_are_named_subjects_and_all_the_towns_is_not_a_town():
    found = records("七天里，缙云山景区累计迎来游客7.45万人次。重庆自然博物馆接待游客9万余人次。", date="2019-10-11",
                    place="北碚区")
    assert [r["subject"] for r in found] == ["缙云山景区", "重庆自然博物馆"]
    found = records("全县通旅游的乡镇有17个，占全县乡镇总数的65.38%。", date="2020-08-05", place="巫山县")
    assert [r["subject"] for r in found] == ["巫山县", "巫山县"]
    assert [r["subject"] for r in records("全区A级景区达到25个。", date="2019-10-11", place="北碚区")] == ["北碚区"]
    found = records("境内有钓鱼城、涞滩古镇2家国家4A级景区。", date="2024-04-03", place="合川区")
    assert [r["subject"] for r in found] == ["合川区"]
    found = records("前两个月，万州入库工业税收同比增长142%。", date="2025-03-25", place="万州区")
    assert [r["subject"] for r in found] == ["万州区"]
    # 经开区 alone is the place's own, as 高新区 is
    found = records("分园区看，经开区完成产值635.9亿元；高新区完成产值111.5亿元。", date="2023-07-28", place="长寿区")
    assert [r["subject"] for r in found] == ["长寿经开区", "长寿高新区"]


def test_items_of_a_breakdown_by_named_classes_are_the_classes_count_and_sums():
    found = records("10月28日，大渡口区秋季项目集中开工仪式举行，34个项目同时破土动工，总投资约140亿元。"
                    "从行业看，此次开工的产业项目4个，计划总投资28.2亿元；基础设施项目19个，计划总投资13.5亿元。"
                    "从规模看，5000万元以上的项目18个，其中重点项目7个、总投资127.2亿元。", date="2022-10-28", place="大渡口区")
    assert [(r["value"], r["subject"]) for r in found] == [
        (34, "大渡口区"), (140, "大渡口区开工项目"), (4, "大渡口区产业项目"), (28.2, "大渡口区产业项目"),
        (19, "大渡口区基础设施项目"), (13.5, "大渡口区基础设施项目"),
        (18, "大渡口区"), (7, "大渡口区重点项目"), (127.2, "大渡口区重点项目")]  # a size class is no class of its own
    # the items of 这批项目中 stay the group's
    found = records("26个项目现场签约，总投资达239亿元。这批项目中，现代服务业类项目5个；现代农业类项目1个。",
                    date="2021-01-08", place="璧山区")
    assert [r["subject"] for r in found] == ["璧山区"] + ["璧山区签约项目"] * 3


def test_a_park_named_before_the_time_word_is_the_subject():
    found = records("长寿经开区上半年实现规上工业产值682.5亿元，增长9.1%。", date="2023-07-20", place="长寿区")
    assert [r["subject"] for r in found] == ["长寿经开区", "长寿经开区"]


def test_a_name_with_an_ordinal_in_it_is_read_whole():
    found = records("京东方重庆第6代AMOLED生产线项目总投资465亿元。", date="2019-07-20", place="重庆市")
    assert [r["subject"] for r in found] == ["京东方重庆第6代AMOLED生产线项目"]
    found = records("康乐100MW复合光伏发电项目总投资2.47亿元。", date="2022-06-16", place="奉节县")
    assert [r["subject"] for r in found] == ["康乐100MW复合光伏发电项目"]


def test_a_quoted_sentence_before_a_name_is_no_part_of_it():
    found = records("“不只是B馆。”观音桥商圈管理办公室负责人介绍，这片街区每天的打卡人数达到8万人次。", date="2025-05-07",
                    place="江北区")
    assert [r["subject"] for r in found] == ["观音桥商圈"]


def test_the_citys_industries_are_no_companies():
    assert [r["subject"] for r in records("一季度，重庆汽车产量增长12.1%。", date="2009-04-17", place="重庆市")] == ["重庆市"]
    assert [r["subject"] for r in records("1-10月，能源工业增加值增长8.2%。", date="2017-11-14", place="重庆市")] == ["重庆市"]
    assert [r["subject"] for r in records("一季度，长安汽车产量增长12%。", date="2024-04-19", place="重庆市")] == ["长安汽车"]


def test_the_high_tech_zone_of_the_city_is_chongqings():
    found = records("上半年，全市规上工业增加值增长5.8%，其中两江新区增长9.2%，高新区增长11.3%。", date="2023-07-20",
                    place="重庆市")
    assert [(r["subject"], r["metric"]) for r in found] == [
        ("重庆市", "industrial_value_added_above_scale"), ("两江新区", "industrial_value_added_above_scale"),
        ("重庆高新区", "industrial_value_added_above_scale")]


def test_companies_parks_and_projects_named_before_the_figure_are_subjects():
    assert [r["subject"] for r in records("一季度，比亚迪电池实现产值55.5亿元，同比增长35%。", date="2023-04-26", place="璧山区")] == \
        ["比亚迪电池"] * 2
    found = records("2019年9月开工的西部电子电路产业园总投资150亿元。其中一个抗菌肽研发及产业化项目计划投资8亿元。",
                    date="2022-12-30", place="荣昌区")
    assert [r["subject"] for r in found] == ["西部电子电路产业园", "抗菌肽研发及产业化项目"]


def test_the_park_and_this_pipeline_point_back_to_the_one_named_before():
    found = records("行走在重庆市荣昌高新区，一处处施工现场依然热火朝天。", "如今，园区建成面积已达到20平方公里。",
                    "那时，落户高新区的四川工业企业已有50余家。", date="2022-12-30", place="荣昌区")
    assert [r["subject"] for r in found] == ["荣昌高新区", "荣昌高新区"]
    found = records("随着涪陵白涛至石柱王场输气管道今年全线贯通，页岩气输往东部。", "这条管道5月11日在涪陵正式投运，总投资18.04亿元，全长136.5公里。",
                    date="2015-09-23")
    assert [r["subject"] for r in found] == ["涪陵白涛至石柱王场输气管道"] * 2


# --- reports from other newsrooms: metrics -----------------------------------

@pytest.mark.parametrize("lead, unit, key", [
    ("1—2月，全区规模工业产值完成", "亿元", "industrial_output"),
    ("全年规模工业增加值增长", "%", "industrial_value_added_above_scale"),
    ("预计去年全市规模工业利润超过", "亿元", "industrial_profit"),
    ("全市规模以上工业企业实现利润总额", "亿元", "industrial_profit"),
    ("一季度全区规上工业企业总产值完成", "亿元", "industrial_output"),
    ("2月单月，全区规上工业完成产值", "亿元", "industrial_output"),
    ("年工业产值超过", "亿元", "industrial_gross_output"),
    ("全社会研发经费投入总量增长", "倍", "rd_spending"),
    ("力争全市研发经费投入强度达到", "%", "rd_intensity"),
    ("全市GDP增速一季度为", "%", "gdp"),
    ("全区地区生产总值（GDP）增长", "%", "gdp"),
    ("协议引资", "亿元", "investment_agreed"),
    ("西部电子电路产业园总投资", "亿元", "project_investment"),
    ("其中一个抗菌肽研发及产业化项目计划投资", "亿元", "project_investment"),
    ("存量企业追加投资", "亿元", "project_investment"),
    ("建成后预计产值超过", "亿元", "output_value"),
    ("今年有望在四川市场实现销售额近", "亿元", "enterprise_revenue"),
    ("园区实现税收", "亿元", "tax_revenue"),
    ("经初步核算，全年全县实现生产总值", "亿元", "gdp"),
    ("全区工业税收完成", "亿元", "industrial_tax_revenue"),
    ("工业实缴税金", "亿元", "industrial_tax_revenue"),
])
def test_more_words_for_catalogue_metrics(lead, unit, key):
    assert best_rule(lead, unit).key == key


def test_a_season_of_the_year_dates_only_its_clause():
    found = records("长城汽车的一款越野车型广受追捧，订单已经排到了今年秋天。项目总投资约120亿元。", date="2021-06-30", place="永川区")
    assert [r["period"] for r in found] == ["2021-06-30"]


def test_projects_brought_in_during_a_span_are_counted_over_the_span():
    found = records("前三季度，引进战略性新兴产业项目17个。", date="2023-11-02", place="长寿区")
    assert [r["period"] for r in found] == ["2023-01/2023-09"]


def test_the_output_of_a_sector_named_before_the_figure_is_that_sectors_metric():
    found = records("去年全区实现规上工业产值1300.6亿元。汽摩及零部件产业表现抢眼，全年实现规上工业产值283.6亿元，增长60%。",
                    date="2021-06-30", place="永川区")
    assert [r["metric"] for r in found] == ["industrial_output", "auto_moto_parts_output", "auto_moto_parts_output"]


# --- holidays ------------------------------------------------------------------

def test_a_named_holiday_is_its_days_off_from_the_schedule():
    # 元旦 2018: Saturday 30 December to Monday 1 January; 国庆 2023 joined 中秋: 29 September to 6 October
    assert [period_of(m, dt.date(2018, 1, 1), False) for m in time_marks("元旦小长假期间", dt.date(2018, 1, 1))] == [
        "2017-12-30/2018-01-01"]
    assert [period_of(m, dt.date(2023, 10, 9), False) for m in time_marks("国庆假期，全区接待游客", dt.date(2023, 10, 9))] == [
        "2023-09-29/2023-10-06"]


def test_a_holiday_the_schedule_does_not_cover_is_no_time_mark():
    assert time_marks("元旦小长假期间", dt.date(2040, 1, 2)) == []


def test_figures_with_no_time_word_in_a_holiday_piece_describe_the_holiday():
    found = records("元旦小长假期间，假日三天全市共接待游客1013.92万人次。", "主城南山片区接待游客12.86万人次。",
                    date="2018-01-01", place="重庆市")
    assert [(r["value"], r["period"]) for r in found] == [
        (1013.92, "2017-12-30/2018-01-01"), (12.86, "2017-12-30/2018-01-01")]


def test_a_holiday_named_later_in_a_piece_dates_only_its_own_paragraph():
    found = records("全区新增市场主体500户。", "国庆假期，全区接待游客41万人次。", "全区新增企业5家。",
                    date="2023-10-09", place="万州区")
    assert [r["period"] for r in found] == ["2023-10-09", "2023-09-29/2023-10-06", "2023-10-09"]


def test_a_holiday_long_past_is_not_the_one_reported():
    # printed in January: the 国庆 of October is too far back to be the holiday reported on
    assert time_marks("国庆假期", dt.date(2024, 1, 20)) == []


def test_dates_printed_with_spaces_are_read():
    found = records("2022 年重庆全社会研发投入 686.6 亿元。", "截至 2021 年底，全市拥有的国家级绿色工厂为 35 家。",
                    date="2023-12-06", place="重庆市")
    assert [(r["value"], r["period"]) for r in found] == [(686.6, "2022"), (35, "2021-12-31")]


def test_a_count_outside_the_catalogue_as_of_a_day_is_the_count_on_that_day():
    found = records("截至 2021 年底，全市拥有的国家级绿色园区为 3 个。", date="2023-12-06", place="重庆市")
    assert [(r["value"], r["period"]) for r in found] == [(3, "2021-12-31")]
    assert not records("重庆在科技投入和绿色制造两个领域都交出了新的答卷。", date="2023-12-06", place="重庆市")


def test_numbers_listed_before_a_figure_share_its_unit():
    assert figures("增速分别比全市、全国高1.4、1.8个百分点") == [(1.4, "个百分点"), (1.8, "个百分点")]
    assert figures("分别奖励20、50万元") == [(0.002, "亿元"), (0.005, "亿元")]
    assert figures("2021、2022年连续两年") == []
    # 分别提高0.1个、0.2个百分点: the measure word printed after each number
    assert figures("占比分别比上年同期提高0.3个、0.5个百分点") == [(0.3, "个百分点"), (0.5, "个百分点")]


def test_volumes_in_fang_and_buildings_are_units():
    assert figures("规模为150万方的LNG液化工厂项目，目前已建成60万方") == [(150, "万方"), (60, "万方")]
    assert figures("夜间消费带面积达50萬方") == [(50, "万平方米")]  # a 方 of area
    assert figures("全年发车 3366 车次，举办活动 24 场次，藏书 79.1 万册，养殖中蜂10万箱") == [
        (3366, "车次"), (24, "场次"), (79.1, "万册"), (10, "万箱")]
    assert figures("其中七十四幢房屋闲置可用") == [(74, "幢")]
    assert figures("三方签订协议，双方约定") == []


def test_an_estimate_with_no_time_word_is_made_at_publication():
    # printed in February: a plain figure reviews the year before, an estimate is said now
    found = records("项目占地约11万平方米。全面达产后，预计年产值可达10亿元。", date="2023-02-09", place="潼南区")
    assert [(r["value"], r["kind"], r["period"]) for r in found] == [(11, "actual", "2022"), (10, "estimate", "2023-02-09")]


def test_a_rule_in_force_is_as_of_publication():
    found = records("获评的市级绿色园区、绿色工厂可分别获得一次性奖励50万元、20万元。", date="2022-03-15", place="重庆市")
    assert [(r["value"], r["period"]) for r in found] == [(0.005, "2022-03-15"), (0.002, "2022-03-15")]


def test_a_dated_event_dates_figures_under_the_quarter_it_falls_in():
    found = records("早在去年3月9日，潼南就举行了当年一季度重点项目集中签约开工活动，一次推出73个重点项目，总投资227亿元。",
                    date="2023-02-09", place="潼南区")
    assert [r["period"] for r in found] == ["2022-03-09", "2022-03-09"]
    # a quarter with no event in its sentence keeps its months
    assert one("一季度，全区实现产值65亿元。", date="2023-04-26", place="璧山区")["period"] == "2023-01/2023-03"


def test_a_part_of_the_place_is_its_own_subject_and_a_later_quneii_means_it():
    found = records("剔除基数异常后，区内（不含高新区）工业运行更为平稳。上半年，区内规上工业产值累计增长12.8%。",
                    date="2021-07-20", place="沙坪坝区")
    assert [(r["value"], r["subject"]) for r in found] == [(12.8, "沙坪坝区（不含高新区）")]
    assert one("上半年，区内规上工业产值累计增长12.8%。", date="2021-07-20", place="沙坪坝区")["subject"] == "沙坪坝区"


def test_the_country_in_a_nationwide_list_is_the_subject():
    found = records("本批名单在全国范围内共遴选出绿色工厂1491家。", date="2023-12-06", place="重庆市")
    assert [r["subject"] for r in found] == ["全国"]


def test_a_rate_after_a_connective_is_of_the_metric_before_it():
    found = records("1—6月全区规上工业产值累计增长17.0%；好在6月单月增长3.4%，但3月份当月已下降3.1%。",
                    date="2021-07-20", place="沙坪坝区")
    assert [r["metric"] for r in found] == ["industrial_output"] * 3


def test_figures_with_no_time_word_take_the_months_the_title_names():
    piece = article("a", "2024-10-28", "前三季度，全区实现地区生产总值766.6亿元。", "主导产业合计完成产值544.2億元。", place="璧山区")
    piece = Article(**{**piece.__dict__, "title": "璧山前三季度經濟運行穩中向好"})
    assert [r["period"] for r in (p.record for p in propose(piece))] == ["2024-01/2024-09", "2024-01/2024-09"]
    # a title naming no period leaves them at the publication date
    plain = Article(**{**piece.__dict__, "title": "璧山經濟運行穩中向好"})
    assert [r["period"] for r in (p.record for p in propose(plain))] == ["2024-01/2024-09", "2024-10-28"]


@pytest.mark.parametrize("sentence, key", [
    ("前三季度，全区工业企业利润增长37.6%。", "industrial_profit"),
    ("目前，项目每年节能近8000吨标准煤。", "coal_saved"),
    ("医药制造业上半年下降16.5%。", "pharma_output"),
    ("19个新投产项目新增产值19.9亿元。", "output_value"),
    ("1-5月，全区规模以上服务业企业实现营业收入7.19亿元。", "services_revenue"),
    ("全年规模以上工业企业研究与试验发展（R&D）经费投入1.09亿元。", "rd_spending"),
    ("全年财政投入科技资金1650万元。", "sci_tech_fiscal_spending"),
    ("前三季度，全区签约项目52个，正式合同额264.53亿元。", "investment_agreed"),
    ("上半年，全县签下21个项目、引资224.18亿元。", "investment_agreed"),
    ("签约项目36个、协议总投资320亿元。", "investment_agreed"),
    ("全年进出口总值 123.4 亿元。", "foreign_trade"),
    ("已探明页岩气储量6014 亿立方米。", "shale_gas_proven_reserves"),
    ("按照规划，建成区将达到50平方公里。", "built_up_area"),
    ("化工、医药行业产值分别下降9%和26.3%。", "pharma_output"),
    ("集中式饮用水水源地水质达标率100%。", "drinking_water_compliance"),
])
def test_metric_synonyms_of_catalogue_entries(sentence, key):
    assert records(sentence, date="2024-10-28", place="璧山区")[-1]["metric"] == key


def test_gaps_listed_after_the_clause_naming_their_metrics_pair_with_them():
    found = records("固定资产投资、税收收入、工业投资和一般公共预算收入的两年平均增速，分别比全市高出17、10.1、4.7和3.4个点。",
                    date="2021-04-30", place="沙坪坝区")
    assert [r["metric"] for r in found] == ["fixed_asset_investment", "tax_revenue", "industrial_investment",
                                            "general_budget_revenue"]
    found = records("全区规上工业增加值增长8%，分别高于全市、全国2个和3个百分点。", date="2021-04-30", place="沙坪坝区")
    assert [r["metric"] for r in found] == ["industrial_value_added_above_scale"] * 3


def test_a_growth_gap_to_the_national_average_is_of_the_metric_before_it():
    found = records("2022 年重庆全社会研发投入 686.6 亿元，同比增长 13.7%，增速比全国平均水平高出 3.6 个百分点。",
                    date="2023-12-06", place="重庆市")
    assert [r["metric"] for r in found] == ["rd_spending"] * 3


def test_a_total_of_sectors_given_as_examples_is_not_one_of_them():
    found = one("智能网联新能源汽车、电子信息等主导产业继续发挥作用，合计完成产值544.2亿元。", date="2024-10-28", place="璧山区")
    assert found["metric"] != "electronics_output"
    assert one("电子信息产业完成产值100亿元。", date="2024-10-28", place="璧山区")["metric"] == "electronics_output"


def test_the_other_party_of_an_agreement_is_not_the_subject():
    found = records("赶水镇与大江工业公司签订收储协议，双溪兵工厂785.4亩土地已完成移交。", date="2022-08-24", place="綦江区赶水镇")
    assert [r["subject"] for r in found] == ["赶水镇"]
    assert one("大江工业公司签订协议，投资2亿元。", date="2022-08-24", place="綦江区赶水镇")["subject"] == "大江工业公司"


def test_within_the_town_is_the_pieces_own_town():
    found = records("镇域内已探明两个石英砂岩矿区，资源总量达6608.6万吨。", date="2022-08-24", place="綦江区赶水镇")
    assert [r["subject"] for r in found] == ["赶水镇", "赶水镇"]


def test_words_ending_like_a_town_are_not_towns():
    assert one("紧抓乡村振兴，力争2030年产值达到100亿元。", date="2022-09-20")["subject"] == "涪陵区"
    assert one("科创小镇集聚研发机构12家。", date="2022-09-20")["subject"] != "科创小镇"


def test_an_area_of_the_city_is_a_subject_without_its_region_word():
    found = records("主城南山片区接待游客12.86万人次，同比增长17.1%。", date="2018-01-01", place="重庆市")
    assert [r["subject"] for r in found] == ["南山片区", "南山片区"]


def test_what_a_count_counts_is_not_the_subject_of_the_figures_after_it():
    found = records("前三季度，引进战略性新兴产业项目17个，占工业引资的43.1%。", date="2023-11-02", place="长寿区")
    assert [r["subject"] for r in found] == ["长寿区", "长寿区"]


def test_digits_grouped_by_commas_are_one_number():
    assert figures("新开工项目完成投资11,600万元，实有市场主体16,104户") == [(1.16, "亿元"), (16104, "户")]
    assert figures("工业产值 1,972.5 亿元") == [(1972.5, "亿元")]
    # a comma between numbers that are not groups of three still separates them
    assert figures("分别为12,30个") == [(30, "个")]


def test_a_breakdown_opened_by_qizhong_keeps_the_kind_of_the_sentence_it_breaks_down():
    found = records("今年，经开区计划实施项目126个。其中，开工项目37个。", date="2025-03-13", place="万州区")
    assert [(r["value"], r["kind"]) for r in found] == [(126, "target"), (37, "target")]
    found = records("今年已建成项目20个。其中，开工项目7个。", date="2025-03-13", place="万州区")
    assert [r["kind"] for r in found] == ["actual", "actual"]


def test_the_growth_of_a_stock_as_of_a_day_is_as_of_that_day():
    found = records("截至9月底，全区实有各类市场主体16,104户，同比增长24.25%。", date="2021-10-21", place="重庆经开区")
    assert [(r["value"], r["period"]) for r in found] == [(16104, "2021-09-30"), (24.25, "2021-09-30")]


def test_a_plants_yield_once_built_is_estimated_now_not_in_the_month_its_first_phase_opens():
    found = records("这个总投资10亿元的项目将建设年产10万吨的辣椒生产线，一期计划今年12月竣工投产；"
                    "全部建成达产后，预计可实现年营业收入约15亿元，提供就业岗位约500个。", date="2025-06-13", place="万州区")
    assert [(r["value"], r["kind"], r["period"]) for r in found][1:] == [
        (10, "estimate", "2025-06-13"), (15, "estimate", "2025-06-13"), (500, "estimate", "2025-06-13")]


def test_a_piece_that_opens_on_the_present_dates_figures_with_no_time_word_now():
    pieces = ("开春以来，经开区各个项目工地一片繁忙。", "这条城市主干路总投资约2.01亿元。")
    assert [r["period"] for r in records(*pieces, date="2025-03-13", place="万州区")] == ["2025-03-13"]
    # without it, a piece printed in January–March reviews the year before
    assert [r["period"] for r in records(pieces[1], date="2025-03-13", place="万州区")] == ["2024"]


def test_a_plan_in_a_later_clause_is_a_target_after_an_estimate():
    found = records("这批项目估算总投资252.35亿元，计划全年完成投资40.87亿元。", date="2016-06-16", place="万州区")
    assert [r["kind"] for r in found] == ["estimate", "target"]
    # but an estimate after the plan's words keeps the figure an estimate
    assert one("计划建设的项目建成后预计产值超过100亿元。", date="2022-12-30")["kind"] == "estimate"


def test_an_average_over_two_years_and_a_faster_rate_are_the_metric_named_before():
    found = records("全市规模以上工业增加值增长26.6%，两年平均增长9.6%，增速较上年提升5.7个百分点。", date="2021-05-25", place="重庆市")
    assert [r["metric"] for r in found] == ["industrial_value_added_above_scale"] * 3


def test_a_group_of_the_places_projects_with_its_investment_is_the_subject():
    found = records("一季度，全区市级重大项目完成投资12.09亿元，占年度投资计划的24.92%。"
                    "新开工项目一季度完成投资1.16亿元。", date="2022-04-13", place="万州区")
    assert [r["subject"] for r in found] == ["万州区市级重大项目", "万州区市级重大项目", "万州区新开工项目"]
    # a count of projects is not the group: 实施重点项目27个
    assert one("今年全区实施重点项目27个。", date="2022-04-13", place="万州区")["subject"] == "万州区"


def test_a_rate_named_after_a_metrics_words_is_a_rate_of_its_own():
    record = one("全市规上工业企业产品销售率达到99%。", date="2021-05-25", place="重庆市")
    assert record["metric"] != "industrial_firms_above_scale"
    assert one("全市规上工业增加值增长率为6%。", date="2021-05-25", place="重庆市")["metric"] == "industrial_value_added_above_scale"


def test_a_parts_share_of_gdp_is_not_gdp():
    assert one("工业在全市GDP中的比重为36.3%。", date="2015-01-27", place="重庆市")["metric"] != "gdp"
    assert one("全市GDP增长6.3%。", date="2020-01-27", place="重庆市")["metric"] == "gdp"


def test_a_change_over_an_earlier_month_is_the_rate_named_before():
    found = records("5月当月，全市规上工业增加值增长9.7%，比4月提高0.5个百分点。", date="2020-07-04", place="重庆市")
    assert [(r["period"], r["metric"], r["measure"]) for r in found] == [
        ("2020-05/2020-05", "industrial_value_added_above_scale", "growth"),
        ("2020-05/2020-05", "industrial_value_added_above_scale", "change")]


def test_a_fall_that_narrows_is_the_rate_named_before():
    found = records("全区工业投资同比下降3.2%，降幅比一季度收窄2.1个百分点。", date="2023-07-10", place="万州区")
    assert [r["metric"] for r in found] == ["industrial_investment", "industrial_investment"]


def test_a_share_of_a_whole_is_the_share_of_what_stands_before_zhan():
    record = one("工业技改投资占工业投资的比重达到39%。", date="2020-03-17", place="重庆市")
    assert record["metric"] != "industrial_investment"
    assert one("工业投资占固定资产投资的比重为30%。", date="2020-03-17", place="重庆市")["metric"] == "industrial_investment"


# --- rules from the later development reports (tests/data/reports/dev) ----------

def titled(title, date, *paragraphs, place):
    piece = article("a", date, *paragraphs, place=place)
    return [p.record for p in propose(Article(**{**piece.__dict__, "title": title}))]


def test_the_headline_printed_as_the_first_line_gives_no_figures_of_its_own():
    found = titled("巴南前三季度GDP同比增长10.1%", "2021-10-27", "巴南前三季度GDP同比增长10.1%",
                   "今年1—9月，巴南区实现地区生产总值682.5亿元，同比增长10.1%。", place="巴南区")
    assert [r["value"] for r in found] == [682.5, 10.1]


def test_heads_birds_kilowatt_hours_metres_and_hours_are_units():
    assert figures("生猪出栏36.09万头，家禽出栏83.88万只") == [(36.09, "万头"), (83.88, "万只")]
    assert figures("设计年发电利用1670小时，年发峰荷电量20.04亿千瓦时，大桥全长3236米") == [
        (1670, "小时"), (20.04, "亿千瓦时"), (3236, "米")]


def test_a_number_before_he_shares_the_unit_of_the_one_after():
    assert figures("比全市规上工业分别高出6.7和5.8个百分点") == [(6.7, "个百分点"), (5.8, "个百分点")]


def test_thresholds_capacities_in_project_names_and_size_classes_of_counts_are_not_figures():
    assert figures("其中，投资10亿元以上的项目有2个") == [(2, "个")]
    assert figures("忠县年产10万吨高端磷酸铁锂项目等一批项目") == []
    assert figures("三友未来年产100万辆新能源汽车轻量化底盘系统零部件等产业项目") == []
    assert figures("规上工业产值已经连续46个月保持10%以上的增速") == []  # the bar of a streak
    assert figures("年产50万吨再生铜、铝合金循环利用、高端铝合金及零部件等重点项目的配套设施正在完善") == []
    assert figures("宏优年产3万吨金属制品等2个项目通过租赁厂房实现投产") == [(2, "个")]
    assert figures("培育100亿级企业3个、30亿级企业10个") == [(3, "个"), (10, "个")]
    assert figures("前三季度，全市固定资产投资保持17%以上的增速") == [(17, "%")]  # a rate, not a threshold
    # 50亿元及以上项目完成投资: a size class of projects, with or without 的
    assert figures("全区50亿元及以上项目完成投资增长21.5%") == [(21.5, "%")]
    assert figures("新签约亿元以上项目12个，5000万元以上企业投产8家") == [(12, "个"), (8, "家")]


def test_money_in_chinese_numerals_is_a_figure():
    assert figures("总投资达一百零六亿元") == [(106, "亿元")]
    assert figures("三百二十亿元") == [(320, "亿元")]
    assert figures("百万人口") == []


def test_the_shape_of_a_plan_and_a_back_reference_are_not_counts():
    assert figures("开展工业招商、旅游基础设施、城市管理提升三项攻坚行动") == []
    assert figures("两项工程与开云路、北环路一起构成快速通道") == []


def test_the_end_of_a_month_dates_a_stock_and_a_balance_on_its_last_day():
    found = records("6月末全区生猪存栏44.79万头，比上年同期增长4.7%。", date="2022-08-12", place="黔江区")
    assert [r["period"] for r in found] == ["2022-06-30", "2022-06-30"]
    found = records("6月末，全区金融机构本外币存贷款余额756.21亿元。", date="2022-08-12", place="黔江区")
    assert [r["period"] for r in found] == ["2022-06-30"]


def test_a_past_year_the_title_names_is_the_year_of_its_whole_year_figures():
    found = titled("2015年万盛经开区国民经济和社会发展统计公报", "2021-02-08",
                   "2015年，经开区经济社会保持平稳健康发展。", "全年实现地区生产总值92.06亿元，比上年增长9.1%。",
                   place="万盛经开区")
    assert [r["period"] for r in found] == ["2015", "2015"]


def test_the_whole_year_of_a_plan_is_the_year_under_way():
    record = one("全年计划新增规上工业企业30家。", date="2019-02-21", place="江津区")
    assert (record["period"], record["kind"]) == ("2019", "target")


def test_this_year_so_far_in_a_piece_on_some_months_means_those_months():
    found = titled("前9月川渝共建重大项目完成年度投资741.4亿元", "2021-10-11",
                   "1-9月，重大项目累计完成投资1866.8亿元；今年以来完成投资741.4亿元，占年度计划投资的73%。",
                   "现代产业领域今年累计完成投资154.3亿元。", place="重庆市")
    assert [(r["period"], r["kind"]) for r in found] == [("2021-01/2021-09", "actual")] * 4
    # a plan for the year stays the year
    assert one("今年计划完成投资100亿元。", date="2021-10-11", place="重庆市")["period"] == "2021"


def test_plans_and_the_plan_carried_out():
    assert kind_of("按计划，今年江津将推动广州双桥淀粉糖浆等", "", False) == "target"
    assert kind_of("确保海亮铜业一期等", "", False) == "target"
    assert kind_of("由区县牵头的6个项目已超额完成年度计划投资", "", False) == "actual"
    assert kind_of("年度计划投资进度达", "", False) == "actual"
    assert kind_of("到2027年，全市产业园区规上工业总产值将突破", "", True) == "target"
    assert kind_of("设计年发电利用", "", False) == "estimate"


def test_a_day_of_signings_dates_the_figures_after_it_and_not_what_is_estimated_then():
    found = records("6月28日，潼南区重点招商项目集中签约活动在主城举行。本次签约的项目共16个，总投资达106亿元。",
                    "这批项目全部建成投产后，预计可实现产值271.7亿元。", date="2018-06-29", place="潼南区")
    assert [(r["value"], r["period"], r["kind"]) for r in found] == [
        (16, "2018-06-28", "actual"), (106, "2018-06-28", "actual"), (271.7, "2018-06-29", "estimate")]
    # a press conference on a day announces the year's figures, it does not date them
    record = one("1月20日，我市召开经济运行情况新闻发布会。全市规上工业增加值增长6.2%。", date="2020-01-20", place="重庆市")
    assert record["period"] == "2019"


def test_a_day_of_signings_is_not_the_quarter_named_in_the_events_name():
    found = records("6月27日，开州区举办二季度招商引资项目“三集中”活动。当天集中签约的重点项目共31个。",
                    date="2024-06-28", place="开州区")
    assert [r["period"] for r in found] == ["2024-06-27"]


def test_a_target_with_no_year_of_its_own_takes_the_goal_year_named_before():
    found = records("力争到2027年全区GDP达到1350亿元。", "其中，火锅食材产业产值力争达到300亿元。", date="2023-05-24",
                    place="合川区")
    assert [(r["period"], r["kind"]) for r in found] == [("2027", "target"), ("2027", "target")]


def test_an_estimate_in_a_paragraph_with_no_time_word_is_made_now_not_in_the_months_reported():
    found = titled("前三季度区县牵头市级重点项目完成投资1888.2亿元", "2023-11-16",
                   "前三季度，区县牵头的市级重点项目累计完成投资1888.2亿元。",
                   "该项目达产后将年产新能源整车超28万辆。", place="重庆市")
    assert [(r["period"], r["kind"]) for r in found] == [("2023-01/2023-09", "actual"), ("2023-11-16", "estimate")]


def test_power_stations_bridges_and_tunnels_are_named_subjects():
    found = records("凤凰梁大桥是开州第一座特大桥，全长3236米；观音山隧道位于汉丰湖畔，全长887米。", date="2024-06-28",
                    place="开州区")
    assert [r["subject"] for r in found] == ["凤凰梁大桥", "观音山隧道"]


def test_a_programmes_quoted_name_an_events_name_and_the_whole_of_a_share_are_not_subjects():
    assert one("合川将打造“两园两基地”，力争到2027年全区GDP达到1350亿元。", date="2023-05-24", place="合川区")["subject"] == "合川区"
    assert one("6月27日，开州区举办二季度招商引资项目“三集中”活动，签约项目共31个。", date="2024-06-28",
               place="开州区")["subject"] == "开州区"
    found = records("百项重点关注项目完成投资1246亿元，占全部市级重点项目完成投资的35%。", date="2023-11-16", place="重庆市")
    assert [r["subject"] for r in found] == ["百项重点关注项目", "百项重点关注项目"]


def test_progress_against_a_plan_and_a_ratio_to_a_whole_are_shares():
    assert relative_measure("投资进度达到", "", "%", "累计完成投资1888.2亿元，同比增长20.8%，投资进度达到") == ("share", 1)
    assert relative_measure("相当于规模以上工业增加值的", "", "%") == ("share", 1)


def test_a_shorter_span_from_january_in_a_half_year_piece_dates_only_its_sentence():
    found = titled("黔江区上半年经济运行总体平稳", "2022-08-12",
                   "上半年全区规模以上工业增加值增长9.8%。1-5月，规模以上工业企业实现利润总额6.0亿元。主要产品中，卷烟产量增长2.7%。",
                   place="黔江区")
    assert [r["period"] for r in found] == ["2022-01/2022-06", "2022-01/2022-05", "2022-01/2022-06"]


def test_jiangda_after_yuji_is_still_an_estimate():
    assert kind_of("预计到2027年，城区建成区面积将达", "", True) == "estimate"
    assert kind_of("估算总投资252.35亿元，计划全年完成投资", "", False) == "target"


def test_this_power_station_points_back_to_the_one_named_before():
    found = records("綦江蟠龙抽水蓄能电站已完成1号机组并网抽水试验。这座西南地区首座抽水蓄能电站设计年发电利用1670小时。",
                    date="2023-11-16", place="重庆市")
    assert [r["subject"] for r in found] == ["綦江蟠龙抽水蓄能电站"]


def test_a_long_project_name_is_a_name_and_a_power_station_is_what_gaixiangmu_points_back_to():
    found = records("长安汽车渝北工厂置换及绿色智能升级建设项目工程量已完成90%。该项目达产后将年产新能源整车超28万辆。",
                    date="2023-11-16", place="重庆市")
    assert [r["subject"] for r in found] == ["长安汽车渝北工厂置换及绿色智能升级建设项目"] * 2
    found = records("綦江蟠龙抽水蓄能电站已下闸蓄水。截至目前，该项目累计完成投资52.7亿元。", date="2023-11-16", place="重庆市")
    assert [r["subject"] for r in found] == ["綦江蟠龙抽水蓄能电站"]


def test_a_sectors_growth_without_chanzhi_is_not_its_output():
    assert best_rule("主要产业中，材料产业增长", "%") is None or best_rule("主要产业中，材料产业增长", "%").key != "materials_output"
    assert best_rule("材料产业产值", "亿元").key == "materials_output"


def test_sets_events_and_installed_kilowatts_are_units_and_the_size_of_each_set_is_not_a_figure():
    assert figures("建设32套年产40万吨磷酸铁锂装置") == [(32, "套")]
    assert figures("共举办投资贸易和文化交流活动127场，其中重大活动21场") == [(127, "场"), (21, "场")]
    assert figures("该项目一期装机5万千瓦，年均发电量可达4.6亿千瓦时") == [(5, "万千瓦"), (4.6, "亿千瓦时")]


def test_a_quarter_in_the_headline_names_the_event_the_piece_opens_on_not_the_figures_period():
    found = titled("巫山举行一季度重点项目集中开工竣工复工活动", "2022-03-01",
                   "人民网重庆3月1日电 2月28日，巫山县举行2022年第一季度重点项目集中开工竣工复工活动。",
                   "本次活动中，集中开工项目24个，总投资33.4亿元。", place="巫山县")
    assert [(r["value"], r["period"]) for r in found] == [(24, "2022-02-28"), (33.4, "2022-02-28")]
    # the agency's dateline (3月28日电) is not the day of the signing that follows it
    found = titled("城口一季度签约17个招商项目", "2023-03-28",
                   "新华网重庆3月28日电 3月27日，城口县举办2023年一季度招商引资重大项目签约活动，现场签下17个项目。",
                   place="城口县")
    assert [(r["value"], r["period"]) for r in found] == [(17, "2023-03-27")]


def test_today_with_the_day_in_brackets_is_the_day_of_the_date_line():
    found = records("今(16)日上午，忠县举行现代农业产业链2022年上半年招商项目集中签约仪式，9个项目当天落户忠县，"
                    "正式合同投资8.47亿元。", date="2022-05-16", place="忠县")
    assert [(r["value"], r["period"]) for r in found] == [(9, "2022-05-16"), (8.47, "2022-05-16")]


def test_the_number_of_items_just_listed_before_their_figures_or_share_is_not_a_figure():
    assert figures("中药材加工、食品及农产品加工两条产业链分别增长14.9%、8.1%") == [(14.9, "%"), (8.1, "%")]
    assert figures("电子、汽车两大支柱产业占规模以上工业的比重始终在40%以上") == [(40, "%")]


def test_preliminary_planning_projects_are_a_list_not_a_plan_and_an_estimate_for_the_year_is_this_years():
    found = records("今年全市的年度建设项目743个，总投资约2.2万亿元，预计全年完成投资3459亿元；前期规划研究项目216个。",
                    "忠县的项目预计年度完成投资32.45亿元。", date="2019-03-12", place="忠县")
    assert [(r["value"], r["kind"], r["period"]) for r in found] == [
        (743, "actual", "2019"), (22000, "actual", "2019"), (3459, "estimate", "2019"), (216, "actual", "2019"),
        (32.45, "estimate", "2019")]


def test_a_sub_headline_repeating_body_figures_is_read_with_the_headline():
    found = titled("重庆工业经济稳中求进", "2012-10-22", "前三季度规模以上工业实现产值9621亿元，同比增长18.5%",
                   "今年1月至9月，重庆市规模以上工业实现产值9621亿元，同比增长18.5%。",
                   "今年以来，规模以上工业增加值增速始终保持在16%以上。", place="重庆市")
    assert [(r["value"], r["period"]) for r in found] == [
        (9621, "2012-01/2012-09"), (18.5, "2012-01/2012-09"), (16, "2012-01/2012-09")]


def test_a_target_with_no_time_word_in_a_piece_on_a_quarter_is_this_years_plan():
    found = titled("长寿一季度地区生产总值增长7%", "2023-04-25", "今年一季度，该区地区生产总值增长7%。",
                   "这是四川佰瑞德矿业在重庆布局的首个新能源材料项目，该项目将投资125亿元。", place="长寿区")
    assert [(r["value"], r["kind"], r["period"]) for r in found] == [
        (7, "actual", "2023-01/2023-03"), (125, "target", "2023")]


def test_the_ends_of_a_range_printed_with_their_units_are_bounds():
    found = records("规模以上工业增加值增速始终保持在16%至16.5%之间。", date="2012-10-22", place="重庆市")
    assert [(r["value"], r["bound"]) for r in found] == [(16, "at_least"), (16.5, "at_most")]


def test_projects_in_talks_or_in_the_pipeline_under_a_quarter_are_counted_at_its_end():
    found = records("一季度，长寿区工业引资160.5亿元，在谈的百亿级项目有3个，在库项目投资额保持在2000亿元以上。",
                    date="2023-04-25", place="长寿区")
    assert [(r["value"], r["period"]) for r in found] == [
        (160.5, "2023-01/2023-03"), (3, "2023-03-31"), (2000, "2023-03-31")]


def test_the_tail_of_a_year_projects_in_talks_and_a_size_class_are_not_names():
    assert subject_of("3月27日，城口县举办2023年一季度招商引资重大项目签约活动，现场签下", "城口县") == "城口县"
    assert subject_of("一季度，长寿区工业引资160.5亿元，在谈的百亿级项目有", "长寿区") == "长寿区"
    assert subject_of("该区在谈百亿级项目", "长寿区") == "长寿区"


def test_a_fair_is_the_subject_of_its_own_counts():
    assert subject_of("第二届中国西部国际投资贸易洽谈会19日在重庆闭幕。本届西洽会共有", "重庆市") == "西洽会"


def test_the_figures_after_a_count_of_a_group_of_projects_are_the_groups_and_the_count_the_places():
    found = records("当天集中签约的重点项目共31个，总投资逾100亿元；另有18家企业集中投产，总投资11.5亿元。",
                    "同时集中开工的重点项目有26个，总投资37.5亿元。", date="2024-06-28", place="开州区")
    assert [(r["value"], r["subject"]) for r in found] == [
        (31, "开州区"), (100, "开州区签约项目"), (18, "开州区"), (11.5, "开州区投产企业"),
        (26, "开州区"), (37.5, "开州区开工项目")]
    # a verb before the count names the group (签下 is 签约), and 这批项目 in a later paragraph points back to it
    found = records("3月27日，城口县举办招商引资重大项目签约活动，现场签下17个项目，签约金额合计80亿元。",
                    "据测算，这批项目全部建成投产后，预计可实现产值27亿元。", date="2023-03-28", place="城口县")
    assert [r["subject"] for r in found] == ["城口县", "城口县签约项目", "城口县签约项目"]
    # a breakdown inside the group stays the group's; a sub-group named by its class is the park's count
    found = records("本次签约的项目共16个，总投资达一百零六亿元。其中，投资10亿元以上的项目有2个。", date="2018-06-29",
                    place="潼南区")
    assert [r["subject"] for r in found] == ["潼南区", "潼南区签约项目", "潼南区签约项目"]
    found = records("今年，万州经开区计划实施“四个一批”项目126个，年度计划投资111.5亿元。其中，开工项目37个，年度计划投资37.4亿元。",
                    date="2025-03-13", place="万州区")
    assert [r["subject"] for r in found] == ["万州经开区"] * 3 + ["万州经开区开工项目"]
    # a count of other projects after a group is the place's again; the verb of an earlier count does not name it
    found = records("今年江津将推动淀粉糖浆、新型塑料等30个项目开工建设，确保铜业一期、铝业等20个项目建成投用。",
                    date="2019-02-21", place="江津区")
    assert [r["subject"] for r in found] == ["江津区", "江津区"]
    found = records("去年以来，万凯PET三期等6个项目建成投产，尼龙66一体化等7个项目加速实施，材料产业产值已突破1200亿元。",
                    date="2024-03-05")
    assert [r["subject"] for r in found] == ["涪陵区"] * 3
    # investment a place drew in stays the place's
    found = records("綦江一次签约20个项目，协议引资191.38亿元。", date="2021-01-06", place="綦江区")
    assert [r["subject"] for r in found] == ["綦江区", "綦江区"]


def test_a_class_or_field_of_projects_heading_a_clause_with_its_investment_owns_that_sentence():
    found = records("1-9月，川渝合作共建的重大项目累计完成投资1866.8亿元，占年度计划投资的73%。"
                    "从面上看，约75%的区县完成投资实现了同比增长。", date="2021-10-11", place="重庆市")
    assert [r["subject"] for r in found] == ["川渝合作共建重大项目", "川渝合作共建重大项目", "重庆市"]
    # a field as the topic of its sentence, and 该领域 after it; a class named with 和 and 、 is one name
    found = records("现代基础设施领域持续发力。该领域今年累计完成投资529.3亿元。",
                    "现代产业和科技创新项目完成投资531.9亿元；文旅、生态、开放和公共服务项目完成投资97.3亿元。",
                    date="2021-10-11", place="重庆市")
    assert [r["subject"] for r in found] == ["现代基础设施领域", "现代产业和科技创新项目", "文旅、生态、开放和公共服务项目"]
    # 其中 carries the class into the next sentence; the whole a share is of is not a class
    found = records("前三季度，由各区县牵头推进的市级重点项目累计完成投资1888.2亿元，占全部市级重点项目完成投资的35%。"
                    "其中，由区县牵头的6个项目已超额完成年度计划投资。", date="2023-11-16", place="重庆市")
    assert [r["subject"] for r in found] == ["区县牵头市级重点项目"] * 3


def test_zhe_pi_xiang_mu_listing_its_fields_still_points_back_to_the_group_also_one_the_headline_names():
    found = records("2016年我区确定实施的24个重点产业项目总体进展顺利。",
                    "这批项目涉及汽车制造、装备制造等九大类，估算总投资252.35亿元。", date="2016-06-16", place="万州区")
    assert [r["subject"] for r in found] == ["万州区", "万州区重点产业项目"]
    found = titled("川渝共建重点项目1—4月完成投资1530.9亿元", "2025-05-15",
                   "1—4月，这批项目完成投资1530.9亿元，年度投资完成率34.7%。", place="重庆市")
    assert [r["subject"] for r in found] == ["川渝共建重点项目"] * 2


def test_roads_their_sections_and_short_bridge_names_are_named_subjects():
    found = records("当天竣工的双龙大桥位于双龙镇，全长1381米。复工的巫山至巫溪高速公路全长约47公里，分巫山至大昌、巫溪至大昌两段。"
                    "其中巫溪至大昌段路线长约32.477公里，总投资约70亿元。", date="2022-03-01", place="巫山县")
    assert [r["subject"] for r in found] == ["双龙大桥", "巫山至巫溪高速公路", "巫溪至大昌段", "巫溪至大昌段"]
    # 这个项目 points back to a road named before
    found = records("梁平至开江高速公路重庆段土建工程即将完工。前三季度，这个项目累计完成投资18亿元。", date="2023-11-16",
                    place="重庆市")
    assert [r["subject"] for r in found] == ["梁平至开江高速公路重庆段"]


@pytest.mark.parametrize("words, unit, key", [
    ("现场签下17个项目，签约金额合计", "亿元", "investment_agreed"),
    ("本届西洽会共有271个国内外项目签约，签约总额", "亿元", "investment_agreed"),
    ("9个项目当天落户忠县，正式合同投资", "亿元", "investment_agreed"),
    ("该项目将投资", "亿元", "project_investment"),
    ("2021年，全区生产总值", "亿元", "gdp"),
    ("美的制冷、美的通用及配套企业累计完成产值", "亿元", "output_value"),
    ("规上工业企业完成产值", "亿元", "industrial_output"),
])
def test_signing_sums_planned_investment_a_districts_gdp_and_a_firms_output_by_their_other_words(words, unit, key):
    assert best_rule(words, unit).key == key


def test_a_share_of_gdp_and_the_sum_of_sectors_are_not_gdp_nor_a_firms_output():
    assert best_rule("第一产业增加值占地区生产总值的", "%") is None or best_rule("第一产业增加值占地区生产总值的", "%").key != "gdp"
    rule = best_rule("智能网联新能源汽车、电子信息等主导产业合计完成产值", "亿元")
    assert rule is None or rule.key != "output_value"


def test_the_end_of_the_year_under_review_dates_every_figure_under_it_and_xian_means_now():
    found = titled("九龙坡区2023年经济社会发展统计公报（摘要）", "2024-03-28",
                   "年末全区常住人口154.02万人，其中城镇人口145.21万人，常住人口城镇化率为94.28%，比上年末提高0.1个百分点。",
                   place="九龙坡区")
    assert [r["period"] for r in found] == ["2023-12-31"] * 4
    # 上年末 is the comparison, not a date of its own; 现辖 / 现有 speak of the present
    assert resolve("比上年末提高", "2024-03-28") != "2023-12-31"
    assert resolve("全区幅员面积103平方公里，现辖五街三镇，常住人口", "2022-03-18") == "2022-03-18"
    assert resolve("全县现有", "2024-08-13") == "2024-08-13"


def test_people_counted_in_wan_without_ren_and_knives_by_the_ba_are_figures():
    assert figures("總人口54萬，其中農業人口36萬。") == [(54, "万人"), (36, "万人")]
    assert figures("通车后将方便周边乡镇约12万群众出行") == [(12, "万人")]
    assert figures("厨用刀具年销量接近2000万把") == [(2000, "万把")]
    assert figures("人口密度较大，万人以上的镇有5个") == [(5, "个")]


def test_a_size_class_aimed_at_and_a_count_of_what_was_just_named_are_not_figures():
    assert figures("并围绕两个项目延链补链，努力打造500亿级新材料产业集群") == []
    assert figures("清洁能源产业集群正向100亿级迈进") == []
    assert figures("形成500亿级先进材料、300亿级食品及农产品加工两个主导产业") == []
    assert figures("围绕老城、新城和九黎城，三个片区今年安排项目37个") == [(37, "个")]
    # a size reached is a figure
    assert figures("目前，涪陵已建成900亿级材料产业集群") == [(900, "亿元")]


def test_a_negative_growth_and_an_amount_down_on_the_year_are_negative():
    found = records("前年，北碚经济出现0.9%的负增长。", date="2024-02-06", place="北碚区")
    assert [(r["value"], r["measure"], r["period"]) for r in found] == [(-0.9, "growth", "2022")]
    found = records("第二产业增加值359.08亿元，比上年减少34.03亿元；第三产业增加值403.81亿元，比上年增加74.34亿元。",
                    date="2024-02-06", place="北碚区")
    assert [(r["value"], r["measure"]) for r in found] == [(359.08, "level"), (-34.03, "change"), (403.81, "level"),
                                                          (74.34, "change")]


def test_an_amount_describing_the_project_named_after_it_is_that_projects():
    found = records("丰都已落地投资200亿元的玻璃纤维项目和投资100亿元的特铝新材料项目。投资103亿元的抽水蓄能项目正在加快建设。",
                    date="2024-08-13", place="丰都县")
    assert [r["subject"] for r in found] == ["玻璃纤维项目", "特铝新材料项目", "抽水蓄能项目"]
    # 这个总投资10亿元的项目: no name after 的, the pointer before it decides
    found = records("在辣椒科技产业基地项目现场，场平已基本完成。这个总投资10亿元的项目将建设生产线。", date="2025-03-13",
                    place="万州区")
    assert [r["subject"] for r in found] == ["辣椒科技产业基地项目"]


def test_words_for_towns_in_general_a_project_team_and_a_railways_line_are_not_subjects():
    found = records("全年城镇新增就业4.20万人。其中城镇人口145.21万人。", date="2024-03-28", place="九龙坡区")
    assert [r["subject"] for r in found] == ["九龙坡区", "九龙坡区"]
    assert one("施工方中冶建工项目团队介绍，施工高峰期现场作业人数达到1185人。", date="2024-12-31",
               place="南川区")["subject"] == "南川区"
    assert one("团队优化工序穿插，高峰期作业人数达1185人。", date="2024-12-31", place="南川区")["subject"] == "南川区"
    found = records("秀山（武陵）现代物流园区是市级重点物流园区，园区内有渝怀铁路沿线年装卸能力300万吨的装卸点。"
                    "园区规划占地6平方公里。", date="2012-06-11", place="秀山县")
    assert [r["subject"] for r in found] == ["秀山（武陵）现代物流园区"] * 2


def test_price_basis_names_no_metric_economic_size_is_gdp_and_zengjiazhi_is_a_noun():
    found = records("2023年，北碚区实现地区生产总值783.58亿元，比上年增加41.57亿元，按可比价格计算增长4.3%。",
                    date="2024-02-06", place="北碚区")
    assert [r["metric"] for r in found] == ["gdp"] * 3
    assert best_rule("2020年，全县经济总量达到", "亿元").key == "gdp"
    found = records("1-5月，全市实现社会消费品零售总额5641.41亿元，名义增长32.1%，扣除价格因素后实际增长31.3%。",
                    date="2021-06-25", place="重庆市")
    assert len({r["metric"] for r in found}) == 1
    rule = best_rule("民营经济实现增加值1120.21亿元，增长7.5%，占全区经济总量的", "%")
    assert rule is None or rule.key != "gdp"
    assert relative_measure("北碚第一、二、三产业增加值分别占全市同类产业增加值的", "", "%") == ("share", 1)


def test_a_plan_announced_at_an_event_this_year_is_this_years_target_but_one_of_a_past_years_event_keeps_its_day():
    found = records("项目建设已开局起势。2月16日，全县一季度集中开工重点项目23个，计划总投资54.3亿元。",
                    date="2023-03-27", place="彭水县")
    assert [(r["value"], r["kind"], r["period"]) for r in found] == [(23, "actual", "2023-02-16"), (54.3, "target", "2023")]
    found = records("2020年3月9日，荣昌春季重点工业项目集中开工，其中一个抗菌肽研发及产业化项目计划投资8亿元。",
                    date="2022-12-30", place="荣昌区")
    assert [(r["value"], r["kind"], r["period"]) for r in found] == [(8, "target", "2020-03-09")]


def test_a_planned_area_is_a_size_today_a_years_arranged_projects_are_a_plan_and_what_a_road_brings_once_open_is_expected():
    assert kind_of("园区规划占地", "", False) == "actual"
    assert kind_of("园区规划占地6平方公里，其中一期3.5平方公里，总投资约", "", False) == "actual"
    assert kind_of("三个片区今年安排项目", "", False) == "target"
    assert kind_of("通车后将方便周边乡镇约", "", False) == "estimate"
    found = records("大桥于2018年11月开工，2021年5月合龙，通车后将方便周边乡镇约12万群众出行。", date="2022-03-01", place="巫山县")
    assert [(r["value"], r["unit"], r["kind"], r["period"]) for r in found] == [(12, "万人", "estimate", "2022-03-01")]


def test_a_piece_about_a_fair_takes_the_fair_as_the_subject_of_figures_that_name_no_other():
    found = titled("第二届西洽会闭幕 271个项目签约近5500亿元", "2019-05-19",
                   "第二届中国西部国际投资贸易洽谈会19日在重庆闭幕。本届西洽会共有271个国内外项目签约，签约总额5497.8亿元。",
                   "来自95个国家（地区）的7800多家企业（机构）、约7万人参展参会。",
                   "展会期间共举办投资贸易和文化交流活动127场。", place="重庆市")
    assert [r["subject"] for r in found] == ["西洽会", "西洽会签约项目", "西洽会", "西洽会", "西洽会", "西洽会"]
    # a piece that only mentions a fair later keeps its place
    found = records("全区规上工业产值增长8%。", "兄弟省区市也借西洽会开展投资促进活动。", "全区新增企业120家。",
                    date="2019-05-19", place="重庆市")
    assert [r["subject"] for r in found] == ["重庆市", "重庆市"]


def test_a_headline_naming_an_industry_or_park_before_its_colon_makes_it_the_subject_of_figures_that_name_no_other():
    found = titled("大足五金：老手艺撑起350亿元年交易额", "2018-07-20",
                   "如今五金产业已聚集市场主体2万余家，年交易额达350亿元。", "全区规上工业产值增长8%。",
                   place="大足区")
    assert [r["subject"] for r in found] == ["大足五金", "大足五金", "大足区"]
    found = titled("西彭铝产业区：合力打造铝加工之都", "2010-05-10", "产业区规划面积65平方公里。", place="九龙坡区")
    assert [r["subject"] for r in found] == ["西彭铝产业区"]
    # a place before the colon is the place, as before
    for title in ("开州：工业从作坊走向集群", "移民大县丰都：从全迁到明珠", "重庆南川：转型突围", "万盛经开区：走出新路"):
        found = titled(title, "2019-09-20", "年交易额达350亿元。", place="开州区")
        assert [r["subject"] for r in found] == ["开州区"], title


def test_a_bare_yuanqu_means_the_places_own_park_rather_than_a_class_of_parks_named_before_it():
    found = records("重庆特色工业园区的统计显示，梁平工业园区已成为全县工业的主战场。", "截至去年底，园区入驻企业61户，吸纳就业5749人。",
                    date="2012-04-20", place="梁平县")
    assert [r["subject"] for r in found] == ["梁平工业园区", "梁平工业园区"]
    # the first park named stays what 园区 means when no park of the place's own follows
    found = records("秀山（武陵）现代物流园区是首批市级重点物流园区之一。", "园区规划占地6平方公里。", date="2012-06-11", place="秀山县")
    assert [r["subject"] for r in found] == ["秀山（武陵）现代物流园区"]


def test_a_name_keeps_chongqing_unless_a_place_follows_and_keeps_the_phase_printed_after_it():
    found = records("重庆工业职业技术学院南川校区项目（一期）6号建筑主体结构顺利封顶。该项目一期占地790多亩。", date="2024-12-31",
                    place="南川区")
    assert [r["subject"] for r in found] == ["重庆工业职业技术学院南川校区项目（一期）"]
    assert one("行走在重庆市荣昌高新区，规划面积5平方公里。", date="2022-12-30", place="荣昌区")["subject"] == "荣昌高新区"


def test_how_far_a_plan_is_carried_out_is_one_metric_whatever_its_wording_and_a_quarters_plan_another():
    found = records("1-9月，川渝合作共建的重大项目累计完成投资1866.8亿元，占年度计划投资的73%。"
                    "该领域投资进度达71.5%，较上期提升14.7个百分点，投资完成率高达94.5%。", date="2021-10-11", place="重庆市")
    progress = {r["metric"] for r in found if r["unit"] != "亿元"}
    assert len(progress) == 1 and next(iter(progress)) not in ("project_investment", "investment")
    found = records("一季度，全区市级重大项目完成投资12.09亿元，占年度投资计划的24.92%，一季度投资计划完成率达156.09%。",
                    date="2022-04-13", place="万州区")
    assert found[1]["metric"] != found[2]["metric"]


def test_a_periods_planned_investment_is_drafted_as_investment_done_is_and_a_trades_sales_are_not_a_firms():
    found = records("一季度，全区市级重大项目完成投资12.09亿元。今年万州共有市级重大项目27个，项目总投资435.07亿元，"
                    "年度计划投资48.5亿元，其中一季度计划投资7.74亿元。", date="2022-04-13", place="万州区")
    invested = [r["metric"] for r in found if r["value"] in (12.09, 48.5, 7.74)]
    assert len(set(invested)) == 1 and invested[0] != "project_investment"
    assert best_rule("该项目计划投资", "亿元").key == "project_investment"
    rule = best_rule("批发业销售额增长", "%")
    assert rule is None or rule.key != "enterprise_revenue"


def test_a_growth_shared_by_a_list_of_sectors_is_not_their_output():
    found = records("材料产业、电子产业增速分别为16.9%、13.2%。", date="2019-10-22", place="重庆市")
    assert "materials_output" not in [r["metric"] for r in found]
    assert records("材料产业产值增长10%。", date="2019-10-22", place="重庆市")[0]["metric"] == "materials_output"


def test_an_amount_invested_in_the_project_named_after_it_is_its_project_investment():
    found = records("丰都已落地投资200亿元的玻璃纤维项目。", date="2024-08-13", place="丰都县")
    assert [r["metric"] for r in found] == ["project_investment"]


def test_the_year_of_an_event_dates_its_sentence_only_and_a_year_naming_the_days_event_keeps_the_day():
    found = records("观音桥商业街2005年正式建成投用。商圈规划面积5.08平方公里，核心区域0.65平方公里。", date="2006-08-23",
                    place="江北区")
    assert [r["period"] for r in found] == ["2006-08-23", "2006-08-23"]
    found = records("4月3日，北碚区举行2020年首批首轮重点项目集中签约开工仪式，34个项目集中签约、开工，总投资167.2亿元。",
                    date="2020-04-04", place="北碚区")
    assert [r["period"] for r in found] == ["2020-04-03", "2020-04-03"]


def test_a_span_of_months_and_a_threshold_of_any_unit_are_not_figures():
    assert figures("今年前6个月，观音桥商圈实现社会消费品零售总额26.46亿元") == [(26.46, "亿元")]
    assert figures("另有经营面积5000平方米以上的大型商业网点26家") == [(26, "家")]
    assert figures("增速保持在17%以上的增长") == [(17, "%")]


def test_a_holiday_recalled_months_later_is_that_years():
    found = records("今年前6个月，商圈实现社会消费品零售总额26.46亿元。“五一”黄金周期间，商圈销售额达1.45亿元，增幅48%。",
                    date="2006-08-23", place="江北区")
    assert [r["period"] for r in found] == ["2006-01/2006-06", "2006-05-01/2006-05-07", "2006-05-01/2006-05-07"]


def test_projects_counted_in_xiang_a_breakdown_clause_a_quoted_name_and_a_shopping_district():
    found = records("本次集中签约的项目共9个，协议投资总额68.2亿元，其中10亿元以上的项目有3个。"
                    "“静观田园”综合体项目协议投资30亿元，用地约3000亩。", date="2020-04-04", place="北碚区")
    assert [r["subject"] for r in found] == ["北碚区", "北碚区签约项目", "北碚区签约项目", "静观田园综合体项目", "静观田园综合体项目"]
    assert [found[1]["metric"], found[3]["metric"]] == ["investment_agreed", "investment_agreed"]
    found = records("同时集中开工的项目有25项，计划总投资99亿元，年度计划投资34亿元。", date="2020-04-04", place="北碚区")
    assert [r["subject"] for r in found] == ["北碚区", "北碚区开工项目", "北碚区开工项目"]
    found = records("今年前6个月，观音桥商圈实现社会消费品零售总额26.46亿元。黄金周期间，商圈销售额达1.45亿元。",
                    date="2006-08-23", place="江北区")
    assert [r["subject"] for r in found] == ["观音桥商圈", "观音桥商圈"]
    # a programme's quoted name stays no name
    assert one("合川将打造“两园两基地”，力争到2027年全区GDP达到1350亿元。", date="2023-05-24", place="合川区")["subject"] == "合川区"


def test_dollars_stay_dollars_in_yi_and_wan_dollars_are_converted_to_them():
    assert figures("实际利用外资1.2亿美元，出口500万美元") == [(1.2, "亿美元"), (0.05, "亿美元")]


def test_five_years_up_to_a_goal_year_are_a_goal_and_an_increase_over_a_year_end_spans_the_years_since():
    found = records("到2026年，全县规上工业产值达到100亿元，五年间累计完成投资500亿元。", date="2023-10-30", place="石柱县")
    assert [(r["period"], r["kind"]) for r in found] == [("2026", "target"), ("2022-01/2026-12", "target")]
    found = records("截至2023年底，全区有高新技术企业500家，比2018年底增加200家。", date="2024-01-22", place="渝北区")
    assert [(r["period"], r["measure"]) for r in found] == [("2023-12-31", "level"), ("2019-01/2023-12", "change")]
    # with no goal year, 过去五年 are the five years up to the year reviewed
    assert one("过去五年，全市累计完成投资1万亿元。", date="2023-02-20", place="重庆市")["period"] == "2018-01/2022-12"


def test_new_build_projects_are_a_class_counted_like_continuing_ones():
    # a programme broken down by named classes: each class is the subject of its own count
    found = records("今年计划实施重点项目三十二个，其中续建项目93个、新建项目101个。", date="2025-04-16", place="铜梁区")
    assert [(r["value"], r["subject"], r["measure"]) for r in found] == [
        (32, "铜梁区", "level"), (93, "铜梁区续建项目", "level"), (101, "铜梁区新建项目", "level")]
    # nor does it make the plan's sum after it a change
    found = records("今年计划实施重点项目60个，其中续建项目25个、新建项目35个，年度计划投资88亿元。", date="2025-03-20",
                    place="大足区")
    assert [(r["value"], r["kind"], r["measure"]) for r in found] == [
        (60, "target", "level"), (25, "target", "level"), (35, "target", "level"), (88, "target", "level")]


def test_a_level_a_rate_rose_from_is_of_the_year_before():
    found = records("五大产业在规上工业中的比重从上一年的68.7%升至71.5%。", date="2021-03-24", place="万州区")
    assert [(r["value"], r["period"]) for r in found] == [(68.7, "2019"), (71.5, "2020")]  # a March piece reviews 2020
    found = records("一季度，园区占全区的比重由去年同期的63%提高到78%。", date="2011-04-20", place="梁平区")
    assert [(r["value"], r["period"]) for r in found] == [(63, "2010-01/2010-03"), (78, "2011-01/2011-03")]


def test_an_estimate_of_the_years_result_is_of_the_year_reviewed():
    # 预计完成 in a review printed in February: the year before's result, not a figure made at publication
    found = records("规上工业总产值预计完成330亿元，同比增长5%。", date="2021-02-24", place="万州区")
    assert [(r["period"], r["kind"]) for r in found] == [("2020", "estimate")] * 2
    # what a plant will do once built is still made at publication
    assert one("2019年9月开工的西部电子电路产业园，建成后预计产值150亿元。", date="2022-12-30",
               place="荣昌区")["period"] == "2022-12-30"


def test_how_far_a_target_was_met_is_an_actual_and_a_plant_to_be_built_an_estimate():
    found = records("1-9月，全区招商引资目标完成率达到137.55%。", date="2025-10-23", place="綦江区")
    assert [(r["kind"], r["period"]) for r in found] == [("actual", "2025-01/2025-09")]
    found = records("项目将建成一座年产30万件的智能工厂。", date="2025-02-06", place="沙坪坝区")
    assert [(r["kind"], r["period"]) for r in found] == [("estimate", "2025-02-06")]


def test_counts_added_by_a_new_verb_are_changes():
    found = records("全年新培育规上工业企业20户，新开通公交线路2条。", date="2021-03-24", place="万州区")
    assert [(r["value"], r["measure"]) for r in found] == [(20, "change"), (2, "change")]


def test_the_end_of_a_named_year_printed_as_nianmo_is_that_day():
    found = records("截至2020年末，全县各类市场主体8.12万户，比上年增长9.6%；其中个体工商户6.44万户。",
                    date="2021-03-29", place="云阳县")
    assert [(r["value"], r["period"]) for r in found] == [
        (8.12, "2020-12-31"), (9.6, "2020-12-31"), (6.44, "2020-12-31")]


def test_a_count_in_ten_thousands_to_a_day_is_the_count_on_that_day():
    found = records("截至3月底，全区实有市场主体12.3万户，同比增长2.1%。", date="2023-04-20", place="长寿区")
    assert [(r["value"], r["unit"], r["period"]) for r in found] == [(12.3, "万户", "2023-03-31"), (2.1, "%", "2023-03-31")]


def test_a_term_of_five_years_and_its_average_growth():
    # 五年来 / 五年累计 in a January work report: the five years up to the year reviewed; 年均增长 after an
    # estimate of the last year is still the average over those years
    found = records("五年来，全区经济实力明显增强，预计2021年实现地区生产总值812亿元，年均增长7.1%。"
                    "五年累计完成工业投资296.4亿元。", date="2022-01-12", place="江津区")
    assert [(r["value"], r["period"]) for r in found] == [
        (812, "2021"), (7.1, "2017-01/2021-12"), (296.4, "2017-01/2021-12")]
    assert one("本届政府任期的五年，全区新增市场主体6.2万户。", date="2022-01-12", place="江津区")["period"] == \
        "2017-01/2021-12"


def test_a_piece_of_february_opening_on_the_present_below_its_page_lines_speaks_of_now():
    blocks = ["忠州新闻网　|　忠县广播电视台主办", "首页　>　忠州新闻　>　县情", "忠县：千年忠义城 三峡库区特色城。",
              "2024-02-21 15:32　来源：忠县融媒体中心", "【视频】",
              "如今走进忠县，滨江一线处处是新景。", "全县已探明岩盐储量23.79亿吨。"]
    found = [p.record for p in propose(article("a", "2024-02-21", *blocks, place="忠县"))]
    assert [r["period"] for r in found] == ["2024-02-21"]


def test_levels_of_a_term_of_years_are_of_its_end_and_the_levels_they_rose_from_of_the_year_before():
    found = records("这五年，地区生产总值由2016年的600.5亿元提高到2021年的980.3亿元，年均增长9.1%。"
                    "社会消费品零售总额由280.1亿元增加到460.2亿元。一般公共预算收入达到40.5亿元。"
                    "规上工业总产值从650亿元跃升至1320.5亿元。累计引进亿元以上项目210个，总投资超800亿元。",
                    date="2022-01-10", place="永川区")
    assert [(r["value"], r["period"], r["kind"]) for r in found] == [
        (600.5, "2016", "actual"), (980.3, "2021", "actual"), (9.1, "2017-01/2021-12", "actual"),
        (280.1, "2016", "actual"), (460.2, "2021", "actual"), (40.5, "2021", "actual"),
        (650, "2016", "actual"), (1320.5, "2021", "actual"), (210, "2017-01/2021-12", "actual"),
        (800, "2017-01/2021-12", "actual")]


def test_the_year_in_the_name_of_the_days_signing_leaves_the_figures_that_days():
    found = records("永川区4日举行2023年第一次招商引资项目集中签约仪式，29个项目当天签约。", date="2023-04-04", place="永川区")
    assert [r["period"] for r in found] == ["2023-04-04"]
    found = records("今（8）日，璧山区举行2021年首期重大招商引资项目集中签约活动，26个项目现场签约。", date="2021-01-08",
                    place="璧山区")
    assert [r["period"] for r in found] == ["2021-01-08"]
    found = records("6月14日上午，奉节县2022年二季度重点项目集中开工活动在康乐镇举行。此次集中开工的项目共40个。",
                    date="2022-06-16", place="奉节县")
    assert [r["period"] for r in found] == ["2022-06-14"]
    # a bare day opening the agency's copy, and the district named after 重庆市
    found = records("人民网重庆5月14日电 14日，重庆市梁平区举办2021年二季度招商引资项目集中签约活动。活动共签约项目30个。",
                    date="2021-05-14", place="梁平区")
    assert [(r["period"], r["subject"]) for r in found] == [("2021-05-14", "梁平区")]
    # a day of a past year, dating its own sentence
    found = records("去年12月29日，永川举行2022年第三次招商引资项目签约仪式，签约项目36个。", date="2023-04-04",
                    place="永川区")
    assert [r["period"] for r in found] == ["2022-12-29"]


def test_a_holiday_in_the_headline_or_first_paragraph_past_the_page_lines_frames_the_piece():
    blocks = ["永川日报　2019年10月9日　星期三", "第2版：综合　　上一版　下一版",
              "刚刚过去的国庆长假，全区共接待游客98.2万人次。", "七天里，茶山竹海景区迎来游客5.1万人次。"]
    found = [p.record for p in propose(article("a", "2019-10-09", *blocks, place="永川区"))]
    assert [(r["value"], r["period"]) for r in found] == [
        (98.2, "2019-10-01/2019-10-07"), (5.1, "2019-10-01/2019-10-07")]
    assert time_marks("国庆七天98.2万人次游永川", dt.date(2019, 10, 9))[0].kind == "days"


def test_a_month_alone_framing_its_clause_is_that_month():
    found = records("6月，合作区集中开工13个项目，总投资达86亿元。8月，又签约12个项目。", date="2020-12-10", place="铜梁区")
    assert [r["period"] for r in found] == ["2020-06/2020-06", "2020-06/2020-06", "2020-08/2020-08"]
    assert one("11月，全区工业投资增长8%。", date="2021-03-10", place="铜梁区")["period"] == "2020-11/2020-11"


def test_a_piece_of_february_whose_title_names_its_year_is_about_that_year():
    piece = article("a", "2026-02-03", "今年，全区续建项目91个，总投资816.02亿元。", place="铜梁区")
    piece = Article(**{**piece.__dict__, "title": "铜梁2026年重点项目清单来了"})
    assert [p.record["period"] for p in propose(piece)] == ["2026", "2026"]


def test_a_slashed_fraction_after_share_words_and_past_the_half_are_shares():
    found = records("全区商品销售总额占全市近1/5，商圈项目施工进度过半。", date="2024-09-05", place="江北区")
    assert [(r["value"], r["unit"], r["bound"]) for r in found] == [(20, "%", "about"), (50, "%", "at_least")]
    assert figures("2023/10/17") == []


def test_kinds_of_products_and_pieces_are_units_and_a_plans_bottom_lines_are_no_count():
    assert figures("在378种主要产品中，有246种产品产量增长，液晶显示屏7451.17万片") == [
        (378, "种"), (246, "种"), (7451.17, "万片")]
    assert figures("守住安全、质量和效率三条底线，走链水、织绿、筑景三大路径") == []
    assert figures("02  项目推进　步步为营") == []  # a section number
    assert figures("围绕“工业强区、旅游大区、城市靓区”三大定位") == []


def test_a_work_report_titled_with_its_year_reviews_the_year_before():
    piece = article("a", "2010-02-03", "现在，我代表县人民政府向大会报告工作。", "全县地区生产总值达到85.6亿元，增长15.1%。",
                    place="奉节县")
    piece = Article(**{**piece.__dict__, "title": "2010年奉节县人民政府工作报告（摘要）"})
    assert [p.record["period"] for p in propose(piece)] == ["2009", "2009"]


def test_a_quarter_naming_a_signing_campaign_is_no_period():
    found = records("梁平区二季度招商引资项目集中签约活动举行，签约项目30个。", date="2021-05-14", place="梁平区")
    assert [r["period"] for r in found] == ["2021-05-14"]


def test_average_growth_since_a_year_spans_the_whole_years_since():
    assert one("2021年以来，全区商品销售总额年均增长14.2%。", date="2024-09-05", place="江北区")["period"] == \
        "2021-01/2023-12"
    assert one("2021年以来，限额以上网络零售额年均增长超过31%。", date="2024-09-05", place="江北区")["period"] == \
        "2021-01/2023-12"


def test_a_capacity_after_a_companys_name_names_its_project_and_a_plans_directions_are_no_count():
    assert figures("中铝80万吨氧化铝项目和博赛集团60万吨氧化铝项目相继落户") == []
    assert figures("主攻储能、电子元器件、新材料和生物医药四个支柱方向") == []
    assert figures("全年产量达到80万吨") == [(80, "万吨")]


def test_a_temperature_and_counts_of_indicators():
    assert figures("夏季平均气温19.9℃") == [(19.9, "℃")]
    assert figures("选取32个指标进行评价") == []


def test_a_plan_with_no_year_of_its_own_is_this_years():
    # also in a piece of January–March, where figures with no time word review the year before
    assert one("该项目计划投资30亿元。", date="2025-03-20", place="铜梁区")["period"] == "2025"
    assert one("该项目计划投资30亿元。", date="2025-06-20", place="铜梁区")["period"] == "2025"
    assert one("该项目总投资30亿元。", date="2025-03-20", place="铜梁区")["period"] == "2024"


def test_a_month_framing_its_clause_is_that_month_and_a_month_of_an_event_is_not():
    found = records("2023年5月，铜梁区集中签约项目15个，协议引资45亿元。", date="2023-06-02", place="铜梁区")
    assert [r["period"] for r in found] == ["2023-05/2023-05"] * 2
    assert one("2019年9月开工的西部电子电路产业园总投资150亿元。", date="2022-12-30", place="荣昌区")["period"] == "2019"


def test_a_time_word_heading_a_group_is_not_part_of_its_name_and_completion_of_the_years_plan_is_progress():
    found = records("一季度全区重点项目完成投资56.3亿元，完成年度计划的28.5%。", date="2025-04-16", place="铜梁区")
    assert [r["subject"] for r in found] == ["铜梁区重点项目"] * 2
    other = records("项目投资进度达到81.8%。", date="2025-04-16", place="铜梁区")[0]
    assert found[1]["metric"] == other["metric"]


def test_a_quarter_naming_a_campaign_is_no_period_and_a_bare_day_after_the_dateline_is_the_signings():
    found = titled("重庆一季度集中签约重大招商项目70个", "2023-04-06",
                   "新华社重庆4月6日电 重庆市2023年招商引资一季度集中签约活动6日在九龙坡区举行。本次集中签约重大招商项目70个，"
                   "正式合同投资额2086.7亿元。", place="重庆市")
    assert [(r["period"], r["subject"]) for r in found] == [("2023-04-06", "重庆市"), ("2023-04-06", "重庆市签约项目")]
    # a quarter that frames the figures stays a period
    assert one("一季度，全市集中签约项目70个。", date="2023-04-06", place="重庆市")["period"] == "2023-01/2023-03"


def test_the_breakdown_of_a_group_in_later_items_stays_the_groups_and_a_clause_heading_word_is_no_company():
    found = records("本次集中签约重大招商项目70个，正式合同投资额2086.7亿元。",
                    "据介绍，这批项目中，10亿元以上的项目有55个，占比78.6%；其中，100亿元级项目5个、50亿元级项目10个。"
                    "项目以工业为主，工业项目达到49个。", date="2023-04-06", place="重庆市")
    assert [r["subject"] for r in found] == ["重庆市", "重庆市签约项目"] + ["重庆市签约项目"] * 5


def test_an_item_opening_with_a_time_word_and_a_verb_goes_on_with_the_subject_of_the_item_before():
    found = records("1-9月，川渝合作共建的重大项目累计完成投资1866.8亿元；今年以来完成投资741.4亿元，占年度计划投资的73%。",
                    date="2021-10-11", place="重庆市")
    assert [r["subject"] for r in found] == ["川渝合作共建重大项目"] * 3
    # an item with a subject of its own does not
    found = records("全区规上工业产值增长8%；今年以来，全市完成投资100亿元。", date="2021-10-11", place="綦江区")
    assert [r["subject"] for r in found] == ["綦江区", "重庆市"]


def test_a_zone_reported_on_is_its_own_bare_zone_word():
    # a piece on 重庆经开区 calls it 经开区 in the body: the zone, not 重庆经开 + 经开区
    (growth,) = records("今年1~9月，经开区地区生产总值同比增长12.9%。", date="2021-10-21", place="重庆经开区")
    assert growth["subject"] == "重庆经开区"
    (growth,) = records("今年1~9月，经开区地区生产总值同比增长12.9%。", date="2021-10-21", place="长寿区")
    assert growth["subject"] == "长寿经开区"


def test_a_clause_read_back_as_a_name_is_no_name():
    # a verb, a time word or 由 inside what reads back from 项目 / 基地 / 产业园 is a clause, not a name
    texts = {
        "大渡口区推动老工业基地调整改造。前三季度，规模以上工业增加值增长17.9%。": "大渡口区",
        "招商方面，今年确保招引项目120个。": "大渡口区",
        "“西部美谷”由广州开发区和铜梁区共同打造，规划用地8,000亩。": "大渡口区",
        "计划在双溪机械厂布局酱香酒产业园，当地拟投资12亿元。": "大渡口区",  # 当地: the place again
        "其中，面积翻番主要靠项目带动，商圈面积将由目前的1.5平方公里扩大。": "大渡口区",
    }
    for text, subject in texts.items():
        assert {r["subject"] for r in records(text, date="2022-10-28", place="大渡口区")} == {subject}, text


def test_a_name_starts_after_a_count_in_any_measure_word_and_a_kind_before_lei_is_no_company():
    found = records("奉节与一家公司签下1000万只肉兔全产业链项目投资协议，该项目总投资5亿元。", date="2023-06-10", place="奉节县")
    assert {r["value"]: r["subject"] for r in found}[5] == "肉兔全产业链项目"
    # 现代工业类项目: a class of projects (an item of 这批项目中, the group's), not a company 现代工业
    found = records("这批项目中，现代工业类项目20个。", date="2021-01-08", place="璧山区")
    assert [r["subject"] for r in found] == ["璧山区"]


def test_a_place_or_firm_before_a_verb_of_building_is_not_part_of_the_name_built():
    found = records("四川绿然科技集团表示，将投资150亿元在荣昌建设电子电路产业园，该产业园建成后预计年产值可达100亿元。",
                    date="2019-07-04", place="荣昌区")
    assert {r["value"]: r["subject"] for r in found}[100] == "电子电路产业园"
    found = records("该镇计划在双溪机械厂布局酱香酒产业园，园区建成后年产量可达1万吨。", date="2022-08-24", place="綦江区赶水镇")
    assert [r["subject"] for r in found] == ["酱香酒产业园"]


def test_a_day_with_its_morning_and_a_year_and_quarter_naming_its_event_date_the_days_figures():
    # 16日上午 (the publication's month), the long name of the day's event with 2022年第四季度 in it
    found = records("16日上午，万州区2022年第四季度重大项目集中开工暨万州燃气发电项目开工活动在万州经开区高峰园举行。"
                    "万州燃气发电等30个项目同时开工。这批重大项目总投资80亿元。", date="2022-12-16", place="万州区")
    assert [(r["value"], r["period"]) for r in found] == [(30, "2022-12-16"), (80, "2022-12-16")]
    # the venue (在…举行) is not whom the figures are about, nor is 这批重大项目 a project named 批重大项目
    assert [r["subject"] for r in found] == ["万州区", "万州区"]


def test_next_years_half_is_of_next_year_and_the_time_a_plant_is_planned_to_open_dates_only_its_clause():
    (target,) = records("明年上半年，全区将完成工业投资10亿元。", date="2010-06-19", place="南川区")
    assert (target["period"], target["kind"]) == ("2011-01/2011-06", "target")
    found = records("一期建成后可年产金属镁2万吨，计划明年上半年投产；二期建成后，将再形成年产金属镁3万吨的能力。",
                    date="2010-06-19", place="南川区")
    assert [(r["value"], r["period"], r["kind"]) for r in found] == [(2, "2010-06-19", "estimate"),
                                                                      (3, "2010-06-19", "estimate")]


def test_yesterday_of_an_event_dates_its_sentence_and_yesterday_of_a_briefing_nothing():
    found = records("昨天开工的这个项目，规划总用地面积1200亩，总投资50亿元。", date="2010-06-19", place="南川区")
    assert [r["period"] for r in found] == ["2010-06-18", "2010-06-18"]
    (flow,) = records("昨日，记者从区经济信息委了解到，今年1—7月，全区完成工业投资112.8亿元。", date="2021-08-19", place="大足区")
    assert flow["period"] == "2021-01/2021-07"


def test_an_expected_growth_of_a_plan_is_a_target_and_an_estimating_lead_in_governs_its_sentence():
    found = records("今年全区经济社会发展的主要预期目标定为：地区生产总值增长5.5%左右，固定资产投资增长6%左右。",
                    date="2022-01-20", place="沙坪坝区")
    assert [(r["kind"], r["period"]) for r in found] == [("target", "2022"), ("target", "2022")]
    (target,) = records("沙坪坝今年地区生产总值预期增长5.5%左右。", date="2022-01-20", place="沙坪坝区")
    assert target["kind"] == "target"
    found = records("据区里预计，上半年涪陵地区生产总值同比增长20%以上，地方财政收入31亿元。", date="2011-07-13")
    assert [r["kind"] for r in found] == ["estimate", "estimate"]
    found = records("初步预计，2017年全区地区生产总值可实现1135亿元，增长8.3%。", date="2018-01-20", place="九龙坡区")
    assert [(r["kind"], r["period"]) for r in found] == [("estimate", "2017"), ("estimate", "2017")]


def test_points_an_industry_pulls_growth_by_are_growth():
    found = records("三次产业分别拉动经济增长0.6、2.3、3.3个百分点。", date="2019-04-02", place="武隆区")
    assert [(r["value"], r["unit"], r["measure"]) for r in found] == [
        (0.6, "个百分点", "growth"), (2.3, "个百分点", "growth"), (3.3, "个百分点", "growth")]


def test_a_conference_opening_that_day_dates_the_piece_and_a_congress_session_does_not():
    found = records("3月5日，由綦江区委、区政府主办的第二届綦商大会在綦江开幕。来自各地的綦商代表等200余位嘉宾齐聚綦江。",
                    "大会当天现场签约项目23个，签约金额156亿元。", date="2026-03-05", place="綦江区")
    assert [(r["value"], r["unit"], r["period"]) for r in found] == [
        (200, "位", "2026-03-05"), (23, "个", "2026-03-05"), (156, "亿元", "2026-03-05")]
    (level,) = records("1月10日，巴南区第十九届人民代表大会第一次会议开幕，区政府向大会报告过去五年的工作。",
                       "一般公共预算收入增至51.3亿元。", date="2022-01-10", place="巴南区")
    assert level["period"] == "2021"
    assert records("增速位居全市第3位，排名前3位，三位院士到场。", date="2026-03-05", place="綦江区") == []


def test_a_firm_to_invest_with_the_district_is_a_plan_of_the_year():
    (plan,) = records("10月28日，永川区投资推介会在北京举行。中交一公局集团有限公司将与永川区政府联合投资约7.5亿元，建设会展中心。",
                      date="2019-10-29", place="永川区")
    assert (plan["kind"], plan["period"], plan["bound"]) == ("target", "2019", "about")


def test_a_marked_section_head_in_the_body_repeating_a_figure_is_not_counted_again():
    found = records("昨天，该项目正式开工。", "■ 总投资50亿元 分两期建设", "这个项目规划总用地面积1200亩，总投资50亿元，分两期建设。",
                    date="2010-06-19", place="南川区")
    assert [r["value"] for r in found] == [1200, 50] and not any("■" in r["source"]["quote"] for r in found)


def test_a_park_named_inside_the_brackets_of_what_a_figure_includes_is_no_subject():
    (growth,) = records("一般公共预算收入（含两江金库水复片区）年均增长4.1%。", date="2021-03-16", place="北碚区")
    assert growth["subject"] == "北碚区"


def test_who_heads_a_sentences_first_item_owns_the_items_after_it_that_name_no_one():
    found = records("在刚过去的2011年，涪陵龙桥工业园区工业产值首次突破200亿元。",
                    "截至2011年12月底，园区完成工业总产值201.2亿元，同比增长54.6%；固定资产投资完成27.7亿元，增长45.9%；"
                    "招商引资到位资金16.4亿元。", date="2012-01-12", place="涪陵区")
    assert [r["subject"] for r in found] == ["涪陵龙桥工业园区"] * 6
    # an item naming its own subject keeps it, and a first item headed by no one before its verb hands on nothing
    found = records("园区完成工业总产值201.2亿元；全区规上工业产值增长8%。", "今年新增企业12家；固定资产投资增长5%。",
                    date="2012-01-12", place="涪陵区")
    assert [r["subject"] for r in found] == ["涪陵区", "涪陵区", "涪陵区", "涪陵区"]


def test_a_project_named_after_a_clause_opening_with_shi_owns_what_its_pointer_introduces():
    # 5个项目中体量最大的，是…的X项目: 是 opening the clause names the project (这条管道是…的…管道 describes one)
    found = records("5个项目中体量最大的，是博广环保技术股份有限公司的碳酸钙循环经济产业化项目。该项目总投资50亿元，占地1000亩。",
                    date="2017-12-09", place="忠县")
    assert [(r["value"], r["subject"]) for r in found if r["unit"] != "个"] == [
        (50, "碳酸钙循环经济产业化项目"), (1000, "碳酸钙循环经济产业化项目")]


def test_projects_signed_with_a_word_between_count_and_verb_make_a_group_that_a_later_item_points_back_to():
    found = records("当天共有5个项目落笔签约，协议引资额合计77亿元；据测算，这批项目全部达产后，每年可实现产值148亿元。",
                    date="2017-12-09", place="忠县")
    assert [(r["value"], r["subject"]) for r in found] == [(5, "忠县"), (77, "忠县"), (148, "忠县签约项目")]
    # a run of verbs (集中签约、开工) names no one group
    found = records("34个项目集中签约、开工，总投资167.2亿元。", date="2020-04-04", place="北碚区")
    assert [r["subject"] for r in found] == ["北碚区", "北碚区"]


def test_a_bare_industrial_park_word_is_the_park_named_earlier_in_the_paragraph():
    # (after a count of the projects signed there, whose group would otherwise own it)
    found = records("今年4月27日，中国西部（重庆）塑料生态产业园在梁平授牌，当天16个重点项目集中签约。产业园规划面积14平方公里。",
                    date="2015-07-20", place="云阳县")
    assert [(r["value"], r["subject"]) for r in found] == [(16, "中国西部（重庆）塑料生态产业园"),
                                                           (14, "中国西部（重庆）塑料生态产业园")]


def test_the_kind_of_firm_printed_before_a_company_is_no_part_of_its_name():
    found = records("活动中最受关注的，是速冻食品企业长沙虎家食品科技有限公司。该公司将投资10亿元。",
                    date="2025-10-20", place="荣昌区")
    assert [r["subject"] for r in found] == ["长沙虎家食品科技"]


def test_an_agencys_dateline_with_xiaoxi_is_not_the_day_of_the_event_it_reports():
    found = records("央广网重庆10月12日消息（记者 齐嘉禾）10月11日，江津区举行工业项目集中竣工投产活动。",
                    "这次竣工投产的工业项目总投资131.2亿元。", date="2017-10-12", place="江津区")
    assert [(r["value"], r["period"]) for r in found] == [(131.2, "2017-10-11")]


def test_a_year_in_the_name_of_the_days_event_dates_nothing():
    found = records("10月11日，江津区2017年工业项目集中竣工投产活动举行，54个较大工业项目当天一同竣工投产。",
                    date="2017-10-12", place="江津区")
    assert [(r["value"], r["period"]) for r in found] == [(54, "2017-10-11")]
    # a year heading its clause still dates it
    assert records("2017年，江津区工业项目集中竣工投产54个。", date="2018-01-12", place="江津区")[0]["period"] == "2017"


def test_a_holiday_of_a_named_year_is_that_years_days_off():
    pub = dt.date(2019, 2, 12)
    periods = lambda text, when=pub: [period_of(m, when, False) for m in time_marks(text, when)]  # noqa: E731
    assert periods("2015年春节7天假期，全县接待游客") == ["2015-02-18/2015-02-24"]
    assert periods("去年国庆节期间，全区累计接待游客") == ["2018-10-01/2018-10-07"]
    assert periods("是今年春节最吸引人的看点") == ["2019-02-04/2019-02-10"]
    assert periods("龙年春节，铜梁迎客", dt.date(2024, 2, 18)) == ["2024-02-10/2024-02-17"]
    assert periods("再往前看两年：2021年“五一”小长假，全区共接待游客", dt.date(2023, 10, 16)) == ["2021-05-01/2021-05-05"]
    # two holidays run together, with the pair in quotes
    assert periods("中秋国庆“双节”长假已经结束", dt.date(2023, 10, 16)) == ["2023-09-29/2023-10-06"]


def test_figures_under_a_headline_holiday_with_no_time_word_are_the_holidays():
    found = records("龙年春节，铜梁迎客177.9万人次", "分景区看，安居古城接待12.31万人次。", date="2024-02-18", place="铜梁区")
    assert [(r["value"], r["period"]) for r in found][-1] == (12.31, "2024-02-10/2024-02-17")


def test_last_years_months_are_a_span_of_last_year():
    found = records("从全县看，去年1-11月城口迎来游客530.92万人次，旅游综合收入达到11.2亿元。", date="2024-02-01", place="城口县")
    assert [r["period"] for r in found] == ["2023-01/2023-11"] * 2
    # compared with them, the figure is of this year's months
    assert one("1—11月，全县旅游收入比去年1—11月增长12%。", date="2024-12-20", place="城口县")["period"] == "2024-01/2024-11"


def test_a_data_line_of_figures_and_arrows_above_its_paragraph_is_not_counted_again():
    found = records("转眼间，中秋国庆“双节”长假已经结束。", "66.64万人次　↑18.32%",
                    "“双节”期间，全区共接待游客66.64万人次，同比增长18.32%。", date="2023-10-16", place="綦江区")
    assert [(r["value"], r["source"]["paragraph"]) for r in found] == [(66.64, "p3"), (18.32, "p3")]


def test_coupons_counted_in_zhang_are_a_figure():
    found = records("假期中，全区集中发放惠民消费券13000张。", date="2023-10-16", place="綦江区")
    assert [(r["value"], r["unit"]) for r in found] == [(13000, "张")]
    assert records("绘就一张蓝图。", date="2023-10-16", place="綦江区") == []


def test_a_rate_rising_over_a_year_before_is_a_growth():
    found = records("假期里10家大型商超的销售额合计9340.2万元，同比上升14.3%。", date="2024-10-08", place="万州区")
    assert [(r["value"], r["measure"]) for r in found][-1] == (14.3, "growth")
    assert one("全区森林覆盖率上升到55%。", date="2024-10-08", place="万州区")["measure"] == "share"


def test_money_printed_in_yi_without_yuan_after_the_words_of_money_is_in_yi_yuan():
    found = records("签约项目51个，协议引资144.2亿，占比70%。开工项目总投资36.8亿。", date="2022-04-07", place="江津区")
    assert [(r["value"], r["unit"]) for r in found if r["unit"] == "亿元"] == [(144.2, "亿元"), (36.8, "亿元")]
    assert [r["unit"] for r in records("全市常住人口3000多亿。", date="2022-04-07", place="重庆市")] == []


def test_trees_counted_in_ke_and_zhu_are_figures():
    found = records("全区柚树3万多棵，其中百年老树2000余株。", date="2024-11-10", place="梁平区")
    assert [(r["value"], r["unit"], r["bound"]) for r in found] == [(3, "万棵", "at_least"), (2000, "株", "at_least")]


def test_what_projects_will_add_once_running_is_an_estimate_and_the_fields_they_span_name_no_class():
    found = records("8月21日，永川区重大项目集中开工活动举行。此次开工的项目共7个，总投资150亿元，涉及数字文创、新能源汽车等领域。"
                    "这些项目达产后，将新增年产值243亿元、税收10亿元。", date="2024-08-30", place="永川区")
    assert [(r["value"], r["kind"], r["period"], r["subject"]) for r in found][2:] == [
        (243, "estimate", "2024-08-30", "永川区开工项目"), (10, "estimate", "2024-08-30", "永川区开工项目")]
    # a plan after an estimate, in a clause of its own, is still a plan
    found = records("项目估算总投资252.35亿元，计划全年完成投资40.87亿元。", date="2024-03-05")
    assert [(r["value"], r["kind"]) for r in found] == [(252.35, "estimate"), (40.87, "target")]
    assert one("该项目建成后，计划年产值达到50亿元。", date="2024-03-05")["kind"] == "target"


def test_a_holidays_first_day_dates_its_clause():
    found = records("去年国庆节期间，全区累计接待游客56.3万人次。其中安居古城仅国庆首日就接待游客3万人次。",
                    date="2019-02-12", place="铜梁区")
    assert [(r["value"], r["period"]) for r in found] == [(56.3, "2018-10-01/2018-10-07"), (3, "2018-10-01")]
    assert one("五一假期首日，全区接待游客12万人次。", date="2024-05-06", place="铜梁区")["period"] == "2024-05-01"


def test_each_item_of_a_list_tallied_by_kind_is_one_of_that_kind():
    found = records("其中，杨闇公故里、大佛寺、陈抟故里三个景区的接待人数同比分别增长15.72%、12.56%和1.98%。",
                    date="2019-02-12", place="潼南区")
    assert [r["subject"] for r in found if r["unit"] == "%"] == ["杨闇公故里景区", "大佛寺景区", "陈抟故里景区"]
    # a tally that does not count the items names none of them
    found = records("其中，大佛寺、陈抟故里等五个景区的接待人数同比分别增长12.56%和1.98%。", date="2019-02-12", place="潼南区")
    assert "大佛寺景区" not in [r["subject"] for r in found]


def test_a_name_in_a_simplified_report_keeps_the_characters_it_is_printed_with():
    # 闇 of a person's name: OpenCC reads it as 暗, the report prints 闇
    (found,) = records("杨闇公故里景区接待游客12.12万人次。", date="2019-02-12", place="潼南区")
    assert found["subject"] == "杨闇公故里景区"
    # a Traditional report's names are Simplified
    (found,) = records("萬靈古鎮景區接待遊客12.12萬人次。", date="2019-02-12", place="荣昌区")
    assert found["subject"] == "万灵古镇景区"


def test_a_level_reached_over_a_term_is_of_its_last_year_and_what_came_in_over_it_of_the_term():
    found = records("“十三五”时期，江津综合经济实力大幅跃升，地区生产总值达到1100亿元，五年年均增长8.9%，人均地区生产总值突破1万美元。",
                    date="2021-01-22", place="江津区")
    assert [(r["value"], r["period"]) for r in found] == [(1100, "2020"), (8.9, "2016-01/2020-12"), (1, "2020")]
    found = records("五年来，全区地区生产总值达到636.4亿元。五年来，全区引进法人总部型金融机构192家。", date="2021-03-05", place="北碚区")
    assert [(r["value"], r["period"]) for r in found] == [(636.4, "2020"), (192, "2016-01/2020-12")]


def test_the_plan_in_the_next_item_after_a_count_does_not_make_the_count_a_plan():
    found = records("3月4日，彭水县一季度重点项目集中开工活动举行。按投资主体划分，开工项目中社会投资项目23个、计划总投资36.3亿元。",
                    date="2024-03-06", place="彭水县")
    assert [(r["value"], r["kind"], r["period"]) for r in found] == [(23, "actual", "2024-03-04"), (36.3, "target", "2024")]


def test_what_a_firm_or_project_invests_is_its_project_investment():
    found = records("重庆天海电池材料有限公司投资10亿元，建设年产2万吨高纯纳米氢氧化锂项目。", date="2017-12-09", place="忠县")
    assert [(r["value"], r["metric"]) for r in found if r["unit"] == "亿元"] == [(10, "project_investment")]
    assert one("赣锋锂电新型锂电池科技产业园项目一期投资约10亿元。", date="2022-07-31", place="两江新区")["metric"] == "project_investment"
    # the place's investment and a group's plan for the year are not a firm's
    found = records("全区完成固定资产投资120亿元，工业投资45亿元。", date="2022-07-31", place="两江新区")
    assert [r["metric"] for r in found] == ["fixed_asset_investment", "industrial_investment"]
    assert records("其中，开工项目37个，年度计划投资37.4亿元。", date="2025-03-13", place="万州区")[-1]["metric"] != "project_investment"


def test_containers_sailings_runs_and_trains_keep_their_measure_words():
    found = records("1—2月，果园港完成集装箱吞吐量16.1万标箱，沪渝直达快线发船189艘次。", date="2023-03-19", place="两江新区")
    assert [(r["value"], r["unit"]) for r in found] == [(16.1, "万标箱"), (189, "艘次")]
    found = records("梁平南站发送列车39趟，梁平火车站发送列车10列，累计发送客车3170班次。", date="2018-04-06", place="梁平区")
    assert [(r["value"], r["unit"]) for r in found] == [(39, "趟"), (10, "列"), (3170, "班次")]
    assert records("该项目已列入市级重点项目。", date="2018-04-06", place="梁平区") == []


def test_a_multiple_of_a_base_years_level_is_compared_with_that_year_not_of_it():
    found = records("2016年，全区规模以上工业总产值达到3300亿元，是2011年的1.7倍；社会消费品零售总额达到640亿元，是2011年的2.2倍。",
                    date="2017-01-09", place="渝北区")
    assert [(r["value"], r["period"]) for r in found] == [(3300, "2016"), (1.7, "2016"), (640, "2016"), (2.2, "2016")]


def test_the_first_days_of_a_holiday_are_their_own_span_and_their_count_is_no_figure():
    found = records("清明小长假前两天，全区共接待游客4.58万人次。4月5日、6日两天累计发送客车3170班次。", date="2018-04-06", place="梁平区")
    assert [(r["value"], r["period"]) for r in found] == [(4.58, "2018-04-05/2018-04-06"), (3170, "2018-04-05/2018-04-06")]


def test_next_year_is_a_period_and_a_round_hundred_is_a_count():
    found = records("园区预计，明年德感工业园粮油食品产值将达到100亿元。", date="2015-10-08", place="江津区")
    assert [(r["value"], r["period"]) for r in found] == [(100, "2016")]
    found = records("形成了近百家中小食品企业聚集的产业格局。", date="2015-10-08", place="江津区")
    assert [(r["value"], r["unit"], r["bound"]) for r in found] == [(100, "家", "about")]
    assert records("半年投资额第一次站上百亿元。", date="2011-07-13", place="涪陵区") == []


def test_amounts_in_euros_stay_in_euros():
    found = records("项目总投资约80亿元（约8.6亿欧元）。", date="2011-05-23", place="长寿区")
    assert [(r["value"], r["unit"]) for r in found] == [(80, "亿元"), (8.6, "亿欧元")]


def test_firms_a_place_has_under_a_past_year_are_counted_at_its_end_and_those_it_gained_in_it():
    found = records("2022年，全区纳入统计的规模以上工业企业共134家，新增规上企业12家；15户企业荣获市级企业创新奖。",
                    date="2023-04-07", place="江北区")
    assert [(r["value"], r["period"]) for r in found] == [(134, "2022-12-31"), (12, "2022"), (15, "2022")]
    # this year's count is not at an end yet
    assert one("今年，全区规模以上工业企业共134家。", date="2023-04-07", place="江北区")["period"] == "2023"


def test_what_a_place_has_or_rose_to_under_a_past_year_is_counted_at_its_end():
    # a January review with no time word: the year it reviews, on 31 December
    found = records("全区拥有国家重点实验室2个；高新技术企业增至275户，科技型企业增至1784户。", date="2022-01-24", place="南岸区")
    assert [(r["value"], r["period"]) for r in found] == [(2, "2021-12-31"), (275, "2021-12-31"), (1784, "2021-12-31")]
    found = records("2020年，全区高新技术企业增至156户。", date="2021-06-10", place="南岸区")
    assert [(r["value"], r["period"]) for r in found] == [(156, "2020-12-31")]
    # a year's flow stays the year's (全年共有66个项目实施), and so does a count it does not say the place has
    assert one("2021年全年共有66个智能化改造项目实施。", date="2022-01-26", place="高新区")["period"] == "2021"
    assert one("去年实施智能化改造项目30个。", date="2022-01-24", place="南岸区")["period"] == "2021"


def test_tenths_are_shares_and_jobs_are_no_programme_of_work():
    found = records("全区接近八成的企业实现增长，牛肉价格上涨三成多。", date="2015-12-13", place="丰都县")
    assert [(r["value"], r["bound"], r["measure"]) for r in found] == [(80, "about", "share"), (30, "at_least", "growth")]
    assert records("村里的面貌不是一成不变的，他成为村长，这一成绩来之不易。", date="2015-12-13", place="丰都县") == []
    assert [(r["value"], r["bound"]) for r in records("投产后将创造至少300个工作岗位。", date="2011-05-23", place="长寿区")] == [
        (300, "at_least")]
    assert records("完成5项重点工作。", date="2011-05-23", place="长寿区") == []


def test_a_share_of_the_years_target_done_and_projects_under_target_assessment_are_actuals():
    assert one("2015年1—6月，到位资金完成年度目标任务的51.4%。", date="2015-07-21")["kind"] == "actual"
    assert one("全年纳入区政府年度目标考核的项目共10个。", date="2012-01-12")["kind"] == "actual"
    assert one("2016年目标为规上工业产值增长12%。", date="2016-01-12")["kind"] == "target"


def test_a_districts_airport_is_a_named_place_and_a_verb_or_a_class_word_is_no_part_of_a_name():
    found = records("上半年，万州机场完成航班起降7004架次，旅客吞吐量65.62万人次。", date="2018-07-30", place="万州区")
    assert [r["subject"] for r in found] == ["万州机场", "万州机场"]
    assert one("江北机场当天共保障航班823架次。", date="2020-06-08", place="渝北区")["subject"] == "重庆江北国际机场"
    found = records("德感工业园先后引进中粮集团、丰益国际5家粮油巨头，形成油脂加工能力50万吨。", date="2015-10-08", place="江津区")
    assert "德感工业园先后引进中粮集团" not in [r["subject"] for r in found]
    found = records("云阳工业园区于2003年设立，属市级特色工业园区，近期规划面积20平方公里。", date="2023-07-08", place="云阳县")
    assert [r["subject"] for r in found] == ["云阳工业园区"]


def test_a_piece_on_one_scenic_spot_calls_it_jingqu_or_its_own_name_and_a_county_piece_does_not():
    found = records("避暑客涌上高山湖 丰都南天湖一个夏天接待游客210万人次", "南天湖景区离丰都县城有45公里。",
                    "去年，南天湖共迎来游客63.9万人次。为解决停车难题，景区修起2个大型停车场。", date="2019-09-19", place="丰都县")
    assert [(r["value"], r["subject"]) for r in found][-3:] == [(45, "南天湖景区"), (63.9, "南天湖景区"), (2, "南天湖景区")]
    found = records("巫山五一假期迎客", "巫峡·神女景区接待游客5万人次。", "一季度，全县接待游客530.3万人次；景区购票人数21.63万人。",
                    date="2023-05-04", place="巫山县")
    assert [r["subject"] for r in found][-1] == "巫山县"


def test_the_level_a_figure_is_compared_with_is_of_the_year_compared():
    found = records("2010年，全市地区生产总值7925.58亿元，总量比上年的6530.01亿元多出近1400亿元。", date="2011-01-20", place="重庆市")
    assert [(r["value"], r["period"]) for r in found] == [(7925.58, "2010"), (6530.01, "2009"), (1400, "2010")]
    found = records("今年全县游客接待量已突破1000万人次，比2009年的400万人次又翻了一番。", date="2010-12-28", place="武隆区")
    assert [(r["value"], r["period"]) for r in found] == [(1000, "2010"), (400, "2009")]


def test_an_amount_per_person_keeps_its_unit():
    assert [(r["value"], r["unit"]) for r in records("工业企业全员劳动生产率达到20.3万元/人。", date="2011-01-20", place="重庆市")] == [
        (20.3, "万元/人")]


def test_nothing_in_a_phrase_qualifying_a_trend_dates_a_figure():
    found = records("去年全市规模以上工业企业延续了前年下半年以来的回升势头，增加值增长23.7%。", date="2011-02-10", place="重庆市")
    assert [(r["value"], r["period"]) for r in found] == [(23.7, "2010")]


def test_the_growth_of_balances_at_a_months_end_is_as_of_that_day():
    found = records("6月末，全市金融机构本外币存款余额23016亿元、贷款余额18006亿元，分别增长21.7%和19.1%。", date="2013-07-25", place="重庆市")
    assert [(r["value"], r["period"]) for r in found] == [
        (23016, "2013-06-30"), (18006, "2013-06-30"), (21.7, "2013-06-30"), (19.1, "2013-06-30")]


def test_ends_and_couples_are_no_counts_but_head_of_cattle_are():
    assert records("从规划、基地、龙头企业三头发力，打通水运与铁路两头。村民两口子养牛。", date="2015-12-13", place="丰都县") == []
    assert [(r["value"], r["unit"]) for r in records("全村存栏三头牛。", date="2015-12-13", place="丰都县")] == [(3, "头")]


def test_this_years_long_holiday_is_the_holiday_reported_and_its_days_are_no_figure():
    found = records("國慶長假雲林天鄉和雲篆山迎客17.73萬人次", "鄉村遊成為今年長假的熱點。片區七天共接待遊客17.73萬人次。",
                    date="2015-10-08", place="巴南区")
    assert [(r["value"], r["period"]) for r in found][-1] == (17.73, "2015-10-01/2015-10-07")
    assert [r["unit"] for r in records("国庆黄金周七天，全区接待游客50万人次。", date="2021-10-08", place="开州区")] == ["万人次"]
