"""Numbers written the Chinese way: 25.5万, 1,200, 两千, 数十, 1.3 万, 5万多."""

from __future__ import annotations

import math
import re

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
MULTIPLIERS = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}

CHINESE_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿"
ARABIC = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


def parse_chinese_integer(text: str) -> int | None:
    """一千二百 → 1200, 十四 → 14, 两万 → 20000, 三 → 3; None if malformed."""
    if not text or any(c not in CHINESE_NUMERAL_CHARS for c in text):
        return None
    if text in MULTIPLIERS or text == "十":
        return int(MULTIPLIERS.get(text, 10))  # 万 alone, as in 近万名, is ten thousand
    total, section, digit = 0, 0, None
    for char in text:
        if char in _DIGITS:
            if digit is not None and char not in "零〇":
                return None  # 二三: two digits in a row is not a numeral
            digit = _DIGITS[char]
        elif char in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[char]
            digit = None
        else:  # 万 or 亿
            section += digit or 0
            total = (total + section) * (10_000 if char == "万" else 100_000_000)
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_digit_string(text: str) -> int | None:
    """二〇二三 → 2023: numerals read digit by digit, as years are written; None if any is not a digit."""
    if not text or any(c not in _DIGITS or c == "两" for c in text):
        return None
    return int("".join(str(_DIGITS[c]) for c in text))


def parse_number(text: str) -> float | None:
    """Arabic (with thousands commas) or Chinese numerals to a float; ``None`` beyond what a float holds."""
    text = text.strip()
    if ARABIC.match(text):
        return finite(float(text.replace(",", "")))
    return finite(parse_chinese_integer(text))


def finite(value: float | None) -> float | None:
    """``value`` as a float, or ``None`` when it is none or too large to be one (a run of 309 digits)."""
    if value is None:
        return None
    try:
        value = float(value)
    except OverflowError:
        return None
    return value if math.isfinite(value) else None
