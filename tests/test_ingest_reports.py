"""End to end: a project whose seeds/ holds reports of other newsrooms, one in each printed
date form, a saved web page, a Traditional-character report and one that cannot be dated,
none with a sidecar. tests/fixtures/reports/ holds them; their prose is written for these tests."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from fuling.core.articlefile import read_article
from fuling.core.reporter import MemoryReporter
from fuling.ingest.seeds import ingest_all

REPORTS = Path(__file__).resolve().parent / "fixtures" / "reports"

# seed -> (date, title, byline, publication)
EXPECTED = {
    "a-datetime-source": ("2022-04-28", "长江岸线复绿工程完成过半", "□ 记者 唐一帆", "重庆日报"),
    "b-outlet-glued": ("2017-09-14", "页岩气田新井组投产 日产量再创新高", "", "国际在线"),
    "c-chinese-date-source": ("2022-07-22", "智能网联汽车测试道路再延长", "记者 欧阳一 刘二", "华龙网"),
    "d-spaced-date": ("2023-02-20", "科技型企业数量两年翻番", "记者 林小可", ""),
    "e-pipe-source": ("2023-02-21", "汽车零部件产量2.1万套", "□ 记者 蒲一舟", "区融媒体中心"),  # headline drafted
    "f-updated": ("2024-07-30", "夏季用电高峰来临 电网负荷创新高", "夏一涵", ""),
    "g-today": ("2021-12-18", "冬季旅游季开启 温泉景区迎客忙", "记者 叶知夏", ""),
    "h-month-day": ("2022-11-02", "榨菜收购价稳中有升 菜农增收有保障", "", "永川日报"),
    "i-no-date": ("2025-01-01", "电池材料产业链加速成形", "记者 蒋一川", ""),
    "j-saved-page": ("2022-03-15", "我市启动年度绿色工厂创建工作", "记者 叶知秋", "某某日报网"),
    "k-traditional": ("2022-12-30", "三十而立 產業園區從一張白紙到工業主戰場", "記者 歐陽晴 劉念", "新华网"),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the reports as a project's seeds/, ingested into an empty content/articles/."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(REPORTS, root / "seeds")
    (root / "content" / "articles").mkdir(parents=True)
    reporter = MemoryReporter()
    status = ingest_all(root / "seeds", root / "content" / "articles", reporter=reporter)
    articles = {p.stem.removeprefix("seed-"): read_article(p, root) for p in (root / "content" / "articles").glob("*.md")}
    return status, reporter.text, articles


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_each_report_gets_its_date_title_byline_and_outlet(project, seed):
    _, _, articles = project
    article = articles[seed]
    assert (str(article.date), article.title, article.byline, article.publication) == EXPECTED[seed]


def test_printed_dates_show_the_line_they_were_read_from(project):
    _, _, articles = project
    assert articles["a-datetime-source"].date_basis == "印刷日期：“2022-04-28 17:09:55 来源:重庆日报”"
    assert articles["g-today"].date_basis == "印刷日期：正文首段“今天(20211218日)”"
    assert not articles["a-datetime-source"].note


def test_a_report_without_a_date_is_dated_by_its_evidence_and_flagged(project):
    """Not the 2024-11-08 of the event it reports: 岁末年初 and 去年 put it in January 2025."""
    status, log, articles = project
    article = articles["i-no-date"]
    assert article.date == dt.date(2025, 1, 1)
    assert "去年" in article.date_basis and "2024年11月8日" in article.date_basis and "岁末年初" in article.date_basis
    assert "待编辑核实" in article.note
    assert "confirm it with date: 2025-01-01 in seeds/i-no-date.yaml" in log


def test_a_month_and_day_dateline_takes_its_year_from_the_text(project):
    _, _, articles = project
    article = articles["h-month-day"]
    assert "永川日报讯 11月2日" in article.date_basis and "2022（第五届）" in article.date_basis
    assert article.blocks[0].text.startswith("11月2日，记者从区农业农村委获悉")  # the day stays in its sentence


def test_datelines_bylines_and_captions_leave_the_body(project):
    _, _, articles = project
    agency = articles["c-chinese-date-source"]
    assert agency.blocks[0].text.startswith("盛夏时节，园区测试场里")
    assert [(c.text, c.credit) for c in agency.captions] == [("图为行驶在开放道路上的测试车辆。", "记者 刘二 摄")]
    assert agency.authors == ["欧阳一", "刘二"]
    assert articles["i-no-date"].blocks[0].text.startswith("岁末年初，走进区内")
    assert all("（夏一涵）" not in b.text for b in articles["f-updated"].blocks)
    assert articles["b-outlet-glued"].blocks[0].text.startswith("９月１３日，气田东部")


def test_traditional_report_keeps_its_characters_in_the_text(project):
    _, _, articles = project
    article = articles["k-traditional"]
    assert article.blocks[0].text == "臘月時節，園區裏一處處施工現場依然熱火朝天。"
    assert article.blocks[1].text.startswith("三十年來，園區建成面積從５平方公里")
    assert [(c.text, c.credit) for c in article.captions] == [("圖為產城融合發展的園區一角。", "記者 劉念 攝")]


def test_saved_page_is_its_article_without_the_site_furniture(project):
    _, _, articles = project
    page = articles["j-saved-page"]
    text = "".join(b.text for b in page.blocks)
    assert [b.text[:5] for b in page.blocks] == ["3月14日", "截至去年底", "据介绍，创"]
    for furniture in ("首页", "相关新闻", "ICP", "责任编辑", "字号", "版权"):
        assert furniture not in text
    assert page.date_basis == "印刷日期：“来源：某某日报网 更新时间：2022-03-15 06:23:41”"


def test_a_drafted_headline_is_flagged(project):
    _, log, articles = project
    assert "原文未印标题" in articles["e-pipe-source"].note
    assert "title: seed-e-pipe-source: none printed; drafted '汽车零部件产量2.1万套' from the first sentence — write title: … in seeds/e-pipe-source.yaml" in log


def test_the_report_that_cannot_be_dated_is_listed_and_the_others_are_written(project):
    status, log, articles = project
    assert status == 1
    errors = [line for line in log.splitlines() if line.startswith("error:")]
    assert errors == ["error: seeds/z-undated.txt:1: date: no publication date printed and no year in the text to "
                      "infer it from — add date: YYYY-MM-DD and date_basis: <the evidence> to seeds/z-undated.yaml"]
    assert sorted(articles) == sorted(EXPECTED)


def test_adding_the_sidecar_date_lets_the_report_in(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(REPORTS / "z-undated.txt", seeds)
    (seeds / "z-undated.yaml").write_text("slug: riverside-park-cherry\ndate: 2023-03-12\n"
                                          "date_basis: 编辑据原报版面日期核定\n", encoding="utf-8")
    reporter = MemoryReporter()
    assert ingest_all(seeds, tmp_path / "articles", reporter=reporter) == 0, reporter.text
    article = read_article(tmp_path / "articles" / "riverside-park-cherry.md", tmp_path)
    assert (article.date, article.date_basis, article.title) == (dt.date(2023, 3, 12), "编辑据原报版面日期核定", "江边公园又添新景")
