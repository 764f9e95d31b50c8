"""Character-level normalization: small pure ``str -> str`` steps.

Each step keeps line breaks as they are (line structure carries evidence the
boilerplate and splitting steps need) and is idempotent on its own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from explore.chars import CJK
from explore.gazetteer import names_changed_by
from explore.script import to_simplified

# Characters that belong to Chinese running text: ideographs and full-width
# punctuation/brackets/quotes.
_CJK_CONTEXT = CJK + r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u201c\u201d\u2018\u2019\u2014\u2026"

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
# Controls, and lone surrogates (which no encoder accepts, OpenCC included).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")
_ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f]")
_FULLWIDTH_ALNUM = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")

_TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_INITIAL = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_PINYIN_FINAL = (
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|uan|üan|ian|iao|uai|ai|ei|ao|ou|an|en|in|un|ün"
    r"|ia|ie|iu|ua|uo|ui|üe|ue|ve|er|a|o|e|i|u|ü|v)"
)
_PINYIN_SYLLABLE = re.compile(rf"{_PINYIN_INITIAL}{_PINYIN_FINAL}r?")
_TONE_STRIP = str.maketrans(_TONE_VOWELS, "aaaaeeeeiiiioooouuuuüüüü")
# A parenthesised lowercase Latin word right after an ideograph, e.g. 網(wǎng), 網 (wǎng), 網[wǎng], 網(wang3).
_LOST_VOWEL = "?"
_TONE_MARKS = frozenset(_TONE_VOWELS + _LOST_VOWEL)
_SYLLABLE_WRITTEN = rf"[a-z{_TONE_VOWELS}ü?]{{1,7}}[1-5]?"
_RUBY_CANDIDATE = re.compile(
    rf"(?<=[{CJK}])(?P<lead> )?(?:[(（]({_SYLLABLE_WRITTEN})[)）]|\[({_SYLLABLE_WRITTEN})\])"
    rf"(?(lead) ?|(?: (?=[{CJK}]))?)"  # the space set around it goes with it
)
# Toneless annotations are taken for pinyin only in a text that holds this many, nearly all syllables.
_TONELESS_RUN = 5
_TONELESS_SHARE = 0.8

# Each begins only where a run of spaces begins: tried at every space of a long run, they backtracked (quadratic).
_PARAGRAPH_MARK = re.compile(r"(?<![ \t])[ \t]*\u3000{2,}[ \t\u3000]*")
_LEADING_IDEOGRAPHIC = re.compile(r"^[ \t\u3000]+", re.MULTILINE)

# A run of two or more separators, e.g. ",,"  ",、"  "，。" left by broken conversions.
_PUNCT_RUN = re.compile(r"[,，、;；:：。!！?？]{2,}")
_STRENGTH = {
    "。": 6,
    "！": 6,
    "？": 6,
    ".": 6,
    "!": 6,
    "?": 6,
    "；": 5,
    ";": 5,
    "：": 4,
    ":": 4,
    "、": 3,
    "，": 2,
    ",": 2,
}
_TERMINAL_REPEATS = re.compile(r"^[!！?？]+$")
_LEADING_SEPARATOR = re.compile(r"^[ \t]*[,，、;；]+[ \t]*", re.MULTILINE)

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
# Half-width punctuation touching Chinese on at least one side; marks with
# Latin or digits on both sides (1,000  10:30  http://) are left alone.
_HALF_PUNCT = re.compile(
    rf"(?<=[{_CJK_CONTEXT}])[ \t]*([,;:?!])(?!//)[ \t]*"
    rf"|(?<![\w/])[ \t]*([,;:?!])[ \t]*(?=[{_CJK_CONTEXT}])"
)
_ANY_HALF_PUNCT = re.compile(r"[,;:?!(]")
_HALF_PARENS = re.compile(rf"\(([^()\n]*[{CJK}][^()\n]*)\)")

_SPACE_RUN = re.compile(r"[ \t]{2,}")
_DIGIT_CJK_SPACE = re.compile(rf"(?<=[\d%])[ \t]+(?=[{CJK}])|(?<=[{CJK}])[ \t]+(?=\d)")
_SPACE_AROUND_FULL_PUNCT = re.compile(
    r"[ \t]+(?=[\u3001\u3002\uff0c\uff1b\uff1a\uff1f\uff01\uff09\u300b\u300d\u300f\u201d])"
    r"|(?<=[\u3001\u3002\uff0c\uff1b\uff1a\uff1f\uff01\uff08\u300a\u300c\u300e\u201c])[ \t]+"
    rf"|(?<=[{CJK}])[ \t]+(?=[\uff08\u300a\u300c\u300e\u201c])"
    rf"|(?<=[\uff09\u300b\u300d\u300f\u201d])[ \t]+(?=[{CJK}])"
)
_TRAILING_SPACE = re.compile(r"(?<![ \t])[ \t]+$", re.MULTILINE)


def normalize_newlines(text: str) -> str:
    """CRLF, CR and other line separators become ``\\n``; form feeds too."""
    return _NEWLINES.sub("\n", text).replace("\f", "\n")


def remove_invisible(text: str) -> str:
    """Drop zero-width, control and lone surrogate characters; odd spaces become spaces."""
    return _ODD_SPACES.sub(" ", _CONTROL.sub("", _INVISIBLE.sub("", text)))


def fullwidth_alnum_to_ascii(text: str) -> str:
    """``２０２３`` → ``2023``, ``ＡＩ`` → ``AI``; and the separators of a full-width date or time between two
    digits (``２０２１－０３－０５　１０：００`` → ``2021-03-05　10:00``); other punctuation is handled elsewhere."""
    text = _FULLWIDTH_ALNUM.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)
    if "－" in text or "：" in text or "／" in text or "．" in text:
        text = _FULLWIDTH_DATE_SEPARATOR.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)
    return text


_FULLWIDTH_DATE_SEPARATOR = re.compile(r"(?<=\d)[－：／．](?=\d)")


def _is_pinyin(word: str) -> bool:
    word = word.translate(_TONE_STRIP)
    if _LOST_VOWEL in word:  # 網(w?ng): a tone-marked vowel an encoding without it turned into ?
        return word.count(_LOST_VOWEL) == 1 and any(
            _PINYIN_SYLLABLE.fullmatch(word.replace(_LOST_VOWEL, vowel)) for vowel in "aeiouü"
        )
    return _PINYIN_SYLLABLE.fullmatch(word) is not None


def remove_pinyin_annotations(text: str) -> str:
    """Remove ruby pinyin such as ``網(wǎng)``, keeping ordinary parentheses.

    A parenthesised (or square-bracketed) word after an ideograph, a space
    between them or not, is dropped when it is one pinyin syllable carrying a
    tone mark or a tone's number, or a toneless syllable in a text that is
    evidently annotated (three or more toned annotations, or at least five
    annotations nearly all of them syllables).
    """
    if "(" not in text and "（" not in text and "[" not in text:
        return text
    candidates = list(_RUBY_CANDIDATE.finditer(text))
    if not candidates:
        return text
    words = [_annotation(m) for m in candidates]
    syllables = [w for w in words if _is_syllable(w)]
    toned = [w for w in syllables if _has_tone(w)]
    annotated = len(toned) >= 3 or (len(syllables) >= _TONELESS_RUN and len(syllables) >= _TONELESS_SHARE * len(words))

    def replace(match: re.Match[str]) -> str:
        word = _annotation(match)
        if _is_syllable(word) and (_has_tone(word) or (annotated and len(word) > 1)):
            return ""
        return match.group()

    return _RUBY_CANDIDATE.sub(replace, text)


def _is_syllable(word: str) -> bool:
    """One pinyin syllable, its tone's number after it or not (wang3)."""
    return _is_pinyin(word.rstrip("12345"))


def _annotation(match: re.Match[str]) -> str:
    return match.group(2) or match.group(3)


def _has_tone(word: str) -> bool:
    """A tone mark on a vowel (wǎng), a tone's number after the syllable (wang3), or the ? a lost mark left."""
    return not _TONE_MARKS.isdisjoint(word) or word[-1] in "12345"


def simplify_script(text: str) -> str:
    """Traditional → Simplified with OpenCC (``t2s``), the names it would break kept (乾安 stays 乾安, not 干安:
    OpenCC reads 乾 as 干 "dry" wherever it stands)."""
    simplified = to_simplified(text)
    if simplified == text:
        return text
    for broken, name in _names_t2s_breaks():
        if broken in simplified:
            simplified = simplified.replace(broken, name)
    return simplified


@lru_cache(maxsize=1)
def _names_t2s_breaks() -> tuple[tuple[str, str], ...]:
    return names_changed_by(to_simplified)


def paragraph_marks_to_breaks(text: str) -> str:
    """A run of ideographic spaces (the ``　　`` indent) starts a new paragraph."""
    if "\u3000" not in text and not text.startswith((" ", "\t")) and "\n " not in text and "\n\t" not in text:
        return text  # no ideographic space and no indented line: nothing to do
    return _PARAGRAPH_MARK.sub("\n", _LEADING_IDEOGRAPHIC.sub("", text))


def _strongest(run: str) -> str:
    if _TERMINAL_REPEATS.match(run):
        return run  # "？！" and "！！" are the writer's, not noise
    mark = max(run, key=lambda c: _STRENGTH.get(c, 0))
    return _HALF_TO_FULL.get(mark, "。" if mark == "." else mark)


def repair_punctuation(text: str) -> str:
    """Collapse doubled or stray separators (``,,`` ``,、`` ``，。``) into one mark.

    The strongest mark of a run wins (。 over ； over ： over 、 over ，), and a
    separator that opens a line is dropped.
    """
    text = _PUNCT_RUN.sub(lambda m: _strongest(m.group()), text)
    return _LEADING_SEPARATOR.sub("", text)


def fullwidth_punctuation(text: str) -> str:
    """Half-width ``, ; : ? !`` and ``( )`` inside Chinese text become full-width.

    Numbers (``25.5``, ``2023-01-09``, ``10:30``), URLs and e-mail addresses are
    untouched: only marks with Chinese on one side are converted.
    """
    if not _ANY_HALF_PUNCT.search(text):  # most Chinese lines: nothing to convert, skip the slow patterns
        return text
    text = _HALF_PUNCT.sub(lambda m: _HALF_TO_FULL[m.group(1) or m.group(2)], text)
    return _HALF_PARENS.sub(r"（\1）", text)


def normalize_spacing(text: str) -> str:
    """No spaces between digits and ideographs or around full-width marks.

    ``2023 年 12 月`` → ``2023年12月``; runs of spaces become one; trailing
    spaces go. Spaces between two ideographs (``中共中央 国务院``) are kept.
    """
    if " " not in text and "\t" not in text:  # every pattern below needs a space or a tab
        return text
    text = _SPACE_RUN.sub(" ", text.replace("\t", " "))
    text = _DIGIT_CJK_SPACE.sub("", text)
    text = _SPACE_AROUND_FULL_PUNCT.sub("", text)
    return _TRAILING_SPACE.sub("", text)
