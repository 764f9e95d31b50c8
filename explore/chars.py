"""Which characters are Chinese: one definition for every rule.

``CJK`` is the CJK Unified Ideographs block and Extension A, as a regular
expression character range; :func:`is_cjk` answers for one character.
"""

from __future__ import annotations

CJK = r"\u3400-\u4dbf\u4e00-\u9fff"


def is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"
