"""Decode the bytes of a text file whose encoding nobody told us.

Chinese text files arrive as UTF-8 (with or without BOM), UTF-16 (with BOM),
GB18030/GBK or Big5. GB18030 and Big5 decode many foreign byte strings
without error, so a clean decode is not proof: a candidate is accepted only
when the characters it yields are the ones Chinese prose is made of. The
measure is the share of CJK characters that, once folded to Simplified, fall
in GB2312's level-1 set (the 3,755 most common characters). Real text scores
~0.99; mojibake scores ~0.5. Nothing is ever decoded with ``errors="replace"``:
a file no candidate decodes cleanly is reported, not guessed.
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


class UndecodableError(ValueError):
    """No candidate encoding decodes the bytes into plausible text."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


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

    text = _strict(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8" if not data.isascii() else "ascii")

    decodes = [(enc, text) for enc in _LEGACY_CANDIDATES if (text := _strict(data, enc)) is not None]
    if not decodes:
        raise UndecodableError(_utf8_error(data))
    scored = [(share, enc, text) for enc, text in decodes if (share := common_share(text)) is not None]
    if not scored:
        # Too little Chinese to judge: the mainland encoding is the likelier one.
        encoding, text = decodes[0]
        return Decoded(text, encoding)
    share, encoding, text = max(scored, key=lambda s: s[0])
    if share < MIN_COMMON_SHARE:
        raise UndecodableError(
            f"{_utf8_error(data)}; best legacy decode {encoding} looks like mojibake ({share:.0%} common characters)"
        )
    return Decoded(text, encoding)


def _utf8_error(data: bytes) -> str:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})"
    return "not valid UTF-8"
