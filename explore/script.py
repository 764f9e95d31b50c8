"""Traditional/Simplified script: conversion with OpenCC and detection.

OpenCC converters cannot be pickled, so each process builds its own on
first use (this keeps the functions usable on Dask workers).
"""

from __future__ import annotations

from functools import cache
from typing import Literal

import opencc

from explore.chars import is_cjk

Script = Literal["simplified", "traditional", "mixed"]

# A document whose script-specific characters are at least this share
# Traditional (or Simplified) is called Traditional (or Simplified).
_DOMINANT_SHARE = 0.9


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_traditional(text: str) -> str:
    """Simplified → Traditional (OpenCC s2t), as a repost in Taiwan or Hong Kong would be written."""
    return _converter("s2t").convert(text) if text else text


def to_simplified(text: str) -> str:
    """Convert Traditional Chinese to Simplified (OpenCC ``t2s``), to a fixed point.

    ``t2s`` maps a few characters to ones it maps again (薴 → 苧 → 苎); converting
    what changed once more makes cleaning clean text change nothing.
    """
    if not text:
        return text
    converter = _converter("t2s")
    once = converter.convert(text)
    return once if once == text else converter.convert(once)


# The characters seen so far, and which of them only one script uses: learnt once per process.
_SEEN: set[str] = set()
_TRADITIONAL_ONLY: set[str] = set()
_SIMPLIFIED_ONLY: set[str] = set()


def _changed_chars(chars: list[str], config: str) -> list[bool]:
    converted = _converter(config).convert("\n".join(chars)).split("\n")
    return [a != b for a, b in zip(chars, converted, strict=True)]


def _learn(chars: set[str]) -> None:
    """Flag the Chinese characters among ``chars`` not seen before (one OpenCC call each way for all of them)."""
    unseen = sorted(c for c in chars.difference(_SEEN) if is_cjk(c))
    if unseen:
        for char, traditional, simplified in zip(
            unseen, _changed_chars(unseen, "t2s"), _changed_chars(unseen, "s2t"), strict=True
        ):
            if traditional:
                _TRADITIONAL_ONLY.add(char)
            if simplified:
                _SIMPLIFIED_ONLY.add(char)
    _SEEN.update(chars)


def detect_script(text: str) -> Script:
    """Tell whether ``text`` is written in Simplified, Traditional or both.

    Counts distinct characters that only one script uses: those ``t2s`` changes
    are Traditional-only, those ``s2t`` changes are Simplified-only. Text made
    only of characters shared by both scripts counts as Simplified.
    """
    chars = set(text)
    if not chars <= _SEEN:
        _learn(chars)
    traditional = len(chars & _TRADITIONAL_ONLY)
    simplified = len(chars & _SIMPLIFIED_ONLY)
    total = traditional + simplified
    if total == 0 or simplified >= _DOMINANT_SHARE * total:
        return "simplified"
    if traditional >= _DOMINANT_SHARE * total:
        return "traditional"
    return "mixed"
