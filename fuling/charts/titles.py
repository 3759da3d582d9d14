"""What a chart's y axis (or a panel of it) measures, made once from its parts and
written out in both languages, so the English twin never has to read the Chinese
title back apart.
"""
from __future__ import annotations

from dataclasses import dataclass

from fuling.core.english import ENGLISH_SCALE, unit_en

# What a panel's numbers are, beyond a plain level: (Chinese, English).
PANEL_MEASURES = {
    "level": ("", ""),
    "growth": ("增速", "growth"),
    "share": ("占比", "share"),
    "change": ("新增", "new"),
    "cumulative": ("累计", "cumulative"),  # levels all as of a date: running totals
}


@dataclass(frozen=True)
class PanelTitle:
    metrics: tuple[tuple[str, str], ...]  # (Chinese label, English label), in drawing order
    measure: str  # a PANEL_MEASURES key
    units: tuple[str, ...]  # as printed, sorted
    own: tuple[str, str] | None = None  # the chart spec's y_title and y_title_en, when it gives one

    @property
    def zh(self) -> str:
        """国家级绿色工厂、市级绿色工厂：累计（个/家）"""
        if self.own:
            return self.own[0]
        measure = PANEL_MEASURES[self.measure][0]
        return f"{'、'.join(zh for zh, _ in self.metrics)}{'：' + measure if measure else ''}（{'/'.join(self.units)}）"

    @property
    def en(self) -> str:
        """National green factories, Municipal green factories: cumulative"""
        if self.own:
            zh, en = self.own
            # Values in 亿元 are shown in billion yuan: the axis names the unit they are shown in.
            return ENGLISH_SCALE[zh][0] if zh in ENGLISH_SCALE else en or unit_en(zh)
        title = ", ".join(en for _, en in self.metrics)
        measure = PANEL_MEASURES[self.measure][1]
        if measure:
            title += f": {measure}"
        units = [u for u in dict.fromkeys(unit_en(unit) for unit in self.units) if u]
        return title + (f" ({'/'.join(units)})" if units else "")
