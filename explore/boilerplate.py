"""Recognise page furniture line by line, on evidence rather than a list of sentences.

Input is the text split into lines; each rule marks lines as removed with a
reason and returns a new tuple (nothing is changed in place). What a rule
looks at is the shape of a line and its neighbours: length, punctuation
density, dates and page numbers at its end, repetition, position at the end
of the document, and the generic vocabulary of ``data/boilerplate.toml``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

import ahocorasick_rs

from explore.gazetteer import boilerplate_kinds, event_words
from explore.lines import (
    SENTENCE_END,
    bigram_share,
    has_sentence_punct,
    is_body_paragraph,
    is_credit,
    is_heading,
    is_short_label,
    punct_count,
)


@dataclass(frozen=True)
class Line:
    text: str
    removed: str | None = None  # the reason, when the line is furniture
    kept: bool = field(init=False, repr=False, compare=False)  # not removed and not blank: computed once

    def __post_init__(self) -> None:
        object.__setattr__(self, "kept", self.removed is None and bool(self.text.strip()))


Lines = tuple[Line, ...]

_TOC_ENTRY = re.compile(r"(?:\.{2,}|…+|·{3,}|-{4,}|\t)\s*\d{1,4}\s*$")
_DOT_LEADER = re.compile(r"(?:\.{4,}|…{2,}|·{4,})\s*\d{1,4}\s*$")
_DATED_LINK = re.compile(
    r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|(?<!\d)\d{1,2}[-/]\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\]?$"
)
_BULLET = re.compile(r"^[-•·*▪►◆●]\s*\S")
# A bulleted line longer than this is a paragraph, not a link or a contents entry.
_BULLETED_ITEM_MAX = 60
# How far from the end glued furniture is looked for, in non-empty lines.
_TAIL_LINES = 3
_CAPTION_MAX_CHARS = 40
# A title's copies stand within this many lines of it (a running header recurs a page further on).
_TITLE_ZONE = 12
# A label ending in a document's kind or an organization's suffix is a title or a signature, not a caption.
DOCUMENT_ENDINGS = (
    "方案", "办法", "规划", "计划", "意见", "通知", "纲要", "条例", "细则", "要点", "报告", "决定", "公告", "指南",
    "名单", "清单", "一览表", "汇总表", "统计表",
)  # fmt: skip
_BODY_ENDINGS = (
    "厅", "局", "委", "办", "部", "政府", "委员会", "办公室", "中心", "公司", "集团", "银行", "协会", "研究院",
)  # fmt: skip
NAMES_A_DOCUMENT_OR_BODY = re.compile(f"(?:{'|'.join((*DOCUMENT_ENDINGS, *_BODY_ENDINGS))})$")
_BRACKETED_END = re.compile(r"[（(][^（）()]*[)）]$")


def _reports_an_act(text: str) -> bool:
    """Whether a label says someone did something (发布, 签署, 启动: what a photograph shows)."""
    return any(verb in text for verbs in event_words().kinds.values() for verb in verbs)


_DATE_ONLY = re.compile(r"^[\d\s年月日./-]+$")


def kept_indices(lines: Lines) -> list[int]:
    """Indices of the lines still kept (not removed, not blank)."""
    return [i for i, line in enumerate(lines) if line.kept]


def mark(lines: Lines, indices: set[int] | list[int], reason: str) -> Lines:
    """The lines with those at ``indices`` marked removed for ``reason``; a line removed already keeps its reason."""
    marked = set(indices)
    return tuple(
        replace(line, removed=reason) if i in marked and line.removed is None else line for i, line in enumerate(lines)
    )


def _first_sentence_end(text: str) -> int:
    end = SENTENCE_END.search(text)
    return end.start() + 1 if end else len(text)


def _last_sentence_start(text: str) -> int:
    ends = [m.end() for m in SENTENCE_END.finditer(text.rstrip("。！？!? "))]
    return ends[-1] if ends else 0


def _kind_matches(kind, text: str) -> bool:
    """Furniture states what it is up front (its first sentence), a caption's credit closes it (its last):
    prose that mentions 版权 or 电话 further along is still prose."""
    if kind.at_end:
        start = _last_sentence_start(text)
        anchored = start == 0 and kind.anchored is not None and kind.anchored.match(text) is not None
        return anchored or (kind.floating is not None and kind.floating.search(text, start) is not None)
    if kind.anchored is not None and kind.anchored.match(text) is not None:
        return True
    if kind.floating is None:
        return False
    match = kind.floating.search(text)
    return match is not None and match.start() < _first_sentence_end(text)


@lru_cache(maxsize=1)
def _longest_kind() -> int:
    return max(kind.max_chars for kind in boilerplate_kinds())


# Bullets and table rules a scraper leaves before a line's words.
_LEADING_MARKS = "•·▪►◆●*|｜ \t"


# A line that ends a sentence and is at least this long reads as prose (记者在现场看到，…。), not as a credit, a
# control or a link, whatever word it opens with.
_SENTENCE_MIN_CHARS = 12
_CLOSING_QUOTES = "”’」』）)"


def reads_as_sentence(text: str) -> bool:
    """Whether a line is a sentence of prose: long enough, and ending in 。！？ (before any closing quote)."""
    return len(text) >= _SENTENCE_MIN_CHARS and text.rstrip(_CLOSING_QUOTES).endswith(("。", "！", "？", "!", "?"))


def drop_pattern_lines(lines: Lines) -> Lines:
    """Whole lines that match the vocabulary of a furniture kind and are short.

    The vocabulary must occur in the line's first sentence (in its last, for a
    kind whose evidence closes a line, as a photo credit does); a kind that
    says ``sentences = false`` never takes a line that reads as a sentence.
    """
    out = []
    longest = _longest_kind()
    for line in lines:
        text = line.text.strip().lstrip(_LEADING_MARKS)
        reason = None
        if line.kept and len(text) <= longest:
            sentence = reads_as_sentence(text)
            for kind in boilerplate_kinds():
                if not kind.sentences and sentence:
                    continue
                if len(text) <= kind.max_chars and _kind_matches(kind, text):
                    reason = kind.reason
                    break
        out.append(replace(line, removed=reason) if reason else line)
    return tuple(out)


def _ends_with(page_number_pattern: re.Pattern[str], text: str) -> bool:
    """A pattern ending in ``\\d{1,4}\\s*$`` searched only in lines that end in a digit (most do not)."""
    return text.rstrip()[-1:].isdigit() and page_number_pattern.search(text) is not None


def drop_table_of_contents(lines: Lines) -> Lines:
    """A 目录/本期导读 block (entries ending in page numbers, or bulleted on a web page), or a run of dot-leader
    entries ending in page numbers."""
    kept = kept_indices(lines)
    marked: set[int] = set()
    in_toc = False
    for i, line in enumerate(lines):
        if line.removed == "table of contents":
            in_toc = True
        if not line.kept:
            continue
        text = line.text.strip()
        is_entry = _ends_with(_TOC_ENTRY, line.text) or (
            in_toc and bool(_BULLET.match(text)) and len(text) <= _BULLETED_ITEM_MAX
        )
        if not in_toc and _ends_with(_DOT_LEADER, line.text):
            following = [j for j in kept if j > i][:3]
            in_toc = any(_ends_with(_DOT_LEADER, lines[j].text) for j in following)
        in_toc = in_toc and is_entry
        if in_toc:
            marked.add(i)
    return mark(lines, marked, "table of contents")


def drop_running_headers(lines: Lines) -> Lines:
    """Short label lines repeated on several pages (``CAICT 中国信通院``); a page's title keeps its first copy."""
    kept = kept_indices(lines)
    labels = [
        lines[i].text.strip()
        for i in kept
        if is_short_label(lines[i].text.strip(), max_chars=30) and not is_heading(lines[i].text.strip())
    ]
    repeated = {text for text, n in Counter(labels).items() if n >= 2}
    marked = [i for i in kept if lines[i].text.strip() in repeated]
    first_prose = next((i for i in kept if is_body_paragraph(lines[i].text.strip())), len(lines))
    above_byline = next((i for i in marked if i < first_prose and byline_follows(lines, i)), None)
    head = lines[kept[0]].text.strip() if kept else None
    copies = [i for i in marked if lines[i].text.strip() == head]
    if above_byline is not None:
        marked.remove(above_byline)  # the copy just above the article's byline is its title; the others are copies
    elif copies and copies[0] == kept[0] and copies[-1] < first_prose and copies[-1] - copies[0] <= _TITLE_ZONE:
        marked.remove(kept[0])  # a title printed again just above its article: the first copy is the title
    return mark(lines, marked, "running header")


# Furniture reasons that mark an article's byline (its date, source or authors).
ARTICLE_BYLINE = frozenset({"byline", "editor credit"})


def byline_follows(lines: Lines, index: int) -> bool:
    """Whether the next line with words after ``index`` is a byline (its date, source or authors)."""
    following = next((line for line in lines[index + 1 :] if line.text.strip()), None)
    return following is not None and following.removed in ARTICLE_BYLINE


def _is_link_line(text: str) -> bool:
    if len(text) > 120 or text.endswith(("。", "；")):
        return False
    last = text.rstrip("\n")[-1:]
    dated = (last.isdigit() or last == "]") and _DATED_LINK.search(text) is not None  # the date ends the line
    return dated or (bool(_BULLET.match(text)) and len(text) <= _BULLETED_ITEM_MAX)


def drop_link_lists(lines: Lines) -> Lines:
    """Runs of related-article links: consecutive lines ending in a date or bulleted."""
    kept = kept_indices(lines)
    marked: set[int] = set()
    run: list[int] = []
    for i in [*kept, None]:
        if (
            i is not None
            and _is_link_line(lines[i].text.strip())
            and (not run or i == run[-1] + 1 or _only_blank_between(lines, run[-1], i))
        ):
            run.append(i)
            continue
        dated = sum(1 for j in run if _DATED_LINK.search(lines[j].text.strip()))
        if dated >= 2 or len(run) >= 3:
            marked.update(run)
        run = [i] if i is not None and _is_link_line(lines[i].text.strip()) else []
    return mark(lines, marked, "related links")


def _only_blank_between(lines: Lines, a: int, b: int) -> bool:
    return all(not lines[k].text.strip() for k in range(a + 1, b))


def _inline_start(text: str) -> int | None:
    starts = [m.start() for kind in boilerplate_kinds() for p in kind.inline if (m := p.search(text))]
    if not starts:
        return None
    start = min(starts)
    # A link list flattened into the line sits just before the footer: a run
    # since the last sentence end with (almost) no punctuation goes with it.
    boundary = max(text.rfind(c, 0, start) for c in "。！？）)")
    run = text[boundary + 1 : start]
    if run and punct_count(run) * 40 < len(run):
        start = boundary + 1
    return start


def trim_glued_tail(lines: Lines) -> Lines:
    """Cut footer text glued onto the last paragraphs (pages flattened to one line)."""
    tail = set(kept_indices(lines)[-_TAIL_LINES:])
    out: list[Line] = []
    for i, line in enumerate(lines):
        start = _inline_start(line.text) if i in tail else None
        if start is None:
            out.append(line)
            continue
        head = line.text[:start].rstrip()
        if head.strip():
            out.append(Line(head))
        out.append(Line(line.text[start:], "footer"))
    return tuple(out)


_RESTATED_SHARE = 0.6
_LONG_PARAGRAPH = 250
_RESTATED_SHARE_OF_LONG = 0.8


def drop_captions(lines: Lines) -> Lines:
    """Unnumbered image captions: a short label that restates the paragraph above it.

    A heading announces the paragraph below; a caption repeats the one above.
    So a label is a caption when it appears word for word in an earlier
    paragraph but not in the next one, or when most of its character bigrams
    occur in the previous paragraph and fewer in the next. Where the evidence
    is weaker the label stays: losing a heading is worse than keeping a caption.
    """
    kept = kept_indices(lines)
    body = [i for i in kept if is_body_paragraph(lines[i].text.strip())]
    labels = {
        i: text
        for i in kept[1:]
        if is_short_label(text := lines[i].text.strip(), max_chars=_CAPTION_MAX_CHARS)
        and not is_heading(text)
        and len(text) >= 6
    }
    first_said = _first_paragraph_saying(set(labels.values()), [lines[j].text for j in body])
    marked = []
    for i, text in labels.items():
        at, after = bisect_left(body, i), bisect_right(body, i)  # body[:at] before the label, body[after:] after it
        if not at:
            continue
        following = lines[body[after]].text if after < len(body) else ""
        if text in following or bigram_share(text, following) >= 0.5 or _DATE_ONLY.match(text):
            continue  # a heading announces what follows; a date alone is a notice's, not a picture's
        if NAMES_A_DOCUMENT_OR_BODY.search(_BRACKETED_END.sub("", text)) and not _reports_an_act(text):
            continue  # a document's title (…实施方案) or a signature (…农业农村厅) describes no picture
        above = lines[body[at - 1]].text
        share_before = bigram_share(text, above)
        restated = first_said.get(text, len(body)) < at
        # A long paragraph shares many of the words of any line on its subject: it takes more to be restated.
        enough = _RESTATED_SHARE if len(above) <= _LONG_PARAGRAPH else _RESTATED_SHARE_OF_LONG
        if restated or (share_before >= enough and share_before > bigram_share(text, following)):
            marked.append(i)
    return mark(lines, marked, "image caption")


def _first_paragraph_saying(labels: set[str], paragraphs: list[str]) -> dict[str, int]:
    """For each label, the index of the first paragraph holding it word for word: one pass over all the text
    (asking each label of every paragraph before it was quadratic in a long document)."""
    if not labels or not paragraphs:
        return {}
    wanted = sorted(labels)
    automaton = ahocorasick_rs.AhoCorasick(wanted)
    first: dict[str, int] = {}
    for n, paragraph in enumerate(paragraphs):
        for index, _, _ in automaton.find_matches_as_indexes(paragraph, overlapping=True):
            first.setdefault(wanted[index], n)
        if len(first) == len(wanted):
            break
    return first


_TRAILER_REASONS = frozenset({"contact details", "copyright notice", "footer", "site self-description"})


# A closing block's signature is a department, an author, a date: a few lines. Unbounded, a page of short
# unpunctuated lines before 版权所有 was taken whole for a signature, one line per pass (quadratic).
_SIGNATURE_LINES = 4


def drop_trailing_signature(lines: Lines) -> Lines:
    """Short unpunctuated lines (department, author) heading the closing contact block, read once from the end."""
    reason_after = None  # why the nearest removed line after the current one was removed
    signature: list[int] = []
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if line.removed:
            reason_after = line.removed
            continue
        if not line.kept:
            continue  # a blank line
        text = line.text.strip()
        if reason_after not in _TRAILER_REASONS or len(signature) == _SIGNATURE_LINES:
            break
        if has_sentence_punct(text) or is_credit(text) or is_heading(text) or len(text) > 40:
            break
        signature.append(index)  # marked with reason_after, which stays the reason after the line above it
    return mark(lines, signature, reason_after) if signature else lines


LINE_RULES: tuple[Callable[[Lines], Lines], ...] = (
    drop_pattern_lines,
    drop_table_of_contents,
    drop_running_headers,
    drop_link_lists,
    trim_glued_tail,
    drop_captions,
    drop_trailing_signature,
)
