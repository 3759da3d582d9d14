"""What a chart's y axis (or a panel of it) measures, made once from its parts and
written out in both languages, so the English twin never has to read the Chinese
title back apart.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# Units counted in 万 (10^4) and 亿 (10^8), which English counts in thousands, millions and
# billions: the English figure shows each value multiplied by the factor, in the English unit
# (2000亿元 -> 200 billion yuan; 12万吨 -> 120 thousand t).
ENGLISH_SCALE: dict[str, tuple[str, Decimal]] = {
    "亿元": ("billion yuan", Decimal("0.1")), "万元": ("thousand yuan", Decimal(10)),
    "万吨": ("thousand t", Decimal(10)), "万千瓦时": ("MWh", Decimal(10)), "亿千瓦时": ("billion kWh", Decimal("0.1")),
    "万立方米": ("thousand m³", Decimal(10)), "亿立方米": ("billion m³", Decimal("0.1")),
    "万亿立方米": ("trillion m³", Decimal(1)), "万人": ("thousand people", Decimal(10)),
    "万亩": ("thousand mu", Decimal(10)), "万平方米": ("thousand m²", Decimal(10)), "万件": ("thousand items", Decimal(10)),
    "万辆": ("thousand vehicles", Decimal(10)),
}
# Units as printed in the reports; counts need no word after the number.
UNITS_EN = {
    **{unit: english for unit, (english, _) in ENGLISH_SCALE.items()},
    "元": "yuan", "吨": "t",
    "人": "people", "亩": "mu", "公里": "km", "平方公里": "km²",
    "%": "%", "个百分点": "percentage points", "百分点": "percentage points", "个": "", "家": "", "户": "", "项": "", "座": "", "条": "", "辆": "vehicles",
    "台": "units", "件": "", "所": "", "名": "people", "位": "people",
}
# What a panel's numbers are, beyond a plain level: (Chinese, English).
PANEL_MEASURES = {
    "level": ("", ""),
    "growth": ("增速", "growth"),
    "share": ("占比", "share"),
    "change": ("新增", "new"),
    "cumulative": ("累计", "cumulative"),  # levels all as of a date: running totals
}


def unit_en(unit: str) -> str:
    return UNITS_EN.get(unit, unit)


def english_number(value: float, unit: str) -> float:
    """The value as the English figure shows it, in unit_en(unit): 2000 (亿元) -> 200.0.
    Decimal arithmetic, so 0.3万吨 is 3 thousand t, not 3.0000000000000004."""
    factor = ENGLISH_SCALE.get(unit, ("", Decimal(1)))[1]
    if factor == 1:
        return value
    shown = float(Decimal(repr(value)) * factor)
    return int(shown) if shown.is_integer() else shown


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
