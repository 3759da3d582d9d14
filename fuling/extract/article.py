"""Turn one article into proposed fact records (plain dicts in the fact-file format).

Every paragraph is read twice over: the rules read its rule text (Simplified,
half-width digits: printed.py), the quote is cut from the print. A figure whose
metric no rule knows gets a drafted catalogue entry (drafts.py), never
`unclassified`: `Proposal.metric_draft` carries it, and the record's `metric`
is the drafted key. How far a plan is carried out (投资完成率, 投资进度, 占年度计划投资的73%,
超出时序进度) is one drafted metric, a quarter's plan another; an amount invested in the
project named after it (投资200亿元的…项目) is its project_investment.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from fuling.core.model import Article
from fuling.extract.clauses import (
    CLAUSE_END,
    SEGMENT_END,
    SENTENCE_END,
    Where,
    last_listed_item,
    last_of,
    listed_items,
    quote,
    respective_item,
    respectively,
)
from fuling.extract.drafts import (
    MetricDraft,
    attribute_label,
    draft_metric,
    metric_label,
)
from fuling.extract.figures import Figure, find_figures
from fuling.extract.metrics import BY_KEY, MONEY, RELATIVE, MetricRule, best_rule, is_count, rule_for_unit
from fuling.extract.printed import printed_name, rule_text
from fuling.extract.subjects import (
    Memory,
    listed_name,
    listed_subject,
    printed_forms,
    subject_of,
    subject_slug,
    tallied_subject,
)
from fuling.extract.timemarks import TimeMark, time_marks
from fuling.extract.timing import choose_mark, ellipsis_scope, figure_period, year_before
from fuling.extract.words import CAPACITY_TO_BUILD, bound_of, change_sign, count_measure, kind_of, relative_measure

# Parts of programme names that look like counts: the 8 of 1+2+8+N, the 9 of 2349.
NOT_FIGURES = re.compile(r"^(?:8个产业科创基地|9个“新星”产业集群|三个主攻方向|三大方向)")
GENERIC_LABEL = re.compile(r"^(?:占|按照|首|第)|^(?:产值|产量|年产量|总量|规模|增速|增幅|比重|份额|总额)$")
EVENT_VERBS = re.compile(r"引进|签约|开工|新上马|落地|招引")
# 汽摩及零部件产业表现抢眼，全年实现规上工业产值…: the output is the sector's
SECTOR = re.compile(r"(?:^|[，,。；;])([\u4e00-\u9fff]{2,10}?)产业(?!链|集群|项目|园|基地)(?=[\u4e00-\u9fff]{0,6}[，,])")
GENERIC_SECTOR = re.compile(r"^(?:战略性新兴|支柱|主导|新兴|工业|传统|优势|重点|特色)")
SECTOR_OF = ("industrial_output", "industrial_gross_output")
# a total to a date: 截至今年5月底…已生产销售…17.68万辆 is the count on 31 May; 6月末…存贷款余额, 生猪存栏
TOTAL_WORDS = re.compile(r"累计|已|余额|存栏")
# projects in talks, in the pipeline or under construction: what stands at the end of the span
STANDING_STOCK = re.compile(r"在谈|在库|在建")
# firms a place has under a past year stand at its end; those it gained, brought in or had named in it are the year's
FIRM_UNITS = ("家", "户", "万户")
FIRMS_ADDED = re.compile(r"新增|新培育|新认定|新登记|新引进|引进|落户|入驻|招引|签约|新设|获|入选|认定|评为|首店|新开|开业|投产|培育")
# what a place has, or has risen to, under a past year (全区拥有国家重点实验室2个, 高新技术企业增至275户): its count at the year's end
HAS_OR_ROSE_TO = re.compile(r"(?:拥有|现有|实有|增至|增加到|增长到|提高到)[^，,。；;]{0,16}$")
# a stock by its own name (藏书总量, 市场主体总量, 经果林总面积, 幅员面积): what stands at the period's end
STOCK_NAME = re.compile(r"(?:总量|总数|总面积|保有量|幅员面积)[达为是约近到了]{0,2}\s*$")
STOCK_UNITS = ("亩", "万亩", "平方公里", "平方米", "万平方米", "公顷", "册", "万册")
CAPACITY_VERB = re.compile(r"将(?:建设|建成|形成)")
EXAMPLES = re.compile(r"、[^，,。；;]{1,12}等")
# a rate by its own name (产品销售率, 产销率); 增长率 is the growth of what was named before
OWN_RATE = re.compile(r"[\u4e00-\u9fff]{1,6}(?<!增长)(?<!增)率")
# 占…的比重 / 占…比重: what follows 占 is the whole, not the metric
SHARE_OF = re.compile(r"占[^，,。；;占]{1,16}?(?:的)?比重")
OPENING_LINES = 4  # headline, date line, byline, first paragraph
# how much of a plan was carried out, whatever its wording
PLAN_PROGRESS = re.compile(r"完成率|投资进度|时序进度|占年度(?:计划)?投资(?:计划)?的|(?:完成|占)年度(?:投资)?计划的")
PROGRESS_LABEL = "投资完成率"
PART_OF_YEAR_PLAN = re.compile(r"([一二三四]季度|上半年|\d{1,2}月份?)[^，,。；;]{0,4}(?:投资)?计划")
# 比上年的6530.01亿元, 比2009年的400万人次, 比上年同期的…: the level compared with, printed after 比…的
BASE_LEVEL_BEFORE = re.compile(r"(?:比|较)(?:(\d{4})年|(上年|去年|前年))(同期)?的\s*$")
DESCRIBED_INVESTMENT = re.compile(r"(?<!完成)(?<!累计完成)投资$")
# 赛米康达投资10亿元, 一期投资约10亿元: invested by whoever heads the clause (not 完成投资, 固定资产投资, 工业投资)
OWNER_INVESTS = re.compile(r"(?<![完成产业资基设发术间划])(?:再|一期|二期|共|将)?投资(?:额)?(?:约|近|超过?|达)?$")
BREAKDOWN = ("其中，", "其中,")  # a sentence that breaks down the one before it
LAST_IN_PARAGRAPH = (-1, -1)
# a title naming the year of a plan or a list of projects (铜梁2026年重点项目清单来了), not of a review
PLAN_TITLE = re.compile(r"\d{4}年[^，,。]{0,8}(?:项目|计划|清单|目标|任务|规划|安排)")
WORK_REPORT = re.compile(r"工作报告")
SPEECH_OPENING = re.compile(r"现在，?我代表")  # 现在，我代表县人民政府向大会报告工作: a report's formula, not the present
# 比重由76.9%提高到79%, 从上一年的68.7%升至71.5%, 由去年同期的63%提高到78%: the first is where it stood a year before
FROM_LEVEL_BEFORE = re.compile(r"(?:由|从)(?:[^，,。；;由从]{0,10}?的)?$")
TO_LEVEL_AFTER = re.compile(r"^\s*[\u4e00-\u9fff]{0,2}?(?:提高|提升|上升|增加|增长|下降|降低|回落|扩大|缩小|升|降|增)(?:到|至)")
SENTENCE_END_MARK = re.compile(r"[。！？!?]")
# 增速始终保持在16%至16.5%之间: the two ends of a range, each printed with its unit
RANGE_BETWEEN = re.compile(r"^\s*[至到—–~～-]\s*$")  # key of `previous`: the metric of the paragraph's last figure


@dataclass
class Proposal:
    """A record in the making, with what the id and merging need."""

    record: dict
    slug: str  # subject slug for the id
    metric_draft: MetricDraft | None = None  # the catalogue entry the record's metric needs

    @property
    def identity(self) -> tuple:
        r = self.record
        return (r["metric"], r["subject"], r["period"], r["kind"], r.get("measure", "level"), r["value"], r["unit"])


@dataclass
class Paragraph:
    """One block as the figure rules see it."""

    anchor: str
    text: str  # rule text
    printed: str
    marks: list[TimeMark]
    heading_marks: list[TimeMark]
    heading: str
    figures: list[Figure]
    reported: TimeMark | None = None  # the holiday or months the piece reports on, for figures with no time word
    goal: TimeMark | None = None  # the goal year named last before this paragraph (力争到2027年), for targets with none


def _value(figure: Figure, sign: int) -> float | int:
    value = Decimal(str(figure.value)) * sign
    return int(value) if value == value.to_integral_value() else float(value)


def propose(article: Article) -> list[Proposal]:
    proposals: list[Proposal] = []
    heading = ""
    place = article.place or "涪陵区"
    memory = Memory(place)
    memory.remember(rule_text(article.title or ""))
    reported = _reported_period(article)
    reviewed = reported.year if reported is not None and reported.kind == "year" else None
    goal: TimeMark | None = None
    title = rule_text(article.title or "").strip()
    subheads = _subheadlines(article)
    body_figures = {(f.value, f.unit) for b in article.blocks if b.kind == "p" and id(b) not in subheads
                    for f in find_figures(b.text)}
    counts_seen: dict[tuple[float, str], int] = {}  # (value, unit) of each count → the paragraph it was last read in
    for number, block in enumerate(article.blocks):
        text = rule_text(block.text)
        if title and block.kind == "p" and text.strip() == title:
            continue  # the headline printed as the body's first line: its figures are the body's
        if block.kind in ("h2", "h3"):
            heading = block.text
            memory.remember(text)
            continue
        heading_text = rule_text(heading)
        paragraph = Paragraph(block.anchor, text, block.text, time_marks(text, article.date, reviewed),
                              time_marks(heading_text, article.date) if "目标" in heading_text else [],
                              heading_text, find_figures(block.text), reported, goal)
        memory.learn_part(text)
        previous: dict[tuple[int, int], tuple[MetricRule | None, MetricDraft | None]] = {}
        stock_sentences: set[int] = set()  # starts of sentences whose last figure was a stock
        last: tuple[Figure, Proposal] | None = None
        for figure in paragraph.figures:
            if id(block) in subheads and (figure.value, figure.unit) in body_figures:
                continue  # ▶工业投资增长19.4%: a sub-headline repeating the body's figure
            if is_count(figure.unit) and number - counts_seen.get((figure.value, figure.unit), -9) <= 1 \
                    and GROUP_NAMED_AGAIN.match(text, figure.end):
                continue  # 其中开工项目39个…。这次开工的39个项目分布在…: the group counted again, as a name
            if is_count(figure.unit):
                counts_seen[(figure.value, figure.unit)] = number
            if not NOT_FIGURES.match(text[figure.start:]):
                proposals.append(_propose_figure(article, paragraph, figure, place, memory, previous, stock_sentences))
                if last is not None and last[0].unit == figure.unit and RANGE_BETWEEN.match(text[last[0].end:figure.start]):
                    last[1].record["bound"], proposals[-1].record["bound"] = "at_least", "at_most"
                last = figure, proposals[-1]
        memory.remember(text)
        goal = next((m for m in reversed(paragraph.marks) if m.kind == "year" and m.future), goal)
    return proposals


def _subheadlines(article: Article) -> set[int]:
    """The ids of the lines between the headline and the first sentence of the body that
    carry figures but no full stop (▶工业投资增长19.4%　民间投资增长44.8%, 前三季度规模以上
    工业实现产值9621亿元，同比增长18.5%), and of the body's marked section heads with figures
    (■ 总投资50亿元 分两期建设): sub-headlines, read with the headline."""
    found: set[int] = set()
    in_body = False
    for block in article.blocks:
        if block.kind != "p":
            continue
        text = rule_text(block.text)
        in_body = in_body or bool(SENTENCE_END_MARK.search(text))
        if in_body and not (MARKED_HEAD.match(text) and not SENTENCE_END_MARK.search(text)) and not _data_line(block.text):
            continue  # past the opening, only a marked section head (■ 总投资50亿元 分两期建设) or a data line is one
        if find_figures(block.text):
            found.add(id(block))
    return found


def _data_line(text: str) -> bool:
    """66.64万人次　↑18.32%: a line of nothing but figures and arrows, a section head of the figures below it."""
    figures = find_figures(text)
    rest = text
    for figure in sorted(figures, key=lambda f: -f.start):
        rest = rest[:figure.start] + rest[figure.end:]
    return bool(figures) and not re.sub(r"[\s↑↓▲▼、，,|｜/]", "", rest)


# 6个重点产业项目的投资额占…, 41个项目主要集中在…领域: a count already given, heading what is said of its group
GROUP_NAMED_AGAIN = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:项目|企业)(?:的|主要|分布|中|均|全部|涉及|集中)")
MARKED_HEAD = re.compile(r"^\s*[■▶▷●◆◇★☆►]")


def _reported_period(article: Article) -> TimeMark | None:
    """What a piece reports on, for figures with no time word of their own: the holiday
    named in its title or first paragraph (元旦小长假 重庆城乡游人如织: its days off), else
    the part of the year its title or a sub-headline names (璧山前三季度经济运行稳中向好: those months) unless the piece
    opens on an event held within it (…一季度重点项目集中开工活动: that day), else
    a past year its title names (2015年…统计公报, published years later) or the bulletin its first paragraph
    names (联合发布《2020年…统计公报》), else the day of
    the event its first paragraph opens on (6月27日，…举办…活动: the breakdowns after it), else
    the present when the first paragraph opens on it (开春以来，…: not the year a piece
    printed in January–March would otherwise review)."""
    subheads = _subheadlines(article)
    headline = " ".join([article.title or ""] + [b.text for b in article.blocks if id(b) in subheads])
    opening = [headline] + [b.text for b in _first_paragraph(article)]
    marks = [m for text in opening for m in time_marks(rule_text(text), article.date)]
    title_marks = time_marks(rule_text(headline), article.date)
    title_span = next((m for m in title_marks if m.kind == "span" and not m.comparison), None)
    return (next((m for m in marks if m.kind == "days"), None)
            or _event_of_span(title_span, article)
            or title_span
            or next((m for m in title_marks if m.kind == "year" and not m.comparison and not m.future
                     and m.year < article.date.year), None)
            or _this_year_named(title_marks, article)
            or _bulletin_named(article)
            or _opens_on_event(article)
            or _opens_on_now(article))


# 联合发布《2020年开州区国民经济和社会发展统计公报》: the year of the bulletin a piece reports
BULLETIN_NAMED = re.compile(r"《(\d{4})年[^》]{0,30}?公报》")


def _bulletin_named(article: Article) -> TimeMark | None:
    """A piece whose first paragraph names the bulletin it reports (《2020年…统计公报》, printed in
    April 2021) is about the bulletin's year, as a title naming it would be."""
    for block in _first_paragraph(article):
        if (found := BULLETIN_NAMED.search(rule_text(block.text))) and int(found.group(1)) < article.date.year:
            return TimeMark(found.end(), "year", int(found.group(1)))
    return None


def _opening_blocks(article: Article) -> list:
    """The piece's first lines that hold a sentence, the headline aside: page lines, a date line, a
    byline or a 【视频】 mark above the body are not where it opens."""
    title = (article.title or "").rstrip("。")
    sentences = [b for b in article.blocks if b.kind == "p" and SENTENCE_END_MARK.search(b.text)
                 and b.text.strip().rstrip("。") != title]
    return sentences[:OPENING_LINES]


def _this_year_named(title_marks: list[TimeMark], article: Article) -> TimeMark | None:
    """铜梁2026年重点项目清单来了, printed in February 2026: a piece of January–March whose title names
    its own year is about that year, not the one before it would otherwise review."""
    if article.date.month > 3 or not PLAN_TITLE.search(article.title or "") or WORK_REPORT.search(article.title or ""):
        return None  # 2010年…政府工作报告 names the year it is delivered in, and reviews the one before
    return next((m for m in title_marks if m.kind == "year" and not m.comparison and m.year == article.date.year), None)


def _first_paragraph(article: Article) -> list:
    """The piece's first paragraph: its first block with a sentence in it, past the page lines
    a seed read whole keeps above the body (北碚报　2019年10月11日　星期五, 第A1版：要闻)."""
    return _opening_blocks(article)[:1] or [b for b in article.blocks if b.kind == "p"][:1]


def _event_of_span(span: TimeMark | None, article: Article) -> TimeMark | None:
    """巫山举行一季度重点项目集中开工竣工复工活动 opening on 2月28日，…举行…活动: the title's quarter
    names the event; the day it was held, within that quarter, is what the piece reports."""
    event = _opens_on_event(article) if span is not None else None
    if event and event.year == span.year and span.month_from <= event.month_to <= span.month_to:
        return event
    return None


def _opens_on_event(article: Article) -> TimeMark | None:
    """The day of the event the piece's first lines report (6月27日，…举办…活动)."""
    for block in _opening_blocks(article):
        marks = time_marks(rule_text(block.text), article.date)
        if event := next((m for m in marks if m.kind == "date" and m.scope == "paragraph" and not m.comparison), None):
            return event
    return None


def _opens_on_now(article: Article) -> TimeMark | None:
    """The 开春以来 that opens the piece's first lines (a seed read whole may keep its
    date and byline lines before the body)."""
    for block in _opening_blocks(article):
        text = rule_text(block.text)
        marks = time_marks(text, article.date)
        if marks and marks[0].kind == "now" and marks[0].start == 0 and not SPEECH_OPENING.match(text):
            return marks[0]
    return None


def _lagging_span(mark: TimeMark | None, reported: TimeMark | None, where: Where) -> TimeMark | None:
    """In a piece on 上半年 (its title), 1-5月，…利润总额6.0亿元。主要产品中，卷烟产量增长2.7%: a shorter
    span from January, a figure published a month late, dates its own sentence; the sentences
    after it are of the months the piece reports on again."""
    if (mark is not None and mark.kind == "span" and reported is not None and reported.kind == "span"
            and mark.year == reported.year and mark.month_from == reported.month_from == 1
            and mark.month_to < reported.month_to and mark.start < where.sent_start):
        return reported
    return mark


def _year_to_date(mark: TimeMark | None, reported: TimeMark | None, kind: str, pub) -> TimeMark | None:
    """今年以来完成投资…, 今年累计… in a piece on 1-9月 (its title): the months reported on,
    not the whole year; a plan for the year (今年计划…) stays the year."""
    if (kind == "actual" and mark is not None and mark.kind == "year" and mark.year == pub.year and not mark.future
            and reported is not None and reported.kind == "span" and reported.year == pub.year):
        return reported
    return mark


def _respective_words(where: Where, figures: list[Figure]) -> str | None:
    """The words of a 分别 list that belong to this figure: its item and what the list says of all of
    them; where the items are named places, parks or companies (德感工业园、白沙工业园规模工业产值), what
    the last item says after its name (规模工业产值)."""
    item, last = respective_item(where, figures), last_listed_item(where, figures)
    if item is None or last is None:
        return None
    _, length = listed_name(item)
    _, last_length = listed_name(last)
    if length and last_length:
        return item[length:] + last[last_length:]
    return respectively(where, figures)


def _choose_rule(where: Where, figures: list[Figure]) -> tuple[MetricRule | None, str]:
    """The metric rule and where its words were found: "own" (before the figure in
    its clause), "tail" (after it: 9家企业VOCs治理) or "sentence" (the sentence before)."""
    unit = where.figure.unit
    if (words := _respective_words(where, figures)) is not None:
        if rule := best_rule(words, unit):
            return rule, "own"
    # words of this item, or a name that spans the 、 (智能工厂、数字化车间8个)
    clause_lead = where.clause_lead
    if unit == "%" and (whole := SHARE_OF.search(clause_lead)) and whole.start() >= 2:
        clause_lead = clause_lead[:whole.start()]  # 工业技改投资占工业投资的比重: the share is of what stands before 占
    rule = best_rule(clause_lead, unit, min_end=len(clause_lead) - len(where.segment_lead) + 1)
    if rule and not _rate_named_after(rule, clause_lead, unit):
        return rule, "own"
    if unit not in RELATIVE and (rule := best_rule(where.upto(SEGMENT_END), unit, anchored_end=False)):
        return rule, "tail"
    return None, "sentence"


def _rate_named_after(rule: MetricRule, clause_lead: str, unit: str) -> bool:
    """全市规上工业企业产品销售率达到99%: a rate named after the rule's words is a rate of its
    own (产品销售率), not the share or growth of what those words name (规上工业企业)."""
    if unit != "%":
        return False
    end = max(m.end() for m in rule.pattern.finditer(clause_lead))
    return bool(OWN_RATE.search(clause_lead, end))


def _label_lead(paragraph: Paragraph, where: Where, figures: list[Figure]) -> str:
    """The figure's own words with the time phrases cut out."""
    if (words := _respective_words(where, figures)) is not None:
        return words
    start = where.segment_start if re.search(r"[\u4e00-\u9fff]{2}", where.segment_lead) else where.clause_start
    kept = [(start, where.figure.start)]
    for mark in paragraph.marks:
        kept = [piece for a, b in kept for piece in ((a, min(b, mark.start)), (max(a, mark.end), b)) if piece[0] < piece[1]]
    return "".join(where.text[a:b] for a, b in kept)


def _sector(where: Where) -> str:
    """The sector a sentence is about, named before the figure's clause (汽摩及零部件产业)."""
    match = SECTOR.search(where.text[where.sent_start:where.clause_start])
    if match is None or GENERIC_SECTOR.match(match.group(1)) or "等" in match.group(1):
        return ""  # 智能网联新能源汽车、电子信息等主导产业: a group of sectors, not one
    return match.group(1) + "产业"


def _names_a_metric(label: str) -> bool:
    """Words that can name a metric of their own; 产值, 按照, 首套, 占全区…比重 lean on the
    sentence (战略性新兴产业势头强劲，产值453.54亿元)."""
    return len(label) >= 2 and not GENERIC_LABEL.match(label)


def _metric(paragraph, where, measure, subject, place, previous) -> tuple[MetricRule | None, MetricDraft | None, str]:
    """A catalogue rule by the figure's own words, else the metric of the figure before in
    the sentence (a growth or share with no words of its own), else a rule by the
    sentence's or the unit's words where the figure's words name nothing, else a draft."""
    figures, unit = paragraph.figures, where.figure.unit
    if unit in RELATIVE and PLAN_PROGRESS.search(where.clause_lead):
        # 投资完成率达94.5%, 投资进度达71.5%, 占年度计划投资的73%, 超出时序进度1.4个百分点: one metric, how far the plan is
        part = PART_OF_YEAR_PLAN.search(where.clause_lead)  # 一季度投资计划完成率: of the quarter's plan, not the year's
        return None, draft_metric((part.group(1) if part else "") + PROGRESS_LABEL, unit, measure), "own"
    if unit == "亿元" and where.after.startswith("的") and DESCRIBED_INVESTMENT.search(where.clause_lead):
        return BY_KEY["project_investment"], None, "own"  # 投资200亿元的玻璃纤维项目: the project's investment
    rule, found = _choose_rule(where, figures)
    if rule and rule.key in SECTOR_OF and (sector := _sector(where)):
        sector_rule = best_rule(sector + "产值", unit)
        return (sector_rule, None, found) if sector_rule else (None, draft_metric(sector + "产值", unit, measure), found)
    if rule:
        return rule, None, found
    if unit == "亿元" and OWNER_INVESTS.search(where.clause_lead) and _is_owner(subject, place):
        return BY_KEY["project_investment"], None, "own"  # 赛米康达投资10亿元, 该项目一期投资约10亿元: what a firm or project invests
    noun_after = where.after if is_count(unit) else ""  # 六条自动化生产线
    label = attribute_label(metric_label(_label_lead(paragraph, where, figures), noun_after,
                                         [subject, place, *printed_forms(subject)]), subject)
    inherited = previous.get((where.sent_start, where.sent_end))
    if inherited and not label and unit in RELATIVE:  # …产值达到770亿元、增长8.7%
        return inherited[0], inherited[1], "sentence"
    if not label and unit in RELATIVE and (last := previous.get(LAST_IN_PARAGRAPH)) and last != (None, None):
        return last[0], last[1], "sentence"  # …累计增长17.0%；好在6月单月增长3.4%: the rate of the same metric
    examples = EXAMPLES.search(where.sentence_lead)  # 汽车、电子信息等主导产业…合计: the group, not one of them
    if not _names_a_metric(label) and (rule := (None if examples else best_rule(where.sentence_lead, unit))
                                       or rule_for_unit(unit)):
        return rule, None, "sentence"
    if inherited and not label:
        return inherited[0], inherited[1], "sentence"
    return None, draft_metric(label or where.text[where.clause_start:where.figure.end], unit, measure), "own"


def _is_owner(subject: str, place: str) -> bool:
    """A firm, project or park, not the place nor a group of its projects."""
    return subject != place and not subject.startswith(place) and not subject.endswith(("区", "县", "市", "全国"))


def _base_level(period: str, base: re.Match) -> str:
    """The period of the level a figure is compared with, printed after 比…的: 比2009年的400万人次 → "2009",
    比上年的6530.01亿元 → the year before the figure's, 比上年同期的… → the same months a year before."""
    if base.group(1):
        return re.sub(r"\d{4}", base.group(1), period) if base.group(3) else base.group(1)
    back = 2 if base.group(2) == "前年" else 1
    earlier = period
    for _ in range(back):
        earlier = year_before(earlier)
    return earlier if base.group(3) or not re.fullmatch(r"\d{4}-\d\d-\d\d", period) else earlier[:4]


def _level_rose_from(period: str, mark: TimeMark | None, marks: list[TimeMark], since: int, figure_start: int) -> str:
    """比重从上一年的68.7%升至71.5%: the level a rate or an amount rose from stands a year before,
    or just before a span of years (社会消费品零售总额由308.3亿元增加到505.8亿元 over 2017–2021 → 2016);
    a time printed with it (由2016年的695.7亿元) says so itself."""
    if any(since <= m.start < figure_start and not m.comparison for m in marks):
        return period
    if mark is not None and mark.kind == "years":
        return str(mark.year_from - 1)
    return year_before(period)


def _measure(figure: Figure, where: Where, target: bool) -> tuple[str, int]:
    if "分之" in figure.raw or figure.raw.startswith("一半"):
        return "share", 1
    if figure.unit in RELATIVE:
        return relative_measure(where.clause_lead, where.after, figure.unit, where.sentence_lead)
    measure = count_measure(where.sentence_lead, where.upto(SEGMENT_END), target)
    return measure, change_sign(where.sentence_lead) if measure == "change" else 1  # 比上年减少34.03亿元 → -34.03


# 据区里预计，/ 初步预计，: a clause that only says the sentence is an estimate
ESTIMATE_LEAD_IN = re.compile(r"(?:据[\u4e00-\u9fff]{0,8}?|初步|经)?(?:预计|预估|估算)[，,：:]")


def _kind(paragraph: Paragraph, where: Where, mark: TimeMark | None, pub) -> str:
    future = bool(mark and (mark.future or (mark.kind in ("year", "span") and mark.year > pub.year)))  # 明年上半年
    # 预计 before a time phrase that opens a later clause (…预计下降5%左右，截至去年底…) does not reach
    # past it; 计划年内培育… keeps its 计划
    text = where.text
    kind_from = max([m.start for m in paragraph.marks if where.sent_start <= m.start and m.end <= where.figure.start
                     and not m.comparison and (m.start == where.sent_start or text[m.start - 1] in CLAUSE_END)]
                    or [where.sent_start])
    if ESTIMATE_LEAD_IN.fullmatch(text[where.sent_start:kind_from]):
        kind_from = where.sent_start  # 据区里预计，上半年…: the lead-in governs the whole sentence
    kind = kind_of(where.text[kind_from:where.figure.end] + " " + where.upto(SEGMENT_END), paragraph.heading, future)
    if kind == "actual" and mark is not None and mark.prospective:
        kind = "estimate"  # 预计今年5月投产 … 实现年产…: what the line will do once running
    if kind == "actual" and CAPACITY_TO_BUILD.search(where.clause_lead):
        kind = "estimate"
    if (kind == "actual" and CAPACITY_VERB.search(where.clause_lead)
            and (where.after.startswith("/年") or where.text[where.figure.start:where.figure.end].endswith("/年"))):
        kind = "estimate"  # 将建设200万吨/年氧化钙生产线、80万吨/年…: capacities to be built, as 将建设年产…
    if kind == "actual" and text.startswith(BREAKDOWN, where.sent_start):
        # 计划实施项目126个……。其中，开工项目37个: a breakdown of the plan is part of the plan
        kind = kind_of(text[last_of(text[:where.sent_start - 1], SENTENCE_END):where.sent_start], paragraph.heading, False)
    return kind


def _propose_figure(article, paragraph: Paragraph, figure: Figure, place: str, memory: Memory, previous,
                    stock_sentences: set[int]) -> Proposal:
    where = Where.of(paragraph.text, paragraph.printed, figure)
    unit = figure.unit
    own_mark = _lagging_span(choose_mark(paragraph.marks, paragraph.heading_marks, where, article.date),
                             paragraph.reported, where)
    mark = own_mark or paragraph.reported
    kind = _kind(paragraph, where, mark, article.date)
    mark = _year_to_date(mark, paragraph.reported, kind, article.date)
    if own_mark is None and kind == "estimate":
        mark = None  # 该项目达产后将年产…: made now, not in the months the piece reports on
    if kind == "target" and (mark is None or mark.kind == "now") and paragraph.goal is not None:
        mark = paragraph.goal  # 其中，…产值力争达到600亿元 after 力争到2027年…: the same goal year
    elif kind == "target" and mark is not None and (
            (own_mark is None and mark.kind == "span")
            or (mark.kind == "date" and mark.scope == "paragraph" and mark.year == article.date.year)
            or mark.kind == "days"):
        # 该项目将投资125亿元 in a piece on 一季度, 2月16日集中开工…计划总投资54.3亿元, 五一假期…连廊将衔接6个
        # 轨道站点: this year's plan (but a plan announced at an event of a past year, 2020年3月9日…计划投资8亿元,
        # keeps that day)
        mark = TimeMark(0, "year", article.date.year)
    measure, sign = _measure(figure, where, kind == "target")
    scope = ellipsis_scope(where) if mark is not None and mark.start > figure.start else None
    counted = where.text[figure.start:figure.end] + where.upto(CLAUSE_END)  # 签下17个项目: a group's count
    subject = subject_of(scope if scope is not None else where.subject_scope(), place, memory, counted,
                         where.upto(CLAUSE_END), where.text[where.full_stop:figure.start])
    items = listed_items(where, paragraph.figures)
    name, kind_tallied = tallied_subject(*items) if items is not None else ("", "")
    if name:
        subject = printed_name(name, where.text, where.printed) + kind_tallied  # 杨闇公故里、大佛寺、陈抟故里三个景区的…分别增长…
    elif (item := respective_item(where, paragraph.figures)) is not None and (listed := listed_subject(item)):
        subject = printed_name(listed, where.text, where.printed)  # 永川、江津、合川三地…分别增长…: each its own district's
    else:
        subject = printed_name(subject, where.text, where.printed)
    rule, draft, found = _metric(paragraph, where, measure, subject, place, previous)
    previous[(where.sent_start, where.sent_end)] = previous[LAST_IN_PARAGRAPH] = (rule, draft)

    # 引进…项目17个 counts what came in over the period, not a stock at its end
    stock = bool(rule and rule.stock) and measure in ("level", "growth") and not EVENT_VERBS.search(where.clause_lead)
    cumulative = "累计" in where.sentence_lead and is_count(unit)  # 累计完成…280个 is a stock; 累计完成产值 is not
    if measure == "level" and (is_count(unit) or unit in STOCK_UNITS) and STOCK_NAME.search(where.clause_lead):
        cumulative = True  # 藏书总量79.1万册 under 2022年: a standing total, like 累计, at the year's end
    if (mark is not None and mark.kind == "asof" and unit not in RELATIVE and TOTAL_WORDS.search(where.clause_lead)
            and (unit not in MONEY or "余额" in where.clause_lead)):  # 截至8月底…累计完成投资: spent Jan–Aug
        stock = True
    if unit not in RELATIVE and measure == "level" and STANDING_STOCK.search(where.clause_lead):
        stock = cumulative = True  # 一季度…在谈的百亿级项目有3个: the count at the quarter's end (a year's: on 31 December)
    if measure == "level" and unit == "种":
        stock = True  # 1—9月…391种工业产品中，有217种产量增长: kinds counted at the span's end
    if (measure == "level" and kind == "actual" and unit in FIRM_UNITS and mark is not None and mark.kind == "year"
            and mark.year < article.date.year
            and not FIRMS_ADDED.search(where.clause_lead + where.text[where.figure.start:where.figure.end] + where.upto(CLAUSE_END))):
        stock = cumulative = True  # 2022年…规模以上工业企业共134家: the firms a place has, on 31 December
    if (measure == "level" and kind == "actual" and is_count(unit) and HAS_OR_ROSE_TO.search(where.segment_lead)
            and (mark is None or mark.kind == "year" and mark.year < article.date.year)):
        stock = cumulative = True  # 2021年…全区拥有国家重点实验室2个: what it has on 31 December
    if mark is not None and mark.kind == "asof" and rule is None and is_count(unit) and not EVENT_VERBS.search(where.clause_lead):
        stock = True  # 截至2021年底，全市拥有国家级绿色园区3个: a count outside the catalogue, on that day
    if (mark is not None and mark.kind == "asof" and unit in RELATIVE and where.sent_start in stock_sentences
            and (measure == "growth" and found in ("sentence", "own") or not EVENT_VERBS.search(where.clause_lead))):
        stock = True  # 截至9月底，实有市场主体16,104户，同比增长24.25%: the growth of that stock, on that day
    if stock:
        stock_sentences.add(where.sent_start)
    else:
        stock_sentences.discard(where.sent_start)
    period = figure_period(mark, paragraph.marks, where, article.date, stock or cumulative, cumulative, kind, measure)
    if (start := FROM_LEVEL_BEFORE.search(where.clause_lead)) and TO_LEVEL_AFTER.match(where.after):
        period = _level_rose_from(period, mark, paragraph.marks, where.clause_start + start.start(), where.figure.start)
    if base := BASE_LEVEL_BEFORE.search(where.clause_lead):
        period = _base_level(period, base)  # 总量比上年的6530.01亿元…, 比2009年的400万人次: that year's level
    own_words = found != "sentence" or best_rule(where.clause_lead, unit) is not None

    record: dict = {
        "metric": rule.key if rule else draft.key,
        "subject": subject,
        "value": _value(figure, sign),
        "unit": unit,
        "period": period,
        "kind": kind,
        "bound": bound_of(where.segment_lead[-6:], where.after, figure.more),
        "measure": measure,
        "source": {"article": article.slug, "quote": quote(where, own_words, found == "tail"),
                   "paragraph": paragraph.anchor},
    }
    notes = []
    if figure.converted:
        notes.append(f"原文“{figure.raw}”，折合为{figure.unit}。")
    if figure.high is not None:
        notes.append(f"原文为范围“{figure.raw}”，记下限。")
        record["bound"] = "at_least"
    if notes:
        record["note"] = " ".join(notes)
    return Proposal(record=record, slug=subject_slug(subject), metric_draft=draft)
