"""Category labels that stay level on the narrowest phone.

plotly.js turns x labels that do not fit side by side (30°, then 90°), which on a
phone makes them overlap, run off the chart or read as arrows. The charts never let
it turn them (`tickangle: 0`); instead each label is shortened or wrapped, once, for
the narrowest chart box the site shows (a 320 px phone), so it fits at every width:

- a label that starts with a year is the year, then the rest on a line of its own
  (2022年 / 1—8月; 2021年 / 年末); the 年 of a bare year is dropped when even
  ``2023年`` would not fit (the axis title says 年份);
- a name longer than its share of the axis is cut into even lines
  (页岩气及 / 清洁能源), English at its spaces;
- where even a bare year would not fit, the empty years between two figures go unlabelled.
"""
from __future__ import annotations

import math
import re

NARROWEST_PLOT_PX = 236  # plot width in a 320 px phone's chart box (296 px) less the y labels
CJK_PX = 13  # one Chinese character of the 13 px tick font
DIGIT_PX = 7.5  # one digit of it
LATIN_PX = 7.0  # one Latin letter, on average
GAP_PX = 4  # kept free between two neighbouring labels

_YEAR_FIRST = re.compile(r"^(\d{4})年(.*)$")


def tick_texts(labels: list[str], lang: str = "zh", empty: frozenset[str] = frozenset()) -> list[str]:
    """The text drawn under each category, `<br>` between its lines. `empty`: the categories
    that hold no value (years missing between two figures); where even a bare year would not
    fit, they go unlabelled, so the labels of the values keep their room."""
    budget = NARROWEST_PLOT_PX / max(len(labels), 1) - GAP_PX
    texts = _texts(labels, budget, lang)
    if 4 * DIGIT_PX > budget:
        texts = ["" if label in empty else text for label, text in zip(labels, texts)]
    return texts


def _texts(labels: list[str], budget: float, lang: str) -> list[str]:
    years = [_YEAR_FIRST.match(label) for label in labels]
    if lang == "zh" and all(years):
        keep_year_word = 4 * DIGIT_PX + CJK_PX <= budget
        return [_year_label(m.group(1), m.group(2), keep_year_word) for m in years]
    return [_wrapped(label, budget, lang) for label in labels]


def _year_label(year: str, rest: str, keep_year_word: bool) -> str:
    if rest[:1] in ("末", "底", "初"):  # 2021年末: the 年 belongs to the rest
        return f"{year}<br>年{rest}"
    if rest:
        return f"{year}年<br>{rest}" if keep_year_word else f"{year}<br>{rest}"
    return f"{year}年" if keep_year_word else year


def _wrapped(label: str, budget: float, lang: str) -> str:
    if lang == "en" or " " in label:
        return _wrapped_words(label, max(4, int(budget // LATIN_PX)))
    per_line = max(2, int(budget // CJK_PX))
    if len(label) <= per_line:
        return label
    lines = math.ceil(len(label) / per_line)
    size = math.ceil(len(label) / lines)  # even lines: 页岩气及 / 清洁能源, not 页岩气及清 / 洁能源
    return "<br>".join(label[i:i + size] for i in range(0, len(label), size))


def _wrapped_words(label: str, per_line: int) -> str:
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= per_line:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def line_count(text: str) -> int:
    return text.count("<br>") + 1


def panel_title_lines(title: str, width_px: float) -> list[str]:
    """A panel's title in lines that fit `width_px` (13 px bold): cut after its colon
    (研发投入：累计 / （亿元）) or before its unit, as few cuts as it needs."""
    if _title_px(title) <= width_px:
        return [title]
    for mark in ("：", "（"):
        head, sep, tail = title.partition(mark)
        if sep:
            first, second = (head + sep, tail) if mark == "：" else (head, sep + tail)
            if _title_px(first) <= width_px and _title_px(second) <= width_px:
                return [first, second]
    half = len(title) // 2
    return [title[:half], title[half:]]


def _title_px(text: str) -> float:
    return sum(CJK_PX + 0.5 if ord(ch) > 0x2E80 else DIGIT_PX for ch in text)


def last_label_overhang(texts: list[str]) -> float:
    """How far the last label reaches past the plot's right edge on the narrowest phone
    (it is centred half a category in from that edge)."""
    lines = [line for line in texts[-1].split("<br>")] if texts else []
    widest = max((sum(CJK_PX if ord(ch) > 0x2E80 else DIGIT_PX for ch in line) for line in lines), default=0)
    return widest / 2 - NARROWEST_PLOT_PX / max(len(texts), 1) / 2
