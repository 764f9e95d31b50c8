"""Figures written the Chinese way: 25.5万行政村, 超过12亿元, 5万多场, 近300万人次.

A figure is a number with a unit (元, 人次, 场, 倍, %, …), with a noun it
counts directly (25.5万行政村, 11部门), or an Arabic number scaled by 万/亿.
Not figures: dates and years, durations (40多年, 30小时内), ordinals (第七届),
versions (3.0), model names (5G, iPhone 15), codes and phone numbers, and
small Chinese numerals of prose (三个方面, 五大要素).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from explore.chars import CJK
from explore.gazetteer import UnitVocabulary, unit_vocabulary, words_pattern
from explore.measures import OTHER, FigureContext, measure_of
from explore.numbers import MULTIPLIERS, finite, parse_number
from explore.sentences import Sentence

QUALIFIERS = ("exact", "approx", "more_than", "at_least", "less_than")
_BEFORE = {
    "超过": "more_than", "超出": "more_than", "超": "more_than", "逾": "more_than", "突破": "more_than",
    "破": "more_than", "近": "less_than", "将近": "less_than", "接近": "less_than", "不到": "less_than",
    "不足": "less_than", "低于": "less_than", "少于": "less_than", "约": "approx", "大约": "approx",
    "至少": "at_least", "不少于": "at_least", "不低于": "at_least", "约合": "approx", "约为": "approx",
    "约达": "approx", "约有": "approx", "约占": "approx", "不超过": "less_than", "未超过": "less_than",
    "不超": "less_than", "过": "more_than",
}  # fmt: skip
# Words before a number that are qualifiers only where this pattern says: 过 before a round scale (过千亿件, 过万人),
# not the 过 of 通过, 经过, 超过.
_BEFORE_ONLY = {"过": "(?<![通经超越])过(?=[百千万亿])"}
_AFTER = {
    "多": "more_than", "余": "more_than", "以上": "at_least", "左右": "approx", "上下": "approx",
    "以下": "less_than", "以内": "less_than", "或以上": "at_least", "及以上": "at_least", "或以下": "less_than",
    "及以下": "less_than",
}  # fmt: skip
# A currency named between a qualifier and the number (超过人民币2万元) or the unit and a qualifier after it
# (1000万元人民币以上) belongs to the figure.
_CURRENCY = "(?:人民币|新台币|港币|港元|美元|欧元)"
_VAGUE = {"数": "more_than", "几": "more_than", "上": "at_least"}  # 数十, 几百, 上万

_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CHINESE = r"[一二两三四五六七八九十百千万零〇]{1,8}"


class Metric(NamedTuple):
    """One figure found in a sentence (a named tuple: a document can hold tens of thousands)."""

    value: float
    unit: str | None
    subject: str | None
    qualifier: str
    category: str
    measure: str  # what it counts (``explore.measures``)
    raw: str
    start: int  # offsets of ``raw`` in the document text
    end: int


# A Metric made from its values at once (its class's own constructor is a Python function with one argument a
# field: a fifth of the cost of a figure in a table flattened into one line).
_new_metric = tuple.__new__


@dataclass(frozen=True)
class _Rules:
    """The figure pattern and the subject words, compiled once from ``data/units.toml``."""

    pattern: re.Pattern[str]
    stops: re.Pattern[str]
    vocabulary: UnitVocabulary
    not_followed_by: dict[str, str]  # unit → the characters that make it half of another word (618期间)
    only_after: dict[str, tuple[str, ...]]  # unit → the words one of which must stand right before its number


def _stop_pattern(stops: tuple[str, ...], holders: tuple[str, ...]) -> re.Pattern[str]:
    """The subject's stop words, longest first; a one-character stop is none inside a word that holds it
    (从 of 从业人员, 有 of 有限公司, 超 of 超市): there it is no boundary of what is counted."""
    alternatives = []
    for word in stops:
        guards = ""  # checked after the stop has matched: a pattern tried at every position stays a literal first
        if len(word) == 1:
            for holder in holders:
                at = holder.find(word)
                while at >= 0:
                    before, after = re.escape(holder[: at + 1]), re.escape(holder[at + 1 :])
                    if not after:
                        guards += f"(?<!{before})"  # 公共: no 共 after 公
                    elif at == 0:
                        guards += f"(?!{after})"  # 从业: no 从 before 业
                    else:
                        guards += f"(?!(?<={before}){after})"
                    at = holder.find(word, at + 1)
        alternatives.append(re.escape(word) + guards)
    return re.compile("|".join(alternatives))


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    vocabulary = unit_vocabulary()
    unit_alt = words_pattern(vocabulary.units)
    nouns = words_pattern(vocabulary.counted_nouns)
    before = "|".join(_BEFORE_ONLY.get(word, word) for word in sorted(_BEFORE, key=len, reverse=True))
    after = "|".join(sorted(_AFTER, key=len, reverse=True))
    pattern = re.compile(
        rf"(?:(?P<pre>{before})了?{_CURRENCY}?)?"
        rf"(?P<num>{_ARABIC}|[数几上][十百千万]|{_CHINESE})"
        rf"(?P<mult>万亿|亿|万|千)?(?P<mid>多|余)?(?P<mult2>万|亿)?"
        rf"(?:(?P<unit>{unit_alt})|(?P<noun>{nouns}))?"
        rf"(?:{_CURRENCY}?(?P<post>{after}))?"
    )
    if tuple(pattern.groupindex) != _Groups._fields or pattern.groups != len(_Groups._fields):
        raise AssertionError(f"the figure pattern's groups {tuple(pattern.groupindex)} are not {_Groups._fields}")
    stops = _stop_pattern(vocabulary.subject_stops, vocabulary.stop_holders)
    not_followed_by = {unit: spec.get("not_followed_by", "") for unit, spec in vocabulary.units.items()}
    only_after = {unit: tuple(spec["only_after"]) for unit, spec in vocabulary.units.items() if "only_after" in spec}
    return _Rules(pattern, stops, vocabulary, not_followed_by, only_after)


_FIGURE_START = re.compile(r"\d+(?![\dA-Za-z])")
_QUOTES = "“”‘’「」 "
_CLAUSE_BREAK = re.compile(r"[，。；：、！？（）《》,;:()\s]")
_SUBJECT_MAX = 16
_SUBJECT_RUN = re.compile(rf"[{CJK}A-Za-z]{{1,14}}")
_BARE_SCALES = frozenset("百千万")
_SCALE_CHARS = frozenset("十百千万")
_NOT_FIGURE_AFTER = re.compile(r"(?:[年月日天周岁号届]|[-/.]\d|[A-Za-z]|个月|小时[内后前]|个小时)")


class _Groups(NamedTuple):
    """The parts of one match of the figure pattern, read once (in the pattern's order of its groups)."""

    pre: str | None
    num: str
    mult: str | None
    mid: str | None
    mult2: str | None
    unit: str | None
    noun: str | None
    post: str | None


def _scaled(groups: _Groups) -> float | None:
    return _value(groups.num, groups.mult, groups.mult2)


@lru_cache(maxsize=4096)
def _value(num: str, mult: str | None, mult2: str | None) -> float | None:
    """A number's value with its multipliers (numbers recur: read once)."""
    base = parse_number(num[1]) if num[0] in _VAGUE and len(num) == 2 else parse_number(num)
    if base is None:
        return None
    if mult:
        base *= MULTIPLIERS[mult]
    if mult2:
        base *= MULTIPLIERS[mult2]
    return finite(base)


def _qualifier(groups: _Groups) -> str:
    num = groups.num
    if groups.pre:
        return _BEFORE[groups.pre]
    if groups.mid:
        return _AFTER[groups.mid]
    if groups.post:
        return _AFTER[groups.post]
    if num[0] in _VAGUE and len(num) == 2:
        return _VAGUE[num[0]]
    return "exact"


_NUM_GROUP, _UNIT_GROUP = _Groups._fields.index("num") + 1, _Groups._fields.index("unit") + 1


class _Reading(NamedTuple):
    """What a match says by its own words: its value, unit (after 七成 → 70 %) and qualifier, and its parts."""

    value: float
    unit: str | None
    qualifier: str
    groups: _Groups


def _fits_context(match: re.Match[str], start: int, end: int, groups: _Groups, text: str, rules: _Rules) -> bool:
    """Whether the characters around a match (at ``start``–``end``) leave it a figure (the words of the match are
    ``_read``'s)."""
    # With no word before it the number starts the match, and with none after it the unit ends it.
    num_start = start if groups.pre is None else match.start(_NUM_GROUP)
    if num_start:
        before = text[num_start - 1]
        if (before == "第" or before in ".-/" or (before.isascii() and before.isalnum())) and not (
            before == "-" and num_start >= 2 and text[num_start - 2] == "%"
        ):
            return False  # an ordinal, a model name (iPhone 15), a version or a code; but 15%-20% is two figures
    unit = groups.unit
    if unit:
        unit_end = end if groups.post is None else match.end(_UNIT_GROUP)
        following = text[unit_end : unit_end + 1]
        if following and following in rules.not_followed_by[unit]:
            return False  # 618期间, 一成不变: the unit is half of another word
        if unit in rules.only_after and not text.endswith(rules.only_after[unit], max(0, num_start - 4), num_start):
            return False  # 3点 is a time or a point made; 指数报3373点 is an index's level
    # a date or year, a duration or time window (30小时内), a code
    return bool(groups.mult) or not _NOT_FIGURE_AFTER.match(text, num_start + len(groups.num))


@lru_cache(maxsize=8192)
def _read(match_groups: tuple[str | None, ...]) -> _Reading | None:
    """A match's value, unit and qualifier from its groups, or None when its own words make it no figure (matches
    recur: read once)."""
    groups = _Groups._make(match_groups)
    num, unit, noun, mult = groups.num, groups.unit, groups.noun, groups.mult
    if not (unit or noun or mult):
        return None
    spec = _rules().vocabulary.units[unit] if unit else {}
    value = _scaled(groups)
    if value is None:
        return None
    if num[0].isdigit():
        digits = num.replace(",", "").split(".")[0]
        if len(digits) == 4 and digits[:2] in ("19", "20") and not unit and not mult:
            return None  # 2023农村直播电商: a year used as an adjective
        if len(digits) >= 7 and not (unit or mult):
            return None  # a phone or document number
    else:
        # Chinese numerals: a unit (or a noun counted: 数十万农户) is required, and small ones belong to prose
        if not (unit or noun):
            return None
        if num in _BARE_SCALES and not (groups.pre or groups.mid):
            return None  # 千家万户, 每万人: a scale word of prose, not a count (万余人 is one)
        vague = num[0] in _VAGUE and len(num) == 2
        if not unit and not (vague or groups.mid or groups.pre) and set(num) <= _SCALE_CHARS:
            return None  # 十县, 万千农户: scale words before a noun are prose; 数十万农户, 五十村 are counts
        if not (vague or value * spec.get("factor", 1) >= 10):
            return None  # 七成 is 70 %
    if value < spec.get("at_least", 0):
        return None  # 24小时在线: how long a service runs, not a count of hours (1145小时 of volunteering is one)
    unit_read = unit or ("个" if noun else None)
    if "as" in spec:  # 七成 is 70 %
        value, unit_read = value * spec.get("factor", 1), spec["as"]
    return _Reading(value, unit_read, _qualifier(groups), groups)


# A share said to be about so much, with what it is a share of between the word and the number.
_SHARE_ABOUT = re.compile(r"(?:约|大约|大概)占")

# What joins the two ends of a range (5%-8%, 3万至5万): nothing, a dash or a word for "to".
_RANGE_MARKS = frozenset(("", "-", "—", "~", "～", "至", "到"))
_CONTEXT_BACK = 30
_CONTEXT_BREAK = re.compile(r"[，。；！？,;!?\n]")

# A clause read for a figure's subject and category reaches back this far at most: prose breaks long before,
# and a run with no break (a table flattened into one line) must not make each figure rescan all before it.
_CLAUSE_MAX = 40


class _Clauses:
    """Where each clause of a sentence begins and where its stop words are, found once per sentence."""

    def __init__(self, text: str, stop_re: re.Pattern[str]) -> None:
        self._ends = [m.end() for m in _CLAUSE_BREAK.finditer(text)]
        self._context_ends = [m.end() for m in _CONTEXT_BREAK.finditer(text)]
        self._stops = [(m.start(), m.end()) for m in stop_re.finditer(text)]
        self._stop_ends = [end for _, end in self._stops]

    def last_stop_end(self, clause_start: int, clause_end: int) -> int | None:
        """Where the last stop word inside ``clause_start``–``clause_end`` ends, short of its end; as ``_stops_in``
        counts them (a one-character stop needs two characters of the clause before it)."""
        at = bisect_right(self._stop_ends, clause_end - 1)
        while at:
            at -= 1
            start, end = self._stops[at]
            if start < clause_start:
                return None
            if end - start > 1 or start - clause_start >= 2:
                return end
        return None

    def around(self, start: int, end: int) -> tuple[int, int, int]:
        """For a figure at ``start``–``end``, in one call (made for every figure): where the clause holding it
        begins (at most ``_CLAUSE_MAX`` characters back), where the clause after it ends (at most ``_CLAUSE_MAX``
        characters on), and where the words before it begin: after the last comma or stop (past 、 and 和:
        销售小米、苹果等农产品30余万元), at most ``_CONTEXT_BACK`` characters back."""
        ends, context_ends = self._ends, self._context_ends
        before = bisect_right(ends, start)
        after = bisect_right(ends, end)
        context = bisect_right(context_ends, start)
        return (
            max(ends[before - 1] if before else 0, start - _CLAUSE_MAX),
            min(ends[after] - 1 if after < len(ends) else end + _CLAUSE_MAX, end + _CLAUSE_MAX),
            max(context_ends[context - 1] if context else 0, start - _CONTEXT_BACK, 0),
        )


def _stops_in(words: str, stop_re: re.Pattern[str]) -> list[re.Match[str]]:
    # A one-character stop inside a word (方向, 平等) is no boundary: it counts
    # only with two or more characters before it.
    return [m for m in stop_re.finditer(words) if len(m.group()) > 1 or m.start() >= 2]


def _tidy(subject: str) -> str | None:
    subject = subject.replace("”“", "、").strip(_QUOTES)
    digit = _FIGURE_START.search(subject)
    if digit:  # 特困群众1153户 before 3173人次: the subject ends where a figure starts (not at the 5 of 5G基站)
        subject = subject[: digit.start()]
    return subject[-_SUBJECT_MAX:] if subject else None


def _subject_after(text: str, end: int, rules: _Rules) -> str | None:
    run = _SUBJECT_RUN.match(text, end)
    if not run:
        return None
    words = run.group()
    stops = _stops_in(words, rules.stops)
    if rules.stops.match(words):
        return None  # 2100万元的…: a function word follows, not a noun
    subject = words[: stops[0].start()] if stops else words
    return subject if len(subject) >= 2 or subject in rules.vocabulary.counted_nouns else None


def _subject_before(text: str, start: int, clause_start: int, clauses: _Clauses, rules: _Rules) -> str | None:
    links = rules.vocabulary.subject_links
    clause = text[clause_start:start]
    while clause.endswith(links):
        clause = clause[: -len(next(w for w in links if clause.endswith(w)))]
    last_stop = clauses.last_stop_end(clause_start, clause_start + len(clause))
    return _subject_of(text[last_stop : clause_start + len(clause)] if last_stop is not None else clause)


@lru_cache(maxsize=8192)
def _subject_of(candidate: str) -> str | None:
    """The subject in the words between a clause's last stop word and a figure (words recur: read once)."""
    if candidate.lstrip(_QUOTES)[:1].isdecimal():
        return None  # a figure right before this one (5%-20%, 1153户3173人次): _tidy would keep nothing
    subject = _tidy(candidate)
    if not subject or len(subject) < 2 or _rules().stops.fullmatch(subject):
        return None  # nothing but a verb (救助, 惠及) before the figure
    return subject


@lru_cache(maxsize=8192)
def _category(subject: str | None, clause: str, unit: str | None) -> str:
    """A figure's category from its unit and the words of its subject and clause (they recur: read once)."""
    vocabulary = _rules().vocabulary
    units = vocabulary.units
    kind = units[unit]["kind"] if unit in units else "count"
    allowed = vocabulary.allowed_categories.get(kind, [])
    if "coverage" in allowed and subject and subject.endswith(vocabulary.coverage_endings):
        return "coverage"
    context = (subject or "") + clause
    for category, words in vocabulary.category_words.items():
        if category in allowed and words.search(context):
            return category
    return units[unit]["category"] if unit in units else "count"


def find_metrics(sentence: Sentence) -> list[Metric]:
    """Every figure in one sentence, with offsets in the document."""
    return list(iter_metrics(sentence))


def iter_metrics(sentence: Sentence) -> Iterator[Metric]:
    """Every figure in one sentence, with offsets in the document, one at a time: a table flattened into one line
    holds thousands, and the caller keeps none once it has made its row."""
    rules = _rules()
    text = sentence.text
    clauses = _Clauses(text, rules.stops)
    previous: Metric | None = None
    offset = sentence.start
    for match in rules.pattern.finditer(text):
        reading = _read(match.groups())
        if reading is None:
            continue
        value, unit, qualifier, groups = reading
        start, end = match.span()
        if not _fits_context(match, start, end, groups, text, rules):
            continue
        clause_start, clause_end, context_start = clauses.around(start, end)
        if groups.noun:
            subject = counted = groups.noun
        else:
            counted = _subject_after(text, end, rules) if unit not in ("倍", "%") else None
            if counted:
                subject = counted
            elif previous and previous.unit == unit and text[previous.end - offset : start] in _RANGE_MARKS:
                subject = previous.subject  # 收入增长5%-8%: the second end of a range counts what the first does
            else:
                subject = _subject_before(text, start, clause_start, clauses, rules)
        clause = text[clause_start:start]
        if qualifier == "exact" and unit == "%" and _SHARE_ABOUT.search(clause):
            qualifier = "approx"  # 约占全国网络零售额的17.4%: the 约 stands before what the share is of
        category = _category(subject, clause, unit)
        if unit is None and category in ("money", "sales"):
            unit = "元"  # 销售额超过了100万: money with the currency left implicit
        measure = measure_of(FigureContext(unit, counted, clause, text[end:clause_end], text[context_start:start]))
        if measure == OTHER and not counted and previous and previous.unit == unit:
            measure = previous.measure  # 新建服务站点1098个，累计达到8248个: the noun is left out the second time
        # Made positionally (value, unit, subject, qualifier, category, measure, raw, start, end): one per figure.
        previous = _new_metric(
            Metric, (value, unit, subject, qualifier, category, measure, match.group(), offset + start, offset + end)
        )
        yield previous
