"""Turn one article into proposed fact records (plain dicts in the fact-file format)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .extract_metrics import BY_KEY, COUNT, RELATIVE, best_rule, rule_for_unit
from .extract_numbers import Figure, find_figures
from .extract_time import TimeMark, period_of, time_marks
from .extract_words import bound_of, count_measure, kind_of, relative_measure, subject_of, subject_slug
from .model import Article

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


def _propose_figure(article, anchor, text, figure, figures, marks, heading_marks, heading, place, previous_metric):
    sent_start, sent_end = _sentence_bounds(text, figure.start)
    sentence_lead = text[sent_start:figure.start]
    clause_start = sent_start + _last(sentence_lead, CLAUSE_END)
    segment_start = sent_start + _last(sentence_lead, SEGMENT_END)
    segment_lead = text[segment_start:figure.start]
    after = text[figure.end:]
    tail_end = min([i for i in (after.find(c) for c in SEGMENT_END) if i != -1] or [len(after)])
    tail = after[:tail_end]
    unit = figure.unit

    rule = None
    own_words = True
    if (words := _respectively(text, sent_start, figure, figures)) is not None:
        rule = best_rule(words, unit)
    if rule is None:  # words of this item, or a name that spans the 、 (智能工厂、数字化车间8个)
        clause_lead = text[clause_start:figure.start]
        rule = best_rule(clause_lead, unit, min_end=len(clause_lead) - len(segment_lead) + 1)
    from_tail = False
    if rule is None and unit not in RELATIVE:
        rule = best_rule(tail, unit, anchored_end=False)
        from_tail = rule is not None
    if rule is None:
        own_words = False
        inherited = previous_metric.get((sent_start, sent_end))
        if unit in RELATIVE and inherited:
            rule = BY_KEY[inherited]
        else:
            rule = best_rule(sentence_lead, unit) or rule_for_unit(unit)
    metric = rule.key if rule else UNMATCHED
    if rule:
        previous_metric[(sent_start, sent_end)] = metric

    if "分之" in figure.raw or figure.raw.startswith("一半"):
        measure, sign = "share", 1
    elif unit in RELATIVE:
        measure, sign = relative_measure(text[clause_start:figure.start], after, unit)
    else:
        sign = 1
        measure = count_measure(sentence_lead, tail)
    stock = bool(rule and rule.stock) and measure in ("level", "growth")
    cumulative = "累计" in sentence_lead and unit in COUNT  # 累计完成…280个 is a stock; 累计完成产值 is not

    mark = _mark_for(marks, heading_marks, figure.start, sent_start)
    period = period_of(mark, article.date, stock or cumulative, cumulative)
    future = bool(mark and (mark.future or (mark.kind == "year" and mark.year > article.date.year)))
    # 预计 before a later time phrase (…预计下降5%左右，截至去年底…) does not reach past it
    kind_from = max([m.end for m in marks if sent_start <= m.end <= figure.start] or [sent_start])
    clause_tail = after[:min([i for i in (after.find(c) for c in CLAUSE_END) if i != -1] or [len(after)])]
    kind = kind_of(text[kind_from:figure.end] + " " + clause_tail, heading, future)
    if kind == "actual" and mark is not None and mark.prospective:
        kind = "estimate"  # 预计今年5月投产 … 实现年产…: what the line will do once running
    bound = bound_of(segment_lead[-6:], after, figure.more)
    subject = subject_of(_subject_scope(text, sent_start, figure.start), place)

    own_words = own_words or best_rule(text[clause_start:figure.start], unit) is not None
    quote_start = clause_start if own_words or clause_start == sent_start else sent_start + _last(text[sent_start:clause_start - 1], CLAUSE_END)
    previous_clause_start = sent_start + _last(text[sent_start:max(quote_start - 1, sent_start)], CLAUSE_END)
    if quote_start > sent_start and TIME_CLAUSE.match(text[previous_clause_start:quote_start - 1]):
        quote_start = previous_clause_start
    quote_end = figure.end + (len(m.group(0)) if (m := re.match(r"^(以上|左右)", after)) else 0)
    if from_tail:
        quote_end = figure.end + tail_end
    if after.startswith(("的提升", "的增长")):
        quote_end = figure.end + 3
    quote = text[quote_start:quote_end].lstrip("\\* \t").rstrip("…")

    record: dict = {
        "metric": metric,
        "subject": subject,
        "value": _value(figure, sign),
        "unit": unit,
        "period": period,
        "kind": kind,
        "bound": bound,
        "measure": measure,
        "source": {"article": article.slug, "quote": quote, "paragraph": anchor},
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
