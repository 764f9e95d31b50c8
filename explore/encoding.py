"""Decode the bytes of a text file whose encoding nobody told us.

Chinese text files arrive as UTF-8 (with or without BOM), UTF-16 (with BOM),
GB18030/GBK or Big5. GB18030 and Big5 decode many foreign byte strings
without error, so a clean decode is not proof: a candidate is accepted only
when the characters it yields are the ones Chinese prose is made of. The
measure is the share of CJK characters that, once folded to Simplified, fall
in GB2312's level-1 set (the 3,755 most common characters). Real text scores
~0.99; mojibake scores ~0.5. UTF-16 without a byte-order mark is recognised
by its NUL bytes falling on one side of each pair. A file no candidate
decodes cleanly is decoded with replacement characters only when the damage
is small (at most :data:`MAX_REPLACED` sequences, or one per thousand bytes)
and the result is plausible, and the number replaced is recorded; otherwise
it is reported, not guessed.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from functools import lru_cache

from explore.chars import is_cjk
from explore.script import to_simplified

# Below this share of common characters a decode is treated as mojibake.
MIN_COMMON_SHARE = 0.85
# With fewer CJK characters than this the score says little; any clean decode wins.
MIN_CJK_FOR_SCORE = 20

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY_CANDIDATES = ("gb18030", "big5")
# A few bad bytes (a truncated download, one damaged sector) are replaced; more than this is reported.
MAX_REPLACED = 8
_CONTROL_OK = frozenset("\t\n\r\f\v")


class UndecodableError(ValueError):
    """No candidate encoding decodes the bytes into plausible text."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    replaced: int = 0  # byte sequences no candidate could decode, replaced with U+FFFD


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    chars = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            if lead == 0xD7 and trail > 0xF9:
                break
            chars.add(bytes((lead, trail)).decode("gb2312"))
    return frozenset(chars)


def common_share(text: str, *, sample: int = 20_000) -> float | None:
    """Share of CJK characters in ``text`` that are common Simplified ones.

    ``None`` when the text holds too few CJK characters to judge.
    """
    cjk = "".join(c for c in text[: sample * 3] if is_cjk(c))[:sample]
    if len(cjk) < MIN_CJK_FOR_SCORE:
        return None
    simplified = to_simplified(cjk)
    common = _common_chars()
    return sum(c in common for c in simplified) / len(simplified)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data``, naming the encoding; raise :class:`UndecodableError`."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data, encoding)
            if text is None:
                raise UndecodableError(f"invalid bytes after a {encoding} byte-order mark")
            return Decoded(text, encoding)

    if (utf16 := utf16_without_bom(data)) is not None:
        return utf16
    text = _strict(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8" if not data.isascii() else "ascii")

    decodes = [(enc, text) for enc in _LEGACY_CANDIDATES if (text := _strict(data, enc)) is not None]
    if not decodes:
        return _with_replacement(data, _utf8_error(data))
    scored = [(share, enc, text) for enc, text in decodes if (share := common_share(text)) is not None]
    if not scored:
        # Too little Chinese to judge: the mainland encoding is the likelier one.
        encoding, text = decodes[0]
        return Decoded(text, encoding)
    share, encoding, text = max(scored, key=lambda s: s[0])
    if share < MIN_COMMON_SHARE:
        return _with_replacement(
            data,
            f"{_utf8_error(data)}; best legacy decode {encoding} looks like mojibake ({share:.0%} common characters)",
        )
    return Decoded(text, encoding)


def utf16_without_bom(data: bytes, *, complete: bool = True) -> Decoded | None:
    """UTF-16 text saved without a byte-order mark: its NUL bytes (the high half of ASCII) fall on one side.

    ``complete=False`` judges the first bytes of a file (a pair cut at the end is no fault).
    """
    head = data[:8192]
    if b"\x00" not in head or (complete and len(data) % 2):
        return None
    nul_even, nul_odd = head[0::2].count(0), head[1::2].count(0)
    encoding = "utf-16-le" if nul_odd > nul_even else "utf-16-be"
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(data, final=complete)
    except UnicodeDecodeError:
        return None
    sample = text[:4096]
    usual = sum(1 for c in sample if _usual_in_chinese_text(c))
    return Decoded(text, encoding) if usual >= 0.95 * len(sample) else None


def _usual_in_chinese_text(char: str) -> bool:
    """ASCII text, CJK characters and the punctuation Chinese text uses: what a right guess of UTF-16 yields."""
    return (
        (" " <= char <= "~")
        or char in _CONTROL_OK
        or is_cjk(char)
        or "\u2000" <= char <= "\u206f"  # — … “ ”
        or "\u3000" <= char <= "\u303f"  # 、。《》【】
        or "\uff00" <= char <= "\uffef"  # full-width forms
    )


def _with_replacement(data: bytes, why: str) -> Decoded:
    """The candidate that needs the fewest replacements, when they are few and the result reads as text."""
    limit = max(MAX_REPLACED, len(data) // 1000)
    best = None
    for encoding in ("utf-8", *_LEGACY_CANDIDATES):
        text = data.decode(encoding, errors="replace")
        marker = "\ufffd".encode(encoding, errors="ignore")  # a U+FFFD the file itself holds is no damage
        replaced = text.count("\ufffd") - (data.count(marker) if marker else 0)
        if replaced > limit or (best is not None and replaced >= best.replaced):
            continue
        share = common_share(text)
        if share is None or share >= MIN_COMMON_SHARE:
            best = Decoded(text, encoding, replaced)
    if best is None:
        raise UndecodableError(why)
    return best


def _utf8_error(data: bytes) -> str:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})"
    return "not valid UTF-8"
