"""Split a clean text into news items.

A bulletin (the CAICT 数字乡村发展动态 kind) is recognised by its shape: several
numbered item headings and several ``（信息来源：…）`` credit lines. Each item
gets its own title, credit and text, and the section headings above it
(``一、中央精神`` / ``（二）地方动态``) become its ``section``. Anything else is a
plain article: one item, titled by its first line when that line is a title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from explore.chars import CJK
from explore.lines import (
    CREDIT_LINE,
    ITEM_HEADING,
    SECTION_HEADING,
    SUBSECTION_HEADING,
    TITLE_MAX_CHARS,
    TITLE_MIN_CHARS,
    is_credit,
    is_heading,
)
from explore.web_furniture import without_site_name

SECTION_SEPARATOR = " / "
_NOT_TITLE_ENDS = "。；，：、,;:…"
# A section's number alone: （一）, 二、, 3.
_SECTION_MARK = re.compile(r"^[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]?$")
# A first line opening with the name of a part of a text is that part's heading: 引言：…, 前言：…
_PART_LABEL = re.compile(r"^(?:引言|前言|序言|导言|导语|绪论|概述|摘要|正文)\s*[:：]")
# 中新网3月13日电   新华社北京12月6日电   本报讯
_DATELINE = re.compile(
    rf"^(?P<publisher>[{CJK}]{{2,8}}?(?:网|社|报|台|客户端))"
    rf"(?:[{CJK}]{{0,6}}?)(?:\d{{1,2}}月\d{{1,2}}日)?(?:电|讯)[\s，]"
)
_SITE_NAME_BEFORE = re.compile(rf"([{CJK}]{{1,6}})网是")


@dataclass(frozen=True)
class Item:
    """One news item of a source file."""

    item_no: int
    section: str | None
    title: str | None
    credit: str | None
    text: str


@dataclass(frozen=True)
class Split:
    items: tuple[Item, ...]
    publication: str | None  # a bulletin's name and edition, from its cover
    bulletin: bool = False


@dataclass
class _Draft:
    section: str | None
    title: str | None
    credit: str | None = None
    lines: list[str] = field(default_factory=list)


# A bulletin's masthead names its issue (第5期, 2024年第2期) or its kind (简报, 专报, 工作动态).
_BULLETIN_MASTHEAD = re.compile(r"第\s*\d+\s*期|简报|专报|快报|工作动态|信息专刊")
_MASTHEAD_LINES = 5


def is_bulletin(lines: list[str]) -> bool:
    """Items under numbered headings, each with its credit line; or under a masthead that names a bulletin's
    issue or kind, credits or not."""
    headings = [n for n, line in enumerate(lines) if ITEM_HEADING.match(line) and is_heading(line)]
    if len(headings) < 2:
        return False
    if sum(1 for line in lines if is_credit(line)) >= 2:
        return True
    return any(_BULLETIN_MASTHEAD.search(line) for line in lines[: min(headings[0], _MASTHEAD_LINES)])


def _section_path(level1: str | None, level2: str | None) -> str | None:
    parts = [p for p in (level1, level2) if p]
    return SECTION_SEPARATOR.join(parts) if parts else None


def _finish(drafts: Iterable[_Draft]) -> tuple[Item, ...]:
    return tuple(
        Item(item_no=n, section=d.section, title=d.title, credit=d.credit, text="\n".join(d.lines))
        for n, d in enumerate(drafts, start=1)
    )


def split_bulletin(lines: list[str]) -> Split:
    level1 = level2 = None
    front: list[str] = []
    drafts: list[_Draft] = []
    for line in lines:
        if (m := SECTION_HEADING.match(line)) and is_heading(line):
            level1, level2 = m.group("name").strip(), None
        elif (m := SUBSECTION_HEADING.match(line)) and is_heading(line):
            level2 = m.group("name").strip()
        elif (m := ITEM_HEADING.match(line)) and is_heading(line):
            drafts.append(_Draft(_section_path(level1, level2), m.group("title").strip()))
        elif (m := CREDIT_LINE.match(line)) and drafts:
            drafts[-1].credit = m.group("credit").strip()
        elif drafts:
            drafts[-1].lines.append(line)
        else:
            front.append(line)
    return Split(_finish(drafts), " ".join(front) or None, bulletin=True)


def _is_title(line: str, hint: str | None) -> bool:
    """A first line is the title when the page's layout says so (``hint``), or when it is short and no sentence:
    it may end in a question, a quotation or a bracket, not in a full stop, comma or colon."""
    if hint is not None and line == hint:
        return True
    if len(line) < TITLE_MIN_CHARS or len(line) > TITLE_MAX_CHARS or line[-1] in _NOT_TITLE_ENDS or "。" in line:
        return False
    quoted_speech = line[0] in "“「" and line[-1] in "”」" and re.search(r"[，！？,!?]", line)
    return not quoted_speech and not is_heading(line) and not _SECTION_MARK.match(line) and not _PART_LABEL.match(line)


def split_article(lines: list[str], *, publisher: str | None = None, title_hint: str | None = None) -> Split:
    title = None
    if len(lines) > 1 and _is_title(lines[0], title_hint):
        title, lines = without_site_name(lines[0]), lines[1:]
    credit = None
    body = []
    for line in lines:
        if m := CREDIT_LINE.match(line):
            credit = credit or m.group("credit").strip()
        else:
            body.append(line)
    if credit is None and body and (m := _DATELINE.match(body[0])):
        credit = m.group("publisher")
    draft = _Draft(None, title, credit or publisher, body)
    return Split(_finish([draft]), None)


def split_items(clean: str, *, publisher: str | None = None, title_hint: str | None = None) -> Split:
    """Split clean text (one paragraph a line) into items.

    ``publisher`` is the credit used for a plain article that names none itself
    (the site, as found in the page furniture by :func:`publisher_from_furniture`);
    ``title_hint`` the line the page's layout makes its title (``CleanText.title``).
    """
    lines = [line for line in clean.split("\n") if line.strip()]
    if not lines:
        return Split((), None)
    if is_bulletin(lines):
        return split_bulletin(lines)
    return split_article(lines, publisher=publisher, title_hint=title_hint)


def publisher_from_furniture(removed_texts: Iterable[str], raw: str) -> str | None:
    """The site name a footer gives for itself (``中国网是国务院新闻办…``).

    The characters before ``网是`` may be glued to other furniture, so the name
    taken is the longest ending that the page repeats elsewhere.
    """
    for text in removed_texts:
        for m in _SITE_NAME_BEFORE.finditer(text):
            prefix = m.group(1)
            for size in range(len(prefix), 0, -1):
                name = prefix[-size:] + "网"
                if raw.count(name) >= 2:
                    return name
    return None
