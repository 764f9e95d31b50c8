"""Date expressions, and the year of the ones that leave it out.

Expressions: ``2023年12月6日``, ``2023-01-09``, ``2023年8月``, ``2021年12月底``,
``9月27日``, ``今年9月``, ``去年``, ``近日``, ``截至2023年8月``, ``到2026年底``.

A partial date (``9月27日``) takes its year from evidence, in this order:

1. a bulletin's edition (``2024年第2期``): its items carry that year;
2. the title's one year (``中国联通召开2023年助力乡村振兴推进会``);
   or, in the lead, the one year that names an event (``5月14日，某公司召开2024年工作会议``);
3. bounds: the article was written after the latest dated happening it
   reports and before the newest date in its page furniture (a related-links
   list dated 2023-01-09); when exactly one year fits between them, it is it.
   With no dated furniture, a day after the latest happening the text dates
   to its month or day is taken to be in that happening's year (a dateline
   ``5月12日电`` over a report of January to April 2023); a day before it,
   or a text that names bare years only, stays unsettled.

Targets (``到2026年底``) are never evidence. Where the evidence does not
settle the year, the year stays unknown and ``precision`` says so.

An item's own date (:func:`item_date`) is, in order: the page's byline
(``2022年08月09日09:53``, ``发布时间：2020/10/10``, a print credit ``《人民日报》（2021年11月17日
第13版）``) found by :func:`byline_date` in the furniture cleaning removed; the
first day its lead dates (a dateline ``新华社北京10月2日电`` or the lead's news
date; a year or month there is history, not the news); its bulletin's edition
year; a date standing alone on a line of the text (a notice's signature date).
An event's date (:func:`event_date`) is the most precise expression of its
sentence that is not a target.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from explore.gazetteer import event_words
from explore.numbers import parse_chinese_integer, parse_digit_string

# "day" / "month" / "year"; with the year unknown: "month_day" (9月27日) or
# "month_only" (6月底); "recent" for 近日 and the like.
Precision = str

_PART = r"(?P<part>底|初|末|中旬|上旬|下旬|上半年|下半年)?"
# In numerals, as documents are signed and dated: 二〇二三年八月二十五日, 二〇二三年五月 (looked for only in a text
# holding a zero or 一九, as every such year does).
_IN_NUMERALS = re.compile(
    r"(?P<yn>[〇○零一二三四五六七八九]{4})年(?P<mn>十[一二]?|[一二三四五六七八九])月"
    r"(?:(?P<dn>三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])[日号])?"
)
_PATTERNS = (
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]"),
    re.compile(rf"(?<!\d)(?P<y>(?:19|20)\d{{2}})年(?P<m>\d{{1,2}})月(?!\d){_PART}"),
    re.compile(rf"(?P<rel>今年|去年|前年|明年)(?P<m>\d{{1,2}})月(?:(?P<d>\d{{1,2}})[日号])?{_PART}"),
    re.compile(r"(?<![\d年])(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]"),
    re.compile(r"(?<![\d年])(?P<m>\d{1,2})月(?P<part>底|初|末|中旬|上旬|下旬|份)"),
    re.compile(rf"(?<![\d\-—~至])(?P<y>(?:19|20)\d{{2}})年(?![度\d]){_PART}(?P<lianghui>两会)?"),
    re.compile(r"(?P<rel>今年|去年|前年|明年)(?![\d度])"),
    re.compile(r"(?P<recent>近日|日前|近期|截至目前|截止目前)"),
    # a day or month named from the item's own date (今日头条 is a platform; …的今天 and 时至今日 are "nowadays")
    re.compile(
        r"(?<![的至])(?P<recent>昨天|昨日|前天|前日|今天|今日|本月|上月|上个月)(?!头条)(?P<part>底|初|末|中旬|上旬|下旬)?"
    ),
)
_RELATIVE_YEARS = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}
# Days and months counted from the item's own date, once it is known to the day.
_RELATIVE_DAYS = {"昨天": -1, "昨日": -1, "前天": -2, "前日": -2, "今天": 0, "今日": 0}
_RELATIVE_MONTHS = {"本月": 0, "上月": -1, "上个月": -1}
_EDITION = re.compile(r"(?P<y>(?:19|20)\d{2})年第\s*\d+\s*期")


@dataclass(frozen=True)
class DateExpr:
    """A date expression at ``text[start:end]``; ``year`` may be unknown."""

    text: str
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    precision: Precision
    role: str  # happening / target / as_of / in_title
    relative: str | None = None  # 今年 / 去年 / 近日 …: resolved against the document's year

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year or 0, self.month or 1, self.day or 1)

    def as_date(self) -> date | None:
        if self.year is None:
            return None
        try:
            return date(self.year, self.month or 1, self.day or 1)
        except ValueError:
            return None


def _role(text: str, start: int, end: int) -> str:
    words = event_words()
    if text.rfind("《", 0, start) > text.rfind("》", 0, start):
        return "in_title"  # 《关于公布2023年…的通知》 names a document; it dates nothing
    before = text[max(0, start - 4) : start]
    if before.endswith(words.as_of_before) or text.startswith(words.as_of_after, end):
        return "as_of"  # before targets: 截至 ends in the target word 至
    if before.endswith(words.target_words):
        return "target"
    return "happening"


def _expr(match: re.Match[str], text: str) -> DateExpr | None:
    groups = {k: v for k, v in match.groupdict().items() if v}
    if "yn" in groups:  # written in numerals
        groups = _in_digits(groups)
        if groups is None:
            return None
    year = int(groups["y"]) if "y" in groups else None
    month = int(groups["m"]) if "m" in groups else (3 if "lianghui" in groups else None)
    day = int(groups["d"]) if "d" in groups else None
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    if day is not None and month is not None and day > calendar.monthrange(year or 2000, month)[1]:
        return None  # 2月30日 is no day; without a year, 2月29日 is one
    relative = groups.get("rel") or groups.get("recent")
    if relative in _RELATIVE_DAYS and "part" in groups:
        return None  # 今天底 is no date
    if "recent" in groups:
        precision = "recent"
    elif day is not None:
        precision = "day" if year is not None else "month_day"
    elif month is not None:
        precision = "month" if year is not None or relative else "month_only"
    else:
        precision = "year"
    return DateExpr(
        match.group(),
        match.start(),
        match.end(),
        year,
        month,
        day,
        precision,
        _role(text, match.start(), match.end()),
        relative,
    )


def _numerals_read(groups: dict[str, str | None]) -> tuple[int, int, int | None] | None:
    """A date's numeral groups (yn, mn, dn) read as year, month and day (None when it names none); None when one
    of them is no number."""
    year = parse_digit_string(groups["yn"].replace("○", "〇"))
    month = parse_chinese_integer(groups["mn"])
    day = parse_chinese_integer(groups["dn"]) if groups.get("dn") else None
    if year is None or month is None or (groups.get("dn") and day is None):
        return None
    return year, month, day


def _in_digits(groups: dict[str, str]) -> dict[str, str] | None:
    """A date's numeral groups (yn, mn, dn) as the digit groups (y, m, d); None when the year is none."""
    read = _numerals_read(groups)
    if read is None or not 1900 <= read[0] <= 2099:
        return None
    year, month, day = read
    return {"y": str(year), "m": str(month)} | ({"d": str(day)} if day is not None else {})


def find_dates(text: str) -> list[DateExpr]:
    """Every date expression in ``text``, left to right, without overlaps."""
    found: list[DateExpr] = []
    taken: set[int] = set()
    numerals = "〇" in text or "○" in text or "零" in text or "一九" in text
    for pattern in (_IN_NUMERALS, *_PATTERNS) if numerals else _PATTERNS:
        for match in pattern.finditer(text):
            span = range(match.start(), match.end())
            if not taken.isdisjoint(span):
                continue
            expr = _expr(match, text)
            if expr is not None:
                found.append(expr)
                taken.update(span)
    return sorted(found, key=lambda e: e.start)


def edition(publication: str | None) -> tuple[int, str] | None:
    """A bulletin's edition year and how it is written (``2024年第2期``; else the day of issue its masthead gives,
    ``第5期 … 2023年6月15日``)."""
    match = _EDITION.search(publication or "")
    if match:
        return int(match.group("y")), match.group()
    issued = _BYLINE_DATE.search(publication or "")
    return (int(issued.group("y")), issued.group().strip()) if issued and _full_date(issued) else None


def title_year(title: str | None) -> int | None:
    years = {e.year for e in find_dates(title or "") if e.year and e.role != "target"}
    return years.pop() if len(years) == 1 else None


def furniture_bound(furniture: list[str]) -> date | None:
    """The newest full date in the page furniture (a related-links list)."""
    dates = [e.as_date() for text in furniture for e in find_dates(text) if e.precision == "day"]
    return max((d for d in dates if d), default=None)


def body_lower_bound(exprs: list[DateExpr], *, finest: bool = False) -> date | None:
    """The latest happening the text dates with its year: it was written after it. ``finest``: only one
    dated to its month or day (a bare ``2016年`` may be the year the text is written in, or a plan for it)."""
    dates = [
        e.as_date()
        for e in exprs
        if e.year is not None and e.role != "target" and e.relative is None and (e.month or not finest)
    ]
    return max((d for d in dates if d), default=None)


# A year that names an event: 2024年乡村振兴工作会议, 2021阿里巴巴数字乡村解决方案发布会.
_EVENT_YEAR = re.compile(
    r"(?<![\d\-—~至到])(?P<y>(?:19|20)\d{2})年?(?![\d度底末初])[^，。；,;]{0,14}?"
    r"(?:会议|大会|论坛|发布会|推进会|博览会|交易会|峰会|年会|嘉年华|活动|大赛)"
)


def event_year(lead: str) -> int | None:
    """The one year the lead names an event with, if exactly one."""
    years = {int(m.group("y")) for m in _EVENT_YEAR.finditer(lead)}
    return years.pop() if len(years) == 1 else None


@dataclass(frozen=True)
class YearEvidence:
    edition: int | None = None
    title: int | None = None
    lower: date | None = None
    upper: date | None = None
    event: int | None = None  # the year of an event the lead names
    latest: date | None = None  # the latest happening the text dates to its month or day (not a bare year)
    published: date | None = None  # the item's own date, to the day, once known: what it reports came before it

    def year_for(self, month: int | None, day: int | None) -> tuple[int | None, str | None]:
        """The year of a partial date, and the rule that gave it (or ``None, None``)."""
        if self.edition is not None:
            return self.edition, "bulletin edition"
        if self.title is not None:
            return self.title, "title year"
        if self.event is not None:
            return self.event, "year of the event the lead names"
        if self.latest is not None and self.upper is None and month is not None:
            try:
                candidate = date(self.latest.year, month, day or 1)
            except ValueError:
                return None, None
            if candidate >= self.latest and (self.published is None or candidate <= self.published):
                return self.latest.year, "the year of the latest happening"
        if (self.lower is None or self.upper is None) and self.published is not None and month is not None:
            return self._before_publication(month, day)
        if self.lower is None or self.upper is None or month is None:
            return None, None
        fits = []
        for year in range(self.lower.year, self.upper.year + 1):
            try:
                candidate = date(year, month, day or 1)
            except ValueError:
                continue
            if self.lower <= candidate <= self.upper:
                fits.append(year)
        if len(fits) == 1:
            return fits[0], "between body and furniture dates"
        if fits and self.published is not None:
            return self._before_publication(month, day)  # several years fit: the last before the item
        return None, None

    def _before_publication(self, month: int, day: int | None) -> tuple[int | None, str | None]:
        """The year that puts a month (and day) at or before the item's own date, within the year before it:
        a report tells what has happened (a target is never resolved so: ``resolve``)."""
        published = self.published
        for year in (published.year, published.year - 1):
            try:
                candidate = date(year, month, day or 1)
            except ValueError:
                continue  # 2月29日 of a year that has none
            if candidate <= published:
                return year, "the last such day before the item's date"
        return None, None


def _counted_from(relative: str | None, published: date) -> tuple[date, Precision] | None:
    """The day (昨天) or month (上月) ``relative`` names, counted from the item's date."""
    if relative in _RELATIVE_DAYS:
        return published + timedelta(days=_RELATIVE_DAYS[relative]), "day"
    if relative in _RELATIVE_MONTHS:
        months = published.year * 12 + published.month - 1 + _RELATIVE_MONTHS[relative]
        return date(months // 12, months % 12 + 1, 1), "month"
    return None


def resolve(expr: DateExpr, evidence: YearEvidence, document_year: int | None) -> DateExpr:
    """Fill in the year of a partial or relative expression where evidence allows."""
    if expr.year is not None:
        return expr
    if expr.relative in _RELATIVE_YEARS:
        if document_year is None:
            return expr
        year = document_year + _RELATIVE_YEARS[expr.relative]
        return replace(expr, year=year, precision="day" if expr.day else ("month" if expr.month else "year"))
    if expr.precision == "recent":
        counted = _counted_from(expr.relative, evidence.published) if evidence.published is not None else None
        if counted is not None:  # 昨天, 上月 in an item of a known day
            when, precision = counted
            return replace(expr, year=when.year, month=when.month, day=when.day if precision == "day" else None,
                           precision=precision)  # fmt: skip
        if document_year is not None:
            return expr  # 截至目前, 近日: the item's own date speaks for it (event_date), not its whole year
        year = evidence.edition
        return replace(expr, year=year, precision="year") if year is not None else expr
    year, _ = evidence.year_for(expr.month, expr.day)
    if year is None or expr.role == "target":
        return expr
    return replace(expr, year=year, precision="day" if expr.day else "month")


# Which of a sentence's dates speaks for it: the most precise (then the first).
_PRECISION_RANK = {"day": 3, "month": 2, "year": 1, "month_day": 0, "month_only": 0, "recent": 0}


@dataclass(frozen=True)
class DatedAs:
    """How an item or event is dated: ``when`` (a day, or a month's or year's first day), precision, words.

    ``precision`` is kept with ``when`` unknown for a partial date whose year
    is unknown (``month_day``, ``month_only``); both are ``None`` when nothing dates it.
    """

    when: date | None
    precision: Precision | None
    text: str | None


UNDATED = DatedAs(None, None, None)


def item_date(
    lead: list[DateExpr],
    bulletin_edition: tuple[int, str] | None,
    *,
    byline: DatedAs = UNDATED,
    signature: DatedAs = UNDATED,
) -> DatedAs:
    """An item's own date, in the order of the module docstring; ``lead`` holds its lead's resolved expressions."""
    if byline.when is not None:
        return byline
    news = [e for e in lead if e.role == "happening" and e.precision in ("day", "month_day")]
    if news:
        first = news[0]
        return DatedAs(first.as_date(), first.precision, first.text)
    if bulletin_edition is not None:
        year, text = bulletin_edition
        return DatedAs(date(year, 1, 1), "year", text)
    return signature


# A byline's date: 2020-03-24 14:17, 2022年08月09日09:53, 2020/10/10, 2022 09/ 16, 2020 年 6 月 1 日.
_BYLINE_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[-/.年]\s*|\s+)(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?"
)
# A site's clock (2026年11月25日 星期三) dates the visit, not the article; a byline that names the article's
# source or author beside its weekday (2023-05-12 08:30 星期五 来源：…) is the article's.
_WEEKDAY = re.compile(r"星期[一二三四五六日天]|周[一二三四五六日]|礼拜[一二三四五六日天]")
_ARTICLE_MARK = re.compile(r"来源|作者|编辑|发布|稿源|记者|出处|(?<!今天)(?:日期|时间)\s*[:：]")
# Furniture that dates the article: bylines, print credits, navigation and metadata rows (never a list of links).
BYLINE_REASONS = frozenset({"byline", "wire or print credit", "document metadata", "navigation", "editor credit"})
_ALONE = re.compile(r"^\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
# The same in numerals, as government documents sign (二〇二三年五月十二日).
_ALONE_IN_NUMERALS = re.compile(
    r"^\s*(?P<yn>[〇零一二三四五六七八九]{4})\s*年\s*(?P<mn>[一二三四五六七八九十]{1,2})\s*月"
    r"\s*(?P<dn>[一二三四五六七八九十]{1,3})\s*日\s*$"
)


def _full_date(match: re.Match[str]) -> date | None:
    try:
        return date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    except ValueError:
        return None  # 2023-02-30: not a day


def byline_date(furniture: Iterable[tuple[str, str]], *, today: date | None = None) -> DatedAs:
    """The first full date in the page's byline furniture (``(reason, text)`` pairs, in page order).

    A date with a weekday (a site's clock) or after ``today`` is no publication date.
    """
    today = today or date.today()
    for reason, text in furniture:
        if reason not in BYLINE_REASONS or (_WEEKDAY.search(text) and not _ARTICLE_MARK.search(text)):
            continue
        for match in _BYLINE_DATE.finditer(text):
            when = _full_date(match)
            if when is not None and when <= today:
                return DatedAs(when, "day", match.group().strip())
    return UNDATED


# The day a page's address was given (…/2023-06/18/c_…, …/202306/t20230618_…, …/art/2023/6/18/…).
_URL_DATES = (
    re.compile(r"/(?P<y>(?:19|20)\d{2})[-/_](?P<m>\d{1,2})[-/_](?P<d>\d{1,2})(?=[/_.])"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{2})(?P<d>\d{2})(?=/)"),
    re.compile(r"(?<![\d])(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?![\d])"),
)


def url_date(url: str | None, *, today: date | None = None) -> DatedAs:
    """The day in a record's address, if it holds one: news and government sites file pages under the day they
    publish them. An address printed in a page's text is not used: the page does not state it as its date (the
    development gold counts such a page as undated)."""
    if not url:
        return UNDATED
    today = today or date.today()
    for pattern in _URL_DATES:
        for match in pattern.finditer(url):
            when = _full_date(match)
            if when is not None and when <= today:
                return DatedAs(when, "day", url.strip())
    return UNDATED


_GIVEN_MONTH = re.compile(r"^\s*(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*月?\s*$")
_GIVEN_YEAR = re.compile(r"^\s*(?P<y>(?:19|20)\d{2})\s*年?\s*$")


def given_date(value: str | None) -> DatedAs | None:
    """A date a record gives for itself (``2023-05-06 10:20:00``, ``2023/5/6``, ``2023年5月6日``, an ISO
    timestamp, ``2023-05``, ``2023``): ``UNDATED`` when there is none, ``None`` when it does not parse."""
    if value is None or not value.strip():
        return UNDATED
    if match := _BYLINE_DATE.search(value):
        when = _full_date(match)
        return DatedAs(when, "day", value.strip()) if when else None
    if match := _GIVEN_MONTH.match(value):
        month = int(match.group("m"))
        return DatedAs(date(int(match.group("y")), month, 1), "month", value.strip()) if 1 <= month <= 12 else None
    if match := _GIVEN_YEAR.match(value):
        return DatedAs(date(int(match.group("y")), 1, 1), "year", value.strip())
    try:
        return DatedAs(datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date(), "day", value.strip())
    except ValueError:
        return None


def standalone_date(text: str) -> DatedAs:
    """A full date alone on a line of the text (``2017年2月3日`` or ``二〇一七年二月三日`` under a notice): the
    first such line's."""
    for line in text.split("\n"):
        if _ALONE.match(line) and (match := _BYLINE_DATE.search(line)) and (when := _full_date(match)):
            return DatedAs(when, "day", line.strip())
        if (match := _ALONE_IN_NUMERALS.match(line)) and (when := _date_in_numerals(match)):
            return DatedAs(when, "day", line.strip())
    return UNDATED


def _date_in_numerals(match: re.Match[str]) -> date | None:
    read = _numerals_read(match.groupdict())
    if read is None:
        return None
    year, month, day = read
    try:
        return date(year, month, day) if year and month and day else None
    except ValueError:
        return None  # 二〇二三年二月三十日: not a day


def event_date(exprs: list[DateExpr], item: DatedAs) -> tuple[DateExpr, DatedAs]:
    """The expression that dates a sentence (``exprs``: its resolved dates), and the date it gives.

    A ``近日`` whose year stays unknown takes the item's own date.
    """
    usable = [e for e in exprs if e.role != "target"] or exprs
    best = max(usable, key=lambda e: (_PRECISION_RANK[e.precision], -e.start))
    when, precision = best.as_date(), best.precision
    if best.precision == "recent" and best.year is None and item.when is not None:
        when, precision = item.when, item.precision
    known = when is not None or precision in ("month_day", "month_only")
    return best, DatedAs(when, precision if known else None, best.text)
