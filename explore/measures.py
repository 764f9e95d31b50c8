"""What a figure counts: its measure (villages, people trained, money put in …), from ``data/measures.toml``.

A unit is not a measure: 25.5万行政村, 11部门 and 2个方向 all count in 个.
:func:`measure_of` reads a figure's unit, the noun it counts and the words of
its clause against the rules of the data file and gives the first measure
that fits, else ``other`` (never forced). :func:`unit_family` says which
units measure the same thing and how to bring a value to the family's base
unit (斤 → 公斤), so that a measure is compared only within one family.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from explore.gazetteer import compile_words, read_toml

OTHER = "other"
_NOUN_TAILS = ("数量", "总数", "总量", "规模", "数目", "数")
# Words between the noun or verb and the number that say nothing of the measure: 增长了, 超过了, 约达, 将达到,
# 就有, 仅有. (Not 至/到: 提升至 99% gives a level, not a growth.)
_QUOTES_AND_SPACE = "“”‘’「」《》 "
_LINKS = re.compile(
    rf"(?:了|达到|达|为|约|近|超过|超|逾|突破|破|至少|高达|分别|已经|已|将|有|共|累计|的|就|也|还|仅|只"
    rf"|[{_QUOTES_AND_SPACE}])+$"
)
_HEAD_SKIP = re.compile(r"^(?:的|之|[“”‘’「」《》（( ])+")
_HEAD = 12  # characters after a number read for the noun it counts (5个】具有行业影响力的标杆项目)


@dataclass(frozen=True)
class Measure:
    id: str
    label: str  # what a reader sees, Chinese then English
    unit: str  # the unit its values are shown in


@dataclass(frozen=True)
class _Rule:
    measure: str
    units: frozenset[str]  # "" stands for a bare number scaled by 万/亿
    nouns: tuple[str, ...]
    words: re.Pattern[str] | None
    ends: tuple[str, ...]
    unless: re.Pattern[str] | None
    part_of: tuple[str, ...] = ()  # the clause before the figure, its link words kept, ends so (户数的10%)

    def first_noun(self, head: str) -> tuple[int, int] | None:
        """Where the earliest of its nouns starts in ``head`` (and minus its length: the longer wins a tie)."""
        found = [(head.find(n), -len(n)) for n in self.nouns if n in head]
        return min(found) if found else None


class FigureContext(NamedTuple):
    """What :func:`measure_of` reads of one figure (a named tuple: made for every figure, and the cache's key)."""

    unit: str | None  # None: a bare number scaled by 万/亿
    counted: str | None  # what the figure counts when it is named right after it (25.5万行政村, 6个方向), if so
    before: str  # the clause before the number
    after: str  # the text after the figure up to the next break
    context: str  # the words around the figure, wider than the clause (back to the last comma)


@dataclass(frozen=True)
class MeasureRules:
    measures: dict[str, Measure]  # in the file's order, ``other`` last
    rules: tuple[_Rule, ...]
    modifiers: re.Pattern[str] | None  # words qualifying a noun, set aside before it is looked for
    families: dict[str, tuple[str, float]]  # unit → (family, factor to its base unit)
    by_unit: dict[str, tuple[_Rule, ...]]  # unit ("" for none) → the rules that may apply to it, in order


@lru_cache(maxsize=1)
def measure_rules() -> MeasureRules:
    spec = read_toml("measures.toml")
    measures = {key: Measure(key, value["label"], value["unit"]) for key, value in spec["measures"].items()}
    rules = []
    for rule in spec["rule"]:
        if rule["measure"] not in measures:
            raise ValueError(f"measures.toml: a rule gives {rule['measure']!r}, which [measures] does not define")
        rules.append(
            _Rule(
                measure=rule["measure"],
                units=frozenset(rule["units"]),
                nouns=tuple(rule.get("nouns", ())),
                words=compile_words(rule.get("words", [])),
                ends=tuple(rule.get("ends", ())),
                unless=compile_words(rule.get("unless", [])),
                part_of=tuple(rule.get("part_of", ())),
            )
        )
    families = {
        unit: (family, float(factor)) for family, units in spec["families"].items() for unit, factor in units.items()
    }
    by_unit: dict[str, list[_Rule]] = {}
    for rule in rules:
        for unit in rule.units:
            by_unit.setdefault(unit, []).append(rule)
    return MeasureRules(
        measures,
        tuple(rules),
        compile_words(spec["modifiers"]["words"]),
        families,
        {unit: tuple(unit_rules) for unit, unit_rules in by_unit.items()},
    )


def counted_noun(subject: str) -> str:
    """The noun a subject counts: 淘宝村数量 → 淘宝村."""
    for tail in _NOUN_TAILS:
        if subject.endswith(tail) and len(subject) > len(tail):
            return subject[: -len(tail)]
    return subject


def _noun_rule(candidates: list[_Rule], head: str, tail: str) -> _Rule | None:
    """The rule whose noun the figure counts: the earliest found after the number, else the longest that ends the
    clause before it (网店, not 店); ties go to the earlier rule."""
    after = [(r.first_noun(head), i) for i, r in enumerate(candidates) if r.nouns]
    after = [(position, i) for position, i in after if position is not None]
    if after:
        return candidates[min(after)[1]]
    before = [
        (-max(len(n) for n in r.nouns if tail.endswith(n)), i)
        for i, r in enumerate(candidates)
        if r.nouns and tail.endswith(r.nouns)
    ]
    return candidates[min(before)[1]] if before else None


@lru_cache(maxsize=8192)
def measure_of(figure: FigureContext) -> str:
    """The measure of a figure: the first rule that fits, else ``other``.

    The noun a count counts is read first after the number (25.5万个行政村, 5个具有行业影响力的标杆项目: the
    noun of any rule found earliest there), else at the end of the clause before it (淘宝村数量达780个).
    Only the rules of the figure's unit are read; the same context gives the same measure (cached).
    """
    spec = measure_rules()
    rules = spec.by_unit.get(figure.unit or "", ())
    context = figure.context + "\u0000" + figure.after  # no word spans the figure itself
    candidates = [r for r in rules if not (r.unless and r.unless.search(context))]
    before = _LINKS.sub("", figure.before)
    noun_rule: _Rule | None = None
    nouns_read = False
    for rule in candidates:
        if not (rule.nouns or rule.words or rule.ends or rule.part_of):
            return rule.measure
        if rule.nouns and not nouns_read:  # the noun counted is looked for once, when a rule first asks
            noun_rule, nouns_read = _noun_rule(candidates, _head(figure, spec), counted_noun(before)), True
        if rule is noun_rule:
            return rule.measure
        if (rule.words and rule.words.search(context)) or (rule.ends and before.endswith(rule.ends)):
            return rule.measure
        if rule.part_of and figure.before.rstrip(_QUOTES_AND_SPACE).endswith(rule.part_of):
            return rule.measure
    return OTHER


def _head(figure: FigureContext, spec: MeasureRules) -> str:
    """The words right after the number, where the noun it counts is looked for first."""
    head = _HEAD_SKIP.sub("", figure.after)[:_HEAD]
    if figure.counted and not head.startswith(figure.counted):
        head = figure.counted + head  # a counted noun inside the match (25.5万行政村)
    return spec.modifiers.sub("", head) if spec.modifiers else head


def unit_family(unit: str | None) -> tuple[str, float]:
    """The family a unit belongs to and the factor to its base unit (斤 → weight, 0.5); other units count things."""
    return measure_rules().families.get(unit or "", ("count", 1.0))


def measures() -> dict[str, Measure]:
    """Every measure, in the order of the data file (``other`` last)."""
    return measure_rules().measures
