"""Figures in English: the units English counts 万 and 亿 in, and a fact's figure as an
English reader expects it (2000亿元 -> over 200 billion yuan). Used by the English embeds
(fuling.charts.english) and by `{fact:ID}` in English prose (a chart's description_en).
"""
from __future__ import annotations

from decimal import Decimal

from fuling.core.model import Fact
from fuling.core.numbers import format_value
from fuling.core.vocab import BOUND_EN

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


def format_fact_en(fact: Fact) -> str:
    """`over 200 billion yuan`, `11.2%`, `8`: the figure in English units, its unit in words."""
    unit = unit_en(fact.unit)
    number = f"{BOUND_EN.get(fact.bound, '')}{format_value(english_number(fact.value, fact.unit))}"
    if not unit or unit == "%":
        return number + unit
    return f"{number} × {unit}" if unit[0].isdigit() else f"{number} {unit}"
