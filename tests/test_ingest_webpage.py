"""Saved web pages (fuling/ingest/webpage.py): the article's text, title and date, without
the site's furniture. The pages are written for these tests."""
from __future__ import annotations

import datetime as dt

from fuling.ingest.webpage import page_title, read_page

PAGE = """<!DOCTYPE html><html><head><meta charset="gbk">
<title>园区新添两条生产线_区县频道_某某网</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/qx/">区县</a></div>
<h1 class="logo">某某网</h1>
<div class="article"><h1>园区新添两条生产线</h1>
<div class="info">2023-05-04 09:12 来源：区融媒体中心 编辑：王某 打印</div>
<div class="content"><p>5月3日，园区两条新能源电池生产线投产，年产能提高三成。</p>
<p>园区负责人介绍，两条生产线由本地企业自主设计，关键设备国产化率超过九成。</p></div></div>
<div class="footer">渝ICP备00000000号 版权所有</div></body></html>"""


def test_page_in_a_legacy_encoding_with_two_h1_and_a_site_title():
    page = read_page(PAGE.encode("gbk"))
    texts = [text for _, text in page.lines]
    assert texts[0] == "园区新添两条生产线"  # not the site's <title> with its channel and name
    assert texts[1] == "2023-05-04 09:12 来源：区融媒体中心 编辑：王某"  # the source line, without 打印
    assert texts[2].startswith("5月3日，园区两条") and len(texts) == 4
    assert page.date.date == dt.date(2023, 5, 4) and "2023-05-04 09:12" in page.date.basis
    assert all("ICP" not in t and "首页" not in t for t in texts)


def test_lines_are_numbered_with_their_line_in_the_saved_file():
    page = read_page(PAGE)
    numbers = dict((text[:4], no) for no, text in page.lines)
    assert numbers["5月3日"] == 7 and numbers["园区负责"] == 8


def test_page_without_article_text_says_so():
    assert read_page("<html><body><div class='nav'>首页</div></body></html>") == "no article text found in the page"


def test_page_title_keeps_the_headline_part():
    assert page_title("园区新添两条生产线_区县频道_某某网", "…园区新添两条生产线…") == "园区新添两条生产线"
    assert page_title("重庆 - 经济", "别的文字") == "重庆 - 经济"
