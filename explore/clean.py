"""The cleaning pipeline: raw decoded text in, clean Simplified text out.

The order is the pipeline, read top to bottom:

1. ``TEXT_STEPS``   character-level fixes on the whole text (line breaks kept);
2. ``LINE_RULES``   page furniture recognised line by line (explore.boilerplate);
3. ``LINE_STEPS``   punctuation and spacing repaired in each kept line (and,
   where that changed a line, the rules judge the repaired lines once more);
4. ``join_page_splits``  lines broken by a PDF page rejoined.

The result is one paragraph per line. What was removed is returned with the
reason, so a reader can see what cleaning took away.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import reduce

from explore import boilerplate, web_furniture
from explore.boilerplate import Line, Lines
from explore.chars import is_cjk
from explore.lines import ends_sentence, has_sentence_punct, is_credit, is_heading
from explore.normalize import (
    fullwidth_alnum_to_ascii,
    fullwidth_punctuation,
    normalize_newlines,
    normalize_spacing,
    paragraph_marks_to_breaks,
    remove_invisible,
    remove_pinyin_annotations,
    repair_punctuation,
    simplify_script,
)

TextStep = Callable[[str], str]

TEXT_STEPS: tuple[TextStep, ...] = (
    normalize_newlines,
    remove_invisible,
    fullwidth_alnum_to_ascii,
    remove_pinyin_annotations,
    simplify_script,
    paragraph_marks_to_breaks,
)
LINE_STEPS: tuple[TextStep, ...] = (
    web_furniture.strip_markup,
    repair_punctuation,
    fullwidth_punctuation,
    normalize_spacing,
)

# Web pages' own furniture first (markup, other languages, copies), then the generic vocabulary and shapes.
LINE_RULES = (*web_furniture.WEB_RULES, *boilerplate.LINE_RULES, *web_furniture.AFTER_PATTERNS)
# The rules that judge a line by its own characters, without its neighbours.
LINE_BY_LINE_RULES = (
    web_furniture.drop_markup,
    web_furniture.drop_foreign_lines,
    web_furniture.drop_stray_symbols,
    boilerplate.drop_pattern_lines,
)

# A line shorter than this is a heading or label, never half of a split paragraph.
_MIN_SPLIT_LINE = 25
_CONTINUATION_START = "、，。；：）》」』”"


@dataclass(frozen=True)
class Removal:
    reason: str
    text: str


@dataclass(frozen=True)
class CleanText:
    text: str
    removed: tuple[Removal, ...]
    title: str | None = None  # the line just above the article's byline, as cleaned: its title by layout


def make_pipeline(*steps: TextStep) -> TextStep:
    return lambda text: reduce(lambda acc, step: step(acc), steps, text)


_apply_text_steps = make_pipeline(*TEXT_STEPS)
_apply_line_steps = make_pipeline(*LINE_STEPS)


# A line with no sentence punctuation ending in the name of a kind of document is that document's title
# (…关于印发数字乡村建设实施方案的通知), never the first half of a paragraph.
_DOCUMENT_TITLE_END = re.compile(
    r"(?:通知|方案|意见|办法|规划|计划|纲要|条例|细则|要点|报告|决定|公告|通告|指南|批复|函)$"
)


def _is_continuation(previous: str, line: str) -> bool:
    if len(previous) < _MIN_SPLIT_LINE or ends_sentence(previous):
        return False
    if _DOCUMENT_TITLE_END.search(previous) and not has_sentence_punct(previous):
        return False
    if is_heading(previous) or is_credit(previous) or is_heading(line) or is_credit(line):
        return False
    if len(line) < _MIN_SPLIT_LINE and not has_sentence_punct(line):
        return False  # a short line with no sentence in it is a label (在线阅读), not the end of a paragraph
    first = line[0]
    return first in _CONTINUATION_START or first.isdigit() or is_cjk(first)


def join_page_splits(paragraphs: Sequence[str]) -> list[str]:
    """Rejoin a paragraph that a page break cut in two (``文化和旅游`` / ``部、…``).

    The first part must be long (a heading or caption is short), must not end
    a sentence, and the second must start like the rest of a sentence.
    """
    joined: list[str] = []
    title_first = bool(paragraphs) and _looks_like_title(paragraphs[0])
    for line in paragraphs:
        if joined and not (title_first and len(joined) == 1) and _is_continuation(joined[-1], line):
            joined[-1] += line
        else:
            joined.append(line)
    return joined


def _looks_like_title(line: str) -> bool:
    return len(line) <= 60 and not ends_sentence(line)


def clean_document(raw: str) -> CleanText:
    """Clean one decoded file: the whole pipeline, with what it removed."""
    text = _apply_text_steps(raw)
    lines: Lines = tuple(Line(t.strip()) for t in text.split("\n"))
    lines = reduce(lambda acc, rule: rule(acc), LINE_RULES, lines)
    title = web_furniture.title_above_byline(lines)
    repaired = tuple(Line(_apply_line_steps(line.text).strip()) for line in lines if line.kept)
    changed = [
        n
        for n, (new, old) in enumerate(zip(repaired, (x for x in lines if x.kept), strict=True))
        if new.text != old.text.strip()
    ]
    if changed:
        # Repair can change what a line looks like (",0" becomes the page number "0"): the rules that judge
        # a line by itself judge the changed lines again (the others they judged already), so cleaning clean
        # text changes nothing.
        judged = reduce(lambda acc, rule: rule(acc), LINE_BY_LINE_RULES, tuple(repaired[n] for n in changed))
        verdicts = dict(zip(changed, judged, strict=True))
        repaired = tuple(verdicts.get(n, line) for n, line in enumerate(repaired))
    removed = tuple(
        Removal(line.removed, line.text.strip()) for line in (*lines, *repaired) if line.removed and line.text.strip()
    )
    kept = [line.text for line in repaired if line.kept]
    paragraphs = join_page_splits([p for p in kept if p])
    return CleanText("\n".join(paragraphs), removed, _apply_line_steps(title).strip() if title else None)


def clean_text(raw: str) -> str:
    """Clean text only (see :func:`clean_document`)."""
    return clean_document(raw).text
