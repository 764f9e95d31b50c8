"""Themes of the digital-village policy, found by their keywords (``data/themes.toml``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick_rs

from explore.gazetteer import read_toml


@dataclass(frozen=True)
class ThemeHit:
    theme: str
    n_hits: int
    evidence: tuple[str, ...]  # the keywords found, most frequent first


@lru_cache(maxsize=1)
def taxonomy() -> dict[str, tuple[str, ...]]:
    return {theme: tuple(spec["keywords"]) for theme, spec in read_toml("themes.toml").items()}


@lru_cache(maxsize=1)
def _keyword_automaton() -> tuple[ahocorasick_rs.AhoCorasick, list[str], dict[str, tuple[str, ...]]]:
    """Every keyword occurrence in one pass (培训 inside 培训班 counts too), and each keyword's themes."""
    themes_of: dict[str, list[str]] = {}
    for theme, words in taxonomy().items():
        for word in words:
            themes_of.setdefault(word, []).append(theme)
    keywords = list(themes_of)
    return ahocorasick_rs.AhoCorasick(keywords), keywords, {w: tuple(t) for w, t in themes_of.items()}


def find_themes(text: str) -> list[ThemeHit]:
    automaton, keywords, themes_of = _keyword_automaton()
    counts = Counter(keywords[i] for i, _start, _end in automaton.find_matches_as_indexes(text, overlapping=True))
    if not counts:
        return []
    found: dict[str, list[str]] = {}
    for keyword in counts:
        for theme in themes_of[keyword]:
            found.setdefault(theme, []).append(keyword)
    hits = []
    for theme, keywords in taxonomy().items():
        if theme in found:
            evidence = sorted(found[theme], key=lambda k: (-counts[k], keywords.index(k)))  # ties: taxonomy order
            hits.append(ThemeHit(theme, sum(counts[k] for k in evidence), tuple(evidence)))
    return hits
