"""Organizations, products, places and people named in a text.

Listed names (``data/orgs.csv``, ``products.csv``, ``places.csv``) are matched
in one pass with Aho-Corasick; organizations that are not listed are found by
the suffix of their name (``data/org_rules.toml``); people by a title before
their name (``data/people.toml``). Where spans overlap the longest wins, so
``山西省委网信办`` is one provincial office, not the national ``网信办``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

import ahocorasick_rs

from explore.chars import CJK, is_cjk
from explore.dates import find_dates
from explore.gazetteer import (
    QUOTES,
    TwoCharacterPlaceWords,
    common_words,
    listed_names,
    org_alias_prefixes,
    org_aliases,
    org_rules,
    people_rules,
    place_short_name_blocklist,
    places,
    two_character_place_words,
)


class Mention(NamedTuple):
    """A name found in a text, at ``text[start:end] == surface``.

    A named tuple rather than a frozen dataclass: a page yields dozens, a corpus millions.
    """

    kind: str  # org / product / place / person
    name: str  # canonical
    surface: str
    start: int
    end: int
    org_type: str | None = None
    owner: str | None = None  # for a product: the organization running it
    province: str | None = None
    city: str | None = None
    county: str | None = None


_QUOTE_RE = re.compile(f"[{re.escape(QUOTES)}]")


def _strip_quotes(text: str) -> tuple[str, list[int]]:
    """Text without quotation marks, and where each removed mark sat in the stripped text."""
    if not _QUOTE_RE.search(text):
        return text, []
    removed_at = [m.start() - n for n, m in enumerate(_QUOTE_RE.finditer(text))]
    return _QUOTE_RE.sub("", text), removed_at


def _original(index: int, removed_at: list[int]) -> int:
    return index + bisect_right(removed_at, index)


def _listed(text: str) -> list[Mention]:
    stripped, removed_at = _strip_quotes(text)
    listed = listed_names()
    opening_words = org_rules().short_form_not_followed_by
    word_openings = org_rules().name_not_followed_by
    two_character = two_character_place_words()
    found = []
    # Every occurrence, overlapping ones too: _longest_first decides between them.
    for index, first, end in listed.automaton.find_matches_as_indexes(stripped, overlapping=True):
        surface = listed.surfaces[index]
        if (
            len(surface) == 2
            and first > 0
            and end < len(stripped)
            and is_cjk(stripped[first - 1])
            and stripped[end] in opening_words.get(surface[-1], "")
        ):
            continue  # 助农行动: the 行 of 农行 opens 行动
        if end < len(stripped) and stripped[end] in word_openings.get(surface[-1], ""):
            continue  # 中国网络: the 网 of 中国网 opens 网络
        if removed_at:
            start, stop = _original(first, removed_at), _original(end - 1, removed_at) + 1
            original = text[start:stop]
        else:  # no quotation marks: offsets are the text's own
            start, stop, original = first, end, surface
        for kind, name, org_type, owner in listed.makes[index]:
            if kind != "product" and original != surface:
                continue  # only product names are matched across quotation marks
            if kind == "place" and len(surface) == 2 and _inside_other_words(stripped, first, end, two_character):
                continue  # 建成县级, 示范县: no 成县, no 范县
            found.append(Mention(kind, name, original, start, stop, org_type, owner))
    return found


def _inside_other_words(text: str, start: int, end: int, words: TwoCharacterPlaceWords) -> bool:
    """Whether the two-character place name at ``start``–``end`` is parts of other words there."""
    after = words.level_words.get(text[end - 1], "")
    if after and end < len(text) and text[end] in after:
        return True  # 成县 of 建成县级
    return start > 0 and text[start - 1 : start + 1] in words.openings  # 范县 of 示范县


def _rule_orgs(text: str, listed: list[Mention]) -> list[Mention]:
    """Organizations not listed, by the suffix of their name (``data/org_rules.toml``).

    A candidate runs leftward from its suffix to the nearest boundary, but
    never into the organization found just before it; it starts at a listed
    organization it overlaps (工业和信息化部信息通信发展司), or at the first place
    it names when what precedes that place is not a name (结合贵州省农村信用社 →
    贵州省农村信用社). A candidate that ends in a listed name is that name; one
    that ends in a person's title, or whose name part is a short description
    (电商公司, 一家银行), names no one.
    """
    rules = org_rules()
    aliases = org_aliases()
    listed_orgs = _ListedOrgs(sorted((m for m in listed if m.kind == "org"), key=lambda m: m.start))
    found: list[Mention] = []
    last_start = last_end = 0
    for match in rules.suffix_re.finditer(text):
        suffix = match.group()
        following = text[match.end() : match.end() + 1]
        preceding = text[match.start() - 1 : match.start()] if match.start() else ""
        if following and following in rules.not_followed_by.get(suffix, ""):
            continue  # 委员, 部长, 大学生: the suffix belongs to another word
        if preceding and preceding in rules.not_preceded_by.get(suffix, ""):
            continue  # 全部, 干部, 布局: a common word
        window_start = floor = max(0, match.start() - rules.max_chars)
        branch = _branch_of_last(text, last_end, match.start(), suffix, found, rules)
        if window_start < last_end and _begins_name(text, last_end, rules) and not branch:
            window_start = floor = last_end  # a new name right after the last one: 中共某省委办公厅某省人民政府办公厅
        elif window_start < last_end:
            # A unit of the last name (省委网信办, 农业农村部市场与信息化司) reaches back to its start, no further.
            window_start = floor = max(window_start, last_start)
        window = text[window_start : match.start()]
        # Punctuation and function characters always end a name; of the verbs after them, the last that leaves
        # a name before the suffix (指导 in 合作经济指导司 is the name's own word).
        joined = _inside_joined_stems(window, rules)
        hard = max(
            (_cut_after(m, window) for m in rules.hard_boundary.finditer(window) if m.start() not in joined), default=0
        )
        cuts = [
            hard,
            *(
                cut
                for m in rules.boundary.finditer(window)
                if m.start() not in joined and (cut := _cut_after(m, window)) > hard
            ),
        ]
        start = window_start + next((c for c in reversed(cuts) if len(window) - c >= 2), hard)
        start = _extend_into_listed(text, start, match.start(), listed_orgs, floor)
        shared = _shared_place(text, start, text[start : match.start()], suffix, found)
        if shared is not None:  # 涪城区委、区政府: the second is 涪城区政府
            found.append(Mention("org", shared, text[start : match.end()], start, match.end(), rules.suffixes[suffix]))
            last_start, last_end = start, match.end()
            continue
        if match.start() - start < 2:
            continue  # nothing before the suffix: no name
        start = _start_at_place(text, start, match.start(), rules)
        body = text[start : match.start()]
        surface = text[start : match.end()]
        if len(body) < 2 or surface in rules.generic or surface.endswith(rules.boundary_words):
            continue  # too short, says no one, or ends in a verb (主办, 举办)
        if surface.endswith(rules.role_endings) or _listed_with_words_before(surface, rules):
            continue  # a title (县委常委); a listed name after other words (镇引进中国科学院) is the listed one
        if _is_description(body, rules) or _only_a_date(body):
            continue  # 电商公司, 一家银行; 2023年公司 (the company, that year)
        short = suffix in rules.short_suffixes
        unplaced = not surface.startswith(rules.short_suffix_prefixes + rules.name_starts)
        unplaced = unplaced and not _starts_with_place(surface) and not _is_small_place(body, rules)
        if short and unplaced and start not in listed_orgs.starts:
            continue
        parent = next((aliases[a] for a in _prefixes(surface) if a in aliases), None)
        if parent is not None and parent.org_type not in _KEEPS_ITS_UNITS:
            # 中国联通重庆市分公司 is 中国联通's; a ministry's 司 or 办公厅 is named for itself.
            found.append(Mention("org", parent.canonical, surface, start, match.end(), org_type=parent.org_type))
        else:
            name = _without_honorific(surface, aliases) if parent is None else surface
            found.append(Mention("org", name, surface, start, match.end(), org_type=rules.suffixes[suffix]))
        last_start, last_end = start, match.end()
    return found


_HONORIFIC = "国家"


def _without_honorific(surface: str, aliases) -> str:
    """国家农业农村部信息中心 is 农业农村部信息中心: 国家 said before a ministry that is not named with it."""
    if not surface.startswith(_HONORIFIC):
        return surface
    rest = surface[len(_HONORIFIC) :]
    unit_of = next((aliases[a] for a in _prefixes(rest) if a in aliases), None)
    return rest if unit_of is not None and unit_of.org_type in _KEEPS_ITS_UNITS else surface


# Parents whose units are named for themselves (农业农村部市场与信息化司, 财政部办公厅), not folded into the parent.
_KEEPS_ITS_UNITS = frozenset({"government", "party"})


class _ListedOrgs:
    """The listed organizations of a text by start, to find the few near a place without scanning them all."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.start_offsets = [m.start for m in mentions]
        self.starts = frozenset(self.start_offsets)
        self.longest = max((m.end - m.start for m in mentions), default=0)

    def near(self, start: int) -> list[Mention]:
        """Those that start before ``start`` and may reach it or end a bridge before it, in text order."""
        first = bisect_right(self.start_offsets, start - self.longest - _BRIDGE_CHARS - 1)
        last = bisect_right(self.start_offsets, start - 1)
        return self.mentions[first:last]


def _inside_joined_stems(window: str, rules) -> set[int]:
    """Offsets in ``window`` inside a department's name that holds a function character (the 和 of 工业和信息化,
    the 据 of 数据)."""
    if rules.joined_stems is None:
        return set()
    return {i for m in rules.joined_stems.finditer(window) for i in range(m.start(), m.end())}


def _cut_after(boundary: re.Match[str], window: str) -> int:
    """Where a name may start after a boundary: right after it, or at it when a function character opens a
    place's name right after another boundary (由和田供销…公司: 和田, not 田供销…) or another place's name."""
    at = boundary.start()
    table = places()
    opens_place = is_cjk(window[at]) and any(window[at : at + n] in table for n in (2, 3))
    if opens_place and (at == 0 or not is_cjk(window[at - 1]) or window[at - 1] in org_rules().boundary_chars):
        return at
    if opens_place and any(window[k:at] in table for k in range(max(0, at - 8), at - 1)):
        return at  # 黔东南州从江县…: the 从 of a place's name after another place
    return boundary.end()


def _extend_into_listed(text: str, start: int, suffix_start: int, listed: _ListedOrgs, floor: int) -> int:
    """Where a candidate starts when a listed organization is cut by its boundary, stands right before it,
    or ends a few characters before a 与/和 inside the name (农业农村部市场与信息化司)."""
    for mention in listed.near(start):
        if mention.start < floor or mention.end > suffix_start:
            continue
        if mention.start < start <= mention.end:
            return mention.start
        bridge = text[mention.end : start]
        within_a_name = 2 <= len(bridge) <= _BRIDGE_CHARS and bridge[-1] in "与和" and all(is_cjk(c) for c in bridge)
        within_a_name = within_a_name and not any(c in org_rules().boundary_chars for c in bridge[:-1])  # 还与
        # 联通某区分公司与区政府: a whole name stands before that 与, so it joins two names
        if within_a_name and not org_rules().suffix_re.search(bridge):
            return mention.start
    return start


# How far a listed name may stand before a 与/和 that is part of its unit's name.
_BRIDGE_CHARS = 6


def _start_at_place(text: str, start: int, suffix_start: int, rules) -> int:
    """The first place (or 中国/全国) inside a candidate whose opening is not a name: the name starts there."""
    body = text[start:suffix_start]
    if body.startswith(rules.name_starts) or _starts_with_place(body):
        return start
    openings = sorted({at for _, at, _ in _name_openings().find_matches_as_indexes(body, overlapping=True)})
    openings = [k for k in openings if 1 <= k < len(body) - 1]
    if openings:
        inside_words = {i for m in rules.boundary.finditer(body) for i in range(m.start() + 1, m.end())}
        for k in openings:
            if k not in inside_words:  # 响应县委: 应县 begins inside the verb
                return start + k
    return start


@lru_cache(maxsize=1)
def _name_openings() -> ahocorasick_rs.AhoCorasick:
    """What may open a name inside a candidate: a sure place of two to five characters, or 中国/全国/…."""
    words = {p for p in _sure_places() if 2 <= len(p) <= 5} | set(org_rules().name_starts)
    return ahocorasick_rs.AhoCorasick(sorted(words))


def _is_small_place(body: str, rules) -> bool:
    """A town or village too small for the gazetteer, named in two or three characters (龙潭镇, 阿尔木乡),
    not a kind of place (贫困村, 示范镇)."""
    ending = next((e for e in rules.small_place_endings if body.endswith(e)), None)
    if ending is None:
        return False
    name = body[: -len(ending)]
    return 2 <= len(name) <= 3 and all(is_cjk(c) for c in name) and name not in rules.small_place_kinds


def _only_a_date(body: str) -> bool:
    """The name part is nothing but a date (2023年, 3月, 2023年3月): a time, not a name."""
    return any(e.start == 0 and e.end == len(body) for e in find_dates(body))


def _listed_with_words_before(surface: str, rules) -> bool:
    """A listed name at the end of a candidate, after words that are no place (山西省委网信办 is a place's office)."""
    aliases = org_aliases()
    for size in range(len(surface) - 1, 2, -1):
        if surface[-size:] in aliases or surface[-size:] in rules.generic:  # 国有大型商业银行: a kind, described
            before = surface[:-size]
            placed = _starts_with_place(before) or _names_a_place(before)  # 湖南农业大学: 湖南 is all before it
            return not (before.startswith(rules.name_starts) or placed or before in aliases)
    return False


def _shared_place(text: str, start: int, body: str, suffix: str, found: list[Mention]) -> str | None:
    """The full name of 区政府 in 涪城区委、区政府: a bare level (区, 县, 市, 省) after a name of that place."""
    if body not in ("省", "市", "县", "区") or start < 1 or text[start - 1] != "、" or not found:
        return None
    previous = found[-1]
    at = previous.surface.rfind(body)
    if previous.end != start - 1 or at < 2:
        return None
    return previous.surface[: at + 1] + suffix


# A company's or bank's unit in a place: 中国电信股份有限公司云南分公司, 中国移动通信集团四川有限公司.
_HAS_BRANCHES = frozenset({"company", "bank"})


def _branch_of_last(text: str, last_end: int, suffix_start: int, suffix: str, found: list[Mention], rules) -> bool:
    """Whether the name ending at ``suffix_start`` is the branch of the company found just before it: only a
    place's name lies between that company's full name and a company's or bank's suffix."""
    if not found or found[-1].end != last_end or found[-1].org_type not in _HAS_BRANCHES:
        return False
    between = text[last_end:suffix_start]
    return rules.suffixes[suffix] in _HAS_BRANCHES and 2 <= len(between) <= 8 and _names_a_place(between)


def _begins_name(text: str, at: int, rules) -> bool:
    """Whether a new name begins at ``at``: a place or 中国/全国, not a unit of the name before (省委网信办)."""
    rest = text[at : at + 8]
    if rest.startswith(rules.name_starts):
        return True
    table = places()  # a county's two-character short name is often a word (资源学院 is a unit's name)
    return any(rest[:n] in table and (n > 2 or _names_a_place(rest[:n])) for n in range(2, min(len(rest), 9)))


@lru_cache(maxsize=1)
def _sure_places() -> frozenset[str]:
    """Places no common word could be: written with their level (张掖市, 郯城县), and provinces' short names (湖北)."""
    return frozenset(
        name
        for name, found in places().items()
        if (name[-1] in "省市县区州旗盟" and any(p.name == name for p in found))
        or any(p.level == "province" for p in found)
    )


def _is_sure_place(name: str) -> bool:
    return name in _sure_places()


def _names_a_place(name: str) -> bool:
    """A place named whole: in full (沁县), or a province's or city's short name (湖南, 东莞) — not a county's,
    which is often a common word too (资源, 应县)."""
    return _is_sure_place(name) or any(p.level != "county" for p in places().get(name, ()))


def _is_description(body: str, rules) -> bool:
    """A name part that describes (电商, 一家互联网, 全国10强县电商) rather than names."""
    if body.startswith(rules.generic_openings) or (rules.ranking is not None and rules.ranking.search(body)):
        return True
    if len(body) > rules.generic_body_max:
        return False
    named = (
        body.startswith(rules.name_starts)
        or any(body.startswith(p) and len(body) - len(p) >= 2 for p in rules.short_suffix_prefixes)
        or any(body.endswith(e) and len(body) - len(e) >= 2 for e in rules.place_endings)
        or _starts_with_place(body)
        or _names_a_place(body)  # 沁县, and a city's short name: 东莞证券
        or body in org_alias_prefixes()
        or re.search(r"[A-Za-z0-9]", body)
    )
    if named:
        return False
    aliases = org_aliases()
    return not any(body[i:j] in aliases for i in range(len(body)) for j in range(i + 2, len(body) + 1))


def _prefixes(surface: str) -> Iterable[str]:
    return (surface[:n] for n in range(len(surface) - 1, 1, -1))


def _starts_with_place(surface: str) -> bool:
    table = places()
    return any(surface[:n] in table for n in range(2, min(len(surface), 9)))


def _people(text: str) -> list[Mention]:
    rules = people_rules()
    found = []
    names = set()
    for match in rules.title_before_name.finditer(text):
        at = match.end()
        for size in (2, 3):
            after = text[at + size : at + size + 1]
            name = text[at : at + size]
            if len(name) == size and all(is_cjk(c) for c in name) and (after in rules.follow or not after):
                names.add(name)
                break
    for name in names:
        for match in re.finditer(re.escape(name), text):
            found.append(Mention("person", name, name, match.start(), match.end()))
    return found


def _longest_first(mentions: Iterable[Mention]) -> list[Mention]:
    """Overlapping names: the longest wins; a place inside an organization's name is kept too."""
    chosen: list[Mention] = []
    covering: dict[int, list[int]] = {}  # character → the chosen mentions over it, by their index in ``chosen``
    for mention in sorted(mentions, key=lambda m: (m.kind == "place", -(m.end - m.start), m.start, m.kind != "org")):
        span = range(mention.start, mention.end)
        if all(i not in covering for i in span):
            keep = True
        else:  # 重庆市 in 重庆市人民政府
            keep = mention.kind == "place" and _inside_one(mention, [chosen[n] for n in _over(covering, span)])
        if keep:
            for i in span:
                covering.setdefault(i, []).append(len(chosen))
            chosen.append(mention)
    return sorted(chosen, key=lambda m: (m.start, m.kind == "place"))


def _over(covering: dict[int, list[int]], span: range) -> list[int]:
    """The chosen mentions over any character of ``span``, in the order they were chosen."""
    return sorted({n for i in span for n in covering.get(i, ())})


def _inside_one(place: Mention, holders: list[Mention]) -> bool:
    """``holders`` (the chosen names ``place`` overlaps) are one organization that holds all of it."""
    return (
        len(holders) == 1
        and holders[0].kind == "org"
        and holders[0].start <= place.start
        and place.end <= holders[0].end
    )


def _resolve_places(text: str, mentions: list[Mention]) -> list[Mention]:
    """Give each place its province/city/county, using the places named before it."""
    table = places()
    blocked = place_short_name_blocklist()
    seen_provinces: list[str] = []
    seen_cities: list[str] = []
    known_counties: set[str] = set()
    out = []
    previous_end = -10
    previous: Mention | None = None
    for mention in mentions:
        if mention.kind != "place":
            out.append(mention)
            continue
        candidates = table[mention.surface]
        full = any(p.name == mention.surface for p in candidates)
        context = seen_provinces[-1:] + seen_cities[-1:]
        adjacent = previous if previous is not None and mention.start - previous_end <= 1 else None
        place = _pick(candidates, context, adjacent_to=adjacent)
        if place is None:
            continue
        inside_adjacent = adjacent is not None and adjacent.name in (place.province, place.city)
        if not full:
            if mention.surface in blocked:
                continue
            if place.level == "county" and not (inside_adjacent or place.name in known_counties):
                continue
        if place.level == "province":
            seen_provinces.append(place.name)
        elif place.level == "city":
            seen_cities.append(place.name)
        else:
            known_counties.add(place.name)
        resolved = Mention(
            "place",
            place.name,
            mention.surface,
            mention.start,
            mention.end,
            province=place.province or (place.name if place.level == "province" else None),
            city=place.city or (place.name if place.level == "city" else None),
            county=place.name if place.level == "county" else None,
        )
        out.append(resolved)
        previous, previous_end = resolved, mention.end
    return out


def _pick(candidates, context: list[str], adjacent_to: Mention | None):
    if adjacent_to is not None:
        inside = [p for p in candidates if adjacent_to.name in (p.province, p.city)]
        if inside:
            return inside[0]
    in_context = [p for p in candidates if p.province in context or p.city in context]
    if len(in_context) == 1:
        return in_context[0]
    levels = {p.level for p in candidates}
    for level in ("province", "city"):
        if level in levels:
            chosen = [p for p in candidates if p.level == level]
            if len(chosen) == 1:
                return chosen[0]
    return candidates[0] if len(candidates) == 1 else None


def _fold_short_forms(mentions: list[Mention]) -> list[Mention]:
    """A rule-found name that ends an earlier one is that one (辣椒产业园 after 高安市上湖乡辣椒产业园)."""
    listed = set(org_aliases())
    ending_in: dict[str, str] = {}  # an ending of four or more characters → the first name seen that ends in it
    out = []
    for mention in mentions:
        if mention.kind == "org" and mention.surface not in listed:
            longer = ending_in.get(mention.name)
            if longer is not None and len(mention.name) >= 4:
                mention = mention._replace(name=longer)
            name = mention.name
            for k in range(1, len(name) - 3):
                ending_in.setdefault(name[k:], name)
        out.append(mention)
    return out


def _regional_brands(text: str) -> list[Mention]:
    """A place's name before a telecom brand is that company's branch: 广东移动 is 中国移动's."""
    brands = org_rules().regional_brands
    if not brands:
        return []
    aliases = org_aliases()
    found = []
    for match in re.finditer("|".join(map(re.escape, brands)), text):
        before = text[max(0, match.start() - 4) : match.start()]
        place = next((before[-n:] for n in range(4, 1, -1) if before[-n:] in places()), None)
        if place is None:
            continue
        parent = aliases.get(brands[match.group()])
        org_type = parent.org_type if parent else "company"
        surface = place + match.group()
        found.append(Mention("org", brands[match.group()], surface, match.start() - len(place), match.end(), org_type))
    return found


_NOT_IN_A_COMPANY_NAME = re.compile(f"[^{CJK}A-Za-z*]")
_POINTING = "本该我其此这"


def _only_a_kind(name: str, rules) -> bool:
    """该公司, 本集团, 一家企业: a name that says what kind of body, or points back at one."""
    return name.startswith(rules.generic_openings) or name.lstrip(_POINTING) in rules.suffixes or name in rules.generic


def _coded_companies(text: str, listed: list[Mention]) -> list[Mention]:
    """A name right before a stock code is a listed company's (丰乐种业（000713）, 美团-W（03690.HK）:
    ``[stock_code]`` in ``data/org_rules.toml``): the name runs back from the bracket to the nearest break or
    boundary word; a listed name there is that organization."""
    rules = org_rules()
    if rules.stock_code is None or not any(c in text for c in "(（"):
        return []
    listed_ends = {m.end for m in listed if m.kind == "org"}
    found = []
    for code in rules.stock_code.finditer(text):
        end = code.start()
        window = text[max(0, end - rules.stock_name_chars[1] - 4) : end]
        if rules.stock_class_mark is not None and (mark := rules.stock_class_mark.search(window)):
            end -= len(window) - mark.start()
        if end not in listed_ends and (named := _name_before(text, end, rules.stock_name_chars)) is not None:
            found.append(named)
    return found


def _titled_orgs(text: str, mentions: list[Mention]) -> list[Mention]:
    """A name right before a person's title that only an organization gives (某某农庄总经理, 某某科技创始人:
    ``[titled]`` in ``data/org_rules.toml``) is that organization, when nothing found names it already."""
    rules = org_rules()
    titles = list(rules.org_titles.finditer(text)) if rules.org_titles is not None else []
    if not titles:
        return []  # most texts: no set of what is named is made
    taken = {i for m in mentions if m.kind in ("org", "product", "person") for i in range(m.start, m.end)}
    found = []
    for title in titles:
        end = title.start()
        if end == 0 or end - 1 in taken:
            continue
        named = _name_before(text, end, rules.titled_name_chars)
        if named is None or _is_a_term(named.surface) or _names_a_place(named.surface):
            continue
        if named.surface.endswith(rules.coordinated_not_ending) or not taken.isdisjoint(range(named.start, end)):
            continue  # 电商企业创始人: a kind of body; or part of a name found already
        found.append(named)
    return found


def _name_before(text: str, end: int, chars: tuple[int, int]) -> Mention | None:
    """The organization named by the words right before ``end``: back to the nearest break, a boundary word, or a
    function character (one a name may open with, opening them, is the name's own: 和邦生物; 而科创园 is not);
    ``chars`` long at least and at most, not a kind of body (该公司); a listed name is that one."""
    rules = org_rules()
    low, high = chars
    window = text[max(0, end - high - 4) : end]
    breaks = list(_NOT_IN_A_COMPANY_NAME.finditer(window))
    run = window[breaks[-1].end() :] if breaks else window
    cuts = [
        b.end()
        for b in rules.boundary.finditer(run)
        if b.start() > 0 or len(b.group()) > 1 or b.group() not in rules.names_may_open_with
    ]
    name = run[max(cuts, default=0) :]
    if not low <= len(name) <= high or _only_a_kind(name, rules):
        return None
    start = end - len(name)
    parent = org_aliases().get(name)
    if parent is not None:
        return Mention("org", parent.canonical, name, start, end, org_type=parent.org_type)
    return Mention("org", name, name, start, end, org_type="bank" if name.endswith("银行") else "company")


_DATELINE = re.compile(
    rf"(?:^|\n)[【(（]?(?P<name>[A-Za-z][A-Za-z0-9]{{1,10}}|[{CJK}A-Za-z0-9]{{2,10}}?(?:网|社|报|台|客户端|之家))"
    rf"(?:/[^\s，。]{{2,12}})?(?:[{CJK}]{{0,6}}?(?:\d{{1,2}}月)?\d{{1,2}}日)?\s*(?:电|讯|消息)"
)


def _dateline_publishers(text: str) -> list[Mention]:
    """The publisher a dateline names (新华社北京10月2日电, C114讯, 中国江西网讯), and a medium whose reporter
    the text names (告诉上游新闻记者): media organizations (a listed one by its canonical name)."""
    aliases, rules = org_aliases(), org_rules()
    found = []
    for pattern in filter(None, (_DATELINE, rules.reporting_medium)):
        for m in pattern.finditer(text):
            name = m.group("name")
            listed = aliases.get(name)
            if not listed and name.endswith("网") and len(name) < rules.min_site_chars:
                continue  # 互联网, 物联网: a word, not a site
            canonical, org_type = (listed.canonical, listed.org_type) if listed else (name, "media")
            found.append(Mention("org", canonical, name, m.start("name"), m.end("name"), org_type=org_type))
    return found


class _LevelPlaces:
    """The places of one level a text names (``level_char`` 县: counties named …县), by where they end."""

    def __init__(self, places_named: list[Mention], level_char: str, level: str) -> None:
        named = [(p.end, name) for p in places_named if (name := self._of_level(p, level_char, level))]
        self.ends = [end for end, _ in named]
        self.names = [name for _, name in named]
        self.only = self.names[0] if len(set(self.names)) == 1 else None

    @staticmethod
    def _of_level(place: Mention, level_char: str, level: str) -> str | None:
        if level == "province":
            return place.province
        if level == "city":
            return place.city
        if not place.county or not place.county.endswith(level_char):
            return None
        # 江华县委 as the text writes the county (江华县), not 江华瑶族自治县委
        return place.surface if place.surface.endswith(level_char) and place.county != place.surface else place.county

    def at(self, offset: int) -> str | None:
        """The nearest named before ``offset``, else the only one the text names."""
        before = bisect_right(self.ends, offset)
        return self.names[before - 1] if before else self.only


def _inside_a_word(text: str, at: int, rules) -> bool:
    """Whether ``at`` falls inside a boundary word (the 应 of 响应)."""
    return any(m.start() < at < m.end() for m in rules.boundary.finditer(text, max(0, at - 4), at + 4))


def _bare_level_bodies(text: str, mentions: list[Mention]) -> list[Mention]:
    """县委、县政府 and 市乡村振兴局 named by their level alone: the bodies of the place of that level the text
    names (``[bare_level]`` in ``data/org_rules.toml``); a listed unit after the level (市网信办) is that place's."""
    rules = org_rules()
    if not rules.bare_levels or not any(c in text for c in rules.bare_levels):
        return mentions
    places_named = [m for m in mentions if m.kind == "place" and not _inside_a_word(text, m.start, rules)]
    orgs_at = {m.start: m for m in mentions if m.kind == "org"}
    if not places_named:
        # 县委网信办 with no county named is some county's office: not the national one its last words list
        orphans = {
            unit.start
            for at, _ in _levels_named(text, rules)
            if (unit := _unit_after_level(text, at, orgs_at)) is not None and unit.org_type == "government"
        }
        return [m for m in mentions if not (m.kind == "org" and m.start in orphans)] if orphans else mentions
    in_a_place = {i for p in places_named for i in range(p.start + 1, p.end)}  # 来凤县委 is the rule finder's
    in_an_org = {i for m in mentions if m.kind == "org" for i in range(m.start, m.end)}
    by_level: dict[str, _LevelPlaces] = {}
    added: list[Mention] = []
    absorbed: set[int] = set()
    for at, level_char in _levels_named(text, rules):
        if at in in_a_place:
            continue
        # 市工业和信息化局 as the rule finder found it: a body named from its level, the level its first character
        own = orgs_at.get(at)
        named_from_level = own is not None and own.name == own.surface and own.surface[1:2] not in rules.bare_levels
        if at in in_an_org and not named_from_level:
            continue
        unit = own if named_from_level else _unit_after_level(text, at, orgs_at)
        if named_from_level:
            end, rest = own.end, own.surface[1:]
        elif unit is not None:
            end, rest = unit.end, text[at + 1 : unit.end]  # 网信办 of 市网信办, 委网信办 of 县委网信办
        else:
            rest = next((b for b in rules.bare_bodies if text.startswith(b, at + 1)), None)
            if rest is None or text[at + 1 + len(rest) : at + 2 + len(rest)] in rules.not_followed_by.get("委", ""):
                continue
            end = at + 1 + len(rest)
        if level_char not in by_level:
            by_level[level_char] = _LevelPlaces(places_named, level_char, rules.bare_levels[level_char])
        place = by_level[level_char].at(at)
        if place is None:
            continue
        org_type = unit.org_type if unit is not None else rules.suffixes.get(rest, rules.suffixes.get(rest[-1:]))
        prefix = rules.bare_prefixes.get(text[at - 1]) if at and unit is None else None
        start = at - 1 if prefix else at
        added.append(Mention("org", (prefix or "") + place + rest, text[start:end], start, end, org_type))
        if unit is not None:
            absorbed.add(unit.start)
    if not added:
        return mentions
    in_added = {i for m in added for i in range(m.start, m.end)}
    kept = [
        m
        for m in mentions
        if not (m.kind == "org" and m.start in absorbed)
        and not (m.kind == "place" and any(i in in_added for i in range(m.start, m.end)))  # 应县 in 响应县委
    ]
    return sorted([*kept, *added], key=lambda m: (m.start, m.kind == "place"))


def _levels_named(text: str, rules) -> Iterator[tuple[int, str]]:
    """Where a level character (省, 市, 县, 区) may open a body named by its level alone, and which: not after a
    character that makes it plural or unnamed (市县政府, 各级, 全县, 本市)."""
    for match in re.finditer(f"[{''.join(rules.bare_levels)}]", text):
        at = match.start()
        if not (at and text[at - 1] in rules.bare_not_after):
            yield at, match.group()


def _unit_after_level(text: str, at: int, orgs_at: dict[int, Mention]) -> Mention | None:
    """The listed organization right after the level at ``at`` (市网信办), or after its 委 when it is a government
    body's (县委网信办: the county party committee's office)."""
    unit = orgs_at.get(at + 1)
    if unit is None and text[at + 1 : at + 2] == "委":
        unit = orgs_at.get(at + 2)
        if unit is not None and unit.org_type != "government":
            return None
    return unit


_LIST_RUN = re.compile(rf"(?:[{CJK}A-Za-z]{{1,12}}、)+[{CJK}A-Za-z]{{1,12}}")
_LIST_OPENS_AFTER = "，。；：！？,;:!?（(【[「“\n"


def _list_members(
    text: str, run: re.Match[str], rules, org_ends: dict[int, int], org_starts: dict[int, int]
) -> list[tuple[int, int]]:
    """The spans of a 、-list's members that stand whole: those between two 、; the first when punctuation or
    the line's start precedes it; the last as far as an organization starting there reaches (东方集团涨停), else
    up to the first function character (中粮科技、华英农业等股价: 华英农业)."""
    spans, at = [], run.start()
    for part in run.group().split("、"):
        spans.append((at, at + len(part)))
        at += len(part) + 1
    first_start, first_end = spans[0]
    whole_first = first_start == 0 or text[first_start - 1] in _LIST_OPENS_AFTER
    whole_first = whole_first and text[first_start] not in rules.boundary_chars  # ，在数字农业、…: a phrase
    named_first = org_starts.get(first_end)
    if named_first is not None and named_first >= first_start:
        first_start, whole_first = named_first, True  # 建议关注大北农、…: the organization ending the first part
    last_start, last_end = spans[-1]
    named_last = org_ends.get(last_start)
    cut = named_last or next((k for k in range(last_start + 1, last_end) if text[k] in rules.boundary_chars), None)
    members = spans[1:-1]
    if whole_first:
        members.insert(0, (first_start, first_end))
    if cut is not None and cut <= last_end:
        members.append((last_start, cut))
    return members


def _is_a_term(name: str) -> bool:
    """A common word, or two common words of two characters (乡村 + 振兴): a term, not a name (a company's short
    name opens with a name of its own: 隆平高科, 中粮科技)."""
    words = common_words()
    return name in words or (len(name) == 4 and name[:2] in words and name[2:] in words)


def _coordinated_orgs(text: str, mentions: list[Mention]) -> list[Mention]:
    """Names listed beside an organization are organizations too (朗源股份、东方集团、中粮科技等: ``[coordinated]``
    in ``data/org_rules.toml``); a list with no organization in it names none."""
    rules = org_rules()
    low, high = rules.coordinated_chars
    if not high or "、" not in text:
        return mentions
    orgs_by_span = {(m.start, m.end): m for m in mentions if m.kind == "org"}
    if not orgs_by_span:
        return mentions
    named = {i for m in mentions for i in range(m.start, m.end)}
    org_ends = {start: end for start, end in orgs_by_span}
    org_starts = {end: start for start, end in sorted(orgs_by_span, reverse=True)}  # the longest ending there
    added: list[Mention] = []
    for run in _LIST_RUN.finditer(text):
        members = _list_members(text, run, rules, org_ends, org_starts)
        known = [orgs_by_span[span] for span in members if span in orgs_by_span]
        if not known:
            continue
        for start, end in members:
            name = text[start:end]
            if (start, end) in orgs_by_span or not low <= len(name) <= high:
                continue
            if any(i in named for i in range(start, end)) or name.endswith(rules.coordinated_not_ending):
                continue
            if _is_a_term(name):
                continue  # 乡村振兴, 智慧农业: common words, listed beside a company as topics are
            added.append(Mention("org", name, name, start, end, known[0].org_type))
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda m: (m.start, m.kind == "place"))


def find_mentions(text: str) -> list[Mention]:
    """Every organization, product, place and person in ``text``, left to right."""
    listed = _listed(text)
    found = [
        *listed,
        *_rule_orgs(text, listed),
        *_coded_companies(text, listed),
        *_people(text),
        *_regional_brands(text),
        *_dateline_publishers(text),
    ]
    found += _titled_orgs(text, found)
    mentions = _without_salutations(text, _longest_first(found))
    return _fold_short_forms(_coordinated_orgs(text, _bare_level_bodies(text, _resolve_places(text, mentions))))


def _without_salutations(text: str, mentions: list[Mention]) -> list[Mention]:
    """No organization on a notice's salutation (各市（州）农业农村局、网信办：): it names kinds of bodies."""
    salutation = org_rules().salutation
    if salutation is None or "各" not in text:
        return mentions
    spans = [match.span() for match in salutation.finditer(text)]
    if not spans:
        return mentions
    return [m for m in mentions if m.kind != "org" or not any(start <= m.start < end for start, end in spans)]
