"""How a number written in prose compares with a fact's value.

A theme narrative links figures to facts: `[2471亿元](fact:industrial-output-2023)`.
The number in the link text must be the fact's value, allowing for the ways
Chinese newspapers scale numbers:

- a 万 / 亿 / 万亿 right after the digits multiplies them: `1.2万亿元` is
  12000 in a fact whose unit is 亿元; `20万吨` is 20 in 万吨 or 200000 in 吨;
- the fact's unit may itself start with 万 / 亿 / 万亿 (`亿元`, `万吨`), so
  both sides are compared in base units;
- thousands separators (`2,471`) are ignored;
- the text may round: `2471亿元` matches 2471.3 (the text shows no decimals,
  so it stands for anything within half a unit of its last digit);
- small Chinese numerals (`两家`, `三大`) count as digits;
- when the text holds several numbers, one of them must match.
"""
from __future__ import annotations

import re

SCALE = {"万亿": 1e12, "亿": 1e8, "万": 1e4}
CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
NUMBER_RE = re.compile(r"(\d[\d,]*(?:\.\d+)?|[一二两三四五六七八九十](?=[家个项名户大条座所种]))(万亿|亿|万)?")


def unit_scale(unit: str) -> float:
    """Multiplier hidden in a unit's prefix: 亿元 → 1e8, 万吨 → 1e4, % → 1."""
    for prefix in ("万亿", "亿", "万"):
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return SCALE[prefix]
    return 1.0


def numbers_in(text: str) -> list[tuple[float, float]]:
    """Every number in `text` as (value in base units, rounding tolerance in base units)."""
    found = []
    for match in NUMBER_RE.finditer(text):
        digits, prefix = match.group(1), match.group(2)
        scale = SCALE[prefix] if prefix else 1.0
        if digits in CHINESE_DIGITS:
            found.append((CHINESE_DIGITS[digits] * scale, 0.0))
            continue
        plain = digits.replace(",", "")
        decimals = len(plain.split(".")[1]) if "." in plain else 0
        found.append((float(plain) * scale, 0.5 * 10 ** -decimals * scale))
    return found


def text_matches_value(text: str, value: float, unit: str) -> bool:
    """True when some number in `text` is `value` (in `unit`), as defined above."""
    target = value * unit_scale(unit)
    for number, tolerance in numbers_in(text):
        # a text number without 万/亿 next to it may also be in the fact's own unit ("2471" for 2471 亿元)
        for candidate, slack in ((number, tolerance), (number * unit_scale(unit), tolerance * unit_scale(unit))):
            if abs(candidate - target) <= slack + 1e-9 * max(abs(target), 1.0):
                return True
    return False
