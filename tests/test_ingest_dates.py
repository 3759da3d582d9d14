"""Date rules (fuling/ingest/dates.py): each printed form, and the inference from a text's
evidence when none is printed. Examples are written for these tests in the forms newsrooms print."""
from __future__ import annotations

import datetime as dt

from fuling.ingest import dates
from fuling.ingest.dates import Body
from fuling.ingest.script import rule_text


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --- printed forms ---------------------------------------------------------------

def test_iso_date_on_a_source_line_with_time_and_outlet():
    assert dates.iso_date("2022-04-28 17:09:55 来源:重庆日报") == d("2022-04-28")
    assert dates.iso_date("来源:区融媒体中心  |  2023-02-21 16:44:07") == d("2023-02-21")
    assert dates.iso_date("更新时间:2024-07-30 18:13:28") == d("2024-07-30")


def test_iso_date_glued_to_the_outlet_name():
    assert dates.iso_date("国际在线2017-09-14 17:33:41") == d("2017-09-14")


def test_chinese_date_with_zero_padding_time_and_source():
    assert dates.chinese_date("2022年07月22日 18:03 来源:华龙网") == d("2022-07-22")


def test_chinese_date_with_spaced_digits():
    assert dates.chinese_date("2023 年 02 月 20 日") == d("2023-02-20")


def test_full_width_digits_are_read_through_the_rule_text():
    assert dates.chinese_date(rule_text("２０２２年１０月２３日　来源：区融媒体中心")) == d("2022-10-23")


def test_compact_today_in_the_first_sentence():
    assert dates.compact_today("今天(20211218日),记者从区文旅委获悉") == d("2021-12-18")
    assert dates.compact_today(rule_text("今天（20211218日），记者从区文旅委获悉")) == d("2021-12-18")


def test_impossible_dates_are_no_dates():
    assert dates.iso_date("2022-13-40 来源:某报") is None
    assert dates.month_day("2月30日") is None


def test_month_and_day_only():
    assert dates.month_day("永川日报讯 11月2日,记者从区农业农村委获悉") == (11, 2)
    assert dates.month_day("2023年11月2日") is None  # prints its year: a full date


# --- evidence in the text -----------------------------------------------------------

def test_event_years_leave_out_goals_and_plan_ends():
    body = Body.of("2019年建成投产。截至2021年底累计建成12座。到2025年建成30座，2030年前全面达标，“十四五”（2021—2025年）期间持续推进。")
    assert [(m.year, m.completed) for m in dates.event_years(body)] == [(2019, False), (2021, True)]


def test_plan_year_named_with_last_year():
    body = Body.of("作为“十三五”收官之年，去年全区规上工业产值增长8%。")
    assert dates.plan_year(body)[::2] == (2020, "去年")
    assert dates.plan_year(Body.of("今年是“十四五”开局之年，全区将新建项目40个。"))[::2] == (2021, "今年")


def test_season_of_the_opening():
    assert dates.season(rule_text("岁末年初，走进区内一家齿轮厂")) == (1, "岁末年初", True)
    assert dates.season(rule_text("早春时节，江边的油菜花开了")) == (3, "早春", True)
    assert dates.season(rule_text("盛夏时节，车间里热火朝天")) == (7, "盛夏", False)
    assert dates.season(rule_text("记者从区经济信息委获悉")) is None


def test_data_through_a_month_of_this_year():
    assert dates.data_through(Body.of("今年1—8月，全区规上工业产值增长9%。"))[0] == 8
    assert dates.data_through(Body.of("前三季度，地区生产总值增长6%。"))[0] == 9
    assert dates.data_through(Body.of("去年1—11月，全区规上工业产值增长9%。")) is None


def test_month_days_not_put_in_another_year():
    body = Body.of("9月19日，记者从区科技局获悉。去年11月8日，项目签约。")
    assert [(m, day) for m, day, _ in dates.month_days(body)] == [(9, 19)]


# --- the publication year and the inferred date -----------------------------------------

def test_last_year_and_the_latest_dated_event_give_the_next_year():
    """The report of the issue: no date line, opens 岁末年初, reviews 去年, and
    dates one event 2024年11月8日 — it appeared in January 2025, not on 2024-11-08."""
    body = Body.of(
        "岁末年初，走进区内一家电池材料企业的新车间，生产线正满负荷运转。\n"
        "2024年11月8日，该企业二期项目投产。去年，全区新材料产业产值增长12.5%。\n"
        "11月8日投产当天，首批产品即下线。",
        opening="岁末年初，走进区内一家电池材料企业的新车间，生产线正满负荷运转。")
    found = dates.infer_date(body)
    assert isinstance(found, dates.DateFinding)
    assert found.date == d("2025-01-01") and found.inferred
    assert "去年" in found.basis and "2024年11月8日" in found.basis and "岁末年初" in found.basis


def test_a_plan_year_beats_an_older_dated_event():
    opening = "岁末年初，走进一家老牌机械厂的智能车间。"
    body = Body.of(opening + "\n在2018年举行的洽谈会上签约20个项目。作为“十三五”收官之年，去年全区工业增加值增长6%。",
                   opening=opening)
    found = dates.infer_date(body)
    assert found.date.year == 2021 and found.date.month == 1
    assert "十三五" in found.basis


def test_a_completed_year_with_part_year_figures_and_a_dated_day():
    """截至2021年底 was written after 2021 ended; 今年1—8月 and 9月19日 are of the year after."""
    body = Body.of("截至2021年底，全区累计建成绿色工厂12家。今年1—8月，规上工业产值增长9%。9月19日，新项目开工。")
    found = dates.infer_date(body)
    assert found.date == d("2022-09-20") and found.inferred
    assert "截至2021年底" in found.basis and "9月19日" in found.basis


def test_last_year_without_this_year_moves_past_the_latest_year():
    body = Body.of("2022年，全区新增规上企业30家。去年全区工业投资增长15%。4月28日，重点项目集中开工。")
    found = dates.infer_date(body)
    assert found.date == d("2023-04-29")


def test_a_season_bounds_the_date_from_above():
    opening = "新年伊始，园区里的塔吊已经转了起来。"
    body = Body.of(opening + "\n去年12月28日，二期工程封顶。2023年，园区产值突破百亿元。", opening=opening)
    found = dates.infer_date(body)
    assert found.date == d("2024-01-01")  # not after 12月28日: that day was last year's


def test_no_year_in_the_text_is_reported_not_guessed():
    assert dates.infer_date(Body.of("早春时节，涪陵大地生机勃勃。", opening="早春时节")) == (
        "no publication date printed and no year in the text to infer it from")


def test_a_year_without_any_month_is_reported():
    found = dates.infer_date(Body.of("这家企业成立于2002年。"))
    assert isinstance(found, str) and "2002" in found and "no month" in found


def test_year_of_a_month_and_day_dateline():
    body = Body.of("去年全区工业总产值1370亿元。在刚刚落幕的2021（第二十三届）汽车展览会上，新车型广受追捧。截至今年5月底，累计销售17万辆。")
    assert dates.year_for_month_day(6, 30, body)[0] == 2021


def test_a_month_and_day_before_a_printed_full_date_is_next_year():
    body = Body.of("2023年12月20日，项目签约。")
    assert dates.year_for_month_day(1, 5, body)[0] == 2024


def test_today_with_month_and_day():
    assert dates.today_month_day(rule_text("今天（12月18日），记者从区文旅委获悉")) == (12, 18)
    assert dates.today_month_day("今天,记者获悉") is None


def test_a_plan_year_opening_its_sentence_is_the_year_of_writing():
    body = Body.of("新华网重庆7月20日电 “十四五”开局之年，沙坪坝区工业经济稳住了阵脚。")
    assert dates.plan_year(body)[::2] == (2021, "")
    assert dates.year_for_month_day(7, 20, body)[0] == 2021
    # named in passing, with no 去年/今年, it says nothing of when the piece was written
    assert dates.plan_year(Body.of("全区围绕“十四五”开局之年的目标推进项目。")) is None


def test_a_year_before_part_of_it_is_not_a_deadline():
    body = Body.of("今(22)日下午，重庆2019年前三季度经济运行情况新闻发布会举行。")
    assert [m.year for m in dates.event_years(body)] == [2019]
    assert dates.event_years(Body.of("力争2030年前实现碳达峰。")) == []


def test_part_year_figures_of_the_latest_year_date_the_piece_within_that_year():
    """2015年1—6月 with 比上年同期 and no 今年: the months just reported, not a review of 2015 printed in 2016."""
    body = Body.of("2015年1—6月，全区招商引资项目共179个，比上年同期减少14.7%；到位资金133.8亿元，同比增长7.9%。")
    found = dates.infer_date(body)
    assert found.date == d("2015-07-01") and found.inferred and "2015年1—6月" in found.basis
    body = Body.of("2019年上半年，全县接待游客增长12%，比上年同期加快2个百分点。")
    assert dates.infer_date(body).date == d("2019-07-01")
    # a whole year reviewed (1—12月) is still the year after's (whose month the text does not show)
    found = dates.infer_date(Body.of("2015年1—12月，全区规上工业产值增长9%，比上年同期加快1个百分点。"))
    assert found.startswith("no publication date printed; the text shows the year 2016")


def test_the_year_a_text_says_it_has_entered_is_the_year_of_writing():
    """去年1-11月 and no 今年 would put the piece in the year after 2024; 进入2024年 says it is written in 2024."""
    body = Body.of("2023年4月，村里关停矿山。去年1-11月城口迎来游客530.92万人次。进入2024年，修齐镇打算把更多院落串成线。")
    assert dates.publication_year(body)[0] == 2024
    assert dates.year_for_month_day(2, 1, body)[0] == 2024


def test_a_reprints_note_names_the_first_printing():
    body = Body.of("1—6月，来万州的游客达到1063.76万人次。\n（本文原载2018年7月30日《三峡都市报》第2版，本网转载时有删节）")
    assert dates.first_printed(body) == (d("2018-07-30"), "（本文原载2018年7月30日《三峡都市报》第2版，本网转载时有删节）")
    assert dates.first_printed(Body.of("原载于报端的老照片。")) is None


def test_a_bulletins_date_in_chinese_numerals_is_read():
    assert dates.printed_date(rule_text("（二〇〇七年二月二十六日）")) == d("2007-02-26")
    assert dates.numeral_date("二〇〇七年全区生产总值") is None


def test_a_day_planned_ahead_is_no_evidence_and_a_year_compared_with_was_over():
    """今年…比2009年的400万人次又翻了一番 in a piece that plans 将从2011年1月1日起…: written in 2010."""
    body = Body.of("今年全县游客接待量已突破1000万人次，比2009年的400万人次又翻了一番。县里将从2011年1月1日起赠送门票。")
    assert dates.publication_year(body)[0] == 2010
    assert dates.full_dates(Body.of("县里将从2011年1月1日起赠送门票。")) == []
