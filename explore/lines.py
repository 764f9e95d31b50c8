"""The shape of a line: what the boilerplate, joining and splitting rules look at."""

from __future__ import annotations

import itertools
import re

from explore.chars import is_cjk

_CN_NUM = "一二三四五六七八九十"
# A title is at most this long; a longer line is a paragraph.
TITLE_MAX_CHARS = 60
# A headline says something: a line of two or three characters is a label (资讯, 要闻, 扫一扫) or a name.
TITLE_MIN_CHARS = 4
SENTENCE_PUNCT = frozenset("。！？；，：、,;!?:")
_TERMINAL = frozenset("。！？；：…」』”）》)!?;:")

# 一、中央精神   （二）地方动态   1.标题   2. 《通知》发布
SECTION_HEADING = re.compile(rf"^[{_CN_NUM}]{{1,3}}[、.．]\s*(?P<name>\S.{{0,30}})$")
SUBSECTION_HEADING = re.compile(rf"^[（(]\s*[{_CN_NUM}]{{1,3}}\s*[)）]\s*(?P<name>\S.{{0,30}})$")
ITEM_HEADING = re.compile(r"^(?P<no>\d{1,2})\s*[.．、]\s*(?P<title>\S.{1,118})$")
CREDIT_LINE = re.compile(
    r"^[（(]\s*(?:信息来源|来源|资料来源|稿件来源|文章来源|消息来源)\s*[:：]\s*(?P<credit>[^()（）]+?)\s*[)）]$"
)


# Where a sentence ends (。！？), wherever in a line.
SENTENCE_END = re.compile(r"[。！？!?]")
_SENTENCE_PUNCT_RE = re.compile(f"[{re.escape(''.join(sorted(SENTENCE_PUNCT)))}]")


def has_sentence_punct(line: str) -> bool:
    return _SENTENCE_PUNCT_RE.search(line) is not None


def punct_count(line: str) -> int:
    return len(_SENTENCE_PUNCT_RE.findall(line))


# A note's number after a sentence's end: 。[5], 。［12］
_NOTE_MARK = re.compile(r"(?:\[\d{1,3}\]|［\d{1,3}］)$")


def ends_sentence(line: str) -> bool:
    """The line ends as a sentence does (a note's number after its end does not change that: 。[5])."""
    if line and line[-1] in "]］" and (mark := _NOTE_MARK.search(line)):
        line = line[: mark.start()]
    return bool(line) and line[-1] in _TERMINAL


def is_heading(line: str) -> bool:
    """A numbered heading of a section, subsection or item (not a body line)."""
    if SECTION_HEADING.match(line) or SUBSECTION_HEADING.match(line):
        return not line.endswith("。")
    item = ITEM_HEADING.match(line)
    return bool(item) and not line.endswith("。") and punct_count(item.group("title")) <= 3


def is_credit(line: str) -> bool:
    return CREDIT_LINE.match(line) is not None


def is_short_label(line: str, *, max_chars: int = 40) -> bool:
    """A short line without sentence punctuation: a heading, caption or label."""
    return 0 < len(line) <= max_chars and not has_sentence_punct(line)


def is_body_paragraph(line: str, *, min_chars: int = 30) -> bool:
    return len(line) >= min_chars and punct_count(line) >= 1 and not is_heading(line)


def bigrams(text: str) -> set[str]:
    chars = [c for c in text if is_cjk(c)]
    return {a + b for a, b in itertools.pairwise(chars)}


def bigram_share(part: str, whole: str) -> float:
    """Share of ``part``'s character bigrams that also occur in ``whole``."""
    grams = bigrams(part)
    return len(grams & bigrams(whole)) / len(grams) if grams else 0.0
