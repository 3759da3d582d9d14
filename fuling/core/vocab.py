"""The words a fact record is made of, and how each is shown in both languages.

A fact's `kind`, `bound` and `measure` take one of the keys below; the load stage
accepts only these, and every page, export, chart and feed shows them through
these tables, so a new word is one line here.
"""
from __future__ import annotations

# kind: what the figure is. Chinese, English.
KINDS = {
    "actual": ("实际", "actual"),
    "estimate": ("预计", "estimate"),
    "target": ("目标", "target"),
}
# bound: how the printed figure bounds the true one. Word before the number in
# Chinese and in English, and the sign the conflict check prints.
BOUNDS = {
    "exact": ("", "", ""),
    "at_least": ("超过", "over ", "≥"),
    "about": ("约", "about ", "≈"),
    "at_most": ("不超过", "at most ", "≤"),
}
# measure: what the number measures. Chinese label ("" for a plain level).
MEASURES = {
    "level": "",
    "growth": "增速",
    "share": "占比",
    "change": "新增",
}

# Measure words that all count things (factories: 个 or 家; firms: 家 or 户): one chart
# axis may hold them together, and a download gives each metric one of them.
COUNT_WORDS = {"个", "家", "户", "所", "座", "项", "条"}

KIND_LABELS = {key: zh for key, (zh, _) in KINDS.items()}
KIND_EN = {key: en for key, (_, en) in KINDS.items()}
BOUND_PREFIX = {key: zh for key, (zh, _, _) in BOUNDS.items()}
BOUND_EN = {key: en for key, (_, en, _) in BOUNDS.items()}
BOUND_SIGN = {key: sign for key, (_, _, sign) in BOUNDS.items()}
MEASURE_LABELS = dict(MEASURES)

# Chart specs: the chart types drawn, and the fact fields a series may select on
# (as docs/content-format.md lists them).
CHART_TYPES = ("bar", "grouped-bar", "line", "pie")
SELECT_KEYS = ("metric", "subject", "kind", "measure")
