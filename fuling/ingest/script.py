"""The text the rules read: Simplified characters and half-width forms, same length as printed.

A report printed in Traditional characters (榮昌高新區…記者 歐陽晴) or with
full-width digits (１８.０４) is matched by the same date and byline rules
as any other. The article keeps the seed's own characters, so that quotes
still check against the seed; only the rules read the converted text. Both
texts have the same length, so a span the rules find is the same span of
the printed line. (The extract stage folds less: it keeps full-width
punctuation, fuling/extract/printed.py.)
"""
from __future__ import annotations

import unicodedata

from fuling.core.script import simplified


def _half_width(char: str) -> str:
    """NFKC for one character (１ -> 1, （ -> (, the ideographic space -> space),
    kept as printed when NFKC would turn it into several characters (㎡ -> m2)."""
    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 else char


def rule_text(text: str) -> str:
    """What the rules match: Simplified, half-width, as long as `text`."""
    return "".join(_half_width(ch) for ch in simplified(text))
