"""The one loader of the vocabulary: every file of ``explore/data``, read once into immutable lookups.

Organizations, products and programs, places, units, themes, event kinds,
person titles, page furniture and stop words live in data files documented
in their own headers; this module reads each into a frozen dataclass (or a
mapping of them) that the rules use as it is.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

import ahocorasick_rs

from explore.chars import CJK
from explore.resources import read_data_text

# The files extraction reads: a build made with other versions of them is rebuilt.
DATA_FILES = (
    "boilerplate.toml",
    "orgs.csv",
    "org_dictionary.csv",
    "org_rules.toml",
    "products.csv",
    "places.csv",
    "people.toml",
    "units.toml",
    "themes.toml",
    "events.toml",
    "place_rules.toml",
    "measures.toml",
    "columns.toml",
    "copies.toml",
)
# Quotation marks a product name may be written with (“邮乐购”): matched without them.
QUOTES = "“”「」\"'‘’"


@dataclass(frozen=True)
class Org:
    canonical: str
    org_type: str


@dataclass(frozen=True)
class Product:
    name: str
    owner: str
    kind: str


@dataclass(frozen=True)
class Place:
    name: str
    level: str  # province / city / county
    province: str | None
    city: str | None


def _csv_rows(name: str) -> list[dict[str, str]]:
    lines = [line for line in read_data_text(name).splitlines() if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


@cache
def read_toml(name: str) -> dict:
    """A TOML data file, parsed once; callers treat it as read-only."""
    return tomllib.loads(read_data_text(name))


def _aliases(row: dict[str, str]) -> list[str]:
    return [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]


@lru_cache(maxsize=1)
def org_alias_prefixes() -> frozenset[str]:
    """The first two to four characters of every listed name (阿里 of 阿里巴巴): a brand before a suffix."""
    return frozenset(a[:n] for a in org_aliases() for n in range(2, min(len(a), 4) + 1) if n < len(a))


@lru_cache(maxsize=1)
def org_aliases() -> dict[str, Org]:
    """Every surface form of a listed organization → the organization.

    ``orgs.csv`` (canonical names and their aliases) first, then the names of
    ``org_dictionary.csv`` (from jieba's dictionary) that it does not list.
    """
    table: dict[str, Org] = {}
    for row in _csv_rows("orgs.csv"):
        org = Org(row["canonical"], row["org_type"])
        for surface in [org.canonical, *_aliases(row)]:
            table[surface] = org
    generic = org_rules().generic  # the dictionary's words that name no one (党组织)
    for row in _csv_rows("org_dictionary.csv"):
        if row["name"] not in generic:
            table.setdefault(row["name"], Org(row["name"], row["org_type"]))
    return table


@lru_cache(maxsize=1)
def product_aliases() -> dict[str, Product]:
    table: dict[str, Product] = {}
    for row in _csv_rows("products.csv"):
        product = Product(row["name"], row["owner"], row["kind"])
        for surface in [product.name, *_aliases(row)]:
            table[surface] = product
    return table


@lru_cache(maxsize=1)
def places() -> dict[str, tuple[Place, ...]]:
    """Full names (巫溪县) and short names (巫溪) → the places they may mean."""
    table: dict[str, list[Place]] = {}
    for row in _csv_rows("places.csv"):
        place = Place(row["name"], row["level"], row["province"] or None, row["city"] or None)
        short = short_place_name(place.name)
        surfaces = {place.name, short}
        if short != place.name and place.name.endswith(("自治县", "自治州")):
            surfaces.add(short + place.name[-1])  # 江华瑶族自治县 is written 江华县, 大理白族自治州 大理州
        for surface in surfaces:
            if len(surface) >= 2:
                table.setdefault(surface, []).append(place)
    return {name: tuple(found) for name, found in table.items()}


@lru_cache(maxsize=1)
def _place_suffix() -> re.Pattern[str]:
    peoples = "|".join(sorted(read_toml("place_rules.toml").get("peoples", ()), key=len, reverse=True))
    return re.compile(
        r"(?:维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|"
        rf"(?:(?:{peoples})族)+自治州|(?:(?:{peoples})族)+自治县|自治州|自治县|地区|省|市|县|区|盟|旗)$"
    )


def short_place_name(name: str) -> str:
    """巫溪县 → 巫溪, 大理白族自治州 → 大理, 江华瑶族自治县 → 江华, 内蒙古自治区 → 内蒙古; keeps 2+ characters."""
    short = _place_suffix().sub("", name)
    return short if len(short) >= 2 else name


@lru_cache(maxsize=1)
def data_hash() -> str:
    """A hash of every vocabulary file: it changes when any of them does."""
    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update(read_data_text(name).encode("utf-8"))
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class BoilerplateKind:
    """One kind of page furniture from ``data/boilerplate.toml``."""

    name: str
    reason: str
    max_chars: int
    anchored: re.Pattern[str] | None  # the line patterns that start at the line's start (^…): matched there only
    floating: re.Pattern[str] | None  # the others, searched in the line's first (or last) sentence
    inline: tuple[re.Pattern[str], ...]
    at_end: bool = False  # the line's last sentence holds the evidence (a caption's photo credit), not its first
    sentences: bool = True  # False: a line that reads as a sentence of prose is never this kind


def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


@lru_cache(maxsize=1)
def boilerplate_kinds() -> tuple[BoilerplateKind, ...]:
    kinds = []
    for name, spec in read_toml("boilerplate.toml").items():
        patterns = spec.get("line", [])
        kinds.append(
            BoilerplateKind(
                name=name,
                reason=spec["reason"],
                max_chars=int(spec["max_chars"]),
                # One alternation per kind and position: anchored ones are tried at the start only.
                anchored=_alternation([p for p in patterns if p.startswith("^")]),
                floating=_alternation([p for p in patterns if not p.startswith("^")]),
                inline=tuple(re.compile(p) for p in spec.get("inline", ())),
                at_end=spec.get("at") == "end",
                sentences=bool(spec.get("sentences", True)),
            )
        )
    return tuple(kinds)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Common words of two to six characters that name no one (``data/common_words.txt``, from jieba)."""
    lines = read_data_text("common_words.txt").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    lines = read_data_text("stopwords.txt").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@dataclass(frozen=True)
class ListedNames:
    """Every listed surface (orgs, products without quotation marks, places) in one Aho-Corasick automaton.

    ``makes[i]`` are the mentions ``surfaces[i]`` makes: (kind, canonical name, org_type, owner).
    """

    automaton: ahocorasick_rs.AhoCorasick
    surfaces: tuple[str, ...]
    makes: tuple[tuple[tuple[str, str, str | None, str | None], ...], ...]


@lru_cache(maxsize=1)
def listed_names() -> ListedNames:
    entries: dict[str, list] = {}
    without_quotes = str.maketrans(dict.fromkeys(QUOTES))
    for surface, org in org_aliases().items():
        entries.setdefault(surface, []).append(("org", org.canonical, org.org_type, None))
    for surface, product in product_aliases().items():
        entries.setdefault(surface.translate(without_quotes), []).append(("product", product.name, None, product.owner))
    for surface in places():
        entries.setdefault(surface, []).append(("place", surface, None, None))
    surfaces = tuple(entries)
    return ListedNames(ahocorasick_rs.AhoCorasick(list(surfaces)), surfaces, tuple(tuple(entries[s]) for s in surfaces))


def names_changed_by(convert: Callable[[str], str]) -> tuple[tuple[str, str], ...]:
    """Every listed name (places, organizations, products) that ``convert`` changes though it is already in
    Simplified script, as (what it becomes, the name), longest first: OpenCC's t2s turns 乾安 into 干安."""
    changed = {convert(surface): surface for surface in listed_names().surfaces}
    return tuple(sorted(((c, n) for c, n in changed.items() if c != n), key=lambda pair: -len(pair[0])))


@dataclass(frozen=True)
class OrgRules:
    """How an organization not listed is recognised by its name's suffix (``data/org_rules.toml``)."""

    suffix_re: re.Pattern[str]
    suffixes: dict[str, str]  # suffix → org_type, longest first
    short_suffixes: frozenset[str]  # need a place or a listed prefix before them
    short_suffix_prefixes: tuple[str, ...]
    boundary: re.Pattern[str]  # where a name cannot reach back past
    hard_boundary: re.Pattern[str]  # punctuation and function characters: never inside a name
    boundary_chars: str  # the function characters among them (与, 和, 由)
    joined_stems: re.Pattern[str] | None  # department names holding a function character (工业和信息化)
    boundary_words: tuple[str, ...]
    not_followed_by: dict[str, str]
    not_preceded_by: dict[str, str]
    # A listed two-character short form whose last character opens another word here: 助农行动 holds 农行
    short_form_not_followed_by: dict[str, str]
    name_not_followed_by: dict[str, str]  # 中国网 in 中国网络: a listed name's last character opens another word
    generic: frozenset[str]
    max_chars: int
    role_endings: tuple[str, ...]  # 常委: a person's title
    name_starts: tuple[str, ...]  # 中国, 全国: start a name as a place does
    place_endings: tuple[str, ...]  # 镇, 村: end a place too small for the gazetteer
    generic_body_max: int
    generic_openings: tuple[str, ...]  # 一家, 多家: a description, not a name
    ranking: re.Pattern[str] | None  # 10强县, 十佳: a ranking inside a name part makes it a description
    small_place_endings: tuple[str, ...]  # 镇, 村: a small place's name may hold a short-suffix body (龙潭镇党委)
    small_place_kinds: frozenset[str]  # 贫困 in 贫困村: a kind of village, not its name
    regional_brands: dict[str, str]  # 移动 → 中国移动, after a place's name
    bare_levels: dict[str, str]  # 县 → county: the level a bare 县委 or 县政府 belongs to
    coordinated_chars: tuple[int, int]  # the length of a name listed beside an organization, at least and most
    coordinated_not_ending: tuple[str, ...]  # 企业, 农户: a list member ending so is a kind, not a name
    bare_bodies: tuple[str, ...]  # 委, 政府: what a level alone may head
    bare_not_after: str  # 市县政府, 各级: characters before a level that make it no one place
    bare_prefixes: dict[str, str]  # 团 → 共青团: 团县委 is the county's youth league committee, not its 县委
    reporting_medium: re.Pattern[str] | None  # 告诉上游新闻记者: a medium named by its reporter (group "name")
    min_site_chars: int  # a shorter unlisted …网 is a word (互联网)
    salutation: re.Pattern[str] | None  # a notice's 各…： line: kinds of bodies, no one body
    stock_code: re.Pattern[str] | None  # （000713）, (03690.HK): the bracket after a listed company's name
    stock_class_mark: re.Pattern[str] | None  # -W, -SW after a name on a Hong Kong board: no part of it
    stock_name_chars: tuple[int, int]  # a name before a stock code is this long, at least and most
    org_titles: re.Pattern[str] | None  # 总经理, 创始人: titles that only an organization gives, after its name
    names_may_open_with: str  # 和 of 和邦生物: function characters that may open a company's name
    titled_name_chars: tuple[int, int]  # a name before such a title is this long, at least and most


# Small letters between two Chinese characters are no part of a name: the residue of a wrong decoding or of
# pinyin (…景部h下姜村党总支 names 下姜村党总支); a brand's letters stand at a name's start (TCL集团, vivo公司).
_LETTERS_IN_WORDS = f"(?<=[{CJK}])[a-z]+(?=[{CJK}])"


@lru_cache(maxsize=1)
def org_rules() -> OrgRules:
    rules = read_toml("org_rules.toml")
    suffixes = dict(sorted(rules["suffixes"].items(), key=lambda kv: -len(kv[0])))
    boundary_words = tuple(sorted(rules["boundary_words"], key=len, reverse=True))
    bare, coordinated = rules.get("bare_level", {}), rules.get("coordinated", {})
    stock = rules.get("stock_code", {})
    titled = rules.get("titled", {})
    return OrgRules(
        suffix_re=re.compile("|".join(re.escape(s) for s in suffixes)),
        suffixes=suffixes,
        short_suffixes=frozenset(rules["short_suffixes"]),
        short_suffix_prefixes=tuple(rules["short_suffix_prefixes"]),
        boundary=re.compile(
            "|".join(re.escape(w) for w in boundary_words)
            + f"|[{re.escape(rules['boundary_chars'])}]|[^{CJK}A-Za-z0-9]|{_LETTERS_IN_WORDS}"
        ),
        hard_boundary=re.compile(f"[{re.escape(rules['boundary_chars'])}]|[^{CJK}A-Za-z0-9]|{_LETTERS_IN_WORDS}"),
        boundary_chars=rules["boundary_chars"],
        joined_stems=re.compile("|".join(map(re.escape, rules["joined_stems"]))) if rules.get("joined_stems") else None,
        boundary_words=boundary_words,
        not_followed_by=dict(rules["not_followed_by"]),
        not_preceded_by=dict(rules.get("not_preceded_by", {})),
        short_form_not_followed_by=dict(rules.get("short_form_not_followed_by", {})),
        name_not_followed_by=dict(rules.get("name_not_followed_by", {})),
        generic=frozenset(rules["generic"]["names"]),
        max_chars=int(rules["max_chars"]),
        role_endings=tuple(rules.get("role_endings", ())),
        name_starts=tuple(rules.get("name_starts", ())),
        place_endings=tuple(rules.get("place_endings", ())),
        generic_body_max=int(rules.get("generic_body_max", 0)),
        generic_openings=tuple(rules.get("generic_openings", ())),
        ranking=re.compile(rules["ranking"]) if rules.get("ranking") else None,
        small_place_endings=tuple(rules.get("small_place_endings", ())),
        small_place_kinds=frozenset(rules.get("small_place_kinds", ())),
        regional_brands=dict(rules.get("regional_brands", {})),
        bare_levels=dict(bare.get("levels", {})),
        coordinated_chars=(int(coordinated.get("min_chars", 0)), int(coordinated.get("max_chars", 0))),
        coordinated_not_ending=tuple(coordinated.get("not_ending", ())),
        bare_bodies=tuple(sorted(bare.get("bodies", ()), key=len, reverse=True)),
        bare_not_after=bare.get("not_after", ""),
        bare_prefixes=dict(bare.get("prefixes", {})),
        reporting_medium=_reporting_medium(rules.get("reporting_media")),
        min_site_chars=int(rules.get("reporting_media", {}).get("min_site_chars", 0)),
        salutation=re.compile(rules["salutation"], re.MULTILINE) if rules.get("salutation") else None,
        stock_code=re.compile(stock["code"]) if stock.get("code") else None,
        stock_class_mark=re.compile(stock["class_mark"]) if stock.get("class_mark") else None,
        stock_name_chars=tuple(stock.get("name_chars", (0, 0))),
        org_titles=compile_words(titled.get("titles", ())),
        titled_name_chars=tuple(titled.get("name_chars", (0, 0))),
        names_may_open_with=stock.get("names_may_open_with", ""),
    )


def words_pattern(words: Iterable[str]) -> str:
    """An alternation of literal words, the longest first (日报社 is tried before 日报)."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def compile_words(words: Iterable[str]) -> re.Pattern[str] | None:
    """``words_pattern`` compiled, or None for no words."""
    words = tuple(words)
    return re.compile(words_pattern(words)) if words else None


def _reporting_medium(spec: dict | None) -> re.Pattern[str] | None:
    """The pattern of ``[reporting_media]``: the name runs from after a verb or a break to a medium's ending."""
    if not spec:
        return None
    after = "|".join(map(re.escape, spec["after"]))
    endings = words_pattern(spec["endings"])
    reporters = words_pattern(spec["reporters"])
    return re.compile(
        rf"(?:{after}|[，。、；：！？“”（(\n]|^)(?P<name>(?:(?!{after}|在)[{CJK}]){{2,6}}?(?:{endings}))(?:{reporters})"
    )


@lru_cache(maxsize=1)
def place_short_name_blocklist() -> frozenset[str]:
    return frozenset(read_toml("place_rules.toml")["short_name_blocklist"])


@dataclass(frozen=True)
class TwoCharacterPlaceWords:
    """When a two-character place's name (成县, 范县) is part of other words (``data/place_rules.toml``)."""

    level_words: dict[str, str]  # a level character → the characters after it that make a word of it (县级, 县域)
    openings: frozenset[str]  # words ending in a place's first character (示范 of 示范县)


@lru_cache(maxsize=1)
def two_character_place_words() -> TwoCharacterPlaceWords:
    spec = read_toml("place_rules.toml").get("two_character_names", {})
    return TwoCharacterPlaceWords(dict(spec.get("level_words", {})), frozenset(spec.get("openings", ())))


@dataclass(frozen=True)
class PeopleRules:
    """A person is a name of two or three characters after a title (``data/people.toml``)."""

    title_before_name: re.Pattern[str]
    follow: str  # characters that may follow a name
    surnames: frozenset[str]


@lru_cache(maxsize=1)
def people_rules() -> PeopleRules:
    spec = read_toml("people.toml")
    titles = words_pattern(spec["titles"])
    surnames = spec["surnames"].strip()
    return PeopleRules(re.compile(rf"(?:{titles})(?=[{surnames}])"), spec["follow"], frozenset(surnames))


@dataclass(frozen=True)
class UnitVocabulary:
    """Units, counted nouns and the words around figures (``data/units.toml``)."""

    units: dict[str, dict]  # unit → {"kind", "category"}
    counted_nouns: frozenset[str]
    subject_stops: tuple[str, ...]  # longest first
    stop_holders: tuple[str, ...]  # words a one-character stop is part of (从业, 有限): no stop there
    subject_links: tuple[str, ...]  # longest first
    allowed_categories: dict[str, list[str]]  # unit kind → categories it may take
    coverage_endings: tuple[str, ...]
    category_words: dict[str, re.Pattern[str]]  # category → its words of the subject or clause, in the file's order


@lru_cache(maxsize=1)
def unit_vocabulary() -> UnitVocabulary:
    spec = read_toml("units.toml")
    return UnitVocabulary(
        units=dict(spec["units"]),
        counted_nouns=frozenset(spec["counted_nouns"]["nouns"]),
        subject_stops=tuple(sorted(spec["subject_stops"]["words"], key=len, reverse=True)),
        stop_holders=tuple(spec["subject_stops"].get("held_in", ())),
        subject_links=tuple(sorted(spec["subject_links"]["words"], key=len, reverse=True)),
        allowed_categories=dict(spec["allowed_categories"]),
        coverage_endings=tuple(spec["coverage_nouns"]["endings"]),
        category_words={
            category: re.compile("|".join(map(re.escape, words)) if words else "(?!)")  # no word: never
            for category, words in spec["subject_categories"].items()
        },
    )


@dataclass(frozen=True)
class EventWords:
    """What a date's neighbours say of it, and which verbs make which kind of event (``data/events.toml``)."""

    target_words: tuple[str, ...]  # 到 2026年底: a target
    as_of_before: tuple[str, ...]  # 截至 2023年8月: as of
    as_of_after: tuple[str, ...]
    kinds: dict[str, tuple[str, ...]]  # kind → verbs, in order of precedence


@lru_cache(maxsize=1)
def event_words() -> EventWords:
    spec = read_toml("events.toml")
    return EventWords(
        target_words=tuple(spec["target_words"]),
        as_of_before=tuple(spec["as_of_before"]),
        as_of_after=tuple(spec["as_of_after"]),
        kinds={kind: tuple(verbs) for kind, verbs in spec["kinds"].items()},
    )


@dataclass(frozen=True)
class ThemeVocabulary:
    """The policy's themes and their keywords (``data/themes.toml``), with one automaton over every keyword."""

    taxonomy: dict[str, tuple[str, ...]]  # theme → keywords, in the file's order
    automaton: ahocorasick_rs.AhoCorasick
    keywords: tuple[str, ...]  # the automaton's patterns
    themes_of: dict[str, tuple[str, ...]]  # keyword → the themes it belongs to


@lru_cache(maxsize=1)
def theme_vocabulary() -> ThemeVocabulary:
    taxonomy = {theme: tuple(spec["keywords"]) for theme, spec in read_toml("themes.toml").items()}
    themes_of: dict[str, list[str]] = {}
    for theme, words in taxonomy.items():
        for word in words:
            themes_of.setdefault(word, []).append(theme)
    keywords = tuple(themes_of)
    return ThemeVocabulary(
        taxonomy,
        ahocorasick_rs.AhoCorasick(list(keywords)),
        keywords,
        {w: tuple(t) for w, t in themes_of.items()},
    )
