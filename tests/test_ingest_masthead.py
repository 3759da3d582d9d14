"""Masthead rules (fuling/ingest/masthead.py and the byline and caption rules of rules.py):
headline, source line, dateline, byline, photo caption, and the rule text of script.py.
Examples are written for these tests in the forms newsrooms print."""
from __future__ import annotations

import datetime as dt

from fuling.ingest import masthead, rules
from fuling.core.script import simplified
from fuling.ingest.script import rule_text


# --- the rule text ---------------------------------------------------------------------

def test_rule_text_is_simplified_half_width_and_as_long_as_the_print():
    printed = "２０２２年１２月３０日　來源：新華網（記者 歐陽晴）"
    rule = rule_text(printed)
    assert rule == "2022年12月30日 来源:新华网(记者 欧阳晴)"
    assert len(rule) == len(printed)


def test_simplified_text_passes_through_unchanged():
    assert simplified("涪陵区规上工业产值增长13%") == "涪陵区规上工业产值增长13%"


# --- source lines -------------------------------------------------------------------------

def test_source_line_with_a_label_gives_outlet_and_date():
    line = masthead.source_line(rule_text("2022年07月22日 18:03 来源：华龙网"))
    assert line == masthead.SourceLine("华龙网", dt.date(2022, 7, 22), None)
    line = masthead.source_line(rule_text("来源：区融媒体中心  |  2023-02-21 16:44:07"))
    assert (line.outlet, line.date) == ("区融媒体中心", dt.date(2023, 2, 21))
    assert masthead.source_line(rule_text("更新时间：2024-07-30 18:13:28")).date == dt.date(2024, 7, 30)


def test_date_line_with_an_outlet_glued_to_it():
    line = masthead.source_line("国际在线2017-09-14 17:33:41")
    assert (line.outlet, line.date) == ("国际在线", dt.date(2017, 9, 14))


def test_a_date_line_with_the_sites_buttons_beside_it():
    # 【字号：大 中 小】, 【打印】: the page's buttons printed on its date line
    line = masthead.source_line(rule_text("梁平网2012-04-20 10:26:08　　【字号：大 中 小】"))
    assert (line.outlet, line.date) == ("梁平网", dt.date(2012, 4, 20))
    line = masthead.source_line(rule_text("2021-03-02 09:15 【打印】 【关闭】"))
    assert line.date == dt.date(2021, 3, 2)


def test_bare_date_line():
    assert masthead.source_line(rule_text("2023 年 02 月 20 日")).date == dt.date(2023, 2, 20)
    assert masthead.source_line("11月2日").month_day == (11, 2)


def test_a_sentence_with_a_date_is_not_a_source_line():
    assert masthead.source_line(rule_text("2023年5月1日，涪陵举行活动。")) is None
    assert masthead.source_line(rule_text("笃行不怠建新功")) is None


# --- datelines -----------------------------------------------------------------------------

def test_local_paper_dateline_with_reporters():
    line = rule_text("本报讯（记者 蒋一川）岁末年初，走进区内一家齿轮厂。")
    found = masthead.dateline(line)
    assert (found.outlet, line[slice(*found.byline_span)], line[found.length:]) == (
        "", "记者 蒋一川", "岁末年初,走进区内一家齿轮厂。")


def test_outlet_dateline_with_month_and_day():
    line = rule_text("永川日报讯 10月23日，记者从区经济信息委获悉")
    found = masthead.dateline(line)
    assert (found.outlet, found.month_day, line[found.length:]) == ("永川日报", (10, 23), "10月23日,记者从区经济信息委获悉")


def test_agency_dateline():
    line = rule_text("新华网重庆7月22日电（记者 欧阳一 刘二）盛夏时节，园区里一片繁忙。")
    found = masthead.dateline(line)
    assert (found.outlet, found.month_day, line[slice(*found.byline_span)]) == ("新华网", (7, 22), "记者 欧阳一 刘二")
    assert line[found.length:].startswith("盛夏时节")


def test_channel_news_dateline():
    found = masthead.dateline(rule_text("国际在线重庆频道消息：随着管道全线贯通，页岩气输往东部。"))
    assert found.outlet == "国际在线重庆频道"


def test_running_text_has_no_dateline():
    assert masthead.dateline(rule_text("5G通讯基站建设提速，全区新建基站120个。")) is None
    assert masthead.dateline(rule_text("传来好消息：项目提前投产。")) is None


# --- bylines and captions ------------------------------------------------------------------------

def test_byline_forms():
    assert rules.parse_byline("□ 记者 蒲一舟") == (["蒲一舟"], "")
    assert rules.parse_byline("(记者 叶知夏)") == (["叶知夏"], "")
    assert rules.parse_byline("记者 钟一 田二 通讯员 向三") == (["钟一", "田二", "向三"], "")
    assert rules.byline_as_printed("（记者 叶知夏）") == "记者 叶知夏"
    assert rules.byline_as_printed("□ 重庆日报记者 左黎韵") == "□ 重庆日报记者 左黎韵"


def test_trailing_byline_in_brackets():
    assert masthead.trailing_byline(rule_text("（邹一舟）"))
    assert masthead.trailing_byline(rule_text("（记者 叶知夏）"))
    assert not masthead.trailing_byline(rule_text("(作者系涪陵区政府办公室副主任)"))


def test_byline_names_drop_the_roles():
    assert rules.byline_names("記者 歐陽晴 劉念") == ["歐陽晴", "劉念"]
    assert rules.byline_names("本报记者 陈静 通讯员 李想") == ["陈静", "李想"]


def test_photo_caption_with_its_photographer():
    assert rules.split_photo_caption("图为长江边的新材料产业园。记者 刘一 摄") == ("图为长江边的新材料产业园。", "记者 刘一 摄")
    assert rules.split_photo_caption("圖為產城融合的高新區一角。記者 劉念 攝") == ("圖為產城融合的高新區一角。", "記者 劉念 攝")


# --- headlines --------------------------------------------------------------------------------

def test_headline_forms():
    assert masthead.is_headline("元旦小长假 城乡游人如织", above_masthead=False)
    assert masthead.is_headline("长寿前三季度主要经济指标稳中有进。", above_masthead=False)
    assert masthead.is_headline("重庆：前三季度经济运行稳中有进，质量效益提升", above_masthead=True)
    assert not masthead.is_headline("早春时节，涪陵大地生机勃勃，高质量发展热潮汹涌澎湃。", above_masthead=False)


def test_headline_text_drops_a_closing_full_stop_and_markdown_marks():
    assert masthead.headline_text("长寿前三季度主要经济指标稳中有进。") == "长寿前三季度主要经济指标稳中有进"
    assert masthead.headline_text("# 走好高质量发展之路") == "走好高质量发展之路"


def test_drafted_title_is_the_first_sentence_cut_at_a_clause():
    assert masthead.drafted_title("首季工业开门红。后文。") == "首季工业开门红"
    long = "混动变速器销量3万台、电驱总成销量2万台、自动变速器销量33万台……一季度，企业实现了开门红。"
    assert masthead.drafted_title(long) == "混动变速器销量3万台、电驱总成销量2万台"


# --- the masthead of a whole report (parse) ----------------------------------------------------

def draft_of(text: str):
    from fuling.core.errors import ContentError
    from fuling.ingest.parse import parse_seed

    errors: list[ContentError] = []
    drafts = parse_seed("report.txt", text, None, "seeds/report.txt", errors)
    assert not errors, errors
    return drafts[0]


def test_headline_printed_twice_is_one_headline():
    draft = draft_of("园区新添两条生产线\n园区新添两条生产线\n\n2023-05-04 来源：区融媒体中心\n\n5月3日，两条生产线投产。\n")
    assert draft.heads == {"title": "园区新添两条生产线"}
    assert [b.text for b in draft.blocks] == ["5月3日，两条生产线投产。"]


def test_label_between_headline_and_source_line_is_the_subtitle():
    draft = draft_of("园区新添两条生产线\n年产能提高三成\n2023-05-04 来源：区融媒体中心\n\n5月3日，两条生产线投产。\n")
    assert draft.heads == {"title": "园区新添两条生产线", "subtitle": "年产能提高三成"}
    assert draft.meta()["publication"] == "区融媒体中心"


def test_source_line_printed_after_the_text():
    draft = draft_of("园区新添两条生产线\n\n5月3日，两条生产线投产。\n\n（来源：区融媒体中心 2023-05-04）\n")
    assert str(draft.date.date) == "2023-05-04" and draft.meta()["publication"] == "区融媒体中心"
    assert [b.text for b in draft.blocks] == ["5月3日，两条生产线投产。"]


def test_running_text_first_line_gets_a_drafted_headline():
    draft = draft_of("2023-05-04 来源：区融媒体中心\n\n5月3日，两条生产线投产，年产能提高三成。\n")
    assert draft.title_drafted and draft.heads["title"] == "5月3日，两条生产线投产，年产能提高三成"
    assert "原文未印标题" in draft.meta()["note"]


def test_today_with_month_and_day_takes_the_year_from_the_text():
    draft = draft_of("冬季旅游季开启\n\n## 温泉\n\n今天（12月18日），记者从区文旅委获悉，2021年全区温泉景区接待游客增长两成。\n")
    assert str(draft.date.date) == "2021-12-18" and draft.date.inferred
    assert "正文首段“今天（12月18日）”只印月日" in draft.date.basis


def test_outlet_in_brackets_leaves_the_brackets():
    assert masthead.source_line(rule_text("【来源：重庆日报】")).outlet == "重庆日报"


def test_headline_with_commas_is_the_first_line_when_it_closes_no_sentence():
    draft = draft_of("重庆：前三季度经济稳中有进，质量效益提升\n\n记者从市统计局获悉，前三季度全市经济运行稳中有进。\n\n"
                     "（2023年10月21日 星期六）\n")
    assert draft.heads == {"title": "重庆：前三季度经济稳中有进，质量效益提升"}
    assert str(draft.date.date) == "2023-10-21" and not draft.date.inferred


def test_headline_printed_after_the_date_line():
    draft = draft_of("2023-05-04 来源：区融媒体中心\n园区新添两条生产线\n\n5月3日，两条生产线投产。\n\n责任编辑：王某\n")
    assert draft.heads == {"title": "园区新添两条生产线"} and not draft.title_drafted
    assert [b.text for b in draft.blocks] == ["5月3日，两条生产线投产。"]


def test_weekday_and_editor_lines_are_source_lines():
    assert masthead.source_line(rule_text("2022年7月22日 星期五")).date == dt.date(2022, 7, 22)
    assert masthead.source_line(rule_text("责任编辑：王某")) == masthead.SourceLine("", None, None)


def test_dateline_with_its_date_before_xun():
    line = rule_text("华龙网-新重庆客户端10月23日10时讯（记者 王一）10月23日，记者从市经济信息委获悉")
    found = masthead.dateline(line)
    assert (found.outlet, found.month_day, line[slice(*found.byline_span)]) == ("华龙网-新重庆客户端", (10, 23), "记者 王一")
    assert line[found.length:].startswith("10月23日,记者")


def test_a_date_after_a_bracketed_label_makes_a_source_line():
    line = masthead.source_line(rule_text("[ 索引号 ] 11500114MB1C20431K/2022-00087　[ 发布机构 ] 黔江区统计局　[ 发布日期 ] 2022-08-12"))
    assert line.date == dt.date(2022, 8, 12)


def test_a_newspapers_page_line_gives_outlet_and_date():
    line = masthead.source_line(rule_text("潼南日报　2018-6-29　第01版：要闻"))
    assert (line.outlet, line.date) == ("潼南日报", dt.date(2018, 6, 29))


def test_month_and_day_with_a_time_on_a_source_line():
    line = masthead.source_line(rule_text("02-21 11:10:50 来源:上游新闻"))
    assert (line.outlet, line.date, line.month_day) == ("上游新闻", None, (2, 21))


def test_dateline_with_hour_and_minute_before_xun():
    line = rule_text("华龙网-新重庆客户端10月22日14时45分讯（首席记者 文思远）今(22)日下午，发布会举行")
    found = masthead.dateline(line)
    assert (found.outlet, found.month_day, line[slice(*found.byline_span)]) == ("华龙网-新重庆客户端", (10, 22), "首席记者 文思远")


def test_a_crumb_line_is_not_the_headline():
    draft = draft_of("首頁 > 財經 > 區域經濟\n前9月川渝共建重大項目完成年度投資741.4億元\n\n2021-10-11 16:51:48  |  來源:重慶商報\n\n"
                     "記者從市發展改革委獲悉，1-9月重大項目累計完成投資1866.8億元。\n")
    assert draft.heads == {"title": "前9月川渝共建重大項目完成年度投資741.4億元"}
    assert masthead.is_crumb(rule_text("人民網 > 重慶頻道 > 區縣")) and not masthead.is_crumb("园区新添两条生产线")


def test_an_outlet_joined_by_a_hyphen_beside_the_date_and_a_crumb_ending_on_its_separator():
    line = masthead.source_line(rule_text("华龙网-新重庆客户端　2022-05-16 15:20:31"))
    assert (line.outlet, line.date) == ("华龙网-新重庆客户端", dt.date(2022, 5, 16))
    assert masthead.is_crumb(rule_text("您的当前位置：主页 > 新闻 > 国内国际 >"))


def test_a_forum_post_line_dates_the_piece_and_an_exclaimed_headline_stays_whole():
    draft = draft_of("万州生活网 › 论坛 › 万州资讯 › 查看内容\n\n总投资87亿元！万州今年推进30个生态环保重点项目\n\n"
                     "生活君　发表于 2021-5-20 10:44:12　　查看: 3187｜回复: 12\n\n"
                     "今年以来，万州确定实施示范区建设重点项目30个，总投资87亿元。\n")
    assert draft.heads["title"] == "总投资87亿元！万州今年推进30个生态环保重点项目"
    assert masthead.source_line(rule_text("生活君　发表于 2021-5-20 10:44:12　　查看: 3187｜回复: 12")).date == dt.date(2021, 5, 20)
    assert masthead.is_crumb(rule_text("万州生活网 › 论坛 › 万州资讯 › 查看内容"))
    assert [b.text for b in draft.blocks] == ["今年以来，万州确定实施示范区建设重点项目30个，总投资87亿元。"]


def test_a_site_name_beside_its_menu_and_a_long_crumb_are_furniture():
    assert masthead.is_furniture(rule_text("秀山土家族苗族自治县人民政府　　首页 | 政务公开 | 政务服务 | 互动交流 | 走进秀山　　网站支持IPv6"))
    assert masthead.is_crumb(rule_text("首页 > 统计局 > 政务公开 > 法定主动公开内容 > 统计信息 > 数据发布 > 统计公报"))
    assert not masthead.is_furniture(rule_text("来源：秀山县统计局 | 2023-03-31 | 编辑：张三 | 责编：李四"))


def test_site_furniture_lines_are_left_out_of_the_piece():
    # menus, pagers, media marks, metadata tables, copyright lines and links to other pieces, wherever
    # they stand, are no part of the report; the headline is the first line after them
    draft = draft_of("江北新闻网　首页 | 江北新闻 | 视频 | 专题　　导航菜单\n当前位置：首页 > 江北新闻 > 正文\n"
                     "第A2版：要闻　　上一版　下一版　　返回目录\n"
                     "观音桥商圈一季度销售额增长一成\n2023-04-21 10:05　来源：江北区融媒体中心\n【视频】\n\n"
                     "一季度，观音桥商圈实现销售额152亿元，增长10.2%。\n\n上一页　1　2　3　下一页\n"
                     "上一篇：江北举办春季招聘会\n下一篇：江北新增两所学校\n江北新闻网版权所有　渝ICP备12345678号\n")
    assert draft.heads == {"title": "观音桥商圈一季度销售额增长一成"}
    assert [b.text for b in draft.blocks] == ["一季度，观音桥商圈实现销售额152亿元，增长10.2%。"]
    for line in ("PDF版　|　上一期　下一期", "忠州新闻网　|　忠县广播电视台主办",
                 "[ 索引號 ] | 11500221009303905W/2023-00029 | [ 發文字號 ] | 無 |", "分享到：微信　微博",
                 "【纠错】　【打印本页】　【关闭窗口】", "字号：大 中 小", "新闻热线:023-61520695 举报电话:023-61520697",
                 "关于我们 | 网站声明 | 意见反馈 Copyright2011-2017 All Rights Reserved 某某网 版权所有",
                 "主管单位:重庆出版集团  主办单位:某某杂志社有限公司", "· 重慶今年工業投資預計突破2000億元", "重庆 切换　　新闻", "往期回顾"):
        assert masthead.is_furniture(rule_text(line)), line
    # a headline with one bar, a date line and a sentence naming a menu are not furniture
    for line in ("两会聚焦｜巴南晒出五年成绩单：经济总量预计达947亿元", "来源：中国网　时间：2022-01-10 17:33:33　编辑：何思渝",
                 "区政府网站首页开设“政务公开”专栏，点击量超过10万次。"):
        assert not masthead.is_furniture(rule_text(line)), line


def test_an_outlet_alone_above_its_page_line_is_the_outlet_not_the_headline():
    draft = draft_of("潼南日报\n第A2版：要闻　　总第95期　　>2017-12-12编印\n\n潼南冲刺国家高新区\n\n"
                     "本报讯（记者 王一鹏）园区今年新增企业52家。\n")
    assert draft.heads == {"title": "潼南冲刺国家高新区"} and str(draft.date.date) == "2017-12-12"
    assert draft.meta()["publication"] == "潼南日报"
    line = masthead.source_line(rule_text("2024年02月20日  星期二  第03版：区县·民生"))
    assert line is not None and line.date == dt.date(2024, 2, 20)


def test_a_sites_name_alone_above_its_menu_is_furniture_too():
    draft = draft_of("奉节网络广播电视台\n首页 | 奉节新闻 | 视频点播 | 专题\n第003版：要闻\n"
                     "奉节县举行重点项目集中开工活动\n来源：奉节县融媒体中心　　2022年06月16日 17:54\n\n"
                     "6月14日，奉节县40个项目集中开工。\n")
    assert draft.heads == {"title": "奉节县举行重点项目集中开工活动"}
    assert [b.text for b in draft.blocks] == ["6月14日，奉节县40个项目集中开工。"]
    assert masthead.is_furniture(rule_text("重庆日报报业集团主办")) and masthead.is_furniture(rule_text("第003版：要闻"))
    assert masthead.is_furniture(rule_text("首页　机构概况　统计数据　统计分析　统计公报"))
    assert masthead.is_furniture(rule_text("重庆市统计局 | 国家统计局重庆调查总队"))
    # a page's own name above a category line is its title, not a site's name
    draft = draft_of("大渡口区人民政府\n地区：大渡口区　分类：政府机构 > 人民政府\n更新时间：2022-03-18 10:26:41\n"
                     "大渡口区地处重庆主城区西南部，幅员面积103平方公里。\n")
    assert draft.heads == {"title": "大渡口区人民政府"}


def test_a_date_printed_over_three_lines_is_one_date_line():
    draft = draft_of("江津规模工业稳中有进\n\n2023\n10/17\n15:46\n\n日前，记者从江津区经济信息委获悉，前三季度产值增长7.7%。\n")
    assert draft.heads == {"title": "江津规模工业稳中有进"} and str(draft.date.date) == "2023-10-17"
    assert [b.text for b in draft.blocks] == ["日前，记者从江津区经济信息委获悉，前三季度产值增长7.7%。"]


def test_an_e_paper_header_a_repost_mark_and_e_paper_navigation_are_not_the_headline():
    # the header carries the paper's name, its pages and section, the issue and the day it was made up
    draft = draft_of("大足日报数字报　　A6-A7：大足“两会”特别报道　　总第411期　　2024-02-05编印\n\n"
                     "新大足因拼搏而美丽\n——2024年大足区政府工作报告摘登\n刊发日期：2024-02-05\n\n过去一年，全区生产总值增长6.5%。\n")
    assert draft.heads["title"] == "新大足因拼搏而美丽" and str(draft.date.date) == "2024-02-05"
    draft = draft_of("中国台湾网　>　经济　>　大陆经济\n\n转载｜重庆南川：资源枯竭城市的转型突围\n\n"
                     "2014-02-20 09:18:44　　来源：经济日报\n\n南川城区绿化覆盖率已达49%。\n")
    assert draft.heads == {"title": "重庆南川：资源枯竭城市的转型突围"}
    draft = draft_of("首页 | 版面导航 | 标题导航 | 进入主站\n往期回顾\n2021年03月16日\n新闻内容\n第A1版：要闻\n\n"
                     "重庆市北碚区人民政府工作报告\n作者：　　浏览次数:5423\n\n全区地区生产总值达到636.4亿元。\n")
    assert draft.heads["title"] == "重庆市北碚区人民政府工作报告"


def test_a_long_menu_of_short_items_between_bars_is_furniture():
    menu = "萬州|黔江|涪陵|渝中|江北|南岸|北碚|渝北|巴南|長壽|江津|合川|永川|南川|綦江|潼南|大足|璧山|銅梁|兩江新區"
    assert masthead.is_furniture(rule_text(menu))
    draft = draft_of(menu + "\n首頁>重慶頻道> 區縣>正文\n\n春節長假秀山接待遊客25.39萬人次\n\n"
                     "2018-02-22 09:41:27 | 來源：秀山網 | 編輯：龍婧\n\n戊戌年春節長假，秀山共接待遊客25.39萬人次。\n")
    assert draft.heads["title"] == "春節長假秀山接待遊客25.39萬人次"
    # a source line with a date is never a menu
    assert not masthead.is_furniture(rule_text("2018-02-22 09:41:27 | 來源：秀山網 | 編輯：龍婧 | 責編：彭遠征 | 字数 | 阅读"))
