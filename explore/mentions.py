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
from collections.abc import Iterable
from typing import NamedTuple

from explore.chars import is_cjk
from explore.gazetteer import (
    QUOTES,
    listed_names,
    org_aliases,
    org_rules,
    people_rules,
    place_short_name_blocklist,
    places,
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
    found = []
    # Every occurrence, overlapping ones too: _longest_first decides between them.
    for index, first, end in listed.automaton.find_matches_as_indexes(stripped, overlapping=True):
        surface = listed.surfaces[index]
        if removed_at:
            start, stop = _original(first, removed_at), _original(end - 1, removed_at) + 1
            original = text[start:stop]
        else:  # no quotation marks: offsets are the text's own
            start, stop, original = first, end, surface
        for kind, name, org_type, owner in listed.makes[index]:
            if kind != "product" and original != surface:
                continue  # only product names are matched across quotation marks
            found.append(Mention(kind, name, original, start, stop, org_type, owner))
    return found


def _rule_orgs(text: str) -> list[Mention]:
    rules = org_rules()
    aliases = org_aliases()
    found = []
    for match in rules.suffix_re.finditer(text):
        suffix = match.group()
        following = text[match.end() : match.end() + 1]
        if following and following in rules.not_followed_by.get(suffix, ""):
            continue  # 委员, 部长, 大学生: the suffix belongs to another word
        window_start = max(0, match.start() - rules.max_chars)
        window = text[window_start : match.start()]
        cuts = [m.end() for m in rules.boundary.finditer(window)]
        start = window_start + (cuts[-1] if cuts else 0)
        body = text[start : match.start()]
        surface = text[start : match.end()]
        if len(body) < 2 or surface in rules.generic or surface.endswith(rules.boundary_words):
            continue  # too short, says no one, or ends in a verb (主办, 举办)
        short = suffix in rules.short_suffixes
        if short and not surface.startswith(rules.short_suffix_prefixes) and not _starts_with_place(surface):
            continue
        parent = next((aliases[a] for a in _prefixes(surface) if a in aliases), None)
        if parent is not None:  # 中国联通重庆市分公司 is 中国联通's
            found.append(Mention("org", parent.canonical, surface, start, match.end(), org_type=parent.org_type))
        else:
            found.append(Mention("org", surface, surface, start, match.end(), org_type=rules.suffixes[suffix]))
    return found


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
    taken: set[int] = set()
    for mention in sorted(mentions, key=lambda m: (m.kind == "place", -(m.end - m.start), m.start, m.kind != "org")):
        span = range(mention.start, mention.end)
        if taken.isdisjoint(span):
            chosen.append(mention)
            taken.update(span)
        elif mention.kind == "place" and _inside_one(mention, chosen):
            chosen.append(mention)  # 重庆市 in 重庆市人民政府
    return sorted(chosen, key=lambda m: (m.start, m.kind == "place"))


def _inside_one(place: Mention, chosen: list[Mention]) -> bool:
    holders = [m for m in chosen if m.start < place.end and place.start < m.end]
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
    seen: list[str] = []
    out = []
    for mention in mentions:
        if mention.kind == "org" and mention.surface not in listed:
            longer = next((name for name in seen if name != mention.name and name.endswith(mention.name)), None)
            if longer is not None and len(mention.name) >= 4:
                mention = mention._replace(name=longer)
            seen.append(mention.name)
        out.append(mention)
    return out


def find_mentions(text: str) -> list[Mention]:
    """Every organization, product, place and person in ``text``, left to right."""
    mentions = _longest_first([*_listed(text), *_rule_orgs(text), *_people(text)])
    return _fold_short_forms(_resolve_places(text, mentions))
