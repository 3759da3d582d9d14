"""Where a figure sits in its paragraph: its sentence, clause and list item, and
the quote that carries it.

Offsets are shared by the paragraph as printed and its rule text (printed.py),
so the rules read the rule text and the quote is cut, verbatim, from the print.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from fuling.extract.figures import Figure

SENTENCE_END = "。！？；;!?"
FULL_STOP = "。！？!?"
CLAUSE_END = SENTENCE_END + "，,：:"
SEGMENT_END = CLAUSE_END + "、"
TIME_CLAUSE = re.compile(r"^(?:去年|今年|截至.{1,8}|\d{4}年|今年.{0,8}月|\d{1,2}\s*[-—–至]\s*\d{1,2}月|一年来|"
                         r"[一二三四]季度|上半年|前三季度|\d{1,2}月(?:份|单月))$")
# …；实现规上工业产值…, …；今年以来完成投资741.4亿元: an item that goes on with the subject of the one before
CONTINUING_ITEM = re.compile(r"^(?:(?:今年以来|今年|同期|[一二三四]季度|上半年|前三季度)，?)?(?:实现|完成|新增|建成|同比)")
# 截至2011年12月底，园区完成工业总产值…；固定资产投资完成…: who heads the sentence's first item, before its
# verb, is the subject of the items after it that name none of their own
SENTENCE_HEAD = re.compile(r"^(?:[^，,；;。]{0,16}[，,])?[^，,；;：:、。]{1,16}?(?=(?:累计|共|已)?(?:完成|实现))")


def last_of(text: str, chars: str) -> int:
    """Index just after the last of `chars` in `text` (0 if none)."""
    return max((text.rfind(c) + 1 for c in chars), default=0)


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = last_of(text[:pos], SENTENCE_END)
    ends = [i for i in (text.find(c, pos) for c in SENTENCE_END) if i != -1]
    return start, min(ends) if ends else len(text)


@dataclass
class Where:
    """Offsets around one figure in its paragraph: `text` is the rule text, `printed` the print."""

    text: str
    printed: str
    figure: Figure
    sent_start: int
    sent_end: int
    clause_start: int  # after the last ，：；。 before the figure
    segment_start: int  # after the last 、 as well

    @classmethod
    def of(cls, text: str, printed: str, figure: Figure) -> "Where":
        sent_start, sent_end = _sentence_bounds(text, figure.start)
        lead = text[sent_start:figure.start]
        return cls(text, printed, figure, sent_start, sent_end, sent_start + last_of(lead, CLAUSE_END),
                   sent_start + last_of(lead, SEGMENT_END))

    @property
    def full_stop(self) -> int:
        """Start of the sentence ended by 。！？ (a ；-item belongs to it)."""
        return last_of(self.text[:self.figure.start], FULL_STOP)

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

    def subject_scope(self) -> str:
        """Earlier sentences of the paragraph and this clause group: a company named in
        the sentence before still owns the figure, but a park named in an earlier
        ；-separated item does not, unless this item starts with a verb and so
        continues the one before (…白涛新材料科技城完成研发投入…；实现规上工业产值…), or the
        sentence's first item opens with who did it (园区完成工业总产值…；固定资产投资完成…)."""
        text, pos, full_stop = self.text, self.figure.start, self.full_stop
        start = self.sent_start
        while start > full_stop and CONTINUING_ITEM.match(text[start:pos]):
            start = last_of(text[full_stop:start - 1], "；;") + full_stop
        head = SENTENCE_HEAD.match(text, full_stop) if start > full_stop else None
        if head is not None and head.end() < start:
            return text[:head.end()] + "；" + text[start:pos]
        return text[:full_stop] + text[start:pos]


def _listed(where: Where, figures: list[Figure]) -> tuple[list[str], int] | None:
    """For 'A、B、C等…分别增长x、y、z': the items listed before 分别, and which of them this figure is."""
    text, sent_start, figure = where.text, where.sent_start, where.figure
    lead = text[sent_start:figure.start]
    at = lead.rfind("分别")
    if at == -1:
        return None
    clause_start = last_of(lead[:at], CLAUSE_END)
    if "、" not in lead[clause_start:at] and clause_start > 0 and lead[clause_start - 1] in "，,":
        # 固定资产投资、…和一般公共预算收入的两年平均增速，分别比全市高出17、…: the list is the clause before
        clause_start = last_of(lead[:clause_start - 1], CLAUSE_END)
    items = lead[clause_start:at].split("、")
    index = sum(1 for f in figures if sent_start + at < f.start <= figure.start) - 1
    listed = sum(1 for f in figures if sent_start + at < f.start < where.sent_end)
    if len(items) + 1 == listed and len(last := re.split(r"[和及与]", items[-1], maxsplit=1)) == 2:
        items = items[:-1] + last  # …、工业投资和一般公共预算收入: the last two joined by 和
    if len(items) < 2 or index >= len(items):
        return None
    return items, index


def last_listed_item(where: Where, figures: list[Figure]) -> str | None:
    """The last item of the 分别 list this figure belongs to: 白沙工业园规模工业产值, which names what
    is said of every item."""
    listed = _listed(where, figures)
    return listed[0][-1] if listed else None


def listed_items(where: Where, figures: list[Figure]) -> tuple[list[str], int] | None:
    """The items of the 分别 list this figure belongs to, as printed, and which of them it is."""
    return _listed(where, figures)


def respective_item(where: Where, figures: list[Figure]) -> str | None:
    """The item of a 分别 list this figure belongs to, as printed (永川 of 永川、江津、合川三地…)."""
    if (listed := _listed(where, figures)) is None:
        return None
    items, index = listed
    return re.sub(r"等.*$", "", items[index])


def respectively(where: Where, figures: list[Figure]) -> str | None:
    """For 'A、B、C等…分别增长x、y、z', the words that belong to this figure: its item and
    what the last item says of them all."""
    if (item := respective_item(where, figures)) is None:
        return None
    last = _listed(where, figures)[0][-1]
    shared = "产业产值" if "产值" in last else ""
    if not shared and (rate := re.search(r"(?:增速|增幅|增长)$", last)):
        shared = rate.group(0)  # 材料产业、电子产业增速分别为16.9%: the growth of each, not its output
    return item + shared


def quote(where: Where, own_words: bool, from_tail: bool) -> str:
    """The shortest clause that carries the figure and what it measures, verbatim."""
    text, sent_start, clause_start, figure = where.text, where.sent_start, where.clause_start, where.figure
    if own_words or clause_start == sent_start:
        start = clause_start
    else:  # 同比增长8.4%: take the clause before too, which names the metric
        start = sent_start + last_of(text[sent_start:clause_start - 1], CLAUSE_END)
    previous = sent_start + last_of(text[sent_start:max(start - 1, sent_start)], CLAUSE_END)
    if start > sent_start and TIME_CLAUSE.match(text[previous:start - 1]):
        start = previous  # keep a short time clause: 去年，…
    after = where.after
    end = figure.end + (len(m.group(0)) if (m := re.match(r"^ ?(以上|左右)", after)) else 0)
    if from_tail:
        end = figure.end + len(where.upto(SEGMENT_END))
    if re.match(r"^(?:以上)?的(?:提升|增长|增速|增幅)", after):
        end = figure.end + after.index("的") + 3
    return where.printed[start:end].lstrip("\\* \t").rstrip("…")
