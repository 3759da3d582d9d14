"""Turn one article into proposed fact records (plain dicts in the fact-file format)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from fuling.core.model import Article
from fuling.extract.figures import Figure, find_figures
from fuling.extract.metrics import (
    BY_KEY,
    COUNT,
    RELATIVE,
    MetricRule,
    best_rule,
    rule_for_unit,
)
from fuling.extract.timemarks import TimeMark, period_of, time_marks
from fuling.extract.words import (
    bound_of,
    count_measure,
    kind_of,
    relative_measure,
    subject_of,
    subject_slug,
)

SENTENCE_END = "。！？；;!?"
CLAUSE_END = SENTENCE_END + "，,：:"
SEGMENT_END = CLAUSE_END + "、"
# Parts of programme names that look like counts: the 8 of 1+2+8+N, the 9 of 2349.
NOT_FIGURES = re.compile(r"^(?:8个产业科创基地|9个“新星”产业集群|三个主攻方向|三大方向)")
TIME_CLAUSE = re.compile(r"^(?:去年|今年|截至.{1,8}|\d{4}年|今年.{0,8}月|\d{1,2}\s*[-—–]\s*\d{1,2}月|一年来)$")
UNMATCHED = "unclassified"
CONTINUING_ITEM = re.compile(r"^(?:实现|完成|新增|建成|同比)")


@dataclass
class Proposal:
    """A record in the making, with what the id and merging need."""

    record: dict
    slug: str  # subject slug for the id

    @property
    def identity(self) -> tuple:
        r = self.record
        return (r["metric"], r["subject"], r["period"], r["kind"], r.get("measure", "level"), r["value"], r["unit"])


def _last(text: str, chars: str) -> int:
    """Index just after the last of `chars` in `text` (0 if none)."""
    return max((text.rfind(c) + 1 for c in chars), default=0)


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = _last(text[:pos], SENTENCE_END)
    ends = [i for i in (text.find(c, pos) for c in SENTENCE_END) if i != -1]
    return start, min(ends) if ends else len(text)


def _value(figure: Figure, sign: int) -> float | int:
    value = Decimal(str(figure.value)) * sign
    return int(value) if value == value.to_integral_value() else float(value)


def _respectively(text: str, sent_start: int, figure: Figure, figures: list[Figure]) -> str | None:
    """For 'A、B、C等…分别增长x、y、z', the words that belong to this figure."""
    lead = text[sent_start:figure.start]
    at = lead.rfind("分别")
    if at == -1:
        return None
    clause_start = _last(lead[:at], CLAUSE_END)
    items = lead[clause_start:at].split("、")
    index = sum(1 for f in figures if sent_start + at < f.start <= figure.start) - 1
    if len(items) < 2 or index >= len(items):
        return None
    shared = "产业产值" if "产值" in items[-1] else ""
    item = re.sub(r"等.*$", "", items[index])
    return item + shared


def propose(article: Article) -> list[Proposal]:
    proposals: list[Proposal] = []
    heading = ""
    place = article.place or "涪陵区"
    for block in article.blocks:
        if block.kind in ("h2", "h3"):
            heading = block.text
            continue
        text = block.text
        heading_marks = time_marks(heading, article.date) if "目标" in heading else []
        marks = time_marks(text, article.date)
        figures = find_figures(text)
        previous_metric: dict[tuple[int, int], str] = {}
        for figure in figures:
            if NOT_FIGURES.match(text[figure.start:]):
                continue
            proposal = _propose_figure(article, block.anchor, text, figure, figures, marks, heading_marks,
                                       heading, place, previous_metric)
            if proposal:
                proposals.append(proposal)
    return proposals


def _subject_scope(text: str, sent_start: int, pos: int) -> str:
    """Earlier sentences of the paragraph and this clause group: a company named in
    the sentence before still owns the figure, but a park named in an earlier
    ；-separated item does not, unless this item starts with a verb and so
    continues the one before (…白涛新材料科技城完成研发投入…；实现规上工业产值…)."""
    full_stop = max(text.rfind(c, 0, pos) for c in "。！？!?") + 1
    start = sent_start
    while start > full_stop and CONTINUING_ITEM.match(text[start:pos]):
        start = _last(text[full_stop:start - 1], "；;") + full_stop
    return text[:full_stop] + text[start:pos]


def _mark_for(marks: list[TimeMark], heading_marks: list[TimeMark], pos: int, sent_start: int) -> TimeMark | None:
    chosen = heading_marks[-1] if heading_marks else None
    for mark in marks:
        if mark.end > pos:
            break
        if mark.kind == "plan" and mark.end < sent_start:
            continue  # 十三五 frames its own sentence only
        chosen = mark
    return chosen


@dataclass
class Where:
    """Offsets around one figure in its paragraph `text`."""

    text: str
    figure: Figure
    sent_start: int
    sent_end: int
    clause_start: int  # after the last ，：；。 before the figure
    segment_start: int  # after the last 、 as well

    @classmethod
    def of(cls, text: str, figure: Figure) -> "Where":
        sent_start, sent_end = _sentence_bounds(text, figure.start)
        lead = text[sent_start:figure.start]
        return cls(text, figure, sent_start, sent_end, sent_start + _last(lead, CLAUSE_END), sent_start + _last(lead, SEGMENT_END))

    @property
    def sentence_lead(self) -> str:
        return self.text[self.sent_start:self.figure.start]

    @property
    def clause_lead(self) -> str:
        return self.text[self.clause_start:self.figure.start]

    @property
    def segment_lead(self) -> str:
        return self.text[self.segment_start:self.figure.start]

    @property
    def after(self) -> str:
        return self.text[self.figure.end:]

    def upto(self, stops: str) -> str:
        """Text after the figure up to the first of `stops`."""
        after = self.after
        return after[:min([i for i in (after.find(c) for c in stops) if i != -1] or [len(after)])]


def _choose_rule(where: Where, figures: list[Figure], previous_metric: dict) -> tuple[MetricRule | None, str]:
    """The metric rule and where its words were found: "own" (before the figure in
    its clause), "tail" (after it: 9家企业VOCs治理) or "sentence" (inherited)."""
    figure, unit = where.figure, where.figure.unit
    if (words := _respectively(where.text, where.sent_start, figure, figures)) is not None:
        if rule := best_rule(words, unit):
            return rule, "own"
    # words of this item, or a name that spans the 、 (智能工厂、数字化车间8个)
    clause_lead = where.clause_lead
    if rule := best_rule(clause_lead, unit, min_end=len(clause_lead) - len(where.segment_lead) + 1):
        return rule, "own"
    if unit not in RELATIVE and (rule := best_rule(where.upto(SEGMENT_END), unit, anchored_end=False)):
        return rule, "tail"
    inherited = previous_metric.get((where.sent_start, where.sent_end))
    if unit in RELATIVE and inherited:  # …产值达到770亿元、增长8.7%
        return BY_KEY[inherited], "sentence"
    return best_rule(where.sentence_lead, unit) or rule_for_unit(unit), "sentence"


def _quote(where: Where, own_words: bool, from_tail: bool) -> str:
    """The shortest clause that carries the figure and what it measures, verbatim."""
    text, sent_start, clause_start, figure = where.text, where.sent_start, where.clause_start, where.figure
    if own_words or clause_start == sent_start:
        start = clause_start
    else:  # 同比增长8.4%: take the clause before too, which names the metric
        start = sent_start + _last(text[sent_start:clause_start - 1], CLAUSE_END)
    previous = sent_start + _last(text[sent_start:max(start - 1, sent_start)], CLAUSE_END)
    if start > sent_start and TIME_CLAUSE.match(text[previous:start - 1]):
        start = previous  # keep a short time clause: 去年，…
    after = where.after
    end = figure.end + (len(m.group(0)) if (m := re.match(r"^(以上|左右)", after)) else 0)
    if from_tail:
        end = figure.end + len(where.upto(SEGMENT_END))
    if after.startswith(("的提升", "的增长")):
        end = figure.end + 3
    return text[start:end].lstrip("\\* \t").rstrip("…")


def _propose_figure(article, anchor, text, figure, figures, marks, heading_marks, heading, place, previous_metric):
    where = Where.of(text, figure)
    sentence_lead, unit = where.sentence_lead, figure.unit
    rule, found = _choose_rule(where, figures, previous_metric)
    metric = rule.key if rule else UNMATCHED
    if rule:
        previous_metric[(where.sent_start, where.sent_end)] = metric

    if "分之" in figure.raw or figure.raw.startswith("一半"):
        measure, sign = "share", 1
    elif unit in RELATIVE:
        measure, sign = relative_measure(where.clause_lead, where.after, unit)
    else:
        measure, sign = count_measure(sentence_lead, where.upto(SEGMENT_END)), 1
    stock = bool(rule and rule.stock) and measure in ("level", "growth")
    cumulative = "累计" in sentence_lead and unit in COUNT  # 累计完成…280个 is a stock; 累计完成产值 is not

    mark = _mark_for(marks, heading_marks, figure.start, where.sent_start)
    period = period_of(mark, article.date, stock or cumulative, cumulative)
    future = bool(mark and (mark.future or (mark.kind == "year" and mark.year > article.date.year)))
    # 预计 before a later time phrase (…预计下降5%左右，截至去年底…) does not reach past it
    kind_from = max([m.end for m in marks if where.sent_start <= m.end <= figure.start] or [where.sent_start])
    kind = kind_of(text[kind_from:figure.end] + " " + where.upto(CLAUSE_END), heading, future)
    if kind == "actual" and mark is not None and mark.prospective:
        kind = "estimate"  # 预计今年5月投产 … 实现年产…: what the line will do once running
    subject = subject_of(_subject_scope(text, where.sent_start, figure.start), place)
    own_words = found != "sentence" or best_rule(where.clause_lead, unit) is not None

    record: dict = {
        "metric": metric,
        "subject": subject,
        "value": _value(figure, sign),
        "unit": unit,
        "period": period,
        "kind": kind,
        "bound": bound_of(where.segment_lead[-6:], where.after, figure.more),
        "measure": measure,
        "source": {"article": article.slug, "quote": _quote(where, own_words, found == "tail"), "paragraph": anchor},
    }
    notes = []
    if figure.converted:
        notes.append(f"原文“{figure.raw}”，折合为亿元。")
    if figure.high is not None:
        notes.append(f"原文为范围“{figure.raw}”，记下限。")
        record["bound"] = "at_least"
    if notes:
        record["note"] = " ".join(notes)
    return Proposal(record=record, slug=subject_slug(subject))
