"""Numbers: Chinese numerals read, values formatted, and prose compared with a fact's value.

`chinese_number` reads 十二 as 12 with cn2an (a well-kept converter), for every
stage that meets numerals. `format_value` and `format_fact` are the one way a
value is printed on pages, in feeds and in exports.

How a number written in prose compares with a fact's value:

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
- Chinese numerals before a measure word (`两家`, `三大`, `十二家`) count as numbers;
- when the text holds several numbers, one of them must match.
"""
from __future__ import annotations

import re

from fuling.core.vocab import BOUND_PREFIX

SCALE = {"万亿": 1e12, "亿": 1e8, "万": 1e4}
NUMERAL_CHARS = "零一二两三四五六七八九十百千"  # what a Chinese numeral of a count is written with
CHINESE_NUMERAL = f"[{NUMERAL_CHARS}]+"
# 余/多 may stand between the digits and their scale: 200余万元 is over 2,000,000 yuan.
NUMBER_RE = re.compile(rf"(\d[\d,]*(?:\.\d+)?|{CHINESE_NUMERAL}(?=[家个项名户大条座所种]))(?:[余多])?(万亿|亿|万)?")
# Shares printed in words: 四分之一 (a quarter), 一半 / 半数 (a half).
FRACTION_RE = re.compile(rf"({CHINESE_NUMERAL}|\d+)分之({CHINESE_NUMERAL}|\d+)")
HALF_RE = re.compile(r"一半|半数")


def chinese_number(text: str) -> int | float | None:
    """一 → 1, 十二 → 12, 两百 → 200, 三千五百 → 3500, 一百零五 → 105; None if `text` is
    not one numeral. Digit-by-digit strings (一二, 二〇二三) are not counts: None."""
    if not text:
        return None
    import cn2an  # here, not at the top: its import costs ~80 ms, and most builds read no numeral

    try:
        return cn2an.cn2an(text.replace("两", "二"), "strict")
    except (ValueError, KeyError, IndexError):
        return None


def numerals_to_digits(text: str) -> str:
    """二〇〇七年二月二十六日 → 2007年2月26日: the Chinese numerals of `text` in digits (cn2an)."""
    import cn2an  # here, not at the top: see chinese_number

    return cn2an.transform(text, "cn2an")


def format_value(value: float) -> str:
    """2471.0 -> '2471', 80.4 -> '80.4', 1234567.5 -> '1234567.5': as the reports print
    them (no thousands separator, never an exponent)."""
    if value == 0:
        return "0"
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"


def format_fact(fact, with_unit: bool = True) -> str:
    """The figure with its bound word and unit: 超过2000亿元, 约80%, 2471亿元."""
    text = BOUND_PREFIX.get(fact.bound, "") + format_value(fact.value)
    return text + fact.unit if with_unit else text


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
        if not digits[0].isdigit():
            numeral = chinese_number(digits)
            if numeral is not None:
                found.append((numeral * scale, 0.0))
            continue
        plain = digits.replace(",", "")
        decimals = len(plain.split(".")[1]) if "." in plain else 0
        found.append((float(plain) * scale, 0.5 * 10 ** -decimals * scale))
    return found


def shares_in(text: str) -> list[float]:
    """Percentages a text gives in words: 四分之一 → 25, 一半 → 50."""
    found = []
    for match in FRACTION_RE.finditer(text):
        whole, part = (chinese_number(g) if not g.isdigit() else int(g) for g in match.groups())
        if whole and part is not None:
            found.append(100.0 * part / whole)
    found += [50.0] * len(HALF_RE.findall(text))
    return found


def quote_matches_value(quote: str, value: float, unit: str) -> bool:
    """Is `value` the number its verbatim quote prints? A fall is stored negative
    (生产工人减少30% → -30) and printed without its sign; a share may be printed in
    words (四分之一 → 25%)."""
    if text_matches_value(quote, abs(value), unit):
        return True
    return unit == "%" and any(abs(share - abs(value)) < 1e-9 for share in shares_in(quote))


def text_matches_value(text: str, value: float, unit: str) -> bool:
    """True when some number in `text` is `value` (in `unit`), as defined above."""
    target = value * unit_scale(unit)
    for number, tolerance in numbers_in(text):
        # a text number without 万/亿 next to it may also be in the fact's own unit ("2471" for 2471 亿元)
        for candidate, slack in ((number, tolerance), (number * unit_scale(unit), tolerance * unit_scale(unit))):
            if abs(candidate - target) <= slack + 1e-9 * max(abs(target), 1.0):
                return True
    return False
