"""Ingest: seeds/*.txt -> content/articles/<slug>.md.

Every cleaning rule is tried on a small example taken from the seeds; the
whole seeds are checked for conservation (nothing lost, nothing invented),
bad input, byte-identical reruns and edited files being kept. The rules for
other newsrooms' reports (dates, masthead, sidecars, pages) have test files
of their own: tests/test_ingest_*.py.
"""
from __future__ import annotations

import collections
import datetime as dt
import re
import shutil
from pathlib import Path

import markdown
import pytest

from fuling.core.articlefile import read_article
from fuling.core.errors import ContentError
from fuling.core.reporter import MemoryReporter
from fuling.ingest import rules
from fuling.ingest.parse import parse_seed
from fuling.ingest.pieces import Move, PieceSpec, SeedSpec, read_sidecar, sidecar_path
from fuling.ingest.seeds import HASHES_FILE, ingest_all

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
BAD = Path(__file__).resolve().parent / "fixtures" / "seeds_bad"
THEMES = {"industry", "materials", "green", "innovation", "smart", "zhacai"}


def sidecar(name: str) -> SeedSpec:
    """The sidecar of a real seed, seeds/<name>.yaml."""
    errors: list[ContentError] = []
    spec = read_sidecar(sidecar_path(SEEDS_DIR / name), f"seeds/{name}", errors)
    assert spec is not None and not errors, errors
    return spec


SEEDS = {path.name: sidecar(path.name) for path in sorted(SEEDS_DIR.glob("*.txt"))}


# --- helpers -----------------------------------------------------------------

def parse(text: str, head=(("title", "笃行不怠建新功"),), moves=(), pieces=None):
    """Parse a seed snippet; `pieces` is a list of (slug, start, head). Returns (drafts, errors)."""
    pieces = tuple(
        PieceSpec(slug=slug, start=start, head=h, date=dt.date(2022, 3, 1), summary="", tags=())
        for slug, start, h in (pieces or [("snippet", "", head)])
    )
    errors: list[ContentError] = []
    drafts = parse_seed("snippet.txt", text, SeedSpec(pieces=pieces, moves=tuple(moves)), "seeds/snippet.txt", errors)
    return drafts, errors


def body(text: str, **kwargs):
    drafts, errors = parse(text, **kwargs)
    assert not errors, errors
    return [(b.kind, b.text) for b in drafts[0].blocks], drafts[0]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """The real seeds ingested once into a temporary articles folder."""
    out = tmp_path_factory.mktemp("articles")
    reporter = MemoryReporter()
    assert ingest_all(SEEDS_DIR, out, force=False, reporter=reporter) == 0, reporter.text
    return {p.stem: read_article(p, out) for p in sorted(out.glob("*.md"))}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def seed_text_without_markup(name: str) -> str:
    """The seed with Markdown marks (`## `, `- `) removed: those are layout, not text."""
    lines = (SEEDS_DIR / name).read_text(encoding="utf-8").split("\n")
    return squash("".join(re.sub(r"^(#+|-)\s+", "", line.strip()) for line in lines))


# --- line rules ----------------------------------------------------------------

def test_line_cut_mid_word_is_not_a_sentence_end():
    assert not rules.ends_sentence("这份亮眼成绩单，呈现在绿色发展的底色上，由创")  # seed 000
    assert not rules.ends_sentence("积极推进产业结构高端化、产业现代化，提")
    assert not rules.ends_sentence("截至目前全区524")


def test_sentence_end_punctuation_and_closing_quotes_end_a_line():
    assert rules.ends_sentence("新发展的新动能催生。")
    assert rules.ends_sentence("“预计全面达产后，年均工业总产值将提升至50亿元，利润总额超过3亿元。”")
    assert rules.ends_sentence("建成全市最具影响力的新能源产业创新基地……")
    assert rules.ends_sentence("实现弯道超车！")


def test_colon_ends_a_paragraph_but_not_a_sentence():
    line = "为此,从能耗角度对涪陵工业实现碳达峰碳中和提出以下对策建议:"  # seed 004
    assert not rules.ends_sentence(line)
    assert rules.ends_block(line)


def test_broken_word_is_joined_across_blank_lines():
    blocks, _ = body("笃行不怠建新功\n\n这份亮眼成绩单，呈现在绿色发展的底色上，由创\n\n新发展的新动能催生。\n")
    assert blocks == [("p", "这份亮眼成绩单，呈现在绿色发展的底色上，由创新发展的新动能催生。")]


def test_whitespace_only_lines_count_as_blank_when_joining():
    seed = "笃行不怠建新功\n\n促进新能源公交车逐步实现全覆盖。截至目前全区524\n\n \n\n\n辆公交车中，纯电动公交车368辆。\n"  # seed 000
    blocks, _ = body(seed)
    assert blocks == [("p", "促进新能源公交车逐步实现全覆盖。截至目前全区524辆公交车中，纯电动公交车368辆。")]


def test_single_newlines_separate_paragraphs_unless_the_line_is_broken():
    seed = (  # seed 002: no blank line between paragraphs, half-width commas
        "科创有质量 产业更兴旺\n"
        "科技是国家强盛之基,创新是民族进步之魂。\n"
        "长江师范学院研发的“连续面形微光学芯片关键技术与应用”获2022年第\n\n"
        "八届“中国光学工程学会科技创新奖科技进步奖”一等奖。\n"
    )
    blocks, _ = body(seed, head=(("title", "科创有质量 产业更兴旺"),))
    assert blocks == [
        ("p", "科技是国家强盛之基,创新是民族进步之魂。"),
        ("p", "长江师范学院研发的“连续面形微光学芯片关键技术与应用”获2022年第八届“中国光学工程学会科技创新奖科技进步奖”一等奖。"),
    ]


def test_long_line_with_a_comma_is_a_broken_sentence_not_a_heading():
    seed = "笃行不怠建新功\n\n在涪陵慧谷湖科创小镇，涪陵页岩气与新能源科创产业园前期筹划正紧张\n\n推进。作为我市首个新能源科创产业园。\n"
    blocks, _ = body(seed)
    assert blocks == [("p", "在涪陵慧谷湖科创小镇，涪陵页岩气与新能源科创产业园前期筹划正紧张推进。作为我市首个新能源科创产业园。")]


def test_enumeration_comma_line_is_a_broken_sentence_not_a_heading():
    seed = "笃行不怠建新功\n\n加快绿色设计产品、绿色工厂、绿色园区、绿色产业供\n\n应链等绿色制造体系建设。\n"  # seed 004
    blocks, _ = body(seed)
    assert blocks == [("p", "加快绿色设计产品、绿色工厂、绿色园区、绿色产业供应链等绿色制造体系建设。")]


def test_paragraph_cut_before_a_heading_stays_cut_and_is_noted():
    seed = (  # seed 002: the rest of this paragraph was not printed
        "科创有质量 产业更兴旺\n"
        "智能科技领域,涪陵全力做优先进装备制造产业,着力构建吉利涪陵12GWh动力电池为支撑的新能源及智能网联\n\n"
        "致力科创引领 创新生态持续优化\n\n"
        "紧扣三大方向,涪陵扎实推进科技创新。\n"
    )
    blocks, draft = body(seed, head=(("title", "科创有质量 产业更兴旺"),))
    assert [k for k, _ in blocks] == ["p", "h2", "p"]
    assert blocks[0][1].endswith("新能源及智能网联")
    assert "p1止于“…新能源及智能网联”" in draft.meta()["note"]


# --- captions, credits, headings ----------------------------------------------

def test_label_after_two_blank_lines_is_a_caption():
    assert rules.label_is_caption("涪陵高新区", blank_lines_before=3)  # seed 000
    assert not rules.label_is_caption("交通", blank_lines_before=1)  # seed 000 sidebar heading


def test_label_naming_a_photographed_thing_is_a_caption():
    for caption in ("国药太极涪陵制药厂生产车间", "慧谷湖科创小镇效果图", "华为涪陵云计算大数据中心",
                    "人工智能与数字经济产业园", "重庆华峰化工有限公司中心控制室", "华峰己二酸扩建项目(六期)生产装备",
                    "规划建设中的涪陵慧谷湖科创小镇"):
        assert rules.label_is_caption(caption, blank_lines_before=1), caption
    for heading in ("核心提示", "地方声音", "2024发展目标"):
        assert not rules.label_is_caption(heading, blank_lines_before=1), heading


def test_two_part_label_is_a_heading_even_when_it_ends_like_a_caption():
    assert rules.is_two_part_heading("结构之变 以“补链”促“强群” 新兴产业成为现代产业强支撑")
    assert not rules.label_is_caption("强化一个引擎 升级建设国家级高新区", blank_lines_before=1)  # ends with 高新区
    assert not rules.label_is_caption("制造焕新 传统产业勃发新动能", blank_lines_before=3)


def test_caption_inside_a_broken_sentence_goes_to_front_matter_and_the_sentence_joins():
    seed = (  # seed 003
        "含新量+含绿量=含金量\n\n"
        "每年，中化涪陵会产生120万吨左右的磷石膏，在环保搬迁之前，这些磷石\n\n\n\n"
        "位于涪陵区的重庆华峰新材料产业园。(涪陵区委宣传部供图)\n\n"
        "膏被堆积在长江边上，形成一座巨大的石膏堆场。\n"
    )
    blocks, draft = body(seed, head=(("title", "含新量+含绿量=含金量"),))
    assert blocks == [("p", "每年，中化涪陵会产生120万吨左右的磷石膏，在环保搬迁之前，这些磷石膏被堆积在长江边上，形成一座巨大的石膏堆场。")]
    assert draft.meta()["captions"] == [{"text": "位于涪陵区的重庆华峰新材料产业园。", "credit": "(涪陵区委宣传部供图)"}]


def test_picture_credit_line_is_the_credit_of_every_caption():
    seed = "笃行不怠建新功\n\n\n\n涪陵高新区\n\n正文一句。\n\n赵童 刘玉珮 董楠\n图片由涪陵区委宣传部提供\n"
    blocks, draft = body(seed)
    assert blocks == [("p", "正文一句。")]
    meta = draft.meta()
    assert meta["credit"] == "图片由涪陵区委宣传部提供"
    assert meta["captions"] == [{"text": "涪陵高新区", "credit": "图片由涪陵区委宣传部提供"}]
    assert meta["authors"] == ["赵童", "刘玉珮", "董楠"]


def test_photographer_credit_names_the_author_of_a_picture_story():
    assert rules.is_credit("武陵都市报首席记者 杨敏 摄")  # seed 003
    assert rules.parse_photo_credit("武陵都市报首席记者 杨敏 摄") == (["杨敏"], "武陵都市报")
    assert rules.parse_photo_credit("图片由涪陵区委宣传部提供") == ([], "")
    assert not rules.is_credit("涪陵高新区")


def test_bylines_give_authors_and_publication():
    assert rules.parse_byline("□ 重庆日报记者 左黎韵") == (["左黎韵"], "重庆日报")
    assert rules.parse_byline("□任杰") == (["任杰"], "")
    assert rules.parse_byline("据《重庆日报》") == ([], "重庆日报")
    assert rules.parse_byline("赵童 刘玉珮 董楠") == (["赵童", "刘玉珮", "董楠"], "")
    assert rules.parse_byline("积蓄新优势 催生新动能 探索新模式") is None  # a deck, not names
    assert rules.parse_byline("两江福地 神奇涪陵 产业强区 创新高地 报告封面") is None


def test_author_note_in_either_bracket_width():
    assert rules.is_author_note("(作者系涪陵区政府办公室副主任)")
    assert rules.is_author_note("（作者系涪陵区政府办公室副主任）")
    assert not rules.is_author_note("(涪陵区委宣传部供图)")


def test_comma_heading_followed_by_a_paragraph_is_a_heading():
    seed = (  # seed 003
        "含新量+含绿量=含金量\n\n努力走出一条绿色高质量发展之路。\n\n"
        "增强“含新量”，为产业发展注入科技创新新动力\n\n"
        "走进万凯新材料产品陈列厅，各式各样的保鲜盒、包装瓶让人目不暇接。\n"
    )
    blocks, _ = body(seed, head=(("title", "含新量+含绿量=含金量"),))
    assert [k for k, _ in blocks] == ["p", "h2", "p"]
    assert blocks[1][1] == "增强“含新量”，为产业发展注入科技创新新动力"


def test_sentence_start_split_around_a_heading_is_joined_after_the_heading():
    seed = (  # seed 001: the heading sits inside the sentence
        "3万亿后再出发\n\n稳坐全球首位。\n\n"
        "以创新为第一生产力，华峰勇闯技术\n\n"
        "突破发展 现代产业蓄积新优势\n\n"
        "“无人区”的发展路径，是涪陵现代产业锻造新质生产力的一个生动缩影。\n"
    )
    blocks, _ = body(seed, head=(("title", "3万亿后再出发"),))
    assert blocks == [
        ("p", "稳坐全球首位。"),
        ("h2", "突破发展 现代产业蓄积新优势"),
        ("p", "以创新为第一生产力，华峰勇闯技术“无人区”的发展路径，是涪陵现代产业锻造新质生产力的一个生动缩影。"),
    ]


def test_markdown_heading_marks_become_section_headings():
    seed = "## 能耗精控助力工业碳达峰碳中和\n\n□陈海叶\n\n正文。\n\n### 开展绿色发展专项行动,提升能源利用效率\n\n开展工业节能监察专项行动。\n"
    blocks, draft = body(seed, head=(("title", "能耗精控助力工业碳达峰碳中和"),))
    assert blocks[1] == ("h2", "开展绿色发展专项行动,提升能源利用效率")
    assert draft.meta()["authors"] == ["陈海叶"]


def test_headline_kicker_and_subtitle_printed_on_one_line_are_split():
    seed = "“科创+”“绿色+”推动涪陵制造业高质量发展 含新量+含绿量=含金量\n\n□ 重庆日报记者 左黎韵\n\n正文。\n"
    _, draft = body(seed, head=(("kicker", "“科创+”“绿色+”推动涪陵制造业高质量发展"), ("title", "含新量+含绿量=含金量")))
    meta = draft.meta()
    assert (meta["kicker"], meta["title"], meta["publication"], meta["authors"]) == (
        "“科创+”“绿色+”推动涪陵制造业高质量发展", "含新量+含绿量=含金量", "重庆日报", ["左黎韵"])


def test_stray_bold_marks_in_list_items_are_kept_but_escaped():
    """Seed 001 prints `- 总体规模：**规上…`: the `**` stays as printed and is
    escaped, so Markdown shows two asterisks instead of opening broken bold."""
    seed = "3万亿后再出发\n\n2024发展目标\n\n- 总体规模：**规上工业产值突破2700亿元。\n- 质量效益：**工业增加值增长10%。\n"
    blocks, _ = body(seed, head=(("title", "3万亿后再出发"),))
    assert blocks[1] == ("li", r"总体规模：\*\*规上工业产值突破2700亿元。")
    html = markdown.markdown("\n".join(f"- {text}" for kind, text in blocks if kind == "li"))
    assert "<strong>" not in html and "总体规模：**规上工业产值突破2700亿元。" in html
    assert rules.unescape_markdown(blocks[1][1]) == "总体规模：**规上工业产值突破2700亿元。"


def test_moved_lines_are_appended_to_their_own_piece_in_table_order():
    seed = (
        "## 甲文\n\n□任杰\n\n强化联通功能,高起点融入。\n\n"
        "## 乙文\n\n□彭国栋\n\n以“懂你”的标准打造投资洼地。建好用好涪陵综保区、龙头港等对外\n\n"
        "强化支撑功能,高水平融入。\n\n(作者系涪陵区发展和改革委员会课题组成员)\n"
    )
    drafts, errors = parse(
        seed,
        pieces=[("a", "## 甲文", (("title", "甲文"),)), ("b", "## 乙文", (("title", "乙文"),))],
        moves=(Move("强化支撑功能", "a", ""), Move("(作者系涪陵区发展和改革委员会课题组成员)", "a", "")),
    )
    assert not errors
    a, b = drafts
    assert [blk.text[:6] for blk in a.blocks] == ["强化联通功能", "强化支撑功能"]
    assert a.meta()["author_note"] == "(作者系涪陵区发展和改革委员会课题组成员)"
    assert b.meta()["author_note"] == "" and b.blocks[-1].text.endswith("对外")
    assert "p1止于“…" in b.meta()["note"]


def test_move_that_matches_no_line_is_an_error():
    _, errors = parse("笃行不怠建新功\n\n正文。\n", moves=(Move("强化支撑功能", "snippet", ""),))
    assert errors and "强化支撑功能" in str(errors[0])


# --- the real seeds --------------------------------------------------------------

def articles_table() -> list[tuple[str, str, str]]:
    """(seed, slug, place) rows of docs/articles.md."""
    rows = []
    for line in (ROOT / "docs" / "articles.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].endswith(".txt"):
            rows.append((cells[0], cells[1], cells[3]))
    return rows


def test_every_article_of_docs_articles_md_is_produced_with_its_seed_and_place(ingested):
    table = articles_table()
    assert len(table) == 18
    assert {slug for _, slug, _ in table} == set(ingested)
    for seed, slug, place in table:
        assert (ingested[slug].seed, ingested[slug].place) == (seed, place), slug


def test_front_matter_is_complete(ingested):
    for slug, article in ingested.items():
        assert article.title and article.summary, slug
        assert set(article.tags) <= THEMES and article.tags, slug
        assert article.date_basis, slug  # no seed prints its date
        for block in article.blocks:
            assert block.text.strip(), (slug, block.anchor)
        assert [b.anchor for b in article.blocks] == [f"p{n}" for n in range(1, len(article.blocks) + 1)]


def test_dates_follow_the_evidence_in_each_seed(ingested):
    assert str(ingested["three-changes"].date) == "2022-03-01"  # 去年 = 2021
    assert str(ingested["new-productive-forces"].date) == "2024-03-05"  # 2024全国两会
    assert ingested["innovation-system"].date.isoformat().startswith("2022-10")  # 1月-9月 data
    assert str(ingested["green-manufacturing"].date) == "2022-09-20"  # items dated 9月17-19日
    assert ingested["cppcc-papers"].date.isoformat().startswith("2021-10")  # 10月20日 meeting, 2020 data
    for article in ingested.values():
        if article.seed.startswith("003_"):
            assert str(article.date) == "2022-09-20"


def test_short_items_of_seed_003_are_about_their_own_place(ingested):
    items = [a for a in ingested.values() if a.seed.startswith("003_") and a.slug != "green-manufacturing"]
    assert len(items) == 6
    for article in items:
        assert article.place != "涪陵区"
        assert "涪陵" not in article.title
    assert ingested["science-city-tech-firms"].publication == "重庆日报"
    assert ingested["qianjiang-park"].authors == ["杨敏"]
    assert ingested["yongchuan-harmonyos-aiot"].authors == ["冉能全"]
    assert ingested["green-manufacturing"].authors == ["左黎韵"]


def test_op_eds_are_reassembled_by_argument(ingested):
    pivot = ingested["strategic-pivot-city"]
    assert [b.text[:6] for b in pivot.blocks][-5:] == ["强化联通功能", "强化支撑功能", "强化融合功能", "强化撬动功能", "强化辐射功能"]
    assert pivot.author_note == "(作者系涪陵区发展和改革委员会课题组成员)" and pivot.authors == ["任杰"]
    smart = ingested["smart-manufacturing"]
    assert [b.text[:4] for b in smart.blocks][-5:] == ["立足“换", "着力“增", "协同“联", "找准“融", "全面“引"]
    assert smart.author_note == "(作者系涪陵区政府办公室副主任)" and smart.authors == ["甘立磊"]
    assert ingested["energy-carbon-peak"].author_note == "(作者系涪陵区经信委工业节能与综合利用科科长)"
    assert ingested["city-intelligent-agent"].author_note == "(作者系涪陵区大数据发展局数据信息科科长)"
    promotion = ingested["investment-promotion"]
    assert promotion.blocks[-1].text.endswith("建好用好涪陵综保区、龙头港等对外") and promotion.author_note == ""
    assert ingested["zhacai-highland"].blocks[-1].text.endswith("在长江南北公路沿线打造种植加工示范观光体验带;建")


def test_truncated_pieces_say_so_in_front_matter():
    name = "004_9415d643239be4de.txt"
    errors: list[ContentError] = []
    drafts = parse_seed(name, (SEEDS_DIR / name).read_text(encoding="utf-8"), SEEDS[name], name, errors)
    assert not errors
    notes = {d.spec.slug: d.meta().get("note", "") for d in drafts}
    assert "…区、龙头港等对外”" in notes["investment-promotion"] and "后文未印出" in notes["investment-promotion"]
    assert "观光体验带;建”" in notes["zhacai-highland"]
    assert notes["strategic-pivot-city"] == "" and notes["energy-carbon-peak"] == ""  # ends with a colon before a heading


def test_headings_and_captions_of_the_seeds(ingested):
    headings = {slug: [b.text for b in a.blocks if b.kind == "h2"] for slug, a in ingested.items()}
    assert headings["three-changes"] == [
        "结构之变 以“补链”促“强群” 新兴产业成为现代产业强支撑",
        "动力之变 从“制造”到“智造” 创新驱动成为提质增效新动能",
        "理念之变 用“转型”换“双赢” 绿色发展成为提档升级快车道",
    ]
    assert headings["smart-green-life"] == ["交通", "城市", "生态"]
    assert headings["new-productive-forces"] == [
        "核心提示", "突破发展 现代产业蓄积新优势", "制造焕新 传统产业勃发新动能",
        "靶向未来 科技创新走出新模式", "2024发展目标", "地方声音",
    ]
    captions = {slug: [c.text for c in a.captions] for slug, a in ingested.items()}
    assert captions["three-changes"] == ["涪陵高新区", "重庆华峰化工有限公司中心控制室", "规划建设中的涪陵慧谷湖科创小镇"]
    assert captions["new-productive-forces"] == ["国药太极涪陵制药厂生产车间", "卡深科技生产车间", "华峰己二酸扩建项目(六期)生产装备"]
    assert captions["innovation-system"] == ["慧谷湖科创小镇效果图", "华为涪陵云计算大数据中心", "人工智能与数字经济产业园", "太极集团中成药生产车间"]
    new = ingested["new-productive-forces"]
    assert (new.title, new.kicker, new.subtitle) == ("涪陵 加快形成新质生产力", "2024全国两会特别报道", "积蓄新优势 催生新动能 探索新模式")


# --- conservation: nothing lost, nothing invented -----------------------------------

def _runs(block: str, seed: str) -> int:
    """How many contiguous pieces of `seed` the block is made of (greedy)."""
    count, rest = 0, block
    while rest:
        size = 1
        if seed.find(rest[:1]) < 0:
            return 99
        while size < len(rest) and seed.find(rest[: size + 1]) >= 0:
            size += 1
        rest, count = rest[size:], count + 1
    return count


def test_articles_hold_exactly_the_seed_text(tmp_path):
    out = tmp_path / "articles"
    assert ingest_all(SEEDS_DIR, out, force=False, reporter=MemoryReporter()) == 0
    by_seed: dict[str, list] = collections.defaultdict(list)
    for path in sorted(out.glob("*.md")):
        article = read_article(path, tmp_path)
        by_seed[article.seed].append((path, article))
    assert set(by_seed) == set(SEEDS)
    for seed, articles in by_seed.items():
        printed = seed_text_without_markup(seed)
        joined = ""
        for path, article in articles:
            import yaml

            meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
            moved = [meta.get(k) or "" for k in ("title", "kicker", "subtitle", "series", "banner", "byline", "credit", "author_note")]
            moved += [c.text for c in article.captions]
            moved += sorted({c.credit for c in article.captions} - {meta.get("credit") or ""})
            text = [rules.unescape_markdown(b.text) for b in article.blocks]
            joined += squash("".join(moved + text))
            # in order within each article: every block is one run of the seed, or
            # two where a caption or heading interrupted a sentence ...
            for block in article.blocks:
                assert _runs(squash(rules.unescape_markdown(block.text)), printed) <= 2, (article.slug, block.anchor)
            # ... and paragraphs follow the seed, except lines the table moves (a
            # heading may come before the sentence the layout printed it inside)
            moved_openings = tuple(m.opening for m in SEEDS[seed].moves)
            position = 0
            for block in article.blocks:
                if block.kind != "h2" and not block.text.startswith(moved_openings):
                    position = printed.find(squash(rules.unescape_markdown(block.text))[:12], position)
                    assert position >= 0, (article.slug, block.anchor)
        assert collections.Counter(joined) == collections.Counter(printed), seed


# --- bad input ----------------------------------------------------------------------

@pytest.mark.parametrize("fixture, problem", [
    ("empty.txt", "empty seed"),
    ("whitespace_only.txt", "empty seed"),
    ("not_utf8.txt", "not UTF-8"),
    ("no_headline.txt", "no publication date printed"),  # the headline is drafted; no year to date it by
])
def test_bad_seed_gives_one_error_line_and_the_others_are_still_written(tmp_path, fixture, problem):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS_DIR / "000_97d5d91bcd0bf5e6.txt", seeds)  # a good seed beside the bad one
    shutil.copy(SEEDS_DIR / "000_97d5d91bcd0bf5e6.yaml", seeds)
    shutil.copy(BAD / fixture, seeds)
    out = tmp_path / "content" / "articles"
    out.mkdir(parents=True)
    (out / "keep.md").write_text("untouched\n", encoding="utf-8")
    reporter = MemoryReporter()
    assert ingest_all(seeds, out, force=False, reporter=reporter) == 1
    errors = [line for line in reporter.text.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and f"seeds/{fixture}" in errors[0] and problem in errors[0], reporter.text
    assert sorted(p.name for p in out.glob("*.md")) == ["keep.md", "smart-green-life.md", "three-changes.md"]
    assert (out / "keep.md").read_text(encoding="utf-8") == "untouched\n"
    assert "1 seed(s) not ingested" in reporter.text


def test_report_without_a_date_names_the_sidecar_key_to_add():
    errors: list[ContentError] = []
    text = (BAD / "no_headline.txt").read_text(encoding="utf-8")
    assert parse_seed("no_headline.txt", text, None, "seeds/no_headline.txt", errors) == []
    assert [str(e) for e in errors] == [
        "seeds/no_headline.txt:1: date: no publication date printed and no year in the text to infer it from"
        " — add date: YYYY-MM-DD and date_basis: <the evidence> to seeds/no_headline.yaml"]


def test_all_bad_seeds_are_reported_together(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(BAD, seeds)
    reporter = MemoryReporter()
    assert ingest_all(seeds, tmp_path / "articles", force=False, reporter=reporter) == 1
    assert len([line for line in reporter.text.splitlines() if line.startswith("error:")]) == 4
    assert not (tmp_path / "articles").exists()


def test_seed_without_a_sidecar_becomes_one_article_dated_after_its_event(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "005_new.txt").write_text("涪陵新闻\n\n2023年5月1日，涪陵举行活动。\n", encoding="utf-8")
    out = tmp_path / "articles"
    reporter = MemoryReporter()
    assert ingest_all(seeds, out, force=False, reporter=reporter) == 0
    article = read_article(out / "seed-005-new.md", tmp_path)
    # the only date is an event's: the report appeared after it, and the editor is asked to confirm
    assert (article.title, str(article.date), [b.text for b in article.blocks]) == (
        "涪陵新闻", "2023-05-02", ["2023年5月1日，涪陵举行活动。"])
    assert "推定" in article.note and "2023年5月1日" in article.date_basis
    assert "confirm it with date: 2023-05-02 in seeds/005_new.yaml" in reporter.text


# --- reruns and edits -----------------------------------------------------------------

def test_rerun_on_unchanged_seeds_changes_no_byte(tmp_path):
    out = tmp_path / "articles"
    assert ingest_all(SEEDS_DIR, out, force=False, reporter=MemoryReporter()) == 0
    first = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()}
    reporter = MemoryReporter()
    assert ingest_all(SEEDS_DIR, out, force=False, reporter=reporter) == 0
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()} == first
    assert "0 written, 18 unchanged, 0 kept" in reporter.text


def test_committed_articles_are_what_ingest_writes():
    """content/articles/ is ingest's output, except files recorded as edited by a person."""
    import json

    from fuling.ingest.seeds import render_articles

    errors: list[ContentError] = []
    files = render_articles(SEEDS_DIR, errors)
    assert not errors
    hashes = json.loads((ROOT / "content" / "articles" / HASHES_FILE).read_text(encoding="utf-8"))
    for name, text in files.items():
        current = (ROOT / "content" / "articles" / name).read_bytes()
        import hashlib

        edited = hashlib.sha256(current).hexdigest() != hashes.get(name)
        assert edited or current == text.encode("utf-8"), name


def test_edited_article_is_kept_unless_forced(tmp_path):
    out = tmp_path / "articles"
    assert ingest_all(SEEDS_DIR, out, force=False, reporter=MemoryReporter()) == 0
    path = out / "three-changes.md"
    edited = path.read_text(encoding="utf-8").replace("早春时节", "早春时节（编辑改）")
    path.write_text(edited, encoding="utf-8")
    reporter = MemoryReporter()
    assert ingest_all(SEEDS_DIR, out, force=False, reporter=reporter) == 0
    assert path.read_text(encoding="utf-8") == edited
    assert "kept" in reporter.text and "three-changes.md" in reporter.text and "--force" in reporter.text
    reporter = MemoryReporter()
    assert ingest_all(SEEDS_DIR, out, force=True, reporter=reporter) == 0
    assert "编辑改" not in path.read_text(encoding="utf-8")
    assert "wrote" in reporter.text and "three-changes.md" in reporter.text


def test_article_not_edited_by_a_person_follows_a_changed_seed(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS_DIR / "000_97d5d91bcd0bf5e6.txt", seeds)
    shutil.copy(SEEDS_DIR / "000_97d5d91bcd0bf5e6.yaml", seeds)
    out = tmp_path / "articles"
    assert ingest_all(seeds, out, force=False, reporter=MemoryReporter()) == 0
    seed = seeds / "000_97d5d91bcd0bf5e6.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("早春时节", "初春时节"), encoding="utf-8")
    reporter = MemoryReporter()
    assert ingest_all(seeds, out, force=False, reporter=reporter) == 0
    assert "初春时节" in (out / "three-changes.md").read_text(encoding="utf-8")
    assert "1 written" in reporter.text and "0 kept" in reporter.text


def test_a_page_date_weeks_after_the_agencys_dateline_is_a_reprint_and_the_dateline_dates_the_report(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "reprint.txt").write_text(
        "丰都聚焦“四新”产业\n\n发布时间:2024-11-22 05:16:48 来源: 转载\n\n"
        "中新网重庆8月13日电 （记者 马文娟）13日，丰都县举行新闻发布会。\n", encoding="utf-8")
    # a newspaper printing an agency's report the day after its dateline keeps the page's date
    (seeds / "next_day.txt").write_text(
        "城口签约17个项目\n\n2023-03-28 10:12:05　来源：重庆日报\n\n"
        "新华社重庆3月27日电（记者 苏明远）3月27日，城口县举办签约活动。\n", encoding="utf-8")
    # but the agency's own copy, posted on a portal the next morning, is of the dateline's day
    (seeds / "agency_copy.txt").write_text(
        "城口今年确保农业总产值达到9.5亿元\n\n发布时间：2012-04-19 09:14:26　来源：新华网重庆频道\n\n"
        "新华网重庆频道4月18日电（通讯员 罗世清）城口县今年将做大农林特色产业。\n", encoding="utf-8")
    out = tmp_path / "articles"
    assert ingest_all(seeds, out, force=False, reporter=MemoryReporter()) == 0
    reprint = read_article(out / "seed-reprint.md", tmp_path)
    assert str(reprint.date) == "2024-08-13" and "转载" in reprint.date_basis
    assert str(read_article(out / "seed-next-day.md", tmp_path).date) == "2023-03-28"
    copy = read_article(out / "seed-agency-copy.md", tmp_path)
    assert str(copy.date) == "2012-04-18" and "新华网重庆频道4月18日电" in copy.date_basis


def test_a_saved_page_reprinting_an_agencys_copy_is_dated_by_the_dateline(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "reprint.html").write_text(
        "<html><head><title>重庆前三季度经济稳中有进</title><meta name=\"publishdate\" content=\"2024-11-21\"></head><body>"
        "<h1>重庆前三季度经济稳中有进</h1><div class=\"content\"><p>发布时间：2024-11-21 09:12 来源：转载</p>"
        "<p>中新网重庆10月22日电 （记者 钟旖）22日，重庆市统计局发布前三季度经济运行情况。全市地区生产总值增长6.0%，"
        "规模以上工业增加值增长7.9%，固定资产投资增长1.7%。</p></div></body></html>", encoding="utf-8")
    out = tmp_path / "articles"
    assert ingest_all(seeds, out, force=False, reporter=MemoryReporter()) == 0
    article = read_article(next(out.glob("*.md")), tmp_path)
    assert str(article.date) == "2024-10-22" and "转载" in article.date_basis


def test_a_labelled_date_line_below_a_pages_contact_card_dates_the_report():
    """A directory page prints its office's card (area, hours, telephone and address) above its
    `更新时间` line: the card is the first paragraph, and the date line below it is still the
    page's source line, not text of the report."""
    text = ("某某区人民政府\n地区：某某区　分类：政府机构 > 人民政府\n"
            "工作时间：上午9:00—12:30，下午14:00—18:00（周一至周五，节假日除外）\n"
            "电话：(023)60000000　地址：重庆市某某区某某路126号\n更新时间：2022-03-18 10:26:41\n\n"
            "某某区地处重庆主城区西南部，濒临长江。全区幅员面积103平方公里，常住人口42万。\n\n"
            "清朝道光年间，长江北岸设有义渡，某某由此得名。1965年，某某正式设区。\n\n"
            "2021年，全区生产总值310.4亿元，增长8.8%；规模以上工业增加值增长22.7%。\n")
    errors: list[ContentError] = []
    drafts = parse_seed("card.txt", text, None, "seeds/card.txt", errors)
    assert errors == []
    assert drafts[0].date.date == dt.date(2022, 3, 18) and not drafts[0].date.inferred
    assert not any("更新时间" in block.text for block in drafts[0].blocks)


def test_a_papers_page_line_above_its_own_dateline_dates_the_issue_not_the_event(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "weekly.txt").write_text(
        "永川日报　2024年08月30日　第02版：要闻\n\n永川7个项目集中开工投产 总投资150亿元\n\n"
        "本报讯 8月21日，全市2024年8月重大项目集中开工暨投产活动举行，永川区设分现场。\n", encoding="utf-8")
    out = tmp_path / "articles"
    assert ingest_all(seeds, out, force=False, reporter=MemoryReporter()) == 0
    assert str(read_article(next(out.glob("*.md")), tmp_path).date) == "2024-08-30"


def test_a_reprint_is_dated_by_the_first_printing_its_note_names(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "reprint.txt").write_text(
        "上半年万州接待游客超千万人次\n\n2018-08-21 10:14:50　来源：三峡传媒\n\n"
        "（记者 冉启舟）7月29日，记者从万州区旅游局了解到，1—6月，来万州的游客达到1063.76万人次。\n\n"
        "（本文原载2018年7月30日《三峡都市报》第2版，本网转载时有删节）\n", encoding="utf-8")
    out = tmp_path / "articles"
    assert ingest_all(seeds, out, force=False, reporter=MemoryReporter()) == 0
    article = read_article(next(out.glob("*.md")), tmp_path)
    assert str(article.date) == "2018-07-30" and "原载" in article.date_basis


def test_a_dateline_opening_the_paragraph_after_an_editors_note_dates_the_report(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "note.txt").write_text(
        "江津要率先建成同城化发展先行区\n\n编者按：2021年1月20日至1月25日，重庆市两会召开。本网推出系列报道。\n\n"
        "华龙网-新重庆客户端1月22日15时30分讯（记者 柯予）1月21日，重庆市五届人大四次会议开幕。\n", encoding="utf-8")
    out = tmp_path / "articles"
    assert ingest_all(seeds, out, force=False, reporter=MemoryReporter()) == 0
    article = read_article(next(out.glob("*.md")), tmp_path)
    assert str(article.date) == "2021-01-22" and "编者按" in (out / next(out.glob("*.md")).name).read_text(encoding="utf-8")
