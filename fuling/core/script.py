"""Traditional to Simplified, one character for one: the script the rules of every stage read.

Reports from other outlets come in Traditional characters (榮昌高新區…億元). The
rules are written once, for Simplified text, and they find spans that are cut
from the printed text (quotes, bylines), so the converted text must be exactly
as long as the printed one. OpenCC does the conversion.
"""
from __future__ import annotations

from functools import lru_cache

import opencc


@lru_cache(maxsize=1)
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s.json")


def simplified(text: str) -> str:
    """OpenCC's Traditional-to-Simplified conversion of `text`, character for
    character: a phrase conversion that changes the length (rare in t2s) falls
    back to converting each character on its own."""
    converter = _to_simplified()
    converted = converter.convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(c := converter.convert(ch)) == 1 else ch for ch in text)
