"""The text the extraction rules read: Simplified characters and half-width digits,
exactly as long as the printed text.

Reports from other outlets come in Traditional script (榮昌…億元) and with
full-width digits (１８.０４). The rules are written once, for Simplified text
with ASCII digits; quotes are still cut from the printed text, which is why the
rule text keeps every character's offset.
"""
from __future__ import annotations

from functools import lru_cache

from fuling.core.script import simplified

# Full-width forms folded to ASCII: digits, Latin letters and the signs of a number.
# Full-width punctuation (，（）：) stays as printed: the rules read it as it is
# (ingest's rule text folds it too, fuling/ingest/script.py).
_HALF_WIDTH = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)
               if chr(code - 0xFEE0).isalnum() or chr(code - 0xFEE0) in "%.+-/"}


@lru_cache(maxsize=4096)
def rule_text(text: str) -> str:
    """What the rules match: Simplified, half-width digits, as long as `text`."""
    return "".join(_HALF_WIDTH.get(ch, ch) for ch in simplified(text))


# a paragraph printed in Simplified may still hold a character OpenCC converts, in a name (杨闇公故里景区)
FEW_CONVERTED = 2


def printed_name(name: str, rule: str, printed: str) -> str:
    """`name` as the rules read it in `rule`, in the characters `printed` gives it where the paragraph is
    printed in Simplified (杨闇公故里景区, not 杨暗公故里景区); a Traditional paragraph's names stay Simplified."""
    at = rule.find(name)
    if at < 0 or printed[at:at + len(name)] == name:
        return name
    converted = sum(1 for r, p in zip(rule, printed) if r != p and _HALF_WIDTH.get(p) != r)
    return printed[at:at + len(name)] if converted <= FEW_CONVERTED else name
