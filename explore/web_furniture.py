"""Furniture that web pages add around an article, recognised by shape and position.

Each rule takes the lines and returns them with some marked removed, like
the rules of :mod:`explore.boilerplate`: code and markup left by a scraper,
lines in another language, stray symbols, a byline of names, a summary that
repeats the lead, a second copy of a line (a title printed twice, alt text
above its caption), a run of outline headings with no text between them (a
table of contents), and the links listed under a "related" label. No rule
names a site or quotes a page: the evidence is the line's characters, its
length and punctuation, and where it stands relative to the article's prose.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator

from explore.boilerplate import (
    ARTICLE_BYLINE,
    DOCUMENT_ENDINGS,
    NAMES_A_DOCUMENT_OR_BODY,
    Line,
    Lines,
    byline_follows,
    kept_indices,
    mark,
)
from explore.chars import CJK, is_cjk
from explore.gazetteer import people_rules
from explore.lines import (
    SENTENCE_END,
    TITLE_MAX_CHARS,
    TITLE_MIN_CHARS,
    bigram_share,
    ends_sentence,
    has_sentence_punct,
    is_body_paragraph,
    is_heading,
    punct_count,
)

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(?:[a-z]+|#\d+);")
_CODE = re.compile(
    r"^\s*(?:[.#]?[\w-]+\s*\{|\}|function\s*\(|var\s+\w+\s*=|document\.|window\.|<!--|-->|\w+\s*:\s*[^;]+;)"
)
_CJK_CHAR = re.compile(f"[{CJK}]")
_CODE_HINT = re.compile(r"[{};]|function|var |document\.|window\.|-->")
_LATIN = re.compile(r"[A-Za-z]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_OUTLINE = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2}){1,3}\s*\S|[一二三四五六七八九十]{1,3}[、.．]\s*\S|第[一二三四五六七八九十\d]{1,3}[章节部分篇])"
)
_SUMMARY = re.compile(
    r"^(?:[【\[]\s*)?(?:摘\s*要|内容提要|核心提示|核心阅读|导\s*读|AI导读|提\s*要)\s*(?:[:：]|[】\]])\s*"
)
_ORIGINAL_TITLE = re.compile(r"^[（(]?\s*原标题\s*[:：\s]")
_NAME_SEPARATORS = re.compile(r"[\s,，、;；]+")
# A paper's authors carry the numbers of their affiliations (王小明1，李华1,2，张三*): marks, not names.
_AFFILIATION_MARKS = re.compile(f"(?<=[{CJK}])[0-9*†¹²³⁴⁵⁶⁷⁸⁹⁰][0-9,，*†¹²³⁴⁵⁶⁷⁸⁹⁰]*")
# A run of this many outline headings with no prose between them is a table of contents.
_TOC_RUN = 5
# Adjacent copies of a line this long or shorter are furniture (alt text and caption, a title printed twice).
_COPY_MAX_CHARS = 100
# A caption says when, then where and who: a line opening so, printed twice in a row, is a photograph's
# caption with its alt text (even as a sentence, up to this long).
_CAPTION_OPENING = re.compile(r"^(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}\s*[-—–]\s*\d{4}\s*年|图为)")
_CAPTION_COPY_MAX_CHARS = 160
# A title's second copy stands within this many lines below it.
_TITLE_COPY_WITHIN = 3
_DIGITS = re.compile(r"\d+")
_PAGE_LIST_MAX_CHARS = 80
_KEYWORD_ITEMS = 6
_KEYWORD_CHARS = 14
_PROSE_ENDS = "。！？!?…”」』）)"
_STRAY_MARKS = frozenset("?？|｜ -—_=*·•")


def strip_markup(text: str) -> str:
    """HTML tags and entities inside a line removed (``<br style=…>``, ``&nbsp;``); the words between them kept."""
    if "<" not in text and "&" not in text:
        return text
    return _ENTITY.sub("", _TAG.sub("", text))


# A template's placeholder left unfilled: ${article.title}, {{ page.date }}, <%= title %>.
_PLACEHOLDER = re.compile(r"\$\{[\w.]+\}|\{\{\s*[\w.]+\s*\}\}|<%=?[^%]*%>")


def _is_markup(text: str) -> bool:
    placeholder = ("${" in text or "{{" in text or "<%" in text) and _PLACEHOLDER.search(text)
    if placeholder and len(_CJK_CHAR.findall(_PLACEHOLDER.sub("", text))) < 2:
        return True  # in a sentence it is the text's own
    if "<" not in text and not _CODE_HINT.search(text):
        return False
    if _CODE.match(text) and not _CJK_CHAR.search(text):
        return True
    if not _TAG.search(text):
        return False
    rest = _TAG.sub("", text)
    return len(_CJK_CHAR.findall(rest)) < 2


def drop_markup(lines: Lines) -> Lines:
    """Lines of HTML, CSS or script a scraper left: tags with almost no words between them."""
    return mark(lines, [i for i in kept_indices(lines) if _is_markup(lines[i].text.strip())], "code or markup")


_FOREIGN_LETTER = re.compile(r"[A-Za-z\u3040-\u30ff]")


def _is_foreign(text: str) -> bool:
    if _FOREIGN_LETTER.search(text) is None:
        return False
    chinese = len(_CJK_CHAR.findall(text))
    latin = len(_LATIN.findall(text))
    kana = len(_KANA.findall(text))
    return (latin >= 20 and latin > 2 * chinese) or (kana >= 5 and kana * 2 > chinese)


def drop_foreign_lines(lines: Lines) -> Lines:
    """Lines written in another language (an English abstract, a Japanese notice) among Chinese prose."""
    return mark(lines, [i for i in kept_indices(lines) if _is_foreign(lines[i].text.strip())], "another language")


# A section's number on a line of its own (1.1, 2.3.1): the outline of the text, not a stray mark.
_SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2}){1,3}$")


def drop_stray_symbols(lines: Lines) -> Lines:
    """Lines of one to three characters with no Chinese in them: ``x``, ``?``, ``| |`` (not a section's number)."""
    stray = [
        i
        for i in kept_indices(lines)
        if not _CJK_CHAR.search(t := lines[i].text.strip())
        and (len(t) <= 3 or set(t) <= _STRAY_MARKS)
        and not _SECTION_NUMBER.match(t)
    ]
    return mark(lines, stray, "stray symbols")


def is_prose(text: str) -> bool:
    """A paragraph of the article: a body paragraph ending as a sentence does (a long title does not), or a long one."""
    return is_body_paragraph(text) and (text[-1] in _PROSE_ENDS or len(text) > TITLE_MAX_CHARS)


def _first_prose(lines: Lines) -> int:
    """Index of the first paragraph of prose (or past the end)."""
    return next((i for i in kept_indices(lines) if is_prose(lines[i].text.strip())), len(lines))


def _title_and_byline(lines: Lines) -> tuple[int, int] | None:
    """Where the article's title and its byline stand: the byline is the first before the text begins, the
    title the line just above it (a subtitle opening with ——, or the title again with its subtitle, goes with
    the title above it)."""
    first = _first_prose(lines)
    byline = next((i for i, line in enumerate(lines[:first]) if line.removed in ARTICLE_BYLINE), None)
    if byline is None:
        return None
    above = [i for i in kept_indices(lines) if i < byline]
    while above and len(lines[above[-1]].text.strip()) < TITLE_MIN_CHARS:
        above = above[:-1]  # a widget's label (扫一扫) between the title and its byline
    if above and lines[above[-1]].text.strip().startswith(("——", "—")):
        above = above[:-1]
    if len(above) >= 2 and _squeezed(lines[above[-1]].text).startswith(_squeezed(lines[above[-2]].text)):
        above = above[:-1]  # the title again, with its subtitle
    if len(above) >= 2 and _is_account_under_title(lines[above[-1]].text.strip(), lines[above[-2]].text.strip()):
        above = above[:-1]  # an author's or account's name between the title and the timestamp
    below = _title_below_timestamp(lines, byline, first)
    # a channel's or account's name above the timestamp, the title under it
    if below is not None and (not above or _is_account_under_title(lines[above[-1]].text.strip(), lines[below].text)):
        return below, byline
    return (above[-1], byline) if above else None


def _title_below_timestamp(lines: Lines, byline: int, first: int) -> int | None:
    """A title printed under the timestamp (a channel's name, the time, then the title and its credit line): the
    line right after the byline when it reads as a title and a credit or the text follows it."""
    after = [i for i in range(byline + 1, min(first + 1, len(lines))) if lines[i].text.strip()]
    if len(after) < 2 or not lines[after[0]].kept:
        return None
    text = lines[after[0]].text.strip()
    if not TITLE_MIN_CHARS * 2 <= len(text) <= TITLE_MAX_CHARS or ends_sentence(text) or is_prose(text):
        return None
    follows = lines[after[1]]
    return after[0] if follows.removed in ARTICLE_BYLINE or after[1] == first else None


# An account's name printed between a title and its timestamp: a short run of words under a title well longer.
_ACCOUNT_MAX_CHARS = 12
_DATE_OR_TIME = re.compile(r"\d{4}|\d{1,2}\s*[-/.:：月日年]")
_ACCOUNT_SHARE_OF_TITLE = 0.6


def _is_account_under_title(line: str, above: str) -> bool:
    return (
        len(line) <= _ACCOUNT_MAX_CHARS
        and not _DATE_OR_TIME.search(line)  # a channel may hold a number (某某7×24快讯), not a date
        and punct_count(line) == 0
        and TITLE_MIN_CHARS * 2 <= len(above) <= TITLE_MAX_CHARS
        and len(line) <= _ACCOUNT_SHARE_OF_TITLE * len(above)
        and not above.endswith("。")
        and not _squeezed(above).startswith(_squeezed(line))  # the title under its page title (…_频道_网站名)
    )


# A page's <title> copied as a line: the headline, then its channel and site (…_新闻中心_某某网, … - 某某网,
# …|某某新闻网). Underscores part no headline's words; a bar or a dash only before a site's name.
_SITE_WORDS = "网|网站|频道|新闻|日报|晚报|在线|门户|政府|客户端"
_SITE_NAME_AFTER_TITLE = re.compile(
    rf"\s*(?:_[^_\s]{{1,16}}){{1,3}}$|\s*(?:[|｜]|(?<![-–—])[-–—](?![-–—]))\s*[{CJK}A-Za-z0-9]{{0,14}}(?:{_SITE_WORDS})$"
)


def without_site_name(title: str) -> str:
    """A title without the channel and site a page's <title> adds after it (某县召开推进会_新闻中心_某某网)."""
    stripped = _SITE_NAME_AFTER_TITLE.sub("", title)
    return stripped if len(stripped) >= TITLE_MIN_CHARS * 2 else title


def title_above_byline(lines: Lines) -> str | None:
    """The article's title as its layout gives it: the line just above its byline, before the text begins."""
    found = _title_and_byline(lines)
    return lines[found[0]].text.strip() if found else None


def _is_a_name(text: str) -> bool:
    """One person's name alone: a surname and one or two characters (or a list of names)."""
    one = 2 <= len(text) <= 3 and text[0] in people_rules().surnames and all(is_cjk(c) for c in text)
    return one or _is_names(text)


def _is_names(text: str) -> bool:
    text = _AFFILIATION_MARKS.sub(" ", text)
    tokens = [t for t in _NAME_SEPARATORS.split(text) if t]
    surnames = people_rules().surnames
    return (
        2 <= len(tokens) <= 6
        and all(2 <= len(t) <= 3 and t[0] in surnames and not _LATIN.search(t) for t in tokens)
        and not has_sentence_punct(re.sub(r"[，、,]", "", text))  # names are listed with commas of either width
    )


def drop_keyword_lists(lines: Lines) -> Lines:
    """Above the first sentence, a line of many short comma-separated phrases and no sentence: keywords stuffed in."""
    marked = []
    for i in kept_indices(lines):
        text = lines[i].text.strip()
        if re.search(r"[。！？!?]", text):
            break
        items = [t for t in re.split(r"[，,]", text) if t.strip()]
        if len(items) >= _KEYWORD_ITEMS and all(len(t.strip()) <= _KEYWORD_CHARS for t in items):
            marked.append(i)
    return mark(lines, marked, "keyword list")


def drop_author_names(lines: Lines) -> Lines:
    """Before the article's first paragraph, a line that is only people's names (its authors)."""
    first = _first_prose(lines)
    return mark(lines, [i for i in kept_indices(lines) if i < first and _is_names(lines[i].text.strip())], "byline")


def drop_repeated_summary(lines: Lines) -> Lines:
    """A 摘要/核心提示 line whose words are the article's own (it repeats the lead)."""
    kept = kept_indices(lines)
    marked = []
    for n, i in enumerate(kept):
        match = _SUMMARY.match(text := lines[i].text.strip())
        if not match:
            continue
        summary = text[match.end() :].rstrip(".…")
        rest = "\n".join(lines[j].text for j in kept[n + 1 :])
        if summary and bigram_share(summary, rest) >= 0.8:
            marked.append(i)
    return mark(lines, marked, "summary repeating the text")


def drop_original_title_notes(lines: Lines) -> Lines:
    """A 原标题 note anywhere but on the first line (there it is the title itself)."""
    kept = kept_indices(lines)
    return mark(lines, [i for i in kept[1:] if _ORIGINAL_TITLE.match(lines[i].text.strip())], "original title note")


def drop_copies(lines: Lines) -> Lines:
    """A label printed twice in a row: both copies are furniture, unless the first is the page's title."""
    kept = kept_indices(lines)
    first = _first_prose(lines)
    marked: set[int] = set()
    for a, b in itertools.pairwise(kept):
        text = lines[a].text.strip()
        if text != lines[b].text.strip():
            continue
        if _CAPTION_OPENING.match(text) and len(text) <= _CAPTION_COPY_MAX_CHARS:
            marked.update([a, b])  # a photograph's caption printed with its alt text: 2019年4月23日，某村…
            continue
        if len(text) > _COPY_MAX_CHARS or ends_sentence(text) or SENTENCE_END.search(text):
            continue  # a sentence said twice is the writer's, not the page's (a label holds none)
        title = a == kept[0] and a < first
        marked.update([b] if title else [a, b])
    # A title printed again a line or two below itself, before the text begins (perhaps with its subtitle).
    head = _squeezed(lines[kept[0]].text) if kept else ""
    near = [i for i in kept[1 : 1 + _TITLE_COPY_WITHIN] if i < first]
    if head and not has_sentence_punct(head):
        marked.update(i for i in near if _squeezed(lines[i].text).startswith(head))
    return mark(lines, marked, "repeated line")


def drop_numbered_copies(lines: Lines) -> Lines:
    """Three or more lines that differ only in their numbers (``…_第1页``, ``…_第2页``): page furniture."""
    shapes = {
        i: _DIGITS.sub("#", text)
        for i in kept_indices(lines)
        if len(text := lines[i].text.strip()) <= _PAGE_LIST_MAX_CHARS and _DIGITS.search(text)
    }
    counts = Counter(shapes.values())
    repeated = {s for s, n in counts.items() if n >= 3 and not has_sentence_punct(s)}
    return mark(lines, [i for i, shape in shapes.items() if shape in repeated], "page list")


def drop_outline_runs(lines: Lines) -> Lines:
    """A run of outline headings (1.1, 2.1.1, 三、) with no prose between them: a table of contents."""

    def is_entry(at: int) -> bool:
        text = lines[at].text.strip()
        return len(text) <= 40 and _OUTLINE.match(text) is not None and punct_count(text) <= 1

    return mark(lines, _runs(kept_indices(lines), is_entry, _TOC_RUN), "table of contents")


def _runs(indices: list[int], belongs, at_least: int) -> list[int]:
    """The indices in runs of at least ``at_least`` consecutive ones that ``belongs`` takes."""
    marked: list[int] = []
    run: list[int] = []
    for i in [*indices, None]:
        if i is not None and belongs(i):
            run.append(i)
            continue
        if len(run) >= at_least:
            marked += run
        run = []
    return marked


# A page with no byline: short labels (the site's name, a channel: 新闻中心, a whole menu) above a longer title that
# stands just above the first paragraph.
_LABEL_MAX_CHARS = 12
_TITLE_LIKE_MIN_CHARS = 8


def _title_under_labels(lines: Lines) -> int | None:
    """The title of a page with no byline when only short labels stand above it, else ``None``."""
    first = _first_prose(lines)
    above = [i for i in kept_indices(lines) if i < first]
    if len(above) < 2:
        return None
    *labels, at = above
    title = lines[at].text.strip()
    if not _TITLE_LIKE_MIN_CHARS <= len(title) <= TITLE_MAX_CHARS or title[-1] in "。，,：:；;" or is_heading(title):
        return None
    longest = min(_LABEL_MAX_CHARS, len(title) - 1)
    if any(len(t := lines[i].text.strip()) > longest or has_sentence_punct(t) or is_heading(t) for i in labels):
        return None
    if any(_is_a_name(lines[i].text.strip()) for i in labels):
        return None  # an author's card (name, offices), not a site's header
    return at


def drop_masthead(lines: Lines) -> Lines:
    """Above an article's title: the site's name, its channels, the path to the page.

    The title is the line just above the article's byline (``_title_and_byline``).
    Every line above the title that is not prose is the page's masthead; the
    title printed again with its subtitle, between it and the byline, is a copy.
    With no byline, a few short labels above a longer title standing just
    above the first paragraph are the masthead (``_title_under_labels``).
    """
    found = _title_and_byline(lines)
    if found is None:
        at = _title_under_labels(lines)
        return lines if at is None else mark(lines, [i for i in kept_indices(lines) if i < at], "masthead")
    at, byline = found
    kept = kept_indices(lines)
    title = _squeezed(lines[at].text)
    copies = [i for i in kept if at < i < byline and _squeezed(lines[i].text).startswith(title)]
    lines = mark(lines, copies, "repeated line")
    labels = [i for i in kept if at < i < byline and len(lines[i].text.strip()) < TITLE_MIN_CHARS]
    lines = mark(lines, labels, "masthead")
    title_text = lines[at].text.strip()
    accounts = [i for i in kept if at < i < byline and _is_account_under_title(lines[i].text.strip(), title_text)]
    lines = mark(lines, accounts, "byline")  # an account's or channel's name between the title and its timestamp
    return mark(lines, [i for i in kept if i < at and not is_prose(lines[i].text.strip())], "masthead")


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def drop_summary_after_label(lines: Lines) -> Lines:
    """The paragraph under a 核心阅读/摘要 label, when the article's own text follows it."""
    kept = kept_indices(lines)
    marked = []
    for n, i in enumerate(kept):
        label = next((lines[j] for j in range(i - 1, -1, -1) if lines[j].text.strip()), None)
        if label is None or label.removed != "summary label":
            continue
        after = [j for j in kept[n + 1 :] if is_body_paragraph(lines[j].text.strip())]
        if len(after) >= 2:
            marked.append(i)
        break
    return mark(lines, marked, "summary")


def drop_listed_links(lines: Lines) -> Lines:
    """The short unpunctuated lines listed under a "related" label that cleaning removed, and the attachments
    numbered on the lines after a 附件： line."""
    kept = set(kept_indices(lines))
    marked, attachments = [], []
    for i, line in enumerate(lines):
        if line.removed == "attachment list":  # 附件：1.申报表, then 2.承诺书 on the next line
            attachments += _listed_after(lines, i, kept, lambda j, text: _ATTACHMENT_ITEM.match(text) is not None)
        elif line.removed == "related links" and not _LABEL_WITH_ITEMS.search(line.text):
            marked += _listed_after(lines, i, kept, lambda j, text: _is_listed_link(lines, j, text))
    return mark(mark(lines, marked, "related links"), attachments, "attachment list")


# A label that carries its items on its own line (热门搜索：a b c, 上一篇：…): the lines after it are not its list.
_LABEL_WITH_ITEMS = re.compile(r"[:：]\s*\S{2}")


def _listed_after(lines: Lines, index: int, kept: set[int], belongs) -> list[int]:
    """The kept lines with words after ``index`` that still belong to its list (``belongs(j, text)``), in order."""
    listed = []
    for j in range(index + 1, len(lines)):
        text = lines[j].text.strip()
        if not text:
            continue
        if j not in kept or not belongs(j, text):
            break
        listed.append(j)
    return listed


def _is_listed_link(lines: Lines, index: int, text: str) -> bool:
    """A link under a "related" label: short, no sentence, no heading, and not the article's own title just above
    its byline (a line of authors' names above a byline is still a link's)."""
    if len(text) > 40 or text.endswith("。") or is_heading(text):
        return False
    return not byline_follows(lines, index) or _is_names(text)


# An attachment listed on its own line after the first: a number, then a document's short name.
_ATTACHMENT_ITEM = re.compile(r"^\d{1,2}\s*[.、．]\s*\S[^。；;]{0,40}$")


# Entries of a page's contents: at least this many lines in a row before the text, each printed again after it.
_CONTENTS_RUN = 2
_CONTENTS_ENTRY_MAX_CHARS = 40


def drop_contents_entries(lines: Lines) -> Lines:
    """Before the first paragraph, a run of short lines each printed again further down (the headings the text
    goes on to use, the first of them perhaps before the first paragraph too): the page's contents."""
    first = _first_prose(lines)
    kept = kept_indices(lines)
    above = [i for i in kept if i < first]
    if len(above) < _CONTENTS_RUN:
        return lines
    last_at = {lines[i].text.strip(): i for i in kept}  # where each line is printed last

    def is_entry(at: int) -> bool:
        text = lines[at].text.strip()
        return len(text) <= _CONTENTS_ENTRY_MAX_CHARS and last_at[text] > at

    return mark(lines, _runs(above, is_entry, _CONTENTS_RUN), "table of contents")


# A byline's label alone on its line (来源：), its value on the next (某某日报).
_LABEL_ALONE = re.compile(f"^[{CJK}]{{1,6}}\\s*[:：]$")
_LABEL_VALUE_MAX_CHARS = 20


def _next_line(lines: Lines, index: int) -> int | None:
    """The next line after ``index`` that holds anything."""
    return next((k for k in range(index + 1, len(lines)) if lines[k].text.strip()), None)


def _kept_after_bylines(lines: Lines) -> Iterator[tuple[Line, int, str]]:
    """Each byline with the next line that holds anything, when that line is kept: (byline, its index, its text)."""
    for i, line in enumerate(lines):
        if line.removed in ARTICLE_BYLINE and (after := _next_line(lines, i)) is not None and lines[after].kept:
            yield line, after, lines[after].text.strip()


def drop_byline_names_again(lines: Lines) -> Lines:
    """A person's name alone on the line after a byline that ends with it (2023-04-16杨园争 / 杨园争): the
    byline's name printed again."""
    marked = [
        after
        for byline, after, name in _kept_after_bylines(lines)
        if _is_a_name(name) and byline.text.strip().endswith(name)
    ]
    return mark(lines, marked, "byline")


def drop_label_values(lines: Lines) -> Lines:
    """The value of a byline's label printed alone on the line above it (来源： / 某某日报): the byline's too."""
    marked: dict[str, list[int]] = {}
    for byline, after, text in _kept_after_bylines(lines):
        is_value = len(text) <= _LABEL_VALUE_MAX_CHARS and not has_sentence_punct(text)
        if is_value and _LABEL_ALONE.match(byline.text.strip()):
            marked.setdefault(byline.removed, []).append(after)
    for reason, indices in marked.items():
        lines = mark(lines, indices, reason)
    return lines


# A file's name alone on a line: a link to a document.
_FILE_NAME = re.compile(r"^[^。！？，,：:]{2,80}\.(?:docx?|pdf|pptx?|xlsx?|wps|zip|rar|ofd)$", re.IGNORECASE)


def drop_file_links(lines: Lines) -> Lines:
    """Lines that are only a file's name (…工作总结.docx) link to documents: furniture, except the first before
    the text begins, which on a document-sharing site is the shared file's own title."""
    files = [i for i in kept_indices(lines) if "." in lines[i].text and _FILE_NAME.match(lines[i].text.strip())]
    if not files:
        return lines
    first = _first_prose(lines)
    title = next((i for i in files if i < first), None)
    return mark(lines, [i for i in files if i != title], "attachment list")


WEB_RULES = (
    drop_markup,
    drop_foreign_lines,
    drop_stray_symbols,
    drop_keyword_lists,
    drop_author_names,
    drop_repeated_summary,
    drop_original_title_notes,
    drop_copies,
    drop_numbered_copies,
    drop_outline_runs,
    drop_contents_entries,
    drop_file_links,
)
# Other articles' headlines listed after the article's last paragraph, with no label above them.
_TRAILING_HEADLINES = 3
_HEADLINE_CHARS = (8, 40)


def _last_paragraph(lines: Lines, kept: list[int]) -> int | None:
    """The index of the page's last paragraph of prose, or None when it has none or that paragraph announces a
    list (…如下：): what follows it is then the article's."""
    prose = [i for i in kept if is_prose(lines[i].text.strip())]
    if not prose or lines[prose[-1]].text.strip().endswith((":", "：")):
        return None
    return prose[-1]


def drop_trailing_headlines(lines: Lines) -> Lines:
    """After the last paragraph of prose, a run of at least three headline-like lines that ends the page:
    links to other articles. Not after a paragraph that announces a list (…如下：), and never a numbered or
    headed list (一、, 1.), whose items are the article's."""
    kept = kept_indices(lines)
    last = _last_paragraph(lines, kept)
    if last is None:
        return lines
    after = [i for i in kept if i > last]
    if len(after) < _TRAILING_HEADLINES:
        return lines
    low, high = _HEADLINE_CHARS
    texts = [lines[i].text.strip() for i in after]
    # a headline may list with 、 (京东、阿里助农), never with sentence punctuation
    if all(low <= len(t) <= high and not has_sentence_punct(t.replace("、", "")) and not is_heading(t) for t in texts):
        return mark(lines, after, "related links")
    return lines


# The lines that end a page after its last paragraph, at least this many, half of them furniture already.
_END_RUN_MIN_LINES = 4
_END_RUN_ITEM_MAX_CHARS = 12


def _is_end_run_item(text: str) -> bool:
    """A label of a site's panel (上证指数, 港股, 财经频道): short, no sentence, no number or date, no heading, no
    name of a document or of a body that may sign it (a signature's 某县农业农村局 is the article's)."""
    return (
        len(text) <= _END_RUN_ITEM_MAX_CHARS
        and not has_sentence_punct(text)
        and not _DIGITS.search(text)
        and not is_heading(text)
        and not _may_sign(text)
    )


# A signature names a document, a place's body (某县农业农村局) or a longer body; a shorter name of a body with
# no level in it is a panel's label (数据中心).
_SIGNATURE_MIN_CHARS = 5
_LEVELS = frozenset("国省市县区州盟旗镇乡村")


def _may_sign(text: str) -> bool:
    named = NAMES_A_DOCUMENT_OR_BODY.search(text)
    if named is None:
        return False
    return named.group() in DOCUMENT_ENDINGS or len(text) >= _SIGNATURE_MIN_CHARS or not _LEVELS.isdisjoint(text)


# What only a site's footer says of the site, and a field beside it there (主办单位：…, 地址：…).
_SITE_FOOTER = frozenset({"copyright notice", "site self-description"})
_FIELD = re.compile(f"^[{CJK}]{{2,8}}\\s*[:：]\\s*[^。！？；;]{{1,40}}$")


def drop_furniture_run_at_end(lines: Lines) -> Lines:
    """After the last paragraph of prose, the lines that end the page: when at least half of them are furniture
    already (a disclaimer, a share bar, a credit) and every line left among them is a short label
    (``_is_end_run_item``), those labels are the same panels' (a finance site's market list, channel names);
    beside a site's footer, a field (主办单位：…) is the site's too. Not after a paragraph that announces a list
    (…如下：); one line that is not such a label keeps them all."""
    last = _last_paragraph(lines, kept_indices(lines))
    if last is None:
        return lines
    after = [i for i in range(last + 1, len(lines)) if lines[i].text.strip()]
    left = [i for i in after if lines[i].kept]
    if len(after) < _END_RUN_MIN_LINES or not left or len(left) * 2 > len(after):
        return lines
    # a site's footer (its copyright, registration numbers) says the fields beside it are the site's
    footer = any(lines[i].removed in _SITE_FOOTER for i in after)
    if all(_is_end_run_item(t := lines[i].text.strip()) or (footer and _FIELD.match(t)) for i in left):
        return mark(lines, left, "navigation")
    return lines


AFTER_PATTERNS = (
    drop_label_values,
    drop_byline_names_again,
    drop_masthead,
    drop_summary_after_label,
    drop_listed_links,
    drop_trailing_headlines,
    drop_furniture_run_at_end,
)

__all__ = ["AFTER_PATTERNS", "WEB_RULES", "Line", "strip_markup"]
