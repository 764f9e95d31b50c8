"""Traditional/Simplified script: conversion with OpenCC and detection.

OpenCC converters cannot be pickled, so each process builds its own on
first use (this keeps the functions usable on Dask workers).
"""

from __future__ import annotations

from functools import cache
from typing import Literal

import opencc

Script = Literal["simplified", "traditional", "mixed"]

# A document whose script-specific characters are at least this share
# Traditional (or Simplified) is called Traditional (or Simplified).
_DOMINANT_SHARE = 0.9


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Convert Traditional Chinese to Simplified (OpenCC ``t2s``)."""
    return _converter("t2s").convert(text) if text else text


def _changed_chars(chars: str, config: str) -> int:
    converted = _converter(config).convert("\n".join(chars)).split("\n")
    return sum(1 for a, b in zip(chars, converted, strict=False) if a != b)


def detect_script(text: str) -> Script:
    """Tell whether ``text`` is written in Simplified, Traditional or both.

    Counts distinct characters that only one script uses: those ``t2s`` changes
    are Traditional-only, those ``s2t`` changes are Simplified-only. Text made
    only of characters shared by both scripts counts as Simplified.
    """
    cjk = "".join(sorted({c for c in text if "\u4e00" <= c <= "\u9fff"}))
    if not cjk:
        return "simplified"
    traditional = _changed_chars(cjk, "t2s")
    simplified = _changed_chars(cjk, "s2t")
    total = traditional + simplified
    if total == 0 or simplified >= _DOMINANT_SHARE * total:
        return "simplified"
    if traditional >= _DOMINANT_SHARE * total:
        return "traditional"
    return "mixed"
